"""Burt's (1992) structural holes: effective size, efficiency, constraint, hierarchy.

Computed on sparse matrices (CSR), so 10^5 actors and 10^6 ties take seconds
and never a dense ``n x n`` matrix.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from alliances.analysis import _fast
from alliances.analysis.display import count_text, decimal_text
from alliances.i18n import resolve_lang, translation
from alliances.model import check_graph

__all__ = ["burt_measures", "structural_holes"]

# rows handled at once in the masked products: bounds memory on hubs
_BLOCK = 4096


def _masked_product(X: sp.csr_array, Y: sp.csr_array, mask: sp.csr_array) -> sp.csr_array:
    """``(X @ Y)`` kept only where ``mask`` has an entry (same sparsity pattern and order as ``mask``).

    Computed by row blocks, so the full product (which can be much denser than
    the graph around hubs) is never held in memory. ``mask`` must have sorted
    indices.
    """
    n_rows, n_cols = mask.shape
    data = np.zeros(mask.nnz)
    for start in range(0, n_rows, _BLOCK):
        stop = min(n_rows, start + _BLOCK)
        lo, hi = mask.indptr[start], mask.indptr[stop]
        if lo == hi:
            continue
        pattern = sp.csr_array(
            (np.ones(hi - lo), mask.indices[lo:hi], mask.indptr[start:stop + 1] - lo),
            shape=(stop - start, n_cols),
        )
        kept = (X[start:stop] @ Y).multiply(pattern).tocoo()
        if kept.nnz == 0:
            continue
        found = kept.row.astype(np.int64) * n_cols + kept.col
        order = np.argsort(found)
        found, values = found[order], kept.data[order]
        rows = np.repeat(np.arange(stop - start, dtype=np.int64), np.diff(pattern.indptr))
        wanted = rows * n_cols + mask.indices[lo:hi]
        pos = np.minimum(np.searchsorted(found, wanted), len(found) - 1)
        hit = found[pos] == wanted
        block = np.zeros(hi - lo)
        block[hit] = values[pos[hit]]
        data[lo:hi] = block
    return sp.csr_array((data, mask.indices.copy(), mask.indptr.copy()), shape=mask.shape)


def burt_measures(S: sp.csr_array) -> dict[str, np.ndarray]:
    """Burt's measures from a symmetric, non-negative tie-strength matrix ``S`` (``z_ij + z_ji``).

    Returns a dict of arrays ``degree, effective_size, efficiency, constraint,
    hierarchy`` (NaN where undefined). Used by :func:`structural_holes`; exposed
    for callers that already hold a matrix.

    Examples
    --------
    >>> S = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float))
    >>> burt_measures(S)["constraint"].round(3).tolist()
    [0.5, 1.0, 1.0]
    """
    S = sp.csr_array(S, dtype=float)
    S.setdiag(0)
    S.eliminate_zeros()
    S.sort_indices()
    n = S.shape[0]
    degree = np.diff(S.indptr).astype(float)
    strength = np.asarray(S.sum(axis=1)).ravel()
    rows = np.repeat(np.arange(n), np.diff(S.indptr))
    cols = S.indices
    with np.errstate(divide="ignore", invalid="ignore"):
        p = S.data / strength[rows]  # p_ij: share of i's network time and energy spent on j
    P = sp.csr_array((p, cols, S.indptr), shape=S.shape)
    maxw = np.zeros(n)
    if S.nnz:
        np.maximum.at(maxw, rows, S.data)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = S.data / maxw[rows]  # m_jq: j's tie to q relative to j's strongest tie
    M = sp.csr_array((m, cols, S.indptr), shape=S.shape)

    # indirect_ij = sum_q p_iq p_qj over contacts j of i (q = i, j contribute 0: no self ties)
    indirect = _masked_product(P, P, S).data
    c_ij = (p + indirect) ** 2
    constraint = np.bincount(rows, weights=c_ij, minlength=n).astype(float)
    # redundancy of j for i = sum_q p_iq m_jq = (P @ M^T)_ij
    redundancy = _masked_product(P, M.T.tocsr(), S).data
    effective = np.bincount(rows, weights=1.0 - redundancy, minlength=n).astype(float)

    isolated = degree == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        efficiency = effective / degree
        # hierarchy: Burt (1992, p. 71) Coleman-Theil disorder index of the c_ij
        ratio = c_ij / (constraint[rows] / degree[rows])
        terms = ratio * np.log(ratio)
        hierarchy = np.bincount(rows, weights=terms, minlength=n) / (degree * np.log(degree))
    # equal c_ij give exactly 0, but leave rounding residue such as -4e-17 (the index is >= 0
    # by Gibbs' inequality), which a table would print as "-0.000"
    hierarchy[np.abs(hierarchy) < 1e-12] = 0.0
    hierarchy[degree < 2] = np.nan
    return {
        "degree": degree,
        "effective_size": effective,
        "efficiency": efficiency,
        "constraint": constraint,
        "hierarchy": hierarchy,
    }


#: "Spans structural holes" needs both: constraint below this (Burt's low constraint) ...
SPANS_CONSTRAINT = 0.3
#: ... and at least this share of its contacts non-redundant (efficiency).
SPANS_EFFICIENCY = 0.5


def spans_holes(constraint: float, efficiency: float) -> bool:
    """Constraint below 0.3 and efficiency at least 0.5: the actor's many contacts are mostly apart.

    Constraint alone is low for any actor with many contacts, even inside a
    clique (a member of a 20-actor clique has constraint 0.20 and efficiency
    0.05); efficiency alone is high for an actor with two unconnected
    contacts (constraint 0.5). Both must agree.
    """
    return bool(constraint < SPANS_CONSTRAINT and efficiency >= SPANS_EFFICIENCY)


class HoleWords:
    """The templates of the structural-hole sentences in one language, translated once per call."""

    def __init__(self, lang: str) -> None:
        tr = translation(lang)
        self.lang = lang
        self.none = tr.gettext("no contacts: structural holes are undefined")
        self.single = tr.gettext("a single contact: fully dependent on it (constraint {c})")
        self.head = tr.gettext("constraint {c}, efficiency {e} (effective size {size} of {n} contacts)")
        self.unconnected = tr.gettext("none of its {n} contacts are tied to each other")
        self.redundant = tr.gettext("most of its contacts are tied to each other (redundant)")
        self.some = tr.gettext("some of its contacts are tied to each other")
        self.spans = tr.gettext("{head}: spans structural holes; {tail}")
        self.low = tr.gettext("{head}: low constraint but {tail}: not spanning structural holes")
        self.plain = tr.gettext("{head}: {tail}")


def _reason(deg: int, c: float, effective: float, words: HoleWords) -> str:
    if deg == 0:
        return words.none
    lang = words.lang
    if deg == 1:
        return words.single.format(c=decimal_text(c, lang))
    efficiency = effective / deg
    n = count_text(deg, lang)
    head = words.head.format(c=decimal_text(c, lang), e=decimal_text(efficiency, lang),
                             size=decimal_text(effective, lang, 1), n=n)
    if effective >= deg - 1e-9:
        tail = words.unconnected.format(n=n)
    elif efficiency < SPANS_EFFICIENCY:
        tail = words.redundant
    else:
        tail = words.some
    if spans_holes(c, efficiency):
        return words.spans.format(head=head, tail=tail)
    if c < SPANS_CONSTRAINT:
        return words.low.format(head=head, tail=tail)
    return words.plain.format(head=head, tail=tail)


def _measures(G: nx.Graph, *, weight: str | None, relations) -> tuple[list, dict[str, np.ndarray]]:
    """Canonical actor order and :func:`burt_measures` of the undirected tie-strength matrix."""
    T = _fast.tie_matrix(G, relations=relations, weight=weight)
    W = T.weights if weight is not None else T.binary()
    S = (W + W.T).tocsr()
    return T.nodes, burt_measures(S)


def measure_frame(G: nx.Graph, *, weight: str | None, relations) -> pd.DataFrame:
    """The numbers of :func:`structural_holes` only, in canonical actor order (no labels, sentences, sorting)."""
    nodes, values = _measures(G, weight=weight, relations=relations)
    return pd.DataFrame(
        {c: values[c] for c in ("effective_size", "efficiency", "constraint", "hierarchy")},
        index=pd.Index(nodes, name="id"),
    )


def structural_holes(
    G: nx.Graph,
    *,
    weight: str | None = None,
    relations: str | Iterable[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Burt's structural-hole measures for every actor.

    Computed on the undirected tie graph of positive ties, with tie strength
    ``z_ij + z_ji`` (Burt 1992: the two directions of a tie add up). With
    ``weight=None`` each reported tie counts 1, so a tie both sides report
    weighs 2 and a one-sided tie 1, as in igraph's ``constraint`` on the
    directed graph; on an undirected ``Graph`` every tie weighs the same and
    the measures are Burt's binary ones. With ``p_ij = (z_ij + z_ji) /
    sum_k (z_ik + z_ki)`` (share of i's relations invested in j) and
    ``m_jq = (z_jq + z_qj) / max_k (z_jk + z_kj)``:

    - ``effective_size`` = ``sum_j (1 - sum_{q != i,j} p_iq m_jq)`` over i's
      contacts ``j``: the number of contacts minus their redundancy (Burt 1992,
      p. 52; equals ``n - 2t/n`` on a binary graph with ``t`` ties among the
      ``n`` contacts);
    - ``efficiency`` = effective size / number of contacts;
    - ``constraint`` = ``sum_j c_ij``, ``c_ij = (p_ij + sum_{q != i,j} p_iq
      p_qj)^2`` (Burt 1992, p. 55): from 1/n (contacts unconnected, the broker
      position) up to 1 and slightly above (one contact, or contacts all tied
      to each other); igraph's ``constraint``;
    - ``hierarchy`` = ``sum_j r_j ln r_j / (N ln N)`` with ``r_j = c_ij / (C /
      N)``, ``C`` the constraint and ``N`` the number of contacts (Burt 1992,
      p. 71; the Coleman-Theil index used by UCINET's structural holes
      routine): 0 when constraint is spread evenly over contacts, towards 1
      when one contact concentrates it.

    Parameters
    ----------
    G : networkx graph
        The actor graph or any ``Graph``/``DiGraph``; not modified.
    weight : str or None, default None
        Edge attribute holding tie strength (e.g. ``"weight"``, the frequency
        of contact); None counts each reported tie as 1.
    relations : str or iterable of str, optional
        Relations that count (default: all positive ties; negative ties never
        count).
    lang : {'en', 'fr'}, optional
        Language of the ``reason`` sentences (default: the environment's,
        ``ALLIANCES_LANG`` then the locale, English otherwise). Column names
        stay English identifiers (:func:`~alliances.analysis.display.display_table`
        translates headers).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``"id"``), columns ``label, sector, degree``
        (number of distinct contacts), ``effective_size, efficiency,
        constraint, hierarchy, reason``; sorted by constraint ascending (most
        brokerage first), NaN (isolated actors) last, ties by id.

    Notes
    -----
    The ``reason`` quotes constraint, efficiency and effective size, and says
    "spans structural holes" only when constraint is below 0.3 *and*
    efficiency is at least 0.5 (:func:`spans_holes`): many contacts lower
    constraint even when they all know each other, so constraint alone does
    not say so.

    Limits: the measures look only at an actor's direct contacts and the ties
    among them; a tie between two contacts that nobody reported makes them
    look non-redundant, so with non-respondents constraint is understated for
    actors whose contacts did not answer. One or two contacts give high
    constraint whatever their position; compare actors of similar degree.
    ``hierarchy`` is NaN with fewer than two contacts (``N ln N = 0``).
    networkx 3.6's ``effective_size`` with ``weight=`` disagrees with itself
    (its fast path is off) and densifies the adjacency matrix: this function
    is tested against the formulas and igraph instead.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of
    Competition*. Harvard University Press.

    Everett, M. G., & Borgatti, S. P. (2020). Unpacking Burt's constraint
    measure. *Social Networks*, 62, 50-57.

    Examples
    --------
    >>> G = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> df = structural_holes(G)
    >>> df.index.tolist()
    ['hub', 'c', 'a', 'b']
    >>> round(float(df.loc["hub", "effective_size"]), 4), round(float(df.loc["hub", "constraint"]), 4)
    (2.3333, 0.6111)
    """
    check_graph(G, caller="structural_holes")
    words = HoleWords(resolve_lang(lang))
    nodes, values = _measures(G, weight=weight, relations=relations)
    df = pd.DataFrame(
        {
            "label": pd.Series([G.nodes[n].get("label", str(n)) or str(n) for n in nodes], dtype=object),
            "sector": pd.Series([G.nodes[n].get("sector") for n in nodes], dtype=object),
            "degree": values["degree"].astype(np.int64),
            "effective_size": values["effective_size"],
            "efficiency": values["efficiency"],
            "constraint": values["constraint"],
            "hierarchy": values["hierarchy"],
        }
    )
    df.index = pd.Index(nodes, name="id")
    df["reason"] = pd.Series(
        [_reason(int(d), c, e, words) for d, c, e in zip(
            values["degree"], values["constraint"], values["effective_size"], strict=True)],
        index=df.index, dtype=object,
    )
    c = df["constraint"].to_numpy()
    key = np.where(np.isnan(c), np.inf, c)
    order = np.lexsort((np.arange(len(df)), np.isnan(c), key))
    return df.iloc[order]
