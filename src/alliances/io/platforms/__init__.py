"""Survey platforms' exports, recognised and turned into the canonical survey columns.

Issue 13, section 3. Each module of this package knows one tool's export
(Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics, LimeSurvey,
KoboToolbox / ODK) and offers ``recognise(table, *, path, columns) -> Recognition |
None``: ``None`` when the table is not that tool's export, else the table
turned into what :func:`alliances.read_survey` reads (extra header rows
removed, repeat groups joined to their respondent), the layout when the
export says it, and which column plays which role. :func:`recognise` asks
each tool in turn, the most specific first; :func:`alliances.read_survey`
calls it before detecting the layout and writes the tool and the roles in
the import report.

The tools differ in how they write a question; what a question asks does
not. The tool modules cut their export into :class:`Question` objects (the
question's text, its columns, the sub-question label of each column) and
:func:`assemble` decides, the same way for every tool, what each question
is:

* who answered: the respondent's organisation, name, sector or territory
  (from the question's words, :func:`question_role`);
* numbered slots wherever the number sits (``Partner 1: name``,
  ``Partenaire 2 : fréquence``, a box labelled ``Partner 3``, Qualtrics'
  ``Q4_1`` and loop-and-merge ``1_Q5``): ``contact 1``, ``frequency 1``...
  (:func:`slot_of`);
* grids over a list of actors (``Question [Mairie]``, a SurveyMonkey
  matrix, a Qualtrics matrix table) whose cells are frequency, trust,
  relation words or ticks: one slot per actor of the list, the actor named
  when its cell is filled (the roster of the form, read with every grid's
  value);
* a multiple-choice question written one column per option (SurveyMonkey):
  one slot per option, plus "Other (please specify)";
* one multi-select column naming the partners (Google Forms' checkboxes
  joined with ``", "``, Microsoft Forms' ``";"``): the long layout, each
  cell split by the reader (known names never split).

The result is a wide table (``contact 1, relation 1, frequency 1, trust 1,
contact 2...``) or a long one; the tool's metadata columns stay in it so
that :func:`alliances.read_survey` sets them aside and reports them, as for
any file. Every row of the export stays one row, on its own line number.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike

from alliances.i18n import N_, Message
from alliances.io.csvfile import CsvTable
from alliances.io.metadata import QUESTION_ROLE_PATTERNS
from alliances.io.report import COLUMN_ROLES
from alliances.model import FREQUENCY_WEIGHTS, RELATION_SYNONYMS, RELATIONS, normalize_text

__all__ = ["GRID_NOTES", "LANGUAGE_NAMES", "NONE_WORDS", "Question", "Recognition",
           "assemble", "cells_kind", "header_rows_note", "interface_tool", "labelled_role",
           "numbered_role", "option_role", "question_role", "recognise", "role_name", "slot_of",
           "user_role", "user_role_text"]


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
    fill_down : bool or None
        False when the tool writes one complete row per response and never
        merges cells: a row whose respondent cell is blank is no continuation
        of the row above and must not be filled from it. None: no opinion
        (the reader's own ``fill_down=`` decides).
    """

    tool: str
    table: CsvTable
    layout: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    known_names: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)
    fill_down: bool | None = None


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """The first tool whose export ``table`` is.

    The most specific tools are asked first (Qualtrics' ImportId row,
    SurveyMonkey's second header row, KoboToolbox / ODK and LimeSurvey
    metadata), Microsoft and Google Forms last.

    Parameters
    ----------
    table : CsvTable
        The file as read (header, rows).
    path : str or path-like, optional
        The file, to find its sibling files (ODK repeat groups, workbook sheets).
    columns : mapping, optional
        The user's own ``{header: role}`` (``read_survey``'s ``columns=``):
        they win over what a tool's reader guesses. A header the user mapped
        is never set aside as metadata nor given another role, and a
        respondent, organisation or contact column mapped so decides the
        layout as if the tool's reader had found it.

    Returns
    -------
    Recognition or None
        None when the table is no known tool's export.
    """
    from alliances.io.platforms import google, kobo, limesurvey, msforms, qualtrics, surveymonkey

    for tool in (qualtrics, surveymonkey, kobo, limesurvey, msforms, google):
        found = tool.recognise(table, path=path, columns=columns)
        if found is not None:
            return found
    return None


