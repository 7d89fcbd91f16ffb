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
``sector``     str              primary world (see :data:`SECTORS`); absent if unknown
``sectors``    tuple of str     every world the actor declares (hybrids have several)
``kind``       str              ``"organisation"`` or ``"person"``
``territory``  str              commune, group of communes, park, region...; absent if unknown
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
``trust``      float            trust normalised to 0..1; absent when not asked
``sign``       int              +1, or -1 for conflict and negative mentions
``origin``     str              ``survey``, ``interview``, ``affiliation`` or ``table``;
                                several joined with ``+`` after a merge
``evidence``   tuple            :class:`Evidence` records (file, line, quote)
=============  ===============  =====================================================

Undirected relations (``co-participation`` from affiliation lists) are
stored as two reciprocal arcs.

A value that is not known is absent (the key is not set), as networkx's own
readers and writers expect: never None, so ``nx.write_graphml``,
``nx.write_gexf`` and ``json.dumps(nx.node_link_data(G))`` work on every
imported graph. Defaults that are values (weight 1.0, kind
``"organisation"``, empty tuples, respondent False) are set. Read optional
attributes through the accessors (:func:`tie_trust`, :func:`tie_weight`,
:func:`tie_sign`, :func:`is_missing`) or ``data.get(...)``: they read an
absent key and a None alike, so a graph built by hand with ``trust=None``
is understood the same.
"""

from __future__ import annotations

import functools
import gc
import itertools
import math
import operator
import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from alliances.errors import InputError, Problem
from alliances.i18n import resolve_lang

__all__ = [
    "ACTOR_ATTRIBUTES",
    "DEFAULT_RELATION",
    "EVENT_TYPES",
    "EVENT_TYPE_LABELS_FR",
    "EVENT_TYPE_SYNONYMS",
    "FREQUENCY_WEIGHTS",
    "KINDS",
    "NEGATIVE_RELATIONS",
    "PLACE_TYPES",
    "PLACE_TYPE_LABELS_FR",
    "PLACE_TYPE_SYNONYMS",
    "RELATIONS",
    "RELATION_LABELS_FR",
    "RELATION_SYNONYMS",
    "SECTORS",
    "SECTOR_SYNONYMS",
    "TIE_ATTRIBUTES",
    "TRUST_WORDS",
    "UNDIRECTED_RELATIONS",
    "Arcs",
    "Evidence",
    "Tie",
    "actor_id",
    "canonical_event_type",
    "canonical_place_type",
    "canonical_relation",
    "canonical_sector",
    "check_graph",
    "count_ties",
    "event_type_name",
    "from_frames",
    "is_missing",
    "iter_ties",
    "merge",
    "merge_into",
    "node_order",
    "normalize_text",
    "place_type_name",
    "read_arcs",
    "relation_name",
    "tie_evidence",
    "tie_relation",
    "tie_sign",
    "tie_trust",
    "tie_weight",
    "to_frames",
    "tuple_value",
    "validate",
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
        # survey tools' "type of organisation" answers (EN / FR)
        "local government", "government agency", "public sector", "public administration",
        "state agency", "organisme public", "administration publique", "service de l etat",
        "services de l etat", "collectivite locale ou territoriale", "state service",
        "secteur public",
    ),
    "company": (
        "company", "business", "firm", "enterprise", "private", "private sector",
        "entreprise", "entreprises", "grande entreprise", "grand groupe", "pme", "tpe",
        "pme / tpe", "start-up", "startup", "start up", "commerce", "commercant",
        "commercants", "artisan", "secteur prive", "prive", "sme", "large company",
        "micro-entreprise", "micro entreprise",
        "for-profit", "for profit", "for-profit company", "private company",
        "private business", "entreprise privee", "societe", "commercial",
    ),
    "association": (
        "association", "associations", "social economy", "social enterprise",
        "association / social economy", "ngo", "non-profit", "nonprofit", "ess",
        "economie sociale et solidaire", "association / ess", "cooperative", "scop",
        "scic", "entreprise sociale", "structure d insertion", "siae", "tiers secteur",
        "nonprofit organization", "nonprofit organisation", "non-profit organisation",
        "non-profit organization", "not-for-profit", "not for profit", "charity",
        "voluntary organisation", "community organisation", "community organization",
        "association loi 1901", "ngo association",
    ),
    "research": (
        "research", "research / education", "education", "university", "academic",
        "recherche", "universite", "laboratoire", "enseignement", "ecole",
        "recherche / enseignement", "recherche-action", "lycee", "college",
        "enseignement superieur", "researcher", "chercheur",
        "school", "etablissement scolaire", "etablissement d enseignement",
        "higher education", "university or college", "college or university", "academia",
        "research institute", "organisme de recherche", "primary school", "secondary school",
        "k-12", "education / research", "ecole college lycee",
    ),
    "citizen": (
        "citizen", "citizens", "citizen / informal group", "informal group", "resident",
        "residents", "citoyen", "citoyens", "habitant", "habitants", "collectif",
        "collectif informel", "citoyens / collectif informel", "conseil citoyen",
        "conseil de jeunes", "conseil des jeunes", "conseil des seniors",
        "conseil des sages", "famille", "familles", "usager", "usagers",
        "individual", "citizen group", "particulier", "individual citizen",
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

#: French names of the relations of :data:`RELATIONS` and of :data:`DEFAULT_RELATION`
#: (the codes are their English names); read them through :func:`relation_name`.
RELATION_LABELS_FR: dict[str, str] = {
    "collaboration": "collaboration",
    "information": "information",
    "funding": "financement",
    "trust": "confiance",
    "conflict": "conflit",
    "co-participation": "co-participation",
    "mention": "mention",
    "tie": "lien",
}

_RELATION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "collaboration": (
        "collaboration", "collaborate", "works with", "work with", "cooperation",
        "cooperation", "partenariat", "partenaire", "partnership", "travail en commun",
        "travaille avec", "projet commun", "co-construction", "cooperer", "collaborer",
        "projet", "project", "joint project",
        "joint projects", "projets communs", "work together", "travailler ensemble",
        "projet en commun",
    ),
    "information": (
        "information", "info", "informations", "echange d information",
        "echange d informations", "echanges d information", "advice", "conseil",
        "conseils", "information exchange", "echange", "echanges", "veille",
        "exchange of information", "information sharing", "exchange information",
        "partage d information", "partage d informations", "echange information",
        "echanges informations", "partage information", "sharing information",
    ),
    "funding": (
        "funding", "fund", "finance", "financing", "financement", "financeur",
        "subvention", "subventions", "mecenat", "sponsoring", "achat", "purchase",
        "financial support", "soutien financier", "funds", "grant", "grants",
        "financement financeur",
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
    "a few times a month": 3.0, "several times a month": 3.0, "2 3 times a month": 3.0,
    "once a year or less": 1.0, "less than once a year": 1.0, "less than once a month": 2.0,
    "every few months": 2.0, "once a quarter": 2.0, "a few times a week": 4.0,
    "several times a week": 4.0, "almost every day": 5.0,
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
    "plusieurs fois par mois": 3.0, "quelques fois par mois": 3.0,
    "plusieurs fois par semaine": 4.0, "moins d une fois par mois": 2.0,
    "une fois par trimestre": 2.0, "chaque trimestre": 2.0, "presque tous les jours": 5.0,
    "tous les trimestres": 2.0, "1 fois par an": 1.0, "every quarter": 2.0,
    "occasionally": 2.0,
}

#: Trust answers -> trust from 0 to 1 (compared after :func:`normalize_text`):
#: 0 none, 0.25 low, 0.5 medium, 0.75 good, 1 complete, in English and French,
#: with the whole answers of the survey tools' agreement and amount scales.
#: A hedged answer ("confiance totale ?") is not a rating: importers keep it as
#: missing and report it. Numbers in the file are read on the trust scale instead.
TRUST_WORDS: dict[str, float] = {
    "aucune": 0.0, "aucun": 0.0, "nulle": 0.0, "nul": 0.0, "pas du tout": 0.0, "none": 0.0,
    "no trust": 0.0, "pas de confiance": 0.0, "non": 0.0, "no": 0.0,
    "tres faible": 0.25, "faible": 0.25, "peu": 0.25, "limitee": 0.25, "low": 0.25,
    "very low": 0.25, "weak": 0.25,
    "moyenne": 0.5, "moyen": 0.5, "moderee": 0.5, "partielle": 0.5, "neutre": 0.5,
    "medium": 0.5, "moderate": 0.5, "some": 0.5,
    "bonne": 0.75, "forte": 0.75, "elevee": 0.75, "grande": 0.75, "importante": 0.75,
    "good": 0.75, "high": 0.75, "strong": 0.75,
    "totale": 1.0, "tres forte": 1.0, "tres bonne": 1.0, "tres elevee": 1.0, "complete": 1.0,
    "absolue": 1.0, "entiere": 1.0, "very high": 1.0, "full": 1.0, "total": 1.0,
    "complete trust": 1.0, "oui": 1.0, "yes": 1.0,
    # survey tools' scales, whole answers: French agreement scale as the project's
    # docs recommend it, Qualtrics' "amount" and "extent" scales
    "pas du tout confiance": 0.0, "aucune confiance": 0.0, "plutot pas confiance": 0.25,
    "peu confiance": 0.25, "peu de confiance": 0.25, "moyennement confiance": 0.5,
    "ni confiance ni mefiance": 0.5, "plutot confiance": 0.75, "tout a fait confiance": 1.0,
    "totalement confiance": 1.0, "entierement confiance": 1.0, "confiance totale": 1.0,
    "plutot pas": 0.25, "moyennement": 0.5, "tout a fait": 1.0,
    "none at all": 0.0, "a little": 0.25, "a moderate amount": 0.5, "a lot": 0.75,
    "a great deal": 1.0, "not at all": 0.0, "do not trust at all": 0.0, "slightly": 0.25,
    "moderately": 0.5, "very": 0.75, "extremely": 1.0, "completely": 1.0,
    "somewhat": 0.5, "fully": 1.0,
    "pas confiance": 0.0, "assez confiance": 0.75, "confiance elevee": 0.75,
    "pleinement confiance": 1.0, "no trust at all": 0.0, "little trust": 0.25,
    "some trust": 0.5, "moderate trust": 0.5, "a lot of trust": 0.75, "high trust": 0.75,
    "quite a lot": 0.75, "full trust": 1.0,
}

KINDS: tuple[str, ...] = ("organisation", "person")

#: Node attributes of the schema, with their defaults. None means "no default":
#: the attribute is absent when unknown (``label`` defaults to the id).
ACTOR_ATTRIBUTES: dict[str, Any] = {
    "label": None,  # defaults to the id
    "sector": None,  # absent when unknown
    "sectors": (),
    "kind": "organisation",
    "territory": None,  # absent when unknown
    "themes": (),
    "respondent": False,
}

#: Edge attributes of the schema, with their defaults. None means "no default":
#: ``relation`` is the key and ``sign`` follows from it; ``trust`` is absent when not asked.
TIE_ATTRIBUTES: dict[str, Any] = {
    "relation": None,  # same as the key
    "weight": 1.0,
    "trust": None,  # absent when not asked
    "sign": None,  # -1 or +1; when missing, decided by tie_sign() from the relation
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
    >>> actor_id("MAIRIE D’ANTONY "), actor_id("mairie d antony")
    ('mairie-d-antony', 'mairie-d-antony')
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


# --------------------------------------------------------------------------- events and places
#
# Participation lists (``affiliations.csv``) say where and how actors met: a
# workshop in a third place, a committee at the town hall, a webinar. The
# importers put the canonical type of each event and of its venue on
# ``G.graph["events"]``; analyses compare kinds of places and events.

#: Kinds of venue: canonical code -> English label.
PLACE_TYPES: dict[str, str] = {
    "third place": "third place (tiers-lieu, fablab, associative café, repair café...)",
    "institutional": "institutional venue (town hall, agglomeration, prefecture, park house...)",
    "online": "online (video call, webinar)",
    "other": "other",
}

# What a place_type cell may say (compared after normalize_text(), whole cell).
_PLACE_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "third place": (
        "third place", "third places", "third-place", "tiers-lieu", "tiers lieu",
        "tiers-lieux", "tiers lieux", "tiers lieu associatif",
    ),
    "institutional": (
        "institutional", "institution", "institutional venue", "institutionnel",
        "institutionnelle", "lieu institutionnel", "institutions", "public building",
        "batiment public", "equipement public",
    ),
    "online": (
        "online", "on line", "en ligne", "distanciel", "a distance", "remote", "virtual",
        "virtuel", "visio", "visioconference", "webinar", "webinaire",
    ),
    "other": ("other", "others", "autre", "autres", "divers"),
}

# Words that give the kind of a venue from its name (whole words, after
# normalize_text()): "Tiers-lieu La Fabrique", "Mairie de Chevreuse", "Zoom".
_PLACE_NAME_WORDS: dict[str, tuple[str, ...]] = {
    "third place": (
        "tiers-lieu", "tiers lieu", "tiers-lieux", "tiers lieux", "third place", "fablab",
        "fab lab", "cafe associatif", "ressourcerie", "recyclerie", "repair cafe", "friche",
        "coworking", "co-working", "maison du velo",
    ),
    "institutional": (
        "mairie", "hotel de ville", "town hall", "city hall", "salle municipale",
        "salle du conseil", "prefecture", "sous-prefecture", "siege", "agglomeration",
        "conseil departemental", "conseil regional", "chambre de commerce", "cci",
        "maison du parc", "ministere",
    ),
    "online": (
        "en ligne", "online", "visio", "visioconference", "zoom", "teams", "webinaire",
        "webinar", "google meet", "jitsi",
    ),
}

#: French names of the place types (the codes are their English names); read them
#: through :func:`place_type_name`.
PLACE_TYPE_LABELS_FR: dict[str, str] = {
    "third place": "tiers-lieu",
    "institutional": "lieu institutionnel",
    "online": "en ligne",
    "other": "autre lieu",
}

#: Kinds of event: canonical code -> English label.
EVENT_TYPES: dict[str, str] = {
    "workshop": "workshop (hands-on work session)",
    "committee": "committee, steering group, commission",
    "festival": "festival, fair, celebration",
    "site visit": "site visit, learning trip",
    "collaborathon": "collaborathon, hackathon (intensive co-creation)",
    "meeting": "meeting",
    "training": "training session",
    "conference": "conference, seminar, round table",
    "webinar": "webinar, online session",
    "forum": "forum, networking event",
}

#: French names of the event types (the codes are their English names); read them
#: through :func:`event_type_name`.
EVENT_TYPE_LABELS_FR: dict[str, str] = {
    "workshop": "atelier",
    "committee": "comité",
    "festival": "festival",
    "site visit": "visite de site",
    "collaborathon": "collaborathon",
    "meeting": "réunion",
    "training": "formation",
    "conference": "conférence",
    "webinar": "webinaire",
    "forum": "forum",
}

_EVENT_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "workshop": (
        "workshop", "workshops", "atelier", "ateliers", "atelier participatif",
        "atelier collectif", "work session", "session de travail", "chantier",
        "chantier participatif",
    ),
    "committee": (
        "committee", "comite", "comites", "comite de pilotage", "copil", "comite technique",
        "cotech", "comite de suivi", "steering committee", "steering group", "commission",
        "board", "conseil d administration", "jury", "comite de selection",
    ),
    "festival": ("festival", "festivals", "fete", "fair", "foire", "celebration", "village"),
    "site visit": (
        "site visit", "visit", "visite", "visites", "visite de site", "visite inspirante",
        "learning expedition", "voyage d etude", "study trip",
    ),
    "collaborathon": ("collaborathon", "hackathon", "sprint creatif", "co-creation day"),
    "meeting": ("meeting", "reunion", "reunions", "rencontre", "rencontres", "rendez-vous"),
    "training": ("training", "formation", "formations", "course", "cours", "stage"),
    "conference": (
        "conference", "conferences", "seminar", "seminaire", "colloque", "table ronde",
        "round table", "pleniere", "plenary",
    ),
    "webinar": ("webinar", "webinaire", "online session", "session en ligne", "visio"),
    "forum": ("forum", "salon", "networking", "afterwork", "apero", "petit dejeuner"),
}

#: Spellings recognised for each place type in a place_type column.
PLACE_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = _PLACE_TYPE_SYNONYMS

#: Spellings recognised for each event type (compared after :func:`normalize_text`).
EVENT_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = _EVENT_TYPE_SYNONYMS


def canonical_place_type(value: str | None) -> str | None:
    """Return the kind of a venue (a key of :data:`PLACE_TYPES`), or None.

    ``value`` is a place_type cell (``tiers-lieu``, ``institutionnel``, ``en
    ligne``, ``autre``...) or the venue's name, recognised from the words it
    holds (``Tiers-lieu La Fabrique``, ``Mairie de Chevreuse``, ``Maison du
    Parc``, ``Zoom``). When a name holds words of several kinds, the first
    word wins (``Fablab de la mairie`` is a third place). Unknown text gives
    None, not ``"other"``: only a cell that says so (``other`` / ``autre``)
    is ``"other"``.

    Examples
    --------
    >>> canonical_place_type("Tiers-lieux")
    'third place'
    >>> canonical_place_type("Mairie de Dampierre-en-Yvelines")
    'institutional'
    >>> canonical_place_type("Café associatif Le Comptoir")
    'third place'
    >>> canonical_place_type("Visio (Zoom)")
    'online'
    >>> canonical_place_type("autre"), canonical_place_type("Salle Jean Racine")
    ('other', None)
    >>> canonical_place_type(None), canonical_place_type("  ")
    (None, None)
    """
    if value is None or is_missing(value):
        return None
    key = normalize_text(str(value))
    if not key:
        return None
    exact = _PLACE_TYPE_LOOKUP.get(key)
    if exact is not None:
        return exact
    best: tuple[int, int, str] | None = None
    for match in _PLACE_WORDS_RE.finditer(f" {key} "):
        word = match.group(1)
        rank = (match.start(1), -len(word), _PLACE_WORD_LOOKUP[word])
        best = rank if best is None or rank < best else best
    return None if best is None else best[2]


def canonical_event_type(value: str | None) -> str | None:
    """Map an event type as written in a file to :data:`EVENT_TYPES`.

    Returns the canonical code, the stripped text as written when it is not
    a known synonym (users may bring their own kinds of event), or None for
    an empty cell.

    Examples
    --------
    >>> canonical_event_type("Atelier")
    'workshop'
    >>> canonical_event_type("Comité de pilotage"), canonical_event_type("COPIL")
    ('committee', 'committee')
    >>> canonical_event_type("Fête"), canonical_event_type("visite")
    ('festival', 'site visit')
    >>> canonical_event_type("Balade botanique")
    'Balade botanique'
    >>> canonical_event_type(""), canonical_event_type(None)
    (None, None)
    """
    if value is None or is_missing(value):
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    return _EVENT_TYPE_LOOKUP.get(normalize_text(text), text)


def _vocabulary_name(code: Any, french: Mapping[str, str], lang: str | None) -> str:
    if not isinstance(code, str):
        return str(code)
    return french.get(code, code) if resolve_lang(lang) == "fr" else code


def relation_name(relation: Any, lang: str | None = None) -> str:
    """The name of a relation in ``lang`` (a relation outside the vocabulary as written).

    ``lang`` None follows the environment (``ALLIANCES_LANG``, then the locale).

    Examples
    --------
    >>> relation_name("funding", "fr"), relation_name("funding", "en"), relation_name("voisinage", "fr")
    ('financement', 'funding', 'voisinage')
    """
    return _vocabulary_name(relation, RELATION_LABELS_FR, lang)


def event_type_name(code: Any, lang: str | None = None) -> str:
    """The name of an event type (a key of :data:`EVENT_TYPES`) in ``lang``; a user's own type as written.

    Examples
    --------
    >>> event_type_name("workshop", "fr"), event_type_name("workshop", "en")
    ('atelier', 'workshop')
    >>> event_type_name("Balade botanique", "fr")
    'Balade botanique'
    """
    return _vocabulary_name(code, EVENT_TYPE_LABELS_FR, lang)


def place_type_name(code: Any, lang: str | None = None) -> str:
    """The name of a place type (a key of :data:`PLACE_TYPES`) in ``lang``; anything else as written.

    Examples
    --------
    >>> place_type_name("third place", "fr"), place_type_name("institutional", "fr")
    ('tiers-lieu', 'lieu institutionnel')
    >>> place_type_name("third place", "en")
    'third place'
    """
    return _vocabulary_name(code, PLACE_TYPE_LABELS_FR, lang)


_PLACE_TYPE_LOOKUP = {normalize_text(s): code for code, syn in _PLACE_TYPE_SYNONYMS.items()
                      for s in syn}
_PLACE_TYPE_LOOKUP.update({normalize_text(code): code for code in PLACE_TYPES})
_PLACE_WORD_LOOKUP = {normalize_text(s): code for code, syn in _PLACE_NAME_WORDS.items()
                      for s in syn}
# whole words only: "cci" in "CCI Versailles", not in "accidents"; longest first
_PLACE_WORDS_RE = re.compile(
    "(?<= )(" + "|".join(re.escape(w) for w in sorted(_PLACE_WORD_LOOKUP, key=lambda w: (-len(w), w)))
    + ")(?= )")
_EVENT_TYPE_LOOKUP = {normalize_text(s): code for code, syn in _EVENT_TYPE_SYNONYMS.items()
                      for s in syn}
_EVENT_TYPE_LOOKUP.update({normalize_text(code): code for code in EVENT_TYPES})


# --------------------------------------------------------------------------- the graph contract
#
# What a value on the actor graph means, decided once: every layer (importers,
# analyses, maps, report, exports, privacy) reads ties through the functions of
# this section and never re-decides what is missing, what a negative tie is or
# how weight and trust default.

#: Relation given to a tie that names none (a hand-built ``Graph`` or ``DiGraph``,
#: or a ``MultiDiGraph`` whose keys are networkx's automatic integers).
DEFAULT_RELATION = "tie"


def is_missing(value: Any) -> bool:
    """Return True when ``value`` means "no value": None, NaN of any float type, ``pd.NA``, ``pd.NaT``.

    Empty strings, empty tuples, ``0`` and ``False`` are values, not missing.
    This is the one rule every layer of :mod:`alliances` uses.

    Examples
    --------
    >>> import numpy as np
    >>> [is_missing(v) for v in (None, float("nan"), np.float32("nan"), pd.NA, pd.NaT)]
    [True, True, True, True, True]
    >>> [is_missing(v) for v in ("", 0, False, (), "n/a")]
    [False, False, False, False, False]
    """
    if value is None:
        return True
    kind = type(value)
    if kind is str or kind is tuple or kind is int or kind is bool:
        return False  # what pd.isna says, without its cost (merge_into asks millions of times)
    if kind is float:
        return value != value
    if isinstance(value, (tuple, list, set, frozenset, dict, np.ndarray)):
        return False  # a collection is a value, even one holding NaN
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # arrays and objects without a plain truth value
        return False


def tie_relation(key: Any, data: Mapping[str, Any]) -> Any:
    """The relation of a tie: its ``relation`` attribute, else its edge key, else :data:`DEFAULT_RELATION`.

    networkx's automatic keys (integers ``0, 1, ...`` given by ``add_edge``
    without ``key=``) are not relations.

    Examples
    --------
    >>> tie_relation("trust", {}), tie_relation(0, {}), tie_relation(None, {"relation": "funding"})
    ('trust', 'tie', 'funding')
    """
    relation = data.get("relation")
    if not is_missing(relation):
        return relation
    if key is None or isinstance(key, int) or is_missing(key):
        return DEFAULT_RELATION
    return key


def tie_sign(data: Mapping[str, Any], relation: Any = None) -> int:
    """The sign of a tie, ``-1`` (negative) or ``+1``: the one definition of a negative tie.

    A tie is negative when its ``sign`` attribute is below zero (``-1``,
    ``-2`` and ``-0.5`` alike), or, when it has no sign, when its relation is
    one of :data:`NEGATIVE_RELATIONS` (a ``conflict`` drawn by hand without a
    sign is still a conflict). Negative ties are never bridges, never trust,
    and are drawn in red.

    Raises
    ------
    InputError
        If the sign is not a number.

    Examples
    --------
    >>> tie_sign({"sign": -2}), tie_sign({}, "conflict"), tie_sign({"sign": 1}, "collaboration")
    (-1, -1, 1)
    """
    value = data.get("sign")
    if is_missing(value):
        return -1 if relation in NEGATIVE_RELATIONS else 1
    try:
        return -1 if float(value) < 0 else 1
    except (TypeError, ValueError):
        raise InputError(
            f"a tie has sign {value!r}, which is not a number; a sign is -1 (negative tie) or "
            "+1. Run alliances.validate(G) to list every such tie.",
            column="sign", value=str(value),
        ) from None


def tie_weight(data: Mapping[str, Any], attr: str | None = "weight") -> float:
    """The strength of a tie: its ``attr`` attribute as a float, 1.0 when missing (or ``attr=None``).

    Raises
    ------
    InputError
        If the value is not a number.

    Examples
    --------
    >>> tie_weight({"weight": 3}), tie_weight({}), tie_weight({"weight": float("nan")}), tie_weight({"weight": 3}, None)
    (3.0, 1.0, 1.0, 1.0)
    """
    if attr is None:
        return 1.0
    return _number(data.get(attr), attr, default=1.0)


def tie_trust(data: Mapping[str, Any]) -> float | None:
    """The trust carried by a tie, from 0 to 1, or None when it was not asked (missing).

    Examples
    --------
    >>> tie_trust({"trust": 0.75}), tie_trust({}), tie_trust({"trust": float("nan")})
    (0.75, None, None)
    """
    value = data.get("trust")
    return None if is_missing(value) else _number(value, "trust", default=None)


def _number(value: Any, attr: str, *, default: Any) -> Any:
    if is_missing(value):
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"a tie has {attr} {value!r}, which is not a number. Run alliances.validate(G) to "
            f"list every such tie, then fix them (or delete the {attr!r} attribute to use the default).",
            column=attr, value=str(value),
        ) from None


def tie_evidence(data: Mapping[str, Any]) -> tuple[Evidence, ...]:
    """The evidence of a tie as :class:`Evidence` records, whatever form it was stored in.

    A tuple of records, one record, ``(file, line, quote)`` tuples, dicts, or
    one text with records separated by ``|`` (as a CSV cell holds them);
    missing -> ``()``.

    Examples
    --------
    >>> tie_evidence({"evidence": "survey.csv:3 | interviews.csv"})
    (Evidence(file='survey.csv:3', line=None, quote=None), Evidence(file='interviews.csv', line=None, quote=None))
    >>> tie_evidence({})
    ()
    """
    return _as_evidence(data.get("evidence"))


class Tie(NamedTuple):
    """One tie of a graph as the contract reads it (see :func:`iter_ties`)."""

    source: Any
    target: Any
    key: Any
    relation: Any
    weight: float
    trust: float | None
    sign: int
    data: Mapping[str, Any]
    directed: bool


def iter_ties(G: nx.Graph, *, weight: str | None = "weight", self_loops: bool = False) -> Iterator[Tie]:
    """Read every tie of any networkx graph by the rules of the contract: the one tie reader.

    Works on the actor graph (``MultiDiGraph``) and on plain ``Graph``,
    ``DiGraph`` and ``MultiGraph`` built by hand or read by ``nx.read_gexf``.
    An undirected graph's tie comes once, with ``directed=False``; in a
    directed graph ``directed`` is False only for :data:`UNDIRECTED_RELATIONS`
    (stored as two reciprocal arcs, both yielded). ``data`` is the edge's own
    attribute dict: read it, never modify it. Self-ties are left out unless
    ``self_loops=True``. :func:`read_arcs` gives the same values as arrays.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 2, "relation": "conflict"})])
    >>> [(t.source, t.target, t.relation, t.weight, t.sign, t.directed) for t in iter_ties(G)]
    [('a', 'b', 'conflict', 2.0, -1, False)]
    """
    directed = G.is_directed()
    if G.is_multigraph():
        edges: Iterable = G.edges(keys=True, data=True)
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in edges:
        if u == v and not self_loops:
            continue
        relation = tie_relation(key, data)
        yield Tie(u, v, key, relation, tie_weight(data, weight), tie_trust(data),
                  tie_sign(data, relation), data, directed and relation not in UNDIRECTED_RELATIONS)


def tuple_value(value: Any) -> tuple:
    """Read a tuple attribute of an actor (``sectors``, ``themes``): missing -> ``()``, one text -> one item.

    Examples
    --------
    >>> tuple_value(None), tuple_value("public"), tuple_value(["public", "company"]), tuple_value("")
    ((), ('public',), ('public', 'company'), ())
    """
    if is_missing(value):
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    try:
        return tuple(value)
    except TypeError:
        return (value,)


def node_order(G: nx.Graph) -> list[Hashable]:
    """Return the nodes in a canonical order (sorted by id), whatever the insertion order.

    Examples
    --------
    >>> node_order(nx.Graph([("b", "a"), ("c", "a")]))
    ['a', 'b', 'c']
    >>> node_order(nx.Graph([(2, "a")]))
    [2, 'a']
    """
    try:
        return sorted(G.nodes)
    except TypeError:  # mixed id types: order by type name then text
        return sorted(G.nodes, key=lambda n: (type(n).__name__, str(n)))


@dataclass(frozen=True)
class Arcs:
    """Every arc of a graph once, as arrays: :func:`iter_ties` in columns.

    An undirected tie of a plain ``Graph`` gives two arcs, next to each
    other; self-ties are left out.

    Attributes
    ----------
    nodes : list
        Actor ids in :func:`node_order`; ``u`` and ``v`` are positions in it.
    index : dict
        Actor id -> position.
    u, v : numpy.ndarray of int64
        Source and target of each arc.
    rel : numpy.ndarray of int64
        Code of each arc's relation into ``relations``.
    sign : numpy.ndarray of int8
        :func:`tie_sign`: -1 or +1.
    weight : numpy.ndarray of float
        :func:`tie_weight` of the ``weight`` attribute.
    trust : numpy.ndarray of float
        :func:`tie_trust`, NaN when missing.
    relations : list
        Relation names, in order of first appearance.
    present : frozenset
        Every relation name of the graph (self-ties included).
    """

    nodes: list
    index: dict
    u: np.ndarray
    v: np.ndarray
    rel: np.ndarray
    sign: np.ndarray
    weight: np.ndarray
    trust: np.ndarray
    relations: list
    present: frozenset

    def keep(self, relations: frozenset | None, signed: bool) -> np.ndarray:
        """Boolean mask of the arcs of the kept relations (and positive only unless ``signed``)."""
        mask = np.ones(self.u.size, dtype=bool) if signed else self.sign > 0
        if relations is not None:
            codes = [i for i, r in enumerate(self.relations) if r in relations]
            mask &= np.isin(self.rel, np.asarray(codes, dtype=self.rel.dtype))
        return mask


def read_arcs(G: nx.Graph) -> Arcs:
    """Read every arc of ``G`` into an :class:`Arcs` table, by the rules of :func:`iter_ties`.

    Column by column, for speed at 10^6 ties: the edge dicts are gathered from
    the adjacency in one pass, then each attribute is read with one
    ``dict.get`` per edge and converted by numpy; values of unusual types go
    through :func:`tie_sign`, :func:`tie_weight` and :func:`tie_trust`
    themselves, so both readers agree on every graph (tested).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("b", "a", key="conflict")
    'conflict'
    >>> G.add_edge("a", "b", key="trust", weight=2.0, trust=0.5)
    'trust'
    >>> a = read_arcs(G)
    >>> a.nodes, a.u.tolist(), a.v.tolist(), [a.relations[r] for r in a.rel]
    (['a', 'b'], [1, 0], [0, 1], ['conflict', 'trust'])
    >>> a.sign.tolist(), a.weight.tolist(), a.trust.tolist()
    ([-1, 1], [1.0, 2.0], [nan, 0.5])
    """
    nodes = node_order(G)
    index = {n: i for i, n in enumerate(nodes)}
    directed = G.is_directed()
    was_enabled = gc.isenabled()
    gc.disable()  # the collector would rescan the whole graph again and again while lists grow
    try:
        iu, iv, keys, datas = _gather_edges(G, index)
        relations = [tie_relation(k, d) for k, d in zip(keys, datas, strict=True)] if (
            _needs_keys(datas)) else _column(datas, "relation", None)
        sign_values = _column(datas, "sign", None)
        weight_values = _column(datas, "weight", None)
        trust_values = _column(datas, "trust", None)
        del datas, keys
        if not directed:  # each undirected tie once (from its lower end), both arcs added below
            once = iv >= iu
            if not once.all():
                picked = np.flatnonzero(once).tolist()
                relations, sign_values, weight_values, trust_values = (
                    [values[i] for i in picked]
                    for values in (relations, sign_values, weight_values, trust_values))
                iu, iv = iu[once], iv[once]
        codes = {r: i for i, r in enumerate(dict.fromkeys(relations))}  # first-seen order
        rel = np.fromiter(map(codes.__getitem__, relations), dtype=np.int64, count=len(relations))
        sign = _sign_column(sign_values, relations)
        weight = _float_column(weight_values, "weight", default=1.0)
        trust = _float_column(trust_values, "trust", default=math.nan)
    finally:
        if was_enabled:
            gc.enable()
    loops = iu == iv
    if loops.any():
        keep = ~loops
        iu, iv, rel, sign, weight, trust = (x[keep] for x in (iu, iv, rel, sign, weight, trust))
    if not directed:  # the two arcs of a tie next to each other
        iu, iv = np.column_stack([iu, iv]).ravel(), np.column_stack([iv, iu]).ravel()
        rel, sign, weight, trust = (np.repeat(x, 2) for x in (rel, sign, weight, trust))
    names = list(codes)
    return Arcs(nodes=nodes, index=index, u=np.ascontiguousarray(iu, dtype=np.int64),
                v=np.ascontiguousarray(iv, dtype=np.int64), rel=rel, sign=sign, weight=weight,
                trust=trust, relations=names, present=frozenset(names))


def _gather_edges(G: nx.Graph, index: dict) -> tuple[np.ndarray, np.ndarray, list, list]:
    """Positions of each edge's ends, its key (None in a simple graph) and its data dict."""
    adj = G._adj  # the raw dicts: read-only, much faster than the edge views
    get = index.__getitem__
    values = operator.methodcaller("values")
    flat = itertools.chain.from_iterable
    iu_nodes = np.fromiter(map(get, adj), dtype=np.int64, count=len(adj))
    per_u = np.fromiter(map(len, adj.values()), dtype=np.int64, count=len(adj))
    iv_pairs = np.fromiter(map(get, flat(adj.values())), dtype=np.int64, count=int(per_u.sum()))
    iu_pairs = np.repeat(iu_nodes, per_u)
    inner = list(flat(map(values, adj.values())))  # per pair: its edges by key, or its data
    if not G.is_multigraph():
        return iu_pairs, iv_pairs, [None] * len(inner), inner
    mult = np.fromiter(map(len, inner), dtype=np.int64, count=len(inner))
    return (np.repeat(iu_pairs, mult), np.repeat(iv_pairs, mult), list(flat(inner)),
            list(flat(map(values, inner))))


