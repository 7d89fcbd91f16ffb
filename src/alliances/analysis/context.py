"""The shared analysis context: what the per-actor measures read, built once.

:func:`analysis_context` builds an :class:`AnalysisContext` from an actor
graph: the groups (worlds), who answered the survey, the trust evidence (who
trusts whom), the groups of actors for local bridging, and the permutation
null model of the hybrid and trusted-intermediary flags
(:mod:`alliances.analysis.null`), whose draws are computed once and shared by
both flags. :func:`~alliances.actor_table` builds one context and passes it to
:func:`~alliances.hybrid_actors` and :func:`~alliances.trusted_intermediaries`
(``context=``); each measure has one implementation, and called alone each
builds its own context.

Robustness to non-response (``stability``): each resample drops respondents
at random at the observed non-response rate (their own answers are removed:
they become non-respondents), recomputes the trust evidence, the null model
(the same number of draws, seeded), the groups of contacts and the flags, and
counts the resamples in which an actor keeps its flag. Resamples are on by default
(:data:`DEFAULT_RESAMPLES`) up to :data:`RESAMPLE_MAX_ACTORS` actors, off
above (``stability`` NaN): pass ``resamples=`` to choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from alliances.analysis import _fast
from alliances.analysis.null import NullResult, benjamini_hochberg, permutation_test
from alliances.analysis.views import Rule, group_labels, node_order
from alliances.model import check_graph

__all__ = ["ALPHA", "DEFAULT_RESAMPLES", "DRAWS", "RESAMPLE_MAX_ACTORS", "AnalysisContext",
           "analysis_context", "distrusted_actors"]

#: significance level of the flags (Benjamini-Hochberg false discovery rate over the actors tested)
ALPHA = 0.05
#: permutation draws of the null model (the smallest p-value is 1 / (DRAWS + 1))
DRAWS = 999
#: resamples of the stability column when on
DEFAULT_RESAMPLES = 20
#: resamples are off by default above this many actors (about 20x the cost of the flags)
RESAMPLE_MAX_ACTORS = 300
#: an actor whose raters distrust it (mean rating below this from MIN_RATERS raters or more)
#: is left out of the balance and of the groups used for bridging: an untrusted hub cannot
#: change anyone's flag
DISTRUST_BELOW = 0.4
MIN_RATERS = 3
#: a group of an actor's contacts counts when it has at least this many of them
MIN_TIES_INTO_GROUP = 2
#: two contacts of an actor are in one group when tied, or when they share this many contacts
#: besides the actor (one shared contact is too easily a chance tie)
MIN_SHARED_CONTACTS = 2
#: groups of contacts are counted for actors trusted by this many actors or more (0 for the
#: others, who cannot be trusted intermediaries: it saves time on large graphs)
BRIDGING_FROM_TRUSTED_BY = 3
#: Infomap runs (seeded) whose shortest description is kept, for the communities of bridging
INFOMAP_TRIALS = 5
#: from this many actors, one Infomap run: at 5,000 actors one run found the same planted
#: intermediaries but one in 50 (recovery benchmark, noise 10%, 3 seeds: P / R 0.97 / 0.68
#: against 0.97 / 0.70 with 5 runs) for a fifth of the time (2.9 s -> 0.6 s at 10,000 actors)
INFOMAP_ONE_TRIAL_ABOVE = 5_000
#: above this many actors, the null model's p-values are sequential (Besag & Clifford 1991):
#: every actor gets the first SEQUENTIAL_FIRST_DRAWS draws; those whose p-value is then above
#: SEQUENTIAL_STOP_FACTOR x alpha stop there (they cannot be flagged: the hybrid flag wants
#: p <= alpha, and a Benjamini-Hochberg q-value is never below its p-value), the others get
#: all the draws. At 100,000 actors 1% of the actors go on: the null model takes a tenth of
#: the time. Forced at 5,000 actors (recovery benchmark, noise 10%, 3 seeds) the hybrid flag's
#: precision / recall is 0.79 / 0.52 against 0.81 / 0.54 (other draws, so other p-values near
#: the Benjamini-Hochberg cut), the intermediaries' unchanged. Up to this size every actor gets
#: every draw (the results of the recovery benchmark and of the samples are those of the full
#: scheme); see alliances.analysis.null for the validity of the p-values
SEQUENTIAL_ABOVE = 20_000
SEQUENTIAL_FIRST_DRAWS = 99
SEQUENTIAL_STOP_FACTOR = 2.0
#: above this many actors, the communities of bridging come from label propagation
#: (Raghavan, Albert & Kumara 2007) instead of Infomap: a fraction of the time (Infomap took
#: 12.9 s of the 100,000-actor table). Forced at 5,000 actors (recovery benchmark, noise 10%,
#: 3 seeds) the intermediary flag's precision / recall is 0.97 / 0.64 against 0.97 / 0.70 with
#: Infomap; Leiden (modularity) gave 0.72 / 0.68
FAST_COMMUNITIES_ABOVE = 20_000
#: weight of a tie whose partner gave no trust rating (when the data holds ratings)
UNRATED_WEIGHT = 0.5


@dataclass
class AnalysisContext:
    """Everything the hybrid and trusted-intermediary measures share for one graph.

    Build it with :func:`analysis_context`; the heavy parts (null model,
    groups, stability) are computed on first use and kept.
    """

    G: nx.Graph
    nodes: list
    attr: str
    groups: dict
    known: list                  # the worlds present, sorted
    code: np.ndarray             # world of each actor (index into known), -1 unknown
    respondent: np.ndarray
    relations: Any
    rule: Rule
    seed: int
    draws: int
    alpha: float
    trust_threshold: float
    trust_relations: Any
    resamples: int
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def n_worlds(self) -> int:
        return len(self.known)

    # ------------------------------------------------------------------ evidence

    def evidence(self) -> dict[str, np.ndarray]:
        """Positive / negative arcs with trust ratings (see intermediaries._trust_evidence)."""
        if "evidence" not in self._cache:
            from alliances.analysis.intermediaries import trust_evidence

            with _fast.shared(self.G):
                self._cache["evidence"] = trust_evidence(self.G, self.trust_relations)
        return self._cache["evidence"]

    def trust_counts(self, ev: dict | None = None):
        """Who cites, rates and trusts each actor (intermediaries._TrustCounts)."""
        from alliances.analysis.intermediaries import trust_counts

        if ev is not None:
            return trust_counts(self.G, self.nodes, self.groups, trust_relations=self.trust_relations,
                                 trust_threshold=self.trust_threshold, ev=ev)
        if "trust" not in self._cache:
            self._cache["trust"] = trust_counts(
                self.G, self.nodes, self.groups, trust_relations=self.trust_relations,
                trust_threshold=self.trust_threshold, ev=self.evidence())
        return self._cache["trust"]

    def ties(self) -> sp.csr_array:
        """0/1 symmetric tie matrix of the chosen relations (positive ties)."""
        if "ties" not in self._cache:
            with _fast.shared(self.G):
                T = _fast.tie_matrix(self.G, relations=self.relations, weight=None)
                self._cache["ties"] = _fast.binary_undirected(T, self.rule)
        return self._cache["ties"]

    # ------------------------------------------------------------------ null model

    def null(self) -> NullResult:
        """The permutation test of every actor's trust-weighted balance over worlds (computed once)."""
        if "null" not in self._cache:
            self._cache["null"] = self._null_of(self.evidence(), self.ties(), self.trust_counts())
        return self._cache["null"]

    def stubs(self, ev: dict, B: sp.csr_array, tc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each positive tie seen from both ends: (actor, partner, weight for the actor).

        The weight is the trust the partner gives the actor (its highest rating
        over its relations), :data:`UNRATED_WEIGHT` when the partner gave none;
        every tie weighs 1 when the data holds no rating at all. Ties of
        distrusted actors (:meth:`distrusted`) are left out.
        """
        n = self.n
        Bc = B.tocoo()
        rows, cols = Bc.row.astype(np.int64), Bc.col.astype(np.int64)
        bad = _distrusted(tc)
        keep = ~bad[rows] & ~bad[cols] & (rows != cols)
        rows, cols = rows[keep], cols[keep]
        order = np.lexsort((cols, rows))
        rows, cols = rows[order], cols[order]
        if not tc.has_ratings:
            return rows, cols, np.ones(rows.size)
        rated = ~np.isnan(ev["pt"])
        got = np.zeros(rows.size)
        if rated.any() and rows.size:
            ru, rv, rt = ev["pu"][rated], ev["pv"][rated], ev["pt"][rated]
            order = np.lexsort((rt, ru, rv))
            ru, rv, rt = ru[order], rv[order], rt[order]
            last = np.ones(ru.size, dtype=bool)
            last[:-1] = (ru[1:] != ru[:-1]) | (rv[1:] != rv[:-1])
            # R[actor, partner] = rating the partner gives the actor (+1 so that 0 is kept)
            R = sp.csr_array((rt[last] + 1.0, (rv[last], ru[last])), shape=(n, n))
            got = np.asarray(R[rows, cols]).ravel()
        w = np.where(got > 0, got - 1.0, UNRATED_WEIGHT)
        return rows, cols, w

    def _null_of(self, ev: dict, B: sp.csr_array, tc) -> NullResult:
        rows, cols, w = self.stubs(ev, B, tc)
        if self.n > SEQUENTIAL_ABOVE:
            return permutation_test(rows, cols, w, self.code, self.n_worlds, draws=self.draws,
                                    seed=self.seed, first=SEQUENTIAL_FIRST_DRAWS,
                                    stop_above=SEQUENTIAL_STOP_FACTOR * self.alpha)
        return permutation_test(rows, cols, w, self.code, self.n_worlds,
                                draws=self.draws, seed=self.seed)

    def trust_test(self, tc=None) -> tuple[np.ndarray, np.ndarray]:
        """``z`` and one-sided ``p`` of each actor's mean trust received against chance.

        Null: its ``r`` ratings are ``r`` ratings drawn without replacement from
        all the ratings of the network (one per rater and rated actor); the mean
        has variance ``sigma^2 / r * (N - r) / (N - 1)``; ``p`` from the normal
        approximation. Actors nobody rated get ``z = 0``, ``p = 0.5``; without
        any rating in the data, ``p`` is NaN (the balance test is used alone).
        """
        tc = self.trust_counts() if tc is None else tc
        n = self.n
        if not tc.has_ratings:
            return np.zeros(n), np.full(n, np.nan)
        r = tc.rated_by.astype(float)
        pop = tc.rating_values
        N = pop.size
        mu = float(pop.mean())
        var = float(pop.var())
        with np.errstate(invalid="ignore", divide="ignore"):
            v = var / np.maximum(r, 1) * ((N - r) / max(N - 1, 1))
            z = np.where((r > 0) & (v > 0), (np.nan_to_num(tc.trust_mean) - mu) / np.sqrt(v), 0.0)
        return z, _normal_sf(z)

    def combined_p(self, null: NullResult | None = None, tc=None) -> np.ndarray:
        """Stouffer's combination of the balance p-value and the trust p-value (NaN: not tested)."""
        null = null or self.null()
        _, pt = self.trust_test(tc)
        pb = null.p
        if np.all(np.isnan(pt)):
            return pb.copy()
        zb = _normal_isf(pb)
        zt = _normal_isf(pt)
        with np.errstate(invalid="ignore"):
            return np.where(np.isnan(pb), np.nan, _normal_sf((zb + zt) / np.sqrt(2.0)))

    def qvalues(self, null: NullResult | None = None, tc=None) -> np.ndarray:
        """Benjamini-Hochberg adjusted combined p-values over the actors tested."""
        return benjamini_hochberg(self.combined_p(null, tc))

    # ------------------------------------------------------------------ groups and bridging

    def distrusted(self) -> np.ndarray:
        """Actors rated below DISTRUST_BELOW on average by MIN_RATERS raters or more."""
        return _distrusted(self.trust_counts())

    def communities(self, B: sp.csr_array | None = None, tc=None) -> np.ndarray:
        """Community of each actor for local bridging (-1: isolated or distrusted), seeded.

        Infomap (Rosvall & Bergstrom 2008; igraph ``community_infomap``, the
        shortest description of :data:`INFOMAP_TRIALS` seeded runs, one run above
        :data:`INFOMAP_ONE_TRIAL_ABOVE` actors) on the
        positive ties of the actors that have some and are not distrusted.
        Infomap rather than modularity: modularity's resolution limit (Fortunato
        & Barthélemy 2007) makes Louvain merge tied communities of one world into
        one (the final level), while its first level splits communities into
        pieces; on graphs with planted communities Infomap finds them best
        (Lancichinetti & Fortunato 2009). Above :data:`FAST_COMMUNITIES_ABOVE`
        actors, label propagation (Raghavan, Albert & Kumara 2007; seeded): a
        fraction of Infomap's time, close on planted communities (adjusted Rand
        index 0.74 against 0.78 at 5,000 actors). Isolated and distrusted actors
        are left out of the graph, so adding one changes nobody's community.
        """
        if B is None and "communities" in self._cache:
            return self._cache["communities"]
        tc = self.trust_counts() if tc is None else tc
        out = _communities(self.ties() if B is None else B, _distrusted(tc), self.seed)
        if B is None:
            self._cache["communities"] = out
        return out

    def bridged_groups(self, B: sp.csr_array | None = None, tc=None) -> tuple[np.ndarray, list]:
        """Per actor: how many worlds besides its own it joins through groups otherwise apart.

        The actor's contacts (positive ties, distrusted actors left out) are
        joined in one group when they are tied to each other, share at least
        :data:`MIN_SHARED_CONTACTS` contacts other than the actor, or belong to one
        community (:meth:`communities`); a group has at least
        :data:`MIN_TIES_INTO_GROUP` contacts, and its world is its members' most
        common world. Counted: the distinct worlds, other than the actor's own,
        of these groups (the largest group of each world is kept), when there are
        at least 2 of them (else 0). Groups of two other worlds that no tie, no
        pair of two-step paths and no community joins without the actor: the
        liaison brokerage of Gould & Fernandez (1989) between groups otherwise
        apart (Burt 1992), by a third party that belongs to neither.
        """
        if B is None and "bridged" in self._cache:
            return self._cache["bridged"]
        tc = self.trust_counts() if tc is None else tc
        out = bridged_contact_groups(self.ties() if B is None else B, _distrusted(tc),
                                     tc.trusted_by >= BRIDGING_FROM_TRUSTED_BY,
                                     self.communities(B, tc), self.code)
        if B is None:
            self._cache["bridged"] = out
        return out

    # ------------------------------------------------------------------ resamples

    def non_response_rate(self) -> float:
        return float((~self.respondent).mean()) if self.n else 0.0

    def resample_evidence(self) -> list[tuple[dict, sp.csr_array, np.ndarray]]:
        """(evidence, ties, dropped) of each resample, seeded; empty when resamples are off."""
        if "resamples" in self._cache:
            return self._cache["resamples"]
        out = []
        rate = self.non_response_rate()
        resp = np.flatnonzero(self.respondent)
        if self.resamples > 0 and rate > 0 and resp.size:
            ev = self.evidence()
            a = _fast.arcs(self.G)
            mask = a.keep(_fast.resolve_relations(self.G, self.relations), False)
            au, av = a.u[mask], a.v[mask]
            rng = np.random.default_rng(np.random.SeedSequence([int(self.seed), 14, 4]))
            for _ in range(self.resamples):
                drop = np.zeros(self.n, dtype=bool)
                drop[rng.choice(resp, size=round(rate * resp.size), replace=False)] = True
                sub = {"pu": ev["pu"], "pv": ev["pv"], "pt": ev["pt"], "pm": ev["pm"]}
                keep = ~drop[ev["pu"]]
                sub = {k: v[keep] for k, v in sub.items()}
                nkeep = ~drop[ev["nu"]]
                sub["nu"], sub["nv"] = ev["nu"][nkeep], ev["nv"][nkeep]
                k = ~drop[au] & (au != av)
                A = sp.csr_array((np.ones(int(k.sum())), (au[k], av[k])), shape=(self.n, self.n))
                S = ((A + A.T) > 0).astype(np.int64).tocsr()
                if self.rule == "both":
                    Ab = (A > 0).astype(np.int64)
                    S = Ab.multiply(Ab.T).tocsr()
                    S = ((S + S.T) > 0).astype(np.int64).tocsr()
                out.append((sub, S, drop))
        self._cache["resamples"] = out
        return out

    def stability(self, name: str, flag_of) -> np.ndarray:
        """Share of resamples in which each actor keeps its flag (NaN when resamples are off).

        ``flag_of(tc, null, q, B)`` returns the flag array of one resample.
        """
        key = ("stability", name)
        if key in self._cache:
            return self._cache[key]
        samples = self.resample_evidence()
        if not samples:
            out = np.full(self.n, np.nan)
        else:
            kept = np.zeros(self.n)
            for ev, B, _drop in samples:
                tc, null = self._resample_null(ev, B)
                kept += flag_of(tc, null, self.qvalues(null, tc), (B, tc))
            out = kept / len(samples)
        self._cache[key] = out
        return out

    def _resample_null(self, ev: dict, B: sp.csr_array):
        key = ("resample_null", id(ev))
        if key not in self._cache:
            tc = self.trust_counts(ev)
            self._cache[key] = (tc, self._null_of(ev, B, tc))
        return self._cache[key]


def analysis_context(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    rule: Rule = "either",
    seed: int = 0,
    draws: int = DRAWS,
    alpha: float = ALPHA,
    trust_threshold: float = 0.7,
    trust_relations: str | Iterable[str] | None = None,
    resamples: int | None = None,
    lang: str | None = None,
) -> AnalysisContext:
    """Build the shared :class:`AnalysisContext` of ``G`` (nothing heavy is computed yet).

    Parameters
    ----------
    G : networkx graph
        The actor graph.
    attr : str, default "sector"
        Node attribute holding the world.
    relations : str or iterable of str, optional
        Relations that count as ties for bridging (default: all positive ties).
    rule : {"either", "both"}, default "either"
        Undirected tie rule.
    seed : int, default 0
        Seed of the null-model draws, the groups and the resamples.
    draws : int, default 999
        Label permutations of the null model (0: no test, no flag).
    alpha : float, default 0.05
        Significance level of the flags (Benjamini-Hochberg over the actors tested).
    trust_threshold : float, default 0.7
        Rating from which a rater counts as trusting the actor.
    trust_relations : str or iterable of str, optional
        Relations read for trust (default: all).
    resamples : int, optional
        Non-response resamples for ``stability``; default 20 up to 300 actors, 0 above.
    lang : {"en", "fr"}, optional
        Language of the warning about actors without a world (default: the
        environment's, English otherwise).

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> ctx = analysis_context(G, draws=99)
    >>> ctx.nodes, ctx.draws, ctx.resamples
    (['a', 'b'], 99, 20)
    """
    check_graph(G, caller="analysis_context")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha is a significance level in (0, 1), got {alpha!r}")
    if int(draws) < 0:
        raise ValueError(f"draws must be 0 or more, got {draws!r}")
    if not 0.0 <= trust_threshold <= 1.0:
        raise ValueError(f"trust_threshold is a trust rating on 0..1, got {trust_threshold!r}")
    from alliances.analysis.hybrids import shared_respondent_flags

    nodes = node_order(G)
    groups = dict(zip(nodes, group_labels(G, attr, nodes, lang=lang), strict=True))
    known = sorted({g for g in groups.values() if g is not None}, key=str)
    code_of = {g: i for i, g in enumerate(known)}
    code = np.array([code_of[groups[m]] if groups[m] is not None else -1 for m in nodes],
                    dtype=np.int64)
    with _fast.shared(G):
        resp = shared_respondent_flags(G)
    respondent = np.array([bool(resp[m]) for m in nodes], dtype=bool)
    if resamples is None:
        resamples = DEFAULT_RESAMPLES if len(nodes) <= RESAMPLE_MAX_ACTORS else 0
    if int(resamples) < 0:
        raise ValueError(f"resamples must be 0 or more, got {resamples!r}")
    return AnalysisContext(G=G, nodes=nodes, attr=attr, groups=groups, known=known, code=code,
                           respondent=respondent, relations=relations, rule=rule, seed=int(seed),
                           draws=int(draws), alpha=float(alpha), trust_threshold=float(trust_threshold),
                           trust_relations=trust_relations, resamples=int(resamples))


def context_for(G: nx.Graph, context: AnalysisContext | None, **options: Any) -> AnalysisContext:
    """``context`` if given (checked to be of ``G``), else a new one with ``options``."""
    if context is None:
        return analysis_context(G, **options)
    if context.G is not G:
        raise ValueError("context= was built for another graph; build it with analysis_context(G)")
    return context


# --------------------------------------------------------------------------- internals


def distrusted_actors(tc) -> np.ndarray:
    """Actors rated below DISTRUST_BELOW on average by MIN_RATERS raters or more (boolean array).

    ``tc``: the trust counts of :meth:`AnalysisContext.trust_counts`.
    """
    return _distrusted(tc)


def _normal_sf(z: np.ndarray) -> np.ndarray:
    """Standard normal survival function: ``scipy.stats.norm.sf`` to the last bit, without
    importing ``scipy.stats`` (about half a second of the pipeline's start-up)."""
    from scipy.special import ndtr

    return ndtr(-np.asarray(z, dtype=float))


def _normal_isf(p: np.ndarray) -> np.ndarray:
    """Inverse of :func:`_normal_sf` (``scipy.stats.norm.isf``, same values)."""
    from scipy.special import ndtri

    return -ndtri(np.asarray(p, dtype=float))


def _distrusted(tc) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (tc.rated_by >= MIN_RATERS) & (np.nan_to_num(tc.trust_mean, nan=1.0) < DISTRUST_BELOW)


def _communities(B: sp.csr_array, bad: np.ndarray, seed: int) -> np.ndarray:
    """Infomap communities of the tied, trusted actors (see AnalysisContext.communities)."""
    import igraph

    from alliances.analysis.clusters import seeded_igraph

    n = B.shape[0]
    out = np.full(n, -1, dtype=np.int64)
    good = (~bad).astype(np.int64)
    Bg = B.multiply(good[:, None]).multiply(good[None, :]).tocsr()
    Bg.setdiag(0)
    Bg.eliminate_zeros()
    keep = np.flatnonzero(np.diff(Bg.indptr) > 0)
    if keep.size == 0:
        return out
    U = sp.triu(Bg[keep][:, keep], k=1).tocoo()
    g = igraph.Graph(n=int(keep.size), edges=list(zip(U.row.tolist(), U.col.tolist(), strict=True)))
    with seeded_igraph(seed):
        if n > FAST_COMMUNITIES_ABOVE:
            out[keep] = g.community_label_propagation().membership
        else:
            trials = INFOMAP_TRIALS if n <= INFOMAP_ONE_TRIAL_ABOVE else 1
            out[keep] = g.community_infomap(trials=trials).membership
    return out


def bridged_contact_groups(B: sp.csr_array, bad: np.ndarray, wanted: np.ndarray,
                           comm: np.ndarray, code: np.ndarray) -> tuple[np.ndarray, list]:
    """Worlds besides its own that each actor joins through groups of contacts otherwise apart.

    Parameters
    ----------
    B : scipy.sparse.csr_array
        Symmetric 0/1 tie matrix (the diagonal is ignored).
    bad : numpy.ndarray
        Boolean per actor: distrusted actors, left out as actors and as contacts.
    wanted : numpy.ndarray
        Boolean per actor: the actors whose groups are counted (0 for the others).
    comm : numpy.ndarray
        Community of each actor (-1: none), see :meth:`AnalysisContext.communities`.
    code : numpy.ndarray
        World code of each actor (-1: unknown), worlds numbered in name order.

    Returns
    -------
    tuple
        Per actor, the number of worlds besides its own reached through groups
        otherwise apart (0 unless 2 or more), and the size of the largest group
        of each such world, largest first (``()`` when fewer than 2).

    Notes
    -----
    Contacts ``a`` and ``c`` of an actor are joined when tied, when they share
    at least :data:`MIN_SHARED_CONTACTS` contacts besides the actor
    (``H[a, c]`` with ``H = B | (B @ B >= MIN_SHARED_CONTACTS + 1)``: the actor
    is one shared contact of every pair of its contacts), or when they are in
    one community the actor is not part of (a community the actor belongs to
    may hold together through the actor's own ties). A group of at least
    :data:`MIN_TIES_INTO_GROUP` contacts belongs to the world most of its
    members of known world have (the first in name order on a tie); groups of
    the actor's own world do not count, and two groups of one other world
    count once. All actors at once: each (actor, contact) pair is a vertex of
    one graph whose edges join two contacts of the same actor, so one
    connected-components call gives the groups of every actor (equal to the
    per-actor definition kept in tests/test_speed_paths.py).
    """
    from scipy.sparse.csgraph import connected_components

    n = B.shape[0]
    bridged = np.zeros(n, dtype=np.int64)
    sizes: list = [()] * n
    if B.nnz == 0:
        return bridged, sizes
    good = (~bad).astype(np.int64)
    Bg = _off_diagonal(sp.csr_array(B.multiply(good[:, None]).multiply(good[None, :])))
    H = _off_diagonal(sp.csr_array((Bg @ Bg >= MIN_SHARED_CONTACTS + 1).astype(np.int64) + Bg))
    indptr, indices = Bg.indptr.astype(np.int64), Bg.indices.astype(np.int64)
    deg = np.diff(indptr)
    actors = np.flatnonzero(wanted & ~bad & (deg >= 2 * MIN_TIES_INTO_GROUP))
    if actors.size == 0:
        return bridged, sizes
    # one vertex per (actor, contact), numbered in CSR order: keys are sorted
    stub_actor = np.repeat(actors, deg[actors])
    stub_contact = indices[_ranges(indptr[actors], deg[actors])]
    keys = stub_actor * n + stub_contact
    hp, hi = H.indptr.astype(np.int64), H.indices.astype(np.int64)
    hdeg = np.diff(hp)
    src, dst = [], []
    chunk = 1 << 16  # bounds the candidate arrays (stubs x H-degree)
    for lo in range(0, keys.size, chunk):
        s = np.arange(lo, min(keys.size, lo + chunk))
        a = stub_contact[s]
        owner = np.repeat(s, hdeg[a])
        c = hi[_ranges(hp[a], hdeg[a])]
        up = c > stub_contact[owner]  # each pair once
        owner, c = owner[up], c[up]
        q = stub_actor[owner] * n + c
        at = np.minimum(np.searchsorted(keys, q), keys.size - 1)
        hit = keys[at] == q  # c is a contact of the same actor
        src.append(owner[hit])
        dst.append(at[hit])
    # contacts of one actor in one community that is not the actor's own: a chain per community
    stub_comm = comm[stub_contact]
    joinable = np.flatnonzero((stub_comm >= 0) & (stub_comm != comm[stub_actor]))
    chain = joinable[np.lexsort((stub_comm[joinable], stub_actor[joinable]))]
    same = ((stub_actor[chain[1:]] == stub_actor[chain[:-1]])
            & (stub_comm[chain[1:]] == stub_comm[chain[:-1]]))
    src.append(chain[:-1][same])
    dst.append(chain[1:][same])
    u, v = np.concatenate(src), np.concatenate(dst)
    J = sp.csr_array((np.ones(u.size, dtype=np.int8), (u, v)), shape=(keys.size, keys.size))
    _, lab = connected_components(J, directed=False)
    counts = np.bincount(lab)
    owner_of = np.empty(counts.size, dtype=np.int64)
    owner_of[lab] = stub_actor  # a group lies within one actor's contacts
    is_big = counts >= MIN_TIES_INTO_GROUP
    member_code = code[stub_contact].astype(np.int64)
    counted = is_big[lab] & (member_code >= 0)
    if not counted.any():
        return bridged, sizes
    n_worlds = int(member_code.max()) + 1
    pairs, votes = np.unique(lab[counted].astype(np.int64) * n_worlds + member_code[counted],
                             return_counts=True)
    group, world = pairs // n_worlds, pairs % n_worlds
    order = np.lexsort((world, -votes, group))  # per group: most votes, then first world
    group, world = group[order], world[order]
    first = np.r_[True, group[1:] != group[:-1]]
    group, world = group[first], world[first]
    owner, size = owner_of[group], counts[group]
    other = world != code[owner]
    owner, world, size = owner[other], world[other], size[other]
    if owner.size == 0:
        return bridged, sizes
    order = np.lexsort((-size, world, owner))  # per (actor, world): largest group first
    owner, world, size = owner[order], world[order], size[order]
    first = np.r_[True, (owner[1:] != owner[:-1]) | (world[1:] != world[:-1])]
    owner, size = owner[first], size[first]
    per = np.bincount(owner, minlength=n)
    order = np.lexsort((-size, owner))
    size_list = size[order].tolist()
    starts = np.concatenate([[0], np.cumsum(per)[:-1]])
    for i in np.flatnonzero(per >= 2).tolist():
        bridged[i] = int(per[i])
        sizes[i] = tuple(size_list[starts[i]:starts[i] + per[i]])
    return bridged, sizes


def _off_diagonal(M: sp.csr_array) -> sp.csr_array:
    """0/1 CSR matrix of the nonzero off-diagonal entries of ``M``, indices sorted."""
    C = M.tocoo()
    keep = (C.row != C.col) & (C.data != 0)
    out = sp.csr_array((np.ones(int(keep.sum()), dtype=np.int64), (C.row[keep], C.col[keep])),
                       shape=M.shape)
    out.sum_duplicates()
    out.data[:] = 1
    out.sort_indices()
    return out


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + k) for s, k in zip(starts, lengths)])`` without a loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(total, dtype=np.int64)
