"""Coded interviews: who mentioned whom, how, in what words."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from os import PathLike
from typing import Any

import networkx as nx
import pandas as pd

from alliances.errors import InputError, Problem
from alliances.i18n import N_, Message
from alliances.io.builder import FillDown, GraphBuilder, registry_frame
from alliances.io.csvfile import CsvTable, match_columns, missing_column_error, pause_gc
from alliances.io.names import NameResolver
from alliances.io.qda import QdaExport, Segment, document_key, match_documents
from alliances.io.qda import recognise as recognise_qda
from alliances.io.report import ImportReport
from alliances.io.workbook import read_any
from alliances.model import normalize_text, tie_sign

__all__ = ["INTERVIEW_COLUMNS", "TONES", "read_interviews"]

INTERVIEW_COLUMNS: dict[str, tuple[str, ...]] = {
    "interview": ("interview", "entretien", "id entretien", "interview id", "n entretien",
                  "code entretien"),
    "interviewee": ("interviewee", "personne interrogee", "interviewe", "interviewee name",
                    "enquete", "personne", "repondant", "respondent"),
    "organisation": ("organisation", "organization", "structure", "organisme",
                     "structure de la personne interrogee"),
    "sector": ("sector", "secteur"),
    "mentioned": ("mentioned", "acteur cite", "acteur mentionne", "cite", "mentionne",
                  "mentioned actor", "actor mentioned", "acteur"),
    "relation": ("relation", "code", "type de relation", "codage"),
    "tone": ("tone", "ton", "tonalite", "polarite", "valence"),
    "quote": ("quote", "citation", "verbatim", "extrait", "excerpt"),
}

#: Tone words -> sign (compared after normalize_text).
TONES: dict[str, int] = {
    "positif": 1, "positive": 1, "positif ve": 1, "pos": 1, "+": 1, "1": 1, "favorable": 1,
    "neutre": 1, "neutral": 1, "0": 1, "mitige": 1, "mixed": 1, "ambivalent": 1,
    "negatif": -1, "negative": -1, "neg": -1, "-": -1, "-1": -1, "critique": -1,
    "defavorable": -1, "hostile": -1,
}


# (each a Message: English now, said again in the report's language)
_NO_TIE_MADE = Message.of(N_("no tie could be made from this row"))
_TONE_NOT_UNDERSTOOD = Message.of(N_("tone not understood (positif, neutre, négatif); kept as "
                                    "missing"))


def _tone_key(text: str) -> str:
    t = text.strip()
    return t if t in ("+", "-", "-1", "0", "1") else normalize_text(t)


@pause_gc()  # see pause_gc: a third of the time on big files
def read_interviews(
    path: str | PathLike[str],
    *,
    actors: pd.DataFrame | str | PathLike[str] | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    level: str = "organisation",
    relation: str = "mention",
    fill_down: bool = True,
    sheet: str | int | None = None,
    documents: Mapping[str, str | None] | str | PathLike[str] | None = None,
    codes: Mapping[str, str] | None = None,
) -> nx.MultiDiGraph:
    """Read coded interviews into an actor graph.

    Each row says that an interviewee (of an organisation) mentioned an
    actor, with a relation or code, a tone and a quote. The tie goes from the
    interviewee's organisation (or the interviewee, with ``level="person"``
    or when no organisation is given) to the mentioned actor.

    * relation: the relation or code, mapped with
      :func:`alliances.model.canonical_relation`; ``mention`` when empty.
    * tone: ``positif`` / ``neutre`` -> sign +1, ``négatif`` -> sign -1 (so a
      critical mention is a negative tie); conflict relations are -1 anyway.
      The tone as written is kept on the tie (``tones``).
    * quotes stay attached to the tie as evidence; the number of rows behind
      a tie is its ``mentions`` attribute; weight is 1.0.
    * interviewees' actors are marked ``respondent=True`` (they reported ties).

    Parameters
    ----------
    path : str, path-like or DataFrame
        A CSV file, a workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``; see
        ``sheet``) or a :class:`pandas.DataFrame`, holding:
        ``interviews.csv`` with ``interview`` (``entretien``), ``interviewee``
        (``personne interrogée``), ``organisation`` (``structure``),
        ``mentioned`` (``acteur cité``, required), ``relation`` (or
        ``code``), ``tone`` (``ton``), ``quote`` (``citation``, ``verbatim``).
    actors : DataFrame or path, optional
        The actor registry (see :func:`alliances.read_survey`).
    columns : dict, optional
        ``{"their header": "canonical"}``.
    encoding, sep : str, optional
        Force the encoding or delimiter.
    sheet : str or int, optional
        For a workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``): the sheet's name
        or 0-based position; default: the first sheet holding a value.
    level : {"organisation", "person"}
        Organisation-level (default) or person-level graph.
    relation : str
        Relation for rows without one.
    fill_down : bool, default True
        A row with a mentioned actor but no interview, interviewee or
        organisation continues the block above (Excel merged cells): those
        cells are carried down and each block is reported in ``problems``.
    documents : dict or path, optional
        For exports of qualitative-analysis software (MAXQDA, ATLAS.ti,
        Taguette, QualCoder, NVivo; recognised from their headers, see
        :mod:`alliances.io.qda`), who was interviewed in each document:
        ``{"E01_Mairie_CMartin.docx": "Mairie de Plaisance", ...}`` (the
        interviewee's actor, by name or alias; the document with or without
        its extension; ``None`` leaves a document out, reported), or the path
        of a two-column CSV file or sheet (document, actor) with a header
        row. Without it, a document whose name holds exactly one name or
        alias of the registry is that actor's interview; if some documents
        are left, an :class:`~alliances.errors.InputError` prints the call
        with the mapping to complete.
    codes : dict, optional
        For those exports: ``{"their code group, prefix or code": "actor" |
        "relation" | "tone" | "ignore"}``, when the group names
        (``Acteurs cités``, ``Type de relation``, ``Tonalité``...) and the
        vocabularies do not say it. A code that nothing says is reported in
        ``problems`` and not used (never turned into an actor).

    Returns
    -------
    networkx.MultiDiGraph
        With ``G.graph["import_report"]``. Ties read from a QDA export also
        carry ``interviews`` (the documents) and ``positions``
        (``"document: where"``, as the tool gives it); their evidence is the
        export's line with the coded passage as quote (none for an NVivo
        matrix, whose ``mentions`` are the cells' counts).

    Raises
    ------
    InputError
        A missing column; for a QDA export, documents whose interviewee is
        unknown (the message prints the call to complete).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "interviews.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "entretien;personne interrogée;structure;acteur cité;ton;citation\\n"
    ...     "E1;Léa;Asso Vélo;Mairie;négatif;ils ne nous écoutent pas\\n")
    >>> G = read_interviews(p)
    >>> tie = G.edges["asso-velo", "mairie", "mention"]
    >>> tie["sign"], str(tie["evidence"][0])
    (-1, 'interviews.csv:2 "ils ne nous écoutent pas"')
    """
    table = read_any(path, encoding=encoding, sep=sep, sheet=sheet)
    report = ImportReport(sources=[table.name], rows_read=len(table.rows),
                          blank_lines=table.blank_lines)
    registry = registry_frame(actors, report)
    resolver = NameResolver(registry)
    known = resolver.known
    given = _documents_mapping(documents) if documents is not None else None
    qda = (recognise_qda(table, codes=codes, tones=TONES, documents=given,
                         is_actor=lambda name: normalize_text(name) in known)
           if columns is None else None)
    if qda is not None:
        return _read_qda(qda, table, report, registry, resolver, relation=relation,
                         call={"path": path, "actors": actors, "documents": given,
                               "codes": codes, "sheet": sheet})
    if documents is not None or codes is not None:
        raise ValueError("documents= and codes= are for exports of qualitative-analysis "
                         "software (MAXQDA, ATLAS.ti, Taguette, QualCoder, NVivo); this file "
                         f"is not one of them (its columns: {', '.join(table.header)})")
    found = match_columns(table.header, INTERVIEW_COLUMNS, columns)
    if "mentioned" not in found:
        raise missing_column_error(table, "mentioned", INTERVIEW_COLUMNS["mentioned"],
                                   N_("the actor the interviewee mentions"), found=found)
    if "interviewee" not in found and "organisation" not in found:
        raise missing_column_error(table, "interviewee", INTERVIEW_COLUMNS["interviewee"]
                                   + INTERVIEW_COLUMNS["organisation"],
                                   N_("who was interviewed, or their organisation"),
                                   found=found)
    builder = GraphBuilder(table, report, resolver, "interview", registry)
    idx = {role: table.header.index(h) for role, h in found.items()}
    default = relation
    bad_tones: set[str] = set()
    carry = FillDown(builder, idx, ("interview", "interviewee", "organisation"),
                     ("interview", "interviewee", "organisation", "sector"), "mentioned",
                     "interview") if fill_down else None
    for row, line in zip(table.rows, table.lines, strict=True):
        if carry is not None:
            row = carry(row, line)

        def get(role: str, row: list[str] = row) -> str:
            return row[idx[role]] if role in idx else ""
        person, org = get("interviewee"), get("organisation")
        if level == "person":
            src_name, kind = (person, "person") if person else (org, "organisation")
        else:
            src_name, kind = (org, "organisation") if org else (person, "person")
        if not src_name:
            report.skip(table.name, line, Message.of(
                N_("no interviewee or organisation: nobody to attach the mention to")))
            continue
        extra = {"organisation": " ".join(org.split())} if level == "person" and person and org else {}
        src = builder.actor(src_name, respondent=True, kind=kind, sector=get("sector"),
                            line=line, column=found.get("sector"), **extra)
        if src is None:
            report.skip(table.name, line, Message.of(
                N_('interviewee or organisation "{name}" has no letter or digit: nobody to '
                   "attach the mention to"), name=src_name))
            continue
        mentioned = get("mentioned")
        if not mentioned:
            report.skip(table.name, line, Message.of(
                N_("no actor mentioned (the interviewee is kept)")))
            continue
        tgt = builder.actor(mentioned, line=line)
        if tgt is None:
            report.skip(table.name, line, Message.of(
                N_('mentioned actor "{name}" has no letter or digit: not an actor name (the '
                   "interviewee is kept)"), name=mentioned))
            continue
        tone_text = get("tone")
        sign = None
        if tone_text:
            sign = TONES.get(_tone_key(tone_text))
            if sign is None:
                report.problem(table.name, line, found.get("tone"), tone_text,
                               _TONE_NOT_UNDERSTOOD)
                bad_tones.add(tone_text)
        made = 0
        for rel in builder.relation(get("relation"), default, line, found.get("relation")):
            # the tone can make a tie negative, never a conflict positive
            s = min(tie_sign({}, rel), 1 if sign is None else sign)
            tones = (tone_text,) if tone_text and tone_text not in bad_tones else ()
            interviews = (get("interview"),) if get("interview") else ()
            made += builder.tie(src, tgt, rel, line=line, sign=s, quote=get("quote") or None,
                                tones=tones, interviews=interviews)
        builder.end_row(line, made > 0, _NO_TIE_MADE)
    if carry is not None:
        carry.report()
    G = builder.graph()
    for _, _, data in G.edges(data=True):
        data["mentions"] = len(data["evidence"])
    report.add_problems(table.all_problems)
    return G


# --------------------------------------------------------------------------- QDA exports

def _read_qda(export: QdaExport, table: CsvTable, report: ImportReport,
              registry: pd.DataFrame | None, resolver: NameResolver, *, relation: str,
              call: Mapping[str, Any]) -> nx.MultiDiGraph:
    """Ties from a QDA export's segments (see :mod:`alliances.io.qda`)."""
    report.recognised(table.name, export.tool, export.roles)
    who = _interviewees(export, table, resolver, call, report)
    builder = GraphBuilder(table, report, resolver, "interview", registry)
    made_lines: set[int] = set()
    reasons = dict(export.unused)
    counts: dict[tuple[str, str, str], int] = {}
    parts: list[tuple[int, str]] = []  # parts of used passages left out
    column = export.code_column
    for seg in export.segments:
        def skip(reason: Message, seg: Segment = seg) -> None:
            for line in seg.lines:
                reasons.setdefault(line, reason)
        name = who.get(seg.document)
        if name is None:
            skip(Message.of(N_('document "{document}" left out (documents= gives None): '
                               "nobody to attach its codes to"), document=seg.document))
            continue
        if not seg.actors:
            skip(Message.of(N_("no actor code on this passage: its relation or tone goes "
                               "to nobody")))
            continue
        src = builder.actor(name, respondent=True, line=seg.line)
        if src is None:
            skip(Message.of(N_('interviewee "{name}" has no letter or digit: not an actor '
                               "name"), name=name))
            continue
        sign, tones = _segment_tone(seg, table, report, column)
        rels = [r for text in dict.fromkeys(seg.relations)
                for r in builder.relation(text, relation, seg.line, column)] or [relation]
        made = 0
        itself = None
        for mentioned in dict.fromkeys(seg.actors):
            tgt = builder.actor(mentioned, line=seg.line)
            if tgt is None:
                continue
            if tgt == src:
                itself = Message.of(N_('the interviewee "{name}" mentions itself: no tie'),
                                    name=resolver.label(src))
                report.self_nominations += 1
                continue
            for rel in dict.fromkeys(rels):
                s = min(tie_sign({}, rel), 1 if sign is None else sign)
                where = f"{seg.document}: {seg.position}" if seg.position else seg.document
                made += builder.tie(src, tgt, rel, line=seg.line, sign=s,
                                    quote=seg.quote or None, tones=tones,
                                    interviews=(seg.document,), positions=(where,))
                counts[(src, tgt, rel)] = counts.get((src, tgt, rel), 0) + seg.count
        if made:
            made_lines.update(seg.lines)
            if itself:
                parts.append((seg.line, itself))
        elif itself:
            skip(itself)
    for line in export.lines:
        if line in made_lines:
            report.rows_used += 1
        else:
            report.skip(table.name, line, reasons.get(line, _NO_TIE_MADE))
    for line, reason in parts:
        report.skip(table.name, line, reason, row=False)
    for code, (line, reason) in export.left_out.items():
        report.problem(table.name, line, column, code, reason)
    for line, note in export.notes:
        report.problem(table.name, line, None, None, note)
    G = builder.graph()
    for u, v, k, data in G.edges(keys=True, data=True):
        data["mentions"] = counts[(u, v, k)] if export.matrix else len(data["evidence"])
    # a matrix's top-left cell is blank by design: not a problem of the file
    report.add_problems([p for p in table.all_problems
                         if not (export.matrix and p.column == table.header[0])])
    return G


