"""Before and after: compare survey waves of the same territory.

Territories run the same questionnaire again after an action (a
collaborathon, a committee's first year) to see whether actors now know and
trust each other, whether isolated groups got connected and whether new
go-betweens emerged. :func:`compare` matches two waves actor by actor and tie
by tie and reports the change in tables and in plain sentences;
:func:`compare_waves` does it for any number of waves and gives a tidy table
of per-actor metrics by wave for plotting.

Conventions (see ``docs/methods/compare.md``):

* actors are matched by **id** (the importers already resolve names and
  aliases into ids); ``aliases={old_id: new_id}`` renames actors between
  waves;
* a **tie** is one relation reported by one actor about another
  (``source, target, relation``), positive ties only unless ``relations=``
  names others; it is *kept* when reported in both waves, *gained* or *lost*
  otherwise;
* every headline figure is given twice: on each whole wave, and on the
  actors who **answered both waves** (the ties among them), so that a change
  is not mistaken for a change in who answered;
* the waves should come from the same kinds of data (survey, interviews,
  participation lists): when the ``origin`` of their ties differs, a warning
  and a finding say that part of the change reflects the data collection.

This module computes the tables; :mod:`alliances.analysis.change_findings`
writes the sentences from them (findings, reasons, notes), and drawing the
change is the maps layer's job.
"""

from __future__ import annotations

import html
import math
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from alliances._deprecation import keyword_only
from alliances.analysis import _fast, change_findings
from alliances.analysis.hybrids import node_label
from alliances.analysis.table import actor_table
from alliances.analysis.views import reciprocity
from alliances.errors import InputError, MissingWorldWarning, warn
from alliances.i18n import N_, gettext, pgettext, resolve_lang
from alliances.model import Tie, check_graph, is_missing, iter_ties

__all__ = ["Comparison", "Waves", "compare", "compare_waves"]

#: Per-actor metrics of :func:`~alliances.actor_table` carried into ``Comparison.actors``.
ACTOR_METRICS: tuple[str, ...] = (
    "in_degree", "out_degree", "degree", "betweenness", "constraint", "effective_size",
    "efficiency", "hierarchy", "participation", "worlds", "brokerage_total",
    "cross_brokerage", "hybrid_score", "is_hybrid", "intermediary_score",
    "is_trusted_intermediary", "trust_received", "trusted_by", "trusted_by_worlds",
    "negative", "component", "cluster", "key_score",
)

_BOOL_METRICS = ("is_hybrid", "is_trusted_intermediary")
_INT_METRICS = ("in_degree", "out_degree", "degree", "worlds", "brokerage_total",
                "cross_brokerage", "trusted_by", "trusted_by_worlds", "negative",
                "component", "cluster")

#: Headline figures of ``Comparison.summary``: name -> what it means.
SUMMARY_METRICS: dict[str, str] = {
    "actors": N_("actors in the wave (respondents and actors they named)"),
    "respondents": N_("actors who answered the survey"),
    "response_rate": N_("respondents / actors"),
    "ties": N_("ties: one relation reported by one actor about another"),
    "density": N_("share of ordered pairs of actors with at least one tie"),
    "reciprocity": N_("share of ties (ordered pairs) also reported the other way"),
    "cross_world_ties": N_("ties between actors of different worlds"),
    "cross_world_share": N_("cross-world ties / ties"),
    "ei_index": N_("Krackhardt-Stern E-I index of the whole network (-1 inward, +1 outward)"),
    "expected_ei": N_("E-I index expected under random mixing, given the group sizes"),
    "mean_trust": N_("mean trust (0-1) over the ties that carry a rating"),
    "mean_trust_kept": N_("mean trust (0-1) on the ties kept from one wave to the next, rated both times"),
    "components": N_("connected groups (isolated actors count as one each)"),
    "isolated": N_("actors without any tie"),
    "main_component_share": N_("share of actors in the largest connected group"),
    "clusters": N_("communities (clusters) found by modularity"),
    "modularity": N_("Newman's modularity of the clusters (higher: more separated groups)"),
    "hybrids": N_("actors flagged as hybrids (span several worlds)"),
    "trusted_intermediaries": N_("actors flagged as trusted intermediaries"),
}

_CHANGE_ORDER = {"gained": 0, "lost": 1, "kept": 2}
_TIE_COLUMNS = [
    "source", "target", "relation", "change", "trust_before", "trust_after", "trust_change",
    "weight_before", "weight_after", "sign", "source_label", "target_label",
    "source_sector", "target_sector", "cross_world", "both_answered", "source_answered", "note",
]


# --------------------------------------------------------------------------- helpers


def _key(n: Any) -> tuple[str, str]:
    """Sort key for actor ids of any type (as :func:`~alliances.analysis.views.node_order`)."""
    return (type(n).__name__, str(n)) if not isinstance(n, str) else ("str", n)


def _cross(a: Any, b: Any) -> bool:
    """A tie between two different, known worlds (an unknown world may be either)."""
    return a != b and a != "unknown" and b != "unknown"


def _group_value(value: Any) -> Any:
    return "unknown" if is_missing(value) or value == "" else value


def _resolve_aliases(aliases: Mapping[Hashable, Hashable] | None) -> dict[Hashable, Hashable]:
    """Follow alias chains (a -> b -> c gives a -> c); refuse cycles."""
    if not aliases:
        return {}
    out = {}
    for old in aliases:
        seen = [old]
        new = aliases[old]
        while new in aliases and new != seen[-1]:
            if new in seen:
                raise ValueError(f"aliases form a cycle: {' -> '.join(map(str, [*seen, new]))}; "
                                 "give each renamed actor one final id")
            seen.append(new)
            new = aliases[new]
        if new != old:
            out[old] = new
    return out


def _apply_aliases(G: nx.Graph, mapping: dict[Hashable, Hashable], label: str,
                   lang: str = "en") -> nx.Graph:
    """A relabelled copy of ``G`` (``G`` itself when nothing is renamed; never modified)."""
    used = {old: new for old, new in mapping.items() if old in G}
    if not used:
        return G
    targets = list(used.values())
    clashes = sorted({new for new in targets if new in G or targets.count(new) > 1}, key=_key)
    H = nx.relabel_nodes(G, used, copy=True)
    if clashes:
        warn(N_("in wave {wave}, renamed actors merge with actors already present: {ids}; their "
                "ties are pooled and the attributes of one of them are kept. Check the aliases."),
             wave=repr(label), ids=", ".join(map(str, clashes)), lang=lang)
        for new in clashes:
            olds = [old for old, n in used.items() if n == new]
            answered = any(bool(G.nodes[o].get("respondent")) for o in olds)
            if new in G:
                answered = answered or bool(G.nodes[new].get("respondent"))
            if answered:
                H.nodes[new]["respondent"] = True
    return H


