"""Survey importer: long, wide (name generator) and roster (matrix) layouts.

Value rules (also in ``docs/data-model.md``):

* **Frequency -> weight**: words through
  :data:`alliances.model.FREQUENCY_WEIGHTS` (0 never ... 5 daily, English and
  French, accents and case ignored); numbers are used as they are (``3,5``
  read as 3.5 when the delimiter is not a comma). A frequency of 0
  ("jamais") means no tie: the row is skipped and counted. An unreadable
  frequency is reported and the tie keeps the default weight 1.0.
* **Trust -> 0..1**: words (aucune 0, faible 0.25, moyenne 0.5, bonne /
  forte 0.75, totale / très forte 1; oui 1, non 0), percentages (``80 %``
  -> 0.8), or numbers on a scale decided once per file from the largest
  number in the trust column(s): at most 1 -> 0..1 (kept), at most 5 ->
  1..5 (``(x - 1) / 4``), at most 10 -> 0..10 (``x / 10``). Force the scale
  with ``trust_scale="0-1" | "1-5" | "0-10"`` or ``(low, high)``. Values
  outside the scale or unreadable are reported and kept as missing (None).
* **Self-nominations** (an actor naming itself, e.g. a person naming a
  colleague of the same organisation in the organisation-level graph) are
  reported and not tied.
* **Duplicate ties** (same source, target and relation) become one tie whose
  evidence lists every line; weight is the largest reported, trust the mean.
* **Merged cells** (long layout): a row with a contact but neither
  respondent nor organisation continues the block above, as Excel exports
  merged cells; the respondent's cells are carried down and each block is
  reported (``fill_down=False`` skips such rows instead). A survey tool's
  export (one complete row per response, never merged) is not filled down
  unless ``fill_down=True`` is passed: its blank respondent cell is skipped.
* **Rows that disagree** on an actor attribute (two territories, two
  organisations of a person) are decided by votes: the most common value,
  ties to the alphabetically first, never the row order.
* A respondent naming more than :data:`MANY_CONTACTS` (100) actors is kept
  and noted in the report's problems (a list pasted into one answer?).
* Every row is accounted for: used, or skipped once with its reason (see
  :class:`~alliances.io.report.ImportReport`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from os import PathLike
from typing import Any

import networkx as nx
import pandas as pd

from alliances.errors import InputError, Problem
from alliances.i18n import N_, Message
from alliances.io.builder import GraphBuilder, registry_frame
from alliances.io.csvfile import (
    CsvTable,
    match_columns,
    missing_column_error,
    missing_column_head,
    parse_number,
    pause_gc,
)
from alliances.io.metadata import looks_like_metadata_cells, metadata_columns
from alliances.io.names import NameResolver, split_names
from alliances.io.platforms import recognise as recognise_export
from alliances.io.report import ImportReport
from alliances.io.workbook import read_any
from alliances.model import (
    FREQUENCY_WEIGHTS,
    RELATION_SYNONYMS,
    TRUST_WORDS,
    canonical_relation,
    normalize_text,
)

__all__ = ["SURVEY_COLUMNS", "TRUST_WORDS", "parse_trust_scale", "read_survey"]

#: Recognised headers of the long layout (and the respondent columns of the others).
SURVEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "repondant", "repondante", "nom du repondant", "enquete",
                   "personne", "participant", "your name", "votre nom", "nom prenom",
                   "prenom nom", "name", "nom"),
    "organisation": ("organisation", "organization", "structure", "votre structure",
                     "organisme", "structure du repondant", "organisation du repondant",
                     "your organisation", "your organization", "employer"),
    "sector": ("sector", "secteur", "type de structure", "monde", "secteur de la structure",
               "secteur de votre structure", "votre secteur", "type of organisation",
               "type of organization", "type d organisation", "type d organisme"),
    "contact": ("contact", "partenaire", "contact cite", "partenaire cite", "acteur cite",
                "alter", "nominee", "partner", "cited", "contacts", "partenaires"),
    "contact_organisation": ("contact organisation", "contact organization",
                             "organisation du contact", "structure du contact",
                             "structure du partenaire", "partner organisation"),
    "relation": ("relation", "type de relation", "type of relation", "relationship",
                 "nature de la relation", "relation type", "type de lien", "nature du lien"),
    "frequency": ("frequency", "frequence", "how often", "frequence des echanges"),
    "trust": ("trust", "confiance", "niveau de confiance", "trust level"),
    "theme": ("theme", "sujet", "topic", "themes", "subject"),
    "territory": ("territory", "territoire", "commune"),
}

# slot roles of the wide layout, from the header's base (before the number)
_SLOT_ROLES: dict[str, tuple[str, ...]] = {
    "contact": ("contact", "partenaire", "partner", "contact cite", "acteur", "acteur cite",
                "alter", "nominee", "nom du contact", "nom du partenaire", "name"),
    "contact_organisation": ("structure du contact", "organisation du contact",
                             "contact organisation", "structure du partenaire"),
    "relation": ("relation", "type de relation", "type", "relationship"),
    "frequency": ("frequence", "frequency", "freq"),
    "trust": ("confiance", "trust"),
    "theme": ("theme", "sujet", "topic"),
}
_SLOT_LOOKUP = {normalize_text(s): role for role, names in _SLOT_ROLES.items() for s in names}
_LIME = re.compile(r"^(?P<base>.+?)\s*sq0*(?P<n>\d+)$")
_NUMBERED = re.compile(r"^(?P<base>.*?[a-z])(?:\s+(?:n|no|num|numero))?\s*(?P<n>\d+)$")

# Cells of a roster (and of an affiliation matrix, io/affiliations.py) compared
# after tick_key: a tick, or an answer meaning "no"
TICK_WORDS = frozenset({"x", "oui", "yes", "1", "true", "vrai", "v", "ok", "✓", "✔", "☑",
                        "checked", "coche"})
NO_WORDS = frozenset({"0", "non", "no", "false", "faux", "", "-"})

_RELATION_WORDS = frozenset(normalize_text(w) for code, words in RELATION_SYNONYMS.items()
                            for w in (code, *words))

_SCALES = {"0-1": (0.0, 1.0), "1-5": (1.0, 5.0), "0-10": (0.0, 10.0), "0-5": (0.0, 5.0),
           "1-10": (1.0, 10.0), "0-100": (0.0, 100.0)}


def parse_trust_scale(scale: Any, values: Sequence[float] = ()) -> tuple[float, float]:
    """Return the (low, high) trust scale: given, or decided from the numbers.

    Examples
    --------
    >>> parse_trust_scale("auto", [1, 4, 5]), parse_trust_scale("auto", [0.2, 1])
    ((1.0, 5.0), (0.0, 1.0))
    >>> parse_trust_scale("auto", [7, 10]), parse_trust_scale((1, 7))
    ((0.0, 10.0), (1.0, 7.0))
    """
    if isinstance(scale, str):
        if scale in _SCALES:
            return _SCALES[scale]
        if scale != "auto":
            raise ValueError(f"trust_scale must be 'auto', one of {sorted(_SCALES)} "
                             f"or a (low, high) pair, got {scale!r}")
        top = max(values, default=1.0)
        if top <= 1:
            return (0.0, 1.0)
        if top <= 5:
            return (1.0, 5.0)
        return (0.0, 10.0)
    low, high = scale
    if not float(high) > float(low):
        raise ValueError(f"trust_scale high must be above low, got {scale!r}")
    return (float(low), float(high))


# --------------------------------------------------------------------------- report sentences

# Sentences of the import report, shared by the wide and roster readers here and
# the long one (io/_longfast.py); the self-nomination one is io/builder.py's
# (each a Message: English now, said again in the report's language)
NO_SOURCE = Message.of(N_("no respondent or organisation: nobody to attach the row to"))
NO_CONTACT = Message.of(N_("no contact named (the respondent is kept as an actor)"))


def no_letter_contact(name: str) -> Message:
    """Why a contact whose name has no letter or digit gives no tie."""
    return Message.of(N_('contact "{name}" has no letter or digit: not an actor name; no tie'),
                      name=name)


def never_frequency(frequency: str) -> Message:
    """Why a frequency meaning "never" gives no tie."""
    return Message.of(N_('frequency "{frequency}" means no contact: no tie'), frequency=frequency)


def several_contacts(n: int) -> Message:
    """The note on a cell naming ``n`` contacts."""
    return Message.of(N_("one cell named {n} contacts; split into {n} ties"), n=n)


NO_TICK = Message.of(N_("no actor ticked (the respondent is kept as an actor)"))
NO_TIE_MADE = Message.of(N_("no tie could be made from this row"))
COMMA_IN_BOX = Message.of(N_('a comma in a contact box: read as one name (one box per contact); '
                             'pass multi_sep="," if it names several actors'))
#: the report's note on how the roster's cells are read
ROSTER_VALUES = {"tick": N_("roster cells read as tick values"),
                 "frequency": N_("roster cells read as frequency values"),
                 "trust": N_("roster cells read as trust values")}
FREQUENCY_NOT_UNDERSTOOD = Message.of(N_("frequency not understood; kept as missing (weight 1.0)"))

# --------------------------------------------------------------------------- value parsers

class SurveyValues:
    """Parse frequency and trust cells once per distinct value, reporting problems."""

    def __init__(self, builder: GraphBuilder, trust_scale: Any, trust_numbers: Sequence[float]):
        self.b = builder
        self.decimal_comma = builder.table.decimal_comma
        self.scale = parse_trust_scale(trust_scale, trust_numbers)
        if trust_scale == "auto" and trust_numbers:
            low, high = self.scale
            rule = {(0.0, 1.0): Message.of(N_("kept as they are")), (1.0, 5.0): "(x - 1) / 4",
                    (0.0, 10.0): "x / 10"}[self.scale]
            # the scale is a guess from the data: say so, once per file
            builder.report.problem(
                builder.file, builder.table.header_line, None, None,
                Message.of(N_("trust numbers read on the {low:g}..{high:g} scale (largest number "
                              "{largest:g}): {rule}; pass trust_scale= if that is wrong"),
                           low=low, high=high, largest=max(trust_numbers), rule=rule))
        self._freq: dict[str, tuple[float | None, bool]] = {}
        self._trust: dict[str, tuple[float | None, bool]] = {}

    def frequency(self, text: str, line: int, column: str | None) -> float | None:
        """Weight, or None (missing / unreadable, reported)."""
        if not text:
            return None
        if text not in self._freq:
            value = FREQUENCY_WEIGHTS.get(normalize_text(text))
            if value is None:
                value = parse_number(text, decimal_comma=self.decimal_comma)
                if value is not None and value < 0:
                    value = None
            self._freq[text] = (value, value is not None)
        value, ok = self._freq[text]
        if not ok:
            self.b.report.problem(self.b.file, line, column, text, FREQUENCY_NOT_UNDERSTOOD)
        return value

    def trust(self, text: str, line: int, column: str | None) -> float | None:
        if not text:
            return None
        if text not in self._trust:
            # "confiance totale ?": a hedged answer is not a rating; reported, kept as missing
            hedged = "?" in text
            value = None if hedged else TRUST_WORDS.get(normalize_text(text))
            if value is None and not hedged:
                number = parse_number(text, decimal_comma=self.decimal_comma)
                if number is not None:
                    if text.strip().endswith("%"):
                        value = number if 0 <= number <= 1 else None
                    else:
                        low, high = self.scale
                        value = (number - low) / (high - low) if low <= number <= high else None
            self._trust[text] = (None if value is None else round(value, 6), value is not None)
        value, ok = self._trust[text]
        if not ok:
            low, high = self.scale
            self.b.report.problem(
                self.b.file, line, column, text,
                Message.of(N_("trust not understood on the {low:g}..{high:g} scale; kept as "
                              "missing (pass trust_scale= to change the scale)"),
                           low=low, high=high))
        return value


def tick_key(cell: str) -> str:
    """A roster or matrix cell as compared with :data:`TICK_WORDS` and :data:`NO_WORDS`."""
    # tick symbols (✓) are not letters: normalize_text would erase them
    c = cell.strip().casefold()
    return c if c in TICK_WORDS or c in NO_WORDS else normalize_text(c)


def _trust_numbers(table: CsvTable, columns: Sequence[int]) -> list[float]:
    out = []
    seen: set[str] = set()
    for j in columns:
        for row in table.rows:
            cell = row[j]
            if cell and cell not in seen:
                seen.add(cell)
                if cell.strip().endswith("%") or normalize_text(cell) in TRUST_WORDS:
                    continue
                n = parse_number(cell, decimal_comma=table.decimal_comma)
                if n is not None:
                    out.append(n)
    return out


# --------------------------------------------------------------------------- layouts

def _slot_of(header: str, role_map: Mapping[str, str]) -> tuple[str, int] | None:
    norm = normalize_text(header)
    for pattern in (_LIME, _NUMBERED):
        m = pattern.match(norm)
        if m:
            base = m.group("base").strip()
            role = role_map.get(base) or _SLOT_LOOKUP.get(base)
            if role:
                return role, int(m.group("n"))
            if pattern is _LIME:
                return "?" + base, int(m.group("n"))
    return None


def wide_slots(table: CsvTable, columns: Mapping[str, str] | None,
               ) -> tuple[dict[int, dict[str, int]], list[str], list[str]]:
    """The contact slots of a wide survey's header: ``(slots, headers used, unknown groups)``.

    ``slots`` maps each slot number holding a contact column to ``{role:
    column index}``; the unknown groups are question groups (``Q5[SQ001]``)
    whose role is unknown.
    """
    role_map = {normalize_text(k): v for k, v in (columns or {}).items()}
    slots: dict[int, dict[str, int]] = defaultdict(dict)
    unknown: dict[str, list[tuple[int, int]]] = defaultdict(list)
    used: list[str] = []
    for j, h in enumerate(table.header):
        if normalize_text(h) in role_map and not _slot_of(h, {}):
            continue
        s = _slot_of(h, role_map)
        if s is None:
            continue
        role, n = s
        if role.startswith("?"):
            unknown[role[1:]].append((n, j))
            continue
        if role not in slots[n]:
            slots[n][role] = j
            used.append(h)
    # duplicate headers ("Contact", "Contact (2)"...): the unnumbered one is slot 1
    for j, h in enumerate(table.header):
        role = role_map.get(normalize_text(h)) or _SLOT_LOOKUP.get(normalize_text(h))
        if role and 2 in slots and role in slots[2] and role not in slots[1]:
            slots[1][role] = j
            used.append(h)
    has_contact = any("contact" in s for s in slots.values())
    if not has_contact and len(unknown) == 1:
        base, cols = next(iter(unknown.items()))
        for n, j in cols:
            slots[n]["contact"] = j
            used.append(table.header[j])
        table.problems.append(_note(table, Message.of(
            N_('columns "{header}"... read as the contacts named; pass {option} (or another '
               'role) to say so'),
            header=table.header[cols[0][1]], option=f'columns={{"{base.upper()}": "contact"}}')))
        unknown = {}
    return ({n: s for n, s in sorted(slots.items()) if "contact" in s}, used,
            sorted(unknown))


def _note(table: CsvTable, message: str) -> Problem:
    return Problem(message, path=table.name, line=table.header_line)


# roles that describe a nomination: never actor names in a roster
_NOMINATION_ROLES = frozenset({"contact", "contact_organisation", "relation", "frequency",
                               "trust", "theme"})


def _role_of(found: Mapping[str, str], header: str) -> str:
    return next(r for r, h in found.items() if h == header)


# --------------------------------------------------------------------------- evidence

# how many rows are looked at to judge what a column holds
_PROFILE_ROWS = 300
# share of a column's filled cells that must be of one kind for the column to be of it
_MOST = 0.8
_ORG_WORDS = frozenset({"structure", "organisation", "organization", "organisme", "company",
                        "entreprise", "employer", "association", "collectivite", "institution",
                        "etablissement"})
_SENTENCE = re.compile(r"[a-zà-ÿ][.!?](?:\s|$)")
_PERSON_WORDS = frozenset({"nom", "name", "prenom", "repondant", "respondent"})


def _cell_kind(cell: str, decimal_comma: bool) -> str:
    """``empty``, ``tick``, ``number``, ``metadata`` (date, e-mail), ``vocabulary``
    (a trust, frequency or relation word) or ``text`` (a name, or free text)."""
    c = cell.strip()
    if not c:
        return "empty"
    if tick_key(c) in TICK_WORDS or tick_key(c) in NO_WORDS:
        return "tick"
    if parse_number(c.rstrip("% "), decimal_comma=decimal_comma) is not None:
        return "number"
    if looks_like_metadata_cells([c]):
        return "metadata"
    norm = normalize_text(c)
    if not norm:
        return "tick"  # symbols only (✓, ☑ handled above; "-", "?")
    if norm in TRUST_WORDS or norm in FREQUENCY_WEIGHTS or norm in _RELATION_WORDS:
        return "vocabulary"
    # a comment is no list of names: a sentence, or parts of more than eight words
    if _SENTENCE.search(c) or max(len(p.split()) for p in re.split(r"[,;|\n]", c)) > 8:
        return "prose"
    return "text"


def _profile(table: CsvTable, j: int) -> dict[str, int]:
    """How many of a column's cells (first rows) are of each kind."""
    out: dict[str, int] = defaultdict(int)
    for row in table.rows[:_PROFILE_ROWS]:
        out[_cell_kind(row[j], table.decimal_comma)] += 1
    return out


