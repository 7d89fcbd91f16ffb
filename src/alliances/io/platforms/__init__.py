"""Survey platforms' exports, recognised and turned into the canonical survey columns.

Issue 13, section 3. Each module of this package knows one tool's export
(Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics, LimeSurvey,
KoboToolbox / ODK) and offers ``recognise(table, *, path) -> Recognition |
None``: ``None`` when the table is not that tool's export, else the table
turned into what :func:`alliances.read_survey` reads (extra header rows
removed, repeat groups joined to their respondent), the layout when the
export says it, and which column plays which role. :func:`recognise` asks
each tool in turn, the most specific first; :func:`alliances.read_survey`
calls it before detecting the layout and writes the tool and the roles in
the import report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike

from alliances.io.csvfile import CsvTable

__all__ = ["Recognition", "recognise"]


@dataclass
class Recognition:
    """A survey tool's export, recognised.

    Attributes
    ----------
    tool : str
        The tool and variant, for the report: ``"Google Forms (French interface)"``.
    table : CsvTable
        The export as :func:`alliances.read_survey` reads it: data rows only
        (their ``lines`` the file's or sheet's own line numbers), extra header
        rows removed, repeat groups joined to their respondent.
    layout : str or None
        ``"long"``, ``"wide"`` or ``"roster"`` when the export says it.
    columns : dict
        ``{header of table: canonical role}``, passed as ``read_survey``'s
        ``columns=`` (the user's own ``columns=`` win).
    roles : dict
        ``{header as exported: role played}`` (``"metadata"`` included), for
        the import report.
    known_names : frozenset of str
        Option labels of the form (normalised): a multi-select cell equal to
        one of them is never split.
    notes : list of str
        Sentences for the import report (what was joined, what was set aside).
    """

    tool: str
    table: CsvTable
    layout: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    known_names: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None) -> Recognition | None:
    """The first tool whose export ``table`` is (``path``: the file, to find sibling files).

    The most specific tools are asked first (Qualtrics' ImportId row,
    SurveyMonkey's second header row, KoboToolbox / ODK and LimeSurvey
    metadata), Microsoft and Google Forms last.
    """
    from alliances.io.platforms import google, kobo, limesurvey, msforms, qualtrics, surveymonkey

    for tool in (qualtrics, surveymonkey, kobo, limesurvey, msforms, google):
        found = tool.recognise(table, path=path)
        if found is not None:
            return found
    return None
