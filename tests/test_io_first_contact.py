"""Never a confident wrong graph (issue 13, section 1): the first contact with real exports.

Each file of tests/data/io/exports/ (README there) read with the natural call gives
either the exact expected graph or an InputError whose suggested calls, executed as
printed, read the file; survey metadata columns never become actors. The expected
ties below were worked out by hand from the files (_make_exports.py).
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

import alliances
from alliances.errors import InputError
from alliances.io.metadata import is_metadata_header, metadata_columns
from alliances.io.names import split_names
from alliances.io.survey import read_survey

EXPORTS = Path(__file__).parent / "data" / "io" / "exports"

MAIRIE, VELO, ATELIERS = "mairie-de-plaisance", "velo-plaisance", "ateliers-insertion-co"
FABRIQUE, CAF, BUS = "tiers-lieu-la-fabrique", "caf-du-gers", "plaisance-mobilite-bus-tad"

#: file -> (what the natural call gives, the ties of the file read right)
EXPECTED = {
    "gforms_fr.csv": ("graph", {(MAIRIE, VELO), (MAIRIE, ATELIERS), (MAIRIE, BUS), (VELO, MAIRIE),
                                (VELO, FABRIQUE), (ATELIERS, MAIRIE), (ATELIERS, CAF),
                                (FABRIQUE, VELO), (FABRIQUE, ATELIERS)}),
    "gforms_en.csv": ("graph", {(MAIRIE, VELO), (MAIRIE, BUS), (VELO, MAIRIE), (VELO, ATELIERS),
                                (ATELIERS, VELO)}),
    "surveymonkey_en.csv": ("graph", {(MAIRIE, VELO), (MAIRIE, CAF), (VELO, MAIRIE),
                                      (VELO, FABRIQUE), (VELO, ATELIERS), (FABRIQUE, VELO)}),
    "matrice_collaborations.csv": ("graph", {(MAIRIE, VELO), (MAIRIE, ATELIERS), (VELO, MAIRIE),
                                             (VELO, FABRIQUE), (ATELIERS, MAIRIE),
                                             (FABRIQUE, VELO), (FABRIQUE, ATELIERS)}),
}

def suggested_calls(message: str) -> list[str]:
    """The calls an error message advises, one per line (or at the end of a sentence)."""
    out = []
    for line in message.splitlines():
        m = re.search(r"((?:read_survey|load)\(.*\))\s*;?[^)]*$", line)
        if m:
            call = m.group(1)
            # the call ends where its parentheses balance
            depth, quoted = 0, False
            for i, ch in enumerate(call):
                if ch == '"' and call[i - 1] != "\\":
                    quoted = not quoted
                if quoted:
                    continue
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0 and ch == ")":
                    out.append(call[:i + 1])
                    break
    return out


def run(call: str):
    return eval(call, {"read_survey": read_survey, "load": alliances.load})


def advice(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_survey(path)
    return err.value.message


def ties(G) -> set[tuple[str, str]]:
    return {(u, v) for u, v in G.edges()}


def metadata_of(path: Path) -> tuple[set[str], set[str]]:
    """The metadata headers of a file and every cell under them."""
    raw = path.read_bytes()
    text = raw.decode("utf-8") if raw.isascii() or _utf8(raw) else raw.decode("cp1252")
    rows = list(csv.reader(text.splitlines(), delimiter=";" if ";" in text.split("\n")[0]
                           else ","))
    meta = metadata_columns(rows[0])
    cells = {r[j] for r in rows[1:] for j, h in enumerate(rows[0]) if h in meta and r[j]}
    return set(meta), cells


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def assert_no_metadata_actor(G, path: Path) -> None:
    headers, cells = metadata_of(path)
    names = {alliances.model.normalize_text(d.get("label", n)) for n, d in G.nodes(data=True)}
    for value in headers | cells:
        assert alliances.model.normalize_text(value) not in names, value
    assert not any("@" in d.get("label", "") for _, d in G.nodes(data=True))


# ----------------------------------------------------------------- the corpus

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_natural_call_gives_the_graph_or_advice_that_works(name):
    path = EXPORTS / name
    outcome, expected = EXPECTED[name]
    try:
        G = read_survey(path)
    except InputError as err:
        assert outcome == "error", str(err)
        calls = suggested_calls(err.message)
        assert calls, err.message
        headers, _ = metadata_of(path)
        for h in headers:  # the error says which columns were set aside, and they are no call's
            assert all(f'"{h}"' not in call for call in calls)
        # the first suggestion is the right reading; every suggestion reads the file
        for i, call in enumerate(calls):
            G = run(call)
            assert G.number_of_edges() > 0, call
            assert_no_metadata_actor(G, path)
            if i == 0:
                assert ties(G) == expected, call
        return
    assert outcome == "graph"
    assert ties(G) == expected
    assert all(k == "collaboration" for _, _, k in G.edges(keys=True))
    assert_no_metadata_actor(G, path)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_of_the_single_file_never_reads_a_survey_as_an_actor_list(name):
    path = EXPORTS / name
    outcome, expected = EXPECTED[name]
    try:
        G = alliances.load([path])
    except InputError as err:
        assert outcome == "error"
        calls = suggested_calls(err.message)
        assert calls and ties(run(calls[0])) == expected
        return
    assert outcome == "graph" and ties(G) == expected
    assert G.graph["import_report"].ties == len(expected)
    assert_no_metadata_actor(G, path)


def test_roster_named_like_an_actor_list_is_refused_with_a_call_that_works(tmp_path):
    # before: read as a registry, every actor isolated, 0 ties
    shutil.copy(EXPORTS / "matrice_collaborations.csv", tmp_path / "acteurs.csv")
    with pytest.raises(InputError, match="would be read as an actor list alone") as err:
        alliances.load(tmp_path)
    (call,) = suggested_calls(err.value.message)
    assert call.startswith("load({")
    assert ties(run(call)) == EXPECTED["matrice_collaborations.csv"][1]


def test_actor_list_alone_is_still_an_actor_list(tmp_path):
    p = tmp_path / "acteurs.csv"
    p.write_text("nom;secteur;salariés;budget\nMairie;public;120;3000000\nAsso;association;2;"
                 "40000\nCAF;public;300;1\n", encoding="utf-8")
    G = alliances.load(tmp_path)
    assert sorted(G) == ["asso", "caf", "mairie"] and G.number_of_edges() == 0


def _moved_timestamp(tmp_path: Path) -> Path:
    """gforms_fr.csv with its Horodateur no longer first: no tool's export, a hand-made file."""
    rows = list(csv.reader((EXPORTS / "gforms_fr.csv").read_text(encoding="utf-8").splitlines()))
    p = tmp_path / "s.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[r[2], r[0], r[1], *r[3:]] for r in rows])
    return p


