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
* **whitelist**: only the attributes listed in
  :data:`~alliances.maps.spec.NODE_FIELDS`,
  :data:`TIE_FIELDS` and :data:`METRIC_COLUMNS` (plus ``fields=``) reach the
  page: e-mails, consent and notes never do;
* **deterministic**: positions come from :func:`~alliances.maps.layout.layout_positions`
  (seeded); nodes and ties are written in sorted order, ids are derived from
  the data, nothing depends on time: the same graph and seed give
  byte-identical HTML;
* **one reading of ties**: every tie is read by :func:`alliances.model.iter_ties`
  (through :func:`~alliances.maps.spec.map_arcs`), so relation, weight, trust and
  sign mean on the map what they mean in the analyses; a negative tie
  (:func:`alliances.model.tie_sign`) is drawn dashed red and pulls no actor closer;
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
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from alliances.analysis.views import resolve_relations
from alliances.i18n import format_number, resolve_lang
from alliances.maps import style
from alliances.maps.events import event_layer
from alliances.maps.spec import (
    FLAG_COLUMNS,
    HIGHLIGHTS,
    Arc,
    arc_positions,
    category,
    check_choice,
    check_highlight,
    display_text,
    display_texts,
    edge_width,
    json_value,
    map_arcs,
    measures_table,
    node_column,
    reduce_edges,
    reduce_nodes,
    relation_key,
    relation_legend,
    scaled_sizes,
    sector_legend,
    separate_discs,
    separate_groups,
    study_subtitle,
    study_title,
    table_column,
)
from alliances.maps.text import measure_label, relation_label, ui_text, ui_texts
from alliances.model import check_graph, node_order, tie_evidence

__all__ = ["METRIC_COLUMNS", "Map", "interactive_map"]

#: Above this many actors the map keeps only the top actors (see ``max_nodes``).
MAX_NODES = 3000
#: Above this many ties the map keeps only the strongest ties (see ``max_edges``).
MAX_EDGES = 30000

# the spacing of actors (SPACING) and the node attributes that may reach the
# page (NODE_FIELDS) are in alliances.maps.spec, shared with the other maps

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
_PAGE_LANG_RE = re.compile(r'<html lang="([A-Za-z_-]+)"')
_EVENTS_CSS = ("#events-box[hidden] { display: none; } #events-box input[type=date] { font: inherit; } "
               "#events-count { color: #555; }")


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
        if isinstance(network, (nx.Graph, pd.DataFrame)):
            raise TypeError(
                f"Map holds a map already drawn (a pyvis network and its page), not a "
                f"{type(network).__name__}: draw a graph with alliances.interactive_map(G), "
                "which returns a Map."
            )
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
        # An iframe with srcdoc shows the same page in JupyterLab, Notebook 7 and VS Code
        # (each puts an output's HTML in the notebook by innerHTML) and keeps the page's
        # scripts and styles away from the notebook's. A browser never draws an iframe's
        # text content; JupyterLab's sanitizer, which removes iframes from untrusted
        # outputs (a notebook opened without running it), keeps that text: the reader
        # sees a sentence saying what to do instead of an empty output. A framed page is
        # transparent where it paints nothing: the white background keeps the legend's
        # dark text readable over a dark theme (JupyterLab Dark, VS Code's default).
        lang = _page_lang(self._html)
        fallback = ui_text("Interactive map: run the cell (or trust the notebook) to display it.", lang)
        return (
            f'<iframe srcdoc="{html.escape(self._html, quote=True)}" '
            f'style="width: 100%; height: {self._height}px; border: 1px solid #ddd; '
            'background: #fff; color-scheme: light;" '
            'sandbox="allow-scripts allow-downloads" '
            f'title="{html.escape(ui_text("Actor map", lang), quote=True)}">'
            f"{html.escape(fallback, quote=False)}</iframe>"
        )

    def __repr__(self) -> str:
        n = len(self.network.nodes)
        m = len(self.network.edges)
        return f"<alliances Map: {n} nodes, {m} edges{' (reduced)' if self.note else ''}>"


