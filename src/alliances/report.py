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

import datetime as dt
import html
import math
import os
import warnings
from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import pandas as pd

from alliances._version import __version__
from alliances.errors import AlliancesWarning, InputError, every_warning, warn
from alliances.i18n import (
    N_,
    format_date,
    format_list,
    format_number,
    gettext,
    ngettext,
    resolve_lang,
)
from alliances.model import check_graph, is_missing, iter_ties, relation_name
from alliances.report_parts import (
    REPORT_CSS,
    csv_bytes,
    curated_frame,
    curated_header,
    data_uri,
    named_codes,
    print_map_png,
    xlsx_bytes,
)

if TYPE_CHECKING:
    from alliances.analysis.compare import Comparison, Waves

__all__ = ["MEASURE_HELP", "MEASURE_HELP_FR", "compute_tables", "drop_private", "flat_frame", "html_report", "write_report"]

#: Columns never shown in an output: private fields of the actor registry.
PRIVATE_COLUMNS: frozenset[str] = frozenset({"email", "consent", "notes", "e-mail", "mail"})

#: The tables of :func:`compute_tables`, in order, with their titles.
TABLE_TITLES: dict[str, str] = {
    "actors": N_("All actors"),
    "hybrids": N_("Hybrid actors"),
    "intermediaries": N_("Trusted intermediaries"),
    "brokerage": N_("Brokerage roles"),
    "clusters": N_("Clusters"),
    "introductions": N_("Suggested introductions"),
    "mixing": N_("Ties between worlds"),
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


# --------------------------------------------------------------------------- tables

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
    from alliances.analysis.brokerage import brokerage_roles
    from alliances.analysis.clusters import clusters
    from alliances.analysis.context import analysis_context
    from alliances.analysis.hybrids import hybrid_actors
    from alliances.analysis.intermediaries import trusted_intermediaries
    from alliances.analysis.introductions import suggest_introductions
    from alliances.analysis.mixing import mixing_matrix
    from alliances.analysis.table import actor_table

    lang = resolve_lang(lang)
    rel = [relations] if isinstance(relations, str) else (list(relations) if relations else None)
    worlds = _has_worlds(G, attr)
    if not worlds:
        warn(_NO_WORLDS, once=G, attr=attr, lang=lang)

    def step(key: str) -> None:
        if progress is not None:
            progress(f"  {_tr(lang, TABLE_TITLES[key])} ...")

    def no_worlds() -> pd.DataFrame:
        return pd.DataFrame(index=pd.Index([], name="id", dtype=object))

    # one context for the three analyses that share the null model and the resamples:
    # computed once instead of three times, same results
    context = analysis_context(G, attr=attr, relations=rel, seed=seed)
    out: dict[str, pd.DataFrame] = {}
    if table is None:
        step("actors")
        table = actor_table(G, attr=attr, seed=seed, relations=rel, context=context, lang=lang)
    out["actors"] = table
    if worlds:
        step("hybrids")
        out["hybrids"] = hybrid_actors(G, attr=attr, relations=rel, seed=seed, context=context,
                                       lang=lang)
    else:
        out["hybrids"] = no_worlds()
    step("intermediaries")
    out["intermediaries"] = trusted_intermediaries(G, attr=attr, relations=rel, seed=seed,
                                                   context=context, lang=lang)
    if worlds:
        step("brokerage")
        out["brokerage"] = brokerage_roles(G, attr=attr, relations=rel, lang=lang)
    else:
        out["brokerage"] = no_worlds()
    step("clusters")
    out["clusters"] = clusters(G, seed=seed, relations=rel, lang=lang)
    step("introductions")
    # the introductions start from the actor table: hand over the one just computed
    out["introductions"] = suggest_introductions(G, seed=seed, attr=attr, relations=rel,
                                                 table=out["actors"], lang=lang)
    if worlds:
        step("mixing")
        out["mixing"] = mixing_matrix(G, attr=attr, relations=rel)
    else:
        out["mixing"] = no_worlds()
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
    frame = flat_frame(named_codes(frame, lang))
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


def _label(idx: Any, row: Mapping[str, Any]) -> str:
    label = row.get("label")
    return str(idx) if is_missing(label) else str(label)


def _node_label(G: nx.Graph, n: Any) -> str:
    label = G.nodes[n].get("label") if n in G else None
    return str(n) if is_missing(label) else str(label)


def _flagged_labels(frame: pd.DataFrame | None, flag: str) -> list[str]:
    """Labels of the actors an analysis flags, in the analysis' order."""
    if frame is None or len(frame) == 0 or flag not in frame.columns:
        return []
    chosen = frame[frame[flag].fillna(False).astype(bool).to_numpy()]
    return [_label(idx, row) for idx, row in zip(chosen.index, chosen.to_dict("records"), strict=True)]


def _names(labels: list[str], lang: str, limit: int = 3) -> str:
    """At most ``limit`` names, then how many more, as the language writes a list."""
    shown = list(labels[:limit])
    if len(labels) > limit:
        shown.append(_trn(lang, "{n} other", "{n} others", len(labels) - limit))
    return format_list(shown, lang)


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
    size: str | None = "betweenness",
    max_rows: int = 200,
    progress: Callable[[str], None] | None = None,
    lang: Literal["en", "fr"] | None = None,
    pseudonymize: str | bytes | PathLike[str] | None = None,
    actors: pd.DataFrame | None = None,
    waves: Comparison | Waves | None = None,
    co_participation: pd.DataFrame | tuple[nx.Graph, nx.Graph, nx.Graph] | None = None,
    date: str | dt.date | None = None,
) -> str:
    """Build the one-file HTML report of an actor graph, made for a meeting.

    The first screen holds the title, the date, the key findings in a few
    sentences and the map (drawn as soon as the page opens). Then one short
    section per question -- hybrid actors, trusted intermediaries,
    disconnected groups, suggested introductions -- each with a curated table
    (the actor, the reason in plain words, the numbers that support it), the
    full measures behind a "details" disclosure, and the full table to
    download as CSV and ``.xlsx`` from the page itself (``data:`` links: no
    server; the ``.xlsx`` link needs openpyxl). The other tables, the notes on
    the data and the import report follow. Printed (A4), the page is a
    handout: the map becomes a static image (:func:`alliances.plot_map`, same
    layout), each question starts a page, the disclosures and links are left
    out.

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
        Title of the page; default the study's name
        (:func:`alliances.maps.spec.study_title`: ``G.graph["name"]`` unless
        it is a slug, else the folder's ``study.toml`` or README) or a
        generic title.
    attr : str, default "sector"
        Actor attribute defining the groups and the map colours.
    seed : int, default 0
        Seed of the map layout and clusters: same graph, seed and date, same bytes.
    table : pandas.DataFrame, optional
        A precomputed :func:`~alliances.actor_table`, reused for the map, the
        introductions and the actors table.
    map : bool, default True
        Embed the interactive map (in an ``<iframe srcdoc>``; no network) and
        its printed image.
    relations : str or iterable of str, optional
        Relations to analyse; default: all positive ties.
    size : str or None, default "betweenness"
        Actor-table column that sizes the actors on the map; None for equal sizes.
    max_rows : int, default 200
        Rows shown per full table (the downloads and ``alliances analyze``
        hold them all).
    progress : callable, optional
        Called with a short message before each step (the CLI prints them).
    lang : {"en", "fr"}, default "en"
        Language of the page: headings, findings, table headers, the
        ``reason`` sentences of the analyses, dates and numbers.
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
    date : str or datetime.date, optional
        The date under the title (ISO ``"2026-12-05"`` or a date), written
        as the language writes it ("5 déc. 2026"). Default: today, or the
        day of ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds).

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
    from alliances.maps.spec import study_title

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
    day = _report_date(date)
    G, table = pseudonymized(G, pseudonymize, actors, table)
    rel = [relations] if isinstance(relations, str) else (sorted(relations) if relations else None)
    tables, groups, notes = _tables_and_notes(G, attr=attr, seed=seed, relations=rel, table=table,
                                              progress=progress, lang=lang)
    groups["table"] = _groups_frame(G, groups["components"], attr, lang)
    page_title = title or study_title(G, lang) or _tr(lang, "Stakeholder network report")
    page = _Page(lang)
    first = _Part("findings", N_("Key findings"),
                  _key_findings_html(G, tables, groups, notes, lang) + _numbers_html(G, attr, lang))
    if map:
        if progress is not None:
            progress("  " + _tr(lang, "map ..."))
        page.first(first, _Part("map", N_("Map"), _map_html(
            G, attr=attr, seed=seed, title=page_title, relations=rel, tables=tables, size=size,
            lang=lang)))
    else:
        page.first(first)
    for key in QUESTIONS:
        page.section(key, QUESTIONS[key], _question_html(key, tables, groups, max_rows, lang))
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
    if notes:
        page.section("notes", N_("Notes on the data"),
                     "<p>" + _e(_tr(lang, "Read the findings with these limits in mind:")) + "</p>"
                     "<ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    for key in ("actors", "brokerage", "clusters", "mixing"):
        page.section(f"table-{key}", TABLE_TITLES[key],
                     f'<p class="help">{_e(_tr(lang, MEASURE_HELP[key]))}</p>'
                     + _full_table_html({TABLE_TITLES[key]: tables[key]}, _FILE_NAMES[key],
                                        max_rows, lang))
    # printed right after the notes: where the data came from
    page.section("import", N_("What was read (import report)"), _import_html(G, lang))
    return page.document(page_title, seed, day)


#: The four questions of the report, in order, with their headings.
QUESTIONS: dict[str, str] = {
    "hybrids": N_("Hybrid actors"),
    "intermediaries": N_("Trusted intermediaries"),
    "groups": N_("Disconnected groups"),
    "introductions": N_("Suggested introductions"),
}

#: Names of the downloaded files (without extension), by table.
_FILE_NAMES = {"actors": "actors", "hybrids": "hybrid-actors",
               "intermediaries": "trusted-intermediaries", "brokerage": "brokerage-roles",
               "clusters": "clusters", "groups": "groups", "introductions": "introductions",
               "mixing": "ties-between-worlds"}

_GROUPS_HELP = N_(
    "A disconnected group has no tie at all, in these data, with the rest of the network: "
    "nobody in it reported working with anyone outside, nor was named by anyone outside. "
    "The clusters below are finer: groups with more ties inside than between them."
)


def _report_date(date: str | dt.date | None) -> dt.date:
    """The report's date: the one given, else SOURCE_DATE_EPOCH's day, else today (UTC)."""
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    if isinstance(date, str):
        try:
            return dt.date.fromisoformat(date.strip()[:10])
        except ValueError:
            raise ValueError(f"date must be an ISO date such as '2026-12-05', got {date!r}") from None
    if date is not None:
        raise TypeError(f"date takes an ISO date string or a datetime.date, not {type(date).__name__}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


class _Part:
    """One section of the page: anchor, heading (a catalogue message), body (HTML)."""

    def __init__(self, anchor: str, heading: str, body: str) -> None:
        self.anchor, self.heading, self.body = anchor, heading, body


class _Page:
    """The sections of the report page, in order, with their table of contents."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.toc: list[tuple[str, str]] = []

    def _html(self, part: _Part) -> str:
        self.toc.append((part.anchor, part.heading))
        return (f'<section id="{part.anchor}"><h2>{_e(_tr(self.lang, part.heading))}</h2>'
                f"{part.body}</section>")

    def first(self, *parts: _Part) -> None:
        """The first screen: the findings, and the map beside them."""
        self.parts.append('<div class="first">' + "".join(self._html(p) for p in parts) + "</div>")

    def section(self, anchor: str, heading: str, body: str) -> None:
        self.parts.append(self._html(_Part(anchor, heading, body)))

    def document(self, title: str, seed: int, day: dt.date) -> str:
        """The complete HTML document: head, title and date, navigation, sections and footer."""
        lang = self.lang
        nav = ('<nav class="toc" aria-label="' + _e(_tr(lang, "Contents")) + '">'
               + "".join(f'<a href="#{a}">{_e(_tr(lang, h))}</a>' for a, h in self.toc) + "</nav>")
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="alliances {_e(__version__)}">'
            f"<title>{_e(title)}</title><style>{REPORT_CSS}</style></head>\n"
            f'<body><main><header class="top"><h1>{_e(title)}</h1>'
            f'<time class="date" datetime="{day.isoformat()}">{_e(format_date(day, lang))}</time>'
            f"</header>{nav}\n"
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
                      lang: str = "en") -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], list[str]]:
    """:func:`compute_tables`, the groups' tables, and the distinct warnings (shown as notes on the data)."""
    from alliances.analysis.clusters import cluster_summary, components

    with warnings.catch_warnings(record=True) as caught, every_warning():
        warnings.simplefilter("always", AlliancesWarning)
        tables = compute_tables(G, attr=attr, seed=seed, relations=relations, table=table,
                                progress=progress, lang=lang)
        groups = {"components": components(G, relations=relations, lang=lang),
                  "clusters": cluster_summary(G, attr=attr, seed=seed, relations=relations, lang=lang)}
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
            warn(w.message.template or str(w.message), once=G, category=type(w.message), lang=lang,
                 **w.message.fields)
        elif str(w.message) not in passed:
            passed.add(str(w.message))
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return tables, groups, notes


