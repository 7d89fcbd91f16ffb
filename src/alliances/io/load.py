"""Load a whole study: a folder (or files) of actors, survey, interviews, affiliations."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from alliances.errors import InputError
from alliances.i18n import N_, Message, translate
from alliances.io.actors import ACTOR_COLUMNS, read_actors
from alliances.io.affiliations import read_affiliations
from alliances.io.builder import GraphReport, fill_tuples, registry_cell, suggest_duplicates
from alliances.io.csvfile import pause_gc
from alliances.io.interviews import read_interviews
from alliances.io.names import SUGGEST_PER_FILE
from alliances.io.networks import (
    DIRECTION_ADVICE,
    NETWORK_SUFFIXES,
    edge_list_columns,
    has_id_column,
    is_network_file,
    kumu_sheets,
    python_literal,
    read_network,
)
from alliances.io.platforms.kobo import main_file_of, repeat_files_of
from alliances.io.report import ImportReport
from alliances.io.survey import py_literal, read_survey, survey_evidence
from alliances.io.workbook import WORKBOOK_SUFFIXES, is_workbook, read_any, sheet_names
from alliances.model import ACTOR_ATTRIBUTES, SECTORS, count_ties, merge_into, normalize_text

__all__ = ["FILE_NAMES", "load"]

#: Recognised file names (stem, compared without accents or case) per kind of file.
FILE_NAMES: dict[str, tuple[str, ...]] = {
    "actors": ("actors", "acteurs", "actor", "acteur", "registry", "registre", "annuaire",
               "nodes", "noeuds", "vertices", "elements"),
    "survey": ("survey", "enquete", "questionnaire", "reponses", "responses", "survey long",
               "survey wide", "enquete longue", "enquete large"),
    "interviews": ("interviews", "entretiens", "interview", "entretien"),
    "affiliations": ("affiliations", "participations", "affiliation", "participation",
                     "evenements", "events", "instances"),
    # a network made elsewhere: an edge list (read with alliances.io.networks.read_network)
    "ties": ("ties", "edges", "connections", "edge list", "edgelist", "links", "liens",
             "aretes", "arcs"),
}
_KIND_OF = {normalize_text(n): kind for kind, names in FILE_NAMES.items() for n in names}
_ORDER = ("survey", "interviews", "affiliations")


def _kind_of(path: Path) -> str | None:
    # "enquete 2024.csv", "actors_v2.csv": the first word is enough
    stem = normalize_text(path.stem)
    return _KIND_OF.get(stem) or _KIND_OF.get(stem.split(" ")[0]) if stem else None


def _files(path_or_files: Any) -> dict[str, Path]:
    return _sources(path_or_files)[0]


_TABLE_SUFFIXES = (".csv", ".tsv", ".txt", *WORKBOOK_SUFFIXES, *NETWORK_SUFFIXES)

#: the error for two files of one kind, by where they come from (load's argument, a folder)
_TWO_FILES = {
    "given": N_("two {kind} files given ({first} and {second}); keep one, or pass the files "
                "explicitly as a dict {call}"),
    "in the folder": N_("two {kind} files in the folder ({first} and {second}); keep one, or "
                        "pass the files explicitly as a dict {call}"),
}


def _sheet_kinds(path: Path) -> dict[str, str]:
    """kind -> sheet, for the sheets of a workbook named like the study's files."""
    out: dict[str, str] = {}
    for name in sheet_names(path):
        kind = _kind_of(Path(name))
        if kind is None:
            continue
        if kind in out:
            raise InputError(Message.of(N_('two {kind} sheets in this workbook ("{first}" and '
                                           '"{second}"); rename one, or pass a dict {call}'),
                                        kind=kind, first=out[kind], second=name,
                                        call="{kind: (path, sheet)}"), path=str(path))
        out[kind] = name
    return out


