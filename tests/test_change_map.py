"""The change map (issue 8): before/after on one offline page, its wave switcher, plot_change."""

from __future__ import annotations

import json
import re
import warnings

import networkx as nx
import pytest

from alliances.analysis.compare import compare, compare_waves
from alliances.maps.change import CHANGE_STYLES, change_map, plot_change
from alliances.maps.interactive import interactive_map
from alliances.maps.layout import layout_positions

DATA_RE = re.compile(r'<script id="map-data" type="application/json">(.*?)</script>', re.S)
XSS = '<img src=x onerror="window.__x=1">'
XSS_REL = "</script><script>window.__y=1</script>"

SECTORS = {"a": "public", "b": "association", "c": "company", "d": "company", "x": "research",
           "e": "citizen"}


def wave(ties, *, reverse=False):
    """A wave as an actor graph: ties (u, v, relation, trust)."""
    G = nx.MultiDiGraph()
    nodes = sorted({n for u, v, *_ in ties for n in (u, v)}, reverse=reverse)
    for n in nodes:
        G.add_node(n, label=XSS if n == "x" else f"Actor {n.upper()}", sector=SECTORS[n],
                   kind="organisation", respondent=True)
    for u, v, rel, trust in (reversed(ties) if reverse else ties):
        G.add_edge(u, v, key=rel, relation=rel, weight=1.0, sign=1, trust=trust)
    return G


BEFORE = [("a", "b", "collaboration", 0.5), ("c", "d", "collaboration", None),
          ("a", "x", XSS_REL, None)]
AFTER = [("a", "b", "collaboration", 0.9), ("b", "c", "collaboration", None),
         ("c", "d", "collaboration", None), ("c", "e", "trust", 1.0)]


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


@pytest.fixture(scope="module")
def comparison():
    return quiet(compare, wave(BEFORE), wave(AFTER))


def page_data(page):
    (block,) = DATA_RE.findall(page)
    return json.loads(block)


def edges_by_pair(data):
    return {(e["from"], e["to"]): (e, info) for e, info in zip(data["edges"], data["edge_info"], strict=True)}


def test_union_of_waves_with_ties_styled_by_change(comparison):
    m = change_map(comparison)
    data = page_data(m.to_html())
    assert len(m.network.nodes) == 6 and len(m.network.edges) == 5
    edges = edges_by_pair(data)
    assert set(edges) == {("a", "b"), ("c", "d"), ("a", "x"), ("b", "c"), ("c", "e")}
    assert edges["b", "c"][0]["color"] == edges["c", "e"][0]["color"] == CHANGE_STYLES["g"]["color"]
    assert edges["a", "b"][0]["color"] == edges["c", "d"][0]["color"] == CHANGE_STYLES["k"]["color"]
    assert edges["a", "x"][0]["color"] == CHANGE_STYLES["l"]["color"]
    assert edges["a", "x"][0]["dashes"] == CHANGE_STYLES["l"]["dashes"]
    assert "dashes" not in edges["b", "c"][0]
    # gained ties are drawn wider than kept ties of the same weight
    assert edges["b", "c"][0]["width"] == edges["a", "b"][0]["width"] + 2.0
    assert edges["a", "b"][1]["change"] == "kept: in both waves; trust 0.50 (before) → 0.90 (after)"
    assert edges["a", "x"][1]["change"] == "lost: not in after"
    assert edges["c", "e"][1]["change"] == "gained: new in after"


def test_actors_shaped_by_presence_and_marked(comparison):
    data = page_data(change_map(comparison).to_html())
    shapes = {n["id"]: n["shape"] for n in data["nodes"]}
    assert shapes == {"a": "dot", "b": "dot", "c": "dot", "d": "dot", "x": "triangleDown", "e": "star"}
    info = {n["id"]: i for n, i in zip(data["nodes"], data["node_info"], strict=True)}
    assert "in before only" in info["x"]["marks"]
    assert "in after only" in info["e"]["marks"]
    assert info["x"]["label"] == XSS  # text in the JSON, never markup (checked below)
    legend = [m["label"] for m in data["legend"]["marks"]]
    assert legend[:3] == ["in every wave (4)", "appeared: not in before (1)", "left: not in after (1)"]
    assert [c["count"] for c in data["legend"]["changes"]] == [2, 2, 1]


