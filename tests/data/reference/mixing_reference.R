# Reference values for alliances.analysis.mixing, computed with R igraph (and base R).
# Run from this directory:  Rscript mixing_reference.R   (writes mixing_reference_R.json)
# Graphs:
# - krackhardt: Krackhardt (1987) managers' advice network (krackhardt_advice.csv, row i ->
#   column j), groups = department (krackhardt_attributes.csv, column dept), directed arcs.
# - random: seeded random directed graph with 3 groups (mixing_random_*.csv, written by
#   mixing_make_graph.py), directed arcs.
# - karate: Zachary's karate club (mixing_karate_*.csv), undirected, groups = club.
# For each: the group x group tie counts (rows = sender; undirected: each tie counted
# once in each direction), whole-network internal / external counts and E-I index,
# and igraph::assortativity_nominal (Newman 2003).
suppressPackageStartupMessages({library(igraph); library(jsonlite)})

reference <- function(g, group, directed) {
  lev <- sort(unique(group))
  e <- as_edgelist(g, names = FALSE)
  from <- factor(group[e[, 1]], levels = lev); to <- factor(group[e[, 2]], levels = lev)
  M <- unclass(table(from, to))
  if (!directed) M <- M + t(M)
  internal <- sum(group[e[, 1]] == group[e[, 2]])
  external <- nrow(e) - internal
  list(groups = lev, mixing = unname(lapply(seq_len(nrow(M)), function(i) unname(M[i, ]))),
       internal = internal, external = external,
       ei = (external - internal) / (external + internal),
       assortativity = assortativity_nominal(g, as.integer(factor(group, levels = lev)), directed = directed))
}

adv <- as.matrix(read.csv("krackhardt_advice.csv", header = FALSE))
att <- read.csv("krackhardt_attributes.csv")
gk <- graph_from_adjacency_matrix(adv, mode = "directed")
out <- list(krackhardt = reference(gk, as.character(att$dept), TRUE))

rn <- read.csv("mixing_random_nodes.csv", stringsAsFactors = FALSE)
re <- read.csv("mixing_random_edges.csv", stringsAsFactors = FALSE)
gr <- graph_from_data_frame(re, directed = TRUE, vertices = rn)
out$random <- reference(gr, rn$group, TRUE)

kn <- read.csv("mixing_karate_nodes.csv", stringsAsFactors = FALSE)
ke <- read.csv("mixing_karate_edges.csv", stringsAsFactors = FALSE)
gz <- graph_from_data_frame(ke, directed = FALSE, vertices = kn)
out$karate <- reference(gz, kn$group, FALSE)

out$r_version <- R.version.string
out$igraph_version <- as.character(packageVersion("igraph"))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "mixing_reference_R.json")
