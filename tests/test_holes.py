"""Burt's structural holes: igraph, R igraph, networkx (unweighted) and the formulas written out."""

from __future__ import annotations

import math
import random
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances.analysis.holes import structural_holes

REF = Path(__file__).parent / "data" / "reference"
MEASURES = ["effective_size", "efficiency", "constraint", "hierarchy"]


def burt_reference(G: nx.DiGraph | nx.Graph, weight: str | None) -> pd.DataFrame:
    """Burt (1992) written out with dicts: z_ij + z_ji, p_ij, m_jq, c_ij, hierarchy."""
    z: dict = {n: {} for n in G}
    arcs = G.edges(data=True) if G.is_directed() else [
        *G.edges(data=True), *((v, u, d) for u, v, d in G.edges(data=True))]
    for u, v, d in arcs:
        if u == v:
            continue
        w = 1.0 if weight is None else float(d.get(weight, 1.0))
        z[u][v] = z[u].get(v, 0.0) + w
        z[v][u] = z[v].get(u, 0.0) + w  # mutual strength z_uv + z_vu
    rows = {}
    for i in G:
        contacts = z[i]
        N = len(contacts)
        if N == 0:
            rows[i] = dict.fromkeys(MEASURES, math.nan) | {"degree": 0}
            continue
        total_i = sum(contacts.values())

        def p(a, b):
            return z[a].get(b, 0.0) / sum(z[a].values())

        def m(a, b):
            return z[a].get(b, 0.0) / max(z[a].values())

        es = 0.0
        cij = {}
        for j in contacts:
            es += 1 - sum(p(i, q) * m(j, q) for q in contacts if q != j)
            indirect = sum(p(i, q) * p(q, j) for q in contacts if q not in (i, j))
            cij[j] = (contacts[j] / total_i + indirect) ** 2
        C = sum(cij.values())
        if N > 1:
            H = sum((c / (C / N)) * math.log(c / (C / N)) for c in cij.values()) / (N * math.log(N))
        else:
            H = math.nan
        rows[i] = {"degree": N, "effective_size": es, "efficiency": es / N, "constraint": C,
                   "hierarchy": H}
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


def test_florentine_medici_lowest_constraint_and_r_igraph():
    G = nx.florentine_families_graph()
    df = structural_holes(G)
    assert df.index[0] == "Medici"
    assert df.loc["Medici", "constraint"] == pytest.approx(0.209876543209877, abs=1e-12)
    ref = pd.read_csv(REF / "florentine_igraph.csv").set_index("id")
    ours = df.sort_index()
    np.testing.assert_allclose(ours["constraint"].to_numpy(), ref["constraint"].to_numpy(), atol=1e-9)
    np.testing.assert_array_equal(ours["degree"].to_numpy(), ref["degree"].to_numpy())
    # networkx is right on unweighted undirected graphs
    for name, value in nx.constraint(G).items():
        assert ours.loc[name, "constraint"] == pytest.approx(value, abs=1e-12)
    for name, value in nx.effective_size(G).items():
        assert ours.loc[name, "effective_size"] == pytest.approx(value, abs=1e-12)
    assert df.loc["Medici", "reason"] == (
        "constraint 0.21, efficiency 0.94 (effective size 5.7 of 6 contacts): spans structural "
        "holes; some of its contacts are tied to each other")


