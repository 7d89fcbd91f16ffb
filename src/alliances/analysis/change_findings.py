"""The change between survey waves in words: findings, reasons, notes and sentences.

:mod:`alliances.analysis.compare` computes the tables of a comparison (ties
gained, lost and kept; actors; headline figures; groups that merged or split);
this module turns those tables into the sentences a reader sees, in the
comparison's language (the message catalogue of :mod:`alliances.i18n`):

* :func:`findings`: the plain sentences of ``Comparison.findings``, most
  important first;
* :func:`actor_reasons` and :func:`tie_notes`: the ``reason`` column of
  ``Comparison.actors`` and the ``note`` column of ``Comparison.ties``;
* :func:`merged_sentence`, :func:`split_sentence` and :func:`through_label`:
  the ``sentence`` and ``through_labels`` of ``Comparison.components_change``;
* :func:`sources_sentence`: the caveat (finding and warning) when the waves
  come from different kinds of data.

Every function takes tables, labels and ids, never a wave's internals, so a
sentence can only say what a table shows.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from alliances.analysis.clusters import number_text, world_name
from alliances.i18n import N_, format_list, gettext, ngettext
from alliances.model import is_missing, relation_name

__all__ = ["actor_reasons", "findings", "merged_sentence", "sources_sentence", "split_sentence",
           "through_label", "tie_notes"]

_PLURAL_SECTORS = {
    "public": N_("public bodies"),
    "company": N_("companies"),
    "association": N_("associations"),
    "research": N_("research and education bodies"),
    "citizen": N_("citizen groups"),
    "intermediary": N_("intermediaries"),
    "other": N_("other actors"),
}
# where a wave's ties come from (the ``origin`` of the ties), in a sentence
_SOURCE_WORDS = {"survey": N_("the survey"), "interview": N_("interviews"),
                 "affiliation": N_("participation lists"), "table": N_("tables")}


# --------------------------------------------------------------------------- helpers


def _key(n: Any) -> tuple[str, str]:
    """Sort key for actor ids of any type: the order of the comparison's tables."""
    return (type(n).__name__, str(n)) if not isinstance(n, str) else ("str", n)


def _names(labels: Sequence[str], limit: int = 6, lang: str = "en") -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, ... and 4 others'."""
    labels = list(labels)
    if len(labels) > limit:
        rest = len(labels) - (limit - 1)
        labels = [*labels[: limit - 1], ngettext("{n} other", "{n} others", rest, lang).format(n=rest)]
    if not labels:
        return ""
    if len(labels) == 1:
        return labels[0]
    if lang != "en":
        return format_list(labels, lang)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _actors_text(k: int, lang: str) -> str:
    return ngettext("{n} actor", "{n} actors", k, lang).format(n=k)


def _cap(text: str) -> str:
    """Capitalise a sentence that starts with our own words, never an actor's name."""
    return text[0].upper() + text[1:] if text.startswith(("the ", "le ")) else text


def _num(x: float, fmt: str = ".2f", lang: str = "en") -> str:
    return gettext("n/a", lang) if is_missing(x) else number_text(x, lang, fmt)


def _fmt_change(b: float, a: float, fmt: str = ".0f", signed: bool = False, lang: str = "en") -> str:
    if is_missing(b) or is_missing(a):
        return f"{_num(b, fmt, lang)} -> {_num(a, fmt, lang)}"
    spec = ("+" if signed else "") + fmt
    return (f"{number_text(b, lang, spec)} -> {number_text(a, lang, spec)} "
            f"({number_text(a - b, lang, '+' + fmt)})")


def _relation(relation: Any, lang: str) -> str:
    """A relation in a sentence: its key in English, the model's name in other languages."""
    return str(relation) if lang == "en" else relation_name(str(relation), lang)


