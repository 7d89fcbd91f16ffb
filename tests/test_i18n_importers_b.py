"""Issue 16, items 1 and 5: affiliations, interviews and QDA exports say their sentences in French.

The skip reasons, problem actions, recognised tools and ``InputError``
messages of :mod:`alliances.io.affiliations`, :mod:`alliances.io.interviews`
and :mod:`alliances.io.qda` are :class:`alliances.i18n.Message` values:
English ``str`` for code and logs (the other tests compare them), French in
``ImportReport.text("fr")`` and ``InputError.text("fr")``. Each test reads a
file that makes the sentence, checks the French sentence by hand and that
the English one is gone; the files are the samples of ``tests/data/io``, the
bad files of ``tests/data/bad`` and tiny files written here.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from tests.test_i18n import english_words, strip
from tests.test_i18n_import import code_out, import_data

from alliances.errors import InputError
from alliances.i18n import Message
from alliances.io.affiliations import read_affiliations
from alliances.io.interviews import read_interviews

DATA = Path(__file__).parent / "data" / "io"
BAD = Path(__file__).parent / "data" / "bad"
QDA = DATA / "qda"
REGISTRY = QDA / "actors.csv"
DOCUMENTS = QDA / "documents.csv"
E01, E02, E04 = "E01_Mairie_CMartin", "E02_VeloPlaisance_PDurand", "E04_Departement_CAF"


def report_of(G):
    return G.graph["import_report"]


def french(G) -> str:
    return report_of(G).text("fr", labels=dict(G.nodes(data="label")))


def write_csv(tmp_path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def write_frame(tmp_path, rows: list[list], name: str = "highlights.csv") -> Path:
    p = tmp_path / name
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(p, index=False)
    return p


def no_english_left(G) -> None:
    """Every word of the French report is French, or the user's data, or code."""
    text = french(G)
    # the headers of the file are the user's data too (``event_type`` in an English file)
    data = sorted({*import_data(G), *(c for c in report_of(G).problems["column"] if c)},
                  key=len, reverse=True)
    assert english_words(code_out(strip(text, data))) == [], text
    # the check sees English when there is some: the same report in English
    english = report_of(G).text("en", labels=dict(G.nodes(data="label")))
    assert english_words(code_out(strip(english, data)))


# --------------------------------------------------------------------------- affiliations

def test_event_attributes_not_understood_in_french():
    G = read_affiliations(DATA / "events_en.csv")
    text = french(G)
    assert ("colonne « date » : « early December » : ce n'est pas une date (formats lus : "
            "2026-12-05, 05/12/2026, 5 déc. 2026, 5 décembre 2026, Dec 5, 2026) : gardée telle "
            "qu'écrite") in text
    assert ("« forest bathing » : type d'événement hors du vocabulaire (workshop, committee, "
            "festival, site visit, collaborathon, meeting, training, conference, webinar, "
            "forum) : gardé tel qu'écrit") in text
    assert ("« somewhere nice » : type de lieu non reconnu (third place / tiers-lieu, "
            "institutional / institutionnel, online / en ligne, other / autre) : ignoré") in text
    assert ("les lignes de « Steering committee » divergent (date) : « 2026-12-05 » (1 ligne), "
            "« early December » (1 ligne) ; « 2026-12-05 » gardé") in text
    assert ("« Salle Jean Racine » : genre de lieu non reconnu d'après son nom : place_type "
            "laissé vide (ajoutez une colonne place_type : third place, institutional, online "
            "ou other)") in text
    assert "  - events_en.csv, ligne 11 : pas d'acteur ou pas d'événement sur cette ligne" in text
    for english in ("not a date", "kept as written", "disagree on", "not recognised",
                    "no actor or no event"):
        assert english not in text
    # English for code and logs, as the other tests read it
    actions = report_of(G).problems["action"].tolist()
    assert actions[3] == ('rows of "Steering committee" disagree on date: "2026-12-05" (1 row), '
                          '"early December" (1 row); kept "2026-12-05"')
    assert all(isinstance(a, Message) for a in actions)


