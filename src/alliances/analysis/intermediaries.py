"""Trusted intermediaries: well-placed brokers that others trust.

CASES.md, condition 5: trusted third parties are the "transmission belt" of a
territory. A good position is not enough (a funder on every path may be
feared rather than trusted) and trust is not enough (a well-liked actor inside
one world connects nobody). :func:`trusted_intermediaries` combines both; the
formulas are in its docstring and in ``docs/methods/intermediaries.md``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import pandas as pd

from alliances.analysis.hybrids import (
    _frame,
    node_label,
    respondent_flags,
    sector_name,
    sort_frame,
)
from alliances.analysis.views import (
    _edge_relation,
    group_labels,
    node_order,
    resolve_relations,
    tie_matrix,
)

__all__ = ["trusted_intermediaries"]

TRUST_THRESHOLD = 0.7
MIN_TRUSTED_BY = 3
MIN_TRUSTED_WORLDS = 3
MIN_POSITION = 0.1
MAX_NEGATIVE_SHARE = 1 / 3


def trusted_intermediaries(
    G: nx.Graph,
    attr: str = "sector",
    *,
    relations: str | Iterable[str] | None = None,
    trust_threshold: float = TRUST_THRESHOLD,
    weight: str | None = None,
    seed: int = 0,
    trust_relations: str | Iterable[str] | None = None,
    betweenness_k: int | None = None,
    min_trusted_by: int = MIN_TRUSTED_BY,
    min_trusted_worlds: int = MIN_TRUSTED_WORLDS,
) -> pd.DataFrame:
    r"""Find the trusted intermediaries: brokers that actors of several worlds trust.

    **Position** (on the undirected tie graph of positive ties, rule
    "either", the ``relations`` chosen):

    * ``betweenness``: normalised betweenness centrality (Freeman 1977), the
      share of shortest paths between other actors that go through the actor.
      With ``weight="weight"`` paths follow strong ties: the length of a tie
      is ``1 / strength``.
    * ``constraint``: Burt's (1992) constraint; low = the actor's contacts
      are not connected to each other, so it spans structural holes.

    **Trust received** (from every positive incoming tie, whatever the
    relation, unless ``trust_relations`` is given):

    * ``trust_received``: mean of the trust ratings (0..1) that other actors
      give it (one value per rater: the highest over its relations; a
      ``trust`` relation without a rating counts 1.0). NaN when nobody rated it.
    * ``trusted_by``: distinct actors whose rating is ``>= trust_threshold``;
      ``trusted_by_worlds``: how many worlds (``attr``) they come from.
    * ``reciprocated``: partners with a positive tie both ways.
    * ``negative``: distinct actors sending it a negative tie (conflict,
      negative interview mention: ``sign == -1``). Negative ties never count as
      position or trust; they lower the score.

    **When the data holds no trust rating at all** (``trust_basis ==
    "proxy"``), ``trusted_by`` counts the actors that have a *confirmed*
    (reciprocated) positive tie with it or mention it positively in an
    interview, and ``reason`` says so.

    **Score** (0..1):

    .. math::

        \text{position}_i = \tfrac12\Big(\frac{b_i}{\max_j b_j} + 1 - \min(1, C_i)\Big)

        \text{trust}_i = \tfrac13\Big(\bar t_i + \frac{n_i}{\max_j n_j}
        + \frac{m_i}{W}\Big)
        \quad\text{(proxy: } \bar t_i \text{ replaced by the reciprocated share)}

        \text{score}_i = \sqrt{\text{position}_i\cdot\text{trust}_i}\;
        \big(1 - \tfrac{\text{neg}_i}{\text{neg}_i + \text{pos}_i}\big)

    with :math:`b` betweenness, :math:`C` constraint (NaN counts 1),
    :math:`\bar t` trust_received (NaN counts 0), :math:`n` trusted_by,
    :math:`m` trusted_by_worlds, :math:`W` number of worlds in the network,
    :math:`\text{pos}` distinct actors sending it a positive tie. The geometric
    mean needs both halves: a broker nobody trusts, or a trusted actor on no
    path between others, scores 0.

    **Flag** ``is_trusted_intermediary``: trusted by at least
    ``min_trusted_by`` (3) actors from at least ``min_trusted_worlds`` (3)
    worlds (a third party is trusted *across* worlds, not by its own circle
    and one partner), betweenness at least 10% of the network's highest (and
    above 0), and fewer than a third of the actors who cite it cite it
    negatively.

    Parameters
    ----------
    G : networkx graph
        The actor graph (``MultiDiGraph``), or a ``Graph``/``DiGraph``.
    attr : str, default "sector"
        Node attribute holding the world.
    relations : str or iterable of str, optional
        Relations that make the position graph (default: all positive ties).
    trust_threshold : float, default 0.7
        Rating (0..1) from which a rater counts in ``trusted_by``.
    weight : str or None, default None
        Edge attribute of tie strength for weighted betweenness and constraint.
    seed : int, default 0
        Seed for sampled betweenness (large graphs only).
    trust_relations : str or iterable of str, optional
        Relations read for trust (default: all).
    betweenness_k : int, optional
        Sample size for approximate betweenness (default: exact below a size).
    min_trusted_by, min_trusted_worlds : int, default 3
        Flag thresholds on ``trusted_by`` and ``trusted_by_worlds``.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id, columns ``label, sector, betweenness, constraint,
        trust_received, trusted_by, trusted_by_worlds, trusted_by_world_list,
        reciprocated, positive_by, negative, trust_basis, position, trust,
        score, is_trusted_intermediary, respondent, reason``; flagged first,
        then by score (descending) and id. ``G`` is not modified.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on
    betweenness. *Sociometry* 40, 35-41.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("m", {"sector": "intermediary"}), ("a", {"sector": "public"}),
    ...                   ("b", {"sector": "company"}), ("c", {"sector": "association"})])
    >>> G.add_edges_from([(x, "m", {"trust": 0.9}) for x in "abc"])
    >>> t = trusted_intermediaries(G)
    >>> int(t.loc["m", "trusted_by"]), int(t.loc["m", "trusted_by_worlds"])
    (3, 3)
    >>> bool(t.loc["m", "is_trusted_intermediary"])
    True
    >>> bool(t.loc["a", "is_trusted_intermediary"])
    False
    """
    nodes = node_order(G)
    groups = dict(zip(nodes, group_labels(G, attr, nodes), strict=True))
    position = _position(G, relations=relations, weight=weight, seed=seed, k=betweenness_k)
    return _intermediary_frame(
        G, groups, position["betweenness"], position["constraint"],
        trust_threshold=trust_threshold, trust_relations=trust_relations,
        min_trusted_by=min_trusted_by, min_trusted_worlds=min_trusted_worlds,
    )


# --------------------------------------------------------------------------- internals


def _position(G: nx.Graph, *, relations: Any, weight: str | None, seed: int,
              k: int | None) -> pd.DataFrame:
    """Betweenness and Burt's measures, from the centrality and holes modules."""
    from alliances.analysis.centrality import betweenness
    from alliances.analysis.holes import structural_holes

    b = betweenness(G, relations=relations, directed=False, weight=weight,
                    normalized=True, k=k, seed=seed)
    if not tie_matrix(G, relations=relations).weights.nnz:
        # no tie at all: Burt's measures are undefined for everybody
        nan = [math.nan] * len(b)
        return pd.DataFrame({"effective_size": nan, "efficiency": nan, "constraint": nan,
                             "hierarchy": nan, "betweenness": b.to_numpy(dtype=float)},
                            index=pd.Index(b.index, name="id"))
    h = structural_holes(G, weight=weight, relations=relations)
    out = h.copy()
    out["betweenness"] = b.reindex(out.index)
    return out


