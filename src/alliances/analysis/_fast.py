"""Shared fast paths: one tie matrix per graph and call, parallel exact betweenness.

Several measures of one :func:`~alliances.actor_table` call read the same
views of the same graph (the positive tie matrix, binary or weighted, its
undirected form, the igraph copy used by betweenness and clustering).
Reading a networkx graph of 10^6 ties costs seconds, so inside
:func:`shared` every such view is built once and reused. Outside it, the
functions here simply build what is asked for: public functions stay pure and
never keep a graph alive after they return.

Inside a block the graph is read once into an :class:`Arcs` table (every arc
with its relation, sign, weight and trust as numpy arrays) and every tie
matrix, the trust evidence and the "any tie" lookup of the introductions are
cut from it; the same numbers as :func:`alliances.analysis.views.tie_matrix`
(tested), without a pass over the networkx graph each.

The cache lives in a :class:`contextvars.ContextVar`, keyed by the identity of
the graph object, and is dropped when the outermost ``shared`` block ends; a
graph cannot be modified by the analyses (they never mutate their input), so
the views stay valid for the duration of the block.
"""

from __future__ import annotations

import contextvars
import gc
import os
import sys
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from alliances import model
from alliances.analysis import views

__all__: list[str] = []  # private module

_CACHE: contextvars.ContextVar[dict | None] = contextvars.ContextVar("alliances_fast_cache", default=None)

#: Exact betweenness is split over worker processes from this many vertex-edge
#: operations (``n * m``); below it the process start-up costs more than it saves.
PARALLEL_FROM = 2e8
#: Sampled betweenness is split over processes from this many ``k * (n + m)`` operations.
PARALLEL_SAMPLED_FROM = 2e7


@contextmanager
def shared(G: nx.Graph) -> Iterator[None]:
    """Within the block, views of ``G`` built through this module are computed once.

    Nested blocks share the outer cache.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> with shared(G):
    ...     tie_matrix(G) is tie_matrix(G)
    True
    >>> tie_matrix(G) is tie_matrix(G)
    False
    """
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def relations_key(relations: str | Iterable[str] | None) -> Hashable:
    if relations is None:
        return None
    return frozenset([relations] if isinstance(relations, str) else relations)


def in_shared_block() -> bool:
    """True inside a :func:`shared` block (views are then memoised)."""
    return _CACHE.get() is not None


def cached(G: nx.Graph, key: Hashable, build) -> Any:
    """Return ``build()``, memoised under ``key`` for ``G`` while a :func:`shared` block is open."""
    cache = _CACHE.get()
    if cache is None:
        return build()
    full = (id(G), key)
    if full not in cache:
        cache[full] = (G, build())  # keep G referenced so its id cannot be reused meanwhile
    return cache[full][1]


def tie_matrix(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    weight: str | None = "weight",
    signed: bool = False,
) -> views.TieMatrix:
    """:func:`alliances.analysis.views.tie_matrix`, shared inside a :func:`shared` block.

    Examples
    --------
    >>> tie_matrix(nx.DiGraph([("b", "a")])).nodes
    ['a', 'b']
    """
    key = ("tie_matrix", relations_key(relations), weight, signed)
    if _CACHE.get() is None or weight not in (None, "weight"):  # views reads the arcs itself
        return cached(G, key, lambda: views.tie_matrix(G, relations=relations, weight=weight, signed=signed))
    # inside a block every matrix is cut from one table of arcs, read once from the graph
    return cached(G, key, lambda: _from_arcs(G, relations, weighted=weight is not None, signed=signed))


def arcs(G: nx.Graph) -> model.Arcs:
    """:func:`alliances.model.read_arcs` of ``G``, memoised inside a :func:`shared` block."""
    return cached(G, ("arcs",), lambda: model.read_arcs(G))


def resolve_relations(G: nx.Graph, relations) -> frozenset | None:
    """:func:`alliances.analysis.views.resolve_relations` answered from the arcs (same message)."""
    if relations is None:
        return None
    return views.check_relations(relations, arcs(G).present, has_ties=G.number_of_edges() > 0)


def _from_arcs(G: nx.Graph, relations, *, weighted: bool, signed: bool) -> views.TieMatrix:
    """``views.tie_matrix(G, relations=..., weight="weight" or None, signed=...)`` from the shared arcs."""
    return views.matrix_from_arcs(arcs(G), resolve_relations(G, relations), weighted=weighted,
                                  signed=signed)


def binary_undirected(T: views.TieMatrix, rule: views.Rule = "either") -> sp.csr_array:
    """0/1 symmetric adjacency: a tie if either side reports it (or both, ``rule="both"``).

    Examples
    --------
    >>> T = tie_matrix(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    >>> binary_undirected(T).toarray().tolist()
    [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    """
    return T.binary_undirected(rule)


