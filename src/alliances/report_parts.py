"""Pieces of the meeting report: curated tables, in-page downloads, the printed map, the page style.

:mod:`alliances.report` assembles the page; this module makes what it needs
for a report that reads at a glance and prints as a handout:

* the **curated table** of each question (hybrid actors, trusted
  intermediaries, disconnected groups, introductions): the actor, the
  plain-language reason first, then the three or four numbers that support
  it, under human headers in the page's language (the DataFrames keep their
  stable English column names);
* the **downloads** of a full table as CSV and as ``.xlsx``, built into the
  page as ``data:`` URIs (no server, nothing fetched). They are written by
  :func:`alliances.export.write_table` and
  :func:`alliances.export.write_workbook`, so a cell starting with
  ``= + - @`` never runs as a formula, exactly as in ``alliances analyze``;
  the workbook's dates are fixed so that the page stays byte-deterministic;
* the **printed map**: the same map drawn by :func:`alliances.plot_map`
  (same layout and seed as the interactive map) as a PNG, shown only in
  print, where an interactive canvas cannot be printed;
* the page's **style sheet**, for the screen and for A4 print.
"""

from __future__ import annotations

import base64
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx
import pandas as pd

from alliances.i18n import N_, gettext, resolve_lang
from alliances.model import event_type_name, place_type_name, relation_name

__all__ = ["CODE_NAMES", "CURATED_COLUMNS", "HEADERS", "REPORT_CSS", "csv_bytes", "curated_frame",
           "curated_header", "data_uri", "named_codes", "print_map_png", "xlsx_bytes"]

#: Headers of the report's own columns; the analyses' columns take theirs from
#: :data:`alliances.analysis.display.HEADERS` (see :func:`curated_header`).
HEADERS: dict[str, str] = {
    "pair": N_("Introduce"),
}


def curated_header(column: str, lang: str | None = None) -> str:
    """The human header of a curated table's column in ``lang``.

    Examples
    --------
    >>> curated_header("pair", "en"), curated_header("trusted_by", "en"), curated_header("reason", "en")
    ('Introduce', 'Trusted by', 'Why')
    """
    from alliances.analysis.display import header

    if column in HEADERS:
        return gettext(HEADERS[column], resolve_lang(lang))
    return str(header(column, resolve_lang(lang)))


_WAVE_CHANGE = {"appeared": N_("appeared"), "faded": N_("faded"), "kept": N_("kept")}

#: Codes the analyses write in a column as English words, kept for code and the downloads,
#: and what a page says: an actor's kind (:data:`alliances.model.KINDS`), a suggested
#: introduction's (:func:`alliances.suggest_introductions`), and what changed between two
#: waves (:func:`alliances.compare`).
CODE_NAMES: dict[str, dict[str, str]] = {
    "kind": {
        "organisation": N_("organisation"),
        "person": N_("person"),
        "clusters": N_("between clusters"),
        "group apart": N_("group apart"),
        "isolated": N_("isolated actor"),
    },
    "change": {"gained": N_("gained"), "lost": N_("lost"), "kept": N_("kept")},
    "present": {"both": N_("both waves"), "before": N_("first wave only"),
                "after": N_("second wave only")},
    "hybrid_change": _WAVE_CHANGE,
    "intermediary_change": _WAVE_CHANGE,
}


#: Index and column names of the world x world tables (:func:`alliances.mixing_matrix`,
#: :func:`alliances.ei_index`).
_WORLD_AXES = frozenset({"from", "to", "group"})


def _code_namer(names: Mapping[str, str]):
    def name(code: object, lang: str) -> object:
        return gettext(names[code], lang) if isinstance(code, str) and code in names else code
    return name