def test_wave_switcher_views(comparison):
    data = page_data(change_map(comparison).to_html())
    order = [(e["from"], e["to"]) for e in data["edges"]]
    ids = [n["id"] for n in data["nodes"]]
    views = {v["label"]: v for v in data["views"]}
    assert list(views) == ["change before → after", "before only", "after only"]
    status = {lab: dict(zip(order, v["edges"], strict=True)) for lab, v in views.items()}
    present = {lab: {i for i, f in zip(ids, v["nodes"], strict=True) if f == "1"} for lab, v in views.items()}
    assert status["before only"] == {("a", "b"): "k", ("a", "x"): "l", ("b", "c"): "-", ("c", "d"): "k",
                                     ("c", "e"): "-"}
    assert status["after only"] == {("a", "b"): "k", ("a", "x"): "-", ("b", "c"): "g", ("c", "d"): "k",
                                    ("c", "e"): "g"}
    assert present["before only"] == {"a", "b", "c", "d", "x"}
    assert present["after only"] == {"a", "b", "c", "d", "e"}
    assert present["change before → after"] == set(ids)


def test_positions_are_the_layout_of_the_union(comparison):
    data = page_data(change_map(comparison, seed=3).to_html())
    union = nx.MultiDiGraph()
    union.add_nodes_from("abcdex")
    for u, v, rel, _ in BEFORE + AFTER:
        union.add_edge(u, v, key=rel, weight=1.0, sign=1)
    pos = layout_positions(union, seed=3, nodes=sorted(union), spacing=85.0)
    assert {n["id"]: (n["x"], n["y"]) for n in data["nodes"]} == {k: (int(x), int(y)) for k, (x, y) in pos.items()}


def test_deterministic_and_order_independent(comparison):
    page = change_map(comparison).to_html()
    assert change_map(comparison).to_html() == page
    other = quiet(compare, wave(BEFORE, reverse=True), wave(AFTER, reverse=True))
    assert change_map(other).to_html() == page
    assert change_map(comparison, seed=1).to_html() != page


def test_interactive_map_dispatches_and_refuses_table(comparison, map_table):
    assert interactive_map(comparison).to_html() == change_map(comparison).to_html()
    with pytest.raises(ValueError, match="change map"):
        interactive_map(comparison, table=map_table)
    with pytest.raises(TypeError, match=r"alliances\.compare"):
        change_map(nx.MultiDiGraph())


def test_user_text_is_escaped(comparison):
    page = change_map(comparison, title="<b>Avant</b> & après").to_html()
    assert XSS not in page and XSS_REL not in page and "<b>Avant</b>" not in page
    assert "&lt;b&gt;Avant&lt;/b&gt; &amp; après" in page  # the <title>
    assert page.count("<script") == 3  # data, vis-network, the map's own code


def test_relations_filter(comparison):
    m = change_map(comparison, relations=["trust"])
    assert [(e["from"], e["to"]) for e in m.network.edges] == [("c", "e")]
    assert len(m.network.nodes) == 6  # actors stay, in place


def test_three_waves():
    w1 = wave([("a", "b", "collaboration", None)])
    w2 = wave([("a", "b", "collaboration", None), ("b", "c", "collaboration", None)])
    w3 = wave([("a", "b", "collaboration", None), ("c", "e", "collaboration", None)])
    waves = quiet(compare_waves, [w1, w2, w3], labels=["2022", "2023", "2024"])
    data = page_data(interactive_map(waves).to_html())
    assert data["title"] == "Change over 3 waves: 2022 → 2024"
    assert [v["label"] for v in data["views"]] == ["change 2022 → 2024", "2022 only", "2023 only",
                                                   "2024 only"]
    order = [(e["from"], e["to"]) for e in data["edges"]]
    change = dict(zip(order, data["views"][0]["edges"], strict=True))
    assert change == {("a", "b"): "k", ("b", "c"): "t", ("c", "e"): "g"}
    mid = dict(zip(order, data["views"][2]["edges"], strict=True))
    assert mid == {("a", "b"): "k", ("b", "c"): "g", ("c", "e"): "-"}
    shapes = {n["id"]: n["shape"] for n in data["nodes"]}
    assert shapes == {"a": "dot", "b": "dot", "c": "star", "e": "star"}
    assert any(c["label"] == "only in a middle wave" for c in data["legend"]["changes"])


def test_sample_waves_counts():
    import alliances

    before = alliances.load("data/samples/sqy-rse")
    after = alliances.load("data/samples/sqy-rse/wave2")
    c = quiet(compare, before, after)
    data = page_data(change_map(c).to_html())
    counts = c.ties["change"].value_counts()
    assert len(data["edges"]) == len(c.ties)
    assert len(data["nodes"]) == len(c.actors)
    before_view, after_view = data["views"][1]["edges"], data["views"][2]["edges"]
    assert len(before_view) - before_view.count("-") == counts["kept"] + counts["lost"]
    assert len(after_view) - after_view.count("-") == counts["kept"] + counts["gained"]