def _page_lang(page: str) -> str:
    """The language of a map's page, from its ``<html lang="...">`` (English when it has none).

    Examples
    --------
    >>> _page_lang('<!DOCTYPE html>\\n<html lang="fr">'), _page_lang("<p>")
    ('fr', 'en')
    """
    found = _PAGE_LANG_RE.search(page[:200])
    return found.group(1) if found else "en"


# --------------------------------------------------------------------------- the page


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


def _render(title: str, data: dict[str, Any], lang: str = "en") -> str:
    vis_js = _inline_script(_asset("vis-network.min.js"))
    app_js = _inline_script(_asset("map.js"))
    hashes = [_script_hash(vis_js), _script_hash(app_js)]
    events_js = events_css = ""
    if data.get("events"):
        # the events layer is on the page only when the graph has events: a
        # map of a graph without events is the same, byte for byte
        code = _inline_script(_asset("events.js"))
        hashes.insert(1, _script_hash(code))
        events_js = f"\n<script>{code}</script>"
        events_css = f"\n<style>{_EVENTS_CSS}</style>"
    values = {
        "TITLE": html.escape(title, quote=True),
        "LANG": lang,
        "VIS_CSS": _asset("vis-network.css").replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "EVENTS_JS": events_js,
        "EVENTS_CSS": events_css,
        "DATA": _json(data),
        "SCRIPT_HASHES": " ".join(hashes),
    }
    # one pass over the template: inserted text is never scanned for markers
    return _MARKER_RE.sub(lambda m: values[m.group(1)], _asset("map.html"))


# --------------------------------------------------------------------------- privacy


def _is_comparison(obj: Any) -> bool:
    """A Comparison or Waves of :mod:`alliances.analysis.compare` (checked by name: no import)."""
    return type(obj).__name__ in ("Comparison", "Waves") and hasattr(obj, "labels")


def key_argument(key: Any) -> Any:
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

    return _pseudonymize(G, key=key_argument(key), actors=actors), table


# --------------------------------------------------------------------------- the map


