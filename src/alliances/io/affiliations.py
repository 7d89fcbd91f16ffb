"""Two-mode data (actor x committee, workshop, project, event) -> co-participation ties."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations
from os import PathLike

import networkx as nx
import pandas as pd

from alliances.io.builder import GraphBuilder, registry_frame
from alliances.io.csvfile import match_columns, missing_column_error, read_table
from alliances.io.names import NameResolver
from alliances.io.report import ImportReport
from alliances.io.survey import NO_WORDS, tick_key
from alliances.model import Evidence

__all__ = ["AFFILIATION_COLUMNS", "read_affiliations"]

AFFILIATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "actor": ("actor", "acteur", "structure", "organisation", "organization", "participant",
              "membre", "member", "nom", "name"),
    "event": ("event", "evenement", "instance", "atelier", "workshop", "committee", "comite",
              "projet", "project", "reunion", "meeting"),
    "event_type": ("event type", "event_type", "type d evenement", "type", "type d instance"),
    "date": ("date", "jour", "day"),
    "sector": ("sector", "secteur"),
}


def read_affiliations(
    path: str | PathLike[str],
    *,
    actors: pd.DataFrame | str | PathLike[str] | None = None,
    layout: str = "auto",
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> nx.MultiDiGraph:
    """Read who took part in what, and tie actors that did things together.

    Two actors who took part in the same events get a ``co-participation``
    tie (two reciprocal arcs) whose ``weight`` is the number of events they
    shared and ``events`` the sorted tuple of those events: the weighted
    one-mode projection of the two-mode actor x event network, as
    :func:`networkx.algorithms.bipartite.weighted_projected_graph`. Evidence
    lists the lines that put each of the two actors in the shared events.
    Every actor gets the node attribute ``events``; ``G.graph["events"]``
    maps each event to its ``event_type``, ``date`` and ``participants``.

    Parameters
    ----------
    path : str or path-like
        **long** layout: one row per participation with ``actor`` (``acteur``
        / ``structure``), ``event`` (``événement`` / ``instance`` /
        ``atelier``), optional ``event_type`` and ``date``. **matrix**
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
    """
    if layout not in ("auto", "long", "matrix"):
        raise ValueError(f"layout must be 'auto', 'long' or 'matrix', got {layout!r}")
    table = read_table(path, encoding=encoding, sep=sep)
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
    info: dict[str, dict] = {}
    if layout == "long":
        if "actor" not in found:
            raise missing_column_error(table, "actor", AFFILIATION_COLUMNS["actor"],
                                       "who took part", found=found)
        if "event" not in found:
            raise missing_column_error(table, "event", AFFILIATION_COLUMNS["event"],
                                       "what they took part in", found=found)
        idx = {role: table.header.index(h) for role, h in found.items()}
        for row, line in zip(table.rows, table.lines, strict=True):
            def get(role: str, row: list[str] = row) -> str:
                return row[idx[role]] if role in idx else ""
            actor, event = get("actor"), " ".join(get("event").split())
            if not actor or not event:
                report.skip(table.name, line, "no actor or no event in this row")
                continue
            node = builder.actor(actor, sector=get("sector"), line=line,
                                 column=found.get("sector"))
            if node is None:
                report.skip(table.name, line, f'actor "{actor}" has no letter or digit: not an '
                            "actor name")
                continue
            content = tuple(row)
            if node in members[event]:
                kept = members[event][node]
                if content < kept_content[(event, node)]:
                    # of two rows for one membership, the one that sorts first is kept,
                    # whatever the row order (evidence must not depend on it)
                    members[event][node], kept_content[(event, node)] = line, content
                    kept, line = line, kept
                report.skip(table.name, line, f'"{actor}" already listed in "{event}" '
                            f"(line {kept}); counted once")
            else:
                members[event][node] = line
                kept_content[(event, node)] = content
                report.rows_used += 1
            rec = info.setdefault(event, {"event_type": None, "date": None})
            for key in ("event_type", "date"):
                # rows may disagree: the alphabetically first value, never the row order
                if get(key) and (rec[key] is None or get(key) < rec[key]):
                    rec[key] = get(key)
    else:
        actor_col = found.get("actor", table.header[0])
        j_actor = table.header.index(actor_col)
        role_cols = {found[r] for r in ("actor", "sector") if r in found} | {actor_col}
        event_cols = [j for j, h in enumerate(table.header) if h not in role_cols]
        if not event_cols:
            raise missing_column_error(table, "event", AFFILIATION_COLUMNS["event"],
                                       "one column per event in a matrix", found=found)
        for j in event_cols:  # events nobody ticked are still events of the study
            info.setdefault(table.header[j], {"event_type": None, "date": None})
        for row, line in zip(table.rows, table.lines, strict=True):
            actor = row[j_actor]
            if not actor:
                report.skip(table.name, line, "no actor name in this row")
                continue
            j_sector = table.header.index(found["sector"]) if "sector" in found else None
            node = builder.actor(actor, sector=row[j_sector] if j_sector is not None else "",
                                 line=line, column=found.get("sector"))
            if node is None:
                report.skip(table.name, line, f'actor "{actor}" has no letter or digit: not an '
                            "actor name")
                continue
            any_event = False
            twice: list[str] = []
            for j in event_cols:
                key = tick_key(row[j])
                if key in NO_WORDS:
                    continue
                event = table.header[j]
                info.setdefault(event, {"event_type": None, "date": None})
                if node in members[event]:
                    twice.append(event)
                    continue
                members[event][node] = line
                any_event = True
            for k, event in enumerate(twice):
                # the first repeat explains a row that adds nothing; others are parts
                report.skip(table.name, line, f'"{actor}" listed twice for "{event}" (line '
                            f'{members[event][node]}); counted once', row=not any_event and k == 0)
            if any_event:
                report.rows_used += 1
            elif not twice:
                report.skip(table.name, line, f'"{actor}" took part in no event (kept as an actor)')
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
    G.graph["events"] = {
        e: {**info.get(e, {}), "participants": tuple(sorted(members.get(e, {})))}
        for e in sorted(set(info) | set(members))}
    report.add_problems(table.all_problems)
    return G
