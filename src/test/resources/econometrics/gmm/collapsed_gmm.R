# Reference values for collapsed GMM-style instruments with lag limits (xtabond2's collapse and laglimits):
# plm::pgmm(..., collapse = TRUE) on the Arellano-Bond UK company panel (validation/empluk.csv).
# Usage: Rscript collapsed_gmm.R <empluk.csv> > collapsed_gmm.json
suppressPackageStartupMessages(library(plm))
args <- commandArgs(trailingOnly = TRUE)
pe <- pdata.frame(read.csv(args[1]), index = c("firm", "year"))
fits <- list(
  ab_diff_twostep_collapsed = pgmm(log(emp) ~ lag(log(emp), 1:2) + lag(log(wage), 0:1) + log(capital) +
      lag(log(output), 0:1) | lag(log(emp), 2:99), data = pe, effect = "twoways", model = "twosteps",
      collapse = TRUE),
  bb_sys_twostep_lags23_collapsed = pgmm(log(emp) ~ lag(log(emp), 1) + lag(log(wage), 0:1) + lag(log(capital), 0:1) |
      lag(log(emp), 2:3) + lag(log(wage), 2:3) + lag(log(capital), 2:3), data = pe, effect = "twoways",
      model = "twosteps", transformation = "ld", collapse = TRUE))
num <- function(x) sprintf("%.17g", x)
obj <- function(v) paste0("{", paste0("\"", names(v), "\": ", num(v), collapse = ", "), "}")
out <- sapply(names(fits), function(nm) {
  f <- fits[[nm]]
  s <- sargan(f)
  paste0("  \"", nm, "\": {\n    \"r_version\": \"", R.version.string, ", plm ", packageVersion("plm"), "\",\n",
         "    \"n_instruments\": ", ncol(f$W[[1]]), ",\n",
         "    \"coef\": ", obj(coef(f)), ",\n",
         "    \"se_robust\": ", obj(sqrt(diag(vcovHC(f)))), ",\n",
         "    \"hansen\": {\"statistic\": ", num(s$statistic), ", \"df\": ", s$parameter, "},\n",
         "    \"ar2_robust\": ", num(mtest(f, 2, vcov = vcovHC(f))$statistic), "\n  }")
})
cat("{\n", paste(out, collapse = ",\n"), "\n}\n", sep = "")
