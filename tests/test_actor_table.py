"""actor_table: one row per actor, every column checked against hand-computed values,
networkx and the R references of tests/data/reference/."""

from __future__ import annotations

import copy
import math
import os
import random
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import alliances
from alliances.analysis.table import COLUMNS, actor_table

REF = Path(__file__).parent / "data" / "reference"


def survey(seed=None) -> nx.MultiDiGraph:
    nodes = [
        ("mairie", dict(sector="public", themes=("mobility",), territory="Antony")),
        ("club", dict(sector="association", themes=("mobility", "youth"))),
        ("atelier", dict(sector="association", sectors=("association", "company"),
                         themes=("repair",))),
        ("pme", dict(sector="company", themes=("delivery",))),
        ("lycee", dict(sector="research", themes=("youth",))),
        ("seniors", dict(sector="citizen", themes=("mobility",), respondent=False)),
        ("lonely", dict(sector="citizen", themes=())),
    ]
    edges = [
        ("mairie", "club", "collaboration", dict(weight=3.0, trust=0.9)),
        ("club", "mairie", "collaboration", dict(weight=3.0, trust=0.8)),
        ("club", "atelier", "information", dict(weight=2.0, trust=0.8)),
        ("atelier", "club", "collaboration", dict(weight=2.0, trust=0.9)),
        ("pme", "atelier", "funding", dict(weight=1.0, trust=0.7)),
        ("atelier", "lycee", "collaboration", dict(weight=1.0, trust=0.5)),
        ("lycee", "atelier", "collaboration", dict(weight=1.0, trust=0.9)),
        ("mairie", "seniors", "information", dict(weight=1.0)),
        ("pme", "mairie", "conflict", dict(sign=-1)),
    ]
    if seed is not None:
        rng = random.Random(seed)
        rng.shuffle(nodes)
        rng.shuffle(edges)
    G = nx.MultiDiGraph()
    for n, d in nodes:
        d = {"respondent": True, "label": n.title(), "kind": "organisation", **d}
        G.add_node(n, **d)
    for u, v, r, d in edges:
        G.add_edge(u, v, key=r, relation=r, **{"sign": 1, **d})
    return G


# --------------------------------------------------------------------------- independent values
#
# The survey() graph, worked out by hand. Positive ties (the pme -> mairie conflict never
# counts), as distinct directed pairs:
#     mairie <-> club, club <-> atelier, atelier <-> lycee, pme -> atelier, mairie -> seniors
# Undirected, a tree:  seniors - mairie - club - atelier - {pme, lycee};  lonely is isolated.
# Worlds: mairie public, club and atelier association (atelier also declares company),
# pme company, lycee research, seniors and lonely citizen: W = 5 worlds in the network.

IDS = ["atelier", "club", "mairie", "lycee", "pme", "seniors", "lonely"]
LN = math.log

# betweenness, normalised by the C(6, 2) = 15 pairs of other actors (a tree: one path each)
#   mairie:  seniors to {club, atelier, pme, lycee}                  4 pairs
#   club:    {seniors, mairie} x {atelier, pme, lycee}                6 pairs
#   atelier: {seniors, mairie, club} x {pme, lycee} + (pme, lycee)    7 pairs
BETWEENNESS = {"atelier": 7 / 15, "club": 6 / 15, "mairie": 4 / 15, "lycee": 0.0, "pme": 0.0,
               "seniors": 0.0, "lonely": 0.0}
# Burt, weight=None: strength z_ij + z_ji = 2 for a tie reported both ways, 1 one way.
#   mairie: club 2, seniors 1 -> p = 2/3, 1/3; no tie between its contacts (a tree), so
#           C = (2/3)^2 + (1/3)^2 = 5/9
#   club:   mairie 2, atelier 2 -> p = 1/2, 1/2 -> C = 1/2
#   atelier: club 2, pme 1, lycee 2 -> p = 2/5, 1/5, 2/5 -> C = 9/25
#   one contact -> C = 1; lonely: no contact -> NaN
CONSTRAINT = {"atelier": 9 / 25, "club": 0.5, "mairie": 5 / 9, "lycee": 1.0, "pme": 1.0,
              "seniors": 1.0, "lonely": math.nan}
