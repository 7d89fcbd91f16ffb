"""Trusted intermediaries: well-placed brokers that others trust.

CASES.md, condition 5: trusted third parties are the "transmission belt" of a
territory. A good position is not enough (a funder on every path may be
feared rather than trusted) and trust is not enough (a well-liked actor inside
one world connects nobody). :func:`trusted_intermediaries` combines both; the
formulas are in its docstring and in ``docs/methods/intermediaries.md``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Hashable, Iterable
from concurrent.futures import Future
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from alliances._deprecation import keyword_only
from alliances.analysis import _fast
from alliances.analysis.context import ALPHA, DRAWS, AnalysisContext, context_for
from alliances.analysis.display import count_text, decimal_text, general_text
from alliances.analysis.hybrids import (
    WorldNames,
    node_labels,
    object_column,
    shared_respondent_flags,
    sort_frame,
)
from alliances.analysis.views import node_order
from alliances.i18n import resolve_lang, translation
from alliances.model import check_graph

__all__ = ["trusted_intermediaries"]

TRUST_THRESHOLD = 0.7
MIN_TRUSTED_BY = 3
MIN_TRUSTED_WORLDS = 3
MIN_POSITION = 0.1
MAX_NEGATIVE_SHARE = 1 / 3


@keyword_only("attr")
def trusted_intermediaries(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    trust_threshold: float = TRUST_THRESHOLD,
    weight: str | None = None,
    seed: int = 0,
    trust_relations: str | Iterable[str] | None = None,
    betweenness_k: int | None = None,
    min_trusted_by: int = MIN_TRUSTED_BY,
    min_trusted_worlds: int = MIN_TRUSTED_WORLDS,
    context: AnalysisContext | None = None,
    draws: int = DRAWS,
    alpha: float = ALPHA,
    resamples: int | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    r"""Find the trusted intermediaries: brokers that actors of several worlds trust.

    **Position** (on the undirected tie graph of positive ties, rule
    "either", the ``relations`` chosen):

    * ``betweenness``: normalised betweenness centrality (Freeman 1977), the
      share of shortest paths between other actors that go through the actor.
      With ``weight="weight"`` paths follow strong ties: the length of a tie
      is ``1 / strength``.
    * ``constraint``: Burt's (1992) constraint; low = the actor's contacts
      are not connected to each other, so it spans structural holes.

    **Trust received** (from every positive incoming tie, whatever the
    relation, unless ``trust_relations`` is given):

    * ``trust_received``: mean of the trust ratings (0..1) that other actors
      give it (one value per rater: the highest over its relations; a
      ``trust`` relation without a rating counts 1.0). NaN when nobody rated it.
    * ``trusted_by``: distinct actors whose rating is ``>= trust_threshold``;
      ``trusted_by_worlds``: how many worlds (``attr``) they come from.
    * ``reciprocated``: partners with a positive tie both ways.
    * ``negative``: distinct actors sending it a negative tie (conflict,
      negative interview mention: see :func:`alliances.model.tie_sign`). Negative ties never count as
      position or trust; they lower the score.

    **When the data holds no trust rating at all** (``trust_basis ==
    "proxy"``), ``trusted_by`` counts the actors that have a *confirmed*
    (reciprocated) positive tie with it or mention it positively in an
    interview, and ``reason`` says so.

    **Groups otherwise apart** (``bridged_groups``, from the shared analysis
    context, :meth:`~alliances.analysis.context.AnalysisContext.bridged_groups`):
    the actor's contacts (positive ties; actors rated below 0.4 on average by 3
    raters or more set aside, so an untrusted hub joins nothing) are put in one
    group when they are tied to each other, share at least 2 contacts besides
    the actor (Burt's 1992 redundancy by cohesion and by structural
    equivalence), or belong to one community that the actor is not part of
    (Infomap, Rosvall & Bergstrom 2008, seeded, on the whole network; a
    community the actor belongs to may hold together through its own ties, so
    it says nothing of what joins its contacts without it). A group has at
    least 2 contacts; its world is its members' most common world. Then

    .. math::

        g_i = \big|\{\text{world}(G) : G \text{ a group of } i\text{'s contacts},\;
        \text{world}(G) \ne \text{world}(i)\}\big| \quad (0 \text{ when } < 2)

    the worlds besides its own that it joins through groups that no tie, no
    pair of two-step paths and no community join without it: Gould & Fernandez's
    (1989) *liaison* brokerage (the two sides and the broker in three different
    worlds) between groups otherwise apart (Burt 1992, 2005). A group of its own
    world is its own circle, not a side it stands between; two groups of one
    other world count once. ``bridged_group_sizes`` gives the size of the
    largest group of each world counted. Counted for actors trusted by 3 actors
    or more.

    **Chance test** (columns ``z``, ``p``, ``q``): tested are the actors
    trusted by at least ``min_trusted_by`` actors from at least
    ``min_trusted_worlds - 1`` worlds besides their own (its own world and two
    others with the default 3: a third party is accepted by worlds it does not
    belong to; raters of its own world do not count towards them), and not
    distrusted. With ratings in the data,
    the mean rating the actor receives from its :math:`r` raters is compared
    with :math:`r` ratings drawn at random without replacement from all the
    network's ratings (one per rater and rated actor; mean :math:`\mu`,
    variance :math:`\sigma^2`):

    .. math::

        z_i = \frac{\bar t_i - \mu}{\sqrt{\frac{\sigma^2}{r_i}\frac{N - r_i}{N - 1}}}

    with :math:`N` the number of ratings, ``p`` one-sided from the normal
    approximation, ``q`` Benjamini-Hochberg (1995) over the actors tested. Without any
    rating in the data, the test is the balance of its ties over worlds against
    the permutation null shared with :func:`~alliances.hybrid_actors`.

    **Flag** ``is_trusted_intermediary`` (absolute criteria, never relative to
    the network's top broker): tested (trusted by at least ``min_trusted_by``
    actors from at least ``min_trusted_worlds - 1`` worlds besides its own),
    trusted beyond chance (``q <= alpha``), ties into groups otherwise apart of
    at least 2 worlds besides its own (:math:`g_i \ge 2`), and fewer than a third
    of the actors who cite it cite it negatively.

    **Score** (0..1, for ranking):

    .. math::

        \text{score}_i = \frac{s_i}{1 + s_i}\,\min\!\Big(1, \frac{g_i}{3}\Big)\,
        \min\!\Big(1, \frac{m_i}{3}\Big)\,
        \Big(1 - \frac{\text{neg}_i}{\text{neg}_i + \text{pos}_i}\Big)

    with :math:`s_i = \max(z_i, 0)` (0 when not tested), :math:`g` bridged_groups,
    :math:`m` trusted_by_worlds, :math:`\text{pos}` distinct actors sending it a
    positive tie. ``position`` (mean of betweenness over the network's highest
    and :math:`1 - \min(1, C)`) and ``trust`` (mean of trust_received, trusted_by
    over the highest and trusted_by_worlds over the number of worlds) are shown
    as descriptions; neither enters the flag or the score.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or a ``Graph``/``DiGraph``.
    attr : str, default "sector"
        Node attribute holding the world.
    relations : str or iterable of str, optional
        Relations that make the position graph (default: all positive ties).
    trust_threshold : float, default 0.7
        Rating (0..1) from which a rater counts in ``trusted_by``.
    weight : str or None, default None
        Edge attribute of tie strength for weighted betweenness and constraint.
    seed : int, default 0
        Seed for sampled betweenness (large graphs only).
    trust_relations : str or iterable of str, optional
        Relations read for trust (default: all).
    betweenness_k : int, optional
        Sample size for approximate betweenness (default: exact below a size).
    min_trusted_by, min_trusted_worlds : int, default 3
        Flag thresholds: trusted by at least ``min_trusted_by`` actors, from at
        least ``min_trusted_worlds - 1`` worlds besides the actor's own.
    context : AnalysisContext, optional
        The shared context of ``G`` (:func:`~alliances.analysis.context.analysis_context`);
        built here when not given.
    draws : int, default 999
        Permutation draws of the shared null model (the balance test).
    alpha : float, default 0.05
        Significance level of the flag (Benjamini-Hochberg over the actors tested).
    resamples : int, optional
        Non-response resamples of the ``stability`` column (default 20 up to
        300 actors, 0 above).
    lang : {'en', 'fr'}, optional
        Language of the ``reason`` sentences (default: the environment's,
        ``ALLIANCES_LANG`` then the locale, English otherwise). Column names
        stay English identifiers (:func:`~alliances.analysis.display.display_table`
        translates headers).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id, columns ``label, sector, betweenness, constraint,
        trust_received, trusted_by, trusted_by_worlds, trusted_by_world_list,
        reciprocated, positive_by, negative, trust_basis, position, trust,
        score, is_trusted_intermediary, respondent, reason, bridged_groups,
        bridged_group_sizes, z, p, q, stability``; flagged first, then by score
        (descending) and id. ``G`` is not modified.

    References
    ----------
    Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate.
    *JRSS B* 57, 289-300.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Burt, R. S. (2005). *Brokerage and Closure*. Oxford University Press.
    Freeman, L. C. (1977). A set of measures of centrality based on
    betweenness. *Sociometry* 40, 35-41.
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
    approach to brokerage in transaction networks. *Sociological Methodology*
    19, 89-126.
    Rosvall, M. & Bergstrom, C. T. (2008). Maps of random walks on complex
    networks reveal community structure. *PNAS* 105, 1118-1123.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("m", {"sector": "intermediary"}), ("a", {"sector": "public"}),
    ...                   ("b", {"sector": "company"}), ("c", {"sector": "association"})])
    >>> G.add_edges_from([(x, "m", {"trust": 0.9}) for x in "abc"])
    >>> t = trusted_intermediaries(G)
    >>> int(t.loc["m", "trusted_by"]), int(t.loc["m", "trusted_by_worlds"])
    (3, 3)
    >>> bool(t.loc["m", "is_trusted_intermediary"])
    False
    >>> bool(t.loc["a", "is_trusted_intermediary"])
    False
    """
    check_graph(G, caller="trusted_intermediaries")
    if not 0.0 <= trust_threshold <= 1.0:
        raise ValueError(f"trust_threshold is a trust rating on 0..1, got {trust_threshold!r}")
    ctx = context_for(G, context, attr=attr, relations=relations, seed=seed, draws=draws,
                      alpha=alpha, trust_threshold=trust_threshold,
                      trust_relations=trust_relations, resamples=resamples, lang=lang)
    with _fast.shared(G):  # betweenness, constraint and trust read the graph once
        position = broker_position(G, relations=relations, weight=weight, seed=seed, k=betweenness_k)
        return intermediary_frame(
            G, ctx.groups, position["betweenness"], position["constraint"], context=ctx,
            trust_threshold=ctx.trust_threshold, trust_relations=ctx.trust_relations,
            min_trusted_by=min_trusted_by, min_trusted_worlds=min_trusted_worlds,
            lang=resolve_lang(lang),
        )


# --------------------------------------------------------------------------- internals


def broker_position(G: nx.Graph, *, relations: Any, weight: str | None, seed: int,
              k: int | None, b: pd.Series | Future | None = None) -> pd.DataFrame:
    """Betweenness and Burt's measures, from the centrality and holes modules.

    ``b``: the betweenness if already computed, or being computed (a future,
    waited for after Burt's measures so that both run at once).
    """
    from alliances.analysis.centrality import betweenness
    from alliances.analysis.holes import measure_frame

    has_ties = bool(_fast.tie_matrix(G, relations=relations, weight=None).weights.nnz)
    # the numbers of structural_holes without its labels and sentences (unused here)
    out = measure_frame(G, weight=weight, relations=relations) if has_ties else None
    if isinstance(b, Future):
        b = b.result()
    if b is None:
        b = betweenness(G, relations=relations, directed=False, weight=weight,
                        normalized=True, k=k, seed=seed)
    if out is None:
        # no tie at all: Burt's measures are undefined for everybody
        nan = [math.nan] * len(b)
        return pd.DataFrame({"effective_size": nan, "efficiency": nan, "constraint": nan,
                             "hierarchy": nan, "betweenness": b.to_numpy(dtype=float)},
                            index=pd.Index(b.index, name="id"))
    out["betweenness"] = b.reindex(out.index)
    return out


def trust_evidence(G: nx.Graph, relations: Any) -> dict[str, np.ndarray]:
    """Arrays of actor positions, from the graph's arc table (:func:`alliances.analysis._fast.arcs`).

    ``pu, pv``: positive arcs ``u -> v`` (self-ties left out); ``pt``: the trust
    rating on each (NaN if none; a ``trust`` relation without a rating counts
    1.0); ``pm``: whether it is an interview mention; ``nu, nv``: negative arcs.
    """
    rels = _fast.resolve_relations(G, relations)
    a = _fast.arcs(G)
    kept = a.keep(rels, signed=True)
    negative = kept & (a.sign < 0)
    positive = kept & ~negative

    def code(name: str) -> int:
        return a.relations.index(name) if name in a.relations else -1

    rel = a.rel[positive]
    trust = a.trust[positive].copy()
    trust[np.isnan(trust) & (rel == code("trust"))] = 1.0
    return {"pu": a.u[positive], "pv": a.v[positive], "pt": trust, "pm": rel == code("mention"),
            "nu": a.u[negative], "nv": a.v[negative]}


def _distinct_pairs(u: np.ndarray, v: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique ``(u, v)`` pairs, sorted by ``v`` then ``u``."""
    if u.size == 0:
        return u, v
    key = np.unique(v * n + u)
    return key % n, key // n


class _TrustCounts(NamedTuple):
    """Who cites, rates and trusts each actor (arrays in ``nodes`` order)."""

    known: list              # the worlds present, sorted
    has_ratings: bool        # trust was rated (else the proxy: reciprocated and interview ties)
    basis: str               # "ratings" or "proxy"
    positive_by: np.ndarray  # distinct actors citing it with a positive tie
    reciprocated: np.ndarray
    alters: np.ndarray
    negative: np.ndarray     # distinct actors citing it with a negative tie
    mentions: np.ndarray
    rated_by: np.ndarray
    trust_mean: np.ndarray
    trusted_by: np.ndarray
    trusted_worlds: np.ndarray
    world_bounds: list       # trusted_worlds' codes of actor i: world_codes[bounds[i]:bounds[i + 1]]
    world_codes: list
    trusted_rows: np.ndarray  # trusted actor of each (rater, rated) trust pair
    trusted_cols: np.ndarray  # the rater who trusts it
    rating_values: np.ndarray  # every rating once per (rater, rated) pair


def trust_counts(G: nx.Graph, nodes: list, groups: dict[Hashable, Any], *, trust_relations: Any,
                  trust_threshold: float, ev: dict | None = None) -> _TrustCounts:
    """Distinct senders, raters and their worlds, on arrays: sorting and counting, linear in ties.

    ``ev``: the trust evidence (:func:`trust_evidence`) if already read (or resampled).
    """
    n = len(nodes)
    ev = trust_evidence(G, trust_relations) if ev is None else ev
    known = sorted({g for g in groups.values() if g is not None}, key=str)
    code_of = {g: i for i, g in enumerate(known)}
    code = np.array([code_of[groups[m]] if groups.get(m) is not None else -1 for m in nodes],
                    dtype=np.int64)
    W = len(known)

    # distinct positive senders, receivers, two-way partners
    au, av = _distinct_pairs(ev["pu"], ev["pv"], n)
    A = sp.csr_array((np.ones(au.size), (au, av)), shape=(n, n))
    pos = np.bincount(av, minlength=n)
    R = A.multiply(A.T).tocsr()
    recip = np.diff(R.indptr)
    alters = np.diff((A + A.T).tocsr().indptr)
    neg = np.bincount(_distinct_pairs(ev["nu"], ev["nv"], n)[1], minlength=n)
    mu, mv = _distinct_pairs(ev["pu"][ev["pm"]], ev["pv"][ev["pm"]], n)
    mentions = np.bincount(mv, minlength=n)

    rated = ~np.isnan(ev["pt"])
    has_ratings = bool(rated.any())
    basis = "ratings" if has_ratings else "proxy"
    if has_ratings:
        # one rating per rater: the highest over its relations
        ru, rv, rt = ev["pu"][rated], ev["pv"][rated], ev["pt"][rated]
        order = np.lexsort((rt, ru, rv))
        ru, rv, rt = ru[order], rv[order], rt[order]
        last = np.ones(ru.size, dtype=bool)
        last[:-1] = (ru[1:] != ru[:-1]) | (rv[1:] != rv[:-1])
        ru, rv, rt = ru[last], rv[last], rt[last]
        n_rated = np.bincount(rv, minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            t_mean = np.where(n_rated > 0, np.bincount(rv, weights=rt, minlength=n) / n_rated, np.nan)
        keep = rt >= trust_threshold
        tu, tv = ru[keep], rv[keep]
        rating_values = rt
    else:
        n_rated = np.zeros(n, dtype=np.int64)
        t_mean = np.full(n, np.nan)
        rating_values = np.zeros(0)
        Rc = R.tocoo()  # R[v, u] = 1: v and u cite each other
        tu, tv = _distinct_pairs(np.concatenate([Rc.col, mu]), np.concatenate([Rc.row, mv]), n)
    trusted_by = np.bincount(tv, minlength=n)
    tk = code[tu] >= 0
    wv, wc = _distinct_pairs(code[tu][tk], tv[tk], max(W, 1))  # (world, actor) pairs by actor, world
    trusted_worlds = np.bincount(wc, minlength=n)
    world_bounds = np.concatenate([[0], np.cumsum(trusted_worlds)]).tolist()
    world_codes = wv.tolist()

    return _TrustCounts(known=known, has_ratings=has_ratings, basis=basis, positive_by=pos,
                        reciprocated=recip, alters=alters, negative=neg, mentions=mentions,
                        rated_by=n_rated, trust_mean=t_mean, trusted_by=trusted_by,
                        trusted_worlds=trusted_worlds, world_bounds=world_bounds,
                        world_codes=world_codes, trusted_rows=np.asarray(tv, dtype=np.int64),
                        trusted_cols=np.asarray(tu, dtype=np.int64), rating_values=rating_values)


def intermediary_frame(
    G: nx.Graph,
    groups: dict[Hashable, Any],
    betweenness: pd.Series,
    constraint: pd.Series,
    *,
    trust_threshold: float = TRUST_THRESHOLD,
    trust_relations: Any = None,
    min_trusted_by: int = MIN_TRUSTED_BY,
    min_trusted_worlds: int = MIN_TRUSTED_WORLDS,
    sort: bool = True,
    context: AnalysisContext,
    lang: str | None = None,
) -> pd.DataFrame:
    """Trusted-intermediary table from precomputed betweenness and constraint.

    Rows in canonical actor order when ``sort`` is False (for callers that
    reorder them anyway), else sorted as :func:`trusted_intermediaries` returns them.

    Counts of distinct senders, raters and their worlds are computed on arrays
    (one pass over the graph, then sorting and counting), so the cost is
    linear in ties; only the sentences are written actor by actor.
    """
    if not 0.0 <= trust_threshold <= 1.0:
        raise ValueError(f"trust_threshold is a trust rating on 0..1, got {trust_threshold!r}")
    nodes = node_order(G)
    n = len(nodes)
    ctx = context
    tc = ctx.trust_counts()
    known, W, has_ratings, basis = tc.known, len(tc.known), tc.has_ratings, tc.basis
    pos, recip, alters, neg, mentions = tc.positive_by, tc.reciprocated, tc.alters, tc.negative, tc.mentions
    n_rated, t_mean, trusted_by, trusted_worlds = tc.rated_by, tc.trust_mean, tc.trusted_by, tc.trusted_worlds
    world_bounds, world_codes = tc.world_bounds, tc.world_codes
    respondent = shared_respondent_flags(G)

    b = pd.to_numeric(betweenness.reindex(nodes), errors="coerce").to_numpy(dtype=float) \
        if n else np.zeros(0)
    c = pd.to_numeric(constraint.reindex(nodes), errors="coerce").to_numpy(dtype=float) \
        if n else np.zeros(0)
    finite_b = b[~np.isnan(b)]
    bmax = float(finite_b.max()) if finite_b.size else 0.0
    nmax = int(trusted_by.max()) if n else 0

    bn = np.where((bmax > 0) & ~np.isnan(b), b / (bmax if bmax > 0 else 1.0), 0.0)
    openness = np.where(np.isnan(c), 0.0, 1.0 - np.minimum(1.0, np.nan_to_num(c, nan=1.0)))
    position = (bn + openness) / 2.0
    if has_ratings:
        first = np.nan_to_num(t_mean, nan=0.0)
    else:
        first = np.where(alters > 0, recip / np.maximum(alters, 1), 0.0)
    trust = (first + (trusted_by / nmax if nmax else 0.0)
             + (trusted_worlds / W if W else 0.0)) / 3.0
    null = ctx.null()
    bridged, bridged_lists = ctx.bridged_groups()
    flag, score, test = _intermediary_flags(ctx, tc, null, bridged, min_trusted_by=min_trusted_by,
                                            min_trusted_worlds=min_trusted_worlds)

    def flag_of(tc_r, null_r, _q, B_tc):
        return _intermediary_flags(ctx, tc_r, null_r, ctx.bridged_groups(*B_tc)[0],
                                   min_trusted_by=min_trusted_by,
                                   min_trusted_worlds=min_trusted_worlds)[0]

    stability = ctx.stability(("intermediary", min_trusted_by, min_trusted_worlds), flag_of)
    n_res = len(ctx.resample_evidence())

    world_lists, reasons = [], []
    resp = [respondent[m] for m in nodes]
    words = IntermediaryWords(resolve_lang(lang), ctx.alpha, trust_threshold)
    for i in range(n):
        tworlds = [known[x] for x in world_codes[world_bounds[i]:world_bounds[i + 1]]]
        world_lists.append(tuple(tworlds))
        p = {"n_trusters": int(trusted_by[i]), "tworlds": tworlds, "n_rated": int(n_rated[i]),
             "t_mean": float(t_mean[i]), "recip": int(recip[i]), "mentions": int(mentions[i]),
             "neg": int(neg[i])}
        p["bridged"] = int(bridged[i])
        p["test"] = _test_text(test, null, tc, i, ctx.alpha, stability[i], n_res, words)
        reasons.append(_reason(p, float(b[i]), float(c[i]), bool(flag[i]), has_ratings, words,
                               resp[i]))
    frame = pd.DataFrame(
        {
            "label": object_column(node_labels(G)),
            "sector": object_column([groups.get(m) for m in nodes]),
            "betweenness": b,
            "constraint": c,
            "trust_received": t_mean.astype(float),
            "trusted_by": trusted_by.astype("int64"),
            "trusted_by_worlds": trusted_worlds.astype("int64"),
            "trusted_by_world_list": object_column(world_lists),
            "reciprocated": recip.astype("int64"),
            "positive_by": pos.astype("int64"),
            "negative": neg.astype("int64"),
            "trust_basis": object_column([basis] * n),
            "position": position.astype(float),
            "trust": np.asarray(trust, dtype=float),
            "score": score.astype(float),
            "is_trusted_intermediary": flag.astype(bool),
            "respondent": np.array(resp, dtype=bool),
            "reason": object_column(reasons),
            "bridged_groups": bridged.astype("int64"),
            "bridged_group_sizes": object_column(list(bridged_lists)),
            "z": test.z.astype(float), "p": test.p.astype(float), "q": test.q.astype(float),
            "stability": stability.astype(float),
        },
        index=pd.Index(nodes, name="id", dtype=object),
    )
    return sort_frame(frame, "score", flag="is_trusted_intermediary") if sort else frame


class IntermediaryTest(NamedTuple):
    """The chance test of the trusted-intermediary flag, arrays over actors."""

    basis: str            # "trust" (ratings) or "balance" (no rating in the data)
    tested: np.ndarray    # actors that meet the absolute trust criteria
    z: np.ndarray         # NaN: not tested
    p: np.ndarray
    q: np.ndarray         # Benjamini-Hochberg over the actors tested
    expected: float       # mean of all the network's ratings (NaN: balance basis)


def other_trusted_worlds(ctx: AnalysisContext, tc) -> np.ndarray:
    """Per actor, the worlds of the actors who trust it, its own world left out (array over actors).

    ``tc``: the trust counts (:meth:`AnalysisContext.trust_counts`). An actor of
    unknown world has no own world to leave out.
    """
    bounds = np.asarray(tc.world_bounds, dtype=np.int64)
    codes = np.asarray(tc.world_codes, dtype=np.int64)
    owner = np.repeat(np.arange(ctx.n, dtype=np.int64), np.diff(bounds))
    own = np.bincount(owner[codes == ctx.code[owner]], minlength=ctx.n) if codes.size \
        else np.zeros(ctx.n, dtype=np.int64)
    return np.asarray(tc.trusted_worlds, dtype=np.int64) - own


def intermediary_test(ctx: AnalysisContext, tc, null, *, min_trusted_by: int,
                      min_trusted_worlds: int) -> IntermediaryTest:
    """Is the actor trusted beyond chance? (one-sided, Benjamini-Hochberg over the candidates).

    Tested: actors trusted by at least ``min_trusted_by`` actors, from at least
    ``min_trusted_worlds - 1`` worlds besides their own (:func:`other_trusted_worlds`),
    and not distrusted. With ratings in the data,
    the statistic is the mean rating it receives against ratings drawn at
    random from all the network's ratings (``AnalysisContext.trust_test``);
    without any rating, the balance of its ties over worlds against the
    shared permutation null (the only chance baseline left).
    """
    from alliances.analysis.context import distrusted_actors
    from alliances.analysis.null import benjamini_hochberg

    tested = ((tc.trusted_by >= min_trusted_by)
              & (other_trusted_worlds(ctx, tc) >= min_trusted_worlds - 1) & ~distrusted_actors(tc))
    zt, pt = ctx.trust_test(tc)
    if tc.has_ratings:
        basis, z, p = "trust", zt, pt
        expected = float(tc.rating_values.mean()) if tc.rating_values.size else math.nan
    else:
        basis, z, p, expected = "balance", null.z, null.p, math.nan
        tested = tested & null.tested
    z = np.where(tested, z, np.nan)
    p = np.where(tested, p, np.nan)
    return IntermediaryTest(basis, tested, z, p, benjamini_hochberg(p), expected)


def _intermediary_flags(ctx: AnalysisContext, tc, null, bridged: np.ndarray, *,
                        min_trusted_by: int, min_trusted_worlds: int
                        ) -> tuple[np.ndarray, np.ndarray, IntermediaryTest]:
    """Flag, score and chance test of every actor.

    Flag (absolute criteria, no comparison with the network's top broker):
    trusted by at least ``min_trusted_by`` actors from at least
    ``min_trusted_worlds - 1`` worlds besides its own; trusted beyond chance
    (:func:`intermediary_test`, Benjamini-Hochberg at alpha); ties into groups of
    at least 2 worlds besides its own that are otherwise apart (``bridged_groups``,
    :meth:`AnalysisContext.bridged_groups`); fewer than a third of its citers negative.
    Score: ``s/(1+s) * min(1, bridged/3) * min(1, worlds/3) * (1 - negative share)``
    with ``s = max(z, 0)`` (0 when not tested).
    """
    neg, pos = tc.negative, tc.positive_by
    cited = neg + pos
    neg_share = np.where(cited > 0, neg / np.maximum(cited, 1), 0.0)
    test = intermediary_test(ctx, tc, null, min_trusted_by=min_trusted_by,
                             min_trusted_worlds=min_trusted_worlds)
    z = np.where(test.tested, np.maximum(np.nan_to_num(test.z, nan=0.0), 0.0), 0.0)
    score = (z / (1.0 + z) * np.minimum(1.0, bridged / 3.0)
             * np.minimum(1.0, tc.trusted_worlds / 3.0) * (1.0 - neg_share))
    flag = (test.tested & (np.nan_to_num(test.q, nan=1.0) <= ctx.alpha) & (bridged >= 2)
            & (neg_share < MAX_NEGATIVE_SHARE))
    return flag, score, test


class IntermediaryWords:
    """The templates of the trusted-intermediary sentences in one language, translated once per call."""

    def __init__(self, lang: str, alpha: float, threshold: float) -> None:
        self.lang = lang
        tr = translation(lang)
        # the plural rule is a Python expression: evaluated once per message and count
        self.ngettext = functools.lru_cache(maxsize=None)(tr.ngettext)
        self.sep = tr.gettext("; ")
        self.alpha = general_text(alpha, lang)
        self.threshold = general_text(threshold, lang)
        self.trust_test = tr.gettext(
            "mean trust received {mean} against {expected} for ratings drawn at random from the "
            "network's (z {z}, p {p}; {verdict})")
        self.balance = tr.gettext("balance of its ties over worlds {participation}, {expected} "
                                  "expected from the network's mixing")
        self.balance_test = tr.gettext("{text} (z {z}, p {p}; {verdict})")
        self.kept = tr.gettext("kept in {kept} of {resamples} non-response resamples")
        self.nobody_rated = tr.gettext("nobody rated its trustworthiness")
        self.betweenness = tr.gettext("normalised betweenness {value}")
        self.constraint = tr.gettext("constraint {value}")
        self.no_answer = tr.gettext("did not answer the survey: its own ties are unknown")
        self.flagged = tr.gettext("trusted intermediary: {text}")
        self.aside = "{text} ({aside})"
        self.world = WorldNames(lang)


    def verdict(self, significant: bool, m: int) -> str:
        if significant:
            text = self.ngettext(
                "significant at {alpha} after Benjamini-Hochberg over the {m} actor tested",
                "significant at {alpha} after Benjamini-Hochberg over the {m} actors tested", m)
        else:
            text = self.ngettext(
                "not significant at {alpha} after Benjamini-Hochberg over the {m} actor tested",
                "not significant at {alpha} after Benjamini-Hochberg over the {m} actors tested", m)
        return text.format(alpha=self.alpha, m=count_text(m, self.lang))


def _test_text(test: IntermediaryTest, null, tc, i: int, alpha: float, stability: float,
               n_res: int, words: IntermediaryWords) -> str:
    if not test.tested[i]:
        return ""
    lang = words.lang
    verdict = words.verdict(bool(test.q[i] <= alpha), int(test.tested.sum()))
    if test.basis == "trust":
        text = words.trust_test.format(
            mean=decimal_text(tc.trust_mean[i], lang), expected=decimal_text(test.expected, lang),
            z=decimal_text(test.z[i], lang, 1), p=decimal_text(test.p[i], lang, 3), verdict=verdict)
    else:
        text = words.balance.format(participation=decimal_text(null.participation[i], lang),
                                    expected=decimal_text(null.expected[i], lang))
        if null.draws:
            text = words.balance_test.format(text=text, z=decimal_text(null.z[i], lang, 1),
                                             p=decimal_text(null.p[i], lang, 3), verdict=verdict)
    if n_res and not math.isnan(stability):
        text += words.sep + words.kept.format(kept=round(stability * n_res), resamples=n_res)
    return text


def _num(x: Any) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _reason(p: dict, b: float, c: float, flag: bool, has_ratings: bool,
            words: IntermediaryWords, respondent: bool) -> str:
    lang = words.lang
    ngettext = words.ngettext
    parts = []
    n = p["n_trusters"]
    k = len(p["tworlds"])
    worlds = ", ".join(words.world(g) for g in p["tworlds"])
    if has_ratings:
        if p["n_rated"]:
            head = ngettext("trusted (rating >= {threshold}) by {n} actor",
                            "trusted (rating >= {threshold}) by {n} actors", n).format(
                n=count_text(n, lang), threshold=words.threshold)
            if k:
                head = ngettext("{head} from {k} world: {worlds}",
                                "{head} from {k} worlds: {worlds}", k).format(
                    head=head, k=k, worlds=worlds)
            mean = ngettext("mean trust received {mean} from {n} rater",
                            "mean trust received {mean} from {n} raters", p["n_rated"]).format(
                n=count_text(p["n_rated"], lang), mean=decimal_text(p["t_mean"], lang))
            parts.append(head + words.sep + mean)
        else:
            parts.append(words.nobody_rated)
    else:
        head = ngettext(
            "no trust ratings in the data: trust read from {n} confirmed (two-way) tie",
            "no trust ratings in the data: trust read from {n} confirmed (two-way) ties",
            p["recip"]).format(n=count_text(p["recip"], lang))
        head = ngettext("{head} and {n} positive interview mention",
                        "{head} and {n} positive interview mentions", p["mentions"]).format(
            head=head, n=count_text(p["mentions"], lang))
        if n:
            actors = ngettext("{n} actor", "{n} actors", n).format(n=count_text(n, lang))
            who = ngettext("{actors} from {k} world: {worlds}",
                           "{actors} from {k} worlds: {worlds}", k).format(
                actors=actors, k=k, worlds=worlds)
            head = words.aside.format(text=head, aside=who)
        parts.append(head)
    if p.get("test"):
        parts.append(p["test"])
    if p.get("bridged"):
        parts.append(ngettext(
            "ties into groups of {n} world besides its own that are otherwise apart "
            "(no tie, no two shared contacts and no common community join them)",
            "ties into groups of {n} worlds besides its own that are otherwise apart "
            "(no tie, no two shared contacts and no common community join them)",
            p["bridged"]).format(n=count_text(p["bridged"], lang)))
    if not math.isnan(b):
        parts.append(words.betweenness.format(value=decimal_text(b, lang, 3)))
    if not math.isnan(c):
        parts.append(words.constraint.format(value=decimal_text(c, lang)))
    if p["neg"]:
        parts.append(ngettext("cited negatively by {n} actor", "cited negatively by {n} actors",
                              p["neg"]).format(n=count_text(p["neg"], lang)))
    if not respondent:
        parts.append(words.no_answer)
    text = words.sep.join(parts)
    return words.flagged.format(text=text) if flag else text
