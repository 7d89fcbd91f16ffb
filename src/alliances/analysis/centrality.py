"""Betweenness centrality: exact with igraph, or estimated from seeded random sources at scale."""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components

from alliances.analysis import _brandes, _fast
from alliances.model import check_graph

__all__ = ["betweenness", "default_k", "shortest_path_share", "to_igraph"]

#: Above this many actors (and unless ``k`` is given) betweenness is estimated from sampled sources.
EXACT_BELOW = 5_000
#: Largest and smallest default number of sampled sources when estimating.
DEFAULT_K = 500
MIN_K = 50
#: Default k is about this budget / (actors + ties): each source costs one O(n + m) search.
_BUDGET = 5e7
#: With ``engine="auto"``, the compiled kernel runs from this many sources x (actors + ties):
#: below it igraph's time is too short to repay importing numba and loading its compiled code.
NUMBA_FROM = 5e7
_BATCHES = 32


def to_igraph(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    directed: bool = False,
    weight: str | None = None,
):
    """The tie graph as an ``igraph.Graph`` (vertex ``i`` = ``nodes[i]`` in canonical order).

    Returns ``(graph, nodes, strengths)``: ``strengths`` is the edge tie
    strength list (summed weights; ``w(u,v) + w(v,u)`` when undirected) or None.

    Examples
    --------
    >>> g, nodes, _ = to_igraph(nx.DiGraph([("b", "a"), ("a", "b"), ("b", "c")]))
    >>> nodes, g.ecount()
    (['a', 'b', 'c'], 2)
    """
    key = ("igraph", _fast.relations_key(relations), directed, weight)
    return _fast.cached(G, key, lambda: _build_igraph(G, relations, directed, weight))


def _build_igraph(G: nx.Graph, relations, directed: bool, weight: str | None):
    import igraph as ig

    T = _fast.tie_matrix(G, relations=relations, weight=weight)
    edges, vals = _fast.igraph_edges(T, directed=directed, weighted=weight is not None)
    # Building a million [u, v] lists next to a large networkx graph triggers full garbage
    # collections that scan the whole graph (15 s instead of 0.7 s measured at 10^6 ties).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        pairs = edges.tolist()
        g = ig.Graph(n=T.n, edges=pairs, directed=directed)
        del pairs
    finally:
        if was_enabled:
            gc.enable()
    return g, T.nodes, (vals.tolist() if vals is not None else None)


