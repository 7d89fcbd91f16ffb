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
import os
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from alliances.maps import style
from alliances.maps.layout import place
from alliances.maps.text import relation_label, ui_text
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
    "separate_discs",
    "separate_groups",
    "study_subtitle",
    "study_title",
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


def separate_discs(ids: list[str], pos: Mapping[str, tuple[float, float]], sizes: Sequence[float], *,
                   gap: float = 10.0, rounds: int = 60,
                   limit: int = 2000) -> dict[str, tuple[float, float]]:
    """Positions moved apart just enough that no two actors' discs overlap (``gap`` between them).

    The layout places points; drawn with their sizes (radius ``sizes[i]``),
    the actors of a dense core cover each other and their labels. Every
    overlapping pair is pushed apart along the line between them, half each,
    for at most ``rounds`` rounds; actors that do not overlap do not move.
    Deterministic (pairs in sorted order, whole units); above ``limit``
    actors the positions are returned unchanged.

    Examples
    --------
    >>> separate_discs(["a", "b", "c"], {"a": (0, 0), "b": (10, 0), "c": (300, 0)}, [20, 20, 5])
    {'a': (-20.0, 0.0), 'b': (30.0, 0.0), 'c': (300.0, 0.0)}
    """
    n = len(ids)
    if n < 2 or n > limit:
        return dict(pos)
    from scipy.spatial import cKDTree

    xy = np.array([pos[v] for v in ids], dtype=float)
    r = np.asarray(sizes, dtype=float)
    reach = 2 * float(r.max()) + gap
    for _ in range(rounds):
        pairs = sorted(cKDTree(xy).query_pairs(reach))
        move = np.zeros_like(xy)
        moved = False
        for i, j in pairs:
            need = r[i] + r[j] + gap
            delta = xy[j] - xy[i]
            dist = float(np.hypot(*delta))
            if dist >= need - 1e-9:
                continue
            unit = delta / dist if dist > 1e-9 else np.array([1.0, 0.0])
            push = (need - dist) / 2
            move[i] -= unit * push
            move[j] += unit * push
            moved = True
        if not moved:
            break
        xy += move
    xy = np.round(xy) + 0.0
    return {v: (float(xy[k, 0]), float(xy[k, 1])) for k, v in enumerate(ids)}


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


# --------------------------------------------------------------------------- titles

_SLUG_RE = re.compile(r"^[\w.-]+$")
_FILE_RE = re.compile(r"\.(csv|tsv|txt|xlsx?|ods|json|gexf|graphml|toml|md)$", re.IGNORECASE)


def _is_slug(text: str) -> bool:
    """A name made for machines: one word with dashes or underscores, or a file name."""
    return bool(_FILE_RE.search(text)) or (_SLUG_RE.match(text) is not None and ("-" in text or "_" in text))


def _study_folder(G: nx.Graph) -> Path | None:
    """The folder the graph was read from (the common folder of ``G.graph["files"]``)."""
    files = G.graph.get("files")
    paths = [str(p) for p in (files.values() if isinstance(files, Mapping) else files or ())
             if isinstance(p, (str, os.PathLike))]
    if not paths:
        return None
    try:
        folder = Path(os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths]))
    except ValueError:  # files on different drives
        return None
    return folder if folder.is_dir() else None


def _study_toml(folder: Path) -> dict[str, Any]:
    path = folder / "study.toml"
    if not path.is_file():
        return {}
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return {}
    study = data.get("study", data)
    return study if isinstance(study, dict) else {}


def _localized(key: str, lang: str | None) -> list[str]:
    """``key_<lang>`` (``title_fr``) then ``key``: a study written in one language is shown as written."""
    from alliances.i18n import resolve_lang

    return [f"{key}_{resolve_lang(lang)}", key]


def study_title(G: nx.Graph, lang: str | None = "en") -> str | None:
    """The study's name, for a map's title: never a slug or a file name (None when there is none).

    In order: ``G.graph["title"]`` or ``G.graph["name"]`` unless it is a slug;
    then, in the folder the graph was read from (``G.graph["files"]``), the
    ``title`` of a ``study.toml`` (``title_fr`` in French, and also under a
    ``[study]`` table), else the first ``# `` heading of its ``README.md``,
    without a trailing ``(folder-name)``. Every bundled sample has a
    ``study.toml`` in English and French.

    Parameters
    ----------
    G : networkx graph
        An actor graph, usually from :func:`alliances.load`.
    lang : str or None, default "en"
        Language of the title (``"fr"`` reads ``title_fr``); None follows the
        locale, as everywhere in alliances.

    Returns
    -------
    str or None

    Examples
    --------
    >>> study_title(nx.Graph(name="Comité vélo d'Antony")), study_title(nx.Graph(name="h1_long_fr_cp1252"))
    ("Comité vélo d'Antony", None)
    """
    for key in ("title", "name"):
        text = display_text(G.graph.get(key))
        if text and not _is_slug(text.strip()):
            return text.strip()
    folder = _study_folder(G)
    if folder is None:
        return None
    study = _study_toml(folder)
    for key in _localized("title", lang):
        text = display_text(study.get(key))
        if text and not _is_slug(text.strip()):
            return text.strip()
    readme = folder / "README.md"
    if readme.is_file():
        try:
            lines = readme.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            return None
        for line in lines:
            if line.startswith("# "):
                text = line[2:].strip()
                text = re.sub(r"\s*\(" + re.escape(folder.name) + r"\)\s*$", "", text).strip()
                return text if text and not _is_slug(text) else None
    return None