# no tie among anybody's contacts: effective size = number of contacts, efficiency 1
EFFECTIVE_SIZE = {"atelier": 3.0, "club": 2.0, "mairie": 2.0, "lycee": 1.0, "pme": 1.0,
                  "seniors": 1.0, "lonely": math.nan}
# hierarchy = sum_j r_j ln r_j / (N ln N), r_j = c_ij / (C / N)
#   mairie: c = 4/9, 1/9; C/N = 5/18 -> r = 8/5, 2/5
#   club:   r = 1, 1 -> 0
#   atelier: c = 4/25, 1/25, 4/25; C/N = 3/25 -> r = 4/3, 1/3, 4/3
#   fewer than two contacts: NaN
HIERARCHY = {"atelier": (2 * 4 / 3 * LN(4 / 3) + 1 / 3 * LN(1 / 3)) / (3 * LN(3)), "club": 0.0,
             "mairie": (8 / 5 * LN(8 / 5) + 2 / 5 * LN(2 / 5)) / (2 * LN(2)),
             "lycee": math.nan, "pme": math.nan, "seniors": math.nan, "lonely": math.nan}
# Gould & Fernandez: every open two-path a -> b -> c (a != c, no a -> c), by worlds (a, b, c)
#   mairie:  club -> mairie -> seniors      association, public, citizen        liaison
#   club:    mairie -> club -> atelier      public, association, association    gatekeeper
#            atelier -> club -> mairie      association, association, public    representative
#   atelier: club -> atelier -> lycee       association, association, research  representative
#            pme -> atelier -> club         company, association, association   gatekeeper
#            lycee -> atelier -> club       research, association, association  gatekeeper
#            pme -> atelier -> lycee        company, association, research      liaison
#   every other two-path returns to its start (a == c): lycee, pme, seniors, lonely broker none
ROLES = {  # coordinator, itinerant, representative, gatekeeper, liaison
    "atelier": (0, 0, 1, 2, 1), "club": (0, 0, 1, 1, 0), "mairie": (0, 0, 0, 0, 1),
    "lycee": (0,) * 5, "pme": (0,) * 5, "seniors": (0,) * 5, "lonely": (0,) * 5,
}
# worlds (own included) and participation 1 - sum_s (k_s / k)^2 on the undirected ties
#   atelier: club (association), pme (company), lycee (research) -> 3 worlds, 1 - 3/9 = 2/3
#   mairie:  club (association), seniors (citizen) + public       -> 3 worlds, 1 - 2/4 = 1/2
#   club:    mairie (public), atelier (association)               -> 2 worlds, 1/2
#   lycee, pme, seniors: one neighbour of another world            -> 2 worlds, 0
#   lonely:  its own world only, no tie                            -> 1 world, NaN
WORLDS = {"atelier": 3, "club": 2, "mairie": 3, "lycee": 2, "pme": 2, "seniors": 2, "lonely": 1}
PARTICIPATION = {"atelier": 2 / 3, "club": 0.5, "mairie": 0.5, "lycee": 0.0, "pme": 0.0,
                 "seniors": 0.0, "lonely": math.nan}
# trust: ratings on the positive ties received (one per rater), threshold 0.7
#   atelier: club .8, pme .7, lycee .9 -> mean .8; 3 raters >= .7 from 3 worlds
#   club:    mairie .9, atelier .9    -> .9;  2 raters from 2 worlds
#   mairie:  club .8                  -> .8;  1 rater
#   lycee:   atelier .5               -> .5;  none >= .7
#   seniors (mairie -> seniors carries no rating), pme, lonely: NaN
TRUST_RECEIVED = {"atelier": 0.8, "club": 0.9, "mairie": 0.8, "lycee": 0.5, "pme": math.nan,
                  "seniors": math.nan, "lonely": math.nan}
