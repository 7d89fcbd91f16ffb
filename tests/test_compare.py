"""Before and after: alliances.compare / compare_waves on hand-built waves and on sqy-rse.

The hand-built pair of waves (``_waves``) has every kind of change, with the
expected values worked out by hand in the comments:

wave 1 (7 actors)                        wave 2 (7 actors)
  m1 <-> m2 collaboration (trust .5/.75)   m1 <-> m2 collaboration (trust 1.0/.5)
  m1 -> m3 information                     m1 -> m3 information
  m2 -> r1 collaboration                   m2 -> r1 collaboration
  r1 -> m1 information                     (lost: r1 did not answer wave 2)
  x  -> m1 collaboration                   (lost: x is gone)
  s1 -> s2 collaboration (trust .5)        s1 -> s2 collaboration (trust .5)
                                           s2 -> s1 collaboration (s2 answers in wave 2 only)
                                           s1 -> m2 collaboration (joins the shops to the rest)
                                           n  -> m1 information (n is new)
  m2 -> m3 conflict                        m2 -> m3 conflict
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import alliances
from alliances.analysis.compare import Comparison, Waves, compare, compare_waves

pytestmark = pytest.mark.filterwarnings("ignore::alliances.AlliancesWarning")

SECTOR = {"m1": "public", "m2": "public", "m3": "public", "r1": "research", "x": "association",
          "n": "association", "s1": "company", "s2": "company"}
LABEL = {"m1": "Mairie", "m2": "Agglo", "m3": "Région", "r1": "Université", "x": "Asso X",
         "n": "Association Vélo", "s1": "Boulangerie", "s2": "Fleuriste"}
RESPONDENTS_1 = {"m1", "m2", "s1", "r1", "x"}
RESPONDENTS_2 = {"m1", "m2", "s1", "n", "s2"}

TIES_1 = [
    ("m1", "m2", "collaboration", 2.0, 0.5),
    ("m2", "m1", "collaboration", 1.0, 0.75),
    ("m1", "m3", "information", 1.0, None),
    ("m2", "r1", "collaboration", 1.0, None),
    ("r1", "m1", "information", 1.0, None),
    ("x", "m1", "collaboration", 1.0, None),
    ("s1", "s2", "collaboration", 1.0, 0.5),
    ("m2", "m3", "conflict", 1.0, None),
]
TIES_2 = [
    ("m1", "m2", "collaboration", 2.0, 1.0),
    ("m2", "m1", "collaboration", 1.0, 0.5),
    ("m1", "m3", "information", 1.0, None),
    ("m2", "r1", "collaboration", 1.0, None),
    ("s1", "s2", "collaboration", 1.0, 0.5),
    ("s2", "s1", "collaboration", 1.0, None),
    ("s1", "m2", "collaboration", 1.0, None),
    ("n", "m1", "information", 1.0, None),
    ("m2", "m3", "conflict", 1.0, None),
]


def _graph(ids, respondents, ties, *, shuffle: int | None = None) -> nx.MultiDiGraph:
    actors = pd.DataFrame({
        "id": list(ids),
        "label": [LABEL[i] for i in ids],
        "sector": [SECTOR[i] for i in ids],
        "respondent": [i in respondents for i in ids],
    })
    frame = pd.DataFrame(ties, columns=["source", "target", "relation", "weight", "trust"])
    frame["trust"] = frame["trust"].astype(object).where(frame["trust"].notna(), None)
    if shuffle is not None:
        actors = actors.sample(frac=1, random_state=shuffle)
        frame = frame.sample(frac=1, random_state=shuffle)
    return alliances.from_frames(actors, frame)


def _waves(shuffle: int | None = None) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    ids1 = ["m1", "m2", "m3", "r1", "x", "s1", "s2"]
    ids2 = ["m1", "m2", "m3", "r1", "n", "s1", "s2"]
    return (_graph(ids1, RESPONDENTS_1, TIES_1, shuffle=shuffle),
            _graph(ids2, RESPONDENTS_2, TIES_2, shuffle=shuffle))


@pytest.fixture(scope="module")
def comp() -> Comparison:
    before, after = _waves()
    return compare(before, after, labels=("2023", "2024"))


def _keys(ties: pd.DataFrame, change: str) -> set[tuple]:
    sub = ties[ties["change"] == change]
    return set(map(tuple, sub[["source", "target", "relation"]].values.tolist()))


# --------------------------------------------------------------------------- ties


def test_ties_gained_lost_kept(comp):
    t = comp.ties
    assert _keys(t, "gained") == {("s1", "m2", "collaboration"), ("s2", "s1", "collaboration"),
                                  ("n", "m1", "information")}
    assert _keys(t, "lost") == {("r1", "m1", "information"), ("x", "m1", "collaboration")}
    assert _keys(t, "kept") == {("m1", "m2", "collaboration"), ("m2", "m1", "collaboration"),
                                ("m1", "m3", "information"), ("m2", "r1", "collaboration"),
                                ("s1", "s2", "collaboration")}
    # conflicts are not positive ties: left out by default
    assert "conflict" not in set(t["relation"])
    assert list(t["change"]) == ["gained"] * 3 + ["lost"] * 2 + ["kept"] * 5
    expected = ["source", "target", "relation", "change", "trust_before", "trust_after",
                "weight_before", "weight_after", "source_sector", "target_sector",
                "cross_world", "both_answered"]
    assert set(expected) <= set(t.columns)


def test_trust_and_weight_on_kept_ties(comp):
    t = comp.ties.set_index(["source", "target", "relation"])
    assert t.loc[("m1", "m2", "collaboration"), ["trust_before", "trust_after", "trust_change"]].tolist() \
        == [0.5, 1.0, 0.5]
    assert t.loc[("m2", "m1", "collaboration"), "trust_change"] == pytest.approx(-0.25)
    assert t.loc[("s1", "s2", "collaboration"), "trust_change"] == 0.0
    assert t.loc[("m1", "m2", "collaboration"), ["weight_before", "weight_after"]].tolist() == [2.0, 2.0]
    assert np.isnan(t.loc[("s1", "m2", "collaboration"), "weight_before"])
    assert np.isnan(t.loc[("x", "m1", "collaboration"), "trust_after"])
    s = comp.summary
    # kept ties rated both times: (.5 + .75 + .5) / 3 -> (1 + .5 + .5) / 3
    assert s.at["mean_trust_kept", "before"] == pytest.approx(1.75 / 3)
    assert s.at["mean_trust_kept", "after"] == pytest.approx(2.0 / 3)
    assert any("rose on 1 and fell on 1" in f for f in comp.findings)


def test_answered_columns_and_notes(comp):
    t = comp.ties.set_index(["source", "target", "relation"])
    assert t.loc[("r1", "m1", "information"), "source_answered"] == "before"
    assert t.loc[("s2", "s1", "collaboration"), "source_answered"] == "after"
    assert t.loc[("n", "m1", "information"), "source_answered"] == "after"
    assert t.loc[("x", "m1", "collaboration"), "source_answered"] == "before"
    assert t.loc[("m1", "m2", "collaboration"), "source_answered"] == "both"
    assert t["both_answered"].sum() == 6  # the 5 kept ties (all from m1, m2, s1) + s1 -> m2
    assert not t.loc[("s2", "s1", "collaboration"), "both_answered"]
    assert t.loc[("r1", "m1", "information"), "note"] == "Université did not answer in 2024"
    assert t.loc[("x", "m1", "collaboration"), "note"] == "Asso X is not in 2024"
    assert t.loc[("n", "m1", "information"), "note"] == "Association Vélo is not in 2023"
    assert t.loc[("s2", "s1", "collaboration"), "note"] == "Fleuriste did not answer in 2023"


def test_by_relation(comp):
    rc = comp.relations_change
    assert rc.loc["collaboration", ["gained", "lost", "kept", "before", "after", "change"]].tolist() \
        == [2, 1, 4, 5, 6, 1]
    assert rc.loc["information", ["gained", "lost", "kept"]].tolist() == [1, 1, 1]
    assert rc.loc["all", ["gained", "lost", "kept"]].tolist() == [3, 2, 5]
    assert rc.index[-1] == "all"


def test_by_pair_of_worlds(comp):
    m = comp.mixing_change.set_index(["world_a", "world_b"])
    assert m.loc[("public", "public"), ["gained", "lost", "kept"]].tolist() == [0, 0, 3]
    assert m.loc[("public", "research"), ["gained", "lost", "kept"]].tolist() == [0, 1, 1]
    assert m.loc[("company", "company"), ["gained", "lost", "kept"]].tolist() == [1, 0, 1]
    assert m.loc[("company", "public"), ["gained", "lost", "kept", "change"]].tolist() == [1, 0, 0, 1]
    assert m.loc[("association", "public"), ["gained", "lost", "kept", "change"]].tolist() == [1, 1, 0, 0]
    assert m["cross_world"].tolist() == [False, False, True, True, True]
    assert int(m[["gained", "lost", "kept"]].to_numpy().sum()) == len(comp.ties)


def test_cross_world_and_ei_change(comp):
    s = comp.summary
    # before: m2->r1, r1->m1, x->m1; after: m2->r1, s1->m2, n->m1
    assert s.loc["cross_world_ties", ["before", "after", "change"]].tolist() == [3.0, 3.0, 0.0]
    # E-I on arcs: before 3 external, 4 internal; after 3 external, 5 internal
    assert s.at["ei_index", "before"] == pytest.approx(-1 / 7)
    assert s.at["ei_index", "after"] == pytest.approx(-2 / 8)
    assert s.at["ei_index", "change"] == pytest.approx(-0.25 + 1 / 7)
    # the companies' arcs: before s1 -> s2 inside (I = 1, E = 0) -> -1; after s1 -> s2 and
    # s2 -> s1 inside, s1 -> m2 across (I = 2, E = 1) -> (1 - 2) / 3
    assert comp.ei_change.at["company", "ei_before"] == pytest.approx(-1.0)
    assert comp.ei_change.at["company", "ei_after"] == pytest.approx(-1 / 3)
    assert comp.ei_change.at["company", "change"] == pytest.approx(2 / 3)
    assert comp.ei_change.at["all", "ei_before"] == pytest.approx(-1 / 7)
    assert comp.ties.set_index(["source", "target"]).loc[("s1", "m2"), "cross_world"].item()


def test_density_reciprocity_components(comp):
    s = comp.summary
    assert s.loc["actors", ["before", "after"]].tolist() == [7.0, 7.0]
    assert s.loc["respondents", ["before", "after"]].tolist() == [5.0, 5.0]
    assert s.at["response_rate", "before"] == pytest.approx(5 / 7)
    assert s.loc["ties", ["before", "after"]].tolist() == [7.0, 8.0]
    assert s.at["density", "before"] == pytest.approx(7 / 42)
    assert s.at["density", "after"] == pytest.approx(8 / 42)
    assert s.at["reciprocity", "before"] == pytest.approx(2 / 7)
    assert s.at["reciprocity", "after"] == pytest.approx(4 / 8)
    assert s.loc["components", ["before", "after", "change"]].tolist() == [2.0, 1.0, -1.0]
    assert s.at["main_component_share", "before"] == pytest.approx(5 / 7)
    assert s.at["main_component_share", "after"] == 1.0


def test_restricted_to_actors_who_answered_both(comp):
    s = comp.summary
    # m1, m2, s1 answered both waves; ties among them: m1<->m2, then also s1 -> m2
    assert s.loc["actors", ["before_both", "after_both"]].tolist() == [3.0, 3.0]
    assert s.loc["respondents", ["before_both", "after_both"]].tolist() == [3.0, 3.0]
    assert s.loc["ties", ["before_both", "after_both", "change_both"]].tolist() == [2.0, 3.0, 1.0]
    assert s.loc["components", ["before_both", "after_both"]].tolist() == [2.0, 1.0]
    assert s.loc["cross_world_ties", ["before_both", "after_both"]].tolist() == [0.0, 1.0]
    assert list(s.columns) == ["before", "after", "change", "before_both", "after_both",
                               "change_both", "meaning"]
    assert any("Among the 3 actors who answered both waves: 1 tie gained, 0 lost, 2 kept" in f
               for f in comp.findings)


# --------------------------------------------------------------------------- actors


def test_actors_present_and_respondents(comp):
    a = comp.actors
    assert a.loc["x", "present"] == "before"
    assert a.loc["n", "present"] == "after"
    assert set(a.index[a["present"] == "both"]) == {"m1", "m2", "m3", "r1", "s1", "s2"}
    assert a.loc["r1", ["respondent_before", "respondent_after"]].tolist() == [True, False]
    assert a.loc["s2", ["respondent_before", "respondent_after"]].tolist() == [False, True]
    assert pd.isna(a.loc["n", "respondent_before"])
    assert a.loc["s1", ["label", "sector"]].tolist() == ["Boulangerie", "company"]
    assert a.index.name == "id"
    findings = "\n".join(comp.findings)
    assert "New in 2024 (1 actor): Association Vélo." in findings
    assert "No longer in 2024 (1 actor): Asso X." in findings
    assert "Answered in 2023 but not in 2024: Asso X and Université." in findings
    assert "Answered in 2024 but not in 2023: Association Vélo and Fleuriste." in findings
    assert a.loc["r1", "reason"].startswith("answered 2023 only")
    assert a.loc["n", "reason"].startswith("new in 2024")


# Per-actor measures of each wave, worked out by hand (positive ties only: m2 -> m3 is a
# conflict). Undirected ties:
#   wave 1: m1-m2 (both report it), m1-m3, m1-r1, m1-x, m2-r1; s1-s2
#   wave 2: m1-m2 (both report it), m1-m3, m1-n, m2-r1, m2-s1; s1-s2 (both report it)
# Betweenness over the C(6, 2) = 15 pairs of other actors:
#   wave 1: m1 on m3 and x's paths to the rest: (m3, m2), (m3, r1), (m3, x), (x, m2), (x, r1) = 5
#   wave 2 (a tree): m1 cuts {n}, {m3}, {m2, r1, s1, s2}: 1 + 4 + 4 = 9; m2 cuts {m1, m3, n},
#   {r1}, {s1, s2}: 3 + 6 + 2 = 11; s1 cuts {s2} from 5 others: 5
# Constraint (strength z_ij + z_ji):
#   wave 1 m1: m2 2, m3 1, r1 1, x 1 -> p = .4, .2, .2, .2; m2-r1 tied (p_r1,m2 = 1/2,
#     p_m2,r1 = 1/3): (.4 + .2/2)^2 + (.2 + .4/3)^2 + .2^2 + .2^2 = .25 + 1/9 + .08 = 0.441111
#   wave 1 m2: m1 2, r1 1 -> p = 2/3, 1/3; r1-m1 tied (p_r1,m1 = 1/2, p_m1,r1 = 1/5):
#     (2/3 + 1/6)^2 + (1/3 + 2/15)^2 = 25/36 + 49/225 = 0.912222
#   wave 1 r1: m1 1, m2 1 -> p = 1/2 each; (1/2 + 1/2 * 2/5)^2 + (1/2 + 1/2 * 2/3)^2 = 0.49 + 25/36
#   wave 2: m1 (m2 2, m3 1, n 1) and m2 (m1 2, r1 1, s1 1), no tie among their contacts:
#     1/4 + 1/16 + 1/16 = 0.375; s1 (s2 2, m2 1): 4/9 + 1/9 = 5/9; one contact: 1
# Worlds (own included) and participation 1 - sum (k_s / k)^2:
#   wave 1 m1: public 2 (m2, m3), research 1, association 1 -> 3 worlds, 1 - 6/16 = 0.625
#   wave 1 m2: public 1, research 1 -> 2 worlds, 0.5
#   wave 2 m1: public 2, association 1 -> 2 worlds, 1 - 5/9 = 4/9
#   wave 2 m2: public, research, company 1 each -> 3 worlds, 2/3; s1: company, public -> 1/2
# Hybrid flag (W = 4 worlds both times, score >= 0.6 with 3 worlds and participation >= 0.4):
#   wave 1 m1: 4 crossing open paths (r1 -> m1 -> m2, r1 -> m1 -> m3, x -> m1 -> m2,
#     x -> m1 -> m3), the most: score (2/3 + .625/.75 + 1) / 4 = 0.625
#   wave 2 m2: 3 crossing paths (m1 -> m2 -> r1, s1 -> m2 -> m1, s1 -> m2 -> r1), the most:
#     (2/3 + (2/3)/.75 + 1) / 4 = 0.6389; m1 now has only 2 worlds
# Trust received: wave 1 m1 .75 (from m2), m2 .5, s2 .5; wave 2 m1 .5, m2 1.0, s2 .5.
# Nobody is trusted by 3 actors: no trusted intermediary in either wave.
# Components: wave 1 {m1, m2, m3, r1, x} and {s1, s2}; wave 2 one component.
# Clusters (tie weights w(u,v) + w(v,u)): the best of the 877 partitions of the 7 actors,
# checked with networkx in test_wave_clusters_are_the_modularity_optimum:
#   wave 1 {m1, m2, m3, r1, x} | {s1, s2}: Q = 7/8 - (14/16)^2 + 1/8 - (2/16)^2 = 0.21875
#   wave 2 {m1, m2, m3, n, r1} | {s1, s2}: Q = 6/9 - (13/18)^2 + 2/9 - (5/18)^2 = 0.290123
NAN = float("nan")
WAVE_METRICS = {
    "before": {
        "degree": {"m1": 4, "m2": 2, "m3": 1, "r1": 2, "x": 1, "s1": 1, "s2": 1},
        "betweenness": {"m1": 5 / 15, "m2": 0, "m3": 0, "r1": 0, "x": 0, "s1": 0, "s2": 0},
        "constraint": {"m1": 0.25 + 1 / 9 + 0.08, "m2": 25 / 36 + 49 / 225, "m3": 1.0,
                       "r1": 0.49 + 25 / 36, "x": 1.0, "s1": 1.0, "s2": 1.0},
        "participation": {"m1": 0.625, "m2": 0.5, "m3": 0, "r1": 0, "x": 0, "s1": 0, "s2": 0},
        "worlds": {"m1": 3, "m2": 2, "m3": 1, "r1": 2, "x": 2, "s1": 1, "s2": 1},
        "is_hybrid": {"m1": False, "m2": False, "m3": False, "r1": False, "x": False,
                      "s1": False, "s2": False},
        "trust_received": {"m1": 0.75, "m2": 0.5, "m3": NAN, "r1": NAN, "x": NAN, "s1": NAN,
                           "s2": 0.5},
        "component": {"m1": 0, "m2": 0, "m3": 0, "r1": 0, "x": 0, "s1": 1, "s2": 1},
        "cluster": {"m1": 0, "m2": 0, "m3": 0, "r1": 0, "x": 0, "s1": 1, "s2": 1},
    },
    "after": {
        "degree": {"m1": 3, "m2": 3, "m3": 1, "r1": 1, "n": 1, "s1": 2, "s2": 1},
        "betweenness": {"m1": 9 / 15, "m2": 11 / 15, "m3": 0, "r1": 0, "n": 0, "s1": 5 / 15,
                        "s2": 0},
        "constraint": {"m1": 0.375, "m2": 0.375, "m3": 1.0, "r1": 1.0, "n": 1.0, "s1": 5 / 9,
                       "s2": 1.0},
        "participation": {"m1": 4 / 9, "m2": 2 / 3, "m3": 0, "r1": 0, "n": 0, "s1": 0.5, "s2": 0},
        "worlds": {"m1": 2, "m2": 3, "m3": 1, "r1": 2, "n": 2, "s1": 2, "s2": 1},
        "is_hybrid": {"m1": False, "m2": False, "m3": False, "r1": False, "n": False,
                      "s1": False, "s2": False},
        "trust_received": {"m1": 0.5, "m2": 1.0, "m3": NAN, "r1": NAN, "n": NAN, "s1": NAN,
                           "s2": 0.5},
        "component": {"m1": 0, "m2": 0, "m3": 0, "r1": 0, "n": 0, "s1": 0, "s2": 0},
        "cluster": {"m1": 0, "m2": 0, "m3": 0, "r1": 0, "n": 0, "s1": 1, "s2": 1},
    },
}


def test_actor_metrics_hand_computed(comp):
    a = comp.actors
    for wave, metrics in WAVE_METRICS.items():
        for m, expected in metrics.items():
            for n, want in expected.items():
                got = a.at[n, f"{m}_{wave}"]
                assert got == pytest.approx(want, abs=1e-12, nan_ok=True), (wave, m, n)
            # actors absent from the wave have no value
            for n in set(a.index) - set(expected):
                assert pd.isna(a.at[n, f"{m}_{wave}"]), (wave, m, n)
        assert not a[f"is_trusted_intermediary_{wave}"].fillna(False).any()
    # seven actors: no hybrid flag beats chance in either wave (issue 14)
    assert 0.0 <= a.at["m1", "hybrid_score_before"] < 1.0
    assert pd.isna(a.at["n", "degree_before"]) and pd.isna(a.at["x", "betweenness_after"])
    # degree: s1 had 1 partner (s2), now 2 (s2, m2)
    assert a.loc["s1", ["degree_before", "degree_after", "degree_change"]].tolist() == [1, 2, 1]
    assert a.loc["m1", ["degree_before", "degree_after"]].tolist() == [4, 3]
    # no hybrid flag in either wave on seven actors (issue 14), so no hybrid change
    # (test_flags_appear_and_fade_in_findings checks appearing and fading)
    assert (a["hybrid_change"] == "").all()
    assert (a["intermediary_change"] == "").all()
    assert comp.summary.at["modularity", "before"] == pytest.approx(7 / 8 - (14 / 16) ** 2
                                                                    + 1 / 8 - (2 / 16) ** 2)
    assert comp.summary.at["modularity", "after"] == pytest.approx(6 / 9 - (13 / 18) ** 2
                                                                   + 2 / 9 - (5 / 18) ** 2)
    # sorted by degree change, then id
    assert list(a.index) == sorted(a.index, key=lambda n: (-int(a.at[n, "degree_change"]), n))


def _set_partitions(items: list):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in _set_partitions(rest):
        for i in range(len(p)):
            yield [*p[:i], [first, *p[i]], *p[i + 1:]]
        yield [[first], *p]


def test_wave_clusters_are_the_modularity_optimum(comp):
    """The hand-stated clusters of each wave: the unique best of all 877 partitions."""
    for wave, ties in (("before", TIES_1), ("after", TIES_2)):
        W = nx.Graph()
        for u, v, rel, w, _ in ties:
            if rel != "conflict":
                W.add_edge(u, v, weight=W[u][v]["weight"] + w if W.has_edge(u, v) else w)
        scored = sorted((nx.community.modularity(W, p, weight="weight"), sorted(map(sorted, p)))
                        for p in _set_partitions(sorted(W)))
        (q_best, best), (q_next, _) = scored[-1], scored[-2]
        assert q_best > q_next + 1e-9
        want = WAVE_METRICS[wave]["cluster"]
        assert best == sorted(sorted(n for n in want if want[n] == c) for c in set(want.values()))
        assert comp.summary.at["modularity", wave] == pytest.approx(q_best, abs=1e-12)


def test_wave_position_measures_match_networkx(comp):
    """Betweenness and Burt's constraint of each wave as networkx computes them."""
    for wave, ties in (("before", TIES_1), ("after", TIES_2)):
        H = nx.Graph()  # z_ij + z_ji: how many sides report the tie
        for u, v, rel, *_ in ties:
            if rel != "conflict":
                H.add_edge(u, v, weight=H[u][v]["weight"] + 1 if H.has_edge(u, v) else 1)
        bt = nx.betweenness_centrality(H, weight=None)
        cs = nx.constraint(H, weight="weight")
        for n in H:
            assert comp.actors.at[n, f"betweenness_{wave}"] == pytest.approx(bt[n], abs=1e-12)
            assert comp.actors.at[n, f"constraint_{wave}"] == pytest.approx(cs[n], abs=1e-12)