def named_codes(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """``frame`` as a page shows it: the codes of its columns named in ``lang``.

    The analyses write codes as English words (``workshop``, ``third place``,
    ``funding``, ``group apart``, ``gained``) for code and for the downloads; a
    French page says ``atelier``, ``tiers-lieu``, ``financement``, ``groupe à
    part``, ``gagné``: the event type, place type and relation columns through
    :mod:`alliances.model`'s names, the columns of :data:`CODE_NAMES` through
    the catalogue. The index is named the
    same way when it is one of those columns (the places table's), and its
    "unknown" group (no value recorded) reads "not recorded"; the "unknown"
    world of a world x world table reads as
    :func:`~alliances.analysis.hybrids.sector_name` names a missing world.
    Other values, and ``frame`` itself, are untouched.

    Examples
    --------
    >>> t = pd.DataFrame({"event_type": ["workshop", "Balade"], "kind": ["group apart", "clusters"]})
    >>> named_codes(t, "fr").to_dict("list")
    {'event_type': ['atelier', 'Balade'], 'kind': ['groupe à part', 'entre groupes']}
    >>> named_codes(t, "en") is t
    True
    """
    from alliances.analysis.events import UNKNOWN
    from alliances.analysis.hybrids import sector_name
    from alliances.analysis.mixing import UNKNOWN as NO_WORLD

    code = resolve_lang(lang)
    namers = {"event_type": event_type_name, "place_type": place_type_name,
              "relation": relation_name,
              **{column: _code_namer(names) for column, names in CODE_NAMES.items()}}
    axes = {frame.index.name, frame.columns.name}
    if code == "en" or not ({*frame.columns, *axes} & {*namers, *_WORLD_AXES}):
        return frame
    out = frame.copy()
    # a world x world table (mixing_matrix, ei_index): its group of actors without a world
    unknown = sector_name(None, code)
    if out.columns.name in _WORLD_AXES:
        out.columns = pd.Index([unknown if c == NO_WORLD else c for c in out.columns],
                               name=out.columns.name, dtype=object)
    if out.index.name in _WORLD_AXES:
        out.index = pd.Index([unknown if v == NO_WORLD else v for v in out.index],
                             name=out.index.name, dtype=object)
    for column in out.columns:
        if column in namers and not pd.api.types.is_numeric_dtype(out[column]):
            name = namers[column]
            out[column] = [v if v is None or isinstance(v, float) else name(v, code)
                           for v in out[column]]
    if out.index.name in namers:
        name = namers[out.index.name]
        out.index = pd.Index([gettext("not recorded", code) if v == UNKNOWN else name(v, code)
                              for v in out.index], name=out.index.name, dtype=object)
    return out


#: The columns of each curated table, in order (the reason right after the actor).
CURATED_COLUMNS: dict[str, tuple[str, ...]] = {
    "hybrids": ("label", "reason", "worlds", "participation", "cross_brokerage", "score"),
    "intermediaries": ("label", "reason", "trusted_by", "trusted_by_worlds", "bridged_groups",
                       "score"),
    "groups": ("group", "labels", "size", "composition"),
    "introductions": ("pair", "reason", "go_between_label", "path_length", "score"),
}

#: Rows at most in a curated table (the full table is behind the disclosure and in the downloads).
CURATED_ROWS = 8

_FLAGS = {"hybrids": "is_hybrid", "intermediaries": "is_trusted_intermediary"}


def curated_frame(frame: pd.DataFrame | None, key: str, *, limit: int = CURATED_ROWS,
                  lang: str | None = None) -> pd.DataFrame:
    """The rows and columns of a question's curated table, headers still the English identifiers.

    Parameters
    ----------
    frame : pandas.DataFrame or None
        The analysis result: :func:`~alliances.hybrid_actors`,
        :func:`~alliances.trusted_intermediaries`, the groups table of the
        report or :func:`~alliances.suggest_introductions`.
    key : {"hybrids", "intermediaries", "groups", "introductions"}
        Which question.
    limit : int, default 8
        Rows at most.
    lang : {"en", "fr"}, optional
        Language of the word joining a suggested pair ("and", "et").

    Returns
    -------
    pandas.DataFrame
        For hybrids and intermediaries, the flagged actors only (none flagged:
        no row); for introductions, the pair as one ``pair`` column
        ("A and B"). Columns absent from ``frame`` are left out.

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["A", "B"], "is_hybrid": [True, False], "score": [0.9, 0.2],
    ...                    "reason": ["spans 3 worlds", "one world"], "worlds": [3, 1]})
    >>> curated_frame(df, "hybrids").to_dict("list")
    {'label': ['A'], 'reason': ['spans 3 worlds'], 'worlds': [3], 'score': [0.9]}
    """
    if key not in CURATED_COLUMNS:
        raise ValueError(f"key must be one of {', '.join(CURATED_COLUMNS)}, got {key!r}")
    if frame is None or len(frame) == 0:
        return pd.DataFrame(columns=[c for c in CURATED_COLUMNS[key] if c != "pair"])
    chosen = frame
    flag = _FLAGS.get(key)
    if flag is not None:
        mask = frame[flag].fillna(False).astype(bool) if flag in frame.columns else \
            pd.Series(False, index=frame.index)
        chosen = frame[mask.to_numpy()]
    chosen = chosen.head(limit).copy()
    if key == "introductions" and {"source_label", "target_label"} <= set(chosen.columns):
        word = gettext("and", resolve_lang(lang))
        chosen["pair"] = [f"{a} {word} {b}" for a, b in
                          zip(chosen["source_label"], chosen["target_label"], strict=True)]
    return chosen[[c for c in CURATED_COLUMNS[key] if c in chosen.columns]]


def data_uri(payload: bytes, mime: str) -> str:
    """``payload`` as a ``data:`` URI (base64), for a link that needs no server.

    Examples
    --------
    >>> data_uri(b"a,b\\n", "text/csv")
    'data:text/csv;base64,YSxiCg=='
    """
    return f"data:{mime};base64," + base64.b64encode(payload).decode("ascii")


def csv_bytes(frame: pd.DataFrame, lang: str | None = None) -> bytes:
    """A table as the CSV file ``alliances analyze`` writes, for the page's language.

    English: comma-separated UTF-8. French: ``;``-separated UTF-8 with a
    byte-order mark and ``,`` as the decimal mark, what Excel in a French
    locale opens with a double click. Text cells that a spreadsheet would run
    as formulas are neutralised (:func:`alliances.export.neutralize_cell`).

    Parameters
    ----------
    frame : pandas.DataFrame
    lang : {"en", "fr"}, optional

    Returns
    -------
    bytes

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"label": ["=1+1"], "x": [0.5]}), "fr").decode("utf-8-sig").splitlines()
    [';label;x', "0;'=1+1;0,5"]
    """
    from alliances.export import write_table

    french = resolve_lang(lang) == "fr"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        write_table(frame, path, sep=";" if french else ",", bom=french,
                    decimal="," if french else ".")
        return path.read_bytes()


#: The date written in the workbooks of the page: a fixed one, so that the page is deterministic.
_FIXED_DATE = "2000-01-01T00:00:00Z"


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes | None:
    """Tables as one ``.xlsx`` workbook (one sheet each), or None when openpyxl is not installed.

    Written by :func:`alliances.export.write_workbook` (no cell runs as a
    formula); the archive's dates are fixed, so the same tables give the same
    bytes.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        Sheet name -> table.

    Returns
    -------
    bytes or None
    """
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return None
    from alliances.export import write_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.xlsx"
        write_workbook(dict(tables), path)
        source = zipfile.ZipFile(path)
        out = io.BytesIO()
        with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in sorted(source.infolist(), key=lambda i: i.filename):
                data = source.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                                  rb"\g<1>" + _FIXED_DATE.encode(), data)
                fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = 0o600 << 16
                target.writestr(fixed, data)
        return out.getvalue()