def _numbers_html(G: nx.Graph, attr: str, lang: str) -> str:
    """Actors, ties, respondents and groups counted; the relations and groups named."""
    respondents = sum(1 for _, answered in G.nodes(data="respondent")
                      if not is_missing(answered) and answered)
    groups = sorted({str(value) for _, value in G.nodes(data=attr) if not is_missing(value)})
    relations = sorted({str(tie.relation) for tie in iter_ties(G, weight=None, self_loops=True)})
    if lang != "en":
        # the vocabulary's codes are English words: name them in the page's language
        from alliances.analysis.hybrids import sector_name

        relations = [relation_name(r, lang) for r in relations]
        if attr == "sector":
            groups = [sector_name(g, lang) for g in groups]
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


def _key_findings_html(G: nx.Graph, tables: Mapping[str, pd.DataFrame],
                       groups: Mapping[str, pd.DataFrame], notes: list[str], lang: str) -> str:
    """The key findings in sentences: one per question, and the notes on the data if any."""
    sentences = [_hybrid_sentence(tables.get("hybrids"), lang),
                 _intermediary_sentence(tables.get("intermediaries"), lang)]
    group_sentence = _groups_sentence(G, groups.get("components"), lang)
    if group_sentence:
        sentences.append(group_sentence)
    sentences.append(_introduction_sentence(tables.get("introductions"), lang))
    items = "".join(f"<li>{_e(s)}</li>" for s in sentences)
    if notes:
        link = _trn(lang, "{n} note on the data limits these findings.",
                    "{n} notes on the data limit these findings.", len(notes))
        items += f'<li><a href="#notes">{_e(link)}</a></li>'
    return f'<ul class="key">{items}</ul>'


