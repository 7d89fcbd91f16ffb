"""The "Places and events" section of the HTML report (issue 15, item 4)."""

from __future__ import annotations

import csv
import html
import re
import warnings
from collections import Counter

import networkx as nx
import pytest
from tests.conftest import XSS_PAYLOADS

import alliances
from alliances import samples
from alliances.report import html_report


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def section(page: str, anchor: str = "events") -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start:page.index("</section>", start)]


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


@pytest.fixture(scope="module")
def morteau():
    return samples.load("morteau-reemploi")


@pytest.fixture(scope="module")
def morteau_page(morteau):
    return _quiet(html_report, morteau, map=False)


def _participations(path):
    """Event name -> participants, read from the sample's CSV by hand."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    out: dict[str, set[str]] = {}
    for row in rows[1:]:
        out.setdefault(row[1], set()).add(row[0])
    return out


def test_events_section_counts_from_the_csv(morteau, morteau_page):
    by_hand = _participations(samples.path("morteau-reemploi") / "affiliations.csv")
    body = text(section(morteau_page))
    n, p = len(by_hand), sum(len(v) for v in by_hand.values())
    assert (n, p) == (7, 39)
    assert f"{n} events, {p} participations." in body
    assert "Places and events" in text(morteau_page)
    assert '<a href="#events">Places and events</a>' in morteau_page.split("</nav>", 1)[0]
    for name in by_hand:
        assert html.escape(name, quote=True) in section(morteau_page)


def test_diversity_by_hand(morteau, morteau_page):
    # Défi jeunes zéro déchet: citizen 2, association 1, intermediary 1, research 1
    rec = morteau.graph["events"]["Défi jeunes zéro déchet"]
    worlds = Counter(morteau.nodes[p]["sector"] for p in rec["participants"])
    assert sorted(worlds.values()) == [1, 1, 1, 2]
    blau = 1 - sum(c * c for c in worlds.values()) / sum(worlds.values()) ** 2
    assert blau == pytest.approx(0.72)
    row = re.search(r"<tr><th>Défi jeunes zéro déchet</th>(.*?)</tr>", section(morteau_page)).group(1)
    cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    # label, event_type, date, place_type, participants, worlds, diversity, diversity_z, reason
    assert cells[:7] == ["Défi jeunes zéro déchet", "action jeunes", "2024-11-05", "", "5", "4", "0.72"]
    table = alliances.events(morteau)
    z = table.loc["Défi jeunes zéro déchet", "diversity_z"]
    assert cells[7] == f"{z:.3f}".rstrip("0").rstrip(".")
    assert z == table["diversity_z"].max()
    body = text(section(morteau_page))
    assert f"Défi jeunes zéro déchet (4 worlds, z = {z:+.1f})" in body
    assert cells[8] == table.loc["Défi jeunes zéro déchet", "reason"]


def test_places_summary(morteau, morteau_page):
    places = alliances.places(morteau)
    body = section(morteau_page)
    assert "<h3>Places</h3>" in body
    for idx, row in places.iterrows():
        assert f"<tr><th>{html.escape(str(idx))}</th><td class=\"num\">{int(row['events'])}</td>" \
               f"<td class=\"num\">{int(row['participations'])}</td>" in body
    assert int(places["participations"].sum()) == 39


def test_french_headings_and_sentences(morteau):
    page = _quiet(html_report, morteau, map=False, lang="fr")
    body = text(section(page))
    assert "Lieux et événements" in body
    assert "7 événements, 39 participations." in body
    assert "L'événement qui a le plus mêlé les mondes par rapport au hasard : Défi jeunes zéro déchet" in body
    assert "Places and events" not in body and "Lieux</h3>" in section(page)


def test_no_section_without_events(morteau):
    H = morteau.copy()
    del H.graph["events"]
    page = _quiet(html_report, H, map=False)
    assert 'id="events"' not in page and "Places and events" not in page


def test_deterministic(morteau, morteau_page):
    assert _quiet(html_report, morteau, map=False) == morteau_page


def test_hostile_event_names_escaped():
    G = nx.MultiDiGraph()
    for node, sector in (("a", "public"), ("b", "company"), ("c", "association")):
        G.add_node(node, label=node.upper(), sector=sector)
    G.add_edge("a", "b", key="collaboration", relation="collaboration")
    events = {}
    for i, payload in enumerate(XSS_PAYLOADS):
        events[payload] = {"event_type": payload, "date": payload, "place": payload,
                           "location": None, "place_type": None,
                           "participants": ("a", "b", "c")[: 2 + i % 2]}
    G.graph["events"] = events
    page = _quiet(html_report, G, map=True)
    body = section(page)
    for payload in XSS_PAYLOADS:
        assert html.escape(payload, quote=True) in body
        if "<" in payload:
            assert payload not in page
    assert "<script" not in page.lower().replace("&lt;script", "")


def test_pseudonymised_report_names_no_participant():
    G = samples.load("morteau-reemploi")
    G.add_node("jeanne-dupont", label="Jeanne Dupont", kind="person", sector="citizen")
    rec = G.graph["events"]["Bourse aux matériaux"]
    G.graph["events"]["Bourse aux matériaux"] = {**rec, "participants": (*rec["participants"], "jeanne-dupont")}
    assert "Jeanne Dupont" in _quiet(html_report, G, map=False)
    for with_map in (False, True):
        page = _quiet(html_report, G, map=with_map, pseudonymize="a test key of more than sixteen bytes")
        assert "7 events," in text(section(page))
        assert "jeanne" not in page.lower() and "dupont" not in page.lower()


# --------------------------------------------------------------------------- waves


@pytest.fixture(scope="module")
def chevreuse():
    w1 = samples.load("chevreuse-sprint")
    w2 = samples.load("chevreuse-sprint", wave=2)
    return w1, w2


def test_co_participation_effect_in_the_report(chevreuse):
    w1, w2 = chevreuse
    waves = _quiet(alliances.compare, w1, w2, labels=("2024", "2025"))
    page = _quiet(html_report, w2, map=False, waves=waves, co_participation=(w1, w2, w2))
    body = section(page)
    effect = alliances.co_participation_effect(w1, w2, w2)
    assert "<h3>Co-participation effect</h3>" in body
    assert "between the waves 2024 and 2025" in text(body)
    allrow = effect.loc["all"]
    assert html.escape(allrow["reason"], quote=True) in body
    row = re.search(r"<tr><th>all</th>(.*?)</tr>", body).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert [int(cells[0]), int(cells[1]), int(cells[3]), int(cells[4])] == [
        allrow["pairs_together"], allrow["new_ties_together"], allrow["pairs_comparable"],
        allrow["new_ties_comparable"]]
    # the new ties are real: absent in wave 1, present in wave 2, between co-participants
    new = effect.attrs["new_ties"]
    assert len(new) == allrow["new_ties_together"] > 0
    assert "<h3>New ties among co-participants</h3>" in body
    first = new.iloc[0]
    assert not w1.has_edge(first["source"], first["target"]) and not w1.has_edge(first["target"], first["source"])
    assert w2.has_edge(first["source"], first["target"]) or w2.has_edge(first["target"], first["source"])
    # the precomputed table gives the same section
    again = _quiet(html_report, w2, map=False, waves=waves, co_participation=effect)
    assert section(again) == body
    # places by kind of venue: the three kinds of the sample
    places = alliances.places(w2)
    assert set(places.index) == {"third place", "institutional", "online"}
    for kind in places.index:
        assert f"<tr><th>{html.escape(kind)}</th>" in body


def test_co_participation_refused_with_pseudonymize(chevreuse):
    w1, w2 = chevreuse
    with pytest.raises(ValueError, match="co_participation= cannot be combined with pseudonymize="):
        html_report(w2, map=False, co_participation=(w1, w2, w2),
                    pseudonymize="a test key of more than sixteen bytes")
    with pytest.raises(TypeError, match="co_participation= takes"):
        _quiet(html_report, w2, map=False, co_participation=[w1, w2])


def test_french_events_section_holds_no_english(chevreuse):
    """Issue 16: the events, places and co-participation sentences and codes of a French report are French."""
    from tests.test_i18n import data_strings, english_words, page_chrome, strip

    w1, w2 = chevreuse
    waves = _quiet(alliances.compare, w1, w2, labels=("2024", "2025"), lang="fr")
    fr = section(_quiet(html_report, w2, map=False, waves=waves, co_participation=(w1, w2, w2), lang="fr"))
    en = section(_quiet(html_report, w2, map=False, waves=waves, co_participation=(w1, w2, w2)))
    data = data_strings(w2)
    assert english_words(strip(page_chrome(fr), data)) == [], page_chrome(fr)
    assert {"the", "events"} <= set(english_words(strip(page_chrome(en), data)))  # the check sees English
    effect = _quiet(alliances.co_participation_effect, w1, w2, w2, lang="fr")
    assert html.escape(effect.loc["all", "reason"], quote=True) in fr
    places = _quiet(alliances.places, w2, lang="fr")
    for reason in places["reason"]:
        assert html.escape(reason, quote=True) in fr
    # the places table's rows: the kinds of venue in French, the codes in English
    for kind, name in [("third place", "tiers-lieu"), ("institutional", "lieu institutionnel"),
                       ("online", "en ligne")]:
        assert f"<tr><th>{name}</th>" in fr and f"<tr><th>{html.escape(kind)}</th>" in en
