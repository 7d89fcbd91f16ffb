"""Places and doing things together: which events bring the worlds together, and what they changed.

Practitioners name two conditions of alliances that a participation list can
show (CASES.md, conditions 3 and 4): **places** ("institutional venues inhibit
some actors; third places let people cross paths") and **doing things
together** ("when you get your hands dirty together, it creates ties"). Feld's
(1981) focus theory says the same in sociological terms: activities organised
around a shared focus (a workshop, a committee, a festival) bring people into
repeated contact and so produce ties, more between those who share a focus.

* :func:`events`: one row per event of the participation list: who came, from
  how many worlds, how mixed it was (Blau's index) against random attendance,
  which clusters it brought together, which hybrid actors and trusted
  intermediaries were there.
* :func:`places`: the events grouped by kind of place (third place,
  institutional, online...): worlds gathered per event, worlds never seen there.
* :func:`co_participation_effect`: between two survey waves, did pairs of actors
  who took part together in an event form new ties more often than comparable
  pairs who did not (Mantel-Haenszel risk ratio over strata of worlds and
  distance, Greenland-Robins confidence interval)? Observational, not causal.

All three read the participation list from ``G.graph["events"]`` (written by
:func:`alliances.read_affiliations` and kept by :func:`alliances.load`) and the
ties through :mod:`alliances.model` (a negative tie is never a tie here). See
``docs/methods/events.md``, ``docs/methods/places.md`` and
``docs/methods/co-participation.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.stats import norm

from alliances.analysis.clusters import clusters as _clusters
from alliances.analysis.clusters import number_text, object_column, world_name
from alliances.analysis.hybrids import hybrid_actors, node_label, sort_frame
from alliances.analysis.intermediaries import trusted_intermediaries
from alliances.analysis.views import resolve_relations
from alliances.errors import AlliancesWarning, InputError
from alliances.errors import warn as warn_once
from alliances.i18n import N_, format_date, format_list, gettext, ngettext, resolve_lang
from alliances.model import (
    check_graph,
    event_type_name,
    is_missing,
    iter_ties,
    node_order,
    place_type_name,
    tuple_value,
)

__all__ = ["co_participation_effect", "events", "places"]

#: The relation that co-participation ties carry (never counted as a tie
#: "before" or "after" by :func:`co_participation_effect`).
CO_PARTICIPATION = "co-participation"
#: Group of events whose ``by`` value (place type...) was not recorded.
UNKNOWN = "unknown"
#: Fewest new ties (together + comparable) for which a rate ratio is given.
MIN_NEW_TIES = 5
#: |z| from which an event is called more (or less) mixed than random attendance.
Z_MIXED = 2.0

EVENT_COLUMNS = ("label", "event_type", "date", "place", "place_type", "participants",
                 "participant_list", "worlds", "world_list", "diversity", "expected_diversity",
                 "diversity_z", "clusters_joined", "hybrids", "intermediaries", "reason")
PLACE_COLUMNS = ("events", "participations", "mean_participants", "mean_worlds",
                 "mean_diversity", "worlds_present", "worlds_absent", "reason")
EFFECT_COLUMNS = ("pairs_together", "new_ties_together", "rate_together", "pairs_comparable",
                  "new_ties_comparable", "rate_comparable", "rate_ratio", "ci_low", "ci_high",
                  "strata", "reason", "pairs_unmatched")
NEW_TIE_COLUMNS = ("source", "target", "source_label", "target_label", "source_world",
                   "target_world", "events")

_BY = ("place_type", "place", "location", "event_type")
# place_type code -> what the venue is, in an event's sentence (translated where shown)
_KIND = {"third place": N_("a third place"), "institutional": N_("an institutional place"),
         "online": N_("online")}
# place_type code -> (subject of a sentence, "at ..." complement)
_PLACE_TYPE_WORDS = {
    "third place": (N_("third places"), N_("at third places")),
    "institutional": (N_("institutional places"), N_("at institutional places")),
    "online": (N_("online events"), N_("online")),
    "other": (N_("other places"), N_("at other places")),
}
# the ``by`` columns of places(), named in a sentence
_BY_NAMES = {"place_type": N_("place type"), "place": N_("place"), "location": N_("location"),
             "event_type": N_("event type")}


# --------------------------------------------------------------------------- reading the events


def _records(G: nx.Graph, caller: str, lang: str = "en") -> Mapping[str, Mapping[str, Any]]:
    """``G.graph["events"]``, or an InputError saying how to load a participation list."""
    records = G.graph.get("events")
    if records is None or not isinstance(records, Mapping):
        raise InputError(gettext(
            "{caller} found no participation list on this graph: no list of who took part in "
            "which event was read (G.graph['events'] is not set). Read one with "
            "alliances.read_affiliations('affiliations.csv'), or put an affiliations.csv in the "
            "study folder and load it with alliances.load(folder).", lang).format(caller=caller))
    return records


def _text(value: Any) -> Any:
    """A record's value, None when missing or empty."""
    return None if is_missing(value) or value == "" else value


def _world(G: nx.Graph, node: Hashable, attr: str) -> Any:
    value = G.nodes[node].get(attr) if node in G else None
    return None if is_missing(value) or value == "" else value


def _sorted_ids(ids: Iterable[Hashable]) -> list[Hashable]:
    """Actor ids in :func:`alliances.model.node_order`'s order."""
    ids = list(ids)
    try:
        return sorted(ids)
    except TypeError:
        return sorted(ids, key=lambda n: (type(n).__name__, str(n)))


def _order(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=lambda v: (type(v).__name__ != "str", str(v)))


def _ranked(counts: Counter) -> tuple:
    """Worlds, most represented first, then by name."""
    return tuple(w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))))


def blau(counts: Iterable[int]) -> float:
    r"""Blau's (1977) index of a group, the Gini-Simpson index :math:`1 - \sum_s p_s^2`.

    The probability that two members drawn at random (with replacement) come
    from different worlds: 0 when everyone comes from one world, at most
    :math:`1 - 1/W` with :math:`W` worlds equally represented. NaN for fewer
    than two members.

    Examples
    --------
    >>> blau([2, 1]), blau([1, 1, 1, 1]), blau([3]), blau([1])
    (0.4444444444444444, 0.75, 0.0, nan)
    """
    c = np.asarray(list(counts), dtype=float)
    n = c.sum()
    if n < 2:
        return math.nan
    return float(1.0 - ((c / n) ** 2).sum())


