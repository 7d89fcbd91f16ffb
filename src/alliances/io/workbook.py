"""Read Excel and LibreOffice workbooks, and pandas DataFrames, as the readers' tables.

Every reader (:func:`~alliances.read_survey`, :func:`~alliances.read_interviews`,
:func:`~alliances.read_actors`, :func:`~alliances.read_affiliations`) calls
:func:`read_any`, which gives the same :class:`~alliances.io.csvfile.CsvTable`
for a CSV file, a workbook sheet or a DataFrame, with the same cleaning rules
(first non-blank row is the header, blank rows counted, trailing empty
columns dropped, blank and duplicate headers renamed): the readers do not
know where the table came from.

Workbooks (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``):

* are read with `python-calamine <https://pypi.org/project/python-calamine/>`_
  (``pip install 'alliances[excel]'``); ``.xlsx`` and ``.xlsm`` fall back on
  openpyxl when calamine is not installed;
* the sheet read is ``sheet=`` (its name, accents and case ignored, or its
  0-based position), else the first visible sheet holding a value;
* line numbers are the sheet's row numbers (as the spreadsheet shows them),
  and the table is named ``file.xlsx [sheet]`` in reports and errors;
* formulas are read as the value the spreadsheet saved with them; a merged
  block is its first cell followed by empty cells (the readers carry such
  blocks down as for CSV);
* cells are text exactly as a CSV export would give them: text stays as
  written (``007`` stored as text stays ``007``), a number is its shortest
  text (``3``, not ``3.0``; ``3.5``), a date is ISO text (``2026-12-05``,
  ``2026-12-05 14:30`` with a time), TRUE / FALSE as such.

Zip archives (``.zip``, as ODK Central's "Download all data" gives them): the
CSV file read is ``sheet=`` (its name inside the archive), else the main one
(the CSV whose name, without ``.csv``, begins every other CSV's name:
``form.csv`` beside ``form-contacts.csv``); the table is named
``archive.zip [form.csv]`` and its lines are the CSV file's own.

DataFrames: columns are the headers (a named index becomes the first
column, as ``to_csv`` writes it); cells follow the rules above (``NaN`` and
``None`` are empty cells); the table is named ``DataFrame`` and a row's
"line" is its index label when the index is made of distinct integers (the
default index: the row's position, as ``df.loc`` and ``df.iloc`` take it),
else its 0-based position.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alliances.errors import InputError
from alliances.i18n import N_, Message
from alliances.io.csvfile import CsvTable, read_table, table_from_rows
from alliances.model import normalize_text

__all__ = ["WORKBOOK_SUFFIXES", "cell_text", "is_workbook", "is_zip", "read_any", "read_frame",
           "read_sheet", "read_zip_member", "sheet_names", "zip_csv_members"]

#: File suffixes read as workbooks (compared in lower case).
WORKBOOK_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods")
_OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")
_INSTALL = "pip install 'alliances[excel]'"


def is_workbook(path: Any) -> bool:
    """True for a path whose suffix is a workbook's (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``).

    Examples
    --------
    >>> is_workbook("enquête.XLSX"), is_workbook("survey.csv")
    (True, False)
    """
    return isinstance(path, (str, PathLike)) and Path(path).suffix.lower() in WORKBOOK_SUFFIXES


# --------------------------------------------------------------------------- cells

def _number_text(x: float) -> str:
    """A number as its shortest text, as a spreadsheet shows it (15 significant digits)."""
    if x.is_integer() and -1e15 < x < 1e15:
        return str(int(x))
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = repr(x)
    digits = text.split("e")[0].replace("-", "").replace(".", "").lstrip("0")
    if len(digits) > 15:  # float noise of a computed cell: 0.30000000000000004
        text = format(x, ".15g")
    return text


def _time_text(t: dt.time) -> str:
    return t.strftime("%H:%M:%S" if t.second or t.microsecond else "%H:%M")


def cell_text(value: Any) -> str:
    """A cell of a workbook or DataFrame as the text a CSV export would hold.

    Examples
    --------
    >>> import datetime as dt
    >>> [cell_text(v) for v in ("007", 3.0, 3.5, 0.1 + 0.2, 12, None, float("nan"), True)]
    ['007', '3', '3.5', '0.3', '12', '', '', 'TRUE']
    >>> cell_text(dt.date(2026, 12, 5)), cell_text(dt.datetime(2026, 12, 5, 14, 30))
    ('2026-12-05', '2026-12-05 14:30')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return _number_text(float(value))
    if isinstance(value, dt.datetime):  # pandas.Timestamp too
        if value is pd.NaT:
            return ""
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return f"{value.date().isoformat()} {_time_text(value.time())}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return _time_text(value)
    if isinstance(value, (dt.timedelta, pd.Timedelta)):
        if value is pd.NaT:
            return ""
        seconds = round(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # a list, an array: not a missing value
        pass
    return str(value)


# --------------------------------------------------------------------------- workbooks

def _calamine() -> Any:
    try:
        import python_calamine
    except ImportError:
        return None
    return python_calamine


def _open_error(path: str, exc: Exception) -> InputError:
    return InputError(Message.of(N_("this workbook cannot be read ({error}); open it in Excel or "
                                    "LibreOffice and save it again (or save the sheet as CSV)"),
                                 error=f"{type(exc).__name__}: {exc}"), path=path)


def _not_found(path_str: str) -> InputError:
    return InputError(Message.of(N_("file not found: {path}; check the name and folder"),
                                 path=path_str), path=path_str)


def _check_file(path: str | PathLike[str]) -> str:
    path_str = str(path)
    p = Path(path)
    if not p.exists():
        raise _not_found(path_str)
    if p.is_dir():
        raise InputError(Message.of(N_("this is a folder, not a workbook; use {call} for a "
                                       "folder"), call="alliances.load()"), path=path_str)
    if p.stat().st_size == 0:
        raise InputError(Message.of(N_("the file is empty; save the workbook again")),
                         path=path_str, line=1)
    return path_str


class _Book:
    """An open workbook: sheet names, visibility and rows, by calamine or openpyxl."""

    def __init__(self, path: str | PathLike[str]) -> None:
        self.path = _check_file(path)
        suffix = Path(path).suffix.lower()
        calamine = _calamine()
        self.engine = "calamine" if calamine is not None else "openpyxl"
        if calamine is None:
            if suffix not in _OPENPYXL_SUFFIXES:
                raise InputError(Message.of(N_("reading {suffix} files needs python-calamine: "
                                               "{install} (or save the sheet as CSV)"),
                                            suffix=suffix, install=_INSTALL), path=self.path)
            try:
                import openpyxl
            except ImportError:
                raise InputError(Message.of(N_("reading workbooks needs python-calamine or "
                                               "openpyxl: {install} (or save the sheet as CSV)"),
                                            install=_INSTALL), path=self.path) from None
            try:
                self._book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            except Exception as exc:  # any reader failure is the file's
                raise _open_error(self.path, exc) from None
            sheets = self._book.worksheets
            self.names = [ws.title for ws in sheets]
            self.visible = [getattr(ws, "sheet_state", "visible") == "visible" for ws in sheets]
        else:
            try:
                self._book = calamine.CalamineWorkbook.from_path(self.path)
            except Exception as exc:  # any reader failure is the file's
                raise _open_error(self.path, exc) from None
            meta = [m for m in self._book.sheets_metadata
                    if "worksheet" in str(m.typ).lower()] or list(self._book.sheets_metadata)
            self.names = [m.name for m in meta]
            self.visible = [str(m.visible).lower().endswith("visible")
                            and "hidden" not in str(m.visible).lower() for m in meta]

    def close(self) -> None:
        close = getattr(self._book, "close", None)
        if close is not None:
            close()

    def rows(self, name: str) -> list[Sequence[Any]]:
        """The sheet's rows from row 1 (empty rows included), each padded to the same width."""
        try:
            if self.engine == "calamine":
                rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            else:
                ws = self._book[name]
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()  # some writers record a wrong used range
                rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
        except InputError:
            raise
        except Exception as exc:  # any reader failure is the file's
            raise _open_error(self.path, exc) from None
        width = max(map(len, rows), default=0)
        return [r if len(r) == width else (*r, *([None] * (width - len(r)))) for r in rows]

    def choose(self, sheet: str | int | None) -> tuple[str, list[Sequence[Any]]]:
        """The sheet asked for (or the first visible one with a value) and its rows."""
        if isinstance(sheet, bool) or (sheet is not None and not isinstance(sheet, (str, int))):
            raise TypeError(f"sheet must be a sheet name or a 0-based position, got {sheet!r}")
        listed = ", ".join(f'"{n}"' for n in self.names) or Message.pgettext("sheets", "none")
        if isinstance(sheet, int):
            if not -len(self.names) <= sheet < len(self.names):
                raise InputError(Message.of(N_("no sheet at position {position} (0 is the "
                                               "first); the workbook's sheets are {sheets}"),
                                            position=sheet, sheets=listed), path=self.path)
            name = self.names[sheet]
            return name, self.rows(name)
        if isinstance(sheet, str):
            name = find_sheet(self.names, sheet)
            if name is None:
                raise InputError(Message.of(N_('no sheet named "{sheet}" in this workbook; its '
                                               "sheets are {sheets}"), sheet=sheet, sheets=listed),
                                 path=self.path)
            return name, self.rows(name)
        order = [n for n, v in zip(self.names, self.visible, strict=True) if v]
        order += [n for n in self.names if n not in order]
        for name in order:
            rows = self.rows(name)
            if any(cell_text(c).strip() for row in rows for c in row):
                return name, rows
        raise InputError(Message.of(N_("the workbook is empty (no sheet holds a value); put the "
                                       "table in its first sheet with a header row")),
                         path=self.path, line=1)


def find_sheet(names: Sequence[str], wanted: str) -> str | None:
    """The sheet called ``wanted``: exactly, else accents, case and spacing ignored.

    Examples
    --------
    >>> find_sheet(["Acteurs", "Enquête"], "enquete")
    'Enquête'
    """
    if wanted in names:
        return wanted
    key = normalize_text(wanted)
    return next((n for n in names if normalize_text(n) == key), None)


def sheet_names(path: str | PathLike[str]) -> list[str]:
    """The names of a workbook's sheets, in order.

    Raises
    ------
    InputError
        If the file is missing or cannot be read as a workbook, or no reader
        is installed (the message says what to install).
    """
    book = _Book(path)
    try:
        return list(book.names)
    finally:
        book.close()


def _numbered(rows: list[Sequence[Any]]) -> Iterator[tuple[int, list[str]]]:
    number = _number_text
    for i, row in enumerate(rows, start=1):
        yield i, [c if type(c) is str else number(c) if type(c) is float else cell_text(c)
                  for c in row]


def read_sheet(path: str | PathLike[str], sheet: str | int | None = None) -> CsvTable:
    """Read one sheet of a workbook as a table of text (see the module docstring).

    Parameters
    ----------
    path : str or path-like
        A ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods`` file.
    sheet : str or int, optional
        The sheet's name (accents and case ignored) or 0-based position;
        default: the first visible sheet holding a value.

    Returns
    -------
    CsvTable
        Named ``"<path> [<sheet>]"``; lines are the sheet's row numbers.

    Raises
    ------
    InputError
        Missing or unreadable file, no such sheet, an empty workbook, or no
        workbook reader installed.
    """
    book = _Book(path)
    try:
        name, rows = book.choose(sheet)
    finally:
        book.close()
    return table_from_rows(f"{book.path} [{name}]", _numbered(rows), encoding=book.engine,
                           sep="", empty=Message.of(N_('the sheet "{name}" is empty'), name=name))


# --------------------------------------------------------------------------- zip archives

def is_zip(path: Any) -> bool:
    """True for a path whose suffix is ``.zip`` (an export archive).

    Examples
    --------
    >>> is_zip("formulaire.ZIP"), is_zip("form.csv")
    (True, False)
    """
    return isinstance(path, (str, PathLike)) and Path(path).suffix.lower() == ".zip"


def _open_zip(path: str | PathLike[str]) -> zipfile.ZipFile:
    path_str = str(path)
    p = Path(path)
    if not p.exists():
        raise _not_found(path_str)
    try:
        return zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(Message.of(N_("this archive cannot be read ({error}); download it "
                                       "again, or unzip it and give the CSV file"),
                                    error=f"{type(exc).__name__}: {exc}"),
                         path=path_str) from None


def zip_csv_members(path: str | PathLike[str]) -> list[str]:
    """The CSV files of a zip archive (folders such as ``media/`` left out), main one first.

    The main file is the one whose name (without ``.csv``) begins every other
    CSV's name, as ODK Central and ODK Briefcase name a form's files
    (``form.csv``, ``form-contacts.csv``); the others follow in archive order.

    Raises
    ------
    InputError
        If the archive is missing, unreadable or holds no CSV file.
    """
    with _open_zip(path) as archive:
        names = [i.filename for i in archive.infolist()
                 if not i.is_dir() and "/" not in i.filename.strip("/")
                 and i.filename.lower().endswith((".csv", ".tsv", ".txt"))]
    if not names:
        raise InputError(Message.of(N_("this archive holds no CSV file; unzip it and give the "
                                       "table's file")), path=str(path))
    stems = {n: n.rsplit(".", 1)[0] for n in names}
    main = next((n for n in names if all(stems[o].startswith(stems[n]) for o in names)), names[0])
    return [main, *(n for n in names if n != main)]


def read_zip_member(path: str | PathLike[str], member: str | None = None, *,
                    encoding: str | None = None, sep: str | None = None) -> CsvTable:
    """Read one CSV file of a zip archive (default: the main one, see :func:`zip_csv_members`).

    The table is named ``"<archive> [<member>]"``; its lines are the CSV file's own.

    Raises
    ------
    InputError
        Missing or unreadable archive, no such member, or an unreadable CSV file.
    """
    members = zip_csv_members(path)
    if member is None:
        member = members[0]
    elif member not in members:
        listed = ", ".join(f'"{m}"' for m in members)
        raise InputError(Message.of(N_('no CSV file named "{member}" in this archive; its CSV '
                                       "files are {files}"), member=member, files=listed),
                         path=str(path))
    with _open_zip(path) as archive:
        data = archive.read(member)
    name = f"{path} [{member}]"
    # read_table reads a file: the member goes through a temporary copy
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / Path(member).name
        copy.write_bytes(data)
        try:
            table = read_table(copy, encoding=encoding, sep=sep)
        except InputError as err:
            raise InputError(err.message, path=name, line=err.line, column=err.column,
                             value=err.value) from None
    for p in table.all_problems:
        p.path = Path(name).name
    table.path = name
    return table


# --------------------------------------------------------------------------- frames

def _column_texts(column: pd.Series) -> list[str]:
    """A DataFrame column as text cells (vectorised for the common dtypes)."""
    kind = column.dtype.kind
    if kind in "iu":
        return column.astype(str).tolist()
    if kind == "b":
        return ["TRUE" if v else "FALSE" for v in column.tolist()]
    return [c if type(c) is str else cell_text(c) for c in column.tolist()]


def read_frame(frame: pd.DataFrame, name: str = "DataFrame") -> CsvTable:
    """Read a pandas DataFrame as a table of text (see the module docstring).

    Examples
    --------
    >>> df = pd.DataFrame({"nom": ["Mairie", None, "Asso"], "note": [3.0, None, 3.5]})
    >>> t = read_frame(df)
    >>> t.path, t.header, t.rows, t.lines, t.blank_lines
    ('DataFrame', ['nom', 'note'], [['Mairie', '3'], ['Asso', '3.5']], [0, 2], 1)
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    if any(n is not None for n in frame.index.names):
        frame = frame.reset_index()  # a named index is a column (as to_csv writes it)
    index = frame.index
    if (pd.api.types.is_integer_dtype(index.dtype) and index.is_unique):
        lines = [int(i) for i in index]
    else:
        lines = list(range(len(frame)))
    if isinstance(frame.columns, pd.MultiIndex):
        header = [" ".join(cell_text(p) for p in col if cell_text(p).strip())
                  for col in frame.columns]
    else:
        header = [cell_text(c) for c in frame.columns]
    columns = [_column_texts(frame.iloc[:, j]) for j in range(frame.shape[1])]
    cells = zip(*columns, strict=True) if columns else ([] for _ in lines)
    numbered = [(-1, header), *zip(lines, map(list, cells), strict=True)]
    table = table_from_rows(name, numbered, encoding="", sep="",
                            empty=N_("the DataFrame has no column name and no value"))
    table.header_line = None  # type: ignore[assignment]  # a frame has no header line
    for p in table.problems:
        if p.line == -1:
            p.line = None
    return table


# --------------------------------------------------------------------------- any

def read_any(
    source: str | PathLike[str] | pd.DataFrame,
    *,
    encoding: str | None = None,
    sep: str | None = None,
    sheet: str | int | None = None,
) -> CsvTable:
    """Read a CSV file, a workbook's sheet or a DataFrame as the readers' table.

    Parameters
    ----------
    source : path or DataFrame
        A CSV (or TSV, TXT) file, a ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``
        workbook, a ``.zip`` archive of CSV files, or a :class:`pandas.DataFrame`.
    encoding, sep : str, optional
        For CSV files (:func:`~alliances.io.csvfile.read_table`); ignored for
        workbooks and DataFrames, whose cells are already cut.
    sheet : str or int, optional
        For workbooks: the sheet (name or 0-based position); default: the
        first visible sheet holding a value. For a zip archive: the CSV
        file's name inside it; default: the main one. Refused for a CSV file
        or a DataFrame.

    Examples
    --------
    >>> read_any(pd.DataFrame({"nom": ["Mairie"]})).rows
    [['Mairie']]
    """
    if isinstance(source, pd.DataFrame):
        if sheet is not None:
            raise ValueError("sheet= is for workbooks; a DataFrame has no sheets")
        return read_frame(source)
    if is_workbook(source):
        return read_sheet(source, sheet)
    if is_zip(source):
        if sheet is not None and not isinstance(sheet, str):
            raise ValueError("sheet= for a zip archive is the name of a CSV file inside it")
        return read_zip_member(source, sheet, encoding=encoding, sep=sep)
    if sheet is not None:
        raise ValueError(f"sheet= is for workbooks (.xlsx, .xlsm, .xls, .ods) and zip archives, "
                         f"not {source}")
    return read_table(source, encoding=encoding, sep=sep)
