"""The actor-graph contract of ``alliances.model``: one meaning for every layer.

What is missing, what a negative tie is, how weight and trust default and how
a hand-built networkx graph is read are decided once, in ``alliances.model``.
These tests pin the rules on hand-written cases, check that the two readers
of the contract (``iter_ties`` edge by edge, ``read_arcs`` in columns) agree
on every kind of graph and value, and that ``validate`` and ``check_graph``
report every problem with a sentence.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import alliances
from alliances.errors import InputError
from alliances.model import (
    DEFAULT_RELATION,
    check_graph,
    is_missing,
    iter_ties,
    read_arcs,
    tie_relation,
    tie_sign,
    tie_trust,
    tie_weight,
    validate,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "alliances"

# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize("value", [None, math.nan, np.float32("nan"), np.float64("nan"),
                                   pd.NA, pd.NaT, np.datetime64("NaT")])
def test_missing_values(value):
    assert is_missing(value)


@pytest.mark.parametrize("value", ["", " ", 0, 0.0, False, (), [], "nan", "NA", np.int64(0),
                                   pd.Timestamp("2026-12-05"), np.array([np.nan])])
def test_values_that_are_not_missing(value):
    assert not is_missing(value)


@pytest.mark.parametrize(("data", "relation", "expected"), [
    ({"sign": -1}, "collaboration", -1),
    ({"sign": -2}, "collaboration", -1),     # any negative number is a negative tie
    ({"sign": -0.5}, "mention", -1),
    ({"sign": np.int64(-1)}, "mention", -1),
    ({"sign": 1}, "collaboration", 1),
    ({"sign": 2}, "collaboration", 1),
    ({"sign": 0}, "collaboration", 1),       # zero is not negative
    ({}, "conflict", -1),                    # an unsigned conflict is a conflict
    ({"sign": None}, "conflict", -1),
    ({"sign": math.nan}, "conflict", -1),
    ({}, "collaboration", 1),
    ({"sign": 1}, "conflict", 1),            # an explicit sign wins (validate reports it)
])
def test_tie_sign(data, relation, expected):
    assert tie_sign(data, relation) == expected


def test_non_numeric_sign_is_an_error_with_a_sentence():
    with pytest.raises(InputError, match=r"sign 'neg'.*not a number.*validate"):
        tie_sign({"sign": "neg"}, "collaboration")


@pytest.mark.parametrize(("data", "expected"), [
    ({}, 1.0), ({"weight": None}, 1.0), ({"weight": math.nan}, 1.0), ({"weight": pd.NA}, 1.0),
    ({"weight": 3}, 3.0), ({"weight": "2.5"}, 2.5), ({"weight": np.float32(0.5)}, 0.5),
    ({"weight": 0}, 0.0),
])
def test_tie_weight(data, expected):
    assert tie_weight(data) == expected


def test_tie_weight_other_attribute_and_none():
    assert tie_weight({"weight": 3, "strength": 7}, "strength") == 7.0
    assert tie_weight({"weight": 3}, None) == 1.0
    with pytest.raises(InputError, match="weight 'heavy'"):
        tie_weight({"weight": "heavy"})


@pytest.mark.parametrize(("data", "expected"), [
    ({}, None), ({"trust": None}, None), ({"trust": math.nan}, None), ({"trust": pd.NA}, None),
    ({"trust": 0}, 0.0), ({"trust": 0.75}, 0.75), ({"trust": np.float32(0.5)}, 0.5),
])
def test_tie_trust(data, expected):
    assert tie_trust(data) == expected


@pytest.mark.parametrize(("key", "data", "expected"), [
    ("trust", {}, "trust"),
    ("trust", {"relation": "trust"}, "trust"),
    (0, {}, DEFAULT_RELATION),                 # networkx's automatic key is no relation
    (3, {"relation": "funding"}, "funding"),
    (None, {}, DEFAULT_RELATION),
    (None, {"relation": math.nan}, DEFAULT_RELATION),
    ("collaboration", {"relation": None}, "collaboration"),
])
def test_tie_relation(key, data, expected):
    assert tie_relation(key, data) == expected


# --------------------------------------------------------------------------- the two readers

def test_iter_ties_on_each_graph_type():
    edges = [("b", "a", {"relation": "conflict"}), ("a", "c", {"weight": 2, "trust": 0.5})]
    expected_directed = [("b", "a", "conflict", 1.0, None, -1), ("a", "c", "tie", 2.0, 0.5, 1)]
    for cls in (nx.DiGraph, nx.MultiDiGraph):
        got = [(t.source, t.target, t.relation, t.weight, t.trust, t.sign)
               for t in iter_ties(cls(edges))]
        assert sorted(got) == sorted(expected_directed), cls
        assert all(t.directed for t in iter_ties(cls(edges)))
    for cls in (nx.Graph, nx.MultiGraph):
        ties = list(iter_ties(cls(edges)))
        assert len(ties) == 2 and not any(t.directed for t in ties)
        assert sorted((t.relation, t.sign) for t in ties) == [("conflict", -1), ("tie", 1)]


def test_iter_ties_undirected_relation_and_self_loops():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="co-participation")
    G.add_edge("b", "a", key="co-participation")
    G.add_edge("a", "a", key="mention")
    ties = list(iter_ties(G))
    assert [(t.source, t.target, t.directed) for t in ties] == [("a", "b", False), ("b", "a", False)]
    assert len(list(iter_ties(G, self_loops=True))) == 3


def _assert_arcs_equal_iter_ties(G: nx.Graph) -> None:
    """``read_arcs`` (columns) gives what ``iter_ties`` (edge by edge) gives, arc for arc."""
    a = read_arcs(G)
    nodes = a.nodes
    got = sorted(zip(a.u.tolist(), a.v.tolist(), [a.relations[r] for r in a.rel.tolist()],
                     a.sign.tolist(), a.weight.tolist(),
                     [None if math.isnan(t) else t for t in a.trust.tolist()], strict=True),
                 key=repr)
    expected = []
    for t in iter_ties(G):
        expected.append((nodes.index(t.source), nodes.index(t.target), t.relation, t.sign,
                         t.weight, t.trust))
        if not G.is_directed():
            expected.append((nodes.index(t.target), nodes.index(t.source), t.relation, t.sign,
                             t.weight, t.trust))
    assert got == sorted(expected, key=repr)
    assert a.sign.dtype == np.int8 and a.u.dtype == np.int64 and a.weight.dtype == float
    assert a.present == {t.relation for t in iter_ties(G, self_loops=True)}


def _fill(G: nx.Graph, rng: np.random.Generator, n_edges: int) -> nx.Graph:
    """Random ties with every kind of attribute value the readers must handle."""
    nodes = [f"n{i}" for i in range(12)]
    G.add_nodes_from(nodes[::-1])  # insertion order differs from the canonical order
    weights = [1.0, 2.5, None, math.nan, 3, True, "2", np.float64(0.5), 0.0, pd.NA]
    trusts = [0.9, None, math.nan, 1, 0.25, np.float64(0.7), "0.8", np.float32("nan")]
    signs = [1, -1, -2, None, 1.0, -1.0, True, np.int64(-1), 0, math.nan]
    relations = ["collaboration", "trust", "conflict", None, "mention"]
    for i in range(n_edges):
        u = nodes[int(rng.integers(len(nodes)))]
        v = nodes[int(rng.integers(len(nodes)))] if i % 7 else u  # some self-loops
        data = {}
        for name, pool in (("weight", weights), ("trust", trusts), ("sign", signs),
                           ("relation", relations)):
            pick = int(rng.integers(len(pool) + 1))
            if pick < len(pool):  # else: attribute missing
                data[name] = pool[pick]
        if G.is_multigraph():
            key = relations[int(rng.integers(len(relations)))] if i % 3 else None
            G.add_edge(u, v, key=key if key is not None else i, **data)
        else:
            G.add_edge(u, v, **data)
    return G


GRAPH_TYPES = [nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph]


@pytest.mark.parametrize("cls", GRAPH_TYPES)
@pytest.mark.parametrize("seed", range(6))
def test_read_arcs_equivalent_to_iter_ties_on_varied_graphs(cls, seed):
    _assert_arcs_equal_iter_ties(_fill(cls(), np.random.default_rng(seed), 40))


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_read_arcs_equivalent_to_iter_ties_on_plain_numbers(cls):
    """The vectorised path (ints, floats, None, NaN only)."""
    rng = np.random.default_rng(3)
    G = cls()
    G.add_nodes_from(["z", "a", "m", "isolated"])
    for i in range(60):
        u, v = rng.choice(["z", "a", "m"], size=2)
        G.add_edge(str(u), str(v), weight=[1.0, None, math.nan, 4][i % 4],
                   trust=[None, 0.5, math.nan][i % 3], sign=[1, -1, -3][i % 3],
                   relation=["collaboration", "information"][i % 2])
    _assert_arcs_equal_iter_ties(G)
    a = read_arcs(G)
    assert set(a.weight.tolist()) <= {1.0, 4.0}  # None and NaN weights read as 1.0
    assert set(a.sign.tolist()) <= {-1, 1}        # -3 is read as -1


def test_read_arcs_hand_example():
    G = nx.MultiDiGraph()
    G.add_edge("b", "a", key="collaboration", relation="collaboration", weight=2.0, trust=0.9)
    G.add_edge("b", "a", key="conflict")  # no sign: a conflict is negative
    G.add_edge("a", "a", key="mention")  # self-tie: relation present, no arc
    G.add_edge("a", "c", weight=math.nan, sign=-2)  # integer key, no relation: "tie"; -2 negative
    a = read_arcs(G)
    assert a.nodes == ["a", "b", "c"]
    # arcs in adjacency order (b's ties first: b was added first), relations in first-seen order
    assert a.u.tolist() == [1, 1, 0] and a.v.tolist() == [0, 0, 2]
    assert [a.relations[c] for c in a.rel.tolist()] == ["collaboration", "conflict", "tie"]
    assert a.sign.tolist() == [1, -1, -1]
    assert a.weight.tolist() == [2.0, 1.0, 1.0]
    assert a.trust[0] == 0.9 and np.isnan(a.trust[1:]).all()
    assert a.present == {"mention", "tie", "collaboration", "conflict"}
    assert a.keep(None, signed=False).tolist() == [True, False, False]


def test_undirected_arcs_come_in_pairs():
    a = read_arcs(nx.Graph([("b", "a", {"weight": 3.0}), ("c", "a")]))
    assert list(zip(a.u.tolist(), a.v.tolist(), strict=True)) == [(0, 1), (1, 0), (0, 2), (2, 0)]
    assert a.weight.tolist() == [3.0, 3.0, 1.0, 1.0]


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_empty_and_edgeless_graphs(cls):
    for G in (cls(), cls([("x", "x")])):
        G.add_node("y")
        a = read_arcs(G)
        assert a.u.size == 0 and a.sign.dtype == np.int8
        _assert_arcs_equal_iter_ties(G)


def test_non_numeric_weight_in_read_arcs_is_an_input_error():
    G = nx.DiGraph([("a", "b", {"weight": "strong"})])
    with pytest.raises(InputError, match="weight 'strong'"):
        read_arcs(G)


def test_a_sign_of_minus_two_cuts_the_same_ties_in_every_reader():
    """The bug that motivated the contract: -2 negative in analysis and ordinary on the map."""
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="mention", sign=-2)
    G.add_edge("b", "c", key="collaboration")
    assert [t.sign for t in iter_ties(G)] == [-1, 1]
    assert alliances.components(G)["component"].nunique() == 2  # a is cut off from b-c
    assert alliances.analysis.views.tie_graph(G).number_of_edges() == 1


# --------------------------------------------------------------------------- validation

def test_validate_lists_every_problem_at_once():
    G = nx.MultiDiGraph()
    G.add_node("x", sectors="public", respondent="oui")
    G.add_edge("a", "b", key="conflict", sign=1)          # a positive conflict
    G.add_edge("a", "c", key="trust", trust=8)             # 0-10 scale not rescaled
    G.add_edge("b", "c", key="funding", weight="lots")     # not a number
    G.add_edge("c", "a", key="information", weight=-1.0)   # negative weight
    G.add_edge("c", "b", key="mention", sign=-2)           # read as -1: say so
    G.add_edge("c", "c", key="mention")                    # self-tie
    G.add_edge("b", "a", key="trust", relation="funding")  # relation contradicts the key
    problems = validate(G, strict=False)
    text = [str(p) for p in problems]
    assert len(problems) == 9, text
    # actors first, then ties in networkx's adjacency order
    assert [p.column for p in problems] == ["sectors", "respondent", "sign", "trust", "weight",
                                            "relation", "weight", "sign", None]
    assert any("trust 8 is outside 0..1; rescale it (8 on a 0-10 scale is 0.8)" in t for t in text)
    assert any("sign -2 is read as negative (-1)" in t for t in text)
    with pytest.raises(InputError) as err:
        validate(G)
    assert len(err.value.problems) == 9
    assert "9 problem(s)" in str(err.value)


def test_validate_accepts_plain_graphs_without_optional_attributes():
    for cls in GRAPH_TYPES:
        G = cls([("a", "b"), ("b", "c")])
        assert validate(G) == []
        assert validate(G, strict=False) == []


def test_validate_reads_a_gexf_file_back(tmp_path):
    G = nx.Graph()
    G.add_node("a", label="Mairie", sector="public")
    G.add_edge("a", "b", weight=2.0)
    path = tmp_path / "g.gexf"
    nx.write_gexf(G, path)
    H = nx.read_gexf(path)
    assert validate(H) == []
    assert [(t.weight, t.sign, t.relation) for t in iter_ties(H)] == [(2.0, 1, "tie")]


def test_validate_needs():
    G = nx.Graph([("a", "b")])
    (problem,) = validate(G, strict=False, needs=["sector"])
    assert "node attribute 'sector'" in str(problem) and problem.column == "sector"
    G.nodes["a"]["sector"] = "public"
    assert validate(G, needs=["sector"]) == []


def test_check_graph_type_error_names_the_function_and_the_fix():
    frame = pd.DataFrame({"source": ["a"], "target": ["b"]})
    with pytest.raises(TypeError, match=r"hybrid_actors takes a networkx graph.*DataFrame.*from_frames"):
        check_graph(frame, caller="hybrid_actors")
    with pytest.raises(TypeError, match="validate takes a networkx graph"):
        validate({"a": "b"})


def test_check_graph_missing_attribute_sentence_and_suggested_call_works():
    G = nx.Graph([("a", "b")])
    with pytest.raises(InputError) as err:
        check_graph(G, needs=["sector"], caller="hybrid_actors")
    message = str(err.value)
    assert "no actor of this graph has one" in message
    # the suggested fix, copied as printed, makes the check pass
    call = message.split("for example ")[1].split(", or load")[0]
    exec(call, {"nx": nx, "G": G})
    check_graph(G, needs=["sector"], caller="hybrid_actors")
    assert G.nodes["a"]["sector"] == "public"


# --------------------------------------------------------------------------- one place

def test_no_layer_re_decides_the_rules():
    """A grep: no second ``_is_missing``, no ``sign == -1``, no private arcs reader."""
    offenders = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(SRC).as_posix()
        for needle in ("def _is_missing", "def _missing(", "sign == -1", "def _read_arcs", "def _collect_arcs",
                       'get("sign", 1)', "get('sign', 1)"):
            if needle in text:
                offenders.append(f"{rel}: {needle}")
    assert offenders == []
