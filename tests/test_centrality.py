"""Betweenness: networkx and R igraph agreement, weights, sampled estimate and its bound."""

from __future__ import annotations

import os
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


@pytest.mark.parametrize("n_workers", [2, 3, 5])
def test_batches_by_sources_identical_whatever_the_workers(n_workers, monkeypatch):
    """This process and the forked children give each batch the numbers of a serial run, in order."""
    import igraph as ig

    from alliances.analysis import _fast

    rng = random.Random(7)
    edges = [(rng.randrange(300), rng.randrange(300)) for _ in range(1200)]
    g = ig.Graph(n=300, edges=[e for e in edges if e[0] != e[1]]).simplify()
    sets = [[i, i + 50] for i in range(0, 14)]
    serial = _fast.betweenness_by_sources(g, sets, directed=False, distances=None, parallel=False)
    monkeypatch.setenv("ALLIANCES_WORKERS", str(n_workers))
    parallel = _fast.betweenness_by_sources(g, sets, directed=False, distances=None)
    assert len(parallel) == len(sets)
    for a, b in zip(serial, parallel, strict=True):
        np.testing.assert_array_equal(a, b)
    # each batch is igraph's own call for those sources
    np.testing.assert_array_equal(parallel[3], np.asarray(g.betweenness(directed=False, sources=sets[3])))


def test_batches_computed_here_when_processes_cannot_start(monkeypatch):
    import multiprocessing as mp

    import igraph as ig

    from alliances.analysis import _fast

    class NoProcess:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes in this sandbox")

    ctx = mp.get_context("fork")
    monkeypatch.setattr(type(ctx), "Process", NoProcess)
    monkeypatch.setenv("ALLIANCES_WORKERS", "2")
    g = ig.Graph.Ring(40)
    sets = [[0], [5, 9], [20]]
    out = _fast.betweenness_by_sources(g, sets, directed=False, distances=None)
    for s, arr in zip(sets, out, strict=True):
        np.testing.assert_array_equal(arr, np.asarray(g.betweenness(directed=False, sources=s)))


# --------------------------------------------------------------------------- engines

def _needs_numba():
    from alliances.analysis import _brandes

    if not _brandes.available():
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail("numba is missing in CI: the test extra should have installed it")
        pytest.skip("numba is not installed (optional: pip install 'alliances[fast]')")


@pytest.mark.parametrize("name", ["karate", "florentine", "kite"])
@pytest.mark.parametrize("directed", [False, True])
def test_numba_engine_equals_igraph_and_networkx(name, directed):
    _needs_numba()
    G = {"karate": nx.karate_club_graph, "florentine": nx.florentine_families_graph,
         "kite": nx.krackhardt_kite_graph}[name]()
    if directed:  # arcs one way only for half the ties: a real directed case
        G = nx.DiGraph([(u, v) if i % 2 else (v, u) for i, (u, v) in enumerate(sorted(G.edges()))])
    a = betweenness(G, directed=directed, engine="igraph")
    b = betweenness(G, directed=directed, engine="numba")
    assert a.attrs["engine"] == "igraph" and b.attrs["engine"] == "numba"
    assert list(a.index) == list(b.index)
    np.testing.assert_allclose(b.to_numpy(), a.to_numpy(), rtol=1e-12, atol=1e-15)
    ref = nx.betweenness_centrality(G)
    np.testing.assert_allclose(b.to_numpy(), [ref[v] for v in b.index], rtol=1e-9, atol=1e-12)


def test_numba_engine_sampled_equals_igraph_batches():
    _needs_numba()
    G = nx.relabel_nodes(nx.connected_watts_strogatz_graph(400, 6, 0.2, seed=3), str)
    a = betweenness(G, k=60, seed=11, engine="igraph")
    b = betweenness(G, k=60, seed=11, engine="numba")
    assert b.attrs["method"] == "sampled" and b.attrs["k"] == 60
    np.testing.assert_allclose(b.to_numpy(), a.to_numpy(), rtol=1e-12, atol=1e-15)
    # the batch standard error comes from the same per-batch sums
    assert b.attrs["std_error"] == pytest.approx(a.attrs["std_error"], rel=1e-9)
    assert b.attrs["error_bound"] == a.attrs["error_bound"]
    # deterministic: the same call twice gives identical bits
    assert betweenness(G, k=60, seed=11, engine="numba").equals(b)


def test_engine_choice_and_errors():
    G = nx.karate_club_graph()
    # small graphs: igraph, numba's start-up would cost more than it saves
    assert betweenness(G).attrs["engine"] == "igraph"
    with pytest.raises(ValueError, match="engine must be"):
        betweenness(G, engine="fast")
    with pytest.raises(ValueError, match="unweighted betweenness only"):
        betweenness(G, engine="numba", weight="weight")


def _share_by_enumeration(G, v):
    """Shortest paths through v, over the pairs of other actors joined by any path."""
    import itertools

    total, pairs = 0.0, 0
    for s, t in itertools.combinations([x for x in G if x != v], 2):
        if not nx.has_path(G, s, t):
            continue
        pairs += 1
        paths = list(nx.all_shortest_paths(G, s, t))
        total += sum(v in p[1:-1] for p in paths) / len(paths)
    return total / pairs if pairs else 0.0


def test_shortest_path_share_is_the_literal_share():
    from alliances.analysis.centrality import shortest_path_share

    G = nx.florentine_families_graph()
    G.add_node("Pucci")  # isolated: lowers normalised betweenness, not the literal share
    share = shortest_path_share(G)
    assert share["Medici"] == pytest.approx(47.5 / 91)
    assert betweenness(G)["Medici"] == pytest.approx(47.5 / 105)
    assert share["Pucci"] == 0.0
    # several components of several sizes, checked against enumeration of all shortest paths
    H = nx.disjoint_union(nx.gnm_random_graph(12, 20, seed=3), nx.path_graph(5))
    H.add_edge(100, 101)
    s = shortest_path_share(H)
    for v in H:
        assert s[v] == pytest.approx(_share_by_enumeration(H, v), abs=1e-12), v
    assert ((s >= 0) & (s <= 1)).all()