def test_survey_error_lists_candidates_and_metadata(tmp_path):
    p = _moved_timestamp(tmp_path)
    with pytest.raises(InputError) as err:
        read_survey(p)
    msg = err.value.message
    assert "cannot tell how this survey is laid out" in msg and "nothing was read" in msg
    assert "long (one row per nomination)" in msg
    assert '"Horodateur" (timestamp), "Adresse e-mail" (e-mail address)' in msg
    # the comments column is prose, the sector column a sector: neither is offered
    assert all('"Remarques"' not in c and '"Secteur de votre structure": "contact"' not in c
               for c in suggested_calls(msg))
    (call,) = suggested_calls(msg)
    assert ties(run(call)) == EXPECTED["gforms_fr.csv"][1]


def test_report_says_which_columns_were_metadata():
    G = read_survey(EXPORTS / "gforms_en.csv")
    probs = G.graph["import_report"].problems
    meta = probs[probs["action"].str.startswith("survey metadata column")]
    assert meta[["line", "column"]].values.tolist() == [[1, "Timestamp"], [1, "Email Address"]]
    assert G.graph["layout"] == "long"
    assert G.graph["layout_evidence"] == "the Google Forms (English interface) export's questions"


def test_surveymonkey_second_header_row_names_the_columns():
    G = read_survey(EXPORTS / "surveymonkey_en.csv")
    r = G.graph["import_report"]
    # the second header row is a header, not data: three respondents, three rows
    assert (r.rows_read, r.rows_used, r.unaccounted) == (3, 3, 0)
    assert "line 2: second header row" in " ".join(r.problems["action"])
    roles = r.formats["roles"].iloc[0]
    assert roles["Which organisations has your organisation worked with in the past year? "
                 "(up to three) [Partner 3]"] == "contact 3"
    # one box per partner: the comma is part of the name, and that is said
    p = r.problems
    row = p[p["column"] == "contact 3"].iloc[0]
    assert (row["line"], row["value"]) == (4, "Ateliers, Insertion & Co")
    for h in ("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
              "Email Address", "First Name", "Last Name", "Custom Data 1"):
        assert h in p["column"].tolist()


