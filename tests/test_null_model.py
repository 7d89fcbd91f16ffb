"""The chance baseline of the hybrid and trusted-intermediary flags (issue 14).

Benjamini-Hochberg by hand, the permutation test on a graph small enough to
enumerate, invariance to unrelated actors and untrusted hubs, calibration under
random mixing, the stability column and the shared context.
"""

from __future__ import annotations

import itertools
import math
import warnings

import networkx as nx
import numpy as np
import pytest

from alliances.analysis.context import analysis_context
from alliances.analysis.hybrids import hybrid_actors
from alliances.analysis.intermediaries import trusted_intermediaries
from alliances.analysis.null import benjamini_hochberg, permutation_test
from alliances.analysis.table import actor_table

recovery = pytest.importorskip("benchmarks.recovery")


def test_benjamini_hochberg_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.20, np.nan])
    # m = 4 tested; sorted 0.01, 0.03, 0.04, 0.20 -> 0.04, 0.06, 0.0533, 0.20; step-up minimum
    q = benjamini_hochberg(p)
    assert q[:4] == pytest.approx([0.04, 0.0533333, 0.0533333, 0.20], abs=1e-6)
    assert math.isnan(q[4])
    assert np.all(np.isnan(benjamini_hochberg(np.array([np.nan]))))


def test_permutation_p_matches_enumeration():
    # actor 0 (world 0) tied to 1 (w0), 2 (w1), 3 (w2); 4 (w0) tied to 5 (w0) and 1 (w0).
    # Ties of world-0 actors reach (from 0) w0, w1, w2, (from 1) w0, w0, (from 4) w0, w0,
    # (from 5) w0: re-dealt at random among those 8 ties.
    edges = [(0, 1), (0, 2), (0, 3), (4, 5), (4, 1)]
    code = np.array([0, 0, 1, 2, 0, 0])
    rows = np.array([u for u, v in edges] + [v for u, v in edges])
    cols = np.array([v for u, v in edges] + [u for u, v in edges])
    res = permutation_test(rows, cols, np.ones(rows.size), code, 3, draws=4999, seed=3)
    # exact: the 8 world-0 ties carry worlds {0 x6, 1, 2}; actor 0 holds 3 of them at random
    pool = [0, 0, 0, 0, 0, 0, 1, 2]

    def part(ws):
        c = np.bincount(ws, minlength=3)
        return 1 - ((c / c.sum()) ** 2).sum()

    obs = part([0, 1, 2])
    draws = [part([pool[i] for i in s]) for s in itertools.combinations(range(8), 3)]
    exact = np.mean([d >= obs - 1e-12 for d in draws])
    assert res.participation[0] == pytest.approx(obs)
    assert res.p[0] == pytest.approx(exact, abs=0.02)
    assert res.expected[0] == pytest.approx(np.mean(draws), abs=0.01)


def _study(n=200, seed=1):
    return recovery.generate(n, noise=0.1, declared=False, seed=seed).graph


def _flags(G):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ctx = analysis_context(G, resamples=0)
        h = hybrid_actors(G, context=ctx)
        t = trusted_intermediaries(G, context=ctx)
    return h["is_hybrid"].to_dict(), t["is_trusted_intermediary"].to_dict(), h["p"].to_dict()


@pytest.fixture(scope="module")
def base():
    G = _study()
    return G, _flags(G)


def test_an_isolated_actor_with_a_new_sector_changes_no_flag(base):
    G, (hy, ti, p) = base
    assert any(hy.values()) and any(ti.values())  # the test means something: flags to keep
    H = G.copy()
    H.add_node("a-new", sector="a brand new world", sectors=("a brand new world",),
               respondent=False)
    hy2, ti2, p2 = _flags(H)
    assert {k: v for k, v in hy2.items() if k != "a-new"} == hy
    assert {k: v for k, v in ti2.items() if k != "a-new"} == ti
    same = [k for k in p if not (math.isnan(p[k]) and math.isnan(p2[k]))]
    assert all(p[k] == p2[k] for k in same)


def test_an_untrusted_hub_changes_no_other_flag(base):
    G, (hy, ti, _p) = base
    H = G.copy()
    H.add_node("z-hub", sector="public", sectors=("public",), respondent=False)
    rng = np.random.default_rng(0)
    for v in rng.choice(sorted(G.nodes), size=48, replace=False).tolist():
        H.add_edge(v, "z-hub", key="collaboration", relation="collaboration", weight=2.0,
                   trust=float(rng.uniform(0, 0.4)), sign=1)
    hy2, ti2, _ = _flags(H)
    assert any(ti.values())
    assert not hy2["z-hub"] and not ti2["z-hub"]
    assert {k: v for k, v in hy2.items() if k != "z-hub"} == hy
    assert {k: v for k, v in ti2.items() if k != "z-hub"} == ti


def test_random_mixing_flags_at_most_five_percent():
    for seed in (0, 1):
        G = recovery.random_mixing(_study(200, seed), seed=seed)
        hy, ti, _ = _flags(G)
        assert sum(hy.values()) <= 0.05 * len(hy)
        assert sum(ti.values()) <= 0.05 * len(ti)


def test_stability_column():
    G = _study(120, seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = actor_table(G, resamples=4, draws=199)
        off = actor_table(G, resamples=0, draws=199)
    for c in ("hybrid_stability", "intermediary_stability"):
        values = t[c].to_numpy(dtype=float)
        assert np.all((values >= 0) & (values <= 1))
        assert np.all(np.isclose(values * 4, np.round(values * 4)))  # k of 4 resamples
        assert off[c].isna().all()
    flagged = t["is_hybrid"] | t["is_trusted_intermediary"]
    assert t.loc[flagged, "stability"].notna().all() and t.loc[~flagged, "stability"].isna().all()
    # the flags do not depend on the resamples
    assert (t["is_hybrid"] == off["is_hybrid"].reindex(t.index)).all()


def test_one_context_gives_the_same_flags_as_separate_calls():
    G = _study(150, seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = actor_table(G, resamples=0)
        h = hybrid_actors(G, resamples=0)
        ti = trusted_intermediaries(G, resamples=0)
    assert (table["is_hybrid"] == h["is_hybrid"].reindex(table.index)).all()
    assert (table["is_trusted_intermediary"]
            == ti["is_trusted_intermediary"].reindex(table.index)).all()
    assert np.allclose(table["p"], h["p"].reindex(table.index), equal_nan=True)
    with pytest.raises(ValueError, match="another graph"):
        hybrid_actors(G, context=analysis_context(nx.Graph([("a", "b")])))


def test_declared_sectors_never_create_the_flag():
    G = _study(200, seed=4)
    H = G.copy()
    for m in H.nodes:
        H.nodes[m]["sectors"] = ("public", "company", "association")
    hy, _, _ = _flags(G)
    hy2, _, _ = _flags(H)
    assert hy2 == hy  # only the score may rise
