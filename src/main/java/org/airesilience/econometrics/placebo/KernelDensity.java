package org.airesilience.econometrics.placebo;

import java.util.Arrays;

/**
 * Gaussian kernel density with Silverman's rule-of-thumb bandwidth h = 0.9 min(sd, IQR / 1.34) n^(-1/5) (R's
 * {@code bw.nrd0}; IQR from R's default type-7 quantiles), evaluated exactly on an even grid that extends 3h beyond
 * the data (R's {@code density(cut = 3)}).
 */
public final class KernelDensity {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    public record Curve(double[] x, double[] density, double bandwidth) {
    }

    private KernelDensity() {
    }

    public static double silvermanBandwidth(double[] values) {
        int n = values.length;
        if (n < 2) throw new IllegalArgumentException("a bandwidth needs at least 2 values, got " + n);
        double[] s = values.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElseThrow();
        double ss = 0;
        for (double v : s) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double iqr = quantile(s, 0.75) - quantile(s, 0.25);
        double spread = Math.min(sd, iqr / 1.34);
        // R's fall-backs when the spread is zero.
        if (!(spread > 0)) spread = sd > 0 ? sd : (Math.abs(s[0]) > 0 ? Math.abs(s[0]) : 1);
        return 0.9 * spread * Math.pow(n, -0.2);
    }

    public static Curve estimate(double[] values, int points) {
        double h = silvermanBandwidth(values);
        double lo = Arrays.stream(values).min().orElseThrow() - 3 * h;
        double hi = Arrays.stream(values).max().orElseThrow() + 3 * h;
        double[] x = new double[points];
        double[] f = new double[points];
        for (int g = 0; g < points; g++) {
            x[g] = lo + (hi - lo) * g / (points - 1);
            double sum = 0;
            for (double v : values) {
                double z = (x[g] - v) / h;
                sum += Math.exp(-0.5 * z * z);
            }
            f[g] = sum * INV_SQRT_2PI / (values.length * h);
        }
        return new Curve(x, f, h);
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