def interactive_map(
    G: nx.Graph,
    *,
    color: str = "sector",
    size: str | None = "betweenness",
    highlight: Iterable[str] = HIGHLIGHTS,
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
    events: pd.DataFrame | bool | None = None,
    introductions: pd.DataFrame | bool | None = None,
    lang: str | None = None,
) -> Map:
    """Draw the actor graph as an interactive, offline HTML map.

    Colour by sector (colour-blind-safe palette) with a legend, size by a
    measure of :func:`~alliances.analysis.table.actor_table`, shape by kind
    (dot: organisation, diamond: person), hybrids and trusted intermediaries
    marked (a thick black ring for a hybrid, a black star badge for a
    trusted intermediary, both for an actor that is both), disconnected
    groups outlined, ties styled by relation (each relation its own colour
    and dash pattern; negative ties dashed in warm colours), width by
    weight, arrows on directed relations. Labels are drawn largest actor
    first and never overlap: the others appear on hover or when zooming in.
    In the page: search an actor by name, filter by sector, relation and
    cluster, click an actor to highlight its neighbourhood and read why it
    stands out (its reason, worlds, ties with trust and the quotes behind
    them), export the view as PNG or SVG, toggle physics.

    Parameters
    ----------
    G : networkx graph, Comparison or Waves
        The actor graph (MultiDiGraph, DiGraph, MultiGraph or Graph, built by
        :func:`alliances.load` or by hand); never modified. A
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
        Page title (default: the study's name, see
        :func:`~alliances.maps.spec.study_title`; "Actor map" when there
        is none).
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
    events : pandas.DataFrame or False, optional
        When the graph has events (``G.graph["events"]``, written by
        :func:`alliances.read_affiliations`), the page offers a second view,
        "Actors and events": one square per event, sized by the number of
        worlds (distinct ``sector`` values) among its participants, coloured
        by event type, with a line per participation, and filters by event
        type and date. The page opens on the actor view. A precomputed events
        table (:func:`alliances.events`) adds its diversity, z-score and
        reason to each event's panel; ``False`` leaves the events out.
    introductions : pandas.DataFrame or bool, optional
        Suggested introductions to draw as an optional overlay (a checkbox
        in the page): each a dashed "missing link" between the two actors,
        its go-between in a yellow halo. ``True`` computes them with
        :func:`alliances.analysis.introductions.suggest_introductions`; a
        DataFrame is one it returned. Default: none.
    lang : str, optional
        Language of every interface text (``"en"`` or ``"fr"``); default
        :func:`alliances.i18n.resolve_lang` (the environment, else English).

    Returns
    -------
    Map
        ``.save(path)``, ``.to_html()``, ``.network`` (pyvis), shows inline in
        Jupyter.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a comparison.
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
                          height=height, lang=lang)
    check_graph(G, caller="interactive_map")
    if pseudonymize is not None and isinstance(events, pd.DataFrame):
        raise ValueError(
            "events= cannot be combined with pseudonymize=: a precomputed events table holds "
            "the real names of the participants. Leave events out (the map reads the events "
            "of the pseudonymised graph)."
        )
    G, table = pseudonymized(G, pseudonymize, actors, table)
    highlight = check_highlight(highlight)
    wanted_relations = resolve_relations(G, relations)
    tbl = measures_table(G, table, seed, lang)
    check_choice("color", color, tbl, G, numeric=False)
    check_choice("size", size, tbl, G, numeric=True)
    if group is not None and not (tbl is not None and group in tbl.columns) and not any(
        group in d for _, d in G.nodes(data=True)
    ):
        raise ValueError(
            f"group={group!r} needs a {group!r} column in the actor table"
            + (" (pass table=actor_table(G))" if tbl is None else "")
        )
    fields = tuple(fields)
    lang = resolve_lang(lang)
    if title is None:
        title = study_title(G, lang) or ui_text("Actor map", lang)

    order = node_order(G)
    ids = [str(v) for v in order]
    if len(set(ids)) != len(ids):
        raise ValueError("two actors have ids that read the same as text; give every actor a distinct id")

    if group is not None:
        arcs = map_arcs(G, wanted_relations)
        data, net_nodes, net_edges = _group_view(G, order, arcs, tbl, group, color, size, seed, lang)
        note = None
    else:
        order, arcs, size_values, note = _reduced(G, order, tbl, size, wanted_relations,
                                                  max_nodes, max_edges, lang)
        data, net_nodes, net_edges = actor_view(
            G, order, arcs, tbl, color, size, size_values, highlight, fields, seed, lang
        )
        data["introductions"] = _introductions(G, introductions, tbl, seed,
                                               {n["id"] for n in net_nodes}, lang)
        if events is not False:
            positions = {n["id"]: (n["x"], n["y"]) for n in net_nodes}
            layer = event_layer(G, order, positions, table=events, lang=lang)
            if layer is not None:
                data["events"] = layer
    subtitle = study_subtitle(G, lang) or " · ".join((
        ui_text("{n} actors", lang, n=format_number(len(net_nodes), lang, 0)),
        ui_text("{n} ties", lang, n=format_number(len(net_edges), lang, 0))))
    return render_map(data, net_nodes, net_edges, title=title, note=note, seed=seed, height=height,
                      lang=lang, subtitle=subtitle)


def _introductions(G: nx.Graph, introductions: Any, tbl: pd.DataFrame | None, seed: int,
                   drawn: set[str], lang: str | None = None) -> list[dict[str, Any]]:
    """The suggested introductions among the drawn actors, as the overlay draws them."""
    if introductions is None or introductions is False:
        return []
    if introductions is True:
        from alliances.analysis.introductions import suggest_introductions

        introductions = suggest_introductions(G, seed=seed, table=tbl, lang=lang)
    if not isinstance(introductions, pd.DataFrame):
        raise TypeError("introductions= takes True or the DataFrame made by "
                        f"alliances.suggest_introductions, not {type(introductions).__name__}")
    missing = {"source", "target"} - set(introductions.columns)
    if missing:
        raise ValueError(f"introductions= needs the columns source and target (as made by "
                         f"alliances.suggest_introductions); missing: {', '.join(sorted(missing))}")
    out = []
    for row in introductions.to_dict("records"):
        u, v = str(row["source"]), str(row["target"])
        if u not in drawn or v not in drawn:
            continue
        via = display_text(row.get("go_between"))
        out.append({"source": u, "target": v, "via": via if via in drawn else None,
                    "reason": display_text(row.get("reason"))})
    return out


def _reduced(G: nx.Graph, order: list, tbl: pd.DataFrame | None, size: str | None,
             wanted: frozenset | None, max_nodes: int | None, max_edges: int | None,
             lang: str = "en") -> tuple:
    """The actors and ties to draw, their sizes, and the note saying what was left out."""
    note_parts: list[str] = []
    n_all = len(order)
    size_values = table_column(tbl, size, order) if size else None
    if max_nodes is not None and n_all > max_nodes:
        # choose the actors first, then read only their ties: on a large
        # graph, listing every tie costs more than drawing the map
        arcs = None if (size_values is not None or wanted is None) else map_arcs(G, wanted)
        order, arcs = reduce_nodes(G, order, arcs, size_values, max_nodes, wanted)
        n_text, total_text = format_number(len(order), lang, 0), format_number(n_all, lang, 0)
        if size_values is not None:
            note_parts.append(ui_text(
                "This map shows the {n} actors with the highest {name} out of {total}. "
                "Draw them all with max_nodes=None, or see the overview with group='cluster'.",
                lang, n=n_text, total=total_text, name=measure_label(size, lang)))
        else:
            note_parts.append(ui_text(
                "This map shows the {n} actors with the most ties out of {total}. "
                "Draw them all with max_nodes=None, or see the overview with group='cluster'.",
                lang, n=n_text, total=total_text))
        size_values = table_column(tbl, size, order) if size else None
    else:
        arcs = map_arcs(G, wanted)
    if max_edges is not None and len(arcs) > max_edges:
        before = len(arcs)
        arcs = reduce_edges(arcs, max_edges)
        note_parts.append(ui_text(
            "It draws the {n} strongest ties among them out of {total}; use max_edges=None to draw "
            "them all.", lang, n=format_number(len(arcs), lang, 0), total=format_number(before, lang, 0)))
    return order, arcs, size_values, " ".join(note_parts) or None


def render_map(data: dict[str, Any], net_nodes: list[dict], net_edges: list[dict], *, title: str,
               note: str | None, seed: int, height: int, lang: str = "en",
               subtitle: str | None = None) -> Map:
    """Put the vis-network node and edge dicts in a pyvis Network and render the page as a :class:`Map`.

    Shared by :func:`interactive_map` and :func:`~alliances.maps.change.change_map`:
    ``data`` is the page data (legend, infos, views), to which the title,
    the note, the vis-network options, nodes and edges are added, and the
    interface texts in ``lang`` (:func:`alliances.maps.text.ui_texts`).
    """
    from pyvis.network import Network

    lang = resolve_lang(lang)
    data["title"] = title
    data["subtitle"] = subtitle
    data["note"] = note
    data["lang"] = lang
    data["ui"] = ui_texts(lang)
    data["marks"] = {"hybrid": {"border": style.MARKS["hybrid"]["border"]},
                     "intermediary": {"color": style.MARKS["intermediary"]["color"],
                                      "outline": style.MARKS["intermediary"]["outline"]}}
    data["group_outline"] = style.GROUP_OUTLINE
    data["introduction"] = style.INTRODUCTION
    data.setdefault("groups", [])
    data.setdefault("introductions", [])
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
    page = _render(title, data, lang)
    return Map(net, page, note=note, height=height)


# --------------------------------------------------------------------------- ties


def _edge_specs(arcs: Sequence[Arc], rkeys: dict[str, str], prefix: str = "e",
                lang: str = "en") -> tuple[list, list]:
    """vis-network edges and their infos, one per arc, parallel ties curved apart."""
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, a in enumerate(arcs):
        lines[(min(a.source, a.target), max(a.source, a.target))].append(i)
    big = len(arcs) > 5000
    specs, infos = [], []
    for i, a in enumerate(arcs):
        u, v = a.source, a.target
        st = style.edge_style(a.relation, a.sign)
        x, y = (min(u, v), max(u, v)) if not a.directed else (u, v)
        spec: dict[str, Any] = {
            "id": f"{prefix}{i}",
            "from": x,
            "to": y,
            "color": st.color,
            "width": edge_width(a.weight),
            "arrows": "to" if (st.arrows and a.directed and u != v) else "",
        }
        if st.dashes:
            spec["dashes"] = st.dashes
        curve = None if big else _curve(arcs, lines[(min(u, v), max(u, v))], i)
        if curve is not None:
            spec["smooth"] = curve
        specs.append(spec)
        infos.append({
            "source": u, "target": v,
            "relation": a.relation, "rlabel": relation_label(a.relation, lang),
            "rkey": relation_key(a, rkeys), "directed": a.directed,
            "weight": json_value(a.weight), "trust": json_value(a.trust), "sign": a.sign,
            "origin": display_text(a.data.get("origin")), "evidence": _evidence(a.data),
        })
    return specs, infos


def _curve(arcs: Sequence[Arc], group: list[int], i: int) -> dict[str, Any] | None:
    """How arc ``i`` bends away from the other ties between the same two actors (None: straight)."""
    # the reciprocal arcs of an undirected relation overlap exactly: one line
    distinct = [j for j in group if arcs[j].directed or arcs[j].source <= arcs[j].target]
    if len(distinct) <= 1:
        return None
    k = distinct.index(i) if i in distinct else distinct.index(
        next(j for j in distinct if arcs[j].relation == arcs[i].relation))
    return {"enabled": True, "type": "curvedCW", "roundness": round(0.12 * (k + 1), 2)}


def _evidence(data: Mapping[str, Any]) -> list[list[str | None]]:
    """A tie's evidence as shown on the page: ``[where, quote]`` pairs, the file without its folder."""
    out: list[list[str | None]] = []
    for ev in tie_evidence(data):
        where = os.path.basename(str(ev.file))
        if ev.line is not None:
            where = f"{where}:{ev.line}"
        out.append([where, None if ev.quote is None else str(ev.quote)])
    return out


