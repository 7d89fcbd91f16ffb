"""alliances.load on a study folder, explicit files and dicts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import alliances
from alliances.errors import InputError
from alliances.io.load import load

DATA = Path(__file__).parent / "data" / "io"
STUDY = DATA / "study"  # acteurs.csv, enquete.csv, entretiens.csv, participations.csv


def test_load_french_folder_merges_everything():
    G = load(STUDY)
    assert sorted(G.nodes) == ["asso-velo-antony", "caf", "jean-dupont", "mairie-d-antony",
                               "marc-roy", "promoteur-immo", "ressourcerie-lefevre",
                               "tiers-lieu-la-fabrique"]
    # 4 survey ties (registry alias folds "Association Vélo Antony") + 4 interview ties
    # + 6 co-participation arcs, minus 1 shared collaboration tie = 13
    assert G.number_of_edges() == 13
    collab = G.edges["mairie-d-antony", "asso-velo-antony", "collaboration"]
    assert collab["origin"] == "interview+survey"
    assert [(e.file, e.line) for e in collab["evidence"]] == [
        ("enquete.csv", 2), ("enquete.csv", 4), ("entretiens.csv", 2), ("entretiens.csv", 3)]
    assert collab["weight"] == 4.0 and collab["trust"] == 0.875
    # registry attributes everywhere; "NA" stays a territory
    assert G.nodes["asso-velo-antony"]["territory"] == "NA"
    assert G.nodes["caf"]["territory"] == "007"
    assert G.nodes["mairie-d-antony"]["respondent"] is True
    assert G.nodes["caf"]["respondent"] is False
    r = G.graph["import_report"]
    assert r.sources == ["acteurs.csv", "enquete.csv", "entretiens.csv", "participations.csv"]
    assert (r.actors, r.ties) == (8, 13)
    assert r.rows_read == 5 + 7 + 6 + 7
    assert r.skipped[["path", "line"]].values.tolist() == [
        ["enquete.csv", 7], ["enquete.csv", 9], ["entretiens.csv", 8],
        ["participations.csv", 7], ["participations.csv", 8]]
    assert len(r.suggested_merges) == 0
    assert r.unknown_sectors == 2  # "Organisme social" (registry), "Fablab" (survey)
    assert G.graph["files"]["survey"].endswith("enquete.csv")


def test_load_explicit_files_and_dict(tmp_path):
    a = load([DATA / "actors_bom.csv", DATA / "interviews.csv"])
    assert a.graph["import_report"].sources == ["actors_bom.csv", "interviews.csv"]
    assert "jean-dupont" in a  # the registry's isolated actors are kept
    b = load({"survey": DATA / "survey_roster.csv", "affiliations": DATA / "affiliations_matrix.csv"})
    assert b.edges["mairie-d-antony", "asso-velo-antony", "collaboration"]["origin"] == "survey"
    assert b.has_edge("mairie-d-antony", "asso-velo-antony", "co-participation")


def test_load_sniffs_kind_from_headers(tmp_path):
    shutil.copy(DATA / "survey_wide_gforms.csv", tmp_path / "export_2024.csv")
    G = load([tmp_path / "export_2024.csv"])
    assert G.number_of_edges() == 5


def test_suggested_merges_across_files(tmp_path):
    (tmp_path / "survey.csv").write_text("structure;partenaire\nMairie;Asso Vélo Antony\n",
                                         encoding="utf-8")
    (tmp_path / "interviews.csv").write_text(
        "structure;acteur cité\nMairie;Association Vélo Antony\n", encoding="utf-8")
    G = load(tmp_path)
    sm = G.graph["import_report"].suggested_merges
    assert sm[["id_a", "id_b"]].values.tolist() == [["asso-velo-antony", "association-velo-antony"]]


def test_registry_only(tmp_path):
    shutil.copy(DATA / "actors_bom.csv", tmp_path / "actors.csv")
    G = load(tmp_path)
    assert G.number_of_nodes() == 5 and G.number_of_edges() == 0


def test_load_errors(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="no study file in this folder") as err:
        load(tmp_path)
    assert "Found: notes.txt" in str(err.value) and "acteurs.csv" in str(err.value)
    with pytest.raises(InputError, match="not found"):
        load(tmp_path / "missing")
    odd = tmp_path / "odd.csv"
    odd.write_text("foo;bar\n1;2\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell what this file holds"):
        load([odd])
    with pytest.raises(ValueError, match="unknown kind of file"):
        load({"budget": odd})


def test_public_names():
    assert alliances.load is load
    assert alliances.read_survey.__module__ == "alliances.io.survey"
    assert alliances.io.report.ImportReport.__name__ == "ImportReport"


# ----------------------------------------------------------------- the registry (read_actors)

def test_read_actors_bom_file_by_hand():
    from alliances.io.actors import read_actors

    reg = read_actors(DATA / "actors_bom.csv")
    assert list(reg.index) == ["mairie-d-antony", "asso-velo-antony", "tiers-lieu-la-fabrique",
                               "jean-dupont", "caf"]
    m = reg.loc["mairie-d-antony"]
    assert (m["label"], m["sector"], m["kind"], m["territory"], m["themes"], m["aliases"],
            m["line"], m["email"]) == (
        "Mairie d'Antony", "public", "organisation", "Antony", ("mobilité", "urbanisme"),
        ("Ville d'Antony", "Commune d'Antony"), 2, "contact@antony.fr")
    assert reg.loc["jean-dupont", "territory"] == "None"  # text, not a missing value
    assert reg.loc["caf", "territory"] == "007"
    assert reg.loc["jean-dupont", "kind"] == "person"
    r = reg.attrs["import_report"]
    assert (r.rows_read, r.actors, r.unknown_sectors) == (5, 5, 1)


def test_read_actors_duplicates_kinds_and_errors(tmp_path):
    from alliances.io.actors import read_actors

    p = tmp_path / "actors.csv"
    p.write_text("nom;secteur;type;alias\nCAF;public;robot;\ncaf;association;;CAF 92\n",
                 encoding="utf-8")
    reg = read_actors(p)
    assert list(reg.index) == ["caf"]
    assert reg.loc["caf", "sectors"] == ("public", "association")
    assert reg.loc["caf", "aliases"] == ("CAF 92",)
    probs = reg.attrs["import_report"].problems[["line", "column", "value"]].values.tolist()
    assert probs == [[2, "type", "robot"], [3, "nom", "caf"]]

    p.write_text("nom;alias\nA;X\nB;x\n", encoding="utf-8")
    with pytest.raises(InputError, match='alias "x" is given to two actors') as err:
        read_actors(p)
    assert (err.value.line, err.value.column) == (3, "alias")

    p.write_text("nom;alias\nA;B\nB;\n", encoding="utf-8")
    with pytest.raises(InputError, match='is the name of another actor'):
        read_actors(p)

    p.write_text("acteurs;secteur\nA;public\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_actors(p)
    assert 'no "name" column' in str(err.value)
    assert 'Columns found: acteurs, secteur. The closest header is "acteurs"' in str(err.value)


# ----------------------------------------------------------------- networks made elsewhere (issue 13, 3b)

NETWORKS = Path(__file__).parent / "data" / "io" / "networks"


def test_load_gephi_tables_named_edges_and_nodes(tmp_path):
    shutil.copy(NETWORKS / "gephi_edges.csv", tmp_path / "edges.csv")
    shutil.copy(NETWORKS / "gephi_nodes.csv", tmp_path / "nodes.csv")
    G = load(tmp_path)
    assert set(G) == {"mairie-d-antony", "association-velo-antony", "velo-co", "lycee-descartes"}
    assert G.edges["association-velo-antony", "mairie-d-antony", "tie"]["weight"] == 3.0
    assert {k: Path(v).name for k, v in G.graph["files"].items()} == {
        "ties": "edges.csv", "actors": "nodes.csv"}
    r = G.graph["import_report"]
    assert r.sources == ["edges.csv", "nodes.csv"] and r.unaccounted == 0
    assert r.rows_read == 4 + 4  # each edge row and each node row, once


def test_load_sniffs_an_unnamed_edge_list(tmp_path):
    (tmp_path / "export_igraph.csv").write_text(
        "from,to,directed\nCAF,Mairie,TRUE\n", encoding="utf-8")
    G = load([tmp_path / "export_igraph.csv"])
    assert sorted(G.edges(keys=True)) == [("caf", "mairie", "tie")]
    assert G.nodes["caf"]["respondent"] and not G.nodes["mairie"]["respondent"]


def test_load_network_file_in_a_folder_and_in_a_dict(tmp_path):
    shutil.copy(NETWORKS / "karate.net", tmp_path / "karate.net")
    assert load(tmp_path).number_of_nodes() == 34
    G = load({"ties": NETWORKS / "policy" / "ties.csv", "actors": NETWORKS / "policy" / "actors.csv"})
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 9


def test_load_ties_with_a_survey_share_the_registry(tmp_path):
    # the registry's aliases resolve the names of the edge list as they do the survey's
    (tmp_path / "acteurs.csv").write_text(
        "nom;secteur;alias\nMairie d'Antony;public;Ville d'Antony\nAsso Vélo;association;\n",
        encoding="utf-8")
    (tmp_path / "enquete.csv").write_text("structure;partenaire\nAsso Vélo;Ville d'Antony\n",
                                          encoding="utf-8")
    (tmp_path / "ties.csv").write_text(
        "source;target;relation;directed\nVille d'Antony;Asso Vélo;funding;TRUE\n",
        encoding="utf-8")
    G = load(tmp_path)
    assert sorted(G.edges(keys=True)) == [("asso-velo", "mairie-d-antony", "collaboration"),
                                          ("mairie-d-antony", "asso-velo", "funding")]
    r = G.graph["import_report"]
    assert r.rows_read == 2 + 1 + 1 and r.unaccounted == 0  # registry rows counted once
    assert G.edges["mairie-d-antony", "asso-velo", "funding"]["origin"] == "network"


def test_load_ties_refusing_ids_absent_from_the_node_list(tmp_path):
    (tmp_path / "actors.csv").write_text("id,name\nA1,Mairie\nA2,CAF\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source,target,directed\nX1,X2,TRUE\nA1,A2,TRUE\n"
                                       "X3,A1,TRUE\n", encoding="utf-8")
    with pytest.raises(InputError, match="not in the node list"):
        load(tmp_path)
    (tmp_path / "ties.csv").write_text("source,target,directed\nA1,A2,TRUE\nA2,A1,TRUE\n"
                                       "X3,A1,TRUE\n", encoding="utf-8")
    G = load(tmp_path)  # one tie of three to an unknown id: skipped and said, no phantom actor
    assert set(G) == {"mairie", "caf"}
    r = G.graph["import_report"]
    assert r.skipped.values.tolist() == [["ties.csv", 4, "'X3' is not in the node list"]]


def test_load_edge_list_naming_the_actors_of_a_registry(tmp_path):
    # no id column: the actor list is the registry, its aliases resolve the ties' names
    (tmp_path / "acteurs.csv").write_text(
        "nom;secteur;alias\nMairie d'Antony;public;Ville d'Antony\nAsso Vélo;association;\n"
        "CAF;public;\n", encoding="utf-8")
    (tmp_path / "ties.csv").write_text("source;target;directed\nVille d'Antony;Asso Vélo;TRUE\n",
                                       encoding="utf-8")
    G = load(tmp_path)
    assert sorted(G.edges(keys=True)) == [("mairie-d-antony", "asso-velo", "tie")]
    assert dict(G.nodes(data="sector")) == {"mairie-d-antony": "public",
                                            "asso-velo": "association", "caf": "public"}
    r = G.graph["import_report"]
    assert (r.rows_read, r.unaccounted) == (4, 0)
    assert r.merged_names.values.tolist() == [["mairie-d-antony", "Ville d'Antony",
                                               "registry alias"]]


# --------------------------------------------------------------------------- unzipped exports
# tests/data/io/platforms/dossier_*: a KoboToolbox / ODK export unzipped into a folder (written
# by limesurvey_kobo_make.py from each tool's documented layout; sources in the README there).

PLATFORMS = DATA / "platforms"
MAIRIE, VELO, ATELIERS = "mairie-de-plaisance", "velo-plaisance", "ateliers-insertion-co"
FABRIQUE, CAF, BUS = "tiers-lieu-la-fabrique", "caf-du-gers", "plaisance-mobilite-bus-tad"
# the study of limesurvey_kobo_make.py: (weight, trust) by hand from its answers
FULL = {
    (MAIRIE, VELO, "collaboration"): (2.0, 1.0), (MAIRIE, ATELIERS, "funding"): (3.0, 0.5),
    (MAIRIE, BUS, "collaboration"): (4.0, 0.75), (VELO, MAIRIE, "information"): (3.0, 0.75),
    (VELO, FABRIQUE, "collaboration"): (4.0, 1.0), (ATELIERS, MAIRIE, "conflict"): (2.0, 0.25),
    (ATELIERS, CAF, "funding"): (1.0, 0.5), (FABRIQUE, VELO, "collaboration"): (4.0, 1.0),
}
# each tie's row in the repeat group's file (line 1 is its header)
REPEAT_LINES = {(MAIRIE, VELO): 2, (MAIRIE, ATELIERS): 3, (MAIRIE, BUS): 4, (VELO, MAIRIE): 5,
                (VELO, FABRIQUE): 6, (ATELIERS, MAIRIE): 7, (ATELIERS, CAF): 8,
                (FABRIQUE, VELO): 9}
FOLDERS = {  # folder: (main file, repeat group's file)
    "dossier_kobo": ("enquete.csv", "enquete-partenaires.csv"),
    "dossier_kobocat": ("reseau_plaisance.csv", "partenaires.csv"),
    "dossier_odk": ("reseau_plaisance.csv", "reseau_plaisance-contacts.csv"),
}


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_an_unzipped_export_is_one_survey_with_its_repeat_group_joined(folder):
    main, repeat = FOLDERS[folder]
    G = load(PLATFORMS / folder)
    assert {(u, v, k): (d["weight"], d["trust"]) for u, v, k, d in G.edges(keys=True, data=True)
            } == FULL
    for (u, v, _), line in ((k, REPEAT_LINES[k[:2]]) for k in FULL):
        assert [(e.file, e.line) for e in G.edges[u, v, _]["evidence"]] == [(repeat, line)]
    report = G.graph["import_report"]
    assert report.sources == ["acteurs.csv", main, repeat]
    # 8 registry rows + 9 repeat rows (Fabrique -> CAF "jamais": read, no tie)
    assert (report.rows_read, report.rows_used, report.rows_skipped) == (17, 16, 1)
    assert report.rows_read == report.rows_used + report.rows_skipped
    assert {k: Path(v).name for k, v in G.graph["files"].items()} == {
        "actors": "acteurs.csv", "survey": main}
    actions = report.problems["action"].tolist()
    assert any(f"repeat group {repeat} joined to {main}" in a for a in actions)
    assert not any("not read" in a and repeat in a for a in actions)  # read, not "not read"


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_an_unzipped_export_given_as_files(folder):
    main, repeat = FOLDERS[folder]
    here = PLATFORMS / folder
    G = load([here / "acteurs.csv", here / repeat, here / main])
    assert G.number_of_edges() == len(FULL)
    assert G.graph["import_report"].sources == ["acteurs.csv", main, repeat]


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_a_repeat_groups_file_alone_names_its_main_file(folder, tmp_path):
    main, repeat = FOLDERS[folder]
    shutil.copy(PLATFORMS / folder / repeat, tmp_path / repeat)
    with pytest.raises(InputError, match="repeat group") as err:
        load({"survey": tmp_path / repeat})  # alone: no main file to name
    assert "Give the main file" in err.value.message and "here:" not in err.value.message
    shutil.copy(PLATFORMS / folder / main, tmp_path / main)
    with pytest.raises(InputError, match="repeat group") as err:
        load({"survey": tmp_path / repeat})
    # the call the message prints reads the survey when copied
    call = err.value.message.split("here: ", 1)[1].split(", or ", 1)[0]
    assert call == f"read_survey({str(tmp_path / main)!r})"
    G = eval(call, {"read_survey": alliances.read_survey})  # the message's own call
    assert G.number_of_edges() == len(FULL)


def test_two_different_surveys_in_a_folder_are_still_refused(tmp_path):
    # last year's survey beside this year's, "enquete-2023.csv": no parent column, no
    # repeat group of enquete.csv; refused as before, naming both files
    for name in ("enquete.csv", "enquete-2023.csv"):
        shutil.copy(DATA / "exports" / "gforms_fr.csv", tmp_path / name)
    with pytest.raises(InputError, match=r"two survey files in the folder \(enquete-2023.csv "
                                         r"and enquete.csv\)"):
        load(tmp_path)
    # and the same beside a real repeat group: the pair is one survey, the other a second
    for name in FOLDERS["dossier_kobo"]:
        shutil.copy(PLATFORMS / "dossier_kobo" / name, tmp_path / name)
    with pytest.raises(InputError, match="two survey files in the folder"):
        load(tmp_path)


def test_main_file_of_each_naming(tmp_path):
    from alliances.io.platforms.kobo import main_file_of, repeat_files_of

    for folder, (main, repeat) in FOLDERS.items():
        assert main_file_of(PLATFORMS / folder / repeat) == PLATFORMS / folder / main
        assert main_file_of(PLATFORMS / folder / main) is None
        assert repeat_files_of(PLATFORMS / folder / main) == [PLATFORMS / folder / repeat]
    # a repeat group inside a repeat group: its parent is the outer group's file; root=True
    # goes up to the survey's main file
    for name in ("reseau_plaisance.csv", "partenaires.csv"):
        shutil.copy(PLATFORMS / "dossier_kobocat" / name, tmp_path / name)
    (tmp_path / "partenaires_actions.csv").write_text(
        "partenaires/actions/action,_index,_parent_table_name,_parent_index\n"
        "atelier,1,partenaires,2\n", encoding="utf-8")
    assert main_file_of(tmp_path / "partenaires_actions.csv") == tmp_path / "partenaires.csv"
    assert main_file_of(tmp_path / "partenaires_actions.csv",
                        root=True) == tmp_path / "reseau_plaisance.csv"
    # ODK Briefcase / Central: repeat group Z inside the non-repeat group Y of form X is
    # X-Y-Z.csv; a form id holding a "-" keeps it (the longest prefix naming a main file)
    odk = PLATFORMS / "dossier_odk"
    for main, repeat in (("X.csv", "X-Y-Z.csv"), ("reseau-2024.csv", "reseau-2024-contacts.csv")):
        shutil.copy(odk / "reseau_plaisance.csv", tmp_path / main)
        shutil.copy(odk / "reseau_plaisance-contacts.csv", tmp_path / repeat)
        assert main_file_of(tmp_path / repeat) == tmp_path / main
    shutil.copy(odk / "reseau_plaisance.csv", tmp_path / "reseau.csv")  # "reseau-2024" wins
    assert main_file_of(tmp_path / "reseau-2024-contacts.csv") == tmp_path / "reseau-2024.csv"


def test_a_file_beside_a_hand_made_survey_is_no_repeat_group(tmp_path):
    # enquete-contacts.csv has PARENT_KEY but enquete.csv no KEY: not one export, and never
    # read as one (its rows would be silently left out): two surveys, refused
    shutil.copy(DATA / "exports" / "gforms_fr.csv", tmp_path / "enquete.csv")
    shutil.copy(PLATFORMS / "dossier_odk" / "reseau_plaisance-contacts.csv",
                tmp_path / "enquete-contacts.csv")
    from alliances.io.platforms.kobo import main_file_of

    assert main_file_of(tmp_path / "enquete-contacts.csv") is None
    with pytest.raises(InputError, match="two survey files in the folder"):
        load(tmp_path)