# ----------------------------------------------------------------- metadata vocabulary

@pytest.mark.parametrize("header", [
    "_uuid", "_submission_time", "submitdate", "lastpage", "meta-instanceID", "Horodateur",
    "Adresse e-mail", "Timestamp", "Collector ID", "Respondent ID", "Start Date", "End Date",
    "IP Address", "Start time", "Completion time", "Last modified time", "startlanguage", "seed",
    "startdate", "datestamp", "_index", "__version__", "_submission__uuid", "_parent_index",
    "Email Address", "Adresse électronique", "SubmissionDate", "ResponseId"])
def test_metadata_headers_always(header):
    assert is_metadata_header(header) is not None


@pytest.mark.parametrize(("header", "beside"), [
    ("ID", "Start time"), ("Email", "Completion time"), ("Name", "Completion time"),
    ("KEY", "SubmissionDate"), ("id", "submitdate"), ("_id", "_uuid"), ("status", "ResponseId"),
    ("language", "StartDate")])
def test_metadata_headers_in_a_tools_export(header, beside):
    assert is_metadata_header(header) is None or header == "_id"
    assert is_metadata_header(header, beside=[header, beside]) is not None


def test_a_hand_made_surveys_name_column_is_not_metadata():
    assert metadata_columns(["name", "organisation", "contact", "email"]) == {}
    # Google Forms has no login "Name": only Microsoft Forms' own columns make it one
    assert metadata_columns(["Timestamp", "Name", "Organisation"]) == {"Timestamp": "timestamp"}


# ----------------------------------------------------------------- layout evidence