def user_role(header: str, columns: Mapping[str, str] | None) -> str | None:
    """The role the user gave ``header`` in ``columns=`` (compared as the readers compare
    headers, after :func:`~alliances.model.normalize_text`), else None.

    Examples
    --------
    >>> user_role("Custom Data 1", {"custom data 1": "organisation"})
    'organisation'
    >>> user_role("Email", None) is None
    True
    """
    if not columns:
        return None
    norm = normalize_text(header)
    for theirs, role in columns.items():
        if normalize_text(theirs) == norm:
            return role
    return None


# --------------------------------------------------------------------------- questions

@dataclass
class Question:
    """One question of an export and its columns.

    Attributes
    ----------
    text : str
        The question as asked (header, or the tool's question-text row).
    columns : list of int
        Its columns in the table.
    labels : list of str
        One per column: the sub-question, option or box label (``""`` when
        the question has one column and no label).
    headers : list of str
        One per column: the header as exported (for the report).
    slot : int or None
        A slot number the tool gives (Qualtrics' loop-and-merge ``2_Q5``).
    """

    text: str
    columns: list[int]
    labels: list[str]
    headers: list[str]
    slot: int | None = None


_ROLE_RES = tuple((role, re.compile("|".join(rf"\b{p}" for p in pats)))
                  for role, pats in QUESTION_ROLE_PATTERNS)


def question_role(text: str) -> str | None:
    """The role a question's words say: ``organisation``, ``respondent``, ``sector``,
    ``territory``, ``contact``, ``relation``, ``frequency``, ``trust`` or None.

    Examples
    --------
    >>> question_role("Nom de votre structure"), question_role("Type de structure")
    ('organisation', 'sector')
    >>> question_role("How often does your organisation work with each of these organisations?")
    'frequency'
    >>> question_role("Which organisations did you work with in 2024? (tick all that apply)")
    'contact'
    >>> question_role("Anything else you would like to tell us?") is None
    True
    """
    norm = normalize_text(text)
    for role, pattern in _ROLE_RES:
        if pattern.search(norm):
            return role
    return None


# the base of a numbered slot ("Partner 1", "Partenaire n°2", "contact_3")
_SLOT = re.compile(
    r"^(?P<base>[^\d\[\]]*?[^\W\d_])[\s_]*(?:n°|nº|no\.?|#)?\s*(?P<n>\d{1,2})"
    r"(?:\s*[:\-–—.)/]\s*(?P<rest>.*?))?\s*$", re.IGNORECASE)
_SLOT_BASES = re.compile(
    r"^(?:partner|partenaire|contact|organi[sz]ation|structure|acteur|actor|alter|nominee|"
    r"stakeholder|name|nom|org|orga|entite|interlocuteur)s?(?: (?:cite|citee|named))?$")


def slot_of(text: str) -> tuple[int, str] | None:
    """``(number, role)`` of a numbered slot's question or label, else None.

    The number sits after a partner word (``Partner 1``, ``Partenaire n°2``,
    ``contact_3``), the slot's question after it (``Partner 1: how often...``).

    Examples
    --------
    >>> slot_of("Partner 1: organisation name"), slot_of("Partenaire 2 : fréquence des échanges")
    ((1, 'contact'), (2, 'frequency'))
    >>> slot_of("contact_3"), slot_of("Fréquence 2"), slot_of("Question 4") is None
    ((3, 'contact'), (2, 'frequency'), True)
    """
    m = _SLOT.match(text.strip())
    if not m:
        return None
    base, rest = normalize_text(m.group("base")), (m.group("rest") or "").strip()
    n = int(m.group("n"))
    if not _SLOT_BASES.match(base):
        # "Relation 1", "Fréquence 2", "Confiance 3": the slot's other answers
        role = None if rest else question_role(base)
        return (n, role) if role in ("relation", "frequency", "trust") else None
    if not rest:
        return n, "contact"
    role = question_role(rest)
    if role in (None, "organisation", "respondent", "contact"):
        # "Partner 1: organisation name", "Partenaire 1 : nom": the partner's name
        return n, "contact"
    if role in ("relation", "frequency", "trust"):
        return n, role
    return None  # "Partner 1: sector": not read


_RELATION_WORDS = frozenset(normalize_text(w) for code, words in RELATION_SYNONYMS.items()
                            for w in (code, *words)) | frozenset(RELATIONS)
#: Answers of a grid that mean no tie with the row's actor.
NONE_WORDS = frozenset({"aucune", "aucun", "aucune relation", "pas de relation", "none",
                        "no relation", "no relationship", "not applicable", "n a", "na",
                        "sans objet", "je ne connais pas", "ne connait pas",
                        "don t know them", "do not know them", "i don t know them"})


