"""Languages (issue 16, items 1 and 5): the catalogues are complete, and French outputs hold no English.

The English check reads the French outputs of every bundled sample (CLI
``import`` and ``report``, the import report as text and as Jupyter HTML,
the report page's own text) and fails on any English word of
:data:`ENGLISH`, after taking out what is data (actor labels, sectors,
relations, file names, the importers' headers and roles, the fields of the
importers' translated sentences: every importer writes :class:`alliances.i18n.Message`
sentences, checked by :func:`test_every_importer_sentence_is_a_message`), and the tables (column names stay English
identifiers; :func:`alliances.analysis.display.display_table` gives them
French headers). :data:`ELSEWHERE` lists text some module still writes in
English, with its owner (empty: the analyses' missing-world warning is now
made with :func:`alliances.errors.warn` and said in French in French outputs).
The per-actor analyses' ``reason`` columns are checked on their own, on
every sample (:func:`test_french_reason_columns_hold_no_english`).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import alliances
from alliances import samples
from alliances.cli import main
from alliances.errors import AlliancesWarning, warn
from alliances.i18n import Message, format_number, gettext, ngettext
from alliances.io.report import ImportReport
from alliances.model import is_missing
from alliances.report import MEASURE_HELP, MEASURE_HELP_FR, html_report

ROOT = Path(__file__).parent.parent

#: Words of English sentences that French never uses (no "on", "a", "an", "or", "possible"...).
ENGLISH = frozenset([
    "the", "of", "and", "with", "not", "from", "rows", "row", "read", "used", "skipped",
    "actors", "actor", "ties", "tie", "none", "more", "see", "which", "have", "has", "are",
    "is", "was", "were", "this", "that", "file", "line", "column", "findings", "groups",
    "group", "trusted", "intermediaries", "written", "writing", "measures", "drawing",
    "reading", "computing", "merged", "spellings", "problems", "duplicates", "blank",
    "ignored", "unknown", "sectors", "values", "understood", "kept", "missing", "noted",
    "check", "what", "who", "how", "why", "when", "only", "also", "each", "every", "their",
    "its", "into", "between", "several", "worlds", "world", "links", "report", "key",
    "found", "parts", "left", "out", "folded", "self", "nominations", "answered", "survey",
    "waves", "wave", "before", "after", "event", "events", "workshop", "committee", "meeting",
    "online", "apart", "recorded",
])

#: Text other modules write, shown as they write it, and who translates it (issue 16, item 1).
ELSEWHERE: dict[str, re.Pattern] = {}


def english_words(text: str) -> list[str]:
    # whole words, accented letters included ("noté" is not "not")
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)
    return sorted({w for w in words if w.lower() in ENGLISH})


def data_strings(G) -> list[str]:
    """What is the user's data in an output: labels, ids, sectors, relations, files, headers."""
    report = G.graph.get("import_report")
    out = {str(n) for n in G} | {str(v) for _, v in G.nodes(data="label") if v}
    for _, value in G.nodes(data="sector"):
        out |= set(value) if isinstance(value, tuple) else ({str(value)} if value else set())
    for _, _, key in G.edges(keys=True):
        out.add(str(key))
    if isinstance(report, ImportReport):
        out |= set(report.sources)
        out |= {str(v) for v in report.problems["value"] if v is not None}
        # the importers' sentences are Messages, translated: only their fields are data
        # (headers, values, suggested calls); every importer writes Messages now, so a plain
        # str sentence is English that the French check must see
        for v in [*report.skipped["reason"], *report.problems["action"],
                  *report.suggested_merges["reason"], *report.formats["tool"]]:
            if isinstance(v, Message):
                out |= message_fields(v)
        out |= {m.group(0) for v in report.problems["action"]
                for m in re.finditer(r"\b[a-z_]+=", str(v))}  # option names: code
        out |= {str(v) for v in report.merged_names["spelling"]}
        for _, tool, roles in report.formats.itertuples(index=False):
            out |= {str(tool), *map(str, roles), *map(str, roles.values())}
    # longest first, so that a label is removed before a word inside it
    return sorted((s for s in out if s), key=len, reverse=True)


def message_fields(value: Message) -> set[str]:
    """The str fields of a Message, at any depth: user data and code, never translated."""
    out: set[str] = set()
    for v in value.fields.values():
        out |= message_fields(v) if isinstance(v, Message) else {str(v)}
    return out


