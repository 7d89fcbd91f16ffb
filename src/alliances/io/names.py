"""Actor names are resolved, not trusted.

Rules, in order (documented in ``docs/data-model.md``):

1. **Normalisation**: case, accents, spacing, straight or curly apostrophes
   and punctuation never split an actor: ``Mairie d'Antony``,
   ``MAIRIE D’ANTONY `` and ``mairie d antony`` have the same id
   (:func:`alliances.model.actor_id`).
2. **Registry aliases**: a name or alias of the actor registry
   (``actors.csv``) maps to that actor's id (``Ville d'Antony`` ->
   ``mairie-d-antony``).
3. **Label**: the registry name when the actor is in the registry, otherwise
   the most common original spelling (ties: the alphabetically first).
4. **Suggested merges**: pairs the rules cannot decide are listed with a
   similarity score, never merged. The score compares the names' word sets
   after dropping little words (de, du, la, le, the, of...): each word of
   the shorter name is matched to its best partner in the other, scoring 1
   for the same word, 0.9 when one is an abbreviation (a prefix of at least
   3 letters: "asso" / "association"), the :class:`difflib.SequenceMatcher`
   ratio when it is at least 0.8 (typos: "antony" / "antonny"), otherwise 0;
   the sum is divided by the number of words of the longer name. Pairs
   scoring at least 0.8 are suggested. Only pairs sharing the first three
   letters of some word (not a number) are compared, so this stays fast on
   large files.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from alliances.model import normalize_text

__all__ = ["NameResolver", "name_similarity", "split_names", "suggest_merges"]

STOPWORDS = frozenset({
    "de", "d", "du", "des", "la", "le", "l", "les", "et", "a", "au", "aux", "en", "sur", "pour",
    "par", "the", "of", "and", "for", "in", "on"})
SUGGEST_THRESHOLD = 0.8


def _key(name: str) -> str:
    return normalize_text(name)


class NameResolver:
    """Resolve names as written to actor ids, remembering every spelling.

    Parameters
    ----------
    registry : pandas.DataFrame, optional
        The actor registry from :func:`alliances.read_actors` (indexed by id,
        with ``label`` and ``aliases`` columns).

    Examples
    --------
    >>> r = NameResolver()
    >>> r.resolve("Mairie d'Antony"), r.resolve("MAIRIE D’ANTONY "), r.resolve("mairie d antony")
    ('mairie-d-antony', 'mairie-d-antony', 'mairie-d-antony')
    >>> r.resolve("Mairie d'Antony")
    'mairie-d-antony'
    >>> r.label("mairie-d-antony")
    "Mairie d'Antony"
    """

    def __init__(self, registry: pd.DataFrame | None = None) -> None:
        self._alias: dict[str, str] = {}
        self._alias_rule: dict[str, str] = {}
        self._registry_label: dict[str, str] = {}
        self._cache: dict[str, tuple[str | None, str]] = {}
        self._spellings: dict[str, Counter] = defaultdict(Counter)
        if registry is not None and len(registry):
            labels = registry["label"] if "label" in registry.columns else pd.Series(
                registry.index, index=registry.index)
            aliases = registry["aliases"] if "aliases" in registry.columns else None
            for node in registry.index:
                label = str(labels.loc[node])
                self._registry_label[node] = label
                self._alias.setdefault(_key(label), node)
                self._alias.setdefault(_key(str(node).replace("-", " ")), node)
            if aliases is not None:
                for node in registry.index:
                    for alias in aliases.loc[node] or ():
                        k = _key(alias)
                        if k and k not in self._alias:
                            self._alias[k] = node
                            self._alias_rule[k] = "registry alias"

    @property
    def known(self) -> set[str]:
        """Normalised names and aliases from the registry."""
        return set(self._alias)

    def in_registry(self, node: str) -> bool:
        """True if the id comes from the registry."""
        return node in self._registry_label

    def resolve(self, name: str | None, count: int = 1) -> str | None:
        """Return the actor id of a name as written (None for an empty cell)."""
        if name is None:
            return None
        raw = str(name)
        hit = self._cache.get(raw)
        if hit is None:
            k = _key(raw)
            node = (self._alias.get(k) or k.replace(" ", "-")) if k else None
            hit = self._cache[raw] = (node, " ".join(raw.split()))
        node, spelling = hit
        if node is not None and count:
            self._spellings[node][spelling] += count
        return node

    def resolve_many(self, names: Iterable[str | None]) -> list[str | None]:
        """Resolve many names, each distinct spelling once.

        Examples
        --------
        >>> NameResolver().resolve_many(["CAF", "caf", ""])
        ['caf', 'caf', None]
        """
        names = list(names)
        counts = Counter(names)
        mapping = {n: self.resolve(n, count=c) for n, c in counts.items()}
        return [mapping[n] for n in names]

    def label(self, node: str) -> str:
        """Registry name, else the most common spelling (ties: alphabetical)."""
        if node in self._registry_label:
            return self._registry_label[node]
        spellings = self._spellings.get(node)
        if not spellings:
            return str(node)
        return min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def spellings(self, node: str) -> dict[str, int]:
        """Every spelling met for an actor, with its count."""
        return dict(self._spellings.get(node, {}))

    def merged_names(self) -> list[tuple[str, str, str]]:
        """``(id, spelling, rule)`` for every spelling folded into an actor.

        A spelling is folded when it differs from the actor's label; the rule
        is ``registry alias`` when only an alias joins them, else
        ``normalisation``.
        """
        out = []
        for node in sorted(self._spellings):
            label = self.label(node)
            for spelling in sorted(self._spellings[node]):
                if spelling == label:
                    continue
                k = _key(spelling)
                rule = ("registry alias" if self._alias_rule.get(k) and k != _key(label)
                        else "normalisation")
                out.append((node, spelling, rule))
        return out


def _tokens(name: str) -> tuple[str, ...]:
    words = [w for w in _key(name).split() if w not in STOPWORDS]
    return tuple(words) or tuple(_key(name).split())


@lru_cache(maxsize=65536)
def _word_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0  # "Structure 12" and "Structure 123" are different actors
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and long_.startswith(short):
        return 0.9
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= 0.8 else 0.0


def name_similarity(a: str, b: str) -> float:
    """Similarity of two actor names, 0..1 (see the module docstring).

    Examples
    --------
    >>> round(name_similarity("Asso Vélo Antony", "Association Vélo Antony"), 3)
    0.967
    >>> name_similarity("Mairie d'Antony", "Mairie de Sceaux")
    0.5
    """
    return _token_similarity(_tokens(a), _tokens(b))


def _token_similarity(ta: tuple[str, ...], tb: tuple[str, ...]) -> float:
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    total = sum(max(_word_score(w, v) for v in long_) for w in short)
    return total / len(long_)


def suggest_merges(labels: Mapping[str, str], *, threshold: float = SUGGEST_THRESHOLD,
                   max_block: int = 500) -> list[tuple[str, str, str, str, float, str]]:
    """List likely duplicate actors that the rules did not merge.

    Parameters
    ----------
    labels : mapping
        Actor id -> label.
    threshold : float
        Minimum :func:`name_similarity` to suggest a pair.
    max_block : int
        Word prefixes shared by more actors than this are too common to
        compare on (keeps the work near-linear on big files).

    Returns
    -------
    list of tuple
        ``(id_a, label_a, id_b, label_b, score, reason)`` with ``id_a < id_b``,
        best score first.

    Examples
    --------
    >>> suggest_merges({"asso-velo-antony": "Asso Vélo Antony",
    ...                 "association-velo-antony": "Association Vélo Antony",
    ...                 "mairie-de-sceaux": "Mairie de Sceaux"})  # doctest: +NORMALIZE_WHITESPACE
    [('asso-velo-antony', 'Asso Vélo Antony', 'association-velo-antony',
      'Association Vélo Antony', 0.967, 'similar names (score 0.97): check and add an alias to actors.csv if they are the same actor')]
    """
    blocks: dict[str, list[str]] = defaultdict(list)
    tokens = {}
    for node in sorted(labels):
        tokens[node] = _tokens(labels[node])
        # numbers make poor blocks ("Structure 00123"): two names sharing only
        # a number cannot reach the threshold, since different numbers score 0
        words = [w for w in tokens[node] if not w.isdigit()] or tokens[node]
        for prefix in {w[:3] for w in words}:
            blocks[prefix].append(node)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > max_block:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    out = []
    for a, b in sorted(pairs):
        score = round(_token_similarity(tokens[a], tokens[b]), 3)
        if score >= threshold:
            out.append((a, labels[a], b, labels[b], score,
                        f"similar names (score {score:.2f}): check and add an alias to "
                        "actors.csv if they are the same actor"))
    out.sort(key=lambda r: (-r[4], r[0], r[2]))
    return out


_EXPLICIT = re.compile(r"\s*[;|\n]\s*")


def split_names(cell: str, *, known: Iterable[str] | None = None, sep: str | None = None) -> list[str]:
    """Split a multi-select answer into names.

    With ``sep`` the cell is split on it. Otherwise it is split on ``;``,
    ``|`` and newlines, then each part on commas, unless the part as a whole
    is a known name (normalised) of the registry, so "Ville de Paris, DU"
    stays whole when the registry knows it.

    Examples
    --------
    >>> split_names("CAF, Pôle emploi; Mission locale")
    ['CAF', 'Pôle emploi', 'Mission locale']
    >>> split_names("Dupont, fils et associés", known={"dupont fils et associes"})
    ['Dupont, fils et associés']
    """
    text = str(cell).strip()
    if not text:
        return []
    if sep is not None:
        return [p.strip() for p in text.split(sep) if p.strip()]
    known_set = known if isinstance(known, (set, frozenset)) else set(known or ())
    if known_set and _key(text) in known_set:
        return [" ".join(text.split())]
    out = []
    for part in _EXPLICIT.split(text):
        part = part.strip()
        if not part:
            continue
        if "," in part and not (known_set and _key(part) in known_set):
            out += [p.strip() for p in part.split(",") if p.strip()]
        else:
            out.append(part)
    return out
