"""The issue's two pipelines from a cold start: ``python -m benchmarks.bench_pipeline``.

``python -m benchmarks`` times every stage in one long-lived process, where
Python's imports, numba's compiled kernel and the operating system's file cache
are already warm (as in a Jupyter session after the first call). This script
times what a user pays from a fresh interpreter: each run is a new child
process that imports alliances, then runs

* ``10k``: ``load``, ``actor_table`` with exact betweenness, ``cluster_summary``,
  ``suggest_introductions`` (reusing the table) and ``interactive_map(...).save``
  on a synthetic study of 10,000 actors;
* ``100k``: ``load`` and ``actor_table`` (sampled betweenness) on 100,000 actors.

It prints, per size, the median wall time over ``--repeat`` children (from the
child's start, imports included), the time of each step in the median run,
and the child's peak resident memory (Linux ``VmHWM``, the whole process),
then the CPU seconds of the child (all its threads), which other processes
sharing the cores hardly change. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_START = time.perf_counter()  # the child's clock starts before alliances is imported
_CPU_START = time.process_time()  # CPU seconds of every thread of the child

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


def _vmhwm_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_pipeline(folder: str | Path, n_actors: int, html: str | Path, *, seed: int = 0,
                 lap: Callable[[str], None] = lambda _: None) -> None:
    """The issue's pipeline for ``n_actors``; ``lap(name)`` is called after each step.

    Up to 10,000 actors: ``load``, ``actor_table`` with exact betweenness,
    ``cluster_summary``, ``suggest_introductions`` (reusing the table) and the map;
    above: ``load`` and ``actor_table`` (sampled betweenness).
    """
    import alliances

    G = alliances.load(folder, progress=False)
    lap("load")
    if n_actors <= 10_000:
        table = alliances.actor_table(G, seed=seed, betweenness_k=G.number_of_nodes())  # exact
        lap("actor_table (exact betweenness)")
        alliances.cluster_summary(G, seed=seed)
        lap("cluster_summary")
        alliances.suggest_introductions(G, seed=seed, table=table)
        lap("suggest_introductions")
        alliances.interactive_map(G, table=table, seed=seed).save(html)
        lap("interactive_map + save")
    else:
        alliances.actor_table(G, seed=seed)
        lap("actor_table (sampled betweenness)")


def _child(size: str, folder: str, out_html: str) -> None:
    steps: dict[str, float] = {}
    cpu_steps: dict[str, float] = {}
    last = _START
    last_cpu = _CPU_START

    def lap(name: str) -> None:
        nonlocal last, last_cpu
        now, cpu = time.perf_counter(), time.process_time()
        steps[name] = now - last
        cpu_steps[name] = cpu - last_cpu
        last, last_cpu = now, cpu

    import alliances  # noqa: F401  (timed on its own)

    lap("import alliances")
    run_pipeline(folder, SIZES[size], out_html, lap=lap)
    print(json.dumps({"total_s": time.perf_counter() - _START, "steps": steps,
                      "cpu_s": time.process_time() - _CPU_START, "cpu_steps": cpu_steps,
                      "peak_mib": _vmhwm_mib()}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k")
    parser.add_argument("--repeat", type=int, default=3, help="children per size (1 at 100k)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the synthetic CSVs are written (kept)")
    parser.add_argument("--child", nargs=3, metavar=("SIZE", "FOLDER", "HTML"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    from alliances.samples import synthetic

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_pipeline_"))
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        if size not in SIZES:
            parser.error(f"unknown size {size!r}; choose among {', '.join(SIZES)}")
        folder = workdir / size
        if not (folder / "survey.csv").exists():
            synthetic(SIZES[size], 10, seed=0, out=folder)
        runs = []
        for _ in range(args.repeat if SIZES[size] <= 10_000 else 1):
            out = subprocess.run([sys.executable, "-m", "benchmarks.bench_pipeline", "--child", size,
                                  str(folder), str(workdir / f"{size}.html")],
                                 capture_output=True, text=True, check=False)
            if out.returncode:
                print(f"{size}: failed\n{out.stderr[-2000:]}")
                break
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        if not runs:
            continue
        totals = [r["total_s"] for r in runs]
        median = sorted(runs, key=lambda r: r["total_s"])[len(runs) // 2]
        steps = ", ".join(f"{k} {v:.2f}" for k, v in median["steps"].items())
        cpus = [r["cpu_s"] for r in runs]
        cpu_steps = ", ".join(f"{k} {v:.2f}" for k, v in median["cpu_steps"].items())
        print(f"{size}: median {statistics.median(totals):.2f} s over {len(runs)} fresh "
              f"processes (runs: {', '.join(f'{t:.2f}' for t in totals)}); peak "
              f"{median['peak_mib']:.0f} MiB; steps of the median run: {steps}", flush=True)
        # CPU seconds (all threads) hardly move when other processes share the cores
        print(f"{size}: CPU median {statistics.median(cpus):.2f} s (runs: "
              f"{', '.join(f'{t:.2f}' for t in cpus)}); CPU steps of the median run: {cpu_steps}",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
