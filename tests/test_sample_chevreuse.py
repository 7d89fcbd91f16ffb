"""The chevreuse-sprint sample: files, planted co-participation effect, events and places.

The planted effect is recomputed here from the raw CSV rows (csv module and
networkx distances), independently of the generator's own measurement and of
alliances' analyses, and compared with ``expected.json``.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from alliances import samples
from alliances.io.actors import read_actors
from alliances.io.affiliations import EVENT_KEYS, read_affiliations
from alliances.model import actor_id, canonical_sector

REPO = Path(__file__).resolve().parents[1]
NAME = "chevreuse-sprint"


@pytest.fixture(scope="module")
def exp() -> dict:
    return samples.expected(NAME)


def rows(rel: str, exp: dict) -> list[dict[str, str]]:
    """Rows of a sample file, read strictly in its declared encoding and delimiter."""
    fmt = exp["files"][rel]
    text = (samples.path(NAME) / rel).read_bytes().decode(fmt["encoding"])
    assert "\ufffd" not in text and "Ã" not in text
    table = list(csv.reader(text.splitlines(), delimiter=fmt["delimiter"]))
    for i, r in enumerate(table[1:], start=2):
        assert len(r) == len(table[0]), (rel, i)
    return [dict(zip(table[0], r, strict=True)) for r in table[1:]]


def test_committed_files_are_the_generator_output(tmp_path):
    script = REPO / "data" / "samples" / "_make_chevreuse.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True,
                   capture_output=True, env={"PYTHONHASHSEED": "11", "PATH": ""})
    made = sorted(p.relative_to(tmp_path / NAME) for p in (tmp_path / NAME).rglob("*")
                  if p.is_file())
    assert [str(p) for p in made] == ["actors.csv", "expected.json", "survey.csv",
                                      "wave2/actors.csv", "wave2/affiliations.csv",
                                      "wave2/survey.csv"]
    for rel in made:
        assert (tmp_path / NAME / rel).read_bytes() == (samples.path(NAME) / rel).read_bytes(), rel


def test_actors_of_the_case(exp):
    reg = rows("actors.csv", exp)
    assert 45 <= len(reg) <= 60
    worlds = defaultdict(list)
    for r in reg:
        worlds[canonical_sector(r["Secteur"].split("|")[0])].append(r["Nom"])
    assert set(worlds) == {"public", "company", "intermediary", "association", "research",
                           "citizen"}
    assert sum(n.startswith("Communauté") for n in worlds["public"]) == 6  # 6 groups of communes
    assert "Parc naturel régional de la Haute Vallée de Chevreuse" in worlds["public"]
    assert len(worlds["company"]) >= 15
    multi = [actor_id(r["Nom"]) for r in reg if len(r["Secteur"].split("|")) > 1]
    assert multi == exp["hybrids_declared"] == ["atelier-bois-savoirs"]
    reg2 = {actor_id(r["Nom"]) for r in rows("wave2/actors.csv", exp)}
    assert sorted(reg2 - {actor_id(r["Nom"]) for r in reg}) == exp["new_actors_wave2"]
    assert (samples.path(NAME) / "README.md").is_file()


def _measure(exp: dict, events: list[str]) -> dict:
    reg1, reg2 = rows("actors.csv", exp), rows("wave2/actors.csv", exp)
    alias = {actor_id(a): actor_id(r["Nom"]) for r in reg1 for a in r["Alias"].split("|") if a}

    def rid(name):
        return alias.get(actor_id(name), actor_id(name))

    world = {actor_id(r["Nom"]): canonical_sector(r["Secteur"].split("|")[0]) for r in reg1}
    both = sorted(set(world) & {actor_id(r["Nom"]) for r in reg2})

    def ties(rel):
        return {frozenset((rid(r["Structure"]), rid(r["Partenaire"]))) for r in rows(rel, exp)
                if r["Type de relation"] != "Conflit"}

    t1, t2 = ties("survey.csv"), ties("wave2/survey.csv")
    g1 = nx.Graph(tuple(p) for p in t1)
    g1.add_nodes_from(both)
    dist = dict(nx.all_pairs_shortest_path_length(g1))
    members = defaultdict(set)
    for r in rows("wave2/affiliations.csv", exp):
        members[r["Événement"]].add(rid(r["Acteur"]))
    counts = {True: defaultdict(lambda: [0, 0]), False: defaultdict(lambda: [0, 0])}
    for a, b in combinations(both, 2):
        pair = frozenset((a, b))
        if pair in t1:
            continue
        exposed = any(pair <= members[e] for e in events)
        stratum = (tuple(sorted((world[a], world[b]))), dist[a].get(b, -1))
        counts[exposed][stratum][0] += 1
        counts[exposed][stratum][1] += pair in t2
    comparable = {s: v for s, v in counts[False].items() if s in counts[True]}
    return {"pairs_together": sum(v[0] for v in counts[True].values()),
            "new_ties_together": sum(v[1] for v in counts[True].values()),
            "pairs_comparable": sum(v[0] for v in comparable.values()),
            "new_ties_comparable": sum(v[1] for v in comparable.values()),
            "strata": len(comparable)}


def test_planted_effect_recomputed_from_the_rows(exp):
    planted = exp["planted_effect"]
    hands_on = planted["events_with_effect"]
    assert sorted(hands_on) == sorted(e for e, d in exp["events"].items()
                                      if d["planted_effect"] == "boost")
    for name in hands_on:
        assert exp["events"][name]["place_type"] == "third place"
        assert exp["events"][name]["hands_on"] is True
    got = _measure(exp, hands_on)
    want = exp["measured"]["hands_on_in_third_places"]
    assert got == {k: want[k] for k in got}
    rate_together = got["new_ties_together"] / got["pairs_together"]
    rate_comparable = got["new_ties_comparable"] / got["pairs_comparable"]
    assert rate_together > 5 * rate_comparable  # markedly higher: the plant shows
    assert rate_together > 0.3 and rate_comparable < 0.08
    for event, want in exp["measured"]["per_event"].items():
        got = _measure(exp, [event])
        assert got == {k: want[k] for k in got}, event
    committee = exp["measured"]["per_event"]["Comité de suivi du SPRINT"]
    assert exp["events"]["Comité de suivi du SPRINT"]["planted_effect"] == "none"
    assert abs(committee["rate_together"] - committee["rate_comparable"]) < 0.05


def test_events_read_with_the_registry(exp):
    w2 = samples.path(NAME, wave=2)
    A = read_affiliations(w2 / "affiliations.csv", actors=read_actors(w2 / "actors.csv"))
    report = A.graph["import_report"]
    assert report.problems.empty  # every type, place type and date is readable
    assert report.rows_read == report.rows_used + report.rows_skipped == 114
    assert set(A.graph["events"]) == set(exp["events"])
    for name, rec in A.graph["events"].items():
        want = exp["events"][name]
        assert tuple(rec) == EVENT_KEYS
        assert (rec["event_type"], rec["place"], rec["location"], rec["place_type"]) == (
            want["event_type"], want["place"], want["location"], want["place_type"]), name
        assert len(rec["participants"]) == want["participants"]
        assert rec["date"].startswith("2025-")
    assert "pnr-haute-vallee-de-chevreuse" not in A  # the alias is the park
    park = "parc-naturel-regional-de-la-haute-vallee-de-chevreuse"
    assert park in A.graph["events"]["Collaborathon de la Vallée"]["participants"]
    world = {n: d["sector"] for n, d in A.nodes(data=True)}
    for kind, want in exp["place_types"].items():
        gathered = {world[p] for e in want["events"] for p in A.graph["events"][e]["participants"]}
        assert sorted(gathered) == want["worlds"], kind
        assert all(A.graph["events"][e]["place_type"] == kind for e in want["events"])


def test_load_both_waves():
    G1 = samples.load(NAME)
    assert "events" not in G1.graph  # the events are after wave 1
    assert not any(k == "co-participation" for _, _, k in G1.edges(keys=True))
    G2 = samples.load(NAME, wave=2)
    assert len(G2.graph["events"]) == 9
    assert any(k == "co-participation" for _, _, k in G2.edges(keys=True))
    assert G2.nodes["atelier-bois-savoirs"]["sectors"] == ("company", "research")
    for G in (G1, G2):
        assert G.graph["import_report"].unaccounted == 0
