"""Static map with matplotlib, for papers and slides (PNG, SVG, PDF).

Same palette, shapes, line styles, marks and seeded positions as the
interactive map (:func:`alliances.maps.interactive.interactive_map`), so a
figure and the map a practitioner opens show the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from alliances.analysis.views import resolve_relations
from alliances.i18n import resolve_lang
from alliances.maps import style
from alliances.maps.spec import (
    FLAG_COLUMNS,
    HIGHLIGHTS,
    NEGATIVE_KEY,
    Arc,
    arc_positions,
    category,
    check_choice,
    check_highlight,
    display_text,
    edge_width,
    map_arcs,
    measures_table,
    node_column,
    relation_legend,
    scaled_sizes,
    separate_discs,
    separate_groups,
    study_title,
    table_column,
)
from alliances.maps.text import ui_text
from alliances.model import check_graph, node_order

__all__ = ["plot_map"]


def plot_map(
    G: nx.Graph,
    *,
    ax: Any = None,
    color: str = "sector",
    size: str | None = "betweenness",
    highlight: Iterable[str] = HIGHLIGHTS,
    relations: str | Iterable[str] | None = None,
    seed: int = 0,
    table: pd.DataFrame | None = None,
    labels: bool | int = 30,
    legend: bool = True,
    title: str | None = None,
    path: str | None = None,
    lang: str | None = None,
) -> Any:
    """Draw the actor graph as a static matplotlib figure.

    Parameters
    ----------
    G : networkx graph
        The actor graph (MultiDiGraph, DiGraph or Graph); never modified. Its
        ties are read by :func:`alliances.model.iter_ties`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new 10 x 8 inch figure).
    color : str
        Categorical attribute for colours and legend (default ``"sector"``).
    size : str or None
        Numeric actor-table column setting marker size (default
        ``"betweenness"``); None for equal sizes.
    highlight : iterable of str
        ``"hybrid"`` and/or ``"intermediary"``: a thick black ring around a
        hybrid, a black star at the upper right of a trusted intermediary
        (both on an actor that is both), as on the interactive map.
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
        Draw the legend (sectors, relations drawn, shapes, marks) to the
        right, inside the figure.
    title : str, optional
        Axes title (default: the study's name,
        :func:`~alliances.maps.spec.study_title`, when there is one; ``""``
        for none).
    path : str or path-like, optional
        Also save the figure there (PNG, SVG or PDF by extension), with the
        fonts embedded (TrueType in PDF, glyph outlines in SVG; set for this
        save only) and no creation date, so the same input gives the same bytes.
    lang : str, optional
        Language of the legend and caption (``"en"`` or ``"fr"``); default
        :func:`alliances.i18n.resolve_lang`.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Labels are placed without overlap: the most important actor of every
    connected group first, then the others by size; a label that finds no
    free place around its actor is left out, and the figure's caption
    (``ax.alliances_caption``) says how many actors are labelled. Every
    connected group other than the largest is outlined (dashed) and named
    ("separate group (4 actors)").

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    ValueError
        If ``color`` or ``size`` name no column, or ``relations`` names a
        relation absent from the graph.

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

    check_graph(G, caller="plot_map")
    lang = resolve_lang(lang)
    highlight = check_highlight(highlight)
    wanted = resolve_relations(G, relations)
    tbl = measures_table(G, table, seed, lang)
    check_choice("color", color, tbl, G, numeric=False)
    check_choice("size", size, tbl, G, numeric=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8), layout="constrained")
    order = node_order(G)
    ids = [str(v) for v in order]
    arcs = map_arcs(G, wanted)
    sizes = scaled_sizes(table_column(tbl, size, order) if size else None, len(order))
    # the interactive map's positions: the layout, actors moved apart so that none overlap
    pos = separate_discs(ids, arc_positions(ids, arcs, seed=seed), sizes)
    _draw_ties(ax, arcs, pos)

    cats = [category(c) for c in node_column(G, tbl, color, order)]
    colors = style.sector_colors(cats)
    flags = {m: table_column(tbl, FLAG_COLUMNS[m], order) for m in highlight}
    kinds = [display_text(G.nodes[v].get("kind")) or "organisation" for v in order]
    _draw_actors(ax, ids, pos, [colors[c] for c in cats], sizes, kinds, flags)
    ax.autoscale_view()
    fit_axes(ax, pos)
    if title is None:
        title = study_title(G, lang)
    if title:
        ax.set_title(title)
    components = table_column(tbl, "component", order)
    if legend:
        _draw_legend(ax, colors, arcs, highlight, flags, lang,
                     groups=bool(components) and len({c for c in components if c is not None}) > 1)
    fig = ax.figure
    fig.canvas.draw()  # the layout (legend inside the figure) fixes where the actors are
    if fig.get_layout_engine() is not None:
        fig.set_layout_engine("none")  # freeze it: labels are placed on these positions
    _keep_legend_inside(ax)
    _draw_stars(ax, ids, pos, sizes, flags)
    taken = _draw_groups(ax, ids, pos, sizes, components, lang)
    if labels:
        n_labels = len(order) if labels is True else int(labels)
        texts = [display_text(G.nodes[v].get("label")) or ids[i] for i, v in enumerate(order)]
        placed = _draw_labels(ax, ids, pos, texts, sizes, n_labels, components or [0] * len(order),
                              taken)
        ax.alliances_caption = ui_text(
            "Labelled: {n} of {total} actors (the most important of each group first; the others "
            "left out so that no labels overlap)", lang, n=placed, total=len(order))
    if path is not None:
        save_figure(fig, path)
    return ax


