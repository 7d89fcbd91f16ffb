"""Shared fixtures: a real headless Chromium driven by Playwright.

The browser tests use Debian's ``chromium`` (or ``$ALLIANCES_CHROMIUM``). When
it is missing they are skipped on a developer machine but **fail** in CI
(``CI=true``), so a broken CI image cannot pass silently.

**No test skips in CI.** With ``CI`` set to ``1``, ``true`` or ``yes``, the
hooks below turn every skip of a test under ``tests/`` into a failure: a
``pytest.skip`` call, a ``skipif`` or ``skip`` mark, an ``importorskip``, a
module skipped at collection. What CI installs (the test extra, chromium) must
be there; a skip would hide its absence. Expected failures (``xfail``) are not
skips and are left alone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _missing(what: str) -> None:
    message = f"{what}; the browser tests need it (install the chromium package and the test extra)"
    if _in_ci():
        pytest.fail(message + " [CI=true: failing instead of skipping]", pytrace=False)
    pytest.skip(message)


def _skip_reason(longrepr: Any) -> str:
    # a skip's longrepr is (path, line, "Skipped: reason")
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        path, line, reason = longrepr
        return f"{reason} ({path}:{line + 1 if isinstance(line, int) else line})"
    return str(longrepr)


def _fail_skip_in_ci(report: Any) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and _in_ci():
        report.outcome = "failed"
        report.longrepr = (
            f"skipped in CI: {_skip_reason(report.longrepr)}\n"
            "CI=true: no test may skip in CI; install what the test needs "
            "(the test extra, chromium) or fix the test")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """With CI set, a skipped test (set-up, call or tear-down) is reported as failed."""
    outcome = yield
    _fail_skip_in_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """With CI set, a module skipped at collection is a collection error."""
    outcome = yield
    _fail_skip_in_ci(outcome.get_result())


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs follow the locale (alliances.i18n): tests that assert English text get English
    whatever the developer's LANG; tests of the French outputs ask for it explicitly."""
    monkeypatch.setenv("ALLIANCES_LANG", "en")