# --------------------------------------------------------------------------- the actor view


def actor_view(G: nx.Graph, order: list, arcs: Sequence[Arc], tbl: pd.DataFrame | None,
               color: str, size: str | None, size_values: list | None, highlight: tuple[str, ...],
               fields: tuple[str, ...], seed: int, lang: str = "en",
               separate: bool = True) -> tuple[dict[str, Any], list[dict], list[dict]]:
    """The page data, vis-network nodes and vis-network edges of a map of ``order`` and ``arcs``.

    Shared by :func:`interactive_map` and :func:`~alliances.maps.change.change_map`
    (which restyles the result). Positions: :func:`~alliances.maps.spec.arc_positions`,
    then, with ``separate``, :func:`~alliances.maps.spec.separate_discs` so that no two
    actors overlap at their drawn sizes (as :func:`~alliances.maps.static.plot_map` does).
    Texts in ``lang``.
    """
    ids = [str(v) for v in order]
    labels = _actor_labels(G, order, tbl)
    cats = [category(c) for c in node_column(G, tbl, color, order)]
    flags = {m: table_column(tbl, FLAG_COLUMNS[m], order) for m in highlight}
    pos = arc_positions(ids, arcs, seed=seed)
    sizes = scaled_sizes(size_values, len(order))
    if separate:
        pos = separate_discs(ids, pos, sizes)
    specs, infos = _actor_nodes(G, order, tbl, labels, cats, sizes, flags, pos, size, fields, lang)
    legend_sectors, skeys = sector_legend(cats, Counter(cats), lang)
    for info, cat in zip(infos, cats, strict=True):
        info["skey"] = skeys[cat]
    rel_legend, rkeys = relation_legend(arcs, lang)
    edge_specs, edge_infos = _edge_specs(arcs, rkeys, lang=lang)
    clusters = table_column(tbl, "cluster", order)
    cluster_keys = sorted({str(c) for c in clusters if c is not None}, key=_natural) if clusters else []
    size_text = (ui_text("Node size: {name} (larger = higher)", lang, name=measure_label(size, lang))
                 if size_values is not None else ui_text("Node size: all equal", lang))
    groups = separate_groups(ids, table_column(tbl, "component", order), lang)
    color_title = (ui_text("Sectors", lang) if color == "sector"
                   else ui_text("Colour: {name}", lang, name=measure_label(color, lang)))
    data = {
        "node_info": infos,
        "edge_info": edge_infos,
        "legend": {"color_title": color_title,
                   "sectors": legend_sectors, "relations": rel_legend,
                   "marks": _marks_legend(highlight, flags, bool(groups), lang), "size": size_text},
        "clusters": [{"key": c, "label": ui_text("cluster {name}", lang, name=c)} for c in cluster_keys],
        "groups": groups,
    }
    return data, specs, edge_specs