def _keep_legend_inside(ax: Any) -> None:
    """Narrow the axes until the legend to their right ends inside the figure."""
    leg = ax.get_legend()
    if leg is None:
        return
    fig = ax.figure
    for _ in range(4):
        renderer = fig.canvas.get_renderer()
        over = leg.get_window_extent(renderer).x1 - fig.bbox.x1 + 6
        if over <= 0:
            return
        box = ax.get_position()
        ax.set_position([box.x0, box.y0, box.width - over / fig.bbox.width, box.height])
        fig.canvas.draw()


def save_figure(fig: Any, path: Any, **kwargs: Any) -> None:
    """Save ``fig`` with embedded fonts (PDF TrueType, SVG outlines) and no date, set for this save only."""
    import matplotlib

    suffix = str(path).rsplit(".", 1)[-1].lower()
    meta = {"pdf": {"CreationDate": None, "ModDate": None}, "svg": {"Date": None}}.get(suffix)
    if meta is not None:
        kwargs.setdefault("metadata", meta)
    with matplotlib.rc_context({"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "path",
                                "svg.hashsalt": "alliances"}):
        fig.savefig(path, **kwargs)


def _draw_ties(ax: Any, arcs: Sequence[Arc], pos: dict) -> None:
    """The ties, one LineCollection per line style, arrows on directed ties (self-ties left out)."""
    from matplotlib.collections import LineCollection

    by_style: dict[tuple, list] = {}
    widths: dict[tuple, list] = {}
    linestyles: dict[tuple, Any] = {}
    for a in arcs:
        if a.source == a.target:
            continue
        st = style.edge_style(a.relation, a.sign)
        key = (st.color, str(st.mpl), not a.directed or not st.arrows)
        linestyles[key] = st.mpl
        (x0, y0), (x1, y1) = pos[a.source], pos[a.target]
        # vis-network y grows downwards: flip so both maps look the same
        by_style.setdefault(key, []).append([(x0, -y0), (x1, -y1)])
        widths.setdefault(key, []).append(edge_width(a.weight) * 0.5)
    for key, segments in sorted(by_style.items()):
        colour, _, undirected = key
        ax.add_collection(LineCollection(segments, colors=colour, linestyles=[linestyles[key]],
                                         linewidths=widths[key], alpha=0.8, zorder=1))
        if not undirected:
            for (x0, y0), (x1, y1) in segments:
                ax.annotate("", xy=(x0 + 0.85 * (x1 - x0), y0 + 0.85 * (y1 - y0)), xytext=(x0, y0),
                            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "alpha": 0.8,
                                        "shrinkA": 0, "shrinkB": 0, "mutation_scale": 9}, zorder=1)


