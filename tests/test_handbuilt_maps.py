"""Every public map function on graphs built by hand (issue 12).

A study's graph does not always come from :func:`alliances.load`: people build
a ``Graph``, a ``DiGraph`` or a ``MultiDiGraph`` themselves, with or without
labels, sectors, weights, trust and signs, or read one back from a GEXF file.
Each map function draws such a graph: every actor and every tie, labels
falling back to ids, negative ties (``sign`` below zero, or an unsigned
``conflict``) in the negative style, and refuses a table with a sentence that
names the function.
"""

from __future__ import annotations

import io
import json
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import alliances
from alliances.maps import style
from alliances.maps.change import CHANGE_STYLES, plot_change
from alliances.maps.interactive import Map
from alliances.maps.layout import layout_positions

DATA_RE = re.compile(r'<script id="map-data" type="application/json">(.*?)</script>', re.S)
# negative ties: a conflict in the conflict style (vermillion dashes), any other negative tie
# in NEGATIVE_EDGE (reddish-purple short dashes); no positive tie uses either colour
NEGATIVE_LOOKS = {
    (style.EDGE_STYLES["conflict"].color.upper(), tuple(style.EDGE_STYLES["conflict"].dashes)),
    (style.NEGATIVE_EDGE.color.upper(), tuple(style.NEGATIVE_EDGE.dashes)),
}
NEGATIVE_COLOURS = {colour for colour, _ in NEGATIVE_LOOKS}
GRAPH_TYPES = [nx.Graph, nx.DiGraph, nx.MultiDiGraph]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- the graphs


def bare(graph_type):
    """Ties and an isolated actor, no attribute at all (a MultiDiGraph: two parallel ties a -> b)."""
    G = graph_type()
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    if G.is_multigraph():
        G.add_edge("a", "b")  # key 1: a second tie without a relation
    G.add_node("e")
    return G


# (source, target, relation, attributes): c -> a has sign=-2, c -> d is a conflict without sign
FULL_TIES = [
    ("a", "b", "collaboration", {"weight": 3.0, "trust": 0.8, "sign": 1}),
    ("b", "c", "information", {"weight": 1.0}),
    ("c", "a", "collaboration", {"sign": -2}),
    ("c", "d", "conflict", {}),
    ("d", "e", "trust", {"trust": 0.5}),
]
FULL_LABELS = {"a": "Mairie", "b": "Vélo & co", "c": "Labo", "d": "Garage"}  # e: none


def full(graph_type):
    """Labels (but one), sectors, kinds, relations, weights, trust and signs."""
    G = graph_type()
    for n, sector in zip("abcde", ["public", "association", "research", "company", "citizen"],
                         strict=True):
        G.add_node(n, sector=sector, kind="person" if n == "e" else "organisation")
        if n in FULL_LABELS:
            G.nodes[n]["label"] = FULL_LABELS[n]
    for u, v, rel, attrs in FULL_TIES:
        if G.is_multigraph():
            G.add_edge(u, v, key=rel, **attrs)  # the key is the relation
        else:
            G.add_edge(u, v, relation=rel, **attrs)
    if G.is_multigraph():
        G.add_edge("a", "b", key="trust", trust=0.9)  # a second relation between a and b
    return G


def gexf_round_trip(graph_type):
    """A plain graph written by nx.write_gexf and read back by nx.read_gexf (c -> d: sign -2)."""
    G = graph_type([("a", "b"), ("b", "c")])
    G.add_edge("c", "d", sign=-2, weight=2.5)
    buf = io.BytesIO()
    nx.write_gexf(G, buf)
    buf.seek(0)
    return nx.read_gexf(buf)


EXPECTED_NEGATIVE = {  # graph kind -> the negative ties' (source, target)
    "full": {("c", "a"), ("c", "d")},
    "bare": set(),
    "gexf": {("c", "d")},
}


def build(kind, graph_type):
    return {"bare": bare, "full": full, "gexf": gexf_round_trip}[kind](graph_type)


def expected_negative(kind, G):
    pairs = EXPECTED_NEGATIVE[kind]
    return pairs if G.is_directed() else {tuple(sorted(p)) for p in pairs}


def expected_labels(kind, G):
    if kind == "full":
        return {n: FULL_LABELS.get(n, n) for n in G}
    return {n: n for n in G}  # bare: no label; GEXF: read_gexf sets the id as label


CASES = [(kind, t) for kind in ("bare", "full") for t in GRAPH_TYPES] + [
    ("gexf", nx.Graph), ("gexf", nx.DiGraph)]