def test_flags_appear_and_fade_in_findings():
    # a survey-like graph where the hybrid flag beats chance (issue 14: five actors never do);
    # wave 1 is the same graph without the ties of one flagged hybrid: it appears, then fades
    recovery = pytest.importorskip("benchmarks.recovery")
    g2 = recovery.generate(200, noise=0.1, declared=False, seed=1).graph
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = alliances.hybrid_actors(g2, resamples=0)
    h = t.index[t["is_hybrid"]][0]
    g1 = g2.copy()
    g1.remove_edges_from(list(g1.in_edges(h, keys=True)) + list(g1.out_edges(h, keys=True)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        up, down = compare(g1, g2), compare(g2, g1)
    assert up.actors.at[h, "hybrid_change"] == "appeared"
    assert down.actors.at[h, "hybrid_change"] == "faded"
    label = g2.nodes[h]["label"]
    assert any(f.startswith(f"{label} is now a hybrid") for f in up.findings)
    assert f"{label} is no longer flagged as a hybrid." in down.findings


def test_components_merged_through_whom(comp):
    cc = comp.components_change
    assert cc["change"].tolist() == ["merged"]
    row = cc.iloc[0]
    assert row["members"] == ("s1", "s2")
    assert row["through"] == ("m2",)
    assert row["ties"] == (("s1", "m2", "collaboration"),)
    assert row["component_before"] == 1 and row["component_after"] == 0
    sentence = ("The group of 2 companies (Boulangerie and Fleuriste) is now connected to the rest "
                "of the network through Agglo (1 new tie).")
    assert row["sentence"] == sentence
    assert sentence in comp.findings


def test_components_merged_through_new_actor_and_isolate():
    g1 = nx.DiGraph([("a", "b"), ("b", "c")])
    g1.add_node("z")  # isolated
    g1.add_edge("p", "q")
    g2 = nx.DiGraph([("a", "b"), ("b", "c"), ("p", "q"), ("q", "new"), ("new", "a"), ("z", "c")])
    for G in (g1, g2):
        nx.set_node_attributes(G, "public", "sector")
    cc = compare(g1, g2).components_change.set_index("members")
    assert cc.loc[[("p", "q")], "through"].item() == ("new",)
    assert cc.loc[[("p", "q")], "through_labels"].item() == ("new (new in after)",)
    assert cc.loc[[("z",)], "through"].item() == ("c",)
    assert cc.loc[[("z",)], "sentence"].item() == \
        "z, isolated before, is now connected to the rest of the network through c (1 new tie)."


def test_components_split_and_isolated():
    g1 = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    g2 = nx.DiGraph([("a", "b"), ("d", "e")])
    g2.add_node("c")
    for G in (g1, g2):
        nx.set_node_attributes(G, "public", "sector")
    cc = compare(g1, g2).components_change
    assert cc["change"].tolist() == ["split", "split"]
    by = cc.set_index("members")
    # the largest part stays; {c} and one of the pairs break away (equal pairs: lowest component first)
    assert set(by.index) == {("c",), ("d", "e")}
    assert by.loc[[("c",)], "ties"].item() == (("b", "c", "tie"), ("c", "d", "tie"))
    assert by.loc[[("c",)], "sentence"].item().startswith("c is now isolated (lost ties: b -> c (tie), c -> d (tie))")
    # a departed actor that held the group together is named
    g3 = nx.DiGraph([("a", "b")])
    g3.add_node("d")
    g4 = nx.DiGraph([("a", "b"), ("c", "d"), ("b", "c")])
    cc2 = compare(g4, g3).components_change
    assert cc2["change"].tolist() == ["split"]
    assert cc2.iloc[0]["gone"] == ("c",)
    assert "no longer in after: c" in cc2.iloc[0]["sentence"]


# --------------------------------------------------------------------------- options


def test_relations_option_keeps_conflicts_when_asked():
    before, after = _waves()
    c = compare(before, after, relations=["conflict"])
    t = c.ties
    assert t[["source", "target", "relation", "change", "sign"]].values.tolist() == \
        [["m2", "m3", "conflict", "kept", -1]]
    c2 = compare(before, after, relations="information")
    assert _keys(c2.ties, "gained") == {("n", "m1", "information")}
    assert _keys(c2.ties, "lost") == {("r1", "m1", "information")}
    with pytest.raises(ValueError, match="found in no wave"):
        compare(before, after, relations="funding")


def test_relation_in_one_wave_only():
    g1 = alliances.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"], "relation": ["funding"]}))
    g2 = alliances.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"],
                                                   "relation": ["information"]}))
    c = compare(g1, g2, relations=["funding", "information"])
    assert _keys(c.ties, "lost") == {("a", "b", "funding")}
    assert _keys(c.ties, "gained") == {("a", "b", "information")}


