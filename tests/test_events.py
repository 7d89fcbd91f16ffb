"""Tests for alliances.analysis.events: events(), places(), co_participation_effect() (issue 15).

Every reference value is computed by hand in the comments (fractions first,
then decimals) or by enumerating every possible attendance; the stratified
rate ratio is checked against the Mantel-Haenszel formula written out stratum
by stratum, and with one stratum against the plain risk ratio with Katz's log
interval.
"""

from __future__ import annotations

import copy
import math
import warnings
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import alliances
from alliances.analysis.events import (
    EFFECT_COLUMNS,
    EVENT_COLUMNS,
    NEW_TIE_COLUMNS,
    PLACE_COLUMNS,
    blau,
    blau_null,
    co_participation_effect,
    events,
    places,
)
from alliances.errors import InputError

Z95 = 1.959963984540054  # scipy.stats.norm.ppf(0.975)


# --------------------------------------------------------------------------- Blau's index and its null


def test_blau_by_hand():
    assert blau([2, 1]) == pytest.approx(1 - (4 / 9 + 1 / 9))  # 4/9
    assert blau([1, 1, 1]) == pytest.approx(1 - 3 * (1 / 9))  # 2/3
    assert blau([5]) == 0.0
    assert math.isnan(blau([1])) and math.isnan(blau([]))


def test_blau_null_tiny_cases_by_hand():
    # worlds of sizes (2, 1, 1), 2 drawn: 6 pairs; the one same-world pair has D = 0,
    # the 5 others D = 1 - 2 (1/2)^2 = 1/2. Mean 5/6 * 1/2 = 5/12;
    # E[D^2] = 5/6 * 1/4 = 5/24, var = 5/24 - 25/144 = 5/144, sd = sqrt(5)/12.
    mean, sd = blau_null([2, 1, 1], 2)
    assert mean == pytest.approx(5 / 12)
    assert sd == pytest.approx(math.sqrt(5) / 12)
    # 3 drawn from (2, 1, 1): 4 triples; {A, A, B} and {A, A, C} have D = 1 - (4 + 1)/9 = 4/9,
    # the two {A, B, C} have D = 1 - 3/9 = 2/3: mean 5/9, sd 1/9 (two values 1/9 from the mean)
    mean, sd = blau_null([2, 1, 1], 3)
    assert mean == pytest.approx(5 / 9)
    assert sd == pytest.approx(1 / 9)
    # everyone drawn: no variation
    mean, sd = blau_null([2, 1, 1], 4)
    assert mean == pytest.approx(blau([2, 1, 1])) and sd == 0.0
    assert all(math.isnan(x) for x in blau_null([2, 1], 1) + blau_null([2, 1], 4))


@pytest.mark.parametrize("population", [[3, 2, 2, 1], [4, 1], [2, 2, 2, 2, 1], [5]])
def test_blau_null_is_exact_against_every_attendance(population):
    actors = [s for s, k in enumerate(population) for _ in range(k)]
    for n in range(2, len(actors) + 1):
        values = []
        for subset in combinations(range(len(actors)), n):
            values.append(blau(np.bincount([actors[i] for i in subset], minlength=len(population))))
        mean, sd = blau_null(population, n)
        assert mean == pytest.approx(np.mean(values), abs=1e-12)
        assert sd == pytest.approx(np.std(values), abs=1e-9)


# --------------------------------------------------------------------------- events()