def print_map_png(
    G: nx.Graph,
    *,
    table: pd.DataFrame | None,
    attr: str,
    seed: int,
    relations: str | Iterable[str] | None,
    size: str | None,
    lang: str | None,
) -> tuple[bytes, str]:
    """The map for print: :func:`alliances.plot_map` as a PNG, and its caption.

    Same layout, seed, colours and marks as the interactive map; no title
    (the page has one). 10 x 6.4 inches at 150 dpi: the width of an A4 page
    between margins, with room for the key findings above it on page 1.

    Returns
    -------
    tuple of (bytes, str)
        The PNG and the figure's caption (how many actors are labelled).
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from alliances.maps.static import plot_map, save_figure

    fig, ax = plt.subplots(figsize=(10, 6.4), layout="constrained")
    try:
        plot_map(G, ax=ax, color=attr, size=size or "betweenness", relations=relations, seed=seed,
                 table=table, title="", lang=lang)
        caption = str(getattr(ax, "alliances_caption", ""))
        buffer = io.BytesIO()
        save_figure(fig, buffer, format="png", dpi=150, metadata={"Software": None})
        return buffer.getvalue(), caption
    finally:
        plt.close(fig)


REPORT_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;
background:#fafafa;line-height:1.45}
main{max-width:1240px;margin:0 auto;padding:.8rem 1.5rem 1.5rem}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem 1rem;margin:0 0 .4rem}
h1{font-size:1.6rem;margin:.2rem 0}.date{color:#555}
nav.toc{display:flex;flex-wrap:wrap;gap:.1rem .9rem;font-size:.85rem;margin:.2rem 0 .6rem}nav.toc a{white-space:nowrap}
h2{margin-top:2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}h3{margin-top:1.4rem}
.first{display:grid;grid-template-columns:minmax(0,36%) minmax(0,1fr);gap:1rem;align-items:start}
.first h2{margin-top:0}
ul.key{padding-left:1.1rem;margin:.4rem 0}ul.key li{margin:.45rem 0}
.numbers{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}
.numbers div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.3rem .7rem;font-size:.85rem}
.numbers b{display:block;font-size:1.2rem}
iframe.map{width:100%;height:max(480px,calc(100vh - 225px));border:1px solid #ccc;background:#fff;display:block}
figure.print-map{display:none;margin:0}
.finding{background:#fff;border-left:4px solid #0072b2;padding:.5rem 1rem;margin:.8rem 0}
.finding ul{margin:.3rem 0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem;background:#fff}
table.curated{width:100%}table.curated td.reason{min-width:18rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.reason{min-width:22rem}td.num{text-align:right;font-variant-numeric:tabular-nums}
details{margin:.6rem 0}summary{cursor:pointer;color:#0b5cad}
.downloads{font-size:.9rem;margin:.4rem 0}.downloads a{margin-right:1rem}
pre{background:#fff;border:1px solid #ddd;padding:.8rem;overflow-x:auto;white-space:pre-wrap}
.help{color:#333;background:#f3f7fb;padding:.5rem .8rem;border-radius:4px}
.muted{color:#666;font-size:.85rem}
footer{margin-top:3rem;color:#666;font-size:.85rem}
@media (max-width:900px){.first{grid-template-columns:1fr}}
@page{size:A4;margin:14mm 12mm}
@media print{
body{background:#fff;font-size:10pt;line-height:1.3}
main{max-width:none;padding:0}
nav.toc,iframe.map,.map-help,details,.downloads,section[id^="table-"]{display:none!important}
.first{display:block}.first #map h2{display:none}
figure.print-map{display:block;break-inside:avoid}
figure.print-map img{width:100%;height:auto;max-height:150mm;object-fit:contain}
figure.print-map figcaption{font-size:8pt;color:#555}
#hybrids,#intermediaries,#groups,#introductions,#change,#events,#notes{break-before:page}
#notes~#import{break-before:auto}#import{break-before:page}
h2,h3{break-after:avoid}tr,.finding{break-inside:avoid}
thead{display:table-header-group}th{position:static}
.scroll{overflow:visible}table{font-size:8pt;width:100%}td.reason{min-width:0}
th,td{padding:.12rem .3rem}.help{padding:.3rem .5rem}h2{margin-top:0}
a{color:inherit;text-decoration:none}
}
"""