def _sources(path_or_files: Any) -> tuple[dict[str, Path], dict[str, str]]:
    """kind -> file, and kind -> sheet for the kinds read from a named sheet of a workbook."""
    files: dict[str, Path] = {}
    sheets: dict[str, str] = {}

    def add(kind: str, p: Path, sheet: str | None, what: str) -> None:
        if kind in files:
            first = _name(files[kind]) + (f" [{sheets[kind]}]" if kind in sheets else "")
            this = _name(p) + (f" [{sheet}]" if sheet else "")
            raise InputError(Message.of(_TWO_FILES[what], kind=kind, first=first, second=this,
                                        call="{kind: path}"), path=str(p))
        files[kind] = p
        if sheet is not None:
            sheets[kind] = sheet

    if isinstance(path_or_files, Mapping):
        for kind, p in path_or_files.items():
            if kind not in FILE_NAMES:
                raise ValueError(f"unknown kind of file {kind!r}; use {', '.join(FILE_NAMES)}")
            sheet = None
            if isinstance(p, tuple) and len(p) == 2:  # (workbook, sheet)
                p, sheet = p
            add(kind, p if isinstance(p, pd.DataFrame) else Path(p), sheet, "given")
        return files, sheets
    if isinstance(path_or_files, (str, PathLike)):
        root = Path(path_or_files)
        if root.is_file() and (is_network_file(root) or kumu_sheets(root)):
            # GEXF, GraphML, Pajek, UCINET DL, a Kumu blueprint: one network file
            files["ties"] = root
            return files, sheets
        if root.is_file() and is_workbook(root) and (by_sheet := _sheet_kinds(root)):
            # one workbook per study: its sheets are named actors, survey...
            for kind, sheet in by_sheet.items():
                add(kind, root, sheet, "given")
            return files, sheets
    if isinstance(path_or_files, (str, PathLike)):
        root = Path(path_or_files)
        if not root.exists():
            raise InputError(Message.of(N_("not found: {path}; give a folder or CSV files"),
                                        path=str(root)), path=str(root))
        if root.is_dir():
            tables = _folder_tables(root)
            # an ODK / KoboToolbox export unzipped here: each repeat group's file is read
            # through its main file, one survey (never two surveys, never a file not read)
            repeats = repeat_groups(tables)
            for p in tables:
                if p in repeats:
                    continue
                if any(main == p for main in repeats.values()) and _kind_of(p) in (
                        None, "survey"):
                    add("survey", p, None, "in the folder")
                elif k := _kind_of(p):
                    add(k, p, None, "in the folder")
                elif is_network_file(p):
                    add("ties", p, None, "in the folder")
                elif is_workbook(p):  # "etude.xlsx" with sheets named actors, survey...
                    for kind, sheet in _sheet_kinds(p).items():
                        add(kind, p, sheet, "in the folder")
            if not files:
                found = (", ".join(p.name for p in sorted(root.iterdir()))
                         or Message.of(N_("nothing")))
                raise InputError(Message.of(
                    N_("no study file in this folder; expected any of {names} (or {french}; "
                       "{suffixes} too, or one workbook with sheets named so). Found: {found}"),
                    names="actors.csv, survey.csv, interviews.csv, affiliations.csv",
                    french="acteurs.csv, enquete.csv, entretiens.csv, participations.csv",
                    suffixes=".xlsx, .ods...", found=found), path=str(root))
            return files, sheets
        path_or_files = [root]
    given = list(map(Path, path_or_files))
    repeats = repeat_groups(given)
    for p in given:
        if repeats.get(p) in given:
            continue  # read through its main file, given too
        if p.is_file() and (is_network_file(p) or kumu_sheets(p)):
            add("ties", p, None, "given")
            continue
        if p.is_file() and is_workbook(p) and not _kind_of(p) and (by_sheet := _sheet_kinds(p)):
            for kind, sheet in by_sheet.items():
                add(kind, p, sheet, "given")
            continue
        add(_kind_of(p) or _sniff(p), p, None, "given")
    return files, sheets


