"""On every sample dataset, the structures planted in expected.json are found.

Each sample (``data/samples/<name>/``) was generated with planted hybrids,
trusted intermediaries, disconnected groups and missing links, listed in its
``expected.json``. The analyses must find them: flagged and in the top ranks,
separate clusters, and suggested introductions.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
NAMES = ["antony-velo", "sqy-rse", "morteau-reemploi"]


def test_every_sample_with_these_plants_is_checked_here():
    """The samples not in NAMES plant something else (their ``planted`` key), not these."""
    from alliances.samples import expected, names

    classic = {"hybrids", "trusted_intermediaries", "disconnected_groups", "missing_links"}
    for name in names():
        exp = expected(name)
        if name in NAMES:
            assert classic <= set(exp), name
        else:
            assert exp.get("planted") and not classic & set(exp), name


def _load(name: str):
    from alliances.samples import load

    expected = json.loads((SAMPLES / name / "expected.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the samples carry planted noise on purpose
        G = load(name)
    return G, expected


@pytest.fixture(scope="module", params=NAMES)
def sample(request):
    from alliances.analysis.table import actor_table

    G, expected = _load(request.param)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = actor_table(G)
    return request.param, G, expected, table


def test_planted_hybrids_are_flagged_and_top_ranked(sample):
    from alliances.analysis.hybrids import hybrid_actors

    name, G, expected, table = sample
    planted = expected["hybrids"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hy = hybrid_actors(G)
    by_score = list(hy.sort_values("score", ascending=False, kind="mergesort").index)
    for actor in planted:
        assert bool(hy.loc[actor, "is_hybrid"]), (name, actor, hy.loc[actor, "reason"])
        assert by_score.index(actor) < 2 * len(planted), (name, actor, by_score.index(actor))
        assert bool(table.loc[actor, "is_hybrid"])
    # the flag is a shortlist, not half of the network
    assert hy["is_hybrid"].sum() <= max(3 * len(planted), len(hy) // 4)


def test_planted_trusted_intermediaries_are_flagged_and_top_ranked(sample):
    from alliances.analysis.intermediaries import trusted_intermediaries

    name, G, expected, table = sample
    planted = expected["trusted_intermediaries"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ti = trusted_intermediaries(G)
    by_score = list(ti.index)  # flagged first, then by score
    for actor in planted:
        assert bool(ti.loc[actor, "is_trusted_intermediary"]), (name, actor, ti.loc[actor, "reason"])
        assert by_score.index(actor) < len(planted), (name, actor, by_score.index(actor))
        assert ti.loc[actor, "trusted_by_worlds"] >= 2
        assert bool(table.loc[actor, "is_trusted_intermediary"])


def test_disconnected_groups_are_separate(sample):
    name, _G, expected, table = sample
    for group in expected["disconnected_groups"]:
        comps = set(table.loc[group, "component"])
        clusters = set(table.loc[group, "cluster"])
        assert len(comps) == 1 and 0 not in comps, (name, group, comps)
        assert len(clusters) == 1, (name, group, clusters)
        cid = clusters.pop()
        assert sorted(table.index[table["cluster"] == cid]) == sorted(group)


def test_missing_links_are_suggested(sample):
    from alliances.analysis.introductions import suggest_introductions

    name, G, expected, table = sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = suggest_introductions(G, k=10, table=table)
    proposed = {frozenset(p) for p in zip(s["source"], s["target"], strict=True)}
    for a, b in expected["missing_links"]:
        assert frozenset((a, b)) in proposed, (name, a, b)
        row = s[(s["source"].isin([a, b])) & (s["target"].isin([a, b]))].iloc[0]
        assert row["shared_themes"], row["reason"]
    # the first suggestion explains itself
    assert s.iloc[0]["reason"]
