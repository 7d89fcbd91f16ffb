"""Google Forms exports: "Download responses (.csv)" of the form's Responses tab.

The file (UTF-8, comma separated) starts with the submission time
(``Timestamp``, ``Horodateur`` in the French interface, ``Marque
temporelle`` in older ones), then ``Email Address`` / ``Adresse e-mail``
when e-mails are collected, then one column per question headed by the
question's text. Checkbox answers are joined with ``", "`` in one cell (an
"Other" answer is the text typed, in the same cell); a grid question is one
column per row, headed ``Question [Row]``; a quiz adds ``Score``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from os import PathLike

from alliances.io.csvfile import CsvTable
from alliances.io.metadata import metadata_columns
from alliances.io.platforms import Question, Recognition, assemble, interface_tool
from alliances.model import normalize_text

__all__ = ["recognise"]

# the first column of every Google Forms export, by interface language
_TIMESTAMPS = {"timestamp": "English", "horodateur": "French", "marque temporelle": "French",
               "horodatage": "French", "marca temporal": "Spanish", "zeitstempel": "German",
               "informazioni cronologiche": "Italian"}
_GRID = re.compile(r"^(?P<q>.*\S)\s*\[(?P<row>[^\[\]]+)\]\s*$")


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """A Google Forms export (its first column is the submission time), or None.

    Examples
    --------
    >>> t = CsvTable("f.csv", ["Horodateur", "Nom de votre structure",
    ...              "Partenaire 1 : nom de la structure"], [["04/03/2024 10:12:45", "A", "B"]],
    ...              [2])
    >>> found = recognise(t)
    >>> found.tool, found.layout, found.table.header
    ('Google Forms (French interface)', 'wide', ['Horodateur', 'Nom de votre structure', \
'contact 1'])
    """
    if not table.header or normalize_text(table.header[0]) not in _TIMESTAMPS:
        return None
    language = _TIMESTAMPS[normalize_text(table.header[0])]
    meta = metadata_columns(table.header, keep=columns or ())
    questions: list[Question] = []
    grids: dict[str, Question] = {}
    for j, h in enumerate(table.header):
        if h in meta:
            continue
        m = _GRID.match(h)
        if m:
            q = grids.get(m.group("q"))
            if q is None:
                q = grids[m.group("q")] = Question(m.group("q"), [], [], [])
                questions.append(q)
            q.columns.append(j)
            q.labels.append(m.group("row").strip())
            q.headers.append(h)
        else:
            questions.append(Question(h, [j], [""], [h]))
    # fill_down=False: the responses sheet and its CSV hold one row per submitted response
    # (Google Forms Help, "View & manage form responses",
    # https://support.google.com/docs/answer/139706); nothing is ever merged
    return assemble(interface_tool("Google Forms", language), table, questions,
                    metadata=[j for j, h in enumerate(table.header) if h in meta], user=columns,
                    fill_down=False)
