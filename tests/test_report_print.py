"""The report made for the meeting (issue 16, item 4): first screen, downloads, A4 print.

The Antony sample report is rendered in a real headless Chromium (the
``browser`` fixture of conftest.py: skipped on a machine without chromium,
failing in CI). Printed to A4 it must fit in at most 6 pages with the key
findings and the map on page 1; the map must be drawn as soon as the page
opens, without scrolling; the CSV and .xlsx links must hold the rows of the
tables they download.
"""

from __future__ import annotations

import base64
import html
import io
import re
import warnings

import pandas as pd
import pytest

import alliances
from alliances.report import write_report

#: A4 at 96 px per inch: 210 x 297 mm, less the report's @page margins (12 mm, 14 mm).
A4_CONTENT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
A4_CONTENT_HEIGHT = (297 - 2 * 14) / 25.4 * 96

#: Non-white pixels counted on the map's canvas: the ties and actors drawn.
CANVAS_INK = """() => {
  const c = document.querySelector('#mynetwork canvas');
  if (!c || !c.width) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) n++;
  }
  return n;
}"""


@pytest.fixture(scope="module")
def antony():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return alliances.samples.load("antony-velo")


@pytest.fixture(scope="module")
def reports(antony, tmp_path_factory):
    """The Antony report in English and French, as files."""
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for lang in ("en", "fr"):
            out[lang] = write_report(antony, folder / f"antony-{lang}.html", lang=lang,
                                     date="2026-12-05")
    return out


def _section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start:page.index("</section>", start)]


def _links(section: str) -> dict[str, bytes]:
    """The downloads of a section: file name -> decoded bytes."""
    found = re.findall(r'<a download="([^"]+)" href="data:[^;"]+;base64,([^"]+)"', section)
    return {html.unescape(name): base64.b64decode(payload) for name, payload in found}


# --------------------------------------------------------------------------- in the browser

