"""The interactive map inline in JupyterLab, Notebook 7 and VS Code, as each front end renders it.

A notebook shows ``Map._repr_html_()`` (the ``text/html`` of the display data the
kernel sends, made here by IPython's own ``DisplayFormatter``). Each front end
puts that HTML into the notebook page its own way; the host pages below do the
same, in a real headless Chromium, from these sources:

* **JupyterLab 4 and Notebook 7** (Notebook 7 is built from JupyterLab's
  packages: same output renderer): ``renderHTML`` of ``@jupyterlab/rendermime``
  (``packages/rendermime/src/renderers.ts``): ``host.innerHTML = source``; a
  trusted output's ``<script>`` elements are re-created so that they run; an
  untrusted one (a notebook opened from disk without running it) is first
  passed through ``Sanitizer.sanitize`` of ``@jupyterlab/apputils``
  (``packages/apputils/src/sanitizer.ts``): sanitize-html with JupyterLab's
  ``allowedTags`` list, which leaves ``iframe`` out ("allowed by Google Caja,
  but disallowed by default by sanitize-html"). sanitize-html's default
  ``disallowedTagsMode: 'discard'`` drops a disallowed tag and keeps its text,
  except in ``script``, ``style``, ``textarea``, ``option`` and ``noscript``
  (``apostrophecms/sanitize-html``, ``index.js``). :func:`jupyterlab_sanitize`
  applies those rules (tags and attributes of JupyterLab's lists; the inline
  style filter is left out: the map's only style is on the iframe, which goes).
  The page is served with Jupyter Server's default Content-Security-Policy
  (``jupyter_server/base/handlers.py``: ``frame-ancestors 'self'; report-uri
  /api/security/csp-report``), so a violation would show as a request.
* **VS Code**: notebook outputs live in a webview, an iframe sandboxed with
  ``allow-scripts allow-same-origin allow-forms allow-pointer-lock
  allow-downloads`` whose page holds ``<div id="container">``
  (``src/vs/workbench/contrib/notebook/browser/view/renderers/backLayerWebView.ts``);
  the built-in renderer (``extensions/notebook-renderers/src/index.ts``,
  ``renderHTML``) creates a ``div``, sets its ``innerHTML``, appends it and
  re-runs its scripts (``domEval``). No sanitizer; in Restricted Mode (a
  workspace not trusted) the renderer draws no ``text/html`` output at all,
  whatever the library, so there is no untrusted case to test there.

On each: the map's canvas has drawn (non-blank pixels) within a few seconds,
the legend and the search box are there in the map's language, no request
leaves the page (every http(s) request is routed and counted), and the output
is as tall as the frame asks (650 px). Untrusted in JupyterLab / Notebook 7:
the iframe is gone and the reader sees the sentence saying what to do.

No ``_repr_mimebundle_``: every front end here picks ``text/html`` from the
bundle IPython makes from ``_repr_html_`` (JupyterLab ranks its safe
``text/html`` renderer first, trusted or not; VS Code's Jupyter extension shows
the richest type), so a bundle of our own would add nothing.
"""

from __future__ import annotations

import html
import json
import re
import time
import warnings
from html.parser import HTMLParser

import pytest

from alliances.maps.interactive import interactive_map
from alliances.maps.text import ui_text

FALLBACK = "Interactive map: run the cell (or trust the notebook) to display it."
ANTONY_BOTH = "mission-velo-de-la-ville-d-antony"

# --------------------------------------------------------------------------- JupyterLab's sanitizer

