"""Pseudonymisation and consent: share an actor map without naming people.

:func:`pseudonymize` returns a copy of an actor graph where:

* every actor of the chosen kinds (people by default) is renamed with a
  stable code such as ``P-3f9a1c2e4b7d``: the first 12 hex digits of
  HMAC-SHA256(key, actor id). The same key gives the same codes in every
  file and every run, so maps made months apart can be compared; another key
  gives unrelated codes; without the key, hashing a list of names (the
  "dictionary attack") finds none of them. 12 hex digits are 48 bits: among
  100,000 actors the chance that two share a code is about 2 in 100,000,
  and when it happens both get longer codes (the graph never merges two
  people);
* what could identify them goes away: their label, every attribute not in
  :data:`KEPT_PERSON_ATTRIBUTES` (notes, e-mail, aliases...), contact details
  of every actor (:data:`CONTACT_ATTRIBUTES`), the quotes of the evidence
  (file base name and line kept), the import report (it holds raw rows), and
  any text attribute elsewhere equal to a pseudonymised person's name;
* consent is honoured: actors whose ``consent`` attribute says no are
  removed with their ties, or merged into one anonymous actor per sector.

What it does **not** do: hide the structure. Someone who knows the field can
often recognise "the only researcher who works with both mayors". Read
``docs/privacy.md`` before sharing a map.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import os
import secrets
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any, Literal

import networkx as nx
import pandas as pd

from alliances.errors import AlliancesWarning
from alliances.model import (
    Evidence,
    check_graph,
    is_missing,
    iter_ties,
    normalize_text,
    tie_sign,
    tie_trust,
    tie_weight,
)

__all__ = [
    "CONTACT_ATTRIBUTES",
    "KEPT_PERSON_ATTRIBUTES",
    "code_for",
    "new_key",
    "pseudonymize",
    "read_key",
]

#: Node attributes a pseudonymised actor keeps (everything else is dropped).
KEPT_PERSON_ATTRIBUTES: tuple[str, ...] = (
    "sector", "sectors", "kind", "territory", "themes", "respondent",
)

#: Attributes removed from every actor and tie, pseudonymised or not
#: (compared after :func:`~alliances.model.normalize_text`, so ``E-mail`` and
#: ``Téléphone`` match).
CONTACT_ATTRIBUTES: frozenset[str] = frozenset({
    "email", "e mail", "mail", "courriel", "phone", "telephone", "tel", "mobile", "portable",
    "address", "adresse", "notes", "note", "comment", "comments", "commentaire",
    "commentaires", "remarque", "remarques", "consent", "consentement",
})

_QUOTE_ATTRIBUTES = frozenset({"quote", "quotes", "verbatim", "citation", "citations"})
_PREFIXES = {"person": "P", "organisation": "O"}
_CODE_HEX = 12
_MIN_KEY_BYTES = 16
_DOMAIN = b"alliances-pseudonym-v1\x00"

_NO = frozenset({
    "no", "non", "n", "false", "faux", "0", "0 0", "refus", "refuse", "refusee", "refused",
    "declined", "decline", "opt out", "pas d accord", "sans consentement",
})
_YES = frozenset({
    "yes", "oui", "y", "o", "true", "vrai", "1", "1 0", "ok", "accord", "d accord",
    "accepte", "acceptee", "accepted", "consent", "consenti", "consentie",
})


# --------------------------------------------------------------------------- keys

def new_key(path: str | os.PathLike[str] | None = None) -> str:
    """Make a random pseudonymisation key (256 bits, from :mod:`secrets`).

    Parameters
    ----------
    path : str or path-like, optional
        Also write the key to this file, readable by its owner only. An
        existing file is never overwritten (losing a key means losing the
        link between the codes of old and new maps).

    Returns
    -------
    str
        64 hexadecimal digits. Keep it secret and out of shared folders:
        whoever has it can recompute a person's code from their name.

    Raises
    ------
    FileExistsError
        If ``path`` already exists.

    Examples
    --------
    >>> key = new_key()
    >>> len(key), all(c in "0123456789abcdef" for c in key), key == new_key()
    (64, True, False)
    """
    key = secrets.token_hex(32)
    if path is not None:
        fd = os.open(os.fspath(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key + "\n")
    return key


def read_key(path: str | os.PathLike[str]) -> str:
    """Read a key written by :func:`new_key` (or any text file holding one).

    Leading and trailing white space (the final newline) is ignored.

    Raises
    ------
    ValueError
        If the file is empty or the key is shorter than 16 bytes.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "alliances.key"
    >>> _ = path.write_text("  0123456789abcdef0123456789abcdef\\n\\n", encoding="utf-8")
    >>> read_key(path)
    '0123456789abcdef0123456789abcdef'
    >>> key = new_key(path.with_name("new.key"))
    >>> read_key(path.with_name("new.key")) == key
    True
    """
    text = Path(path).read_text(encoding="utf-8").strip()
    if not text:
        raise ValueError(f"{path}: the key file is empty. Make one with "
                         "alliances.privacy.new_key(path).")
    _key_bytes(text, where=str(path))
    return text


def _key_bytes(key: Any, where: str = "key") -> bytes:
    if isinstance(key, os.PathLike):
        key = read_key(key)
    if isinstance(key, str):
        raw = key.encode("utf-8")
    elif isinstance(key, (bytes, bytearray, memoryview)):
        raw = bytes(key)
    else:
        raise TypeError(f"the key must be text, bytes or a key file path, got {type(key).__name__}")
    if len(raw) < _MIN_KEY_BYTES:
        raise ValueError(
            f"{where}: the key has {len(raw)} bytes; at least {_MIN_KEY_BYTES} are needed, "
            "because anyone who guesses a short key can recompute the codes from a list of "
            "names. Make one with alliances.privacy.new_key('alliances.key') and keep that "
            "file private.")
    return raw


def _digest(key: bytes, actor: Any) -> str:
    return hmac.new(key, _DOMAIN + str(actor).encode("utf-8"), hashlib.sha256).hexdigest()


def _prefix(kind: Any) -> str:
    return _PREFIXES.get(str(kind), "X")


def code_for(actor: str, *, key: str | bytes | os.PathLike[str], kind: str = "person") -> str:
    """Return the code :func:`pseudonymize` gives an actor id (with the same key).

    Useful to tell a participant which code is theirs, or to find them in a
    shared map when you hold the key. (In the astronomically rare case of a
    collision inside one graph, the graph uses a longer code.)

    Parameters
    ----------
    actor : str
        The actor id (``actor_id(name)``), as in the graph.
    key : str, bytes or path-like
        The key, or the file holding it.
    kind : str, default "person"
        Gives the prefix: ``P-`` person, ``O-`` organisation, ``X-`` other.

    Returns
    -------
    str

    Examples
    --------
    >>> key = "0123456789abcdef0123456789abcdef"
    >>> code_for("marie-dupont", key=key)
    'P-01c8d44db2f3'
    >>> code_for("marie-dupont", key=key, kind="organisation"), code_for("paul-martin", key=key)
    ('O-01c8d44db2f3', 'P-6839fd9715ff')
    """
    return f"{_prefix(kind)}-{_digest(_key_bytes(key), actor)[:_CODE_HEX]}"


def _assign_codes(key: bytes, nodes: list[tuple[Any, Any]], taken: set[Any]) -> dict[Any, str]:
    """Codes for (node, kind) pairs; colliding codes get longer digests."""
    digests = {node: _digest(key, node) for node, _ in nodes}
    kinds = dict(nodes)
    length = {node: _CODE_HEX for node, _ in nodes}
    while True:
        codes = {node: f"{_prefix(kinds[node])}-{digests[node][:length[node]]}" for node in length}
        counts = Counter(codes.values())
        clash = [n for n, c in codes.items() if counts[c] > 1 or c in taken]
        if not clash:
            return codes
        for node in clash:
            if length[node] >= len(digests[node]):
                raise RuntimeError(f"cannot give {node!r} a unique code")  # pragma: no cover
            length[node] += 4


# --------------------------------------------------------------------------- consent

def _consent(value: Any) -> bool | None:
    """True (consents), False (refuses) or None (not recorded: missing, see :func:`~alliances.model.is_missing`)."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise ValueError(value)
    text = normalize_text(str(value))
    if not text or text in ("nan", "none", "na"):
        return None
    if text in _NO:
        return False
    if text in _YES:
        return True
    raise ValueError(value)


