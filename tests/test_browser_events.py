"""The two-mode view of the map (actors and events) in a real headless Chromium (issue 15)."""

from __future__ import annotations

import hashlib

import networkx as nx
import pytest
from tests.conftest import XSS_PAYLOADS

from alliances.maps.interactive import interactive_map

FLAGS_JS = "Object.keys(window).filter(k => k.startsWith('__'))"


def event_graph(names=None):
    """Five actors of four worlds, four events of three types (one hostile name per payload)."""
    G = nx.MultiDiGraph(name="Events test")
    for node, sector in (("mairie", "public"), ("velo", "association"), ("garage", "company"),
                         ("labo", "research"), ("cafe", "association")):
        G.add_node(node, label=node.capitalize(), sector=sector, kind="organisation")
    G.add_edge("mairie", "velo", key="funding", relation="funding", weight=1.0)
    G.add_edge("garage", "labo", key="collaboration", relation="collaboration", weight=1.0)
    events = {
        "Atelier réparation": {"event_type": "workshop", "date": "2026-03-05", "place": "Tiers-lieu",
                               "location": None, "place_type": "third place",
                               "participants": ("velo", "garage", "labo", "mairie")},
        "Comité de pilotage": {"event_type": "committee", "date": "2026-01-10", "place": "Mairie",
                               "location": None, "place_type": "institutional",
                               "participants": ("mairie", "velo")},
        "Second atelier": {"event_type": "workshop", "date": "2026-06-01", "place": None,
                           "location": None, "place_type": None, "participants": ("cafe", "labo")},
        "Fête du vélo": {"event_type": "festival", "date": "début juin", "place": None,
                         "location": None, "place_type": None,
                         "participants": ("mairie", "velo", "garage", "cafe")},
    }
    for i, payload in enumerate(names or ()):
        events[payload] = {"event_type": payload if i % 2 else "meeting", "date": payload,
                           "place": payload, "location": payload, "place_type": None,
                           "participants": ("mairie", "labo")}
    G.graph["events"] = events
    for v in G:
        G.nodes[v]["events"] = tuple(sorted(n for n, r in events.items() if v in r["participants"]))
    return G


def open_map(record, path):
    url = path.resolve().as_uri()
    record.page.goto(url)
    record.page.wait_for_function("window.alliancesMap !== undefined && window.alliancesMap.events !== undefined",
                                  timeout=20_000)
    return url


def assert_clean(record, url):
    assert record.external_requests(url) == []
    assert record.requests == [url]
    assert record.console_errors == []
    assert record.page_errors == []


def shown_events(page):
    return page.evaluate(
        "network.body.data.nodes.get({filter: n => n.id.startsWith('event:') && !n.hidden})"
        ".map(n => n.label).sort()")


@pytest.fixture
def opened(chromium_page, tmp_path):
    G = event_graph()
    path = interactive_map(G, table=False).save(tmp_path / "events.html")
    return chromium_page, open_map(chromium_page, path), G


def test_actor_view_by_default_then_toggle(opened):
    record, url, G = opened
    page = record.page
    assert page.input_value("#mode-select") == "actors"
    assert page.evaluate("network.body.data.nodes.length") == 5
    assert page.evaluate("network.body.data.edges.length") == 2
    assert page.is_hidden("#events-box")
    page.select_option("#mode-select", "events")
    assert page.evaluate("network.body.data.nodes.length") == 9
    shapes = page.evaluate("network.body.data.nodes.get({filter: n => n.id.startsWith('event:')})"
                           ".map(n => [n.label, n.shape, n.size])")
    assert sorted(s[0] for s in shapes) == sorted(G.graph["events"])
    assert {s[1] for s in shapes} == {"square"}
    size = {label: s for label, _, s in shapes}
    # four worlds at the workshop, three at the festival, two at the committee: the workshop is drawn larger
    assert size["Atelier réparation"] > size["Fête du vélo"] > size["Comité de pilotage"]
    participations = page.evaluate("network.body.data.edges.get({filter: e => e.from.startsWith('event:')}).length")
    assert participations == 12
    assert page.is_visible("#events-box")
    assert page.text_content("#events-count") == "4 of 4 events shown"
    page.select_option("#mode-select", "actors")
    assert page.evaluate("network.body.data.nodes.length") == 5
    assert page.evaluate("network.body.data.edges.length") == 2
    assert_clean(record, url)


