"""Issue 16: the network reader's sentences (edge lists, GEXF, GraphML, Pajek, UCINET DL, Kumu) in French.

``alliances.io.networks`` writes its skip reasons, problem actions, tool
names, column roles and ``InputError`` messages as
:class:`alliances.i18n.Message`: English ``str`` for code and logs, said in
French by ``ImportReport.text("fr")`` / ``to_html("fr")`` and
``InputError.text("fr")``. The files are those of ``tests/data/io/networks``
(README.md there says where each comes from) and tiny files written here.
Suggested calls are fields: the French advice prints the same Python, which
is run here.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import networkx as nx
import pytest
from tests.test_i18n import english_words, strip
from tests.test_i18n_import import (
    assert_french_report_holds_no_english,
    code_out,
    message_fields,
)

import alliances
import alliances.io.report
from alliances.errors import InputError
from alliances.i18n import Message
from alliances.io.networks import read_network

DATA = Path(__file__).parent / "data" / "io" / "networks"

#: (file, keyword arguments) of every network file of the data folder that reads as it is
READS = [
    ("gephi_export.gexf", {}), ("yed_undirected.graphml", {}), ("karate.net", {}),
    ("arcs_relations.net", {}), ("sampson.dat", {}), ("ucinet_edgelist.dl", {}),
    ("ucinet_fullmatrix.dl", {}), ("kumu_blueprint.xlsx", {}), ("egor_alters.csv", {}),
    ("statnet_ij.csv", {"directed": True}), ("zachary_edges.tsv", {"directed": False}),
    ("gephi_edges.csv", {"actors": DATA / "gephi_nodes.csv"}),
    ("policy/ties.csv", {"actors": DATA / "policy" / "actors.csv"}),
]


def read(name: str, **kwargs) -> nx.MultiDiGraph:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_network(DATA / name, **kwargs)


def raised(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value


def error_english(err: InputError) -> list[str]:
    """English words of the French error, once its path and its message's fields are taken out."""
    data = sorted({str(err.path or "")} | message_fields(err.message), key=len, reverse=True)
    return english_words(code_out(strip(err.text("fr"), [s for s in data if s])))


# --------------------------------------------------------------------------- whole reports

@pytest.mark.parametrize(("name", "kwargs"), READS, ids=[n for n, _ in READS])
def test_french_report_of_each_network_file_holds_no_english(name, kwargs):
    G = read(name, **kwargs)
    assert_french_report_holds_no_english(G)
    # every sentence the reader wrote is a Message (a plain str would be shown in English)
    r = G.graph["import_report"]
    for column in (r.skipped["reason"], r.problems["action"]):
        for v in column:
            assert isinstance(v, Message), v


def test_edge_list_report_sentences_in_french_and_english_kept():
    G = read("policy/ties.csv", actors=DATA / "policy" / "actors.csv")
    r = G.graph["import_report"]
    fr = r.text("fr")
    assert "  ties.csv : reconnu comme liste de liens" in fr
    assert ("  - ties.csv, ligne 8 : lien vers soi-même : de 'INRAE Île-de-France' à "
            "'INRAE Île-de-France' ; aucun lien") in fr
    # the option to copy is a field: the same Python in French
    assert ("  - actors.csv : « BUS, CIT, GOV, RES » : types gardés tels qu'écrits (ils ne "
            'nomment aucun secteur) ; donnez leurs secteurs avec sectors={"CODE": '
            '"public authority", ...}') in fr
    assert ("  - ties.csv, ligne 1 : « year » : colonnes sans correspondance dans le graphe des "
            "acteurs ; laissées de côté") in fr
    assert ("actors.csv, ligne 1, colonne « level » : colonne de la liste des nœuds sans "
            "correspondance dans le graphe des acteurs ; laissée de côté") in fr
    assert "self-tie" not in fr and "not mapped" not in fr
    # English unchanged for code and logs
    assert r.skipped["reason"].tolist() == ["self-tie: 'INRAE Île-de-France' to itself; no tie"]
    assert r.formats["tool"].tolist() == ["edge list"]
    assert "  ties.csv: recognised as edge list" in r.text("en")


