"""Time limits that used to sit in unit tests: ``python -m benchmarks.bench_units``.

A wall-clock assert in a unit test fails when the machine is busy and passes
when an algorithm turns quadratic on a fast machine, so the unit tests check
results and operation counts (``tests/test_brokerage.py``,
``tests/test_holes.py``, ``tests/test_samples.py``) and the time limits live
here, where they are measured on purpose, with the method of
``benchmarks/harness.py`` (median wall time over ``--repeat`` runs after a
warm-up run, peak resident memory the call added):

* ``brokerage_roles``: 10,000 actors in 6 groups, 100,000 random arcs
  (seed 0), within 5 s;
* ``structural_holes``: 20,000 actors, 100,000 random arcs (seed 1), within
  10 s and 1 GiB (a dense 20,000 x 20,000 matrix of floats would be 3.2 GB);
* ``samples.synthetic``: 20,000 actors x 10 ties (about 200,000 survey rows),
  within 15 s.

The inputs are those of the unit tests that used to time them. ``--check``
exits with status 1 when a target is missed. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import machine, timed


@dataclass
class Case:
    name: str
    make: Callable[[], Any]  # builds the input (not timed)
    run: Callable[[Any], Any]  # the timed call
    seconds: float  # target: median wall time at most this
    peak_mib: float | None = None  # target: peak memory added at most this
    moved_from: str = ""


def random_digraph(n: int, m: int, seed: int, groups: int | None = None):
    """The random graphs of the unit tests: ``m`` arcs drawn uniformly, loops dropped."""
    import networkx as nx
    import numpy as np

    rng = np.random.default_rng(seed)
    u, v = rng.integers(n, size=m), rng.integers(n, size=m)
    G = nx.DiGraph()
    if groups:
        G.add_nodes_from((i, {"sector": f"s{i % groups}"}) for i in range(n))
    else:
        G.add_nodes_from(range(n))
    G.add_edges_from((a, b) for a, b in zip(u.tolist(), v.tolist(), strict=True) if a != b)
    return G


def _brokerage(G):
    from alliances.analysis.brokerage import brokerage_roles

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return brokerage_roles(G)


def _holes(G):
    from alliances.analysis.holes import structural_holes

    return structural_holes(G)


def _synthetic(out: Path):
    from alliances import samples

    return samples.synthetic(20_000, 10, seed=0, out=out)


CASES = [
    Case("brokerage_roles: 10k actors, 6 groups, 100k random arcs",
         lambda: random_digraph(10_000, 100_000, seed=0, groups=6), _brokerage, 5.0,
         moved_from="tests/test_brokerage.py::test_fast_on_ten_thousand_actors"),
    Case("structural_holes: 20k actors, 100k random arcs",
         lambda: random_digraph(20_000, 100_000, seed=1), _holes, 10.0, peak_mib=1024.0,
         moved_from="tests/test_holes.py::test_scales_without_dense_matrix"),
    Case("samples.synthetic(20_000, 10): about 200k survey rows",
         lambda: Path(tempfile.mkdtemp(prefix="bench_units_")), _synthetic, 15.0,
         moved_from="tests/test_samples.py::test_synthetic_is_fast"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_units", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per case")
    parser.add_argument("--check", action="store_true",
                        help="exit with status 1 if a case misses its target")
    args = parser.parse_args(argv)
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"alliances {info['alliances']}")
    print("| case | median (s) | runs | peak (+MiB) | target | met |")
    print("|---|---:|---:|---:|---|---|")
    missed = []
    for case in CASES:
        data = case.make()
        case.run(data)  # warm-up: imports, caches, numba's kernel
        times, peak, _ = timed(lambda case=case, data=data: case.run(data), args.repeat)
        median = statistics.median(times)
        met = median <= case.seconds and (case.peak_mib is None or peak <= case.peak_mib)
        target = f"<= {case.seconds:g} s" + (
            f", <= {case.peak_mib:g} MiB" if case.peak_mib is not None else "")
        print(f"| {case.name} | {median:.3f} | {len(times)} | {peak:.0f} | {target} | "
              f"{'yes' if met else 'NO'} |", flush=True)
        if not met:
            missed.append(case.name)
    if missed and args.check:
        print("missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
