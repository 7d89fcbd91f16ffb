"""The fast paths of the importers give what the plain ones give, and what a hand count gives.

Two kinds of tests live here:

* ``..._equivalent_...`` tests only guard that two code paths agree: a fast
  path and the plain path it replaces, each reached through the public
  functions (or, where no public switch exists, through the one private
  entry point of each engine), or a fast function and its plain definition
  written with the standard library only. They do not say the common answer
  is right: both paths could share a bug.
* the other tests check the same outputs independently: small hand-written
  inputs whose expected actors, ties, weights, trust, cells and report counts
  are written literally below.
"""

from __future__ import annotations

import csv
import io
import math
import pathlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.long_reference import read_survey_reference

from alliances.io import names
from alliances.io import survey as S  # noqa: N812
from alliances.io.csvfile import read_table
from alliances.model import (
    Evidence,
    actor_id,
    is_missing,
    merge,
    merge_into,
    normalize_text,
    to_frames,
)

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
TMP_SETTINGS = settings(max_examples=300, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow,
                                               HealthCheck.function_scoped_fixture])
HERE = pathlib.Path(__file__).parent

# --------------------------------------------------------------------------- plain definitions
# Written from the documented rules with the standard library only (no helper
# of the modules under test), so a change of the fast code cannot change them.

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ˈ": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+|_+")
_SPACES = re.compile(r"\s+")


def plain_normalize_text(text: str) -> str:
    """normalize_text by its definition: NFKC, folded quotes and ligatures, no accents or case."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_APOSTROPHES).translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold())
    return _SPACES.sub(" ", text).strip()


def plain_tokens(name: str) -> tuple[str, ...]:
    """The words a name is compared on: little words dropped, unless it has only those."""
    words = [w for w in plain_normalize_text(name).split() if w not in names.STOPWORDS]
    return tuple(words) or tuple(plain_normalize_text(name).split())


def plain_block_keys(words):
    return sorted({("#" + w) if w.isdigit() else w[:3] for w in words})


def plain_merge_candidates(tokens, *, threshold=0.8, max_block=500):
    """merge_candidates by its docstring: one block per t-subset of keys and length class."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for node in sorted(tokens):
        keys = plain_block_keys(tokens[node])
        n = len(keys)
        if not n:
            continue
        w = len(tokens[node])
        low = max(1, math.ceil(threshold * w - 1e-9))
        high = max(w, math.floor(w / threshold + 1e-9)) if threshold > 0 else w
        for m in range(low, high + 1):
            lo, hi = min(w, m), max(w, m)
            t = min(n, max(1, math.ceil(threshold * hi - 1e-9) - 1))
            if t >= n:
                subsets: Iterable[tuple[str, ...]] = [tuple(keys)]
            elif t == 1 and any(k.startswith("#") for k in keys):
                subsets = [(k,) for k in keys if k.startswith("#")]
            elif math.comb(n, t) > 200:
                subsets = combinations(keys[: t + 2], t)
            else:
                subsets = combinations(keys, t)
            for sub in subsets:
                blocks[(lo, hi, sub)].append(node)
    pairs: set[tuple[str, str]] = set()
    too_big = 0
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            too_big += 1
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a != b:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs, too_big


# --------------------------------------------------------------------------- normalize_text

FRENCH = "aàâäbcçdeéèêëfghiîïjklmnoôöpqrstuùûüvwxyÿzAÀÉÈÊÇÔŒœæÆß0123456789 '’‘ʼ`´ˈ-_.,;:!?()«»—–/&@#\t\n\u00a0\u202f"


@SETTINGS
@given(st.text(alphabet=FRENCH, max_size=40) | st.text(max_size=30))
def test_normalize_text_equivalent_to_its_plain_definition(text):
    assert normalize_text(text) == plain_normalize_text(text)


@SETTINGS
@given(st.lists(st.sampled_from(["e", "a", "æ", "Æ", "o", "A", "\u0301", "\u0304", "\u0327",
                                 "\u034f", "\u0308", "ǽ", "ﬁ", "①", "²", "´", "ꟹ", "ı", "İ",
                                 "\u1100", "\u1161", "\u11a8", "가", "ﾊ", "\uff9f", "Ω", "ǅ"]),
                max_size=8).map("".join))
