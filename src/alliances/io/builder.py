"""Rows -> actor graph: the builder shared by the survey, interview and affiliation importers.

:class:`GraphBuilder` collects actors and ties row by row and builds the
``MultiDiGraph``, so the three importers follow the same rules
(self-nominations, merged ties, names, sectors, the registry's attributes);
:class:`FillDown` carries merged Excel cells down; :func:`registry_frame`
reads the actor registry into the importer's report; :func:`fill_tuples`
gives every actor (tie) the extra tuple attributes any one has;
:func:`suggest_duplicates` lists the likely duplicates. Not user-facing
(no ``__all__`` entry): the importers and :func:`alliances.load` use it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from alliances.i18n import N_, Message
from alliances.io.actors import read_actors
from alliances.io.csvfile import CsvTable
from alliances.io.names import SUGGEST_PER_FILE, NameResolver, merge_suggestions
from alliances.io.report import ImportReport
from alliances.model import (
    RELATIONS,
    SECTORS,
    Evidence,
    canonical_relation,
    canonical_sector,
    count_ties,
    tie_sign,
)

__all__: list[str] = []  # not user-facing: the importers' shared machinery


def self_nomination(label: str) -> Message:
    """The report's reason for a self-nomination (shared with the column-wise survey reader)."""
    return Message.of(N_('self-nomination: "{label}" names itself; no tie'), label=label)


_MISS = object()


class GraphReport(ImportReport, dict):
    """The import report as the actor graph keeps it: an :class:`ImportReport` that is also plain data.

    ``G.graph["import_report"]`` must survive what other tools do with a
    graph: ``json.dumps(nx.node_link_data(G))``, ``pickle``, ``copy.deepcopy``.
    As a dict, this report holds :meth:`ImportReport.to_dict` (text, numbers,
    None and lists), refreshed whenever it is read as a dict (by ``json``,
    ``pickle``, ``copy``, ``dict(report)`` or ``report["rows_read"]``), so it
    is never stale; as an :class:`ImportReport` it prints, shows in Jupyter
    and gives its tables as before. Writing into the dict changes nothing:
    the report's methods do. :func:`import_report` gives an
    :class:`ImportReport` back from either form (after a JSON round trip
    the graph holds the plain dict).
    """

    def __init__(self, **kwargs: Any) -> None:
        ImportReport.__init__(self, **kwargs)
        self.refresh()

    @classmethod
    def of(cls, report: ImportReport) -> GraphReport:
        """This report as a GraphReport sharing its state: what the importer adds later is in it too."""
        if isinstance(report, cls):
            return report
        out = cls.__new__(cls)
        # one state for both objects: an importer that reports a problem after
        # building the graph reports it in the graph's report too
        out.__dict__ = report.__dict__
        out.refresh()
        return out

    @classmethod
    def combine(cls, *reports: ImportReport) -> GraphReport:
        """:meth:`ImportReport.combine`, as a GraphReport."""
        out = super().combine(*reports)
        out.refresh()
        return out

    def refresh(self) -> None:
        """Make the dict hold :meth:`ImportReport.to_dict` (done on every read as a dict)."""
        dict.clear(self)
        dict.update(self, self.to_dict())

    def items(self):  # type: ignore[override]
        """The plain data's items (fresh)."""
        self.refresh()
        return dict.items(self)

    def keys(self):  # type: ignore[override]
        """The plain data's keys."""
        self.refresh()
        return dict.keys(self)

    def values(self):  # type: ignore[override]
        """The plain data's values (fresh)."""
        self.refresh()
        return dict.values(self)

    def __iter__(self):  # type: ignore[override]
        self.refresh()
        return dict.__iter__(self)

    def __getitem__(self, key: str) -> Any:
        self.refresh()
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        """A value of the plain data (fresh)."""
        self.refresh()
        return dict.get(self, key, default)

    def copy(self) -> dict[str, Any]:  # type: ignore[override]
        """The plain data, as a plain dict."""
        return self.to_dict()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ImportReport):
            return self.to_dict() == other.to_dict()
        if isinstance(other, dict):
            return self.to_dict() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a dict: not hashable


