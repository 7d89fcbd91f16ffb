"""hybrid_actors: hand-computed tiny graphs, survey edge cases, determinism."""

from __future__ import annotations

import copy
import math
import random
import warnings

import networkx as nx
import pandas as pd
import pytest

from alliances.analysis.hybrids import hybrid_actors
from alliances.errors import AlliancesWarning


def star() -> nx.Graph:
    """hub (public) tied to a (public), b (company), c (research)."""
    G = nx.Graph()
    G.add_nodes_from([("hub", {"sector": "public"}), ("a", {"sector": "public"}),
                      ("b", {"sector": "company"}), ("c", {"sector": "research"})])
    G.add_edges_from([("hub", "a"), ("hub", "b"), ("hub", "c")])
    return G


def test_star_hand_computed():
    t = hybrid_actors(star())
    hub = t.loc["hub"]
    assert hub["worlds"] == 3
    assert set(hub["world_list"]) == {"public", "company", "research"}
    assert hub["participation"] == pytest.approx(1 - 3 * (1 / 3) ** 2)
    # undirected graph: every edge both ways; the 6 ordered pairs of hub's
    # neighbours are open two-paths: a->hub->b representative, b->hub->a gatekeeper,
    # a/c likewise, b<->c liaison (x2)
    assert (hub["representative"], hub["gatekeeper"], hub["liaison"]) == (2, 2, 2)
    assert hub["cross_brokerage"] == 6
    # reach (3-1)/(3-1) = 1, balance (2/3)/(1-1/3) = 1, bridging 1 (descriptive parts)
    assert (hub["reach"], hub["balance"], hub["bridging"]) == pytest.approx((1, 1, 1))
    # the null model by hand: no ratings, every tie weighs 1. The ties of public actors
    # (hub-a, hub-b, hub-c, a-hub) reach public, company, research, public; re-dealt at
    # random, hub keeps three distinct worlds (P = 2/3) iff a gets a public one: 1/2.
    # Otherwise hub has public twice (P = 4/9). Expected 5/9; p = P(null >= 2/3) = 1/2.
    assert hub["trusted_participation"] == pytest.approx(2 / 3)
    assert hub["p"] == pytest.approx(0.5, abs=0.06)
    assert hub["expected_participation"] == pytest.approx(5 / 9, abs=0.02)
    # a 4-actor star cannot beat chance: no flag (a refusal, not a finding)
    assert not bool(hub["is_hybrid"])
    b = t.loc["b"]
    assert b["worlds"] == 2 and b["participation"] == 0.0
    assert math.isnan(b["p"]) and b["score"] == 0.0  # one tie: not tested
    assert "too few ties to actors of known world to test against chance" in b["reason"]
    a = t.loc["a"]
    assert a["worlds"] == 1 and a["score"] == 0.0
    assert t.index.name == "id"
    assert {"label", "sector", "reason", "respondent", "partial_view", "z", "p", "q",
            "stability", "declares"} <= set(t.columns)
    assert "2 worlds besides its own" in hub["reason"] and not hub["reason"].startswith("hybrid")


def test_declared_several_sectors_flags_with_two_worlds():
    G = nx.Graph()
    G.add_node("tl", sector="intermediary", sectors=("intermediary", "association"))
    G.add_node("x", sector="association")
    G.add_node("y", sector="association")
    G.add_node("p", sector="public")
    G.add_edges_from([("tl", "x"), ("tl", "y"), ("tl", "p")])
    t = hybrid_actors(G)
    assert bool(t.loc["tl", "declared"]) and t.loc["tl", "declared_sectors"] == 2
    assert t.loc["tl", "worlds"] == 3  # own + association + public
    # participation: 2 association, 1 public -> 1 - (4/9 + 1/9) = 4/9 >= 0.4
    assert t.loc["tl", "participation"] == pytest.approx(4 / 9)
    # declaring several sectors never creates the flag alone
    assert not bool(t.loc["tl", "is_hybrid"])
    assert t.loc["tl", "declares"] == ("intermediary", "association")
    assert ("declares: intermediary / support organisation, association / social economy"
            in t.loc["tl", "reason"])
    fr = hybrid_actors(G, lang="fr").loc["tl", "reason"]
    # ties: 2 association, 1 public; participation 4/9 = 0.44
    assert fr.startswith("liens vers 2 mondes en plus du sien : association / ESS (2), "
                         "collectivité / acteur public (1) ; participation sur l'ensemble de ses "
                         "liens 0,44 ; ")
    assert (" ; se déclare : intermédiaire / structure d'accompagnement, association / ESS"
            in fr)


