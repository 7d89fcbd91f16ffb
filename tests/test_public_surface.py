"""The public surface a newcomer can hold in mind (issue 12).

(a) The top level holds exactly the names a study calls; the names that left it
still work for one release, with a FutureWarning naming their module;
``dir(alliances)`` shows the kept names and the public submodules; the
TYPE_CHECKING imports of ``__init__.py`` agree with its lazy table.

(b) Module ``__all__`` lists hold public names only; private modules export
nothing.

(c) One argument order: the graph first, everything else by name. The old
positional spelling still works, with a FutureWarning and the same result.

(d) ``docs/api.md`` lists exactly ``alliances.__all__`` and the public submodules.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import pydoc
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import alliances

ROOT = Path(__file__).resolve().parents[1]
INIT = ROOT / "src" / "alliances" / "__init__.py"
API = ROOT / "docs" / "api.md"

KEPT = {
    # loading
    "load", "read_actors", "read_survey", "read_interviews", "read_affiliations", "read_network", "import_report", "samples",
    "from_frames", "to_frames", "merge", "validate", "write_template",
    # analyses
    "shortest_path_share",
    "hybrid_actors", "trusted_intermediaries", "brokerage_roles", "structural_holes",
    "betweenness", "components", "clusters", "cluster_summary", "suggest_introductions",
    "mixing_matrix", "ei_index", "actor_table", "display_table", "compare", "compare_waves",
    "events", "places", "co_participation_effect",
    # maps and reports
    "interactive_map", "plot_map", "change_map", "write_report", "html_report",
    # exports
    "write_gexf", "write_graphml", "write_kumu", "write_table", "write_workbook", "pseudonymize",
    # errors, version
    "InputError", "AlliancesWarning", "__version__",
}
SUBMODULES = {"analysis", "cli", "errors", "export", "io", "maps", "model", "privacy", "report",
              "samples", "templates"}


# --------------------------------------------------------------------------- (a) top level

def test_top_level_is_exactly_the_kept_names():
    assert set(alliances.__all__) == KEPT
    assert len(alliances.__all__) == len(KEPT)


def test_dir_shows_kept_names_and_public_submodules():
    assert dir(alliances) == sorted(KEPT | SUBMODULES)


@pytest.mark.parametrize("name", sorted(KEPT))
def test_kept_name_resolves_without_warning(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert getattr(alliances, name) is not None


@pytest.mark.parametrize("name", sorted(alliances._MOVED))
def test_moved_name_still_works_with_a_future_warning(name):
    module = alliances._MOVED[name]
    with pytest.warns(FutureWarning) as caught:
        value = getattr(alliances, name)
    assert value is getattr(importlib.import_module(module), name)
    assert str(caught[0].message) == (
        f"alliances.{name} is deprecated at the top level; use {module}.{name}")
    assert caught[0].filename == __file__  # points at the caller's line
    assert name not in dir(alliances)
    # every use warns (not cached on the package)
    with pytest.warns(FutureWarning):
        getattr(alliances, name)


def test_moved_names_are_not_kept_and_unknown_names_fail():
    assert not set(alliances._MOVED) & KEPT
    with pytest.raises(AttributeError, match="no attribute 'tie_graph_'"):
        alliances.tie_graph_  # noqa: B018


def test_public_submodules_are_attributes_in_a_fresh_interpreter():
    # alliances.privacy and alliances.export raised AttributeError when nothing had
    # imported them yet, although the documentation points users there
    code = ("import alliances, types; "
            f"mods = [getattr(alliances, m) for m in {sorted(SUBMODULES)!r}]; "
            "assert all(isinstance(m, types.ModuleType) for m in mods); "
            "alliances.privacy.new_key; alliances.export.restore_cell; print('ok')")
    out = subprocess.run([sys.executable, "-W", "error", "-c", code],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def _type_checking_imports() -> tuple[dict[str, str], set[str]]:
    """(name -> module) and submodules imported in the ``if TYPE_CHECKING:`` block."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    blocks = [node for node in tree.body if isinstance(node, ast.If)
              and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"]
    assert len(blocks) == 1
    names: dict[str, str] = {}
    submodules: set[str] = set()
    for node in blocks[0].body:
        assert isinstance(node, ast.ImportFrom), ast.unparse(node)
        for alias in node.names:
            assert alias.asname in (None, alias.name), ast.unparse(node)
            if node.module == "alliances":
                submodules.add(alias.name)
            else:
                assert alias.name not in names, f"{alias.name} imported twice"
                names[alias.name] = node.module
    return names, submodules


