"""The reader of long-layout surveys: one row per nomination, read column by column.

A long survey repeats each respondent's cells on each of their rows, and the
same frequency word, relation and trust answer on many rows. Read row by
row, most of the time of a big file is Python work repeated for values met
many times. This reader works per **distinct value** instead:

* each column is factorised once (``pandas.factorize``, codes in order of
  first appearance);
* each distinct respondent (cells tuple), contact, frequency, trust,
  relation and theme is resolved once through the shared building blocks
  (:class:`~alliances.io.builder.GraphBuilder`,
  :class:`~alliances.io.survey.SurveyValues`), in the order a row-by-row
  reading first meets it, and the repeats are added as counts (votes and
  spellings are counts: their order does not matter);
* the ties are aggregated with numpy (sorted by source, target, relation,
  line) with the row-by-row rules, and the problems and skipped rows are
  made from the codes, then put in row order.

Rows with neither respondent nor organisation (merged Excel cells) go
through :class:`~alliances.io.builder.FillDown` first (or are skipped with
``fill_down=False``); a cell naming several contacts is split once per
distinct cell with :func:`~alliances.io.survey.split_contacts`, and the rows
are expanded into (row, contact) pairs. A file with no data row gives an
empty graph and report.

It is the library's only long reader. The row-by-row reading it must equal
(same graph, same :class:`~alliances.io.report.ImportReport`) is kept in the
tests as the reference, ``tests/long_reference.py``, and compared with it on
every long file of the test data and on generated files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from operator import itemgetter
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from alliances.io.builder import FillDown, self_nomination
from alliances.io.csvfile import parse_number
from alliances.io.survey import (
    NO_CONTACT,
    NO_SOURCE,
    SurveyValues,
    never_frequency,
    no_letter_contact,
    respondent_actor,
    several_contacts,
    split_contacts,
    split_themes,
)
from alliances.model import TRUST_WORDS, Evidence, normalize_text, tie_sign

__all__: list[str] = []  # private: alliances.io.survey calls read_long_fast

_new_evidence = tuple.__new__  # Evidence(file, line, None) without the NamedTuple call
_WHO_ROLES = ("respondent", "organisation", "sector", "territory")

_Column = tuple[np.ndarray, list[str]]  # codes of a column's rows, its distinct values


def _factor(rows: list[list[str]], j: int | None, n: int) -> _Column:
    """Codes (first appearance order) and distinct values of column ``j`` ("" if absent)."""
    if j is None:  # every row's cell is "" (no row: no value at all)
        return np.zeros(n, dtype=np.intp), [""] if n else []
    col = np.array(list(map(itemgetter(j), rows)), dtype=object)  # at C speed
    codes, uniques = pd.factorize(col)
    return codes.astype(np.intp, copy=False), list(uniques)


def _combine(codes: list[np.ndarray], n: int) -> np.ndarray:
    """One code per distinct tuple of codes, in order of first appearance."""
    out = np.zeros(n, dtype=np.int64)
    for c in codes:
        out = out * (int(c.max()) + 1 if len(c) else 1) + c
        out = pd.factorize(out)[0].astype(np.int64, copy=False)
    return out


def _firsts(codes: np.ndarray, k: int) -> np.ndarray:
    """Row of the first appearance of each code 0..k-1 (codes in appearance order)."""
    first = np.full(k, -1, dtype=np.int64)
    if len(codes):
        seen, idx = np.unique(codes, return_index=True)
        first[seen] = idx
    return first


def _spread(items: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each item repeated ``counts`` times, and the position (0, 1...) of each copy among them."""
    out = np.repeat(items, counts)
    within = np.arange(len(out)) - np.repeat(np.cumsum(counts) - counts, counts)
    return out, within


class _Capture:
    """Take the problems a call adds to the report, to put them back in row order later."""

    def __init__(self, report: Any) -> None:
        self.report = report

    def __call__(self, fn: Any, *args: Any, **kw: Any) -> tuple[Any, list[tuple]]:
        report = self.report
        mark = report.problem_mark()
        out = fn(*args, **kw)
        return out, report.take_problems(mark)