def _falling(x: np.ndarray | float, k: int) -> np.ndarray | float:
    """Falling factorial x (x - 1) ... (x - k + 1)."""
    out = np.ones_like(np.asarray(x, dtype=float))
    for i in range(k):
        out = out * (np.asarray(x, dtype=float) - i)
    return out


def blau_null(population: Iterable[int], n: int) -> tuple[float, float]:
    r"""Mean and standard deviation of Blau's index of ``n`` actors drawn at random.

    ``n`` actors are drawn without replacement from a population with
    ``population[s]`` actors in world ``s`` (:math:`N` in all). The counts
    :math:`X_s` are multivariate hypergeometric, whose factorial moments are
    :math:`E[\prod_s X_s^{(r_s)}] = n^{(r)} \prod_s K_s^{(r_s)} / N^{(r)}`
    with :math:`r = \sum_s r_s` and :math:`x^{(k)}` the falling factorial.
    With :math:`S = \sum_s X_s^2` and :math:`D = 1 - S / n^2`:

    * :math:`E[X_s^2] = f_2 K_s^{(2)} + f_1 K_s`, with :math:`f_k = n^{(k)} / N^{(k)}`;
    * :math:`E[X_s^4] = f_4 K_s^{(4)} + 6 f_3 K_s^{(3)} + 7 f_2 K_s^{(2)} + f_1 K_s`
      (Stirling numbers of the second kind);
    * :math:`E[X_s^2 X_t^2] = f_4 K_s^{(2)} K_t^{(2)} + f_3 (K_s^{(2)} K_t + K_s K_t^{(2)}) + f_2 K_s K_t`
      for :math:`s \ne t`;

    so :math:`E[D] = 1 - E[S]/n^2` and :math:`sd(D) = \sqrt{E[S^2] - E[S]^2}/n^2`, exactly.
    NaN for ``n < 2`` or ``n`` above the population.

    Examples
    --------
    Two worlds of 2 actors, 2 drawn: a mixed pair (D = 0.5) with probability 4/6,
    a same-world pair (D = 0) with probability 2/6: mean 1/3, sd sqrt(1/18).

    >>> mean, sd = blau_null([2, 2], 2)
    >>> round(mean, 6), round(sd, 6)
    (0.333333, 0.235702)
    """
    K = np.asarray(list(population), dtype=float)
    N = float(K.sum())
    if n < 2 or n > N:
        return math.nan, math.nan
    f = [float(_falling(n, k) / _falling(N, k)) if _falling(N, k) else 0.0 for k in range(5)]
    K2, K3, K4 = _falling(K, 2), _falling(K, 3), _falling(K, 4)
    ES = float((f[2] * K2 + f[1] * K).sum())
    E4 = float((f[4] * K4 + 6 * f[3] * K3 + 7 * f[2] * K2 + f[1] * K).sum())

    def off(x: np.ndarray, y: np.ndarray) -> float:  # sum over s != t of x_s y_t
        return float(x.sum() * y.sum() - (x * y).sum())

    cross = f[4] * off(K2, K2) + f[3] * (off(K2, K) + off(K, K2)) + f[2] * off(K, K)
    var = E4 + cross - ES * ES
    scale = max(ES * ES, 1.0)
    var = 0.0 if var < 1e-12 * scale else var
    return 1.0 - ES / n**2, math.sqrt(var) / n**2


class _Event:
    """One event as the analyses read it."""

    __slots__ = ("counts", "diversity", "name", "participants", "record", "unknown")

    def __init__(self, G: nx.Graph, name: str, record: Mapping[str, Any], attr: str) -> None:
        self.name = name
        self.record = record
        listed = tuple_value(record.get("participants"))
        self.participants = tuple(_order({p for p in listed if p in G}))
        worlds = [_world(G, p, attr) for p in self.participants]
        self.counts = Counter(w for w in worlds if w is not None)
        self.unknown = sum(w is None for w in worlds)
        self.diversity = blau(self.counts.values())

    def get(self, key: str) -> Any:
        return _text(self.record.get(key)) if isinstance(self.record, Mapping) else None


def _read_events(G: nx.Graph, attr: str, caller: str, lang: str = "en") -> tuple[list[_Event], Counter]:
    """The events (sorted by name) and the worlds of the whole graph (known ones)."""
    records = _records(G, caller, lang)
    items = [_Event(G, name, records[name] or {}, attr) for name in _order(records)]
    population = Counter(w for n in G if (w := _world(G, n, attr)) is not None)
    unknown = sorted({p for e in items for p in e.participants if _world(G, p, attr) is None},
                     key=str)
    if unknown and population:
        shown = ", ".join(map(str, unknown[:5])) + (" ..." if len(unknown) > 5 else "")
        # once per graph (events() and places() both read the list), at the user's line; the
        # template and fields let the report and the CLI say it again in their language
        template = (N_("{n} participant has no {attr} ({shown}); it is left out of the worlds and "
                       "diversity of its events. Add it to the actor registry to fix this.")
                    if len(unknown) == 1 else
                    N_("{n} participants have no {attr} ({shown}); they are left out of the worlds "
                       "and diversity of their events. Add them to the actor registry to fix this."))
        warn_once(gettext(template, lang), once=G, n=len(unknown), attr=repr(attr), shown=shown)
    return items, population


# --------------------------------------------------------------------------- events()