TRUSTED_BY = {"atelier": 3, "club": 2, "mairie": 1, "lycee": 0, "pme": 0, "seniors": 0, "lonely": 0}
# components: the tree (6 actors) is component 0, lonely component 1. Clusters: of the 203
# partitions of the six tied actors (tie weights w(u,v) + w(v,u): mairie-club 6,
# club-atelier 4, atelier-lycee 2, atelier-pme 1, mairie-seniors 1), the one of highest
# modularity is {atelier, lycee, pme} | {club, mairie, seniors} (Q = 0.1735, checked against
# networkx below); equal sizes: the one holding the smallest id ("atelier") is cluster 0.
COMPONENT = {"atelier": 0, "club": 0, "mairie": 0, "lycee": 0, "pme": 0, "seniors": 0, "lonely": 1}
CLUSTER = {"atelier": 0, "lycee": 0, "pme": 0, "club": 1, "mairie": 1, "seniors": 1, "lonely": 2}


def _approx(value):
    return pytest.approx(value, abs=1e-12, nan_ok=True)


def test_columns_and_hand_computed_measures():
    t = actor_table(survey())
    assert list(t.columns) == COLUMNS
    assert t.index.name == "id"
    # sorted by key_score = max(hybrid, intermediary) (descending), then id
    keys = [(-t.loc[n, "key_score"], n) for n in t.index]
    assert keys == sorted(keys)
    assert set(t.index) == set(IDS)
    for n in IDS:
        row = t.loc[n]
        assert row["betweenness"] == _approx(BETWEENNESS[n]), n
        assert row["constraint"] == _approx(CONSTRAINT[n]), n
        assert row["effective_size"] == _approx(EFFECTIVE_SIZE[n]), n
        assert row["efficiency"] == _approx(EFFECTIVE_SIZE[n] / row["degree"] if row["degree"]
                                            else math.nan), n
        assert row["hierarchy"] == _approx(HIERARCHY[n]), n
        roles = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
        assert tuple(int(row[c]) for c in roles) == ROLES[n], n
        assert row["brokerage_total"] == sum(ROLES[n])
        assert row["cross_brokerage"] == sum(ROLES[n][1:])
        assert row["worlds"] == WORLDS[n], n
        assert row["participation"] == _approx(PARTICIPATION[n]), n
        # seven actors: nothing beats chance, so nobody is flagged (issue 14)
        assert not bool(row["is_hybrid"]) and not bool(row["is_trusted_intermediary"]), n
        assert row["trust_received"] == _approx(TRUST_RECEIVED[n]), n
        assert row["trusted_by"] == TRUSTED_BY[n], n
        assert row["key_score"] == _approx(max(row["hybrid_score"], row["intermediary_score"])), n
        assert 0.0 <= row["hybrid_score"] < 1.0 and 0.0 <= row["intermediary_score"] < 1.0
        assert row["component"] == COMPONENT[n], n
        assert row["cluster"] == CLUSTER[n], n
    assert t.loc["atelier", "trusted_by_worlds"] == 3 and t.loc["club", "trusted_by_worlds"] == 2


def _positive_arcs(G: nx.Graph) -> set[tuple]:
    return {(u, v) for u, v, d in G.edges(data=True) if d.get("sign", 1) > 0 and u != v}


def _reports_graph(G: nx.Graph) -> nx.Graph:
    """Undirected positive ties weighted by how many sides report them (z_ij + z_ji)."""
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v in _positive_arcs(G):
        w = H[u][v]["weight"] + 1 if H.has_edge(u, v) else 1
        H.add_edge(u, v, weight=w)
    return H


def _set_partitions(items: list):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in _set_partitions(rest):
        for i in range(len(p)):
            yield [*p[:i], [first, *p[i]], *p[i + 1:]]
        yield [[first], *p]