class _NodeIds:
    """An integer for each actor id, in order of first resolution (``list``: the ids)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.list: list[str] = []

    def __call__(self, node: str) -> int:
        i = self.ids.get(node)
        if i is None:
            i = self.ids[node] = len(self.list)
            self.list.append(node)
        return i


class _Sources(NamedTuple):
    """Each row's respondent, resolved once per distinct set of respondent cells."""

    who: np.ndarray  # code of each row's respondent cells, in order of first appearance
    first: list[int]  # first row of each code
    node_of: np.ndarray  # actor number of each code; -1: no name, or one without a letter
    spelling: list[str]  # each code's name as written (spaces squeezed)
    src: np.ndarray  # actor number of each row's respondent (-1: none)
    has_src: np.ndarray  # rows with a respondent (the others are skipped)
    count: list[int]  # rows of each code


class _Pairs(NamedTuple):
    """The (row, contact name) pairs of the rows that name someone."""

    cell: np.ndarray  # code of each row's contact cell
    cell_names: list[list[str]]  # names in each distinct contact cell
    n_names: np.ndarray  # names in each row's contact cell
    named: np.ndarray  # rows with a respondent that name a contact
    per_row: np.ndarray  # names of each row of ``named``
    row: np.ndarray  # row of each pair
    name: np.ndarray  # contact name of each pair (index in ``names``)
    names: list[str]  # distinct contact names
    key: np.ndarray  # distinct (name, contact organisation) of each pair


class _Targets(NamedTuple):
    """Each distinct contact of the pairs, resolved once."""

    first_row: list[int]  # first row naming each key of ``_Pairs.key``
    count: list[int]  # pairs of each key
    calls: list[tuple[str, str | None, dict[str, str]]]  # what builder.actor_n gets, per key
    node_of: np.ndarray  # actor number of each key; -1: a name without a letter
    spelling: list[str]  # each key's name as written (spaces squeezed)
    node: np.ndarray  # actor number of each pair (-1: left out)
    valid: np.ndarray  # pairs whose contact has an actor


def read_long_fast(table: Any, found: Mapping[str, str], builder: Any, *, level: str,
                   relation: str, multi_sep: str | None, split_multi: bool, known: Any,
                   trust_scale: Any, fill_down: bool = True) -> None:
    """Read a long survey into ``builder``, column by column.

    Parameters
    ----------
    table : CsvTable
        The survey, its header matched: ``found`` maps each role to its
        header and holds ``contact`` and ``respondent`` or ``organisation``
        (:func:`alliances.io.survey.read_survey` checks it first).
    found : mapping
        ``{role: header}``.
    builder : GraphBuilder
        Receives the actors, the ties and the report's rows and problems.
    level, relation, multi_sep, split_multi, known, trust_scale, fill_down
        As :func:`alliances.io.survey.read_survey` passes them (``relation``
        canonical, ``known``: the names a cell is never split inside).
    """
    idx = {role: table.header.index(h) for role, h in found.items()}
    rows, lines = table.rows, table.lines
    n = len(rows)
    report = builder.report

    # checks and names (resolved with count=0): the builder does not change yet
    rows, who_codes, carry = _respondent_cells(builder, rows, lines, idx, fill_down)
    nodes = _NodeIds()
    sources = _sources(who_codes, n, level, builder.resolver, nodes)
    pairs = _contact_pairs(rows, idx, n, sources.has_src, multi_sep=multi_sep,
                           split_multi=split_multi, known=known)
    targets = _targets(rows, idx, pairs, level, builder.resolver, nodes)
    keep = _first_mentions(pairs, targets, len(nodes.list))

    # from here on, the builder changes
    frequency = _factor(rows, idx.get("frequency"), n)
    trust = _factor(rows, idx.get("trust"), n)
    relations = _factor(rows, idx.get("relation"), n)
    theme = _factor(rows, idx.get("theme"), n)
    trust_numbers = _distinct_trust_numbers(trust[1], table.decimal_comma)
    # may note the scale, as a row-by-row reading
    values = SurveyValues(builder, trust_scale, trust_numbers)
    capture = _Capture(report)
    events: list[tuple[int, int, int, tuple]] = []  # (row, phase, seq, problem)
    _add_actors(builder, rows, lines, idx, found, level, sources, targets, events)
    f_weight, never = _frequencies(values, capture, frequency, lines, found.get("frequency"),
                                   pairs.named, events)
    reaching = pairs.named & ~never  # rows that reach the ties
    t_value = _trusts(values, capture, trust, lines, found.get("trust"), reaching, events)
    r_rels = _relations(builder, capture, relations, relation, lines, found.get("relation"),
                        reaching, events)
    _note_several_contacts(builder.file, lines, found.get("contact"), pairs, reaching, events)

    # ties and left-out parts, per (row, target) pair
    pair_reaching = reaching[pairs.row]
    self_pair = keep & pair_reaching & (targets.node == sources.src[pairs.row])
    tie_pair = keep & pair_reaching & ~self_pair
    used = np.zeros(n, dtype=bool)
    used[pairs.row[tie_pair]] = True
    pend = _left_out_parts(report, builder.resolver, nodes, sources, pairs, targets, self_pair,
                           pairs.named & never, frequency, relations[0], r_rels)
    skips = _skipped_in_row_order(builder.file, lines, sources, pairs, used, pend)
    report.add_skipped_rows(s[1] for s in skips)
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    report.add_problem_rows(e[3] for e in events)
    del events, skips, pend  # before the tie table: a big file's peak memory
    if carry is not None:
        carry.report()  # after the rows, as a row-by-row reading does

    report.rows_used += int(used.sum())
    builder.use_tie_table(_tie_table(builder, nodes, sources, pairs, targets, tie_pair, lines,
                                     relations[0], r_rels, (frequency[0], f_weight),
                                     (trust[0], t_value), theme))