def test_graph_file_and_matrix_sentences_in_french():
    gexf = read("gephi_export.gexf").graph["import_report"]
    assert ("  - gephi_export.gexf : « Modularity Class » : attributs des nœuds sans "
            "correspondance dans le graphe des acteurs ; laissés de côté") in gexf.text("fr")
    dl = read("ucinet_fullmatrix.dl").graph["import_report"]
    assert ("  - ucinet_fullmatrix.dl, ligne 8 : ligne de la matrice sans aucun lien (que des "
            "zéros)") in dl.text("fr")
    pajek = read("arcs_relations.net").graph["import_report"]
    assert ("  - arcs_relations.net : 1 valeur négative lue comme un lien négatif (signe -1), "
            "le poids étant la valeur absolue") in pajek.text("fr")
    assert pajek.problems["action"].tolist() == [
        "1 negative value read as a negative tie (sign -1), the weight being the absolute value"]


def test_negative_values_plural_and_zero_value_in_french(tmp_path):
    p = tmp_path / "ties.csv"
    p.write_text("source,target,weight\nA,B,-1\nB,C,-2\nC,A,0\n", encoding="utf-8")
    r = read_network(p, directed=True).graph["import_report"]
    fr = r.text("fr")
    assert "2 valeurs négatives lues comme des liens négatifs (signe -1)" in fr
    assert "ties.csv, ligne 4 : valeur 0 : aucun lien" in fr
    assert r.skipped["reason"].tolist() == ["value 0: no tie"]


def test_column_roles_and_tool_in_french():
    kumu = read("kumu_blueprint.xlsx").graph["import_report"].text("fr")
    assert "    - 'To' : cible" in kumu and "    - 'Strength' : poids" in kumu
    assert ("    - (par défaut) : directed=True : le choix par défaut de Kumu pour une connexion "
            "sans Direction") in kumu
    assert "Kumu's default" not in kumu
    pajek = read("arcs_relations.net").graph["import_report"]
    assert ("    - '*Edges :1 \"collaboration\"' : liens non orientés"
            in pajek.text("fr"))
    assert pajek.formats["roles"][0]['*Edges :1 "collaboration"'] == "undirected ties"
    gexf = read("gephi_export.gexf").graph["import_report"].text("fr")
    assert "    - 'weight' : poids du lien" in gexf and "    - (le graphe) : orienté" in gexf


def test_tool_names_in_french():
    kumu = read("kumu_blueprint.xlsx").graph["import_report"]
    assert "kumu_blueprint.xlsx [Connections] : reconnu comme projet Kumu" in kumu.text("fr")
    assert kumu.formats["tool"].tolist() == ["Kumu blueprint"]
    gephi = read("gephi_edges.csv", actors=DATA / "gephi_nodes.csv").graph["import_report"]
    assert "gephi_edges.csv : reconnu comme table des liens de Gephi" in gephi.text("fr")


# --------------------------------------------------------------------------- errors

def test_missing_direction_in_french_keeps_the_calls_that_work():
    err = raised(alliances.load, DATA / "edges_from_to.csv")
    fr = err.text("fr")
    assert fr.startswith(f"{DATA / 'edges_from_to.csv'}, ligne 2, colonne « directed » : "
                         "impossible de savoir si chaque ligne est la déclaration d'un répondant")
    assert "le fichier n'a pas de colonne directed, Type ou Direction. Précisez-le : " in fr
    assert fr.endswith("avec read_network, passez directed=True ou directed=False")
    calls = re.findall(r"alliances\.load\(.*?network_options=\{[^{}]*\}\)", fr)
    assert calls == re.findall(r"alliances\.load\(.*?network_options=\{[^{}]*\}\)", str(err))
    assert len(calls) == 2 and '"directed": False' in calls[1]
    G = eval(calls[1], {"alliances": alliances})  # the French advice, as printed
    assert G.has_edge("association-velo-antony", "mairie-d-antony")
    assert G.has_edge("mairie-d-antony", "association-velo-antony")
    assert error_english(err) == [], fr


