"""Permutation null model shared by the hybrid and trusted-intermediary flags (issue 14).

For each actor ``i``, its positive ties are counted by the world of the
partner, each tie weighted by the trust the partner gives ``i`` (its rating,
0..1; 0.5 when the partner gave none; 1 for every tie when the data hold no
rating at all): ``K_is``. Then

* ``P_i = 1 - sum_s (K_is / K_i)^2``, the participation coefficient over
  **sectors** (worlds); Guimerà & Amaral (2005) define it over network
  modules, here the groups are the declared sectors;
* the null model re-deals, at random and seeded, the partners' worlds among
  all the ties of actors of the same world: each actor keeps its ties and
  their weights (its degree), each world its size, the network its mixing
  matrix (who is tied to which world); only which worlds an actor's own ties
  reach is random. ``expected`` is the mean of ``P_i`` over the draws,
  ``z = (P_i - mean) / sd`` and the one-sided permutation p-value is
  ``(b + 1) / (draws + 1)`` with ``b`` the draws reaching the observed ``P_i``
  (Phipson & Smyth 2010);
* actors with ties to fewer than 2 partners of known world are not tested.

Sequential p-values (``first=``, used by the analysis context above
``context.SEQUENTIAL_ABOVE`` actors only): every tested actor gets the first
``L = first`` draws; an actor whose p-value is then ``p1 = (b1 + 1) / (L + 1)
> c`` (``c = stop_above``) stops there with ``p = p1``, the others get all the
``N = draws`` draws and ``p = (b + 1) / (N + 1)``, ``b`` counted over the ``N``
draws. The actors' own number of draws is ``NullResult.drawn``; their
``expected`` and ``z`` are the mean and spread of their own draws (the first
``L`` for the actors stopped). This is the idea of Besag & Clifford (1991),
"Sequential Monte Carlo p-values", Biometrika 78:301-304: stop drawing once
the outcome is clear. The p-value stays valid: ``p1`` and the full-scheme
``p2`` (the p-value all ``N`` draws would give) are both valid, and for
``u <= c``, ``Pr(p <= u) = Pr(p1 <= c and p2 <= u) <= Pr(p2 <= u) <= u``; for
``u > c``, ``Pr(p <= u) <= Pr(c < p1 <= u) + Pr(p1 <= c) = Pr(p1 <= u) <= u``.
An actor stopped has ``p > c``, so with ``c >= alpha`` it cannot be flagged,
and the actors that go on have exactly the full scheme's distribution of p.
The later draws deal worlds only to the ties of the actors that go on: a
uniform shuffle of a world's ties seen on some positions only is an ordered
sample without replacement of that world's tie ends.

Vectorised: a deal only changes the world of each tie's far end, so the tie
strength per world of every actor in a block of draws is one ``bincount``
over (draw, actor, world).
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy as np

__all__ = ["NullResult", "benjamini_hochberg", "participation", "permutation_test"]

#: draws per block (memory: block x actors x worlds counts)
BLOCK = 64


class NullResult(NamedTuple):
    """Observed statistic and its permutation null, arrays over actors."""

    k: np.ndarray            # summed tie weights to actors of known world
    participation: np.ndarray
    expected: np.ndarray     # mean participation over the draws (NaN: not tested)
    excess: np.ndarray       # participation - expected (NaN: not tested)
    tested: np.ndarray       # ties to 2 actors of known world or more
    z: np.ndarray
    p: np.ndarray
    draws: int
    #: draws of each actor's own test (``draws``; the first stage only for the actors the
    #: sequential scheme stopped early; 0 when not tested)
    drawn: np.ndarray | None = None


def participation(rows: np.ndarray, worlds: np.ndarray, weights: np.ndarray, n: int,
                  W: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted tie strength ``K``, participation ``P`` and distinct partners per actor.

    ``rows[e]``: the actor; ``worlds[e]``: the world of the other end (``W`` =
    unknown, not counted); ``weights[e]``: the tie's weight.
    """
    ok = worlds < W
    K = np.bincount(rows[ok] * W + worlds[ok], weights=weights[ok], minlength=n * W).reshape(n, W)
    k = K.sum(axis=1)
    sq = (K * K).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        P = np.where(k > 0, (k * k - sq) / np.where(k > 0, k * k, 1.0), np.nan)
    partners = np.bincount(rows[ok], minlength=n)
    return k, P, partners


