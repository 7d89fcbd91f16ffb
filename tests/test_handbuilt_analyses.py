"""Every public analysis accepts a graph built by hand with networkx.

A researcher may hand ``alliances`` a ``Graph`` typed in a notebook, a
``DiGraph`` from another tool or a ``MultiDiGraph`` read by ``nx.read_gexf``,
with or without the optional attributes of the schema. Each analysis must then
give the values networkx gives on the same graph (independent reference), or
refuse with a sentence (never a ``KeyError``), and never modify its input.

The test graph: two triangles a-b-c and d-e-f joined by the bridge c-d.
By hand: c and d each lie on 6 of the C(6,2)=15 shortest paths' interiors
(c: {a,b} x {d,e,f}; d: {a,b,c} x {e,f}), normalised by (n-1)(n-2)/2 = 10: 0.6.
"""

from __future__ import annotations

import copy
import warnings

import networkx as nx
import pandas as pd
import pytest

import alliances
from alliances.analysis import views
from alliances.errors import InputError

EDGES = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "d")]
SECTORS = {"a": "public", "b": "public", "c": "association", "d": "company", "e": "company",
           "f": "research"}
GRAPH_TYPES = [nx.Graph, nx.DiGraph, nx.MultiDiGraph]

# analyses whose whole meaning is about worlds: they refuse a graph without any
SECTOR_MEASURES = ["hybrid_actors", "brokerage_roles", "brokerage_summary", "mixing_matrix",
                   "ei_index"]
# analyses returning one row per actor
PER_ACTOR = ["brokerage_roles", "structural_holes", "hybrid_actors", "trusted_intermediaries",
             "components", "clusters", "cluster_stability", "actor_table"]
OTHERS = ["brokerage_summary", "cluster_summary", "suggest_introductions", "mixing_matrix",
          "ei_index", "betweenness"]


def build(cls, *, attributes: bool) -> nx.Graph:
    G = cls()
    G.add_edges_from(EDGES)
    if attributes:
        for n in G:
            G.nodes[n].update(label=n.upper(), sector=SECTORS[n], respondent=True)
        for u, v, *_ in list(G.edges):
            for d in (G[u][v].values() if G.is_multigraph() else (G[u][v],)):
                d.update(weight=2.0, trust=0.8, sign=1)
    return G


def function(name: str):
    """The public function, from its module when it no longer lives at the top level."""
    if name in ("brokerage_summary",):
        return alliances.analysis.brokerage.brokerage_summary
    if name in ("cluster_stability",):
        return alliances.analysis.clusters.cluster_stability
    return getattr(alliances, name)


def snapshot(G: nx.Graph):
    return (type(G), copy.deepcopy(dict(G.nodes(data=True))),
            sorted(map(repr, G.edges(data=True))), dict(G.graph))


def call(name: str, G: nx.Graph):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "treated as one group" notes on bare graphs
        return function(name)(G)


@pytest.mark.parametrize("cls", GRAPH_TYPES)
@pytest.mark.parametrize("attributes", [False, True])
@pytest.mark.parametrize("name", PER_ACTOR + OTHERS)
def test_every_analysis_accepts_hand_built_graphs(cls, attributes, name):
    G = build(cls, attributes=attributes)
    before = snapshot(G)
    if name in SECTOR_MEASURES and not attributes:
        with pytest.raises(InputError) as err:
            call(name, G)
        message = str(err.value)
        assert message.startswith(f"{name} needs each actor's world (node attribute 'sector')")
        assert "nx.set_node_attributes(G" in message
    else:
        result = call(name, G)
        if name in PER_ACTOR:
            assert isinstance(result, pd.DataFrame)
            assert sorted(result.index) == sorted(G.nodes)
            assert result.index.name == "id"
        if isinstance(result, pd.DataFrame) and "reason" in result.columns:
            assert result["reason"].map(lambda r: isinstance(r, str)).all()
    assert snapshot(G) == before, "the analysis modified its input"