def _hybrid_sentence(frame: pd.DataFrame | None, lang: str) -> str:
    labels = _flagged_labels(frame, "is_hybrid")
    if not labels:
        return _tr(lang, "No actor spans several worlds in these data.")
    return _trn(lang, "{n} actor spans several worlds and can translate between them: {names}.",
                "{n} actors span several worlds and can translate between them: {names}.",
                len(labels), names=_names(labels, lang))


def _intermediary_sentence(frame: pd.DataFrame | None, lang: str) -> str:
    labels = _flagged_labels(frame, "is_trusted_intermediary")
    if not labels:
        return _tr(lang, "No trusted intermediary stands out in these data.")
    return _trn(lang, "{n} actor is trusted across groups and links them: {names}.",
                "{n} actors are trusted across groups and link them: {names}.",
                len(labels), names=_names(labels, lang))


def _group_rows(G: nx.Graph, comps: pd.DataFrame | None) -> list[tuple[int, list[Any]]]:
    """The connected groups, largest first: (component number, its actors)."""
    if comps is None or len(comps) == 0 or "component" not in comps.columns:
        return []
    members: dict[int, list[Any]] = {}
    for node, number in zip(comps.index, comps["component"], strict=True):
        members.setdefault(int(number), []).append(node)
    return sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))


