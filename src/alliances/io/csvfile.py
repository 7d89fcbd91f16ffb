"""Read any CSV file as it comes from the field.

Practitioners' files are Excel exports in cp1252 with ``;`` separators,
Google Forms exports in UTF-8, LimeSurvey exports with a BOM... This module
turns any of them into a :class:`CsvTable`: every cell as text (so ``NA``, a
region, ``None`` and ``007`` survive), each row with its **physical** 1-based
line number (as a text editor shows it, even when quoted cells hold
newlines), and a list of the oddities met on the way.

Rules (documented in ``docs/data-model.md``):

* Encoding: a UTF-16 or UTF-8 byte-order mark wins; UTF-16 without a BOM
  is recognised by its NUL bytes; otherwise strict UTF-8, then cp1252 (the
  Windows encoding of French Excel), then latin-1. No statistical
  guessing: detectors guess cp1250 on short French files and give
  "Lefčvre". A UTF-8 file with some lines in cp1252 (lines pasted from
  another file) is decoded line by line and those lines are reported. A
  replacement character (U+FFFD) already present in the file is reported,
  never passed silently.
* Binary files (an Excel workbook renamed ``.csv``, an image, anything
  with NUL bytes that is not UTF-16) are an :class:`InputError` saying to
  save the file as CSV.
* Delimiter: Excel's ``sep=;`` first line wins; otherwise the one of
  ``,`` ``;`` tab ``|`` that splits the header into the most columns with
  the most consistent row lengths (never a letter). A file whose header
  holds none of them is read as one column (commas in names stay).
* Quotes: a quote that opens a cell and is never closed (the rest of the
  file would become one cell) is an :class:`InputError` naming its line; a
  quote inside an unquoted cell (``écran 24"``) is legal. Cells of any
  size are read (a 1 MB pasted document is fine).
* The protective quote that :mod:`alliances.export` puts before
  formula-like text (``'=Mairie``) is removed, exactly as
  :func:`alliances._cells.restore_cell` defines: the library's own exports
  read back unchanged. ``l'eau`` or ``'Sud`` keep their quote.
* Ragged rows (more or fewer cells than the header) are read (missing cells
  empty, extra cells in ``column N``) and listed in
  :attr:`CsvTable.row_problems`, at most 50 per kind, then summarised.
* Blank lines and rows of empty cells are ignored (and counted); trailing
  empty columns (Excel artefacts) are dropped; a column with values but a
  blank header (including cells beyond the header's end) gets the name
  ``column N``; duplicate headers get `` (2)``, `` (3)``...; both reported.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import gc
import io
import itertools
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

from alliances._cells import restore_cell
from alliances.errors import InputError, Problem
from alliances.i18n import N_, Message
from alliances.model import normalize_text

__all__ = [
    "CsvTable",
    "decode_bytes",
    "detect_delimiter",
    "match_columns",
    "parse_number",
    "read_table",
    "table_from_rows",
]

DELIMITERS: tuple[str, ...] = (";", ",", "\t", "|")
FILE_EMPTY = Message.of(N_("the file is empty; export the table again with its header row"))
_MAX_REPORTED = 50  # per kind of oddity; more are summarised in one line
_SEP_LINE = re.compile(r"^\s*\"?sep=(.)\"?\s*$", re.IGNORECASE)


@dataclass
class CsvTable:
    """A field CSV read as text.

    Attributes
    ----------
    path : str
        The file as given.
    header : list of str
        Column names (blank ones named ``column N``, duplicates suffixed).
    rows : list of list of str
        Data cells, every row as long as the header.
    lines : list of int
        Physical 1-based line where each row starts.
    header_line : int
        Physical line of the header.
    encoding, sep : str
        What was used to read the file.
    problems : list of Problem
        Oddities of the file (renamed headers, extra columns, replacement
        characters, lines in another encoding).
    blank_lines : int
        Blank lines and rows of empty cells ignored.
    row_problems : list of Problem
        Rows with more or fewer cells than the header (ragged rows).
    """

    path: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int = 1
    encoding: str = "utf-8"
    sep: str = ","
    problems: list[Problem] = field(default_factory=list)
    blank_lines: int = 0
    row_problems: list[Problem] = field(default_factory=list)

    @property
    def all_problems(self) -> list[Problem]:
        """File and row problems together, for the import report."""
        return self.problems + self.row_problems

    @property
    def name(self) -> str:
        """The file name (without folders), used in evidence and reports."""
        return Path(self.path).name

    @property
    def decimal_comma(self) -> bool:
        """True when ``3,5`` should be read as 3.5 (the delimiter is not a comma)."""
        return self.sep != ","

    def frame(self) -> pd.DataFrame:
        """Return the rows as a DataFrame of text, indexed by physical line (``line``)."""
        return pd.DataFrame(
            self.rows, columns=self.header, index=pd.Index(self.lines, name="line"), dtype=object
        )

    def column(self, name: str) -> list[str]:
        """Return one column as a list of text cells."""
        j = self.header.index(name)
        return [row[j] for row in self.rows]


@contextlib.contextmanager
def pause_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a reader builds millions of objects.

    The collector runs again and again as lists, dicts and tuples pile up
    (a third of the time of a million-row import) and finds next to nothing:
    the rows, ties and nodes are all alive. Nested uses are fine; the
    previous state comes back at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode_bytes(data: bytes, encoding: str | None = None, *, path: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding when not given.

    Parameters
    ----------
    data : bytes
        The file content.
    encoding : str, optional
        Force an encoding. Decoding is strict: a byte that does not fit is an
        :class:`InputError` naming its line.
    path : str, optional
        For error messages.

    Returns
    -------
    text : str
    encoding : str
        The encoding used (``utf-8-sig`` when a BOM was found,
        ``utf-8+cp1252`` when lines in both were found in one file: see
        :func:`read_table`, which reports those lines).

    Raises
    ------
    InputError
        For a binary file (an Excel workbook, an image...) or bytes that do
        not fit a forced encoding.

    Examples
    --------
    >>> decode_bytes("Lefèvre".encode("cp1252"))
    ('Lefèvre', 'cp1252')
    >>> decode_bytes(b"\\xef\\xbb\\xbfnom")
    ('nom', 'utf-8-sig')
    """
    text, used, _ = _decode(data, encoding, path)
    return text, used


