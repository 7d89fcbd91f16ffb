"""Shared set-up for scripts/demo.py and scripts/test.py (standard library only).

Creates ``.venv`` beside the checkout with the running Python (3.11+), installs
the package (and extras) into it when ``pyproject.toml`` changed since the last
install, and re-runs the calling script inside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv(extras: str = "") -> Path:
    """Create the virtual environment and install the package; return its python."""
    if sys.version_info < (3, 11):
        sys.exit(
            f"alliances needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
            "Install a newer Python (python.org or your package manager) and run this again with it."
        )
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = VENV / f".installed{extras.replace(',', '-')}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        target = f".[{extras}]" if extras else "."
        print(f"Installing alliances{f'[{extras}]' if extras else ''} into {VENV} ...", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target],
            cwd=ROOT,
            check=True,
        )
        stamp.write_text(digest)
    return python


def reexec_in_venv(script: Path, extras: str = "") -> None:
    """Re-run ``script`` with the virtual environment's python (no-op when already there)."""
    python = ensure_venv(extras)
    if in_venv():
        return
    result = subprocess.run([str(python), str(script), *sys.argv[1:]], cwd=ROOT)
    sys.exit(result.returncode)
