"""The interactive map's HTML: escaping, whitelist, determinism, reduction, styles."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances.maps import style
from alliances.maps.interactive import Map, interactive_map
from alliances.maps.layout import layout_positions

DATA_RE = re.compile(r'<script id="map-data" type="application/json">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    blocks = DATA_RE.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def by_id(items):
    return {item["id"]: item for item in items}


# --------------------------------------------------------------------------- escaping


def test_payloads_never_appear_as_markup(hostile):
    G, payloads = hostile
    page = interactive_map(G, table=False, title=payloads[3]).to_html()
    block = DATA_RE.findall(page)[0]
    for ch in "<>&\u2028\u2029":
        assert ch not in block
    for p in payloads:
        if "<" in p:
            assert p not in page, p
    data = page_data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert [labels[f"p{i:02d}"] for i in range(len(payloads))] == payloads  # round trip, unchanged
    assert data["title"] == payloads[3]
    themes = [info["themes"] for info in data["node_info"] if info["label"] in payloads]
    assert sorted(t[0] for t in themes) == sorted(payloads)
    quotes = {e["evidence"][0][1] for e in data["edge_info"]}
    assert set(payloads) <= quotes
    # the <title> is HTML-escaped; the heading is filled by textContent
    assert f"<title>{html.escape(payloads[3])}</title>" in page
    assert page.count("</script>") == 3  # data, vis-network, the map's own script


def test_template_markers_in_user_text_are_not_expanded():
    G = nx.MultiDiGraph()
    G.add_node("a", label="@@VIS_JS@@ @@DATA@@", sector="@@TITLE@@")
    page = interactive_map(G, table=False, title="@@APP_JS@@").to_html()
    assert page.count("vis.js is dual licensed") == 1
    assert page_data(page)["nodes"][0]["label"] == "@@VIS_JS@@ @@DATA@@"
    assert "<title>@@APP_JS@@</title>" in page


def test_csp_allows_exactly_the_inline_scripts(map_graph):
    page = interactive_map(map_graph, table=False).to_html()
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
              for s in scripts}
    allowed = set(re.search(r"script-src ([^;]*)", csp).group(1).split())
    assert allowed == hashes
    assert "@license" in page and "vis.js is dual licensed" in page  # vendored licence header kept


# --------------------------------------------------------------------------- whitelist


def test_private_attributes_never_reach_the_page(map_graph, map_table):
    page = interactive_map(map_graph, table=map_table).to_html()
    assert "example.org" not in page and "leak.example" not in page
    assert '"email"' not in page and '"notes"' not in page and "private" not in DATA_RE.findall(page)[0]
    # opt-in only
    shown = interactive_map(map_graph, table=map_table, fields=["email"]).to_html()
    assert "velo@leak.example" in shown  # the table's column first, then the node attribute


def test_numpy_scalars_and_nan_are_converted(map_graph, map_table):
    map_table["betweenness"] = map_table["betweenness"].astype(np.float32)
    map_table["constraint"] = [np.nan, np.inf, 0.5, np.float64(0.25), 1, pd.NA]
    data = page_data(interactive_map(map_graph, table=map_table).to_html())
    info = {n["id"]: i for n, i in zip(data["nodes"], data["node_info"], strict=True)}
    assert dict(info["garage"]["metrics"]).get("betweenness") is None  # NaN left out
    assert dict(info["labo"]["metrics"])["betweenness"] == 0.0
    assert dict(info["labo"]["metrics"])["constraint"] == 0.5
    assert "constraint" not in dict(info["cafe"]["metrics"])  # NaN
    assert info["velo"]["ckey"] == "0"


# --------------------------------------------------------------------------- style


def test_styles_follow_sector_kind_marks_and_relation(map_graph, map_table):
    m = interactive_map(map_graph, table=map_table)
    nodes = by_id(m.network.nodes)
    assert nodes["velo"]["color"]["background"] == style.SECTOR_COLORS["association"] == "#009E73"
    assert nodes["mairie"]["color"]["background"] == "#0072B2"
    assert nodes["marie"]["shape"] == "diamond" and nodes["mairie"]["shape"] == "dot"
    # size by betweenness: velo (0.6) largest, labo (0.0) and garage (NaN) smallest
    sizes = {k: v["size"] for k, v in nodes.items()}
    assert max(sizes, key=sizes.get) == "velo" and sizes["velo"] == 38.0
    assert sizes["labo"] == sizes["garage"] == 10.0
    # hybrid: a thick black ring; trusted intermediary: a star badge the page draws (markcodes)
    assert nodes["velo"]["borderWidth"] == 5 and nodes["velo"]["color"]["border"] == "#000000"
    assert nodes["cafe"]["borderWidth"] == 1 and "shapeProperties" not in nodes["cafe"]
    assert nodes["labo"]["borderWidth"] == 1
    info = dict(zip(nodes, page_data(m.to_html())["node_info"], strict=True))
    assert info["velo"]["markcodes"] == ["hybrid", "intermediary"]  # both: ring and star
    assert info["cafe"]["markcodes"] == ["intermediary"]
    assert info["labo"]["markcodes"] == []
    pairs = list(zip(m.network.edges, page_data(m.to_html())["edge_info"], strict=True))
    edges = {(i["source"], i["target"], i["relation"]): e for e, i in pairs}
    conflict = edges[("garage", "mairie", "conflict")]
    assert conflict["dashes"] == [8, 6] and conflict["color"] == "#D55E00"
    assert conflict["arrows"] == "to"
    co = [e for e, i in pairs if i["relation"] == "co-participation"]
    assert len(co) == 2 and all(e["arrows"] == "" for e in co)
    assert {(e["from"], e["to"]) for e in co} == {("cafe", "marie")}  # drawn as one line
    assert edges[("marie", "velo", "trust")]["width"] > edges[("labo", "velo", "information")]["width"]


def test_legend_lists_sectors_relations_and_marks(map_graph, map_table):
    legend = page_data(interactive_map(map_graph, table=map_table).to_html())["legend"]
    assert [s["label"] for s in legend["sectors"]] == [
        "public authority", "company", "association / social economy", "research / education",
        "citizen / informal group"]
    assert [s["count"] for s in legend["sectors"]] == [1, 1, 2, 1, 1]
    assert [r["label"] for r in legend["relations"]] == list(style.EDGE_STYLES)
    labels = " ".join(m["label"] for m in legend["marks"])
    assert "hybrid" in labels and "trusted intermediary" in labels and "person" in labels
    assert legend["size"] == "Node size: betweenness (larger = higher)"


def test_unknown_and_custom_sectors(map_graph):
    map_graph.nodes["garage"]["sector"] = None
    map_graph.nodes["labo"]["sector"] = "Chambre d'agriculture"
    legend = page_data(interactive_map(map_graph, table=False).to_html())["legend"]["sectors"]
    assert legend[-2:] == [
        {"key": "s3", "label": "Chambre d'agriculture", "color": "#332288", "count": 1},
        {"key": "s4", "label": "unknown sector", "color": "#DDDDDD", "count": 1},
    ]


# --------------------------------------------------------------------------- determinism


def test_byte_identical_for_same_input_and_seed(map_graph, map_table):
    a = interactive_map(map_graph, table=map_table, seed=3).to_html()
    b = interactive_map(map_graph, table=map_table, seed=3).to_html()
    assert a == b
    # same graph built in the opposite order, table rows shuffled
    H = nx.MultiDiGraph(**map_graph.graph)
    for n in reversed(list(map_graph.nodes)):
        H.add_node(n, **map_graph.nodes[n])
    for u, v, k, d in reversed(list(map_graph.edges(keys=True, data=True))):
        H.add_edge(u, v, key=k, **d)
    c = interactive_map(H, table=map_table.iloc[::-1], seed=3).to_html()
    assert c == a
    assert interactive_map(map_graph, table=map_table, seed=4).to_html() != a


def test_byte_identical_across_hash_seeds(tmp_path):
    code = (
        "import hashlib, networkx as nx\n"
        "from alliances.maps.interactive import interactive_map\n"
        "G = nx.MultiDiGraph()\n"
        "for i in range(40):\n"
        "    G.add_node(f'n{i}', label=f'Acteur {i}', sector=['public', 'company', 'x', 'y'][i % 4],\n"
        "               themes=frozenset({'a', 'b', str(i)}))\n"
        "    G.add_edge(f'n{i}', f'n{(i * 7) % 40}', key='collaboration', relation='collaboration')\n"
        "print(hashlib.sha256(interactive_map(G, table=False).to_html().encode()).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_no_timestamps_or_random_ids(map_graph):
    page = interactive_map(map_graph, table=False).to_html()
    data = page_data(page)
    assert [e["id"] for e in data["edges"]] == [f"e{i}" for i in range(9)]
    assert sorted(n["id"] for n in data["nodes"]) == [n["id"] for n in data["nodes"]]


# --------------------------------------------------------------------------- reduction and views


def _star_forest(n: int) -> tuple[nx.MultiDiGraph, pd.DataFrame]:
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"a{i:03d}", label=f"A{i}", sector="public" if i % 2 else "company")
    for i in range(1, n):
        G.add_edge(f"a{i:03d}", f"a{i // 5:03d}", key="collaboration", relation="collaboration",
                   weight=float(i % 5 + 1))
    ids = sorted(G.nodes)
    table = pd.DataFrame({"betweenness": [1.0 / (1 + int(i[1:])) for i in ids],
                          "cluster": [int(i[1:]) % 3 for i in ids]}, index=pd.Index(ids, name="id"))
    return G, table


def test_reduction_keeps_top_actors_and_says_so():
    G, table = _star_forest(50)
    m = interactive_map(G, table=table, max_nodes=10)
    kept = sorted(n["id"] for n in m.network.nodes)
    assert kept == [f"a{i:03d}" for i in range(10)]  # highest betweenness = lowest numbers
    assert all(e["from"] in kept and e["to"] in kept for e in m.network.edges)
    assert len(m.network.edges) == 9  # a001..a009 -> their parent, all inside the top 10
    assert m.note.startswith("This map shows the 10 actors with the highest betweenness out of 50.")
    assert page_data(m.to_html())["note"] == m.note
    assert interactive_map(G, table=table, max_nodes=None).note is None
    assert len(interactive_map(G, table=table, max_nodes=None).network.nodes) == 50


@pytest.mark.parametrize("graph_type", [nx.MultiDiGraph, nx.DiGraph, nx.Graph])
def test_reduction_reads_only_the_kept_ties_with_the_same_result(graph_type):
    # the fast path (actors chosen before their ties are read) draws exactly the
    # subgraph of the kept actors, by measure (table) and by number of ties (no table)
    rng = np.random.default_rng(5)
    G = graph_type()
    G.add_nodes_from(f"n{i:02d}" for i in range(40))
    for u, v in rng.integers(0, 40, size=(120, 2)).tolist():
        if G.is_multigraph():
            G.add_edge(f"n{u:02d}", f"n{v:02d}", key="collaboration", relation="collaboration", weight=1.0)
        else:
            G.add_edge(f"n{u:02d}", f"n{v:02d}", relation="collaboration", weight=1.0)
    ids = sorted(G)
    table = pd.DataFrame({"betweenness": rng.random(40)}, index=pd.Index(ids, name="id"))
    for tbl in (table, False):
        m = interactive_map(G, table=tbl, max_nodes=12)
        kept = [n["id"] for n in m.network.nodes]
        if tbl is False:
            deg = dict(G.degree())
            expected = sorted(sorted(ids, key=lambda n: (-deg[n], n))[:12])
        else:
            expected = sorted(table["betweenness"].sort_values(ascending=False).index[:12])
        assert kept == expected
        full = interactive_map(G.subgraph(kept).copy(), table=tbl if tbl is False else table.loc[kept],
                               max_nodes=None)
        strip = lambda es: [(e["from"], e["to"], e["width"], e.get("arrows")) for e in es]  # noqa: E731
        assert strip(m.network.edges) == strip(full.network.edges)
        assert [(n["x"], n["y"]) for n in m.network.nodes] == [(n["x"], n["y"]) for n in full.network.nodes]
        assert ("highest betweenness" if tbl is not False else "most ties") in m.note


def test_edge_reduction_keeps_strongest_ties():
    G, table = _star_forest(50)
    m = interactive_map(G, table=table, max_edges=10)
    weights = sorted(G.edges[u, v, k]["weight"] for u, v, k in G.edges(keys=True))
    assert len(m.network.edges) == 10
    info = page_data(m.to_html())["edge_info"]
    assert sorted(i["weight"] for i in info) == weights[-10:]
    assert "strongest ties" in m.note


def test_cluster_view(map_graph, map_table):
    m = interactive_map(map_graph, table=map_table, group="cluster")
    assert [n["id"] for n in m.network.nodes] == ["cluster:0", "cluster:1"]
    assert [n["label"] for n in m.network.nodes] == ["cluster 0 (3)", "cluster 1 (3)"]
    data = page_data(m.to_html())
    assert len(m.network.edges) == 1 and data["edge_info"][0]["weight"] == 4
    assert data["node_info"][0]["members"] == ["Vélo Antony", "Mairie d'Antony", "Garage Martin"]


def test_relations_filter(map_graph):
    m = interactive_map(map_graph, table=False, relations=["conflict", "trust"])
    assert sorted((e["from"], e["to"]) for e in m.network.edges) == [("garage", "mairie"), ("marie", "velo")]
    with pytest.raises(ValueError, match="funds"):
        interactive_map(map_graph, table=False, relations="funds")


def test_bad_arguments_say_what_to_do(map_graph, map_table):
    with pytest.raises(ValueError, match=r"choose one of: .*betweenness"):
        interactive_map(map_graph, table=map_table, size="centrality")
    with pytest.raises(ValueError, match="highlight"):
        interactive_map(map_graph, table=map_table, highlight=["broker"])
    with pytest.raises(ValueError, match="group='cluster'"):
        interactive_map(map_graph, table=False, group="cluster")
    with pytest.raises(TypeError, match="DataFrame"):
        interactive_map(map_graph, table=[1, 2])


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"a{i}" for i in range(n))
    m = interactive_map(G, table=False)
    assert len(m.network.nodes) == n and m.network.edges == []
    assert page_data(m.to_html())["nodes"] == m.network.nodes


def test_plain_graph_and_digraph():
    G = nx.Graph([("a", "b"), ("b", "c")])
    m = interactive_map(G, table=False)
    assert [(e["from"], e["to"], e["arrows"]) for e in m.network.edges] == [("a", "b", ""), ("b", "c", "")]
    D = nx.DiGraph([("b", "a")])
    assert [e["arrows"] for e in interactive_map(D, table=False).network.edges] == ["to"]


def test_actor_table_is_computed_when_not_given(map_graph):
    from alliances.analysis.table import actor_table

    expected = interactive_map(map_graph, table=actor_table(map_graph, seed=0)).to_html()
    assert interactive_map(map_graph).to_html() == expected


# --------------------------------------------------------------------------- Map object


def test_save_writes_only_the_file(map_graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = interactive_map(map_graph, table=False)
    target = tmp_path / "out" / "carte é.html"
    target.parent.mkdir()
    assert m.save(target) == target
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["carte é.html", "out"]
    assert target.read_bytes() == m.to_html().encode("utf-8")
    assert b"\r\n" not in target.read_bytes()
    with pytest.raises(FileNotFoundError, match="does not exist"):
        m.save(tmp_path / "missing" / "map.html")


def test_repr_html_is_an_escaped_srcdoc_iframe(hostile):
    G, _ = hostile
    m = interactive_map(G, table=False)
    frame = m._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and frame.endswith("</iframe>")
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and '"' not in srcdoc
    assert html.unescape(srcdoc) == m.to_html()
    assert 'sandbox="allow-scripts allow-downloads"' in frame  # the PNG/SVG export buttons
    assert isinstance(m, Map) and repr(m) == f"<alliances Map: {len(m.network.nodes)} nodes, {len(m.network.edges)} edges>"


def test_layout_is_seeded_and_order_independent():
    G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e")])
    H = nx.MultiDiGraph([("e", "d"), ("c", "a"), ("b", "c"), ("a", "b")])
    assert layout_positions(G, seed=2) == layout_positions(H.reverse(copy=True), seed=2)
    pos = layout_positions(G, seed=2)
    assert all(float(x).is_integer() and float(y).is_integer() for x, y in pos.values())
    assert layout_positions(G, seed=2) != layout_positions(G, seed=3)


# --------------------------------------------------------------------------- the browser fixture itself


# an error in the fixture set-up fails the run (non-zero exit), as a failed test does
@pytest.mark.parametrize(("ci", "outcome"), [("true", "error"), ("", "skipped")])
def test_browser_tests_fail_in_ci_without_chromium(ci, outcome, tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k not in ("ALLIANCES_CHROMIUM", "CI")}
    env["PATH"] = str(tmp_path)  # no chromium on this PATH
    if ci:
        env["CI"] = ci
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs",
         "tests/test_browser_maps.py::test_offline_counts_and_legend"],
        cwd=root, env=env, capture_output=True, text=True,
    )
    assert f"1 {outcome}" in out.stdout, out.stdout[-2000:]
    assert "no chromium executable found" in out.stdout
    if ci:
        assert out.returncode != 0 and "failing instead of skipping" in out.stdout


def test_negative_mention_has_its_own_legend_row_and_filter(map_graph):
    map_graph.edges["labo", "garage", "mention"]["sign"] = -1
    data = page_data(interactive_map(map_graph, table=False).to_html())
    rows = {r["label"]: r for r in data["legend"]["relations"]}
    assert "mention" not in rows
    assert rows["negative tie (other relations)"]["count"] == 1
    info = next(i for i in data["edge_info"] if i["relation"] == "mention")
    assert info["rkey"] == "neg" and info["sign"] == -1
    edge = next(e for e, i in zip(data["edges"], data["edge_info"], strict=True) if i is info)
    # reddish purple short dashes, as its legend row; a conflict is vermillion long dashes
    assert edge["dashes"] == [3, 4] and edge["color"] == "#CC79A7"
    assert rows["negative tie (other relations)"]["dashes"] == [3, 4]
    assert rows["negative tie (other relations)"]["color"] == "#CC79A7"
    assert rows["conflict"]["dashes"] == [8, 6] and rows["conflict"]["color"] == "#D55E00"


# --------------------------------------------------------------------------- pseudonymisation (issue 7)

KEY = "a test key of more than sixteen bytes"


def test_pseudonymised_map_hides_people_keeps_organisations(map_graph):
    page = interactive_map(map_graph, pseudonymize=KEY).to_html()
    data = page_data(page)
    labels = {info["label"] for info in data["node_info"]}
    # the only person of the graph is coded; every organisation keeps its name
    assert "Marie Dupont" not in page
    assert '"marie"' not in page
    assert "on se fait confiance" not in page  # her interview quote is gone too
    people = sorted(lab for lab in labels if lab.startswith("P-"))
    assert len(people) == 1 and len(people[0]) == 14
    assert {"Vélo Antony", "Café Réparation", "Labo Mobilités", "Garage Martin"} <= labels
    assert "Mairie d\\u0027Antony" in page or "Mairie d'Antony" in page
    # the graph itself is not modified
    assert map_graph.nodes["marie"]["label"] == "Marie Dupont"


def test_pseudonymised_map_same_key_same_bytes_other_key_other_codes(map_graph):
    a = interactive_map(map_graph, pseudonymize=KEY).to_html()
    b = interactive_map(map_graph, pseudonymize=KEY.encode()).to_html()
    c = interactive_map(map_graph, pseudonymize=KEY + " other").to_html()
    assert a == b
    code = lambda page: sorted(i["label"] for i in page_data(page)["node_info"] if i["label"].startswith("P-"))  # noqa: E731
    assert code(a) != code(c)


def test_pseudonymised_map_key_file(map_graph, tmp_path):
    from alliances.privacy import new_key

    path = tmp_path / "alliances.key"
    key = new_key(path)
    by_text = interactive_map(map_graph, pseudonymize=key).to_html()
    assert interactive_map(map_graph, pseudonymize=path).to_html() == by_text
    assert interactive_map(map_graph, pseudonymize=str(path)).to_html() == by_text


def test_pseudonymise_refuses_table_true_and_short_keys(map_graph, map_table):
    with pytest.raises(ValueError, match="table= cannot be combined"):
        interactive_map(map_graph, table=map_table, pseudonymize=KEY)
    with pytest.raises(ValueError, match="new_key"):
        interactive_map(map_graph, pseudonymize=True)
    with pytest.raises(ValueError, match="at least 16"):
        interactive_map(map_graph, pseudonymize="short")
    with pytest.raises(ValueError, match="only used with pseudonymize"):
        interactive_map(map_graph, actors=pd.DataFrame(index=["marie"]))


def test_pseudonymised_map_honours_consent_of_the_registry(map_graph):
    registry = pd.DataFrame({"consent": [False]}, index=pd.Index(["garage"], name="id"))
    data = page_data(interactive_map(map_graph, pseudonymize=KEY, actors=registry).to_html())
    labels = {info["label"] for info in data["node_info"]}
    assert "Garage Martin" not in labels
    assert len(data["nodes"]) == 5
    # its two ties (conflict with the town hall, mention by the lab) left with it
    assert len(data["edges"]) == 7


# --------------------------------------------------------------------------- negative ties (issue 12)


def _edge_of(m, source, target, relation):
    data = page_data(m.to_html())
    for edge, info in zip(data["edges"], data["edge_info"], strict=True):
        if (info["source"], info["target"], info["relation"]) == (source, target, relation):
            return edge, info, data
    raise AssertionError(f"no tie {source} -> {target} ({relation}) on the map")


def test_sign_minus_two_is_drawn_negative_and_does_not_attract(map_graph):
    # tie_sign: any sign below zero is a negative tie, not only -1
    map_graph.edges["velo", "cafe", "collaboration"]["sign"] = -2
    m = interactive_map(map_graph, table=False)
    edge, info, data = _edge_of(m, "velo", "cafe", "collaboration")
    assert info["sign"] == -1 and info["rkey"] == "neg"
    assert edge["color"] == style.NEGATIVE_EDGE.color == "#CC79A7" and edge["dashes"] == [3, 4]
    rows = {r["label"]: r["count"] for r in data["legend"]["relations"]}
    assert rows["negative tie (other relations)"] == 1 and rows["collaboration"] == 1
    # the layout: the same positions as without the tie, other than with it positive
    without = map_graph.copy()
    without.remove_edge("velo", "cafe", "collaboration")
    positive = map_graph.copy()
    positive.edges["velo", "cafe", "collaboration"]["sign"] = 1
    assert layout_positions(map_graph, seed=0) == layout_positions(without, seed=0)
    assert layout_positions(map_graph, seed=0) != layout_positions(positive, seed=0)
    xy = {n["id"]: (n["x"], n["y"]) for n in m.network.nodes}
    assert xy == {n["id"]: (n["x"], n["y"]) for n in interactive_map(without, table=False).network.nodes}


def test_unsigned_conflict_drawn_by_hand_is_negative_and_does_not_attract():
    # a hand-built DiGraph: a conflict without a sign is still a conflict
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    G.add_edge("d", "a", relation="conflict")
    m = interactive_map(G, table=False)
    edge, info, data = _edge_of(m, "d", "a", "conflict")
    assert info["sign"] == -1 and edge["color"] == "#D55E00" and edge["dashes"] == [8, 6]
    others = [i for i in data["edge_info"] if i["relation"] != "conflict"]
    assert len(others) == 3 and all(i["sign"] == 1 for i in others)
    without = G.copy()
    without.remove_edge("d", "a")
    signed = G.copy()
    signed.edges["d", "a"]["sign"] = 1  # marked positive on purpose: it attracts
    assert layout_positions(G, seed=1) == layout_positions(without, seed=1)
    assert layout_positions(G, seed=1) != layout_positions(signed, seed=1)


def test_a_tie_without_relation_is_a_plain_line_named_tie():
    # model.DEFAULT_RELATION: a hand-built Graph's ties name no relation
    m = interactive_map(nx.Graph([("a", "b")]), table=False)
    (edge,) = m.network.edges
    data = page_data(m.to_html())
    assert data["edge_info"][0]["relation"] == "tie"
    assert edge["color"] == "#4D4D4D" and "dashes" not in edge and edge["arrows"] == ""
    assert [r["label"] for r in data["legend"]["relations"]] == ["tie"]


def test_a_tie_weight_that_is_not_a_number_is_refused_with_a_sentence():
    from alliances import InputError

    G = nx.DiGraph([("a", "b", {"weight": "often"})])
    with pytest.raises(InputError, match="weight 'often', which is not a number"):
        interactive_map(G, table=False)


@pytest.mark.parametrize("call", ["interactive_map", "layout_positions"])
def test_a_table_instead_of_a_graph_says_which_function(call):
    func = {"interactive_map": interactive_map, "layout_positions": layout_positions}[call]
    with pytest.raises(TypeError, match=rf"^{call} takes a networkx graph .*from_frames"):
        func(pd.DataFrame({"source": ["a"], "target": ["b"]}))


# --------------------------------------------------------------------------- colour-vision deficiency
#
# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
# vision deficiency", IEEE TVCG 15(6): the severity-1.0 matrices of their table, applied to
# linear RGB. Colour distance: CIE 1976 L*a*b* (D65), Delta E*ab.

MACHADO_2009 = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
    "normal": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
}
MIN_DELTA_E = 12.0


def _linear(hex_colour):
    import numpy as np

    c = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    import numpy as np

    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_distance(a, b, vision):
    import numpy as np

    m = np.array(MACHADO_2009[vision])
    sim = [_lab(np.clip(m @ _linear(c), 0, 1)) for c in (a, b)]
    return float(np.linalg.norm(sim[0] - sim[1]))


def test_colour_vision_simulation_is_the_published_one():
    import numpy as np

    for name, m in MACHADO_2009.items():
        assert np.allclose(np.sum(m, axis=1), 1.0, atol=1e-3), name  # white stays white
    # a red/green pair of equal lightness (matplotlib's tab:red, tab:green) is far apart with
    # normal vision and nearly the same with deuteranopia: the check can fail
    assert seen_distance("#D62728", "#2CA02C", "normal") > 100
    assert seen_distance("#D62728", "#2CA02C", "deuteranopia") < MIN_DELTA_E
    # the two greys that drew mention and co-participation before issue 16 were too close for anyone
    assert seen_distance("#999999", "#B0B0B0", "normal") < MIN_DELTA_E


def test_relation_styles_distinct_in_colour_and_dash_for_every_vision():
    rows = {**style.EDGE_STYLES, "negative tie": style.NEGATIVE_EDGE, "other": style.OTHER_EDGE}
    names = sorted(rows)
    for vision in MACHADO_2009:
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                d = seen_distance(rows[a].color, rows[b].color, vision)
                assert d >= MIN_DELTA_E, (vision, a, b, round(d, 1))
    dashes = [tuple(rows[n].dashes) if rows[n].dashes else () for n in names]
    assert len(set(dashes)) == len(names)  # no two relations share a dash pattern
    assert len({str(rows[n].mpl) for n in names}) == len(names)  # nor in the static figure
    # every line readable on white, whatever the vision
    for n in names:
        for vision in MACHADO_2009:
            assert seen_distance(rows[n].color, "#FFFFFF", vision) >= 20, (n, vision)


def test_negative_ties_unmistakably_negative():
    conflict, negative = style.EDGE_STYLES["conflict"], style.NEGATIVE_EDGE
    # dashed, in the two warm colours of Okabe-Ito (vermillion, reddish purple) ...
    assert conflict.dashes and negative.dashes and conflict.dashes != negative.dashes
    assert {conflict.color, negative.color} == {"#D55E00", "#CC79A7"}
    # ... that no positive relation uses
    positive = {st.color for rel, st in style.EDGE_STYLES.items() if rel != "conflict"}
    assert not positive & {conflict.color, negative.color}
    assert style.edge_style("collaboration", sign=-2) == negative
    assert style.edge_style("conflict") == style.edge_style("conflict", sign=-1) == conflict


# --------------------------------------------------------------------------- languages and titles


def test_every_interface_text_is_in_the_french_catalogue():
    from babel.messages.pofile import read_po

    from alliances.i18n import LOCALE_DIR
    from alliances.maps.text import MESSAGES, ui_texts

    with open(LOCALE_DIR / "fr" / "LC_MESSAGES" / "alliances-map.po", "rb") as fh:
        catalogue = read_po(fh, locale="fr", domain="alliances-map")
    for message in MESSAGES:
        entry = catalogue.get(message)
        assert entry is not None and entry.string and not entry.fuzzy, message
        assert set(re.findall(r"\{\w+\}", entry.string)) == set(re.findall(r"\{\w+\}", message)), message
    fr = ui_texts("fr")
    assert fr == {m: catalogue.get(m).string for m in MESSAGES}  # the compiled .mo is current
    assert ui_texts("en") == {m: m for m in MESSAGES}


def test_french_map_is_french_and_byte_identical(map_graph, map_table, monkeypatch):
    a = interactive_map(map_graph, table=map_table, lang="fr", seed=2).to_html()
    assert a == interactive_map(map_graph, table=map_table, lang="fr", seed=2).to_html()
    assert a.startswith('<!DOCTYPE html>\n<html lang="fr">')
    data = page_data(a)
    assert data["lang"] == "fr" and data["ui"]["Find an actor…"] == "Chercher un acteur…"
    assert [s["label"] for s in data["legend"]["sectors"]][:2] == ["collectivité / acteur public", "entreprise"]
    assert [r["label"] for r in data["legend"]["relations"]][2:4] == ["financement", "confiance"]
    assert data["legend"]["size"] == "Taille des nœuds : intermédiarité (plus grand = plus élevé)"
    # the default follows the environment
    monkeypatch.setenv("ALLIANCES_LANG", "fr_FR.UTF-8")
    assert interactive_map(map_graph, table=map_table, seed=2).to_html() == a
    monkeypatch.setenv("ALLIANCES_LANG", "en")
    assert page_data(interactive_map(map_graph, table=map_table).to_html())["lang"] == "en"


def test_title_is_the_study_name_never_a_slug(tmp_path):
    from alliances.maps.spec import study_title

    G = nx.MultiDiGraph([("a", "b")], name="h1_long_fr_cp1252")
    assert page_data(interactive_map(G, table=False).to_html())["title"] == "Actor map"
    assert page_data(interactive_map(G, table=False, lang="fr").to_html())["title"] == "Carte des acteurs"
    (tmp_path / "survey.csv").write_text("x\n", encoding="utf-8")
    G.graph["files"] = {"survey": str(tmp_path / "survey.csv")}
    (tmp_path / "README.md").write_text(f"# Comité vélo ({tmp_path.name})\n\ntext\n", encoding="utf-8")
    assert study_title(G) == "Comité vélo"
    (tmp_path / "study.toml").write_text('[study]\ntitle = "Bicycle committee"\n'
                                         'title_fr = "Comité vélo d\'Antony"\nsubtitle = "Wave 1, 2026"\n',
                                         encoding="utf-8")
    assert study_title(G, "en") == "Bicycle committee" and study_title(G, "fr") == "Comité vélo d'Antony"
    data = page_data(interactive_map(G, table=False).to_html())
    assert data["title"] == "Bicycle committee" and data["subtitle"] == "Wave 1, 2026"
    assert page_data(interactive_map(G, table=False, title="Mine").to_html())["title"] == "Mine"
    G.graph["name"] = "Comité de suivi"
    assert study_title(G) == "Comité de suivi"


def test_antony_actors_never_cover_each_other_and_both_maps_agree():
    """The dense core is spread: at their drawn sizes no two actors' discs overlap, in both maps."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import alliances
    from alliances import samples
    from alliances.maps.layout import layout_positions
    from alliances.maps.static import plot_map

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = samples.load("antony-velo")
        table = alliances.actor_table(G, seed=0)
    nodes = interactive_map(G, table=table).network.nodes
    xy = np.array([[n["x"], n["y"]] for n in nodes], dtype=float)
    r = np.array([n["size"] for n in nodes])
    d = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    need = r[:, None] + r[None] + 9  # gap 10, less 1 for rounding to whole units
    np.fill_diagonal(d, np.inf)
    assert (d >= need).all()
    # the raw layout did overlap in the core: the separation did something
    raw = layout_positions(G, seed=0)
    raw_xy = np.array([raw[n["id"]] for n in nodes])
    d_raw = np.sqrt(((raw_xy[:, None] - raw_xy[None]) ** 2).sum(-1))
    np.fill_diagonal(d_raw, np.inf)
    assert (d_raw < need - 9).any()
    ax = plot_map(G, table=table, labels=False, legend=False)
    drawn = {(float(x), float(y)) for c in ax.collections if type(c).__name__ == "PathCollection"
             for x, y in c.get_offsets()}
    assert drawn == {(float(n["x"]), float(-n["y"])) for n in nodes}
    plt.close("all")