def territory() -> nx.MultiDiGraph:
    """Three worlds of three actors, each a triangle of strong collaboration, and four events.

    Cross ties: a3 -> c3 and c2 -> e2 (collaboration), a1 - e1 co-participation
    from the Atelier only, a1 - c1 co-participation from the Atelier and the Comité.
    """
    G = nx.MultiDiGraph()
    for world, prefix in (("public", "a"), ("company", "c"), ("association", "e")):
        ids = [f"{prefix}{i}" for i in (1, 2, 3)]
        for i in ids:
            G.add_node(i, sector=world, label=i.upper())
        for u, v in combinations(ids, 2):
            G.add_edge(u, v, key="collaboration", weight=3.0)
            G.add_edge(v, u, key="collaboration", weight=3.0)
    G.add_edge("a3", "c3", key="collaboration", weight=1.0)
    G.add_edge("c2", "e2", key="collaboration", weight=1.0)
    for u, v, evs in (("a1", "e1", ("Atelier",)), ("a1", "c1", ("Atelier", "Comité"))):
        for s, t in ((u, v), (v, u)):
            G.add_edge(s, t, key="co-participation", weight=float(len(evs)), events=evs)
    G.graph["events"] = {
        "Atelier": {"event_type": "workshop", "date": "2026-03-01", "place": "La Fabrik",
                    "place_type": "third place", "participants": ("a1", "c1", "e1")},
        "Comité": {"event_type": "committee", "date": "2026-02-01", "place": "Mairie",
                   "place_type": "institutional", "participants": ("a1", "a2", "c1")},
        "Solo": {"event_type": "meeting", "date": None, "place": "Mairie",
                 "place_type": "institutional", "participants": ("a3",)},
        "Vide": {"event_type": None, "date": None, "participants": ()},
    }
    return G


def test_events_values_by_hand():
    df = events(territory())
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert df.index.name == "event"
    # sorted by z descending, NaN last then by name
    assert list(df.index) == ["Atelier", "Comité", "Solo", "Vide"]
    # null: 3 drawn from worlds (3, 3, 3), C(9, 3) = 84 triples:
    #   27 with three worlds, D = 2/3; 54 with two, D = 1 - (4 + 1)/9 = 4/9; 3 with one, D = 0.
    #   E[D] = (27 * 2/3 + 54 * 4/9) / 84 = (18 + 24) / 84 = 1/2
    #   E[D^2] = (27 * 4/9 + 54 * 16/81) / 84 = (12 + 32/3) / 84 = 17/63
    #   var = 17/63 - 1/4 = 5/252
    sd = math.sqrt(5 / 252)
    at = df.loc["Atelier"]
    assert at["participants"] == 3 and at["worlds"] == 3
    assert at["participant_list"] == ("a1", "c1", "e1")
    assert at["world_list"] == ("association", "company", "public")  # one each: by name
    assert at["diversity"] == pytest.approx(2 / 3)
    assert at["expected_diversity"] == pytest.approx(1 / 2)
    assert at["diversity_z"] == pytest.approx((2 / 3 - 1 / 2) / sd)  # sqrt(1.4) = 1.1832
    assert at["diversity_z"] == pytest.approx(math.sqrt(1.4))
    co = df.loc["Comité"]
    assert co["world_list"] == ("public", "company")  # public 2, company 1
    assert co["diversity"] == pytest.approx(4 / 9)
    assert co["diversity_z"] == pytest.approx((4 / 9 - 1 / 2) / sd)  # -0.3944
    solo, vide = df.loc["Solo"], df.loc["Vide"]
    assert math.isnan(solo["diversity"]) and math.isnan(solo["expected_diversity"])
    assert math.isnan(solo["diversity_z"])
    assert vide["participants"] == 0 and vide["worlds"] == 0 and vide["world_list"] == ()
    # the record's fields are carried, missing ones as None
    assert (at["label"], at["event_type"], at["date"], at["place"], at["place_type"]) == (
        "Atelier", "workshop", "2026-03-01", "La Fabrik", "third place")
    assert vide["place"] is None and vide["place_type"] is None and vide["event_type"] is None
    assert df["participants"].dtype == np.int64 and df["worlds"].dtype == np.int64


def test_events_reasons_are_plain_and_true():
    df = events(territory())
    assert df.loc["Atelier", "reason"].startswith(
        "Atelier (workshop; 2026-03-01; at La Fabrik, a third place): 3 participants from 3 "
        "worlds (association 1, company 1, public 1); diversity 0.67 against 0.50 if as many "
        "actors had come at random (z = +1.2: about as mixed as random attendance)")
    assert "brought together clusters 0 and 2, which have no other tie between them" in (
        df.loc["Atelier", "reason"])
    assert "fewer than 2 participants with a known world" in df.loc["Solo", "reason"]
    assert df.loc["Vide", "reason"] == "Vide: no participant of this graph listed"