def _segment_tone(seg: Segment, table: CsvTable, report: ImportReport,
                  column: str | None) -> tuple[int | None, tuple[str, ...]]:
    """The sign the tone codes of a passage give (the most negative), and the tones as written."""
    signs = {}
    for text in dict.fromkeys(seg.tones):
        sign = TONES.get(_tone_key(text))
        if sign is None:
            report.problem(table.name, seg.line, column, text, _TONE_NOT_UNDERSTOOD)
        else:
            signs[text] = sign
    if len(set(signs.values())) > 1:
        report.problem(table.name, seg.line, column, " / ".join(signs),
                       Message.of(N_("several tones on one passage: the most negative is "
                                     "kept")))
    return (min(signs.values()) if signs else None), tuple(signs)


def _documents_mapping(documents: Any) -> dict[str, str | None]:
    """``documents=`` as ``{document_key: actor name or None}``."""
    if isinstance(documents, Mapping):
        items = list(documents.items())
        where = "documents="
    else:
        t = read_any(documents)
        if len(t.header) < 2:
            raise InputError(Message.of(N_("the documents file needs two columns: the document "
                                           "name, then the interviewee's actor (with a header "
                                           "row)")), path=t.path, line=t.header_line)
        items = [(row[0], row[1]) for row in t.rows]
        where = t.name
    out: dict[str, str | None] = {}
    for doc, actor in items:
        text = None if actor is None else str(actor).strip()
        key = document_key(str(doc))
        if key in out and out[key] != (text or None):
            raise InputError(Message.of(
                N_('{where}: the document "{document}" is given twice with two interviewees '
                   '("{first}", "{second}"); keep one'),
                where=where, document=doc, first=out[key], second=text))
        out[key] = text or None
    return out


