"""Colours, shapes and line styles shared by the interactive and the static map.

Sectors are coloured with the Okabe-Ito palette (Okabe & Ito 2008), readable
by people with the common forms of colour-vision deficiency; user-defined
sectors beyond the default vocabulary take Paul Tol's "muted" colours, then
cycle. Relations are told apart by line style as well as colour, so the
legend still works in greyscale print. Negative ties are dashed in warm
colours (conflict vermillion, other negative ties reddish purple).

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

from alliances.model import (
    DEFAULT_RELATION,
    NEGATIVE_RELATIONS,
    RELATIONS,
    SECTOR_LABELS_FR,
    SECTORS,
    tie_sign,
)

__all__ = [
    "EDGE_STYLES",
    "GROUP_OUTLINE",
    "INTRODUCTION",
    "MARKS",
    "NEGATIVE_EDGE",
    "OTHER_EDGE",
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

#: How hybrids and trusted intermediaries are marked: two marks that combine.
#: A hybrid has a thick black ring (its border); a trusted intermediary
#: carries a black star badge at its upper right; an actor that is both has
#: the ring and the star.
MARKS: dict[str, dict[str, Any]] = {
    "hybrid": {
        "label": "hybrid actor (spans several worlds): thick black ring",
        "border": "#000000",
        "width": 5,
        "dashes": False,
    },
    "intermediary": {
        "label": "trusted intermediary: black star badge",
        "badge": "star",
        "color": "#000000",
        "outline": "#FFFFFF",
    },
}

#: Outline of a disconnected group (a connected component other than the largest).
GROUP_OUTLINE = {"color": "#777777", "dashes": [6, 4], "width": 1.5}
#: A suggested introduction: dashed black "missing link", the go-between in a yellow halo.
INTRODUCTION = {"color": "#000000", "dashes": [3, 7], "width": 3, "halo": "#F0E442"}


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


# Every relation differs from every other in colour AND in dash pattern, so
# the map reads in greyscale and with any common colour-vision deficiency
# (tests/test_maps.py simulates them with Machado et al. 2009 and requires
# a minimum colour distance). Colours are Okabe-Ito's, plus two greys.
# Negative ties are the only dashed lines in warm colours: conflict
# vermillion long dashes, any other negative tie reddish-purple short dashes.
#: Line style by relation (directed relations get arrows).
EDGE_STYLES: dict[str, EdgeStyle] = {
    "collaboration": EdgeStyle("#4D4D4D", False, "solid"),  # dark grey, solid
    "information": EdgeStyle("#56B4E9", [2, 4], (0, (1, 2))),  # sky blue, dotted
    "funding": EdgeStyle("#0072B2", [14, 5], (0, (7, 2.5))),  # blue, long dashes
    "trust": EdgeStyle("#009E73", [10, 4, 2, 4], (0, (5, 2, 1, 2))),  # bluish green, dash-dot
    "conflict": EdgeStyle("#D55E00", [8, 6], (0, (4, 3))),  # vermillion, dashes
    "co-participation": EdgeStyle("#BBBBBB", [1, 2], (0, (0.5, 1)), arrows=False),  # light grey, fine dots
    "mention": EdgeStyle("#E69F00", [6, 3, 1, 3, 1, 3], (0, (3, 1.5, 0.5, 1.5, 0.5, 1.5))),  # orange, dash-dot-dot
}
#: A relation outside the vocabulary: black, short dashes.
OTHER_EDGE = EdgeStyle("#000000", [5, 2], (0, (2.5, 1)))
# a tie that names no relation (a hand-built Graph or DiGraph) is drawn as a plain line
_DEFAULT_EDGE = EdgeStyle("#4D4D4D", False, "solid")

#: Line style of a negative tie (see :func:`alliances.model.tie_sign`) whose
#: relation is not itself negative: reddish purple, short dashes (a conflict
#: keeps the conflict style, vermillion dashes).
NEGATIVE_EDGE = EdgeStyle("#CC79A7", [3, 4], (0, (1.5, 2)))

assert set(EDGE_STYLES) == set(RELATIONS), "every relation of the vocabulary needs a style"


def edge_style(relation: Any, sign: Any = 1) -> EdgeStyle:
    """Return the line style of a tie.

    A conflict is drawn in the conflict style; any other negative tie
    (:func:`alliances.model.tie_sign` of ``sign`` and ``relation`` is -1: a
    negative interview mention, a collaboration with ``sign=-2``) in
    :data:`NEGATIVE_EDGE`, whatever its relation. A tie without a relation
    (:data:`alliances.model.DEFAULT_RELATION`) is a plain solid line.

    Examples
    --------
    >>> edge_style("conflict").dashes, edge_style("conflict", sign=None).color
    ([8, 6], '#D55E00')
    >>> edge_style("mention", sign=-1).color, edge_style("mention", sign=-2).dashes
    ('#CC79A7', [3, 4])
    >>> edge_style("co-participation").arrows
    False
    """
    if tie_sign({"sign": sign}, relation) < 0:
        return EDGE_STYLES["conflict"] if relation in NEGATIVE_RELATIONS else NEGATIVE_EDGE
    if relation == DEFAULT_RELATION:
        return _DEFAULT_EDGE
    return EDGE_STYLES.get(str(relation), OTHER_EDGE)


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


def sector_label(sector: Any, lang: str | None = "en") -> str:
    """Return the legend label of a sector value, in ``lang`` (``"en"`` or ``"fr"``).

    The labels of the default sectors are :data:`alliances.model.SECTORS`
    (English) and :data:`alliances.model.SECTOR_LABELS_FR` (French); a
    user's own sector is shown as written.

    Examples
    --------
    >>> sector_label("public")
    'public authority'
    >>> sector_label(None)
    'unknown sector'
    >>> sector_label("Chambre d'agriculture")
    "Chambre d'agriculture"
    >>> sector_label("public", "fr"), sector_label(None, "fr")
    ('collectivité / acteur public', 'secteur inconnu')
    """
    from alliances.i18n import resolve_lang
    from alliances.maps.text import ui_text

    code = resolve_lang(lang)
    if sector is None:
        return ui_text(UNKNOWN_LABEL, code)
    if code == "fr":
        return SECTOR_LABELS_FR.get(sector, str(sector))
    return SECTORS.get(sector, str(sector))
