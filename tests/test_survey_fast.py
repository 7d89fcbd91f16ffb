"""The column-wise reader of long surveys (io/_longfast.py) equals the careful row-by-row one.

Each case reads the same file with ``survey._LONG_ENGINE = "rows"`` (the
careful reader, the reference) and ``"auto"``, and compares ``to_frames(G)``
(values, dtypes and column order) and the whole import report (counts,
skipped, problems, merged names, suggested merges). Each case also says
which reader ``"auto"`` must pick, so a fast path that is never taken fails.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliances.io import survey as S  # noqa: N812
from alliances.io.actors import read_actors
from alliances.model import to_frames

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
BAD = ROOT / "tests" / "data" / "bad"


def _read(engine: str, path: Path, **kw):
    old = S._LONG_ENGINE
    S._LONG_ENGINE = engine
    try:
        G = S.read_survey(path, **kw)
    finally:
        S._LONG_ENGINE = old
    return G, S._last_long_engine


def _parts(G):
    r = G.graph["import_report"]
    nodes, ties = to_frames(G)
    return {"nodes": nodes, "ties": ties, "counts": r.counts, "skipped": r.skipped,
            "problems": r.problems, "merged": r.merged_names,
            "suggested": r.suggested_merges, "layout": G.graph.get("layout")}


def assert_same(path: Path, expect: str | None = "columns", **kw) -> dict:
    """Both readers give the same graph and report; ``auto`` took ``expect``."""
    G_rows, used_rows = _read("rows", path, **kw)
    G_auto, used_auto = _read("auto", path, **kw)
    assert used_rows == ("rows" if G_rows.graph.get("layout") == "long" else None)
    if expect is not None:
        assert used_auto == expect, f"{path.name}: {used_auto} ran, {expect} expected"
    a, b = _parts(G_rows), _parts(G_auto)
    for key in a:
        if isinstance(a[key], pd.DataFrame):
            assert list(a[key].columns) == list(b[key].columns), key
            pd.testing.assert_frame_equal(a[key], b[key], obj=f"{path.name} {key}")
        else:
            assert a[key] == b[key], key
    return b


def _long(tmp_path: Path, rows: list[list[str]], name: str = "survey.csv",
          header: tuple[str, ...] = ("respondent", "organisation", "sector", "contact",
                                     "relation", "frequency", "trust", "theme")) -> Path:
    p = tmp_path / name
    with open(p, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        w.writerows(rows)
    return p


# ------------------------------------------------------------------ committed files

@pytest.mark.parametrize("folder", ["antony-velo", "morteau-reemploi"])
def test_long_samples(folder):
    p = SAMPLES / folder / "survey.csv"
    out = assert_same(p)
    assert out["layout"] == "long"
    assert out["counts"]["self_nominations"] >= 1  # the planted self-nomination, on the fast path


@pytest.mark.parametrize("folder", ["antony-velo", "morteau-reemploi"])
def test_long_samples_with_registry(folder):
    reg = read_actors(SAMPLES / folder / "actors.csv")
    assert_same(SAMPLES / folder / "survey.csv", actors=reg)
    assert_same(SAMPLES / folder / "survey.csv", actors=reg, level="person")


def _long_bad_files() -> list[Path]:
    out = []
    for p in sorted(BAD.glob("*.csv")):
        try:
            G, _ = _read("rows", p)
        except Exception:  # an InputError, or not a survey at all
            continue
        if G.graph.get("layout") == "long":
            out.append(p)
    return out


@pytest.mark.parametrize("path", _long_bad_files(), ids=lambda p: p.name)
def test_long_files_of_the_bad_corpus(path):
    assert_same(path, expect=None)


def test_the_bad_corpus_takes_the_fast_path():
    used = {p.name: _read("auto", p)[1] for p in _long_bad_files()}
    assert used["merged_cells.csv"] == "columns"  # fill-down
    assert used["self_nominations.csv"] == "columns"  # several contacts in one cell
    assert used["same_tie_twice.csv"] == "columns"
    assert used["trust_beaucoup.csv"] == "columns"
    assert used.pop("header_only.csv") == "rows"  # no row: the careful path reports it
    assert set(used.values()) == {"columns"}


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


def test_no_letter_names_and_missing_columns(tmp_path):
    noletter = _long(tmp_path, [["Anne", "Mairie", "public", "???", "", "", "", ""],
                                ["???", "", "public", "CAF", "", "", "", ""],
                                ["Anne", "Mairie", "public", "CAF", "", "jamais", "", ""],
                                ["Anne", "Mairie", "public", "!!", "", "jamais", "", ""]],
                     "nl.csv")
    out = assert_same(noletter)
    assert _read("columns", noletter)[1] == "columns"
    assert out["counts"]["rows_skipped"] == 4
    with pytest.raises(ValueError, match="declined"):
        _read("columns", BAD / "header_only.csv")  # no row: the careful path reports it


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
_TRUSTS = ["", "3", "5", "12", "forte", "80 %", "beaucoup", "0.5"]
_THEMES = ["", "mobilité", "b|a", "a; c"]
_SECTORS = ["", "public", "Collectivité", "Ovni", "association"]

_row = st.tuples(st.sampled_from(_NAMES), st.sampled_from(_NAMES), st.sampled_from(_SECTORS),
                 st.sampled_from(_NAMES + _MULTI), st.sampled_from(_RELS), st.sampled_from(_FREQS),
                 st.sampled_from(_TRUSTS), st.sampled_from(_THEMES), st.sampled_from(["", "Antony", "Sceaux"]))


@settings(derandomize=not os.environ.get("ALLIANCES_HYPOTHESIS_HUNT"), max_examples=150,
          deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=1, max_size=25),
       level=st.sampled_from(["organisation", "person"]), fill_down=st.booleans(),
       split=st.sampled_from([{}, {"split_multi": False}, {"multi_sep": ","}, {"registry": True}]))
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
    try:
        _read("rows", p, **kw)
    except Exception as exc:  # then both must fail the same way
        with pytest.raises(type(exc)):
            _read("auto", p, **kw)
        return
    assert_same(p, expect="columns", **kw)


def test_random_rows_without_quirks_take_the_fast_path(tmp_path):
    clean = [[n, o, s, c, r, f, t, h] for n, o, s, c, r, f, t, h in [
        ("Anne", "Mairie", "public", "CAF", "collaboration", "mensuel", "3", "b|a"),
        ("Paul", "CAF", "Ovni", "Mairie", "bricolage", "souvent", "beaucoup", ""),
        ("Paul", "CAF", "Ovni", "Mairie", "bricolage", "2", "4", "c"),
    ]]
    assert_same(_long(tmp_path, clean), expect="columns")


_CLEAN = [n for n in _NAMES if n and n != "???" and ";" not in n and "," not in n]
_clean_row = st.tuples(st.sampled_from(_CLEAN), st.sampled_from(_CLEAN), st.sampled_from(_SECTORS),
                       st.sampled_from([*_CLEAN, ""]), st.sampled_from(_RELS),
                       st.sampled_from(_FREQS), st.sampled_from(_TRUSTS),
                       st.sampled_from(_THEMES), st.sampled_from(["", "Antony"]))


@settings(derandomize=not os.environ.get("ALLIANCES_HYPOTHESIS_HUNT"), max_examples=40,
          deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
@given(rows=st.lists(_clean_row, min_size=1, max_size=25),
       level=st.sampled_from(["organisation", "person"]))
def test_random_files_without_declined_quirks_take_the_fast_path(tmp_path_factory, rows, level):
    # duplicates, self-nominations, "jamais", empty contacts, bad values: all column-wise
    tmp = tmp_path_factory.mktemp("clean")
    header = ("respondent", "organisation", "sector", "contact", "relation", "frequency",
              "trust", "theme", "territory")
    p = _long(tmp, [list(r) for r in rows], header=header)
    assert_same(p, expect="columns", level=level)
