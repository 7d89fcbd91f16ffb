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

import contextvars
import difflib
import math
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


#: False while :func:`alliances.load` reads its files: it looks for possible
#: duplicates once, across all files, so the readers need not do it each.
SUGGEST_PER_FILE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "alliances_suggest_per_file", default=True)


@lru_cache(maxsize=1 << 18)
def _key(name: str) -> str:
    # the same names come back on many rows and in several files
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
            nodes = registry.index.tolist()
            labels = (registry["label"].tolist() if "label" in registry.columns else nodes)
            for node, label in zip(nodes, labels, strict=True):
                label = str(label)
                self._registry_label[node] = label
                self._alias.setdefault(_key(label), node)
                self._alias.setdefault(_key(str(node).replace("-", " ")), node)
            if "aliases" in registry.columns:
                for node, node_aliases in zip(nodes, registry["aliases"].tolist(), strict=True):
                    for alias in node_aliases or ():
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
    if 2 * len(short) < 0.8 * (len(short) + len(long_)):
        return 0.0  # the ratio 2 * matches / total length cannot reach 0.8
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


def _pair_score(short: tuple[str, ...], long_: tuple[str, ...], threshold: float) -> float | None:
    """``round(_token_similarity(short, long_), 3)`` if it reaches the threshold, else None.

    Same sum in the same order as :func:`_token_similarity` (a word found in
    the other name scores 1, its maximum), stopping as soon as the threshold
    is out of reach.
    """
    if not short:
        return None
    others = set(long_)
    need = threshold * len(long_) - 0.0005 * len(long_)  # what round(..., 3) could lift
    total = 0.0
    left = len(short)
    for w in short:
        left -= 1
        total += 1.0 if w in others else max(_word_score(w, v) for v in long_)
        if total + left < need:
            return None
    score = round(total / len(long_), 3)
    return score if score >= threshold else None


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
        Blocks (see :func:`merge_candidates`) holding more actors than this
        are too common to compare on; they are left out, which keeps the
        work near-linear on big files (:func:`merge_candidates` says how many).

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
    return _suggest(labels, threshold=threshold, max_block=max_block)[0]


def _keys(words: tuple[str, ...]) -> list[str]:
    # a word's block key is its first three letters; a number is kept whole,
    # since different numbers score 0 ("Structure 12" is not "Structure 13")
    return sorted({("#" + w) if w.isdigit() else w[:3] for w in words})


def merge_candidates(tokens: Mapping[str, tuple[str, ...]], *, threshold: float = SUGGEST_THRESHOLD,
                     max_block: int = 500) -> tuple[set[tuple[str, str]], int]:
    """Pairs of actors worth scoring, and the number of blocks left out as too big.

    Each name's words (little words dropped) give keys: the first three
    letters of each word, numbers whole. A pair can reach ``threshold`` only
    if its word counts are close (``n_short >= threshold * n_long``) and,
    assuming at most one word per pair differs in its first three letters (a
    typo there), it shares at least ``t = max(1, ceil(threshold * n) - 1)``
    keys, ``n`` the longer name's number of words (a name whose words share
    their first three letters, "École Eco Écoles", has fewer keys than words
    and may miss some pairs). So every name is put in
    one block per ``t``-subset of its keys and per length class of the names
    it could match; only names in a common block are compared. A name with a
    number and ``t = 1`` is blocked on its numbers only (numbered families,
    "Structure 00123", never reach the threshold on their common word alone).
    Blocks of more than ``max_block`` names are left out and counted.
    """
    from itertools import combinations

    blocks: dict[tuple, list[str]] = defaultdict(list)
    for node in sorted(tokens):
        keys = _keys(tokens[node])
        n = len(keys)
        if not n:
            continue
        # length classes in words, as the score counts them: exact and symmetric
        w = len(tokens[node])
        low = max(1, math.ceil(threshold * w - 1e-9))
        high = max(w, math.floor(w / threshold + 1e-9)) if threshold > 0 else w
        for m in range(low, high + 1):
            lo, hi = min(w, m), max(w, m)
            t = min(n, max(1, math.ceil(threshold * hi - 1e-9) - 1))
            if t >= n:
                subsets: Iterable[tuple[str, ...]] = [tuple(keys)]
            elif t == 1 and any(k.startswith("#") for k in keys):
                subsets = [(k,) for k in keys if k.startswith("#")]
            elif math.comb(n, t) > 200:
                # very long names: blocked on their first t + 2 keys only (documented limit)
                subsets = combinations(keys[: t + 2], t)
            else:
                subsets = combinations(keys, t)
            for sub in subsets:
                blocks[(lo, hi, sub)].append(node)
    pairs: set[tuple[str, str]] = set()
    too_big = 0
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            too_big += 1
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a != b:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs, too_big


def _suggest(labels: Mapping[str, str], *, threshold: float = SUGGEST_THRESHOLD,
             max_block: int = 500) -> tuple[list[tuple[str, str, str, str, float, str]], int]:
    """:func:`suggest_merges` and the number of blocks left out as too big."""
    tokens = {node: _tokens(labels[node]) for node in labels}
    pairs, too_big = merge_candidates(tokens, threshold=threshold, max_block=max_block)
    out = []
    for a, b in sorted(pairs):
        ta, tb = tokens[a], tokens[b]
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        score = _pair_score(short, long_, threshold)
        if score is not None:
            out.append((a, labels[a], b, labels[b], score,
                        f"similar names (score {score:.2f}): check and add an alias to "
                        "actors.csv if they are the same actor"))
    out.sort(key=lambda r: (-r[4], r[0], r[2]))
    return out, too_big


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
