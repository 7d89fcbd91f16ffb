"""Two-mode data (actor x committee, workshop, project, event) -> co-participation ties."""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import combinations
from os import PathLike

import networkx as nx
import pandas as pd

from alliances.i18n import N_, Message
from alliances.io.builder import GraphBuilder, registry_frame
from alliances.io.csvfile import match_columns, missing_column_error
from alliances.io.names import NameResolver
from alliances.io.report import ImportReport
from alliances.io.survey import NO_WORDS, tick_key
from alliances.io.workbook import read_any
from alliances.model import (
    EVENT_TYPES,
    PLACE_TYPES,
    Evidence,
    canonical_event_type,
    canonical_place_type,
    normalize_text,
)

__all__ = ["AFFILIATION_COLUMNS", "EVENT_KEYS", "iso_date", "read_affiliations"]

AFFILIATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "actor": ("actor", "acteur", "structure", "organisation", "organization", "participant",
              "membre", "member", "nom", "name"),
    "event": ("event", "evenement", "instance", "atelier", "workshop", "committee", "comite",
              "projet", "project", "reunion", "meeting"),
    "event_type": ("event type", "event_type", "type d evenement", "type", "type d instance"),
    "date": ("date", "jour", "day"),
    "place": ("place", "lieu", "venue", "salle", "lieu de l evenement", "lieu de la reunion"),
    "location": ("location", "commune", "adresse", "ville", "address", "town", "city"),
    "place_type": ("place type", "place_type", "type de lieu", "type du lieu", "venue type"),
    "sector": ("sector", "secteur"),
}


#: Keys of each record of ``G.graph["events"]``, in this order.
EVENT_KEYS: tuple[str, ...] = ("event_type", "date", "place", "location", "place_type",
                               "participants")
_ATTRS = EVENT_KEYS[:-1]

_MONTHS = {
    **dict.fromkeys(("janvier", "janv", "jan", "january"), 1),
    **dict.fromkeys(("fevrier", "fevr", "fev", "feb", "february"), 2),
    **dict.fromkeys(("mars", "mar", "march"), 3),
    **dict.fromkeys(("avril", "avr", "apr", "april"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "jun", "june"), 6),
    **dict.fromkeys(("juillet", "juil", "jul", "july"), 7),
    **dict.fromkeys(("aout", "aug", "august"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("decembre", "dec", "december"), 12),
}
_WEEKDAY = (r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|"
            r"wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun) )?")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}[:h]\d{2}.*)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?: +\d{1,2}[:h]\d{2}.*)?")
_D_MONTH_Y = re.compile(_WEEKDAY + r"(\d{1,2})(?:er|st|nd|rd|th)? ([a-z]+) (\d{4})")
_MONTH_D_Y = re.compile(_WEEKDAY + r"([a-z]+) (\d{1,2})(?:st|nd|rd|th)? (\d{4})")


def iso_date(text: str | None) -> str | None:
    """Return a date cell as ISO ``YYYY-MM-DD`` text, or None when it is not a date.

    Read: ISO (``2026-12-05``, a time after it is dropped), day first with
    ``/``, ``.`` or ``-`` (``05/12/2026``, ``5/12/26`` is 2026), French and
    English month names, abbreviated or not, with or without a weekday
    (``5 déc. 2026``, ``jeudi 5 décembre 2026``, ``1er mars 2027``,
    ``Dec 5, 2026``). Day-first is the French reading: ``03/04/2026`` is
    3 April. Impossible dates (``31/02/2026``) are not dates.

    Examples
    --------
    >>> [iso_date(t) for t in ("2026-12-05", "05/12/2026", "5/12/26", "5 déc. 2026",
    ...                        "5 décembre 2026", "Dec 5, 2026")]
    ['2026-12-05', '2026-12-05', '2026-12-05', '2026-12-05', '2026-12-05', '2026-12-05']
    >>> iso_date("1er mars 2027"), iso_date("31/02/2026"), iso_date("début décembre")
    ('2027-03-01', None, None)
    """
    if text is None:
        return None
    raw = " ".join(str(text).split())
    if not raw:
        return None
    parts: tuple[int, int, int] | None = None
    if m := _ISO.fullmatch(raw):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _DMY.fullmatch(raw):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        parts = (year, int(m[2]), int(m[1]))
    else:
        key = normalize_text(raw)
        if (m := _D_MONTH_Y.fullmatch(key)) and m[2] in _MONTHS:
            parts = (int(m[3]), _MONTHS[m[2]], int(m[1]))
        elif (m := _MONTH_D_Y.fullmatch(key)) and m[1] in _MONTHS:
            parts = (int(m[3]), _MONTHS[m[1]], int(m[2]))
    if parts is None:
        return None
    try:
        return datetime.date(*parts).isoformat()
    except ValueError:
        return None