IDS = [f"{kind}-{t.__name__}" for kind, t in CASES]


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no actor has a sector" and the like
        return func(*args, **kwargs)


def page_data(m):
    (block,) = DATA_RE.findall(m.to_html())
    return json.loads(block)


# --------------------------------------------------------------------------- interactive_map and Map


@pytest.mark.parametrize("table", [False, None], ids=["no-table", "computed-table"])
@pytest.mark.parametrize(("kind", "graph_type"), CASES, ids=IDS)
def test_interactive_map_draws_every_actor_and_tie(kind, graph_type, table):
    G = build(kind, graph_type)
    m = quiet(alliances.interactive_map, G, table=table)
    assert isinstance(m, Map)
    data = page_data(m)
    assert G.number_of_nodes() == (4 if kind == "gexf" else 5)
    assert len(m.network.nodes) == G.number_of_nodes()
    assert len(m.network.edges) == G.number_of_edges()
    assert {n["id"]: n["label"] for n in m.network.nodes} == expected_labels(kind, G)
    pairs = list(zip(m.network.edges, data["edge_info"], strict=True))
    negative = {(i["source"], i["target"]) for _, i in pairs if i["sign"] == -1}
    assert negative == expected_negative(kind, G)
    for edge, info in pairs:
        look = (edge["color"].upper(), tuple(edge.get("dashes") or ()))
        assert (look in NEGATIVE_LOOKS) == (info["sign"] == -1), info
        if info["sign"] == -1:
            want = style.EDGE_STYLES["conflict"] if info["relation"] == "conflict" else style.NEGATIVE_EDGE
            assert look == (want.color.upper(), tuple(want.dashes)), info
        assert edge["arrows"] == ("to" if G.is_directed() else "")
    if kind == "bare":
        assert {i["relation"] for _, i in pairs} == {"tie"}  # no relation: model.DEFAULT_RELATION
        assert {i["weight"] for _, i in pairs} == {1.0} and {i["trust"] for _, i in pairs} == {None}
    if kind == "full":
        relations = {(i["source"], i["target"], i["relation"]) for _, i in pairs}
        assert {(u, v, r) if G.is_directed() else (*sorted((u, v)), r)
                for u, v, r, _ in FULL_TIES} <= relations


@pytest.mark.parametrize("graph_type", GRAPH_TYPES)
def test_interactive_map_legend_counts_negative_ties(graph_type):
    rows = {r["label"]: r["count"] for r in page_data(
        alliances.interactive_map(full(graph_type), table=False))["legend"]["relations"]}
    # the unsigned conflict in its own row; the collaboration with sign=-2 in the negative row
    assert rows["conflict"] == 1 and rows["negative tie (other relations)"] == 1
    assert rows["collaboration"] == 1


@pytest.mark.parametrize(("kind", "graph_type"), CASES, ids=IDS)
def test_layout_leaves_negative_ties_out(kind, graph_type):
    G = build(kind, graph_type)
    without = G.copy()
    for u, v, *key in list(G.edges(keys=True) if G.is_multigraph() else G.edges()):
        if (u, v) in expected_negative(kind, G) or (v, u) in expected_negative(kind, G):
            without.remove_edge(u, v, *key)
    assert without.number_of_edges() == G.number_of_edges() - len(expected_negative(kind, G))
    assert layout_positions(G, seed=2) == layout_positions(without, seed=2)


def test_map_is_made_by_interactive_map_not_from_a_graph():
    with pytest.raises(TypeError, match=r"^Map holds a map already drawn .* not a DiGraph: draw a "
                                        r"graph with alliances\.interactive_map\(G\)"):
        Map(nx.DiGraph([("a", "b")]), "")
    with pytest.raises(TypeError, match=r"^Map .* not a DataFrame"):
        Map(pd.DataFrame(), "")


# --------------------------------------------------------------------------- plot_map


def drawn(ax):
    """(actor points, tie segments, red tie segments, label texts) of a static map."""
    points = [tuple(xy) for c in ax.collections if type(c).__name__ == "PathCollection"
              for xy in c.get_offsets()]
    lines = [c for c in ax.collections if type(c).__name__ == "LineCollection"]
    segments = sum(len(c.get_segments()) for c in lines)
    red = sum(len(c.get_segments()) for c in lines if to_hex(c.get_color()[0]).upper() in NEGATIVE_COLOURS)
    texts = sorted(t.get_text() for t in ax.texts if t.get_text())
    return points, segments, red, texts


