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
import numpy as np
import pandas as pd
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


# --------------------------------------------------------------------------- absent, not None
# Issue 16, item 6: an unknown value is absent (the key is not set), as networkx's
# readers and writers expect; never None. Checked on every file of tests/data/io
# that alliances reads (each format's source is named in that folder's README).

QDA = DATA / "qda"
PLATFORMS = DATA / "platforms"
_QDA = {"actors": QDA / "actors.csv", "documents": QDA / "documents.csv"}

#: files read only with options (directions, the interviewees of QDA documents...)
NEEDS_OPTIONS = {
    "networks/edges_from_to.csv": lambda p: alliances.read_network(p, directed=True),
    "networks/statnet_ij.csv": lambda p: alliances.read_network(p, directed=True),
    "networks/zachary_edges.tsv": lambda p: alliances.read_network(p, directed=False),
    "networks/gephi_nodes.csv": lambda p: alliances.read_network(
        NETWORKS / "gephi_edges.csv", actors=p),
    "platforms/limesurvey_code_texte_fr.csv": alliances.read_survey,
    "qda/atlasti_quotations.xlsx": lambda p: alliances.read_interviews(p, **_QDA),
    "qda/maxqda_segmente_de.xlsx": lambda p: alliances.read_interviews(p, **_QDA),
    "qda/maxqda_segments_en.xlsx": lambda p: alliances.read_interviews(p, **_QDA),
    "qda/qualcoder_codings.csv": lambda p: alliances.read_interviews(p, **_QDA),
    "qda/taguette_highlights.csv": lambda p: alliances.read_interviews(p, **_QDA),
}
#: files that are not a study on their own (alliances refuses them, saying why)
NOT_A_STUDY = {
    "platforms/dossier_kobo/enquete-partenaires.csv", "platforms/dossier_kobocat/partenaires.csv",
    "platforms/dossier_odk/reseau_plaisance-contacts.csv", "platforms/odk_reseau-contacts.csv",
    "platforms/kobo_labels_resume.csv", "platforms/limesurvey_grille_codes.csv",
    "platforms/limesurvey_grille_sans_noms.csv", "qda/documents.csv", "survey_limesurvey.csv",
}


def _data_files() -> list[str]:
    files = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*")
                   if p.is_file() and p.suffix not in (".md", ".py"))
    folders = sorted({str(Path(f).parent) for f in files} - {"."})
    return [f for f in files + folders if f not in NOT_A_STUDY and f not in
            ("exports", "networks")]  # folders of unrelated examples, not studies


def _read(name: str) -> nx.MultiDiGraph:
    if name.startswith("sample "):
        return alliances.samples.load(name.removeprefix("sample "))
    path = DATA / name
    return NEEDS_OPTIONS.get(name, alliances.load)(path)


EVERY_GRAPH = [f"sample {n}" for n in alliances.samples.names()] + _data_files()


def _nones(G: nx.Graph) -> list[tuple]:
    found = [("graph", k) for k, v in G.graph.items() if v is None]
    found += [("node", n, k) for n, d in G.nodes(data=True) for k, v in d.items() if v is None]
    found += [("edge", u, v, k, a) for u, v, k, d in G.edges(keys=True, data=True)
              for a, x in d.items() if x is None]
    return found


def _is_plain(value, inside: bool = False) -> bool:
    """str, int, float, bool, or tuples of them (a record's field may be None: Evidence.quote)."""
    if type(value) in (str, int, float, bool) or (inside and value is None):
        return True
    return isinstance(value, tuple) and all(_is_plain(v, inside=True) for v in value)