def cells_kind(cells: Iterable[str]) -> str:
    """What a question's filled cells hold: ``"tick"``, ``"frequency"``, ``"trust"``,
    ``"relation"``, ``"number"``, ``"names"`` or ``"empty"``.

    Examples
    --------
    >>> cells_kind(["Monthly", "", "Never"]), cells_kind(["Tout à fait confiance"])
    ('frequency', 'trust')
    >>> cells_kind(["x", "oui"]), cells_kind(["Mairie", "CAF"]), cells_kind(["", " "])
    ('tick', 'names', 'empty')
    """
    from alliances.io.survey import NO_WORDS, TICK_WORDS, TRUST_WORDS, tick_key

    # the distinct answers only: a column of 100,000 rows holds a handful
    seen = {c.strip() for c in set(cells)} - {""}
    if not seen:
        return "empty"
    keys = {tick_key(c) for c in seen}
    if keys <= TICK_WORDS | NO_WORDS:
        return "tick"
    norms = {normalize_text(c) for c in seen} - NONE_WORDS
    if not norms:
        return "relation"  # "Aucune relation" everywhere: a relation grid left blank
    for kind, words in (("frequency", FREQUENCY_WEIGHTS), ("trust", TRUST_WORDS),
                        ("relation", _RELATION_WORDS)):
        if norms <= words.keys() if isinstance(words, dict) else norms <= words:
            return kind
    if all(re.fullmatch(r"-?\d+(?:[.,]\d+)?\s*%?", c) for c in seen):
        return "number"
    return "names"


_OTHER = re.compile(r"^(?:other|autre|autres|other \(please specify\)|autre \(veuillez "
                    r"preciser\)|other please specify|autre veuillez preciser|"
                    r"autre precisez|other specify)$")
_WHO = ("organisation", "respondent", "sector", "territory")
_NOMINATION = ("relation", "frequency", "trust")


def _is_other(label: str) -> bool:
    return bool(_OTHER.match(normalize_text(label)))


@dataclass
class _Slot:
    """One contact slot of the wide table being made."""

    label: str = ""  # a grid's actor (the contact when a cell of the row is filled)
    contact: int | None = None  # column of the contact's name
    option: str = ""  # a multiple-choice option column: its label
    values: dict[str, int] = field(default_factory=dict)  # role -> column
    ticks: list[int] = field(default_factory=list)  # tick columns (grid of ticks)


