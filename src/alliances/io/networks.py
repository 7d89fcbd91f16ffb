"""Networks made elsewhere: edge lists, Gephi and Kumu tables, GEXF, GraphML, Pajek, UCINET DL.

Researchers often arrive with a network already made: an edge list written
by another Python or R tool, a Gephi or Kumu project, a UCINET or Pajek file
from a published study. :func:`read_network` reads each of them into the
actor graph of :mod:`alliances.model` (the same schema as the survey,
interview and affiliation importers, built by the same
:class:`~alliances.io.builder.GraphBuilder`), with an
:class:`~alliances.io.report.ImportReport` in ``G.graph["import_report"]``
that says which format was recognised, which column or attribute played
which role, and what could not be mapped.

Whether a row is one respondent's report (a directed tie, from the
respondent) or an undirected tie is read from the file (a ``directed``
column, Gephi's ``Type``, Kumu's ``Direction``, Pajek's ``*Arcs`` /
``*Edges``, a GEXF or GraphML graph's direction, a UCINET matrix cell) or
given with ``directed=``; it is never guessed. An undirected tie is stored as
two reciprocal arcs, as the actor graph stores co-participation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from alliances.errors import InputError
from alliances.export import parse_evidence, split_cell
from alliances.i18n import N_, Message
from alliances.io.actors import parse_kind
from alliances.io.builder import GraphBuilder, GraphReport, fill_tuples, registry_frame
from alliances.io.csvfile import CsvTable, match_columns, parse_number
from alliances.io.names import NameResolver
from alliances.io.report import COLUMN_ROLES, ImportReport
from alliances.io.workbook import is_workbook, read_any, sheet_names
from alliances.model import (
    ACTOR_ATTRIBUTES,
    DEFAULT_RELATION,
    SECTORS,
    actor_id,
    canonical_sector,
    count_ties,
    normalize_text,
)

__all__ = [
    "DIRECTION_ADVICE",
    "EDGE_COLUMNS",
    "NETWORK_SUFFIXES",
    "NODE_COLUMNS",
    "edge_list_columns",
    "has_id_column",
    "is_network_file",
    "kumu_sheets",
    "python_literal",
    "read_network",
]

#: Graph-file suffixes :func:`read_network` (and :func:`alliances.load`) read by their format.
NETWORK_SUFFIXES: tuple[str, ...] = (".gexf", ".graphml", ".net", ".paj", ".dl")

#: The pairs of endpoint headers that make a table an edge list (compared after normalize_text).
ENDPOINT_PAIRS: tuple[tuple[str, str], ...] = (
    ("source", "target"), ("from", "to"), ("ego", "alter"), ("i", "j"),
    ("sender", "receiver"), ("source id", "target id"), ("node1", "node2"),
    ("de", "vers"), ("source", "cible"), ("origine", "destination"),
)

#: Edge-list columns besides the endpoints (role -> headers, compared after normalize_text).
EDGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "directed": ("directed", "direction", "oriente", "dirige", "is directed"),
    "relation": ("relation", "relations", "type de relation", "tie type", "relationship",
                 "kind", "type de lien"),
    "weight": ("weight", "poids", "strength", "force", "value", "valeur", "intensite"),
    "sign": ("sign", "signe", "valence"),
    "trust": ("trust", "confiance"),
}

#: Node-list columns (role -> headers, compared after normalize_text).
NODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "actor id", "actor_id", "node", "node id", "nodeid", "vertex", "key",
           "identifiant", "id acteur"),
    "label": ("label", "name", "nom", "libelle", "organisation", "organization", "structure",
              "actor name", "nom de la structure"),
    "sector": ("sector", "secteur", "type", "category", "categorie", "group", "groupe",
               "monde", "type d acteur", "actor type"),
    "kind": ("kind", "nature"),
    "territory": ("territory", "territoire", "commune"),
}

_TRUE = frozenset({"true", "1", "yes", "y", "oui", "o", "vrai", "directed", "dirige",
                   "oriente", "arc", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "non", "faux", "undirected", "non dirige",
                    "non oriente", "mutual", "mutuel", "reciproque", "edge", "f"})
# attributes a file-format writer adds that carry no meaning for the actor graph
_LAYOUT_ATTRS = frozenset({"viz", "x", "y", "z", "size", "r", "g", "b", "color", "colour",
                           "id", "pid", "start", "end", "type", "kind", "shape"})
# tuple attributes of the actor graph, written "a | b" by alliances' GEXF and GraphML writers
_NODE_TUPLES = ("sectors", "themes", "events")
_TIE_TUPLES = ("themes", "tones", "interviews", "events", "evidence", "participants")

# the importer's sentences (each a Message: English now, said again in the report's language)
VALUE_ZERO = Message.of(N_("value 0: no tie"))
NO_TIE_ON_ROW = Message.of(N_("no tie on this row"))
COLUMNS_NOT_MAPPED = Message.of(N_("columns not mapped onto the actor graph; left out"))
TOOLS = {"edge list": Message.of(N_("edge list")),
         "Gephi edge table": Message.of(N_("Gephi edge table")),
         "Kumu connections": Message.of(N_("Kumu connections")),
         "Kumu blueprint": Message.of(N_("Kumu blueprint"))}
# "weight 'x' is not a number": one whole sentence per value read, so that a translation
# need not agree a bare word with the rest
NOT_A_NUMBER = {"weight": N_("weight {value} is not a number"),
                "sign": N_("sign {value} is not a number"),
                "trust": N_("trust {value} is not a number"),
                "value": N_("value {value} is not a number"),
                "matrix value": N_("matrix value {value} is not a number")}


def is_network_file(path: Any) -> bool:
    """True for a GEXF, GraphML, Pajek or UCINET DL file (by suffix, or a text file starting ``DL``).

    Examples
    --------
    >>> is_network_file("study.gexf"), is_network_file("survey.csv")
    (True, False)
    """
    if not isinstance(path, (str, PathLike)):
        return False
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in NETWORK_SUFFIXES:
        return True
    if suffix in (".txt", ".dat") and p.is_file():
        return _starts_with_dl(p)
    return False


def _starts_with_dl(p: Path) -> bool:
    try:
        with p.open("rb") as f:
            head = f.read(200).decode("latin-1")
    except OSError:
        return False
    first = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").split(None, 1)
    return bool(first) and re.match(r"(?i)dl\b", first[0]) is not None


def kumu_sheets(path: Any) -> tuple[str, str | None] | None:
    """The Connections (and Elements) sheets of a Kumu blueprint workbook, or None.

    Examples
    --------
    >>> kumu_sheets("survey.csv") is None
    True
    """
    if not is_workbook(path) or not Path(path).is_file():
        return None
    names = {normalize_text(n): n for n in sheet_names(path)}
    if "connections" not in names:
        return None
    return names["connections"], names.get("elements")


def has_id_column(header: list[str]) -> bool:
    """True when a node list has an id column that ties refer to (``id``, ``actor_id``...).

    Examples
    --------
    >>> has_id_column(["actor_id", "name", "type"]), has_id_column(["nom", "secteur"])
    (True, False)
    """
    return "id" in match_columns(header, {"id": NODE_COLUMNS["id"]})


def edge_list_columns(header: list[str], columns: Mapping[str, str] | None = None,
                      ) -> dict[str, str] | None:
    """The roles of an edge list's headers (``source``, ``target``, ...), or None if it is not one.

    Examples
    --------
    >>> edge_list_columns(["Source", "Target", "Type", "Weight"])
    {'source': 'Source', 'target': 'Target', 'weight': 'Weight', 'type': 'Type'}
    >>> edge_list_columns(["respondent", "contact"]) is None
    True
    """
    norm = {normalize_text(h): h for h in reversed(header)}
    found: dict[str, str] = {}
    if columns:
        for theirs, role in columns.items():
            h = norm.get(normalize_text(theirs))
            if h is not None:
                found[role] = h
    if not ("source" in found and "target" in found):
        for a, b in ENDPOINT_PAIRS:
            if a in norm and b in norm:
                found.setdefault("source", norm[a])
                found.setdefault("target", norm[b])
                break
        else:
            return None
    taken = set(found.values())
    for role, role_headers in match_columns([h for h in header if h not in taken],
                                            EDGE_COLUMNS).items():
        found.setdefault(role, role_headers)
    taken = set(found.values())
    if "type" in norm and norm["type"] not in taken:
        # Gephi's Type holds Directed / Undirected; Kumu's holds the connection type
        found["type"] = norm["type"]
    return found


# --------------------------------------------------------------------------- the reader

def read_network(
    path: str | PathLike[str] | pd.DataFrame,
    *,
    actors: str | PathLike[str] | pd.DataFrame | None = None,
    directed: bool | None = None,
    sectors: Mapping[str, str] | None = None,
    relation: str = DEFAULT_RELATION,
    relations: Mapping[str, str] | None = None,
    columns: Mapping[str, str] | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> nx.MultiDiGraph:
    """Read a network made by another tool into the actor graph.

    Recognised by content: an **edge list** (CSV, workbook sheet or
    DataFrame whose headers are ``source``/``target``, ``from``/``to``,
    ``ego``/``alter`` or ``i``/``j``; Gephi's ``Source, Target, Type,
    Weight``; Kumu's ``From, To, Type, Direction``), a **Kumu blueprint**
    workbook (sheets Elements and Connections), **GEXF** and **GraphML**
    (through networkx's readers; files written by :func:`alliances.write_gexf`
    and :func:`alliances.write_graphml` come back as they were written), a
    **Pajek** ``.net`` file (``*Vertices``, ``*Arcs``, ``*Edges``,
    ``*Arcslist``, ``*Edgeslist``, ``*Matrix``) and a **UCINET DL** file
    (``format = fullmatrix``, ``edgelist1`` or ``nodelist1``, labels given
    or embedded, several matrices named by their level labels).

    Parameters
    ----------
    path : str, path-like or DataFrame
        The edge list or graph file.
    actors : str, path-like or DataFrame, optional
        The actor registry made by :func:`alliances.read_actors`, or the node list (``actors.csv``, ``nodes.csv``, Gephi's nodes table):
        an id column (``id``, ``actor_id``, ``Id``...) that the ties refer
        to, a label (``name``, ``Label``), a type or sector (``type``,
        ``sector``...). Without an id column, the ties name the actors and
        the list is read as the actor registry (:func:`alliances.read_actors`).
    directed : bool, optional
        Whether each row is one respondent's report (``True``: a directed
        tie from the source, who is marked ``respondent``) or an undirected
        tie (``False``: two reciprocal arcs). Needed when the file says
        nothing (no ``directed``, ``Type`` or ``Direction`` column);
        a blank cell of such a column also takes it.
    sectors : dict, optional
        Coded types -> sectors: ``{"GOV": "public authority", "NGO":
        "association"}`` (the sector may be a code or any synonym the
        importers know). Codes without a mapping are kept as written and
        reported.
    relation : str, default "tie"
        The relation of ties whose file names none.
    relations : dict, optional
        Relations as the file names them -> relations of the actor graph:
        ``{"SAMPDLK": "conflict", "GOV_COLLAB": "collaboration"}`` (a
        ``conflict`` is a negative tie). Names without a mapping are kept
        (lower case) and reported when outside the vocabulary.
    columns : dict, optional
        ``{"their header": role}`` for headers not recognised, with roles
        ``source``, ``target``, ``directed``, ``relation``, ``weight``,
        ``sign``, ``trust`` (edge list) and ``id``, ``label``, ``sector``
        (node list).
    sheet : str or int, optional
        The sheet of a workbook edge list.
    encoding, sep : str, optional
        Force the encoding or the delimiter of CSV files.

    Returns
    -------
    networkx.MultiDiGraph
        The actor graph; ``G.graph["import_report"]`` says which format was
        recognised and which column played which role.

    Raises
    ------
    InputError
        If the file is no network the reader knows, if the direction of
        the ties is not given, or a value cannot be read (file, line and
        column named; the suggested call works when copied).

    Examples
    --------
    >>> import io, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "ties.csv")
    >>> _ = open(p, "w").write("source,target,directed,weight\\nMairie,Asso Vélo,true,2\\n")
    >>> G = read_network(p)
    >>> sorted(G.edges(keys=True, data="weight"))
    [('mairie', 'asso-velo', 'tie', 2.0)]
    """
    _RELATIONS.set(dict(relations or {}))
    _FRAME.set(isinstance(path, pd.DataFrame))
    _OPTIONS.set({k: v for k, v in (("sectors", sectors), ("relation", relation),
                                     ("relations", relations), ("columns", columns),
                                     ("sheet", sheet), ("encoding", encoding), ("sep", sep))
                  if v is not None and not (k == "relation" and v == DEFAULT_RELATION)})
    if isinstance(path, (str, PathLike)):
        p = Path(path)
        if not p.exists():
            raise InputError(Message.of(N_("file not found: {path}; check the name and folder"),
                                        path=str(p)), path=str(p))
        suffix = p.suffix.lower()
        if suffix == ".gexf":
            return _read_graph_file(p, "GEXF", actors=actors, sectors=sectors,
                                    relation=relation)
        if suffix == ".graphml":
            return _read_graph_file(p, "GraphML", actors=actors, sectors=sectors,
                                    relation=relation)
        if suffix in (".net", ".paj"):
            return _build(_parse_pajek(p, relation), actors, sectors, relation, directed)
        if suffix == ".dl" or (suffix in (".txt", ".dat") and _starts_with_dl(p)):
            return _build(_parse_dl(p, relation), actors, sectors, relation, directed)
        if sheet is None and (kumu := kumu_sheets(p)):
            return _read_kumu(p, kumu, actors=actors, sectors=sectors, relation=relation,
                              directed=directed, columns=columns)
    table = read_any(path, encoding=encoding, sep=sep, sheet=sheet)
    return _read_edge_table(table, actors=actors, sectors=sectors, relation=relation,
                            directed=directed, columns=columns, encoding=encoding, sep=sep)


# relations= of the current read_network call (read where the ties are built)
_RELATIONS: ContextVar[dict[str, str]] = ContextVar("relations", default={})  # noqa: B039


# --------------------------------------------------------------------------- parsed form

@dataclass
class _Node:
    label: str
    line: int | None
    sector: str = ""
    kind: str = ""
    territory: str = ""


@dataclass
class _Edge:
    line: int | None
    source: str
    target: str
    relation: str = ""  # as written; "" -> the default relation
    value: float | None = None  # weight as read (negative: a negative tie)
    sign: int | None = None
    trust: float | None = None
    directed: bool | None = None
    column: str | None = None  # for the report


@dataclass
class _Parsed:
    """A network file read into plain rows, before the graph is built."""

    file: str
    tool: str
    roles: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, _Node] = field(default_factory=dict)  # file id -> node, file order
    node_file: str | None = None
    node_rows: int = 0
    edges: list[_Edge] = field(default_factory=list)
    rows: list[tuple[int | None, list[int]]] = field(default_factory=list)  # row line, edge idx
    skipped: list[tuple[str, int | None, str]] = field(default_factory=list)
    problems: list[tuple] = field(default_factory=list)
    directed_default: bool | None = None
    directed_source: str = ""
    table: CsvTable | None = None
    by_name: bool = False  # endpoints are names (no ids)


def _number(text: str, what: str, file: str, line: int | None, column: str | None) -> float:
    value = parse_number(text) if isinstance(text, str) else float(text)
    if value is None:
        raise InputError(Message.of(NOT_A_NUMBER[what], value=repr(text)), path=file, line=line,
                         column=column)
    return float(value)


def _bool_cell(text: str) -> bool | None:
    key = normalize_text(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def python_literal(value: Any) -> str:
    """``value`` written as Python source, as the advice in errors prints it (works when copied).

    Examples
    --------
    >>> print(python_literal({"ties": "liens.csv", "directed": True, "sectors": {"GOV": "public"}}))
    {"ties": "liens.csv", "directed": True, "sectors": {"GOV": "public"}}
    """
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{python_literal(k)}: {python_literal(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    if isinstance(value, (str, PathLike)):
        return json.dumps(str(value), ensure_ascii=False)
    return repr(value)


#: How the advice of a missing direction is written: a function of ``directed`` giving the
#: call to copy. :func:`alliances.load` sets it so that the advice repeats its own call.
DIRECTION_ADVICE: ContextVar[Callable[[bool], str] | None] = ContextVar(
    "direction_advice", default=None)
# the options of the current read_network call, repeated in the advice
_OPTIONS: ContextVar[dict[str, Any]] = ContextVar("options", default={})  # noqa: B039
_FRAME: ContextVar[bool] = ContextVar("frame", default=False)  # the edge list is a DataFrame


def _call(path: Any, actors: Any, directed: bool) -> str:
    """The call to print in advice (works when copied)."""
    advice = DIRECTION_ADVICE.get()
    if advice is not None:
        return advice(directed)
    options = {**_OPTIONS.get(), "directed": directed}
    if _FRAME.get():
        args = ", ".join(f"{k}={python_literal(v)}" for k, v in options.items())
        return f"alliances.io.networks.read_network(frame, {args})"
    where: dict[str, Any] = {"ties": str(path)}
    if isinstance(actors, (str, PathLike)):
        where["actors"] = str(actors)
    return f"alliances.load({python_literal(where)}, network_options={python_literal(options)})"


# --------------------------------------------------------------------------- edge tables

def _read_edge_table(table: CsvTable, *, actors: Any, sectors: Mapping[str, str] | None,
                     relation: str, directed: bool | None, columns: Mapping[str, str] | None,
                     encoding: str | None = None, sep: str | None = None,
                     tool: str | None = None, nodes_table: CsvTable | None = None,
                     default_directed: tuple[bool, str] | None = None) -> nx.MultiDiGraph:
    roles = edge_list_columns(table.header, columns)
    if roles is None:
        raise InputError(Message.of(
            N_("not an edge list: no pair of source and target columns ({pairs}). Columns "
               "found: {columns}. Name them so, or pass {option}"),
            pairs="source/target, from/to, ego/alter, i/j", columns=", ".join(table.header),
            # the option to copy, its placeholders in the reader's language
            option=Message.of(N_('columns={"their source header": "source", '
                                 '"their target header": "target"}'))),
            path=table.path, line=table.header_line)
    norm = {normalize_text(h) for h in table.header}
    if tool is None:
        if {"source", "target"} <= norm and "type" in norm:
            tool = TOOLS["Gephi edge table"]
        elif {"from", "to"} <= norm and ("type" in norm or "direction" in norm):
            tool = TOOLS["Kumu connections"]
        else:
            tool = TOOLS["edge list"]
    # Gephi's Type is the direction; Kumu's Type (with a Direction column) is the relation
    if "type" in roles:
        values = {normalize_text(c) for c in table.column(roles["type"]) if c.strip()}
        if "directed" not in roles and values and values <= {"directed", "undirected", "mixed"}:
            roles["directed"] = roles.pop("type")
        elif "relation" not in roles:
            roles["relation"] = roles.pop("type")
        else:
            roles.pop("type")
    parsed = _Parsed(file=table.name, tool=tool, table=table)
    parsed.roles = {h: r for r, h in roles.items()}
    if default_directed is not None:
        parsed.directed_default, parsed.directed_source = default_directed
    unmapped = [h for h in table.header if h not in parsed.roles]
    if unmapped:
        parsed.problems.append((table.name, table.header_line, None, ", ".join(unmapped),
                                COLUMNS_NOT_MAPPED))
    idx = {r: table.header.index(h) for r, h in roles.items()}
    for row, line in zip(table.rows, table.lines, strict=True):
        s, t = row[idx["source"]].strip(), row[idx["target"]].strip()
        if not s or not t:
            parsed.skipped.append((table.name, line, Message.of(
                N_("no source or no target on this row"))))
            continue
        e = _Edge(line, s, t)
        if "relation" in idx:
            e.relation = row[idx["relation"]]
        if "weight" in idx and row[idx["weight"]].strip():
            e.value = _number(row[idx["weight"]], "weight", table.path, line, roles["weight"])
        if "sign" in idx and row[idx["sign"]].strip():
            e.sign = -1 if _number(row[idx["sign"]], "sign", table.path, line,
                                   roles["sign"]) < 0 else 1
        if "trust" in idx and row[idx["trust"]].strip():
            e.trust = _number(row[idx["trust"]], "trust", table.path, line, roles["trust"])
            if not 0 <= e.trust <= 1:
                parsed.problems.append((table.name, line, roles["trust"], row[idx["trust"]],
                                        Message.of(N_("trust outside 0..1; kept as missing"))))
                e.trust = None
        if "directed" in idx and row[idx["directed"]].strip():
            e.directed = _bool_cell(row[idx["directed"]])
            if e.directed is None:
                raise InputError(Message.of(
                    N_("{value} does not say whether the tie is directed; write true / false "
                       "(or directed / undirected)"), value=repr(row[idx["directed"]])),
                    path=table.path, line=line, column=roles["directed"])
        parsed.rows.append((line, [len(parsed.edges)]))
        parsed.edges.append(e)
    _need_direction(parsed, directed, table.path, actors,
                    has_column="directed" in idx, column=roles.get("directed"))
    if nodes_table is not None:
        _read_node_table(parsed, nodes_table, columns)
    return _build(parsed, actors, sectors, relation, directed)


def _need_direction(parsed: _Parsed, directed: bool | None, path: Any, actors: Any, *,
                    has_column: bool, column: str | None) -> None:
    """Refuse rows whose direction neither the file nor ``directed=`` gives."""
    if directed is not None or parsed.directed_default is not None:
        return
    blank = [e.line for e in parsed.edges if e.directed is None]
    if not blank:
        return
    first = blank[0]
    where = (Message.ngettext('the "{column}" column is empty on {n} row',
                              'the "{column}" column is empty on {n} rows', len(blank),
                              column=column) if has_column else
             Message.of(N_("the file has no {directed}, {type} or {direction} column"),
                        directed="directed", type="Type", direction="Direction"))
    # the calls are fields: they are Python, copied as printed in every language
    raise InputError(Message.of(
        N_("cannot tell whether each row is one respondent's report (a directed tie from the "
           "source) or an undirected tie: {where}. Say which: {directed_call} (each row: the "
           "source reported the target) or {undirected_call} (each row: one tie, both ways); "
           "with {function}, pass {directed} or {undirected}"),
        where=where, directed_call=_call(path, actors, directed=True),
        undirected_call=_call(path, actors, directed=False), function="read_network",
        directed="directed=True", undirected="directed=False"),
        path=str(path), line=first, column=column or "directed")


def _read_node_table(parsed: _Parsed, table: CsvTable, columns: Mapping[str, str] | None,
                     ) -> bool:
    """Read a node list with an id column into ``parsed`` (False: no id column)."""
    roles = match_columns(table.header, NODE_COLUMNS, columns)
    if "id" not in roles:
        if "label" not in roles:
            return False
        roles["id"] = roles["label"]  # Kumu's Elements: the label is the id
    parsed.node_file = table.name
    for h in table.header:
        if h not in roles.values():
            parsed.problems.append((table.name, table.header_line, h, None, Message.of(
                N_("node column not mapped onto the actor graph; left out"))))
    for r, h in roles.items():  # an edge column of the same name keeps its entry
        parsed.roles[h if h not in parsed.roles else f"{h} ({table.name})"] = f"actor {r}"
    idx = {r: table.header.index(h) for r, h in roles.items()}
    seen: dict[str, int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        parsed.node_rows += 1
        key = row[idx["id"]].strip()
        if not key:
            parsed.skipped.append((table.name, line, Message.of(N_("no id on this row"))))
            continue
        if key in seen:
            parsed.skipped.append((table.name, line, Message.of(
                N_("id {id} already on line {line}"), id=repr(key), line=seen[key])))
            continue
        seen[key] = line
        label = row[idx["label"]].strip() if "label" in idx else ""
        parsed.nodes[key] = _Node(label or key, line,
                                  sector=row[idx["sector"]].strip() if "sector" in idx else "",
                                  kind=row[idx["kind"]].strip() if "kind" in idx else "",
                                  territory=(row[idx["territory"]].strip()
                                             if "territory" in idx else ""))
    return True


def _read_kumu(p: Path, sheets: tuple[str, str | None], *, actors: Any,
               sectors: Mapping[str, str] | None, relation: str, directed: bool | None,
               columns: Mapping[str, str] | None) -> nx.MultiDiGraph:
    connections, elements = sheets
    table = read_any(p, sheet=connections)
    nodes = read_any(p, sheet=elements) if elements is not None and actors is None else None
    return _read_edge_table(
        table, actors=actors, sectors=sectors, relation=relation, directed=directed,
        columns=columns, tool=TOOLS["Kumu blueprint"], nodes_table=nodes,
        # Kumu draws a connection with no Direction as directed (its documented default)
        default_directed=(True, Message.of(
            N_("Kumu's default for a connection without {column}"), column="Direction")))


# --------------------------------------------------------------------------- Pajek

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def _tokens(text: str) -> list[str]:
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _TOKEN.finditer(text)]


def _lines(p: Path) -> list[str]:
    data = p.read_bytes()
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc).splitlines()
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _parse_pajek(p: Path, relation: str) -> _Parsed:
    parsed = _Parsed(file=p.name, tool="Pajek")
    section = ""
    n = 0
    rel_names: dict[str, str] = {}
    rel = ""
    matrix_row = 0
    for line_no, raw in enumerate(_lines(p), start=1):
        text = raw.strip()
        if not text or text.startswith("%"):
            continue
        if text.startswith("*"):
            head = _tokens(text)
            word = head[0].lower()
            section = word
            rel = ""
            if word == "*vertices":
                if len(head) > 2:
                    raise InputError(Message.of(
                        N_("a two-mode Pajek network ({header}): actors and events, not an "
                           "actor graph; write it as an affiliation list and use {function}"),
                        header="*Vertices n n1", function="read_affiliations"),
                        path=str(p), line=line_no)
                n = int(head[1])
                for i in range(1, n + 1):
                    parsed.nodes[str(i)] = _Node(str(i), None)
            elif word in ("*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix"):
                matrix_row = 0
                if len(head) > 1 and head[1].startswith(":"):
                    # "*Arcs :2 "trust"": a named relation of a multi-relational network
                    number = head[1][1:]
                    if len(head) > 2:
                        rel_names[number] = head[2]
                    rel = rel_names.get(number, number)
                parsed.roles[text] = {"*arcs": "directed ties", "*edges": "undirected ties",
                                      "*arcslist": "directed ties (lists)",
                                      "*edgeslist": "undirected ties (lists)",
                                      "*matrix": "directed ties (matrix)"}[word]
            elif word == "*network":
                parsed.roles[text] = "network name"
            else:
                parsed.problems.append((p.name, line_no, None, head[0], Message.of(
                    N_("Pajek section not read (not part of the actor graph)"))))
                section = "ignored"
            continue
        if section == "*vertices":
            parts = _tokens(text)
            parsed.node_rows += 1
            key = parts[0]
            label = parts[1] if len(parts) > 1 else key
            parsed.nodes[key] = _Node(label, line_no)
            continue
        if section in ("*arcs", "*edges"):
            parts = _tokens(text)
            value = _number(parts[2], "value", str(p), line_no, None) if len(parts) > 2 \
                and _is_num(parts[2]) else None
            edge = _Edge(line_no, parts[0], parts[1], relation=rel, value=value,
                         directed=section == "*arcs")
            for j in range(3, len(parts) - 1):
                if parts[j] == "l" and not rel:  # an arc label: the relation
                    edge.relation = parts[j + 1]
            parsed.rows.append((line_no, [len(parsed.edges)]))
            parsed.edges.append(edge)
        elif section in ("*arcslist", "*edgeslist"):
            parts = _tokens(text)
            first = len(parsed.edges)
            for target in parts[1:]:
                parsed.edges.append(_Edge(line_no, parts[0], target, relation=rel,
                                          directed=section == "*arcslist"))
            parsed.rows.append((line_no, list(range(first, len(parsed.edges)))))
        elif section == "*matrix":
            matrix_row += 1
            _matrix_row(parsed, line_no, str(matrix_row), text.split(),
                        [str(j) for j in range(1, n + 1)], rel, str(p))
    return parsed


def _is_num(text: str) -> bool:
    return re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text) is not None


def _matrix_row(parsed: _Parsed, line: int, source: str, cells: list[str], targets: list[str],
                rel: str, path: str) -> None:
    if len(cells) != len(targets):
        raise InputError(Message.ngettext("this matrix row has {n} value for {actors} actors",
                                          "this matrix row has {n} values for {actors} actors",
                                          len(cells), actors=len(targets)),
                         path=path, line=line)
    first = len(parsed.edges)
    for target, cell in zip(targets, cells, strict=True):
        value = _number(cell, "matrix value", path, line, None)
        if value != 0:
            parsed.edges.append(_Edge(line, source, target, relation=rel, value=value,
                                      directed=True))
    if len(parsed.edges) > first:
        parsed.rows.append((line, list(range(first, len(parsed.edges)))))
    else:
        parsed.skipped.append((parsed.file, line, Message.of(
            N_("matrix row with no tie (all zeros)"))))


# --------------------------------------------------------------------------- UCINET DL

_DL_KEY = re.compile(r"(?i)\b(n|nr|nc|nm|format|diagonal)\s*=\s*([\w.]+)")
_DL_SECTION = re.compile(
    r"(?i)^\s*(row labels|column labels|col labels|labels|level labels|matrix labels|data)"
    r"\s*(embedded)?\s*(:)?")


def _parse_dl(p: Path, relation: str) -> _Parsed:
    parsed = _Parsed(file=p.name, tool="UCINET DL")
    lines = _lines(p)
    opts: dict[str, str] = {}
    labels: list[str] = []
    col_labels: list[str] = []
    levels: list[str] = []
    embedded = False
    section = "header"
    data: list[tuple[int, str]] = []
    for line_no, raw in enumerate(lines, start=1):
        text = raw.strip()
        if section == "data":
            if text:
                data.append((line_no, text))
            continue
        if not text:
            continue
        m = _DL_SECTION.match(text)
        if m and (m.group(3) or m.group(2)):
            name = m.group(1).lower()
            if m.group(2):
                embedded = True
                section = "header"
            elif name == "data":
                section = "data"
            else:
                section = {"row labels": "labels", "labels": "labels",
                           "column labels": "col", "col labels": "col",
                           "level labels": "levels", "matrix labels": "levels"}[name]
            rest = text[m.end():].strip()
            if rest and section not in ("header", "data"):
                _add_labels(rest, section, labels, col_labels, levels)
            elif rest and section == "data":
                data.append((line_no, rest))
            continue
        if section == "header" or _DL_KEY.search(text) or re.match(r"(?i)dl\b", text):
            for key, value in _DL_KEY.findall(text):
                opts[key.lower()] = value.lower()
            if re.search(r"(?i)labels\s+embedded", text):
                embedded = True
            continue
        _add_labels(text, section, labels, col_labels, levels)
    if "nr" in opts or "nc" in opts:
        raise InputError(Message.of(
            N_("a two-mode UCINET file ({header}): rows and columns are different sets (actors "
               "and events), not an actor graph; write it as an affiliation matrix and use "
               "{function}"), header="nr= nc=", function="read_affiliations"),
            path=str(p), line=1)
    if "n" not in opts:
        raise InputError(Message.of(N_("no {key} in the DL header (the number of actors)"),
                                    key="n="), path=str(p), line=1)
    n = int(opts["n"])
    nm = int(opts.get("nm", "1"))
    fmt = opts.get("format", "fullmatrix")
    parsed.roles = {"format": fmt, "n": str(n)}
    if labels and len(labels) != n:
        raise InputError(Message.ngettext("{n} label for n={actors} actors",
                                          "{n} labels for n={actors} actors", len(labels),
                                          actors=n), path=str(p))
    ids = labels or [str(i) for i in range(1, n + 1)]
    if not embedded:
        for key in ids:
            parsed.nodes[key] = _Node(key, None)
    if levels and len(levels) != nm:
        raise InputError(Message.ngettext("{n} level label for nm={matrices} matrices",
                                          "{n} level labels for nm={matrices} matrices",
                                          len(levels), matrices=nm), path=str(p))
    rels = levels or ([relation] * nm)
    number = {str(i): key for i, key in enumerate(ids, start=1)}
    if fmt == "fullmatrix":
        diagonal = opts.get("diagonal", "present") != "absent"
        if embedded:
            head_line, head = data.pop(0)
            col_ids = _dl_split(head)
            if len(col_ids) != n:
                raise InputError(Message.ngettext("{n} column label for n={actors}",
                                                  "{n} column labels for n={actors}",
                                                  len(col_ids), actors=n),
                                 path=str(p), line=head_line)
        else:
            col_ids = col_labels or ids
        for k in range(nm):
            rel = rels[k] if levels else ""
            for i in range(n):
                if not data:
                    raise InputError(Message.of(
                        N_("the data ends before row {row} of matrix {matrix}"), row=i + 1,
                        matrix=k + 1), path=str(p), line=len(lines))
                line_no, text = data.pop(0)
                cells = _dl_split(text)
                row_id = ids[i]
                if embedded:
                    row_id, cells = cells[0], cells[1:]
                    parsed.nodes.setdefault(row_id, _Node(row_id, None))
                targets = col_ids if diagonal else [c for j, c in enumerate(col_ids) if j != i]
                _matrix_row(parsed, line_no, row_id, cells, list(targets), rel, str(p))
        if embedded:
            for c in col_ids:
                parsed.nodes.setdefault(c, _Node(c, None))
    elif fmt in ("edgelist1", "nodelist1"):
        k = 0
        for line_no, text in data:
            if text.startswith("!"):
                k += 1  # the next matrix of a multi-relational edge list
                continue
            cells = _dl_split(text)
            rel = rels[min(k, len(rels) - 1)] if levels else ""
            names = [c if embedded else number.get(c, c) for c in cells]
            if embedded:
                for c in names[:2] if fmt == "edgelist1" else names:
                    parsed.nodes.setdefault(c, _Node(c, None))
            if fmt == "edgelist1":
                value = (_number(cells[2], "value", str(p), line_no, None)
                         if len(cells) > 2 else None)
                if value == 0:
                    parsed.skipped.append((p.name, line_no, VALUE_ZERO))
                    continue
                parsed.rows.append((line_no, [len(parsed.edges)]))
                parsed.edges.append(_Edge(line_no, names[0], names[1], relation=rel,
                                          value=value, directed=True))
            else:
                first = len(parsed.edges)
                for target in names[1:]:
                    parsed.edges.append(_Edge(line_no, names[0], target, relation=rel,
                                              directed=True))
                if len(parsed.edges) > first:
                    parsed.rows.append((line_no, list(range(first, len(parsed.edges)))))
                else:
                    parsed.skipped.append((p.name, line_no, Message.of(
                        N_("no alter on this row"))))
        if not embedded and not labels:
            for e in parsed.edges:
                for end in (e.source, e.target):
                    if end not in parsed.nodes:
                        raise InputError(Message.of(
                            N_("actor number {number} is outside 1..n={actors}"), number=end,
                            actors=n), path=str(p), line=e.line)
    else:
        raise InputError(Message.of(
            N_("UCINET format {format} is not read; use {full}, {edges} or {nodes} (UCINET's "
               "{menu} writes them)"), format=repr(fmt), full="fullmatrix", edges="edgelist1",
            nodes="nodelist1", menu="Data > Export > DL"), path=str(p))
    return parsed


def _dl_split(text: str) -> list[str]:
    return [c.strip().strip('"') for c in re.split(r"[,\s]+", text.strip()) if c.strip()]


def _add_labels(text: str, section: str, labels: list[str], col_labels: list[str],
                levels: list[str]) -> None:
    target = {"labels": labels, "col": col_labels, "levels": levels}.get(section)
    if target is None:
        return
    # labels are separated by commas, spaces or line breaks; quoted labels may hold spaces
    if "," in text:
        parts = [c.strip().strip('"') for c in text.split(",") if c.strip()]
    else:
        parts = [q or w for q, w in re.findall(r'"([^"]*)"|(\S+)', text)]
    target.extend(parts)


# --------------------------------------------------------------------------- GEXF, GraphML

def _element_lines(p: Path, tag: str) -> list[int]:
    """The line of each ``<tag`` element, in document order (networkx reads them in that order)."""
    out = []
    pattern = re.compile(rf"<(?:\w+:)?{tag}[\s/>]")
    for line_no, text in enumerate(_lines(p), start=1):
        out.extend(line_no for _ in pattern.finditer(text))
    return out


def _read_graph_file(p: Path, tool: str, *, actors: Any, sectors: Mapping[str, str] | None,
                     relation: str) -> nx.MultiDiGraph:
    try:
        H = (nx.read_gexf(p) if tool == "GEXF" else nx.read_graphml(p, force_multigraph=True))
    except Exception as err:  # networkx raises several kinds on a malformed file
        raise InputError(Message.of(N_("cannot read this {tool} file: {error}"), tool=tool,
                                    error=str(err)), path=str(p)) from None
    node_attrs = {k for _, d in H.nodes(data=True) for k in d}
    if {"respondent", "kind"} <= node_attrs and all("respondent" in d for _, d in
                                                    H.nodes(data=True)):
        return _alliances_graph(H, p, tool)
    parsed = _Parsed(file=p.name, tool=tool)
    lines = _element_lines(p, "edge")
    node_lines = _element_lines(p, "node")
    mapped: dict[str, str] = {}
    unmapped: dict[str, set[str]] = {"node": set(), "edge": set()}
    for i, (node, data) in enumerate(H.nodes(data=True)):
        parsed.node_rows += 1
        sector = ""
        label = str(data.get("label") or data.get("name") or node)
        for k, v in data.items():
            role = _node_role(k)
            if role == "sector" and not sector and v not in (None, ""):
                sector = str(v)
                mapped[k] = "actor sector"
            elif role == "label":
                mapped[k] = "actor label"
            elif k not in _LAYOUT_ATTRS:
                unmapped["node"].add(k)
        parsed.nodes[str(node)] = _Node(label, node_lines[i] if len(node_lines) ==
                                        H.number_of_nodes() else None, sector=sector)
    undirected = not H.is_directed()
    triples = (H.edges(keys=True, data=True) if H.is_multigraph() else
               ((u, v, None, d) for u, v, d in H.edges(data=True)))
    for i, (u, v, _key, data) in enumerate(triples):
        line = lines[i] if len(lines) == H.number_of_edges() else None
        e = _Edge(line, str(u), str(v), directed=not undirected)
        for k, val in data.items():
            role = _edge_role(k)
            if role == "weight":
                e.value = _number(str(val), "weight", str(p), line, k)
            elif role == "relation" and not e.relation:
                e.relation = str(val)
            elif role == "sign":
                e.sign = -1 if _number(str(val), "sign", str(p), line, k) < 0 else 1
            elif role == "trust":
                e.trust = _number(str(val), "trust", str(p), line, k)
            else:
                if k not in _LAYOUT_ATTRS:
                    unmapped["edge"].add(k)
                continue
            mapped[k] = f"tie {role}"
        parsed.rows.append((line, [len(parsed.edges)]))
        parsed.edges.append(e)
    parsed.roles = {k: r for k, r in sorted(mapped.items())}
    parsed.roles["(graph)"] = "undirected: each tie both ways" if undirected else "directed"
    for what, action in (("node", N_("node attributes not mapped onto the actor graph; "
                                     "left out")),
                         ("edge", N_("edge attributes not mapped onto the actor graph; "
                                     "left out"))):
        if unmapped[what]:
            parsed.problems.append((p.name, None, None, ", ".join(sorted(unmapped[what])),
                                    Message.of(action)))
    return _build(parsed, actors, sectors, relation, None)


def _node_role(key: str) -> str | None:
    k = normalize_text(key)
    if k in ("label", "name", "nom"):
        return "label"
    if k in {normalize_text(s) for s in NODE_COLUMNS["sector"]} | {"sector", "modularity"}:
        return None if k == "modularity" else "sector"
    return None


def _edge_role(key: str) -> str | None:
    k = normalize_text(key)
    for role, names in EDGE_COLUMNS.items():
        if role != "directed" and k in {normalize_text(s) for s in names}:
            return role
    if k == "label":
        return "relation"
    return None


def _alliances_graph(H: nx.Graph, p: Path, tool: str) -> nx.MultiDiGraph:
    """A graph file written by alliances' own writers: the actor graph back, attribute by attribute."""
    report = ImportReport(sources=[p.name])
    report.recognised(p.name, Message.of(N_("{tool} written by alliances"), tool=tool),
                      {"(nodes)": COLUMN_ROLES["actor graph attributes"],
                       "(edges)": COLUMN_ROLES["tie attributes"]})
    G = nx.MultiDiGraph()
    for node, data in H.nodes(data=True):
        attrs = dict(data)
        for k in _NODE_TUPLES:
            if k in attrs:
                attrs[k] = tuple(split_cell(str(attrs[k])))
        attrs.setdefault("label", str(node))
        for k, default in ACTOR_ATTRIBUTES.items():
            if default is not None:  # no default (sector, territory): absent when unknown
                attrs.setdefault(k, default)
        G.add_node(str(node), **attrs)
    undirected = not H.is_directed()
    triples = (H.edges(keys=True, data=True) if H.is_multigraph() else
               ((u, v, None, d) for u, v, d in H.edges(data=True)))
    for u, v, key, data in triples:
        report.rows_read += 1
        report.rows_used += 1
        attrs = {k: val for k, val in data.items() if k not in ("id", "label")
                 or (k == "label" and val != data.get("relation"))}
        if "label" in attrs and attrs["label"] == key:
            del attrs["label"]
        for k in _TIE_TUPLES:
            if k in attrs:
                items = split_cell(str(attrs[k]))
                attrs[k] = tuple(parse_evidence(t) for t in items) if k == "evidence" \
                    else tuple(items)
        rel = attrs.get("relation", key if key is not None else DEFAULT_RELATION)
        for a, b in ((u, v), (v, u)) if undirected else ((u, v),):
            G.add_edge(str(a), str(b), key=rel, **attrs)
    fill_tuples(G)
    report.actors = G.number_of_nodes()
    report.ties = count_ties(G)
    G.graph["import_report"] = GraphReport.of(report)
    return G


