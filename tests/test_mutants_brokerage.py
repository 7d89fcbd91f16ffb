"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): brokerage expectations.

The R sna references in tests/data/reference have 2 (Zachary) and 5
(Krackhardt) groups; the liaison variance has a term over triples of
distinct groups that only exists from 3 groups on, so exactly 3 groups is
checked here by hand.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

from alliances.analysis.brokerage import brokerage_summary


def test_liaison_variance_with_exactly_three_groups_by_hand():
    # a -> b -> c, one actor per group: N = 3, m = 2 arcs, d = 2 / (3 * 2) = 1/3
    # a = d^2 (1 - d) = 2/27; c3 = d^3 (1-d)^3 = 8/729; c4 = d^4 (1-d)^2 = 4/729;
    # c5 = d^5 (1 - d) = 2/729.
    # liaison (sna b_O), group sizes n = (1, 1, 1):
    #   E = a * (sum_{x,y} x y (N - x - y) - sum_x x^2 (N - 2x)) = a * (9 - 3) = 12/27 = 4/9
    #   V = E (1 - a) + sum over the 6 ordered triples of distinct groups of
    #       n_i n_j n_k [(4 (N - n_j) - 2 (n_i + n_k + 1)) c3 - (4 (N - n_k) - 2 (n_i + n_j + 1)) c4
    #                    + (N - (n_i + n_k + 1)) c5]
    #     = (4/9)(25/27) + 6 * (2 c3 - 2 c4 + 0 c5) = 300/729 + 48/729 = 348/729
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, {"a": "x", "b": "y", "c": "z"}, "sector")
    s = brokerage_summary(G)
    assert s.loc["liaison", "observed"] == 1  # b links a and c, three different groups
    assert s.loc["liaison", "expected"] == pytest.approx(4 / 9, rel=1e-12)
    assert s.loc["liaison", "sd"] == pytest.approx(math.sqrt(348) / 27, rel=1e-12)
    assert s.loc["liaison", "z"] == pytest.approx((1 - 4 / 9) / (math.sqrt(348) / 27), rel=1e-12)
    # no two actors share a group: every within-group role is impossible, expectation 0
    for role in ("coordinator", "itinerant", "representative", "gatekeeper"):
        assert s.loc[role, "expected"] == 0.0 and s.loc[role, "sd"] == 0.0
    # total: E = a N (N-1)(N-2) = 6a = 4/9;
    # V = E (1-a) + N(N-1)(N-2) ((4N - 10) c3 - 4 (N - 3) c4 + (N - 3) c5) = 300/729 + 6 * 2 c3
    assert s.loc["total", "expected"] == pytest.approx(4 / 9, rel=1e-12)
    assert s.loc["total", "sd"] == pytest.approx(math.sqrt((300 + 96) / 729), rel=1e-12)


def _three_worlds() -> nx.DiGraph:
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, {"a": "x", "b": "y", "c": "z"}, "sector")
    return G


def test_zscores_where_sd_is_zero_are_nan_quietly():
    # 0 observed, 0 expected, sd 0 (no two actors share a group): z = 0/0 = NaN as in R,
    # without a numpy RuntimeWarning
    import warnings

    from alliances.analysis.brokerage import brokerage_roles

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = brokerage_summary(_three_worlds())
        df = brokerage_roles(_three_worlds(), zscores=True)
    assert math.isnan(s.loc["coordinator", "z"])
    assert math.isnan(df.loc["b", "z_coordinator"])
    assert df.loc["b", "liaison"] == 1


def test_frame_layout():
    from alliances.analysis.brokerage import brokerage_roles

    s = brokerage_summary(_three_worlds())
    assert s.index.name == "role" and list(s.columns) == ["sna", "observed", "expected", "sd", "z"]
    assert s.attrs["groups"] == {"x": 1, "y": 1, "z": 1}
    df = brokerage_roles(_three_worlds())
    assert list(df.columns) == ["label", "sector", "coordinator", "itinerant", "representative",
                                "gatekeeper", "liaison", "total", "reason"]


def test_closed_two_path_inside_one_group_is_no_brokerage():
    # a -> b -> c with a -> c: closed, so nobody brokers. a, b in x, c in y: the one
    # same-group arc a -> b must still remove the closed path from b's counts.
    from alliances.analysis.brokerage import brokerage_roles

    G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y"}, "sector")
    df = brokerage_roles(G)
    assert df[["coordinator", "itinerant", "representative", "gatekeeper", "liaison",
               "total"]].to_numpy().sum() == 0
    assert (df.to_numpy()[:, 2:8] >= 0).all()