def _arcs(G: nx.Graph) -> Iterable[tuple[Hashable, Hashable, Tie]]:
    """``(source, target, tie)`` for each arc a tie stands for: a plain ``Graph``'s tie both ways."""
    both_ways = not G.is_directed()
    for tie in iter_ties(G):
        yield tie.source, tie.target, tie
        if both_ways:
            yield tie.target, tie.source, tie


def _present_relations(G: nx.Graph) -> set:
    return {tie.relation for tie in iter_ties(G, weight=None)}


def _sources(G: nx.Graph) -> tuple[str, ...]:
    """Kinds of data the ties come from (``origin`` of the ties: survey, interview...).

    Merged ties carry ``"survey+interview"``; each part counts. Graphs built
    by hand, without ``origin``, give ``()``.
    """
    kinds: set[str] = set()
    for tie in iter_ties(G, weight=None, self_loops=True):
        origin = tie.data.get("origin")
        if isinstance(origin, str):
            kinds.update(p.strip() for p in origin.split("+") if p.strip())
    return tuple(sorted(kinds))


def _pooled_ties(G: nx.Graph, relations: frozenset | None) -> dict[tuple, dict[str, Any]]:
    """``(source, target, relation) -> {weight, trust, sign}``; duplicates pooled (weight summed, trust max)."""
    arcs: dict[tuple, dict[str, Any]] = {}
    for u, v, tie in _arcs(G):
        if relations is None:
            if tie.sign < 0:
                continue
        elif tie.relation not in relations:
            continue
        key = (u, v, tie.relation)
        entry = arcs.get(key)
        trust = tie.trust
        if entry is None:
            arcs[key] = {"weight": tie.weight, "trust": trust, "sign": tie.sign}
        else:
            entry["weight"] += tie.weight
            entry["sign"] = min(entry["sign"], tie.sign)
            if trust is not None and (entry["trust"] is None or trust > entry["trust"]):
                entry["trust"] = trust
    return arcs


# --------------------------------------------------------------------------- one wave


@dataclass
class _Wave:
    """Everything computed once per wave, shared by the comparisons that use it."""

    label: str
    graph: nx.Graph
    arcs: dict[tuple, dict[str, Any]]
    table: pd.DataFrame
    modularity: float
    ei: float
    expected_ei: float
    reciprocity: float
    nodes: set = field(default_factory=set)
    respondents: set = field(default_factory=set)
    groups: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        t = self.table
        self.nodes = set(t.index)
        self.respondents = set(t.index[t["respondent"].astype(bool)])
        self.groups = {n: _group_value(g) for n, g in zip(t.index, t["sector"], strict=True)}

    def group(self, n: Hashable) -> Any:
        return self.groups[n]


def _wave_relations(G: nx.Graph, relations: frozenset | None) -> frozenset | None:
    """The requested relations that occur in this wave (the analyses refuse absent ones)."""
    if relations is None:
        return None
    return frozenset(relations & _present_relations(G))


def _analyse(G: nx.Graph, label: str, *, attr: str, seed: int, relations: frozenset | None) -> _Wave:

    rels = _wave_relations(G, relations)
    with _fast.shared(G):  # the table, clusters and E-I read the same tie views: build them once
        return _analyse_shared(G, label, attr=attr, seed=seed, relations=relations, rels=rels)


def _analyse_shared(G: nx.Graph, label: str, *, attr: str, seed: int, relations: frozenset | None,
                    rels: frozenset | None) -> _Wave:
    from alliances.analysis.clusters import clusters

    table = actor_table(G, attr=attr, seed=seed, relations=rels)
    with warnings.catch_warnings():
        # actor_table already warned about actors without a group
        warnings.filterwarnings("ignore", category=MissingWorldWarning)
        cl = clusters(G, seed=seed, relations=rels)
    ei = _ei_table(G, attr, rels)
    return _Wave(
        label=label,
        graph=G,
        arcs=_pooled_ties(G, relations),
        table=table,
        modularity=float(cl.attrs.get("modularity", math.nan)),
        ei=float(ei.at["all", "ei"]),
        expected_ei=float(ei.at["all", "expected_ei"]),
        reciprocity=float(reciprocity(G, relations=rels)) if G.number_of_nodes() else math.nan,
    )


def _restrict(w: _Wave, keep: set, *, attr: str, seed: int, relations: frozenset | None) -> _Wave:
    return _analyse(_induced(w.graph, keep), w.label, attr=attr, seed=seed, relations=relations)


def _induced(G: nx.Graph, keep: set) -> nx.Graph:
    """``G.subgraph(keep).copy()``, built from the adjacency dicts (10x faster on 10^5 ties).

    Same graph: nodes and ties in ``G``'s order, attribute dicts copied
    (shallow), graph attributes shared as ``copy`` shares them.
    """
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d.copy()) for n, d in G._node.items() if n in keep)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d.copy()) for u, nbrs in G._adj.items() if u in keep
                         for v, kd in nbrs.items() if v in keep for k, d in kd.items())
    else:
        H.add_edges_from((u, v, d.copy()) for u, nbrs in G._adj.items() if u in keep
                         for v, d in nbrs.items() if v in keep)
    return H


def _figures(w: _Wave, kept_trust: float) -> dict[str, float]:
    t = w.table
    n = len(t)
    resp = int(t["respondent"].astype(bool).sum())
    ties = len(w.arcs)
    pairs = {(u, v) for (u, v, _r), d in w.arcs.items() if d["sign"] > 0}
    cross = sum(1 for (u, v, _r) in w.arcs if _cross(w.group(u), w.group(v)))
    trusts = [d["trust"] for d in w.arcs.values() if d["trust"] is not None]
    comp = t["component"].to_numpy() if n else np.zeros(0, dtype=int)
    sizes = np.bincount(comp) if n else np.zeros(0, dtype=int)
    return {
        "actors": float(n),
        "respondents": float(resp),
        "response_rate": resp / n if n else math.nan,
        "ties": float(ties),
        "density": len(pairs) / (n * (n - 1)) if n > 1 else math.nan,
        "reciprocity": w.reciprocity,
        "cross_world_ties": float(cross),
        "cross_world_share": cross / ties if ties else math.nan,
        "ei_index": w.ei,
        "expected_ei": w.expected_ei,
        "mean_trust": float(np.mean(trusts)) if trusts else math.nan,
        "mean_trust_kept": kept_trust,
        "components": float(sizes.size),
        "isolated": float((t["degree"] == 0).sum()) if n else 0.0,
        "main_component_share": float(sizes.max()) / n if n else math.nan,
        "clusters": float(t["cluster"].nunique()) if n else 0.0,
        "modularity": w.modularity,
        "hybrids": float(t["is_hybrid"].astype(bool).sum()) if n else 0.0,
        "trusted_intermediaries": float(t["is_trusted_intermediary"].astype(bool).sum()) if n else 0.0,
    }