def events(
    G: nx.Graph,
    *,
    attr: str = "sector",
    relations: str | Iterable[str] | None = None,
    seed: int = 0,
    lang: str | None = None,
) -> pd.DataFrame:
    r"""One row per event: who came, from how many worlds, and how mixed it was against chance.

    * ``worlds``: distinct known worlds (``attr``) among the participants;
      ``world_list`` from the most represented, then by name.
    * ``diversity``: Blau's (1977) index, the Gini-Simpson index of the
      participants' worlds,

      .. math:: D = 1 - \sum_s p_s^2

      with :math:`p_s` the share of participants (with a known world) from
      world :math:`s`: the chance that two participants drawn at random come
      from different worlds. NaN with fewer than 2 participants of known world.
    * ``expected_diversity`` and ``diversity_z``: the mean and the z-score of
      :math:`D` under **random attendance**: the same number of participants
      drawn without replacement from every actor of the graph with a known
      world. Both are exact (multivariate hypergeometric moments, see
      :func:`blau_null`): :math:`z = (D - E[D]) / sd(D)`, NaN when the
      standard deviation is 0 (every actor came, or one world only). A large
      world is expected to fill events by itself; ``diversity_z`` says
      whether this event mixed the worlds more (z > 0) or less (z < 0) than
      its size and the make-up of the network would give. The normal reading
      of z (|z| >= 2 is unusual) is rough for small events.
    * ``clusters_joined``: ids of the clusters of
      :func:`alliances.clusters` (``seed``, ``relations``) among the
      participants that have **no other positive tie** with another
      participant's cluster than this event's own co-participation ties (a
      co-participation tie whose ``events`` are this event only): the
      clusters that, as far as the graph knows, only this event connects.
      Sorted; empty when the participants come from one cluster or when
      every pair of their clusters is tied otherwise.
    * ``hybrids``, ``intermediaries``: participants flagged ``is_hybrid`` by
      :func:`alliances.hybrid_actors` and ``is_trusted_intermediary`` by
      :func:`alliances.trusted_intermediaries` (``attr``, ``relations``).

    Participants listed but not in ``G`` (a subgraph) are left out of every
    column; participants without a world count in ``participants`` but not in
    the worlds (with a warning). Observational: the participants chose to
    come, so a mixed event may reflect who was invited or who already knew
    each other (Feld 1981: foci gather people, and ties form around them).

    Parameters
    ----------
    G : networkx graph
        An actor graph carrying a participation list in ``G.graph["events"]``
        (:func:`alliances.read_affiliations`, :func:`alliances.load` on a
        folder with ``affiliations.csv``).
    attr : str, default "sector"
        Node attribute giving the world.
    relations : str or iterable of str, optional
        Relations that count as ties for the clusters, hybrids and
        intermediaries (default: every positive tie, co-participation included).
    seed : int, default 0
        Seed of the clusters and of the intermediaries' betweenness.
    lang : str, optional
        Language of the sentences (``"en"`` or ``"fr"``); None follows the
        environment (``ALLIANCES_LANG``, then the locale), English otherwise.

    Returns
    -------
    pandas.DataFrame
        Indexed by event name (index name ``"event"``), sorted by
        ``diversity_z`` descending (NaN last), then name. Columns ``label,
        event_type, date, place, place_type, participants, participant_list,
        worlds, world_list, diversity, expected_diversity, diversity_z,
        clusters_joined, hybrids, intermediaries, reason``.

    Raises
    ------
    InputError
        If ``G`` carries no participation list, or no actor has ``attr``.

    References
    ----------
    Blau (1977), Inequality and Heterogeneity, Free Press.
    Feld (1981), The focused organization of social ties, American Journal of
    Sociology 86(5), 1015-1035.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "public"}),
    ...                   ("c", {"sector": "company"}), ("d", {"sector": "company"})])
    >>> G.graph["events"] = {"Atelier": {"event_type": "workshop", "date": None,
    ...                                  "participants": ("a", "c")}}
    >>> row = events(G).loc["Atelier"]
    >>> int(row["worlds"]), float(row["diversity"]), round(float(row["expected_diversity"]), 4)
    (2, 0.5, 0.3333)
    >>> round(float(row["diversity_z"]), 4), row["world_list"]
    (0.7071, ('company', 'public'))
    """
    check_graph(G, caller="events")
    lang = resolve_lang(lang)
    _records(G, "events", lang)
    check_graph(G, needs=(attr,), caller="events")
    items, population = _read_events(G, attr, "events", lang)
    K = np.asarray([population[w] for w in _order(population)], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlliancesWarning)  # warned once above
        cluster_of = _clusters(G, seed=seed, relations=relations)["cluster"].to_dict()
        hybrid = hybrid_actors(G, attr=attr, relations=relations)
        broker = trusted_intermediaries(G, attr=attr, relations=relations, seed=seed)
    hybrid_set = set(hybrid.index[hybrid["is_hybrid"].astype(bool)])
    broker_set = set(broker.index[broker["is_trusted_intermediary"].astype(bool)])
    links = _cluster_links(G, cluster_of, resolve_relations(G, relations))
    rows = []
    for e in items:
        n = sum(e.counts.values())
        mean, sd = blau_null(K, n)
        D = e.diversity
        z = (D - mean) / sd if sd > 0 and not math.isnan(D) else math.nan
        joined = _joined(e, cluster_of, links)
        hybrids = tuple(p for p in e.participants if p in hybrid_set)
        brokers = tuple(p for p in e.participants if p in broker_set)
        rows.append((e.name, e.get("event_type"), e.get("date"), e.get("place"),
                     e.get("place_type"), len(e.participants), e.participants, len(e.counts),
                     _ranked(e.counts), D, mean if n >= 2 else math.nan, z, joined, hybrids,
                     brokers, _event_reason(G, e, mean, z, joined, hybrids, brokers, attr=attr,
                                            lang=lang)))
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(EVENT_COLUMNS)
    index = pd.Index([e.name for e in items], name="event", dtype=object)
    frame = pd.DataFrame(  # object columns keep None (pandas' string default would make it NaN)
        {c: pd.Series(object_column(v), index=index, dtype=object)
         for c, v in zip(EVENT_COLUMNS, columns, strict=True)}, index=index)
    frame = frame.astype({"participants": np.int64, "worlds": np.int64,
                          "diversity": float, "expected_diversity": float, "diversity_z": float})
    frame = sort_frame(frame, "diversity_z")
    frame.attrs.update(attr=attr, seed=seed, population=dict(population))
    return frame


_OTHER = object()  # a tie between two clusters that is not one event's own co-participation tie


def _cluster_links(G: nx.Graph, cluster_of: dict, rels: frozenset | None) -> dict[tuple, set]:
    """Cluster pair -> what ties it: event names (their own co-participation ties) or _OTHER."""
    links: dict[tuple, set] = defaultdict(set)
    for tie in iter_ties(G, weight=None):
        if tie.sign < 0 or (rels is not None and tie.relation not in rels):
            continue
        cu, cv = cluster_of[tie.source], cluster_of[tie.target]
        if cu == cv:
            continue
        marker: Any = _OTHER
        if tie.relation == CO_PARTICIPATION:
            own = tuple_value(tie.data.get("events"))
            if len(own) == 1:
                marker = own[0]
        links[(min(cu, cv), max(cu, cv))].add(marker)
    return links


def _joined(e: _Event, cluster_of: dict, links: dict[tuple, set]) -> tuple:
    present = sorted({cluster_of[p] for p in e.participants})
    joined = set()
    for c, d in combinations(present, 2):
        if links.get((c, d), set()) <= {e.name}:
            joined.update((c, d))
    return tuple(sorted(joined))