def _respondent_cells(builder: Any, rows: list[list[str]], lines: list[int],
                      idx: Mapping[str, int], fill_down: bool,
                      ) -> tuple[list[list[str]], dict[str, _Column], FillDown | None]:
    """The rows (merged Excel cells filled down), the respondent's columns and the fill-down.

    Rows with neither respondent nor organisation go through the careful
    path's own transform, only those: its state is the last row with a
    respondent or organisation. It reports its blocks when told, after the rows.
    """
    n = len(rows)
    who_codes = {r: _factor(rows, idx[r], n) for r in _WHO_ROLES if r in idx}
    empty = _no_respondent(who_codes, n)
    if not (empty.any() and fill_down):
        return rows, who_codes, None
    carry = FillDown(builder, idx, ("respondent", "organisation"), _WHO_ROLES, "contact",
                      "respondent")
    prev = np.maximum.accumulate(np.where(empty, -1, np.arange(n))).tolist()
    rows = list(rows)  # a copy: the table keeps its rows as read
    for i in np.nonzero(empty)[0].tolist():
        p = prev[i]
        carry.last, carry.last_line = (rows[p], lines[p]) if p >= 0 else (None, 0)
        rows[i] = carry(rows[i], lines[i])
    if carry.blocks:
        who_codes = {r: _factor(rows, idx[r], n) for r in who_codes}
    return rows, who_codes, carry


def _no_respondent(who_codes: Mapping[str, _Column], n: int) -> np.ndarray:
    """Rows with neither respondent nor organisation (the row-by-row reading's test)."""
    empty = np.ones(n, dtype=bool)
    for role in ("respondent", "organisation"):
        if role in who_codes:
            codes, uniq = who_codes[role]
            if "" in uniq:
                empty &= codes == uniq.index("")
            else:
                empty[:] = False
    return empty


def _sources(who_codes: Mapping[str, _Column], n: int, level: str, resolver: Any,
             nodes: _NodeIds) -> _Sources:
    """Resolve each distinct respondent once: the name ``level`` asks for, else the other one."""
    who = _combine([codes for codes, _ in who_codes.values()], n)
    k_who = int(who.max()) + 1 if n else 0
    first = _firsts(who, k_who).tolist()

    def get(role: str, i: int) -> str:
        if role not in who_codes:
            return ""
        codes, uniq = who_codes[role]
        return uniq[codes[i]]

    node_of = np.empty(k_who, dtype=np.int64)
    spelling: list[str] = []
    for k, f in enumerate(first):
        person, org = get("respondent", f), get("organisation", f)
        name = (org or person) if level == "organisation" else (person or org)
        node = resolver.resolve(name, count=0) if name else None
        # no name, or one with no letter: nobody to attach the row to (skipped)
        node_of[k] = -1 if node is None else nodes(node)
        spelling.append(" ".join(name.split()))
    src = node_of[who]
    has_src = src >= 0
    count = np.bincount(who[has_src], minlength=k_who).tolist()
    return _Sources(who, first, node_of, spelling, src, has_src, count)