def test_normalize_text_equivalent_to_its_plain_definition_on_composing_sequences(text):
    # composition across characters (æ + acute is ǽ, which keeps its æ) and
    # other context effects must follow the definition exactly
    assert normalize_text(text) == plain_normalize_text(text)


def test_normalize_text_equivalent_to_its_plain_definition_on_the_bmp_start():
    chars = [chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000]
    chars += ["\ufb01", "\uff07", "\ua7f9", "\u2019x", "x\u0301", "e\u0301\u0301"]
    assert [normalize_text(c) for c in chars] == [plain_normalize_text(c) for c in chars]
    assert [normalize_text("A" + c + "b") for c in chars] == \
        [plain_normalize_text("A" + c + "b") for c in chars]


def test_normalize_text_equivalent_to_its_plain_definition_on_every_sample_label():
    from alliances import samples

    seen = 0
    for name in samples.names():
        for path in sorted(samples.path(name).rglob("*.csv")):
            table = read_table(path)
            for row in [table.header, *table.rows]:
                for cell in row:
                    assert normalize_text(cell) == plain_normalize_text(cell), cell
                    seen += 1
    assert seen > 1000


def test_normalize_text_by_hand():
    assert normalize_text("  Mairie D’ANTONY ") == "mairie d antony"
    assert normalize_text("Cœur-de-Ville — Vélo!") == "coeur de ville velo"
    assert normalize_text("Æsop_Straße\u00a0n°12") == "aesop strasse n 12"
    assert normalize_text("") == ""
    assert normalize_text(12) == "12"
    assert normalize_text(None) == "none"
    assert actor_id("  Cœur de Ville — Vélo! ") == "coeur-de-ville-velo"
    with pytest.raises(ValueError):
        actor_id(" — ")


# --------------------------------------------------------------------------- suggested merges

WORDS = ["mairie", "mairies", "antony", "antonny", "anthony", "asso", "association", "velo",
         "vélo", "vel", "de", "la", "du", "12", "123", "0012", "ecole", "eco", "ecoles",
         "centre", "social", "sociale", "caf", "fabrique", "fab", "lab", "tiers", "lieu",
         "cooperative", "coop", "ab", "a", "x1", "Réseau", "reseaux", "ville", "villes"]


@st.composite
def label_sets(draw):
    n = draw(st.integers(2, 40))
    out = {}
    for _ in range(n):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=draw(
            st.sampled_from([3, 5, 12]))))
        label = " ".join(words)
        node = actor_id(label) if normalize_text(label) else f"empty-{len(out)}"
        out[node] = label
    return out


def scored_candidates(labels, *, threshold=0.8, max_block=500):
    """suggest_merges the slow way: every candidate pair scored with name_similarity."""
    tokens = {node: plain_tokens(labels[node]) for node in labels}
    pairs, _ = names.merge_candidates(tokens, threshold=threshold, max_block=max_block)
    out = []
    for a, b in sorted(pairs):
        score = round(names.name_similarity(labels[a], labels[b]), 3)
        if score >= threshold:
            out.append((a, labels[a], b, labels[b], score,
                        f"similar names (score {score:.2f}): check and add an alias to "
                        "actors.csv if they are the same actor"))
    out.sort(key=lambda r: (-r[4], r[0], r[2]))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label_sets(), st.sampled_from([0.5, 0.6, 0.75, 0.8, 0.9, 1.0]),
       st.sampled_from([2, 3, 500]))
def test_suggest_merges_equivalent_to_scoring_every_candidate(labels, threshold, max_block):
    # the numpy score bound and the early exit of the scoring drop no pair
    assert names.suggest_merges(labels, threshold=threshold, max_block=max_block) == \
        scored_candidates(labels, threshold=threshold, max_block=max_block)
    # the numpy blocking is the documented one
    tokens = {node: plain_tokens(labels[node]) for node in labels}
    assert names.merge_candidates(tokens, threshold=threshold, max_block=max_block) == \
        plain_merge_candidates(tokens, threshold=threshold, max_block=max_block)


