"""read_survey on each layout and quirk, against hand-checked graphs.

The expected values below were worked out by hand from the fixture files in
tests/data/io/ (line numbers are the physical lines of those files).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliances.errors import InputError
from alliances.io.actors import read_actors
from alliances.io.survey import parse_trust_scale, read_survey
from alliances.model import Evidence

DATA = Path(__file__).parent / "data" / "io"


def lines(G, u, v, rel):
    return [e.line for e in G.edges[u, v, rel]["evidence"]]


def edges(G):
    return sorted(G.edges(keys=True))


# ----------------------------------------------------------------- long, cp1252, messy

def test_long_cp1252_semicolon_messy_names():
    G = read_survey(DATA / "survey_long_cp1252.csv")
    assert G.graph["layout"] == "long"
    assert sorted(G.nodes) == ["asso-velo-antony", "association-velo-antony",
                               "mairie-d-antony", "ressourcerie-lefevre"]
    assert edges(G) == [
        ("asso-velo-antony", "mairie-d-antony", "conflict"),
        ("mairie-d-antony", "asso-velo-antony", "collaboration"),
        ("mairie-d-antony", "association-velo-antony", "information"),
        ("ressourcerie-lefevre", "mairie-d-antony", "collaboration"),
    ]
    m = G.nodes["mairie-d-antony"]
    assert (m["label"], m["sector"], m["respondent"], m["kind"]) == (
        "Mairie d'Antony", "public", True, "organisation")
    assert G.nodes["association-velo-antony"]["respondent"] is False
    assert G.nodes["ressourcerie-lefevre"]["sector"] == "Fablab"  # user's own world, kept
    # lines 2 and 4: same tie, merged; weight = max(mensuel 3, hebdomadaire 4);
    # trust on the 1..5 scale (largest number 5): 4 -> 0.75, 5 -> 1.0, mean 0.875
    collab = G.edges["mairie-d-antony", "asso-velo-antony", "collaboration"]
    assert (collab["weight"], collab["trust"], collab["sign"], collab["origin"]) == (
        4.0, 0.875, 1, "survey")
    assert collab["evidence"] == (Evidence("survey_long_cp1252.csv", 2),
                                  Evidence("survey_long_cp1252.csv", 4))
    assert collab["themes"] == ("mobilité", "vélo")
    # comma decimal 3,5 -> (3.5 - 1) / 4
    info = G.edges["mairie-d-antony", "association-velo-antony", "information"]
    assert (info["trust"], info["weight"], lines(G, "mairie-d-antony", "association-velo-antony",
                                                 "information")) == (0.625, 4.0, [3])
    conflict = G.edges["asso-velo-antony", "mairie-d-antony", "conflict"]
    assert (conflict["sign"], conflict["trust"], conflict["weight"]) == (-1, 0.0, 4.0)
    unread = G.edges["ressourcerie-lefevre", "mairie-d-antony", "collaboration"]
    assert (unread["weight"], "trust" in unread) == (1.0, False)  # not read: absent

    r = G.graph["import_report"]
    assert (r.rows_read, r.actors, r.ties, r.ties_merged, r.self_nominations,
            r.unknown_sectors, r.name_merges, r.blank_lines) == (7, 4, 4, 1, 1, 1, 2, 1)
    assert r.skipped[["line", "reason"]].values.tolist() == [
        [7, 'self-nomination: "Asso Vélo Antony" names itself; no tie'],
        [9, "no contact named (the respondent is kept as an actor)"]]
    assert r.problems[["line", "column", "value"]].values.tolist() == [
        [1, None, None], [8, "secteur", "Fablab"], [8, "fréquence", "parfois"],
        [8, "confiance", "beaucoup"]]
    assert r.problems["action"][0] == ("trust numbers read on the 1..5 scale (largest number 5): "
                                       "(x - 1) / 4; pass trust_scale= if that is wrong")
    sm = r.suggested_merges
    assert sm[["id_a", "id_b", "score"]].values.tolist() == [
        ["asso-velo-antony", "association-velo-antony", 0.967]]
    assert sorted(r.merged_names["spelling"]) == ["MAIRIE D’ANTONY", "asso velo antony"]


def test_registry_alias_resolves_the_suggested_duplicate():
    reg = read_actors(DATA / "actors_bom.csv")
    G = read_survey(DATA / "survey_long_cp1252.csv", actors=reg)
    assert "association-velo-antony" not in G
    info = G.edges["mairie-d-antony", "asso-velo-antony", "information"]
    assert [e.line for e in info["evidence"]] == [3]
    # registry actors nobody named are isolated nodes; registry attributes win
    assert G.degree("jean-dupont") == 0 and G.nodes["jean-dupont"]["kind"] == "person"
    assert G.nodes["tiers-lieu-la-fabrique"]["sectors"] == ("association", "research")
    assert G.nodes["asso-velo-antony"]["territory"] == "NA"
    assert len(G.graph["import_report"].suggested_merges) == 0
    assert "email" not in G.nodes["mairie-d-antony"]  # private columns stay out of the graph


def test_registry_given_as_path():
    G = read_survey(DATA / "survey_long_cp1252.csv", actors=DATA / "actors_bom.csv")
    # the 5 registry actors + the one survey actor the registry does not know
    assert sorted(G.nodes) == ["asso-velo-antony", "caf", "jean-dupont", "mairie-d-antony",
                               "ressourcerie-lefevre", "tiers-lieu-la-fabrique"]
    r = G.graph["import_report"]
    assert r.sources == ["survey_long_cp1252.csv", "actors_bom.csv"]
    # the registry's own problem (its unknown sector) is in the survey's report
    assert ["actors_bom.csv", 6, "secteur", "Organisme social"] in \
        r.problems[["path", "line", "column", "value"]].values.tolist()


# ----------------------------------------------------------------- wide: Google Forms

def test_wide_google_forms_export():
    G = read_survey(DATA / "survey_wide_gforms.csv")
    assert G.graph["layout"] == "wide"
    assert sorted(G.nodes) == ["asso-velo-antony", "caf-des-hauts-de-seine", "mairie-d-antony",
                               "maison-de-l-emploi", "tiers-lieu-la-fabrique"]
    # trust scale 0..10 (largest number 10)
    assert edges(G) == [
        ("asso-velo-antony", "mairie-d-antony", "collaboration"),
        ("asso-velo-antony", "maison-de-l-emploi", "information"),
        ("asso-velo-antony", "tiers-lieu-la-fabrique", "information"),
        ("mairie-d-antony", "asso-velo-antony", "collaboration"),
        ("mairie-d-antony", "caf-des-hauts-de-seine", "funding"),
    ]
    e = G.edges
    assert (e["mairie-d-antony", "asso-velo-antony", "collaboration"]["weight"],
            e["mairie-d-antony", "asso-velo-antony", "collaboration"]["trust"]) == (3.0, 0.8)
    assert (e["mairie-d-antony", "caf-des-hauts-de-seine", "funding"]["weight"],
            e["mairie-d-antony", "caf-des-hauts-de-seine", "funding"]["trust"]) == (2.0, 0.6)
    assert e["asso-velo-antony", "mairie-d-antony", "collaboration"]["trust"] == 0.7
    # the quoted newline: record on lines 3-4, next respondent on line 5
    assert lines(G, "asso-velo-antony", "tiers-lieu-la-fabrique", "information") == [3]
    assert G.nodes["tiers-lieu-la-fabrique"]["respondent"] is True
    assert G.nodes["tiers-lieu-la-fabrique"]["sector"] == "research"
    assert G.nodes["caf-des-hauts-de-seine"]["respondent"] is False
    r = G.graph["import_report"]
    assert r.skipped[["line", "reason"]].values.tolist() == [
        [5, "no contact named (the respondent is kept as an actor)"]]
    probs = r.problems[["line", "column", "action"]].values.tolist()
    assert probs.pop(0) == [1, "Horodateur", "survey metadata column (timestamp): set aside, "
                            "never an actor or a tie"]
    assert probs.pop(0)[2].startswith("trust numbers read on the 0..10 scale (largest number 10)")
    assert probs[0][:2] == [3, "Contact 3"] and "split into 2 ties" in probs[0][2]
    assert probs[1][:2] == [5, "Contact 1"] and "Fréquence 1='Mensuel'" in probs[1][2]


def test_wide_limesurvey_codes_with_mapping():
    cols = {"Q1": "respondent", "Q2": "organisation", "Q5": "contact", "Q6": "frequency"}
    G = read_survey(DATA / "survey_limesurvey.csv", columns=cols)
    assert G.graph["layout"] == "wide"
    assert sorted(G.nodes) == ["caf", "mairie-de-sceaux", "regie-de-quartier"]
    assert {(u, v): d["weight"] for u, v, d in G.edges(data=True)} == {
        ("regie-de-quartier", "mairie-de-sceaux"): 4.0, ("regie-de-quartier", "caf"): 2.0,
        ("caf", "regie-de-quartier"): 5.0}
    assert lines(G, "caf", "regie-de-quartier", "collaboration") == [3]


def test_wide_limesurvey_single_unmapped_group_is_read_as_contacts(tmp_path):
    p = tmp_path / "lime.csv"
    p.write_text("id,Q2,Q5[SQ001],Q5[SQ002]\n1,Régie,CAF,Mairie\n", encoding="utf-8")
    G = read_survey(p, columns={"Q2": "organisation"})
    assert edges(G) == [("regie", "caf", "collaboration"), ("regie", "mairie", "collaboration")]
    actions = G.graph["import_report"].problems["action"].tolist()
    assert any('read as the contacts named' in a for a in actions)


def test_wide_snake_case_slots_and_forced_layout(tmp_path):
    p = tmp_path / "kobo.csv"
    p.write_text("respondent,organisation,contact_1,trust_1,contact_2,trust_2\n"
                 "Ann,Org A,Org B,0.5,,\nBob,Org B,Org A,1,Org C,0\n", encoding="utf-8")
    G = read_survey(p, layout="wide")
    assert {(u, v): d["trust"] for u, v, d in G.edges(data=True)} == {
        ("org-a", "org-b"): 0.5, ("org-b", "org-a"): 1.0, ("org-b", "org-c"): 0.0}


# ----------------------------------------------------------------- roster / matrix

def test_roster_ticks():
    G = read_survey(DATA / "survey_roster.csv")
    assert G.graph["layout"] == "roster"
    assert edges(G) == [
        ("asso-velo-antony", "mairie-d-antony", "collaboration"),
        ("asso-velo-antony", "tiers-lieu-la-fabrique", "collaboration"),
        ("caf", "mairie-d-antony", "collaboration"),
        ("mairie-d-antony", "asso-velo-antony", "collaboration"),
        ("mairie-d-antony", "caf", "collaboration"),
    ]
    assert all(d["weight"] == 1.0 for _, _, d in G.edges(data=True))
    assert G.nodes["tiers-lieu-la-fabrique"]["respondent"] is False
    assert G.nodes["caf"]["sector"] == "public"
    r = G.graph["import_report"]
    assert r.self_nominations == 1
    assert r.skipped.values.tolist() == [["survey_roster.csv", 4,
                                          'self-nomination: "CAF" names itself; no tie']]


def test_ucinet_matrix_with_blank_corner_reads_frequencies():
    G = read_survey(DATA / "survey_matrix_ucinet.csv")
    assert {(u, v): d["weight"] for u, v, d in G.edges(data=True)} == {
        ("a", "b"): 3.0, ("b", "a"): 2.0, ("b", "c"): 1.0}
    assert [G.nodes[n]["respondent"] for n in "abc"] == [True, True, True]
    assert lines(G, "b", "c", "collaboration") == [3]


def test_roster_trust_values_forced(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("structure;A;B\nA;;4\nB;2;\n", encoding="utf-8")
    G = read_survey(p, roster_value="trust", trust_scale="1-5")
    assert G.edges["a", "b", "collaboration"]["trust"] == 0.75
    assert G.edges["b", "a", "collaboration"]["trust"] == 0.25


# ----------------------------------------------------------------- options and rules

def test_person_level_graph(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("respondent,organisation,contact,contact organisation\n"
                 "Anne,Mairie,Paul,Asso\nJean,Mairie,Anne,Mairie\n", encoding="utf-8")
    org = read_survey(p)
    assert edges(org) == [("mairie", "asso", "collaboration")]
    assert org.graph["import_report"].self_nominations == 1  # Jean names a colleague
    person = read_survey(p, level="person")
    assert edges(person) == [("anne", "paul", "collaboration"), ("jean", "anne", "collaboration")]
    assert person.nodes["paul"]["organisation"] == "Asso"
    assert person.nodes["anne"]["kind"] == "person" and person.nodes["anne"]["respondent"]


def test_frequency_zero_means_no_tie_and_is_counted(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("structure;partenaire;fréquence\nA;B;jamais\nA;C;2,5\n", encoding="cp1252")
    G = read_survey(p)
    assert edges(G) == [("a", "c", "collaboration")]
    assert G.edges["a", "c", "collaboration"]["weight"] == 2.5
    assert G.graph["import_report"].skipped["line"].tolist() == [2]
    assert "c" in G and "b" in G  # the named actor still exists


def test_trust_words_percent_and_scale_rule(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("structure,partenaire,confiance\nA,B,forte\nA,C,80 %\nA,D,totale\nA,E,12\n",
                 encoding="utf-8")
    G = read_survey(p)
    trust = {v: d.get("trust") for _, v, d in G.edges(data=True)}
    # 12 is the largest number: more than 10 fits no scale -> 0..10 chosen, 12 out of range
    assert trust == {"b": 0.75, "c": 0.8, "d": 1.0, "e": None}
    prob = G.graph["import_report"].problems.iloc[1]
    assert (prob["line"], prob["column"], prob["value"]) == (5, "confiance", "12")
    assert parse_trust_scale("auto", []) == (0.0, 1.0)
    with pytest.raises(ValueError, match="trust_scale"):
        parse_trust_scale("1-7")


def test_unknown_relation_is_kept_and_reported_once(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("structure,partenaire,relation\nA,B,Mutualisation\nA,C,mutualisation\n"
                 "A,D,\"Collaboration, Financement\"\n", encoding="utf-8")
    G = read_survey(p)
    assert edges(G) == [("a", "b", "mutualisation"), ("a", "c", "mutualisation"),
                        ("a", "d", "collaboration"), ("a", "d", "funding")]
    assert G.graph["import_report"].problems["line"].tolist() == [2]


def test_same_graph_whatever_the_row_order(tmp_path):
    src = (DATA / "survey_long_cp1252.csv").read_bytes().decode("cp1252").split("\r\n")
    header, rows = src[0], [r for r in src[1:] if r]
    p = tmp_path / "reversed.csv"
    p.write_bytes("\r\n".join([header, *reversed(rows)]).encode("cp1252"))
    a, b = read_survey(DATA / "survey_long_cp1252.csv"), read_survey(p)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    strip = lambda G: [(u, v, k, {x: y for x, y in d.items() if x != "evidence"})  # noqa: E731
                       for u, v, k, d in G.edges(keys=True, data=True)]
    assert strip(a) == strip(b)


# ----------------------------------------------------------------- errors

def test_missing_contact_column_names_columns_found_and_closest(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("répondant;structure;partenaires cités\nA;B;C\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_survey(p, layout="long")
    msg = str(err.value)
    assert err.value.path == str(p) and err.value.line == 1 and err.value.column == "contact"
    assert "Columns found: répondant, structure, partenaires cités" in msg
    assert 'The closest header is "partenaires cités"' in msg
    assert 'columns={"partenaires cités": "contact"}' in msg


def test_missing_respondent_column(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("partenaire;fréquence\nA;mensuel\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "respondent" column') as err:
        read_survey(p)
    assert err.value.line == 1 and "Columns found: partenaire, fréquence" in str(err.value)


def test_wide_without_slots_is_an_input_error(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("respondent,partner\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "contact 1" column') as err:
        read_survey(p, layout="wide")
    assert err.value.column == "contact 1"


def test_two_unmapped_limesurvey_groups_need_a_mapping():
    with pytest.raises(InputError) as err:
        read_survey(DATA / "survey_limesurvey.csv", columns={"Q2": "organisation"})
    msg = str(err.value)
    # id and submitdate are LimeSurvey's metadata, set aside before any reading
    assert "Columns found: Q1, Q2, Q5[SQ001]" in msg
    assert 'Question groups Q5[...], Q6[...] have no known role' in msg
    assert 'columns={"Q5": "...", "Q6": "..."}' in msg


def test_bad_options():
    with pytest.raises(ValueError, match="layout"):
        read_survey(DATA / "survey_roster.csv", layout="diagonal")
    with pytest.raises(ValueError, match="level"):
        read_survey(DATA / "survey_roster.csv", level="team")


def test_evidence_file_is_the_file_name(tmp_path):
    dst = tmp_path / "enquête 2024.csv"
    shutil.copy(DATA / "survey_roster.csv", dst)
    G = read_survey(dst)
    files = {e.file for _, _, d in G.edges(data=True) for e in d["evidence"]}
    assert files == {"enquête 2024.csv"}


def test_wide_with_duplicate_headers_as_forms_export_them(tmp_path):
    p = tmp_path / "forms.csv"
    p.write_text("Nom,Structure,Contact,Fréquence,Contact,Fréquence\n"
                 "Ann,Org A,Org B,mensuel,Org C,quotidien\n", encoding="utf-8")
    G = read_survey(p)
    assert G.graph["layout"] == "wide"
    assert {v: d["weight"] for _, v, d in G.edges(data=True)} == {"org-b": 3.0, "org-c": 5.0}
    renamed = G.graph["import_report"].problems["column"].tolist()
    assert renamed == ["Contact (2)", "Fréquence (2)"]


def test_same_actor_named_twice_in_one_wide_row_is_one_tie(tmp_path):
    p = tmp_path / "w.csv"
    p.write_text("structure,contact 1,contact 2\nA,B,b\n", encoding="utf-8")
    G = read_survey(p)
    assert G.number_of_edges() == 1
    assert G.graph["import_report"].ties_merged == 1
    assert lines(G, "a", "b", "collaboration") == [2, 2]


def test_hand_made_registry_with_few_columns(tmp_path):
    import pandas as pd

    reg = pd.DataFrame({"label": ["Mairie d'Antony"], "sector": ["public"],
                        "aliases": [("Ville d'Antony",)]},
                       index=pd.Index(["mairie-d-antony"], name="id"))
    p = tmp_path / "s.csv"
    p.write_text("structure;partenaire\nAsso;Ville d'Antony\n", encoding="utf-8")
    G = read_survey(p, actors=reg)
    assert sorted(G.edges(keys=True)) == [("asso", "mairie-d-antony", "collaboration")]
    assert G.nodes["mairie-d-antony"]["sectors"] == ("public",)
    assert "territory" not in G.nodes["mairie-d-antony"]  # unknown: absent, not None


def test_header_only_file_gives_an_empty_graph(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("répondant;structure;partenaire\n\n\n", encoding="utf-8")
    G = read_survey(p)
    r = G.graph["import_report"]
    assert (G.number_of_nodes(), r.rows_read, r.blank_lines) == (0, 0, 2)
    assert "rows read: 0" in str(r)


def test_file_oddities_reach_the_report_with_the_file_name(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("structure;partenaire;;partenaire\nA;B;x;C\n", encoding="utf-8")
    G = read_survey(p)
    probs = G.graph["import_report"].problems
    assert probs[["path", "line", "column"]].values.tolist() == [
        ["s.csv", 1, "column 3"], ["s.csv", 1, "partenaire (2)"]]
    # repeated "partenaire" columns are read as contact slots 1 and 2 (wide layout)
    assert G.graph["layout"] == "wide"
    assert sorted(G.edges(keys=True)) == [("a", "b", "collaboration"),
                                          ("a", "c", "collaboration")]


# ----------------------------------------------------------------- reported bugs (regressions)

def test_auto_layout_never_makes_actors_of_survey_headers(tmp_path):
    # before: no contact column recognised -> roster -> actors "Confiance", "Fréquence"...
    p = tmp_path / "s.csv"
    p.write_text("Répondant;Structure;Confiance;Fréquence;Type de lien\n"
                 "Anne;Mairie;4;mensuel;collaboration\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "contact" column') as err:
        read_survey(p)
    assert err.value.column == "contact" and err.value.line == 1


def test_forced_roster_leaves_recognised_survey_columns_out(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("Structure;Confiance;Asso Vélo;CAF\nMairie;4;x;\nCAF;;x;x\n", encoding="utf-8")
    G = read_survey(p, layout="roster")
    assert sorted(G) == ["asso-velo", "caf", "mairie"]
    assert sorted(G.edges(keys=True)) == [("caf", "asso-velo", "collaboration"),
                                          ("mairie", "asso-velo", "collaboration")]
    actions = G.graph["import_report"].problems["action"].tolist()
    assert any('"trust" column, not as an actor' in a for a in actions)


def test_closest_header_hint_never_offers_a_column_already_read(tmp_path):
    # before: 'The closest header is "structure du contact"', which is the
    # contact's organisation column, already recognised
    p = tmp_path / "s.csv"
    p.write_text("répondant;structure du contact;fréquence\nAnne;Mairie;mensuel\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match='no "contact" column') as err:
        read_survey(p, layout="long")
    assert "closest header" not in str(err.value)
    assert 'columns={"your header": "contact"}' in str(err.value)


def test_hedged_trust_word_is_reported_not_read(tmp_path):
    """'confiance totale ?' is a doubt, not a rating: kept as missing and listed; without '?' it is 1.0."""
    p = tmp_path / "survey.csv"
    p.write_text("répondant;structure;partenaire;confiance\n"
                 "Anne;Mairie;Asso Vélo;confiance totale ?\n"
                 "Paul;Asso Vélo;Mairie;confiance totale\n", encoding="utf-8")
    G = read_survey(p)
    assert "trust" not in G.edges["mairie", "asso-velo", "collaboration"]  # hedged: not read
    assert G.edges["asso-velo", "mairie", "collaboration"]["trust"] == 1.0
    problems = G.graph["import_report"].problems
    assert list(problems.loc[problems["column"] == "confiance", "value"]) == ["confiance totale ?"]
    assert list(problems.loc[problems["column"] == "confiance", "line"]) == [2]


# --------------------------------------------------------------------------- fill-down decided

def _gforms_with_a_blank_structure(tmp_path: Path) -> Path:
    """The Google Forms export, its third response's "Nom de votre structure" left blank."""
    text = (DATA / "exports" / "gforms_fr.csv").read_text(encoding="utf-8")
    blanked = text.replace('direction@ateliers-insertion.fr,"Ateliers, Insertion & Co",',
                           "direction@ateliers-insertion.fr,,")
    assert blanked != text
    p = tmp_path / "gforms_fr.csv"
    p.write_text(blanked, encoding="utf-8")
    return p