def test_disagreeing_rows_name_the_attribute_in_french_with_plural_rows():
    G = read_affiliations(DATA / "events_fr_cp1252.csv")
    assert ("les lignes de « Comité de sélection » divergent (lieu) : « Mairie de Chevreuse » "
            "(2 lignes), « Hôtel de ville » (1 ligne) ; « Mairie de Chevreuse » gardé") in french(G)
    assert report_of(G).problems["action"].tolist()[2] == (
        'rows of "Comité de sélection" disagree on place: "Mairie de Chevreuse" (2 rows), '
        '"Hôtel de ville" (1 row); kept "Mairie de Chevreuse"')


def test_event_type_disagreement_names_the_attribute_in_words(tmp_path):
    p = write_csv(tmp_path, "events.csv", "acteur;événement;type\nMairie;Forum;atelier\n"
                                          "Asso;Forum;comité\nClub;Forum;atelier\n")
    G = read_affiliations(p)
    assert "divergent (type d'événement) : « workshop » (2 lignes), « committee » (1 ligne)" in \
        french(G)
    assert 'disagree on event type: "workshop" (2 rows), "committee" (1 row)' in \
        report_of(G).problems["action"].tolist()[0]


def test_repeated_and_nameless_affiliation_rows_in_french():
    G = read_affiliations(BAD / "affiliations_repeats.csv")
    text = french(G)
    assert "ligne 4 : « mairie » figure déjà dans « Comité » (ligne 2) ; compté une fois" in text
    assert "ligne 5 : l'acteur « !!! » n'a ni lettre ni chiffre : ce n'est pas un nom d'acteur" \
        in text
    assert "ligne 6 : pas d'acteur ou pas d'événement sur cette ligne" in text
    assert "already listed" not in text and "has no letter or digit" not in text
    no_english_left(G)


def test_matrix_rows_in_french(tmp_path):
    # event headers that are no synonym of the event column: a matrix
    p = write_csv(tmp_path, "matrice.csv", "acteur;Comité vélo;Fête du quartier\nMairie;x;\n"
                                           "Asso;;\n;x;x\nMairie;x;x\n")
    G = read_affiliations(p)
    text = french(G)
    assert "ligne 3 : « Asso » n'a participé à aucun événement (gardé comme acteur)" in text
    assert "ligne 4 : aucun nom d'acteur sur cette ligne" in text
    assert ("ligne 5 : « Mairie » figure deux fois pour « Comité vélo » (ligne 2) ; compté une "
            "fois") in text
    assert "took part in no event" not in text and "listed twice" not in text
    no_english_left(G)


def test_missing_affiliation_column_in_french(tmp_path):
    p = write_csv(tmp_path, "participations.csv", "événement;lieu\nComité;Mairie\n")
    with pytest.raises(InputError) as err:
        read_affiliations(p, layout="long")
    fr = err.value.text("fr")
    assert "pas de colonne « actor » (qui a participé) ; attendu l'un de ces en-têtes" in fr
    assert "(who took part)" in str(err.value) and "who took part" not in fr


@pytest.mark.parametrize("name", ["events_en.csv", "events_fr_cp1252.csv", "affiliations.csv",
                                  "affiliations_matrix.csv"])
def test_french_affiliation_reports_hold_no_english(name):
    no_english_left(read_affiliations(DATA / name))


# --------------------------------------------------------------------------- interviews

def test_interview_rows_skipped_in_french():
    G = read_interviews(BAD / "self_mention_interviews.csv")
    text = french(G)
    assert ("ligne 3 : l'acteur cité « ??? » n'a ni lettre ni chiffre : ce n'est pas un nom "
            "d'acteur (la personne interviewée est gardée)") in text
    assert ("ligne 5 : la personne interviewée ou la structure « ??? » n'a ni lettre ni "
            "chiffre : personne à qui rattacher la mention") in text
    assert "has no letter or digit" not in text
    no_english_left(G)


