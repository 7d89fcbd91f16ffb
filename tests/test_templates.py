"""Blank CSV templates: headers, files shipped in data/templates, and that they import once filled."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from alliances.templates import (
    LANGUAGES,
    TEMPLATE_KINDS,
    template_headers,
    template_text,
    write_template,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "templates"

# One example row per template, filled as a practitioner would.
EXAMPLES: dict[str, list[str]] = {
    "survey-long": ["Claire Martin", "Mairie d'Antony", "Collectivité", "Vélo Antony",
                    "Collaboration", "Mensuel", "4", "mobilité"],
    "survey-wide": ["Claire Martin", "Mairie d'Antony", "Collectivité",
                    "Vélo Antony", "Collaboration", "Mensuel", "4",
                    *[""] * 16],
    "interviews": ["E1", "Claire Martin", "Mairie d'Antony", "Vélo Antony", "collaboration",
                   "positif", "On se voit tous les mois, on se fait confiance."],
    "actors": ["Mairie d'Antony", "public", "organisation", "Antony", "mobilité|vélo",
               "Ville d'Antony"],
    "affiliations": ["Mairie d'Antony", "Comité vélo 2024", "comité", "12/03/2024",
                     "Salle du conseil", "Antony", "institutionnel"],
}


def test_every_kind_has_an_example_matching_its_headers():
    assert set(EXAMPLES) == set(TEMPLATE_KINDS)
    for kind, row in EXAMPLES.items():
        for lang in LANGUAGES:
            assert len(template_headers(kind, lang)) == len(row), (kind, lang)


def test_headers_are_the_canonical_ones():
    assert template_headers("survey-long", "en") == [
        "respondent", "organisation", "sector", "contact", "relation", "frequency", "trust",
        "theme"]
    assert template_headers("survey-long", "fr")[:5] == [
        "répondant", "structure", "secteur", "partenaire", "type de relation"]
    wide = template_headers("survey-wide", "fr")
    assert wide[3:7] == ["Contact 1", "Relation 1", "Fréquence 1", "Confiance 1"]
    assert wide[-1] == "Confiance 5" and len(wide) == 3 + 4 * 5


@pytest.mark.parametrize("kind", list(TEMPLATE_KINDS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_file_is_what_write_template_writes(tmp_path, kind, lang):
    shipped = SHIPPED / f"{kind}.{lang}.csv"
    written = write_template(kind, tmp_path / "t.csv", lang=lang)
    assert shipped.read_bytes() == written.read_bytes()


def test_french_templates_have_bom_and_semicolons_english_plain_commas(tmp_path):
    fr = write_template("interviews", tmp_path / "fr.csv", lang="fr").read_bytes()
    en = write_template("interviews", tmp_path / "en.csv", lang="en").read_bytes()
    assert fr.startswith(b"\xef\xbb\xbf")
    assert fr.decode("utf-8-sig") == (
        "entretien;personne interrogée;structure;acteur cité;relation;ton;citation\r\n")
    assert en == b"interview,interviewee,organisation,mentioned,relation,tone,quote\r\n"


def test_cells_with_separator_or_quotes_are_quoted():
    text = template_text("affiliations", "en", rows=[['Say "hi", now', "b", "", ""]])
    assert text.splitlines()[1] == '"Say ""hi"", now",b,,'


def test_unknown_kind_or_language_is_explained(tmp_path):
    with pytest.raises(ValueError, match="survey-long, survey-wide"):
        write_template("questionnaire", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="'en' or 'fr'"):
        write_template("actors", tmp_path / "x.csv", lang="de")
    assert template_headers("SURVEY_LONG") == template_headers("survey-long")


def test_no_overwrite_when_asked(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_template("actors", target, overwrite=False)
    assert target.read_text(encoding="utf-8") == "keep me"


def _filled(tmp_path: Path, kind: str, lang: str) -> Path:
    path = tmp_path / f"{kind}.{lang}.csv"
    encoding = "utf-8-sig" if lang == "fr" else "utf-8"
    path.write_text(template_text(kind, lang, rows=[EXAMPLES[kind]]), encoding=encoding,
                    newline="")
    return path


_READERS = {
    "survey-long": ("alliances.io.survey", "read_survey"),
    "survey-wide": ("alliances.io.survey", "read_survey"),
    "interviews": ("alliances.io.interviews", "read_interviews"),
    "affiliations": ("alliances.io.affiliations", "read_affiliations"),
    "actors": ("alliances.io.actors", "read_actors"),
}


@pytest.mark.parametrize("kind", list(TEMPLATE_KINDS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_filled_template_imports(tmp_path, kind, lang):
    module, name = _READERS[kind]
    reader = getattr(importlib.import_module(module), name)
    result = reader(_filled(tmp_path, kind, lang))
    if kind == "actors":
        assert len(result) == 1
        assert "Mairie d'Antony" in result.astype(str).to_numpy().ravel().tolist()
        return
    from alliances.model import actor_id

    if kind == "affiliations":
        # one actor at one event: the actor is there, no co-participation tie yet
        assert list(result.nodes) == [actor_id("Mairie d'Antony")]
        assert result.number_of_edges() == 0
        # every column of the template lands on the event's record
        assert result.graph["events"]["Comité vélo 2024"] == {
            "event_type": "committee", "date": "2024-03-12", "place": "Salle du conseil",
            "location": "Antony", "place_type": "institutional",
            "participants": (actor_id("Mairie d'Antony"),)}
        assert result.graph["import_report"].problems.empty
        # a second presence at the same event ties the two actors both ways
        path = tmp_path / "two.csv"
        second = ["Vélo Antony", *EXAMPLES[kind][1:]]
        path.write_text(template_text(kind, lang, rows=[EXAMPLES[kind], second]),
                        encoding="utf-8-sig" if lang == "fr" else "utf-8", newline="")
        both = reader(path)
        a, b = actor_id("Mairie d'Antony"), actor_id("Vélo Antony")
        assert both.has_edge(a, b, "co-participation") and both.has_edge(b, a, "co-participation")
        return
    assert result.has_edge(actor_id("Mairie d'Antony"), actor_id("Vélo Antony"))
    assert result.number_of_edges() == 1