def test_a_survey_tools_blank_respondent_is_not_filled_from_the_row_above(tmp_path):
    # line 4 names "Mairie de Plaisance, CAF du Gers"; the row above is Vélo Plaisance's:
    # filled down, Vélo Plaisance would be given both ties
    G = read_survey(_gforms_with_a_blank_structure(tmp_path))
    report = G.graph["import_report"]
    assert report.formats["tool"].tolist() == ["Google Forms (French interface)"]
    assert sorted(G.successors("velo-plaisance")) == ["mairie-de-plaisance",
                                                      "tiers-lieu-la-fabrique"]
    assert "caf-du-gers" not in G  # named on the unattributed row only
    assert list(zip(report.skipped["line"], report.skipped["reason"], strict=True)) == [
        (4, "no respondent or organisation: nobody to attach the row to")]
    assert (report.rows_read, report.rows_used, report.rows_skipped) == (4, 3, 1)
    assert not any(a.startswith("respondent cell empty") for a in report.problems["action"])


def test_the_users_fill_down_stands_over_the_tools(tmp_path):
    G = read_survey(_gforms_with_a_blank_structure(tmp_path), fill_down=True)
    report = G.graph["import_report"]
    assert sorted(G.successors("velo-plaisance")) == [
        "caf-du-gers", "mairie-de-plaisance", "tiers-lieu-la-fabrique"]
    assert report.rows_skipped == 0
    blocks = [a for a in report.problems["action"] if a.startswith("respondent cell empty")]
    assert len(blocks) == 1 and "carried down from line 3" in blocks[0]


