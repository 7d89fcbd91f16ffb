"""Microsoft Forms exports: "Open results in Excel" of the form's Responses tab.

The workbook's first sheet starts with ``ID, Start time, Completion time,
Email, Name`` (``Last modified time`` when respondents may edit), or in the
French interface ``ID, Heure de début, Heure de fin, Adresse de messagerie,
Nom, Heure de la dernière modification``, then one column per question
headed by its text. A multi-select answer is the options joined with ``;``
and a trailing ``;`` (``Vélo Plaisance;CAF du Gers;``); ``Email`` and
``Name`` are ``anonymous`` when the form does not collect them.
"""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike

from alliances.io.csvfile import CsvTable
from alliances.io.metadata import metadata_columns
from alliances.io.platforms import Question, Recognition, assemble
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
    questions = [Question(h, [j], [""], [h]) for j, h in enumerate(table.header) if h not in meta]
    # fill_down=False: "Open results in Excel" writes one row per response, with its own ID
    # (Microsoft Support, "Check your form results",
    # https://support.microsoft.com/office/6a2e22b6-ec8d-4a2e-b4c5-0f1a26fa1e0b)
    return assemble(f"Microsoft Forms ({language} interface)", table, questions,
                    metadata=[j for j, h in enumerate(table.header) if h in meta], user=columns,
                    fill_down=False)
