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
from alliances.analysis.clusters import world_name
from alliances.analysis.hybrids import node_label, respondent_flags
from alliances.analysis.views import group_labels, node_order
from alliances.errors import MissingWorldWarning
from alliances.i18n import gettext, ngettext, resolve_lang
from alliances.model import check_graph, iter_ties, normalize_text, tuple_value

__all__ = ["suggest_introductions"]

COLUMNS = [
    "kind", "source", "target", "source_label", "target_label", "source_cluster",
    "target_cluster", "source_sector", "target_sector", "shared_themes", "go_between",
    "go_between_label", "path_length", "ties_between", "score", "reason",
]

#: Go-between candidates explored (breadth-first search from each).
GO_BETWEENS = 30
#: Best-placed actors per group always paired, even without a shared theme.
AMBASSADORS = 3
#: A group is "apart" when its ties to the rest of the network are at most this share of
#: what its members would have with the network's mean degree (one quarter).
APART = 0.25
#: Weights of the score's terms besides theme similarity (which lies in [0, 1]).
W_APART, W_WORLDS, W_GO, W_NO_TIE, W_WELCOME = 0.5, 0.05, 0.05, 0.05, 0.05
#: Candidates per pair of groups whose go-between is looked for (the best by the other terms).
SHORTLIST = 8


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
    lang: str | None = None,
) -> pd.DataFrame:
    r"""Suggest introductions between actors of groups that do not talk to each other.

    1. **Groups.** Clusters (:func:`~alliances.clusters`, seeded) on the
       undirected tie graph of positive ties; a **cluster pair** with at most
       ``max_ties`` ties between them is "disconnected". Small groups that
       the clusters absorb are looked for too: every community of 2 or more
       actors at any level of a seeded Louvain run is a **group apart** when
       its ties to the rest of the network are at most a quarter of what its
       members would have at the network's mean degree
       (``out <= 0.25 * mean degree * size``); it is paired with every cluster
       it has at most ``max_ties`` ties with.
    2. **Candidates.** *Every* pair of actors ``u``, ``v`` of the two groups
       (a sparse product of their actor x theme matrices) with no tie at all
       (not even a conflict) that shares a theme, plus the pairs of the 3
       best-placed actors of each side when they come from different worlds
       (``attr``). An actor's themes are its node attribute ``themes`` plus
       the ``themes`` (tuple) or ``theme`` of its positive ties.
    3. **Score** of a candidate pair:

       .. math::

           s(u, v) = \mathrm{sim}(u, v) + 0.5\,[\text{a group apart}]
           + 0.05\,[\text{worlds differ}] + 0.05\,\frac{2}{d(g,u) + d(g,v)}
           + 0.05\,[\text{no tie between the groups}]

       with the theme similarity

       .. math::

           \mathrm{sim}(u, v) = \frac{1}{\sqrt{|T_u|\,|T_v|}}
           \sum_{t \in T_u \cap T_v} \frac{1}{n_t - 1}

       (:math:`T_u` the themes of :math:`u`, :math:`n_t` the number of
       actors on theme :math:`t`): the chance that a random theme of one,
       then a random other actor on that theme, is the other, as a geometric
       mean both ways. It is 1 for two actors with one theme that only they
       have; a theme everybody has adds almost nothing, and an actor with
       many themes does not win by volume. :math:`g` is the best go-between:
       among the hybrid actors and trusted intermediaries (or, when none is
       flagged, the best-scored actors), the one with the shortest path to
       both (:math:`d(g,u)+d(g,v)` smallest; then the higher of its hybrid
       and intermediary scores; then id); the term is 0 when nobody reaches
       both.
    4. **Isolated actors and components of at most ``small`` actors** get
       their own suggestion: the actor of the largest component with the
       highest theme similarity, preferring different worlds and hybrids
       and trusted intermediaries (natural first contacts): score
       ``sim + 0.5 + 0.05 [worlds differ] + 0.05 welcome`` (welcome 1 for a
       flagged actor, else its ``key_score``).

    Within each pair of groups the best ``per_pair`` suggestions are kept,
    each actor at most once, and a group apart keeps its best ``per_pair``
    in all (so no single group fills the list);
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
    lang : str, optional
        Language of the sentences (``"en"`` or ``"fr"``); None follows the
        environment (``ALLIANCES_LANG``, then the locale), English otherwise.

    Returns
    -------
    pandas.DataFrame
        One row per suggestion, index ``rank`` (1, 2, ...), columns ``kind``
        ("clusters", "group apart" or "isolated"), ``source, target`` (ids), their labels,
        clusters and sectors, ``shared_themes`` (tuple), ``go_between`` (id
        or None), ``go_between_label``, ``path_length`` (through the
        go-between; NaN if none), ``ties_between`` (between the two
        clusters, or between the group apart and the target's cluster), ``score`` and ``reason``. Deterministic for a seed.

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
    'firm and its small group have no tie to the main network; both work on youth (3 actors); company meets association / social economy'
    """
    check_graph(G, caller="suggest_introductions")
    lang = resolve_lang(lang)
    nodes = node_order(G)
    groups = dict(zip(nodes, group_labels(G, attr, nodes, lang=lang), strict=True))
    with _fast.shared(G):  # the actor table and the suggestions read the same tie matrices
        pieces = _pieces(G, attr, relations=relations, seed=seed, table=table)
        return _introductions(G, groups, pieces["cluster"], pieces["component"], pieces["key_score"],
                              pieces["flagged"], relations=relations, k=k, max_ties=max_ties,
                              per_pair=per_pair, small=small, seed=seed, lang=lang)


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
            warnings.filterwarnings("ignore", category=MissingWorldWarning)
            table = actor_table(G, attr=attr, seed=seed, relations=relations)
    flagged = set(table.index[table["is_hybrid"].astype(bool)
                              | table["is_trusted_intermediary"].astype(bool)])
    return {"cluster": table["cluster"], "component": table["component"],
            "key_score": table["key_score"], "flagged": flagged}