def test_filter_by_type_and_date(opened):
    record, url, _ = opened
    page = record.page
    page.select_option("#mode-select", "events")
    page.uncheck("#legend-events input[data-etype='t1']")  # types sorted: committee, festival, workshop
    assert shown_events(page) == ["Atelier réparation", "Comité de pilotage", "Second atelier"]
    page.uncheck("#legend-events input[data-etype='t2']")
    assert shown_events(page) == ["Comité de pilotage"]
    hidden_lines = page.evaluate("network.body.data.edges.get({filter: e => e.from.startsWith('event:') && !e.hidden}).length")
    assert hidden_lines == 2
    page.check("#legend-events input[data-etype='t1']")
    page.check("#legend-events input[data-etype='t2']")
    page.fill("#event-from", "2026-02-01")
    page.fill("#event-to", "2026-05-01")
    # the festival's date is not a date: hidden once a date range is set
    assert shown_events(page) == ["Atelier réparation"]
    page.fill("#event-from", "")
    page.fill("#event-to", "")
    assert len(shown_events(page)) == 4
    assert_clean(record, url)


def test_click_event_and_actor_panels(opened):
    record, url, _ = opened
    page = record.page
    page.select_option("#mode-select", "events")
    event_id = page.evaluate("Object.keys(alliancesMap.events.info).find("
                             "k => alliancesMap.events.info[k].name === 'Atelier réparation')")
    page.evaluate(f"alliancesMap.events.focusEvent({event_id!r})")
    assert page.text_content("#details h3") == "Atelier réparation"
    assert page.eval_on_selector_all("#details ul.participants button", "els => els.map(e => e.textContent)") == [
        "Velo", "Garage", "Labo", "Mairie"]
    page.click("#details ul.participants button >> nth=0")
    assert page.text_content("#details h3") == "Velo"
    events = page.eval_on_selector_all("#details ul.events button", "els => els.map(e => e.textContent)")
    assert sorted(events) == ["Atelier réparation", "Comité de pilotage", "Fête du vélo"]
    # a real click on an event square and on an actor: the map's own handlers raise nothing
    for node in (event_id, "labo"):
        xy = page.evaluate(f"network.canvasToDOM(network.getPosition({node!r}))")
        box = page.query_selector("#mynetwork canvas").bounding_box()
        page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
        assert page.evaluate("network.getSelectedNodes()") == [node]
    assert page.text_content("#details h3") == "Labo"
    page.mouse.click(5, 790)
    assert_clean(record, url)


def test_hostile_event_names_are_text(chromium_page, tmp_path):
    G = event_graph(XSS_PAYLOADS)
    html = interactive_map(G, table=False).to_html()
    for payload in XSS_PAYLOADS:
        if "<" in payload:
            assert payload not in html
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    url = open_map(chromium_page, path)
    page = chromium_page.page
    page.select_option("#mode-select", "events")
    labels = page.evaluate("network.body.data.nodes.get({filter: n => n.id.startsWith('event:')}).map(n => n.label)")
    assert set(XSS_PAYLOADS) <= set(labels)
    types = page.eval_on_selector_all("#legend-events .name", "els => els.map(e => e.textContent)")
    assert {p for i, p in enumerate(XSS_PAYLOADS) if i % 2} <= set(types)
    for payload in XSS_PAYLOADS[:6]:
        event_id = page.evaluate("(name) => Object.keys(alliancesMap.events.info).find("
                                 "k => alliancesMap.events.info[k].name === name)", payload)
        page.evaluate(f"alliancesMap.events.focusEvent({event_id!r})")
        assert page.text_content("#details h3") == payload
    page.wait_for_timeout(200)
    assert page.evaluate(FLAGS_JS) == []
    assert_clean(chromium_page, url)


def test_deterministic_and_unchanged_without_events():
    G = event_graph()
    one = interactive_map(G, table=False).to_html()
    two = interactive_map(event_graph(), table=False).to_html()
    assert one == two
    H = event_graph()
    del H.graph["events"]
    plain = interactive_map(H, table=False).to_html()
    assert "mode-select" not in plain and "events-box" not in plain
    assert "mode-select" not in interactive_map(G, table=False, events=False).to_html()
    assert hashlib.sha256(plain.encode()).hexdigest() == hashlib.sha256(
        interactive_map(H, table=False).to_html().encode()).hexdigest()