def _describe_group(labels: Sequence[str], worlds: Sequence[Any], lang: str = "en") -> str:
    """'the group of 4 companies (A, B, C and D)', '... 4 actors (A, ...; mostly companies)', or 'A'.

    ``worlds`` are the members' worlds (``"unknown"`` when missing), in the
    order of ``labels``.
    """
    if len(labels) == 1:
        return labels[0]
    counts = pd.Series(list(worlds), dtype=object).value_counts()
    top, k = counts.index[0], int(counts.iloc[0])
    kind = (gettext(_PLURAL_SECTORS[top], lang) if top in _PLURAL_SECTORS
            else gettext("{world} actors", lang).format(world=world_name(top, lang)))
    names = _names(labels, lang=lang)
    if k == len(labels) and top != "unknown":
        return gettext("the group of {n} {kind} ({names})", lang).format(n=len(labels), kind=kind, names=names)
    if k * 2 > len(labels) and top != "unknown":
        return gettext("the group of {n} actors ({names}; mostly {kind})", lang).format(
            n=len(labels), kind=kind, names=names)
    return gettext("the group of {n} actors ({names})", lang).format(n=len(labels), names=names)


# --------------------------------------------------------------------------- per-row text


def _actor_texts(lang: str) -> dict[str, str]:
    """The templates of :func:`_actor_reason`, translated once per comparison."""
    return {
        "new": gettext("new in {wave}", lang), "gone": gettext("no longer in {wave}", lang),
        "only": gettext("answered {wave} only", lang), "neither": gettext("answered neither wave", lang),
        "partners": gettext("partners {before} -> {after}", lang),
        "worlds": gettext("worlds {before} -> {after}", lang),
        "hybrid": gettext("now a hybrid", lang), "not_hybrid": gettext("no longer a hybrid", lang),
        "broker": gettext("now a trusted intermediary", lang),
        "not_broker": gettext("no longer a trusted intermediary", lang),
        "none": gettext("no change in ties", lang), "sep": gettext("; ", lang),
    }


def _actor_reason(bl: str, al: str, row: Mapping[str, Any], texts: dict[str, str]) -> str:
    parts = []
    if row["present"] == "after":
        parts.append(texts["new"].format(wave=al))
    elif row["present"] == "before":
        parts.append(texts["gone"].format(wave=al))
    else:
        rb, ra = bool(row["respondent_before"]), bool(row["respondent_after"])
        if rb and not ra:
            parts.append(texts["only"].format(wave=bl))
        elif ra and not rb:
            parts.append(texts["only"].format(wave=al))
        elif not ra:
            parts.append(texts["neither"])
        db, da = int(row["degree_before"]), int(row["degree_after"])
        if db != da:
            parts.append(texts["partners"].format(before=db, after=da))
        if int(row["worlds_before"]) != int(row["worlds_after"]):
            parts.append(texts["worlds"].format(before=int(row["worlds_before"]), after=int(row["worlds_after"])))
    hc, ic = row["hybrid_change"], row["intermediary_change"]
    if hc == "appeared":
        parts.append(texts["hybrid"])
    elif hc == "faded":
        parts.append(texts["not_hybrid"])
    if ic == "appeared":
        parts.append(texts["broker"])
    elif ic == "faded":
        parts.append(texts["not_broker"])
    return texts["sep"].join(parts) if parts else texts["none"]


def actor_reasons(actors: pd.DataFrame, *, labels: tuple[str, str], lang: str = "en") -> list[str]:
    """The ``reason`` of each row of ``Comparison.actors``, in the table's order.

    ``actors`` needs ``present``, ``respondent_before/_after``,
    ``degree_before/_after``, ``worlds_before/_after``, ``hybrid_change`` and
    ``intermediary_change``; ``labels`` names the two waves.

    Examples
    --------
    >>> row = {"present": "both", "respondent_before": True, "respondent_after": False,
    ...        "degree_before": 1, "degree_after": 3, "worlds_before": 1, "worlds_after": 1,
    ...        "hybrid_change": "", "intermediary_change": "appeared"}
    >>> actor_reasons(pd.DataFrame([row]), labels=("2023", "2024"))
    ['answered 2023 only; partners 1 -> 3; now a trusted intermediary']
    """
    texts = _actor_texts(lang)
    bl, al = labels
    return [_actor_reason(bl, al, row, texts) for row in actors.to_dict("records")]


