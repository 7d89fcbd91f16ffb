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
from itertools import chain

import numpy as np
import pandas as pd

from alliances.i18n import N_, Message
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
    words = _key(name).split()
    return tuple(w for w in words if w not in STOPWORDS) or tuple(words)


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
    return merge_suggestions(labels, threshold=threshold, max_block=max_block)[0]


def _word_key(word: str) -> str:
    # a word's block key is its first three letters; a number is kept whole,
    # since different numbers score 0 ("Structure 12" is not "Structure 13")
    return ("#" + word) if word.isdigit() else word[:3]


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
    index = _Index(tokens)
    first, second, too_big = _candidate_pairs(index, threshold, max_block)
    nodes = index.nodes
    return set(zip([nodes[i] for i in first.tolist()], [nodes[j] for j in second.tolist()],
                   strict=True)), too_big


class _Index:
    """The names as integers: sorted node ids, word ids (flat, with offsets), block keys."""

    def __init__(self, tokens: Mapping[str, tuple[str, ...]]) -> None:
        self.nodes = nodes = sorted(tokens)
        every = list(chain.from_iterable(map(tokens.__getitem__, nodes)))
        self.words = list(dict.fromkeys(every))
        vocab = {w: i for i, w in enumerate(self.words)}
        self.flat = np.array(list(map(vocab.__getitem__, every)), dtype=np.int64)
        self.n_words = np.fromiter(map(len, map(tokens.__getitem__, nodes)), dtype=np.int64,
                                   count=len(nodes))
        self.offsets = np.r_[0, np.cumsum(self.n_words)[:-1]].astype(np.int64)
        # key ids in the keys' sorted order, so sorted ids are sorted keys;
        # numbers ("#123") sort before any word's letters, so they come first
        word_keys = [_word_key(w) for w in self.words]
        key_list = sorted(set(word_keys))
        key_id = {k: i for i, k in enumerate(key_list)}
        self.key_of_word = np.array([key_id[k] for k in word_keys], dtype=np.int64)
        self.number_keys = sum(k.startswith("#") for k in key_list)

    def words_of(self, at: np.ndarray, n: int) -> np.ndarray:
        """Word ids of the nodes ``at``, all of ``n`` words: one row each."""
        return self.flat[self.offsets[at][:, None] + np.arange(n)]


def _subsets(n: int, t: int, numbers: int) -> list[tuple[int, ...]]:
    """Positions of the keys of the blocks a name with ``n`` sorted keys joins.

    See :func:`merge_candidates`; ``numbers`` of the keys are numbers, the
    first ones.
    """
    from itertools import combinations

    if t >= n:
        return [tuple(range(n))]
    if t == 1 and numbers:
        return [(j,) for j in range(numbers)]
    if math.comb(n, t) > 200:
        # very long names: blocked on their first t + 2 keys only (documented limit)
        return list(combinations(range(t + 2), t))
    return list(combinations(range(n), t))