def _share(profile: Mapping[str, int], *kinds: str) -> float:
    filled = sum(n for k, n in profile.items() if k != "empty")
    return sum(profile.get(k, 0) for k in kinds) / filled if filled else 0.0


def holds_names(table: CsvTable, j: int) -> bool:
    """True when a column's filled cells are names (or free text), not ticks, numbers,
    dates, e-mail addresses or trust / frequency / relation words."""
    return _share(_profile(table, j), "text") >= _MOST


def holds_ticks(table: CsvTable, j: int) -> bool:
    """True when a column's filled cells are ticks, numbers or trust / frequency words."""
    return _share(_profile(table, j), "tick", "number", "vocabulary") >= _MOST


def _unfit_headers(table: CsvTable) -> dict[str, str]:
    """Headers whose content cannot be a name column: never offered as the closest header."""
    return {f"not names {j}": h for j, h in enumerate(table.header)
            if table.rows and not holds_names(table, j)}


def py_literal(text: str) -> str:
    """A Python string literal (double quotes), as the advice prints it."""
    return json.dumps(text, ensure_ascii=False)


def survey_call(path: str, **kwargs: Any) -> str:
    """The call to print in advice: ``read_survey("s.csv", layout="long", columns={...})``.

    Examples
    --------
    >>> print(survey_call("s.csv", layout="wide", columns={"Partenaire": "contact"}))
    read_survey("s.csv", layout="wide", columns={"Partenaire": "contact"})
    """
    parts = [py_literal(str(path))]
    for k, v in kwargs.items():
        if isinstance(v, Mapping):
            v = "{" + ", ".join(f"{py_literal(a)}: {py_literal(b)}" for a, b in v.items()) + "}"
        elif isinstance(v, str):
            v = py_literal(v)
        parts.append(f"{k}={v}")
    return f"read_survey({', '.join(parts)})"


