"""Workbooks (.xlsx, .ods) and DataFrames read exactly as the equivalent CSV files.

Each test builds its files from one French study (accents, a merged block, a
formula with its saved value, dates, a number stored as text "007", a blank
row) written three ways: CSV (as Excel's "CSV (;)" export gives it), .xlsx
(openpyxl) or .ods (written by hand: the format is a zip of XML), and
DataFrame. The graphs must be equal (to_frames), the import reports equal
but for the file names, and errors must name the sheet, its row and column.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

import alliances
from alliances.errors import InputError
from alliances.io import workbook
from alliances.io.load import load
from alliances.io.report import ImportReport
from alliances.model import Evidence, to_frames

openpyxl = pytest.importorskip("openpyxl")
calamine = pytest.importorskip("python_calamine")


class F:
    """A formula cell and the value the spreadsheet saved with it."""

    def __init__(self, formula: str, cached: object) -> None:
        self.formula, self.cached = formula, cached


#: ``None`` below a value in a column listed in MERGED: a merged block
MERGED = object()

ACTEURS = [
    ["nom", "secteur", "type", "territoire", "thèmes", "alias"],
    ["Mairie d'Antony", "Collectivité", "structure", "Antony", "mobilité|urbanisme",
     "Ville d'Antony|Commune d'Antony"],
    ["Asso Vélo Antony", "association", "organisation", "NA", "vélo", "Association Vélo Antony"],
    ["Tiers-Lieu La Fabrique", "association|recherche", None, "Antony", None, None],
    ["CAF", "Organisme social", None, "007", None, "CAF des Hauts-de-Seine"],
]

ENQUETE = [
    ["répondant", "structure", "secteur", "partenaire", "type de relation", "fréquence",
     "confiance", "thème"],
    ["Anne Martin", "Mairie d'Antony", "Collectivité", "Asso Vélo Antony", "Collaboration",
     "mensuel", 4, "mobilité"],
    [MERGED, MERGED, MERGED, "CAF des Hauts-de-Seine", "échange d'informations", 3,
     F("2+1.5", 3.5), None],
    [None] * 8,
    ["Léa Petit", "Asso Vélo Antony", "Association", "Ville d'Antony", "Conflit", "souvent", 1,
     None],
    ["Léa Petit", "Asso Vélo Antony", "Association", "Asso Vélo Antony", "collaboration",
     "mensuel", 5, None],
    ["Marc Roy", "Ressourcerie Lefèvre", "Fablab", F("B2", "Mairie d'Antony"), "collaboration",
     "parfois", "beaucoup", None],
]

ENTRETIENS = [
    ["entretien", "personne interrogée", "structure", "acteur cité", "relation", "ton",
     "citation"],
    ["E1", "Anne Martin", "Mairie d'Antony", "Asso Vélo Antony", "collaboration", "positif",
     "On avance bien ensemble"],
    [MERGED, MERGED, MERGED, "CAF", None, "neutre", "Dossier n°007"],
    ["E2", "Léa Petit", "Asso Vélo Antony", "Mairie d'Antony", None, "négatif",
     "La mairie ne nous écoute pas"],
    ["E3", "Marc Roy", None, "CAF", None, "bof", None],
]

PARTICIPATIONS = [
    ["acteur", "événement", "type", "date"],
    ["Mairie d'Antony", "Comité vélo", "comité", dt.date(2024, 1, 10)],
    ["Asso Vélo Antony", "Comité vélo", "comité", dt.date(2024, 1, 10)],
    ["CAF", "Comité vélo", "comité", dt.date(2024, 1, 10)],
    [None, None, None, None],
    ["Mairie d'Antony", "Atelier mobilité", "atelier", dt.datetime(2024, 2, 1, 14, 30)],
    ["Asso Vélo Antony", "Atelier mobilité", "atelier", dt.datetime(2024, 2, 1, 14, 30)],
]

STUDY = {"acteurs": ACTEURS, "enquête": ENQUETE, "entretiens": ENTRETIENS,
         "participations": PARTICIPATIONS}
READERS = {"acteurs": alliances.read_actors, "enquête": alliances.read_survey,
           "entretiens": alliances.read_interviews, "participations": alliances.read_affiliations}


# --------------------------------------------------------------------------- writers

def _value(cell: object) -> object:
    """What the cell holds once computed (None for a merged block's other cells)."""
    if cell is MERGED:
        return None
    return cell.cached if isinstance(cell, F) else cell


def _csv_text(cell: object) -> str:
    """The cell as Excel's French "CSV (;)" export writes it (dates in ISO here)."""
    value = _value(cell)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, rows: list[list]) -> Path:
    lines = [";".join(_csv_text(c) for c in row) for row in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    return path


def _merges(rows: list[list]) -> list[str]:
    """Excel ranges of the merged blocks: a value and the MERGED cells below it."""
    out: list[str] = []
    for j in range(len(rows[0]) if rows else 0):
        i = 0
        while i < len(rows):
            end = i
            while end + 1 < len(rows) and rows[end + 1][j] is MERGED:
                end += 1
            if end > i:
                col = openpyxl.utils.get_column_letter(j + 1)
                out.append(f"{col}{i + 1}:{col}{end + 1}")
            i = end + 1
    return out


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per table; formulas keep their saved values."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[tuple[int, str], object] = {}
    for k, (name, rows) in enumerate(sheets.items()):
        ws = wb.create_sheet(name)
        for i, row in enumerate(rows, start=1):
            for j, cell in enumerate(row, start=1):
                if cell is MERGED or cell is None:
                    continue
                if isinstance(cell, F):
                    ws.cell(i, j, "=" + cell.formula)
                    cached[k, f"{openpyxl.utils.get_column_letter(j)}{i}"] = cell.cached
                else:
                    ws.cell(i, j, cell)
        for block in _merges(rows):
            ws.merge_cells(block)
    wb.save(path)
    _save_cached_values(path, cached)
    return path


def _save_cached_values(path: Path, cached: dict[tuple[int, str], object]) -> None:
    """Write the values Excel saves next to formulas (openpyxl writes formulas without them)."""
    with zipfile.ZipFile(path) as z:
        parts = {info: z.read(info.filename) for info in z.infolist()}
    for info in list(parts):
        m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
        if not m:
            continue
        xml = parts[info].decode("utf-8")
        for (k, ref), value in cached.items():
            if k != int(m[1]) - 1:
                continue
            kind = ' t="str"' if isinstance(value, str) else ""
            xml, n = re.subn(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
                             lambda mm, ref=ref, kind=kind, value=value:
                             f'<c r="{ref}"{mm[1]}{kind}><f>{mm[2]}</f><v>{escape(str(value))}</v>',
                             xml)
            assert n == 1, (ref, xml)
        parts[info] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            z.writestr(info, data)


def write_ods(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice reads and writes)."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    tables = []
    for name, rows in sheets.items():
        out = [f'<table:table table:name="{escape(name)}">']
        for row in rows:
            out.append("<table:table-row>")
            for cell in row:
                value = _value(cell)
                if value is None:
                    out.append("<table:table-cell/>")
                elif isinstance(value, (int, float)):
                    out.append(f'<table:table-cell office:value-type="float" '
                               f'office:value="{value}"><text:p>{value}</text:p></table:table-cell>')
                elif isinstance(value, dt.date):
                    iso = value.isoformat()
                    out.append(f'<table:table-cell office:value-type="date" office:date-value='
                               f'"{iso}"><text:p>{iso}</text:p></table:table-cell>')
                else:
                    out.append(f'<table:table-cell office:value-type="string"><text:p>'
                               f"{escape(value)}</text:p></table:table-cell>")
            out.append("</table:table-row>")
        out.append("</table:table>")
        tables.append("".join(out))
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               f'office:version="1.2"><office:body><office:spreadsheet>{"".join(tables)}'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def frame_of(rows: list[list]) -> pd.DataFrame:
    """The table as another Python tool would hand it over: indexed by the sheet's rows."""
    body = [[_value(c) for c in row] for row in rows[1:]]
    return pd.DataFrame(body, columns=rows[0], index=range(2, len(rows) + 1))


# --------------------------------------------------------------------------- comparing

def _no_files(value: object) -> object:
    if isinstance(value, Evidence):
        return (value.line, value.quote)
    if isinstance(value, tuple):
        return tuple(_no_files(v) for v in value)
    return value


def frames(G_or_registry: object) -> tuple[pd.DataFrame, ...]:
    """The graph's (or registry's) content, evidence without its file names."""
    if isinstance(G_or_registry, pd.DataFrame):
        return (G_or_registry.drop(columns=["line"], errors="ignore"),)
    nodes, ties = to_frames(G_or_registry)
    ties = ties.assign(evidence=ties["evidence"].map(_no_files))
    return nodes, ties


def report_of(result: object) -> ImportReport:
    if isinstance(result, pd.DataFrame):
        return result.attrs["import_report"]
    return result.graph["import_report"]


def same_report(a: ImportReport, b: ImportReport, *, header_line: int | None = 1) -> None:
    """Equal reports but for the file names (``header_line``: b's line for a's line 1)."""
    assert a.counts == b.counts
    for name in ("skipped", "problems"):
        x, y = getattr(a, name).drop(columns="path"), getattr(b, name).drop(columns="path")
        if header_line != 1:  # a DataFrame has no header line
            x["line"] = x["line"].where(x["line"] != 1, header_line).astype(y["line"].dtype)
        pd.testing.assert_frame_equal(x, y)
    pd.testing.assert_frame_equal(a.merged_names, b.merged_names)


def assert_same(a: object, b: object, *, header_line: int | None = 1) -> None:
    for x, y in zip(frames(a), frames(b), strict=True):
        pd.testing.assert_frame_equal(x, y)
    same_report(report_of(a), report_of(b), header_line=header_line)


@pytest.fixture
def study(tmp_path: Path) -> dict[str, Path]:
    """The study as CSV files, .xlsx files, one .xlsx with four sheets, and one .ods."""
    out = {}
    (tmp_path / "csv").mkdir()
    (tmp_path / "xlsx").mkdir()
    for name, rows in STUDY.items():
        out[f"{name}.csv"] = write_csv(tmp_path / "csv" / f"{name}.csv", rows)
        out[f"{name}.xlsx"] = write_xlsx(tmp_path / "xlsx" / f"{name}.xlsx", {"Feuil1": rows})
    out["étude.xlsx"] = write_xlsx(tmp_path / "étude.xlsx", STUDY)
    out["étude.ods"] = write_ods(tmp_path / "étude.ods", STUDY)
    return out


# --------------------------------------------------------------------------- tests

def test_sheet_cells_are_the_csv_cells(study):
    t = workbook.read_sheet(study["étude.xlsx"], "enquête")
    assert t.name == "étude.xlsx [enquête]"
    assert t.lines == [2, 3, 5, 6, 7]  # the sheet's row numbers; row 4 is blank
    assert t.blank_lines == 1
    assert t.rows[0][6] == "4" and t.rows[1][6] == "3.5"  # numbers as their shortest text
    assert t.rows[1][:3] == ["", "", ""]  # a merged block: its first cell, then empty cells
    assert t.rows[4][3] == "Mairie d'Antony"  # a formula's saved value
    reg = workbook.read_sheet(study["étude.xlsx"], "acteurs")
    assert reg.rows[3][3] == "007"  # text stays text
    events = workbook.read_sheet(study["étude.xlsx"], "participations")
    assert events.column("date") == ["2024-01-10"] * 3 + ["2024-02-01 14:30"] * 2


@pytest.mark.parametrize("name", list(STUDY))
def test_each_reader_reads_a_workbook_as_the_csv(study, name):
    reader = READERS[name]
    kw = {} if name == "acteurs" else {"actors": alliances.read_actors(study["acteurs.csv"])}
    from_csv = reader(study[f"{name}.csv"], **kw)
    assert_same(from_csv, reader(study[f"{name}.xlsx"], **kw))  # first sheet with data
    assert_same(from_csv, reader(study["étude.xlsx"], sheet=name, **kw))
    assert_same(from_csv, reader(study["étude.ods"], sheet=name, **kw))
    assert report_of(reader(study["étude.xlsx"], sheet=name, **kw)).sources == [
        f"étude.xlsx [{name}]"]


@pytest.mark.parametrize("name", list(STUDY))
def test_each_reader_reads_a_dataframe_as_the_csv(study, name):
    reader = READERS[name]
    kw = {} if name == "acteurs" else {"actors": alliances.read_actors(study["acteurs.csv"])}
    from_csv = reader(study[f"{name}.csv"], **kw)
    from_frame = reader(frame_of(STUDY[name]), **kw)
    # the frame is indexed by the sheet's row numbers; its header has no line
    assert_same(from_csv, from_frame, header_line=None)
    assert report_of(from_frame).sources == ["DataFrame"]


def test_survey_workbook_details(study):
    G = alliances.read_survey(study["étude.xlsx"], sheet="Enquête",
                              actors=alliances.read_actors(study["étude.xlsx"], sheet=0))
    tie = G.edges["mairie-d-antony", "caf", "information"]
    assert tie["trust"] == pytest.approx((3.5 - 1) / 4)  # the formula's value, scale 1..5
    assert [(e.file, e.line) for e in tie["evidence"]] == [("étude.xlsx [enquête]", 3)]
    problems = G.graph["import_report"].problems
    assert ("étude.xlsx [enquête]", 7, "confiance") in set(
        problems[["path", "line", "column"]].itertuples(index=False, name=None))


def test_dates_become_iso_text(study):
    G = alliances.read_affiliations(study["étude.xlsx"], sheet="participations")
    assert {e: r["date"] for e, r in G.graph["events"].items()} == {
        "Comité vélo": "2024-01-10", "Atelier mobilité": "2024-02-01"}


def test_errors_name_the_sheet_row_and_column(tmp_path):
    rows = [ACTEURS[0], ACTEURS[1], [None] * 6,
            ["Mairie de Sceaux", "Collectivité", None, None, None, "Ville d'Antony"]]
    path = write_xlsx(tmp_path / "étude.xlsx", {"Notes": [["lisez-moi"]], "acteurs": rows})
    with pytest.raises(InputError) as err:
        alliances.read_actors(path, sheet="acteurs")
    e = err.value
    assert (Path(e.path).name, e.line, e.column) == ("étude.xlsx [acteurs]", 4, "alias")
    assert "étude.xlsx [acteurs], line 4" in str(e)
    with pytest.raises(InputError) as err:
        alliances.read_actors(frame_of(rows).reset_index(drop=True))
    assert (err.value.path, err.value.line, err.value.column) == ("DataFrame", 2, "alias")
    with pytest.raises(InputError) as err:
        alliances.read_survey(path, sheet="acteurs")
    assert err.value.path.endswith("étude.xlsx [acteurs]") and err.value.line == 1
    with pytest.raises(InputError, match='no sheet named "survey" in this workbook; its '
                                         'sheets are "Notes", "acteurs"'):
        alliances.read_survey(path, sheet="survey")


def test_first_sheet_with_data_and_empty_workbooks(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"vide": [], "Feuil2": ACTEURS})
    assert len(alliances.read_actors(path)) == 4
    empty = write_xlsx(tmp_path / "vide.xlsx", {"Feuil1": [[None, " "]]})
    with pytest.raises(InputError, match="the workbook is empty"):
        alliances.read_actors(empty)
    with pytest.raises(InputError, match="file not found"):
        alliances.read_actors(tmp_path / "absent.xlsx")
    bad = tmp_path / "pas-un-classeur.xlsx"
    bad.write_text("nom\nMairie\n")
    with pytest.raises(InputError, match="cannot be read"):
        alliances.read_actors(bad)


