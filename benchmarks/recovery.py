"""Recovery benchmark: does alliances find what was planted? ``python -m benchmarks.recovery``.

Issue 14, item 8. A generator written from scratch (it shares nothing with
``alliances.samples``) builds survey-like actor graphs in which the answer is
known, then asks the public API of alliances, and five simple baselines, to
find it again:

* **planted hybrids** (2% of actors): trusted ties (trust 0.7-1.0), as many
  into each of 3 other sectors as into their own. A hybrid *belongs* to its
  other worlds: its partners there are members taken in different communities
  of those worlds (one partner per community while there are enough; at 200
  to 300 actors there are too few communities and most hybrids have two
  partners in one community, at 400 one in eight, from 1,000 none). Tied
  to one small group per world, as in the first version of this generator, a
  hybrid was also a planted bridge between groups that are otherwise apart,
  that is a trusted intermediary as a side effect of being a hybrid;
* **planted trusted intermediaries** (1%): third parties tied to three groups
  of three different worlds that have no tie with each other, and rated
  0.7-1.0 by the members they know;
* **confounders**: one untrusted hub per 200 actors (about six times the
  mean degree, partners everywhere, rated 0-0.4 by whoever names it), decoys
  (3% of ordinary actors who declare two sectors), ordinary actors with many
  ties (activity is log-normal), communities that are only 85% one sector;
* **missing links**: a few small groups (2 to 5 actors) apart from everybody,
  one of whose members shares a rare theme with one actor of the main network
  (the introduction that should be suggested); other pairs of the main network
  share rare themes too, so rarity alone does not give the answer away;
* **observation**: 25% of actors do not answer (no outgoing ties; others still
  name them), every respondent forgets 15% of its ties, 20% of respondents were
  not asked trust (``trust`` None on their collaboration / information ties),
  and ``noise`` adds that share of random ties (named by respondents, with
  ordinary values).

Each graph is made with and without **declared sectors** (planted hybrids
declare several sectors only in the declared variant; decoys declare two in
both) and under **pure random mixing**: the same graph with the actors'
(sector, sectors) labels permuted at random, where there is nothing to find.

Metrics (look-ups by column name, keyword arguments only):

* precision@k, k = number planted, ranking actors by the ``score`` column of
  :func:`alliances.hybrid_actors` / :func:`alliances.trusted_intermediaries`
  (ties at the cut are shared out: the expected precision under a random
  tie-break), and precision / recall of their flags (``is_hybrid``,
  ``is_trusted_intermediary``);
* the share of actors flagged, on the labelled graph and under random mixing;
* the same precision@k for five baselines: betweenness
  (:func:`alliances.betweenness`, exact), lowest Burt constraint
  (:func:`alliances.structural_holes`), participation coefficient over the
  neighbours' sectors (computed here), betweenness x mean trust received
  (computed here: mean of the ratings on incoming ties), degree (distinct
  neighbours); their "flag" is the naive outlier rule value > mean + 2 SD;
* introductions: share of planted missing links among the 10 suggestions of
  :func:`alliances.suggest_introductions` (as an unordered pair ``source,
  target``), and share of small groups that at least one suggestion reaches.

An ablation switches the confounders off one at a time (decoys, hubs,
non-response) at 1,000 actors and 10% noise, to show what each one costs.

Medians over seeds (by default 7 seeds up to 1,000 actors, 3 above, 5 for the
ablation; about 6 minutes on 2 cores) are written to ``benchmarks/RECOVERY.md``. The hand-written commentary between the
``<!-- commentary -->`` markers of an existing file is kept when the file is
written again. Not part of the test suite; ``tests/test_recovery_generator.py``
tests the generator.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import itertools
import math
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

SECTORS = ("public", "company", "association", "research", "citizen", "intermediary")
SECTOR_WEIGHTS = (0.17, 0.22, 0.24, 0.12, 0.13, 0.12)
RELATIONS = ("collaboration", "information", "trust")
#: frequency 1..5 (weight) and its probabilities
FREQUENCY_P = (0.2, 0.3, 0.25, 0.15, 0.1)

DEFAULT_SIZES = (50, 200, 1000, 5000)
DEFAULT_NOISE = (0.0, 0.1, 0.3)
BASELINES = ("betweenness", "low constraint", "participation", "betweenness x trust", "degree")
COMMENTARY_START = "<!-- commentary -->"
COMMENTARY_END = "<!-- /commentary -->"


# =========================================================================== generator


@dataclass(frozen=True)
class Config:
    """What the generator plants and how the survey observes it (shares of the ``n`` actors)."""

    hybrid_share: float = 0.02
    intermediary_share: float = 0.01
    actors_per_hub: int = 200
    decoy_share: float = 0.03
    groups: int = 3                            # small groups apart (2 below 75 actors)
    group_size: tuple[int, int] = (2, 5)       # inclusive
    non_response: float = 0.25
    unreported: float = 0.15                   # each respondent forgets this share of its ties
    trust_not_asked: float = 0.2               # respondents whose form had no trust question
    mean_degree: float = 8.0                   # ordinary actors' ties
    activity_sigma: float = 0.6                # log-normal spread of ordinary actors' activity
    within_community: float = 0.8              # a background tie stays in the community...
    within_sector: float = 0.12                # ... or in the sector; otherwise anywhere
    community_purity: float = 0.85             # share of a community's members of its sector
    hub_degree_factor: float = 6.0             # hub degree / mean degree
    common_themes: int = 24
    distractor_every: int = 50                 # one extra pair sharing a rare theme per 50 actors


@dataclass(frozen=True)
class Planted:
    """The answer key of a generated graph (actor ids)."""

    hybrids: tuple
    intermediaries: tuple
    hubs: tuple
    decoys: tuple
    groups: tuple                # small groups apart: tuples of ids
    missing_links: tuple         # (group member, main-network actor) sharing a rare theme
    non_respondents: tuple
    hybrid_sectors: dict         # hybrid -> the 3 other sectors it is tied into
    bridged: dict                # intermediary -> the 3 groups (tuples of ids) it bridges
    distractor_pairs: tuple      # main-network pairs that share a rare theme too

    def role(self, actor: Hashable) -> str:
        """``hybrid``, ``intermediary``, ``hub``, ``decoy``, ``small group`` or ``ordinary``."""
        for name, members in (("hybrid", self.hybrids), ("intermediary", self.intermediaries),
                              ("hub", self.hubs), ("decoy", self.decoys)):
            if actor in members:
                return name
        if any(actor in g for g in self.groups):
            return "small group"
        return "ordinary"


@dataclass
class Study:
    """A generated graph, its answer key and the true (undirected) relationships behind it."""

    graph: nx.MultiDiGraph
    planted: Planted
    truth: nx.Graph
    n: int
    noise: float
    declared: bool
    seed: int
    config: Config = field(default_factory=Config)
    community: dict = field(default_factory=dict)   # actor -> planted community (small groups too)


def _streams(seed: int) -> dict[str, np.random.Generator]:
    """Independent seeded streams: the network, the survey, the noise, the random labels."""
    names = ("structure", "survey", "noise", "mixing")
    children = np.random.SeedSequence([seed, 14, 8]).spawn(len(names))
    return {name: np.random.default_rng(s) for name, s in zip(names, children, strict=True)}


def _counts(n: int, cfg: Config) -> dict[str, int]:
    return {
        "hybrids": max(1, round(cfg.hybrid_share * n)),
        "intermediaries": max(1, round(cfg.intermediary_share * n)),
        "hubs": max(1, n // cfg.actors_per_hub) if cfg.actors_per_hub > 0 else 0,
        "decoys": max(1, round(cfg.decoy_share * n)) if cfg.decoy_share > 0 else 0,
        "groups": cfg.groups if n >= 75 else min(cfg.groups, 2),
    }


def generate(n: int, *, noise: float = 0.0, declared: bool = True, seed: int = 0,
             config: Config | None = None) -> Study:
    """A survey-like actor graph of ``n`` actors with planted roles (deterministic for a seed).

    The network and the survey depend on ``seed`` only: ``declared`` changes the
    ``sectors`` attribute of planted hybrids, ``noise`` adds random ties (the
    ties of a lower rate are a subset of those of a higher one).
    """
    cfg = config or Config()
    c = _counts(n, cfg)
    if n < 40:
        raise ValueError(f"the generator needs at least 40 actors, got {n}")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise is a share of ties, 0..1, got {noise!r}")
    rs = _streams(seed)
    rng = rs["structure"]
    width = len(str(n - 1))
    ids = [f"a{i:0{width}d}" for i in range(n)]
    order = rng.permutation(n)

    # --- who is who: small groups apart, then planted roles, then ordinary actors
    pos = 0
    groups: list[np.ndarray] = []
    for _ in range(c["groups"]):
        size = int(rng.integers(cfg.group_size[0], cfg.group_size[1] + 1))
        groups.append(order[pos:pos + size])
        pos += size
    main = order[pos:]
    hybrids = main[:c["hybrids"]]
    inters = main[c["hybrids"]:c["hybrids"] + c["intermediaries"]]
    hubs = main[c["hybrids"] + c["intermediaries"]:c["hybrids"] + c["intermediaries"] + c["hubs"]]
    special = c["hybrids"] + c["intermediaries"] + c["hubs"]
    decoys = main[special:special + c["decoys"]]
    ordinary = np.sort(main[special:])                    # decoys are ordinary actors too
    main_sorted = np.sort(main)

    # --- communities of the main network, mostly one sector each
    mean_size = float(np.clip(n / 12, 6, 25))
    n_comm = max(6, round(main.size / mean_size))
    home = np.concatenate([rng.permutation(6),
                           rng.choice(6, size=n_comm - 6, p=SECTOR_WEIGHTS)]).astype(np.int64)
    sizes = 3 + rng.multinomial(main.size - 3 * n_comm, rng.dirichlet(np.full(n_comm, 5.0)))
    community = np.full(n, -1, dtype=np.int64)
    community[rng.permutation(main)] = np.repeat(np.arange(n_comm), sizes)
    sector = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(groups):
        community[members] = n_comm + g
    group_home = rng.choice(6, size=len(groups), p=SECTOR_WEIGHTS)
    comm_home = np.concatenate([home, group_home])
    pure = rng.random(n) < cfg.community_purity
    other = (comm_home[community] + rng.integers(1, 6, size=n)) % 6
    sector[:] = np.where(pure, comm_home[community], other)
    sector[hybrids] = comm_home[community[hybrids]]        # a hybrid's home world is its group's

    edges: dict[tuple[int, int], str] = {}                 # true relationships (u < v) -> kind

    def tie(u: int, v: int, kind: str) -> None:
        if u == v:
            return
        key = (u, v) if u < v else (v, u)
        if key not in edges or kind != "background":
            edges[key] = kind

    # --- background ties between ordinary actors, degree-heterogeneous
    activity = np.zeros(n)
    activity[ordinary] = rng.lognormal(0.0, cfg.activity_sigma, size=ordinary.size)
    n_bg = round(ordinary.size * cfg.mean_degree / 2)
    src = rng.choice(n, size=n_bg, p=activity / activity.sum())
    mode = rng.choice(3, size=n_bg, p=[cfg.within_community, cfg.within_sector,
                                       1 - cfg.within_community - cfg.within_sector])
    # partner pools: 0..n_comm-1 a community, n_comm + s a sector, n_comm + 6 everybody
    pools = [ordinary[community[ordinary] == k] for k in range(n_comm)]
    pools += [ordinary[sector[ordinary] == s] for s in range(6)]
    pools.append(ordinary)
    pool_of = np.where(mode == 0, community[src], np.where(mode == 1, n_comm + sector[src], n_comm + 6))
    draws = rng.random(n_bg)
    dst = src.copy()                                       # an empty pool gives a self-tie, dropped
    for k, pool in enumerate(pools):
        hit = np.flatnonzero(pool_of == k)
        if not hit.size or not pool.size:
            continue
        cum = np.cumsum(activity[pool])
        dst[hit] = pool[np.minimum(np.searchsorted(cum, draws[hit] * cum[-1]), pool.size - 1)]
    for u, v in zip(src.tolist(), dst.tolist(), strict=True):
        tie(u, v, "background")

    # --- trusted intermediaries: three groups of three worlds, otherwise apart
    members_of = {k: pools[k] for k in range(n_comm)}
    apart: set[frozenset] = set()                          # pairs of communities kept apart
    bridged: dict[int, list[np.ndarray]] = {}
    rated_high: set[tuple[int, int]] = set()               # (rater, rated) pairs rated 0.7-1.0
    for m in inters.tolist():
        chosen: list[int] = []
        for k in rng.permutation(n_comm).tolist():
            if (k != community[m] and members_of[k].size >= 3
                    and home[k] not in {home[j] for j in chosen}):
                chosen.append(k)
            if len(chosen) == 3:
                break
        sides = []
        for k in chosen:
            m_k = int(rng.integers(3, 5))
            side = rng.choice(members_of[k], size=min(m_k, members_of[k].size), replace=False)
            sides.append(side)
            for v in side.tolist():
                tie(m, v, "intermediary")
                rated_high.add((v, m))
        bridged[m] = sides
        apart.update(frozenset((a, b)) for a in chosen for b in chosen if a != b)
        own = members_of[int(community[m])]
        for v in rng.choice(own, size=min(2, own.size), replace=False).tolist():
            tie(m, v, "home")

    # the groups an intermediary bridges have no tie with each other: it alone joins them
    for key in [e for e, kind in edges.items() if kind == "background"
                and frozenset((int(community[e[0]]), int(community[e[1]]))) in apart]:
        del edges[key]

    # --- planted hybrids: balanced trusted ties into their world and 3 others
    hybrid_sectors: dict[int, tuple[int, ...]] = {}
    declares = {}
    for h in hybrids.tolist():
        c_h = int(rng.integers(3, 5))
        others = rng.choice([s for s in range(6) if s != sector[h]], size=3, replace=False)
        hybrid_sectors[h] = tuple(int(s) for s in others)
        declares[h] = int(rng.integers(1, 4))              # declared variant: 1-3 of them
        own = members_of[int(community[h])]
        own = own[sector[own] == sector[h]] if (sector[own] == sector[h]).sum() >= c_h else own
        for v in rng.choice(own, size=min(c_h, own.size), replace=False).tolist():
            tie(h, v, "hybrid")
        # Belonging to a world is being tied across it, not to one of its groups: the partners in
        # each other world are members of that world taken at random in different communities
        # (one partner per community while there are enough). Tied to one small group per world,
        # or to two members of one group, a hybrid would also be a planted bridge between groups
        # apart: a trusted intermediary as a side effect, which is a different role (issue 14).
        used = {int(community[h])}
        for s in hybrid_sectors[h]:
            cands = ordinary[sector[ordinary] == s]
            if not cands.size:
                continue
            picked: list[int] = []
            for v in rng.permutation(cands).tolist():
                if len(picked) == c_h:
                    break
                if int(community[v]) not in used:
                    picked.append(v)
                    used.add(int(community[v]))
            if len(picked) < c_h:  # fewer communities than partners (small networks)
                rest = np.setdiff1d(cands, picked)
                w = activity[rest] / activity[rest].sum()
                picked += rng.choice(rest, size=min(c_h - len(picked), rest.size), replace=False,
                                     p=w).tolist()
            for v in picked:
                tie(h, v, "hybrid")

    # --- untrusted hubs: many ties, everywhere
    hub_degree = min(main.size - 1, max(12, round(cfg.hub_degree_factor * cfg.mean_degree)))
    for hub in hubs.tolist():
        cands = main_sorted[main_sorted != hub]
        for v in rng.choice(cands, size=hub_degree, replace=False).tolist():
            tie(hub, v, "hub")

    # --- small groups apart: connected inside, no tie outside
    for members in groups:
        ms = members.tolist()
        for a, b in itertools.pairwise(ms):
            tie(a, b, "group")
        if len(ms) >= 3:
            tie(ms[0], ms[-1], "group")

    # --- themes: community favourites; rare themes for missing links and distractors
    popularity = 1.0 / np.arange(1, cfg.common_themes + 1) ** 0.8
    popularity /= popularity.sum()
    favourites = [rng.choice(cfg.common_themes, size=3, replace=False, p=popularity)
                  for _ in range(n_comm + len(groups))]
    themes: list[set[int]] = []
    n_themes = rng.choice([1, 2, 3], size=n, p=[0.3, 0.45, 0.25])
    for i in range(n):
        mine: set[int] = set()
        for _ in range(int(n_themes[i])):
            if rng.random() < 0.7:
                mine.add(int(favourites[community[i]][int(rng.integers(3))]))
            else:
                mine.add(int(rng.choice(cfg.common_themes, p=popularity)))
        themes.append(mine)
    next_theme = cfg.common_themes
    plain = ordinary[~np.isin(ordinary, decoys)]
    missing: list[tuple[int, int]] = []
    for members in groups:
        u = int(rng.choice(members))
        v = int(rng.choice(plain))
        themes[u].add(next_theme)
        themes[v].add(next_theme)
        next_theme += 1
        missing.append((u, v))
    distractors: list[tuple[int, int]] = []
    for _ in range(max(2, n // cfg.distractor_every)):
        u, v = (int(x) for x in rng.choice(main, size=2, replace=False))
        themes[u].add(next_theme)
        themes[v].add(next_theme)
        next_theme += 1
        distractors.append((u, v))
    # theme names say nothing of how common a theme is
    names = [f"theme {i:03d}" for i in rng.permutation(next_theme).tolist()]
    other_declared = (sector + rng.integers(1, 6, size=n)) % 6   # decoys' second sector

    # --- the survey
    srv = rs["survey"]
    non_resp = np.zeros(n, dtype=bool)
    non_resp[srv.choice(n, size=round(cfg.non_response * n), replace=False)] = True
    asked = srv.random(n) >= cfg.trust_not_asked
    hub_set = set(hubs.tolist())
    hybrid_set = set(hybrids.tolist())
    arcs: dict[tuple[int, int], dict[str, Any]] = {}

    def rating(a: int, b: int, stream: np.random.Generator, true_tie: bool) -> float:
        if b in hub_set:
            return float(stream.uniform(0.0, 0.4))
        if true_tie and (a in hybrid_set or b in hybrid_set or (a, b) in rated_high):
            return float(stream.uniform(0.7, 1.0))
        return float(stream.beta(5.0, 4.0))

    def report(a: int, b: int, stream: np.random.Generator, true_tie: bool) -> dict[str, Any]:
        r = rating(a, b, stream, true_tie)
        weight = float(stream.choice(5, p=FREQUENCY_P) + 1)
        pick = stream.random()
        if asked[a] and r >= 0.7 and pick < 0.35:
            relation = "trust"
        else:
            relation = "collaboration" if pick < 0.35 + 0.65 * 0.6 else "information"
        return {"relation": relation, "weight": weight, "trust": round(r, 3) if asked[a] else None}

    for (u, v) in sorted(edges):
        for a, b in ((u, v), (v, u)):
            keep = srv.random() >= cfg.unreported
            values = report(a, b, srv, True)
            if not non_resp[a] and keep:
                arcs[(a, b)] = values
    true_arcs = len(arcs)

    # --- noise: random ties named by respondents (a lower rate's ties are a prefix)
    nz = rs["noise"]
    wanted = round(noise * true_arcs)
    respondents = np.flatnonzero(~non_resp)
    added = 0
    while added < wanted:
        a = int(respondents[int(nz.integers(respondents.size))])
        b = int(nz.integers(n))
        values = report(a, b, nz, False)
        if a == b or (a, b) in arcs:
            continue
        arcs[(a, b)] = values
        added += 1

    # --- the graph
    G = nx.MultiDiGraph(name=f"recovery n={n} noise={noise:g} seed={seed}")
    decoy_set = set(decoys.tolist())
    for i in range(n):
        s = SECTORS[int(sector[i])]
        if i in hybrid_set and declared:
            extra = tuple(SECTORS[x] for x in hybrid_sectors[i][:declares[i]])
        elif i in decoy_set:
            extra = (SECTORS[int(other_declared[i])],)
        else:
            extra = ()
        G.add_node(ids[i], label=f"Actor {ids[i][1:]}", sector=s, sectors=(s, *extra),
                   kind="organisation", territory=None,
                   themes=tuple(sorted(names[t] for t in themes[i])),
                   respondent=bool(not non_resp[i]))
    for (a, b), values in sorted(arcs.items()):
        rel = values["relation"]
        G.add_edge(ids[a], ids[b], key=rel, relation=rel, weight=values["weight"],
                   trust=values["trust"], sign=1, origin="survey", evidence=())

    truth = nx.Graph()
    truth.add_nodes_from(ids)
    truth.add_edges_from((ids[u], ids[v], {"kind": kind}) for (u, v), kind in sorted(edges.items()))

    def as_ids(arr: Iterable[int]) -> tuple:
        return tuple(sorted(ids[int(i)] for i in arr))

    planted = Planted(
        hybrids=as_ids(hybrids), intermediaries=as_ids(inters), hubs=as_ids(hubs),
        decoys=as_ids(decoys), groups=tuple(as_ids(g) for g in groups),
        missing_links=tuple((ids[u], ids[v]) for u, v in missing),
        non_respondents=as_ids(np.flatnonzero(non_resp)),
        hybrid_sectors={ids[h]: tuple(SECTORS[s] for s in ss) for h, ss in hybrid_sectors.items()},
        bridged={ids[m]: tuple(as_ids(side) for side in sides) for m, sides in bridged.items()},
        distractor_pairs=tuple((ids[u], ids[v]) for u, v in distractors),
    )
    return Study(graph=G, planted=planted, truth=truth, n=n, noise=noise, declared=declared,
                 seed=seed, config=cfg, community={ids[i]: int(community[i]) for i in range(n)})


def random_mixing(G: nx.MultiDiGraph, *, seed: int = 0) -> nx.MultiDiGraph:
    """The same graph with the actors' (sector, sectors) labels permuted at random."""
    rng = _streams(seed)["mixing"]
    H = G.copy()
    nodes = sorted(H.nodes, key=str)
    labels = [(H.nodes[m].get("sector"), H.nodes[m].get("sectors")) for m in nodes]
    for m, j in zip(nodes, rng.permutation(len(nodes)).tolist(), strict=True):
        H.nodes[m]["sector"], H.nodes[m]["sectors"] = labels[j]
    H.graph["name"] = f"{G.graph.get('name', '')} (random mixing)"
    return H