def test_plot_change_same_positions(comparison):
    import matplotlib

    matplotlib.use("Agg")
    ax = plot_change(comparison, seed=3)
    data = page_data(change_map(comparison, seed=3).to_html())
    xy = {(n["x"], -n["y"]) for n in data["nodes"]}
    from matplotlib.collections import PathCollection

    drawn = {(float(x), float(y)) for coll in ax.collections if isinstance(coll, PathCollection)
             for x, y in coll.get_offsets()}
    assert drawn == {(float(x), float(y)) for x, y in xy}
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"gained", "kept", "lost", "appeared: not in before", "left: not in after"} <= set(labels)


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_change_map_in_chromium(chromium_page, comparison, tmp_path):
    path = change_map(comparison).save(tmp_path / "change.html")
    url = path.resolve().as_uri()
    page = chromium_page.page
    page.goto(url)
    page.wait_for_function("window.network !== undefined && window.alliancesMap !== undefined")
    assert page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]") == [6, 5]
    visible = ("[network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort(),"
               " network.body.data.edges.get({filter: e => !e.hidden}).map(e => e.from + e.to).sort()]")
    assert page.evaluate(visible) == [list("abcdex"), ["ab", "ax", "bc", "cd", "ce"]]
    assert page.is_visible("#view-select")
    page.select_option("#view-select", label="before only")
    assert page.evaluate(visible) == [list("abcdx"), ["ab", "ax", "cd"]]
    page.select_option("#view-select", label="after only")
    assert page.evaluate(visible) == [list("abcde"), ["ab", "bc", "cd", "ce"]]
    # a gained tie keeps its gained style after a click restores the colours
    page.evaluate("alliancesMap.focus('c')")
    page.evaluate("network.unselectAll(); network.body.emitter.emit('deselectNode', {nodes: []})")
    assert page.evaluate("network.body.data.edges.get(network.body.data.edges.getIds()"
                         ".find(id => network.body.data.edges.get(id).from === 'b')).color.color") \
        == CHANGE_STYLES["g"]["color"]
    # the hostile actor name shows as text and runs nothing
    page.select_option("#view-select", label="before only")
    page.evaluate("alliancesMap.focus('x')")
    assert page.text_content("#details h3") == XSS
    assert page.evaluate("[window.__x, window.__y]") == [None, None]
    assert page.text_content("#legend-changes").startswith("gained")
    assert chromium_page.requests == [url]
    assert chromium_page.console_errors == [] and chromium_page.page_errors == []


def test_large_change_map_reduces_itself_and_says_so():
    # a hub with 6 partners in wave 2, b with 3, everyone else 1 or 2: keep 3 actors
    before = nx.MultiDiGraph()
    after = nx.MultiDiGraph()
    for G in (before, after):
        for n in "habcdefg":
            G.add_node(n, label=f"Actor {n}", sector="public", kind="organisation", respondent=True)
    before.add_edge("h", "a", key="collaboration", relation="collaboration", weight=1.0, sign=1)
    before.add_edge("b", "c", key="collaboration", relation="collaboration", weight=1.0, sign=1)
    for t in "abcdef":
        after.add_edge("h", t, key="collaboration", relation="collaboration",
                       weight=3.0 if t == "a" else 1.0, sign=1)
    after.add_edge("b", "c", key="collaboration", relation="collaboration", weight=1.0, sign=1)
    after.add_edge("b", "g", key="collaboration", relation="collaboration", weight=1.0, sign=1)
    comp = quiet(compare, before, after)

    full = quiet(change_map, comp)
    assert full.note is None and len(full.network.nodes) == 8 and len(full.network.edges) == 8

    m = quiet(change_map, comp, max_nodes=3)
    # h (6 partners) and b (3) first, then the first id among those with 2: c (b-c, h-c)
    assert sorted(n["id"] for n in m.network.nodes) == ["b", "c", "h"]
    data = page_data(m.to_html())
    pairs = sorted((i["source"], i["target"]) for i in data["edge_info"])
    assert pairs == [("b", "c"), ("h", "b"), ("h", "c")]
    assert m.note.startswith("This map shows the 3 actors with the most partners in one wave "
                             "out of 8, and the ties among them.")
    assert data["note"] == m.note
    # the wave switcher and the legend describe what is drawn
    assert all(len(v["nodes"]) == 3 and len(v["edges"]) == 3 for v in data["views"])
    assert sum(c["count"] for c in data["legend"]["changes"]) == 3

    e = quiet(change_map, comp, max_nodes=None, max_edges=2)
    info = page_data(e.to_html())["edge_info"]
    # the strongest tie (weight 3) first, then the first in order among equals
    assert [(i["source"], i["target"]) for i in info] == [("b", "c"), ("h", "a")]
    assert "strongest ties out of 8" in e.note


