"""Issue 14: each sample's README says what the library finds on it, and this test checks it.

The section "What the library is expected to find" of ``data/samples/*/README.md``
is read line by line and every statement is recomputed from the code's output
on the sample as loaded: the flags with their stability ("found in 19 of 20
resamples"), the planted actors that are expected misses with the numbers
quoted for why (ties, p, q, trust, groups otherwise apart), the disconnected
groups (components) and the rank of each planted missing link among the
suggested introductions. A change of method that moves a flag fails here until
the README says the new result.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import alliances

ROOT = Path(__file__).resolve().parents[1]
NAMES = alliances.samples.names()
SECTION = "## What the library is expected to find"
FLAGS = {"Hybrid actors": ("is_hybrid", "hybrid_stability"),
         "Trusted intermediaries": ("is_trusted_intermediary", "intermediary_stability")}
KIND = {"hybrid": ("hybrids", "is_hybrid"),
        "trusted intermediary": ("trusted_intermediaries", "is_trusted_intermediary")}


def statements(name: str) -> list[str]:
    text = (ROOT / "data" / "samples" / name / "README.md").read_text(encoding="utf-8")
    assert text.count(SECTION) == 1, f"{name}: README has no single '{SECTION}' section"
    section = text[text.index(SECTION):]
    section = section[:section.find("\n## ", 1)] if "\n## " in section[1:] else section
    return [line for line in section.splitlines() if line.lstrip().startswith("- ")]


@pytest.fixture(scope="module", params=NAMES)
def sample(request):
    name = request.param
    G = alliances.samples.load(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = alliances.actor_table(G, seed=0)
        comps = alliances.components(G)
        intro = alliances.suggest_introductions(G, k=10, seed=0)
    return name, G, table, comps, intro, alliances.samples.expected(name)


def test_every_kind_of_statement_is_there(sample):
    name, *_ = sample
    heads = [re.match(r"- ([^:(]+)", s).group(1).strip() for s in statements(name)
             if not s.startswith("  ")]
    assert heads == ["Hybrid actors flagged", "Trusted intermediaries flagged",
                     "Expected misses", "Disconnected groups", "Introductions"], (name, heads)


def test_flags_and_their_stability(sample):
    name, _G, table, *_ = sample
    for line in statements(name):
        for what, (flag, stability) in FLAGS.items():
            m = re.match(rf"- {what} flagged: (.*)\.$", line)
            if not m:
                continue
            flagged = set(table.index[table[flag].astype(bool)])
            if m.group(1) == "none":
                assert not flagged, (name, what, sorted(flagged))
                continue
            said = re.findall(r"`([^`]+)` \(found in (\d+) of (\d+) resamples\)", m.group(1))
            assert said, line
            assert {a for a, _, _ in said} == flagged, (name, what, sorted(flagged))
            for actor, k, n in said:
                assert round(float(table.loc[actor, stability]) * int(n)) == int(k), (
                    name, actor, float(table.loc[actor, stability]))
                assert int(n) == 20  # actor_table's default number of resamples below 300 actors


def test_expected_misses_and_why(sample):
    name, _G, table, _c, _i, expected = sample
    lines = statements(name)
    head = next(s for s in lines if s.startswith("- Expected misses"))
    listed = {}
    for line in lines:
        m = re.match(r"  - `([^`]+)` \((hybrid|trusted intermediary)\): (.*)$", line)
        if m:
            listed[(m.group(1), m.group(2))] = m.group(3)
    planted_missed = {(a, kind) for kind, (key, flag) in KIND.items()
                      for a in expected.get(key, []) if not bool(table.loc[a, flag])}
    # every planted actor the code misses is said, and nothing else
    assert set(listed) == planted_missed, (name, sorted(listed), sorted(planted_missed))
    if not listed:
        assert head.endswith("none; nothing is planted for these flags "
                             "(the cabinet-maker `atelier-bois-savoirs` declares two worlds, "
                             "which never makes a flag by itself).") or "none" in head, head
        for key in ("hybrids", "trusted_intermediaries"):
            assert not expected.get(key), (name, key)
    for (actor, _kind), why in listed.items():
        row = table.loc[actor]
        for ties in re.findall(r"\b(\d+) ties\b", why):
            assert int(ties) == int(row["degree"]), (name, actor, why)
        for letter in ("p", "q"):
            for value in re.findall(rf"\b{letter} = (\d\.\d{{3}})", why):
                assert float(value) == pytest.approx(float(row[letter]), abs=0.0005), (name, actor, why)
        m = re.search(r"trusted by (\d+) actors of (\d+) worlds", why)
        if m:
            assert (int(m.group(1)), int(m.group(2))) == (
                int(row["trusted_by"]), int(row["trusted_by_worlds"])), (name, actor, why)
        for groups in re.findall(r"(\d+) groups otherwise apart", why):
            assert int(groups) == int(row["bridged_groups"]), (name, actor, why)
        if "it is flagged as a hybrid" in why:
            assert bool(row["is_hybrid"]), (name, actor)
        if "just above 0.05" in why:
            quoted = re.findall(r"\b[pq] = (\d\.\d{3})", why)
            assert quoted and 0.05 < float(quoted[-1]) < 0.1, (name, actor, why)


def test_disconnected_groups(sample):
    name, _G, _t, comps, _i, expected = sample
    line = next(s for s in statements(name) if s.startswith("- Disconnected groups"))
    m = re.match(r"- Disconnected groups: the main component has (\d+) actors; besides it, "
                 r"components of ([\d, and]+) actors: (.*)$", line)
    assert m, line
    sizes = comps.groupby("component").size().sort_index()
    assert int(m.group(1)) == int(sizes.iloc[0]) == int(sizes.max()), (name, sizes.to_dict())
    said = sorted(int(x) for x in re.findall(r"\d+", m.group(2)))
    assert said == sorted(int(x) for x in sizes.iloc[1:]), (name, sizes.to_dict())
    others = [set(comps.index[comps["component"] == c]) for c in sizes.index[1:]]
    planted = [set(g) for g in expected.get("disconnected_groups") or []]
    if "exactly the two planted groups" in m.group(3):
        assert len(planted) == 2 and sorted(map(sorted, others)) == sorted(map(sorted, planted))
    else:
        assert "not planted" in m.group(3) and not planted, line
        if "isolated actors" in m.group(3):
            assert all(len(o) == 1 for o in others)
            assert all(bool(comps.loc[next(iter(o)), "isolated"]) for o in others)


def test_introductions(sample):
    name, _G, _t, _c, intro, expected = sample
    line = next(s for s in statements(name) if s.startswith("- Introductions"))
    links = expected.get("missing_links") or []
    if not links:
        assert line == "- Introductions: no missing link is planted.", line
        return
    m = re.match(r"- Introductions: the (\d+) planted missing links are among the (\d+) "
                 r"suggestions, at ranks ([\d, and]+)\.$", line)
    assert m, line
    assert int(m.group(1)) == len(links) and int(m.group(2)) == len(intro) <= 10
    pairs = [frozenset((r.source, r.target)) for r in intro.itertuples()]
    ranks = [pairs.index(frozenset(link)) + 1 if frozenset(link) in pairs else None
             for link in links]
    assert [int(x) for x in re.findall(r"\d+", m.group(3))] == ranks, (name, ranks)