def default_k(n: int, m: int) -> int:
    """Default number of sampled sources for ``n`` actors and ``m`` ties (see :func:`betweenness`).

    Examples
    --------
    >>> default_k(10_000, 100_000), default_k(100_000, 1_000_000)
    (454, 50)
    """
    return int(min(n, DEFAULT_K, max(MIN_K, _BUDGET // (n + m))))


def betweenness(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    directed: bool = False,
    weight: str | None = None,
    normalized: bool = True,
    k: int | None = None,
    seed: int = 0,
    exact_below: int = EXACT_BELOW,
    engine: str = "auto",
) -> pd.Series:
    """Shortest-path betweenness of every actor, exact or estimated from sampled sources.

    ``g(v) = sum_{s != v != t} sigma_st(v) / sigma_st`` (Freeman 1977): summed
    over the pairs of other actors, the share of each pair's shortest paths
    that pass through ``v``; normalised, it is that share averaged over all
    pairs of other actors, those that cannot reach each other counting 0
    (so it is not "the share of shortest paths through v": say "normalised
    betweenness"),
    computed with Brandes' algorithm in igraph; equal to networkx's
    ``betweenness_centrality`` (tested to 1e-9). Normalised as networkx does:
    divided by ``(n-1)(n-2)`` on directed graphs and ``(n-1)(n-2)/2`` on
    undirected ones, so 1 is the centre of a star.

    With ``weight``, ties are read as strengths and paths run along strong
    ties: the length of a tie is ``1 / strength`` (Newman 2001; Brandes 2008),
    strength being the summed weight of the kept relations (both directions
    added on the undirected view).

    **Estimation.** With ``n >= exact_below`` actors, or when ``k`` is given,
    the sum over sources ``s`` is estimated from ``k`` sources drawn without
    replacement with ``numpy.random.default_rng(seed)`` and scaled by ``n/k``
    (Brandes & Pich 2007): unbiased, and deterministic for a given seed. On the
    normalised scale each source contributes a term in ``[0, n/(n-1)]``, so by
    Hoeffding's inequality (valid for sampling without replacement) every
    actor's estimate is within ``n/(n-1) * sqrt(ln(2n/0.05) / (2k))`` of its
    exact value with probability at least 95% (a union bound over all
    actors). This guaranteed bound is loose (0.12 for n = 100,000 and k = 500,
    0.39 with k = 50);
    the empirical standard error, from the spread of the sources' contributions
    (batch means), is usually far smaller. Both are in ``result.attrs``.

    Parameters
    ----------
    G : networkx graph
        The actor graph or any ``Graph``/``DiGraph``; not modified.
    relations : str or iterable of str, optional
        Relations that count (default: all positive ties; negative ties never
        count).
    directed : bool, default False
        Follow ties in the direction reported (``i -> j``: i names j), or
        treat every tie as two-way (the default: a survey tie usually carries
        information both ways, and non-respondents have no outgoing ties).
    weight : str or None, default None
        Edge attribute holding tie strength; None: every tie has length 1.
    normalized : bool, default True
        Divide by the number of pairs of other actors (networkx convention).
    k : int, optional
        Number of sampled sources; forces estimation when ``k < n``.
        Default: exact below ``exact_below`` actors, else
        :func:`default_k` sources (``5e7 / (actors + ties)``, between 50 and
        500: 454 for 10,000 actors and 100,000 ties, 50 for 100,000 and
        1,000,000), so the estimate takes seconds, not minutes.
    seed : int, default 0
        Seed of the source sample.
    exact_below : int, default 5000
        Size from which betweenness is estimated. Exact betweenness costs
        ``O(n m)``: about 30 s of CPU in igraph on 10,000 actors and 100,000
        ties (15 s of wall time on 2 cores), about 14 s with the compiled
        kernel (see ``engine``); the estimate costs ``k/n`` of that.
    engine : {"auto", "igraph", "numba"}, default "auto"
        Who runs Brandes' searches. ``"igraph"``: igraph's C code (sources
        split over forked processes on Linux). ``"numba"``: the compiled
        kernel of :mod:`alliances.analysis._brandes` (optional dependency:
        ``pip install 'alliances[fast]'``), about half igraph's CPU time and
        threaded on every platform; unweighted only. ``"auto"``: the kernel
        when numba is installed, ``weight`` is None and the work
        (sources x (actors + ties)) reaches :data:`NUMBA_FROM` (5e7: exact
        betweenness from about 2,200 actors with 10 ties each, or the default
        estimate on 100,000 actors), where it repays numba's start-up (about
        1 s per process); igraph otherwise. ``result.attrs["engine"]`` says
        which ran.
        Both give the same values to floating-point rounding (1e-14
        relative; tested to 1e-9).

    Returns
    -------
    pandas.Series
        Float, indexed by actor id in canonical (sorted) order, name
        ``"betweenness"``. ``attrs``: ``method`` ("exact" or "sampled"),
        ``k``, ``seed``, and when sampled ``error_bound`` (Hoeffding, 95%, all
        actors at once) and ``std_error`` (largest empirical standard error),
        on the scale of the result. Graphs with fewer than 3 actors give 0.

    Notes
    -----
    Speed: from ``n * m >= 2e8`` (exact) or ``k * (n + m) >= 2e7`` (sampled)
    the sources are dealt to one forked worker process per CPU (Linux only;
    the environment variable ``ALLIANCES_WORKERS`` sets their number, 1 turns
    this off). Brandes' sum over sources splits exactly: the exact result
    equals the single-process one to rounding (1e-15 relative, tested to
    1e-9) and the sampled one is identical whatever the number of workers.

    Limits: a tie nobody reported is a missing path, so betweenness around
    non-respondents is understated, and in directed mode non-respondents can
    be ends of paths but never lie on them. Betweenness depends on the whole
    network: a sample that misses a community changes everyone's value.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on
    betweenness. *Sociometry*, 40(1), 35-41.

    Brandes, U. (2001). A faster algorithm for betweenness centrality.
    *Journal of Mathematical Sociology*, 25(2), 163-177.

    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos*, 17(7), 2303-2318.

    Hoeffding, W. (1963). Probability inequalities for sums of bounded random
    variables. *JASA*, 58(301), 13-30.

    Examples
    --------
    >>> G = nx.Graph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> betweenness(G).tolist()
    [0.0, 0.0, 0.0, 1.0]
    >>> float(betweenness(G, normalized=False)["hub"])
    3.0
    """
    check_graph(G, caller="betweenness")
    if engine not in ("auto", "igraph", "numba"):
        raise ValueError(f"engine must be 'auto', 'igraph' or 'numba', got {engine!r}")
    if engine == "numba" and weight is not None:
        raise ValueError("engine='numba' computes unweighted betweenness only; use "
                         "engine='igraph' (or 'auto') with weight=")
    with _fast.shared(G):  # the tie matrix below and igraph's copy read the graph once
        return _betweenness(G, relations=relations, directed=directed, weight=weight,
                            normalized=normalized, k=k, seed=seed, exact_below=exact_below,
                            engine=engine)


def shortest_path_share(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = None,
    k: int | None = None,
    seed: int = 0,
    exact_below: int = EXACT_BELOW,
) -> pd.Series:
    """Literal share of the shortest paths through each actor, among pairs who can reach each other.

    Normalised betweenness averages, over **all** pairs of other actors, the
    share of each pair's shortest paths that pass through the actor, pairs
    that cannot reach each other counting 0. This is the same sum (raw
    betweenness on the undirected view) divided only by the pairs of other
    actors that can reach each other through some chain of ties, wherever
    they are in the network: "lies on 52% of the shortest paths between
    actors who can reach each other". On a connected network the two are
    equal; with several components (isolated actors, disconnected groups)
    this share is the larger, and it does not change when an isolated actor
    is added.

    Parameters
    ----------
    G : networkx graph
        The actor graph or any ``Graph``/``DiGraph``; not modified.
    relations : str or iterable of str, optional
        Relations that count (default: all positive ties).
    weight : str or None, default None
        Tie strength attribute, as in :func:`betweenness`.
    k : int, optional
        Sampled sources, as in :func:`betweenness` (estimated share).
    seed : int, default 0
        Seed of the source sample.
    exact_below : int, default 5000
        Size from which betweenness is estimated.

    Returns
    -------
    pandas.Series
        Float in [0, 1], indexed by actor id in canonical order, name
        ``"path_share"``; 0 when no two other actors can reach each other.
        ``attrs`` are those of :func:`betweenness`.

    Examples
    --------
    >>> G = nx.Graph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> G.add_node("alone")
    >>> round(float(betweenness(G)["hub"]), 2), float(shortest_path_share(G)["hub"])
    (0.5, 1.0)
    """
    raw = betweenness(G, relations=relations, directed=False, weight=weight, normalized=False,
                      k=k, seed=seed, exact_below=exact_below)
    with _fast.shared(G):
        T = _fast.tie_matrix(G, relations=relations, weight=None)
        A = _fast.binary_undirected(T)
    _, labels = connected_components(A, directed=False)
    sizes = np.bincount(labels).astype(float) if labels.size else np.zeros(0)
    reachable = float((sizes * (sizes - 1) / 2).sum())  # pairs joined by some chain of ties
    # the pairs of *other* actors: drop the pairs that have the actor itself as an end
    pairs = reachable - (sizes[labels] - 1) if labels.size else np.zeros(0)
    values = raw.reindex(T.nodes).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(pairs > 0, values / np.where(pairs > 0, pairs, 1.0), 0.0)
    out = pd.Series(share, index=pd.Index(T.nodes, name=raw.index.name, dtype=object),
                    name="path_share")
    out.attrs.update(raw.attrs)
    return out


def _plan(G: nx.Graph, *, relations, directed: bool, weight: str | None, k: int | None,
          exact_below: int, engine: str) -> tuple:
    """``(T, n, m, sample, k, use_numba)``: what :func:`betweenness` will compute, and how."""
    T = _fast.tie_matrix(G, relations=relations, weight=None)
    n = T.n
    # ties as igraph counts them: arcs when directed, unordered pairs otherwise
    m = T.binary().nnz if directed else _fast.binary_undirected(T).nnz // 2
    sample = (k is not None and k < n) or (k is None and n >= exact_below)
    if sample and k is None:
        k = default_k(n, m)
    sources_count = min(int(k), n) if sample else n
    use_numba = n >= 3 and (engine == "numba" or (
        engine == "auto" and weight is None and sources_count * (n + m) >= NUMBA_FROM
        and _brandes.available()))
    return T, n, m, sample, k, use_numba


def uses_compiled_kernel(G: nx.Graph, *, relations: str | Iterable[str] | None = None,
                         directed: bool = False, weight: str | None = None, k: int | None = None,
                         exact_below: int = EXACT_BELOW, engine: str = "auto") -> bool:
    """Whether :func:`betweenness` with these arguments runs the compiled (numba) kernel.

    Examples
    --------
    >>> uses_compiled_kernel(nx.karate_club_graph())  # too small to repay numba's start-up
    False
    """
    with _fast.shared(G):
        return _plan(G, relations=relations, directed=directed, weight=weight, k=k,
                     exact_below=exact_below, engine=engine)[-1]


def _betweenness(G: nx.Graph, *, relations, directed: bool, weight: str | None, normalized: bool,
                 k: int | None, seed: int, exact_below: int, engine: str) -> pd.Series:
    T, n, _, sample, k, use_numba = _plan(G, relations=relations, directed=directed,
                                          weight=weight, k=k, exact_below=exact_below,
                                          engine=engine)
    nodes = T.nodes
    index = pd.Index(nodes, name="id")
    if use_numba or n < 3:
        g = strengths = None
    else:
        g, nodes, strengths = to_igraph(G, relations=relations, directed=directed, weight=weight)
    if n < 3:
        out = pd.Series(np.zeros(n), index=index, name="betweenness", dtype=float)
        out.attrs.update({"method": "exact", "k": n, "seed": seed})
        return out
    distances = None
    if strengths is not None:
        s = np.asarray(strengths, dtype=float)
        if np.any(s <= 0):
            raise ValueError(f"tie strengths in {weight!r} must be positive to be read as 1/length")
        distances = (1.0 / s).tolist()
    pairs = (n - 1) * (n - 2) / (1.0 if directed else 2.0)
    scale = 1.0 / pairs if normalized else 1.0

    if use_numba:
        A = T.binary() if directed else _fast.binary_undirected(T)
        indptr, indices = A.indptr, A.indices
        threads = _fast.workers()
    if not sample:
        if use_numba:
            values = _brandes.betweenness_csr(indptr, indices, directed=directed, threads=threads)
        elif n * g.ecount() >= _fast.PARALLEL_FROM:
            values = _fast.parallel_betweenness(g, directed=directed, distances=distances)
        else:
            values = np.asarray(g.betweenness(directed=directed, weights=distances), dtype=float)
        out = pd.Series(values * scale, index=index, name="betweenness")
        out.attrs.update({"method": "exact", "k": n, "seed": seed,
                          "engine": "numba" if use_numba else "igraph"})
        return out

    k = int(k)
    if k < 1:
        raise ValueError(f"k must be a positive number of sources, got {k}")
    k = min(k, n)
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(n, size=k, replace=False))
    # batch sums of the sources' contributions: the estimate and its standard error
    batches = [b for b in np.array_split(sources, min(_BATCHES, k)) if len(b)]
    # batches run in worker processes when the work is worth their start-up
    if use_numba:
        totals = _brandes.betweenness_csr_sets(indptr, indices, batches, directed=directed,
                                               threads=threads)
    else:
        parts = _fast.betweenness_by_sources(
            g, [b.tolist() for b in batches], directed=directed, distances=distances,
            parallel=k * (n + g.ecount()) >= _fast.PARALLEL_SAMPLED_FROM)
        totals = np.vstack(parts)
    values = totals.sum(axis=0) * (n / k)
    sizes = np.array([len(b) for b in batches], dtype=float)
    if len(batches) > 1:
        per_source = totals / sizes[:, None]
        mean = totals.sum(axis=0) / k
        var = (sizes[:, None] * (per_source - mean) ** 2).sum(axis=0) / (len(batches) - 1)
        fpc = (n - k) / (n - 1)
        std_error = float(np.sqrt(var.max() / k * fpc)) * n * scale
    else:
        std_error = float("nan")
    # per-source term on the normalised scale lies in [0, n/(n-1)]
    bound = n / (n - 1) * math.sqrt(math.log(2 * n / 0.05) / (2 * k))
    if not normalized:
        bound *= pairs
    out = pd.Series(values * scale, index=index, name="betweenness")
    out.attrs.update({"method": "sampled", "k": k, "seed": seed, "error_bound": bound,
                      "std_error": std_error, "engine": "numba" if use_numba else "igraph"})
    return out
