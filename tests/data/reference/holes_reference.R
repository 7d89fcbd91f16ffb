# Reference values for alliances.analysis.holes and .centrality, computed with R igraph.
# Run from this directory:  Rscript holes_reference.R
# Data: Padgett's Florentine families, marriage network (Padgett & Ansell 1993; Breiger &
# Pattison 1986), 15 families with a marriage tie (Pucci isolated and left out), 20 ties,
# exported from networkx.florentine_families_graph() to florentine_edges.csv.
# Writes florentine_igraph.csv: constraint (Burt 1992) and normalised betweenness per family.
suppressPackageStartupMessages(library(igraph))
edges <- read.csv("florentine_edges.csv", stringsAsFactors = FALSE)
g <- graph_from_data_frame(edges, directed = FALSE)
out <- data.frame(
  id = V(g)$name,
  degree = degree(g),
  constraint = constraint(g),
  betweenness = betweenness(g, normalized = TRUE)
)
out <- out[order(out$id), ]
write.csv(format(out, digits = 15), "florentine_igraph.csv", row.names = FALSE, quote = FALSE)
cat("R", R.version.string, "\n")
cat("igraph", as.character(packageVersion("igraph")), "\n")
