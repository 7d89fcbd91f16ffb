"""read_interviews against a hand-checked graph (tests/data/io/interviews.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliances.errors import InputError
from alliances.io.interviews import read_interviews
from alliances.model import Evidence

DATA = Path(__file__).parent / "data" / "io"


def test_interviews_ties_signs_quotes_and_report():
    G = read_interviews(DATA / "interviews.csv")
    assert sorted(G.nodes) == ["asso-velo-antony", "caf", "mairie-d-antony", "marc-roy",
                               "promoteur-immo"]
    assert sorted(G.edges(keys=True)) == [
        ("asso-velo-antony", "mairie-d-antony", "mention"),
        ("asso-velo-antony", "promoteur-immo", "conflict"),
        ("mairie-d-antony", "asso-velo-antony", "collaboration"),
        ("marc-roy", "caf", "mention"),
    ]
    # lines 2 and 3 (3-4: the quote holds a newline) are one tie with both quotes
    collab = G.edges["mairie-d-antony", "asso-velo-antony", "collaboration"]
    assert collab["evidence"] == (
        Evidence("interviews.csv", 2, "On avance bien ensemble"),
        Evidence("interviews.csv", 3, "Ils sont moteurs;\nvraiment"))
    assert (collab["sign"], collab["mentions"], collab["origin"], collab["weight"]) == (
        1, 2, "interview", 1.0)
    assert collab["tones"] == ("positif",) and collab["interviews"] == ("E1",)
    # negative tone -> negative mention
    neg = G.edges["asso-velo-antony", "mairie-d-antony", "mention"]
    assert neg["sign"] == -1 and neg["evidence"] == (
        Evidence("interviews.csv", 5, "La mairie ne nous écoute pas"),)
    # conflict is negative even with a neutral tone
    assert G.edges["asso-velo-antony", "promoteur-immo", "conflict"]["sign"] == -1
    # a person without organisation is a person node; unreadable tone -> sign from relation
    assert G.nodes["marc-roy"]["kind"] == "person" and G.nodes["marc-roy"]["respondent"]
    assert G.edges["marc-roy", "caf", "mention"]["sign"] == 1
    assert G.nodes["caf"]["respondent"] is False
    r = G.graph["import_report"]
    assert (r.rows_read, r.ties, r.actors, r.ties_merged) == (6, 4, 5, 1)
    assert r.skipped[["line", "reason"]].values.tolist() == [
        [8, "no interviewee or organisation: nobody to attach the mention to"]]
    assert r.problems[["line", "column", "value"]].values.tolist() == [[7, "ton", "bof"]]


def test_person_level_interviews():
    G = read_interviews(DATA / "interviews.csv", level="person")
    assert ("anne-martin", "asso-velo-antony", "collaboration") in G.edges(keys=True)
    assert G.nodes["anne-martin"]["organisation"] == "Mairie d'Antony"


def test_missing_mentioned_column(tmp_path):
    p = tmp_path / "i.csv"
    p.write_text("entretien;structure;acteurs cites\nE1;A;B\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_interviews(p)
    msg = str(err.value)
    assert err.value.column == "mentioned" and err.value.line == 1
    assert "Columns found: entretien, structure, acteurs cites" in msg
    assert 'closest header is "acteurs cites"' in msg


def test_missing_interviewee_column(tmp_path):
    p = tmp_path / "i.csv"
    p.write_text("acteur cité;citation\nB;bla\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "interviewee" column'):
        read_interviews(p)
