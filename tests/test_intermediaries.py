"""trusted_intermediaries: hand-computed tiny graphs, trust proxies, negative ties, determinism."""

from __future__ import annotations

import copy
import math
import random
import warnings

import networkx as nx
import pandas as pd
import pytest

from alliances.analysis.intermediaries import trusted_intermediaries


def add(G, u, v, rel="collaboration", **attrs):
    attrs.setdefault("sign", -1 if rel == "conflict" else 1)
    G.add_edge(u, v, key=rel, relation=rel, **attrs)


def hub_graph() -> nx.MultiDiGraph:
    """m (intermediary) rated by a (public) 0.9, b (company) 0.8, c (association) 0.7;
    a2 (public) rates a 0.9; m names a back."""
    G = nx.MultiDiGraph()
    for n, s in [("m", "intermediary"), ("a", "public"), ("b", "company"),
                 ("c", "association"), ("a2", "public")]:
        G.add_node(n, sector=s, respondent=True, label=n.upper())
    add(G, "a", "m", trust=0.9)
    add(G, "b", "m", trust=0.8)
    add(G, "c", "m", trust=0.7)
    add(G, "m", "a")
    add(G, "a2", "a", trust=0.9)
    return G


def test_hand_computed_hub():
    G = hub_graph()
    t = trusted_intermediaries(G)
    m = t.loc["m"]
    # undirected ties m-a, m-b, m-c, a-a2: m is on the paths a-b, a-c, b-c, a2-b, a2-c
    # = 5 of the C(4,2) = 6 pairs of others -> 5/6; a is on a2-m, a2-b, a2-c -> 3/6
    assert m["betweenness"] == pytest.approx(5 / 6)
    assert t.loc["a", "betweenness"] == pytest.approx(0.5)
    assert t.loc["b", "betweenness"] == 0.0
    assert m["trust_received"] == pytest.approx((0.9 + 0.8 + 0.7) / 3)
    assert m["trusted_by"] == 3 and m["trusted_by_worlds"] == 3
    assert set(m["trusted_by_world_list"]) == {"public", "company", "association"}
    assert m["reciprocated"] == 1 and m["negative"] == 0
    assert m["trust_basis"] == "ratings"
    # Burt's constraint, strengths z_ij + z_ji: m-a 2 (both report it), m-b 1, m-c 1 -> p = 1/2,
    # 1/4, 1/4; a, b, c are not tied to each other: C = 1/4 + 1/16 + 1/16 = 0.375
    assert m["constraint"] == pytest.approx(0.375)
    H = nx.Graph([("m", "a", {"w": 2}), ("m", "b", {"w": 1}), ("m", "c", {"w": 1}),
                  ("a", "a2", {"w": 1})])
    assert m["constraint"] == pytest.approx(nx.constraint(H, weight="w")["m"])
    # score = sqrt(position * trust) with the documented parts: b / max b = 1, C = 0.375
    position = (1.0 + 1.0 - 0.375) / 2
    trust = ((0.9 + 0.8 + 0.7) / 3 + 3 / 3 + 3 / 4) / 3  # max trusted_by 3, 4 worlds
    assert m["position"] == pytest.approx(position)
    assert m["trust"] == pytest.approx(trust)
    # a five-actor graph cannot beat chance, and m's contacts form no groups of 2: no flag
    assert m["bridged_groups"] == 0
    assert not t["is_trusted_intermediary"].any()
    # a is trusted by one actor only
    assert t.loc["a", "trusted_by"] == 1 and not bool(t.loc["a", "is_trusted_intermediary"])
    # b: nobody rated it
    assert math.isnan(t.loc["b", "trust_received"])
    assert "nobody rated" in t.loc["b", "reason"]
    assert "3 worlds" in m["reason"] and not m["reason"].startswith("trusted intermediary")
    assert "normalised betweenness 0.833" in m["reason"]


