"""KoboToolbox and ODK exports (issue 13, section 3), repeat groups joined to their respondent.

KoboToolbox (Project > Data > Downloads) writes the XLSForm's fields as
columns, with their group path (``identite/nom_structure``, separator ``/``)
when "Include groups in headers" is ticked, headed by the fields' names
("XML values and headers") or their labels; a ``select_multiple`` question is
one column of the choices separated by spaces and, with "Export Select Many
questions as: Single and separate columns", one 0/1 column per choice
(``partenaires/mairie_de_plaisance``). Metadata: ``start, end, today,
deviceid, _id, _uuid, _submission_time, _validation_status, _notes, _status,
_submitted_by, __version__, _tags, _index``. A repeat group is a second sheet
of the ``.xlsx`` export whose rows carry ``_index, _parent_table_name,
_parent_index, _submission__uuid...``.

ODK Central (Submissions > Download) writes ``SubmissionDate``, the fields
(group separator ``-``: ``identite-structure``), ``meta-instanceID, KEY,
SubmitterID, SubmitterName, AttachmentsPresent, AttachmentsExpected, Status,
ReviewState, DeviceID, Edits, FormVersion``; each repeat group is its own CSV
file ``form-repeat.csv`` (fields, ``PARENT_KEY``, ``KEY``), beside the main
one once unzipped, or inside the export ``.zip``.

Given the main file (or the ``.xlsx``, or the ``.zip``), the repeat rows
naming a partner are joined to their respondent: one long-layout row per
repeat row, its line that of the repeat sheet or file, the table named after
it (``form.xlsx [contacts]``, ``form-contacts.csv``); the report says what was
joined. Numbered slots (``group_contacts/partner_1``) and a ``select_multiple``
question over the actors are read too; choice names (``plusieurs_fois_par_an``)
are read as the words they spell.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path

from alliances.errors import InputError
from alliances.i18n import N_, Message
from alliances.io.csvfile import CsvTable, read_table
from alliances.io.metadata import KOBO_METADATA, is_metadata_header
from alliances.io.platforms import (
    Recognition,
    labelled_role,
    numbered_role,
    role_name,
    user_role,
    user_role_text,
)
from alliances.io.platforms.limesurvey import (
    Nomination,
    answer_kind,
    is_sector_answer,
    long_recognition,
    merge_nominations,
    question_role,
)
from alliances.io.report import COLUMN_ROLES
from alliances.io.workbook import (
    is_workbook,
    is_zip,
    read_sheet,
    read_zip_member,
    sheet_names,
    zip_csv_members,
)
from alliances.model import normalize_text

__all__ = ["KOBO_METADATA", "main_file_of", "recognise", "repeat_files_of"]

_WHO = ("organisation", "respondent", "sector")
_WHAT = ("frequency", "trust", "relation")
_XML_NAMES = re.compile(r"^[a-z0-9_.-]+(?: [a-z0-9_.-]+)*$")
_SLOT = re.compile(r"^(?P<base>.*?[A-Za-zÀ-ÿ])[\s_.-]*(?P<n>\d+)$")


def _pieces(words: Sequence[str], known: set[str]) -> int:
    """The fewest known names whose words, in a row, are ``words`` (0 when none do)."""
    best: list[int | None] = [0] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            before = best[start]
            if before is not None and " ".join(words[start:end]) in known:
                now = before + 1
                current = best[end]
                best[end] = now if current is None else min(current, now)
    return best[-1] or 0


def _flavour(header: Sequence[str], rows: Sequence[Sequence[str]] = ()) -> str | None:
    h = set(header)
    if "_parent_table_name" in h and "_parent_index" in h:
        # KoBoCAT's / Ona's zipped CSV files all carry the same extra columns (_uuid
        # included): a repeat group's rows name their parent table, the main rows do not
        j = header.index("_parent_table_name")
        if any(row[j].strip() for row in rows[:50]):
            return "kobo repeat"
    if "_uuid" in h or "_submission_time" in h or ("__version__" in h and "_id" in h):
        return "kobo"
    if "_parent_index" in h or "_submission__uuid" in h:
        return "kobo repeat"
    if "PARENT_KEY" in h and "KEY" in h:
        return "odk repeat"
    if "KEY" in h and ("SubmissionDate" in h or "meta-instanceID" in h):
        return "odk"
    return None


def _is_metadata(header: str, beside: Sequence[str]) -> bool:
    last = re.split(r"[/-]", header)[-1] if not header.startswith("_") else header
    return (header in KOBO_METADATA or last in KOBO_METADATA or header.startswith("SET-OF-")
            or header.startswith("_submission_") or header.startswith("meta-")
            or header.startswith("meta/") or is_metadata_header(header, beside=beside) is not None)


def _last(header: str, sep: str) -> str:
    return header.rsplit(sep, 1)[-1] if sep in header else header


def _labels_mode(header: Sequence[str]) -> bool:
    """Headers are the questions' labels (spaces, punctuation), not XML names."""
    fields = [h for h in header if not h.startswith("_") and h not in KOBO_METADATA]
    spaced = sum(1 for h in fields if " " in h)
    return spaced * 2 > len(fields)