def _trust_evidence(G: nx.Graph, relations: Any) -> dict[str, Any]:
    """Per target: rating per rater, positive senders, negative senders, positive mentions."""
    rels = resolve_relations(G, relations)
    rated: dict[Hashable, dict[Hashable, float]] = {}
    pos_in: dict[Hashable, set] = {}
    neg_in: dict[Hashable, set] = {}
    mentions: dict[Hashable, set] = {}
    out_pos: dict[Hashable, set] = {}
    if G.is_multigraph():
        edges = ((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    arcs = []
    for u, v, k, d in edges:
        arcs.append((u, v, k, d))
        if not G.is_directed():
            arcs.append((v, u, k, d))
    for u, v, k, d in arcs:
        if u == v:
            continue
        rel = _edge_relation(k, d)
        if rels is not None and rel not in rels:
            continue
        sign = d.get("sign", 1)
        sign = 1 if sign is None else int(sign)
        if sign < 0:
            neg_in.setdefault(v, set()).add(u)
            continue
        pos_in.setdefault(v, set()).add(u)
        out_pos.setdefault(u, set()).add(v)
        trust = d.get("trust")
        if trust is not None and isinstance(trust, float) and math.isnan(trust):
            trust = None
        if trust is None and rel == "trust":
            trust = 1.0
        if trust is not None:
            r = rated.setdefault(v, {})
            r[u] = max(float(trust), r.get(u, -math.inf))
        if rel == "mention":
            mentions.setdefault(v, set()).add(u)
    return {"rated": rated, "pos_in": pos_in, "neg_in": neg_in, "mentions": mentions,
            "out_pos": out_pos}


def _intermediary_frame(
    G: nx.Graph,
    groups: dict[Hashable, Any],
    betweenness: pd.Series,
    constraint: pd.Series,
    *,
    trust_threshold: float = TRUST_THRESHOLD,
    trust_relations: Any = None,
    min_trusted_by: int = MIN_TRUSTED_BY,
    min_trusted_worlds: int = MIN_TRUSTED_WORLDS,
) -> pd.DataFrame:
    """Trusted-intermediary table from precomputed betweenness and constraint."""
    if not 0.0 <= trust_threshold <= 1.0:
        raise ValueError(f"trust_threshold is a trust rating on 0..1, got {trust_threshold!r}")
    nodes = node_order(G)
    ev = _trust_evidence(G, trust_relations)
    has_ratings = bool(ev["rated"])
    basis = "ratings" if has_ratings else "proxy"
    W = len({g for g in groups.values() if g is not None})
    respondent = respondent_flags(G, nodes)

    per: dict[Hashable, dict[str, Any]] = {}
    for n in nodes:
        pos = ev["pos_in"].get(n, set())
        outs = ev["out_pos"].get(n, set())
        recip = pos & outs
        alters = pos | outs
        if has_ratings:
            ratings = ev["rated"].get(n, {})
            trusters = {u for u, t in ratings.items() if t >= trust_threshold}
            t_mean = sum(ratings.values()) / len(ratings) if ratings else math.nan
            n_rated = len(ratings)
        else:
            trusters = set(recip) | ev["mentions"].get(n, set())
            t_mean = math.nan
            n_rated = 0
        tworlds = sorted({groups.get(u) for u in trusters if groups.get(u) is not None}, key=str)
        per[n] = {
            "trusters": trusters, "t_mean": t_mean, "n_rated": n_rated, "tworlds": tworlds,
            "recip": len(recip), "alters": len(alters), "pos": len(pos),
            "neg": len(ev["neg_in"].get(n, set())), "mentions": len(ev["mentions"].get(n, set())),
        }
    b = {n: _num(betweenness.get(n, math.nan)) for n in nodes}
    c = {n: _num(constraint.get(n, math.nan)) for n in nodes}
    bmax = max((x for x in b.values() if not math.isnan(x)), default=0.0)
    nmax = max((len(p["trusters"]) for p in per.values()), default=0)

    rows = []
    for n in nodes:
        p = per[n]
        bn = b[n] / bmax if bmax > 0 and not math.isnan(b[n]) else 0.0
        openness = 1.0 - min(1.0, c[n]) if not math.isnan(c[n]) else 0.0
        position = (bn + openness) / 2.0
        first = p["t_mean"] if has_ratings else (p["recip"] / p["alters"] if p["alters"] else 0.0)
        first = 0.0 if math.isnan(first) else first
        trust = (first + (len(p["trusters"]) / nmax if nmax else 0.0)
                 + (len(p["tworlds"]) / W if W else 0.0)) / 3.0
        cited = p["neg"] + p["pos"]
        neg_share = p["neg"] / cited if cited else 0.0
        score = math.sqrt(position * trust) * (1.0 - neg_share)
        flag = bool(
            len(p["trusters"]) >= min_trusted_by
            and len(p["tworlds"]) >= min_trusted_worlds
            and bmax > 0 and b[n] > 0 and bn >= MIN_POSITION
            and neg_share < MAX_NEGATIVE_SHARE
        )
        rows.append({
            "id": n,
            "label": node_label(G, n),
            "sector": groups.get(n),
            "betweenness": b[n],
            "constraint": c[n],
            "trust_received": p["t_mean"],
            "trusted_by": len(p["trusters"]),
            "trusted_by_worlds": len(p["tworlds"]),
            "trusted_by_world_list": tuple(p["tworlds"]),
            "reciprocated": p["recip"],
            "positive_by": p["pos"],
            "negative": p["neg"],
            "trust_basis": basis,
            "position": position,
            "trust": trust,
            "score": score,
            "is_trusted_intermediary": flag,
            "respondent": respondent[n],
            "reason": _reason(p, b[n], c[n], flag, has_ratings, trust_threshold, respondent[n]),
        })
    frame = _frame(rows, ["label", "sector", "betweenness", "constraint", "trust_received",
                          "trusted_by", "trusted_by_worlds", "trusted_by_world_list",
                          "reciprocated", "positive_by", "negative", "trust_basis", "position",
                          "trust", "score", "is_trusted_intermediary", "respondent", "reason"])
    for col in ("trusted_by", "trusted_by_worlds", "reciprocated", "positive_by", "negative"):
        frame[col] = frame[col].astype("int64")
    for col in ("betweenness", "constraint", "trust_received"):
        frame[col] = frame[col].astype(float)
    return sort_frame(frame, "score", flag="is_trusted_intermediary")


def _num(x: Any) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _reason(p: dict, b: float, c: float, flag: bool, has_ratings: bool, threshold: float,
            respondent: bool) -> str:
    parts = []
    n = len(p["trusters"])
    worlds = ", ".join(sector_name(g) for g in p["tworlds"])
    if has_ratings:
        if p["n_rated"]:
            parts.append(f"trusted (rating >= {threshold:g}) by {n} actor{'s' if n != 1 else ''}"
                         + (f" from {len(p['tworlds'])} world{'s' if len(p['tworlds']) != 1 else ''}"
                            f": {worlds}" if p["tworlds"] else "")
                         + f"; mean trust received {p['t_mean']:.2f} from {p['n_rated']} rater"
                         + ("s" if p["n_rated"] != 1 else ""))
        else:
            parts.append("nobody rated its trustworthiness")
    else:
        parts.append(f"no trust ratings in the data: trust read from {p['recip']} confirmed "
                     f"(two-way) tie{'s' if p['recip'] != 1 else ''} and {p['mentions']} positive "
                     f"interview mention{'s' if p['mentions'] != 1 else ''}"
                     + (f" ({n} actors from {len(p['tworlds'])} worlds: {worlds})" if n else ""))
    if not math.isnan(b):
        parts.append(f"on {100 * b:.0f}% of shortest paths between others (betweenness {b:.3f})")
    if not math.isnan(c):
        parts.append(f"constraint {c:.2f}" + (" (spans structural holes)" if c < 0.5 else ""))
    if p["neg"]:
        parts.append(f"cited negatively by {p['neg']} actor{'s' if p['neg'] != 1 else ''}")
    if not respondent:
        parts.append("did not answer the survey: its own ties are unknown")
    return ("trusted intermediary: " if flag else "") + "; ".join(parts)