@pytest.mark.browser
def test_map_is_drawn_on_load_without_scrolling(browser, reports):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(reports["en"].as_uri(), wait_until="load")
        box = page.locator("iframe.map").bounding_box()
        assert box is not None and box["y"] < 800  # on the first screen
        frame = next(f for f in page.frames if f != page.main_frame)
        # drawn pixels within seconds of the load event, the page never scrolled
        frame.wait_for_function(f"({CANVAS_INK})() > 2000", timeout=15_000)
        assert page.evaluate("window.scrollY") == 0
        # the first screen holds the title, the date, the findings and the map
        assert page.inner_text("h1") == "Antony bicycle committee"
        assert page.inner_text("time.date") == "Dec 5, 2026"
        findings = page.locator("ul.key li").all_inner_texts()
        assert 3 <= len(findings) <= 5
        assert findings[0] == ("1 actor spans several worlds and can translate between them: "
                               "Mission vélo de la Ville d'Antony.")
        last = page.locator("ul.key li").last.bounding_box()
        assert last is not None and last["y"] + last["height"] < 800
        # the static image is for print only
        assert page.locator("figure.print-map").is_hidden()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a4_print_fits_in_six_pages_with_findings_and_map_on_page_one(browser, reports, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(reports[lang].as_uri(), wait_until="load")
        pdf = page.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
        counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
        assert counts == [pages]  # the page tree says the same
        # page 1 (findings and map), one page per question (4), the notes and import report
        assert pages <= 6
        assert pages >= 5
        # page 1: lay the page out as print does, at the width of an A4 page between margins
        page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
        page.emulate_media(media="print")
        assert page.locator("iframe.map").is_hidden() and page.locator("nav.toc").is_hidden()
        image = page.locator("figure.print-map img")
        assert image.is_visible()
        assert page.evaluate("document.querySelector('figure.print-map img').naturalWidth") == 1500

        def bottom(selector: str) -> float:
            return page.evaluate(f"(() => {{ const r = document.querySelector('{selector}')"
                                 ".getBoundingClientRect(); return r.bottom + window.scrollY; })()")

        def top(selector: str) -> float:
            return page.evaluate(f"(() => {{ const r = document.querySelector('{selector}')"
                                 ".getBoundingClientRect(); return r.top + window.scrollY; })()")

        assert bottom("ul.key") < bottom("figure.print-map img") <= A4_CONTENT_HEIGHT
        # nothing printable is hidden inside page 1's layout by a closed disclosure
        assert page.locator("details").first.is_hidden()
        assert top("#hybrids") >= bottom("figure.print-map")
        styles = page.evaluate("getComputedStyle(document.querySelector('#hybrids')).breakBefore")
        assert styles == "page"
    finally:
        context.close()


@pytest.mark.browser
def test_french_report_first_screen_in_french(browser, reports):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(reports["fr"].as_uri(), wait_until="load")
        assert page.inner_text("h1") == "Comité vélo d'Antony"
        assert page.inner_text("time.date") == "5 déc. 2026"
        headings = page.locator("h2").all_inner_texts()
        assert headings[:6] == ["Principaux constats", "Carte", "Acteurs hybrides",
                                "Tiers de confiance", "Groupes déconnectés",
                                "Mises en relation suggérées"]
        findings = page.locator("ul.key li").all_inner_texts()
        assert findings[0] == ("1 acteur relie plusieurs mondes et peut faire le lien entre eux : "
                               "Mission vélo de la Ville d'Antony.")
        assert findings[2] == ("Les acteurs forment 3 groupes sans aucun lien entre eux. En plus du "
                               "groupe principal de 43 acteurs : 2 groupes de 4 et 4 acteurs.")
        headers = page.locator("#hybrids table.curated th").all_inner_texts()
        assert headers == ["Acteur", "Pourquoi", "Mondes atteints", "Coefficient de participation",
                           "Chemins entre mondes", "Indice"]
    finally:
        context.close()


# --------------------------------------------------------------------------- the page itself

def test_curated_tables_put_label_and_reason_first(reports, antony):
    page = reports["en"].read_text(encoding="utf-8")
    hybrids = _section(page, "hybrids")
    curated = hybrids.split('<table class="curated">', 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<th>(.*?)</th>", curated) == [
        "Actor", "Why", "Worlds reached", "Participation coefficient", "Paths between worlds", "Score"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = alliances.hybrid_actors(antony, lang="en")
    flagged = table[table["is_hybrid"]]
    rows = re.findall(r"<tr>(.*?)</tr>", curated.split("<tbody>", 1)[1])
    assert len(rows) == len(flagged) == 1
    cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", rows[0])]
    row = flagged.iloc[0]
    assert cells == [row["label"], row["reason"], str(row["worlds"]),
                     f"{row['participation']:.3f}", str(row["cross_brokerage"]),
                     f"{row['score']:.3f}"]
    # the introductions: the pair, the reason, the go-between
    intro = _section(page, "introductions").split('<table class="curated">', 1)[1]
    first = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", intro.split("</tr>", 2)[1])]
    assert first[0] == "Vélo-École d'Antony and Conseil des seniors d'Antony"


def test_downloads_decode_to_the_rows_of_the_table(reports, antony):
    from openpyxl import load_workbook

    page = reports["en"].read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = alliances.trusted_intermediaries(antony, lang="en")
    links = _links(_section(page, "intermediaries"))
    assert sorted(links) == ["trusted-intermediaries.csv", "trusted-intermediaries.xlsx"]
    csv = pd.read_csv(io.BytesIO(links["trusted-intermediaries.csv"]), index_col=0)
    assert list(csv.index) == list(expected.index)
    assert list(csv.columns) == list(expected.columns)
    assert csv["label"].tolist() == expected["label"].tolist()
    assert csv["reason"].tolist() == expected["reason"].tolist()
    assert csv["score"].tolist() == pytest.approx(expected["score"].tolist())
    assert csv["trusted_by"].tolist() == expected["trusted_by"].tolist()
    sheet = load_workbook(io.BytesIO(links["trusted-intermediaries.xlsx"])).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ["id", *expected.columns]
    assert [r[0] for r in rows[1:]] == list(expected.index)
    column = rows[0].index("score")
    assert [r[column] for r in rows[1:]] == pytest.approx(expected["score"].tolist())
    # the groups: one workbook, two sheets, and a CSV for each table
    links = _links(_section(page, "groups"))
    assert sorted(links) == ["groups-2.csv", "groups.csv", "groups.xlsx"]
    book = load_workbook(io.BytesIO(links["groups.xlsx"]))
    assert book.sheetnames == ["Groups (connected components)", "Clusters"]
    assert book.worksheets[0].max_row == antony.number_of_nodes() + 1


def test_french_downloads_are_for_french_excel(reports, antony):
    page = reports["fr"].read_text(encoding="utf-8")
    links = _links(_section(page, "hybrids"))
    data = links["hybrid-actors.csv"]
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark: Excel reads the accents
    csv = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", index_col=0, encoding="utf-8-sig")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = alliances.hybrid_actors(antony, lang="fr")
    assert csv["score"].tolist() == pytest.approx(expected["score"].tolist())
    assert csv["reason"].tolist() == expected["reason"].tolist()


def test_download_cells_never_run_as_formulas():
    from openpyxl import load_workbook

    from alliances.report import html_report

    G = alliances.from_frames(
        pd.DataFrame({"label": ["=HYPERLINK(\"http://x.invalid\")", "@SUM(A1)"],
                      "sector": ["public", "company"]}, index=pd.Index(["a", "b"], name="id")),
        pd.DataFrame({"source": ["a"], "target": ["b"]}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = html_report(G, map=False, date="2026-12-05")
    links = _links(_section(page, "table-actors"))
    text = links["actors.csv"].decode("utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert not re.search(r"(^|,)[=@]", text, flags=re.M)
    cell = load_workbook(io.BytesIO(links["actors.xlsx"])).active["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x.invalid")', "s", True)


def test_report_with_map_is_byte_deterministic(antony, reports):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = alliances.html_report(antony, lang="en", date="2026-12-05")
    assert again == reports["en"].read_text(encoding="utf-8")
    # the printed map is a real picture of the graph
    png = re.search(r'<figure class="print-map"><img alt="[^"]*" src="data:image/png;base64,([^"]+)"',
                    again)
    assert png is not None and base64.b64decode(png.group(1)).startswith(b"\x89PNG\r\n\x1a\n")