def _who_columns(table: CsvTable, found: Mapping[str, str], skip: set[str]) -> dict[str, str]:
    """``{header: "organisation" | "respondent"}`` to add to an advised call, when the
    file's column of who answered was not recognised (guessed from the header's words)."""
    if "respondent" in found or "organisation" in found:
        return {}
    for words, role in ((_ORG_WORDS, "organisation"), (_PERSON_WORDS, "respondent")):
        for j, h in enumerate(table.header):
            if h not in skip and set(normalize_text(h).split()) & words and holds_names(table, j):
                return {h: role}
    return {}


def _numbered_groups(table: CsvTable, taken: set[str]) -> dict[str, list[int]]:
    """Numbered columns whose base has no known role (``Partenaire cité 1, 2...``):
    base as written -> column indexes."""
    groups: dict[str, list[int]] = defaultdict(list)
    numbers: dict[str, set[int]] = defaultdict(set)
    for j, h in enumerate(table.header):
        if h in taken:
            continue
        m = _NUMBERED.match(normalize_text(h))
        # "Q1", "Q2", "Q7": question tags (Qualtrics' export tags), not numbered slots
        if not m or re.fullmatch(r"column \d+", h) or re.fullmatch(r"[Qq]\d+", h.strip()):
            continue
        written = re.sub(r"[\s_\-#:.]*(?:(?:n|no|num|numero|n°|nº)\.?\s*)?\d+\s*$", "", h,
                         flags=re.IGNORECASE).strip()
        if normalize_text(written) != m.group("base").strip():
            written = m.group("base").strip()
        groups[written].append(j)
        numbers[written].add(int(m.group("n")))
    return {b: cols for b, cols in groups.items() if len(numbers[b]) >= 2}