def _sniff(path: Path) -> str:
    """Guess a file's kind from its headers when its name says nothing."""
    from alliances.io.affiliations import AFFILIATION_COLUMNS
    from alliances.io.csvfile import match_columns
    from alliances.io.interviews import INTERVIEW_COLUMNS
    from alliances.io.survey import SURVEY_COLUMNS, wide_slots

    table = read_any(path)
    # the first rows are evidence too (a roster's ticks)
    table.rows, table.lines = table.rows[:300], table.lines[:300]
    if edge_list_columns(table.header) is not None:
        return "ties"
    from alliances.io.qda import recognise as recognise_qda

    if recognise_qda(table) is not None:  # MAXQDA, ATLAS.ti, Taguette, QualCoder, NVivo
        return "interviews"
    if {"mentioned", "quote"} & set(match_columns(table.header, INTERVIEW_COLUMNS)):
        return "interviews"
    survey = match_columns(table.header, SURVEY_COLUMNS)
    if "contact" in survey or any(wide_slots(table, None)[::2]):
        return "survey"
    if "event" in match_columns(table.header, AFFILIATION_COLUMNS):
        return "affiliations"
    actors = match_columns(table.header, ACTOR_COLUMNS)
    # a file that looks like a survey is never read as an actor list (no tie)
    evidence = survey_evidence(table, exclude=actors.values())
    if evidence and evidence[0] != "metadata":
        return "survey"
    is_actors = "name" in actors and {"sector", "aliases", "kind"} & set(actors)
    if evidence and is_actors:
        raise InputError(Message.of(
            N_("cannot tell whether this file is a survey or an actor list: it has {evidence} "
               "and an actor list's columns ({columns}). Say which: {survey} or {actors}"),
            evidence=evidence[1], columns=", ".join(actors.values()),
            survey=f'load({{"survey": {py_literal(str(path))}}})',
            actors=f'load({{"actors": {py_literal(str(path))}}})'),
            path=str(path), line=table.header_line)
    if evidence:
        return "survey"
    if is_actors:
        return "actors"
    raise InputError(Message.of(
        N_("cannot tell what this file holds from its name or headers; name it {names}, or pass "
           "a dict {call}"),
        names="actors.csv, survey.csv, interviews.csv, affiliations.csv",
        call="{'survey': path, ...}"), path=str(path), line=table.header_line)


def _not_a_survey(source: Any, encoding: str | None, sep: str | None,
                  sheet: str | None) -> None:
    """An actor list alone is a graph without ties: refuse one that looks like a survey."""
    from alliances.io.csvfile import match_columns

    table = read_any(source, encoding=encoding, sep=sep, sheet=sheet)
    table.rows, table.lines = table.rows[:300], table.lines[:300]
    evidence = survey_evidence(table, exclude=match_columns(table.header, ACTOR_COLUMNS).values())
    if evidence and evidence[0] != "metadata":
        where = py_literal(str(source)) if not isinstance(source, pd.DataFrame) else "frame"
        raise InputError(Message.of(
            N_("this file would be read as an actor list alone, a graph with no tie, but it has "
               "{evidence}. Read it as a survey: {call}; an actor list is read with the survey, "
               "interviews or affiliations it names"),
            evidence=evidence[1], call=f'load({{"survey": {where}}})'),
            path=table.path, line=table.header_line)