def test_clusters_joined():
    G = territory()
    cl = alliances.clusters(G, seed=0)["cluster"].to_dict()
    # the three triangles are the three clusters: public 0, company 1, association 2
    assert {cl[n] for n in ("a1", "a2", "a3")} == {0}
    assert {cl[n] for n in ("c1", "c2", "c3")} == {1}
    assert {cl[n] for n in ("e1", "e2", "e3")} == {2}
    df = events(G)
    # Atelier: public-company tied otherwise (a3 -> c3, and a co-participation of two events);
    # company-association tied by c2 -> e2; public-association only by the Atelier's own tie
    assert df.loc["Atelier", "clusters_joined"] == (0, 2)
    assert df.loc["Comité", "clusters_joined"] == ()  # public-company is tied otherwise
    # without the Atelier's own tie, public and association have no tie at all: still joined
    H = territory()
    H.remove_edges_from([("a1", "e1", "co-participation"), ("e1", "a1", "co-participation")])
    assert events(H).loc["Atelier", "clusters_joined"] == (0, 2)
    # a collaboration between them means the event is not the only link
    H.add_edge("a2", "e3", key="collaboration")
    assert events(H).loc["Atelier", "clusters_joined"] == ()


def test_hybrids_and_intermediaries_are_the_flagged_participants():
    G = alliances.samples.load("morteau-reemploi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = events(G)
        hyb = alliances.hybrid_actors(G)
        mid = alliances.trusted_intermediaries(G)
    flagged_h = set(hyb.index[hyb["is_hybrid"]])
    flagged_m = set(mid.index[mid["is_trusted_intermediary"]])
    for _, row in df.iterrows():
        assert row["hybrids"] == tuple(p for p in row["participant_list"] if p in flagged_h)
        assert row["intermediaries"] == tuple(p for p in row["participant_list"] if p in flagged_m)
    # the sentence names them
    for _, row in df[df["hybrids"].map(len) > 0].iterrows():
        assert "hybrid actors present: " in row["reason"]


def test_participants_outside_the_graph_and_without_world():
    G = territory()
    G.graph["events"]["Atelier"] = {**G.graph["events"]["Atelier"],
                                    "participants": ("a1", "c1", "e1", "zz")}
    G.add_node("x9")  # no sector
    G.graph["events"]["Ouvert"] = {"participants": ("x9", "a1", "c1")}
    with pytest.warns(alliances.AlliancesWarning, match="1 participant has no 'sector'"):
        df = events(G)
    assert df.loc["Atelier", "participant_list"] == ("a1", "c1", "e1")  # zz is not in G
    ouvert = df.loc["Ouvert"]
    assert ouvert["participants"] == 3 and ouvert["worlds"] == 2
    assert ouvert["diversity"] == pytest.approx(0.5)  # a1 public, c1 company
    assert "1 without a known world" in ouvert["reason"]


def test_events_is_deterministic_and_does_not_mutate():
    G = territory()
    before = copy.deepcopy(G)
    a = events(G, seed=3)
    places(G)
    assert nx.utils.graphs_equal(G, before)
    assert G.graph == before.graph
    # the same graph built in another order gives the same table
    H = nx.MultiDiGraph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    H.graph["events"] = dict(reversed(list(G.graph["events"].items())))
    pd.testing.assert_frame_equal(a, events(H, seed=3))


def test_no_participation_list_is_a_clear_input_error():
    G = nx.Graph([("a", "b")])
    nx.set_node_attributes(G, "public", "sector")
    for call in (lambda: events(G), lambda: places(G),
                 lambda: co_participation_effect(G, G, G)):
        with pytest.raises(InputError) as info:
            call()
        message = str(info.value)
        assert "no participation list" in message
        assert "alliances.read_affiliations('affiliations.csv')" in message
        assert "affiliations.csv in the study folder" in message and "alliances.load(folder)" in message
    with pytest.raises(TypeError, match="networkx graph"):
        events(pd.DataFrame())


def test_events_on_the_sample():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.samples.load("morteau-reemploi")
        df = events(G)
    assert len(df) == len(G.graph["events"]) == 7
    z = df["diversity_z"].to_numpy()
    assert (np.diff(z[~np.isnan(z)]) <= 0).all()
    assert df.loc["Festival Récup' du Val : village du réemploi", "worlds"] == 5


# --------------------------------------------------------------------------- places()


def test_places_by_hand():
    df = places(territory())
    assert list(df.columns) == list(PLACE_COLUMNS)
    assert df.index.name == "place_type"
    assert list(df.index) == ["third place", "institutional", "unknown"]
    tp, inst, unk = df.loc["third place"], df.loc["institutional"], df.loc["unknown"]
    assert (tp["events"], tp["participations"], tp["mean_participants"], tp["mean_worlds"]) == (
        1, 3, 3.0, 3.0)
    assert tp["mean_diversity"] == pytest.approx(2 / 3)
    assert tp["worlds_present"] == ("association", "company", "public") and tp["worlds_absent"] == ()
    # institutional: Comité (3 participants, 2 worlds, D = 4/9) and Solo (1, 1 world, D undefined)
    assert (inst["events"], inst["participations"]) == (2, 4)
    assert inst["mean_participants"] == pytest.approx((3 + 1) / 2)
    assert inst["mean_worlds"] == pytest.approx((2 + 1) / 2)
    assert inst["mean_diversity"] == pytest.approx(4 / 9)  # Solo's NaN left out
    assert inst["worlds_present"] == ("public", "company")  # a1, a2, a3 then c1
    assert inst["worlds_absent"] == ("association",)
    assert unk["events"] == 1 and unk["participations"] == 0 and math.isnan(unk["mean_diversity"])
    assert unk["worlds_absent"] == ("association", "company", "public")
    assert tp["reason"] == (
        "third places gathered 3.0 worlds per event (1 event, 3.0 participants on average) "
        "against 1.5 at institutional places and 0.0 where no place type was recorded")
    assert inst["reason"].endswith("; never seen there: association")


def test_places_by_place_and_bad_by():
    df = places(territory(), by="place")
    assert df.index.name == "place"
    assert list(df.index) == ["La Fabrik", "Mairie", "unknown"]
    assert df.loc["Mairie", "events"] == 2
    assert df.loc["La Fabrik", "reason"].startswith("La Fabrik gathered 3.0 worlds per event")
    with pytest.raises(ValueError, match="by must be one of"):
        places(territory(), by="colour")


# --------------------------------------------------------------------------- co_participation_effect()


def two_strata():
    """12 actors (p1..p6 public, c1..c6 company), no tie in wave 1; one event p1, p2, p3, c1.

    Exposed pairs: public-public p1p2, p1p3, p2p3 (3 of 15); public-company p1c1, p2c1, p3c1
    (3 of 36). Company-company has no exposed pair. Every distance is inf (no tie before).
    New ties in wave 2: public-company p1c1, p2c1 (exposed), p4c2, p5c3, p6c4 (not);
    public-public p1p2 (exposed), p4p5, p5p6 (not); company-company c5c6 (stratum not matched).
    """
    P, C = [f"p{i}" for i in range(1, 7)], [f"c{i}" for i in range(1, 7)]
    before = nx.MultiDiGraph()
    before.add_nodes_from(P, sector="public")
    before.add_nodes_from(C, sector="company")
    after = before.copy()
    for u, v in (("p1", "c1"), ("c1", "p2"), ("p4", "c2"), ("p5", "c3"), ("p6", "c4"),
                 ("p1", "p2"), ("p4", "p5"), ("p5", "p6"), ("c5", "c6")):
        after.add_edge(u, v, key="collaboration")
    aff = nx.MultiDiGraph()
    aff.graph["events"] = {"Collaborathon": {"date": "2026-03-01",
                                             "participants": ("c1", "p1", "p2", "p3")}}
    return before, after, aff


def test_mantel_haenszel_two_strata_by_hand():
    before, after, aff = two_strata()
    df = co_participation_effect(before, after, aff)
    assert list(df.columns) == list(EFFECT_COLUMNS)
    assert df.index.name == "event" and list(df.index) == ["all", "Collaborathon"]
    row = df.loc["all"]
    # public-company: a = 2, n1 = 3, b = 3, n0 = 36 - 3 = 33, N = 36
    # public-public:  a = 1, n1 = 3, b = 2, n0 = 15 - 3 = 12, N = 15
    assert (row["pairs_together"], row["new_ties_together"]) == (6, 3)
    assert (row["pairs_comparable"], row["new_ties_comparable"]) == (33 + 12, 3 + 2)
    assert row["rate_together"] == pytest.approx(3 / 6)
    assert row["rate_comparable"] == pytest.approx(5 / 45)
    assert row["strata"] == 2 and row["pairs_unmatched"] == 0
    R = 2 * 33 / 36 + 1 * 12 / 15  # sum a n0 / N = 1.8333 + 0.8 = 2.6333
    S = 3 * 3 / 36 + 2 * 3 / 15  # sum b n1 / N = 0.25 + 0.4 = 0.65
    assert row["rate_ratio"] == pytest.approx(R / S)  # 4.0513
    assert row["rate_ratio"] == pytest.approx(4.051282, abs=1e-6)
    # Greenland-Robins: sum (n1 n0 (a + b) - a b N) / N^2
    #   = (3*33*5 - 2*3*36) / 36^2 + (3*12*3 - 1*2*15) / 15^2 = 279/1296 + 78/225 = 0.561944
    P = 279 / 1296 + 78 / 225
    se = math.sqrt(P / (R * S))  # sqrt(0.328302) = 0.572977
    assert row["ci_low"] == pytest.approx(math.exp(math.log(R / S) - Z95 * se))  # 1.318
    assert row["ci_high"] == pytest.approx(math.exp(math.log(R / S) + Z95 * se))  # 12.45
    assert row["ci_low"] == pytest.approx(1.3179, abs=1e-3)
    assert row["ci_high"] == pytest.approx(12.454, abs=1e-2)
    # one event: its row is the same
    pd.testing.assert_series_equal(
        df.loc["Collaborathon"].drop("reason"), row.drop("reason"), check_names=False)
    assert row["reason"] == (
        "after the event, 3 new ties among pairs who took part together (3 of 6 pairs, 50%), "
        "2 of them between the company and public worlds; comparable pairs who did not take part together: "
        "5 of 45 (11%); 4.1 times the rate of comparable pairs, 95% CI 1.3-12.5 "
        "(Mantel-Haenszel over 2 strata of worlds and distance); observed, not proof that the "
        "events created the ties")
    # a narrower interval at 90%
    d90 = co_participation_effect(before, after, aff, confidence=0.90)
    r90 = d90.loc["all"]
    assert row["ci_low"] < r90["ci_low"] < r90["rate_ratio"] < r90["ci_high"] < row["ci_high"]


def test_new_ties_and_strata_attrs():
    before, after, aff = two_strata()
    df = co_participation_effect(before, after, aff, per_event=False)
    assert list(df.index) == ["all"]
    new = df.attrs["new_ties"]
    assert list(new.columns) == list(NEW_TIE_COLUMNS)
    assert [(r.source, r.target) for r in new.itertuples()] == [
        ("c1", "p1"), ("c1", "p2"), ("p1", "p2")]
    assert new.loc[0, "source_world"] == "company" and new.loc[0, "target_world"] == "public"
    assert set(new["events"]) == {("Collaborathon",)}
    strata = df.attrs["strata"]
    assert strata[["world_a", "world_b", "pairs_together", "new_ties_together",
                   "pairs_comparable", "new_ties_comparable"]].values.tolist() == [
        ["company", "public", 3, 2, 33, 3], ["public", "public", 3, 1, 12, 2]]
    assert np.isinf(strata["distance"]).all()


def test_one_stratum_is_the_risk_ratio_with_katz_interval():
    # everyone public, no tie before: one stratum. 10 actors, 45 pairs.
    ids = [f"x{i}" for i in range(10)]
    before = nx.Graph()
    before.add_nodes_from(ids, sector="public")
    after = before.copy()
    # event x0..x4: 10 exposed pairs, 3 new ties; 35 others, 4 new ties
    after.add_edges_from([("x0", "x1"), ("x2", "x3"), ("x1", "x4"),
                          ("x5", "x6"), ("x7", "x8"), ("x0", "x9"), ("x8", "x9")])
    aff = nx.Graph()
    aff.graph["events"] = {"E": {"participants": ("x0", "x1", "x2", "x3", "x4")}}
    row = co_participation_effect(before, after, aff).loc["all"]
    a, n1, b, n0 = 3, 10, 4, 35
    rr = (a / n1) / (b / n0)  # 0.3 / 0.1143 = 2.625
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n0)  # Katz
    assert row["rate_ratio"] == pytest.approx(rr)
    assert row["ci_low"] == pytest.approx(math.exp(math.log(rr) - Z95 * se))
    assert row["ci_high"] == pytest.approx(math.exp(math.log(rr) + Z95 * se))
    assert row["strata"] == 1