class _Fields:
    """The roles of one table's columns (main sheet or repeat group)."""

    def __init__(self, table: CsvTable, sep: str, user: Mapping[str, str] | None = None) -> None:
        self.table = table
        self.sep = sep
        header = table.header
        self.labels = _labels_mode(header)
        self.roles: dict[str, str] = {}
        self.who: dict[str, int] = {}
        self.single: dict[str, int] = {}            # contact / frequency / trust / relation
        self.slots: dict[int, dict[str, int]] = {}
        self.multi: dict[int, list[tuple[str, int]]] = {}   # summary column -> [(option, j)]
        self.multi_summary: list[int] = []
        taken: set[int] = set()
        for j, h in enumerate(header):
            role = user_role(h, user)
            if role is None:
                if _is_metadata(h, header):
                    self.roles[h] = COLUMN_ROLES["metadata"]
                    taken.add(j)
                continue
            # the user's columns= first: never metadata, never guessed
            taken.add(j)
            m = _SLOT.match(_last(h, sep))
            if role in _WHO:
                self.who[role] = j
            elif role in ("contact", *_WHAT) and m:
                self.slots.setdefault(int(m.group("n")), {})[role] = j
            elif role in ("contact", *_WHAT):
                self.single[role] = j
            else:
                self.roles[h] = user_role_text(role, "KoboToolbox / ODK")
        # select_multiple: a summary column and its 0/1 columns "question/option"
        for j, h in enumerate(header):
            if j in taken:
                continue
            details = [(k, d) for k, d in enumerate(header)
                       if k not in taken and k != j and d.startswith(h + "/")]
            if details and all(answer_kind(self._column(k)) in ("tick", None)
                               for k, _ in details):
                self.multi[j] = [(d[len(h) + 1:], k) for k, d in details]
                taken.update(k for k, _ in details)
                taken.add(j)
        # "details" only: 0/1 columns sharing a question path, no summary column
        by_prefix: dict[str, list[int]] = {}
        for j, h in enumerate(header):
            if j not in taken and "/" in h:
                by_prefix.setdefault(h.rsplit("/", 1)[0], []).append(j)
        for prefix, cols in by_prefix.items():
            if (len(cols) >= 2 and prefix not in header and question_role(
                    _last(prefix, "/"), code=not self.labels) == "contact"
                    and all(answer_kind(self._column(k)) in ("tick", None) for k in cols)):
                self.multi[-1 - cols[0]] = [(header[k].rsplit("/", 1)[1], k) for k in cols]
                taken.update(cols)
        for j, h in enumerate(header):
            if j in taken:
                continue
            field = _last(h, sep) if not self.labels else h
            m = _SLOT.match(field)
            role = None
            if m:
                role = question_role(m.group("base"), code=not self.labels)
                if role in ("contact", *_WHAT):
                    self.slots.setdefault(int(m.group("n")), {})[role] = j
                    continue
            role = question_role(field, code=not self.labels)
            cells = self._column(j)
            kind = answer_kind(cells)
            if role in _WHO and role not in self.who and (
                    role == "sector" or kind in ("names", None)):
                self.who[role] = j
            elif role is None and kind == "names" and is_sector_answer(cells) \
                    and "sector" not in self.who:
                self.who["sector"] = j
            elif (role == "contact" and not self.labels and cells
                  and all(_XML_NAMES.match(c) for c in cells if c)
                  and any(" " in c for c in cells)):
                self.multi[j] = []  # select_multiple: XML names separated by spaces
            elif (role in _WHAT and role not in self.single) or (
                    role == "contact" and "contact" not in self.single
                    and kind in ("names", None)):
                # a count of partners ("partenaires_nombre": 3) is no partner's name
                self.single[role] = j
            else:
                self.roles[h] = COLUMN_ROLES["not read"]
        if self.labels and "contact" in self.single:
            self._refuse_labels_joined_by_spaces(self.single["contact"])
        for role, j in self.who.items():
            self.roles[header[j]] = role_name(role)
        for role, j in self.single.items():
            self.roles[header[j]] = role_name(role)
        for n, slot in self.slots.items():
            for role, j in slot.items():
                self.roles[header[j]] = numbered_role(role, n)
        for j, options in self.multi.items():
            if j >= 0:
                self.roles[header[j]] = COLUMN_ROLES["contacts (choices separated by spaces)"]
            for option, k in options:
                self.roles[header[k]] = labelled_role("contact", option)
        # slots need their contact column: a lone "frequency 2" is not a slot
        self.slots = {n: s for n, s in sorted(self.slots.items()) if "contact" in s}

    def _refuse_labels_joined_by_spaces(self, j: int) -> None:
        """A select_multiple exported with labels and no 0/1 columns: its labels are joined
        by spaces, which no reading can cut back into names (``Mairie de Plaisance Vélo
        Plaisance``). Refused when a cell is two or more of the column's or the respondents'
        names in a row."""
        known = {normalize_text(c) for c in self._column(j) if c}
        for k in self.who.values():
            known.update(normalize_text(c) for c in self._column(k) if c)
        for row, line in zip(self.table.rows, self.table.lines, strict=True):
            words = normalize_text(row[j]).split()
            if len(words) >= 2 and _pieces(words, known - {" ".join(words)}) >= 2:
                header = self.table.header[j]
                raise InputError(Message.of(
                    N_('the answers of "{header}" are the labels of several choices joined by '
                       'spaces ("{value}"): they cannot be cut back into names. Export the data '
                       'again with "{option}" (one 0/1 column per choice), or with "{other}"'),
                    header=header, value=row[j],
                    option="Export Select Many questions as: Single and separate columns",
                    other="Value and header format: XML values and headers"),
                    path=self.table.path, line=line, column=header, value=row[j])

    def _column(self, j: int) -> list[str]:
        return [row[j] for row in self.table.rows]

    @property
    def names_partners(self) -> bool:
        return bool(self.slots or self.multi or "contact" in self.single)

    def nominations(self, row: list[str], line: int, who: dict[str, str]) -> list[Nomination]:
        found: list[Nomination] = []
        if "contact" in self.single and row[self.single["contact"]]:
            values = {r: row[j] for r, j in self.single.items() if r != "contact" and row[j]}
            found.append(Nomination(line, who, row[self.single["contact"]], values))
        for slot in self.slots.values():
            if row[slot["contact"]]:
                values = {r: row[j] for r, j in slot.items() if r != "contact" and row[j]}
                found.append(Nomination(line, who, row[slot["contact"]], values))
        for j, options in self.multi.items():
            if options:
                chosen = [o for o, k in options if normalize_text(row[k]) in ("1", "true", "yes")]
            else:
                chosen = row[j].split()
            found.extend(Nomination(line, who, o) for o in chosen)
        return merge_nominations(found)