def _contact_pairs(rows: list[list[str]], idx: Mapping[str, int], n: int, has_src: np.ndarray,
                   *, multi_sep: str | None, split_multi: bool, known: Any) -> _Pairs:
    """Split each distinct contact cell once, and expand the rows into (row, name) pairs."""
    cell, cell_values = _factor(rows, idx["contact"], n)
    o_code, _ = _factor(rows, idx.get("contact_organisation"), n)
    name_ids: dict[str, int] = {}
    names: list[str] = []
    cell_names: list[list[str]] = []
    flat_names: list[int] = []
    for c in cell_values:  # once per distinct cell, with the shared splitter
        in_cell = split_contacts(c, multi_sep=multi_sep, split_multi=split_multi, known=known)
        cell_names.append(in_cell)
        for name in in_cell:
            j = name_ids.get(name)
            if j is None:
                j = name_ids[name] = len(names)
                names.append(name)
            flat_names.append(j)
    n_of_cell = np.array([len(x) for x in cell_names], dtype=np.int64)
    n_names = n_of_cell[cell]
    named = has_src & (n_names > 0)
    t_rows = np.nonzero(named)[0]
    per_row = n_names[t_rows]
    pair_row, within = _spread(t_rows, per_row)
    m = len(pair_row)
    cell_start = np.concatenate([[0], np.cumsum(n_of_cell)[:-1]]).astype(np.int64)
    pair_name = np.asarray(flat_names, dtype=np.int64)[cell_start[cell[pair_row]] + within] \
        if m else np.zeros(0, np.int64)
    key = _combine([pair_name, o_code[pair_row]], m)
    return _Pairs(cell, cell_names, n_names, named, per_row, pair_row, pair_name, names, key)


def _targets(rows: list[list[str]], idx: Mapping[str, int], pairs: _Pairs, level: str,
             resolver: Any, nodes: _NodeIds) -> _Targets:
    """Resolve each distinct contact once: its organisation at ``level="organisation"``."""
    m = len(pairs.row)
    k_tgt = int(pairs.key.max()) + 1 if m else 0
    first = _firsts(pairs.key, k_tgt)  # first pair of each key
    count = np.bincount(pairs.key, minlength=k_tgt).tolist()
    j_corg = idx.get("contact_organisation")
    calls: list[tuple[str, str | None, dict[str, str]]] = []
    node_of = np.full(k_tgt, -1, dtype=np.int64)
    spelling: list[str] = []
    first_row = pairs.row[first].tolist() if k_tgt else []
    for key, (q, f) in enumerate(zip(first.tolist(), first_row, strict=True)):
        name = pairs.names[pairs.name[q]]
        corg = rows[f][j_corg] if j_corg is not None else ""
        if level == "organisation" and corg:
            target_name, kind, extra = corg, "organisation", {}
        elif level == "person":
            target_name, kind = name, "person"
            extra = {"organisation": " ".join(corg.split())} if corg else {}
        else:
            target_name, kind, extra = name, None, {}
        node = resolver.resolve(target_name, count=0)
        calls.append((target_name, kind, extra))
        if node is not None:  # else a contact with no letter: left out on its row
            node_of[key] = nodes(node)
        spelling.append(" ".join(target_name.split()))
    node = node_of[pairs.key] if m else np.zeros(0, np.int64)
    return _Targets(first_row, count, calls, node_of, spelling, node, node >= 0)


def _first_mentions(pairs: _Pairs, targets: _Targets, n_nodes: int) -> np.ndarray:
    """Pairs kept: resolved, and each a row's first mention of its target (no repeats)."""
    valid = targets.valid
    if not (len(pairs.row) and int(pairs.per_row.max()) > 1):
        return valid
    q_valid = np.nonzero(valid)[0]
    dedup = pairs.row[q_valid] * (n_nodes + 1) + targets.node[q_valid]
    _, first_q = np.unique(dedup, return_index=True)
    keep = np.zeros(len(pairs.row), dtype=bool)
    keep[q_valid[first_q]] = True
    return keep