def test_threshold_changes_trusted_by():
    t = trusted_intermediaries(hub_graph(), trust_threshold=0.75)
    assert t.loc["m", "trusted_by"] == 2 and t.loc["m", "trusted_by_worlds"] == 2
    assert not bool(t.loc["m", "is_trusted_intermediary"])  # 2 other worlds, but no groups apart
    t = trusted_intermediaries(hub_graph(), trust_threshold=0.85)
    assert t.loc["m", "trusted_by"] == 1
    assert not bool(t.loc["m", "is_trusted_intermediary"])
    with pytest.raises(ValueError, match=r"0\.\.1"):
        trusted_intermediaries(hub_graph(), trust_threshold=7)


def test_negative_mentions_lower_score_and_never_count_as_position():
    base = trusted_intermediaries(hub_graph())
    G = hub_graph()
    G.add_node("d", sector="citizen", respondent=True)
    add(G, "d", "m", rel="conflict")
    t = trusted_intermediaries(G)
    m = t.loc["m"]
    assert m["negative"] == 1
    # d is isolated in the positive graph: the paths among the others are unchanged,
    # only the normalisation grows from C(4,2) to C(5,2) pairs
    assert m["betweenness"] == pytest.approx(5 / 10)
    # 1 negative among 4 citing actors (a, b, c positive): score x 3/4. Without the penalty:
    # position (1 + 1 - 0.375) / 2 (m still has the highest betweenness, constraint unchanged);
    # trust (mean .8 + 3/3 + 3 of 5 worlds, d's citizen world now counts) / 3 = 0.8
    assert m["position"] == pytest.approx(0.8125) and m["trust"] == pytest.approx(0.8)
    assert "cited negatively by 1 actor" in m["reason"]
    # a second negative interview mention: 2 of 5 > 1/3 -> no longer flagged
    G.add_node("e", sector="citizen", respondent=True)
    add(G, "e", "m", rel="mention", sign=-1)
    t2 = trusted_intermediaries(G)
    assert t2.loc["m", "negative"] == 2
    assert not bool(t2.loc["m", "is_trusted_intermediary"])
    assert base.loc["m", "score"] >= t2.loc["m", "score"]


def test_trust_relation_without_rating_counts_as_full_trust():
    G = nx.MultiDiGraph()
    for n, s in [("m", "intermediary"), ("a", "public"), ("b", "company"),
                 ("c", "association")]:
        G.add_node(n, sector=s, respondent=True)
    add(G, "a", "m", rel="trust")
    add(G, "b", "m", rel="collaboration", trust=0.75)
    add(G, "c", "m", rel="collaboration", trust=0.7)
    t = trusted_intermediaries(G)
    assert t.loc["m", "trust_received"] == pytest.approx((1.0 + 0.75 + 0.7) / 3)
    assert t.loc["m", "trusted_by"] == 3
    assert not bool(t.loc["m", "is_trusted_intermediary"])  # a 4-actor star: no groups apart


def test_proxy_without_any_rating():
    G = nx.MultiDiGraph()
    for n, s in [("m", "intermediary"), ("a", "public"), ("b", "company"),
                 ("c", "association"), ("d", "research")]:
        G.add_node(n, sector=s, respondent=True)
    add(G, "a", "m")
    add(G, "m", "a")
    add(G, "b", "m")
    add(G, "m", "b")
    add(G, "c", "m")  # one-sided: not confirmed
    add(G, "d", "m", rel="mention")  # positive interview mention
    t = trusted_intermediaries(G)
    m = t.loc["m"]
    assert m["trust_basis"] == "proxy"
    assert math.isnan(m["trust_received"])
    assert m["trusted_by"] == 3  # a, b (two-way) + d (mention)
    assert m["trusted_by_worlds"] == 3
    assert m["reciprocated"] == 2
    assert "no trust ratings in the data" in m["reason"]
    assert m["reason"].startswith(
        "no trust ratings in the data: trust read from 2 confirmed (two-way) ties and 1 positive "
        "interview mention (3 actors from 3 worlds: company, public authority, research / "
        "education)")
    fr = trusted_intermediaries(G, lang="fr").loc["m", "reason"]
    assert fr.startswith(
        "aucune note de confiance dans les données : confiance lue dans 2 liens confirmés (dans "
        "les deux sens) et 1 mention positive en entretien (3 acteurs de 3 mondes : entreprise, "
        "collectivité / acteur public, recherche / enseignement)")
    # proxy trust part: reciprocated share 2/4 partners, 3/3, 3 of 5 worlds
    assert m["trust"] == pytest.approx((2 / 4 + 1 + 3 / 5) / 3)
    assert not bool(m["is_trusted_intermediary"])