def _themes(G: nx.Graph, nodes: list) -> tuple[dict[Hashable, dict[str, str]], dict[str, int]]:
    """Each actor's themes (normalised key -> display form), from node themes and tie themes.

    Ties carry ``themes`` (a tuple, as the survey importer writes it) or a
    single ``theme``; both are read, on positive ties only. The display form of
    a theme is its smallest spelling in the whole graph, so it never depends on
    the order of rows.
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
        if tie.sign <= 0:
            continue
        for name in ("themes", "theme"):
            value = tie.data.get(name)
            if value is not None:
                add(tie.source, value)
                add(tie.target, value)
    shown = {key: min(forms) for key, forms in spellings.items()}
    themes = {n: {key: shown[key] for key in sorted(keys[n])} for n in nodes}
    counts = Counter(key for n in nodes for key in keys[n])
    return themes, {key: counts.get(key, 0) for key in spellings}


def _texts(lang: str) -> dict[str, Any]:
    """The sentence templates of :func:`_row`, translated once per call (plurals: a function of n)."""
    return {
        "lang": lang,
        "sep": gettext("; ", lang),
        "both": gettext("both work on {themes}", lang),
        "only_two": gettext("{theme} (only these two)", lang),
        "theme_n": lambda n, **f: ngettext("{theme} ({n} actor)", "{theme} ({n} actors)", n,
                                           lang).format(n=n, **f),
        "meets": gettext("{world} meets {other}", lang),
        "ties": lambda n: ngettext("{n} tie", "{n} ties", n, lang).format(n=n),
        "apart": gettext("{label} is in a group of {size} actors with {ties} to the rest of the network", lang),
        "their_clusters": gettext("their clusters", lang),
        "rest_of": gettext("that group and the rest of {label}'s cluster", lang),
        "group_and": gettext("that group and {label}'s cluster", lang),
        "no_tie_between": gettext("never cited each other; no tie between {where}", lang),
        "only_between": lambda n, **f: ngettext("never cited each other; only {n} tie between {where}",
                                                "never cited each other; only {n} ties between {where}",
                                                n, lang).format(n=n, **f),
        "knows": gettext("{label} knows both", lang),
        "reach": lambda n, **f: ngettext("{label} can reach both ({n} step in all)",
                                         "{label} can reach both ({n} steps in all)", n, lang).format(n=n, **f),
        "nobody": gettext("nobody in the data reaches both: a joint event or a third place is needed", lang),
        "alone": gettext("{label} has no tie to the main network", lang),
        "small": gettext("{label} and its small group have no tie to the main network", lang),
        "welcomer": gettext("{label} is a hybrid or trusted intermediary: a natural first contact", lang),
        "silent": gettext("{label} did not answer the survey: it may simply not have been reached", lang),
    }


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
    W: sp.csr_array  # actor x theme, weighted so that W W^T is the theme similarity

    def tied(self, u, v) -> bool:
        """Any tie at all between u and v, any relation or sign, either direction."""
        q = self.pos[u] * len(self.nodes) + self.pos[v]
        i = int(np.searchsorted(self.any_keys, q))
        return i < self.any_keys.size and int(self.any_keys[i]) == q

    def shared(self, u, v) -> list[str]:
        return sorted(set(self.themes[u]) & set(self.themes[v]))

    def theme_score(self, u, v) -> float:
        """Theme similarity of u and v (see :func:`_theme_weights`), in [0, 1]."""
        keys = self.shared(u, v)
        if not keys:
            return 0.0
        rarity = sum(1.0 / (self.theme_counts[t] - 1) for t in keys)
        return rarity / math.sqrt(len(self.themes[u]) * len(self.themes[v]))

    def tied_mask(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`tied` on canonical positions."""
        q = i.astype(np.int64) * len(self.nodes) + j.astype(np.int64)
        k = np.searchsorted(self.any_keys, q)
        ok = k < self.any_keys.size
        out = np.zeros(q.size, dtype=bool)
        out[ok] = self.any_keys[k[ok]] == q[ok]
        return out

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
        largest=largest, component_size=comp_size, W=_theme_weights(themes, tcount, nodes))
    return net, B


