"""The fast paths of issue 14's 10,000-actor pipeline give the reference results.

* the groups of contacts (``bridged_groups``): all actors at once against the
  plain definition, one sub-matrix product per actor (kept here as the
  reference), on random graphs with distrusted actors, self-ties, random
  communities and worlds, and actors left out;
* ``cluster_summary``'s early stop of the rewirings from 2,000 actors: the
  thresholds, the rewirings run are the first ones of the full run (same
  mean and spread as ``rewirings=k`` without early stop), and a graph with
  no group structure runs them all;
* the permutation null model accumulates each draw with its own ``bincount``
  (no block-sized copies): the same numbers, bit for bit, as one ``bincount``
  over a block of draws (the previous code, kept here as the reference);
* the normal tails of the trust test and of Stouffer's combination come from
  ``scipy.special`` (no ``scipy.stats`` import at start-up): equal to
  ``scipy.stats.norm`` bit for bit.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from alliances.analysis import clusters as clusters_mod
from alliances.analysis.context import (
    MIN_SHARED_CONTACTS,
    MIN_TIES_INTO_GROUP,
    analysis_context,
    bridged_contact_groups,
)
from alliances.analysis.null import BLOCK, NullResult, participation, permutation_test


def reference_bridged(B: sp.csr_array, bad: np.ndarray, wanted: np.ndarray, comm: np.ndarray,
                      code: np.ndarray) -> tuple[np.ndarray, list]:
    """The definition, actor by actor (the per-actor code of the flag's change, kept here as the
    reference): the actor's contacts joined by a tie, by at least MIN_SHARED_CONTACTS shared
    contacts besides the actor, or by a community the actor is not in; each group of at least
    MIN_TIES_INTO_GROUP contacts has its members' most common world (first in name order on a
    tie); the worlds besides the actor's own are counted once, with their largest group."""
    n = B.shape[0]
    bridged = np.zeros(n, dtype=np.int64)
    sizes: list = [()] * n
    good = (~bad).astype(np.int64)
    Bg = sp.csr_array(B.multiply(good[:, None]).multiply(good[None, :]))
    Bg.eliminate_zeros()
    for i in np.flatnonzero(wanted & ~bad).tolist():
        nb = Bg.indices[Bg.indptr[i]:Bg.indptr[i + 1]]
        nb = nb[nb != i]
        if nb.size < 2 * MIN_TIES_INTO_GROUP:
            continue
        sub = sp.csr_array(Bg[nb])
        # the actor is a shared contact of every pair: one more is needed
        J = (((sub @ sub.T) >= MIN_SHARED_CONTACTS + 1) + (sub[:, nb] > 0)).toarray()
        c = np.where(comm[nb] == comm[i], -1, comm[nb])
        J |= (c[:, None] == c[None, :]) & (c[:, None] >= 0)
        _, lab = connected_components(sp.csr_array(J), directed=False)
        counts = np.bincount(lab)
        best: dict[int, int] = {}
        for g in np.flatnonzero(counts >= MIN_TIES_INTO_GROUP).tolist():
            w = code[nb[lab == g]]
            w = w[w >= 0]
            if not w.size:
                continue
            world = int(np.bincount(w).argmax())
            if world != code[i]:
                best[world] = max(best.get(world, 0), int(counts[g]))
        if len(best) >= 2:
            bridged[i] = len(best)
            sizes[i] = tuple(sorted(best.values(), reverse=True))
    return bridged, sizes


def _random_ties(n: int, p: float, seed: int, loops: bool) -> sp.csr_array:
    rng = np.random.default_rng(seed)
    A = np.triu(rng.random((n, n)) < p, k=0 if loops else 1)
    A = A | A.T
    return sp.csr_array(A.astype(np.int64))


@pytest.mark.parametrize("seed", range(12))
def test_bridged_groups_equal_the_definition_on_random_graphs(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(5, 60))
    B = _random_ties(n, float(rng.uniform(0.05, 0.4)), seed, loops=seed % 3 == 0)
    bad = rng.random(n) < 0.1
    wanted = rng.random(n) < 0.8
    comm = rng.integers(-1, 5, size=n)
    code = rng.integers(-1, 4, size=n)
    got = bridged_contact_groups(B, bad, wanted, comm, code)
    want = reference_bridged(B, bad, wanted, comm, code)
    assert got[0].tolist() == want[0].tolist()
    assert got[1] == want[1]