def test_weighted_participation():
    G = nx.MultiDiGraph()
    G.add_node("h", sector="public", respondent=True)
    G.add_node("x", sector="public", respondent=True)
    G.add_node("y", sector="company", respondent=True)
    G.add_edge("h", "x", key="collaboration", relation="collaboration", weight=3.0)
    G.add_edge("h", "y", key="collaboration", relation="collaboration", weight=1.0)
    assert hybrid_actors(G).loc["h", "participation"] == pytest.approx(0.5)
    assert hybrid_actors(G, weighted=True).loc["h", "participation"] == pytest.approx(
        1 - (0.75 ** 2 + 0.25 ** 2))


def test_conflict_ties_never_make_a_world():
    G = nx.MultiDiGraph()
    for n, s in [("h", "public"), ("x", "company"), ("r", "research")]:
        G.add_node(n, sector=s, respondent=True)
    G.add_edge("h", "x", key="collaboration", relation="collaboration", sign=1)
    G.add_edge("h", "r", key="conflict", relation="conflict", sign=-1)
    t = hybrid_actors(G)
    assert t.loc["h", "worlds"] == 2
    assert "research" not in t.loc["h", "world_list"]
    assert t.loc["r", "worlds"] == 1


def test_relations_filter_and_rule_both():
    G = nx.MultiDiGraph()
    for n, s in [("h", "public"), ("x", "company"), ("r", "research")]:
        G.add_node(n, sector=s, respondent=True)
    G.add_edge("h", "x", key="collaboration", relation="collaboration")
    G.add_edge("x", "h", key="collaboration", relation="collaboration")
    G.add_edge("h", "r", key="information", relation="information")  # one-sided
    assert hybrid_actors(G).loc["h", "worlds"] == 3
    assert hybrid_actors(G, rule="both").loc["h", "worlds"] == 2
    assert hybrid_actors(G, relations="collaboration").loc["h", "worlds"] == 2


def test_non_respondent_is_marked_and_ranked_after_complete_views():
    G = nx.MultiDiGraph()
    sectors = {"R": "public", "N": "association", "c1": "company", "r1": "research",
               "p1": "public", "i1": "intermediary"}
    for n, s in sectors.items():
        G.add_node(n, sector=s, respondent=(n != "N"))
    G.nodes["N"]["sectors"] = ("association", "citizen")
    # R: a respondent who brokers between three other worlds
    G.add_edge("R", "c1", key="collaboration", relation="collaboration")
    G.add_edge("R", "r1", key="collaboration", relation="collaboration")
    G.add_edge("i1", "R", key="collaboration", relation="collaboration")
    # N never answered but is named by four worlds
    for u in ("c1", "r1", "p1", "i1"):
        G.add_edge(u, "N", key="collaboration", relation="collaboration")
    t = hybrid_actors(G, min_score=0.0)
    # W = 5 worlds. R: reach 3/4, balance (2/3)/(4/5), bridging 1 (top broker)
    assert t.loc["R", "reach"] == pytest.approx(0.75)
    assert t.loc["R", "balance"] == pytest.approx((2 / 3) / 0.8)
    assert t.loc["R", "bridging"] == pytest.approx(1.0)
    # N: reach 4/4, balance (3/4)/(4/5), no brokerage visible (no outgoing ties)
    assert t.loc["N", "reach"] == 1.0 and t.loc["N", "balance"] == pytest.approx(0.75 / 0.8)
    assert bool(t.loc["N", "partial_view"]) and not bool(t.loc["N", "respondent"])
    assert not bool(t.loc["R", "partial_view"])
    # six actors: nobody beats chance
    assert not t["is_hybrid"].any()
    order = list(t.index)
    assert order.index("R") < order.index("N")  # complete views first
    assert "did not answer the survey" in t.loc["N", "reason"]


def test_min_score_gates_the_flag():
    G = nx.Graph()
    G.add_nodes_from([("x", {"sector": "public"}), ("y", {"sector": "company"}),
                      ("z", {"sector": "research"}), ("hub", {"sector": "association"}),
                      ("h2", {"sector": "association"})])
    G.add_edges_from([("x", "y"), ("x", "z"), ("hub", "y"), ("hub", "z"), ("hub", "h2"),
                      ("h2", "y"), ("h2", "z")])
    t = hybrid_actors(G)
    # W = 4. x: 3 worlds, P = 0.5; open paths y->x->z and z->x->y (2 liaisons);
    # y is the top broker: x->y->hub, hub->y->x, x->y->h2, h2->y->x = 4
    assert t.loc["y", "cross_brokerage"] == 4 and t.loc["x", "cross_brokerage"] == 2
    assert t.loc["x", "bridging"] == pytest.approx(math.log(3) / math.log(5))
    assert not t["is_hybrid"].any()
    # min_score only ever removes flags
    assert not hybrid_actors(G, min_score=0.99)["is_hybrid"].any()


