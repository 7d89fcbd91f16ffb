"""The change map: two or more survey waves on one picture.

:func:`change_map` draws a :func:`~alliances.compare` result
(:class:`~alliances.analysis.compare.Comparison`) or a
:func:`~alliances.compare_waves` result
(:class:`~alliances.analysis.compare.Waves`) as one interactive page with the
same guarantees as every map of :mod:`alliances.maps.interactive` (one
offline file, user text as text, whitelisted fields, byte-identical output
for the same input and seed, ``window.network``):

* **stable positions**: the layout is computed once on the union of the
  waves (every actor and tie of any wave), so an actor stays in the same
  place whichever wave is shown;
* **ties by change**: gained ties (new in the later wave) thick and blue,
  kept ties grey, lost ties light grey and dashed; negative ties (conflicts)
  stay red with the same width and dash code;
* **actors** coloured by sector as on every map; the shape says whether an
  actor is in every wave (dot), appeared (star), left (downward triangle)
  or came and went (triangle); hybrids and trusted intermediaries (in the
  last wave where the actor is present) are marked by their border;
* **a wave switcher**: "change" (every tie, styled by change), then each
  wave alone (its actors and ties; ties new since the previous wave drawn as
  gained, ties gone by the next wave drawn as lost).

:func:`plot_change` draws the same picture with matplotlib for papers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from alliances.i18n import format_number, resolve_lang
from alliances.maps import style
from alliances.maps.interactive import MAX_EDGES, MAX_NODES, Map, actor_view, render_map
from alliances.maps.spec import (
    HIGHLIGHTS,
    Arc,
    arc_positions,
    check_highlight,
    json_value,
    map_arcs,
    reduce_edges,
    reduce_nodes,
    table_column,
)
from alliances.maps.static import fit_axes, sector_handles
from alliances.maps.text import ui_text
from alliances.model import node_order, tie_sign

__all__ = ["CHANGE_STYLES", "PRESENCE_SHAPES", "change_map", "plot_change"]

#: How a tie is drawn by change status: g gained, k kept, l lost, t only in
#: middle waves. ``width`` is added to the weight-based width.
CHANGE_STYLES: dict[str, dict[str, Any]] = {
    "g": {"label": "gained", "color": "#0072B2", "negative": "#CC3311", "width": 2.0,
          "dashes": False, "opacity": 1.0, "mpl": "solid"},
    "k": {"label": "kept", "color": "#707070", "negative": "#CC3311", "width": 0.0,
          "dashes": False, "opacity": 0.85, "mpl": "solid"},
    "l": {"label": "lost", "color": "#B8B8B8", "negative": "#E8A090", "width": -0.5,
          "dashes": [6, 6], "opacity": 0.6, "mpl": (0, (4, 3))},
    "t": {"label": "only in a middle wave", "color": "#B8B8B8", "negative": "#E8A090",
          "width": -0.5, "dashes": [2, 4], "opacity": 0.6, "mpl": (0, (1, 2))},
}

#: vis-network shape, matplotlib marker, legend glyph and text by presence.
PRESENCE_SHAPES: dict[str, tuple[str, str, str, str]] = {
    "all": ("dot", "o", "●", "in every wave"),
    "appeared": ("star", "*", "★", "appeared: not in {first}"),
    "left": ("triangleDown", "v", "▼", "left: not in {last}"),
    "some": ("triangle", "^", "▲", "in some waves only"),
}


# --------------------------------------------------------------------------- the waves


def _pairs(obj: Any, caller: str) -> tuple[list[str], list[Any]]:
    """Wave labels and the consecutive comparisons of a Comparison or Waves (TypeError otherwise)."""
    if type(obj).__name__ == "Waves":
        return [str(x) for x in obj.labels], list(obj.comparisons)
    if type(obj).__name__ == "Comparison":
        return [str(x) for x in obj.labels], [obj]
    hint = ""
    if isinstance(obj, nx.Graph):
        draw = "alliances.plot_map(G)" if caller == "plot_change" else "alliances.interactive_map(G)"
        hint = f"; to draw one graph, use {draw}"
    raise TypeError(
        f"{caller} draws the result of alliances.compare(before, after) or "
        f"alliances.compare_waves(graphs), not a {type(obj).__name__}{hint}."
    )


def _num(value: Any) -> float | None:
    v = json_value(value)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _gather(obj: Any, relations: frozenset[str] | None, caller: str):
    """Wave labels, presence and attributes of each actor and tie of the union of the waves.

    Returns ``(labels, node_in, node_attrs, tie_in, tie_attrs)``: ``node_in[a]``
    and ``tie_in[(u, v, relation)]`` say in which waves the actor or tie is.
    """
    labels, comps = _pairs(obj, caller)
    node_in: dict[str, list[bool]] = {}
    node_attrs: dict[str, dict[str, Any]] = {}
    tie_in: dict[tuple[str, str, str], list[bool]] = {}
    tie_attrs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for j, c in enumerate(comps):
        _gather_actors(c.actors, j, labels, node_in, node_attrs)
        _gather_ties(c.ties, j, len(labels), relations, tie_in, tie_attrs)
    return labels, node_in, node_attrs, tie_in, tie_attrs


def _gather_actors(actors: pd.DataFrame, j: int, labels: list[str], node_in: dict,
                   node_attrs: dict) -> None:
    """Fold the actor table of the comparison of waves ``j`` and ``j + 1`` into the union."""
    n = len(labels)
    for idx, row in zip(actors.index, actors.to_dict("records"), strict=True):
        a = str(idx)
        pres = node_in.setdefault(a, [False] * n)
        if row["present"] in ("both", "before"):
            pres[j] = True
        if row["present"] in ("both", "after"):
            pres[j + 1] = True
        info = node_attrs.setdefault(a, {"degree": [None] * n, "reasons": []})
        # the latest wave where the actor is present sets label, sector and flags
        if row["present"] != "before" or "label" not in info:
            info["label"] = json_value(row.get("label"))
            sector = json_value(row.get("sector"))
            # compare() writes a missing world as "unknown": draw it as on every map
            info["sector"] = None if sector in (None, "", "unknown") else sector
        for side, w in (("before", j), ("after", j + 1)):
            deg = _num(row.get(f"degree_{side}"))
            if deg is not None:
                info["degree"][w] = deg
                info["is_hybrid"] = json_value(row.get(f"is_hybrid_{side}")) is True
                info["is_trusted_intermediary"] = (
                    json_value(row.get(f"is_trusted_intermediary_{side}")) is True)
        reason = json_value(row.get("reason"))
        if isinstance(reason, str) and reason and reason != "no change in ties":
            info["reasons"].append(f"{labels[j]} → {labels[j + 1]}: {reason}" if n > 2 else reason)


def _gather_ties(ties: pd.DataFrame, j: int, n: int, relations: frozenset[str] | None,
                 tie_in: dict, tie_attrs: dict) -> None:
    """Fold the tie table of the comparison of waves ``j`` and ``j + 1`` into the union."""
    for row in ties.to_dict("records"):
        rel = str(row["relation"])
        if relations is not None and rel not in relations:
            continue
        key = (str(row["source"]), str(row["target"]), rel)
        pres = tie_in.setdefault(key, [False] * n)
        if row["change"] in ("kept", "lost"):
            pres[j] = True
        if row["change"] in ("kept", "gained"):
            pres[j + 1] = True
        attrs = tie_attrs.setdefault(key, {"weight": 0.0, "trust": [None] * n})
        for side, w in (("before", j), ("after", j + 1)):
            wt = _num(row.get(f"weight_{side}"))
            if wt is not None:
                attrs["weight"] = max(attrs["weight"], wt)
            t = _num(row.get(f"trust_{side}"))
            if t is not None:
                attrs["trust"][w] = t
        attrs["sign"] = tie_sign(row, row["relation"])


def _union_graph(node_in: dict, node_attrs: dict, tie_attrs: dict) -> nx.MultiDiGraph:
    """Every actor and tie of any wave as one actor graph (ties read back by the contract).

    A tie's weight is its largest in any wave, its trust the last one given.
    """
    G = nx.MultiDiGraph()
    for a in sorted(node_in):
        sector = node_attrs[a].get("sector")
        G.add_node(a, label=node_attrs[a].get("label") or a, sector=sector,
                   sectors=() if sector is None else (sector,))
    for (u, v, rel), d in sorted(tie_attrs.items()):
        last_trust = next((t for t in reversed(d["trust"]) if t is not None), None)
        G.add_edge(u, v, key=rel, relation=rel, weight=d["weight"] or 1.0, sign=d["sign"],
                   trust=last_trust)
    return G


def _presence(flags: list[bool]) -> str:
    if all(flags):
        return "all"
    if not flags[0] and flags[-1]:
        return "appeared"
    if flags[0] and not flags[-1]:
        return "left"
    return "some"


def _overall(flags: list[bool]) -> str:
    """Status of a tie in the "change" view: first wave against last."""
    first, last = flags[0], flags[-1]
    return "k" if first and last else "g" if last else "l" if first else "t"


def _in_wave(flags: list[bool], i: int) -> str:
    """Status of a tie when wave i is shown."""
    if not flags[i]:
        return "-"
    if i > 0 and not flags[i - 1]:
        return "g"
    if i < len(flags) - 1 and not flags[i + 1]:
        return "l"
    return "k"


def _change_text(flags: list[bool], labels: list[str], trust: list[float | None],
                 lang: str = "en") -> str:
    waves = ", ".join(lab for lab, f in zip(labels, flags, strict=True) if f)
    status = _overall(flags)
    two = len(labels) == 2
    if status == "g":
        text = (ui_text("gained: new in {name}", lang, name=labels[-1]) if two
                else ui_text("gained: in {name}", lang, name=waves))
    elif status == "l":
        text = (ui_text("lost: not in {name}", lang, name=labels[-1]) if two
                else ui_text("lost: in {name}", lang, name=waves))
    elif status == "k":
        text = ui_text("kept: in both waves", lang) if two else ui_text("kept: in {name}", lang, name=waves)
    else:
        text = ui_text("only in {name}", lang, name=waves)
    rated = [(lab, t) for lab, t in zip(labels, trust, strict=True) if t is not None]
    if len(rated) > 1 and len({t for _, t in rated}) > 1:
        text += "; " + ui_text("trust", lang) + " " + " → ".join(
            f"{format_number(t, lang)} ({lab})" for lab, t in rated)
    return text


# --------------------------------------------------------------------------- the map


def change_map(
    comparison: Any,
    *,
    seed: int = 0,
    title: str | None = None,
    relations: str | Iterable[str] | None = None,
    highlight: Iterable[str] = HIGHLIGHTS,
    height: int = 650,
    max_nodes: int | None = MAX_NODES,
    max_edges: int | None = MAX_EDGES,
    lang: str | None = None,
) -> Map:
    """Draw the change between survey waves as one interactive, offline map.

    Positions are computed once on the union of the waves, so actors stay
    in place when switching waves. Ties are drawn by change (gained: thick
    blue; kept: grey; lost: light grey, dashed), actors coloured by sector,
    shaped by presence (dot: every wave; star: appeared; downward triangle:
    left; triangle: some waves only). A "Show" menu switches between the
    change view and each wave alone.

    Parameters
    ----------
    comparison : Comparison or Waves
        The result of :func:`~alliances.compare` or
        :func:`~alliances.compare_waves`.
    seed : int
        Layout seed: the same comparison and seed give byte-identical HTML.
    title : str, optional
        Page title (default "Change: <first wave> → <last wave>").
    relations : str or iterable of str, optional
        Draw only these relations.
    highlight : iterable of str
        ``"hybrid"`` and/or ``"intermediary"``: border marks, as flagged in
        the last wave where the actor is present.
    height : int
        Height of the inline Jupyter frame, in pixels.
    max_nodes, max_edges : int or None
        As in :func:`~alliances.maps.interactive.interactive_map` (defaults
        :data:`~alliances.maps.interactive.MAX_NODES`,
        :data:`~alliances.maps.interactive.MAX_EDGES`): above ``max_nodes``
        actors the map keeps those with the most partners in one wave and
        the ties among them, above ``max_edges`` ties the strongest, and says
        so on the page; None draws everything.
    lang : str, optional
        Language of the map's interface (legend, search, filters, panel):
        ``"en"`` or ``"fr"``; default :func:`alliances.i18n.resolve_lang`.

    Returns
    -------
    Map
        As :func:`~alliances.maps.interactive.interactive_map`; the page data
        holds ``views`` (one per menu entry).

    Raises
    ------
    TypeError
        If ``comparison`` is not a Comparison or Waves (a graph is drawn by
        :func:`~alliances.maps.interactive.interactive_map`).

    Examples
    --------
    >>> import warnings
    >>> from alliances.analysis.compare import compare
    >>> b = nx.DiGraph([("a", "b"), ("c", "d")])
    >>> a = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "e")])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     m = change_map(compare(b, a))
    >>> len(m.network.nodes), len(m.network.edges)
    (5, 4)
    >>> sorted({e["color"] for e in m.network.edges})
    ['#0072B2', '#707070', '#B8B8B8']
    """
    labels, node_in, node_attrs, tie_in, tie_attrs = _gather(comparison, _wanted(relations),
                                                              "change_map")
    highlight = check_highlight(highlight)
    G = _union_graph(node_in, node_attrs, tie_attrs)
    arcs = map_arcs(G)
    order = node_order(G)
    deg_cols = [f"partners in {lab}" for lab in labels]
    tbl = _wave_table(G, order, node_attrs, deg_cols)
    size_values = table_column(tbl, "partners", order)
    order, arcs, size_values, note = _reduce(G, order, arcs, size_values, tbl, max_nodes,
                                             max_edges, resolve_lang(lang))
    lang = resolve_lang(lang)
    data, net_nodes, net_edges = actor_view(G, order, arcs, tbl, "sector", "partners", size_values,
                                            highlight, tuple(deg_cols) if tbl is not None else (),
                                            seed, lang, separate=False)
    keys = [(a.source, a.target, a.relation) for a in arcs]
    _style_by_change(net_edges, data["edge_info"], arcs, keys, tie_in, tie_attrs, labels, lang)
    _shape_by_presence(net_nodes, data["node_info"], node_in, labels, lang)
    _change_legend(data["legend"], order, keys, node_in, tie_in, labels, lang)
    data["views"] = _views(order, keys, node_in, tie_in, labels, lang)
    data["change_styles"] = {s: {k: st[k] for k in ("color", "negative", "width", "dashes", "opacity")}
                             for s, st in CHANGE_STYLES.items()}
    if title is None:
        first, last = labels[0], labels[-1]
        title = (ui_text("Change: {first} → {last}", lang, first=first, last=last) if len(labels) == 2
                 else ui_text("Change over {n} waves: {first} → {last}", lang, n=len(labels),
                              first=first, last=last))
    return render_map(data, net_nodes, net_edges, title=str(title), note=note, seed=seed,
                      height=height, lang=lang)


def _wanted(relations: str | Iterable[str] | None) -> frozenset[str] | None:
    if relations is None:
        return None
    return frozenset([relations] if isinstance(relations, str) else map(str, relations))


def _wave_table(G: nx.Graph, order: list, node_attrs: dict, deg_cols: list[str]) -> pd.DataFrame | None:
    """The change map's actor table: partners in each wave, the most in one wave, marks, reasons."""
    rows = {}
    for a in order:
        info = node_attrs[a]
        degs = info["degree"]
        rows[a] = {
            "label": G.nodes[a].get("label", a),
            "sector": G.nodes[a].get("sector"),
            "partners": max((d for d in degs if d is not None), default=0.0),
            "is_hybrid": bool(info.get("is_hybrid", False)),
            "is_trusted_intermediary": bool(info.get("is_trusted_intermediary", False)),
            "reason": "; ".join(info["reasons"]) or None,
            **{col: (int(d) if d is not None else None) for col, d in zip(deg_cols, degs, strict=True)},
        }
    tbl = pd.DataFrame.from_dict(rows, orient="index")
    if not len(tbl):
        return None
    tbl.index.name = "id"
    return tbl


