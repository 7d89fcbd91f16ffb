"""Coded interviews from MAXQDA, ATLAS.ti, Taguette, QualCoder and NVivo (tests/data/io/qda).

Each export of the same small study (README.md there: where each format description
came from) is read with the natural call, ``read_interviews(path, actors=registry,
documents=...)``, to the graph worked out by hand from the study (``MENTIONS`` below, not
from the reader): every tie, relation, sign, tone, quote and position; no phantom actor,
metadata never an actor. Without ``documents=``, either the right graph or an InputError
whose printed call, executed as printed, reads the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from alliances.errors import InputError
from alliances.io.interviews import read_interviews
from alliances.io.qda import code_role, document_key, match_documents
from alliances.io.workbook import read_any
from alliances.model import Evidence

QDA = Path(__file__).parent / "data" / "io" / "qda"
REGISTRY = QDA / "actors.csv"
DOCUMENTS = QDA / "documents.csv"

MAIRIE, VELO, ATELIERS, MOBILITE = ("mairie-de-plaisance", "velo-plaisance",
                                    "ateliers-insertion-co", "plaisance-mobilite-bus-tad")
FABRIQUE, CAF, CD32, PROMOTEUR = ("tiers-lieu-la-fabrique", "caf-du-gers",
                                  "conseil-departemental-du-gers", "promoteur-garonne-immo")
ACTORS = sorted([MAIRIE, VELO, ATELIERS, MOBILITE, FABRIQUE, CAF, CD32, PROMOTEUR])
E01, E02, E03, E04 = ("E01_Mairie_CMartin", "E02_VeloPlaisance_PDurand",
                      "E03_La Fabrique_LPetit", "E04_Departement_CAF")

# the study, by hand: (document, paragraph, interviewee, mentioned, relation, sign, tone, quote)
MENTIONS = [
    (E01, 4, MAIRIE, VELO, "collaboration", 1, "Positif",
     "Vélo Plaisance porte la vélo-école avec nous depuis 2022."),
    (E01, 6, MAIRIE, ATELIERS, "funding", 1, "Positif",
     "Nous subventionnons les Ateliers pour le chantier d'insertion."),
    (E01, 9, MAIRIE, PROMOTEUR, "conflict", -1, "Négatif",
     "Le promoteur ne respecte pas le PLU, on est en contentieux."),
    (E01, 11, MAIRIE, CAF, "information", 1, "Neutre",
     "On échange des données avec la CAF chaque trimestre."),
    (E02, 3, VELO, MAIRIE, "collaboration", 1, "Positif",
     "La mairie nous soutient pour la vélo-école."),
    # no relation code: a mention, negative by its tone
    (E02, 5, VELO, MAIRIE, "mention", -1, "Négatif",
     "Mais les aménagements cyclables traînent, on n'est pas écoutés."),
    (E02, 8, VELO, FABRIQUE, "collaboration", 1, "Positif",
     "On répare les vélos à la Fabrique tous les samedis."),
    (E02, 10, VELO, MOBILITE, "conflict", -1, "Négatif",
     "Plaisance Mobilité refuse les vélos dans les bus."),
    (E03, 2, FABRIQUE, VELO, "collaboration", 1, "Positif",
     "Vélo Plaisance anime l'atelier du samedi chez nous."),
    (E03, 7, FABRIQUE, ATELIERS, "information", 1, "Neutre",
     "On se tient au courant avec les Ateliers, Insertion & Co."),
    (E04, 5, CD32, CAF, "funding", 1, "Positif",
     "Nous cofinançons le transport solidaire avec la CAF."),
]

# file -> (tool, document suffix as the tool writes it, lines of the file that are no mention)
SEGMENT_EXPORTS = {
    "maxqda_segments_en.xlsx": ("MAXQDA coded segments (English)", ""),
    "maxqda_segmente_de.xlsx": ("MAXQDA coded segments (German)", ""),
    "atlasti_quotations.xlsx": ("ATLAS.ti Quotation Manager", ".docx"),
    "taguette_highlights.csv": ("Taguette highlights", ""),
    "qualcoder_codings.csv": ("QualCoder coding report", ".docx"),
}
# cells of metadata columns: never an actor
METADATA = {"Claire Martin", "claire", "#e41a1c", "#377eb8", "#4daf4a", "Collectivités",
            "Associations", "à vérifier", "ctid:1", "0", "1:1", "Thèmes", "Mobilité douce",
            "à relancer", "Conflit", "Positif", "Négatif", "Neutre"}


def ties(G):
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def expected(keep=lambda m: True):
    return {(m[2], m[3], m[4]): m for m in MENTIONS if keep(m)}


def check_graph(G, name, *, keep=lambda m: True):
    """The exact expected graph for the segment exports (see MENTIONS)."""
    tool, suffix = SEGMENT_EXPORTS[name]
    want = expected(keep)
    got = ties(G)
    assert sorted(got) == sorted(want)
    for key, (doc, par, _u, _v, _rel, sign, tone, quote) in want.items():
        data = got[key]
        assert data["sign"] == sign, key
        assert data["tones"] == (tone.lower() if name == "taguette_highlights.csv" or
                                 (key == (VELO, MAIRIE, "mention") and "atlas" in name)
                                 else tone,), key
        assert data["interviews"] == (doc + suffix,)
        (ev,) = data["evidence"]
        assert ev.quote == quote and ev.file.startswith(name) and ev.line > 1
        assert data["mentions"] == 1 and data["weight"] == 1.0 and data["origin"] == "interview"
        where = data["positions"][0]
        assert where.startswith(doc + suffix + ": ")
        if "maxqda" in name:
            assert where == f"{doc}: {par}"
        if "atlas" in name:
            assert where.endswith(f" {par} – {par}")
    # no phantom actor: the registry's eight, nothing from metadata columns
    assert sorted(G.nodes) == ACTORS
    labels = {G.nodes[n]["label"] for n in G}
    assert not labels & METADATA
    interviewed = {m[2] for m in MENTIONS if keep(m)}
    assert {n for n in G if G.nodes[n]["respondent"]} == interviewed
    r = G.graph["import_report"]
    assert r.unaccounted == 0
    assert r.formats["tool"].tolist() == [tool]
    roles = r.formats["roles"][0]
    assert "document" in roles.values() and "code" in roles.values()
    # Taguette's four columns are all read; the other tools' metadata columns are set aside
    assert ("metadata" in roles.values()) == (name != "taguette_highlights.csv")


@pytest.mark.parametrize("name", sorted(SEGMENT_EXPORTS))
def test_natural_call_gives_the_exact_graph(name):
    G = read_interviews(QDA / name, actors=REGISTRY, documents=DOCUMENTS)
    check_graph(G, name)
    r = G.graph["import_report"]
    # the theme passage and the tone-only passage are skipped, saying why
    reasons = r.skipped["reason"].tolist()
    assert any("Mobilité douce" in x and "not used" in x for x in reasons)
    assert "no actor code on this passage: its relation or tone goes to nobody" in reasons
    assert r.rows_skipped == 2
    problems = dict(zip(r.problems["value"], r.problems["action"], strict=True))
    theme = next(v for v in problems if "Mobilité douce" in str(v))
    assert "neither an actor of the registry, nor a relation, nor a tone" in problems[theme]


def test_documents_as_a_dict_with_or_without_extension():
    # MAXQDA writes "E01_Mairie_CMartin"; the mapping names the .docx, by alias too
    documents = {E01 + ".docx": "Mairie", E02: "Asso Vélo", E03 + ".DOCX": "La Fabrique",
                 "E04_Departement_CAF.docx": "CD32"}
    G = read_interviews(QDA / "maxqda_segments_en.xlsx", actors=REGISTRY, documents=documents)
    check_graph(G, "maxqda_segments_en.xlsx")


def suggested_call(message: str) -> str:
    """The read_interviews(...) call an error message prints (it ends the message)."""
    start = message.index("read_interviews(")
    end = message.index("\n})", start) + 3
    return message[start:end]


@pytest.mark.parametrize("name", sorted(SEGMENT_EXPORTS))
def test_without_documents_the_printed_call_works(name):
    with pytest.raises(InputError) as err:
        read_interviews(QDA / name, actors=REGISTRY)
    msg = err.value.message
    assert "2 documents of 4 do not say who was interviewed" in msg
    call = suggested_call(msg)
    suffix = SEGMENT_EXPORTS[name][1]
    # the matched documents are filled in; the others are None, with the candidates
    assert f'"{E01}{suffix}": "Mairie de Plaisance",' in call
    assert f'"{E03}{suffix}": "Tiers-Lieu La Fabrique",' in call
    assert f'"{E02}{suffix}": None,  # who was interviewed?' in call
    assert (f'"{E04}{suffix}": None,  # which one? "CAF du Gers" or '
            '"Conseil départemental du Gers"') in call
    # executed as printed: the two matched interviews, the others set aside and reported
    G = eval(call, {"read_interviews": read_interviews})
    check_graph(G, name, keep=lambda m: m[0] in (E01, E03))
    reasons = G.graph["import_report"].skipped["reason"].tolist()
    assert f'document "{E02}{suffix}" left out (documents= gives None): nobody to attach its ' \
           "codes to" in reasons
    # filled in as the comment asks: the whole study
    filled = (call.replace("None,  # who was interviewed?", '"Vélo Plaisance",')
              .replace('None,  # which one? "CAF du Gers" or "Conseil départemental du Gers"',
                       '"Conseil départemental du Gers",'))
    check_graph(eval(filled, {"read_interviews": read_interviews}), name)


def test_documents_file_missing_a_document_is_refused(tmp_path):
    partial = tmp_path / "docs.csv"
    partial.write_text(f"document;acteur\n{E02};Vélo Plaisance\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY, documents=partial)
    call = suggested_call(err.value.message)
    assert "documents= does not list these" in err.value.message
    # E02 from the file, E01 and E03 by their names; E04 still open
    assert f'"{E02}": "Vélo Plaisance",' in call and f'"{E04}": None,' in call
    G = eval(call, {"read_interviews": read_interviews})
    check_graph(G, "taguette_highlights.csv", keep=lambda m: m[0] != E04)


NVIVO = {(MAIRIE, VELO): 1, (MAIRIE, ATELIERS): 1, (MAIRIE, PROMOTEUR): 1, (MAIRIE, CAF): 1,
         (VELO, MAIRIE): 2, (VELO, FABRIQUE): 1, (VELO, MOBILITE): 1, (FABRIQUE, VELO): 1,
         (FABRIQUE, ATELIERS): 1, (CD32, CAF): 1}


@pytest.mark.parametrize("documents", [None, DOCUMENTS])
def test_nvivo_matrix(documents):
    # cases named after the organisations: matched with or without documents=
    G = read_interviews(QDA / "nvivo_matrix.xlsx", actors=REGISTRY, documents=documents)
    got = ties(G)
    assert sorted(got) == sorted((u, v, "mention") for u, v in NVIVO)
    assert {(u, v): d["mentions"] for (u, v, _), d in got.items()} == NVIVO
    assert all(d["sign"] == 1 and d["weight"] == 1.0 for d in got.values())
    # a matrix has no passage: evidence is the case's row, without quote
    assert got[(VELO, MAIRIE, "mention")]["evidence"] == (
        Evidence("nvivo_matrix.xlsx [Matrix Coding Query]", 3, None),)
    assert got[(VELO, MAIRIE, "mention")]["positions"] == (
        "Vélo Plaisance: A : Mairie de Plaisance",)
    assert sorted(G.nodes) == ACTORS
    r = G.graph["import_report"]
    assert r.formats["tool"].tolist() == ["NVivo matrix coding query"] and r.unaccounted == 0
    actions = dict(zip(r.problems["value"], r.problems["action"], strict=True))
    assert "relation or tone count" in actions["I : Conflit"]
    assert "not an actor of the registry" in actions["J : Mobilité douce"]
    roles = r.formats["roles"][0]
    assert roles["I : Conflit"] == roles["J : Mobilité douce"] == "code not used"
    assert roles["column 1"] == "document" and roles["B : Vélo Plaisance"] == "code"
    # the matrix's blank top-left cell is the format, not a problem of the file
    assert not r.problems["action"].str.contains("blank header").any()
    # a document matched by its name is said in the report (a wrong guess is seen)
    assert actions["Conseil départemental du Gers"] == (
        'read as the interview of "Conseil départemental du Gers": the document\'s name holds '
        '"conseil departemental du gers" (pass documents= if it is someone else\'s)')


def test_unknown_flat_tag_reported_never_an_actor():
    G = read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY, documents=DOCUMENTS)
    r = G.graph["import_report"]
    row = r.problems[r.problems["value"] == "à relancer"]
    assert row["line"].tolist() == [11] and row["column"].tolist() == ["tag"]
    assert "a-relancer" not in G


def test_codes_ignore_sets_a_group_aside():
    G = read_interviews(QDA / "maxqda_segments_en.xlsx", actors=REGISTRY, documents=DOCUMENTS,
                        codes={"Thèmes": "ignore"})
    check_graph(G, "maxqda_segments_en.xlsx")
    r = G.graph["import_report"]
    assert 'code "Thèmes > Mobilité douce": code set aside (codes= "themes": ignore)' in \
        r.skipped["reason"].tolist()


def write(tmp_path, rows, name="highlights.csv"):
    p = tmp_path / name
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(p, index=False)
    return p


def test_codes_say_what_unknown_groups_are(tmp_path):
    p = write(tmp_path, [["id", "document", "tag", "content"],
                         ["1", "E01", "Partenaires/Vélo Plaisance", "On roule ensemble."],
                         ["1", "E01", "Nature/collaboration", "On roule ensemble."],
                         ["2", "E01", "Partenaires/Nouvelle Asso", "Une asso qui démarre."]])
    # nothing says what "Partenaires" and "Nature" are: no tie, every code reported
    G = read_interviews(p, actors=REGISTRY, documents={"E01": "Mairie"})
    assert G.number_of_edges() == 0 and sorted(G.nodes) == ACTORS
    assert len(G.graph["import_report"].problems) == 3
    G = read_interviews(p, actors=REGISTRY, documents={"E01": "Mairie"},
                        codes={"partenaires": "actor", "Nature": "relation"})
    assert sorted(G.edges(keys=True)) == [(MAIRIE, "nouvelle-asso", "mention"),
                                         (MAIRIE, VELO, "collaboration")]
    with pytest.raises(ValueError, match="the role must be one of"):
        read_interviews(p, actors=REGISTRY, documents={"E01": "Mairie"},
                        codes={"Nature": "relations"})


def test_one_passage_two_actors_and_a_self_mention(tmp_path):
    p = write(tmp_path, [["id", "document", "tag", "content"],
                         ["7", "E9.txt", "CAF", "La CAF et la Fabrique nous aident."],
                         ["7", "E9.txt", "La Fabrique", "La CAF et la Fabrique nous aident."],
                         ["7", "E9.txt", "positif", "La CAF et la Fabrique nous aident."],
                         ["8", "E9.txt", "Mairie", "Nous, à la mairie..."],
                         ["9", "E9.txt", "Mairie", "Nous et la CAF, main dans la main."],
                         ["9", "E9.txt", "CAF", "Nous et la CAF, main dans la main."]])
    G = read_interviews(p, actors=REGISTRY, documents={"E9": "Mairie de Plaisance"})
    got = ties(G)
    assert sorted(got) == [(MAIRIE, CAF, "mention"), (MAIRIE, FABRIQUE, "mention")]
    assert got[(MAIRIE, FABRIQUE, "mention")]["evidence"] == (
        Evidence("highlights.csv", 2, "La CAF et la Fabrique nous aident."),)
    assert got[(MAIRIE, CAF, "mention")]["evidence"] == (
        Evidence("highlights.csv", 2, "La CAF et la Fabrique nous aident."),
        Evidence("highlights.csv", 6, "Nous et la CAF, main dans la main."))
    r = G.graph["import_report"]
    itself = 'the interviewee "Mairie de Plaisance" mentions itself: no tie'
    # a passage of the interviewee alone is skipped; beside another actor, a part left out
    assert r.skipped[["line", "reason"]].values.tolist() == [[5, itself], [6, itself]]
    assert r.counts["rows_skipped"] == 1 and r.counts["parts_skipped"] == 1
    assert (r.rows_used, r.self_nominations, r.unaccounted) == (5 + 8, 2, 0)


def test_documents_file_errors_and_non_qda_files(tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("document\nE01\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs two columns"):
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY, documents=one)
    with pytest.raises(InputError, match="given twice with two interviewees"):
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY,
                        documents={E01: "Mairie", E01 + ".docx": "CAF"})
    own = Path(__file__).parent / "data" / "io" / "interviews.csv"
    with pytest.raises(ValueError, match="documents= and codes= are for exports"):
        read_interviews(own, documents={"E1": "Mairie"})
    # the project's own layout is never taken for a QDA export
    assert read_interviews(own).graph["import_report"].formats.empty


def test_code_role_and_document_names():
    is_actor = {"mairie", "caf du gers"}.__contains__
    role = lambda c, g=(): code_role(c, g, is_actor=lambda n: is_actor(n.lower()),  # noqa: E731
                                     tones={"positif": 1, "negatif": -1})
    assert role("Acteurs cités > Associations > Vélo Plaisance") == (
        "actor", "Vélo Plaisance", 'group "Acteurs cités"')
    assert role("Stakeholders\\Mairie") == ("actor", "Mairie", 'group "Stakeholders"')
    assert role("Tonalité > Négatif")[:2] == ("tone", "Négatif")
    assert role("négatif") == ("tone", "négatif", "tone vocabulary")
    assert role("Type de relation > Mutualisation")[:2] == ("relation", "Mutualisation")
    assert role("REL_conflit")[:2] == ("relation", "conflit")
    assert role("Mairie") == ("actor", "Mairie", "actor registry")
    assert role("Mobilité", ["Thèmes"]) == (None, "Mobilité", "")
    assert role("Mobilité", ["Acteurs cités"])[0] == "actor"
    # a name holding a separator is split only after a known group
    assert role("Plaisance Mobilité (bus, TAD)") == (None, "Plaisance Mobilité (bus, TAD)", "")
    assert role("Bus/TAD") == (None, "Bus/TAD", "")
    assert document_key("E01_Mairie_CMartin") == document_key("e01 mairie cmartin.DOCX")
    assert document_key("E01.v2") == "e01 v2"  # not a document extension: kept
    assert match_documents(["Ateliers-Insertion", "Mairie_Mairie"], {
        "mairie": "m", "ateliers insertion": "a", "insertion": "i"}) == {
        "Ateliers-Insertion": ["a", "i"], "Mairie_Mairie": ["m"]}


META_COLUMNS = {
    "maxqda_segments_en.xlsx": ["Color", "Comment", "Document group", "Weight score",
                                "Modified by", "Modified", "Created by", "Created", "Area",
                                "Coverage %"],
    "maxqda_segmente_de.xlsx": ["Farbe", "Kommentar", "Dokumentgruppe", "Gewicht",
                                "Bearbeitet von", "Bearbeitet am", "Erstellt von", "Erstellt am",
                                "Fläche", "Abdeckungsgrad %"],
    "atlasti_quotations.xlsx": ["Quotation Name", "Document Groups", "Comment", "Density",
                                "Created by", "Modified by", "Created", "Modified"],
    "taguette_highlights.csv": [],
    "qualcoder_codings.csv": ["Coder", "Coded_Memo"],
    "nvivo_matrix.xlsx": [],
}


@pytest.mark.parametrize("name", sorted(META_COLUMNS))
def test_metadata_columns_are_set_aside_in_every_export(name):
    G = read_interviews(QDA / name, actors=REGISTRY, documents=DOCUMENTS)
    roles = G.graph["import_report"].formats["roles"][0]
    assert [h for h, role in roles.items() if role == "metadata"] == META_COLUMNS[name]
    # and none of their cells is an actor (the registry's eight, nothing else)
    table = read_any(QDA / name)
    cells = {row[table.header.index(h)] for h in META_COLUMNS[name] for row in table.rows}
    labels = {G.nodes[n]["label"] for n in G}
    assert sorted(G.nodes) == ACTORS and not labels & cells


def test_load_reads_a_qda_export_with_interview_options(tmp_path):
    import shutil

    import alliances

    study = tmp_path / "etude"
    study.mkdir()
    shutil.copy(REGISTRY, study / "acteurs.csv")
    shutil.copy(QDA / "qualcoder_codings.csv", study / "entretiens.csv")
    with pytest.raises(InputError) as err:
        alliances.load(study)
    assert 'interview_options={"documents": {...}}' in err.value.message
    G = alliances.load(study, interview_options={"documents": DOCUMENTS})
    got = ties(G)
    assert sorted(got) == sorted(expected())
    assert all(got[k]["evidence"][0].quote == m[7] for k, m in expected().items())
    assert sorted(G.nodes) == ACTORS


def test_a_dataframe_export_is_recognised_too():
    frame = pd.read_csv(QDA / "taguette_highlights.csv", dtype=str)
    G = read_interviews(frame, actors=REGISTRY, documents=DOCUMENTS)
    assert sorted(ties(G)) == sorted(expected())
    with pytest.raises(InputError) as err:
        read_interviews(frame, actors=REGISTRY)
    call = suggested_call(err.value.message)
    assert call.startswith('read_interviews(frame, actors="') and "(frame: your DataFrame)" in \
        err.value.message
    G = eval(call, {"read_interviews": read_interviews, "frame": frame})
    assert sorted(ties(G)) == sorted(expected(lambda m: m[0] in (E01, E03)))


def test_tone_on_the_whole_paragraph_goes_to_the_actor_words(tmp_path):
    header = ["Color", "Comment", "Document group", "Document name", "Code", "Beginning", "End",
              "Weight score", "Segment"]
    phrase, paragraph = "la CAF nous finance", "Heureusement, la CAF nous finance."
    rows = [
        ["", "", "", "E04", "Acteurs cités > CAF du Gers", 3, 3, 0, phrase],
        ["", "", "", "E04", "Type de relation > Financement", 3, 3, 0, phrase],
        ["", "", "", "E04", "Tonalité > Positif", 3, 3, 0, paragraph],  # the whole paragraph
        ["", "", "", "E04", "Tonalité > Négatif", 7, 7, 0, "Tout est trop lent."],
        # the same words in another paragraph: not the same passage
        ["", "", "", "E04", "Tonalité > Négatif", 9, 9, 0, "Oui, la CAF nous finance."],
    ]
    p = tmp_path / "segments.xlsx"
    pd.DataFrame(rows, columns=header).to_excel(p, index=False)
    G = read_interviews(p, actors=REGISTRY, documents={"E04": "CD32"})
    (tie,) = ties(G).values()
    assert (tie["relation"], tie["sign"], tie["tones"]) == ("funding", 1, ("Positif",))
    assert tie["evidence"] == (Evidence("segments.xlsx [Sheet1]", 2, phrase),)
    r = G.graph["import_report"]
    assert r.skipped[["line", "reason"]].values.tolist() == [
        [5, "no actor code on this passage: its relation or tone goes to nobody"],
        [6, "no actor code on this passage: its relation or tone goes to nobody"]]
    assert (r.rows_used, r.unaccounted) == (3 + 8, 0)
    notes = r.problems[r.problems["line"] == 4]["action"].tolist()
    assert notes == ["the relation or tone codes of this passage go to the actor passage it "
                     "holds or is part of (line 2)"]


def test_an_interviewee_outside_the_registry_is_refused():
    with pytest.raises(InputError) as err:
        read_interviews(QDA / "taguette_highlights.csv", actors=REGISTRY,
                        documents={E01: "Mairie de Plaisanse", E02: "Vélo Plaisance",
                                   E03: "La Fabrique", E04: "CD32"})
    assert 'documents=: "Mairie de Plaisanse" is no name or alias of the actor registry; did ' \
           'you mean "Mairie de Plaisance"?' in str(err.value)
    # without a registry, the names given are the actors, the code groups still say who
    G = read_interviews(QDA / "maxqda_segments_en.xlsx", documents=DOCUMENTS)
    assert ("asso-velo", MAIRIE, "collaboration") in ties(G) and len(ties(G)) == 11
    # ... but a flat tag is nobody: Taguette's actor tags are reported, no tie made
    G = read_interviews(QDA / "taguette_highlights.csv", documents=DOCUMENTS)
    assert G.number_of_edges() == 0 and G.number_of_nodes() == 0
    values = set(G.graph["import_report"].problems["value"])
    assert {"Mairie", "Vélo Plaisance", "CAF", "La Fabrique", "Garonne Immo"} <= values


def test_tones_several_or_not_understood(tmp_path):
    p = write(tmp_path, [["id", "document", "tag", "content"],
                         ["1", "E01", "CAF", "Ils aident, mais lentement."],
                         ["1", "E01", "positif", "Ils aident, mais lentement."],
                         ["1", "E01", "négatif", "Ils aident, mais lentement."],
                         ["2", "E01", "La Fabrique", "Un lieu... particulier."],
                         ["2", "E01", "Tonalité/Ambigu", "Un lieu... particulier."]])
    G = read_interviews(p, actors=REGISTRY, documents={"E01": "Mairie"})
    got = ties(G)
    # two tones on one passage: the most negative, said in the report
    assert got[(MAIRIE, CAF, "mention")]["sign"] == -1
    assert got[(MAIRIE, CAF, "mention")]["tones"] == ("positif", "négatif")
    # a tone word outside the vocabulary: kept as missing (the sign of the relation)
    assert got[(MAIRIE, FABRIQUE, "mention")]["sign"] == 1
    assert got[(MAIRIE, FABRIQUE, "mention")]["tones"] == ()
    problems = G.graph["import_report"].problems
    assert problems[["line", "value", "action"]].values.tolist() == [
        [2, "positif / négatif", "several tones on one passage: the most negative is kept"],
        [5, "Ambigu", "tone not understood (positif, neutre, négatif); kept as missing"]]


def test_a_workbook_export_reads_as_its_csv(tmp_path):
    # Taguette also exports highlights as Excel (sheet "highlights", same columns)
    frame = pd.read_csv(QDA / "taguette_highlights.csv", dtype=str)
    p = tmp_path / "all_tags.xlsx"
    frame.to_excel(p, sheet_name="highlights", index=False)
    G = read_interviews(p, actors=REGISTRY, documents=DOCUMENTS)
    assert sorted(ties(G)) == sorted(expected())
    assert ties(G)[(VELO, MOBILITE, "conflict")]["evidence"] == (
        Evidence("all_tags.xlsx [highlights]", 23,
                 "Plaisance Mobilité refuse les vélos dans les bus."),)


def test_nvivo_matrix_with_the_cases_in_columns(tmp_path):
    # the same query run the other way round: codes in rows, cases (documents) in columns
    table = read_any(QDA / "nvivo_matrix.xlsx")
    cases = [E01, E02, E03, E04]
    letters = "ABCD"
    rows = [[None, *[f"{letters[j]} : {c}" for j, c in enumerate(cases)]]]
    for i, head in enumerate(table.header[1:], start=1):
        rows.append([f"{i} : {head.split(' : ', 1)[1]}", *[int(r[i]) for r in table.rows]])
    p = tmp_path / "matrix.xlsx"
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(p, index=False)
    G = read_interviews(p, actors=REGISTRY, documents=DOCUMENTS)
    got = ties(G)
    assert {(u, v): d["mentions"] for (u, v, _), d in got.items()} == NVIVO
    assert got[(VELO, MAIRIE, "mention")]["positions"] == (
        f"{E02}: 1 : Mairie de Plaisance",)
    r = G.graph["import_report"]
    assert r.formats["tool"].tolist() == ["NVivo matrix coding query (cases in columns)"]
    assert r.unaccounted == 0
    assert r.skipped[["line", "reason"]].values.tolist() == [
        [8, "no mention counted in this row"],  # nobody mentioned the Département
        [10, '"9 : Conflit" is not an actor code: row not used'],
        [11, '"10 : Mobilité douce" is not an actor code: row not used']]
    # without documents=, nothing says the columns are the cases: no tie, never reversed ones
    G = read_interviews(p, actors=REGISTRY)
    assert G.number_of_edges() == 0
    assert len(G.graph["import_report"].problems) >= 4


@pytest.mark.parametrize("name", sorted(SEGMENT_EXPORTS))
def test_load_recognises_an_export_whatever_its_file_name(tmp_path, name):
    """load() reads a QDA export named like nothing it knows as interviews, never as a survey."""
    import alliances

    shutil.copy(QDA / "actors.csv", tmp_path / "actors.csv")
    shutil.copy(QDA / name, tmp_path / ("export_2026" + Path(name).suffix))
    G = alliances.load([tmp_path / "actors.csv", tmp_path / ("export_2026" + Path(name).suffix)],
                       interview_options={"documents": DOCUMENTS})
    expected = read_interviews(QDA / name, actors=REGISTRY, documents=DOCUMENTS)
    assert sorted(G.edges(keys=True)) == sorted(expected.edges(keys=True))
    assert {d["origin"] for _, _, d in G.edges(data=True)} == {"interview"}


def test_a_folder_file_load_cannot_name_is_reported_not_dropped(tmp_path):
    import alliances

    shutil.copy(QDA / "actors.csv", tmp_path / "actors.csv")
    shutil.copy(QDA / "taguette_highlights.csv", tmp_path / "export_2026.csv")
    G = alliances.load(tmp_path)
    problems = G.graph["import_report"].problems
    row = problems[problems["path"] == "export_2026.csv"]
    assert len(row) == 1 and "not read" in row["action"].iloc[0]