def load(
    path_or_files: str | PathLike[str] | Iterable[str | PathLike[str]] | Mapping[str, Any],
    *,
    encoding: str | None = None,
    sep: str | None = None,
    level: str = "organisation",
    survey_options: Mapping[str, Any] | None = None,
    interview_options: Mapping[str, Any] | None = None,
    affiliation_options: Mapping[str, Any] | None = None,
    network_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
) -> nx.MultiDiGraph:
    """Read a study (actors, survey, interviews, affiliations) into one actor graph.

    Parameters
    ----------
    path_or_files : folder, file(s) or dict
        A folder holding any of ``actors.csv``, ``survey.csv``,
        ``interviews.csv``, ``affiliations.csv`` (French names too:
        ``acteurs.csv``, ``enquete.csv``, ``entretiens.csv``,
        ``participations.csv``; or workbooks so named: ``acteurs.xlsx``,
        ``enquete.ods``...); one workbook (``.xlsx``, ``.xlsm``, ``.xls``,
        ``.ods``) whose sheets are so named (``acteurs``, ``enquête``...); a
        list of files (kind from the name, else from the headers); or
        ``{"actors": path, "survey": path, ...}``, where a value may also be
        ``(workbook, sheet)`` or a :class:`pandas.DataFrame`. A network made
        elsewhere is read too (see :func:`alliances.io.networks.read_network`):
        an edge list named ``ties.csv``, ``edges.csv`` or ``connections.csv``
        (with its node list as ``actors.csv`` or ``nodes.csv``), a Kumu
        blueprint workbook, a GEXF, GraphML, Pajek ``.net`` or UCINET DL file.
    encoding, sep : str, optional
        Force the encoding or delimiter of every file.
    level : {"organisation", "person"}
        Passed to the survey and interview readers.
    survey_options, interview_options, affiliation_options : dict, optional
        Extra keyword arguments for :func:`read_survey`,
        :func:`read_interviews`, :func:`read_affiliations`.
    network_options : dict, optional
        Extra keyword arguments for
        :func:`~alliances.io.networks.read_network` (``directed``,
        ``sectors``, ``relation``, ``relations``, ``columns``).
    progress : bool, optional
        Show a progress bar (``tqdm``, as a widget in Jupyter) over the
        stages (each file, merging, looking for duplicates). Default: only
        when the files hold more than about 50,000 rows
        (:data:`PROGRESS_BYTES` bytes in all); ``False`` never, ``True`` always.

    Returns
    -------
    networkx.MultiDiGraph
        The merged graph (:func:`alliances.merge`): the registry resolves
        names in every file; ``G.graph["import_report"]`` is the combined
        report, with actor and tie counts of the merged graph and suggested
        merges computed across all files.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "acteurs.csv"), "w", encoding="utf-8").write(
    ...     "nom;secteur;alias\\nMairie d'Antony;public;Ville d'Antony\\n")
    >>> _ = open(os.path.join(d, "enquete.csv"), "w", encoding="utf-8").write(
    ...     "structure;partenaire\\nAsso Vélo;Ville d'Antony\\n")
    >>> G = load(d)
    >>> sorted(G.edges(keys=True))
    [('asso-velo', 'mairie-d-antony', 'collaboration')]
    >>> G.graph["import_report"].sources
    ['acteurs.csv', 'enquete.csv']
    """
    files, sheets = _sources(path_or_files)
    if set(files) == {"actors"}:
        _not_a_survey(files["actors"], encoding, sep, sheets.get("actors"))
    bar = _progress(files, progress)
    with pause_gc():
        G = _load(files, bar, sheets=sheets, encoding=encoding, sep=sep, level=level,
                  survey_options=survey_options, interview_options=interview_options,
                  affiliation_options=affiliation_options,
                  network_options=network_options, source=path_or_files)
    bar.close()
    report = G.graph["import_report"]
    for p in _not_read(path_or_files, files):
        # never silently dropped: a table the folder holds but whose name says nothing
        report.problem(p.name, None, None, None, Message.of(
            N_("file in the folder not read: its name is not {names} (or {french}); rename it, "
               "or list it: {call}"),
            names="actors, survey, interviews, affiliations, ties",
            french="acteurs, enquete, entretiens, participations",
            call=f'load({{"interviews": {py_literal(str(p))}, ...}})'))
    return G


def _not_read(path_or_files: Any, files: Mapping[str, Any]) -> list[Path]:
    """The table files of a study folder that load() did not read (names it does not know)."""
    if not isinstance(path_or_files, (str, PathLike)) or not Path(path_or_files).is_dir():
        return []
    used = {Path(p).resolve() for p in files.values() if not isinstance(p, pd.DataFrame)}
    tables = _folder_tables(Path(path_or_files))
    # a repeat group's file is read with its main file
    used |= {p.resolve() for p, main in repeat_groups(tables).items() if main.resolve() in used}
    return [p for p in tables if p.resolve() not in used]


def repeat_groups(paths: Iterable[Path]) -> dict[Path, Path]:
    """``{repeat group's file: its survey's main file}`` among ``paths`` (both in it).

    A KoboToolbox or ODK export unzipped into a folder: ``form.csv`` and
    ``form-contacts.csv`` (ODK, ``PARENT_KEY``), or ``form.csv`` and
    ``contacts.csv`` (KoboToolbox's zipped CSV, ``_parent_table_name``); see
    :func:`alliances.io.platforms.kobo.main_file_of`.
    """
    paths = list(paths)
    present = {p.resolve() for p in paths}
    out: dict[Path, Path] = {}
    for p in paths:
        main = main_file_of(p, root=True)
        if main is not None and main.resolve() in present:
            out[p] = next(q for q in paths if q.resolve() == main.resolve())
    return out


