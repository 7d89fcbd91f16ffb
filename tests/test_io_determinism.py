"""Same data, same graph: whatever the row order of the files and the hash seed.

Each test loads a study folder, then the same folder with its data rows
permuted (header kept, quoted multi-line records moved whole, blank lines
moved too) and compares the graphs in canonical form: actors and ties from
:func:`alliances.to_frames`, sorted, with the evidence lines mapped back to
the original file's lines. Report counts must be identical too. A second
test loads the folder in subprocesses under two ``PYTHONHASHSEED`` values.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

import alliances
from alliances.io.csvfile import _decode
from alliances.model import Evidence

ROOT = Path(__file__).parent.parent
FOLDERS = [ROOT / "tests" / "data" / "io" / "study",
           ROOT / "data" / "samples" / "morteau-reemploi",
           ROOT / "data" / "samples" / "antony-velo"]


def _records(data: bytes) -> tuple[list[bytes], list[tuple[int, int]]]:
    """Physical lines of a file and the (first, last) line of each CSV record."""
    text, _, _ = _decode(data, None, None)
    lines = data.split(b"\n")
    sep = alliances.io.csvfile.detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    spans, end = [], 0
    for _ in reader:
        spans.append((end + 1, reader.line_num))
        end = reader.line_num
    return lines, spans


def shuffle_file(src: Path, dst: Path, seed: int) -> tuple[dict[int, int], dict[int, int]]:
    """Write ``src`` with its data records permuted.

    Returns new line -> original line, and original line -> canonical line.

    Byte-identical records are indistinguishable (swapping them gives the same
    file), so each line maps to the same line of the first identical record.
    """
    data = src.read_bytes()
    lines, spans = _records(data)
    first_of: dict[bytes, int] = {}
    same: dict[int, int] = {}
    for a, b in spans:
        raw = b"\n".join(lines[a - 1:b])
        base = first_of.setdefault(raw, a)
        for i in range(a, b + 1):
            same[i] = base + (i - a)
    keep = 1
    if lines[0].lstrip(b"\xef\xbb\xbf").lower().startswith(b"sep="):
        keep = 2  # Excel's sep= line, then the header
    head, body = spans[:keep], spans[keep:]
    order = list(range(len(body)))
    random.Random(seed).shuffle(order)
    out = [lines[i - 1] for a, b in head for i in range(a, b + 1)]
    mapping: dict[int, int] = {}
    for k in order:
        a, b = body[k]
        for i in range(a, b + 1):
            out.append(lines[i - 1])
            mapping[len(out)] = same[i]
    tail = lines[spans[-1][1]:] if spans else []  # after the last record (final newline)
    out += tail
    dst.write_bytes(b"\n".join(out))
    return mapping, same


def canonical(G, maps: dict[str, dict[int, int]] | None = None) -> tuple:
    """Graph as sorted plain data; evidence lines mapped back through ``maps``."""
    def ev(e: Evidence) -> tuple:
        line = e.line
        if maps and e.file in maps and line is not None:
            line = maps[e.file].get(line, line)
        return (e.file, line, e.quote)

    actors, ties = alliances.to_frames(G)
    actors = actors.sort_index()
    node_rows = [(i, tuple((c, repr(v)) for c, v in row.items()))
                 for i, row in zip(actors.index, actors.to_dict("records"), strict=True)]
    tie_rows = []
    for row in ties.to_dict("records"):
        row["evidence"] = tuple(sorted(ev(e) for e in row["evidence"]))
        tie_rows.append(tuple((c, repr(v)) for c, v in sorted(row.items())))
    return tuple(node_rows), tuple(sorted(tie_rows))


def _counts(G) -> dict:
    counts = dict(G.graph["import_report"].counts)
    return counts


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
@pytest.mark.parametrize("seed", [1, 2])
def test_row_order_does_not_change_the_graph(folder, seed, tmp_path):
    G = alliances.load(folder)
    maps, same = {}, {}
    for p in sorted(folder.glob("*.csv")):
        maps[p.name], same[p.name] = shuffle_file(p, tmp_path / p.name, seed)
    H = alliances.load(tmp_path)
    assert sorted(G) == sorted(H)
    # the shuffle did move rows (otherwise the test proves nothing)
    assert any(new != old for m in maps.values() for new, old in m.items())
    a, b = canonical(G, same), canonical(H, maps)
    assert a[0] == b[0]
    assert a[1] == b[1]
    assert _counts(G) == _counts(H)
    rg, rh = G.graph["import_report"], H.graph["import_report"]
    assert rg.unaccounted == rh.unaccounted == 0
    # skipped rows are the same rows, at their new lines; of two identical rows
    # ("already listed ... (line N)") either may be the one skipped: compare the pair
    assert skipped_rows(rh, maps) == skipped_rows(rg, same)


def skipped_rows(report, maps: dict[str, dict[int, int]]) -> list:
    out = []
    for path, line, why in report.skipped.itertuples(index=False, name=None):
        back = maps.get(path, {})
        line = back.get(int(line), int(line))
        other = re.search(r"\(line (\d+)\)", why)
        if other:
            pair = frozenset({line, back.get(int(other.group(1)), int(other.group(1)))})
            out.append((path, tuple(sorted(pair)), re.sub(r"\(line \d+\)", "", why)))
        else:
            out.append((path, (line,), why))
    return sorted(out)


_SCRIPT = """
import json, sys
import alliances
sys.path.insert(0, {tests!r})
from test_io_determinism import canonical
G = alliances.load({folder!r})
print(json.dumps([repr(canonical(G)), G.graph["import_report"].counts,
                  list(G.nodes), [list(e[:3]) for e in G.edges(keys=True)]]))