def assemble(tool: str, table: CsvTable, questions: Sequence[Question], *,
             metadata: Sequence[int] = (), notes: Sequence[str] = (),
             roles: dict[str, str] | None = None, user: Mapping[str, str] | None = None,
             fill_down: bool | None = None) -> Recognition:
    """Decide what each question of an export is and make the table read_survey reads.

    Parameters
    ----------
    tool : str
        The tool and variant, for the report.
    table : CsvTable
        The export, data rows only (header rows of the tool already removed).
    questions : sequence of Question
        The export's questions (metadata columns excluded).
    metadata : sequence of int
        The tool's metadata columns: kept in the table (read_survey sets them
        aside and reports them), ``"metadata"`` in the roles.
    notes : sequence of str
        Sentences for the import report.
    roles : dict, optional
        Roles already decided by the tool module (``{header: role}``).
    user : mapping, optional
        The user's ``columns=``: a column they mapped plays their role (taken
        out of its question when the question has several columns), before
        any guess; the metadata columns must already exclude them.
    fill_down : bool or None
        :attr:`Recognition.fill_down` of the tool.

    Returns
    -------
    Recognition
        Wide when the export has numbered slots, grids or option columns;
        long when one column names the partners; otherwise no layout (the
        reader then decides, or asks).
    """
    out_roles = dict(roles or {})
    for j in metadata:
        out_roles.setdefault(table.header[j], COLUMN_ROLES["metadata"])
    who: dict[str, int] = {}
    slots: dict[tuple, _Slot] = {}
    numbered: dict[int, tuple] = {}
    singles: dict[str, int] = {}  # long layout: contact, relation, frequency, trust columns
    known: set[str] = set()
    notes = list(notes)
    rows = table.rows

    def column_cells(cols: Iterable[int]) -> list[str]:
        return [row[j] for row in rows for j in cols]

    def numbered_slot(n: int) -> _Slot:
        key = numbered.setdefault(n, ("n", n))
        return slots.setdefault(key, _Slot())

    # the user's roles first: what they mapped is theirs, and the guesses below only
    # fill the roles they left (who / singles already hold theirs)
    guessed: list[Question] = []
    for q in questions:
        mapped = [(j, h) for j, h in zip(q.columns, q.headers, strict=True)
                  if user_role(h, user) is not None
                  or (len(q.columns) == 1 and user_role(table.header[j], user) is not None)]
        for j, h in mapped:
            role = user_role(h, user) or user_role(table.header[j], user) or ""
            out_roles[h] = user_role_text(role)
            s = slot_of(table.header[j])
            if role in _WHO:
                who[role] = j
            elif role in ("contact", *_NOMINATION) and s is not None:
                _put(numbered_slot(s[0]), role, j)
            elif role in ("contact", *_NOMINATION):
                singles[role] = j
            # any other role (theme...): the column stays in the table as it is, for
            # read_survey's columns= to read
        rest = [k for k, j in enumerate(q.columns) if j not in {m for m, _ in mapped}]
        if len(rest) == len(q.columns):
            guessed.append(q)
        elif rest:
            guessed.append(dataclasses.replace(
                q, columns=[q.columns[k] for k in rest], labels=[q.labels[k] for k in rest],
                headers=[q.headers[k] for k in rest]))

    for q in guessed:
        qrole = question_role(q.text)
        if q.slot is not None:  # the tool says which slot (a loop)
            role = qrole if qrole in _NOMINATION else "contact"
            _put(numbered_slot(q.slot), role, q.columns[0])
            out_roles[q.headers[0]] = numbered_role(role, q.slot)
            continue
        labelled = [lab for lab in q.labels if lab]
        if len(q.columns) == 1 and not labelled:
            j, header = q.columns[0], q.headers[0]
            s = slot_of(q.text)
            if s is not None:
                _put(numbered_slot(s[0]), s[1], j)
                out_roles[header] = numbered_role(s[1], s[0])
            elif qrole in _WHO and qrole not in who and cells_kind(column_cells([j])) != "tick":
                who[qrole] = j
                out_roles[header] = role_name(qrole)
            elif qrole == "contact" and "contact" not in singles:
                singles["contact"] = j
                out_roles[header] = COLUMN_ROLES["contact (several names in a cell)"]
            elif qrole in _NOMINATION and qrole not in singles:
                singles[qrole] = j
                out_roles[header] = role_name(qrole)
            else:
                out_roles[header] = COLUMN_ROLES["not read"]
            continue
        # a question of several columns: boxes, grid rows or options
        numbers = [slot_of(lab) if lab else None for lab in q.labels]
        if all(numbers):
            for j, header, (n, role) in zip(q.columns, q.headers, numbers, strict=True):
                if role == "contact" and qrole in _NOMINATION:
                    role = qrole  # "How often... - Partner 1": partner 1's frequency
                _put(numbered_slot(n), role, j)
                out_roles[header] = numbered_role(role, n)
            continue
        plain = [(j, h, lab) for j, h, lab in zip(q.columns, q.headers, q.labels, strict=True)
                 if not _is_other(lab)]
        others = [(j, h) for j, h, lab in zip(q.columns, q.headers, q.labels, strict=True)
                  if _is_other(lab)]
        kind = cells_kind(column_cells([j for j, _, _ in plain]))
        options = all(not row[j] or normalize_text(row[j]) == normalize_text(lab)
                      for j, _, lab in plain for row in rows)
        if kind in ("tick", "frequency", "trust", "relation", "number") and not options:
            role = qrole if qrole in _NOMINATION else kind
            if role == "number":
                role = "frequency"  # a grid of numbers: how many times, as the roster reads them
            for j, header, lab in plain:
                slot = slots.setdefault(("grid", normalize_text(lab)), _Slot(label=lab))
                if role == "tick":
                    slot.ticks.append(j)
                else:
                    _put(slot, role, j)
                known.add(normalize_text(lab))
                out_roles[header] = labelled_role(role, lab, grid=True)
            notes.append(Message.of(GRID_NOTES.get(role, GRID_NOTES["relation"]),
                                    question=_short(q.text), role=role, n=len(plain)))
        elif kind in ("names", "empty") or options:
            for j, header, lab in plain:
                if options and lab:
                    slots[("option", j)] = _Slot(contact=j, option=lab)
                    known.add(normalize_text(lab))
                    out_roles[header] = option_role(lab)
                else:
                    slots[("box", j)] = _Slot(contact=j)
                    out_roles[header] = COLUMN_ROLES["contact"]
        else:
            for _, header, _ in plain:
                out_roles[header] = COLUMN_ROLES["not read"]
        for j, header in others:
            slots[("other", j)] = _Slot(contact=j)
            out_roles[header] = COLUMN_ROLES["contact (other, as typed)"]
    found = _make(tool, table, who, slots, numbered, singles, metadata, out_roles, known, notes)
    found.fill_down = fill_down
    return found


