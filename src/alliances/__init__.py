"""alliances: stakeholder network analysis for sustainable-territory projects.

Turn questionnaire and interview CSV files into an actor graph (a plain
:class:`networkx.MultiDiGraph`), then find the hybrid actors, the trusted
intermediaries, the disconnected groups and who could connect them, and show
it all on an interactive map that opens offline.

Public names are imported lazily, so ``import alliances`` stays fast and a
command-line call only pays for what it uses.

Examples
--------
>>> import alliances
>>> alliances.actor_id("Mairie d'Antony")
'mairie-d-antony'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from alliances._version import __version__
from alliances.errors import AlliancesWarning, InputError, Problem

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # model
    "Evidence": "alliances.model",
    "SECTORS": "alliances.model",
    "RELATIONS": "alliances.model",
    "FREQUENCY_WEIGHTS": "alliances.model",
    "actor_id": "alliances.model",
    "canonical_relation": "alliances.model",
    "canonical_sector": "alliances.model",
    "from_frames": "alliances.model",
    "merge": "alliances.model",
    "normalize_text": "alliances.model",
    "to_frames": "alliances.model",
    # importers
    "ImportReport": "alliances.io.report",
    "read_actors": "alliances.io.actors",
    "read_survey": "alliances.io.survey",
    "read_interviews": "alliances.io.interviews",
    "read_affiliations": "alliances.io.affiliations",
    "load": "alliances.io.load",
    # analysis
    "tie_graph": "alliances.analysis.views",
    "reciprocity": "alliances.analysis.views",
    "brokerage_roles": "alliances.analysis.brokerage",
    "brokerage_summary": "alliances.analysis.brokerage",
    "betweenness": "alliances.analysis.centrality",
    "structural_holes": "alliances.analysis.holes",
    "hybrid_actors": "alliances.analysis.hybrids",
    "trusted_intermediaries": "alliances.analysis.intermediaries",
    "components": "alliances.analysis.clusters",
    "clusters": "alliances.analysis.clusters",
    "cluster_summary": "alliances.analysis.clusters",
    "cluster_stability": "alliances.analysis.clusters",
    "suggest_introductions": "alliances.analysis.introductions",
    "mixing_matrix": "alliances.analysis.mixing",
    "ei_index": "alliances.analysis.mixing",
    "actor_table": "alliances.analysis.table",
    # maps and reports
    "Map": "alliances.maps.interactive",
    "interactive_map": "alliances.maps.interactive",
    "plot_map": "alliances.maps.static",
    "change_map": "alliances.maps.change",
    "plot_change": "alliances.maps.change",
    "html_report": "alliances.report",
    "write_report": "alliances.report",
    "write_template": "alliances.templates",
    # exports and privacy
    "write_table": "alliances.export",
    "write_gexf": "alliances.export",
    "write_graphml": "alliances.export",
    "write_workbook": "alliances.export",
    "pseudonymize": "alliances.privacy",
    "new_key": "alliances.privacy",
    "read_key": "alliances.privacy",
    # before / after
    "compare": "alliances.analysis.compare",
    "compare_waves": "alliances.analysis.compare",
    "Comparison": "alliances.analysis.compare",
    "Waves": "alliances.analysis.compare",
}

_SUBMODULES = {"samples", "analysis", "io", "maps", "model", "errors", "cli", "report", "templates"}

__all__ = [
    "AlliancesWarning",
    "InputError",
    "Problem",
    "__version__",
    *sorted(_LAZY),
    "samples",
]


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
    raise AttributeError(f"module 'alliances' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from alliances import samples
    from alliances.analysis.brokerage import brokerage_roles, brokerage_summary
    from alliances.analysis.centrality import betweenness
    from alliances.analysis.clusters import (
        cluster_stability,
        cluster_summary,
        clusters,
        components,
    )
    from alliances.analysis.compare import Comparison, Waves, compare, compare_waves
    from alliances.analysis.holes import structural_holes
    from alliances.analysis.hybrids import hybrid_actors
    from alliances.analysis.intermediaries import trusted_intermediaries
    from alliances.analysis.introductions import suggest_introductions
    from alliances.analysis.mixing import ei_index, mixing_matrix
    from alliances.analysis.table import actor_table
    from alliances.analysis.views import reciprocity, tie_graph
    from alliances.export import write_gexf, write_graphml, write_table, write_workbook
    from alliances.io.actors import read_actors
    from alliances.io.affiliations import read_affiliations
    from alliances.io.interviews import read_interviews
    from alliances.io.load import load
    from alliances.io.report import ImportReport
    from alliances.io.survey import read_survey
    from alliances.maps.change import change_map, plot_change
    from alliances.maps.interactive import Map, interactive_map
    from alliances.maps.static import plot_map
    from alliances.model import (
        FREQUENCY_WEIGHTS,
        RELATIONS,
        SECTORS,
        Evidence,
        actor_id,
        canonical_relation,
        canonical_sector,
        from_frames,
        merge,
        normalize_text,
        to_frames,
    )
    from alliances.privacy import new_key, pseudonymize, read_key
    from alliances.report import html_report, write_report
    from alliances.templates import write_template
