"""Exceptions and warnings raised by :mod:`alliances`.

Every problem with a user's file is an :class:`InputError` that names the
file, the line (1-based, as a spreadsheet shows it) and the column where they
are known, says what is wrong and what to do about it.

Its message is English (``str(err)``, for logs and tests); when the
importer wrote it as an :class:`alliances.i18n.Message`, :meth:`InputError.text`
says it in another language (``err.text("fr")``), file names, values and
suggested calls left as they are. The command line prints ``err.text(lang)``
with its ``--lang``.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
import warnings
import weakref
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import Any

__all__ = ["AlliancesWarning", "InputError", "MissingWorldWarning", "Problem", "every_warning",
           "user_stacklevel", "warn"]

#: the package's folder: frames inside it are the library's, not the user's
PACKAGE_DIR = str(Path(__file__).resolve().parent)


class Problem:
    """One problem found in an input file (several may be gathered in one error).

    Parameters
    ----------
    message : str
        What is wrong and what to do, in plain words.
    path : str or path-like, optional
        The file where the problem is.
    line : int, optional
        1-based physical line number, as a text editor or spreadsheet shows it.
    column : str, optional
        The column header (or its letter/number when the header is missing).
    value : str, optional
        The offending cell value.
    """

    __slots__ = ("column", "line", "message", "path", "value")

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.value = value

    def location(self, lang: str | None = "en") -> str:
        """Return ``file, line N, column "X"`` for the parts that are known, in ``lang``."""
        from alliances.i18n import gettext

        parts = []
        if self.path is not None:
            parts.append(self.path)
        if self.line is not None:
            parts.append(gettext("line {line}", lang).format(line=self.line))
        if self.column is not None:
            parts.append(gettext('column "{column}"', lang).format(column=self.column))
        return ", ".join(parts)

    def text(self, lang: str | None = None) -> str:
        """The problem in ``lang`` (None: the environment's): where, then what.

        Examples
        --------
        >>> from alliances.i18n import N_, Message
        >>> p = Problem(Message.of(N_("blank header; the column was named {name!r}"),
        ...                        name="column 2"), path="a.csv", line=1)
        >>> print(p.text("en"))
        a.csv, line 1: blank header; the column was named 'column 2'
        """
        from alliances.i18n import gettext, translate

        where = self.location(lang)
        message = translate(self.message, lang)
        return gettext("{where}: {message}", lang).format(where=where, message=message) \
            if where else message

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else str(self.message)

    def __repr__(self) -> str:
        return f"Problem({self!s})"


class InputError(ValueError):
    """A user's input file (or table) cannot be read as asked.

    The message says where (file, line, column), what is wrong and what to do.
    When several problems were found in one file they are all listed, so the
    user can fix them in one pass; they are available as :attr:`problems`.

    Attributes
    ----------
    path : str or None
        The file, when known.
    line : int or None
        1-based physical line of the first problem, when known.
    column : str or None
        Column header of the first problem, when known.
    problems : list of Problem
        Every problem found.

    Examples
    --------
    >>> err = InputError("trust must be a number from 0 to 10, got 'beaucoup'",
    ...                  path="survey.csv", line=4, column="trust")
    >>> print(err)
    survey.csv, line 4, column "trust": trust must be a number from 0 to 10, got 'beaucoup'
    >>> err.line
    4
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        first = Problem(message, path=path, line=line, column=column, value=value)
        self.problems: list[Problem] = list(problems) if problems else [first]
        self.path = first.path
        self.line = line
        self.column = column
        self.value = value
        self.message = message
        self._first = first
        super().__init__(self._render(first, "en"))

    def _render(self, first: Problem, lang: str | None) -> str:
        from alliances.i18n import gettext, ngettext

        if len(self.problems) <= 1:
            return first.text(lang)
        shown = self.problems[:20]
        n = len(self.problems)
        lines = [first.text(lang),
                 ngettext("{n} problem found:", "{n} problems found:", n, lang).format(n=n)]
        lines += [f"  - {p.text(lang)}" for p in shown]
        if n > len(shown):
            lines.append("  " + gettext("... and {n} more", lang).format(n=n - len(shown)))
        return "\n".join(lines)

    def text(self, lang: str | None = None) -> str:
        """The error in ``lang`` (None: the environment's language); ``str(err)`` is English.

        Messages the importer wrote as :class:`alliances.i18n.Message` are
        translated; their fields (file names, values, suggested calls) are not.

        Examples
        --------
        >>> from alliances.i18n import N_, Message
        >>> err = InputError(Message.of(N_("file not found: {path}; check the name and folder"),
        ...                             path="enquete.csv"), path="enquete.csv")
        >>> print(err.text("en"))
        enquete.csv: file not found: enquete.csv; check the name and folder
        """
        return self._render(self._first, lang)

    translate = text

    @classmethod
    def collect(cls, problems: list[Problem], summary: str | None = None) -> InputError:
        """Build one error from several problems (the first gives the location).

        Examples
        --------
        >>> err = InputError.collect([Problem("empty name", path="a.csv", line=3),
        ...                           Problem("empty name", path="a.csv", line=9)],
        ...                          summary="2 rows have no actor name")
        >>> err.line, len(err.problems)
        (3, 2)
        """
        if not problems:
            raise ValueError("InputError.collect needs at least one problem")
        first = problems[0]
        message = summary or first.message
        return cls(
            message,
            path=first.path,
            line=first.line,
            column=first.column,
            value=first.value,
            problems=problems,
        )


class AlliancesWarning(UserWarning):
    """Something was computed but may not mean what the user thinks (missing groups, tiny graph...).

    Made by :func:`warn`, it keeps its message template and fields, so that
    a report in another language can say it again (:meth:`text`).

    Examples
    --------
    >>> w = AlliancesWarning("{n} actors have no sector: {names}.", n=2, names="A, B")
    >>> str(w), w.template, w.fields["n"]
    ('2 actors have no sector: A, B.', '{n} actors have no sector: {names}.', 2)
    """

    def __init__(self, template: str = "", /, **fields: Any) -> None:
        self.template = template
        self.fields: dict[str, Any] = dict(fields)
        super().__init__(template.format(**fields) if fields else template)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (from the catalogue; as written when it has none)."""
        from alliances.i18n import gettext

        template = gettext(self.template, lang) if self.template else str(self)
        return template.format(**self.fields) if self.fields else template


class MissingWorldWarning(AlliancesWarning):
    """Some actors have no world (sector), so the group measures treat them as one group "unknown".

    Said once per graph by the first analysis that meets it (see
    :func:`alliances.analysis.views.group_labels`). Its own category lets
    code silence it whatever the language of its text::

        warnings.filterwarnings("ignore", category=MissingWorldWarning)

    (a filter on the English words would let the French text through).
    """


# the causes already warned about, per graph (or other object): once per cause
_WARNED: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
# inside every_warning(): a cause already warned about is warned again
_EVERY: contextvars.ContextVar[bool] = contextvars.ContextVar("alliances_every_warning", default=False)


@contextlib.contextmanager
def every_warning() -> Iterator[None]:
    """Within this block, :func:`warn` emits every warning and remembers none.

    For a caller that gathers the warnings of the analyses (the report's
    notes on the data): what the user saw before must still be noted, and
    the caller passes them on to the user with :func:`warn` itself.
    """
    token = _EVERY.set(True)
    try:
        yield
    finally:
        _EVERY.reset(token)


def user_stacklevel() -> int:
    """The ``stacklevel`` that points :func:`warnings.warn` at the first caller outside alliances.

    For a ``warnings.warn`` call in the function that calls this one.
    Python 3.12's ``skip_file_prefixes`` does the same; 3.11 needs the count.
    """
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def _ignored(text: str, category: type[Warning]) -> bool:
    """Whether the active warning filters ignore this message at the user's line."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(PACKAGE_DIR):
        frame = frame.f_back
    module = frame.f_globals.get("__name__", "") if frame is not None else ""
    lineno = frame.f_lineno if frame is not None else 0
    for action, message, cat, mod, line in warnings.filters:
        if ((message is None or message.match(text)) and issubclass(category, cat)
                and (mod is None or mod.match(module)) and (line == 0 or line == lineno)):
            return action == "ignore"
    return False


def warn(template: str, /, *, once: Any = None, category: type[AlliancesWarning] = AlliancesWarning,
         lang: str | None = None, **fields: Any) -> bool:
    """Warn once per cause, at the user's call, with a message the catalogue can translate.

    Parameters
    ----------
    template : str
        The message, a ``str.format`` template in English marked for the
        catalogue (``N_("...")``); user values (labels) go in ``fields``.
    once : object, optional
        The object the cause belongs to (the graph): the same message about
        the same object is given once, however many analyses meet it.
        Weakly referenced: the memory goes with the object.
    category : type, default AlliancesWarning
    lang : {"en", "fr"}, optional
        The language of the warning's text (``str(w.message)``); None: the
        environment's (:func:`alliances.i18n.resolve_lang`), English otherwise.
        :meth:`AlliancesWarning.text` still says it in any language, and the
        same cause is said once whatever the language.
    **fields
        The values of the template's fields.

    Returns
    -------
    bool
        True when the warning was emitted, False when it had been already.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     first = warn("{n} actors have no sector", once=G, n=2)
    ...     again = warn("{n} actors have no sector", once=G, n=2)
    >>> first, again, [str(w.message) for w in caught]
    (True, False, ['2 actors have no sector'])
    """
    from alliances.i18n import LANGUAGES, resolve_lang

    message = category(template, **fields)
    english = str(message)
    code = resolve_lang(lang)
    if code != LANGUAGES[0]:
        # what warnings prints and filters match is the exception's text: the user's language
        message.args = (message.text(code),)
    if once is not None and _ignored(str(message), category):
        # silenced where it is emitted (an analysis that warns about it itself): not yet said
        return False
    if once is not None:
        try:
            seen = _WARNED.setdefault(once, set())
        except TypeError:  # not weakly referenceable: warn every time rather than keep it alive
            seen = set()
        key = f"{category.__name__}:{english}"  # one cause, whatever the language it was said in
        if not _EVERY.get():  # gathered by a caller, who warns the user once itself
            if key in seen:
                return False
            seen.add(key)
    if sys.version_info >= (3, 12):
        warnings.warn(message, stacklevel=2, skip_file_prefixes=(PACKAGE_DIR,))
    else:
        warnings.warn(message, stacklevel=user_stacklevel())
    return True

