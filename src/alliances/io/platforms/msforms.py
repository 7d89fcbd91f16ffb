"""Microsoft Forms exports: "Open results in Excel" of the form's Responses tab.

The workbook's first sheet starts with ``ID, Start time, Completion time,
Email, Name`` (``Last modified time`` when respondents may edit), or in the
French interface ``ID, Heure de début, Heure de fin, Adresse de messagerie,
Nom, Heure de la dernière modification``, then one column per question
headed by its text. A multi-select answer is the options joined with ``;``
and a trailing ``;`` (``Vélo Plaisance;CAF du Gers;``); ``Email`` and
``Name`` are ``anonymous`` when the form does not collect them.

A Likert question is one column per statement, headed by the statement
alone: the question's text is not exported, and a header met twice gets a
number (a second Likert over the same organisations: ``Mairie de
Plaisance2``); cells are the chosen scale label. Adjacent columns whose cells
are all frequency, trust or relation words are read as one Likert grid over
the organisations its headers name (the number of a repeated header
dropped), its kind told by the cells' words, since no question says it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from os import PathLike

from alliances.i18n import N_, Message
from alliances.io.csvfile import CsvTable
from alliances.io.metadata import metadata_columns
from alliances.io.platforms import (
    Question,
    Recognition,
    assemble,
    cells_kind,
    interface_tool,
    question_role,
    user_role,
)
from alliances.model import normalize_text

__all__ = ["recognise"]

_INTERFACES = {("start time", "completion time"): "English",
               ("heure de debut", "heure de fin"): "French"}


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """A Microsoft Forms export (``ID`` then its start and completion times), or None."""
    norms = [normalize_text(h) for h in table.header[:4]]
    if len(norms) < 3 or norms[0] != "id":
        return None
    language = _INTERFACES.get((norms[1], norms[2]))
    if language is None:
        return None
    meta = metadata_columns(table.header, keep=columns or ())
    grids = _likert_grids(table, meta, columns)
    in_grid = {j: run for run in grids for j in run}
    questions = []
    for j, h in enumerate(table.header):
        if h in meta or (j in in_grid and j != in_grid[j][0]):
            continue
        if j in in_grid:
            run = in_grid[j]
            questions.append(Question(_LIKERT, list(run), [_statement(table.header, k)
                                                           for k in run],
                                      [table.header[k] for k in run]))
        else:
            questions.append(Question(h, [j], [""], [h]))
    # fill_down=False: "Open results in Excel" writes one row per response, with its own ID
    # (Microsoft Support, "Check your form results",
    # https://support.microsoft.com/office/6a2e22b6-ec8d-4a2e-b4c5-0f1a26fa1e0b)
    return assemble(interface_tool("Microsoft Forms", language), table, questions,
                    metadata=[j for j, h in enumerate(table.header) if h in meta], user=columns,
                    fill_down=False)


# the question's text is not in the export: the report names the grid so
_LIKERT = Message.of(N_("Likert (its question's text is not exported)"))
# a header met twice: Microsoft Forms appends a number ("When", "When2", "When3")
_REPEATED = re.compile(r"^(?P<base>.*\D)(?P<n>[2-9]|[1-9]\d)$")
_GRID_KINDS = ("frequency", "trust", "relation")


def _statement(header: list[str], j: int) -> str:
    """A Likert column's statement: its header, without the number of a repeated header."""
    m = _REPEATED.match(header[j])
    if m and m.group("base") in header[:j]:
        return m.group("base")
    return header[j]


def _likert_grids(table: CsvTable, meta: Mapping[str, str],
                  columns: Mapping[str, str] | None) -> list[list[int]]:
    """Runs of two or more adjacent columns whose cells are all words of one kind
    (frequency, trust or relation) and whose headers are no question: Likert grids.

    A column nobody answered is a statement of the grid it sits in, or beside
    (a repeated header with the repeated grid, the other with the first), when
    another grid names the same organisation: else it is no evidence, and left.
    """
    header = table.header

    def kind_of(j: int) -> str | None:
        h = header[j]
        if h in meta or user_role(h, columns) is not None:
            return None
        # a question ("À quelle fréquence... ?") is no statement naming an organisation
        if "?" in h or question_role(h) in ("frequency", "relation", "contact"):
            return None
        kind = cells_kind(row[j] for row in table.rows)
        return kind if kind in (*_GRID_KINDS, "empty") else None

    kinds = [kind_of(j) for j in range(len(header))]
    runs: list[list[int]] = []
    current: list[int] = []
    for j, kind in enumerate(kinds):
        if kind == "empty":
            continue  # looked at below: no evidence of the grid's kind
        if kind is not None and current and kinds[current[-1]] == kind:
            current.append(j)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [j] if kind is not None else []
    if len(current) >= 2:
        runs.append(current)

    def repeated(j: int) -> bool:
        return _statement(header, j) != header[j]

    for j in (j for j, kind in enumerate(kinds) if kind == "empty"):
        for run in runs:
            if repeated(j) != repeated(run[0]):
                continue
            inside = run[0] < j < run[-1]
            # beside the run, with only unanswered columns between
            beside = (j < run[0] and all(kinds[k] == "empty" for k in range(j, run[0]))) or (
                j > run[-1] and all(kinds[k] == "empty" for k in range(run[-1] + 1, j + 1)))
            others = {_statement(header, k) for r in runs if r is not run for k in r}
            if inside or (beside and _statement(header, j) in others):
                run.append(j)
                run.sort()
                break
    return runs