# --------------------------------------------------------------------------- comparison


class Comparison:
    """The change between two survey waves (built by :func:`compare`; read-only).

    Attributes
    ----------
    ties : pandas.DataFrame
        One row per tie of either wave (``source, target, relation``), with
        ``change`` ("gained", "lost" or "kept"), ``trust_before,
        trust_after, trust_change, weight_before, weight_after, sign``,
        labels and sectors of both ends, ``cross_world``, ``both_answered``
        (the source answered both waves), ``source_answered`` ("both",
        "before", "after" or "neither") and a ``note``.
    actors : pandas.DataFrame
        Indexed by actor id: ``label, sector, present`` ("both", "before",
        "after"), ``respondent_before, respondent_after``, each metric of
        :func:`~alliances.actor_table` as ``<metric>_before`` and
        ``<metric>_after`` (NaN/NA where the actor is absent),
        ``degree_change``, ``hybrid_change`` and ``intermediary_change``
        ("appeared", "faded", "kept" or ""), and a ``reason``.
    summary : pandas.DataFrame
        Indexed by metric (see :data:`SUMMARY_METRICS`), columns ``before,
        after, change`` (whole waves) and ``before_both, after_both,
        change_both`` (only the actors who answered both waves and the ties
        among them), and ``meaning``.
    findings : list of str
        Plain sentences, most important first, in the language the comparison
        was built in (:attr:`lang`); the ``reason``, ``note``, ``sentence``
        and ``meaning`` columns too.
    components_change : pandas.DataFrame
        One row per group that joined another connected group ("merged") or
        broke away from one ("split"), with its members, the actors it is now
        connected through (or the lost ties and departed actors that cut it
        off), and a sentence.
    mixing_change : pandas.DataFrame
        Ties gained, lost and kept per pair of worlds.
    relations_change : pandas.DataFrame
        Ties gained, lost and kept per relation, with a last row "all".
    ei_change : pandas.DataFrame
        The E-I index of each world before and after.
    clusters_change : pandas.DataFrame
        Cross-table of before clusters (rows) and after clusters (columns)
        over actors present in both waves; ``cluster_agreement`` is their
        adjusted Rand index.
    labels : tuple of str
        Names of the two waves, used in sentences and displays.
    lang : str
        Language of the findings, reasons, notes and warnings (``"en"`` or
        ``"fr"``), chosen with ``compare(..., lang=)`` when it was built.
    sources : dict
        Wave label -> the kinds of data its ties come from (the ``origin``
        of the ties: ``("interview", "survey")``...; ``()`` when the graph
        does not say). When they differ, a finding and a warning say so.
    """

    __slots__ = ("_actors", "_cluster_agreement", "_clusters_change", "_components_change",
                 "_ei_change", "_findings", "_labels", "_mixing_change", "_relations_change",
                 "_sources", "_summary", "_ties", "attr", "lang")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build a Comparison with alliances.compare(before, after)")

    @classmethod
    def _build(cls, before: _Wave, after: _Wave, *, attr: str, seed: int,
               relations: frozenset | None, lang: str = "en") -> Comparison:
        self = object.__new__(cls)
        set_ = object.__setattr__
        set_(self, "attr", attr)
        set_(self, "lang", lang)
        labels = (before.label, after.label)
        set_(self, "_labels", labels)
        sources = {before.label: _sources(before.graph), after.label: _sources(after.graph)}
        set_(self, "_sources", sources)
        mismatch = change_findings.sources_sentence(labels, sources, lang)
        if mismatch:
            warn(mismatch, lang=lang)
        actors = _actor_change(before, after, lang)
        ties = _tie_table(before, after)
        # the dtype the table was built with (str; object when empty), as for the other text columns
        ties["note"] = pd.Series(change_findings.tie_notes(ties, actors, labels=labels, lang=lang),
                                 index=ties.index, dtype=ties["note"].dtype)
        panel = set(actors.index[(actors["respondent_before"] == True)  # noqa: E712
                                 & (actors["respondent_after"] == True)])  # noqa: E712
        pb = _restrict(before, panel, attr=attr, seed=seed, relations=relations)
        pa = _restrict(after, panel, attr=attr, seed=seed, relations=relations)
        set_(self, "_ties", ties)
        set_(self, "_actors", actors)
        set_(self, "_summary", _summary(before, after, pb, pa, ties, panel, lang))
        set_(self, "_components_change", _components_change(before, after, lang))
        set_(self, "_mixing_change", _mixing_change(ties))
        set_(self, "_relations_change", _relations_change(ties))
        set_(self, "_ei_change", _ei_change(before, after, attr, relations))
        cc, agreement = _clusters_change(before, after)
        set_(self, "_clusters_change", cc)
        set_(self, "_cluster_agreement", agreement)
        set_(self, "_findings", change_findings.findings(
            labels=labels, summary=self._summary, ties=ties, actors=actors,
            relations_change=self._relations_change, components_change=self._components_change,
            cluster_agreement=agreement, sources=sources, panel=panel, lang=lang))
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Comparison is read-only; compute a new one with alliances.compare")

    # read-only views: copies, so a caller's edits never leak into the comparison
    @property
    def labels(self) -> tuple[str, str]:
        return self._labels

    @property
    def ties(self) -> pd.DataFrame:
        return self._ties.copy()

    @property
    def sources(self) -> dict[str, tuple[str, ...]]:
        """Kinds of data each wave's ties come from, by wave label (``()`` if unknown)."""
        return dict(self._sources)

    @property
    def actors(self) -> pd.DataFrame:
        return self._actors.copy()

    @property
    def summary(self) -> pd.DataFrame:
        return self._summary.copy()

    @property
    def findings(self) -> list[str]:
        return list(self._findings)

    @property
    def components_change(self) -> pd.DataFrame:
        return self._components_change.copy()

    @property
    def mixing_change(self) -> pd.DataFrame:
        return self._mixing_change.copy()

    @property
    def relations_change(self) -> pd.DataFrame:
        return self._relations_change.copy()

    @property
    def ei_change(self) -> pd.DataFrame:
        return self._ei_change.copy()

    @property
    def clusters_change(self) -> pd.DataFrame:
        return self._clusters_change.copy()

    @property
    def cluster_agreement(self) -> float:
        return self._cluster_agreement

    def __repr__(self) -> str:
        rc = self._relations_change
        g, lo, k = (int(rc.at["all", c]) for c in ("gained", "lost", "kept"))
        b, a = self._labels
        return (f"<Comparison {b!r} -> {a!r}: {len(self._actors)} actors, "
                f"{g} ties gained, {lo} lost, {k} kept>")

    def __str__(self) -> str:
        b, a = self._labels
        lang = self.lang
        lines = [gettext("Comparison {before} -> {after}", lang).format(before=b, after=a), "",
                 gettext("Findings:", lang)]
        lines += [f"  - {f}" for f in self._findings]
        lines += ["", gettext("Headline figures (whole waves, then actors who answered both):", lang)]
        s = self._summary.drop(columns="meaning")
        with pd.option_context("display.width", 120, "display.max_columns", 10):
            lines.append(s.rename(columns={"before": b, "after": a}).round(3).to_string())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        b, a = self._labels
        lang = self.lang
        items = "".join(f"<li>{html.escape(f)}</li>" for f in self._findings)
        s = self._summary.rename(columns={"before": b, "after": a}).round(3)
        # the template is ours; the wave labels are the user's, escaped before they go in
        title = html.escape(gettext("Comparison {before} -> {after}", lang)).replace("-&gt;", "&rarr;").format(
            before=html.escape(str(b)), after=html.escape(str(a)))
        return (
            f"<div class='alliances-comparison'><h4>{title}</h4><ul>{items}</ul>"
            f"<details><summary>{html.escape(gettext('Headline figures', lang))}</summary>"
            f"{s.to_html(escape=True, na_rep='')}</details><details><summary>"
            f"{html.escape(gettext('Ties by pair of worlds', lang))}</summary>"
            f"{self._mixing_change.to_html(escape=True, index=False)}</details></div>"
        )


