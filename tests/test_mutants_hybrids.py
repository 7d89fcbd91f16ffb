"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): the hybrid score by hand."""

from __future__ import annotations

import math
import warnings

import networkx as nx
import pytest

from alliances.analysis.hybrids import hybrid_actors


def two_worlds() -> nx.DiGraph:
    # a -> hub -> b; hub and a public, b company, z company without ties, u without a world
    G = nx.DiGraph([("a", "hub"), ("hub", "b")])
    G.add_nodes_from(["z", "u"])
    nx.set_node_attributes(G, {"a": "public", "hub": "public", "b": "company", "z": "company"},
                           "sector")
    return G


def test_hybrid_parts_by_hand_with_two_worlds():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # u has no world: warned about
        t = hybrid_actors(two_worlds())
    W = 2  # known worlds: company, public
    hub = t.loc["hub"]
    # neighbours a (public) and b (company): P = 1 - (1/2)^2 - (1/2)^2 = 0.5
    assert hub["participation"] == pytest.approx(0.5)
    assert hub["worlds"] == 2
    assert hub["reach"] == pytest.approx((2 - 1) / (W - 1))
    # balance = min(1, P / (1 - 1/W)) = 0.5 / 0.5 = 1
    assert hub["balance"] == pytest.approx(1.0)
    # one open path a -> hub -> b (representative): the top broker has b = 1,
    # bridging = ln(1 + 1) / ln(1 + 1) = 1
    assert hub["cross_brokerage"] == 1 and hub["bridging"] == pytest.approx(1.0)
    assert not bool(hub["is_hybrid"])  # 2 ties: never beyond chance here
    # b is tied only to the public hub; its own world comes first in its list
    assert t.loc["b", "world_list"] == ("company", "public")
    assert t.loc["b", "bridging"] == 0.0
    # z: no tie, a known world -> 1 world, reach 0, participation NaN, balance 0
    z = t.loc["z"]
    assert z["worlds"] == 1 and z["reach"] == 0.0 and math.isnan(z["participation"])
    assert z["balance"] == 0.0 and z["score"] == 0.0
    # u: no world and no tie -> 0 worlds, reach 0 (not negative)
    assert t.loc["u", "worlds"] == 0 and t.loc["u", "reach"] == 0.0
    assert "bridging" in t.columns