def _needs_keys(datas: list) -> bool:
    """True unless every edge has a present ``relation`` attribute (then keys are not read)."""
    try:
        return any(map(is_missing, map(operator.itemgetter("relation"), datas)))
    except KeyError:
        return True


def _column(datas: list, name: str, default: Any) -> list:
    """``[d.get(name, default) for d in datas]``, by a C-level ``map`` when every dict has ``name``."""
    try:
        return list(map(operator.itemgetter(name), datas))
    except KeyError:
        return [d.get(name, default) for d in datas]


_PLAIN_NUMBERS = frozenset({int, float, bool, type(None)})


def _float_column(values: list, attr: str, *, default: float) -> np.ndarray:
    """Floats by :func:`tie_weight`'s rule: missing (None, NaN) read as ``default``."""
    if set(map(type, values)) <= _PLAIN_NUMBERS:
        out = np.array(values, dtype=float) if values else np.zeros(0)  # None -> NaN
        if default == default:
            out[np.isnan(out)] = default
        return out
    return np.array([_number(x, attr, default=default) for x in values], dtype=float)


def _sign_column(values: list, relations: list) -> np.ndarray:
    """Signs by :func:`tie_sign`'s rule, as int8 -1 / +1."""
    if values and set(map(type, values)) <= {int, bool}:
        return np.where(np.array(values, dtype=np.int64) < 0, -1, 1).astype(np.int8)
    return np.array([tie_sign({"sign": s}, r) for s, r in zip(values, relations, strict=True)],
                    dtype=np.int8)


