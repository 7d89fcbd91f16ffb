"""Qualtrics exports: Data & Analysis > Export & Import > Export Data > CSV.

Three header rows: the field's export tag (``StartDate``, ``Q1``,
``Q4_1``, ``1_Q5``), the question's text (``Question - Statement`` for a
column of a matrix or of a form field), and ``{"ImportId":"QID4_1"}``.
Metadata first (``StartDate, EndDate, Status, IPAddress, Progress, Duration
(in seconds), Finished, RecordedDate, ResponseId, RecipientLastName,
RecipientFirstName, RecipientEmail, ExternalReference, LocationLatitude,
LocationLongitude, DistributionChannel, UserLanguage``), whose ImportIds
are not question ids. A question with several columns (form field, matrix
table) has ``Q4_1``, ``Q4_2``...; a loop-and-merge block prefixes the loop's
number (``1_Q5``, ``2_Q5``; ImportId ``1_QID5``). With "Use choice text",
scales are written as their labels.
"""

from __future__ import annotations

import dataclasses
import json
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
    user_role,
)
from alliances.io.report import COLUMN_ROLES

__all__ = ["recognise"]

_QID = re.compile(r"^(?:(?P<loop>\d+)_)?(?P<qid>QID\d+)(?:_(?P<sub>\d+))?(?:_(?P<text>TEXT|"
                  r"\d+_TEXT))?$")


def _import_id(cell: str) -> str | None:
    cell = cell.strip()
    if not (cell.startswith("{") and "ImportId" in cell):
        return None
    try:
        value = json.loads(cell)
    except ValueError:
        return None
    return str(value.get("ImportId")) if isinstance(value, dict) else None


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """A Qualtrics export (its third header row of ImportIds), or None."""
    if len(table.rows) < 2:
        return None
    ids = [_import_id(c) for c in table.rows[1]]
    if sum(i is not None for i in ids) * 2 <= len(ids):
        return None
    texts = table.rows[0]
    metadata, questions = [], []
    groups: dict[str, Question] = {}
    for j, (h, iid) in enumerate(zip(table.header, ids, strict=True)):
        m = _QID.match(iid or "")
        if m is None and user_role(h, columns) is not None:
            # embedded data the user named ("org" carried from the contact list): a question
            questions.append(Question(texts[j].strip() or h, [j], [""], [h]))
            continue
        if m is None:
            # startDate, _recordId, embedded data...: the tool's fields, not questions
            metadata.append(j)
            continue
        text = re.sub(r"\s+-\s+Selected Choice$", "", texts[j].strip())
        if m.group("text") and m.group("sub") is None and groups.get(m.group("qid")):
            continue  # an "Other" text box of a choice question: its choice column is read
        if m.group("loop"):
            loop = int(m.group("loop"))
            asked = re.sub(rf"^{loop}\s*-\s*", "", text)
            questions.append(Question(asked, [j], [""], [h], slot=loop))
            continue
        if m.group("sub") is not None:
            stem, _, label = text.rpartition(" - ")
            q = groups.get(m.group("qid"))
            if q is None:
                q = groups[m.group("qid")] = Question(stem or text, [], [], [])
                questions.append(q)
            q.columns.append(j)
            q.labels.append(label.strip() or f"{m.group('sub')}")
            q.headers.append(h)
            continue
        questions.append(Question(text, [j], [""], [h]))
    # the metadata read_survey recognises stays, to be set aside and reported there; the
    # rest (embedded data, Q_RecaptchaScore...) is no question and is not read
    known = metadata_columns(table.header, keep=columns or ())
    kept = [j for j in metadata if table.header[j] in known]
    body = dataclasses.replace(table, rows=table.rows[2:], lines=table.lines[2:])
    note = header_rows_note(table.lines[:2], Message.of(
        N_("question text and {words} header rows"), words="ImportId"))
    # fill_down=False: after the three header rows, one row per response, each with its
    # ResponseId (Qualtrics Support, "Understanding Your Dataset",
    # https://www.qualtrics.com/support/survey-platform/data-and-analysis-module/data/
    # download-data/understanding-your-dataset/)
    return assemble("Qualtrics", body, questions, metadata=kept, notes=[note],
                    roles={table.header[j]: COLUMN_ROLES["metadata"] for j in metadata}, user=columns,
                    fill_down=False)
