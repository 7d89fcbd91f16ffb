"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): trust evidence arrays."""

from __future__ import annotations

import networkx as nx
import numpy as np

from alliances.analysis.intermediaries import _distinct_pairs, trust_evidence


def test_distinct_pairs_sorted_by_target_then_source():
    # pairs (1,2), (0,2), (1,2), (2,0): unique, by v then u -> (2,0), (0,2), (1,2)
    u, v = _distinct_pairs(np.array([1, 0, 1, 2]), np.array([2, 2, 2, 0]), 3)
    assert u.tolist() == [2, 0, 1] and v.tolist() == [0, 2, 2]
    e = np.zeros(0, dtype=np.int64)
    assert _distinct_pairs(e, e, 3)[0].size == 0


def graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="mention", relation="mention")
    G.add_edge("b", "c", key="trust", relation="trust", trust=0.5)
    G.add_edge("c", "a", key="trust", relation="trust")  # no rating: counts 1.0
    G.add_edge("c", "b", key="conflict", relation="conflict", sign=-1)
    G.add_edge("a", "c", key="collaboration", relation="collaboration", sign=0)  # neutral: not negative
    return G


def test_trust_evidence_arrays():
    ev = trust_evidence(graph(), None)
    pos = sorted(zip(ev["pu"].tolist(), ev["pv"].tolist(), ev["pt"].tolist(), ev["pm"].tolist(),
                     strict=True), key=lambda r: (r[0], r[1]))
    # actors a, b, c = 0, 1, 2
    assert [(u, v) for u, v, _, _ in pos] == [(0, 1), (0, 2), (1, 2), (2, 0)]
    assert [m for *_, m in pos] == [True, False, False, False]  # only a -> b is a mention
    assert pos[2][2] == 0.5 and pos[3][2] == 1.0
    assert np.isnan(pos[0][2]) and np.isnan(pos[1][2])
    assert ev["nu"].tolist() == [2] and ev["nv"].tolist() == [1]


def test_trust_evidence_of_some_relations():
    ev = trust_evidence(graph(), "trust")
    assert sorted(zip(ev["pu"].tolist(), ev["pv"].tolist(), strict=True)) == [(1, 2), (2, 0)]
    assert ev["nu"].size == 0


def test_trusted_by_worlds_and_frame_layout():
    from alliances.analysis.intermediaries import trusted_intermediaries

    G = nx.MultiDiGraph()
    G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "company"}),
                      ("c", {"sector": "research"})])
    G.add_edge("a", "b", key="mention", relation="mention")
    G.add_edge("b", "c", key="trust", relation="trust", trust=0.9)
    G.add_edge("c", "a", key="trust", relation="trust")  # no rating: counts 1.0
    G.add_edge("c", "b", key="conflict", relation="conflict", sign=-1)
    df = trusted_intermediaries(G).sort_index()
    assert df.index.name == "id"
    # ratings >= 0.7: c trusted by b (0.9, company), a trusted by c (1.0, research)
    assert df["trusted_by"].tolist() == [1, 0, 1]
    assert df["trusted_by_world_list"].tolist() == [("research",), (), ("company",)]
    assert df["trusted_by_worlds"].tolist() == [1, 0, 1]
    assert df.loc["a", "trust_received"] == 1.0 and df.loc["c", "trust_received"] == 0.9
    assert df["negative"].tolist() == [0, 1, 0] and df["negative"].dtype == "int64"
    assert df["respondent"].tolist() == [True, True, True]
    assert list(df.columns)[:4] == ["label", "sector", "betweenness", "constraint"]
    assert df["label"].tolist() == ["a", "b", "c"]
