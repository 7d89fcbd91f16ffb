"""Brokerage roles: R sna reference values, a plain reference implementation, edge cases."""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances.analysis.brokerage import ROLES, brokerage_roles, brokerage_summary

REF = Path(__file__).parent / "data" / "reference"
SNA = {"coordinator": "w_I", "itinerant": "w_O", "representative": "b_IO",
       "gatekeeper": "b_OI", "liaison": "b_O", "total": "t"}
COLS = [*ROLES, "total"]


def krackhardt_advice() -> nx.DiGraph:
    A = np.loadtxt(REF / "krackhardt_advice.csv", delimiter=",", dtype=int)
    att = pd.read_csv(REF / "krackhardt_attributes.csv")
    G = nx.DiGraph()
    for row in att.itertuples():
        G.add_node(int(row.id), dept=int(row.dept), label=f"manager {row.id}")
    for i, j in zip(*np.nonzero(A), strict=True):
        G.add_edge(int(i) + 1, int(j) + 1)
    return G


def zachary() -> nx.Graph:
    G = nx.Graph()
    for row in pd.read_csv(REF / "zachary_club.csv").itertuples():
        G.add_node(int(row.id), sector=row.club)
    G.add_edges_from(pd.read_csv(REF / "zachary_edges.csv").itertuples(index=False, name=None))
    return G


def reference_counts(G: nx.DiGraph, attr: str) -> pd.DataFrame:
    """Plain definition: every ordered (a, b, c) with a -> b -> c, a != c, no a -> c."""
    rows = {}
    grp = {n: G.nodes[n].get(attr) for n in G}
    for b in G:
        counts = dict.fromkeys(ROLES, 0)
        for a in G.predecessors(b):
            for c in G.successors(b):
                if a in (c, b) or c == b or G.has_edge(a, c):
                    continue
                ga, gb, gc = grp[a], grp[b], grp[c]
                if ga == gb == gc:
                    counts["coordinator"] += 1
                elif ga == gc:
                    counts["itinerant"] += 1
                elif ga == gb:
                    counts["representative"] += 1
                elif gb == gc:
                    counts["gatekeeper"] += 1
                else:
                    counts["liaison"] += 1
        counts["total"] = sum(counts.values())
        rows[b] = counts
    return pd.DataFrame.from_dict(rows, orient="index")[COLS].sort_index()


def test_krackhardt_advice_equals_sna():
    df = brokerage_roles(krackhardt_advice(), attr="dept", zscores=True).sort_index()
    ref = pd.read_csv(REF / "krackhardt_advice_brokerage_nli.csv").set_index("id")
    for col in COLS:
        np.testing.assert_array_equal(df[col].to_numpy(), ref[f"raw_{SNA[col]}"].to_numpy(), err_msg=col)
        np.testing.assert_allclose(df[f"z_{col}"].to_numpy(), ref[f"z_{SNA[col]}"].to_numpy(),
                                   rtol=1e-9, atol=1e-12, equal_nan=True, err_msg=col)
    # a few of sna's values spelled out (not values printed in a publication): manager 18
    # (VP, dept 3) is the top broker, 500 open two-paths in all
    assert df.loc[18, "total"] == ref.loc[18, "raw_t"]
    assert df["total"].idxmax() == ref["raw_t"].idxmax()
    assert int(df["total"].sum()) == 500


def test_krackhardt_summary_equals_sna():
    s = brokerage_summary(krackhardt_advice(), attr="dept")
    ref = pd.read_csv(REF / "krackhardt_advice_brokerage_gli.csv").set_index("role")
    assert s["sna"].tolist() == ref.index.tolist()
    np.testing.assert_array_equal(s["observed"].to_numpy(), ref["raw"].to_numpy())
    for ours, theirs in (("expected", "exp"), ("sd", "sd"), ("z", "z")):
        np.testing.assert_allclose(s[ours].to_numpy(), ref[theirs].to_numpy(), rtol=1e-9)
    assert s.loc["total", "observed"] == 500
    assert s.attrs["groups"] == {"4": 4, "2": 8, "1": 5, "0": 1, "3": 3}


