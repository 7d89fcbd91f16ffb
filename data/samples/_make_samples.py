"""Regenerate the bundled sample datasets of :mod:`alliances` (deterministic).

Run from the repository root::

    .venv/bin/python data/samples/_make_samples.py           # rewrite data/samples/
    .venv/bin/python data/samples/_make_samples.py /tmp/out  # write elsewhere (audit)

Each sample is described below as a list of actors (name, declared sectors,
cluster, themes, whether it answered the survey) and a few planted roles;
ties are then drawn with a seeded :class:`random.Random` following explicit
rules, so the planted structure is known by construction:

* ordinary actors cite 2 to 4 actors of their own cluster (a cluster is a
  group of actors of mostly one world) and rarely (15 %) one actor of another
  cluster, with trust 2 to 4 (5 is rare);
* a **trusted intermediary** is cited by 10 to 14 respondents from at least
  four worlds with trust 4 or 5/5, and cites one or two actors of every main
  cluster itself, so it sits on the paths between clusters;
* a **hybrid** declares two sectors and cites one or two actors in each of
  three or four clusters of other worlds (some cite it back);
* a **disconnected group** ties only among its members: nobody outside cites
  them and they cite nobody outside (surveys, interviews and participation
  lists alike);
* a **missing link** is a pair (a member of a disconnected group, an actor of
  the main component) holding a rare theme that nobody else holds.

Then the field's noise is added on purpose: non-respondents (cited, never
answered), one-sided ties, a conflict tie or two, a self-nomination, an empty
slot, an unparseable trust value and, where documented, messy spellings.

The script checks its own output (planted roles measurable, no other actor
qualifies, disconnected groups are separate components...) and writes every
folder's CSV files, ``expected.json``, ``README.md`` and ``study.toml`` (the
study's title and subtitle in English and French; ``chevreuse-sprint``'s too, whose
data ``_make_chevreuse.py`` writes). Nothing else in the
library depends on it.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from alliances.model import actor_id, canonical_sector  # noqa: E402

FREQUENCIES = ["une fois par an", "plusieurs fois par an", "mensuel", "hebdomadaire", "quotidien"]
FREQ_WEIGHTS = [2, 4, 5, 3, 1]


# --------------------------------------------------------------------------- model


@dataclass
class Actor:
    name: str
    sectors: tuple[str, ...]  # as written in the file (French labels)
    cluster: str
    themes: tuple[str, ...]
    kind: str = "organisation"
    territory: str = ""
    aliases: tuple[str, ...] = ()
    respond: bool = True
    people: tuple[str, ...] = ()  # respondents' names (invented)

    @property
    def id(self) -> str:
        return actor_id(self.name)

    @property
    def world(self) -> str:
        return canonical_sector(self.sectors[0])


@dataclass
class Tie:
    source: str  # actor name
    target: str
    relation: str = "collaboration"
    frequency: str = "mensuel"
    trust: str = "3"
    theme: str = ""


@dataclass
class Spec:
    name: str
    seed: int
    actors: list[Actor]
    intermediaries: list[str]
    hybrids: dict[str, list[str]]  # hybrid name -> clusters it bridges to
    groups: list[str]  # cluster names that are disconnected
    missing_links: list[tuple[str, str]]
    conflicts: list[tuple[str, str]]
    extra: list[Tie] = field(default_factory=list)


def _by_name(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def draw_ties(spec: Spec) -> list[Tie]:
    """Draw the survey ties of a sample following the rules of the module docstring."""
    rng = random.Random(spec.seed)
    actors = spec.actors
    byname = _by_name(actors)
    clusters: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        clusters[a.cluster].append(a)
    main = [c for c in clusters if c not in spec.groups]
    roles = set(spec.intermediaries) | set(spec.hybrids)
    ties: dict[tuple[str, str], Tie] = {}

    def add(src: Actor, dst: Actor, *, trust: int | None = None, relation: str | None = None,
            freq: str | None = None) -> None:
        if src.name == dst.name or (src.name, dst.name) in ties:
            return
        if trust is None:
            trust = rng.choice([2, 3, 3, 3, 4, 4, 5])
        if relation is None:
            relation = rng.choices(["collaboration", "information", "financement"], [6, 4, 1])[0]
            if relation == "financement" and src.world not in ("public", "intermediary"):
                relation = "information"
        common = [t for t in src.themes if t in dst.themes]
        ties[src.name, dst.name] = Tie(
            src.name, dst.name, relation,
            freq or rng.choices(FREQUENCIES, FREQ_WEIGHTS)[0], str(trust),
            rng.choice(common) if common else "")

    # ordinary within-cluster ties, and rare cross-cluster noise inside the main component
    for a in actors:
        if not a.respond or a.name in roles:
            continue
        mates = [b for b in clusters[a.cluster] if b.name != a.name and b.name not in roles]
        for b in rng.sample(mates, min(len(mates), rng.randint(2, 4))):
            add(a, b)
        if a.cluster in main and rng.random() < 0.15:
            other = rng.choice([c for c in main if c != a.cluster])
            pool = [b for b in clusters[other] if b.name not in roles]
            add(a, rng.choice(pool), trust=rng.choice([2, 3]))
    # trusted intermediaries: cited by many, with trust 4-5, from 4+ worlds
    for name in spec.intermediaries:
        ti = byname[name]
        by_world: dict[str, list[Actor]] = defaultdict(list)
        for a in actors:
            if a.respond and a.cluster in main and a.name != name and a.name not in spec.intermediaries:
                by_world[a.world].append(a)
        worlds = sorted(by_world)
        rng.shuffle(worlds)
        citers: list[Actor] = []
        want = rng.randint(10, 14)
        while len(citers) < want:
            progressed = False
            for w in worlds:
                left = [a for a in by_world[w] if a not in citers]
                if left and len(citers) < want:
                    citers.append(rng.choice(left))
                    progressed = True
            if not progressed:
                break
        for a in citers:
            ties.pop((a.name, name), None)
            add(a, ti, trust=rng.choice([4, 5, 5]), relation=rng.choice(["collaboration", "confiance"]))
        for c in main:
            pool = [b for b in clusters[c] if b.name != name and b.name not in roles]
            for b in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                add(ti, b, trust=rng.choice([3, 4]))
    # hybrids: ties into several worlds
    for name, bridges in spec.hybrids.items():
        h = byname[name]
        for c in [h.cluster, *bridges]:
            pool = [b for b in clusters[c] if b.name != name and b.name not in roles]
            for b in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                add(h, b, trust=rng.choice([3, 4]))
                if b.respond and rng.random() < 0.5:
                    add(b, h, trust=rng.choice([3, 4]))
    # every non-respondent is cited at least once, by a respondent of its cluster
    cited = {t.target for t in ties.values()}
    for a in actors:
        if not a.respond and a.name not in cited:
            pool = [b for b in clusters[a.cluster] if b.respond and b.name not in roles]
            add(rng.choice(pool), a)
    for src, dst in spec.conflicts:
        ties.pop((src, dst), None)
        add(byname[src], byname[dst], relation="conflit", trust=1, freq="plusieurs fois par an")
    for t in spec.extra:
        ties[t.source, t.target] = t
    return sorted(ties.values(), key=lambda t: (t.source, t.target))


# --------------------------------------------------------------------------- checks


def _worlds(spec: Spec) -> dict[str, str]:
    return {a.id: a.world for a in spec.actors}


def measure(spec: Spec, ties: list[Tie], pairs: list[tuple[str, str]] = ()) -> dict:
    """Measure what the planted roles claim, on positive ties (survey + extra pairs)."""
    world = _worlds(spec)
    pos = [(actor_id(t.source), actor_id(t.target), t) for t in ties if t.relation != "conflit"]
    nbrs: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in pos:
        nbrs[u].add(v)
        nbrs[v].add(u)
    for u, v in pairs:
        nbrs[u].add(v)
        nbrs[v].add(u)
    high: dict[str, set[str]] = defaultdict(set)
    for u, v, t in pos:
        if t.trust.isdigit() and int(t.trust) >= 4:
            high[v].add(u)
    trusted = sorted(v for v, us in high.items()
                     if len(us) >= 8 and len({world[u] for u in us}) >= 4)
    multi = [a.id for a in spec.actors if len({canonical_sector(s) for s in a.sectors}) >= 2]
    hybrids = sorted(a for a in multi if len({world[b] for b in nbrs[a]} - {world[a]}) >= 3)
    seen: set[str] = set()
    comps = []
    for a in sorted(world):
        if a in seen:
            continue
        stack, comp = [a], set()
        while stack:
            x = stack.pop()
            if x in comp:
                continue
            comp.add(x)
            stack.extend(nbrs[x] - comp)
        seen |= comp
        comps.append(sorted(comp))
    comps.sort(key=lambda c: (-len(c), c))
    return {"trusted": trusted, "hybrids": hybrids, "components": comps, "neighbours": nbrs,
            "high_trust": {v: sorted(us) for v, us in high.items()}}


def check(spec: Spec, ties: list[Tie], pairs: list[tuple[str, str]] = ()) -> dict:
    """Assert the planted structure is there and nothing else qualifies; return expected ids."""
    m = measure(spec, ties, pairs)
    byname = _by_name(spec.actors)
    ti = sorted(actor_id(n) for n in spec.intermediaries)
    hy = sorted(actor_id(n) for n in spec.hybrids)
    # the planted intermediaries qualify; other actors may too, by chance (no rating is
    # adjusted so that they do not: issue 14)
    assert set(ti) <= set(m["trusted"]), (spec.name, m["trusted"], ti)
    assert m["hybrids"] == hy, (spec.name, m["hybrids"], hy)
    multi = sorted(a.id for a in spec.actors if len({canonical_sector(s) for s in a.sectors}) > 1)
    assert multi == hy, (spec.name, multi)  # only hybrids declare several worlds
    groups = [sorted(a.id for a in spec.actors if a.cluster == g) for g in spec.groups]
    assert m["components"][1:] == sorted(groups, key=lambda c: (-len(c), c)), (
        spec.name, m["components"][1:], groups)
    nbrs = m["neighbours"]
    for a, b in spec.missing_links:
        ia, ib = actor_id(a), actor_id(b)
        shared = set(byname[a].themes) & set(byname[b].themes)
        assert shared and ib not in nbrs[ia], (spec.name, a, b)
        for theme in shared:  # the theme is rare: these two hold it, plus the group at most
            holders = {x.name for x in spec.actors if theme in x.themes}
            assert holders <= {a, b} | {x.name for x in spec.actors
                                        if x.cluster == byname[a].cluster}, (theme, holders)
    non = [a for a in spec.actors if not a.respond]
    rate = len(non) / len(spec.actors)
    assert 0.18 <= rate <= 0.32, (spec.name, rate)
    assert 30 <= len(spec.actors) <= 150
    assert all(nbrs[a.id] for a in spec.actors), [a.name for a in spec.actors if not nbrs[a.id]]
    try:  # registry names must not look like duplicates of each other
        from alliances.io.names import suggest_merges
        assert not suggest_merges({a.id: a.name for a in spec.actors}), spec.name
    except ImportError:  # pragma: no cover
        pass
    return {
        "hybrids": hy,
        "trusted_intermediaries": ti,
        "disconnected_groups": groups,
        "missing_links": [sorted([actor_id(a), actor_id(b)]) for a, b in spec.missing_links],
        "non_respondents": sorted(a.id for a in non),
    }


# --------------------------------------------------------------------------- writing


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, encoding: str,
              delimiter: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n"
                        if encoding == "cp1252" else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))


def actor_rows(actors: list[Actor]) -> list[list[str]]:
    return [[a.name, "|".join(a.sectors), "personne" if a.kind == "person" else "organisation",
             a.territory, "|".join(a.themes), "|".join(a.aliases)] for a in actors]


def long_rows(spec: Spec, ties: list[Tie], spell: dict[int, tuple[str, str]]) -> list[list[str]]:
    """One row per nomination; ``spell`` overrides (organisation, contact) spellings by row."""
    byname = _by_name(spec.actors)
    people = _people(spec)
    rows = []
    for i, t in enumerate(ties):
        src = byname[t.source]
        org, contact = spell.get(i, (t.source, t.target))
        rows.append([people[src.name][0], org, src.sectors[0], contact, t.relation,
                     t.frequency, t.trust, t.theme])
    return rows


_FIRST = ["Claire", "Julien", "Sophie", "Karim", "Nathalie", "Thomas", "Isabelle", "Mehdi",
          "Camille", "Laurent", "Aurélie", "Olivier", "Fatima", "Pierre", "Élodie", "Nicolas",
          "Sandrine", "Yann", "Amandine", "François", "Chloé", "Rachid", "Hélène", "Benoît",
          "Léa", "Stéphane", "Inès", "Damien", "Marion", "Sébastien", "Agnès", "Hugo",
          "Valérie", "Antoine", "Samia", "Guillaume", "Céline", "Bruno", "Manon", "Xavier"]
_LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Roux", "Fournier",
         "Lambert", "Bonnet", "Mercier", "Faure", "Garnier", "Chevalier", "Rousseau", "Blanc",
         "Guérin", "Muller", "Henry", "Roussel", "Perrin", "Morel", "Gauthier", "Dumont",
         "Benali", "Nguyen", "Da Silva", "Haddad", "Vuillemin", "Cuenot", "Jeannin", "Bourgeois",
         "Pelletier", "Lemoine", "Renaud", "Collin", "Marchand", "Barbier", "Brun", "Caron"]


def _people(spec: Spec) -> dict[str, tuple[str, ...]]:
    rng = random.Random(spec.seed + 1)
    used: set[str] = set()
    out = {}
    for a in spec.actors:
        if a.kind == "person":
            out[a.name] = (a.name,)
            continue
        names = list(a.people)
        while len(names) < 1:
            n = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if n not in used:
                names.append(n)
        used.update(names)
        out[a.name] = tuple(names)
    return out


POS_QUOTES = [
    "Avec {c}, on se comprend : ils parlent notre langue et celle des élus.",
    "{c} nous a ouvert des portes qu'on n'aurait jamais ouvertes seuls.",
    "Quand il y a un blocage, j'appelle {c}, c'est le réflexe.",
    "On a monté un vrai projet avec {c}, concret, sur le terrain.",
    "{c}, ce sont des gens fiables, ils font ce qu'ils disent.",
    "Le travail avec {c} a changé notre façon de voir les choses.",
]
NEU_QUOTES = [
    "On croise {c} en réunion, on échange des informations, sans plus.",
    "{c} nous envoie leurs comptes rendus, on suit de loin.",
    "On connaît {c}, on a eu un ou deux échanges cette année.",
    "Avec {c}, c'est surtout administratif : des dossiers, des subventions.",
]
NEG_QUOTES = [
    "Avec {c}, on ne parle pas la même langue, chaque réunion est un dialogue de sourds.",
    "{c} décide dans son coin et nous met devant le fait accompli.",
    "On a l'impression que {c} ne nous écoute pas, ça crée des tensions.",
    "Les délais de {c} ne sont pas les nôtres : on attend, on attend...",
]


def interview_rows(spec: Spec, ties: list[Tie], n: int, seed: int,
                   special: list[tuple[str, str, str, str, str]] = ()) -> list[list[str]]:
    """Coded interviews on existing ties (they confirm, never create, the planted structure)."""
    rng = random.Random(seed)
    byname = _by_name(spec.actors)
    people = _people(spec)
    short = {a.name: a.name for a in spec.actors}
    ti = set(spec.intermediaries)
    pool = [t for t in ties if byname[t.source].respond]
    chosen = [t for t in pool if t.target in ti and rng.random() < 0.5]
    chosen += [t for t in pool if t.relation == "conflit"]
    rest = [t for t in pool if t not in chosen]
    chosen += rng.sample(rest, max(0, n - len(chosen)))
    # interviewees: one interview per source actor
    interviews: dict[str, str] = {}
    rows = []
    for t in sorted(chosen, key=lambda t: (t.source, t.target)):
        code = interviews.setdefault(t.source, f"E{len(interviews) + 1:02d}")
        if t.relation == "conflit":
            tone, quote, rel = "négatif", rng.choice(NEG_QUOTES), "conflit"
        elif t.target in ti:
            tone, quote, rel = "positif", rng.choice(POS_QUOTES), "confiance"
        else:
            r = rng.random()
            if r < 0.15:
                tone, quote, rel = "négatif", rng.choice(NEG_QUOTES), "mention"
            elif r < 0.55:
                tone, quote, rel = "neutre", rng.choice(NEU_QUOTES), "information"
            else:
                tone, quote, rel = "positif", rng.choice(POS_QUOTES), "collaboration"
        rows.append([code, people[t.source][0], t.source, t.target, rel, tone,
                     quote.format(c=short[t.target])])
    for src, dst, rel, tone, quote in special:
        code = interviews.setdefault(src, f"E{len(interviews) + 1:02d}")
        rows.append([code, people[src][0], src, dst, rel, tone, quote])
    rows.sort(key=lambda r: (int(r[0][1:]), r[3]))
    return rows


def readme(spec: Spec, title: str, story: str, files: str, expected: dict, extra: str = "") -> str:
    byname = {a.id: a for a in spec.actors}
    m_ti = expected["trusted_intermediaries"]

    def lab(i: str) -> str:
        return f"`{i}` ({byname[i].name})" if i in byname else f"`{i}`"

    lines = [f"# {title}", "", story, "",
             f'Load it with `alliances.samples.load("{spec.name}")`; '
             f'`alliances.samples.expected("{spec.name}")` returns `expected.json`.', "",
             "## Files", "", files, "",
             "## Planted structure (also in `expected.json`)", "",
             "Generated by `data/samples/_make_samples.py` (seeded, deterministic), which "
             "checks every claim below on the generated ties before writing.", "",
             "**Trusted intermediaries** (trust 4 or 5/5 from at least 8 actors of at least 4 "
             "worlds; they cite actors of every cluster, so they sit on the paths between them):",
             ""]
    lines += [f"- {lab(i)}" for i in m_ti]
    lines += ["", "**Hybrids** (declare two sectors in `actors.csv`, ties into at least 3 "
              "worlds):", ""]
    lines += [f"- {lab(i)}: {' + '.join(byname[i].sectors)}" for i in expected["hybrids"]]
    lines += ["", "**Disconnected groups** (tie only among themselves, in every file):", ""]
    lines += ["- " + ", ".join(lab(i) for i in g) for g in expected["disconnected_groups"]]
    lines += ["", "**Missing introductions** (a member of a disconnected group and an actor of "
              "the main component share a theme nobody else holds):", ""]
    for a, b in expected["missing_links"]:
        shared = sorted(set(byname[a].themes) & set(byname[b].themes))
        lines.append(f"- {lab(a)} and {lab(b)}: {', '.join(shared)}")
    lines += ["", f"**Non-respondents** ({len(expected['non_respondents'])} of "
              f"{len(spec.actors)} actors: cited, never answered, so they only have incoming "
              "ties):", "", ", ".join(f"`{i}`" for i in expected["non_respondents"]), ""]
    if extra:
        lines += [extra, ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- study.toml

#: Each sample's title and subtitle, in English and French: the maps and the report show
#: them (``alliances.maps.spec.study_title``) instead of the folder's name. A wave folder
#: has its own, since a graph loaded from it knows only that folder. The titles of all four
#: samples are here, ``chevreuse-sprint``'s too (its data come from ``_make_chevreuse.py``):
#: one list, so that they are written alike.
STUDIES: dict[str, dict[str, dict[str, str]]] = {
    "antony-velo": {".": {
        "title": "Antony bicycle committee",
        "title_fr": "Comité vélo d'Antony",
        "subtitle": "Who works with whom on cycling in town, and how much they trust each other: "
                    "questionnaire and interviews (sample data)",
        "subtitle_fr": "Qui travaille avec qui sur le vélo en ville, et avec quelle confiance : "
                       "questionnaire et entretiens (données d'exemple)",
    }},
    "sqy-rse": {
        ".": {
            "title": "CSR club of Saint-Quentin-en-Yvelines",
            "title_fr": "Club RSE de Saint-Quentin-en-Yvelines",
            "subtitle": "Companies, the agglomeration's services and employment bodies before the "
                        "collaborathon: questionnaire and interviews (sample data)",
            "subtitle_fr": "Entreprises, services de l'agglomération et acteurs de l'emploi avant le "
                           "collaborathon : questionnaire et entretiens (données d'exemple)",
        },
        "wave2": {
            "title": "CSR club of Saint-Quentin-en-Yvelines, one year later",
            "title_fr": "Club RSE de Saint-Quentin-en-Yvelines, un an après",
            "subtitle": "Second wave, after the collaborathon: questionnaire and interviews "
                        "(sample data)",
            "subtitle_fr": "Deuxième vague, après le collaborathon : questionnaire et entretiens "
                           "(données d'exemple)",
        },
    },
    "chevreuse-sprint": {
        ".": {
            "title": "The entrepreneur SPRINT of the Haute Vallée de Chevreuse natural park",
            "title_fr": "Le SPRINT des entrepreneurs du Parc naturel régional de la Haute Vallée "
                        "de Chevreuse",
            "subtitle": "Before the programme (wave 1, January 2025): questionnaire (sample data)",
            "subtitle_fr": "Avant le programme (vague 1, janvier 2025) : questionnaire (données "
                           "d'exemple)",
        },
        "wave2": {
            "title": "The entrepreneur SPRINT of the Haute Vallée de Chevreuse natural park, "
                     "after the programme",
            "title_fr": "Le SPRINT des entrepreneurs du Parc naturel régional de la Haute Vallée "
                        "de Chevreuse, après le programme",
            "subtitle": "Wave 2, October 2025: questionnaire and the sign-in sheets of the events "
                        "between the waves (sample data)",
            "subtitle_fr": "Vague 2, octobre 2025 : questionnaire et feuilles d'émargement des "
                           "événements entre les deux vagues (données d'exemple)",
        },
    },
    "morteau-reemploi": {".": {
        "title": "Reuse and circular economy in the Val de Morteau",
        "title_fr": "Réemploi et économie circulaire dans le Val de Morteau",
        "subtitle": "Local authorities, social-economy actors, companies and citizens around a "
                    "shared reuse site: questionnaire, interviews and participation list "
                    "(sample data)",
        "subtitle_fr": "Collectivités, acteurs de l'économie sociale et solidaire, entreprises et "
                       "citoyens autour d'un site de réemploi partagé : questionnaire, entretiens "
                       "et liste de participation (données d'exemple)",
    }},
}


def study_toml(study: dict[str, str]) -> str:
    """The text of a ``study.toml``: a ``[study]`` table of plain strings, keys in a fixed order.

    A JSON string is a valid TOML basic string (same escapes), so ``json.dumps``
    quotes each value.
    """
    lines = ["# Title and subtitle of this study, in English and French: alliances' maps and",
             "# report show them. Written by data/samples/_make_samples.py.", "", "[study]"]
    lines += [f"{key} = {json.dumps(study[key], ensure_ascii=False)}"
              for key in ("title", "title_fr", "subtitle", "subtitle_fr")]
    return "\n".join(lines) + "\n"


def write_studies(root: Path) -> None:
    """Write the ``study.toml`` of every sample (and of its wave folders) under ``root``."""
    for name, subs in STUDIES.items():
        for sub, study in subs.items():
            folder = root / name / sub
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "study.toml").write_text(study_toml(study), encoding="utf-8")


# --------------------------------------------------------------------------- Case 4: Antony

def antony() -> Spec:
    A = Actor
    t = "Antony"
    actors = [
        # the town: services and elected officials
        A("Mairie d'Antony", ("Collectivité",), "mairie", ("plan vélo", "communication"), territory=t,
          aliases=("Ville d'Antony",), respond=False),
        A("Hélène Dufresne", ("Collectivité",), "mairie", ("plan vélo", "aménagements cyclables"),
          kind="person", territory=t),
        A("Marc Orsini", ("Collectivité",), "mairie", ("stationnement",), kind="person", territory=t),
        A("Service voirie et déplacements", ("Collectivité",), "mairie",
          ("aménagements cyclables", "plan vélo"), territory=t),
        A("Police municipale d'Antony", ("Collectivité",), "mairie",
          ("stationnement", "sécurité routière"), territory=t),
        A("Service communication de la Ville", ("Collectivité",), "mairie",
          ("communication", "événements"), territory=t),
        A("Service jeunesse et sports", ("Collectivité",), "mairie", ("jeunesse", "événements"),
          territory=t),
        A("Vallée Sud - Grand Paris", ("Établissement public",), "mairie",
          ("plan vélo", "aménagements cyclables"), territory="Vallée Sud - Grand Paris", respond=False),
        A("Département des Hauts-de-Seine", ("Collectivité",), "mairie", ("aménagements cyclables",),
          territory="Hauts-de-Seine", respond=False),
        A("Mission vélo de la Ville d'Antony", ("Collectivité",), "mairie",
          ("plan vélo", "événements", "communication", "stationnement vélo"), territory=t),
        # cyclists
        A("Association Vélo Antony", ("Association",), "velo",
          ("plan vélo", "aménagements cyclables", "sécurité routière"), territory=t),
        A("Roue Libre Antony", ("Association",), "velo", ("balades", "événements"), territory=t),
        A("Vélo-École d'Antony", ("Association",), "velo", ("remise en selle", "sécurité routière"),
          territory=t),
        A("Fédération française des usagers de la bicyclette", ("Association",), "velo",
          ("plan vélo",), territory="France", respond=False),
        A("Mieux se Déplacer à Bicyclette", ("Association",), "velo", ("aménagements cyclables",),
          territory="Île-de-France", respond=False),
        A("Les Dérailleurs du Noyer Doré", ("Association",), "velo", ("balades", "jeunesse"),
          territory=t),
        A("Cyclotouristes de la Bièvre", ("Association",), "velo", ("balades",), territory=t,
          respond=False),
        A("Atelier vélo La Rustine", ("Association", "Entreprise"), "velo",
          ("réparation", "événements", "jeunesse"), territory=t),
        # shops and companies
        A("Union des commerçants d'Antony", ("Commerçants",), "commerce",
          ("stationnement", "livraisons"), territory=t),
        A("Boulangerie Le Fournil du Centre", ("Commerçant",), "commerce", ("stationnement",),
          territory=t),
        A("Librairie Le Marque-Page", ("Commerçant",), "commerce", ("événements",), territory=t),
        A("Cyclable Antony", ("Entreprise",), "commerce", ("réparation", "stationnement vélo"),
          territory=t),
        A("Decathlon Antony", ("Entreprise",), "commerce", ("événements",), territory=t,
          respond=False),
        A("Pharmacie de la Croix de Berny", ("Commerçant",), "commerce", ("stationnement",),
          territory=t),
        A("Fromagerie du Marché", ("Commerçant",), "commerce", ("livraisons",), territory=t,
          respond=False),
        A("Hôpital privé d'Antony", ("Entreprise",), "commerce", ("plan de mobilité employeur",),
          territory=t),
        A("Monoprix Antony Centre", ("Entreprise",), "commerce", ("livraisons",), territory=t,
          respond=False),
        A("Livraisons Vertes 92", ("Entreprise", "ESS"), "commerce",
          ("livraisons", "vélo-cargo", "stationnement"), territory="Hauts-de-Seine"),
        # public transport
        A("Île-de-France Mobilités", ("Établissement public",), "transport", ("intermodalité",),
          territory="Île-de-France", respond=False),
        A("RATP - Centre bus de Massy", ("Entreprise",), "transport",
          ("intermodalité", "stationnement vélo"), territory=t),
        A("SNCF Transilien - Gare d'Antony", ("Entreprise",), "transport",
          ("stationnement vélo", "intermodalité"), territory=t),
        A("Transdev Île-de-France", ("Entreprise",), "transport", ("intermodalité",),
          territory="Île-de-France", respond=False),
        A("Indigo - Parkings d'Antony", ("Entreprise",), "transport",
          ("stationnement", "stationnement vélo"), territory=t),
        # citizens, councils, families, school
        A("Conseil des jeunes d'Antony", ("Conseil des jeunes",), "citoyens",
          ("jeunesse", "sécurité routière"), territory=t),
        A("FCPE Antony", ("Familles",), "citoyens", ("trajets école", "sécurité routière"),
          territory=t),
        A("PEEP Antony", ("Familles",), "citoyens", ("trajets école",), territory=t,
          respond=False),
        A("UDAF des Hauts-de-Seine", ("Familles",), "citoyens", ("familles",),
          territory="Hauts-de-Seine"),
        A("Conseil de quartier Centre", ("Conseil citoyen",), "citoyens", ("sécurité routière",),
          territory=t),
        A("Conseil de quartier Fontaine-Michalon", ("Conseil citoyen",), "citoyens",
          ("sécurité routière", "trajets école"), territory=t, respond=False),
        A("Scouts et Guides de France Antony", ("Association",), "citoyens", ("jeunesse",),
          territory=t),
        A("Lycée Descartes", ("Lycée",), "citoyens", ("jeunesse", "trajets école"), territory=t),
        A("Collectif Parents à vélo", ("Collectif", "Association"), "citoyens",
          ("trajets école", "sécurité routière", "événements"), territory=t),
        # disconnected group 1: seniors
        A("Conseil des seniors d'Antony", ("Conseil des seniors",), "seniors",
          ("mobilité des seniors", "remise en selle"), territory=t),
        A("Club des retraités de la Croix-de-Berny", ("Association",), "seniors",
          ("mobilité des seniors", "marche"), territory=t),
        A("Résidence autonomie Les Tilleuls", ("Établissement public",), "seniors",
          ("mobilité des seniors",), territory=t),
        A("Marcheurs du Parc de Sceaux", ("Association",), "seniors", ("marche",), territory=t,
          respond=False),
        # disconnected group 2: shops of the Pajeaud district
        A("Épicerie fine de Pajeaud", ("Commerçant",), "pajeaud", ("vélo-cargo", "quartier Pajeaud"),
          territory="Antony, quartier Pajeaud"),
        A("Primeurs des Halles Pajeaud", ("Commerçant",), "pajeaud", ("quartier Pajeaud",),
          territory="Antony, quartier Pajeaud"),
        A("Cordonnerie Saint-Saturnin", ("Commerçant",), "pajeaud", ("quartier Pajeaud",),
          territory="Antony, quartier Pajeaud"),
        A("Boucherie Pajeaud", ("Commerçant",), "pajeaud", ("quartier Pajeaud",),
          territory="Antony, quartier Pajeaud", respond=False),
    ]
    return Spec(
        "antony-velo", 2021, actors,
        intermediaries=["Mission vélo de la Ville d'Antony"],
        hybrids={"Atelier vélo La Rustine": ["citoyens", "commerce", "mairie"],
                 "Livraisons Vertes 92": ["mairie", "velo", "citoyens"],
                 "Collectif Parents à vélo": ["velo", "mairie", "transport"]},
        groups=["seniors", "pajeaud"],
        missing_links=[("Conseil des seniors d'Antony", "Vélo-École d'Antony"),
                       ("Épicerie fine de Pajeaud", "Livraisons Vertes 92")],
        conflicts=[("Union des commerçants d'Antony", "Association Vélo Antony"),
                   ("Boulangerie Le Fournil du Centre", "Service voirie et déplacements")],
        extra=[Tie("Police municipale d'Antony", "Mairie d'Antony", "information", "hebdomadaire",
                   "4", "stationnement"),
               Tie("Service communication de la Ville", "Mairie d'Antony", "collaboration",
                   "quotidien", "4", "communication")],
    )


def make_antony(root: Path) -> dict:
    spec = antony()
    ties = draw_ties(spec)
    expected = check(spec, ties)
    rng = random.Random(spec.seed + 7)
    folder = root / spec.name
    enc, sep = "utf-8", ","
    write_csv(folder / "actors.csv", ["nom", "secteur", "type", "territoire", "thèmes", "alias"],
              actor_rows(spec.actors), encoding=enc, delimiter=sep)
    # messy spellings on a few rows (same actor after normalisation or alias)
    spell: dict[int, tuple[str, str]] = {}
    variants = {"Mairie d'Antony": ["MAIRIE D’ANTONY ", "mairie d antony", "Ville d'Antony"]}
    for i, t in enumerate(ties):
        if variants.get(t.target):
            spell[i] = (t.source, variants[t.target].pop(0))
    dup_row = next(i for i, t in enumerate(ties) if t.target == "Association Vélo Antony"
                   and i not in spell and t.relation != "conflit")
    spell[dup_row] = (ties[dup_row].source, "Asso Vélo Antony")
    rows = long_rows(spec, ties, spell)
    people = _people(spec)
    # noise the field always brings
    bad_trust = rng.choice([i for i, t in enumerate(ties) if t.target not in spec.intermediaries])
    rows[bad_trust][6] = "plutôt oui"
    self_row = [people["Roue Libre Antony"][0], "Roue Libre Antony", "Association",
                "Roue libre antony", "collaboration", "hebdomadaire", "5", "balades"]
    empty_row = [people["Lycée Descartes"][0], "Lycée Descartes", "Lycée", "", "information",
                 "une fois par an", "", ""]
    rows.insert(len(rows) // 3, self_row)
    rows.insert(2 * len(rows) // 3, empty_row)
    header = ["répondant", "structure", "secteur", "contact cité", "type de relation",
              "fréquence", "confiance", "thème"]
    write_csv(folder / "survey.csv", header, rows, encoding=enc, delimiter=sep)
    special = [
        ("Union des commerçants d'Antony", "Mairie d'Antony", "mention", "négatif",
         "On supprime des places de stationnement devant nos vitrines sans nous demander notre avis."),
        ("Conseil des seniors d'Antony", "Club des retraités de la Croix-de-Berny", "collaboration",
         "positif", "Avec le club, on organise les sorties à pied ; le vélo, pour nous, c'est un "
         "autre monde, personne ne nous en a parlé."),
        ("Épicerie fine de Pajeaud", "Primeurs des Halles Pajeaud", "collaboration", "positif",
         "Entre commerçants du quartier on s'entraide, mais on n'a jamais été invités au comité vélo."),
    ]
    irows = interview_rows(spec, ties, 22, spec.seed + 3, special)
    write_csv(folder / "interviews.csv",
              ["entretien", "personne interrogée", "structure", "acteur cité", "code", "ton",
               "citation"], irows, encoding=enc, delimiter=sep)
    expected.update({
        "sample": spec.name,
        "files": {f: {"encoding": enc, "delimiter": sep}
                  for f in ("actors.csv", "survey.csv", "interviews.csv")},
        "survey_layout": "long",
        "messy_names": {
            "same_id": {"MAIRIE D’ANTONY ": actor_id("Mairie d'Antony"),
                        "mairie d antony": actor_id("Mairie d'Antony")},
            "aliases": {"Ville d'Antony": actor_id("Mairie d'Antony")},
            "suggested_duplicates": [sorted([actor_id("Asso Vélo Antony"),
                                             actor_id("Association Vélo Antony")])],
        },
        "noise": {"self_nomination": actor_id("Roue Libre Antony"),
                  "empty_contact_rows": 1, "unparseable_trust": ["plutôt oui"],
                  "conflicts": [[actor_id(a), actor_id(b)] for a, b in spec.conflicts]},
    })
    story = (
        "Case 4 of `/work/shared/CASES.md`: the bicycle committee of Antony (created in March "
        "2021). The town's elected officials for mobility and parking, its services, cyclist "
        "associations, the youth and seniors' councils, family representatives, public "
        "transport operators, companies and shopkeepers were asked who they work with on "
        "cycling, how often and how much they trust them. Public organisations appear under "
        "their real names; every person and every shop is invented.")
    files = (
        "- `actors.csv` (UTF-8, `,`): the registry: `nom, secteur, type, territoire, thèmes, "
        "alias` (several sectors or themes separated by `|`; `Ville d'Antony` is an alias).\n"
        "- `survey.csv` (UTF-8, `,`, **long layout**): one row per nomination: `répondant, "
        "structure, secteur, contact cité, type de relation, fréquence, confiance (1-5), "
        "thème`.\n"
        "- `interviews.csv` (UTF-8, `,`): coded interviews: `entretien, personne interrogée, "
        "structure, acteur cité, code, ton (positif/neutre/négatif), citation`.")
    extra = (
        "**Noise planted on purpose** (the import report must show it):\n\n"
        "- `MAIRIE D’ANTONY ` and `mairie d antony` (same id as `Mairie d'Antony`), "
        "`Ville d'Antony` (registry alias): merged.\n"
        "- `Asso Vélo Antony` once as a contact: a likely duplicate of `Association Vélo "
        "Antony`, to be *suggested*, never merged.\n"
        "- A self-nomination (Roue Libre Antony citing `Roue libre antony`), a row with an "
        "empty contact (Lycée Descartes), one unparseable trust value (`plutôt oui`).\n"
        "- Conflict ties: Union des commerçants -> Association Vélo Antony, Boulangerie Le "
        "Fournil du Centre -> Service voirie et déplacements; negative interview quotes "
        "(parking).\n- Most ties are one-sided; non-respondents only receive ties.")
    (folder / "README.md").write_text(readme(spec, "Antony bicycle committee (antony-velo)",
                                             story, files, expected, extra), encoding="utf-8")
    return expected


# --------------------------------------------------------------------------- Case 1: SQY

SQY = "Saint-Quentin-en-Yvelines"
REL_FR = {"collaboration": "Collaboration", "information": "Échange d'informations",
          "financement": "Financement", "confiance": "Confiance", "conflit": "Conflit"}
REL_CANON = {"collaboration": "collaboration", "information": "information",
             "financement": "funding", "confiance": "trust", "conflit": "conflict"}


def sqy() -> Spec:
    A = Actor
    emp, ach, fem, sob = ("emploi des jeunes", "achats responsables", "féminisation des métiers",
                          "sobriété énergétique")
    ins = "insertion"
    actors = [
        # the agglomeration and the communes
        A("SQY - Direction du développement économique", ("Collectivité",), "agglo",
          (emp, ach, fem, ins), territory=SQY, people=("Laurent Chevalier", "Inès Morel")),
        A("Communauté d'agglomération de Saint-Quentin-en-Yvelines", ("Collectivité",), "agglo",
          (ach,), territory=SQY, respond=False),
        A("Service de la commande publique de SQY", ("Collectivité",), "agglo", (ach,),
          territory=SQY),
        A("Mairie de Guyancourt", ("Collectivité",), "agglo", (emp,), territory="Guyancourt"),
        A("Mairie de Trappes", ("Collectivité",), "agglo", (emp, ins), territory="Trappes"),
        A("Mairie d'Élancourt", ("Collectivité",), "agglo", (emp,), territory="Élancourt"),
        A("Mairie de Montigny-le-Bretonneux", ("Collectivité",), "agglo", (emp,),
          territory="Montigny-le-Bretonneux"),
        A("Mairie de Voisins-le-Bretonneux", ("Collectivité",), "agglo", (ach,),
          territory="Voisins-le-Bretonneux", respond=False),
        A("Mairie de Plaisir", ("Collectivité",), "agglo", (emp,), territory="Plaisir",
          respond=False),
        A("Conseil départemental des Yvelines", ("Collectivité",), "agglo", (ins,),
          territory="Yvelines", respond=False),
        # employment and insertion
        A("Mission locale de Saint-Quentin-en-Yvelines", ("Intermédiaire",), "emploi",
          (emp, ins, fem), territory=SQY, people=("Samia Benali", "Hugo Perrin")),
        A("France Travail Saint-Quentin-en-Yvelines", ("Établissement public",), "emploi",
          (emp, ins), territory=SQY, aliases=("Pôle emploi SQY", "Pôle emploi")),
        A("Réagir Insertion SQY", ("Structure d'insertion",), "emploi", (ins,), territory=SQY),
        A("Cap emploi 78", ("Association",), "emploi", (ins,), territory="Yvelines",
          respond=False),
        A("École de la deuxième chance des Yvelines", ("Enseignement",), "emploi", (emp, ins),
          territory="Yvelines"),
        A("FACE Yvelines", ("Intermédiaire",), "emploi", (emp, fem, ins), territory="Yvelines",
          people=("Valérie Brun", "Damien Collin")),
        A("Nos Quartiers ont du Talent", ("Association",), "emploi", (emp,),
          territory="Île-de-France", respond=False),
        A("Les Ateliers du Bel Ébat", ("Structure d'insertion", "Entreprise"), "emploi",
          (ins, ach), territory="Élancourt"),
        # large groups
        A("Renault Group", ("Grand groupe",), "groupes", (fem, ach, emp), territory="Guyancourt",
          people=("Sandrine Caron", "Olivier Lambert")),
        A("IKEA Plaisir", ("Grand groupe",), "groupes", (emp, sob), territory="Plaisir",
          people=("Amandine Nguyen", "Rachid Haddad")),
        A("Bouygues Construction", ("Grand groupe",), "groupes", (fem, ach),
          territory="Guyancourt"),
        A("Egis", ("Grand groupe",), "groupes", (ach,), territory="Guyancourt"),
        A("Thales Élancourt", ("Grand groupe",), "groupes", (fem,), territory="Élancourt",
          respond=False),
        # SMEs: industry and building
        A("Transports Lefèvre et Fils", ("PME",), "pme_industrie", (emp,), territory="Trappes"),
        A("Mécanique de Précision Trappiste", ("PME",), "pme_industrie", (emp, fem),
          territory="Trappes"),
        A("Imprimerie Delorme", ("PME",), "pme_industrie", (ach,), territory="Élancourt"),
        A("Bâtir Yvelines", ("PME",), "pme_industrie", (fem, emp), territory="Guyancourt"),
        A("Électricité Gauthier", ("PME",), "pme_industrie", (emp,), territory="Trappes"),
        A("Menuiserie Renard", ("PME",), "pme_industrie", (ach,), territory="Coignières"),
        A("Plasturgie de la Clef de Saint-Pierre", ("PME",), "pme_industrie", (ach,),
          territory="Élancourt"),
        A("Carrosserie des Sept Mares", ("PME",), "pme_industrie", (emp,),
          territory="Élancourt"),
        A("Chaudronnerie de la Boissière", ("PME",), "pme_industrie", (fem,), territory="Trappes"),
        A("Logistique Express Coignières", ("PME",), "pme_industrie", (emp,),
          territory="Coignières", respond=False),
        # SMEs: services
        A("Nettoyage Services Plus", ("PME",), "pme_services", (ins, emp),
          territory="Montigny-le-Bretonneux"),
        A("Traiteur Les Saveurs d'Élancourt", ("PME",), "pme_services", (ach,),
          territory="Élancourt"),
        A("Cabinet Moreau Expertise comptable", ("PME",), "pme_services", (fem,),
          territory="Montigny-le-Bretonneux"),
        A("Paysages de la Minière", ("PME",), "pme_services", (ach,), territory="Guyancourt"),
        A("Proxi'Jobs Intérim", ("PME",), "pme_services", (emp,), territory="Trappes"),
        A("Informatique Conseil 78", ("PME",), "pme_services", (fem,),
          territory="Montigny-le-Bretonneux"),
        A("Agence Com'Yvelines", ("PME",), "pme_services", (ach,), territory="Guyancourt"),
        A("Crèche Les Petits Pas", ("PME",), "pme_services", (fem,), territory="Guyancourt"),
        A("Sécurité Gardiennage Yvelines", ("PME",), "pme_services", (emp,),
          territory="Trappes", respond=False),
        A("Hôtel du Lac de Montigny", ("PME",), "pme_services", (ach,),
          territory="Montigny-le-Bretonneux", respond=False),
        A("Achats Responsables Coop 78", ("ESS", "Entreprise"), "pme_services", (ach,),
          territory="Yvelines"),
        # micro-enterprises and start-ups
        A("Studio Graphique Pixel'Art", ("TPE",), "micro", (ach,), territory="Trappes"),
        A("Mobilit'Up", ("Start-up",), "micro", (emp,), territory="Guyancourt"),
        A("Kaléido RH", ("Start-up",), "micro", (fem, emp), territory="Montigny-le-Bretonneux"),
        A("Ébénisterie Thomas Girard", ("TPE",), "micro", (ach,), territory="Magny-les-Hameaux"),
        A("Plomberie Dumont", ("TPE",), "micro", (emp,), territory="Trappes", respond=False),
        A("Boulangerie de la Gare de Trappes", ("TPE",), "micro", (emp,), territory="Trappes",
          respond=False),
        # support networks and knowledge
        A("Chambre de commerce et d'industrie Versailles-Yvelines", ("Chambre consulaire",),
          "reseaux", (ach, emp), territory="Yvelines"),
        A("Initiative Saint-Quentin-en-Yvelines", ("Réseau",), "reseaux",
          ("création d'entreprise", "entrepreneuriat féminin"), territory=SQY),
        A("Club des entrepreneurs de SQY", ("Réseau",), "reseaux", (ach, fem), territory=SQY),
        A("Medef Yvelines", ("Réseau",), "reseaux", (emp,), territory="Yvelines",
          respond=False),
        A("Université de Versailles Saint-Quentin-en-Yvelines", ("Université",), "reseaux",
          (emp,), territory=SQY),
        A("Lycée professionnel Louis-Blériot", ("Lycée",), "reseaux", (emp, fem),
          territory="Trappes", respond=False),
        A("Chaire RSE et Territoires", ("Recherche", "Intermédiaire"), "reseaux", (ach, fem),
          territory=SQY),
        # disconnected group A: sobriety start-ups hosted together
        A("Sobrio", ("Start-up",), "sobriete", (sob, "pépinière d'entreprises"),
          territory="Guyancourt"),
        A("GreenWatt Solutions", ("Start-up",), "sobriete",
          ("efficacité énergétique des bâtiments", "pépinière d'entreprises"), territory="Guyancourt"),
        A("Lumen Éco", ("Start-up",), "sobriete", ("éclairage basse consommation",),
          territory="Guyancourt"),
        A("Kilowatt Malin", ("Start-up",), "sobriete", ("efficacité énergétique des bâtiments",),
          territory="Guyancourt", respond=False),
        # disconnected group B: women micro-entrepreneurs of Trappes
        A("Conseil RH Nadia Benali", ("TPE",), "entrepreneures",
          ("entrepreneuriat féminin", "recrutement"), territory="Trappes"),
        A("Atelier Couture Amina", ("TPE",), "entrepreneures", ("artisanat",), territory="Trappes"),
        A("Boutique Nour Créations", ("TPE",), "entrepreneures", ("artisanat",),
          territory="Trappes"),
        A("Collectif des femmes entrepreneures de Trappes", ("Collectif",), "entrepreneures",
          ("réseau de pairs",), territory="Trappes"),
    ]
    return Spec(
        "sqy-rse", 1207, actors,
        intermediaries=["SQY - Direction du développement économique",
                        "Mission locale de Saint-Quentin-en-Yvelines"],
        hybrids={"Les Ateliers du Bel Ébat": ["groupes", "agglo", "pme_services"],
                 "Achats Responsables Coop 78": ["groupes", "agglo", "emploi", "reseaux"],
                 "Chaire RSE et Territoires": ["groupes", "agglo", "pme_services", "emploi"]},
        groups=["sobriete", "entrepreneures"],
        missing_links=[("Sobrio", "IKEA Plaisir"),
                       ("Conseil RH Nadia Benali", "Initiative Saint-Quentin-en-Yvelines")],
        conflicts=[("Transports Lefèvre et Fils", "Service de la commande publique de SQY")],
    )


def wide_rows(spec: Spec, ties: list[Tie], dates: list[str], spell_org: dict[str, str],
              spell_contact: dict[tuple[str, str], str], slots: int,
              respondents: set[str] | None = None) -> list[list[str]]:
    """One row per respondent person, with ``slots`` groups Contact/Relation/Fréquence/Confiance."""
    byname = _by_name(spec.actors)
    people = _people(spec)
    out_ties: dict[str, list[Tie]] = defaultdict(list)
    for t in ties:
        out_ties[t.source].append(t)
    rows = []
    k = 0
    for a in spec.actors:
        if not a.respond or (respondents is not None and a.name not in respondents):
            continue
        persons = people[a.name]
        for p_index, person in enumerate(persons):
            mine = out_ties[a.name][p_index::len(persons)]
            assert len(mine) <= slots, (a.name, len(mine))
            cells: list[str] = []
            for t in mine:
                contact = spell_contact.get((t.source, t.target), t.target)
                cells += [contact, REL_FR[t.relation], t.frequency.capitalize(), t.trust]
            cells += [""] * (4 * slots - len(cells))
            rows.append([dates[k % len(dates)], person, spell_org.get(person, a.name),
                         byname[a.name].sectors[0], *cells])
            k += 1
    return rows


def wide_header(slots: int) -> list[str]:
    head = ["Horodateur", "Répondant", "Structure", "Secteur"]
    for i in range(1, slots + 1):
        head += [f"Contact {i}", f"Relation {i}", f"Fréquence {i}", f"Confiance {i}"]
    return head


def _dates(rng: random.Random, year: int, month: int, n: int) -> list[str]:
    out = sorted((rng.randint(1, 27), rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))
                 for _ in range(n))
    return [f"{d:02d}/{month:02d}/{year} {h:02d}:{m:02d}:{s:02d}" for d, h, m, s in out]


def make_sqy(root: Path) -> dict:
    spec = sqy()
    ties = draw_ties(spec)
    expected = check(spec, ties)
    rng = random.Random(spec.seed + 7)
    folder = root / spec.name
    enc, sep = "cp1252", ";"
    header_actors = ["Nom", "Secteur", "Type", "Territoire", "Thèmes", "Alias"]
    write_csv(folder / "actors.csv", header_actors, actor_rows(spec.actors), encoding=enc,
              delimiter=sep)
    people = _people(spec)
    # messy spellings: case, accents, curly apostrophe, extra spaces (same id), alias, duplicate
    variants = {
        "Renault Group": "renault group",
        "Communauté d'agglomération de Saint-Quentin-en-Yvelines":
            "Communaute d'agglomeration de Saint-Quentin-en-Yvelines",
        "Chambre de commerce et d'industrie Versailles-Yvelines":
            "Chambre de commerce et d’industrie Versailles-Yvelines",
        "Mission locale de Saint-Quentin-en-Yvelines":
            "  Mission locale de  Saint-Quentin-en-Yvelines ",
        "France Travail Saint-Quentin-en-Yvelines": "Pôle emploi SQY",
        "Transports Lefèvre et Fils": "Transports Lefèvre & Fils",
    }
    spell_contact: dict[tuple[str, str], str] = {}
    for target, variant in variants.items():
        for t in ties:
            if t.target == target and t.relation != "conflit":
                spell_contact[t.source, t.target] = variant
                if target not in ("Transports Lefèvre et Fils",
                                  "Mission locale de Saint-Quentin-en-Yvelines"):
                    continue  # these two: only the first citation is misspelt
                break
    dup_source_name = next(s for (s, tg) in spell_contact if tg == "Transports Lefèvre et Fils")
    spell_org = {people["Renault Group"][1]: "RENAULT GROUP",
                 people["Mairie d'Élancourt"][0]: "MAIRIE D’ÉLANCOURT "}
    slots = 10
    rows = wide_rows(spec, ties, _dates(rng, 2023, 3, 80), spell_org, spell_contact, slots)
    # noise: unparseable trust, an empty slot in the middle, a self-nomination, trust in words
    non_ti = [(r, c) for r, row in enumerate(rows) for c in range(4, len(row), 4)
              if row[c] and actor_id(row[c]) not in expected["trusted_intermediaries"]
              and row[c + 1] != "Conflit"]
    picks = rng.sample(non_ti, 4)
    r, c = picks[0]
    rows[r][c + 3] = "3 ou 4"
    for r, c in picks[1:3]:
        rows[r][c + 3] = {"2": "faible", "3": "moyenne", "4": "forte", "5": "totale"}.get(
            rows[r][c + 3], "moyenne")
    gui = next(i for i, row in enumerate(rows) if row[2] == "Mairie de Guyancourt")
    row = rows[gui]
    filled = [c for c in range(4, len(row), 4) if row[c]]
    nxt = filled[-1] + 4
    row[nxt:nxt + 4] = ["mairie de guyancourt", "Collaboration", "Hebdomadaire", "5"]
    # empty slot: shift the second contact of one respondent to slot 3
    sh = next(i for i, row in enumerate(rows) if row[12] == "" and row[8] and i != gui)
    rows[sh][12:16], rows[sh][8:12] = rows[sh][8:12], ["", "", "", ""]
    write_csv(folder / "survey.csv", wide_header(slots), rows, encoding=enc, delimiter=sep)
    special = [
        ("Transports Lefèvre et Fils", "Service de la commande publique de SQY", "conflit",
         "négatif", "Les marchés publics, c’est un autre monde : des dossiers de cinquante pages "
         "pour un lot de transport, on n’a pas le temps."),
        ("Sobrio", "GreenWatt Solutions", "collaboration", "positif",
         "À la pépinière on partage tout, mais les grands groupes du territoire, on ne sait pas "
         "qui appeler."),
        ("Conseil RH Nadia Benali", "Collectif des femmes entrepreneures de Trappes",
         "collaboration", "positif", "Entre nous on s’entraide ; le club RSE, on n’en avait "
         "jamais entendu parler."),
        ("Renault Group", "Mission locale de Saint-Quentin-en-Yvelines", "confiance", "positif",
         "La Mission locale traduit nos besoins en mots que les jeunes comprennent."),
    ]
    irows = interview_rows(spec, ties, 30, spec.seed + 3, special)
    write_csv(folder / "interviews.csv", ["Entretien", "Personne interrogée", "Structure",
                                          "Acteur cité", "Code", "Ton", "Citation"],
              irows, encoding=enc, delimiter=sep)
    w2 = make_sqy_wave2(folder / "wave2", spec, ties, expected, rng,
                        (dup_source_name, "Transports Lefèvre et Fils"), irows)
    expected.update({
        "sample": spec.name,
        "files": {f: {"encoding": enc, "delimiter": sep}
                  for f in ("actors.csv", "survey.csv", "interviews.csv", "wave2/actors.csv",
                            "wave2/survey.csv", "wave2/interviews.csv")},
        "survey_layout": "wide",
        "messy_names": {
            "same_id": {v: actor_id(k) for k, v in variants.items()
                        if actor_id(v) == actor_id(k)} | {"RENAULT GROUP": "renault-group",
                                                          "MAIRIE D’ÉLANCOURT ": "mairie-d-elancourt"},
            "aliases": {"Pôle emploi SQY": actor_id("France Travail Saint-Quentin-en-Yvelines")},
            "suggested_duplicates": [sorted([actor_id("Transports Lefèvre & Fils"),
                                             actor_id("Transports Lefèvre et Fils")])],
            "duplicate_cited_by": actor_id(dup_source_name),
        },
        "noise": {"self_nomination": actor_id("Mairie de Guyancourt"), "empty_slots": True,
                  "unparseable_trust": ["3 ou 4"], "trust_words": ["faible", "moyenne", "forte",
                                                                  "totale"],
                  "conflicts": [[actor_id(a), actor_id(b)] for a, b in spec.conflicts]},
        "wave2_changes": w2,
    })
    story = (
        "Case 1 of `/work/shared/CASES.md`: the CSR club of the Saint-Quentin-en-Yvelines "
        "agglomeration (12 communes). The economic development department met companies "
        "through their different contacts (SME managers, HR, CSR officers), ran this "
        "questionnaire (an online form, exported to Excel as a `;`-separated cp1252 file, one "
        "row per respondent) and interviews, agreed four themes with them (youth employment "
        "and insertion, feminisation of jobs, responsible purchasing, sobriety), then held a "
        "**collaborathon**; `wave2/` is the same questionnaire and a second round of interviews "
        "a year later. Public bodies and "
        "large groups appear under their real names; every person, SME, micro-enterprise and "
        "start-up is invented.")
    files = (
        "- `actors.csv` (cp1252, `;`): `Nom; Secteur; Type; Territoire; Thèmes; Alias` "
        "(several sectors or themes separated by `|`).\n"
        f"- `survey.csv` (cp1252, `;`, **wide layout**): `Horodateur; Répondant; Structure; "
        f"Secteur` then {slots} slots `Contact i; Relation i; Fréquence i; Confiance i` "
        "(trust 1-5, a few in words). Renault Group and IKEA Plaisir answered twice (HR and "
        "CSR officer), so their organisation's ties come from two rows.\n"
        "- `interviews.csv` (cp1252, `;`): `Entretien; Personne interrogée; Structure; Acteur "
        "cité; Code; Ton; Citation`.\n"
        "- `wave2/actors.csv`, `wave2/survey.csv`, `wave2/interviews.csv`: the second wave "
        "(questionnaire and a second interview round), same formats.")
    extra = (
        "**Messy names planted on purpose** (the import report must show them):\n\n"
        "- Same id after normalisation: `renault group` and `RENAULT GROUP` (case), "
        "`Communaute d'agglomeration de Saint-Quentin-en-Yvelines` (accents), `Chambre de "
        "commerce et d’industrie Versailles-Yvelines` (curly apostrophe), `  Mission locale "
        "de  Saint-Quentin-en-Yvelines ` (spaces), `MAIRIE D’ÉLANCOURT ` (as an organisation).\n"
        "- Alias: `Pôle emploi SQY` is `France Travail Saint-Quentin-en-Yvelines` (registry "
        "`Alias` column).\n"
        "- Likely duplicate, to be **suggested only**: `Transports Lefèvre & Fils` (cited "
        "once) vs `Transports Lefèvre et Fils`.\n"
        "- Noise: a self-nomination (Mairie de Guyancourt citing `mairie de guyancourt`), an "
        "empty slot between two filled ones, an unparseable trust `3 ou 4`, trust in words "
        "(`faible`, `moyenne`, `forte`, `totale`), a conflict (Transports Lefèvre et Fils -> "
        "Service de la commande publique de SQY) and negative interview quotes.\n\n"
        + wave2_text(spec, w2))
    (folder / "README.md").write_text(readme(spec, "CSR club of Saint-Quentin-en-Yvelines (sqy-rse)",
                                             story, files, expected, extra), encoding="utf-8")
    return expected


def make_sqy_wave2(folder: Path, spec: Spec, ties: list[Tie], expected1: dict,
                   rng: random.Random, dup_pair: tuple[str, str],
                   irows1: list[list[str]]) -> dict:
    """The same questionnaire a year after the collaborathon, with planted changes."""
    from dataclasses import replace

    gone = "Studio Graphique Pixel'Art"
    new = Actor("Comité RSE de Saint-Quentin-en-Yvelines", ("Intermédiaire",), "agglo",
                ("comité RSE",), territory=SQY)
    dropouts = {"Imprimerie Delorme", "Mairie de Trappes", "Paysages de la Minière"}
    newcomers = {"Thales Élancourt"}
    actors = [replace(a, respond=(a.respond and a.name not in dropouts) or a.name in newcomers)
              for a in spec.actors if a.name != gone] + [new]
    byname = _by_name(actors)
    ti1 = set(spec.intermediaries)
    go_between = "FACE Yvelines"
    out: dict[tuple[str, str], Tie] = {}
    lost_by_choice = []
    for t in ties:
        if gone in (t.source, t.target) or not byname[t.source].respond:
            continue
        if t.target not in ti1 and t.relation != "conflit" and rng.random() < 0.12:
            lost_by_choice.append(t)
            continue
        trust = t.trust
        if trust.isdigit() and rng.random() < 0.2 and t.relation != "conflit":
            trust = str(min(5, int(trust) + 1))
        out[t.source, t.target] = replace(t, trust=trust)

    def add(src: str, dst: str, relation: str = "collaboration", trust: int = 4,
            freq: str = "mensuel") -> None:
        if (src, dst) not in out:
            out[src, dst] = Tie(src, dst, relation, freq, str(trust), "")

    planted = [
        ("Sobrio", "IKEA Plaisir", "collaboration"),
        ("IKEA Plaisir", "Sobrio", "collaboration"),
        ("GreenWatt Solutions", "SQY - Direction du développement économique", "information"),
        ("Conseil RH Nadia Benali", "Initiative Saint-Quentin-en-Yvelines", "collaboration"),
        ("Collectif des femmes entrepreneures de Trappes", go_between, "collaboration"),
        ("Renault Group", "Mission locale de Saint-Quentin-en-Yvelines", "collaboration"),
        ("Bouygues Construction", "Réagir Insertion SQY", "collaboration"),
        ("Mécanique de Précision Trappiste", "École de la deuxième chance des Yvelines",
         "collaboration"),
        ("Traiteur Les Saveurs d'Élancourt", "Service de la commande publique de SQY",
         "information"),
        ("Egis", "Achats Responsables Coop 78", "collaboration"),
    ]
    for src, dst, rel in planted:
        add(src, dst, rel, trust=4)
    # the new go-between: trusted by many, across worlds, and citing into every cluster
    main = ["agglo", "emploi", "groupes", "pme_industrie", "pme_services", "micro", "reseaux"]
    by_world: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        if a.respond and a.cluster in main and a.name != go_between and a.name not in ti1:
            by_world[a.world].append(a)
    citers: list[str] = []
    for w in sorted(by_world):
        citers += [a.name for a in rng.sample(by_world[w], min(3, len(by_world[w])))]
    for c in citers:
        out.pop((c, go_between), None)
        add(c, go_between, rng.choice(["confiance", "collaboration"]), trust=rng.choice([4, 5]))
    for c in [*main, "sobriete"]:
        pool = [a for a in actors if a.cluster == c and a.name != go_between
                and a.name not in ti1 and a.name not in spec.hybrids and a.name != new.name]
        add(go_between, rng.choice(pool).name, "collaboration", trust=4)
    add("Thales Élancourt", "Renault Group", "information", 3)
    add("Thales Élancourt", "Bouygues Construction", "information", 3)
    add("Thales Élancourt", go_between, "collaboration", 4)
    for src in ("SQY - Direction du développement économique", "Renault Group", "Egis"):
        add(src, new.name, "collaboration", 4)
    for dst in ("SQY - Direction du développement économique",
                "Mission locale de Saint-Quentin-en-Yvelines", go_between):
        add(new.name, dst, "collaboration", 4)
    cited = {t.target for t in out.values()} | {t.source for t in out.values()}
    for a in actors:  # dropouts stay cited by someone, as in life
        if a.name not in cited:
            pool = [b for b in actors if b.cluster == a.cluster and b.respond and b.name != a.name]
            add(rng.choice(pool).name, a.name, "information", 3)
    spec2 = Spec("sqy-rse/wave2", spec.seed, actors,
                 intermediaries=[*spec.intermediaries, go_between], hybrids=spec.hybrids,
                 groups=[], missing_links=[], conflicts=[])
    ties2 = sorted(out.values(), key=lambda t: (t.source, t.target))
    exp2 = check(spec2, ties2)
    irows2 = wave2_interview_rows(spec2, ties, ties2, irows1, random.Random(spec.seed + 13))
    # write
    enc, sep = "cp1252", ";"
    write_csv(folder / "actors.csv", ["Nom", "Secteur", "Type", "Territoire", "Thèmes", "Alias"],
              actor_rows(actors), encoding=enc, delimiter=sep)
    # the respondent who misspelt the SME in wave 1 misspells it the same way again
    spell_contact = {dup_pair: "Transports Lefèvre & Fils"} if dup_pair in out else {}
    slots = 10
    rows = wide_rows(spec2, ties2, _dates(random.Random(spec.seed + 11), 2024, 4, 80), {},
                     spell_contact, slots)
    write_csv(folder / "survey.csv", wide_header(slots), rows, encoding=enc, delimiter=sep)

    write_csv(folder / "interviews.csv", ["Entretien", "Personne interrogée", "Structure",
                                          "Acteur cité", "Code", "Ton", "Citation"],
              irows2, encoding=enc, delimiter=sep)

    def key(t: Tie, spell: dict) -> tuple[str, str, str]:
        target = spell.get((t.source, t.target), t.target)
        return (actor_id(t.source), actor_id(target), REL_CANON[t.relation])

    def ties_of(survey: dict, irows: list[list[str]]) -> tuple[set, set]:
        """Positive and negative ``(source, target, relation)`` keys of a wave, as loaded.

        Survey and interview ties with the same key are one tie; a negative
        interview mention is the relation ``mention`` with sign -1.
        """
        pos = {k for k in survey if k[2] != "conflict"}
        neg = {k for k in survey if k[2] == "conflict"}
        for _code, _person, src, dst, rel, tone, _quote in irows:
            k = (actor_id(src), actor_id(dst), REL_CANON.get(rel, rel))
            (neg if rel == "conflit" or tone == "négatif" else pos).add(k)
        return pos, neg

    spell1 = {dup_pair: "Transports Lefèvre & Fils"}
    before = {key(t, spell1): t.trust for t in ties}
    after = {key(t, spell_contact): t.trust for t in ties2}
    pos1, neg1 = ties_of(before, irows1)
    pos2, neg2 = ties_of(after, irows2)
    resp1 = {a.id for a in spec.actors if a.respond}
    resp2 = {a.id for a in actors if a.respond}
    lost = sorted(pos1 - pos2)
    world1 = {a.id: a.world for a in spec.actors}
    world2 = {a.id: a.world for a in actors}
    world1[actor_id("Transports Lefèvre & Fils")] = world2[actor_id("Transports Lefèvre & Fils")] = (
        "company")
    gained = pos2 - pos1
    planted_ids = [(actor_id(s), actor_id(d), REL_CANON[r]) for s, d, r in planted]
    assert all(k in gained for k in planted_ids), [k for k in planted_ids if k not in gained]
    assert not (set(before) - set(after)) - {k for k in neg1 if k in before} - set(lost), \
        "a survey tie lost in wave 2 is still reported in an interview"
    return {
        "new_actors": [new.id],
        "gone_actors": [actor_id(gone)],
        "respondents_wave1_only": sorted(resp1 - resp2),
        "respondents_wave2_only": sorted(resp2 - resp1),
        "planted_gained_ties": [list(k) for k in planted_ids],
        "planted_cross_world_ties": [list(k) for k in planted_ids if world2[k[0]] != world2[k[1]]],
        "connected_groups": expected1["disconnected_groups"],
        "new_go_between": [actor_id(go_between)],
        "trusted_intermediaries": exp2["trusted_intermediaries"],
        "hybrids": exp2["hybrids"],
        "disconnected_groups": exp2["disconnected_groups"],
        "non_respondents": exp2["non_respondents"],
        "sources": {"wave1": ["interview", "survey"], "wave2": ["interview", "survey"]},
        "ties_gained": [list(k) for k in sorted(gained)],
        "ties_lost": [list(k) for k in lost],
        "ties_lost_by_nonresponse": [list(k) for k in lost if k[0] not in resp2],
        "ties_kept": len(pos1 & pos2),
        "ties_kept_all_relations": len((pos1 | neg1) & (pos2 | neg2)),
        "negative_ties": {"gained": [list(k) for k in sorted(neg2 - neg1)],
                          "lost": [list(k) for k in sorted(neg1 - neg2)],
                          "kept": [list(k) for k in sorted(neg1 & neg2)]},
        "interview_ties_gained": [list(k) for k in sorted(gained - set(after))],
        "interview_ties_lost": [list(k) for k in lost if k not in before],
        "trust_changes": [[*k, int(before[k]), int(after[k])] for k in sorted(set(before) & set(after))
                          if before[k] != after[k] and before[k].isdigit() and after[k].isdigit()],
        "cross_world_ties": {
            "before": sum(world1[s] != world1[d] for s, d, r in pos1),
            "after": sum(world2[s] != world2[d] for s, d, r in pos2)},
    }


NEW_QUOTES = {
    ("Sobrio", "IKEA Plaisir"):
        "Au collaborathon on a rencontré l'équipe RSE d'IKEA Plaisir : on teste nos capteurs "
        "dans leur magasin depuis six mois.",
    ("Conseil RH Nadia Benali", "Initiative Saint-Quentin-en-Yvelines"):
        "Initiative SQY m'a proposé un prêt d'honneur et une marraine ; je ne savais pas que "
        "ça existait pour nous.",
    ("Collectif des femmes entrepreneures de Trappes", "FACE Yvelines"):
        "FACE Yvelines nous a fait entrer au club : maintenant les grandes entreprises savent "
        "qui nous sommes.",
    ("Renault Group", "Mission locale de Saint-Quentin-en-Yvelines"):
        "Avec la Mission locale on a fait du recrutement en pied d'immeuble à Trappes : "
        "douze jeunes en alternance.",
    ("Egis", "Achats Responsables Coop 78"):
        "Achats Responsables Coop 78 nous a aidés à réserver des lots aux structures "
        "d'insertion dans nos marchés.",
    ("GreenWatt Solutions", "SQY - Direction du développement économique"):
        "Le développement économique de SQY nous envoie maintenant les appels à projets "
        "sur la rénovation des bâtiments.",
}


def wave2_interview_rows(spec2: Spec, ties1: list[Tie], ties2: list[Tie],
                         irows1: list[list[str]], rng: random.Random) -> list[list[str]]:
    """A second interview round after the collaborathon, consistent with the survey.

    The wave-1 interviewees who still answer are interviewed again: a mention
    is repeated (with new words, same code and tone) when its tie still holds
    in the wave-2 survey, or when it was never a survey tie (an interview-only
    mention); a mention of a tie dropped from the survey is not repeated. The
    actors of the planted new ties are interviewed about them, and nothing
    else changes: comparing the loaded waves reports the planted changes.
    """
    byname = _by_name(spec2.actors)
    people = _people(spec2)
    pairs1 = {(t.source, t.target) for t in ties1}
    pairs2 = {(t.source, t.target) for t in ties2}
    ti = set(spec2.intermediaries)
    pools = {"positif": POS_QUOTES, "neutre": NEU_QUOTES, "négatif": NEG_QUOTES}
    interviews: dict[str, str] = {}
    rows = []
    for _code, _person, src, dst, rel, tone, _quote in irows1:
        if src not in byname or dst not in byname or not byname[src].respond:
            continue
        if (src, dst) in pairs1 and (src, dst) not in pairs2:
            continue
        code = interviews.setdefault(src, f"E{len(interviews) + 1:02d}")
        if rel == "conflit":
            quote = ("Les marchés publics restent un autre monde ; la réunion d'information "
                     "après le collaborathon n'a rien changé pour un lot de transport.")
        else:
            quote = rng.choice(pools[tone]).format(c=dst)
        rows.append([code, people[src][0], src, dst, rel, tone, quote])
    for (src, dst), quote in NEW_QUOTES.items():
        assert (src, dst) in pairs2 and (src, dst) not in pairs1, (src, dst)
        code = interviews.setdefault(src, f"E{len(interviews) + 1:02d}")
        rel = "confiance" if dst in ti else "collaboration"
        rows.append([code, people[src][0], src, dst, rel, "positif", quote])
    rows.sort(key=lambda r: (int(r[0][1:]), r[3]))
    return rows


def wave2_text(spec: Spec, w2: dict) -> str:
    def ids(xs: list) -> str:
        return ", ".join(f"`{x}`" for x in xs)

    falls = [x for x in w2["trust_changes"] if x[4] < x[3]]

    lines = [
        "## Wave 2 (`wave2/`): one year after the collaborathon", "",
        "Same questionnaire, a second interview round and the same formats, so "
        "`alliances.compare(alliances.samples.load(\"sqy-rse\"), "
        "alliances.samples.load(\"sqy-rse\", wave=2))` compares like with like (both waves "
        "come from a survey and interviews). Planted changes, all listed in `expected.json` "
        "under `wave2_changes`:", "",
        f"- **New ties** ({len(w2['planted_gained_ties'])} planted, "
        f"{len(w2['planted_cross_world_ties'])} of them between worlds; e.g. street "
        "recruiting Renault Group -> Mission locale, responsible purchasing Egis -> Achats "
        "Responsables Coop 78): " + "; ".join(f"`{s}` -> `{d}` ({r})"
                                              for s, d, r in w2["planted_gained_ties"]) + ".",
        "- **The isolated groups are connected**: the sobriety start-ups (Sobrio <-> IKEA "
        "Plaisir, GreenWatt Solutions -> the economic development department) and the women "
        "micro-entrepreneurs of Trappes (Conseil RH Nadia Benali -> Initiative SQY, their "
        "collective -> FACE Yvelines); `disconnected_groups` is empty in wave 2.",
        f"- **A new go-between**: {ids(w2['new_go_between'])} (peripheral in wave 1) is now "
        "trusted (4-5/5) by respondents of every world and cites into every cluster; wave-2 "
        f"trusted intermediaries: {ids(w2['trusted_intermediaries'])}.",
        f"- Actors present in one wave only: new {ids(w2['new_actors'])} (the CSR committee "
        f"created after the collaborathon), gone {ids(w2['gone_actors'])} (closed).",
        f"- Who answered: wave 1 only {ids(w2['respondents_wave1_only'])}; wave 2 only "
        f"{ids(w2['respondents_wave2_only'])}. Their ties appear or vanish because of who "
        f"answered, not because the network changed ({len(w2['ties_lost_by_nonresponse'])} "
        "of the lost ties).",
        "- **Interviews**: the wave-1 interviewees who still answer are interviewed again; a "
        "mention is repeated (new words, same code and tone) while its tie holds in the survey "
        "and dropped with it, and the actors of six planted new ties talk about them (e.g. "
        "Sobrio on IKEA Plaisir, the women's collective on FACE Yvelines, coded `Confiance`). "
        f"Interview-only ties: {len(w2['interview_ties_gained'])} gained, "
        f"{len(w2['interview_ties_lost'])} lost.",
        f"- Noise: about 12 % of the other survey ties are dropped at random "
        f"({len(w2['ties_lost'])} ties lost in all), trust rises by one point on about 20 % of "
        f"kept ties ({len(w2['trust_changes'])} trust changes, of which {len(falls)} "
        f"{'falls' if len(falls) != 1 else 'fall'}: " + "; ".join(
            f"`{a}` -> `{b}` ({r}) {x} -> {y}" for a, b, r, x, y in falls) + "). High ratings "
        "(4-5/5) are drawn by the same rules for every actor: no other actor's ratings are adjusted "
        "so that it is not flagged.",
        f"- **Counts as `alliances.compare` reports them** (positive ties, its default; survey "
        f"and interview ties with the same source, target and relation are one tie): "
        f"{len(w2['ties_gained'])} gained, {len(w2['ties_lost'])} lost, {w2['ties_kept']} kept; "
        f"cross-world ties {w2['cross_world_ties']['before']} -> "
        f"{w2['cross_world_ties']['after']}. Negative ties (conflicts, negative interview "
        f"mentions) are not counted by default: with every relation (`relations=` listing "
        f"them all), {w2['ties_kept_all_relations']} ties are kept, including "
        f"{len(w2['negative_ties']['kept'])} negative ones "
        f"({len(w2['negative_ties']['gained'])} negative gained, "
        f"{len(w2['negative_ties']['lost'])} lost).",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- Case 5: Morteau

def morteau() -> Spec:
    A = Actor
    ree, mat, pre, sen, jeu, eco, fin = ("réemploi", "matériauthèque", "prévention des déchets",
                                         "sensibilisation", "jeunes", "économie circulaire",
                                         "financement solidaire")
    vm, pr, doubs = "Val de Morteau", "Plateau du Russey", "Doubs"
    actors = [
        # local authorities
        A("PREVAL Haut-Doubs", ("Syndicat",), "collectivites", (pre, mat, sen), territory="Haut-Doubs"),
        A("Communauté de communes du Val de Morteau", ("Communauté de communes",), "collectivites",
          (eco, mat), territory=vm),
        A("Communauté de communes du Plateau du Russey", ("Communauté de communes",),
          "collectivites", (pre,), territory=pr),
        A("Mairie de Morteau", ("Collectivité",), "collectivites", (sen,), territory="Morteau"),
        A("Mairie de Villers-le-Lac", ("Collectivité",), "collectivites", (pre,),
          territory="Villers-le-Lac", respond=False),
        A("Mairie de Grand'Combe-Châteleu", ("Collectivité",), "collectivites", (pre,),
          territory="Grand'Combe-Châteleu"),
        A("Département du Doubs", ("Collectivité",), "collectivites", (eco,), territory=doubs,
          respond=False),
        A("Région Bourgogne-Franche-Comté", ("Collectivité",), "collectivites", (eco, fin),
          territory="Bourgogne-Franche-Comté", respond=False),
        A("ADEME Bourgogne-Franche-Comté", ("Établissement public",), "collectivites", (eco,),
          territory="Bourgogne-Franche-Comté", respond=False),
        A("Déchetterie intercommunale de Morteau", ("Collectivité",), "collectivites", (pre,),
          territory=vm),
        # social economy and reuse
        A("Ressourcerie La Trouvaille", ("Association", "Entreprise"), "ess", (ree, sen, mat),
          territory=vm),
        A("Emmaüs Pontarlier", ("Association",), "ess", (ree,), territory="Pontarlier",
          respond=False),
        A("Chantier d'insertion Haut-Doubs Récup", ("Structure d'insertion",), "ess", (ree,),
          territory="Haut-Doubs"),
        A("Recyclerie du Saugeais", ("Association",), "ess", (ree,), territory="Saugeais"),
        A("Le Tri Porteur", ("Association",), "ess", (sen,), territory=vm),
        A("Envie Franche-Comté", ("ESS",), "ess", (ree,), territory="Franche-Comté",
          respond=False),
        A("Repair café de Morteau", ("Association",), "ess", ("repair café", sen),
          territory="Morteau"),
        # companies
        A("Menuiserie Vuillemin", ("PME",), "entreprises", (mat,), territory="Morteau"),
        A("Salaisons du Val de Morteau", ("PME",), "entreprises", (pre,), territory="Morteau"),
        A("Garage Cuenot", ("TPE",), "entreprises", (ree,), territory="Montlebon"),
        A("BTP Girardot et Fils", ("PME",), "entreprises",
          (mat, "matériaux de construction de réemploi"), territory="Morteau"),
        A("Horlogerie Bourgeois", ("PME",), "entreprises", (pre,), territory="Villers-le-Lac"),
        A("Intermarché Morteau", ("Entreprise",), "entreprises", (pre,), territory="Morteau",
          respond=False),
        A("Transports Jeannin", ("PME",), "entreprises", (pre,), territory="Les Fins"),
        A("Imprimerie du Haut-Doubs", ("PME",), "entreprises", (sen,), territory="Morteau"),
        A("Fromagerie du Val", ("PME",), "entreprises", (pre,), territory="Montlebon",
          respond=False),
        # citizens, young people, school
        A("Collectif Zéro Déchet du Val", ("Collectif", "Association"), "citoyens", (pre, sen),
          territory=vm),
        A("Conseil municipal des jeunes de Morteau", ("Conseil des jeunes",), "citoyens",
          (jeu, sen), territory="Morteau"),
        A("Lycée Edgar-Faure", ("Lycée",), "citoyens", (jeu,), territory="Morteau"),
        A("Parents d'élèves du Val", ("Familles",), "citoyens", (jeu,), territory=vm),
        A("Comité des fêtes de Morteau", ("Association",), "citoyens", (sen,), territory="Morteau"),
        A("Habitants du quartier des Tillerets", ("Collectif",), "citoyens", (sen,),
          territory="Morteau", respond=False),
        A("Foyer rural de Montlebon", ("Association",), "citoyens", (sen, jeu),
          territory="Montlebon"),
        # support networks
        A("France Active Franche-Comté", ("Réseau",), "reseaux", (fin, eco), territory="Franche-Comté"),
        A("Tiers-lieu La Fabrik du Val", ("Tiers-lieu", "Association"), "reseaux", (mat, eco, jeu),
          territory=vm),
        A("Chambre de commerce et d'industrie du Doubs", ("Chambre consulaire",), "reseaux", (eco,),
          territory=doubs, respond=False),
        A("Chambre de métiers et de l'artisanat du Doubs", ("Chambre consulaire",), "reseaux",
          (eco,), territory=doubs),
        A("Réseau des ressourceries de Bourgogne-Franche-Comté", ("Réseau",), "reseaux", (ree,),
          territory="Bourgogne-Franche-Comté"),
        A("Cress Bourgogne-Franche-Comté", ("Réseau",), "reseaux", (eco, fin),
          territory="Bourgogne-Franche-Comté", respond=False),
        # disconnected group 1: repairers around Villers-le-Lac
        A("Repair café de Villers-le-Lac", ("Association",), "villers", ("repair café", "horlogerie"),
          territory="Villers-le-Lac"),
        A("Les Bricoleurs du Saut du Doubs", ("Collectif",), "villers", ("bricolage",),
          territory="Villers-le-Lac"),
        A("Amicale des horlogers retraités", ("Association",), "villers", ("horlogerie",),
          territory="Villers-le-Lac"),
        A("Atelier couture des Combes", ("Collectif",), "villers", ("bricolage",),
          territory="Les Combes", respond=False),
        # disconnected group 2: companies of the Russey business park
        A("Scierie du Russey", ("PME",), "russey", ("matériaux de construction de réemploi",
                                                     "zone d'activités du Russey"), territory=pr),
        A("Charpentes Mougin", ("PME",), "russey", ("zone d'activités du Russey",), territory=pr),
        A("Béton du Plateau", ("PME",), "russey", ("zone d'activités du Russey",), territory=pr),
        A("Transports Bole", ("TPE",), "russey", ("zone d'activités du Russey",), territory=pr,
          respond=False),
    ]
    return Spec(
        "morteau-reemploi", 2025, actors,
        intermediaries=["PREVAL Haut-Doubs", "France Active Franche-Comté"],
        hybrids={"Ressourcerie La Trouvaille": ["collectivites", "entreprises", "citoyens"],
                 "Tiers-lieu La Fabrik du Val": ["ess", "entreprises", "citoyens", "collectivites"],
                 "Collectif Zéro Déchet du Val": ["ess", "collectivites", "entreprises"]},
        groups=["villers", "russey"],
        missing_links=[("Repair café de Villers-le-Lac", "Repair café de Morteau"),
                       ("Scierie du Russey", "BTP Girardot et Fils")],
        conflicts=[("Salaisons du Val de Morteau", "Déchetterie intercommunale de Morteau")],
    )


EVENTS = [
    ("Comité de projet du site mutualisé n°1", "comité", "2024-01-18",
     ["PREVAL Haut-Doubs", "Communauté de communes du Val de Morteau",
      "Communauté de communes du Plateau du Russey", "France Active Franche-Comté",
      "Ressourcerie La Trouvaille", "Tiers-lieu La Fabrik du Val"]),
    ("Visite inspirante : ressourcerie de Besançon", "visite", "2024-03-07",
     ["PREVAL Haut-Doubs", "Ressourcerie La Trouvaille", "Collectif Zéro Déchet du Val",
      "Recyclerie du Saugeais", "Mairie de Morteau"]),
    ("Bourse aux matériaux", "atelier", "2024-05-25",
     ["Tiers-lieu La Fabrik du Val", "Menuiserie Vuillemin", "BTP Girardot et Fils",
      "Ressourcerie La Trouvaille", "Chambre de métiers et de l'artisanat du Doubs"]),
    ("Comité de projet du site mutualisé n°2", "comité", "2024-06-20",
     ["PREVAL Haut-Doubs", "Communauté de communes du Val de Morteau",
      "Communauté de communes du Plateau du Russey", "France Active Franche-Comté",
      "Ressourcerie La Trouvaille", "Tiers-lieu La Fabrik du Val",
      "Réseau des ressourceries de Bourgogne-Franche-Comté"]),
    ("Festival Récup' du Val : village du réemploi", "festival", "2024-09-14",
     ["Collectif Zéro Déchet du Val", "Ressourcerie La Trouvaille", "Repair café de Morteau",
      "Le Tri Porteur", "Comité des fêtes de Morteau", "Tiers-lieu La Fabrik du Val",
      "Mairie de Morteau", "Imprimerie du Haut-Doubs"]),
    ("Défi jeunes zéro déchet", "action jeunes", "2024-11-05",
     ["Conseil municipal des jeunes de Morteau", "Lycée Edgar-Faure",
      "Collectif Zéro Déchet du Val", "Tiers-lieu La Fabrik du Val", "Foyer rural de Montlebon"]),
    ("Atelier d'entraide des Combes", "atelier", "2024-10-12",  # inside group 1 only
     ["Repair café de Villers-le-Lac", "Les Bricoleurs du Saut du Doubs",
      "Amicale des horlogers retraités"]),
]


def make_morteau(root: Path) -> dict:
    spec = morteau()
    ties = draw_ties(spec)
    pairs = []
    for _, _, _, names in EVENTS:
        ids = [actor_id(n) for n in names]
        pairs += [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]]
    expected = check(spec, ties, pairs)
    byname = _by_name(spec.actors)
    assert all(byname[n].respond for *_, names in EVENTS for n in names)
    rng = random.Random(spec.seed + 7)
    folder = root / spec.name
    enc, sep = "utf-8-sig", ";"
    write_csv(folder / "actors.csv", ["nom", "secteur", "type", "territoire", "thèmes", "alias"],
              actor_rows(spec.actors), encoding=enc, delimiter=sep)
    rows = long_rows(spec, ties, {})
    people = _people(spec)
    plain = [i for i, t in enumerate(ties) if t.target not in spec.intermediaries
             and t.relation != "conflit"]
    bad, *commas = rng.sample(plain, 3)
    rows[bad][6] = "confiance totale ?"
    for i in commas:
        rows[i][6] = rows[i][6] + ",5" if rows[i][6] in "1234" else rows[i][6]
    rows.insert(len(rows) // 2, [people["Recyclerie du Saugeais"][0], "Recyclerie du Saugeais",
                                 "Association", "recyclerie du saugeais", "collaboration",
                                 "quotidien", "5", "réemploi"])
    rows.insert(len(rows) // 4, [people["Garage Cuenot"][0], "Garage Cuenot", "TPE", "",
                                 "", "", "", ""])
    write_csv(folder / "survey.csv", ["répondant", "structure", "secteur", "partenaire",
                                      "type de relation", "fréquence", "confiance", "thème"],
              rows, encoding=enc, delimiter=sep)
    special = [
        ("Salaisons du Val de Morteau", "Déchetterie intercommunale de Morteau", "conflit",
         "négatif", "Les horaires de la déchetterie pour les professionnels, c'est impossible ; "
         "on nous refuse les palettes."),
        ("Scierie du Russey", "Charpentes Mougin", "collaboration", "positif",
         "Les chutes de bois partent chez Mougin ; le projet de matériauthèque à Morteau, "
         "on ne savait même pas que ça existait."),
        ("Repair café de Villers-le-Lac", "Les Bricoleurs du Saut du Doubs", "collaboration",
         "positif", "On répare des montres et des grille-pain entre voisins, sans lien avec "
         "la ressourcerie."),
        ("Ressourcerie La Trouvaille", "France Active Franche-Comté", "confiance", "positif",
         "France Active nous a appris à parler aux banquiers et aux élus : c'est notre traducteur."),
    ]
    irows = interview_rows(spec, ties, 24, spec.seed + 3, special)
    write_csv(folder / "interviews.csv", ["entretien", "personne interrogée", "structure",
                                          "acteur cité", "code", "ton", "citation"],
              irows, encoding=enc, delimiter=sep)
    arows = [[n, ev, kind, date] for ev, kind, date, names in EVENTS for n in names]
    write_csv(folder / "affiliations.csv", ["acteur", "événement", "type", "date"], arows,
              encoding=enc, delimiter=sep)
    expected.update({
        "sample": spec.name,
        "files": {f: {"encoding": enc, "delimiter": sep}
                  for f in ("actors.csv", "survey.csv", "interviews.csv", "affiliations.csv")},
        "survey_layout": "long",
        "messy_names": {"same_id": {}, "aliases": {}, "suggested_duplicates": []},
        "noise": {"self_nomination": actor_id("Recyclerie du Saugeais"), "empty_contact_rows": 1,
                  "unparseable_trust": ["confiance totale ?"], "comma_decimals": 2,
                  "conflicts": [[actor_id(a), actor_id(b)] for a, b in spec.conflicts]},
        "events": {ev: sorted(actor_id(n) for n in names) for ev, _, _, names in EVENTS},
    })
    story = (
        "Case 5 of `/work/shared/CASES.md`: waste reduction and circular economy in the Val de "
        "Morteau (Doubs). A waste-prevention syndicate and two groups of communes, reuse and "
        "social-economy associations, companies and citizens want to pool one site combining "
        "a reuse shop, a materials library and a waste collection centre. The project group "
        "is supported by a regional social-finance network; it organises inspiring visits, a "
        "materials exchange, a festival with a reuse village and actions with young people. "
        "Public bodies and networks appear under their real names; every person, company and "
        "local association is invented.")
    files = (
        "- `actors.csv` (UTF-8 with BOM, `;`, as Excel's \"CSV UTF-8\"): `nom; secteur; type; "
        "territoire; thèmes; alias`.\n"
        "- `survey.csv` (UTF-8 with BOM, `;`, **long layout**): `répondant; structure; secteur; "
        "partenaire; type de relation; fréquence; confiance (1-5, two with a comma decimal "
        "such as `3,5`); thème`.\n"
        "- `interviews.csv` (UTF-8 with BOM, `;`): `entretien; personne interrogée; structure; "
        "acteur cité; code; ton; citation`.\n"
        "- `affiliations.csv` (UTF-8 with BOM, `;`): `acteur; événement; type; date`: who came "
        f"to which of the {len(EVENTS)} meetings, visits, workshops and festival (the "
        "disconnected repairers held their own workshop).")
    extra = (
        "**Noise planted on purpose**: a self-nomination (Recyclerie du Saugeais citing "
        "`recyclerie du saugeais`), a row with an empty contact (Garage Cuenot), an "
        "unparseable trust (`confiance totale ?`), two comma decimals, a conflict tie "
        "(Salaisons du Val de Morteau -> Déchetterie intercommunale de Morteau, with a "
        "negative quote); most ties one-sided. Only respondents appear in `affiliations.csv`.")
    (folder / "README.md").write_text(readme(spec, "Reuse and circular economy in the Val de "
                                                   "Morteau (morteau-reemploi)",
                                             story, files, expected, extra), encoding="utf-8")
    return expected


def write_expected(folder: Path, expected: dict) -> None:
    (folder / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def record_flags(folder: Path, expected: dict) -> dict:
    """What the library flags on the sample as written, with stability (recorded, never tuned).

    The ratings are drawn by the generator's rules only; this reads the result
    with :func:`alliances.actor_table` (seed 0, its defaults: 999 null-model
    draws, 20 non-response resamples) and records which actors are flagged,
    in how many resamples, and which planted actors are found or missed.
    Written to ``expected.json`` (key ``flags``) and to the README.
    """
    import warnings

    from alliances import actor_table
    from alliances.io.load import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = actor_table(load(folder), seed=0)
    out: dict = {}
    for key, col, stab in (("hybrids", "is_hybrid", "hybrid_stability"),
                           ("trusted_intermediaries", "is_trusted_intermediary",
                            "intermediary_stability")):
        flagged = t.index[t[col].astype(bool)]
        planted = expected[key]
        out[key] = {
            "flagged": {str(a): round(float(t.loc[a, stab]), 2) for a in sorted(flagged)},
            "planted_found": sorted(a for a in planted if a in set(flagged)),
            "planted_missed": sorted(a for a in planted if a not in set(flagged)),
        }
    return out


def flags_text(flags: dict, resamples: int = 20) -> str:
    """README paragraph: the flags expected from the library on this sample."""
    lines = ["", "## Flags expected from the library (recorded by the generator)", "",
             "Read with `alliances.actor_table(G, seed=0)` (999 null-model draws, Benjamini-"
             "Hochberg at 0.05, 20 non-response resamples). No rating was adjusted for these: "
             "they are what the method finds in data drawn by the rules above, including its "
             "misses.", ""]
    for key, name in (("hybrids", "Hybrid actors"), ("trusted_intermediaries",
                                                      "Trusted intermediaries")):
        f = flags[key]
        flagged = ", ".join(f"`{a}` (found in {round(s * resamples)} of {resamples} resamples)"
                            for a, s in f["flagged"].items()) or "none"
        lines.append(f"- {name} flagged: {flagged}.")
        if f["planted_missed"]:
            lines.append(f"  Planted but **not flagged** (an expected miss: too little evidence "
                         f"to beat chance in a network this size): "
                         f"{', '.join(f'`{a}`' for a in f['planted_missed'])}.")
    return "\n".join(lines) + "\n"


def findings_text(folder: Path, expected: dict, resamples: int = 20) -> str:
    """README section: what the library is expected to find, one checkable line per statement.

    Read by ``tests/test_sample_readmes.py``, which recomputes every number.
    """
    import warnings

    from alliances import actor_table, components, suggest_introductions
    from alliances.io.load import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = load(folder)
        t = actor_table(G, seed=0)
        comps = components(G)
        intro = suggest_introductions(G, k=10, seed=0)
    lines = ["", "## What the library is expected to find (checked by `tests/test_sample_readmes.py`)", "",
             "Read with `alliances.actor_table(G, seed=0)` (999 null-model draws, Benjamini-Hochberg at "
             "0.05, 20 non-response resamples: \"found in 19 of 20 resamples\" is the flag's `stability`), "
             "`alliances.components(G)` and `alliances.suggest_introductions(G, k=10, seed=0)`. No rating "
             "was adjusted for these: they are what the methods find in data drawn by the rules above, "
             "including their misses.", ""]
    misses = []
    for key, name, col, stab in (("hybrids", "Hybrid actors", "is_hybrid", "hybrid_stability"),
                                 ("trusted_intermediaries", "Trusted intermediaries",
                                  "is_trusted_intermediary", "intermediary_stability")):
        flagged = sorted(t.index[t[col].astype(bool)])
        said = ", ".join(f"`{a}` (found in {round(float(t.loc[a, stab]) * resamples)} of {resamples} "
                         "resamples)" for a in flagged) or "none"
        lines.append(f"- {name} flagged: {said}.")
        for a in expected[key]:
            if a in flagged:
                continue
            r = t.loc[a]
            if key == "hybrids":
                why = (f"{int(r['degree'])} ties; p = {float(r['p']):.3f} for the balance of its trusted "
                       f"ties over worlds against random deals of its partners' worlds")
                if float(r["p"]) <= 0.05:
                    why += (f", but q = {float(r['q']):.3f} once combined with the trust it receives and "
                            "corrected for the actors tested (Benjamini-Hochberg)")
                misses.append(f"  - `{a}` (hybrid): {why}.")
            else:
                why = (f"trusted by {int(r['trusted_by'])} actors of {int(r['trusted_by_worlds'])} worlds; "
                       f"its contacts' groups otherwise apart reach {int(r['bridged_groups'])} worlds besides its own")
                if int(r["bridged_groups"]) < 2:
                    why += ": the clusters it reaches are tied to each other directly"
                if bool(r["is_hybrid"]):
                    why += " (it is flagged as a hybrid)"
                misses.append(f"  - `{a}` (trusted intermediary): {why}.")
    lines.append("- Expected misses (planted, not flagged, and why):" + ("" if misses else " none."))
    lines += misses
    sizes = comps.groupby("component").size().sort_index()
    others = sorted(set(comps.index[comps["component"] == c]) for c in sizes.index[1:])
    planted = sorted(set(g) for g in expected["disconnected_groups"])
    what = ("exactly the two planted groups" if sorted(map(sorted, others)) == sorted(map(sorted, planted))
            else "not all planted")
    lines.append(f"- Disconnected groups: the main component has {int(sizes.iloc[0])} actors; besides it, "
                 f"components of {' and '.join(str(int(s)) for s in sizes.iloc[1:])} actors: {what}.")
    pairs = [frozenset((r.source, r.target)) for r in intro.itertuples()]
    ranks = [pairs.index(frozenset(p)) + 1 for p in expected["missing_links"] if frozenset(p) in pairs]
    lines.append(f"- Introductions: the {len(ranks)} planted missing links are among the {len(intro)} "
                 f"suggestions, at ranks {' and '.join(map(str, ranks))}.")
    return "\n".join(lines) + "\n"


def main(root: Path = HERE) -> None:
    """Write every sample under ``root`` (default: this folder)."""
    for make in (make_antony, make_sqy, make_morteau):
        expected = make(root)
        folder = root / expected["sample"]
        write_expected(folder, expected)
        expected["flags"] = record_flags(folder, expected)
        write_expected(folder, expected)
        readme_path = folder / "README.md"
        readme_path.write_text(readme_path.read_text(encoding="utf-8").rstrip("\n") + "\n"
                               + findings_text(folder, expected), encoding="utf-8")
        print(expected["sample"], {k: len(v) for k, v in expected.items() if isinstance(v, list)})
    write_studies(root)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
