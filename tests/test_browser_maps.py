"""The saved map in a real headless Chromium, opened from file:// (issue 4 "Done when").

Every network request is recorded: the page may load only its own file.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances.maps import style
from alliances.maps.interactive import interactive_map

pytestmark = pytest.mark.browser

FLAGS_JS = "Object.keys(window).filter(k => k.startsWith('__'))"


def open_map(record, path, timeout=20_000):
    url = path.resolve().as_uri()
    record.page.goto(url)
    record.page.wait_for_function("window.network !== undefined && window.alliancesMap !== undefined",
                                  timeout=timeout)
    return url


def assert_clean(record, url):
    assert record.external_requests(url) == []
    assert record.requests == [url]
    assert record.console_errors == []
    assert record.page_errors == []


@pytest.fixture
def opened(chromium_page, map_graph, map_table, tmp_path):
    path = interactive_map(map_graph, table=map_table, title="Antony vélo").save(tmp_path / "map.html")
    url = open_map(chromium_page, path)
    return chromium_page, url, map_graph


def test_offline_counts_and_legend(opened):
    record, url, G = opened
    page = record.page
    counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()] == [6, 9]
    legend = page.eval_on_selector_all("#legend-sectors .name", "els => els.map(e => e.textContent)")
    assert legend == [style.sector_label(s) for s in ("public", "company", "association", "research", "citizen")]
    assert page.eval_on_selector_all("#legend-relations .name", "els => els.length") == 7
    assert page.title() == "Antony vélo"
    assert page.text_content("#map-title") == "Antony vélo"
    assert page.is_hidden("#note")
    # the positions computed in Python are the ones drawn
    x = page.evaluate("network.body.nodes.velo.x")
    assert x == next(n["x"] for n in interactive_map(G, table=False).network.nodes if n["id"] == "velo")
    assert_clean(record, url)


def test_search_finds_an_actor_accent_insensitive(opened):
    record, url, _ = opened
    page = record.page
    page.fill("#search", "velo ant")
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["velo"]
    assert page.text_content("#details h3") == "Vélo Antony"
    assert page.text_content("#matches") == "1 found"
    ties = page.eval_on_selector_all("#details ul.ties > li", "els => els.length")
    assert ties == 5  # funding in, collaboration out x2, information in, trust in
    page.fill("#search", "nobody here")
    page.press("#search", "Enter")
    assert page.text_content("#matches") == "no actor found"
    assert_clean(record, url)


def test_sector_filter_hides_the_others(opened):
    record, url, _ = opened
    page = record.page
    for s in ("public", "company", "research", "citizen"):
        label = style.sector_label(s)
        page.locator("#legend-sectors label", has_text=label).locator("input").uncheck()
    hidden = page.evaluate("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, !!n.hidden]))")
    assert hidden == {"cafe": False, "velo": False, "garage": True, "labo": True, "mairie": True, "marie": True}
    shown_edges = page.evaluate("network.body.data.edges.get().filter(e => !e.hidden).map(e => [e.from, e.to])")
    assert shown_edges == [["velo", "cafe"]]
    # back on: everything visible again
    page.locator("#legend-sectors label", has_text="public authority").locator("input").check()
    assert page.evaluate("network.body.data.nodes.get('mairie').hidden") is False
    assert_clean(record, url)


def test_relation_and_cluster_filters(opened):
    record, url, _ = opened
    page = record.page
    page.locator("#legend-relations label", has_text="conflict").locator("input").uncheck()
    hidden_rel = page.evaluate(
        "network.body.data.edges.get().filter(e => e.hidden).map(e => [e.from, e.to])")
    assert hidden_rel == [["garage", "mairie"]]
    page.select_option("#cluster-filter", "1")
    visible = page.evaluate("network.body.data.nodes.get().filter(n => !n.hidden).map(n => n.id)")
    assert visible == ["cafe", "labo", "marie"]
    assert_clean(record, url)


def test_click_highlights_the_neighbourhood_and_physics_toggles(opened):
    record, url, _ = opened
    page = record.page
    box = page.locator("#mynetwork").bounding_box()
    dom = page.evaluate("network.canvasToDOM(network.getPositions(['mairie']).mairie)")
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
    assert page.evaluate("network.getSelectedNodes()") == ["mairie"]
    faded = page.evaluate(
        "network.body.data.nodes.get().filter(n => n.color.background === '#eeeeee').map(n => n.id)")
    assert faded == ["cafe", "labo", "marie"]  # mairie's neighbours: velo, garage
    assert page.text_content("#details h3") == "Mairie d'Antony"
    assert page.is_checked("#physics") is False
    page.check("#physics")
    assert page.evaluate("network.physics.options.enabled") is True
    assert_clean(record, url)


def test_cluster_view_opens(chromium_page, map_graph, map_table, tmp_path):
    path = interactive_map(map_graph, table=map_table, group="cluster").save(tmp_path / "clusters.html")
    url = open_map(chromium_page, path)
    page = chromium_page.page
    assert page.evaluate("network.body.data.nodes.getIds()") == ["cluster:0", "cluster:1"]
    # velo-cafe, labo-velo, marie-velo, labo-garage cross; the conflict is inside cluster 0
    assert page.evaluate("network.body.data.edges.length") == 1
    assert page.evaluate("alliancesMap.data.edge_info[0].relation") == "4 ties"
    assert_clean(chromium_page, url)


def test_hostile_names_stay_text(chromium_page, hostile, tmp_path):
    G, payloads = hostile
    title = "<script>window.__t=1</script>${window.__t2=1}"
    path = interactive_map(G, table=False, title=title).save(tmp_path / "hostile.html")
    url = open_map(chromium_page, path)
    page = chromium_page.page
    # show every actor's side panel and every tooltip element
    page.evaluate("network.body.data.nodes.getIds().forEach(id => alliancesMap.focus(id))")
    page.evaluate("network.body.data.nodes.getIds().forEach(id => document.body.appendChild("
                  "network.body.data.nodes.get(id).title))")
    page.evaluate("network.body.data.edges.getIds().forEach(id => document.body.appendChild("
                  "network.body.data.edges.get(id).title))")
    page.fill("#search", "img src")
    page.press("#search", "Enter")
    page.wait_for_timeout(300)
    assert page.evaluate(FLAGS_JS) == []
    assert page.evaluate("typeof window.__x") == "undefined"
    assert page.evaluate("typeof window.__y") == "undefined"
    # shown as the very same text
    assert page.title() == title
    assert page.text_content("#map-title") == title
    labels = page.evaluate("network.body.data.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(["Hub", '<img src=x onerror="window.__x=1">', *payloads])
    legend = page.eval_on_selector_all("#legend-sectors .name", "els => els.map(e => e.textContent)")
    assert set(payloads[1::2]) <= set(legend)
    relations = page.eval_on_selector_all("#legend-relations .name", "els => els.map(e => e.textContent)")
    assert {p + " →" for p in payloads} <= set(relations)
    page.evaluate("alliancesMap.focus('x')")
    quotes = page.eval_on_selector_all("#details .quote", "els => els.map(e => e.textContent)")
    assert quotes == ["“</script><script>window.__y=1</script>”"]
    # no element was created from user text
    injected = page.evaluate(
        "document.querySelectorAll('img, svg, iframe, object, video, details, form, math, style:not(head style),"
        " link, body input:not(#search):not(#physics):not(#intro-toggle):not([data-sector]):not([data-relation]),"
        " marquee').length")
    assert injected == 0
    assert page.evaluate("document.scripts.length") == 3
    assert_clean(chromium_page, url)


def _synthetic(n: int, ties: int, seed: int = 1) -> tuple[nx.MultiDiGraph, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    sectors = list(style.SECTOR_COLORS)
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"a{i:05d}", label=f"Actor {i}", sector=sectors[i % len(sectors)],
                   kind="person" if i % 5 == 0 else "organisation")
    relations = ["collaboration", "information", "funding", "trust", "conflict"]
    u = rng.integers(0, n, ties)
    v = (u + rng.integers(1, 40, ties)) % n  # local ties: clustered picture
    for a, b, r in zip(u, v, rng.integers(0, len(relations), ties), strict=True):
        rel = relations[r]
        G.add_edge(f"a{a:05d}", f"a{b:05d}", key=rel, relation=rel, weight=float(1 + (a + b) % 5),
                   sign=-1 if rel == "conflict" else 1)
    ids = sorted(G.nodes)
    table = pd.DataFrame({"betweenness": rng.random(len(ids)),
                          "cluster": [int(i[1:]) // 200 for i in ids]}, index=pd.Index(ids, name="id"))
    return G, table


@pytest.mark.slow
def test_two_thousand_actors_open_complete(chromium_page, tmp_path):
    """Every actor and tie of a 2,000-actor map reaches the page (its speed is a benchmark target:
    benchmarks/RESULTS.md, "map opens")."""
    G, table = _synthetic(2000, 10_000)
    path = interactive_map(G, table=table).save(tmp_path / "big.html")
    url = open_map(chromium_page, path, timeout=60_000)
    chromium_page.page.evaluate("new Promise(r => requestAnimationFrame(() => r(1)))")
    counts = chromium_page.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [2000, G.number_of_edges()]
    assert path.stat().st_size < 12_000_000
    assert_clean(chromium_page, url)


def test_undirected_tie_listed_once(opened):
    record, url, _ = opened
    page = record.page
    page.evaluate("alliancesMap.focus('cafe')")
    ties = page.eval_on_selector_all("#details ul.ties > li", "els => els.map(e => e.firstChild.textContent)")
    # velo -> cafe collaboration, and the co-participation with marie stored as two arcs
    assert sorted(ties) == ["– co-participation: ", "← collaboration: "]
    assert_clean(record, url)


def test_jupyter_iframe_renders_offline(chromium_page, hostile, tmp_path):
    G, _ = hostile
    m = interactive_map(G, table=False)
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{m._repr_html_()}</body>", encoding="utf-8")
    url = host.resolve().as_uri()
    page = chromium_page.page
    page.goto(url)
    page.wait_for_function("document.querySelector('iframe') !== null")
    frame = next(f for f in page.frames if f is not page.main_frame)
    frame.wait_for_function("window.network !== undefined", timeout=20_000)
    assert frame.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]") == [
        G.number_of_nodes(), G.number_of_edges()]
    assert frame.evaluate(FLAGS_JS) == [] and page.evaluate(FLAGS_JS) == []
    assert_clean(chromium_page, url)  # srcdoc needs no request: only the host page was loaded