def test_zachary_factions_equal_sna():
    G = zachary()
    df = brokerage_roles(G, zscores=True).sort_index()
    ref = pd.read_csv(REF / "zachary_brokerage_nli.csv").set_index("id")
    for col in COLS:
        np.testing.assert_array_equal(df[col].to_numpy(), ref[f"raw_{SNA[col]}"].to_numpy(), err_msg=col)
        np.testing.assert_allclose(df[f"z_{col}"].to_numpy(), ref[f"z_{SNA[col]}"].to_numpy(),
                                   rtol=1e-9, atol=1e-12, equal_nan=True, err_msg=col)
    s = brokerage_summary(G)
    gli = pd.read_csv(REF / "zachary_brokerage_gli.csv").set_index("role")
    np.testing.assert_array_equal(s["observed"].to_numpy(), gli["raw"].to_numpy())
    np.testing.assert_allclose(s["z"].to_numpy(), gli["z"].to_numpy(), rtol=1e-9, equal_nan=True)
    # two groups: no liaison is possible
    assert (df["liaison"] == 0).all()


def test_hand_computed_roles():
    # one open two-path per broker, one per role
    G = nx.MultiDiGraph()
    sectors = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
    for n, s in sectors.items():
        G.add_node(n, sector=s)
    G.add_edge("a1", "a2", key="collaboration")  # a2 coordinator of a1 -> a3
    G.add_edge("a2", "a3", key="collaboration")
    df = brokerage_roles(G)
    assert df.loc["a2", COLS].tolist() == [1, 0, 0, 0, 0, 1]
    H = nx.DiGraph([("a1", "b1"), ("b1", "a2")])  # itinerant
    nx.set_node_attributes(H, sectors, "sector")
    assert brokerage_roles(H).loc["b1", COLS].tolist() == [0, 1, 0, 0, 0, 1]
    H = nx.DiGraph([("a1", "a2"), ("a2", "b1")])  # representative: broker in sender's group
    nx.set_node_attributes(H, sectors, "sector")
    assert brokerage_roles(H).loc["a2", COLS].tolist() == [0, 0, 1, 0, 0, 1]
    H = nx.DiGraph([("a1", "b1"), ("b1", "b2")])  # gatekeeper: broker in receiver's group
    nx.set_node_attributes(H, sectors, "sector")
    assert brokerage_roles(H).loc["b1", COLS].tolist() == [0, 0, 0, 1, 0, 1]
    H = nx.DiGraph([("a1", "b1"), ("b1", "c1")])  # liaison
    nx.set_node_attributes(H, sectors, "sector")
    row = brokerage_roles(H).loc["b1"]
    assert row[COLS].tolist() == [0, 0, 0, 0, 1, 1]
    assert row["reason"] == ("on 1 open two-step path (a names it, it names c, a does not name c): "
                             "1 between actors of two different worlds (1 as liaison)")
    # closing the triangle a1 -> c1 removes the brokerage; a reciprocal pair is never brokered
    H.add_edge("a1", "c1")
    H.add_edge("b1", "a1")
    assert brokerage_roles(H)["total"].sum() == 0


def test_reason_splits_paths_between_worlds_and_within_one():
    """Itinerant paths (A -> B -> A) join two actors of one world: never 'between different worlds'."""
    from alliances.analysis.brokerage import BrokerageWords, _reason

    en, fr = BrokerageWords("en"), BrokerageWords("fr")
    # coordinator, itinerant, representative, gatekeeper, liaison, total
    assert _reason(2, 3, 0, 0, 0, 5, en) == (
        "on 5 open two-step paths (a names it, it names c, a does not name c): 5 between two "
        "actors of the same world (2 in its own world, as coordinator, 3 in another world, as "
        "itinerant)")
    assert _reason(0, 1, 1, 2, 3, 7, en) == (
        "on 7 open two-step paths (a names it, it names c, a does not name c): 6 between actors "
        "of two different worlds (3 as liaison, 1 as representative, 2 as gatekeeper); 1 between "
        "two actors of the same world (1 in another world, as itinerant)")
    assert _reason(0, 0, 0, 0, 0, 0, en).startswith("on no open two-step path")
    assert _reason(0, 1, 1, 2, 3, 7, fr) == (
        "sur 7 chemins ouverts à deux pas (a le cite, il cite c, a ne cite pas c) : 6 entre "
        "acteurs de deux mondes différents (3 comme agent de liaison, 1 comme représentant, "
        "2 comme gardien) ; 1 entre deux acteurs du même monde (1 dans un autre monde, comme "
        "itinérant)")
    # French plural rule: 0 and 1 are singular; counts from 1,000 grouped as French writes them
    assert _reason(0, 0, 0, 0, 1, 1, fr).startswith("sur 1 chemin ouvert à deux pas (")
    assert _reason(0, 0, 0, 0, 1234, 1234, fr).startswith("sur 1\u202f234 chemins ouverts")
    assert _reason(0, 0, 0, 0, 0, 0, fr).startswith("sur aucun chemin ouvert à deux pas :")