def _answered(before: _Wave, after: _Wave, n: Hashable) -> str:
    b, a = n in before.respondents, n in after.respondents
    return "both" if b and a else "before" if b else "after" if a else "neither"


def _label(before: _Wave, after: _Wave, n: Hashable) -> str:
    g = after.graph if n in after.graph else before.graph
    return node_label(g, n)


def _sector(before: _Wave, after: _Wave, n: Hashable) -> Any:
    w = after if n in after.graph else before
    return w.group(n)


def _tie_table(before: _Wave, after: _Wave) -> pd.DataFrame:
    """The ties of both waves; the ``note`` column is left empty for the sentences to fill."""
    rows = []
    for key in set(before.arcs) | set(after.arcs):
        u, v, rel = key
        b, a = before.arcs.get(key), after.arcs.get(key)
        change = "kept" if b and a else "lost" if b else "gained"
        tb = b["trust"] if b else None
        ta = a["trust"] if a else None
        su, sv = _sector(before, after, u), _sector(before, after, v)
        answered = _answered(before, after, u)
        ulab, vlab = _label(before, after, u), _label(before, after, v)
        rows.append({
            "source": u, "target": v, "relation": rel, "change": change,
            "trust_before": math.nan if tb is None else tb,
            "trust_after": math.nan if ta is None else ta,
            "trust_change": (ta - tb) if tb is not None and ta is not None else math.nan,
            "weight_before": b["weight"] if b else math.nan,
            "weight_after": a["weight"] if a else math.nan,
            "sign": int((a or b)["sign"]),
            "source_label": ulab, "target_label": vlab,
            "source_sector": su, "target_sector": sv,
            "cross_world": _cross(su, sv),
            "both_answered": answered == "both",
            "source_answered": answered,
            "note": "",
        })
    rows.sort(key=lambda r: (_CHANGE_ORDER[r["change"]], _key(r["source"]), _key(r["target"]),
                             str(r["relation"])))
    df = pd.DataFrame(rows, columns=_TIE_COLUMNS)
    for col in ("source", "target", "relation", "source_sector", "target_sector"):
        df[col] = df[col].astype(object)
    for col in ("trust_before", "trust_after", "trust_change", "weight_before", "weight_after"):
        df[col] = df[col].astype(float)
    df["cross_world"] = df["cross_world"].astype(bool)
    df["both_answered"] = df["both_answered"].astype(bool)
    df["sign"] = df["sign"].astype("int64")
    return df.reset_index(drop=True)


def _actor_change(before: _Wave, after: _Wave, lang: str = "en") -> pd.DataFrame:
    ids = sorted(before.nodes | after.nodes, key=_key)
    tb = before.table.reindex(ids)
    ta = after.table.reindex(ids)
    inb = pd.Series([n in before.nodes for n in ids], index=ids)
    ina = pd.Series([n in after.nodes for n in ids], index=ids)
    present = np.where(inb & ina, "both", np.where(inb, "before", "after"))
    out = pd.DataFrame(index=pd.Index(ids, name="id", dtype=object))
    out["label"] = pd.Series([_label(before, after, n) for n in ids], index=out.index, dtype=object)
    out["sector"] = pd.Series([_sector(before, after, n) if n in before.graph or n in after.graph
                               else None for n in ids], index=out.index, dtype=object)
    out["present"] = pd.Series(present, index=out.index, dtype=object)
    out["respondent_before"] = tb["respondent"].astype("boolean").set_axis(out.index)
    out["respondent_after"] = ta["respondent"].astype("boolean").set_axis(out.index)
    for m in ACTOR_METRICS:
        for suffix, t in (("before", tb), ("after", ta)):
            col = t[m]
            if m in _BOOL_METRICS:
                col = col.astype("boolean")
            elif m in _INT_METRICS:
                col = col.astype("Int64")
            else:
                col = col.astype(float)
            out[f"{m}_{suffix}"] = col.set_axis(out.index)
    out["degree_change"] = (out["degree_after"].fillna(0) - out["degree_before"].fillna(0)).astype("Int64")
    out["hybrid_change"] = _flag_change(out["is_hybrid_before"], out["is_hybrid_after"])
    out["intermediary_change"] = _flag_change(out["is_trusted_intermediary_before"],
                                              out["is_trusted_intermediary_after"])
    out["reason"] = pd.Series(change_findings.actor_reasons(out, labels=(before.label, after.label), lang=lang),
                              index=out.index, dtype=object)
    if len(out):
        order = sorted(range(len(ids)), key=lambda i: (-int(out["degree_change"].iloc[i]), _key(ids[i])))
        out = out.iloc[order]
    return out