def _style_by_change(net_edges: list[dict], edge_info: list[dict], arcs: Sequence[Arc],
                     keys: list[tuple], tie_in: dict, tie_attrs: dict, labels: list[str],
                     lang: str = "en") -> None:
    """Colour, width and dashes of each tie by its change; negative ties keep their red."""
    for spec, info, arc, key in zip(net_edges, edge_info, arcs, keys, strict=True):
        flags = tie_in[key]
        st = CHANGE_STYLES[_overall(flags)]
        info["base_width"] = spec["width"]
        info["change"] = _change_text(flags, labels, tie_attrs[key]["trust"], lang)
        spec["color"] = st["negative"] if arc.negative else st["color"]
        spec["width"] = max(1.0, round(spec["width"] + st["width"], 1))
        spec.pop("dashes", None)
        if st["dashes"]:
            spec["dashes"] = st["dashes"]


def _shape_by_presence(net_nodes: list[dict], node_info: list[dict], node_in: dict,
                       labels: list[str], lang: str = "en") -> None:
    """Shape of each actor by the waves it is in; the waves named in its panel when not all."""
    for spec, info in zip(net_nodes, node_info, strict=True):
        where = _presence(node_in[spec["id"]])
        spec["shape"] = PRESENCE_SHAPES[where][0]
        if where != "all":
            present = [lab for lab, f in zip(labels, node_in[spec["id"]], strict=True) if f]
            info["marks"] = [*info["marks"], ui_text("in {name} only", lang, name=", ".join(present))]
        info["kind"] = None