def _actor_labels(G: nx.Graph, order: list, tbl: pd.DataFrame | None) -> list[str]:
    """Each actor's label: its ``label`` attribute, else the table's, else its id."""
    own = [G.nodes[v].get("label") for v in order]
    from_table = table_column(tbl, "label", order)
    return [display_text(own[i]) or (display_text(from_table[i]) if from_table else None) or str(v)
            for i, v in enumerate(order)]


def _metric_columns(tbl: pd.DataFrame | None, size: str | None) -> list[str]:
    """The measures listed in an actor's panel: the size measure first, then :data:`METRIC_COLUMNS`."""
    cols = [c for c in METRIC_COLUMNS if tbl is not None and c in tbl.columns]
    if size and tbl is not None and size in tbl.columns and size not in cols:
        cols.insert(0, size)
    elif size in cols:
        cols.remove(size)
        cols.insert(0, size)
    return cols


def _actor_nodes(G, order, tbl, labels, cats, sizes, flags, pos, size, fields, lang="en"):
    """vis-network nodes and their infos (tooltips and side panel), one per actor."""
    colors = style.sector_colors(cats)
    kinds = table_column(tbl, "kind", order)
    clusters = table_column(tbl, "cluster", order)
    reasons = table_column(tbl, "reason", order)
    worlds = table_column(tbl, "world_list", order)
    metric_vals = {c: table_column(tbl, c, order) for c in _metric_columns(tbl, size)}
    extra_vals = {f: node_column(G, tbl, f, order) for f in fields}
    specs, infos = [], []
    for i, v in enumerate(order):
        attrs = G.nodes[v]
        kind = display_text(attrs.get("kind")) or (display_text(kinds[i]) if kinds else None)
        marks = [m for m in flags if flags[m] is not None and flags[m][i] is True]
        specs.append(_actor_spec(str(v), labels[i], kind, sizes[i], pos[str(v)], colors[cats[i]], marks))
        metrics = [[c, vals[i]] for c, vals in metric_vals.items() if vals[i] is not None and c != "cluster"]
        own_worlds = display_texts(worlds[i]) if worlds else []
        infos.append({
            "label": labels[i],
            "sector_label": style.sector_label(cats[i], lang),
            "kind": ui_text(kind, lang) if kind in ("organisation", "person") else kind,
            "territory": display_text(attrs.get("territory")),
            "themes": display_texts(attrs.get("themes", ())),
            "sectors": display_texts(attrs.get("sectors", ())),
            "worlds": [style.sector_label(w, lang) for w in own_worlds],
            "respondent": json_value(attrs.get("respondent")),
            "marks": [ui_text(_MARK_TEXT[m], lang) for m in marks],
            "markcodes": marks,
            "metrics": ([[measure_label(c, lang), val] for c, val in metrics]
                        + [[f, json_value(extra_vals[f][i])] for f in fields]),
            "reason": display_text(reasons[i]) if reasons else None,
            "ckey": str(clusters[i]) if clusters and clusters[i] is not None else None,
        })
    return specs, infos


