"""Generate the ``chevreuse-sprint`` sample (deterministic, seeded).

Run from the repository root::

    .venv/bin/python data/samples/_make_chevreuse.py           # rewrite data/samples/chevreuse-sprint/
    .venv/bin/python data/samples/_make_chevreuse.py /tmp/out  # write /tmp/out/chevreuse-sprint/ (audit)

Case 2 of ``/work/shared/CASES.md``: the SPRINT, an 8-week collective support
programme for local entrepreneurs run by the regional natural park of the Haute
Vallée de Chevreuse (6 groups of communes), with third places, then a festival
of third places. A survey before the programme (wave 1, January 2025), the
participation list of the events between the waves, a survey after (wave 2,
October 2025).

This generator is independent of ``_make_samples.py`` and adjusts nobody: a
latent network is drawn from explicit probabilities, the programme's events
from explicit cohorts, the wave-2 network from one planted rule, and the
surveys are what respondents report of the latent networks. Nothing is
re-drawn or corrected to make a figure come out.

Planted rule (the only one that links the events to wave 2): a pair of actors
not tied in wave 1 forms a tie by wave 2 with probability

* ``BASE_NEW[d]`` (``d`` the latent wave-1 distance: 2, or 3 and more), plus
* ``BOOST_FIRST`` if they took part together in at least one **hands-on event
  held in a third place** (a SPRINT workshop in a tiers-lieu, the
  collaborathon), plus ``BOOST_MORE`` for each further such event (capped).

Being together at the workshops of the maison du parc, the online session,
the follow-up committee at the town hall or the festival adds nothing.

Everything else is random noise: who is tied in wave 1, which latent ties
last (``KEEP``), who answers (``ANSWER``; the park and third places always
do), which ties a respondent reports (``REPORT``), relation, frequency,
trust, theme.

The script measures the effect on the files it wrote, with plain Python and
the survey rows (not with :mod:`alliances`' analyses), and writes it to
``expected.json`` under ``measured``.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from collections import defaultdict, deque
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from alliances.model import actor_id, canonical_sector  # noqa: E402

SEED = 2025
NAME = "chevreuse-sprint"

# latent wave-1 network: probability of a tie
P_BASE = 0.025
P_SAME_WORLD = 0.10
P_SAME_TERRITORY = 0.06
P_PARK = 0.30  # the park knows many actors
P_SUPPORT_COMPANY = 0.14  # support networks and entrepreneurs
P_PUBLIC_PUBLIC = 0.35  # the park, groups of communes and town halls work together

# wave 2
KEEP = 0.93
BASE_NEW = {2: 0.06, 3: 0.03}  # latent distance 2, 3 or more (or unreachable)
BOOST_FIRST = 0.30
BOOST_MORE = 0.08
BOOST_CAP = 0.50

# what the surveys show of the latent networks
ANSWER = 0.80
REPORT = 0.85

FREQUENCIES = ["une fois par an", "plusieurs fois par an", "mensuel", "hebdomadaire"]
RELATIONS = ["Collaboration", "Échange d'informations"]

GROUPS = {  # the 6 groups of communes of the park
    "hvc": ("Communauté de communes de la Haute Vallée de Chevreuse", "Haute Vallée de Chevreuse"),
    "sqy": ("Communauté d'agglomération de Saint-Quentin-en-Yvelines",
            "Saint-Quentin-en-Yvelines"),
    "rt": ("Communauté d'agglomération Rambouillet Territoires", "Rambouillet Territoires"),
    "cy": ("Communauté de communes Cœur d'Yvelines", "Cœur d'Yvelines"),
    "ps": ("Communauté d'agglomération Paris-Saclay", "Paris-Saclay"),
    "pl": ("Communauté de communes du Pays de Limours", "Pays de Limours"),
}

# name, sectors (as written), kind, group, themes
ACTORS: list[tuple[str, str, str, str, str]] = [
    ("Parc naturel régional de la Haute Vallée de Chevreuse", "Collectivité", "organisation",
     "park", "entrepreneuriat|tiers-lieux|écomobilité|tourisme durable"),
    *[(GROUPS[g][0], "Collectivité", "organisation", g, "développement économique")
      for g in GROUPS],
    ("Mairie de Chevreuse", "Collectivité", "organisation", "hvc", "commerce local"),
    ("Mairie de Dampierre-en-Yvelines", "Collectivité", "organisation", "hvc", "tourisme durable"),
    # entrepreneurs
    ("Brasserie de la Vallée", "Micro-entreprise", "organisation", "hvc", "circuits courts"),
    ("Les Jardins de Méridon", "Micro-entreprise", "organisation", "hvc",
     "alimentation locale|circuits courts"),
    ("Vallée Vélo Électrique", "Entreprise", "organisation", "hvc", "écomobilité|tourisme durable"),
    ("Gîte du Moulin d'Ors", "Micro-entreprise", "organisation", "rt", "tourisme durable"),
    ("Savonnerie des Vaux de Cernay", "Micro-entreprise", "organisation", "rt", "cosmétique naturelle"),
    ("Céramiques du Rhodon", "Micro-entreprise", "organisation", "sqy", "artisanat d'art"),
    ("Le Panier de Senlisse", "Micro-entreprise", "organisation", "hvc",
     "alimentation locale|circuits courts"),
    ("Éco-Rénov Yvelines", "PME", "organisation", "cy", "rénovation énergétique"),
    ("Miellerie de la Mérantaise", "Micro-entreprise", "organisation", "sqy", "biodiversité"),
    ("Studio Forêt Graphisme", "Micro-entreprise", "organisation", "ps", "communication"),
    ("Fromagerie de la Noue", "Micro-entreprise", "organisation", "pl", "alimentation locale"),
    ("Énergie Vallée Conseil", "Micro-entreprise", "organisation", "ps", "rénovation énergétique"),
    ("La Roulotte Gourmande", "Micro-entreprise", "organisation", "pl", "alimentation locale"),
    ("Transports Doux du Parc", "PME", "organisation", "rt", "écomobilité"),
    ("Cabinet Verdier Paysage", "Micro-entreprise", "organisation", "cy", "biodiversité"),
    ("Herboristerie des Hameaux", "Micro-entreprise", "organisation", "pl", "cosmétique naturelle"),
    ("Boulangerie Au Levain de Saint-Rémy", "Entreprise", "organisation", "hvc", "circuits courts"),
    ("Atelier Vannerie Osier Vivant", "Micro-entreprise", "organisation", "rt", "artisanat d'art"),
    # the cabinet-maker's workshop that also trains individuals
    ("Atelier Bois & Savoirs", "Entreprise|Enseignement", "organisation", "hvc",
     "artisanat d'art|formation|réemploi"),
    # third places
    ("Tiers-lieu La Forge", "Tiers-lieu", "organisation", "hvc", "tiers-lieux|entrepreneuriat"),
    ("Fablab des Vaux", "Tiers-lieu", "organisation", "rt", "tiers-lieux|fabrication numérique"),
    ("Café associatif Le Moulin", "Tiers-lieu", "organisation", "hvc", "tiers-lieux|lien social"),
    ("Recyclerie de la Vallée", "Tiers-lieu", "organisation", "sqy", "tiers-lieux|réemploi"),
    ("Coworking Le Mesnil", "Tiers-lieu", "organisation", "cy", "tiers-lieux|entrepreneuriat"),
    # support network
    ("Initiative Seine Yvelines", "Réseau", "organisation", "sqy", "entrepreneuriat|financement"),
    ("BGE Yvelines", "Accompagnement", "organisation", "sqy", "entrepreneuriat"),
    ("CCI Versailles-Yvelines", "Chambre consulaire", "organisation", "sqy",
     "entrepreneuriat|commerce local"),
    ("Chambre de métiers et de l'artisanat des Yvelines", "Chambre consulaire", "organisation",
     "sqy", "artisanat d'art|formation"),
    # associations
    ("Vallée Vivante", "Association", "organisation", "hvc", "lien social|tourisme durable"),
    ("Chevreuse Zéro Déchet", "Association", "organisation", "hvc", "réemploi"),
    ("AMAP des Vaux", "Association", "organisation", "rt", "alimentation locale"),
    ("Mobilités Douces en Vallée", "Association", "organisation", "ps", "écomobilité"),
    ("Les Passeurs de Contes", "Association", "organisation", "pl", "culture"),
    ("Repair Café de Magny", "Association", "organisation", "sqy", "réemploi"),
    ("SCIC Énergies Citoyennes Sud-Yvelines", "SCIC", "organisation", "cy",
     "rénovation énergétique"),
    # research
    ("Université Paris-Saclay", "Recherche", "organisation", "ps", "entrepreneuriat|biodiversité"),
    ("Université de Versailles Saint-Quentin-en-Yvelines", "Recherche", "organisation", "sqy",
     "tiers-lieux"),
    ("AgroParisTech", "Recherche", "organisation", "ps", "alimentation locale|biodiversité"),
    ("Lycée agricole de la Vallée", "Enseignement", "organisation", "rt", "formation"),
    # citizens
    ("Collectif Chevreuse en Transition", "Collectif", "organisation", "hvc", "réemploi|écomobilité"),
    ("Conseil de jeunes de la Vallée", "Conseil de jeunes", "organisation", "hvc", "culture"),
    ("Habitants du hameau de Mousseaux", "Habitants", "organisation", "pl", "lien social"),
    ("Collectif des parents de Saint-Rémy", "Collectif", "organisation", "hvc", "écomobilité"),
]
NEW_IN_WAVE2 = [  # created or found after the programme
    ("Micro-brasserie des Hameaux", "Micro-entreprise", "organisation", "pl", "circuits courts"),
    ("Ressourcerie du Pays de Limours", "Association", "organisation", "pl", "réemploi"),
]
ALWAYS_ANSWER = {"Parc naturel régional de la Haute Vallée de Chevreuse", "Tiers-lieu La Forge",
                 "Fablab des Vaux", "Café associatif Le Moulin", "Recyclerie de la Vallée",
                 "Coworking Le Mesnil"}

FIRST = ["Claire", "Julien", "Sophie", "Karim", "Nathalie", "Thomas", "Isabelle", "Mehdi",
         "Camille", "Laurent", "Aurélie", "Olivier", "Fatima", "Pierre", "Élodie", "Nicolas",
         "Sandrine", "Yann", "Amandine", "François", "Chloé", "Rachid", "Hélène", "Benoît", "Léa",
         "Stéphane", "Inès", "Damien", "Marion", "Sébastien", "Agathe", "Bruno", "Céline", "Hugo"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
        "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin"]

# --------------------------------------------------------------------------- events

PARC = "Parc naturel régional de la Haute Vallée de Chevreuse"
# name, type, date (as written), place, commune, place type cell (may be empty), hands-on
EVENTS: list[tuple[str, str, str, str, str, str, bool]] = [
    ("SPRINT atelier 1 - Lancement", "atelier", "04/03/2025", "Maison du Parc", "Chevreuse",
     "institutionnel", True),
    ("SPRINT atelier 2 - Modèle économique", "atelier", "11/03/2025", "Tiers-lieu La Forge",
     "Chevreuse", "tiers-lieu", True),
    ("SPRINT atelier 3 - Prototyper son offre", "atelier", "18/03/2025", "Fablab des Vaux",
     "Cernay-la-Ville", "tiers-lieu", True),
    ("SPRINT session en ligne - Financer son projet", "webinaire", "2025-03-25", "Visio (Zoom)",
     "", "", False),
    ("SPRINT atelier 4 - Trouver ses clients", "atelier", "01/04/2025", "Maison du Parc",
     "Chevreuse", "institutionnel", True),
    ("SPRINT atelier 5 - Mutualiser", "atelier", "08/04/2025", "Café associatif Le Moulin",
     "Senlisse", "tiers-lieu", True),
    ("Collaborathon de la Vallée", "collaborathon", "26 avril 2025", "Recyclerie de la Vallée",
     "Saint-Rémy-lès-Chevreuse", "tiers-lieu", True),
    ("Comité de suivi du SPRINT", "comité", "13/05/2025", "Mairie de Chevreuse - salle du conseil",
     "Chevreuse", "", False),
    ("Festival des tiers-lieux", "festival", "14 juin 2025", "Tiers-lieu La Forge", "Chevreuse",
     "tiers-lieu", False),
]
PLACE_TYPE = {"institutionnel": "institutional", "tiers-lieu": "third place"}


def _third_place_hands_on(event: tuple) -> bool:
    return event[6] and event[5] == "tiers-lieu"


# --------------------------------------------------------------------------- drawing


def world(sectors: str) -> str:
    return canonical_sector(sectors.split("|")[0])


def draw(rng: random.Random) -> dict:
    names = [a[0] for a in ACTORS]
    info = {a[0]: {"sectors": a[1], "kind": a[2], "group": a[3], "themes": a[4],
                   "world": world(a[1])} for a in ACTORS + NEW_IN_WAVE2}
    park = PARC
    support = {"Initiative Seine Yvelines", "BGE Yvelines", "CCI Versailles-Yvelines",
               "Chambre de métiers et de l'artisanat des Yvelines"}

    def p_tie(a: str, b: str) -> float:
        ia, ib = info[a], info[b]
        if park in (a, b):
            return P_PARK + (0.3 if {ia["world"], ib["world"]} <= {"public", "intermediary"} else 0)
        if ia["world"] == ib["world"] == "public":
            return P_PUBLIC_PUBLIC
        p = P_BASE
        if ia["world"] == ib["world"]:
            p += P_SAME_WORLD
        if ia["group"] == ib["group"]:
            p += P_SAME_TERRITORY
        if (a in support and ib["world"] == "company") or (b in support and ia["world"] == "company"):
            p += P_SUPPORT_COMPANY
        return p

    tied1 = {frozenset(p) for p in combinations(names, 2) if rng.random() < p_tie(*p)}

    # the programme's cohorts (the SPRINT: 10 in the main programme, 10 more on third places)
    companies = [n for n in names if info[n]["world"] == "company"]
    rng.shuffle(companies)
    main = sorted(companies[:8])
    third = sorted({*companies[8:15], "Atelier Bois & Savoirs"})
    main = sorted(set(main) - {"Atelier Bois & Savoirs"})
    others = [n for n in names if info[n]["world"] in ("association", "research", "citizen")]
    tp = {"Tiers-lieu La Forge", "Fablab des Vaux", "Café associatif Le Moulin",
          "Recyclerie de la Vallée", "Coworking Le Mesnil"}
    sup = sorted(support)

    def pick(pool: list[str], k: int) -> list[str]:
        return rng.sample(sorted(pool), min(k, len(pool)))

    present: dict[str, set[str]] = {}
    for ev in EVENTS:
        name, place = ev[0], ev[3]
        host = {place} if place in tp else set()
        if name.startswith("SPRINT atelier 1") or name.startswith("SPRINT atelier 4"):
            who = {park, *pick(main, 7), *pick(sup, 2)}
        elif name.startswith("SPRINT atelier"):
            who = {park, *host, *pick(third, 6), *pick(sup, 1), *pick(sorted(tp - host), 1)}
        elif name.startswith("SPRINT session en ligne"):
            who = {park, *pick(main, 5), *pick(third, 3), *pick(sup, 2)}
        elif name.startswith("Collaborathon"):
            who = {park, *host, *pick(main, 4), *pick(third, 4), *pick(others, 6)}
        elif name.startswith("Comité"):
            publics = [n for n in names if info[n]["world"] == "public" and n != park]
            who = {park, "Mairie de Chevreuse", *pick(publics, 3), *pick(sup, 2),
                   *pick(main, 2), *pick(third, 1), *pick(sorted(tp), 1), *pick(others, 1)}
        else:  # the festival: anyone may come
            who = {*host, *pick(sorted(set(names) - host), 24)}
        present[name] = who

    # exposure of each pair to hands-on events in third places
    hands_on = defaultdict(int)
    for ev in EVENTS:
        if _third_place_hands_on(ev):
            for a, b in combinations(sorted(present[ev[0]]), 2):
                hands_on[frozenset((a, b))] += 1

    # latent wave-1 distances
    adj = defaultdict(set)
    for p in tied1:
        a, b = tuple(p)
        adj[a].add(b)
        adj[b].add(a)
    dist = {n: _bfs(adj, n) for n in names}

    tied2 = set()
    for p in combinations(names, 2):
        pair = frozenset(p)
        if pair in tied1:
            if rng.random() < KEEP:
                tied2.add(pair)
            continue
        d = dist[p[0]].get(p[1], 99)
        prob = BASE_NEW[2] if d == 2 else BASE_NEW[3]
        k = hands_on.get(pair, 0)
        if k:
            prob += min(BOOST_CAP, BOOST_FIRST + BOOST_MORE * (k - 1))
        if rng.random() < prob:
            tied2.add(pair)
    # the actors new in wave 2 tie to a few actors of their territory
    new_names = [a[0] for a in NEW_IN_WAVE2]
    for n in new_names:
        mates = sorted(m for m in names if info[m]["group"] == info[n]["group"])
        for m in rng.sample(mates, 3):
            tied2.add(frozenset((n, m)))

    answer1 = {n for n in names if n in ALWAYS_ANSWER or rng.random() < ANSWER}
    answer2 = set(answer1)
    movers = sorted(answer1 - ALWAYS_ANSWER)
    for n in rng.sample(movers, 2):  # two wave-1 respondents do not answer again
        answer2.discard(n)
    silent = sorted(set(names) - answer1)
    for n in rng.sample(silent, 2):  # two wave-1 non-respondents answer in wave 2
        answer2.add(n)
    answer2 |= set(new_names)
    people = {}
    for n in names + new_names:
        people[n] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return {"names": names, "new_names": new_names, "info": info, "tied1": tied1,
            "tied2": tied2, "present": present, "answer1": answer1, "answer2": answer2,
            "people": people, "main": main, "third": third}


def _bfs(adj: dict, source: str) -> dict[str, int]:
    seen = {source: 0}
    queue = deque([source])
    while queue:
        x = queue.popleft()
        for y in sorted(adj[x]):
            if y not in seen:
                seen[y] = seen[x] + 1
                queue.append(y)
    return seen


# --------------------------------------------------------------------------- writing


def _csv(rows: list[list[str]], delimiter: str = ";") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def actors_rows(names: list[str], info: dict) -> list[list[str]]:
    rows = [["Nom", "Secteur", "Type", "Territoire", "Thèmes", "Alias"]]
    for n in names:
        d = info[n]
        territory = "Parc naturel régional de la Haute Vallée de Chevreuse" if d["group"] == "park" \
            else GROUPS[d["group"]][1]
        alias = "PNR Haute Vallée de Chevreuse|PNR" if n == PARC else ""
        rows.append([n, d["sectors"], d["kind"], territory, d["themes"], alias])
    return rows


def survey_rows(rng: random.Random, names: list[str], tied: set, answer: set, info: dict,
                people: dict, conflicts: list[tuple[str, str]]) -> list[list[str]]:
    rows = [["Répondant", "Structure", "Secteur", "Partenaire", "Type de relation", "Fréquence",
             "Confiance", "Thème"]]
    nbrs = defaultdict(list)
    for p in sorted(tied, key=sorted):
        a, b = sorted(p)
        nbrs[a].append(b)
        nbrs[b].append(a)
    for n in names:
        if n not in answer:
            continue
        first_sector = info[n]["sectors"].split("|")[0]
        for m in sorted(nbrs[n]):
            if rng.random() >= REPORT:
                continue
            relation = rng.choice(RELATIONS)
            if info[n]["world"] == "public" and info[m]["world"] in ("company", "intermediary",
                                                                     "association") \
                    and rng.random() < 0.15:
                relation = "Financement"
            theme = rng.choice([*info[n]["themes"].split("|"), ""])
            rows.append([people[n], n, first_sector, m, relation, rng.choice(FREQUENCIES),
                         str(rng.choice([2, 3, 3, 4, 4, 5])), theme])
        for a, b in conflicts:
            if a == n:
                rows.append([people[n], n, first_sector, b, "Conflit", "plusieurs fois par an",
                             "1", ""])
    return rows


def affiliation_rows(rng: random.Random, present: dict) -> list[list[str]]:
    rows = [["Acteur", "Événement", "Type d'événement", "Date", "Lieu", "Commune", "Type de lieu"]]
    for ev in EVENTS:
        name, etype, date, place, commune, ptype, _ = ev
        for who in sorted(present[name]):
            rows.append([who, name, etype, date, place, commune, ptype])
    # one participant written as on the sign-in sheet (same actor once normalised)
    for r in rows[1:]:
        if r[0] == PARC and r[1].startswith("Collaborathon"):
            r[0] = "PNR Haute Vallée de Chevreuse"
    return rows


# --------------------------------------------------------------------------- measuring


def _read(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def measure(files: dict[str, str]) -> dict:
    """The planted effect as the files show it (plain Python, survey rows only)."""
    reg1 = _read(files["actors.csv"])
    reg2 = _read(files["wave2/actors.csv"])
    alias = {actor_id(a): actor_id(r["Nom"]) for r in reg1 + reg2 for a in r["Alias"].split("|")
             if a}

    def rid(name: str) -> str:
        return alias.get(actor_id(name), actor_id(name))

    worlds = {actor_id(r["Nom"]): world(r["Secteur"]) for r in reg1}
    both = sorted(set(worlds) & {actor_id(r["Nom"]) for r in reg2})

    def positive(text: str) -> set[frozenset]:
        return {frozenset((rid(r["Structure"]), rid(r["Partenaire"]))) for r in _read(text)
                if r["Type de relation"] != "Conflit" and rid(r["Structure"]) != rid(r["Partenaire"])}

    t1, t2 = positive(files["survey.csv"]), positive(files["wave2/survey.csv"])
    adj = defaultdict(set)
    for p in t1:
        a, b = tuple(p)
        adj[a].add(b)
        adj[b].add(a)
    dist = {n: _bfs(adj, n) for n in both}
    events = defaultdict(set)
    kind = {}
    for r in _read(files["wave2/affiliations.csv"]):
        events[r["Événement"]].add(rid(r["Acteur"]))
    for ev in EVENTS:
        kind[ev[0]] = ev

    def stratum(a: str, b: str) -> tuple:
        return (tuple(sorted((worlds[a], worlds[b]))), dist[a].get(b, -1))

    pairs = [frozenset(p) for p in combinations(both, 2) if frozenset(p) not in t1]

    def effect(exposed_events: list[str]) -> dict:
        exposed = {p for p in pairs if any(p <= events[e] for e in exposed_events)}
        strata_exposed = defaultdict(lambda: [0, 0])
        strata_other = defaultdict(lambda: [0, 0])
        for p in pairs:
            a, b = sorted(p)
            s = stratum(a, b)
            box = strata_exposed if p in exposed else strata_other
            box[s][0] += 1
            box[s][1] += p in t2
        comparable = {s: v for s, v in strata_other.items() if s in strata_exposed}
        n1 = sum(v[0] for v in strata_exposed.values())
        a1 = sum(v[1] for v in strata_exposed.values())
        n0 = sum(v[0] for v in comparable.values())
        a0 = sum(v[1] for v in comparable.values())
        num = den = 0.0
        for s, (m1, x1) in strata_exposed.items():
            m0, x0 = comparable.get(s, (0, 0))
            if m0 == 0:
                continue
            num += x1 * m0 / (m1 + m0)
            den += x0 * m1 / (m1 + m0)
        return {"pairs_together": n1, "new_ties_together": a1,
                "rate_together": round(a1 / n1, 4) if n1 else None,
                "pairs_comparable": n0, "new_ties_comparable": a0,
                "rate_comparable": round(a0 / n0, 4) if n0 else None,
                "mantel_haenszel_rate_ratio": round(num / den, 3) if den else None,
                "strata": len(comparable)}

    hands_on = [e[0] for e in EVENTS if _third_place_hands_on(e)]
    out = {
        "definitions": "pairs of actors in both registries with no positive survey tie in "
                       "wave 1 (conflicts excluded; the park's alias resolved); together: took "
                       "part together in at least one of the events considered; comparable: the "
                       "other pairs (they may have met at other events) of the strata (pair of "
                       "primary worlds, wave-1 hop distance, -1 if unreachable) holding a pair "
                       "together; outcome: a positive survey tie in wave 2; strata: those with "
                       "pairs together and comparable pairs; rate ratio: Mantel-Haenszel",
        "hands_on_in_third_places": effect(hands_on),
        "any_event": effect([e[0] for e in EVENTS]),
    }
    out["per_event"] = {e[0]: effect([e[0]]) for e in EVENTS}
    return out


# --------------------------------------------------------------------------- main


def make() -> dict[str, str | bytes]:
    rng = random.Random(SEED)
    d = draw(rng)
    names, info = d["names"], d["info"]
    conflicts1 = [("Transports Doux du Parc", "Mobilités Douces en Vallée")]
    conflicts2 = [("Transports Doux du Parc", "Mobilités Douces en Vallée"),
                  ("Brasserie de la Vallée", "Mairie de Chevreuse")]
    conflicts1 = [c for c in conflicts1 if c[0] in d["answer1"]]
    conflicts2 = [c for c in conflicts2 if c[0] in d["answer2"]]
    files: dict[str, str] = {}
    files["actors.csv"] = _csv(actors_rows(names, info))
    files["survey.csv"] = _csv(survey_rows(rng, names, d["tied1"], d["answer1"], info,
                                           d["people"], conflicts1))
    names2 = names + d["new_names"]
    files["wave2/actors.csv"] = _csv(actors_rows(names2, info))
    files["wave2/survey.csv"] = _csv(survey_rows(rng, names2, d["tied2"], d["answer2"], info,
                                                 d["people"], conflicts2))
    files["wave2/affiliations.csv"] = _csv(affiliation_rows(rng, d["present"]))

    measured = measure(files)
    hands = measured["hands_on_in_third_places"]
    assert hands["rate_together"] > 3 * hands["rate_comparable"], hands  # the plant shows

    by_type: dict[str, set[str]] = defaultdict(set)
    n_worlds: dict[str, list[int]] = defaultdict(list)
    type_events: dict[str, list[str]] = defaultdict(list)
    ids = {n: actor_id(n) for n in names2}
    events = {}
    for ev in EVENTS:
        name, etype, _date, place, commune, ptype, hands_on = ev
        place_type = PLACE_TYPE.get(ptype) or ("online" if "Zoom" in place else "institutional")
        who = sorted(ids[n] for n in d["present"][name])
        type_events[place_type].append(name)
        by_type[place_type] |= {info[n]["world"] for n in d["present"][name]}
        n_worlds[place_type].append(len({info[n]["world"] for n in d["present"][name]}))
        events[name] = {
            "event_type": {"atelier": "workshop", "webinaire": "webinar", "comité": "committee",
                           "festival": "festival", "collaborathon": "collaborathon"}[etype],
            "place": place, "location": commune or None, "place_type": place_type,
            "hands_on": hands_on, "participants": len(who),
            "planted_effect": "boost" if _third_place_hands_on(ev) else "none",
        }
    expected = {
        "sample": NAME,
        "case": "SPRINT, the entrepreneur support programme of the regional natural park of the "
                "Haute Vallée de Chevreuse (CASES.md, case 2)",
        "files": {
            "actors.csv": {"encoding": "utf-8", "delimiter": ";"},
            "survey.csv": {"encoding": "utf-8", "delimiter": ";"},
            "wave2/actors.csv": {"encoding": "utf-8", "delimiter": ";"},
            "wave2/survey.csv": {"encoding": "utf-8", "delimiter": ";"},
            "wave2/affiliations.csv": {"encoding": "cp1252", "delimiter": ";"},
        },
        "survey_layout": "long",
        "waves": {"wave1": "January 2025, before the programme",
                  "wave2": "October 2025, after the programme and the festival"},
        "affiliations": "wave2/affiliations.csv",
        "planted": ["co-participation effect"],
        "planted_effect": {
            "rule": "a pair not tied in wave 1 forms a tie by wave 2 with probability "
                    "base_new[latent wave-1 distance] + boost if they took part together in at "
                    "least one hands-on event held in a third place (+ boost_more per further "
                    "one, capped); no other event changes it",
            "base_new": {"distance 2": BASE_NEW[2], "distance 3 or more": BASE_NEW[3]},
            "boost_first": BOOST_FIRST, "boost_more": BOOST_MORE, "boost_cap": BOOST_CAP,
            "events_with_effect": [e[0] for e in EVENTS if _third_place_hands_on(e)],
            "events_without_effect": [e[0] for e in EVENTS if not _third_place_hands_on(e)],
            "keep_wave1_tie": KEEP, "answer": ANSWER, "report": REPORT,
        },
        "events": events,
        "place_types": {
            t: {"events": type_events[t], "worlds": sorted(by_type[t]),
                "mean_worlds_per_event": round(sum(n_worlds[t]) / len(n_worlds[t]), 2)}
            for t in sorted(type_events)
        },
        "measured": measured,
        "hybrids_declared": [actor_id("Atelier Bois & Savoirs")],
        "non_respondents": {
            "wave1": sorted(ids[n] for n in names if n not in d["answer1"]),
            "wave2": sorted(ids[n] for n in names2 if n not in d["answer2"]),
        },
        "new_actors_wave2": sorted(ids[n] for n in d["new_names"]),
        "cohorts": {"main_programme": sorted(ids[n] for n in d["main"]),
                    "third_places_track": sorted(ids[n] for n in d["third"])},
        "conflicts": {"wave1": [[ids[a], ids[b]] for a, b in conflicts1],
                      "wave2": [[ids[a], ids[b]] for a, b in conflicts2]},
        "messy_names": {"aliases": {"PNR Haute Vallée de Chevreuse": actor_id(PARC)}},
    }
    out: dict[str, str | bytes] = {}
    for rel, text in files.items():
        out[rel] = text.encode(expected["files"][rel]["encoding"])
    out["expected.json"] = (json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True)
                            + "\n").encode("utf-8")
    return out


def main(root: Path) -> None:
    folder = root / NAME
    for rel, data in make().items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
