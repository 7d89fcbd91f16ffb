"""Tests of alliances.privacy: keyed pseudonyms, data minimisation, consent."""

from __future__ import annotations

import copy
import hashlib
import hmac
import os
import re
import stat

import networkx as nx
import pytest

from alliances.model import Evidence, tie_sign
from alliances.privacy import code_for, new_key, pseudonymize, read_key

KEY = "k" * 8 + "0123456789abcdef"  # 24 bytes
OTHER_KEY = "another key, also long enough"

PEOPLE = {"marie-dupont": "Marie Dupont", "paul-martin": "Paul Martin",
          "jeanne-leroy": "Jeanne Leroy", "ali-ben-salah": "Ali Ben Salah"}


def _graph(reverse: bool = False) -> nx.MultiDiGraph:
    nodes = [
        ("mairie", dict(label="Mairie d'Antony", kind="organisation", sector="public",
                        sectors=("public",), email="contact@mairie.example",
                        notes="maire très impliqué", aliases=("Ville d'Antony",), consent="oui")),
        ("asso-velo", dict(label="Asso Vélo", kind="organisation", sector="association",
                           sectors=("association",), territory="Antony", themes=("vélo",))),
        ("marie-dupont", dict(label="Marie Dupont", kind="person", sector="citizen",
                              sectors=("citizen",), territory="Sceaux", themes=("eau",),
                              respondent=True, email="marie@example.org",
                              notes="rencontrée au forum", aliases=("M. Dupont",),
                              Téléphone="06 00 00 00 00", consent="Oui")),
        ("paul-martin", dict(label="Paul Martin", kind="person", sector="association",
                             respondent=True, consent="Non")),
        ("jeanne-leroy", dict(label="Jeanne Leroy", kind="person", sector="association",
                              respondent=False, consent="refusé")),
        ("ali-ben-salah", dict(label="Ali Ben Salah", kind="person", sector="research",
                               respondent=False, consent=None)),
    ]
    edges = [
        ("marie-dupont", "mairie", "trust", dict(relation="trust", weight=1.0, trust=0.8, sign=1,
                                                  origin="interview",
                                                  evidence=(Evidence("C:\\Users\\moi\\entretiens.csv", 4,
                                                                     "je leur fais confiance"),),
                                                  interviewee="Marie Dupont",
                                                  verbatim="je leur fais confiance")),
        ("marie-dupont", "asso-velo", "collaboration",
         dict(relation="collaboration", weight=3.0, trust=None, sign=1, origin="survey",
              evidence=(Evidence("/home/moi/enquete/survey.csv", 7),))),
        ("paul-martin", "mairie", "collaboration",
         dict(relation="collaboration", weight=2.0, trust=0.5, sign=1, origin="survey",
              evidence=(Evidence("survey.csv", 9),))),
        ("jeanne-leroy", "mairie", "collaboration",
         dict(relation="collaboration", weight=4.0, trust=1.0, sign=1, origin="survey",
              evidence=(Evidence("survey.csv", 11),))),
        ("paul-martin", "jeanne-leroy", "information",
         dict(relation="information", weight=1.0, trust=None, sign=1, origin="survey",
              evidence=())),
        ("mairie", "paul-martin", "conflict",
         dict(relation="conflict", weight=1.0, trust=None, sign=-1, origin="interview",
              evidence=(Evidence("int.csv", 2, "on ne s'entend pas"),))),
        ("asso-velo", "ali-ben-salah", "information",
         dict(relation="information", weight=2.0, trust=None, sign=1, origin="survey",
              evidence=())),
        ("mairie", "asso-velo", "funding",
         dict(relation="funding", weight=1.0, trust=None, sign=1, origin="table", evidence=())),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    G = nx.MultiDiGraph(name="Antony", import_report="rows with Marie Dupont, Paul Martin...")
    for n, d in nodes:
        G.add_node(n, **d)
    for u, v, k, d in edges:
        G.add_edge(u, v, key=k, **d)
    return G


def _snapshot(G):
    return (copy.deepcopy(dict(G.graph)), [(n, copy.deepcopy(d)) for n, d in G.nodes(data=True)],
            [(u, v, k, copy.deepcopy(d)) for u, v, k, d in G.edges(keys=True, data=True)])


def _codes(H):
    return sorted(n for n in H if re.fullmatch(r"[POX]-[0-9a-f]+", str(n)))


# --------------------------------------------------------------------------- codes

def test_codes_format_and_organisations_kept():
    H = pseudonymize(_graph(), key=KEY, consent=None)
    codes = _codes(H)
    assert len(codes) == 4
    assert all(re.fullmatch(r"P-[0-9a-f]{12}", c) for c in codes)
    assert {"mairie", "asso-velo"} <= set(H)
    assert H.nodes["mairie"]["label"] == "Mairie d'Antony"
    assert H.nodes["mairie"]["aliases"] == ("Ville d'Antony",)  # organisations keep aliases
    assert H.number_of_nodes() == 6 and H.number_of_edges() == 8
    for c in codes:
        assert H.nodes[c]["label"] == c
    code = code_for("marie-dupont", key=KEY)
    assert H.nodes[code]["sector"] == "citizen"
    assert H.nodes[code]["territory"] == "Sceaux" and H.nodes[code]["themes"] == ("eau",)
    assert H.has_edge(code, "mairie", "trust")


def test_same_key_same_codes_whatever_the_order():
    a = pseudonymize(_graph(), key=KEY)
    b = pseudonymize(_graph(reverse=True), key=KEY)
    assert set(a.nodes) == set(b.nodes)
    assert set(a.edges(keys=True)) == set(b.edges(keys=True))
    assert code_for("marie-dupont", key=KEY) in a
    # bytes key equal to the text key gives the same codes
    c = pseudonymize(_graph(), key=KEY.encode())
    assert set(c.nodes) == set(a.nodes)


def test_different_key_different_codes():
    a = set(_codes(pseudonymize(_graph(), key=KEY, consent=None)))
    b = set(_codes(pseudonymize(_graph(), key=OTHER_KEY, consent=None)))
    assert len(a) == len(b) == 4
    assert a.isdisjoint(b)


def test_dictionary_attack_finds_nothing():
    H = pseudonymize(_graph(), key=KEY, consent=None)
    digests = {c.split("-", 1)[1] for c in _codes(H)}
    guesses = set()
    for node, name in PEOPLE.items():
        for text in (node, name, name.lower(), name.upper(), "alliances-pseudonym-v1\x00" + node):
            data = text.encode()
            for algo in ("md5", "sha1", "sha224", "sha256", "sha512", "blake2b", "sha3_256"):
                guesses.add(hashlib.new(algo, data).hexdigest()[:12])
            for guess_key in (b"", data, b"alliances", b"secret", b"0" * 16):
                for message in (data, b"alliances-pseudonym-v1\x00" + data):
                    guesses.add(hmac.new(guess_key, message, hashlib.sha256).hexdigest()[:12])
    assert len(guesses) > 300
    assert digests.isdisjoint(guesses)
    # the right key does recompute them: that is why the key must stay secret
    right = {hmac.new(KEY.encode(), b"alliances-pseudonym-v1\x00" + n.encode(),
                      hashlib.sha256).hexdigest()[:12] for n in PEOPLE}
    assert right == digests


def test_collisions_get_longer_codes(monkeypatch):
    import alliances.privacy as privacy

    monkeypatch.setattr(privacy, "_CODE_HEX", 1)  # 16 possible codes for 40 people
    G = nx.MultiDiGraph()
    for i in range(40):
        G.add_node(f"person-{i}", kind="person")
    G.add_edge("person-0", "person-1", key="collaboration")
    H = pseudonymize(G, key=KEY, consent=None)
    assert H.number_of_nodes() == 40
    assert H.number_of_edges() == 1
    lengths = {len(n) - 2 for n in H}
    assert min(lengths) >= 1 and max(lengths) > 1
    assert set(H) == set(pseudonymize(G, key=KEY, consent=None))  # still deterministic


def test_kinds_organisation_codes_organisations():
    H = pseudonymize(_graph(), key=KEY, kinds=("person", "organisation"), consent=None)
    assert len(_codes(H)) == 6
    o = code_for("mairie", key=KEY, kind="organisation")
    assert o.startswith("O-") and H.nodes[o]["label"] == o
    assert "aliases" not in H.nodes[o]
    H2 = pseudonymize(_graph(), key=KEY, kinds="organisation", consent=None)  # a lone string
    assert "marie-dupont" in H2 and "mairie" not in H2


# --------------------------------------------------------------------------- minimisation

def test_private_attributes_and_quotes_dropped():
    H = pseudonymize(_graph(), key=KEY, consent=None)
    marie = code_for("marie-dupont", key=KEY)
    assert H.nodes[marie] == {"label": marie, "kind": "person", "sector": "citizen",
                              "sectors": ("citizen",), "territory": "Sceaux",
                              "themes": ("eau",), "respondent": True}
    assert "email" not in H.nodes["mairie"] and "notes" not in H.nodes["mairie"]
    assert "consent" not in H.nodes["mairie"]
    trust = H.edges[marie, "mairie", "trust"]
    assert trust["evidence"] == (Evidence("entretiens.csv", 4, None),)
    assert "verbatim" not in trust
    assert trust["interviewee"] == marie  # a person's name elsewhere becomes their code
    assert H.edges[marie, "asso-velo", "collaboration"]["evidence"] == (Evidence("survey.csv", 7),)
    rec = H.graph["privacy"]
    assert rec["quotes_removed"] == 2
    assert {"email", "notes", "aliases", "Téléphone", "verbatim", "graph:import_report"} <= \
        set(rec["attributes_dropped"])
    assert "import_report" not in H.graph
    assert H.graph["name"] == "Antony"
    assert KEY not in repr(H.graph) and KEY not in repr(list(H.nodes(data=True)))


def test_drop_options():
    H = pseudonymize(_graph(), key=KEY, drop=(), consent=None)
    marie = code_for("marie-dupont", key=KEY)
    assert H.edges[marie, "mairie", "trust"]["evidence"] == (
        Evidence("entretiens.csv", 4, "je leur fais confiance"),)
    assert H.graph["privacy"]["quotes_removed"] == 0
    H = pseudonymize(_graph(), key=KEY, drop=("evidence", "territory", "themes"), consent=None)
    assert all("evidence" not in d for *_, d in H.edges(keys=True, data=True))
    assert all("territory" not in d and "themes" not in d for _, d in H.nodes(data=True))
    H = pseudonymize(_graph(), key=KEY, keep=("notes",), consent=None)
    assert "notes" not in H.nodes[marie]  # notes are contact data, dropped whatever keep says


# --------------------------------------------------------------------------- consent

def test_consent_remove():
    H = pseudonymize(_graph(), key=KEY)
    assert code_for("paul-martin", key=KEY) not in H
    assert code_for("jeanne-leroy", key=KEY) not in H
    assert code_for("ali-ben-salah", key=KEY) in H  # not recorded: kept, coded
    assert H.number_of_nodes() == 4
    assert H.number_of_edges() == 4  # 8 ties minus the 4 touching Paul or Jeanne
    rec = H.graph["privacy"]
    assert rec["non_consenting"] == {"attribute": "consent", "rule": "remove", "actors": 2,
                                     "ties_removed": 4}
    assert rec["consent_not_recorded"] == 2  # Asso Vélo and Ali
    assert rec["pseudonymised"] == 2


@pytest.mark.parametrize("value", ["Non", "NO", "false", "FAUX", "0", 0, 0.0, "n", "N", False,
                                   "Refusé", " non "])
def test_refusal_values(value):
    G = nx.MultiDiGraph()
    G.add_node("x", kind="person", consent=value)
    G.add_node("y", kind="organisation", consent="oui")
    G.add_edge("x", "y", key="trust")
    H = pseudonymize(G, key=KEY)
    assert list(H) == ["y"] and H.number_of_edges() == 0


@pytest.mark.parametrize("value", ["Oui", "yes", "TRUE", "1", 1, True, "o", "y", "", None,
                                   float("nan")])
def test_consent_or_unknown_values_keep_the_actor(value):
    G = nx.MultiDiGraph()
    G.add_node("x", kind="person", consent=value)
    H = pseudonymize(G, key=KEY)
    assert list(H) == [code_for("x", key=KEY)]


def test_unreadable_consent_lists_every_problem():
    G = nx.MultiDiGraph()
    G.add_node("x", label="X", kind="person", consent="peut-être")
    G.add_node("y", label="Y", kind="person", consent=7)
    with pytest.raises(ValueError, match=r"2 actor\(s\).*X: 'peut-être'.*Y: 7"):
        pseudonymize(G, key=KEY)


def test_consent_aggregate():
    H = pseudonymize(_graph(), key=KEY, non_consenting="aggregate")
    agg = "non-consenting-association"
    assert agg in H
    node = H.nodes[agg]
    assert node["label"] == "non-consenting (association)"
    assert node["members"] == 2 and node["kind"] == "person" and node["aggregate"] is True
    assert node["internal_ties"] == 1  # Paul -> Jeanne information
    assert node["respondent"] is True
    # Paul (weight 2, trust .5) and Jeanne (weight 4, trust 1) both collaborate with the Mairie
    tie = H.edges[agg, "mairie", "collaboration"]
    assert tie["count"] == 2 and tie["weight"] == 6.0 and tie["trust"] == 0.75
    assert tie["evidence"] == (Evidence("survey.csv", 9), Evidence("survey.csv", 11))
    conflict = H.edges["mairie", agg, "conflict"]
    assert conflict["count"] == 1 and conflict["sign"] == -1
    assert conflict["evidence"] == (Evidence("int.csv", 2),)
    assert H.number_of_nodes() == 5  # 4 kept + 1 group
    assert H.number_of_edges() == 6  # 8 - 1 internal - 1 merged
    assert H.graph["privacy"]["non_consenting"]["groups"] == {"non-consenting (association)": 2}


def test_aggregate_group_of_one_warns():
    from alliances.errors import AlliancesWarning

    G = nx.MultiDiGraph()
    G.add_node("x", kind="person", sector="research", consent="non")
    G.add_edge("x", "mairie", key="trust")
    with pytest.warns(AlliancesWarning, match=r"non-consenting \(research\): a group of one"):
        H = pseudonymize(G, key=KEY, non_consenting="aggregate")
    assert H.nodes["non-consenting-research"]["members"] == 1


def test_custom_consent_attribute_is_honoured_and_dropped():
    G = nx.MultiDiGraph()
    G.add_node("x", kind="person", accord="non")
    G.add_node("y", kind="person", accord="oui")
    H = pseudonymize(G, key=KEY, consent="accord")
    y = code_for("y", key=KEY)
    assert list(H) == [y]
    assert "accord" not in H.nodes[y]


def test_consent_and_aliases_from_the_registry():
    import pandas as pd

    G = nx.MultiDiGraph()
    G.add_node("x", label="Xavier Roux", kind="person")
    G.add_node("y", label="Yasmine Sow", kind="person", consent="non")
    G.add_node("mairie", kind="organisation")
    G.add_edge("x", "mairie", key="trust", contact_name="X. Roux")
    G.add_edge("y", "mairie", key="trust")
    registry = pd.DataFrame(
        {"label": ["Xavier Roux", "Yasmine Sow", "Zoé"], "consent": ["oui", "oui", "non"],
         "aliases": [("X. Roux",), (), ()]},
        index=pd.Index(["x", "y", "z"], name="id"))
    H = pseudonymize(G, key=KEY, actors=registry)
    x, y = code_for("x", key=KEY), code_for("y", key=KEY)
    assert sorted(H) == sorted([x, y, "mairie"])  # the registry's "oui" wins for y
    assert H.edges[x, "mairie", "trust"]["contact_name"] == x  # alias caught
    registry.loc["x", "consent"] = "non"
    H = pseudonymize(G, key=KEY, actors=registry.reset_index())
    assert sorted(H) == sorted(["mairie", y])


def test_consent_ignored_and_bad_options():
    H = pseudonymize(_graph(), key=KEY, consent=None)
    assert H.number_of_nodes() == 6 and "non_consenting" not in H.graph["privacy"]
    with pytest.raises(ValueError, match="non_consenting"):
        pseudonymize(_graph(), key=KEY, non_consenting="keep")


# --------------------------------------------------------------------------- safety

def test_input_not_mutated():
    G = _graph()
    before = _snapshot(G)
    pseudonymize(G, key=KEY, non_consenting="aggregate")
    pseudonymize(G, key=KEY, kinds=("person", "organisation"), drop=("evidence",))
    assert _snapshot(G) == before


def test_analyses_still_run():
    G = _graph()
    H = pseudonymize(G, key=KEY, consent=None)
    mapping = {n: code_for(n, key=KEY) if n in PEOPLE else n for n in G}
    bg = nx.betweenness_centrality(nx.DiGraph(G))
    bh = nx.betweenness_centrality(nx.DiGraph(H))
    assert {mapping[n]: v for n, v in bg.items()} == pytest.approx(bh)
    pg = nx.pagerank(nx.DiGraph(G), alpha=0.85)
    ph = nx.pagerank(nx.DiGraph(H), alpha=0.85)
    assert {mapping[n]: v for n, v in pg.items()} == pytest.approx(ph)
    from alliances.analysis.views import tie_graph

    T = tie_graph(H)
    assert T.number_of_nodes() == 6
    assert nx.number_weakly_connected_components(T) == 1


def test_simple_graph_input_and_tiny_graphs():
    G = nx.Graph()
    G.add_node("a", kind="person")
    G.add_edge("a", "b", relation="co-participation")
    H = pseudonymize(G, key=KEY)
    a = code_for("a", key=KEY)
    assert isinstance(H, nx.MultiDiGraph)
    assert set(H.edges(keys=True)) == {(a, "b", "co-participation"), ("b", a, "co-participation")}
    for tiny in (nx.MultiDiGraph(), nx.MultiDiGraph([("x", "x")])):
        assert pseudonymize(tiny, key=KEY).number_of_nodes() == tiny.number_of_nodes()


def test_ties_are_read_by_the_graph_contract_whatever_the_graph_type():
    import pandas as pd

    registry = pd.DataFrame({"consent": ["oui", None]}, index=pd.Index(["a", "b"], name="id"))
    # a plain graph: each tie keyed by its relation (the contract's "tie" when it names none),
    # with or without the actor registry (the registry used to make it fail)
    for actors in (None, registry):
        G = nx.DiGraph()
        G.add_node("a", kind="person")
        G.add_edge("a", "b")
        G.add_edge("b", "a", relation="funding")
        H = pseudonymize(G, key=KEY, actors=actors)
        a = code_for("a", key=KEY)
        assert set(H.edges(keys=True)) == {(a, "b", "tie"), ("b", a, "funding")}
    # a MultiDiGraph keeps its keys, with or without the registry (a key without a relation
    # attribute used to become "collaboration")
    for actors in (None, registry):
        M = nx.MultiDiGraph()
        M.add_edge("a", "b", key="trust", trust=0.5)
        M.add_edge("a", "b", key="conflict")
        H = pseudonymize(M, key=KEY, actors=actors)
        assert set(H.edges(keys=True)) == {("a", "b", "trust"), ("a", "b", "conflict")}


def test_missing_consent_values_are_not_recorded_answers():
    import numpy as np
    import pandas as pd

    G = _graph()
    nx.set_node_attributes(G, {"mairie": pd.NaT, "asso-velo": np.float32("nan"),
                               "marie-dupont": pd.NA}, "consent")
    H = pseudonymize(G, key=KEY)  # pd.NaT used to be refused as "neither yes nor no"
    assert {"mairie", "asso-velo"} <= set(H)
    assert H.graph["privacy"]["consent_not_recorded"] == 4  # the three, and ali-ben-salah


def test_merged_ties_read_weight_trust_and_sign_by_the_contract():
    G = nx.MultiDiGraph()
    for person in ("p1", "p2"):
        G.add_node(person, kind="person", sector="citizen", consent="non")
        G.add_edge(person, "mairie", key="collaboration", weight=float("nan"), trust=float("nan"),
                   sign=-2)
        G.add_edge(person, "mairie", key="conflict")  # unsigned: negative by its relation
    H = pseudonymize(G, key=KEY, non_consenting="aggregate")
    group = next(n for n, d in H.nodes(data=True) if d.get("aggregate"))
    merged = H.edges[group, "mairie", "collaboration"]
    assert merged["count"] == 2 and merged["weight"] == 2.0  # NaN weight: the default 1.0 each
    assert "trust" not in merged and merged["sign"] == -1  # NaN trust: missing, left out; -2 is negative: -1
    conflict = H.edges[group, "mairie", "conflict"]
    assert conflict["count"] == 2 and tie_sign(conflict, "conflict") == -1


# --------------------------------------------------------------------------- keys

def test_keys(tmp_path):
    with pytest.raises(ValueError, match="at least 16"):
        pseudonymize(_graph(), key="short")
    with pytest.raises(TypeError):
        pseudonymize(_graph(), key=12345678901234567890)
    path = tmp_path / "alliances.key"
    key = new_key(path)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert read_key(path) == key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with pytest.raises(FileExistsError):
        new_key(path)
    a = pseudonymize(_graph(), key=path)  # a path is read as a key file
    b = pseudonymize(_graph(), key=key)
    assert set(a) == set(b)
    assert a.graph["privacy"]["key_id"] == b.graph["privacy"]["key_id"]
    assert a.graph["privacy"]["key_id"] != pseudonymize(_graph(), key=KEY).graph["privacy"]["key_id"]
    empty = tmp_path / "empty.key"
    empty.write_text("\n")
    with pytest.raises(ValueError, match="empty"):
        read_key(empty)


def test_participation_lists_carry_codes_not_names():
    """G.graph["events"] names participants by id: each becomes its code, refusers are dropped."""
    G = nx.MultiDiGraph()
    G.add_node("marie-dupont", label="Marie Dupont", kind="person", sector="citizen")
    G.add_node("paul-martin", label="Paul Martin", kind="person", sector="citizen", consent=False)
    G.add_node("mairie", label="Mairie", kind="organisation", sector="public")
    G.add_edge("marie-dupont", "mairie", key="co-participation")
    G.graph["events"] = {"Atelier vélo": {"event_type": "workshop", "date": "2026-03-04",
                                          "place": "Tiers-lieu", "location": None,
                                          "place_type": "third place",
                                          "participants": ("marie-dupont", "paul-martin", "mairie")}}
    H = pseudonymize(G, key=KEY)
    code = code_for("marie-dupont", key=KEY)
    record = H.graph["events"]["Atelier vélo"]
    assert record["participants"] == (code, "mairie")  # Paul refused: removed with his node
    assert record["place_type"] == "third place" and record["date"] == "2026-03-04"
    assert set(record["participants"]) <= set(H.nodes)
    text = repr(H.graph["events"])
    assert "marie-dupont" not in text and "paul-martin" not in text
    assert G.graph["events"]["Atelier vélo"]["participants"][0] == "marie-dupont"  # input unchanged
