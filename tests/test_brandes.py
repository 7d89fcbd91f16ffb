"""The numba Brandes kernel equals networkx and igraph betweenness (unnormalised) to 1e-9."""

from __future__ import annotations

import os
import random

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from alliances.analysis import _brandes

if not _brandes.available() and os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
    # the test extra installs numba: in CI its absence is a broken set-up, not a skip
    raise RuntimeError("numba is missing in CI: the test extra should have installed it")

pytestmark = pytest.mark.skipif(
    not _brandes.available(),
    reason="numba is not installed: the compiled betweenness kernel is optional "
           "(pip install numba); igraph is used without it",
)


def _csr(G: nx.Graph):
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    return nodes, _brandes.csr_from_edges(len(nodes), edges, directed=G.is_directed())


def _networkx(G: nx.Graph, nodes) -> np.ndarray:
    ref = nx.betweenness_centrality(G, normalized=False)
    return np.array([ref[v] for v in nodes], dtype=float)


def _igraph(G: nx.Graph, nodes, sources=None) -> np.ndarray:
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()],
                 directed=G.is_directed())
    return np.asarray(g.betweenness(directed=G.is_directed(), sources=sources), dtype=float)


def _check(G: nx.Graph) -> np.ndarray:
    nodes, (indptr, indices) = _csr(G)
    got = _brandes.betweenness_csr(indptr, indices, directed=G.is_directed())
    np.testing.assert_allclose(got, _networkx(G, nodes), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(got, _igraph(G, nodes), rtol=1e-12, atol=1e-9)
    return got


def test_star_centre_carries_every_pair():
    got = _check(nx.star_graph(5))  # centre 0 and 5 leaves: C(5, 2) = 10 pairs
    assert got.tolist() == [10.0, 0.0, 0.0, 0.0, 0.0, 0.0]


def test_path_by_hand():
    # on a path of 5, vertex i lies between i * (4 - i) pairs
    got = _check(nx.path_graph(5))
    assert got.tolist() == [0.0, 3.0, 4.0, 3.0, 0.0]


def test_directed_path_is_one_way():
    got = _check(nx.path_graph(4, create_using=nx.DiGraph))
    assert got.tolist() == [0.0, 2.0, 2.0, 0.0]


def test_krackhardt_kite_published_values():
    G = nx.krackhardt_kite_graph()
    got = _check(G)
    # Krackhardt (1990): Heather (7) is the broker with 14 pairs, Fernando and Garth
    # (5, 6) 25/3, Ike (8) 8, Diane (3) 11/3
    np.testing.assert_allclose(got[[7, 5, 6, 8, 3]], [14.0, 25 / 3, 25 / 3, 8.0, 11 / 3],
                               atol=1e-12)


def test_karate_club():
    got = _check(nx.karate_club_graph())
    assert int(np.argmax(got)) == 0
    assert got[0] == pytest.approx(231.07142857142858, abs=1e-9)


def test_florentine_families():
    G = nx.florentine_families_graph()
    nodes = list(G.nodes)
    got = _check(G)
    assert nodes[int(np.argmax(got))] == "Medici"
    assert got[nodes.index("Medici")] == pytest.approx(47.5, abs=1e-12)


def test_disconnected_with_isolates():
    G = nx.Graph([(0, 1), (1, 2), (3, 4), (4, 5), (5, 6)])
    G.add_nodes_from([7, 8])
    got = _check(G)
    assert got.tolist() == [0.0, 1.0, 0.0, 0.0, 2.0, 2.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("directed", [False, True])
def test_random_graphs(seed, directed):
    # 300 vertices: more sources than chunks, so chunks hold several sources
    G = nx.gnp_random_graph(300, 0.015, seed=seed, directed=directed)
    _check(G)


@pytest.mark.parametrize("directed", [False, True])
def test_many_shortest_paths(directed):
    # a grid has binomially many shortest paths between far corners
    G = nx.convert_node_labels_to_integers(nx.grid_2d_graph(12, 12))
    if directed:
        G = G.to_directed()
        G.remove_edges_from([(u, v) for u, v in list(G.edges) if (u + v) % 3 == 0 and u > v])
    _check(G)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("directed", [False, True])
def test_sources_subset_equals_igraph(seed, directed):
    G = nx.gnp_random_graph(200, 0.03, seed=seed, directed=directed)
    nodes, (indptr, indices) = _csr(G)
    sources = sorted(random.Random(seed).sample(range(200), 37))
    got = _brandes.betweenness_csr(indptr, indices, sources[::-1] + sources[:3], directed=directed)
    np.testing.assert_allclose(got, _igraph(G, nodes, sources), rtol=1e-12, atol=1e-9)
    # and with networkx's subset betweenness towards every target
    ref = nx.betweenness_centrality_subset(G, sources, list(G.nodes), normalized=False)
    np.testing.assert_allclose(got, [ref[v] for v in nodes], rtol=1e-12, atol=1e-9)


def test_parts_over_sources_add_up_to_the_whole():
    G = nx.gnp_random_graph(150, 0.04, seed=7)
    _, (indptr, indices) = _csr(G)
    whole = _brandes.betweenness_csr(indptr, indices)
    halves = (_brandes.betweenness_csr(indptr, indices, range(0, 150, 2))
              + _brandes.betweenness_csr(indptr, indices, range(1, 150, 2)))
    np.testing.assert_allclose(halves, whole, rtol=1e-12, atol=1e-9)


def test_multigraph_and_self_loops_as_igraph():
    # repeated edges are distinct shortest paths and loops lie on none (igraph's reading)
    edges = [(0, 1), (0, 1), (1, 2), (2, 3), (0, 3), (3, 3), (2, 4), (4, 4), (1, 4)]
    for directed in (False, True):
        indptr, indices = _brandes.csr_from_edges(5, edges, directed=directed)
        g = ig.Graph(n=5, edges=edges, directed=directed)
        np.testing.assert_allclose(_brandes.betweenness_csr(indptr, indices, directed=directed),
                                   g.betweenness(directed=directed), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    indptr, indices = _brandes.csr_from_edges(n, [(0, 1)] if n == 2 else [])
    got = _brandes.betweenness_csr(indptr, indices)
    assert got.dtype == np.float64 and got.tolist() == [0.0] * n
    assert _brandes.betweenness_csr(indptr, indices, sources=[]).tolist() == [0.0] * n


def test_deterministic_whatever_the_threads():
    G = nx.gnp_random_graph(400, 0.02, seed=3)
    _, (indptr, indices) = _csr(G)
    first = _brandes.betweenness_csr(indptr, indices)
    assert np.array_equal(first, _brandes.betweenness_csr(indptr, indices))
    assert np.array_equal(first, _brandes.betweenness_csr(indptr, indices, threads=1))
    assert np.array_equal(first, _brandes.betweenness_csr(indptr, indices, threads=2))


def test_csr_from_edges_layout():
    indptr, indices = _brandes.csr_from_edges(4, [(2, 0), (0, 1), (2, 0)], directed=True)
    assert indptr.tolist() == [0, 1, 1, 3, 3]
    assert indices.tolist() == [1, 0, 0]
    with pytest.raises(ValueError, match=r"0\.\.3"):
        _brandes.csr_from_edges(4, [(0, 4)])


def test_bad_input_is_refused():
    indptr, indices = _brandes.csr_from_edges(3, [(0, 1), (1, 2)], directed=True)
    with pytest.raises(ValueError, match="symmetric"):
        _brandes.betweenness_csr(indptr, indices, directed=False)
    with pytest.raises(ValueError, match="sources"):
        _brandes.betweenness_csr(indptr, indices, [3], directed=True)
    with pytest.raises(NotImplementedError, match="igraph"):
        _brandes.betweenness_csr(indptr, indices, directed=True, weights=[1.0, 1.0])
    with pytest.raises(ValueError, match="indptr"):
        _brandes.betweenness_csr([0, 1, 5], indices, directed=True)


def test_chunks_depend_on_size_only():
    assert _brandes.n_chunks(10_000, 10_000) == _brandes.MAX_CHUNKS
    assert _brandes.n_chunks(100_000, 50) == 50
    assert _brandes.n_chunks(10**7, 10**7) == 1
    assert _brandes.n_chunks(0, 0) == 1