#: ``allowedTags`` of JupyterLab's ``Sanitizer`` (packages/apputils/src/sanitizer.ts).
JUPYTERLAB_ALLOWED_TAGS = frozenset((
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo",
    "big", "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "colspan", "command", "data", "datalist", "dd", "del", "details", "dfn", "dir",
    "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "input", "ins", "kbd",
    "label", "legend", "li", "map", "mark", "menu", "meter", "nav", "nobr", "ol", "optgroup",
    "option", "output", "p", "pre", "progress", "q", "rowspan", "s", "samp", "section", "select",
    "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "textarea", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var",
    "video", "wbr",
))
#: ``allowedAttributes['*']`` and those of the tags this file meets.
JUPYTERLAB_GLOBAL_ATTRIBUTES = frozenset((
    "class", "dir", "draggable", "hidden", "id", "inert", "itemprop", "itemref", "itemscope",
    "lang", "spellcheck", "style", "title", "translate",
))
JUPYTERLAB_TAG_ATTRIBUTES = {"div": {"align"}, "p": {"align"}, "span": set(), "b": set()}
#: sanitize-html's ``nonTextTags``: a disallowed one loses its text too.
NON_TEXT_TAGS = frozenset({"script", "style", "textarea", "option", "noscript"})
VOID_TAGS = frozenset({"img", "br", "hr", "area", "base", "basefont", "input", "link", "meta", "wbr"})


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_text:
            self.skip_text += tag not in VOID_TAGS
            return
        if tag not in JUPYTERLAB_ALLOWED_TAGS:
            if tag in NON_TEXT_TAGS:
                self.skip_text = 1
            return  # discard the tag, keep its text
        allowed = JUPYTERLAB_GLOBAL_ATTRIBUTES | JUPYTERLAB_TAG_ATTRIBUTES.get(tag, set())
        kept = "".join(f' {a}="{html.escape(v or "", quote=True)}"' for a, v in attrs if a in allowed)
        self.out.append(f"<{tag}{kept}{' /' if tag in VOID_TAGS else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_text:
            self.skip_text -= 1
            return
        if tag in JUPYTERLAB_ALLOWED_TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skip_text:
            self.out.append(html.escape(data, quote=False))


def jupyterlab_sanitize(source: str) -> str:
    """What JupyterLab's ``Sanitizer.sanitize`` leaves of an untrusted output's HTML."""
    parser = _Sanitizer()
    parser.feed(source)
    parser.close()
    return "".join(parser.out)


def test_sanitizer_follows_sanitize_html_rules():
    # cases of sanitize-html's own test suite (test/test.js), with JupyterLab's tag list
    assert jupyterlab_sanitize('<script>alert("ruhroh!");</script><p>Paragraph</p>') == "<p>Paragraph</p>"
    assert jupyterlab_sanitize("<style>.foo { color: blue; }</style><p>Paragraph</p>") == "<p>Paragraph</p>"
    assert jupyterlab_sanitize("<fibble>Nifty</fibble><p>Paragraph</p>") == "Nifty<p>Paragraph</p>"
    # JupyterLab's lists: iframe is not allowed, an event handler is no allowed attribute
    assert jupyterlab_sanitize('<div class="a" onclick="x()">t</div>') == '<div class="a">t</div>'
    assert jupyterlab_sanitize('<iframe srcdoc="&lt;p&gt;x" sandbox="allow-scripts">shown</iframe>') == "shown"


# --------------------------------------------------------------------------- the map and its bundle


@pytest.fixture(scope="module")
def antony():
    from alliances import samples
    from alliances.analysis.table import actor_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = samples.load("antony-velo")
        table = actor_table(G, seed=0)
    return G, table


@pytest.fixture(scope="module")
def bundles(antony):
    """The display data a kernel sends for the map, per language (IPython's formatter)."""
    formatter = pytest.importorskip("IPython.core.formatters").DisplayFormatter()
    G, table = antony
    out = {}
    for lang in ("en", "fr"):
        m = interactive_map(G, table=table, lang=lang)
        data, metadata = formatter.format(m)
        out[lang] = (m, data, metadata)
    return out


def page_data(page: str) -> dict:
    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_display_bundle_is_html_with_the_fallback_sentence(bundles, lang):
    m, data, metadata = bundles[lang]
    assert sorted(data) == ["text/html", "text/plain"] and metadata == {}
    assert data["text/plain"] == repr(m)
    frame = data["text/html"]
    sentence = ui_text(FALLBACK, lang)
    assert sentence == {"en": FALLBACK,
                        "fr": "Carte interactive : exécutez la cellule (ou faites confiance au "
                              "notebook) pour l'afficher."}[lang]
    # the sentence is the iframe's only text content, after the escaped page
    assert frame.endswith(f">{html.escape(sentence, quote=False)}</iframe>")
    assert frame.count("<iframe") == 1 and frame.count("</iframe>") == 1
    assert f'title="{html.escape(ui_text("Actor map", lang))}"' in frame
    # what an untrusted JupyterLab output keeps: the sentence alone
    assert jupyterlab_sanitize(frame) == html.escape(sentence, quote=False)


# --------------------------------------------------------------------------- the front ends' host pages

JUPYTER_CSP = "frame-ancestors 'self'; report-uri /api/security/csp-report"


def _json_script(value) -> str:
    return json.dumps(value).replace("<", "\\u003c")


#: Dark themes: JupyterLab Dark's --jp-layout-color0 and font colour, VS Code's Dark Modern
#: editor background and foreground.
DARK = {"jupyterlab": "background: #111111; color: rgba(255, 255, 255, 0.87);",
        "vscode": "background: #1f1f1f; color: #cccccc;"}


def jupyterlab_page(output: dict, trusted: bool, width: int, title: str, dark: bool = False) -> str:
    """A notebook page of JupyterLab 4 / Notebook 7 rendering one text/html output."""
    source = output["text/html"]
    bundle = {"source": source, "sanitized": jupyterlab_sanitize(source), "trusted": trusted}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ margin: 0; font-family: sans-serif; font-size: 13px; {DARK["jupyterlab"] if dark else ""} }}
