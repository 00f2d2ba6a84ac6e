# Reference values for the constant that Stata's `xtreg, fe` reports when unit effects are absorbed.
#
# xtreg, fe estimates the within model as OLS of (y_it - ybar_i + ybar) on (x_it - xbar_i + xbar) and a constant
# (Stata [XT] xtreg, Methods and Formulas), so _cons = ybar - xbar'b. With year effects written as `i.year`, the
# year dummies (first year the base) are regressors and get the same transformation. The variance is that of this
# augmented regression under each convention, with the residual degrees of freedom of the within model:
#   iid     : s^2 (Z'Z)^-1, s^2 = RSS / (N - G - K)                      (K = slopes incl. year dummies)
#   hetero  : N / (N - G - K) * HC0 sandwich                              (areg / reghdfe vce(robust) factor)
#   cluster : G_c/(G_c - 1) * (N - 1)/(N - K - 1) * cluster HC0 sandwich  (firm effects nested in firm clusters)
# R-squared: see r2 in each block. Independent check (balanced panel): the LSDV regression with sum-to-zero firm contrasts has the same intercept and
# the same conventional standard error.
#
# Usage: Rscript xtreg_cons.R   (writes grunfeld.csv, grunfeld_unbalanced.csv and xtreg_cons.json beside itself)
suppressPackageStartupMessages({
  library(plm)
  library(sandwich)
})
a <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", a[grepl("^--file=", a)])))

data("Grunfeld", package = "plm")
g <- Grunfeld[order(Grunfeld$firm, Grunfeld$year), c("firm", "year", "inv", "value", "capital")]
write.csv(g, file.path(here, "grunfeld.csv"), row.names = FALSE)
# An unbalanced panel: every row with (7 firm + year) divisible by 11 removed (18 rows).
gu <- g[(7 * g$firm + g$year) %% 11 != 0, ]
write.csv(gu, file.path(here, "grunfeld_unbalanced.csv"), row.names = FALSE)

xtreg_fe <- function(d, twoway) {
  d <- d[order(d$firm, d$year), ]
  N <- nrow(d)
  G <- length(unique(d$firm))
  X <- as.matrix(d[, c("value", "capital")])
  if (twoway) {
    D <- model.matrix(~ factor(year), d)[, -1, drop = FALSE]   # first year is the base
    colnames(D) <- paste0(sort(unique(d$year))[-1], ".year")
    X <- cbind(X, D)
  }
  tr <- function(v) v - ave(v, d$firm) + mean(v)
  yt <- tr(d$inv)
  Xt <- apply(X, 2, tr)
  fit <- lm(yt ~ Xt)
  K <- ncol(X)
  df_resid <- N - G - K
  e <- resid(fit)
  V_lm <- vcov(fit)
  V <- list(
    iid = V_lm * (N - K - 1) / df_resid,
    hetero = vcovHC(fit, type = "HC0") * N / df_resid,
    cluster = vcovCL(fit, cluster = d$firm, type = "HC0", cadjust = FALSE) * G / (G - 1) * (N - 1) / (N - K - 1)
  )
  b <- unname(coef(fit))
  cons <- b[1]
  stopifnot(abs(cons - (mean(d$inv) - sum(colMeans(X) * b[-1]))) < 1e-8 * abs(cons))
  # The R-squared a table may name: xtreg's "R-sq within" is the R^2 of this transformed regression; r2 and adj_r2
  # are those of the LSDV regression (areg); r2_within demeans y by every absorbed effect (plm within, reghdfe).
  lsdv <- if (twoway) lm(inv ~ value + capital + factor(firm) + factor(year), data = d)
          else lm(inv ~ value + capital + factor(firm), data = d)
  pw <- plm(inv ~ value + capital, data = pdata.frame(d, index = c("firm", "year")), model = "within",
            effect = if (twoway) "twoways" else "individual")
  r2 <- list(r2 = summary(lsdv)$r.squared, adj_r2 = summary(lsdv)$adj.r.squared,
             r2_within = unname(r.squared(pw)), r2_within_xtreg = summary(fit)$r.squared)
  out <- list(N = N, groups = G, df_resid = df_resid, value = b[2], capital = b[3], cons = cons, r2 = r2)
  for (v in names(V)) {
    se <- sqrt(V[[v]][1, 1])
    tdf <- if (v == "cluster") G - 1 else df_resid
    out[[v]] <- list(cons_se = se, cons_t = cons / se, cons_p = 2 * pt(-abs(cons / se), tdf),
                     value_se = sqrt(V[[v]][2, 2]), capital_se = sqrt(V[[v]][3, 3]))
  }
  out
}

res <- list(
  source = "R plm::Grunfeld (firm, year, inv, value, capital); xtreg_cons.R beside this file",
  R_version = R.version.string,
  plm_version = as.character(packageVersion("plm")),
  sandwich_version = as.character(packageVersion("sandwich")),
  oneway = xtreg_fe(g, FALSE),
  twoway = xtreg_fe(g, TRUE),
  oneway_unbalanced = xtreg_fe(gu, FALSE),
  twoway_unbalanced = xtreg_fe(gu, TRUE)
)

# Independent check of the one-way balanced constant and its conventional s.e.: LSDV with sum-to-zero contrasts.
lsdv <- lm(inv ~ value + capital + C(factor(firm), contr.sum), data = g)
s <- summary(lsdv)$coefficients
stopifnot(abs(s[1, 1] - res$oneway$cons) < 1e-8 * abs(s[1, 1]))
stopifnot(abs(s[1, 2] - res$oneway$iid$cons_se) < 1e-8 * s[1, 2])
res$lsdv_sum_contrasts_check <- list(intercept = s[1, 1], se = s[1, 2])

fmt <- function(x, ind = "") {
  if (is.list(x)) {
    inner <- paste0(ind, "  ")
    items <- vapply(names(x), function(k) paste0(inner, "\"", k, "\": ", fmt(x[[k]], inner)), "")
    return(paste0("{\n", paste(items, collapse = ",\n"), "\n", ind, "}"))
  }
  if (is.character(x)) return(paste0("\"", x, "\""))
  sprintf("%.17g", x)
}
writeLines(fmt(res), file.path(here, "xtreg_cons.json"))