def _groups_sentence(G: nx.Graph, comps: pd.DataFrame | None, lang: str) -> str:
    rows = _group_rows(G, comps)
    if not rows:
        return ""
    if len(rows) == 1:
        return _tr(lang, "Every actor is connected to every other through some chain of ties: "
                   "there is no fully disconnected group.")
    return _groups_text(rows, lang)


def _groups_text(rows: list[tuple[int, list[Any]]], lang: str) -> str:
    sizes = format_list([str(len(m)) for _, m in rows[1:]], lang)
    return " ".join((
        _tr(lang, "The actors form {n} groups with no tie between them.", n=len(rows)),
        ngettext("Besides the main group of {main} actors: {k} group of {sizes} actors.",
                 "Besides the main group of {main} actors: {k} groups of {sizes} actors.",
                 len(rows) - 1, lang).format(main=len(rows[0][1]), k=len(rows) - 1, sizes=sizes)))


def _introduction_sentence(frame: pd.DataFrame | None, lang: str) -> str:
    if frame is None or len(frame) == 0:
        return _tr(lang, "No introduction is suggested.")
    first = frame.iloc[0]
    a, b = first.get("source_label"), first.get("target_label")
    if is_missing(a) or is_missing(b):
        return _trn(lang, "{n} introduction could connect groups that do not work together.",
                    "{n} introductions could connect groups that do not work together.", len(frame))
    return _trn(lang, "{n} introduction could connect groups that do not work together; "
                "the first: {a} and {b}.",
                "{n} introductions could connect groups that do not work together; "
                "the first: {a} and {b}.", len(frame), a=str(a), b=str(b))