def test_position_measures_and_clusters_match_networkx():
    G = survey()
    t = actor_table(G)
    H = _reports_graph(G)
    bt = nx.betweenness_centrality(H, weight=None)
    # nx.constraint / effective_size with the z_ij + z_ji strengths: Burt's formulas. Passing
    # nodes= uses networkx's per-node formula (its matrix path, nx 3.6, differs when weighted).
    cs = nx.constraint(H, weight="weight")
    es = nx.effective_size(H, nodes=list(H), weight="weight")
    for n in G:
        assert t.loc[n, "betweenness"] == pytest.approx(bt[n], abs=1e-12), n
        assert t.loc[n, "constraint"] == pytest.approx(cs[n], abs=1e-12, nan_ok=True), n
        assert t.loc[n, "effective_size"] == pytest.approx(es[n], abs=1e-12, nan_ok=True), n
    comps = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c)))
    assert [set(t.index[t["component"] == k]) for k in range(len(comps))] == comps
    # clusters: the modularity optimum over every partition of the tied actors (networkx Q,
    # weights w(u,v) + w(v,u) as clusters() uses), the isolated actor a cluster of its own
    W = nx.Graph()
    for u, v, d in G.edges(data=True):
        if d.get("sign", 1) > 0:
            w = W[u][v]["weight"] + d["weight"] if W.has_edge(u, v) else d["weight"]
            W.add_edge(u, v, weight=w)
    scored = sorted((nx.community.modularity(W, p, weight="weight"), sorted(map(sorted, p)))
                    for p in _set_partitions(sorted(W)))
    (q_best, best), (q_next, _) = scored[-1], scored[-2]
    assert q_best > q_next + 1e-9  # a unique optimum
    assert q_best == pytest.approx(0.173469, abs=1e-6)
    got = sorted(sorted(t.index[t["cluster"] == c]) for c in t["cluster"].unique())
    assert got == sorted([*best, ["lonely"]])


def test_brokerage_columns_equal_r_sna_on_krackhardt():
    """Krackhardt's advice network by department: the role counts of R sna::brokerage."""
    A = np.loadtxt(REF / "krackhardt_advice.csv", delimiter=",", dtype=int)
    att = pd.read_csv(REF / "krackhardt_attributes.csv")
    G = nx.DiGraph()
    for row in att.itertuples():
        G.add_node(int(row.id), dept=int(row.dept))
    for i, j in zip(*np.nonzero(A), strict=True):
        G.add_edge(int(i) + 1, int(j) + 1)
    t = actor_table(G, attr="dept").sort_index()
    ref = pd.read_csv(REF / "krackhardt_advice_brokerage_nli.csv").set_index("id").sort_index()
    sna = {"coordinator": "raw_w_I", "itinerant": "raw_w_O", "representative": "raw_b_IO",
           "gatekeeper": "raw_b_OI", "liaison": "raw_b_O", "brokerage_total": "raw_t"}
    for ours, theirs in sna.items():
        assert t[ours].tolist() == ref[theirs].astype(int).tolist(), ours
    assert t["cross_brokerage"].tolist() == (ref["raw_t"] - ref["raw_w_I"]).astype(int).tolist()
    # manager 18, the vice-president of docs/methods/brokerage.md: 121 open paths
    assert t.loc[18, "brokerage_total"] == 121


def test_betweenness_and_constraint_equal_r_igraph_on_florentine():
    G = nx.florentine_families_graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no sector: one group
        t = actor_table(G)
    ref = pd.read_csv(REF / "florentine_igraph.csv").set_index("id")
    for family, row in ref.iterrows():
        assert t.loc[family, "betweenness"] == pytest.approx(row["betweenness"], abs=1e-9), family
        assert t.loc[family, "constraint"] == pytest.approx(row["constraint"], abs=1e-9), family
        assert t.loc[family, "degree"] == row["degree"], family


def test_hand_computed_degrees_and_attributes():
    t = actor_table(survey())
    # positive directed ties, distinct partners; the pme -> mairie conflict does not count
    assert (t.loc["mairie", "in_degree"], t.loc["mairie", "out_degree"]) == (1, 2)
    assert (t.loc["pme", "in_degree"], t.loc["pme", "out_degree"]) == (0, 1)
    assert (t.loc["atelier", "in_degree"], t.loc["atelier", "out_degree"]) == (3, 2)
    assert t.loc["atelier", "degree"] == 3
    assert t.loc["seniors", "in_degree"] == 1 and not bool(t.loc["seniors", "respondent"])
    assert t.loc["atelier", "sectors"] == ("association", "company")
    assert t.loc["mairie", "territory"] == "Antony"
    assert t.loc["club", "themes"] == ("mobility", "youth")
    assert t.loc["mairie", "negative"] == 1
    lonely = t.loc["lonely"]
    assert lonely["degree"] == 0 and lonely["component"] != 0
    assert math.isnan(lonely["constraint"]) and math.isnan(lonely["participation"])
    assert lonely["reason"] == "isolated: no positive tie in the data"
    fr = actor_table(survey(), lang="fr")
    assert fr.loc["lonely", "reason"] == "isolé : aucun lien positif dans les données"
    assert fr.drop(columns="reason").equals(t.drop(columns="reason"))  # only the words change
    assert t.index[-1] == "lonely" or t.loc[t.index[-1], "key_score"] == 0.0


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"a{i}", sector="public", respondent=True)
    t = actor_table(G)
    assert list(t.columns) == COLUMNS and len(t) == n
    assert not t["is_hybrid"].any() and not t["is_trusted_intermediary"].any()