def test_hand_computed_star_with_one_closed_pair():
    # hub with contacts a, b, c; a-b tied. Binary: effective size = n - 2t/n = 3 - 2/3.
    G = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    df = structural_holes(G)
    hub = df.loc["hub"]
    assert hub["effective_size"] == pytest.approx(3 - 2 / 3, abs=1e-12)
    assert hub["efficiency"] == pytest.approx((3 - 2 / 3) / 3, abs=1e-12)
    # c_hub,a = (1/3 + 1/3 * 1/2)^2 = 0.25, same for b, c_hub,c = 1/9
    assert hub["constraint"] == pytest.approx(0.25 + 0.25 + 1 / 9, abs=1e-12)
    C, N = 0.25 + 0.25 + 1 / 9, 3
    r = np.array([0.25, 0.25, 1 / 9]) / (C / N)
    assert hub["hierarchy"] == pytest.approx(float(np.sum(r * np.log(r)) / (N * np.log(N))), abs=1e-12)
    assert df.loc["c", "constraint"] == 1.0 and np.isnan(df.loc["c", "hierarchy"])
    # a pure star: constraint 1/n, hierarchy 0, effective size n
    S = structural_holes(nx.star_graph(4)).loc[0]
    assert S["constraint"] == pytest.approx(0.25) and S["hierarchy"] == pytest.approx(0.0, abs=1e-15)
    assert S["effective_size"] == pytest.approx(4.0)
    assert S["reason"] == ("constraint 0.25, efficiency 1.00 (effective size 4.0 of 4 contacts): "
                           "spans structural holes; none of its 4 contacts are tied to each other")


def test_french_sentences_hand_computed():
    """The same numbers in French, with the decimal comma: hub (3 - 2/3 = 2.33 of 3), leaf c, isolated."""
    G = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    G.add_node("seul")
    df = structural_holes(G, lang="fr")
    # constraint 0.25 + 0.25 + 1/9 = 0.61, efficiency (7/3)/3 = 0.78: not spanning (constraint >= 0.3)
    assert df.loc["hub", "reason"] == ("contrainte 0,61, efficacité 0,78 (taille effective 2,3 sur "
                                       "3 contacts) : certains de ses contacts sont liés entre eux")
    assert df.loc["c", "reason"] == "un seul contact : entièrement dépendant de lui (contrainte 1,00)"
    assert df.loc["seul", "reason"] == "aucun contact : les trous structuraux ne sont pas définis"
    star = structural_holes(nx.star_graph(4), lang="fr").loc[0, "reason"]
    assert star == ("contrainte 0,25, efficacité 1,00 (taille effective 4,0 sur 4 contacts) : occupe "
                    "des trous structuraux ; aucun de ses 4 contacts n'est lié à un autre")
    # an 8-clique: constraint 7 * (1/7 + 6/49)^2 = 1183/2401 = 0.49; effective size
    # 7 - 2 * 21 / 7 = 1, efficiency 1/7: redundant
    clique = structural_holes(nx.complete_graph(8), lang="fr").loc[0, "reason"]
    assert clique == ("contrainte 0,49, efficacité 0,14 (taille effective 1,0 sur 7 contacts) : la "
                      "plupart de ses contacts sont liés entre eux (redondants)")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("weighted", [False, True])
def test_random_directed_graphs_match_formulas_and_igraph(seed, weighted):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(50, 0.1, seed=seed, directed=True)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = float(rng.choice([1, 2, 3, 5]))
    weight = "weight" if weighted else None
    df = structural_holes(G, weight=weight).sort_index()
    ref = burt_reference(G, weight)
    for col in MEASURES:
        np.testing.assert_allclose(df[col].to_numpy(), ref[col].to_numpy(), atol=1e-9, equal_nan=True,
                                   err_msg=col)
    edges = sorted(G.edges)
    g = ig.Graph(n=50, edges=edges, directed=True)
    c = g.constraint(weights=[G.edges[e]["weight"] for e in edges] if weighted else None)
    np.testing.assert_allclose(df["constraint"].to_numpy(), np.array(c), atol=1e-9, equal_nan=True)