def _missing_who(table: CsvTable, found: Mapping[str, str], columns: Mapping[str, str] | None,
                 layout: str, used: set[str]) -> InputError:
    """No column says who answered: the error, with a call that works when one column
    is plainly the respondent's organisation or name."""
    err = missing_column_error(table, "respondent", SURVEY_COLUMNS["respondent"]
                               + SURVEY_COLUMNS["organisation"],
                               N_("who answered, or their organisation"),
                               found={**_unfit_headers(table), **found,
                                      **{f"used {i}": h for i, h in enumerate(used)}})
    whom = _who_columns(table, found, set(found.values()) | used)
    if not whom:
        return err
    h = next(iter(whom))
    call = survey_call(table.path, layout=layout, columns={**(columns or {}), **whom})
    return InputError(Message.of(
        N_('{head} Column "{header}" holds names: if it says who answered, read the file with '
           "{call}"), head=missing_column_head(err), header=h, call=call),
                      path=table.path, line=table.header_line,
                      column="respondent")


class LayoutEvidence:
    """Why a survey's layout was chosen, or the candidates when it could not be.

    The sentences are :class:`~alliances.i18n.Message` values: English as
    ``str``, said in another language by ``translate(lang)``.
    """

    def __init__(self) -> None:
        self.layout: str | None = None
        self.why: str = ""
        # (layout, sentence of evidence, keyword arguments that force it)
        self.candidates: list[tuple[str, str, dict[str, Any]]] = []


_LAYOUT_WORDS = {"long": Message.of(N_("long (one row per nomination)")),
                 "wide": Message.of(N_("wide (one row per respondent, numbered contact columns)")),
                 "roster": Message.of(N_("roster (one column per listed actor, ticks or values)"))}


def _cols(headers: Sequence[str], most: int = 4) -> str:
    shown = ", ".join(f'"{h}"' for h in headers[:most])
    if len(headers) > most:
        # "1 more" in English, "1 autre" / "2 autres" in French: a plural message
        return Message.ngettext("{columns} and {n} more", "{columns} and {n} more",
                                len(headers) - most, columns=shown)
    return shown


def detect_layout(table: CsvTable, found: Mapping[str, str],
                  columns: Mapping[str, str] | None) -> LayoutEvidence:
    """Decide a survey's layout from its headers and cells (metadata columns already set aside).

    ``wide`` when numbered contact columns exist, ``long`` when a contact
    column exists (or relation, frequency, trust columns without one: the
    reader then asks for the contact column), ``roster`` when the columns
    that are not the respondent's hold ticks or numbers in most of them.
    Otherwise ``layout`` stays None and ``candidates`` lists what each layout
    would need.
    """
    ev = LayoutEvidence()
    slots, used, unknown = wide_slots(CsvTable(table.path, table.header, [], []), columns)
    if slots or unknown:
        ev.layout = "wide"
        ev.why = (Message.of(N_("numbered contact columns {columns}"), columns=_cols(used))
                  if slots else
                  Message.of(N_("question groups {groups}"),
                             groups=", ".join(u.upper() + "[...]" for u in unknown)))
        return ev
    if "contact" in found:
        ev.layout = "long"
        ev.why = Message.of(N_('contact column "{header}"'), header=found["contact"])
        return ev
    if set(found) & _NOMINATION_ROLES:
        # relation, frequency or trust columns: a long survey whose contact
        # column was not recognised, not a roster of actors called "Confiance"
        ev.layout = "long"
        ev.why = Message.of(N_("columns {columns}"),
                            columns=_cols([found[r] for r in found if r in _NOMINATION_ROLES]))
        return ev
    who = ("respondent" in found or "organisation" in found
           or (bool(table.header) and table.header[0] == "column 1"))
    role_cols = {found[r] for r in ("respondent", "organisation", "sector", "territory")
                 if r in found}
    if not found and table.header and table.header[0] == "column 1":
        role_cols.add(table.header[0])
    others = [j for j, h in enumerate(table.header) if h not in role_cols]
    filled = [j for j in others if any(row[j].strip() for row in table.rows[:_PROFILE_ROWS])]
    ticks = [j for j in filled if holds_ticks(table, j)]
    names = [j for j in filled if holds_names(table, j)]
    if who and len(table.header) >= 2 and (
            (filled and len(ticks) * 2 > len(filled)) or (not table.rows and others)):
        ev.layout = "roster"
        ev.why = (Message.of(N_("{n} of {total} filled columns hold ticks or numbers"),
                             n=len(ticks), total=len(filled))
                  if table.rows else Message.of(N_("a header of actor names")))
        return ev
    if not table.rows:
        ev.layout, ev.why = "long", Message.of(N_("no data row"))
        return ev
    # not enough evidence: what would each layout need?
    taken = set(found.values())
    groups = _numbered_groups(table, taken)
    in_groups = {j for cols in groups.values() for j in cols}
    whom = _who_columns(table, found, taken | {table.header[j] for j in in_groups})
    for base, cols in groups.items():
        if any(holds_names(table, j) for j in cols):
            ev.candidates.append((
                "wide", Message.of(N_("columns {columns} are numbered and hold names, as "
                                      "numbered contact columns do"),
                                   columns=_cols([table.header[j] for j in cols])),
                {"layout": "wide", "columns": {base: "contact", **whom}}))
    for j in names:
        h = table.header[j]
        if j in in_groups or h in whom:
            continue
        ev.candidates.append((
            "long", Message.of(N_('column "{header}" holds names, as a contacts column does'),
                               header=h),
            {"layout": "long", "columns": {h: "contact", **whom}}))
    if len(ticks) >= 2:
        ev.candidates.append((
            "roster", Message.of(N_("columns {columns} hold ticks or numbers"),
                                 columns=_cols([table.header[j] for j in ticks])),
            {"layout": "roster", **({"columns": whom} if whom else {})}))
    if not ev.candidates:
        # nothing else to offer: the long reader names the missing column
        ev.layout, ev.why = "long", Message.of(N_("no contact, numbered or tick column"))
    return ev


