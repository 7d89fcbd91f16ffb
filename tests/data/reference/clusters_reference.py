"""Reference values for tests/test_clusters.py (Zachary's karate club, unweighted).

Run from the repository root:
    .venv/bin/python tests/data/reference/clusters_reference.py
Writes clusters_reference_py.json with, on networkx.karate_club_graph() (78 ties, no weights):
- igraph (python-igraph) community_multilevel / community_leiden(objective "modularity",
  n_iterations=-1) / community_fastgreedy on Graph.Famous("Zachary") (same vertex numbering),
  seeds 0..9 given as igraph.set_random_number_generator(random.Random(seed));
- networkx louvain_communities(seed=s) and greedy_modularity_communities, modularity via
  networkx.community.modularity.
Published: Blondel et al. (2008) report Q = 0.42 for Louvain on this graph; the maximum
modularity is 0.4198 (Brandes et al. 2008; Aloise et al. 2010), 4 communities.
"""

import json
import random
from pathlib import Path

import igraph
import networkx as nx

K = nx.karate_club_graph()
g = igraph.Graph.Famous("Zachary")
assert sorted(map(tuple, map(sorted, g.get_edgelist()))) == sorted(map(tuple, map(sorted, K.edges())))
out = {"igraph_version": igraph.__version__, "networkx_version": nx.__version__}
for name, run in {
    "igraph_multilevel": lambda: g.community_multilevel(),
    "igraph_leiden": lambda: g.community_leiden(objective_function="modularity", n_iterations=-1),
}.items():
    qs, ks = [], []
    for s in range(10):
        igraph.set_random_number_generator(random.Random(s))
        c = run()
        qs.append(g.modularity(c.membership))
        ks.append(len(set(c.membership)))
    out[name] = {"modularity_seeds_0_9": qs, "n_clusters_seeds_0_9": ks}
igraph.set_random_number_generator(random)
fg = g.community_fastgreedy().as_clustering()
out["igraph_fastgreedy"] = {"modularity": g.modularity(fg.membership), "n_clusters": len(fg)}
nq, nk = [], []
for s in range(10):
    comms = nx.community.louvain_communities(K, weight=None, seed=s)
    nq.append(nx.community.modularity(K, comms, weight=None))
    nk.append(len(comms))
out["networkx_louvain"] = {"modularity_seeds_0_9": nq, "n_clusters_seeds_0_9": nk}
gm = nx.community.greedy_modularity_communities(K, weight=None)
out["networkx_greedy"] = {"modularity": nx.community.modularity(K, gm, weight=None), "n_clusters": len(gm)}
out["published"] = {"blondel_2008_louvain": 0.42, "maximum_modularity": 0.4198}
(Path(__file__).parent / "clusters_reference_py.json").write_text(json.dumps(out, indent=1) + "\n")
print(json.dumps(out, indent=1))