# --------------------------------------------------------------------------- repeat groups

def _repeat_tables(table: CsvTable, path: str | PathLike[str] | None,
                   flavour: str) -> list[CsvTable]:
    """The repeat groups' tables beside the main one: other sheets, sibling files, zip members."""
    if path is None:
        return []
    out: list[CsvTable] = []
    if flavour == "kobo" and is_workbook(path):
        main_sheet = table.path.rsplit(" [", 1)[-1].rstrip("]") if " [" in table.path else None
        for name in sheet_names(path):
            if name == main_sheet:
                continue
            sheet = read_sheet(path, name)
            if "_parent_index" in sheet.header or "_submission__uuid" in sheet.header:
                out.append(sheet)
    elif flavour == "odk" and is_zip(path):
        member = table.path.rsplit(" [", 1)[-1].rstrip("]")
        for name in zip_csv_members(path):
            if name != member:
                sheet = read_zip_member(path, name)
                if "PARENT_KEY" in sheet.header:
                    out.append(sheet)
    elif not is_workbook(path) and not is_zip(path):
        # an export unzipped into a folder: the files whose main file this one is
        p = Path(path)
        for sibling in repeat_files_of(p):
            out.append(read_table(sibling))
    return out


def repeat_files_of(path: str | PathLike[str]) -> list[Path]:
    """The repeat groups' files of an unzipped KoboToolbox / ODK export beside its main file.

    A file is a repeat group of ``path`` when :func:`main_file_of` says so
    (a repeat group of a repeat group counts too: its rows are not read, and
    the report says so). Sorted by name.
    """
    p = Path(path)
    if not p.is_file():
        return []
    return [q for q in sorted(p.parent.iterdir())
            if q != p and q.is_file() and q.suffix.lower() == p.suffix.lower()
            and main_file_of(q, root=True) == p]


