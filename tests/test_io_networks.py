"""Networks made elsewhere (issue 13, section 3b): edge lists, Gephi, Kumu, GEXF, GraphML, Pajek, UCINET.

Each file of ``tests/data/io/networks/`` (README.md there says where each
format description and each real dataset comes from) is read with the
natural call and compared with the graph written out by hand: every tie, its
relation, weight and sign, and no phantom actor. The same file without what
it needs gives an InputError whose suggested call is executed here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import alliances
from alliances.errors import InputError
from alliances.io.networks import edge_list_columns, is_network_file, read_network

DATA = Path(__file__).parent / "data" / "io" / "networks"

POLICY_SECTORS = {"GOV": "public authority", "NGO": "association", "BUS": "company",
                  "RES": "research", "CIT": "citizen"}


def ties(G: nx.MultiDiGraph) -> set[tuple]:
    """Every arc as (source, target, relation, weight, sign)."""
    return {(u, v, k, d["weight"], d["sign"]) for u, v, k, d in G.edges(keys=True, data=True)}


def both(u: str, v: str, rel: str, w: float = 1.0, s: int = 1) -> set[tuple]:
    return {(u, v, rel, w, s), (v, u, rel, w, s)}


def suggested_calls(err: InputError) -> list[str]:
    return re.findall(r"alliances\.(?:load|io\.networks\.read_network)\(.*?"
                      r"(?:network_options=\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|directed=\w+)\)",
                      str(err))


def run(call: str) -> nx.MultiDiGraph:
    return eval(call, {"alliances": alliances})  # the advice, exactly as printed


def accounted(G: nx.MultiDiGraph) -> None:
    r = G.graph["import_report"]
    assert r.unaccounted == 0
    assert r.rows_read == r.rows_used + r.rows_skipped


# --------------------------------------------------------------------------- policy survey

PREF, CD, ENE, CA, INRAE, COLL = ("prefecture-de-l-essonne", "conseil-departemental-de-l-essonne",
                                  "essonne-nature-environnement", "chambre-d-agriculture",
                                  "inrae-ile-de-france", "collectif-vallee-de-l-orge")
POLICY_TIES = ({(PREF, CD, "collaboration", 3.0, 1), (CD, PREF, "collaboration", 2.0, 1),
                (CD, ENE, "funding", 1.0, 1), (CA, INRAE, "information", 1.0, 1),
                (ENE, CA, "conflict", 1.0, -1)}
               | both(ENE, COLL, "collaboration", 2.0) | both(COLL, CD, "information"))


def test_policy_survey_folder_with_sector_codes():
    G = alliances.load(DATA / "policy", network_options={"sectors": POLICY_SECTORS})
    assert ties(G) == POLICY_TIES
    assert dict(G.nodes(data="sector")) == {PREF: "public", CD: "public", ENE: "association",
                                            CA: "company", INRAE: "research", COLL: "citizen"}
    assert G.nodes[PREF]["label"] == "Préfecture de l'Essonne"
    # respondents: the sources of directed rows (INRAE's only row names itself: no tie)
    assert {n for n, r in G.nodes(data="respondent") if r} == {PREF, CD, ENE, CA}
    ev = G.edges[ENE, CA, "conflict"]["evidence"]
    assert [(e.file, e.line) for e in ev] == [("ties.csv", 7)]
    r = G.graph["import_report"]
    accounted(G)
    assert (r.rows_read, r.rows_skipped, r.self_nominations) == (14, 1, 1)
    assert r.skipped["line"].tolist() == [8]
    assert r.formats["roles"][0]["directed"] == "directed"
    assert r.formats["tool"].tolist() == ["edge list"]


def test_policy_codes_without_mapping_are_kept_and_reported():
    G = read_network(DATA / "policy" / "ties.csv", actors=DATA / "policy" / "actors.csv")
    assert ties(G) == POLICY_TIES
    assert G.nodes[PREF]["sector"] == "GOV" and G.nodes[COLL]["sector"] == "CIT"
    actions = " ".join(G.graph["import_report"].problems["action"])
    assert 'sectors={"CODE": "public authority", ...}' in actions


def test_policy_without_directed_column_asks_and_the_advice_works(tmp_path):
    lines = (DATA / "policy" / "ties.csv").read_text().splitlines()
    (tmp_path / "ties.csv").write_text("\n".join(",".join(c for i, c in enumerate(
        line.split(",")) if i != 3) for line in lines) + "\n")
    (tmp_path / "actors.csv").write_text((DATA / "policy" / "actors.csv").read_text())
    with pytest.raises(InputError) as err:
        alliances.load(tmp_path, network_options={"sectors": POLICY_SECTORS})
    calls = suggested_calls(err.value)
    assert len(calls) == 2 and '"directed": True' in calls[0] and '"directed": False' in calls[1]
    G = run(calls[0])  # the same load call, its sectors kept, directed= added
    assert (PREF, CD, "collaboration", 3.0, 1) in ties(G)
    assert G.nodes[PREF]["sector"] == "public"
    assert (COLL, ENE, "collaboration", 2.0, 1) not in ties(G)  # directed: one arc
    H = run(calls[1])
    assert both(ENE, COLL, "collaboration", 2.0) <= ties(H)
    accounted(G)


# --------------------------------------------------------------------------- Gephi, Kumu

MAIRIE, ASSO, VELO, LYCEE = ("mairie-d-antony", "association-velo-antony", "velo-co",
                             "lycee-descartes")


def test_gephi_edge_and_node_tables():
    G = read_network(DATA / "gephi_edges.csv", actors=DATA / "gephi_nodes.csv")
    assert ties(G) == ({(ASSO, MAIRIE, "tie", 3.0, 1), (MAIRIE, ASSO, "tie", 2.5, 1),
                        (LYCEE, MAIRIE, "tie", 1.0, -1)} | both(VELO, ASSO, "tie"))
    assert dict(G.nodes(data="sector")) == {MAIRIE: "public", ASSO: "association",
                                            VELO: "company", LYCEE: "research"}
    r = G.graph["import_report"]
    assert r.formats["tool"].tolist() == ["Gephi edge table"]
    assert "Id, Label" in r.problems["value"].tolist()  # reported, not mapped
    accounted(G)


def test_gephi_edges_alone_name_ids_as_actors():
    # without its node table the ids are all there is: actors n1..n4, said in the report
    G = read_network(DATA / "gephi_edges.csv")
    assert set(G) == {"n1", "n2", "n3", "n4"}


def test_kumu_blueprint():
    G = alliances.load(DATA / "kumu_blueprint.xlsx")
    assert ties(G) == ({(ASSO, MAIRIE, "collaboration", 3.0, 1),
                        (VELO, ASSO, "conflict", 1.0, -1)} | both(MAIRIE, VELO, "information"))
    assert dict(G.nodes(data="sector")) == {MAIRIE: "public", ASSO: "association",
                                            VELO: "company", LYCEE: None}
    roles = G.graph["import_report"].formats["roles"][0]
    assert roles["Strength"] == "weight" and roles["Type"] == "relation"
    assert "Kumu" in roles["(default)"]  # the blank Direction: Kumu's default, said
    accounted(G)


# --------------------------------------------------------------------------- edge lists of other code

def test_from_to_asks_for_direction_and_the_advice_works():
    with pytest.raises(InputError) as err:
        alliances.load(DATA / "edges_from_to.csv")
    assert err.value.line == 2
    G = run(suggested_calls(err.value)[0])
    assert ties(G) == {(MAIRIE, ASSO, "collaboration", 2.0, 1),
                       (ASSO, MAIRIE, "information", 1.0, 1),
                       (VELO, ASSO, "collaboration", 1.0, 1)}
    assert G.nodes[MAIRIE]["label"] == "Mairie d'Antony"  # "MAIRIE D'ANTONY": one actor
    assert len(G) == 3


def test_ego_alter_with_a_directed_column():
    G = read_network(DATA / "egor_alters.csv")
    m, r, c = ("mairie-de-morteau", "ressourcerie-du-haut-doubs",
               "communaute-de-communes-du-val-de-morteau")
    assert ties(G) == ({(m, r, "collaboration", 1.0, 1), (m, c, "funding", 1.0, 1)}
                       | both(r, m, "conflict", 1.0, -1))


def test_i_j_edge_list():
    G = read_network(DATA / "statnet_ij.csv", directed=True)
    assert ties(G) == {("1", "2", "tie", 1.0, 1), ("2", "3", "tie", 1.0, 1),
                       ("3", "1", "tie", 1.0, 1)}
    assert edge_list_columns(["i", "j"]) == {"source": "i", "target": "j"}


def test_data_frame_edge_list_advice_works():
    import pandas as pd

    frame = pd.DataFrame({"source": ["CAF", "Mairie"], "target": ["Mairie", "CAF"],
                          "weight": [2, None]})
    with pytest.raises(InputError) as err:
        read_network(frame)
    calls = suggested_calls(err.value)
    assert calls[1] == "alliances.io.networks.read_network(frame, directed=False)"
    G = eval(calls[1], {"alliances": alliances, "frame": frame})
    assert ties(G) == both("caf", "mairie", "tie", 2.0)  # one tie each way, merged: max weight


def test_unreadable_directed_cell_names_line_and_column(tmp_path):
    p = tmp_path / "ties.csv"
    p.write_text("source,target,directed\nA,B,true\nA,C,peut-être\n")
    with pytest.raises(InputError) as err:
        read_network(p)
    assert (err.value.line, err.value.column) == (3, "directed")


# --------------------------------------------------------------------------- Pajek, UCINET

def test_pajek_relations_arcs_edges_and_negative_values():
    G = alliances.load(DATA / "arcs_relations.net")
    assert ties(G) == ({(ASSO, MAIRIE, "collaboration", 3.0, 1),
                        (MAIRIE, ASSO, "collaboration", 2.0, 1),
                        (VELO, MAIRIE, "conflict", 1.0, -1),
                        (LYCEE, VELO, "information", 2.0, -1)}
                       | both(LYCEE, MAIRIE, "collaboration"))
    assert G.edges[LYCEE, VELO, "information"]["evidence"][0].line == 15
    accounted(G)


def test_real_pajek_karate_club_published_counts():
    # Zachary (1977): 34 members, 78 friendship ties (undirected: two arcs each)
    G = alliances.load(DATA / "karate.net")
    assert G.number_of_nodes() == 34
    assert len({frozenset((u, v)) for u, v in G.edges()}) == 78
    assert G.number_of_edges() == 156
    assert G.graph["import_report"].rows_read == 34 + 78
    accounted(G)


def test_real_edge_list_of_the_karate_club_gives_the_same_graph():
    with pytest.raises(InputError) as err:
        alliances.load(DATA / "zachary_edges.tsv")
    G = run(suggested_calls(err.value)[1])  # directed=False: a friendship is mutual
    K = alliances.load(DATA / "karate.net")
    assert ties(G) == ties(K)


def test_real_ucinet_sampson_published_counts():
    G = alliances.load(DATA / "sampson.dat")
    assert G.number_of_nodes() == 18
    counts = Counter(k for _, _, k in G.edges(keys=True))
    # the three waves of "liking" (ergm's samplk1..3: 55, 57 and 56 arcs)
    assert (counts["samplk1"], counts["samplk2"], counts["samplk3"]) == (55, 57, 56)
    assert len(counts) == 10
    accounted(G)


def test_ucinet_negative_relation_by_mapping():
    G = read_network(DATA / "sampson.dat", relations={"SAMPDLK": "conflict"})
    signs = {d["sign"] for _, _, k, d in G.edges(keys=True, data=True) if k == "conflict"}
    assert signs == {-1}
    assert sum(1 for _, _, k in G.edges(keys=True) if k == "conflict") == 47


def test_ucinet_edgelist_labels_embedded():
    G = alliances.load(DATA / "ucinet_edgelist.dl")
    assert ties(G) == {("avery", "jordan", "tie", 4.0, 1), ("jordan", "sam", "tie", 1.0, 1),
                       ("avery", "sam", "tie", 2.0, 1), ("riley", "avery", "tie", 1.0, -1)}


def test_ucinet_fullmatrix_labels():
    G = alliances.load(DATA / "ucinet_fullmatrix.dl")
    assert ties(G) == {("avery", "jordan", "tie", 1.0, 1), ("avery", "sam", "tie", 1.0, 1),
                       ("jordan", "avery", "tie", 1.0, 1), ("jordan", "riley", "tie", 1.0, 1),
                       ("riley", "avery", "tie", 1.0, 1)}
    assert G.graph["import_report"].skipped["reason"].tolist() == [
        "matrix row with no tie (all zeros)"]
    accounted(G)


def test_ucinet_two_mode_is_refused(tmp_path):
    p = tmp_path / "aff.dl"
    p.write_text("dl nr=2 nc=3 format=fullmatrix\ndata:\n1 0 1\n0 1 1\n")
    with pytest.raises(InputError, match="two-mode"):
        read_network(p)


# --------------------------------------------------------------------------- GEXF, GraphML

def test_gephi_gexf_export():
    G = alliances.load(DATA / "gephi_export.gexf")
    assert ties(G) == {(ASSO, MAIRIE, "collaboration", 3.0, 1),
                       (VELO, ASSO, "conflict", 1.0, -1)}
    assert dict(G.nodes(data="sector")) == {MAIRIE: "public", ASSO: "association",
                                            VELO: "company"}
    r = G.graph["import_report"]
    assert ["Modularity Class", "node attributes not mapped onto the actor graph; left out"] in \
        r.problems[["value", "action"]].values.tolist()
    assert G.edges[ASSO, MAIRIE, "collaboration"]["evidence"][0].line == 39


def test_graphml_undirected():
    G = alliances.load(DATA / "yed_undirected.graphml")
    m, r, c = "mairie-de-morteau", "ressourcerie-du-haut-doubs", "lycee-edgar-faure"
    assert ties(G) == both(m, r, "tie", 2.0) | both(r, c, "tie")
    assert dict(G.nodes(data="sector")) == {m: "public", r: "association", c: "research"}


def _plain(G: nx.MultiDiGraph) -> tuple:
    # None and absent mean the same (model.is_missing): compared without them
    nodes = {n: {k: v for k, v in d.items() if v is not None} for n, d in G.nodes(data=True)}
    edges = {(u, v, k): {a: b for a, b in d.items() if b is not None}
             for u, v, k, d in G.edges(keys=True, data=True)}
    return nodes, edges


@pytest.mark.parametrize("writer", ["write_gexf", "write_graphml"])
def test_alliances_graph_files_round_trip(tmp_path, writer):
    for name in ("antony-velo", "morteau-reemploi"):
        G = alliances.samples.load(name)
        path = getattr(alliances, writer)(G, tmp_path / f"{name}.{writer[6:]}")
        H = alliances.load(path)
        assert _plain(H) == _plain(G)


def test_is_network_file():
    assert is_network_file(DATA / "sampson.dat") and is_network_file(DATA / "karate.net")
    assert not is_network_file(DATA / "policy" / "ties.csv")


def test_kumu_blueprint_written_by_alliances_reads_back(tmp_path):
    # write_kumu -> load: every tie's relation, weight, sign and trust, every actor's sector
    from alliances.model import iter_ties

    for name in ("antony-velo", "sqy-rse"):
        G = alliances.samples.load(name)
        H = alliances.load(alliances.write_kumu(G, tmp_path / f"{name}.xlsx"))
        assert set(H) == set(G)
        assert ({(t.source, t.target, t.relation, t.weight, t.sign, t.trust) for t in iter_ties(H)}
                == {(t.source, t.target, t.relation, t.weight, t.sign, t.trust)
                    for t in iter_ties(G)})
        assert dict(H.nodes(data="sector")) == dict(G.nodes(data="sector"))


def test_pajek_lists_and_matrix(tmp_path):
    # Pajek manual: *Arcslist "1 2 3" = arcs 1->2 and 1->3; *Matrix: row i, column j = arc i->j
    p = tmp_path / "lists.net"
    p.write_text('*Vertices 3\n1 "A"\n2 "B"\n3 "C"\n*Arcslist\n1 2 3\n*Edgeslist\n2 3\n', encoding="utf-8")
    assert ties(read_network(p)) == ({("a", "b", "tie", 1.0, 1), ("a", "c", "tie", 1.0, 1)}
                                     | both("b", "c", "tie"))
    m = tmp_path / "matrix.net"
    m.write_text('*Vertices 3\n1 "A"\n2 "B"\n3 "C"\n*Matrix\n0 2 0\n0 0 -1\n0 0 0\n', encoding="utf-8")
    G = read_network(m)
    assert ties(G) == {("a", "b", "tie", 2.0, 1), ("b", "c", "tie", 1.0, -1)}
    assert G.graph["import_report"].unaccounted == 0


def test_ucinet_nodelist_and_absent_diagonal(tmp_path):
    p = tmp_path / "nodes.dl"
    p.write_text("DL N=3 FORMAT=NODELIST1\nLABELS:\nA,B,C\nDATA:\n1 2 3\n3 1\n", encoding="utf-8")
    assert ties(read_network(p)) == {("a", "b", "tie", 1.0, 1), ("a", "c", "tie", 1.0, 1),
                                     ("c", "a", "tie", 1.0, 1)}
    q = tmp_path / "nodiag.dl"
    q.write_text("dl n=3 format=fullmatrix diagonal=absent\nlabels:\nA B C\ndata:\n"
                 "1 0\n0 1\n1 0\n", encoding="utf-8")
    # each row lists the other actors only: A->B, B->C, C->A
    assert ties(read_network(q)) == {("a", "b", "tie", 1.0, 1), ("b", "c", "tie", 1.0, 1),
                                     ("c", "a", "tie", 1.0, 1)}