def _theme_weights(themes: dict, counts: dict, nodes: list) -> sp.csr_array:
    r"""Actor x theme matrix ``W`` with ``(W W^T)[u, v]`` the theme similarity of ``u`` and ``v``.

    .. math::

        \mathrm{sim}(u, v) = \frac{1}{\sqrt{|T_u|\,|T_v|}}
        \sum_{t \in T_u \cap T_v} \frac{1}{n_t - 1}

    ``T_u``: the themes of ``u``; ``n_t``: the number of actors on theme ``t``.
    ``sum_t 1 / (|T_u| (n_t - 1))`` is the chance that a random theme of ``u``,
    then a random other actor on that theme, is ``v``; the similarity is the
    geometric mean of that chance both ways. It is 1 for two actors who each
    have one theme that nobody else has, and near 0 for a theme everybody
    has; an actor with many themes does not win by volume (each theme weighs
    ``1 / sqrt(|T_u|)``).
    """
    keys = sorted(counts)
    col = {t: j for j, t in enumerate(keys)}
    rows, cols, vals = [], [], []
    for i, m in enumerate(nodes):
        mine = themes[m]
        if not mine:
            continue
        scale = 1.0 / math.sqrt(len(mine))
        for t in mine:
            if counts[t] > 1:
                rows.append(i)
                cols.append(col[t])
                vals.append(scale / math.sqrt(counts[t] - 1))
    return sp.csr_array((np.asarray(vals, dtype=float), (np.asarray(rows, dtype=np.int64),
                         np.asarray(cols, dtype=np.int64))), shape=(len(nodes), len(keys)))


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