def _draw_actors(ax: Any, ids: list[str], pos: dict, colours: list[str], sizes: list[float],
                 kinds: list[str], flags: dict[str, list | None]) -> None:
    """One scatter per kind of actor (its marker), hybrids and intermediaries marked by their border."""
    for kind in sorted(set(kinds)):
        idx = [i for i, k in enumerate(kinds) if k == kind]
        marker = style.SHAPES.get(kind, style.SHAPES["organisation"])[1]
        lw = [_HYBRID_LW if _flagged(flags, "hybrid", i) else 0.6 for i in idx]
        ax.scatter(
            [pos[ids[i]][0] for i in idx], [-pos[ids[i]][1] for i in idx],
            s=[sizes[i] ** 2 * 0.45 for i in idx], c=[colours[i] for i in idx],
            marker=marker, edgecolors=["#000000" if w > 1 else "#4D4D4D" for w in lw],
            linewidths=lw, zorder=2,
        )


_HYBRID_LW = 3.0


def _flagged(flags: dict[str, list | None], mark: str, i: int) -> bool:
    return flags.get(mark) is not None and flags[mark][i] is True


def _draw_stars(ax: Any, ids: list[str], pos: dict, sizes: list[float],
                flags: dict[str, list | None]) -> None:
    """The trusted intermediaries' star badge, at the upper right of the marker (as on the interactive map)."""
    from matplotlib.transforms import offset_copy

    for i, v in enumerate(ids):
        if not _flagged(flags, "intermediary", i):
            continue
        r = math.sqrt(sizes[i] ** 2 * 0.45) / 2  # marker radius, points
        d = (r + 4) / math.sqrt(2)  # just outside the upper right, clear of a hybrid's ring
        shifted = offset_copy(ax.transData, fig=ax.figure, x=d, y=d, units="points")
        ax.plot([pos[v][0]], [-pos[v][1]], marker="*", markersize=max(9.0, 0.9 * r),
                color=style.MARKS["intermediary"]["color"], markeredgecolor=style.MARKS["intermediary"]["outline"],
                markeredgewidth=0.8, linestyle="", transform=shifted, zorder=4)


def _draw_groups(ax: Any, ids: list[str], pos: dict, sizes: list[float], components: list | None,
                 lang: str) -> list:
    """Outline and name every connected group but the largest; returns the names' boxes (pixels)."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import offset_copy

    groups = separate_groups(ids, components, lang)
    renderer = ax.figure.canvas.get_renderer()
    pixels_per_unit = abs(ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0])
    boxes = []
    for g in groups:
        pad = (max(math.sqrt(sizes[ids.index(v)] ** 2 * 0.45) / 2 for v in g["members"]) + 6) \
            * ax.figure.dpi / 72 / max(pixels_per_unit, 1e-9)
        xs = [pos[v][0] for v in g["members"]]
        ys = [-pos[v][1] for v in g["members"]]
        x0, y0 = min(xs) - pad, min(ys) - pad
        w, h = max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
        ax.add_patch(Rectangle((x0, y0), w, h, fill=False, edgecolor=style.GROUP_OUTLINE["color"],
                               linestyle=(0, (4, 3)), linewidth=0.8, zorder=0.5))
        # a figure text placed in data coordinates: the axes' texts stay the actors' labels
        t = ax.figure.text(x0, y0 + h, g["label"], ha="left", va="bottom", fontsize=7, color="#555555",
                           zorder=3, transform=offset_copy(ax.transData, fig=ax.figure, x=0, y=2,
                                                           units="points"))
        t.set_in_layout(False)
        t.set_gid("alliances-group-name")
        boxes.append(t.get_window_extent(renderer))
    return boxes


def _draw_labels(ax: Any, ids: list[str], pos: dict, texts: list[str], sizes: list[float],
                 n_labels: int, groups: list[Any], taken: list | None = None) -> int:
    """Place labels greedily without overlap; returns how many were drawn.

    Order: the largest actor of every group, then the others by size (ties
    by id); at most ``n_labels``, besides the group leaders. Each label tries
    below, above, right and left of its marker, then further out with a
    leader line; it must stay inside the axes and touch no other label.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    by_size = sorted(range(len(ids)), key=lambda i: (-sizes[i], ids[i]))
    leaders, seen = [], set()
    for i in by_size:
        if groups[i] not in seen:
            seen.add(groups[i])
            leaders.append(i)
    rest = [i for i in by_size if i not in set(leaders)][:max(0, n_labels - len(leaders))]
    boxes: list[Any] = list(taken or [])
    placed = 0
    for i in leaders + rest:
        r = math.sqrt(sizes[i] ** 2 * 0.45) / 2 + 2
        xy = (pos[ids[i]][0], -pos[ids[i]][1])
        for far in (0, 12, 24):
            d = r + far
            candidates = [((0, -d), "center", "top"), ((0, d), "center", "bottom"),
                          ((d, 0), "left", "center"), ((-d, 0), "right", "center"),
                          ((d, -d), "left", "top"), ((-d, -d), "right", "top"),
                          ((d, d), "left", "bottom"), ((-d, d), "right", "bottom")]
            done = False
            for off, ha, va in candidates:
                arrow = {"arrowstyle": "-", "color": "#777777", "lw": 0.5, "shrinkA": 0,
                         "shrinkB": r} if far else None
                t = ax.annotate(texts[i], xy, xytext=off, textcoords="offset points", ha=ha, va=va,
                                fontsize=8, zorder=3, arrowprops=arrow, annotation_clip=False)
                t.set_in_layout(False)
                bb = t.get_window_extent(renderer).expanded(1.0, 1.0)
                inside = (bb.x0 >= frame.x0 and bb.x1 <= frame.x1 and bb.y0 >= frame.y0 and bb.y1 <= frame.y1)
                if inside and not any(bb.overlaps(b) for b in boxes):
                    boxes.append(bb)
                    placed += 1
                    done = True
                    break
                t.remove()
            if done:
                break
    return placed