# =========================================================================== measures


def _undirected(G: nx.Graph) -> nx.Graph:
    """Who is tied to whom: positive ties, either side reporting, self-ties left out."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v, data in G.edges(data=True):
        sign = data.get("sign", 1)
        if u != v and (sign is None or sign >= 0):
            U.add_edge(u, v)
    return U


def participation(G: nx.Graph, U: nx.Graph | None = None) -> pd.Series:
    """Guimerà-Amaral participation coefficient over the neighbours' ``sector`` (NaN: no tie)."""
    U = _undirected(G) if U is None else U
    sector = dict(G.nodes(data="sector"))
    out = {}
    for m in U.nodes:
        counts: dict[Any, int] = {}
        for v in U.neighbors(m):
            s = sector.get(v)
            if s is not None:
                counts[s] = counts.get(s, 0) + 1
        k = sum(counts.values())
        out[m] = 1.0 - sum((x / k) ** 2 for x in counts.values()) if k else math.nan
    return pd.Series(out, dtype=float)


def mean_trust_received(G: nx.Graph) -> pd.Series:
    """Mean of the trust ratings on an actor's incoming ties (NaN: nobody rated it)."""
    total: dict[Any, float] = {}
    count: dict[Any, int] = {}
    for _, v, t in G.edges(data="trust"):
        if t is not None and not (isinstance(t, float) and math.isnan(t)):
            total[v] = total.get(v, 0.0) + float(t)
            count[v] = count.get(v, 0) + 1
    return pd.Series({m: total[m] / count[m] if m in count else math.nan for m in G.nodes},
                     dtype=float)