def _change_legend(legend: dict, order: list, keys: list[tuple], node_in: dict, tie_in: dict,
                   labels: list[str], lang: str = "en") -> None:
    """The legend's change rows, presence shapes and counts (of what is drawn)."""
    first, last = labels[0], labels[-1]
    counts = {s: 0 for s in CHANGE_STYLES}
    for key in keys:
        counts[_overall(tie_in[key])] += 1
    change_legend = []
    for s, st in CHANGE_STYLES.items():
        if s == "t" and not counts[s]:
            continue
        text = ui_text({"g": "gained (not in {first}, in {last})", "k": "kept (in {first} and {last})",
                        "l": "lost (in {first}, not in {last})", "t": st["label"]}[s], lang,
                       first=first, last=last)
        change_legend.append({"label": text, "color": st["color"], "dashes": bool(st["dashes"]),
                              "width": 3 if s == "g" else 2, "count": counts[s]})
    presence = [_presence(node_in[a]) for a in order]
    pcount = {p: presence.count(p) for p in PRESENCE_SHAPES}
    marks = [{"label": ui_text(PRESENCE_SHAPES[p][3], lang, first=first, last=last) + f" ({pcount[p]})",
              "glyph": PRESENCE_SHAPES[p][2], "shape": PRESENCE_SHAPES[p][0]}
             for p in PRESENCE_SHAPES if pcount[p] or p == "all"]
    marks += [m for m in legend["marks"] if m.get("mark")]  # hybrid, intermediary, both
    for r in legend["relations"]:  # colour and dashes tell the change, not the relation
        r.update(color="#707070", dashes=False, dotted=False)
    legend.update(marks=marks, changes=change_legend,
                  change_title=ui_text("Change {first} → {last}", lang, first=first, last=last),
                  size=ui_text("Node size: most partners in one wave", lang))


