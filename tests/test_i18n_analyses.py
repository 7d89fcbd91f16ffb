"""Issue 16, item 1: the sentences of introductions, clusters, mixing, events and compare in French.

On every bundled sample, the French ``reason`` sentences, notes, findings and
warnings of :func:`suggest_introductions`, :func:`components`,
:func:`clusters`, :func:`cluster_summary`, :func:`ei_index`, :func:`events`,
:func:`places`, :func:`co_participation_effect` and :func:`compare` hold no
English word (the words of ``tests/test_i18n.py``'s list, once the user's
data -- labels, ids, sectors, relations, themes, event names -- is taken
out), and quote the same numbers as the English sentences, with the decimal
comma. Each module also has a small case worked out by hand, whose French
sentence is asserted in full.
"""

from __future__ import annotations

import html
import re
import warnings

import networkx as nx
import pytest
from tests.test_i18n import data_strings, english_words, strip

from alliances import samples
from alliances.analysis.clusters import (
    cluster_summary,
    clusters,
    components,
    number_text,
    world_name,
)
from alliances.analysis.compare import compare, compare_waves
from alliances.analysis.events import co_participation_effect, events, places
from alliances.analysis.introductions import suggest_introductions
from alliances.analysis.mixing import ei_index
from alliances.i18n import format_date
from alliances.model import tuple_value

