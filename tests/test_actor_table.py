"""actor_table: one row per actor, consistent with every underlying measure."""

from __future__ import annotations

import copy
import math
import os
import random

import networkx as nx
import pandas as pd
import pytest

import alliances
from alliances.analysis.brokerage import brokerage_roles
from alliances.analysis.centrality import betweenness
from alliances.analysis.clusters import clusters
from alliances.analysis.holes import structural_holes
from alliances.analysis.hybrids import hybrid_actors
from alliances.analysis.intermediaries import trusted_intermediaries
from alliances.analysis.table import COLUMNS, actor_table


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


def test_columns_and_consistency_with_each_measure():
    G = survey()
    t = actor_table(G)
    assert list(t.columns) == COLUMNS
    assert t.index.name == "id" and sorted(t.index) == sorted(G.nodes)
    hy = hybrid_actors(G)
    ti = trusted_intermediaries(G)
    sh = structural_holes(G)
    br = brokerage_roles(G)
    bt = betweenness(G)
    cl = clusters(G)
    for n in G.nodes:
        row = t.loc[n]
        assert row["hybrid_score"] == pytest.approx(hy.loc[n, "score"])
        assert bool(row["is_hybrid"]) == bool(hy.loc[n, "is_hybrid"])
        assert row["intermediary_score"] == pytest.approx(ti.loc[n, "score"])
        assert bool(row["is_trusted_intermediary"]) == bool(ti.loc[n, "is_trusted_intermediary"])
        assert row["worlds"] == hy.loc[n, "worlds"]
        assert row["betweenness"] == pytest.approx(bt[n])
        for col in ("constraint", "effective_size", "efficiency", "hierarchy"):
            assert row[col] == pytest.approx(sh.loc[n, col], nan_ok=True)
        for col in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison"):
            assert row[col] == br.loc[n, col]
        assert row["brokerage_total"] == br.loc[n, "total"]
        assert row["cluster"] == cl.loc[n, "cluster"]
        assert row["component"] == cl.loc[n, "component"]
        assert row["key_score"] == pytest.approx(max(row["hybrid_score"], row["intermediary_score"]))
    keys = t["key_score"].tolist()
    assert keys == sorted(keys, reverse=True)


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


def test_shared_views_give_the_same_table_as_separate_calls():
    """actor_table reads the graph once (one arc table for every measure): same numbers as
    the public functions computed one by one, each reading the graph itself."""
    import numpy as np

    from alliances import brokerage_roles, structural_holes, trusted_intermediaries
    from alliances.analysis import _fast
    from alliances.analysis.table import actor_table

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


def test_compiled_betweenness_on_a_thread_gives_the_same_table(monkeypatch):
    """With numba, the table's betweenness runs on a thread beside the other measures."""
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
