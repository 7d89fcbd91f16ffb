"""Issue 16, items 1 and 5: the importers' own sentences are said in French in a French import report.

Skip reasons, problem actions, recognition notes and ``InputError`` messages
are :class:`alliances.i18n.Message` values: English ``str`` for code and
logs, translated by ``ImportReport.text(lang)`` / ``to_html(lang)`` and
``InputError.text(lang)``. The files read are the platform exports of
``tests/data/io/platforms`` (built from each vendor's documented export
format, see the README there) and the bad files of ``tests/data/io``.

What the English check takes out as data: file names, labels, headers,
values, roles, and the *fields* of the messages (by design user data or
code: headers, menu names of a tool, suggested calls), never the messages'
own words. No exemption is left: every importer writes Messages.
"""

from __future__ import annotations

import copy
import html
import pickle
import re
import warnings
from pathlib import Path

import pytest
from tests.test_i18n import data_strings, english_words, strip

import alliances
from alliances.errors import InputError
from alliances.i18n import Message
from alliances.io.report import ImportReport

DATA = Path(__file__).parent / "data" / "io"

FILES = ["kobo_xml.csv", "kobo_labels_fr.xlsx", "odk_export.zip", "surveymonkey_fr_matrix.csv",
         "surveymonkey_en_checkbox.xlsx", "qualtrics_matrix.csv", "qualtrics_loop.csv",
         "gforms_fr_sections.csv", "gforms_en_grid.csv", "msforms_fr_likert.xlsx",
         "msforms_en_sections.xlsx", "limesurvey_code_texte_fr.csv", "limesurvey_texte_en.csv"]


def message_fields(value) -> set[str]:
    """The str fields of a Message, at any depth (user data and code, never translated)."""
    out: set[str] = set()
    if isinstance(value, Message):
        for v in value.fields.values():
            out |= message_fields(v) if isinstance(v, Message) else {str(v)}
    return out


def import_data(G) -> list[str]:
    r = G.graph["import_report"]
    data = set(data_strings(G))
    for column in (r.skipped["reason"], r.problems["action"], r.formats["tool"],
                   r.suggested_merges["reason"]):
        for v in column:
            data |= message_fields(v)
    return sorted((s for s in data if s), key=len, reverse=True)


def code_out(text: str) -> str:
    """Python option names (``actors=``, ``trust_scale=``) are code, the same in both languages."""
    return re.sub(r"\b[a-z_]+=", " ", text)


@pytest.mark.parametrize("name", FILES)
def test_french_import_report_of_platform_exports_holds_no_english(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(DATA / "platforms" / name)
    assert_french_report_holds_no_english(G)


def assert_french_report_holds_no_english(G) -> None:
    """The French import report of ``G``, as text and as Jupyter HTML, holds no English word
    once the data are taken out; the same check finds English in the English text."""
    r = G.graph["import_report"]
    data = import_data(G)
    labels = dict(G.nodes(data="label"))
    text = r.text("fr", labels=labels)
    assert english_words(strip(code_out(text), data)) == [], text
    page = html.unescape(re.sub(r"<[^>]+>", " ", r.to_html("fr", labels=labels)))
    assert english_words(strip(code_out(page), data)) == [], page
    # the check sees English when it is there (the same report in English)
    assert english_words(strip(r.text("en", labels=labels), data))


def test_hand_checked_french_skip_reason_and_problem_action():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(DATA / "platforms" / "surveymonkey_fr_matrix.csv")
    text = G.graph["import_report"].text("fr")
    assert ("  - surveymonkey_fr_matrix.csv, ligne 3 : la fréquence « Jamais » signifie aucun "
            "contact : aucun lien") in text
    assert ("colonne « Adresse IP » : « Adresse IP » : colonne de métadonnées de l'enquête "
            "(adresse IP) : mise de côté, jamais un acteur ni un lien") in text
    assert "surveymonkey_fr_matrix.csv : reconnu comme SurveyMonkey (interface française)" in text
    # English unchanged for code and logs
    r = G.graph["import_report"]
    assert 'frequency "Jamais" means no contact: no tie' in set(r.skipped["reason"])


def test_trust_hint_in_french_keeps_the_option_and_decimal_comma(tmp_path):
    survey = tmp_path / "enquete.csv"
    survey.write_text("structure;partenaire;confiance\nAsso A;Mairie B;7\nAsso C;Mairie B;9,5\n",
                      encoding="utf-8")
    r = alliances.read_survey(survey).graph["import_report"]
    fr = r.text("fr")
    assert ("nombres de confiance lus sur l'échelle 0..10 (plus grand nombre 9,5) : x / 10 ; "
            "passez trust_scale= si c'est faux") in fr
    assert "passez --trust-scale 0-1|1-5|0-10 si c'est faux" in r.text(
        "fr", options={"trust_scale=": "--trust-scale 0-1|1-5|0-10"})


def test_round_trip_keeps_the_translation():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.read_survey(DATA / "platforms" / "kobo_xml.csv")
    r = G.graph["import_report"]
    r = ImportReport.from_dict(r.to_dict()) if type(r) is not ImportReport else r
    back = ImportReport.from_dict(r.to_dict())
    assert back.text("fr") == r.text("fr") and back.text("en") == r.text("en")
    assert back.to_html("fr") == r.to_html("fr")
    assert pickle.loads(pickle.dumps(r)).text("fr") == r.text("fr")
    assert copy.deepcopy(r).text("fr") == r.text("fr")


def test_message_value_is_english_and_plain_data():
    m = Message.ngettext("{n} row skipped in {path}", "{n} rows skipped in {path}", 2, path="a.csv")
    assert m == "2 rows skipped in a.csv" and isinstance(m, str)
    d = m.to_dict()
    assert d == {"text": "2 rows skipped in a.csv", "msgid": "{n} row skipped in {path}",
                 "plural": "{n} rows skipped in {path}", "n": 2,
                 "fields": {"path": "a.csv", "n": 2}}
    assert Message.from_dict(d).plural == m.plural
    assert pickle.loads(pickle.dumps(m)).fields == m.fields
    # a plain str (a user's own note) is shown as it is
    r = ImportReport(sources=["s.csv"], rows_read=1)
    r.skip("s.csv", 2, "my own note")
    assert "my own note" in r.text("fr")


def test_input_error_in_french_and_english(tmp_path):
    with pytest.raises(InputError) as caught:
        alliances.read_survey(tmp_path / "absent.csv")
    err = caught.value
    where = str(tmp_path / "absent.csv")
    assert str(err) == f"{where}: file not found: {where}; check the name and folder"
    assert err.text("fr") == f"{where} : fichier introuvable : {where} ; vérifiez le nom et le dossier"
    bad = tmp_path / "vide.csv"
    bad.write_text("a;b\n", encoding="utf-8")
    (tmp_path / "blank.csv").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        alliances.read_survey(tmp_path / "blank.csv")
    assert "le fichier est vide ; exportez à nouveau le tableau avec sa ligne d'en-têtes" in \
        caught.value.text("fr")
