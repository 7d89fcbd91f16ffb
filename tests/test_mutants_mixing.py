"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md) for the E-I permutation test.

The permutation p-value is checked against a reference written from the
docstring of :func:`alliances.analysis.mixing.ei_index` with plain Python
(dicts and loops, no numpy broadcasting): shuffle the group labels among the
actors (same generator, same seed), compute every group's and the network's
E-I on each shuffle, and count the shuffles at least as far from the
shuffles' mean as the observed value.
"""

from __future__ import annotations

import math
import warnings

import networkx as nx
import numpy as np
import pytest

from alliances.analysis.mixing import ei_index


def _ei(internal: int, external: int) -> float:
    return (external - internal) / (external + internal) if internal + external else math.nan


def reference_p(G: nx.DiGraph, attr: str, permutations: int, seed: int) -> dict[str, float]:
    """Two-sided permutation p per group and for "all", written out from the docstring."""
    nodes = sorted(G)  # canonical order: sorted ids
    groups = sorted({G.nodes[n][attr] for n in nodes})
    code = np.array([groups.index(G.nodes[n][attr]) for n in nodes])
    pos = {n: i for i, n in enumerate(nodes)}
    arcs = [(pos[u], pos[v]) for u, v in G.edges() if u != v]

    def all_ei(labels) -> list[float]:
        inside = dict.fromkeys(range(len(groups)), 0)
        across = dict.fromkeys(range(len(groups)), 0)
        n_in = n_ex = 0
        for u, v in arcs:
            if labels[u] == labels[v]:
                inside[labels[u]] += 1
                n_in += 1
            else:  # a crossing arc counts for the sender's and the receiver's group
                across[labels[u]] += 1
                across[labels[v]] += 1
                n_ex += 1
        return [_ei(inside[g], across[g]) for g in range(len(groups))] + [_ei(n_in, n_ex)]

    observed = all_ei(code.tolist())
    rng = np.random.default_rng(seed)
    null = [all_ei(rng.permutation(code).tolist()) for _ in range(permutations)]
    out = {}
    for j, name in enumerate([*groups, "all"]):
        column = [row[j] for row in null]
        finite = [x for x in column if not math.isnan(x)]
        if math.isnan(observed[j]):
            out[name] = math.nan
            continue
        centre = sum(finite) / len(finite)
        far = sum(1 for x in column if not math.isnan(x)
                  and abs(x - centre) >= abs(observed[j] - centre) - 1e-12)
        out[name] = (1 + far) / (1 + permutations)
    return out


def _graph() -> nx.DiGraph:
    # 8 actors in 3 groups, 9 arcs; the group "c" (h) has no tie at all, so its
    # E-I is NaN on the observed labels and on some shuffles.
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"),
                    ("f", "d"), ("b", "e"), ("g", "a")])
    G.add_node("h")
    sectors = {"a": "a", "b": "a", "c": "a", "d": "b", "e": "b", "f": "b", "g": "b", "h": "c"}
    nx.set_node_attributes(G, sectors, "sector")
    return G


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_permutation_p_equals_the_written_out_definition(seed):
    G = _graph()
    df = ei_index(G, permutations=60, seed=seed)
    ref = reference_p(G, "sector", 60, seed)
    for group, p in ref.items():
        got = df.loc[group, "p_value"]
        if math.isnan(p):
            assert math.isnan(got), group
        else:
            assert got == pytest.approx(p, abs=1e-12), group
    # the p-values are on (0, 1]: at least the observed labelling counts (the "+1")
    finite = df["p_value"].dropna()
    assert ((finite > 0) & (finite <= 1)).all()


def test_permutation_p_of_a_group_without_ties_is_nan_and_float():
    df = ei_index(_graph(), permutations=30, seed=2)
    assert df["p_value"].dtype == np.float64
    assert math.isnan(df.loc["c", "p_value"])  # no tie: E-I undefined, so is its p
    assert "not significant" in df.loc["all", "reason"] or "permutation p" in df.loc["all", "reason"]


def test_permutation_test_is_silent_on_groups_without_ties():
    # 0/0 on shuffles where a group has no tie gives NaN, quietly (no RuntimeWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = ei_index(_graph(), permutations=40, seed=5)
    assert df["p_value"].notna().sum() == 3  # a, b and "all"


def test_permutation_p_counts_ties_with_the_observed_value():
    # Two groups of two and the two arcs inside the groups: observed E-I of "all" is -1.
    # The 4!/(2!2!) = 6 labellings give E-I -1 (2 of them: the observed split, or its
    # swap) or +1/0 otherwise; the null mean is below 0, and the shuffles equal to the
    # observed value must count as "at least as far" (>=), so p >= 1/(1+n) + those.
    G = nx.DiGraph([("a", "b"), ("c", "d")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, "sector")
    df = ei_index(G, permutations=50, seed=3)
    ref = reference_p(G, "sector", 50, 3)
    assert df.loc["all", "p_value"] == pytest.approx(ref["all"], abs=1e-12)
    assert ref["all"] > 2 / 51  # several shuffles tie with the observed -1


def test_undirected_mixing_matrix_is_labelled_group_both_ways():
    from alliances.analysis.mixing import mixing_matrix

    M = mixing_matrix(_graph(), directed=False)
    assert M.index.name == "group" and M.columns.name == "group"
    # undirected ties: a-b (twice reported, once), a-c, b-e, a-g | c-d, d-e, e-f, f-d
    # inside a: a-b, a-c -> 2 ties -> diagonal 4; inside b: d-e, e-f, f-d -> 6;
    # across: c-d, b-e, g-a -> 3 each way
    assert M.to_numpy().tolist() == [[4, 3, 0], [3, 6, 0], [0, 0, 0]]


def test_relations_reach_the_counts_of_both_sign_paths():
    from alliances.analysis.mixing import mixing_matrix

    G = nx.MultiDiGraph()
    G.add_nodes_from([("a", {"sector": "x"}), ("b", {"sector": "x"}), ("c", {"sector": "y"})])
    G.add_edge("a", "b", key="collaboration", relation="collaboration")
    G.add_edge("a", "c", key="information", relation="information")
    G.add_edge("b", "c", key="conflict", relation="conflict", sign=-1)
    G.add_edge("a", "b", key="rivalry", relation="rivalry", sign=-1)
    G.add_edge("c", "c", key="rivalry", relation="rivalry", sign=-1)  # self-tie: never counted
    assert mixing_matrix(G, relations="information").to_numpy().tolist() == [[0, 1], [0, 0]]
    neg = ei_index(G, ties="negative", relations="conflict", directed=False)
    assert (neg.loc["all", "internal"], neg.loc["all", "external"]) == (0, 1)
    both = ei_index(G, ties="negative", directed=False)
    assert (both.loc["all", "internal"], both.loc["all", "external"]) == (1, 1)


def test_whole_network_ei_zero_and_attrs():
    # a -> b inside x, a -> c across: I = E = 1 -> E-I = 0 (not undefined)
    G = nx.DiGraph([("a", "b"), ("a", "c")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y"}, "sector")
    df = ei_index(G)
    assert df.loc["all", "ei"] == 0.0
    assert df.attrs["attr"] == "sector" and df.attrs["directed"] is True