def test_aliases_match_renamed_actors():
    before, after = _waves()
    before = nx.relabel_nodes(before, {"s2": "fleuriste-old"})
    plain = compare(before, after)
    assert plain.actors.at["fleuriste-old", "present"] == "before"
    assert plain.actors.at["s2", "present"] == "after"
    assert ("s1", "s2", "collaboration") in _keys(plain.ties, "gained")
    c = compare(before, after, aliases={"fleuriste-old": "s2"})
    assert "fleuriste-old" not in c.actors.index
    assert c.actors.at["s2", "present"] == "both"
    assert ("s1", "s2", "collaboration") in _keys(c.ties, "kept")
    # chains are followed, cycles refused
    c2 = compare(before, after, aliases={"fleuriste-old": "tmp", "tmp": "s2"})
    assert "fleuriste-old" not in c2.actors.index and "tmp" not in c2.actors.index
    assert c2.actors.at["s2", "present"] == "both"
    assert _keys(c2.ties, "kept") == {("m1", "m2", "collaboration"), ("m2", "m1", "collaboration"),
                                      ("m1", "m3", "information"), ("m2", "r1", "collaboration"),
                                      ("s1", "s2", "collaboration")}
    pd.testing.assert_frame_equal(c2.ties, c.ties)  # and the chain equals the direct alias
    with pytest.raises(ValueError, match="cycle"):
        compare(before, after, aliases={"a": "b", "b": "a"})