def test_non_respondent_reason():
    G = hub_graph()
    G.nodes["b"]["respondent"] = False
    t = trusted_intermediaries(G)
    assert "did not answer the survey" in t.loc["b", "reason"]
    assert not bool(t.loc["b", "respondent"])
    fr = trusted_intermediaries(G, lang="fr").loc["b", "reason"]
    assert fr.endswith(" ; n'a pas répondu à l'enquête : ses propres liens sont inconnus")


def test_plain_graph_without_attributes():
    G = nx.path_graph(4)  # 0-1-2-3, no sector, no trust
    with pytest.warns(Warning):
        t = trusted_intermediaries(G)
    assert t.loc[1, "betweenness"] == pytest.approx(2 / 3)
    assert t.loc[1, "reciprocated"] == 2  # undirected ties are two-way
    assert not t["is_trusted_intermediary"].any()  # no world known


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"a{i}", sector="public", respondent=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=UserWarning)
        t = trusted_intermediaries(G)
    assert len(t) == n
    assert not t["is_trusted_intermediary"].any()
    for i in range(n):
        assert math.isnan(t.loc[f"a{i}", "trust_received"])
        assert math.isnan(t.loc[f"a{i}", "constraint"])
        assert t.loc[f"a{i}", "score"] == 0.0


def _graph(seed=None):
    G0 = hub_graph()
    nodes = list(G0.nodes(data=True))
    edges = list(G0.edges(keys=True, data=True))
    edges.append(("c", "b", "conflict", {"relation": "conflict", "sign": -1}))
    if seed is not None:
        rng = random.Random(seed)
        rng.shuffle(nodes)
        rng.shuffle(edges)
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    return G


def test_shuffled_input_gives_identical_table():
    ref = trusted_intermediaries(_graph())
    for seed in range(4):
        pd.testing.assert_frame_equal(ref, trusted_intermediaries(_graph(seed)))


def test_input_not_mutated():
    G = _graph()
    before = copy.deepcopy(G)
    trusted_intermediaries(G, weight="weight")
    assert list(G.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))


def test_weighted_betweenness_follows_strong_ties():
    # s-x-t strong (4), s-y-t weak (1): unweighted, the two routes share the s-t pair;
    # weighted (length 1/strength), only the strong route is shortest
    G = nx.Graph()
    for n in "stxy":
        G.add_node(n, sector="public")
    G.add_edge("s", "x", weight=4.0)
    G.add_edge("x", "t", weight=4.0)
    G.add_edge("s", "y", weight=1.0)
    G.add_edge("y", "t", weight=1.0)
    plain = trusted_intermediaries(G)
    strong = trusted_intermediaries(G, weight="weight")
    # 3 pairs of others for each actor; x: half of (s, t) unweighted, all of it weighted
    assert plain.loc["x", "betweenness"] == pytest.approx(0.5 / 3)
    assert plain.loc["y", "betweenness"] == pytest.approx(0.5 / 3)
    assert strong.loc["x", "betweenness"] == pytest.approx(1 / 3)
    assert strong.loc["y", "betweenness"] == 0.0
    # x-y pair: x-s-y and x-t-y both 1.25 long -> s and t get half each either way
    assert strong.loc["s", "betweenness"] == pytest.approx(0.5 / 3)


def three_pairs_graph() -> nx.MultiDiGraph:
    """m (intermediary) named by three pairs of three worlds, each rating m 0.9; within each
    pair the two members rate each other 0.3, and no tie joins two pairs."""
    G = nx.MultiDiGraph()
    G.add_node("m", sector="intermediary", respondent=True)
    for w in ("a", "b", "c"):
        for i in (1, 2):
            G.add_node(f"{w}{i}", sector=f"world {w}", respondent=True)
            add(G, f"{w}{i}", "m", trust=0.9)
        add(G, f"{w}1", f"{w}2", trust=0.3)
        add(G, f"{w}2", f"{w}1", trust=0.3)
    return G