def test_plain_undirected_graph():
    G = nx.karate_club_graph()
    t = actor_table(G, attr="club")
    assert len(t) == 34
    # the two leaders have the highest betweenness of the karate club (0 and 33)
    assert set(t["betweenness"].nlargest(2).index) == {0, 33}
    assert (t["in_degree"] == t["out_degree"]).all()
    # an undirected tie counts both ways: networkx's unweighted measures on the same graph
    bt = nx.betweenness_centrality(G)
    cs = nx.constraint(G)
    for n in G:
        assert t.loc[n, "betweenness"] == pytest.approx(bt[n], abs=1e-12), n
        assert t.loc[n, "constraint"] == pytest.approx(cs[n], abs=1e-12), n
        assert t.loc[n, "degree"] == G.degree(n), n


def test_shuffled_input_gives_identical_table():
    ref = actor_table(survey())
    for seed in range(4):
        pd.testing.assert_frame_equal(ref, actor_table(survey(seed)))


def test_input_not_mutated():
    G = survey()
    before = copy.deepcopy(G)
    actor_table(G)
    assert list(G.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))
    assert G.graph == before.graph


def _random_survey() -> nx.MultiDiGraph:
    """60 actors of 4 worlds, 300 random ties (a quarter of them conflicts), trust ratings."""
    G = nx.MultiDiGraph()
    rng = np.random.default_rng(4)
    sectors = ["public", "company", "association", "research"]
    for i in range(60):
        G.add_node(f"a{i:02d}", sector=sectors[i % 4], respondent=i % 5 != 0)
    for _ in range(300):
        u, v = rng.integers(0, 60, 2)
        if u == v:
            continue
        rel = ["collaboration", "information", "trust", "conflict"][int(rng.integers(0, 4))]
        G.add_edge(f"a{u:02d}", f"a{v:02d}", key=rel, relation=rel, weight=float(rng.integers(1, 5)),
                   trust=float(rng.random()) if rel != "conflict" else None,
                   sign=-1 if rel == "conflict" else 1)
    return G


def test_random_survey_against_plain_definitions_and_networkx():
    """Each column recomputed from its definition, ties read straight from the graph."""
    G = _random_survey()
    t = actor_table(G)
    arcs = _positive_arcs(G)
    H = _reports_graph(G)
    group = nx.get_node_attributes(G, "sector")
    # degrees: distinct partners named / naming / either way
    for n in G:
        assert t.loc[n, "out_degree"] == sum(1 for u, _ in arcs if u == n), n
        assert t.loc[n, "in_degree"] == sum(1 for _, v in arcs if v == n), n
        assert t.loc[n, "degree"] == H.degree(n), n
    # brokerage: every open two-path a -> b -> c (a != c, no a -> c), crossing worlds or not
    succ = {n: {v for u, v in arcs if u == n} for n in G}
    pred = {n: {u for u, v in arcs if v == n} for n in G}
    for b in G:
        paths = [(a, c) for a in pred[b] for c in succ[b] if a != c and c not in succ[a]]
        assert t.loc[b, "brokerage_total"] == len(paths), b
        within = sum(1 for a, c in paths if group[a] == group[b] == group[c])
        assert t.loc[b, "coordinator"] == within, b
        assert t.loc[b, "cross_brokerage"] == len(paths) - within, b
    # position: networkx betweenness and Burt's constraint (strength z_ij + z_ji)
    bt = nx.betweenness_centrality(H, weight=None)
    cs = nx.constraint(H, weight="weight")
    for n in G:
        assert t.loc[n, "betweenness"] == pytest.approx(bt[n], abs=1e-12), n
        assert t.loc[n, "constraint"] == pytest.approx(cs[n], rel=1e-12, nan_ok=True), n
    # trust: one rating per rater (its highest), trusted_by counts ratings >= 0.7;
    # negative: distinct actors sending a conflict
    best: dict[tuple, float] = {}
    for u, v, d in G.edges(data=True):
        if d["sign"] > 0 and d.get("trust") is not None:
            best[(u, v)] = max(best.get((u, v), 0.0), d["trust"])
    for n in G:
        ratings = [r for (_, v), r in best.items() if v == n]
        assert t.loc[n, "trust_received"] == pytest.approx(
            sum(ratings) / len(ratings) if ratings else math.nan, rel=1e-12, nan_ok=True), n
        assert t.loc[n, "trusted_by"] == sum(1 for r in ratings if r >= 0.7), n
        senders = {u for u, v, d in G.edges(data=True) if v == n and d["sign"] < 0}
        assert t.loc[n, "negative"] == len(senders), n


