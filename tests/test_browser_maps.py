"""The saved map in a real headless Chromium, opened from file:// (issue 4 "Done when").

Every network request is recorded: the page may load only its own file.
"""

from __future__ import annotations

import math

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


# --------------------------------------------------------------------------- the Antony sample (issue 16)

ANTONY_BOTH = "mission-velo-de-la-ville-d-antony"  # the sample's one flagged actor: hybrid and intermediary
ANTONY_HYBRID = "transdev-ile-de-france"  # flagged by hand below, hybrid only
ANTONY_INTERMEDIARY = "livraisons-vertes-92"  # flagged by hand below, intermediary only


@pytest.fixture(scope="module")
def antony():
    import warnings

    import alliances
    from alliances import samples

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = samples.load("antony-velo")
        table = alliances.actor_table(G, seed=0)
    return G, table


def open_antony(record, tmp_path, G, table, name="antony.html", **kwargs):
    path = interactive_map(G, table=table, **kwargs).save(tmp_path / name)
    url = open_map(record, path)
    record.page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))")
    return url


LABEL_BOXES_JS = """() => Object.keys(alliancesMap.labelShown).filter(id => alliancesMap.labelShown[id]).map(id => {
  const n = network.body.nodes[id], s = n.labelModule.size;
  return {id: id, color: n.options.font.color, left: s.left, top: s.top, width: s.width, height: s.height};
})"""


def overlapping(boxes):
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["left"] < b["left"] + b["width"] and b["left"] < a["left"] + a["width"]
                    and a["top"] < b["top"] + b["height"] and b["top"] < a["top"] + a["height"]):
                out.append((a["id"], b["id"]))
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_antony_labels_never_overlap_and_zoom_shows_more(chromium_page, antony, tmp_path, lang):
    G, table = antony
    url = open_antony(chromium_page, tmp_path, G, table, lang=lang)
    page = chromium_page.page
    boxes = page.evaluate(LABEL_BOXES_JS)
    hidden = page.evaluate("Object.keys(alliancesMap.labelShown).filter(id => !alliancesMap.labelShown[id])"
                           ".map(id => network.body.nodes[id].options.font.color)")
    # what vis-network draws: the shown labels in ink, the others transparent
    assert {b["color"] for b in boxes} == {"#222222"} and set(hidden) == {"rgba(0,0,0,0)"}
    assert len(boxes) + len(hidden) == 51 and len(boxes) >= 15
    assert all(b["width"] > 0 and b["height"] > 0 for b in boxes)
    assert overlapping(boxes) == []
    shown = {b["id"] for b in boxes}
    # the marked actor and the largest actor of each separate group are labelled
    assert {ANTONY_BOTH, "boucherie-pajeaud", "club-des-retraites-de-la-croix-de-berny"} <= shown
    # zooming in with the wheel shows more labels, still apart
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = page.evaluate("network.getScale()")
    for _ in range(8):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(100)
    page.wait_for_timeout(600)
    assert page.evaluate("network.getScale()") > 2 * before
    zoomed = page.evaluate(LABEL_BOXES_JS)
    assert len(zoomed) > len(boxes) and overlapping(zoomed) == []
    captions = page.evaluate("alliancesMap.captionBoxes()")  # those of the groups still in view, apart too
    assert overlapping(zoomed + [dict(c, id=f"caption {c['group']}") for c in captions]) == []
    assert_clean(chromium_page, url)


def _ink(page, node_id, dx, dy):
    """Darkest grey level (0 black .. 255 white) in a 3x3 patch at the node's centre + (dx, dy) canvas units."""
    return page.evaluate(
        """([id, dx, dy]) => {
          const p = network.getPositions([id])[id], d = network.canvasToDOM({x: p.x + dx, y: p.y + dy});
          const c = network.canvas.frame.canvas, r = window.devicePixelRatio || 1;
          const px = c.getContext('2d').getImageData(Math.round(d.x * r) - 1, Math.round(d.y * r) - 1, 3, 3).data;
          let dark = 255;
          for (let i = 0; i < px.length; i += 4) { if (px[i + 3] > 200) { dark = Math.min(dark, Math.max(px[i], px[i + 1], px[i + 2])); } }
          return dark;
        }""", [node_id, dx, dy])