def baseline_scores(G: nx.Graph) -> dict[str, pd.Series]:
    """The five baselines, higher = more likely planted (indexed by actor id)."""
    import alliances

    U = _undirected(G)
    n = G.number_of_nodes()
    b = alliances.betweenness(G, exact_below=n + 1).astype(float)   # exact at every size
    holes = alliances.structural_holes(G)
    trust = mean_trust_received(G).reindex(b.index).fillna(0.0)
    return {
        "betweenness": b,
        "low constraint": -pd.to_numeric(holes["constraint"], errors="coerce"),
        "participation": participation(G, U),
        "betweenness x trust": b * trust,
        "degree": pd.Series(dict(U.degree()), dtype=float),
    }


def precision_at_k(score: pd.Series, truth: Iterable, k: int) -> float:
    """Share of ``truth`` among the ``k`` best scores; ties at the cut shared out (random tie-break)."""
    truth = set(truth)
    if k <= 0:
        return math.nan
    s = pd.to_numeric(score, errors="coerce").fillna(-np.inf)
    values = s.to_numpy(dtype=float)
    is_true = np.array([i in truth for i in s.index])
    cut = np.sort(values)[::-1][min(k, values.size) - 1]
    above = values > cut
    at = values == cut
    room = k - int(above.sum())
    hits = float(is_true[above].sum())
    if at.any() and room > 0:
        hits += room * is_true[at].sum() / at.sum()
    return hits / k


