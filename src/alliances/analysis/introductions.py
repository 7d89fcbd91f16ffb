"""Who could be introduced to whom: bridging disconnected groups.

The practical answer to "which groups never talk, and who could connect
them?" (CASES.md: actors who share a theme but have no tie are candidates for
introduction). :func:`suggest_introductions` looks at pairs of clusters with
no or few ties between them, proposes pairs of actors that share themes or
bring complementary worlds, and names the best-placed existing go-between.
Isolated actors and tiny components get their own suggestions. Method and
scores: ``docs/methods/introductions.md``.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from alliances.analysis import _fast
from alliances.analysis.hybrids import node_label, respondent_flags, sector_name
from alliances.analysis.views import group_labels, node_order
from alliances.model import check_graph, iter_ties, normalize_text, tuple_value

__all__ = ["suggest_introductions"]

COLUMNS = [
    "kind", "source", "target", "source_label", "target_label", "source_cluster",
    "target_cluster", "source_sector", "target_sector", "shared_themes", "go_between",
    "go_between_label", "path_length", "ties_between", "score", "reason",
]

#: Actors considered per cluster for a cluster pair (keeps large networks fast).
PER_CLUSTER = 40
#: Go-between candidates explored (breadth-first search from each).
GO_BETWEENS = 30
#: Best-placed actors per cluster always paired, even without a shared theme.
AMBASSADORS = 3


def suggest_introductions(
    G: nx.Graph,
    *,
    k: int | None = 10,
    seed: int = 0,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    max_ties: int = 1,
    per_pair: int = 2,
    small: int = 2,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    r"""Suggest introductions between actors of groups that do not talk to each other.

    1. Clusters (:func:`~alliances.clusters`, seeded) on the undirected tie
       graph of positive ties; a **cluster pair** with at most ``max_ties``
       ties between them is "disconnected".
    2. For such a pair, every pair of actors (``u`` in one, ``v`` in the
       other) with no tie at all (not even a conflict) is a candidate if they
       **share a theme** (node attribute ``themes``, plus the ``theme`` of
       their ties) or come from **different worlds** (``attr``).
    3. Score of a candidate pair:

       .. math::

           s(u, v) = \sum_{t \in T_u \cap T_v} \big(1 + \ln\tfrac{n}{n_t}\big)
           + \tfrac12[\text{worlds differ}] + \tfrac12\,\frac{2}{d(g,u) + d(g,v)}
           + \tfrac12[\text{no tie between the clusters}]

       with :math:`n_t` the number of actors on theme :math:`t` (a rare
       shared theme says more than one everybody works on) and :math:`g` the
       best go-between: among the hybrid actors and trusted intermediaries
       (or, when none is flagged, the best-scored actors), the one with the
       shortest path to both (:math:`d(g,u)+d(g,v)` smallest; then the higher
       of its hybrid and intermediary scores; then id). The go-between term is
       0 when nobody reaches both.
    4. **Isolated actors and components of at most ``small`` actors** get
       their own suggestion: the actor of the largest component that shares
       most themes with them, preferring hybrids and trusted intermediaries
       (natural first contacts), then different worlds.

    Within each cluster pair the best ``per_pair`` suggestions are kept,
    each actor at most once (so no single pair of groups fills the list);
    the output is sorted by score (descending), then by source and target id.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or a ``Graph``/``DiGraph``.
    k : int, default 10
        Number of suggestions returned (``None`` or 0: all).
    seed : int, default 0
        Seed of the clustering (same seed, same suggestions).
    attr : str, default "sector"
        Node attribute holding the world.
    relations : str or iterable of str, optional
        Relations that count as ties (default: every positive tie).
    max_ties : int, default 1
        A cluster pair with at most this many ties between them is considered.
    per_pair : int, default 2
        Suggestions kept per cluster pair.
    small : int, default 2
        Components of at most this many actors (not the largest) are handled
        as isolated.
    table : pandas.DataFrame, optional
        A precomputed :func:`~alliances.actor_table` of ``G`` (same ``attr``,
        ``seed`` and ``relations``), to avoid computing it again.

    Returns
    -------
    pandas.DataFrame
        One row per suggestion, index ``rank`` (1, 2, ...), columns ``kind``
        ("clusters" or "isolated"), ``source, target`` (ids), their labels,
        clusters and sectors, ``shared_themes`` (tuple), ``go_between`` (id
        or None), ``go_between_label``, ``path_length`` (through the
        go-between; NaN if none), ``ties_between`` (between the two
        clusters), ``score`` and ``reason``. Deterministic for a seed.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([
    ...     ("mairie", {"sector": "public", "themes": ("mobility",)}),
    ...     ("club", {"sector": "association", "themes": ("mobility", "youth")}),
    ...     ("hub", {"sector": "intermediary", "themes": ()}),
    ...     ("school", {"sector": "research", "themes": ("youth",)}),
    ...     ("firm", {"sector": "company", "themes": ("youth",)})])
    >>> G.add_edges_from([("mairie", "hub"), ("hub", "club"), ("school", "firm")])
    >>> s = suggest_introductions(G, k=3)
    >>> s.loc[1, ["kind", "source", "target"]].tolist()
    ['isolated', 'firm', 'club']
    >>> s.loc[1, "reason"]
    'firm and its small group have no tie to the main network; both work on youth; company meets association / social economy'
    """
    check_graph(G, caller="suggest_introductions")
    nodes = node_order(G)
    groups = dict(zip(nodes, group_labels(G, attr, nodes), strict=True))
    with _fast.shared(G):  # the actor table and the suggestions read the same tie matrices
        pieces = _pieces(G, attr, relations=relations, seed=seed, table=table)
        return _introductions(G, groups, pieces["cluster"], pieces["component"], pieces["key_score"],
                              pieces["flagged"], relations=relations, k=k, max_ties=max_ties,
                              per_pair=per_pair, small=small)


# --------------------------------------------------------------------------- internals


def _any_tie_keys(G: nx.Graph, index: dict) -> np.ndarray:
    """Sorted ``i * n + j`` codes of every pair with a tie of any relation or sign, both directions."""
    n = len(index)
    a = _fast.arcs(G)
    return np.unique(np.concatenate([a.u * n + a.v, a.v * n + a.u]))


def _distances(G: nx.Graph, relations: Any, sources: list[int]) -> np.ndarray:
    """Hop distances on the undirected positive tie graph from ``sources`` (inf: unreachable)."""
    from alliances.analysis.centrality import to_igraph

    g, _, _ = to_igraph(G, relations=relations, directed=False, weight=None)
    if not sources:
        return np.zeros((0, g.vcount()))
    return np.asarray(g.distances(source=sources), dtype=float)


def _pieces(G: nx.Graph, attr: str, *, relations: Any, seed: int,
            table: pd.DataFrame | None = None) -> dict[str, Any]:
    """Clusters, components and go-between scores, read from the actor table."""
    if table is None:
        from alliances.analysis.table import actor_table

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*treated as one group.*")
            table = actor_table(G, attr=attr, seed=seed, relations=relations)
    flagged = set(table.index[table["is_hybrid"].astype(bool)
                              | table["is_trusted_intermediary"].astype(bool)])
    return {"cluster": table["cluster"], "component": table["component"],
            "key_score": table["key_score"], "flagged": flagged}


def _themes(G: nx.Graph, nodes: list) -> tuple[dict[Hashable, dict[str, str]], dict[str, int]]:
    """Each actor's themes (normalised key -> display form), from node themes and tie themes.

    The display form of a theme is its smallest spelling in the whole graph, so
    it never depends on the order of rows.
    """
    keys: dict[Hashable, set[str]] = {n: set() for n in nodes}
    spellings: dict[str, set[str]] = {}
    normalised: dict[str, str] = {}  # a survey repeats a few themes on 10^5 rows: normalise each once

    def add(n: Hashable, value: Any) -> None:
        for t in tuple_value(value):
            if t is None or (isinstance(t, float) and math.isnan(t)):
                continue
            text = str(t)
            key = normalised.get(text)
            if key is None:
                key = normalised[text] = normalize_text(text)
                if key:
                    spellings.setdefault(key, set()).add(text.strip())
            if key:
                keys[n].add(key)

    for n in nodes:
        add(n, G.nodes[n].get("themes"))
    for tie in iter_ties(G, weight=None, self_loops=True):
        theme = tie.data.get("theme")
        if theme is not None and tie.sign > 0:
            add(tie.source, theme)
            add(tie.target, theme)
    shown = {key: min(forms) for key, forms in spellings.items()}
    themes = {n: {key: shown[key] for key in sorted(keys[n])} for n in nodes}
    counts = Counter(key for n in nodes for key in keys[n])
    return themes, {key: counts.get(key, 0) for key in spellings}


@dataclass
class _Network:
    """What every suggestion reads, computed once per call: ties, themes, clusters, go-betweens."""

    G: nx.Graph
    nodes: list
    pos: dict
    groups: dict
    themes: dict
    theme_counts: dict
    respondent: dict
    cluster: dict
    component: dict
    key: dict
    degree: dict
    flagged: set
    any_keys: np.ndarray
    pool: list
    pool_pos: np.ndarray
    dist: np.ndarray
    largest: int | None
    component_size: dict

    def tied(self, u, v) -> bool:
        """Any tie at all between u and v, any relation or sign, either direction."""
        q = self.pos[u] * len(self.nodes) + self.pos[v]
        i = int(np.searchsorted(self.any_keys, q))
        return i < self.any_keys.size and int(self.any_keys[i]) == q

    def shared(self, u, v) -> list[str]:
        return sorted(set(self.themes[u]) & set(self.themes[v]))

    def theme_score(self, keys: list[str]) -> float:
        """Sum of the shared themes' rarity, ``1 + log(n / n_t)``."""
        n = len(self.nodes)
        return sum(1.0 + math.log(n / self.theme_counts[t]) for t in keys)

    def different_worlds(self, u, v) -> bool:
        gu, gv = self.groups[u], self.groups[v]
        return gu is not None and gv is not None and gu != gv

    def go_between(self, u, v) -> tuple[Any, float]:
        """The go-between on the shortest path u -> g -> v (ties: the best-scored), and its length."""
        if not self.pool:
            return None, math.nan
        total = self.dist[:, self.pos[u]] + self.dist[:, self.pos[v]]
        total[(self.pool_pos == self.pos[u]) | (self.pool_pos == self.pos[v])] = np.inf
        j = int(np.argmin(total))  # pool is sorted by (-key, id): the first minimum breaks ties
        if not np.isfinite(total[j]):
            return None, math.nan
        return self.pool[j], float(total[j])