# --------------------------------------------------------------------------- building

def _relation_of(text: str, mapping: Mapping[str, str]) -> str:
    if not text or not mapping:
        return text
    if text in mapping:
        return mapping[text]
    return {normalize_text(k): v for k, v in mapping.items()}.get(normalize_text(text), text)


def _sector_of(code: str, sectors: Mapping[str, str] | None) -> str:
    if not code or not sectors:
        return code
    if code in sectors:
        return sectors[code]
    by_norm = {normalize_text(k): v for k, v in sectors.items()}
    return by_norm.get(normalize_text(code), code)


def _build(parsed: _Parsed, actors: Any, sectors: Mapping[str, str] | None, relation: str,
           directed: bool | None) -> nx.MultiDiGraph:
    report = ImportReport(sources=[parsed.file])
    registry = None
    table = parsed.table
    if isinstance(actors, pd.DataFrame) and "import_report" in actors.attrs:
        registry = actors  # the registry read_actors made (its rows are in its own report)
    elif actors is not None and not parsed.nodes:
        nodes_table = read_any(actors)
        # without an id column the ties name the actors: the list is the actor registry
        # (its aliases and sectors resolve the names, as for a survey)
        if not has_id_column(nodes_table.header) or not _read_node_table(parsed, nodes_table,
                                                                         None):
            registry = registry_frame(actors, report)  # names, not ids: the actor registry
        else:
            report.sources.append(nodes_table.name)
            report.add_problems(nodes_table.all_problems)
            report.blank_lines += nodes_table.blank_lines
    if table is not None:
        report.add_problems(table.all_problems)
        report.blank_lines += table.blank_lines
    if parsed.node_file and parsed.node_file not in report.sources:
        report.sources.append(parsed.node_file)
    if directed is None:
        _need_direction(parsed, None, parsed.file, actors, has_column=False, column=None)
    builder = GraphBuilder(table or CsvTable(parsed.file, [], [], []), report,
                           NameResolver(registry), "network", registry)
    builder.file = parsed.file
    # the node key is the actor id of the label: two file ids whose labels read alike
    # would become one actor, so each of them gets its id in its label instead
    groups: dict[str, list[str]] = {}
    for key, node in parsed.nodes.items():
        try:
            groups.setdefault(actor_id(node.label), []).append(key)
        except ValueError:
            node.label = key
            groups.setdefault(actor_id(key), []).append(key)
    for slug, keys in groups.items():
        if len(keys) > 1:
            for key in keys:
                parsed.nodes[key].label = f"{parsed.nodes[key].label} ({key})"
            report.problem(parsed.node_file or parsed.file, parsed.nodes[keys[0]].line, None,
                           slug, Message.of(N_("{n} actors share this name (ids {ids}): each "
                                               "keeps its id in its label"),
                                            n=len(keys), ids=", ".join(keys)))
    node_of: dict[str, str] = {}
    by_label: dict[str, str] = {}
    codes: set[str] = set()
    for key, node in parsed.nodes.items():
        sector = _sector_of(node.sector, sectors)
        if node.sector and sector == node.sector and canonical_sector(sector) not in SECTORS:
            codes.add(node.sector)
        extra = {"territory": node.territory} if node.territory else {}
        nid = builder.actor(node.label, sector=sector, line=node.line,
                            column=None, kind=parse_kind(node.kind) if node.kind else None,
                            **extra)
        if nid is not None:
            node_of[key] = nid
            by_label.setdefault(normalize_text(node.label), nid)
    # node-list rows: used when they put an actor in the graph; the others are in skipped
    report.rows_read += parsed.node_rows
    report.rows_used += parsed.node_rows - sum(
        1 for f, _, _ in parsed.skipped if parsed.node_file and f == parsed.node_file)
    if codes and not sectors:
        report.problem(parsed.node_file or parsed.file, None, None, ", ".join(sorted(codes)),
                       Message.of(N_("types kept as written (no sector they name); give their "
                                     "sectors with {option}"),
                                  option='sectors={"CODE": "public authority", ...}'))
    negative = 0
    unknown = 0
    mapping = _RELATIONS.get()
    edges = parsed.edges
    for line, indices in parsed.rows:
        report.rows_read += 1
        used = False
        for i in indices:
            e = edges[i]
            u = _endpoint(e.source, node_of, by_label, builder, parsed)
            v = _endpoint(e.target, node_of, by_label, builder, parsed)
            if u is None or v is None:
                missing = e.source if u is None else e.target
                builder.leave_out(line or 0, Message.of(N_("{name} is not in the node list"),
                                                        name=repr(missing)))
                unknown += 1
                continue
            weight = e.value
            sign = e.sign
            if weight is not None:
                if weight == 0:
                    builder.leave_out(line or 0, VALUE_ZERO)
                    continue
                if weight < 0:
                    sign, weight = -1, -weight
                    negative += 1
            is_directed = e.directed
            if is_directed is None:
                is_directed = directed if directed is not None else parsed.directed_default
            name = parsed.nodes[e.source].label if e.source in parsed.nodes else e.source
            text = _relation_of(e.relation, mapping)
            added = False
            for rel in builder.relation(text, relation, line or 0, None):
                for a, b in ((u, v),) if is_directed or u == v else ((u, v), (v, u)):
                    added = builder.tie(a, b, rel, line=line or 0, weight=weight,
                                        trust=e.trust, sign=sign,
                                        reason_self=Message.of(
                                            N_("self-tie: {name} to itself; no tie"),
                                            name=repr(name))) or added
            if added and is_directed:
                builder.actor(name, respondent=True)  # the source reported this tie
            used = used or added
        builder.end_row(line or 0, used, NO_TIE_ON_ROW)
    for f, line, reason in parsed.skipped:
        if not (parsed.node_file and f == parsed.node_file):
            report.rows_read += 1
        report.skip(f, line, reason)
    for prob in parsed.problems:
        report.problem(*prob)
    if negative:
        report.problem(parsed.file, None, None, None, Message.ngettext(
            "{n} negative value read as a negative tie (sign -1), the weight being the "
            "absolute value",
            "{n} negative values read as negative ties (sign -1), the weight being the "
            "absolute value", negative))
    n_rows = len(parsed.rows)
    if unknown and parsed.nodes and unknown * 2 > n_rows and parsed.node_file:
        raise InputError(Message.ngettext(
            "{n} tie refers to an actor not in the node list {file}: the ties' source and "
            "target must be the node list's ids (or its labels)",
            "{n} ties refer to actors not in the node list {file}: the ties' source and "
            "target must be the node list's ids (or its labels)", unknown,
            file=parsed.node_file), path=parsed.file)
    # format options (UCINET's fullmatrix, n) are the file's own words: shown as they are
    roles: dict[str, str] = {k: COLUMN_ROLES.get(r, r) for k, r in parsed.roles.items()}
    if directed is not None:
        roles["(argument)"] = f"directed={directed}"
    elif parsed.directed_default is not None:
        roles["(default)"] = Message.of(N_("directed={value}: {why}"),
                                        value=parsed.directed_default,
                                        why=parsed.directed_source)
    report.recognised(parsed.file, parsed.tool, roles)
    G = builder.graph()
    return G


def _endpoint(text: str, node_of: Mapping[str, str], by_label: Mapping[str, str],
              builder: GraphBuilder, parsed: _Parsed) -> str | None:
    hit = node_of.get(text)
    if hit is not None:
        return hit
    if parsed.nodes:
        return by_label.get(normalize_text(text))
    return builder.actor(text)