def _actor_spec(node_id: str, label: str, kind: str | None, size: float, xy: tuple[float, float],
                colour: str, marks: list[str]) -> dict[str, Any]:
    """One vis-network node: shape by kind, colour by category, a thick ring for a hybrid.

    The trusted intermediary's star badge is drawn by the page's script on
    top of the node (``node_info[i].markcodes``), so that both marks combine.
    """
    spec: dict[str, Any] = {
        "id": node_id,
        "label": label,
        "shape": style.SHAPES.get(kind or "organisation", style.SHAPES["organisation"])[0],
        "size": size,
        "x": int(xy[0]),
        "y": int(xy[1]),
        "color": {"background": colour, "border": "#4D4D4D",
                  "highlight": {"background": colour, "border": "#000000"},
                  "hover": {"background": colour, "border": "#000000"}},
        "borderWidth": 1,
    }
    if "hybrid" in marks:
        mark = style.MARKS["hybrid"]
        spec["borderWidth"] = mark["width"]
        spec["borderWidthSelected"] = mark["width"] + 1
        spec["color"]["border"] = mark["border"]
    return spec


def _marks_legend(highlight: tuple[str, ...], flags: dict[str, list | None], groups: bool = False,
                  lang: str = "en") -> list[dict]:
    """Legend rows of the shapes, of the marks the table can flag, and of the outlines drawn.

    ``glyph`` says what the page draws in the row's swatch: ``dot``,
    ``diamond``, ``ring`` (hybrid), ``star`` (trusted intermediary),
    ``ring+star`` (both), ``outline`` (a disconnected group).
    """
    legend = [
        {"label": ui_text("organisation", lang), "glyph": "dot", "shape": "dot"},
        {"label": ui_text("person", lang), "glyph": "diamond", "shape": "diamond"},
    ]
    can = [m for m in highlight if flags.get(m) is not None]
    if "hybrid" in can:
        legend.append({"label": ui_text(style.MARKS["hybrid"]["label"], lang), "glyph": "ring",
                       "mark": "hybrid"})
    if "intermediary" in can:
        legend.append({"label": ui_text(style.MARKS["intermediary"]["label"], lang), "glyph": "star",
                       "mark": "intermediary"})
    if len(can) == 2:
        legend.append({"label": ui_text("both hybrid and trusted intermediary: ring and star", lang),
                       "glyph": "ring+star", "mark": "both"})
    if groups:
        legend.append({"label": ui_text("disconnected group: dashed outline", lang), "glyph": "outline",
                       "mark": "group"})
    return legend