def _views(order: list, keys: list[tuple], node_in: dict, tie_in: dict,
           labels: list[str], lang: str = "en") -> list[dict]:
    """The "Show" menu: the change, then each wave alone (which actors, each tie's status)."""
    views = [{"label": ui_text("change {first} → {last}", lang, first=labels[0], last=labels[-1]),
              "nodes": "1" * len(order),
              "edges": "".join(_overall(tie_in[key]) for key in keys)}]
    for i, lab in enumerate(labels):
        views.append({
            "label": ui_text("{name} only", lang, name=lab),
            "nodes": "".join("1" if node_in[a][i] else "0" for a in order),
            "edges": "".join(_in_wave(tie_in[key], i) for key in keys),
        })
    return views


def _reduce(G: nx.Graph, order: list, arcs: list[Arc], size_values: list | None, tbl: Any,
            max_nodes: int | None, max_edges: int | None, lang: str = "en") -> tuple:
    """The actor map's reduction (same rules), with the change map's note on the page."""
    notes = []
    n_all = len(order)
    if max_nodes is not None and n_all > max_nodes:
        order, arcs = reduce_nodes(G, order, arcs, size_values, max_nodes)
        size_values = table_column(tbl, "partners", order)
        notes.append(ui_text("This map shows the {n} actors with the most partners in one wave out of "
                             "{total}, and the ties among them. Draw them all with max_nodes=None.",
                             lang, n=format_number(len(order), lang, 0),
                             total=format_number(n_all, lang, 0)))
    if max_edges is not None and len(arcs) > max_edges:
        before = len(arcs)
        arcs = reduce_edges(arcs, max_edges)
        notes.append(ui_text("It draws the {n} strongest ties out of {total}; use max_edges=None to "
                             "draw them all.", lang, n=format_number(len(arcs), lang, 0),
                             total=format_number(before, lang, 0)))
    if notes:
        notes.append(ui_text("Counts in the legend are of what is drawn.", lang))
    return order, arcs, size_values, (" ".join(notes) or None)