def _names(G: nx.Graph, ids: Iterable[Hashable]) -> str:
    return ", ".join(node_label(G, n) for n in ids)


def _world_text(w: Any, attr: str, lang: str) -> str:
    """A world in a sentence: as recorded in English (the code), its label in French."""
    return str(w) if lang == "en" else world_name(None if w == UNKNOWN else w, lang, attr)


def _date_text(value: Any, lang: str) -> str:
    """A date as recorded in English; as French writes it (``5 nov. 2024``) when it is ISO."""
    if lang != "en" and isinstance(value, (str, dt.date)):
        with contextlib.suppress(ValueError):
            return format_date(value, lang)
    return str(value)


def _event_reason(G: nx.Graph, e: _Event, mean: float, z: float, joined: tuple,
                  hybrids: tuple, brokers: tuple, *, attr: str = "sector", lang: str = "en") -> str:
    etype, date, place, ptype = e.get("event_type"), e.get("date"), e.get("place"), e.get("place_type")
    about = []
    if etype is not None:
        about.append(event_type_name(etype, lang))
    if date is not None:
        about.append(_date_text(date, lang))
    if place is not None:
        about.append(gettext("at {place}", lang).format(place=place) if ptype not in _KIND else
                     gettext("at {place}, {kind}", lang).format(place=place, kind=gettext(_KIND[ptype], lang)))
    elif ptype is not None:
        about.append(place_type_name(ptype, lang))
    sep = gettext("; ", lang)
    head = f"{e.name}" + (f" ({sep.join(about)})" if about else "")
    if not e.participants:
        return gettext("{head}: no participant of this graph listed", lang).format(head=head)
    n = len(e.participants)
    known = sum(e.counts.values())
    make_up = ", ".join(f"{_world_text(w, attr, lang)} {e.counts[w]}" for w in _ranked(e.counts))
    worlds = len(e.counts)
    text = gettext("{head}: {participants} from {worlds}", lang).format(
        head=head, participants=ngettext("{n} participant", "{n} participants", n, lang).format(n=n),
        worlds=ngettext("{n} world", "{n} worlds", worlds, lang).format(n=worlds))
    text += f" ({make_up})" if make_up else ""
    if e.unknown:
        text = ngettext("{text}, {n} without a known world", "{text}, {n} without a known world",
                        e.unknown, lang).format(text=text, n=e.unknown)
    if known < 2:
        text = gettext("{text}; fewer than 2 participants with a known world: diversity undefined",
                       lang).format(text=text)
    else:
        text = gettext("{text}; diversity {diversity} against {expected} if as many actors had come "
                       "at random", lang).format(text=text, diversity=number_text(e.diversity, lang),
                                                 expected=number_text(mean, lang))
        if math.isnan(z):
            text = gettext("{text} (no variation possible under random attendance)", lang).format(text=text)
        else:
            judgement = (gettext("more mixed than random attendance", lang) if z >= Z_MIXED else
                         gettext("less mixed than random attendance", lang) if z <= -Z_MIXED else
                         gettext("about as mixed as random attendance", lang))
            colon = gettext(": ", lang)
            text += f" (z = {number_text(z, lang, '+.1f')}{colon}{judgement})"
    if joined:
        text = gettext("{text}; brought together clusters {clusters}, which have no other tie between "
                       "them", lang).format(text=text, clusters=_and(map(str, joined), lang))
    if hybrids:
        text = gettext("{text}; hybrid actors present: {names}", lang).format(
            text=text, names=_names(G, hybrids))
    if brokers:
        text = gettext("{text}; trusted intermediaries present: {names}", lang).format(
            text=text, names=_names(G, brokers))
    return text


def _and(items: Iterable[str], lang: str = "en") -> str:
    items = list(items)
    if lang != "en":
        return format_list(items, lang)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def places(G: nx.Graph, *, by: str = "place_type", attr: str = "sector",
           lang: str | None = None) -> pd.DataFrame:
    r"""The events grouped by kind of place: how many worlds each kind gathers.

    For each kind of place (``by="place_type"``: third place, institutional,
    online, other) or each venue (``by="place"``), over its events:

    * ``events``: number of events; ``participations``: participants summed
      over them (an actor at two events counts twice);
    * ``mean_participants``, ``mean_worlds``: per event, means over the
      events; ``mean_diversity``: mean Blau index :math:`1 - \sum_s p_s^2`
      of the events where it is defined (2 or more participants of known
      world), NaN when none is;
    * ``worlds_present``: worlds seen at least once there (most
      participations first); ``worlds_absent``: worlds of the network (known
      ``attr`` values of the graph's actors) never seen there.

    Events whose ``by`` value was not recorded form the group ``"unknown"``,
    always last. Observational: a kind of place is not chosen at random (a
    council committee meets at the town hall, a repair workshop in a third
    place), so the difference mixes the effect of the place with that of the
    kind of event and of who organises it; with a handful of events per
    group, one event changes the means.

    Parameters
    ----------
    G : networkx graph
        An actor graph carrying a participation list in ``G.graph["events"]``.
    by : {"place_type", "place", "location", "event_type"}, default "place_type"
        The event field that groups the events.
    attr : str, default "sector"
        Node attribute giving the world.
    lang : str, optional
        Language of the sentences (``"en"`` or ``"fr"``); None follows the
        environment (``ALLIANCES_LANG``, then the locale), English otherwise.

    Returns
    -------
    pandas.DataFrame
        Indexed by the ``by`` value (index name ``by``), sorted by
        ``mean_worlds`` descending then name (``"unknown"`` last); columns
        ``events, participations, mean_participants, mean_worlds,
        mean_diversity, worlds_present, worlds_absent, reason``.

    Raises
    ------
    InputError
        If ``G`` carries no participation list, or no actor has ``attr``.

    References
    ----------
    Oldenburg (1989), The Great Good Place, Paragon House (third places).
    Feld (1981), The focused organization of social ties, American Journal of
    Sociology 86(5), 1015-1035.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"sector": "public"}), ("b", {"sector": "company"}),
    ...                   ("c", {"sector": "association"})])
    >>> G.graph["events"] = {
    ...     "Repair": {"place_type": "third place", "participants": ("a", "b", "c")},
    ...     "Council": {"place_type": "institutional", "participants": ("a", "b")}}
    >>> places(G)[["events", "mean_worlds", "worlds_absent"]]
                   events  mean_worlds   worlds_absent
    place_type
    third place         1          3.0              ()
    institutional       1          2.0  (association,)
    """
    check_graph(G, caller="places")
    lang = resolve_lang(lang)
    if by not in _BY:
        raise ValueError(gettext("by must be one of {choices}, got {by}", lang).format(
            choices=", ".join(map(repr, _BY)), by=repr(by)))
    _records(G, "places", lang)
    check_graph(G, needs=(attr,), caller="places")
    items, population = _read_events(G, attr, "places", lang)
    groups: dict[Any, list[_Event]] = defaultdict(list)
    for e in items:
        value = e.get(by)
        groups[UNKNOWN if value is None else value].append(e)
    network = _ranked(population)
    rows = {}
    for g, members in groups.items():
        seen: Counter = Counter()
        for e in members:
            seen.update(e.counts)
        div = [e.diversity for e in members if not math.isnan(e.diversity)]
        rows[g] = {
            "events": len(members),
            "participations": sum(len(e.participants) for e in members),
            "mean_participants": float(np.mean([len(e.participants) for e in members])),
            "mean_worlds": float(np.mean([len(e.counts) for e in members])),
            "mean_diversity": float(np.mean(div)) if div else math.nan,
            "worlds_present": _ranked(seen),
            "worlds_absent": tuple(w for w in network if w not in seen),
        }
    order = sorted(rows, key=lambda g: (g == UNKNOWN, -rows[g]["mean_worlds"], str(g)))
    for g in order:
        rows[g]["reason"] = _place_reason(g, by, rows, order, attr=attr, lang=lang)
    frame = pd.DataFrame([rows[g] for g in order], columns=list(PLACE_COLUMNS),
                         index=pd.Index(order, name=by, dtype=object))
    frame = frame.astype({"events": np.int64, "participations": np.int64, "reason": object})
    frame.attrs.update(by=by, attr=attr)
    return frame


