# Reference numbers for random effects, two-way random effects, the Breusch-Pagan LM test and pggls on unbalanced
# and balanced panels, computed with R plm (Debian's r-cran-plm) from the CSV files in ../ .
# Also an independent, literal computation of Stata's xtreg, re formulas for unbalanced panels (Methods and
# Formulas of [XT] xtreg: sigma_e^2 from the within regression, sigma_u^2 = SSR_b / (n - K) - sigma_e^2 / T-bar with
# T-bar the harmonic mean of the T_i and SSR_b from the unweighted regression of unit means, theta_i = 1 -
# sqrt(sigma_e^2 / (T_i sigma_u^2 + sigma_e^2)), OLS of the quasi-demeaned data), written with lm() only.
#
# Run from the repository root:  Rscript src/test/resources/validation/r/random_effects.R
# It writes random_effects.json and grunfeld_unbalanced.csv beside itself.
suppressPackageStartupMessages({
  library(plm)
  library(jsonlite)
})
here <- "src/test/resources/validation"
out_dir <- file.path(here, "r")

grunfeld <- read.csv(file.path(here, "grunfeld.csv"))
empluk <- read.csv(file.path(here, "empluk.csv"))
produc <- read.csv(file.path(here, "produc.csv"))

# An unbalanced Grunfeld: rows removed so that T_i ranges from 16 to 20 (public data, deterministic rule:
# firm f loses the years 1935 + (7 f + 3 j) mod 20 for j = 1..(f - 1) mod 5).
drop <- do.call(rbind, lapply(1:10, function(f) {
  k <- (f - 1) %% 5
  if (k == 0) return(NULL)
  data.frame(firm = f, year = 1935 + (7 * f + 3 * (1:k)) %% 20)
}))
key <- paste(grunfeld$firm, grunfeld$year)
grunfeld_unbal <- grunfeld[!(key %in% paste(drop$firm, drop$year)), ]
write.csv(grunfeld_unbal, file.path(out_dir, "grunfeld_unbalanced.csv"), row.names = FALSE)
grunfeld_unbal <- read.csv(file.path(out_dir, "grunfeld_unbalanced.csv"))

coefs <- function(fit) {
  s <- if (inherits(fit, "pggls")) summary(fit)$CoefTable else coef(summary(fit))
  list(terms = rownames(s), estimate = unname(s[, 1]), std_error = unname(s[, 2]), statistic = unname(s[, 3]),
       p_value = unname(s[, 4]))
}

# Stata's xtreg, re (default, without sa) from the manual's formulas, straightforwardly.
stata_re <- function(d, y, x, id) {
  d <- d[order(d[[id]]), ]
  yv <- d[[y]]
  X <- as.matrix(d[, x, drop = FALSE])
  g <- factor(d[[id]])
  N <- nrow(d); n <- nlevels(g); K <- length(x) + 1
  Ti <- as.vector(table(g))
  within <- lm(yv ~ X + g)
  sigma2_e <- sum(residuals(within)^2) / (N - n - (K - 1))
  ybar <- tapply(yv, g, mean)
  Xbar <- apply(X, 2, function(col) tapply(col, g, mean))
  between <- lm(ybar ~ Xbar)
  ssr_b <- sum(residuals(between)^2)
  Tbar <- n / sum(1 / Ti)
  sigma2_u <- max(0, ssr_b / (n - K) - sigma2_e / Tbar)
  theta_g <- 1 - sqrt(sigma2_e / (Ti * sigma2_u + sigma2_e))
  theta <- theta_g[as.integer(g)]
  ys <- yv - theta * ybar[as.integer(g)]
  Xs <- X - theta * Xbar[as.integer(g), , drop = FALSE]
  cons <- 1 - theta
  gls <- lm(ys ~ 0 + cons + Xs)
  s <- coef(summary(gls))
  list(terms = c("(Intercept)", x), estimate = unname(s[, 1]), std_error = unname(s[, 2]),
       sigma2_e = sigma2_e, sigma2_u = sigma2_u, T_bar = Tbar, ssr_between = ssr_b,
       theta_min = min(theta_g), theta_max = max(theta_g), rss = sum(residuals(gls)^2), df_resid = N - K)
}