def _xml_names_note(rows: Sequence[Nomination]) -> list[Message]:
    """Say so when the partners are the form's choice names (``mairie_de_plaisance``)."""
    names = sorted({n.contact for n in rows if n.contact and _XML_NAMES.match(n.contact)
                    and "_" in n.contact})
    if not names:
        return []
    return [Message.of(
        N_("partners named by the form's XML choice names ({names}...): the actor registry "
           "(actors=) gives them their names, whatever the case, accents and underscores; or "
           "export with the labels ({option})"),
        names=", ".join(names[:3]), option="Value and header format: Labels")]


def _parent_keys(repeat: CsvTable, main: CsvTable) -> tuple[list[str], dict[str, int]] | None:
    """Each repeat row's parent key, and the main rows by key (uuid, KEY or _index)."""
    pairs = (("_submission__uuid", "_uuid"), ("PARENT_KEY", "KEY"), ("_parent_index", "_index"))
    for child, parent in pairs:
        if child in repeat.header and parent in main.header:
            j, k = repeat.header.index(child), main.header.index(parent)
            keys = [row[j].removeprefix("uuid:") if child != "_parent_index" else row[j]
                    for row in repeat.rows]
            by_key = {(row[k].removeprefix("uuid:") if parent != "_index" else row[k]): i
                      for i, row in enumerate(main.rows)}
            return keys, by_key
    return None


def _head(p: Path) -> tuple[list[str], list[str]]:
    """The header and first data row of a CSV file, from its first bytes only (a folder's
    every file is looked at: never the whole file)."""
    with p.open("rb") as f:  # never the whole file: a folder may hold big ones
        text = f.read(65536).decode("utf-8", "replace").lstrip("\ufeff")
    lines = text.splitlines()[:2]
    if not lines:
        return [], []
    # KoboToolbox writes ";" by default, ODK ","; the separator giving most columns wins
    sep = max((",", ";", "\t"), key=lambda c: lines[0].count(c))
    rows = list(csv.reader(lines, delimiter=sep))
    return rows[0], (rows[1] if len(rows) > 1 else [])