def test_openpyxl_reads_xlsx_without_calamine(study, monkeypatch):
    with_calamine = workbook.read_sheet(study["étude.xlsx"], "enquête")
    monkeypatch.setattr(workbook, "_calamine", lambda: None)
    without = workbook.read_sheet(study["étude.xlsx"], "enquête")
    assert (without.header, without.rows, without.lines) == (
        with_calamine.header, with_calamine.rows, with_calamine.lines)
    with pytest.raises(InputError, match=r"pip install 'alliances\[excel\]'"):
        workbook.read_sheet(study["étude.ods"])


def test_load_folder_of_workbooks(study, tmp_path):
    from_csv = load(study["acteurs.csv"].parent)
    folder = study["acteurs.xlsx"].parent
    (folder / "~$enquête.xlsx").write_bytes(b"lock file of an open workbook")
    from_xlsx = load(folder)
    assert_same(from_csv, from_xlsx)
    assert from_xlsx.graph["import_report"].sources == [
        "acteurs.xlsx [Feuil1]", "enquête.xlsx [Feuil1]", "entretiens.xlsx [Feuil1]",
        "participations.xlsx [Feuil1]"]


def test_load_one_workbook_with_named_sheets(study, tmp_path):
    from_csv = load(study["acteurs.csv"].parent)
    G = load(study["étude.xlsx"])
    assert_same(from_csv, G)
    assert G.graph["files"]["survey"].endswith("étude.xlsx [enquête]")
    assert_same(from_csv, load(study["étude.ods"]))
    # in a folder too, and in a list of files
    (tmp_path / "seul").mkdir()
    write_xlsx(tmp_path / "seul" / "Etude 2024.xlsx", STUDY)
    assert_same(from_csv, load(tmp_path / "seul"))
    assert_same(from_csv, load([study["étude.xlsx"]]))
    # and a dict naming each sheet
    by_sheet = {"actors": (study["étude.xlsx"], "acteurs"), "survey": (study["étude.xlsx"], 1)}
    G = load(by_sheet)
    assert G.graph["import_report"].sources == ["étude.xlsx [acteurs]", "étude.xlsx [enquête]"]