def test_plain_graph_inputs_and_labels():
    g1, g2 = nx.Graph([("a", "b")]), nx.Graph([("a", "b"), ("b", "c")])
    c = compare(g1, g2, labels=("T0", "T1"))
    assert _keys(c.ties, "gained") == {("b", "c", "tie"), ("c", "b", "tie")}
    assert _keys(c.ties, "kept") == {("a", "b", "tie"), ("b", "a", "tie")}
    assert c.labels == ("T0", "T1")
    assert "New in T1 (1 actor): c." in c.findings
    with pytest.raises(ValueError, match="different labels"):
        compare(g1, g2, labels=("x", "x"))
    with pytest.raises(TypeError, match="networkx graph"):
        compare(pd.DataFrame(), g2)


# --------------------------------------------------------------------------- guarantees


def _tables(c: Comparison) -> list[pd.DataFrame]:
    return [c.ties, c.actors, c.summary, c.components_change, c.mixing_change,
            c.relations_change, c.ei_change, c.clusters_change]


def test_deterministic_and_order_independent(comp):
    again = compare(*_waves(), labels=("2023", "2024"))
    for seed in (1, 7):
        shuffled = compare(*_waves(shuffle=seed), labels=("2023", "2024"))
        for x, y, z in zip(_tables(comp), _tables(again), _tables(shuffled), strict=True):
            pd.testing.assert_frame_equal(x, y)
            pd.testing.assert_frame_equal(x, z)
        assert shuffled.findings == comp.findings
    assert again.findings == comp.findings