def _network(G: nx.Graph, groups: dict, cluster: pd.Series, component: pd.Series,
             key_score: pd.Series, flagged: set, relations: Any) -> tuple[_Network, sp.csr_array]:
    """The :class:`_Network` of ``G`` and its undirected positive 0/1 adjacency."""
    nodes = node_order(G)
    T = _fast.tie_matrix(G, relations=relations, weight=None)
    pos = T.index
    B = _fast.binary_undirected(T)  # positive ties, either side reporting
    deg = {m: int(d) for m, d in zip(nodes, np.diff(B.indptr).tolist(), strict=True)}
    any_keys = _fast.cached(G, ("any_tie_keys",), lambda: _any_tie_keys(G, pos))
    themes, tcount = _themes(G, nodes)
    comp = {m: int(component.get(m)) for m in nodes}
    key = {m: float(key_score.get(m, 0.0)) if not pd.isna(key_score.get(m, 0.0)) else 0.0
           for m in nodes}
    comp_size: dict[int, int] = {}
    for m in nodes:
        comp_size[comp[m]] = comp_size.get(comp[m], 0) + 1
    largest = min(comp_size, key=lambda c: (-comp_size[c], c)) if comp_size else None
    # go-betweens: flagged actors, else best-scored connected actors
    pool = sorted((m for m in flagged if deg[m] > 0), key=lambda m: (-key[m], str(m)))
    if not pool:
        pool = sorted((m for m in nodes if deg[m] > 0), key=lambda m: (-key[m], str(m)))
    pool = pool[:GO_BETWEENS]
    net = _Network(
        G=G, nodes=nodes, pos=pos, groups=groups, themes=themes, theme_counts=tcount,
        respondent=respondent_flags(G, nodes), cluster={m: int(cluster.get(m)) for m in nodes},
        component=comp, key=key, degree=deg, flagged=flagged, any_keys=any_keys, pool=pool,
        pool_pos=np.array([pos[g] for g in pool], dtype=np.int64),
        # hop distances from each go-between (breadth-first, igraph): inf if unreachable
        dist=_distances(G, relations, [pos[g] for g in pool]),
        largest=largest, component_size=comp_size)
    return net, B