@pytest.mark.parametrize("cls", GRAPH_TYPES)
@pytest.mark.parametrize("attributes", [False, True])
def test_betweenness_equals_networkx(cls, attributes):
    G = build(cls, attributes=attributes)
    expected = nx.betweenness_centrality(nx.Graph(EDGES))  # c, d: 0.6 (module docstring)
    got = alliances.betweenness(G)
    assert got.to_dict() == pytest.approx(expected)
    assert got["c"] == pytest.approx(0.6)


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_constraint_and_effective_size_equal_networkx(cls):
    G = build(cls, attributes=False)
    H = nx.Graph(EDGES)
    table = alliances.structural_holes(G)
    assert table["constraint"].to_dict() == pytest.approx(nx.constraint(H))
    assert table["effective_size"].to_dict() == pytest.approx(nx.effective_size(H))
    assert table.index[0] in ("c", "d")  # sorted by their main score: least constrained first


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_components_and_clusters_on_hand_built_graphs(cls):
    G = build(cls, attributes=False)
    comp = alliances.components(G)
    assert comp["component"].nunique() == nx.number_connected_components(nx.Graph(EDGES)) == 1
    parts = alliances.clusters(G, seed=1)["cluster"]
    assert {frozenset(parts[parts == c].index) for c in parts.unique()} == {
        frozenset("abc"), frozenset("def")}


@pytest.mark.parametrize("cls", GRAPH_TYPES)
@pytest.mark.parametrize("negative", [{"sign": -1}, {"sign": -2}, {"relation": "conflict"}])
def test_a_negative_bridge_cuts_the_network_in_two(cls, negative):
    """sign -1, sign -2 and an unsigned conflict are all negative ties: never a bridge."""
    G = cls()
    G.add_edges_from(e for e in EDGES if e != ("c", "d"))
    G.add_edge("c", "d", **negative)
    assert alliances.components(G)["component"].nunique() == 2
    assert alliances.betweenness(G)["c"] == 0.0
    signed = views.tie_graph(G, signed=True, directed=False)
    assert signed.edges["c", "d"]["sign"] == -1


def test_ei_index_on_a_hand_built_graph_by_hand():
    """Each undirected tie is two arcs. Inside a group: a-b (public) and d-e (company), 4 arcs;
    across: a-c, b-c, c-d, d-f, e-f, 10 arcs. Whole network E-I = (10 - 4) / 14 = 3/7.
    Public: 2 arcs inside, a-c and b-c both ways outside (4): (4 - 2) / 6 = 1/3."""
    G = build(nx.Graph, attributes=True)
    ei = alliances.ei_index(G)
    assert ei.loc["all", ["internal", "external"]].tolist() == [4, 10]
    assert ei.loc["all", "ei"] == pytest.approx(3 / 7)
    assert ei.loc["public", "ei"] == pytest.approx(1 / 3)
    assert ei.loc["association", "ei"] == 1.0
    # the sector assortativity is networkx's on the same graph
    assert ei.loc["all", "assortativity"] == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "sector"))


def test_validate_on_a_gexf_round_trip_then_analyse(tmp_path):
    G = build(nx.Graph, attributes=True)
    path = tmp_path / "hand.gexf"
    nx.write_gexf(G, path)
    H = nx.read_gexf(path)
    assert alliances.validate(H) == []
    assert alliances.betweenness(H).to_dict() == pytest.approx(
        nx.betweenness_centrality(nx.Graph(EDGES)))
    hybrids = alliances.hybrid_actors(H)
    assert sorted(hybrids.index) == sorted(SECTORS)


@pytest.mark.parametrize("name", PER_ACTOR + OTHERS)
def test_non_graph_input_gets_a_type_error_naming_the_function(name):
    frame = pd.DataFrame({"source": ["a"], "target": ["b"]})
    with pytest.raises(TypeError, match=rf"{name} takes a networkx graph.*from_frames"):
        function(name)(frame)