def test_distance_defines_strata_and_ties_are_read_by_the_contract():
    # wave 1: a - b - c (collaboration), d alone; a - d co-participation and a conflict b - d
    before = nx.MultiDiGraph()
    before.add_nodes_from("abcde", sector="public")
    before.add_edge("a", "b", key="collaboration")
    before.add_edge("c", "b", key="information")
    before.add_edge("a", "d", key="co-participation")
    before.add_edge("b", "d", key="conflict")
    after = before.copy()
    after.add_edge("a", "c", key="trust")      # new (distance 2)
    after.add_edge("c", "d", key="conflict")   # negative: not a tie
    after.add_edge("b", "e", key="co-participation")  # not counted as a tie
    after.remove_node("e")  # e is not in wave 2: its pairs are not considered
    aff = nx.MultiDiGraph()
    aff.graph["events"] = {"E": {"participants": ("a", "c", "d", "e")}}
    df = co_participation_effect(before, after, aff)
    strata = df.attrs["strata"]
    # pairs considered: a-c (distance 2), a-d, b-d, c-d (inf): the conflict and the
    # co-participation are no tie, so they count as untied and unreachable
    assert strata[["distance", "pairs_together", "new_ties_together", "pairs_comparable"]
                  ].values.tolist() == [[2.0, 1, 1, 0], [math.inf, 2, 0, 1]]  # a-c; a-d and c-d exposed, b-d not
    row = df.loc["all"]
    assert (row["pairs_together"], row["new_ties_together"], row["pairs_unmatched"]) == (3, 1, 1)
    assert row["pairs_comparable"] == 1 and row["strata"] == 1