def _ties_between_clusters(net: _Network, B: sp.csr_array) -> dict[tuple[int, int], int]:
    """Number of undirected positive ties between each pair of clusters (lower id first)."""
    U = sp.triu(B, k=1).tocoo()
    cl_arr = np.array([net.cluster[m] for m in net.nodes], dtype=np.int64)
    ca, cb = cl_arr[U.row], cl_arr[U.col]
    lo, hi = np.minimum(ca, cb), np.maximum(ca, cb)
    cross = lo != hi
    if not cross.any():
        return {}
    pair_keys, pair_counts = np.unique(np.column_stack([lo[cross], hi[cross]]), axis=0,
                                       return_counts=True)
    return {(int(a), int(b)): int(c)
            for (a, b), c in zip(pair_keys.tolist(), pair_counts.tolist(), strict=True)}


def _cluster_suggestions(net: _Network, B: sp.csr_array, small_nodes: set, *, max_ties: int,
                         per_pair: int) -> list[dict]:
    """Up to ``per_pair`` introductions for each pair of clusters with at most ``max_ties`` ties."""
    between = _ties_between_clusters(net, B)
    themes, key, deg = net.themes, net.key, net.degree
    members: dict[int, list] = {}
    for m in net.nodes:
        if m not in small_nodes:
            members.setdefault(net.cluster[m], []).append(m)
    # per cluster, once: a shortlist, its theme index, and its best-placed "ambassadors"
    by_theme: dict[int, dict[str, list]] = {}
    for c, ms in members.items():
        index: dict[str, list] = {}
        for m in sorted(ms, key=lambda m: (-len(themes[m]) - key[m], str(m)))[:PER_CLUSTER]:
            for t in themes[m]:
                index.setdefault(t, []).append(m)
        by_theme[c] = index
    ambassadors = {c: sorted(ms, key=lambda m: (-key[m], -deg[m], str(m)))[:AMBASSADORS]
                   for c, ms in members.items()}

    def candidates(a: int, b: int) -> list[tuple]:
        # pairs sharing a theme, plus the best-placed actors of each side
        pairs = set()
        for t in by_theme[a].keys() & by_theme[b].keys():
            pairs.update((u, v) for u in by_theme[a][t] for v in by_theme[b][t])
        pairs.update((u, v) for u in ambassadors[a] for v in ambassadors[b])
        return sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))

    suggestions: list[dict] = []
    cids = sorted(members)
    for i, a in enumerate(cids):
        for b in cids[i + 1:]:
            ties = between.get((a, b), 0)
            if ties > max_ties:
                continue
            cands = []
            for u, v in candidates(a, b):
                if net.tied(u, v):
                    continue
                sh = net.shared(u, v)
                diff = net.different_worlds(u, v)
                if not sh and not diff:
                    continue
                g, plen = net.go_between(u, v)
                gq = 2.0 / plen if g is not None and plen > 0 else 0.0
                score = net.theme_score(sh) + 0.5 * diff + 0.5 * gq + 0.5 * (ties == 0)
                cands.append((score, u, v, sh, g, plen))
            cands.sort(key=lambda x: (-x[0], str(x[1]), str(x[2])))
            used: set = set()
            rank = 0
            for score, u, v, sh, g, plen in cands:
                if rank >= per_pair:
                    break
                if u in used or v in used:
                    continue
                used.update((u, v))
                suggestions.append(_row("clusters", net.G, u, v, net.cluster, net.groups, themes,
                                        sh, g, plen, ties, score, rank, net.respondent))
                rank += 1
    return suggestions