def permutation_test(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, code: np.ndarray,
                     W: int, *, draws: int, seed: int, first: int | None = None,
                     stop_above: float = 1.0) -> NullResult:
    """Observed weighted participation and its permutation null (``draws`` draws, seeded).

    Each tie is seen from both ends: ``rows[e]`` is the actor, ``cols[e]`` the
    partner and ``weights[e]`` the weight of the tie for that actor (the trust
    the partner gives it). ``code``: world of each actor (``W`` or negative =
    unknown). In each draw the partners' worlds are re-dealt at random among
    the ties of actors of the same world: every actor keeps its ties and their
    weights, every world its size, and the network its mixing matrix (which
    world's actors are tied to which); only which worlds an actor's own ties
    reach is random. Ties to actors of unknown world are left out. The deal of
    a draw is a seeded shuffle of each world's ties, the worlds taken in the
    order of their first tie, so renaming worlds or adding actors without ties
    changes no draw.

    ``first`` (below ``draws``): sequential p-values (see the module
    docstring): the actors whose p-value over the first ``first`` draws is
    above ``stop_above`` stop there; without it every actor gets every draw.
    """
    n = code.size
    code = np.where((code < 0) | (code > W), W, code).astype(np.int64)
    keep = code[cols] < W
    r, c, w = rows[keep], code[cols][keep], weights[keep]
    k, P, partners = participation(r, c, w, n, W)
    tested = (partners >= 2) & (k > 0)
    z = np.full(n, np.nan)
    p = np.full(n, np.nan)
    expected = np.full(n, np.nan)
    if draws <= 0 or r.size == 0 or not tested.any() or W < 2:
        return NullResult(k, P, expected, expected.copy(), tested, z, p, max(draws, 0),
                          np.zeros(n, dtype=np.int64))
    group = code[r]                             # world of the actor
    # groups in the order of their first tie (canonical actor order, whatever the world names)
    firsts = np.unique(group, return_index=True)[1]
    blocks = [np.flatnonzero(group == group[f]) for f in np.sort(firsts)]
    # ties laid out group after group (each group's ties in their order), so that each deal is
    # an in-place shuffle of a contiguous slice; the shuffles are the same as on the ties in
    # place (Fisher-Yates draws depend on the lengths only, not on the layout or the dtype)
    order = np.concatenate(blocks)
    r, c, w = r[order], c[order], w[order]
    bounds = np.concatenate([[0], np.cumsum([pos.size for pos in blocks])]).tolist()
    small = np.int8 if W < 127 else np.int32
    c_small = c.astype(small)
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 14, 1]))
    at_least = np.zeros(n)
    total = np.zeros(n)
    total2 = np.zeros(n)
    obs = np.where(tested, P, np.inf)
    sequential = first is not None and 0 < first < draws
    # the full scheme, or the first stage of the sequential one: every draw deals every tie
    _deal_all(rng, r * W, c_small, w, bounds, n, W, first if sequential else draws,
              obs, at_least, total, total2)
    drawn = np.where(tested, draws, 0)
    if sequential:
        drawn = np.where(tested, first, 0)
        with np.errstate(invalid="ignore"):
            go_on = tested & ((at_least + 1.0) / (first + 1.0) <= stop_above)
        if go_on.any():
            drawn[go_on] = draws
            _deal_some(rng, r, c_small, w, bounds, go_on, W, draws - first,
                       obs, at_least, total, total2)
    with np.errstate(invalid="ignore", divide="ignore"):
        per = np.maximum(drawn, 1).astype(float)
        mean = total / per
        sd = np.sqrt(np.maximum(total2 / per - mean * mean, 0.0))
        z = np.where(tested, np.where(sd > 1e-12, (P - mean) / np.where(sd > 1e-12, sd, 1.0), 0.0),
                     np.nan)
        p = np.where(tested, (at_least + 1.0) / (per + 1.0), np.nan)
    expected = np.where(tested, mean, np.nan)
    return NullResult(k, P, expected, np.where(tested, P - mean, np.nan), tested, z, p, draws,
                      drawn)


