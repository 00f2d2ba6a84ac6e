package org.airesilience.panel.impute;

import java.util.Arrays;

/** Fills one region's series of one variable (consecutive years) by an {@link ImputationChain}. */
public final class Imputation {
    private Imputation() {
    }

    /**
     * @param values filled (years in order, NaN = missing)
     * @param method the method that filled each year, null for observed (and for years left missing)
     */
    public record Result(double[] values, ImputationChain.Method[] method, int observed, boolean tooFew) {
    }

    public static Result impute(double[] series, ImputationChain chain) {
        int n = series.length;
        double[] x = series.clone();
        ImputationChain.Method[] how = new ImputationChain.Method[n];
        int observed = 0;
        for (double v : series) if (!Double.isNaN(v)) observed++;
        if (observed == n) return new Result(x, how, observed, false);
        if (observed < chain.minObserved()) return new Result(x, how, observed, true);
        for (ImputationChain.Method m : chain.methods()) {
            switch (m) {
                case INTERPOLATE -> interpolate(x, how);
                case EXTRAPOLATE -> extrapolate(x, how, chain.k());
                case MEAN -> mean(series, x, how);
            }
        }
        return new Result(x, how, observed, false);
    }

    /** x_t = x_a + (x_b - x_a) (t - a) / (b - a) between the nearest known years a < t < b. */
    static void interpolate(double[] x, ImputationChain.Method[] how) {
        int prev = -1;
        for (int t = 0; t < x.length; t++) {
            if (Double.isNaN(x[t])) continue;
            if (prev >= 0 && t - prev > 1) {
                for (int s = prev + 1; s < t; s++) {
                    x[s] = x[prev] + (x[t] - x[prev]) * (s - prev) / (t - prev);
                    how[s] = ImputationChain.Method.INTERPOLATE;
                }
            }
            prev = t;
        }
    }

    /**
     * After the last known year T: x_{T+h} = x_T (1 + g)^h, g the mean of the growth rates x_s / x_{s-1} - 1 of the
     * k latest consecutive known pairs ending at T (fewer when fewer exist); before the first known year F likewise
     * backwards, x_{F-h} = x_F / (1 + g)^h with g from the k earliest pairs. Left missing when no pair exists or a
     * base value is 0.
     */
    static void extrapolate(double[] x, ImputationChain.Method[] how, int k) {
        int first = -1, last = -1;
        for (int t = 0; t < x.length; t++) {
            if (!Double.isNaN(x[t])) {
                if (first < 0) first = t;
                last = t;
            }
        }
        if (first < 0) return;
        // both rates from the known values only, before either end is filled
        double gEnd = meanGrowth(x, last, -1, k);
        double gStart = meanGrowth(x, first, +1, k);
        if (!Double.isNaN(gEnd)) {
            for (int t = last + 1; t < x.length; t++) {
                x[t] = x[last] * Math.pow(1 + gEnd, t - last);
                how[t] = ImputationChain.Method.EXTRAPOLATE;
            }
        }
        if (!Double.isNaN(gStart)) {
            for (int t = first - 1; t >= 0; t--) {
                x[t] = x[first] / Math.pow(1 + gStart, first - t);
                how[t] = ImputationChain.Method.EXTRAPOLATE;
            }
        }
    }

    /** Mean growth of up to k consecutive known pairs walking from {@code from} in direction {@code dir}. */
    private static double meanGrowth(double[] x, int from, int dir, int k) {
        double sum = 0;
        int pairs = 0;
        for (int t = from; pairs < k; t += dir) {
            int a = dir < 0 ? t - 1 : t, b = dir < 0 ? t : t + 1; // pair (a, b), b = a + 1
            if (a < 0 || b >= x.length || Double.isNaN(x[a]) || Double.isNaN(x[b]) || x[a] == 0) break;
            sum += x[b] / x[a] - 1;
            pairs++;
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** Remaining gaps get the mean of the observed values. */
    static void mean(double[] observed, double[] x, ImputationChain.Method[] how) {
        double m = Arrays.stream(observed).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        for (int t = 0; t < x.length; t++) {
            if (Double.isNaN(x[t])) {
                x[t] = m;
                how[t] = ImputationChain.Method.MEAN;
            }
        }
    }
}