def _words(g: Any, by: str, lang: str = "en") -> tuple[str, str]:
    """(subject, "at ..." complement) naming a group of events."""
    if g == UNKNOWN:
        what = by.replace("_", " ") if lang == "en" else gettext(_BY_NAMES[by], lang)
        return (gettext("events with no {what} recorded", lang).format(what=what),
                gettext("where no {what} was recorded", lang).format(what=what))
    if by == "place_type" and g in _PLACE_TYPE_WORDS:
        subject, where = _PLACE_TYPE_WORDS[g]
        return gettext(subject, lang), gettext(where, lang)
    if by == "event_type":
        name = event_type_name(g, lang)
        return (gettext("{type} events", lang).format(type=name),
                gettext("at {type} events", lang).format(type=name))
    if by == "location":
        return (gettext("events in {location}", lang).format(location=g),
                gettext("in {location}", lang).format(location=g))
    return (str(g), gettext("at {place}", lang).format(place=g))


def _place_reason(g: Any, by: str, rows: dict, order: list, *, attr: str = "sector",
                  lang: str = "en") -> str:
    r = rows[g]
    subject = _words(g, by, lang)[0]
    events = r["events"]
    text = gettext("{subject} gathered {worlds} worlds per event ({events}, {participants} participants "
                   "on average)", lang).format(
        subject=subject, worlds=number_text(r["mean_worlds"], lang, ".1f"),
        events=ngettext("{n} event", "{n} events", events, lang).format(n=events),
        participants=number_text(r["mean_participants"], lang, ".1f"))
    others = [h for h in order if h != g]
    if others and len(others) <= 3:
        text = gettext("{text} against {others}", lang).format(text=text, others=_and(
            (f"{number_text(rows[h]['mean_worlds'], lang, '.1f')} {_words(h, by, lang)[1]}" for h in others),
            lang))
    elif others:
        rest = [e for h in others for e in [rows[h]]]
        mean = sum(x["mean_worlds"] * x["events"] for x in rest) / sum(x["events"] for x in rest)
        text = gettext("{text} against {mean} per event elsewhere", lang).format(
            text=text, mean=number_text(mean, lang, ".1f"))
    if r["worlds_absent"]:
        text = gettext("{text}; never seen there: {worlds}", lang).format(
            text=text, worlds=", ".join(_world_text(w, attr, lang) for w in r["worlds_absent"]))
    if g == UNKNOWN:
        text = gettext("{text} (add a {by} column to the participation list to compare places)",
                       lang).format(text=text, by=by)
    return text


def _tie_pairs(G: nx.Graph) -> set[tuple[Hashable, Hashable]]:
    """Unordered pairs with a positive tie, any relation except co-participation."""
    pairs = set()
    for tie in iter_ties(G, weight=None):
        if tie.sign > 0 and tie.relation != CO_PARTICIPATION:
            pairs.add((tie.source, tie.target))
            pairs.add((tie.target, tie.source))
    return pairs


#: Rows of the wave-1 distance matrix computed at a time (memory: CHUNK x actors).
CHUNK = 256


def _pair_strata(G: nx.Graph, actors: list, code: np.ndarray, k: int, width: int,
                 wanted: set[tuple[int, int]]) -> tuple[Counter, dict[tuple[int, int], int]]:
    """Count the untied pairs of ``actors`` per stratum, and give the stratum of the ``wanted`` ones.

    A stratum is ``(lo * k + hi) * width + d``: the two world codes (``lo <= hi``)
    and the hop distance ``d`` on the positive ties of ``G`` except
    co-participation, over all of G's actors (0 when unreachable). Pairs at
    distance 1 (tied in wave 1) are left out of both.
    Distances are computed a chunk of rows at a time, so memory stays
    ``CHUNK x len(G)`` whatever the number of pairs.
    """
    nodes = node_order(G)
    index = {n: i for i, n in enumerate(nodes)}
    tied = _tie_pairs(G)
    if tied:
        u, v = zip(*((index[a], index[b]) for a, b in tied), strict=True)
        A = sp.csr_array((np.ones(len(u)), (np.asarray(u), np.asarray(v))), shape=(len(nodes),) * 2)
    else:
        A = sp.csr_array((len(nodes), len(nodes)))
    cols = np.asarray([index[a] for a in actors], dtype=np.int64)
    n = len(actors)
    by_row: dict[int, list[int]] = defaultdict(list)
    for i, j in wanted:
        by_row[i].append(j)
    totals: Counter = Counter()
    keys: dict[tuple[int, int], int] = {}
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        D = csgraph.shortest_path(A, directed=False, unweighted=True, indices=cols[start:stop])[:, cols]
        d = np.where(np.isinf(D), 0, D).astype(np.int64)
        c = code[start:stop, None]
        key = (np.minimum(c, code[None, :]) * k + np.maximum(c, code[None, :])) * width + d
        keep = (np.arange(n)[None, :] > np.arange(start, stop)[:, None]) & (d != 1)
        values, counts = np.unique(key[keep], return_counts=True)
        totals.update(dict(zip(values.tolist(), counts.tolist(), strict=True)))
        for i in range(start, stop):
            for j in by_row.get(i, ()):
                if d[i - start, j] != 1:
                    keys[(i, j)] = int(key[i - start, j])
    return totals, keys