def test_same_output_whatever_pythonhashseed():
    code = (
        "import sys, warnings; warnings.simplefilter('ignore'); sys.path.insert(0, 'tests');"
        "import test_compare as t; from alliances import compare;"
        "c = compare(*t._waves());"
        "print(c.ties.to_csv(), c.actors.to_csv(), c.summary.to_csv(), c.findings)"
    )
    outs = []
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for hashseed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True,
                                   capture_output=True, text=True).stdout)
    assert outs[0] == outs[1] and "gained" in outs[0]


def _snapshot(G: nx.Graph):
    return (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph))


def test_inputs_not_mutated_and_result_read_only():
    before, after = _waves()
    sb, sa = _snapshot(before), _snapshot(after)
    c = compare(before, after, aliases={"s2": "fleuriste"})
    assert _snapshot(before) == sb and _snapshot(after) == sa
    with pytest.raises(AttributeError):
        c.ties = pd.DataFrame()
    with pytest.raises(TypeError):
        Comparison()
    t = c.ties
    t.loc[0, "change"] = "edited"
    assert c.ties.loc[0, "change"] == "gained"
    f = c.findings
    f.clear()
    assert c.findings


def test_empty_and_tiny_graphs():
    e = nx.MultiDiGraph()
    c = compare(e, e)
    assert c.ties.empty and c.actors.empty and c.components_change.empty
    assert c.relations_change.loc["all"].tolist() == [0, 0, 0, 0, 0, 0]
    assert c.summary.loc["actors", ["before", "after"]].tolist() == [0.0, 0.0]
    assert str(c) and c._repr_html_()
    one = nx.MultiDiGraph()
    one.add_node("solo", sector="public", respondent=True)
    c1 = compare(e, one)
    assert c1.actors.at["solo", "present"] == "after" and c1.ties.empty
    _, after = _waves()
    c2 = compare(e, after)
    assert set(c2.ties["change"]) == {"gained"} and len(c2.ties) == 8
    assert set(c2.actors["present"]) == {"after"}
    c3 = compare(after, e)
    assert set(c3.ties["change"]) == {"lost"}
    two = nx.Graph()
    two.add_nodes_from(["a", "b"])
    assert compare(two, two).summary.at["components", "change"] == 0