def _add_actors(builder: Any, rows: list[list[str]], lines: list[int], idx: Mapping[str, int],
                found: Mapping[str, str], level: str, sources: _Sources, targets: _Targets,
                events: list) -> None:
    """Add each actor once, with its rows counted, in the order a row-by-row reading calls them.

    That order is by row, the respondent before the contacts; the problems
    these calls report go to ``events`` (phase 0).
    """
    calls = [(f, 0, k) for k, f in enumerate(sources.first) if sources.node_of[k] >= 0]
    calls += [(f, 1, key) for key, f in enumerate(targets.first_row) if targets.node_of[key] >= 0]
    calls.sort()
    who_count, tgt_count, tgt_calls = sources.count, targets.count, targets.calls
    report = builder.report
    mark = report.problem_mark()  # each call's problems are taken away: the mark stays
    for f, phase, k in calls:
        if phase == 0:
            respondent_actor(builder, rows[f], idx, found, lines[f], level, count=who_count[k])
        else:
            target_name, kind, extra = tgt_calls[k]
            builder.actor_n(tgt_count[k], target_name, kind=kind, line=lines[f], **extra)
        for p in report.take_problems(mark):
            events.append((f, 0, len(events), p))


def _frequencies(values: SurveyValues, capture: _Capture, frequency: _Column, lines: list[int],
                 column: str | None, named: np.ndarray, events: list,
                 ) -> tuple[list[float | None], np.ndarray]:
    """Weight of each distinct frequency, parsed once, and the rows saying "never" (weight 0).

    An unreadable frequency is reported on every row naming a contact with it (phase 1).
    """
    f_code, f_uniq = frequency
    f_first = _firsts(f_code, len(f_uniq))
    f_weight: list[float | None] = []
    f_bad: list[tuple | None] = []
    for text, f in zip(f_uniq, f_first.tolist(), strict=True):
        w, new = capture(values.frequency, text, lines[f], column)
        f_weight.append(w)
        f_bad.append(new[0] if new else None)
    never = np.array([w == 0 for w in f_weight], dtype=bool)[f_code]
    for code, p in enumerate(f_bad):
        if p is not None:
            for i in np.nonzero(named & (f_code == code))[0].tolist():
                events.append((i, 1, len(events), (p[0], lines[i], *p[2:])))
    return f_weight, never


def _trusts(values: SurveyValues, capture: _Capture, trust: _Column, lines: list[int],
            column: str | None, reaching: np.ndarray, events: list) -> list[float | None]:
    """Trust of each distinct cell, parsed once; a bad one is noted on each row reaching ties."""
    t_code, t_uniq = trust
    t_first = _firsts(t_code, len(t_uniq))
    t_value: list[float | None] = []
    for code, (text, f) in enumerate(zip(t_uniq, t_first.tolist(), strict=True)):
        tv, new = capture(values.trust, text, lines[f], column)
        t_value.append(tv)
        if new:
            p = new[0]
            for i in np.nonzero(reaching & (t_code == code))[0].tolist():
                events.append((i, 2, len(events), (p[0], lines[i], *p[2:])))
    return t_value


def _relations(builder: Any, capture: _Capture, relations: _Column, default: str,
               lines: list[int], column: str | None, reaching: np.ndarray, events: list,
               ) -> list[list[str] | None]:
    """Relations of each distinct cell, parsed in the order a row-by-row reading meets them.

    Only cells of rows reaching the ties are parsed (the others stay None);
    their problems are reported on the first such row (phase 3).
    """
    r_code, r_uniq = relations
    r_rels: list[list[str] | None] = [None] * len(r_uniq)
    if reaching.any():
        ur, pos = np.unique(r_code[reaching], return_index=True)
        r_rows = np.nonzero(reaching)[0][pos]
        for i, code in sorted(zip(r_rows.tolist(), ur.tolist(), strict=True)):
            rels, new = capture(builder.relation, r_uniq[code], default, lines[i], column)
            r_rels[code] = rels
            for p in new:
                events.append((i, 3, len(events), p))
    return r_rels


