"""The straightforward networkx implementations that alliances is measured against.

Each baseline computes the same quantity as the alliances stage it is paired
with. Baselines that would take many minutes are timed on a seeded random
sample of source nodes and extrapolated linearly to all nodes (their cost is a
sum of independent per-node costs), and the note says so.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from alliances.analysis.views import tie_graph

# per-node baselines above this many actors are timed on a sample and extrapolated
SAMPLE_ABOVE = 2_000
SAMPLE_SIZE = 200


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _gould_fernandez_naive(D: nx.DiGraph, nodes, groups: dict) -> None:
    for b in nodes:
        for a in D.predecessors(b):
            for c in D.successors(b):
                if a != c and not D.has_edge(a, c):
                    _ = (groups.get(a), groups.get(b), groups.get(c))


def run_all(G: nx.MultiDiGraph, seed: int = 0) -> dict[str, tuple[str, float, str]]:
    """Return {stage prefix: (baseline label, seconds, note)} for graph ``G``."""
    out: dict[str, tuple[str, float, str]] = {}
    build = time.perf_counter()
    D = tie_graph(G, weight=None)
    U = D.to_undirected()
    build_s = time.perf_counter() - build
    n = U.number_of_nodes()
    rng = random.Random(seed)
    sample = sorted(U.nodes) if n <= SAMPLE_ABOVE else rng.sample(sorted(U.nodes), SAMPLE_SIZE)
    scale = n / len(sample)
    note = "" if scale == 1 else f"timed on {len(sample)} nodes, extrapolated x{scale:.0f}"

    groups = dict(D.nodes(data="sector"))
    s = _time(lambda: _gould_fernandez_naive(D, sample, groups)) * scale
    out["brokerage_roles"] = ("pure-Python two-path loop on nx.DiGraph", s, note)
    s = _time(lambda: nx.constraint(U, nodes=sample)) + _time(lambda: nx.effective_size(U, nodes=sample))
    out["structural_holes"] = ("nx.constraint + nx.effective_size", s * scale, note)
    out["components"] = ("nx.weakly_connected_components", _time(lambda: list(nx.weakly_connected_components(D))), "")
    if n <= 20_000:
        s = _time(lambda: nx.community.louvain_communities(U, seed=seed))
        out["clusters"] = ("nx.community.louvain_communities", s, "")
    k = len(sample) if n > SAMPLE_ABOVE else None
    s = _time(lambda: nx.betweenness_centrality(U, k=k, seed=seed))
    out["actor_table"] = ("nx.betweenness_centrality alone (+ building nx views)", s * (scale if k else 1) + build_s,
                          (f"betweenness from {k} sources, extrapolated to all" if k else ""))
    return out