def _subgroups(B: sp.csr_array, seed: int) -> list[np.ndarray]:
    """Every community of 2 or more actors at every level of a seeded Louvain run on ``B``.

    Louvain (Blondel et al. 2008) first merges actors into small groups, then
    merges those groups, level after level; the first levels keep the small
    groups that the last level (the clusters) absorbs into a larger one.
    """
    from alliances.analysis.clusters import igraph_graph, seeded_igraph

    if B.nnz == 0:
        return []
    g, _ = igraph_graph(B, False)
    with seeded_igraph(seed):
        levels = g.community_multilevel(return_levels=True)
    out: dict[tuple, np.ndarray] = {}
    for level in levels:
        memb = np.asarray(level.membership, dtype=np.int64)
        order = np.argsort(memb, kind="stable")
        bounds = np.flatnonzero(np.diff(memb[order])) + 1
        for part in np.split(order, bounds):
            if part.size >= 2:
                part = np.sort(part)
                out.setdefault(tuple(part.tolist()), part)
    return [out[k] for k in sorted(out)]


def _ties_out(B: sp.csr_array, idx: np.ndarray) -> int:
    """Undirected positive ties between the actors ``idx`` and everybody else."""
    rows = B[idx]
    return int(rows.sum() - rows[:, idx].sum())


