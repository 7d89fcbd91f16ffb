"""The actor graph: schema, vocabularies, table conversion and merging.

The actor graph is a plain :class:`networkx.MultiDiGraph`, so every networkx
algorithm works on it. This module is the single place that says what its
nodes and edges carry; importers build it, analyses read it.

Nodes (actors), keyed by a stable id, the slug of the canonical name
(:func:`actor_id`):

=============  ===============  =====================================================
attribute      type             meaning
=============  ===============  =====================================================
``label``      str              display name (the most common original spelling)
``sector``     str or None      primary world (see :data:`SECTORS`); None if unknown
``sectors``    tuple of str     every world the actor declares (hybrids have several)
``kind``       str              ``"organisation"`` or ``"person"``
``territory``  str or None      commune, group of communes, park, region...
``themes``     tuple of str     themes the actor works on
``respondent`` bool             True if the actor answered the survey
=============  ===============  =====================================================

Edges (ties) go from the reporting actor to the actor it names, keyed by the
relation, so two actors can hold a collaboration and a trust tie at once:

=============  ===============  =====================================================
attribute      type             meaning
=============  ===============  =====================================================
``relation``   str              same as the edge key (see :data:`RELATIONS`)
``weight``     float            tie strength from frequency (see :data:`FREQUENCY_WEIGHTS`)
``trust``      float or None    trust normalised to 0..1; None when not asked
``sign``       int              +1, or -1 for conflict and negative mentions
``origin``     str              ``survey``, ``interview``, ``affiliation`` or ``table``;
                                several joined with ``+`` after a merge
``evidence``   tuple            :class:`Evidence` records (file, line, quote)
=============  ===============  =====================================================

Undirected relations (``co-participation`` from affiliation lists) are
stored as two reciprocal arcs.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any, NamedTuple

import networkx as nx
import pandas as pd

from alliances.errors import InputError, Problem

__all__ = [
    "ACTOR_ATTRIBUTES",
    "FREQUENCY_WEIGHTS",
    "KINDS",
    "NEGATIVE_RELATIONS",
    "RELATIONS",
    "RELATION_SYNONYMS",
    "SECTORS",
    "SECTOR_LABELS",
    "SECTOR_SYNONYMS",
    "TIE_ATTRIBUTES",
    "UNDIRECTED_RELATIONS",
    "Evidence",
    "actor_id",
    "canonical_relation",
    "canonical_sector",
    "from_frames",
    "merge",
    "merge_into",
    "normalize_text",
    "to_frames",
]

# --------------------------------------------------------------------------- vocabularies

#: Default sector vocabulary ("worlds"): canonical code -> English label.
SECTORS: dict[str, str] = {
    "public": "public authority",
    "company": "company",
    "association": "association / social economy",
    "research": "research / education",
    "citizen": "citizen / informal group",
    "intermediary": "intermediary / support organisation",
    "other": "other",
}

#: French display labels of the default sectors.
SECTOR_LABELS_FR: dict[str, str] = {
    "public": "collectivité / acteur public",
    "company": "entreprise",
    "association": "association / ESS",
    "research": "recherche / enseignement",
    "citizen": "citoyens / collectif informel",
    "intermediary": "intermédiaire / structure d'accompagnement",
    "other": "autre",
}

SECTOR_LABELS = SECTORS

# Synonyms seen in field files, compared after normalize_text(). Users may bring
# their own sector labels: anything not found here is kept as written.
_SECTOR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "public": (
        "public", "public authority", "public body", "local authority", "authority",
        "government", "municipality", "collectivite", "collectivite territoriale",
        "collectivite locale", "acteur public", "public / collectivite", "commune",
        "mairie", "epci", "intercommunalite", "communaute de communes",
        "communaute d agglomeration", "agglomeration", "syndicat", "etat", "administration",
        "parc naturel regional", "service public", "collectivite / acteur public",
        "etablissement public",
    ),
    "company": (
        "company", "business", "firm", "enterprise", "private", "private sector",
        "entreprise", "entreprises", "grande entreprise", "grand groupe", "pme", "tpe",
        "pme / tpe", "start-up", "startup", "start up", "commerce", "commercant",
        "commercants", "artisan", "secteur prive", "prive", "sme", "large company",
        "micro-entreprise", "micro entreprise",
    ),
    "association": (
        "association", "associations", "social economy", "social enterprise",
        "association / social economy", "ngo", "non-profit", "nonprofit", "ess",
        "economie sociale et solidaire", "association / ess", "cooperative", "scop",
        "scic", "entreprise sociale", "structure d insertion", "siae", "tiers secteur",
    ),
    "research": (
        "research", "research / education", "education", "university", "academic",
        "recherche", "universite", "laboratoire", "enseignement", "ecole",
        "recherche / enseignement", "recherche-action", "lycee", "college",
        "enseignement superieur", "researcher", "chercheur",
    ),
    "citizen": (
        "citizen", "citizens", "citizen / informal group", "informal group", "resident",
        "residents", "citoyen", "citoyens", "habitant", "habitants", "collectif",
        "collectif informel", "citoyens / collectif informel", "conseil citoyen",
        "conseil de jeunes", "conseil des jeunes", "conseil des seniors",
        "conseil des sages", "famille", "familles", "usager", "usagers",
    ),
    "intermediary": (
        "intermediary", "intermediary / support organisation", "support organisation",
        "support organization", "facilitator", "network", "third place",
        "intermediaire", "intermediaires", "tiers de confiance", "tiers-lieu",
        "tiers lieu", "tiers-lieux", "reseau", "structure d accompagnement",
        "accompagnement", "animateur", "facilitateur",
        "intermediaire / structure d accompagnement", "chambre consulaire", "cci",
        "chambre de commerce", "agence de developpement",
    ),
    "other": ("other", "autre", "autres", "divers"),
}

#: Relation vocabulary: canonical name -> description.
RELATIONS: dict[str, str] = {
    "collaboration": "works with, runs projects together",
    "information": "exchanges information, advice",
    "funding": "funds or is funded by",
    "trust": "trusts",
    "conflict": "disagrees with, is in conflict with (negative tie)",
    "co-participation": "took part in the same committee, workshop or event (undirected)",
    "mention": "mentioned in an interview",
}

_RELATION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "collaboration": (
        "collaboration", "collaborate", "works with", "work with", "cooperation",
        "cooperation", "partenariat", "partenaire", "partnership", "travail en commun",
        "travaille avec", "projet commun", "co-construction", "cooperer", "collaborer",
        "projet", "project", "joint project",
    ),
    "information": (
        "information", "info", "informations", "echange d information",
        "echange d informations", "echanges d information", "advice", "conseil",
        "conseils", "information exchange", "echange", "echanges", "veille",
    ),
    "funding": (
        "funding", "fund", "finance", "financing", "financement", "financeur",
        "subvention", "subventions", "mecenat", "sponsoring", "achat", "purchase",
    ),
    "trust": ("trust", "confiance", "relation de confiance"),
    "conflict": (
        "conflict", "conflit", "tension", "tensions", "desaccord", "opposition",
        "disagreement", "rivalry", "rivalite", "concurrence", "competition",
    ),
    "co-participation": (
        "co-participation", "coparticipation", "co participation", "affiliation",
        "participation", "co-presence",
    ),
    "mention": ("mention", "mentioned", "cite", "citation", "evoque"),
}

#: Spellings recognised for each default sector (compared after :func:`normalize_text`).
SECTOR_SYNONYMS: dict[str, tuple[str, ...]] = _SECTOR_SYNONYMS

#: Spellings recognised for each default relation (compared after :func:`normalize_text`).
RELATION_SYNONYMS: dict[str, tuple[str, ...]] = _RELATION_SYNONYMS

#: Relations whose ties are negative (sign -1): never bridges, never trust.
NEGATIVE_RELATIONS: frozenset[str] = frozenset({"conflict"})

#: Relations stored as two reciprocal arcs.
UNDIRECTED_RELATIONS: frozenset[str] = frozenset({"co-participation"})

#: Frequency answers -> tie weight. 1 = once a year or less ... 5 = daily.
#: Numbers in the file are used as they are.
FREQUENCY_WEIGHTS: dict[str, float] = {
    # English
    "never": 0.0, "rarely": 1.0, "yearly": 1.0, "once a year": 1.0, "annually": 1.0,
    "a few times a year": 2.0, "several times a year": 2.0, "quarterly": 2.0,
    "monthly": 3.0, "every month": 3.0, "once a month": 3.0,
    "weekly": 4.0, "every week": 4.0, "once a week": 4.0,
    "daily": 5.0, "every day": 5.0,
    # French (compared without accents, lower case)
    "jamais": 0.0, "rarement": 1.0, "annuel": 1.0, "annuelle": 1.0, "une fois par an": 1.0,
    "moins d une fois par an": 1.0, "ponctuel": 1.0, "ponctuellement": 1.0,
    "quelques fois par an": 2.0, "plusieurs fois par an": 2.0, "trimestriel": 2.0,
    "trimestrielle": 2.0, "occasionnel": 2.0, "occasionnellement": 2.0,
    "mensuel": 3.0, "mensuelle": 3.0, "tous les mois": 3.0, "une fois par mois": 3.0,
    "chaque mois": 3.0, "regulier": 3.0, "regulierement": 3.0,
    "hebdomadaire": 4.0, "toutes les semaines": 4.0, "une fois par semaine": 4.0,
    "chaque semaine": 4.0, "souvent": 4.0,
    "quotidien": 5.0, "quotidienne": 5.0, "tous les jours": 5.0, "chaque jour": 5.0,
}

KINDS: tuple[str, ...] = ("organisation", "person")
ORIGINS: tuple[str, ...] = ("survey", "interview", "affiliation", "table")

#: Node attributes every actor has, with their defaults.
ACTOR_ATTRIBUTES: dict[str, Any] = {
    "label": None,  # defaults to the id
    "sector": None,
    "sectors": (),
    "kind": "organisation",
    "territory": None,
    "themes": (),
    "respondent": False,
}

#: Edge attributes every tie has, with their defaults.
TIE_ATTRIBUTES: dict[str, Any] = {
    "relation": None,  # same as the key
    "weight": 1.0,
    "trust": None,
    "sign": 1,
    "origin": "table",
    "evidence": (),
}

_TUPLE_NODE_ATTRS = ("sectors", "themes")
# counts carried by ties that add up when the same tie is reported in several graphs
_SUMMED_TIE_ATTRS = frozenset({"count", "mentions", "rows"})


class Evidence(NamedTuple):
    """Where a tie comes from: a file, its physical line, and a quote if any.

    Examples
    --------
    >>> Evidence("survey.csv", 12)
    Evidence(file='survey.csv', line=12, quote=None)
    >>> str(Evidence("interviews.csv", 3, "on se comprend"))
    'interviews.csv:3 "on se comprend"'
    """

    file: str
    line: int | None = None
    quote: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f'{where} "{self.quote}"' if self.quote else where


# --------------------------------------------------------------------------- names

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ˈ": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+|_+")
# one table for both (their keys and values do not overlap: same result as in turn)
_FOLD = {**_APOSTROPHES, **_LIGATURES}
_FOLDED = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
# NFKD text whose only non-ASCII characters are the common combining accents
# (U+0300..U+036F, all of combining class > 0 but U+034F): dropping them is
# dropping every non-ASCII character
_NOT_PLAIN = re.compile("[^\x00-\x7f\u0300-\u034e\u0350-\u036f]")
# ASCII bytes: letters and digits lower-cased, anything else (``_`` too) a space,
# which is what the regular path does to ASCII text (``\w`` there is [A-Za-z0-9_])
_ASCII_FOLD = bytes((c | 0x20 if 65 <= c <= 90 else c) if chr(c).isalnum() else 32
                    for c in range(128)) + b" " * 128
_COMBINING: dict[int, None] | None = None  # built on first need (a scan of all of Unicode)


def _combining() -> dict[int, None]:
    global _COMBINING
    if _COMBINING is None:
        _COMBINING = dict.fromkeys(c for c in range(0x300, 0x110000)
                                   if unicodedata.combining(chr(c)))
    return _COMBINING


def normalize_text(text: str) -> str:
    """Lower-case, strip accents, apostrophes and punctuation, collapse spaces.

    This is how names, headers and vocabulary are compared. The steps: NFKC,
    curly apostrophes to ``'`` and ligatures spelt out (``œ`` -> ``oe``),
    NFKD, combining marks dropped, case folded, every run of characters that
    are not letters or digits (``_`` included) one space, spaces trimmed.

    Examples
    --------
    >>> normalize_text("  MAIRIE D’ANTONY ")
    'mairie d antony'
    >>> normalize_text("Cœur de Ville — Vélo!")
    'coeur de ville velo'
    """
    return _normalize(text if type(text) is str else str(text))


@functools.lru_cache(maxsize=1 << 18)  # the same names come back in every file
def _normalize(text: str) -> str:
    # ASCII text and French text (accents only) take a bytes path, the rest
    # the general one; both give exactly the steps of the docstring
    if text.isascii():
        data = text.encode("ascii")
    else:
        text = unicodedata.normalize("NFKC", text)
        if _FOLDED.search(text):
            text = text.translate(_FOLD)
        text = unicodedata.normalize("NFKD", text)
        if _NOT_PLAIN.search(text):
            text = _NON_WORD.sub(" ", text.translate(_combining()).casefold())
            # only word characters and spaces are left, and no word character is a space
            return " ".join(text.split())
        data = text.encode("ascii", "ignore")
    return b" ".join(data.translate(_ASCII_FOLD).split()).decode("ascii")


def actor_id(name: str) -> str:
    """Return the stable actor id of a name: the slug of its normalised form.

    Two spellings that differ only by case, accents, spacing, apostrophes or
    punctuation get the same id, so they are the same actor.

    Raises
    ------
    ValueError
        If the name has no letter or digit at all.

    Examples
    --------
    >>> actor_id("Mairie d'Antony")
    'mairie-d-antony'
    >>> actor_id("MAIRIE D’ANTONY ") == actor_id("mairie d antony")
    True
    """
    slug = normalize_text(name).replace(" ", "-")
    if not slug:
        raise ValueError(f"{name!r} has no letter or digit: it cannot name an actor")
    return slug


def canonical_sector(value: str | None) -> str | None:
    """Map a sector as written in a file to the default vocabulary.

    Returns the canonical code (a key of :data:`SECTORS`), the stripped text as
    written when it is not a known synonym (users may bring their own worlds),
    or None for an empty cell.

    Examples
    --------
    >>> canonical_sector("Collectivité")
    'public'
    >>> canonical_sector("PME")
    'company'
    >>> canonical_sector("Fablab")
    'Fablab'
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    key = normalize_text(text)
    return _SECTOR_LOOKUP.get(key, text)


