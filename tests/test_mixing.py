"""Tests for alliances.analysis.mixing: mixing matrix, E-I index, assortativity.

Reference values: tests/data/reference/mixing_reference_R.json, written by
mixing_reference.R (R igraph assortativity_nominal, base R tables) on Krackhardt's
managers' advice network by department, a seeded random directed graph
(mixing_random_*.csv, written by mixing_make_graph.py) and Zachary's karate club.
"""

from __future__ import annotations

import copy
import csv
import json
import random
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances.analysis.mixing import ei_index, mixing_matrix
from alliances.analysis.views import tie_graph

REF = Path(__file__).parent / "data" / "reference"
R_REF = json.loads((REF / "mixing_reference_R.json").read_text())


def read_pair(name: str, directed: bool) -> nx.Graph:
    G = nx.DiGraph() if directed else nx.Graph()
    with open(REF / f"mixing_{name}_nodes.csv", newline="") as f:
        for row in csv.DictReader(f):
            G.add_node(row["id"], sector=row["group"])
    with open(REF / f"mixing_{name}_edges.csv", newline="") as f:
        for row in csv.DictReader(f):
            G.add_edge(row["from"], row["to"])
    return G


def krackhardt() -> nx.DiGraph:
    rows = [list(map(int, line.split(","))) for line in (REF / "krackhardt_advice.csv").read_text().split()]
    G = nx.DiGraph()
    with open(REF / "krackhardt_attributes.csv", newline="") as f:
        for row in csv.DictReader(f):
            G.add_node(int(row["id"]), sector=row["dept"])
    for i, r in enumerate(rows, start=1):
        for j, x in enumerate(r, start=1):
            if x:
                G.add_edge(i, j)
    return G


def small() -> nx.DiGraph:
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d")])
    nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company", "d": "company"}, "sector")
    return G


