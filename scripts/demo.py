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
    folder = Path(source) if Path(source).exists() else root / "data" / "samples" / source
    return subprocess.run([sys.executable, "-m", "alliances", "import", str(folder)], cwd=root).returncode


if __name__ == "__main__":
    sys.exit(main())
