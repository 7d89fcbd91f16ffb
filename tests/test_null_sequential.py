"""Sequential p-values of the null model above context.SEQUENTIAL_ABOVE actors (Besag-Clifford).

Forced on small graphs by lowering the threshold: valid p-values under random
mixing, actors stopped early all above the stopping level, the actors that go on
with the full scheme's p-values up to Monte Carlo error; below the threshold
the null model is the full scheme, array for array.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import alliances.analysis.context as context_module
from alliances import samples
from alliances.analysis.context import analysis_context
from alliances.analysis.hybrids import hybrid_actors
from alliances.analysis.null import permutation_test

recovery = pytest.importorskip("benchmarks.recovery")

FIELDS = ("k", "participation", "expected", "excess", "tested", "z", "p", "drawn")


def _stubs(G):
    ctx = analysis_context(G, resamples=0)
    rows, cols, w = ctx.stubs(ctx.evidence(), ctx.ties(), ctx.trust_counts())
    return rows, cols, w, ctx.code, ctx.n_worlds


@pytest.fixture(scope="module")
def mixed():
    """A 1,000-actor recovery graph with its sectors permuted at random: nothing to find."""
    return _stubs(recovery.random_mixing(recovery.generate(1000, noise=0.1, seed=5).graph, seed=5))


@pytest.fixture(scope="module")
def planted():
    """A 1,000-actor recovery graph with its planted hybrids: some small p-values."""
    return _stubs(recovery.generate(1000, noise=0.1, declared=False, seed=6).graph)


def test_sequential_p_values_are_valid_under_random_mixing(mixed):
    rows, cols, w, code, W = mixed
    res = permutation_test(rows, cols, w, code, W, draws=999, seed=0, first=99, stop_above=0.1)
    p = res.p[res.tested]
    assert p.size > 500
    # a valid p-value: Pr(p <= u) <= u (the share's standard error is under 1% here)
    for u in (0.01, 0.05, 0.1, 0.3, 0.5):
        assert np.mean(p <= u) <= u + 0.03, u
    assert np.mean(p <= 0.05) <= 0.08
    drawn = res.drawn[res.tested]
    stopped = drawn == 99
    # most actors stop after the first block, every one of them above the stopping level
    assert 0.7 < stopped.mean() < 0.97
    assert (p[stopped] > 0.1).all()
    assert set(drawn.tolist()) == {99, 999}
    assert (res.drawn[~res.tested] == 0).all()
    # the first stage is the full scheme's first 99 draws (the same seeded stream): the actors
    # stopped are exactly those whose 99-draw p-value is above 0.1, with that p-value, mean and z
    first = permutation_test(rows, cols, w, code, W, draws=99, seed=0)
    assert np.array_equal(res.drawn == 99, res.tested & (first.p > 0.1))
    at = res.drawn == 99
    for field in ("p", "expected", "z"):
        assert np.array_equal(getattr(res, field)[at], getattr(first, field)[at]), field


def test_actors_that_go_on_get_the_full_scheme_p_value(planted):
    rows, cols, w, code, W = planted
    seq = permutation_test(rows, cols, w, code, W, draws=999, seed=0, first=99, stop_above=0.1)
    full = permutation_test(rows, cols, w, code, W, draws=999, seed=1)
    went_on = seq.drawn == 999
    assert went_on.sum() >= 20 and (seq.p[went_on] <= 0.01).sum() >= 5
    # both estimate the same p with 999 draws (other draws): Monte Carlo error only
    pf, ps = full.p[went_on], seq.p[went_on]
    se = np.sqrt(pf * (1 - pf) / 999) + 0.002
    assert (np.abs(ps - pf) <= 5 * se).all()
    assert np.mean(np.abs(ps - pf)) <= 0.01
    assert np.abs(seq.expected[went_on] - full.expected[went_on]).max() <= 0.02
    # stopped: the full scheme finds them not significant too (those near 0.1 aside)
    stopped = seq.tested & (seq.drawn == 99)
    assert stopped.sum() > 100
    assert np.mean(full.p[stopped] > 0.05) >= 0.99
    # the observed statistic does not depend on the scheme
    for field in ("k", "participation", "tested"):
        assert np.array_equal(getattr(seq, field), getattr(full, field), equal_nan=True)


def test_sequential_is_seeded(planted):
    rows, cols, w, code, W = planted
    a = permutation_test(rows, cols, w, code, W, draws=399, seed=3, first=99, stop_above=0.1)
    b = permutation_test(rows, cols, w, code, W, draws=399, seed=3, first=99, stop_above=0.1)
    for field in FIELDS:
        assert np.array_equal(getattr(a, field), getattr(b, field), equal_nan=True), field


def _null_with(monkeypatch, G, above: int):
    monkeypatch.setattr(context_module, "SEQUENTIAL_ABOVE", above)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sample's actor without a sector
        return analysis_context(G, resamples=0).null()


def test_below_the_threshold_the_null_model_is_the_full_scheme(monkeypatch):
    G = samples.load("antony-velo")
    assert G.number_of_nodes() <= context_module.SEQUENTIAL_ABOVE
    got = _null_with(monkeypatch, G, context_module.SEQUENTIAL_ABOVE)
    want = _null_with(monkeypatch, G, 10**9)
    for field in FIELDS:
        assert np.array_equal(getattr(got, field), getattr(want, field), equal_nan=True), field
    assert (got.drawn[got.tested] == 999).all() and got.draws == 999
    forced = _null_with(monkeypatch, G, 1)
    assert (forced.drawn[forced.tested] == 99).any()  # the threshold does switch the scheme


def test_the_hybrid_sentence_gives_the_actors_own_draws(monkeypatch):
    monkeypatch.setattr(context_module, "SEQUENTIAL_ABOVE", 1)
    G = recovery.generate(300, noise=0.1, seed=2).graph
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ctx = analysis_context(G, resamples=0)
        h = hybrid_actors(G, context=ctx)
    null = ctx.null()
    index = {m: i for i, m in enumerate(ctx.nodes)}
    seen = set()
    for actor, text in h["reason"].items():
        i = index[actor]
        if not null.tested[i]:
            continue
        n = int(null.drawn[i])
        assert f"over {n} random deals" in text, (actor, text)
        seen.add(n)
    assert seen == {99, 999}


def _communities_with(monkeypatch, G, above: int):
    monkeypatch.setattr(context_module, "FAST_COMMUNITIES_ABOVE", above)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis_context(G, resamples=0).communities()


def test_label_propagation_communities_above_the_threshold_only(monkeypatch):
    import igraph

    study = recovery.generate(1000, noise=0.1, seed=0)
    G = study.graph
    infomap = _communities_with(monkeypatch, G, 10**9)
    assert np.array_equal(_communities_with(monkeypatch, G, context_module.FAST_COMMUNITIES_ABOVE),
                          infomap)
    fast = _communities_with(monkeypatch, G, 1)
    assert not np.array_equal(fast, infomap)
    assert np.array_equal(fast, _communities_with(monkeypatch, G, 1))  # seeded
    assert np.array_equal(fast < 0, infomap < 0)  # the same actors left out
    nodes = analysis_context(G, resamples=0).nodes
    truth = np.array([study.community.get(m, -1) for m in nodes])
    ok = (fast >= 0) & (truth >= 0)

    def ari(c):
        return igraph.compare_communities(truth[ok].tolist(), c[ok].tolist(), method="ari")

    # close to Infomap on the planted communities (0.74 against 0.78 at 5,000 actors)
    assert ari(fast) >= 0.6 and ari(fast) >= ari(infomap) - 0.1
