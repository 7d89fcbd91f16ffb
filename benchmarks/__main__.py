"""``python -m benchmarks``: run the benchmark harness and write benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.harness import SIZES, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1k,10k,100k", help=f"comma-separated, among {', '.join(SIZES)}")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (1 at 100k)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "RESULTS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="where synthetic CSVs are written")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose among {', '.join(SIZES)}")
    run(sizes, args.repeat, args.out, seed=args.seed, workdir=args.workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