def _note_several_contacts(file: str, lines: list[int], column: str | None, pairs: _Pairs,
                           reaching: np.ndarray, events: list) -> None:
    """Note a cell naming several contacts on each row of it reaching the ties (phase 4)."""
    for i in np.nonzero(reaching & (pairs.n_names > 1))[0].tolist():
        names = pairs.cell_names[pairs.cell[i]]
        events.append((i, 4, len(events), (
            file, lines[i], column, "; ".join(names), several_contacts(len(names)))))


def _left_out_parts(report: Any, resolver: Any, nodes: _NodeIds, sources: _Sources,
                    pairs: _Pairs, targets: _Targets, self_pair: np.ndarray,
                    never_rows: np.ndarray, frequency: _Column, r_code: np.ndarray,
                    r_rels: list[list[str] | None]) -> dict[int, list[str]]:
    """Why parts of rows are left out, per row: nameless contacts, "never", self-nominations.

    Each self-nomination (one per relation) is also counted in the report.
    """
    f_code, f_uniq = frequency
    pend: dict[int, list[str]] = {}
    for q in np.nonzero(~targets.valid)[0].tolist():
        pend.setdefault(int(pairs.row[q]), []).append(
            no_letter_contact(targets.calls[pairs.key[q]][0]))
    for i in np.nonzero(never_rows)[0].tolist():
        pend.setdefault(i, []).append(never_frequency(f_uniq[f_code[i]]))
    self_rows = pairs.row[self_pair]
    if len(self_rows):
        valid = targets.valid
        labels = _labels_at(self_rows, sources.src, sources.has_src, sources.who,
                            sources.spelling, pairs.row[valid], targets.node[valid],
                            pairs.key[valid], targets.spelling, nodes.list, resolver)
        for i in self_rows.tolist():
            rels = r_rels[r_code[i]]
            report.self_nominations += len(rels)
            why = self_nomination(labels[i])
            pend.setdefault(i, []).extend([why] * len(rels))
    return pend


def _skipped_in_row_order(file: str, lines: list[int], sources: _Sources, pairs: _Pairs,
                          used: np.ndarray, pend: Mapping[int, list[str]],
                          ) -> list[tuple[int, tuple]]:
    """The report's skipped rows and parts as ``(row, entry)``, in the row-by-row reading's order.

    A row's first reason marks it skipped when none of its ties was kept.
    """
    skips: list[tuple[int, tuple]] = []
    for i in np.nonzero(~sources.has_src)[0].tolist():
        skips.append((i, (file, lines[i], NO_SOURCE, True)))
    for i in np.nonzero(sources.has_src & (pairs.n_names == 0))[0].tolist():
        skips.append((i, (file, lines[i], NO_CONTACT, True)))
    used_l = used.tolist() if pend else []
    for i, reasons in pend.items():
        row_skipped = not used_l[i]
        for j, why in enumerate(reasons):
            skips.append((i, (file, lines[i], why, row_skipped and j == 0)))
    skips.sort(key=itemgetter(0))  # stable: a row's parts stay in order
    return skips


def _tie_table(builder: Any, nodes: _NodeIds, sources: _Sources, pairs: _Pairs,
               targets: _Targets, tie_pair: np.ndarray, lines: list[int], r_code: np.ndarray,
               r_rels: list[list[str] | None], weights: tuple[np.ndarray, list[float | None]],
               trusts: tuple[np.ndarray, list[float | None]], theme: _Column) -> _FastTies:
    """The ties: one per (row, distinct target) reaching them and relation of its cell."""
    tie_q = np.nonzero(tie_pair)[0]
    rel_names = sorted({r for rels in r_rels if rels for r in rels})
    rel_id = {r: i for i, r in enumerate(rel_names)}
    n_rel = np.array([len(rels) if rels else 0 for rels in r_rels], dtype=np.int64)
    flat = [rel_id[r] for rels in r_rels for r in (rels or ())]
    start = np.concatenate([[0], np.cumsum(n_rel)[:-1]]) if len(n_rel) else np.zeros(0, np.int64)
    tie_q, within = _spread(tie_q, n_rel[r_code[pairs.row[tie_q]]])
    tie_rows = pairs.row[tie_q]
    rel = np.asarray(flat, dtype=np.int64)[start[r_code[tie_rows]] + within] if len(tie_q) \
        else np.zeros(0, np.int64)
    h_code, h_uniq = theme
    return _FastTies(
        nodes.list, rel_names, sources.src[tie_rows], targets.node[tie_q], rel, tie_rows,
        lines, *weights, *trusts, h_code, [split_themes(t) if t else () for t in h_uniq],
        builder.file, builder.origin, builder.report)