def _flag_change(b: pd.Series, a: pd.Series) -> pd.Series:
    bb, aa = b.fillna(False).astype(bool), a.fillna(False).astype(bool)
    values = np.where(bb & aa, "kept", np.where(aa, "appeared", np.where(bb, "faded", "")))
    return pd.Series(values, index=b.index, dtype=object)


def _kept_trust(ties: pd.DataFrame) -> tuple[float, float]:
    k = ties[(ties["change"] == "kept") & ties["trust_before"].notna() & ties["trust_after"].notna()]
    if k.empty:
        return math.nan, math.nan
    return float(k["trust_before"].mean()), float(k["trust_after"].mean())


def _summary(before: _Wave, after: _Wave, pb: _Wave, pa: _Wave, ties: pd.DataFrame,
             panel: set, lang: str = "en") -> pd.DataFrame:
    kb, ka = _kept_trust(ties)
    inside = ties["source"].isin(panel) & ties["target"].isin(panel)
    pkb, pka = _kept_trust(ties[inside])
    fb, fa = _figures(before, kb), _figures(after, ka)
    gb, ga = _figures(pb, pkb), _figures(pa, pka)
    names = list(SUMMARY_METRICS)
    df = pd.DataFrame(
        {
            "before": [fb[m] for m in names],
            "after": [fa[m] for m in names],
            "before_both": [gb[m] for m in names],
            "after_both": [ga[m] for m in names],
        },
        index=pd.Index(names, name="metric", dtype=object),
    ).astype(float)
    df.insert(2, "change", df["after"] - df["before"])
    df["change_both"] = df["after_both"] - df["before_both"]
    df["meaning"] = pd.Series([gettext(SUMMARY_METRICS[m], lang) for m in names], index=df.index,
                              dtype=object)
    return df


def _component_members(w: _Wave) -> dict[int, list]:
    out: dict[int, list] = {}
    for n, c in w.table["component"].items():
        out.setdefault(int(c), []).append(n)
    return {c: sorted(m, key=_key) for c, m in out.items()}


def _connecting(arcs: Iterable[tuple], group: set) -> tuple[list, list]:
    """Positive arcs with exactly one end in ``group``: the ties and the outside ends."""
    ties = sorted({k for k in arcs if (k[0] in group) != (k[1] in group)},
                  key=lambda k: (_key(k[0]), _key(k[1]), str(k[2])))
    outside = sorted({v if u in group else u for u, v, _ in ties}, key=_key)
    return ties, outside


def _components_change(before: _Wave, after: _Wave, lang: str = "en") -> pd.DataFrame:
    """Groups that joined another connected group ("merged") or broke away from one ("split")."""
    cb = {n: int(c) for n, c in before.table["component"].items()}
    ca = {n: int(c) for n, c in after.table["component"].items()}
    rows = _merged_rows(before, after, cb, ca, lang) + _split_rows(before, after, cb, ca, lang)
    cols = ["change", "members", "member_labels", "size", "component_after", "component_before",
            "through", "through_labels", "ties", "gone", "sentence"]
    df = pd.DataFrame(rows, columns=cols)
    for col in cols:
        if col not in ("size", "component_after", "component_before"):
            df[col] = df[col].astype(object)
    for col in ("size", "component_after", "component_before"):
        df[col] = df[col].astype("int64")
    return df


def _merged_rows(before: _Wave, after: _Wave, cb: dict, ca: dict, lang: str = "en") -> list[dict[str, Any]]:
    """An after-component holding actors of several before-components: one row per joining group."""
    rows = []
    mb, ma = _component_members(before), _component_members(after)
    pos_after = [k for k, d in after.arcs.items() if d["sign"] > 0]
    al = after.label
    for c in sorted(ma):
        parts = sorted({cb[n] for n in ma[c] if n in cb})
        if len(parts) < 2:
            continue
        main = parts[0]  # components are numbered by size: the lowest is the largest
        for p in parts[1:]:
            members = [n for n in mb[p] if ca.get(n) == c]
            group = set(members)
            ties, through = _connecting(pos_after, group)
            labels = [_label(before, after, n) for n in members]
            tlabels = [change_findings.through_label(_label(before, after, n),
                                                     new_in=None if n in before.graph else al, lang=lang)
                       for n in through]
            target = None
            if c != 0:  # joined a group other than the largest one
                mm = [n for n in mb[main] if ca.get(n) == c]
                target = ([_label(before, after, n) for n in mm], [before.group(n) for n in mm])
            sentence = change_findings.merged_sentence(
                labels, [before.group(n) for n in members], isolated_before=len(mb[p]) == 1,
                target=target, through=tlabels, ties=len(ties), lang=lang)
            rows.append(_cc_row("merged", members, labels, c, p, through, tlabels, ties, [], sentence))
    return rows


def _split_rows(before: _Wave, after: _Wave, cb: dict, ca: dict, lang: str = "en") -> list[dict[str, Any]]:
    """A before-component whose remaining actors now sit in several after-components: one row per part cut off."""
    rows = []
    mb, ma = _component_members(before), _component_members(after)
    pos_before = [k for k, d in before.arcs.items() if d["sign"] > 0]
    for c in sorted(mb):
        stay = [n for n in mb[c] if n in ca]
        parts = sorted({ca[n] for n in stay})
        if len(parts) < 2:
            continue
        sizes = {p: sum(1 for n in stay if ca[n] == p) for p in parts}
        main = min(parts, key=lambda p: (-sizes[p], p))
        gone = [n for n in mb[c] if n not in ca]
        inside = [k for k in pos_before if cb.get(k[0]) == c and cb.get(k[1]) == c]
        for p in parts:
            if p == main:
                continue
            members = [n for n in stay if ca[n] == p]
            ties, _ = _connecting(inside, set(members))
            lost = [k for k in ties if k not in after.arcs]
            labels = [_label(before, after, n) for n in members]
            silent = [n for n in members if n in before.respondents and n not in after.respondents]
            sentence = change_findings.split_sentence(
                labels, [before.group(n) for n in members], alone=len(ma[p]) == 1,
                lost=[(_label(before, after, u), _label(before, after, v), r) for u, v, r in lost],
                gone=[_label(before, after, n) for n in gone],
                silent=[_label(before, after, n) for n in silent], wave=after.label, lang=lang)
            rows.append(_cc_row("split", members, labels, p, c, [], [], lost, gone, sentence))
    return rows