def ring_and_star(page, node_id):
    size = page.evaluate(f"network.body.nodes[{node_id!r}].options.size")
    angles = [k * math.pi / 4 for k in range(8)]
    ring = sum(_ink(page, node_id, size * math.cos(a), size * math.sin(a)) < 50 for a in angles)
    r = max(7, size * 0.45)
    d = (size + 0.45 * r + 3) / math.sqrt(2)  # the star's centre, as map.js places it
    star = _ink(page, node_id, d, -d) < 50
    return ring == 8, ring <= 4, star


def test_antony_marks_hybrid_intermediary_and_both_are_distinct(chromium_page, antony, tmp_path):
    G, table = antony
    table = table.copy()
    table.loc[ANTONY_HYBRID, "is_hybrid"] = True
    table.loc[ANTONY_INTERMEDIARY, "is_trusted_intermediary"] = True
    url = open_antony(chromium_page, tmp_path, G, table)
    page = chromium_page.page
    # each mark drawn on the canvas: a black ring all round, a black star at the upper right
    assert ring_and_star(page, ANTONY_BOTH) == (True, False, True)
    assert ring_and_star(page, ANTONY_HYBRID) == (True, False, False)
    assert ring_and_star(page, ANTONY_INTERMEDIARY) == (False, True, True)
    assert ring_and_star(page, "velo-ecole-d-antony")[1:] == (True, False)  # unmarked
    # the legend: one row per mark, each with its own swatch
    rows = page.eval_on_selector_all(
        "#legend-marks .row[data-mark]",
        "els => els.map(e => [e.dataset.mark, e.querySelector('canvas').dataset.glyph,"
        " e.querySelector('canvas').toDataURL(), e.textContent])")
    marks = {r[0]: r for r in rows}
    assert [r[0] for r in rows] == ["hybrid", "intermediary", "both", "group"]
    assert [marks[m][1] for m in ("hybrid", "intermediary", "both")] == ["ring", "star", "ring+star"]
    assert len({r[2] for r in rows}) == 4  # four different drawings
    assert "ring" in marks["hybrid"][3] and "star" in marks["intermediary"][3]
    assert_clean(chromium_page, url)


def test_antony_legend_one_row_per_relation_drawn_in_its_style(chromium_page, antony, tmp_path):
    G, table = antony
    url = open_antony(chromium_page, tmp_path, G, table)
    page = chromium_page.page
    rows = page.eval_on_selector_all(
        "#legend-relations label",
        "els => els.map(e => [e.querySelector('input').dataset.relation, e.querySelector('.name').textContent,"
        " e.querySelector('canvas').dataset.color, e.querySelector('canvas').dataset.dashes,"
        " Number(e.querySelector('.count').textContent)])")
    drawn = page.evaluate(
        "network.body.data.edges.get().map((e, i) => [alliancesMap.data.edge_info[i].rkey, e.color,"
        " JSON.stringify(e.dashes || [])])")
    # exactly the relations drawn: 82 collaboration, 58 information, 11 trust, 3 funding, 2 conflict,
    # and the negative mention in the negative row
    assert [(r[1], r[4]) for r in rows] == [
        ("collaboration →", 82), ("information →", 58), ("funding →", 3), ("trust →", 11),
        ("conflict →", 2), ("negative tie (other relations) →", 1)]
    assert sum(r[4] for r in rows) == len(drawn) == 157
    for key, colour, dashes, _name, _count in [(r[0], r[2], r[3], r[1], r[4]) for r in rows]:
        looks = {(c, d) for k, c, d in drawn if k == key}
        assert looks == {(colour, dashes)}, key  # every tie of the row drawn as the row shows it
    assert len({r[2] for r in rows}) == len(rows) and len({r[3] for r in rows}) == len(rows)
    assert_clean(chromium_page, url)


def _english_messages():
    from alliances.maps.text import MESSAGES, ui_texts

    fr = ui_texts("fr")
    return [m for m in MESSAGES if fr[m] != m]


