"""The actor-graph schema on imported graphs: to_frames / from_frames round trip and merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliances.io.affiliations import read_affiliations
from alliances.io.interviews import read_interviews
from alliances.io.load import load
from alliances.io.report import ImportReport
from alliances.io.survey import read_survey
from alliances.model import from_frames, merge, to_frames

DATA = Path(__file__).parent / "data" / "io"


def snapshot(G):
    nodes = sorted((n, sorted(d.items())) for n, d in G.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


@pytest.mark.parametrize("make", [
    lambda: read_survey(DATA / "survey_long_cp1252.csv"),
    lambda: read_survey(DATA / "survey_wide_gforms.csv"),
    lambda: read_survey(DATA / "survey_roster.csv"),
    lambda: read_interviews(DATA / "interviews.csv"),
    lambda: read_affiliations(DATA / "affiliations.csv"),
    lambda: load(DATA / "study"),
], ids=["long", "wide", "roster", "interviews", "affiliations", "study"])
def test_round_trip_on_imported_graphs(make):
    G = make()
    H = from_frames(*to_frames(G))
    assert snapshot(H) == snapshot(G)
    assert isinstance(H.graph["import_report"], ImportReport)


def test_merge_combines_reports_and_evidence():
    s = read_survey(DATA / "survey_long_cp1252.csv")
    i = read_interviews(DATA / "interviews.csv")
    G = merge(s, i)
    r = G.graph["import_report"]
    assert isinstance(r, ImportReport)
    assert r.sources == ["survey_long_cp1252.csv", "interviews.csv"]
    assert r.rows_read == 7 + 6
    assert r.ties_merged == 1 + 1
    tie = G.edges["mairie-d-antony", "asso-velo-antony", "collaboration"]
    assert len(tie["evidence"]) == 4 and tie["origin"] == "interview+survey"
    # inputs are untouched
    assert s.edges["mairie-d-antony", "asso-velo-antony", "collaboration"]["origin"] == "survey"