def _distinct_trust_numbers(uniq: list[str], decimal_comma: bool) -> list[float]:
    """The numbers of the trust column, as ``survey._trust_numbers`` finds them."""
    out = []
    for c in uniq:
        if not c or c.strip().endswith("%") or normalize_text(c) in TRUST_WORDS:
            continue
        x = parse_number(c, decimal_comma=decimal_comma)
        if x is not None:
            out.append(x)
    return out


def _labels_at(self_rows: np.ndarray, src: np.ndarray, has_src: np.ndarray, who: np.ndarray,
               src_spell: list[str], occ_row: np.ndarray, occ_tgt: np.ndarray,
               occ_key: np.ndarray, tgt_spell: list[str], node_list: list[str],
               resolver: Any) -> dict[int, str]:
    """Label of each self-nominated actor as counted up to its row (the row-by-row reading's).

    The spellings counted are those of the respondents (rows ``has_src``) and
    of the contacts (``occ_*``: row, actor and key of each resolved one).
    """
    out: dict[int, str] = {}
    nodes = set()
    for i in self_rows.tolist():
        node = node_list[src[i]]
        if resolver.in_registry(node):
            out[i] = resolver.label(node)
        else:
            nodes.add(int(src[i]))
    if not nodes:
        return out
    wanted = np.array(sorted(nodes), dtype=np.int64)
    occ: list[tuple[int, int, str]] = []
    for i in np.nonzero(has_src & np.isin(src, wanted))[0].tolist():
        occ.append((i, int(src[i]), src_spell[who[i]]))
    for q in np.nonzero(np.isin(occ_tgt, wanted))[0].tolist():
        occ.append((int(occ_row[q]), int(occ_tgt[q]), tgt_spell[int(occ_key[q])]))
    occ.sort(key=lambda o: o[0])
    counts: dict[int, Counter] = {u: Counter() for u in nodes}
    pending = [i for i in self_rows.tolist() if i not in out]
    j = 0
    for i in pending:
        while j < len(occ) and occ[j][0] <= i:
            counts[occ[j][1]][occ[j][2]] += 1
            j += 1
        spellings = counts[int(src[i])]
        out[i] = min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return out


