"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): the numbers of the importers.

Trust numbers that decide the trust scale, the scale rule itself, trust and
frequency cells turned into numbers, and the counts an :class:`ImportReport`
adds up when reports are combined.
"""

from __future__ import annotations

import pytest

from alliances.io.csvfile import read_table
from alliances.io.report import ImportReport
from alliances.io.survey import _trust_numbers, parse_trust_scale, read_survey


def _write(tmp_path, text: str, name: str = "s.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ----------------------------------------------------------------- trust numbers and scale

def test_trust_numbers_are_the_distinct_plain_numbers_in_order(tmp_path):
    # percentages ("80 %") and trust words ("forte") are read on their own scale and do
    # not decide it; blanks are skipped; "4" repeated counts once
    p = _write(tmp_path, "structure,partenaire,confiance\nA,B,80 %\nA,C,4\nA,D,\nB,C,4\n"
                         "B,D,forte\nC,D,3\n")
    table = read_table(p)
    assert _trust_numbers(table, [2]) == [4.0, 3.0]
    # two columns: read column by column, a value seen in the first is not repeated
    p2 = _write(tmp_path, "a,b\n2,4\n4,5\n", "two.csv")
    assert _trust_numbers(read_table(p2), [0, 1]) == [2.0, 4.0, 5.0]


def test_trust_numbers_use_the_file_decimal_comma(tmp_path):
    p = _write(tmp_path, "structure;partenaire;confiance\nA;B;7,5\nA;C;2\n")
    table = read_table(p)
    assert table.decimal_comma
    assert _trust_numbers(table, [2]) == [7.5, 2.0]


@pytest.mark.parametrize(
    "values, scale",
    [([], (0.0, 1.0)), ([0.2, 1.0], (0.0, 1.0)), ([1.0, 1.5], (1.0, 5.0)), ([5.0], (1.0, 5.0)),
     ([5.5], (0.0, 10.0)), ([10.0], (0.0, 10.0)), ([12.0], (0.0, 10.0))],
)
def test_auto_scale_boundaries(values, scale):
    # top <= 1 -> 0..1, top <= 5 -> 1..5, otherwise 0..10 (boundaries included below)
    assert parse_trust_scale("auto", values) == scale


def test_given_scales():
    assert parse_trust_scale("0-100") == (0.0, 100.0)
    assert parse_trust_scale((2, 8)) == (2.0, 8.0)
    assert isinstance(parse_trust_scale((2, 8))[0], float)
    with pytest.raises(ValueError):
        parse_trust_scale((5, 5))  # high must be strictly above low
    with pytest.raises(ValueError):
        parse_trust_scale((5, 1))


def test_trust_cells_normalised_on_the_scale(tmp_path):
    # numbers 1..5 -> scale 1..5, (x - 1) / 4: 1 -> 0, 2 -> 0.25, 5 -> 1; "50 %" -> 0.5;
    # "150 %" is not a share -> missing; 0 is below the scale -> missing
    p = _write(tmp_path, "structure,partenaire,confiance\nA,B,1\nA,C,2\nA,D,5\nA,E,50 %\n"
                         "A,F,150 %\nA,G,0\n")
    G = read_survey(p)
    trust = {v: d.get("trust") for _, v, d in G.edges(data=True)}  # absent: not understood
    assert trust == {"b": 0.0, "c": 0.25, "d": 1.0, "e": 0.5, "f": None, "g": None}
    report = G.graph["import_report"]
    # the scale guess is noted once, then one problem per value not understood
    assert report.problems["value"].tolist() == [None, "150 %", "0"]
    assert "1..5 scale (largest number 5): (x - 1) / 4" in report.problems["action"].iloc[0]


def test_trust_on_a_given_scale_with_bounds_included(tmp_path):
    # 0..10 given: 0 -> 0.0, 10 -> 1.0 (both bounds inside), 7 -> 0.7, 11 -> missing
    p = _write(tmp_path, "structure,partenaire,confiance\nA,B,0\nA,C,10\nA,D,7\nA,E,11\n")
    G = read_survey(p, trust_scale="0-10")
    trust = {v: d.get("trust") for _, v, d in G.edges(data=True)}  # absent: not understood
    assert trust == {"b": 0.0, "c": 1.0, "d": 0.7, "e": None}
    # given scale: no note about a guessed scale, only the value out of range
    assert G.graph["import_report"].problems["value"].tolist() == ["11"]


def test_percent_bounds(tmp_path):
    p = _write(tmp_path, "structure,partenaire,confiance\nA,B,0 %\nA,C,100 %\nA,D,101 %\n")
    G = read_survey(p)
    trust = {v: d.get("trust") for _, v, d in G.edges(data=True)}  # absent: not understood
    assert trust == {"b": 0.0, "c": 1.0, "d": None}


def test_frequency_numbers_and_words(tmp_path):
    # numbers are weights as written (decimal comma on ';' files); a negative number is
    # not a frequency -> missing (weight 1.0 in the graph, reported)
    p = tmp_path / "f.csv"
    p.write_text("structure;partenaire;fréquence\nA;B;2,5\nA;C;-1\nA;D;4\nA;E;4\n", encoding="utf-8")
    G = read_survey(p)
    w = {v: d["weight"] for _, v, d in G.edges(data=True)}
    assert w["b"] == 2.5 and w["d"] == 4.0 and w["e"] == 4.0
    assert w["c"] == 1.0
    assert G.graph["import_report"].problems["value"].tolist() == ["-1"]


# ----------------------------------------------------------------- report counts

def test_combine_adds_every_count_and_keeps_every_table():
    a = ImportReport(sources=["a.csv"], rows_read=4, rows_used=3, ties=3, actors=3,
                     ties_merged=1, self_nominations=1, unknown_sectors=2, name_merges=1,
                     blank_lines=1)
    a.skip("a.csv", 5, "self-nomination")
    a.problem("a.csv", 3, "trust", "beaucoup", "kept as missing")
    a.suggest([("x", "X", "y", "Y", 0.9, "similar")])
    a.merged_name("x", "X.", "punctuation")
    b = ImportReport(sources=["b.csv", "a.csv"], rows_read=2, rows_used=2, ties=1, actors=2,
                     unknown_sectors=1, blank_lines=3)
    b.problem("b.csv", 2, "sector", "Fablab", "kept")
    b.suggest([("p", "P", "q", "Q", 0.8, "similar")])
    b.merged_name("p", "P ", "spaces")
    c = ImportReport(sources=["c.csv"], rows_read=1, rows_used=1, ties=1, actors=1, name_merges=2)
    c.problem("c.csv", 2, "frequency", "souvent?", "kept as missing")
    c.merged_name("q", "Q!", "punctuation")
    out = ImportReport.combine(a, "not a report", b, None, c)
    assert out.sources == ["a.csv", "b.csv", "c.csv"]
    assert out.counts == {
        "rows_read": 7, "rows_used": 6, "ties": 5, "actors": 6, "ties_merged": 1,
        "self_nominations": 1, "unknown_sectors": 3, "name_merges": 3, "blank_lines": 4,
        "rows_skipped": 1, "parts_skipped": 0, "problems": 3, "suggested_merges": 2,
    }
    assert out.problems["value"].tolist() == ["beaucoup", "Fablab", "souvent?"]
    assert out.suggested_merges["id_a"].tolist() == ["x", "p"]
    assert out.merged_names["spelling"].tolist() == ["X.", "P ", "Q!"]
    assert out.skipped["line"].tolist() == [5]
    assert out.unaccounted == 0  # 7 read = 6 used + 1 skipped
    # the inputs are left as they were
    assert a.rows_read == 4 and len(a.problems) == 1 and a.sources == ["a.csv"]


def test_combine_of_nothing_is_an_empty_report():
    out = ImportReport.combine()
    assert out.sources == [] and out.counts["rows_read"] == 0 and out.problems.empty


def test_frequency_below_one_is_kept_and_comma_files_have_no_decimal_comma(tmp_path):
    # 0.5 is a weight like any other positive number; on a ',' file "1,5" (quoted) is
    # not a number (the comma separates thousands or cells there) -> missing, reported
    p = _write(tmp_path, 'structure,partenaire,frequence\nA,C,0.5\nA,D,"1,5"\n')
    G = read_survey(p)
    w = {v: d["weight"] for _, v, d in G.edges(data=True)}
    assert w == {"c": 0.5, "d": 1.0}
    problems = G.graph["import_report"].problems
    assert problems["value"].tolist() == ["1,5"]
    assert problems["action"].iloc[0].startswith("frequency not understood")


def test_bad_scale_message():
    with pytest.raises(ValueError, match="high must be above low"):
        parse_trust_scale((3, 2))


@pytest.mark.parametrize(
    "cells, rule",
    [(["0.2", "0.9"], "0..1 scale (largest number 0.9): kept as they are"),
     (["7", "9"], "0..10 scale (largest number 9): x / 10")],
)
def test_guessed_scale_is_noted_with_its_rule(tmp_path, cells, rule):
    rows = "".join(f"A,{chr(66 + i)},{c}\n" for i, c in enumerate(cells))
    p = _write(tmp_path, "structure,partenaire,confiance\n" + rows)
    G = read_survey(p)
    note = G.graph["import_report"].problems.iloc[0]
    assert note["path"] == "s.csv" and note["line"] == 1 and note["value"] is None
    assert rule in note["action"]


def test_add_problems_keeps_values_and_shortens_paths():
    from alliances.errors import Problem

    r = ImportReport()
    r.add_problems([
        Problem("odd cell", path="/data/field/survey.csv", line=4, column="trust", value="??"),
        Problem("no file", path=None, line=None, column=None, value=7),
    ])
    assert r.problems.to_dict("records") == [
        {"path": "survey.csv", "line": 4, "column": "trust", "value": "??", "action": "odd cell"},
        {"path": "", "line": None, "column": None, "value": "7", "action": "no file"},
    ]


def test_trust_rounded_to_six_decimals_and_problems_located(tmp_path):
    # 0..10 given: 1.23456789 -> 0.123456789 -> 0.123457 (6 decimals)
    p = _write(tmp_path, "structure,partenaire,confiance,frequence\nA,B,1.23456789,2\n"
                         "A,C,12,zzz\n")
    G = read_survey(p, trust_scale="0-10")
    assert G.edges["a", "b", "collaboration"]["trust"] == 0.123457
    problems = G.graph["import_report"].problems
    rows = problems[["path", "line", "column", "value"]].to_dict("records")
    assert {"path": "s.csv", "line": 3, "column": "confiance", "value": "12"} in rows
    assert {"path": "s.csv", "line": 3, "column": "frequence", "value": "zzz"} in rows
    actions = " | ".join(problems["action"])
    assert "trust not understood on the 0..10 scale; kept as missing (pass trust_scale= to change the scale)" in actions
    assert "frequency not understood; kept as missing (weight 1.0)" in actions