def outlier_flag(score: pd.Series) -> pd.Series:
    """The naive flag given to the baselines: value above mean + 2 standard deviations."""
    s = pd.to_numeric(score, errors="coerce")
    finite = s[np.isfinite(s)]
    if finite.empty:
        return pd.Series(False, index=s.index)
    return (s > finite.mean() + 2 * finite.std(ddof=0)).fillna(False)


def flag_column(table: pd.DataFrame, preferred: str) -> str:
    """The flag column by name (``preferred``, else the only boolean ``is_*`` column)."""
    if preferred in table.columns:
        return preferred
    cands = [c for c in table.columns if str(c).startswith("is_") and table[c].dtype == bool]
    if len(cands) != 1:
        raise KeyError(f"no flag column {preferred!r} among {list(table.columns)}")
    return cands[0]


def flag_metrics(flag: pd.Series, truth: Iterable) -> dict[str, float]:
    truth = set(truth)
    flagged = set(flag.index[flag.astype(bool)])
    hit = len(flagged & truth)
    return {"precision": hit / len(flagged) if flagged else math.nan,
            "recall": hit / len(truth) if truth else math.nan,
            "share": len(flagged) / len(flag) if len(flag) else math.nan}


# =========================================================================== one run


def _roles(flag: pd.Series, planted: Planted) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in flag.index[flag.astype(bool)]:
        r = planted.role(m)
        out[r] = out.get(r, 0) + 1
    return out