def _cc_row(change, members, labels, comp_after, comp_before, through, tlabels, ties, gone, sentence):
    return {"change": change, "members": tuple(members), "member_labels": tuple(labels),
            "size": len(members), "component_after": comp_after, "component_before": comp_before,
            "through": tuple(through), "through_labels": tuple(tlabels), "ties": tuple(ties),
            "gone": tuple(gone), "sentence": sentence}


def _counts_by(ties: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counts = ties.groupby([*keys, "change"], sort=False).size().unstack("change", fill_value=0)
    for c in ("gained", "lost", "kept"):
        if c not in counts.columns:
            counts[c] = 0
    counts = counts[["gained", "lost", "kept"]].astype("int64")
    counts["before"] = counts["lost"] + counts["kept"]
    counts["after"] = counts["gained"] + counts["kept"]
    counts["change"] = counts["after"] - counts["before"]
    counts.columns.name = None
    return counts


def _mixing_change(ties: pd.DataFrame) -> pd.DataFrame:
    cols = ["world_a", "world_b", "cross_world", "gained", "lost", "kept", "before", "after", "change"]
    if ties.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c.startswith("world") else
                                          bool if c == "cross_world" else "int64") for c in cols})
    pair = [tuple(sorted((a, b), key=_key)) for a, b in zip(ties["source_sector"], ties["target_sector"], strict=True)]
    t = pd.DataFrame({"world_a": pd.Series([p[0] for p in pair], dtype=object),
                      "world_b": pd.Series([p[1] for p in pair], dtype=object),
                      "change": ties["change"].to_numpy()})
    counts = _counts_by(t, ["world_a", "world_b"]).reset_index()
    counts.insert(2, "cross_world", [_cross(x, y) for x, y in zip(counts["world_a"], counts["world_b"], strict=True)])
    order = sorted(range(len(counts)), key=lambda i: (bool(counts["cross_world"].iloc[i]),
                                                      _key(counts["world_a"].iloc[i]),
                                                      _key(counts["world_b"].iloc[i])))
    counts = counts.iloc[order].reset_index(drop=True)
    for c in ("world_a", "world_b"):
        counts[c] = counts[c].astype(object)
    return counts[cols]


def _relations_change(ties: pd.DataFrame) -> pd.DataFrame:
    if ties.empty:
        counts = pd.DataFrame(columns=["gained", "lost", "kept", "before", "after", "change"],
                              index=pd.Index([], name="relation", dtype=object)).astype("int64")
    else:
        t = pd.DataFrame({"relation": ties["relation"].astype(object), "change": ties["change"]})
        counts = _counts_by(t, ["relation"])
        counts = counts.loc[sorted(counts.index, key=_key)]
    total = counts.sum(axis=0).astype("int64")
    counts.loc["all"] = total if len(counts) else [0] * counts.shape[1]
    counts.index = pd.Index(list(counts.index), name="relation", dtype=object)
    return counts.astype("int64")


def _ei_table(G: nx.Graph, attr: str, relations: frozenset | None) -> pd.DataFrame:
    """:func:`~alliances.ei_index` of a wave; NaN (row ``"all"`` only) when no actor has a world.

    A wave whose actors carry no ``attr`` has no worlds to mix, so no E-I
    index (``ei_index`` refuses it); the rest of the comparison still holds.
    """
    from alliances.analysis.mixing import ei_index

    try:
        check_graph(G, needs=(attr,), caller="compare")
    except InputError:
        return pd.DataFrame({"ei": [math.nan], "expected_ei": [math.nan]},
                            index=pd.Index(["all"], name="group", dtype=object))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=MissingWorldWarning)
        return ei_index(G, attr=attr, relations=relations)


def _ei_change(before: _Wave, after: _Wave, attr: str, relations: frozenset | None) -> pd.DataFrame:
    eb = _ei_table(before.graph, attr, _wave_relations(before.graph, relations))
    ea = _ei_table(after.graph, attr, _wave_relations(after.graph, relations))
    groups = [g for g in eb.index if g != "all"]
    groups += [g for g in ea.index if g != "all" and g not in groups]
    groups = [*sorted(groups, key=lambda g: (g == "unknown", _key(g))), "all"]
    df = pd.DataFrame(index=pd.Index(groups, name="group", dtype=object))
    df["ei_before"] = eb["ei"].reindex(df.index).astype(float)
    df["ei_after"] = ea["ei"].reindex(df.index).astype(float)
    df["change"] = df["ei_after"] - df["ei_before"]
    df["expected_before"] = eb["expected_ei"].reindex(df.index).astype(float)
    df["expected_after"] = ea["expected_ei"].reindex(df.index).astype(float)
    return df


def _clusters_change(before: _Wave, after: _Wave) -> tuple[pd.DataFrame, float]:
    from alliances.analysis.clusters import adjusted_rand

    common = sorted(before.nodes & after.nodes, key=_key)
    b = before.table["cluster"].reindex(common).to_numpy(dtype=np.int64)
    a = after.table["cluster"].reindex(common).to_numpy(dtype=np.int64)
    ct = pd.crosstab(pd.Series(b, name="cluster_before"), pd.Series(a, name="cluster_after"))
    agreement = adjusted_rand(b, a) if len(common) >= 2 else math.nan
    return ct, float(agreement)


def _relations_arg(graphs: Sequence[nx.Graph], relations: str | Iterable[str] | None,
                   lang: str = "en") -> frozenset | None:
    if relations is None:
        return None
    wanted = frozenset([relations] if isinstance(relations, str) else relations)
    present: set = set()
    for G in graphs:
        present |= _present_relations(G)
    unknown = sorted(map(str, wanted - present))
    if unknown and any(G.number_of_edges() for G in graphs):
        raise ValueError(gettext("relation(s) {unknown} found in no wave; relations present: {present}",
                                 lang).format(unknown=", ".join(map(repr, unknown)),
                                              present=", ".join(sorted(map(str, present)))
                                              or pgettext("relations", "none", lang)))
    return wanted


