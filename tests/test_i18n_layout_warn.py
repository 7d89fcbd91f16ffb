"""Issue 16: the survey layout's evidence, the column roles and the warnings are said in French.

* :func:`alliances.io.survey.undecided_error` (the survey whose layout cannot
  be decided) is a :class:`~alliances.i18n.Message`: ``err.text("fr")`` holds
  no English sentence, its headers and calls to copy unchanged;
* the roles of a recognised export's columns ("recognised as {tool}") are
  named in the French import report, and stay English in ``report.formats``;
* :func:`alliances.errors.warn` says its text in ``lang``;
* the missing-world warning has its own category
  (:class:`~alliances.errors.MissingWorldWarning`), by which the analyses
  silence it: French text is silenced as English text was.
"""

from __future__ import annotations

import csv
import html
import json
import re
import warnings
from pathlib import Path

import networkx as nx
import pytest
from tests.test_i18n import english_words, strip

import alliances
from alliances.errors import (
    AlliancesWarning,
    InputError,
    MissingWorldWarning,
    every_warning,
    warn,
)
from alliances.i18n import Message
from alliances.io.report import ImportReport, role_text
from alliances.io.survey import LayoutEvidence, detect_layout

DATA = Path(__file__).parent / "data" / "io"


def fields_of(value) -> set[str]:
    """The str fields of a Message at any depth: headers, calls, values (never translated)."""
    out: set[str] = set()
    if isinstance(value, Message):
        for v in value.fields.values():
            out |= fields_of(v) if isinstance(v, Message) else {str(v)}
    return out


def undecided(path: Path) -> InputError:
    with pytest.raises(InputError, match="cannot tell how this survey is laid out") as err:
        alliances.read_survey(path)
    return err.value


