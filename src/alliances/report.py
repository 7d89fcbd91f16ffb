"""The one-file HTML report a practitioner can hand out.

:func:`html_report` gathers, in one self-contained page that opens offline
and makes no network request: the interactive map (embedded in an
``<iframe srcdoc>``), the key findings in plain words (hybrid actors,
trusted intermediaries, disconnected groups, suggested introductions), the
import report, the tables, and how to read each measure.

Every piece of user text (names, sectors, themes, quotes, title) is escaped
with :func:`html.escape`: it is shown as text, never run as markup. The page
holds no date and no random element, so the same graph and seed give the
same bytes.
"""

from __future__ import annotations

import html
import importlib
import inspect
import math
import warnings
from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import pandas as pd

from alliances._version import __version__
from alliances.errors import AlliancesWarning, InputError, every_warning, warn
from alliances.i18n import N_, format_number, gettext, ngettext, resolve_lang
from alliances.model import check_graph, is_missing, iter_ties

if TYPE_CHECKING:
    from alliances.analysis.compare import Comparison, Waves

__all__ = ["MEASURE_HELP", "MEASURE_HELP_FR", "compute_tables", "drop_private", "flat_frame", "html_report", "write_report"]

#: Columns never shown in an output: private fields of the actor registry.
PRIVATE_COLUMNS: frozenset[str] = frozenset({"email", "consent", "notes", "e-mail", "mail"})

# table name -> (module, function, title)
_TABLE_SOURCES: dict[str, tuple[str, str, str]] = {
    "actors": ("alliances.analysis.table", "actor_table", N_("All actors")),
    "hybrids": ("alliances.analysis.hybrids", "hybrid_actors", N_("Hybrid actors")),
    "intermediaries": ("alliances.analysis.intermediaries", "trusted_intermediaries",
                       N_("Trusted intermediaries")),
    "brokerage": ("alliances.analysis.brokerage", "brokerage_roles", N_("Brokerage roles")),
    "clusters": ("alliances.analysis.clusters", "clusters", N_("Clusters")),
    "introductions": ("alliances.analysis.introductions", "suggest_introductions",
                      N_("Suggested introductions")),
    "mixing": ("alliances.analysis.mixing", "mixing_matrix", N_("Ties between worlds")),
}

#: How to read each table, in plain words (shown in the report).
MEASURE_HELP: dict[str, str] = {
    "actors": N_(
        "One row per actor: its world (sector), how many ties it sends and receives, and "
        "the measures of the other tables. Actors who did not answer the survey "
        "(respondent = no) are only seen through what others said about them: their "
        "outgoing ties are unknown, so read their measures as a lower bound."
    ),
    "hybrids": N_(
        "A hybrid actor belongs to, or works with, several worlds (public authorities, "
        "companies, associations, research, citizens, intermediaries). Hybrids translate "
        "between jargons and paces: they are the first people to involve when a project needs "
        "actors who do not understand each other. A higher score means ties spread more "
        "evenly over more worlds."
    ),
    "intermediaries": N_(
        "A trusted intermediary is trusted by actors of several groups and links groups that "
        "are not otherwise linked: the 'transmission belt' of a territory. The score combines "
        "the trust received and the position between groups; the reason column says which "
        "groups rely on the actor."
    ),
    "brokerage": N_(
        "Gould and Fernandez (1989) brokerage roles count, for each actor, the pairs of actors "
        "it stands between (A -> actor -> B with no direct tie A -> B), by the worlds of A, the "
        "actor and B: coordinator (all three in one world), gatekeeper (lets outsiders into "
        "its world), representative (speaks for its world outside), consultant (serves another "
        "world from outside), liaison (links two other worlds, all three different)."
    ),
    "clusters": N_(
        "Clusters are groups of actors with more ties inside than between them (community "
        "detection, seeded so the result is reproducible). They show who already works "
        "together; actors of different clusters rarely meet. Groups with no tie at all to the "
        "others are listed in the key findings as disconnected."
    ),
    "introductions": N_(
        "Suggested introductions pair actors of groups that have no or few ties with each "
        "other, choosing actors who are trusted and active in their own group, often through a "
        "common acquaintance. They are suggestions to discuss with the people concerned, not "
        "instructions: the data only shows what respondents reported."
    ),
    "mixing": N_(
        "Ties between worlds: each cell counts the ties from actors of the row's world to "
        "actors of the column's world. A heavy diagonal means each world works mostly with "
        "itself. The E-I index, from -1 (all ties inside one's world) to +1 (all ties "
        "outside), summarises it."
    ),
}

#: The same, in French (from the catalogue: ``locale/fr/LC_MESSAGES/alliances.po``).
MEASURE_HELP_FR: dict[str, str] = {key: gettext(text, "fr") for key, text in MEASURE_HELP.items()}

_CHANGE_HELP = N_(
    "Each wave is the same questionnaire run at a different time. A tie (one relation reported "
    "by one actor about another) is kept when reported in both waves, gained or lost otherwise. "
    "A change can come from a change in who answered: the columns '... (answered both)' repeat "
    "each figure on the actors who answered both waves only. On the map, positions are the same "
    "in every wave; use the 'Show' menu to switch waves."
)

_EVENTS_HELP = N_(
    "An event (a workshop, a committee, a festival, a site visit...) gathers actors of several "
    "worlds. 'worlds' counts the distinct worlds among its participants; 'diversity' is the "
    "chance that two participants drawn at random belong to different worlds (Blau index); "
    "'diversity_z' compares it with random attendance by as many actors: above +2 the event "
    "mixed the worlds more than chance, below -2 less. The places table groups the events by "
    "kind of place (third place, institutional venue, online)."
)

