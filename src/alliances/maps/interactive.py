"""The interactive map: one self-contained, offline, safe HTML file.

:func:`interactive_map` builds the vis-network data with pyvis (nodes and
edges are added directly: ``Network.from_nx`` is pathologically slow) and
renders it through the library's own template, never pyvis's: pyvis's
template inserts the heading unescaped and switches tooltips to
``innerHTML`` as soon as a title contains ``"href"``.

What the page guarantees:

* **one file, no network**: vis-network (9.1.2, vendored) and every script and
  style are inlined; a Content-Security-Policy forbids any request and any
  script other than the map's own (by hash);
* **user text is text**: the data travels as JSON in a
  ``<script type="application/json">`` element with ``<``, ``>``, ``&``,
  U+2028 and U+2029 written as ``\\uXXXX`` escapes, is read with
  ``JSON.parse(textContent)`` and reaches the page through ``textContent``
  only; labels are drawn on a canvas;
* **whitelist**: only the attributes listed in :data:`NODE_FIELDS`,
  :data:`TIE_FIELDS` and :data:`METRIC_COLUMNS` (plus ``fields=``) reach the
  page: e-mails, consent and notes never do;
* **deterministic**: positions come from :func:`~alliances.maps.layout.layout_positions`
  (seeded); nodes and ties are written in sorted order, ids are derived from
  the data, nothing depends on time: the same graph and seed give
  byte-identical HTML;
* **reduction**: above ``max_nodes`` actors (default :data:`MAX_NODES`) the map
  keeps the actors with the highest ``size`` measure, above ``max_edges`` ties
  the strongest ties, and says so at the top of the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from alliances.analysis.views import node_order, resolve_relations
from alliances.maps import style
from alliances.maps.layout import layout_positions
from alliances.model import UNDIRECTED_RELATIONS

__all__ = ["METRIC_COLUMNS", "Map", "interactive_map"]

#: Above this many actors the map keeps only the top actors (see ``max_nodes``).
MAX_NODES = 3000
#: Above this many ties the map keeps only the strongest ties (see ``max_edges``).
MAX_EDGES = 30000

#: Median distance between an actor and its nearest neighbour, in pixels.
SPACING = 85.0

#: Node attributes of the actor graph that may reach the page.
NODE_FIELDS = ("label", "sector", "sectors", "kind", "territory", "themes", "respondent")
#: Tie attributes that may reach the page (evidence: file, line and quote).
TIE_FIELDS = ("relation", "weight", "trust", "sign", "origin", "evidence")
#: Columns of the actor table shown as measures in tooltips and side panels.
METRIC_COLUMNS = (
    "betweenness",
    "constraint",
    "effective_size",
    "participation",
    "worlds",
    "hybrid_score",
    "intermediary_score",
    "key_score",
    "trust_received",
    "brokerage_total",
    "degree",
    "in_degree",
    "out_degree",
    "component",
    "cluster",
)

_HIGHLIGHTS = ("hybrid", "intermediary")
_FLAG_COLUMNS = {"hybrid": "is_hybrid", "intermediary": "is_trusted_intermediary"}
_MARK_TEXT = {"hybrid": "hybrid actor", "intermediary": "trusted intermediary"}
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")
_MARKER_RE = re.compile(r"@@([A-Z_]+)@@")


# --------------------------------------------------------------------------- Map


class Map:
    """An interactive map: a self-contained HTML page and its pyvis network.

    Made by :func:`interactive_map`. Shows itself inline in Jupyter
    (JupyterLab, classic Notebook, VS Code) as an ``<iframe srcdoc=...>``.

    Attributes
    ----------
    network : pyvis.network.Network
        The pyvis network holding the vis-network node and edge dicts and
        options that the page draws.
    note : str or None
        What was left out when the map reduced itself, as shown on the page.
    """

    def __init__(self, network: Any, page: str, *, note: str | None = None, height: int = 650):
        self.network = network
        self.note = note
        self._html = page
        self._height = height

    def to_html(self) -> str:
        """Return the full HTML page (one self-contained document).

        Examples
        --------
        >>> import networkx as nx
        >>> m = interactive_map(nx.MultiDiGraph([("a", "b")]), table=False)
        >>> m.to_html().startswith("<!DOCTYPE html>")
        True
        """
        return self._html

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to ``path`` as UTF-8 (nothing else is written).

        Parameters
        ----------
        path : str or path-like
            Target file, usually ending in ``.html``; its folder must exist.

        Returns
        -------
        pathlib.Path
            The path written.

        Examples
        --------
        >>> import networkx as nx, tempfile, pathlib
        >>> m = interactive_map(nx.MultiDiGraph([("a", "b")]), table=False)
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = m.save(pathlib.Path(d) / "map.html")
        ...     p.read_bytes() == m.to_html().encode("utf-8")
        True
        """
        target = Path(path)
        if not target.parent.exists():
            raise FileNotFoundError(
                f"cannot save the map to {str(target)!r}: the folder {str(target.parent)!r} "
                "does not exist. Create it first or choose another path."
            )
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(self._html)
        return target

    def _repr_html_(self) -> str:
        # An iframe with srcdoc works in JupyterLab, Notebook and VS Code and
        # keeps the page's scripts and styles away from the notebook's.
        return (
            f'<iframe srcdoc="{html.escape(self._html, quote=True)}" '
            f'style="width: 100%; height: {self._height}px; border: 1px solid #ddd;" '
            'sandbox="allow-scripts" title="alliances map"></iframe>'
        )

    def __repr__(self) -> str:
        n = len(self.network.nodes)
        m = len(self.network.edges)
        return f"<alliances Map: {n} nodes, {m} edges{' (reduced)' if self.note else ''}>"


