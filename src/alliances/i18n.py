"""Languages: one message catalogue per language, numbers and dates formatted for it.

Every sentence a user reads comes from a gettext catalogue
(``src/alliances/locale/<lang>/LC_MESSAGES/<domain>.po``, compiled to
``.mo`` by Babel: ``python scripts/i18n.py``). Two domains, as Django keeps
``django`` and ``djangojs`` apart:

* ``alliances``: the Python side (findings, ``reason`` sentences, import
  report, errors, report, CLI);
* ``alliances-map``: the interactive map's interface (legend, search,
  filters, panel), handed to the map's script as one JSON object.

Marking messages (what ``python scripts/i18n.py`` extracts with Babel):
``gettext("...", lang)`` and ``ngettext("...", "...", n, lang)`` translate
at once; ``N_("...")`` marks a constant (a dict of help texts) translated
later with ``gettext(text, lang)``; ``map_gettext("...", lang)`` and
``map_noop("...")`` do the same for the ``alliances-map`` domain. A message
is a ``str.format`` template whose fields (``{n}``, ``{label}``) are filled
after translation, so that user text never passes through the catalogue.

The language is chosen once per call with ``lang=`` (``"en"`` or ``"fr"``);
``None`` follows the environment (``ALLIANCES_LANG``, then the locale:
``LC_ALL``, ``LC_MESSAGES``, ``LANG``), English otherwise. Numbers and dates
are formatted with Babel's CLDR data (``0,62`` and ``5 déc. 2026`` in French).
"""

from __future__ import annotations

import datetime as _dt
import functools
import gettext as _gettext
import os
from pathlib import Path

__all__ = ["DOMAINS", "LANGUAGES", "LOCALE_DIR", "N_", "format_date", "format_list",
           "format_number", "gettext", "map_gettext", "map_noop", "ngettext", "pgettext",
           "resolve_lang", "translation"]

#: the languages with a catalogue; the first is the source language of the messages
LANGUAGES = ("en", "fr")
#: where the compiled catalogues live (inside the package, so that they ship with it)
LOCALE_DIR = Path(__file__).parent / "locale"
#: the message domains: the Python side, and the interactive map's interface
DOMAINS = ("alliances", "alliances-map")


def resolve_lang(lang: str | None = None) -> str:
    """The language to use: ``lang`` if given, else the environment's, English otherwise.

    Accepts ``"fr"``, ``"FR"``, ``"fr_FR"``, ``"fr-FR.UTF-8"``.

    Examples
    --------
    >>> resolve_lang("fr_FR.UTF-8"), resolve_lang("EN")
    ('fr', 'en')
    """
    if lang is None:
        for name in ("ALLIANCES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(name, "")
            if value and value not in ("C", "POSIX") and not value.startswith("C."):
                code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
                return code if code in LANGUAGES else "en"
        return "en"
    code = str(lang).strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    if code not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}, got {lang!r}")
    return code


@functools.cache
def translation(lang: str | None = None, domain: str = "alliances") -> _gettext.NullTranslations:
    """The compiled catalogue of ``domain`` for ``lang`` (English: the messages as written)."""
    if domain not in DOMAINS:
        raise ValueError(f"domain must be one of {DOMAINS}, got {domain!r}")
    code = resolve_lang(lang)
    if code == LANGUAGES[0]:
        return _gettext.NullTranslations()
    return _gettext.translation(domain, localedir=LOCALE_DIR, languages=[code], fallback=True)


def gettext(message: str, lang: str | None = None, domain: str = "alliances") -> str:
    """``message`` in ``lang`` (unchanged when the catalogue lacks it)."""
    return translation(resolve_lang(lang), domain).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None,
             domain: str = "alliances") -> str:
    """The singular or plural form for ``n``, in ``lang``."""
    return translation(resolve_lang(lang), domain).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None,
             domain: str = "alliances") -> str:
    """``message`` in ``lang`` for ``context`` (a word that reads differently by use).

    Examples
    --------
    >>> pgettext("column", "label", "en")
    'label'
    """
    return translation(resolve_lang(lang), domain).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for a marker)
    """Mark ``message`` for the catalogue without translating it (``gettext_noop``).

    For constants (help texts in a dict) translated where they are shown,
    with ``gettext(text, lang)``.

    Examples
    --------
    >>> N_("Key findings")
    'Key findings'
    """
    return message


def map_gettext(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` from the map's interface domain (``alliances-map``)."""
    return gettext(message, lang, domain="alliances-map")


def map_noop(message: str) -> str:
    """Mark ``message`` for the ``alliances-map`` catalogue without translating it."""
    return message


def format_list(items: list[str] | tuple[str, ...], lang: str | None = None) -> str:
    """Items joined as the language writes a list (``a, b and c``, ``a, b et c``).

    Examples
    --------
    >>> format_list(["Asso", "Mairie", "Club"], "fr"), format_list(["A", "B"], "en")
    ('Asso, Mairie et Club', 'A and B')
    """
    from babel.lists import format_list as babel_format_list

    return babel_format_list([str(i) for i in items], locale=resolve_lang(lang)) if items else ""


def format_number(x: float | int, lang: str | None = None, digits: int | None = 2) -> str:
    """``x`` with the language's decimal mark and grouping (``digits`` decimals, None: as is).

    Examples
    --------
    >>> format_number(0.6213, "fr"), format_number(1234.5, "en", 1), format_number(12, "fr", 0)
    ('0,62', '1,234.5', '12')
    """
    from babel.numbers import format_decimal

    code = resolve_lang(lang)
    if digits is None:
        return format_decimal(x, locale=code)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(float(x), digits) if digits else round(float(x)), format=pattern,
                          locale=code)


def format_date(day: _dt.date | _dt.datetime | str, lang: str | None = None) -> str:
    """A date as the language writes it (``5 déc. 2026``, ``Dec 5, 2026``).

    Examples
    --------
    >>> format_date("2026-12-05", "fr"), format_date(_dt.date(2026, 12, 5), "en")
    ('5 déc. 2026', 'Dec 5, 2026')
    """
    from babel.dates import format_date as babel_format_date

    if isinstance(day, str):
        day = _dt.date.fromisoformat(day[:10])
    return babel_format_date(day, format="medium", locale=resolve_lang(lang))
