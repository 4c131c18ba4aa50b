# Reference values for tests/core/stats/test_agreement.py and test_icc.py.
#
# Run from the repository root:  Rscript tests/reference/agreement.R
# Reads the CSVs written by tests/reference/make_agreement_data.py and writes
# tests/reference/agreement_expected.json. Needs R with multilevel, psych and
# jsonlite (Debian: apt-get install r-cran-multilevel r-cran-psych r-cran-jsonlite).
suppressMessages({
  library(multilevel)
  library(psych)
  library(jsonlite)
})

raters <- read.csv("tests/reference/data/agreement_raters.csv", stringsAsFactors = FALSE)
targets <- read.csv("tests/reference/data/agreement_targets.csv", stringsAsFactors = FALSE)
ranvar <- (5^2 - 1) / 12  # uniform null variance of a 5-point scale: 2

as_named <- function(frame, column) as.list(setNames(frame[[column]], frame$grpid))

# rwg per item: multilevel::rwg(x, grpid, ranvar); a rater's missing cell is dropped.
items <- c("a1", "a2", "a3", "b1", "b2", "b3")
rwg_items <- list()
rwg_items_n <- list()
for (item in items) {
  r <- rwg(raters[[item]], raters$group, ranvar = ranvar)
  rwg_items[[item]] <- as_named(r, "rwg")
  rwg_items_n[[item]] <- as_named(r, "gsize")
}

# rwg(j) per scale: multilevel::rwg.j(x, grpid, ranvar); listwise within the scale.
scales <- list(a = c("a1", "a2", "a3"), b = c("b1", "b2", "b3"))
rwg_j <- list()
rwg_j_n <- list()
for (s in names(scales)) {
  r <- rwg.j(raters[, scales[[s]]], raters$group, ranvar = ranvar)
  rwg_j[[s]] <- as_named(r, "rwg.j")
  rwg_j_n[[s]] <- as_named(r, "gsize")
}

# ICC(1), ICC(2) of the raters' scale scores: the mean of the answered keyed
# items when at least half (2 of 3) are answered, as twofold.core.scoring.score.
keyed <- raters
keyed$a3 <- 6 - keyed$a3
icc <- list()
for (s in names(scales)) {
  x <- keyed[, scales[[s]]]
  answered <- rowSums(!is.na(x))
  y <- ifelse(answered >= 1.5, rowMeans(x, na.rm = TRUE), NA)
  model <- aov(y ~ group, data = data.frame(y = y, group = raters$group))
  icc[[s]] <- list(icc1 = ICC1(model), icc2 = ICC2(model))
}

# A small unbalanced case: a group of one (c) and a group with no value (d), which
# aov drops; the mean group size is then 9 rows / 4 groups = 2.25.
small_y <- c(1, 2, 3, 2, 2, 5, NA, NA, 4, 5, 4)
small_g <- c("a", "a", "a", "b", "b", "c", "d", "d", "e", "e", "e")
small <- aov(y ~ g, data = data.frame(y = small_y, g = small_g))
icc_small <- list(icc1 = ICC1(small), icc2 = ICC2(small))

# Percentiles of a norm group: quantile(type = 7), R's default.
norm_scores <- c(2, 3, 5, 3.5, 1, 3, 4.5, 1.5, 4, 2.5, 5, 3.5)
probs <- c(0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.99)
quantiles <- list(scores = norm_scores, probs = probs,
                  values = unname(quantile(norm_scores, probs, type = 7)))

# The six Shrout-Fleiss ICCs: psych::ICC(x, lmer = FALSE), the classic ANOVA.
shrout_fleiss <- function(x) {
  r <- ICC(as.matrix(x), lmer = FALSE)$results
  out <- list()
  for (i in seq_len(nrow(r))) {
    out[[r$type[i]]] <- list(
      icc = r$ICC[i], f = r$F[i], df1 = r$df1[i], df2 = r$df2[i], p = r$p[i],
      lower = r[["lower bound"]][i], upper = r[["upper bound"]][i]
    )
  }
  out
}
published <- matrix(
  c(9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7),
  ncol = 4, byrow = TRUE
)

expected <- list(
  r_version = R.version.string,
  multilevel = as.character(packageVersion("multilevel")),
  psych = as.character(packageVersion("psych")),
  ranvar = ranvar,
  rwg_items = rwg_items,
  rwg_items_n = rwg_items_n,
  rwg_j = rwg_j,
  rwg_j_n = rwg_j_n,
  icc_group_means = icc,
  icc_group_means_small = icc_small,
  quantile_type7 = quantiles,
  shrout_fleiss_targets = shrout_fleiss(targets[, -1]),
  shrout_fleiss_1979 = shrout_fleiss(published)
)
write_json(expected, "tests/reference/agreement_expected.json",
           auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE)