# the words of the report for the event attributes (their keys are identifiers)
_ATTR_WORDS = {
    "event_type": Message.pgettext("event attribute", "event type"),
    "date": Message.pgettext("event attribute", "date"),
    "place": Message.pgettext("event attribute", "place"),
    "location": Message.pgettext("event attribute", "location"),
    "place_type": Message.pgettext("event attribute", "place type"),
}


def _cell_value(key: str, cell: str) -> tuple[str | None, Message | None]:
    """(value kept on the record, problem action or None) of one non-empty cell."""
    if key == "event_type":
        value = canonical_event_type(cell)
        if value not in EVENT_TYPES:
            return value, Message.of(N_("event type not in the vocabulary ({types}): kept as "
                                        "written"), types=", ".join(EVENT_TYPES))
        return value, None
    if key == "date":
        value = iso_date(cell)
        if value is None:
            return cell, Message.of(N_("not a date (read: 2026-12-05, 05/12/2026, 5 déc. 2026, "
                                       "5 décembre 2026, Dec 5, 2026): kept as written"))
        return value, None
    if key == "place_type":
        value = canonical_place_type(cell)
        if value is None:
            # the words read are the user's to write, in either language: data
            return None, Message.of(N_("place type not recognised ({words}): ignored"),
                                    words="third place / tiers-lieu, institutional / "
                                          "institutionnel, online / en ligne, other / autre")
        return value, None
    return cell, None



def _event_records(votes: Mapping[str, Mapping[str, Counter]],
                   first: Mapping[tuple[str, str, str | None], int],
                   header: Mapping[str, str], report: ImportReport, name: str,
                   ) -> dict[str, dict]:
    """Decide each event's attributes from its rows' votes; report disagreements.

    Rows of one event that disagree: the most common value, then the
    alphabetically first (compared as :func:`~alliances.model.normalize_text`
    gives it; the survey reader's rule for actor attributes),
    never the row order. ``place_type`` comes from its column, else from
    the place's name (:func:`~alliances.model.canonical_place_type`).
    """
    out: dict[str, dict] = {}
    problems: list[tuple] = []
    for event, by_key in votes.items():
        rec: dict = dict.fromkeys(_ATTRS)
        for key in _ATTRS:
            counts = by_key.get(key)
            if not counts:
                continue
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], normalize_text(kv[0]), kv[0]))
            rec[key] = ranked[0][0]
            if len(ranked) > 1:
                lost = min(first[(event, key, v)] for v, _ in ranked[1:])
                told = Message.join([Message.ngettext('"{value}" ({n} row)', '"{value}" ({n} rows)',
                                                 c, value=v) for v, c in ranked])
                problems.append((name, lost, header[key], ranked[1][0], Message.of(
                    N_('rows of "{event}" disagree on {attribute}: {told}; kept "{value}"'),
                    event=event, attribute=_ATTR_WORDS[key], told=told, value=ranked[0][0])))
        if rec["place_type"] is None and rec["place"] is not None:
            rec["place_type"] = canonical_place_type(rec["place"])
            if rec["place_type"] is None:
                problems.append((name, first[(event, "place", rec["place"])], header["place"],
                                 rec["place"], Message.of(N_(
                                     "kind of place not recognised from its name: place_type "
                                     "left empty (add a place_type column: {values} or {last})"),
                                     values=", ".join(list(PLACE_TYPES)[:-1]),
                                     last=list(PLACE_TYPES)[-1])))
        out[event] = rec
    for entry in sorted(problems, key=lambda p: (p[1], p[2], p[4])):
        report.problem(*entry)
    return out


def _no_letter_actor(actor: str) -> Message:
    """Why a row whose actor name has no letter or digit is skipped."""
    return Message.of(N_('actor "{actor}" has no letter or digit: not an actor name'),
                      actor=actor)


