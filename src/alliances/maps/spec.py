"""What every map draws, decided once for the interactive, static and change maps.

The pieces the three maps share: the ties to draw (read through the graph
contract of :mod:`alliances.model`, never from edge dicts directly), the
plain values that reach a page or a figure, the categories that set colours,
node sizes and line widths, the legends, the reduction of large maps and the
positions of the drawn ties.

A tie's meaning (its relation, weight, trust and sign, and whether a value is
missing) comes from :func:`alliances.model.iter_ties` and
:func:`alliances.model.is_missing`; this module only decides how it looks.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from alliances.maps import style
from alliances.maps.layout import place
from alliances.model import NEGATIVE_RELATIONS, is_missing, iter_ties

__all__ = [
    "FLAG_COLUMNS",
    "HIGHLIGHTS",
    "NEGATIVE_KEY",
    "NEGATIVE_LABEL",
    "NODE_FIELDS",
    "SPACING",
    "Arc",
    "arc_positions",
    "category",
    "check_choice",
    "check_highlight",
    "display_text",
    "display_texts",
    "edge_width",
    "json_value",
    "map_arcs",
    "measures_table",
    "node_column",
    "reduce_edges",
    "reduce_nodes",
    "relation_key",
    "relation_legend",
    "scaled_sizes",
    "sector_legend",
    "table_column",
]

#: Median distance between an actor and its nearest neighbour, in pixels.
SPACING = 85.0

#: Marks a map can draw, and the actor-table column that flags each.
HIGHLIGHTS = ("hybrid", "intermediary")
FLAG_COLUMNS = {"hybrid": "is_hybrid", "intermediary": "is_trusted_intermediary"}

#: Node attributes of the actor graph that may reach the page.
NODE_FIELDS = ("label", "sector", "sectors", "kind", "territory", "themes", "respondent")

#: Legend row (and its filter key) of negative ties whose relation is not itself negative.
NEGATIVE_LABEL = "negative tie (other relations)"
NEGATIVE_KEY = "neg"
# where relation_legend files the negative row's key (no relation is named so)
_NEGATIVE_ROW = "\x00negative"


# --------------------------------------------------------------------------- ties


class Arc(NamedTuple):
    """One tie as a map draws it: :class:`alliances.model.Tie` with text ids.

    ``weight``, ``trust`` and ``sign`` are the contract's
    (:func:`~alliances.model.tie_weight`, :func:`~alliances.model.tie_trust`,
    :func:`~alliances.model.tie_sign`); ``data`` is the edge's own dict, read
    only for what is shown as it is (``origin``, ``evidence``).
    """

    source: str
    target: str
    relation: str
    weight: float
    trust: float | None
    sign: int
    directed: bool
    data: Mapping[str, Any]

    @property
    def negative(self) -> bool:
        """True for a negative tie (its contract sign is -1)."""
        return self.sign < 0


def map_arcs(G: nx.Graph, relations: frozenset | None = None,
             nodes: Iterable[Hashable] | None = None) -> list[Arc]:
    """Every tie of ``G`` to draw, read by :func:`alliances.model.iter_ties`, in a canonical order.

    Self-ties are kept (the interactive map draws them as loops). A tie of an
    undirected graph comes once, from the lower id to the higher. Sorted by
    source, target, relation and edge key (as text), so the order does not
    depend on how the graph was built.

    Parameters
    ----------
    G : networkx graph
        Any graph type.
    relations : frozenset, optional
        Keep only these relations (:func:`alliances.analysis.views.resolve_relations`).
    nodes : iterable, optional
        Keep only the ties among these actors (read from their subgraph only).

    Examples
    --------
    >>> G = nx.Graph([("b", "a", {"sign": -2}), ("b", "c")])
    >>> [(a.source, a.target, a.relation, a.sign, a.directed) for a in map_arcs(G)]
    [('a', 'b', 'tie', -1, False), ('b', 'c', 'tie', 1, False)]
    """
    H = G if nodes is None else G.subgraph(nodes)
    undirected_graph = not G.is_directed()
    keyed = []
    for tie in iter_ties(H, self_loops=True):
        if relations is not None and tie.relation not in relations:
            continue
        u, v = str(tie.source), str(tie.target)
        if undirected_graph:
            u, v = sorted((u, v))
        relation = str(tie.relation)
        arc = Arc(u, v, relation, tie.weight, tie.trust, tie.sign, tie.directed, tie.data)
        keyed.append(((u, v, relation, "" if tie.key is None else str(tie.key)), arc))
    keyed.sort(key=lambda item: item[0])
    return [arc for _, arc in keyed]


def arc_positions(ids: list[str], arcs: Sequence[Arc], *, seed: int,
                  spacing: float = SPACING) -> dict[str, tuple[float, float]]:
    """Positions of the actors ``ids`` from the drawn ties (:func:`alliances.maps.layout.place`).

    Weights of a pair are summed source by source in the order of ``ids``, as
    :func:`~alliances.maps.layout.layout_positions` sums them on a graph of
    these arcs.
    """
    index = {v: i for i, v in enumerate(ids)}
    by_source = sorted(arcs, key=lambda a: index.get(a.source, -1))
    return place(ids, ((a.source, a.target, a.weight, a.sign) for a in by_source),
                 seed=seed, spacing=spacing)


def relation_key(arc: Arc, rkeys: Mapping[str, str]) -> str:
    """The legend row (filter key) of an arc: its relation's, or the negative row's."""
    if arc.negative and arc.relation not in NEGATIVE_RELATIONS:
        return rkeys[_NEGATIVE_ROW]
    return rkeys.get(arc.relation, "")


# --------------------------------------------------------------------------- values


def json_value(value: Any) -> Any:
    """A plain, JSON-safe Python value for a page or a figure.

    Missing values (:func:`alliances.model.is_missing`) become None; numpy
    scalars become Python numbers; infinite floats, which JSON cannot carry,
    become None; floats are rounded to 6 decimals; tuples, lists and arrays
    become lists (sets sorted); anything else its text.

    Examples
    --------
    >>> json_value(np.float32(0.5)), json_value(float("nan")), json_value(pd.NA), json_value({"b", "a"})
    (0.5, None, None, ['a', 'b'])
    """
    if isinstance(value, (tuple, list, set, frozenset, np.ndarray)):
        items = [json_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return round(f, 6) if math.isfinite(f) else None
    if isinstance(value, str):
        return value
    return str(value)


def display_text(value: Any) -> str | None:
    """The text to show for a value, or None when there is nothing to show.

    None for a missing value; also None for a text of spaces only, which
    cannot be seen (a label then falls back to the actor's id).
    """
    v = json_value(value)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return v if isinstance(v, str) else str(v)


def display_texts(value: Any) -> list[str]:
    """The texts to show for a value that may hold several (themes, sectors)."""
    v = json_value(value)
    if v is None:
        return []
    if not isinstance(v, list):
        v = [v]
    return [str(x) for x in v if x is not None and str(x).strip()]


def category(value: Any) -> Any:
    """The category a value draws as (colour, legend row, group): its text, the first of several, or None."""
    v = json_value(value)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, list):
        return str(v[0]) if v else None
    return str(v)


# --------------------------------------------------------------------------- the actor table


def measures_table(G: nx.Graph, table: Any, seed: int) -> pd.DataFrame | None:
    """The actor table a map reads its measures from: ``table``, computed, or None for ``table=False``."""
    if table is False:
        return None
    if table is not None:
        if not isinstance(table, pd.DataFrame):
            raise TypeError(
                f"table= must be a pandas DataFrame indexed by actor id (as made by "
                f"alliances.actor_table), not {type(table).__name__}"
            )
        return table
    try:
        from alliances.analysis.table import actor_table
    except ImportError:  # analysis layer not installed in this build: basic map only
        return None
    return actor_table(G, seed=seed)


def table_column(table: pd.DataFrame | None, name: str | None,
                 nodes: Sequence[Hashable]) -> list[Any] | None:
    """The column ``name`` of the actor table for ``nodes`` as plain values, or None when absent."""
    if table is None or name not in table.columns:
        return None
    col = table[name]
    if col.index.has_duplicates:
        col = col.groupby(level=0).first()
    return [json_value(v) for v in col.reindex(list(nodes)).tolist()]


def node_column(G: nx.Graph, table: pd.DataFrame | None, name: str,
                order: Sequence[Hashable]) -> list[Any]:
    """The column ``name`` of the actor table, else the node attribute ``name`` (None where unset)."""
    col = table_column(table, name, order)
    if col is not None:
        return col
    return [G.nodes[v].get(name) for v in order]


def check_choice(name: str, value: Any, table: pd.DataFrame | None, G: nx.Graph, *,
                 numeric: bool) -> None:
    """Refuse a ``color=``, ``size=`` or ``group=`` that names neither an actor attribute nor a column."""
    if value is None:
        return
    in_table = table is not None and value in table.columns
    in_graph = any(value in d for _, d in G.nodes(data=True))
    if in_table or (not numeric and (in_graph or value in NODE_FIELDS)):
        return
    if table is None and numeric:
        return  # no table available: uniform sizes, said in the legend
    choices = sorted(map(str, table.columns)) if table is not None else sorted(NODE_FIELDS)
    raise ValueError(
        f"{name}={value!r} is neither an actor attribute nor a column of the actor table; "
        f"choose one of: {', '.join(choices)}"
    )


def check_highlight(highlight: Iterable[str]) -> tuple[str, ...]:
    """``highlight=`` as a tuple; ValueError naming what is not one of :data:`HIGHLIGHTS`."""
    highlight = tuple(highlight)
    unknown = sorted(set(highlight) - set(HIGHLIGHTS))
    if unknown:
        raise ValueError(f"highlight= accepts {', '.join(HIGHLIGHTS)}; got {', '.join(unknown)}")
    return highlight


# --------------------------------------------------------------------------- sizes


def edge_width(weight: Any) -> float:
    """Line width of a tie (vis-network pixels) from its weight; a weight that is not positive draws as 1.

    Examples
    --------
    >>> edge_width(1.0), edge_width(0), edge_width(100.0)
    (2.5, 2.5, 9.0)
    """
    w = json_value(weight)
    if not isinstance(w, (int, float)) or w <= 0:
        w = 1.0
    return round(min(1.0 + 1.5 * math.log2(1.0 + w), 9.0), 1)


def scaled_sizes(values: list[Any] | None, n: int, lo: float = 10.0,
                 hi: float = 38.0) -> list[float]:
    """Node sizes from a measure: square root scaled from ``lo`` to ``hi``; ``lo`` where there is none."""
    if values is None:
        return [16.0] * n
    nums = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in values]
    finite = [v for v in nums if v is not None]
    if not finite:
        return [lo] * n
    vmin, vmax = min(finite), max(finite)
    span = vmax - vmin
    out = []
    for v in nums:
        if v is None:
            out.append(lo)
        elif span <= 0:
            out.append(round((lo + hi) / 2, 1))
        else:
            out.append(round(lo + (hi - lo) * math.sqrt((v - vmin) / span), 1))
    return out


# --------------------------------------------------------------------------- legends


def sector_legend(values: list[Any], counts: Counter) -> tuple[list[dict], dict[Any, str]]:
    """Legend rows of the colour categories, and each category's filter key."""
    colors = style.sector_colors(values)
    legend, keys = [], {}
    for i, (value, colour) in enumerate(colors.items()):
        key = f"s{i}"
        keys[value] = key
        legend.append({"key": key, "label": style.sector_label(value), "color": colour,
                       "count": counts[value]})
    return legend, keys


def relation_legend(arcs: Sequence[Arc]) -> tuple[list[dict], dict[str, str]]:
    """Legend rows of the relations drawn, and each one's filter key (see :func:`relation_key`).

    A negative tie of a relation that is not itself negative (a negative
    mention, a collaboration with ``sign=-2``) is counted in its own row,
    :data:`NEGATIVE_LABEL`, drawn like a conflict.
    """
    negative = sum(1 for a in arcs if a.negative and a.relation not in NEGATIVE_RELATIONS)
    counts = Counter(a.relation for a in arcs
                     if not (a.negative and a.relation not in NEGATIVE_RELATIONS))
    names = [r for r in style.EDGE_STYLES if r in counts] + sorted(
        r for r in counts if r not in style.EDGE_STYLES)
    legend, keys = [], {}
    for i, rel in enumerate(names):
        st = style.edge_style(rel)
        keys[rel] = f"r{i}"
        legend.append({
            "key": f"r{i}", "label": rel, "color": st.color, "dashes": bool(st.dashes),
            "dotted": bool(st.dashes) and st.dashes[0] <= 2, "arrows": st.arrows, "count": counts[rel],
        })
    if negative:
        legend.append({"key": NEGATIVE_KEY, "label": NEGATIVE_LABEL, "color": style.NEGATIVE_EDGE.color,
                       "dashes": True, "dotted": style.NEGATIVE_EDGE.dashes[0] <= 2, "arrows": True,
                       "count": negative})
        keys[_NEGATIVE_ROW] = NEGATIVE_KEY
    return legend, keys


# --------------------------------------------------------------------------- reduction


def reduce_nodes(G: nx.Graph, order: list, arcs: list[Arc] | None, size_values: list | None,
                 max_nodes: int, relations: frozenset | None = None) -> tuple[list, list[Arc]]:
    """The top ``max_nodes`` actors and the ties among them (``arcs`` None: read from ``G``).

    Actors are ranked by ``size_values`` when given, else by their number of
    ties (each tie counted once at each end), ties broken by id.
    """
    if size_values is not None:
        score = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else -math.inf
                 for v in size_values]
    elif arcs is None:
        deg = dict(G.degree())  # the same count as over the arcs below, without reading them
        score = [deg[v] for v in order]
    else:
        ends: Counter = Counter()
        for a in arcs:
            ends[a.source] += 1
            ends[a.target] += 1
        score = [ends[str(v)] for v in order]
    ranked = sorted(range(len(order)), key=lambda i: (-score[i], str(order[i])))
    kept = [order[i] for i in sorted(ranked[:max_nodes])]
    if arcs is None:
        return kept, map_arcs(G, relations, nodes=kept)
    keep_ids = {str(v) for v in kept}
    return kept, [a for a in arcs if a.source in keep_ids and a.target in keep_ids]


def reduce_edges(arcs: list[Arc], max_edges: int) -> list[Arc]:
    """The ``max_edges`` strongest ties (by contract weight; first in order among equals), in order."""
    def strength(arc: Arc) -> float:
        w = json_value(arc.weight)  # as shown on the page (6 decimals)
        return w if isinstance(w, (int, float)) else 1.0

    ranked = sorted(range(len(arcs)), key=lambda i: (-strength(arcs[i]), i))
    return [arcs[i] for i in sorted(ranked[:max_edges])]