plm_re <- function(form, d, effect = "individual") {
  pd <- pdata.frame(d, index = names(d)[1:2])
  fit <- plm(form, data = pd, model = "random", effect = effect, random.method = "swar")
  ec <- ercomp(fit)
  th <- ec$theta
  out <- c(coefs(fit), list(sigma2 = as.list(ec$sigma2), rss = sum(residuals(fit)^2),
                            df_resid = df.residual(fit), nobs = nobs(fit)))
  if (is.list(th)) {
    out$theta <- lapply(th, function(v) unique(unname(v)))
  } else {
    out$theta_min <- min(th); out$theta_max <- max(th); out$theta_mean <- mean(th)
  }
  out
}

bp <- function(form, d) {
  pd <- pdata.frame(d, index = names(d)[1:2])
  pooled <- plm(form, data = pd, model = "pooling")
  t <- plmtest(pooled, effect = "individual", type = "bp")
  list(statistic = unname(t$statistic), df = unname(t$parameter), p_value = unname(t$p.value))
}

pg <- function(form, d, model) {
  pd <- pdata.frame(d, index = names(d)[1:2])
  coefs(pggls(form, data = pd, model = model))
}

f_grunfeld <- inv ~ value + capital
f_empluk <- log(emp) ~ log(wage) + log(capital) + log(output)
f_produc <- log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp
empluk_logs <- transform(empluk, lemp = log(emp), lwage = log(wage), lcapital = log(capital), loutput = log(output))

result <- list(
  generated_by = "random_effects.R (this directory)",
  session = list(R_version = R.version.string,
                 packages = list(plm = as.character(packageVersion("plm")),
                                 jsonlite = as.character(packageVersion("jsonlite"))),
                 platform = R.version$platform,
                 source = "Debian bookworm packages r-base-core, r-cran-plm"),
  conventions = list(
    plm_random = "plm(model = 'random', random.method = 'swar'): Swamy-Arora; for unbalanced panels plm's ercomp (quadratic forms of within and between residuals with the Baltagi-Chang trace correction)",
    stata_re = "xtreg, re (no sa option) as its Methods and Formulas: sigma2_e = SSR_within / (N - n - K + 1); sigma2_u = max(0, SSR_b / (n - K) - sigma2_e / T_bar), SSR_b from OLS of the n unit means (unweighted), T_bar = n / sum(1 / T_i); theta_i = 1 - sqrt(sigma2_e / (T_i sigma2_u + sigma2_e)); OLS of y - theta_i ybar_i on (1 - theta_i, x - theta_i xbar_i); std errors sqrt(diag(RSS / (N - K) (X*'X*)^-1)); computed with lm() only",
    twoways = "plm(model = 'random', effect = 'twoways', random.method = 'swar') on balanced panels; theta has components id, time, total",
    breusch_pagan = "plmtest(plm(model = 'pooling'), effect = 'individual', type = 'bp'); unbalanced: Baltagi-Li (1990) form",
    pggls = "pggls(model = 'pooling' | 'within'), effect 'individual'",
    grunfeld_unbalanced = "grunfeld.csv without the rows in dropped_grunfeld_rows (written to grunfeld_unbalanced.csv)"),
  dropped_grunfeld_rows = drop,
  random_individual = list(
    grunfeld_unbalanced = plm_re(f_grunfeld, grunfeld_unbal),
    empluk = plm_re(f_empluk, empluk),
    grunfeld_balanced = plm_re(f_grunfeld, grunfeld)),
  stata_re_formulas = list(
    grunfeld_unbalanced = stata_re(grunfeld_unbal, "inv", c("value", "capital"), "firm"),
    empluk = stata_re(empluk_logs, "lemp", c("lwage", "lcapital", "loutput"), "firm"),
    grunfeld_balanced = stata_re(grunfeld, "inv", c("value", "capital"), "firm")),
  random_twoways = list(
    grunfeld = plm_re(f_grunfeld, grunfeld, "twoways"),
    produc = plm_re(f_produc, produc, "twoways")),
  breusch_pagan = list(
    grunfeld_unbalanced = bp(f_grunfeld, grunfeld_unbal),
    empluk = bp(f_empluk, empluk),
    grunfeld_balanced = bp(f_grunfeld, grunfeld)),
  pggls = list(
    empluk_pooling = pg(f_empluk, empluk, "pooling"),
    empluk_within = pg(f_empluk, empluk, "within"))
)
writeLines(toJSON(result, auto_unbox = TRUE, digits = I(17), pretty = TRUE),
           file.path(out_dir, "random_effects.json"))