def _groups_frame(G: nx.Graph, comps: pd.DataFrame | None, attr: str, lang: str) -> pd.DataFrame:
    """One row per connected group: its number, who is in it, how many, and their worlds."""
    from alliances.analysis.hybrids import sector_name

    rows = []
    for i, (_, members) in enumerate(_group_rows(G, comps), start=1):
        worlds: dict[str, int] = {}
        for n in members:
            value = G.nodes[n].get(attr) if n in G else None
            if not is_missing(value):
                for w in (value if isinstance(value, tuple) else (value,)):
                    name = sector_name(w, lang) if attr == "sector" else str(w)
                    worlds[name] = worlds.get(name, 0) + 1
        composition = ", ".join(f"{w} {k}" for w, k in sorted(worlds.items(), key=lambda x: (-x[1], x[0])))
        rows.append({"group": i, "labels": [_node_label(G, n) for n in members],
                     "size": len(members), "composition": composition})
    return pd.DataFrame(rows, columns=["group", "labels", "size", "composition"])


def _question_html(key: str, tables: Mapping[str, pd.DataFrame], groups: Mapping[str, pd.DataFrame],
                   max_rows: int, lang: str) -> str:
    """One question: how to read it, the curated table, the full measures and the downloads."""
    if key == "groups":
        G_rows = groups["table"]
        help_text = _tr(lang, _GROUPS_HELP)
        curated = G_rows
        full = {_tr(lang, "Groups (connected components)"): groups["components"],
                _tr(lang, "Clusters"): groups["clusters"]}
        empty = _tr(lang, "No actor in these data.")
        curated = curated[curated["size"] > 0] if len(curated) else curated
        if len(curated) > 1:
            curated = curated.iloc[1:]  # the main group is everyone else: the disconnected ones matter
            lead = _tr(lang, "Every group below has no tie with the main group of {n} actors.",
                       n=int(G_rows.iloc[0]["size"]))
        elif len(curated) == 1:
            curated = curated.iloc[0:0]
            lead = _tr(lang, "Every actor is connected to every other through some chain of ties: "
                       "there is no fully disconnected group.")
        else:
            lead = empty
    else:
        frame = tables.get(key)
        help_text = _tr(lang, MEASURE_HELP[key])
        curated = curated_frame(frame, key, lang=lang)
        full = {_tr(lang, TABLE_TITLES[key]): frame if frame is not None else pd.DataFrame()}
        lead = {"hybrids": _hybrid_sentence, "intermediaries": _intermediary_sentence,
                "introductions": _introduction_sentence}[key](frame, lang)
    body = f'<p class="help">{_e(help_text)}</p><p class="lead">{_e(lead)}</p>'
    if len(curated):
        body += _curated_html(curated, lang)
    return body + _full_table_html(full, _FILE_NAMES[key], max_rows, lang)