# --------------------------------------------------------------------------- validation

def check_graph(G: Any, *, needs: Iterable[str] = (), caller: str | None = None) -> None:
    """The cheap part of :func:`validate`, run by every analysis and map on entry.

    Checks that ``G`` is a networkx graph and that each node attribute in
    ``needs`` is set on at least one actor: one pass over the nodes, none over
    the ties (their values are checked as they are read, by :func:`tie_sign`,
    :func:`tie_weight` and :func:`tie_trust`).

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    InputError
        If no actor carries a needed attribute: the message says which, and how to set it.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")])
    >>> check_graph(G, needs=["sector"], caller="hybrid_actors")
    Traceback (most recent call last):
    ...
    alliances.errors.InputError: hybrid_actors needs each actor's world (node attribute 'sector') ...
    """
    name = caller or "this function"
    if not isinstance(G, nx.Graph):
        hint = (" Build one from an actor table and a tie table with alliances.from_frames(actors, ties)."
                if isinstance(G, pd.DataFrame) else "")
        raise TypeError(f"{name} takes a networkx graph (such as alliances.load() returns), "
                        f"got {type(G).__name__}.{hint}")
    for attr in needs:
        if G.number_of_nodes() and not any(
                not is_missing(value) for _, value in G.nodes(data=attr)):
            raise InputError(_no_attribute_message(G, attr, name))


