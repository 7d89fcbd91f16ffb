#!/usr/bin/env python3
"""Mutation check of the public measures (issue 12): how the run in benchmarks/MUTATION.md is made.

The run never touches the working tree: it clones the committed HEAD into a
snapshot directory, writes a ``setup.cfg`` with a ``[mutmut]`` section there
(the project's own config files are left alone) and runs mutmut 3 on ONE
worker process. mutmut first runs the selected tests once to learn which test
calls which function, then, for each mutant, runs only the tests that reach
the mutated function (forked from a warm process, ``pytest -x``).

Usage (from the repository root)::

    .venv/bin/pip install "mutmut==3.8.1"
    python3 scripts/mutation.py run            # snapshot /tmp/mut, mutate, test
    python3 scripts/mutation.py summary        # per-module table from mutants/*.meta
    python3 scripts/mutation.py survivors      # every surviving mutant, with its diff
    python3 scripts/mutation.py run --only brokerage holes   # a subset of the modules

``--snapshot DIR`` picks the snapshot (default ``/tmp/mut``); ``--fresh``
deletes it first. With the environment variable ``NUMBA_DISABLE_JIT=1`` (set
by this script) the betweenness kernel of ``_brandes.py`` runs as plain
Python, so its mutants (which mutmut puts behind a trampoline numba cannot
compile) are tested like the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"

# module (path under src/alliances) -> the test files whose tests may reach it.
# mutmut selects, among these, the tests that call the mutated function; the
# module's own doctests are added by ``selection``.
MODULES: dict[str, list[str]] = {
    "analysis/brokerage.py": ["tests/test_brokerage.py", "tests/test_fast_arcs.py", "tests/test_mutants_brokerage.py"],
    "analysis/holes.py": ["tests/test_holes.py", "tests/test_mutants_holes.py"],
    "analysis/centrality.py": ["tests/test_centrality.py", "tests/test_mutants_centrality.py"],
    "analysis/_brandes.py": ["tests/test_brandes.py", "tests/test_mutants_centrality.py"],
    "analysis/mixing.py": ["tests/test_mixing.py", "tests/test_mutants_mixing.py"],
    "analysis/hybrids.py": ["tests/test_hybrids.py", "tests/test_mutants_hybrids.py"],
    "analysis/intermediaries.py": ["tests/test_intermediaries.py", "tests/test_mutants_intermediaries.py"],
    "analysis/introductions.py": ["tests/test_introductions.py", "tests/test_mutants_introductions.py"],
    "analysis/clusters.py": ["tests/test_clusters.py", "tests/test_mutants_clusters.py"],
    "analysis/views.py": ["tests/test_views.py", "tests/test_mutants_views.py"],
    # io/: the sample whose numbers are public (trust scale, frequency weights,
    # counts of the import report)
    "io/report.py": ["tests/test_io_report.py", "tests/test_mutants_io.py"],
    "io/survey.py": ["tests/test_io_survey.py", "tests/test_mutants_io.py"],
}

# The functions that compute the public numbers ("the arithmetic"): mutants
# are generated for the whole module, but only these functions' mutants are
# run (``mutmut run <globs>``); the rest (sentences, labels, argument checks,
# plotting helpers) is outside the issue and would not fit the time budget on
# one worker. ``--all-functions`` runs every mutant of the modules instead.
ARITHMETIC: dict[str, list[str]] = {
    "analysis/brokerage.py": ["_raw_counts/2", "_masked_colsum/2", "_expected/2", "_global_expected/4",
                              "_counts", "_node_expectations", "_divide",
                              "brokerage_summary/8", "brokerage_roles/8"],
    "analysis/holes.py": ["_masked_product/2", "burt_measures/2", "_measures", "_measure_frame/2",
                          "structural_holes/8"],
    "analysis/centrality.py": ["_plan/2", "default_k", "_betweenness/8"],
    "analysis/_brandes.py": ["_brandes_chunks/8", "betweenness_csr/8", "csr_from_edges/8"],
    "analysis/mixing.py": ["_ei_counts", "_permutation_p", "_assortativity/2", "_counts", "_pairs",
                           "ei_index/8", "mixing_matrix/8", "_arcs/8"],
    "analysis/hybrids.py": ["_cross_counts/2", "_role_table/2", "_hybrid_frame/8"],
    "analysis/intermediaries.py": ["_distinct_pairs", "_trust_evidence/2", "_intermediary_frame/8"],
    "analysis/introductions.py": ["_distances", "_introductions/8"],
    "analysis/clusters.py": ["_modularity", "_adjusted_rand/2", "_nmi/2", "_core_agreement/2",
                             "_composition", "_renumber/2", "cluster_stability/8"],
    "analysis/views.py": ["reciprocity", "TieMatrix.undirected/2", "TieMatrix.binary",
                          "tie_graph/8", "_collect_arcs/8"],
    "io/report.py": ["ImportReport.__init__", "ImportReport.combine", "ImportReport.add_problems"],
    "io/survey.py": ["parse_trust_scale", "_Values.__init__/2", "_Values.trust", "_Values.frequency",
                     "_trust_numbers"],
}
# "name/8": the function is long and mostly assembles the frame around the
# formulas; only every 8th of its mutants (mutmut's numbers 8, 16, 24, ...)
# is run, a deterministic sample, to fit the time budget on one worker.
# "name/2": every 2nd mutant (even numbers), for formula functions whose
# mutants are slow to test (their tests take seconds each).


def _function_key(mutant: str) -> tuple[str, int]:
    """``("alliances.analysis.holes.x_burt_measures", 12)`` from a mutant name."""
    base, _, number = mutant.rpartition("__mutmut_")
    return base, int(number)


def _selectors(modules: list[str]) -> dict[str, int]:
    """{mutmut function prefix: sampling step} of the ARITHMETIC functions of ``modules``."""
    out = {}
    for module in modules:
        dotted = "alliances." + module[:-3].replace("/", ".")
        for entry in ARITHMETIC[module]:
            fn, _, step = entry.partition("/")
            if "." in fn:  # a method: mutmut spells it x\u01c1Class\u01c1method
                cls, meth = fn.split(".")
                key = f"{dotted}.x\u01c1{cls}\u01c1{meth}"
            else:
                key = f"{dotted}.x_{fn}"
            out[key] = int(step or 1)
    return out


def selected(mutant: str, modules: list[str] | None = None) -> bool:
    base, number = _function_key(mutant)
    step = _selectors(modules or list(MODULES)).get(base)
    return step is not None and number % step == 0


# Per-mutant CPU-time limit: (time of the selected tests + constant) * multiplier * 2 seconds.
TIMEOUT_MULTIPLIER = 4.0
TIMEOUT_CONSTANT = 2.0


def selection(modules: list[str], snapshot: Path) -> list[str]:
    tests: list[str] = []
    for module in modules:
        for test in MODULES[module]:
            if test not in tests and (snapshot / test).exists():
                tests.append(test)
    # the doctests of the mutated modules (pyproject's addopts has --doctest-modules)
    return tests + [f"src/alliances/{m}" for m in modules]


def write_config(snapshot: Path, modules: list[str]) -> None:
    def block(key: str, values: list[str]) -> str:
        return f"{key} =\n" + "".join(f"    {v}\n" for v in values)

    text = (
        "[mutmut]\n"
        "source_paths = src\n"
        + block("also_copy", ["data"])
        + block("only_mutate", [f"src/alliances/{m}" for m in modules])
        + block("pytest_add_cli_args_test_selection", selection(modules, snapshot))
        + block("pytest_add_cli_args", ["-p", "no:cacheprovider"])
        + f"timeout_multiplier = {TIMEOUT_MULTIPLIER}\n"
        + f"timeout_constant = {TIMEOUT_CONSTANT}\n"
        + "use_git_change_detection = false\n"
    )
    (snapshot / "setup.cfg").write_text(text)


def make_snapshot(snapshot: Path, fresh: bool, new_tests: bool) -> None:
    if fresh and snapshot.exists():
        shutil.rmtree(snapshot)
    if not snapshot.exists():
        subprocess.run(["git", "clone", "-q", str(ROOT), str(snapshot)], check=True)
    # The BEFORE run must not see the tests written for this issue; the AFTER run
    # (--new-tests) copies them in from the working tree. NB: mutmut forgets every
    # verdict of a snapshot when the test selection changes, so keep BEFORE and
    # AFTER in two snapshots (copy the BEFORE one: cp -a /tmp/mut /tmp/mut-after).
    for test in (ROOT / "tests").glob("test_mutants_*.py"):
        for where in (snapshot / "tests", snapshot / "mutants" / "tests"):
            if new_tests and where.exists():
                shutil.copy2(test, where / test.name)
            elif not new_tests:
                (where / test.name).unlink(missing_ok=True)


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["NUMBA_DISABLE_JIT"] = "1"
    e["PYTHONPATH"] = ""
    e["PATH"] = f"{VENV_BIN}{os.pathsep}{e.get('PATH', '')}"
    return e


def run(args: argparse.Namespace) -> int:
    modules = resolve(args.only)
    snapshot = Path(args.snapshot)
    make_snapshot(snapshot, args.fresh, args.new_tests)
    write_config(snapshot, modules)
    if args.rerun and (snapshot / "mutants").exists():
        shutil.rmtree(snapshot / "mutants")
    cmd = [str(VENV_BIN / "mutmut"), "run", "--max-children", "1"]
    if not args.all_functions:
        names = [m for module in results(snapshot, True, statuses=True).values()
                 for m, status in module.items()
                 if selected(m, modules) and (args.again or status == "not checked")]
        if args.survivors_of:
            # the AFTER run: the mutants that survived the BEFORE run kept in another snapshot
            before = results(Path(args.survivors_of))
            names = [m for module, by_name in before.items() if f"{module}" in modules
                     for m, status in by_name.items() if status in ("survived", "no tests")]
        if not names:
            print("nothing to run")
            return 0
        print(len(names), "mutants to run", flush=True)
        cmd += names
    print("cd", snapshot, "&&", "NUMBA_DISABLE_JIT=1", " ".join(repr(c) for c in cmd), flush=True)
    return subprocess.run(cmd, cwd=snapshot, env=env()).returncode


def resolve(only: list[str] | None) -> list[str]:
    if not only:
        return list(MODULES)
    out = []
    for name in only:
        hits = [m for m in MODULES if Path(m).stem.lstrip("_") == name.lstrip("_") or m == name]
        if not hits:
            raise SystemExit(f"unknown module {name!r}; one of {list(MODULES)}")
        out.extend(hits)
    return out


STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", None: "not checked"}


def results(snapshot: Path, all_functions: bool = False, statuses: bool = True) -> dict[str, dict[str, str]]:
    """{module: {mutant name: status}} read from mutmut's .meta files (selected mutants only)."""
    out: dict[str, dict[str, str]] = {}
    for meta in sorted((snapshot / "mutants" / "src" / "alliances").rglob("*.py.meta")):
        module = str(meta.relative_to(snapshot / "mutants" / "src" / "alliances"))[: -len(".meta")]
        data = json.loads(meta.read_text())
        out[module] = {k: STATUS.get(v, "suspicious") for k, v in data["exit_code_by_key"].items()
                       if all_functions or selected(k)}
    return out