.jp-Notebook {{ width: {width}px; padding: 8px 16px; box-sizing: border-box; }}
.jp-OutputArea-child {{ display: flex; }}
.jp-OutputPrompt {{ flex: 0 0 64px; color: #d84315; font-family: monospace; }}
.jp-OutputArea-output {{ flex: 1 1 auto; min-width: 0; overflow: auto; }}
.jp-RenderedHTMLCommon {{ padding-right: 20px; line-height: 1.5; }}
</style></head>
<body><div class="jp-Notebook"><div class="jp-Cell jp-CodeCell"><div class="jp-Cell-outputArea">
<div class="jp-OutputArea-child"><div class="jp-OutputPrompt">[3]:</div>
<div id="output" class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output"
 data-mime-type="text/html"></div></div></div></div></div>
<script id="bundle" type="application/json">{_json_script(bundle)}</script>
<script>
// renderHTML of @jupyterlab/rendermime (packages/rendermime/src/renderers.ts)
const bundle = JSON.parse(document.getElementById("bundle").textContent);
const host = document.getElementById("output");
host.innerHTML = bundle.trusted ? bundle.source : bundle.sanitized;
if (host.getElementsByTagName("script").length > 0 && bundle.trusted) {{
  for (const old of Array.from(host.getElementsByTagName("script"))) {{
    const s = document.createElement("script");
    for (const a of Array.from(old.attributes)) s.setAttribute(a.name, a.value);
    s.textContent = old.textContent;
    old.parentNode.replaceChild(s, old);
  }}
}}
// Private.handleDefaults: links open outside, images get an alt text
for (const a of Array.from(host.getElementsByTagName("a"))) {{ if (!a.target) a.target = "_blank"; a.rel = "noopener"; }}
for (const img of Array.from(host.getElementsByTagName("img"))) {{ if (!img.alt) img.alt = "Image"; }}
</script></body></html>"""


VSCODE_WORKBENCH = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>antony.ipynb - Visual Studio Code</title>
<style>body { margin: 0; } .notebookOverlay { width: 1180px; position: relative; }</style></head>
<body><div class="notebookOverlay">
<iframe class="webview ready" src="WEBVIEW_URL" style="width: 100%; height: 1400px; border: 0;"
 sandbox="allow-scripts allow-same-origin allow-forms allow-pointer-lock allow-downloads"
 allow="cross-origin-isolated; autoplay; clipboard-read; clipboard-write"></iframe>
</div></body></html>"""


def vscode_webview(output: dict, dark: bool = False) -> str:
    """The notebook webview of VS Code with the built-in renderer's renderHTML on one output."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<style>
html {{ {DARK["vscode"] if dark else ""} }}
#container > div > div.output {{ width: calc(100% - 66px); margin-left: 58px; padding: 8px 8px 8px 8px;
  box-sizing: border-box; }}
#container > div > div:not(.preview) > div {{ overflow-x: scroll; }}
#container div.output.remove-padding {{ padding-left: 0; padding-right: 0; }}
body {{ padding: 0px; height: 100%; width: 100%; }}
</style></head>
<body style="overflow: hidden;">
<div id="container" class="widgetarea" style="position: absolute; width: 100%; top: 0px">
<div class="cell_container"><div class="output_container output remove-padding" id="output"></div></div></div>
<script id="bundle" type="application/json">{_json_script(output["text/html"])}</script>
<script>
// renderHTML and domEval of extensions/notebook-renderers/src/index.ts
const container = document.getElementById("output");
const element = document.createElement("div");
element.innerHTML = JSON.parse(document.getElementById("bundle").textContent);
container.appendChild(element);
for (const node of Array.from(element.getElementsByTagName("script"))) {{
  const s = document.createElement("script");
  s.text = node.innerText;
  for (const key of ["type", "src", "nonce", "noModule", "async"]) {{
    const val = node[key] || node.getAttribute(key);
    if (val) s.setAttribute(key, val);
  }}
  element.appendChild(s).parentNode.removeChild(s);
}}
</script></body></html>"""


class Host:
    """Serve a front end's pages from its own origin; count and block every other request."""

    def __init__(self, record, pages: dict[str, tuple[str, dict[str, str]]]):
        self.record = record
        self.pages = pages
        self.blocked: list[str] = []
        record.page.context.route(re.compile(r"^https?://"), self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url in self.pages:
            body, headers = self.pages[url]
            route.fulfill(status=200, body=body.encode("utf-8"),
                          headers={"Content-Type": "text/html; charset=utf-8", **headers})
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, url: str) -> None:
        self.record.page.goto(url)

    def assert_offline(self) -> None:
        assert self.blocked == []
        others = [u for u in self.record.requests
                  if u not in self.pages and not u.startswith(("data:", "about:"))]
        assert others == []
        assert self.record.console_errors == [] and self.record.page_errors == []


FRONT_ENDS = {
    # JupyterLab with its file browser open: a narrower notebook
    "jupyterlab": ("http://localhost:8888/lab/tree/antony.ipynb", 1000, "antony.ipynb - JupyterLab"),
    "notebook7": ("http://localhost:8888/notebooks/antony.ipynb", 1240, "antony - Jupyter Notebook"),
}

CANVAS_INK_JS = """() => {
  const c = document.querySelector('#mynetwork canvas');
  if (!c || !c.width || !c.height) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) n++;
  }
  return n;
}"""


def open_front_end(record, name: str, output: dict, trusted: bool = True, dark: bool = False) -> Host:
    if name == "vscode":
        workbench, webview = "http://vscode.test/workbench.html", "http://vscode-webview.test/index.html"
        host = Host(record, {workbench: (VSCODE_WORKBENCH.replace("WEBVIEW_URL", webview), {}),
                             webview: (vscode_webview(output, dark), {})})
        host.open(workbench)
        return host
    url, width, title = FRONT_ENDS[name]
    host = Host(record, {url: (jupyterlab_page(output, trusted, width, title, dark),
                               {"Content-Security-Policy": JUPYTER_CSP})})
    host.open(url)
    return host


def map_frame(page, timeout_s: float = 5.0):
    """The srcdoc frame of the map, once it has loaded."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frames = [f for f in page.frames if f.url == "about:srcdoc"]
        if frames:
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError(f"no map frame among {[f.url for f in page.frames]}")


def output_element(page, name: str):
    """The iframe element of the output, as a handle in the frame that holds it."""
    holder = page.main_frame if name != "vscode" else next(
        f for f in page.frames if f.url.startswith("http://vscode-webview.test/"))
    return holder, holder.locator("#output iframe")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("front_end", ["jupyterlab", "notebook7", "vscode"])
def test_map_draws_inline_offline(chromium_page, bundles, antony, front_end, lang):
    m, data, _ = bundles[lang]
    expected = page_data(m.to_html())
    page = chromium_page.page
    started = time.monotonic()
    host = open_front_end(chromium_page, front_end, data)
    frame = map_frame(page)
    # the canvas has drawn the actors and ties within a few seconds, without scrolling or clicking
    frame.wait_for_function(f"() => ({CANVAS_INK_JS})() > 2000", timeout=8_000)
    drawn_after = time.monotonic() - started
    assert drawn_after < 8
    ink = frame.evaluate(CANVAS_INK_JS)
    size = frame.evaluate("(() => { const c = document.querySelector('#mynetwork canvas'); "
                          "return c.width * c.height; })()")
    assert 0.002 < ink / size < 0.9  # drawn, and not a solid block
    assert frame.evaluate("network.body.data.nodes.length") == len(expected["nodes"])

    # the legend (one row per sector drawn) and the search box, in the map's language
    assert frame.locator("#legend").is_visible()
    names = frame.eval_on_selector_all("#legend-sectors .name", "els => els.map(e => e.textContent)")
    assert names == [s["label"] for s in expected["legend"]["sectors"]] and len(names) >= 4
    search = frame.locator("#search")
    assert search.is_visible()
    assert search.get_attribute("placeholder") == ui_text("Find an actor…", lang)
    assert frame.text_content("#map-title") == expected["title"] == {
        "en": "Antony bicycle committee", "fr": "Comité vélo d'Antony"}[lang]
    search.fill("mission velo")
    search.press("Enter")
    assert frame.evaluate("network.getSelectedNodes()") == [ANTONY_BOTH]

    # the output is as tall as the frame asks, as wide as the output area, the map most of it
    holder, iframe = output_element(page, front_end)
    box = iframe.bounding_box()
    assert box["height"] == pytest.approx(650 + 2, abs=1)  # 650 px and a 1 px border
    area = holder.evaluate("document.getElementById('output').getBoundingClientRect().width")
    assert box["width"] >= 0.9 * area and box["width"] >= 600
    map_height = frame.evaluate("document.getElementById('mynetwork').getBoundingClientRect().height")
    assert 450 <= map_height <= 650
    # the fallback sentence is never drawn beside a working map
    assert ui_text(FALLBACK, lang) not in holder.evaluate("document.getElementById('output').innerText")
    host.assert_offline()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("front_end", ["jupyterlab", "notebook7"])
def test_untrusted_output_shows_what_to_do(chromium_page, bundles, front_end, lang):
    """A notebook opened from disk without running it: the sanitizer removed the frame."""
    _, data, _ = bundles[lang]
    page = chromium_page.page
    host = open_front_end(chromium_page, front_end, data, trusted=False)
    out = page.locator("#output")
    assert page.evaluate("document.querySelectorAll('iframe').length") == 0
    assert [f.url for f in page.frames] == [FRONT_ENDS[front_end][0]]
    assert out.inner_text().strip() == ui_text(FALLBACK, lang)
    assert out.is_visible() and 10 <= out.bounding_box()["height"] <= 80
    host.assert_offline()


@pytest.mark.browser
@pytest.mark.parametrize("front_end", ["jupyterlab", "notebook7", "vscode"])
def test_the_host_pages_see_a_request_when_there_is_one(chromium_page, front_end):
    """The control of the offline check: an output that fetches an image is caught."""
    url = "https://example.invalid/pixel.png"
    host = open_front_end(chromium_page, front_end, {"text/html": f'<p>x</p><img src="{url}">'})
    chromium_page.page.wait_for_timeout(300)
    assert host.blocked == [url]
    with pytest.raises(AssertionError):
        host.assert_offline()


NODES_IN_VIEW_JS = """() => {
  const ids = network.body.data.nodes.getIds(), pos = network.getPositions(ids);
  const r = document.getElementById('mynetwork').getBoundingClientRect();
  return ids.filter(id => { const p = network.canvasToDOM(pos[id]);
    return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }).length;
}"""


def windowed_notebook(output: dict, above: int) -> str:
    """JupyterLab's ``contentVisibility`` windowing mode (jupyterlab PR #17822): every cell gets
    ``content-visibility: auto`` with an estimated intrinsic size, so a cell below the fold is
    not rendered until it scrolls into view; ``above`` px of cells come before the map's."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>antony.ipynb - JupyterLab</title>
<style>body {{ margin: 0; }} .jp-Cell {{ content-visibility: auto; contain-intrinsic-size: auto 300px; }}
.jp-Notebook {{ width: 1000px; padding: 8px 16px; }}</style></head>
<body><div class="jp-Notebook">
<div class="jp-Cell" style="height: {above}px">earlier cells</div>
<div class="jp-Cell" id="map-cell"><div id="output" class="jp-RenderedHTMLCommon jp-OutputArea-output"></div></div>
<div class="jp-Cell" style="height: 2000px">later cells</div></div>
<script id="bundle" type="application/json">{_json_script(output["text/html"])}</script>
<script>document.getElementById("output").innerHTML = JSON.parse(document.getElementById("bundle").textContent);</script>
</body></html>"""


@pytest.mark.browser
@pytest.mark.parametrize("above", [0, 3000])  # 3000: the cell starts below the fold
def test_map_in_a_windowed_notebook_fits_when_it_scrolls_into_view(chromium_page, bundles, above):
    _, data, _ = bundles["en"]
    url = "http://localhost:8888/lab/tree/windowed.ipynb"
    host = Host(chromium_page, {url: (windowed_notebook(data, above), {"Content-Security-Policy": JUPYTER_CSP})})
    host.open(url)
    page = chromium_page.page
    frame = map_frame(page)
    frame.wait_for_function("() => window.network !== undefined", timeout=8_000)
    page.wait_for_timeout(1_000)  # the notebook opened; the reader scrolls down to the map
    page.locator("#map-cell").scroll_into_view_if_needed()
    frame.wait_for_function(f"() => ({CANVAS_INK_JS})() > 2000", timeout=8_000)
    n = frame.evaluate("network.body.data.nodes.length")
    deadline = time.monotonic() + 3
    inside = frame.evaluate(NODES_IN_VIEW_JS)
    while inside < n and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        inside = frame.evaluate(NODES_IN_VIEW_JS)
    assert inside == n == 51
    host.assert_offline()


@pytest.mark.browser
@pytest.mark.parametrize("front_end", ["jupyterlab", "notebook7", "vscode"])
def test_export_buttons_download_from_the_notebook(chromium_page, bundles, front_end, tmp_path):
    """The PNG and SVG buttons work from inside the output's sandboxed frame (allow-downloads)."""
    import xml.etree.ElementTree as ET

    _, data, _ = bundles["fr"]
    page = chromium_page.page
    host = open_front_end(chromium_page, front_end, data)
    frame = map_frame(page)
    frame.wait_for_function(f"() => ({CANVAS_INK_JS})() > 2000", timeout=8_000)
    with page.expect_download() as png:
        frame.click("#export-png")
    png.value.save_as(tmp_path / "map.png")
    assert png.value.suggested_filename.endswith(".png")
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "map.png").stat().st_size > 20_000
    with page.expect_download() as svg:
        frame.click("#export-svg")
    svg.value.save_as(tmp_path / "map.svg")
    root = ET.parse(tmp_path / "map.svg").getroot()
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Comité vélo d'Antony"
    host.assert_offline()


@pytest.mark.browser
@pytest.mark.parametrize("front_end", ["jupyterlab", "vscode"])
def test_legend_readable_in_a_dark_theme(chromium_page, bundles, front_end):
    """JupyterLab Dark and VS Code's default dark theme: the legend stays dark text on white.

    A framed page is transparent where it paints nothing; without a background of its own
    the legend's dark text would sit on the theme's near-black.
    """
    import io

    from PIL import Image

    _, data, _ = bundles["fr"]
    page = chromium_page.page
    host = open_front_end(chromium_page, front_end, data, dark=True)
    frame = map_frame(page)
    frame.wait_for_function(f"() => ({CANVAS_INK_JS})() > 2000", timeout=8_000)
    legend = Image.open(io.BytesIO(frame.locator("#legend").screenshot())).convert("L")
    hist = legend.histogram()
    total = sum(hist)
    # mostly white background, and dark text on it (the theme's near-black would be < 40)
    assert sum(hist[245:]) / total > 0.6
    assert sum(hist[:100]) / total > 0.005
    assert sum(hist[:40]) / total < 0.2
    host.assert_offline()
