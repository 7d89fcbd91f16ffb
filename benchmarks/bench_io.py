"""Time and peak memory of the importers: ``python -m benchmarks.bench_io --rows 1000000``.

Writes a synthetic study with :func:`alliances.samples.synthetic` (about ten
survey rows per actor, so ``--rows 1000000`` means 100,000 actors), then runs,
each in a fresh child process so that one stage's memory does not hide the
next one's:

* ``read_table``: the CSV reader alone on ``survey.csv``;
* ``read_survey``: the survey importer (with the actor registry);
* ``load``: the whole folder (actors, survey, interviews) into one graph.

It prints the median wall time over ``--repeat`` runs and the peak resident
memory of the process (Linux ``VmHWM``) minus its resident memory before the
stage (the interpreter and the imported libraries), in MiB. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("read_table", "read_survey", "load")


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _quiet(fn) -> dict:
    # older versions (for before/after figures) have no progress option
    import inspect

    return {"progress": False} if "progress" in inspect.signature(fn).parameters else {}


def _child(stage: str, folder: str, repeat: int) -> None:
    """Run one stage ``repeat`` times in this process and print a JSON line."""
    import alliances
    from alliances.io.csvfile import read_table

    folder_path = Path(folder)
    before = _status_kib("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    times = []
    size = {}
    for _ in range(repeat):
        start = time.perf_counter()
        if stage == "read_table":
            t = read_table(folder_path / "survey.csv")
            size = {"rows": len(t.rows)}
        elif stage == "read_survey":
            G = alliances.read_survey(folder_path / "survey.csv", actors=folder_path / "actors.csv",
                                      **_quiet(alliances.read_survey))
            size = {"actors": G.number_of_nodes(), "ties": G.number_of_edges()}
        else:
            G = alliances.load(folder_path, **_quiet(alliances.load))
            size = {"actors": G.number_of_nodes(), "ties": G.number_of_edges()}
        times.append(time.perf_counter() - start)
        t = G = None
    peak = (_status_kib("VmHWM") - before) / 1024
    print(json.dumps({"stage": stage, "median_s": statistics.median(times), "times": times,
                      "peak_mib": peak, **size}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_io", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000,
                        help="survey rows wanted (actors = rows / 10)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the synthetic CSVs are written (kept)")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], args.repeat)
        return 0
    from alliances.samples import synthetic

    n_actors = max(10, args.rows // 10)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_io_"))
    folder = workdir / f"synthetic_{n_actors}"
    if not (folder / "survey.csv").exists():
        synthetic(n_actors, 10, seed=0, out=folder)
    rows = sum(1 for _ in (folder / "survey.csv").open(encoding="utf-8")) - 1
    mib = (folder / "survey.csv").stat().st_size / 2**20
    print(f"{n_actors} actors, survey.csv {rows} rows ({mib:.0f} MiB), folder {folder}")
    print(f"{'stage':<12} {'median s':>9} {'peak MiB':>9}  result")
    for stage in [s.strip() for s in args.stages.split(",") if s.strip()]:
        if stage not in STAGES:
            parser.error(f"unknown stage {stage!r}; choose among {', '.join(STAGES)}")
        out = subprocess.run([sys.executable, "-m", "benchmarks.bench_io", "--repeat",
                              str(args.repeat), "--child", stage, str(folder)],
                             capture_output=True, text=True, check=False)
        if out.returncode:
            print(f"{stage:<12} failed:\n{out.stderr[-2000:]}")
            continue
        res = json.loads(out.stdout.strip().splitlines()[-1])
        extra = ", ".join(f"{k} {res[k]}" for k in ("rows", "actors", "ties") if k in res)
        print(f"{stage:<12} {res['median_s']:>9.2f} {res['peak_mib']:>9.0f}  {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