def main_file_of(path: str | PathLike[str], *, root: bool = False) -> Path | None:
    """The main file of a KoboToolbox / ODK repeat group's file beside it, else None.

    An export unzipped into a folder gives one file per repeat group beside
    the main one:

    * ODK Central and ODK Briefcase: ``form.csv`` and ``form-contacts.csv``
      (``form-group-contacts.csv`` for a repeat inside a group), whose rows
      carry ``PARENT_KEY`` (getodk/briefcase, ``docs/export-format.md``);
    * KoboToolbox's legacy (KoBoCAT) and Ona's zipped CSV: ``form.csv`` and
      ``contacts.csv``, whose rows carry ``_parent_table_name`` (the main
      section's name, the main file's name) and ``_parent_index``; a repeat
      group's sheet saved as ``form-contacts.csv`` is found too.

    ``root=True``: for a repeat group inside a repeat group, the survey's main
    file (not the outer repeat group's). A folder reader
    (:func:`alliances.load`) uses this to take the files as one survey, not
    several.

    Examples
    --------
    >>> main_file_of("no/such/form-contacts.csv") is None
    True
    """
    p = Path(path)
    if not p.is_file() or p.suffix.lower() not in (".csv", ".tsv", ".txt"):
        return None
    header, first = _head(p)
    main = None
    if "PARENT_KEY" in header:
        # the parent's rows carry the KEY its PARENT_KEY points at
        main = _main_by_prefix(p, needs=("KEY",))
    elif "_parent_table_name" in header and "_parent_index" in header:
        j = header.index("_parent_table_name")
        parent = first[j].strip() if j < len(first) else ""
        if parent:  # the main file's rows leave it blank
            by_name = p.with_name(parent.replace("/", "_") + p.suffix)
            main = (by_name if by_name != p and _has_columns(by_name, ("_index",))
                    else _main_by_prefix(p, needs=("_index",)))
    if main is not None and root:
        seen = {p}
        while (up := main_file_of(main)) is not None and up not in seen:
            seen.add(main)
            main = up
    return main


def _has_columns(p: Path, needs: Sequence[str]) -> bool:
    return p.is_file() and set(needs) <= set(_head(p)[0])


def _main_by_prefix(p: Path, needs: Sequence[str]) -> Path | None:
    """``form.csv`` for ``form-contacts.csv``: the longest prefix at a ``-`` naming a file
    with the columns the repeat rows point at (``needs``); a hand-made ``enquete.csv``
    beside an ``enquete-contacts.csv`` is no such pair."""
    parts = p.stem.split("-")
    for cut in range(len(parts) - 1, 0, -1):
        main = p.with_name("-".join(parts[:cut]) + p.suffix)
        if _has_columns(main, needs):
            return main
    return None


# --------------------------------------------------------------------------- recognise

