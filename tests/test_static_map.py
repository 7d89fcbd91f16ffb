"""The static matplotlib map (Agg backend): palette, positions, legend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.colors import to_hex

from alliances.maps import style
from alliances.maps.interactive import interactive_map
from alliances.maps.static import plot_map


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def scatter_points(ax):
    """(x, y) -> hex colour of every actor marker drawn."""
    out = {}
    for coll in ax.collections:
        if not hasattr(coll, "get_offsets") or coll.__class__.__name__ != "PathCollection":
            continue
        for (x, y), c in zip(coll.get_offsets(), coll.get_facecolors(), strict=True):
            out[(float(x), float(y))] = to_hex(c).upper()
    return out


def test_okabe_ito_palette_and_documented_spacing(map_graph, map_table):
    """Colours are the published Okabe-Ito values of each actor's sector; positions are
    scaled so that the median distance to the nearest actor is the map spacing (85 units,
    x 1.6 for a group of at most 10 actors), up to rounding to whole units."""
    from collections import Counter

    ax = plot_map(map_graph, table=map_table, seed=5)
    points = scatter_points(ax)
    # mairie public (blue), velo and cafe association (bluish green), labo research (reddish
    # purple), marie citizen (yellow), garage company (orange): Okabe & Ito (2008)
    assert Counter(points.values()) == {"#0072B2": 1, "#009E73": 2, "#CC79A7": 1, "#F0E442": 1,
                                        "#E69F00": 1}
    colls = [c for c in ax.collections if c.__class__.__name__ == "PathCollection"]
    marie = colls[1]  # the only person (diamond marker): a citizen
    assert [to_hex(c).upper() for c in marie.get_facecolors()] == ["#F0E442"]
    # velo, the highest betweenness of the table, has the largest marker: association green
    orgs = colls[0]
    largest = int(np.argmax(orgs.get_sizes()))
    assert to_hex(orgs.get_facecolors()[largest]).upper() == "#009E73"
    xy = np.array(list(points))
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=-1))
    np.fill_diagonal(d, np.inf)
    assert np.median(d.min(axis=1)) == pytest.approx(85.0 * 1.6, abs=1.5)


def test_positions_and_palette_equivalent_to_the_interactive_map(map_graph, map_table):
    """Both maps show the same picture (a guard that the two renderers agree; the colours
    and spacing themselves are checked in test_okabe_ito_palette_and_documented_spacing)."""
    ax = plot_map(map_graph, table=map_table, seed=5)
    points = scatter_points(ax)
    assert len(points) == map_graph.number_of_nodes() == 6
    nodes = interactive_map(map_graph, table=map_table, seed=5).network.nodes
    for n in nodes:
        # vis-network's y axis points down: the static figure flips it
        assert points[(float(n["x"]), float(-n["y"]))] == n["color"]["background"].upper()


def test_legend_lists_sectors_relations_and_marks(map_graph, map_table):
    ax = plot_map(map_graph, table=map_table)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    # the five sectors of the graph, in the vocabulary's order, with their readable names
    assert texts[:5] == ["public authority", "company", "association / social economy",
                         "research / education", "citizen / informal group"]
    # the graph holds a tie of each of the seven relations of the vocabulary
    assert texts[5:12] == ["collaboration", "information", "funding", "trust", "conflict",
                           "co-participation", "mention"]
    assert texts[12:] == ["organisation", "person", "hybrid actor (thick ring)",
                          "trusted intermediary (star)",
                          "both hybrid and trusted intermediary: ring and star"]
    # each relation's row is drawn in the very colour and dashes of its ties
    lines = ax.get_legend().get_lines()[5:12]
    for line, rel in zip(lines, texts[5:12], strict=True):
        assert to_hex(line.get_color()).upper() == style.EDGE_STYLES[rel].color.upper()
    # and in French
    fr = [t.get_text() for t in plot_map(map_graph, table=map_table, lang="fr").get_legend().get_texts()]
    assert fr[:2] == ["collectivité / acteur public", "entreprise"]
    assert fr[5:9] == ["collaboration", "information", "financement", "confiance"]
    assert fr[12:14] == ["organisation", "personne"]


def test_shapes_sizes_and_labels(map_graph, map_table):
    ax = plot_map(map_graph, table=map_table, labels=2)
    colls = [c for c in ax.collections if c.__class__.__name__ == "PathCollection"]
    assert [len(c.get_offsets()) for c in colls] == [5, 1]  # organisations (o), persons (D)
    sizes = np.concatenate([c.get_sizes() for c in colls])
    assert sizes.max() == pytest.approx(38.0**2 * 0.45)  # velo, highest betweenness
    labels = sorted(t.get_text() for t in ax.texts if t.get_text())
    assert labels == ["Café Réparation", "Vélo Antony"]  # the two largest
    conflict = [c for c in ax.collections if c.__class__.__name__ == "LineCollection"
                and to_hex(c.get_color()[0]).upper() == style.EDGE_STYLES["conflict"].color == "#D55E00"]
    assert len(conflict) == 1 and len(conflict[0].get_segments()) == 1


def test_draws_on_a_given_axes_and_saves(map_graph, tmp_path):
    fig, ax = plt.subplots()
    assert plot_map(map_graph, ax=ax, table=False, title="Antony") is ax
    assert ax.get_title() == "Antony"
    for ext in ("png", "svg", "pdf"):
        fig.savefig(tmp_path / f"map.{ext}")
        assert (tmp_path / f"map.{ext}").stat().st_size > 1000


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.MultiDiGraph()
    G.add_nodes_from(range(n))
    ax = plot_map(G, table=False)
    assert len(scatter_points(ax)) == n


def test_bad_size_column(map_graph, map_table):
    with pytest.raises(ValueError, match="choose one of"):
        plot_map(map_graph, table=map_table, size="nope")


def test_negative_mention_is_drawn_and_listed_as_negative(map_graph):
    map_graph.edges["labo", "garage", "mention"]["sign"] = -1
    texts = [t.get_text() for t in plot_map(map_graph, table=False).get_legend().get_texts()]
    assert "negative tie (other relations)" in texts and "mention" not in texts