def _synthetic_labels(tmp_path, n):
    """Every spelling an import of the synthetic study meets, keyed as the resolver keys it."""
    from alliances.samples import synthetic

    folder = synthetic(n, seed=0, out=tmp_path / "syn")
    labels = {}
    with open(folder / "actors.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            labels.setdefault(actor_id(row["name"]), row["name"])
    with open(folder / "survey.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for cell in (row["organisation"], row["contact"]):
                if normalize_text(cell):
                    labels.setdefault(actor_id(cell), cell)
    return labels


def test_suggest_merges_equivalent_to_scoring_every_candidate_on_the_synthetic_10k_study(
        tmp_path):
    labels = _synthetic_labels(tmp_path, 10_000)
    assert len(labels) >= 10_000
    new = names.suggest_merges(labels)
    assert new == scored_candidates(labels)
    assert len(new) >= 3  # some of the planted near-duplicates are found
    # a lower threshold and small blocks: many more pairs and blocks left out
    assert names.suggest_merges(labels, threshold=0.6, max_block=20) == \
        scored_candidates(labels, threshold=0.6, max_block=20)


def test_word_bound_never_rules_out_a_scoring_pair():
    import numpy as np

    words = sorted({normalize_text(w) for w in WORDS} | {"antonny", "antonyy", "atony", "abcdefgh",
                                                       "abcdefhg", "bcdefgha", "zzz", "zz"})
    bound = names._WordBound(words)  # the bound engine's one entry point
    a, b = np.divmod(np.arange(len(words) ** 2), len(words))
    possible = bound(a, b)
    for x, y, ok in zip(a.tolist(), b.tolist(), possible.tolist(), strict=True):
        # two one-word names score as their words do
        if names.name_similarity(words[x], words[y]) > 0:
            assert ok, (words[x], words[y])


def test_suggest_merges_by_hand():
    assert names.suggest_merges({}) == []
    assert names.suggest_merges({"a": "!!", "b": ""}) == []
    assert names.merge_candidates({}) == (set(), 0)
    labels = {"asso-velo-antony": "Asso Vélo Antony",
              "association-velo-antony": "Association Vélo Antony",
              "mairie-d-antony": "Mairie d'Antony",
              "mairie-d-antonny": "Mairie d'Antonny",
              "mairie-de-sceaux": "Mairie de Sceaux",
              "structure-12": "Structure 12",
              "structure-13": "Structure 13"}
    got = [(a, b, score) for a, _, b, _, score, _ in names.suggest_merges(labels)]
    # "asso" is a prefix of "association": (0.9 + 1 + 1) / 3; "antony" / "antonny": the
    # SequenceMatcher ratio 12/13, (1 + 12/13) / 2 ("d" is a little word); numbers never match
    assert got == [("asso-velo-antony", "association-velo-antony", 0.967),
                   ("mairie-d-antonny", "mairie-d-antony", 0.962)]
    assert names.suggest_merges(labels)[0][5] == (
        "similar names (score 0.97): check and add an alias to actors.csv if they are the "
        "same actor")


# --------------------------------------------------------------------------- read_table

def _table_tuple(t):
    return (t.path, t.header, t.rows, t.lines, t.header_line, t.encoding, t.sep,
            [_problem(p) for p in t.problems], t.blank_lines,
            [_problem(p) for p in t.row_problems])


def _problem(p):
    return (repr(p), *(getattr(p, a, None) for a in ("message", "path", "line", "column", "value")))


def _outcome(path, **kw):
    try:
        return ("ok", _table_tuple(read_table(path, **kw)))
    except Exception as exc:  # the same error, same message, same line
        return ("error", type(exc).__name__, str(exc), getattr(exc, "line", None))


def _both_paths(path: pathlib.Path, data: bytes, delimiter: str, header_at: int = 0,
                **kw) -> tuple:
    """read_table of ``data`` as written and with its header's first cell in quotes.

    Without any quote the rows are cut at C speed; with one, by the csv
    module. The quoted cell reads as the plain one, so the tables must be equal.
    """
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    lines = data[len(bom):].split(b"\n")
    head = lines[header_at]
    cut = head.find(delimiter.encode())
    cut = len(head.rstrip(b"\r")) if cut < 0 else cut
    lines[header_at] = b'"' + head[:cut] + b'"' + head[cut:]
    path.write_bytes(data)
    plain = _outcome(path, **kw)
    path.write_bytes(bom + b"\n".join(lines))
    return plain, _outcome(path, **kw)


CELL = st.text(alphabet="ab é;,|\t'=+-\r\u00a0\ufffd", max_size=6)


@TMP_SETTINGS
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=5), min_size=0, max_size=8),
       sep=st.sampled_from([";", ",", "\t", "|"]),
       ending=st.sampled_from(["\n", "\r\n", ""]), sep_line=st.booleans(), forced=st.booleans())