def test_bridged_groups_by_hand() -> None:
    # actor 0 tied to two triangles (1, 2, 3) and (4, 5, 6) and to 7, who is tied to nobody
    # else; 3 and 4 share 0 and 8 only (two shared contacts: one short of joining them)
    edges = [(0, v) for v in range(1, 8)] + [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6),
                                             (3, 8), (4, 8)]
    G = nx.Graph(edges)
    # worlds: 0 and its outside contacts 8, 9 in world 0, triangle (1, 2, 3) and 7 in world 1,
    # triangle (4, 5, 6) in world 2; no communities
    code = np.array([0, 1, 1, 1, 2, 2, 2, 1, 0, 0])
    none = np.full(10, -1)
    A = nx.to_scipy_sparse_array(G, nodelist=range(9), dtype=np.int64, format="csr")
    bridged, sizes = bridged_contact_groups(A, np.zeros(9, dtype=bool), np.ones(9, dtype=bool),
                                            none[:9], code[:9])
    assert bridged[0] == 2 and sizes[0] == (3, 3)  # 7 alone is no group
    # a distrusted 0 is not counted; a second shared contact (9) joins the two triangles
    assert bridged_contact_groups(A, np.arange(9) == 0, np.ones(9, dtype=bool), none[:9],
                                  code[:9])[0][0] == 0
    # one community holding 3 and 4 (0 not in it) joins the two triangles too
    comm = np.array([-1, 5, 5, 5, 5, 6, 6, -1, -1])
    assert bridged_contact_groups(A, np.zeros(9, dtype=bool), np.ones(9, dtype=bool), comm,
                                  code[:9])[0][0] == 0
    # only groups of 0's own world: nothing to count (and no error on the empty selection)
    assert bridged_contact_groups(A, np.zeros(9, dtype=bool), np.ones(9, dtype=bool), none[:9],
                                  np.zeros(9, dtype=np.int64))[0].tolist() == [0] * 9
    # the same community with 0 in it says nothing: 0's own community is left out
    comm0 = comm.copy()
    comm0[0] = 5
    assert bridged_contact_groups(A, np.zeros(9, dtype=bool), np.ones(9, dtype=bool), comm0,
                                  code[:9])[0][0] == 2
    G.add_edges_from([(3, 9), (4, 9)])
    A = nx.to_scipy_sparse_array(G, nodelist=range(10), dtype=np.int64, format="csr")
    b2, s2 = bridged_contact_groups(A, np.zeros(10, dtype=bool), np.ones(10, dtype=bool), none,
                                    code)
    assert b2[0] == 0 and s2[0] == ()


@pytest.mark.parametrize("name", ["antony-velo", "sqy-rse", "morteau-reemploi"])
def test_bridged_groups_on_the_samples_equal_the_definition(name: str) -> None:
    from alliances import samples

    G = samples.load(name)
    ctx = analysis_context(G, draws=0)
    tc = ctx.trust_counts()
    from alliances.analysis.context import distrusted_actors

    wanted = tc.trusted_by >= 0  # every actor, not only the trusted ones
    bad = distrusted_actors(tc)
    comm = ctx.communities()
    got = bridged_contact_groups(ctx.ties(), bad, wanted, comm, ctx.code)
    want = reference_bridged(ctx.ties(), bad, wanted, comm, ctx.code)
    assert got[0].tolist() == want[0].tolist() and got[1] == want[1]
    if name == "antony-velo":  # a sample where some actors do bridge groups (not a 0 = 0 check)
        assert int((got[0] >= 2).sum()) > 0


def _planted(n_groups: int, size: int, seed: int) -> nx.Graph:
    return nx.planted_partition_graph(n_groups, size, 0.05, 0.0005, seed=seed)


