"""alliances: stakeholder network analysis for sustainable-territory projects.

Turn questionnaire and interview CSV files into an actor graph (a plain
:class:`networkx.MultiDiGraph`), then find the hybrid actors, the trusted
intermediaries, the disconnected groups and who could connect them, and show
it all on an interactive map that opens offline.

The top level holds what a study calls: loading the files, the analyses, the
maps, reports and exports, and the two errors. Everything else (vocabularies,
tie views, the classes the functions return, the pseudonymisation keys...)
lives in its module: :mod:`alliances.model`, :mod:`alliances.analysis.views`,
:mod:`alliances.privacy`... See ``docs/api.md``.

Public names are imported lazily, so ``import alliances`` stays fast and a
command-line call only pays for what it uses.

Examples
--------
>>> import alliances
>>> alliances.samples.names()
['antony-velo', 'chevreuse-sprint', 'morteau-reemploi', 'sqy-rse']
>>> alliances.model.actor_id("Mairie d'Antony")
'mairie-d-antony'
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from alliances._version import __version__
from alliances.errors import AlliancesWarning, InputError

# Top-level name -> module that defines it. The TYPE_CHECKING block at the end
# imports exactly these (tests/test_public_surface.py checks it), and
# docs/api.md lists exactly __all__ (checked there too).
_LAZY: dict[str, str] = {
    # loading (and preparing) the data
    "load": "alliances.io.load",
    "read_actors": "alliances.io.actors",
    "read_survey": "alliances.io.survey",
    "read_interviews": "alliances.io.interviews",
    "read_affiliations": "alliances.io.affiliations",
    "read_network": "alliances.io.networks",
    "import_report": "alliances.io.builder",
    "from_frames": "alliances.model",
    "to_frames": "alliances.model",
    "merge": "alliances.model",
    "validate": "alliances.model",
    "write_template": "alliances.templates",
    # analyses
    "hybrid_actors": "alliances.analysis.hybrids",
    "trusted_intermediaries": "alliances.analysis.intermediaries",
    "brokerage_roles": "alliances.analysis.brokerage",
    "structural_holes": "alliances.analysis.holes",
    "betweenness": "alliances.analysis.centrality",
    "shortest_path_share": "alliances.analysis.centrality",
    "components": "alliances.analysis.clusters",
    "clusters": "alliances.analysis.clusters",
    "cluster_summary": "alliances.analysis.clusters",
    "suggest_introductions": "alliances.analysis.introductions",
    "mixing_matrix": "alliances.analysis.mixing",
    "ei_index": "alliances.analysis.mixing",
    "actor_table": "alliances.analysis.table",
    "display_table": "alliances.analysis.display",
    "compare": "alliances.analysis.compare",
    "compare_waves": "alliances.analysis.compare",
    "events": "alliances.analysis.events",
    "places": "alliances.analysis.events",
    "co_participation_effect": "alliances.analysis.events",
    # maps and reports
    "interactive_map": "alliances.maps.interactive",
    "plot_map": "alliances.maps.static",
    "change_map": "alliances.maps.change",
    "html_report": "alliances.report",
    "write_report": "alliances.report",
    # exports
    "write_table": "alliances.export",
    "write_workbook": "alliances.export",
    "write_gexf": "alliances.export",
    "write_graphml": "alliances.export",
    "write_kumu": "alliances.export",
    "pseudonymize": "alliances.privacy",
}

# Names that left the top level (deprecated, removed in the next release):
# alliances.<name> still returns them, with a FutureWarning naming the module.
_MOVED: dict[str, str] = {
    "Problem": "alliances.errors",
    "Evidence": "alliances.model",
    "SECTORS": "alliances.model",
    "RELATIONS": "alliances.model",
    "FREQUENCY_WEIGHTS": "alliances.model",
    "actor_id": "alliances.model",
    "canonical_relation": "alliances.model",
    "canonical_sector": "alliances.model",
    "normalize_text": "alliances.model",
    "ImportReport": "alliances.io.report",
    "tie_graph": "alliances.analysis.views",
    "reciprocity": "alliances.analysis.views",
    "brokerage_summary": "alliances.analysis.brokerage",
    "cluster_stability": "alliances.analysis.clusters",
    "Comparison": "alliances.analysis.compare",
    "Waves": "alliances.analysis.compare",
    "Map": "alliances.maps.interactive",
    "plot_change": "alliances.maps.change",
    "new_key": "alliances.privacy",
    "read_key": "alliances.privacy",
}

# Public submodules, reachable as alliances.<name> without an import statement.
_SUBMODULES = frozenset({"analysis", "cli", "errors", "export", "io", "maps", "model", "privacy",
                         "report", "samples", "templates"})

__all__ = sorted(["AlliancesWarning", "InputError", "__version__", "samples", *_LAZY])


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is not None:
        value = getattr(importlib.import_module(module_name), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"alliances.{name}")
        globals()[name] = module
        return module
    module_name = _MOVED.get(name)
    if module_name is not None:  # not cached: every use warns
        warnings.warn(f"alliances.{name} is deprecated at the top level; use {module_name}.{name}",
                      FutureWarning, stacklevel=2)
        return getattr(importlib.import_module(module_name), name)
    raise AttributeError(f"module 'alliances' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *_SUBMODULES})


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from alliances import (
        analysis,
        cli,
        errors,
        export,
        io,
        maps,
        model,
        privacy,
        report,
        samples,
        templates,
    )
    from alliances.analysis.brokerage import brokerage_roles
    from alliances.analysis.centrality import betweenness, shortest_path_share
    from alliances.analysis.clusters import cluster_summary, clusters, components
    from alliances.analysis.compare import compare, compare_waves
    from alliances.analysis.display import display_table
    from alliances.analysis.events import co_participation_effect, events, places
    from alliances.analysis.holes import structural_holes
    from alliances.analysis.hybrids import hybrid_actors
    from alliances.analysis.intermediaries import trusted_intermediaries
    from alliances.analysis.introductions import suggest_introductions
    from alliances.analysis.mixing import ei_index, mixing_matrix
    from alliances.analysis.table import actor_table
    from alliances.export import write_gexf, write_graphml, write_kumu, write_table, write_workbook
    from alliances.io.actors import read_actors
    from alliances.io.affiliations import read_affiliations
    from alliances.io.builder import import_report
    from alliances.io.interviews import read_interviews
    from alliances.io.load import load
    from alliances.io.networks import read_network
    from alliances.io.survey import read_survey
    from alliances.maps.change import change_map
    from alliances.maps.interactive import interactive_map
    from alliances.maps.static import plot_map
    from alliances.model import from_frames, merge, to_frames, validate
    from alliances.privacy import pseudonymize
    from alliances.report import html_report, write_report
    from alliances.templates import write_template