def _folder_tables(root: Path) -> list[Path]:
    """The table files of a folder, sorted; Excel's and LibreOffice's lock files left out."""
    return [p for p in sorted(root.iterdir())
            if p.is_file() and p.suffix.lower() in _TABLE_SUFFIXES
            and not p.name.startswith(("~$", ".~lock", "."))]


def _load(files: Mapping[str, Path], bar: _Bar, *, sheets: Mapping[str, str],
          encoding: str | None, sep: str | None,
          level: str, survey_options: Mapping[str, Any] | None,
          interview_options: Mapping[str, Any] | None,
          affiliation_options: Mapping[str, Any] | None,
          network_options: Mapping[str, Any] | None = None,
          source: Any = None) -> nx.MultiDiGraph:
    common = {"encoding": encoding, "sep": sep}
    registry = None
    reports: list[ImportReport] = []
    graphs = []
    # the node list of a network goes with its ties (ids, not only names), and is read
    # as the registry of the other files only when there are other files
    network_only = "ties" in files and not set(files) - {"ties", "actors"}
    if "actors" in files and not network_only:
        bar.step(Message.of(N_("reading {name}"), name=_name(files["actors"])))
        registry = read_actors(files["actors"], **common, **_sheet(sheets, "actors"))
        reports.append(registry.attrs["import_report"])
    if "ties" in files:
        bar.step(Message.of(N_("reading {name}"), name=_name(files["ties"])))
        nodes = files.get("actors")
        if registry is not None and not has_id_column(
                read_any(files["actors"], **common, **_sheet(sheets, "actors")).header):
            nodes = registry  # the ties name the actors: the registry resolves them
        opts = dict(network_options or {})
        if not is_network_file(files["ties"]) and not isinstance(files["ties"], pd.DataFrame):
            opts.setdefault("encoding", encoding)
            opts.setdefault("sep", sep)
        token = SUGGEST_PER_FILE.set(False)
        # a missing direction: the advice repeats this load call, with directed= added
        advice = DIRECTION_ADVICE.set(lambda directed: _load_call(
            source, {**(network_options or {}), "directed": directed}))
        try:
            H = read_network(files["ties"], actors=nodes,
                             **_sheet(sheets, "ties"), **opts)
        finally:
            SUGGEST_PER_FILE.reset(token)
            DIRECTION_ADVICE.reset(advice)
        reports.append(H.graph.pop("import_report"))
        graphs.append(H)
    readers = {
        "survey": (read_survey, {"level": level, **(survey_options or {})}),
        "interviews": (read_interviews, {"level": level, **(interview_options or {})}),
        "affiliations": (read_affiliations, dict(affiliation_options or {})),
    }
    token = SUGGEST_PER_FILE.set(False)  # looked for once below, across all files
    try:
        for kind in _ORDER:
            if kind in files:
                bar.step(Message.of(N_("reading {name}"), name=_name(files[kind])))
                reader, options = readers[kind]
                H = reader(files[kind], actors=registry, **common, **_sheet(sheets, kind),
                           **options)
                report = H.graph.pop("import_report")
                if kind == "survey" and isinstance(files[kind], Path):
                    # a repeat group's file joined to the main one: the rows are the repeat
                    # file's, and the main file was read too
                    joined = {q.name for q in repeat_files_of(files[kind])}
                    if joined & set(report.sources):
                        report.sources[:] = list(dict.fromkeys(
                            [files[kind].name, *report.sources]))
                reports.append(report)
                graphs.append(H)
    finally:
        SUGGEST_PER_FILE.reset(token)
    if not graphs:
        # a registry alone is a graph of isolated actors
        H = nx.MultiDiGraph()
        cell = registry_cell
        for node, row in registry.iterrows():
            # iterrows turns None into NaN: registry_cell gives None back, and an
            # unknown value is left out (absent, not None)
            attrs = {"label": row["label"], "sector": cell(row, "sector"),
                     "sectors": tuple(cell(row, "sectors") or ()),
                     "kind": cell(row, "kind") or ACTOR_ATTRIBUTES["kind"],
                     "territory": cell(row, "territory"),
                     "themes": tuple(cell(row, "themes") or ()), "respondent": False,
                     **({"consent": cell(row, "consent")}
                        if "consent" in registry.columns else {})}
            H.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
        graphs.append(H)
    # the graphs were made here and are not seen by anyone else: the first one
    # takes in the others (same rules as alliances.merge, without copying it)
    bar.step(Message.of(N_("merging")))
    G = fill_tuples(merge_into(graphs[0], *graphs[1:]))
    report = ImportReport.combine(*reports)
    report.actors = G.number_of_nodes()
    report.ties = count_ties(G)
    # the same unknown label met in several files counts once
    report.unknown_sectors = len({s for _, d in G.nodes(data=True) for s in d.get("sectors", ())
                                  if s not in SECTORS})
    report.set_suggested(())  # looked for below, across all files
    # a spelling folded in several files is one merge; a spelling that became
    # the merged graph's label is not folded at all
    labels_now = {n: G.nodes[n].get("label") for n in G}
    merged = sorted({(n, sp, rule) for n, sp, rule in report.merged_name_rows
                     if sp != labels_now.get(n)})
    distinct: dict[tuple[str, str], str] = {}
    for n, sp, rule in merged:
        distinct.setdefault((n, sp), rule)
    report.set_merged_names((n, sp, rule) for (n, sp), rule in sorted(distinct.items()))
    report.name_merges = len(distinct)
    registered = set(registry.index) if registry is not None else set()
    labels = {n: G.nodes[n].get("label", n) for n in G}
    bar.step(Message.of(N_("looking for duplicate names")))
    suggest_duplicates(report, labels, registered.__contains__)
    G.graph.pop("layout", None)
    G.graph["import_report"] = GraphReport.of(report)  # plain data too: JSON, pickle
    G.graph["files"] = {kind: _name(p, str) + (f" [{sheets[kind]}]" if kind in sheets else "")
                        for kind, p in files.items()}
    return G