#: every text of the map page outside the data (names, reasons, quotes), every attribute a user
#: meets, and the tooltips
FRENCH_MAP_TEXTS_JS = """() => {
      const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const n = walk.currentNode, p = n.parentElement;
        if (p.closest('script, .why, .quote, .link, #map-title') || !n.textContent.trim()) { continue; }
        out.push(n.textContent.trim());
      }
      document.querySelectorAll('[placeholder], [aria-label], [title]').forEach(e => {
        ['placeholder', 'aria-label', 'title'].forEach(a => { if (e.getAttribute(a)) { out.push(e.getAttribute(a)); } });
      });
      network.body.data.nodes.get().concat(network.body.data.edges.get()).forEach(x => {
        x.title.querySelectorAll('div, b').forEach(d => { if (!d.classList.contains('reason')) { out.push(d.textContent); } });
      });
      return out;
    }"""


def english_left(texts):
    """(message, text) for every English interface message found in ``texts``."""
    import re

    english = []
    for message in _english_messages():
        pattern = re.compile("(^|[^\\w])" + re.escape(message).replace(r"\{", "{").replace(r"\}", "}")
                             .replace("{n}", r"[\d,. ]+").replace("{name}", ".+").replace("{label}", ".+")
                             .replace("{total}", r"[\d,. ]+").replace("{m}", r"[\d,. ]+") + "($|[^\\w])")
        english += [(message, t) for t in texts if pattern.search(t)]
    return english


def test_antony_french_interface_has_no_english_left(chromium_page, antony, tmp_path):
    G, table = antony
    url = open_antony(chromium_page, tmp_path, G, table, lang="fr", introductions=True)
    page = chromium_page.page
    page.check("#intro-toggle")
    page.evaluate(f"alliancesMap.focus({ANTONY_BOTH!r})")
    page.fill("#search", "zzz")
    page.press("#search", "Enter")
    assert page.evaluate("document.documentElement.lang") == "fr"
    # every text of the page outside the data (names, reasons, quotes), every attribute a user meets,
    # and the tooltips
    texts = page.evaluate(FRENCH_MAP_TEXTS_JS)
    assert len(texts) > 200
    assert english_left(texts) == []
    expected = {"Secteurs", "Liens", "Marques", "Groupe", "tous", "physique", "Recadrer",
                "mises en relation suggérées", "Pourquoi cet acteur", "aucun acteur trouvé",
                "collectivité / acteur public", "intermédiaire de confiance : étoile noire",
                "lien négatif (autres relations) →", "financement →", "confiance →", "Fermer"}
    assert expected <= set(texts)
    assert page.get_attribute("#search", "placeholder") == "Chercher un acteur…"
    assert any(t.startswith("Liens (") for t in texts) and any(t.startswith("Mondes : ") for t in texts)
    assert_clean(chromium_page, url)


@pytest.mark.parametrize("name", [n for n in __import__("alliances").samples.names()
                                  if n != "antony-velo"])
def test_every_other_samples_french_map_has_no_english_left(chromium_page, tmp_path, name):
    """The same check on the other samples' French maps, their most important actor focused."""
    import warnings

    import alliances

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.samples.load(name)
        table = alliances.actor_table(G, seed=0)
    url = open_antony(chromium_page, tmp_path, G, table, name=f"{name}.html", lang="fr",
                      introductions=True)
    page = chromium_page.page
    page.check("#intro-toggle")
    page.evaluate(f"alliancesMap.focus({str(table['key_score'].idxmax())!r})")
    assert page.evaluate("document.documentElement.lang") == "fr"
    texts = page.evaluate(FRENCH_MAP_TEXTS_JS)
    assert len(texts) > 100
    assert english_left(texts) == []
    assert {"Secteurs", "Liens", "Recadrer", "Fermer"} <= set(texts)
    assert_clean(chromium_page, url)
    # the check sees English when it is there: the same sample's English map
    open_antony(chromium_page, tmp_path, G, table, name=f"{name}-en.html", lang="en")
    assert english_left(chromium_page.page.evaluate(FRENCH_MAP_TEXTS_JS)) != []