def _no_attribute_message(G: nx.Graph, attr: str, caller: str) -> str:
    first = next(iter(G.nodes))
    what = "world" if attr in ("sector", "sectors") else "value"
    return (
        f"{caller} needs each actor's {what} (node attribute {attr!r}) and no actor of this graph "
        f"has one. Set it, for example nx.set_node_attributes(G, {{{first!r}: 'public'}}, {attr!r}), "
        f"or load an actor registry with alliances.load(folder), or name the attribute that holds "
        f"it with {caller}(G, attr='your attribute')."
    )


def validate(G: Any, *, strict: bool = True, needs: Iterable[str] = ()) -> list[Problem]:
    """Check a graph against the actor-graph schema; list every problem at once.

    Collects all problems before raising one error, in the spirit of OSMnx's
    validation: node attributes of the wrong type, ties whose ``weight``,
    ``trust`` or ``sign`` cannot be read, signs other than -1 and +1, conflicts
    marked positive, self-ties, a ``relation`` attribute that contradicts the
    edge key, and every attribute named in ``needs`` that no actor carries.
    Plain ``Graph``, ``DiGraph`` and ``MultiGraph`` objects are accepted as
    they are: a missing optional attribute is not a problem (its default is
    used, see :data:`ACTOR_ATTRIBUTES` and :data:`TIE_ATTRIBUTES`).

    Parameters
    ----------
    G : networkx graph
        An actor graph, or any graph built by hand or read by networkx.
    strict : bool, default True
        Raise :class:`~alliances.InputError` listing every problem; with
        ``strict=False`` return the problems instead.
    needs : iterable of str, optional
        Node attributes that must be set on at least one actor (``"sector"``
        for the measures of worlds).

    Returns
    -------
    list of Problem
        Empty when the graph follows the schema (always empty in strict mode,
        which raises otherwise). Each problem names the actor or tie and the
        attribute (``Problem.column``), and says what to do.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph.
    InputError
        In strict mode, if any problem is found.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="conflict", sign=1, trust=7)
    'conflict'
    >>> for problem in validate(G, strict=False):
    ...     print(problem)
    column "trust": tie a -> b (conflict): trust 7 is outside 0..1; rescale it (7 on a 0-10 scale is 0.7)
    column "sign": tie a -> b (conflict): a conflict is a negative tie but its sign is +1; set sign=-1 or remove it
    >>> validate(nx.Graph([("a", "b", {"weight": 2.0})]))
    []
    """
    check_graph(G, caller="validate")
    problems: list[Problem] = []
    for attr in needs:
        if G.number_of_nodes() and not any(not is_missing(v) for _, v in G.nodes(data=attr)):
            problems.append(Problem(_no_attribute_message(G, attr, "validate"), column=attr))
    for node, data in G.nodes(data=True):
        problems.extend(_node_problems(node, data))
    keyed = G.is_multigraph()
    edges = G.edges(keys=True, data=True) if keyed else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in edges:
        problems.extend(_tie_problems(u, v, key, data, keyed))
    if problems and strict:
        raise InputError.collect(problems, summary=(
            f"the graph does not follow the actor-graph schema ({len(problems)} problem(s)); "
            "see docs/data-model.md, or call alliances.validate(G, strict=False) to get them as a list"))
    return problems


