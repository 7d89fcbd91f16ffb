"""Static map with matplotlib, for papers and slides (PNG, SVG, PDF).

Same palette, shapes, line styles, marks and seeded positions as the
interactive map (:func:`alliances.maps.interactive.interactive_map`), so a
figure and the map a practitioner opens show the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd

from alliances.analysis.views import node_order, resolve_relations
from alliances.maps import style
from alliances.maps.interactive import (
    _FLAG_COLUMNS,
    _HIGHLIGHTS,
    SPACING,
    _actor_table,
    _arcs,
    _category,
    _column,
    _edge_width,
    _node_attr_or_column,
    _scaled_sizes,
    _text,
    _validate_choice,
)
from alliances.maps.layout import layout_positions
from alliances.model import UNDIRECTED_RELATIONS

__all__ = ["plot_map"]


def plot_map(
    G: nx.Graph,
    *,
    ax: Any = None,
    color: str = "sector",
    size: str | None = "betweenness",
    highlight: Iterable[str] = _HIGHLIGHTS,
    relations: str | Iterable[str] | None = None,
    seed: int = 0,
    table: pd.DataFrame | None = None,
    labels: bool | int = 30,
    legend: bool = True,
    title: str | None = None,
) -> Any:
    """Draw the actor graph as a static matplotlib figure.

    Parameters
    ----------
    G : networkx graph
        The actor graph; never modified.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new 10 x 8 inch figure).
    color : str
        Categorical attribute for colours and legend (default ``"sector"``).
    size : str or None
        Numeric actor-table column setting marker size (default
        ``"betweenness"``); None for equal sizes.
    highlight : iterable of str
        ``"hybrid"`` and/or ``"intermediary"``: thick / dashed black edges
        around the marked actors.
    relations : str or iterable of str, optional
        Draw only these relations.
    seed : int
        Layout seed (same positions as ``interactive_map`` with the same seed).
    table : pandas.DataFrame, optional
        A precomputed actor table; computed with ``actor_table`` when None;
        ``False`` draws without measures.
    labels : bool or int
        True labels every actor, False none, an integer the largest N.
    legend : bool
        Draw the legend (sectors, relations, marks) to the right.
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="collaboration", relation="collaboration")
    >>> ax = plot_map(G, table=False)
    >>> len(ax.collections[-1].get_offsets())
    2
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    highlight = tuple(highlight)
    wanted = resolve_relations(G, relations)
    tbl = _actor_table(G, table, seed)
    _validate_choice("color", color, tbl, G, numeric=False)
    _validate_choice("size", size, tbl, G, numeric=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8))
    order = node_order(G)
    ids = [str(v) for v in order]
    arcs = _arcs(G, wanted)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from(ids)
    for u, v, rel, d in arcs:
        sub.add_edge(u, v, key=rel, weight=d.get("weight", 1.0), sign=d.get("sign", 1))
    pos = layout_positions(sub, seed=seed, nodes=ids, spacing=SPACING)

    # ties, grouped by style so each style is one LineCollection
    by_style: dict[tuple, list] = {}
    widths: dict[tuple, list] = {}
    for u, v, rel, d in arcs:
        if u == v:
            continue
        st = style.edge_style(rel, d.get("sign", 1))
        key = (st.color, str(st.mpl), rel in UNDIRECTED_RELATIONS or not st.arrows)
        # vis-network y grows downwards: flip so both maps look the same
        by_style.setdefault(key, []).append([(pos[u][0], -pos[u][1]), (pos[v][0], -pos[v][1])])
        widths.setdefault(key, []).append(_edge_width(d.get("weight", 1.0)) * 0.5)
    for (colour, _mpl, undirected), segments in sorted(by_style.items()):
        st_mpl = next(
            s.mpl for s in [*style.EDGE_STYLES.values(), style.edge_style("other"), style.edge_style("x", -1)]
            if s.color == colour and str(s.mpl) == _mpl
        )
        ax.add_collection(LineCollection(segments, colors=colour, linestyles=[st_mpl],
                                         linewidths=widths[(colour, _mpl, undirected)], alpha=0.8, zorder=1))
        if not undirected:
            for (x0, y0), (x1, y1) in segments:
                ax.annotate("", xy=(x0 + 0.85 * (x1 - x0), y0 + 0.85 * (y1 - y0)), xytext=(x0, y0),
                            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "alpha": 0.8,
                                        "shrinkA": 0, "shrinkB": 0, "mutation_scale": 9}, zorder=1)

    cats = [_category(c) for c in _node_attr_or_column(G, tbl, color, order)]
    colors = style.sector_colors(cats)
    size_values = _column(tbl, size, order) if size else None
    sizes = _scaled_sizes(size_values, len(order))
    flags = {m: _column(tbl, _FLAG_COLUMNS[m], order) for m in highlight}
    kinds = [_text(G.nodes[v].get("kind")) or "organisation" for v in order]
    for kind in sorted(set(kinds)):
        idx = [i for i, k in enumerate(kinds) if k == kind]
        marker = style.SHAPES.get(kind, style.SHAPES["organisation"])[1]
        lw, ls = [], []
        for i in idx:
            hyb = flags.get("hybrid") is not None and flags["hybrid"][i] is True
            itm = flags.get("intermediary") is not None and flags["intermediary"][i] is True
            lw.append(2.5 if hyb else 2.0 if itm else 0.6)
            ls.append((0, (2, 1.5)) if itm and not hyb else "solid")
        ax.scatter(
            [pos[ids[i]][0] for i in idx], [-pos[ids[i]][1] for i in idx],
            s=[sizes[i] ** 2 * 0.45 for i in idx], c=[colors[cats[i]] for i in idx],
            marker=marker, edgecolors=["#000000" if w > 1 else "#4D4D4D" for w in lw],
            linewidths=lw, linestyles=ls, zorder=2,
        )
    # labels: the largest actors first
    if labels:
        n_labels = len(order) if labels is True else int(labels)
        ranked = sorted(range(len(order)), key=lambda i: (-sizes[i], ids[i]))[:n_labels]
        label_vals = _node_attr_or_column(G, None, "label", order)
        for i in sorted(ranked):
            ax.annotate(_text(label_vals[i]) or ids[i], (pos[ids[i]][0], -pos[ids[i]][1]),
                        xytext=(0, -(sizes[i] * 0.45 + 6)), textcoords="offset points",
                        ha="center", va="top", fontsize=8, zorder=3)
    ax.autoscale_view()
    fit_axes(ax, pos)
    if title:
        ax.set_title(title)
    if legend:
        handles = sector_handles(colors)
        def negative(rel, d):
            return d.get("sign", 1) == -1 and rel != "conflict"

        present = sorted({rel for _, _, rel, d in arcs if not negative(rel, d)},
                         key=lambda r: (list(style.EDGE_STYLES).index(r) if r in style.EDGE_STYLES else math.inf, r))
        for rel in present:
            st = style.edge_style(rel)
            handles.append(Line2D([], [], color=st.color, linestyle=st.mpl, lw=1.8, label=rel))
        if any(negative(rel, d) for _, _, rel, d in arcs):
            st = style.edge_style("conflict")
            handles.append(Line2D([], [], color=st.color, linestyle=st.mpl, lw=1.8,
                                  label="negative tie (other relations)"))
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                              markeredgecolor="#4D4D4D", label="organisation"))
        handles.append(Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
                              markeredgecolor="#4D4D4D", label="person"))
        for m in highlight:
            if flags.get(m) is not None:
                handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                                      markeredgecolor="black", markeredgewidth=2.5 if m == "hybrid" else 2.0,
                                      label=_LEGEND_MARKS[m]))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    return ax


_LEGEND_MARKS = {"hybrid": "hybrid actor (thick border)", "intermediary": "trusted intermediary (dashed border)"}


def fit_axes(ax: Any, pos: dict) -> None:
    """Equal aspect, limits around the layout (y flipped as on screen) with room for labels."""
    ax.set_aspect("equal")
    if pos:
        xs = [p[0] for p in pos.values()]
        ys = [-p[1] for p in pos.values()]
        pad = 40 + 0.05 * max(max(xs) - min(xs), max(ys) - min(ys), 1)
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad - 20, max(ys) + pad)
    ax.set_axis_off()


def sector_handles(colors: dict) -> list:
    """Legend entries for the sector colours (one round marker each)."""
    from matplotlib.lines import Line2D

    return [Line2D([], [], marker="o", linestyle="", markerfacecolor=c, markeredgecolor="#4D4D4D",
                   markersize=8, label=style.sector_label(s)) for s, c in colors.items()]
