"""The tie views every measure starts from (hand-computed cases)."""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest

from alliances.analysis.views import group_labels, reciprocity, tie_graph, tie_matrix
from alliances.errors import AlliancesWarning


def multiplex() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("c", sector="company")
    G.add_edge("a", "b", key="collaboration", relation="collaboration", weight=2.0, trust=0.5)
    G.add_edge("a", "b", key="information", relation="information", weight=1.0, trust=0.75)
    G.add_edge("b", "a", key="collaboration", relation="collaboration", weight=4.0)
    G.add_edge("b", "c", key="conflict", relation="conflict", weight=1.0, sign=-1)
    G.add_edge("c", "c", key="collaboration", relation="collaboration")  # self-nomination
    G.add_edge("d", "a", key="funding", relation="funding", weight=3.0)
    return G


def test_directed_view_sums_relations_and_drops_negative_and_loops():
    H = tie_graph(multiplex())
    assert sorted(H.edges) == [("a", "b"), ("b", "a"), ("d", "a")]
    assert H.edges["a", "b"]["weight"] == 3.0
    assert H.edges["a", "b"]["trust"] == 0.75
    assert H.edges["a", "b"]["relations"] == ("collaboration", "information")
    assert list(H.nodes) == ["a", "b", "c", "d"]  # isolate c kept, sorted order
    assert H.nodes["c"]["sector"] == "company"


def test_undirected_either_and_both():
    either = tie_graph(multiplex(), directed=False)
    assert either.edges["a", "b"]["weight"] == 7.0  # 2 + 1 + 4: Burt's z_ij + z_ji
    assert either.edges["a", "b"]["reciprocated"] is True
    assert either.edges["a", "d"]["reciprocated"] is False
    both = tie_graph(multiplex(), directed=False, rule="both")
    assert sorted(both.edges) == [("a", "b")]


def test_relations_filter_and_signed():
    H = tie_graph(multiplex(), relations=["funding"])
    assert sorted(H.edges) == [("d", "a")]
    S = tie_graph(multiplex(), signed=True)
    assert S.edges["b", "c"]["weight"] == -1.0
    assert S.edges["b", "c"]["sign"] == -1
    with pytest.raises(ValueError, match=r"'friendship' not found.*collaboration"):
        tie_graph(multiplex(), relations="friendship")


def test_input_not_mutated():
    G = multiplex()
    before = (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)))
    tie_graph(G, directed=False)
    tie_matrix(G)
    assert (list(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


def test_matrix_matches_graph_view_and_is_order_independent():
    edges = list(multiplex().edges(keys=True, data=True))
    T = tie_matrix(multiplex())
    assert T.nodes == ["a", "b", "c", "d"]
    expected = nx.to_numpy_array(tie_graph(multiplex()), nodelist=T.nodes, weight="weight")
    np.testing.assert_array_equal(T.weights.toarray(), expected)
    np.testing.assert_array_equal(
        T.undirected().toarray(),
        nx.to_numpy_array(tie_graph(multiplex(), directed=False), nodelist=T.nodes),
    )
    rng = random.Random(3)
    for _ in range(5):
        rng.shuffle(edges)
        G = nx.MultiDiGraph()
        for u, v, k, d in edges:
            G.add_edge(u, v, key=k, **d)
        G.add_node("c", sector="company")
        T2 = tie_matrix(G)
        assert T2.nodes == T.nodes
        np.testing.assert_array_equal(T2.weights.toarray(), T.weights.toarray())


def test_undirected_input_graph():
    T = tie_matrix(nx.path_graph(3))
    assert T.binary().toarray().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]


def test_reciprocity_agrees_with_networkx():
    G = nx.gnp_random_graph(30, 0.1, seed=1, directed=True)
    assert math.isclose(reciprocity(nx.MultiDiGraph(G)), nx.reciprocity(G))
    assert math.isnan(reciprocity(nx.MultiDiGraph()))


def test_tiny_graphs():
    for G in (nx.MultiDiGraph(), nx.MultiDiGraph([("a", "a")])):
        assert tie_graph(G).number_of_edges() == 0
        assert tie_matrix(G).weights.nnz == 0


def test_missing_groups_warn():
    G = nx.Graph()
    G.add_node("a", sector="public")
    G.add_node("b")
    with pytest.warns(AlliancesWarning, match="1 of 2 actors have no 'sector': b. It is treated"):
        assert group_labels(G) == ["public", None]


def _unsectored(k: int) -> nx.Graph:
    """One actor with a world and ``k`` without, labelled "Asso 0", "Asso 1", ..."""
    G = nx.Graph()
    G.add_node("mairie", sector="public", label="Mairie")
    for i in range(k):
        G.add_node(f"asso-{i}", label=f"Asso {i}")
        G.add_edge("mairie", f"asso-{i}")
    return G


def test_missing_groups_warning_names_labels_once_per_graph():
    """Issue 16, item 5: once per cause and graph, labels not ids, at most five then 'and N more'."""
    import warnings

    from alliances import brokerage_roles, hybrid_actors

    G = _unsectored(8)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        group_labels(G)
        group_labels(G)  # the same cause about the same graph: said once
        hybrid_actors(G)
        brokerage_roles(G)
    said = [w for w in caught if "have no 'sector'" in str(w.message)]
    assert [str(w.message) for w in said] == [
        "8 of 9 actors have no 'sector': Asso 0, Asso 1, Asso 2, Asso 3, Asso 4 and 3 more; they "
        "are treated as one group 'unknown'. Add them to the actor registry to fix this."]
    assert said[0].filename == __file__  # the user's line, not the library's
    assert said[0].message.text("fr") == (
        "8 acteurs sur 9 n'ont pas de 'sector' : Asso 0, Asso 1, Asso 2, Asso 3, Asso 4 et "
        "3 autres ; ils sont traités comme un seul groupe 'inconnu'. Ajoutez-les à l'annuaire "
        "des acteurs pour corriger cela.")
    # another graph is another cause: said again
    with pytest.warns(AlliancesWarning, match=r"^6 of 7 actors have no 'sector': Asso 0, Asso 1, "
                      r"Asso 2, Asso 3, Asso 4, Asso 5; they are treated as one group"):
        group_labels(_unsectored(6))  # six named rather than "and 1 more"
    with pytest.warns(AlliancesWarning, match=r"^2 of 3 actors have no 'sector': Asso 0, Asso 1;"):
        group_labels(_unsectored(2))
    # an actor without a label is named by its id
    H = _unsectored(1)
    H.add_node("sans-label")
    with pytest.warns(AlliancesWarning, match="2 of 3 actors have no 'sector': Asso 0, sans-label;"):
        group_labels(H)
    # a different attribute is a different cause
    with pytest.warns(AlliancesWarning, match="9 of 9 actors have no 'kind': Asso 0, .* and 4 more;"):
        group_labels(G, "kind")
    one = AlliancesWarning(
        "{n} of {total} actors have no '{attr}': {names}. It is treated as one group 'unknown'. "
        "Add it to the actor registry to fix this.", n=1, total=2, attr="sector", names="b")
    assert one.text("fr").startswith("1 acteur sur 2 n'a pas de 'sector' : b. Il est placé")
