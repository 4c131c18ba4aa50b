# Reference values for tests/cli/test_analyze_min_answered.py.
#
# Run from the repository root:  Rscript tests/reference/min_answered.R
# Writes tests/reference/min_answered_expected.json. Needs R with psych and jsonlite
# (Debian: apt-get install r-cran-psych r-cran-jsonlite).
#
# psych::alpha scores each person by the mean of whatever items they answered
# (rowMeans(na.rm = TRUE)), so one answer of five is a score; the scale's mean,
# SD and an SEM of SD * sqrt(1 - alpha) follow from those scores. Twofold's
# default needs half the items answered; the second block computes that
# convention from the same data, for comparison.
suppressMessages({
  library(psych)
  library(jsonlite)
})

raw <- read.csv("tests/reference/data/reliability_missing.csv")
x <- as.matrix(raw[, setdiff(names(raw), "respondent_id")])
x[, "b2"] <- 1 + 5 - x[, "b2"]  # reverse-keyed on the 1..5 scale

a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
answered <- rowSums(!is.na(x))
scores <- rowMeans(x, na.rm = TRUE)
alpha <- a$total$raw_alpha

psych_convention <- list(
  n = sum(answered >= 1),
  mean = a$total$mean,
  sd = a$total$sd,
  alpha = alpha,
  sem = a$total$sd * sqrt(1 - alpha)
)
half <- scores[answered >= ncol(x) / 2]
half_convention <- list(
  n = length(half),
  mean = mean(half),
  sd = sd(half),
  sem = sd(half) * sqrt(1 - alpha)
)

write(
  toJSON(
    list(any_answer = psych_convention, half_answered = half_convention),
    auto_unbox = TRUE, digits = NA, pretty = TRUE
  ),
  "tests/reference/min_answered_expected.json"
)