def compare(
    before: nx.Graph,
    after: nx.Graph,
    *,
    attr: str = "sector",
    seed: int = 0,
    relations: str | Iterable[str] | None = None,
    labels: tuple[str, str] | None = None,
    aliases: Mapping[Hashable, Hashable] | None = None,
    lang: str | None = None,
) -> Comparison:
    """Compare two survey waves: ties gained, lost and kept, and what changed.

    Actors are matched by id across waves. A tie is one relation reported by
    one actor about another, ``(source, target, relation)``: *kept* if it is
    in both waves, *gained* if only in ``after``, *lost* if only in
    ``before``. Every headline figure is computed on each whole wave and again
    on the actors who answered both waves (the ties among them), since a
    change in who answered changes the network as seen by the survey.

    Parameters
    ----------
    before, after : networkx graph
        The actor graphs of the two waves (``MultiDiGraph`` from
        :func:`~alliances.load`, or any ``Graph``/``DiGraph``). Not modified.
    attr : str, default "sector"
        Node attribute holding the world.
    seed : int, default 0
        Seed of the clustering (see :func:`~alliances.clusters`).
    relations : str or iterable of str, optional
        Relations that count as ties (default: every positive tie). A
        relation may occur in one wave only.
    labels : (str, str), optional
        Names of the waves in sentences and displays (e.g. ``("2023", "2024")``);
        default ``("before", "after")``, in French ``("1re vague", "2e vague")``.
        Table columns keep the fixed suffixes ``_before`` and ``_after``.
    aliases : mapping, optional
        ``{old_id: new_id}`` for actors renamed between waves; applied to
        both waves (chains are followed).
    lang : str, optional
        Language of the findings, the ``reason`` and ``note`` columns and the
        warnings (``"en"`` or ``"fr"``), fixed when the comparison is built
        (``Comparison.lang``); None follows the environment
        (``ALLIANCES_LANG``, then the locale), English otherwise.

    Returns
    -------
    Comparison
        With ``ties``, ``actors``, ``summary``, ``findings``,
        ``components_change``, ``mixing_change``, ``relations_change``,
        ``ei_change``, ``clusters_change``, ``sources``; displays in Jupyter.

    Raises
    ------
    TypeError
        If ``before`` or ``after`` is not a networkx graph.
    ValueError
        If the labels are not two distinct names, or a relation of
        ``relations`` is in neither wave.

    Warns
    -----
    AlliancesWarning
        When the two waves do not come from the same kinds of sources (the
        ``origin`` of their ties differs, e.g. interviews in one wave only):
        ties known only from the missing source look gained or lost, so part
        of the change reflects the data collection. The same sentence is in
        ``findings``.

    Examples
    --------
    >>> b = nx.DiGraph([("a", "b"), ("c", "d")])
    >>> a = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> for G in (b, a):
    ...     nx.set_node_attributes(G, {"a": "public", "b": "public", "c": "company", "d": "company"}, "sector")
    >>> c = compare(b, a)
    >>> c.ties[["source", "target", "change"]].values.tolist()
    [['b', 'c', 'gained'], ['a', 'b', 'kept'], ['c', 'd', 'kept']]
    >>> c.summary.loc["components", ["before", "after", "change"]].tolist()
    [2.0, 1.0, -1.0]
    >>> c.components_change["through"].tolist()
    [('b',)]
    """
    lang = resolve_lang(lang)
    check_graph(before, caller="compare (before)")
    check_graph(after, caller="compare (after)")
    if labels is None:
        labels = (pgettext("wave", "before", lang), pgettext("wave", "after", lang))
    if len(labels) != 2:
        raise ValueError(gettext("labels must name the two waves, e.g. ('2023', '2024'); got {labels}",
                                 lang).format(labels=repr(labels)))
    labels = (str(labels[0]), str(labels[1]))
    if labels[0] == labels[1]:
        raise ValueError(gettext("the two waves need different labels, got {labels}", lang).format(
            labels=repr(labels)))
    mapping = _resolve_aliases(aliases)
    gb = _apply_aliases(before, mapping, labels[0], lang)
    ga = _apply_aliases(after, mapping, labels[1], lang)
    rels = _relations_arg([gb, ga], relations, lang)
    wb = _analyse(gb, labels[0], attr=attr, seed=seed, relations=rels)
    wa = _analyse(ga, labels[1], attr=attr, seed=seed, relations=rels)
    return Comparison._build(wb, wa, attr=attr, seed=seed, relations=rels, lang=lang)