def undecided_error(table: CsvTable, ev: LayoutEvidence, found: Mapping[str, str],
                    metadata: Mapping[str, str]) -> InputError:
    """The InputError listing the candidate layouts, their evidence and the call forcing each.

    Its message is a :class:`~alliances.i18n.Message` (``err.text("fr")``):
    the sentences are translated, the headers and the calls to copy are not.
    """
    from alliances.io.metadata import describe

    lines: list[str] = [Message.of(
        N_("cannot tell how this survey is laid out (columns found: {columns}); nothing was "
           "read."), columns=_cols(table.header, 12))]
    if ev.candidates:
        lines.append(Message.of(N_("Candidate layouts, each with the call that reads the file "
                                   "that way:")))
        for layout, why, kwargs in ev.candidates[:6]:
            # the indentation is layout, not words: outside the catalogue's sentence
            lines.append(Message.join(["  - ", Message.of(N_("{layout}: {why}:"),
                                                          layout=_LAYOUT_WORDS[layout], why=why)],
                                      ""))
            lines.append(f"      {survey_call(table.path, **kwargs)}")
        if not any("respondent" in r or "organisation" in r for r in found) and not any(
                v in ("respondent", "organisation")
                for _, _, kw in ev.candidates for v in kw.get("columns", {}).values()):
            lines.append(Message.of(N_("No column says who answered: add {option} to columns= "
                                       "(or a respondent column to the file)."),
                                    option=Message.of(N_('"organisation": "<its header>"'))))
        lines.append(Message.of(N_("Add actors= and your other arguments as before.")))
    else:
        lines.append(Message.of(
            N_("No column holds the actors named (names, or ticks under actor names). Name the "
               "columns as the templates do (contact, or Contact 1, Contact 2..., or one column "
               "per actor) or pass layout= and {option}."),
            option=Message.of(N_('columns={"their header": "contact"}'))))
    if metadata:
        lines.append(Message.of(N_("Survey metadata columns set aside (never actors): {columns}."),
                                columns=describe(metadata)))
    return InputError(Message.join(lines, "\n"), path=table.path, line=table.header_line)


def survey_evidence(table: CsvTable, exclude: Iterable[str] = ()) -> tuple[str, str] | None:
    """What makes a table look like a survey, for :func:`alliances.load`'s choice of reader.

    Returns ``(kind, sentence)``: ``"contacts"`` (a contact column or numbered
    contact columns), ``"roster"`` (columns named like the rows' actors, or
    holding ticks, under most of them), ``"metadata"`` (a survey tool's
    columns: ``Horodateur``, ``Respondent ID``...); None when nothing does.
    ``exclude``: headers already read as something else (an actor list's
    columns), never counted as roster columns.
    """
    found = match_columns(table.header, SURVEY_COLUMNS)
    slots, used, _ = wide_slots(CsvTable(table.path, table.header, [], []), None)
    if slots:
        return "contacts", Message.of(N_("numbered contact columns {columns}"), columns=_cols(used))
    if "contact" in found:
        return "contacts", Message.of(N_('a contact column "{header}"'), header=found["contact"])
    meta = metadata_columns(table.header)
    skip = set(exclude) | set(meta) | set(found.values())
    cols = [j for j, h in enumerate(table.header) if h not in skip and j > 0]
    filled = [j for j in cols if any(row[j].strip() for row in table.rows[:_PROFILE_ROWS])]
    ticks = [j for j in filled if holds_ticks(table, j)]
    if len(ticks) >= 2 and len(ticks) * 2 > len(filled):
        rows = {normalize_text(row[0]) for row in table.rows[:_PROFILE_ROWS]}
        named = [table.header[j] for j in cols if normalize_text(table.header[j]) in rows]
        words = any(tick_key(row[j]) in TICK_WORDS - {"1"} for j in ticks
                    for row in table.rows[:_PROFILE_ROWS])
        if len(named) >= 2:
            return "roster", Message.of(
                N_("columns {columns} are named like the rows' actors and hold ticks or numbers: "
                   "a roster (one row per respondent, one column per actor)"),
                columns=_cols(named))
        if words:
            return "roster", Message.of(
                N_("columns {columns} hold ticks or numbers: a roster (one row per respondent, "
                   "one column per actor)"), columns=_cols([table.header[j] for j in ticks]))
    if meta:
        from alliances.io.metadata import describe

        return "metadata", Message.of(N_("a survey tool's columns {columns}"),
                                      columns=describe(meta))
    return None


# SurveyMonkey writes a second header row: "Response", "Open-Ended Response" or
# the sub-question's label under each question
_SECOND_HEADER_WORDS = frozenset({"response", "open ended response", "reponse",
                                  "reponse ouverte", "other please specify",
                                  "autre veuillez preciser"})
_BLANK_HEADER = re.compile(r"^column \d+$")


def _second_header_row(table: CsvTable, report: ImportReport) -> CsvTable:
    """Read a second header row (SurveyMonkey) as the headers it is, and say so."""
    if not table.rows:
        return table
    first = table.rows[0]
    meta = metadata_columns(table.header)
    words = [normalize_text(c) in _SECOND_HEADER_WORDS for c in first]
    if not meta or not any(words) or any(first[table.header.index(h)].strip() for h in meta):
        return table
    header, seen = [], set()
    for h, sub, word in zip(table.header, first, words, strict=True):
        new = h if word or not sub.strip() else sub.strip()
        if new in seen:
            new = f"{h} - {sub.strip()}" if not _BLANK_HEADER.match(h) else f"{new} ({len(header) + 1})"
        seen.add(new)
        header.append(new)
    report.skip(table.name, table.lines[0], Message.of(
        N_("second header row (SurveyMonkey: {words} / answer labels): its labels name the "
           "columns below them"), words="Response / Open-Ended Response"))
    named = {h for h, new in zip(table.header, header, strict=True)
             if _BLANK_HEADER.match(h) and new != h}  # blank headers named by the row below
    problems = [p for p in table.problems if getattr(p, "column", None) not in named]
    return dataclasses.replace(table, header=header, rows=table.rows[1:], lines=table.lines[1:],
                               problems=problems)


def set_metadata_aside(table: CsvTable, columns: Mapping[str, str] | None,
                       report: ImportReport) -> tuple[CsvTable, dict[str, str]]:
    """Drop the survey tool's metadata columns (never actors), each reported once.

    A header the user mapped in ``columns`` is kept.
    """
    meta = metadata_columns(table.header, keep=columns or ())
    # cells that are all e-mail addresses or date-times: not a recognised role's column
    roles = set(match_columns(table.header, SURVEY_COLUMNS, columns).values())
    for j, h in enumerate(table.header):
        if h not in meta and h not in roles and table.rows:
            what = looks_like_metadata_cells(row[j] for row in table.rows[:_PROFILE_ROWS])
            if what:
                meta[h] = what
    if not meta:
        return table, meta
    for h, what in meta.items():
        report.problem(table.name, table.header_line, h, h, Message.of(
            N_("survey metadata column ({what}): set aside, never an actor or a tie"), what=what))
    keep = [j for j, h in enumerate(table.header) if h not in meta]
    rows = [[row[j] for j in keep] for row in table.rows]
    return dataclasses.replace(table, header=[table.header[j] for j in keep], rows=rows), meta


def _known_names(resolver: NameResolver, registry: pd.DataFrame | None, table: CsvTable,
                 found: Mapping[str, str]) -> set[str] | None:
    """Names a multi-select cell is never split inside: the registry's names and
    aliases, and the respondents' own organisations and names."""
    known = set(resolver.known) if registry is not None else set()
    for role in ("organisation", "respondent"):
        if role in found:
            j = table.header.index(found[role])
            known.update(normalize_text(c) for c in {row[j] for row in table.rows} if c)
    known.discard("")
    return known or None