def _first_contacts(net: _Network, small_nodes: set) -> list[dict]:
    """For each isolated actor or tiny component: one first contact in the largest component."""
    themes, key, flagged = net.themes, net.key, net.flagged
    main = [m for m in net.nodes if net.component[m] == net.largest] if net.largest is not None else []
    main_by_theme: dict[str, list] = {}
    for m in main:
        for t in themes[m]:
            main_by_theme.setdefault(t, []).append(m)
    welcomers = sorted(main, key=lambda m: (m not in flagged, -key[m], str(m)))[:GO_BETWEENS]
    suggestions: list[dict] = []
    seen_small: set = set()
    for x in sorted(small_nodes, key=str):
        if net.component[x] in seen_small:
            continue
        seen_small.add(net.component[x])
        group_members = sorted((m for m in small_nodes if net.component[m] == net.component[x]),
                               key=str)
        best = None
        for u in group_members:
            near = {v for t in themes[u] for v in main_by_theme.get(t, ())} | set(welcomers)
            for v in sorted(near, key=str):
                if net.tied(u, v):
                    continue
                sh = net.shared(u, v)
                welcome = 1.0 if v in flagged else key[v]
                score = net.theme_score(sh) + 0.5 * net.different_worlds(u, v) + welcome
                cand = (-score, str(u), str(v))
                if best is None or cand < best[0]:
                    best = (cand, u, v, sh, score)
        if best is None:
            continue
        _, u, v, sh, score = best
        suggestions.append(_row("isolated", net.G, u, v, net.cluster, net.groups, themes, sh, None,
                                math.nan, 0, score, 0, net.respondent, welcomer=v in flagged,
                                alone=len(group_members) == 1))
    return suggestions


