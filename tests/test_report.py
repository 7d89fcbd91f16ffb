"""The one-file HTML report: content, escaping, privacy, determinism, no network."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

from alliances.model import from_frames
from alliances.report import compute_tables, flat_frame, html_report, write_report

EVIL = "<img src=x onerror=alert(1)>"
EVIL_QUOTE = "</script><script>window.__y=1</script>"


def _graph(reverse: bool = False):
    """Two groups: a connected group of four worlds around EVIL, and an isolated pair."""
    actors = pd.DataFrame(
        {
            "label": [EVIL, "Mairie d'Antony", "Vélo & Co", "Labo \"Mobilités\"", "Isolé",
                      EVIL_QUOTE],
            "sector": ["association", "public", "company", "research", "citizen",
                       "<b>monde</b>"],
            "email": ["secret@example.org"] * 6,
            "notes": ["private note"] * 6,
        },
        index=pd.Index(["evil", "mairie", "velo", "labo", "isole", "quote"], name="id"),
    )
    ties = pd.DataFrame(
        {
            "source": ["evil", "mairie", "velo", "labo", "evil", "isole"],
            "target": ["mairie", "velo", "evil", "evil", "labo", "quote"],
            "relation": ["collaboration", "trust", "collaboration", "information", "trust",
                         "collaboration"],
            "trust": [None, 0.8, None, None, 1.0, None],
        }
    )
    if reverse:
        actors, ties = actors.iloc[::-1], ties.iloc[::-1].reset_index(drop=True)
    return from_frames(actors, ties)


def _report(G, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # data warnings (unknown sectors...) are not tested here
        return html_report(G, **kw)


def test_user_text_is_escaped_everywhere():
    G = _graph()

    class FakeReport:
        def __str__(self):
            return f"1 row skipped: {EVIL}"

    G.graph["import_report"] = FakeReport()
    page = _report(G, map=False, title=f"Titre {EVIL}")
    assert EVIL not in page
    assert EVIL_QUOTE not in page
    assert "<b>monde</b>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<title>Titre &lt;img src=x onerror=alert(1)&gt;</title>" in page
    assert "1 row skipped: &lt;img" in page
    # the only script-like tags in the page are none at all without the map
    assert "<script" not in page.lower()


def test_private_columns_never_shown():
    page = _report(_graph(), map=False)
    assert "secret@example.org" not in page
    assert "private note" not in page


def _section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start:page.index("</section>", start)]


def test_findings_name_hybrids_and_disconnected_groups():
    page = _report(_graph(), map=False)
    findings = _section(page, "findings")
    assert "<div><b>6</b>actors</div>" in findings
    assert "<div><b>6</b>ties</div>" in findings
    # components {evil, mairie, velo, labo} and {isole, quote}
    assert ("<li>The actors form 2 groups with no tie between them. Besides the main group of 4 "
            "actors: 1 group of 2 actors.</li>") in findings
    # evil's ties reach 4 worlds with its own (participation 2/3), but six actors cannot
    # show a balance beyond chance (issue 14: the flags are judged against a null model),
    # so the report says plainly that nobody stands out rather than naming a false hybrid
    assert "<li>No actor spans several worlds in these data.</li>" in findings
    # two ratings only (mairie -> velo 0.8, evil -> labo 1.0): nobody is trusted by 3 actors
    assert "<li>No trusted intermediary stands out in these data.</li>" in findings
    assert "<ul></ul>" not in findings
    # the questions: no curated table where nobody is flagged, the full measures still there
    hybrids = _section(page, "hybrids")
    assert 'class="curated"' not in hybrids and "<details><summary>All the measures (6 rows)" in hybrids
    groups = _section(page, "groups")
    assert "Every group below has no tie with the main group of 4 actors." in groups
    curated = groups.split('<table class="curated">', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", curated)
    # the main group is left out: the disconnected one is the news
    assert cells == ["2", "Isolé and &lt;/script&gt;&lt;script&gt;window.__y=1&lt;/script&gt;", "2",
                     "&lt;b&gt;monde&lt;/b&gt; 1, citizen / informal group 1"]
    assert re.findall(r"<th>(.*?)</th>", curated) == ["Group", "Members", "Size",
                                                      "Composition by world"]


def _table_rows(page: str, key: str) -> dict[str, dict[str, str]]:
    """The cells of one report table: actor id -> column -> text as shown."""
    import html as _html

    section = page.split(f'<section id="table-{key}">', 1)[1].split("</section>", 1)[0]
    head = [_html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", section.split("</thead>")[0])]
    rows = {}
    for body in re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>", 1)[1]):
        cells = [_html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body)]
        rows[cells[0]] = dict(zip(head, cells, strict=True))
    return rows


def test_actor_table_section_shows_hand_computed_measures():
    rows = _table_rows(_report(_graph(), map=False), "actors")
    evil, mairie = rows["evil"], rows["mairie"]
    # undirected ties evil-mairie, evil-velo, evil-labo, mairie-velo (+ isole-quote apart):
    # evil is on the labo-mairie and labo-velo paths, 2 of the C(5, 2) = 10 pairs of others
    assert (evil["degree"], evil["betweenness"], mairie["betweenness"]) == ("3", "0.2", "0")
    # Burt, strength z_ij + z_ji: evil: mairie 1, velo 1, labo 2 (both ways) -> p = 1/4, 1/4,
    # 1/2; mairie-velo tied (p = 1/2 from either side): 2 (1/4 + 1/4 * 1/2)^2 + (1/2)^2 = 17/32
    assert evil["constraint"] == "0.531"
    # mairie: evil 1, velo 1; evil-velo tied (p_velo,evil = 1/2, p_evil,velo = 1/4):
    # (1/2 + 1/4)^2 + (1/2 + 1/8)^2 = 61/64
    assert mairie["constraint"] == "0.953"
    assert (evil["worlds"], evil["liaison"], evil["brokerage_total"]) == ("4", "3", "3")
    # six actors: no flag can beat chance (issue 14)
    assert (evil["is_hybrid"], mairie["is_hybrid"]) == ("no", "no")
    assert {r["component"] for k, r in rows.items() if k in ("isole", "quote")} == {"1"}
    assert rows["velo"]["trust_received"] == "0.8" and rows["labo"]["trust_received"] == "1"


def test_every_question_and_table_has_its_help_text():
    page = _report(_graph(), map=False)
    keys = ["actors", "hybrids", "intermediaries", "brokerage", "clusters", "introductions",
            "mixing"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert list(compute_tables(_graph())) == keys
    # the four questions first, in this order, then the other tables, each with its help text
    anchors = ["findings", "hybrids", "intermediaries", "groups", "introductions", "table-actors",
               "table-brokerage", "table-clusters", "table-mixing", "import"]
    starts = [page.index(f'<section id="{a}">') for a in anchors]
    assert starts == sorted(starts)
    assert page.count('<p class="help">') == 8
    for anchor in anchors[1:-1]:
        assert '<p class="help">' in _section(page, anchor), anchor


def test_no_external_resource_without_map():
    page = _report(_graph(), map=False)
    # the downloads are data: URIs, built in the page (no request): set them aside
    assert page.count('href="data:') == 2 * 8 + 1  # CSV and xlsx of 8 tables, 2 CSV for groups
    page = re.sub(r'href="data:[^"]*"', 'href="#"', page)
    # inside tags only: escaped user text may well read "src=x"
    assert not re.search(r"""<[^>]+\s(src|href)\s*=\s*["']?[^"'#]""", page, re.IGNORECASE)
    assert "http" not in page


def test_same_bytes_for_same_graph_whatever_the_row_order():
    a = _report(_graph(), map=False, seed=3)
    b = _report(_graph(), map=False, seed=3)
    c = _report(_graph(reverse=True), map=False, seed=3)
    assert a == b
    assert a == c


def test_tiny_graphs_do_not_crash():
    import networkx as nx

    for n in range(3):
        G = nx.MultiDiGraph()
        G.add_nodes_from(f"a{i}" for i in range(n))
        page = _report(G, map=False)
        assert f"<div><b>{n}</b>actors</div>" in page


def test_write_report_writes_utf8(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = write_report(_graph(), tmp_path / "sub" / "r.html", map=False, title="Vélo")
    text = out.read_bytes().decode("utf-8")
    assert "<title>Vélo</title>" in text


def test_flat_frame_defuses_formulas_and_joins_tuples():
    df = pd.DataFrame({"label": ["=1+1", "+33 1", "-x", "@SUM", "ok"],
                       "themes": [("a", "b"), (), ("c",), ("d",), ("e",)]})
    flat = flat_frame(df, safe=True)
    assert flat["label"].tolist() == ["'=1+1", "'+33 1", "'-x", "'@SUM", "ok"]
    assert flat["themes"].tolist() == ["a | b", "", "c", "d", "e"]
    assert df["label"].tolist()[0] == "=1+1"  # input untouched


def test_map_is_embedded_escaped_and_deterministic():
    G = _graph()
    a = _report(G, map=True, seed=1)
    b = _report(_graph(), map=True, seed=1)
    assert a == b
    assert EVIL not in a and EVIL_QUOTE not in a
    iframe = re.search(r'<iframe class="map"[^>]*srcdoc="([^"]*)"', a)
    assert iframe is not None
    # the page itself has no script: the map's scripts live inside the srcdoc attribute
    assert "<script" not in a.replace(iframe.group(1), "").lower()
    # nothing is fetched from the network by the page or the embedded map
    import html as _html

    inner = _html.unescape(iframe.group(1))
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?https?:""",
                         inner, re.IGNORECASE)


@pytest.mark.browser
def test_report_in_chromium_no_request_no_script_runs(tmp_path, chromium_page, hostile):
    G, payloads = hostile
    G.add_node("evil", label=EVIL, sector="citizen")
    G.add_edge("evil", "hub", key="collaboration", relation="collaboration")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = write_report(G, tmp_path / "report.html", title=EVIL_QUOTE, seed=0)
    text = out.read_text(encoding="utf-8")
    for payload in payloads:
        if "<" in payload or '"' in payload:
            assert payload not in text, payload
    url = out.as_uri()
    page = chromium_page.page
    page.goto(url, wait_until="load")
    frame = next(f for f in page.frames if f != page.main_frame)
    frame.wait_for_function("() => window.network !== undefined", timeout=20000)
    # the page and the embedded map fetch nothing: srcdoc frames are not requests
    external = [u for u in chromium_page.external_requests(url) if u != "about:srcdoc"]
    assert external == []
    assert chromium_page.page_errors == []
    assert chromium_page.console_errors == []
    for target in (page, frame):
        fired = target.evaluate(
            "() => Object.keys(window).filter(k => k.startsWith('__xss_') || k === '__x' "
            "|| k === '__y' || k === 'alert_called')")
        assert fired == []
    assert frame.evaluate("() => window.network.body.data.nodes.length") == G.number_of_nodes()
    # the hostile title shows as text in the page heading
    assert page.inner_text("h1") == EVIL_QUOTE


def test_plain_graph_input_and_input_not_mutated():
    import copy

    import networkx as nx

    G = nx.karate_club_graph()
    before = copy.deepcopy(G)
    page = _report(G, map=False, attr="club")
    assert "<div><b>34</b>actors</div>" in page and "<div><b>78</b>ties</div>" in page
    assert "<div><b>2</b>club groups</div>" in page
    assert "Groups (club): Mr. Hi, Officer." in page
    assert nx.utils.graphs_equal(G, before)
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))
    M = _graph()
    edges_before = sorted((u, v, k, tuple(sorted(d))) for u, v, k, d in M.edges(keys=True, data=True))
    _report(M, map=False)
    assert sorted((u, v, k, tuple(sorted(d))) for u, v, k, d in M.edges(keys=True, data=True)) == edges_before


def test_french_page():
    page = _report(_graph(), map=False, lang="fr", date="2026-12-05")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    for text in ("<h2>Principaux constats</h2>", "<h2>Acteurs hybrides</h2>",
                 "<h2>Groupes déconnectés</h2>",
                 "<li>Les acteurs forment 2 groupes sans aucun lien entre eux. En plus du groupe "
                 "principal de 4 acteurs : 1 groupe de 2 acteurs.</li>",
                 "<td>Isolé et &lt;/script&gt;", '<time class="date" datetime="2026-12-05">5 déc. 2026</time>',
                 "<th>Groupe</th><th>Membres</th><th>Taille</th><th>Composition par monde</th>",
                 "Télécharger le tableau complet :", "Toutes les mesures (6 lignes)",
                 "<title>Réseau des acteurs : rapport</title>", "<b>6</b>liens</div>"):
        assert text in page, text
    for english in ("Key findings", "Disconnected groups", "How to read", " groups with no tie",
                    "Download", "All the measures"):
        assert english not in page
    assert EVIL not in page
    with pytest.raises(ValueError, match="lang must be one of 'en', 'fr'"):
        _report(_graph(), map=False, lang="de")


def test_date_under_the_title_given_or_reproducible(monkeypatch):
    import datetime

    page = _report(_graph(), map=False, date=datetime.date(2026, 12, 5))
    assert '<time class="date" datetime="2026-12-05">Dec 5, 2026</time>' in page
    # reproducible builds: SOURCE_DATE_EPOCH fixes the day (1796428800 = 2026-12-05 00:00 UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796428800")
    assert _report(_graph(), map=False) == page
    with pytest.raises(ValueError, match="ISO date such as '2026-12-05'"):
        _report(_graph(), map=False, date="5/12/2026")


# --------------------------------------------------------------------------- pseudonymisation (issue 7)

KEY = "a test key of more than sixteen bytes"


def _people_graph():
    import networkx as nx

    from alliances.io.report import ImportReport
    from alliances.model import Evidence

    G = nx.MultiDiGraph()
    G.add_node("mairie", label="Mairie de Trappes", sector="public", kind="organisation",
               respondent=True)
    G.add_node("velo", label="Vélo Club", sector="association", kind="organisation",
               respondent=True)
    G.add_node("jeanne-martin", label="Jeanne Martin", sector="citizen", kind="person",
               respondent=True, themes=("vélo",))
    G.add_node("paul-durand", label="Paul Durand", sector="research", kind="person",
               respondent=False)
    for u, v, rel in [("mairie", "velo", "funding"), ("velo", "jeanne-martin", "trust"),
                      ("jeanne-martin", "mairie", "collaboration"),
                      ("jeanne-martin", "paul-durand", "information"),
                      ("paul-durand", "velo", "collaboration")]:
        G.add_edge(u, v, key=rel, relation=rel, weight=1.0, sign=1,
                   evidence=(Evidence("/home/me/entretiens.csv", 3, "Jeanne Martin m'a aidé"),))
    try:
        G.graph["import_report"] = ImportReport()
    except TypeError:  # the report's constructor changed: the withheld text is tested anyway
        G.graph["import_report"] = "rows read: Jeanne Martin, Paul Durand"
    return G


def test_pseudonymised_report_never_names_people():
    G = _people_graph()
    page = _report(G, pseudonymize=KEY)
    for name in ("Jeanne Martin", "Paul Durand", "jeanne-martin", "paul-durand", "m&#x27;a aidé",
                 "/home/me"):
        assert name not in page
    assert "Mairie de Trappes" in page and "Vélo Club" in page
    assert page.count("P-") >= 2
    assert "Import report withheld (pseudonymised)" in page
    assert "Codes hide names, not the structure" in page
    assert _report(G, pseudonymize=KEY) == page
    assert G.nodes["jeanne-martin"]["label"] == "Jeanne Martin"  # input untouched


def test_pseudonymised_report_refuses_a_precomputed_table():
    G = _people_graph()
    with pytest.raises(ValueError, match="table= cannot be combined"):
        _report(G, pseudonymize=KEY, table=pd.DataFrame(index=list(G)))


# --------------------------------------------------------------------------- before/after (issue 8)


def test_report_change_section_from_a_comparison():
    import networkx as nx

    from alliances.analysis.compare import compare

    def wave(ties):
        G = nx.MultiDiGraph()
        for n, sector in (("a", "public"), ("b", "company"), ("c", "association")):
            G.add_node(n, label=EVIL if n == "c" else n.upper(), sector=sector, respondent=True)
        for u, v in ties:
            G.add_edge(u, v, key="collaboration", relation="collaboration", weight=1.0, sign=1)
        return G

    before, after = wave([("a", "b")]), wave([("a", "b"), ("b", "c")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = compare(before, after, labels=("2023", "2024"))
    page = _report(after, waves=c)
    section = page[page.index('<section id="change">'):]
    section = section[:section.index("</section>")]
    assert "<h2>Change between waves</h2>" in section
    assert "Ties gained and lost, 2023 → 2024" in section
    assert "<th>2023 (answered both)</th>" in section
    # the gained tie B -> C is listed, C's hostile name escaped (also inside the change map)
    assert "<th>B</th>" in section and "&lt;img src=x onerror=alert(1)&gt;</td>" in section
    assert EVIL not in page
    assert "1 ties gained" in section or "1 tie gained" in section
    assert _report(after, waves=c) == page
    with pytest.raises(ValueError, match="waves= cannot be combined"):
        _report(after, waves=c, pseudonymize=KEY)