def strip(text: str, data: list[str]) -> str:
    for pattern in ELSEWHERE.values():
        text = pattern.sub(" ", text)
    for s in data:
        text = text.replace(s, " ")
    return text


SAMPLES = samples.names()


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return request.param, samples.load(request.param)


def test_every_importer_sentence_is_a_message(sample):
    """No importer writes a plain English sentence into the import report any more."""
    name, G = sample
    report = G.graph["import_report"]
    report = report if isinstance(report, ImportReport) else alliances.import_report(G)
    sentences = [*report.skipped["reason"], *report.problems["action"],
                 *report.suggested_merges["reason"], *report.formats["tool"]]
    assert sentences, name  # every sample's report says something (self-nominations at least)
    plain = [v for v in sentences if not isinstance(v, Message) and not is_missing(v)]
    assert plain == [], plain


# --------------------------------------------------------------------------- catalogues

def test_catalogues_are_complete_and_compiled():
    """scripts/i18n.py --check: .pot up to date with the code, every French entry translated, .mo fresh."""
    domains = ["alliances"]
    if (ROOT / "src/alliances/locale/fr/LC_MESSAGES/alliances-map.po").exists():
        domains.append("alliances-map")
    args = [a for d in domains for a in ("--domain", d)]
    run = subprocess.run([sys.executable, str(ROOT / "scripts/i18n.py"), "--check", *args],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr + run.stdout


def test_check_fails_on_a_stale_catalogue(tmp_path, monkeypatch):
    """The check is not a test that cannot fail: a message added to the code makes it fail."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n as tool
    finally:
        sys.path.pop(0)
    source = tmp_path / "alliances"
    source.mkdir()
    (source / "mod.py").write_text('from alliances.i18n import gettext\n'
                                   'gettext("A brand new sentence nobody translated")\n')
    locale = tmp_path / "locale"
    monkeypatch.setattr(tool, "SOURCE", source)
    monkeypatch.setattr(tool, "LOCALE", locale)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert tool.run(check=True, domains=["alliances"]) == 1  # nothing written yet
    assert tool.run(check=False, domains=["alliances"]) == 0  # extract, update, compile
    assert tool.run(check=True, domains=["alliances"]) == 1  # still untranslated
    po = locale / "fr/LC_MESSAGES/alliances.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "A brand new sentence nobody translated"\nmsgstr ""',
        'msgid "A brand new sentence nobody translated"\nmsgstr "Une phrase toute neuve"'),
        encoding="utf-8")
    assert tool.run(check=True, domains=["alliances"]) == 1  # .mo not compiled yet
    assert tool.run(check=False, domains=["alliances"]) == 0
    assert tool.run(check=True, domains=["alliances"]) == 0


def test_catalogue_lookups_plural_and_formats():
    assert gettext("Key findings", "fr") == "Principaux constats"
    assert gettext("Key findings", "en") == "Key findings"
    one = "cited negatively by {n} actor"
    many = "cited negatively by {n} actors"
    assert ngettext(one, many, 1, "fr").format(n=1) == "cité négativement par 1 acteur"
    assert ngettext(one, many, 2, "fr").format(n=2) == "cité négativement par 2 acteurs"
    assert ngettext(one, many, 0, "fr").format(n=0) == "cité négativement par 0 acteur"  # French: 0 is singular
    assert ngettext(one, many, 0, "en").format(n=0) == "cited negatively by 0 actors"
    assert format_number(0.6213, "fr") == "0,62"
    assert MEASURE_HELP_FR["hybrids"].startswith("Un acteur hybride")
    assert set(MEASURE_HELP_FR) == set(MEASURE_HELP)


def test_environment_chooses_the_language(monkeypatch):
    r = ImportReport(sources=["enquete.csv"], rows_read=3, rows_used=3)
    monkeypatch.setenv("ALLIANCES_LANG", "fr")
    assert "lignes lues : 3" in str(r)
    monkeypatch.setenv("ALLIANCES_LANG", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert "lignes lues : 3" in str(r)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "rows read: 3" in str(r)
    assert "rows read: 3" in r.text("en") and "lignes lues : 3" in r.text("fr")


# --------------------------------------------------------------------------- warnings

def test_warn_once_per_cause_at_the_users_line():
    import networkx as nx

    G = nx.Graph()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            warn("{n} actors have no sector: {names}.", once=G, n=2, names="A, B")  # this line
        warn("{n} actors have no sector: {names}.", once=nx.Graph(), n=2, names="A, B")
    assert [str(w.message) for w in caught] == ["2 actors have no sector: A, B."] * 2
    assert caught[0].filename == __file__
    assert isinstance(caught[0].message, AlliancesWarning)


def test_report_notes_repeat_a_warning_the_user_saw_and_warn_once():
    """The report's notes on the data list a cause already warned about; the user is told once."""
    import pandas as pd

    from alliances.model import from_frames

    G = from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = html_report(G, map=False, lang="en")
        second = html_report(G, map=False, lang="fr")
    no_world = [w for w in caught if "No actor has a world" in str(w.message)]
    assert len(no_world) == 1 and no_world[0].filename == __file__
    assert "No actor has a world (node attribute &#x27;sector&#x27;)" in first
    assert "Aucun acteur n&#x27;a de monde (attribut de nœud &#x27;sector&#x27;)" in second


# --------------------------------------------------------------------------- merged spellings, hints

def test_merged_spellings_listed_in_text_html_and_report():
    G = samples.load("antony-velo")
    r = G.graph["import_report"]
    labels = dict(G.nodes(data="label"))
    text = r.text("en", labels=labels)
    assert "Spellings merged into one actor:" in text
    line = next(s for s in text.splitlines() if s.startswith("  - Mairie d'Antony ← "))
    # every spelling the report recorded for the actor, and only those
    spellings = set(re.findall(r"“([^”]+)”", line))
    assert spellings == set(r.merged_names.loc[r.merged_names["id"] == "mairie-d-antony", "spelling"])
    assert "(alias in the actor registry)" in line
    fr = r.to_html("fr", labels=labels)
    assert "Graphies fusionnées en un acteur (2)" in fr
    assert html.escape("« Ville d'Antony » (alias de l'annuaire des acteurs)") in fr
    page = html_report(G, map=False, lang="fr")
    assert "Graphies fusionnées en un acteur :" in page


def test_recognised_export_is_shown():
    r = ImportReport(sources=["export.csv"])
    r.recognised("export.csv", "Google Forms", {"Nom de votre structure": "respondent"})
    assert "export.csv: recognised as Google Forms" in r.text("en")
    assert "export.csv : reconnu comme Google Forms" in r.text("fr")
    assert "reconnu comme Google Forms" in r.to_html("fr")
    assert len(r.formats) == 1


def test_cli_hint_names_the_cli_option_and_it_works(tmp_path, capsys):
    """The import report printed by the CLI says --trust-scale; that option exists and is read."""
    survey = tmp_path / "enquete.csv"
    survey.write_text("structure;partenaire;confiance\nAsso A;Mairie B;7\nAsso C;Mairie B;9\n",
                      encoding="utf-8")
    assert main(["import", str(survey), "--lang", "en", "-q"]) == 0
    out = capsys.readouterr().out
    assert "pass --trust-scale 0-1|1-5|0-10 if that is wrong" in out and "trust_scale=" not in out
    assert "0..10 scale" in out
    assert main(["import", str(survey), "--lang", "en", "-q", "--trust-scale", "0-100"]) == 0
    out = capsys.readouterr().out
    assert "0..10 scale" not in out
    G = alliances.load(survey, survey_options={"trust_scale": "0-100"})
    assert sorted(round(d["trust"], 2) for *_, d in G.edges(data=True)) == [0.07, 0.09]
    assert main(["import", str(survey), "-q", "--trust-scale", "beaucoup"]) == 2


# --------------------------------------------------------------------------- no English in French

def test_french_import_report_text_and_html_hold_no_english(sample):
    _name, G = sample
    r = G.graph["import_report"]
    data = data_strings(G)
    labels = dict(G.nodes(data="label"))
    text = r.text("fr", labels=labels)
    assert english_words(strip(text, data)) == [], text
    page = html.unescape(re.sub(r"<[^>]+>", " ", r.to_html("fr", labels=labels)))
    assert english_words(strip(page, data)) == [], page


def test_french_cli_output_holds_no_english(sample, tmp_path, capsys):
    name, G = sample
    data = [*data_strings(G), str(samples.path(name)), str(tmp_path)]
    assert main(["import", name, "--lang", "fr"]) == 0
    out = capsys.readouterr()
    assert "Rapport d'import" in out.out
    assert english_words(strip(out.out + out.err, data)) == [], out
    assert main(["report", name, "--lang", "fr", "--no-map", "-o", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr()
    assert "Rapport écrit dans" in out.err
    assert english_words(strip(out.out + out.err, data)) == [], out.err
    # the check sees English when it is there
    assert main(["import", name, "--lang", "en"]) == 0
    out = capsys.readouterr()
    assert {"rows", "read", "used"} <= set(english_words(strip(out.out + out.err, data)))


def page_chrome(page: str) -> str:
    """The report page's text a reader sees, sentences and table cells included.

    Taken out: the style, the full tables' column names (identifiers), the import
    report (its own test) and the generator tag.
    """
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    # the full tables' column names are English identifiers (as in the downloads); their
    # cells are read: reasons, compositions, kinds, event and place types
    page = re.sub(r"<table><thead>.*?</thead>", " ", page, flags=re.S)
    page = re.sub(r"<pre>.*?</pre>", " ", page, flags=re.S)  # import report: its own test
    page = re.sub(r'<meta name="generator"[^>]*>', " ", page)
    page = re.sub(r"« [a-z_]+ »", " ", page)  # a column named in the help: an identifier
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_french_report_chrome_holds_no_english(sample):
    name, G = sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = html_report(G, map=False, lang="fr")
        english = html_report(G, map=False, lang="en")
    data = [*data_strings(G), name]
    assert english_words(strip(page_chrome(page), data)) == [], page_chrome(page)
    # the check sees English when it is there
    assert "findings" in english_words(strip(page_chrome(english), data))


def test_french_report_names_codes_and_missing_worlds():
    """Kinds, place types and the missing world read in French in the tables of a French page."""
    G = samples.load("antony-velo")
    for n in list(G)[::5]:  # actors without a world: an "unknown" group in every world table
        G.nodes[n].pop("sector", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fr = html_report(G, map=False, lang="fr")
        en = html_report(G, map=False, lang="en")
    data = data_strings(G)
    assert english_words(strip(page_chrome(fr), data)) == [], page_chrome(fr)
    assert {"unknown", "apart"} <= set(english_words(strip(page_chrome(en), data)))
    assert "<td>groupe à part</td>" in fr and "<td>group apart</td>" in en
    assert "<tr><th>inconnu</th>" in fr and "<tr><th>unknown</th>" in en  # the mixing matrix's row
    composition = re.search(r"<td>([^<]*inconnu \d+[^<]*)</td>", fr)
    assert composition and "unknown" not in composition.group(1)


def test_vocabulary_names_come_from_the_model():
    """Relations, event and place types are named once, in alliances.model, for maps and reports."""
    from alliances.maps.events import event_layer
    from alliances.maps.text import MESSAGES, relation_label
    from alliances.model import (
        DEFAULT_RELATION,
        EVENT_TYPE_LABELS_FR,
        EVENT_TYPES,
        PLACE_TYPE_LABELS_FR,
        PLACE_TYPES,
        RELATION_LABELS_FR,
        RELATIONS,
        event_type_name,
        place_type_name,
        relation_name,
    )

    assert set(RELATION_LABELS_FR) == {*RELATIONS, DEFAULT_RELATION}
    assert set(EVENT_TYPE_LABELS_FR) == set(EVENT_TYPES) and set(PLACE_TYPE_LABELS_FR) == set(PLACE_TYPES)
    for r in [*RELATIONS, DEFAULT_RELATION, "voisinage"]:
        assert relation_label(r, "fr") == relation_name(r, "fr")
        assert relation_label(r, "en") == relation_name(r, "en") == r
    assert relation_name("funding", "fr") == "financement" and relation_name("tie", "fr") == "lien"
    assert "funding" not in MESSAGES  # not a second table of relation names in the maps' catalogue
    # the events layer of a French map: types and place types in French, a missing type too
    G = samples.load("chevreuse-sprint", wave=2)
    G.graph["events"] = dict(G.graph["events"])
    first = next(iter(G.graph["events"]))
    G.graph["events"][first] = {**G.graph["events"][first], "event_type": None}
    fr = event_layer(G, list(G), {n: (0.0, 0.0) for n in G}, lang="fr")
    en = event_layer(G, list(G), {n: (0.0, 0.0) for n in G}, lang="en")
    assert "(sans type)" in [t["label"] for t in fr["types"]]
    assert "(no type)" in [t["label"] for t in en["types"]]
    types = {e.get("event_type") for e in G.graph["events"].values()} - {None}
    assert {t["label"] for t in fr["types"]} - {"(sans type)"} == {event_type_name(t, "fr") for t in types}
    assert "atelier" in {t["label"] for t in fr["types"]} and "workshop" in {t["label"] for t in en["types"]}
    places = {e.get("place_type") for e in G.graph["events"].values()} - {None}
    assert {i["place_type"] for i in fr["info"]} - {None} == {place_type_name(p, "fr") for p in places}
    assert "tiers-lieu" in {i["place_type"] for i in fr["info"]}
    # the same type keeps its colour and its key in both languages
    assert [(t["key"], t["color"], t["count"]) for t in fr["types"]] == [
        (t["key"], t["color"], t["count"]) for t in en["types"]]
    # the events' reason sentences name the types as the model does
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reasons = " ".join(alliances.events(G, lang="fr")["reason"])
    assert "(atelier ; " in reasons and "workshop" not in reasons


def test_every_command_takes_lang_and_its_help_is_french(capsys):
    assert main(["--help", "--lang", "fr"]) == 0
    top = capsys.readouterr().out
    assert top.startswith("utilisation : alliances") and "afficher la version et quitter" in top
    names = ["import", "map", "report", "analyze", "analyse", "events", "places", "compare",
             "key", "template"]
    # every command of the parser is in the list above
    listed = re.findall(r"^    ([a-z]+)(?: \(([a-z]+)\))?", top, flags=re.M)
    assert sorted(n for pair in listed for n in pair if n) == sorted(names)
    for name in names:
        assert main([name, "--help", "--lang", "fr"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("utilisation : alliances " + name.replace("analyse", "analyze")), out
        assert "--lang {en,fr}" in out and "afficher cette aide et quitter" in out
        assert main([name, "--help", "--lang", "en"]) == 0
        assert capsys.readouterr().out.startswith("usage: alliances " + name.replace("analyse", "analyze"))


def test_warn_silenced_where_emitted_is_still_said_later():
    """An analysis that silences the cause while it runs does not use up the user's one warning."""
    import networkx as nx

    G = nx.Graph()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*treated as one group.*")
            assert warn("{n} actors are treated as one group", once=G, n=2) is False
        assert warn("{n} actors are treated as one group", once=G, n=2) is True
        assert warn("{n} actors are treated as one group", once=G, n=2) is False
    assert [str(w.message) for w in caught] == ["2 actors are treated as one group"]


# --------------------------------------------------------------------------- the analyses' sentences

#: the per-actor analyses whose ``reason`` column is a sentence (issue 16, item 1)
REASONS = {
    "actor_table": {"seed": 0},
    "hybrid_actors": {},
    "trusted_intermediaries": {},
    "structural_holes": {},
    "brokerage_roles": {},
}


@pytest.mark.parametrize("function", list(REASONS))
def test_french_reason_columns_hold_no_english(sample, function):
    _name, G = sample
    func = getattr(alliances, function)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fr = func(G, **REASONS[function], lang="fr")["reason"]
        en = func(G, **REASONS[function], lang="en")["reason"]
    data = data_strings(G)
    for actor, reason in fr.items():
        assert english_words(strip(reason, data)) == [], (function, actor, reason)
    # the check sees English when it is there
    assert english_words(strip(" ".join(en), data)), function


def test_reason_language_follows_the_environment(monkeypatch):
    G = samples.load("antony-velo")
    monkeypatch.setenv("ALLIANCES_LANG", "fr")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert alliances.structural_holes(G)["reason"].iloc[0].startswith("contrainte ")
        monkeypatch.setenv("ALLIANCES_LANG", "en")
        assert alliances.structural_holes(G)["reason"].iloc[0].startswith("constraint ")
        assert alliances.structural_holes(G, lang="fr_FR.UTF-8")["reason"].iloc[0].startswith(
            "contrainte ")


def test_missing_group_warning_is_french_in_the_french_report():
    """The analyses' missing-world warning, said once in English, is a French note in the report."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("mairie", label="Mairie d'Antony", sector="public")
    G.add_node("asso", label="Asso Vélo Antony")
    G.add_edge("asso", "mairie", relation="collaboration")
    G.add_edge("mairie", "asso", relation="collaboration")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = html_report(G, map=False, lang="fr")
    said = [w for w in caught if "have no 'sector'" in str(w.message)]
    assert len(said) <= 1
    text = html.unescape(page)
    assert ("1 acteur sur 2 n'a pas de 'sector' : Asso Vélo Antony. Il est placé dans un groupe "
            "'inconnu'.") in text
    assert "have no 'sector'" not in text


# --------------------------------------------------------------------------- display headers

#: the public analysis tables a reader may be shown: (sample, arguments that give every column)
TABLES = {
    "actor_table": ("antony-velo", {"seed": 0}),
    "hybrid_actors": ("antony-velo", {}),
    "trusted_intermediaries": ("antony-velo", {}),
    "structural_holes": ("antony-velo", {}),
    "brokerage_roles": ("antony-velo", {"zscores": True}),
    "brokerage_roles by kind": ("antony-velo", {"attr": "kind"}),
    "brokerage_summary": ("antony-velo", {}),
    "cluster_summary": ("antony-velo", {"rewirings": 5}),
    "suggest_introductions": ("antony-velo", {}),
    "components": ("antony-velo", {}),
    "clusters": ("antony-velo", {}),
    "ei_index": ("antony-velo", {}),
    "events": ("morteau-reemploi", {}),
    "places": ("morteau-reemploi", {}),
}

#: headers spelt the same in English and French
SAME_WORD = {"Contacts"}


def test_every_analysis_column_has_a_french_header():
    from alliances.analysis.brokerage import brokerage_summary
    from alliances.analysis.display import HEADERS, display_table

    graphs = {name: samples.load(name) for name in ("antony-velo", "morteau-reemploi")}
    seen = set()
    for name, (sample_name, kwargs) in TABLES.items():
        function = name.split()[0]
        func = brokerage_summary if function == "brokerage_summary" else getattr(alliances, function)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = func(graphs[sample_name], **kwargs)
        before = table.copy()
        shown_fr = display_table(table, "fr")
        shown_en = display_table(table, "en")
        assert len(shown_fr.columns) == len(table.columns) and len(shown_fr) == len(table)
        for column, fr, en in zip(table.columns, shown_fr.columns, shown_en.columns, strict=True):
            assert column in HEADERS, (name, column)
            assert fr.casefold() != column.casefold(), (name, column, fr)
            assert fr != en or fr in SAME_WORD, (name, column, fr)
            assert english_words(fr) == [], (name, column, fr)
            seen.add(column)
        assert shown_fr.index.name not in (None, table.index.name), (name, table.index.name)
        seen.add(table.index.name)
        assert table.equals(before) and table.columns.equals(before.columns)  # untouched
    # every header in the dictionary belongs to a column or an index some table has
    assert set(HEADERS) - seen - {"to", "from", "group"} == set()


def test_display_table_of_a_world_by_world_table():
    from alliances.analysis.display import display_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = alliances.mixing_matrix(samples.load("antony-velo"))
    shown = display_table(m, "fr")
    assert shown.index.name == "Monde d'origine" and shown.columns.name == "Monde d'arrivée"
    assert "entreprise" in shown.columns and "collectivité / acteur public" in shown.index
    assert shown.loc["entreprise", "collectivité / acteur public"] == m.loc["company", "public"]
    assert shown.to_numpy().tolist() == m.to_numpy().tolist()


def test_display_table_values_and_columns():
    import pandas as pd

    from alliances.analysis.display import display_table

    t = pd.DataFrame({"label": ["Mairie", "Asso"], "sector": ["public", "quartier Sud"],
                      "world_list": [("public", "company"), ()], "is_hybrid": [True, False],
                      "participation": [0.625, float("nan")], "mine": [1, 2]},
                     index=pd.Index(["mairie", "asso"], name="id"))
    fr = display_table(t, "fr")
    assert fr.columns.tolist() == ["Acteur", "Monde", "Mondes (les plus liés d'abord)", "Hybride",
                                   "Coefficient de participation", "mine"]
    assert fr.index.name == "Identifiant" and fr.index.tolist() == ["mairie", "asso"]
    assert fr["Monde"].tolist() == ["collectivité / acteur public", "quartier Sud"]
    assert fr["Mondes (les plus liés d'abord)"].tolist() == [
        ("collectivité / acteur public", "entreprise"), ()]
    assert fr["Hybride"].tolist() == ["oui", "non"]
    assert fr["Coefficient de participation"].iloc[0] == 0.625  # numbers untouched
    en = display_table(t, "en", columns=["label", "is_hybrid"])
    assert en.columns.tolist() == ["Actor", "Hybrid"] and en["Hybrid"].tolist() == ["yes", "no"]
    assert t.columns.tolist()[0] == "label" and t["is_hybrid"].dtype == bool  # not modified