# --------------------------------------------------------------------------- helpers

def _base_name(file: Any) -> str:
    # PureWindowsPath splits on both / and \, whatever the system.
    return PureWindowsPath(str(file)).name if file else file


def _clean_evidence(value: Any, drop_quotes: bool) -> tuple[tuple[Evidence, ...], int]:
    if is_missing(value):
        return (), 0
    items = (value,) if isinstance(value, Evidence) else tuple(value)
    out, quotes = [], 0
    for ev in items:
        if not isinstance(ev, Evidence):
            ev = Evidence(*ev) if isinstance(ev, (tuple, list)) else Evidence(str(ev))
        quote = ev.quote
        if drop_quotes and quote:
            quote, quotes = None, quotes + 1
        out.append(Evidence(_base_name(ev.file), ev.line, quote))
    return tuple(out), quotes


def _as_tuple(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a tuple of strings, got {value!r}")
    return tuple(str(v) for v in value)


# --------------------------------------------------------------------------- main

def pseudonymize(
    G: nx.Graph,
    *,
    key: str | bytes | os.PathLike[str],
    kinds: Iterable[str] = ("person",),
    drop: Iterable[str] = ("quotes",),
    consent: str | None = "consent",
    non_consenting: Literal["remove", "aggregate"] = "remove",
    keep: Iterable[str] = (),
    actors: pd.DataFrame | None = None,
) -> nx.MultiDiGraph:
    """Return a copy of an actor graph fit to share: people coded, private data gone.

    Parameters
    ----------
    G : networkx.Graph
        The actor graph (a ``MultiDiGraph``; ``Graph`` and ``DiGraph`` are
        converted: each tie is keyed by its relation as
        :func:`~alliances.model.tie_relation` reads it, undirected ties
        become two arcs). Not modified.
    key : str, bytes or path-like
        The secret key (at least 16 bytes; :func:`new_key` makes one), or
        the path of the file holding it (:func:`read_key`). It is never
        stored in the result.
    kinds : tuple of str, default ("person",)
        Kinds of actors to pseudonymise. Add ``"organisation"`` to code
        organisations too (prefix ``O-``); other kinds get ``X-``.
    drop : tuple of str, default ("quotes",)
        What else to remove. ``"quotes"``: the quotes of the evidence (file
        base name and line stay) and quote-like tie attributes;
        ``"evidence"``: the whole evidence; any other name: that attribute on
        every actor and tie (e.g. ``"territory"``, ``"themes"``).
    consent : str or None, default "consent"
        Actor attribute recording consent. ``no``, ``non``, ``false``,
        ``0``, ``n``, ``refus``... mean refusal; ``yes``, ``oui``, ``true``,
        ``1``... consent; empty means not recorded (the actor stays, coded
        if of a pseudonymised kind). ``None`` ignores consent.
    non_consenting : {"remove", "aggregate"}, default "remove"
        ``"remove"``: refusing actors and all their ties are dropped.
        ``"aggregate"``: they are merged into one anonymous actor per sector,
        labelled ``non-consenting (association)``, with ``members`` (how many
        were merged); their ties to others are kept and merged per other
        actor and relation, with ``count`` (ties merged), ``weight`` (sum),
        ``trust`` (mean of the rated ones), ``sign`` (-1 when one of them is
        negative, see :func:`~alliances.model.tie_sign`); ties between them are
        only counted (``internal_ties``). A group of one hides little.
    keep : tuple of str, default ()
        Extra attributes pseudonymised actors keep (beyond
        :data:`KEPT_PERSON_ATTRIBUTES`); contact details
        (:data:`CONTACT_ATTRIBUTES`) are dropped whatever ``keep`` says.
    actors : pandas.DataFrame, optional
        The actor registry (:func:`alliances.read_actors`), indexed by actor
        id. Graphs built by the importers do not carry the private
        ``consent``, ``aliases`` and ``email`` columns, so pass the registry
        here to honour its ``consent`` column (it wins over a node attribute)
        and to catch its aliases wherever a person's name appears.

    Returns
    -------
    networkx.MultiDiGraph
        The shareable graph. ``H.graph["privacy"]`` says what was done:
        method, key fingerprint (``key_id``, not the key), kinds,
        counts of coded actors, dropped attributes, quotes removed, consent
        rule and how many actors and ties it removed or merged.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph, or the key is not text, bytes or a path.
    ValueError
        If the key is too short, ``non_consenting`` is unknown, or consent
        values cannot be read (all are listed).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("marie-dupont", label="Marie Dupont", kind="person", sector="citizen",
    ...            email="marie@example.org")
    >>> G.add_node("mairie", label="Mairie", kind="organisation", sector="public")
    >>> G.add_node("paul-martin", label="Paul Martin", kind="person", consent="non")
    >>> G.add_edge("marie-dupont", "mairie", key="trust", relation="trust",
    ...            evidence=(Evidence("/home/me/entretiens.csv", 4, "je leur fais confiance"),))
    'trust'
    >>> G.add_edge("paul-martin", "mairie", key="collaboration", relation="collaboration")
    'collaboration'
    >>> H = pseudonymize(G, key="a long secret key kept in a file")
    >>> sorted(H.nodes)
    ['P-67853013599e', 'mairie']
    >>> H.nodes["P-67853013599e"]
    {'kind': 'person', 'sector': 'citizen', 'label': 'P-67853013599e'}
    >>> H.edges["P-67853013599e", "mairie", "trust"]["evidence"]
    (Evidence(file='entretiens.csv', line=4, quote=None),)
    >>> H.graph["privacy"]["non_consenting"]
    {'attribute': 'consent', 'rule': 'remove', 'actors': 1, 'ties_removed': 1}
    """
    check_graph(G, caller="pseudonymize")
    raw_key = _key_bytes(key)
    rules = _rules(kinds, drop, keep, consent, non_consenting)
    nodes = list(G.nodes(data=True))
    registry = _registry(G, actors, consent)
    refusing, unknown_consent = _refusing(nodes, registry, consent)
    renaming = _renaming(G, raw_key, nodes, registry, refusing, rules,
                         aggregate=non_consenting == "aggregate")
    dropped: set[str] = set()
    H = nx.MultiDiGraph()
    for key_, value in G.graph.items():
        if key_ in ("import_report", "import_reports", "privacy"):
            dropped.add(f"graph:{key_}")
            continue
        H.graph[key_] = copy.deepcopy(value)
    _copy_actors(H, nodes, renaming, rules, dropped)
    if isinstance(G.graph.get("events"), Mapping):
        H.graph["events"] = _copy_events(G.graph["events"], renaming, H)
    quotes_removed, ties_removed = _copy_ties(H, _tie_list(G), renaming, rules, dropped,
                                              remove=non_consenting == "remove")
    record: dict[str, Any] = {
        "method": "HMAC-SHA256 of the actor id, first 12 hex digits (alliances v1)",
        "key_id": hashlib.sha256(b"alliances-key-id\x00" + raw_key).hexdigest()[:8],
        "kinds": list(rules.kinds),
        "pseudonymised": len(renaming.codes),
        "attributes_dropped": sorted(dropped),
        "quotes_removed": quotes_removed,
        "evidence": "removed" if rules.drop_evidence else "file base names only",
    }
    groups = renaming.groups
    if consent is not None:
        info: dict[str, Any] = {"attribute": consent, "rule": non_consenting, "actors": len(refusing)}
        if non_consenting == "remove":
            info["ties_removed"] = ties_removed
        else:
            info["groups"] = {g["label"]: g["members"] for _, g in sorted(groups.items())}
        record["non_consenting"] = info
        record["consent_not_recorded"] = unknown_consent
    H.graph["privacy"] = record
    alone = sorted(g["label"] for g in groups.values() if g["members"] == 1)
    if alone:
        warnings.warn(
            f"{', '.join(alone)}: a group of one person hides nothing (the ties show who it "
            "is); consider non_consenting='remove'", AlliancesWarning, stacklevel=2)
    return H


# --------------------------------------------------------------------------- the steps of pseudonymize

@dataclass(frozen=True)
class _Rules:
    """What :func:`pseudonymize` keeps and drops, from its arguments."""

    kinds: tuple[str, ...]  # kinds of actors to code
    drop_quotes: bool
    drop_evidence: bool
    contact: frozenset[str]  # attributes dropped from every actor and tie (normalised names)
    kept_person: frozenset[str]  # attributes a coded actor keeps


def _rules(kinds: Iterable[str], drop: Iterable[str], keep: Iterable[str], consent: str | None,
           non_consenting: str) -> _Rules:
    kinds = _as_tuple(kinds, "kinds")
    drop = _as_tuple(drop, "drop")
    keep = _as_tuple(keep, "keep")
    if non_consenting not in ("remove", "aggregate"):
        raise ValueError(f"non_consenting must be 'remove' or 'aggregate', got {non_consenting!r}")
    dropped_names = {normalize_text(d) for d in drop if d not in ("quotes", "evidence")}
    contact = CONTACT_ATTRIBUTES | dropped_names
    if consent is not None:
        contact = contact | {normalize_text(consent)}  # the answer itself is personal data
    return _Rules(kinds=kinds, drop_quotes="quotes" in drop or "evidence" in drop,
                  drop_evidence="evidence" in drop, contact=frozenset(contact),
                  kept_person=frozenset((set(KEPT_PERSON_ATTRIBUTES) | set(keep)) - set(drop)))


def _registry(G: nx.Graph, actors: pd.DataFrame | None, consent: str | None) -> dict[Any, dict[str, Any]]:
    """Consent, aliases and label of each actor of ``G`` found in the actor registry."""
    if actors is None:
        return {}
    frame = actors.set_index("id") if "id" in actors.columns else actors
    cols = [c for c in (consent, "aliases", "label") if c is not None and c in frame.columns]
    return {node: {c: frame.at[node, c] for c in cols} for node in frame.index if node in G}


def _tie_list(G: nx.Graph) -> list[tuple[Any, Any, Any, Any, Mapping[str, Any]]]:
    """``(source, target, key, relation, data)`` of every tie, self-ties included.

    A ``Graph`` or ``DiGraph`` tie is keyed by its relation; an undirected tie
    gives two arcs.
    """
    multi = G.is_multigraph()
    ties = [(t.source, t.target, t.key if multi else t.relation, t.relation, t.data)
            for t in iter_ties(G, weight=None, self_loops=True)]
    if not G.is_directed():
        ties += [(v, u, k, r, d) for u, v, k, r, d in ties if u != v]
    return ties


def _refusing(nodes: list[tuple[Any, dict]], registry: dict[Any, dict[str, Any]],
              consent: str | None) -> tuple[dict[Any, Any], int]:
    """Actors who refused (-> their sector) and how many have no recorded answer.

    Raises ValueError listing every answer that is neither yes nor no.
    """
    refusing: dict[Any, Any] = {}
    unknown = 0
    if consent is None:
        return refusing, unknown
    bad: list[str] = []
    for node, data in nodes:
        value = registry.get(node, {}).get(consent, data.get(consent))
        try:
            answer = _consent(value)
        except ValueError:
            bad.append(f"{data.get('label', node)!s}: {value!r}")
            continue
        if answer is False:
            sector = data.get("sector")
            refusing[node] = None if is_missing(sector) else sector
        elif answer is None:
            unknown += 1
    if bad:
        raise ValueError(
            f"the {consent!r} attribute of {len(bad)} actor(s) is neither yes nor no: "
            + "; ".join(bad[:20]) + ("; ..." if len(bad) > 20 else "")
            + ". Write oui/non (yes/no), or leave it empty when not recorded.")
    return refusing, unknown


@dataclass
class _Renaming:
    """Who becomes what in the shared graph."""

    codes: dict[Any, str]  # coded actor -> its code
    refusing: dict[Any, Any]  # actor who refused -> its sector
    group_of: dict[Any, str]  # actor who refused -> its anonymous group (non_consenting="aggregate")
    groups: dict[str, dict[str, Any]]  # group id -> label, sector, members, kinds, respondent
    names: dict[str, str]  # every name of a coded actor (normalised) -> its code

    def new_id(self, node: Any) -> Any:
        return self.group_of.get(node, self.codes.get(node, node))

    def scrub(self, value: Any) -> Any:
        """A copy of an attribute value where a coded actor's name becomes its code."""
        if isinstance(value, str):
            return self.names.get(normalize_text(value), value) if self.names else value
        if isinstance(value, tuple) and not isinstance(value, Evidence):
            return tuple(self.scrub(v) for v in value)
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        return copy.deepcopy(value)


def _renaming(G: nx.Graph, raw_key: bytes, nodes: list[tuple[Any, dict]],
              registry: dict[Any, dict[str, Any]], refusing: dict[Any, Any], rules: _Rules, *,
              aggregate: bool) -> _Renaming:
    """The codes of the actors to code, the groups of refusing actors, the names to catch."""
    group_of, groups = _consent_groups(G, nodes, refusing) if aggregate else ({}, {})
    to_code = [(n, _kind(d)) for n, d in nodes if n not in refusing and _kind(d) in rules.kinds]
    coded = {n for n, _ in to_code}
    taken = {n for n, _ in nodes if n not in coded} | set(groups)
    codes = _assign_codes(raw_key, sorted(to_code, key=lambda x: str(x[0])), taken)
    # every name of a coded actor, to catch it wherever else it is written
    names: dict[str, str] = {}
    for node, data in nodes:
        if node in codes:
            reg = registry.get(node, {})
            for text in (node, data.get("label"), reg.get("label"),
                         *_aliases(data.get("aliases")), *_aliases(reg.get("aliases"))):
                if text:
                    names.setdefault(normalize_text(str(text)), codes[node])
    return _Renaming(codes=codes, refusing=refusing, group_of=group_of, groups=groups, names=names)


def _consent_groups(G: nx.Graph, nodes: list[tuple[Any, dict]],
                    refusing: dict[Any, Any]) -> tuple[dict[Any, str], dict[str, dict[str, Any]]]:
    """One anonymous actor per sector for the actors who refused: (actor -> group id, groups)."""
    group_of: dict[Any, str] = {}
    groups: dict[str, dict[str, Any]] = {}
    existing = {str(n) for n, _ in nodes}
    for node, sector in refusing.items():
        name = "unknown sector" if sector is None else str(sector)
        gid = "non-consenting-" + (normalize_text(name).replace(" ", "-") or "sector")
        while gid in existing and gid not in groups:
            gid += "-"
        group = groups.setdefault(gid, {"label": f"non-consenting ({name})", "sector": sector,
                                        "members": 0, "kinds": set(), "respondent": False})
        group["members"] += 1
        group["kinds"].add(_kind(G.nodes[node]))
        group["respondent"] = group["respondent"] or _flag(G.nodes[node].get("respondent"))
        group_of[node] = gid
    return group_of, groups


def _copy_events(events: Mapping[Any, Any], renaming: _Renaming,
                 H: nx.MultiDiGraph) -> dict[Any, Any]:
    """The participation list with each participant's new id (those left out of ``H`` dropped)."""
    out: dict[Any, Any] = {}
    for name, record in events.items():
        if not isinstance(record, Mapping):
            out[renaming.scrub(name)] = renaming.scrub(record)
            continue
        copied = {k: renaming.scrub(v) for k, v in record.items() if k != "participants"}
        if "participants" in record:
            kept = (renaming.new_id(p) for p in record["participants"] or ())
            copied["participants"] = tuple(dict.fromkeys(p for p in kept if p in H))
        out[renaming.scrub(name)] = copied
    return out


def _copy_actors(H: nx.MultiDiGraph, nodes: list[tuple[Any, dict]], renaming: _Renaming,
                 rules: _Rules, dropped: set[str]) -> None:
    """Add the actors to ``H``: coded ones keep only what cannot name them, contact details go."""
    codes = renaming.codes
    for node, data in nodes:
        if node in renaming.refusing:
            continue
        attrs = {}
        for k, v in data.items():
            private = normalize_text(k) in rules.contact
            if private or (node in codes and k not in rules.kept_person):
                dropped.add(k)
            else:
                attrs[k] = renaming.scrub(v)
        if node in codes:
            attrs["label"] = codes[node]
            if "label" in data:
                dropped.add("label")
        H.add_node(renaming.new_id(node), **attrs)
    for gid, group in sorted(renaming.groups.items()):
        kind = "person" if group["kinds"] == {"person"} else "organisation"
        known = {} if group["sector"] is None else {"sector": group["sector"]}  # else absent
        H.add_node(gid, label=group["label"], **known,
                   sectors=() if group["sector"] is None else (group["sector"],),
                   kind=kind, respondent=group["respondent"], aggregate=True,
                   members=group["members"], internal_ties=0)


def _copy_ties(H: nx.MultiDiGraph, ties: list[tuple[Any, Any, Any, Any, Mapping[str, Any]]],
               renaming: _Renaming, rules: _Rules, dropped: set[str], *,
               remove: bool) -> tuple[int, int]:
    """Add the ties to ``H``; return (quotes removed, ties removed with refusing actors).

    Ties of refusing actors are removed (``remove``), or merged per group,
    other actor and relation (:func:`_combine`); ties inside a group are only
    counted (``internal_ties``).
    """
    quotes_removed = ties_removed = 0
    pending: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
    refusing, group_of = renaming.refusing, renaming.group_of
    for u, v, k, relation, data in ties:
        if remove and (u in refusing or v in refusing):
            ties_removed += 1
            continue
        a, b = renaming.new_id(u), renaming.new_id(v)
        if a == b and (u in group_of or v in group_of):
            H.nodes[a]["internal_ties"] += 1
            continue
        attrs, quotes = _tie_attributes(data, renaming, rules, dropped)
        quotes_removed += quotes
        if u in group_of or v in group_of:
            pending.setdefault((a, b, relation), []).append(attrs)
        else:
            H.add_edge(a, b, key=k, **attrs)
    for (a, b, relation), merged in pending.items():
        H.add_edge(a, b, key=relation, **_combine(merged, relation))
    return quotes_removed, ties_removed


def _tie_attributes(data: Mapping[str, Any], renaming: _Renaming, rules: _Rules,
                    dropped: set[str]) -> tuple[dict[str, Any], int]:
    """The attributes a tie keeps (names scrubbed, evidence cleaned) and the quotes removed."""
    attrs: dict[str, Any] = {}
    quotes = 0
    for name, value in data.items():
        norm = normalize_text(name)
        if norm in rules.contact or (rules.drop_quotes and norm in _QUOTE_ATTRIBUTES):
            dropped.add(name)
        elif name != "evidence":
            attrs[name] = renaming.scrub(value)
        elif rules.drop_evidence:
            dropped.add(name)
        else:
            attrs[name], quotes = _clean_evidence(value, rules.drop_quotes)
    return attrs, quotes


def _kind(data: Mapping[str, Any]) -> str:
    """An actor's kind; ``"organisation"`` when missing (the schema's default)."""
    kind = data.get("kind")
    return "organisation" if is_missing(kind) else str(kind)


def _flag(value: Any) -> bool:
    """A yes/no node attribute: missing is no."""
    return False if is_missing(value) else bool(value)


def _aliases(value: Any) -> tuple[str, ...]:
    if is_missing(value) or value == "":
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split("|") if p.strip())
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return ()


def _combine(ties: list[dict[str, Any]], relation: Any) -> dict[str, Any]:
    """One tie standing for several ties of merged (non-consenting) actors, by the contract's rules."""
    out = dict(ties[0])
    out["count"] = len(ties)
    out["weight"] = sum(tie_weight(t) for t in ties)
    trusts = [x for x in map(tie_trust, ties) if x is not None]
    if trusts:  # from any of the ties: an imported graph leaves an unknown trust out
        out["trust"] = sum(trusts) / len(trusts)
    else:
        out.pop("trust", None)  # missing (None, NaN or absent) in every tie: left out, as imported graphs do
    if any("sign" in t for t in ties):
        out["sign"] = min(tie_sign(t, relation) for t in ties)
    origins = {o for t in ties if t.get("origin") for o in str(t["origin"]).split("+")}
    if origins:
        out["origin"] = "+".join(sorted(origins))
    if any("evidence" in t for t in ties):
        out["evidence"] = tuple(ev for t in ties for ev in t.get("evidence", ()))
    return out
