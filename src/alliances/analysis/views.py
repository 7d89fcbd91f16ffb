"""The simple views every measure starts from.

An actor graph is a :class:`networkx.MultiDiGraph` with one edge per relation.
Most measures want something simpler: one tie per pair, only the relations
that matter, positive ties only, directed or not. This module builds those
views once, in a canonical (sorted) order so that results never depend on the
order in which rows arrived, and offers a compact sparse-matrix form for the
measures that must scale to 10^5 actors.

Conventions (documented in ``docs/methods.md``):

* **relations**: ``None`` means every relation; negative ties (:func:`alliances.model.tie_sign`:
  conflicts, negative interview mentions) are always left out of the tie
  graph, so they are never counted as bridges or as trust. Pass
  ``signed=True`` to keep them (for mixing tables).
* **multiplex ties** are collapsed: the weight of ``u -> v`` is the sum of the
  weights of the kept relations from ``u`` to ``v``; ``trust`` is the largest
  trust reported on any of them; ``relations`` lists them.
* **undirected view**, ``rule="either"`` (a tie exists if either side reports
  it, weight ``w(u,v) + w(v,u)``, as in Burt's ``z_ij + z_ji``) or
  ``rule="both"`` (only ties both sides confirm).
* self-loops are dropped (self-nominations are counted by the importers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import scipy.sparse as sp

from alliances.errors import MissingWorldWarning
from alliances.errors import warn as warn_once
from alliances.i18n import N_
from alliances.model import Arcs, check_graph, is_missing, iter_ties, node_order, read_arcs

__all__ = [
    "TieMatrix",
    "matrix_from_arcs",
    "reciprocity",
    "tie_graph",
    "tie_matrix",
]

Rule = Literal["either", "both"]


def resolve_relations(G: nx.Graph, relations: str | Iterable[str] | None) -> frozenset[str] | None:
    """Normalise a ``relations=`` argument: None (all), or a set of relation names.

    Raises
    ------
    ValueError
        If a requested relation does not occur in the graph (lists those that do).
    """
    if relations is None:
        return None
    present = {tie.relation for tie in iter_ties(G, weight=None, self_loops=True)}
    return check_relations(relations, present, has_ties=G.number_of_edges() > 0)


def check_relations(relations: str | Iterable[str], present: Iterable, *, has_ties: bool) -> frozenset[str]:
    """Return ``relations`` as a set, or raise ValueError naming those not in ``present``."""
    wanted = frozenset([relations] if isinstance(relations, str) else relations)
    present = set(present)
    unknown = sorted(wanted - present)
    if unknown and has_ties:
        raise ValueError(
            f"relation(s) {', '.join(map(repr, unknown))} not found in the graph; "
            f"relations present: {', '.join(sorted(map(str, present))) or 'none'}"
        )
    return wanted


def _iter_kept_arcs(G: nx.Graph, relations: frozenset[str] | None, signed: bool, weight: str | None):
    """Yield (u, v, relation, weight, trust, sign) for each kept arc (both ways if the tie is undirected)."""
    for tie in iter_ties(G, weight=weight):
        if relations is not None and tie.relation not in relations:
            continue
        if tie.sign < 0 and not signed:
            continue
        yield tie.source, tie.target, tie.relation, tie.weight, tie.trust, tie.sign
        if not G.is_directed():
            yield tie.target, tie.source, tie.relation, tie.weight, tie.trust, tie.sign


def tie_graph(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    directed: bool = True,
    rule: Rule = "either",
    weight: str | None = "weight",
    signed: bool = False,
) -> nx.DiGraph | nx.Graph:
    """Collapse an actor graph into a simple tie graph (one edge per pair).

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or any ``Graph``/``DiGraph``.
    relations : str or iterable of str, optional
        Relations to keep (default: all).
    directed : bool, default True
        Return a ``DiGraph`` (who reports whom) or a ``Graph``.
    rule : {"either", "both"}, default "either"
        For the undirected view: keep a tie if either side reports it, or only
        if both do.
    weight : str or None, default "weight"
        Edge attribute holding tie strength; None counts every tie as 1.
    signed : bool, default False
        Keep negative ties (their weight is then negative).

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Every actor of ``G`` (isolates included, with their attributes), nodes
        added in sorted order; edge attributes ``weight``, ``trust`` (max,
        or None), ``relations`` (sorted tuple) and ``sign``. ``G`` is not
        modified.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="collaboration", weight=2.0)
    'collaboration'
    >>> G.add_edge("a", "b", key="information", weight=1.0)
    'information'
    >>> G.add_edge("b", "a", key="conflict", sign=-1)
    'conflict'
    >>> H = tie_graph(G)
    >>> H.edges["a", "b"]["weight"], H.edges["a", "b"]["relations"], H.has_edge("b", "a")
    (3.0, ('collaboration', 'information'), False)
    >>> tie_graph(G, directed=False, rule="both").number_of_edges()
    0
    """
    check_graph(G, caller="tie_graph")
    if rule not in ("either", "both"):
        raise ValueError(f'rule must be "either" or "both", got {rule!r}')
    rels = resolve_relations(G, relations)
    arcs: dict[tuple, dict[str, Any]] = {}
    for u, v, rel, w, trust, sign in _iter_kept_arcs(G, rels, signed, weight):
        entry = arcs.get((u, v))
        if entry is None:
            arcs[(u, v)] = {"weight": w * sign, "trust": trust, "relations": {rel}, "sign": sign}
        else:
            entry["weight"] += w * sign
            entry["relations"].add(rel)
            entry["sign"] = min(entry["sign"], sign)
            if trust is not None and (entry["trust"] is None or trust > entry["trust"]):
                entry["trust"] = trust
    order = node_order(G)
    H: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.graph.update({k: v for k, v in G.graph.items() if k != "import_report"})
    for n in order:
        H.add_node(n, **G.nodes[n])
    index = {n: i for i, n in enumerate(order)}
    keys = sorted(arcs, key=lambda e: (index[e[0]], index[e[1]]))
    if directed:
        for u, v in keys:
            e = arcs[(u, v)]
            H.add_edge(u, v, weight=e["weight"], trust=e["trust"],
                       relations=tuple(sorted(map(str, e["relations"]))), sign=e["sign"])
        return H
    for u, v in keys:
        a, b = (u, v) if index[u] < index[v] else (v, u)
        if H.has_edge(a, b):
            continue
        forward, backward = arcs.get((a, b)), arcs.get((b, a))
        if rule == "both" and (forward is None or backward is None):
            continue
        parts = [p for p in (forward, backward) if p is not None]
        trusts = [p["trust"] for p in parts if p["trust"] is not None]
        H.add_edge(
            a, b,
            weight=sum(p["weight"] for p in parts),
            trust=max(trusts) if trusts else None,
            relations=tuple(sorted({str(r) for p in parts for r in p["relations"]})),
            sign=min(p["sign"] for p in parts),
            reciprocated=len(parts) == 2,
        )
    return H


@dataclass(frozen=True)
class TieMatrix:
    """A compact, canonical form of the tie graph for fast measures.

    Attributes
    ----------
    nodes : list
        Actor ids in canonical (sorted) order; row/column ``i`` is ``nodes[i]``.
    index : dict
        Actor id -> row number.
    weights : scipy.sparse.csr_array
        Directed ``n x n`` matrix of summed tie weights (positive ties only
        unless built with ``signed=True``); zero diagonal.
    """

    nodes: list
    index: dict
    weights: sp.csr_array
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def n(self) -> int:
        return len(self.nodes)

    def binary(self) -> sp.csr_array:
        """Directed 0/1 adjacency (``A[i, j] = 1`` if ``i`` reports a tie to ``j``)."""
        if "binary" not in self._cache:
            A = self.weights.copy()
            A.data = np.ones_like(A.data)
            A.eliminate_zeros()
            self._cache["binary"] = A.tocsr()
        return self._cache["binary"]

    def binary_undirected(self, rule: Rule = "either") -> sp.csr_array:
        """0/1 symmetric int64 adjacency: a tie if either side reports it (or both, ``rule="both"``)."""
        key = ("binary_undirected", rule)
        if key not in self._cache:
            S = self.undirected(rule, weighted=False).copy()
            S.data = np.ones(S.data.shape, dtype=np.int64)
            self._cache[key] = S
        return self._cache[key]

    def undirected(self, rule: Rule = "either", *, weighted: bool = True) -> sp.csr_array:
        """Symmetric matrix: ``W + W.T`` (rule "either") or reciprocated ties only ("both")."""
        key = ("undirected", rule, weighted)
        if key not in self._cache:
            W = self.weights if weighted else self.binary()
            S = (W + W.T).tocsr()
            if rule == "both":
                B = self.binary()
                mutual = B.multiply(B.T).tocsr()
                S = S.multiply(mutual).tocsr()
            elif rule != "either":
                raise ValueError(f'rule must be "either" or "both", got {rule!r}')
            S.eliminate_zeros()
            S.sort_indices()
            self._cache[key] = S
        return self._cache[key]


def tie_matrix(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = "weight",
    signed: bool = False,
) -> TieMatrix:
    """Build the compact sparse form of the tie graph (same rules as :func:`tie_graph`).

    Examples
    --------
    >>> G = nx.MultiDiGraph([("b", "a"), ("a", "c"), ("a", "c")])
    >>> T = tie_matrix(G)
    >>> T.nodes, T.weights.toarray().tolist()
    (['a', 'b', 'c'], [[0.0, 0.0, 2.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    """
    check_graph(G, caller="tie_matrix")
    if weight in (None, "weight"):
        arcs = read_arcs(G)
        rels = None if relations is None else check_relations(
            relations, arcs.present, has_ties=G.number_of_edges() > 0)
        return matrix_from_arcs(arcs, rels, weighted=weight is not None, signed=signed)
    rels = resolve_relations(G, relations)
    nodes = node_order(G)
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, _rel, w, _trust, sign in _iter_kept_arcs(G, rels, signed, weight):
        rows.append(index[u])
        cols.append(index[v])
        vals.append(w * sign)
    return _matrix(nodes, index, np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                   np.asarray(vals, dtype=float))


def matrix_from_arcs(arcs: Arcs, relations: frozenset | None, *, weighted: bool,
                     signed: bool) -> TieMatrix:
    """The :class:`TieMatrix` of an :class:`~alliances.model.Arcs` table (same rules as :func:`tie_matrix`).

    Examples
    --------
    >>> from alliances.model import read_arcs
    >>> T = matrix_from_arcs(read_arcs(nx.MultiDiGraph([("a", "b"), ("a", "b")])), None,
    ...                      weighted=True, signed=False)
    >>> T.weights.toarray().tolist()
    [[0.0, 2.0], [0.0, 0.0]]
    """
    mask = arcs.keep(relations, signed)
    sign = arcs.sign[mask].astype(float)
    vals = arcs.weight[mask] * sign if weighted else sign
    return _matrix(arcs.nodes, arcs.index, arcs.u[mask], arcs.v[mask], vals)


def _matrix(nodes: list, index: dict, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> TieMatrix:
    n = len(nodes)
    W = sp.coo_array((vals, (rows, cols)), shape=(n, n)).tocsr()  # several relations summed here
    W.eliminate_zeros()
    W.sort_indices()
    return TieMatrix(nodes=nodes, index=index, weights=W)


def group_labels(
    G: nx.Graph,
    attr: str = "sector",
    nodes: list | None = None,
    *,
    warn: bool = True,
    lang: str | None = None,
) -> list[Any]:
    """Return the group (``attr`` value) of each node, in ``nodes`` order.

    Missing values are None; a warning (:class:`~alliances.errors.MissingWorldWarning`,
    in ``lang``, None: the environment's language) says how many actors have
    no group and names them (their labels, the first five), since group-based
    measures then treat them as a group of their own ("unknown"). It is given
    once per graph and attribute (:func:`alliances.errors.warn`), however
    many analyses meet it.

    Examples
    --------
    >>> G = nx.Graph(); G.add_node("a", sector="public"); G.add_node("b")
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     group_labels(G, "sector")
    ['public', None]
    """
    nodes = node_order(G) if nodes is None else nodes
    labels = []
    missing = []
    for n in nodes:
        value = G.nodes[n].get(attr)
        if is_missing(value) or value == "":
            labels.append(None)
            missing.append(n)
        else:
            labels.append(value)
    if missing and warn:
        _warn_missing_groups(G, attr, missing, len(nodes), lang)
    return labels


#: at most this many actors named in the warning; "and N more" names the rest by number
NAMED_MISSING = 5


def _warn_missing_groups(G: nx.Graph, attr: str, missing: list, total: int,
                         lang: str | None = None) -> None:
    # labels, not ids: the user recognises "Asso Vélo Antony", not "asso-velo-antony";
    # six names rather than "and 1 more", so that "more" is always a plural
    shown = missing if len(missing) <= NAMED_MISSING + 1 else missing[:NAMED_MISSING]
    names = ", ".join(_label(G, n) for n in shown)
    fields = {"n": len(missing), "total": total, "attr": attr, "names": names}
    # analyses silence this cause by its category while they run (it is said once, by
    # the user's own call): a filter on its English words would miss the French text
    if len(missing) == 1:
        template = N_("{n} of {total} actors have no '{attr}': {names}. It is treated as one "
                      "group 'unknown'. Add it to the actor registry to fix this.")
    elif len(shown) == len(missing):
        template = N_("{n} of {total} actors have no '{attr}': {names}; they are treated as one "
                      "group 'unknown'. Add them to the actor registry to fix this.")
    else:
        template = N_("{n} of {total} actors have no '{attr}': {names} and {more} more; they are "
                      "treated as one group 'unknown'. Add them to the actor registry to fix this.")
        fields["more"] = len(missing) - len(shown)
    warn_once(template, once=G, category=MissingWorldWarning, lang=lang, **fields)


def _label(G: nx.Graph, n: Any) -> str:
    label = G.nodes[n].get("label")
    return str(n) if is_missing(label) or label == "" else str(label)


def reciprocity(G: nx.Graph, *, relations: str | Iterable[str] | None = None) -> float:
    """Share of reported ties that the other side also reports.

    ``r = (number of arcs u->v whose reverse v->u exists) / (number of arcs)``
    on the positive directed tie graph (Wasserman & Faust 1994, p. 515, the
    arc-based reciprocity also computed by ``networkx.reciprocity``). NaN when
    there is no tie. With many non-respondents, one-sided ties are expected:
    read it on the ties among respondents.

    Examples
    --------
    >>> reciprocity(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
    0.6666666666666666
    """
    check_graph(G, caller="reciprocity")
    T = tie_matrix(G, relations=relations, weight=None)
    B = T.binary()
    arcs = B.nnz
    if arcs == 0:
        return float("nan")
    return float(B.multiply(B.T).nnz) / arcs
