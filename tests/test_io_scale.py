"""The fast paths of the importers give the same answers as the plain ones.

Time and memory are measured by ``python -m benchmarks.bench_io``, not here.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import networkx as nx
import pytest

import alliances
from alliances.io import names as nm
from alliances.io.csvfile import pause_gc, read_table
from alliances.model import merge, merge_into, to_frames

ROOT = Path(__file__).parent.parent
SAMPLES = sorted(p for p in (ROOT / "data" / "samples").iterdir() if p.is_dir())


def _brute_force(labels, threshold=0.8):
    """Every pair scored: what suggest_merges would give with no blocking at all."""
    tokens = {n: nm._tokens(label) for n, label in labels.items()}
    ids = sorted(labels)
    out = set()
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            score = round(nm._token_similarity(tokens[a], tokens[b]), 3)
            if score >= threshold:
                out.add((a, b, score))
    return out


def _names_with_typos(n, seed):
    """Generated organisation names, some repeated with a typo, an abbreviation or a cut."""
    rng = random.Random(seed)
    kinds = ["Association", "Asso", "Mairie", "École", "Coopérative", "Régie", "Collectif"]
    words = ["Vélo", "Martin", "Commun", "Durable", "Solidaire", "Horizon", "Eco", "Écoles"]
    towns = ["Antony", "Sceaux", "Aurillac", "Lorient", "Gap", "Pau", "Morteau", "Verdun"]
    labels = {}
    for i in range(n):
        # words with distinct first letters: names like "École Eco Écoles", whose
        # words share their first three letters, are the documented limit of the blocking
        w1, w2 = rng.sample(words[:6], 2)
        name = f"{rng.choice(kinds[2:])} {w1} {w2} {rng.choice(towns)}"
        if rng.random() < 0.2:
            name = f"{rng.choice(kinds)} {rng.choice(towns)}"
        labels[f"a{i:04d}"] = name
        r = rng.random()
        chars = list(name)
        k = rng.randrange(len(chars))
        if r < 0.3:
            chars.insert(k, chars[k])  # doubled letter, anywhere (first letters too)
            labels[f"b{i:04d}"] = "".join(chars)
        elif r < 0.4:
            del chars[k]
            labels[f"b{i:04d}"] = "".join(chars)
        elif r < 0.45:
            labels[f"b{i:04d}"] = name + " 12"
    return labels


def _block_key(word: str) -> str:
    """The documented block key (docs/data-model.md): first three letters, a number whole."""
    return ("#" + word) if word.isdigit() else word[:3]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_suggest_merges_finds_what_comparing_every_pair_finds(seed):
    labels = _names_with_typos(300, seed)
    got = {(a, b, score) for a, _, b, _, score, _ in nm.suggest_merges(labels, max_block=10**9)}
    every_pair = _brute_force(labels)
    assert got <= every_pair
    # the documented limit: only pairs where two or more words differ in their
    # first three letters (two typos there) can be missed
    for a, b, _ in every_pair - got:
        ta, tb = nm._tokens(labels[a]), nm._tokens(labels[b])
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        other = {_block_key(w) for w in long_}
        assert sum(_block_key(w) not in other for w in short) >= 2, (labels[a], labels[b])
    assert len(every_pair - got) <= 0.02 * len(every_pair)
    assert len(got) > 20  # the test has something to find


def test_suggest_merges_on_the_samples_equals_every_pair():
    for folder in SAMPLES:
        G = alliances.load(folder)
        labels = {n: G.nodes[n]["label"] for n in G}
        got = {(a, b, s) for a, _, b, _, s, _ in nm.suggest_merges(labels)}
        assert got == _brute_force(labels), folder.name


def test_numbered_families_are_not_compared_on_their_common_word():
    labels = {f"structure-{i:05d}": f"Structure {i:05d}" for i in range(2000)}
    pairs, too_big = nm.merge_candidates({n: nm._tokens(v) for n, v in labels.items()})
    assert (len(pairs), too_big) == (0, 0)
    assert nm.suggest_merges(labels) == []


def test_blocks_too_common_are_left_out_and_the_report_says_so(tmp_path):
    # 30 two-word names sharing "Mairie": one block of 30 > max_block=10
    labels = {f"m{i}": f"Mairie {w}" for i, w in enumerate(
        ["Antony", "Antonny", *(f"Ville{chr(97 + i)}{chr(97 + j)}" for i in range(4)
                                for j in range(7))])}
    full, _ = nm.merge_suggestions(labels, max_block=1000)
    limited, too_big = nm.merge_suggestions(labels, max_block=10)
    assert [(r[1], r[3]) for r in full][:1] == [("Mairie Antony", "Mairie Antonny")]
    assert too_big >= 1 and len(limited) <= len(full)
    from alliances.io.builder import note_limited_search
    from alliances.io.report import ImportReport

    report = ImportReport()
    note_limited_search(report, too_big)
    assert "left out" in report.problems["action"].iloc[0]


@pytest.mark.parametrize("folder", SAMPLES, ids=lambda p: p.name)
def test_merge_into_equals_merge(folder):
    files = alliances.io.load._files(folder)
    registry = alliances.read_actors(files["actors"])
    graphs = [alliances.read_survey(files["survey"], actors=registry)]
    if "interviews" in files:
        graphs.append(alliances.read_interviews(files["interviews"], actors=registry))
    for H in graphs:
        H.graph.pop("import_report")
    expected = merge(*graphs)
    got = merge_into(graphs[0].copy(), *graphs[1:])
    a_nodes, a_ties = to_frames(expected)
    b_nodes, b_ties = to_frames(got)
    assert list(a_nodes.columns) == list(b_nodes.columns)
    assert a_nodes.sort_index().equals(b_nodes.sort_index())
    key = ["source", "target", "relation"]
    assert a_ties.sort_values(key).reset_index(drop=True).equals(
        b_ties.sort_values(key).reset_index(drop=True))


def test_bulk_edges_are_the_edges_networkx_would_make():
    from alliances.io.builder import _add_edges_fast

    edges = [("a", "b", "x", {"w": 1}), ("a", "b", "y", {}), ("b", "a", "x", {})]
    G = nx.MultiDiGraph()
    G.add_nodes_from("abc")
    H = G.copy()
    _add_edges_fast(G, edges)
    H.add_edges_from(edges)
    assert nx.utils.graphs_equal(G, H)
    assert G.edges["a", "b", "x"] is G.pred["b"]["a"]["x"]  # one dict, as add_edge makes
    assert sorted(G.in_edges("b", keys=True)) == [("a", "b", "x"), ("a", "b", "y")]


def test_pause_gc_restores_the_collector_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), pause_gc():
        assert not gc.isenabled()
        with pause_gc():
            pass
        assert not gc.isenabled()  # nested: still paused
        raise RuntimeError
    assert gc.isenabled()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_by_line_reading_keeps_physical_lines(tmp_path, newline):
    text = newline.join(['nom;note', 'A;1', '"Asso', 'Vélo";2', '', 'C;3']) + newline
    p = tmp_path / "t.csv"
    p.write_bytes(text.encode("utf-8"))
    t = read_table(p)
    assert t.rows == [["A", "1"], ["Asso" + newline + "Vélo", "2"], ["C", "3"]]
    assert t.lines == [2, 3, 6]
    assert t.blank_lines == 1


def test_progress_bar_only_when_asked_or_big(tmp_path, capsys):
    folder = ROOT / "data" / "samples" / "antony-velo"
    alliances.load(folder)
    assert "alliances.load" not in capsys.readouterr().err  # small data: silent
    alliances.load(folder, progress=True)
    err = capsys.readouterr().err
    assert "reading survey.csv" in err and "5/5" in err  # actors, survey, interviews + 2 steps
    alliances.load(folder, progress=False)
    assert capsys.readouterr().err == ""


def test_big_input_turns_the_bar_on_by_default(monkeypatch, capsys):
    import alliances.io.load as load_module

    monkeypatch.setattr(load_module, "PROGRESS_BYTES", 10)
    alliances.load(ROOT / "data" / "samples" / "antony-velo")
    assert "alliances.load" in capsys.readouterr().err


def test_synthetic_study_keeps_its_accounting_and_planted_duplicates(tmp_path):
    from alliances.samples import synthetic

    folder = synthetic(2000, 10, seed=3, out=tmp_path / "s")
    G = alliances.load(folder)
    r = G.graph["import_report"]
    assert r.unaccounted == 0 and r.rows_read == r.rows_used + r.rows_skipped
    survey_rows = sum(1 for _ in (folder / "survey.csv").open(encoding="utf-8")) - 1
    assert G.number_of_edges() > 0.9 * survey_rows
    # evidence lines point at the rows: every survey line is used once at most
    lines = [ev.line for _, _, d in G.edges(data=True) for ev in d["evidence"]
             if ev.file == "survey.csv"]
    assert len(lines) == len(set(lines))


def _fill_tuples_reference(G):
    """The plain one-pass rule fill_tuples must keep: () for a tuple attribute, else absent."""
    from alliances.model import ACTOR_ATTRIBUTES, TIE_ATTRIBUTES

    for items, known in ((list(G.nodes(data=True)), ACTOR_ATTRIBUTES),
                         ([(u, d) for u, _, d in G.edges(data=True)], TIE_ATTRIBUTES)):
        extra = {}
        for _, data in items:
            for key, value in data.items():
                if key not in known and value is not None and extra.get(key, ()) == ():
                    extra[key] = () if isinstance(value, tuple) else None
        for _, data in items:
            for key, default in extra.items():
                if default is not None:
                    data.setdefault(key, default)
    return G


def test_fill_tuples_fills_like_the_plain_rule_in_the_same_order():
    from alliances.io.builder import fill_tuples

    G = nx.MultiDiGraph()
    G.add_node("a", label="A", organisation=None)
    G.add_node("b", label="B", territory="x", consent=True)
    G.add_node("c", label="C", events=("e1",))
    G.add_edge("a", "b", key="k", relation="k", themes=("t",))
    G.add_edge("b", "c", key="k", relation="k", tones=("positif",), themes=("u",))
    G.add_edge("c", "a", key="k", relation="k", mentions=2, themes="odd")
    H = G.copy()
    fill_tuples(G)
    _fill_tuples_reference(H)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert [list(d.items()) for *_, d in G.edges(data=True)] == \
        [list(d.items()) for *_, d in H.edges(data=True)]
    # the graph contract: a tuple attribute is () where absent; any other unknown value is
    # ABSENT, never None
    assert G.nodes["a"]["events"] == () and G.nodes["b"]["events"] == ()
    assert "consent" not in G.nodes["a"] and "consent" not in G.nodes["c"]
    assert G.edges["a", "b", "k"]["tones"] == () and G.edges["c", "a", "k"]["tones"] == ()
    assert "mentions" not in G.edges["a", "b", "k"] and "organisation" not in G.nodes["b"]
    # a None the caller put there is left as it is (not filled, not removed)
    assert G.nodes["a"]["organisation"] is None