def import_report(G: nx.Graph) -> ImportReport | None:
    """The import report of a graph, as an :class:`ImportReport`, or None when it has none.

    Works on the graph an importer made (``G.graph["import_report"]`` is
    then a :class:`GraphReport`, both the report and its plain data) and on
    one whose report is only plain data, after a JSON round trip
    (``nx.node_link_graph(json.loads(text))``).

    Parameters
    ----------
    G : networkx.Graph
        Any graph.

    Returns
    -------
    ImportReport or None

    Examples
    --------
    >>> import json
    >>> G = nx.MultiDiGraph()
    >>> G.graph["import_report"] = GraphReport.of(ImportReport(sources=["s.csv"], rows_read=2))
    >>> H = nx.node_link_graph(json.loads(json.dumps(nx.node_link_data(G, edges="edges"))),
    ...                        edges="edges")
    >>> type(H.graph["import_report"]).__name__, import_report(H).rows_read
    ('dict', 2)
    """
    value = G.graph.get("import_report")
    if value is None:
        return None
    if isinstance(value, ImportReport):
        return value
    if isinstance(value, Mapping):
        return ImportReport.from_dict(value)
    raise TypeError(f'G.graph["import_report"] is a {type(value).__name__}: expected an '
                    "ImportReport or its plain data (a dict)")