def test_refusals_when_numbers_are_too_small():
    before, after, aff = two_strata()
    # fewer than 5 new ties in all
    small = after.copy()
    small.remove_edges_from([("p4", "c2"), ("p5", "c3"), ("p6", "c4"), ("p4", "p5")])
    row = co_participation_effect(before, small, aff).loc["all"]
    assert row["new_ties_together"] + row["new_ties_comparable"] == 4
    assert all(math.isnan(row[c]) for c in ("rate_ratio", "ci_low", "ci_high"))
    assert "only 4 new ties in all (at least 5 needed): too few to compare rates" in row["reason"]
    # no comparable pair: everyone took part together
    aff_all = nx.Graph()
    aff_all.graph["events"] = {"Tous": {"participants": tuple(before.nodes)}}
    row = co_participation_effect(before, after, aff_all).loc["all"]
    assert row["pairs_comparable"] == 0 and math.isnan(row["rate_ratio"])
    assert "no comparable pair" in row["reason"]
    # an event nobody of the waves attended
    aff_none = nx.Graph()
    aff_none.graph["events"] = {"Ailleurs": {"participants": ("zz", "yy")}}
    row = co_participation_effect(before, after, aff_none).loc["Ailleurs"]
    assert row["pairs_together"] == 0 and math.isnan(row["rate_ratio"])
    assert "nothing to compare" in row["reason"]
    # no new tie among comparable pairs: ratio infinite, refused
    only_exposed = before.copy()
    only_exposed.add_edges_from([("p1", "c1"), ("p2", "c1"), ("p3", "c1"), ("p1", "p2"),
                                 ("p1", "p3")])
    row = co_participation_effect(before, only_exposed, aff).loc["all"]
    assert math.isnan(row["rate_ratio"]) and "ratio is undefined" in row["reason"]
    # no new tie among exposed pairs: ratio 0, no interval
    only_others = before.copy()
    only_others.add_edges_from([("p4", "c2"), ("p5", "c3"), ("p6", "c4"), ("p4", "p5"),
                                ("p5", "p6")])
    row = co_participation_effect(before, only_others, aff).loc["all"]
    assert row["rate_ratio"] == 0.0 and math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])