def canonical_relation(value: str | None) -> str | None:
    """Map a relation as written in a file to the default vocabulary.

    Unknown relations are kept (lower-cased and stripped) as the user's own.

    Examples
    --------
    >>> canonical_relation("Échange d'informations")
    'information'
    >>> canonical_relation("Conflit")
    'conflict'
    >>> canonical_relation("Mutualisation")
    'mutualisation'
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    key = normalize_text(text)
    return _RELATION_LOOKUP.get(key, " ".join(text.lower().split()))


_SECTOR_LOOKUP = {normalize_text(s): code for code, syn in _SECTOR_SYNONYMS.items() for s in syn}
_SECTOR_LOOKUP.update({normalize_text(label): code for code, label in SECTORS.items()})
_SECTOR_LOOKUP.update({normalize_text(label): code for code, label in SECTOR_LABELS_FR.items()})
_RELATION_LOOKUP = {normalize_text(s): code for code, syn in _RELATION_SYNONYMS.items() for s in syn}


# --------------------------------------------------------------------------- frames

def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    kind = type(value)
    if kind is str or kind is tuple or kind is int or kind is bool:
        return False  # what pd.isna says, without its cost (merge_into asks millions of times)
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (tuple, list, set, dict)) else False
    except (TypeError, ValueError):
        return False


def _as_tuple(value: Any) -> tuple:
    if _is_missing(value):
        return ()
    if isinstance(value, tuple):
        return value
    if isinstance(value, (list, set, frozenset)):
        return tuple(value)
    if isinstance(value, str):
        parts = [p.strip() for p in re.split(r"[|;]", value)]
        return tuple(p for p in parts if p)
    return (value,)


def _plain(value: Any) -> Any:
    """numpy scalars -> Python scalars, NaN -> None (networkx and JSON want plain values)."""
    if _is_missing(value):
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes, tuple)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def to_frames(G: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split an actor graph into an actor table and a tie table.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An actor graph (plain ``Graph``/``DiGraph`` also accepted).

    Returns
    -------
    actors : pandas.DataFrame
        Indexed by actor id (index name ``id``), one column per node attribute.
        ``G.graph`` is kept in ``actors.attrs["graph"]``.
    ties : pandas.DataFrame
        Columns ``source, target, relation, weight, trust, sign, origin,
        evidence`` and any other edge attribute, one row per tie.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A", sector="public")
    >>> G.add_edge("a", "b", key="collaboration", relation="collaboration", weight=3.0)
    'collaboration'
    >>> actors, ties = to_frames(G)
    >>> list(actors.index), actors.loc["b", "label"]
    (['a', 'b'], 'b')
    >>> ties[["source", "target", "relation", "weight", "sign"]].to_dict("records")
    [{'source': 'a', 'target': 'b', 'relation': 'collaboration', 'weight': 3.0, 'sign': 1}]
    """
    node_rows = []
    extra_node_cols: list[str] = []
    for node, data in G.nodes(data=True):
        row = _complete_actor(node, data)
        for key in data:
            if key not in ACTOR_ATTRIBUTES and key not in extra_node_cols:
                extra_node_cols.append(key)
        node_rows.append(row)
    node_cols = list(ACTOR_ATTRIBUTES) + extra_node_cols
    actors = pd.DataFrame.from_records(
        [[row.get(c) for c in node_cols] for row in node_rows],
        columns=node_cols,
        index=pd.Index([n for n in G.nodes], name="id", dtype=object),
    ).astype(object)
    actors.attrs["graph"] = dict(G.graph)

    tie_rows = []
    extra_tie_cols: list[str] = []
    if G.is_multigraph():
        edge_iter = G.edges(keys=True, data=True)
    else:
        edge_iter = ((u, v, d.get("relation", "collaboration"), d) for u, v, d in G.edges(data=True))
    for u, v, key, data in edge_iter:
        row = _complete_tie(key, data)
        row["source"], row["target"] = u, v
        for k in data:
            if k not in TIE_ATTRIBUTES and k not in extra_tie_cols:
                extra_tie_cols.append(k)
        tie_rows.append(row)
    tie_cols = ["source", "target", *TIE_ATTRIBUTES, *extra_tie_cols]
    ties = pd.DataFrame.from_records(
        [[row.get(c) for c in tie_cols] for row in tie_rows], columns=tie_cols
    ).astype(object)
    if len(ties):
        ties["weight"] = ties["weight"].astype(float)
        ties["sign"] = ties["sign"].astype(int)
    return actors, ties