def test_sample_with_events_table(chromium_page, tmp_path):
    import alliances

    G = alliances.samples.load("morteau-reemploi")
    table = alliances.events(G)
    path = interactive_map(G, events=table, title="Morteau").save(tmp_path / "morteau.html")
    url = open_map(chromium_page, path)
    page = chromium_page.page
    assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes()
    page.select_option("#mode-select", "events")
    assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes() + 7
    lines = page.evaluate("network.body.data.edges.get({filter: e => e.from.startsWith('event:')}).length")
    assert lines == sum(len(r["participants"]) for r in G.graph["events"].values()) == 39
    event_id = page.evaluate("Object.keys(alliancesMap.events.info).find("
                             "k => alliancesMap.events.info[k].name === 'Défi jeunes zéro déchet')")
    page.evaluate(f"alliancesMap.events.focusEvent({event_id!r})")
    panel = page.text_content("#details")
    z = table.loc["Défi jeunes zéro déchet", "diversity_z"]
    assert f"Diversity: 0.72 (z {z:.2f})" in panel
    assert "4 worlds" in panel and table.loc["Défi jeunes zéro déchet", "reason"] in panel
    # the sector filter hides the lines to the actors it hides
    page.uncheck("#legend-sectors input[data-sector='s0']")
    hidden_actor_lines = page.evaluate(
        "network.body.data.edges.get({filter: e => e.from.startsWith('event:') && !e.hidden"
        " && network.body.data.nodes.get(e.to).hidden}).length")
    assert hidden_actor_lines == 0
    assert_clean(chromium_page, url)


def test_report_map_has_the_events_view(chromium_page, tmp_path):
    import warnings

    import alliances
    from alliances.report import html_report

    G = alliances.samples.load("morteau-reemploi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page_html = html_report(G)
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    url = path.resolve().as_uri()
    page = chromium_page.page
    page.goto(url)
    frame = page.frame_locator("iframe.map")
    frame.locator("#mode-select").select_option("events")
    frame.locator("#events-count").wait_for()
    assert frame.locator("#events-count").text_content() == "7 of 7 events shown"
    assert chromium_page.console_errors == [] and chromium_page.page_errors == []


def test_events_view_in_french(chromium_page, tmp_path):
    """lang="fr": the events view's controls, legend, count and panel are French (issue 16)."""
    import re

    from alliances.maps.text import MESSAGES, ui_texts

    path = interactive_map(event_graph(), table=False, lang="fr").save(tmp_path / "events-fr.html")
    url = open_map(chromium_page, path)
    page = chromium_page.page
    page.select_option("#mode-select", "events")
    page.evaluate("alliancesMap.events.focusEvent('event:0')")
    assert page.text_content("#mode-box").startswith("Vue")
    assert page.eval_on_selector_all("#mode-select option", "els => els.map(e => e.textContent)") == [
        "Acteurs", "Acteurs et événements"]
    assert page.text_content("#events-box h2") == "Événements"
    assert page.text_content("#events-count") == "4 événements affichés sur 4"
    assert page.get_attribute("#event-from", "aria-label") == "événements à partir de cette date"
    panel = page.text_content("#details")
    assert "Participants (" in panel and "mondes" in panel
    texts = page.evaluate("""() => {
      const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) { if (!walk.currentNode.parentElement.closest('script') && walk.currentNode.textContent.trim()) {
        out.push(walk.currentNode.textContent.trim()); } }
      document.querySelectorAll('[aria-label]').forEach(e => out.push(e.getAttribute('aria-label')));
      return out;
    }""")
    fr = ui_texts("fr")
    english = []
    for message in (m for m in MESSAGES if fr[m] != m):
        pattern = "^" + re.escape(message).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{\w+\}", ".+", pattern) + "$"
        english += [(message, t) for t in texts if re.search(pattern, t)]
    assert english == []
    assert_clean(chromium_page, url)


def test_events_view_labels_never_overlap(opened):
    record, url, _ = opened
    page = record.page
    page.select_option("#mode-select", "events")
    page.wait_for_timeout(300)
    boxes = page.evaluate("""() => network.body.data.nodes.get().filter(n => !n.hidden && alliancesMap.labelShown[n.id])
      .map(n => { const s = network.body.nodes[n.id].labelModule.size;
                  return {id: n.id, left: s.left, top: s.top, width: s.width, height: s.height}; })""")
    ids = {b["id"] for b in boxes}
    assert any(i.startswith("event:") for i in ids) and any(not i.startswith("event:") for i in ids)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a["left"] < b["left"] + b["width"] and b["left"] < a["left"] + a["width"]
                        and a["top"] < b["top"] + b["height"] and b["top"] < a["top"] + a["height"]), (a, b)
    hidden = page.evaluate("network.body.data.nodes.get().filter(n => !alliancesMap.labelShown[n.id])"
                           ".map(n => network.body.nodes[n.id].options.font.color)")
    assert set(hidden) <= {"rgba(0,0,0,0)"}
    assert_clean(record, url)