def test_trust_beyond_chance_and_groups_apart_by_hand():
    from scipy.stats import norm

    t = trusted_intermediaries(three_pairs_graph(), resamples=0)
    m = t.loc["m"]
    assert (m["trusted_by"], m["trusted_by_worlds"], m["bridged_groups"]) == (6, 3, 3)
    assert tuple(m["bridged_group_sizes"]) == (2, 2, 2)
    # 12 ratings: six 0.9 (to m), six 0.3: mean 0.6, population variance 0.09. m's 6 ratings
    # against 6 drawn without replacement: var = 0.09 / 6 * (12 - 6) / (12 - 1)
    z = (0.9 - 0.6) / math.sqrt(0.09 / 6 * 6 / 11)
    assert m["z"] == pytest.approx(z)
    assert m["p"] == pytest.approx(norm.sf(z))
    assert m["q"] == pytest.approx(norm.sf(z))  # the only actor tested: BH over 1 actor
    assert bool(m["is_trusted_intermediary"])
    assert m["score"] == pytest.approx(z / (1 + z))
    assert "against 0.60 for ratings drawn at random" in m["reason"]
    assert "ties into groups of 3 worlds besides its own that are otherwise apart" in m["reason"]
    # nobody else is trusted by 3 actors of 3 worlds: not tested, no z
    assert t.drop(index="m")["z"].isna().all() and not t.drop(index="m")["is_trusted_intermediary"].any()


def test_groups_joined_without_the_actor_make_no_intermediary():
    G = three_pairs_graph()
    add(G, "a2", "b1")  # unrated ties: the ratings, hence z, are unchanged
    add(G, "b2", "c1")
    t = trusted_intermediaries(G, resamples=0)
    base = trusted_intermediaries(three_pairs_graph(), resamples=0)
    assert t.loc["m", "z"] == pytest.approx(base.loc["m", "z"])
    assert t.loc["m", "bridged_groups"] == 0  # one group of six contacts
    assert not bool(t.loc["m", "is_trusted_intermediary"])


def pairs_graph(worlds: dict[str, str], own: str = "intermediary") -> nx.MultiDiGraph:
    """m (world ``own``) named by pairs ``{name: world}``, each member rating m 0.9; within each
    pair the two members rate each other 0.3, and no tie joins two pairs."""
    G = nx.MultiDiGraph()
    G.add_node("m", sector=own, respondent=True)
    for w, world in worlds.items():
        for i in (1, 2):
            G.add_node(f"{w}{i}", sector=world, respondent=True)
            add(G, f"{w}{i}", "m", trust=0.9)
        add(G, f"{w}1", f"{w}2", trust=0.3)
        add(G, f"{w}2", f"{w}1", trust=0.3)
    return G


def test_groups_of_its_own_world_do_not_count():
    # m belongs to world a: the pair of world a is its own circle, not a group it bridges
    t = trusted_intermediaries(pairs_graph({"a": "world a", "b": "world b", "c": "world c"},
                                           own="world a"), resamples=0)
    assert t.loc["m", "bridged_groups"] == 2 and tuple(t.loc["m", "bridged_group_sizes"]) == (2, 2)
    assert bool(t.loc["m", "is_trusted_intermediary"])
    assert "ties into groups of 2 worlds besides its own" in t.loc["m", "reason"]
    # three groups apart, but two of them in one world: m joins 2 worlds (b, c), counted once each
    t = trusted_intermediaries(pairs_graph({"b": "world b", "x": "world b", "c": "world c"}),
                               resamples=0)
    assert t.loc["m", "bridged_groups"] == 2
    # two groups apart of one other world and its own: no liaison between worlds
    t = trusted_intermediaries(pairs_graph({"a": "world a", "b": "world b", "x": "world b"},
                                           own="world a"), resamples=0)
    assert t.loc["m", "bridged_groups"] == 0 and not bool(t.loc["m", "is_trusted_intermediary"])


