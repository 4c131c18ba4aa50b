# Reference values for tests/core/stats/test_reliability.py and test_omega.py.
#
# Run from the repository root:  Rscript tests/reference/reliability.R
# Reads the CSVs written by tests/reference/make_reliability_data.py and writes
# tests/reference/reliability_expected.json. Needs R with psych, GPArotation
# (for psych::omega) and jsonlite
# (Debian: apt-get install r-cran-psych r-cran-gparotation r-cran-jsonlite).
suppressMessages({
  library(psych)
  library(jsonlite)
})

datasets <- list(
  complete = list(file = "reliability_complete.csv", reverse = "a4", low = 1, high = 6),
  missing = list(file = "reliability_missing.csv", reverse = "b2", low = 1, high = 5),
  small = list(file = "reliability_small.csv", reverse = character(0), low = 1, high = 5)
)

read_keyed <- function(d) {
  raw <- read.csv(file.path("tests/reference/data", d$file))
  x <- as.matrix(raw[, setdiff(names(raw), "respondent_id")])
  # Reverse with the response scale's own min + max (psych's keys would use the
  # data's observed min + max instead).
  x[, d$reverse] <- d$low + d$high - x[, d$reverse]
  x
}

omega_tot <- function(x) {
  # psych::omega(x, nfactors = 1, fm = "minres")$omega.tot; factors cor(x, use = "pairwise").
  suppressWarnings(suppressMessages(
    omega(x, nfactors = 1, fm = "minres", plot = FALSE)$omega.tot
  ))
}

summarise <- function(a, omega_total) {
  # a <- psych::alpha(...): the fields Twofold reports, by their psych names.
  items <- lapply(seq_len(nrow(a$item.stats)), function(i) list(
    n = a$item.stats$n[i],
    mean = a$item.stats$mean[i],
    sd = a$item.stats$sd[i],
    r_drop = a$item.stats$r.drop[i],
    alpha_if_deleted = a$alpha.drop$raw_alpha[i]
  ))
  names(items) <- rownames(a$item.stats)
  list(
    alpha = a$total$raw_alpha,
    alpha_std = a$total$std.alpha,
    lambda6 = a$total[["G6(smc)"]],
    average_r = a$total$average_r,
    omega_total = omega_total,
    mean = a$total$mean,  # mean(rowMeans(x, na.rm = TRUE), na.rm = TRUE)
    sd = a$total$sd,
    n = sum(!is.na(a$scores)),
    sem = a$total$sd * sqrt(1 - a$total$raw_alpha),
    # Feldt: psych::alpha.ci(raw_alpha, n.obs = nrow(x), n.var = ncol(x))
    alpha_ci95 = list(lower = a$feldt$lower.ci[[1]], upper = a$feldt$upper.ci[[1]]),
    items = items
  )
}

half_rule <- function(x, alpha) {
  # Person scores as twofold.core.scoring.score: mean of the answered items,
  # given when at least half of the items are answered.
  s <- rowMeans(x, na.rm = TRUE)
  s[rowSums(!is.na(x)) < ncol(x) / 2] <- NA
  list(n = sum(!is.na(s)), mean = mean(s, na.rm = TRUE), sd = sd(s, na.rm = TRUE),
       sem = sd(s, na.rm = TRUE) * sqrt(1 - alpha))
}

impute_median <- function(x) {
  for (j in seq_len(ncol(x))) x[is.na(x[, j]), j] <- median(x[, j], na.rm = TRUE)
  x
}

expected <- list()
for (name in names(datasets)) {
  d <- datasets[[name]]
  x <- read_keyed(d)
  pairwise <- suppressWarnings(alpha(x))                            # use = "pairwise"
  listwise <- suppressWarnings(alpha(x, use = "complete.obs"))
  median <- suppressWarnings(alpha(x, impute = "median"))
  expected[[name]] <- list(
    nrow = nrow(x),
    pairwise = summarise(pairwise, omega_tot(x)),
    listwise = summarise(listwise, omega_tot(na.omit(x))),
    median = summarise(median, omega_tot(impute_median(x))),
    half = half_rule(x, pairwise$total$raw_alpha)
  )
}

# Matrices for test_covariance.py and test_omega.py, from the keyed missing data.
x <- read_keyed(datasets$missing)
r3 <- matrix(c(1, .42, .35, .42, 1, .30, .35, .30, 1), 3)
expected$matrices <- list(
  cov_pairwise = unname(cov(x, use = "pairwise")),
  cov_listwise = unname(cov(x, use = "complete.obs")),
  cor_pairwise = unname(cor(x, use = "pairwise")),
  cov2cor_pairwise = unname(cov2cor(cov(x, use = "pairwise"))),
  smc_pairwise = unname(smc(cov2cor(cov(x, use = "pairwise")))),
  smc_r3 = unname(smc(r3)),
  loadings_r3 = unname(fa(r3, nfactors = 1, fm = "minres")$loadings[, 1]),
  omega_r3 = suppressWarnings(suppressMessages(
    omega(r3, nfactors = 1, fm = "minres", plot = FALSE)$omega.tot
  )),
  feldt_80_100_6 = unlist(alpha.ci(.8, n.obs = 100, n.var = 6)[c("lower.ci", "upper.ci")])
)
small <- read_keyed(datasets$small)
expected$heywood <- list(
  loadings = unname(suppressWarnings(fa(cor(small), 1, fm = "minres"))$loadings[, 1])
)

expected$meta <- list(
  psych = as.character(packageVersion("psych")),
  r = paste(R.version$major, R.version$minor, sep = ".")
)
writeLines(
  toJSON(expected, auto_unbox = TRUE, digits = NA, pretty = TRUE),
  "tests/reference/reliability_expected.json"
)