def test_empty_directed_cells_singular_and_plural(tmp_path):
    p = tmp_path / "ties.csv"
    p.write_text("source,target,directed\nA,B,\nA,C,\n", encoding="utf-8")
    err = raised(read_network, p)
    assert "la colonne « directed » est vide sur 2 lignes" in err.text("fr")
    assert 'the "directed" column is empty on 2 rows' in str(err)
    calls = re.findall(r"alliances\.load\(.*?network_options=\{[^{}]*\}\)", err.text("fr"))
    assert eval(calls[0], {"alliances": alliances}).has_edge("a", "c")
    p.write_text("source,target,directed\nA,B,true\nA,C,\n", encoding="utf-8")
    err = raised(read_network, p)
    assert "la colonne « directed » est vide sur 1 ligne." in err.text("fr")
    assert error_english(err) == []


def test_cell_errors_in_french(tmp_path):
    p = tmp_path / "ties.csv"
    p.write_text("source,target,directed\nA,B,peut-être\n", encoding="utf-8")
    err = raised(read_network, p)
    assert err.text("fr").endswith(
        "'peut-être' ne dit pas si le lien est orienté ; écrivez true / false, oui / non (ou "
        "directed / undirected)")
    assert (err.line, err.column) == (2, "directed")
    p.write_text("source,target,weight\nA,B,beaucoup\n", encoding="utf-8")
    err = raised(read_network, p, directed=True)
    assert err.text("fr").endswith("le poids 'beaucoup' n'est pas un nombre")
    assert str(err).endswith("weight 'beaucoup' is not a number")


def test_not_an_edge_list_in_french(tmp_path):
    p = tmp_path / "liens.csv"
    p.write_text("origine,partenaire\nA,B\n", encoding="utf-8")
    err = raised(read_network, p)
    fr = err.text("fr")
    assert ("ce n'est pas une liste de liens : aucune paire de colonnes source et cible "
            "(source/target, from/to, ego/alter, i/j). Colonnes trouvées : origine, partenaire. "
            'Nommez-les ainsi, ou passez columns={"votre en-tête de source": "source", '
            '"votre en-tête de cible": "target"}') in fr
    assert error_english(err) == [], fr
    # what the advice says works
    G = read_network(p, columns={"origine": "source", "partenaire": "target"}, directed=True)
    assert G.has_edge("a", "b")


def test_node_list_errors_and_skips_in_french(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name\nA1,Mairie\nA2,CAF\nA1,Doublon\n,Sans id\n", encoding="utf-8")
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target,directed\nX1,X2,TRUE\nA1,A2,TRUE\nX3,A1,TRUE\n",
                    encoding="utf-8")
    err = raised(read_network, ties, actors=actors)
    assert ("2 liens renvoient à des acteurs absents de la liste des nœuds actors.csv : la source "
            "et la cible des liens doivent être les identifiants de la liste des nœuds (ou ses "
            "libellés)") in err.text("fr")
    assert error_english(err) == []
    ties.write_text("source,target,directed\nA1,A2,TRUE\nX3,A1,TRUE\n", encoding="utf-8")
    r = read_network(ties, actors=actors).graph["import_report"]
    fr = r.text("fr")
    assert "ties.csv, ligne 3 : 'X3' n'est pas dans la liste des nœuds" in fr
    assert "actors.csv, ligne 4 : identifiant 'A1' déjà présent ligne 2" in fr
    assert "actors.csv, ligne 5 : pas d'identifiant sur cette ligne" in fr
    assert r.unaccounted == 0


