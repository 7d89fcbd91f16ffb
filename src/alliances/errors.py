"""Exceptions and warnings raised by :mod:`alliances`.

Every problem with a user's file is an :class:`InputError` that names the
file, the line (1-based, as a spreadsheet shows it) and the column where they
are known, says what is wrong and what to do about it.
"""

from __future__ import annotations

from os import PathLike

__all__ = ["AlliancesWarning", "InputError", "Problem"]


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

    def location(self) -> str:
        """Return ``file, line N, column "X"`` for the parts that are known."""
        parts = []
        if self.path is not None:
            parts.append(self.path)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

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
        super().__init__(self._render(first))

    def _render(self, first: Problem) -> str:
        if len(self.problems) <= 1:
            return str(first)
        shown = self.problems[:20]
        lines = [str(first), f"{len(self.problems)} problems found:"]
        lines += [f"  - {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  ... and {len(self.problems) - len(shown)} more")
        return "\n".join(lines)

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
    """Something was computed but may not mean what the user thinks (missing groups, tiny graph...)."""
