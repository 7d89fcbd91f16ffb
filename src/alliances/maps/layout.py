"""Seeded, deterministic node positions shared by the interactive and static maps.

Positions are computed in Python, not in the browser, so the same graph and
seed always give the same picture and byte-identical HTML, and a large map
opens without waiting for a physics simulation.

Algorithm: Fruchterman-Reingold force-directed placement (Fruchterman &
Reingold 1991) as implemented in igraph (C code, with a grid approximation of
the repulsive forces above 1,000 actors, so 10^4 actors take about a second).
Ties attract in proportion to their weight, summed over relations and both
directions; negative ties (conflicts, and any tie that
:func:`alliances.model.tie_sign` reads as negative) are left out: two actors in
conflict are not pulled together. Start positions come from
``numpy.random.default_rng(seed)`` in the canonical (sorted) node order,
igraph's random draws use a generator seeded with the same seed, and
coordinates are rounded to whole units (vis-network reads them with
``parseInt``) so that floating-point noise cannot change the output.

References
----------
Fruchterman, T. M. J. and Reingold, E. M. (1991). Graph drawing by
force-directed placement. Software: Practice and Experience 21(11), 1129-1164.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import numpy as np

from alliances.model import check_graph, iter_ties, node_order

__all__ = ["layout_positions", "place"]

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
        Any graph; its ties are read by :func:`alliances.model.iter_ties`
        and collapsed to undirected weighted pairs. Negative ties
        (:func:`alliances.model.tie_sign`: ``sign < 0``, or an unsigned
        ``conflict``) do not attract.
    seed : int
        Random seed; the same graph and seed give the same positions whatever
        the insertion order of nodes and edges.
    weight : str or None
        Edge attribute used as attraction strength (read by
        :func:`alliances.model.tie_weight`: 1 when missing).
    spacing : float
        Median distance from an actor to its nearest neighbour, in output
        units (pixels on the interactive map).
    nodes : list, optional
        Canonical node order to use (default: sorted ids).

    Returns
    -------
    dict
        Node -> ``(x, y)`` rounded to whole units.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> pos = layout_positions(G, seed=1)
    >>> sorted(pos)
    ['a', 'b', 'c']
    >>> pos == layout_positions(nx.path_graph(["c", "b", "a"]), seed=1)
    True
    """
    check_graph(G, caller="layout_positions")
    order = list(node_order(G)) if nodes is None else list(nodes)
    ties = ((tie.source, tie.target, tie.weight, tie.sign) for tie in iter_ties(G, weight=weight))
    return place(order, ties, seed=seed, spacing=spacing)


def place(
    order: list[Hashable],
    ties: Iterable[tuple[Hashable, Hashable, float, int]],
    *,
    seed: int = 0,
    spacing: float = 60.0,
) -> dict[Hashable, tuple[float, float]]:
    """The layout of :func:`layout_positions`, from ties already read by the contract.

    Parameters
    ----------
    order : list
        The actors to place, in canonical order (start positions are drawn in it).
    ties : iterable of (source, target, weight, sign)
        Weight and sign as :func:`alliances.model.iter_ties` gives them
        (``Tie.weight``, ``Tie.sign``). Ties with a negative sign, self-ties
        and ties to actors not in ``order`` are left out; a weight that is
        not a positive finite number attracts as 1. Weights of the same pair
        are summed in the order given.
    seed, spacing
        As in :func:`layout_positions`.

    Examples
    --------
    >>> place(["a", "b"], [("a", "b", 2.0, 1)], seed=1) == place(["a", "b"], [], seed=1)
    False
    >>> place(["a", "b"], [("a", "b", 2.0, -1)], seed=1) == place(["a", "b"], [], seed=1)
    True
    """
    n = len(order)
    if n == 0:
        return {}
    if n == 1:
        return {order[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(order)}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, w, sign in ties:
        if u == v or sign < 0 or u not in index or v not in index:
            continue
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