@pytest.mark.parametrize("table", [False, None], ids=["no-table", "computed-table"])
@pytest.mark.parametrize(("kind", "graph_type"), CASES, ids=IDS)
def test_plot_map_draws_every_actor_and_tie(kind, graph_type, table):
    G = build(kind, graph_type)
    ax = quiet(alliances.plot_map, G, table=table, labels=True)
    points, segments, red, texts = drawn(ax)
    assert len(points) == G.number_of_nodes()
    assert segments == G.number_of_edges()
    assert red == len(expected_negative(kind, G))
    assert texts == sorted(expected_labels(kind, G).values())
    arrows = [t for t in ax.texts if not t.get_text()]
    assert len(arrows) == (G.number_of_edges() if G.is_directed() else 0)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    if kind == "full":
        assert "negative tie (other relations)" in legend and "conflict" in legend
    if kind == "bare":
        assert "tie" in legend and "unknown sector" in legend


# --------------------------------------------------------------------------- change_map and plot_change


def waves(kind, graph_type):
    """Two waves of a hand-built graph: b - c lost, d - a gained."""
    before = build(kind, graph_type)
    after = before.copy()
    if after.is_multigraph():
        for key in list(after["b"]["c"]):
            after.remove_edge("b", "c", key)
    else:
        after.remove_edge("b", "c")
    after.add_edge("d", "a", **({"relation": "collaboration"} if kind == "full" else {}))
    return before, after


@pytest.mark.parametrize(("kind", "graph_type"), CASES, ids=IDS)
def test_change_map_and_plot_change_draw_every_actor_and_tie(kind, graph_type):
    before, after = waves(kind, graph_type)
    relations = None
    if kind == "full":  # compare leaves negative ties out unless the relations are named
        relations = sorted({r for _, _, r, _ in FULL_TIES} | {"collaboration"})
    c = quiet(alliances.compare, before, after, relations=relations)
    m = quiet(alliances.change_map, c)
    data = page_data(m)
    assert len(m.network.nodes) == len(c.actors) == before.number_of_nodes()
    # one line per row of compare's tie table (a plain Graph's tie is two arcs there)
    assert len(m.network.edges) == len(c.ties)
    if not before.is_directed() and kind != "gexf":  # (gexf: compare leaves its negative tie out)
        assert len(c.ties) == 2 * after.number_of_edges() + 2  # b - c lost, both ways
    labels = {n["id"]: n["label"] for n in m.network.nodes}
    assert labels == expected_labels(kind, before)
    negative = {(i["source"], i["target"]) for i in data["edge_info"] if i["sign"] == -1}
    if kind == "gexf":  # compare leaves the negative tie out: no relation was named
        assert negative == set()
    else:
        want = EXPECTED_NEGATIVE[kind]
        assert negative == (want if before.is_directed() else want | {(v, u) for u, v in want})
    red = {st["negative"] for st in CHANGE_STYLES.values()}
    for edge, info in zip(m.network.edges, data["edge_info"], strict=True):
        assert (edge["color"] in red) == (info["sign"] == -1), info
    changes = {(i["source"], i["target"]): i["change"].split(":")[0] for i in data["edge_info"]}
    assert changes[("b", "c")] == "lost" and changes[("d", "a")] == "gained"

    ax = quiet(plot_change, c, labels=True)
    points, segments, _red, texts = drawn(ax)
    assert len(points) == len(c.actors) and segments == len(c.ties)
    assert texts == sorted(expected_labels(kind, before).values())


# --------------------------------------------------------------------------- not a graph


@pytest.mark.parametrize(("name", "sentence"), [
    ("interactive_map", r"^interactive_map takes a networkx graph .*alliances\.from_frames"),
    ("plot_map", r"^plot_map takes a networkx graph .*alliances\.from_frames"),
    ("change_map", r"^change_map draws the result of alliances\.compare\(before, after\) .* "
                   r"not a DataFrame\."),
    ("plot_change", r"^plot_change draws the result of alliances\.compare\(before, after\) .* "
                    r"not a DataFrame\."),
    ("layout_positions", r"^layout_positions takes a networkx graph"),
])
def test_a_table_is_refused_with_a_sentence_naming_the_function(name, sentence):
    func = {"plot_change": plot_change, "layout_positions": layout_positions}.get(name) or getattr(
        alliances, name)
    frame = pd.DataFrame({"source": ["a"], "target": ["b"]})
    with pytest.raises(TypeError, match=sentence):
        func(frame)
