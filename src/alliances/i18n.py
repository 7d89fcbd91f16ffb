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

**Messages kept for later** (:class:`Message`). An importer writes its
skip reasons, problem actions, recognition notes and
:class:`~alliances.errors.InputError` messages before anyone knows the
language of the report that will show them. It stores a :class:`Message`:
a ``str`` whose value is the English text (so ``str()``, ``==``, DataFrames
and logs see plain English, as before) and which keeps its msgid, its
plural form and its fields, so that :meth:`Message.translate` says it again
in another language::

    Message.of(N_('frequency "{value}" means no contact: no tie'), value="Jamais")
    Message.ngettext("one cell named {n} contact", "one cell named {n} contacts", n)

Decisions:

* the template is marked where it is written (``N_`` inside
  :meth:`Message.of`; :meth:`Message.ngettext` is itself an extraction
  keyword), so Babel extracts it like any other message;
* fields are the user's data (file names, cell values, headers, actor
  names, suggested calls) and are inserted after translation, never
  translated; a field that is itself a :class:`Message` is translated with
  its parent (a sentence made of sentences);
* a plain ``str`` where a message is expected is shown as it is (a user's
  own note, an old report): nothing guesses a translation for it;
* as plain data (:meth:`Message.to_dict`, what
  ``ImportReport.to_dict`` stores) a message is
  ``{"text": English, "msgid": ..., "plural": ..., "n": ..., "fields": {...}}``
  (text, numbers and None only); :meth:`Message.from_dict` and
  :func:`message_from_data` rebuild it; pickle and ``copy.deepcopy`` keep
  it a :class:`Message`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gettext as _gettext
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["DOMAINS", "LANGUAGES", "LOCALE_DIR", "N_", "LocalNumber", "Message", "format_date",
           "format_list", "format_number", "gettext", "map_gettext", "map_noop", "message_data",
           "message_from_data", "ngettext", "pgettext", "resolve_lang", "translate",
           "translation"]

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


class Message(str):
    """A message said in English now and in another language later: a ``str`` that remembers its msgid.

    Its value is the English text; :attr:`msgid`, :attr:`plural`, :attr:`n`
    and :attr:`fields` let :meth:`translate` say it in any language of
    :data:`LANGUAGES`. Build one with :meth:`of` or :meth:`ngettext`.

    Examples
    --------
    >>> m = Message.of(N_("{n} rows read from {path}"), n=3, path="enquête.csv")
    >>> m, isinstance(m, str), m == "3 rows read from enquête.csv"
    ('3 rows read from enquête.csv', True, True)
    >>> m.translate("en")
    '3 rows read from enquête.csv'
    >>> Message.from_dict(m.to_dict()).fields
    {'n': 3, 'path': 'enquête.csv'}
    """

    msgid: str
    plural: str | None
    n: int | None
    fields: dict[str, Any]
    context: str | None

    def __new__(cls, msgid: str, fields: Mapping[str, Any] | None = None, plural: str | None = None,
                n: int | None = None, context: str | None = None) -> Message:
        fields = dict(fields or {})
        template = msgid if plural is None or n == 1 else plural
        obj = super().__new__(cls, template.format(**fields) if fields else template)
        obj.msgid = str(msgid)
        obj.plural = None if plural is None else str(plural)
        obj.n = None if n is None else int(n)
        obj.fields = fields
        obj.context = None if context is None else str(context)
        return obj

    @classmethod
    def of(cls, msgid: str, /, **fields: Any) -> Message:
        """The message ``msgid`` (marked with ``N_``) with its ``str.format`` fields.

        Parameters
        ----------
        msgid : str
            An English ``str.format`` template, marked for the catalogue
            (``Message.of(N_("..."), ...)``).
        **fields
            The values of its fields: user data, never translated (a
            :class:`Message` field is translated with the message).

        Returns
        -------
        Message
        """
        return cls(msgid, fields)

    @classmethod
    def ngettext(cls, singular: str, plural: str, n: int, /, **fields: Any) -> Message:
        """A message with a singular and a plural form chosen by ``n`` (``n`` is also a field).

        Parameters
        ----------
        singular, plural : str
            The English forms (Babel extracts this call as a plural message).
        n : int
            The count that chooses the form.
        **fields
            The other fields.

        Returns
        -------
        Message

        Examples
        --------
        >>> Message.ngettext("{n} row skipped", "{n} rows skipped", 2)
        '2 rows skipped'
        """
        fields.setdefault("n", n)
        return cls(singular, fields, plural, n)

    @classmethod
    def join(cls, parts: Sequence[str], sep: str = ", ") -> Message:
        """Parts (messages or plain text) side by side, each said in the reader's language.

        A layout, not a sentence: the template holds only the fields and the
        separator, so it has no catalogue entry and only the parts are
        translated.

        Examples
        --------
        >>> either = Message.of("{one} or {other}", one="A", other="B")
        >>> Message.join(["'Atelier'", either], "; ").translate("fr")
        "'Atelier'; A ou B"
        """
        if not parts:
            raise ValueError("Message.join needs at least one part")
        template = sep.replace("{", "{{").replace("}", "}}").join(
            f"{{p{i}}}" for i in range(len(parts)))
        return cls(template, {f"p{i}": part for i, part in enumerate(parts)})

    @classmethod
    def pgettext(cls, context: str, msgid: str, /, **fields: Any) -> Message:
        """A message read in ``context`` (a word that reads differently by use: ``"id"``).

        Babel extracts this call as a message with a context.

        Examples
        --------
        >>> Message.pgettext("metadata column", "timestamp").translate("en")
        'timestamp'
        """
        return cls(msgid, fields, context=context)

    def translate(self, lang: str | None = None) -> str:
        """The message in ``lang`` (None: the environment's language); English when the catalogue lacks it."""
        if self.context is not None:
            template = pgettext(self.context, self.msgid, lang)
        elif self.plural is None:
            template = gettext(self.msgid, lang)
        else:
            template = ngettext(self.msgid, self.plural, self.n if self.n is not None else 2, lang)
        code = resolve_lang(lang)
        fields = {k: translate(v, code) if isinstance(v, Message)
                  else LocalNumber(v, code) if isinstance(v, float) and code != LANGUAGES[0]
                  else v for k, v in self.fields.items()}
        return template.format(**fields) if fields else template

    def to_dict(self) -> dict[str, Any]:
        """The message as plain data: its English text, msgid, plural form, count and fields."""
        out = {"text": str(self), "msgid": self.msgid, "plural": self.plural, "n": self.n,
               "fields": {k: v.to_dict() if isinstance(v, Message) else v
                          for k, v in self.fields.items()}}
        if self.context is not None:
            out["context"] = self.context
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """The message :meth:`to_dict` describes."""
        fields = {k: message_from_data(v) for k, v in dict(data.get("fields") or {}).items()}
        return cls(data["msgid"], fields, data.get("plural"), data.get("n"), data.get("context"))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.msgid, self.fields, self.plural, self.n, self.context))

    def __repr__(self) -> str:
        return str.__repr__(self)


