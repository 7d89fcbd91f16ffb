"""Survey platforms' exports recognised automatically (issue 13, section 3).

Each file of tests/data/io/platforms/ (README there: where each format description came
from) and the Google Forms / SurveyMonkey files of tests/data/io/exports/ is read with the
natural call ``read_survey(path, actors=registry)`` and without the registry. The expected
ties below were worked out by hand from _make_platforms.py's tables (the answers' words
through the vocabularies: "Tous les mois" 3, "Plusieurs fois par an" 2, "Une fois par an"
1, "Toutes les semaines" 4; "Tout à fait confiance" 1, "Plutôt confiance" 0.75,
"Moyennement confiance" 0.5, "Plutôt pas confiance" 0.25, "Pas du tout confiance" 0;
Qualtrics' amount scale "A great deal" 1 ... "None at all" 0).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pytest

import alliances
from alliances.io.csvfile import CsvTable
from alliances.io.platforms import (
    Question,
    assemble,
    cells_kind,
    google,
    msforms,
    qualtrics,
    question_role,
    recognise,
    slot_of,
    surveymonkey,
)
from alliances.io.survey import read_survey
from alliances.io.workbook import read_any
from alliances.model import normalize_text, tie_sign

DATA = Path(__file__).parent / "data" / "io"
PLATFORMS = DATA / "platforms"
REGISTRY = PLATFORMS / "acteurs.csv"

MAIRIE, VELO, ATELIERS = "mairie-de-plaisance", "velo-plaisance", "ateliers-insertion-co"
FABRIQUE, CAF, BUS = "tiers-lieu-la-fabrique", "caf-du-gers", "plaisance-mobilite-bus-tad"
LYCEE, PANIER = "lycee-jean-monnet", "le-panier-solidaire"
EVERYONE = {MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS, LYCEE, PANIER}
C, INFO, F, X = "collaboration", "information", "funding", "conflict"
N = None  # no weight / no trust given: weight 1.0 (the default), trust missing

#: file -> (tool, {(source, target, relation): (weight, trust)}, actors without a registry)
EXPECTED: dict[str, tuple[str, dict, set]] = {
    "platforms/gforms_fr_sections.csv": (
        "Google Forms (French interface)",
        {(MAIRIE, VELO, C): (3, 1.0), (MAIRIE, CAF, F): (2, 0.75), (MAIRIE, LYCEE, INFO): (1, 0.5),
         (VELO, MAIRIE, C): (4, 0.75), (VELO, ATELIERS, C): (3, 1.0),
         (LYCEE, FABRIQUE, INFO): (2, 0.5), (LYCEE, MAIRIE, X): (1, 0.0),
         (FABRIQUE, PANIER, C): (3, 0.75)},
        EVERYONE),  # Plaisance Mobilité named with "Jamais": an actor, no tie
    "platforms/gforms_en_grid.csv": (
        "Google Forms (English interface)",
        {(MAIRIE, VELO, C): (3, 0.75), (MAIRIE, CAF, C): (2, 1.0), (MAIRIE, BUS, C): (4, 0.5),
         (VELO, MAIRIE, C): (4, 0.75), (VELO, ATELIERS, C): (3, 1.0),
         (CAF, MAIRIE, C): (3, 1.0), (CAF, ATELIERS, C): (1, 0.25),
         (BUS, MAIRIE, C): (4, 0.0)},
        {MAIRIE, VELO, CAF, BUS, ATELIERS, FABRIQUE}),
    "exports/gforms_fr.csv": (
        "Google Forms (French interface)",
        {(MAIRIE, VELO, C): (N, N), (MAIRIE, ATELIERS, C): (N, N), (MAIRIE, BUS, C): (N, N),
         (VELO, MAIRIE, C): (N, N), (VELO, FABRIQUE, C): (N, N),
         (ATELIERS, MAIRIE, C): (N, N), (ATELIERS, CAF, C): (N, N),
         (FABRIQUE, VELO, C): (N, N), (FABRIQUE, ATELIERS, C): (N, N)},
        {MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS}),
    "exports/gforms_en.csv": (
        "Google Forms (English interface)",
        {(MAIRIE, VELO, C): (N, N), (MAIRIE, BUS, C): (N, N), (VELO, MAIRIE, C): (N, N),
         (VELO, ATELIERS, C): (N, N), (ATELIERS, VELO, C): (N, N)},
        {MAIRIE, VELO, ATELIERS, BUS}),
    "platforms/msforms_fr.xlsx": (
        "Microsoft Forms (French interface)",
        {(MAIRIE, VELO, C): (N, N), (MAIRIE, CAF, C): (N, N), (MAIRIE, LYCEE, C): (N, N),
         (ATELIERS, VELO, C): (N, N), (ATELIERS, BUS, C): (N, N),
         (LYCEE, MAIRIE, C): (N, N), (LYCEE, FABRIQUE, C): (N, N),
         (PANIER, ATELIERS, C): (N, N)},
        EVERYONE),
    "platforms/msforms_en_sections.xlsx": (
        "Microsoft Forms (English interface)",
        {(VELO, MAIRIE, C): (4, 0.75), (VELO, FABRIQUE, C): (3, 0.5),
         (CAF, MAIRIE, C): (3, 1.0), (CAF, PANIER, C): (2, 0.25), (BUS, LYCEE, C): (4, 0.75)},
        {VELO, MAIRIE, FABRIQUE, CAF, PANIER, BUS, LYCEE}),
    "platforms/msforms_fr_likert.xlsx": (
        "Microsoft Forms (French interface)",
        {(MAIRIE, VELO, C): (3, 1.0), (MAIRIE, CAF, C): (2, 0.75), (MAIRIE, BUS, C): (4, 0.5),
         (VELO, MAIRIE, C): (4, 0.75), (VELO, ATELIERS, C): (3, N),
         (ATELIERS, MAIRIE, C): (1, 0.25), (ATELIERS, CAF, C): (2, 1.0)},
        {MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS}),  # Fabrique: named with "Jamais"
    "exports/surveymonkey_en.csv": (
        "SurveyMonkey (English interface)",
        {(MAIRIE, VELO, C): (N, N), (MAIRIE, CAF, C): (N, N), (VELO, MAIRIE, C): (N, N),
         (VELO, FABRIQUE, C): (N, N), (VELO, ATELIERS, C): (N, N),
         (FABRIQUE, VELO, C): (N, N)},
        {MAIRIE, VELO, CAF, FABRIQUE, ATELIERS}),
    "platforms/surveymonkey_fr_matrix.csv": (
        "SurveyMonkey (French interface)",
        {(MAIRIE, VELO, C): (3, 0.75), (MAIRIE, ATELIERS, C): (2, 1.0),
         (ATELIERS, MAIRIE, C): (4, 0.25), (ATELIERS, PANIER, C): (3, 1.0),
         (FABRIQUE, VELO, C): (1, 0.5)},
        {MAIRIE, VELO, ATELIERS, PANIER, FABRIQUE, LYCEE}),
    "platforms/surveymonkey_en_checkbox.xlsx": (
        "SurveyMonkey (English interface)",
        {(MAIRIE, VELO, C): (N, N), (MAIRIE, CAF, C): (N, N), (MAIRIE, PANIER, C): (N, N),
         (LYCEE, MAIRIE, C): (N, N), (LYCEE, FABRIQUE, C): (N, N),
         (BUS, MAIRIE, C): (N, N), (BUS, ATELIERS, C): (N, N)},
        {MAIRIE, VELO, CAF, PANIER, LYCEE, FABRIQUE, BUS, ATELIERS}),
    "platforms/qualtrics_loop.csv": (
        "Qualtrics",
        {(MAIRIE, VELO, C): (3, 0.75), (MAIRIE, LYCEE, C): (1, 0.5),
         (VELO, MAIRIE, C): (4, 1.0), (VELO, ATELIERS, C): (3, 0.75),
         (PANIER, ATELIERS, C): (2, 0.25), (BUS, CAF, C): (4, N)},
        EVERYONE),  # the Tiers-Lieu named with "Never": an actor, no tie
    "platforms/qualtrics_matrix.csv": (
        "Qualtrics",
        {(LYCEE, MAIRIE, C): (3, 0.75), (LYCEE, FABRIQUE, C): (2, 1.0),
         (CAF, MAIRIE, C): (4, 1.0), (CAF, ATELIERS, C): (3, 0.5), (CAF, PANIER, C): (1, 0.0)},
        {LYCEE, MAIRIE, FABRIQUE, CAF, ATELIERS, PANIER}),
}
FILES = sorted(EXPECTED)


def ties(G) -> dict:
    return {(u, v, k): (d.get("weight"), d.get("trust")) for u, v, k, d in G.edges(keys=True,
                                                                                   data=True)}


def assert_ties(G, expected: dict) -> None:
    got = ties(G)
    assert set(got) == set(expected)
    for key, (weight, trust) in expected.items():
        w, t = got[key]
        assert w == pytest.approx(1.0 if weight is None else weight), key
        assert (t is None) if trust is None else t == pytest.approx(trust), key
    for _, _, k, d in G.edges(keys=True, data=True):
        assert tie_sign(d, k) == (-1 if k == "conflict" else 1)


def raw_rows(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        t = read_any(path)
        return [t.header, *t.rows]
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# ----------------------------------------------------------------- the natural call

@pytest.mark.parametrize("name", FILES)
def test_natural_call_with_the_registry_gives_the_exact_graph(name):
    tool, expected, _ = EXPECTED[name]
    G = read_survey(DATA / name, actors=REGISTRY)
    assert_ties(G, expected)
    # the registry's eight actors, no phantom one (no metadata, no header, no question)
    assert set(G) == EVERYONE
    r = G.graph["import_report"]
    assert r.formats["tool"].tolist() == [tool]
    assert r.rows_read == r.rows_used + r.rows_skipped and r.unaccounted == 0


@pytest.mark.parametrize("name", FILES)
def test_without_the_registry_the_same_ties_and_only_the_named_actors(name):
    # the form's answers name every actor in full: the registry is not needed for the ties
    _, expected, actors = EXPECTED[name]
    G = read_survey(DATA / name)
    assert_ties(G, expected)
    assert set(G) == actors


@pytest.mark.parametrize("name", FILES)
def test_metadata_columns_never_become_actors(name):
    path = DATA / name
    G = read_survey(path)
    roles = G.graph["import_report"].formats["roles"].iloc[0]
    meta = [h for h, role in roles.items() if role == "metadata"]
    assert meta, roles
    rows = raw_rows(path)
    cols = [rows[0].index(h) for h in meta if h in rows[0]]
    values = {h for h in meta} | {r[j] for r in rows[1:] for j in cols if j < len(r) and r[j]}
    labels = {normalize_text(d["label"]) for _, d in G.nodes(data=True)}
    for value in values:
        assert normalize_text(value) not in labels, value
    assert not any("@" in d["label"] or d["label"].startswith("{") for _, d in G.nodes(data=True))


def test_sectors_from_the_tools_answers():
    G = read_survey(PLATFORMS / "gforms_fr_sections.csv")
    assert {n: G.nodes[n].get("sector") for n in (MAIRIE, VELO, LYCEE, FABRIQUE)} == {
        MAIRIE: "public", VELO: "association", LYCEE: "research", FABRIQUE: "intermediary"}
    G = read_survey(PLATFORMS / "gforms_en_grid.csv")  # "Type of organisation"
    assert {n: G.nodes[n].get("sector") for n in (MAIRIE, VELO, CAF, BUS)} == {
        MAIRIE: "public", VELO: "association", CAF: "public", BUS: "company"}
    G = read_survey(PLATFORMS / "qualtrics_matrix.csv")  # "School", "Government agency"
    assert (G.nodes[LYCEE]["sector"], G.nodes[CAF]["sector"]) == ("research", "public")


# ----------------------------------------------------------------- the report

def test_report_names_the_tool_and_the_roles():
    G = read_survey(PLATFORMS / "gforms_fr_sections.csv")
    r = G.graph["import_report"]
    roles = r.formats["roles"].iloc[0]
    assert roles["Horodateur"] == roles["Adresse e-mail"] == "metadata"
    assert roles["Nom de votre structure"] == "organisation"
    assert roles["Type de structure"] == "sector"
    assert roles["Partenaire 2 : nom de la structure"] == "contact 2"
    assert roles["Partenaire 3 : niveau de confiance"] == "trust 3"
    assert roles["Remarques"] == "not read"
    text = str(r)
    assert "recognised as Google Forms (French interface)" in text
    assert "'Partenaire 1 : fréquence des échanges': frequency 1" in text
    assert G.graph["layout"] == "wide"
    assert G.graph["layout_evidence"] == "the Google Forms (French interface) export's questions"
    # "Jamais": the tie is left out, and said
    left = r.skipped
    assert left[["line", "reason"]].values.tolist() == [
        [5, 'frequency "Jamais" means no contact: no tie']]


def test_report_roles_of_grids_options_loops():
    roles = read_survey(PLATFORMS / "gforms_en_grid.csv").graph["import_report"].formats[
        "roles"].iloc[0]
    assert roles["How much do you trust each of these organisations? [CAF du Gers]"] == \
        "trust of CAF du Gers"
    roles = read_survey(PLATFORMS / "surveymonkey_en_checkbox.xlsx").graph[
        "import_report"].formats["roles"].iloc[0]
    assert roles["Which organisations did your organisation work with in 2024? "
                 "[Other (please specify)]"] == "contact (other, as typed)"
    assert roles["Respondent ID"] == "metadata"
    roles = read_survey(PLATFORMS / "qualtrics_loop.csv").graph["import_report"].formats[
        "roles"].iloc[0]
    assert [roles[h] for h in ("Q1", "Q2", "Q4_2", "2_Q5", "2_Q6", "Q7", "ResponseId")] == [
        "organisation", "sector", "contact 2", "frequency 2", "trust 2", "not read", "metadata"]


def test_line_numbers_are_the_files_own():
    # Qualtrics: data from line 4 (three header rows); SurveyMonkey: from line 3
    r = read_survey(PLATFORMS / "qualtrics_loop.csv").graph["import_report"]
    assert (r.rows_read, r.rows_used) == (4, 4)
    left = r.skipped[["line", "reason"]].values.tolist()
    assert left == [[5, 'frequency "Never" means no contact: no tie']]
    G = read_survey(PLATFORMS / "surveymonkey_fr_matrix.csv")
    lines = {e.line for _, _, d in G.edges(data=True) for e in d["evidence"]}
    assert lines == {3, 4, 5}
    G = read_survey(PLATFORMS / "msforms_fr.xlsx")  # the sheet's rows
    assert {e.line for _, _, d in G.edges(data=True) for e in d["evidence"]} == {2, 3, 4, 5}


def test_self_nomination_in_a_grid_is_reported_not_tied():
    G = read_survey(PLATFORMS / "gforms_en_grid.csv")
    assert not G.has_edge(CAF, CAF)
    assert G.graph["import_report"].self_nominations == 1


def test_comma_names_are_known_from_the_form():
    # the grid's rows and the options are the form's names: no comma warning, no split
    G = read_survey(PLATFORMS / "surveymonkey_en_checkbox.xlsx")
    probs = G.graph["import_report"].problems
    assert not probs["action"].str.contains("comma").any()
    assert G.has_edge(BUS, ATELIERS)


# ----------------------------------------------------------------- recognisers

@pytest.mark.parametrize("name", FILES)
def test_exactly_one_tool_recognises_each_export(name):
    table = read_any(DATA / name)
    modules = {"Google Forms": google, "Microsoft Forms": msforms, "SurveyMonkey": surveymonkey,
               "Qualtrics": qualtrics}
    found = {k for k, m in modules.items() if m.recognise(table) is not None}
    assert found == {next(k for k in modules if EXPECTED[name][0].startswith(k))}


@pytest.mark.parametrize("name", ["survey_wide_gforms.csv", "survey_roster.csv",
                                  "survey_long_cp1252.csv", "exports/matrice_collaborations.csv"])
def test_hand_made_files_are_no_tools_export(name):
    # survey_wide_gforms.csv starts with Horodateur: Google's, read with its Contact N columns
    table = read_any(DATA / name)
    found = recognise(table)
    if name == "survey_wide_gforms.csv":
        assert found is not None and found.tool == "Google Forms (French interface)"
        assert found.layout == "wide"
    else:
        assert found is None


def test_a_dataframe_is_recognised_too():
    frame = pd.read_csv(PLATFORMS / "gforms_fr_sections.csv", dtype=str, keep_default_na=False)
    G = read_survey(frame)
    assert_ties(G, EXPECTED["platforms/gforms_fr_sections.csv"][1])


def test_forced_layout_reads_the_file_as_it_is():
    # layout= says the user knows better: no recognition, the hand-made readers run
    G = read_survey(DATA / "exports/gforms_en.csv", layout="long",
                    columns={"Which organisations did you work with in 2024? (tick all that "
                             "apply)": "contact", "Your organisation": "organisation"})
    assert G.graph["import_report"].formats.empty
    assert set(ties(G)) == set(EXPECTED["exports/gforms_en.csv"][1])


@pytest.mark.parametrize(("text", "role"), [
    ("Nom de votre structure", "organisation"), ("Your organisation", "organisation"),
    ("What is the name of your organisation?", "organisation"),
    ("Type de structure", "sector"), ("Type of organisation", "sector"),
    ("Which of the following best describes your organisation?", "sector"),
    ("How would you describe your organisation?", "sector"),
    ("Your name", "respondent"), ("Votre nom", "respondent"),
    ("Avec quelles structures avez-vous travaillé en 2024 ?", "contact"),
    ("Please name up to three organisations you work with.", "contact"),
    ("À quelle fréquence travaillez-vous avec chacune de ces structures ?", "frequency"),
    ("How much do you trust each of these organisations?", "trust"),
    ("Quel est votre niveau de confiance envers elles ?", "trust"),
    ("Type de relation", "relation"), ("Remarques", None),
    ("Anything else you would like to tell us?", None)])
def test_question_roles(text, role):
    assert question_role(text) == role


@pytest.mark.parametrize(("text", "slot"), [
    ("Partner 1: organisation name", (1, "contact")), ("Partner 3", (3, "contact")),
    ("Partenaire 2 : fréquence des échanges", (2, "frequency")),
    ("Partenaire n°4 : type de relation", (4, "relation")), ("contact_5", (5, "contact")),
    ("Partner 2 - how much do you trust them?", (2, "trust")),
    ("Relation 1", (1, "relation")), ("Fréquence 2", (2, "frequency")), ("Confiance 3", (3, "trust")),
    ("Question 4", None), ("Avec quelles structures avez-vous travaillé en 2024 ?", None),
    ("Partner 1: sector", None)])
def test_slots_wherever_the_number_sits(text, slot):
    assert slot_of(text) == slot


def test_cells_kinds():
    assert cells_kind(["Monthly", "Never", ""]) == "frequency"
    assert cells_kind(["Plutôt confiance", "Pas du tout confiance"]) == "trust"
    assert cells_kind(["Financement", "Collaboration"]) == "relation"
    assert cells_kind(["x", "Oui", "non"]) == "tick"
    assert cells_kind(["Mairie", "Monthly"]) == "names"


def test_relation_grid_none_answer_is_no_tie():
    # "Aucune relation" in a relation grid: the row's actor is not named
    table = alliances.io.csvfile.CsvTable(
        "g.csv", ["Horodateur", "Votre structure", "Relation [A]", "Relation [B]"],
        [["1/1/2024 10:00:00", "Mairie", "Collaboration", "Aucune relation"]], [2])
    found = assemble("Google Forms (French interface)", table,
                     [Question("Votre structure", [1], [""], ["Votre structure"]),
                      Question("Relation", [2, 3], ["A", "B"], ["Relation [A]", "Relation [B]"])],
                     metadata=[0])
    assert found.layout == "wide"
    assert found.table.rows == [["1/1/2024 10:00:00", "Mairie", "A", "Collaboration", "", ""]]


def test_trust_words_of_the_tools_are_in_the_one_vocabulary():
    from alliances.io.survey import TRUST_WORDS

    scale = ["Pas du tout confiance", "Plutôt pas confiance", "Moyennement confiance",
             "Plutôt confiance", "Tout à fait confiance"]
    assert [TRUST_WORDS[normalize_text(w)] for w in scale] == [0, 0.25, 0.5, 0.75, 1]
    amount = ["None at all", "A little", "A moderate amount", "A lot", "A great deal"]
    assert [TRUST_WORDS[normalize_text(w)] for w in amount] == [0, 0.25, 0.5, 0.75, 1]
    assert alliances.model.canonical_sector("Établissement scolaire") == "research"
    assert alliances.model.canonical_sector("School") == "research"
    assert math.isclose(alliances.model.FREQUENCY_WEIGHTS["plusieurs fois par mois"], 3)


def test_users_columns_complete_a_recognition(tmp_path):
    # the organisation question's words say nothing the recogniser knows: the error says
    # so, and the user's columns= names it (the question stays in the table, unread)
    p = tmp_path / "f.csv"
    p.write_text("Horodateur,Qui êtes-vous ?,Partenaire 1 : nom de la structure,"
                 "Partenaire 1 : fréquence des échanges\n"
                 "04/03/2024 10:12:45,Mairie de Plaisance,Vélo Plaisance,Tous les mois\n",
                 encoding="utf-8")
    with pytest.raises(alliances.errors.InputError, match="respondent"):
        read_survey(p)
    G = read_survey(p, columns={"Qui êtes-vous ?": "organisation"})
    assert ties(G) == {(MAIRIE, VELO, C): (3.0, None)}
    roles = G.graph["import_report"].formats["roles"].iloc[0]
    # the user's mapping is passed to the recogniser, and the report says whose role it is
    assert roles["Qui êtes-vous ?"] == "organisation (columns=)"


def test_qualtrics_without_its_header_rows_is_refused_with_calls_that_read_names(tmp_path):
    # a Qualtrics export whose rows 2-3 were deleted: no ImportId, not recognised; the
    # question tags Q1, Q2, Q7 are never offered as numbered contact columns
    rows = raw_rows(PLATFORMS / "qualtrics_loop.csv")
    p = tmp_path / "q.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0], *rows[3:]])
    with pytest.raises(alliances.errors.InputError) as err:
        read_survey(p)
    assert '{"Q": "contact"}' not in err.value.message
    assert "cannot tell how this survey is laid out" in err.value.message


# --------------------------------------------------------------------------- columns= / fill_down

def test_users_columns_win_over_the_metadata_a_recogniser_sets_aside():
    # SurveyMonkey's "Custom Data 1" is metadata for the recogniser; a survey that carried
    # each respondent's organisation in it (from the contact list) says so with columns=
    header = ["Respondent ID", "Collector ID", "Start Date", "Custom Data 1",
              "Avec quelles structures travaillez-vous ?"]
    rows = [["", "", "", "", "Réponse ouverte"],
            ["101", "7", "03/04/2024 10:00", "Mairie de Plaisance", "Vélo Plaisance"],
            ["102", "7", "03/04/2024 11:00", "CAF du Gers", "Mairie de Plaisance"]]
    table = CsvTable("sm.csv", header, rows, [2, 3, 4])
    guessed = recognise(table)
    assert guessed.roles["Custom Data 1"] == "metadata"
    assert guessed.layout == "long"
    theirs = recognise(table, columns={"custom data 1": "organisation"})
    assert theirs.tool == "SurveyMonkey (English interface)"
    assert theirs.roles["Custom Data 1"] == "organisation (columns=)"
    assert theirs.layout == "long"
    assert theirs.columns == {"Custom Data 1": "organisation",
                              "Avec quelles structures travaillez-vous ?": "contact"}
    j, k = theirs.table.header.index("Custom Data 1"), theirs.table.header.index(
        "Avec quelles structures travaillez-vous ?")
    assert [(r[j], r[k]) for r in theirs.table.rows] == [
        ("Mairie de Plaisance", "Vélo Plaisance"), ("CAF du Gers", "Mairie de Plaisance")]
    assert theirs.table.lines == [3, 4]
    assert theirs.fill_down is False


def test_users_columns_decide_who_answered_and_the_layout():
    # Google Forms: the e-mail address is metadata, and "Vos liens" says nothing the
    # recogniser knows; the user says the address is who answered and "Vos liens" their
    # partners: the long layout, from the user's columns only
    header = ["Horodateur", "Adresse e-mail", "Vos liens"]
    rows = [["04/03/2024 10:12:45", "anne@mairie-plaisance.fr", "Vélo Plaisance, CAF du Gers"]]
    table = CsvTable("g.csv", header, rows, [2])
    guessed = recognise(table)
    assert guessed.roles == {"Horodateur": "metadata", "Adresse e-mail": "metadata",
                             "Vos liens": "not read"}
    assert guessed.layout is None
    theirs = recognise(table, columns={"Adresse e-mail": "respondent", "Vos liens": "contact"})
    assert theirs.roles == {"Horodateur": "metadata", "Adresse e-mail": "respondent (columns=)",
                            "Vos liens": "contact (columns=)"}
    assert theirs.layout == "long"
    assert theirs.table.header == ["Horodateur", "Adresse e-mail", "Vos liens"]


def test_users_columns_a_guess_never_takes_a_role_the_user_gave():
    # "Nom de votre structure" would be the organisation; the user says the organisation is
    # the other question: the guessed one is not read, never a second organisation
    header = ["Horodateur", "Nom de votre structure", "Structure employeuse",
              "Partenaire 1 : nom de la structure"]
    rows = [["04/03/2024 10:12:45", "Anne", "Mairie de Plaisance", "Vélo Plaisance"]]
    found = recognise(CsvTable("g.csv", header, rows, [2]),
                      columns={"Structure employeuse": "organisation"})
    assert found.roles["Structure employeuse"] == "organisation (columns=)"
    assert found.roles["Nom de votre structure"] == "not read"
    assert found.columns == {"Structure employeuse": "organisation"}
    assert found.layout == "wide"


def test_users_columns_keep_qualtrics_embedded_data_as_a_question():
    # embedded data ("org", no QID) is no question for the recogniser
    header = ["StartDate", "ResponseId", "org", "Q1"]
    rows = [["Start Date", "Response ID", "org", "Which organisations did you work with?"],
            ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}', '{"ImportId":"org"}',
             '{"ImportId":"QID1_TEXT"}'],
            ["2024-03-04 10:00:00", "R_1", "Mairie de Plaisance", "Vélo Plaisance"]]
    table = CsvTable("q.csv", header, rows, [2, 3, 4])
    assert recognise(table).roles["org"] == "metadata"
    assert "org" not in recognise(table).table.header
    theirs = recognise(table, columns={"org": "organisation"})
    assert theirs.tool == "Qualtrics"
    assert theirs.roles["org"] == "organisation (columns=)"
    assert theirs.layout == "long"
    assert theirs.columns == {"org": "organisation", "Q1": "contact"}


def test_users_columns_in_a_kobo_export():
    # KoboToolbox's "username" (the enumerator's account) is metadata; a form that had
    # each organisation log in with its own account names the respondent by it
    header = ["start", "end", "username", "partenaires", "_id", "_uuid", "_submission_time"]
    rows = [["2024-03-04T10:00", "2024-03-04T10:09", "mairie_plaisance", "velo_plaisance",
             "1", "u1", "2024-03-04T10:10"]]
    table = CsvTable("k.csv", header, rows, [2])
    assert recognise(table).roles["username"] == "metadata"
    theirs = recognise(table, columns={"username": "organisation"})
    assert theirs.tool.startswith("KoboToolbox")
    assert theirs.roles["username"] == "organisation"
    assert theirs.layout == "long"
    org = next(h for h, r in theirs.columns.items() if r == "organisation")
    contact = next(h for h, r in theirs.columns.items() if r == "contact")
    j, k = theirs.table.header.index(org), theirs.table.header.index(contact)
    assert [(r[j], r[k]) for r in theirs.table.rows] == [("mairie_plaisance", "velo_plaisance")]
    assert theirs.fill_down is False


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.startswith("platforms/")))
def test_every_tool_says_its_rows_are_never_merged(name):
    # one complete row per response in every tool's export: no fill-down
    found = recognise(read_any(DATA / name), path=DATA / name)
    assert found is not None and found.fill_down is False


def test_a_hand_made_table_has_no_fill_down_opinion():
    table = CsvTable("f.csv", ["répondant", "partenaire"], [["Anne", "CAF"]], [2])
    assert recognise(table) is None


# --------------------------------------------------------------------------- Microsoft Forms Likert

def test_msforms_likert_grids_over_actors_read_as_frequency_and_trust():
    # one column per statement headed by the statement alone; the second Likert's headers
    # repeated with a "2": the same actors, never actors "Mairie de Plaisance2"
    G = read_survey(PLATFORMS / "msforms_fr_likert.xlsx")
    assert not any(label.endswith("2") for _, label in G.nodes(data="label"))
    r = G.graph["import_report"]
    roles = r.formats["roles"].iloc[0]
    assert roles["CAF du Gers"] == "frequency of CAF du Gers"
    assert roles["CAF du Gers2"] == "trust of CAF du Gers"
    # nobody rated the Fabrique's trust: its column is still the trust grid's
    assert roles["Tiers-Lieu La Fabrique2"] == "trust of Tiers-Lieu La Fabrique"
    assert roles["Commentaires"] == "not read"
    assert G.graph["layout"] == "wide"
    notes = r.problems["action"].tolist()
    assert sum("read as one frequency per actor of its list (6 actors)" in n for n in notes) == 1
    assert sum("read as one trust per actor of its list (6 actors)" in n for n in notes) == 1
    # Ateliers rated itself: reported, no loop; "Jamais": an actor, no tie, said
    assert not G.has_edge(ATELIERS, ATELIERS) and r.self_nominations == 1
    assert r.skipped[["line", "reason"]].values.tolist() == [
        [3, 'frequency "Jamais" means no contact: no tie'],
        [4, 'self-nomination: "Ateliers, Insertion & Co" names itself; no tie'],
        [5, "no contact named (the respondent is kept as an actor)"]]
    assert {e.line for _, _, d in G.edges(data=True) for e in d["evidence"]} == {2, 3, 4}


def test_msforms_likert_of_an_agreement_scale_is_not_guessed():
    # "D'accord" says no frequency, trust or relation: no grid is made up (the question's
    # text, which would say what it asks, is not in the export)
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Your organisation",
              "Mairie de Plaisance", "CAF du Gers"]
    rows = [["1", "3/4/24 10:00", "3/4/24 10:05", "anonymous", "", "Vélo Plaisance",
             "Plutôt d'accord", "Pas d'accord"]]
    found = msforms.recognise(CsvTable("f.xlsx", header, rows, [2]))
    assert found.layout is None
    assert found.roles["Mairie de Plaisance"] == found.roles["CAF du Gers"] == "not read"


def test_msforms_likert_keeps_a_real_name_ending_in_a_digit():
    # "Collège 2" is no repeated header (no "Collège" before it): an actor of its own
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Your organisation",
              "Collège 1", "Collège 2"]
    rows = [["1", "3/4/24 10:00", "3/4/24 10:05", "anonymous", "", "Vélo Plaisance",
             "Monthly", "Weekly"]]
    found = msforms.recognise(CsvTable("f.xlsx", header, rows, [2]))
    assert found.roles["Collège 2"] == "frequency of Collège 2"
    assert found.layout == "wide"
    j = found.table.header.index("contact 2")
    assert found.table.rows[0][j] == "Collège 2"


def test_a_partners_question_beside_numbered_ones_is_said_not_read():
    # numbered partner questions and a question naming more partners in one cell: the wide
    # layout is read, and the other question is reported, never dropped unsaid
    header = ["Horodateur", "Nom de votre structure", "Partenaire 1 : nom de la structure",
              "Vos autres partenaires"]
    rows = [["04/03/2024 10:12:45", "Mairie de Plaisance", "Vélo Plaisance", "CAF du Gers"]]
    for columns in (None, {"Vos autres partenaires": "contact"}):
        found = recognise(CsvTable("g.csv", header, rows, [2]), columns=columns)
        assert found.layout == "wide"
        assert found.roles["Vos autres partenaires"].startswith("not read")
        assert any(n.startswith('"Vos autres partenaires" not read') for n in found.notes)
        assert "CAF du Gers" not in {c for r in found.table.rows for c in r}
