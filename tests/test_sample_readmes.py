"""Issue 14: each sample's README says what the library finds on it, and this test checks it.

Every statement of a sample's README about what the code finds is recomputed
from the code's output on the sample as loaded: the flags with their stability
("found in 19 of 20 resamples"), the planted actors that are expected misses
(with, where the README gives them, the numbers quoted for why: ties, p, q,
trust, groups otherwise apart), the disconnected groups (components) and the
planted missing links among the suggested introductions (with their ranks
where given). A change of method that moves a flag fails here until the README
says the new result.

Two layouts are read. The READMEs of ``antony-velo``, ``sqy-rse`` and
``morteau-reemploi`` are written by ``data/samples/_make_samples.py`` (and must
stay byte-identical to its output, ``tests/test_samples.py``): flags in the
section "Flags expected from the library", disconnected groups and missing
introductions in "Planted structure". A hand-written README (``chevreuse-sprint``)
has one section, "What the library is expected to find", one line per statement.
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


GENERATED = "## Flags expected from the library"


def readme(name: str) -> str:
    return (ROOT / "data" / "samples" / name / "README.md").read_text(encoding="utf-8")


def section(text: str, head: str) -> str:
    start = text.index(head)
    end = text.find("\n## ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def generated(name: str) -> bool:
    text = readme(name)
    assert (text.count(SECTION) == 1) != (text.count(GENERATED) == 1), (
        f"{name}: README needs one section '{SECTION}' or '{GENERATED}'")
    return GENERATED in text


def statements(name: str) -> list[str]:
    text = readme(name)
    body = section(text, GENERATED if generated(name) else SECTION)
    return [line for line in body.splitlines() if line.lstrip().startswith("- ")
            or line.startswith("  Planted but")]


def planted_bullets(name: str, head: str) -> list[list[str]]:
    """Ids of each bullet after a bold heading of the generated 'Planted structure' section."""
    text = section(readme(name), "## Planted structure")
    start = text.index(head)
    lines = text[start:].splitlines()[1:]
    out, seen = [], False
    for line in lines:
        if line.startswith("- "):
            seen = True
            out.append(re.findall(r"`([^`]+)`", line))
        elif seen and line.strip():
            break
    return out


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
    if generated(name):
        lines = statements(name)
        assert [s.split(":")[0] for s in lines if s.startswith("- ")] == [
            "- Hybrid actors flagged", "- Trusted intermediaries flagged"], (name, lines)
        assert planted_bullets(name, "**Disconnected groups**")
        assert planted_bullets(name, "**Missing introductions**")
        return
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
    listed = {}
    for line in lines:
        m = re.match(r"  - `([^`]+)` \((hybrid|trusted intermediary)\): (.*)$", line)
        if m:
            listed[(m.group(1), m.group(2))] = m.group(3)
    planted_missed = {(a, kind) for kind, (key, flag) in KIND.items()
                      for a in expected.get(key, []) if not bool(table.loc[a, flag])}
    if generated(name):
        # "  Planted but **not flagged** (...): `a`, `b`." under the flag line it belongs to
        said, kind = set(), None
        for line in lines:
            if line.startswith("- Hybrid actors"):
                kind = "hybrid"
            elif line.startswith("- Trusted intermediaries"):
                kind = "trusted intermediary"
            elif line.startswith("  Planted but **not flagged**"):
                said |= {(a, kind) for a in re.findall(r"`([^`]+)`", line.split("):", 1)[1])}
        assert said == planted_missed, (name, sorted(said), sorted(planted_missed))
        return
    # every planted actor the code misses is said, and nothing else
    assert set(listed) == planted_missed, (name, sorted(listed), sorted(planted_missed))
    if not listed:
        head = next(s for s in lines if s.startswith("- Expected misses"))
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
    if generated(name):
        said = planted_bullets(name, "**Disconnected groups**")
        assert sorted(map(sorted, said)) == sorted(map(sorted, expected["disconnected_groups"]))
        sizes = comps.groupby("component").size().sort_index()
        others = [set(comps.index[comps["component"] == c]) for c in sizes.index[1:]]
        # each planted group is a component of its own, and the only ones besides the main
        assert sorted(map(sorted, others)) == sorted(map(sorted, said)), (name, sizes.to_dict())
        return
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
    if generated(name):
        said = planted_bullets(name, "**Missing introductions**")
        assert sorted(map(sorted, said)) == sorted(map(sorted, expected["missing_links"]))
        pairs = {frozenset((r.source, r.target)) for r in intro.itertuples()}
        assert len(intro) <= 10
        for link in said:  # among the suggestions of suggest_introductions(G, k=10, seed=0)
            assert frozenset(link) in pairs, (name, link)
        return
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
