"""Coded interviews: who mentioned whom, how, in what words."""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike

import networkx as nx
import pandas as pd

from alliances.io.builder import FillDown, GraphBuilder, registry_frame
from alliances.io.csvfile import match_columns, missing_column_error, pause_gc
from alliances.io.names import NameResolver
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

    Returns
    -------
    networkx.MultiDiGraph
        With ``G.graph["import_report"]``.

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
    found = match_columns(table.header, INTERVIEW_COLUMNS, columns)
    if "mentioned" not in found:
        raise missing_column_error(table, "mentioned", INTERVIEW_COLUMNS["mentioned"],
                                   "the actor the interviewee mentions", found=found)
    if "interviewee" not in found and "organisation" not in found:
        raise missing_column_error(table, "interviewee", INTERVIEW_COLUMNS["interviewee"]
                                   + INTERVIEW_COLUMNS["organisation"],
                                   "who was interviewed, or their organisation", found=found)
    resolver = NameResolver(registry)
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
            report.skip(table.name, line, "no interviewee or organisation: nobody to attach "
                        "the mention to")
            continue
        extra = {"organisation": " ".join(org.split())} if level == "person" and person and org else {}
        src = builder.actor(src_name, respondent=True, kind=kind, sector=get("sector"),
                            line=line, column=found.get("sector"), **extra)
        if src is None:
            report.skip(table.name, line, f'interviewee or organisation "{src_name}" has no '
                        "letter or digit: nobody to attach the mention to")
            continue
        mentioned = get("mentioned")
        if not mentioned:
            report.skip(table.name, line, "no actor mentioned (the interviewee is kept)")
            continue
        tgt = builder.actor(mentioned, line=line)
        if tgt is None:
            report.skip(table.name, line, f'mentioned actor "{mentioned}" has no letter or '
                        "digit: not an actor name (the interviewee is kept)")
            continue
        tone_text = get("tone")
        sign = None
        if tone_text:
            sign = TONES.get(_tone_key(tone_text))
            if sign is None:
                report.problem(table.name, line, found.get("tone"), tone_text,
                               "tone not understood (positif, neutre, négatif); kept as missing")
                bad_tones.add(tone_text)
        made = 0
        for rel in builder.relation(get("relation"), default, line, found.get("relation")):
            # the tone can make a tie negative, never a conflict positive
            s = min(tie_sign({}, rel), 1 if sign is None else sign)
            tones = (tone_text,) if tone_text and tone_text not in bad_tones else ()
            interviews = (get("interview"),) if get("interview") else ()
            made += builder.tie(src, tgt, rel, line=line, sign=s, quote=get("quote") or None,
                                tones=tones, interviews=interviews)
        builder.end_row(line, made > 0, "no tie could be made from this row")
    if carry is not None:
        carry.report()
    G = builder.graph()
    for _, _, data in G.edges(data=True):
        data["mentions"] = len(data["evidence"])
    report.add_problems(table.all_problems)
    return G