def test_antony_explain_panel_on_click(chromium_page, antony, tmp_path):
    G, table = antony
    url = open_antony(chromium_page, tmp_path, G, table)
    page = chromium_page.page
    box = page.locator("#mynetwork").bounding_box()
    dom = page.evaluate(f"network.canvasToDOM(network.getPositions([{ANTONY_BOTH!r}])[{ANTONY_BOTH!r}])")
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
    assert page.evaluate("network.getSelectedNodes()") == [ANTONY_BOTH]
    assert page.text_content("#details h3") == "Mission vélo de la Ville d'Antony"
    assert page.text_content("#details .marks") == "hybrid actor · trusted intermediary"
    assert page.text_content("#details .why") == table.loc[ANTONY_BOTH, "reason"]
    assert page.text_content("#details .worlds") == (
        "Worlds: association / social economy, company, public authority, citizen / informal group, "
        "research / education")
    ties = page.eval_on_selector_all("#details ul.ties > li", "els => els.map(e => e.textContent)")
    n_ties = sum(1 for u, v in G.to_undirected(as_view=False).edges() if ANTONY_BOTH in (u, v))
    assert len(ties) == G.degree(ANTONY_BOTH) and n_ties > 0
    with_trust = [t for t in ties if ", trust " in t]
    trusted = [d for _, _, d in G.in_edges(ANTONY_BOTH, data=True) if d.get("trust") is not None]
    assert len(with_trust) >= len(trusted) > 0
    quotes = page.eval_on_selector_all("#details ul.ties .quote", "els => els.map(e => e.textContent)")
    assert "“Le travail avec Mission vélo de la Ville d'Antony a changé notre façon de voir les choses.”" in quotes
    # with the neighbourhood highlighted and the panel open, the labels are still apart, at one size
    page.wait_for_timeout(400)
    boxes = page.evaluate(LABEL_BOXES_JS)
    assert boxes and overlapping(boxes) == []
    sizes = page.evaluate("network.body.data.nodes.get().map(n => network.body.nodes[n.id].options.font.size)")
    assert len(set(sizes)) == 1 and sizes[0] == pytest.approx(13 / page.evaluate("network.getScale()"))
    assert_clean(chromium_page, url)


def test_antony_export_png_and_svg_offline(chromium_page, antony, tmp_path):
    import xml.etree.ElementTree as ET

    G, table = antony
    url = open_antony(chromium_page, tmp_path, G, table)
    page = chromium_page.page
    with page.expect_download() as png:
        page.click("#export-png")
    assert png.value.suggested_filename == "antony-bicycle-committee.png"
    data = (tmp_path / "map.png")
    png.value.save_as(data)
    assert data.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and data.stat().st_size > 20_000
    with page.expect_download() as svg:
        page.click("#export-svg")
    assert svg.value.suggested_filename == "antony-bicycle-committee.svg"
    svg.value.save_as(tmp_path / "map.svg")
    root = ET.parse(tmp_path / "map.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Antony bicycle committee"
    shapes = root.findall(f"{ns}circle") + root.findall(f"{ns}polygon")
    stars = [p for p in root.findall(f"{ns}polygon") if len(p.get("points").split()) == 10]
    assert len(shapes) - len(stars) == 51 and len(stars) == 1
    texts = [t.text for t in root.findall(f"{ns}text") if t.get("class") != "caption"]
    shown = page.evaluate("Object.keys(alliancesMap.labelShown).filter(id => alliancesMap.labelShown[id]).length")
    assert len(texts) == shown and "Mission vélo de la Ville d'Antony" in texts
    # the separate groups: their dashed outlines and captions
    captions = [t.text for t in root.findall(f"{ns}text") if t.get("class") == "caption"]
    assert captions == ["separate group (4 actors)"] * 2
    assert len([r for r in root.findall(f"{ns}rect") if r.get("stroke-dasharray")]) == 2
    lines = root.findall(f"{ns}line")
    assert len(lines) == 157
    assert_clean(chromium_page, url)  # the downloads are data: URLs, no request


def test_antony_hidden_label_shows_on_hover(chromium_page, antony, tmp_path):
    G, table = antony
    url = open_antony(chromium_page, tmp_path, G, table)
    page = chromium_page.page
    hidden = page.evaluate("Object.keys(alliancesMap.labelShown).filter(id => !alliancesMap.labelShown[id])"
                           ".filter(id => network.body.nodes[id].options.size >= 12).sort()")
    assert hidden
    ink_js = """(id) => {
      const s = network.body.nodes[id].labelModule.size, c = network.canvas.frame.canvas, r = window.devicePixelRatio || 1;
      const a = network.canvasToDOM({x: s.left, y: s.top}), b = network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
      const px = c.getContext('2d').getImageData(Math.round(a.x * r), Math.round(a.y * r),
                                                  Math.max(1, Math.round((b.x - a.x) * r)), Math.max(1, Math.round((b.y - a.y) * r))).data;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) { if (px[i + 3] > 200 && Math.max(px[i], px[i + 1], px[i + 2]) < 60) { dark++; } }
      return dark;
    }"""
    # the hidden label over the least ink already drawn (ties, other labels), where its letters show best
    before, node_id = min((page.evaluate(ink_js, h), h) for h in hidden)
    box = page.locator("#mynetwork").bounding_box()
    dom = page.evaluate(f"network.canvasToDOM(network.getPositions([{node_id!r}])[{node_id!r}])")
    page.mouse.move(box["x"] + dom["x"], box["y"] + dom["y"])
    page.wait_for_timeout(400)
    after = page.evaluate(ink_js, node_id)
    assert after > before + 20, (node_id, before, after)  # the letters are drawn
    assert_clean(chromium_page, url)


# --------------------------------------------------------------------------- separate groups' captions (issue 16)

CAPTION_BOXES_JS = "alliancesMap.captionBoxes()"
VIEW_JS = """() => {
  const c = document.getElementById('mynetwork'), a = network.DOMtoCanvas({x: 0, y: 0});
  const b = network.DOMtoCanvas({x: c.clientWidth, y: c.clientHeight});
  return {left: a.x, top: a.y, width: b.x - a.x, height: b.y - a.y};
}"""
CAPTION_INK_JS = """(box) => {
  const c = network.canvas.frame.canvas, r = window.devicePixelRatio || 1;
  const a = network.canvasToDOM({x: box.left, y: box.top}), b = network.canvasToDOM({x: box.left + box.width, y: box.top + box.height});
  const px = c.getContext('2d').getImageData(Math.round(a.x * r), Math.round(a.y * r),
                                              Math.round((b.x - a.x) * r), Math.round((b.y - a.y) * r)).data;
  let ink = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3] > 200 && Math.abs(px[i] - px[i + 1]) < 8 && Math.abs(px[i] - px[i + 2]) < 8 && px[i] < 140) { ink++; }
  }
  return ink;
}"""


def settled(frame):
    """The map's frame once drawn and its labels placed again after any resize (120 ms debounce)."""
    frame.wait_for_function("window.network !== undefined && window.alliancesMap !== undefined", timeout=20_000)
    frame.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))")
    frame.wait_for_timeout(400)
    frame.evaluate("new Promise(r => requestAnimationFrame(() => r(1)))")