def _cluster_suggestions(net: _Network, B: sp.csr_array, small_nodes: set, *, max_ties: int,
                         per_pair: int, seed: int = 0, texts: dict | None = None) -> list[dict]:
    """Introductions between pairs of groups joined by at most ``max_ties`` ties.

    The groups are the clusters, and the groups apart found inside a cluster
    (see :func:`suggest_introductions`). Every pair of members of the two
    groups is examined at once: the theme similarities are the sparse product
    ``W_A W_B^T`` (:func:`_theme_weights`).
    """
    n = len(net.nodes)
    between = _ties_between_clusters(net, B)
    cl_arr = np.array([net.cluster[m] for m in net.nodes], dtype=np.int64)
    excluded = np.zeros(n, dtype=bool)
    for m in small_nodes:
        excluded[net.pos[m]] = True
    members = {int(c): np.flatnonzero((cl_arr == c) & ~excluded)
               for c in np.unique(cl_arr[~excluded]).tolist()}
    members = {c: idx for c, idx in members.items() if idx.size}
    key = np.array([net.key[m] for m in net.nodes], dtype=float)
    deg = np.array([net.degree[m] for m in net.nodes], dtype=np.int64)
    mean_degree = float(B.nnz) / n if n else 0.0
    names = [str(m) for m in net.nodes]

    def best_placed(idx: np.ndarray) -> np.ndarray:
        order = sorted(idx.tolist(), key=lambda i: (-key[i], -deg[i], names[i]))
        return np.asarray(order[:AMBASSADORS], dtype=np.int64)

    def is_apart(idx: np.ndarray, out: int) -> bool:
        return out <= APART * mean_degree * idx.size

    ambassadors = {c: best_placed(idx) for c, idx in members.items()}
    cluster_out = {c: _ties_out(B, idx) for c, idx in members.items()}
    # (group, partner cluster, candidate arrays) for every pair of groups considered
    jobs: list[tuple[dict, dict]] = []
    cids = sorted(members)
    for i, a in enumerate(cids):
        ga = {"idx": members[a], "size": int(members[a].size), "out": cluster_out[a],
              "apart": is_apart(members[a], cluster_out[a]), "id": ("cluster", a)}
        for b in cids[i + 1:]:
            ties = between.get((a, b), 0)
            if ties > max_ties:
                continue
            gb = {"idx": members[b], "size": int(members[b].size), "out": cluster_out[b],
                  "apart": is_apart(members[b], cluster_out[b]), "id": ("cluster", b)}
            jobs.append(({**ga, "amb": ambassadors[a]}, {**gb, "amb": ambassadors[b], "ties": ties}))
    # groups apart inside a cluster, against every cluster (their own cluster's other members too)
    whole = {tuple(idx.tolist()) for idx in members.values()}
    for sub in _subgroups(B, seed):
        if excluded[sub].any() or tuple(sub.tolist()) in whole:
            continue
        out = _ties_out(B, sub)
        if not is_apart(sub, out):
            continue
        a = int(cl_arr[sub[0]])
        ga = {"idx": sub, "size": int(sub.size), "out": out, "apart": True,
              "id": ("group", a, names[sub[0]]), "amb": best_placed(sub)}
        row_ties = B[sub]
        partner = np.bincount(cl_arr[row_ties.indices], weights=row_ties.data,
                              minlength=int(cl_arr.max()) + 1)
        in_own = float(row_ties[:, sub].sum())
        for b in cids:
            other = members[b] if b != a else np.setdiff1d(members[b], sub)
            if not other.size:
                continue
            ties = int(partner[b] - (in_own if b == a else 0))
            if ties > max_ties:
                continue
            gb = {"idx": other, "size": int(other.size), "out": None, "apart": False,
                  "id": ("cluster", b), "amb": best_placed(other), "ties": ties, "kind": "group apart"}
            jobs.append((ga, gb))

    candidates: list[tuple] = []
    for ga, gb in jobs:
        A, Bm = ga["idx"], gb["idx"]
        sim = (net.W[A] @ net.W[Bm].T).tocoo()
        ii, jj, ss = A[sim.row], Bm[sim.col], sim.data
        keep = ss > 1e-12
        ii, jj, ss = ii[keep], jj[keep], ss[keep]
        # best-placed actors of both sides, even without a shared theme (different worlds)
        amb_i = np.repeat(ga["amb"], gb["amb"].size)
        amb_j = np.tile(gb["amb"], ga["amb"].size)
        ii = np.concatenate([ii, amb_i])
        jj = np.concatenate([jj, amb_j])
        ss = np.concatenate([ss, np.full(amb_i.size, np.nan)])
        if not ii.size:
            continue
        ok = (ii != jj) & ~net.tied_mask(ii, jj)
        ii, jj, ss = ii[ok], jj[ok], ss[ok]
        seen: dict[tuple[int, int], float] = {}
        for i_, j_, s_ in zip(ii.tolist(), jj.tolist(), ss.tolist(), strict=True):
            if (i_, j_) not in seen or math.isnan(seen[(i_, j_)]):
                seen[(i_, j_)] = s_
        ties = gb["ties"]
        apart = ga["apart"] or gb["apart"]
        scored = []
        for (i_, j_), s_ in seen.items():
            u, v = net.nodes[i_], net.nodes[j_]
            sim_uv = net.theme_score(u, v) if math.isnan(s_) else s_
            diff = net.different_worlds(u, v)
            if sim_uv <= 0 and not diff:
                continue
            base = sim_uv + W_WORLDS * diff + W_NO_TIE * (ties == 0) + W_APART * apart
            scored.append((base, names[i_], names[j_], u, v, sim_uv))
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        pair_id = (ga["id"], gb["id"])
        for base, _, _, u, v, _sim in scored[:max(SHORTLIST, 4 * per_pair)]:
            g, plen = net.go_between(u, v)
            gq = 2.0 / plen if g is not None and plen > 0 else 0.0
            candidates.append((base + W_GO * gq, u, v, g, plen, ties, pair_id, ga, gb))

    candidates.sort(key=lambda x: (-x[0], str(x[1]), str(x[2])))
    suggestions: list[dict] = []
    per_group: dict = {}
    used: dict = {}
    taken: set = set()
    for score, u, v, g, plen, ties, pair_id, ga, gb in candidates:
        pair = frozenset((u, v))
        if pair in taken:
            continue
        rank = per_group.get(pair_id, 0)
        if rank >= per_pair:
            continue
        busy = used.setdefault(pair_id, set())
        if u in busy or v in busy:
            continue
        # a group apart keeps its best per_pair suggestions in all (it would fill the list)
        apart_id = ga["id"] if ga["apart"] else gb["id"] if gb["apart"] else None
        if apart_id is not None and per_group.get(("apart", apart_id), 0) >= per_pair:
            continue
        busy.update((u, v))
        taken.add(pair)
        per_group[pair_id] = rank + 1
        if apart_id is not None:
            per_group[("apart", apart_id)] = per_group.get(("apart", apart_id), 0) + 1
        kind = gb.get("kind", "clusters")
        suggestions.append(_row(kind, net.G, u, v, net.cluster, net.groups, net.themes,
                                net.shared(u, v), g, plen, ties, score, rank, net.respondent,
                                counts=net.theme_counts, apart=(ga["size"], ga["out"]), texts=texts))
    return suggestions


