"""Layers apart: importers know nothing of analysis or maps; analysis nothing of maps or the CLI.

Every import of every module of a layer is read with :mod:`ast`, function-level imports
included (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "alliances"

#: layer -> the packages and modules it must not import (``alliances.export`` is not among
#: the importers' forbidden: the network reader reads back the flattened values the writers
#: write, with the writers' own rule)
FORBIDDEN = {
    "io": ("alliances.analysis", "alliances.maps", "alliances.report", "alliances.report_parts",
           "alliances.cli"),
    "analysis": ("alliances.maps", "alliances.report", "alliances.report_parts", "alliances.cli"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{alias.name}" for alias in node.names}
    return out


def crossing(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(m for m in imported_modules(path)
                  if any(m == f or m.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    files = sorted((SRC / layer).rglob("*.py"))
    assert files
    found = {str(f.relative_to(SRC)): crossing(f, FORBIDDEN[layer]) for f in files}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_checker_sees_a_lazy_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from alliances.maps.text import relation_label\n"
                      "    import alliances.cli\n")
    assert crossing(module, FORBIDDEN["analysis"]) == [
        "alliances.cli", "alliances.maps.text", "alliances.maps.text.relation_label"]
