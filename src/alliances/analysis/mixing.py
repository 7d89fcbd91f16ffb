"""Who ties with whom across groups: mixing matrix, E-I index, assortativity.

* :func:`mixing_matrix`: group x group tie counts (rows = sender on directed
  data), the table behind every "do worlds talk to each other" question.
* :func:`ei_index`: Krackhardt & Stern's (1988) E-I index per group and for
  the whole network, with its value under random mixing and, optionally, a
  permutation test; the whole-network row also carries Newman's (2003)
  attribute assortativity.

Both count ties on the positive tie graph of :mod:`alliances.analysis.views`
(one tie per ordered pair whatever the number of relations between them;
negative ties only when asked with ``ties="negative"`` or ``ties="all"``).
Actors without a group are warned about and counted as the group
``"unknown"``. See ``docs/methods/mixing.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from alliances._deprecation import keyword_only
from alliances.analysis.clusters import number_text, world_name
from alliances.analysis.views import check_relations, group_labels, tie_matrix
from alliances.i18n import gettext, resolve_lang
from alliances.model import check_graph, read_arcs

__all__ = ["ei_index", "mixing_matrix"]

Ties = Literal["positive", "negative", "all"]
UNKNOWN = "unknown"


def _arcs(G: nx.Graph, relations, ties: str) -> tuple[list, sp.csr_array]:
    """Canonical nodes and the binary directed matrix of kept arcs (one per ordered pair)."""
    if ties == "positive":
        T = tie_matrix(G, relations=relations, weight=None)
        return T.nodes, T.binary()
    if ties not in ("negative", "all"):
        raise ValueError(f'ties must be "positive", "negative" or "all", got {ties!r}')
    arcs = read_arcs(G)
    rels = None if relations is None else check_relations(
        relations, arcs.present, has_ties=G.number_of_edges() > 0)
    keep = arcs.keep(rels, signed=True)
    if ties == "negative":
        keep &= arcs.sign < 0
    n = len(arcs.nodes)
    B = sp.coo_array((np.ones(int(keep.sum())), (arcs.u[keep], arcs.v[keep])), shape=(n, n)).tocsr()
    B.sum_duplicates()
    B.data = np.ones_like(B.data)
    return arcs.nodes, B


def _pairs(B: sp.csr_array, directed: bool) -> tuple[np.ndarray, np.ndarray]:
    """(source, target) positions: every arc, or every undirected pair once (i < j)."""
    M = B if directed else sp.triu(B + B.T, k=1, format="csr")
    M = M.tocoo()
    return M.row.astype(np.int64), M.col.astype(np.int64)


def _groups(G: nx.Graph, attr: str, nodes: list) -> tuple[list[Any], np.ndarray]:
    """Sorted group names (``"unknown"`` last) and the group position of each actor."""
    raw = group_labels(G, attr, nodes)
    values = [UNKNOWN if g is None else g for g in raw]
    names = sorted(set(values), key=lambda g: (g == UNKNOWN, type(g).__name__ != "str", str(g)))
    pos = {g: i for i, g in enumerate(names)}
    return names, np.fromiter((pos[g] for g in values), dtype=np.int64, count=len(values))


def _counts(code: np.ndarray, src: np.ndarray, dst: np.ndarray, k: int, directed: bool) -> np.ndarray:
    M = np.zeros((k, k), dtype=np.int64)
    np.add.at(M, (code[src], code[dst]), 1)
    if not directed:
        M = M + M.T  # each undirected tie counted once each way, as networkx does
    return M


def _assortativity(M: np.ndarray) -> float:
    """Newman (2003) r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i) on the normalised matrix."""
    total = M.sum()
    if total == 0:
        return float("nan")
    e = M / total
    ab = float((e.sum(axis=1) * e.sum(axis=0)).sum())
    if ab == 1.0:
        return float("nan")
    return (float(np.trace(e)) - ab) / (1 - ab)


@keyword_only("attr")
def mixing_matrix(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    directed: bool = True,
    normalized: bool = False,
    ties: Ties = "positive",
) -> pd.DataFrame:
    """Group x group tie counts.

    ``M[g, h]`` is the number of ties from an actor of group ``g`` to an
    actor of group ``h``.

    * ``directed=True`` (default): arcs of the directed tie graph; **rows are
      senders** (the actor who reported the tie), columns receivers. Several
      relations between the same ordered pair count once.
    * ``directed=False``: undirected ties (either side reports); each tie is
      counted once in each direction, so the matrix is symmetric and a tie
      inside a group adds 2 to the diagonal. This is the convention of
      :func:`networkx.attribute_mixing_matrix` and of Newman's assortativity.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or any ``Graph``/``DiGraph``. An
        undirected ``Graph`` is read as reciprocal arcs.
    attr : str, default "sector"
        Node attribute giving the group; actors without it form the group
        ``"unknown"`` (with a warning).
    relations : str or iterable of str, optional
        Relations that count as ties (default: all).
    directed : bool, default True
        Count arcs (True) or undirected ties (False).
    normalized : bool, default False
        Divide by the total, giving the joint distribution ``e_gh``.
    ties : {"positive", "negative", "all"}, default "positive"
        Which ties to count by sign: ``"negative"`` gives the conflict map.

    Returns
    -------
    pandas.DataFrame
        Square, groups sorted by name with ``"unknown"`` last; index name
        ``"from"`` and columns name ``"to"`` when directed, ``"group"`` otherwise.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company", "d": "company"}, "sector")
    >>> mixing_matrix(G)
    to       company  public
    from
    company        1       0
    public         1       2
    """
    check_graph(G, needs=(attr,), caller="mixing_matrix")
    nodes, B = _arcs(G, relations, ties)
    names, code = _groups(G, attr, nodes)
    src, dst = _pairs(B, directed)
    M = _counts(code, src, dst, len(names), directed)
    data: np.ndarray = M
    if normalized:
        total = M.sum()
        data = M / total if total else np.full(M.shape, np.nan)
    index = pd.Index(names, name="from" if directed else "group", dtype=object)
    columns = pd.Index(names, name="to" if directed else "group", dtype=object)
    return pd.DataFrame(data, index=index, columns=columns)


@keyword_only("attr")
def ei_index(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    directed: bool = True,
    ties: Ties = "positive",
    permutations: int = 0,
    seed: int | None = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    """Krackhardt & Stern's E-I index per group and for the whole network.

    .. math:: EI = \\frac{E - I}{E + I}

    with ``I`` the ties inside a group and ``E`` the ties crossing its
    boundary: -1 for a group that only ties with itself, +1 for one that
    only ties outside. Directed data count arcs (a tie reported both ways is
    two arcs); for a group, ``E`` counts arcs it sends and receives across
    its boundary; for the whole network each crossing arc counts once.

    ``expected_ei`` is the value under random mixing given group sizes (arcs
    placed uniformly at random among all ordered pairs of distinct actors),
    with ``N`` actors and ``n_g`` in group ``g``:

    * whole network: internal share ``p = sum_g n_g (n_g - 1) / (N (N - 1))``,
      ``expected_ei = 1 - 2 p``;
    * group ``g``: ``p_g = n_g (n_g - 1) / (n_g (n_g - 1) + 2 n_g (N - n_g))``
      (possible internal arcs over possible arcs touching ``g``),
      ``expected_ei = 1 - 2 p_g``.

    The same formulas hold for undirected ties. Compare ``ei`` with
    ``expected_ei``, not with 0: a small group is expected to look outward.

    Parameters
    ----------
    G : networkx graph
        The actor graph.
    attr : str, default "sector"
        Node attribute giving the group (missing: ``"unknown"``, with a warning).
    relations : str or iterable of str, optional
        Relations that count as ties (default: all).
    directed : bool, default True
        Count arcs (True) or undirected ties, either side reporting (False).
    ties : {"positive", "negative", "all"}, default "positive"
        Which ties to count by sign.
    permutations : int, default 0
        If positive, shuffle the group labels among actors that many times
        (keeping group sizes and the ties) and add ``p_value``: the two-sided
        share of shuffles whose E-I lies at least as far from the shuffles'
        mean as the observed one, ``(1 + count) / (1 + permutations)``.
    seed : int or None, default 0
        Seed of the permutations.
    lang : str, optional
        Language of the sentences (``"en"`` or ``"fr"``); None follows the
        environment (``ALLIANCES_LANG``, then the locale), English otherwise.

    Returns
    -------
    pandas.DataFrame
        Indexed by group (name ``"group"``, sorted, ``"unknown"`` last) with a
        last row ``"all"``; columns ``size``, ``internal``, ``external``,
        ``ei`` (NaN without ties), ``expected_ei``, [``p_value``],
        ``assortativity`` (Newman's attribute assortativity of the mixing
        matrix, on the ``"all"`` row only, as
        :func:`networkx.attribute_assortativity_coefficient` on the tie
        graph), ``reason``. ``df.attrs["assortativity"]`` repeats it.

    References
    ----------
    Krackhardt & Stern (1988), Informal networks and organizational crises:
    an experimental simulation, Social Psychology Quarterly 51(2), 123-140.
    Newman (2003), Mixing patterns in networks, Phys. Rev. E 67, 026126.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company", "d": "company"}, "sector")
    >>> ei_index(G)[["size", "internal", "external", "ei", "expected_ei"]]
             size  internal  external   ei  expected_ei
    group
    company     2         1         1  0.0     0.600000
    public      2         2         1 -0.333333     0.600000
    all         4         3         1 -0.5     0.333333
    """
    check_graph(G, needs=(attr,), caller="ei_index")
    lang = resolve_lang(lang)
    nodes, B = _arcs(G, relations, ties)
    names, code = _groups(G, attr, nodes)
    k, N = len(names), len(nodes)
    src, dst = _pairs(B, directed)
    internal, external, n_in, n_ex = _ei_counts(code, src, dst, k)
    sizes = np.bincount(code, minlength=k).astype(np.int64)

    with np.errstate(divide="ignore", invalid="ignore"):
        ei = np.append((external - internal) / (external + internal), (n_ex - n_in) / (n_ex + n_in) if n_ex + n_in else np.nan)
        possible_in = sizes * (sizes - 1.0)
        possible = possible_in + 2.0 * sizes * (N - sizes)
        p_g = np.where(possible > 0, possible_in / np.where(possible > 0, possible, 1), np.nan)
        p_all = possible_in.sum() / (N * (N - 1.0)) if N > 1 else np.nan
    expected = np.append(1 - 2 * p_g, 1 - 2 * p_all)

    M = _counts(code, src, dst, k, directed)
    r = _assortativity(M)
    df = pd.DataFrame(
        {
            "size": np.append(sizes, N),
            "internal": np.append(internal, n_in),
            "external": np.append(external, n_ex),
            "ei": ei,
            "expected_ei": expected,
        },
        index=pd.Index([*names, "all"], name="group", dtype=object),
    )
    if permutations > 0:
        df["p_value"] = _permutation_p(code, src, dst, k, ei, permutations, seed)
    df["assortativity"] = np.append(np.full(k, np.nan), r)
    texts = _ei_texts(lang)
    df["reason"] = pd.Series(
        [_ei_reason(_ei_group_name(g, attr, lang), df.iloc[i], texts) for i, g in enumerate(df.index)],
        index=df.index, dtype=object,
    )
    df.attrs.update(assortativity=r, attr=attr, directed=directed, ties=ties)
    return df


def _ei_counts(code: np.ndarray, src: np.ndarray, dst: np.ndarray, k: int):
    gs, gd = code[src], code[dst]
    same = gs == gd
    internal = np.bincount(gs[same], minlength=k)
    external = np.bincount(gs[~same], minlength=k) + np.bincount(gd[~same], minlength=k)
    return internal, external, int(same.sum()), int((~same).sum())


def _permutation_p(code, src, dst, k, observed, permutations: int, seed) -> np.ndarray:
    rng = np.random.default_rng(seed)
    null = np.empty((permutations, k + 1))
    for t in range(permutations):
        perm = rng.permutation(code)
        i_g, e_g, n_in, n_ex = _ei_counts(perm, src, dst, k)
        with np.errstate(divide="ignore", invalid="ignore"):
            null[t, :k] = (e_g - i_g) / (e_g + i_g)
            null[t, k] = (n_ex - n_in) / (n_ex + n_in) if n_ex + n_in else np.nan
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # groups with no tie: all-NaN columns
        centre = np.nanmean(null, axis=0)
        far = np.abs(null - centre) >= np.abs(observed - centre) - 1e-12
    p = (1 + far.sum(axis=0)) / (1 + permutations)
    return np.where(np.isnan(observed), np.nan, p)


def _ei_group_name(g: Any, attr: str, lang: str) -> str:
    """A group in a sentence: its code in English (as in the index), its label in French."""
    if g == "all":
        return gettext("the whole network", lang)
    if lang == "en":
        return str(g)
    return world_name(None if g == UNKNOWN else g, lang, attr)


def _ei_texts(lang: str) -> dict[str, str]:
    """The sentence templates of :func:`_ei_reason`, translated once per call."""
    return {
        "none": gettext("{who}: no tie, E-I undefined", lang),
        "counts": gettext("{who}: {internal} ties inside, {external} across groups; E-I {ei}", lang),
        "against": gettext("{text} against {expected} under random mixing", lang),
        "chance": gettext("{text}: mixes about as chance would", lang),
        "inward": gettext("{text}: more inward-looking than chance", lang),
        "outward": gettext("{text}: more outward-looking than chance", lang),
        "p": gettext("{text} (permutation p = {p})", lang),
        "p_ns": gettext("{text} (permutation p = {p}, not significant)", lang),
        "lang": lang,
    }


def _ei_reason(who: str, row: pd.Series, texts: dict[str, str]) -> str:
    lang = texts["lang"]
    i, e = int(row["internal"]), int(row["external"])
    if i + e == 0:
        return texts["none"].format(who=who)
    ei, exp = row["ei"], row["expected_ei"]
    text = texts["counts"].format(who=who, internal=i, external=e, ei=number_text(ei, lang, "+.2f"))
    if np.isnan(exp):
        return text
    text = texts["against"].format(text=text, expected=number_text(exp, lang, "+.2f"))
    gap = ei - exp
    if abs(gap) < 0.05:
        text = texts["chance"].format(text=text)
    elif gap < 0:
        text = texts["inward"].format(text=text)
    else:
        text = texts["outward"].format(text=text)
    if "p_value" in row.index and not np.isnan(row["p_value"]):
        p = row["p_value"]
        text = texts["p" if p < 0.05 else "p_ns"].format(text=text, p=number_text(p, lang, ".3f"))
    return text
