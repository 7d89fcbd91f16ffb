"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): reciprocity's arithmetic."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from alliances.analysis.views import reciprocity


def relations_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="collaboration", relation="collaboration")
    G.add_edge("b", "a", key="information", relation="information")
    G.add_edge("a", "c", key="information", relation="information")
    G.add_edge("c", "a", key="information", relation="information")
    return G


def test_reciprocity_follows_the_relations_asked():
    G = relations_graph()
    # every relation: arcs a->b, b->a, a->c, c->a; all four have their reverse -> 4/4
    assert reciprocity(G) == 1.0
    # information only: arcs b->a, a->c, c->a; a->c and c->a reciprocated -> 2/3
    assert reciprocity(G, relations="information") == pytest.approx(2 / 3, abs=1e-15)
    # collaboration only: the single arc a->b has no reverse -> 0/1
    assert reciprocity(G, relations="collaboration") == 0.0
    assert reciprocity(G, relations=["collaboration", "information"]) == 1.0


def test_reciprocity_counts_ties_whatever_their_weight():
    # a tie reported with weight 0 (or any number) is still a reported tie:
    # arcs a->b (weight 0), b->a (weight 3), b->c -> 2 of 3 reciprocated
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="collaboration", relation="collaboration", weight=0.0)
    G.add_edge("b", "a", key="collaboration", relation="collaboration", weight=3.0)
    G.add_edge("b", "c", key="collaboration", relation="collaboration", weight=2.0)
    assert reciprocity(G) == pytest.approx(2 / 3, abs=1e-15)


def test_reciprocity_without_a_kept_tie_is_nan():
    G = relations_graph()
    G.add_edge("c", "b", key="conflict", relation="conflict", sign=-1)
    # the conflict is a negative tie: never a reported positive tie, nothing left -> NaN
    assert math.isnan(reciprocity(G, relations="conflict"))


def test_undirected_tie_graph_unions_relations_of_both_directions():
    from alliances.analysis.views import tie_graph

    G = relations_graph()  # a->b collaboration, b->a information, a<->c information
    H = tie_graph(G, directed=False)
    assert H.edges["a", "b"]["relations"] == ("collaboration", "information")
    assert H.edges["a", "c"]["relations"] == ("information",)
    assert H.edges["a", "b"]["weight"] == 2.0 and H.edges["a", "b"]["reciprocated"]
