"""Issue 16: the sentences of io/builder.py, io/actors.py, io/workbook.py and io/load.py in French.

Each input below makes one of these modules write a skip reason, a problem
action or an :class:`InputError`; the French report (``report.text("fr")``)
or error (``err.text("fr")``) must hold the French sentence, with the user's
data (labels, lines, file names, suggested calls) as they are, and not the
English one, which ``str()`` and the report's tables keep for code and logs.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import alliances
from alliances.errors import InputError
from alliances.i18n import Message
from alliances.io.builder import note_limited_search
from alliances.io.load import load
from alliances.io.report import ImportReport

BAD = Path(__file__).parent / "data" / "bad"


def french_error(call, *args, **kwargs) -> tuple[str, str]:
    """The English and French texts of the InputError ``call(*args, **kwargs)`` raises."""
    with pytest.raises(InputError) as err:
        call(*args, **kwargs)
    return str(err.value), err.value.text("fr")


def test_self_nomination_reason_in_french():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(BAD / "self_nominations.csv")
    r = G.graph["import_report"]
    fr = r.text("fr")
    assert "self_nominations.csv, ligne 2 : auto-citation : « Mairie » se cite lui-même ; aucun lien" \
        in fr
    assert "names itself" not in fr
    # English for code and logs, the label kept as a field
    reason = r.skipped["reason"].iloc[0]
    assert reason == 'self-nomination: "Mairie" names itself; no tie'
    assert isinstance(reason, Message) and reason.fields == {"label": "Mairie"}


def test_merged_cells_carried_down_in_french():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(BAD / "merged_cells.csv")
    fr = G.graph["import_report"].text("fr")
    assert ("cellule « répondant » vide en lignes 3 à 4 (2 lignes), comme Excel écrit les "
            "cellules fusionnées : reprise de la ligne 2 ; remplissez les cellules (ou passez "
            "fill_down=False pour ignorer ces lignes) si c'est faux") in fr
    assert "cellule « répondant » vide en ligne 6" in fr and "reprise de la ligne 5" in fr
    assert "carried down" not in fr and "merged cells" not in fr
    interviews = alliances.read_interviews(BAD / "merged_cells_interviews.csv")
    assert "cellule « entretien » vide en ligne 3" in interviews.graph["import_report"].text("fr")


def test_unknown_relation_and_sector_in_french(tmp_path):
    survey = tmp_path / "enquete.csv"
    survey.write_text("structure;secteur;partenaire;relation\n"
                      "Asso A;Monde inconnu;Mairie B;cousinage\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(survey)
    fr = G.graph["import_report"].text("fr")
    assert "relation hors du vocabulaire par défaut ; gardée comme 'cousinage'" in fr
    assert "secteur hors du vocabulaire par défaut ; gardé comme libellé propre à l'utilisateur" \
        in fr
    assert "outside the default vocabulary" not in fr


def test_actor_registry_problems_in_french(tmp_path):
    actors = tmp_path / "acteurs.csv"
    actors.write_text("nom;secteur;type;consentement\n"
                      "Mairie;Monde inconnu;robot;peut-être\n"
                      ";public;;\n"
                      "!!!;public;;\n"
                      "mairie;public;;oui\n", encoding="utf-8")
    r = alliances.read_actors(actors).attrs["import_report"]
    fr = r.text("fr")
    assert "acteurs.csv, ligne 3 : aucun nom d'acteur sur cette ligne" in fr
    assert "le nom « !!! » n'a ni lettre ni chiffre : ce n'est pas un nom d'acteur" in fr
    assert ("type non compris (organisation ou personne) ; gardé comme manquant, « organisation » "
            "utilisé") in fr
    assert ("consentement non compris (oui / non, yes / no, 1 / 0, true / false) ; gardé comme "
            "non renseigné (None)") in fr
    assert ("acteurs.csv, ligne 5, colonne « nom » : « mairie » : même acteur qu'à la ligne 2 ; "
            "lignes fusionnées") in fr
    assert "secteur hors du vocabulaire par défaut" in fr
    for english in ("no actor name", "no letter or digit", "not understood", "same actor as",
                    "rows merged", "outside the default vocabulary"):
        assert english not in fr, english
    # the English reasons are unchanged for code
    assert "no actor name in this row" in set(r.skipped["reason"])


def test_alias_errors_in_french(tmp_path):
    actors = tmp_path / "acteurs.csv"
    actors.write_text("nom;alias\nMairie;Ville\nVille;\n", encoding="utf-8")
    en, fr = french_error(alliances.read_actors, actors)
    assert 'alias "Ville" of "Mairie" is the name of another actor (line 3)' in en
    assert ("l'alias « Ville » de « Mairie » est le nom d'un autre acteur (ligne 3) ; retirez-le "
            "ou fusionnez les deux lignes") in fr
    assert "is the name of another actor" not in fr
    actors.write_text("nom;alias\nMairie;Ville\nAsso;Ville\n", encoding="utf-8")
    _, fr = french_error(alliances.read_actors, actors)
    assert ("l'alias « Ville » est donné à deux acteurs (aussi ligne 2) ; gardez-le sur un seul "
            "d'entre eux") in fr


def test_limited_duplicate_search_in_french():
    report = ImportReport()
    note_limited_search(report, 3)
    fr = report.text("fr")
    assert ("la recherche des doublons possibles a laissé de côté 3 groupes de noms trop courants "
            "pour être comparés (plus de 500 acteurs chacun)") in fr
    assert "left out" in report.problems["action"].iloc[0] and "left out" not in fr
    one = ImportReport()
    note_limited_search(one, 1)
    assert "laissé de côté 1 groupe de noms" in one.text("fr")
    assert "left out 1 group of names" in one.problems["action"].iloc[0]


def test_workbook_errors_in_french(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "etude.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Acteurs"
    wb.create_sheet("Vide")
    wb["Acteurs"].append(["nom"])
    wb["Acteurs"].append(["Mairie"])
    wb.save(path)
    en, fr = french_error(alliances.read_actors, path, sheet="enquete")
    assert 'no sheet named "enquete"' in en
    assert 'aucune feuille nommée « enquete » dans ce classeur ; ses feuilles sont "Acteurs", "Vide"' \
        in fr
    _, fr = french_error(alliances.read_actors, path, sheet=5)
    assert "aucune feuille à la position 5 (0 est la première)" in fr
    en, fr = french_error(alliances.read_actors, path, sheet="Vide")
    assert 'the sheet "Vide" is empty' in en
    assert ("la feuille « Vide » est vide (aucune cellule ne contient de valeur) ; il faut une "
            "ligne d'en-têtes") in fr
    empty = tmp_path / "vide.xlsx"
    empty.write_bytes(b"")
    _, fr = french_error(alliances.read_actors, empty)
    assert "le fichier est vide ; enregistrez à nouveau le classeur" in fr
    _, fr = french_error(alliances.read_actors, tmp_path / "absent.xlsx")
    assert "fichier introuvable" in fr or "absent.xlsx" in fr
    assert "check the name" not in fr


def test_frame_and_archive_errors_in_french(tmp_path):
    _, fr = french_error(alliances.read_actors, pd.DataFrame())
    assert "le DataFrame n'a ni nom de colonne ni valeur" in fr
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notes.md", "rien")
    _, fr = french_error(alliances.read_actors, archive)
    assert "cette archive ne contient aucun fichier CSV" in fr
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("form.csv", "nom\nMairie\n")
    _, fr = french_error(alliances.read_actors, archive, sheet="autre.csv")
    assert 'aucun fichier CSV nommé « autre.csv » dans cette archive ; ses fichiers CSV sont ' \
           '"form.csv"' in fr
    broken = tmp_path / "casse.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    en, fr = french_error(alliances.read_actors, broken)
    assert "this archive cannot be read" in en
    assert "cette archive ne peut pas être lue (BadZipFile" in fr


def test_load_errors_and_notes_in_french(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    en, fr = french_error(load, tmp_path)
    assert "no study file in this folder" in en
    assert ("aucun fichier d'étude dans ce dossier ; attendu l'un de actors.csv, survey.csv, "
            "interviews.csv, affiliations.csv (ou acteurs.csv") in fr and "Trouvé : notes.txt" in fr
    _, fr = french_error(load, tmp_path / "absent")
    assert "introuvable" in fr and "give a folder" not in fr
    odd = tmp_path / "odd.csv"
    odd.write_text("foo;bar\n1;2\n", encoding="utf-8")
    _, fr = french_error(load, [odd])
    assert "impossible de dire ce que contient ce fichier d'après son nom ou ses en-têtes" in fr
    assert "cannot tell" not in fr
    study = tmp_path / "etude"
    study.mkdir()
    (study / "enquete.csv").write_text("structure;partenaire\nAsso A;Mairie B\n", encoding="utf-8")
    (study / "survey.csv").write_text("structure;partenaire\nAsso C;Mairie B\n", encoding="utf-8")
    en, fr = french_error(load, study)
    assert "two survey files in the folder" in en
    assert "deux fichiers survey dans le dossier (enquete.csv et survey.csv) ; gardez-en un" in fr
    (study / "survey.csv").unlink()
    (study / "budget.csv").write_text("poste;montant\nvélos;300\n", encoding="utf-8")
    G = load(study)
    fr = G.graph["import_report"].text("fr")
    assert ("budget.csv : fichier du dossier non lu : son nom n'est pas actors, survey, interviews,"
            " affiliations, ties (ni acteurs, enquete, entretiens, participations) ; renommez-le, "
            "ou listez-le : load({\"interviews\": ") in fr
    assert "not read" not in fr


def test_actor_list_that_looks_like_a_survey_in_french(tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("nom;contact 1;contact 2\nAsso A;Mairie B;CAF\n", encoding="utf-8")
    en, fr = french_error(load, {"actors": path})
    assert "would be read as an actor list alone" in en
    assert ("ce fichier serait lu comme une liste d'acteurs seule, un graphe sans lien, mais il a "
            in fr)
    assert "Lisez-le comme une enquête : load({\"survey\": " in fr
