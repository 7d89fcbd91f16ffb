"""Gould & Fernandez (1989) brokerage roles, computed with sparse matrices.

A broker ``b`` mediates between ``a`` and ``c`` when ``a -> b -> c`` and
there is no direct tie ``a -> c`` (``a`` and ``c`` distinct). The groups of
``a``, ``b`` and ``c`` (by default their sector, their "world") say which of
five roles ``b`` plays on that open two-path:

============== ================ ===================== ==========
role           two-path         sna name              reads as
============== ================ ===================== ==========
coordinator    A -> A -> A      ``w_I``               inside one world
itinerant      A -> B -> A      ``w_O``               an outsider linking two members of one world
representative A -> A -> B      ``b_IO``              speaks for its own world to another
gatekeeper     A -> B -> B      ``b_OI``              lets an outsider into its own world
liaison        A -> B -> C      ``b_O``               links two worlds, neither its own
============== ================ ===================== ==========

The counts equal R ``sna::brokerage(g, cl)$raw.nli`` (tested against values
committed in ``tests/data/reference/``); the expected counts, standard
deviations and z-scores are those of ``sna`` too (Gould & Fernandez's
approximation under random assignment, conditional on size and density).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from alliances._deprecation import keyword_only
from alliances.analysis import _fast
from alliances.analysis.display import count_text
from alliances.analysis.views import group_labels
from alliances.i18n import resolve_lang, translation
from alliances.model import check_graph

__all__ = ["ROLES", "brokerage_roles", "brokerage_summary"]

#: The five roles in the order of ``sna``'s ``raw.nli`` columns (w_I, w_O, b_IO, b_OI, b_O).
ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
_SNA_NAMES = {"coordinator": "w_I", "itinerant": "w_O", "representative": "b_IO",
              "gatekeeper": "b_OI", "liaison": "b_O", "total": "t"}
_COLUMNS = (*ROLES, "total")
_UNKNOWN = "unknown"
# rows of A handled at once in the masked products: bounds memory on hubs
_BLOCK = 4096


def _group_codes(G: nx.Graph, attr: str, nodes: list, warn: bool = True) -> tuple[np.ndarray, list]:
    """Integer group code per node (canonical order) and the group names, by first appearance."""
    labels = [(_UNKNOWN if v is None else v) for v in group_labels(G, attr, nodes, warn=warn)]
    names: list = []
    index: dict[Any, int] = {}
    codes = np.empty(len(labels), dtype=np.int64)
    for i, v in enumerate(labels):
        key = v if isinstance(v, Hashable) else str(v)
        if key not in index:
            index[key] = len(names)
            names.append(key)
        codes[i] = index[key]
    return codes, names


def _masked_colsum(left: sp.csr_array, right_t: sp.csr_array, mask: sp.csr_array) -> np.ndarray:
    """Column sums of ``mask * (left @ right_t.T)`` computed by row blocks (never the full product)."""
    n = mask.shape[0]
    out = np.zeros(n, dtype=np.float64)
    right = right_t.T.tocsr()  # CSR @ CSR: a CSC right operand is converted again for every block
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        m = mask[start:stop]
        if m.nnz == 0:
            continue
        prod = (left[start:stop] @ right).tocsr()
        out += np.asarray(m.multiply(prod).sum(axis=0)).ravel()
    return out


def _raw_counts(A: sp.csr_array, g: np.ndarray) -> np.ndarray:
    """Open two-path counts per broker and role, an ``n x 5`` int array (sna's raw.nli order).

    For each broker ``b`` we count, with sparse products, the two-paths
    ``a -> b -> c`` with ``a != c`` minus the closed ones (``a -> c``), in five
    subsets defined by which of the arcs ``a-b``, ``b-c``, ``a-c`` stay inside
    one group; the roles follow by inclusion-exclusion.
    """
    n = A.shape[0]
    if n == 0 or A.nnz == 0:
        return np.zeros((n, 5), dtype=np.int64)
    A = A.astype(np.float64).tocsr()
    rows, cols = A.nonzero()
    same_arc = g[rows] == g[cols]
    E = sp.csr_array((np.ones(int(same_arc.sum())), (rows[same_arc], cols[same_arc])), shape=(n, n))
    k = int(g.max()) + 1
    H = sp.csr_array((np.ones(n), (np.arange(n), g)), shape=(n, k))  # one-hot groups

    indeg = np.asarray(A.sum(axis=0)).ravel()
    outdeg = np.asarray(A.sum(axis=1)).ravel()
    in_same = np.asarray(E.sum(axis=0)).ravel()
    out_same = np.asarray(E.sum(axis=1)).ravel()
    R = A.multiply(A.T)  # reciprocal pairs a <-> b: the two-paths a -> b -> a
    recip = np.asarray(R.sum(axis=0)).ravel()
    recip_same = np.asarray(R.multiply(E).sum(axis=0)).ravel()
    # sum over groups X of (#in-neighbours in X) * (#out-neighbours in X)
    cin = (A.T @ H).tocsr()
    cout = (A @ H).tocsr()
    in_out_same_group = np.asarray(cin.multiply(cout).sum(axis=1)).ravel()

    # closed two-paths a -> b -> c with a -> c, counted at b; sum_a mask[a, b] * (X @ Y.T)[a, b]
    closed = _masked_colsum(A, A, A)  # every closed two-path
    closed_ab = _masked_colsum(A, A, E)  # a, b same group
    closed_bc = _masked_colsum(A, E, A)  # b, c same group
    closed_abc = _masked_colsum(A, E, E)  # a, b, c same group
    closed_ac = _masked_colsum(E, A, A)  # a, c same group

    total = indeg * outdeg - recip - closed
    same_ab = in_same * outdeg - recip_same - closed_ab
    same_bc = indeg * out_same - recip_same - closed_bc
    coordinator = in_same * out_same - recip_same - closed_abc
    same_ac = in_out_same_group - recip - closed_ac
    itinerant = same_ac - coordinator
    representative = same_ab - coordinator
    gatekeeper = same_bc - coordinator
    liaison = total - coordinator - itinerant - representative - gatekeeper
    out = np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison])
    return np.rint(out).astype(np.int64)


def _expected(n_groups: np.ndarray, N: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-group expected counts and variances, a port of ``sna::brokerage`` (``exp.grp``, ``sd.grp``^2)."""
    n = n_groups.astype(float)
    N = float(N)
    d = m / (N * (N - 1)) if N > 1 else 0.0
    a = d**2 * (1 - d)
    c3 = d**3 * (1 - d) ** 3
    k = len(n)
    e = np.zeros((k, 6))
    v = np.zeros((k, 6))

    def choose2(x):
        return x * (x - 1) / 2

    for i in range(k):
        ni = n[i]
        rest = np.delete(n, i)
        e[i, 0] = a * (ni - 1) * (ni - 2)
        v[i, 0] = e[i, 0] * (1 - a) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * c3
        e[i, 1] = a * np.sum(rest * (rest - 1))
        v[i, 1] = e[i, 1] * (1 - a) + 2 * np.sum(rest * (rest - 1) * (rest - 2)) * c3
        e[i, 2] = a * (N - ni) * (ni - 1)
        v[i, 2] = e[i, 2] * (1 - a) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * c3
        e[i, 3] = e[i, 2]
        v[i, 3] = v[i, 2]
        e[i, 4] = a * (np.sum(np.outer(rest, rest)) - np.sum(rest**2))
        v[i, 4] = e[i, 4] * (1 - a) + 4 * np.sum(rest * choose2(N - rest - ni) * c3)
        e[i, 5] = a * (N - 1) * (N - 2)
        v[i, 5] = e[i, 5] * (1 - a) + 2 * (N - 1) * (N - 2) * (N - 3) * c3
    return e, v


def _global_expected(n_groups: np.ndarray, N: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Network-level expected counts and variances (sna's ``exp.gli`` and ``sd.gli``^2)."""
    n = n_groups.astype(float)
    N = float(N)
    d = m / (N * (N - 1)) if N > 1 else 0.0
    a = d**2 * (1 - d)
    c3, c4, c5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    e = np.zeros(6)
    v = np.zeros(6)
    e[0] = a * np.sum(n * (n - 1) * (n - 2))
    v[0] = e[0] * (1 - a) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * c3 - 4 * (n - 3) * c4 + (n - 3) * c5))
    e[1] = a * np.sum(n * (N - n) * (n - 1))
    x, y = n[:, None], n[None, :]
    outer = x * y * (x - 1) * ((2 * x + 2 * y - 6) * c3 + (N - x - 1) * c5)
    v[1] = e[1] * (1 - a) + (np.sum(outer) - np.sum(n * n * (n - 1) * ((4 * n - 6) * c3 + (N - n - 1) * c5)))
    e[2] = a * np.sum(n * (N - n) * (n - 1))
    v[2] = e[2] * (1 - a) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * c3 + (n - 2) * c5))
    e[3], v[3] = e[2], v[2]
    e[4] = a * (np.sum(x * y * (N - x - y)) - np.sum(n * n * (N - 2 * n)))
    v[4] = e[4] * (1 - a)
    kk = len(n)
    if kk >= 3:
        ni, nj, nk = np.meshgrid(n, n, n, indexing="ij")
        ii, jj, ll = np.meshgrid(np.arange(kk), np.arange(kk), np.arange(kk), indexing="ij")
        distinct = (ii != jj) & (jj != ll) & (ii != ll)
        term = ni * nj * nk * (
            (4 * (N - nj) - 2 * (ni + nk + 1)) * c3
            - (4 * (N - nk) - 2 * (ni + nj + 1)) * c4
            + (N - (ni + nk + 1)) * c5
        )
        v[4] += float(np.sum(term[distinct]))
    e[5] = a * N * (N - 1) * (N - 2)
    v[5] = e[5] * (1 - a) + N * (N - 1) * (N - 2) * ((4 * N - 10) * c3 - 4 * (N - 3) * c4 + (N - 3) * c5)
    return e, v


