"""Large-map check (issue 6): a 100,000-actor map reduces itself, stays small, opens fast.

Run ``python -m benchmarks.bench_map`` (``--help`` for options). It

1. builds a synthetic actor graph (networkx directly, seeded: ``--actors``
   actors in ``--clusters`` clusters, ``--ties`` ties per actor, 90 % inside
   the cluster; or, with ``--load``, :func:`alliances.samples.synthetic` then
   :func:`alliances.load`, much slower);
2. builds an actor table (degree, cluster, hybrid and intermediary flags:
   a cheap stand-in for :func:`alliances.actor_table`, whose cost is measured
   by ``python -m benchmarks``; ``--actor-table`` computes the real one);
3. times :func:`alliances.interactive_map` with that table and ``save``,
   checks that the map reduced itself and says so on the page, and measures
   the file size;
4. opens the file in headless Chromium (Debian's ``chromium``, through
   Playwright) from ``file://`` and times it until the network is drawn,
   counting requests and console errors.

Targets (issue 6): file under 20 MB, map built within about 10 s given the
table, opened within 10 s. The script prints the figures and exits 1 if a
target is missed (2 if Chromium or Playwright is missing).

This is a benchmark, not a unit test: it takes about a minute and a few GB
of memory at 100,000 actors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_MB = 20.0
TARGET_BUILD_S = 10.0
TARGET_OPEN_S = 10.0
SECTORS = ("public", "company", "association", "research", "citizen", "intermediary", "other")
RELATIONS = ("collaboration", "information", "trust", "funding")


def synthetic_graph(n: int, ties: int, clusters: int, seed: int) -> Any:
    """A seeded actor graph shaped like the importers' (MultiDiGraph, contract attributes)."""
    import networkx as nx
    import numpy as np

    rng = np.random.default_rng(seed)
    cluster = rng.integers(0, clusters, size=n)
    home = rng.integers(0, len(SECTORS), size=clusters)
    sector_idx = np.where(rng.random(n) < 0.6, home[cluster], rng.integers(0, len(SECTORS), size=n))
    ids = [f"a{i:06d}" for i in range(n)]
    G = nx.MultiDiGraph(name=f"synthetic {n:,} actors")
    G.add_nodes_from(
        (ids[i], {"label": f"Acteur {i} «{SECTORS[sector_idx[i]]}»", "sector": SECTORS[sector_idx[i]],
                  "sectors": (SECTORS[sector_idx[i]],), "kind": "organisation",
                  "territory": f"Territoire {cluster[i] % 17}", "themes": ("mobilité",),
                  "respondent": bool(i % 4)})
        for i in range(n)
    )
    by_cluster = [np.flatnonzero(cluster == c) for c in range(clusters)]
    m = n * ties
    src = rng.integers(0, n, size=m)
    inside = rng.random(m) < 0.9
    dst = rng.integers(0, n, size=m)
    for c in range(clusters):
        members = by_cluster[c]
        pick = inside & (cluster[src] == c)
        if members.size and pick.any():
            dst[pick] = members[rng.integers(0, members.size, size=int(pick.sum()))]
    rel = rng.integers(0, len(RELATIONS), size=m)
    weight = rng.integers(1, 6, size=m).astype(float)
    trust = np.round(rng.random(m), 2)
    G.add_edges_from(
        (ids[u], ids[v], RELATIONS[r], {"relation": RELATIONS[r], "weight": float(w),
                                        "trust": float(t) if RELATIONS[r] == "trust" else None,
                                        "sign": 1, "origin": "survey", "evidence": ()})
        for u, v, r, w, t in zip(src.tolist(), dst.tolist(), rel.tolist(), weight.tolist(),
                                 trust.tolist(), strict=True)
        if u != v
    )
    return G


def quick_table(G: Any, seed: int) -> Any:
    """An actor table with the columns the map reads, cheap to compute."""
    import numpy as np
    import pandas as pd

    ids = sorted(G.nodes)
    deg = dict(G.degree())
    rng = np.random.default_rng(seed)
    degree = np.array([deg[i] for i in ids], dtype=np.int64)
    top = degree >= np.quantile(degree, 0.995)
    return pd.DataFrame({
        "label": [G.nodes[i]["label"] for i in ids],
        "sector": [G.nodes[i]["sector"] for i in ids],
        "degree": degree,
        "cluster": rng.integers(0, 40, size=len(ids)),
        "is_hybrid": top & (rng.random(len(ids)) < 0.5),
        "is_trusted_intermediary": top & (rng.random(len(ids)) < 0.5),
        "reason": ["" for _ in ids],
    }, index=pd.Index(ids, name="id"))