def test_missing_group_warns_and_unknown_neighbours_not_counted():
    G = nx.Graph()
    G.add_node("h", sector="public")
    G.add_node("x", sector="company")
    G.add_node("u")  # no sector
    G.add_edges_from([("h", "x"), ("h", "u")])
    with pytest.warns(AlliancesWarning, match="1 of 3 actors have no 'sector'"):
        t = hybrid_actors(G)
    assert t.loc["h", "worlds"] == 2
    assert t.loc["h", "participation"] == 0.0  # only known-world neighbours count
    assert "unknown world not counted" in t.loc["h", "reason"]
    assert t.loc["u", "worlds"] == 1  # its neighbour h is public; its own world unknown


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"a{i}", sector="public")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = hybrid_actors(G)
    assert len(t) == n
    assert "score" in t.columns and "is_hybrid" in t.columns
    for i in range(n):
        row = t.loc[f"a{i}"]
        assert row["worlds"] == 1
        assert math.isnan(row["participation"])
        assert row["score"] == 0.0 and not bool(row["is_hybrid"])


def test_two_actors_one_tie():
    G = nx.DiGraph()
    G.add_node("a", sector="public")
    G.add_node("b", sector="company")
    G.add_edge("a", "b")
    t = hybrid_actors(G)
    assert t.loc["a", "worlds"] == 2 and t.loc["b", "worlds"] == 2
    assert t.loc["a", "participation"] == 0.0
    # reach (2-1)/(2-1) = 1; one tie: not tested, score 0, no flag
    assert t.loc["a", "reach"] == pytest.approx(1.0)
    assert t.loc["a", "score"] == 0.0 and not t["is_hybrid"].any()


def _survey_graph(seed: int | None = None) -> nx.MultiDiGraph:
    nodes = [("h", "public"), ("x", "company"), ("y", "research"), ("z", "association"),
             ("w", "public"), ("v", "company")]
    edges = [("h", "x", "collaboration", 2.0), ("h", "y", "information", 1.0),
             ("h", "z", "collaboration", 3.0), ("x", "h", "collaboration", 1.0),
             ("w", "h", "funding", 1.0), ("y", "v", "collaboration", 1.0),
             ("z", "w", "conflict", 1.0), ("v", "x", "information", 4.0)]
    if seed is not None:
        rng = random.Random(seed)
        rng.shuffle(nodes)
        rng.shuffle(edges)
    G = nx.MultiDiGraph()
    for n, s in nodes:
        G.add_node(n, sector=s, respondent=n != "v", label=n.upper())
    for u, v, r, w in edges:
        G.add_edge(u, v, key=r, relation=r, weight=w, sign=-1 if r == "conflict" else 1)
    return G


def test_shuffled_input_gives_identical_table():
    ref = hybrid_actors(_survey_graph(), weighted=True)
    for seed in range(4):
        pd.testing.assert_frame_equal(ref, hybrid_actors(_survey_graph(seed), weighted=True))


def test_input_not_mutated():
    G = _survey_graph()
    before = copy.deepcopy(G)
    hybrid_actors(G)
    assert nx.utils.graphs_equal(G, before)
    assert list(G.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))


def test_trusted_by_in_the_sentence_counts_actors_not_trust_weights():
    """'trusted by N actors' is the number of raters at or above the threshold (11 for the Mission
    vélo of Antony), the same count as trusted_intermediaries' trusted_by, never a summed weight."""
    import re

    import alliances

    G = alliances.samples.load("antony-velo")
    with pytest.warns(alliances.AlliancesWarning):
        t = hybrid_actors(G, seed=0, resamples=0)
        ti = alliances.trusted_intermediaries(G, seed=0, resamples=0)
    seen = 0
    for actor, reason in t["reason"].items():
        m = re.search(r"trusted by (\d+) actors?\b", reason)
        if m:
            assert int(m.group(1)) == ti.loc[actor, "trusted_by"], actor
            seen += 1
    assert seen >= 10
    assert "trusted by 11 actors" in t.loc["mission-velo-de-la-ville-d-antony", "reason"]
