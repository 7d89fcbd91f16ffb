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
  reported (``fill_down=False`` skips such rows instead).
* **Rows that disagree** on an actor attribute (two territories, two
  organisations of a person) are decided by votes: the most common value,
  ties to the alphabetically first, never the row order.
* A respondent naming more than :data:`MANY_CONTACTS` (100) actors is kept
  and noted in the report's problems (a list pasted into one answer?).
* Every row is accounted for: used, or skipped once with its reason (see
  :class:`~alliances.io.report.ImportReport`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from os import PathLike
from typing import Any

import networkx as nx
import pandas as pd

from alliances.errors import InputError, Problem
from alliances.io.builder import FillDown, GraphBuilder, registry_frame
from alliances.io.csvfile import (
    CsvTable,
    match_columns,
    missing_column_error,
    parse_number,
    pause_gc,
)
from alliances.io.names import NameResolver, split_names
from alliances.io.report import ImportReport
from alliances.io.workbook import read_any
from alliances.model import (
    FREQUENCY_WEIGHTS,
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
    "sector": ("sector", "secteur", "type de structure", "monde", "secteur de la structure"),
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

#: Trust words -> 0..1 (compared after normalize_text).
TRUST_WORDS: dict[str, float] = {
    "aucune": 0.0, "aucun": 0.0, "nulle": 0.0, "nul": 0.0, "pas du tout": 0.0, "none": 0.0,
    "no trust": 0.0, "pas de confiance": 0.0, "non": 0.0, "no": 0.0,
    "tres faible": 0.25, "faible": 0.25, "peu": 0.25, "limitee": 0.25, "low": 0.25,
    "very low": 0.25, "weak": 0.25,
    "moyenne": 0.5, "moyen": 0.5, "moderee": 0.5, "partielle": 0.5, "neutre": 0.5,
    "medium": 0.5, "moderate": 0.5, "some": 0.5,
    "bonne": 0.75, "forte": 0.75, "elevee": 0.75, "grande": 0.75, "importante": 0.75,
    "good": 0.75, "high": 0.75, "strong": 0.75,
    "totale": 1.0, "tres forte": 1.0, "tres bonne": 1.0, "tres elevee": 1.0, "complete": 1.0,
    "absolue": 1.0, "entiere": 1.0, "very high": 1.0, "full": 1.0, "total": 1.0,
    "complete trust": 1.0, "oui": 1.0, "yes": 1.0,
}

# Cells of a roster (and of an affiliation matrix, io/affiliations.py) compared
# after tick_key: a tick, or an answer meaning "no"
TICK_WORDS = frozenset({"x", "oui", "yes", "1", "true", "vrai", "v", "ok", "✓", "✔", "☑",
                        "checked", "coche"})
NO_WORDS = frozenset({"0", "non", "no", "false", "faux", "", "-"})

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

# Sentences of the import report, shared by the row-by-row and column-wise
# (io/_longfast.py) readers; the self-nomination one is io/builder.py's
NO_SOURCE = "no respondent or organisation: nobody to attach the row to"


def no_letter_contact(name: str) -> str:
    """Why a contact whose name has no letter or digit gives no tie."""
    return f'contact "{name}" has no letter or digit: not an actor name; no tie'


def never_frequency(frequency: str) -> str:
    """Why a frequency meaning "never" gives no tie."""
    return f'frequency "{frequency}" means no contact: no tie'


def several_contacts(n: int) -> str:
    """The note on a cell naming ``n`` contacts."""
    return f"one cell named {n} contacts; split into {n} ties"


# --------------------------------------------------------------------------- value parsers

class SurveyValues:
    """Parse frequency and trust cells once per distinct value, reporting problems."""

    def __init__(self, builder: GraphBuilder, trust_scale: Any, trust_numbers: Sequence[float]):
        self.b = builder
        self.decimal_comma = builder.table.decimal_comma
        self.scale = parse_trust_scale(trust_scale, trust_numbers)
        if trust_scale == "auto" and trust_numbers:
            low, high = self.scale
            rule = {(0.0, 1.0): "kept as they are", (1.0, 5.0): "(x - 1) / 4",
                    (0.0, 10.0): "x / 10"}[self.scale]
            # the scale is a guess from the data: say so, once per file
            builder.report.problem(
                builder.file, builder.table.header_line, None, None,
                f"trust numbers read on the {low:g}..{high:g} scale (largest number "
                f"{max(trust_numbers):g}): {rule}; pass trust_scale= if that is wrong")
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
            self.b.report.problem(self.b.file, line, column, text,
                                  "frequency not understood; kept as missing (weight 1.0)")
        return value

    def trust(self, text: str, line: int, column: str | None) -> float | None:
        if not text:
            return None
        if text not in self._trust:
            value = TRUST_WORDS.get(normalize_text(text))
            if value is None:
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
                f"trust not understood on the {low:g}..{high:g} scale; kept as missing "
                "(pass trust_scale= to change the scale)")
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
        table.problems.append(_note(
            table, f'columns "{table.header[cols[0][1]]}"... read as the contacts named; pass '
            f'columns={{"{base.upper()}": "contact"}} (or another role) to say so'))
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


def _detect_layout(table: CsvTable, found: Mapping[str, str], columns: Mapping[str, str] | None,
                   ) -> str:
    slots, _, unknown = wide_slots(CsvTable(table.path, table.header, [], []), columns)
    if slots or unknown:
        return "wide"
    if "contact" in found:
        return "long"
    if set(found) & _NOMINATION_ROLES:
        # relation, frequency or trust columns: a long survey whose contact
        # column was not recognised, not a roster of actors called "Confiance"
        return "long"
    if ("respondent" in found or "organisation" in found or table.header[0] == "column 1") \
            and len(table.header) >= 2:
        return "roster"
    return "long"


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
    fill_down: bool = True,
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
    fill_down : bool, default True
        Long layout: a row with a contact but neither respondent nor
        organisation continues the block above it, as Excel writes merged
        cells (the respondent only on the first row of the block): the
        respondent, organisation, sector and territory of the row above are
        carried down, and each block is reported in ``problems``. Set False
        to skip such rows instead.

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
    report = ImportReport(sources=[table.name], rows_read=len(table.rows),
                          blank_lines=table.blank_lines)
    registry = registry_frame(actors, report)
    found = match_columns(table.header, SURVEY_COLUMNS, columns)
    if layout == "auto":
        layout = _detect_layout(table, found, columns)
    resolver = NameResolver(registry)
    builder = GraphBuilder(table, report, resolver, "survey", registry)
    default_relation = canonical_relation(relation) or "collaboration"
    known = resolver.known if registry is not None else None
    opts = {"level": level, "relation": default_relation, "multi_sep": multi_sep,
            "split_multi": split_multi, "known": known, "trust_scale": trust_scale}
    global _last_long_engine
    _last_long_engine = None
    if layout == "long":
        _read_long_any(table, found, builder, fill_down=fill_down, **opts)
    elif layout == "wide":
        _read_wide(table, found, columns, builder, **opts)
    else:
        _read_roster(table, found, builder, roster_value=roster_value, **opts)
    report.add_problems(table.all_problems)
    table.rows, table.lines = [], []  # read: the cells need not outlive the graph's making
    G = builder.graph()
    G.graph["layout"] = layout
    _flag_many_contacts(G, report, table.name)
    return G


#: Which reader of long surveys runs: "auto" (the column-wise one of
#: ``io/_longfast.py``, which handles every row the careful one does and declines
#: only files with no data row or a missing column, where the careful one raises
#: or reports), "rows" (always the careful row-by-row one) or "columns" (the
#: column-wise one, ValueError if it declines). Private: for tests and checks.
_LONG_ENGINE = "auto"
#: The reader the last long survey used ("rows" or "columns"), for tests.
_last_long_engine: str | None = None


def _read_long_any(table: CsvTable, found: dict[str, str], builder: GraphBuilder,
                   **opts: Any) -> None:
    """Read a long survey with the column-wise reader if it can, else row by row."""
    global _last_long_engine
    engine = _LONG_ENGINE
    if engine not in ("auto", "rows", "columns"):
        raise ValueError(f"_LONG_ENGINE must be 'auto', 'rows' or 'columns', got {engine!r}")
    if engine != "rows":
        from alliances.io._longfast import read_long_fast

        if read_long_fast(table, found, builder, **opts):
            _last_long_engine = "columns"
            return
        if engine == "columns":
            raise ValueError("the column-wise reader declined this file")
    _last_long_engine = "rows"
    _read_long(table, found, builder, **opts)


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
            report.problem(file, first, None, str(named),
                           f'"{G.nodes[node]["label"]}" names {named} actors (more than '
                           f"{MANY_CONTACTS}): all kept; check that a list was not pasted "
                           "into this answer")


def split_contacts(cell: str, *, multi_sep: str | None, split_multi: bool,
                   known: Any) -> list[str]:
    """The contact names in one cell (several when separated, see ``multi_sep``)."""
    if not cell:
        return []
    if not split_multi:
        return [cell]
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
        builder.report.problem(builder.file, line, cols.get("contact"), "; ".join(names),
                               several_contacts(len(names)))
    made = 0
    for tgt in targets:
        for rel in rels:
            made += builder.tie(src, tgt, rel, line=line, weight=weight, trust=trust,
                                **({"themes": themes} if themes else {}))
    return made


def _read_long(table: CsvTable, found: dict[str, str], builder: GraphBuilder, *, level: str,
               relation: str, multi_sep: str | None, split_multi: bool, known: Any,
               trust_scale: Any, fill_down: bool = True) -> None:
    if "contact" not in found:
        raise missing_column_error(table, "contact", SURVEY_COLUMNS["contact"],
                                   "the actor each respondent names", found=found)
    if "respondent" not in found and "organisation" not in found:
        raise missing_column_error(table, "respondent", SURVEY_COLUMNS["respondent"]
                                   + SURVEY_COLUMNS["organisation"],
                                   "who answered, or their organisation", found=found)
    idx = {role: table.header.index(h) for role, h in found.items()}
    values = SurveyValues(builder, trust_scale,
                          _trust_numbers(table, [idx["trust"]] if "trust" in idx else []))
    carry = FillDown(builder, idx, ("respondent", "organisation"),
                     ("respondent", "organisation", "sector", "territory"), "contact",
                     "respondent") if fill_down else None
    who = [idx[r] for r in ("respondent", "organisation", "sector", "territory") if r in idx]
    j_contact = idx["contact"]
    j_rel, j_freq, j_trust, j_theme, j_corg = (
        idx.get(r) for r in ("relation", "frequency", "trust", "theme", "contact_organisation"))
    # a respondent's cells come back on each of their rows: respondent_actor once per
    # distinct cells, the repeats only counted (GraphBuilder.actor's rule)
    sources: dict[tuple[str, ...], tuple[str | None, tuple]] = {}
    report = builder.report
    for row, line in zip(table.rows, table.lines, strict=True):
        if carry is not None:
            row = carry(row, line)
        cells = tuple([row[j] for j in who])
        hit = sources.get(cells)
        if hit is None:
            src = respondent_actor(builder, row, idx, found, line, level)
            sources[cells] = (src, builder.last_key)
        else:
            src = hit[0]
            if src is not None:
                builder.actor_again(hit[1])
        if src is None:
            report.skip(builder.file, line,
                        NO_SOURCE)
            continue
        contact = row[j_contact]
        names = ([contact] if contact and (not split_multi or not (
            ";" in contact or "|" in contact or "\n" in contact or "," in contact
            or (multi_sep and multi_sep in contact)))
            else split_contacts(contact, multi_sep=multi_sep, split_multi=split_multi,
                                known=known))
        if not names:
            report.skip(builder.file, line,
                        "no contact named (the respondent is kept as an actor)")
            continue
        made = _add_nominations(
            builder, src, names, line=line, rel_text="" if j_rel is None else row[j_rel],
            freq_text="" if j_freq is None else row[j_freq],
            trust_text="" if j_trust is None else row[j_trust],
            theme="" if j_theme is None else row[j_theme],
            contact_org="" if j_corg is None else row[j_corg],
            cols=found, values=values, level=level, relation=relation)
        builder.end_row(line, made > 0, "no tie could be made from this row")
    if carry is not None:
        carry.report()


def _read_wide(table: CsvTable, found: dict[str, str], columns: Mapping[str, str] | None,
               builder: GraphBuilder, *, level: str, relation: str, multi_sep: str | None,
               split_multi: bool, known: Any, trust_scale: Any) -> None:
    slots, used, unknown = wide_slots(table, columns)
    if not slots:
        err = missing_column_error(table, "contact 1", ("Contact 1", "contact_1", "Q5[SQ001]"),
                                   "numbered contact columns of a wide survey", found=found)
        if unknown:
            groups = ", ".join(f"{u.upper()}[...]" for u in unknown)
            mapping = ", ".join(f'"{u.upper()}": "..."' for u in unknown)
            raise InputError(
                f"{err.message} Question groups {groups} have no known role: say which one "
                f'holds the contacts, e.g. columns={{{mapping}}} with "contact", "relation", '
                '"frequency" or "trust".', path=table.path, line=table.header_line,
                column="contact 1")
        raise err
    for base in unknown:
        table.problems.append(_note(
            table, f"question group {base.upper()}[...] not read: its role is unknown; pass "
            f'columns={{"{base.upper()}": "relation"}} (or "frequency", "trust") to read it'))
    found = {r: h for r, h in found.items() if h not in used}
    if "respondent" not in found and "organisation" not in found:
        raise missing_column_error(table, "respondent", SURVEY_COLUMNS["respondent"]
                                   + SURVEY_COLUMNS["organisation"],
                                   "who answered, or their organisation", found=found)
    idx = {role: table.header.index(h) for role, h in found.items()}
    trust_cols = [s["trust"] for s in slots.values() if "trust" in s]
    values = SurveyValues(builder, trust_scale, _trust_numbers(table, trust_cols))
    header = table.header
    for row, line in zip(table.rows, table.lines, strict=True):
        src = respondent_actor(builder, row, idx, found, line, level)
        if src is None:
            builder.report.skip(builder.file, line,
                                NO_SOURCE)
            continue
        named = made = 0
        for slot in slots.values():
            cells = {role: row[j] for role, j in slot.items()}
            cols = {role: header[j] for role, j in slot.items()}
            names = split_contacts(cells["contact"], multi_sep=multi_sep,
                                   split_multi=split_multi, known=known)
            if not names:
                leftovers = [f"{cols[r]}={v!r}" for r, v in cells.items() if v and r != "contact"]
                if leftovers:
                    builder.report.problem(builder.file, line, cols["contact"], "",
                                           "answers given for an empty contact slot ignored: "
                                           + ", ".join(leftovers))
                continue
            named += 1
            made += _add_nominations(
                builder, src, names, line=line, rel_text=cells.get("relation", ""),
                freq_text=cells.get("frequency", ""), trust_text=cells.get("trust", ""),
                theme=cells.get("theme", ""), contact_org=cells.get("contact_organisation", ""),
                cols=cols, values=values, level=level, relation=relation)
        builder.end_row(line, made > 0,
                        "no contact named (the respondent is kept as an actor)" if not named
                        else "no tie could be made from this row")


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
                                       "who answered, or their organisation", found=found)
    role_cols = {found[r] for r in ("respondent", "organisation", "sector", "territory")
                 if r in found}
    # a recognised survey column ("Confiance", "Fréquence") is not an actor
    survey_cols = {h for r, h in found.items() if r in _NOMINATION_ROLES}
    for h in sorted(survey_cols, key=table.header.index):
        builder.report.problem(table.name, table.header_line, h, h,
                               f'column read as the survey\'s "{_role_of(found, h)}" column, '
                               "not as an actor of the roster; not read")
    actor_cols = [j for j, h in enumerate(table.header)
                  if h not in role_cols and h not in survey_cols]
    if not actor_cols:
        raise InputError("a roster survey needs one column per listed actor; none found. "
                         f"Columns found: {', '.join(table.header)}",
                         path=table.path, line=table.header_line)
    if roster_value not in ("auto", "tick", "frequency", "trust"):
        raise ValueError("roster_value must be 'auto', 'tick', 'frequency' or 'trust'")
    distinct = {tick_key(row[j]) for row in table.rows for j in actor_cols}
    if roster_value == "auto":
        roster_value = "tick" if distinct <= (TICK_WORDS | NO_WORDS) else "frequency"
    report = builder.report
    report.problem(table.name, table.header_line, None, None,
                   f"roster cells read as {roster_value} values")
    idx = {role: table.header.index(h) for role, h in found.items()}
    values = SurveyValues(builder, trust_scale,
                          _trust_numbers(table, actor_cols) if roster_value == "trust" else [])
    targets = {j: builder.actor(table.header[j], kind="person" if level == "person" else None)
               for j in actor_cols}
    for j in [j for j in actor_cols if targets[j] is None]:
        report.problem(table.name, table.header_line, table.header[j], table.header[j],
                       "column header is not an actor name (no letter or digit); column ignored")
        actor_cols.remove(j)
    for row, line in zip(table.rows, table.lines, strict=True):
        src = respondent_actor(builder, row, idx, found, line, level)
        if src is None:
            report.skip(builder.file, line,
                        NO_SOURCE)
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
                                   "not a tick; read as a tie with no value")
            elif roster_value == "frequency":
                weight = values.frequency(cell, line, column)
                if weight == 0:
                    continue
            else:
                trust = values.trust(cell, line, column)
            made += builder.tie(src, tgt, relation, line=line, weight=weight, trust=trust)
        builder.end_row(line, made > 0, "no actor ticked (the respondent is kept as an actor)")

