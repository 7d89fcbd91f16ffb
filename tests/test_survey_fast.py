"""The library's reader of long surveys (io/_longfast.py) equals the row-by-row reference.

The library has one long reader, the column-wise one. The row-by-row reading
it replaced is kept as the reference in ``tests/long_reference.py``. Each
case reads the same file with both and compares ``to_frames(G)`` (values,
dtypes and column order) and the whole import report (counts, skipped,
problems, merged names, suggested merges); when the reference raises, the
library must raise the same error with the same message. The library's
report also keeps the accounting identity rows_read == rows_used + rows_skipped.

Files: every long-layout file of ``tests/data`` and ``data/samples`` (with
and without the sample's actor registry), the bad corpus, and generated
files for each case the column reader used to hand over to the row reader
(no data row, a missing column, merged cells, nameless actors, several
contacts in a cell, hedged trust, cp1252, delimiters).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.long_reference import read_survey_reference

from alliances.errors import InputError
from alliances.io import survey as S  # noqa: N812
from alliances.io.actors import read_actors
from alliances.model import to_frames

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
BAD = ROOT / "tests" / "data" / "bad"
DATA = ROOT / "tests" / "data"


def _parts(G):
    r = G.graph["import_report"]
    nodes, ties = to_frames(G)
    return {"nodes": nodes, "ties": ties, "counts": r.counts, "skipped": r.skipped,
            "problems": r.problems, "merged": r.merged_names,
            "suggested": r.suggested_merges, "layout": G.graph.get("layout")}


def assert_same(path: Path | pd.DataFrame, **kw) -> dict | None:
    """The library and the reference give the same graph and report, or the same error.

    Returns the library's parts (None when both raised).
    """
    try:
        G_ref = read_survey_reference(path, **kw)
    except Exception as exc:  # then the library fails the same way
        with pytest.raises(type(exc)) as raised:
            S.read_survey(path, **kw)
        assert str(raised.value) == str(exc)
        return None
    G_lib = S.read_survey(path, **kw)
    name = getattr(path, "name", "data frame")
    a, b = _parts(G_ref), _parts(G_lib)
    for key in a:
        if isinstance(a[key], pd.DataFrame):
            assert list(a[key].columns) == list(b[key].columns), key
            pd.testing.assert_frame_equal(a[key], b[key], obj=f"{name} {key}")
        else:
            assert a[key] == b[key], key
    report = G_lib.graph["import_report"]
    assert report.unaccounted == 0, f"{name}: rows not accounted for"
    return b


def _long(tmp_path: Path, rows: list[list[str]], name: str = "survey.csv",
          header: tuple[str, ...] = ("respondent", "organisation", "sector", "contact",
                                     "relation", "frequency", "trust", "theme"),
          *, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    p = tmp_path / name
    with open(p, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return p


# ------------------------------------------------------------------ committed files

#: Files of the test data read as long surveys that must stay long (found once by
#: reading every file). The survey tools' exports of tests/data/io/platforms and
#: tests/data/io/exports are compared too whenever they read as long, but not listed:
#: their layout follows the recognisers, which other changes may refine.
KNOWN_LONG = {
    "data/samples/antony-velo/interviews.csv", "data/samples/antony-velo/survey.csv",
    "data/samples/chevreuse-sprint/survey.csv", "data/samples/chevreuse-sprint/wave2/survey.csv",
    "data/samples/morteau-reemploi/interviews.csv", "data/samples/morteau-reemploi/survey.csv",
    "data/samples/sqy-rse/interviews.csv", "data/samples/sqy-rse/wave2/interviews.csv",
    "tests/data/bad/excel_sep_line.csv", "tests/data/bad/formula_cells.csv",
    "tests/data/bad/header_only.csv", "tests/data/bad/merged_cells.csv",
    "tests/data/bad/merged_cells_interviews.csv", "tests/data/bad/mixed_encodings.csv",
    "tests/data/bad/na_and_codes_survey.csv", "tests/data/bad/ragged_rows.csv",
    "tests/data/bad/same_tie_twice.csv", "tests/data/bad/self_mention_interviews.csv",
    "tests/data/bad/self_nominations.csv", "tests/data/bad/stray_quote_in_cell.csv",
    "tests/data/bad/trust_beaucoup.csv", "tests/data/bad/utf16_bom.csv",
    "tests/data/bad/utf16_no_bom.csv", "tests/data/io/interviews.csv",
    "tests/data/io/study/enquete.csv", "tests/data/io/study/entretiens.csv",
    "tests/data/io/survey_long_cp1252.csv",
}
DATA_FILES = sorted(p.relative_to(ROOT).as_posix()
                    for folder in (DATA, SAMPLES) for p in folder.rglob("*")
                    if p.suffix.lower() in (".csv", ".tsv", ".xlsx"))


def test_the_known_long_files_exist():
    assert set(DATA_FILES) >= KNOWN_LONG


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_long_file_of_the_test_data(name):
    path = ROOT / name
    try:
        layout = read_survey_reference(path).graph.get("layout")
    except Exception:  # not a survey, or refused: the same refusal is checked below
        layout = None
    if layout != "long":
        assert name not in KNOWN_LONG, f"{name} is no longer read as a long survey"
        if layout is None:
            assert_same(path)  # the same error from both
        return  # the other layouts have one reader, the library's, in both
    assert_same(path)
    registry = path.parent / "actors.csv"
    if not registry.exists():
        registry = path.parent / "acteurs.csv"
    if registry.exists():
        reg = read_actors(registry)
        assert_same(path, actors=reg)
        assert_same(path, actors=reg, level="person")


@pytest.mark.parametrize("folder", ["antony-velo", "morteau-reemploi"])
def test_long_samples(folder):
    out = assert_same(SAMPLES / folder / "survey.csv")
    assert out["layout"] == "long"
    assert out["counts"]["self_nominations"] >= 1  # the planted self-nomination


def test_the_bad_corpus_cases_that_were_handed_over():
    # merged cells (fill-down), several contacts in one cell, repeated ties,
    # a trust word out of the scale, and a file with no data row
    merged = assert_same(BAD / "merged_cells.csv")
    assert any(a.startswith("respondent cell empty") for a in merged["problems"]["action"])
    several = assert_same(BAD / "self_nominations.csv")
    assert any("contacts; split into" in a for a in several["problems"]["action"])
    assert assert_same(BAD / "same_tie_twice.csv")["counts"]["ties_merged"] >= 1
    assert assert_same(BAD / "trust_beaucoup.csv")["counts"]["problems"] >= 1
    empty = assert_same(BAD / "header_only.csv")
    assert empty["counts"]["rows_read"] == 0 and empty["nodes"].empty


# ------------------------------------------------------------------ hand-written quirks

def test_duplicates_trust_themes_and_words(tmp_path):
    p = _long(tmp_path, [
        ["Anne", "Mairie", "public", "Asso Vélo", "collaboration", "mensuel", "4", "mobilité"],
        ["Paul", "MAIRIE", "public", "asso velo", "collaboration", "hebdomadaire", "2", "vélo|mobilité"],
        ["Léa", "Mairie", "Collectivité", "Asso Vélo", "collaboration", "", "forte", ""],
        ["Léa", "Mairie", "public", "CAF", "conflit", "beaucoup", "12", "école; sport"],
        ["Marc", "CAF", "Ovni", "Mairie", "bricolage", "0", "3", ""],
        ["Marc", "CAF", "Ovni", "Mairie", "information", "jamais", "3", ""],
        ["Marc", "CAF", "Ovni", "", "information", "", "", ""],
        ["Marc", "CAF", "Ovni", "Asso Vélo", "information, conflit", "3,5", "80 %", "b|a"],
    ])
    out = assert_same(p)
    ties = out["ties"].set_index(["source", "target", "relation"])
    tie = ties.loc[("mairie", "asso-velo", "collaboration")]
    # trust scale 0..10 (largest number 12): 4 -> 0.4, 2 -> 0.2, "forte" 0.75
    assert tie["weight"] == 4.0 and tie["trust"] == round((0.4 + 0.2 + 0.75) / 3, 6)
    assert [e.line for e in tie["evidence"]] == [2, 3, 4]
    assert tie["themes"] == ("mobilité", "vélo")
    assert out["counts"]["ties_merged"] == 2
    assert out["counts"]["rows_skipped"] == 3  # "0", "jamais" and the empty contact


def test_self_nominations_labels_follow_the_rows(tmp_path):
    # the skipped reason names the actor by its label so far: row order matters
    p = _long(tmp_path, [
        ["Anne", "mairie x", "public", "Mairie X", "collaboration", "", "", ""],
        ["Paul", "Mairie X", "public", "MAIRIE X", "collaboration, information", "", "", ""],
        ["Léa", "MAIRIE X", "public", "mairie x", "information", "", "", ""],
        ["Léa", "MAIRIE X", "public", "mairie x", "conflit", "jamais", "", ""],
        ["Léa", "MAIRIE X", "public", "CAF", "information", "", "", ""],
    ])
    out = assert_same(p)
    assert out["counts"]["self_nominations"] == 4
    reasons = out["skipped"]["reason"].tolist()
    # spellings so far: one each on line 2 (ties: alphabetical), "Mairie X" twice on
    # line 3, two each on line 4 ("MAIRIE X" sorts first)
    labels = [r.split('"')[1] for r in reasons if r.startswith("self-nomination")]
    assert labels == ["Mairie X", "Mairie X", "Mairie X", "MAIRIE X"]
    assert out["skipped"]["line"].tolist()[:4] == [2, 3, 3, 4]


def test_merged_cell_blocks(tmp_path):
    fill = _long(tmp_path, [
        ["", "", "", "Orphan", "", "", "", ""],  # a block at the top: nothing to carry
        ["", "", "", "Orphan 2", "", "", "", ""],
        ["Anne", "Mairie", "public", "CAF", "", "", "", ""],
        ["", "", "", "Asso", "", "", "", ""],
        ["", "", "Ovni", "Tiers-Lieu", "", "", "", ""],  # its own sector stays
        ["", "", "", "", "", "", "", "x"],  # no contact: nothing carried, ends the block
        ["Paul", "CAF", "public", "Mairie", "", "mensuel", "", ""],
        ["", "", "", "Mairie", "information", "jamais", "", ""],
        ["", "", "", "Anne", "conflit", "", "forte", ""],
        ["Léa", "", "citizen", "Asso", "", "", "", ""],
        ["", "", "", "Léa", "", "", "", ""],  # carried: a self-nomination
    ], "fill.csv")
    out = assert_same(fill)
    actions = out["problems"]["action"].tolist()
    blocks = [a for a in actions if a.startswith("respondent cell empty")]
    assert len(blocks) == 3 and actions[-3:] == blocks  # reported after the rows, per block
    assert "lines 5 to 6 (2 rows)" in blocks[0] and "carried down from line 4" in blocks[0]
    assert "lines 9 to 10 (2 rows)" in blocks[1] and "on line 12," in blocks[2]
    assert out["counts"]["self_nominations"] == 1
    skipped = out["skipped"]
    assert skipped["line"].tolist()[:2] == [2, 3]
    assert skipped["reason"].tolist()[0].startswith("no respondent or organisation")
    off = assert_same(fill, fill_down=False)
    assert not any(a.startswith("respondent cell empty") for a in off["problems"]["action"])
    assert off["counts"]["rows_skipped"] == 8
    assert_same(fill, level="person")
    assert_same(fill, fill_down=False, level="person")
    only_org = _long(tmp_path, [["Mairie", "CAF"], ["", "Asso"], ["", ""], ["", "Mairie"]],
                     "org.csv", header=("organisation", "contact"))
    assert_same(only_org)
    assert_same(only_org, fill_down=False)


def test_several_contacts_in_one_cell(tmp_path):
    header = ("respondent", "organisation", "sector", "contact", "relation", "frequency",
              "trust", "theme")
    p = _long(tmp_path, [
        ["Anne", "Mairie", "public", "CAF; Asso Vélo", "collaboration, information", "3", "4",
         ""],
        ["Anne", "Mairie", "public", "CAF | Tiers-Lieu", "bricolage", "", "", "a|b"],
        ["Paul", "CAF", "Ovni", "Mairie\nAsso Vélo", "", "mensuel", "beaucoup", ""],
        ["Paul", "CAF", "Ovni", "Mairie, Tiers-Lieu", "", "jamais", "", ""],
        ["Léa", "Asso Vélo", "association", "CAF; caf;CAF", "", "", "", ""],  # duplicates
        ["Léa", "Asso Vélo", "association", "CAF; asso velo; Mairie", "information", "", "",
         ""],  # a self-nomination among others
        ["Léa", "Asso Vélo", "association", "asso velo; ASSO VELO", "", "", "", ""],
        ["Marc", "Tiers-Lieu", "Ovni", "; CAF;", "", "", "", ""],  # empty parts
        ["Marc", "Tiers-Lieu", "Ovni", ";", "", "", "", ""],
        ["Marc", "Tiers-Lieu", "Ovni", "???; CAF; !!", "", "souvent", "", ""],
        ["Marc", "Tiers-Lieu", "Ovni", "???", "", "", "", ""],
        ["Marc", "Tiers-Lieu", "Ovni", "!!; tiers lieu", "", "", "", ""],
        ["Marc", "Tiers-Lieu", "Ovni", "Mairie d'Antony, DU; CAF", "", "", "", ""],
    ], header=header)
    out = assert_same(p)
    actions = out["problems"]["action"].tolist()
    assert "one cell named 2 contacts; split into 2 ties" in actions
    assert "one cell named 3 contacts; split into 3 ties" in actions
    # physical lines: the cell with a newline takes lines 4 and 5
    assert out["counts"]["self_nominations"] == 3  # lines 8, 9 and 14
    ties = out["ties"].set_index(["source", "target", "relation"])
    assert [e.line for e in ties.loc[("asso-velo", "caf", "collaboration"), "evidence"]] == [7]
    assert [e.line for e in ties.loc[("mairie", "caf", "information"), "evidence"]] == [2]
    reasons = out["skipped"]["reason"].tolist()
    assert sum(r.startswith('contact "???"') for r in reasons) == 2
    for kw in ({"split_multi": False}, {"level": "person"}, {"multi_sep": "|"},
               {"multi_sep": "|", "level": "person"}):
        assert_same(p, **kw)
    reg = tmp_path / "actors.csv"
    reg.write_text("name;sector\n\"Mairie d'Antony, DU\";public\nCAF;public\n",
                   encoding="utf-8")
    registry = read_actors(reg)
    out = assert_same(p, actors=registry)
    pairs = set(zip(out["ties"]["source"], out["ties"]["target"], strict=True))
    assert ("tiers-lieu", "mairie-d-antony-du") in pairs  # the registry name kept whole
    assert ("tiers-lieu", "du") not in pairs
    assert_same(p, actors=registry, level="person")


def test_several_contacts_with_contact_organisation(tmp_path):
    header = ("respondent", "organisation", "contact", "contact organisation", "frequency")
    p = _long(tmp_path, [
        ["Anne", "Mairie", "Paul; Zoé", "CAF", "3"],
        ["Anne", "Mairie", "Paul; Anne", "Mairie", ""],
        ["Paul", "CAF", "Anne, ???", "", "jamais"],
        ["Paul", "CAF", "Léa; Marc", "Asso", "2"],
    ], header=header)
    for level in ("organisation", "person"):
        assert_same(p, level=level)


def test_no_letter_names(tmp_path):
    noletter = _long(tmp_path, [["Anne", "Mairie", "public", "???", "", "", "", ""],
                                ["???", "", "public", "CAF", "", "", "", ""],
                                ["Anne", "Mairie", "public", "CAF", "", "jamais", "", ""],
                                ["Anne", "Mairie", "public", "!!", "", "jamais", "", ""]],
                     "nl.csv")
    out = assert_same(noletter)
    assert out["counts"]["rows_skipped"] == 4
    assert out["ties"].empty and out["nodes"].index.tolist() == ["caf", "mairie"]
    reasons = out["skipped"]["reason"].tolist()
    assert reasons[0] == 'contact "???" has no letter or digit: not an actor name; no tie'
    assert reasons[1] == S.NO_SOURCE  # "???" as respondent: nobody to attach the row to
    assert out["skipped"]["line"].tolist()[:2] == [2, 3]


# ------------------------------------------------------------------ the cases once handed over

def test_no_data_row(tmp_path):
    header_only = _long(tmp_path, [], "empty.csv")
    out = assert_same(header_only)
    assert out["counts"]["rows_read"] == 0 and out["nodes"].empty and out["ties"].empty
    blank = tmp_path / "blank.csv"
    blank.write_text("respondent;organisation;contact\n;;\n\n;;\n", encoding="utf-8")
    out = assert_same(blank, layout="long")
    assert out["counts"]["rows_read"] == out["counts"]["rows_used"] == 0
    assert out["nodes"].empty
    for kw in ({"fill_down": False}, {"level": "person"}):
        assert_same(header_only, **kw)
        assert_same(blank, layout="long", **kw)


def test_missing_columns(tmp_path):
    # a required column missing: the same InputError, naming the file
    no_contact = _long(tmp_path, [["Anne", "Mairie", "CAF"]], "nc.csv",
                       header=("respondent", "organisation", "remarque"))
    assert assert_same(no_contact, layout="long") is None
    with pytest.raises(InputError, match=r"nc\.csv"):
        S.read_survey(no_contact, layout="long")
    no_who = _long(tmp_path, [["CAF", "mensuel"]], "nw.csv", header=("contact", "frequency"))
    assert assert_same(no_who, layout="long") is None
    with pytest.raises(InputError, match=r"nw\.csv"):
        S.read_survey(no_who, layout="long")
    # optional columns missing: organisation and contact only, then respondent, contact, trust
    only_org = assert_same(_long(tmp_path, [["Mairie", "CAF"], ["CAF", "Mairie"],
                                            ["Mairie", "caf"]], "oo.csv",
                                 header=("organisation", "contact")))
    ties = only_org["ties"].set_index(["source", "target", "relation"])
    assert sorted(ties.index) == [("caf", "mairie", "collaboration"),
                                  ("mairie", "caf", "collaboration")]
    assert ties.loc[("mairie", "caf", "collaboration"), "weight"] == 1.0
    assert pd.isna(ties.loc[("mairie", "caf", "collaboration"), "trust"])
    assert only_org["counts"]["ties_merged"] == 1
    person = _long(tmp_path, [["Anne", "Paul", "4"], ["Paul", "Anne", "2"]], "pp.csv",
                   header=("respondent", "contact", "trust"))
    for level in ("organisation", "person"):
        out = assert_same(person, level=level)
        ties = out["ties"].set_index(["source", "target"])
        # trust on 1..5 (largest number 4): (4 - 1) / 4, (2 - 1) / 4
        assert ties.loc[("anne", "paul"), "trust"] == 0.75
        assert ties.loc[("paul", "anne"), "trust"] == 0.25


def test_merged_cells_fill_down_on_and_off(tmp_path):
    p = _long(tmp_path, [["Anne", "Mairie", "public", "CAF", "", "", "", ""],
                         ["", "", "", "Asso", "", "", "", ""],
                         ["", "", "", "Tiers-Lieu", "", "", "", ""],
                         ["Paul", "CAF", "public", "Mairie", "", "", "", ""]], "m.csv")
    on = assert_same(p)
    assert sorted(zip(on["ties"]["source"], on["ties"]["target"], strict=True)) == [
        ("caf", "mairie"), ("mairie", "asso"), ("mairie", "caf"), ("mairie", "tiers-lieu")]
    assert on["counts"]["rows_used"] == 4
    off = assert_same(p, fill_down=False)
    assert sorted(zip(off["ties"]["source"], off["ties"]["target"], strict=True)) == [
        ("caf", "mairie"), ("mairie", "caf")]
    assert off["skipped"]["line"].tolist() == [3, 4]
    assert set(off["skipped"]["reason"]) == {S.NO_SOURCE}


def test_several_contacts_with_a_chosen_separator(tmp_path):
    p = _long(tmp_path, [["Anne", "Mairie", "public", "CAF / Asso, Vélo", "", "", "", ""],
                         ["Paul", "CAF", "public", "Mairie / ??? / mairie", "", "", "", ""]],
              "sep.csv")
    out = assert_same(p, multi_sep="/")
    pairs = sorted(zip(out["ties"]["source"], out["ties"]["target"], strict=True))
    assert pairs == [("caf", "mairie"), ("mairie", "asso-velo"), ("mairie", "caf")]
    assert "one cell named 3 contacts; split into 3 ties" in out["problems"]["action"].tolist()
    assert out["counts"]["parts_skipped"] == 1  # "???"
    assert_same(p, multi_sep="/", level="person")
    assert_same(p, split_multi=False)


def test_hedged_trust(tmp_path):
    p = _long(tmp_path, [["Anne", "Mairie", "public", "CAF", "", "", "confiance totale ?", ""],
                         ["Paul", "CAF", "public", "Mairie", "", "", "bonne", ""],
                         ["Paul", "CAF", "public", "Asso", "", "", "?", ""]], "h.csv")
    out = assert_same(p)
    trust = {(t.source, t.target): None if pd.isna(t.trust) else t.trust
             for t in out["ties"].itertuples()}
    assert trust == {("mairie", "caf"): None, ("caf", "mairie"): 0.75, ("caf", "asso"): None}
    problems = out["problems"]
    hedged = problems[problems["value"].isin(["confiance totale ?", "?"])]
    assert hedged["line"].tolist() == [2, 4]
    assert all("kept as missing" in a for a in hedged["action"])


def test_cp1252_and_delimiters(tmp_path):
    rows = [["Amélie", "Mairie d'Évry", "collectivité", "Régie de quartier", "", "hebdomadaire",
             "élevée", "mobilité"],
            ["Théo", "Régie de quartier", "association", "Mairie d’Évry, CCAS", "", "mensuel",
             "", ""]]
    outs = []
    for enc, delim in (("cp1252", ";"), ("utf-8", ","), ("utf-8", "\t"), ("cp1252", ",")):
        name = f"{enc}_{ord(delim)}.csv"
        rows_enc = [[c.replace("’", "'") if enc == "cp1252" else c for c in r] for r in rows]
        out = assert_same(_long(tmp_path, rows_enc, name, encoding=enc, delimiter=delim))
        outs.append(out)
        labels = dict(zip(out["nodes"].index, out["nodes"]["label"], strict=True))
        assert labels["mairie-d-evry"] == "Mairie d'Évry"
        assert labels["regie-de-quartier"] == "Régie de quartier"
        tie = out["ties"].set_index(["source", "target"]).loc[("mairie-d-evry",
                                                               "regie-de-quartier")]
        assert (tie["weight"], tie["trust"]) == (4.0, 0.75)
    # the same graph whatever the encoding and delimiter (evidence names the file)
    for out in outs[1:]:
        pd.testing.assert_frame_equal(out["nodes"], outs[0]["nodes"])




def test_registry_aliases_person_level_and_contact_organisation(tmp_path):
    reg = tmp_path / "actors.csv"
    reg.write_text("name;sector;aliases\nMairie d'Antony;public;Ville d'Antony|Mairie\n"
                   "CAF;public;Caisse d'allocations familiales\n", encoding="utf-8")
    header = ("respondent", "organisation", "sector", "contact", "contact organisation",
              "frequency", "trust", "territory")
    p = _long(tmp_path, [
        ["Anne", "Ville d'Antony", "association", "Paul", "CAF", "mensuel", "1", "Antony"],
        ["Anne", "Mairie", "association", "Marc", "Caisse d'allocations familiales", "", "", "Sceaux"],
        ["Paul", "CAF", "public", "Anne", "Mairie", "quotidien", "0.5", "Antony"],
        ["Paul", "CAF", "public", "Zoé", "", "quotidien", "0.5", "Antony"],
        ["Zoé", "", "citizen", "Anne", "Ville d'Antony", "", "", ""],
    ], header=header)
    registry = read_actors(reg)
    for level in ("organisation", "person"):
        out = assert_same(p, actors=registry, level=level)
        assert out["counts"]["rows_read"] == 5
    assert_same(p, actors=reg, level="person")
    assert_same(p, trust_scale="0-10")


def test_many_contacts_and_scale(tmp_path):
    rows = [["Anne", "Mairie", "public", f"Contact {i}", "", "mensuel", str(i % 11), ""]
            for i in range(120)]
    out = assert_same(_long(tmp_path, rows))
    assert out["problems"]["action"].str.contains("names 120 actors").any()


# ------------------------------------------------------------------ random files

_NAMES = ["Anne", "anne ", "Paul", "Mairie", "MAIRIE", "Mairie d'Antony", "CAF", "Asso Vélo",
          "asso velo", "", "???", "Tiers-Lieu", "Léa", "A; B", "X, Y"]
# several contacts in one cell (with repeats, empty parts, names with no letter)
_MULTI = ["CAF; Mairie", "Mairie | mairie", "Anne\nCAF; Paul", "CAF, Léa", ";", "; CAF",
          "???, Paul", "Mairie d'Antony, DU", "anne; Anne, Paul", "",  ""]
_RELS = ["", "collaboration", "information", "conflit", "bricolage", "information, conflit", ","]
_FREQS = ["", "mensuel", "jamais", "0", "3", "2,5", "souvent", "-1"]
_TRUSTS = ["", "3", "5", "12", "forte", "80 %", "beaucoup", "0.5", "confiance totale ?", "?"]
_THEMES = ["", "mobilité", "b|a", "a; c"]
_SECTORS = ["", "public", "Collectivité", "Ovni", "association"]

_row = st.tuples(st.sampled_from(_NAMES), st.sampled_from(_NAMES), st.sampled_from(_SECTORS),
                 st.sampled_from(_NAMES + _MULTI), st.sampled_from(_RELS), st.sampled_from(_FREQS),
                 st.sampled_from(_TRUSTS), st.sampled_from(_THEMES), st.sampled_from(["", "Antony", "Sceaux"]))


@settings(derandomize=not os.environ.get("ALLIANCES_HYPOTHESIS_HUNT"), max_examples=150,
          deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=0, max_size=25),
       level=st.sampled_from(["organisation", "person"]),
       fill_down=st.sampled_from([None, True, False]),
       split=st.sampled_from([{}, {"split_multi": False}, {"multi_sep": ","}, {"multi_sep": "|"},
                              {"registry": True}]))
def test_random_long_files(tmp_path_factory, rows, level, fill_down, split):
    tmp = tmp_path_factory.mktemp("rand")
    header = ("respondent", "organisation", "sector", "contact", "relation", "frequency",
              "trust", "theme", "territory")
    p = _long(tmp, [list(r) for r in rows], header=header)
    kw = {"level": level, "fill_down": fill_down, **split}
    if kw.pop("registry", False):
        reg = tmp / "actors.csv"
        reg.write_text("name;aliases\n\"Mairie d'Antony, DU\";Ville\nCAF;Caisse\n",
                       encoding="utf-8")
        kw["actors"] = read_actors(reg)
    assert_same(p, **kw)


def test_a_tools_export_with_a_blank_respondent(tmp_path):
    # the tool's export is not filled down unless asked: both readers skip, or both fill
    text = (DATA / "io" / "exports" / "gforms_fr.csv").read_text(encoding="utf-8")
    p = tmp_path / "gforms_fr.csv"
    p.write_text(text.replace('direction@ateliers-insertion.fr,"Ateliers, Insertion & Co",',
                              "direction@ateliers-insertion.fr,,"), encoding="utf-8")
    assert assert_same(p)["counts"]["rows_skipped"] == 1
    assert assert_same(p, fill_down=True)["counts"]["rows_skipped"] == 0
    assert_same(p, level="person")


def test_a_workbook_with_merged_cells_and_a_data_frame(tmp_path):
    # Excel's merged respondent cells: the value on the block's first row only
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["répondant", "structure", "partenaire", "fréquence", "confiance"])
    ws.append(["Anne", "Mairie de Plaisance", "Vélo Plaisance", "mensuel", 4])
    ws.append([None, None, "CAF du Gers", "hebdomadaire", 5])
    ws.append([None, None, "Vélo Plaisance", "jamais", None])
    ws.append(["Paul", "Vélo Plaisance", "Mairie de Plaisance; CAF du Gers", "mensuel", 2])
    ws.merge_cells("A2:A4")
    ws.merge_cells("B2:B4")
    p = tmp_path / "enquete.xlsx"
    wb.save(p)
    out = assert_same(p)
    ties = out["ties"].set_index(["source", "target"])
    assert sorted(ties.index) == [("mairie-de-plaisance", "caf-du-gers"),
                                  ("mairie-de-plaisance", "velo-plaisance"),
                                  ("velo-plaisance", "caf-du-gers"),
                                  ("velo-plaisance", "mairie-de-plaisance")]
    # trust 1..5: (5 - 1) / 4; "jamais" on line 4 leaves the tie of line 2 alone
    assert ties.loc[("mairie-de-plaisance", "caf-du-gers"), "trust"] == 1.0
    assert [e.line for e in ties.loc[("mairie-de-plaisance", "velo-plaisance"), "evidence"]] \
        == [2]
    assert out["skipped"]["line"].tolist() == [4]
    assert_same(p, fill_down=False)
    frame = pd.read_excel(p, dtype=str, engine="openpyxl")
    out_frame = assert_same(frame)
    assert sorted(out_frame["ties"].set_index(["source", "target"]).index) == sorted(ties.index)