def tie_notes(ties: pd.DataFrame, actors: pd.DataFrame, *, labels: tuple[str, str],
              lang: str = "en") -> list[str]:
    """The ``note`` of each row of ``Comparison.ties``: why a tie looks gained or lost.

    A gained tie whose end was not in the earlier wave, or whose source did
    not answer it, is noted (lost ties likewise for the later wave); a kept
    tie notes a change of trust. ``actors`` (``Comparison.actors``) says which
    wave each end is in (``present``).

    Examples
    --------
    >>> ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "change": ["kept", "gained"],
    ...                      "trust_before": [0.5, float("nan")], "trust_after": [1.0, float("nan")],
    ...                      "source_answered": ["both", "both"], "source_label": ["A", "A"],
    ...                      "target_label": ["B", "C"]})
    >>> actors = pd.DataFrame({"present": ["both", "both", "after"]}, index=["a", "b", "c"])
    >>> tie_notes(ties, actors, labels=("2023", "2024"))
    ['trust 0.50 -> 1.00', 'C is not in 2023']
    >>> tie_notes(ties, actors, labels=("2023", "2024"), lang="fr")[0]
    'confiance 0,50 -> 1,00'
    """
    bl, al = labels
    not_in = gettext("{label} is not in {wave}", lang)
    silent = gettext("{label} did not answer in {wave}", lang)
    trust = gettext("trust {before} -> {after}", lang)
    present = dict(zip(actors.index, actors["present"], strict=True))
    out = []
    for u, v, change, tb, ta, answered, ulab, vlab in zip(
            ties["source"], ties["target"], ties["change"], ties["trust_before"], ties["trust_after"],
            ties["source_answered"], ties["source_label"], ties["target_label"], strict=True):
        note = ""
        if change == "gained":
            if present[u] == "after":
                note = not_in.format(label=ulab, wave=bl)
            elif present[v] == "after":
                note = not_in.format(label=vlab, wave=bl)
            elif answered in ("after", "neither"):
                note = silent.format(label=ulab, wave=bl)
        elif change == "lost":
            if present[u] == "before":
                note = not_in.format(label=ulab, wave=al)
            elif present[v] == "before":
                note = not_in.format(label=vlab, wave=al)
            elif answered in ("before", "neither"):
                note = silent.format(label=ulab, wave=al)
        elif not is_missing(tb) and not is_missing(ta) and tb != ta:
            note = trust.format(before=number_text(tb, lang), after=number_text(ta, lang))
        out.append(note)
    return out


def through_label(label: str, *, new_in: str | None = None, lang: str = "en") -> str:
    """An actor a group is now connected through, marked when it is new in the later wave ``new_in``.

    Examples
    --------
    >>> through_label("Agglo"), through_label("Vélo", new_in="2024")
    ('Agglo', 'Vélo (new in 2024)')
    """
    return label if new_in is None else label + gettext(" (new in {wave})", lang).format(wave=new_in)


def merged_sentence(members: Sequence[str], worlds: Sequence[Any], *, isolated_before: bool,
                    target: tuple[Sequence[str], Sequence[Any]] | None, through: Sequence[str],
                    ties: int, lang: str = "en") -> str:
    """How a group joined another connected group, in words (a ``"merged"`` row's ``sentence``).

    Parameters
    ----------
    members, worlds : sequences
        Labels of the group's actors and their worlds in the earlier wave.
    isolated_before : bool
        The group was a connected group of its own before (for a single actor:
        isolated rather than cut off from the main network).
    target : (labels, worlds), optional
        The group it joined, as ``members`` and ``worlds``; None for the rest
        of the network (the largest connected group).
    through : sequence of str
        Labels of the actors it is now connected through (:func:`through_label`).
    ties : int
        Number of new ties that connect it.
    lang : str
        Language of the sentence.

    Examples
    --------
    >>> merged_sentence(["Boulangerie", "Fleuriste"], ["company", "company"], isolated_before=True,
    ...                 target=None, through=["Agglo"], ties=1)
    'The group of 2 companies (Boulangerie and Fleuriste) is now connected to the rest of the network through Agglo (1 new tie).'
    """
    members = list(members)
    desc = _describe_group(members, worlds, lang)
    if len(members) == 1:
        desc = (gettext("{label}, isolated before,", lang) if isolated_before else
                gettext("{label}, cut off from the main network before,", lang)).format(label=members[0])
    if target is None:
        target_text = gettext("the rest of the network", lang)
    else:
        target_text = _describe_group(list(target[0]), target[1], lang)
    return ngettext("{group} is now connected to {target} through {names} ({n} new tie).",
                    "{group} is now connected to {target} through {names} ({n} new ties).",
                    ties, lang).format(group=_cap(desc), target=target_text,
                                       names=_names(list(through), lang=lang), n=ties)