def test_early_stop_thresholds_by_hand() -> None:
    # 2 / sqrt(chi2_{k-1}(0.01) / (k - 1)); chi2_1(0.01) = 1.5709e-4, chi2_2(0.01) = 0.020101
    assert clusters_mod.early_stop_z(2) == pytest.approx(2 / math.sqrt(1.5709e-4), rel=1e-3)
    assert clusters_mod.early_stop_z(3) == pytest.approx(2 / math.sqrt(0.020101 / 2), rel=1e-3)
    # the chance that k draws underestimate the spread that badly is the risk (simulated)
    rng = np.random.default_rng(0)
    for k in (2, 3, 5):
        s = rng.standard_normal((200_000, k)).std(axis=1, ddof=1)
        assert np.mean(s < 2 / clusters_mod.early_stop_z(k)) == pytest.approx(0.01, abs=0.002)


def test_rewirings_stop_early_on_large_graphs_with_the_same_first_values(monkeypatch) -> None:
    G = _planted(20, 100, 4)  # 2,000 actors, clear groups
    assert G.number_of_nodes() >= clusters_mod.EARLY_STOP_FROM
    early = clusters_mod.cluster_summary(G, seed=2, rewirings=20)
    k = early.attrs["rewirings"]
    assert 2 <= k < 20
    assert abs(early.attrs["modularity_z"]) >= clusters_mod.early_stop_z(k)
    monkeypatch.setattr(clusters_mod, "EARLY_STOP_FROM", 10**9)
    same = clusters_mod.cluster_summary(G, seed=2, rewirings=k)  # the first k of the full run
    for key in ("modularity_null_mean", "modularity_null_sd", "modularity_null_se", "modularity_z"):
        assert early.attrs[key] == same.attrs[key], key
    assert early.attrs["modularity_null_se"] == pytest.approx(
        early.attrs["modularity_null_sd"] / math.sqrt(k))
    assert early.attrs["reason"] == same.attrs["reason"]
    if k > 2:  # it did not stop at k - 1: z was below that threshold then
        fewer = clusters_mod.cluster_summary(G, seed=2, rewirings=k - 1)
        assert abs(fewer.attrs["modularity_z"]) < clusters_mod.early_stop_z(k - 1)
    more = clusters_mod.cluster_summary(G, seed=2, rewirings=k + 1)
    assert more.attrs["rewirings"] == k + 1
    assert more.attrs["modularity_null_mean"] != early.attrs["modularity_null_mean"]


def test_rewirings_do_not_stop_early_without_group_structure() -> None:
    G = nx.gnm_random_graph(2_000, 6_000, seed=5)  # no groups: z near 0, all rewirings run
    s = clusters_mod.cluster_summary(G, seed=1, rewirings=5)
    assert s.attrs["rewirings"] == 5 and abs(s.attrs["modularity_z"]) < clusters_mod.early_stop_z(5)


def test_rewirings_below_the_size_run_them_all() -> None:
    planted = nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=2)
    s = clusters_mod.cluster_summary(planted, seed=1, rewirings=10)
    # clear enough to stop after 3 on a large graph, yet all 10 run below EARLY_STOP_FROM
    assert s.attrs["rewirings"] == 10 and s.attrs["modularity_z"] > clusters_mod.early_stop_z(3)