def test_interview_tone_and_empty_cells_in_french(tmp_path):
    p = write_csv(tmp_path, "entretiens.csv",
                  "entretien;personne interrogée;structure;acteur cité;ton;citation\n"
                  "E1;Léa;Asso Vélo;Mairie;bof;on verra\n"
                  "E1;Léa;Asso Vélo;;positif;rien\n"
                  ";;;Club;positif;rien\n")
    G = read_interviews(p, fill_down=False)
    text = french(G)
    assert ("ligne 2, colonne « ton » : « bof » : ton non compris (positif, neutre, négatif) ; "
            "gardé comme manquant") in text
    assert "ligne 3 : aucun acteur cité (la personne interviewée est gardée)" in text
    assert ("ligne 4 : ni personne interviewée ni structure : personne à qui rattacher la "
            "mention") in text
    assert "tone not understood" not in text and "no actor mentioned" not in text
    no_english_left(G)


def test_missing_interview_column_in_french(tmp_path):
    p = write_csv(tmp_path, "entretiens.csv", "structure;citation\nAsso;bonjour\n")
    with pytest.raises(InputError) as err:
        read_interviews(p)
    fr = err.value.text("fr")
    assert "(l'acteur que la personne interviewée cite)" in fr
    assert "the actor the interviewee mentions" in str(err.value)
    assert "the actor the interviewee mentions" not in fr


# --------------------------------------------------------------------------- QDA exports

def test_qda_report_in_french():
    G = read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY, documents=DOCUMENTS)
    text = french(G)
    assert "taguette_highlights.csv : reconnu comme surlignages Taguette" in text
    assert ("ligne 35 : code « Mobilité douce » : ni un acteur de l'annuaire, ni une relation, "
            "ni un ton, et dans aucun groupe qui le dise : non utilisé (dites ce que c'est avec "
            'codes={"Mobilité douce": "ignore"}, ou "actor", "relation", "tone")') in text
    assert ("ligne 36 : aucun code d'acteur sur ce passage : sa relation ou son ton ne va à "
            "personne") in text
    assert "neither an actor" not in text and "goes to nobody" not in text
    # English for code and logs
    assert report_of(G).formats["tool"].tolist() == ["Taguette highlights"]
    no_english_left(G)


@pytest.mark.parametrize("name", ["maxqda_segments_en.xlsx", "maxqda_segmente_de.xlsx",
                                  "atlasti_quotations.xlsx", "qualcoder_codings.csv",
                                  "nvivo_matrix.xlsx"])
def test_qda_tools_named_in_french(name):
    tools = {"maxqda_segments_en.xlsx": "segments codés MAXQDA (en anglais)",
             "maxqda_segmente_de.xlsx": "segments codés MAXQDA (en allemand)",
             "atlasti_quotations.xlsx": "gestionnaire de citations ATLAS.ti (Quotation Manager)",
             "qualcoder_codings.csv": "rapport de codage QualCoder",
             "nvivo_matrix.xlsx": "requête de codage matricielle NVivo"}
    G = read_interviews(QDA / name, actors=REGISTRY, documents=DOCUMENTS)
    assert f"reconnu comme {tools[name]}" in french(G)
    no_english_left(G)


def test_documents_to_complete_in_french():
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY)
    fr = err.value.text("fr")
    assert ("surlignages Taguette : 2 documents sur 4 ne disent pas qui a été interviewé. Ces "
            "logiciels mettent la personne interviewée dans le nom du document, et ces noms ne "
            "contiennent aucun nom ni alias de l'annuaire, ou en contiennent plusieurs.") in fr
    assert f'    "{E02}": None,  # qui a été interviewé ?' in fr
    assert (f'    "{E04}": None,  # lequel ? "CAF du Gers" ou "Conseil départemental du Gers"'
            in fr)
    assert ('Avec alliances.load(), passez le même dict sous la forme '
            'interview_options={"documents": {...}}.') in fr
    assert "do not say who" not in fr and "which one?" not in fr and "With alliances" not in fr
    # the call printed in French is still the call: it reads the file
    start = fr.index("read_interviews(")
    call = fr[start:fr.index("\n})", start) + 3]
    G = eval(call, {"read_interviews": read_interviews})
    assert G.number_of_edges() > 0
    # reading it as printed, a document left out is said in French
    assert (f"document « {E02} » laissé de côté (documents= donne None) : personne à qui "
            "rattacher ses codes") in french(G)


