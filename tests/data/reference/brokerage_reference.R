# Reference values for alliances.analysis.brokerage, computed with R sna::brokerage.
# Run from this directory:  Rscript brokerage_reference.R
# Writes <name>_brokerage_nli.csv (raw.nli, exp.nli, sd.nli, z.nli per actor)
# and <name>_brokerage_gli.csv (raw.gli, exp.gli, sd.gli, z.gli).
#
# Data:
# - Krackhardt (1987) high-tech managers, advice network (21 x 21, row i -> column j:
#   "i goes to j for advice"), departments 0-4 (0 = the CEO). Matrix as published in
#   Wasserman & Faust (1994) and UCINET's KRACKAD; typed from the R scripts
#   accompanying Suzuki's "R de manabu network bunseki" (ADVICE matrix) and the
#   attribute file Krack-High-Tec-Attributes.csv (Stanford SNA labs); arc count 190.
# - Zachary (1977) karate club, 34 members, 78 friendship ties taken both ways
#   (156 arcs), factions = the club each member joined after the split
#   (networkx.karate_club_graph() "club" attribute: "Mr. Hi" / "Officer").
suppressPackageStartupMessages(library(sna))

write_brokerage <- function(name, adj, cl) {
  b <- brokerage(adj, cl)
  roles <- c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")
  nli <- data.frame(id = seq_len(nrow(adj)), group = cl)
  for (r in roles) {
    nli[[paste0("raw_", r)]] <- b$raw.nli[, r]
    nli[[paste0("exp_", r)]] <- b$exp.nli[, r]
    nli[[paste0("sd_", r)]] <- b$sd.nli[, r]
    nli[[paste0("z_", r)]] <- b$z.nli[, r]
  }
  write.csv(nli, paste0(name, "_brokerage_nli.csv"), row.names = FALSE)
  gli <- data.frame(role = roles, raw = b$raw.gli, exp = b$exp.gli, sd = b$sd.gli, z = b$z.gli)
  write.csv(gli, paste0(name, "_brokerage_gli.csv"), row.names = FALSE)
}

advice <- as.matrix(read.csv("krackhardt_advice.csv", header = FALSE))
dimnames(advice) <- NULL
attrs <- read.csv("krackhardt_attributes.csv")
stopifnot(sum(advice) == 190)
write_brokerage("krackhardt_advice", advice, attrs$dept)

edges <- read.csv("zachary_edges.csv")
club <- read.csv("zachary_club.csv")
z <- matrix(0, 34, 34)
z[cbind(edges$from, edges$to)] <- 1
z[cbind(edges$to, edges$from)] <- 1
write_brokerage("zachary", z, club$club)

cat("R", R.version.string, "\n")
cat("sna", as.character(packageVersion("sna")), "\n")
