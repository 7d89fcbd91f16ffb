"""The code base stays lint-clean and the public API stays complete."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import alliances

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists() and not shutil.which("ruff"):
        pytest.fail("ruff is not installed: install the test extra (pip install -e .[test])")
    result = subprocess.run(
        [ruff, "check", "src", "tests", "benchmarks", "scripts"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(n for n in alliances.__all__ if not n.startswith("__")))
def test_every_public_name_resolves_and_is_documented(name):
    value = getattr(alliances, name)
    if callable(value) or isinstance(value, type):
        doc = getattr(value, "__doc__", None) or ""
        assert len(doc.strip()) > 40, f"{name} needs a docstring"


def test_import_is_light():
    # the CLI's start-up time depends on this: heavy modules load lazily
    code = "import sys, alliances; print(sorted(m for m in ('pandas', 'networkx', 'matplotlib', 'pyvis', 'igraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_matches_metadata():
    from importlib.metadata import version

    assert alliances.__version__ == version("alliances")
    assert importlib.import_module("alliances._version").__version__ == alliances.__version__