def _interviewees(export: QdaExport, table: CsvTable, resolver: NameResolver,
                  call: Mapping[str, Any], report: ImportReport) -> dict[str, str | None]:
    """``{document as written: interviewee's actor (or None: left out)}``, else InputError."""
    docs = list(dict.fromkeys(seg.document for seg in export.segments))
    given = call["documents"] if call["documents"] is not None else {}
    names = {key: node for key in resolver.known
             if (node := resolver.resolve(key, count=0)) is not None}
    found = match_documents([d for d in docs if document_key(d) not in given], names)
    out: dict[str, str | None] = {}
    missing: dict[str, list[str]] = {}
    for doc in docs:
        key = document_key(doc)
        if key in given:
            out[doc] = given[key]
        elif len(found[doc]) == 1:
            # the same rule with or without documents=: one actor named, no doubt; said in
            # the report all the same, so that a wrong guess cannot pass unseen
            out[doc] = label = resolver.label(found[doc][0])
            words = f" {key} "
            held = max((k for k, node in names.items() if node == found[doc][0]
                        and f" {k} " in words), key=len)
            report.problem(table.name, None, None, doc, Message.of(
                N_('read as the interview of "{label}": the document\'s name holds "{held}" '
                   "(pass documents= if it is someone else's)"), label=label, held=held))
        else:
            missing[doc] = found[doc]
    _check_interviewees(out, resolver, table)
    if not missing:
        return out
    raise InputError(_documents_message(export, resolver, call, docs, out, missing),
                     path=table.path, line=table.header_line)