def test_multigraph_relations_and_negative_ties():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="collaboration", relation="collaboration", weight=2.0)
    G.add_edge("a", "b", key="information", relation="information", weight=1.0)
    G.add_edge("a", "c", key="information", relation="information", weight=1.0)
    G.add_edge("b", "c", key="conflict", relation="conflict", sign=-1)
    df = structural_holes(G, weight="weight")
    # the conflict b-c is not a tie: a's two contacts are not connected
    assert df.loc["a", "effective_size"] == pytest.approx(2.0)
    # p_ab = 3/4, p_ac = 1/4
    assert df.loc["a", "constraint"] == pytest.approx(0.75**2 + 0.25**2)
    only = structural_holes(G, relations="information")
    assert only.loc["a", "constraint"] == pytest.approx(0.5)
    assert only.loc["b", "degree"] == 1


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.Graph()
    G.add_nodes_from(range(n))
    df = structural_holes(G)
    assert len(df) == n
    assert df[MEASURES].isna().all().all()
    if n == 2:
        G.add_edge(0, 1)
        df = structural_holes(G)
        assert df["constraint"].tolist() == [1.0, 1.0]
        assert df["effective_size"].tolist() == [1.0, 1.0]


def test_sorted_nan_last_no_mutation_order_independent():
    G = nx.florentine_families_graph()
    G.add_node("Pucci")
    G.add_edge("Medici", "Medici")  # self-loops are ignored
    before = (list(G.nodes(data=True)), list(G.edges(data=True)))
    df = structural_holes(G)
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before
    assert df.index[-1] == "Pucci"
    c = df["constraint"].dropna().to_numpy()
    assert (np.diff(c) >= 0).all()
    assert list(df.columns) == ["label", "sector", "degree", *MEASURES, "reason"]
    edges = list(G.edges)
    nodes = list(G.nodes)
    random.Random(3).shuffle(edges)
    random.Random(4).shuffle(nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    pd.testing.assert_frame_equal(structural_holes(H), df)


def test_scales_without_dense_matrix():
    """20,000 actors: igraph's constraint, in memory far below one dense matrix.

    Memory traced by Python (numpy and scipy arrays included), not wall time: the
    time limit of this case (10 s) is in ``benchmarks/bench_units.py``.
    """
    import tracemalloc

    rng = np.random.default_rng(1)
    n, m = 20_000, 100_000
    u, v = rng.integers(n, size=m), rng.integers(n, size=m)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from((a, b) for a, b in zip(u.tolist(), v.tolist(), strict=True) if a != b)
    tracemalloc.start()
    try:
        df = structural_holes(G)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # about 40 MiB measured; one dense 20k x 20k matrix is 400 MB as booleans,
    # 3.2 GB as floats
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MiB"
    assert len(df) == n
    g = ig.Graph(n=n, edges=sorted(G.edges), directed=True)
    np.testing.assert_allclose(df.sort_index()["constraint"].to_numpy(), np.array(g.constraint()),
                               atol=1e-9, equal_nan=True)


def test_spans_structural_holes_needs_low_constraint_and_high_efficiency():
    """Issue 14: a member of a clique has low constraint when the clique is large, but its
    contacts are all redundant; it does not span structural holes."""
    from alliances.analysis.holes import spans_holes

    df = structural_holes(nx.complete_graph(20))
    row = df.iloc[0]
    assert row["constraint"] < 0.3 and row["efficiency"] < 0.1
    assert "not spanning structural holes" in row["reason"]
    assert "spans structural holes" not in row["reason"]
    clique8 = structural_holes(nx.complete_graph(8)).iloc[0]
    assert "structural holes" not in clique8["reason"]
    assert "most of its contacts are tied to each other" in clique8["reason"]
    # a star: constraint 1/8, efficiency 1
    star = structural_holes(nx.star_graph(8)).loc[0]
    assert star["reason"].endswith("spans structural holes; none of its 8 contacts are tied to each other")
    # two unconnected contacts: efficiency 1 but constraint 0.5
    assert not spans_holes(0.5, 1.0) and not spans_holes(0.2, 0.49) and spans_holes(0.29, 0.5)


@pytest.mark.parametrize("n", [3, 7, 20])
def test_hierarchy_of_equal_constraints_is_exactly_zero(n):
    # a clique spreads constraint evenly: hierarchy 0, never a rounding residue below 0
    df = structural_holes(nx.complete_graph(n))
    assert (df["hierarchy"] == 0.0).all(), df["hierarchy"].tolist()
    assert not (np.signbit(df["hierarchy"].to_numpy())).any()
