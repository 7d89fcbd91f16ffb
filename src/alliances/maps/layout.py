"""Seeded, deterministic node positions shared by the interactive and static maps.

Positions are computed in Python, not in the browser, so the same graph and
seed always give the same picture and byte-identical HTML, and a large map
opens without waiting for a physics simulation.

Algorithm: Fruchterman-Reingold force-directed placement (Fruchterman &
Reingold 1991) as implemented in igraph (C code, with a grid approximation of
the repulsive forces above 1,000 actors, so 10^4 actors take about a second).
Ties attract in proportion to their weight, summed over relations and both
directions; conflict ties are left out (two actors in conflict are not pulled
together). Start positions come from ``numpy.random.default_rng(seed)`` in the
canonical (sorted) node order, igraph's random draws use a generator seeded
with the same seed, and coordinates are rounded to whole units (vis-network
reads them with ``parseInt``) so that floating-point noise cannot change
the output.

References
----------
Fruchterman, T. M. J. and Reingold, E. M. (1991). Graph drawing by
force-directed placement. Software: Practice and Experience 21(11), 1129-1164.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

from alliances.analysis.views import node_order

__all__ = ["KAMADA_KAWAI_MAX", "layout_positions"]

#: Components up to this many actors are finished with Kamada-Kawai.
KAMADA_KAWAI_MAX = 300


def layout_positions(
    G: nx.Graph,
    *,
    seed: int = 0,
    weight: str | None = "weight",
    spacing: float = 60.0,
    nodes: list[Hashable] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Compute seeded force-directed positions, centred on 0.

    Parameters
    ----------
    G : networkx graph
        Any graph; a MultiDiGraph is collapsed to undirected weighted pairs.
        Negative ties (``sign == -1``) do not attract.
    seed : int
        Random seed; the same graph and seed give the same positions whatever
        the insertion order of nodes and edges.
    weight : str or None
        Edge attribute used as attraction strength (default 1 when missing).
    spacing : float
        Median distance from an actor to its nearest neighbour, in output
        units (pixels on the interactive map).
    nodes : list, optional
        Canonical node order to use (default: sorted ids).

    Returns
    -------
    dict
        Node -> ``(x, y)`` rounded to whole units.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> pos = layout_positions(G, seed=1)
    >>> sorted(pos)
    ['a', 'b', 'c']
    >>> # centred on the middle actor, neighbours 1.6 x spacing apart (a small group)
    >>> pos["b"], round(math.dist(pos["a"], pos["b"])), round(math.dist(pos["b"], pos["c"]))
    ((0.0, 0.0), 96, 96)
    >>> pos == layout_positions(nx.path_graph(["c", "b", "a"]), seed=1)
    True
    """
    order = list(node_order(G)) if nodes is None else list(nodes)
    n = len(order)
    if n == 0:
        return {}
    if n == 1:
        return {order[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(order)}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, data in G.edges(data=True):
        if u == v or data.get("sign", 1) == -1 or u not in index or v not in index:
            continue
        w = data.get(weight, 1.0) if weight else 1.0
        try:
            w = float(w)
        except (TypeError, ValueError):
            w = 1.0
        if not math.isfinite(w) or w <= 0:
            w = 1.0
        i, j = sorted((index[u], index[v]))
        pairs[(i, j)] = pairs.get((i, j), 0.0) + w
    edges = sorted(pairs)
    weights = [pairs[e] for e in edges]

    import igraph as ig

    rng = np.random.default_rng(seed)
    start = rng.uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)
    graph = ig.Graph(n=n, edges=edges)
    graph.es["weight"] = weights
    # igraph draws from Python's `random` by default: give it its own seeded
    # generator, and put the previous one back.
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = []
        for members in graph.connected_components():
            members = sorted(members)
            parts.append((members, _component_layout(graph, members, start, spacing)))
    finally:
        ig.set_random_number_generator(random)
    xy = _pack(parts, n, spacing)
    xy = np.round(xy) + 0.0  # + 0.0 turns -0.0 into 0.0
    return {v: (float(xy[i, 0]), float(xy[i, 1])) for i, v in enumerate(order)}


def _component_layout(graph: Any, members: list[int], start: np.ndarray, spacing: float) -> np.ndarray:
    """Force-directed layout of one connected component, scaled to `spacing`."""
    k = len(members)
    if k == 1:
        return np.zeros((1, 2))
    sub = graph.induced_subgraph(members, implementation="create_from_scratch")
    if k <= KAMADA_KAWAI_MAX:
        # small components: Kamada-Kawai spreads dense cores more evenly
        # (distances follow graph distances), started from the FR layout
        fr = sub.layout_fruchterman_reingold(
            weights=sub.es["weight"] or None, niter=500, seed=start[members].tolist()
        ).coords
        coords = sub.layout_kamada_kawai(seed=fr, maxiter=50 * k).coords
    else:
        coords = sub.layout_fruchterman_reingold(
            weights=sub.es["weight"] or None,
            niter=500 if k <= 3000 else 200,
            seed=start[members].tolist(),
            grid="auto",
        ).coords
    xy = np.asarray(coords, dtype=float).reshape(k, 2)
    xy -= xy.mean(axis=0)
    # Scale so that the median distance from an actor to its nearest
    # neighbour is `spacing`: dense cores get room for their labels.
    from scipy.spatial import cKDTree

    dist, _ = cKDTree(xy).query(xy, k=2)
    typical = float(np.median(dist[:, 1]))
    if typical > 0 and math.isfinite(typical):
        # small groups get more room: their labels would otherwise overlap
        xy *= spacing * (1.6 if k <= 10 else 1.0) / typical
    return xy


def _pack(parts: list[tuple[list[int], np.ndarray]], n: int, spacing: float) -> np.ndarray:
    """Place components in rows, largest first, so none floats far away."""
    # largest first, ties by smallest member index (deterministic)
    parts = sorted(parts, key=lambda p: (-len(p[0]), p[0][0]))
    boxes = []
    for members, xy in parts:
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        # room for labels, which run wider than nodes
        boxes.append((members, xy - lo, hi - lo + np.array([2.5 * spacing, spacing])))
    total = sum(float(b[2][0] * b[2][1]) for b in boxes)
    row_width = max(float(boxes[0][2][0]), math.sqrt(total) * 1.2)
    out = np.zeros((n, 2))
    x = y = row_height = 0.0
    for members, xy, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        out[members] = xy + np.array([x, y])
        x += float(w)
        row_height = max(row_height, float(h))
    out -= (out.min(axis=0) + out.max(axis=0)) / 2
    return out
