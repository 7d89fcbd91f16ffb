"""read_affiliations: hand-checked cases and networkx's weighted projection on Davis."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from alliances.errors import InputError
from alliances.io.affiliations import read_affiliations
from alliances.model import actor_id

DATA = Path(__file__).parent / "data" / "io"


def test_long_affiliations_by_hand():
    G = read_affiliations(DATA / "affiliations.csv")
    assert sorted(G.nodes) == ["asso-velo-antony", "caf", "mairie-d-antony"]
    # 3 pairs, two arcs each
    assert G.number_of_edges() == 6
    w = {(u, v): d["weight"] for u, v, d in G.edges(data=True)}
    assert w[("mairie-d-antony", "asso-velo-antony")] == w[("asso-velo-antony", "mairie-d-antony")] == 2.0
    assert w[("mairie-d-antony", "caf")] == w[("asso-velo-antony", "caf")] == 1.0
    tie = G.edges["mairie-d-antony", "asso-velo-antony", "co-participation"]
    assert tie["events"] == ("Atelier mobilité", "Comité vélo")
    assert [e.line for e in tie["evidence"]] == [2, 3, 5, 6]
    assert (tie["origin"], tie["sign"]) == ("affiliation", 1)
    assert G.nodes["caf"]["events"] == ("Comité vélo",)
    assert G.graph["events"]["Comité vélo"] == {
        "event_type": "committee", "date": "2024-01-10", "place": None, "location": None,
        "place_type": None, "participants": ("asso-velo-antony", "caf", "mairie-d-antony")}
    r = G.graph["import_report"]
    assert r.rows_read == 7
    assert r.skipped["line"].tolist() == [7, 8]
    assert "counted once" in r.skipped["reason"][0]


def test_matrix_affiliations_by_hand():
    G = read_affiliations(DATA / "affiliations_matrix.csv")
    assert sorted(G.nodes) == ["asso-velo-antony", "caf", "mairie-d-antony",
                               "tiers-lieu-la-fabrique"]
    assert G.degree("tiers-lieu-la-fabrique") == 0
    assert G.edges["asso-velo-antony", "mairie-d-antony", "co-participation"]["weight"] == 2.0
    assert G.edges["caf", "mairie-d-antony", "co-participation"]["events"] == ("Comité vélo",)
    assert "Forum" in G.graph["events"] and G.graph["events"]["Forum"]["participants"] == ()
    assert G.graph["import_report"].skipped["line"].tolist() == [5]


def test_davis_southern_women_equals_networkx_weighted_projection(tmp_path):
    B = nx.davis_southern_women_graph()
    women, events = B.graph["top"], B.graph["bottom"]
    rows = ["name;" + ";".join(events)]
    rows += [w + ";" + ";".join("x" if B.has_edge(w, e) else "" for e in events) for w in women]
    p = tmp_path / "davis.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    G = read_affiliations(p)
    P = bipartite.weighted_projected_graph(B, women)
    expected = {frozenset((actor_id(u), actor_id(v))): float(d["weight"])
                for u, v, d in P.edges(data=True)}
    got = {frozenset((u, v)): d["weight"] for u, v, d in G.edges(data=True)}
    assert got == expected
    assert G.number_of_edges() == 2 * P.number_of_edges()  # reciprocal arcs
    assert G.number_of_nodes() == len(women) == 18
    # Evelyn and Theresa shared 7 events (Davis, Gardner & Gardner 1941)
    assert got[frozenset(("evelyn-jefferson", "theresa-anderson"))] == 7.0
    tie = G.edges["evelyn-jefferson", "theresa-anderson", "co-participation"]
    assert len(tie["events"]) == 7


def test_long_layout_davis_same_as_matrix(tmp_path):
    B = nx.davis_southern_women_graph()
    p = tmp_path / "davis_long.csv"
    p.write_text("actor,event\n" + "".join(f"{w},{e}\n" for w, e in sorted(B.edges())
                                            if w in B.graph["top"]), encoding="utf-8")
    G = read_affiliations(p)
    P = bipartite.weighted_projected_graph(B, B.graph["top"])
    assert sorted(d["weight"] for _, _, d in G.edges(data=True)) == sorted(
        float(d["weight"]) for _, _, d in P.edges(data=True) for _ in (0, 1))


def test_missing_event_column(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("acteur\nA\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "event" column') as err:
        read_affiliations(p)
    assert "Columns found: acteur" in str(err.value)
    p.write_text("qui;événement\nA;B\n", encoding="utf-8")
    with pytest.raises(InputError, match='no "actor" column'):
        read_affiliations(p, layout="long")