def test_sheet_option_is_for_workbooks_only(study):
    with pytest.raises(ValueError, match="sheet= is for workbooks"):
        alliances.read_actors(study["acteurs.csv"], sheet="acteurs")
    with pytest.raises(ValueError, match="sheet= is for workbooks"):
        alliances.read_actors(frame_of(ACTEURS), sheet=0)


def test_load_dataframes_in_a_dict(study):
    names = {"actors": "acteurs", "survey": "enquête", "interviews": "entretiens",
             "affiliations": "participations"}
    from_csv = load(study["acteurs.csv"].parent)
    G = load({kind: frame_of(STUDY[name]) for kind, name in names.items()}, progress=False)
    for x, y in zip(frames(from_csv), frames(G), strict=True):
        pd.testing.assert_frame_equal(x, y)
    assert G.graph["files"] == dict.fromkeys(names, "DataFrame")
    assert G.graph["import_report"].counts == from_csv.graph["import_report"].counts


def test_own_workbook_export_reads_back_and_xlsm(tmp_path):
    from alliances.export import write_workbook

    df = pd.DataFrame({"nom": ["=Mairie", "+Asso", "'Sud"], "territoire": ["007", "NA", None]})
    path = write_workbook({"acteurs": df}, tmp_path / "export.xlsx", index=False)
    reg = alliances.read_actors(path)
    assert reg["label"].tolist() == ["=Mairie", "+Asso", "'Sud"]
    assert reg["territory"].tolist()[:2] == ["007", "NA"] and pd.isna(reg["territory"].iloc[2])
    xlsm = tmp_path / "macros.xlsm"
    xlsm.write_bytes(path.read_bytes())
    assert alliances.read_actors(xlsm)["label"].tolist() == ["=Mairie", "+Asso", "'Sud"]