def evaluate(n: int, noise: float, seed: int, *, config: Config | None = None,
             introductions: bool = True) -> tuple[list[dict], list[dict]]:
    """All metrics for one (size, noise, seed), both declared variants; (metric rows, role rows)."""
    import alliances

    rows: list[dict] = []
    role_rows: list[dict] = []
    base = None
    for declared in (False, True):
        start = time.perf_counter()
        study = generate(n, noise=noise, declared=declared, seed=seed, config=config)
        G, planted = study.graph, study.planted
        mixed = random_mixing(G, seed=seed)
        key = {"n": n, "noise": noise, "declared": declared, "seed": seed}
        if base is None:      # sector-free baselines: the same graph in both variants
            base = baseline_scores(G)
        base_mixed = {**base, "participation": participation(mixed)}
        tasks = {"hybrids": (planted.hybrids, alliances.hybrid_actors, "is_hybrid", {})}
        if not declared:      # trusted_intermediaries does not read declared sectors
            tasks["intermediaries"] = (planted.intermediaries, alliances.trusted_intermediaries,
                                       "is_trusted_intermediary", {"seed": seed})
        for task, (truth, fn, flag_name, kwargs) in tasks.items():
            k = len(truth)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                table = fn(G, **kwargs)
                table_mixed = fn(mixed, **kwargs)
            fcol = flag_column(table, flag_name)
            fm = flag_metrics(table[fcol], truth)
            fmix = flag_metrics(table_mixed[flag_column(table_mixed, flag_name)], truth)
            rows.append({**key, "task": task, "method": "alliances", "k": k,
                         "p_at_k": precision_at_k(table["score"], truth, k),
                         "p_at_k_mixed": precision_at_k(table_mixed["score"], truth, k),
                         "precision": fm["precision"], "recall": fm["recall"],
                         "share": fm["share"], "share_mixed": fmix["share"]})
            for label, flag in (("labelled", table[fcol]),
                                ("random mixing", table_mixed[flag_column(table_mixed, flag_name)])):
                role_rows.append({**key, "task": task, "graph": label, **_roles(flag, planted)})
            for name in BASELINES:
                s, s_mix = base[name], base_mixed[name]
                fm = flag_metrics(outlier_flag(s), truth)
                rows.append({**key, "task": task, "method": name, "k": k,
                             "p_at_k": precision_at_k(s, truth, k),
                             "p_at_k_mixed": precision_at_k(s_mix, truth, k),
                             "precision": fm["precision"], "recall": fm["recall"],
                             "share": fm["share"],
                             "share_mixed": flag_metrics(outlier_flag(s_mix), truth)["share"]})
        if not introductions:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            intro = alliances.suggest_introductions(G, k=10, seed=seed)
        suggested = {frozenset((s, t)) for s, t in zip(intro["source"], intro["target"],
                                                        strict=True)}
        found = sum(frozenset(p) in suggested for p in planted.missing_links)
        reached = sum(any((s in g) != (t in g) for s, t in zip(intro["source"], intro["target"],
                                                               strict=True))
                      for g in planted.groups)
        distract = sum(frozenset(p) in suggested for p in planted.distractor_pairs)
        apart = sum(not any((u in g) != (v in g) for u, v in G.edges(g)) and
                    not any((u in g) != (v in g) for u, v in G.in_edges(g))
                    for g in map(set, planted.groups))
        rows.append({**key, "task": "introductions", "method": "alliances",
                     "k": len(planted.missing_links),
                     "found": found / len(planted.missing_links),
                     "reached": reached / len(planted.groups),
                     "distractors": distract, "suggestions": len(intro),
                     "apart": apart / len(planted.groups),
                     "seconds": time.perf_counter() - start,
                     "ties": G.number_of_edges()})
    return rows, role_rows


