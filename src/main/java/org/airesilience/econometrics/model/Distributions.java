package org.airesilience.econometrics.model;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** Two-sided and upper-tail p-values (upper tails computed directly, so tiny p-values keep their precision). */
public final class Distributions {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Distributions() {
    }

    /** 2 * P(T_df > |t|); NaN when t is not finite or df < 1. */
    public static double tTwoSided(double t, double df) {
        if (!Double.isFinite(t) || !(df > 0)) return Double.NaN;
        return 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    }

    /** The 1 - alpha/2 quantile of t(df). */
    public static double tQuantile(double p, double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(p);
    }

    public static double normalTwoSided(double z) {
        if (!Double.isFinite(z)) return Double.NaN;
        return 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    }

    /** P(chi2_df > x). */
    public static double chiSquareUpper(double x, double df) {
        if (!Double.isFinite(x) || !(df > 0)) return Double.NaN;
        if (x <= 0) return 1.0;
        return org.apache.commons.math3.special.Gamma.regularizedGammaQ(df / 2, x / 2);
    }

    /** P(F_{df1,df2} > x). */
    public static double fUpper(double x, double df1, double df2) {
        if (!Double.isFinite(x) || !(df1 > 0) || !(df2 > 0)) return Double.NaN;
        if (x <= 0) return 1.0;
        // P(F > x) = I_{df2/(df2 + df1 x)}(df2/2, df1/2)
        return org.apache.commons.math3.special.Beta.regularizedBeta(df2 / (df2 + df1 * x), df2 / 2, df1 / 2);
    }
}
