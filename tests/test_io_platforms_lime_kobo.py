"""LimeSurvey, KoboToolbox and ODK exports read with the natural call (issue 13, section 3).

The files of tests/data/io/platforms/ named limesurvey_*, kobo_*, odk_* are written by
limesurvey_kobo_make.py to each tool's documented export layout (README_limesurvey_kobo.md).
The expected ties below were worked out by hand from the study written in that script's
docstring; the registry is the folder's acteurs.csv (eight organisations).
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

import alliances
from alliances.errors import InputError
from alliances.io.platforms import kobo, limesurvey
from alliances.io.survey import read_survey
from alliances.io.workbook import read_any, read_sheet, sheet_names
from alliances.model import normalize_text, tie_sign

HERE = Path(__file__).parent / "data" / "io" / "platforms"
REGISTRY = HERE / "acteurs.csv"

MAIRIE, VELO, ATELIERS = "mairie-de-plaisance", "velo-plaisance", "ateliers-insertion-co"
FABRIQUE, CAF, BUS = "tiers-lieu-la-fabrique", "caf-du-gers", "plaisance-mobilite-bus-tad"
LYCEE, PANIER = "lycee-jean-monnet", "le-panier-solidaire"
SIX = {MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS}

# (source, target, relation) -> (weight, trust); frequencies: plusieurs fois par an 2,
# tous les mois 3, toutes les semaines 4, une fois par an 1; trust: tout à fait 1,
# plutôt 0.75, moyennement 0.5, peu 0.25. Fabrique -> CAF "jamais": no tie.
FULL = {
    (MAIRIE, VELO, "collaboration"): (2.0, 1.0),
    (MAIRIE, ATELIERS, "funding"): (3.0, 0.5),
    (MAIRIE, BUS, "collaboration"): (4.0, 0.75),
    (VELO, MAIRIE, "information"): (3.0, 0.75),
    (VELO, FABRIQUE, "collaboration"): (4.0, 1.0),
    (ATELIERS, MAIRIE, "conflict"): (2.0, 0.25),
    (ATELIERS, CAF, "funding"): (1.0, 0.5),
    (FABRIQUE, VELO, "collaboration"): (4.0, 1.0),
}
NO_RELATION = {(u, v, "collaboration"): wt for (u, v, _), wt in FULL.items()}
TICKS = {(u, v, "collaboration"): (1.0, None) for (u, v, _) in FULL}
# LimeSurvey English grid: CAF typed in the "Other" box (no frequency, trust or relation)
GRID_EN = {**{k: v for k, v in FULL.items() if k[:2] != (ATELIERS, CAF)},
           (ATELIERS, CAF, "collaboration"): (1.0, None)}

#: file -> (tool in the report, ties, source rows that hold the ties)
EXPECTED = {
    "limesurvey_codes_fr.csv": ("LimeSurvey (question codes headings)", FULL),
    "limesurvey_code_texte_fr.csv": ("LimeSurvey (question code & question text headings)",
                                     FULL),
    "limesurvey_texte_en.csv": ("LimeSurvey (full question text headings)", GRID_EN),
    "limesurvey_texte_fr.xlsx": ("LimeSurvey (full question text headings)", NO_RELATION),
    "kobo_xml.csv": ("KoboToolbox (XML names as headers)", TICKS),
    "kobo_slots_en.csv": ("KoboToolbox (XML names as headers)", NO_RELATION),
    "kobo_labels_fr.xlsx": ("KoboToolbox (labels as headers)", FULL),
    "odk_reseau.csv": ("ODK Central (XML names as headers)", FULL),
    "odk_export.zip": ("ODK Central (XML names as headers)", FULL),
}
#: responses: one line per respondent (line 1 is the header)
RESPONSE_LINE = {MAIRIE: 2, VELO: 3, ATELIERS: 4, FABRIQUE: 5}
#: repeat rows of kobo_labels_fr.xlsx [partenaires] and odk_reseau-contacts.csv, in order
REPEAT_LINES = {(MAIRIE, VELO): 2, (MAIRIE, ATELIERS): 3, (MAIRIE, BUS): 4, (VELO, MAIRIE): 5,
                (VELO, FABRIQUE): 6, (ATELIERS, MAIRIE): 7, (ATELIERS, CAF): 8,
                (FABRIQUE, VELO): 9}
EVIDENCE_FILE = {"kobo_labels_fr.xlsx": "kobo_labels_fr.xlsx [partenaires]",
                 "odk_reseau.csv": "odk_reseau-contacts.csv",
                 "odk_export.zip": "odk_export.zip [odk_reseau-contacts.csv]",
                 "limesurvey_texte_fr.xlsx": "limesurvey_texte_fr.xlsx [results]"}


def ties(G) -> dict[tuple[str, str, str], tuple[float | None, float | None]]:
    return {(u, v, k): (d.get("weight"), d.get("trust")) for u, v, k, d in G.edges(keys=True,
                                                                                  data=True)}


def exported_tables(name: str) -> list[tuple[list[str], list[list[str]]]]:
    """Each table of the export (sheets, files): headers and rows, read without alliances'
    CSV reader (the standard library; the workbook's cells through read_sheet)."""
    path = HERE / name
    if path.suffix == ".xlsx":
        return [(t.header, t.rows) for t in (read_sheet(path, s) for s in sheet_names(path))]
    texts = []
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            texts = [z.read(m).decode("utf-8") for m in z.namelist()]
    else:
        texts = [path.read_bytes().decode("utf-8-sig")]
        if name == "odk_reseau.csv":
            texts.append((HERE / "odk_reseau-contacts.csv").read_text(encoding="utf-8"))
    out = []
    for text in texts:
        r = list(csv.reader(io.StringIO(text), delimiter=";" if name.startswith("kobo")
                            else ","))
        out.append((r[0], r[1:]))
    return out


def metadata_values(name: str, report) -> set[str]:
    """Headers the report calls metadata, and every cell under them."""
    roles = {}
    for r in report.formats["roles"]:
        roles.update(r)
    meta = {h.split(": ", 1)[-1] for h, role in roles.items() if role == "metadata"}
    cells = {row[j] for headers, rows in exported_tables(name) for row in rows
             for j, h in enumerate(headers) if j < len(row) and h in meta and row[j]}
    return meta | cells


# ----------------------------------------------------------------- the natural call

@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("registry", [True, False], ids=["registry", "no-registry"])
def test_natural_call_gives_the_exact_graph(name, registry):
    tool, expected = EXPECTED[name]
    G = read_survey(HERE / name, actors=REGISTRY if registry else None)
    assert ties(G) == expected
    # no phantom actor: the registry's eight, or the six the file names
    assert set(G.nodes) == (SIX | {LYCEE, PANIER} if registry else SIX)
    report = G.graph["import_report"]
    assert report.formats["tool"].tolist() == [tool]
    assert report.unaccounted == 0
    # metadata never becomes an actor
    labels = {normalize_text(d.get("label", n)) for n, d in G.nodes(data=True)} | set(G.nodes)
    meta = metadata_values(name, report)
    assert meta, "the report names the metadata columns"
    for value in meta:
        assert normalize_text(value) not in labels, value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_tie_points_at_the_row_it_came_from(name):
    G = read_survey(HERE / name)
    file = EVIDENCE_FILE.get(name, name)
    for u, v, _k, d in G.edges(keys=True, data=True):
        assert [(e.file, e.line) for e in d["evidence"]] == [
            (file, REPEAT_LINES[(u, v)] if name in ("kobo_labels_fr.xlsx", "odk_reseau.csv",
                                                    "odk_export.zip")
             else RESPONSE_LINE[u])], (u, v)


def test_signs_and_sectors_follow_the_model():
    G = read_survey(HERE / "kobo_labels_fr.xlsx")
    assert tie_sign(G.edges[ATELIERS, MAIRIE, "conflict"]) == -1
    assert tie_sign(G.edges[MAIRIE, VELO, "collaboration"]) == 1
    sectors = {n: d.get("sector") for n, d in G.nodes(data=True)}
    assert sectors[MAIRIE] == "public" and sectors[VELO] == "association"
    assert sectors[FABRIQUE] == "intermediary"  # Tiers-lieu
    # choice names and English labels of the sector question
    assert read_survey(HERE / "kobo_xml.csv").nodes[MAIRIE]["sector"] == "public"
    assert read_survey(HERE / "kobo_slots_en.csv").nodes[MAIRIE]["sector"] == "public"


def test_registry_names_the_actors_of_choice_names():
    bare = read_survey(HERE / "odk_reseau.csv")
    assert bare.nodes[ATELIERS]["label"] == "ateliers_insertion_co"
    notes = " ".join(bare.graph["import_report"].problems["action"])
    assert "XML choice names" in notes and "actors=" in notes
    named = read_survey(HERE / "odk_reseau.csv", actors=REGISTRY)
    assert named.nodes[ATELIERS]["label"] == "Ateliers, Insertion & Co"
    assert named.nodes[BUS]["label"] == "Plaisance Mobilité (bus, TAD)"


# ----------------------------------------------------------------- reports

def test_report_names_tool_roles_and_what_was_joined():
    G = read_survey(HERE / "kobo_labels_fr.xlsx", actors=REGISTRY)
    report = G.graph["import_report"]
    roles = report.formats["roles"][0]
    assert roles["Nom de votre structure"] == "organisation"
    assert roles["Secteur de votre structure"] == "sector"
    assert roles["_uuid"] == roles["_submission_time"] == roles["start"] == "metadata"
    assert roles["kobo_labels_fr.xlsx [partenaires]: Nom du partenaire"] == "contact"
    assert roles["kobo_labels_fr.xlsx [partenaires]: Type de relation"] == "relation"
    assert roles["kobo_labels_fr.xlsx [partenaires]: _submission__uuid"] == "metadata"
    notes = report.problems["action"].tolist()
    joined = [n for n in notes if n.startswith("repeat group")]
    assert joined[0] == ("repeat group kobo_labels_fr.xlsx [partenaires] joined to "
                         "kobo_labels_fr.xlsx [Réseau partenarial Plaisance]: 9 rows, each with "
                         "its respondent's answers; line numbers are those of "
                         "kobo_labels_fr.xlsx [partenaires]")
    # Plaisance Mobilité answered (main sheet row 6) and named nobody: said, and in the
    # graph through the registry
    assert any("(line 6) named no partner" in n for n in notes)
    assert G.nodes[BUS]["label"] == "Plaisance Mobilité (bus, TAD)"
    # 9 repeat rows (8 ties, 1 "jamais") + the registry's 8 rows
    assert report.rows_read == 9 + 8 and report.unaccounted == 0


def test_limesurvey_roles_in_the_report():
    G = read_survey(HERE / "limesurvey_code_texte_fr.csv")
    roles = G.graph["import_report"].formats["roles"][0]
    assert roles["STRUCT. Nom de votre structure"] == "organisation"
    assert roles["submitdate. Date de soumission"] == "metadata"
    assert roles["PART[SQ002]. Citez vos trois principaux partenaires [Partenaire 2]"] \
        == "contact 2"
    assert roles["CONF[SQ001]. Quel est votre niveau de confiance envers ce partenaire ? "
                 "[Partenaire 1]"] == "trust 1"
    G = read_survey(HERE / "limesurvey_texte_en.csv")
    roles = G.graph["import_report"].formats["roles"][0]
    assert roles["How often did you work with each of them? [Vélo Plaisance]"] \
        == "frequency (Vélo Plaisance)"
    assert roles["Which of these organisations did you work with in 2024? [Other]"] \
        == "contact (other)"
    assert roles["Response ID"] == roles["Seed"] == "metadata"


def test_the_user_columns_still_name_a_question():
    # the long table's columns are the questions' codes: columns= can still say what one is
    G = read_survey(HERE / "limesurvey_codes_fr.csv", columns={"CONF": "theme"})
    assert all(d.get("trust") is None for _, _, d in G.edges(data=True))
    assert all(d.get("themes") for _, _, d in G.edges(data=True))
    assert {(u, v, k): d["weight"] for u, v, k, d in G.edges(keys=True, data=True)} == {
        k: w for k, (w, _) in FULL.items()}


# ----------------------------------------------------------------- without what they need

def test_limesurvey_answer_codes_are_refused_with_the_export_option():
    with pytest.raises(InputError) as err:
        read_survey(HERE / "limesurvey_grille_codes.csv", actors=REGISTRY)
    assert err.value.column == "FREQ[SQ001]" and err.value.line == 1
    assert 'Responses: "Full answers"' in err.value.message
    assert "A1, A2" in err.value.message


def test_limesurvey_grid_without_actor_names_is_refused():
    with pytest.raises(InputError) as err:
        read_survey(HERE / "limesurvey_grille_sans_noms.csv")
    msg = err.value.message
    assert "FREQ[SQ001] ... FREQ[SQ006]" in msg and "names are not in the file" in msg
    assert '"Question code & question text"' in msg


def test_kobo_labels_joined_by_spaces_are_refused():
    # a select_multiple exported with labels as a single column: never cut into guesses
    with pytest.raises(InputError) as err:
        read_survey(HERE / "kobo_labels_resume.csv", actors=REGISTRY)
    assert err.value.line == 3 and err.value.column.startswith("Avec quelles structures")
    assert err.value.value == "Mairie de Plaisance Tiers-Lieu La Fabrique"
    assert "Single and separate columns" in err.value.message


def test_repeat_file_alone_is_refused_and_the_advice_works():
    with pytest.raises(InputError) as err:
        read_survey(HERE / "odk_reseau-contacts.csv")
    assert "Give the main file" in err.value.message
    # the advice, followed: the main file beside it
    assert ties(read_survey(HERE / "odk_reseau.csv")) == FULL
    with pytest.raises(InputError, match="repeat group's sheet"):
        read_survey(HERE / "kobo_labels_fr.xlsx", sheet="partenaires")


def test_main_file_without_its_repeat_file_names_nobody(tmp_path):
    shutil.copy(HERE / "odk_reseau.csv", tmp_path / "odk_reseau.csv")
    # nothing names partners: the survey reader decides, and refuses rather than guess
    with pytest.raises(InputError):
        read_survey(tmp_path / "odk_reseau.csv")
    shutil.copy(HERE / "odk_reseau-contacts.csv", tmp_path / "odk_reseau-contacts.csv")
    assert ties(read_survey(tmp_path / "odk_reseau.csv")) == FULL


def test_repeat_rows_whose_respondent_is_missing_are_counted(tmp_path):
    main = (HERE / "odk_reseau.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    shutil.copy(HERE / "odk_reseau-contacts.csv", tmp_path / "odk_reseau-contacts.csv")
    (tmp_path / "odk_reseau.csv").write_text("".join(main[:4]), encoding="utf-8")  # no Fabrique
    G = read_survey(tmp_path / "odk_reseau.csv")
    assert ties(G) == {k: v for k, v in FULL.items() if k[0] != FABRIQUE}
    report = G.graph["import_report"]
    assert report.rows_read == 7 and report.unaccounted == 0
    assert any("2 rows of odk_reseau-contacts.csv have no respondent" in n
               for n in report.problems["action"])


# ----------------------------------------------------------------- unit pieces

def test_question_roles_and_answers():
    role = limesurvey.question_role
    assert role("Quel niveau de confiance lui accordez-vous ?") == "trust"
    assert role("Type de relation") == "relation"
    assert role("Avec quelles structures travaillez-vous ?") == "contact"
    assert role("Secteur de votre structure") == "sector"
    assert role("nom_structure", code=True) == "organisation"
    assert role("REL", code=True) == "relation" and role("Q5", code=True) is None
    assert limesurvey.standard_answer("relation", "Échange / information") == "information"
    assert limesurvey.answer_kind(["Pas confiance", "Assez confiance"]) == "trust"
    assert limesurvey.answer_kind(["plusieurs_fois_par_an", "tous_les_mois"]) == "frequency"
    assert limesurvey.answer_kind(["AO01", "A2"]) == "code"


def test_other_exports_are_not_claimed():
    for path in (Path(__file__).parent / "data" / "io" / "exports" / "gforms_fr.csv",
                 Path(__file__).parent / "data" / "io" / "survey_limesurvey.csv"):
        table = read_any(path)
        assert kobo.recognise(table, path=path) is None
        assert limesurvey.recognise(table, path=path) is None


def test_load_reads_the_export_with_the_registry(tmp_path):
    shutil.copy(HERE / "kobo_labels_fr.xlsx", tmp_path / "enquete.xlsx")
    shutil.copy(REGISTRY, tmp_path / "acteurs.csv")
    G = alliances.load(tmp_path)
    assert ties(G) == FULL
    assert set(G.nodes) == SIX | {LYCEE, PANIER}


def test_a_partner_of_nobody_is_never_given_to_the_respondent_above(tmp_path):
    # Fabrique's row with its organisation left empty: its partner is not Ateliers'
    text = (HERE / "kobo_xml.csv").read_text(encoding="utf-8")
    p = tmp_path / "kobo.csv"
    p.write_text(text.replace('"tiers_lieu_la_fabrique";"tiers_lieu"', '"";"tiers_lieu"'),
                 encoding="utf-8")
    G = read_survey(p)
    assert ties(G) == {k: v for k, v in TICKS.items() if k[0] != FABRIQUE}
    notes = G.graph["import_report"].problems["action"].tolist()
    assert any("1 partner(s) named with nobody to attach them to" in n and "line 5" in n
               for n in notes)


@pytest.mark.parametrize("heads", [
    ["id", "submitdate", "lastpage", "Q2", "Q5[SQ001]", "Q5[SQ002]"],
    ["id. Response ID", "submitdate. Date submitted", "lastpage. Last page", "Q2. Réponse",
     "Q5[SQ001]. Lesquels ? [1]", "Q5[SQ002]. Lesquels ? [2]"]], ids=["codes", "code-text"])
def test_limesurvey_codes_without_roles_are_handed_over_and_columns_read_them(tmp_path, heads):
    # codes that say nothing (Q2, Q5): the export goes to the survey reader, code & text
    # headings cut to their codes, so that columns= names the questions by their codes
    p = tmp_path / "results-survey123456.csv"
    rows = [heads, ["1", "2024-05-01", "2", "CAF du Gers", "Mairie de Plaisance", ""],
            ["2", "2024-05-02", "2", "Vélo Plaisance", "CAF du Gers", "Mairie de Plaisance"]]
    p.write_text("".join(",".join(f'"{c}"' for c in r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(InputError):
        read_survey(p)  # nobody to attach the partners to: refused, never guessed
    G = read_survey(p, columns={"Q2": "organisation", "Q5": "contact"})
    assert set(G.edges()) == {(CAF, MAIRIE), (VELO, CAF), (VELO, MAIRIE)}
    report = G.graph["import_report"]
    assert report.formats["tool"].str.startswith("LimeSurvey").all()
    assert report.formats["roles"][0][heads[1]] == "metadata"
    # the user's columns= reach the recogniser: their questions read as LimeSurvey's
    assert report.formats["roles"][0][heads[3]] == "organisation"
    assert [report.formats["roles"][0][h] for h in heads[4:]] == ["contact 1", "contact 2"]
    assert any("export read in the long layout: 2 responses, 3 partners named" in n
               for n in report.problems["action"])


def test_main_file_of_a_repeat_file(tmp_path):
    assert kobo.main_file_of(HERE / "odk_reseau-contacts.csv") == HERE / "odk_reseau.csv"
    assert kobo.main_file_of(HERE / "odk_reseau.csv") is None
    shutil.copy(HERE / "odk_reseau-contacts.csv", tmp_path / "odk_reseau-contacts.csv")
    assert kobo.main_file_of(tmp_path / "odk_reseau-contacts.csv") is None  # main one missing


def test_a_count_of_partners_is_no_partner(tmp_path):
    text = (HERE / "kobo_xml.csv").read_text(encoding="utf-8").splitlines()
    counts = ["nombre_partenaires", "3", "2", "2", "1"]
    p = tmp_path / "kobo.csv"
    p.write_text("\n".join(f'{line};"{c}"' for line, c in zip(text, counts, strict=True)),
                 encoding="utf-8")
    G = read_survey(p)
    assert ties(G) == TICKS and set(G.nodes) == SIX
    assert G.graph["import_report"].formats["roles"][0]["nombre_partenaires"] == "not read"


def test_limesurvey_grid_of_counts_names_no_actor(tmp_path):
    # a numerical array over kinds of partners: its labels are no actors
    p = tmp_path / "results.csv"
    p.write_text('"Response ID","Date submitted","Last page","Your organisation",'
                 '"How many partners of each kind? [Associations]",'
                 '"How many partners of each kind? [Companies]",'
                 '"Which organisations do you work with? [CAF du Gers]"\n'
                 '"1","2024-05-01","2","Vélo Plaisance","3","1","Yes"\n', encoding="utf-8")
    G = read_survey(p)
    assert set(G.edges()) == {(VELO, CAF)} and set(G.nodes) == {VELO, CAF}
    roles = G.graph["import_report"].formats["roles"][0]
    assert roles["How many partners of each kind? [Associations]"] == "not read"


def test_kobo_repeat_group_without_who_answered_is_refused(tmp_path):
    book = openpyxl.load_workbook(HERE / "kobo_labels_fr.xlsx")
    main = book.worksheets[0]
    for cell in main[1]:
        if cell.value in ("Nom de votre structure", "Secteur de votre structure"):
            cell.value = f"Question {cell.column}"
    path = tmp_path / "kobo.xlsx"
    book.save(path)
    with pytest.raises(InputError) as err:
        read_survey(path, actors=REGISTRY)
    assert "no question of this export says who answered" in err.value.message
    assert "Question 5" in err.value.message and "_uuid" not in err.value.message


def test_limesurvey_actors_named_with_a_number_are_actors_not_slots(tmp_path):
    q = "À quelle fréquence échangez-vous avec chacune de ces structures ?"
    p = tmp_path / "results.csv"
    p.write_text(f'"Response ID","Date submitted","Last page","Nom de votre structure",'
                 f'"{q} [Structure 000]","{q} [Structure 040]"\n'
                 f'"1","2024-05-01","2","Vélo Plaisance","Tous les mois","Jamais"\n',
                 encoding="utf-8")
    G = read_survey(p)
    assert ties(G) == {(VELO, "structure-000", "collaboration"): (3.0, None)}
    assert set(G.nodes) == {VELO, "structure-000", "structure-040"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_export_says_its_rows_are_never_merged(name):
    # one complete row per response (LimeSurvey), per submission or repeat row (Kobo, ODK)
    found = limesurvey.recognise(read_any(HERE / name), path=HERE / name) or kobo.recognise(
        read_any(HERE / name), path=HERE / name)
    assert found is not None and found.fill_down is False


def test_limesurvey_users_columns_win_over_metadata_and_guesses():
    # "token" (the participant's access code) is metadata for the recogniser; a survey whose
    # tokens are the organisations' names says so, and its slots then have their respondent
    from alliances.io.csvfile import CsvTable
    from alliances.io.platforms import recognise

    header = ["id", "submitdate", "lastpage", "startlanguage", "token", "PART[SQ001]",
              "PART[SQ002]"]
    rows = [["1", "2024-05-01", "2", "fr", "Mairie de Plaisance", "Vélo Plaisance", "CAF du Gers"],
            ["2", "2024-05-02", "2", "fr", "CAF du Gers", "Mairie de Plaisance", ""]]
    table = CsvTable("results-survey1.csv", header, rows, [2, 3])
    guessed = recognise(table)
    assert guessed.roles["token"] == "metadata"
    assert guessed.layout is None  # nobody says who answered: handed over as it is
    theirs = recognise(table, columns={"token": "organisation"})
    assert theirs.roles["token"] == "organisation"
    assert theirs.layout == "long"
    org = next(h for h, r in theirs.columns.items() if r == "organisation")
    contact = next(h for h, r in theirs.columns.items() if r == "contact")
    j, k = theirs.table.header.index(org), theirs.table.header.index(contact)
    assert [(r[j], r[k]) for r in theirs.table.rows] == [
        ("Mairie de Plaisance", "Vélo Plaisance"), ("Mairie de Plaisance", "CAF du Gers"),
        ("CAF du Gers", "Mairie de Plaisance")]
    assert theirs.table.lines == [2, 2, 3]


def test_tools_answer_words_are_the_models_vocabularies():
    # one table per meaning: the tools' whole answers are read by the model's vocabularies,
    # with the values a hand-made file's words get (0 none ... 1 complete; 1 yearly ... 5 daily)
    from alliances import model
    from alliances.io import metadata

    trust = {"Pas confiance": 0.0, "Peu de confiance": 0.25, "Moyennement confiance": 0.5,
             "Assez confiance": 0.75, "Pleinement confiance": 1.0, "No trust at all": 0.0,
             "Little trust": 0.25, "Some trust": 0.5, "A lot of trust": 0.75, "Full trust": 1.0}
    assert {w: model.TRUST_WORDS[normalize_text(w)] for w in trust} == trust
    freq = {"Tous les trimestres": 2.0, "1 fois par an": 1.0, "Every quarter": 2.0,
            "Occasionally": 2.0, "Plusieurs fois par semaine": 4.0}
    assert {w: model.FREQUENCY_WEIGHTS[normalize_text(w)] for w in freq} == freq
    assert model.canonical_relation("Projet en commun") == "collaboration"
    assert model.canonical_relation("Financement / financeur") == "funding"
    assert model.canonical_sector("École, collège, lycée") == "research"
    assert model.canonical_sector("Secteur public") == "public"
    # the old names still import, and are the shared tables themselves
    assert limesurvey.ANSWER_WORDS["trust"] is model.TRUST_WORDS
    assert limesurvey.QUESTION_ROLE_WORDS is metadata.QUESTION_ROLE_WORDS
    assert limesurvey.LIMESURVEY_METADATA is metadata.LIMESURVEY_METADATA
    assert kobo.KOBO_METADATA is metadata.KOBO_METADATA


def test_an_unknown_names_column_is_no_sector():
    # a column of names the model does not know as sectors ("Fablab", comments) is never
    # taken for the respondents' sector
    assert limesurvey.is_sector_answer(["Collectivité", "Association", "PME"])
    assert not limesurvey.is_sector_answer(["Fablab", "Vélo Plaisance", "RAS"])