def test_type_checking_block_agrees_with_the_lazy_table():
    names, submodules = _type_checking_imports()
    assert names == alliances._LAZY
    assert submodules == set(alliances._SUBMODULES) == SUBMODULES
    eager = {"AlliancesWarning", "InputError", "__version__"}
    assert set(alliances.__all__) == eager | set(names) | {"samples"}


# --------------------------------------------------------------------------- (b) module __all__

def _modules() -> list[str]:
    found = ["alliances"]
    for info in pkgutil.walk_packages(alliances.__path__, "alliances."):
        if info.name != "alliances.__main__":
            found.append(info.name)
    return sorted(found)


TUNING = {"EXACT_BELOW", "NUMBA_FROM", "PARALLEL_FROM", "PROGRESS_BYTES", "KAMADA_KAWAI_MAX",
          "MAX_NODES", "MAX_EDGES"}


@pytest.mark.parametrize("name", _modules())
def test_module_all_lists_public_names_only(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", [])
    private = any(part.startswith("_") for part in name.split("."))
    if private:
        assert exported == [], f"{name} is private: __all__ must be empty"
    for item in exported:
        assert not item.startswith("_") or item == "__version__", (name, item)
        assert item not in TUNING, f"{name}.__all__ lists the tuning constant {item}"
        assert hasattr(module, item), f"{name}.__all__ lists {item}, which it does not define"
    assert len(set(exported)) == len(exported), name


# --------------------------------------------------------------------------- (c) argument order

# modules whose public functions follow the rule; a function follows it when its
# first parameter is a graph (or graphs, tables, a comparison)
RULED = ["alliances.analysis.brokerage", "alliances.analysis.centrality",
         "alliances.analysis.clusters", "alliances.analysis.compare", "alliances.analysis.holes",
         "alliances.analysis.hybrids", "alliances.analysis.intermediaries",
         "alliances.analysis.introductions", "alliances.analysis.mixing",
         "alliances.analysis.table", "alliances.analysis.views", "alliances.maps.change",
         "alliances.maps.interactive", "alliances.maps.layout", "alliances.maps.static",
         "alliances.report", "alliances.export", "alliances.privacy"]
FIRST = {"G", "graphs", "before", "comparison", "df", "tables", "frame"}
ALSO_POSITIONAL = {"after", "path"}  # compare(before, after); writers: (graph or table, path)


def _ruled_functions() -> list[tuple[str, str]]:
    found = []
    for module_name in RULED:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value):
                found.append((module_name, name))
    return found


@pytest.mark.parametrize(("module_name", "name"), _ruled_functions())
def test_graph_first_everything_else_by_name(module_name, name):
    func = getattr(importlib.import_module(module_name), name)
    params = list(inspect.signature(func).parameters.values())
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if not positional or positional[0] not in FIRST:
        return  # not a function of a graph (helpers on a cell, a matrix, a key file)
    assert set(positional[1:]) <= ALSO_POSITIONAL, (
        f"{module_name}.{name}{inspect.signature(func)}: after the graph, arguments go by name")


