"""Imported graphs are plain data (issue 16, item 6: interoperability).

Every graph an importer makes, and every sample, goes through what other
tools do with a networkx graph: ``json.dumps(nx.node_link_data(G))``,
``pickle`` and ``copy.deepcopy``; its import report survives the trip as
plain data, and :func:`import_report` gives the ImportReport back.
"""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import networkx as nx
import pytest

import alliances
from alliances.io.builder import GraphReport, import_report
from alliances.io.report import ImportReport

DATA = Path(__file__).parent / "data" / "io"
NETWORKS = DATA / "networks"


def _graphs() -> dict[str, nx.MultiDiGraph]:
    out = {f"sample {n}": alliances.samples.load(n) for n in alliances.samples.names()}
    out.update({
        "survey long": alliances.read_survey(DATA / "survey_long_cp1252.csv"),
        "survey roster": alliances.read_survey(DATA / "survey_roster.csv"),
        "interviews": alliances.read_interviews(DATA / "interviews.csv"),
        "affiliations": alliances.read_affiliations(DATA / "affiliations.csv"),
        "study": alliances.load(DATA / "study"),
        "policy network": alliances.load(NETWORKS / "policy"),
        "pajek": alliances.load(NETWORKS / "karate.net"),
        "ucinet": alliances.load(NETWORKS / "sampson.dat"),
        "gexf": alliances.load(NETWORKS / "gephi_export.gexf"),
        "kumu": alliances.load(NETWORKS / "kumu_blueprint.xlsx"),
    })
    return out


GRAPHS = _graphs()


def snapshot(G: nx.Graph) -> tuple:
    return (sorted((n, sorted(d.items())) for n, d in G.nodes(data=True)),
            sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True)))


@pytest.mark.parametrize("name", list(GRAPHS))
def test_json_round_trip(name):
    G = GRAPHS[name]
    text = json.dumps(nx.node_link_data(G, edges="edges"))
    H = nx.node_link_graph(json.loads(text), edges="edges")
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    report = import_report(H)  # plain data back to the report
    assert isinstance(report, ImportReport)
    assert report.to_dict() == json.loads(json.dumps(G.graph["import_report"].to_dict()))
    assert report.counts == G.graph["import_report"].counts
    assert report.unaccounted == 0
    assert report.problems.equals(G.graph["import_report"].problems)


@pytest.mark.parametrize("name", list(GRAPHS))
def test_pickle_and_deepcopy(name):
    G = GRAPHS[name]
    for H in (pickle.loads(pickle.dumps(G)), copy.deepcopy(G)):
        assert snapshot(H) == snapshot(G)
        r = H.graph["import_report"]
        assert isinstance(r, GraphReport) and r.to_dict() == G.graph["import_report"].to_dict()
        assert dict(r) == r.to_dict()  # its dict form is fresh


def test_what_a_reader_adds_after_building_is_in_the_plain_data():
    # read_interviews reports the file's problems after the graph is built
    G = alliances.read_interviews(DATA / "interviews.csv")
    r = G.graph["import_report"]
    plain = json.loads(json.dumps(r))
    assert len(plain["problems"]) == len(r.problems)
    r.problem("x.csv", 3, "trust", "beaucoup", "kept as missing")
    assert json.loads(json.dumps(r))["problems"][-1] == ["x.csv", 3, "trust", "beaucoup",
                                                         "kept as missing"]
    assert r["problems"][-1][0] == "x.csv"


def test_report_to_dict_from_dict_round_trip():
    r = ImportReport(sources=["s.csv"], rows_read=3, rows_used=1, ties=1, actors=2)
    r.skip("s.csv", 3, "self-nomination")
    r.skip("s.csv", 4, "slot 2: never", row=False)
    r.skip("s.csv", 5, "no contact")
    r.problem("s.csv", 2, "trust", "beaucoup", "kept as missing")
    r.suggest([("a", "A", "b", "B", 0.9, "typo")])
    r.merged_name("a", "A.", "normalisation")
    r.recognised("s.csv", "Google Forms", {"Horodateur": "metadata"})
    back = ImportReport.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back.to_dict() == r.to_dict()
    assert (back.rows_skipped, back.unaccounted, len(back.skipped)) == (2, 0, 3)
    assert str(back) == str(r)


def test_graph_report_behaves_as_the_report_and_as_a_dict():
    r = GraphReport.of(ImportReport(sources=["s.csv"], rows_read=1, rows_used=1))
    assert str(r).startswith("Import report: s.csv") and repr(r).startswith("<ImportReport")
    assert r["rows_read"] == 1 and set(r) >= {"sources", "skipped", "problems"}
    merged = GraphReport.combine(r, ImportReport(sources=["t.csv"], rows_read=2, rows_used=2))
    assert isinstance(merged, GraphReport) and json.loads(json.dumps(merged))["rows_read"] == 3
    G = alliances.merge(GRAPHS["survey long"], GRAPHS["interviews"])
    assert json.loads(json.dumps(G.graph["import_report"]))["sources"] == [
        "survey_long_cp1252.csv", "interviews.csv"]
    assert import_report(nx.MultiDiGraph()) is None