# ----------------------------------------------------------------- zip archives (ODK Central)

def test_zip_archive_main_csv_and_members(tmp_path):
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w") as archive:
        archive.writestr("form-contacts.csv", "partner,PARENT_KEY,KEY\nCAF,uuid:1,uuid:1/c[1]\n")
        archive.writestr("form.csv", "structure,KEY\nMairie,uuid:1\n\nAsso,uuid:2\n")
        archive.writestr("media/photo.jpg", b"\xff\xd8")
    assert workbook.zip_csv_members(z) == ["form.csv", "form-contacts.csv"]
    t = workbook.read_any(z)
    assert (t.name, t.header, t.rows, t.lines) == (
        "export.zip [form.csv]", ["structure", "KEY"], [["Mairie", "uuid:1"], ["Asso", "uuid:2"]],
        [2, 4])
    t = workbook.read_any(z, sheet="form-contacts.csv")
    assert t.name == "export.zip [form-contacts.csv]" and t.rows == [["CAF", "uuid:1",
                                                                      "uuid:1/c[1]"]]
    with pytest.raises(InputError, match=r'no CSV file named "autre\.csv"'):
        workbook.read_any(z, sheet="autre.csv")


def test_zip_archive_errors_name_the_archive(tmp_path):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="this archive cannot be read") as err:
        workbook.read_any(bad)
    assert err.value.path == str(bad)
    empty = tmp_path / "photos.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("media/a.jpg", b"\xff")
    with pytest.raises(InputError, match="holds no CSV file"):
        workbook.read_any(empty)
    with zipfile.ZipFile(tmp_path / "vide.zip", "w") as archive:
        archive.writestr("form.csv", b"")
    with pytest.raises(InputError, match="empty") as err:
        workbook.read_any(tmp_path / "vide.zip")
    assert err.value.path == f"{tmp_path / 'vide.zip'} [form.csv]"
