"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): structural_holes' frame.

The formulas are covered by tests/test_holes.py (igraph, R, networkx and the
formulas written out); these pin down the columns built around them.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

from alliances.analysis.holes import structural_holes


def test_label_and_sector_columns():
    G = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b")])
    G.nodes["hub"].update(label="The hub", sector="public")
    G.nodes["a"].update(label=None, sector="company")  # no label: the id is shown
    G.nodes["b"].update(label="")
    df = structural_holes(G)
    assert df.loc["hub", "label"] == "The hub"
    assert df.loc["a", "label"] == "a" and df.loc["b", "label"] == "b"
    assert df.loc["hub", "sector"] == "public" and df.loc["a", "sector"] == "company"
    assert df.loc["b", "sector"] is None
    # triangle: every actor has 2 contacts tied to each other: effective size 2 - 2*1/2 = 1,
    # constraint 2 * (1/2 + 1/2 * 1/2)^2 = 1.125
    assert df["effective_size"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert df["constraint"].tolist() == pytest.approx([1.125, 1.125, 1.125])


def test_measure_frame_follows_relations():
    from alliances.analysis.holes import measure_frame

    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="information", relation="information")
    G.add_edge("a", "c", key="information", relation="information")
    G.add_edge("b", "c", key="collaboration", relation="collaboration")
    # information only: a has two unconnected contacts -> constraint 2 * (1/2)^2 = 0.5
    frame = measure_frame(G, weight=None, relations="information")
    assert frame.index.name == "id"
    assert frame.loc["a", "constraint"] == pytest.approx(0.5)
    # all relations: b-c tied -> triangle -> 1.125
    assert measure_frame(G, weight=None, relations=None).loc["a", "constraint"] == pytest.approx(1.125)


def test_hierarchy_with_two_contacts():
    # path a - b - c: b's two contacts are unconnected, c_ba = c_bc = 1/4 -> hierarchy 0
    assert structural_holes(nx.path_graph(["a", "b", "c"])).loc["b", "hierarchy"] == 0.0
    # weighted: p_ba = 1/4, p_bc = 3/4 -> c = 1/16, 9/16, C = 10/16, N = 2;
    # r = c / (C/N) = 0.2, 1.8 -> H = (0.2 ln 0.2 + 1.8 ln 1.8) / (2 ln 2)
    G = nx.Graph()
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("b", "c", weight=3.0)
    expected = (0.2 * math.log(0.2) + 1.8 * math.log(1.8)) / (2 * math.log(2))
    df = structural_holes(G, weight="weight")
    assert df.loc["b", "hierarchy"] == pytest.approx(expected, rel=1e-12)
    assert df.loc["b", "constraint"] == pytest.approx(10 / 16, rel=1e-12)


def test_unweighted_counts_each_tie_once_whatever_its_relations_and_weight():
    # a-b reported under two relations (weights 0 and 5), a-c under one: with weight=None
    # both ties weigh 1 -> p = 1/2 each -> constraint 2 * (1/2)^2 = 0.5
    G = nx.MultiGraph()
    G.add_edge("a", "b", key="collaboration", relation="collaboration", weight=0.0)
    G.add_edge("a", "b", key="information", relation="information", weight=5.0)
    G.add_edge("a", "c", key="information", relation="information", weight=0.0)
    df = structural_holes(G)
    assert df.loc["a", "constraint"] == pytest.approx(0.5)
    assert df.loc["a", "degree"] == 2