def _deal_all(rng: np.random.Generator, rW: np.ndarray, c_small: np.ndarray, w: np.ndarray,
              bounds: list, n: int, W: int, draws: int, obs: np.ndarray, at_least: np.ndarray,
              total: np.ndarray, total2: np.ndarray) -> None:
    """``draws`` deals of every tie (each group's slice shuffled), counts added in place."""
    m = rW.size
    cells = n * W
    small = c_small.dtype
    dealt_all = np.empty((min(BLOCK, draws), m), dtype=small)
    K = np.empty((min(BLOCK, draws), n, W))
    done = 0
    while done < draws:
        b = min(BLOCK, draws - done)
        dealt = dealt_all[:b]
        for a, e in itertools.pairwise(bounds):
            # within each group, the partners' worlds are re-dealt at random (Fisher-Yates)
            seg = dealt[:, a:e]
            seg[...] = c_small[a:e]
            rng.permuted(seg, axis=1, out=seg)
        # one bincount per draw: the same sums, in the same order, as one over the whole block,
        # without block-sized index and weight copies (about 100 MB each at 10,000 actors)
        Kb = K[:b]
        for d in range(b):
            Kb[d] = np.bincount(rW + dealt[d], weights=w, minlength=cells).reshape(n, W)
        _tally(Kb, obs, at_least, total, total2)
        done += b


def _deal_some(rng: np.random.Generator, r: np.ndarray, c_small: np.ndarray, w: np.ndarray,
               bounds: list, go_on: np.ndarray, W: int, draws: int, obs: np.ndarray,
               at_least: np.ndarray, total: np.ndarray, total2: np.ndarray) -> None:
    """``draws`` deals of the ties of the actors ``go_on`` only, counts added in place.

    A uniformly random shuffle of a group's slice, looked at on some of its
    positions only, puts there an ordered sample without replacement of the
    slice's worlds: ``Generator.choice(m, s, replace=False)`` draws it in
    O(s) random numbers instead of the m of a whole shuffle.
    """
    ids = np.flatnonzero(go_on)
    local = np.full(go_on.size, -1, dtype=np.int64)
    local[ids] = np.arange(ids.size)
    nc = ids.size
    cells = nc * W
    pieces = []  # (pool of worlds, how many positions) per group
    keep = []
    for a, e in itertools.pairwise(bounds):
        pos = np.flatnonzero(go_on[r[a:e]])
        if pos.size:
            pieces.append((c_small[a:e], pos.size))
            keep.append(pos + a)
    sel = np.concatenate(keep)
    rW = local[r[sel]] * W
    ws = w[sel]
    s = sel.size
    obs_c = obs[ids]
    at_c, tot_c, tot2_c = np.zeros(nc), np.zeros(nc), np.zeros(nc)
    block = max(1, min(BLOCK, draws))
    dealt = np.empty(s, dtype=c_small.dtype)
    K = np.empty((block, nc, W))
    done = 0
    while done < draws:
        b = min(block, draws - done)
        Kb = K[:b]
        for d in range(b):
            at = 0
            for pool, size in pieces:
                dealt[at:at + size] = pool[rng.choice(pool.size, size=size, replace=False)]
                at += size
            Kb[d] = np.bincount(rW + dealt, weights=ws, minlength=cells).reshape(nc, W)
        _tally(Kb, obs_c, at_c, tot_c, tot2_c)
        done += b
    at_least[ids] += at_c
    total[ids] += tot_c
    total2[ids] += tot2_c


def _tally(Kb: np.ndarray, obs: np.ndarray, at_least: np.ndarray, total: np.ndarray,
           total2: np.ndarray) -> None:
    """Add a block's exceedances, sums and sums of squares of the null participation."""
    kk = Kb.sum(axis=2)
    sq = np.einsum("ijk,ijk->ij", Kb, Kb)
    with np.errstate(invalid="ignore", divide="ignore"):
        Pn = np.where(kk > 0, (kk * kk - sq) / np.where(kk > 0, kk * kk, 1.0), 0.0)
    at_least += (Pn >= obs[None, :] - 1e-12).sum(axis=0)
    total += Pn.sum(axis=0)
    total2 += np.einsum("ij,ij->j", Pn, Pn)


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg (1995) adjusted p-values (q-values); NaN stays NaN (not tested).

    ``q_(i) = min_{j >= i} m p_(j) / j`` over the ``m`` actors tested; an
    actor is flagged at level alpha when ``q <= alpha``, which keeps the
    expected share of false flags among the flags at most alpha.

    Examples
    --------
    >>> benjamini_hochberg(np.array([0.01, 0.04, np.nan, 0.03])).round(3).tolist()
    [0.03, 0.04, nan, 0.04]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    pv = p[ok]
    order = np.argsort(pv, kind="mergesort")
    ranked = pv[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(ranked, 1.0)
    out[ok] = q
    return out