def _node_problems(node: Any, data: Mapping[str, Any]) -> list[Problem]:
    found = []
    for attr in _TUPLE_NODE_ATTRS:
        value = data.get(attr)
        if isinstance(value, str):
            found.append(Problem(
                f"actor {node!r}: {attr} is the text {value!r}; write a tuple such as "
                f"({value!r},) so it is not read letter by letter", column=attr, value=value))
    respondent = data.get("respondent")
    if not is_missing(respondent) and not isinstance(respondent, (bool, np.bool_, int, np.integer)):
        found.append(Problem(f"actor {node!r}: respondent is {respondent!r}; use True or False",
                             column="respondent", value=str(respondent)))
    return found


def _tie_problems(u: Any, v: Any, key: Any, data: Mapping[str, Any], keyed: bool) -> list[Problem]:
    relation = tie_relation(key, data)
    where = f"tie {u} -> {v} ({relation})"
    found = []
    if u == v:
        found.append(Problem(f"{where}: an actor tied to itself; every measure leaves it out"))
    stated = data.get("relation")
    if keyed and isinstance(key, str) and not is_missing(stated) and stated != key:
        found.append(Problem(f"{where}: relation {stated!r} differs from the edge key {key!r}; "
                             "the key is the relation, make them equal", column="relation",
                             value=str(stated)))
    for attr, low, high in (("weight", 0.0, math.inf), ("trust", 0.0, 1.0)):
        value = data.get(attr)
        try:
            number = _number(value, attr, default=None)
        except InputError:
            found.append(Problem(f"{where}: {attr} {value!r} is not a number", column=attr,
                                 value=str(value)))
            continue
        if number is None:
            continue
        if attr == "trust" and not low <= number <= high:
            hint = f" ({value} on a 0-10 scale is {number / 10:g})" if 1 < number <= 10 else ""
            found.append(Problem(f"{where}: trust {value!r} is outside 0..1; rescale it{hint}",
                                 column="trust", value=str(value)))
        elif attr == "weight" and not (low <= number < high):
            found.append(Problem(f"{where}: weight {value!r} must be a finite number >= 0 (a "
                                 "negative tie is marked by sign=-1, not by its weight)",
                                 column="weight", value=str(value)))
    sign = data.get("sign")
    if not is_missing(sign):
        try:
            number = float(sign)
        except (TypeError, ValueError):
            found.append(Problem(f"{where}: sign {sign!r} is not a number; use -1 or +1",
                                 column="sign", value=str(sign)))
        else:
            if number not in (-1.0, 1.0):
                read = "negative (-1)" if number < 0 else "positive (+1)"
                found.append(Problem(f"{where}: sign {sign!r} is read as {read}; write -1 or +1",
                                     column="sign", value=str(sign)))
            elif number > 0 and relation in NEGATIVE_RELATIONS:
                found.append(Problem(f"{where}: a {relation} is a negative tie but its sign is +1; "
                                     "set sign=-1 or remove it", column="sign", value=str(sign)))
    return found