def combined(args: argparse.Namespace) -> dict[str, dict[str, str]]:
    """Verdicts of --snapshot, or with --before DIR: DIR's verdicts overridden by those re-run in --snapshot."""
    res = results(Path(args.snapshot), args.all_functions)
    if not args.before:
        return res
    out = results(Path(args.before), args.all_functions)
    for module, by_name in res.items():
        for name, status in by_name.items():
            if status != "not checked" and name in out.get(module, {}):
                out[module][name] = status
    return out


def summary(args: argparse.Namespace) -> int:
    res = combined(args)
    print("| module | generated | killed | survived | no tests | timeout | other | kill rate |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total: Counter[str] = Counter()
    for module, by_name in res.items():
        c = Counter(by_name.values())
        total.update(c)
        total["generated"] += len(by_name)
        print(row(module, c, len(by_name)))
    print(row("**total**", total, total["generated"]))
    return 0


def row(module: str, c: Counter[str], n: int) -> str:
    other = n - c["killed"] - c["survived"] - c["no tests"] - c["timeout"]
    rate = 100.0 * (c["killed"] + c["timeout"]) / n if n else 0.0
    return (f"| {module} | {n} | {c['killed']} | {c['survived']} | {c['no tests']} | "
            f"{c['timeout']} | {other} | {rate:.1f}% |")


def survivors(args: argparse.Namespace) -> int:
    snapshot = Path(args.snapshot)
    res = combined(args)
    for module, by_name in res.items():
        if args.only and not any(Path(module).stem.lstrip("_") == o.lstrip("_") for o in args.only):
            continue
        for name, status in by_name.items():
            if status in ("survived", "no tests") or (args.all and status != "killed"):
                print(f"### {name} [{status}]")
                if args.diff:
                    out = subprocess.run([str(VENV_BIN / "mutmut"), "show", name], cwd=snapshot,
                                         env=env(), capture_output=True, text=True)
                    print(out.stdout)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "summary", "survivors", "config"])
    parser.add_argument("--snapshot", default="/tmp/mut")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--fresh", action="store_true", help="delete the snapshot first")
    parser.add_argument("--rerun", action="store_true", help="forget earlier mutmut results")
    parser.add_argument("--all-functions", action="store_true",
                        help="run: every mutant of the modules, not only the ARITHMETIC functions")
    parser.add_argument("--again", action="store_true",
                        help="run: also the selected mutants that already have a result")
    parser.add_argument("--new-tests", action="store_true",
                        help="run: with the tests/test_mutants_*.py of this issue (the AFTER run)")
    parser.add_argument("--survivors-of", metavar="DIR",
                        help="run: only the mutants that survived in the snapshot DIR (the AFTER run)")
    parser.add_argument("--before", metavar="DIR",
                        help="summary/survivors: the BEFORE snapshot, updated with the mutants re-run in --snapshot")
    parser.add_argument("--diff", action="store_true", help="survivors: print each mutant's diff")
    parser.add_argument("--all", action="store_true", help="survivors: also timeouts etc.")
    args = parser.parse_args()
    if args.command == "run":
        return run(args)
    if args.command == "summary":
        return summary(args)
    if args.command == "config":
        write_config(Path(args.snapshot), resolve(args.only))
        print((Path(args.snapshot) / "setup.cfg").read_text())
        return 0
    return survivors(args)


if __name__ == "__main__":
    sys.exit(main())