def recognise(table: CsvTable, *, path: str | PathLike[str] | None = None,
              columns: Mapping[str, str] | None = None) -> Recognition | None:
    """A KoboToolbox or ODK export turned into the long layout (repeat groups joined); else None.

    Raises
    ------
    InputError
        When a repeat group's sheet or file is given alone (its rows do not
        say who answered): the message names the main file to give instead.
    """
    flavour = _flavour(table.header, table.rows)
    if flavour is None:
        return None
    if flavour.endswith("repeat"):
        main = main_file_of(path, root=True) if path is not None else None
        here = (Message.of(N_("; here: {call}, or {load} on its folder"),
                           call=f"read_survey({str(main)!r})", load="alliances.load()")
                if main is not None else "")
        raise InputError(Message.of(
            N_("this is a repeat group's sheet or file of a KoboToolbox / ODK export: its rows "
               "do not say who answered. Give the main file (the .xlsx workbook, the main CSV "
               "file beside this one, or the export's .zip): its repeat groups are joined to "
               "their respondent{here}"), here=here), path=table.path, line=table.header_line)
    sep = "/" if flavour == "kobo" else "-"
    tool = "KoboToolbox" if flavour == "kobo" else "ODK Central"
    main = _Fields(table, sep, columns)
    tool = Message.of(N_("{tool} (labels as headers)") if main.labels
                      else N_("{tool} (XML names as headers)"), tool=tool)
    roles = dict(main.roles)
    notes: list[Message] = []
    who_headers = {r: table.header[j] for r, j in main.who.items()}
    answers = [{r: row[j] for r, j in main.who.items()} for row in table.rows]

    joined: list[tuple[CsvTable, _Fields]] = []
    for repeat in _repeat_tables(table, path, flavour):
        fields = _Fields(repeat, sep, columns)
        if fields.names_partners:
            joined.append((repeat, fields))
        else:
            notes.append(Message.of(N_("repeat group {name} names no partner: not read"),
                                    name=repeat.name))

    if "organisation" not in main.who and "respondent" not in main.who:
        if joined:
            raise InputError(Message.of(
                N_("no question of this export says who answered (their organisation or name); "
                   "columns found: {columns}. Name the field after the organisation "
                   "(nom_structure, organisation...) in the form, or give the main sheet with "
                   'the respondent\'s column renamed "organisation"'),
                columns=", ".join(h for h in table.header if roles.get(h) != "metadata")),
                path=table.path, line=table.header_line)
        return Recognition(tool=tool, table=table, roles=roles, fill_down=False,
                           notes=[Message.of(N_("{tool} export handed to the survey reader as "
                                                "it is: no question says who answered"),
                                             tool=tool)])

    headers: dict[str, str] = dict(who_headers)
    if joined:
        repeat, fields = joined[0]
        for extra, _ in joined[1:]:
            notes.append(Message.of(
                N_("repeat group {name} not joined: only one repeat group of partners is read "
                   "(that of {read})"), name=extra.name, read=repeat.name))
        if main.names_partners:
            notes.append(Message.of(N_("partners of the main sheet not read: those of the "
                                       "repeat group {name} are"), name=repeat.name))
        for r, j in fields.single.items():
            headers.setdefault(r, repeat.header[j])
        for slot in fields.slots.values():
            for r, j in slot.items():
                headers.setdefault(r, _SLOT.sub(r"\g<base>", _last(repeat.header[j], sep)))
        for h, role in fields.roles.items():
            roles[f"{repeat.name}: {h}"] = role
        keyed = _parent_keys(repeat, table)
        if keyed is None:
            raise InputError(Message.of(
                N_("the repeat group {name} has no column linking its rows to the main sheet "
                   "({columns}); export again with the default options"), name=repeat.name,
                columns="_submission__uuid, _parent_index or PARENT_KEY"),
                path=repeat.path, line=repeat.header_line)
        keys, by_key = keyed
        rows: list[Nomination] = []
        seen: set[int] = set()
        orphans = 0
        for row, line, key in zip(repeat.rows, repeat.lines, keys, strict=True):
            i = by_key.get(key)
            if i is None:
                orphans += 1  # no respondent: said below, never attached to another one
                continue
            seen.add(i)
            rows.extend(fields.nominations(row, line, answers[i]) or
                        [Nomination(line, answers[i])])
        alone = [table.lines[i] for i in range(len(table.rows)) if i not in seen]
        notes.append(Message.of(
            N_("repeat group {name} joined to {main}: {n} rows, each with its respondent's "
               "answers; line numbers are those of {name}"),
            name=repeat.name, main=table.name, n=len(repeat.rows)))
        if orphans:
            notes.append(Message.of(
                N_("{n} rows of {name} have no respondent in {main} (their key is not in it): "
                   "not read, not counted as rows read"),
                n=orphans, name=repeat.name, main=table.name))
        if alone:
            shown = ", ".join(map(str, alone[:10])) + (" ..." if len(alone) > 10 else "")
            notes.append(Message.of(
                N_("{n} respondent(s) of {main} (line {lines}) named no partner in {name}: they "
                   "are in the graph only if the actor registry lists them"),
                n=len(alone), main=table.name, lines=shown, name=repeat.name))
        headers.setdefault("contact", "contact")
        return long_recognition(tool, repeat, path=repeat.path, headers=headers, rows=rows,
                                roles=roles, notes=notes + _xml_names_note(rows),
                                respondents=len(table.rows))

    if not main.names_partners:
        return Recognition(tool=tool, table=table, roles=roles, fill_down=False,
                           notes=[Message.of(N_("{tool} export handed to the survey reader as "
                                                "it is: no question names partners"),
                                             tool=tool)])
    for r, j in main.single.items():
        headers.setdefault(r, table.header[j])
    for slot in main.slots.values():
        for r, j in slot.items():
            headers.setdefault(r, _SLOT.sub(r"\g<base>", _last(table.header[j], sep)))
    for j in main.multi:
        if j >= 0:
            headers.setdefault("contact", table.header[j])
    headers.setdefault("contact", "contact")
    rows = []
    for row, line, answer in zip(table.rows, table.lines, answers, strict=True):
        rows.extend(main.nominations(row, line, answer) or [Nomination(line, answer)])
    return long_recognition(tool, table, path=table.path, headers=headers, rows=rows,
                            roles=roles, notes=notes + _xml_names_note(rows),
                            respondents=len(table.rows))