def test_read_table_fast_and_csv_module_paths_equivalent(tmp_path, rows, sep, ending, sep_line,
                                                         forced):
    # the same table, without any quote (cut at C speed) and with one quoted
    # header cell (the csv module): the same table, problems and errors
    text = ("sep=" + sep + "\n" if sep_line else "") + "nom" + sep + "x" + "\n"
    text += "\n".join(sep.join(r) for r in rows).replace("\r", "\r\n") + ending
    kw = {"sep": sep} if forced else {}
    plain, quoted = _both_paths(tmp_path / "t.csv", text.encode("utf-8"), sep, int(sep_line),
                                **kw)
    assert plain == quoted


def test_read_table_fast_and_csv_module_paths_equivalent_on_the_samples(tmp_path):
    from alliances import samples
    from alliances.samples import synthetic

    files = [p for name in samples.names() for p in sorted(samples.path(name).rglob("*.csv"))]
    files += sorted(synthetic(2000, seed=1, out=tmp_path / "syn").glob("*.csv"))
    compared = 0
    for path in files:
        data = path.read_bytes()
        if b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
            continue  # the csv module reads it either way
        table = read_table(path)
        plain, quoted = _both_paths(tmp_path / "t.csv", data, table.sep, table.header_line - 1)
        assert plain[0] == "ok" and plain == quoted, path
        compared += 1
    assert compared >= 5


@TMP_SETTINGS
@given(text=st.text(alphabet="ab é;,\t\n\u00a0", max_size=80), sep=st.sampled_from([";", ",", "\t"]))
def test_plain_row_cutter_equivalent_to_the_csv_module(text, sep):
    from alliances.io.csvfile import _plain_rows

    # the fast engine's entry point, on the texts read_table gives it (no
    # quote, no lone CR), against the csv module; a blank line is [""] or []
    fast = [row if row != [""] else [] for row in _plain_rows(text, sep, chunk=7)]
    assert fast == list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def test_read_table_by_hand(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("sep=;\r\nnom ; secteur;;Nom\r\n Mairie ;public;;x\r\n\r\n;;;\r\n"
                     "CAF;;\r\n'=SUM;asso;;y;z\r\n".encode("cp1252"))
    t = read_table(path)
    assert (t.encoding, t.sep, t.header_line, t.blank_lines) == ("utf-8", ";", 2, 2)
    assert t.header == ["nom", "secteur", "column 3", "Nom (2)", "column 5"]
    assert t.rows == [["Mairie", "public", "", "x", ""], ["CAF", "", "", "", ""],
                      ["=SUM", "asso", "", "y", "z"]]
    assert t.lines == [3, 6, 7]
    assert [(p.line, p.column) for p in t.problems] == [(2, "column 3"), (2, "Nom (2)"),
                                                        (2, "column 5")]
    assert [(p.line, p.message.split(";")[0]) for p in t.row_problems] == [
        (7, "more cells than the header has columns"),
        (6, "fewer cells than the header has columns")]


# --------------------------------------------------------------------------- graphs

def test_graph_edge_count_helper():
    from alliances.model import count_ties

    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="x")
    G.add_edge("a", "b", key="y")
    G.add_edge("b", "a", key="x")
    G.add_edge("c", "c", key="x")
    G.add_node("d")
    assert count_ties(G) == G.number_of_edges() == 4
    assert count_ties(nx.MultiDiGraph()) == 0
    # other graph types are counted by networkx itself
    assert count_ties(nx.DiGraph([("a", "b"), ("b", "a")])) == 2