def test_a_hand_made_table_with_merged_cells_is_still_filled_down(tmp_path):
    p = tmp_path / "enquete.csv"
    p.write_text("répondant;structure;partenaire;fréquence\n"
                 "Anne;Mairie de Plaisance;Vélo Plaisance;mensuel\n"
                 ";;CAF du Gers;hebdomadaire\n"
                 "Paul;Vélo Plaisance;Mairie de Plaisance;mensuel\n", encoding="utf-8")
    G = read_survey(p)
    report = G.graph["import_report"]
    assert report.formats.empty  # no tool recognised: its cells may have been merged
    assert G.edges["mairie-de-plaisance", "caf-du-gers", "collaboration"]["weight"] == 4.0
    assert report.rows_used == 3 and report.rows_skipped == 0
    assert any(a.startswith("respondent cell empty") for a in report.problems["action"])
    off = read_survey(p, fill_down=False)
    assert not off.has_edge("mairie-de-plaisance", "caf-du-gers")
    assert off.graph["import_report"].skipped["line"].tolist() == [3]


def test_the_users_columns_reach_the_recognition(tmp_path):
    # Google Forms: the e-mail address is metadata and "Vos liens" a question the
    # recogniser does not know; with columns= it is the tool's export, read long, whose
    # blank respondent cell is not filled down
    p = tmp_path / "liens.csv"
    p.write_text("Horodateur,Adresse e-mail,Vos liens\n"
                 '04/03/2024 10:12:45,anne@mairie-plaisance.fr,"Vélo Plaisance, CAF du Gers"\n'
                 "04/03/2024 11:02:10,,Tiers-Lieu La Fabrique\n", encoding="utf-8")
    G = read_survey(p, columns={"Adresse e-mail": "respondent", "Vos liens": "contact"})
    report = G.graph["import_report"]
    assert report.formats["tool"].tolist() == ["Google Forms (French interface)"]
    assert report.formats["roles"][0]["Adresse e-mail"] == "respondent (columns=)"
    assert G.graph["layout"] == "long"
    assert sorted(G.successors("anne-mairie-plaisance-fr")) == ["caf-du-gers", "velo-plaisance"]
    assert "tiers-lieu-la-fabrique" not in G
    assert report.skipped["line"].tolist() == [3]