# --------------------------------------------------------------------------- negative ties (issue 12)


def test_sign_minus_two_and_unsigned_conflict_stay_negative_across_waves():
    def signed_wave(extra):
        G = wave([("a", "b", "collaboration", None), ("c", "d", "collaboration", None)])
        for u, v, rel, attrs in extra:
            G.add_edge(u, v, key=rel, relation=rel, weight=1.0, **attrs)
        return G

    before = signed_wave([("a", "c", "collaboration", {"sign": -2})])
    after = signed_wave([("a", "c", "collaboration", {"sign": -2}),
                         ("b", "d", "conflict", {})])  # drawn by hand: no sign
    # compare leaves negative ties out unless the relations are named
    comp = quiet(compare, before, after, relations=["collaboration", "conflict"])
    data = page_data(change_map(comp).to_html())
    edges = edges_by_pair(data)
    kept, gained = edges["a", "c"], edges["b", "d"]
    assert kept[1]["sign"] == gained[1]["sign"] == -1
    assert kept[0]["color"] == CHANGE_STYLES["k"]["negative"]
    assert gained[0]["color"] == CHANGE_STYLES["g"]["negative"]
    assert {edges[p][1]["sign"] for p in [("a", "b"), ("c", "d")]} == {1}

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import to_hex

    ax = plot_change(comp)
    lines = [coll for coll in ax.collections if type(coll).__name__ == "LineCollection"]
    # gained ties, then kept ties (a-b and c-d grey): each holds one negative tie, in red
    assert [sorted(to_hex(c).upper() for c in coll.get_colors()) for coll in lines] == [
        [CHANGE_STYLES["g"]["negative"]],
        [CHANGE_STYLES["k"]["color"]] * 2 + [CHANGE_STYLES["k"]["negative"]],
    ]


def test_change_functions_name_themselves_when_given_something_else():
    import pandas as pd

    with pytest.raises(TypeError, match=r"^change_map draws the result of alliances\.compare"):
        change_map(pd.DataFrame())
    with pytest.raises(TypeError, match=r"^plot_change draws .* not a MultiDiGraph; to draw one "
                                        r"graph, use alliances\.plot_map\(G\)"):
        plot_change(nx.MultiDiGraph())


def test_change_map_in_french(comparison):
    """lang="fr": the change map's title, legend, views, marks and tie changes are French."""
    data = page_data(change_map(comparison, lang="fr").to_html())
    assert data["lang"] == "fr" and data["title"] == "Évolution : before → after"
    assert data["legend"]["change_title"] == "Évolution before → after"
    assert [c["label"] for c in data["legend"]["changes"]] == [
        "gagné (absent en before, présent en after)", "conservé (en before et en after)",
        "perdu (en before, absent en after)"]
    assert [m["label"] for m in data["legend"]["marks"]][:3] == [
        "dans toutes les vagues (4)", "apparu : absent en before (1)", "parti : absent en after (1)"]
    assert [v["label"] for v in data["views"]] == ["évolution before → after", "before seulement",
                                                   "after seulement"]
    edges = edges_by_pair(data)
    assert edges["a", "b"][1]["change"] == "conservé : dans les deux vagues; confiance 0,50 (before) → 0,90 (after)"
    assert edges["a", "x"][1]["change"] == "perdu : absent en after"
    info = {n["id"]: i for n, i in zip(data["nodes"], data["node_info"], strict=True)}
    assert "seulement en before" in info["x"]["marks"]
    assert data["legend"]["size"] == "Taille des nœuds : le plus de partenaires en une vague"


def test_plot_change_in_french(comparison):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = quiet(plot_change, comparison, lang="fr")
    assert ax.get_title() == "Évolution : before → after"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"gagné", "conservé", "perdu", "dans toutes les vagues", "apparu : absent en before",
            "parti : absent en after"} <= set(texts)
    assert not {"gained", "kept", "lost", "in every wave"} & set(texts)
    plt.close("all")
