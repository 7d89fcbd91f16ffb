"""Colours, shapes and line styles shared by the interactive and the static map.

Sectors are coloured with the Okabe-Ito palette (Okabe & Ito 2008), readable
by people with the common forms of colour-vision deficiency; user-defined
sectors beyond the default vocabulary take Paul Tol's "muted" colours, then
cycle. Relations are told apart by line style as well as colour, so the
legend still works in greyscale print. Conflict ties are dashed red.

References
----------
Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make
figures and presentations that are friendly to colorblind people.
https://jfly.uni-koeln.de/color/

Tol, P. (2021). Colour schemes. SRON technical note SRON/EPS/TN/09-002.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from alliances.model import DEFAULT_RELATION, RELATIONS, SECTORS, tie_sign

__all__ = [
    "EDGE_STYLES",
    "MARKS",
    "NEGATIVE_EDGE",
    "SECTOR_COLORS",
    "SHAPES",
    "UNKNOWN_COLOR",
    "EdgeStyle",
    "edge_style",
    "sector_colors",
    "sector_label",
]

#: Okabe-Ito colours for the default sectors.
SECTOR_COLORS: dict[str, str] = {
    "public": "#0072B2",  # blue
    "company": "#E69F00",  # orange
    "association": "#009E73",  # bluish green
    "research": "#CC79A7",  # reddish purple
    "citizen": "#F0E442",  # yellow
    "intermediary": "#56B4E9",  # sky blue
    "other": "#999999",  # grey
}

#: Colour of actors whose sector is unknown.
UNKNOWN_COLOR = "#DDDDDD"

#: Label used in legends for actors without a sector.
UNKNOWN_LABEL = "unknown sector"

# Tol "muted" scheme, for sectors outside the default vocabulary.
_EXTRA_COLORS = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499",
)

#: vis-network shape and matplotlib marker by actor kind.
SHAPES: dict[str, tuple[str, str]] = {
    "organisation": ("dot", "o"),
    "person": ("diamond", "D"),
    "cluster": ("square", "s"),
}

#: How hybrids and trusted intermediaries are marked (legend text, border).
MARKS: dict[str, dict[str, Any]] = {
    "hybrid": {
        "label": "hybrid actor (spans several worlds): thick black border",
        "border": "#000000",
        "width": 4,
        "dashes": False,
    },
    "intermediary": {
        "label": "trusted intermediary: dashed black border",
        "border": "#000000",
        "width": 3,
        "dashes": [4, 3],
    },
}


@dataclass(frozen=True)
class EdgeStyle:
    """Line style of one relation.

    ``dashes`` is the vis-network dash pattern (False for a solid line);
    ``mpl`` is the matching matplotlib linestyle.
    """

    color: str
    dashes: Any
    mpl: Any
    arrows: bool = True


#: Line style by relation (directed relations get arrows).
EDGE_STYLES: dict[str, EdgeStyle] = {
    "collaboration": EdgeStyle("#4D4D4D", False, "solid"),
    "information": EdgeStyle("#56B4E9", [2, 4], (0, (1, 2))),  # Okabe-Ito sky blue, dotted
    "funding": EdgeStyle("#332288", False, "solid"),
    "trust": EdgeStyle("#117733", False, "solid"),
    "conflict": EdgeStyle("#CC3311", [8, 6], (0, (5, 3))),
    "co-participation": EdgeStyle("#B0B0B0", False, "solid", arrows=False),
    "mention": EdgeStyle("#999999", [1, 4], (0, (1, 3))),
}
_OTHER_EDGE = EdgeStyle("#E69F00", [6, 3], (0, (4, 2)))  # Okabe-Ito orange, dashed
# a tie that names no relation (a hand-built Graph or DiGraph) is drawn as a plain line
_DEFAULT_EDGE = EdgeStyle("#4D4D4D", False, "solid")

#: Line style of every negative tie (see :func:`alliances.model.tie_sign`), whatever its relation.
NEGATIVE_EDGE = EdgeStyle("#CC3311", [8, 6], (0, (5, 3)))

assert set(EDGE_STYLES) == set(RELATIONS), "every relation of the vocabulary needs a style"


def edge_style(relation: Any, sign: Any = 1) -> EdgeStyle:
    """Return the line style of a tie.

    Negative ties (:func:`alliances.model.tie_sign` of ``sign`` and
    ``relation`` is -1: a negative interview mention, ``sign=-2``, or a
    ``conflict`` with ``sign=None``) are drawn like conflicts
    (:data:`NEGATIVE_EDGE`), whatever their relation. A tie without a relation
    (:data:`alliances.model.DEFAULT_RELATION`) is a plain solid line.

    Examples
    --------
    >>> edge_style("conflict").dashes
    [8, 6]
    >>> edge_style("mention", sign=-1).color, edge_style("mention", sign=-2).color
    ('#CC3311', '#CC3311')
    >>> edge_style("co-participation").arrows
    False
    """
    if tie_sign({"sign": sign}, relation) < 0:
        return NEGATIVE_EDGE
    if relation == DEFAULT_RELATION:
        return _DEFAULT_EDGE
    return EDGE_STYLES.get(str(relation), _OTHER_EDGE)


def sector_colors(sectors: Iterable[Any]) -> dict[Any, str]:
    """Assign a colour to every sector value found on a map.

    Default sectors keep their fixed colour (the same sector always has the
    same colour from one map to the next); other values are sorted and take
    the extra colours in turn; ``None`` is light grey.

    Parameters
    ----------
    sectors : iterable
        Sector values (codes, user labels or None); duplicates are fine.

    Returns
    -------
    dict
        Sector value -> ``#RRGGBB``.

    Examples
    --------
    >>> sector_colors(["company", None, "Chambre d'agriculture"])
    {'company': '#E69F00', "Chambre d'agriculture": '#332288', None: '#DDDDDD'}
    """
    values = set(sectors)
    out: dict[Any, str] = {s: SECTOR_COLORS[s] for s in SECTORS if s in values}
    extras = sorted(str(s) for s in values if s is not None and s not in SECTOR_COLORS)
    for i, s in enumerate(extras):
        out[s] = _EXTRA_COLORS[i % len(_EXTRA_COLORS)]
    if None in values:
        out[None] = UNKNOWN_COLOR
    return out


def sector_label(sector: Any) -> str:
    """Return the legend label of a sector value.

    Examples
    --------
    >>> sector_label("public")
    'public authority'
    >>> sector_label(None)
    'unknown sector'
    >>> sector_label("Chambre d'agriculture")
    "Chambre d'agriculture"
    """
    if sector is None:
        return UNKNOWN_LABEL
    return SECTORS.get(sector, str(sector))