def inside(box, view):
    return (box["left"] >= view["left"] and box["top"] >= view["top"]
            and box["left"] + box["width"] <= view["left"] + view["width"]
            and box["top"] + box["height"] <= view["top"] + view["height"])


def check_captions(frame, labels_expected: set[str], caption: str):
    """Labels and captions apart, every caption inside the view, drawn, and the legend note hidden."""
    labels = frame.evaluate(LABEL_BOXES_JS)
    captions = frame.evaluate(CAPTION_BOXES_JS)
    assert [c["label"] for c in captions] == [caption, caption]  # the sample's two groups of 4
    boxes = labels + [dict(c, id=f"caption {c['group']}") for c in captions]
    assert overlapping(boxes) == []
    view = frame.evaluate(VIEW_JS)
    assert all(inside(c, view) for c in captions), (captions, view)
    # no label cut off at the edge of the initial view
    assert [b["id"] for b in labels if not inside(b, view)] == []
    # what captionBoxes reports is where the caption is drawn: grey letters in the box
    assert all(frame.evaluate(CAPTION_INK_JS, c) > 40 for c in captions)
    assert frame.is_hidden("#legend-captions")
    assert labels_expected <= {b["id"] for b in labels}
    return labels, captions


@pytest.fixture(scope="module")
def antony_reports(antony, tmp_path_factory):
    import warnings

    from alliances.report import html_report

    G, table = antony
    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for lang in ("en", "fr"):
            paths[lang] = folder / f"report-{lang}.html"
            paths[lang].write_text(html_report(G, table=table, lang=lang), encoding="utf-8")
    return paths


ANTONY_CAPTION = {"en": "separate group (4 actors)", "fr": "groupe à part (4 acteurs)"}
ANTONY_MUST = {ANTONY_BOTH, "boucherie-pajeaud", "club-des-retraites-de-la-croix-de-berny"}