def _check_interviewees(out: Mapping[str, str | None], resolver: NameResolver,
                        table: CsvTable) -> None:
    """With a registry, every interviewee of documents= is one of its actors (no typo actor)."""
    known = resolver.known
    if not known:
        return
    labels = sorted({resolver.label(n) for k in known
                     if (n := resolver.resolve(k, count=0)) and resolver.in_registry(n)})
    unknown = sorted({name for name in out.values()
                      if name is not None and normalize_text(name) not in known})
    if not unknown:
        return
    problems = []
    for name in unknown:
        close = difflib.get_close_matches(name, labels, n=1, cutoff=0.6)
        message = (Message.of(N_('documents=: "{name}" is no name or alias of the actor '
                                 'registry; did you mean "{close}"? Write the registry\'s name '
                                 "(or add this spelling to its aliases)."),
                              name=name, close=close[0]) if close else
                   Message.of(N_('documents=: "{name}" is no name or alias of the actor '
                                 "registry. Write the registry's name (or add this spelling to "
                                 "its aliases)."), name=name))
        problems.append(Problem(message, path=table.path))
    raise InputError.collect(problems)


def _py(value: Any) -> str:
    """A Python literal a user can copy (double quotes, like the docs)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, PathLike):
        return _py(str(value))
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_py(k)}: {_py(v)}" for k, v in value.items()) + "}"
    return repr(value)



def _either(choices: Sequence[str]) -> str:
    """``"A" or "B" or "C"``, the ``or`` in the report's language."""
    out: str = choices[0]
    for choice in choices[1:]:
        out = Message.of(N_("{one} or {other}"), one=out, other=choice)
    return out