def test_effect_does_not_mutate_and_is_deterministic():
    before, after, aff = two_strata()
    copies = [copy.deepcopy(g) for g in (before, after, aff)]
    a = co_participation_effect(before, after, aff)
    for g, c in zip((before, after, aff), copies, strict=True):
        assert nx.utils.graphs_equal(g, c) and g.graph == c.graph
    b = co_participation_effect(after.__class__(before), after.__class__(after), aff)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a.attrs["new_ties"], b.attrs["new_ties"])


def _simulated(seed: int, effect: float = 1.0):
    """60 actors in 3 worlds; wave-1 ties at random; 5 events of 12 random participants;
    new ties at random, likelier at distance 2 (0.08) than farther (0.03), times ``effect``
    for pairs that took part together."""
    rng = np.random.default_rng(seed)
    ids = [f"n{i:02d}" for i in range(60)]
    before = nx.Graph()
    for i, n in enumerate(ids):
        before.add_node(n, sector=("public", "company", "association")[i % 3])
    for u, v in combinations(ids, 2):
        if rng.random() < 0.04:
            before.add_edge(u, v)
    aff = nx.Graph()
    aff.graph["events"] = {f"E{k}": {"participants": tuple(rng.choice(ids, 12, replace=False))}
                           for k in range(5)}
    together = {frozenset(p) for e in aff.graph["events"].values()
                for p in combinations(e["participants"], 2)}
    dist = dict(nx.all_pairs_shortest_path_length(before))
    after = before.copy()
    for u, v in combinations(ids, 2):
        if before.has_edge(u, v):
            continue
        p = 0.08 if dist[u].get(v) == 2 else 0.03
        if frozenset((u, v)) in together:
            p *= effect
        if rng.random() < p:
            after.add_edge(u, v)
    return before, after, aff