def shuffled(G: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    H = G.__class__()
    nodes = list(G.nodes(data=True))
    rng.shuffle(nodes)
    H.add_nodes_from(nodes)
    edges = list(G.edges(keys=True, data=True)) if G.is_multigraph() else list(G.edges(data=True))
    rng.shuffle(edges)
    for e in edges:
        if G.is_multigraph():
            H.add_edge(e[0], e[1], key=e[2], **e[3])
        else:
            H.add_edge(e[0], e[1], **e[2])
    return H


# --------------------------------------------------------------------------- mixing matrix


def test_mixing_matrix_hand_example():
    M = mixing_matrix(small())
    assert M.index.name == "from" and M.columns.name == "to"
    assert M.loc["public"].tolist() == [1, 2]  # a->c (company), a->b, b->a (public)
    assert M.loc["company"].tolist() == [1, 0]  # c->d
    U = mixing_matrix(small(), directed=False)
    # undirected: a-b, a-c, c-d; each counted both ways (diagonal doubles)
    assert U.to_numpy().tolist() == [[2, 1], [1, 2]]
    N = mixing_matrix(small(), normalized=True)
    assert N.to_numpy().sum() == pytest.approx(1.0) and N.loc["public", "public"] == 0.5


@pytest.mark.parametrize("directed", [True, False])
def test_mixing_matrix_agrees_with_networkx(directed):
    G = read_pair("random", directed=True)
    M = mixing_matrix(G, directed=directed)
    H = tie_graph(G, directed=directed)
    mapping = {g: i for i, g in enumerate(M.index)}
    expected = nx.attribute_mixing_matrix(H, "sector", mapping=mapping, normalized=False)
    assert M.to_numpy().tolist() == expected.astype(int).tolist()
    normed = nx.attribute_mixing_matrix(H, "sector", mapping=mapping)
    assert mixing_matrix(G, directed=directed, normalized=True).to_numpy() == pytest.approx(normed)


@pytest.mark.parametrize("name", ["krackhardt", "random", "karate"])
def test_against_R_igraph(name):
    ref = R_REF[name]
    directed = name != "karate"
    G = krackhardt() if name == "krackhardt" else read_pair(name, directed)
    M = mixing_matrix(G, directed=directed)
    assert list(map(str, M.index)) == ref["groups"]
    assert M.to_numpy().tolist() == ref["mixing"]
    ei = ei_index(G, directed=directed)
    assert ei.loc["all", "internal"] == ref["internal"]
    assert ei.loc["all", "external"] == ref["external"]
    assert ei.loc["all", "ei"] == pytest.approx(ref["ei"], abs=1e-12)
    assert ei.attrs["assortativity"] == pytest.approx(ref["assortativity"], abs=1e-12)
    assert ei.loc["all", "assortativity"] == pytest.approx(ref["assortativity"], abs=1e-12)


# --------------------------------------------------------------------------- E-I index


def test_ei_hand_example():
    df = ei_index(small())
    assert list(df.index) == ["company", "public", "all"]
    assert df["size"].tolist() == [2, 2, 4]
    assert df["internal"].tolist() == [1, 2, 3]
    assert df["external"].tolist() == [1, 1, 1]
    assert df["ei"].tolist() == pytest.approx([0.0, -1 / 3, -0.5])
    # group of 2 among 4: 2 possible internal arcs, 2*2*2 = 8 possible crossing arcs -> p = 0.2
    # network: (2 + 2) / (4 * 3) = 1/3 internal -> 1 - 2/3
    assert df["expected_ei"].tolist() == pytest.approx([0.6, 0.6, 1 / 3])
    # Newman's r on e = [[1, 0], [1, 2]] / 4: (0.75 - 0.5) / (1 - 0.5)
    assert df.attrs["assortativity"] == pytest.approx(0.5)
    assert np.isnan(df.loc["public", "assortativity"])
    assert df.loc["all", "reason"].startswith("the whole network: 3 ties inside, 1 across groups; E-I -0.50")
    assert "more inward-looking than chance" in df.loc["all", "reason"]


def test_ei_undirected_and_expected_formula():
    G = small()
    df = ei_index(G, directed=False)
    # ties a-b, a-c, c-d
    assert df["internal"].tolist() == [1, 1, 2] and df["external"].tolist() == [1, 1, 1]
    assert df["expected_ei"].tolist() == pytest.approx([0.6, 0.6, 1 / 3])
    # expected E-I equals the mean E-I over all labelings with the same group sizes, on the
    # complete digraph (every possible arc present)
    K = nx.complete_graph(7, create_using=nx.DiGraph)
    nx.set_node_attributes(K, {i: "g1" if i < 2 else ("g2" if i < 5 else "g3") for i in K}, "sector")
    e = ei_index(K)
    assert e["ei"].to_numpy() == pytest.approx(e["expected_ei"].to_numpy())


@pytest.mark.parametrize("directed", [True, False])
def test_assortativity_agrees_with_networkx(directed):
    for G in (read_pair("random", True), krackhardt(), small()):
        H = tie_graph(G, directed=directed)
        expected = nx.attribute_assortativity_coefficient(H, "sector")
        assert ei_index(G, directed=directed).attrs["assortativity"] == pytest.approx(expected, abs=1e-12)


def test_multiplex_and_negative_ties():
    G = nx.MultiDiGraph()
    G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "public"}), ("c", {"sector": "company"})])
    G.add_edge("a", "b", key="collaboration", relation="collaboration")
    G.add_edge("a", "b", key="funding", relation="funding")  # same pair: one tie
    G.add_edge("a", "c", key="conflict", relation="conflict", sign=-1)
    df = ei_index(G)
    assert df.loc["all", ["internal", "external"]].tolist() == [1, 0]
    neg = ei_index(G, ties="negative")
    assert neg.loc["all", ["internal", "external"]].tolist() == [0, 1]
    both = mixing_matrix(G, ties="all")
    assert both.loc["public"].tolist() == [1, 1]
    assert mixing_matrix(G, relations="funding").loc["public", "public"] == 1
    with pytest.raises(ValueError, match="ties must be"):
        mixing_matrix(G, ties="signed")