@pause_gc()  # see pause_gc: a third of the time on big files
def read_survey(
    path: str | PathLike[str],
    *,
    actors: pd.DataFrame | str | PathLike[str] | None = None,
    layout: str = "auto",
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    level: str = "organisation",
    relation: str = "collaboration",
    trust_scale: str | tuple[float, float] = "auto",
    roster_value: str = "auto",
    multi_sep: str | None = None,
    split_multi: bool = True,
    fill_down: bool | None = None,
    sheet: str | int | None = None,
) -> nx.MultiDiGraph:
    """Read a survey (name generator) into an actor graph.

    Parameters
    ----------
    path : str, path-like or DataFrame
        The survey: a CSV file, a workbook (``.xlsx``, ``.xlsm``, ``.xls``,
        ``.ods``; see ``sheet``) or a :class:`pandas.DataFrame`.
    actors : DataFrame or path, optional
        The actor registry (:func:`alliances.read_actors`): its names and
        aliases resolve spellings, its attributes win, and its actors are all
        in the graph (those nobody named are isolated nodes).
    layout : {"auto", "long", "wide", "roster"}
        ``long``: one row per nomination (respondent, organisation, sector,
        contact, relation, frequency, trust, theme). ``wide``: one row per
        respondent with slots ``Contact 1, Relation 1, Frequency 1, Trust 1,
        Contact 2...`` (also ``contact_1``, ``Q5[SQ001]``). ``roster``: one row
        per respondent and one column per listed actor holding a tick, a
        frequency or a trust value. ``auto`` picks wide if numbered contact
        columns exist, long if a contact column exists, roster otherwise.
    columns : dict, optional
        ``{"their header": "canonical"}``; for wide files the header base
        works too (``{"Q5": "contact", "Q6": "frequency"}``).
    encoding, sep : str, optional
        Force the encoding or delimiter (detected by default).
    sheet : str or int, optional
        For a workbook: the sheet's name or 0-based position; default: the
        first sheet holding a value.
    level : {"organisation", "person"}
        Organisation-level graph (default: people are attached to their
        organisation; a respondent without organisation is a person node) or
        person-level graph (respondents and contacts are people; their
        organisation is kept as the node attribute ``organisation``).
    relation : str
        Relation of ties when the file has no relation column or cell.
    trust_scale : "auto", "0-1", "1-5", "0-10" or (low, high)
        How trust numbers are read (see the module docstring).
    roster_value : {"auto", "tick", "frequency", "trust"}
        What roster cells hold. ``auto``: ticks if every value is a tick or
        0/1, otherwise frequencies.
    multi_sep : str, optional
        Separator of several contacts in one cell (default: ``;`` ``|``
        newline, then commas unless the whole text is a registry name).
    split_multi : bool
        Set False when contact names contain commas and no registry exists.
    fill_down : bool, optional
        Long layout: a row with a contact but neither respondent nor
        organisation continues the block above it, as Excel writes merged
        cells (the respondent only on the first row of the block): the
        respondent, organisation, sector and territory of the row above are
        carried down, and each block is reported in ``problems``. False
        skips such rows instead (each reported). Default (None): carry down,
        unless the file is a survey tool's export (Google Forms, Microsoft
        Forms, ...): a tool writes one complete row per response and never
        merges cells, so a blank respondent cell there is a question left
        unanswered, not the respondent of the row above.

    Returns
    -------
    networkx.MultiDiGraph
        The actor graph, ``G.graph["import_report"]`` holding the
        :class:`~alliances.io.report.ImportReport`.

    Raises
    ------
    InputError
        A required column is missing (the message lists the columns found and
        the closest one) or the layout cannot be read.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "survey.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "répondant;structure;secteur;partenaire;fréquence;confiance\\n"
    ...     "Anne;Mairie d'Antony;Collectivité;Asso Vélo;mensuel;4\\n"
    ...     "Paul;MAIRIE D’ANTONY;Collectivité;asso vélo;hebdomadaire;5\\n")
    >>> G = read_survey(p)
    >>> sorted(G.nodes)
    ['asso-velo', 'mairie-d-antony']
    >>> tie = G.edges["mairie-d-antony", "asso-velo", "collaboration"]
    >>> tie["weight"], tie["trust"], [e.line for e in tie["evidence"]]
    (4.0, 0.875, [2, 3])
    >>> G.graph["import_report"].ties_merged
    1
    """
    if layout not in ("auto", "long", "wide", "roster"):
        raise ValueError(f"layout must be 'auto', 'long', 'wide' or 'roster', got {layout!r}")
    if level not in ("organisation", "organization", "person"):
        raise ValueError(f"level must be 'organisation' or 'person', got {level!r}")
    level = "organisation" if level == "organization" else level
    table = read_any(path, encoding=encoding, sep=sep, sheet=sheet)
    recognition = (recognise_export(table, path=None if isinstance(path, pd.DataFrame) else path,
                                    columns=columns)
                   if layout == "auto" else None)
    if fill_down is None:
        # a tool that never merges cells says so; a hand-made table may have merged them
        fill_down = recognition is None or recognition.fill_down is not False
    if recognition is not None:
        table = recognition.table
        columns = {**recognition.columns, **(columns or {})}
        layout = recognition.layout or layout
    report = ImportReport(sources=[table.name], rows_read=len(table.rows),
                          blank_lines=table.blank_lines)
    if recognition is not None:
        report.recognised(table.name, recognition.tool, recognition.roles)
        for note in recognition.notes:
            report.problem(table.name, table.header_line, None, None, note)
    table = _second_header_row(table, report)
    registry = registry_frame(actors, report)
    table, metadata = set_metadata_aside(table, columns, report)
    found = match_columns(table.header, SURVEY_COLUMNS, columns)
    why: str = Message.of(N_("forced (layout=)"))
    if recognition is not None and recognition.layout is not None:
        why = Message.of(N_("the {tool} export's questions"), tool=recognition.tool)
    if layout == "auto":
        evidence = detect_layout(table, found, columns)
        if evidence.layout is None:
            raise undecided_error(table, evidence, found, metadata)
        layout, why = evidence.layout, evidence.why
    resolver = NameResolver(registry)
    builder = GraphBuilder(table, report, resolver, "survey", registry)
    default_relation = canonical_relation(relation) or "collaboration"
    known = _known_names(resolver, registry, table, found)
    if recognition is not None and recognition.known_names:
        known = (known or set()) | set(recognition.known_names)
    opts = {"level": level, "relation": default_relation, "multi_sep": multi_sep,
            "split_multi": split_multi, "known": known, "trust_scale": trust_scale}
    if layout == "long":
        _read_long(table, found, builder, fill_down=fill_down, **opts)
    elif layout == "wide":
        _read_wide(table, found, columns, builder, **opts)
    else:
        _read_roster(table, found, builder, roster_value=roster_value, **opts)
    report.add_problems(table.all_problems)
    table.rows, table.lines = [], []  # read: the cells need not outlive the graph's making
    G = builder.graph()
    G.graph["layout"] = layout
    G.graph["layout_evidence"] = why
    _flag_many_contacts(G, report, table.name)
    return G