def _draw_legend(ax: Any, colors: dict, arcs: Sequence[Arc], highlight: tuple[str, ...],
                 flags: dict[str, list | None], lang: str = "en", groups: bool = False) -> None:
    """Sectors, relations drawn (the rows of :func:`~alliances.maps.spec.relation_legend`), shapes,
    marks (hybrid ring, intermediary star, both) and the outline of disconnected groups."""
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    handles = sector_handles(colors, lang)
    for row in relation_legend(arcs, lang)[0]:
        st = style.NEGATIVE_EDGE if row["key"] == NEGATIVE_KEY else style.edge_style(row["relation"])
        handles.append(Line2D([], [], color=st.color, linestyle=st.mpl, lw=1.8, label=row["label"]))
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                          markeredgecolor="#4D4D4D", label=ui_text("organisation", lang)))
    handles.append(Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
                          markeredgecolor="#4D4D4D", label=ui_text("person", lang)))
    ring = Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markersize=8,
                  markeredgecolor="black", markeredgewidth=_HYBRID_LW)
    star = Line2D([], [], marker="*", linestyle="", color="black", markeredgecolor="white",
                  markeredgewidth=0.6, markersize=10)
    can = [m for m in highlight if flags.get(m) is not None]
    if "hybrid" in can:
        handles.append(ring)
        ring.set_label(ui_text("hybrid actor (thick ring)", lang))
    if "intermediary" in can:
        handles.append(star)
        star.set_label(ui_text("trusted intermediary (star)", lang))
    handler_map = {}
    if len(can) == 2:
        both = (Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markersize=8,
                       markeredgecolor="black", markeredgewidth=_HYBRID_LW),
                Line2D([], [], marker="*", linestyle="", color="black", markeredgecolor="white",
                       markeredgewidth=0.6, markersize=10))
        handles.append(both)
        handler_map[both] = HandlerTuple(ndivide=None, pad=0.0)
    if groups:
        handles.append(Rectangle((0, 0), 1, 1, fill=False, edgecolor=style.GROUP_OUTLINE["color"],
                                 linestyle=(0, (4, 3)), linewidth=0.8))
    names = [h.get_label() if not isinstance(h, tuple) else
             ui_text("both hybrid and trusted intermediary: ring and star", lang) for h in handles]
    if groups:
        names[-1] = ui_text("disconnected group: dashed outline", lang)
    ax.legend(handles=handles, labels=names, handler_map=handler_map, loc="upper left",
              bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)


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


def sector_handles(colors: dict, lang: str | None = "en") -> list:
    """Legend entries for the sector colours (one round marker each), named in ``lang``."""
    from matplotlib.lines import Line2D

    return [Line2D([], [], marker="o", linestyle="", markerfacecolor=c, markeredgecolor="#4D4D4D",
                   markersize=8, label=style.sector_label(s, lang)) for s, c in colors.items()]
