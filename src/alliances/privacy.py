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
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath
from typing import Any

import networkx as nx
import pandas as pd

from alliances.errors import AlliancesWarning
from alliances.model import Evidence, normalize_text

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
    """True (consents), False (refuses) or None (not recorded)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value != value:  # NaN
            return None
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
    if value is None:
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
    non_consenting: str = "remove",
    keep: Iterable[str] = (),
    actors: pd.DataFrame | None = None,
) -> nx.MultiDiGraph:
    """Return a copy of an actor graph fit to share: people coded, private data gone.

    Parameters
    ----------
    G : networkx.Graph
        The actor graph (a ``MultiDiGraph``; ``Graph`` and ``DiGraph`` are
        converted, undirected edges become two arcs). Not modified.
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
        ``trust`` (mean), ``sign`` (most negative); ties between them are
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
    raw_key = _key_bytes(key)
    kinds = _as_tuple(kinds, "kinds")
    drop = _as_tuple(drop, "drop")
    keep = _as_tuple(keep, "keep")
    if non_consenting not in ("remove", "aggregate"):
        raise ValueError(f"non_consenting must be 'remove' or 'aggregate', got {non_consenting!r}")
    drop_quotes = "quotes" in drop or "evidence" in drop
    drop_evidence = "evidence" in drop
    dropped_names = {normalize_text(d) for d in drop if d not in ("quotes", "evidence")}
    contact = CONTACT_ATTRIBUTES | dropped_names
    if consent is not None:
        contact = contact | {normalize_text(consent)}  # the answer itself is personal data
    kept_person = (set(KEPT_PERSON_ATTRIBUTES) | set(keep)) - set(drop)
    dropped_attrs: set[str] = set()

    nodes = list(G.nodes(data=True))
    registry: dict[Any, dict[str, Any]] = {}
    if actors is not None:
        frame = actors.set_index("id") if "id" in actors.columns else actors
        cols = [c for c in (consent, "aliases", "label") if c is not None and c in frame.columns]
        registry = {node: {c: frame.at[node, c] for c in cols} for node in frame.index
                    if node in G}

        edges = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        edges = [(u, v, d.get("relation", "collaboration"), d) for u, v, d in G.edges(data=True)]
        if not G.is_directed():
            edges += [(v, u, k, d) for u, v, k, d in edges if u != v]

    # -- consent
    refusing: dict[Any, Any] = {}
    unknown_consent = 0
    bad: list[str] = []
    if consent is not None:
        for node, data in nodes:
            value = registry.get(node, {}).get(consent, data.get(consent))
            try:
                answer = _consent(value)
            except ValueError:
                bad.append(f"{data.get('label', node)!s}: {value!r}")
                continue
            if answer is False:
                refusing[node] = data.get("sector")
            elif answer is None:
                unknown_consent += 1
        if bad:
            raise ValueError(
                f"the {consent!r} attribute of {len(bad)} actor(s) is neither yes nor no: "
                + "; ".join(bad[:20]) + ("; ..." if len(bad) > 20 else "")
                + ". Write oui/non (yes/no), or leave it empty when not recorded.")

    group_of: dict[Any, str] = {}
    groups: dict[str, dict[str, Any]] = {}
    if non_consenting == "aggregate":
        existing = {str(n) for n, _ in nodes}
        for node, sector in refusing.items():
            name = "unknown sector" if sector is None else str(sector)
            gid = "non-consenting-" + (normalize_text(name).replace(" ", "-") or "sector")
            while gid in existing and gid not in groups:
                gid += "-"
            group = groups.setdefault(gid, {"label": f"non-consenting ({name})", "sector": sector,
                                            "members": 0, "kinds": set(), "respondent": False})
            group["members"] += 1
            group["kinds"].add(str(G.nodes[node].get("kind", "organisation")))
            group["respondent"] = group["respondent"] or bool(G.nodes[node].get("respondent"))
            group_of[node] = gid

    # -- codes
    to_code = [(n, d.get("kind", "organisation")) for n, d in nodes
               if n not in refusing and str(d.get("kind", "organisation")) in kinds]
    taken = {n for n, _ in nodes if n not in dict(to_code)} | set(groups)
    codes = _assign_codes(raw_key, sorted(to_code, key=lambda x: str(x[0])), taken)
    new_id = {**codes, **group_of}

    # Names of coded actors, to catch them wherever else they are written.
    names: dict[str, str] = {}
    for node, data in nodes:
        if node in codes:
            reg = registry.get(node, {})
            for text in (node, data.get("label"), reg.get("label"),
                         *_aliases(data.get("aliases")), *_aliases(reg.get("aliases"))):
                if text:
                    names.setdefault(normalize_text(str(text)), codes[node])

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return names.get(normalize_text(value), value) if names else value
        if isinstance(value, tuple) and not isinstance(value, Evidence):
            return tuple(scrub(v) for v in value)
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return copy.deepcopy(value)

    # -- nodes
    H = nx.MultiDiGraph()
    for key_, value in G.graph.items():
        if key_ in ("import_report", "import_reports", "privacy"):
            dropped_attrs.add(f"graph:{key_}")
            continue
        H.graph[key_] = copy.deepcopy(value)
    for node, data in nodes:
        if node in refusing:
            continue
        if node in codes:
            attrs = {}
            for k, v in data.items():
                if k in kept_person and normalize_text(k) not in contact:
                    attrs[k] = scrub(v)
                else:
                    dropped_attrs.add(k)
            attrs["label"] = codes[node]
            if "label" in data:
                dropped_attrs.add("label")
        else:
            attrs = {}
            for k, v in data.items():
                if normalize_text(k) in contact:
                    dropped_attrs.add(k)
                else:
                    attrs[k] = scrub(v)
        H.add_node(new_id.get(node, node), **attrs)
    for gid, group in sorted(groups.items()):
        kind = "person" if group["kinds"] == {"person"} else "organisation"
        H.add_node(gid, label=group["label"], sector=group["sector"],
                   sectors=() if group["sector"] is None else (group["sector"],),
                   kind=kind, respondent=group["respondent"], aggregate=True,
                   members=group["members"], internal_ties=0)

    # -- ties
    quotes_removed = 0
    ties_removed = 0
    pending: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
    for u, v, k, data in edges:
        if non_consenting == "remove" and (u in refusing or v in refusing):
            ties_removed += 1
            continue
        a, b = new_id.get(u, u), new_id.get(v, v)
        if a == b and (u in group_of or v in group_of):
            H.nodes[a]["internal_ties"] += 1
            continue
        attrs = {}
        for name, value in data.items():
            norm = normalize_text(name)
            if norm in contact or (drop_quotes and norm in _QUOTE_ATTRIBUTES):
                dropped_attrs.add(name)
                continue
            if name == "evidence":
                if drop_evidence:
                    dropped_attrs.add(name)
                    continue
                value, n = _clean_evidence(value, drop_quotes)
                quotes_removed += n
                attrs[name] = value
                continue
            attrs[name] = scrub(value)
        if u in group_of or v in group_of:
            pending.setdefault((a, b, k), []).append(attrs)
        else:
            H.add_edge(a, b, key=k, **attrs)
    for (a, b, k), ties in pending.items():
        H.add_edge(a, b, key=k, **_combine(ties))

    record: dict[str, Any] = {
        "method": "HMAC-SHA256 of the actor id, first 12 hex digits (alliances v1)",
        "key_id": hashlib.sha256(b"alliances-key-id\x00" + raw_key).hexdigest()[:8],
        "kinds": list(kinds),
        "pseudonymised": len(codes),
        "attributes_dropped": sorted(dropped_attrs),
        "quotes_removed": quotes_removed,
        "evidence": "removed" if drop_evidence else "file base names only",
    }
    if consent is not None:
        info: dict[str, Any] = {"attribute": consent, "rule": non_consenting,
                                "actors": len(refusing)}
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


def _aliases(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split("|") if p.strip())
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return ()


def _combine(ties: list[dict[str, Any]]) -> dict[str, Any]:
    """One tie standing for several ties of merged (non-consenting) actors."""
    out = dict(ties[0])
    out["count"] = len(ties)
    out["weight"] = sum(float(t.get("weight", 1.0)) for t in ties)
    trusts = [float(t["trust"]) for t in ties if t.get("trust") is not None]
    if "trust" in out:
        out["trust"] = sum(trusts) / len(trusts) if trusts else None
    signs = [int(t["sign"]) for t in ties if "sign" in t]
    if signs:
        out["sign"] = min(signs)
    origins = {o for t in ties if t.get("origin") for o in str(t["origin"]).split("+")}
    if origins:
        out["origin"] = "+".join(sorted(origins))
    if any("evidence" in t for t in ties):
        out["evidence"] = tuple(ev for t in ties for ev in t.get("evidence", ()))
    return out