# function, arguments after the graph as they used to be passed, the graph(s) to use
CHANGED = {
    "hybrid_actors": ("alliances.analysis.hybrids", {"attr": "sector"}),
    "trusted_intermediaries": ("alliances.analysis.intermediaries", {"attr": "sector"}),
    "brokerage_roles": ("alliances.analysis.brokerage", {"attr": "sector"}),
    "brokerage_summary": ("alliances.analysis.brokerage", {"attr": "sector"}),
    "mixing_matrix": ("alliances.analysis.mixing", {"attr": "sector"}),
    "ei_index": ("alliances.analysis.mixing", {"attr": "sector"}),
    "actor_table": ("alliances.analysis.table", {"attr": "sector", "seed": 1}),
    "cluster_stability": ("alliances.analysis.clusters", {"seeds": range(3)}),
    "compare_waves": ("alliances.analysis.compare", {"labels": ["2024", "2025"]}),
}


@pytest.fixture(scope="module")
def graphs():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sample's planted problems
        return {"one": alliances.samples.load("antony-velo"),
                "waves": [alliances.samples.load("sqy-rse"), alliances.samples.load("sqy-rse", wave=2)]}


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    elif hasattr(a, "metrics"):  # Waves
        pd.testing.assert_frame_equal(a.metrics, b.metrics)
        assert a.labels == b.labels
    else:
        assert a == b


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_positional_spelling_warns_and_gives_the_same_result(name, graphs):
    module_name, old = CHANGED[name]
    func = getattr(importlib.import_module(module_name), name)
    G = graphs["waves"] if name == "compare_waves" else graphs["one"]
    # the documented signature: everything after the graph is keyword-only
    params = inspect.signature(func).parameters
    for arg in old:
        assert params[arg].kind is inspect.Parameter.KEYWORD_ONLY, (name, arg)
    assert "*, " + next(iter(old)) in pydoc.render_doc(func, renderer=pydoc.plaintext)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", alliances.AlliancesWarning)
        warnings.simplefilter("error", FutureWarning)
        by_name = func(G, **old)
        with pytest.warns(FutureWarning, match=rf"{name}\(.*by position is deprecated.*{name}\(") as caught:
            by_position = func(G, *old.values())
    assert len([w for w in caught if w.category is FutureWarning]) == 1
    _same(by_name, by_position)
    # old and new spellings together, or too many, fail as Python would
    if len(old) == 1:
        (arg, value), = old.items()
        with pytest.raises(TypeError, match="multiple values"):
            func(G, value, **{arg: value})
    with pytest.raises(TypeError, match="positional"):
        func(G, *old.values(), None, None)


def test_top_level_changed_functions_are_the_wrapped_ones():
    for name in ("hybrid_actors", "brokerage_roles", "mixing_matrix", "actor_table"):
        func = getattr(alliances, name)
        assert func.__wrapped__.__name__ == name
        assert "attr" in inspect.signature(func).parameters


# --------------------------------------------------------------------------- (d) docs/api.md

def _api_sections() -> dict[str, str]:
    text = API.read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_api_page_lists_exactly_the_top_level_names():
    sections = _api_sections()
    groups = ["Loading", "Analyses", "Maps and reports", "Exports", "Errors and warnings", "Version"]
    listed: list[str] = []
    for group in groups:
        names = re.findall(r"^- \[?`([\w]+)`", sections[group], flags=re.M)
        assert names, group
        listed += names
    assert len(listed) == len(set(listed)), "a name is listed twice"
    assert set(listed) - set(alliances.__all__) == set(), "listed in docs/api.md, not at the top level"
    assert set(alliances.__all__) - set(listed) == set(), "at the top level, missing from docs/api.md"


def test_api_page_lists_the_public_submodules():
    body = _api_sections()["Public modules"]
    listed = set(re.findall(r"^- `alliances\.(\w+)`", body, flags=re.M))
    assert listed == SUBMODULES


def test_api_links_point_at_the_defining_module():
    # [`name`][alliances.module.name]: the anchor is where the name is defined
    text = API.read_text(encoding="utf-8")
    for name, target in re.findall(r"^- \[`(\w+)`\]\[([\w.]+)\]", text, flags=re.M):
        if name == "samples":
            assert target == "alliances.samples"
        else:
            assert target == f"{alliances._LAZY.get(name, 'alliances.errors')}.{name}", name