def _natural(value: str) -> tuple:
    return (0, int(value), "") if value.lstrip("-").isdigit() else (1, 0, value)


# --------------------------------------------------------------------------- the group view


def _group_view(G, order, arcs, tbl, group, color, size, seed, lang="en"):
    """One square per group, sized by its number of actors, with the ties between groups."""
    ids = [str(v) for v in order]
    groups = [category(g) for g in node_column(G, tbl, group, order)]
    groups = [g if g is not None else "none" for g in groups]
    cats = [category(c) for c in node_column(G, tbl, color, order)]
    labels = [display_text(G.nodes[v].get("label")) or ids[i] for i, v in enumerate(order)]
    members: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        members[g].append(i)
    keys = sorted(members, key=_natural)
    gid = {g: f"{group}:{g}" for g in keys}
    inside, between = _group_ties(dict(zip(ids, groups, strict=True)), arcs)
    dominant = {}
    for g in keys:
        counts = Counter(cats[i] for i in members[g])
        dominant[g] = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
    legend_sectors, skeys = sector_legend(list(dominant.values()), Counter(dominant.values()), lang)
    colors = style.sector_colors(list(dominant.values()))
    pos = arc_positions([gid[g] for g in keys], [
        Arc(gid[a], gid[b], "", w, None, sign, False, {}) for (a, b, sign), w in between.items()
    ], seed=seed, spacing=160.0)
    size_values = table_column(tbl, size, order) if size else None
    biggest = max(len(m) for m in members.values()) if members else 1
    specs, infos = [], []
    for g in keys:
        mem = members[g]
        colour = colors[dominant[g]]
        if size_values is not None:
            top = sorted(mem, key=lambda i: (-(size_values[i] if isinstance(size_values[i], (int, float)) else -math.inf), ids[i]))
        else:
            top = sorted(mem, key=lambda i: labels[i])
        comp = Counter(style.sector_label(cats[i], lang) for i in mem)
        specs.append({
            "id": gid[g], "label": f"{group} {g} ({len(mem)})", "shape": "square",
            "size": round(10 + 30 * math.sqrt(len(mem) / biggest), 1),
            "x": int(pos[gid[g]][0]), "y": int(pos[gid[g]][1]), "borderWidth": 1,
            "color": {"background": colour, "border": "#4D4D4D",
                      "highlight": {"background": colour, "border": "#000000"}},
        })
        infos.append({
            "label": f"{group} {g}",
            "sector_label": ui_text("mostly {name}", lang, name=style.sector_label(dominant[g], lang)),
            "skey": skeys[dominant[g]], "kind": ui_text("{n} actors", lang, n=len(mem)), "territory": None,
            "themes": [], "marks": [], "markcodes": [],
            "metrics": [[ui_text("actors", lang), len(mem)], [ui_text("ties inside", lang), inside[g]]]
            + [[ui_text("sector: {name}", lang, name=k), c]
               for k, c in sorted(comp.items(), key=lambda kv: (-kv[1], kv[0]))],
            "reason": None, "ckey": g, "members": [labels[i] for i in top[:15]],
        })
    rel_legend, edge_specs, edge_infos = _group_edges(between, gid, lang)
    data = {
        "node_info": infos,
        "edge_info": edge_infos,
        "legend": {"color_title": ui_text("Groups, coloured by their main {name}", lang,
                                          name=measure_label(color, lang)),
                   "sectors": legend_sectors,
                   "relations": rel_legend,
                   "marks": [{"label": ui_text("one square per {name}, sized by its number of actors",
                                               lang, name=measure_label(group, lang)),
                              "glyph": "square", "shape": "square"}],
                   "size": ui_text("{n} {name} groups, {m} actors", lang, n=len(keys),
                                   name=measure_label(group, lang),
                                   m=format_number(len(order), lang, 0))},
        "groups": [],
        "clusters": [{"key": g, "label": f"{group} {g}"} for g in keys],
    }
    return data, specs, edge_specs