def study_subtitle(G: nx.Graph, lang: str | None = "en") -> str | None:
    """A map's subtitle: ``subtitle`` of the folder's ``study.toml`` (``subtitle_fr`` in French), else None.

    Parameters
    ----------
    G : networkx graph
        An actor graph, usually from :func:`alliances.load`.
    lang : str or None, default "en"
        Language of the subtitle; None follows the locale.

    Returns
    -------
    str or None
    """
    folder = _study_folder(G)
    if folder is None:
        return None
    study = _study_toml(folder)
    for key in _localized("subtitle", lang):
        text = display_text(study.get(key))
        if text:
            return text.strip()
    return None


def separate_groups(ids: list[str], components: list | None,
                    lang: str | None = "en") -> list[dict[str, Any]]:
    """The disconnected groups a map outlines, with their names in ``lang``.

    Every connected component (the actor table's ``component`` column, one
    value per actor of ``ids``) of 2 or more actors but the largest (by
    size, then by its first actor in ``ids``).

    Examples
    --------
    >>> separate_groups(["a", "b", "c", "d", "e"], [0, 0, 0, 1, 1])
    [{'members': ['d', 'e'], 'label': 'separate group (2 actors)'}]
    """
    if not components:
        return []
    members: dict[Any, list[str]] = defaultdict(list)
    for v, c in zip(ids, components, strict=True):
        if c is not None:
            members[c].append(v)
    if len(members) < 2:
        return []
    ranked = sorted(members.values(), key=lambda m: (-len(m), ids.index(m[0])))
    return [{"members": m, "label": ui_text("separate group ({n} actors)", lang, n=len(m))}
            for m in ranked[1:] if len(m) >= 2]


# --------------------------------------------------------------------------- the actor table


def measures_table(G: nx.Graph, table: Any, seed: int, lang: str | None = None) -> pd.DataFrame | None:
    """The actor table a map reads its measures from: ``table``, computed (its ``reason``
    sentences in ``lang``, for the explain panel), or None for ``table=False``."""
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
    return actor_table(G, seed=seed, lang=lang)


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


def sector_legend(values: list[Any], counts: Counter,
                  lang: str | None = "en") -> tuple[list[dict], dict[Any, str]]:
    """Legend rows of the colour categories (labels in ``lang``), and each category's filter key."""
    colors = style.sector_colors(values)
    legend, keys = [], {}
    for i, (value, colour) in enumerate(colors.items()):
        key = f"s{i}"
        keys[value] = key
        legend.append({"key": key, "label": style.sector_label(value, lang), "color": colour,
                       "count": counts[value]})
    return legend, keys


def relation_legend(arcs: Sequence[Arc], lang: str | None = "en") -> tuple[list[dict], dict[str, str]]:
    """Legend rows of the relations drawn, and each one's filter key (see :func:`relation_key`).

    One row per relation present, with the very style its ties are drawn
    in (``dashes``: the dash pattern, False for solid). A negative tie of a
    relation that is not itself negative (a negative mention, a
    collaboration with ``sign=-2``) is counted in its own row,
    :data:`NEGATIVE_LABEL`, drawn as :data:`alliances.maps.style.NEGATIVE_EDGE`.
    ``relation`` is the relation's name in the data, ``label`` its name in ``lang``.
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
            "key": f"r{i}", "relation": rel, "label": relation_label(rel, lang), "color": st.color,
            "dashes": list(st.dashes) if st.dashes else False, "arrows": st.arrows,
            "count": counts[rel],
        })
    if negative:
        st = style.NEGATIVE_EDGE
        legend.append({"key": NEGATIVE_KEY, "relation": NEGATIVE_LABEL,
                       "label": ui_text(NEGATIVE_LABEL, lang), "color": st.color,
                       "dashes": list(st.dashes), "arrows": True, "count": negative})
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