def co_participation_effect(
    before: nx.Graph,
    after: nx.Graph,
    affiliations: nx.Graph,
    *,
    attr: str = "sector",
    confidence: float = 0.95,
    per_event: bool = True,
    elsewhere: str = "adjust",
    lang: str | None = None,
) -> pd.DataFrame:
    r"""Did actors who took part together in an event form new ties more than comparable pairs?

    **Pairs** considered: unordered pairs of actors present in both waves
    (nodes of ``before`` and of ``after``) with no positive tie in wave 1
    (either direction, any relation except co-participation). **Exposed**
    pairs took part together in at least one event of ``affiliations`` (on a
    per-event row: in that event). **Outcome**: a positive tie between them in
    wave 2 (either direction, any relation except co-participation).

    **Comparable pairs**: pairs that took part together in no event, in the
    same **stratum** as some exposed pair: same unordered pair of worlds
    (``attr``, from ``before``, else ``after``, else ``affiliations``;
    ``"unknown"`` when missing) and same hop distance in wave 1 (on the
    positive ties except co-participation, over all of wave 1's actors;
    ``inf`` when unreachable). Two actors of the same worlds at the same
    distance had, as far as the survey sees, the same chance of meeting.

    **One event's row** (``elsewhere``): the pairs of an event often met at
    other events too, so comparing them with pairs of no event credits the
    event with what the others did. By default (``"adjust"``) the strata of
    an event's row also say whether the pair took part together in another
    event: its pairs that met elsewhere too are compared with pairs that met
    elsewhere but not at it, the others with pairs of no event (the
    comparable pairs are both kinds). ``"exclude"`` compares with pairs of
    no event only; ``"include"`` with every pair not at this event (as
    ``data/samples/_make_chevreuse.py`` measures). The ``"all"`` row is the
    same in the three.

    **Estimate**: the Mantel-Haenszel risk ratio over the strata
    :math:`i`, with :math:`a_i` new ties among :math:`n_{1i}` exposed pairs,
    :math:`b_i` among :math:`n_{0i}` comparable pairs,
    :math:`N_i = n_{1i} + n_{0i}`:

    .. math::

        RR_{MH} = \frac{\sum_i a_i n_{0i} / N_i}{\sum_i b_i n_{1i} / N_i}

    and the Greenland-Robins (1985) variance of its logarithm

    .. math::

        \widehat{Var}(\ln RR_{MH}) = \frac{\sum_i (n_{1i} n_{0i} (a_i + b_i) - a_i b_i N_i) / N_i^2}
        {\left(\sum_i a_i n_{0i} / N_i\right)\left(\sum_i b_i n_{1i} / N_i\right)},

    valid both with few large strata and with many sparse ones; the interval
    is :math:`\exp(\ln RR_{MH} \pm z_{(1+c)/2} \sqrt{Var})`. With one stratum
    it is the plain risk ratio with the Katz log interval. ``rate_together``
    and ``rate_comparable`` are the crude rates (new ties / pairs);
    ``rate_ratio`` is the stratified one, so it may differ from their quotient.

    **Refusals** (``rate_ratio``, ``ci_low``, ``ci_high`` NaN, and the reason
    says why): no exposed pair; no comparable pair; fewer than
    ``MIN_NEW_TIES`` (5) new ties in all (together + comparable); no new tie
    among comparable pairs of the matched strata (ratio infinite). Without a
    new tie among exposed pairs the ratio is 0 and its interval NaN.

    **Observational, not causal**: actors choose to come to an event, and
    those who come together may have been about to work together anyway
    (selection into events); the strata only balance worlds and distance.
    Ties seen in wave 2 also depend on who answered the second survey.

    Parameters
    ----------
    before, after : networkx graph
        Actor graphs of wave 1 and wave 2 (the same actor ids).
    affiliations : networkx graph
        A graph from :func:`alliances.read_affiliations` of the events held
        between the waves: its ``G.graph["events"]`` is read.
    attr : str, default "sector"
        Node attribute giving the world.
    confidence : float, default 0.95
        Level of the confidence interval.
    per_event : bool, default True
        Add one row per event after the ``"all"`` row.
    elsewhere : {"adjust", "exclude", "include"}, default "adjust"
        How an event's row treats pairs that took part together in other
        events only (see above).
    lang : str, optional
        Language of the sentences (``"en"`` or ``"fr"``); None follows the
        environment (``ALLIANCES_LANG``, then the locale), English otherwise.

    Returns
    -------
    pandas.DataFrame
        Index name ``"event"``: ``"all"`` (exposed = took part together in
        any event), then each event (by date, undated last, then name).
        Columns ``pairs_together, new_ties_together, rate_together,
        pairs_comparable, new_ties_comparable, rate_comparable, rate_ratio,
        ci_low, ci_high, strata`` (strata with both exposed and comparable
        pairs), ``reason``, ``pairs_unmatched`` (exposed pairs of strata
        without a comparable pair: counted in ``pairs_together`` but not in
        the ratio). ``attrs["new_ties"]``: the new ties among pairs that
        took part together (``source, target, source_label, target_label,
        source_world, target_world, events``); ``attrs["strata"]``: the
        counts of the ``"all"`` row per stratum.

    Raises
    ------
    InputError
        If ``affiliations`` carries no participation list.

    References
    ----------
    Mantel & Haenszel (1959), Statistical aspects of the analysis of data
    from retrospective studies of disease, JNCI 22, 719-748.
    Greenland & Robins (1985), Estimation of a common effect parameter from
    sparse follow-up data, Biometrics 41, 55-68.
    Rothman, Greenland & Lash (2008), Modern Epidemiology, 3rd ed., ch. 15.
    Feld (1981), The focused organization of social ties, AJS 86(5).

    Examples
    --------
    >>> A = nx.Graph()
    >>> A.add_nodes_from("abcd", sector="public")
    >>> A.graph["events"] = {"Atelier": {"participants": ("a", "b")}}
    >>> after = nx.Graph([("a", "b"), ("c", "d")])
    >>> df = co_participation_effect(A, after, A)
    >>> df.loc["all", ["pairs_together", "new_ties_together", "pairs_comparable", "new_ties_comparable"]].tolist()
    [1, 1, 5, 1]
    >>> df.loc["all", "reason"]
    'after the event, only 2 new ties in all (at least 5 needed): too few to compare rates'
    """
    lang = resolve_lang(lang)
    for graph, name in ((before, "before"), (after, "after"), (affiliations, "affiliations")):
        check_graph(graph, caller=f"co_participation_effect ({name})")
    if elsewhere not in ("adjust", "exclude", "include"):
        raise ValueError(gettext('elsewhere must be "adjust", "exclude" or "include", got {value}', lang).format(
            value=repr(elsewhere)))
    if not 0 < confidence < 1:
        raise ValueError(gettext("confidence must be between 0 and 1, got {value}", lang).format(
            value=repr(confidence)))
    records = _records(affiliations, "co_participation_effect", lang)
    common = _sorted_ids(n for n in before if n in after)
    pos = {n: i for i, n in enumerate(common)}

    def world_of(a: Hashable) -> Any:
        for graph in (before, after, affiliations):
            w = _world(graph, a, attr)
            if w is not None:
                return w
        return UNKNOWN

    worlds = [world_of(a) for a in common]
    names = _order(set(worlds))
    code = np.asarray([names.index(w) for w in worlds], dtype=np.int64)
    k = len(names)
    # candidate pairs: who took part together (per event) and who is tied in wave 2
    ordered = sorted(records, key=lambda e: (_text((records[e] or {}).get("date")) is None,
                                             str(_text((records[e] or {}).get("date")) or ""), str(e)))
    together: dict[str, set[tuple[int, int]]] = {}
    for e in ordered:
        parts = sorted({pos[p] for p in tuple_value((records[e] or {}).get("participants"))
                        if p in pos})
        together[e] = set(combinations(parts, 2))
    tied_after = {tuple(sorted((pos[a], pos[b]))) for a, b in _tie_pairs(after)
                  if a in pos and b in pos}
    width = before.number_of_nodes() + 1  # distances 2..N-1, and 0 for unreachable
    totals, keys = _pair_strata(before, common, code, k, width,
                                set().union(*together.values(), tied_after))
    considered = keys.keys()  # pairs of interest with no tie in wave 1

    exposed = {e: {p for p in pairs if p in considered} for e, pairs in together.items()}
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for e in ordered:
        for pair in exposed[e]:
            shared[pair].append(e)
    any_pairs = set(shared)
    new = {p for p in tied_after if p in considered}
    exposed_by_stratum = Counter(keys[p] for p in any_pairs)
    comparable = Counter({s: totals[s] - exposed_by_stratum.get(s, 0) for s in totals})
    new_comparable = Counter(keys[p] for p in new - any_pairs)

    z = float(norm.ppf(0.5 + confidence / 2))

    def base(pair: tuple[int, int]) -> int:
        return keys[pair]

    rows = {"all": _effect_row(any_pairs, new, base, comparable, new_comparable, z)}
    for e in ordered if per_event else ():
        # pairs that took part together in other events but not in this one
        others = any_pairs - exposed[e]
        n_other = Counter(base(p) for p in others)
        new_other = Counter(base(p) for p in others & new)
        if elsewhere == "exclude":
            rows[e] = _effect_row(exposed[e], new, base, comparable, new_comparable, z)
        elif elsewhere == "include":
            rows[e] = _effect_row(exposed[e], new, base, comparable + n_other,
                                  new_comparable + new_other, z)
        else:  # "adjust": a stratum also says whether the pair met at another event

            def split(pair: tuple[int, int], e: str = e) -> tuple[int, bool]:
                return base(pair), any(x != e for x in shared[pair])

            n0 = {(s, False): c for s, c in comparable.items()} | {
                (s, True): c for s, c in n_other.items()}
            b0 = Counter({(s, False): c for s, c in new_comparable.items()}) + Counter(
                {(s, True): c for s, c in new_other.items()})
            rows[e] = _effect_row(exposed[e], new, split, n0, b0, z)
    for e, row in rows.items():
        row["reason"] = _effect_reason(e, len(ordered), row, confidence, worlds, elsewhere,
                                       new & (any_pairs if e == "all" else exposed[e]), attr=attr,
                                       lang=lang)
    frame = pd.DataFrame([rows[e] for e in rows], columns=list(EFFECT_COLUMNS),
                         index=pd.Index(list(rows), name="event", dtype=object))
    ints = ("pairs_together", "new_ties_together", "pairs_comparable", "new_ties_comparable",
            "strata", "pairs_unmatched")
    frame = frame.astype({**{c: np.int64 for c in ints}, "reason": object})
    frame.attrs.update(
        new_ties=_new_tie_frame(before, after, affiliations, common, worlds, new & any_pairs, shared),
        strata=_strata_frame(rows["all"].pop("_strata"), names, width),
        attr=attr, confidence=confidence)
    for e in rows:
        rows[e].pop("_strata", None)
    return frame