def _candidate_pairs(index: _Index, threshold: float, max_block: int,
                     ) -> tuple[np.ndarray, np.ndarray, int]:
    """:func:`merge_candidates` as arrays of positions in ``index.nodes``.

    Returns the pairs ``(first, second)``, first < second, sorted, and the
    number of blocks left out. The blocks are rows ``(lo, hi, key ids of the
    subset, -1...)`` built with numpy, one batch per shape of name (number
    of words, of keys, of numbers); names sharing a row share a block.
    """
    empty = np.zeros(0, dtype=np.int64)
    n_nodes = len(index.nodes)
    if not len(index.flat):
        return empty, empty, 0
    # each name's distinct keys, sorted: one run of a flat array per name
    node_of = np.repeat(np.arange(n_nodes, dtype=np.int64), index.n_words)
    key_of = index.key_of_word[index.flat]
    order = np.lexsort((key_of, node_of))
    key_of, node_of = key_of[order], node_of[order]
    new_key = np.r_[True, (key_of[1:] != key_of[:-1]) | (node_of[1:] != node_of[:-1])]
    keys, key_node = key_of[new_key], node_of[new_key]
    n_keys = np.bincount(key_node, minlength=n_nodes)
    n_numbers = np.bincount(key_node[keys < index.number_keys], minlength=n_nodes)
    key_start = np.r_[0, np.cumsum(n_keys)[:-1]].astype(np.int64)
    # names of one shape (words, keys, numbers) join blocks alike: one batch each
    with_keys = np.flatnonzero(n_keys > 0)
    base = int(max(index.n_words.max(), n_keys.max())) + 1
    shape = (index.n_words * base + n_keys) * base + n_numbers
    batches = []
    width = 0
    for code in _unique(shape[with_keys]).tolist():
        w, n, numbers = code // (base * base), code // base % base, code % base
        where = with_keys[shape[with_keys] == code]
        ids = keys[key_start[where][:, None] + np.arange(n)]
        # length classes in words, as the score counts them: exact and symmetric
        low = max(1, math.ceil(threshold * w - 1e-9))
        high = max(w, math.floor(w / threshold + 1e-9)) if threshold > 0 else w
        for m in range(low, high + 1):
            lo, hi = min(w, m), max(w, m)
            t = min(n, max(1, math.ceil(threshold * hi - 1e-9) - 1))
            for sub in _subsets(n, t, numbers):
                batches.append((lo, hi, ids[:, list(sub)], where))
                width = max(width, len(sub))
    if not batches:
        return empty, empty, 0
    rows, members = [], []
    for lo, hi, sub_ids, where in batches:
        block = np.full((len(where), width + 2), -1, dtype=np.int64)
        block[:, 0], block[:, 1] = lo, hi
        block[:, 2:2 + sub_ids.shape[1]] = sub_ids
        rows.append(block)
        members.append(where)
    table = np.concatenate(rows)
    member = np.concatenate(members)
    # rows sorted by block (lo, hi, keys), members in node order within a block
    order = np.lexsort((member, *table.T[::-1]))
    table, member = table[order], member[order]
    starts = np.flatnonzero(np.r_[True, (table[1:] != table[:-1]).any(axis=1)])
    sizes = np.diff(np.r_[starts, len(member)])
    too_big = int((sizes > max_block).sum())
    found = []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_block)]).tolist():
        at = starts[sizes == size]
        group = member[at[:, None] + np.arange(size)]  # one block a row, members sorted
        a, b = np.triu_indices(size, 1)
        found.append(group[:, a].ravel() * n_nodes + group[:, b].ravel())
    if not found:
        return empty, empty, too_big
    pairs = _unique(np.concatenate(found))
    return pairs // n_nodes, pairs % n_nodes, too_big


