"""The actor table: everything per actor, computed once.

This is the table the maps, the report and the command line read. Each
underlying measure (brokerage roles, structural holes, betweenness,
components, clusters) is computed once and shared by the hybrid and
trusted-intermediary scores.
"""

from __future__ import annotations

import contextvars
import math
import warnings
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from alliances._deprecation import keyword_only
from alliances.analysis import _fast
from alliances.analysis.context import ALPHA, DRAWS, AnalysisContext, context_for
from alliances.analysis.hybrids import (
    ROLE_COLUMNS,
    brokerage_frame,
    hybrid_frame,
    node_labels,
    shared_respondent_flags,
    sort_frame,
)
from alliances.analysis.intermediaries import broker_position, intermediary_frame
from alliances.analysis.views import Rule, node_order
from alliances.errors import MissingWorldWarning
from alliances.i18n import resolve_lang, translation
from alliances.model import check_graph, tuple_value

__all__ = ["actor_table"]

COLUMNS = [
    "label", "sector", "sectors", "kind", "territory", "themes", "respondent",
    "in_degree", "out_degree", "degree", "betweenness", "constraint", "effective_size",
    "efficiency", "hierarchy", "participation", "worlds", "world_list",
    *ROLE_COLUMNS[:-1], "brokerage_total", "cross_brokerage",
    "hybrid_score", "is_hybrid", "intermediary_score", "is_trusted_intermediary",
    "trust_received", "trusted_by", "trusted_by_worlds", "negative",
    "component", "cluster", "key_score", "reason",
    "trusted_ties", "bridged_groups", "z", "p", "q", "declares",
    "hybrid_stability", "intermediary_stability", "stability",
]


@keyword_only("attr", "seed")
def actor_table(
    G: nx.Graph,
    *,
    attr: str = "sector",
    seed: int = 0,
    relations: str | Iterable[str] | None = None,
    betweenness_k: int | None = None,
    rule: Rule = "either",
    weighted: bool = False,
    trust_threshold: float = 0.7,
    draws: int = DRAWS,
    alpha: float = ALPHA,
    resamples: int | None = None,
    context: AnalysisContext | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    r"""One row per actor with every per-actor measure, for maps, reports and the CLI.

    Columns (see each function for formulas):

    * identity: ``label, sector, sectors, kind, territory, themes, respondent``;
    * degrees on the directed positive tie graph (distinct partners):
      ``in_degree`` (named by), ``out_degree`` (names), ``degree`` (distinct
      partners either way);
    * position: ``betweenness`` (normalised, undirected), Burt's
      ``constraint, effective_size, efficiency, hierarchy``
      (:func:`~alliances.structural_holes`);
    * worlds: ``participation, worlds, world_list`` and the Gould & Fernandez
      role counts ``coordinator, itinerant, representative, gatekeeper,
      liaison, brokerage_total, cross_brokerage``
      (:func:`~alliances.brokerage_roles`, :func:`~alliances.hybrid_actors`);
    * ``hybrid_score, is_hybrid`` (:func:`~alliances.hybrid_actors`);
    * ``intermediary_score, is_trusted_intermediary, trust_received,
      trusted_by, trusted_by_worlds, negative``
      (:func:`~alliances.trusted_intermediaries`);
    * ``component`` (0 = largest) and ``cluster`` (:func:`~alliances.clusters`,
      seeded, ``method="auto"``: Louvain below 20,000 actors, Leiden above, as
      :func:`~alliances.cluster_summary`);
    * ``key_score`` and ``reason``.

    **Main score** ``key_score = max(hybrid_score, intermediary_score)``: how
    much the actor matters for connecting worlds, in either of the two ways
    practitioners ask about. Rows are sorted by it (descending), then by id.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or a ``Graph``/``DiGraph``.
    attr : str, default "sector"
        Node attribute holding the world.
    seed : int, default 0
        Seed for clustering and sampled betweenness.
    relations : str or iterable of str, optional
        Relations that count as ties (default: every positive tie).
    betweenness_k : int, optional
        Sample size for approximate betweenness on large graphs.
    rule : {"either", "both"}, default "either"
        Undirected tie rule for worlds and participation.
    weighted : bool, default False
        Weighted participation coefficient.
    trust_threshold : float, default 0.7
        See :func:`~alliances.trusted_intermediaries`.
    lang : {'en', 'fr'}, optional
        Language of the ``reason`` sentences (default: the environment's,
        ``ALLIANCES_LANG`` then the locale, English otherwise). Column names
        stay English identifiers (:func:`~alliances.analysis.display.display_table`
        translates headers).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (``"id"``), the columns above. ``G`` is not modified.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("hub", {"sector": "public"}), ("a", {"sector": "public"}),
    ...                   ("b", {"sector": "company"}), ("c", {"sector": "research"})])
    >>> G.add_edges_from([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> t = actor_table(G)
    >>> t.index[0], int(t.loc["hub", "worlds"]), int(t.loc["hub", "degree"])
    ('hub', 3, 3)
    """
    check_graph(G, caller="actor_table")
    ctx = context_for(G, context, attr=attr, relations=relations, rule=rule, seed=seed,
                      draws=draws, alpha=alpha, trust_threshold=trust_threshold,
                      resamples=resamples, lang=lang)
    groups = ctx.groups
    # every measure below reads the same tie matrix and igraph copy: build them once
    with _fast.shared(G), warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=MissingWorldWarning)
        b = _betweenness_in_background(G, relations=relations, seed=seed, k=betweenness_k)
        roles = brokerage_frame(G, attr, relations)
        part = _partition(G, relations=relations, seed=seed)
        if b is not None:
            # the null-model draws and the groups of contacts do not need the betweenness:
            # computed here, they run on this thread while the betweenness runs on the others
            ctx.null()
            ctx.bridged_groups()
        # last: it waits for the betweenness when that runs on a thread
        pos = broker_position(G, relations=relations, weight=None, seed=seed, k=betweenness_k, b=b)
        return _table(G, groups, roles, pos, part, relations=relations, rule=rule,
                      weighted=weighted, trust_threshold=ctx.trust_threshold, context=ctx,
                      lang=resolve_lang(lang))


