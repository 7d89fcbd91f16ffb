"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): go-between distances."""

from __future__ import annotations

import math

import networkx as nx

from alliances.analysis.introductions import _distances


def test_hop_distances_are_undirected_and_follow_the_relations():
    # one-way reports a -> b (collaboration), c -> b and b -> d (information);
    # canonical order a, b, c, d. Undirected hops from a: b 1, c 2 (a-b-c), d 2 (a-b-d).
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="collaboration", relation="collaboration")
    G.add_edge("c", "b", key="information", relation="information")
    G.add_edge("b", "d", key="information", relation="information")
    assert _distances(G, None, [0]).tolist() == [[0.0, 1.0, 2.0, 2.0]]
    # from c (position 2), against the direction of its report: b 1, a 2, d 2
    assert _distances(G, None, [2]).tolist() == [[2.0, 1.0, 0.0, 2.0]]
    # information only: a is cut off
    d = _distances(G, "information", [0, 2])
    assert d[0].tolist()[0] == 0.0 and all(math.isinf(x) for x in d[0].tolist()[1:])
    assert d[1].tolist() == [math.inf, 1.0, 0.0, 2.0]
    assert _distances(G, None, []).shape == (0, 4)