def test_is_missing_by_hand():
    import numpy as np
    import pandas as pd

    values = ["", " ", "a", "nan", "NA", 0, 1, -5, 10**30, True, False, (), (1,), ("",), 1.5,
              0.0, b"", [], {}, set(), frozenset(), object()]
    assert [is_missing(v) for v in values] == [False] * len(values)
    assert is_missing(None)
    assert [is_missing(v) for v in (float("nan"), pd.NA, pd.NaT, np.nan, np.float64("nan"))] == \
        [True] * 5
    assert [is_missing(v) for v in (np.int64(3), np.float64(0), np.str_("x"))] == [False] * 3


NODE_VALUES = {
    "label": st.sampled_from([None, "A", "a", "B", float("nan")]),
    "sector": st.sampled_from([None, "public", "company", float("nan"), ""]),
    "sectors": st.sampled_from([(), ("public",), ("company", "public"), None]),
    "themes": st.sampled_from([(), ("vélo",), "vélo|eau", None]),
    "respondent": st.sampled_from([True, False, 0, 1, None]),
    "territory": st.sampled_from([None, "Antony", 92, 92.0]),
    "extra": st.sampled_from([None, (1,), (1.0, 2), "x"]),
}


@st.composite
def actor_graphs(draw):
    G = nx.MultiDiGraph()
    for node in draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=4, unique=True)):
        G.add_node(node, **{k: draw(v) for k, v in NODE_VALUES.items() if draw(st.booleans())})
    for u, v in draw(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")),
                              max_size=4)):
        G.add_edge(u, v, key="collaboration", weight=draw(st.sampled_from([1.0, 2.0])),
                   trust=draw(st.sampled_from([None, 0.5])), origin="survey")
    return G


def _graph_repr(G):
    return repr((sorted(G.nodes(data=True)), sorted(G.edges(keys=True, data=True)), G.graph))


def _nodes_repr(G, drop=()):
    return repr(sorted((n, {k: v for k, v in d.items() if k not in drop})
                       for n, d in G.nodes(data=True)))


@SETTINGS
@given(actor_graphs(), actor_graphs())
def test_merge_into_equivalent_with_and_without_the_unchanged_actor_shortcut(a, b):
    # merge_into skips an actor whose incoming attributes equal the current
    # ones; an extra attribute makes them differ, so every rule runs
    G = merge(a, b)
    probe = b.copy()
    for node in probe:
        probe.nodes[node]["_probe"] = 1
    skipped = merge_into(merge(a, b), merge(b))  # b's actors again, as merged: skipped
    ruled = merge_into(merge(a, b), merge(probe))
    assert _nodes_repr(skipped) == _nodes_repr(ruled, drop=("_probe",)) == _nodes_repr(G)


@SETTINGS
@given(actor_graphs(), actor_graphs(), actor_graphs())
def test_merge_and_merge_into_equivalent(a, b, c):
    # merge on a new graph, merge_into on one already merged, and two steps
    assert _graph_repr(merge(a, b, c)) == _graph_repr(merge_into(merge(a), b, c)) == \
        _graph_repr(merge(merge(a, b), c))