def _betweenness_in_background(G: nx.Graph, *, relations: Any, seed: int,
                               k: int | None) -> Future | None:
    """Start the betweenness on a thread when the compiled kernel computes it, else None.

    The kernel releases the GIL, so the other measures of the table are computed
    meanwhile; its result does not depend on threads. Not with igraph, whose
    worker processes are forked: forking while a thread runs is unsafe.
    """
    from alliances.analysis.centrality import betweenness, uses_compiled_kernel

    if not uses_compiled_kernel(G, relations=relations, k=k):
        return None
    # the thread runs in a copy of this context, so it reads the views cached here
    # (built above by uses_compiled_kernel) instead of reading the graph again
    context = contextvars.copy_context()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alliances-betweenness")
    try:
        return pool.submit(context.run, betweenness, G, relations=relations, directed=False,
                           weight=None, normalized=True, k=k, seed=seed)
    finally:
        pool.shutdown(wait=False)


def _partition(G: nx.Graph, *, relations: Any, seed: int) -> pd.DataFrame:
    from alliances.analysis.clusters import clusters, components

    # Louvain below 20,000 actors, Leiden above (as cluster_summary): see clusters.AUTO_LEIDEN_FROM
    cl = clusters(G, seed=seed, relations=relations, method="auto")
    if "component" in cl.columns:  # clusters() reports the components too: compute once
        comp = cl["component"]
    else:
        comp = components(G, relations=relations)["component"].reindex(cl.index)
    return pd.DataFrame({"component": comp, "cluster": cl["cluster"]})