def _plain(value):
    """JSON's view of a value: tuples (Evidence too) as lists, dict keys as text."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _plain_graph(G: nx.Graph) -> tuple:
    nodes = sorted((str(n), _plain(dict(d))) for n, d in G.nodes(data=True))
    edges = sorted((str(u), str(v), str(k), _plain(dict(d)))
                   for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def test_every_data_file_is_read_or_refused_with_a_reason():
    # a file added to tests/data/io is checked below, or listed here with why it is not
    for name in sorted(NOT_A_STUDY):
        with pytest.raises(alliances.InputError):
            alliances.load(DATA / name)
    assert set(NEEDS_OPTIONS) <= set(_data_files())


@pytest.mark.parametrize("name", EVERY_GRAPH)
def test_no_attribute_is_none_and_json_gives_the_same_graph_back(name):
    G = _read(name)
    assert G.number_of_nodes() > 0 or name == "qda/nvivo_matrix.xlsx"
    assert _nones(G) == []
    assert [(k, v) for _, d in G.nodes(data=True) for k, v in d.items() if not _is_plain(v)] == []
    assert [(k, v) for *_, d in G.edges(keys=True, data=True) for k, v in d.items()
            if not _is_plain(v)] == []
    for _, d in G.nodes(data=True):  # the schema's defaults that are values are set
        assert isinstance(d["label"], str) and d["kind"] in ("organisation", "person")
        assert isinstance(d["respondent"], bool) and isinstance(d["sectors"], tuple)
        assert d.get("sector", "?") != "" and (not d["sectors"] or d["sector"] == d["sectors"][0])
    for *_, d in G.edges(keys=True, data=True):
        assert isinstance(d["weight"], float) and d["sign"] in (1, -1)
        assert "trust" not in d or 0.0 <= d["trust"] <= 1.0
    H = nx.node_link_graph(json.loads(json.dumps(nx.node_link_data(G, edges="edges"))),
                           edges="edges")
    assert H.is_directed() and H.is_multigraph()
    assert _plain_graph(H) == _plain_graph(G)
    assert {k: _plain(v) for k, v in H.graph.items()} == {
        k: _plain(dict(v) if k == "import_report" else v) for k, v in G.graph.items()}


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """G with tuples written as text: all networkx's XML writers cannot store (not None)."""
    H = G.copy()
    for data in [d for _, d in H.nodes(data=True)] + [d for *_, d in H.edges(keys=True, data=True)]:
        for k, v in data.items():
            if isinstance(v, tuple):
                data[k] = " | ".join(map(str, v))
    H.graph.clear()
    return H


@pytest.mark.parametrize("name", [n for n in EVERY_GRAPH if n.startswith("sample ")]
                         + ["study", "interviews.csv", "networks/policy", "qda"])
def test_networkx_own_writers_and_ours_take_every_graph(name, tmp_path):
    G = _read(name)
    H = _flat(G)
    # networkx's writers refuse None ("GraphML does not support type NoneType"):
    # with unknown values absent they take the graph once its tuples are text
    nx.write_graphml(H, tmp_path / "nx.graphml")
    nx.write_gexf(H, tmp_path / "nx.gexf")
    back = nx.read_graphml(tmp_path / "nx.graphml", force_multigraph=True)
    assert back.number_of_edges() == G.number_of_edges()
    assert {n: d.get("trust") for n, d in back.nodes(data=True)} == {
        n: d.get("trust") for n, d in G.nodes(data=True)}
    assert sorted(d.get("trust", -1.0) for *_, d in back.edges(keys=True, data=True)) == sorted(
        d.get("trust", -1.0) for *_, d in G.edges(keys=True, data=True))
    ours = [alliances.write_graphml(G, tmp_path / "a.graphml"),
            alliances.write_gexf(G, tmp_path / "a.gexf")]
    for path, read in zip(ours, (nx.read_graphml, nx.read_gexf), strict=True):
        R = read(path)
        assert R.number_of_nodes() == G.number_of_nodes()
        values = [v for _, d in R.nodes(data=True) for v in d.values()]
        values += [v for *_, d in R.edges(data=True) for v in d.values()]
        assert None not in values
        known = {str(n) for n, d in G.nodes(data=True) if "sector" in d}
        assert {n for n, d in R.nodes(data=True) if "sector" in d} == known


def _pair(**unknown) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("mairie", label="Mairie", sector="public", respondent=True,
               **{k: v for k, v in unknown.items() if k == "territory"})
    G.add_node("asso", label="Asso vélo", sector="association", respondent=True)
    G.add_node("cafe", label="Café", respondent=False,
               **{k: v for k, v in unknown.items() if k == "sector"})
    G.add_edge("mairie", "asso", key="collaboration", weight=3.0, trust=0.75)
    G.add_edge("asso", "mairie", key="collaboration", weight=2.0,
               **{k: v for k, v in unknown.items() if k == "trust"})
    G.add_edge("asso", "cafe", key="information", weight=1.0,
               **{k: v for k, v in unknown.items() if k == "trust"})
    G.add_edge("cafe", "mairie", key="conflict")
    return G


