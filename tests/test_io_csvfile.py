"""Reading field CSV files: encodings, delimiters, text cells, physical line numbers."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from alliances.errors import InputError
from alliances.io.csvfile import (
    decode_bytes,
    detect_delimiter,
    match_columns,
    parse_number,
    read_table,
)

DATA = Path(__file__).parent / "data" / "io"


def write(tmp_path: Path, data: bytes | str, name: str = "f.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# ----------------------------------------------------------------- encodings

def test_cp1252_file_is_read_as_cp1252_not_cp1250():
    t = read_table(DATA / "survey_long_cp1252.csv")
    assert t.encoding == "cp1252"
    assert t.sep == ";"
    assert t.rows[6][1] == "Ressourcerie Lefèvre"  # not "Lefčvre"
    assert t.rows[1][1] == "MAIRIE D’ANTONY"  # curly apostrophe 0x92, trailing space stripped


def test_utf8_bom_is_removed_from_first_header():
    t = read_table(DATA / "actors_bom.csv")
    assert t.encoding == "utf-8-sig"
    assert t.header[0] == "nom"


def test_utf16_with_bom(tmp_path):
    p = write(tmp_path, codecs.BOM_UTF16_LE + "nom\tsecteur\r\nÉcole;A\tpublic\r\n".encode("utf-16-le"))
    t = read_table(p)
    assert (t.encoding, t.sep, t.header, t.rows) == ("utf-16", "\t", ["nom", "secteur"],
                                                     [["École;A", "public"]])


def test_forced_wrong_encoding_is_an_input_error_with_line(tmp_path):
    p = write(tmp_path, "nom\nMairie\nLefèvre\n".encode("cp1252"))
    with pytest.raises(InputError) as err:
        read_table(p, encoding="utf-8")
    assert err.value.line == 3
    assert "cannot be read as utf-8" in str(err.value)
    assert err.value.path == str(p)


def test_unknown_encoding_name(tmp_path):
    p = write(tmp_path, "nom\nA\n")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_table(p, encoding="klingon")


def test_replacement_character_is_reported_not_silent(tmp_path):
    p = write(tmp_path, "nom;ville\nLef\ufffdvre;Antony\n")
    t = read_table(p)
    assert len(t.problems) == 1
    prob = t.problems[0]
    assert (prob.line, prob.column, prob.value) == (2, "nom", "Lef\ufffdvre")
    assert "U+FFFD" in prob.message


def test_decode_bytes_prefers_utf8():
    assert decode_bytes("Vélo".encode()) == ("Vélo", "utf-8")
    # 0x81 is undefined in cp1252: latin-1 is the last resort, never a replacement char
    assert decode_bytes(b"a\x81b") == ("a\x81b", "latin-1")


# ----------------------------------------------------------------- delimiters

@pytest.mark.parametrize(("text", "sep"), [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2,5;3\n", ";"),
    ("a\tb\n1\t2\n", "\t"),
    ("a|b\n1|2\n", "|"),
    ("name\nAnna\nBernard\n", ","),  # one column: never a letter
    ("nom;commentaire\nA;oui, beaucoup\nB;non, pas du tout\n", ";"),
])
def test_detect_delimiter(text, sep):
    assert detect_delimiter(text) == sep


def test_one_column_file_reads_whole_names(tmp_path):
    t = read_table(write(tmp_path, "name\nAnna Martin\nBernard\n"))
    assert t.header == ["name"] and t.rows == [["Anna Martin"], ["Bernard"]]


def test_excel_sep_line(tmp_path):
    t = read_table(write(tmp_path, "sep=;\r\nnom,x;secteur\r\nA,1;public\r\n"))
    assert t.sep == ";" and t.header == ["nom,x", "secteur"] and t.header_line == 2
    assert t.lines == [3]


def test_forced_sep(tmp_path):
    t = read_table(write(tmp_path, "a;b,c\n1;2,3\n"), sep=",")
    assert t.header == ["a;b", "c"]


# ----------------------------------------------------------------- cells and lines

def test_every_cell_is_text(tmp_path):
    t = read_table(write(tmp_path, "code;région;x\n007;NA;None\n"))
    assert t.rows == [["007", "NA", "None"]]
    frame = t.frame()
    assert frame.loc[2, "région"] == "NA" and frame.loc[2, "code"] == "007"


def test_physical_line_numbers_with_quoted_newlines_and_blank_lines(tmp_path):
    text = ('nom;citation\n'          # 1
            'A;"ligne un\nligne deux"\n'  # 2-3
            '\n'                      # 4
            ';\n'                     # 5: empty cells only
            'B;"x\r\ny\r\nz"\n'       # 6-8
            'C;fin\n')                # 9
    t = read_table(write(tmp_path, text))
    assert t.lines == [2, 6, 9]
    assert t.rows[0][1] == "ligne un\nligne deux"
    assert t.blank_lines == 2
    assert list(t.frame().index) == [2, 6, 9]


def test_trailing_empty_columns_are_dropped(tmp_path):
    t = read_table(write(tmp_path, "nom;secteur;;\nA;public;;\nB;asso;;\n"))
    assert t.header == ["nom", "secteur"] and t.rows == [["A", "public"], ["B", "asso"]]
    assert t.problems == []


def test_blank_and_duplicate_headers_are_named_and_reported(tmp_path):
    t = read_table(write(tmp_path, "Contact;;Contact;contact\nA;x;B;C\n"))
    assert t.header == ["Contact", "column 2", "Contact (2)", "contact (3)"]
    messages = [(p.line, p.column, p.message) for p in t.problems]
    assert messages[0] == (1, "column 2", "blank header; the column was named 'column 2'")
    assert messages[1][1] == "Contact (2)" and "duplicate header 'Contact'" in messages[1][2]
    assert len(messages) == 3


def test_cells_beyond_the_header_are_kept_in_a_named_column(tmp_path):
    t = read_table(write(tmp_path, "a;b\n1;2\n3;4;oops\n5\n"))
    assert t.header == ["a", "b", "column 3"]
    assert t.rows == [["1", "2", ""], ["3", "4", "oops"], ["5", "", ""]]
    assert [(p.line, p.column) for p in t.problems] == [(1, "column 3")]


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="the file is empty") as err:
        read_table(write(tmp_path, "  \n\n"))
    assert err.value.line == 1
    with pytest.raises(InputError, match="folder"):
        read_table(tmp_path)


def test_parse_number():
    assert parse_number("3,5") == 3.5
    assert parse_number("3,5", decimal_comma=False) is None
    assert parse_number("1\u00a0000") == 1000.0
    assert parse_number("75%") == 0.75
    assert parse_number("NA") is None and parse_number("") is None
    assert parse_number("1.000,5") is None  # ambiguous: not guessed


def test_match_columns_accents_case_and_mapping():
    header = ["RÉPONDANT", "Structure ", "Q7"]
    syn = {"respondent": ["respondent", "répondant"], "organisation": ["structure"],
           "trust": ["confiance"]}
    assert match_columns(header, syn) == {"respondent": "RÉPONDANT", "organisation": "Structure "}
    assert match_columns(header, syn, {"q7": "trust"})["trust"] == "Q7"


def test_other_input_errors(tmp_path):
    with pytest.raises(InputError, match="the file has no header row") as err:
        read_table(write(tmp_path, ";;;\n;;\n"), sep=";")
    assert err.value.line == 1
    with pytest.raises(InputError, match="sep must be one character"):
        read_table(write(tmp_path, "a;b\n"), sep=";;")