def _put(slot: _Slot, role: str, j: int) -> None:
    if role == "contact":
        slot.contact = j
    else:
        slot.values.setdefault(role, j)


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _make(tool: str, table: CsvTable, who: dict[str, int], slots: dict[tuple, _Slot],
          numbered: dict[int, tuple], singles: dict[str, int], metadata: Sequence[int],
          roles: dict[str, str], known: set[str], notes: list[str]) -> Recognition:
    from alliances.io.survey import NO_WORDS, tick_key

    used = {*metadata, *who.values(), *singles.values(),
            *(j for slot in slots.values() for j in (slot.contact, *slot.values.values(),
                                                      *slot.ticks) if j is not None)}
    # questions not read stay in the table, untouched: the user's columns= can still
    # name them ("Qui êtes-vous ?": "organisation"); the tool's other fields do not
    unread = [j for j, h in enumerate(table.header)
              if j not in used and roles.get(h) != "metadata"]
    keep = [*metadata, *[who[r] for r in _WHO if r in who], *unread]
    header = [table.header[j] for j in keep]
    columns = {table.header[who[r]]: r for r in _WHO if r in who}
    # numbered slots first, in their order, then grids, options and "Other" boxes
    order = [numbered[n] for n in sorted(numbered)] + [k for k in slots if k[0] != "n"]
    order = [k for k in order if slots[k].contact is not None or slots[k].label
             or slots[k].values]
    if order:
        plan = []
        names = _own_names(table, [slots[key] for key in order])
        for k, key in enumerate(order, start=1):
            slot = slots[key]
            roles_here = [r for r in _NOMINATION if r in slot.values]
            if names:
                header += [table.header[slot.contact], *[table.header[slot.values[r]]
                                                          for r in roles_here]]
            else:
                header += [f"contact {k}", *[f"{r} {k}" for r in roles_here]]
            plan.append((slot, roles_here))
        # column by column: a grid's cells are a few answers repeated on every row, each
        # looked up once (100,000 rows of a Likert export in well under a second)
        n = len(table.rows)
        by_column = list(zip(*table.rows, strict=True)) if n else [()] * len(table.header)
        out: list[Sequence[str]] = [by_column[j] for j in keep]
        for slot, roles_here in plan:
            if slot.label:
                # a grid's actor is named when one of its cells is filled, or ticked
                filled = [False] * n
                for j in slot.values.values():
                    says = {c: bool(c.strip()) and normalize_text(c) not in NONE_WORDS
                            for c in set(by_column[j])}
                    filled = [f or says[c] for f, c in zip(filled, by_column[j], strict=True)]
                for j in slot.ticks:
                    says = {c: tick_key(c) not in NO_WORDS for c in set(by_column[j])}
                    filled = [f or says[c] for f, c in zip(filled, by_column[j], strict=True)]
                out.append([slot.label if f else "" for f in filled])
            else:
                out.append(by_column[slot.contact] if slot.contact is not None else [""] * n)
            for r in roles_here:
                column = by_column[slot.values[r]]
                kept = {c: "" if normalize_text(c) in NONE_WORDS else c for c in set(column)}
                out.append([kept[c] for c in column])
        new_rows = [list(cells) for cells in zip(*out, strict=True)] if n else []
        layout = "wide"
        # a question naming partners in one cell, beside numbered or listed ones: one
        # layout is read, the other question is said not read (never dropped unsaid)
        for j in singles.values():
            h = table.header[j]
            roles[h] = COLUMN_ROLES["not read (the partners' numbered or listed questions are read)"]
            notes.append(Message.of(
                N_('"{question}" not read: this export\'s partners are read from its numbered '
                   "or listed questions; pass {option} and columns= to read this question "
                   "instead"), question=_short(h), option='layout="long"'))
    elif "contact" in singles:
        for r in ("contact", *_NOMINATION):
            if r in singles:
                keep.append(singles[r])
                header.append(table.header[singles[r]])
                columns[table.header[singles[r]]] = r
        new_rows = [[row[j] for j in keep] for row in table.rows]
        layout = "long"
    else:
        # no network question recognised: the reader decides (or asks) on the whole table
        return Recognition(tool, table, None, columns, roles, frozenset(known), notes)
    dropped = {table.header[j] for j in range(len(table.header))} - set(header)
    problems = [p for p in table.problems if getattr(p, "column", None) not in dropped]
    out = dataclasses.replace(table, header=header, rows=new_rows, problems=problems)
    return Recognition(tool, out, layout, columns, roles, frozenset(known), notes)


