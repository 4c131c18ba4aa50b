# Reference values for tests/core/test_scoring_reference.py.
#
# Run from the repository root:  Rscript tests/reference/scoring.R
# Scores tests/reference/data/reliability_missing.csv (written by
# tests/reference/make_reliability_data.py) with two scales, B1 = b1, -b2, b3
# and B2 = b4, b5, on a 1-5 scale, with psych::scoreItems and each of its
# imputations, and writes tests/reference/scoring_expected.json.
suppressMessages({
  library(psych)
  library(jsonlite)
})

raw <- read.csv("tests/reference/data/reliability_missing.csv")
x <- as.matrix(raw[, c("b1", "b2", "b3", "b4", "b5")])
keys <- list(B1 = c("b1", "-b2", "b3"), B2 = c("b4", "b5"))

scores <- function(impute) {
  s <- scoreItems(keys, x, impute = impute, totals = FALSE, min = 1, max = 5)$scores
  # JSON has no NA: a respondent without a score is null.
  lapply(as.data.frame(s), function(column) ifelse(is.na(column), NA, column))
}

out <- list(
  psych_version = as.character(packageVersion("psych")),
  respondents = nrow(x),
  none = scores("none"),
  median = scores("median"),
  mean = scores("mean")
)
write_json(out, "tests/reference/scoring_expected.json", digits = NA, auto_unbox = TRUE,
           na = "null", pretty = TRUE)
