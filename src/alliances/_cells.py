"""Formula-injection protection of text cells, shared by the exporters and importers.

A spreadsheet runs a cell as a formula when its text starts with ``=``,
``+``, ``-``, ``@``, a tab, a carriage return or NUL (OWASP CSV injection;
also the full-width ``＝ ＋ － ＠``, or one of the printable ones after leading
spaces). :func:`neutralize_cell` prefixes such a text with ``'``;
:func:`restore_cell` removes exactly that quote, so the importers read the
library's own exports back unchanged. This module sits below both
:mod:`alliances.export` and :mod:`alliances.io`, so neither imports the other.
"""

from __future__ import annotations

import re

__all__: list[str] = []  # private: alliances.export re-exports what users need

#: First characters that make a spreadsheet read a cell as a formula (OWASP
#: CSV injection list, plus NUL and the full-width forms ＝ ＋ － ＠).
DANGEROUS_PREFIXES: tuple[str, ...] = (
    "=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20",
)

# Optional quotes (so that the rule is reversible), then either a control
# prefix, or spaces followed by a formula character (some spreadsheets trim
# leading spaces before evaluating).
_DANGER = re.compile(r"'*(?:[\t\r\0]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def neutralize_cell(text: str) -> str:
    """Prefix a text with ``'`` when a spreadsheet would read it as a formula.

    Parameters
    ----------
    text : str
        A cell's text.

    Returns
    -------
    str
        ``"'" + text`` if ``text`` starts (after optional quotes, or spaces for
        the printable ones) with one of :data:`DANGEROUS_PREFIXES` and is not
        a plain number; ``text`` unchanged otherwise.

    Examples
    --------
    >>> neutralize_cell('=HYPERLINK("http://evil.example","clic")')
    '\\'=HYPERLINK("http://evil.example","clic")'
    >>> neutralize_cell("-3,5"), neutralize_cell("Mairie")
    ('-3,5', 'Mairie')
    >>> neutralize_cell("'=1+1")  # one more quote, so restore_cell can undo it
    "''=1+1"
    """
    if _DANGER.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`neutralize_cell`: ``restore_cell(neutralize_cell(t)) == t``.

    Only a single leading ``'`` followed by what :func:`neutralize_cell`
    protects is removed; ``l'eau`` or ``'Sud`` stay as they are.

    Parameters
    ----------
    text : str
        A cell's text as read from the file.

    Returns
    -------
    str

    Examples
    --------
    >>> restore_cell("'=1+1"), restore_cell("''=1+1"), restore_cell("l'eau")
    ('=1+1', "'=1+1", "l'eau")
    >>> restore_cell("'-3,5")  # a plain number is never protected, so never restored
    "'-3,5"
    """
    if text.startswith("'") and _DANGER.match(text[1:]) and not _PLAIN_NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text