def _divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """R's division semantics: x/0 is +-Inf, 0/0 is NaN."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return num / den


class BrokerageWords:
    """The templates of the brokerage sentences in one language, translated once per call."""

    def __init__(self, lang: str) -> None:
        tr = translation(lang)
        self.lang = lang
        # the plural rule is a Python expression: evaluated once per message and count
        self.ngettext = functools.lru_cache(maxsize=None)(tr.ngettext)
        self.sep = tr.gettext("; ")
        self.none = tr.gettext("on no open two-step path: everyone who names it also names every "
                               "other actor it names")
        self.details = tr.gettext("{text}: {details}")
        self.between = tr.gettext("{n} between actors of two different worlds ({detail})")
        self.within = tr.gettext("{n} between two actors of the same world ({detail})")
        # liaison, representative, gatekeeper (between worlds), coordinator, itinerant (within one)
        self.roles = (tr.gettext("{n} as liaison"), tr.gettext("{n} as representative"),
                      tr.gettext("{n} as gatekeeper"), tr.gettext("{n} in its own world, as coordinator"),
                      tr.gettext("{n} in another world, as itinerant"), "{n}")
        # the pieces repeat across 10^5 actors (small counts): each is written once per call
        self.pieces: dict[tuple[int, int], str] = {}
        self.paths_text: dict[int, str] = {}

    def piece(self, role: int, count: int) -> str:
        """``"3 as liaison"`` (role -1: the count alone), memoised."""
        key = (role, count)
        text = self.pieces.get(key)
        if text is None:
            text = self.pieces[key] = self.roles[role].format(n=count_text(count, self.lang))
        return text

    def paths(self, total: int) -> str:
        text = self.paths_text.get(total)
        if text is None:
            text = self.paths_text[total] = self.ngettext(
                "on {n} open two-step path (a names it, it names c, a does not name c)",
                "on {n} open two-step paths (a names it, it names c, a does not name c)",
                total).format(n=count_text(total, self.lang))
        return text


def _reason(coordinator: int, itinerant: int, representative: int, gatekeeper: int,
            liaison: int, total: int, words: BrokerageWords) -> str:
    """The sentence of one actor: its open two-step paths, split by the worlds at their ends.

    Liaison, representative and gatekeeper paths join actors of two different
    worlds; coordinator and itinerant paths join two actors of one world (the
    broker's own, or another one).
    """
    if total == 0:
        return words.none
    piece = words.piece
    between = liaison + representative + gatekeeper
    within = coordinator + itinerant
    parts = []
    if between:
        detail = ", ".join([piece(i, count) for i, count in (
            (0, liaison), (1, representative), (2, gatekeeper)) if count])
        parts.append(words.between.format(n=piece(-1, between), detail=detail))
    if within:
        detail = ", ".join([piece(i, count) for i, count in (
            (3, coordinator), (4, itinerant)) if count])
        parts.append(words.within.format(n=piece(-1, within), detail=detail))
    return words.details.format(text=words.paths(total), details=words.sep.join(parts))


def _prepare(G: nx.Graph, attr: str, relations, warn: bool = True):
    T = _fast.tie_matrix(G, relations=relations, weight=None)
    A = T.binary()
    g, names = _group_codes(G, attr, T.nodes, warn=warn)
    return T, A, g, names


@keyword_only("attr")
def brokerage_roles(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    zscores: bool = False,
    lang: str | None = None,
) -> pd.DataFrame:
    """Gould & Fernandez brokerage role counts for every actor.

    On the directed, binary tie graph of positive ties (conflicts and other
    negative ties are left out), actor ``b`` is a broker for the ordered pair
    ``(a, c)`` when ``a -> b -> c``, ``a != c`` and there is no tie
    ``a -> c``. Each such open two-path gives ``b`` one count in exactly one
    role, by the groups (``attr``) of ``a``, ``b``, ``c``:

    - ``coordinator`` (sna ``w_I``): A -> A -> A, all in one group;
    - ``itinerant`` (sna ``w_O``, "consultant"): A -> B -> A, ``a`` and ``c``
      in one group, the broker elsewhere;
    - ``representative`` (sna ``b_IO``): A -> A -> B, the broker is in the
      group of the *sender* ``a`` and passes on to an outsider;
    - ``gatekeeper`` (sna ``b_OI``): A -> B -> B, the broker is in the group
      of the *receiver* ``c`` and lets an outsider in;
    - ``liaison`` (sna ``b_O``): A -> B -> C, three different groups.

    ``total`` (sna ``t``) is their sum. The direction convention is sna's
    (``help(brokerage, package="sna")``): ``b_IO`` reads "from In-group to
    Out-group" as seen by the broker, so it is the representative role, and
    ``b_OI`` ("Out to In") the gatekeeper. A tie ``i -> j`` means ``i``
    reports ``j`` (asks advice from, works with): with survey data the roles
    follow what respondents said, so actors who did not answer have no
    outgoing ties and cannot be brokers on paths that start at them.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``) or any ``Graph``/``DiGraph``; an
        undirected graph counts every edge both ways. Not modified.
    attr : str, default "sector"
        Node attribute holding the group. Actors without a value form one
        group "unknown" (with a warning).
    relations : str or iterable of str, optional
        Relations that count as ties (default: all positive ties).
    zscores : bool, default False
        Also return ``z_<role>`` columns: ``(count - expected) / sd`` under
        Gould & Fernandez's random-assignment model as computed by sna
        (``z.nli``); ``+-inf`` or NaN where the standard deviation is 0, as in R.
    lang : {'en', 'fr'}, optional
        Language of the ``reason`` sentences (default: the environment's,
        ``ALLIANCES_LANG`` then the locale, English otherwise). Column names
        stay English identifiers (:func:`~alliances.analysis.display.display_table`
        translates headers).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``"id"``), columns ``label``, ``sector``
        (plus ``group`` when ``attr`` is not ``"sector"``),
        ``coordinator, itinerant, representative, gatekeeper, liaison, total``
        (integers), optional ``z_*`` columns and ``reason``; sorted by
        ``total`` descending then id.

    Notes
    -----
    Counted with sparse matrix products (``A``: 0/1 adjacency, ``E``: its
    arcs inside one group): for broker ``b``, the two-paths are
    ``indeg(b) * outdeg(b)`` minus reciprocal pairs (``a = c``) minus closed
    ones, ``sum_a A[a,b] (A A^T)[a,b]``; the same counts restricted to arcs
    inside one group give the roles by inclusion-exclusion. Cost grows with
    the number of two-paths; 10,000 actors and 100,000 ties take well under
    a second.

    Limits: a tie that is not reported is taken as absent, so missing
    respondents understate brokerage around them; the z-scores use a normal
    approximation whose accuracy is unknown for small groups (Gould &
    Fernandez 1989); with few actors per group, read the raw counts.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal
    approach to brokerage in transaction networks. *Sociological Methodology*,
    19, 89-126.

    Butts, C. T. (2023). sna: Tools for Social Network Analysis (``brokerage``).

    Examples
    --------
    >>> G = nx.MultiDiGraph([("mairie", "asso"), ("asso", "pme")])
    >>> nx.set_node_attributes(G, {"mairie": "public", "asso": "association",
    ...                            "pme": "company"}, "sector")
    >>> df = brokerage_roles(G)
    >>> df.loc["asso", ["liaison", "total"]].tolist()
    [1, 1]
    >>> df.loc["asso", "reason"]
    'on 1 open two-step path (a names it, it names c, a does not name c): 1 between actors of two different worlds (1 as liaison)'
    """
    check_graph(G, needs=(attr,), caller="brokerage_roles")
    words = BrokerageWords(resolve_lang(lang))
    T, A, g, _names = _prepare(G, attr, relations)
    counts = _counts(A, g)
    df = pd.DataFrame(counts, index=pd.Index(T.nodes, name="id"), columns=list(_COLUMNS))
    if zscores:
        exp, sd = _node_expectations(T.n, A.nnz, g)
        z = _divide(counts - exp, sd)
        for j, col in enumerate(_COLUMNS):
            df[f"z_{col}"] = z[:, j]
    front = _actor_columns(G, T.nodes, attr)
    df = pd.concat([front, df], axis=1)
    # rows as lists of Python ints: iterating numpy rows costs seconds at 10^5 actors
    # one sentence per distinct row of counts: actors of a large network share most of them
    sentences: dict[tuple, str] = {}
    reasons = []
    for row in map(tuple, counts.tolist()):
        text = sentences.get(row)
        if text is None:
            text = sentences[row] = _reason(*row, words)
        reasons.append(text)
    df["reason"] = pd.Series(reasons, index=df.index, dtype=object)
    order = np.lexsort((np.arange(len(df)), -df["total"].to_numpy()))
    return df.iloc[order]


def _counts(A: sp.csr_array, g: np.ndarray) -> np.ndarray:
    """The five role counts and their total, an ``n x 6`` int array."""
    raw = _raw_counts(A, g)
    return np.column_stack([raw, raw.sum(axis=1)])


def brokerage_counts(G: nx.Graph, attr: str, relations) -> pd.DataFrame:
    """Role counts only (columns ``coordinator .. liaison, total``), in canonical actor order.

    The numbers of :func:`brokerage_roles` without its labels, sentences and
    sorting, for callers that only read the counts (hybrids, the actor table).
    """
    T, A, g, _names = _prepare(G, attr, relations)
    return pd.DataFrame(_counts(A, g), index=pd.Index(T.nodes, name="id"), columns=list(_COLUMNS))


def _node_expectations(N: int, m: int, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if N == 0:
        return np.zeros((0, 6)), np.zeros((0, 6))
    sizes = np.bincount(g)
    e, v = _expected(sizes, N, m)
    return e[g], np.sqrt(v[g])


def _actor_columns(G: nx.Graph, nodes: list, attr: str) -> pd.DataFrame:
    index = pd.Index(nodes, name="id")
    data = {
        "label": [G.nodes[n].get("label", str(n)) or str(n) for n in nodes],
        "sector": [G.nodes[n].get("sector") for n in nodes],
    }
    if attr != "sector":
        data["group"] = [G.nodes[n].get(attr) for n in nodes]
    return pd.DataFrame(data, index=index, dtype=object)


@keyword_only("attr")
def brokerage_summary(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Network-level brokerage: observed, expected, sd and z per role (sna's ``*.gli``).

    The observed value is the number of open two-paths of each role in the
    whole network; the expectation and standard deviation are Gould &
    Fernandez's, conditional on the number of actors, the density
    ``d = arcs / (N (N - 1))`` and the group sizes, as in ``sna::brokerage``
    (``raw.gli``, ``exp.gli``, ``sd.gli``, ``z.gli``). A large positive ``z``
    for ``liaison`` or ``gatekeeper`` means more brokerage across worlds than a
    random assignment of actors to groups would give.

    Parameters
    ----------
    G : networkx graph
        The actor graph; not modified.
    attr : str, default "sector"
        Node attribute holding the group.
    relations : str or iterable of str, optional
        Relations that count as ties (default: all positive ties).

    Returns
    -------
    pandas.DataFrame
        Indexed by role (``coordinator`` ... ``liaison``, ``total``; index
        name ``"role"``), columns ``sna`` (sna's name), ``observed``,
        ``expected``, ``sd``, ``z``. Attribute ``attrs["groups"]`` holds the
        group sizes.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, "sector")
    >>> brokerage_summary(G)["observed"].tolist()
    [0, 0, 1, 1, 0, 2]
    """
    check_graph(G, needs=(attr,), caller="brokerage_summary")
    T, A, g, names = _prepare(G, attr, relations)
    raw = _raw_counts(A, g)
    observed = np.append(raw.sum(axis=0), raw.sum())
    if T.n:
        e, v = _global_expected(np.bincount(g, minlength=len(names)), T.n, A.nnz)
    else:
        e, v = np.full(6, np.nan), np.full(6, np.nan)
    sd = np.sqrt(v)
    out = pd.DataFrame(
        {
            "sna": [_SNA_NAMES[c] for c in _COLUMNS],
            "observed": observed.astype(np.int64),
            "expected": e,
            "sd": sd,
            "z": _divide(observed - e, sd),
        },
        index=pd.Index(list(_COLUMNS), name="role"),
    )
    out.attrs["groups"] = {str(name): int(c) for name, c in zip(names, np.bincount(g, minlength=len(names)), strict=True)}
    return out