# --------------------------------------------------------------------------- frames

def _as_tuple(value: Any) -> tuple:
    if is_missing(value):
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
    if is_missing(value):
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
        ``G.graph`` is kept in ``actors.attrs["graph"]``. An attribute an
        actor does not have (an unknown ``sector``) is an empty cell (None).
    ties : pandas.DataFrame
        Columns ``source, target, relation, weight, trust, sign, origin,
        evidence`` and any other edge attribute, one row per tie (None where
        the tie has no such attribute).

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
    for tie in iter_ties(G, self_loops=True):
        u, v, data = tie.source, tie.target, tie.data
        row = _complete_tie(tie.relation, data)
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
    """An actor's attributes by the schema: defaults that are values set, unknown ones absent."""
    row = {k: data.get(k, default) for k, default in ACTOR_ATTRIBUTES.items()}
    row.update({k: v for k, v in data.items() if k not in ACTOR_ATTRIBUTES})
    if is_missing(row["label"]):
        row["label"] = str(node)
    for key in _TUPLE_NODE_ATTRS:
        row[key] = _as_tuple(row[key])
    if not row["sectors"] and not is_missing(row["sector"]):
        row["sectors"] = (row["sector"],)
    if is_missing(row["sector"]) and row["sectors"]:
        row["sector"] = row["sectors"][0]
    if is_missing(row["kind"]):
        row["kind"] = ACTOR_ATTRIBUTES["kind"]
    row["respondent"] = bool(row["respondent"]) if not is_missing(row["respondent"]) else False
    return _without_missing(row)


