"""Betweenness: networkx and R igraph agreement, weights, sampled estimate and its bound."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances.analysis.centrality import betweenness

REF = Path(__file__).parent / "data" / "reference"


def test_florentine_medici_and_r_igraph():
    G = nx.florentine_families_graph()
    b = betweenness(G)
    assert b.idxmax() == "Medici"
    assert b["Medici"] == pytest.approx(0.521978021978022, abs=1e-12)
    ref = pd.read_csv(REF / "florentine_igraph.csv").set_index("id")["betweenness"]
    np.testing.assert_allclose(b.to_numpy(), ref.sort_index().to_numpy(), atol=1e-9)
    assert b.attrs["method"] == "exact"
    assert list(b.index) == sorted(G.nodes) and b.index.name == "id" and b.name == "betweenness"


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("normalized", [False, True])
def test_matches_networkx(seed, directed, normalized):
    G = nx.gnp_random_graph(70, 0.06, seed=seed, directed=True)
    ours = betweenness(G, directed=directed, normalized=normalized)
    H = G if directed else G.to_undirected()
    theirs = nx.betweenness_centrality(H, normalized=normalized)
    np.testing.assert_allclose(ours.to_numpy(), [theirs[n] for n in ours.index], atol=1e-9)


@pytest.mark.parametrize("directed", [False, True])
def test_weighted_as_inverse_distance_matches_networkx(directed):
    rng = random.Random(5)
    G = nx.gnp_random_graph(60, 0.08, seed=11, directed=directed)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = float(rng.choice([1, 2, 4]))  # 1/w exact in binary
    ours = betweenness(G, directed=directed, weight="weight")
    H = G.copy()
    for _, _, d in H.edges(data=True):
        # undirected input: each tie counts both ways, strength 2w (a uniform scale)
        d["dist"] = 1.0 / (d["weight"] if directed else 2 * d["weight"])
    theirs = nx.betweenness_centrality(H, weight="dist")
    np.testing.assert_allclose(ours.to_numpy(), [theirs[n] for n in ours.index], atol=1e-9)
    # the weights matter: unweighted differs
    assert not np.allclose(ours.to_numpy(), betweenness(G, directed=directed).to_numpy())


def test_sampled_with_all_sources_equals_exact():
    G = nx.gnp_random_graph(120, 0.05, seed=2)
    exact = betweenness(G)
    every = betweenness(G, exact_below=0, k=None)  # 500 > n: every actor is a source
    assert every.attrs["method"] == "sampled" and every.attrs["k"] == 120
    np.testing.assert_allclose(every.to_numpy(), exact.to_numpy(), atol=1e-12)
    d_exact = betweenness(G, directed=True)
    d_every = betweenness(G, directed=True, exact_below=0)
    np.testing.assert_allclose(d_every.to_numpy(), d_exact.to_numpy(), atol=1e-12)


def test_sampled_estimate_within_bound_and_deterministic():
    G = nx.barabasi_albert_graph(1500, 3, seed=4)
    exact = betweenness(G)
    est = betweenness(G, k=150, seed=1)
    assert est.attrs["method"] == "sampled" and est.attrs["k"] == 150
    err = np.abs(est.to_numpy() - exact.to_numpy())
    assert err.max() <= est.attrs["error_bound"]
    # empirical standard error: the largest error stays within a few of them
    assert err.max() <= 5 * est.attrs["std_error"]
    # the estimate ranks the hubs as the exact value does
    assert set(est.nlargest(5).index) & set(exact.nlargest(5).index)
    assert np.corrcoef(est, exact)[0, 1] > 0.95
    again = betweenness(G, k=150, seed=1)
    pd.testing.assert_series_equal(est, again)
    other = betweenness(G, k=150, seed=2)
    assert not np.allclose(other.to_numpy(), est.to_numpy())
    raw = betweenness(G, k=150, seed=1, normalized=False)
    pairs = (1500 - 1) * (1500 - 2) / 2
    np.testing.assert_allclose(raw.to_numpy() / pairs, est.to_numpy(), rtol=1e-12)


def test_relations_and_negative_ties():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="collaboration", relation="collaboration")
    G.add_edge("b", "c", key="collaboration", relation="collaboration")
    G.add_edge("a", "c", key="conflict", relation="conflict", sign=-1)
    G.add_edge("a", "c", key="information", relation="information")
    assert betweenness(G)["b"] == 0.0  # a - c tied by information
    assert betweenness(G, relations="collaboration")["b"] == 1.0
    G.remove_edge("a", "c", key="information")
    assert betweenness(G)["b"] == 1.0  # the conflict is not a path


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    if n == 2:
        G.add_edge(0, 1)
    b = betweenness(G)
    assert len(b) == n and (b == 0).all()
    assert betweenness(nx.empty_graph(5)).tolist() == [0.0] * 5


def test_no_mutation_and_order_independence():
    G = nx.gnp_random_graph(80, 0.07, seed=9, directed=True)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = 1.0 + (u + v) % 3
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    ref = betweenness(G, weight="weight", k=30, seed=3)
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before
    edges = list(G.edges(data=True))
    nodes = list(G.nodes)
    random.Random(1).shuffle(edges)
    random.Random(2).shuffle(nodes)
    H = nx.MultiDiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    pd.testing.assert_series_equal(betweenness(H, weight="weight", k=30, seed=3), ref)


def test_bad_arguments():
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="k must be"):
        betweenness(G, k=0)
    nx.set_edge_attributes(G, 0.0, "weight")
    G.edges[0, 1]["weight"] = -1.0
    with pytest.raises(ValueError, match="positive"):
        betweenness(G, weight="weight")


def _er_graph(n: int, m: int, seed: int) -> nx.Graph:
    G = nx.gnm_random_graph(n, m, seed=seed)
    return nx.relabel_nodes(G, {i: f"a{i:04d}" for i in G})


@pytest.mark.parametrize("directed", [False, True])
def test_parallel_exact_equals_single_call(directed, monkeypatch):
    """Sources split over two forked workers sum to igraph's single call (1e-9)."""
    import igraph as ig

    from alliances.analysis import _fast

    monkeypatch.setenv("ALLIANCES_WORKERS", "2")
    rng = random.Random(3)
    edges = [(rng.randrange(400), rng.randrange(400)) for _ in range(2000)]
    g = ig.Graph(n=400, edges=[e for e in edges if e[0] != e[1]], directed=directed).simplify()
    single = np.asarray(g.betweenness(directed=directed))
    split = _fast.parallel_betweenness(g, directed=directed, distances=None, n_workers=2)
    np.testing.assert_allclose(split, single, rtol=1e-9, atol=1e-9)
    # and the public function, forced onto the parallel path, equals networkx
    G = _er_graph(300, 1500, seed=1)
    monkeypatch.setattr(_fast, "PARALLEL_FROM", 0)
    b = betweenness(G)
    ref = pd.Series(nx.betweenness_centrality(G)).reindex(b.index)
    np.testing.assert_allclose(b.to_numpy(), ref.to_numpy(), rtol=1e-9, atol=1e-12)


def test_parallel_sampled_is_identical_to_serial(monkeypatch):
    """Sampled betweenness gives the same numbers whether batches run in workers or here."""
    from alliances.analysis import _fast

    G = _er_graph(400, 2000, seed=2)
    monkeypatch.setenv("ALLIANCES_WORKERS", "1")
    serial = betweenness(G, k=60, seed=5)
    monkeypatch.setenv("ALLIANCES_WORKERS", "2")
    monkeypatch.setattr(_fast, "PARALLEL_SAMPLED_FROM", 0)
    parallel = betweenness(G, k=60, seed=5)
    pd.testing.assert_series_equal(serial, parallel)
    assert serial.attrs == parallel.attrs