def test_one_document_to_complete_is_singular_in_french(tmp_path):
    partial = write_csv(tmp_path, "docs.csv",
                        f"document;acteur\n{E01};Mairie\n{E02};Vélo Plaisance\n"
                        "E03_La Fabrique_LPetit;La Fabrique\n")
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY, documents=partial)
    fr = err.value.text("fr")
    assert ("surlignages Taguette : 1 document sur 4 ne dit pas qui a été interviewé. Ces "
            "logiciels mettent la personne interviewée dans le nom du document, et documents= "
            "ne liste pas ceux-ci") in fr
    assert "1 document of 4 does not say who was interviewed" in str(err.value)


def test_dataframe_note_in_french():
    frame = pd.read_csv(QDA / "taguette_highlights.csv", dtype=str)
    with pytest.raises(InputError) as err:
        read_interviews(frame, actors=pd.read_csv(REGISTRY, sep=None, engine="python",
                                                  dtype=str))
    fr = err.value.text("fr")
    assert "(frame : votre DataFrame)" in fr and "(actors : votre annuaire des acteurs)" in fr
    assert "your DataFrame" not in fr


def test_documents_errors_in_french(tmp_path):
    one = write_csv(tmp_path, "one.csv", "document\nE01\n")
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY, documents=one)
    assert ("le fichier des documents doit avoir deux colonnes : le nom du document, puis "
            "l'acteur de la personne interviewée (avec une ligne d'en-tête)") in err.value.text("fr")
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY,
                        documents={E01: "Mairie", E01 + ".docx": "CAF"})
    assert (f"documents= : le document « {E01}.docx » est donné deux fois avec deux personnes "
            "interviewées (« Mairie », « CAF ») ; gardez-en une") in err.value.text("fr")
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY,
                        documents={E01: "Mairie de Plaisanse", E02: "Zzyzx Qwerty"})
    fr = err.value.text("fr")
    assert ("documents= : « Mairie de Plaisanse » n'est ni un nom ni un alias de l'annuaire des "
            "acteurs ; vouliez-vous dire « Mairie de Plaisance » ? Écrivez le nom de l'annuaire "
            "(ou ajoutez cette graphie à ses alias).") in fr
    assert ("documents= : « Zzyzx Qwerty » n'est ni un nom ni un alias de l'annuaire des "
            "acteurs. Écrivez le nom de l'annuaire") in fr
    # without a close name the English sentence ends before the next one starts
    assert ('"Zzyzx Qwerty" is no name or alias of the actor registry. Write the registry\'s '
            "name") in str(err.value)


def test_nvivo_matrix_notes_in_french(tmp_path):
    G = read_interviews(QDA / "nvivo_matrix.xlsx", actors=REGISTRY)
    text = french(G)
    assert ("« Conseil départemental du Gers » : lu comme l'entretien de « Conseil départemental "
            "du Gers » : le nom du document contient « conseil departemental du gers » (passez "
            "documents= s'il s'agit de quelqu'un d'autre)") in text
    assert ("« I : Conflit » : une matrice ne dit pas à quel acteur va un compte de relation ou "
            "de ton : non utilisé") in text
    assert ("« J : Mobilité douce » : ni un acteur de l'annuaire, ni dans un groupe qui le dise : "
            'non utilisé (codes={"Mobilité douce": "actor"} pour le lire comme un acteur)') in text
    assert "read as the interview" not in text and "does not say which actor" not in text


