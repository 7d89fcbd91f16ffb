"""SurveyMonkey exports: Analyze Results > Save as > Export file > All individual responses.

CSV or XLS(X), "Original View", "Expanded" columns, "Actual Answer Text"
cells. Two header rows: the first holds the metadata headers
(``Respondent ID, Collector ID, Start Date, End Date, IP Address, Email
Address, First Name, Last Name, Custom Data 1``; in the French interface
``ID du répondant, ID du collecteur, Date de début...``) and each question's
text once, blank over the question's other columns; the second is blank
under the metadata and holds ``Response`` / ``Open-Ended Response``
(``Réponse`` / ``Réponse ouverte``) or each column's label: the box of a
multiple-textbox question (``Partner 1``), the row of a matrix (an actor),
the option of a multiple-choice question (the cell then holds the option's
text when ticked) and ``Other (please specify)``.
"""

from __future__ import annotations

import dataclasses
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
    header_rows_note,
    interface_tool,
)
from alliances.model import normalize_text

__all__ = ["recognise"]

_IDS = {"respondent id": "English", "id du repondant": "French",
        "id de la personne interrogee": "French", "respondent": "English"}
_COLLECTOR = {"collector id", "id du collecteur"}
_NO_LABEL = frozenset({"response", "open ended response", "reponse", "reponse ouverte",
                       "respuesta", "antwort"})
_BLANK = re.compile(r"^column \d+$")


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """A SurveyMonkey export (respondent and collector ids, a second header row), or None."""
    norms = [normalize_text(h) for h in table.header]
    language = next((_IDS[n] for n in norms if n in _IDS), None)
    if language is None or not _COLLECTOR & set(norms) or not table.rows:
        return None
    meta = metadata_columns(table.header, keep=columns or ())
    labels = table.rows[0]
    # the second header row is blank under the metadata and names the answers
    if any(labels[j].strip() for j, h in enumerate(table.header) if h in meta) or not any(
            c.strip() for c in labels):
        return None
    questions: list[Question] = []
    blanks: set[str] = set()
    for j, h in enumerate(table.header):
        if h in meta:
            continue
        label = labels[j].strip()
        if normalize_text(label) in _NO_LABEL:
            label = ""
        if _BLANK.match(h) and questions:
            blanks.add(h)
            q = questions[-1]
            q.columns.append(j)
            q.labels.append(label)
            q.headers.append(f"{q.text} [{label}]" if label else h)
            continue
        questions.append(Question(h, [j], [label], [f"{h} [{label}]" if label else h]))
    for q in questions:  # a question's first column holds a label too when the others do
        if len(q.columns) > 1 and not q.labels[0]:
            q.labels[0] = ""
    body = dataclasses.replace(
        table, rows=table.rows[1:], lines=table.lines[1:],
        problems=[p for p in table.problems if getattr(p, "column", None) not in blanks])
    note = header_rows_note(table.lines[:1], Message.of(
        N_("second header row ({words} or each column's label)"),
        words="Response, Open-Ended Response"))
    # fill_down=False: "All individual responses" is one row per respondent, each with its
    # Respondent ID (SurveyMonkey Help, "Understanding exported data",
    # https://help.surveymonkey.com/en/surveymonkey/analyze/exporting-data/)
    return assemble(interface_tool("SurveyMonkey", language), body, questions,
                    metadata=[j for j, h in enumerate(table.header) if h in meta], notes=[note],
                    user=columns, fill_down=False)