# --------------------------------------------------------------------------- values


def _plain(value: Any) -> Any:
    """Turn numpy scalars, NaN and other values into JSON-safe Python values."""
    if value is None or value is pd.NA or value is pd.NaT:
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
    if isinstance(value, (tuple, list, set, frozenset, np.ndarray)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return str(value)


def _text(value: Any) -> str | None:
    v = _plain(value)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return v if isinstance(v, str) else str(v)


def _texts(value: Any) -> list[str]:
    v = _plain(value)
    if v is None:
        return []
    if not isinstance(v, list):
        v = [v]
    return [str(x) for x in v if x is not None and str(x).strip()]


def _json(data: Any) -> str:
    """Serialise for an HTML ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


@cache
def _asset(name: str) -> str:
    return resources.files("alliances.maps").joinpath("templates", name).read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    # "</script" would end the element early and "<!--" changes how the
    # parser reads it; in JS source both can only sit in strings or regexes,
    # where \x3c means the same character.
    return re.sub(r"<(?=/script|!--|script)", r"\\x3c", code, flags=re.IGNORECASE)


def _script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _render(title: str, data: dict[str, Any]) -> str:
    vis_js = _inline_script(_asset("vis-network.min.js"))
    app_js = _inline_script(_asset("map.js"))
    values = {
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": _asset("vis-network.css").replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": _json(data),
        "SCRIPT_HASHES": " ".join((_script_hash(vis_js), _script_hash(app_js))),
    }
    # one pass over the template: inserted text is never scanned for markers
    return _MARKER_RE.sub(lambda m: values[m.group(1)], _asset("map.html"))


# --------------------------------------------------------------------------- privacy


def _is_comparison(obj: Any) -> bool:
    """A Comparison or Waves of :mod:`alliances.analysis.compare` (checked by name: no import)."""
    return type(obj).__name__ in ("Comparison", "Waves") and hasattr(obj, "labels")


def _key_argument(key: Any) -> Any:
    """A key given as text that names an existing file is that key file."""
    if key is True or key is False:
        raise ValueError(
            "pseudonymize= takes the key itself, not True: pass the key text or the key file, "
            "e.g. pseudonymize=Path('alliances.key'). Make a key once with "
            "alliances.privacy.new_key('alliances.key') (or: alliances key -o alliances.key) "
            "and keep that file private."
        )
    if isinstance(key, str) and len(key) < 4096:
        try:
            if Path(key).is_file():
                return Path(key)
        except (OSError, ValueError):  # not a valid path: it is the key text
            pass
    return key


def pseudonymized(
    G: nx.Graph, key: Any, actors: pd.DataFrame | None = None, table: Any = None
) -> tuple[nx.Graph, Any]:
    """Return ``(graph, table)`` to draw: pseudonymised with ``key`` when one is given.

    Shared by the map and the report so both refuse the same things: a
    precomputed ``table`` (computed on real names, it would put them back on
    the page) and ``actors`` without a key (it would be silently ignored).
    """
    if key is None:
        if actors is not None:
            raise ValueError("actors= is only used with pseudonymize=KEY (to honour its consent "
                             "column); pass the key too, or leave actors out")
        return G, table
    if isinstance(table, pd.DataFrame):
        raise ValueError(
            "table= cannot be combined with pseudonymize=: a precomputed actor table holds "
            "the real names and reason sentences. Leave table out (it is computed on the "
            "pseudonymised graph), or compute it yourself on alliances.pseudonymize(G, key=...)."
        )
    from alliances.privacy import pseudonymize as _pseudonymize

    return _pseudonymize(G, key=_key_argument(key), actors=actors), table


# --------------------------------------------------------------------------- the table


def _actor_table(G: nx.Graph, table: Any, seed: int) -> pd.DataFrame | None:
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


def _column(table: pd.DataFrame | None, name: str, nodes: Sequence[Hashable]) -> list[Any] | None:
    if table is None or name not in table.columns:
        return None
    col = table[name]
    values = col.reindex(list(nodes)) if col.index.has_duplicates is False else col.groupby(level=0).first().reindex(list(nodes))
    return [_plain(v) for v in values.tolist()]


# --------------------------------------------------------------------------- building


def _edge_width(weight: Any) -> float:
    w = _plain(weight)
    if not isinstance(w, (int, float)) or w <= 0:
        w = 1.0
    return round(min(1.0 + 1.5 * math.log2(1.0 + w), 9.0), 1)


def _scaled_sizes(values: list[Any] | None, n: int, lo: float = 10.0, hi: float = 38.0) -> list[float]:
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


def _validate_choice(name: str, value: Any, table: pd.DataFrame | None, G: nx.Graph, *, numeric: bool) -> None:
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


def interactive_map(
    G: nx.Graph,
    *,
    color: str = "sector",
    size: str | None = "betweenness",
    highlight: Iterable[str] = _HIGHLIGHTS,
    relations: str | Iterable[str] | None = None,
    title: str | None = None,
    seed: int = 0,
    table: pd.DataFrame | None = None,
    group: str | None = None,
    max_nodes: int | None = MAX_NODES,
    max_edges: int | None = MAX_EDGES,
    fields: Iterable[str] = (),
    height: int = 650,
    pseudonymize: str | bytes | os.PathLike[str] | None = None,
    actors: pd.DataFrame | None = None,
) -> Map:
    """Draw the actor graph as an interactive, offline HTML map.

    Colour by sector (colour-blind-safe palette) with a legend, size by a
    measure of :func:`~alliances.analysis.table.actor_table`, shape by kind
    (dot: organisation, diamond: person), hybrids and trusted intermediaries
    marked by their border, ties styled by relation (conflict dashed red),
    width by weight, arrows on directed relations. In the page: search an
    actor by name, filter by sector, relation and cluster, click an actor to
    highlight its neighbourhood and list its ties, toggle physics.

    Parameters
    ----------
    G : networkx graph, Comparison or Waves
        The actor graph (MultiDiGraph, DiGraph or Graph); never modified. A
        :func:`~alliances.compare` or :func:`~alliances.compare_waves`
        result draws the change map instead
        (:func:`~alliances.maps.change.change_map`).
    color : str
        Categorical attribute that sets colour, legend and the sector filter:
        ``"sector"`` (default) or any node attribute / actor-table column.
    size : str or None
        Numeric actor-table column setting node size (default
        ``"betweenness"``); None for equal sizes.
    highlight : iterable of str
        Marks to draw: ``"hybrid"`` (table column ``is_hybrid``) and/or
        ``"intermediary"`` (``is_trusted_intermediary``).
    relations : str or iterable of str, optional
        Draw only these relations (default: every tie, conflicts included).
    title : str, optional
        Page title (default ``G.graph["name"]`` or "Actor map").
    seed : int
        Seed of the layout (and of ``actor_table`` when it is computed here).
    table : pandas.DataFrame, optional
        A precomputed actor table (from ``actor_table``); computed when None.
        ``False`` draws the graph without measures.
    group : str, optional
        ``"cluster"`` (or any categorical column): draw one node per group,
        sized by its number of actors, with the ties between groups: the
        overview for large graphs.
    max_nodes, max_edges : int or None
        Reduction thresholds (defaults :data:`MAX_NODES`, :data:`MAX_EDGES`):
        above them the map keeps the actors with the highest ``size`` measure
        (degree when there is none) and the strongest ties, and says so on the
        page. None draws everything.
    fields : iterable of str
        Extra node attributes or table columns to show (opt-in: nothing else
        beyond the whitelist ever reaches the page).
    height : int
        Height of the inline Jupyter frame, in pixels.
    pseudonymize : str, bytes or path-like, optional
        A pseudonymisation key (text or bytes of at least 16 bytes), or the
        path of the key file (:func:`alliances.privacy.new_key` makes one; a
        text naming an existing file is read as a key file). The graph is
        first passed through :func:`alliances.privacy.pseudonymize` with this
        key: people are drawn under stable codes (``P-...``), their private
        attributes and the interview quotes are gone, non-consenting actors
        removed; the measures are computed on that graph. It does not hide
        the structure (see ``docs/privacy.md``). Cannot be combined with a
        precomputed ``table`` (it would carry the real names).
    actors : pandas.DataFrame, optional
        The actor registry (:func:`alliances.read_actors`), only with
        ``pseudonymize``: its ``consent`` column and aliases are honoured.

    Returns
    -------
    Map
        ``.save(path)``, ``.to_html()``, ``.network`` (pyvis), shows inline in
        Jupyter.

    Raises
    ------
    ValueError
        If ``color``, ``size`` or ``group`` name no column, ``relations``
        names a relation absent from the graph, or ``pseudonymize`` is given
        with a precomputed ``table`` or a key that is too short.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Mairie", sector="public")
    >>> G.add_node("b", label="<b>Vélo</b> & co", sector="association")
    >>> _ = G.add_edge("a", "b", key="funding", relation="funding", weight=2.0)
    >>> m = interactive_map(G, table=False, title="Test")
    >>> len(m.network.nodes), len(m.network.edges)
    (2, 1)
    >>> html = m.to_html()
    >>> "Vélo" in html, "<b>Vélo</b>" in html  # the label is there, never as markup
    (True, False)
    """
    if _is_comparison(G):
        from alliances.maps.change import change_map

        if pseudonymize is not None or table is not None:
            raise ValueError("a change map takes neither table= nor pseudonymize=: pseudonymise "
                             "each wave before alliances.compare (the same key gives the same codes)")
        return change_map(G, seed=seed, title=title, relations=relations, highlight=highlight,
                          height=height)
    G, table = pseudonymized(G, pseudonymize, actors, table)
    highlight = tuple(highlight)
    unknown = sorted(set(highlight) - set(_HIGHLIGHTS))
    if unknown:
        raise ValueError(f"highlight= accepts {', '.join(_HIGHLIGHTS)}; got {', '.join(unknown)}")
    wanted_relations = resolve_relations(G, relations)
    tbl = _actor_table(G, table, seed)
    _validate_choice("color", color, tbl, G, numeric=False)
    _validate_choice("size", size, tbl, G, numeric=True)
    if group is not None and not (tbl is not None and group in tbl.columns) and not any(
        group in d for _, d in G.nodes(data=True)
    ):
        raise ValueError(
            f"group={group!r} needs a {group!r} column in the actor table"
            + (" (pass table=actor_table(G))" if tbl is None else "")
        )
    fields = tuple(fields)
    if title is None:
        title = str(G.graph.get("name") or "Actor map")

    order = node_order(G)
    ids = [str(v) for v in order]
    if len(set(ids)) != len(ids):
        raise ValueError("two actors have ids that read the same as text; give every actor a distinct id")

    note_parts: list[str] = []
    n_all = len(order)

    if group is not None:
        arcs = _arcs(G, wanted_relations)
        data, net_nodes, net_edges = _group_view(G, order, arcs, tbl, group, color, size, seed)
    else:
        size_values = _column(tbl, size, order) if size else None
        if max_nodes is not None and len(order) > max_nodes:
            # choose the actors first, then read only their ties: on a large
            # graph, listing every tie costs more than drawing the map
            arcs = None if (size_values is not None or wanted_relations is None) else _arcs(G, wanted_relations)
            order, arcs = _reduce_nodes(G, order, arcs, size_values, max_nodes, wanted_relations)
        else:
            arcs = _arcs(G, wanted_relations)
        if max_nodes is not None and n_all > max_nodes:
            what = f"highest {size}" if size_values is not None else "most ties"
            note_parts.append(
                f"This map shows the {len(order):,} actors with the {what} out of {n_all:,}. "
                "Draw them all with max_nodes=None, or see the overview with group='cluster'."
            )
            size_values = _column(tbl, size, order) if size else None
        if max_edges is not None and len(arcs) > max_edges:
            before = len(arcs)
            arcs = _reduce_edges(arcs, max_edges)
            note_parts.append(
                f"It draws the {len(arcs):,} strongest ties among them out of {before:,}; "
                "use max_edges=None to draw them all."
            )
        data, net_nodes, net_edges = _actor_view(
            G, order, arcs, tbl, color, size, size_values, highlight, fields, seed
        )
    note = " ".join(note_parts) or None
    return _finish(data, net_nodes, net_edges, title=title, note=note, seed=seed, height=height)


def _finish(data: dict[str, Any], net_nodes: list[dict], net_edges: list[dict], *, title: str,
            note: str | None, seed: int, height: int) -> Map:
    """Put the vis-network dicts in a pyvis Network and render the page."""
    from pyvis.network import Network

    data["title"] = title
    data["note"] = note
    data["options"] = _options(len(net_nodes), len(net_edges), seed)

    # pyvis holds the vis-network dicts; add them directly (its add_node and
    # add_edge scan lists, quadratic on large graphs; from_nx is slower still).
    net = Network(directed=True, heading="", cdn_resources="remote")
    from pyvis.edge import Edge
    from pyvis.node import Node

    for spec in net_nodes:
        spec = dict(spec)
        node = Node(spec.pop("id"), spec.pop("shape"), label=spec.pop("label"), **spec)
        net.nodes.append(node.options)
        net.node_ids.append(node.options["id"])
        net.node_map[node.options["id"]] = node.options
    for spec in net_edges:
        spec = dict(spec)
        edge = Edge(spec.pop("from"), spec.pop("to"), True, **spec)
        net.edges.append(edge.options)
    net.options = data["options"]
    data["nodes"] = net.nodes
    data["edges"] = net.edges
    page = _render(title, data)
    return Map(net, page, note=note, height=height)


def _arcs(G: nx.Graph, wanted: frozenset[str] | None, nodes: list | None = None) -> list[tuple[str, str, str, dict]]:
    """Every tie as (source id, target id, relation, data), sorted; only among ``nodes`` if given."""
    out = []
    keep = None if nodes is None else set(nodes)
    if G.is_multigraph():
        items = ((u, v, k, d) for u, v, k, d in G.edges(nodes, keys=True, data=True))
    else:
        items = ((u, v, d.get("relation"), d) for u, v, d in G.edges(nodes, data=True))
    for u, v, k, d in items:
        if keep is not None and not (u in keep and v in keep):
            continue
        rel = d.get("relation", k)
        rel = "collaboration" if rel is None else str(rel)
        if wanted is not None and rel not in wanted:
            continue
        if not G.is_directed():
            # an undirected graph: every tie drawn once, without arrow
            d = {**d, "_undirected": True}
            u, v = sorted((str(u), str(v)))
        out.append((str(u), str(v), rel, d))
    out.sort(key=lambda a: (a[0], a[1], a[2]))
    return out


def _reduce_nodes(G, order, arcs, size_values, max_nodes, wanted=None):
    """The top ``max_nodes`` actors and the ties among them (``arcs`` None: read from G)."""
    if size_values is not None:
        score = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else -math.inf for v in size_values]
    elif arcs is None:
        # every tie counts once at each end, as when counting the arcs below
        deg = dict(G.degree())
        score = [deg[v] for v in order]
    else:
        deg = Counter()
        for u, v, _, _ in arcs:
            deg[u] += 1
            deg[v] += 1
        score = [deg[str(v)] for v in order]
    ranked = sorted(range(len(order)), key=lambda i: (-score[i], str(order[i])))
    keep_idx = sorted(ranked[:max_nodes])
    kept = [order[i] for i in keep_idx]
    if arcs is None:
        return kept, _arcs(G, wanted, nodes=kept)
    keep_ids = {str(v) for v in kept}
    return kept, [a for a in arcs if a[0] in keep_ids and a[1] in keep_ids]


def _reduce_edges(arcs, max_edges):
    def strength(a):
        w = _plain(a[3].get("weight", 1.0))
        return w if isinstance(w, (int, float)) else 1.0

    ranked = sorted(range(len(arcs)), key=lambda i: (-strength(arcs[i]), i))
    keep = sorted(ranked[:max_edges])
    return [arcs[i] for i in keep]


def _legend_sectors(values: list[Any], counts: Counter) -> tuple[list[dict], dict[Any, str]]:
    colors = style.sector_colors(values)
    legend, keys = [], {}
    for i, (value, colour) in enumerate(colors.items()):
        key = f"s{i}"
        keys[value] = key
        legend.append({"key": key, "label": style.sector_label(value), "color": colour, "count": counts[value]})
    return legend, keys


def _category(value: Any) -> Any:
    v = _plain(value)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, list):
        return str(v[0]) if v else None
    return str(v)


def _node_attr_or_column(G, tbl, name, order) -> list[Any]:
    col = _column(tbl, name, order)
    if col is not None:
        return col
    return [G.nodes[v].get(name) for v in order]


def _relation_legend(arcs) -> tuple[list[dict], dict[str, str]]:
    negative = sum(1 for _, _, rel, d in arcs if _is_negative(d) and rel != "conflict")
    counts = Counter(rel for _, _, rel, d in arcs if not (_is_negative(d) and rel != "conflict"))
    names = [r for r in style.EDGE_STYLES if r in counts] + sorted(r for r in counts if r not in style.EDGE_STYLES)
    legend, keys = [], {}
    for i, rel in enumerate(names):
        st = style.edge_style(rel)
        keys[rel] = f"r{i}"
        legend.append({
            "key": f"r{i}", "label": rel, "color": st.color, "dashes": bool(st.dashes),
            "dotted": bool(st.dashes) and st.dashes[0] <= 2, "arrows": st.arrows, "count": counts[rel],
        })
    if negative:
        legend.append({"key": "neg", "label": "negative tie (other relations)", "color": "#CC3311",
                       "dashes": True, "dotted": False, "arrows": True, "count": negative})
        keys["\x00negative"] = "neg"
    return legend, keys


def _is_negative(d) -> bool:
    return _plain(d.get("sign", 1)) == -1


def _edge_specs(arcs, rkeys, labels, prefix="e"):
    """vis-network edges and their info, one per arc, parallel ties curved apart."""
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (u, v, _rel, _) in enumerate(arcs):
        lines[(min(u, v), max(u, v))].append(i)
    big = len(arcs) > 5000
    specs, infos = [], []
    for i, (u, v, rel, d) in enumerate(arcs):
        sign = -1 if _plain(d.get("sign", 1)) == -1 else 1
        st = style.edge_style(rel, sign)
        undirected = rel in UNDIRECTED_RELATIONS or bool(d.get("_undirected"))
        a, b = (min(u, v), max(u, v)) if undirected else (u, v)
        spec: dict[str, Any] = {
            "id": f"{prefix}{i}",
            "from": a,
            "to": b,
            "color": st.color,
            "width": _edge_width(d.get("weight", 1.0)),
            "arrows": "to" if (st.arrows and not undirected and u != v) else "",
        }
        if st.dashes:
            spec["dashes"] = st.dashes
        group = lines[(min(u, v), max(u, v))]
        # reciprocal arcs of an undirected relation overlap exactly: one line
        distinct = [j for j in group if not (arcs[j][2] in UNDIRECTED_RELATIONS and arcs[j][0] > arcs[j][1])]
        if len(distinct) > 1 and not big:
            k = distinct.index(i) if i in distinct else distinct.index(
                next(j for j in distinct if arcs[j][2] == rel))
            spec["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.12 * (k + 1), 2)}
        specs.append(spec)
        evidence = []
        for ev in _plain(d.get("evidence", ())) or []:
            if isinstance(ev, list) and ev:
                where = str(ev[0]) if ev[0] is not None else ""
                if len(ev) > 1 and ev[1] is not None:
                    where = f"{os.path.basename(where)}:{ev[1]}"
                else:
                    where = os.path.basename(where)
                quote = str(ev[2]) if len(ev) > 2 and ev[2] is not None else None
                evidence.append([where, quote])
            elif ev is not None:
                evidence.append(["", str(ev)])
        infos.append({
            "source": u, "target": v,
            "relation": rel,
            "rkey": rkeys["\x00negative"] if sign == -1 and rel != "conflict" else rkeys.get(rel, ""), "directed": not undirected,
            "weight": _plain(d.get("weight", 1.0)), "trust": _plain(d.get("trust")), "sign": sign,
            "origin": _text(d.get("origin")), "evidence": evidence,
        })
    return specs, infos


def _actor_view(G, order, arcs, tbl, color, size, size_values, highlight, fields, seed):
    ids = [str(v) for v in order]
    labels_raw = _node_attr_or_column(G, None, "label", order)
    tbl_labels = _column(tbl, "label", order)
    labels = []
    for i, v in enumerate(order):
        lab = _text(labels_raw[i]) or (_text(tbl_labels[i]) if tbl_labels else None) or str(v)
        labels.append(lab)
    cats = [_category(c) for c in _node_attr_or_column(G, tbl, color, order)]
    legend_sectors, skeys = _legend_sectors(cats, Counter(cats))
    colors = style.sector_colors(cats)
    sizes = _scaled_sizes(size_values, len(order))
    flags = {m: _column(tbl, _FLAG_COLUMNS[m], order) for m in highlight}
    clusters = _column(tbl, "cluster", order)
    reasons = _column(tbl, "reason", order)
    metric_cols = [c for c in METRIC_COLUMNS if tbl is not None and c in tbl.columns]
    if size and tbl is not None and size in tbl.columns and size not in metric_cols:
        metric_cols.insert(0, size)
    elif size in metric_cols:
        metric_cols.remove(size)
        metric_cols.insert(0, size)
    metric_vals = {c: _column(tbl, c, order) for c in metric_cols}
    extra_vals = {f: _node_attr_or_column(G, tbl, f, order) for f in fields}

    sub = nx.MultiDiGraph()
    sub.add_nodes_from(ids)
    for u, v, rel, d in arcs:
        sub.add_edge(u, v, key=rel, weight=_plain(d.get("weight", 1.0)) or 1.0, sign=_plain(d.get("sign", 1)))
    pos = layout_positions(sub, seed=seed, nodes=ids, spacing=SPACING)

    table_kinds = _column(tbl, "kind", order)
    cluster_keys = sorted({str(c) for c in clusters if c is not None}, key=_natural) if clusters else []
    specs, infos = [], []
    for i, v in enumerate(order):
        attrs = G.nodes[v]
        kind = _text(attrs.get("kind")) or (_text(table_kinds[i]) if table_kinds else None)
        shape = style.SHAPES.get(kind or "organisation", style.SHAPES["organisation"])[0]
        colour = colors[cats[i]]
        marks = [m for m in highlight if flags[m] is not None and flags[m][i] is True]
        spec: dict[str, Any] = {
            "id": ids[i],
            "label": labels[i],
            "shape": shape,
            "size": sizes[i],
            "x": int(pos[ids[i]][0]),
            "y": int(pos[ids[i]][1]),
            "color": {"background": colour, "border": "#4D4D4D",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "borderWidth": 1,
        }
        if marks:
            mark = style.MARKS["hybrid" if "hybrid" in marks else "intermediary"]
            spec["borderWidth"] = mark["width"]
            spec["color"]["border"] = mark["border"]
            if "intermediary" in marks:
                spec["shapeProperties"] = {"borderDashes": style.MARKS["intermediary"]["dashes"]}
                spec["borderWidth"] = max(spec["borderWidth"], style.MARKS["intermediary"]["width"])
        specs.append(spec)
        metrics = [[c, metric_vals[c][i]] for c in metric_cols if metric_vals[c][i] is not None and c != "cluster"]
        info = {
            "label": labels[i],
            "sector_label": style.sector_label(cats[i]),
            "skey": skeys[cats[i]],
            "kind": kind,
            "territory": _text(attrs.get("territory")),
            "themes": _texts(attrs.get("themes", ())),
            "sectors": _texts(attrs.get("sectors", ())),
            "respondent": _plain(attrs.get("respondent")),
            "marks": [_MARK_TEXT[m] for m in marks],
            "metrics": metrics + [[f, _plain(extra_vals[f][i])] for f in fields],
            "reason": _text(reasons[i]) if reasons else None,
            "ckey": str(clusters[i]) if clusters and clusters[i] is not None else None,
        }
        infos.append(info)
    label_of = dict(zip(ids, labels, strict=True))
    rel_legend, rkeys = _relation_legend(arcs)
    edge_specs, edge_infos = _edge_specs(arcs, rkeys, label_of)
    marks_legend = [
        {"label": "organisation", "shape": "dot", "width": 1, "border": "#4D4D4D"},
        {"label": "person", "shape": "diamond", "width": 1, "border": "#4D4D4D"},
    ]
    for m in highlight:
        if flags[m] is not None:
            marks_legend.append({"label": style.MARKS[m]["label"], "shape": "dot", "width": style.MARKS[m]["width"],
                                 "border": style.MARKS[m]["border"], "dashes": bool(style.MARKS[m]["dashes"])})
    size_text = (f"Node size: {size} (larger = higher)" if size_values is not None else "Node size: all equal")
    data = {
        "node_info": infos,
        "edge_info": edge_infos,
        "legend": {"color_title": "Sectors" if color == "sector" else f"Colour: {color}",
                   "sectors": legend_sectors, "relations": rel_legend, "marks": marks_legend, "size": size_text},
        "clusters": [{"key": c, "label": f"cluster {c}"} for c in cluster_keys],
    }
    return data, specs, edge_specs


def _natural(value: str) -> tuple:
    return (0, int(value), "") if value.lstrip("-").isdigit() else (1, 0, value)


def _group_view(G, order, arcs, tbl, group, color, size, seed):
    ids = [str(v) for v in order]
    groups = [_category(g) for g in _node_attr_or_column(G, tbl, group, order)]
    groups = [g if g is not None else "none" for g in groups]
    cats = [_category(c) for c in _node_attr_or_column(G, tbl, color, order)]
    labels_raw = _node_attr_or_column(G, None, "label", order)
    labels = [_text(labels_raw[i]) or ids[i] for i in range(len(order))]
    size_values = _column(tbl, size, order) if size else None
    members: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    keys = sorted(members, key=_natural)
    gid = {g: f"{group}:{g}" for g in keys}
    of = dict(zip(ids, groups, strict=True))
    inside = Counter()
    between: dict[tuple[str, str, int], float] = defaultdict(float)
    for u, v, _rel, d in arcs:
        a, b = of[u], of[v]
        if a == b:
            inside[a] += 1
            continue
        sign = -1 if _plain(d.get("sign", 1)) == -1 else 1
        lo, hi = sorted((a, b), key=_natural)
        between[(lo, hi, sign)] += 1
    dominant = {}
    for g in keys:
        counts = Counter(cats[i] for i in members[g])
        dominant[g] = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
    legend_sectors, skeys = _legend_sectors(list(dominant.values()), Counter(dominant.values()))
    colors = style.sector_colors(list(dominant.values()))
    sub = nx.Graph()
    sub.add_nodes_from(gid[g] for g in keys)
    for (a, b, sign), w in between.items():
        if sign == 1:
            sub.add_edge(gid[a], gid[b], weight=w)
    pos = layout_positions(sub, seed=seed, spacing=160.0, nodes=[gid[g] for g in keys])
    biggest = max(len(m) for m in members.values()) if members else 1
    specs, infos = [], []
    for g in keys:
        mem = members[g]
        colour = colors[dominant[g]]
        if size_values is not None:
            top = sorted(mem, key=lambda i: (-(size_values[i] if isinstance(size_values[i], (int, float)) else -math.inf), ids[i]))
        else:
            top = sorted(mem, key=lambda i: labels[i])
        comp = Counter(style.sector_label(cats[i]) for i in mem)
        specs.append({
            "id": gid[g], "label": f"{group} {g} ({len(mem)})", "shape": "square",
            "size": round(10 + 30 * math.sqrt(len(mem) / biggest), 1),
            "x": int(pos[gid[g]][0]), "y": int(pos[gid[g]][1]), "borderWidth": 1,
            "color": {"background": colour, "border": "#4D4D4D",
                      "highlight": {"background": colour, "border": "#000000"}},
        })
        infos.append({
            "label": f"{group} {g}", "sector_label": "mostly " + style.sector_label(dominant[g]),
            "skey": skeys[dominant[g]], "kind": f"{len(mem)} actors", "territory": None, "themes": [],
            "marks": [], "metrics": [["actors", len(mem)], ["ties inside", inside[g]]]
            + [[f"sector: {k}", c] for k, c in sorted(comp.items(), key=lambda kv: (-kv[1], kv[0]))],
            "reason": None, "ckey": g, "members": [labels[i] for i in top[:15]],
        })
    arcs_g = []
    for (a, b, sign), w in sorted(between.items(), key=lambda kv: (_natural(kv[0][0]), _natural(kv[0][1]), kv[0][2])):
        rel = "conflict" if sign == -1 else "ties between groups"
        arcs_g.append((gid[a], gid[b], rel, {"weight": w, "sign": sign}))
    rel_legend, rkeys = _relation_legend(arcs_g)
    for r in rel_legend:
        r["arrows"] = False
        if r["label"] == "ties between groups":
            r.update(color="#777777", dashes=False, dotted=False)
    label_of = {gid[g]: f"{group} {g}" for g in keys}
    edge_specs, edge_infos = _edge_specs(arcs_g, rkeys, label_of)
    for spec, info in zip(edge_specs, edge_infos, strict=True):
        spec["arrows"] = ""
        if info["sign"] == 1:
            spec["color"] = "#777777"
            spec.pop("dashes", None)
        info["directed"] = False
        info["relation"] = f"{int(info['weight'])} ties" if info["sign"] == 1 else f"{int(info['weight'])} conflict ties"
    data = {
        "node_info": infos,
        "edge_info": edge_infos,
        "legend": {"color_title": f"Groups, coloured by their main {color}", "sectors": legend_sectors,
                   "relations": rel_legend,
                   "marks": [{"label": f"one square per {group}, sized by its number of actors",
                              "shape": "square", "width": 1, "border": "#4D4D4D"}],
                   "size": f"{len(keys)} {group} groups, {len(order):,} actors"},
        "clusters": [{"key": g, "label": f"{group} {g}"} for g in keys],
    }
    return data, specs, edge_specs


def _options(n_nodes: int, n_edges: int, seed: int) -> dict[str, Any]:
    big = n_nodes > 500 or n_edges > 3000
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": False},
            "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 80, "avoidOverlap": 0.2},
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "font": {"size": 16, "face": "system-ui, sans-serif", "color": "#222222",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 6}},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},
            "color": {"opacity": 0.85},
            "selectionWidth": 1.5,
        },
    }