def chromium_executable() -> str | None:
    """Path of the Chromium binary the browser tests use, or None."""
    return os.environ.get("ALLIANCES_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    executable = chromium_executable()
    if not executable:
        _missing("no chromium executable found (set ALLIANCES_CHROMIUM or install chromium)")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class PageRecord:
    """What a page did: every request, console message and page error."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def external_requests(self, allowed_url: str) -> list[str]:
        """Requests other than the page's own file (data: URLs are not requests)."""
        return [u for u in self.requests if u != allowed_url and not u.startswith("data:")]


@pytest.fixture
def chromium_page(browser: Any) -> Iterator[PageRecord]:
    """A fresh page in its own context, recording every network request and console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    record = PageRecord(page)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: record.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: record.page_errors.append(str(exc)))
    try:
        yield record
    finally:
        context.close()


# --------------------------------------------------------------------------- map test data

#: Hostile strings: each one sets window.__xss_<n> if it ever runs as code.
XSS_PAYLOADS: list[str] = [
    "<script>window.__xss_0=1</script>",
    '<img src=x onerror="window.__xss_1=1">',
    '<svg onload="window.__xss_2=1"></svg>',
    "</script><script>window.__xss_3=1</script>",
    "javascript:window.__xss_4=1",
    '"><img src=x onerror=window.__xss_5=1>',
    "'><svg/onload=window.__xss_6=1>",
    "{{constructor.constructor('window.__xss_7=1')()}}",
    "${window.__xss_8=1}",
    '<iframe srcdoc="<script>parent.__xss_9=1</script>"></iframe>',
    "\u2028</script><script>window.__xss_10=1</script>\u2029",
    "\u202e<img src=x onerror=window.__xss_11=1>\u202c",
    "＜script＞window.__xss_12=1＜/script＞",
    "<!--<script>window.__xss_13=1</script>-->",
    '<a href="javascript:window.__xss_14=1">href trap</a>',
    '<details open ontoggle="window.__xss_15=1">',
    "<body onload=window.__xss_16=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss_17=1>",
    "<input autofocus onfocus=window.__xss_18=1>",
    "&lt;script&gt;window.__xss_19=1&lt;/script&gt;",
    "<scr<script>ipt>window.__xss_20=1</scr</script>ipt>",
    "\\u003cscript\\u003ewindow.__xss_21=1\\u003c/script\\u003e",
    '<object data="javascript:window.__xss_22=1"></object>',
    '<video><source onerror="window.__xss_23=1"></video>',
    "]]><script>window.__xss_24=1</script>",
    "@@DATA@@ @@VIS_JS@@ @@TITLE@@ <script>window.__xss_25=1</script>",
    "<style>@import 'http://example.invalid/x.css';</style><link rel=stylesheet href=//example.invalid/y.css>",
    "<img src=x onerror=window.__xss_27=1 \u2028>",
    "`-alert(window.__xss_28=1)-`",
    '<form><button formaction="javascript:window.__xss_29=1">x</button></form>',
]


def small_graph():
    """A hand-made actor graph: 6 actors, 4 sectors, every relation style."""
    import networkx as nx

    from alliances.model import Evidence

    G = nx.MultiDiGraph(name="Antony vélo (test)")
    actors = {
        "mairie": ("Mairie d'Antony", "public", "organisation", ("mobilité", "urbanisme")),
        "velo": ("Vélo Antony", "association", "organisation", ("mobilité",)),
        "cafe": ("Café Réparation", "association", "organisation", ("réemploi",)),
        "labo": ("Labo Mobilités", "research", "organisation", ("mobilité",)),
        "marie": ("Marie Dupont", "citizen", "person", ("vélo",)),
        "garage": ("Garage Martin", "company", "organisation", ()),
    }
    for key, (label, sector, kind, themes) in actors.items():
        G.add_node(key, label=label, sector=sector, sectors=(sector,), kind=kind, themes=themes,
                   territory="Antony", respondent=True, email=f"{key}@example.org", notes="private")
    ties = [
        ("mairie", "velo", "funding", 3.0, 1, "survey.csv", 2, None),
        ("velo", "mairie", "collaboration", 4.0, 1, "survey.csv", 3, None),
        ("velo", "cafe", "collaboration", 2.0, 1, "survey.csv", 4, None),
        ("labo", "velo", "information", 1.0, 1, "survey.csv", 5, None),
        ("marie", "velo", "trust", 5.0, 1, "interviews.csv", 2, "on se fait confiance"),
        ("garage", "mairie", "conflict", 1.0, -1, "interviews.csv", 3, "ils bloquent tout"),
        ("cafe", "marie", "co-participation", 2.0, 1, "affiliations.csv", 2, None),
        ("marie", "cafe", "co-participation", 2.0, 1, "affiliations.csv", 2, None),
        ("labo", "garage", "mention", 1.0, 1, "interviews.csv", 4, "le garage du coin"),
    ]
    for u, v, rel, w, sign, file, line, quote in ties:
        G.add_edge(u, v, key=rel, relation=rel, weight=w, trust=None, sign=sign,
                   origin="survey", evidence=(Evidence(file, line, quote),))
    return G


def small_table(G):
    """An actor table shaped like ``actor_table``'s, with hand-set values."""
    import numpy as np
    import pandas as pd

    ids = sorted(G.nodes)
    betweenness = {"mairie": 0.1, "velo": 0.6, "cafe": 0.2, "labo": np.float64(0.0),
                   "marie": 0.05, "garage": np.nan}
    table = pd.DataFrame({
        "label": [G.nodes[i]["label"] for i in ids],
        "sector": [G.nodes[i]["sector"] for i in ids],
        "betweenness": [betweenness[i] for i in ids],
        "constraint": np.linspace(0.2, 0.9, len(ids)),
        "is_hybrid": [i == "velo" for i in ids],
        "is_trusted_intermediary": [i in ("velo", "cafe") for i in ids],
        "cluster": np.array([0 if i in ("mairie", "velo", "garage") else 1 for i in ids], dtype=np.int64),
        "reason": [f"{G.nodes[i]['label']} links several worlds" if i == "velo" else "" for i in ids],
        "email": [f"{i}@leak.example" for i in ids],
    }, index=pd.Index(ids, name="id"))
    return table


def hostile_graph():
    """One actor per payload: in its name, sector, themes, territory, relation and quote."""
    import networkx as nx

    from alliances.model import Evidence

    G = nx.MultiDiGraph()
    G.add_node("hub", label="Hub", sector="public", kind="organisation")
    G.add_node("x", label='<img src=x onerror="window.__x=1">', sector="association",
               themes=("<b>bold</b>",))
    G.add_edge("x", "hub", key="collaboration", relation="collaboration", weight=1.0,
               evidence=(Evidence("survey.csv", 3, "</script><script>window.__y=1</script>"),))
    for i, payload in enumerate(XSS_PAYLOADS):
        node = f"p{i:02d}"
        G.add_node(node, label=payload, sector=payload if i % 2 else "company",
                   themes=(payload, "ok"), territory=payload,
                   kind="person" if i % 3 == 0 else "organisation")
        G.add_edge(node, "hub", key=payload, relation=payload, weight=2.0, sign=1,
                   evidence=(Evidence(payload, i + 2, payload),))
    return G


@pytest.fixture
def map_graph():
    """The small hand-made actor graph (fresh for each test)."""
    return small_graph()


@pytest.fixture
def map_table(map_graph):
    """The hand-made actor table matching ``map_graph``."""
    return small_table(map_graph)


@pytest.fixture
def hostile():
    """(graph, payloads): every payload in names, sectors, themes, relations and quotes."""
    return hostile_graph(), list(XSS_PAYLOADS)
