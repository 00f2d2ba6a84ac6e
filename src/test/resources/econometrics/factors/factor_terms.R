# Reference values for factor terms (i.year / factor(year)): dummies for every level but the first.
# Models on R plm's Grunfeld data (the CSV is ../cons/grunfeld.csv, written by ../cons/xtreg_cons.R):
#   ols    : lm(inv ~ value + capital + factor(year))
#   fe     : lm(inv ~ value + capital + factor(year) + factor(firm))   (LSDV = within with year dummies)
#   re     : plm(inv ~ value + capital + factor(year), model = "random") (Swamy-Arora)
#   pggls  : on R plm's Produc data (produc.csv, written here; Grunfeld's 10 firms cannot identify a 20 x 20 error
#            covariance): pggls(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp + factor(year), model = "pooling")
# R names the dummy of 1936 "factor(year)1936"; this project calls it "year::1936" (fixest's name).
#
# Usage: Rscript factor_terms.R   (writes produc.csv and factor_terms.json beside itself)
suppressPackageStartupMessages(library(plm))
a <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", a[grepl("^--file=", a)])))
g <- read.csv(file.path(here, "..", "cons", "grunfeld.csv"))
pd <- pdata.frame(g, index = c("firm", "year"))

rename <- function(n) {
  n <- sub("^factor\\(year\\)([0-9]+)$", "year::\\1", n)
  sub("^\\(Intercept\\)$", "(Intercept)", n)
}
block <- function(est, se) {
  names(est) <- rename(names(est))
  keep <- !grepl("^factor\\(firm\\)", names(est))
  out <- list()
  for (k in names(est)[keep]) out[[k]] <- list(estimate = unname(est[k]), std_error = unname(se[match(k, names(est))]))
  out
}
ols <- lm(inv ~ value + capital + factor(year), data = g)
fe <- lm(inv ~ value + capital + factor(year) + factor(firm), data = g)
re <- plm(inv ~ value + capital + factor(year), data = pd, model = "random")
data("Produc", package = "plm")
pr <- Produc[order(Produc$state, Produc$year), c("state", "year", "gsp", "pcap", "pc", "emp", "unemp")]
write.csv(pr, file.path(here, "produc.csv"), row.names = FALSE)
gl <- pggls(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp + factor(year),
            data = pdata.frame(pr, index = c("state", "year")), model = "pooling")
se <- function(m) sqrt(diag(vcov(m)))
fe_b <- coef(fe); fe_se <- se(fe)
fe_b <- fe_b[names(fe_b) != "(Intercept)"]; fe_se <- fe_se[names(fe_se) != "(Intercept)"]
res <- list(
  R_version = R.version.string, plm_version = as.character(packageVersion("plm")),
  ols = block(coef(ols), se(ols)),
  fe = block(fe_b, fe_se),
  re = block(coef(re), se(re)),
  pggls = block(coef(gl), se(gl))
)
fmt <- function(x, ind = "") {
  if (is.list(x)) {
    inner <- paste0(ind, "  ")
    items <- vapply(names(x), function(k) paste0(inner, "\"", k, "\": ", fmt(x[[k]], inner)), "")
    return(paste0("{\n", paste(items, collapse = ",\n"), "\n", ind, "}"))
  }
  if (is.character(x)) return(paste0("\"", x, "\""))
  sprintf("%.17g", x)
}
writeLines(fmt(res), file.path(here, "factor_terms.json"))