def test_display_is_escaped():
    g1 = nx.DiGraph([("a", "b")])
    g2 = nx.DiGraph([("a", "b"), ("b", "c")])
    for G in (g1, g2):
        for n in G:
            G.nodes[n]["sector"] = "public"
    g2.nodes["c"]["label"] = "<script>alert(1)</script>"
    c = compare(g1, g2, labels=("<b>2023</b>", "2024"))
    out = c._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<b>2023</b>" not in out and "&lt;b&gt;2023&lt;/b&gt;" in out
    assert "<script>alert(1)</script>" in str(c)  # terminals show the text as it is
    assert repr(c) == "<Comparison '<b>2023</b>' -> '2024': 3 actors, 1 ties gained, 0 lost, 1 kept>"


def _with_origin(G: nx.MultiDiGraph, origin_of) -> nx.MultiDiGraph:
    H = G.copy()
    for u, v, k in H.edges(keys=True):
        H.edges[u, v, k]["origin"] = origin_of(u, v, k)
    return H


def test_warns_when_waves_come_from_different_sources():
    before, after = _waves()
    # wave 1: the r1 -> m1 tie is known from an interview only, m1 -> m2 from both
    b = _with_origin(before, lambda u, v, k: "interview" if (u, v) == ("r1", "m1")
                     else "interview+survey" if (u, v) == ("m1", "m2") else "survey")
    a = _with_origin(after, lambda u, v, k: "survey")
    with pytest.warns(alliances.AlliancesWarning, match="same kinds of sources"):
        c = compare(b, a, labels=("2023", "2024"))
    sentence = ("The two waves do not come from the same kinds of sources (2023: interview and "
                "survey; 2024: survey): ties known only from interviews in 2023 look lost, so part "
                "of the change reflects the data collection, not the network. Compare waves built "
                "from the same kinds of files.")
    assert c.findings[1] == sentence
    assert c.sources == {"2023": ("interview", "survey"), "2024": ("survey",)}
    # one affiliation list added in the later wave: both directions are named
    a2 = _with_origin(after, lambda u, v, k: "affiliation" if u == "n" else "survey")
    with pytest.warns(alliances.AlliancesWarning) as record:
        c2 = compare(b, a2)
    assert "ties known only from interviews in before look lost and ties known only from " \
        "participation lists in after look gained" in c2.findings[1]
    assert any("participation lists" in str(w.message) for w in record)
    # compare_waves warns for the pair too
    with pytest.warns(alliances.AlliancesWarning, match="same kinds of sources"):
        w = compare_waves([b, a], labels=["2023", "2024"])
    assert f"2023 -> 2024: {sentence}" in w.findings


def test_no_sources_warning_when_same_or_unknown():
    before, after = _waves()
    same = [_with_origin(G, lambda u, v, k: "survey") for G in (before, after)]
    plain = [nx.DiGraph([("a", "b")]), nx.DiGraph([("a", "b"), ("b", "c")])]
    mixed = [plain[0], same[1]]  # a hand-built graph says nothing about its sources
    for pair in (same, plain, mixed):
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            c = compare(*pair)
        assert not [w for w in record if "same kinds of sources" in str(w.message)]
        assert not any("same kinds of sources" in f for f in c.findings)
    assert compare(*same).sources == {"before": ("survey",), "after": ("survey",)}
    assert compare(*plain).sources == {"before": (), "after": ()}


# --------------------------------------------------------------------------- several waves


