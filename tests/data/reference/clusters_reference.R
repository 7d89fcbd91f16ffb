# Reference values for alliances.analysis.clusters on Zachary's karate club, with R igraph.
# Run from this directory:  Rscript clusters_reference.R   (writes clusters_reference_R.json)
# Graph: mixing_karate_edges.csv / mixing_karate_nodes.csv (networkx.karate_club_graph(), 78 ties).
# Unweighted: Louvain (cluster_louvain), Leiden with the modularity objective iterated to
# convergence (cluster_leiden, n_iterations = -1), fast greedy; modularity and number of
# clusters.
suppressPackageStartupMessages({library(igraph); library(jsonlite)})
kn <- read.csv("mixing_karate_nodes.csv", stringsAsFactors = FALSE)
ke <- read.csv("mixing_karate_edges.csv", stringsAsFactors = FALSE)
g <- graph_from_data_frame(ke[, 1:2], directed = FALSE, vertices = kn)
louvain <- sapply(0:9, function(s) { set.seed(s); modularity(cluster_louvain(g)) })
set.seed(0)
leiden <- cluster_leiden(g, objective_function = "modularity", n_iterations = -1)

fg <- cluster_fast_greedy(g)
out <- list(
  louvain_modularity_seeds_0_9 = louvain,
  leiden_modularity = modularity(g, membership(leiden)),
  leiden_n_clusters = length(unique(membership(leiden))),
  fastgreedy_modularity = modularity(fg),
  fastgreedy_n_clusters = length(fg),
  components = count_components(g),
  r_version = R.version.string,
  igraph_version = as.character(packageVersion("igraph")))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "clusters_reference_R.json")