def test_free_text_under_actor_like_columns_is_not_a_roster(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("structure;Vos partenaires principaux;Vos attentes\n"
                 "Mairie;Asso Vélo, CAF;Plus de réunions communes avec les associations.\n"
                 "CAF;Mairie;\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell how this survey is laid out") as err:
        read_survey(p)
    (call,) = suggested_calls(err.value.message)
    G = run(call)
    assert ties(G) == {("mairie", "asso-velo"), ("mairie", "caf"), ("caf", "mairie")}


def test_roster_with_ticks_is_sure_and_says_why():
    G = read_survey(EXPORTS / "matrice_collaborations.csv")
    assert G.graph["layout"] == "roster"
    assert G.graph["layout_evidence"] == "4 of 4 filled columns hold ticks or numbers"


def test_roster_free_text_column_is_reported_not_an_actor(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("structure;A;B;Commentaires\nA;;x;rien à signaler\nB;x;;une réunion par mois\n",
                 encoding="utf-8")
    G = read_survey(p)
    assert G.graph["layout"] == "roster" and sorted(G) == ["a", "b"]
    actions = G.graph["import_report"].problems["action"].tolist()
    assert any(a.startswith("column holds free text") for a in actions)


# ----------------------------------------------------------------- advice that works

def test_numbered_sections_advice_works_when_copied(tmp_path):
    # before: columns={"your header": "contact 1"}, which reads nothing
    p = tmp_path / "s.csv"
    p.write_text("Structure;Partenaire cité n°1;Partenaire cité n°2;Remarques\n"
                 "Mairie;Asso Vélo;CAF;\nCAF;Mairie;;RAS\n", encoding="utf-8")
    want = {("mairie", "asso-velo"), ("mairie", "caf"), ("caf", "mairie")}
    with pytest.raises(InputError) as auto:
        read_survey(p)
    with pytest.raises(InputError) as forced:
        read_survey(p, layout="wide")
    for err in (auto, forced):
        calls = suggested_calls(err.value.message)
        assert calls and 'layout="wide"' in calls[0], err.value.message
        assert '{"your header": "contact 1"}' not in err.value.message
        assert ties(run(calls[0])) == want


def test_closest_header_only_offers_columns_holding_names(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("structure;contacté le;nb contacts\nMairie;2024-03-01;3\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "contact" column') as err:
        read_survey(p, layout="long")
    assert "closest header" not in err.value.message  # a date and a number: not contacts
    p.write_text("structure;contactés\nMairie;CAF\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_survey(p, layout="long")
    assert 'The closest header is "contactés"' in err.value.message
    (mapping,) = re.findall(r"columns=(\{[^}]*\})", err.value.message)
    assert ties(read_survey(p, layout="long", columns=eval(mapping))) == {("mairie", "caf")}


def test_missing_respondent_advice_works(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("Nom de votre organisation;Contact 1;Contact 2\nMairie;CAF;Asso\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match='no "respondent" column') as err:
        read_survey(p)
    (call,) = suggested_calls(err.value.message)
    assert ties(run(call)) == {("mairie", "caf"), ("mairie", "asso")}


# ----------------------------------------------------------------- multi-select cells

def test_known_names_are_never_split():
    known = {"ateliers insertion co", "plaisance mobilite bus tad"}
    assert split_names("Ateliers, Insertion & Co", known=known) == ["Ateliers, Insertion & Co"]
    assert split_names("Plaisance Mobilité (bus, TAD)") == ["Plaisance Mobilité (bus, TAD)"]
    assert split_names("CAF, Ateliers, Insertion & Co, Plaisance Mobilité (bus, TAD)",
                       known=known) == ["CAF", "Ateliers, Insertion & Co",
                                        "Plaisance Mobilité (bus, TAD)"]
    assert split_names('"Ateliers, Insertion & Co"; CAF') == ["Ateliers, Insertion & Co", "CAF"]
    # a part with no letter is no name's part: the known name is not the whole cell
    assert split_names("???; CAF", known={"caf"}) == ["???", "CAF"]
    # unbalanced brackets: split as before
    assert split_names("A (b, C") == ["A (b", "C"]


def test_respondents_own_organisations_are_known_names(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text('structure;partenaires\n"Ateliers, Insertion & Co";Mairie\n'
                 'Mairie;"Ateliers, Insertion & Co, CAF"\n', encoding="utf-8")
    G = read_survey(p)
    assert ties(G) == {("ateliers-insertion-co", "mairie"), ("mairie", "ateliers-insertion-co"),
                       ("mairie", "caf")}


def test_wide_report_quotes_the_cell_as_written(tmp_path):
    p = tmp_path / "w.csv"
    p.write_text("structure,contact 1,contact 2\nA,B;  c,\n", encoding="utf-8")
    G = read_survey(p)
    probs = G.graph["import_report"].problems
    assert probs[["line", "column", "value"]].values.tolist() == [[2, "contact 1", "B;  c"]]