def test_merge_by_hand():
    a, b = nx.MultiDiGraph(), nx.MultiDiGraph()
    a.add_node("caf", label="CAF", sector=None, themes=("vélo",), respondent=0)
    b.add_node("caf", label="Caisse", sector="public", themes="eau|vélo", respondent=1,
               territory="Antony")
    a.add_edge("caf", "mairie", key="collaboration", weight=2.0, trust=0.5, origin="survey",
               evidence=(Evidence("s.csv", 2),), events=("e1",), count=1)
    b.add_edge("caf", "mairie", key="collaboration", weight=1.0, trust=None, origin="interview",
               evidence=(Evidence("i.csv", 5, "ils aident"),), events=("e2", "e1"), count=2)
    b.add_edge("caf", "mairie", key="conflict", origin="interview")
    G = merge(a, b)
    caf = G.nodes["caf"]
    assert (caf["label"], caf["sector"], caf["sectors"], caf["themes"], caf["respondent"],
            caf["territory"]) == ("CAF", "public", ("public",), ("vélo", "eau"), True, "Antony")
    tie = G.edges["caf", "mairie", "collaboration"]
    assert (tie["weight"], tie["trust"], tie["sign"], tie["origin"], tie["events"],
            tie["count"]) == (2.0, 0.5, 1, "interview+survey", ("e1", "e2"), 3)
    assert tie["evidence"] == (Evidence("s.csv", 2), Evidence("i.csv", 5, "ils aident"))
    conflict = G.edges["caf", "mairie", "conflict"]
    assert (conflict["weight"], "trust" in conflict, conflict["sign"]) == (1.0, False, -1)
    assert G.nodes["mairie"]["label"] == "mairie"


# --------------------------------------------------------------------------- long surveys

HAND_SURVEY = """\
respondent;organisation;sector;contact;relation;frequency;trust
Anne;Mairie d'Antony;public;CAF;collaboration;mensuel;4
Anne;Mairie d'Antony;public;caf ;collaboration;hebdomadaire;2
Anne;Mairie d'Antony;public;Asso Vélo;conflit;jamais;
Bruno;Asso Vélo;association;Mairie d’Antony;information;annuel;5
Bruno;Asso Vélo;association;Asso Vélo;collaboration;mensuel;3
;;;CAF;collaboration;mensuel;3
Chloé;CAF;public;;;;
"""


@pytest.mark.parametrize("reader", ["library", "reference"])
def test_long_survey_by_hand(tmp_path, reader):
    """The library's long reader, and the row-by-row reference of the tests, give the hand count."""
    path = tmp_path / "hand.csv"
    path.write_text(HAND_SURVEY, encoding="utf-8")
    G = S.read_survey(path) if reader == "library" else read_survey_reference(path)
    nodes, ties = to_frames(G)
    assert {n: (d["label"], d["sector"], d["respondent"]) for n, d in nodes.iterrows()} == {
        "mairie-d-antony": ("Mairie d'Antony", "public", True),
        "asso-velo": ("Asso Vélo", "association", True),
        "caf": ("CAF", "public", True),  # Chloé's organisation, with no contact named
    }
    # trust on the 1..5 scale (largest number 5): (x - 1) / 4; frequencies mensuel 3,
    # hebdomadaire 4, annuel 1; line 7 (blank respondent) is Bruno's, filled down
    got = {(t.source, t.target, t.relation): (t.weight, t.trust, t.sign,
                                              tuple(e.line for e in t.evidence))
           for t in ties.itertuples()}
    assert got == {
        ("mairie-d-antony", "caf", "collaboration"): (4.0, 0.5, 1, (2, 3)),  # max 3, 4; (0.75+0.25)/2
        ("asso-velo", "mairie-d-antony", "information"): (1.0, 1.0, 1, (5,)),
        ("asso-velo", "caf", "collaboration"): (3.0, 0.5, 1, (7,)),
    }
    report = G.graph["import_report"]
    assert report.counts == {
        "rows_read": 7, "rows_used": 4, "ties": 3, "actors": 3, "ties_merged": 1,
        "self_nominations": 1, "unknown_sectors": 0, "name_merges": 2, "blank_lines": 0,
        "rows_skipped": 3, "parts_skipped": 0, "problems": 2, "suggested_merges": 0}
    assert list(zip(report.skipped["line"], report.skipped["reason"], strict=True)) == [
        (4, 'frequency "jamais" means no contact: no tie'),
        (6, 'self-nomination: "Asso Vélo" names itself; no tie'),
        (8, "no contact named (the respondent is kept as an actor)"),
    ]
    assert list(report.problems["line"]) == [1, 7]  # the trust scale, the filled-down cell
    assert sorted(report.merged_names["spelling"]) == ["Mairie d’Antony", "caf"]