_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", N_("an Excel (.xlsx) or OpenDocument (.ods) workbook, or a zip file")),
    (b"\xd0\xcf\x11\xe0", N_("an old Excel (.xls) workbook")),
    (b"%PDF", N_("a PDF document")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
)


def _binary_error(data: bytes, path: str | None) -> InputError | None:
    for magic, what in _BINARY_SIGNATURES:
        if data.startswith(magic):
            return InputError(Message.of(N_('this is {what}, not a CSV file; open it in its '
                                            'program and save it as CSV ("CSV UTF-8" in Excel)'),
                                         what=Message.of(what)), path=path, line=1)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        return InputError(Message.of(N_("this looks like a binary file, not a CSV text file (it "
                                        "holds NUL bytes); save it as CSV from the program that "
                                        "made it")), path=path, line=line)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    # UTF-16 text of a Latin-script table has a NUL in every other byte
    sample = data[:4096]
    half = max(len(sample) // 2, 1)
    if len(data) % 2 == 0 and len(sample) >= 4:
        if sample[1::2].count(0) >= 0.6 * half and sample[0::2].count(0) < 0.1 * half:
            codec = "utf-16-le"
        elif sample[0::2].count(0) >= 0.6 * half and sample[1::2].count(0) < 0.1 * half:
            codec = "utf-16-be"
        else:
            return None
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            return None
        return codec
    return None


def _decode(data: bytes, encoding: str | None, path: str | None,
            ) -> tuple[str, str, list[int]]:
    """Decode; also return the lines read as cp1252 in a mostly UTF-8 file."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(Message.of(
                N_("byte {byte} cannot be read as {encoding}; leave encoding= unset to detect "
                   "it, or give the file's real encoding (often 'cp1252' for Excel files saved "
                   "on Windows, 'utf-8' otherwise)"),
                byte=repr(data[exc.start:exc.start + 1]), encoding=encoding),
                path=path, line=line,
            ) from None
        except LookupError:
            raise InputError(Message.of(N_("unknown encoding {encoding}; try 'utf-8' or 'cp1252'"),
                                        encoding=repr(encoding)), path=path) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            raise InputError(Message.of(N_("the file starts as UTF-16 but is not valid UTF-16; "
                                           "save it again as CSV UTF-8")),
                             path=path, line=1) from None
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        try:
            return body.decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:
            text, mixed = _decode_mixed(body)
            return text, "utf-8-sig+cp1252" if mixed else "utf-8-sig", mixed
    if b"\x00" in data[:65536] or any(data.startswith(m) for m, _ in _BINARY_SIGNATURES):
        codec = _utf16_without_bom(data)
        if codec is not None:
            return data.decode(codec), codec, []
        err = _binary_error(data, path)
        if err is not None:
            raise err
    if b"\x00" in data:
        err = _binary_error(data, path)
        if err is not None:
            raise err
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text, mixed = _decode_mixed(data)
    if mixed:
        return text, "utf-8+cp1252", mixed
    try:
        return data.decode("cp1252"), "cp1252", []
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", []


def _decode_mixed(data: bytes) -> tuple[str, list[int]]:
    """Decode line by line when UTF-8 lines with accents sit next to cp1252 ones.

    Returns the text and the 1-based lines read as cp1252 (empty, and the
    whole file as cp1252, when no line holds UTF-8 multi-byte characters:
    then the file is simply cp1252).
    """
    lines = data.split(b"\n")
    utf8_accented = False
    out: list[str] = []
    legacy: list[int] = []
    for i, raw in enumerate(lines, start=1):
        try:
            part = raw.decode("utf-8")
            if not utf8_accented and not raw.isascii():
                utf8_accented = True
        except UnicodeDecodeError:
            try:
                part = raw.decode("cp1252")
            except UnicodeDecodeError:
                part = raw.decode("latin-1")
            legacy.append(i)
        out.append(part)
    if not utf8_accented:
        try:
            return data.decode("cp1252"), []
        except UnicodeDecodeError:
            return data.decode("latin-1"), []
    return "\n".join(out), legacy


def _iter_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ``\n``, one at a time (no copy of the whole)."""
    start, end_of_text, find = 0, len(text), text.find
    while start < end_of_text:
        end = find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _csv_rows(reader: Iterator[list[str]], offset_lines: int, read_so_far: list[int],
              ) -> Iterator[tuple[int, list[str]]]:
    """``(physical line where the row starts, row)``; ``read_so_far[0]``: lines consumed."""
    for row in reader:
        start = read_so_far[0] + 1 + offset_lines
        read_so_far[0] = reader.line_num  # type: ignore[attr-defined]
        yield start, row


def _plain_rows(text: str, delimiter: str, chunk: int = 1 << 20) -> Iterator[list[str]]:
    """The rows of a text without any quote, CR only in CRLF: what csv.reader gives.

    An empty line gives ``[""]`` where the reader gives ``[]``: both are
    blank rows. Cut a megabyte at a time, so the lines never all exist at once.
    """
    start, end_of_text = 0, len(text)
    while start < end_of_text:
        end = text.find("\n", start + chunk)
        end = end_of_text if end < 0 else end + 1
        part = text[start:end]
        start = end
        if "\r" in part:
            part = part.replace("\r\n", "\n")  # a CR is always before a LF here
        lines = part.split("\n")
        if part.endswith("\n"):
            lines.pop()
        yield from map(str.split, lines, itertools.repeat(delimiter))


def _split_sample(text: str, sep: str, limit: int = 50) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    out = []
    for row in reader:
        if row and any(cell.strip() for cell in row):
            out.append(row)
        if len(out) >= limit:
            break
    return out


def _effective_width(row: list[str], width: int) -> int:
    # trailing empty cells are Excel noise, not a different row length
    n = len(row)
    while n > width and not row[n - 1].strip():
        n -= 1
    return n


def detect_delimiter(text: str) -> str:
    """Return the delimiter among ``;`` ``,`` tab ``|`` that fits the text best.

    The header must split into more than one column; among those that do,
    the most rows of the header's length win, then the most columns. Never
    returns a letter (unlike :class:`csv.Sniffer` on a one-column file).

    Examples
    --------
    >>> detect_delimiter("nom;secteur\\nMairie;public\\n")
    ';'
    >>> detect_delimiter("name\\nAnna\\n")
    ','
    >>> detect_delimiter("nom;note\\nA;3,5\\nB;4,5\\n")
    ';'
    """
    sample = text[:65536]
    best, best_score = ",", (0.0, 0)
    for sep in DELIMITERS:
        try:
            rows = _split_sample(sample, sep)
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(_effective_width(r, width) == width for r in rows) / len(rows)
        score = (consistent, width)
        if score > best_score:
            best, best_score = sep, score
    return best


def _fffd_problems(path: str, header: Sequence[str], rows: Iterable[Sequence[str]],
                   lines: Sequence[int]) -> list[Problem]:
    out = []
    for row, line in zip(rows, lines, strict=False):
        for j, cell in enumerate(row):
            if "\ufffd" in cell:
                out.append(Problem(
                    Message.of(N_("kept as written, but this cell holds U+FFFD (a character "
                                  "already lost by an earlier conversion of the file); re-export "
                                  "the file from the source")),
                    path=path, line=line, column=header[j], value=cell))
    return out


def read_table(
    path: str | PathLike[str],
    *,
    encoding: str | None = None,
    sep: str | None = None,
) -> CsvTable:
    """Read a field CSV file as text, with physical line numbers.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    encoding : str, optional
        Force an encoding (default: BOM, then strict UTF-8, then cp1252).
    sep : str, optional
        Force the delimiter (default: detected among ``;`` ``,`` tab ``|``).

    Returns
    -------
    CsvTable

    Raises
    ------
    InputError
        If the file does not exist, is empty, or cannot be decoded as asked.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.csv")
    >>> _ = open(p, "wb").write("sep=;\\nnom;région\\nMairie;NA\\n\\n\\"Asso\\nVélo\\";007\\n".encode("cp1252"))
    >>> t = read_table(p)
    >>> t.encoding, t.sep, t.header, t.rows, t.lines
    ('cp1252', ';', ['nom', 'région'], [['Mairie', 'NA'], ['Asso\\nVélo', '007']], [3, 5])
    """
    path_str = str(path)
    text, used_encoding, legacy_lines = _read_text(path, path_str, encoding)
    text, offset_lines, sep_line = _drop_sep_line(text)
    if sep is None:
        sep = sep_line
    one_column = False
    if sep is None:
        # a header without any delimiter is a one-column file: commas in the
        # cells below are part of the names ("Asso Vélo, Antony")
        one_column = not any(d in text.lstrip("\r\n").split("\n", 1)[0] for d in DELIMITERS)
        sep = detect_delimiter(text)
    elif len(sep) != 1:
        raise InputError(f"sep must be one character, got {sep!r}", path=path_str)

    header, header_line, rows, lines, blank = _read_rows(
        text, sep, "\x1f" if one_column else sep, offset_lines, path_str)
    problems = _per_line_problems(
        legacy_lines, Message.of(N_("this line is in cp1252 (Windows) while the rest of the file "
                                    "is UTF-8; read as cp1252: check its accents and save the "
                                    "whole file as CSV UTF-8")),
        N_("... and {n} more lines in cp1252 in this UTF-8 file"), path_str)
    width = _used_width(header, rows)
    names = _column_names(header, width, header_line, path_str, problems)
    row_problems = _even_rows(rows, lines, len(header), width, path_str)
    if "\ufffd" in text:
        problems += _fffd_problems(path_str, names, rows, lines)
    return CsvTable(path=path_str, header=names, rows=rows, lines=lines, header_line=header_line,
                    encoding=used_encoding, sep=sep, problems=problems, blank_lines=blank,
                    row_problems=row_problems)


def table_from_rows(path: str, numbered: Iterable[tuple[int, Sequence[str]]], *,
                    encoding: str = "", sep: str = "", empty: str = N_("the table is empty"),
                    ) -> CsvTable:
    """Build a :class:`CsvTable` from rows of text cells already cut (a sheet, a DataFrame).

    The same cleaning as :func:`read_table`: cells stripped and freed of the
    exporter's protective quote, the first non-blank row is the header, blank
    rows are counted and skipped, trailing empty columns dropped, blank and
    duplicate headers renamed (and reported), ragged rows evened out.

    Parameters
    ----------
    path : str
        What the table is called in reports and errors (``"study.xlsx [survey]"``).
    numbered : iterable of (int, sequence of str)
        ``(line, cells)``: the line (row number) shown to the user, and the cells.
    encoding, sep : str
        Recorded on the table (``sep`` other than ``","`` means ``3,5`` is 3.5).
    empty : str
        The message of the InputError raised when no row holds a value (a
        template marked with ``N_``, or a :class:`~alliances.i18n.Message` with its fields).

    Examples
    --------
    >>> t = table_from_rows("s.xlsx [Feuil1]", [(1, ["nom", "", ""]), (2, ["", "", ""]),
    ...                                         (3, [" Mairie ", "007", ""])])
    >>> t.header, t.rows, t.lines, t.blank_lines
    (['nom', 'column 2'], [['Mairie', '007']], [3], 1)
    """
    share, strip = sys.intern, str.strip
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    blank = 0
    fffd = False
    for line, row in numbered:
        cells = list(map(share, map(strip, row)))
        joined = "\x1f".join(row)  # a quick look for the exporter's protective quote
        if joined[:1] == "'" or "\x1f'" in joined:
            cells = [share(strip(restore_cell(c))) if c[:1] == "'" else cell
                     for c, cell in zip(row, cells, strict=True)]
        if not any(cells):
            if header is not None:
                blank += 1
            continue
        if not fffd:
            fffd = any("\ufffd" in c for c in cells)
        if header is None:
            header, header_line = cells, line
            continue
        rows.append(cells)
        lines.append(line)
    if header is None:
        raise InputError(Message.of(N_("{empty} (no cell holds a value); it needs a header row "
                                       "and one row per record"),
                                    empty=empty if isinstance(empty, Message) else Message.of(empty)),
                         path=path, line=1)
    problems: list[Problem] = []
    width = _used_width(header, rows)
    names = _column_names(header, width, header_line, path, problems)
    row_problems = _even_rows(rows, lines, len(header), width, path)
    if fffd:
        problems += _fffd_problems(path, names, rows, lines)
    return CsvTable(path=path, header=names, rows=rows, lines=lines, header_line=header_line,
                    encoding=encoding, sep=sep, problems=problems, blank_lines=blank,
                    row_problems=row_problems)


def _read_text(path: str | PathLike[str], path_str: str, encoding: str | None,
               ) -> tuple[str, str, list[int]]:
    """The file's text, its encoding and cp1252 lines; InputError if missing, a folder or empty."""
    p = Path(path)
    if not p.exists():
        raise InputError(Message.of(N_("file not found: {path}; check the name and folder"),
                                    path=path_str), path=path_str)
    if p.is_dir():
        raise InputError(Message.of(N_("this is a folder, not a CSV file; use {call} for a "
                                       "folder"), call="alliances.load()"), path=path_str)
    data = p.read_bytes()
    if not data or data.isspace():  # strip() would copy the file
        raise InputError(FILE_EMPTY, path=path_str, line=1)
    text, used_encoding, legacy_lines = _decode(data, encoding, path_str)
    del data  # the bytes are not needed any more: one copy of the file less
    if not text or text.isspace():
        raise InputError(FILE_EMPTY, path=path_str, line=1)
    if len(text) >= csv.field_size_limit():
        # a 1 MB cell (a pasted document) is legal CSV: let the reader take it
        csv.field_size_limit(len(text) + 1)
    return text, used_encoding, legacy_lines


def _drop_sep_line(text: str) -> tuple[str, int, str | None]:
    """Remove Excel's ``sep=;`` first line: the text left, lines removed (0 or 1), its delimiter."""
    first_line_end = text.find("\n")
    first_line = text if first_line_end < 0 else text[:first_line_end]
    match = _SEP_LINE.match(first_line.rstrip("\r"))
    if not match:
        return text, 0, None
    return ("" if first_line_end < 0 else text[first_line_end + 1:]), 1, match.group(1)


def _numbered_rows(text: str, delimiter: str, offset_lines: int, read_so_far: list[int],
                   ) -> Iterable[tuple[int, list[str]]]:
    """``(physical line, cells)`` of each row: cut at C speed when no quote can span lines.

    ``read_so_far[0]`` follows the lines the csv reader has consumed, for the
    line of its error message.
    """
    only_crlf = text.count("\r") == text.count("\r\n")
    if only_crlf and '"' not in text and "\x00" not in text:
        # no quote at all: each line is one row, cut as csv.reader would cut
        # it (it only treats the delimiter, quotes, CR and LF apart)
        return zip(itertools.count(1 + offset_lines), _plain_rows(text, delimiter))
    # io.StringIO would copy the whole text (4 bytes a character); lines cut
    # one at a time do not, and give the reader the same lines, unless a lone
    # CR (old Mac files) ends some of them
    lines_in: Iterable[str] = _iter_lines(text) if only_crlf else io.StringIO(text, newline="")
    return _csv_rows(csv.reader(lines_in, delimiter=delimiter), offset_lines, read_so_far)


def _read_rows(text: str, sep: str, delimiter: str, offset_lines: int, path: str,
               ) -> tuple[list[str], int, list[list[str]], list[int], int]:
    """Header as read, its line, the stripped data rows, their lines and the blank rows skipped.

    Cells are stripped, interned (equal cells share one string: a third of
    the memory of a big file) and freed of the exporter's protective quote.
    Raises InputError for a file the csv reader refuses, with no header, or
    with a quote opened and never closed.
    """
    read_so_far = [0]
    numbered = _numbered_rows(text, delimiter, offset_lines, read_so_far)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    last_raw: list[list[str]] = []  # the last row as read, for _check_open_quote
    lines: list[int] = []
    blank = 0
    # does any cell start with the exporter's protective quote? (substring searches
    # at C speed, so files without one never pay for restore_cell)
    quoted = "'" in text and (text.startswith(("'", "\"'")) or any(
        f"{before}{q}'" in text for before in (sep, "\n", "\r") for q in ("", '"')))
    share = sys.intern
    strip = str.strip
    try:
        for start, row in numbered:
            cells = list(map(share, map(strip, row)))
            if not any(cells):  # no cell, or only blank ones
                if header is not None:
                    blank += 1
                continue
            if header is None:
                header, header_line = row, start
                continue
            last_raw = [row]
            if quoted:
                cells = [share(strip(restore_cell(c))) if c[:1] == "'" else cell
                         for c, cell in zip(row, cells, strict=True)]
            rows.append(cells)
            lines.append(start)
    except csv.Error as exc:
        raise InputError(Message.of(N_("the file cannot be read as CSV ({error}); check the "
                                       "quotes on this line"), error=str(exc)),
                         path=path, line=read_so_far[0] + 1 + offset_lines) from None
    if header is None:
        raise InputError(Message.of(N_("the file has no header row (only empty cells); export "
                                       "the table again with its header row")), path=path, line=1)
    if text.count('"') % 2:
        _check_open_quote(text, path, header, header_line, lines, last_raw, offset_lines)
    return header, header_line, rows, lines, blank


def _per_line_problems(lines: list[int], message: str, more: str, path: str) -> list[Problem]:
    """One problem per line, the first 50 only, then one ``more`` line (``{n}``: how many left)."""
    out = [Problem(message, path=path, line=line) for line in lines[:_MAX_REPORTED]]
    if len(lines) > _MAX_REPORTED:
        out.append(Problem(Message.of(more, n=len(lines) - _MAX_REPORTED), path=path,
                           line=lines[_MAX_REPORTED]))
    return out


def _used_width(header: list[str], rows: list[list[str]]) -> int:
    """Columns kept: trailing ones with a blank header and no value below it are Excel artefacts.

    The cells are stripped already; only columns with a blank header need a look.
    """
    width = max(len(header), max(map(len, rows), default=0))
    used = [bool(header[j].strip()) if j < len(header) else False for j in range(width)]
    for j in range(width):
        if not used[j]:
            used[j] = any(len(row) > j and row[j] for row in rows)
    while width and not used[width - 1]:
        width -= 1
    return width


def _column_names(header: list[str], width: int, header_line: int, path: str,
                  problems: list[Problem]) -> list[str]:
    """Header names: blank ones named ``column N``, duplicates suffixed `` (2)``; both reported."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for j in range(width):
        original = header[j].strip() if j < len(header) else ""
        name = original or f"column {j + 1}"
        if not original:
            problems.append(Problem(Message.of(N_("blank header; the column was named {name}"),
                                               name=repr(name)),
                                    path=path, line=header_line, column=name))
        key = normalize_text(name) or name
        if key in seen:
            seen[key] += 1
            new = f"{name} ({seen[key]})"
            problems.append(Problem(
                Message.of(N_("duplicate header {original}; this column was renamed {new}"),
                           original=repr(original), new=repr(new)),
                path=path, line=header_line, column=new, value=original))
            name = new
        else:
            seen[key] = 1
        names.append(name)
    return names


def _even_rows(rows: list[list[str]], lines: list[int], header_width: int, width: int,
               path: str) -> list[Problem]:
    """Pad or cut every row to ``width`` cells, in place; the ragged rows' problems.

    A row is ragged when its cells (trailing empty ones not counted) are more
    or fewer than the header's.
    """
    short: list[int] = []
    long_: list[int] = []
    ragged = range(0)
    if rows and (width != header_width or set(map(len, rows)) != {header_width}):
        ragged = range(len(rows))  # else no row needs a look
    for i in ragged:
        row, line = rows[i], lines[i]
        n = len(row)
        if n != header_width:
            n = _effective_width(row, header_width)
            if n > header_width:
                long_.append(line)
            elif n < header_width:
                short.append(line)
        # cells beyond `width` are empty by construction (see _used_width)
        if len(row) > width:
            rows[i] = row[:width]
        elif len(row) < width:
            rows[i] = row + [""] * (width - len(row))
    more = N_("... and {n} more lines like this")
    return (_per_line_problems(long_, Message.of(N_(
        "more cells than the header has columns; the extra cells were kept in columns named "
        "'column N'; check the separators and quotes of this line")), more, path)
            + _per_line_problems(short, Message.of(N_(
                "fewer cells than the header has columns; the missing cells were read as empty; "
                "check the separators and quotes of this line")), more, path))


def _check_open_quote(text: str, path: str, header: list[str], header_line: int,
                      lines: list[int], raw_rows: list[list[str]], offset_lines: int) -> None:
    """Raise if a quote opened in a cell is never closed (the rest of the file became one cell).

    Only called when the file holds an odd number of ``"``. The csv reader
    ends such a cell at the end of the file without complaint; a stray quote
    inside an unquoted cell (``écran 24"``) is legal and passes.
    """
    start = lines[-1] if raw_rows else header_line
    last = raw_rows[-1] if raw_rows else header
    if not any("\n" in c or "\r" in c for c in last):
        return
    body = text.split("\n")
    first = start - 1 - offset_lines
    if "\n".join(body[first:]).count('"') % 2 == 0:
        return
    line = start
    for i in range(first, len(body)):
        if body[i].count('"') % 2:
            line = i + 1 + offset_lines
            break
    raise InputError(Message.of(N_(
        'a quote (") opens a cell on this line and is never closed, so the rest of the file '
        "would be read as one cell; close the quote, or remove it (inside a quoted cell, "
        'write a quote twice: "")')), path=path, line=line)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: str, *, decimal_comma: bool = True) -> float | None:
    """Read a number written by hand or by Excel; None if it is not one.

    Examples
    --------
    >>> parse_number("3,5"), parse_number(" 4 "), parse_number("80 %"), parse_number("NA")
    (3.5, 4.0, 0.8, None)
    >>> parse_number("3,5", decimal_comma=False) is None
    True
    """
    s = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if not s:
        return None
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if decimal_comma and s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    if not _NUMBER.match(s):
        return None
    value = float(s)
    return value / 100.0 if percent else value


def match_columns(
    header: Sequence[str],
    synonyms: Mapping[str, Iterable[str]],
    columns: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map canonical column roles to the file's headers.

    Headers are compared with :func:`~alliances.model.normalize_text` (case,
    accents, spacing and punctuation do not matter). ``columns`` maps the
    user's own headers to roles and wins over synonyms.

    Returns
    -------
    dict
        role -> header as written in the file.

    Examples
    --------
    >>> match_columns(["Répondant", "Partenaire", "Notes"],
    ...               {"respondent": ["respondent", "repondant"], "contact": ["contact", "partenaire"]})
    {'respondent': 'Répondant', 'contact': 'Partenaire'}
    """
    found: dict[str, str] = {}
    by_norm = {normalize_text(h): h for h in reversed(list(header))}
    if columns:
        for theirs, role in columns.items():
            h = by_norm.get(normalize_text(theirs))
            if h is not None:
                found[role] = h
    taken = set(found.values())
    for role, names in synonyms.items():
        if role in found:
            continue
        for s in names:
            h = by_norm.get(normalize_text(s))
            if h is not None and h not in taken:
                found[role] = h
                taken.add(h)
                break
    return found


def closest_header(header: Sequence[str], wanted: Iterable[str]) -> str | None:
    """Return the file header closest to any of the wanted names, or None."""
    norm = {normalize_text(h): h for h in header}
    best, best_ratio = None, 0.0
    for w in wanted:
        for n, h in norm.items():
            r = difflib.SequenceMatcher(None, normalize_text(w), n).ratio()
            if r > best_ratio:
                best, best_ratio = h, r
    return best if best_ratio >= 0.5 else None


#: What the importers' required columns hold, as :func:`missing_column_error` says it:
#: marked here for the catalogue, so that the importers' plain descriptions are translated.
COLUMN_DESCRIPTIONS = (
    N_("the actor's name"), N_("who took part"), N_("what they took part in"),
    N_("one column per event in a matrix"), N_("the actor the interviewee mentions"),
    N_("who was interviewed, or their organisation"), N_("who answered, or their organisation"),
    N_("numbered contact columns of a wide survey"),
)


def missing_column_error(table: CsvTable, role: str, synonyms: Iterable[str],
                         what: str, found: Mapping[str, str] | None = None) -> InputError:
    """The InputError for a required column that is not in the file.

    ``found`` (role -> header, from :func:`match_columns`): headers already
    read as another column are never offered as the closest header.

    Examples
    --------
    >>> t = CsvTable("s.csv", ["Répondant", "Confiance", "Contacté"], [], [])
    >>> e = missing_column_error(t, "contact", ["contact", "contact cite"], "who is named",
    ...                          found={"trust": "Confiance"})
    >>> 'closest header is "Contacté"' in e.message
    True
    """
    names = list(synonyms)
    taken = set((found or {}).values())
    close = closest_header([h for h in table.header if h not in taken], names)
    hint = (Message.of(N_(' The closest header is "{close}": if it holds this, pass {option}.'),
                       close=close, option=f'columns={{"{close}": "{role}"}}') if close else
            Message.of(N_(" Rename the column or pass {option}."),
                       option=f'columns={{"your header": "{role}"}}'))
    return InputError(Message.of(
        N_('no "{role}" column ({what}); expected one of: {names}. Columns found: {columns}.'
           '{hint}'),
        role=role, what=Message.of(what), names=", ".join(names[:6]),
        columns=", ".join(table.header), hint=hint),
        path=table.path, line=table.header_line, column=role)


def missing_column_head(err: InputError) -> str:
    """The message of :func:`missing_column_error` without its closing hint (to add another one).

    Examples
    --------
    >>> t = CsvTable("s.csv", ["Q1"], [], [])
    >>> missing_column_head(missing_column_error(t, "contact", ["contact"], "who is named"))
    'no "contact" column (who is named); expected one of: contact. Columns found: Q1.'
    """
    message = err.message
    if isinstance(message, Message) and "hint" in message.fields:
        return Message.of(message.msgid, **{**message.fields, "hint": ""})
    return str(message).split(" The closest header")[0].split(" Rename the column")[0]
