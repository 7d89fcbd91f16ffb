"""Exact betweenness: the numba Brandes kernel against igraph, in the same process.

``python -m benchmarks.bench_betweenness [--folder /tmp/syn/s10000] [--er 10000:95000]
[--big /tmp/syn/G100000.pkl --sources 50] [--skip-igraph]``

For each graph (the undirected binary positive tie graph of a loaded study,
an Erdős–Rényi graph, and optionally a large pickled actor graph with sampled
sources) it prints the wall time of

* the compiled kernel (:func:`alliances.analysis._brandes.betweenness_csr`)
  on every thread numba has, and on 1 thread;
* igraph ``g.betweenness()`` in this process (one CPU), and (unless
  ``--skip-processes``) the library's
  current path (igraph in forked worker processes,
  :func:`alliances.analysis._fast.parallel_betweenness`);

with the process CPU seconds of each (on a shared machine, wall time on "2
threads" is only meaningful if 2 cores are free: compare CPU seconds too) and
the largest relative difference between the kernel and igraph. The
first kernel call (import of numba + compile or load from numba's on-disk
cache) is timed separately. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import time

import numpy as np

_CPU: dict[str, float] = {}


def _timed(fn, label: str = ""):
    """Value and wall seconds of ``fn()``; its process CPU seconds go to ``_CPU[label]``."""
    cpu = time.process_time()
    start = time.perf_counter()
    value = fn()
    wall = time.perf_counter() - start
    if label:
        _CPU[label] = time.process_time() - cpu
    return value, wall


def _rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b)))) if len(a) else 0.0


def _bench(name: str, g, *, sources=None, igraph: bool = True, processes: bool = True) -> dict:
    import numba

    from alliances.analysis import _brandes, _fast

    indptr, indices = _brandes.csr_from_edges(g.vcount(), g.get_edgelist(), directed=False)
    row: dict = {"graph": name, "n": g.vcount(), "m": g.ecount(),
                 "sources": "all" if sources is None else len(sources),
                 "threads": numba.get_num_threads()}
    full, row["kernel_s"] = _timed(lambda: _brandes.betweenness_csr(indptr, indices, sources),
                                   "kernel_cpu_s")
    again, row["kernel_again_s"] = _timed(lambda: _brandes.betweenness_csr(indptr, indices, sources))
    row["kernel_repeatable"] = bool(np.array_equal(full, again))
    one, row["kernel_1thread_s"] = _timed(
        lambda: _brandes.betweenness_csr(indptr, indices, sources, threads=1),
        "kernel_1thread_cpu_s")
    row["same_on_1_thread"] = bool(np.array_equal(full, one))
    if igraph:
        ref, row["igraph_s"] = _timed(lambda: np.asarray(
            g.betweenness(directed=False, sources=sources), dtype=float), "igraph_cpu_s")
        row["max_rel_diff_vs_igraph"] = _rel(full, ref)
        if processes and sources is None:
            _, row["igraph_processes_s"] = _timed(
                lambda: _fast.parallel_betweenness(g, directed=False, distances=None))
    row.update(_CPU)
    _CPU.clear()
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default="/tmp/syn/s10000")
    parser.add_argument("--er", default="10000:95000", help="n:m of an Erdős–Rényi graph ('' to skip)")
    parser.add_argument("--big", default="", help="pickled actor graph for the sampled case")
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--skip-igraph", action="store_true")
    parser.add_argument("--skip-processes", action="store_true",
                        help="do not time igraph in worker processes")
    args = parser.parse_args(argv)

    import igraph as ig

    from alliances.analysis import _brandes

    _, first = _timed(lambda: _brandes.betweenness_csr(*_brandes.csr_from_edges(3, [(0, 1), (1, 2)])))
    print(json.dumps({"first_call_s (import numba + compile or cache load)": round(first, 3)}))
    rows = []
    if args.folder:
        import alliances
        from alliances.analysis.centrality import to_igraph

        G = alliances.load(args.folder, progress=False)
        g, _, _ = to_igraph(G)
        del G
        rows.append(_bench(args.folder, g, igraph=not args.skip_igraph,
                           processes=not args.skip_processes))
    if args.er:
        n, m = (int(x) for x in args.er.split(":"))
        random.seed(0)
        g = ig.Graph.Erdos_Renyi(n=n, m=m)
        rows.append(_bench(f"erdos_renyi({n}, {m})", g, igraph=not args.skip_igraph,
                           processes=not args.skip_processes))
    if args.big:
        from alliances.analysis.centrality import to_igraph

        with open(args.big, "rb") as fh:
            G = pickle.load(fh)
        g, _, _ = to_igraph(G)
        del G
        rng = np.random.default_rng(0)
        sources = np.sort(rng.choice(g.vcount(), size=args.sources, replace=False)).tolist()
        rows.append(_bench(args.big, g, sources=sources, igraph=not args.skip_igraph))
    for r in rows:
        print(json.dumps({k: (round(v, 3) if isinstance(v, float) and k.endswith("_s") else v)
                          for k, v in r.items()}))


if __name__ == "__main__":
    main()