def moved_timestamp(tmp_path: Path) -> Path:
    """gforms_fr.csv with its Horodateur no longer first: a hand-made file, layout undecided."""
    text = (DATA / "exports" / "gforms_fr.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    p = tmp_path / "enquete.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([[r[2], r[0], r[1], *r[3:]] for r in rows])
    return p


def french_leftovers(err: InputError) -> list[str]:
    """English words of ``err.text("fr")`` once its data (fields, file name) is taken out."""
    data = sorted(fields_of(err.message) | {str(err.path)}, key=len, reverse=True)
    # option names (layout=, columns=) are code, the same in both languages
    return english_words(re.sub(r"\b[a-z_]+=", " ", strip(err.text("fr"), data)))


# --------------------------------------------------------------------------- undecided layout

def test_undecided_error_with_candidates_and_metadata_is_french(tmp_path):
    err = undecided(moved_timestamp(tmp_path))
    fr = err.text("fr")
    assert french_leftovers(err) == [], fr
    lines = fr.splitlines()
    assert lines[0].startswith(f"{err.path}, ligne 1 : impossible de savoir comment cette enquête "
                               "est organisée (colonnes trouvées : ")
    assert lines[1] == "Formats possibles, chacun avec l'appel qui lit le fichier ainsi :"
    assert lines[2].startswith("  - format long (une ligne par acteur cité) : la colonne « Avec "
                               "quelles structures")
    assert lines[-1] == ("Colonnes de métadonnées de l'enquête mises de côté (jamais des acteurs) : "
                         "« Horodateur » (horodatage), « Adresse e-mail » (adresse e-mail).")
    # the call to copy is the same in both languages, and English stays English
    call = next(s.strip() for s in str(err).splitlines() if s.strip().startswith("read_survey("))
    assert f"      {call}" in lines
    assert str(err).splitlines()[1] == ("Candidate layouts, each with the call that reads the file "
                                        "that way:")
    assert '"Horodateur" (timestamp), "Adresse e-mail" (e-mail address)' in str(err)
    # the check sees English when it is there
    assert english_words(strip(err.text("en"), sorted(fields_of(err.message), key=len)))


def test_undecided_roster_without_respondent_is_french(tmp_path):
    p = tmp_path / "grille.csv"
    p.write_text("a;b;c;d;e;f\n1;2;3;4;5;6\n0;1;0;1;1;0\n", encoding="utf-8")
    err = undecided(p)
    fr = err.text("fr")
    assert french_leftovers(err) == [], fr
    assert ('  - liste d\'acteurs (une colonne par acteur de la liste, coches ou valeurs) : les '
            'colonnes "a", "b", "c", "d" et 2 autres contiennent des coches ou des nombres :') in fr
    assert ('Aucune colonne ne dit qui a répondu : ajoutez "organisation": "<son en-tête>" à '
            "columns= (ou une colonne de répondants au fichier).") in fr
    assert '"a", "b", "c", "d" and 2 more hold ticks or numbers' in str(err)


def test_layout_evidence_is_said_in_french_and_stays_english_for_code():
    G = alliances.read_survey(DATA / "exports" / "matrice_collaborations.csv")
    why = G.graph["layout_evidence"]
    assert why == "4 of 4 filled columns hold ticks or numbers"
    assert why.translate("fr") == "4 des 4 colonnes remplies contiennent des coches ou des nombres"
    assert json.loads(json.dumps(G.graph["layout_evidence"])) == why
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(DATA / "platforms" / "gforms_fr_sections.csv")
    assert G.graph["layout_evidence"].translate("fr") == (
        "les questions de l'export Google Forms (interface française)")


def test_layout_evidence_object_says_why_in_french():
    from alliances.io.csvfile import CsvTable

    table = CsvTable("s.csv", ["structure", "Contact 1", "Contact 2", "Contact 3", "Contact 4",
                               "Contact 5"], [], [])
    ev = detect_layout(table, {"organisation": "structure"}, None)
    assert isinstance(ev, LayoutEvidence) and ev.layout == "wide"
    assert ev.why == 'numbered contact columns "Contact 1", "Contact 2", "Contact 3", ' \
                     '"Contact 4" and 1 more'
    assert ev.why.translate("fr") == ('colonnes de contacts numérotées "Contact 1", "Contact 2", '
                                      '"Contact 3", "Contact 4" et 1 autre')


# --------------------------------------------------------------------------- column roles

def read_platform(name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return alliances.read_survey(DATA / "platforms" / name).graph["import_report"]


def test_french_report_names_the_roles_of_a_google_forms_export():
    r = read_platform("gforms_fr_sections.csv")
    fr = r.text("fr")
    for line in ["    - 'Horodateur' : métadonnées",
                 "    - 'Nom de votre structure' : structure",
                 "    - 'Type de structure' : secteur",
                 "    - 'Partenaire 2 : fréquence des échanges' : fréquence 2",
                 "    - 'Partenaire 3 : niveau de confiance' : confiance 3",
                 "    - 'Remarques' : non lue"]:
        assert line in fr.splitlines(), fr
    page = html.unescape(r.to_html("fr"))
    assert "Partenaire 3 : niveau de confiance → confiance 3" in page
    assert "Remarques → non lue" in page
    # the stored roles are the English identifiers
    roles = r.formats["roles"].iloc[0]
    assert roles["Partenaire 3 : niveau de confiance"] == "trust 3"
    assert roles["Remarques"] == "not read" and roles["Horodateur"] == "metadata"
    assert "    - 'Partenaire 3 : niveau de confiance': trust 3" in r.text("en").splitlines()


@pytest.mark.parametrize(("name", "english", "french"), [
    ("gforms_en_grid.csv", " of ", " pour "),          # a grid: one role per actor of its list
    ("limesurvey_code_texte_fr.csv", "metadata", "métadonnées"),
    ("kobo_xml.csv", "metadata", "métadonnées"),
    ("qualtrics_matrix.csv", "metadata", "métadonnées"),
])
def test_french_report_names_the_roles_of_other_exports(name, english, french):
    r = read_platform(name)
    roles = r.formats["roles"].iloc[0]
    shown = [role_text(role, "fr") for role in roles.values()]
    assert any(english in str(role) for role in roles.values())
    assert any(french in s for s in shown)
    # no role said in French keeps an English word (labels and headers are data)
    data = sorted({str(h) for h in roles} | set().union(*map(fields_of, roles.values())),
                  key=len, reverse=True)
    assert [s for s in shown if english_words(strip(s, data))] == []


def test_roles_survive_the_reports_plain_data():
    r = read_platform("gforms_en_grid.csv")
    back = ImportReport.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back.text("fr") == r.text("fr") and back.text("en") == r.text("en")
    assert back.formats["roles"].iloc[0] == r.formats["roles"].iloc[0]


def test_plain_role_words_of_other_importers_are_named_in_french():
    assert role_text("metadata", "fr") == "métadonnées"
    assert role_text("document", "fr") == "document" and role_text("weight", "fr") == "poids"
    assert role_text("their own word", "fr") == "their own word"  # a user's role: as written
    assert role_text("metadata", "en") == "metadata"


# --------------------------------------------------------------------------- warn(lang=)

NO_SECTOR = "{n} of {total} actors have no '{attr}': {names}. It is treated as one group " \
            "'unknown'. Add it to the actor registry to fix this."


def test_warn_in_french_says_the_catalogues_french_once_per_cause():
    G = nx.Graph()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert warn(NO_SECTOR, once=G, lang="fr", n=1, total=2, attr="sector", names="Asso")
        # the same cause in another language is the same cause: said once
        assert not warn(NO_SECTOR, once=G, lang="en", n=1, total=2, attr="sector", names="Asso")
    (w,) = caught
    assert str(w.message) == ("1 acteur sur 2 n'a pas de 'sector' : Asso. Il est placé dans un "
                              "groupe 'inconnu'. Ajoutez-le à l'annuaire des acteurs pour corriger "
                              "cela.")
    assert isinstance(w.message, AlliancesWarning) and w.filename == __file__
    assert w.message.text("en") == ("1 of 2 actors have no 'sector': Asso. It is treated as one "
                                    "group 'unknown'. Add it to the actor registry to fix this.")


def test_warn_follows_the_environment_by_default(monkeypatch):
    monkeypatch.setenv("ALLIANCES_LANG", "fr")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn(NO_SECTOR, n=1, total=2, attr="sector", names="Asso")
        warn(NO_SECTOR, lang="en", n=1, total=2, attr="sector", names="Asso")
    assert [str(w.message)[:20] for w in caught] == ["1 acteur sur 2 n'a p", "1 of 2 actors have n"]


# --------------------------------------------------------------------------- MissingWorldWarning

def two_without_sector() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for a, b in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("a", "c")]:
        G.add_edge(a, b, key="collaboration", weight=1.0)
    for n in G:
        G.nodes[n]["label"] = f"Asso {n.upper()}"
    G.nodes["a"]["sector"] = "public"
    G.nodes["b"]["sector"] = "associative"
    return G


@pytest.mark.parametrize(("environment", "lang"), [("fr", "fr"), ("en", "fr"), ("fr", "en")])
@pytest.mark.parametrize("analysis", ["actor_table", "suggest_introductions", "hybrid_actors",
                                      "trusted_intermediaries"])
def test_analyses_silence_the_missing_world_warning_in_either_language(monkeypatch, environment,
                                                                       lang, analysis):
    monkeypatch.setenv("ALLIANCES_LANG", environment)
    G = two_without_sector()
    # every_warning: each emission is recorded, so a repeat the analyses failed to silence shows
    # (with the old filters on the English words, 2 or 3 French ones came through)
    with warnings.catch_warnings(record=True) as caught, every_warning():
        warnings.simplefilter("always")
        getattr(alliances, analysis)(G, lang=lang)
    said = [w for w in caught if w.category is MissingWorldWarning]
    assert len(said) == 1, [str(w.message) for w in caught]
    assert said[0].message.text("en").startswith("2 of 4 actors have no 'sector': Asso C, Asso D")
    # said in the language the analysis was asked for, whatever the environment's
    expected = {"fr": "2 acteurs sur 4 n'ont pas de 'sector'", "en": "2 of 4 actors have no"}
    assert str(said[0].message).startswith(expected[lang]), str(said[0].message)


def test_a_category_filter_silences_the_french_warning(monkeypatch):
    monkeypatch.setenv("ALLIANCES_LANG", "fr")
    G = two_without_sector()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=MissingWorldWarning)
            alliances.suggest_introductions(G, lang="fr")
        assert not [w for w in caught if w.category is MissingWorldWarning]
        # silenced where it was emitted: not used up, the user's next call is told
        alliances.suggest_introductions(G, lang="fr")
    (w,) = [w for w in caught if w.category is MissingWorldWarning]
    assert str(w.message).startswith("2 acteurs sur 4 n'ont pas de 'sector' : Asso C, Asso D")
    assert issubclass(MissingWorldWarning, AlliancesWarning)
