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
#: nodes on which networkx's Burt measures are timed (they are very slow in networkx 3.6)
HOLES_SAMPLE = 20
# above this many actors the per-node baselines are timed on even fewer nodes
LARGE = 20_000
SAMPLE_SIZE_LARGE = 20
HOLES_SAMPLE_LARGE = 3


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
    # at 10^5 actors one pure-Python BFS over 10^6 ties takes seconds: fewer sources there
    size = SAMPLE_SIZE if n <= LARGE else SAMPLE_SIZE_LARGE
    sample = sorted(U.nodes) if n <= SAMPLE_ABOVE else rng.sample(sorted(U.nodes), size)
    scale = n / len(sample)
    note = "" if scale == 1 else f"timed on {len(sample)} nodes, extrapolated x{scale:.0f}"

    groups = dict(D.nodes(data="sector"))
    s = _time(lambda: _gould_fernandez_naive(D, sample, groups)) * scale
    out["brokerage_roles"] = ("pure-Python two-path loop on nx.DiGraph", s, note)
    # networkx 3.6's effective_size costs about 0.6 s per node already at 1,000 actors
    # (measured): both are timed on a few nodes and extrapolated at every size
    few = rng.sample(sorted(U.nodes), min(n, HOLES_SAMPLE if n <= LARGE else HOLES_SAMPLE_LARGE))
    s = _time(lambda: nx.constraint(U, nodes=few)) + _time(lambda: nx.effective_size(U, nodes=few))
    holes_scale = n / max(len(few), 1)
    out["structural_holes"] = ("nx.constraint + nx.effective_size", s * holes_scale,
                               "" if holes_scale == 1 else
                               f"timed on {len(few)} nodes, extrapolated x{holes_scale:.0f}")
    out["components"] = ("nx.weakly_connected_components", _time(lambda: list(nx.weakly_connected_components(D))), "")
    if n <= 20_000:
        s = _time(lambda: nx.community.louvain_communities(U, seed=seed))
        out["clusters"] = ("nx.community.louvain_communities", s, "")
    # exact betweenness: all sources, or timed on the sample of sources and extrapolated
    k = len(sample) if n > SAMPLE_ABOVE else None
    s = _time(lambda: nx.betweenness_centrality(U, k=k, seed=seed))
    exact_s = s * (scale if k else 1)
    out["betweenness (exact"] = ("nx.betweenness_centrality (all sources)", exact_s,
                                 (f"timed on {k} sources, extrapolated to all" if k else ""))
    # actor_table: the networkx equivalents of its parts, betweenness with as many sources as
    # alliances uses (exact below EXACT_BELOW actors, default_k sampled sources above)
    from alliances.analysis.centrality import EXACT_BELOW, default_k

    if n < EXACT_BELOW:
        betw_s, betw_note = exact_s, "exact betweenness"
    else:
        kk = default_k(n, U.number_of_edges())
        per_source = exact_s / max(n, 1)
        betw_s, betw_note = per_source * kk, f"betweenness from {kk} sources (per-source cost x {kk})"
    parts = ["brokerage_roles", "structural_holes", "components"] + (["clusters"] if "clusters" in out else [])
    table_s = build_s + betw_s + sum(out[p][1] for p in parts)
    without_holes = table_s - out["structural_holes"][1]
    out["actor_table"] = ("nx tie views + " + " + ".join(parts) + " + betweenness", table_s,
                          betw_note + ("" if "clusters" in out else "; no Louvain baseline at this size")
                          + f"; {without_holes:.2f} s without networkx's Burt measures")
    if "clusters" in out:
        out["cluster_summary"] = ("nx.community.louvain_communities (summary columns not counted)",
                                  out["clusters"][1], "")
    pool = sorted(U.nodes, key=lambda v: -U.degree(v))[:30]
    bfs_s = _time(lambda: [nx.single_source_shortest_path_length(U, g) for g in pool])
    out["suggest_introductions"] = ("actor_table baseline + 30 nx breadth-first searches",
                                    table_s + bfs_s, "candidate scoring not counted; "
                                    f"{without_holes + bfs_s:.2f} s without networkx's Burt measures")
    return out