def _complete_actor(node: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    row = {k: data.get(k, default) for k, default in ACTOR_ATTRIBUTES.items()}
    row.update({k: v for k, v in data.items() if k not in ACTOR_ATTRIBUTES})
    if _is_missing(row["label"]):
        row["label"] = str(node)
    for key in _TUPLE_NODE_ATTRS:
        row[key] = _as_tuple(row[key])
    if not row["sectors"] and not _is_missing(row["sector"]):
        row["sectors"] = (row["sector"],)
    if _is_missing(row["sector"]) and row["sectors"]:
        row["sector"] = row["sectors"][0]
    row["respondent"] = bool(row["respondent"]) if not _is_missing(row["respondent"]) else False
    return row


def _complete_tie(key: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    row = {k: data.get(k, default) for k, default in TIE_ATTRIBUTES.items()}
    row.update({k: v for k, v in data.items() if k not in TIE_ATTRIBUTES})
    if _is_missing(row["relation"]):
        row["relation"] = key
    if _is_missing(row["weight"]):
        row["weight"] = 1.0
    if _is_missing(row["trust"]):
        row["trust"] = None
    if "sign" not in data or _is_missing(row["sign"]):
        row["sign"] = -1 if row["relation"] in NEGATIVE_RELATIONS else 1
    if _is_missing(row["origin"]):
        row["origin"] = "table"
    row["evidence"] = _as_evidence(row["evidence"])
    return row


def _as_evidence(value: Any) -> tuple[Evidence, ...]:
    if _is_missing(value) or value == "":
        return ()
    if isinstance(value, Evidence):
        return (value,)
    if isinstance(value, str):
        return tuple(Evidence(part.strip()) for part in value.split("|") if part.strip())
    out = []
    for item in value:
        if isinstance(item, Evidence):
            out.append(item)
        elif isinstance(item, Mapping):
            out.append(Evidence(str(item.get("file", "")), item.get("line"), item.get("quote")))
        elif isinstance(item, (tuple, list)):
            out.append(Evidence(*item))
        else:
            out.append(Evidence(str(item)))
    return tuple(out)


def from_frames(
    actors: pd.DataFrame | None,
    ties: pd.DataFrame,
    *,
    name: str | None = None,
) -> nx.MultiDiGraph:
    """Build an actor graph from an actor table and a tie table.

    The inverse of :func:`to_frames`: ``from_frames(*to_frames(G))`` gives back
    the same nodes, edges and attributes. Also the way to bring tables made by
    hand or by another tool into :mod:`alliances`.

    Parameters
    ----------
    actors : pandas.DataFrame or None
        Indexed by actor id (or with an ``id`` column). Missing columns take
        the defaults of :data:`ACTOR_ATTRIBUTES`. Actors named in ``ties`` but
        absent here are added with default attributes.
    ties : pandas.DataFrame
        Columns ``source`` and ``target`` (actor ids) are required;
        ``relation`` defaults to ``"collaboration"``, the others to
        :data:`TIE_ATTRIBUTES`. Extra columns become edge attributes.
    name : str, optional
        Stored as ``G.graph["name"]``.

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    InputError
        If a required column is missing, or values are out of range (every
        problem is listed, with its row).

    Examples
    --------
    >>> ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"],
    ...                      "relation": ["collaboration", "conflict"]})
    >>> G = from_frames(None, ties)
    >>> sorted(G.edges(keys=True))
    [('a', 'b', 'collaboration'), ('b', 'c', 'conflict')]
    >>> G.edges["b", "c", "conflict"]["sign"]
    -1
    """
    problems: list[Problem] = []
    missing = [c for c in ("source", "target") if c not in ties.columns]
    if missing:
        raise InputError(
            f"the tie table has no {' or '.join(repr(c) for c in missing)} column; "
            f"columns found: {', '.join(map(str, ties.columns)) or 'none'}. "
            "Rename the columns holding actor ids to 'source' and 'target'."
        )
    G = nx.MultiDiGraph()
    if actors is not None:
        graph_attrs = actors.attrs.get("graph")
        if isinstance(graph_attrs, Mapping):
            G.graph.update(graph_attrs)
        frame = actors
        if "id" in frame.columns:
            frame = frame.set_index("id")
        for row_number, (node, row) in enumerate(frame.iterrows(), start=1):
            if _is_missing(node) or str(node).strip() == "":
                problems.append(Problem("actor with an empty id", line=row_number, column="id"))
                continue
            data = {k: _plain(v) if not isinstance(v, (tuple, list)) else v for k, v in row.items()}
            G.add_node(node, **_complete_actor(node, data))
    if name is not None:
        G.graph["name"] = name

    for row_number, row in enumerate(ties.to_dict("records"), start=1):
        u, v = row.pop("source"), row.pop("target")
        if _is_missing(u) or _is_missing(v):
            problems.append(Problem("tie with an empty source or target", line=row_number))
            continue
        relation = row.get("relation")
        relation = "collaboration" if _is_missing(relation) else relation
        row["relation"] = relation
        row = {k: _plain(val) if not isinstance(val, (tuple, list)) else val for k, val in row.items()}
        data = _complete_tie(relation, row)
        trust = data["trust"]
        if trust is not None and not (0.0 <= float(trust) <= 1.0):
            problems.append(Problem(f"trust must be between 0 and 1, got {trust!r}",
                                    line=row_number, column="trust", value=str(trust)))
        if data["sign"] not in (1, -1):
            problems.append(Problem(f"sign must be 1 or -1, got {data['sign']!r}",
                                    line=row_number, column="sign", value=str(data["sign"])))
        data["sign"] = int(data["sign"]) if data["sign"] in (1, -1) else 1
        data["weight"] = float(data["weight"])
        for node in (u, v):
            if node not in G:
                G.add_node(node, **_complete_actor(node, {}))
        G.add_edge(u, v, key=relation, **data)
    if problems:
        raise InputError.collect(problems, summary=f"{len(problems)} problem(s) in the tables")
    return G


# --------------------------------------------------------------------------- merge

def _merge_tuples(a: Iterable, b: Iterable) -> tuple:
    out = list(a)
    out += [x for x in b if x not in out]
    return tuple(out)


def merge(*graphs: nx.MultiDiGraph, name: str | None = None) -> nx.MultiDiGraph:
    """Combine actor graphs (survey, interviews, affiliations...) into one.

    Nothing is lost: actors are matched by id; scalar attributes take the
    first non-empty value in argument order (put the actor registry first),
    tuples (``sectors``, ``themes``) are united, ``respondent`` is true if any
    graph says so. The same tie (same source, target and relation) found in
    several graphs becomes one tie whose ``evidence`` is the concatenation,
    ``origin`` the sorted origins joined by ``+``, ``weight`` the largest
    reported, ``trust`` the mean of the reported values and ``sign`` the
    most negative (a conflict reported anywhere stays visible); other tuple
    attributes (``events``, ``tones``...) are united and counts (``count``,
    ``mentions``) added. Import
    reports found in ``G.graph["import_report"]`` are combined when they
    support it (``combine`` method) or listed in ``G.graph["import_reports"]``.
    The inputs are not modified.

    Examples
    --------
    >>> a = nx.MultiDiGraph(); b = nx.MultiDiGraph()
    >>> a.add_edge("x", "y", key="collaboration", relation="collaboration", weight=2.0,
    ...            origin="survey", evidence=(Evidence("survey.csv", 2),))
    'collaboration'
    >>> b.add_edge("x", "y", key="collaboration", relation="collaboration", weight=1.0,
    ...            origin="interview", evidence=(Evidence("interviews.csv", 5, "ils nous aident"),))
    'collaboration'
    >>> G = merge(a, b)
    >>> tie = G.edges["x", "y", "collaboration"]
    >>> tie["origin"], tie["weight"], len(tie["evidence"])
    ('interview+survey', 2.0, 2)
    """
    G = nx.MultiDiGraph()
    reports = []
    for H in graphs:
        if not isinstance(H, nx.Graph):
            raise TypeError(f"merge() takes networkx graphs, got {type(H).__name__}")
        reports.extend(H.graph.get("import_reports", ()))
        if "import_report" in H.graph:
            reports.append(H.graph["import_report"])
    merge_into(G, *graphs)
    if reports:
        combined = reports[0]
        combine = getattr(type(combined), "combine", None)
        if callable(combine) and len(reports) > 1:
            combined = combine(*reports)
            G.graph["import_report"] = combined
        elif len(reports) == 1:
            G.graph["import_report"] = combined
        else:
            G.graph["import_reports"] = reports
    if name is not None:
        G.graph["name"] = name
    return G


def count_ties(G: nx.Graph) -> int:
    """``G.number_of_edges()`` of a MultiDiGraph without walking every edge.

    ``number_of_edges`` sums every node's degree through networkx's views (a
    Python step per edge: about a second per million ties); the number of keys
    of each (source, target) pair, summed at C speed, is the same count.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b", "trust"), ("a", "b", "collaboration"), ("b", "a", "trust")])
    >>> count_ties(G) == G.number_of_edges() == 3
    True
    """
    if not (G.is_directed() and G.is_multigraph()):
        return G.number_of_edges()
    return sum(map(len, chain.from_iterable(map(dict.values, G._succ.values()))))


def merge_into(G: nx.MultiDiGraph, *graphs: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Fold ``graphs`` into ``G`` in place, by the rules of :func:`merge`; return ``G``.

    :func:`merge` is this on a new empty graph (plus combining import
    reports, which this leaves alone). Folding in place saves copying a graph
    nobody else holds, such as the one :func:`alliances.load` has just read.
    ``G``'s own nodes and ties must already be complete (all of
    :data:`ACTOR_ATTRIBUTES` and :data:`TIE_ATTRIBUTES`), as the readers make
    them. Unlike every analysis, this modifies ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("a", **_complete_actor("a", {"sector": "public"}))
    >>> H = nx.MultiDiGraph(); H.add_node("a", themes=("vélo",))
    >>> merge_into(G, H).nodes["a"]["themes"], G.nodes["a"]["sector"]
    (('vélo',), 'public')
    """
    for H in graphs:
        for key, value in H.graph.items():
            if key not in G.graph and key not in ("import_report", "import_reports"):
                G.graph[key] = value
        for node, data in H.nodes(data=True):
            incoming = _complete_actor(node, data)
            if node not in G:
                G.add_node(node, **incoming)
                continue
            current = G.nodes[node]
            if not _unchanged_by_merge(current, incoming):
                _merge_actor(node, current, incoming)
            if _is_missing(current.get("sector")) and current.get("sectors"):
                current["sector"] = current["sectors"][0]
        edges = H.edges(keys=True, data=True) if H.is_multigraph() else (
            (u, v, d.get("relation", "collaboration"), d) for u, v, d in H.edges(data=True))
        for u, v, key, data in edges:
            tie = _complete_tie(key, data)
            if not G.has_edge(u, v, key):
                G.add_edge(u, v, key=key, **tie)
                continue
            current = G.edges[u, v, key]
            current["evidence"] = tuple(current["evidence"]) + tie["evidence"]
            origins = set(str(current["origin"]).split("+")) | set(str(tie["origin"]).split("+"))
            current["origin"] = "+".join(sorted(origins))
            current["weight"] = max(float(current["weight"]), float(tie["weight"]))
            trusts = [t for t in (current["trust"], tie["trust"]) if t is not None]
            current["trust"] = sum(trusts) / len(trusts) if trusts else None
            current["sign"] = min(int(current["sign"]), int(tie["sign"]))
            for k, val in tie.items():
                if k in TIE_ATTRIBUTES:
                    continue
                if k not in current or _is_missing(current[k]):
                    current[k] = val
                elif isinstance(val, tuple) and isinstance(current[k], tuple):
                    current[k] = _merge_tuples(current[k], val)
                elif k in _SUMMED_TIE_ATTRS and isinstance(val, (int, float)):
                    current[k] = current[k] + val
    return G


def _unchanged_by_merge(current: Mapping[str, Any], incoming: Mapping[str, Any]) -> bool:
    """True when folding ``incoming`` into ``current`` keeps every value as it is.

    Equal attributes (the registry's actors come in every graph) merge to the
    current ones by each rule of :func:`_merge_actor`; ``respondent`` must
    already be a bool, as the rule makes it.
    """
    try:
        return incoming == current and type(current.get("respondent")) is bool
    except (ValueError, TypeError):  # values without a plain truth, such as arrays
        return False


def _merge_actor(node: Any, current: dict[str, Any], incoming: Mapping[str, Any]) -> None:
    """Fold one actor's attributes into ``current`` (rules of :func:`merge`)."""
    for key, value in incoming.items():
        if key in _TUPLE_NODE_ATTRS or (
            isinstance(value, tuple) and isinstance(current.get(key), tuple)
        ):
            current[key] = _merge_tuples(current.get(key, ()), value)
        elif key == "respondent":
            current[key] = bool(current.get(key)) or bool(value)
        elif key == "label":
            if current.get("label") in (None, str(node)) and value != str(node):
                current["label"] = value
        elif _is_missing(current.get(key)) and not _is_missing(value):
            current[key] = value