def test_compare_waves():
    g1, g2 = _waves()
    g3 = g2.copy()
    g3.remove_edge("s1", "m2", key="collaboration")
    sb = _snapshot(g3)
    w = compare_waves([g1, g2, g3], labels=["2023", "2024", "2025"])
    assert isinstance(w, Waves) and len(w) == 3
    assert [c.labels for c in w.comparisons] == [("2023", "2024"), ("2024", "2025")]
    # the first pair: the hand-listed changes of the module docstring
    first = w.comparisons[0].ties
    assert _keys(first, "gained") == {("s1", "m2", "collaboration"), ("s2", "s1", "collaboration"),
                                      ("n", "m1", "information")}
    assert _keys(first, "lost") == {("r1", "m1", "information"), ("x", "m1", "collaboration")}
    assert len(_keys(first, "kept")) == 5
    assert _keys(w.comparisons[1].ties, "lost") == {("s1", "m2", "collaboration")}
    assert _keys(w.comparisons[1].ties, "gained") == set()
    assert list(w.summary.columns) == ["2023", "2024", "2025"]
    assert w.summary.loc["components"].tolist() == [2.0, 1.0, 2.0]
    assert w.summary.loc["ties"].tolist() == [7.0, 8.0, 7.0]
    m = w.metrics
    assert list(m.columns) == ["id", "label", "sector", "wave", "metric", "value"]
    deg = m[(m["id"] == "s1") & (m["metric"] == "degree")]
    assert deg["wave"].tolist() == ["2023", "2024", "2025"] and deg["value"].tolist() == [1.0, 2.0, 1.0]
    assert m[(m["id"] == "x")]["wave"].unique().tolist() == ["2023"]
    assert m.loc[m["id"] == "n", "label"].iloc[0] == "Association Vélo"
    assert w.findings[0].startswith("2023 -> 2024: ")
    assert _snapshot(g3) == sb
    mapping = compare_waves({"a": g1, "b": g2})
    assert mapping.labels == ("a", "b")
    assert compare_waves([g1, g2]).labels == ("wave 1", "wave 2")
    with pytest.raises(ValueError, match="at least two"):
        compare_waves([g1])
    with pytest.raises(ValueError, match="one label per wave"):
        compare_waves([g1, g2], labels=["x"])
    assert "&rarr;" in w._repr_html_() and "2024 -> 2025" in str(w)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sentences_are_written_from_the_public_tables_alone(lang):
    """change_findings turns a comparison's tables into its sentences: given only what a
    Comparison shows, it writes the same findings, notes, reasons and group sentences."""
    from alliances.analysis import change_findings

    c = compare(*_waves(), labels=("2023", "2024"), lang=lang)
    a, t, cc = c.actors, c.ties, c.components_change
    panel = a.index[a["respondent_before"].fillna(False) & a["respondent_after"].fillna(False)]
    assert set(panel) == {"m1", "m2", "s1"}
    again = change_findings.findings(
        labels=c.labels, summary=c.summary, ties=t, actors=a, relations_change=c.relations_change,
        components_change=cc, cluster_agreement=c.cluster_agreement, sources=c.sources, panel=panel,
        lang=lang)
    assert again == c.findings and len(again) >= 8
    assert change_findings.tie_notes(t, a, labels=c.labels, lang=lang) == t["note"].tolist()
    assert change_findings.actor_reasons(a, labels=c.labels, lang=lang) == a["reason"].tolist()
    row = cc.iloc[0]
    assert change_findings.merged_sentence(
        list(row["member_labels"]), [SECTOR[n] for n in row["members"]], isolated_before=True,
        target=None, through=list(row["through_labels"]), ties=len(row["ties"]), lang=lang) == row["sentence"]
    expected = {"en": "The group of 2 companies (Boulangerie and Fleuriste) is now connected",
                "fr": "Le groupe de 2 entreprises (Boulangerie et Fleuriste)"}[lang]
    assert row["sentence"].startswith(expected)


def test_compare_waves_pairs_equivalent_to_compare():
    """Each consecutive pair of compare_waves is compare() of the two waves (a guard that the
    two paths agree; the changes themselves are checked by hand in test_compare_waves)."""
    g1, g2 = _waves()
    w = compare_waves([g1, g2], labels=["2023", "2024"])
    pd.testing.assert_frame_equal(w.comparisons[0].ties, compare(g1, g2, labels=("2023", "2024")).ties)


# --------------------------------------------------------------------------- sample with planted changes


def _sources_warnings(record) -> list[str]:
    return [str(w.message) for w in record if "same kinds of sources" in str(w.message)]