def _effect_row(pairs: set, new: set, stratum: Callable[[tuple[int, int]], Hashable],
                comparable: Mapping, new_comparable: Mapping, z: float) -> dict:
    n1: Counter = Counter(stratum(p) for p in pairs)
    a: Counter = Counter(stratum(p) for p in pairs & new)
    R = S = P = 0.0
    informative = unmatched = 0
    table = []
    for s in sorted(n1, key=str):
        n0, b = comparable.get(s, 0), new_comparable.get(s, 0)
        table.append((s, n1[s], a[s], n0, b))
        if n0 == 0:
            unmatched += n1[s]
            continue
        informative += 1
        N = n1[s] + n0
        R += a[s] * n0 / N
        S += b * n1[s] / N
        P += (n1[s] * n0 * (a[s] + b) - a[s] * b * N) / N**2
    pairs_comparable = sum(comparable.get(s, 0) for s in n1)
    new_comp = sum(new_comparable.get(s, 0) for s in n1)
    row: dict[str, Any] = {
        "pairs_together": len(pairs), "new_ties_together": sum(a.values()),
        "rate_together": sum(a.values()) / len(pairs) if pairs else math.nan,
        "pairs_comparable": pairs_comparable, "new_ties_comparable": new_comp,
        "rate_comparable": new_comp / pairs_comparable if pairs_comparable else math.nan,
        "rate_ratio": math.nan, "ci_low": math.nan, "ci_high": math.nan,
        "strata": informative, "pairs_unmatched": unmatched, "_strata": table, "_refusal": None,
    }
    if not pairs:
        row["_refusal"] = "pairs"
    elif pairs_comparable == 0:
        row["_refusal"] = "comparable"
    elif row["new_ties_together"] + new_comp < MIN_NEW_TIES:
        row["_refusal"] = "few"
    elif S == 0:
        row["_refusal"] = "infinite"
    elif R == 0:
        row["rate_ratio"] = 0.0
        row["_refusal"] = "zero"
    else:
        rr = R / S
        se = math.sqrt(P / (R * S))
        row.update(rate_ratio=rr, ci_low=math.exp(math.log(rr) - z * se),
                   ci_high=math.exp(math.log(rr) + z * se))
    return row