def _own_names(table: CsvTable, order: Sequence[_Slot]) -> bool:
    """True when every slot column's own header already reads as that slot (``Contact 3``,
    ``Fréquence 3``): the table keeps them, so the report quotes the file's headers."""
    from alliances.io.survey import wide_slots

    for k, slot in enumerate(order, start=1):
        if slot.contact is None or slot.label or slot.option:
            return False
        probe = [table.header[slot.contact], *(table.header[j] for j in slot.values.values())]
        found, _, _ = wide_slots(CsvTable(table.path, probe, [], []), None)
        want = {"contact": 0, **{r: i for i, r in enumerate(slot.values, start=1)}}
        if found.get(k) != want:
            return False
    return True


def header_rows_note(lines: Sequence[int], what: str) -> Message:
    """The report's sentence on header rows read as headers (not data)."""
    if len(lines) == 1:
        return Message.of(N_("line {line}: {what}, read as headers (not data)"),
                          line=lines[0], what=what)
    return Message.of(N_("lines {first}-{last}: {what}, read as headers (not data)"),
                      first=lines[0], last=lines[-1], what=what)


#: the languages of the survey tools' interfaces, as the report names them
LANGUAGE_NAMES: dict[str, Message] = {
    "English": Message.pgettext("interface language", "English"),
    "French": Message.pgettext("interface language", "French"),
    "Spanish": Message.pgettext("interface language", "Spanish"),
    "German": Message.pgettext("interface language", "German"),
    "Italian": Message.pgettext("interface language", "Italian"),
}
#: the report's note on a grid read as one answer per actor, by the grid's role
GRID_NOTES: dict[str, str] = {
    "tick": N_('grid "{question}" read as one tick per actor of its list ({n} actors)'),
    "frequency": N_('grid "{question}" read as one frequency per actor of its list ({n} actors)'),
    "trust": N_('grid "{question}" read as one trust per actor of its list ({n} actors)'),
    "relation": N_('grid "{question}" read as one relation per actor of its list ({n} actors)'),
}


def interface_tool(tool: str, language: str) -> Message:
    """``Google Forms (French interface)``: the tool and its interface's language, translatable.

    Examples
    --------
    >>> interface_tool("Google Forms", "French")
    'Google Forms (French interface)'
    """
    return Message.of(N_("{tool} ({language} interface)"), tool=tool,
                      language=LANGUAGE_NAMES.get(language, language))


# --------------------------------------------------------------------------- roles

def role_name(role: str) -> str:
    """A role as the import report names it: a :class:`Message` for the roles of
    :data:`COLUMN_ROLES`, any other (a role of the user's own ``columns=``) as written.

    Examples
    --------
    >>> role_name("trust").translate("fr"), role_name("my own role")
    ('confiance', 'my own role')
    """
    return COLUMN_ROLES.get(role, role)


def numbered_role(role: str, n: int) -> Message:
    """``trust 3``: the role of a numbered slot's column."""
    return Message.of(N_("{role} {n}"), role=role_name(role), n=n)


def labelled_role(role: str, label: str, *, grid: bool = False) -> Message:
    """``frequency (Mairie)``, or ``frequency of Mairie`` for a grid's row (``grid=True``):
    the role of a column about one actor of a list (``label``, the user's own words)."""
    if grid:
        return Message.of(N_("{role} of {label}"), role=role_name(role), label=label)
    return Message.of(N_("{role} ({label})"), role=role_name(role), label=label)


def option_role(label: str) -> Message:
    """``contact (option Mairie)``: a multiple-choice option's column."""
    return Message.of(N_("contact (option {label})"), label=label)


def user_role_text(role: str, tool: str | None = None) -> Message:
    """``organisation (columns=)``: a role given by the user's ``columns=``; with ``tool``,
    one that this tool's reader does not make (the column is left as it is)."""
    if tool is None:
        return Message.of(N_("{role} (columns=)"), role=role_name(role))
    return Message.of(N_("{role} (columns=): not read from a {tool} export"),
                      role=role_name(role), tool=tool)
