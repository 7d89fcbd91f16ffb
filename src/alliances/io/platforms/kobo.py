"""kobo exports (issue 13, section 3): work in progress, recognises nothing yet."""

from __future__ import annotations

from os import PathLike

from alliances.io.csvfile import CsvTable
from alliances.io.platforms import Recognition

__all__ = ["recognise"]


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None) -> Recognition | None:
    """The recognised export, or None (not yet written: always None)."""
    return None