def _pct(x: float, lang: str = "en") -> str:
    return number_text(x, lang, ".0%" if x >= 0.1 or x == 0 else ".1%")


def _effect_reason(e: str, n_events: int, row: dict, confidence: float, worlds: list,
                   elsewhere: str, new_pairs: set, *, attr: str = "sector", lang: str = "en") -> str:
    if e != "all":
        who = gettext("after {event}", lang).format(event=e)
    else:
        who = (gettext("with no event in the participation list", lang) if n_events == 0 else
               gettext("after the event", lang) if n_events == 1 else
               ngettext("after the {n} event", "after the {n} events", n_events, lang).format(n=n_events))
    where = (gettext("among pairs who took part together", lang) if e == "all" else
             gettext("among its participants", lang))
    refusal = row.pop("_refusal")
    if refusal == "pairs":
        return gettext("{who}: no pair of participants present in both surveys without a tie before; "
                       "nothing to compare", lang).format(who=who)
    a, n1 = row["new_ties_together"], row["pairs_together"]
    b, n0 = row["new_ties_comparable"], row["pairs_comparable"]

    def new_ties(k: int) -> str:
        return ngettext("{n} new tie", "{n} new ties", k, lang).format(n=k)

    if refusal == "comparable":
        return gettext("{who}, {new} {where} ({a} of {n} pairs); no comparable pair (same worlds, same "
                       "distance) to compare with", lang).format(who=who, new=new_ties(a), where=where,
                                                                 a=a, n=n1)
    if refusal == "few":
        template = (gettext("{who}, only {new} in all (at least {least} needed): too few to compare rates",
                            lang) if e == "all" else
                    gettext("{who}, only {new} among its participants and comparable pairs (at least "
                            "{least} needed): too few to compare rates", lang))
        return template.format(who=who, new=new_ties(a + b), least=MIN_NEW_TIES)
    text = gettext("{who}, {new} {where} ({a} of {n} pairs, {share})", lang).format(
        who=who, new=new_ties(a), where=where, a=a, n=n1, share=_pct(a / n1, lang))
    pairs = Counter(tuple(sorted((str(worlds[i]), str(worlds[j])))) for i, j in new_pairs)
    if pairs:
        (w1, w2), m = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        n1_, n2_ = _world_text(w1, attr, lang), _world_text(w2, attr, lang)
        between = (gettext("within the {world} world", lang).format(world=n1_) if w1 == w2 else
                   gettext("between the {world} and {other} worlds", lang).format(world=n1_, other=n2_))
        text = (gettext("{text}, {m} of them {between}", lang) if len(pairs) > 1 or m < a else
                gettext("{text}, all {between}", lang)).format(text=text, m=m, between=between)
    control = (gettext("who did not take part together", lang) if e == "all" else
               gettext("who took part together in no event", lang) if elsewhere == "exclude" else
               gettext("who were not at it", lang))
    text = gettext("{text}; comparable pairs {control}: {b} of {n} ({share})", lang).format(
        text=text, control=control, b=b, n=n0, share=_pct(b / n0, lang))
    level = (f"{confidence:.0%}".replace(".0%", "%") if lang == "en"
             else number_text(confidence, lang, ".0%"))
    if refusal == "infinite":
        return gettext("{text} in the matched strata: no new tie there, so the ratio is undefined",
                       lang).format(text=text)
    if refusal == "zero":
        return gettext("{text}; rate ratio 0, its interval cannot be computed", lang).format(text=text)
    rr, low, high = row["rate_ratio"], row["ci_low"], row["ci_high"]
    strata = ngettext("{n} stratum", "{n} strata", row["strata"], lang).format(n=row["strata"])
    template = (gettext("{text}; {ratio} times the rate of comparable pairs, {level} CI {low}-{high} "
                        "(Mantel-Haenszel over {strata} of worlds, distance and meeting at another "
                        "event)", lang) if e != "all" and elsewhere == "adjust" else
                gettext("{text}; {ratio} times the rate of comparable pairs, {level} CI {low}-{high} "
                        "(Mantel-Haenszel over {strata} of worlds and distance)", lang))
    text = template.format(text=text, ratio=number_text(rr, lang, ".1f"), level=level,
                           low=number_text(low, lang, ".1f"), high=number_text(high, lang, ".1f"),
                           strata=strata)
    if e == "all":
        text = gettext("{text}; observed, not proof that the events created the ties", lang).format(text=text)
    return text


def _new_tie_frame(before, after, affiliations, common, worlds, pairs, shared) -> pd.DataFrame:
    def label(a: Hashable) -> str:
        for graph in (before, after, affiliations):
            if a in graph:
                value = graph.nodes[a].get("label")
                if not is_missing(value) and value != "":
                    return str(value)
        return str(a)

    rows = [{"source": common[i], "target": common[j], "source_label": label(common[i]),
             "target_label": label(common[j]), "source_world": worlds[i], "target_world": worlds[j],
             "events": tuple(shared[(i, j)])} for i, j in sorted(pairs)]
    return pd.DataFrame(rows, columns=list(NEW_TIE_COLUMNS))


def _strata_frame(table: list, names: list, width: int) -> pd.DataFrame:
    rows = []
    for s, n1, a, n0, b in sorted(table, key=lambda t: (t[0] // width, t[0] % width == 0, t[0])):
        pair, d = divmod(s, width)
        w1, w2 = divmod(pair, len(names))
        rows.append({"world_a": names[w1], "world_b": names[w2],
                     "distance": math.inf if d == 0 else float(d), "pairs_together": n1,
                     "new_ties_together": a, "pairs_comparable": n0, "new_ties_comparable": b})
    return pd.DataFrame(rows, columns=["world_a", "world_b", "distance", "pairs_together",
                                       "new_ties_together", "pairs_comparable",
                                       "new_ties_comparable"])