class _FastTies:
    """The tie table of a long survey, added to the graph by :meth:`add_to`."""

    def __init__(self, nodes: list[str], rels: list[str], u: np.ndarray, v: np.ndarray,
                 rel: np.ndarray, rows: np.ndarray, lines: list[int], f_code: np.ndarray,
                 f_weight: list[float | None], t_code: np.ndarray, t_value: list[float | None],
                 h_code: np.ndarray, h_themes: list[tuple[str, ...]], file: str, origin: str,
                 report: Any) -> None:
        self.nodes, self.rels = nodes, rels
        self.u, self.v, self.rel, self.rows = u, v, rel, rows
        self.lines = lines
        self.f_code, self.f_weight = f_code, f_weight
        self.t_code, self.t_value = t_code, t_value
        self.h_code, self.h_themes = h_code, h_themes
        self.file, self.origin, self.report = file, origin, report

    def add_to(self, G: nx.MultiDiGraph, extra_tie_attrs: Mapping[str, Any] | None) -> int:
        """Add the merged ties in sorted (source, target, relation) order; their number."""
        u, v, rel, rows, starts, ends = self._sorted_groups()
        self.report.ties_merged += len(rows) - len(starts)
        weights, trusts, evidence, themes = self._merged_values(rows, starts, ends)
        nodes = self.nodes
        us = [nodes[i] for i in u[starts].tolist()]
        vs = [nodes[i] for i in v[starts].tolist()]
        rs = rel[starts].tolist()
        del u, v, rel, rows
        return self._insert(G, us, vs, rs, weights, trusts, evidence, themes, extra_tie_attrs)

    def _sorted_groups(self) -> tuple[np.ndarray, ...]:
        """The ties sorted by (source, target, relation, row); each group of equal ones' bounds.

        Equal ties (same source, target and relation) merge into one, as
        a row-by-row reading merges them.
        """
        nodes = self.nodes
        node_rank = np.empty(len(nodes), dtype=np.int64)
        node_rank[sorted(range(len(nodes)), key=nodes.__getitem__)] = np.arange(len(nodes))
        u, v, rel, rows = self.u, self.v, self.rel, self.rows
        order = np.lexsort((rows, rel, node_rank[v], node_rank[u]))
        u, v, rel, rows = u[order], v[order], rel[order], rows[order]
        m = len(rows)
        if m:
            new = np.empty(m, dtype=bool)
            new[0] = True
            new[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1]) | (rel[1:] != rel[:-1])
        else:
            new = np.zeros(0, dtype=bool)
        starts = np.nonzero(new)[0]
        ends = np.append(starts[1:], m)
        return u, v, rel, rows, starts, ends

    def _merged_values(self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                       ) -> tuple[list[float], list[float | None], list[tuple], list[tuple]]:
        """Weight (largest), trust (mean), evidence (every row) and themes (united) of each group.

        A group of one row (most of them) takes its row's values as they are.
        """
        single = (ends - starts) == 1
        f_code, t_code, h_code = self.f_code[rows], self.t_code[rows], self.h_code[rows]
        w_single = [1.0 if w is None else float(w) for w in self.f_weight]
        t_single = [None if t is None else round(t, 6) for t in self.t_value]
        weights = [w_single[c] for c in f_code[starts].tolist()]
        trusts = [t_single[c] for c in t_code[starts].tolist()]
        lines = self.lines
        file = self.file
        line_of = [lines[i] for i in rows.tolist()]
        evidence = [(_new_evidence(Evidence, (file, line_of[s], None)),)
                    for s in starts.tolist()]
        h_themes = self.h_themes
        themes: list[tuple[str, ...]] = [h_themes[c] for c in h_code[starts].tolist()]
        for g in np.nonzero(~single)[0].tolist():
            s, e = int(starts[g]), int(ends[g])
            ws = [self.f_weight[c] for c in f_code[s:e].tolist()]
            ws = [w for w in ws if w is not None]
            weights[g] = float(max(ws)) if ws else 1.0
            ts = [self.t_value[c] for c in t_code[s:e].tolist()]
            ts = [t for t in ts if t is not None]
            trusts[g] = round(sum(ts) / len(ts), 6) if ts else None
            evidence[g] = tuple(_new_evidence(Evidence, (file, line_of[j], None))
                                for j in range(s, e))
            cur = h_themes[h_code[s]]
            for c in h_code[s + 1:e].tolist():
                val = h_themes[c]
                if val:
                    cur = tuple(sorted(set(cur or ()) | set(val)))
            themes[g] = cur
        return weights, trusts, evidence, themes

    def _insert(self, G: nx.MultiDiGraph, us: list[str], vs: list[str], rs: list[int],
                weights: list[float], trusts: list[float | None], evidence: list[tuple],
                themes: list[tuple], extra_tie_attrs: Mapping[str, Any] | None) -> int:
        """Put the ties in ``G``'s adjacency directly, with the attributes homogenize would give."""
        rels = self.rels
        has_themes = any(themes)
        sign = [tie_sign({}, r) for r in rels]  # the contract's rule, once per relation
        origin = self.origin
        succ, pred = G._succ, G._pred
        factory = G.edge_key_dict_factory
        extra = dict(extra_tie_attrs) if extra_tie_attrs else None
        for a, b, r, w, t, ev, th in zip(us, vs, rs, weights, trusts, evidence, themes,
                                         strict=True):
            name = rels[r]
            if t is None:  # trust not given: absent, as the graph contract says
                attrs = {"relation": name, "weight": w, "sign": sign[r], "origin": origin,
                         "evidence": ev}
            else:
                attrs = {"relation": name, "weight": w, "trust": t, "sign": sign[r],
                         "origin": origin, "evidence": ev}
            if has_themes and th:
                attrs["themes"] = th
            if extra:
                attrs.update(extra)
            if has_themes and "themes" not in attrs:
                attrs["themes"] = ()  # homogenize's default, at the end as it puts it
            keydict = succ[a].get(b)
            if keydict is None:
                keydict = succ[a][b] = factory()
                pred[b][a] = keydict
            keydict[name] = attrs
        nx._clear_cache(G)
        return len(us)