def split_sentence(members: Sequence[str], worlds: Sequence[Any], *, alone: bool,
                   lost: Sequence[tuple[str, str, Hashable]], gone: Sequence[str], silent: Sequence[str],
                   wave: str, lang: str = "en") -> str:
    """Why a group is no longer connected to the rest of its former group (a ``"split"`` row's ``sentence``).

    Parameters
    ----------
    members, worlds : sequences
        Labels of the group's actors and their worlds in the earlier wave.
    alone : bool
        A single actor now without any tie (isolated, rather than cut off
        from the main network).
    lost : sequence of (source label, target label, relation)
        The ties that held the group to the rest (the first six are named).
    gone : sequence of str
        Labels of the former group's actors no longer in the later wave.
    silent : sequence of str
        Labels of the members who answered the earlier wave only.
    wave : str
        The later wave's label.
    lang : str
        Language of the sentence.

    Examples
    --------
    >>> split_sentence(["c"], ["public"], alone=True, lost=[("b", "c", "tie")], gone=[], silent=[],
    ...                wave="after")
    'c is now isolated (lost ties: b -> c (tie)).'
    """
    members = list(members)
    if len(members) == 1:
        head = (gettext("{label} is now isolated", lang) if alone else
                gettext("{label} is no longer connected to the main network", lang)).format(label=members[0])
    else:
        desc = _describe_group(members, worlds, lang)
        head = gettext("{group} is no longer connected to the rest of its former group", lang).format(
            group=_cap(desc))
    why = []
    if lost:
        lost_text = ", ".join(f"{u} -> {v} ({_relation(r, lang)})"
                              for u, v, r in lost[:6]) + (" ..." if len(lost) > 6 else "")
        why.append(gettext("lost ties: {ties}", lang).format(ties=lost_text))
    if gone:
        why.append(gettext("no longer in {wave}: {names}", lang).format(
            wave=wave, names=_names(list(gone), lang=lang)))
    if silent:
        why.append(ngettext("{names} did not answer in {wave}", "{names} did not answer in {wave}",
                            len(silent), lang).format(names=_names(list(silent), lang=lang), wave=wave))
    sep = gettext("; ", lang)
    return head + (f" ({sep.join(why)})." if why else ".")


# --------------------------------------------------------------------------- findings


