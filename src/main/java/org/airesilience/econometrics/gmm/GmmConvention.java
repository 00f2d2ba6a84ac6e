package org.airesilience.econometrics.gmm;

/**
 * Where R's plm::pgmm and Stata's xtabond2 report different numbers for the same estimator. The estimates, the
 * robust (Arellano-Bond one-step, Windmeijer two-step) variances, the AR tests and Hansen's J agree; the
 * conventions differ in the non-robust one-step variance, the Sargan statistic, the lag of the differenced
 * instrument in the level equation and the observation count.
 */
public enum GmmConvention {
    /**
     * plm::pgmm: non-robust one-step variance (X'Z A1 Z'X)^-1 with A1 = n (sum Z_i'H Z_i)^-1, no sigma^2 scaling;
     * "Sargan" is what summary(pgmm) prints, sargan(weights = "twosteps") = Hansen's J; level-equation instruments are always the first lag of the difference;
     * nobs counts the used rows of all equations (differenced and, for system GMM, levels).
     */
    PGMM,
    /**
     * Stata xtabond2 (formulas from Roodman 2009): non-robust one-step variance sigma^2 (X'Z (Z'HZ)^-1 Z'X)^-1;
     * Sargan = e1'Z (Z'HZ)^-1 Z'e1 / sigma^2 at the one-step residuals e1; sigma^2 from the one-step residuals
     * (difference GMM: sum of squared differenced residuals / (2 (n - K)); system GMM: sum of squared level residuals
     * / (n - K)); level-equation instruments are the difference at lag (minimum lag - 1); nobs counts the used rows
     * of the level equation (system GMM) or of the differenced equation (difference GMM). Checked against Stata's
     * published output for Arellano-Bond (1991) column a1 (coefficients, non-robust standard errors, Sargan, robust
     * AR tests). Not reproduced: the non-robust one-step AR statistics of Stata's xtabond, which use another
     * formula; here the AR tests always follow pgmm's mtest with the reported variance.
     */
    XTABOND2;

    public static GmmConvention parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "pgmm", "plm" -> PGMM;
            case "xtabond2", "stata" -> XTABOND2;
            default -> throw new IllegalArgumentException("unknown convention '" + s + "' (pgmm or xtabond2)");
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