def _load_call(source: Any, network_options: Mapping[str, Any]) -> str:
    """``alliances.load(source, network_options=...)`` as advice prints it (works when copied)."""
    if isinstance(source, (str, PathLike)):
        where = python_literal(source)
    elif isinstance(source, Mapping):
        if any(isinstance(v, pd.DataFrame) for v in source.values()):
            where = "{...}"  # the same dict, with its DataFrames
        else:
            where = python_literal({k: v if not isinstance(v, tuple) else list(v)
                                    for k, v in source.items()})
    else:
        where = python_literal([str(p) for p in source])
    return f"alliances.load({where}, network_options={python_literal(network_options)})"


def _name(p: Any, name: Any = lambda p: p.name) -> str:
    """A file's name (``name(p)``), or ``DataFrame`` for a frame given in the dict."""
    return "DataFrame" if isinstance(p, pd.DataFrame) else name(p)


def _sheet(sheets: Mapping[str, str], kind: str) -> dict[str, str]:
    """``{"sheet": name}`` for a kind read from a named sheet, else nothing."""
    return {"sheet": sheets[kind]} if kind in sheets else {}


#: Above this many bytes of input (about 50,000 survey rows), :func:`load`
#: shows a progress bar unless ``progress=False``.
PROGRESS_BYTES = 5_000_000


class _Bar:
    """A stage-by-stage tqdm bar, or nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled:
            try:
                from tqdm.auto import tqdm  # right widget in Jupyter, text elsewhere
            except ImportError:  # pragma: no cover - tqdm is optional
                import warnings

                warnings.warn(Message.of(N_("{option} needs tqdm: {install}"), option="progress=True",
                                         install="pip install tqdm"), stacklevel=3)
                return
            self.bar = tqdm(total=total, unit="step", desc="alliances.load")
        self.started = False

    def step(self, what: str) -> None:
        if self.bar is not None:
            if self.started:
                self.bar.update(1)
            self.started = True
            # shown at once: in the environment's language (ALLIANCES_LANG, the locale)
            self.bar.set_description(translate(what))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_description("alliances.load")
            self.bar.close()


def _progress(files: Mapping[str, Path], progress: bool | None) -> _Bar:
    if progress is None:
        size = 0
        for p in files.values():
            if isinstance(p, pd.DataFrame):
                size += 100 * len(p)  # about a survey row's bytes
                continue
            with contextlib.suppress(OSError):  # reported by the reader
                size += p.stat().st_size
        progress = size > PROGRESS_BYTES
    # each file, then merging and the search for duplicates
    return _Bar(len(files) + 2, bool(progress))