def test_shared_views_table_equivalent_to_separate_calls():
    """actor_table reads the graph once (one arc table for every measure): same numbers as
    the public functions computed one by one, each reading the graph itself. (A guard that
    the two code paths agree; the values themselves are checked by
    test_random_survey_against_plain_definitions_and_networkx.)"""
    from alliances import brokerage_roles, structural_holes, trusted_intermediaries
    from alliances.analysis import _fast

    G = _random_survey()
    t = actor_table(G)
    b = brokerage_roles(G).reindex(t.index)
    h = structural_holes(G).reindex(t.index)
    ti = trusted_intermediaries(G).reindex(t.index)
    assert (t["brokerage_total"] == b["total"]).all()
    np.testing.assert_allclose(t["constraint"], h["constraint"], rtol=1e-12, equal_nan=True)
    np.testing.assert_allclose(t["intermediary_score"], ti["score"], rtol=1e-12)
    assert (t["trusted_by"] == ti["trusted_by"]).all()
    assert (t["negative"] == ti["negative"]).all()
    # the shared tie matrix equals the one read directly from the graph
    from alliances.analysis.views import tie_matrix

    for weight in (None, "weight"):
        for signed in (False, True):
            ref = tie_matrix(G, weight=weight, signed=signed)
            with _fast.shared(G):
                fast = _fast.tie_matrix(G, weight=weight, signed=signed)
            assert fast.nodes == ref.nodes
            assert (fast.weights != ref.weights).nnz == 0


def test_compiled_betweenness_on_a_thread_equivalent_to_igraph_table(monkeypatch):
    """With numba, the table's betweenness runs on a thread beside the other measures: the
    same table as with igraph (and the betweenness networkx computes)."""
    from alliances.analysis import _brandes, centrality, table

    if not _brandes.available():
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail("numba is missing in CI: the test extra should have installed it")
        pytest.skip("numba is not installed (optional: pip install 'alliances[fast]')")
    G = alliances.samples.load("morteau-reemploi")
    monkeypatch.setattr(centrality, "NUMBA_FROM", float("inf"))  # igraph, no thread
    ref = actor_table(G, seed=0)
    started = []
    real = table._betweenness_in_background

    def spy(*args, **kwargs):
        future = real(*args, **kwargs)
        started.append(future)
        return future

    monkeypatch.setattr(table, "_betweenness_in_background", spy)
    monkeypatch.setattr(centrality, "NUMBA_FROM", 0.0)  # the compiled kernel, on a thread
    got = actor_table(G, seed=0)
    assert len(started) == 1 and started[0] is not None and started[0].done()
    assert started[0].result().attrs["engine"] == "numba"
    pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-12, atol=1e-15)
    bt = nx.betweenness_centrality(_reports_graph(G), weight=None)
    for n in G:
        assert got.loc[n, "betweenness"] == pytest.approx(bt[n], abs=1e-12), n