def test_trusted_from_two_worlds_besides_its_own():
    from scipy.stats import norm

    # raters of 2 worlds, neither m's own: tested. 8 ratings, four 0.9 (to m) and four 0.3:
    # mean 0.6, population variance 0.09; m's 4 ratings against 4 drawn without replacement
    t = trusted_intermediaries(pairs_graph({"a": "world a", "b": "world b"}), resamples=0)
    z = (0.9 - 0.6) / math.sqrt(0.09 / 4 * (8 - 4) / (8 - 1))
    assert t.loc["m", "trusted_by_worlds"] == 2
    assert t.loc["m", "z"] == pytest.approx(z) and t.loc["m", "q"] == pytest.approx(norm.sf(z))
    assert t.loc["m", "bridged_groups"] == 2 and bool(t.loc["m", "is_trusted_intermediary"])
    # the same raters when m belongs to world a: trusted by one world besides its own, not tested
    t = trusted_intermediaries(pairs_graph({"a": "world a", "b": "world b"}, own="world a"),
                               resamples=0)
    assert t.loc["m", "trusted_by_worlds"] == 2 and math.isnan(t.loc["m", "z"])
    assert not bool(t.loc["m", "is_trusted_intermediary"])
    # raising min_trusted_worlds to 4 asks for 3 worlds besides its own
    three = pairs_graph({"a": "world a", "b": "world b", "c": "world c"})
    assert not math.isnan(trusted_intermediaries(three, resamples=0, min_trusted_worlds=4).loc["m", "z"])
    three.nodes["m"]["sector"] = "world a"
    assert math.isnan(trusted_intermediaries(three, resamples=0, min_trusted_worlds=4).loc["m", "z"])


def ring_graph() -> nx.MultiDiGraph:
    """Three communities of 10 actors (worlds b, c, d), each a ring where every actor is tied to
    the next two (circulant C10(1, 2): cohesive, but actors 0 and 5 of a ring share no contact);
    m is tied to actors 0 and 5 of each ring, who rate it 0.9; nothing else joins the rings."""
    G = nx.MultiDiGraph()
    G.add_node("m", sector="intermediary", respondent=True)
    for w in "bcd":
        for i in range(10):
            G.add_node(f"{w}{i}", sector=f"world {w}", respondent=True)
        for i in range(10):
            for step in (1, 2):
                add(G, f"{w}{i}", f"{w}{(i + step) % 10}", trust=0.5)
        for i in (0, 5):
            add(G, f"{w}{i}", "m", trust=0.9)
    return G


def test_contacts_of_one_community_form_a_group():
    from alliances.analysis.context import analysis_context

    G = ring_graph()
    ctx = analysis_context(G, resamples=0)
    comm = dict(zip(ctx.nodes, ctx.communities().tolist(), strict=True))
    U = nx.Graph(G.to_undirected()).subgraph([x for x in G if x != "m"])
    for w in "bcd":
        # not tied, no shared contact besides m: only their community joins them
        assert not U.has_edge(f"{w}0", f"{w}5")
        assert not set(U[f"{w}0"]) & set(U[f"{w}5"])
        assert len({comm[f"{w}{i}"] for i in range(10)}) == 1
    # Infomap finds the three rings; m sits in one of them, whose pair it bridges cannot show
    # (a community m belongs to says nothing of what joins its contacts without it)
    rings = {w: comm[f"{w}0"] for w in "bcd"}
    assert len(set(rings.values())) == 3
    expected = sum(c != comm["m"] for c in rings.values())
    t = trusted_intermediaries(G, context=ctx)
    assert t.loc["m", "bridged_groups"] == expected >= 2
    assert tuple(t.loc["m", "bridged_group_sizes"]) == (2,) * expected
    # deterministic for a seed, whatever the order of the input
    H = nx.MultiDiGraph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    pd.testing.assert_frame_equal(t, trusted_intermediaries(H, resamples=0))
