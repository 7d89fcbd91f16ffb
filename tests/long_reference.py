"""The reference reading of long-layout surveys: row by row, as the library used to ship it.

The library reads long surveys with one reader, the column-wise one of
``src/alliances/io/_longfast.py``. This module keeps the plain row-by-row
reading it replaced: each row is carried down (merged cells), resolved,
split and turned into ties in file order, through the same building blocks
(:class:`alliances.io.builder.GraphBuilder`, ``SurveyValues``,
``split_contacts``, ``respondent_actor``). It is simple enough to be read
line by line against the documented rules, and slow: a test oracle only.

:func:`read_survey_reference` is :func:`alliances.io.survey.read_survey` with
this reading in place of the library's long reader (everything before it:
recognition, header matching, layout detection, is the library's own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from alliances.io import survey as S  # noqa: N812
from alliances.io.builder import FillDown, GraphBuilder
from alliances.io.csvfile import CsvTable, missing_column_error


def read_long_reference(table: CsvTable, found: dict[str, str], builder: GraphBuilder, *,
                        level: str, relation: str, multi_sep: str | None, split_multi: bool,
                        known: Any, trust_scale: Any, fill_down: bool = True) -> None:
    """Read a long survey into ``builder`` row by row (the reference)."""
    if "contact" not in found:
        raise missing_column_error(table, "contact", S.SURVEY_COLUMNS["contact"],
                                   "the actor each respondent names",
                                   found={**S._unfit_headers(table), **found})
    if "respondent" not in found and "organisation" not in found:
        raise S._missing_who(table, found, None, "long", set())
    idx = {role: table.header.index(h) for role, h in found.items()}
    values = S.SurveyValues(builder, trust_scale,
                            S._trust_numbers(table, [idx["trust"]] if "trust" in idx else []))
    carry = FillDown(builder, idx, ("respondent", "organisation"),
                     ("respondent", "organisation", "sector", "territory"), "contact",
                     "respondent") if fill_down else None
    who = [idx[r] for r in ("respondent", "organisation", "sector", "territory") if r in idx]
    j_contact = idx["contact"]
    j_rel, j_freq, j_trust, j_theme, j_corg = (
        idx.get(r) for r in ("relation", "frequency", "trust", "theme", "contact_organisation"))
    # a respondent's cells come back on each of their rows: respondent_actor once per
    # distinct cells, the repeats only counted (GraphBuilder.actor's rule)
    sources: dict[tuple[str, ...], tuple[str | None, tuple]] = {}
    report = builder.report
    for row, line in zip(table.rows, table.lines, strict=True):
        if carry is not None:
            row = carry(row, line)
        cells = tuple([row[j] for j in who])
        hit = sources.get(cells)
        if hit is None:
            src = S.respondent_actor(builder, row, idx, found, line, level)
            sources[cells] = (src, builder.last_key)
        else:
            src = hit[0]
            if src is not None:
                builder.actor_again(hit[1])
        if src is None:
            report.skip(builder.file, line, S.NO_SOURCE)
            continue
        names = S.split_contacts(row[j_contact], multi_sep=multi_sep, split_multi=split_multi,
                                 known=known)
        if not names:
            report.skip(builder.file, line,
                        "no contact named (the respondent is kept as an actor)")
            continue
        made = S._add_nominations(
            builder, src, names, line=line, rel_text="" if j_rel is None else row[j_rel],
            freq_text="" if j_freq is None else row[j_freq],
            trust_text="" if j_trust is None else row[j_trust],
            theme="" if j_theme is None else row[j_theme],
            contact_org="" if j_corg is None else row[j_corg],
            cols=found, values=values, level=level, relation=relation)
        builder.end_row(line, made > 0, "no tie could be made from this row")
    if carry is not None:
        carry.report()


@contextmanager
def reference_long_reader() -> Iterator[None]:
    """Within the block, ``read_survey`` reads long surveys with the reference."""
    library = S._read_long
    S._read_long = read_long_reference
    try:
        yield
    finally:
        S._read_long = library


def read_survey_reference(path: Any, **kw: Any) -> nx.MultiDiGraph:
    """:func:`alliances.io.survey.read_survey`, long surveys read by the reference."""
    with reference_long_reader():
        return S.read_survey(path, **kw)