def _curated_html(frame: pd.DataFrame, lang: str) -> str:
    """A curated table: human headers in ``lang``, the reason kept wide, no index column."""
    head = "".join(f"<th>{_e(curated_header(str(c), lang))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            if isinstance(value, (list, tuple)):
                text, numeric = _names(list(map(str, value)), lang, limit=8), False
            else:
                text, numeric = _fmt(value, lang)
            cls = ' class="num"' if numeric else (' class="reason"' if column == "reason" else "")
            cells.append(f"<td{cls}>{_e(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="scroll"><table class="curated"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _full_table_html(tables: Mapping[str, pd.DataFrame], name: str, max_rows: int, lang: str) -> str:
    """The full tables behind a disclosure, and the links that download them (CSV, .xlsx)."""
    inner = []
    for heading, frame in tables.items():
        if len(tables) > 1:
            inner.append(f"<h3>{_e(heading)}</h3>")
        inner.append(_table_html(frame, max_rows=max_rows, lang=lang))
    shape = sum(len(f) for f in tables.values())
    summary = _trn(lang, "All the measures ({n} row)", "All the measures ({n} rows)", shape)
    links = []
    for i, (heading, frame) in enumerate(tables.items()):
        suffix = "" if i == 0 else f"-{i + 1}"
        label = "CSV" if len(tables) == 1 else f"CSV ({heading})"
        links.append(f'<a download="{_e(name + suffix)}.csv" '
                     f'href="{data_uri(csv_bytes(flat_frame(frame), lang), "text/csv")}">{_e(label)}</a>')
    workbook = xlsx_bytes({h: flat_frame(f) for h, f in tables.items()})
    if workbook is None:
        links.append('<span class="muted">' + _e(_tr(
            lang, "(.xlsx download: install openpyxl to have it)")) + "</span>")
    else:
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        links.append(f'<a download="{_e(name)}.xlsx" href="{data_uri(workbook, mime)}">Excel (.xlsx)</a>')
    return (f"<details><summary>{_e(summary)}</summary>{''.join(inner)}</details>"
            '<p class="downloads">' + _e(_tr(lang, "Download the full table:")) + " "
            + " ".join(links) + "</p>")


def _map_html(G: nx.Graph, *, attr: str, seed: int, title: str, relations: list[str] | None,
              tables: Mapping[str, pd.DataFrame], size: str | None, lang: str) -> str:
    """The interactive map in a sandboxed ``<iframe srcdoc>``, and its static image for print."""
    from alliances.maps.interactive import interactive_map

    the_map = interactive_map(G, color=attr, size=size, relations=relations, title=title,
                              seed=seed, table=tables.get("actors"),
                              introductions=tables.get("introductions"), lang=lang)
    srcdoc = html.escape(the_map.to_html(), quote=True)
    png, caption = print_map_png(G, table=tables.get("actors"), attr=attr, seed=seed,
                                 relations=relations, size=size, lang=lang)
    alt = _tr(lang, "Map of the actors and their ties")
    # loading="eager": a browser may otherwise defer an iframe it judges off screen
    return ('<p class="muted map-help">' + _e(_tr(
                lang, "Drag to move, scroll to zoom, click an actor to see its ties; "
                "use the search box and filters on the map.")) + "</p>"
            '<iframe class="map" loading="eager" title="' + _e(_tr(lang, "Interactive map")) + '" '
            'sandbox="allow-scripts" '
            f'srcdoc="{srcdoc}"></iframe>'
            f'<figure class="print-map"><img alt="{_e(alt)}" src="{data_uri(png, "image/png")}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


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
            "before_both": _tr(lang, "{label} (answered both)", label=waves.labels[0]),
            "after_both": _tr(lang, "{label} (answered both)", label=waves.labels[1]),
            "change_both": _tr(lang, "change (answered both)")})
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

        the_map = change_map(waves, seed=seed, lang=lang)
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
        table = events(G, attr=attr, relations=relations, seed=seed, lang=lang)
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
        summary = places(G, attr=attr, lang=lang)
        parts.append("<h3>" + _e(_tr(lang, "Places")) + "</h3>"
                     + _table_html(_columns(summary, PLACE_COLUMNS), max_rows=max_rows, lang=lang))
    if co_participation is not None:
        if isinstance(co_participation, pd.DataFrame):
            effect = co_participation
        elif isinstance(co_participation, tuple) and len(co_participation) == 3:
            before, after, affiliations = co_participation
            effect = co_participation_effect(before, after, _shared_events(affiliations), attr=attr,
                                             lang=lang)
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
    size: str | None = "betweenness",
    max_rows: int = 200,
    progress: Callable[[str], None] | None = None,
    lang: Literal["en", "fr"] | None = None,
    pseudonymize: str | bytes | PathLike[str] | None = None,
    actors: pd.DataFrame | None = None,
    waves: Comparison | Waves | None = None,
    co_participation: pd.DataFrame | tuple[nx.Graph, nx.Graph, nx.Graph] | None = None,
    date: str | dt.date | None = None,
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
        Title of the page; default the study's name or a generic title (see :func:`html_report`).
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
    size : str or None, default "betweenness"
        Actor-table column that sizes the actors on the map; None for equal sizes.
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
    date : str or datetime.date, optional
        The date under the title; default today, or the day of
        ``SOURCE_DATE_EPOCH`` when it is set.

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
                       co_participation=co_participation, date=date)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(page)
    return target