def reference_permutation_test(rows, cols, weights, code, W, *, draws, seed) -> NullResult:
    """The previous accumulation: one bincount over a block of draws (same deal, same seed)."""
    import itertools

    n = code.size
    code = np.where((code < 0) | (code > W), W, code).astype(np.int64)
    keep = code[cols] < W
    r, c, w = rows[keep], code[cols][keep], weights[keep]
    k, P, partners = participation(r, c, w, n, W)
    tested = (partners >= 2) & (k > 0)
    group = code[r]
    firsts = np.unique(group, return_index=True)[1]
    blocks = [np.flatnonzero(group == group[f]) for f in np.sort(firsts)]
    order = np.concatenate(blocks)
    r, c, w = r[order], c[order], w[order]
    bounds = np.concatenate([[0], np.cumsum([pos.size for pos in blocks])]).tolist()
    c_small = c.astype(np.int8)
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 14, 1]))
    at_least, total, total2 = np.zeros(n), np.zeros(n), np.zeros(n)
    obs = np.where(tested, P, np.inf)
    m = r.size
    w_rows = np.tile(w, BLOCK)
    base = (np.arange(min(BLOCK, draws), dtype=np.int64)[:, None] * n + r[None, :]) * W
    dealt_all = np.empty((min(BLOCK, draws), m), dtype=np.int8)
    done = 0
    while done < draws:
        b = min(BLOCK, draws - done)
        dealt = dealt_all[:b]
        for a, e in itertools.pairwise(bounds):
            seg = dealt[:, a:e]
            seg[...] = c_small[a:e]
            rng.permuted(seg, axis=1, out=seg)
        idx = base[:b] + dealt
        K = np.bincount(idx.ravel(), weights=w_rows[:b * m], minlength=b * n * W).reshape(b, n, W)
        kk = K.sum(axis=2)
        sq = np.einsum("ijk,ijk->ij", K, K)
        with np.errstate(invalid="ignore", divide="ignore"):
            Pn = np.where(kk > 0, (kk * kk - sq) / np.where(kk > 0, kk * kk, 1.0), 0.0)
        at_least += (Pn >= obs[None, :] - 1e-12).sum(axis=0)
        total += Pn.sum(axis=0)
        total2 += np.einsum("ij,ij->j", Pn, Pn)
        done += b
    mean = total / draws
    sd = np.sqrt(np.maximum(total2 / draws - mean * mean, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(tested, np.where(sd > 1e-12, (P - mean) / np.where(sd > 1e-12, sd, 1.0), 0.0),
                     np.nan)
    p = np.where(tested, (at_least + 1.0) / (draws + 1.0), np.nan)
    expected = np.where(tested, mean, np.nan)
    return NullResult(k, P, expected, np.where(tested, P - mean, np.nan), tested, z, p, draws)


@pytest.mark.parametrize("seed", range(8))
def test_permutation_test_equals_the_block_reference_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    n = int(rng.integers(10, 80))
    W = int(rng.integers(2, 6))
    B = _random_ties(n, float(rng.uniform(0.05, 0.3)), seed, loops=False).tocoo()
    rows, cols = B.row.astype(np.int64), B.col.astype(np.int64)
    order = np.lexsort((cols, rows))
    rows, cols = rows[order], cols[order]
    # trust weights of a few values, some partners of unknown world (-1)
    weights = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], size=rows.size)
    code = rng.integers(-1, W, size=n)
    draws = [1, 63, 64, 65, 130, 199, 20, 99][seed]  # below, at and across the block size
    got = permutation_test(rows, cols, weights, code, W, draws=draws, seed=seed)
    want = reference_permutation_test(rows, cols, weights, code, W, draws=draws, seed=seed)
    assert got.draws == want.draws == draws
    for field in ("k", "participation", "expected", "excess", "tested", "z", "p"):
        assert np.array_equal(getattr(got, field), getattr(want, field), equal_nan=True), field
    assert np.isfinite(got.p[got.tested]).all() and got.tested.any()


def test_normal_tails_without_scipy_stats_equal_scipy_stats() -> None:
    """The trust test and Stouffer's combination use scipy.special, to the last bit of scipy.stats."""
    from scipy.stats import chi2, norm

    from alliances import samples

    G = samples.load("antony-velo")
    ctx = analysis_context(G, draws=99, resamples=0)
    z, pt = ctx.trust_test()
    assert np.array_equal(pt, norm.sf(z), equal_nan=True)
    pb = ctx.null().p
    want = np.where(np.isnan(pb), np.nan, norm.sf((norm.isf(pb) + norm.isf(pt)) / np.sqrt(2.0)))
    assert np.array_equal(ctx.combined_p(), want, equal_nan=True)
    assert np.isfinite(ctx.combined_p()).sum() > 10
    for k in range(2, 8):
        assert clusters_mod.early_stop_z(k) == 2 / math.sqrt(chi2.ppf(0.01, k - 1) / (k - 1))
