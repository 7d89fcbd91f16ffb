"""Column-wise reader of long-layout surveys: the same graph and report, per distinct value.

:func:`alliances.io.survey._read_long` reads a long survey row by row. On a
million rows most of its time is Python work repeated for values met many
times (a respondent's cells on each of their rows, the same frequency word,
the same relation). This reader works per **distinct value** instead:

* each column is factorised once (``pandas.factorize``, codes in order of
  first appearance);
* each distinct respondent (cells tuple), contact, frequency, trust,
  relation and theme is resolved once through the careful path's own
  functions (:class:`~alliances.io.survey.GraphBuilder`,
  :class:`~alliances.io.survey._Values`), in the order the careful path
  first meets it, and the repeats are added as counts (votes and spellings
  are counts: their order does not matter);
* the ties are aggregated with numpy (sorted by source, target, relation,
  line) with the careful path's rules, and the problems and skipped rows
  it would report row by row are made from the codes, then put in row order.

Rows with neither respondent nor organisation (merged Excel cells) go
through the careful path's own fill-down transform first; a cell naming
several contacts is split once per distinct cell with the careful path's
own splitter, and the rows are expanded into (row, contact) pairs. It
declines (returns ``False`` before changing anything) only when a column
the careful path needs is missing or the file has no row: the careful path
then reports it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from alliances.model import NEGATIVE_RELATIONS, Evidence

_new_evidence = tuple.__new__  # Evidence(file, line, None) without the NamedTuple call


def _factor(rows: list[list[str]], j: int | None, n: int) -> tuple[np.ndarray, list[str]]:
    """Codes (first appearance order) and distinct values of column ``j`` ("" if absent)."""
    if j is None:
        return np.zeros(n, dtype=np.intp), [""]
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


class _Capture:
    """Take the problems a call adds to the report, to put them back in row order later."""

    def __init__(self, report: Any) -> None:
        self.report = report

    def __call__(self, fn: Any, *args: Any, **kw: Any) -> tuple[Any, list[tuple]]:
        probs = self.report._problems
        mark = len(probs)
        out = fn(*args, **kw)
        new = probs[mark:]
        if new:
            del probs[mark:]
        return out, new


def read_long_fast(table: Any, found: Mapping[str, str], builder: Any, *, level: str,
                   relation: str, multi_sep: str | None, split_multi: bool, known: Any,
                   trust_scale: Any, fill_down: bool = True) -> bool:
    """Read a long survey into ``builder`` column-wise; False (nothing changed) if it declines."""
    from alliances.io.survey import (
        NO_SOURCE,
        _contacts,
        _FillDown,
        _never,
        _no_letter_contact,
        _self_nomination,
        _several_contacts,
        _source,
        _themes,
        _Values,
    )

    if "contact" not in found or ("respondent" not in found and "organisation" not in found):
        return False  # the careful path raises the right error
    idx = {role: table.header.index(h) for role, h in found.items()}
    rows, lines = table.rows, table.lines
    n = len(rows)
    if not n:
        return False
    resolver = builder.resolver
    report = builder.report
    file = builder.file

    # ------------------------------------------------------------ checks (no change made)
    who_roles = [r for r in ("respondent", "organisation", "sector", "territory") if r in idx]
    who_codes = {r: _factor(rows, idx[r], n) for r in who_roles}

    def no_who() -> np.ndarray:
        """Rows with neither respondent nor organisation (the careful path's test)."""
        empty = np.ones(n, dtype=bool)
        for role in ("respondent", "organisation"):
            if role in who_codes:
                codes, uniq = who_codes[role]
                if "" in uniq:
                    empty &= codes == uniq.index("")
                else:
                    empty[:] = False
        return empty

    empty = no_who()
    carry = None
    if empty.any() and fill_down:
        # merged Excel cells: the careful path's own transform, on the rows it changes
        # only (its state is the last row with a respondent or organisation)
        carry = _FillDown(builder, idx, ("respondent", "organisation"),
                          ("respondent", "organisation", "sector", "territory"), "contact",
                          "respondent")
        prev = np.maximum.accumulate(np.where(empty, -1, np.arange(n))).tolist()
        rows = list(rows)  # a copy: the table stays as read if this reader declines
        for i in np.nonzero(empty)[0].tolist():
            p = prev[i]
            carry.last, carry.last_line = (rows[p], lines[p]) if p >= 0 else (None, 0)
            rows[i] = carry(rows[i], lines[i])
        if carry.blocks:
            who_codes = {r: _factor(rows, idx[r], n) for r in who_roles}
    who = _combine([who_codes[r][0] for r in who_roles], n)
    k_who = int(who.max()) + 1 if n else 0
    who_first = _firsts(who, k_who)

    def get(role: str, i: int) -> str:
        if role not in who_codes:
            return ""
        codes, uniq = who_codes[role]
        return uniq[codes[i]]

    node_ids: dict[str, int] = {}
    node_list: list[str] = []

    def nid(node: str) -> int:
        i = node_ids.get(node)
        if i is None:
            i = node_ids[node] = len(node_list)
            node_list.append(node)
        return i

    src_of_who = np.empty(k_who, dtype=np.int64)
    src_spell: list[str] = []
    for k, f in enumerate(who_first.tolist()):
        person, org = get("respondent", f), get("organisation", f)
        first, second = (org, person) if level == "organisation" else (person, org)
        name = first or second
        node = resolver.resolve(name, count=0) if name else None
        # no name, or one with no letter: nobody to attach the row to (skipped)
        src_of_who[k] = -1 if node is None else nid(node)
        src_spell.append(" ".join(name.split()))
    src = src_of_who[who]
    has_src = src >= 0
    who_count = np.bincount(who[has_src], minlength=k_who)

    # contacts: each distinct cell split once, rows expanded into (row, name) pairs
    c_code, c_uniq = _factor(rows, idx["contact"], n)
    j_corg = idx.get("contact_organisation")
    o_code, _ = _factor(rows, j_corg, n)
    name_ids: dict[str, int] = {}
    name_list: list[str] = []
    cell_names: list[list[str]] = []
    flat_names: list[int] = []
    for c in c_uniq:  # once per distinct cell: the careful path's splitter as it is
        names = _contacts(c, multi_sep=multi_sep, split_multi=split_multi, known=known)
        cell_names.append(names)
        for name in names:
            j = name_ids.get(name)
            if j is None:
                j = name_ids[name] = len(name_list)
                name_list.append(name)
            flat_names.append(j)
    n_of_cell = np.array([len(x) for x in cell_names], dtype=np.int64)
    n_names = n_of_cell[c_code]
    T = has_src & (n_names > 0)  # rows that name a contact
    t_rows = np.nonzero(T)[0]
    per_row = n_names[t_rows]
    pair_row = np.repeat(t_rows, per_row)
    m = len(pair_row)
    within = np.arange(m) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    cell_start = np.concatenate([[0], np.cumsum(n_of_cell)[:-1]]).astype(np.int64)
    pair_name = np.asarray(flat_names, dtype=np.int64)[cell_start[c_code[pair_row]] + within] \
        if m else np.zeros(0, np.int64)
    tgt_key = _combine([pair_name, o_code[pair_row]], m)
    k_tgt = int(tgt_key.max()) + 1 if m else 0
    tgt_first = _firsts(tgt_key, k_tgt)  # first pair of each key
    tgt_count = np.bincount(tgt_key, minlength=k_tgt)
    tgt_calls: list[tuple[str, str | None, dict[str, str]]] = []
    tgt_of_key = np.full(k_tgt, -1, dtype=np.int64)
    tgt_spell: list[str] = []
    tgt_first_row = pair_row[tgt_first].tolist() if k_tgt else []
    for key, (q, f) in enumerate(zip(tgt_first.tolist(), tgt_first_row, strict=True)):
        name = name_list[pair_name[q]]
        corg = rows[f][j_corg] if j_corg is not None else ""
        if level == "organisation" and corg:
            target_name, kind, extra = corg, "organisation", {}
        elif level == "person":
            target_name, kind = name, "person"
            extra = {"organisation": " ".join(corg.split())} if corg else {}
        else:
            target_name, kind, extra = name, None, {}
        node = resolver.resolve(target_name, count=0)
        tgt_calls.append((target_name, kind, extra))
        if node is not None:  # else a contact with no letter: left out on its row
            tgt_of_key[key] = nid(node)
        tgt_spell.append(" ".join(target_name.split()))
    pair_tgt = tgt_of_key[tgt_key] if m else np.zeros(0, np.int64)
    valid = pair_tgt >= 0
    # the targets of a row are deduplicated (first mention kept)
    if m and int(per_row.max()) > 1:
        q_valid = np.nonzero(valid)[0]
        dedup = pair_row[q_valid] * (len(node_list) + 1) + pair_tgt[q_valid]
        _, first_q = np.unique(dedup, return_index=True)
        keep = np.zeros(m, dtype=bool)
        keep[q_valid[first_q]] = True
    else:
        keep = valid

    # ------------------------------------------------------------ from here on, the builder changes
    cols = found
    f_code, f_uniq = _factor(rows, idx.get("frequency"), n)
    t_code, t_uniq = _factor(rows, idx.get("trust"), n)
    r_code, r_uniq = _factor(rows, idx.get("relation"), n)
    h_code, h_uniq = _factor(rows, idx.get("theme"), n)
    trust_numbers = _distinct_trust_numbers(t_uniq, table.decimal_comma)
    values = _Values(builder, trust_scale, trust_numbers)  # may note the scale, as the careful path
    capture = _Capture(report)
    events: list[tuple[int, int, int, tuple]] = []  # (row, phase, seq, problem)

    # actors: first calls in the careful path's order (row, then respondent before contacts)
    calls = [(f, 0, k) for k, f in enumerate(who_first.tolist()) if src_of_who[k] >= 0]
    calls += [(f, 1, key) for key, f in enumerate(tgt_first_row) if tgt_of_key[key] >= 0]
    calls.sort()
    who_count_l, tgt_count_l = who_count.tolist(), tgt_count.tolist()
    probs = report._problems
    for f, phase, k in calls:
        mark = len(probs)
        if phase == 0:
            _source(builder, rows[f], idx, found, lines[f], level, count=who_count_l[k])
        else:
            target_name, kind, extra = tgt_calls[k]
            builder.actor_n(tgt_count_l[k], target_name, kind=kind, line=lines[f], **extra)
        if len(probs) > mark:
            for p in probs[mark:]:
                events.append((f, 0, len(events), p))
            del probs[mark:]

    # frequencies: parsed once each; an unreadable one is reported on every row naming it
    f_first = _firsts(f_code, len(f_uniq))
    f_weight: list[float | None] = []
    f_bad: list[tuple | None] = []
    for text, f in zip(f_uniq, f_first.tolist(), strict=True):
        w, new = capture(values.frequency, text, lines[f], cols.get("frequency"))
        f_weight.append(w)
        f_bad.append(new[0] if new else None)
    zero = np.array([w == 0 for w in f_weight], dtype=bool)[f_code]
    R = T & ~zero  # rows that reach the ties
    for code, p in enumerate(f_bad):
        if p is not None:
            for i in np.nonzero(T & (f_code == code))[0].tolist():
                events.append((i, 1, len(events), (p[0], lines[i], *p[2:])))
    t_first = _firsts(t_code, len(t_uniq))
    t_value: list[float | None] = []
    for code, (text, f) in enumerate(zip(t_uniq, t_first.tolist(), strict=True)):
        tv, new = capture(values.trust, text, lines[f], cols.get("trust"))
        t_value.append(tv)
        if new:
            p = new[0]
            for i in np.nonzero(R & (t_code == code))[0].tolist():
                events.append((i, 2, len(events), (p[0], lines[i], *p[2:])))
    # relations: parsed in the order the careful path meets them (rows reaching the ties)
    r_rels: list[list[str] | None] = [None] * len(r_uniq)
    if R.any():
        ur, pos = np.unique(r_code[R], return_index=True)
        r_rows = np.nonzero(R)[0][pos]
        for i, code in sorted(zip(r_rows.tolist(), ur.tolist(), strict=True)):
            rels, new = capture(builder.relation, r_uniq[code], relation, lines[i],
                                cols.get("relation"))
            r_rels[code] = rels
            for p in new:
                events.append((i, 3, len(events), p))
    # several contacts in one cell: noted on each row reaching the ties
    multi_rows = np.nonzero(R & (n_names > 1))[0].tolist()
    for i in multi_rows:
        names = cell_names[c_code[i]]
        events.append((i, 4, len(events), (
            file, lines[i], cols.get("contact"), "; ".join(names),
            _several_contacts(len(names)))))

    # ties and left-out parts, per (row, target) pair
    pair_R = R[pair_row]
    self_pair = keep & pair_R & (pair_tgt == src[pair_row])
    tie_pair = keep & pair_R & ~self_pair
    used = np.zeros(n, dtype=bool)
    used[pair_row[tie_pair]] = True
    pend: dict[int, list[str]] = {}
    for q in np.nonzero(~valid)[0].tolist():
        pend.setdefault(int(pair_row[q]), []).append(_no_letter_contact(tgt_calls[tgt_key[q]][0]))
    for i in np.nonzero(T & zero)[0].tolist():
        pend.setdefault(i, []).append(_never(f_uniq[f_code[i]]))
    self_rows = pair_row[self_pair]
    if len(self_rows):
        labels = _labels_at(self_rows, src, has_src, who, src_spell, pair_row[valid],
                            pair_tgt[valid], tgt_key[valid], tgt_spell, node_list, resolver)
        for i in self_rows.tolist():
            rels = r_rels[r_code[i]]
            report.self_nominations += len(rels)
            why = _self_nomination(labels[i])
            pend.setdefault(i, []).extend([why] * len(rels))
    skips: list[tuple[int, tuple]] = []
    for i in np.nonzero(~has_src)[0].tolist():
        skips.append((i, (file, lines[i],
                          NO_SOURCE, True)))
    for i in np.nonzero(has_src & (n_names == 0))[0].tolist():
        skips.append((i, (file, lines[i], "no contact named (the respondent is kept as an actor)",
                          True)))
    used_l = used.tolist() if pend else []
    for i, reasons in pend.items():
        row_skipped = not used_l[i]
        for j, why in enumerate(reasons):
            skips.append((i, (file, lines[i], why, row_skipped and j == 0)))
    skips.sort(key=itemgetter(0))  # stable: a row's parts stay in order
    report._skipped.extend(s[1] for s in skips)
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    report._problems.extend(e[3] for e in events)
    del events, skips, pend
    if carry is not None:
        carry.report()  # after the rows, as the careful path does

    # ties: one per (row, distinct target) reaching them and relation of its cell
    report.rows_used += int(used.sum())
    tie_q = np.nonzero(tie_pair)[0]
    rel_names = sorted({r for rels in r_rels if rels for r in rels})
    rel_id = {r: i for i, r in enumerate(rel_names)}
    n_rel = np.array([len(rels) if rels else 0 for rels in r_rels], dtype=np.int64)
    flat = [rel_id[r] for rels in r_rels for r in (rels or ())]
    start = np.concatenate([[0], np.cumsum(n_rel)[:-1]]) if len(n_rel) else np.zeros(0, np.int64)
    per_tie = n_rel[r_code[pair_row[tie_q]]]
    tie_q = np.repeat(tie_q, per_tie)
    tie_rows = pair_row[tie_q]
    within = np.arange(len(tie_q)) - np.repeat(np.cumsum(per_tie) - per_tie, per_tie)
    rel = np.asarray(flat, dtype=np.int64)[start[r_code[tie_rows]] + within] if len(tie_q) \
        else np.zeros(0, np.int64)
    builder._fast_ties = _FastTies(
        node_list, rel_names, src[tie_rows], pair_tgt[tie_q], rel, tie_rows,
        lines, f_code, f_weight, t_code, t_value, h_code,
        [_themes(t) if t else () for t in h_uniq], file, builder.origin, report)
    return True


def _distinct_trust_numbers(uniq: list[str], decimal_comma: bool) -> list[float]:
    """The numbers of the trust column, as ``survey._trust_numbers`` finds them."""
    from alliances.io.csvfile import parse_number
    from alliances.io.survey import TRUST_WORDS
    from alliances.model import normalize_text

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
    """Label of each self-nominated actor as counted up to its row (the careful path's).

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
        nodes, rels = self.nodes, self.rels
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
        self.report.ties_merged += m - len(starts)
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
        del line_of
        has_themes = any(themes)
        sign = [-1 if r in NEGATIVE_RELATIONS else 1 for r in rels]
        us = [nodes[i] for i in u[starts].tolist()]
        vs = [nodes[i] for i in v[starts].tolist()]
        rs = rel[starts].tolist()
        del u, v, rel, rows, f_code, t_code, h_code
        origin = self.origin
        succ, pred = G._succ, G._pred
        factory = G.edge_key_dict_factory
        extra = dict(extra_tie_attrs) if extra_tie_attrs else None
        for a, b, r, w, t, ev, th in zip(us, vs, rs, weights, trusts, evidence, themes,
                                         strict=True):
            name = rels[r]
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