def merge_suggestions(labels: Mapping[str, str], *, threshold: float = SUGGEST_THRESHOLD,
                      max_block: int = 500,
                      ) -> tuple[list[tuple[str, str, str, str, float, str]], int]:
    """:func:`suggest_merges` and the number of blocks left out as too big.

    For the importers, which say in their report when blocks were left out
    (:func:`alliances.io.builder.suggest_duplicates`).

    The candidate pairs first go through an upper bound of their score
    computed with numpy (:func:`_possible`); only the pairs that can reach
    the threshold are scored by :func:`_pair_score`, so the result is the
    one of scoring every candidate.
    """
    tokens = {node: _tokens(labels[node]) for node in labels}
    index = _Index(tokens)
    first, second, too_big = _candidate_pairs(index, threshold, max_block)
    nodes = index.nodes
    out = []
    for i in _possible(index, first, second, threshold):
        a, b = nodes[first[i]], nodes[second[i]]
        ta, tb = tokens[a], tokens[b]
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        score = _pair_score(short, long_, threshold)
        if score is not None:
            out.append((a, labels[a], b, labels[b], score, Message.of(
                N_("similar names (score {score:.2f}): check and add an alias to {file} if "
                   "they are the same actor"), score=score, file="actors.csv")))
    out.sort(key=lambda r: (-r[4], r[0], r[2]))
    return out, too_big


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique, faster here on integers)."""
    values = np.sort(values, axis=None)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


class _WordBound:
    """Which pairs of different words can have a :func:`_word_score` above 0, at numpy speed.

    One is a prefix of the other (then they share their first three letters),
    or the :class:`difflib.SequenceMatcher` ratio ``2 M / (len(a) + len(b))``
    reaches 0.8, where ``M``, the matched characters, is at most the
    characters the words have in common (counted with repeats). A pair said
    possible is scored for real.
    """

    def __init__(self, words: list[str]) -> None:
        chars = {c: i for i, c in enumerate(sorted({c for w in words for c in w}))}
        self.counts = np.zeros((len(words), max(len(chars), 1)), dtype=np.int32)
        for i, w in enumerate(words):
            for c, k in Counter(w).items():
                self.counts[i, chars[c]] = k
        self.length = np.array([len(w) for w in words], dtype=np.int64)
        heads: dict[str, int] = {}
        self.head = np.array([heads.setdefault(w[:3], len(heads)) for w in words], dtype=np.int64)

    def __call__(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.empty(len(a), dtype=bool)
        step = 65536  # bounded memory on huge vocabularies
        for lo in range(0, len(a), step):
            x, y = a[lo:lo + step], b[lo:lo + step]
            common = np.minimum(self.counts[x], self.counts[y]).sum(axis=1)
            total = self.length[x] + self.length[y]
            prefix = (self.head[x] == self.head[y]) & (np.minimum(self.length[x], self.length[y]) >= 3)
            out[lo:lo + step] = prefix | (2 * common >= 0.8 * total - 1e-6)
        return out


class _WordScores:
    """:func:`_word_score` of pairs of word ids, each pair computed once, looked up with numpy."""

    _DENSE = 1 << 22  # a table of every pair of words up to this size, else a sorted one

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.n = len(words)
        self.bound = _WordBound(words)
        self.dense = self.n * self.n <= self._DENSE
        if self.dense:
            self.table = np.zeros(self.n * self.n, dtype=float)
            self.done = np.zeros(self.n * self.n, dtype=bool)
        else:
            self.keys = np.zeros(0, dtype=np.int64)
            self.values = np.zeros(0, dtype=float)

    def __call__(self, keys: np.ndarray) -> np.ndarray:
        """Scores of the pairs ``keys = word_a * n + word_b`` (any shape)."""
        if self.dense:
            todo = _unique(keys[~self.done[keys]])
            self._compute(todo)
            self.done[todo] = True
            return self.table[keys]
        todo = np.setdiff1d(_unique(keys.ravel()), self.keys, assume_unique=True)
        values = self._compute(todo)
        if len(todo):
            merged = np.concatenate([self.keys, todo])
            order = np.argsort(merged, kind="stable")
            self.keys = merged[order]
            self.values = np.concatenate([self.values, values])[order]
        return self.values[np.searchsorted(self.keys, keys)]

    def _compute(self, todo: np.ndarray) -> np.ndarray:
        values = np.zeros(len(todo), dtype=float)
        if len(todo):
            a, b = todo // self.n, todo % self.n
            maybe = np.flatnonzero(self.bound(a, b))
            words = self.words
            values[maybe] = [_word_score(words[x], words[y])
                             for x, y in zip(a[maybe].tolist(), b[maybe].tolist(), strict=True)]
            if self.dense:
                self.table[todo] = values
        return values


def _possible(index: _Index, first: np.ndarray, second: np.ndarray, threshold: float) -> list[int]:
    """Positions of the candidate pairs whose score bound reaches the threshold, in order.

    The bound is :func:`_pair_score`'s sum with each word of the shorter name
    scored by its best word score in the longer one (1 when it is there),
    which is the score itself: no pair that can be suggested is left out (the
    margin covers the float sums' order).
    """
    if not len(first):
        return []
    n_words = index.n_words
    a_short = n_words[first] <= n_words[second]
    short = np.where(a_short, first, second)
    long_ = np.where(a_short, second, first)
    s_len, l_len = n_words[short], n_words[long_]
    scores = _WordScores(index.words)
    keep = []
    for s, m in sorted(set(zip(s_len.tolist(), l_len.tolist(), strict=True))):
        if s == 0:
            continue
        at = np.flatnonzero((s_len == s) & (l_len == m))
        sw = index.words_of(short[at], s)
        lw = index.words_of(long_[at], m)
        found = (sw[:, :, None] == lw[:, None, :]).any(axis=2)  # a word of short in long
        bound = found.sum(axis=1).astype(float)
        missing = ~found
        if missing.any():
            rows, cols = np.nonzero(missing)
            best = scores(sw[rows, cols][:, None] * len(index.words)
                          + lw[rows]).max(axis=1)
            np.add.at(bound, rows, best)
        need = threshold * m - 0.0005 * m
        keep.append(at[bound >= need - 1e-6 * m])
    return sorted(np.concatenate(keep).tolist()) if keep else []


_EXPLICIT = re.compile(r"\s*[;|\n]\s*")
# a bracket or a quote groups what it holds: never split inside
_CLOSING = {"(": ")", "[": "]", "{": "}", '"': '"', "«": "»", "\u201c": "\u201d"}
_QUOTES = (('"', '"'), ("«", "»"), ("\u201c", "\u201d"))


def _split_outside(text: str, seps: str) -> list[str] | None:
    """Split on any of ``seps`` outside brackets and quotes; None if they do not close."""
    parts: list[str] = []
    cur: list[str] = []
    stack: list[str] = []
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in _CLOSING:
            stack.append(_CLOSING[ch])
        elif not stack and ch in seps:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    if stack:
        return None
    parts.append("".join(cur))
    return parts


def _unquote(part: str) -> str:
    for a, b in _QUOTES:
        if len(part) > 1 and part[0] == a and part[-1] == b and a not in part[1:-1]:
            return part[1:-1].strip()
    return part


def _join_known(pieces: list[str], known: set[str]) -> list[str]:
    """Comma pieces joined back where they spell a known name ("Ateliers", "Insertion & Co")."""
    out = []
    i, n = 0, len(pieces)
    while i < n:
        for j in range(n, i + 1, -1):
            if _key(", ".join(pieces[i:j])) in known:
                out.append(", ".join(pieces[i:j]))
                i = j
                break
        else:
            out.append(pieces[i])
            i += 1
    return out


def split_names(cell: str, *, known: Iterable[str] | None = None, sep: str | None = None) -> list[str]:
    """Split a multi-select answer into names.

    With ``sep`` the cell is split on it. Otherwise it is split on ``;``,
    ``|`` and newlines, then each part on commas, unless the part as a whole
    is a known name (normalised) of the registry, so "Ville de Paris, DU"
    stays whole when the registry knows it. A cell that is a known name as a
    whole is never split, whatever it holds; commas joining known names
    (a form's checkboxes joined with ", ") give those names back whole.
    Nothing inside brackets or quotes is split (``Plaisance Mobilité (bus,
    TAD)``), and a quoted part is one value (``"Ateliers, Insertion & Co",
    CAF``).

    Examples
    --------
    >>> split_names("CAF, Pôle emploi; Mission locale")
    ['CAF', 'Pôle emploi', 'Mission locale']
    >>> split_names("Dupont, fils et associés", known={"dupont fils et associes"})
    ['Dupont, fils et associés']
    >>> split_names("Plaisance Mobilité (bus, TAD), CAF")
    ['Plaisance Mobilité (bus, TAD)', 'CAF']
    >>> split_names('"Ateliers, Insertion & Co", CAF')
    ['Ateliers, Insertion & Co', 'CAF']
    >>> split_names("CAF, Ateliers, Insertion & Co", known={"ateliers insertion co"})
    ['CAF', 'Ateliers, Insertion & Co']
    """
    text = str(cell).strip()
    if not text:
        return []
    known_set = known if isinstance(known, (set, frozenset)) else set(known or ())
    if known_set and _key(text) in known_set and all(
            _key(p) for p in _EXPLICIT.split(text)):
        # a known name as a whole (a part without letters, "???; CAF", is no name's part)
        return [" ".join(text.split())]
    if sep is not None:
        return [p.strip() for p in text.split(sep) if p.strip()]
    grouped = any(c in text for c in _CLOSING)
    explicit = (_split_outside(text, ";|\n") if grouped else None) or _EXPLICIT.split(text)
    out = []
    for part in explicit:
        part = part.strip()
        if not part:
            continue
        if "," in part and not (known_set and _key(part) in known_set):
            pieces = (_split_outside(part, ",") if grouped else None) or part.split(",")
            pieces = [p.strip() for p in pieces if p.strip()]
            if known_set:
                pieces = _join_known(pieces, known_set)
            out += [_unquote(p) for p in pieces]
        else:
            out.append(_unquote(part))
    return [p for p in out if p]