def test_negative_ties_and_relations():
    G = nx.MultiDiGraph()
    for n, s in {"x": "public", "y": "company", "z": "association"}.items():
        G.add_node(n, sector=s)
    G.add_edge("x", "y", key="collaboration", relation="collaboration")
    G.add_edge("y", "z", key="conflict", relation="conflict", sign=-1)
    assert brokerage_roles(G)["total"].sum() == 0  # the conflict is not a tie
    G.add_edge("y", "z", key="information", relation="information")
    assert brokerage_roles(G).loc["y", "liaison"] == 1
    assert brokerage_roles(G, relations="collaboration")["total"].sum() == 0
    with pytest.raises(ValueError, match="not found"):
        brokerage_roles(G, relations="trust")


@pytest.mark.parametrize("seed", range(6))
def test_matches_reference_implementation_on_random_graphs(seed):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(40, 0.12, seed=seed, directed=True)
    for n in G:
        G.nodes[n]["sector"] = rng.choice(["p", "c", "a", "r"])
    df = brokerage_roles(G).sort_index()
    ref = reference_counts(G, "sector")
    pd.testing.assert_frame_equal(df[COLS].astype(int), ref.astype(int), check_names=False)


def test_undirected_graph_counts_both_ways():
    G = nx.path_graph(3)
    nx.set_node_attributes(G, {0: "a", 1: "b", 2: "c"}, "sector")
    df = brokerage_roles(G)
    assert df.loc[1, "liaison"] == 2  # 0 -> 1 -> 2 and 2 -> 1 -> 0


def test_sorted_by_total_then_id_and_columns():
    df = brokerage_roles(krackhardt_advice(), attr="dept")
    assert list(df.columns) == ["label", "sector", "group", *COLS, "reason"]
    totals = df["total"].to_numpy()
    assert (np.diff(totals) <= 0).all()
    for _, grp in df.groupby("total"):
        assert list(grp.index) == sorted(grp.index)
    assert df.index.name == "id"


def test_no_mutation_and_order_independence():
    G = krackhardt_advice()
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    expected = brokerage_roles(G, attr="dept", zscores=True)
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before
    rng = random.Random(7)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    H = nx.MultiDiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    pd.testing.assert_frame_equal(brokerage_roles(H, attr="dept", zscores=True), expected)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.DiGraph()
    G.add_nodes_from((i, {"sector": "x"}) for i in range(n))
    if n == 2:
        G.add_edge(0, 1)
    df = brokerage_roles(G, zscores=True)
    assert len(df) == n
    assert (df[COLS].to_numpy() == 0).all()
    s = brokerage_summary(G)
    assert s["observed"].tolist() == [0] * 6


def test_missing_group_warns_and_counts_as_unknown():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    G.nodes["a"]["sector"] = "x"
    G.nodes["c"]["sector"] = "y"
    with pytest.warns(Warning, match="no 'sector'"):
        df = brokerage_roles(G)
    assert df.loc["b", "liaison"] == 1


def test_ten_thousand_actors_equal_the_plain_definition():
    """Every broker of a 10k-actor, 100k-arc graph, counted by the definition.

    The time limit of this case (5 s) is in ``benchmarks/bench_units.py``.
    """
    rng = np.random.default_rng(0)
    n, m = 10_000, 100_000
    u, v = rng.integers(n, size=m), rng.integers(n, size=m)
    G = nx.DiGraph()
    G.add_nodes_from((i, {"sector": f"s{i % 6}"}) for i in range(n))
    G.add_edges_from((a, b) for a, b in zip(u.tolist(), v.tolist(), strict=True) if a != b)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = brokerage_roles(G)
    assert len(df) == n
    ref = reference_counts(G, "sector")
    got = df[COLS].astype(int).sort_index()
    pd.testing.assert_frame_equal(got, ref.astype(int), check_names=False, check_index_type=False)
    # each open two-path a -> b -> c (a != c, no arc a -> c) is one count of one
    # broker: all two-paths (A @ A) less those back to a (diagonal) and the closed
    # ones (where A has an arc; A has no loops)
    A = nx.to_scipy_sparse_array(G, nodelist=range(n), format="csr", dtype=np.int64)
    P = A @ A
    open_paths = int(P.sum() - P.diagonal().sum() - P.multiply(A).sum())
    assert int(df["total"].sum()) == open_paths == 997_652
