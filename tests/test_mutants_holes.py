"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): structural_holes' frame.

The formulas are covered by tests/test_holes.py (igraph, R, networkx and the
formulas written out); these pin down the columns built around them.
"""

from __future__ import annotations

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
    from alliances.analysis.holes import _measure_frame

    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="information", relation="information")
    G.add_edge("a", "c", key="information", relation="information")
    G.add_edge("b", "c", key="collaboration", relation="collaboration")
    # information only: a has two unconnected contacts -> constraint 2 * (1/2)^2 = 0.5
    frame = _measure_frame(G, weight=None, relations="information")
    assert frame.index.name == "id"
    assert frame.loc["a", "constraint"] == pytest.approx(0.5)
    # all relations: b-c tied -> triangle -> 1.125
    assert _measure_frame(G, weight=None, relations=None).loc["a", "constraint"] == pytest.approx(1.125)