_EFFECT_HELP = N_(
    "Did actors who took part in an event together form more new ties by the next wave than "
    "comparable pairs (same worlds, same distance in the first wave) who did not? The ratio "
    "(rate_ratio) compares their rates, with its confidence interval. It is observed, not "
    "proof: people choose the events they go to. With too few new ties no ratio is given and "
    "the reason column says why."
)

def _tr(lang: str, text: str, **fields: Any) -> str:
    """The page's own text in ``lang``, from the catalogue (user values only enter through ``fields``)."""
    template = gettext(text, lang)
    return template.format(**fields) if fields else template


def _trn(lang: str, singular: str, plural: str, n: int, **fields: Any) -> str:
    """:func:`_tr` with the singular or plural form for ``n`` (``n`` is a field too)."""
    return ngettext(singular, plural, n, lang).format(n=n, **fields)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;
background:#fafafa;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{font-size:1.7rem;margin:.2rem 0 1rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd;
padding-bottom:.2rem}h3{margin-top:1.5rem}
nav ul{columns:2;padding-left:1.2rem}
.numbers{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.numbers div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}
.numbers b{display:block;font-size:1.5rem}
.finding{background:#fff;border-left:4px solid #0072b2;padding:.5rem 1rem;margin:.8rem 0}
.finding ul{margin:.3rem 0}
iframe.map{width:100%;height:720px;border:1px solid #ccc;background:#fff}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem;background:#fff}
th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.reason{min-width:22rem}td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#fff;border:1px solid #ddd;padding:.8rem;overflow-x:auto;white-space:pre-wrap}
.help{color:#333;background:#f3f7fb;padding:.5rem .8rem;border-radius:4px}
.muted{color:#666;font-size:.85rem}
footer{margin-top:3rem;color:#666;font-size:.85rem}
@media print{iframe.map{height:500px}nav{display:none}}
"""


# --------------------------------------------------------------------------- tables

def _call(func: Callable[..., Any], G: Any, **kwargs: Any) -> Any:
    """Call an analysis with the keyword arguments it accepts (None values left out)."""
    params = inspect.signature(func).parameters
    open_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    chosen = {k: v for k, v in kwargs.items()
              if v is not None and (open_kwargs or k in params)}
    return func(G, **chosen)


def compute_tables(
    G: nx.Graph,
    *,
    attr: str = "sector",
    seed: int = 0,
    relations: str | Iterable[str] | None = None,
    table: pd.DataFrame | None = None,
    progress: Callable[[str], None] | None = None,
    lang: str | None = None,
) -> dict[str, pd.DataFrame]:
    """Compute every table of the report and of ``alliances analyze``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor graph (not modified).
    attr : str, default "sector"
        Actor attribute defining the groups ("worlds").
    seed : int, default 0
        Seed of every random step (clusters).
    relations : str or iterable of str, optional
        Relations to use; default: all positive ties.
    table : pandas.DataFrame, optional
        An :func:`~alliances.actor_table` already computed, reused as is.
    progress : callable, optional
        Called with a short message before each table (the CLI prints them).
    lang : {"en", "fr"}, optional
        Language of the progress messages (None: the environment's); the
        tables keep their English column names.

    Returns
    -------
    dict of str to pandas.DataFrame
        Keys ``actors, hybrids, intermediaries, brokerage, clusters,
        introductions, mixing`` in this order. When no actor has ``attr``,
        the tables measuring worlds (``hybrids``, ``brokerage``, ``mixing``)
        are empty and an :class:`~alliances.errors.AlliancesWarning` says why.

    Examples
    --------
    >>> import warnings
    >>> from alliances.model import from_frames
    >>> G = from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     tables = compute_tables(G)
    >>> list(tables)
    ['actors', 'hybrids', 'intermediaries', 'brokerage', 'clusters', 'introductions', 'mixing']
    >>> len(tables["actors"]), len(tables["introductions"])
    (2, 0)
    """
    check_graph(G, caller="compute_tables")
    rel = [relations] if isinstance(relations, str) else (list(relations) if relations else None)
    worlds = _has_worlds(G, attr)
    if not worlds:
        warn(_NO_WORLDS, once=G, attr=attr)
    out: dict[str, pd.DataFrame] = {}
    for key, (module, name, title) in _TABLE_SOURCES.items():
        if key == "actors" and table is not None:
            out[key] = table
            continue
        if key in _WORLD_TABLES and not worlds:
            out[key] = pd.DataFrame(index=pd.Index([], name="id", dtype=object))
            continue
        func = getattr(importlib.import_module(module), name)
        if progress is not None:
            progress(f"  {_tr(resolve_lang(lang), title)} ...")
        # the introductions start from the actor table: hand over the one just computed
        reuse = {"table": out["actors"]} if key == "introductions" and "actors" in out else {}
        out[key] = _call(func, G, attr=attr, seed=seed, relations=rel, **reuse)
    return out


#: Tables that measure ties between worlds: empty when no actor has one.
_WORLD_TABLES = frozenset({"hybrids", "brokerage", "mixing"})

_NO_WORLDS = N_(
    "No actor has a world (node attribute {attr!r}), so the tables of hybrid actors, brokerage "
    "roles and ties between worlds are empty. Set it (nx.set_node_attributes(G, {{id: 'public', "
    "...}}, {attr!r})), load an actor registry with alliances.load(folder), or name the attribute "
    "that holds it with attr=."
)


def _has_worlds(G: nx.Graph, attr: str) -> bool:
    """True when some actor carries ``attr`` (or the graph has no actor): the rule of :func:`check_graph`."""
    try:
        check_graph(G, needs=(attr,))
    except InputError:
        return False
    return True


def _cell_text(value: Any) -> Any:
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return " | ".join(str(v) for v in items)
    return value


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def drop_private(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` without the private columns (e-mail, consent, notes).

    Examples
    --------
    >>> list(drop_private(pd.DataFrame({"label": ["A"], "Email": ["a@b.fr"]})).columns)
    ['label']
    """
    private = [c for c in frame.columns if str(c).strip().lower() in PRIVATE_COLUMNS]
    return frame.drop(columns=private) if private else frame


def flat_frame(frame: pd.DataFrame, *, safe: bool = False) -> pd.DataFrame:
    """Return a copy ready for CSV/Excel: tuples joined with `` | ``, private columns dropped.

    Parameters
    ----------
    frame : pandas.DataFrame
    safe : bool, default False
        Prefix text cells starting with ``= + - @`` (or tab, carriage return)
        with ``'`` so that a spreadsheet shows them instead of running them as
        formulas (CSV/formula injection).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["=HYPERLINK(1)", "Vélo"], "themes": [("a", "b"), ()],
    ...                    "email": ["x@y.fr", ""]})
    >>> flat_frame(df, safe=True).to_dict("list")
    {'label': ["'=HYPERLINK(1)", 'Vélo'], 'themes': ['a | b', '']}
    """
    out = drop_private(frame).copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            values = [_cell_text(v) for v in out[col]]
            if safe:
                values = [("'" + v) if isinstance(v, str) and v.startswith(_FORMULA_START) else v
                          for v in values]
            out[col] = pd.Series(values, index=out.index, dtype=object)
    return out


# --------------------------------------------------------------------------- HTML helpers

def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _fmt(value: Any, lang: str = "en") -> tuple[str, bool]:
    """Text of a cell in ``lang`` and whether it is a number (right-aligned)."""
    if isinstance(value, (tuple, list, set, frozenset)):
        return _cell_text(value), False
    if is_missing(value):
        return "", False
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return (_tr(lang, "yes") if bool(value) else _tr(lang, "no")), False
    if isinstance(value, int) or (hasattr(value, "dtype") and "int" in str(value.dtype)):
        return str(int(value)), True
    if isinstance(value, float) or (hasattr(value, "dtype") and "float" in str(value.dtype)):
        number = float(value)
        if math.isnan(number):
            return "", False
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number)), True
        text = f"{number:.3f}".rstrip("0").rstrip(".")
        return (text if lang == "en" else format_number(float(text), lang, digits=None)), True
    return str(value), False


def _table_html(frame: pd.DataFrame, *, max_rows: int = 200, lang: str = "en") -> str:
    frame = flat_frame(frame)
    if "reason" in frame.columns:  # long sentences read best in the last, widest column
        frame = frame[[c for c in frame.columns if c != "reason"] + ["reason"]]
    index_name = frame.index.name or ""
    head = "".join(f"<th>{_e(c)}</th>" for c in [index_name, *frame.columns])
    rows = []
    for idx, row in zip(frame.index[:max_rows], frame.head(max_rows).itertuples(index=False),
                        strict=True):
        cells = [f"<th>{_e(idx)}</th>"]
        for value in row:
            text, numeric = _fmt(value, lang)
            cls = ' class="num"' if numeric else (' class="reason"' if len(text) > 60 else "")
            cells.append(f"<td{cls}>{_e(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if len(frame) > max_rows:
        more = ('<p class="muted">' + _e(_tr(lang, "First {shown} of {total} rows; "
                "alliances analyze writes them all.", shown=max_rows, total=len(frame))) + "</p>")
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>{more}")


def _flagged(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows an analysis flags (``is_...`` boolean column), else the table as sorted."""
    flags = [c for c in frame.columns if str(c).startswith("is_")]
    if flags:
        mask = frame[flags[0]].fillna(False).astype(bool)
        return frame[mask]
    return frame


def _label(idx: Any, row: Mapping[str, Any]) -> str:
    label = row.get("label")
    return str(idx) if is_missing(label) else str(label)


def _finding_list(frame: pd.DataFrame | None, *, limit: int = 5,
                  lang: str = "en") -> tuple[int, str]:
    if frame is None or len(frame) == 0:
        return 0, ""
    chosen = _flagged(frame)
    if len(chosen) == 0:
        return 0, ""
    items = []
    for idx, row in zip(chosen.index[:limit], chosen.head(limit).to_dict("records"), strict=True):
        reason = row.get("reason")
        text = f"<b>{_e(_label(idx, row))}</b>"
        if not is_missing(reason) and str(reason):
            text += f": {_e(reason)}"
        items.append(f"<li>{text}</li>")
    more = ""
    if len(chosen) > limit:
        more = "<li>" + _e(_tr(lang, "... and {n} more (see the table below)",
                               n=len(chosen) - limit)) + "</li>"
    return len(chosen), "<ul>" + "".join(items) + more + "</ul>"


def _groups(G: nx.Graph, relations: Any) -> list[list[Any]]:
    """Disconnected groups: weakly connected components of the positive ties."""
    from alliances.analysis.views import tie_graph

    H = tie_graph(G, relations=relations, directed=False)
    comps = [sorted(c, key=str) for c in nx.connected_components(H)]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def _node_label(G: nx.Graph, n: Any) -> str:
    label = G.nodes[n].get("label") if n in G else None
    return str(n) if is_missing(label) else str(label)


def _introduction_items(frame: pd.DataFrame | None, limit: int = 5,
                        lang: str = "en") -> tuple[int, str]:
    if frame is None or len(frame) == 0:
        return 0, ""
    items = []
    for idx, row in zip(frame.index[:limit], frame.head(limit).to_dict("records"), strict=True):
        reason = row.get("reason")
        pair = [row.get(c) for c in ("label_a", "label_b") if c in row]
        if len(pair) != 2:
            pair = [row.get(c) for c in ("source_label", "target_label") if c in row]
        if len(pair) == 2 and not any(is_missing(p) for p in pair):
            word = _tr(lang, "and")
            text = f"<b>{_e(pair[0])}</b> {_e(word)} <b>{_e(pair[1])}</b>"
        else:
            text = f"<b>{_e(_label(idx, row))}</b>"
        if not is_missing(reason) and str(reason):
            text += f": {_e(reason)}"
        items.append(f"<li>{text}</li>")
    more = ("<li>" + _e(_tr(lang, "... and {n} more", n=len(frame) - limit)) + "</li>"
            if len(frame) > limit else "")
    return len(frame), "<ul>" + "".join(items) + more + "</ul>"


# --------------------------------------------------------------------------- report

def html_report(
    G: nx.Graph,
    *,
    title: str | None = None,
    attr: str = "sector",
    seed: int = 0,
    table: pd.DataFrame | None = None,
    map: bool = True,
    relations: str | Iterable[str] | None = None,
    size: str | None = None,
    max_rows: int = 200,
    progress: Callable[[str], None] | None = None,
    lang: Literal["en", "fr"] | None = None,
    pseudonymize: str | bytes | PathLike[str] | None = None,
    actors: pd.DataFrame | None = None,
    waves: Comparison | Waves | None = None,
    co_participation: pd.DataFrame | tuple[nx.Graph, nx.Graph, nx.Graph] | None = None,
) -> str:
    """Build the one-file HTML report of an actor graph.

    When ``G`` has events (``G.graph["events"]``, written by
    :func:`alliances.read_affiliations`), a "Places and events" section
    shows the events table (:func:`alliances.events`: type, date, place
    type, participants, worlds, diversity and its z-score, reason) and the
    places summary (:func:`alliances.places`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor graph (not modified). Its import report, if any
        (``G.graph["import_report"]``), is included.
    title : str, optional
        Title of the page; default ``G.graph["name"]`` or a generic title.
    attr : str, default "sector"
        Actor attribute defining the groups and the map colours.
    seed : int, default 0
        Seed of the map layout and clusters: same graph and seed, same bytes.
    table : pandas.DataFrame, optional
        A precomputed :func:`~alliances.actor_table`, reused for the map and
        the actors table.
    map : bool, default True
        Embed the interactive map (in an ``<iframe srcdoc>``; no network).
    relations : str or iterable of str, optional
        Relations to analyse; default: all positive ties.
    size : str, optional
        Actor-table column that sizes the actors on the map.
    max_rows : int, default 200
        Rows shown per table (the full tables come from ``alliances analyze``).
    progress : callable, optional
        Called with a short message before each step (the CLI prints them).
    lang : {"en", "fr"}, default "en"
        Language of the page's own text (headings, findings, how to read
        the measures); the ``reason`` sentences of the tables stay as the
        analyses write them.
    pseudonymize : str, bytes or path-like, optional
        A pseudonymisation key or key file (as in
        :func:`~alliances.maps.interactive.interactive_map`): the graph goes
        through :func:`alliances.privacy.pseudonymize` before any table is
        computed, so people appear only as codes in the findings, tables and
        map. The import report (it holds raw rows and names) is withheld and
        the page says what was pseudonymised. Cannot be combined with
        ``table``.
    actors : pandas.DataFrame, optional
        The actor registry, only with ``pseudonymize`` (consent, aliases).
    waves : Comparison or Waves, optional
        A :func:`~alliances.compare` or :func:`~alliances.compare_waves`
        result: adds the "Change between waves" section (headline figures,
        findings, ties gained and lost, the change map). ``G`` is then
        usually the last wave.
    co_participation : pandas.DataFrame or tuple, optional
        The co-participation effect shown in "Places and events": a table
        made by :func:`alliances.co_participation_effect`, or the graphs
        ``(before, after, affiliations)`` to compute it from (the two waves
        and the graph of the events held between them, from
        :func:`alliances.read_affiliations`).

    Returns
    -------
    str
        A complete HTML document, UTF-8, with no external resource.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    ValueError
        If ``lang`` is not "en" or "fr", or ``pseudonymize`` is combined with
        ``waves``, ``co_participation`` or ``table``.

    Examples
    --------
    >>> import warnings
    >>> from alliances.model import from_frames
    >>> ties = pd.DataFrame({"source": ["a"], "target": ["b"]})
    >>> actors = pd.DataFrame({"label": ["<b>A</b>", "B"]}, index=pd.Index(["a", "b"], name="id"))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     page = html_report(from_frames(actors, ties), map=False, title="Test")
    >>> "&lt;b&gt;A&lt;/b&gt;" in page, "<b>A</b>" in page
    (True, False)
    """
    from alliances.maps.interactive import pseudonymized

    check_graph(G, caller="html_report")
    lang = resolve_lang(lang)
    if waves is not None and pseudonymize is not None:
        raise ValueError(
            "waves= cannot be combined with pseudonymize=: the comparison holds the real names. "
            "Pseudonymise each wave with the same key (alliances.pseudonymize) before "
            "alliances.compare, then pass the pseudonymised last wave as G."
        )
    if co_participation is not None and pseudonymize is not None:
        raise ValueError(
            "co_participation= cannot be combined with pseudonymize=: its graphs and new ties "
            "hold the real names. Pseudonymise the waves and the participation graph with the "
            "same key first (alliances.pseudonymize)."
        )
    G, table = pseudonymized(G, pseudonymize, actors, table)
    rel = [relations] if isinstance(relations, str) else (sorted(relations) if relations else None)
    tables, notes = _tables_and_notes(G, attr=attr, seed=seed, relations=rel, table=table,
                                      progress=progress, lang=lang)
    page_title = title or G.graph.get("name") or _tr(lang, "Stakeholder network report")
    page = _Page(lang)
    page.section("findings", N_("Key findings"),
                 _numbers_html(G, attr, lang) + _findings_html(G, tables, rel, notes, lang))
    if map:
        if progress is not None:
            progress("  " + _tr(lang, "map ..."))
        page.section("map", N_("Map"), _map_html(G, attr=attr, seed=seed, title=page_title, relations=rel,
                                             table=tables.get("actors"), size=size, lang=lang))
    if waves is not None:
        if progress is not None:
            progress("  " + _tr(lang, "change between waves ..."))
        page.section("change", N_("Change between waves"),
                     _waves_section(waves, seed=seed, map=map, max_rows=max_rows, lang=lang))
    if _event_records(G) or co_participation is not None:
        if progress is not None:
            progress("  " + _tr(lang, "places and events ..."))
        page.section("events", N_("Places and events"),
                     _events_section(G, attr=attr, seed=seed, relations=rel, max_rows=max_rows,
                                     lang=lang, co_participation=co_participation,
                                     waves=waves))
    for key, frame in tables.items():
        helptext = MEASURE_HELP_FR[key] if lang == "fr" else MEASURE_HELP[key]
        page.section(f"table-{key}", _TABLE_SOURCES[key][2],
                     f'<p class="help">{_e(helptext)}</p>' + _table_html(frame, max_rows=max_rows, lang=lang))
    page.section("import", N_("What was read (import report)"), _import_html(G, lang))
    return page.document(page_title, seed)


class _Page:
    """The sections of the report page, in order, with their table of contents."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.toc: list[tuple[str, str]] = []

    def section(self, anchor: str, heading: str, body: str) -> None:
        self.toc.append((anchor, heading))
        self.parts.append(f'<section id="{anchor}"><h2>{_e(_tr(self.lang, heading))}</h2>{body}</section>')

    def document(self, title: str, seed: int) -> str:
        """The complete HTML document: head, navigation, sections and footer."""
        lang = self.lang
        nav = "<nav><ul>" + "".join(f'<li><a href="#{a}">{_e(_tr(lang, h))}</a></li>'
                                     for a, h in self.toc) + "</ul></nav>"
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="alliances {_e(__version__)}">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n"
            f"<body><main><h1>{_e(title)}</h1>{nav}\n"
            + "\n".join(self.parts)
            + "\n<footer>" + _e(_tr(
                lang, "Made with alliances {version} (seed {seed}). Read the measures as a picture "
                "of what respondents reported, not as a judgement on people.",
                version=__version__, seed=int(seed))) + "</footer>"
            "</main></body></html>\n"
        )


def _tables_and_notes(G: nx.Graph, *, attr: str, seed: int, relations: list[str] | None,
                      table: pd.DataFrame | None,
                      progress: Callable[[str], None] | None,
                      lang: str = "en") -> tuple[dict[str, pd.DataFrame], list[str]]:
    """:func:`compute_tables`, and the distinct warnings of the analyses (shown as notes on the data)."""
    with warnings.catch_warnings(record=True) as caught, every_warning():
        warnings.simplefilter("always", AlliancesWarning)
        tables = compute_tables(G, attr=attr, seed=seed, relations=relations, table=table,
                                progress=progress, lang=lang)
    notes: list[str] = []
    for w in caught:
        if issubclass(w.category, AlliancesWarning):
            # a warning made by alliances.errors.warn can be said again in the page's language
            text = w.message.text(lang) if isinstance(w.message, AlliancesWarning) else str(w.message)
            if text not in notes:
                notes.append(text)
    passed: set[str] = set()
    for w in caught:
        # shown once to the caller too, at the caller's line, as if the analyses had warned
        if isinstance(w.message, AlliancesWarning):
            warn(w.message.template or str(w.message), once=G, category=type(w.message),
                 **w.message.fields)
        elif str(w.message) not in passed:
            passed.add(str(w.message))
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return tables, notes


def _numbers_html(G: nx.Graph, attr: str, lang: str) -> str:
    """Actors, ties, respondents and groups counted; the relations and groups named."""
    respondents = sum(1 for _, answered in G.nodes(data="respondent")
                      if not is_missing(answered) and answered)
    groups = sorted({str(value) for _, value in G.nodes(data=attr) if not is_missing(value)})
    relations = sorted({str(tie.relation) for tie in iter_ties(G, weight=None, self_loops=True)})
    words = (_tr(lang, "actors"), _tr(lang, "ties"), _tr(lang, "respondents"),
             _tr(lang, "{attr} groups", attr=attr))
    return (
        '<div class="numbers">'
        f"<div><b>{G.number_of_nodes()}</b>{_e(words[0])}</div>"
        f"<div><b>{G.number_of_edges()}</b>{_e(words[1])}</div>"
        f"<div><b>{respondents}</b>{_e(words[2])}</div>"
        f"<div><b>{len(groups)}</b>{_e(words[3])}</div>"
        "</div>"
        '<p class="muted">' + _e(_tr(
            lang, "Relations: {relations}. Groups ({attr}): {groups}.",
            relations=", ".join(relations) or _tr(lang, "none"), attr=attr,
            groups=", ".join(groups) or _tr(lang, "none"))) + "</p>"
    )


def _findings_html(G: nx.Graph, tables: Mapping[str, pd.DataFrame], relations: list[str] | None,
                   notes: list[str], lang: str) -> str:
    """The key findings: hybrids, trusted intermediaries, disconnected groups, introductions, notes."""
    findings = []
    count, items = _finding_list(tables.get("hybrids"), lang=lang)
    findings.append(_finding(
        _tr(lang, "Hybrid actors"),
        _trn(lang, "{n} actor spans several worlds and can translate between them.",
             "{n} actors span several worlds and can translate between them.", count)
        if count else _tr(lang, "No actor spans several worlds in these data."), items))
    count, items = _finding_list(tables.get("intermediaries"), lang=lang)
    findings.append(_finding(
        _tr(lang, "Trusted intermediaries"),
        _trn(lang, "{n} actor is trusted across groups and links them.",
             "{n} actors are trusted across groups and link them.", count)
        if count else _tr(lang, "No trusted intermediary stands out in these data."), items))
    findings.append(_groups_finding(G, relations, lang))
    count, items = _introduction_items(tables.get("introductions"), lang=lang)
    findings.append(_finding(
        _tr(lang, "Suggested introductions"),
        _trn(lang, "{n} introduction could connect groups that do not work together.",
             "{n} introductions could connect groups that do not work together.", count)
        if count else _tr(lang, "No introduction is suggested."), items))
    if notes:
        findings.append(_finding(
            _tr(lang, "Notes on the data"), _tr(lang, "Read the findings with these limits in mind:"),
            "<ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>"))
    return "".join(findings)


def _groups_finding(G: nx.Graph, relations: list[str] | None, lang: str) -> str:
    """The disconnected groups (at most 8 listed, 8 names each); '' for a graph without actors."""
    groups = _groups(G, relations) if G.number_of_nodes() else []
    if not groups:
        return ""
    if len(groups) == 1:
        return _finding(_tr(lang, "Disconnected groups"), _tr(
            lang, "Every actor is connected to every other through some chain of ties: "
            "there is no fully disconnected group."), "")
    lis = []
    for i, comp in enumerate(groups[:8], start=1):
        names = ", ".join(_node_label(G, n) for n in comp[:8])
        extra = _tr(lang, " and {n} more", n=len(comp) - 8) if len(comp) > 8 else ""
        head = _trn(lang, "Group {i} ({n} actor): ", "Group {i} ({n} actors): ", len(comp), i=i)
        lis.append(f"<li>{_e(head)}{_e(names)}{_e(extra)}</li>")
    if len(groups) > 8:
        lis.append("<li>" + _e(_tr(lang, "... and {n} more groups", n=len(groups) - 8)) + "</li>")
    return _finding(
        _tr(lang, "Disconnected groups"),
        _tr(lang, "The actors form {n} groups with no tie between them.", n=len(groups)),
        "<ul>" + "".join(lis) + "</ul>")


def _map_html(G: nx.Graph, *, attr: str, seed: int, title: str, relations: list[str] | None,
              table: pd.DataFrame | None, size: str | None, lang: str) -> str:
    """The interactive map in a sandboxed ``<iframe srcdoc>``, with how to use it."""
    from alliances.maps.interactive import interactive_map

    the_map = _call(interactive_map, G, color=attr, seed=seed, title=title, relations=relations,
                    table=table, size=size, lang=lang)
    srcdoc = html.escape(the_map.to_html(), quote=True)
    return ('<p class="muted">' + _e(_tr(
                lang, "Drag to move, scroll to zoom, click an actor to see its ties; "
                "use the search box and filters on the map.")) + "</p>"
            '<iframe class="map" title="' + _e(_tr(lang, "Interactive map")) + '" '
            'sandbox="allow-scripts" '
            f'srcdoc="{srcdoc}"></iframe>')


def _import_html(G: nx.Graph, lang: str) -> str:
    """The import report, or why there is none; what pseudonymisation did, if it was done."""
    report = G.graph.get("import_report")
    privacy = G.graph.get("privacy")
    if report is not None:
        labels = {n: label for n, label in G.nodes(data="label") if label is not None}
        text = report.text(lang, labels=labels) if hasattr(report, "text") else str(report)
    elif isinstance(privacy, Mapping):
        text = _tr(lang, "Import report withheld (pseudonymised): it lists raw rows and names.")
    else:
        text = _tr(lang, "No import report: this graph was not read from files by alliances.")
    body = f"<pre>{_e(text)}</pre>"
    if isinstance(privacy, Mapping):
        body = _privacy_note(privacy, lang) + body
    return body


def _waves_section(waves: Comparison | Waves, *, seed: int, map: bool, max_rows: int, lang: str) -> str:
    """Headline figures, findings, ties gained and lost, and the change map."""
    kind = type(waves).__name__
    if kind not in ("Comparison", "Waves"):
        raise TypeError(f"waves= takes the result of alliances.compare or compare_waves, not {kind}")
    parts = [f'<p class="help">{_e(_tr(lang, _CHANGE_HELP))}</p>']
    summary = waves.summary
    if kind == "Comparison":
        summary = summary.rename(columns={
            "before": waves.labels[0], "after": waves.labels[1],
            "before_both": f"{waves.labels[0]} (answered both)",
            "after_both": f"{waves.labels[1]} (answered both)",
            "change_both": "change (answered both)"})
        comparisons = [waves]
    else:
        comparisons = waves.comparisons
    findings = waves.findings
    if findings:
        parts.append(_finding(_tr(lang, "What changed"), _trn(
            lang, "{n} finding:", "{n} findings, most important first:", len(findings)),
            "<ul>" + "".join(f"<li>{_e(f)}</li>" for f in findings) + "</ul>"))
    parts.append("<h3>" + _e(_tr(lang, "Headline figures")) + "</h3>"
                 + _table_html(summary, max_rows=max_rows, lang=lang))
    if map:
        from alliances.maps.change import change_map

        the_map = _call(change_map, waves, seed=seed, lang=lang)
        heading = _e(_tr(lang, "Change map"))
        parts.append(f"<h3>{heading}</h3>"
                     f'<iframe class="map" title="{heading}" '
                     f'sandbox="allow-scripts" srcdoc="{html.escape(the_map.to_html(), quote=True)}">'
                     "</iframe>")
    cols = ["source_label", "target_label", "relation", "change", "trust_before", "trust_after",
            "cross_world", "note"]
    for c in comparisons:
        ties = c.ties
        changed = ties[ties["change"] != "kept"]
        changed = changed[[col for col in cols if col in changed.columns]]
        head = _tr(lang, "Ties gained and lost, {a} → {b}", a=c.labels[0], b=c.labels[1])
        parts.append(f"<h3>{_e(head)}</h3>" + _table_html(changed.set_index("source_label"),
                                                        max_rows=max_rows, lang=lang))
        actors = c.actors
        moved = actors[(actors["present"] != "both") | (actors["degree_change"] != 0)
                       | (actors["hybrid_change"].isin(["appeared", "faded"]))
                       | (actors["intermediary_change"].isin(["appeared", "faded"]))]
        keep = [col for col in ("label", "sector", "present", "degree_before", "degree_after",
                                "hybrid_change", "intermediary_change", "reason")
                if col in moved.columns]
        head = _tr(lang, "Actors whose position changed, {a} → {b}", a=c.labels[0], b=c.labels[1])
        parts.append(f"<h3>{_e(head)}</h3>" + _table_html(moved[keep], max_rows=max_rows, lang=lang))
    return "".join(parts)


#: Columns of the events and places tables shown in the report (all are in ``alliances events``).
EVENT_COLUMNS = ("label", "event_type", "date", "place_type", "participants", "worlds",
                 "diversity", "diversity_z", "reason")
PLACE_COLUMNS = ("events", "participations", "mean_participants", "mean_worlds",
                 "mean_diversity", "worlds_absent", "reason")
EFFECT_COLUMNS = ("pairs_together", "new_ties_together", "rate_together", "pairs_comparable",
                  "new_ties_comparable", "rate_comparable", "rate_ratio", "ci_low", "ci_high",
                  "strata", "reason")


def _event_records(G: nx.Graph) -> Mapping[Any, Any]:
    events = G.graph.get("events")
    return events if isinstance(events, Mapping) else {}


def _shared_events(G: nx.Graph) -> nx.Graph:
    """``G``, or for a pseudonymised graph a copy whose events list only the actors it holds.

    A participation list names actors by their original ids; once people are
    codes, those ids must not reach a table, a reason or a warning.
    """
    if not isinstance(G.graph.get("privacy"), Mapping) or not _event_records(G):
        return G
    H = G.copy()
    H.graph["events"] = {
        name: {**rec, "participants": tuple(p for p in rec.get("participants") or () if p in G)}
        for name, rec in _event_records(G).items()}
    return H


def _columns(frame: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    return frame[[c for c in names if c in frame.columns]]


def _events_section(G: nx.Graph, *, attr: str, seed: int, relations: list[str] | None,
                    max_rows: int, lang: str, co_participation: Any, waves: Any) -> str:
    """The events table, the places summary and, when given, the co-participation effect."""
    from alliances.analysis.events import co_participation_effect, events, places

    parts = []
    G = _shared_events(G)
    if _event_records(G):
        table = events(G, attr=attr, relations=relations, seed=seed)
        n_part = int(table["participants"].sum()) if len(table) else 0
        sentence = " ".join((_trn(lang, "{n} event,", "{n} events,", len(table)),
                             _trn(lang, "{n} participation.", "{n} participations.", n_part)))
        items = ""
        z = pd.to_numeric(table["diversity_z"], errors="coerce") if len(table) else pd.Series(dtype=float)
        if z.notna().any():
            top = table.loc[z.idxmax()]
            z_text = format(float(top["diversity_z"]), "+.1f")
            if lang != "en":
                z_text = z_text[0] + format_number(abs(float(top["diversity_z"])), lang, 1)
            items = "<ul><li>" + _e(_tr(
                lang, "The event that mixed worlds most compared with random attendance: {label} "
                "({w} worlds, z = {z}).", label=_label(z.idxmax(), top), w=int(top["worlds"]),
                z=z_text)) + "</li></ul>"
        parts.append(f'<p class="help">{_e(_tr(lang, _EVENTS_HELP))}</p>')
        parts.append(_finding(_tr(lang, "Events"), sentence, items))
        parts.append("<h3>" + _e(_tr(lang, "Events")) + "</h3>"
                     + _table_html(_columns(table, EVENT_COLUMNS), max_rows=max_rows, lang=lang))
        summary = places(G, attr=attr)
        parts.append("<h3>" + _e(_tr(lang, "Places")) + "</h3>"
                     + _table_html(_columns(summary, PLACE_COLUMNS), max_rows=max_rows, lang=lang))
    if co_participation is not None:
        if isinstance(co_participation, pd.DataFrame):
            effect = co_participation
        elif isinstance(co_participation, tuple) and len(co_participation) == 3:
            before, after, affiliations = co_participation
            effect = co_participation_effect(before, after, _shared_events(affiliations), attr=attr)
        else:
            raise TypeError("co_participation= takes the table of alliances.co_participation_effect "
                            "or the graphs (before, after, affiliations), not "
                            f"{type(co_participation).__name__}")
        parts.append("<h3>" + _e(_tr(lang, "Co-participation effect")) + "</h3>")
        parts.append(f'<p class="help">{_e(_tr(lang, _EFFECT_HELP))}</p>')
        if waves is not None and len(getattr(waves, "labels", ())) >= 2:
            parts.append('<p class="muted">' + _e(_tr(
                lang, "Events of the last wave's participation list, between the waves {a} and {b}:",
                a=waves.labels[-2], b=waves.labels[-1])) + "</p>")
        if "all" in effect.index and not is_missing(effect.loc["all"].get("reason")):
            parts.append(f'<div class="finding"><p>{_e(effect.loc["all"]["reason"])}</p></div>')
        parts.append(_table_html(_columns(effect, EFFECT_COLUMNS), max_rows=max_rows, lang=lang))
        new_ties = effect.attrs.get("new_ties")
        parts.append("<h3>" + _e(_tr(lang, "New ties among co-participants")) + "</h3>")
        if isinstance(new_ties, pd.DataFrame) and len(new_ties):
            shown = new_ties[[c for c in ("source_label", "target_label", "source_world",
                                          "target_world", "events") if c in new_ties.columns]]
            parts.append(_table_html(shown.set_index(shown.columns[0]), max_rows=max_rows, lang=lang))
        else:
            parts.append("<p>" + _e(_tr(lang, "No new tie among co-participants.")) + "</p>")
    return "".join(parts)


def _privacy_note(record: Mapping[str, Any], lang: str) -> str:
    """What pseudonymisation did, from ``G.graph["privacy"]`` (no name, no key)."""
    kinds = ", ".join(str(k) for k in record.get("kinds", ())) or "-"
    parts = [_trn(lang, "Pseudonymised: {n} actor of kind {kinds} is shown under a code "
                  "(key id {key_id}); interview quotes removed: {q}.",
                  "Pseudonymised: {n} actors of kind {kinds} are shown under codes "
                  "(key id {key_id}); interview quotes removed: {q}.",
                  int(record.get("pseudonymised", 0)), kinds=kinds,
                  key_id=record.get("key_id", "?"), q=int(record.get("quotes_removed", 0)))]
    consent = record.get("non_consenting")
    if isinstance(consent, Mapping) and consent.get("actors"):
        n = int(consent["actors"])
        if consent.get("rule", "remove") == "aggregate":
            parts.append(_trn(lang, "{n} actor who did not consent was aggregated.",
                              "{n} actors who did not consent were aggregated.", n))
        else:
            parts.append(_trn(lang, "{n} actor who did not consent was removed.",
                              "{n} actors who did not consent were removed.", n))
    parts.append(_tr(lang, "Codes hide names, not the structure: someone who knows the field "
                     "may still recognise an actor by their ties."))
    return '<p class="help">' + _e(" ".join(parts)) + "</p>"


def _finding(heading: str, sentence: str, items: str) -> str:
    return f'<div class="finding"><h3>{_e(heading)}</h3><p>{_e(sentence)}</p>{items}</div>'


def write_report(
    G: nx.Graph,
    path: str | PathLike[str],
    *,
    title: str | None = None,
    attr: str = "sector",
    seed: int = 0,
    table: pd.DataFrame | None = None,
    map: bool = True,
    relations: str | Iterable[str] | None = None,
    size: str | None = None,
    max_rows: int = 200,
    progress: Callable[[str], None] | None = None,
    lang: Literal["en", "fr"] | None = None,
    pseudonymize: str | bytes | PathLike[str] | None = None,
    actors: pd.DataFrame | None = None,
    waves: Comparison | Waves | None = None,
    co_participation: pd.DataFrame | tuple[nx.Graph, nx.Graph, nx.Graph] | None = None,
) -> Path:
    """Write :func:`html_report` to ``path`` (UTF-8) and return the path.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor graph (not modified); ``Graph`` and ``DiGraph`` built by
        hand are accepted too.
    path : str or path-like
        The HTML file to write; parent folders are created.
    title : str, optional
        Title of the page; default ``G.graph["name"]`` or a generic title.
    attr : str, default "sector"
        Actor attribute defining the groups and the map colours.
    seed : int, default 0
        Seed of the map layout and clusters: same graph and seed, same bytes.
    table : pandas.DataFrame, optional
        A precomputed :func:`~alliances.actor_table`, reused for the map and
        the actors table.
    map : bool, default True
        Embed the interactive map (in an ``<iframe srcdoc>``; no network).
    relations : str or iterable of str, optional
        Relations to analyse; default: all positive ties.
    size : str, optional
        Actor-table column that sizes the actors on the map.
    max_rows : int, default 200
        Rows shown per table (the full tables come from ``alliances analyze``).
    progress : callable, optional
        Called with a short message before each step (the CLI prints them).
    lang : {"en", "fr"}, default "en"
        Language of the page's own text.
    pseudonymize : str, bytes or path-like, optional
        A pseudonymisation key or key file: people appear only as codes
        (see :func:`html_report`). Cannot be combined with ``table`` or
        ``waves``.
    actors : pandas.DataFrame, optional
        The actor registry, only with ``pseudonymize`` (consent, aliases).
    waves : Comparison or Waves, optional
        A :func:`~alliances.compare` or :func:`~alliances.compare_waves`
        result: adds the "Change between waves" section.
    co_participation : pandas.DataFrame or tuple, optional
        The co-participation effect, or ``(before, after, affiliations)``
        to compute it (see :func:`html_report`).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    ValueError
        As :func:`html_report` (unknown ``lang``, ``pseudonymize`` with
        ``table`` or ``waves``...).

    Examples
    --------
    >>> import tempfile, pathlib, warnings
    >>> from alliances.model import from_frames
    >>> G = from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     write_report(G, out, map=False).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    check_graph(G, caller="write_report")
    page = html_report(G, title=title, attr=attr, seed=seed, table=table, map=map,
                       relations=relations, size=size, max_rows=max_rows, progress=progress,
                       lang=lang, pseudonymize=pseudonymize, actors=actors, waves=waves,
                       co_participation=co_participation)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(page)
    return target