def sources_sentence(labels: tuple[str, str], sources: Mapping[str, tuple[str, ...]],
                     lang: str = "en") -> str:
    """The caveat when the waves come from different kinds of data ('' when they do not).

    ``sources`` is ``Comparison.sources``: wave label -> the ``origin`` codes
    of its ties (``()`` when the graph does not say, which raises no caveat).

    Examples
    --------
    >>> sources_sentence(("2023", "2024"), {"2023": ("survey",), "2024": ("survey",)})
    ''
    >>> sources_sentence(("2023", "2024"), {"2023": ("survey",), "2024": ("interview", "survey")})[:60]
    'The two waves do not come from the same kinds of sources (20'
    """
    bl, al = labels
    sb, sa = sources[bl], sources[al]
    if not sb or not sa or sb == sa:
        return ""

    def word(k: str) -> str:
        return gettext(_SOURCE_WORDS[k], lang) if k in _SOURCE_WORDS else k

    def listed(k: str) -> str:  # the origin codes as recorded in English, in words otherwise
        return k if lang == "en" else word(k)

    only_b = [word(k) for k in sb if k not in sa]
    only_a = [word(k) for k in sa if k not in sb]
    parts = []
    if only_b:
        parts.append(gettext("ties known only from {sources} in {wave} look lost", lang).format(
            sources=_names(only_b, lang=lang), wave=bl))
    if only_a:
        parts.append(gettext("ties known only from {sources} in {wave} look gained", lang).format(
            sources=_names(only_a, lang=lang), wave=al))
    return gettext(
        "The two waves do not come from the same kinds of sources ({before}: {before_sources}; "
        "{after}: {after_sources}): {parts}, so part of the change reflects the data collection, "
        "not the network. Compare waves built from the same kinds of files.", lang,
    ).format(before=bl, before_sources=_names([listed(k) for k in sb], lang=lang), after=al,
             after_sources=_names([listed(k) for k in sa], lang=lang), parts=_names(parts, lang=lang))


def findings(
    *,
    labels: tuple[str, str],
    summary: pd.DataFrame,
    ties: pd.DataFrame,
    actors: pd.DataFrame,
    relations_change: pd.DataFrame,
    components_change: pd.DataFrame,
    cluster_agreement: float,
    sources: Mapping[str, tuple[str, ...]],
    panel: Iterable[Hashable],
    lang: str = "en",
) -> list[str]:
    """The plain sentences of a comparison, most important first (``Comparison.findings``).

    Every argument is the comparison's table or value of the same name
    (``panel``: the ids of the actors who answered both waves); the sentences
    say nothing the tables do not show.
    """
    panel = set(panel)
    bl, al = labels
    s = summary

    def fig(m: str, col: str) -> float:
        return float(s.at[m, col])

    def change(m: str, fmt: str = ".0f") -> str:
        return _fmt_change(fig(m, "before"), fig(m, "after"), fmt, lang=lang)

    # who answered comes first: it frames every other figure
    both = ngettext("{n} answered both waves", "{n} answered both waves", len(panel), lang).format(n=len(panel))
    out = [gettext(
        "{before}: {respondents_before} of {actors_before} answered the survey ({rate_before} %); "
        "{after}: {respondents_after} of {actors_after} ({rate_after} %). {both}: the figures "
        "'among actors who answered both' compare like with like.", lang,
    ).format(before=bl, respondents_before=int(fig("respondents", "before")),
             actors_before=_actors_text(int(fig("actors", "before")), lang),
             rate_before=_num(100 * fig("response_rate", "before"), ".0f", lang),
             after=al, respondents_after=int(fig("respondents", "after")),
             actors_after=_actors_text(int(fig("actors", "after")), lang),
             rate_after=_num(100 * fig("response_rate", "after"), ".0f", lang), both=both)]
    mismatch = sources_sentence(labels, sources, lang)
    if mismatch:
        out.append(mismatch)
    out.append(_ties_finding(labels, ties, actors, relations_change, lang))
    out.extend(_ties_figures_findings(summary, ties, panel, lang))
    out.extend(components_change["sentence"].tolist())
    out.extend(_presence_findings(labels, actors, lang))
    out.extend(_role_findings(labels, actors, lang))
    out.append(gettext("Density {density}; reciprocity {reciprocity}; connected groups {components}; "
                       "clusters {clusters} (modularity {modularity}).", lang).format(
        density=change("density", ".3f"), reciprocity=change("reciprocity", ".2f"),
        components=change("components"), clusters=change("clusters"),
        modularity=change("modularity", ".2f")))
    if not is_missing(cluster_agreement):
        out.append(gettext("Agreement between the clusters of both waves (adjusted Rand index over the "
                           "actors present in both, 1 = same groups): {value}.", lang).format(
            value=number_text(cluster_agreement, lang)))
    return out