def igraph_edges(T: views.TieMatrix, *, directed: bool, weighted: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """Edges ``(k, 2)`` in canonical order (rows then columns) and their strengths (or None).

    Undirected: the upper triangle of ``W + W.T`` (strength ``w(u,v) + w(v,u)``).
    """
    W = T.weights if weighted else T.binary()
    if not directed:
        W = sp.triu(W + W.T, k=1, format="csr")
    W = W.tocsr()
    W.sort_indices()
    rows = np.repeat(np.arange(W.shape[0], dtype=np.int64), np.diff(W.indptr))
    edges = np.column_stack([rows, W.indices.astype(np.int64)])
    return edges, (np.asarray(W.data, dtype=float) if weighted else None)


# --------------------------------------------------------------------------- betweenness

def _betweenness_batches(g, source_sets: list[list[int]], directed: bool,
                         distances: list[float] | None) -> list[np.ndarray]:
    return [np.asarray(g.betweenness(directed=directed, weights=distances, sources=s), dtype=float)
            for s in source_sets]


def _betweenness_child(conn, g, source_sets: list[list[int]], directed: bool,
                       distances: list[float] | None) -> None:
    """Body of a forked worker: the graph and the sources are inherited, only results are sent back."""
    gc.disable()  # the parent's objects are shared copy-on-write: a collection would copy them all
    try:
        conn.send(("ok", _betweenness_batches(g, source_sets, directed, distances)))
    except BaseException as exc:  # reported to the parent, which recomputes the chunk
        conn.send(("error", repr(exc)))
    finally:
        conn.close()


def workers() -> int:
    """Worker processes for betweenness: the CPUs this process may use (``ALLIANCES_WORKERS`` overrides)."""
    env = os.environ.get("ALLIANCES_WORKERS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    import multiprocessing as mp

    # "spawn" and "forkserver" re-import the caller's main module, which would run a
    # user's unguarded script again: only fork is used, and only on Linux
    return sys.platform == "linux" and "fork" in mp.get_all_start_methods()


def betweenness_by_sources(g, source_sets: list[list[int]], *, directed: bool,
                           distances: list[float] | None, parallel: bool = True) -> list[np.ndarray]:
    """igraph betweenness restricted to each set of sources (paths from those sources only).

    With ``parallel`` and several CPUs, the sets are dealt round-robin to
    this process and ``workers() - 1`` forked processes (Linux; elsewhere, or
    if processes cannot be started, they all run here). A forked process
    inherits the graph and its sets (nothing is pickled but the results) and
    this process computes its own share meanwhile instead of waiting. Each
    set gives exactly the same numbers either way, returned in the order of
    ``source_sets``, so results do not depend on the number of workers or on
    which finishes first.
    """
    w = min(workers(), len(source_sets))
    if not parallel or w < 2 or not _can_fork():
        return _betweenness_batches(g, source_sets, directed, distances)
    import multiprocessing as mp

    chunks = [source_sets[i::w] for i in range(w)]
    ctx = mp.get_context("fork")
    children = []
    # Freeze the collector's view of the parent's objects across the fork (Python's gc.freeze
    # advice): a collection in a child would otherwise touch every object of a large networkx
    # graph and copy its memory (measured: 6 s per child at 10^6 ties).
    gc.freeze()
    try:
        for chunk in chunks[1:]:  # the graph and the sources are inherited: nothing is pickled
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_betweenness_child, args=(send, g, chunk, directed, distances),
                               daemon=True)
            proc.start()
            send.close()
            children.append((proc, receive))
    except (OSError, RuntimeError):  # no processes allowed here (sandbox, limits): compute here
        pass
    finally:
        gc.unfreeze()
    results: list[list[np.ndarray] | None] = [None] * w
    try:
        # this process computes the first chunk meanwhile instead of waiting
        results[0] = _betweenness_batches(g, chunks[0], directed, distances)
        for i, (_proc, receive) in enumerate(children, start=1):
            try:
                status, value = receive.recv()
            except EOFError:  # the child died without an answer
                status, value = "error", None
            if status == "ok":
                results[i] = value
    finally:
        for proc, receive in children:
            receive.close()
            proc.join()
    for i in range(1, w):
        if results[i] is None:  # a worker that could not start or answer: recomputed here, same numbers
            results[i] = _betweenness_batches(g, chunks[i], directed, distances)
    out: list[np.ndarray] = [np.zeros(0)] * len(source_sets)
    for i, res in enumerate(results):
        for j, arr in enumerate(res):
            out[i + j * w] = arr
    return out


def parallel_betweenness(g, *, directed: bool, distances: list[float] | None,
                         n_workers: int | None = None) -> np.ndarray:
    """Exact betweenness of every vertex of igraph ``g``, sources split over processes.

    Brandes' algorithm sums one dependency vector per source, so the sum over
    disjoint source sets is the exact betweenness (equal to igraph's single
    call up to floating-point rounding, about 1e-15 relative). Sources are cut
    into one interleaved set per worker (vertex ``i`` goes to set ``i mod w``,
    so hubs and leaves are spread evenly) and the partial sums are added in a
    fixed order.
    """
    n = g.vcount()
    w = workers() if n_workers is None else max(1, int(n_workers))
    if w == 1 or n < 2 * w or not _can_fork():
        return np.asarray(g.betweenness(directed=directed, weights=distances), dtype=float)
    sets = [list(range(i, n, w)) for i in range(w)]
    total = np.zeros(n)
    for part in betweenness_by_sources(g, sets, directed=directed, distances=distances):
        total += part
    return total
