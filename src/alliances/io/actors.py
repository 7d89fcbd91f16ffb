"""The actor registry: ``actors.csv`` / ``acteurs.csv``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from os import PathLike

import pandas as pd

from alliances.errors import InputError, Problem
from alliances.i18n import N_, Message
from alliances.io.csvfile import match_columns, missing_column_error, pause_gc
from alliances.io.report import ImportReport
from alliances.io.workbook import read_any
from alliances.model import SECTORS, actor_id, canonical_sector, normalize_text

__all__ = ["ACTOR_COLUMNS", "CONSENT_WORDS", "parse_consent", "read_actors"]

#: Recognised headers (compared case- and accent-insensitively).
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nom", "actor", "acteur", "structure", "organisation", "organization",
             "nom de la structure", "actor name"),
    "sector": ("sector", "sectors", "secteur", "secteurs", "monde", "mondes", "world"),
    "kind": ("kind", "type", "nature", "type d acteur"),
    "territory": ("territory", "territoire", "commune", "zone", "lieu"),
    "themes": ("themes", "theme", "thematiques", "thematique", "topics"),
    "aliases": ("aliases", "alias", "autres noms", "other names", "variantes", "synonymes"),
    "email": ("email", "e-mail", "mail", "courriel"),
    "consent": ("consent", "consentement"),
    "notes": ("notes", "note", "remarques", "commentaire", "commentaires"),
}

_KINDS = {
    "organisation": "organisation", "organization": "organisation", "structure": "organisation",
    "org": "organisation", "organisme": "organisation", "institution": "organisation",
    "person": "person", "personne": "person", "individu": "person", "individual": "person",
    "people": "person", "habitant": "person", "citoyen": "person",
}
_LIST_SPLIT = re.compile(r"\s*[|;]\s*")

#: Consent answers (compared after normalize_text) -> True / False.
CONSENT_WORDS: dict[str, bool] = {
    "oui": True, "yes": True, "y": True, "o": True, "1": True, "true": True, "vrai": True,
    "ok": True, "d accord": True, "accord": True, "accepte": True, "consent": True,
    "non": False, "no": False, "n": False, "0": False, "false": False, "faux": False,
    "refus": False, "refuse": False, "refusee": False, "pas d accord": False,
}


def parse_consent(value: str) -> tuple[bool | None, bool]:
    """Read a consent cell: ``(consent, understood)``.

    Empty means not recorded (None, understood); an unknown answer is
    (None, False) and is reported by :func:`read_actors`.

    Examples
    --------
    >>> parse_consent("Oui"), parse_consent("no"), parse_consent(""), parse_consent("peut-être")
    ((True, True), (False, True), (None, True), (None, False))
    """
    if not value.strip():
        return None, True
    answer = CONSENT_WORDS.get(normalize_text(value))
    return answer, answer is not None


@lru_cache(maxsize=4096)  # the same few values on thousands of rows
def split_list(cell: str) -> tuple[str, ...]:
    """Split a ``|`` or ``;`` separated cell (empty parts dropped)."""
    return tuple(p for p in _LIST_SPLIT.split(cell.strip()) if p) if cell.strip() else ()


@lru_cache(maxsize=4096)  # the same few values on thousands of rows
def parse_kind(value: str) -> str | None:
    """``organisation`` / ``person`` from a cell in English or French; None if unknown."""
    return _KINDS.get(normalize_text(value)) if value.strip() else "organisation"


@lru_cache(maxsize=4096)  # the same few values on thousands of rows
def parse_sectors(cell: str) -> tuple[str, ...]:
    """Canonical sectors of a ``|``-separated cell, in order, without repeats."""
    out: list[str] = []
    for part in split_list(cell):
        code = canonical_sector(part)
        if code and code not in out:
            out.append(code)
    return tuple(out)


@pause_gc()  # see pause_gc: a third of the time on big files
def read_actors(
    path: str | PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read the actor registry.

    Parameters
    ----------
    path : str, path-like or DataFrame
        ``actors.csv`` (or ``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``, or a
        :class:`pandas.DataFrame`): one row per actor with ``name`` (``nom``), and
        optionally ``sector`` (``secteur``; several separated by ``|``),
        ``kind`` (``type``: organisation / personne), ``territory``
        (``territoire``), ``themes`` (``thèmes``), ``aliases`` (``alias``:
        other spellings, ``|`` separated); ``email``, ``consent`` and
        ``notes`` are kept but private (never shown in outputs). ``consent``
        (``consentement``) is read as True / False / None (oui / non, yes /
        no, 1 / 0, true / false; empty is None, anything else is reported and
        None) and reaches the graph's nodes as ``consent`` so that
        :func:`alliances.pseudonymize` can honour it; ``email`` and ``notes``
        never enter the graph.
    columns : dict, optional
        ``{"their header": "canonical name"}`` for other headers.
    encoding, sep : str, optional
        Force the encoding or delimiter (detected by default).
    sheet : str or int, optional
        For a workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``): the sheet's name
        or 0-based position; default: the first sheet holding a value.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``id``), columns ``label, sector, sectors, kind,
        territory, themes, aliases, line`` (+ private columns when present).
        ``frame.attrs["import_report"]`` holds the :class:`ImportReport`.

    Raises
    ------
    InputError
        If there is no name column (listing the columns found and the closest
        one), or an alias names two different actors.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "actors.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "nom;secteur;alias\\nMairie d'Antony;Collectivité;Ville d'Antony\\n"
    ...     "Tiers-Lieu La Fabrique;association|recherche;\\n")
    >>> reg = read_actors(p)
    >>> reg[["label", "sector", "sectors"]].to_dict("index")["tiers-lieu-la-fabrique"]
    {'label': 'Tiers-Lieu La Fabrique', 'sector': 'association', 'sectors': ('association', 'research')}
    >>> reg.loc["mairie-d-antony", "aliases"]
    ("Ville d'Antony",)
    """
    table = read_any(path, encoding=encoding, sep=sep, sheet=sheet)
    found = match_columns(table.header, ACTOR_COLUMNS, columns)
    if "name" not in found:
        raise missing_column_error(table, "name", ACTOR_COLUMNS["name"], "the actor's name", found=found)
    report = ImportReport(sources=[table.name], rows_read=len(table.rows),
                          blank_lines=table.blank_lines)
    report.add_problems(table.all_problems)
    idx = {role: table.header.index(h) for role, h in found.items()}
    records: dict[str, dict] = {}
    unknown_sectors: dict[str, int] = {}
    errors: list[Problem] = []
    alias_owner: dict[str, tuple[str, int]] = {}

    def cell(row: list[str], role: str) -> str:
        return row[idx[role]] if role in idx else ""

    groups: dict[str, list[tuple[tuple[str, ...], dict, str]]] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        name = cell(row, "name")
        try:
            node = actor_id(name)
        except ValueError:
            report.skip(table.name, line, Message.of(N_("no actor name in this row"))
                        if not name.strip() else
                        Message.of(N_('name "{name}" has no letter or digit: not an actor name'),
                                   name=name))
            continue
        sectors = parse_sectors(cell(row, "sector"))
        for s in sectors:
            if s not in SECTORS and s not in unknown_sectors:
                unknown_sectors[s] = line
        kind = parse_kind(cell(row, "kind"))
        if kind is None:
            report.problem(table.name, line, found["kind"], cell(row, "kind"), Message.of(
                N_("kind not understood (organisation or person); kept as missing, "
                   "'organisation' used")))
            kind = "organisation"
        aliases = split_list(cell(row, "aliases"))
        rec = {
            "label": " ".join(name.split()),
            "sector": sectors[0] if sectors else None,
            "sectors": sectors,
            "kind": kind,
            "territory": cell(row, "territory") or None,
            "themes": split_list(cell(row, "themes")),
            "aliases": aliases,
            "line": line,
        }
        for private in ("email", "notes"):
            if private in idx:
                rec[private] = cell(row, private) or None
        if "consent" in idx:
            consent, understood = parse_consent(cell(row, "consent"))
            if not understood:
                report.problem(table.name, line, found["consent"], cell(row, "consent"),
                               Message.of(N_("consent not understood ({answers}); kept as not "
                                             "recorded ({none})"),
                                          answers="oui / non, yes / no, 1 / 0, true / false",
                                          none="None"))
            rec["consent"] = consent
        report.rows_used += 1
        groups.setdefault(node, []).append((tuple(row), rec, name))
    for node, group in groups.items():
        # several rows for one actor are merged in the order of their content,
        # not of the file, so that sorting the file never changes the result
        if len(group) > 1:
            group.sort(key=lambda g: (g[0], g[1]["line"]))
        first = records[node] = group[0][1]
        for _, rec, name in group[1:]:
            report.problem(table.name, rec["line"], found["name"], name,
                           Message.of(N_("same actor as line {line}; rows merged"),
                                      line=first["line"]))
            for key, value in rec.items():
                if key in ("sectors", "themes", "aliases"):
                    first[key] = first[key] + tuple(v for v in value if v not in first[key])
                elif first.get(key) in (None, "") and value not in (None, ""):
                    first[key] = value
            if first["sector"] is None and first["sectors"]:
                first["sector"] = first["sectors"][0]
    # aliases must not point at two actors
    for node, rec in records.items():
        for alias in rec["aliases"]:
            k = normalize_text(alias)
            target = k.replace(" ", "-")
            if target in records and target != node:
                errors.append(Problem(
                    Message.of(N_('alias "{alias}" of "{label}" is the name of another actor '
                                  "(line {line}); remove it or merge the two rows"),
                               alias=alias, label=rec["label"], line=records[target]["line"]),
                    path=table.path, line=rec["line"], column=found.get("aliases"), value=alias))
            elif k in alias_owner and alias_owner[k][0] != node:
                other = alias_owner[k]
                errors.append(Problem(
                    Message.of(N_('alias "{alias}" is given to two actors (also line {line}); '
                                  "keep it on one of them"), alias=alias, line=other[1]),
                    path=table.path, line=rec["line"], column=found.get("aliases"), value=alias))
            else:
                alias_owner[k] = (node, rec["line"])
    if errors:
        raise InputError.collect(errors, summary=errors[0].message)
    for label, line in sorted(unknown_sectors.items(), key=lambda kv: kv[1]):
        report.problem(table.name, line, found.get("sector"), label,
                       Message.of(N_("sector outside the default vocabulary; kept as the user's "
                                     "own label")))
    report.unknown_sectors = len(unknown_sectors)
    cols = ["label", "sector", "sectors", "kind", "territory", "themes", "aliases", "line"]
    cols += [c for c in ("email", "consent", "notes") if c in idx]
    frame = pd.DataFrame.from_records(
        [list(map(rec.get, cols)) for rec in records.values()], columns=cols,
        index=pd.Index(list(records), name="id", dtype=object)).astype(object)
    report.actors = len(frame)
    frame.attrs["import_report"] = report
    frame.attrs["path"] = table.path
    return frame