def test_no_effect_simulation_covers_one():
    covered = given = 0
    for seed in range(100):
        row = co_participation_effect(*_simulated(seed), per_event=False).loc["all"]
        if not math.isnan(row["ci_low"]):
            given += 1
            covered += row["ci_low"] <= 1 <= row["ci_high"]
    assert given >= 90
    assert covered >= 0.9 * given


def test_a_real_effect_is_seen():
    row = co_participation_effect(*_simulated(0, effect=4.0), per_event=False).loc["all"]
    assert row["ci_low"] > 1


def test_pairs_that_met_at_another_event_by_hand():
    # one world, no tie before: one base stratum of 45 pairs among x0..x9.
    # A: x0 x1 x2 (pairs 01 02 12); B: x0 x2 x3 (pairs 02 03 23); 02 met at both.
    # New ties: 01, 02, 03 (taken part together) and 45, 56, 67, 89 (40 pairs in no event).
    ids = [f"x{i}" for i in range(10)]
    before = nx.Graph()
    before.add_nodes_from(ids, sector="public")
    after = before.copy()
    after.add_edges_from([("x0", "x1"), ("x0", "x2"), ("x0", "x3"),
                          ("x4", "x5"), ("x5", "x6"), ("x6", "x7"), ("x8", "x9")])
    aff = nx.Graph()
    aff.graph["events"] = {"A": {"date": "2026-01-01", "participants": ("x0", "x1", "x2")},
                           "B": {"date": "2026-02-01", "participants": ("x0", "x2", "x3")}}
    # "adjust" (default), row A: strata (met elsewhere: no) 01, 12 -> a = 1 of 2, against 4 of
    # the 40 pairs of no event; (met elsewhere: yes) 02 -> a = 1 of 1, against B's other pairs
    # 03, 23 -> b = 1 of 2.
    #   R = 1*40/42 + 1*2/3 = 1.619048, S = 4*2/42 + 1*1/3 = 0.523810, RR = 3.0909
    #   P = (2*40*5 - 1*4*42)/42^2 + (1*2*2 - 1*1*3)/3^2 = 232/1764 + 1/9 = 0.242630
    row = co_participation_effect(before, after, aff).loc["A"]
    R, S = 40 / 42 + 2 / 3, 8 / 42 + 1 / 3
    se = math.sqrt((232 / 1764 + 1 / 9) / (R * S))
    assert (row["pairs_together"], row["new_ties_together"]) == (3, 2)
    assert (row["pairs_comparable"], row["new_ties_comparable"], row["strata"]) == (42, 5, 2)
    assert row["rate_ratio"] == pytest.approx(R / S)
    assert row["ci_low"] == pytest.approx(math.exp(math.log(R / S) - Z95 * se))
    assert row["ci_high"] == pytest.approx(math.exp(math.log(R / S) + Z95 * se))
    # "exclude": only pairs of no event compare: (2/3) / (4/40) = 6.667, one stratum
    row = co_participation_effect(before, after, aff, elsewhere="exclude").loc["A"]
    assert (row["pairs_comparable"], row["new_ties_comparable"]) == (40, 4)
    assert row["rate_ratio"] == pytest.approx((2 / 3) / (4 / 40))
    # "include": every pair not at A compares, B's included: (2/3) / (5/42) = 5.6
    row = co_participation_effect(before, after, aff, elsewhere="include").loc["A"]
    assert (row["pairs_comparable"], row["new_ties_comparable"]) == (42, 5)
    assert row["rate_ratio"] == pytest.approx((2 / 3) / (5 / 42))
    # the "all" row does not depend on it: 5 pairs together (3 new) against 40 (4 new)
    for mode in ("adjust", "exclude", "include"):
        assert co_participation_effect(before, after, aff, elsewhere=mode).loc[
            "all", "rate_ratio"] == pytest.approx((3 / 5) / (4 / 40))
    with pytest.raises(ValueError, match="elsewhere must be"):
        co_participation_effect(before, after, aff, elsewhere="ignore")