def _ties_finding(labels: tuple[str, str], t: pd.DataFrame, a: pd.DataFrame, rc: pd.DataFrame,
                  lang: str) -> str:
    """Ties gained, lost and kept, with the part that reflects who answered or who was there."""
    bl, al = labels
    before_nodes = set(a.index[a["present"] != "after"])
    after_nodes = set(a.index[a["present"] != "before"])
    g, lo, k = (int(rc.at["all", x]) for x in ("gained", "lost", "kept"))
    text = ngettext("{n} tie gained, {lost} lost, {kept} kept between {before} and {after}.",
                    "{n} ties gained, {lost} lost, {kept} kept between {before} and {after}.", g,
                    lang).format(n=g, lost=lo, kept=k, before=bl, after=al)
    lost_silent = int(((t["change"] == "lost") & (t["source_answered"].isin(["before", "neither"]))
                       & t["source"].isin(after_nodes)).sum())
    lost_gone = int(((t["change"] == "lost") & (~t["source"].isin(after_nodes)
                                                | ~t["target"].isin(after_nodes))).sum())
    gained_new = int(((t["change"] == "gained") & (t["source_answered"].isin(["after", "neither"]))
                      & t["source"].isin(before_nodes)).sum())
    gained_arrived = int(((t["change"] == "gained") & (~t["source"].isin(before_nodes)
                                                       | ~t["target"].isin(before_nodes))).sum())
    caveats = []
    if lost_silent:
        caveats.append(ngettext(
            "{n} lost tie was reported in {before} by actors who did not answer in {after}",
            "{n} lost ties were reported in {before} by actors who did not answer in {after}",
            lost_silent, lang).format(n=lost_silent, before=bl, after=al))
    if lost_gone:
        caveats.append(ngettext("{n} lost tie involves actors no longer in {after}",
                                "{n} lost ties involve actors no longer in {after}",
                                lost_gone, lang).format(n=lost_gone, after=al))
    if gained_new:
        caveats.append(ngettext("{n} gained tie was reported by actors who did not answer in {before}",
                                "{n} gained ties were reported by actors who did not answer in {before}",
                                gained_new, lang).format(n=gained_new, before=bl))
    if gained_arrived:
        caveats.append(ngettext("{n} gained tie involves actors new in {after}",
                                "{n} gained ties involve actors new in {after}",
                                gained_arrived, lang).format(n=gained_arrived, after=al))
    if caveats:
        text = gettext("{text} Of these, {caveats}: they reflect who answered or who was there, not "
                       "necessarily a change in the network.", lang).format(
            text=text, caveats=gettext("; ", lang).join(caveats))
    return text


def _ties_figures_findings(s: pd.DataFrame, t: pd.DataFrame, panel: set, lang: str) -> list[str]:
    """Change among the actors who answered both waves, between worlds, and in trust."""
    out = []

    def change(m: str, when: str = "", fmt: str = ".0f", signed: bool = False) -> str:
        return _fmt_change(float(s.at[m, "before" + when]), float(s.at[m, "after" + when]), fmt, signed, lang)

    if len(panel) >= 2:
        pt = t[t["source"].isin(panel) & t["target"].isin(panel)]
        pg, pl, pk = (int((pt["change"] == x).sum()) for x in ("gained", "lost", "kept"))
        out.append(ngettext(
            "Among the {actors} actors who answered both waves: {n} tie gained, {lost} lost, {kept} kept; "
            "ties between worlds {cross}; E-I index {ei}.",
            "Among the {actors} actors who answered both waves: {n} ties gained, {lost} lost, {kept} kept; "
            "ties between worlds {cross}; E-I index {ei}.", pg, lang,
        ).format(actors=len(panel), n=pg, lost=pl, kept=pk, cross=change("cross_world_ties", "_both"),
                 ei=change("ei_index", "_both", ".2f", True)))
    out.append(gettext("Ties between different worlds: {cross}; E-I index {ei} (-1: ties only inside "
                       "worlds, +1: only across).", lang).format(
        cross=change("cross_world_ties"), ei=change("ei_index", "", ".2f", True)))
    kept = t[(t["change"] == "kept") & t["trust_change"].notna()]
    if len(kept):
        up, down = int((kept["trust_change"] > 0).sum()), int((kept["trust_change"] < 0).sum())
        out.append(ngettext(
            "Trust on the {n} kept tie rated in both waves rose on {up} and fell on {down}; mean trust "
            "{mean}.",
            "Trust on the {n} kept ties rated in both waves rose on {up} and fell on {down}; mean trust "
            "{mean}.", len(kept), lang,
        ).format(n=len(kept), up=up, down=down, mean=change("mean_trust_kept", "", ".2f")))
    return out