class Waves:
    """Several survey waves compared in sequence (built by :func:`compare_waves`; read-only).

    Attributes
    ----------
    labels : tuple of str
        Names of the waves, in order.
    lang : str
        Language of the findings and displays (``compare_waves(..., lang=)``).
    comparisons : list of Comparison
        One per consecutive pair (wave 1 -> 2, 2 -> 3, ...).
    metrics : pandas.DataFrame
        Tidy long table ``id, label, sector, wave, metric, value``: every
        numeric per-actor metric of :func:`~alliances.actor_table` (flags as
        0/1) for every actor present in a wave, rows ordered by metric, actor
        id, then wave order; ready for plotting.
    summary : pandas.DataFrame
        Headline figures (rows, see :data:`SUMMARY_METRICS`) by wave
        (columns, in order). ``mean_trust_kept`` is per consecutive pair and
        left out.
    findings : list of str
        The findings of each comparison, each prefixed by its pair of waves.
    """

    __slots__ = ("_comparisons", "_labels", "_metrics", "_summary", "lang")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("build Waves with alliances.compare_waves([g1, g2, ...])")

    @classmethod
    def _build(cls, waves: list[_Wave], comparisons: list[Comparison], lang: str = "en") -> Waves:
        self = object.__new__(cls)
        set_ = object.__setattr__
        set_(self, "lang", lang)
        set_(self, "_labels", tuple(w.label for w in waves))
        set_(self, "_comparisons", list(comparisons))
        set_(self, "_metrics", _long_metrics(waves))
        figs = {w.label: _figures(w, math.nan) for w in waves}
        names = [m for m in SUMMARY_METRICS if m != "mean_trust_kept"]
        summary = pd.DataFrame({lab: [f[m] for m in names] for lab, f in figs.items()},
                               index=pd.Index(names, name="metric", dtype=object)).astype(float)
        summary.columns = pd.Index(list(summary.columns), name="wave", dtype=object)
        set_(self, "_summary", summary)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Waves is read-only; compute it again with alliances.compare_waves")

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def comparisons(self) -> list[Comparison]:
        return list(self._comparisons)

    @property
    def metrics(self) -> pd.DataFrame:
        return self._metrics.copy()

    @property
    def summary(self) -> pd.DataFrame:
        return self._summary.copy()

    @property
    def findings(self) -> list[str]:
        return [f"{c.labels[0]} -> {c.labels[1]}: {f}" for c in self._comparisons for f in c.findings]

    def __len__(self) -> int:
        return len(self._labels)

    def __repr__(self) -> str:
        return f"<Waves {' -> '.join(map(repr, self._labels))}>"

    def __str__(self) -> str:
        lines = [gettext("Waves: {waves}", self.lang).format(waves=" -> ".join(self._labels)), ""]
        with pd.option_context("display.width", 120, "display.max_columns", 12):
            lines.append(self._summary.round(3).to_string())
        for c in self._comparisons:
            lines += ["", f"{c.labels[0]} -> {c.labels[1]}:"] + [f"  - {f}" for f in c._findings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title = html.escape(gettext("Waves: {waves}", self.lang)).format(
            waves=" &rarr; ".join(html.escape(w) for w in self._labels))
        parts = [f"<div class='alliances-waves'><h4>{title}</h4>",
                 self._summary.round(3).to_html(escape=True, na_rep="")]
        for c in self._comparisons:
            items = "".join(f"<li>{html.escape(f)}</li>" for f in c._findings)
            parts.append(f"<details><summary>{html.escape(c.labels[0])} &rarr; "
                         f"{html.escape(c.labels[1])}</summary><ul>{items}</ul></details>")
        return "".join(parts) + "</div>"


def _long_metrics(waves: list[_Wave]) -> pd.DataFrame:
    frames = []
    numeric = [m for m in ACTOR_METRICS]
    for i, w in enumerate(waves):
        t = w.table
        if t.empty:
            continue
        values = t[numeric].astype(float)
        long = values.stack(future_stack=True).rename("value").reset_index()
        long.columns = ["id", "metric", "value"]
        long["label"] = long["id"].map(t["label"])
        long["sector"] = long["id"].map(t["sector"])
        long["wave"] = w.label
        long["_w"] = i
        frames.append(long)
    cols = ["id", "label", "sector", "wave", "metric", "value"]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in cols})
    df = pd.concat(frames, ignore_index=True)
    mpos = {m: j for j, m in enumerate(numeric)}
    ipos = {n: j for j, n in enumerate(sorted(set(df["id"]), key=_key))}
    order = np.lexsort((df["_w"].to_numpy(), df["id"].map(ipos).to_numpy(),
                        df["metric"].map(mpos).to_numpy()))
    df = df.iloc[order][cols].reset_index(drop=True)
    for c in ("id", "label", "sector", "wave", "metric"):
        df[c] = df[c].astype(object)
    df["value"] = df["value"].astype(float)
    return df


@keyword_only("labels")
def compare_waves(
    graphs: Sequence[nx.Graph] | Mapping[str, nx.Graph],
    *,
    labels: Sequence[str] | None = None,
    attr: str = "sector",
    seed: int = 0,
    relations: str | Iterable[str] | None = None,
    aliases: Mapping[Hashable, Hashable] | None = None,
    lang: str | None = None,
) -> Waves:
    """Compare any number of survey waves, each with the next.

    Parameters
    ----------
    graphs : sequence of networkx graphs, or mapping label -> graph
        The waves in time order (at least two). Not modified.
    labels : sequence of str, optional
        Names of the waves (default ``"wave 1"``, ``"wave 2"``, ..., in French
        ``"vague 1"``, ...; the keys when ``graphs`` is a mapping).
    attr, seed, relations, aliases
        As in :func:`compare`.
    lang : str, optional
        Language of the findings, reasons and notes of every comparison (see
        :func:`compare`).

    Returns
    -------
    Waves
        ``comparisons`` (one :class:`Comparison` per consecutive pair),
        ``metrics`` (tidy per-actor metrics by wave), ``summary`` (headline
        figures by wave) and ``findings``.

    Examples
    --------
    >>> g1 = nx.Graph([("a", "b")]); g2 = nx.Graph([("a", "b"), ("b", "c")])
    >>> g3 = nx.Graph([("b", "c")])
    >>> for G in (g1, g2, g3):
    ...     nx.set_node_attributes(G, "public", "sector")
    >>> w = compare_waves([g1, g2, g3], labels=["2022", "2023", "2024"])
    >>> w.summary.loc["ties"].tolist()
    [2.0, 4.0, 2.0]
    >>> [c.labels for c in w.comparisons]
    [('2022', '2023'), ('2023', '2024')]
    >>> w.metrics.query("id == 'b' and metric == 'degree'")["value"].tolist()
    [1.0, 2.0, 1.0]
    """
    lang = resolve_lang(lang)
    if isinstance(graphs, Mapping):
        if labels is None:
            labels = [str(k) for k in graphs]
        graphs = list(graphs.values())
    graphs = list(graphs)
    if len(graphs) < 2:
        raise ValueError(gettext("compare_waves needs at least two waves, got {n}", lang).format(n=len(graphs)))
    for i, G in enumerate(graphs, start=1):
        check_graph(G, caller=f"compare_waves (wave {i})")
    labels = ([gettext("wave {i}", lang).format(i=i) for i in range(1, len(graphs) + 1)] if labels is None
              else [str(x) for x in labels])
    if len(labels) != len(graphs):
        raise ValueError(gettext("{labels} labels for {waves} waves; give one label per wave", lang).format(
            labels=len(labels), waves=len(graphs)))
    if len(set(labels)) != len(labels):
        raise ValueError(gettext("wave labels must be distinct, got {labels}", lang).format(labels=repr(labels)))
    mapping = _resolve_aliases(aliases)
    graphs = [_apply_aliases(G, mapping, lab, lang) for G, lab in zip(graphs, labels, strict=True)]
    rels = _relations_arg(graphs, relations, lang)
    waves = [_analyse(G, lab, attr=attr, seed=seed, relations=rels) for G, lab in zip(graphs, labels, strict=True)]
    comparisons = [Comparison._build(waves[i], waves[i + 1], attr=attr, seed=seed, relations=rels, lang=lang)
                   for i in range(len(waves) - 1)]
    return Waves._build(waves, comparisons, lang)

