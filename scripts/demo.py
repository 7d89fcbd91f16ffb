#!/usr/bin/env python3
"""Set up and run the main job on a bundled sample: ``python3 scripts/demo.py``.

Creates ``.venv`` with the package, then reads the Antony cycling committee
sample and writes its interactive map and report to ``out/``. Pass another
sample name or a folder of your own CSV files as the first argument.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup


def main() -> int:
    _setup.reexec_in_venv(Path(__file__))
    source = sys.argv[1] if len(sys.argv) > 1 else "antony-velo"
    root = _setup.ROOT
    folder = Path(source).resolve() if Path(source).exists() else root / "data" / "samples" / source
    out = root / "out"
    out.mkdir(exist_ok=True)
    name = folder.name
    steps = [
        ["import", str(folder)],
        # no --title: the map, like the report, takes the study's own title (its study.toml)
        ["map", str(folder), "-o", str(out / f"{name}-map.html")],
        ["report", str(folder), "-o", str(out / f"{name}-report.html")],
    ]
    for step in steps:
        code = subprocess.run([sys.executable, "-m", "alliances", *step], cwd=root).returncode
        if code != 0:
            return code
    print(f"\nOpen {out / f'{name}-map.html'} (the map) and {out / f'{name}-report.html'} "
          "(the report) in any browser; they work offline.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
