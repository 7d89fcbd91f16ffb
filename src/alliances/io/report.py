"""The import report: an honest account of what was read, merged and skipped."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any

import pandas as pd

from alliances.errors import Problem
from alliances.i18n import (
    N_,
    Message,
    format_number,
    gettext,
    message_data,
    message_from_data,
    pgettext,
    translate,
)
from alliances.i18n import resolve_lang as lang_code
from alliances.model import is_missing

__all__ = [
    "CLI_OPTIONS",
    "COLUMN_ROLES",
    "HEADERS",
    "MERGE_RULES",
    "ImportReport",
    "hint_text",
    "role_text",
]

SKIPPED_COLUMNS = ["path", "line", "reason"]
PROBLEM_COLUMNS = ["path", "line", "column", "value", "action"]
MERGE_COLUMNS = ["id_a", "label_a", "id_b", "label_b", "score", "reason"]
NAME_MERGE_COLUMNS = ["id", "spelling", "rule"]

_COUNTS = ("rows_read", "rows_used", "ties", "actors", "ties_merged", "self_nominations",
           "unknown_sectors", "name_merges", "blank_lines")


class ImportReport:
    """What an importer read, created, merged and skipped, and why.

    **Accounting identity.** Every data row read is accounted for exactly
    once::

        rows_read == rows_used + rows_skipped

    * ``rows_used``: rows whose content is in the graph: they created a tie,
      reinforced an existing one (also counted in ``ties_merged``), or, in
      the actor registry, described an actor, and in affiliations, put an
      actor in an event;
    * ``rows_skipped``: rows that put nothing in the graph; each is listed
      once in :attr:`skipped` with its file, line and reason.

    :attr:`skipped` also lists *parts* of used rows that were left out (a
    respondent naming themselves among other contacts, a slot with frequency
    "never"): those entries do not count in ``rows_skipped``. Blank lines are
    not data rows (``blank_lines``). :attr:`unaccounted` is
    ``rows_read - rows_used - rows_skipped`` and is 0 for every importer;
    the test suite checks it on every file it reads. Every value that could
    not be read is listed in :attr:`problems` with what was done about it.
    Readable with ``print(report)`` and as a table in Jupyter.

    Attributes
    ----------
    sources : list of str
        Files read.
    rows_read : int
        Data rows read (blank lines excluded, see ``blank_lines``).
    rows_used : int
        Rows whose content is in the graph (see the accounting identity).
    ties, actors : int
        Ties and actors in the resulting graph.
    ties_merged : int
        Rows that repeated an existing tie (same source, target and relation)
        and were folded into it; their lines are in the tie's evidence.
    self_nominations : int
        Rows where an actor named itself (not turned into ties).
    unknown_sectors : int
        Distinct sector labels outside the default vocabulary (kept as the
        user's own labels).
    name_merges : int
        Distinct spellings folded into another spelling's actor (by the
        normalisation rules or a registry alias); see :attr:`merged_names`.
    blank_lines : int
        Blank lines and rows of empty cells ignored.
    skipped : pandas.DataFrame
        Columns ``path, line, reason``.
    problems : pandas.DataFrame
        Columns ``path, line, column, value, action``.
    suggested_merges : pandas.DataFrame
        Likely duplicates the rules could not decide, never merged:
        ``id_a, label_a, id_b, label_b, score, reason``.
    merged_names : pandas.DataFrame
        ``id, spelling, rule`` for every spelling folded into an actor.

    Examples
    --------
    >>> r = ImportReport(sources=["survey.csv"], rows_read=3, ties=2, actors=3)
    >>> r.skip("survey.csv", 4, "self-nomination")
    >>> r.skipped.to_dict("records")
    [{'path': 'survey.csv', 'line': 4, 'reason': 'self-nomination'}]
    >>> print(r)  # doctest: +ELLIPSIS
    Import report: survey.csv
      rows read: 3 ...
    """

    def __init__(self, *, sources: Iterable[str] = (), rows_read: int = 0, ties: int = 0,
                 actors: int = 0, ties_merged: int = 0, self_nominations: int = 0,
                 unknown_sectors: int = 0, name_merges: int = 0, blank_lines: int = 0,
                 rows_used: int = 0) -> None:
        self.sources: list[str] = list(sources)
        self.rows_read = rows_read
        self.rows_used = rows_used
        self.ties = ties
        self.actors = actors
        self.ties_merged = ties_merged
        self.self_nominations = self_nominations
        self.unknown_sectors = unknown_sectors
        self.name_merges = name_merges
        self.blank_lines = blank_lines
        self._skipped: list[tuple] = []
        self._problems: list[tuple] = []
        self._suggested: list[tuple] = []
        self._merged_names: list[tuple] = []
        self._formats: list[tuple] = []

    # ------------------------------------------------------------------ recording
    def recognised(self, path: str, tool: str, roles: dict[str, str] | None = None) -> None:
        """Record which tool's export a file was recognised as, and which column played which role.

        ``roles``: ``{"their header": "role"}`` (``respondent``, ``contact 1``,
        ``metadata``, ...), shown in the report so that a researcher can check
        the reading at a glance, in the report's language (:func:`role_text`).
        """
        self._formats.append((path, tool, dict(roles or {})))

    @property
    def formats(self) -> pd.DataFrame:
        """``path, tool, roles``: the exports recognised (one row per file)."""
        return pd.DataFrame([(p, t, dict(r)) for p, t, r in self._formats],
                            columns=["path", "tool", "roles"])

    def skip(self, path: str, line: int | None, reason: str, *, row: bool = True) -> None:
        """Record a row that put nothing in the graph (``row=False``: a part of a used row)."""
        self._skipped.append((path, line, reason, row))

    @property
    def rows_skipped(self) -> int:
        """Rows that put nothing in the graph (each listed once in :attr:`skipped`)."""
        return sum(1 for entry in self._skipped if entry[3])

    @property
    def unaccounted(self) -> int:
        """``rows_read - rows_used - rows_skipped``: 0 when every row is accounted for.

        Examples
        --------
        >>> r = ImportReport(rows_read=2, rows_used=1)
        >>> r.skip("survey.csv", 3, "no contact named")
        >>> r.unaccounted
        0
        """
        return self.rows_read - self.rows_used - self.rows_skipped

    def problem(self, path: str, line: int | None, column: str | None, value: Any,
                action: str) -> None:
        """Record a value that could not be read as it was, and what was done."""
        self._problems.append((path, line, column, None if value is None else str(value), action))

    def add_problems(self, problems: Iterable[Problem]) -> None:
        """Record :class:`~alliances.errors.Problem` objects (from the CSV reader).

        Paths are shortened to the file name, as everywhere in the report.
        """
        for p in problems:
            self.problem(PurePath(p.path).name if p.path else "", p.line, p.column, p.value,
                         p.message)

    def suggest(self, rows: Iterable[tuple]) -> None:
        """Record suggested merges (``id_a, label_a, id_b, label_b, score, reason``)."""
        self._suggested.extend(tuple(r) for r in rows)

    def merged_name(self, node: str, spelling: str, rule: str) -> None:
        """Record a spelling folded into an actor."""
        self._merged_names.append((node, spelling, rule))

    # ------------------------------------------------------------------ bulk recording
    # for the importers that make many entries at once (the column-wise survey
    # reader, the study loader): the same records as skip(), problem(), suggest()
    # and merged_name() make one at a time
    def add_skipped_rows(self, entries: Iterable[tuple[str, int | None, str, bool]]) -> None:
        """Record skipped rows and left-out parts: ``(path, line, reason, row)`` each.

        ``row`` is :meth:`skip`'s flag: True for a row that put nothing in
        the graph, False for a part of a used row.
        """
        self._skipped.extend(entries)

    def add_problem_rows(self, entries: Iterable[tuple]) -> None:
        """Record problems as :meth:`problem` stores them: ``(path, line, column, value, action)``.

        ``value`` is a str or None, as :meth:`problem` makes it; the entries
        usually come from :meth:`take_problems`.
        """
        self._problems.extend(entries)

    def problem_mark(self) -> int:
        """A mark of the problems recorded so far, for :meth:`take_problems`."""
        return len(self._problems)

    def take_problems(self, mark: int) -> list[tuple]:
        """Remove and return the problems recorded since ``mark`` (:meth:`problem_mark`).

        For a reader that records problems out of row order and puts them
        back in order with :meth:`add_problem_rows`.

        Examples
        --------
        >>> r = ImportReport()
        >>> mark = r.problem_mark()
        >>> r.problem("a.csv", 3, "trust", "beaucoup", "kept as missing")
        >>> r.take_problems(mark), len(r.problems)
        ([('a.csv', 3, 'trust', 'beaucoup', 'kept as missing')], 0)
        """
        probs = self._problems
        new = probs[mark:]
        if new:
            del probs[mark:]
        return new

    def set_suggested(self, rows: Iterable[tuple]) -> None:
        """Replace the suggested merges (``id_a, label_a, id_b, label_b, score, reason``)."""
        self._suggested = [tuple(r) for r in rows]

    @property
    def merged_name_rows(self) -> list[tuple[str, str, str]]:
        """The spellings folded into an actor as ``(id, spelling, rule)`` tuples (a copy)."""
        return list(self._merged_names)

    def set_merged_names(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Replace the spellings folded into an actor (``id, spelling, rule``).

        ``name_merges`` is not changed: the caller sets it.
        """
        self._merged_names = [tuple(r) for r in rows]

    def include(self, other: ImportReport) -> None:
        """Add another file's sources, rows, skipped rows and problems to this report.

        For a file an importer reads on the way (the actor registry of
        :func:`~alliances.read_survey`): its oddities belong in this report,
        and its rows too, so that the accounting identity holds. Unlike
        :meth:`combine`, the other counts (ties, actors, merges) are not added.
        """
        self.sources += other.sources
        self._problems += other._problems
        self._skipped += other._skipped
        self._formats += other._formats
        self.rows_read += other.rows_read
        self.rows_used += other.rows_used
        self.blank_lines += other.blank_lines

    # ------------------------------------------------------------------ plain data
    def to_dict(self) -> dict[str, Any]:
        """The report as plain data: text, numbers, None and lists only (JSON, pickle, deepcopy).

        :meth:`from_dict` gives the same report back.

        Examples
        --------
        >>> r = ImportReport(sources=["s.csv"], rows_read=2, rows_used=1)
        >>> r.skip("s.csv", 3, "no contact named")
        >>> d = r.to_dict()
        >>> d["rows_read"], d["skipped"]
        (2, [['s.csv', 3, 'no contact named', True]])
        >>> ImportReport.from_dict(d).unaccounted
        0
        """
        out: dict[str, Any] = {"sources": list(self.sources)}
        out.update({name: int(getattr(self, name)) for name in _COUNTS})
        # a Message (an importer's sentence, said again in the report's language) as its
        # plain data: English text, msgid and fields
        out["skipped"] = [[p, line, message_data(reason), bool(row)]
                          for p, line, reason, row in self._skipped]
        out["problems"] = [[*p[:4], message_data(p[4])] for p in self._problems]
        out["suggested_merges"] = [[*s[:5], message_data(s[5])] for s in self._suggested]
        out["merged_names"] = [list(m) for m in self._merged_names]
        out["formats"] = [[p, message_data(t), {h: message_data(v) for h, v in r.items()}]
                          for p, t, r in self._formats]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImportReport:
        """The report that :meth:`to_dict` (or its JSON) describes."""
        out = cls(sources=data.get("sources", ()),
                  **{name: int(data.get(name, 0)) for name in _COUNTS})
        out._skipped = [(e[0], e[1], message_from_data(e[2]), *e[3:])
                        for e in data.get("skipped", ())]
        out._problems = [(*e[:4], message_from_data(e[4])) for e in data.get("problems", ())]
        out._suggested = [(*e[:5], message_from_data(e[5])) if len(e) > 5 else tuple(e)
                          for e in data.get("suggested_merges", ())]
        out._merged_names = [tuple(e) for e in data.get("merged_names", ())]
        out._formats = [(p, message_from_data(t), {h: message_from_data(v) for h, v in r.items()})
                        for p, t, r in data.get("formats", ())]
        return out

    # ------------------------------------------------------------------ tables
    @staticmethod
    def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        if "line" in columns:
            frame["line"] = frame["line"].astype("Int64")
        if "score" in columns:
            frame["score"] = frame["score"].astype(float)
        return frame

    @property
    def skipped(self) -> pd.DataFrame:
        """Rows skipped and parts of used rows left out: ``path, line, reason``.

        Printed as two lists, "Rows skipped" (counted in ``rows_skipped``)
        and "Parts of used rows left out" (a self-nomination among other
        contacts...; the row itself is used).
        """
        return self._frame([entry[:3] for entry in self._skipped], SKIPPED_COLUMNS)

    @property
    def problems(self) -> pd.DataFrame:
        """Unreadable or odd values: ``path, line, column, value, action``."""
        return self._frame(self._problems, PROBLEM_COLUMNS)

    @property
    def suggested_merges(self) -> pd.DataFrame:
        """Likely duplicate actors to check by hand, best score first."""
        frame = self._frame(self._suggested, MERGE_COLUMNS)
        if len(frame):
            frame = frame.drop_duplicates(["id_a", "id_b"]).sort_values(
                ["score", "id_a", "id_b"], ascending=[False, True, True]).reset_index(drop=True)
        return frame

    @property
    def merged_names(self) -> pd.DataFrame:
        """Spellings folded into an actor: ``id, spelling, rule``."""
        return self._frame(self._merged_names, NAME_MERGE_COLUMNS)

    @property
    def counts(self) -> dict[str, int]:
        """All the counts in one dict."""
        out = {name: int(getattr(self, name)) for name in _COUNTS}
        out["rows_skipped"] = self.rows_skipped
        out["parts_skipped"] = len(self._skipped) - self.rows_skipped
        out["problems"] = len(self._problems)
        out["suggested_merges"] = len(self.suggested_merges)
        return out

    # ------------------------------------------------------------------ combine
    @classmethod
    def combine(cls, *reports: ImportReport) -> ImportReport:
        """Add several reports into one (used by :func:`alliances.merge`).

        Counts are summed; ``actors`` and ``ties`` are sums too, so the caller
        that builds the merged graph should set them from it (as
        :func:`alliances.load` does).

        Examples
        --------
        >>> a = ImportReport(sources=["a.csv"], rows_read=2); b = ImportReport(sources=["b.csv"], rows_read=3)
        >>> ImportReport.combine(a, b).rows_read
        5
        """
        out = cls()
        for r in reports:
            if not isinstance(r, ImportReport):
                continue
            out.sources += [s for s in r.sources if s not in out.sources]
            for name in _COUNTS:
                setattr(out, name, getattr(out, name) + getattr(r, name))
            out._skipped += r._skipped
            out._problems += r._problems
            out._suggested += r._suggested
            out._merged_names += r._merged_names
            out._formats += r._formats
        return out

    # ------------------------------------------------------------------ display
    def _summary_lines(self) -> list[tuple[str, int]]:
        return [
            (N_("rows read"), self.rows_read),
            (N_("rows used"), self.rows_used),
            (N_("actors"), self.actors),
            (N_("ties"), self.ties),
            (N_("rows folded into an existing tie"), self.ties_merged),
            (N_("rows skipped"), self.rows_skipped),
            (N_("parts of used rows left out"), len(self._skipped) - self.rows_skipped),
            (N_("self-nominations (not tied)"), self.self_nominations),
            (N_("values not understood (kept as missing) or noted"), len(self._problems)),
            (N_("unknown sectors (kept as written)"), self.unknown_sectors),
            (N_("spellings merged into one actor"), self.name_merges),
            (N_("possible duplicates to check"), len(self.suggested_merges)),
            (N_("blank lines ignored"), self.blank_lines),
        ]

    def _skipped_frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Rows skipped, and parts of used rows left out (two lists, two labels)."""
        rows = [e[:3] for e in self._skipped if e[3]]
        parts = [e[:3] for e in self._skipped if not e[3]]
        return self._frame(rows, SKIPPED_COLUMNS), self._frame(parts, SKIPPED_COLUMNS)

    def merged_spellings(self, labels: Mapping[str, Any] | None = None,
                         lang: str | None = None) -> list[tuple[str, list[tuple[str, list[str]]]]]:
        """Which spellings became which actor: ``[(actor, [(why, [spelling, ...]), ...]), ...]``.

        ``actor`` is the actor's label when ``labels`` (``{id: label}``, e.g.
        ``dict(G.nodes(data="label"))``) has it, else its id; ``why`` is the
        rule, in plain words in ``lang``. Actors in order of id, spellings as
        recorded.

        Examples
        --------
        >>> r = ImportReport()
        >>> r.merged_name("mairie", "MAIRIE D'ANTONY", "normalisation")
        >>> r.merged_name("mairie", "Ville d'Antony", "registry alias")
        >>> r.merged_spellings({"mairie": "Mairie d'Antony"}, lang="en")  # doctest: +NORMALIZE_WHITESPACE
        [("Mairie d'Antony", [('same name once case, accents and punctuation are set aside',
                               ["MAIRIE D'ANTONY"]), ('alias in the actor registry', ["Ville d'Antony"])])]
        """
        grouped: dict[str, dict[str, list[str]]] = {}
        for node, spelling, rule in self._merged_names:
            why = gettext(MERGE_RULES[rule], lang) if rule in MERGE_RULES else str(rule)
            spellings = grouped.setdefault(str(node), {}).setdefault(why, [])
            if str(spelling) not in spellings:
                spellings.append(str(spelling))
        out = []
        for node in sorted(grouped):
            label = (labels or {}).get(node)
            actor = node if label is None or is_missing(label) else str(label)
            out.append((actor, list(grouped[node].items())))
        return out

    def text(self, lang: str | None = None, *, labels: Mapping[str, Any] | None = None,
             options: Mapping[str, str] | None = None) -> str:
        """The report as plain text, in ``lang`` (None: the environment's language).

        Parameters
        ----------
        lang : {"en", "fr"}, optional
            Language of the report's words and of the importers' reasons,
            actions and notes recorded as :class:`~alliances.i18n.Message`
            (a plain ``str``, a user's own note, is shown as it is); file
            names, headers and values are data, shown as they are.
        labels : mapping, optional
            ``{id: label}`` of the actors (``dict(G.nodes(data="label"))``):
            merged spellings name the actor by its label.
        options : mapping, optional
            How to name an option in a hint: ``{"trust_scale=": "--trust-scale 1-5"}``
            (the command line passes its own options; default: Python's).

        Returns
        -------
        str

        Examples
        --------
        >>> r = ImportReport(sources=["enquete.csv"], rows_read=2, rows_used=2)
        >>> print(r.text("fr").splitlines()[1])
          lignes lues : 2
        """
        _ = functools.partial(gettext, lang=lang)  # Babel's marker
        colon = _(": ")
        out = [_("Import report: {sources}").format(
            sources=", ".join(self.sources) or _("(no file)"))]
        for path, tool, roles in self._formats:
            out.append("  " + _("{path}: recognised as {tool}").format(
                path=path, tool=translate(tool, lang)))
            out += [f"    - {column_text(header, lang)}{colon}{role_text(role, lang)}"
                    for header, role in list(roles.items())[:30]]
        out += [f"  {_(label)}{colon}{value}" for label, value in self._summary_lines()]
        spellings = self.merged_spellings(labels, lang)
        if spellings:
            out.append(_("Spellings merged into one actor:"))
            for actor, rows in spellings[:LIST_LIMIT]:
                out.append(f"  - {actor} ← {_spellings(rows, lang)}")
            if len(spellings) > LIST_LIMIT:
                out.append("  " + _("... and {n} more (see the DataFrame attribute)").format(
                    n=len(spellings) - LIST_LIMIT))
        rows_skipped, parts_left_out = self._skipped_frames()
        where = lambda r: (f"{_where(r['path'], r['line'], lang=lang)}{colon}"  # noqa: E731
                           f"{translate(r['reason'], lang)}")
        for title, frame, fmt in (
            (N_("Rows skipped"), rows_skipped, where),
            (N_("Parts of used rows left out"), parts_left_out, where),
            (N_("Problems"), self.problems,
             lambda r: f"{_where(r['path'], r['line'], r['column'], lang=lang)}{colon}"
                       f"{'' if r['value'] is None else _value(r['value'], lang) + colon}"
                       f"{_hint(r['action'], options, lang)}"),
            (N_("Possible duplicates (not merged)"), self.suggested_merges,
             lambda r: f"{_quote(r['label_a'], lang)} / {_quote(r['label_b'], lang)} "
                       + _("(score {score})").format(score=format_number(r["score"], lang))),
        ):
            if len(frame):
                out.append(_(title) + colon.rstrip())
                records = frame.to_dict("records")
                out += [f"  - {fmt(r)}" for r in records[:LIST_LIMIT]]
                if len(records) > LIST_LIMIT:
                    out.append("  " + _("... and {n} more (see the DataFrame attribute)").format(
                        n=len(records) - LIST_LIMIT))
        return "\n".join(out)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return (f"<ImportReport {len(self.sources)} file(s): {self.rows_read} rows, "
                f"{self.actors} actors, {self.ties} ties, {self.rows_skipped} skipped, "
                f"{len(self._problems)} problems>")

    def to_html(self, lang: str | None = None, *, labels: Mapping[str, Any] | None = None,
                options: Mapping[str, str] | None = None) -> str:
        """The report as an HTML fragment (what Jupyter shows), in ``lang``; every value escaped.

        Parameters are those of :meth:`text`.

        Returns
        -------
        str
        """
        esc = html.escape
        _ = functools.partial(gettext, lang=lang)  # Babel's marker
        parts = ["<div class='alliances-import-report'><strong>"
                 + esc(_("Import report: {sources}").format(
                       sources=", ".join(self.sources) or _("(no file)"))) + "</strong><table>"]
        for path, tool, roles in self._formats:
            shown = "; ".join(f"{column_text(header, lang, quoted=False)} → {role_text(role, lang)}"
                              for header, role in list(roles.items())[:30])
            parts.append(f"<tr><td>{esc(path)}</td><td>"
                         + esc(_("recognised as {tool}").format(tool=translate(tool, lang)))
                         + (f"<br><small>{esc(shown)}</small>" if shown else "") + "</td></tr>")
        parts += [f"<tr><td>{esc(_(label))}</td><td>{value}</td></tr>"
                  for label, value in self._summary_lines()]
        parts.append("</table>")
        spellings = self.merged_spellings(labels, lang)
        if spellings:
            head = "<th>" + esc(_("actor")) + "</th><th>" + esc(_("spellings merged into it")) + "</th>"
            body = "".join(
                f"<tr><td>{esc(actor)}</td><td>"
                + esc(_spellings(rows, lang))
                + "</td></tr>" for actor, rows in spellings)
            parts.append("<details open><summary>" + esc(_("Spellings merged into one actor"))
                         + f" ({len(spellings)})</summary><table><tr>{head}</tr>{body}</table></details>")
        rows_skipped, parts_left_out = self._skipped_frames()
        problems = self.problems
        if len(problems):
            problems = problems.assign(action=[_hint(a, options, lang) for a in problems["action"]])
        for title, frame in ((N_("Rows skipped"), rows_skipped),
                             (N_("Parts of used rows left out"), parts_left_out),
                             (N_("Problems"), problems),
                             (N_("Possible duplicates (not merged)"), self.suggested_merges)):
            if len(frame):
                if "label_a" in frame.columns:  # ids are for code; people read labels
                    frame = frame[["label_a", "label_b", "score", "reason"]]
                head = "".join(f"<th>{esc(_(HEADERS.get(str(c), str(c))))}</th>"
                               for c in frame.columns)
                body = "".join(
                    "<tr>" + "".join(f"<td>{esc(_cell(v, lang))}</td>" for v in row)
                    + "</tr>" for row in frame.head(50).itertuples(index=False))
                more = ("<p>" + esc(_("... and {n} more").format(n=len(frame) - 50)) + "</p>"
                        if len(frame) > 50 else "")
                parts.append(f"<details><summary>{esc(_(title))} ({len(frame)})</summary>"
                             f"<table><tr>{head}</tr>{body}</table>{more}</details>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


#: Spellings and lines listed in the text report (the DataFrames hold them all).
LIST_LIMIT = 20

#: Why a spelling was folded into an actor, in plain words (the importers' rule names).
MERGE_RULES: dict[str, str] = {
    "normalisation": N_("same name once case, accents and punctuation are set aside"),
    "registry alias": N_("alias in the actor registry"),
}

#: Headers of the HTML tables, for people (the DataFrames keep their column names).
HEADERS: dict[str, str] = {
    "path": N_("file"), "line": N_("line"), "reason": N_("reason"), "column": N_("column"),
    "value": N_("value"), "action": N_("what was done"), "label_a": N_("actor"),
    "label_b": N_("maybe the same as"), "score": N_("similarity"),
}

#: The command line's name for each Python option a hint may name.
CLI_OPTIONS: dict[str, str] = {
    "trust_scale=": "--trust-scale 0-1|1-5|0-10",
    "encoding=": "--encoding",
    "level=": "--level",
}


def hint_text(text: str, options: Mapping[str, str] | None) -> str:
    """``text`` with the Python options it names (``pass trust_scale=``) renamed as ``options`` says.

    Only a bare mention (``trust_scale=`` followed by a space or the end) is
    renamed: a call with a value (``trust_scale="1-5"``) is Python to copy,
    left as it is.

    Examples
    --------
    >>> hint_text("pass trust_scale= if that is wrong", CLI_OPTIONS)
    'pass --trust-scale 0-1|1-5|0-10 if that is wrong'
    >>> hint_text('read_survey("s.csv", trust_scale="1-5")', CLI_OPTIONS)
    'read_survey("s.csv", trust_scale="1-5")'
    """
    for python, other in (options or {}).items():
        text = re.sub(r"(?<![\w.])" + re.escape(python) + r"(?=[\s),;]|$)", other, text)
    return text


#: the roles a column plays, as the import report names them, by their English name: every
#: importer records one of these (a Message: English for code, said again in the report's
#: language by :func:`role_text`), or a role of the user's own ``columns=`` as written
COLUMN_ROLES: dict[str, Message] = {m.msgid: m for m in (
    # surveys and vendor exports (io/platforms)
    Message.pgettext("column role", "respondent"),
    Message.pgettext("column role", "organisation"),
    Message.pgettext("column role", "sector"),
    Message.pgettext("column role", "territory"),
    Message.pgettext("column role", "contact"),
    Message.pgettext("column role", "contact_organisation"),
    Message.pgettext("column role", "relation"),
    Message.pgettext("column role", "frequency"),
    Message.pgettext("column role", "trust"),
    Message.pgettext("column role", "theme"),
    Message.pgettext("column role", "tick"),
    Message.pgettext("column role", "metadata"),
    Message.pgettext("column role", "not read"),
    Message.pgettext("column role", "contact (several names in a cell)"),
    Message.pgettext("column role", "contact (other, as typed)"),
    Message.pgettext("column role", "contact (other)"),
    Message.pgettext("column role", "contacts (choices separated by spaces)"),
    Message.pgettext("column role",
                     "not read (the partners' numbered or listed questions are read)"),
    # interview codings (io/qda)
    Message.pgettext("column role", "document"),
    Message.pgettext("column role", "code"),
    Message.pgettext("column role", "quote"),
    Message.pgettext("column role", "position"),
    Message.pgettext("column role", "code group"),
    Message.pgettext("column role", "code not used"),
    # edge lists and network files (io/networks)
    Message.pgettext("column role", "source"),
    Message.pgettext("column role", "target"),
    Message.pgettext("column role", "directed"),
    Message.pgettext("column role", "weight"),
    Message.pgettext("column role", "sign"),
    Message.pgettext("column role", "actor id"),
    Message.pgettext("column role", "actor label"),
    Message.pgettext("column role", "actor sector"),
    Message.pgettext("column role", "actor kind"),
    Message.pgettext("column role", "actor territory"),
    Message.pgettext("column role", "tie weight"),
    Message.pgettext("column role", "tie relation"),
    Message.pgettext("column role", "tie sign"),
    Message.pgettext("column role", "tie trust"),
    Message.pgettext("column role", "undirected: each tie both ways"),
    Message.pgettext("column role", "directed ties"),
    Message.pgettext("column role", "undirected ties"),
    Message.pgettext("column role", "directed ties (lists)"),
    Message.pgettext("column role", "undirected ties (lists)"),
    Message.pgettext("column role", "directed ties (matrix)"),
    Message.pgettext("column role", "network name"),
    Message.pgettext("column role", "actor graph attributes"),
    Message.pgettext("column role", "tie attributes"),
)}


#: what an importer records in place of a column: the graph itself, an argument, a default
PSEUDO_COLUMNS = {
    "(graph)": N_("(the graph)"),
    "(default)": N_("(default)"),
    "(argument)": N_("(your argument)"),
    "(nodes)": N_("(actor attributes)"),
    "(edges)": N_("(tie attributes)"),
}


def column_text(header: Any, lang: str | None = None, *, quoted: bool = True) -> str:
    """A column of :meth:`ImportReport.recognised` as the report shows it, in ``lang``.

    A header is the user's text, shown as written (quoted in the text
    report); one of :data:`PSEUDO_COLUMNS` stands for no column (the graph, a
    default, an argument) and is said in ``lang``.

    Examples
    --------
    >>> column_text("Strength", "fr"), column_text("(default)", "fr")
    ("'Strength'", '(par défaut)')
    """
    if header in PSEUDO_COLUMNS:
        return gettext(PSEUDO_COLUMNS[header], lang)
    return repr(header) if quoted else str(header)


def role_text(role: Any, lang: str | None = None) -> str:
    """A column's role (:meth:`ImportReport.recognised`) in ``lang``.

    An importer's :class:`~alliances.i18n.Message` is translated; a plain
    word is looked up among the catalogue's column roles (``"metadata"``,
    ``"document"``...) and shown as written when it is none (a user's own).

    Examples
    --------
    >>> role_text("metadata", "fr"), role_text("my own role", "fr")
    ('métadonnées', 'my own role')
    """
    if isinstance(role, Message):
        return role.translate(lang)
    return pgettext("column role", str(role), lang)


def _hint(action: Any, options: Mapping[str, str] | None, lang: str | None = None) -> str:
    """An importer's action text in ``lang``, with Python options renamed as ``options`` says."""
    return hint_text("" if is_missing(action) else translate(action, lang), options)


def _quote(text: str, lang: str | None) -> str:
    return f"« {text} »" if lang_code(lang) == "fr" else f"“{text}”"


def _value(value: Any, lang: str | None) -> str:
    """A cell's value as read: Python's quotes in English (as before), guillemets in French."""
    return _quote(str(value), lang) if lang_code(lang) == "fr" else repr(value)


def _spellings(rows: list[tuple[str, list[str]]], lang: str | None) -> str:
    """``“A”, “B” (why); “C” (why)``: the spellings of one actor, grouped by rule."""
    return gettext("; ", lang).join(", ".join(_quote(sp, lang) for sp in spellings) + f" ({why})"
                                    for why, spellings in rows)


def _cell(value: Any, lang: str | None) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, float):
        return format_number(value, lang)
    return translate(value, lang)


def _where(path: Any, line: Any, column: Any = None, *, lang: str | None = None) -> str:
    parts = [str(path)]
    if not is_missing(line):
        parts.append(gettext("line {line}", lang).format(line=line))
    if not is_missing(column) and column is not None:
        parts.append(gettext('column "{column}"', lang).format(column=column))
    return ", ".join(parts)