#: A respondent naming more actors than this is flagged in the report.
MANY_CONTACTS = 100


def _flag_many_contacts(G: nx.MultiDiGraph, report: ImportReport, file: str) -> None:
    """Note respondents who name unusually many actors (a list pasted in one answer?)."""
    succ = G.succ
    for node in sorted(G):
        named = len(succ[node])  # distinct actors named (a multigraph's successors are distinct)
        if named > MANY_CONTACTS:
            first = min(ev.line or 0 for _, _, d in G.out_edges(node, data=True)
                        for ev in d["evidence"])
            report.problem(file, first, None, str(named), Message.of(
                N_('"{label}" names {n} actors (more than {most}): all kept; check that a '
                   "list was not pasted into this answer"),
                label=G.nodes[node]["label"], n=named, most=MANY_CONTACTS))


def split_contacts(cell: str, *, multi_sep: str | None, split_multi: bool,
                   known: Any, commas: bool = True) -> list[str]:
    """The contact names in one cell (several when separated, see ``multi_sep``).

    ``commas=False`` (a numbered slot: one box per name): split on ``;``, ``|``
    and line breaks only, never on commas.
    """
    if not cell:
        return []
    if not split_multi:
        return [cell]
    if not commas and multi_sep is None:
        return split_names(cell, known=known, sep="\x00") if not (
            ";" in cell or "|" in cell or "\n" in cell) else [
            n for part in re.split(r"\s*[;|\n]\s*", cell)
            for n in split_names(part, known=known, sep="\x00")]
    if not (";" in cell or "|" in cell or "\n" in cell or "," in cell
            or (multi_sep and multi_sep in cell)):
        return [cell]
    return split_names(cell, known=known, sep=multi_sep)


def respondent_actor(builder: GraphBuilder, row: list[str], idx: Mapping[str, int],
                     found: Mapping[str, str], line: int, level: str,
                     count: int = 1) -> str | None:
    """The actor id of a row's respondent (or organisation, by ``level``); None if nobody."""
    def get(role: str) -> str:
        return row[idx[role]] if role in idx else ""
    person, org = get("respondent"), get("organisation")
    if level == "organisation":
        name, kind = (org, "organisation") if org else (person, "person")
    else:
        name, kind = (person, "person") if person else (org, "organisation")
    if not name:
        return None
    extra = {}
    if level == "person" and person and org:
        extra["organisation"] = " ".join(org.split())
    if get("territory"):
        extra["territory"] = get("territory")
    if count != 1:  # the column-wise reader: the same cells on ``count`` rows
        return builder.actor_n(count, name, respondent=True, sector=get("sector"), kind=kind,
                               line=line, column=found.get("sector"), **extra)
    return builder.actor(name, respondent=True, sector=get("sector"), kind=kind, line=line,
                         column=found.get("sector"), **extra)


@lru_cache(maxsize=4096)
def split_themes(theme: str) -> tuple[str, ...]:
    """The themes named in one cell (separated by | or ;)."""
    return tuple(p for p in re.split(r"\s*[|;]\s*", theme) if p)


def _add_nominations(builder: GraphBuilder, src: str, names: list[str], *, line: int,
                     rel_text: str, freq_text: str, trust_text: str, theme: str,
                     contact_org: str, cols: Mapping[str, str | None], values: SurveyValues,
                     level: str, relation: str) -> int:
    """Turn one respondent's answer about one or several contacts into ties."""
    targets = []
    for name in names:
        if level == "organisation" and contact_org:
            target_name, kind, extra = contact_org, "organisation", {}
        elif level == "person":
            target_name, kind = name, "person"
            extra = {"organisation": " ".join(contact_org.split())} if contact_org else {}
        else:
            target_name, kind, extra = name, None, {}
        tgt = builder.actor(target_name, kind=kind, line=line, **extra)
        if tgt is None:
            builder.leave_out(line, no_letter_contact(target_name))
        elif tgt not in targets:
            targets.append(tgt)
    weight = values.frequency(freq_text, line, cols.get("frequency"))
    if weight == 0:
        # the named actors stay in the graph: only the tie is not made
        builder.leave_out(line, never_frequency(freq_text))
        return 0
    trust = values.trust(trust_text, line, cols.get("trust"))
    rels = builder.relation(rel_text, relation, line, cols.get("relation"))
    themes = split_themes(theme) if theme else ()
    if len(names) > 1:
        builder.report.problem(builder.file, line, cols.get("contact"),
                               cols.get("cell") or "; ".join(names),
                               several_contacts(len(names)))
    made = 0
    for tgt in targets:
        for rel in rels:
            made += builder.tie(src, tgt, rel, line=line, weight=weight, trust=trust,
                                **({"themes": themes} if themes else {}))
    return made


def _read_long(table: CsvTable, found: dict[str, str], builder: GraphBuilder,
               **opts: Any) -> None:
    """Read a long survey (one row per nomination) with the column-wise reader.

    ``opts`` are :func:`alliances.io._longfast.read_long_fast`'s keywords.
    The columns it cannot do without are checked here, so that the error
    names them as the wide and roster readers do.
    """
    if "contact" not in found:
        # the closest header is offered only if its cells are names
        raise missing_column_error(table, "contact", SURVEY_COLUMNS["contact"],
                                   N_("the actor each respondent names"),
                                   found={**_unfit_headers(table), **found})
    if "respondent" not in found and "organisation" not in found:
        raise _missing_who(table, found, None, "long", set())
    # imported here: io/_longfast.py builds on this module's value parsers
    from alliances.io._longfast import read_long_fast

    read_long_fast(table, found, builder, **opts)


