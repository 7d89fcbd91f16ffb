"""Hybrid actors: who spans several worlds.

A *hybrid actor* (CASES.md, condition 1) belongs to, or works with, several
worlds (local authorities, companies, associations, research, citizens,
intermediaries) and can translate between their languages. We look at it from
three sides, each a column of :func:`hybrid_actors`:

* **reach**: how many worlds the actor's ties touch (``worlds``);
* **balance**: how evenly its ties are spread over worlds, the participation
  coefficient of Guimerà & Amaral (2005) (``participation``);
* **bridging**: how often it sits between actors of different worlds, the
  cross-group brokerage roles of Gould & Fernandez (1989)
  (``cross_brokerage``);

plus what the actor says of itself (``declared``: several sectors in the
actor registry). The formulas are in :func:`hybrid_actors` and in
``docs/methods/hybrids.md``.

The private helpers at the bottom (respondent detection, display labels) are
shared by :mod:`~alliances.analysis.intermediaries`,
:mod:`~alliances.analysis.introductions` and :mod:`~alliances.analysis.table`.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Hashable, Iterable
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from alliances._deprecation import keyword_only
from alliances.analysis import _fast
from alliances.analysis.context import ALPHA, DRAWS, AnalysisContext, context_for
from alliances.analysis.display import count_text, decimal_text, general_text
from alliances.analysis.views import Rule, node_order
from alliances.errors import MissingWorldWarning
from alliances.i18n import pgettext, resolve_lang, translation
from alliances.model import SECTOR_LABELS_FR, SECTORS, check_graph, tuple_value

__all__ = ["hybrid_actors"]

#: Default flag thresholds (documented in docs/methods/hybrids.md).
MIN_WORLDS = 3
MIN_PARTICIPATION = 0.4
MIN_SCORE = 0.0
#: z-units added to the ranking score when the actor declares several sectors its trusted ties reach
DECLARED_BONUS = 1.0

CROSS_ROLES = ("itinerant", "representative", "gatekeeper", "liaison")
ROLE_COLUMNS = ("coordinator", *CROSS_ROLES, "total")


@keyword_only("attr")
def hybrid_actors(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    weighted: bool = False,
    rule: Rule = "either",
    min_worlds: int = MIN_WORLDS,
    min_participation: float = MIN_PARTICIPATION,
    min_score: float = MIN_SCORE,
    context: AnalysisContext | None = None,
    seed: int = 0,
    draws: int = DRAWS,
    alpha: float = ALPHA,
    trust_threshold: float = 0.7,
    resamples: int | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    r"""Find the hybrid actors: those whose trusted ties span several worlds beyond chance.

    Everything is computed on the undirected tie graph of positive ties
    (conflicts and negative mentions never make a bridge), except the
    brokerage roles, which need the direction of ties.

    * ``worlds``: number of distinct groups (``attr`` values) among the actor's
      neighbours, **its own group included** (an isolated actor with a known
      group has 1 world). Neighbours with no group are not counted as a world.
    * ``participation`` (Guimerà & Amaral 2005):

      .. math:: P_i = 1 - \sum_s \left(\frac{k_{is}}{k_i}\right)^2

      where :math:`k_{is}` is the number of the actor's neighbours in group
      :math:`s` (their summed tie weights if ``weighted=True``) and
      :math:`k_i` the sum over all known groups. 0 when every tie stays in one
      world; at most :math:`1 - 1/W` with :math:`W` worlds in the network.
      NaN for an actor with no tie to an actor of known group.
    * ``declared``: True when the actor declares several sectors
      (node attribute ``sectors`` plus ``sector``); ``declared_sectors`` is
      how many.
    * ``cross_brokerage``: itinerant + representative + gatekeeper + liaison
      counts of :func:`~alliances.brokerage_roles`: open two-paths
      ``a -> i -> c`` where the actor ``i`` links actors of different worlds
      or links its world to another.

    **Score** (0..1), the mean of four parts, each 0..1:

    .. math::

        \text{score}_i = \tfrac14\Big(\underbrace{\tfrac{w_i-1}{W-1}}_{\text{reach}}
        + \underbrace{\min\!\big(1, \tfrac{P_i}{1-1/W}\big)}_{\text{balance}}
        + \underbrace{\tfrac{\ln(1+b_i)}{\ln(1+\max_j b_j)}}_{\text{bridging}}
        + \underbrace{[\text{declares}\ge 2\text{ sectors}]}_{\text{declared}}\Big)

    with :math:`w_i` = worlds, :math:`W` = number of known groups in the
    network, :math:`b_i` = cross_brokerage (log-scaled because two-path
    counts grow with the square of degree). Reach says how many worlds,
    balance whether the actor really works in each of them rather than with
    one and a token contact elsewhere, bridging whether the others need it to
    reach each other, declared what the actor says of itself. A part whose
    denominator is 0 counts 0.

    **Flag** ``is_hybrid``: ``score >= min_score`` (0.6: clearly above the
    midpoint of the four parts, a real presence in several worlds rather than
    a couple of ties that happen to fall in two of them)
    and either ``worlds >= min_worlds`` (its own world and at least two
    others) with ``participation >= min_participation`` (no single world
    holds much more than three quarters of its ties), or it declares several
    sectors and has ties into at least two worlds. The bridging part is
    relative to the network's top broker, so the flag is partly relative too:
    read ``score`` and ``reason`` rather than the flag alone.

    **Non-respondents**: an actor named by others but who never answered the
    survey is seen only through others' answers (``partial_view`` True; its
    outgoing ties and brokerage are unknown, its worlds are a lower bound).
    It keeps its score and flag, but the table ranks complete views first
    within the flagged and within the unflagged actors, and ``reason`` says so.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or a ``Graph``/``DiGraph``.
    attr : str, default "sector"
        Node attribute holding the group ("world").
    relations : str or iterable of str, optional
        Relations that count as ties (default: every positive tie).
    weighted : bool, default False
        Use tie weights (frequency) in the participation coefficient.
    rule : {"either", "both"}, default "either"
        Undirected tie rule: a tie exists if either side reports it, or only
        if both confirm it.
    min_worlds : int, default 3
        Flag threshold on ``worlds``.
    min_participation : float, default 0.4
        Flag threshold on ``participation``.
    min_score : float, default 0.6
        Flag threshold on ``score``.
    lang : {'en', 'fr'}, optional
        Language of the ``reason`` sentences (default: the environment's,
        ``ALLIANCES_LANG`` then the locale, English otherwise). Column names
        stay English identifiers (:func:`~alliances.analysis.display.display_table`
        translates headers).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``"id"``), columns ``label, sector, worlds,
        world_list, participation, declared, declared_sectors, degree,
        cross_brokerage, coordinator, itinerant, representative, gatekeeper,
        liaison, reach, balance, bridging, score, is_hybrid, respondent,
        partial_view, reason``; flagged first, then by complete view, score
        (descending) and id. ``G`` is not modified.

    References
    ----------
    Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex
    metabolic networks. *Nature* 433, 895-900.
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation.
    *Sociological Methodology* 19, 89-126.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("hub", {"sector": "public"}), ("a", {"sector": "public"}),
    ...                   ("b", {"sector": "company"}), ("c", {"sector": "research"})])
    >>> G.add_edges_from([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> t = hybrid_actors(G)
    >>> int(t.loc["hub", "worlds"]), round(float(t.loc["hub", "participation"]), 3)
    (3, 0.667)
    >>> bool(t.loc["hub", "is_hybrid"])
    False
    >>> int(t.loc["b", "worlds"]), bool(t.loc["b", "is_hybrid"])
    (2, False)
    """
    check_graph(G, needs=(attr,), caller="hybrid_actors")
    ctx = context_for(G, context, attr=attr, relations=relations, rule=rule, seed=seed,
                      draws=draws, alpha=alpha, trust_threshold=trust_threshold,
                      resamples=resamples, lang=lang)
    with _fast.shared(G):  # brokerage and worlds read the same tie matrix
        roles = brokerage_frame(G, ctx.attr, relations)
        return hybrid_frame(
            G, ctx.groups, roles, context=ctx,
            relations=relations, weighted=weighted, rule=rule,
            min_worlds=min_worlds, min_participation=min_participation, min_score=min_score,
            lang=resolve_lang(lang),
        )


# --------------------------------------------------------------------------- internals


def brokerage_frame(G: nx.Graph, attr: str, relations: Any) -> pd.DataFrame:
    """Brokerage role counts (those of :func:`~alliances.brokerage_roles`), group warning silenced."""
    from alliances.analysis.brokerage import brokerage_counts

    with warnings.catch_warnings():
        # group_labels already warned once for this call
        warnings.filterwarnings("ignore", category=MissingWorldWarning)
        return brokerage_counts(G, attr, relations)


def hybrid_frame(
    G: nx.Graph,
    groups: dict[Hashable, Any],
    roles: pd.DataFrame | None,
    *,
    relations: Any = None,
    weighted: bool = False,
    rule: Rule = "either",
    min_worlds: int = MIN_WORLDS,
    min_participation: float = MIN_PARTICIPATION,
    min_score: float = MIN_SCORE,
    sort: bool = True,
    context: AnalysisContext,
    lang: str | None = None,
) -> pd.DataFrame:
    """Hybrid table from precomputed pieces (groups, brokerage roles, the shared context).

    Rows in canonical actor order when ``sort`` is False (for callers that
    reorder them anyway), else sorted as :func:`hybrid_actors` returns them.

    Neighbour counts per world are one sparse product (undirected 0/1 tie
    matrix times the actor x world indicator), so the cost is linear in ties;
    only the sentences are written actor by actor.
    """
    nodes = node_order(G)
    n = len(nodes)
    wt = _world_ties(G, nodes, groups, relations=relations, weighted=weighted, rule=rule)
    W, participation, worlds, degree = (
        len(wt.known), wt.participation, wt.worlds, wt.degree)

    respondent = shared_respondent_flags(G)
    cross = _cross_counts(roles, nodes)
    b_arr = np.array([cross[m] for m in nodes], dtype=np.int64)
    max_cross = int(b_arr.max()) if n else 0
    role_counts = _role_table(roles, nodes)
    node_data = G._node  # the attribute dicts themselves: G.nodes[m] is the same dict, slower
    declared_lists = [_declared(node_data[m]) for m in nodes]
    declared_n = np.array([len(d) for d in declared_lists], dtype=np.int64)
    declared = declared_n >= 2

    reach = np.where((worlds > 0) & (W > 1), (worlds - 1) / max(W - 1, 1), 0.0)
    pmax = 1.0 - 1.0 / W if W > 1 else 0.0
    with np.errstate(invalid="ignore"):
        balance = (np.where(np.isnan(participation), 0.0, np.minimum(1.0, participation / pmax))
                   if pmax > 0 else np.zeros(n))
    bridging = np.log1p(b_arr) / math.log1p(max_cross) if max_cross > 0 else np.zeros(n)

    # the flag: trusted ties balanced over worlds beyond chance (shared null model)
    ctx = context
    tc, null = ctx.trust_counts(), ctx.null()
    q = ctx.qvalues()
    declared_codes = [[ctx.known.index(x) for x in d if x in ctx.known] for d in declared_lists]
    hf = _hybrid_flags(ctx, tc, null, q, declared_codes, min_worlds=min_worlds,
                       min_participation=min_participation, min_score=min_score)
    flag, score = hf["flag"], hf["score"]
    stability = ctx.stability(
        ("hybrid", min_worlds, min_participation, min_score),
        lambda tc_r, null_r, q_r, _b: _hybrid_flags(
            ctx, tc_r, null_r, q_r, declared_codes, min_worlds=min_worlds,
            min_participation=min_participation, min_score=min_score)["flag"])
    partial = np.array([not respondent[m] for m in nodes], dtype=bool)
    tested_n = int(null.tested.sum())

    world_lists, reasons = _world_lists_and_reasons(
        nodes, groups, wt, declared=declared, declared_lists=declared_lists, cross=b_arr,
        flag=flag, partial=partial, weighted=weighted, lang=resolve_lang(lang),
        evidence={"tc": tc, "null": null, "q": q, "tw": hf["trusted_worlds"], "known": ctx.known,
                  "alpha": ctx.alpha, "tested": tested_n, "stability": stability,
                  "resamples": len(ctx.resample_evidence())})
    cols_data: dict[str, Any] = {
        "label": object_column(node_labels(G)),
        "sector": object_column([groups.get(m) for m in nodes]),
        "worlds": worlds.astype("int64"),
        "world_list": object_column(world_lists),
        "participation": participation.astype(float),
        "declared": declared,
        "declared_sectors": declared_n,
        "degree": degree.astype("int64"),
        "cross_brokerage": b_arr,
    }
    for c in ROLE_COLUMNS[:-1]:
        cols_data[c] = np.array([role_counts[m][c] for m in nodes], dtype=np.int64)
    cols_data.update({
        "reach": reach.astype(float), "balance": balance.astype(float),
        "bridging": np.asarray(bridging, dtype=float), "score": score.astype(float),
        "is_hybrid": flag, "respondent": ~partial, "partial_view": partial,
        "reason": object_column(reasons),
        "trusted_ties": tc.trusted_by.astype("int64"),
        "trusted_worlds": hf["trusted_worlds"].astype("int64"),
        "trusted_participation": null.participation.astype(float),
        "expected_participation": null.expected.astype(float),
        "excess": null.excess.astype(float),
        "z": null.z.astype(float), "p": null.p.astype(float), "q": q.astype(float),
        "declares": object_column([tuple(d) if len(d) >= 2 else () for d in declared_lists]),
        "stability": stability.astype(float),
    })
    frame = pd.DataFrame(cols_data, index=pd.Index(nodes, name="id", dtype=object))
    return sort_frame(frame, "score", flag="is_hybrid", partial="partial_view") if sort else frame


def _hybrid_flags(ctx: AnalysisContext, tc, null, q: np.ndarray, declared_codes: list, *,
                  min_worlds: int, min_participation: float, min_score: float) -> dict[str, np.ndarray]:
    """Flag, score and worlds of trusted ties (own world counted) of every actor.

    Flag: tested (ties to 2 actors of known world or more), BH-adjusted
    p-value at most alpha, trusted by actors of worlds that with its own make
    at least ``min_worlds``, trust-weighted participation at least
    ``min_participation`` and score at least ``min_score``. Score: ``z' / (1 + z')`` with ``z' = max(z, 0)``
    plus :data:`DECLARED_BONUS` when the actor declares several sectors and its
    trusted ties reach one of them besides its main one (declared sectors raise
    the score, never create the flag).
    """
    n, W = ctx.n, ctx.n_worlds
    code = ctx.code
    rows, cols = tc.trusted_rows, tc.trusted_cols
    cc = code[cols] if cols.size else np.zeros(0, dtype=np.int64)
    ok = cc >= 0
    pairs = np.unique(rows[ok] * (W + 1) + cc[ok]) if ok.any() else np.zeros(0, dtype=np.int64)
    pr, pc = pairs // (W + 1), pairs % (W + 1)
    tw = np.bincount(pr, minlength=n)
    own_in = np.zeros(n, dtype=bool)
    own_in[pr[pc == code[pr]]] = True
    tw = tw + ((code >= 0) & ~own_in)
    reached = [set() for _ in range(n)] if any(len(d) >= 2 for d in declared_codes) else None
    bonus = np.zeros(n)
    if reached is not None:
        for r, c in zip(pr.tolist(), pc.tolist(), strict=True):
            reached[r].add(c)
        for i, d in enumerate(declared_codes):
            if len(d) >= 2 and any(c in reached[i] and c != code[i] for c in d):
                bonus[i] = DECLARED_BONUS
    z = np.nan_to_num(null.z, nan=0.0)
    zt, _ = ctx.trust_test(tc)
    zc = np.where(null.tested, np.maximum(z, 0.0) + np.maximum(zt, 0.0) + bonus, 0.0)
    score = zc / (1.0 + zc)
    with np.errstate(invalid="ignore"):
        flag = (null.tested & (np.nan_to_num(null.p, nan=1.0) <= ctx.alpha)
                & (np.nan_to_num(q, nan=1.0) <= ctx.alpha) & (tw >= min_worlds)
                & (np.nan_to_num(null.participation, nan=0.0) >= min_participation)
                & (score >= min_score))
    return {"flag": flag, "score": score, "trusted_worlds": tw}


class _WorldTies(NamedTuple):
    """Each actor's ties counted by the world of the other end (rows in ``nodes`` order)."""

    known: list            # the worlds present, sorted
    has: np.ndarray        # actor has a known world
    counts: sp.csr_array   # actor x world: number of tied actors of that world
    values: np.ndarray     # the counts (or summed weights) of ``counts``' entries, in CSR order
    participation: np.ndarray
    ties_to_worlds: np.ndarray
    worlds: np.ndarray
    unknown_neighbours: np.ndarray
    degree: np.ndarray


def _world_ties(G: nx.Graph, nodes: list, groups: dict[Hashable, Any], *, relations: Any,
                weighted: bool, rule: Rule) -> _WorldTies:
    """Neighbours per world as one sparse product (0/1 tie matrix times actor x world indicator).

    ``participation`` is Guimerà & Amaral's ``1 - sum_s (k_s / k)^2`` over
    worlds; ``worlds`` counts the worlds an actor has ties into plus its own.
    """
    n = len(nodes)
    T = _fast.tie_matrix(G, relations=relations, weight=None)
    B = _fast.binary_undirected(T, rule)  # who is tied to whom (presence)
    known = sorted({g for g in groups.values() if g is not None}, key=str)
    W = len(known)
    code_of = {g: i for i, g in enumerate(known)}
    code = np.array([code_of.get(groups.get(m), -1) if groups.get(m) is not None else -1
                     for m in nodes], dtype=np.int64)
    has = code >= 0
    M = sp.csr_array((np.ones(int(has.sum())), (np.flatnonzero(has), code[has])), shape=(n, max(W, 1)))
    P = (B @ M).tocsr()  # neighbours per world (counts)
    P.sum_duplicates()
    P.sort_indices()
    P_rows = np.repeat(np.arange(n), np.diff(P.indptr))
    P_cols = P.indices
    if weighted:
        Tw = _fast.tie_matrix(G, relations=relations, weight="weight")
        K = (Tw.undirected(rule, weighted=True) @ M).tocsr()
        values = np.asarray(K[P_rows, P_cols], dtype=float).ravel() if P_rows.size else np.zeros(0)
    else:
        values = P.data.astype(float)
    k = np.bincount(P_rows, weights=values, minlength=n)
    squares = np.bincount(P_rows, weights=values * values, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        # (k^2 - sum k_s^2) / k^2: exact for tie counts, so printed values round as expected
        participation = np.where(k > 0, (k * k - squares) / (k * k), np.nan)
    ties_to_worlds = np.diff(P.indptr)
    own_tied = np.zeros(n, dtype=bool)
    if n and has.any():
        own_tied[has] = np.asarray(P[np.flatnonzero(has), code[has]]).ravel() > 0
    worlds = ties_to_worlds + (has & ~own_tied)
    unknown_nb = np.asarray(B @ (~has).astype(np.int64)).ravel() if n else np.zeros(0, dtype=np.int64)
    return _WorldTies(known=known, has=has, counts=P, values=values, participation=participation,
                      ties_to_worlds=ties_to_worlds, worlds=worlds, unknown_neighbours=unknown_nb,
                      degree=np.diff(B.indptr))


def _world_lists_and_reasons(nodes: list, groups: dict[Hashable, Any], wt: _WorldTies, *,
                             declared: np.ndarray, declared_lists: list, cross: np.ndarray,
                             flag: np.ndarray, partial: np.ndarray,
                             weighted: bool, evidence: dict, lang: str) -> tuple[list, list]:
    """Each actor's worlds (most tied first, then by name; own world first if untied) and sentence."""
    words = HybridWords(lang, weighted)
    P = wt.counts
    P_rows = np.repeat(np.arange(len(nodes)), np.diff(P.indptr))
    order = np.lexsort((P.indices, -wt.values, P_rows)) if P_rows.size else np.zeros(0, dtype=np.int64)
    sorted_cols = P.indices[order].tolist()
    sorted_vals = wt.values[order].tolist()
    bounds = P.indptr.tolist()
    world_lists, reasons = [], []
    for i, m in enumerate(nodes):
        cols = sorted_cols[bounds[i]:bounds[i + 1]]
        vals = sorted_vals[bounds[i]:bounds[i + 1]]
        ordered = [wt.known[c] for c in cols]
        per_group = dict(zip(ordered, vals, strict=True))
        own = groups.get(m)
        if own is not None and own not in per_group:
            ordered = [own, *ordered]
        world_lists.append(tuple(ordered))
        reasons.append(_hybrid_reason(ordered, per_group, groups.get(m),
                                      float(wt.participation[i]), bool(declared[i]),
                                      declared_lists[i], int(cross[i]), bool(flag[i]),
                                      bool(partial[i]), int(wt.unknown_neighbours[i]), words,
                                      _test_sentence(i, evidence, words)))
    return world_lists, reasons


def object_column(values: list) -> np.ndarray:
    """1-d object array (keeps None, tuples and text as they are, whatever pandas' string default)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _cross_counts(roles: pd.DataFrame | None, nodes: list) -> dict[Hashable, int]:
    if roles is None or roles.empty:
        return dict.fromkeys(nodes, 0)
    cols = [c for c in CROSS_ROLES if c in roles.columns]
    total = roles[cols].sum(axis=1) if cols else pd.Series(0, index=roles.index)
    values = total.reindex(nodes).fillna(0).astype("int64").tolist()
    return {n: int(v) for n, v in zip(nodes, values, strict=True)}


def _role_table(roles: pd.DataFrame | None, nodes: list) -> dict[Hashable, dict[str, int]]:
    """Role counts per actor as plain dicts (0 where the brokerage table has no value)."""
    cols = ROLE_COLUMNS[:-1]
    if roles is None or roles.empty:
        return {n: dict.fromkeys(cols, 0) for n in nodes}
    present = [c for c in cols if c in roles.columns]
    block = roles[present].reindex(nodes).fillna(0).astype("int64")
    values = {c: block[c].tolist() for c in present}
    return {n: {c: int(values[c][i]) if c in values else 0 for c in cols}
            for i, n in enumerate(nodes)}


def _declared(data: dict) -> list:
    seen: list = []
    values = [data.get("sector"), *(tuple_value(data.get("sectors")))]
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
            continue
        if v not in seen:
            seen.append(v)
    return seen


class HybridWords:
    """The templates of the hybrid sentences in one language, translated once per call.

    A table of 10^5 actors writes 10^5 sentences: every template is looked
    up here once, plural forms through the catalogue's own plural rule.
    """

    def __init__(self, lang: str, weighted: bool = False) -> None:
        self.lang = lang
        tr = translation(lang)
        # the plural rule is a Python expression: evaluated once per message and count
        self.ngettext = functools.lru_cache(maxsize=None)(tr.ngettext)
        self.sep = tr.gettext("; ")
        self.untested = tr.gettext(
            "too few ties to actors of known world to test against chance "
            "(trust-weighted strength {strength})")
        self.balance = tr.gettext(
            "balance of its ties weighted by trust (strength {strength}) {participation}, "
            "{expected} expected from the network's mixing")
        self.kept = tr.gettext("kept in {kept} of {resamples} non-response resamples")
        self.no_tie = tr.gettext("no positive tie to an actor of known world")
        self.participation = tr.gettext("participation over all ties {participation}")
        self.declares = tr.gettext("declares: {worlds}")
        self.partial = tr.gettext("did not answer the survey: seen only through others' answers, "
                                  "its ties and brokerage are a lower bound")
        self.flagged = tr.gettext("hybrid: {text}")
        self.weighted = weighted
        self.world = WorldNames(lang)


    def trusted_by(self, n: int) -> str:
        return self.ngettext("trusted by {n} actor", "trusted by {n} actors", n).format(
            n=count_text(n, self.lang))

    def of_worlds(self, head: str, worlds: list[str]) -> str:
        k = len(worlds)
        return self.ngettext("{head} of {k} world ({worlds})", "{head} of {k} worlds ({worlds})",
                             k).format(head=head, k=k, worlds=", ".join(worlds))

    def chance(self, significant: bool, tested: int) -> str:
        if significant:
            return self.ngettext(
                "(z {z}, p {p} over {draws} random deals of the partners' worlds; significant at "
                "{alpha} after Benjamini-Hochberg over {tested} actor tested)",
                "(z {z}, p {p} over {draws} random deals of the partners' worlds; significant at "
                "{alpha} after Benjamini-Hochberg over {tested} actors tested)", tested)
        return self.ngettext(
            "(z {z}, p {p} over {draws} random deals of the partners' worlds; not significant at "
            "{alpha} after Benjamini-Hochberg over {tested} actor tested)",
            "(z {z}, p {p} over {draws} random deals of the partners' worlds; not significant at "
            "{alpha} after Benjamini-Hochberg over {tested} actors tested)", tested)

    def ties_into(self, others: int, listed: str) -> str:
        if self.weighted:
            text = self.ngettext("tie strength into {n} world besides its own: {listed}",
                                 "tie strength into {n} worlds besides its own: {listed}", others)
        else:
            text = self.ngettext("ties into {n} world besides its own: {listed}",
                                 "ties into {n} worlds besides its own: {listed}", others)
        return text.format(n=others, listed=listed)

    def open_paths(self, b: int) -> str:
        return self.ngettext(
            "sits on {n} open path from or to another world (Gould-Fernandez cross-group roles)",
            "sits on {n} open paths from or to another world (Gould-Fernandez cross-group roles)",
            b).format(n=count_text(b, self.lang))

    def unknown_neighbours(self, k: int) -> str:
        return self.ngettext("{n} neighbour of unknown world not counted",
                             "{n} neighbours of unknown world not counted", k).format(
            n=count_text(k, self.lang))


def _test_sentence(i: int, ev: dict, words: HybridWords) -> str:
    """What the null model says of actor i, in words."""
    null, tc = ev["null"], ev["tc"]
    lang = words.lang
    # null.k is a strength (ties weighted by the trust partners give), not a count of actors
    strength = decimal_text(float(null.k[i]), lang, 1)
    if not null.tested[i]:
        return words.untested.format(strength=strength)
    first, last = tc.world_bounds[i], tc.world_bounds[i + 1]
    worlds = [words.world(ev["known"][c]) for c in tc.world_codes[first:last]]
    head = words.trusted_by(int(tc.trusted_by[i]))
    if worlds:
        head = words.of_worlds(head, worlds)
    text = head + words.sep + words.balance.format(
        strength=strength, participation=decimal_text(null.participation[i], lang),
        expected=decimal_text(null.expected[i], lang))
    if null.draws:
        text += " " + words.chance(bool(ev["q"][i] <= ev["alpha"]), ev["tested"]).format(
            z=decimal_text(null.z[i], lang, 1), p=decimal_text(null.p[i], lang, 3),
            draws=count_text(null.draws if null.drawn is None else int(null.drawn[i]), lang),
            alpha=general_text(ev["alpha"], lang),
            tested=count_text(ev["tested"], lang))
    st = ev["stability"][i]
    if not math.isnan(st) and ev["resamples"]:
        text += words.sep + words.kept.format(kept=round(st * ev["resamples"]),
                                              resamples=ev["resamples"])
    return text


def _hybrid_reason(ordered, per_group, own, participation, declared, data, b, flag, pv,
                   unknown_nb, words: HybridWords, test) -> str:
    lang = words.lang
    parts = []
    if per_group:
        listed = ", ".join(_world_count(g, per_group[g], lang) for g in ordered if g in per_group)
        others = sum(1 for g in per_group if g != own)
        parts.append(words.ties_into(others, listed))
    else:
        parts.append(words.no_tie)
    if not math.isnan(participation):
        parts.append(words.participation.format(participation=decimal_text(participation, lang)))
    parts.append(test)
    if declared:
        parts.append(words.declares.format(worlds=", ".join(words.world(s) for s in data)))
    if b:
        parts.append(words.open_paths(b))
    if unknown_nb:
        parts.append(words.unknown_neighbours(unknown_nb))
    if pv:
        parts.append(words.partial)
    text = words.sep.join(parts)
    return words.flagged.format(text=text) if flag else text


@functools.lru_cache(maxsize=65536)
def _world_count(group: Hashable, count: float, lang: str = "en") -> str:
    """``"company (3)"``: memoised, a large table repeats the same few pieces 10^5 times."""
    return f"{sector_name(group, lang)} ({_fmt(count, lang)})"


def _fmt(x: float, lang: str = "en") -> str:
    return str(int(x)) if float(x).is_integer() else decimal_text(x, lang, 1)


# --------------------------------------------------------------------------- shared helpers


def node_label(G: nx.Graph, n: Hashable) -> str:
    """Display label of an actor (its id when it has none)."""
    return _label_of(n, G._node[n].get("label"))


def _label_of(n: Hashable, label: Any) -> str:
    if label is None or (isinstance(label, float) and math.isnan(label)) or label == "":
        return str(n)
    return str(label)


def node_labels(G: nx.Graph) -> list[str]:
    """:func:`node_label` of every actor in canonical order (shared inside a ``_fast.shared`` block)."""
    def build() -> list[str]:
        data = G._node
        return [_label_of(n, data[n].get("label")) for n in node_order(G)]

    return _fast.cached(G, ("node_labels",), build)


def shared_respondent_flags(G: nx.Graph) -> dict[Hashable, bool]:
    """:func:`respondent_flags` of every actor (shared inside a ``_fast.shared`` block; do not modify)."""
    return _fast.cached(G, ("respondent_flags",), lambda: respondent_flags(G))


class WorldNames:
    """:func:`sector_name` in one language, looked up once per world (sentences of one call)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.names: dict[Any, str] = {}

    def __call__(self, code: Any) -> str:
        try:
            return self.names[code]
        except KeyError:
            name = self.names[code] = sector_name(code, self.lang)
            return name
        except TypeError:  # an unhashable value: named every time
            return sector_name(code, self.lang)


def sector_name(code: Any, lang: str | None = None) -> str:
    """Readable name of a sector code in ``lang`` (the code itself for user-defined worlds).

    The default codes read as :data:`alliances.model.SECTORS` (English) or
    :data:`alliances.model.SECTOR_LABELS_FR` (French); a missing world is
    "unknown" ("inconnu"). ``lang`` None follows the environment.

    Examples
    --------
    >>> sector_name("association", "en"), sector_name("association", "fr")
    ('association / social economy', 'association / ESS')
    >>> sector_name(None, "fr"), sector_name("quartier Pajeaud", "fr")
    ('inconnu', 'quartier Pajeaud')
    """
    code_lang = resolve_lang(lang)
    if code is None:
        return pgettext("world", "unknown", code_lang)
    if not isinstance(code, str):
        return str(code)
    return (SECTOR_LABELS_FR if code_lang == "fr" else SECTORS).get(code, code)


def respondent_flags(G: nx.Graph, nodes: list | None = None) -> dict[Hashable, bool]:
    """Whether each actor answered the survey.

    The node attribute ``respondent`` when present. A graph where no actor has
    it (a plain networkx graph, not built from a survey) is taken as complete:
    everybody counts as a respondent. Otherwise an actor without the attribute
    counts as a respondent when it reports at least one tie.
    """
    nodes = node_order(G) if nodes is None else nodes
    data = G._node
    has_info = any(data[n].get("respondent") is not None for n in nodes)
    out = {}
    for n in nodes:
        value = data[n].get("respondent")
        if value is None or (isinstance(value, float) and math.isnan(value)):
            if not has_info:
                out[n] = True
            else:
                out[n] = bool(G.out_degree(n) if G.is_directed() else G.degree(n))
        else:
            out[n] = bool(value)
    return out


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", *columns])
    frame = frame.set_index("id")
    frame.index.name = "id"
    if not rows:
        frame.index = pd.Index([], name="id", dtype=object)
    return frame


def sort_frame(frame: pd.DataFrame, score: str, *, flag: str | None = None,
               partial: str | None = None) -> pd.DataFrame:
    """Sort by flag (True first), complete view first, score descending (NaN last), then id."""
    if frame.empty:
        return frame
    keys = pd.DataFrame(index=frame.index)
    by, asc = [], []
    if flag is not None:
        keys["_flag"] = ~frame[flag].astype(bool)
        by.append("_flag")
        asc.append(True)
    if partial is not None:
        keys["_partial"] = frame[partial].astype(bool)
        by.append("_partial")
        asc.append(True)
    keys["_score"] = -pd.to_numeric(frame[score], errors="coerce").fillna(-np.inf)
    keys["_id"] = [str(i) for i in frame.index]
    by += ["_score", "_id"]
    asc += [True, True]
    order = keys.sort_values(by, ascending=asc, kind="mergesort").index
    return frame.loc[order]