@pytest.mark.parametrize(("text", "french"), [
    ("dl nr=2 nc=3 format=fullmatrix\ndata:\n1 0 1\n0 1 1\n",
     "un fichier UCINET biparti (nr= nc=) : les lignes et les colonnes sont des ensembles "
     "différents (acteurs et événements), pas un graphe d'acteurs ; écrivez-le comme une matrice "
     "de participations et utilisez read_affiliations"),
    ("dl n=3 format=fullmatrix\nlabels:\nA,B\ndata:\n0 1 0\n0 0 1\n1 0 0\n",
     "2 libellés pour n=3 acteurs"),
    ("dl n=3 format=fullmatrix\nlabels:\nA\ndata:\n0 1 0\n0 0 1\n1 0 0\n",
     "1 libellé pour n=3 acteurs"),
    ("dl n=2 format=linkedlist\ndata:\n1 2\n",
     "le format UCINET 'linkedlist' n'est pas lu ; utilisez fullmatrix, edgelist1 ou nodelist1 "
     "(le menu Data > Export > DL d'UCINET les écrit)"),
    ("dl format=fullmatrix\ndata:\n0 1\n1 0\n",
     "pas de n= dans l'en-tête DL (le nombre d'acteurs)"),
    ("dl n=2 format=fullmatrix\ndata:\n0 1\n",
     "les données s'arrêtent avant la ligne 2 de la matrice 1"),
    ("dl n=2 format=edgelist1\ndata:\n1 5\n", "le numéro d'acteur 5 est hors de 1..n=2"),
    ("dl n=2 format=fullmatrix\ndata:\n0 1 1\n1 0\n",
     "cette ligne de la matrice a 3 valeurs pour 2 acteurs"),
])
def test_ucinet_errors_in_french(tmp_path, text, french):
    p = tmp_path / "net.dl"
    p.write_text(text, encoding="utf-8")
    err = raised(read_network, p)
    assert err.text("fr").endswith(french), err.text("fr")
    assert error_english(err) == [], err.text("fr")


def test_pajek_errors_and_notes_in_french(tmp_path):
    p = tmp_path / "two.net"
    p.write_text("*Vertices 5 2\n1 A\n2 B\n3 C\n4 E1\n5 E2\n*Edges\n1 4\n", encoding="utf-8")
    err = raised(read_network, p)
    assert err.text("fr").endswith(
        "un réseau Pajek biparti (*Vertices n n1) : des acteurs et des événements, pas un graphe "
        "d'acteurs ; écrivez-le comme une liste de participations et utilisez read_affiliations")
    assert "two-mode" in str(err)
    q = tmp_path / "part.net"
    q.write_text('*Vertices 3\n1 "A"\n2 "B"\n3 "C"\n*Partition\n1\n2\n1\n*Matrix\n0 1 0\n0 0 1\n'
                 "1 0 0\n", encoding="utf-8")
    fr = read_network(q).graph["import_report"].text("fr")
    assert ("part.net, ligne 5 : « *Partition » : section Pajek non lue (elle ne fait pas partie "
            "du graphe des acteurs)") in fr
    m = tmp_path / "bad.net"
    m.write_text('*Vertices 3\n*Matrix\n0 1 0\n0 1\n', encoding="utf-8")
    err = raised(read_network, m)
    assert err.text("fr").endswith("cette ligne de la matrice a 2 valeurs pour 3 acteurs")
    assert str(err).endswith("this matrix row has 2 values for 3 actors")


def test_file_errors_in_french(tmp_path):
    err = raised(read_network, tmp_path / "absent.gexf")
    where = str(tmp_path / "absent.gexf")
    assert err.text("fr") == f"{where} : fichier introuvable : {where} ; vérifiez le nom et le dossier"
    bad = tmp_path / "broken.graphml"
    bad.write_text("<graphml><graph", encoding="utf-8")
    err = raised(read_network, bad)
    assert err.text("fr").startswith(f"{bad} : impossible de lire ce fichier GraphML : ")
    assert str(err).startswith(f"{bad}: cannot read this GraphML file: ")
