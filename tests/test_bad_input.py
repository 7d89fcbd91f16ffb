"""The corpus of hostile and broken files (tests/data/bad/): each gives its error or report.

Every file either raises an :class:`InputError` naming the file, the
physical line (1-based), the column where there is one and what to do, or
gives a graph whose import report accounts for every row
(``rows_read == rows_used + rows_skipped``, see :class:`ImportReport`). The
table below is the contract; ``tests/data/bad/README.md`` says the same in
words and ``tests/data/bad/_make_bad.py`` writes the files.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import alliances
from alliances.errors import InputError

BAD = Path(__file__).parent / "data" / "bad"
sys.path.insert(0, str(BAD))
_spec = importlib.util.spec_from_file_location("_make_bad", BAD / "_make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

READERS = {"survey": alliances.read_survey, "interviews": alliances.read_interviews,
           "affiliations": alliances.read_affiliations, "actors": alliances.read_actors}


@dataclass
class Case:
    file: str
    reader: str
    #: InputError expected: (line, column, words of the message)
    error: tuple[int | None, str | None, str] | None = None
    #: otherwise: (rows_read, rows_used, rows_skipped, actors, ties)
    counts: tuple[int, int, int, int, int] | None = None
    #: skipped rows / parts that must be listed: (line, words of the reason)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: problems that must be listed: (line, column, words of the action)
    problems: list[tuple[int, str | None, str]] = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)


CASES = [
    Case("empty.csv", "survey", error=(1, None, "the file is empty; export the table again")),
    Case("blank_lines_only.csv", "actors", error=(1, None, "the file is empty")),
    Case("header_only.csv", "survey", counts=(0, 0, 0, 0, 0)),
    Case("binary_png.csv", "survey", error=(1, None, "PNG image, not a CSV file; open it")),
    Case("excel_saved_as_csv.csv", "interviews",
         error=(1, None, "Excel (.xlsx) or OpenDocument (.ods) workbook")),
    Case("binary_nul.csv", "actors", error=(3, None, "binary file, not a CSV text file")),
    Case("utf16_bom.csv", "survey", counts=(2, 2, 0, 3, 2)),
    Case("utf16_no_bom.csv", "survey", counts=(1, 1, 0, 2, 1)),
    Case("mixed_encodings.csv", "survey", counts=(3, 3, 0, 4, 3),
         problems=[(3, None, "this line is in cp1252 (Windows) while the rest of the file is "
                             "UTF-8")]),
    # "Asso, Vélo" is a respondent's own organisation: never split (issue 13)
    Case("excel_sep_line.csv", "survey", counts=(2, 2, 0, 2, 2), problems=[]),
    Case("one_column.csv", "actors", counts=(3, 3, 0, 3, 0)),
    Case("one_column.csv", "survey",
         error=(1, "contact", 'no "contact" column (the actor each respondent names)')),
    Case("ragged_rows.csv", "survey", counts=(4, 3, 1, 3, 3),
         skipped=[(4, "no contact named")],
         problems=[(1, "column 4", "blank header"), (2, None, "more cells than the header"),
                   (3, None, "fewer cells than the header"), (4, None, "fewer cells")]),
    Case("unbalanced_quote.csv", "survey",
         error=(3, None, 'a quote (") opens a cell on this line and is never closed')),
    Case("stray_quote_in_cell.csv", "survey", counts=(2, 2, 0, 3, 2)),
    Case("duplicate_and_blank_headers.csv", "survey", counts=(2, 2, 0, 3, 3),
         problems=[(1, "column 3", "blank header"),
                   (1, "partenaire (2)", "duplicate header 'partenaire'"),
                   (1, "Structure (2)", "duplicate header 'Structure'")]),
    Case("columns_10000.csv", "survey", counts=(3, 3, 0, 9999, 14),
         problems=[(1, None, "roster cells read as tick values")]),
    Case("trust_beaucoup.csv", "survey", counts=(3, 3, 0, 3, 3),
         problems=[(3, "confiance", "trust not understood on the 1..5 scale; kept as missing")]),
    Case("na_and_codes_actors.csv", "actors", counts=(3, 3, 0, 3, 0)),
    Case("na_and_codes_survey.csv", "survey", counts=(3, 3, 0, 5, 3)),
    Case("merged_cells.csv", "survey", counts=(5, 5, 0, 5, 5),
         problems=[(3, "répondant", "respondent cell empty on lines 3 to 4 (2 rows), as Excel "
                                    "writes merged cells: carried down from line 2"),
                   (6, "répondant", "carried down from line 5")]),
    Case("merged_cells.csv", "survey", counts=(5, 2, 3, 2, 2), kwargs={"fill_down": False},
         skipped=[(3, "no respondent or organisation"), (6, "no respondent or organisation")]),
    Case("merged_cells_interviews.csv", "interviews", counts=(3, 3, 0, 3, 3),
         problems=[(3, "entretien", "carried down from line 2")]),
    Case("same_tie_twice.csv", "survey", counts=(3, 3, 0, 2, 1)),
    Case("self_nominations.csv", "survey", counts=(3, 2, 1, 3, 3),
         skipped=[(2, 'self-nomination: "Mairie" names itself'),
                  (3, 'self-nomination: "Mairie" names itself')]),
    Case("contacts_500.csv", "survey", counts=(2, 2, 0, 502, 501),
         problems=[(2, None, '"Mairie" names 500 actors (more than 100): all kept')]),
    Case("formula_cells.csv", "survey", counts=(2, 2, 0, 4, 2)),
    Case("self_mention_interviews.csv", "interviews", counts=(4, 1, 3, 2, 1),
         skipped=[(2, "self-nomination"), (3, 'mentioned actor "???" has no letter or digit'),
                  (5, 'interviewee or organisation "???" has no letter or digit')]),
    Case("affiliations_repeats.csv", "affiliations", counts=(5, 2, 3, 2, 2),
         skipped=[(4, 'already listed in "Comité" (line 2); counted once'),
                  (5, 'actor "!!!" has no letter or digit'), (6, "no actor or no event")]),
    Case("consent_actors.csv", "actors", counts=(4, 4, 0, 4, 0),
         problems=[(4, "consentement", "consent not understood")]),
]


def report_of(result):
    return result.attrs["import_report"] if hasattr(result, "attrs") else \
        result.graph["import_report"]


def check_accounting(report) -> None:
    """The identity of ImportReport, and every skipped row listed once."""
    assert report.unaccounted == 0, (report.rows_read, report.rows_used, report.rows_skipped)
    assert report.rows_read == report.rows_used + report.rows_skipped
    assert report.rows_skipped == report.counts["rows_skipped"]
    rows = [(p, line) for p, line, _, whole in report._skipped if whole]
    assert len(rows) == len(set(rows)), "a row skipped twice"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}-{c.reader}{'-' + str(c.kwargs) if c.kwargs else ''}"
                                             for c in CASES])
def test_bad_file(case: Case):
    path = BAD / case.file
    read = READERS[case.reader]
    if case.error is not None:
        line, column, words = case.error
        with pytest.raises(InputError) as err:
            read(path, **case.kwargs)
        assert err.value.path == str(path)
        assert (err.value.line, err.value.column) == (line, column)
        assert words in str(err.value)
        assert str(err.value).startswith(f"{path}, line {line}")
        return
    result = read(path, **case.kwargs)
    report = report_of(result)
    check_accounting(report)
    n_actors = len(result) if case.reader == "actors" else result.number_of_nodes()
    assert (report.rows_read, report.rows_used, report.rows_skipped, n_actors,
            report.ties) == case.counts
    skipped = report.skipped
    for line, words in case.skipped:
        hits = skipped[(skipped["line"] == line) & skipped["reason"].str.contains(words, regex=False)]
        assert len(hits) == 1, (line, words, skipped.values.tolist())
    problems = report.problems
    for line, column, words in case.problems:
        hits = [p for p in problems.to_dict("records")
                if p["line"] == line and p["column"] == column and words in p["action"]]
        assert len(hits) == 1, (line, column, words, problems.values.tolist())


def test_every_corpus_file_is_in_the_table():
    tried = {c.file for c in CASES}
    assert sorted(p.name for p in BAD.glob("*.csv")) == sorted(tried)


def test_corpus_files_are_what_the_generator_writes():
    for name, data in make_bad.files().items():
        assert (BAD / name).read_bytes() == data, name


def test_readme_lists_every_file():
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for c in CASES:
        assert f"`{c.file}`" in readme, c.file


# ----------------------------------------------------------------- what the graphs hold

def test_utf16_and_mixed_encodings_keep_accents():
    G = alliances.read_survey(BAD / "utf16_bom.csv")
    assert G.has_edge("asso-velo", "ressourcerie-lefevre", "collaboration")
    assert G.nodes["ressourcerie-lefevre"]["label"] == "Ressourcerie Lefèvre"
    G = alliances.read_survey(BAD / "mixed_encodings.csv")
    assert G.nodes["ressourcerie-lefevre"]["label"] == "Ressourcerie Lefèvre"
    assert G.nodes["tiers-lieu-ecluse"]["label"] == "Tiers-Lieu Écluse"  # not "Ã‰cluse"


def test_excel_sep_line_keeps_physical_lines_and_comma_decimals():
    G = alliances.read_survey(BAD / "excel_sep_line.csv", multi_sep="|")
    tie = G.edges["mairie", "asso-velo", "collaboration"]
    assert (tie["weight"], [e.line for e in tie["evidence"]]) == (3.5, [3])


def test_one_column_registry_keeps_commas_in_names():
    reg = alliances.read_actors(BAD / "one_column.csv")
    assert reg["label"].tolist() == ["Mairie d'Antony", "Asso Vélo, Antony", "CAF"]


def test_na_and_leading_zero_codes_stay_text():
    reg = alliances.read_actors(BAD / "na_and_codes_actors.csv")
    assert reg["territory"].tolist() == ["NA", "01000", "None"]
    G = alliances.read_survey(BAD / "na_and_codes_survey.csv")
    assert "na" in G and "007" in G  # "NA" and "007" are actors, not missing values
    assert G.nodes["007"]["label"] == "007"
    assert G.nodes["region-nouvelle-aquitaine"]["territory"] == "NA"
    assert G.nodes["mairie-de-bourg"]["territory"] == "01000"


def test_merged_cells_carry_the_respondent_down():
    G = alliances.read_survey(BAD / "merged_cells.csv")
    assert sorted(G.edges(keys=True)) == [
        ("asso-velo", "mairie-d-antony", "collaboration"),
        ("asso-velo", "ressourcerie", "information"),
        ("mairie-d-antony", "asso-velo", "collaboration"),
        ("mairie-d-antony", "caf", "information"),
        ("mairie-d-antony", "tiers-lieu", "collaboration")]
    assert G.edges["mairie-d-antony", "caf", "information"]["trust"] == 1.0
    assert [e.line for e in G.edges["mairie-d-antony", "tiers-lieu", "collaboration"]["evidence"]] == [4]


def test_same_tie_twice_is_one_tie_with_both_lines():
    G = alliances.read_survey(BAD / "same_tie_twice.csv")
    tie = G.edges["mairie", "asso-velo", "collaboration"]
    assert [e.line for e in tie["evidence"]] == [2, 3, 4]
    assert (tie["weight"], tie["trust"]) == (4.0, round((0.75 + 0.25 + 0.75) / 3, 6))
    assert G.graph["import_report"].ties_merged == 2


def test_self_nominations_are_counted_and_the_rest_of_the_row_kept():
    G = alliances.read_survey(BAD / "self_nominations.csv")
    assert sorted(G.edges(keys=False)) == [("asso-velo", "mairie"), ("mairie", "asso-velo"),
                                           ("mairie", "caf")]
    assert G.graph["import_report"].self_nominations == 2


def test_500_contacts():
    G = alliances.read_survey(BAD / "contacts_500.csv")
    assert G.out_degree("mairie") == 500
    assert G.nodes["structure-500"]["respondent"] is False


def test_protective_quotes_of_exports_are_removed_only_where_added():
    G = alliances.read_survey(BAD / "formula_cells.csv")
    labels = sorted(d["label"] for _, d in G.nodes(data=True))
    assert labels == ["'Sud", "-Tiers Lieu", "=Mairie", "l'Atelier"]
    assert G.edges["mairie", "tiers-lieu", "collaboration"]["themes"] == ("@SUM(A1)",)
    assert G.edges["l-atelier", "sud", "collaboration"]["themes"] == ("-3",)


def test_consent_reaches_nodes_but_private_columns_do_not():
    reg = alliances.read_actors(BAD / "consent_actors.csv")
    assert reg["consent"].tolist() == [True, False, None, None]
    G = alliances.load({"actors": BAD / "consent_actors.csv"})
    assert {n: d.get("consent") for n, d in G.nodes(data=True)} == {  # not recorded: absent
        "anne-martin": True, "paul-durand": False, "lea-petit": None, "caf": None}
    for _, d in G.nodes(data=True):
        assert "email" not in d and "notes" not in d and "courriel" not in d


def test_a_1mb_cell(tmp_path):
    path = make_bad.big_cell(tmp_path / "interviews.csv")
    G = alliances.read_interviews(path)
    quote = G.edges["asso-velo", "mairie", "mention"]["evidence"][0].quote
    assert len(quote) == 1_000_000 and quote.startswith("ils ne nous écoutent pas; ")
    report = G.graph["import_report"]
    check_accounting(report)
    assert (report.rows_read, report.ties) == (2, 2)
    assert [e.line for e in G.edges["mairie", "asso-velo", "mention"]["evidence"]] == [3]


def test_consent_from_a_loaded_graph_is_honoured_by_pseudonymize(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "nom;type;consentement;courriel\nAnne Martin;personne;oui;anne@example.org\n"
        "Paul Durand;personne;non;paul@example.org\nMairie;structure;;\n", encoding="utf-8")
    (tmp_path / "survey.csv").write_text(
        "répondant;partenaire\nAnne Martin;Paul Durand\nAnne Martin;Mairie\n"
        "Paul Durand;Mairie\n", encoding="utf-8")
    G = alliances.load(tmp_path)
    assert (G.nodes["anne-martin"]["consent"], G.nodes["paul-durand"]["consent"],
            G.nodes["mairie"].get("consent")) == (True, False, None)
    assert not any("email" in d or "courriel" in d for _, d in G.nodes(data=True))
    P = alliances.pseudonymize(G, key="k" * 32)
    # Paul refused: removed with his ties; Anne is coded; the organisation stays
    assert "mairie" in P and "paul-durand" not in P and "anne-martin" not in P
    assert P.number_of_nodes() == 2 and P.number_of_edges() == 1
