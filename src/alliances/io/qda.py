"""Coded interviews from qualitative-analysis software, recognised and cut into mentions.

Issue 13, section 4. Interviews are coded in MAXQDA, ATLAS.ti, Taguette,
QualCoder or NVivo, not typed into a one-row-per-mention table. This module
recognises each tool's export from its headers and turns it into
:class:`Segment` records (one coded passage of one document: the actors
coded on it, the relation and tone codes, the quote and its position), which
:func:`alliances.read_interviews` turns into ties. It reads:

* **MAXQDA** "coded segments" export (Retrieved Segments -> Export), English
  (``Color, Comment, Document group, Document name, Code, Beginning, End,
  Weight score, Segment, ...``) or German headers (``Farbe, Kommentar,
  Dokumentgruppe, Dokumentname, Code, Anfang, Ende, Gewicht, Segment``): one
  row per coding, code paths ``Acteurs cités > Vélo Plaisance``; the codings
  of one passage (same document, beginning, end and text) are one segment.
* **ATLAS.ti** Quotation Manager export (``ID, Quotation Name, Document,
  Document Groups, Quotation Content, Comment, Codes, Reference, ...``): one
  row per quotation, its codes in one cell, one per line.
* **Taguette** highlights CSV (``id, document, tag, content``): one row per
  highlight and tag; the rows of one highlight id are one segment.
* **QualCoder** coding report CSV (``File, Coder, Coded, Id, Codename,
  Coded_Memo, Category...``): one row per coding, the code's categories in
  the ``Category`` columns (immediate parent first); the codings of the same
  text in the same file are one segment.
* **NVivo** matrix coding query exported to Excel: cases in rows
  (``1 : E01_Mairie``), codes in columns (``A : Vélo Plaisance``), counts of
  coding references in the cells. A matrix has no passage, so no quote and
  no relation or tone per mention: each non-zero cell is one ``mention`` tie
  whose ``mentions`` is the count.

Which code says which actor, relation or tone (:func:`code_role`): the
user's ``codes=`` first, then the group the code sits in (``Acteurs cités``,
``Type de relation``, ``Tonalité``... in English, French and German), then
the code itself: a name or alias of the registry is an actor, a word of the
relation vocabulary (:func:`alliances.model.canonical_relation`) a relation,
a tone word a tone. A code that is none of these is reported, never turned
into an actor.

The interviewee is not in these files: it is in the document (or case)
name. :func:`document_key` says when two spellings are one document
(``E01_Mairie_CMartin`` and ``E01_Mairie_CMartin.docx``);
:func:`match_documents` finds the documents whose name holds exactly one
known actor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from alliances.i18n import N_, Message
from alliances.io.csvfile import CsvTable, parse_number
from alliances.model import RELATIONS, canonical_relation, normalize_text

__all__ = ["CODE_GROUPS", "CODE_ROLES", "QdaExport", "Segment", "code_role", "document_key",
           "match_documents", "recognise"]

#: The roles a code (or a group of codes) can play, for ``codes=``.
CODE_ROLES: tuple[str, ...] = ("actor", "relation", "tone", "ignore")

#: Group (parent code, code category, code prefix) names -> role, compared
#: after :func:`alliances.model.normalize_text`.
CODE_GROUPS: dict[str, str] = {
    **dict.fromkeys((
        "actors", "actor", "acteurs", "acteur", "acteurs cites", "acteur cite",
        "acteurs mentionnes", "acteur mentionne", "stakeholders", "stakeholder",
        "parties prenantes", "partie prenante", "organisations", "organizations",
        "organisation", "organization", "structures", "structure", "actors mentioned",
        "mentioned actors", "akteure", "akteur", "act", "acteurs du territoire",
    ), "actor"),
    **dict.fromkeys((
        "relations", "relation", "type de relation", "types de relation",
        "type de relations", "nature de la relation", "relationship", "relationships",
        "relation type", "type of relation", "ties", "liens", "lien", "beziehungen",
        "beziehung", "rel",
    ), "relation"),
    **dict.fromkeys((
        "tone", "tones", "ton", "tonalite", "tonalites", "sentiment", "sentiments",
        "polarite", "polarity", "valence", "evaluation", "bewertung", "tonalitat",
    ), "tone"),
}

# Extensions of the documents QDA tools code: ``E01.docx`` and ``E01`` are one document.
_DOC_SUFFIXES = frozenset({
    ".docx", ".doc", ".odt", ".rtf", ".txt", ".pdf", ".html", ".htm", ".md", ".mx22",
    ".mp3", ".mp4", ".wav", ".m4a", ".ogg", ".mov", ".avi", ".jpg", ".jpeg", ".png",
    ".xlsx", ".csv", ".epub",
})
# separators that always mean a hierarchy (MAXQDA ``>``, MAXQDA / NVivo ``\``)
_HIERARCHY = re.compile(r"\s*(?:>|\\)\s*")
# separators that mean a prefix only when the prefix is a known group (names hold them too)
_PREFIX = re.compile(r"\s*(?:::|:|/|\|)\s*|\.(?=\S)|_")
_NVIVO_COLUMN = re.compile(r"^\s*([A-Z]{1,3})\s*:\s*(.+?)\s*$")
_NVIVO_ROW = re.compile(r"^\s*(\d+)\s*:\s*(.+?)\s*$")


def document_key(name: str) -> str:
    """The key under which a document name is matched (folders, extension, case, accents ignored).

    Examples
    --------
    >>> document_key("E01_Mairie_CMartin.docx") == document_key("e01 mairie cmartin")
    True
    >>> document_key("Entretiens/E02.txt")
    'e02'
    """
    text = str(name).strip()
    text = re.split(r"[\\/]", text)[-1]
    suffix = PurePath(text).suffix
    if suffix.lower() in _DOC_SUFFIXES:
        text = text[: -len(suffix)]
    return normalize_text(text)


@dataclass
class Segment:
    """One coded passage of one document, with the codes gathered on it.

    Attributes
    ----------
    document : str
        The document (NVivo: the case) as the export writes it.
    line : int
        The file's line of the passage's first coding (the evidence's line).
    lines : list of int
        Every line of the file that holds a coding of this passage.
    position : str
        Where the passage is in its document, as the tool says it
        (MAXQDA ``Beginning-End``, ATLAS.ti quotation ID and reference,
        Taguette highlight id, QualCoder coding id, NVivo column).
    quote : str
        The passage's text ("" when the export has none).
    actors, relations, tones : list of str
        The codes (leaf names) that play each role, in the file's order.
    count : int
        The number of mentions (1; NVivo: the matrix cell's count).
    """

    document: str
    line: int
    lines: list[int] = field(default_factory=list)
    position: str = ""
    quote: str = ""
    actors: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    tones: list[str] = field(default_factory=list)
    count: int = 1


@dataclass
class QdaExport:
    """A QDA tool's export, recognised and cut into segments.

    Attributes
    ----------
    tool : str
        The tool and export, for the report (``"MAXQDA coded segments (English)"``).
    segments : list of Segment
        The coded passages, in the file's order.
    lines : list of int
        Every data line of the export, in order (for the report's accounting).
    unused : dict
        ``{line: reason}`` for the lines that hold no actor, relation or tone
        code at all (an unknown or ignored code, an empty code cell).
    roles : dict
        ``{header: role}`` (``document``, ``code``, ``quote``, ``position``,
        ``metadata``), for the import report.
    left_out : dict
        ``{code as written: (line, reason)}``: the codes not used (not an
        actor, relation or tone; or ``ignore``), each with its first line.
    matrix : bool
        True for a matrix (NVivo): segments are cells, without quote.
    notes : list of (int, str)
        ``(line, sentence)`` for the report: relation or tone codes of a
        passage carried to the actor passages it holds (see :func:`recognise`).
    code_column : str or None
        The header of the codes, for problems.
    """

    tool: str
    segments: list[Segment]
    lines: list[int]
    unused: dict[int, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    left_out: dict[str, tuple[int, str]] = field(default_factory=dict)
    matrix: bool = False
    code_column: str | None = None
    notes: list[tuple[int, str]] = field(default_factory=list)


# --------------------------------------------------------------------------- codes

def _user_roles(codes: Mapping[str, str] | None) -> dict[str, str]:
    if not codes:
        return {}
    out = {}
    for key, role in codes.items():
        if role not in CODE_ROLES:
            raise ValueError(f'codes={{"{key}": {role!r}}}: the role must be one of '
                             f"{', '.join(repr(r) for r in CODE_ROLES)}")
        out[normalize_text(str(key))] = role
    return out


def code_role(code: str, groups: Sequence[str] = (), *, codes: Mapping[str, str] | None = None,
              is_actor: Callable[[str], bool] = lambda name: False,
              tones: Mapping[str, int] | None = None) -> tuple[str | None, str, str]:
    """The role a code plays, its leaf name and the group that decided it.

    Parameters
    ----------
    code : str
        The code as the export writes it (a path ``Acteurs > Mairie`` or
        ``Acteur: Mairie`` included).
    groups : sequence of str
        Parent codes or categories the export gives apart from the code
        (QualCoder's ``Category`` columns), nearest first.
    codes : dict, optional
        ``{group, prefix or code: "actor" | "relation" | "tone" | "ignore"}``:
        the user's word, first.
    is_actor : callable
        True for a name or alias of the actor registry.
    tones : dict, optional
        Tone words (normalised) -> sign.

    Returns
    -------
    tuple
        ``(role or None, leaf, why)``: ``None`` when nothing says what the
        code is; ``why`` names the group or rule that decided.

    Examples
    --------
    >>> code_role("Acteurs cités > Vélo Plaisance")
    ('actor', 'Vélo Plaisance', 'group "Acteurs cités"')
    >>> code_role("Conflit")
    ('relation', 'Conflit', 'relation vocabulary')
    >>> code_role("Mobilité douce")
    (None, 'Mobilité douce', '')
    >>> code_role("Collab", codes={"collab": "relation"})
    ('relation', 'Collab', 'codes= "collab"')
    """
    user = _user_roles(codes)
    text = " ".join(str(code).split())
    parts = [p for p in _HIERARCHY.split(text) if p]
    leaf = parts[-1] if parts else text
    ancestors = [*reversed(parts[:-1]), *groups]  # nearest first
    key = normalize_text(text)
    if key in user:
        return user[key], leaf, f'codes= "{key}"'
    for group in ancestors:
        g = normalize_text(group)
        if g in user:
            return user[g], leaf, f'codes= "{g}"'
    if len(parts) == 1:
        # a prefix (``Acteur: Mairie``, ``REL_conflit``) counts only when it is a known group
        for m in _PREFIX.finditer(text):
            prefix, rest = text[:m.start()].strip(), text[m.end():].strip()
            p = normalize_text(prefix)
            if prefix and rest and (p in user or p in CODE_GROUPS):
                role = user.get(p) or CODE_GROUPS[p]
                return role, rest, (f'codes= "{p}"' if p in user else f'prefix "{prefix}"')
    for group in ancestors:
        g = normalize_text(group)
        if g in CODE_GROUPS:
            return CODE_GROUPS[g], leaf, f'group "{group}"'
    lk = normalize_text(leaf)
    if is_actor(leaf):
        return "actor", leaf, "actor registry"
    if canonical_relation(leaf) in RELATIONS:
        return "relation", leaf, "relation vocabulary"
    if tones is not None and (lk in tones or leaf.strip() in tones):
        return "tone", leaf, "tone vocabulary"
    return None, leaf, ""


# --------------------------------------------------------------------------- recognition

def _headers(table: CsvTable) -> dict[str, int]:
    out: dict[str, int] = {}
    for j, h in enumerate(table.header):
        out.setdefault(normalize_text(h), j)
    return out


def recognise(table: CsvTable, *, codes: Mapping[str, str] | None = None,
              is_actor: Callable[[str], bool] = lambda name: False,
              tones: Mapping[str, int] | None = None,
              documents: Collection[str] | None = None) -> QdaExport | None:
    """The QDA export ``table`` is, cut into segments; None when it is none of them.

    Parameters
    ----------
    table : CsvTable
        The file as read (:func:`alliances.io.workbook.read_any`).
    codes, is_actor, tones
        See :func:`code_role`.
    documents : collection of str, optional
        The documents the user named (:func:`document_key` of each): an
        NVivo matrix whose columns they name has its cases in columns.

    Returns
    -------
    QdaExport or None

    Notes
    -----
    Coders often put the actor code on a few words and the tone or relation
    code on the whole sentence or paragraph. In the exports with one row per
    coding (MAXQDA, QualCoder), a passage coded with a relation or tone but no
    actor gives its codes to the actor passages of the same document whose
    text it holds or is held in (and, for MAXQDA, whose paragraphs overlap),
    when these have no relation (tone) of their own; each such move is a
    note of the report. A relation or tone passage that holds no actor
    passage is skipped and reported.
    """
    h = _headers(table)
    _user_roles(codes)  # a wrong role is refused before any reading
    memo: dict[tuple[str, tuple[str, ...]], tuple[str | None, str, str]] = {}

    def role(code: str, groups: Sequence[str] = ()) -> tuple[str | None, str, str]:
        # the same few codes come back on every row
        key = (code, tuple(groups))
        if key not in memo:
            memo[key] = code_role(code, groups, codes=codes, is_actor=is_actor, tones=tones)
        return memo[key]
    if {"document name", "code", "segment"} <= h.keys():
        return _per_coding(table, Message.of(N_("MAXQDA coded segments (English)")), h, role,
                           doc="document name", code="code", quote="segment",
                           begin="beginning", end="end")
    if {"dokumentname", "code", "segment"} <= h.keys():
        return _per_coding(table, Message.of(N_("MAXQDA coded segments (German)")), h, role,
                           doc="dokumentname", code="code", quote="segment",
                           begin="anfang", end="ende")
    if {"quotation content", "codes", "document"} <= h.keys():
        return _atlas(table, h, role)
    if {"id", "document", "tag", "content"} <= h.keys() and len(h) <= 5:
        return _per_coding(table, Message.of(N_("Taguette highlights")), h, role,
                           doc="document", code="tag", quote="content", ident="id")
    if {"file", "coder", "coded", "codename"} <= h.keys():
        return _per_coding(table, Message.of(N_("QualCoder coding report")), h, role, doc="file",
                           code="codename", quote="coded", position_col="id",
                           categories=[j for k, j in sorted(h.items(), key=lambda kv: kv[1])
                                       if k.startswith("category")])
    return _nvivo(table, role, documents)


_NO_DOCUMENT = Message.of(N_("no document name: no interviewee to attach the codes to"))


def _metadata_roles(table: CsvTable, used: Mapping[int, str]) -> dict[str, str]:
    return {head: used.get(j, "metadata") for j, head in enumerate(table.header)}


def _classify(export: QdaExport, seg: Segment, code: str, line: int, role: Callable,
              groups: Sequence[str] = ()) -> bool:
    """Put one code on its segment; False (and noted) when it plays no role."""
    if not code.strip():
        return False
    kind, leaf, why = role(code, groups)
    if kind == "actor":
        seg.actors.append(leaf)
    elif kind == "relation":
        seg.relations.append(leaf)
    elif kind == "tone":
        seg.tones.append(leaf)
    else:
        if code not in export.left_out:
            if kind == "ignore":
                reason = Message.of(N_("code set aside ({why}: ignore)"), why=why)
            else:
                reason = Message.of(
                    N_("neither an actor of the registry, nor a relation, nor a tone, and in no "
                       "group that says so: not used (say what it is with {option}, or {roles})"),
                    option=f'codes={{"{_group_hint(code, groups)}": "ignore"}}',
                    roles='"actor", "relation", "tone"')
            export.left_out[code] = (line, reason)
        return False
    return True


def _group_hint(code: str, groups: Sequence[str]) -> str:
    parts = [p for p in _HIERARCHY.split(" ".join(code.split())) if p]
    if len(parts) > 1:
        return parts[0]
    if groups:
        return groups[-1]
    return parts[0] if parts else code


def _per_coding(table: CsvTable, tool: str, h: Mapping[str, int], role: Callable, *,
                doc: str, code: str, quote: str, begin: str | None = None,
                end: str | None = None, ident: str | None = None,
                position_col: str | None = None,
                categories: Sequence[int] = ()) -> QdaExport:
    """One row per coding (MAXQDA, Taguette, QualCoder): rows gathered per passage."""
    jd, jc, jq = h[doc], h[code], h[quote]
    jb = h.get(begin) if begin else None
    je = h.get(end) if end else None
    ji = h.get(ident) if ident else None
    jp = h.get(position_col) if position_col else None
    export = QdaExport(tool, [], list(table.lines), code_column=table.header[jc])
    used = {jd: "document", jc: "code", jq: "quote"}
    for j in (jb, je, ji, jp):
        if j is not None:
            used[j] = "position"
    for j in categories:
        used[j] = "code group"
    export.roles = _metadata_roles(table, used)
    by_key: dict[tuple, Segment] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        document = row[jd].strip()
        if ji is not None:
            key: tuple = (document, row[ji].strip())
            position = f"highlight {row[ji].strip()}"
        else:
            b = row[jb].strip() if jb is not None else ""
            e = row[je].strip() if je is not None else ""
            # the same passage coded twice: same document, place and text
            key = (document, b, e, " ".join(row[jq].split()))
            position = (f"{b}-{e}" if b and e and b != e else b or e)
            if not position and jp is not None:
                position = row[jp].strip()
        if not document:
            export.unused[line] = _NO_DOCUMENT
            continue
        seg = by_key.get(key)
        if seg is None:
            seg = by_key[key] = Segment(document, line, [], position, row[jq].strip())
            export.segments.append(seg)
        seg.lines.append(line)
        groups = [row[j].strip() for j in categories if row[j].strip()]
        if not _classify(export, seg, row[jc], line, role, groups):
            export.unused[line] = _unused_reason(row[jc], export)
    _carry_to_actor_passages(export, by_key if ji is None else {})
    return export


def _span(key: tuple) -> tuple[float, float] | None:
    b = parse_number(key[1]) if len(key) > 2 and key[1] else None
    e = parse_number(key[2]) if len(key) > 2 and key[2] else None
    if b is None:
        return None if e is None else (e, e)
    return (b, b if e is None else e)


def _carry_to_actor_passages(export: QdaExport, by_key: Mapping[tuple, Segment]) -> None:
    """Relation and tone codes of a wider (or narrower) passage go to its actor passages."""
    spans = {id(seg): _span(key) for key, seg in by_key.items()}
    hosts: dict[str, list[Segment]] = {}
    for seg in export.segments:
        if seg.actors and seg.quote:
            hosts.setdefault(seg.document, []).append(seg)
    moved = []
    for seg in export.segments:
        if seg.actors or not (seg.relations or seg.tones) or not seg.quote:
            continue
        text = " ".join(seg.quote.split())
        span = spans.get(id(seg))
        found = []
        for host in hosts.get(seg.document, ()):
            other = " ".join(host.quote.split())
            if other not in text and text not in other:
                continue
            hspan = spans.get(id(host))
            if span and hspan and (hspan[1] < span[0] or span[1] < hspan[0]):
                continue
            found.append(host)
        # the nearer code wins: a passage keeps its own relation and tone
        found = [h for h in found if (seg.relations and not h.relations)
                 or (seg.tones and not h.tones)]
        if not found:
            continue
        for host in found:
            if seg.relations and not host.relations:
                host.relations.extend(seg.relations)
            if seg.tones and not host.tones:
                host.tones.extend(seg.tones)
            host.lines.extend(seg.lines)
        where = ", ".join(str(h.line) for h in found)
        export.notes.append((seg.line, Message.ngettext(
            "the relation or tone codes of this passage go to the actor passage it holds or is "
            "part of (line {lines})",
            "the relation or tone codes of this passage go to the actor passages it holds or is "
            "part of (lines {lines})", len(found), lines=where)))
        moved.append(seg)
    if moved:
        gone = {id(seg) for seg in moved}
        export.segments[:] = [seg for seg in export.segments if id(seg) not in gone]


def _unused_reason(code: str, export: QdaExport) -> Message:
    if not code.strip():
        return Message.of(N_("no code on this row"))
    return Message.of(N_('code "{code}": {reason}'), code=" ".join(code.split()),
                      reason=export.left_out[code][1])


def _atlas(table: CsvTable, h: Mapping[str, int], role: Callable) -> QdaExport:
    """ATLAS.ti Quotation Manager: one row per quotation, its codes one per line of a cell."""
    jd, jc, jq = h["document"], h["codes"], h["quotation content"]
    ji, jr = h.get("id"), h.get("reference")
    export = QdaExport(Message.of(N_("ATLAS.ti Quotation Manager")), [], list(table.lines),
                       code_column=table.header[jc])
    used = {jd: "document", jc: "code", jq: "quote"}
    for j in (ji, jr):
        if j is not None:
            used[j] = "position"
    export.roles = _metadata_roles(table, used)
    for row, line in zip(table.rows, table.lines, strict=True):
        document = row[jd].strip()
        if not document:
            export.unused[line] = _NO_DOCUMENT
            continue
        position = " ".join(p for p in ((row[ji].strip() if ji is not None else ""),
                                        (row[jr].strip() if jr is not None else "")) if p)
        seg = Segment(document, line, [line], position, row[jq].strip())
        cells = [c for c in re.split(r"\r\n|\r|\n", row[jc]) if c.strip()]
        played = [_classify(export, seg, c, line, role) for c in cells]
        if not any(played):
            export.unused[line] = (_unused_reason(cells[0], export) if cells
                                   else Message.of(N_("no code on this quotation")))
            continue
        export.segments.append(seg)
    return export


def _nvivo(table: CsvTable, role: Callable,
           documents: Collection[str] | None = None) -> QdaExport | None:
    """NVivo matrix coding query: cases in rows (``1 : name``), codes in columns (``A : name``).

    A matrix run the other way round (codes in rows, cases in columns) is read
    as such when ``documents`` (the keys of ``documents=``) name its columns
    rather than its rows.
    """
    columns = {j: m.group(2) for j, head in enumerate(table.header)
               if j and (m := _NVIVO_COLUMN.match(head))}
    if not columns or not table.rows:
        return None
    labels = [_NVIVO_ROW.match(row[0]) for row in table.rows]
    if sum(m is not None for m in labels) < max(1, len(labels) // 2):
        return None
    export = QdaExport(Message.of(N_("NVivo matrix coding query")), [], list(table.lines),
                       matrix=True, code_column=None)
    rows = {i: m.group(2) for i, m in enumerate(labels) if m is not None}
    keys = set(documents or ())
    transposed = bool(keys) and (sum(document_key(c) in keys for c in columns.values())
                                 > sum(document_key(r) in keys for r in rows.values()))
    if transposed:
        export.tool = Message.of(N_("{tool} (cases in columns)"), tool=export.tool)
    codes = rows if transposed else columns
    actors: dict[int, str] = {}
    for k, name in codes.items():
        kind, leaf, _ = role(name)
        if kind == "actor":
            actors[k] = leaf
            continue
        label = table.rows[k][0] if transposed else table.header[k]
        export.left_out.setdefault(label, (
            table.lines[k] if transposed else table.header_line,
            Message.of(N_("a matrix does not say which actor a relation or tone count goes "
                          "with: not used"))
            if kind in ("relation", "tone") else
            Message.of(N_("code set aside (ignore)")) if kind == "ignore" else
            Message.of(N_("not an actor of the registry and in no group that says so: not used "
                          "({option} to read it as one)"),
                       option=f'codes={{"{name}": "actor"}}')))
    if transposed:
        export.roles = _metadata_roles(table, {0: "code", **dict.fromkeys(columns, "document")})
    else:
        export.roles = _metadata_roles(table, {0: "document", **{
            j: "code" if j in actors else "code not used" for j in columns}})
    for i, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        if i not in rows:
            export.unused[line] = Message.of(
                N_('"{label}" is not a matrix row label ("1 : name"): not read'), label=row[0])
            continue
        if transposed and i not in actors:
            export.unused[line] = Message.of(N_('"{label}" is not an actor code: row not used'),
                                             label=row[0])
            continue
        made = False
        for j in columns:
            if not transposed and j not in actors:
                continue
            cell = row[j].strip()
            value = parse_number(cell) if cell else 0.0
            if value is None or value < 0 or value != int(value):
                # the cell named by its row and column labels (NVivo numbers them: unique),
                # words of no language
                export.left_out.setdefault(f"{row[0]} / {table.header[j]}", (
                    line, Message.of(N_('"{cell}" is not a count of coding references: cell '
                                        "not used"), cell=cell)))
                continue
            if value:
                case, actor = (columns[j], actors[i]) if transposed else (rows[i], actors[j])
                where = row[0] if transposed else table.header[j]
                export.segments.append(Segment(case, line, [line], where, "", [actor],
                                               count=int(value)))
                made = True
        if not made:
            export.unused[line] = Message.of(N_("no mention counted in this row"))
    return export


# --------------------------------------------------------------------------- documents

def match_documents(documents: Sequence[str],
                    names: Mapping[str, str]) -> dict[str, list[str]]:
    """For each document, the actors whose name or alias its name holds (whole words).

    Parameters
    ----------
    documents : sequence of str
        Document names as the export writes them.
    names : dict
        ``{normalised name or alias: actor id}`` (the registry's).

    Returns
    -------
    dict
        ``{document: [actor ids]}`` (sorted, without repeats).

    Examples
    --------
    >>> match_documents(["E01_Mairie_CMartin.docx", "E04_Departement_CAF.docx"],
    ...                 {"mairie": "mairie", "caf": "caf", "departement": "cd32"})
    {'E01_Mairie_CMartin.docx': ['mairie'], 'E04_Departement_CAF.docx': ['caf', 'cd32']}
    """
    out = {}
    for document in documents:
        words = f" {document_key(document)} "
        out[document] = sorted({node for key, node in names.items()
                                if key and f" {key} " in words})
    return out
