"""Time and memory of every pipeline stage, against baselines run in the same process.

Run ``python -m benchmarks --help``. For each size (1k, 10k, 100k actors by
default with 10 ties per actor) it writes synthetic survey data with
:func:`alliances.samples.synthetic`, then records for each stage the median
wall time over ``--repeat`` runs and the peak resident memory the stage added
(Linux: ``VmHWM`` reset through ``/proc/self/clear_refs`` before each stage;
elsewhere ``tracemalloc``, which misses memory held by C libraries).
Baselines are the straightforward networkx implementations of the same
measures (and R ``sna::brokerage`` where R is installed), timed in the same
run; where a baseline would take minutes it is timed on a random sample of
nodes and extrapolated linearly, and the table says so.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
_LINUX_HWM = Path("/proc/self/clear_refs").exists()


def _rss_kib(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    if _LINUX_HWM:
        try:
            Path("/proc/self/clear_refs").write_text("5")
            return
        except OSError:
            pass
    tracemalloc.start()


def _peak_mib(rss_before_kib: int) -> float:
    if _LINUX_HWM and not tracemalloc.is_tracing():
        return max(0.0, (_rss_kib("VmHWM") - rss_before_kib) / 1024)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


@dataclass
class Measure:
    size: str
    stage: str
    seconds: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    note: str = ""
    baseline: str = ""
    baseline_seconds: float | None = None
    baseline_note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def ratio(self) -> float | None:
        if self.baseline_seconds is None or not self.seconds:
            return None
        return self.baseline_seconds / self.median


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], float, Any]:
    """Run ``fn`` ``repeat`` times; return the wall times, the peak memory added (MiB), the last result."""
    times = []
    peak = 0.0
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        rss = _rss_kib("VmRSS") if _LINUX_HWM else 0
        _reset_peak()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        peak = max(peak, _peak_mib(rss))
    return times, peak, result


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        mem = f"{kib / 2**20:.1f} GiB"
    versions = {}
    for mod in ("alliances", "networkx", "pandas", "numpy", "scipy", "igraph", "pyvis", "numba"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # a missing module is reported, not fatal
            versions[mod] = "not installed"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
    }


def _r_available() -> bool:
    try:
        out = subprocess.run(["Rscript", "-e", "library(sna); cat('ok')"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.stdout.strip().endswith("ok")


def r_brokerage_seconds(G, attr: str = "sector") -> float | None:
    """Time ``sna::brokerage`` inside R on the same directed tie graph (R's own clock)."""
    from alliances.analysis.views import group_labels, tie_matrix

    T = tie_matrix(G, weight=None)
    B = T.binary().tocoo()
    groups = group_labels(G, attr, T.nodes, warn=False)
    with tempfile.TemporaryDirectory() as tmp:
        edges = Path(tmp) / "edges.csv"
        cl = Path(tmp) / "cl.csv"
        edges.write_text("\n".join(f"{i + 1},{j + 1}" for i, j in zip(B.row, B.col, strict=True)))
        cl.write_text("\n".join(str(g) for g in groups))
        script = (
            "suppressMessages(library(sna));"
            f"e <- as.matrix(read.csv('{edges}', header=FALSE));"
            f"cl <- readLines('{cl}');"
            f"n <- {T.n}; m <- matrix(0, n, n); m[e] <- 1;"
            "t <- system.time(b <- brokerage(m, cl))[['elapsed']]; cat(t)"
        )
        try:
            out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, timeout=1200)
            return float(out.stdout.strip().split()[-1])
        except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
            return None


def run(sizes: list[str], repeat: int, out: Path, seed: int = 0, workdir: Path | None = None) -> list[Measure]:
    """Run every stage at every size, write ``out`` (Markdown) and ``out.json``; return the measures."""
    results: list[Measure] = []
    r_ok = _r_available()
    root = Path(workdir or tempfile.mkdtemp(prefix="alliances-bench-"))
    for size in sizes:
        results += run_size(size, repeat, root / size, seed=seed, with_r=r_ok)
        gc.collect()
    write_results(results, out)
    return results


