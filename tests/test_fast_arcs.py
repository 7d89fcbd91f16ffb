"""The column-wise arc reader of ``_fast`` equals the edge-by-edge reference reader.

``_fast._read_arcs`` collects every edge dict with C-level iteration and
converts each attribute with numpy; ``_read_arcs_loop`` below is the
original one-edge-at-a-time reader. Both must give the same arrays (values,
dtypes and order), relation codes and relation set on every kind of graph,
and the tie matrices cut from them must equal ``views.tie_matrix``.
"""

from __future__ import annotations

import math
from array import array

import networkx as nx
import numpy as np
import pytest

from alliances.analysis import _fast, views


def _assert_same_arcs(a: _fast.Arcs, b: _fast.Arcs) -> None:
    assert a.nodes == b.nodes
    assert a.index == b.index
    for name in ("u", "v", "rel", "sign", "weight", "trust"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        np.testing.assert_array_equal(x, y, err_msg=name)
    assert a.relations == b.relations
    assert a.present == b.present


def _read_arcs_loop(G: nx.Graph) -> _fast.Arcs:
    """Reference reader, one edge at a time (the original reader of ``_fast``)."""
    nodes = views.node_order(G)
    index = {n: i for i, n in enumerate(nodes)}
    us, vs, rels, signs = array("q"), array("q"), array("q"), array("b")
    weights, trusts = array("d"), array("d")
    codes: dict = {}
    present: set = set()
    multi = G.is_multigraph()
    directed = G.is_directed()
    nan = math.nan
    for u, nbrs in G._adj.items():
        iu = index[u]
        for v, datas in nbrs.items():
            iv = index[v]
            if not directed and iv < iu:
                continue
            for key, d in (datas.items() if multi else ((None, datas),)):
                rel = d.get("relation")
                if rel is None:
                    rel = key if key is not None and not isinstance(key, int) else "tie"
                code = codes.get(rel)
                if code is None:
                    code = codes[rel] = len(codes)
                if u == v:
                    present.add(rel)
                    continue
                sign = d.get("sign", 1)
                sign = 1 if sign is None else int(sign)
                w = d.get("weight", 1.0)
                w = 1.0 if w is None or w != w else float(w)
                t = d.get("trust")
                t = nan if t is None or t != t else float(t)
                us.append(iu)
                vs.append(iv)
                rels.append(code)
                signs.append(sign)
                weights.append(w)
                trusts.append(t)
                if not directed:
                    us.append(iv)
                    vs.append(iu)
                    rels.append(code)
                    signs.append(sign)
                    weights.append(w)
                    trusts.append(t)

    def arr(a: array, dtype) -> np.ndarray:
        return np.frombuffer(a, dtype=dtype).copy() if len(a) else np.zeros(0, dtype=dtype)

    names = list(codes)
    return _fast.Arcs(nodes=nodes, index=index, u=arr(us, np.int64), v=arr(vs, np.int64),
                rel=arr(rels, np.int64), sign=arr(signs, np.int8), weight=arr(weights, float),
                trust=arr(trusts, float), relations=names, present=frozenset(names))


def _fill(G: nx.Graph, rng: np.random.Generator, n_edges: int) -> nx.Graph:
    """Random ties with every kind of attribute value the readers must handle."""
    nodes = [f"n{i}" for i in range(12)]
    G.add_nodes_from(nodes[::-1])  # insertion order differs from the canonical order
    weights = [1.0, 2.5, None, math.nan, 3, True, "2", np.float64(0.5), 0.0]
    trusts = [0.9, None, math.nan, 1, 0.25, np.float64(0.7), "0.8"]
    signs = [1, -1, None, 1.0, -1.0, True, np.int64(-1)]
    relations = ["collaboration", "trust", "conflict", None, "mention"]
    for i in range(n_edges):
        u = nodes[int(rng.integers(len(nodes)))]
        v = nodes[int(rng.integers(len(nodes)))] if i % 7 else u  # some self-loops
        data = {}
        for name, pool in (("weight", weights), ("trust", trusts), ("sign", signs),
                           ("relation", relations)):
            pick = int(rng.integers(len(pool) + 1))
            if pick < len(pool):  # else: attribute missing
                data[name] = pool[pick]
        if G.is_multigraph():
            key = relations[int(rng.integers(len(relations)))] if i % 3 else None
            G.add_edge(u, v, key=key if key is not None else i, **data)
        else:
            G.add_edge(u, v, **data)
    return G


GRAPH_TYPES = [nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph]


@pytest.mark.parametrize("cls", GRAPH_TYPES)
@pytest.mark.parametrize("seed", range(6))
def test_reader_equals_reference_on_varied_graphs(cls, seed):
    G = _fill(cls(), np.random.default_rng(seed), 40)
    _assert_same_arcs(_fast._read_arcs(G), _read_arcs_loop(G))


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_reader_on_plain_numbers_only(cls):
    """The vectorised path (ints, floats, None, NaN only) against the reference."""
    rng = np.random.default_rng(3)
    G = cls()
    G.add_nodes_from(["z", "a", "m", "isolated"])
    for i in range(60):
        u, v = rng.choice(["z", "a", "m"], size=2)
        G.add_edge(str(u), str(v), weight=[1.0, None, math.nan, 4][i % 4],
                   trust=[None, 0.5, math.nan][i % 3], sign=[1, -1][i % 2],
                   relation=["collaboration", "information"][i % 2])
    a = _fast._read_arcs(G)
    _assert_same_arcs(a, _read_arcs_loop(G))
    assert not np.isnan(a.weight).any()  # None and NaN weights read as 1.0
    assert set(a.weight.tolist()) <= {1.0, 4.0}


def test_reader_hand_example():
    G = nx.MultiDiGraph()
    G.add_edge("b", "a", key="collaboration", relation="collaboration", weight=2.0, trust=0.9)
    G.add_edge("b", "a", key="conflict", relation="conflict", sign=-1)
    G.add_edge("a", "a", key="mention")  # self-tie: relation present, no arc
    G.add_edge("a", "c", weight=math.nan)  # integer key, no relation: "tie"
    a = _fast._read_arcs(G)
    assert a.nodes == ["a", "b", "c"]
    # arcs in adjacency (insertion) order, relation codes in first-seen order
    assert a.u.tolist() == [1, 1, 0] and a.v.tolist() == [0, 0, 2]
    assert a.relations == ["collaboration", "conflict", "mention", "tie"]
    assert [a.relations[c] for c in a.rel.tolist()] == ["collaboration", "conflict", "tie"]
    assert a.sign.tolist() == [1, -1, 1]
    assert a.weight.tolist() == [2.0, 1.0, 1.0]
    assert a.trust[0] == 0.9 and np.isnan(a.trust[1:]).all()
    assert a.present == {"mention", "tie", "collaboration", "conflict"}


def test_undirected_arcs_come_in_pairs():
    G = nx.Graph([("b", "a", {"weight": 3.0}), ("c", "a")])
    a = _fast._read_arcs(G)
    assert list(zip(a.u.tolist(), a.v.tolist(), strict=True)) == [(0, 1), (1, 0), (0, 2), (2, 0)]
    assert a.weight.tolist() == [3.0, 3.0, 1.0, 1.0]


@pytest.mark.parametrize("cls", [nx.Graph, nx.DiGraph, nx.MultiDiGraph])
def test_empty_and_edgeless_graphs(cls):
    for G in (cls(), cls([("x", "x")])):
        G.add_node("y")
        _assert_same_arcs(_fast._read_arcs(G), _read_arcs_loop(G))


@pytest.mark.parametrize("cls", GRAPH_TYPES)
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("signed", [False, True])
def test_tie_matrices_from_arcs_equal_views(cls, weight, signed):
    G = _fill(cls(), np.random.default_rng(11), 50)
    # the views reader skips a NaN weight only when it is a float; keep weights plain numbers here
    for *_, d in (G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)):
        if isinstance(d.get("weight"), str):
            d["weight"] = float(d["weight"])
        if d.get("sign") is not None:
            d["sign"] = int(d["sign"])
    expected = views.tie_matrix(G, weight=weight, signed=signed)
    with _fast.shared(G):
        got = _fast.tie_matrix(G, weight=weight, signed=signed)
    assert got.nodes == expected.nodes
    np.testing.assert_array_equal(got.weights.indptr, expected.weights.indptr)
    np.testing.assert_array_equal(got.weights.indices, expected.weights.indices)
    np.testing.assert_array_equal(got.weights.data, expected.weights.data)