# --------------------------------------------------------------------------- static


def plot_change(
    comparison: Any,
    *,
    ax: Any = None,
    seed: int = 0,
    relations: str | Iterable[str] | None = None,
    labels: bool | int = 30,
    legend: bool = True,
    title: str | None = None,
    lang: str | None = None,
) -> Any:
    """Draw the change between waves as a static matplotlib figure.

    The same positions (same seed), colours, change styles and presence
    shapes as :func:`change_map`, on one picture: gained ties thick blue,
    kept grey, lost light grey dashed.

    Parameters
    ----------
    comparison : Comparison or Waves
        The result of :func:`~alliances.compare` or
        :func:`~alliances.compare_waves`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new 10 x 8 inch figure).
    seed : int
        Layout seed.
    relations : str or iterable of str, optional
        Draw only these relations.
    labels : bool or int
        True labels every actor, False none, an integer the N with most partners.
    legend : bool
        Draw the legend (sectors, change, presence) to the right.
    title : str, optional
        Axes title (default "Change: <first> → <last>").
    lang : str, optional
        Language of the title and legend (``"en"`` or ``"fr"``); default
        :func:`alliances.i18n.resolve_lang`.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``comparison`` is not a Comparison or Waves (a graph is drawn by
        :func:`~alliances.maps.static.plot_map`).

    Examples
    --------
    >>> import matplotlib, warnings
    >>> matplotlib.use("Agg")
    >>> from alliances.analysis.compare import compare
    >>> b, a = nx.DiGraph([("a", "b")]), nx.DiGraph([("a", "b"), ("b", "c")])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     ax = plot_change(compare(b, a))
    >>> len(ax.collections)  # kept ties, gained ties, actors in both waves, new actor
    4
    """
    import matplotlib.pyplot as plt

    wave_labels, node_in, node_attrs, tie_in, tie_attrs = _gather(comparison, _wanted(relations),
                                                                   "plot_change")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8))
    G = _union_graph(node_in, node_attrs, tie_attrs)
    ids = sorted(node_in)
    arcs = map_arcs(G)
    # the same positions as change_map's (actor_view): the layout of the union of the waves
    pos = arc_positions(ids, arcs, seed=seed)
    _draw_change_ties(ax, arcs, tie_in, pos)
    sectors = [node_attrs[a].get("sector") for a in ids]
    colors = style.sector_colors(sectors)
    partners = [max((d for d in node_attrs[a]["degree"] if d is not None), default=0.0) for a in ids]
    top = max(partners) if partners else 0.0
    sizes = [10.0 + 20.0 * math.sqrt(p / top) if top > 0 else 16.0 for p in partners]
    presence = [_presence(node_in[a]) for a in ids]
    _draw_presence(ax, ids, pos, [colors[s] for s in sectors], sizes, presence)
    if labels:
        n_labels = len(ids) if labels is True else int(labels)
        ranked = sorted(range(len(ids)), key=lambda i: (-partners[i], ids[i]))[:n_labels]
        for i in sorted(ranked):
            ax.annotate(str(node_attrs[ids[i]].get("label") or ids[i]), (pos[ids[i]][0], -pos[ids[i]][1]),
                        xytext=(0, -(sizes[i] * 0.45 + 6)), textcoords="offset points",
                        ha="center", va="top", fontsize=8, zorder=3)
    fit_axes(ax, pos)
    first, last = wave_labels[0], wave_labels[-1]
    lang = resolve_lang(lang)
    ax.set_title(title if title is not None
                 else ui_text("Change: {first} → {last}", lang, first=first, last=last))
    if legend:
        _draw_change_legend(ax, colors, tie_in, presence, first, last, lang)
    return ax