class GraphBuilder:
    """Collect actors and ties row by row, then build the MultiDiGraph.

    Shared by the survey, interview and affiliation importers, so the three
    follow the same rules (self-nominations, merged ties, names, sectors).
    """

    def __init__(self, table: CsvTable, report: ImportReport, resolver: NameResolver,
                 origin: str, registry: pd.DataFrame | None = None) -> None:
        self.table = table
        self.file = table.name
        self.report = report
        self.resolver = resolver
        self.origin = origin
        self.registry = registry
        self.nodes: dict[str, dict[str, Any]] = {}
        self.ties: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.sector_votes: dict[str, Counter] = defaultdict(Counter)
        self.unknown_sectors: dict[str, int] = {}
        self.unknown_relations: dict[str, tuple[int, str]] = {}
        self._sector_cache: dict[str, str | None] = {}
        self._relation_cache: dict[tuple[str, str], list[str]] = {}
        self._pending: list[tuple[int, str]] = []
        self.extra_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self._actor_memo: dict[tuple, str | None] = {}
        self._actor_repeats: Counter = Counter()
        self.last_key: tuple = ()  # memo key of the last actor() call
        self._signs: dict[str, int] = {}  # tie_sign of each relation met
        self._fast_ties: Any = None  # see use_tie_table

    def use_tie_table(self, ties: Any) -> None:
        """Take the ties from a column-wise reader's table instead of :meth:`tie` calls.

        ``ties`` has ``add_to(G, extra_tie_attrs) -> int``: it adds its merged
        ties to ``G`` (whose actors :meth:`graph` has made), homogeneous
        already, and returns their number (see ``io/_longfast.py``).
        """
        self._fast_ties = ties

    def leave_out(self, line: int, reason: str) -> None:
        """Note a part of the current row that gives no tie (settled by :meth:`end_row`)."""
        self._pending.append((line, reason))

    def end_row(self, line: int, used: bool, reason: str) -> None:
        """Account for one data row (see :class:`ImportReport`'s accounting identity).

        A used row counts in ``rows_used`` and its left-out parts are listed
        as skipped parts; an unused row is skipped once, with the reason of
        its first left-out part (a self-nomination...) or ``reason``.
        """
        report = self.report
        pending = self._pending
        if used:
            report.rows_used += 1
            for at, why in pending:
                report.skip(self.file, at, why, row=False)
        elif pending:
            report.skip(self.file, pending[0][0], pending[0][1])
            for at, why in pending[1:]:
                report.skip(self.file, at, why, row=False)
        else:
            report.skip(self.file, line, reason)
        self._pending = []

    def actor(self, name: str, *, respondent: bool = False, sector: str = "",
              kind: str | None = None, line: int | None = None, column: str | None = None,
              **extra: Any) -> str | None:
        """The actor id of a name, counting its spelling, sector and attribute votes.

        The same call met again (a respondent on each of their rows) only
        adds to a counter: its votes are added in one go by :meth:`flush`
        (votes are counts, so the order does not matter; the problems of a
        value are reported on its first row, which is never deferred).
        """
        key = (name, respondent, sector, kind, tuple(extra.items()) if extra else ())
        hit = self._actor_memo.get(key, _MISS)
        if hit is not _MISS:
            if hit is not None:
                self._actor_repeats[key] += 1
            self.last_key = key
            return hit
        self.last_key = key
        node = self._actor_memo[key] = self._actor(
            name, respondent=respondent, sector=sector, kind=kind, line=line, column=column,
            extra=extra)
        return node

    def actor_n(self, count: int, name: str, *, respondent: bool = False, sector: str = "",
                kind: str | None = None, line: int | None = None, column: str | None = None,
                **extra: Any) -> str | None:
        """:meth:`actor` called ``count`` times in a row (same votes, one call)."""
        key = (name, respondent, sector, kind, tuple(extra.items()) if extra else ())
        hit = self._actor_memo.get(key, _MISS)
        self.last_key = key
        if hit is not _MISS:
            if hit is not None:
                self._actor_repeats[key] += count
            return hit
        node = self._actor_memo[key] = self._actor(
            name, respondent=respondent, sector=sector, kind=kind, line=line, column=column,
            extra=extra, count=count)
        return node

    def actor_again(self, key: tuple) -> None:
        """Count an :meth:`actor` call once more (``key``: its :attr:`last_key`)."""
        self._actor_repeats[key] += 1

    def flush(self) -> None:
        """Add the votes of repeated :meth:`actor` calls (see there)."""
        repeats, self._actor_repeats = self._actor_repeats, Counter()
        for (name, respondent, sector, kind, extra), count in repeats.items():
            self._actor(name, respondent=respondent, sector=sector, kind=kind, line=None,
                        column=None, extra=dict(extra), count=count)

    def _actor(self, name: str, *, respondent: bool, sector: str, kind: str | None,
               line: int | None, column: str | None, extra: Mapping[str, Any],
               count: int = 1) -> str | None:
        node = self.resolver.resolve(name, count=count)
        if node is None:
            return None
        data = self.nodes.get(node)
        if data is None:
            data = self.nodes[node] = {"respondent": False, "kind": None}
        if respondent:
            data["respondent"] = True
        if kind and data["kind"] is None:
            data["kind"] = kind
        if sector:
            if sector not in self._sector_cache:
                code = canonical_sector(sector)
                self._sector_cache[sector] = code
                if code and code not in SECTORS and code not in self.unknown_sectors:
                    self.unknown_sectors[code] = line or 0
                    self.report.problem(self.file, line, column, sector, Message.of(N_(
                        "sector outside the default vocabulary; kept as the user's own label")))
            code = self._sector_cache[sector]
            if code:
                self.sector_votes[node][code] += count
        for key, value in extra.items():
            if value not in (None, "", ()):
                # rows may disagree (two territories): votes, decided in graph()
                self.extra_votes[(node, key)][value] += count
        return node

    def relation(self, text: str, default: str, line: int, column: str | None) -> list[str]:
        """Relations named in a cell (several when separated by , ; or |)."""
        cached = self._relation_cache.get((text, default))
        if cached is not None:
            return cached
        rels = self._relation_cache[(text, default)] = self._relations(text, default, line, column)
        return rels

    def _relations(self, text: str, default: str, line: int, column: str | None) -> list[str]:
        if not text.strip():
            return [default]
        rel = canonical_relation(text)
        if rel not in RELATIONS and re.search(r"[,;|]", text):
            parts = [canonical_relation(p) for p in re.split(r"\s*[,;|]\s*", text) if p.strip()]
            rels = [p for p in dict.fromkeys(parts) if p] or [default]  # "," alone
        else:
            rels = [rel]
        for r in rels:
            if r not in RELATIONS and r not in self.unknown_relations:
                self.unknown_relations[r] = (line, text)
                self.report.problem(self.file, line, column, text, Message.of(
                    N_("relation outside the default vocabulary; kept as {relation!r}"),
                    relation=r))
        return rels

    def tie(self, u: str, v: str, relation: str, *, line: int, weight: float | None = None,
            trust: float | None = None, sign: int | None = None, quote: str | None = None,
            reason_self: str | None = None, **extra: Any) -> bool:
        """Add or merge a tie; False (and counted) for a self-nomination."""
        if u == v:
            self.flush()  # the label below counts the spellings met so far
            self.report.self_nominations += 1
            self.leave_out(line, reason_self or
                           self_nomination(self.resolver.label(u)))
            return False
        if sign is None:
            # the contract's rule (model.tie_sign), once per relation
            try:
                sign = self._signs[relation]
            except KeyError:
                sign = self._signs[relation] = tie_sign({}, relation)
        key = (u, v, relation)
        ev = Evidence(self.file, line, quote or None)
        tie = self.ties.get(key)
        if tie is None:
            # most ties are reported once: a tuple, half the memory of the dict below
            self.ties[key] = (weight, trust, sign, ev, extra)
            return True
        if type(tie) is tuple:
            w, tr, sg, first, ex = tie
            tie = self.ties[key] = {"weight": [] if w is None else [w],
                                    "trust": [] if tr is None else [tr],
                                    "sign": sg, "evidence": [first], "extra": dict(ex)}
        self.report.ties_merged += 1
        if weight is not None:
            tie["weight"].append(weight)
        if trust is not None:
            tie["trust"].append(trust)
        tie["sign"] = min(tie["sign"], sign)
        tie["evidence"].append(ev)
        for k, val in extra.items():
            old = tie["extra"].get(k)
            if isinstance(val, tuple):
                tie["extra"][k] = tuple(sorted(set(old or ()) | set(val)))
            elif old in (None, "") or (val not in (None, "") and str(val) < str(old)):
                tie["extra"][k] = val  # the alphabetically first: never the row order
        return True

    def graph(self, *, extra_tie_attrs: Mapping[str, Any] | None = None) -> nx.MultiDiGraph:
        """Build the MultiDiGraph (registry actors included) and finish the report."""
        self.flush()
        G = nx.MultiDiGraph()
        registry = self.registry
        for (node, key), votes in self.extra_votes.items():
            # the most common value, ties to the alphabetically first: never the row order
            data = self.nodes[node]
            if data.get(key) in (None, "", ()):
                data[key] = min(votes.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]
        ids = set(self.nodes)
        records = _registry_records(registry)
        ids |= set(records)
        consent = registry is not None and "consent" in registry.columns
        nodes_out = []
        for node in sorted(ids):
            data = self.nodes.get(node, {"respondent": False, "kind": None})
            votes = self.sector_votes.get(node)
            declared = ([s for s, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
                        if votes else [])
            attrs: dict[str, Any] = {"label": self.resolver.label(node)}
            reg = records.get(node)
            if reg is not None:
                sector = registry_cell(reg, "sector")
                sectors = tuple(registry_cell(reg, "sectors") or ((sector,) if sector else ()))
                sectors += tuple(s for s in declared if s not in sectors)
                if sector is None and sectors:
                    sector = sectors[0]
                if sector is not None:  # an unknown value is absent, not None
                    attrs["sector"] = sector
                attrs.update(sectors=sectors,
                             kind=registry_cell(reg, "kind") or data["kind"] or "organisation")
                territory = registry_cell(reg, "territory")
                if territory is not None:
                    attrs["territory"] = territory
                attrs["themes"] = tuple(registry_cell(reg, "themes") or ())
                if consent and registry_cell(reg, "consent") is not None:
                    attrs["consent"] = registry_cell(reg, "consent")
            else:
                if declared:
                    attrs["sector"] = declared[0]
                attrs.update(sectors=tuple(declared), kind=data["kind"] or "organisation",
                             themes=())
            attrs["respondent"] = bool(data["respondent"])
            for key, value in data.items():
                if key not in ("respondent", "kind") and key not in attrs and value is not None:
                    attrs[key] = value
            nodes_out.append((node, attrs))
        G.add_nodes_from(nodes_out)
        del nodes_out
        if self._fast_ties is not None:
            # the column-wise reader's tie table (use_tie_table): edges added straight
            # from its arrays, the tie attributes already homogeneous
            fast, self._fast_ties = self._fast_ties, None
            n_edges = fast.add_to(G, extra_tie_attrs)
            _homogenize([d for _, d in G.nodes(data=True)], _actor_attributes())
            self.finish(G, n_edges)
            return G
        origin = self.origin
        edges = []
        ties = self.ties
        for (u, v, rel) in sorted(ties):
            t = ties.pop((u, v, rel))  # freed as the edges are made: one copy at a time
            if type(t) is tuple:  # reported once (see tie)
                w, tr, sg, ev, ex = t
                attrs = {"relation": rel, "weight": 1.0 if w is None else float(w),
                         "sign": int(sg), "origin": origin, "evidence": (ev,)}
                if tr is not None:  # not asked: absent, not None
                    attrs["trust"] = round(tr, 6)
                if ex:
                    attrs.update(_present(ex))
                if extra_tie_attrs:
                    attrs.update(extra_tie_attrs)
                edges.append((u, v, rel, attrs))
                continue
            evidence = t["evidence"]
            weights, trusts = t["weight"], t["trust"]
            attrs = {
                "relation": rel,
                "weight": float(max(weights)) if weights else 1.0,
                "sign": int(t["sign"]),
                "origin": origin,
                "evidence": (tuple(evidence) if len(evidence) == 1 else
                             tuple(sorted(evidence, key=lambda e: (e.file, e.line or 0)))),
            }
            if trusts:
                attrs["trust"] = round(sum(trusts) / len(trusts), 6)
            if t["extra"]:
                attrs.update(_present(t["extra"]))
            if extra_tie_attrs:
                attrs.update(extra_tie_attrs)
            edges.append((u, v, rel, attrs))
        _add_edges_fast(G, edges)
        n_edges = len(edges)
        del edges
        fill_tuples(G)
        self.finish(G, n_edges)
        return G

    def finish(self, G: nx.MultiDiGraph, n_edges: int | None = None) -> None:
        r = self.report
        r.actors = G.number_of_nodes()
        # counted by the caller when known: number_of_edges walks every edge
        r.ties = count_ties(G) if n_edges is None else n_edges
        r.unknown_sectors = len(self.unknown_sectors)
        merged = self.resolver.merged_names()
        for node, spelling, rule in merged:
            r.merged_name(node, spelling, rule)
        r.name_merges = len(merged)
        if SUGGEST_PER_FILE.get():
            labels = {n: G.nodes[n]["label"] for n in G}
            suggest_duplicates(r, labels, self.resolver.in_registry)
        G.graph["import_report"] = GraphReport.of(r)  # plain data too: JSON, pickle


def _add_edges_fast(G: nx.MultiDiGraph, edges: Sequence[tuple[str, str, str, dict]]) -> None:
    """``G.add_edges_from(edges)`` for new ``(u, v, key, attrs)`` between existing nodes.

    networkx adds a multigraph's edges one ``add_edge`` call at a time (a
    second per hundred thousand ties); the keys here are new and distinct,
    so the adjacency dicts are filled directly, sharing the attribute dict
    between successors and predecessors exactly as ``add_edge`` does.
    """
    succ, pred = G._succ, G._pred
    factory = G.edge_key_dict_factory
    for u, v, key, attrs in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = factory()
            pred[v][u] = keydict
        keydict[key] = attrs
    nx._clear_cache(G)


def suggest_duplicates(report: ImportReport, labels: Mapping[str, str],
                       registered: Callable[[str], bool]) -> None:
    """Put the likely duplicate actors in the report's suggested merges.

    ``labels``: actor id -> label. Pairs of two ``registered`` actors (both
    in the actor registry, told apart on purpose) are not suggested; blocks
    of names too common to compare are noted (:func:`note_limited_search`).
    """
    suggested, too_big = merge_suggestions(labels)
    report.suggest(s for s in suggested if not (registered(s[0]) and registered(s[2])))
    note_limited_search(report, too_big)


def note_limited_search(report: ImportReport, too_big: int) -> None:
    """Say in the report that the search for duplicates left out very common blocks."""
    if too_big:
        report.problem("", None, None, None, Message.ngettext(
            "the search for possible duplicates left out {n} group of names too common to "
            "compare (more than {size} actors): some duplicates may not be listed",
            "the search for possible duplicates left out {n} groups of names too common to "
            "compare (more than {size} actors each): some duplicates may not be listed",
            too_big, size=500))


def _registry_records(registry: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    """The registry as ``{id: {column: value}}`` (one pass, not one ``.loc`` per actor)."""
    if registry is None or not len(registry):
        return {}
    cols = list(registry.columns)
    values = zip(*(registry[c].tolist() for c in cols), strict=True)
    return {node: dict(zip(cols, row, strict=True))
            for node, row in zip(registry.index.tolist(), values, strict=True)}


def registry_cell(row: Mapping[str, Any] | pd.Series, key: str) -> Any:
    """A registry cell, None when the column is absent or the cell empty (NaN)."""
    value = row.get(key)
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    return value


def _present(extra: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of ``extra`` that have a value (None is an absent attribute)."""
    return {k: v for k, v in extra.items() if v is not None}


def fill_tuples(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Give every node (edge) the extra tuple attributes any node (edge) has, as ``()``, in place.

    A tuple attribute present on some ties only (``themes``, ``events``...)
    is set to ``()`` on the others, so every tie can be read as a list of
    values. Any other attribute a node (edge) does not have stays absent:
    an unknown value is never None (networkx's writers refuse None, and
    :func:`alliances.from_frames` reads an empty cell as absent, so
    ``from_frames(*to_frames(G))`` is exact either way). What every
    importer applies to the graph it makes.
    """
    from alliances.model import ACTOR_ATTRIBUTES, TIE_ATTRIBUTES

    _homogenize([d for _, d in G.nodes(data=True)], ACTOR_ATTRIBUTES)
    _homogenize([d for _, _, d in G.edges(data=True)], TIE_ATTRIBUTES)
    return G


def _actor_attributes() -> Mapping[str, Any]:
    from alliances.model import ACTOR_ATTRIBUTES

    return ACTOR_ATTRIBUTES


def _homogenize(datas: list[dict[str, Any]], known: Mapping[str, Any]) -> None:
    """:func:`fill_tuples` on one list of attribute dicts."""
    # the distinct sets of keys first (at C speed): a graph has a handful of them
    shapes = set(map(tuple, datas))
    candidates = sorted({k for shape in shapes for k in shape if k not in known})
    if not candidates:
        return
    # an extra attribute defaults to () if all its values are tuples, and is left
    # absent otherwise; in the order met (data order, then key order in the data)
    first: dict[str, tuple[int, int]] = {}
    not_tuple: set[str] = set()
    for i, data in enumerate(datas):
        for key in candidates:
            value = data.get(key)
            if value is None:
                continue
            if key not in first:
                first[key] = (i, list(data).index(key))
            if not isinstance(value, tuple):
                not_tuple.add(key)
    extra = {key: () for key in sorted(first, key=first.get) if key not in not_tuple}
    if not extra:
        return
    if all(all(key in shape for key in extra) for shape in shapes):
        return
    for data in datas:
        for key, default in extra.items():
            data.setdefault(key, default)


def registry_frame(actors: Any, report: ImportReport | None = None,
                   **kw: Any) -> pd.DataFrame | None:
    """The registry as a DataFrame: given, read from a path, or None."""
    if actors is None:
        return None
    if isinstance(actors, pd.DataFrame):
        return actors
    frame = read_actors(actors, **kw)
    if report is not None:
        # the registry's own oddities belong in this report too
        # ... and its rows, so that the accounting identity holds for the report
        report.include(frame.attrs["import_report"])
    return frame


#: the roles FillDown carries down, as the report names their cells
_CARRIED = {"respondent": Message.pgettext("merged cell", "respondent"),
            "interview": Message.pgettext("merged cell", "interview")}


class FillDown:
    """Carry the cells of merged Excel blocks down to their continuation rows.

    A row whose ``who`` cells are all empty but whose ``what`` cell is not
    takes the ``carried`` cells of the last row that had them. Each block is
    reported once (first line, last line, source line).
    """

    def __init__(self, builder: GraphBuilder, idx: Mapping[str, int], who: Sequence[str],
                 carried: Sequence[str], what: str, label: str) -> None:
        self.b = builder
        self.who = [idx[r] for r in who if r in idx]
        self.carried = [idx[r] for r in carried if r in idx]
        self.what = idx.get(what)
        self.label = label
        self.column = next((builder.table.header[idx[r]] for r in who if r in idx), None)
        self.last: list[str] | None = None
        self.last_line = 0
        self.blocks: list[list[int]] = []  # [source line, first line, last line, rows]

    def __call__(self, row: list[str], line: int) -> list[str]:
        if any(row[j] for j in self.who):
            self.last, self.last_line = row, line
            return row
        if self.last is None or self.what is None or not row[self.what]:
            return row
        row = list(row)
        for j in self.carried:
            if not row[j]:
                row[j] = self.last[j]
        if self.blocks and self.blocks[-1][0] == self.last_line:
            self.blocks[-1][2] = line
            self.blocks[-1][3] += 1
        else:
            self.blocks.append([self.last_line, line, line, 1])
        return row

    def report(self) -> None:
        label = _CARRIED.get(self.label, self.label)
        for source, first, last, n in self.blocks:
            where = (Message.of(N_("line {line}"), line=first) if n == 1 else
                     Message.of(N_("lines {first} to {last} ({n} rows)"), first=first, last=last,
                                n=n))
            self.b.report.problem(
                self.b.file, first, self.column, "", Message.of(
                    N_("{label} cell empty on {where}, as Excel writes merged cells: carried "
                       "down from line {source}; fill the cells (or pass {option} to skip such "
                       "rows) if that is wrong"),
                    label=label, where=where, source=source, option="fill_down=False"))