def _presence_findings(labels: tuple[str, str], a: pd.DataFrame, lang: str) -> list[str]:
    """Actors new and gone, and who answered one wave only."""
    bl, al = labels
    out = []
    new = a[a["present"] == "after"]
    gone = a[a["present"] == "before"]
    if len(new):
        out.append(ngettext("New in {after} ({n} actor): {names}.", "New in {after} ({n} actors): {names}.",
                            len(new), lang).format(after=al, n=len(new),
                                                   names=_names(sorted(new["label"].tolist()), 10, lang)))
    if len(gone):
        out.append(ngettext("No longer in {after} ({n} actor): {names}.",
                            "No longer in {after} ({n} actors): {names}.", len(gone), lang).format(
            after=al, n=len(gone), names=_names(sorted(gone["label"].tolist()), 10, lang)))
    rb = a["respondent_before"].fillna(False).astype(bool)
    ra = a["respondent_after"].fillna(False).astype(bool)
    only_b, only_a = sorted(a.loc[rb & ~ra, "label"].tolist()), sorted(a.loc[ra & ~rb, "label"].tolist())
    for names, first, second in ((only_b, bl, al), (only_a, al, bl)):
        if names:
            out.append(ngettext("Answered in {first} but not in {second}: {names}.",
                                "Answered in {first} but not in {second}: {names}.", len(names), lang,
                                ).format(first=first, second=second, names=_names(names, 10, lang)))
    return out


def _role_findings(labels: tuple[str, str], a: pd.DataFrame, lang: str) -> list[str]:
    """Trusted intermediaries and hybrids that appeared or faded."""
    al = labels[1]
    out = []

    def worlds(k: int) -> str:
        return ngettext("{n} world", "{n} worlds", k, lang).format(n=k)

    templates = {
        "intermediary_change": (
            gettext("{label} is now a trusted intermediary ({detail}).", lang),
            gettext("{label} is now a trusted intermediary ({detail}), new in {after}.", lang),
            gettext("{label} is no longer flagged as a trusted intermediary.", lang),
            gettext("{label} is no longer flagged as a trusted intermediary; it is no longer in {after}.", lang)),
        "hybrid_change": (
            gettext("{label} is now a hybrid ({detail}).", lang),
            gettext("{label} is now a hybrid ({detail}), new in {after}.", lang),
            gettext("{label} is no longer flagged as a hybrid.", lang),
            gettext("{label} is no longer flagged as a hybrid; it is no longer in {after}.", lang)),
    }
    for flag in ("intermediary_change", "hybrid_change"):
        now, now_new, faded, faded_gone = templates[flag]
        came = a[a[flag] == "appeared"].sort_index(key=lambda x: x.map(_key))
        went = a[a[flag] == "faded"].sort_index(key=lambda x: x.map(_key))
        for _n, row in came.iterrows():
            if flag == "intermediary_change":
                detail = gettext("trusted by {actors} of {worlds}", lang).format(
                    actors=_actors_text(int(row["trusted_by_after"]), lang),
                    worlds=worlds(int(row["trusted_by_worlds_after"])))
            else:
                detail = gettext("ties to {worlds}", lang).format(worlds=worlds(int(row["worlds_after"])))
            template = now_new if row["present"] == "after" else now
            out.append(template.format(label=row["label"], detail=detail, after=al))
        for _n, row in went.iterrows():
            template = faded_gone if row["present"] == "before" else faded
            out.append(template.format(label=row["label"], after=al))
    return out