def _without_missing(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` without its missing values (None, NaN): an unknown value is an absent key."""
    for key in [k for k, v in row.items() if is_missing(v)]:
        del row[key]
    return row


def _complete_tie(key: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    """A tie's attributes by the schema: defaults that are values set, unknown ones (trust) absent."""
    row = {k: data.get(k, default) for k, default in TIE_ATTRIBUTES.items()}
    row.update({k: v for k, v in data.items() if k not in TIE_ATTRIBUTES})
    if is_missing(row["relation"]):
        row["relation"] = key
    if is_missing(row["weight"]):
        row["weight"] = 1.0
    if is_missing(row["sign"]):
        row["sign"] = tie_sign(data, row["relation"])
    if is_missing(row["origin"]):
        row["origin"] = "table"
    row["evidence"] = _as_evidence(row["evidence"])
    return _without_missing(row)


def _as_evidence(value: Any) -> tuple[Evidence, ...]:
    if is_missing(value) or value == "":
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
        In both tables an empty cell (None, NaN) is an unknown value: the
        attribute is left out of that actor or tie, not set to None.
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
    >>> ties["trust"] = [0.75, float("nan")]
    >>> G = from_frames(None, ties)
    >>> G.edges["a", "b", "collaboration"]["trust"], "trust" in G.edges["b", "c", "conflict"]
    (0.75, False)
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
            if is_missing(node) or str(node).strip() == "":
                problems.append(Problem("actor with an empty id", line=row_number, column="id"))
                continue
            data = {k: _plain(v) if not isinstance(v, (tuple, list)) else v for k, v in row.items()}
            G.add_node(node, **_complete_actor(node, data))
    if name is not None:
        G.graph["name"] = name

    for row_number, row in enumerate(ties.to_dict("records"), start=1):
        u, v = row.pop("source"), row.pop("target")
        if is_missing(u) or is_missing(v):
            problems.append(Problem("tie with an empty source or target", line=row_number))
            continue
        relation = row.get("relation")
        relation = "collaboration" if is_missing(relation) else relation
        row["relation"] = relation
        row = {k: _plain(val) if not isinstance(val, (tuple, list)) else val for k, val in row.items()}
        data = _complete_tie(relation, row)
        trust = data.get("trust")
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
                known = len(current)
                _merge_actor(node, current, incoming)
                if is_missing(current.get("sector")) and current.get("sectors"):
                    current["sector"] = current["sectors"][0]
                if len(current) != known:
                    _schema_order(current, ACTOR_ATTRIBUTES)
        edges = H.edges(keys=True, data=True) if H.is_multigraph() else (
            (u, v, None, d) for u, v, d in H.edges(data=True))
        for u, v, key, data in edges:
            key = tie_relation(key, data)
            tie = _complete_tie(key, data)
            if not G.has_edge(u, v, key):
                G.add_edge(u, v, key=key, **tie)
                continue
            current = G.edges[u, v, key]
            current["evidence"] = tuple(current["evidence"]) + tie["evidence"]
            origins = set(str(current["origin"]).split("+")) | set(str(tie["origin"]).split("+"))
            current["origin"] = "+".join(sorted(origins))
            current["weight"] = max(float(current["weight"]), float(tie["weight"]))
            trusts = [t for t in (current.get("trust"), tie.get("trust")) if not is_missing(t)]
            if trusts:
                known = "trust" in current
                current["trust"] = sum(trusts) / len(trusts)
                if not known:
                    _schema_order(current, TIE_ATTRIBUTES)
            else:
                current.pop("trust", None)  # absent, not None, in the merged graph too
            current["sign"] = min(int(current["sign"]), int(tie["sign"]))
            for k, val in tie.items():
                if k in TIE_ATTRIBUTES:
                    continue
                if k not in current or is_missing(current[k]):
                    current[k] = val
                elif isinstance(val, tuple) and isinstance(current[k], tuple):
                    current[k] = _merge_tuples(current[k], val)
                elif k in _SUMMED_TIE_ATTRS and isinstance(val, (int, float)):
                    current[k] = current[k] + val
    return G


def _schema_order(data: dict[str, Any], schema: Mapping[str, Any]) -> None:
    """Put ``data``'s keys in the order :func:`_complete_actor` / :func:`_complete_tie` give, in place.

    A value learnt by a merge (a trust, a sector) is otherwise added last, and
    the order of a merged graph's attributes would depend on how the graphs
    were grouped (``merge(a, b, c)`` against ``merge(merge(a, b), c)``).
    """
    rank = {k: i for i, k in enumerate(schema)}
    items = sorted(data.items(), key=lambda kv: rank.get(kv[0], len(rank)))
    data.clear()
    data.update(items)


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
        elif is_missing(current.get(key)) and not is_missing(value):
            current[key] = value
