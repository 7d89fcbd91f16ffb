"""Safe exports: CSV and Excel tables, GEXF and GraphML graphs.

Tables made by :mod:`alliances` end up in spreadsheets and graphs end up in
Gephi, often on the computer of someone who did not make them. This module
writes them so that:

* **no cell runs as a formula** (CSV / formula injection, OWASP and CWE-1236):
  a text cell whose first character is ``=``, ``+``, ``-``, ``@``, a tab, a
  carriage return or NUL (or the full-width ``＝ ＋ － ＠`` that some
  spreadsheets also accept, or one of these after leading spaces) is
  prefixed with a single quote ``'``. Numbers are never touched, and neither
  are texts that are plain numbers such as ``"-12"`` or ``"-3,5"`` (a
  spreadsheet reads them as numbers, never as formulas). The rule is
  reversible: :func:`restore_cell` removes exactly the quotes
  :func:`neutralize_cell` added, because a text that already starts with
  quotes followed by a dangerous character gets one more quote;
* **tuples stay readable and reversible**: ``("public", "company")`` is
  written ``public | company`` (the ``|`` separator the importers read,
  :func:`split_cell` undoes it; items that themselves contain ``" | "``
  cannot be told apart), an :class:`~alliances.model.Evidence` is written
  ``file:line «quote»`` (:func:`parse_evidence` undoes it);
* **French Excel opens it right**: ``write_table(df, path, sep=";",
  bom=True, decimal=",")``;
* **Gephi and other tools read the graph**: :func:`write_gexf` and
  :func:`write_graphml` accept the actor graph as it is (tuple, list,
  Evidence, None and numpy attributes, which networkx's writers reject) and
  convert every attribute to one consistent type (see
  :func:`exportable_graph`); with ``table=`` they carry the analysis columns
  (flags, scores, clusters, stability) as node attributes;
* **Kumu reads the network**: :func:`write_kumu` writes Kumu's spreadsheet
  blueprint (sheets "Elements" and "Connections").
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import SubElement

import networkx as nx
import numpy as np
import pandas as pd

from alliances._cells import DANGEROUS_PREFIXES, neutralize_cell, restore_cell
from alliances.errors import AlliancesWarning
from alliances.model import (
    SECTORS,
    Evidence,
    check_graph,
    is_missing,
    iter_ties,
    tie_relation,
    tie_sign,
)

__all__ = [
    "DANGEROUS_PREFIXES",
    "SEQUENCE_SEPARATOR",
    "exportable_graph",
    "format_cell",
    "neutralize_cell",
    "parse_evidence",
    "restore_cell",
    "safe_frame",
    "split_cell",
    "write_gexf",
    "write_graphml",
    "write_kumu",
    "write_table",
    "write_workbook",
]

#: How tuple and list cells are joined (the importers split on ``|``).
SEQUENCE_SEPARATOR = " | "

_EVIDENCE = re.compile(r"(?P<file>.*?)(?::(?P<line>\d+))?(?: «(?P<quote>.*)»)?", re.DOTALL)
# XML 1.0 forbids these characters (openpyxl, GEXF and GraphML all write XML).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_CELL_MAX = 32_767
_EXCEL_ROWS_MAX = 1_048_576
_EXCEL_COLS_MAX = 16_384


# --------------------------------------------------------------------------- cells

def _evidence_text(ev: Evidence) -> str:
    where = ev.file if ev.line is None else f"{ev.file}:{ev.line}"
    return f"{where} «{ev.quote}»" if ev.quote else where


def parse_evidence(text: str) -> Evidence:
    """Read back an Evidence written as ``file:line «quote»``.

    Examples
    --------
    >>> parse_evidence("entretiens.csv:12 «on se comprend»")
    Evidence(file='entretiens.csv', line=12, quote='on se comprend')
    >>> parse_evidence("survey.csv")
    Evidence(file='survey.csv', line=None, quote=None)
    """
    m = _EVIDENCE.fullmatch(text)
    assert m is not None  # the pattern matches any text
    line = m.group("line")
    return Evidence(m.group("file"), None if line is None else int(line), m.group("quote"))


def split_cell(text: str) -> list[str]:
    """Split a cell written from a tuple back into its items.

    Examples
    --------
    >>> split_cell("public | company")
    ['public', 'company']
    >>> split_cell("")
    []
    """
    return [] if text == "" else text.split(SEQUENCE_SEPARATOR)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def _item_text(value: Any) -> str:
    if isinstance(value, Evidence):
        return _evidence_text(value)
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_item_text(v) for v in value) + ")"
    return "" if is_missing(value) else str(value)


def _sequence_text(value: Iterable[Any]) -> str:
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)  # sets have no order: sort for deterministic files
    return SEQUENCE_SEPARATOR.join(_item_text(v) for v in value)


def format_cell(value: Any, *, safe: bool = True, decimal: str = ".") -> Any:
    """Turn one value into what a table file should hold.

    Parameters
    ----------
    value : object
        The cell value.
    safe : bool, default True
        Neutralise text that a spreadsheet would run as a formula
        (:func:`neutralize_cell`).
    decimal : str, default "."
        Decimal mark for floats (``","`` for French Excel).

    Returns
    -------
    object
        None for missing values; numbers and booleans unchanged (floats as
        text with ``decimal`` when it is not ``"."``); an Evidence as
        ``file:line «quote»``; tuples, lists and sets joined with ``" | "``;
        dicts as JSON; anything else as (neutralised) text.

    Examples
    --------
    >>> format_cell(("public", "company"))
    'public | company'
    >>> format_cell((Evidence("survey.csv", 3), Evidence("interviews.csv", 9, "ils aident")))
    'survey.csv:3 | interviews.csv:9 «ils aident»'
    >>> format_cell(-2.5), format_cell("-2.5"), format_cell("@SUM(A1)")
    (-2.5, '-2.5', "'@SUM(A1)")
    """
    if isinstance(value, np.generic):
        value = value.item()
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if _is_number(value):
        if decimal != "." and isinstance(value, float):
            return repr(value).replace(".", decimal)
        return value
    if isinstance(value, (_dt.date, _dt.time, pd.Timestamp)):
        return value
    if isinstance(value, Evidence):
        text = _evidence_text(value)
    elif isinstance(value, (tuple, list, set, frozenset)):
        text = _sequence_text(value)
    elif isinstance(value, Mapping):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    return neutralize_cell(text) if safe else text


def _needs_cellwise(series: pd.Series) -> bool:
    dtype = series.dtype
    return not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
                or pd.api.types.is_datetime64_any_dtype(dtype)
                or isinstance(dtype, pd.PeriodDtype))


def _format_index(index: pd.Index, fmt) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        tuples = [tuple(fmt(x) for x in t) for t in index]
        return pd.MultiIndex.from_tuples(tuples, names=[fmt(n) for n in index.names])
    if not _needs_cellwise(index.to_series()):
        return index.rename(fmt(index.name))
    return pd.Index([fmt(x) for x in index], dtype=object, name=fmt(index.name))


def safe_frame(df: pd.DataFrame | pd.Series, *, safe: bool = True, decimal: str = ".") -> pd.DataFrame:
    """Return a copy of a table ready to be written for a spreadsheet.

    Every text cell, column header and index value goes through
    :func:`format_cell`; numeric, boolean and date columns are left as they
    are. The input is not modified.

    Parameters
    ----------
    df : pandas.DataFrame or pandas.Series
        Any table (an analysis result, ``to_frames(G)``...); a Series is
        one column.
    safe : bool, default True
        Neutralise formula-like text (:func:`neutralize_cell`).
    decimal : str, default "."
        Decimal mark for floats held in text (object) columns.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["=1+2", "Mairie"], "score": [-1.5, 2.0],
    ...                    "sectors": [("public",), ("company", "association")]})
    >>> safe_frame(df).to_dict("list")
    {'name': ["'=1+2", 'Mairie'], 'score': [-1.5, 2.0], 'sectors': ['public', 'company | association']}
    """
    df = _frame(df, "safe_frame")

    def fmt(value: Any) -> Any:
        return format_cell(value, safe=safe, decimal=decimal)

    out = pd.DataFrame(index=_format_index(df.index, fmt))
    columns = []
    for position in range(df.shape[1]):
        series = df.iloc[:, position]
        if _needs_cellwise(series):
            values = pd.Series([fmt(v) for v in series.tolist()], index=out.index, dtype=object)
        else:
            values = pd.Series(series.to_numpy(), index=out.index, dtype=series.dtype)
        out[position] = values
        columns.append(df.columns[position])
    out.columns = _format_index(pd.Index(columns, dtype=object, name=df.columns.name), fmt) \
        if not isinstance(df.columns, pd.MultiIndex) else _format_index(df.columns, fmt)
    return out


def _frame(df: Any, caller: str) -> pd.DataFrame:
    """``df`` as a DataFrame (a Series becomes one column); TypeError naming ``caller`` otherwise."""
    if isinstance(df, pd.Series):
        return df.to_frame()
    if isinstance(df, pd.DataFrame):
        return df
    hint = (" To write a graph, use write_gexf or write_graphml, or its tables: "
            "alliances.to_frames(G) or alliances.actor_table(G)." if isinstance(df, nx.Graph) else "")
    raise TypeError(f"{caller} takes a pandas DataFrame (an analysis result, to_frames(G)...), "
                    f"got {type(df).__name__}.{hint}")


# --------------------------------------------------------------------------- CSV

def _encoding(encoding: str, bom: bool) -> str:
    norm = encoding.lower().replace("_", "-")
    if norm in ("utf-8-sig", "utf8-sig"):
        return "utf-8-sig"
    if bom:
        if norm not in ("utf-8", "utf8"):
            raise ValueError(
                f"bom=True only makes sense with UTF-8, not {encoding!r}: use "
                "encoding='utf-8', bom=True (what Excel recognises), or bom=False")
        return "utf-8-sig"
    return encoding


def write_table(
    df: pd.DataFrame | pd.Series,
    path: str | os.PathLike[str],
    *,
    sep: str = ",",
    bom: bool = False,
    safe: bool = True,
    index: bool = True,
    encoding: str = "utf-8",
    decimal: str = ".",
) -> Path:
    """Write a table as CSV, safe to open in a spreadsheet.

    Parameters
    ----------
    df : pandas.DataFrame or pandas.Series
        The table (e.g. an analysis result indexed by actor id); a Series
        is one column.
    path : str or path-like
        Where to write. The folder must exist.
    sep : str, default ","
        Field separator; ``";"`` for French Excel.
    bom : bool, default False
        Start the file with a UTF-8 byte order mark, so that Excel reads
        accents right (needs ``encoding="utf-8"``).
    safe : bool, default True
        Neutralise text cells a spreadsheet would run as formulas (prefix
        ``'``, see :func:`neutralize_cell`); numbers are never changed.
        ``safe=False`` writes the text as it is (only for files that never
        reach a spreadsheet).
    index : bool, default True
        Write the index (the actor ids) as the first column.
    encoding : str, default "utf-8"
        Text encoding. ``"cp1252"`` works for old French Excel but fails on
        characters it lacks (an error names them); prefer ``bom=True``.
    decimal : str, default "."
        Decimal mark for floats; ``","`` for French Excel (then use
        ``sep=";"``).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    TypeError
        If ``df`` is not a table (a graph: write it with :func:`write_gexf`
        or :func:`write_graphml`).
    ValueError
        If ``decimal`` equals ``sep``, ``bom`` is asked with a non-UTF-8
        encoding, or a character cannot be written in ``encoding``.

    Examples
    --------
    >>> import tempfile
    >>> df = pd.DataFrame({"label": ["=cmd|' /C calc'!A0", "Mairie"], "score": [-0.5, 1.25]},
    ...                   index=pd.Index(["x", "mairie"], name="id"))
    >>> path = write_table(df, Path(tempfile.mkdtemp()) / "t.csv", sep=";", bom=True, decimal=",")
    >>> print(path.read_text(encoding="utf-8-sig"))
    id;label;score
    x;'=cmd|' /C calc'!A0;-0,5
    mairie;Mairie;1,25
    <BLANKLINE>
    """
    df = _frame(df, "write_table")
    if decimal == sep:
        raise ValueError(f"decimal={decimal!r} is also the separator: use sep=';' with decimal=','")
    path = Path(path)
    enc = _encoding(encoding, bom)
    frame = safe_frame(df, safe=safe, decimal=decimal)
    try:
        frame.to_csv(path, sep=sep, index=index, encoding=enc, decimal=decimal,
                     lineterminator="\r\n")
    except UnicodeEncodeError as err:
        bad = err.object[err.start:err.end]
        raise ValueError(
            f"{path}: the character {bad!r} cannot be written in {encoding!r}. "
            "Use encoding='utf-8' with bom=True, which Excel reads and which holds every "
            "character.") from err
    return path


# --------------------------------------------------------------------------- Excel

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def _sheet_title(name: Any, taken: set[str]) -> str:
    title = _SHEET_FORBIDDEN.sub("_", str(name)).strip().strip("'").strip()
    title = title[:31] or "Sheet"
    if title.casefold() == "history":  # reserved by Excel
        title = "History_"
    base, n = title, 1
    while title.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _excel_value(value: Any, where: str) -> Any:
    value = format_cell(value, safe=False)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, (_dt.datetime, _dt.time)) and value.tzinfo is not None:
        value = value.isoformat()  # openpyxl refuses time-zone-aware values
    if isinstance(value, str):
        value = _XML_ILLEGAL.sub("\ufffd", value)
        if len(value) > _EXCEL_CELL_MAX:
            warnings.warn(f"{where}: text of {len(value)} characters cut to Excel's limit of "
                          f"{_EXCEL_CELL_MAX}", AlliancesWarning, stacklevel=5)
            value = value[:_EXCEL_CELL_MAX]
    return value


def write_workbook(
    tables: Mapping[str, pd.DataFrame | pd.Series],
    path: str | os.PathLike[str],
    *,
    safe: bool = True,
    index: bool = True,
) -> Path:
    """Write several tables as the sheets of one Excel ``.xlsx`` file.

    Formula injection cannot happen in an ``.xlsx`` written here: with
    ``safe=True`` every text cell is stored as text (never as a formula), and
    text that starts like a formula (:func:`neutralize_cell`) also carries
    Excel's own "quote prefix" flag, so it stays text even when someone edits
    the cell. The text itself is not changed, so reading the sheet back gives
    the original values. Numbers are written as numbers, tuples joined with
    ``" | "``, Evidence as ``file:line «quote»``. Characters XML cannot hold
    (NUL and other control characters) become ``�``, and a carriage return
    is read back as a line feed (XML normalises line ends); texts longer than
    Excel's 32,767 characters are cut, with a warning.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame (or Series)
        Sheet name -> table. Names are made valid for Excel: at most 31
        characters, none of ``[ ] : * ? / \\``, unique ignoring case.
    path : str or path-like
        The ``.xlsx`` file to write.
    safe : bool, default True
        ``False`` lets text starting with ``=`` become a live formula.
    index : bool, default True
        Write the index as the first column(s).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ImportError
        If openpyxl is not installed.
    TypeError
        If ``tables`` is not a mapping, or one of its values is not a table.
    ValueError
        If a table is larger than an Excel sheet.

    Examples
    --------
    >>> import tempfile
    >>> df = pd.DataFrame({"label": ["=1+1"], "degree": [3]}, index=pd.Index(["a"], name="id"))
    >>> path = write_workbook({"actors: all [v1]": df}, Path(tempfile.mkdtemp()) / "t.xlsx")
    >>> pd.read_excel(path, sheet_name=None, index_col=0)["actors_ all _v1_"].to_dict("list")
    {'label': ['=1+1'], 'degree': [3]}
    """
    try:
        from openpyxl import Workbook
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError(
            "writing .xlsx files needs openpyxl: pip install openpyxl "
            "(or pip install 'alliances[excel]'), or use write_table(..., sep=';', bom=True) "
            "for a CSV that Excel opens") from err
    if not isinstance(tables, Mapping):
        hint = " (give {'sheet name': table})" if isinstance(tables, (pd.DataFrame, pd.Series)) else ""
        raise TypeError(f"write_workbook takes a mapping of sheet name to pandas DataFrame{hint}, "
                        f"got {type(tables).__name__}")
    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for name, df in tables.items():
        frame = _frame(df, f"write_workbook (sheet {name!r})")
        _write_sheet(wb.create_sheet(_sheet_title(name, taken)), name, frame, safe=safe, index=index)
    if not wb.sheetnames:
        wb.create_sheet("Sheet")
    wb.save(path)
    return path


def _write_sheet(ws: Any, name: Any, df: pd.DataFrame, *, safe: bool, index: bool) -> None:
    """Fill one worksheet with a table: header row, cells by :func:`_excel_value`, widths, frozen header."""
    from openpyxl.utils import get_column_letter

    title = ws.title
    flat = df.reset_index() if index else df
    n_rows, n_cols = flat.shape[0] + 1, flat.shape[1]
    if n_rows > _EXCEL_ROWS_MAX or n_cols > _EXCEL_COLS_MAX:
        raise ValueError(
            f"table {name!r} has {n_rows} rows and {n_cols} columns, more than an Excel "
            f"sheet holds ({_EXCEL_ROWS_MAX} x {_EXCEL_COLS_MAX}): use write_table (CSV)")
    header = [c if not isinstance(c, tuple) else " / ".join(map(str, c)) for c in flat.columns]
    widths = [0] * n_cols
    rows = [header, *flat.itertuples(index=False, name=None)]
    for r, row in enumerate(rows, start=1):
        for c, raw in enumerate(row, start=1):
            value = _excel_value(raw, f"sheet {title!r}, row {r}, column {c}")
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                if safe:
                    cell.data_type = "s"  # openpyxl turns "=..." into a formula otherwise
                    if neutralize_cell(value) != value:
                        cell.quotePrefix = True
                widths[c - 1] = max(widths[c - 1], min(len(value), 60))
            elif value is not None:
                widths[c - 1] = max(widths[c - 1], min(len(str(value)), 60))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(8, width + 2)
    ws.freeze_panes = "A2"


# --------------------------------------------------------------------------- graphs

# Attribute names the networkx GEXF writer gives a special meaning to.
_GEXF_RESERVED_NODE = frozenset({"id", "pid", "start", "end", "viz", "parents", "slices", "spells"})
_GEXF_RESERVED_EDGE = frozenset({"id", "type", "start", "end", "viz", "slices", "spells", "key"})


def _plain_value(value: Any, sequences: str) -> Any:
    """One attribute value -> str / int / float / bool, or None to drop it."""
    if isinstance(value, np.generic):
        value = value.item()
    if is_missing(value):
        return None
    if isinstance(value, (bool, int, float, str)):
        return _XML_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value
    if isinstance(value, Evidence):
        text = _evidence_text(value)
    elif isinstance(value, (tuple, list, set, frozenset)):
        if sequences == "json":
            items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
            text = json.dumps([_json_item(v) for v in items], ensure_ascii=False)
        else:
            text = _sequence_text(value)
    elif isinstance(value, Mapping):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    return _XML_ILLEGAL.sub("\ufffd", text)


def _json_item(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, Evidence):
        return {"file": value.file, "line": value.line, "quote": value.quote}
    if isinstance(value, (tuple, list)):
        return [_json_item(v) for v in value]
    if is_missing(value):
        return None
    return value if isinstance(value, (bool, int, float, str)) else str(value)


def _unify(records: list[dict[str, Any]]) -> None:
    """Give every attribute one type across all records (in place)."""
    types: dict[str, set[type]] = {}
    for data in records:
        for k, v in data.items():
            types.setdefault(k, set()).add(type(v))
    for k, seen in types.items():
        if seen <= {bool} or seen <= {int} or seen <= {str}:
            continue
        if seen <= {int, float}:
            for data in records:
                if k in data:
                    data[k] = float(data[k])
            continue
        for data in records:  # mixed types: text for everyone
            if k in data and not isinstance(data[k], str):
                data[k] = str(data[k])


def _column_name(column: Any) -> str:
    if isinstance(column, tuple):
        return " / ".join(map(str, column))
    return _XML_ILLEGAL.sub("\ufffd", str(column.item() if isinstance(column, np.generic) else column))


def _table_attributes(G: nx.Graph, table: Any, caller: str) -> tuple[list[str], dict[Any, dict[str, Any]]]:
    """Read an actor table for ``caller``: its column names, and node -> {column: value} (values present only).

    Rows are matched to nodes by id, compared as text (what graph files hold,
    so a table read back from a CSV matches a graph with integer ids). Rows
    for actors not in ``G`` are an error that names them.
    """
    df = _frame(table, f"{caller}(table=...)")
    columns = [_column_name(c) for c in df.columns]
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    if doubled:
        raise ValueError(f"{caller}: the table has several columns named {', '.join(map(repr, doubled))}; "
                         "give each column its own name")
    by_text = {text: node for node, text in _text_ids(G).items()}
    nodes: list[Any] = []
    unknown: list[str] = []
    seen: set[Any] = set()
    repeated: list[str] = []
    for key in df.index:
        text = _XML_ILLEGAL.sub("\ufffd", str(key.item() if isinstance(key, np.generic) else key))
        node = by_text.get(text)
        if node is None:
            unknown.append(text)
        elif node in seen:
            repeated.append(text)
        seen.add(node)
        nodes.append(node)
    if unknown:
        shown = ", ".join(map(repr, unknown[:10])) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        raise ValueError(
            f"{caller}: the table has rows for {len(unknown)} actor(s) not in the graph: {shown}. "
            "Give the table of this graph (alliances.actor_table(G)), indexed by actor id, or drop "
            "those rows.")
    if repeated:
        raise ValueError(f"{caller}: the table has several rows for {', '.join(map(repr, sorted(set(repeated))))}; "
                         "give one row per actor")
    values: dict[Any, dict[str, Any]] = {node: {} for node in nodes}
    for position, name in enumerate(columns):
        for node, value in zip(nodes, df.iloc[:, position].tolist(), strict=True):
            if not is_missing(value):
                values[node][name] = value
    return columns, values


def exportable_graph(G: nx.Graph, *, sequences: str = "join", gexf: bool = False,
                     table: pd.DataFrame | None = None) -> nx.Graph:
    """Return a copy of a graph whose attributes every graph file format accepts.

    Conversion rules, applied to node, edge and graph attributes:

    * None and NaN: the attribute is left out for that node or edge (both
      GEXF and GraphML have "missing"); an attribute missing everywhere
      disappears;
    * numpy numbers: the matching Python number;
    * tuples, lists and sets: ``"a | b"`` (``sequences="join"``, readable in
      Gephi, the importers' separator) or a JSON list (``sequences="json"``,
      exact); Evidence items are ``file:line «quote»`` (JSON: objects with
      ``file``, ``line``, ``quote``);
    * dicts: JSON text; any other object: its ``str()``;
    * one type per attribute: if an attribute holds ints and floats,
      all become floats; any other mixture becomes text everywhere (so
      ``trust`` stays a float column even where it is missing);
    * characters XML cannot hold become ``�``;
    * every edge gets ``sign`` -1 or +1, as :func:`~alliances.model.tie_sign`
      reads it (``-2`` and an unsigned ``conflict`` are written -1).

    With ``table`` (an actor table such as ``alliances.actor_table(G)``, or any
    DataFrame indexed by actor id), every column becomes a node attribute,
    converted by the same rules (``sectors`` and other tuples flattened,
    NumPy numbers made Python numbers, booleans kept): an actor's value in
    the table replaces the graph's attribute of the same name; an actor
    missing from the table, or whose cell is empty, gets no value from it
    (absent, or the graph's own value for a column the graph also has).

    Node ids become text. Nodes without ``label`` get their id as label. With
    ``gexf=True``, edges get ``label`` = their relation as
    :func:`~alliances.model.tie_relation` reads it (the ``relation``
    attribute, else the edge key, else ``"tie"``; Gephi shows it) and
    attributes whose names the GEXF writer reserves (``start``, ``end``,
    ``type``, ``pid``...) are renamed with a trailing ``_``. Graph attributes
    are kept only when they are numbers or text, or dicts and lists (as JSON);
    the import report is left out.

    Parameters
    ----------
    G : networkx.Graph
        Any graph (the actor ``MultiDiGraph`` included). Not modified.
    sequences : {"join", "json"}, default "join"
        How tuple and list attributes are written.
    gexf : bool, default False
        Apply the GEXF-specific renaming.
    table : pandas.DataFrame, optional
        Per-actor columns to add as node attributes (flags, scores,
        clusters, stability...), indexed by actor id.

    Returns
    -------
    networkx.Graph
        Same class as ``G``.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph, or ``table`` not a DataFrame.
    ValueError
        If two nodes have the same id as text, ``sequences`` is unknown, or
        the table has rows for actors not in ``G`` (named), several rows for
        one actor or two columns with the same name.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", sectors=("public", "company"), trust=None)
    >>> G.add_edge("a", "b", key="trust", trust=np.float64(0.5))
    'trust'
    >>> H = exportable_graph(G)
    >>> dict(H.nodes["a"]), H.edges["a", "b", "trust"]["trust"]
    ({'sectors': 'public | company', 'label': 'a'}, 0.5)
    """
    check_graph(G, caller="exportable_graph")
    return _exportable(G, sequences=sequences, gexf=gexf, table=table, caller="exportable_graph")


def _exportable(G: nx.Graph, *, sequences: str, gexf: bool, table: Any, caller: str) -> nx.Graph:
    """:func:`exportable_graph` for ``caller`` (named in the errors about ``table``)."""
    if sequences not in ("join", "json"):
        raise ValueError(f"sequences must be 'join' or 'json', got {sequences!r}")
    H = G.__class__()
    ids = _text_ids(G)
    extra = {} if table is None else _table_attributes(G, table, caller)[1]

    def convert(data: Mapping[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
        out = {}
        for k, v in data.items():
            value = _plain_value(v, sequences)
            if value is None:
                continue
            name = str(k)
            if gexf and name in reserved:
                name = name + "_"
            out[name] = value
        return out

    node_records = []
    for node, data in G.nodes(data=True):
        if node in extra:
            data = {**data, **extra[node]}
        rec = convert(data, _GEXF_RESERVED_NODE)
        rec.setdefault("label", ids[node])
        node_records.append(rec)
    _unify(node_records)
    for node, rec in zip(G.nodes, node_records, strict=True):
        H.add_node(ids[node], **rec)

    multi = G.is_multigraph()
    edges = list(G.edges(keys=True, data=True)) if multi else [
        (u, v, None, d) for u, v, d in G.edges(data=True)]
    edge_records = []
    for _u, _v, key, data in edges:
        rec = convert(data, _GEXF_RESERVED_EDGE)
        # the sign as every measure reads it (-2 and an unsigned conflict are -1), so a
        # filter on sign < 0 in Gephi or a spreadsheet finds the same negative ties
        rec["sign"] = tie_sign(data, tie_relation(key, data))
        if gexf and "label" not in rec:  # Gephi shows the relation, as the contract reads it
            rec["label"] = _XML_ILLEGAL.sub("\ufffd", str(tie_relation(key, data)))
        edge_records.append(rec)
    _unify(edge_records)
    for (u, v, key, _), rec in zip(edges, edge_records, strict=True):
        if multi:
            H.add_edge(ids[u], ids[v], key=_plain_value(key, sequences), **rec)
        else:
            H.add_edge(ids[u], ids[v], **rec)
    H.graph.update(_graph_attributes(G))
    return H


def _text_ids(G: nx.Graph) -> dict[Any, str]:
    """Node -> its id as text (what graph files hold); two nodes written alike are refused."""
    ids: dict[Any, str] = {}
    seen: set[str] = set()
    for node in G.nodes:
        text = _XML_ILLEGAL.sub("\ufffd", str(node.item() if isinstance(node, np.generic) else node))
        if text in seen:
            raise ValueError(f"two nodes are both written {text!r}: give them distinct ids")
        seen.add(text)
        ids[node] = text
    return ids


def _graph_attributes(G: nx.Graph) -> dict[str, Any]:
    """The graph attributes a file can carry: numbers and text, dicts and lists as JSON; no import report."""
    out: dict[str, Any] = {}
    for k, v in G.graph.items():
        if k in ("import_report", "import_reports", "node_default", "edge_default"):
            continue
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, (bool, int, float, str)) and not is_missing(v):
            out[str(k)] = _XML_ILLEGAL.sub("\ufffd", v) if isinstance(v, str) else v
        elif isinstance(v, (Mapping, list, tuple)):
            try:
                out[str(k)] = json.dumps(v, ensure_ascii=False, sort_keys=True)
            except (TypeError, ValueError):
                continue  # not data a file can carry (e.g. a Python object)
    return out


def _gexf_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).strftime("%Y-%m-%d")
    return _dt.date.today().isoformat()


#: The XML Schema instance namespace (networkx 3.6 writes it without "www." for GEXF 1.3).
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def write_gexf(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    table: pd.DataFrame | None = None,
    sequences: str = "join",
    date: str | None = None,
    prettyprint: bool = True,
) -> Path:
    """Write an actor graph as GEXF 1.3, the format Gephi opens natively.

    Attributes are converted as :func:`exportable_graph` describes; node
    labels are the actor labels, ``sector``, ``kind``, ``themes``... become
    Gephi columns (partition or colour the map by ``sector``), edge
    ``weight`` is Gephi's weight, edge labels show the relation. Parallel
    ties (e.g. collaboration and trust between the same actors) are kept:
    each edge's GEXF ``kind`` is its relation (Gephi keeps parallel edges of
    different kinds), and ``nx.read_gexf`` reads them back with their
    relation as key. Tuples (``sectors``, ``themes``) are flattened to text,
    ``"public | company"``, as the GEXF attribute types hold no tuples.

    With ``table``, the analysis columns become node attributes, each with
    its GEXF type (``boolean``, ``long``, ``double``, ``string``), so that
    Gephi can partition, rank or filter by them: pass
    ``alliances.actor_table(G)`` to colour by ``cluster``, size by
    ``key_score`` and filter on ``is_hybrid``.

    Parameters
    ----------
    G : networkx.Graph
        The actor graph (not modified).
    path : str or path-like
        The ``.gexf`` file to write.
    table : pandas.DataFrame, optional
        An actor table (``alliances.actor_table(G)``, an analysis result, or
        any DataFrame indexed by actor id): every column becomes a node
        attribute. An actor's value replaces the graph's attribute of the
        same name; actors missing from the table (and empty cells) get no
        value. Rows for actors not in ``G`` are an error.
    sequences : {"join", "json"}, default "join"
        How tuple and list attributes are written.
    date : str, optional
        ``lastmodifieddate`` of the file (``YYYY-MM-DD``); default
        ``SOURCE_DATE_EPOCH`` if set, else today. Give it for byte-identical
        files.
    prettyprint : bool, default True
        Indent the XML.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph, or ``table`` is not a DataFrame.
    ValueError
        If ``table`` has rows for actors not in ``G`` (the error names them).

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Mairie", sector="public", sectors=("public",))
    >>> G.add_edge("a", "b", key="collaboration", relation="collaboration", weight=2.0,
    ...            evidence=(Evidence("survey.csv", 2),))
    'collaboration'
    >>> table = pd.DataFrame({"is_hybrid": [True], "cluster": [0]}, index=["a"])
    >>> path = write_gexf(G, Path(tempfile.mkdtemp()) / "g.gexf", table=table, date="2026-01-01")
    >>> H = nx.read_gexf(path)  # a DiGraph here: networkx reads a multigraph only if ties are parallel
    >>> H.nodes["a"]["label"], H.nodes["a"]["is_hybrid"], H.edges["a", "b"]["evidence"]
    ('Mairie', True, 'survey.csv:2')
    >>> "is_hybrid" in H.nodes["b"]  # not in the table: no value
    False
    """
    check_graph(G, caller="write_gexf")
    path = Path(path)
    H = _exportable(G, sequences=sequences, gexf=True, table=table, caller="write_gexf")
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=prettyprint, version="1.3")
    writer.xml.set("xmlns:xsi", _XSI)
    meta = writer.xml.find("meta")
    assert meta is not None  # networkx writes one
    meta.set("lastmodifieddate", date or _gexf_date())
    writer.add_graph(H)
    # GEXF 1.3 has no graph "name": the name goes to <meta><description>
    name = writer.graph_element.attrib.pop("name", "")
    if name:
        SubElement(meta, "description").text = name
    # each edge's kind is its relation, in the order networkx wrote the edges
    edges = (((k, d) for _u, _v, k, d in H.edges(keys=True, data=True)) if H.is_multigraph()
             else ((None, d) for _u, _v, d in H.edges(data=True)))
    edges_element = writer.graph_element.find("edges")
    if edges_element is not None:
        for element, (key, data) in zip(edges_element, edges, strict=True):
            element.set("kind", _XML_ILLEGAL.sub("\ufffd", str(tie_relation(key, data))))
    writer.write(path)
    return path


def write_graphml(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    table: pd.DataFrame | None = None,
    sequences: str = "join",
    prettyprint: bool = True,
) -> Path:
    """Write an actor graph as GraphML (Gephi, Cytoscape, yEd, igraph, R...).

    Attributes are converted as :func:`exportable_graph` describes, each with
    one declared type; ``label`` and ``sector`` are ordinary columns (Gephi
    uses ``label`` as the node label). Tuples (``sectors``, ``themes``) are
    flattened to text, ``"public | company"``, as GraphML types hold no
    tuples. In a MultiDiGraph the relation is the edge id, which
    ``nx.read_graphml(path, force_multigraph=True)`` reads back as the key.

    Parameters
    ----------
    G : networkx.Graph
        The actor graph (not modified).
    path : str or path-like
        The ``.graphml`` file to write.
    table : pandas.DataFrame, optional
        An actor table (``alliances.actor_table(G)`` or any DataFrame indexed
        by actor id): every column becomes a node attribute, as in
        :func:`write_gexf`.
    sequences : {"join", "json"}, default "join"
        How tuple and list attributes are written.
    prettyprint : bool, default True
        Indent the XML.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph, or ``table`` is not a DataFrame.
    ValueError
        If ``table`` has rows for actors not in ``G`` (the error names them).

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="trust", relation="trust", trust=0.75, themes=["eau", "bois"])
    'trust'
    >>> table = pd.DataFrame({"stability": [0.95]}, index=["b"])
    >>> path = write_graphml(G, Path(tempfile.mkdtemp()) / "g.graphml", table=table)
    >>> H = nx.read_graphml(path, force_multigraph=True)
    >>> H.edges["a", "b", "trust"]["trust"], H.edges["a", "b", "trust"]["themes"]
    (0.75, 'eau | bois')
    >>> H.nodes["b"]["stability"], "stability" in H.nodes["a"]
    (0.95, False)
    """
    check_graph(G, caller="write_graphml")
    path = Path(path)
    H = _exportable(G, sequences=sequences, gexf=False, table=table, caller="write_graphml")
    nx.write_graphml_xml(H, path, encoding="utf-8", prettyprint=prettyprint)
    return path


# --------------------------------------------------------------------------- Kumu

_KUMU_ELEMENTS = ("Label", "Type", "Description", "Tags")
_KUMU_CONNECTIONS = ("From", "To", "Type", "Direction", "Strength", "Trust", "Sign")
# table column (a flag) -> the Kumu tag it gives
_KUMU_TAGS = (("is_hybrid", "hybrid"), ("is_trusted_intermediary", "trusted intermediary"))
# table columns not repeated as Kumu fields: Kumu's own fields, and the reason (the Description)
_KUMU_SKIPPED = frozenset({"label", "type", "description", "tags", "reason", "id"})


def _kumu_labels(G: nx.Graph) -> tuple[dict[Any, str], list[str]]:
    """Node -> a Kumu label unique ignoring case, and the labels that had to be disambiguated.

    Kumu matches connections to elements by label, and splits a ``From`` or
    ``To`` cell on ``|``: labels shared by several actors become ``"Label (id)"``
    for each of them, and ``|`` in a label becomes ``/``.
    """
    ids = _text_ids(G)
    base: dict[Any, str] = {}
    for node, data in G.nodes(data=True):
        label = data.get("label")
        text = "" if is_missing(label) else _XML_ILLEGAL.sub("\ufffd", str(label)).replace("|", "/").strip()
        base[node] = text or ids[node].replace("|", "/")
    groups: dict[str, list[Any]] = {}
    for node, label in base.items():
        groups.setdefault(label.casefold(), []).append(node)
    labels = dict(base)
    shared = []
    for nodes in groups.values():
        if len(nodes) > 1:
            shared.append(base[nodes[0]])
            for node in nodes:
                labels[node] = f"{base[node]} ({ids[node].replace('|', '/')})"
    # "Label (id)" may itself be another actor's label: number what still collides, in node order
    taken: set[str] = set()
    for node, label in labels.items():
        candidate, n = label, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{label} {n}"
        taken.add(candidate.casefold())
        labels[node] = candidate
    return labels, sorted(shared, key=str.casefold)


def _kumu_value(value: Any) -> Any:
    """A table value for a Kumu field: tuples joined with ``|`` (Kumu's multi-value separator)."""
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "|".join(_item_text(v).replace("|", "/") for v in items)
    return value


def write_kumu(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    table: pd.DataFrame | None = None,
) -> Path:
    """Write an actor graph as a Kumu spreadsheet blueprint (``.xlsx``), to import into kumu.io.

    Kumu (https://kumu.io), which many facilitators use to present a
    network, imports an Excel workbook with an **Elements** sheet and a
    **Connections** sheet:

    * Elements: ``Label``, ``Type`` (the actor's sector, as its label:
      "public authority", "association / social economy"...),
      ``Description`` (the plain-language ``reason`` of the table, if one is
      given), ``Tags`` (``hybrid``, ``trusted intermediary``, from the
      table's ``is_hybrid`` and ``is_trusted_intermediary`` flags,
      ``|``-separated as Kumu reads them), then one column per other table
      column (scores, clusters, stability...; tuples joined with ``|``; the
      table's ``label``, ``reason`` and flag columns are not repeated);
    * Connections: ``From``, ``To`` (element labels), ``Type`` (the
      relation), ``Direction`` (``directed``, or ``undirected`` for
      co-participation, written once per pair), ``Strength`` (the weight),
      ``Trust`` (empty when not asked) and ``Sign`` (-1 for a negative tie).
      Self-ties are left out.

    Kumu matches connections to elements by label, so labels must be
    unique: when several actors share a label (ignoring case), each is
    written ``"Label (id)"``, with a warning. A ``|`` in a label becomes
    ``/`` (Kumu would split the cell). Text cells are stored as text, never
    as formulas: a label starting with ``=``, ``+``, ``-`` or ``@`` stays
    the label (see :func:`write_workbook`).

    Parameters
    ----------
    G : networkx.Graph
        The actor graph (not modified).
    path : str or path-like
        The ``.xlsx`` file to write.
    table : pandas.DataFrame, optional
        An actor table (``alliances.actor_table(G)``, or any DataFrame
        indexed by actor id). Rows for actors not in ``G`` are an error;
        actors missing from it get empty cells.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ImportError
        If openpyxl is not installed (``pip install 'alliances[excel]'``).
    TypeError
        If ``G`` is not a networkx graph, or ``table`` is not a DataFrame.
    ValueError
        If ``table`` has rows for actors not in ``G`` (the error names them).

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("mairie", label="Mairie", sector="public")
    >>> G.add_node("asso", label="Asso Vélo", sector="association")
    >>> G.add_edge("asso", "mairie", key="trust", relation="trust", weight=2.0, trust=0.75)
    'trust'
    >>> path = write_kumu(G, Path(tempfile.mkdtemp()) / "kumu.xlsx")
    >>> wb = openpyxl.load_workbook(path)
    >>> [cell.value for cell in wb["Connections"][2]]
    ['Asso Vélo', 'Mairie', 'trust', 'directed', 2, 0.75, 1]
    """
    check_graph(G, caller="write_kumu")
    try:
        from openpyxl import Workbook
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("write_kumu writes an .xlsx file and needs openpyxl: "
                          "pip install 'alliances[excel]'") from err
    path = Path(path)
    columns: list[str] = []
    values: dict[Any, dict[str, Any]] = {}
    if table is not None:
        columns, values = _table_attributes(G, table, "write_kumu")
    labels, shared = _kumu_labels(G)
    if shared:
        warnings.warn(
            f"{len(shared)} label(s) are shared by several actors: {', '.join(map(repr, shared))}. "
            "Kumu matches connections to elements by label, so each of these actors is written "
            "'Label (id)'.", AlliancesWarning, stacklevel=2)

    extra = [c for c in columns if c.casefold() not in _KUMU_SKIPPED
             and c not in {flag for flag, _ in _KUMU_TAGS}]
    names = list(_KUMU_ELEMENTS)
    for c in extra:  # a table column named like a Kumu column gets a suffix
        names.append(c if c.casefold() not in {n.casefold() for n in names} else f"{c} (table)")
    rows = []
    for node, data in G.nodes(data=True):
        row_values = values.get(node, {})
        sector = data.get("sector")
        sector_label = None if is_missing(sector) else SECTORS.get(sector, sector)
        tags = [tag for flag, tag in _KUMU_TAGS
                if isinstance(row_values.get(flag), (bool, np.bool_)) and row_values[flag]]
        reason = row_values.get("reason")
        rows.append([labels[node], sector_label, reason, "|".join(tags) or None,
                     *(_kumu_value(row_values.get(c)) for c in extra)])
    elements = pd.DataFrame(rows, columns=pd.Index(names, dtype=object), dtype=object)

    connections = []
    seen_undirected: set[tuple[frozenset[Any], Any, Any]] = set()
    for tie in iter_ties(G):
        if not tie.directed:
            pair = (frozenset((tie.source, tie.target)), tie.key, tie.relation)
            if pair in seen_undirected:
                continue  # co-participation is stored as two reciprocal arcs: one row
            seen_undirected.add(pair)
        connections.append([labels[tie.source], labels[tie.target],
                            _XML_ILLEGAL.sub("\ufffd", str(tie.relation)),
                            "directed" if tie.directed else "undirected",
                            tie.weight, tie.trust, tie.sign])
    ties = pd.DataFrame(connections, columns=pd.Index(_KUMU_CONNECTIONS, dtype=object), dtype=object)

    wb = Workbook()
    wb.remove(wb.active)
    _write_sheet(wb.create_sheet("Elements"), "Elements", elements, safe=True, index=False)
    _write_sheet(wb.create_sheet("Connections"), "Connections", ties, safe=True, index=False)
    wb.save(path)
    return path
