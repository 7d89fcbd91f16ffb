"""Tables for people: translated headers, and the numbers of sentences in the reader's language.

The analyses' DataFrames keep stable English column names (``is_hybrid``,
``trusted_by``): code, exports and tests rely on them. :func:`display_table`
gives a copy for reading (a notebook, a handout, a spreadsheet) with human
headers in English or French, yes/no for true/false, and the default world
codes as their names; numbers are left as they are.

:func:`decimal_text`, :func:`count_text` and :func:`general_text` write the
numbers quoted in the analyses' ``reason`` sentences: in English exactly as
Python's ``format`` writes them (the sentences stay byte-identical), in
French with the decimal comma and the thin no-break space of
:func:`alliances.i18n.format_number` (``0,62``, ``12 345``). They are cheap,
as sentences are written for 10^5 actors.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from alliances.i18n import N_, format_number, gettext, resolve_lang

__all__ = ["HEADERS", "count_text", "decimal_text", "display_table", "general_text", "header"]


_SPECS = (".0f", ".1f", ".2f", ".3f", ".4f")


def decimal_text(x: float, lang: str, digits: int = 2) -> str:
    """``x`` with ``digits`` decimals: ``f"{x:.2f}"`` in English, decimal comma in French.

    ``lang`` is a resolved language code (``"en"`` or ``"fr"``).

    Examples
    --------
    >>> decimal_text(0.6213, "en"), decimal_text(0.6213, "fr"), decimal_text(2.25, "fr", 1)
    ('0.62', '0,62', '2,2')
    >>> decimal_text(1234.5, "fr", 1) == format_number(1234.5, "fr", 1)
    True
    """
    # as f"{x:.2f}" writes it; a ready format spec is faster than a nested one
    text = format(x, _SPECS[digits]) if digits < len(_SPECS) else f"{x:.{digits}f}"
    if lang == "en" or not math.isfinite(x):
        return text
    if abs(x) >= 1000:  # thousands separator: rare in sentences, Babel's exact form
        return format_number(x, lang, digits)
    return text.replace(".", ",")


def general_text(x: float, lang: str) -> str:
    """``x`` as ``f"{x:g}"`` (a threshold, a significance level), decimal comma in French.

    Examples
    --------
    >>> general_text(0.05, "en"), general_text(0.05, "fr"), general_text(0.7, "fr")
    ('0.05', '0,05', '0,7')
    """
    text = f"{x:g}"
    return text if lang == "en" else text.replace(".", ",")


def count_text(n: int, lang: str) -> str:
    """A count: as Python writes it in English, with French digit grouping from 10^3.

    Examples
    --------
    >>> count_text(12, "fr"), count_text(12345, "en"), count_text(12345, "fr")
    ('12', '12345', '12\\u202f345')
    """
    if lang == "en" or -1000 < n < 1000:
        return str(n)
    return _grouped(int(n), lang)


@functools.lru_cache(maxsize=4096)
def _grouped(n: int, lang: str) -> str:
    return format_number(n, lang, 0)


#: Human headers of the analyses' columns (English msgid, French in the catalogue).
HEADERS: dict[str, str] = {
    # identity
    "id": N_("Actor id"),
    "label": N_("Actor"),
    "sector": N_("World"),
    "sectors": N_("Other declared worlds"),
    "group": N_("Group"),
    "kind": N_("Kind"),
    "territory": N_("Territory"),
    "themes": N_("Themes"),
    "respondent": N_("Answered the survey"),
    "partial_view": N_("Seen only through others"),
    # degrees and position
    "in_degree": N_("Named by"),
    "out_degree": N_("Names"),
    "degree": N_("Contacts"),
    "betweenness": N_("Normalised betweenness"),
    "constraint": N_("Burt's constraint"),
    "effective_size": N_("Effective size"),
    "efficiency": N_("Efficiency"),
    "hierarchy": N_("Hierarchy"),
    # worlds and brokerage
    "participation": N_("Participation coefficient"),
    "worlds": N_("Worlds reached"),
    "world_list": N_("Worlds (most tied first)"),
    "declared": N_("Declares several worlds"),
    "declared_sectors": N_("Number of worlds declared"),
    "declares": N_("Worlds declared"),
    "coordinator": N_("Coordinator paths"),
    "itinerant": N_("Itinerant paths"),
    "representative": N_("Representative paths"),
    "gatekeeper": N_("Gatekeeper paths"),
    "liaison": N_("Liaison paths"),
    "total": N_("Open two-step paths"),
    "brokerage_total": N_("Open two-step paths"),
    "cross_brokerage": N_("Paths between worlds"),
    "z_coordinator": N_("Coordinator (z)"),
    "z_itinerant": N_("Itinerant (z)"),
    "z_representative": N_("Representative (z)"),
    "z_gatekeeper": N_("Gatekeeper (z)"),
    "z_liaison": N_("Liaison (z)"),
    "z_total": N_("Open two-step paths (z)"),
    # hybrids
    "reach": N_("Reach"),
    "balance": N_("Balance"),
    "bridging": N_("Bridging"),
    "score": N_("Score"),
    "is_hybrid": N_("Hybrid"),
    "hybrid_score": N_("Hybrid score"),
    "trusted_ties": N_("Trusted ties"),
    "trusted_worlds": N_("Worlds of trusted ties"),
    "trusted_participation": N_("Balance of trusted ties"),
    "expected_participation": N_("Balance expected by chance"),
    "excess": N_("Balance above chance"),
    "z": N_("z-score"),
    "p": N_("p-value"),
    "q": N_("Adjusted p-value (Benjamini-Hochberg)"),
    "stability": N_("Stability under non-response"),
    "hybrid_stability": N_("Hybrid flag stability"),
    "intermediary_stability": N_("Intermediary flag stability"),
    # trusted intermediaries
    "trust_received": N_("Mean trust received"),
    "trusted_by": N_("Trusted by"),
    "trusted_by_worlds": N_("Trusted by (worlds)"),
    "trusted_by_world_list": N_("Worlds that trust it"),
    "reciprocated": N_("Confirmed ties"),
    "positive_by": N_("Cited positively by"),
    "negative": N_("Cited negatively by"),
    "trust_basis": N_("Trust read from"),
    "position": N_("Broker position"),
    "trust": N_("Trust"),
    "intermediary_score": N_("Intermediary score"),
    "is_trusted_intermediary": N_("Trusted intermediary"),
    "bridged_groups": N_("Groups it joins"),
    "bridged_group_sizes": N_("Sizes of the groups it joins"),
    # the actor table
    "key_score": N_("Key score"),
    "reason": N_("Why"),
    # components and clusters
    "component": N_("Connected group"),
    "component_size": N_("Connected group size"),
    "isolated": N_("Isolated"),
    "cluster": N_("Cluster"),
    "cluster_size": N_("Cluster size"),
    "size": N_("Size"),
    "members": N_("Members (ids)"),
    "labels": N_("Members"),
    "composition": N_("Composition by world"),
    "dominant": N_("Main world"),
    "dominant_share": N_("Share of the main world"),
    "density": N_("Density"),
    "internal_ties": N_("Ties inside"),
    "external_ties": N_("Ties outside"),
    "conductance": N_("Cluster conductance"),
    "modularity": N_("Modularity"),
    "ambassadors": N_("Ambassadors"),
    # introductions
    "rank": N_("Rank"),
    "source": N_("First actor (id)"),
    "target": N_("Second actor (id)"),
    "source_label": N_("First actor"),
    "target_label": N_("Second actor"),
    "source_cluster": N_("First actor's cluster"),
    "target_cluster": N_("Second actor's cluster"),
    "source_sector": N_("First actor's world"),
    "target_sector": N_("Second actor's world"),
    "shared_themes": N_("Shared themes"),
    "go_between": N_("Go-between (id)"),
    "go_between_label": N_("Go-between"),
    "path_length": N_("Steps apart"),
    "ties_between": N_("Ties between their clusters"),
    # mixing
    "internal": N_("Ties inside"),
    "external": N_("Ties across"),
    "ei": N_("E-I index"),
    "expected_ei": N_("E-I index expected by chance"),
    "assortativity": N_("Assortativity"),
    "from": N_("From world"),
    "to": N_("To world"),
    # events and places
    "event": N_("Event"),
    "event_type": N_("Kind of event"),
    "date": N_("Day"),
    "place": N_("Place"),
    "place_type": N_("Kind of place"),
    "participants": N_("Number of participants"),
    "participant_list": N_("Participants (ids)"),
    "diversity": N_("Diversity of worlds"),
    "expected_diversity": N_("Diversity expected by chance"),
    "diversity_z": N_("Diversity (z)"),
    "clusters_joined": N_("Clusters brought together"),
    "hybrids": N_("Hybrid actors present"),
    "intermediaries": N_("Trusted intermediaries present"),
    "events": N_("Events"),
    "participations": N_("Attendances"),
    "mean_participants": N_("Participants per event (mean)"),
    "mean_worlds": N_("Worlds per event (mean)"),
    "mean_diversity": N_("Mean diversity"),
    "worlds_present": N_("Worlds present"),
    "worlds_absent": N_("Worlds absent"),
    # brokerage summary
    "role": N_("Brokerage role"),
    "sna": N_("Name in R's sna"),
    "observed": N_("Observed"),
    "expected": N_("Expected by chance"),
    "sd": N_("Standard deviation"),
}

# columns whose values are world codes: shown as the worlds' names
_WORLD_COLUMNS = frozenset({"sector", "sectors", "world_list", "declares", "trusted_by_world_list",
                            "source_sector", "target_sector", "dominant", "worlds_present",
                            "worlds_absent", "from", "to"})
_YES_NO = (N_("yes"), N_("no"))


def display_table(table: pd.DataFrame, lang: str | None = None, *,
                  columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A copy of an analysis table for reading: human headers in ``lang``, yes/no, world names.

    The analyses' column names are stable English identifiers (for code and
    exports); this gives the table a reader sees. Headers come from
    :data:`HEADERS` through the message catalogue; a column it does not know
    (a user's own attribute) keeps its name. The index name is translated
    the same way.

    Values: true/false columns read "yes"/"no" ("oui"/"non" in French), as a
    handout or a spreadsheet reader expects words rather than ``True``;
    default world codes (``company``) read as their names in ``lang``
    (``entreprise``), in single values and in tuples, and as the rows and
    columns of a world x world table (:func:`~alliances.mixing_matrix`);
    everything else, numbers included, is left untouched (format them where
    they are shown).

    Parameters
    ----------
    table : pandas.DataFrame
        A table returned by an analysis (:func:`~alliances.actor_table`,
        :func:`~alliances.hybrid_actors`, ...). Not modified.
    lang : {'en', 'fr'}, optional
        Language of the headers and words (default: the environment's,
        ``ALLIANCES_LANG`` then the locale, English otherwise).
    columns : iterable of str, optional
        The columns to keep, in this order (default: all).

    Returns
    -------
    pandas.DataFrame
        A new table with the same rows; its headers are for reading, not for code.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["Mairie"], "sector": ["public"], "is_hybrid": [True],
    ...                   "participation": [0.62]}, index=pd.Index(["mairie"], name="id"))
    >>> display_table(t, "fr").to_dict("records")
    [{'Acteur': 'Mairie', 'Monde': 'collectivité / acteur public', 'Hybride': 'oui', 'Coefficient de participation': 0.62}]
    >>> display_table(t, "en", columns=["label", "is_hybrid"]).columns.tolist()
    ['Actor', 'Hybrid']
    """
    from alliances.analysis.hybrids import sector_name

    code = resolve_lang(lang)
    out = table.copy() if columns is None else table.loc[:, list(columns)].copy()
    yes, no = (gettext(w, code) for w in _YES_NO)
    for name in out.columns:
        values = out[name]
        if values.dtype == bool:
            out[name] = values.map({True: yes, False: no}).astype(object)
        elif name in _WORLD_COLUMNS and not pd.api.types.is_numeric_dtype(values):
            out[name] = values.map(lambda v: _worlds(v, code, sector_name)).astype(object)
    worlds_axis = out.columns.name in _WORLD_COLUMNS  # a world x world table (mixing_matrix)
    out.columns = pd.Index([sector_name(c, code) if worlds_axis and isinstance(c, str)
                            else header(c, code) for c in out.columns],
                           name=header(out.columns.name, code) if out.columns.name else None)
    if out.index.name in _WORLD_COLUMNS:
        out.index = pd.Index([_worlds(v, code, sector_name) for v in out.index], dtype=object)
    out.index = out.index.rename(header(table.index.name, code) if table.index.name is not None else None)
    return out


def header(column: Any, lang: str | None = None) -> Any:
    """The human header of ``column`` in ``lang`` (the name itself when unknown).

    Examples
    --------
    >>> header("trusted_by", "fr"), header("trusted_by", "en"), header("my_column", "fr")
    ('Confiance reçue de', 'Trusted by', 'my_column')
    """
    message = HEADERS.get(column) if isinstance(column, str) else None
    return gettext(message, lang) if message else column


def _worlds(value: Any, lang: str, name: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(name(v, lang) for v in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return value
    return name(value, lang) if isinstance(value, str) else value