def _group_ties(group_of: dict[str, str], arcs: Sequence[Arc]) -> tuple[Counter, dict]:
    """Ties inside each group, and ties between two groups by (group, group, contract sign)."""
    inside: Counter = Counter()
    between: dict[tuple[str, str, int], float] = defaultdict(float)
    for a in arcs:
        g, h = group_of[a.source], group_of[a.target]
        if g == h:
            inside[g] += 1
            continue
        lo, hi = sorted((g, h), key=_natural)
        between[(lo, hi, a.sign)] += 1
    return inside, between


def _group_edges(between: dict, gid: dict[str, str], lang: str = "en") -> tuple[list, list, list]:
    """Legend rows, vis-network edges and infos of the ties between groups (one line per sign)."""
    arcs_g = []
    for (a, b, sign), w in sorted(between.items(), key=lambda kv: (_natural(kv[0][0]), _natural(kv[0][1]), kv[0][2])):
        rel = "conflict" if sign < 0 else "ties between groups"
        arcs_g.append(Arc(gid[a], gid[b], rel, w, None, sign, True, {}))
    rel_legend, rkeys = relation_legend(arcs_g, lang)
    for r in rel_legend:
        r["arrows"] = False
        if r["relation"] == "ties between groups":
            r.update(color="#777777", dashes=False, label=ui_text("ties between groups", lang))
    edge_specs, edge_infos = _edge_specs(arcs_g, rkeys, lang=lang)
    for spec, info in zip(edge_specs, edge_infos, strict=True):
        spec["arrows"] = ""
        if info["sign"] > 0:
            spec["color"] = "#777777"
            spec.pop("dashes", None)
        info["directed"] = False
        info["relation"] = ui_text("{n} ties" if info["sign"] > 0 else "{n} conflict ties", lang,
                                   n=int(info["weight"]))
        info["rlabel"] = info["relation"]
    return rel_legend, edge_specs, edge_infos


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
