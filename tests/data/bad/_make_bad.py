"""Write the corpus of hostile and broken input files (deterministic: no randomness).

Run ``python tests/data/bad/_make_bad.py`` to rewrite the committed files.
Files too big to commit (the 1 MB cell) are made by :func:`big_cell` in the
test's ``tmp_path``. What each file must give is in ``README.md`` here and in
the table of ``tests/test_bad_input.py``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent

LONG_HEADER = "répondant;structure;secteur;partenaire;type de relation;fréquence;confiance\n"


def files() -> dict[str, bytes]:
    """Name -> content of every committed file."""
    out: dict[str, bytes] = {}
    u = lambda text: text.encode("utf-8")  # noqa: E731

    out["empty.csv"] = b""
    out["blank_lines_only.csv"] = b"\r\n  \r\n\t\r\n"
    out["header_only.csv"] = u(LONG_HEADER)
    out["binary_png.csv"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    out["excel_saved_as_csv.csv"] = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(200))
    out["binary_nul.csv"] = b"nom;secteur\nMairie;public\nAsso\x00\x01\x02;\xff\xfe\x00\n"
    out["utf16_bom.csv"] = codecs.BOM_UTF16_LE + (
        "répondant\tstructure\tpartenaire\r\nAnne\tMairie d'Antony\tAsso Vélo\r\n"
        "Léa\tAsso Vélo\tRessourcerie Lefèvre\r\n").encode("utf-16-le")
    out["utf16_no_bom.csv"] = (
        "structure;partenaire\r\nMairie d'Antony;Asso Vélo\r\n").encode("utf-16-le")
    # a UTF-8 file where someone pasted one line from a cp1252 file
    out["mixed_encodings.csv"] = (
        u("structure;partenaire\nMairie d'Antony;Asso Vélo\n")
        + "Ressourcerie Lefèvre;Mairie d'Antony\n".encode("cp1252")
        + u("Tiers-Lieu Écluse;Asso Vélo\n"))
    out["excel_sep_line.csv"] = "sep=;\r\nstructure;partenaire;fréquence\r\nMairie;Asso, Vélo;3,5\r\n" \
        "Asso, Vélo;Mairie;1\r\n".encode("cp1252")
    out["one_column.csv"] = u("nom\nMairie d'Antony\nAsso Vélo, Antony\nCAF\n")
    out["ragged_rows.csv"] = u("structure;partenaire;fréquence\n"
                               "Mairie;Asso Vélo;mensuel;EXTRA;encore\n"  # 2: too many
                               "Asso Vélo;Mairie\n"                       # 3: too few
                               "CAF\n"                                    # 4: far too few
                               "CAF;Mairie;hebdomadaire\n")               # 5: fine
    out["unbalanced_quote.csv"] = u('structure;partenaire\nMairie;Asso Vélo\n'
                                    'CAF;"Mission locale\nAsso Vélo;Mairie\nCAF;Mairie\n')
    out["stray_quote_in_cell.csv"] = u('structure;partenaire;thème\nMairie;Asso Vélo;écran 24"\n'
                                       'CAF;Mairie;x\n')
    out["duplicate_and_blank_headers.csv"] = u(
        "structure;partenaire;;partenaire;Structure\n"
        "Mairie;Asso Vélo;note;CAF;Autre\n"
        "CAF;Mairie;;;\n")
    # 10,000 columns: a roster with 9,999 listed actors and 3 respondents
    names = [f"Structure {i:05d}" for i in range(1, 10_000)]
    rows = ["structure;" + ";".join(names)]
    for r, name in enumerate(("Structure 00001", "Structure 00500", "Structure 09999")):
        cells = ["x" if (j * 7 + r) % 2000 == 0 else "" for j in range(len(names))]
        rows.append(name + ";" + ";".join(cells))
    out["columns_10000.csv"] = u("\n".join(rows) + "\n")
    out["trust_beaucoup.csv"] = u(LONG_HEADER
                                  + "Anne;Mairie;public;Asso Vélo;collaboration;mensuel;4\n"
                                  + "Paul;Asso Vélo;association;Mairie;collaboration;mensuel;beaucoup\n"
                                  + "Léa;CAF;public;Mairie;information;;5\n")
    out["na_and_codes_actors.csv"] = u(
        "nom;secteur;territoire;code\n"
        "Région Nouvelle-Aquitaine;public;NA;075\n"
        "Mairie de Bourg;public;01000;01053\n"
        "Asso None;association;None;007\n")
    out["na_and_codes_survey.csv"] = u(
        "structure;partenaire;territoire\n"
        "Région Nouvelle-Aquitaine;Mairie de Bourg;NA\n"
        "Mairie de Bourg;Asso None;01000\n"
        "NA;007;NA\n")
    # Excel merged cells: the respondent only on the first row of each block
    out["merged_cells.csv"] = u(
        LONG_HEADER
        + "Anne Martin;Mairie d'Antony;public;Asso Vélo;collaboration;mensuel;4\n"
        + ";;;CAF;information;hebdomadaire;5\n"
        + ";;;Tiers-Lieu;collaboration;;\n"
        + "Léa Petit;Asso Vélo;association;Mairie d'Antony;collaboration;mensuel;3\n"
        + ";;;Ressourcerie;information;;\n"
        + ";;;;;;\n")
    out["merged_cells_interviews.csv"] = u(
        "entretien;personne interrogée;structure;acteur cité;ton;citation\n"
        "E1;Léa;Asso Vélo;Mairie;négatif;ils ne nous écoutent pas\n"
        ";;;CAF;positif;toujours là\n"
        "E2;Paul;Mairie;Asso Vélo;positif;des partenaires sérieux\n")
    out["same_tie_twice.csv"] = u(
        LONG_HEADER
        + "Anne;Mairie;public;Asso Vélo;collaboration;mensuel;4\n"
        + "Paul;MAIRIE;public;asso velo;Collaboration;hebdomadaire;2\n"
        + "Anne;Mairie;public;Asso Vélo;collaboration;mensuel;4\n")
    out["self_nominations.csv"] = u(
        LONG_HEADER
        + "Anne;Mairie;public;Mairie;collaboration;;\n"             # 2: whole row
        + "Paul;Mairie;public;Asso Vélo; CAF ; mairie;collaboration;;\n".replace(
            "Asso Vélo; CAF ; mairie", "\"Asso Vélo; CAF; mairie\"")  # 3: part of a row
        + "Léa;Asso Vélo;association;Mairie;collaboration;;\n")
    # one respondent naming 500 contacts (wide layout)
    head = ["répondant", "structure"] + [f"Contact {i}" for i in range(1, 501)]
    row = ["Anne", "Mairie"] + [f"Structure {i:03d}" for i in range(1, 501)]
    out["contacts_500.csv"] = u(";".join(head) + "\n" + ";".join(row) + "\nPaul;CAF;Mairie"
                                + ";" * 499 + "\n")
    out["formula_cells.csv"] = u(
        "structure;partenaire;thème\n"
        "'=Mairie;'-Tiers Lieu;'@SUM(A1)\n"
        "l'Atelier;'Sud;-3\n")
    out["self_mention_interviews.csv"] = u(
        "entretien;structure;acteur cité;citation\n"
        "E1;Asso Vélo;Asso Vélo;nous-mêmes\n"
        "E1;Asso Vélo;???;illisible\n"
        "E2;Mairie;Asso Vélo;oui\n"
        "E3;???;Mairie;personne\n")
    out["affiliations_repeats.csv"] = u(
        "acteur;événement\nMairie;Comité\nAsso;Comité\nmairie;Comité\n!!!;Comité\n;Atelier\n")
    out["consent_actors.csv"] = u(
        "nom;consentement;courriel;notes\n"
        "Anne Martin;oui;anne@example.org;très bavarde\n"
        "Paul Durand;Non;;\n"
        "Léa Petit;peut-être;;\n"
        "CAF;;;\n")
    return out


def big_cell(path: Path, size: int = 1_000_000) -> Path:
    """An interviews file whose second quote is one cell of ``size`` characters."""
    quote = ("ils ne nous écoutent pas; " * (size // 26 + 1))[:size]
    path.write_text(
        "entretien;structure;acteur cité;citation\n"
        f'E1;Asso Vélo;Mairie;"{quote}"\nE2;Mairie;Asso Vélo;court\n', encoding="utf-8")
    return path


def main() -> None:
    for name, data in files().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