@pytest.mark.parametrize("width", [800, 1100])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_antony_report_map_captions_clear_of_labels(chromium_page, antony_reports, lang, width):
    """The report's map is narrower than the stand-alone one (about 390 px of canvas in a
    1,100 px window, beside the findings): the captions of the separate groups find a spot
    clear of the actors' labels and of each other, inside the view (issue 16)."""
    page = chromium_page.page
    page.set_viewport_size({"width": width, "height": 800})
    url = antony_reports[lang].resolve().as_uri()
    page.goto(url)
    page.wait_for_selector("iframe.map")
    frame = next(f for f in page.frames if f is not page.main_frame and f.url == "about:srcdoc")
    settled(frame)
    canvas = frame.evaluate("[document.getElementById('mynetwork').clientWidth, network.getScale()]")
    assert canvas[0] < 520 and canvas[1] < 0.45  # narrow and zoomed out: where captions used to collide
    labels, _ = check_captions(frame, ANTONY_MUST, ANTONY_CAPTION[lang])
    assert len(labels) >= 8
    assert chromium_page.console_errors == [] and chromium_page.page_errors == []
    assert chromium_page.requests == [url]


@pytest.mark.parametrize(("width", "lang"), [(800, "fr"), (1400, "en")])
def test_antony_map_captions_clear_of_labels(chromium_page, antony, tmp_path, width, lang):
    G, table = antony
    chromium_page.page.set_viewport_size({"width": width, "height": 800})
    url = open_antony(chromium_page, tmp_path, G, table, lang=lang)
    page = chromium_page.page
    settled(page.main_frame)
    check_captions(page.main_frame, ANTONY_MUST, ANTONY_CAPTION[lang])
    # the SVG export draws the outlines and the captions where the canvas does
    svg = page.evaluate("alliancesMap.svgText()")
    assert svg.count('stroke-dasharray="') >= 2 and svg.count(f'class="caption">{ANTONY_CAPTION[lang]}</text>') == 2
    assert_clean(chromium_page, url)


def _pairs_graph(pairs: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(12):
        G.add_edge("hub", f"m{i:02d}", relation="collaboration")
    for k in range(pairs):
        G.add_edge(f"p{k:02d}a", f"p{k:02d}b", relation="collaboration")
    for n in G.nodes:
        G.nodes[n].update(label=n, sector="public")
    return G


def test_captions_without_room_are_hidden_and_the_legend_says_so(chromium_page, tmp_path):
    """Thirty groups of two stacked in columns: no room for every caption at the initial view."""
    G = _pairs_graph(30)
    path = interactive_map(G, lang="fr").save(tmp_path / "pairs.html")
    chromium_page.page.set_viewport_size({"width": 800, "height": 700})
    url = open_map(chromium_page, path)
    page = chromium_page.page
    settled(page.main_frame)
    captions = page.evaluate(CAPTION_BOXES_JS)
    assert 0 < len(captions) < 30
    boxes = page.evaluate(LABEL_BOXES_JS) + [dict(c, id=f"caption {c['group']}") for c in captions]
    assert overlapping(boxes) == []
    # nor over an actor
    dots = page.evaluate("network.body.data.nodes.getIds().map(id => { const n = network.body.nodes[id];"
                         " return {id: id, left: n.x - n.options.size, top: n.y - n.options.size,"
                         " width: 2 * n.options.size, height: 2 * n.options.size}; })")
    assert [pair for pair in overlapping(dots + boxes) if pair[0] in G and pair[1].startswith("caption")] == []
    assert page.is_visible("#legend-captions")
    assert page.text_content("#legend-captions") == (
        "Faute de place, le titre de certains groupes à part est masqué : zoomez pour le lire.")
    # zooming in on a group left without its caption shows it
    shown = {c["group"] for c in captions}
    hidden = next(gi for gi in range(30) if gi not in shown)
    member = page.evaluate(f"alliancesMap.data.groups[{hidden}].members[0]")
    page.evaluate(f"network.moveTo({{position: network.getPositions([{member!r}])[{member!r}], scale: 1.5}})")
    page.evaluate("alliancesMap.placeLabels()")
    assert hidden in {c["group"] for c in page.evaluate(CAPTION_BOXES_JS)}
    assert_clean(chromium_page, url)