def read_affiliations(
    path: str | PathLike[str],
    *,
    actors: pd.DataFrame | str | PathLike[str] | None = None,
    layout: str = "auto",
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    sheet: str | int | None = None,
) -> nx.MultiDiGraph:
    """Read who took part in what, and tie actors that did things together.

    Two actors who took part in the same events get a ``co-participation``
    tie (two reciprocal arcs) whose ``weight`` is the number of events they
    shared and ``events`` the sorted tuple of those events: the weighted
    one-mode projection of the two-mode actor x event network, as
    :func:`networkx.algorithms.bipartite.weighted_projected_graph`. Evidence
    lists the lines that put each of the two actors in the shared events.
    Every actor gets the node attribute ``events``; ``G.graph["events"]``
    maps each event (events with no participant kept too) to a record of
    plain values with the keys of :data:`EVENT_KEYS`:

    * ``event_type``: canonical (:func:`~alliances.model.canonical_event_type`:
      ``atelier`` is ``"workshop"``, ``comité`` ``"committee"``...), an
      unknown type as written (and reported), None when absent;
    * ``date``: ISO ``YYYY-MM-DD`` text when the cell is a date
      (:func:`iso_date`), else as written (and reported), None when absent;
    * ``place`` (venue as written), ``location`` (commune or address), None
      when absent;
    * ``place_type``: ``"third place"``, ``"institutional"``, ``"online"``,
      ``"other"`` (:data:`~alliances.model.PLACE_TYPES`) from a place_type
      column, else recognised from the place's name
      (:func:`~alliances.model.canonical_place_type`), else None (reported
      when a place is given);
    * ``participants``: sorted tuple of actor ids.

    Rows of one event that disagree (two places) keep the most common value,
    then the alphabetically first; the import report lists the disagreement
    with its line and column. The matrix layout carries no event attributes
    (all None but ``participants``): use the long layout to give them.

    Parameters
    ----------
    path : str, path-like or DataFrame
        A CSV file, a workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``; see
        ``sheet``) or a :class:`pandas.DataFrame`, holding:
        **long** layout: one row per participation with ``actor`` (``acteur``
        / ``structure``), ``event`` (``événement`` / ``instance`` /
        ``atelier``), optional ``event_type`` (``type``), ``date``,
        ``place`` (``lieu`` / ``venue`` / ``salle``), ``location``
        (``commune`` / ``adresse`` / ``ville``) and ``place_type`` (``type de
        lieu``). **matrix**
        layout: one row per actor (first column, or ``actor``) and one column
        per event holding a tick (``x``, ``1``, ``oui``...).
    actors : DataFrame or path, optional
        The actor registry.
    layout : {"auto", "long", "matrix"}
        ``auto``: long if an event column exists, matrix otherwise.
    columns : dict, optional
        ``{"their header": "canonical"}``.
    encoding, sep : str, optional
        Force the encoding or delimiter.
    sheet : str or int, optional
        For a workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``): the sheet's name
        or 0-based position; default: the first sheet holding a value.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "affiliations.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "acteur;événement\\nMairie;Comité vélo\\nAsso;Comité vélo\\nMairie;Atelier\\nAsso;Atelier\\n")
    >>> G = read_affiliations(p)
    >>> tie = G.edges["asso", "mairie", "co-participation"]
    >>> tie["weight"], tie["events"]
    (2.0, ('Atelier', 'Comité vélo'))
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "acteur;événement;type;date;lieu;commune\\n"
    ...     "Mairie;Atelier 1;atelier;05/12/2026;Tiers-lieu La Forge;Chevreuse\\n")
    >>> rec = read_affiliations(p).graph["events"]["Atelier 1"]
    >>> rec["event_type"], rec["date"], rec["place_type"], rec["location"]
    ('workshop', '2026-12-05', 'third place', 'Chevreuse')
    """
    if layout not in ("auto", "long", "matrix"):
        raise ValueError(f"layout must be 'auto', 'long' or 'matrix', got {layout!r}")
    table = read_any(path, encoding=encoding, sep=sep, sheet=sheet)
    report = ImportReport(sources=[table.name], rows_read=len(table.rows),
                          blank_lines=table.blank_lines)
    registry = registry_frame(actors, report)
    found = match_columns(table.header, AFFILIATION_COLUMNS, columns)
    if layout == "auto":
        layout = "long" if "event" in found else "matrix"
    resolver = NameResolver(registry)
    builder = GraphBuilder(table, report, resolver, "affiliation", registry)
    # event label -> {actor id -> first line}
    members: dict[str, dict[str, int]] = defaultdict(dict)
    kept_content: dict[tuple[str, str], tuple[str, ...]] = {}
    # event -> attribute -> Counter of values kept; (event, attribute, value) -> first line
    votes: dict[str, dict[str, Counter]] = {}
    first: dict[tuple[str, str, str | None], int] = {}
    told: set[tuple[str, str, str]] = set()
    kept_values: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
    if layout == "long":
        if "actor" not in found:
            raise missing_column_error(table, "actor", AFFILIATION_COLUMNS["actor"],
                                       N_("who took part"), found=found)
        if "event" not in found:
            raise missing_column_error(table, "event", AFFILIATION_COLUMNS["event"],
                                       N_("what they took part in"), found=found)
        idx = {role: table.header.index(h) for role, h in found.items()}
        for row, line in zip(table.rows, table.lines, strict=True):
            def get(role: str, row: list[str] = row) -> str:
                return row[idx[role]] if role in idx else ""
            actor, event = get("actor"), " ".join(get("event").split())
            if not actor or not event:
                report.skip(table.name, line, Message.of(N_("no actor or no event in this row")))
                continue
            votes.setdefault(event, {})  # an event whose rows are all skipped is still listed
            node = builder.actor(actor, sector=get("sector"), line=line,
                                 column=found.get("sector"))
            if node is None:
                report.skip(table.name, line, _no_letter_actor(actor))
                continue
            content, row_line = tuple(row), line
            if node in members[event]:
                kept = members[event][node]
                if content < kept_content[(event, node)]:
                    # of two rows for one membership, the one that sorts first is kept,
                    # whatever the row order (evidence must not depend on it)
                    members[event][node], kept_content[(event, node)] = line, content
                    kept, line = line, kept
                report.skip(table.name, line, Message.of(
                    N_('"{actor}" already listed in "{event}" (line {line}); counted once'),
                    actor=actor, event=event, line=kept))
            else:
                members[event][node] = line
                kept_content[(event, node)] = content
                report.rows_used += 1
            values = {}
            for key in _ATTRS:
                cell = " ".join(get(key).split())
                if not cell:
                    continue
                value, trouble = _cell_value(key, cell)
                if trouble is not None and (event, key, cell) not in told:
                    told.add((event, key, cell))
                    report.problem(table.name, row_line, found[key], cell, trouble)
                if value is not None:
                    values[key] = value
            if members[event][node] == row_line:  # the row kept for this participation
                kept_values[(event, node)] = (row_line, values)
        # one vote per participation (a repeated row does not count twice)
        for (event, _node), (line, values) in sorted(kept_values.items()):
            for key, value in values.items():
                votes[event].setdefault(key, Counter())[value] += 1
                first[(event, key, value)] = min(line, first.get((event, key, value), line))
    else:
        actor_col = found.get("actor", table.header[0])
        j_actor = table.header.index(actor_col)
        role_cols = {found[r] for r in ("actor", "sector") if r in found} | {actor_col}
        event_cols = [j for j, h in enumerate(table.header) if h not in role_cols]
        if not event_cols:
            raise missing_column_error(table, "event", AFFILIATION_COLUMNS["event"],
                                       N_("one column per event in a matrix"), found=found)
        for j in event_cols:  # events nobody ticked are still events of the study
            votes.setdefault(table.header[j], {})  # a matrix carries no event attributes
        for row, line in zip(table.rows, table.lines, strict=True):
            actor = row[j_actor]
            if not actor:
                report.skip(table.name, line, Message.of(N_("no actor name in this row")))
                continue
            j_sector = table.header.index(found["sector"]) if "sector" in found else None
            node = builder.actor(actor, sector=row[j_sector] if j_sector is not None else "",
                                 line=line, column=found.get("sector"))
            if node is None:
                report.skip(table.name, line, _no_letter_actor(actor))
                continue
            any_event = False
            twice: list[str] = []
            for j in event_cols:
                key = tick_key(row[j])
                if key in NO_WORDS:
                    continue
                event = table.header[j]
                if node in members[event]:
                    twice.append(event)
                    continue
                members[event][node] = line
                any_event = True
            for k, event in enumerate(twice):
                # the first repeat explains a row that adds nothing; others are parts
                report.skip(table.name, line, Message.of(
                    N_('"{actor}" listed twice for "{event}" (line {line}); counted once'),
                    actor=actor, event=event, line=members[event][node]),
                    row=not any_event and k == 0)
            if any_event:
                report.rows_used += 1
            elif not twice:
                report.skip(table.name, line, Message.of(
                    N_('"{actor}" took part in no event (kept as an actor)'), actor=actor))
    pair_events: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in sorted(members):
        for a, b in combinations(sorted(members[event]), 2):
            pair_events[(a, b)].append(event)
    for (a, b), events in pair_events.items():
        evidence = sorted({Evidence(table.name, members[e][n]) for e in events for n in (a, b)},
                          key=lambda ev: ev.line or 0)
        for u, v in ((a, b), (b, a)):
            builder.ties[(u, v, "co-participation")] = {
                "weight": [float(len(events))], "trust": [], "sign": 1,
                "evidence": evidence, "extra": {"events": tuple(events)}}
    node_events: dict[str, list[str]] = defaultdict(list)
    for event in sorted(members):
        for node in members[event]:
            node_events[node].append(event)
    for node, events in node_events.items():
        builder.nodes[node]["events"] = tuple(events)
    G = builder.graph()
    for node in G:
        G.nodes[node].setdefault("events", ())
    header = {key: found.get(key, key) for key in _ATTRS}
    records = _event_records(votes, first, header, report, table.name)
    G.graph["events"] = {
        e: {**records.get(e, dict.fromkeys(_ATTRS)),
            "participants": tuple(sorted(members.get(e, {})))}
        for e in sorted(set(records) | set(members))}
    report.add_problems(table.all_problems)
    return G