def _introductions(
    G: nx.Graph,
    groups: dict,
    cluster: pd.Series,
    component: pd.Series,
    key_score: pd.Series,
    flagged: set,
    *,
    relations: Any = None,
    k: int | None = 10,
    max_ties: int = 1,
    per_pair: int = 2,
    small: int = 2,
) -> pd.DataFrame:
    """The suggestions table: introductions between clusters, then first contacts for the isolated.

    ``groups`` are the actors' worlds, ``cluster`` and ``component`` their
    cluster and component ids, ``key_score`` their go-between score and
    ``flagged`` the hybrids and trusted intermediaries. Actors of components
    of at most ``small`` actors (outside the largest) get a first contact;
    the others are introduced across clusters joined by at most ``max_ties``
    ties, ``per_pair`` suggestions per pair of clusters, the ``k`` best kept.
    """
    net, B = _network(G, groups, cluster, component, key_score, flagged, relations)
    small_nodes = {m for m in net.nodes if net.component[m] != net.largest
                   and net.component_size[net.component[m]] <= small}
    suggestions = _cluster_suggestions(net, B, small_nodes, max_ties=max_ties, per_pair=per_pair)
    suggestions += _first_contacts(net, small_nodes)
    suggestions.sort(key=lambda r: (-r["score"], r["_rank"], str(r["source"]), str(r["target"])))
    if k:
        suggestions = suggestions[:k]
    frame = pd.DataFrame(suggestions, columns=COLUMNS)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    frame["score"] = frame["score"].astype(float)
    frame["path_length"] = frame["path_length"].astype(float)
    return frame


def _row(kind, G, u, v, cl, groups, themes, sh, g, plen, ties, score, rank, respondent,
         *, welcomer: bool = False, alone: bool = True) -> dict:
    lu, lv = node_label(G, u), node_label(G, v)
    shown = tuple(themes[u][t] for t in sh)
    parts = []
    if shown:
        parts.append(f"both work on {', '.join(shown)}")
    if groups[u] is not None and groups[v] is not None and groups[u] != groups[v]:
        parts.append(f"{sector_name(groups[u])} meets {sector_name(groups[v])}")
    if kind == "clusters":
        parts.append("never cited each other"
                     + ("; their groups have no tie at all" if ties == 0
                        else f"; only {ties} tie{'s' if ties != 1 else ''} between their groups"))
        if g is not None:
            gl = node_label(G, g)
            parts.append(f"{gl} knows both" if plen == 2
                         else f"{gl} can reach both ({int(plen)} steps in all)")
        else:
            parts.append("nobody in the data reaches both: a joint event or a third place is needed")
    else:
        parts.insert(0, f"{lu} has no tie to the main network" if alone
                     else f"{lu} and its small group have no tie to the main network")
        if welcomer:
            parts.append(f"{lv} is a hybrid or trusted intermediary: a natural first contact")
        if not respondent[u]:
            parts.append(f"{lu} did not answer the survey: it may simply not have been reached")
    return {
        "kind": kind, "source": u, "target": v, "source_label": lu, "target_label": lv,
        "source_cluster": cl[u], "target_cluster": cl[v], "source_sector": groups[u],
        "target_sector": groups[v], "shared_themes": shown, "go_between": g,
        "go_between_label": node_label(G, g) if g is not None else None,
        "path_length": plen, "ties_between": ties, "score": float(score),
        "reason": "; ".join(parts), "_rank": rank,
    }