NAMES = samples.names()
WAVES = ("2023", "2024")  # wave labels without words, so that both languages quote the same numbers


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def _thinned(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A second wave: ``G`` without every fifth tie and its most cited actor, trust changed on a tie."""
    H = G.copy()
    H.remove_edges_from(sorted(H.edges(keys=True), key=str)[::5])
    H.remove_node(max(sorted(H, key=str), key=H.in_degree))
    rated = [(u, v, k) for u, v, k, w in sorted(H.edges(keys=True, data="trust"), key=str) if w is not None]
    if rated:
        u, v, k = rated[0]
        H.edges[u, v, k]["trust"] = 1.0 if H.edges[u, v, k]["trust"] < 1 else 0.5
    return H


def _data(G: nx.Graph) -> list[str]:
    """The user's data in a sentence: test_i18n's list, plus themes and what the events record."""
    out = set(data_strings(G))
    for _, value in G.nodes(data="themes"):
        out |= {str(t) for t in tuple_value(value) if t}
    for _, _, d in G.edges(data=True):
        for name in ("themes", "theme"):
            out |= {str(t) for t in tuple_value(d.get(name)) if t}
    for name, record in (G.graph.get("events") or {}).items():
        out.add(str(name))
        for key in ("event_type", "place", "location", "place_type"):
            if record.get(key):
                out.add(str(record[key]))
    return sorted((s for s in out if s), key=len, reverse=True)


def _texts(G: nx.MultiDiGraph, lang: str) -> dict[str, list[str]]:
    """Every sentence the five modules write on ``G``, by where it comes from."""
    H = _thinned(G)
    out: dict[str, list[str]] = {}
    out["suggest_introductions"] = _quiet(suggest_introductions, G, k=None, lang=lang)["reason"].tolist()
    out["components"] = _quiet(components, G, lang=lang)["reason"].tolist()
    out["clusters"] = _quiet(clusters, G, lang=lang)["reason"].tolist()
    summary = _quiet(cluster_summary, G, lang=lang)
    out["cluster_summary"] = [*summary["reason"].tolist(), summary.attrs["reason"]]
    out["ei_index"] = _quiet(ei_index, G, permutations=20, lang=lang)["reason"].tolist()
    c = _quiet(compare, G, H, labels=WAVES, lang=lang)
    out["compare findings"] = c.findings
    out["compare actors"] = c.actors["reason"].tolist()
    out["compare notes"] = [n for n in c.ties["note"].tolist() if n]
    out["compare components"] = c.components_change["sentence"].tolist()
    out["compare meaning"] = c.summary["meaning"].tolist()
    if G.graph.get("events"):
        ev = _quiet(events, G, lang=lang)
        dates = {str(r.get("date")) for r in G.graph["events"].values() if r.get("date")}
        out["events"] = ev["reason"].tolist()
        for by in ("place_type", "place", "location", "event_type"):
            out[f"places {by}"] = _quiet(places, G, by=by, lang=lang)["reason"].tolist()
        out["co_participation_effect"] = _quiet(co_participation_effect, H, G, G, lang=lang)["reason"].tolist()
        # dates are written as each language writes them (2024-11-05, 5 nov. 2024): not numbers to compare
        undated = []
        for text in out["events"]:
            for day in dates:
                text = text.replace(day if lang == "en" else format_date(day, "fr"), " ")
            undated.append(text)
        out["events"] = undated
    return out


@pytest.fixture(scope="module", params=NAMES)
def both(request):
    G = _quiet(samples.load, request.param)
    return request.param, G, _texts(G, "en"), _texts(G, "fr")


def test_french_sentences_hold_no_english(both):
    name, G, _, fr = both
    data = _data(G)
    found = {}
    for where, texts in fr.items():
        for text in texts:
            words = english_words(strip(text, data))
            if words:
                found.setdefault(where, []).append((words, text))
    assert not found, f"{name}: English words in French sentences: {found}"


NUMBER = {"en": re.compile(r"[-+]?\d+(?:\.\d+)?"), "fr": re.compile(r"[-+]?\d+(?:,\d+)?")}


def numbers(text: str, lang: str) -> list[float]:
    # Babel groups thousands with a narrow no-break space in French; the percent sign follows one
    text = text.replace("\u202f", "").replace("\u00a0", "") if lang == "fr" else text
    return [float(x.replace(",", ".")) for x in NUMBER[lang].findall(text)]


def test_french_sentences_quote_the_english_numbers(both):
    name, G, en, fr = both
    assert en.keys() == fr.keys()
    compared = 0
    for where in en:
        assert len(en[where]) == len(fr[where]), (name, where)
        for e, f in zip(en[where], fr[where], strict=True):
            assert numbers(e, "en") == numbers(f, "fr"), (name, where, e, f)
            compared += 1
    assert compared > 20
    assert (fr["compare notes"] and fr["compare components"]) or name == "morteau-reemploi", name
    # the French decimals carry a comma, never a point between digits (labels aside)
    for where, texts in fr.items():
        for text in texts:
            assert not re.search(r"\d\.\d", strip(text, _data(G))), (name, where, text)


def test_every_module_wrote_sentences_on_the_samples(both):
    """Guard against a vacuous pass: each analysis said something on each sample."""
    name, _, _, fr = both
    for where in ("suggest_introductions", "components", "clusters", "cluster_summary", "ei_index",
                  "compare findings", "compare actors", "compare meaning"):
        assert fr[where], (name, where)
    if name == "morteau-reemploi":
        assert fr["events"] and fr["co_participation_effect"], name


# --------------------------------------------------------------------------- hand-computed cases


def _two_triangles() -> nx.Graph:
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company",
                               "d": "association", "e": "association", "f": "association"}, "sector")
    return G


def test_clusters_sentences_by_hand():
    # two triangles {a, b, c} and {d, e, f} joined by c-d: cluster 0 holds two public bodies and
    # a company, its one outside tie goes through c
    G = _two_triangles()
    s = cluster_summary(G, rewirings=0, lang="fr")
    assert s.loc[0, "reason"] == ("3 acteurs, surtout du monde collectivité / acteur public (2) ; "
                                  "1 lien vers d'autres groupes, surtout par c (1 lien)")
    assert s.loc[1, "reason"] == ("3 acteurs, tous du monde association / ESS ; 1 lien vers d'autres "
                                  "groupes, surtout par d (1 lien)")
    # Q = 2 * (3/7 - (7/14)^2) = 5/14 = 0.357..., not compared (no rewiring)
    assert s.attrs["reason"] == "modularité 0,36 ; non comparée à des réseaux aléatoires"
    assert components(G, lang="fr").loc["a", "reason"] == "dans la composante principale (6 acteurs)"
    assert clusters(G, lang="fr").loc["a", "reason"] == (
        "dans le groupe 0 (3 acteurs, surtout du monde collectivité / acteur public (2))")
    G.add_node("g", sector="research")
    assert components(G, lang="fr").loc["g", "reason"] == "isolé : aucun lien positif avec un autre acteur"


def test_mixing_sentence_by_hand():
    # arcs a->b, b->a, c->d inside groups (I = 3), a->c across (E = 1): E-I = (1 - 3) / 4 = -0.5;
    # random mixing: 4 internal ordered pairs of 12, expected E-I = 1 - 2/3 = +0.33
    G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d")])
    nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company", "d": "company"}, "sector")
    df = ei_index(G, lang="fr")
    assert df.loc["all", "reason"] == (
        "l'ensemble du réseau : liens internes 3, entre groupes 1 ; E-I -0,50 contre +0,33 si les "
        "liens se faisaient au hasard : davantage de liens internes que par hasard")
    # company: I = 1 (c->d), E = 1 (a->c): E-I 0; expected 1 - 2 * 2/(2 + 8) = +0.60
    assert df.loc["company", "reason"] == (
        "entreprise : liens internes 1, entre groupes 1 ; E-I +0,00 contre +0,60 si les liens se "
        "faisaient au hasard : davantage de liens internes que par hasard")


def test_introductions_sentence_by_hand():
    # firm and school form a small component; firm shares "youth" (3 actors on it) with club of
    # the main component; they come from different worlds
    G = nx.Graph()
    G.add_nodes_from([
        ("mairie", {"sector": "public", "themes": ("mobility",)}),
        ("club", {"sector": "association", "themes": ("mobility", "youth")}),
        ("hub", {"sector": "intermediary", "themes": ()}),
        ("school", {"sector": "research", "themes": ("youth",)}),
        ("firm", {"sector": "company", "themes": ("youth",)})])
    G.add_edges_from([("mairie", "hub"), ("hub", "club"), ("school", "firm")])
    s = suggest_introductions(G, k=3, lang="fr")
    assert s.loc[1, "reason"] == ("firm et son petit groupe n'ont aucun lien avec le réseau principal ; "
                                  "tous deux travaillent sur youth (3 acteurs) ; entreprise rencontre "
                                  "association / ESS")


def test_events_sentences_by_hand():
    # a workshop with a (public) and c (company): Blau 1 - 2 (1/2)^2 = 0.5; 2 participants drawn
    # from 2 + 2 actors differ with probability 2 (2/4)(2/3) = 2/3, so expected 2/3 * 0.5 = 1/3;
    # a and c are isolated actors, each its own cluster (0 and 2): the workshop joined them
    G = nx.Graph()
    G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "public"}),
                      ("c", {"sector": "company"}), ("d", {"sector": "company"})])
    G.graph["events"] = {"Atelier": {"event_type": "workshop", "date": "2024-11-05",
                                     "participants": ("a", "c")}}
    assert events(G, lang="fr").loc["Atelier", "reason"] == (
        "Atelier (atelier ; 5 nov. 2024) : 2 participants de 2 mondes (entreprise 1, collectivité / "
        "acteur public 1) ; diversité 0,50 contre 0,33 si autant d'acteurs étaient venus au hasard "
        "(z = +0,7 : à peu près aussi mélangé qu'une participation au hasard) ; a réuni les groupes "
        "0 et 2, qui n'ont aucun autre lien entre eux")
    # co_participation_effect's doctest: 1 new tie together, 1 among comparable pairs: 2 < 5
    A = nx.Graph()
    A.add_nodes_from("abcd", sector="public")
    A.graph["events"] = {"Atelier": {"participants": ("a", "b")}}
    df = co_participation_effect(A, nx.Graph([("a", "b"), ("c", "d")]), A, lang="fr")
    assert df.loc["all", "reason"] == ("après l'événement, seulement 2 nouveaux liens en tout (il en "
                                       "faut au moins 5) : trop peu pour comparer les taux")
    assert places(G, lang="fr")["reason"].tolist() == [
        "les événements sans type de lieu renseigné : 2,0 mondes par événement (1 événement, 2,0 "
        "participants en moyenne) (ajoutez une colonne place_type à la liste de participation pour "
        "comparer les lieux)"]


def _waves() -> tuple[nx.DiGraph, nx.DiGraph]:
    before = nx.DiGraph([("a", "b"), ("c", "d")])
    after = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    for G in (before, after):
        nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company", "d": "company"}, "sector")
    return before, after


def test_compare_sentences_by_hand():
    # b -> c is the one tie gained; a -> b and c -> d are kept; the two companies' group joins
    # the rest of the network through b
    c = compare(*_waves(), labels=WAVES, lang="fr")
    assert c.lang == "fr"
    assert "Liens gagnés 1, perdus 0, conservés 2 entre 2023 et 2024." in c.findings
    assert c.components_change["sentence"].tolist() == [
        "Le groupe de 2 entreprises (c et d) rejoint désormais le reste du réseau par b (1 nouveau lien)."]
    # b now has two partners instead of one, of two worlds (public a, company c)
    assert c.actors.loc["b", "reason"] == "partenaires 1 -> 2 ; mondes 1 -> 2"
    # the default labels are French words too
    d = compare(*_waves(), lang="fr")
    assert d.labels == ("1re vague", "2e vague")
    assert str(d).startswith("Comparaison 1re vague -> 2e vague\n\nConstats :\n")
    w = compare_waves(list(_waves()), lang="fr")
    assert w.labels == ("vague 1", "vague 2") and w.lang == "fr"
    assert all(c.lang == "fr" for c in w.comparisons)


def test_compare_display_escapes_wave_labels_in_french():
    c = compare(*_waves(), labels=("<b>2023</b>", "2024 -> 2025"), lang="fr")
    page = c._repr_html_()
    assert "<b>2023</b>" not in page and html.escape("<b>2023</b>") in page
    assert "Comparaison &lt;b&gt;2023&lt;/b&gt; &rarr; 2024 -&gt; 2025" in page
    assert "<summary>Chiffres clés</summary>" in page


def test_lang_none_follows_the_environment(monkeypatch):
    G = _two_triangles()
    monkeypatch.setenv("ALLIANCES_LANG", "fr")
    assert components(G).loc["a", "reason"] == "dans la composante principale (6 acteurs)"
    monkeypatch.setenv("ALLIANCES_LANG", "en")
    assert components(G).loc["a", "reason"] == "in the main component (6 actors)"
    with pytest.raises(ValueError, match="lang must be one of"):
        components(G, lang="de")


def test_world_names_and_numbers():
    assert world_name("association", "fr") == "association / ESS"
    assert world_name("Chambre d'agriculture", "fr") == "Chambre d'agriculture"
    assert world_name(None, "en") == "unknown" and world_name(None, "fr") == "inconnu"
    assert number_text(1234.5, "fr", ".1f") == "1\u202f234,5"
    assert number_text(-0.004, "fr", "+.2f") == "-0,00" and number_text(-0.004, "en", "+.2f") == "-0.00"
    assert number_text(0.054, "fr", ".1%") == "5,4\u202f%" and number_text(0.054, "en", ".1%") == "5.4%"


def test_french_warning_of_events():
    G = nx.Graph()
    G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "company"}), ("x9", {})])
    G.graph["events"] = {"Atelier": {"participants": ("a", "b", "x9")}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events(G, lang="fr")
        places(G, lang="fr")  # the same cause on the same graph: not said again
    said = [w for w in caught if "participant" in str(w.message)]
    assert [str(w.message) for w in said] == [
        "1 participant n'a pas de 'sector' (x9) ; il est laissé hors des mondes et de la diversité de "
        "ses événements. Ajoutez-le au registre des acteurs pour corriger cela."]
    assert said[0].filename == __file__  # at the user's call, not inside the library


def test_compare_split_sentence_names_the_relation_in_french():
    # a -> b (funding) is lost and nothing else ties b: b is cut off from a, alone
    before, after = nx.MultiDiGraph(), nx.MultiDiGraph()
    for G in (before, after):
        G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "company"})])
    before.add_edge("a", "b", key="funding", relation="funding")
    en = compare(before, after, labels=WAVES, lang="en").components_change["sentence"].tolist()
    fr = compare(before, after, labels=WAVES, lang="fr").components_change["sentence"].tolist()
    assert en == ["b is now isolated (lost ties: a -> b (funding))."]
    assert fr == ["b est désormais isolé (liens perdus : a -> b (financement))."]


def test_argument_errors_in_french():
    before, after = _waves()
    # a plain networkx graph's ties carry the default relation, "tie"
    with pytest.raises(ValueError, match=r"^relation\(s\) 'funding' absente\(s\) de toutes les vagues ; "
                                         r"relations présentes : tie$"):
        compare(before, after, relations="funding", lang="fr")
    with pytest.raises(ValueError, match="les deux vagues doivent avoir des noms différents"):
        compare(before, after, labels=("2023", "2023"), lang="fr")
    with pytest.raises(ValueError, match="compare_waves demande au moins deux vagues ; reçu 1"):
        compare_waves([before], lang="fr")
    G = nx.Graph()
    G.add_node("a", sector="public")
    G.graph["events"] = {}
    with pytest.raises(ValueError, match="by doit valoir 'place_type', 'place', 'location', 'event_type' ; reçu 'town'"):
        places(G, by="town", lang="fr")
    with pytest.raises(ValueError, match="confidence doit être entre 0 et 1 ; reçu 2"):
        co_participation_effect(G, G, G, confidence=2, lang="fr")