def _table(G: nx.Graph, groups: dict, roles: pd.DataFrame, pos: pd.DataFrame,
           part: pd.DataFrame, *, relations: Any, rule: Rule, weighted: bool,
           trust_threshold: float, context: AnalysisContext, lang: str) -> pd.DataFrame:
    nodes = node_order(G)
    # unsorted (canonical order): they are reindexed by actor just below; one context,
    # so the null-model draws and the resamples are computed once for both flags
    hy = hybrid_frame(G, groups, roles, relations=relations, rule=rule, weighted=weighted,
                      sort=False, context=context, lang=lang)
    ti = intermediary_frame(G, groups, pos["betweenness"], pos["constraint"],
                            trust_threshold=trust_threshold, sort=False, context=context,
                            trust_relations=context.trust_relations, lang=lang)
    # column-wise from the precomputed frames: row-by-row pandas access is slow on 10^5 actors
    hy = hy.reindex(nodes)
    ti = ti.reindex(nodes)
    pos = pos.reindex(nodes)
    part = part.reindex(nodes)
    T = _fast.tie_matrix(G, relations=relations, weight=None)
    A = T.binary()  # distinct partners: A[i, j] = 1 if i names j
    respondent = shared_respondent_flags(G)
    node_data = G._node  # the attribute dicts themselves (G.nodes[n] is the same dict, slower)
    data = [node_data[n] for n in nodes]
    degree = np.diff(_fast.binary_undirected(T).indptr).tolist()
    cols: dict[str, Any] = {
        "label": list(node_labels(G)),
        "sector": [groups[n] for n in nodes],
        "sectors": [tuple_value(d.get("sectors")) for d in data],
        "kind": [d.get("kind") for d in data],
        "territory": [d.get("territory") for d in data],
        "themes": [tuple_value(d.get("themes")) for d in data],
        "respondent": [respondent[n] for n in nodes],
        "in_degree": np.bincount(A.indices, minlength=T.n).tolist(),
        "out_degree": np.diff(A.indptr).tolist(),
        "degree": degree,
    }
    for c in ("betweenness", "constraint", "effective_size", "efficiency", "hierarchy"):
        cols[c] = (pd.to_numeric(pos[c], errors="coerce").astype(float).tolist()
                   if c in pos.columns else [math.nan] * len(nodes))
    cols["participation"] = hy["participation"].astype(float).tolist()
    cols["worlds"] = hy["worlds"].astype("int64").tolist()
    cols["world_list"] = hy["world_list"].tolist()
    for c in ROLE_COLUMNS[:-1]:
        cols[c] = hy[c].astype("int64").tolist()
    cols["brokerage_total"] = hy[list(ROLE_COLUMNS[:-1])].sum(axis=1).astype("int64").tolist()
    cols["cross_brokerage"] = hy["cross_brokerage"].astype("int64").tolist()
    cols["hybrid_score"] = hy["score"].astype(float).tolist()
    cols["is_hybrid"] = hy["is_hybrid"].astype(bool).tolist()
    cols["intermediary_score"] = ti["score"].astype(float).tolist()
    cols["is_trusted_intermediary"] = ti["is_trusted_intermediary"].astype(bool).tolist()
    cols["trust_received"] = ti["trust_received"].astype(float).tolist()
    for c in ("trusted_by", "trusted_by_worlds", "negative"):
        cols[c] = ti[c].astype("int64").tolist()
    cols["component"] = part["component"].astype("int64").tolist()
    cols["cluster"] = part["cluster"].astype("int64").tolist()
    cols["key_score"] = [max(a, b) for a, b in zip(cols["hybrid_score"],
                                                   cols["intermediary_score"], strict=True)]
    words = TableWords(lang)
    cols["reason"] = [
        _reason(*args, words) for args in zip(
            cols["is_hybrid"], hy["reason"].tolist(), cols["is_trusted_intermediary"],
            ti["reason"].tolist(), degree, cols["component"], cols["respondent"], strict=True)
    ]
    cols["trusted_ties"] = hy["trusted_ties"].astype("int64").tolist()
    cols["bridged_groups"] = ti["bridged_groups"].astype("int64").tolist()
    for c in ("z", "p", "q"):
        cols[c] = hy[c].astype(float).tolist()
    cols["declares"] = hy["declares"].tolist()
    hs = hy["stability"].astype(float).to_numpy()
    its = ti["stability"].astype(float).to_numpy()
    cols["hybrid_stability"] = hs.tolist()
    cols["intermediary_stability"] = its.tolist()
    hyf = np.asarray(cols["is_hybrid"], dtype=bool)
    tif = np.asarray(cols["is_trusted_intermediary"], dtype=bool)
    with np.errstate(invalid="ignore"):
        both = np.where(hyf & tif, np.fmax(hs, its), np.where(hyf, hs, np.where(tif, its, np.nan)))
    cols["stability"] = both.tolist()
    frame = pd.DataFrame(cols, index=pd.Index(nodes, name="id", dtype=object), columns=COLUMNS)
    return sort_frame(frame, "key_score")


class TableWords:
    """The actor table's own sentence pieces in one language, translated once per call."""

    def __init__(self, lang: str) -> None:
        tr = translation(lang)
        self.sep = tr.gettext("; ")
        self.isolated = tr.gettext("isolated: no positive tie in the data")
        self.no_answer = tr.gettext("did not answer the survey")
        self.outside = tr.gettext("outside the main connected group")


def _reason(is_hybrid: bool, hybrid_reason: str, is_ti: bool, ti_reason: str, degree: int,
            component: int, respondent: bool, words: TableWords) -> str:
    """The key sentences: flags first, then the worlds, then the data caveats."""
    if degree == 0:
        text = words.isolated
        if not respondent:
            text += words.sep + words.no_answer
        return text
    parts = []
    if is_hybrid:
        parts.append(hybrid_reason)
    if is_ti:
        parts.append(ti_reason)
    if not parts:
        parts.append(hybrid_reason)
    if component != 0:
        parts.append(words.outside)
    return " | ".join(parts)
