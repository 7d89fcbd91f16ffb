"""Write the test graphs used by tests/test_mixing.py and mixing_reference.R.

Run from the repository root:
    .venv/bin/python tests/data/reference/mixing_make_graph.py
Writes mixing_random_{edges,nodes}.csv (seeded random directed graph, 40 actors,
3 groups of uneven sizes, every actor has a group) and
mixing_karate_{edges,nodes}.csv (Zachary's karate club, "club" as group).
"""

from pathlib import Path

import networkx as nx

HERE = Path(__file__).parent

D = nx.gnp_random_graph(40, 0.08, seed=7, directed=True)
groups = ["public", "company", "association"]
with open(HERE / "mixing_random_nodes.csv", "w") as f:
    f.write("id,group\n")
    for n in sorted(D):
        # a deterministic but irregular assignment: groups of 13, 15 and 12 actors
        f.write(f"n{n:02d},{groups[(n * n + n // 3) % 3]}\n")
with open(HERE / "mixing_random_edges.csv", "w") as f:
    f.write("from,to\n")
    for u, v in sorted(D.edges):
        f.write(f"n{u:02d},n{v:02d}\n")

K = nx.karate_club_graph()
with open(HERE / "mixing_karate_nodes.csv", "w") as f:
    f.write("id,group\n")
    for n in sorted(K):
        f.write(f"k{n:02d},{K.nodes[n]['club']}\n")
with open(HERE / "mixing_karate_edges.csv", "w") as f:
    f.write("from,to,weight\n")
    for u, v, w in sorted(K.edges(data="weight")):
        f.write(f"k{u:02d},k{v:02d},{w}\n")