def test_nvivo_matrix_with_cases_in_columns_in_french(tmp_path):
    rows = [[None, f"A : {E01}", f"B : {E04}"],
            ["1 : Vélo Plaisance", 2, 0],
            ["2 : Conflit", 1, 0],
            ["3 : CAF du Gers", 0, 0],
            ["total", 3, 0],
            ["4 : CAF du Gers", "beaucoup", 0]]
    p = tmp_path / "matrix.xlsx"
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(p, index=False)
    G = read_interviews(p, actors=REGISTRY, documents={E01: "Mairie", E04: "CD32"})
    text = french(G)
    assert "reconnu comme requête de codage matricielle NVivo (cas en colonnes)" in text
    assert "ligne 3 : « 2 : Conflit » n'est pas un code d'acteur : ligne non utilisée" in text
    assert "ligne 4 : aucune mention comptée sur cette ligne" in text
    assert ("ligne 5 : « total » n'est pas un libellé de ligne de matrice (« 1 : nom ») : non lu"
            in text)
    assert ("ligne 6 : « 4 : CAF du Gers / A : E01_Mairie_CMartin » : « beaucoup » n'est pas "
            "un nombre de références codées : cellule non utilisée") in text
    assert report_of(G).formats["tool"].tolist() == [
        "NVivo matrix coding query (cases in columns)"]


def test_codes_ignore_and_tones_in_french(tmp_path):
    p = write_frame(tmp_path, [["id", "document", "tag", "content"],
                               ["1", "E01", "CAF", "Ils aident, mais lentement."],
                               ["1", "E01", "positif", "Ils aident, mais lentement."],
                               ["1", "E01", "négatif", "Ils aident, mais lentement."],
                               ["2", "E01", "La Fabrique", "Un lieu... particulier."],
                               ["2", "E01", "Tonalité/Ambigu", "Un lieu... particulier."],
                               ["3", "E01", "Thèmes/Vélo", "Le vélo."],
                               ["4", "E01", "Mairie", "Nous, à la mairie..."],
                               ["5", "", "CAF", "Sans document."],
                               ["6", "E01", "", "Sans code."]])
    G = read_interviews(p, actors=REGISTRY, documents={"E01": "Mairie"},
                        codes={"Thèmes": "ignore"})
    text = french(G)
    assert ("« positif / négatif » : plusieurs tons sur un même passage : le plus négatif est "
            "gardé") in text
    assert "« Ambigu » : ton non compris (positif, neutre, négatif) ; gardé comme manquant" in text
    assert ('ligne 7 : code « Thèmes/Vélo » : code mis de côté (codes= "themes" : ignore)'
            in text)
    assert ("ligne 8 : la personne interviewée « Mairie de Plaisance » se cite elle-même : "
            "aucun lien") in text
    assert ("ligne 9 : pas de nom de document : aucune personne interviewée à qui rattacher les "
            "codes") in text
    assert "ligne 10 : aucun code sur cette ligne" in text
    for english in ("several tones", "code set aside", "mentions itself", "no document name",
                    "no code on this row"):
        assert english not in text
    no_english_left(G)


def test_atlas_quotation_without_code_in_french(tmp_path):
    header = ["ID", "Quotation Name", "Document", "Quotation Content", "Codes"]
    rows = [["1:1", "q", "E01.docx", "Avec la CAF.", "Acteurs cités > CAF du Gers"],
            ["1:2", "q", "E01.docx", "Rien.", ""]]
    p = tmp_path / "quotations.xlsx"
    pd.DataFrame(rows, columns=header).to_excel(p, index=False)
    G = read_interviews(p, actors=REGISTRY, documents={"E01": "Mairie"})
    assert "ligne 3 : aucun code sur cette citation" in french(G)
    assert "no code on this quotation" in report_of(G).skipped["reason"].tolist()


def test_carried_tone_note_in_french(tmp_path):
    header = ["Color", "Comment", "Document group", "Document name", "Code", "Beginning", "End",
              "Weight score", "Segment"]
    phrase, paragraph = "la CAF nous finance", "Heureusement, la CAF nous finance."
    rows = [["", "", "", "E04", "Acteurs cités > CAF du Gers", 3, 3, 0, phrase],
            ["", "", "", "E04", "Tonalité > Positif", 3, 3, 0, paragraph]]
    p = tmp_path / "segments.xlsx"
    pd.DataFrame(rows, columns=header).to_excel(p, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = read_interviews(p, actors=REGISTRY, documents={"E04": "CD32"})
    assert ("ligne 3 : les codes de relation ou de ton de ce passage vont au passage d'acteur "
            "qu'il contient ou dont il fait partie (ligne 2)") in french(G)
