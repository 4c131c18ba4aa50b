# Reference values for tests/core/stats/test_omega.py and the response-scale tests of
# tests/core/stats/test_reliability.py: small data written out here, so each test
# has an expectation computed by psych rather than by Twofold itself.
#
# Run from the repository root:  Rscript tests/reference/omega.R
# Writes tests/reference/omega_expected.json. Needs R with psych, GPArotation (for
# psych::omega) and jsonlite.
suppressMessages({
  library(psych)
  library(jsonlite)
})

quiet <- function(expr) suppressWarnings(suppressMessages(expr))
omega_tot <- function(x) quiet(omega(x, nfactors = 1, fm = "minres", plot = FALSE)$omega.tot)
loadings <- function(r) as.numeric(quiet(fa(r, nfactors = 1, fm = "minres"))$loadings[, 1])

# Twelve respondents, four items, answers missing (test_omega.py: PAIRWISE_X): omega of
# cor(x, use = "pairwise") differs here from omega of cov2cor(cov(x, use = "pairwise")).
pairwise_x <- matrix(c(
  4, 1, 4, 1,   2, NA, 3, NA,   3, 4, 3, 3,     NA, 3, 3, 3,
  3, 3, 4, NA,  2, NA, 2, 3,    4, 2, 3, 3,     4, 5, NA, 2,
  1, NA, 3, NA, 4, NA, NA, 3,   2, 4, 4, 2,     NA, 3, NA, NA), ncol = 4, byrow = TRUE)

# An exact one-factor matrix (loadings .7, .6, .5) with its second item reversed.
r3 <- matrix(c(1, .42, .35,  .42, 1, .30,  .35, .30, 1), 3)
flip <- diag(c(1, -1, 1))
r3_flipped <- flip %*% r3 %*% flip

# Five items without an exact one-factor structure.
r5 <- matrix(c(
  1.00, 0.52, 0.41, 0.30, 0.22,
  0.52, 1.00, 0.47, 0.35, 0.18,
  0.41, 0.47, 1.00, 0.28, 0.31,
  0.30, 0.35, 0.28, 1.00, 0.12,
  0.22, 0.18, 0.31, 0.12, 1.00), 5)

# Response scales that do not start at 1 (test_reliability.py), item 2 reverse-keyed:
# keyed answer = min + max - answer, written out here rather than left to psych's keys.
zero_based <- matrix(c(0, 4, 1,  1, 3, 1,  2, 1, 3,  4, 0, 4,  3, NA, 2,  1, 2, 0,  2, 2, 2),
                     ncol = 3, byrow = TRUE)
two_to_six <- matrix(c(2, 6, 3,  3, 5, 2,  4, 3, 5,  6, 2, 6,  5, 4, NA,  3, 4, 4),
                     ncol = 3, byrow = TRUE)

scale_summary <- function(x, low, high) {
  x[, 2] <- low + high - x[, 2]
  a <- quiet(alpha(x))  # use = "pairwise"; total mean over anyone with an answer
  list(alpha = a$total$raw_alpha, mean = a$total$mean, sd = a$total$sd,
       item_means = as.numeric(a$item.stats$mean), omega_total = omega_tot(x))
}

expected <- list(
  pairwise_x = list(omega_total = omega_tot(pairwise_x),
                    loadings = loadings(cor(pairwise_x, use = "pairwise"))),
  r3_flipped = list(omega_total = omega_tot(r3_flipped), loadings = loadings(r3_flipped)),
  r5 = list(omega_total = omega_tot(r5), loadings = loadings(r5)),
  zero_based = scale_summary(zero_based, 0, 4),
  two_to_six = scale_summary(two_to_six, 2, 6)
)
writeLines(
  toJSON(expected, auto_unbox = TRUE, digits = I(15), pretty = TRUE),
  "tests/reference/omega_expected.json"
)