def run_size(size: str, repeat: int, base: Path, *, seed: int = 0, with_r: bool = False) -> list[Measure]:
    """Measure the whole pipeline on one synthetic data set of ``SIZES[size]`` actors."""
    import alliances
    from benchmarks import baselines

    n = SIZES[size]
    reps = repeat if n <= 10_000 else 1
    results: list[Measure] = []
    print(f"[{size}] writing synthetic data ({n} actors) ...", flush=True)
    t0 = time.perf_counter()
    folder = alliances.samples.synthetic(n, ties_per_actor=10, seed=seed, out=base)
    results.append(Measure(size, "generate synthetic CSVs", [time.perf_counter() - t0],
                           note="not part of the pipeline"))

    def stage(name: str, fn: Callable[[], Any], repeat: int | None = None) -> Any:
        print(f"[{size}] {name} ...", flush=True)
        times, peak, value = timed(fn, reps if repeat is None else min(repeat, reps))
        results.append(Measure(size, name, times, peak))
        print(f"[{size}] {name}: median {statistics.median(times):.3f} s, +{peak:.0f} MiB", flush=True)
        return value

    G = stage("load (read CSVs + build graph)", lambda: alliances.load(folder))
    results[-1].note = f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties"
    stage("brokerage_roles", lambda: alliances.brokerage_roles(G))
    stage("structural_holes", lambda: alliances.structural_holes(G))
    stage("components", lambda: alliances.components(G))
    stage("clusters (louvain)", lambda: alliances.clusters(G, seed=seed))
    stage("hybrid_actors", lambda: alliances.hybrid_actors(G))
    stage("trusted_intermediaries", lambda: alliances.trusted_intermediaries(G))
    stage("cluster_summary", lambda: alliances.cluster_summary(G, seed=seed))
    stage("suggest_introductions", lambda: alliances.suggest_introductions(G, seed=seed))
    from alliances.analysis.centrality import EXACT_BELOW

    kind = "exact" if n < EXACT_BELOW else "sampled"
    table = stage(f"actor_table ({kind} betweenness)", lambda: alliances.actor_table(G, seed=seed))
    if n <= 10_000:
        # exact betweenness at every size up to 10k, on its own (parallel over sources)
        stage("betweenness (exact, all sources)",
              lambda: alliances.betweenness(G, exact_below=n + 1), repeat=1)
    html_path = base / "map.html"
    stage("interactive_map + save",
          lambda: alliances.interactive_map(G, table=table, seed=seed).save(html_path))
    results[-1].note = f"{html_path.stat().st_size / 2**20:.1f} MiB HTML"

    # the targets, timed end to end as a user runs them (fresh load, nothing cached)
    from benchmarks.bench_pipeline import run_pipeline

    stage("pipeline: load, actor_table (exact betweenness), cluster_summary, "
          "suggest_introductions, map" if n <= 10_000 else
          "pipeline: load + actor_table (sampled betweenness)",
          lambda: run_pipeline(folder, n, base / "pipeline.html", seed=seed), repeat=1)

    print(f"[{size}] baselines (networkx) ...", flush=True)
    for prefix, (label, seconds, note) in baselines.run_all(G, seed=seed).items():
        for m in results:
            if m.stage.startswith(prefix):
                m.baseline, m.baseline_seconds, m.baseline_note = label, seconds, note
    if with_r and n <= 10_000:
        secs = r_brokerage_seconds(G)
        for m in results:
            if m.stage == "brokerage_roles" and secs is not None:
                m.note = (m.note + "; " if m.note else "") + f"R sna::brokerage {secs:.2f} s (R's clock)"
    return results


def write_results(results: list[Measure], out: Path) -> None:
    info = machine()
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m benchmarks` (see `benchmarks/harness.py` for the method). "
        "Median wall time over the repeats (1 run at 100k), peak resident memory added by the "
        "stage, and the ratio baseline / alliances where a baseline exists (>1: alliances is faster).",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "## Stages",
        "",
        "| size | stage | median (s) | runs | peak (+MiB) | baseline | baseline (s) | ratio | notes |",
        "|---|---|---:|---:|---:|---|---:|---:|---|",
    ]
    for m in results:
        ratio = f"{m.ratio:.1f}x" if m.ratio is not None else ""
        base_s = f"{m.baseline_seconds:.2f}" if m.baseline_seconds is not None else ""
        notes = "; ".join(x for x in (m.note, m.baseline_note) if x)
        lines.append(
            f"| {m.size} | {m.stage} | {m.median:.3f} | {len(m.seconds)} | {m.peak_mib:.0f} | "
            f"{m.baseline} | {base_s} | {ratio} | {notes} |"
        )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out.with_suffix(".json")).write_text(
        json.dumps({"machine": info, "results": [m.__dict__ | {"median": m.median} for m in results]},
                   indent=1, default=str),
        encoding="utf-8",
    )
    print(f"wrote {out}", file=sys.stderr)