def test_chevreuse_sample_matches_its_generator():
    # data/samples/_make_chevreuse.py measures each event against every pair not at it:
    # elsewhere="include" must give its Mantel-Haenszel ratios and counts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w1 = alliances.samples.load("chevreuse-sprint")
        w2 = alliances.samples.load("chevreuse-sprint", wave=2)
    measured = alliances.samples.expected("chevreuse-sprint")["measured"]["per_event"]
    effect = co_participation_effect(w1, w2, w2, elsewhere="include")
    for event, m in measured.items():
        row = effect.loc[event]
        assert [row[c] for c in ("pairs_together", "new_ties_together", "pairs_comparable",
                                 "new_ties_comparable")] == [
            m[c] for c in ("pairs_together", "new_ties_together", "pairs_comparable",
                           "new_ties_comparable")], event
        assert round(row["rate_ratio"], 3) == pytest.approx(m["mantel_haenszel_rate_ratio"]), event
    # by default each event is compared within pairs that met (or not) at another event:
    # the events with a planted effect exclude 1, the others do not
    adjusted = co_participation_effect(w1, w2, w2)
    planted = {"SPRINT atelier 2 - Modèle économique", "SPRINT atelier 3 - Prototyper son offre",
               "SPRINT atelier 5 - Mutualiser", "Collaborathon de la Vallée"}
    for event in measured:
        row = adjusted.loc[event]
        assert (row["ci_low"] > 1) == (event in planted), event


def test_empty_participation_list():
    G = nx.MultiDiGraph()
    G.add_node("a", sector="public")
    G.graph["events"] = {}
    assert list(events(G).columns) == list(EVENT_COLUMNS) and events(G).empty
    assert list(places(G).columns) == list(PLACE_COLUMNS) and places(G).empty
    row = co_participation_effect(G, G, G).loc["all"]
    assert row["pairs_together"] == 0 and math.isnan(row["rate_ratio"])
    assert row["reason"].startswith("with no event in the participation list: no pair")