def test_missing_group_is_unknown_with_warning():
    G = small()
    G.add_node("e")
    G.add_edge("e", "a")
    with pytest.warns(UserWarning, match="1 of 5 actors have no 'sector'"):
        M = mixing_matrix(G)
    assert list(M.index) == ["company", "public", "unknown"]
    assert M.loc["unknown", "public"] == 1
    # the warning is said once per graph (alliances.errors.warn): a fresh graph for ei_index's own
    H = small()
    H.add_node("e")
    H.add_edge("e", "a")
    with pytest.warns(UserWarning, match="1 of 5 actors have no 'sector'"):
        df = ei_index(H)
    assert list(df.index) == ["company", "public", "unknown", "all"]
    assert df.loc["unknown", "expected_ei"] == 1.0  # a group of one can only tie outside


def test_permutation_test_is_seeded_and_detects_homophily():
    G = nx.disjoint_union(nx.complete_graph(6, create_using=nx.DiGraph), nx.complete_graph(6, create_using=nx.DiGraph))
    G.add_edge(0, 6)
    nx.set_node_attributes(G, {i: "public" if i < 6 else "company" for i in G}, "sector")
    a = ei_index(G, permutations=199, seed=1)
    b = ei_index(G, permutations=199, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc["all", "p_value"] == pytest.approx(1 / 200)  # no shuffle is as closed
    assert "permutation p = 0.005" in a.loc["all", "reason"]
    # labels unrelated to ties: not significant
    R = read_pair("random", True)
    r = ei_index(R, permutations=199, seed=3)
    assert r.loc["all", "p_value"] > 0.05


@pytest.mark.parametrize("n_nodes, edges", [(0, []), (1, []), (2, []), (2, [(0, 1)])])
def test_tiny_graphs(n_nodes, edges):
    G = nx.MultiDiGraph()
    G.add_nodes_from((i, {"sector": "public" if i == 0 else "company"}) for i in range(n_nodes))
    G.add_edges_from(edges)
    M = mixing_matrix(G)
    assert M.shape == (min(n_nodes, 2), min(n_nodes, 2))
    assert M.to_numpy().sum() == len(edges)
    df = ei_index(G, permutations=5)
    assert df.index[-1] == "all" and df.loc["all", "size"] == n_nodes
    if edges:
        assert df.loc["all", "ei"] == 1.0 and df.loc["all", "expected_ei"] == 1.0
    else:
        assert np.isnan(df.loc["all", "ei"]) and np.isnan(df.attrs["assortativity"])
        assert df.loc["all", "reason"] == "the whole network: no tie, E-I undefined"
    if n_nodes < 2:
        assert np.isnan(df.loc["all", "expected_ei"])


def test_shuffled_input_and_graph_types():
    G = read_pair("random", True)
    M, E = mixing_matrix(G), ei_index(G, permutations=20)
    for s in range(3):
        H = shuffled(G, s)
        pd.testing.assert_frame_equal(mixing_matrix(H), M)
        pd.testing.assert_frame_equal(ei_index(H, permutations=20), E)
    Mg = nx.MultiDiGraph()
    Mg.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges:
        Mg.add_edge(u, v, key="collaboration", relation="collaboration")
    pd.testing.assert_frame_equal(mixing_matrix(Mg), M)
    # an undirected Graph is read as reciprocal arcs
    K = read_pair("karate", directed=False)
    assert mixing_matrix(K).to_numpy().tolist() == mixing_matrix(K, directed=False).to_numpy().tolist()


def test_no_input_mutation():
    G = small()
    G.graph["x"] = 1
    before = copy.deepcopy((dict(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mixing_matrix(G, normalized=True)
        ei_index(G, permutations=10)
    assert (dict(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)) == before
