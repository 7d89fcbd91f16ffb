"""LimeSurvey response exports (issue 13, section 3), and what every tool module shares.

LimeSurvey's "Export results" writes one row per response and one column per
question or subquestion, headed as the export's *Headings* option says:

* question code: ``PART[SQ001]`` (subquestion ``SQ001`` of question ``PART``),
  metadata ``id, submitdate, lastpage, startlanguage, seed, startdate, datestamp,
  ipaddr, refurl, token``;
* question code & question text: ``PART[SQ001]. Citez vos partenaires [Partenaire 1]``;
* full question text: ``Citez vos partenaires [Partenaire 1]``, metadata
  ``Response ID, Date submitted, Last page, Start language...`` in the
  interface's language.

Answers are the answer codes (``A1``, ``Y``) or the full answers
(``Plusieurs fois par an``, ``Oui``) as the *Responses* option says.

What is read:

* numbered subquestions (``PART[SQ001]``, ``[Partenaire 1]``) are slots: the
  partner named in slot 1, its frequency, trust and relation in the other
  questions' slot 1;
* an array (grid) question whose subquestions are actors (``Fréquence des
  échanges [Mairie de Plaisance]``) is a roster: a tick, a frequency, a trust
  or a relation per actor;
* the respondent's organisation, name and sector are the single questions
  whose text or code says so.

Every export is turned into the long layout (one row per partner named, the
row's line the response's line); a response naming nobody stays one row (its
respondent kept as an actor). The long table's columns are named after the
export's questions (``PART``, ``FREQ``...), so ``columns={"FREQ": "trust"}``
still says what a question is. When the roles cannot be told (codes such as
``Q1``, ``Q2``), the export is handed over as it is (code & text headings cut
to their codes) for the survey reader to decide, or to be told with
``columns=``.

The words of a question that say its role, and LimeSurvey's metadata headings,
are :data:`alliances.io.metadata.QUESTION_ROLE_WORDS` and
:data:`alliances.io.metadata.LIMESURVEY_METADATA` (importable from here too);
the answers' words (frequency, trust, relation, sector) are read by the model's
vocabularies themselves (:data:`alliances.model.TRUST_WORDS`...).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from types import MappingProxyType

from alliances.errors import InputError
from alliances.i18n import N_, Message
from alliances.io.csvfile import CsvTable, parse_number
from alliances.io.metadata import LIMESURVEY_METADATA, QUESTION_ROLE_WORDS, is_metadata_header
from alliances.io.platforms import (
    Recognition,
    labelled_role,
    numbered_role,
    role_name,
    user_role,
    user_role_text,
)
from alliances.io.report import COLUMN_ROLES
from alliances.io.survey import NO_WORDS, TICK_WORDS
from alliances.model import (
    FREQUENCY_WEIGHTS,
    RELATION_SYNONYMS,
    SECTOR_SYNONYMS,
    SECTORS,
    TRUST_WORDS,
    canonical_relation,
    canonical_sector,
    normalize_text,
)

__all__ = ["ANSWER_WORDS", "LIMESURVEY_METADATA", "QUESTION_ROLE_WORDS", "Nomination",
           "answer_kind", "long_recognition", "question_role", "recognise", "standard_answer"]

_ROLE_ORDER = tuple(QUESTION_ROLE_WORDS)

#: Kept for compatibility: the tools' answer words are read by the model's
#: vocabularies themselves (role -> the vocabulary that reads its answers).
ANSWER_WORDS: Mapping[str, Mapping[str, object]] = MappingProxyType({
    "frequency": FREQUENCY_WEIGHTS, "trust": TRUST_WORDS, "relation": RELATION_SYNONYMS,
    "sector": SECTOR_SYNONYMS})

_SIGNATURE = frozenset(normalize_text(h) for h in (
    "submitdate", "lastpage", "startlanguage", "seed", "datestamp", "refurl",
    "Date submitted", "Last page", "Start language", "Date last action",
    "Date de soumission", "Dernière page", "Langue de départ", "Date de la dernière action"))

# the survey reader's ticks and "no" answers, with LimeSurvey's and KoboToolbox's own
# (answer codes Y / N, "selected" / "not selected")
_TICKS = frozenset(TICK_WORDS) | {"y", "selected"}
_NOS = frozenset(NO_WORDS - {""}) | {"n", "not selected", "non selectionne"}
_RELATION_WORDS = frozenset(normalize_text(w) for code, words in RELATION_SYNONYMS.items()
                            for w in (code, *words)) - {"conseil", "projet", "partenaire"}
_OTHER = frozenset({"other", "autre", "autres"})
_ANSWER_CODE = re.compile(r"^A[O0]?\d+$")


# --------------------------------------------------------------------------- shared helpers

def question_role(text: str, *, code: bool = False) -> str | None:
    """The role a question's text (or code, or field name) announces, or None.

    Examples
    --------
    >>> question_role("À quelle fréquence échangez-vous avec ce partenaire ?")
    'frequency'
    >>> question_role("Nom de votre structure"), question_role("Type of organisation")
    ('organisation', 'sector')
    >>> question_role("PART", code=True), question_role("Q2", code=True)
    ('contact', None)
    """
    norm = normalize_text(text)
    if not norm:
        return None
    if code:
        # a code is a word or a prefix of one: FREQ, CONF, PARTENAIRES, nom_structure
        words = norm.split()
        for role in _ROLE_ORDER:
            for w in QUESTION_ROLE_WORDS[role]:
                w_key = w.replace(" ", "")
                if len(w_key) >= 3 and any(x == w_key or (x.startswith(w_key) and len(w_key) >= 4)
                                           for x in [*words, norm.replace(" ", "")]):
                    return role
        return None
    padded = f" {norm} "
    for role in _ROLE_ORDER:
        if any(f" {w} " in padded for w in QUESTION_ROLE_WORDS[role]):
            return role
    return None


def standard_answer(role: str, cell: str) -> str:
    """A relation or sector answer as the model's code (``"funding"``, ``"public"``) when the
    model's vocabulary knows it; any other cell as written (frequency and trust answers are
    read as written by :data:`~alliances.model.FREQUENCY_WEIGHTS` and
    :data:`~alliances.model.TRUST_WORDS`).

    Examples
    --------
    >>> standard_answer("relation", "Financement / financeur"), standard_answer("sector", "École")
    ('funding', 'research')
    >>> standard_answer("trust", "Pas du tout confiance"), standard_answer("sector", "Fablab")
    ('Pas du tout confiance', 'Fablab')
    """
    if not cell or "?" in cell:
        return cell
    if role == "relation":
        return canonical_relation(cell) if normalize_text(cell) in _RELATION_WORDS else cell
    if role == "sector":
        return canonical_sector(cell) or cell
    return cell


def answer_kind(cells: Iterable[str]) -> str | None:
    """What the filled cells of a column hold: ``"tick"``, ``"frequency"``, ``"trust"``,
    ``"relation"``, ``"number"``, ``"code"`` (answer codes ``A1``), ``"names"``; None if empty.

    Examples
    --------
    >>> answer_kind(["Oui", "", "Oui"]), answer_kind(["Plusieurs fois par an", "Jamais"])
    ('tick', 'frequency')
    >>> answer_kind(["A1", "A3"]), answer_kind(["Mairie de Plaisance", "CAF du Gers"])
    ('code', 'names')
    """
    filled = [c.strip() for c in cells if c and c.strip()]
    if not filled:
        return None
    keys = [normalize_text(c) for c in filled]
    if all(c.casefold() in _TICKS | _NOS or k in _TICKS | _NOS for c, k in zip(filled, keys,
                                                                                strict=True)):
        return "tick"
    if all(_ANSWER_CODE.match(c) for c in filled):
        return "code"
    for role, known in (("frequency", FREQUENCY_WEIGHTS), ("trust", TRUST_WORDS)):
        if all(k in known for k in keys):
            return role
    if all(k in _RELATION_WORDS for k in keys):
        return "relation"
    if all(parse_number(c, decimal_comma=True) is not None for c in filled):
        return "number"
    return "names"


@dataclasses.dataclass
class Nomination:
    """One row of the long table a tool module builds: who answered, whom they named.

    Attributes
    ----------
    line : int
        The line (row) of the export the nomination was read from.
    who : dict
        ``{"organisation" | "respondent" | "sector": cell}``.
    contact : str
        The partner named ("" for a respondent naming nobody).
    values : dict
        ``{"frequency" | "trust" | "relation": cell}``.
    """

    line: int
    who: dict[str, str]
    contact: str = ""
    values: dict[str, str] = dataclasses.field(default_factory=dict)


_WHO = ("organisation", "respondent", "sector")
_WHAT = ("frequency", "trust", "relation")


def merge_nominations(found: Sequence[Nomination]) -> list[Nomination]:
    """One nomination per partner of a response (the same partner in two questions,
    a tick and a frequency grid, is one nomination with both values)."""
    out: dict[str, Nomination] = {}
    for n in found:
        key = normalize_text(n.contact)
        if key in out:
            kept = out[key]
            for role, cell in n.values.items():
                if cell and not kept.values.get(role):
                    kept.values[role] = cell
        else:
            out[key] = Nomination(n.line, n.who, n.contact, dict(n.values))
    return list(out.values())


def long_recognition(tool: str, source: CsvTable, *, path: str, headers: Mapping[str, str],
                     rows: Sequence[Nomination], roles: Mapping[str, str],
                     notes: Sequence[str] = (), respondents: int | None = None) -> Recognition:
    """The :class:`Recognition` of an export turned into the long layout.

    ``headers``: ``{role: column name of the long table}`` (named after the
    export's questions); ``rows``: the nominations; ``path``: what the table is
    called in reports (the file, or ``file.xlsx [sheet]`` of joined rows).
    """
    order = [r for r in (*_WHO, "contact", *_WHAT) if r in headers]
    # a partner with nobody to attach it to would be carried down to the respondent
    # above by the reader's fill-down of merged cells: left out, and said
    orphans = [n.line for n in rows if n.contact and not any(n.who.get(r) for r in _WHO[:2])]
    rows = [n for n in rows if not (n.contact and not any(n.who.get(r) for r in _WHO[:2]))]
    names: list[str] = []
    for r in order:  # two roles never share a column name
        name = headers[r]
        while name in names or normalize_text(name) in {normalize_text(n) for n in names}:
            name = f"{name} ({r})"
        names.append(name)
    table_rows = []
    for n in rows:
        cells = {**n.who, "contact": n.contact, **n.values}
        table_rows.append([cells.get(r, "") for r in order])
    table = CsvTable(path=path, header=names, rows=table_rows, lines=[n.line for n in rows],
                     header_line=source.header_line, encoding=source.encoding, sep=source.sep,
                     problems=list(source.problems), blank_lines=source.blank_lines,
                     row_problems=list(source.row_problems))
    known = frozenset(normalize_text(n.contact) for n in rows if n.contact) - {""}
    named = sum(1 for n in rows if n.contact)
    said = [*notes]
    if orphans:
        shown = ", ".join(map(str, orphans[:10])) + (" ..." if len(orphans) > 10 else "")
        said.append(Message.of(
            N_("{n} partner(s) named with nobody to attach them to (no organisation or name of "
               "the respondent; line {lines} of {file}): not read"),
            n=len(orphans), lines=shown, file=Path(path).name))
    if respondents is not None:
        said.append(Message.of(
            N_("{tool} export read in the long layout: {respondents} responses, {named} "
               "partners named (one row each)"), tool=tool, respondents=respondents, named=named))
    return Recognition(tool=tool, table=table, layout="long",
                       columns={name: r for name, r in zip(names, order, strict=True)},
                       roles=dict(roles), known_names=known, notes=said,
                       # LimeSurvey ("Export results", one row per response with its id) and
                       # KoboToolbox / ODK (one row per submission, repeat groups in their own
                       # sheet or file, joined above) never merge cells: each row of this
                       # table carries its respondent's answers, nothing to carry down
                       fill_down=False)


def is_sector_answer(cells: Iterable[str]) -> bool:
    """True when most filled cells are sector words the model knows."""
    filled = [c for c in cells if c]
    # canonical_sector keeps an unknown sector as written: only the model's codes count
    hits = sum(1 for c in filled if canonical_sector(c) in SECTORS)
    return bool(filled) and hits * 2 > len(filled)


# --------------------------------------------------------------------------- LimeSurvey headings

_CODE_TEXT = re.compile(r"^(?P<code>[A-Za-z][A-Za-z0-9_]*(?:\[[^\]\s]*\])*)\.\s+(?P<text>.*)$", re.S)
_CODE = re.compile(r"^(?P<base>[A-Za-z][A-Za-z0-9_]*?)(?P<subs>(?:\[[^\]\s]*\])*)$")
_BRACKET = re.compile(r"^(?P<text>.*?)\s*\[(?P<label>[^\[\]]+)\]\s*$", re.S)
_SLOT_LABEL = re.compile(r"^(?:(?:partenaire|partner|contact|acteur|structure|organisation|"
                         r"organization|org|n|no|numero|number)\s*)?(?P<n>\d+)$")
_SQ = re.compile(r"^(?:sq|q)?0*(?P<n>\d+)$", re.I)


@dataclasses.dataclass
class _Heading:
    j: int
    header: str
    key: str            # the question: its code, else its text
    code: str | None    # PART[SQ001] (code headings) or None (text headings)
    text: str | None
    sub: str | None     # SQ001, "other", or the bracket label of text headings
    label: str | None   # the bracket label, when the heading has text


def _heading(j: int, header: str) -> _Heading:
    m = _CODE_TEXT.match(header)
    code, text = (m.group("code"), m.group("text").strip()) if m else (None, None)
    if m is None and _CODE.match(header) and " " not in header:
        code = header
    base = sub = label = None
    if code is not None:
        c = _CODE.match(code)
        base = c.group("base") if c else code
        subs = re.findall(r"\[([^\]]*)\]", code)
        sub = subs[0] if subs else None
    if text is None and code is None:
        text = header
    if text is not None:
        b = _BRACKET.match(text)
        if b:
            label = b.group("label").strip()
            text = b.group("text").strip()
            if code is None:
                sub = label
    return _Heading(j, header, base or text or header, code, text, sub, label)


def _is_limesurvey(header: Sequence[str]) -> bool:
    cut = [normalize_text(_heading(0, h).code or h) if _CODE_TEXT.match(h) else normalize_text(h)
           for h in header]
    return len(set(cut) & _SIGNATURE) >= 2


def _is_metadata(h: _Heading, header: Sequence[str]) -> bool:
    for candidate in (h.code, h.text, h.header):
        if candidate and (normalize_text(candidate) in LIMESURVEY_METADATA
                          or is_metadata_header(candidate, beside=["submitdate", *header])):
            return True
    code = h.code or ""
    # timings ("Save timings"): groupTime123, PARTTime
    return bool(re.match(r"^(groupTime\d+|[A-Za-z]\w*Time)$", code))


def _slot_number(h: _Heading) -> int | None:
    if h.label is not None:
        m = _SLOT_LABEL.match(normalize_text(h.label))
        return int(m.group("n")) if m else None
    if h.sub is not None:
        m = _SQ.match(h.sub)
        return int(m.group("n")) if m else None
    return None


def _pass_through(table: CsvTable, headings: Sequence[_Heading], roles: dict[str, str],
                  why: str, columns: Mapping[str, str] | None = None) -> Recognition:
    """The export as it is (code & text headings cut to their codes, except those the user
    named in ``columns=``), for the survey reader."""
    header = [h.code if (h.code and h.text is not None and user_role(h.header, columns) is None)
              else h.header for h in headings]
    if len(set(header)) != len(header):
        header = list(table.header)
    return Recognition(tool="LimeSurvey", table=dataclasses.replace(table, header=header),
                       roles=roles, fill_down=False,
                       notes=[Message.of(N_("{tool} export handed to the survey reader as it "
                                            "is: {why}"), tool="LimeSurvey", why=why)])


def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """LimeSurvey's "Export results" CSV or Excel file, turned into the long layout; else None.

    Raises
    ------
    InputError
        When the export lacks what a graph needs and no reading can make up
        for it: a grid over actors headed by codes only (``FREQ[SQ001]``: the
        actors' names are not in the file), or answer codes (``A1``, ``A2``)
        where the answers' words are needed. The message says which export
        options give a readable file.
    """
    if not _is_limesurvey(table.header):
        return None
    headings = [_heading(j, h) for j, h in enumerate(table.header)]
    roles: dict[str, str] = {}
    groups: dict[str, list[_Heading]] = {}
    def mapped(h: _Heading) -> str | None:
        """The role the user's columns= gives this heading (full heading, code or text)."""
        return next((r for r in (user_role(c, columns) for c in (h.header, h.code, h.text) if c)
                     if r is not None), None)

    for h in headings:
        if mapped(h) is None and _is_metadata(h, table.header):
            roles[h.header] = COLUMN_ROLES["metadata"]
        else:
            groups.setdefault(h.key, []).append(h)
    texts = any(h.text is not None for h in headings if roles.get(h.header) != "metadata")
    variant = (N_("LimeSurvey (question code & question text headings)")
               if any(h.code and h.text for h in headings)
               else N_("LimeSurvey (full question text headings)") if texts
               else N_("LimeSurvey (question codes headings)"))
    tool = Message.of(variant)

    def column(j: int) -> list[str]:
        return [row[j] for row in table.rows]

    who: dict[str, _Heading] = {}
    slots: dict[str, tuple[str, list[tuple[int, _Heading]]]] = {}   # key -> role, [(n, heading)]
    grids: dict[str, tuple[str, list[_Heading]]] = {}               # key -> role, headings
    others: list[_Heading] = []
    # the user's columns= first (a stable sort): their roles are taken before any guess
    for key, hs in sorted(groups.items(), key=lambda kv: mapped(kv[1][0]) is None):
        theirs = mapped(hs[0]) if len(hs) == 1 else None
        if theirs in _WHO:
            who[theirs] = hs[0]
            continue
        if theirs in ("contact", *_WHAT):
            slots.setdefault(key, (theirs, []))[1].append((1, hs[0]))
            continue
        if theirs is not None:
            roles[hs[0].header] = user_role_text(theirs, "LimeSurvey")
            continue
        # a question of subquestions the user named by its code ({"Q5": "contact"}); a role
        # this reader does not make (theme...) is given by columns= to the long table's column
        words = user_role(key, columns) if len(hs) > 1 else None
        if words not in ("contact", *_WHAT):
            words = question_role(hs[0].text or "") if hs[0].text else None
        if words is None and hs[0].code:
            words = question_role(re.sub(r"\[.*", "", hs[0].code), code=True)
        subbed = [h for h in hs if h.sub is not None and normalize_text(h.sub) not in _OTHER]
        other = [h for h in hs if h.sub is not None and normalize_text(h.sub) in _OTHER]
        if not subbed:
            h = hs[0]
            kind = answer_kind(column(h.j))
            if words in _WHO and words not in who and (
                    words == "sector" or kind in ("names", None)
                    or is_sector_answer(column(h.j))):
                who[words] = h
                continue
            if words is None and kind == "names" and is_sector_answer(column(h.j)) \
                    and "sector" not in who:
                who["sector"] = h
                continue
            if words == "contact" and kind == "names":
                slots.setdefault(key, ("contact", []))[1].append((1, h))
                continue
            roles.setdefault(h.header, COLUMN_ROLES["not read"])
            continue
        numbered = [(_slot_number(h), h) for h in subbed]
        kinds = {answer_kind(column(h.j)) for h in subbed} - {None}
        if "code" in kinds:
            raise InputError(Message.of(
                N_("the answers of question {key} ({header}...) are LimeSurvey answer codes "
                   "(A1, A2...), not their words: export the responses again with {option} "
                   "({menu}, Format CSV or Microsoft Excel)"),
                key=key, header=subbed[0].header, option='Responses: "Full answers"',
                menu="Responses > Export > Export responses"),
                path=table.path, line=table.header_line, column=subbed[0].header)
        numbers = [n for n, _ in numbered]
        # slots are numbered 1, 2, 3...: "Structure 000" ... "Structure 059" are actors
        plausible = None not in numbers and len(set(numbers)) == len(numbers) and all(
            1 <= (n or 0) <= 30 for n in numbers)
        is_slots = plausible and (
            any(h.label is not None for h in subbed) or kinds <= {"names"}
            or words in (*_WHAT, "contact"))
        if is_slots and (kinds & {"tick"}) and not any(h.label for h in subbed):
            is_slots = False
        if is_slots:
            kind = next(iter(kinds)) if len(kinds) == 1 else None
            role = words if words in ("contact", *_WHAT) else (
                {"names": "contact", "frequency": "frequency", "trust": "trust",
                 "relation": "relation"}.get(kind or ""))
            if role is None or (role == "contact" and not kinds <= {"names"}):
                roles.update({h.header: COLUMN_ROLES["not read"] for h in hs})
                continue
            slots[key] = (role, [(n, h) for n, h in numbered if n is not None])
            if role == "contact":
                for h in other:
                    slots[key][1].append((len(slots[key][1]) + 1, h))
            continue
        if all(h.label is None for h in subbed):
            raise _nameless_grid(table, key, subbed)
        kind = next(iter(kinds)) if len(kinds) == 1 else None
        role = words if words in _WHAT else (kind if kind in _WHAT else "tick")
        # ticks only: a grid of counts or names ("Nombre de partenaires [Associations]")
        # names no actor
        if role == "tick" and not kinds <= {"tick"}:
            roles.update({h.header: COLUMN_ROLES["not read"] for h in hs})
            continue
        grids[key] = (role, subbed)
        others.extend(other)

    if slots and not any(role == "contact" for role, _ in slots.values()):
        # frequencies by subquestion code and no partner named: a grid over actors
        # whose names the export left out, never slots of nobody
        key, (_, items) = next(iter(slots.items()))
        if all(h.label is None for _, h in items):
            raise _nameless_grid(table, key, [h for _, h in items])
        slots = {}
    if "organisation" not in who and "respondent" not in who:
        return _pass_through(table, headings, roles, Message.of(
            N_("no question says who answered (their organisation or name)")), columns)
    if not slots and not grids:
        return _pass_through(table, headings, roles, Message.of(N_("no question names partners")),
                             columns)

    for role, h in who.items():
        roles[h.header] = role_name(role)
    for role, items in slots.values():
        for n, h in items:
            roles[h.header] = numbered_role(role, n)
    for role, hs in grids.values():
        for h in hs:
            roles[h.header] = labelled_role(role if role != "tick" else "contact", h.label)
    for h in others:
        roles[h.header] = COLUMN_ROLES["contact (other)"]

    headers: dict[str, str] = {r: _short(h) for r, h in who.items()}
    for role, items in slots.values():
        headers.setdefault(role, _short(items[0][1]))
    for role, hs in grids.values():
        if role != "tick":
            headers.setdefault(role, _short(hs[0]))
        else:
            headers.setdefault("contact", _short(hs[0]))
    headers.setdefault("contact", "contact")

    rows: list[Nomination] = []
    for row, line in zip(table.rows, table.lines, strict=True):
        answer = {r: row[h.j] for r, h in who.items()}
        found: list[Nomination] = []
        by_slot: dict[int, dict[str, str]] = {}
        for role, items in slots.values():
            for n, h in items:
                if row[h.j]:
                    by_slot.setdefault(n, {})[role] = row[h.j]
        for n in sorted(by_slot):
            cells = by_slot[n]
            if cells.get("contact"):
                found.append(Nomination(line, answer, cells["contact"],
                                        {r: cells[r] for r in _WHAT if cells.get(r)}))
        by_actor: dict[str, dict[str, str]] = {}
        for role, hs in grids.values():
            for h in hs:
                cell = row[h.j]
                if not cell or (role == "tick" and normalize_text(cell) in _NOS):
                    continue
                by_actor.setdefault(h.label or "", {})[role] = cell
        for h in others:
            if row[h.j]:
                by_actor.setdefault(row[h.j], {})["tick"] = "oui"
        for actor, cells in by_actor.items():
            found.append(Nomination(line, answer, actor,
                                    {r: cells[r] for r in _WHAT if cells.get(r)}))
        rows.extend(merge_nominations(found) or [Nomination(line, answer)])
    return long_recognition(tool, table, path=table.path, headers=headers, rows=rows,
                            roles=roles, respondents=len(table.rows))


def _nameless_grid(table: CsvTable, key: str, subbed: Sequence[_Heading]) -> InputError:
    return InputError(Message.of(
        N_("question {key} is an array (grid) over a list of actors, but this export heads its "
           "columns with codes only ({first} ... {last}): the actors' names are not in the "
           "file. Export the responses again with {option} (or {other}) and {answers}"),
        key=key, first=subbed[0].header, last=subbed[-1].header,
        option='Headings: "Question code & question text"', other='"Full question text"',
        answers='Responses: "Full answers"'),
        path=table.path, line=table.header_line, column=subbed[0].header)


def _short(h: _Heading) -> str:
    """The long table's name for a question: its code, else its text."""
    if h.code:
        return re.sub(r"\[.*", "", h.code)
    return h.text or h.header