def _documents_message(export: QdaExport, resolver: NameResolver, call: Mapping[str, Any],
                       docs: list[str], out: Mapping[str, str | None],
                       missing: Mapping[str, list[str]]) -> Message:
    n = len(missing)
    why = (Message.of(N_("these names hold no actor name or alias of the registry, or several"))
           if call["documents"] is None else
           Message.of(N_("documents= does not list these, whose names hold no actor name or "
                         "alias of the registry, or several")))
    head = Message.ngettext(
        "{tool}: {n} document of {total} does not say who was interviewed. These tools keep "
        "the interviewee in the document's name, and {why}. Say it with documents= (a dict, or "
        "a two-column CSV file: document, actor); the documents matched are filled in below. "
        "Replace each None by the interviewee's actor (name or alias), or leave None to set "
        "that document aside (reported):",
        "{tool}: {n} documents of {total} do not say who was interviewed. These tools keep "
        "the interviewee in the document's name, and {why}. Say it with documents= (a dict, or "
        "a two-column CSV file: document, actor); the documents matched are filled in below. "
        "Replace each None by the interviewee's actor (name or alias), or leave None to set "
        "that document aside (reported):",
        n, tool=export.tool, total=len(docs), why=why)
    lines: list[str] = []
    for doc in docs:
        if doc in out:
            lines.append(f"    {_py(doc)}: {_py(out[doc])},")
        else:
            candidates = missing[doc]
            # the comments of the call are the user's to read: in the report's language
            hint = (Message.of(N_("which one? {choices}"),
                               choices=_either([_py(resolver.label(c)) for c in candidates]))
                    if candidates else Message.of(N_("who was interviewed?")))
            lines.append(Message.join([f"    {_py(doc)}: None,  # ", hint], ""))
    path = call["path"]
    args = [_py(str(path)) if not isinstance(path, pd.DataFrame) else "frame"]
    actors = call["actors"]
    if actors is not None:
        args.append("actors=" + (_py(str(actors)) if isinstance(actors, (str, PathLike))
                                 else "actors"))
    if call["codes"]:
        args.append("codes=" + _py(dict(call["codes"])))
    if call["sheet"] is not None:
        args.append(f"sheet={_py(call['sheet'])}")
    text = Message.join(["read_interviews(" + ", ".join(args) + ", documents={", *lines, "})"], "\n")
    notes: list[str] = []
    if isinstance(path, pd.DataFrame):
        notes.append(Message.of(N_("(frame: your DataFrame)")))
    if actors is not None and not isinstance(actors, (str, PathLike)):
        notes.append(Message.of(N_("(actors: your actor registry)")))
    notes.append(Message.of(N_("With alliances.load(), pass the same dict as {option}."),
                            option='interview_options={"documents": {...}}'))
    return Message.join([head, text, *notes], "\n")
