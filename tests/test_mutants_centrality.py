"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): betweenness arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from alliances.analysis.centrality import DEFAULT_K, MIN_K, default_k


@pytest.mark.parametrize(
    "n, m, expected",
    [
        # k = min(n, 500, max(50, 5e7 // (n + m)))
        (10, 20, 10),  # fewer actors than 50 sources: every actor (min with n)
        (40, 0, 40),
        (1_000, 1_000, 500),  # 5e7 // 2000 = 25000, capped at DEFAULT_K = 500
        (20_000, 80_000, 500),  # 5e7 // 1e5 = 500 exactly
        (20_000, 90_000, 454),  # 5e7 // 110000 = 454.5... -> 454
        (100_000, 1_000_000, 50),  # 45.4 raised to MIN_K = 50
    ],
)
def test_default_k_is_budget_over_size_between_the_bounds(n, m, expected):
    assert default_k(n, m) == expected
    assert isinstance(default_k(n, m), int)
    assert default_k(n, m) <= min(n, DEFAULT_K)
    assert default_k(n, m) >= min(n, MIN_K)


def test_weighted_betweenness_on_the_parallel_path_reads_tie_lengths(monkeypatch):
    # force the "large graph" branch (n * ties >= PARALLEL_FROM) on a small graph, one
    # worker (no fork): weighted betweenness must still read lengths 1 / strength.
    import networkx as nx

    from alliances.analysis import _fast
    from alliances.analysis.centrality import betweenness

    monkeypatch.setattr(_fast, "PARALLEL_FROM", 0)
    monkeypatch.setenv("ALLIANCES_WORKERS", "1")
    # a-b strong (weight 4, length 1/4), b-c strong, a-d-c weak (weight 1, length 1 each):
    # the a..c shortest path goes a-b-c (length 1/2 < 2): b carries it, d carries nothing
    G = nx.Graph()
    G.add_edge("a", "b", weight=4.0)
    G.add_edge("b", "c", weight=4.0)
    G.add_edge("a", "d", weight=1.0)
    G.add_edge("d", "c", weight=1.0)
    b = betweenness(G, weight="weight", normalized=False)
    ref = nx.betweenness_centrality(G, weight=lambda u, v, d: 1 / d["weight"], normalized=False)
    assert b.to_dict() == pytest.approx(ref)
    # pairs: (a,c) via b; (b,d) via a or c, equal lengths 1/4 + 1 -> 1/2 each to a and c
    assert b.to_dict() == pytest.approx({"a": 0.5, "b": 1.0, "c": 0.5, "d": 0.0})


def test_tiny_graph_attrs():
    import networkx as nx

    from alliances.analysis.centrality import betweenness

    b = betweenness(nx.Graph([("a", "b")]), seed=3)
    assert b.tolist() == [0.0, 0.0]
    assert b.attrs == {"method": "exact", "k": 2, "seed": 3}


def test_sampled_estimate_attrs_and_bound():
    import math

    import networkx as nx

    from alliances.analysis.centrality import betweenness

    G = nx.convert_node_labels_to_integers(nx.karate_club_graph())  # n = 34
    b = betweenness(G, k=10, seed=4)
    assert b.index.tolist() == list(range(34)) and b.index.name == "id"
    assert b.attrs["method"] == "sampled" and b.attrs["k"] == 10 and b.attrs["seed"] == 4
    assert b.attrs["engine"] == "igraph"
    # Hoeffding, 95 %, all actors: n/(n-1) * sqrt(ln(2n/0.05) / (2k))
    assert b.attrs["error_bound"] == pytest.approx(34 / 33 * math.sqrt(math.log(68 / 0.05) / 20), rel=1e-12)
    raw = betweenness(G, k=10, seed=4, normalized=False)
    # unnormalised: the bound is scaled by the number of pairs (n-1)(n-2)/2 = 528
    assert raw.attrs["error_bound"] == pytest.approx(b.attrs["error_bound"] * 528, rel=1e-12)
    assert raw.attrs["std_error"] == pytest.approx(b.attrs["std_error"] * 528, rel=1e-9)
    # k = n: every source, so the exact value, not an estimate
    full = betweenness(G, k=34)
    assert full.attrs["method"] == "exact"
    assert full.to_numpy() == pytest.approx(np.array(list(nx.betweenness_centrality(G).values())))


def test_numba_engine_from_three_actors():
    import networkx as nx

    from alliances.analysis.centrality import betweenness

    b = betweenness(nx.path_graph(3), engine="numba")
    assert b.attrs["engine"] == "numba" and b.tolist() == [0.0, 1.0, 0.0]
