"""The generator of the recovery benchmark (benchmarks/recovery.py, issue 14 item 8) plants what it says.

Fast checks of the generator itself, not of alliances: deterministic for a seed,
the requested numbers of each role, hybrids with trusted ties into three other
sectors, untrusted hubs, silent non-respondents, and a random-mixing variant
that keeps the graph and permutes the labels. The benchmark itself is run by
``python -m benchmarks.recovery``, never by the test suite.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks package lives at the repository root
    sys.path.insert(0, str(ROOT))

from benchmarks import recovery  # noqa: E402

QUIET = recovery.Config(non_response=0.0, unreported=0.0, trust_not_asked=0.0)


def _snapshot(G):
    nodes = sorted((m, tuple(sorted(d.items()))) for m, d in G.nodes(data=True))
    edges = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def _arcs(G):
    return {(u, v, k) for u, v, k in G.edges(keys=True)}


@pytest.fixture(scope="module")
def study():
    return recovery.generate(1000, noise=0.1, declared=True, seed=3)


def test_deterministic_for_a_seed():
    a = recovery.generate(200, noise=0.1, seed=7)
    b = recovery.generate(200, noise=0.1, seed=7)
    assert _snapshot(a.graph) == _snapshot(b.graph)
    assert a.planted == b.planted
    assert _snapshot(recovery.generate(200, noise=0.1, seed=8).graph) != _snapshot(a.graph)


@pytest.mark.parametrize("n", [50, 200, 1000])
def test_plants_the_requested_numbers(n):
    s = recovery.generate(n, noise=0.0, seed=1)
    p = s.planted
    assert len(p.hybrids) == max(1, round(0.02 * n))
    assert len(p.intermediaries) == max(1, round(0.01 * n))
    assert len(p.hubs) == max(1, n // 200)
    assert len(p.decoys) == max(1, round(0.03 * n))
    assert len(p.groups) == (3 if n >= 75 else 2)
    assert all(2 <= len(g) <= 5 for g in p.groups)
    assert len(p.missing_links) == len(p.groups)
    assert len(p.non_respondents) == round(0.25 * n)
    assert s.graph.number_of_nodes() == n
    roles = [*p.hybrids, *p.intermediaries, *p.hubs, *p.decoys, *(m for g in p.groups for m in g)]
    assert len(roles) == len(set(roles)), "planted roles overlap"


def test_confounders_can_be_switched_off():
    cfg = recovery.Config(decoy_share=0.0, actors_per_hub=0)
    p = recovery.generate(200, seed=1, config=cfg).planted
    assert p.decoys == () and p.hubs == ()
    assert len(p.hybrids) == 4 and len(p.intermediaries) == 2


def test_noise_adds_the_requested_share_of_random_ties():
    clean = recovery.generate(200, noise=0.0, seed=2).graph
    for rate in (0.1, 0.3):
        noisy = recovery.generate(200, noise=rate, seed=2).graph
        assert _arcs(clean) <= _arcs(noisy)
        assert noisy.number_of_edges() - clean.number_of_edges() == round(rate * clean.number_of_edges())
    low = recovery.generate(200, noise=0.1, seed=2).graph
    assert _arcs(low) <= _arcs(recovery.generate(200, noise=0.3, seed=2).graph)


def test_schema_of_the_actor_graph(study):
    import alliances

    G = study.graph
    assert alliances.validate(G, strict=False) == []
    for _, d in G.nodes(data=True):
        assert {"label", "sector", "sectors", "themes", "respondent"} <= d.keys()
        assert isinstance(d["sectors"], tuple) and d["sectors"][0] == d["sector"]
        assert isinstance(d["themes"], tuple) and isinstance(d["respondent"], bool)
        assert d["sector"] in recovery.SECTORS
    for _, _, k, d in G.edges(keys=True, data=True):
        assert k == d["relation"] in recovery.RELATIONS
        assert d["weight"] in {1.0, 2.0, 3.0, 4.0, 5.0}
        assert d["trust"] is None or 0.0 <= d["trust"] <= 1.0
        if d["relation"] == "trust":
            assert d["trust"] is not None


def test_planted_hybrids_have_trusted_ties_into_three_other_sectors():
    s = recovery.generate(600, noise=0.0, seed=4, config=QUIET)
    G, p = s.graph, s.planted
    for h in p.hybrids:
        own = G.nodes[h]["sector"]
        trusted = Counter()
        for _, v, t in G.out_edges(h, data="trust"):
            if t is not None and t >= 0.7 and G.nodes[v]["sector"] != own:
                trusted[G.nodes[v]["sector"]] += 1
        assert len(trusted) >= 3, (h, trusted)
        assert set(p.hybrid_sectors[h]) <= set(trusted)
        # balanced: as many planted partners in each of the 3 other sectors
        planted = Counter(G.nodes[v]["sector"] for v in s.truth.neighbors(h)
                          if s.truth.edges[h, v]["kind"] == "hybrid" and G.nodes[v]["sector"] != own)
        per_sector = [planted[x] for x in p.hybrid_sectors[h]]
        assert min(per_sector) >= 3 and len(set(per_sector)) == 1, (h, per_sector)
        ratings = [t for _, _, t in G.in_edges(h, data="trust") if t is not None]
        assert ratings and min(ratings) >= 0.4  # hubs may rate anybody; partners rate 0.7-1.0


def test_planted_hybrids_are_not_planted_bridges():
    # A hybrid belongs to its other worlds: its partners there are in different communities,
    # never two in one community, so it is not also tied to groups apart (an intermediary)
    s = recovery.generate(600, noise=0.0, seed=4, config=QUIET)
    p, com = s.planted, s.community
    for h in p.hybrids:
        others = [v for v in s.truth.neighbors(h) if s.truth.edges[h, v]["kind"] == "hybrid"
                  and com[v] != com[h]]
        assert len(others) >= 9, (h, len(others))
        shared = Counter(com[v] for v in others)
        assert max(shared.values()) == 1, (h, shared)
    # the intermediaries, on the contrary, have 3 to 4 partners in each of 3 communities
    for m in p.intermediaries:
        assert [len({com[v] for v in side}) for side in p.bridged[m]] == [1, 1, 1]
        assert all(3 <= len(side) <= 4 for side in p.bridged[m])


def test_hybrids_in_the_truth_with_the_default_survey(study):
    G, p = study.graph, study.planted
    for h in p.hybrids:
        worlds = {G.nodes[v]["sector"] for v in study.truth.neighbors(h)} - {G.nodes[h]["sector"]}
        assert len(worlds) >= 3


def test_hubs_have_high_degree_and_low_trust(study):
    G, p = study.graph, study.planted
    degrees = dict(study.truth.degree())
    median = sorted(degrees.values())[len(degrees) // 2]
    for hub in p.hubs:
        assert degrees[hub] >= 4 * median
        sectors = {G.nodes[v]["sector"] for v in study.truth.neighbors(hub)}
        assert sectors == set(recovery.SECTORS)
        ratings = [t for _, _, t in G.in_edges(hub, data="trust") if t is not None]
        assert len(ratings) >= 10
        assert max(ratings) <= 0.4
        assert sum(ratings) / len(ratings) < 0.3


def test_intermediaries_bridge_three_groups_that_are_otherwise_apart():
    s = recovery.generate(600, noise=0.0, seed=5, config=QUIET)
    G, p = s.graph, s.planted
    for m in p.intermediaries:
        sides = p.bridged[m]
        assert len(sides) == 3
        assert len({G.nodes[side[0]]["sector"] for side in sides}) >= 2
        raters = {u for u, _, t in G.in_edges(m, data="trust") if t is not None and t >= 0.7}
        assert all(set(side) <= raters for side in sides)
        # no background tie between the groups it bridges (their communities)
        for i, a in enumerate(sides):
            for b in sides[i + 1:]:
                assert not any(s.truth.has_edge(u, v) and s.truth.edges[u, v]["kind"] == "background"
                               for u in a for v in b)


def test_non_respondents_report_nothing_but_are_named(study):
    G, p = study.graph, study.planted
    silent = set(p.non_respondents)
    assert silent == {m for m, r in G.nodes(data="respondent") if not r}
    assert all(G.out_degree(m) == 0 for m in silent)
    assert sum(G.in_degree(m) > 0 for m in silent) > 0.8 * len(silent)


def test_declared_sectors_and_decoys():
    undeclared = recovery.generate(200, noise=0.1, declared=False, seed=6)
    declared = recovery.generate(200, noise=0.1, declared=True, seed=6)
    assert _arcs(undeclared.graph) == _arcs(declared.graph)
    p = declared.planted
    for m in declared.graph.nodes:
        a, b = undeclared.graph.nodes[m]["sectors"], declared.graph.nodes[m]["sectors"]
        if m in p.hybrids:
            assert len(a) == 1 and 2 <= len(b) <= 4
        elif m in p.decoys:
            assert a == b and len(a) == 2 and a[0] != a[1]
        else:
            assert a == b and len(a) == 1


def test_missing_links_join_small_groups_apart_through_a_rare_theme():
    s = recovery.generate(400, noise=0.0, seed=2)
    G, p = s.graph, s.planted
    holders = Counter(t for _, themes in G.nodes(data="themes") for t in themes)
    for group, (u, v) in zip(p.groups, p.missing_links, strict=True):
        g = set(group)
        assert u in g and v not in g and not G.has_edge(u, v) and not G.has_edge(v, u)
        assert not any((a in g) != (b in g) for a, b in G.edges())
        shared = set(G.nodes[u]["themes"]) & set(G.nodes[v]["themes"])
        assert any(holders[t] == 2 for t in shared)
    # other pairs share a rare theme too: rarity alone does not point at the answer
    assert len(p.distractor_pairs) >= 2


def test_random_mixing_keeps_the_graph_and_permutes_labels(study):
    G = study.graph
    H = recovery.random_mixing(G, seed=3)
    assert _snapshot(H)[1] == _snapshot(G)[1]
    assert sorted(H.nodes) == sorted(G.nodes)
    for m in G.nodes:  # everything but the labels is kept
        keep = {k: v for k, v in G.nodes[m].items() if k not in {"sector", "sectors"}}
        assert keep == {k: v for k, v in H.nodes[m].items() if k not in {"sector", "sectors"}}

    def labels(X):
        return Counter((d["sector"], d["sectors"]) for _, d in X.nodes(data=True))

    assert labels(H) == labels(G)
    moved = sum(G.nodes[m]["sector"] != H.nodes[m]["sector"] for m in G.nodes)
    assert moved > 0.5 * G.number_of_nodes()
    assert _snapshot(recovery.random_mixing(G, seed=3)) == _snapshot(H)
    assert G.nodes[next(iter(G.nodes))].get("sector") is not None  # G itself untouched


def test_precision_at_k_shares_ties_at_the_cut():
    s = pd.Series({"a": 3.0, "b": 2.0, "c": 2.0, "d": 2.0, "e": math.nan})
    assert recovery.precision_at_k(s, {"a"}, 1) == 1.0
    assert recovery.precision_at_k(s, {"b"}, 2) == pytest.approx(0.5 * (1 / 3))
    assert recovery.precision_at_k(s, {"e"}, 1) == 0.0
    assert recovery.precision_at_k(s, {"a", "b", "c"}, 3) == pytest.approx((1 + 2 * 2 / 3) / 3)
