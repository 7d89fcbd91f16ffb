"""Every interface text of the maps, in the gettext domain ``alliances-map``.

The messages are listed once, below, as ``N_("...")`` calls, which Babel's
Python extractor finds with its default keywords (``pybabel extract -k N_``
is one of them); the French catalogue is
``src/alliances/locale/fr/LC_MESSAGES/alliances-map.po``. The interactive
map receives them as one JSON object (English message -> text in the
chosen language); the static map and the Python side of the interactive
map look them up with :func:`ui_text`, which refuses a message that is not
listed here, so that no interface text escapes the catalogue.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from alliances.i18n import gettext, resolve_lang
from alliances.model import relation_name

__all__ = ["DOMAIN", "MESSAGES", "measure_label", "relation_label", "ui_text", "ui_texts"]

#: gettext domain of the maps' interface texts
DOMAIN = "alliances-map"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel looks for
    """Mark ``message`` for extraction; translated later, by :func:`ui_text`."""
    return message


#: Every interface text of the maps (English, the source language).
MESSAGES: tuple[str, ...] = (
    # page header and controls
    N_("Actor map"),
    N_("Find an actor…"),
    N_("Find an actor by name"),
    N_("Show"),
    N_("Choose the wave to show"),
    N_("Cluster"),
    N_("Show one cluster"),
    N_("all"),
    N_("physics"),
    N_("Fit"),
    N_("Fit the whole map in view"),
    N_("PNG"),
    N_("SVG"),
    N_("Download the map as a PNG image"),
    N_("Download the map as an SVG drawing"),
    N_("suggested introductions"),
    N_("Show the suggested introductions as dashed missing links"),
    N_("Legend and filters"),
    N_("Actor details"),
    N_("Close"),
    N_("{n} found"),
    N_("no actor found"),
    N_("show {label}"),
    # legend
    N_("Sectors"),
    N_("Colour: {name}"),
    N_("Ties"),
    N_("Marks"),
    N_("Change"),
    N_("Node size: {name} (larger = higher)"),
    N_("Node size: all equal"),
    N_("Labels: the largest actors; hover or zoom in to read the others."),
    N_("Some separate groups' captions are hidden for lack of room: zoom in to read them."),
    N_("organisation"),
    N_("person"),
    N_("hybrid actor (spans several worlds): thick black ring"),
    N_("trusted intermediary: black star badge"),
    N_("both hybrid and trusted intermediary: ring and star"),
    N_("disconnected group: dashed outline"),
    N_("suggested introduction: dashed missing link, go-between in a yellow halo"),
    N_("separate group ({n} actors)"),
    N_("unknown sector"),
    N_("negative tie (other relations)"),
    N_("ties between groups"),
    # tooltips and the explain panel (the relations' names are alliances.model.relation_name's)
    N_("trust"),  # a tie's trust value, not the relation
    N_("hybrid actor"),
    N_("trusted intermediary"),
    N_("Why this actor"),
    N_("Worlds"),
    N_("Themes"),
    N_("Main members"),
    N_("Measures"),
    N_("Ties ({n})"),
    N_("weight"),
    N_("negative"),
    N_("yes"),
    N_("no"),
    N_("Suggested introduction"),
    N_("go-between: {name}"),
    N_("nobody in the data reaches both"),
    N_("Introductions ({n})"),
    # the events view (templates/events.js, events.py)
    N_("View"),
    N_("Show actors only, or actors and events"),
    N_("Actors"),
    N_("Actors and events"),
    N_("Events"),
    N_("show events of type {label}"),
    N_("(no type)"),
    N_("from"),
    N_("to"),
    N_("events from this date"),
    N_("events up to this date"),
    N_("{n} without a date: hidden when a date is set"),
    N_("{n} of {total} events shown"),
    N_("{n} participants"),
    N_("{n} worlds"),
    N_("Place type"),
    N_("Diversity"),
    N_("Participants ({n})"),
    N_("Events ({n})"),
    N_("Event size: number of worlds gathered (larger = more)"),
    # the change map (change.py)
    N_("gained"),
    N_("kept"),
    N_("lost"),
    N_('gained: new in {name}'),
    N_('gained: in {name}'),
    N_('lost: not in {name}'),
    N_('lost: in {name}'),
    N_('kept: in both waves'),
    N_('kept: in {name}'),
    N_('only in {name}'),
    N_('in {name} only'),
    N_('Change: {first} → {last}'),
    N_('Change over {n} waves: {first} → {last}'),
    N_('gained (not in {first}, in {last})'),
    N_('kept (in {first} and {last})'),
    N_('lost (in {first}, not in {last})'),
    N_('only in a middle wave'),
    N_('in every wave'),
    N_('appeared: not in {first}'),
    N_('left: not in {last}'),
    N_('in some waves only'),
    N_('Change {first} → {last}'),
    N_('Node size: most partners in one wave'),
    N_('change {first} → {last}'),
    N_('{name} only'),
    N_('This map shows the {n} actors with the most partners in one wave out of {total}, and the ties among them. Draw them all with max_nodes=None.'),
    N_('It draws the {n} strongest ties out of {total}; use max_edges=None to draw them all.'),
    N_('Counts in the legend are of what is drawn.'),
    # measures (columns of the actor table)
    N_("betweenness"),
    N_("constraint"),
    N_("effective_size"),
    N_("participation"),
    N_("worlds"),
    N_("hybrid_score"),
    N_("intermediary_score"),
    N_("key_score"),
    N_("trust_received"),
    N_("brokerage_total"),
    N_("degree"),
    N_("in_degree"),
    N_("out_degree"),
    N_("component"),
    N_("cluster"),
    N_("cluster {name}"),
    N_("actors"),
    N_("ties inside"),
    N_("sector: {name}"),
    N_("mostly {name}"),
    N_("{n} actors"),
    N_("{n} ties"),
    N_("{n} conflict ties"),
    N_("Groups, coloured by their main {name}"),
    N_("one square per {name}, sized by its number of actors"),
    N_("{n} {name} groups, {m} actors"),
    # what the map left out
    N_("This map shows the {n} actors with the highest {name} out of {total}. "
       "Draw them all with max_nodes=None, or see the overview with group='cluster'."),
    N_("This map shows the {n} actors with the most ties out of {total}. "
       "Draw them all with max_nodes=None, or see the overview with group='cluster'."),
    N_("It draws the {n} strongest ties among them out of {total}; use max_edges=None to draw "
       "them all."),
    # static figure
    N_("Labelled: {n} of {total} actors (the most important of each group first; the others "
       "left out so that no labels overlap)"),
    N_("hybrid actor (thick ring)"),
    N_("trusted intermediary (star)"),
    # Jupyter: what a notebook shows where JupyterLab's sanitizer removed the map's frame
    N_("Interactive map: run the cell (or trust the notebook) to display it."),
)

_KNOWN = frozenset(MESSAGES)


def ui_text(message: str, lang: str | None = None, **values: Any) -> str:
    """``message`` (one of :data:`MESSAGES`) in ``lang``, with ``{name}`` fields filled in.

    Examples
    --------
    >>> ui_text("{n} found", "fr", n=3), ui_text("Ties", "en")
    ('3 trouvé(s)', 'Ties')
    """
    if message not in _KNOWN:
        raise KeyError(f"{message!r} is not an interface text of the maps: add it to "
                       "alliances.maps.text.MESSAGES and to the alliances-map catalogue")
    text = gettext(message, resolve_lang(lang), domain=DOMAIN)
    return text.format(**values) if values else text


@cache
def ui_texts(lang: str | None = None) -> dict[str, str]:
    """Every interface text in ``lang``, keyed by its English message (what the map's script reads)."""
    code = resolve_lang(lang)
    return {m: gettext(m, code, domain=DOMAIN) for m in MESSAGES}


def relation_label(relation: str, lang: str | None = None) -> str:
    """The name of a relation as the legend shows it (a relation outside the vocabulary as written)."""
    return relation_name(relation, lang)


def measure_label(column: str, lang: str | None = None) -> str:
    """The name of an actor-table column as the map shows it (a column it does not know as written)."""
    return ui_text(column, lang) if column in _KNOWN else column
