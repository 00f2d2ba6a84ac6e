package org.airesilience.econometrics.stats;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Upper-tail probabilities computed from the regularized incomplete gamma and beta functions directly, so tiny
 * p-values keep their relative precision (1 - cdf would round them to zero).
 */
public final class Tails {
    private Tails() {
    }

    /** P(chi2(df) > x). */
    public static double chiSquare(double x, double df) {
        if (Double.isNaN(x) || df <= 0) return Double.NaN;
        if (x <= 0) return 1.0;
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }

    /** P(F(df1, df2) > f). */
    public static double f(double f, double df1, double df2) {
        if (Double.isNaN(f) || df1 <= 0 || df2 <= 0) return Double.NaN;
        if (f <= 0) return 1.0;
        return Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2.0, df1 / 2.0);
    }

    /** Two-sided P(|t(df)| > |t|). */
    public static double studentTwoSided(double t, double df) {
        if (Double.isNaN(t) || df <= 0) return Double.NaN;
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    /** Two-sided P(|N(0,1)| > |z|). */
    public static double normalTwoSided(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }
}
