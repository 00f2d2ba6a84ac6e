package org.airesilience.econometrics.model;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The one rule for bootstrap and permutation replicates that fail, used by the threshold bootstrap and the placebo
 * test alike. A replicate is invalid when its refit fails numerically (a singular or indefinite matrix, any
 * {@link ArithmeticException}) or its statistic is not finite (the term dropped out of the fit, a zero variance).
 * Invalid replicates stay in replicate order as NaN, are left out of every p-value, critical value and moment (the
 * denominator is the number of valid replicates), and are counted in the output. Any other exception is an error and
 * stops the run.
 */
public final class Replicates {
    /** The rule as written into each output's conventions. */
    public static final String RULE = "a replicate whose refit fails numerically (singular or indefinite matrix) or"
            + " whose statistic is not finite is invalid: kept as null in replicate order, left out of p-values,"
            + " critical values and moments (denominator = valid replicates), and counted";

    private Replicates() {
    }

    /** The replicate's result, or {@code invalid} when its fit fails numerically. */
    public static <T> T orInvalid(Supplier<T> fit, T invalid) {
        try {
            return fit.get();
        } catch (ArithmeticException e) {
            return invalid;
        }
    }

    /** A statistic, NaN when its fit fails numerically or it is not finite. */
    public static double statistic(Supplier<Double> fit) {
        double v = orInvalid(fit, Double.NaN);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** The valid (finite) replicates, in replicate order. */
    public static double[] valid(double[] replicates) {
        return Arrays.stream(replicates).filter(Double::isFinite).toArray();
    }

    public static int invalid(double[] replicates) {
        return replicates.length - valid(replicates).length;
    }

    /** Share of valid replicates with statistic &gt;= observed; NaN without valid replicates. */
    public static double upperTailShare(double[] replicates, double observed) {
        double[] v = valid(replicates);
        if (v.length == 0) return Double.NaN;
        int n = 0;
        for (double b : v) if (b >= observed) n++;
        return (double) n / v.length;
    }

    /** The ceil(p B)-th smallest of the B valid replicates (the bootstrap critical value at level 1 - p). */
    public static double criticalValue(double[] replicates, double p) {
        double[] s = valid(replicates);
        if (s.length == 0) return Double.NaN;
        Arrays.sort(s);
        // the small slack keeps p B that is an integer up to rounding (0.95 * 300) from moving up one rank
        int idx = (int) Math.ceil(p * s.length - 1e-9);
        return s[Math.max(1, Math.min(s.length, idx)) - 1];
    }
}