def open_in_chromium(path: Path, timeout_s: float = 60.0) -> dict[str, Any]:
    """Open the map from file:// and time it until vis-network has drawn it."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("ALLIANCES_CHROMIUM") or shutil.which("chromium")
    if not executable:
        raise RuntimeError("no chromium executable (install Debian's chromium or set ALLIANCES_CHROMIUM)")
    url = path.resolve().as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            start = time.perf_counter()
            page.goto(url, timeout=timeout_s * 1000)
            page.wait_for_function("window.network !== undefined", timeout=timeout_s * 1000)
            # two animation frames: vis-network has drawn the canvas once
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            seconds = time.perf_counter() - start
            counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
            note = page.text_content("#note")
            note_visible = page.is_visible("#note")
        finally:
            browser.close()
    return {"open_s": seconds, "requests": [u for u in requests if u != url and not u.startswith("data:")],
            "console_errors": errors, "nodes": counts[0], "edges": counts[1], "note": note,
            "note_visible": note_visible}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_map",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=10, help="ties per actor (default 10)")
    parser.add_argument("--clusters", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--load", action="store_true",
                        help="write CSVs with alliances.samples.synthetic and read them with alliances.load")
    parser.add_argument("--actor-table", action="store_true",
                        help="compute the real alliances.actor_table (slow at 100k)")
    parser.add_argument("--out", type=Path, default=None, help="where to write map.html (default: a temp folder)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)

    import alliances

    workdir = Path(tempfile.mkdtemp(prefix="alliances-bench-map-"))
    figures: dict[str, Any] = {"actors": args.actors, "ties_per_actor": args.ties}
    t0 = time.perf_counter()
    if args.load:
        folder = alliances.samples.synthetic(args.actors, ties_per_actor=args.ties, seed=args.seed,
                                             out=workdir / "data")
        G = alliances.load(folder)
        figures["graph_from"] = "alliances.samples.synthetic + alliances.load"
    else:
        G = synthetic_graph(args.actors, args.ties, args.clusters, args.seed)
        figures["graph_from"] = "networkx (benchmarks.bench_map.synthetic_graph)"
    figures["graph_s"] = time.perf_counter() - t0
    figures["graph_nodes"], figures["graph_ties"] = G.number_of_nodes(), G.number_of_edges()
    print(f"graph: {figures['graph_nodes']:,} actors, {figures['graph_ties']:,} ties "
          f"({figures['graph_from']}, {figures['graph_s']:.1f} s)", flush=True)

    t0 = time.perf_counter()
    if args.actor_table:
        table = alliances.actor_table(G, seed=args.seed)
        size = "betweenness"
    else:
        table = quick_table(G, args.seed)
        size = "degree"
    figures["table_s"] = time.perf_counter() - t0
    print(f"table: {figures['table_s']:.1f} s ({'actor_table' if args.actor_table else 'quick stand-in'})",
          flush=True)

    out = args.out or workdir / "map.html"
    t0 = time.perf_counter()
    the_map = alliances.interactive_map(G, table=table, size=size, seed=args.seed)
    figures["build_s"] = time.perf_counter() - t0
    the_map.save(out)
    figures["build_and_save_s"] = time.perf_counter() - t0
    figures["file_mb"] = out.stat().st_size / 1e6
    figures["map_nodes"], figures["map_edges"] = len(the_map.network.nodes), len(the_map.network.edges)
    figures["note"] = the_map.note
    print(f"map: {figures['map_nodes']:,} actors and {figures['map_edges']:,} ties drawn; built in "
          f"{figures['build_s']:.1f} s (+ save: {figures['build_and_save_s']:.1f} s); "
          f"{figures['file_mb']:.1f} MB -> {out}", flush=True)
    print(f"note on the page: {the_map.note}", flush=True)

    failures = []
    if not the_map.note or figures["map_nodes"] >= figures["graph_nodes"]:
        failures.append("the map did not reduce itself")
    if figures["file_mb"] >= TARGET_MB:
        failures.append(f"file {figures['file_mb']:.1f} MB >= {TARGET_MB} MB")
    if figures["build_s"] > TARGET_BUILD_S:
        failures.append(f"build {figures['build_s']:.1f} s > {TARGET_BUILD_S} s")

    if not args.no_browser:
        try:
            opened = open_in_chromium(out)
        except (ImportError, RuntimeError) as exc:
            print(f"browser: skipped: {exc}", file=sys.stderr)
            return 2
        figures.update({f"browser_{k}": v for k, v in opened.items()})
        print(f"browser: opened and drawn in {opened['open_s']:.1f} s; {opened['nodes']:,} nodes, "
              f"{opened['edges']:,} edges in vis-network; note shown: {opened['note_visible']}; "
              f"requests besides the file: {len(opened['requests'])}; console errors: "
              f"{len(opened['console_errors'])}", flush=True)
        if opened["open_s"] > TARGET_OPEN_S:
            failures.append(f"opening took {opened['open_s']:.1f} s > {TARGET_OPEN_S} s")
        if opened["requests"] or opened["console_errors"]:
            failures.append(f"requests {opened['requests'][:3]}, errors {opened['console_errors'][:3]}")
        if not opened["note_visible"]:
            failures.append("the reduction note is not shown on the page")
        if (opened["nodes"], opened["edges"]) != (figures["map_nodes"], figures["map_edges"]):
            failures.append("vis-network holds other counts than the map")
    if args.json:
        print(json.dumps(figures, indent=1, default=str))
    if failures:
        print("MISSED: " + "; ".join(failures), flush=True)
        return 1
    print("all targets met (file < 20 MB, build <= 10 s, open <= 10 s, reduction noted)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