def _read_wide(table: CsvTable, found: dict[str, str], columns: Mapping[str, str] | None,
               builder: GraphBuilder, *, level: str, relation: str, multi_sep: str | None,
               split_multi: bool, known: Any, trust_scale: Any) -> None:
    slots, used, unknown = wide_slots(table, columns)
    if not slots:
        err = missing_column_error(table, "contact 1", ("Contact 1", "contact_1", "Q5[SQ001]"),
                                   N_("numbered contact columns of a wide survey"),
                                   found={**_unfit_headers(table), **found})
        # the advice must work when copied: a numbered group is named by its base
        groups = {b: cols for b, cols in _numbered_groups(table, set(found.values())).items()
                  if any(holds_names(table, j) for j in cols)}
        if groups and not unknown:
            base = next(iter(groups))
            raise InputError(Message.of(
                N_("{head} The numbered columns {columns} hold names: if they are the contacts, "
                   "read them with {call}"), head=missing_column_head(err),
                columns=_cols([table.header[j] for j in groups[base]]),
                call=survey_call(table.path, layout="wide", columns={base: "contact"})),
                path=table.path, line=table.header_line, column="contact 1")
        if not unknown:
            raise InputError(Message.of(
                N_("{head} Name the contact columns with their number (Contact 1, Contact 2..., "
                   "or Partenaire 1, Partenaire 2...), or map their common name: {option} reads "
                   '"Partenaire 1", "Partenaire 2"...'), head=missing_column_head(err),
                option='columns={"Partenaire": "contact"}'),
                path=table.path, line=table.header_line, column="contact 1")
        if unknown:
            groups = ", ".join(f"{u.upper()}[...]" for u in unknown)
            mapping = ", ".join(f'"{u.upper()}": "..."' for u in unknown)
            raise InputError(Message.of(
                N_("{error} Question groups {groups} have no known role: say which one holds "
                   'the contacts, e.g. {option} with "contact", "relation", "frequency" or '
                   '"trust".'), error=err.message, groups=groups,
                option=f"columns={{{mapping}}}"), path=table.path, line=table.header_line,
                column="contact 1")
        raise err
    for base in unknown:
        table.problems.append(_note(table, Message.of(
            N_('question group {group} not read: its role is unknown; pass {option} (or '
               '"frequency", "trust") to read it'),
            group=f"{base.upper()}[...]", option=f'columns={{"{base.upper()}": "relation"}}')))
    found = {r: h for r, h in found.items() if h not in used}
    if "respondent" not in found and "organisation" not in found:
        raise _missing_who(table, found, columns, "wide", set(used))
    idx = {role: table.header.index(h) for role, h in found.items()}
    trust_cols = [s["trust"] for s in slots.values() if "trust" in s]
    values = SurveyValues(builder, trust_scale, _trust_numbers(table, trust_cols))
    header = table.header
    for row, line in zip(table.rows, table.lines, strict=True):
        src = respondent_actor(builder, row, idx, found, line, level)
        if src is None:
            builder.report.skip(builder.file, line, NO_SOURCE)
            continue
        named = made = 0
        for slot in slots.values():
            cells = {role: row[j] for role, j in slot.items()}
            cols = {role: header[j] for role, j in slot.items()}
            # one box per contact: commas are part of the name ("Ateliers, Insertion & Co")
            names = split_contacts(cells["contact"], multi_sep=multi_sep,
                                   split_multi=split_multi, known=known, commas=False)
            if len(names) > 1:  # the report quotes the cell as written
                cols = {**cols, "cell": cells["contact"]}
            for name in names:
                if "," in name and multi_sep is None and split_multi and not (
                        known and normalize_text(name) in known):
                    builder.report.problem(builder.file, line, cols["contact"], name, COMMA_IN_BOX)
            if not names:
                leftovers = [f"{cols[r]}={v!r}" for r, v in cells.items() if v and r != "contact"]
                if leftovers:
                    builder.report.problem(builder.file, line, cols["contact"], "", Message.of(
                        N_("answers given for an empty contact slot ignored: {answers}"),
                        answers=", ".join(leftovers)))
                continue
            named += 1
            made += _add_nominations(
                builder, src, names, line=line, rel_text=cells.get("relation", ""),
                freq_text=cells.get("frequency", ""), trust_text=cells.get("trust", ""),
                theme=cells.get("theme", ""), contact_org=cells.get("contact_organisation", ""),
                cols=cols, values=values, level=level, relation=relation)
        builder.end_row(line, made > 0, NO_CONTACT if not named else NO_TIE_MADE)


def _read_roster(table: CsvTable, found: dict[str, str], builder: GraphBuilder, *,
                 roster_value: str, level: str, relation: str, multi_sep: str | None,
                 split_multi: bool, known: Any, trust_scale: Any) -> None:
    found = dict(found)
    if "respondent" not in found and "organisation" not in found:
        if table.header and table.header[0] == "column 1":
            # UCINET / Excel matrix: row labels under a blank corner cell
            found["organisation" if level == "organisation" else "respondent"] = table.header[0]
        else:
            raise missing_column_error(table, "respondent", SURVEY_COLUMNS["respondent"]
                                       + SURVEY_COLUMNS["organisation"],
                                       N_("who answered, or their organisation"), found=found)
    role_cols = {found[r] for r in ("respondent", "organisation", "sector", "territory")
                 if r in found}
    # a recognised survey column ("Confiance", "Fréquence") is not an actor
    survey_cols = {h for r, h in found.items() if r in _NOMINATION_ROLES}
    for h in sorted(survey_cols, key=table.header.index):
        builder.report.problem(table.name, table.header_line, h, h, Message.of(
            N_('column read as the survey\'s "{role}" column, not as an actor of the roster; '
               "not read"), role=_role_of(found, h)))
    actor_cols = [j for j, h in enumerate(table.header)
                  if h not in role_cols and h not in survey_cols]
    # a column of free text (names, comments) is no actor of the roster
    for j in [j for j in actor_cols if _share(_profile(table, j), "text", "prose") >= _MOST]:
        builder.report.problem(table.name, table.header_line, table.header[j], table.header[j],
                               Message.of(N_("column holds free text, not ticks or numbers: "
                                             "not an actor of the roster; not read")))
        actor_cols.remove(j)
    if not actor_cols:
        raise InputError(Message.of(N_("a roster survey needs one column per listed actor; "
                                       "none found. Columns found: {columns}"),
                                    columns=", ".join(table.header)),
                         path=table.path, line=table.header_line)
    if roster_value not in ("auto", "tick", "frequency", "trust"):
        raise ValueError("roster_value must be 'auto', 'tick', 'frequency' or 'trust'")
    distinct = {tick_key(row[j]) for row in table.rows for j in actor_cols}
    if roster_value == "auto":
        roster_value = "tick" if distinct <= (TICK_WORDS | NO_WORDS) else "frequency"
    report = builder.report
    report.problem(table.name, table.header_line, None, None,
                   Message.of(ROSTER_VALUES[roster_value]))
    idx = {role: table.header.index(h) for role, h in found.items()}
    values = SurveyValues(builder, trust_scale,
                          _trust_numbers(table, actor_cols) if roster_value == "trust" else [])
    targets = {j: builder.actor(table.header[j], kind="person" if level == "person" else None)
               for j in actor_cols}
    for j in [j for j in actor_cols if targets[j] is None]:
        report.problem(table.name, table.header_line, table.header[j], table.header[j],
                       Message.of(N_("column header is not an actor name (no letter or digit); "
                                     "column ignored")))
        actor_cols.remove(j)
    for row, line in zip(table.rows, table.lines, strict=True):
        src = respondent_actor(builder, row, idx, found, line, level)
        if src is None:
            report.skip(builder.file, line, NO_SOURCE)
            continue
        made = 0
        for j in actor_cols:
            cell = row[j]
            norm = tick_key(cell)
            if norm in NO_WORDS:
                continue
            tgt, column = targets[j], table.header[j]
            weight = trust = None
            if roster_value == "tick":
                if norm not in TICK_WORDS:
                    report.problem(builder.file, line, column, cell,
                                   Message.of(N_("not a tick; read as a tie with no value")))
            elif roster_value == "frequency":
                weight = values.frequency(cell, line, column)
                if weight == 0:
                    continue
            else:
                trust = values.trust(cell, line, column)
            made += builder.tie(src, tgt, relation, line=line, weight=weight, trust=trust)
        builder.end_row(line, made > 0, NO_TICK)