@pytest.fixture(scope="module")
def sqy():
    """Both waves exactly as ``alliances.samples.load`` gives them (survey and interviews)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the samples' planted oddities
        g1 = alliances.samples.load("sqy-rse")
        g2 = alliances.samples.load("sqy-rse", wave=2)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        c = compare(g1, g2, labels=("2024", "2025"))
    assert _sources_warnings(record) == []  # same kinds of sources in both waves
    expected = alliances.samples.expected("sqy-rse")["wave2_changes"]
    return g1, g2, c, expected


def test_sample_waves_come_from_the_same_sources(sqy):
    _, _, c, e = sqy
    assert c.sources == {"2024": tuple(e["sources"]["wave1"]), "2025": tuple(e["sources"]["wave2"])}
    assert c.sources["2024"] == ("interview", "survey")
    assert not any("same kinds of sources" in f for f in c.findings)


def test_sample_planted_ties(sqy):
    _, _, c, e = sqy
    t = c.ties
    assert _keys(t, "gained") == set(map(tuple, e["ties_gained"]))
    assert _keys(t, "lost") == set(map(tuple, e["ties_lost"]))
    assert len(_keys(t, "kept")) == e["ties_kept"]
    assert {tuple(x) for x in e["planted_gained_ties"]} <= _keys(t, "gained")
    # 43 gained, 55 lost, 185 kept: the values written in the sample's README
    assert (len(e["ties_gained"]), len(e["ties_lost"]), e["ties_kept"]) == (43, 55, 185)
    rc = c.relations_change
    assert rc.loc["all", ["gained", "lost", "kept"]].tolist() == [43, 55, 185]
    lost = t[t["change"] == "lost"]
    by_nonresponse = lost[lost["source_answered"] == "before"]
    assert set(map(tuple, by_nonresponse[["source", "target", "relation"]].values.tolist())) == \
        set(map(tuple, e["ties_lost_by_nonresponse"]))
    planted_cross = {tuple(x) for x in e["planted_cross_world_ties"]}
    gained = t[t["change"] == "gained"].set_index(["source", "target", "relation"])
    assert all(gained.loc[k, "cross_world"] for k in planted_cross)
    # ties known only from the interviews change with their survey tie, as planted
    assert {tuple(x) for x in e["interview_ties_gained"]} <= _keys(t, "gained")
    assert {tuple(x) for x in e["interview_ties_lost"]} <= _keys(t, "lost")
    assert ("collectif-des-femmes-entrepreneures-de-trappes", "face-yvelines", "trust") in \
        _keys(t, "gained")


def test_sample_conflict_and_negative_ties(sqy):
    """Positive ties by default; with every relation, the negative ones are kept too."""
    g1, g2, c, e = sqy
    assert not (c.ties["sign"] < 0).any()
    relations = sorted({r for G in (g1, g2) for *_, r in G.edges(keys=True)})
    assert "conflict" in relations and "mention" in relations
    every = compare(g1, g2, relations=relations)
    t = every.ties
    negative = t[t["sign"] < 0]
    for change in ("gained", "lost", "kept"):
        assert _keys(negative, change) == {tuple(x) for x in e["negative_ties"][change]}, change
    assert ("transports-lefevre-et-fils", "service-de-la-commande-publique-de-sqy", "conflict") in \
        _keys(negative, "kept")
    assert len(_keys(t, "kept")) == e["ties_kept_all_relations"] == e["ties_kept"] + 2
    assert _keys(t, "gained") == set(map(tuple, e["ties_gained"])) | _keys(negative, "gained")


def test_sample_trust_changes(sqy):
    _, _, c, e = sqy
    t = c.ties
    kept = t[t["change"] == "kept"]
    up = kept[kept["trust_change"] > 0]
    down = kept[kept["trust_change"] < 0]
    assert set(map(tuple, up[["source", "target", "relation"]].values.tolist())) == \
        {tuple(x[:3]) for x in e["trust_changes"] if x[4] > x[3]}
    assert set(map(tuple, down[["source", "target", "relation"]].values.tolist())) == \
        {tuple(x[:3]) for x in e["trust_changes"] if x[4] < x[3]}
    assert (t["change"] != "kept").sum() + len(kept) == len(t)
    assert ((t["trust_change"].notna()) & (t["change"] != "kept")).sum() == 0


def test_sample_cross_world_actors_and_respondents(sqy):
    _, _, c, e = sqy
    s = c.summary
    assert s.loc["cross_world_ties", ["before", "after"]].tolist() == \
        [float(e["cross_world_ties"]["before"]), float(e["cross_world_ties"]["after"])] == \
        [107.0, 122.0]
    a = c.actors
    assert sorted(a.index[a["present"] == "after"]) == e["new_actors"]
    assert sorted(a.index[a["present"] == "before"]) == e["gone_actors"]
    rb = a["respondent_before"].fillna(False).astype(bool)
    ra = a["respondent_after"].fillna(False).astype(bool)
    assert sorted(a.index[rb & ~ra]) == e["respondents_wave1_only"]
    assert sorted(a.index[ra & ~rb]) == e["respondents_wave2_only"]


def test_sample_groups_connected_and_new_go_between(sqy):
    _, _, c, e = sqy
    cc = c.components_change
    merged = cc[cc["change"] == "merged"]
    assert sorted(map(list, merged["members"])) == sorted(e["connected_groups"])
    assert (merged["component_after"] == 0).all()
    assert (cc["change"] == "merged").all()  # nothing split off
    assert c.summary.at["components", "after"] == 1.0
    sobrio = merged[merged["members"].map(lambda m: "sobrio" in m)].iloc[0]
    assert {"ikea-plaisir", "sqy-direction-du-developpement-economique"} <= set(sobrio["through"])
    trappes = merged[merged["members"].map(lambda m: "conseil-rh-nadia-benali" in m)].iloc[0]
    assert {"initiative-saint-quentin-en-yvelines", "face-yvelines"} <= set(trappes["through"])
    assert all(s in c.findings for s in merged["sentence"])
    # the planted new go-betweens: their flag is judged against chance (issue 14); on this
    # 66-actor sample they are not flagged in wave 2 (an expected miss, see the sample's
    # README), and the change column follows the flags
    a = c.actors
    for go_between in e["new_go_between"]:
        before = bool(pd.Series(a.at[go_between, "is_trusted_intermediary_before"]).fillna(False)[0])
        after = bool(pd.Series(a.at[go_between, "is_trusted_intermediary_after"]).fillna(False)[0])
        assert a.at[go_between, "intermediary_change"] == (
            "appeared" if after and not before else "faded" if before and not after else "")


def test_sample_only_planted_trusted_intermediaries(sqy):
    """The wave-1 flags are those recorded with the sample; changes follow the flags."""
    _, _, c, _e = sqy
    recorded = alliances.samples.expected("sqy-rse")["flags"]["trusted_intermediaries"]["flagged"]
    a = c.actors
    flagged_before = a["is_trusted_intermediary_before"].fillna(False).astype(bool)
    flagged_after = a["is_trusted_intermediary_after"].fillna(False).astype(bool)
    assert sorted(a.index[flagged_before]) == sorted(recorded)
    assert sorted(a.index[a["intermediary_change"] == "appeared"]) == sorted(
        a.index[flagged_after & ~flagged_before])
    assert sorted(a.index[a["intermediary_change"] == "faded"]) == sorted(
        a.index[flagged_before & ~flagged_after])
    assert c.summary.loc["trusted_intermediaries", ["before", "after"]].tolist() == [
        float(flagged_before.sum()), float(flagged_after.sum())]


def test_sample_warns_when_sources_differ():
    """Wave 1 without its interviews against the full wave 2: the caveat is raised."""
    folder = alliances.samples.path("sqy-rse")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        survey_only = alliances.load({"actors": folder / "actors.csv", "survey": folder / "survey.csv"})
        g2 = alliances.samples.load("sqy-rse", wave=2)
    with pytest.warns(alliances.AlliancesWarning, match="same kinds of sources") as record:
        c = compare(survey_only, g2, labels=("2024", "2025"))
    message = _sources_warnings(record)[0]
    assert message == (
        "The two waves do not come from the same kinds of sources (2024: survey; 2025: interview "
        "and survey): ties known only from interviews in 2025 look gained, so part of the change "
        "reflects the data collection, not the network. Compare waves built from the same kinds "
        "of files.")
    assert c.findings[1] == message
    assert c.sources == {"2024": ("survey",), "2025": ("interview", "survey")}


def test_sample_order_independent(sqy):
    g1, g2, c, _ = sqy
    rng = random.Random(3)

    def shuffled(G):
        H = nx.MultiDiGraph()
        H.graph.update(G.graph)
        nodes = list(G.nodes(data=True))
        rng.shuffle(nodes)
        H.add_nodes_from(nodes)
        edges = list(G.edges(keys=True, data=True))
        rng.shuffle(edges)
        H.add_edges_from(edges)
        return H

    c2 = compare(shuffled(g1), shuffled(g2), labels=("2024", "2025"))
    for x, y in zip(_tables(c), _tables(c2), strict=True):
        pd.testing.assert_frame_equal(x, y)
    assert c.findings == c2.findings


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "in wave 'before', renamed actors merge with actors already present: s2"),
    ("fr", "dans la vague '1re vague', des acteurs renommés fusionnent avec des acteurs déjà "
           "présents : s2"),
])
def test_aliases_merging_two_actors_warn_in_the_callers_language(lang, said):
    before, after = _waves()  # s2 is in both waves: renaming s1 to s2 merges two actors
    with pytest.warns(alliances.errors.AlliancesWarning) as caught:
        compare(before, after, aliases={"s1": "s2"}, lang=lang)
    texts = [str(w.message) for w in caught if "s2" in str(w.message)]
    assert any(t.startswith(said) for t in texts), texts