class LocalNumber(float):
    """A number field of a :class:`Message`, written with the language's decimal mark.

    ``{score:.2f}`` gives ``0,97`` in French, ``{low:g}`` gives ``2,5``;
    other format specifications are Python's.

    Examples
    --------
    >>> "{x:.2f} / {y:g} / {z}".format(x=LocalNumber(0.967, "fr"), y=LocalNumber(2.5, "fr"),
    ...                                 z=LocalNumber(1.0, "fr"))
    '0,97 / 2,5 / 1'
    """

    lang: str

    def __new__(cls, value: float, lang: str | None = None) -> LocalNumber:
        obj = super().__new__(cls, value)
        obj.lang = resolve_lang(lang)
        return obj

    def __format__(self, spec: str) -> str:
        fixed = re.fullmatch(r"\.(\d+)f", spec)
        if fixed:
            return format_number(float(self), self.lang, int(fixed.group(1)))
        if spec in ("", "g"):
            return format_number(float(self), self.lang, None)
        return float.__format__(float(self), spec)

    def __str__(self) -> str:
        return format(self, "")


def translate(text: Any, lang: str | None = None) -> str:
    """``text`` in ``lang`` when it is a :class:`Message`; any other value as ``str()`` shows it.

    Examples
    --------
    >>> translate("my own note", "fr"), translate(3, "fr")
    ('my own note', '3')
    """
    return text.translate(lang) if isinstance(text, Message) else str(text)


def message_from_data(value: Any) -> Any:
    """A :class:`Message` again from its plain data (:meth:`Message.to_dict`); other values unchanged.

    Examples
    --------
    >>> m = message_from_data({"text": "1 row", "msgid": "{n} row", "plural": "{n} rows", "n": 1,
    ...                        "fields": {"n": 1}})
    >>> type(m).__name__, m, message_from_data("plain")
    ('Message', '1 row', 'plain')
    """
    if isinstance(value, Mapping) and "msgid" in value and "text" in value:
        return Message.from_dict(value)
    return value


def message_data(value: Any) -> Any:
    """The plain data of a :class:`Message` (:meth:`Message.to_dict`); other values unchanged."""
    return value.to_dict() if isinstance(value, Message) else value