def _first_contacts(net: _Network, small_nodes: set, texts: dict | None = None) -> list[dict]:
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
                score = (net.theme_score(u, v) + W_WORLDS * net.different_worlds(u, v)
                         + W_WELCOME * welcome + W_APART)
                cand = (-score, str(u), str(v))
                if best is None or cand < best[0]:
                    best = (cand, u, v, sh, score)
        if best is None:
            continue
        _, u, v, sh, score = best
        suggestions.append(_row("isolated", net.G, u, v, net.cluster, net.groups, themes, sh, None,
                                math.nan, 0, score, 0, net.respondent, welcomer=v in flagged,
                                alone=len(group_members) == 1, counts=net.theme_counts, texts=texts))
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
    seed: int = 0,
    lang: str = "en",
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
    texts = _texts(lang)
    suggestions = _cluster_suggestions(net, B, small_nodes, max_ties=max_ties, per_pair=per_pair,
                                       seed=seed, texts=texts)
    suggestions += _first_contacts(net, small_nodes, texts)
    suggestions.sort(key=lambda r: (-r["score"], r["_rank"], str(r["source"]), str(r["target"])))
    if k:
        suggestions = suggestions[:k]
    frame = pd.DataFrame(suggestions, columns=COLUMNS)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    frame["score"] = frame["score"].astype(float)
    frame["path_length"] = frame["path_length"].astype(float)
    return frame


def _row(kind, G, u, v, cl, groups, themes, sh, g, plen, ties, score, rank, respondent,
         *, welcomer: bool = False, alone: bool = True, counts: dict | None = None,
         apart: tuple[int, int] | None = None, texts: dict | None = None) -> dict:
    tx = texts or _texts("en")
    lu, lv = node_label(G, u), node_label(G, v)
    shown = tuple(themes[u][t] for t in sh)
    parts = []
    if shown:
        if counts is None:
            parts.append(tx["both"].format(themes=", ".join(shown)))
        else:
            parts.append(tx["both"].format(themes=", ".join(
                tx["only_two"].format(theme=themes[u][t]) if counts[t] == 2
                else tx["theme_n"](counts[t], theme=themes[u][t]) for t in sh)))
    if groups[u] is not None and groups[v] is not None and groups[u] != groups[v]:
        parts.append(tx["meets"].format(world=world_name(groups[u], tx["lang"]),
                                        other=world_name(groups[v], tx["lang"])))
    if kind in ("clusters", "group apart"):
        if kind == "clusters":
            where = tx["their_clusters"]
        else:
            size, out = apart
            parts.insert(0, tx["apart"].format(label=lu, size=size, ties=tx["ties"](out)))
            where = (tx["rest_of"] if cl[u] == cl[v] else tx["group_and"]).format(label=lv)
        parts.append(tx["no_tie_between"].format(where=where) if ties == 0
                     else tx["only_between"](ties, where=where))
        if g is not None:
            gl = node_label(G, g)
            parts.append(tx["knows"].format(label=gl) if plen == 2 else tx["reach"](int(plen), label=gl))
        else:
            parts.append(tx["nobody"])
    else:
        parts.insert(0, (tx["alone"] if alone else tx["small"]).format(label=lu))
        if welcomer:
            parts.append(tx["welcomer"].format(label=lv))
        if not respondent[u]:
            parts.append(tx["silent"].format(label=lu))
    return {
        "kind": kind, "source": u, "target": v, "source_label": lu, "target_label": lv,
        "source_cluster": cl[u], "target_cluster": cl[v], "source_sector": groups[u],
        "target_sector": groups[v], "shared_themes": shown, "go_between": g,
        "go_between_label": node_label(G, g) if g is not None else None,
        "path_length": plen, "ties_between": ties, "score": float(score),
        "reason": tx["sep"].join(parts), "_rank": rank,
    }