@pytest.mark.parametrize("missing", [None, float("nan")], ids=["None", "NaN"])
def test_a_hand_built_graph_with_none_reads_as_one_without_the_key(missing):
    from alliances.model import read_arcs, tie_trust

    absent = _pair()
    given = _pair(trust=missing, sector=missing, territory=missing)
    assert [tie_trust(d) for *_, d in given.edges(keys=True, data=True)] == [0.75, None, None, None]
    with pytest.warns(alliances.AlliancesWarning, match="no 'sector': Café"):
        left = alliances.actor_table(given)
    with pytest.warns(alliances.AlliancesWarning, match="no 'sector': Café"):
        right = alliances.actor_table(absent)
    if missing is None:
        pd.testing.assert_frame_equal(left, right)
    else:  # a column of NaN given by hand stays NaN: the same missing cells
        pd.testing.assert_frame_equal(left.astype(object).where(left.notna(), None),
                                      right.astype(object).where(right.notna(), None))
    a, b = read_arcs(given), read_arcs(absent)
    for name in ("u", "v", "rel", "sign", "weight", "trust"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))  # NaN == NaN here
    assert sorted(x for x in a.trust if x == x) == [0.75] and np.isnan(a.trust).sum() == 3
    assert alliances.validate(given, strict=False) == []
    # merging and the tables turn the user's None into an absent key
    merged = alliances.merge(given)
    assert _nones(merged) == [] and "sector" not in merged.nodes["cafe"]
    assert "trust" not in merged.edges["asso", "mairie", "collaboration"]
    back = alliances.from_frames(*alliances.to_frames(given))
    assert _nones(back) == [] and snapshot(back) == snapshot(merged)


def test_to_frames_shows_an_absent_value_as_an_empty_cell_and_from_frames_leaves_it_out():
    G = alliances.merge(_pair())
    actors, ties = alliances.to_frames(G)
    assert pd.isna(actors.loc["cafe", "sector"]) and actors.loc["mairie", "sector"] == "public"
    assert actors.loc["cafe", "sectors"] == () and actors.loc["cafe", "kind"] == "organisation"
    trust = ties.set_index(["source", "target", "relation"])["trust"]
    assert trust["mairie", "asso", "collaboration"] == 0.75
    assert pd.isna(trust["asso", "mairie", "collaboration"])
    H = alliances.from_frames(actors, ties)
    assert snapshot(H) == snapshot(G)
    assert "trust" not in H.edges["asso", "mairie", "collaboration"]
    assert "territory" not in H.nodes["mairie"]  # no column value: absent
    # an extra column holding a value for some ties only: absent on the others
    ties["mentions"] = [2 if r == "information" else float("nan") for r in ties["relation"]]
    K = alliances.from_frames(actors, ties)
    assert {(u, v, k): d.get("mentions") for u, v, k, d in K.edges(keys=True, data=True)
            if "mentions" in d} == {("asso", "cafe", "information"): 2}


def test_merge_takes_trust_from_whichever_graph_has_it_and_leaves_it_out_otherwise():
    a, b = nx.MultiDiGraph(), nx.MultiDiGraph()
    a.add_edge("x", "y", key="collaboration", origin="survey")
    b.add_edge("x", "y", key="collaboration", origin="interview", trust=0.5)
    b.add_edge("y", "x", key="collaboration", origin="interview")
    a.add_edge("y", "x", key="collaboration", origin="survey", trust=None)
    G = alliances.merge(a, b)
    assert G.edges["x", "y", "collaboration"]["trust"] == 0.5
    assert "trust" not in G.edges["y", "x", "collaboration"]
    assert G.edges["y", "x", "collaboration"]["origin"] == "interview+survey"
    assert _nones(G) == []


def test_imported_graph_merged_keeps_extra_counts_only_where_they_apply():
    # survey ties have no "mentions": absent there after load, not None
    G = alliances.load(DATA / "study")
    mentions = {(u, v, k): d["mentions"] for u, v, k, d in G.edges(keys=True, data=True)
                if "mentions" in d}
    assert mentions and all(isinstance(m, int) and m >= 1 for m in mentions.values())
    assert all("interview" in G.edges[t]["origin"] for t in mentions)
    assert any("mentions" not in d for *_, d in G.edges(keys=True, data=True))


def test_pseudonymised_groups_take_trust_from_any_merged_tie():
    from alliances.privacy import pseudonymize

    G = nx.MultiDiGraph()
    for person, extra in (("p1", {}), ("p2", {"trust": 0.5})):  # only the second knows
        G.add_node(person, kind="person", sector="citizen", consent="non")
        G.add_edge(person, "mairie", key="collaboration", **extra)
    for person in ("p3", "p4"):  # no sector: a group without one
        G.add_node(person, kind="person", consent="non")
        G.add_edge(person, "mairie", key="information")
    H = pseudonymize(G, key="k" * 8 + "0123456789abcdef", non_consenting="aggregate")
    groups = {d["label"]: n for n, d in H.nodes(data=True) if d.get("aggregate")}
    citizens = groups["non-consenting (citizen)"]
    assert H.edges[citizens, "mairie", "collaboration"]["trust"] == 0.5
    unknown = groups["non-consenting (unknown sector)"]
    assert "sector" not in H.nodes[unknown] and H.nodes[unknown]["sectors"] == ()
    assert "trust" not in H.edges[unknown, "mairie", "information"]
    assert _nones(H) == []