"""


@pytest.mark.parametrize("folder", FOLDERS[:2], ids=[f.name for f in FOLDERS[:2]])
def test_hash_seed_does_not_change_the_graph(folder):
    outs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        code = _SCRIPT.format(tests=str(Path(__file__).parent), folder=str(folder))
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True, timeout=120)
        outs.append(json.loads(done.stdout))
    assert outs[0] == outs[1]  # canonical form, counts, and even node and edge order


def _conflicting_study(folder: Path) -> Path:
    """A study whose rows disagree: the rules, not the row order, must decide."""
    folder.mkdir()
    (folder / "actors.csv").write_text(
        "nom;secteur;territoire;type;alias\n"
        "Mairie;public;Antony;structure;Ville\n"
        "CAF;public;;;\n"
        "mairie;association|public;Sceaux;;Commune\n"
        "Asso Vélo;association;Sceaux;;\n"
        "caf;company;Nanterre;organisation;\n", encoding="utf-8")
    (folder / "survey.csv").write_text(
        "répondant;structure;secteur;partenaire;fréquence;confiance;territoire;thème\n"
        "Anne;Mairie;public;Asso Vélo;mensuel;4;Antony;vélo\n"
        "Paul;Ville;public;asso velo;hebdomadaire;2;Sceaux;mobilité\n"
        "Léa;Tiers Lieu;Fablab;Mairie;1;5;Massy;\n"
        "Marc;Tiers-Lieu;association;Mairie;3;1;Palaiseau;\n"
        "Marc;TIERS LIEU;association;CAF;jamais;;;\n"
        "Zoé;Ressourcerie;company;Ressourcerie;;;;\n"
        "Zoé;Ressourcerie;association;Asso Vélo;;;Igny;\n", encoding="utf-8")
    (folder / "affiliations.csv").write_text(
        "acteur;événement;type;date\n"
        "Mairie;Comité;comité;2024-01-10\n"
        "Asso Vélo;Comité;atelier;2024-01-11\n"
        "CAF;Comité;;\n"
        "Ville;Comité;comité;2024-01-10\n"
        "Asso Vélo;Forum;forum;2024-03-01\n"
        "Tiers Lieu;Forum;salon;2024-03-02\n", encoding="utf-8")
    (folder / "interviews.csv").write_text(
        "entretien;personne interrogée;structure;acteur cité;ton;citation\n"
        "E1;Léa;Tiers Lieu;Mairie;positif;ils aident\n"
        "E2;Paul;Mairie;Tiers-Lieu;négatif;trop lents\n"
        "E2;Paul;Mairie;Tiers Lieu;positif;mais motivés\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_conflicting_rows_are_decided_by_rules_not_order(seed, tmp_path):
    folder = _conflicting_study(tmp_path / "study")
    G = alliances.load(folder)
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    maps, same = {}, {}
    for p in sorted(folder.glob("*.csv")):
        maps[p.name], same[p.name] = shuffle_file(p, shuffled / p.name, seed)
    H = alliances.load(shuffled)
    a, b = canonical(G, same), canonical(H, maps)
    assert a[0] == b[0]
    assert a[1] == b[1]
    assert _counts(G) == _counts(H)
    assert G.graph["events"] == H.graph["events"]
