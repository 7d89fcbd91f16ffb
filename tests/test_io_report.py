"""The import report's accounting identity and counts across files."""

from __future__ import annotations

from pathlib import Path

import pytest

import alliances
from alliances.io.report import ImportReport

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data" / "io"


def test_identity_by_hand():
    r = ImportReport(rows_read=4, rows_used=2)
    r.skip("s.csv", 3, "no contact named")
    r.skip("s.csv", 4, 'self-nomination: "A" names itself; no tie', row=False)
    assert (r.rows_skipped, r.unaccounted) == (1, 1)  # one row is missing
    r.skip("s.csv", 5, "no respondent")
    assert r.unaccounted == 0
    assert r.counts["rows_skipped"] == 2 and r.counts["parts_skipped"] == 1
    assert len(r.skipped) == 3  # parts are listed too
    assert "rows skipped: 2" in str(r) and "parts of used rows left out: 1" in str(r)


STUDIES = [DATA / "study", *sorted(p for p in (ROOT / "data" / "samples").iterdir() if p.is_dir())]


@pytest.mark.parametrize("folder", STUDIES, ids=lambda p: p.name)
def test_every_row_of_every_study_is_accounted_for(folder):
    G = alliances.load(folder)
    r = G.graph["import_report"]
    assert r.unaccounted == 0
    assert r.rows_read == r.rows_used + r.rows_skipped > 0


@pytest.mark.parametrize("name", ["survey_long_cp1252.csv", "survey_wide_gforms.csv",
                                  "survey_limesurvey.csv", "survey_roster.csv",
                                  "survey_matrix_ucinet.csv", "interviews.csv",
                                  "affiliations.csv", "affiliations_matrix.csv",
                                  "actors_bom.csv"])
def test_every_row_of_every_io_file_is_accounted_for(name):
    path = DATA / name
    if name.startswith("actors"):
        r = alliances.read_actors(path).attrs["import_report"]
    elif name.startswith("interviews"):
        r = alliances.read_interviews(path).graph["import_report"]
    elif name.startswith("affiliations"):
        r = alliances.read_affiliations(path).graph["import_report"]
    else:
        kwargs = {"columns": {"Q1": "respondent", "Q2": "organisation", "Q5": "contact",
                              "Q6": "frequency"}} if "limesurvey" in name else {}
        r = alliances.read_survey(path, **kwargs).graph["import_report"]
    assert r.unaccounted == 0, (r.rows_read, r.rows_used, r.rows_skipped)


def test_registry_given_as_a_path_is_accounted_for():
    G = alliances.read_survey(DATA / "study" / "enquete.csv",
                              actors=DATA / "study" / "acteurs.csv")
    r = G.graph["import_report"]
    assert r.sources == ["enquete.csv", "acteurs.csv"]
    assert r.rows_read == 7 + 5 and r.unaccounted == 0


def test_a_spelling_merged_in_two_files_counts_once(tmp_path):
    # "MAIRIE" is folded into "Mairie" in both files: one merge, not two
    (tmp_path / "survey.csv").write_text(
        "structure;partenaire\nMairie;Asso\nMairie;CAF\nMAIRIE;Asso\n", encoding="utf-8")
    (tmp_path / "interviews.csv").write_text(
        "structure;acteur cité\nAsso;Mairie\nCAF;Mairie\nCAF;MAIRIE\n", encoding="utf-8")
    survey = alliances.read_survey(tmp_path / "survey.csv").graph["import_report"]
    interviews = alliances.read_interviews(tmp_path / "interviews.csv").graph["import_report"]
    assert survey.name_merges == interviews.name_merges == 1
    G = alliances.load(tmp_path)
    r = G.graph["import_report"]
    assert r.name_merges == 1
    assert r.merged_names.values.tolist() == [["mairie", "MAIRIE", "normalisation"]]


def test_a_spelling_that_becomes_the_label_is_not_a_merge(tmp_path):
    # survey: "caf" x2 beats "CAF"; interviews: "CAF" x3 beats "caf"; overall "CAF" x4 wins
    (tmp_path / "survey.csv").write_text(
        "structure;partenaire\nA;caf\nB;caf\nC;CAF\n", encoding="utf-8")
    (tmp_path / "interviews.csv").write_text(
        "structure;acteur cité\nA;CAF\nB;CAF\nC;CAF\nD;caf\n", encoding="utf-8")
    G = alliances.load(tmp_path)
    r = G.graph["import_report"]
    assert G.nodes["caf"]["label"] == "CAF"
    assert r.merged_names.values.tolist() == [["caf", "caf", "normalisation"]]
    assert r.name_merges == 1


def test_skipped_rows_and_left_out_parts_are_printed_under_their_own_labels():
    # before: "rows skipped: 0" then a "Skipped rows:" list holding parts of used rows
    r = ImportReport(sources=["s.csv"], rows_read=2, rows_used=2)
    r.skip("s.csv", 3, 'self-nomination: "A" names itself; no tie', row=False)
    text = str(r)
    assert "rows skipped: 0" in text and "parts of used rows left out: 1" in text
    assert "Skipped rows:" not in text and "Rows skipped:" not in text
    assert "Parts of used rows left out:\n  - s.csv, line 3: self-nomination" in text
    r.skip("s.csv", 4, "no contact named")
    text = str(r)
    assert "Rows skipped:\n  - s.csv, line 4: no contact named" in text
    html_text = r._repr_html_()
    assert "Rows skipped (1)" in html_text and "Parts of used rows left out (1)" in html_text