def _draw_change_ties(ax: Any, arcs: Sequence[Arc], tie_in: dict, pos: dict) -> None:
    """One LineCollection per change status; negative ties in the status's red."""
    from matplotlib.collections import LineCollection

    for s, st in CHANGE_STYLES.items():
        segs, colours, widths = [], [], []
        for a in arcs:
            if a.source == a.target or _overall(tie_in[(a.source, a.target, a.relation)]) != s:
                continue
            segs.append([(pos[a.source][0], -pos[a.source][1]), (pos[a.target][0], -pos[a.target][1])])
            colours.append(st["negative"] if a.negative else st["color"])
            widths.append(max(0.6, 1.0 + st["width"]) * (1.6 if s == "g" else 1.0))
        if segs:
            ax.add_collection(LineCollection(segs, colors=colours, linewidths=widths,
                                             linestyles=[st["mpl"]], alpha=st["opacity"],
                                             zorder=1 if s != "g" else 1.5))


def _draw_presence(ax: Any, ids: list[str], pos: dict, colours: list[str], sizes: list[float],
                   presence: list[str]) -> None:
    """One scatter per presence (its marker), coloured by sector."""
    for p, (_shape, marker, _glyph, _text) in PRESENCE_SHAPES.items():
        idx = [i for i, q in enumerate(presence) if q == p]
        if not idx:
            continue
        ax.scatter([pos[ids[i]][0] for i in idx], [-pos[ids[i]][1] for i in idx],
                   s=[sizes[i] ** 2 * (0.8 if marker == "*" else 0.45) for i in idx],
                   c=[colours[i] for i in idx], marker=marker, edgecolors="#4D4D4D",
                   linewidths=0.6, zorder=2)


def _draw_change_legend(ax: Any, colors: dict, tie_in: dict, presence: list[str], first: str,
                        last: str, lang: str = "en") -> None:
    """Sectors, change statuses and presence shapes."""
    from matplotlib.lines import Line2D

    handles = sector_handles(colors, lang)
    for s, st in CHANGE_STYLES.items():
        if s == "t" and not any(_overall(f) == "t" for f in tie_in.values()):
            continue
        handles.append(Line2D([], [], color=st["color"], linestyle=st["mpl"],
                              lw=2.6 if s == "g" else 1.6, label=ui_text(st["label"], lang)))
    for p, (_shape, marker, _glyph, text) in PRESENCE_SHAPES.items():
        if p in presence or p == "all":
            handles.append(Line2D([], [], marker=marker, linestyle="", markerfacecolor="white",
                                  markeredgecolor="#4D4D4D", markersize=8,
                                  label=ui_text(text, lang, first=first, last=last)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