# =========================================================================== report


#: confounders switched off one at a time (section "Ablations"), at n = 1,000 and noise 10%
ABLATIONS: dict[str, Config] = {
    "all confounders (as above)": Config(),
    "no decoys": Config(decoy_share=0.0),
    "no hubs": Config(actors_per_hub=0),
    "full response (no non-respondent, nothing forgotten, trust always asked)":
        Config(non_response=0.0, unreported=0.0, trust_not_asked=0.0),
    "none of these": Config(decoy_share=0.0, actors_per_hub=0, non_response=0.0, unreported=0.0,
                            trust_not_asked=0.0),
}
ABLATION_N = 1000
ABLATION_NOISE = 0.1


def ablations(seeds: int) -> list[dict]:
    """Metric rows of :data:`ABLATIONS` (column ``ablation``), without introductions."""
    rows: list[dict] = []
    for name, cfg in ABLATIONS.items():
        for seed in range(seeds):
            r, _ = evaluate(ABLATION_N, ABLATION_NOISE, seed, config=cfg, introductions=False)
            rows += [{**row, "ablation": name} for row in r if row["method"] == "alliances"]
    return rows


def _fmt(x: Any, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _median(frame: pd.DataFrame, by: list[str], cols: list[str]) -> pd.DataFrame:
    return frame.groupby(by, sort=True)[cols].median()


def _table(header: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "|".join("---" if i < 1 else "---:" for i in range(len(header)))
    lines = ["| " + " | ".join(header) + " |", "|" + align + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _noise(x: float) -> str:
    return f"{round(100 * x)}%"


def render(results: pd.DataFrame, roles: pd.DataFrame, meta: dict[str, str],
           commentary: str, ablation: pd.DataFrame | None = None) -> str:
    """RECOVERY.md from the per-run rows."""
    ranked = results[results["task"].isin(["hybrids", "intermediaries"])]
    intro = results[results["task"] == "introductions"]
    noises = sorted(results["noise"].unique())
    key_noise = 0.1 if 0.1 in noises else noises[0]     # the noise of the summary tables
    seeds = results.groupby("n")["seed"].nunique().to_dict()
    out = ["# Recovery benchmark: planted roles found again",
           "",
           "Written by `python -m benchmarks.recovery` (method in the docstring of "
           "`benchmarks/recovery.py`; the generator is written from scratch and shares nothing "
           "with `alliances.samples`). Every figure is a **median over seeds** "
           f"({', '.join(f'{s} at n = {n:,}' for n, s in sorted(seeds.items()))}).",
           "",
           f"- command: `{meta['command']}`",
           f"- date: {meta['date']}",
           f"- alliances {meta['version']}, commit `{meta['commit']}`",
           f"- run time: {meta['elapsed']} on {meta['machine']}",
           "",
           "What is planted, per graph of n actors: 2% hybrids (trusted ties, as many into each "
           "of 3 other sectors as into their own, the partners in another sector each in a "
           "different community of it while there are enough), 1% trusted intermediaries (joining three "
           "groups of three worlds that have no tie with each other, rated 0.7-1.0 by the "
           "members they know), one untrusted hub per 200 actors (six times the mean degree, "
           "partners everywhere, rated 0-0.4), 3% decoys (ordinary actors declaring two sectors), "
           "2-3 small groups apart with one missing link each; 25% non-respondents, 15% of ties "
           "forgotten by each respondent, noise = share of random ties added. *declared*: planted "
           "hybrids declare 2-4 sectors (otherwise only their own). *k* = number planted. "
           "*P@k*: precision among the k best scores. *flag P / R*: precision / recall of the "
           "flag. *flagged*: share of all actors flagged; *mixed*: the same graph with sector "
           "labels permuted at random (nothing to find). Baselines have no flag of their own: "
           "theirs is the naive rule value > mean + 2 SD.",
           ""]

    # ---------------------------------------------------------------- key figures
    out += ["## Key figures", "",
            f"Noise {_noise(key_noise)}, median over seeds; *(mean)*: the mean over seeds of "
            "the P@k (at n = 50, k = 1 and each seed gives 0 or 1). Hybrids: the undeclared "
            "variant (planted hybrids declare one sector, as many real ones would), then the "
            "declared one. Introductions: share of the planted missing links among the 10 "
            "suggestions, and share of the small groups reached.", ""]
    key_rows = []
    for n in sorted(ranked["n"].unique()):
        for task, declared in (("hybrids", False), ("hybrids", True), ("intermediaries", False)):
            sub = ranked[(ranked["n"] == n) & (ranked["noise"] == key_noise)
                         & (ranked["task"] == task) & (ranked["declared"] == declared)]
            if sub.empty:
                continue
            m = sub.groupby("method")[["p_at_k", "precision", "recall", "share",
                                       "share_mixed", "k"]].median()
            mean_p = sub[sub["method"] == "alliances"]["p_at_k"].mean()
            best = m.drop(index="alliances")["p_at_k"]
            top = best[best == best.max()].index.tolist()
            name = (task if task == "intermediaries"
                    else f"hybrids ({'declared' if declared else 'undeclared'})")
            a = m.loc["alliances"]
            key_rows.append([f"{n:,}", name, _fmt(float(a["k"]), 0), _fmt(a["p_at_k"]),
                             _fmt(float(mean_p)),
                             _fmt(a["precision"]), _fmt(a["recall"]), _fmt(a["share"], 3),
                             _fmt(a["share_mixed"], 3),
                             f"{_fmt(best.max())} ({', '.join(top)})" if best.max() > 0 else "0"])
        sub = intro[(intro["n"] == n) & (intro["noise"] == key_noise) & ~intro["declared"]]
        if not sub.empty:
            key_rows.append([f"{n:,}", "introductions (top 10)", _fmt(float(sub["k"].median()), 0),
                             f"found {_fmt(sub['found'].median())}",
                             _fmt(float(sub["found"].mean())), "", "",
                             f"groups reached {_fmt(sub['reached'].median())}", "", ""])
    out += [_table(["n", "what", "k", "alliances P@k", "(mean)", "flag P", "flag R", "flagged",
                    "flagged (mixed)", "best baseline P@k"], key_rows,
                   "---:|---|---:|---:|---:|---:|---:|---:|---:|---"), ""]

    # ---------------------------------------------------------------- full tables
    def task_table(task: str, declared_values: tuple[bool, ...]) -> list[str]:
        lines = []
        header = ["n", "noise", *(["declared"] if len(declared_values) > 1 else []), "k",
                  "P@k", "flag P", "flag R", "flagged", "flagged (mixed)", "P@k (mixed)",
                  *[f"{b} P@k" for b in BASELINES]]
        rows = []
        sub = ranked[(ranked["task"] == task) & ranked["declared"].isin(declared_values)]
        med = _median(sub, ["n", "noise", "declared", "method"],
                      ["k", "p_at_k", "precision", "recall", "share", "share_mixed", "p_at_k_mixed"])
        for (n, noise, declared), block in med.groupby(level=[0, 1, 2]):
            block = block.droplevel([0, 1, 2])
            a = block.loc["alliances"]
            rows.append([f"{n:,}", _noise(noise),
                         *(["yes" if declared else "no"] if len(declared_values) > 1 else []),
                         _fmt(float(a["k"]), 0), _fmt(a["p_at_k"]), _fmt(a["precision"]),
                         _fmt(a["recall"]), _fmt(a["share"], 3), _fmt(a["share_mixed"], 3),
                         _fmt(a["p_at_k_mixed"]),
                         *[_fmt(block.loc[b, "p_at_k"]) for b in BASELINES]])
        lines.append(_table(header, rows))
        return lines

    out += ["## Hybrid actors", "",
            "`alliances.hybrid_actors(G)`: ranked by `score`, flag `is_hybrid`. Truth: the "
            "planted hybrids only (a flagged hub, intermediary or decoy is a false positive).", ""]
    out += [*task_table("hybrids", (False, True)), ""]
    out += ["## Trusted intermediaries", "",
            "`alliances.trusted_intermediaries(G, seed=seed)`: ranked by `score`, flag "
            "`is_trusted_intermediary`. It does not read declared sectors: the two variants give "
            "the same figures, shown once (undeclared).", ""]
    out += [*task_table("intermediaries", (False,)), ""]

    # ---------------------------------------------------------------- baselines' flags
    out += ["## Baselines flagged as outliers (value > mean + 2 SD)", "",
            "Precision / recall of the naive outlier flag of each baseline, and the share of "
            "actors it flags on the labelled graph and under random mixing (only participation "
            f"reads sectors; the others do not change). Noise {_noise(key_noise)}, undeclared variant.", ""]
    rows = []
    for task in ("hybrids", "intermediaries"):
        sub = ranked[(ranked["task"] == task) & (ranked["noise"] == key_noise) & ~ranked["declared"]]
        med = _median(sub, ["n", "method"], ["precision", "recall", "share", "share_mixed"])
        for (n, method), r in med.iterrows():
            if method == "alliances":
                continue
            rows.append([task, f"{n:,}", method, _fmt(r["precision"]), _fmt(r["recall"]),
                         _fmt(r["share"], 3), _fmt(r["share_mixed"], 3)])
    out += [_table(["task", "n", "baseline", "flag P", "flag R", "flagged", "flagged (mixed)"],
                   rows, "---|---:|---|---:|---:|---:|---:"), ""]

    # ---------------------------------------------------------------- who is flagged
    out += ["## Who gets flagged", "",
            "Actors flagged by alliances, summed over seeds, by planted role (noise 10%). "
            "*small group*: members of the groups apart.", ""]
    out[-2] = out[-2].replace("(noise 10%)", f"(noise {_noise(key_noise)})")
    role_names = ["hybrid", "intermediary", "hub", "decoy", "small group", "ordinary"]
    rows = []
    sub = roles[roles["noise"] == key_noise]
    for (task, declared, graph, n), block in sub.groupby(["task", "declared", "graph", "n"]):
        if task == "intermediaries" and declared:
            continue
        counts = [int(block[r].fillna(0).sum()) if r in block else 0 for r in role_names]
        total = sum(counts)
        variant = ("" if task == "intermediaries" else
                   f" ({'declared' if declared else 'undeclared'})")
        rows.append([f"{task}{variant}", graph, f"{n:,}", str(total),
                     *[f"{c} ({100 * c / total:.0f}%)" if total else "0" for c in counts]])
    out += [_table(["flag", "graph", "n", "flagged", *role_names], rows,
                   "---|---|---:|---:|" + "|".join(["---:"] * len(role_names))), ""]

    # ---------------------------------------------------------------- introductions
    out += ["## Introductions", "",
            "`alliances.suggest_introductions(G, k=10, seed=seed)`. *found*: share of the planted "
            "missing links (a member of a small group apart and an actor of the main network "
            "sharing a rare theme) that are one of the 10 suggestions, as an unordered pair "
            "(source, target); *still apart*: share of the small groups that no observed tie "
            "joins to the rest (a noise tie can join them); *reached*: share of the small groups that at least one suggestion "
            "joins to an actor outside them; *distractors*: suggested main-network pairs that "
            "were given a shared rare theme at random (median count).", ""]
    rows = []
    med = _median(intro, ["n", "noise", "declared"], ["k", "apart", "found", "reached",
                                                       "distractors", "ties", "seconds"])
    for (n, noise, declared), r in med.iterrows():
        rows.append([f"{n:,}", _noise(noise), "yes" if declared else "no", _fmt(float(r["k"]), 0),
                     _fmt(r["apart"]), _fmt(r["found"]), _fmt(r["reached"]),
                     _fmt(float(r["distractors"]), 1), _fmt(float(r["ties"]), 0),
                     _fmt(float(r["seconds"]), 1)])
    out += [_table(["n", "noise", "declared", "missing links", "still apart", "found", "reached",
                    "distractors", "ties (arcs)", "seconds (whole variant)"], rows), ""]

    # ---------------------------------------------------------------- ablations
    if ablation is not None and not ablation.empty:
        out += ["## Ablations: which confounder costs what", "",
                f"n = {ABLATION_N:,}, noise {_noise(ABLATION_NOISE)}, alliances only, median over "
                f"{ablation['seed'].nunique()} seeds; one part of the generator switched off at a "
                "time (same seeds as above; switching a part off shifts the random draws, so "
                "the networks also differ otherwise).", ""]
        rows = []
        for name in ABLATIONS:
            sub = ablation[ablation["ablation"] == name]
            if sub.empty:
                continue
            cells = [name]
            for task, declared in (("hybrids", False), ("hybrids", True), ("intermediaries", False)):
                m = sub[(sub["task"] == task) & (sub["declared"] == declared)][
                    ["p_at_k", "precision", "recall", "share_mixed"]].median()
                cells += [_fmt(m["p_at_k"]), _fmt(m["precision"]), _fmt(m["recall"])]
                if task == "hybrids" and not declared:
                    cells.append(_fmt(m["share_mixed"], 3))
            rows.append(cells)
        out += [_table(["generator", "hybrids P@k", "flag P", "flag R", "flagged (mixed)",
                        "declared: P@k", "flag P", "flag R",
                        "intermediaries P@k", "flag P", "flag R"], rows,
                       "---|" + "|".join(["---:"] * 10)), ""]

    out += ["## Commentary", "", COMMENTARY_START, commentary.strip("\n"), COMMENTARY_END, ""]
    return "\n".join(out)


DEFAULT_COMMENTARY = """
*Not written yet: read the tables above.*
"""


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True, cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.recovery", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--noise", default=",".join(f"{x:g}" for x in DEFAULT_NOISE))
    parser.add_argument("--seeds", type=int, default=7, help="seeds up to 1,000 actors")
    parser.add_argument("--large-seeds", type=int, default=3, help="seeds above 1,000 actors")
    parser.add_argument("--ablation-seeds", type=int, default=5,
                        help="seeds of the ablations at 1,000 actors (0: none)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "RECOVERY.md")
    args = parser.parse_args(argv)
    import alliances

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    noises = [float(x) for x in args.noise.split(",") if x.strip()]
    start = time.perf_counter()
    rows: list[dict] = []
    role_rows: list[dict] = []
    for n in sizes:
        for noise in noises:
            for seed in range(args.seeds if n <= 1000 else args.large_seeds):
                t = time.perf_counter()
                r, rr = evaluate(n, noise, seed)
                rows += r
                role_rows += rr
                print(f"n={n} noise={noise:g} seed={seed}: {time.perf_counter() - t:.1f} s",
                      flush=True)
    ablation_rows = ablations(args.ablation_seeds) if args.ablation_seeds > 0 else []
    print(f"ablations: {len(ablation_rows)} rows", flush=True)
    elapsed = time.perf_counter() - start
    commentary = DEFAULT_COMMENTARY
    if args.out.exists():
        text = args.out.read_text(encoding="utf-8")
        if COMMENTARY_START in text and COMMENTARY_END in text:
            commentary = text.split(COMMENTARY_START, 1)[1].split(COMMENTARY_END, 1)[0]
    command = "python -m benchmarks.recovery" + (" " + " ".join(argv if argv is not None
                                                                else sys.argv[1:])).rstrip()
    meta = {"command": command.strip(),
            "date": _dt.date.today().isoformat(),
            "version": alliances.__version__, "commit": _commit(),
            "elapsed": f"{elapsed / 60:.1f} min",
            "machine": f"{platform.machine()}, Python {platform.python_version()}, "
                       f"networkx {nx.__version__}"}
    text = render(pd.DataFrame(rows), pd.DataFrame(role_rows), meta, commentary,
                  pd.DataFrame(ablation_rows))
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
