package org.airesilience.panel.expr;

import java.util.Arrays;

/**
 * The constructed variables of the studies as plain functions on arrays (the evaluator picks the rows).
 */
public final class PanelFunctions {
    private PanelFunctions() {
    }

    /**
     * Entropy-weight index (study A) over the rows given.
     *
     * @param index    out: the index of each row in {@code rows}, at the same position
     * @param entropy  out: e_j per indicator
     * @param divergence out: d_j = 1 - e_j
     * @param weight   out: w_j = d_j / sum d
     */
    public static void entropy(double[][] x, boolean[] positive, int[] rows, double shift, double[] index,
                               double[] entropy, double[] divergence, double[] weight) {
        int m = x.length;
        int n = rows.length;
        double[][] std = new double[m][n];
        for (int j = 0; j < m; j++) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int r : rows) {
                min = Math.min(min, x[j][r]);
                max = Math.max(max, x[j][r]);
            }
            double range = max - min;
            for (int i = 0; i < n; i++) {
                double v = x[j][rows[i]];
                // x' = (x - min) / (max - min) for +, (max - x) / (max - min) for -, plus the shift; 0 + shift when constant
                double s = range == 0 ? 0 : positive[j] ? (v - min) / range : (max - v) / range;
                std[j][i] = s + shift;
            }
            double total = 0;
            for (int i = 0; i < n; i++) total += std[j][i];
            // e_j = -(1 / ln n) sum_i p_ij ln p_ij with p_ij = x'_ij / sum_i x'_ij; p ln p = 0 at p = 0
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double p = std[j][i] / total;
                if (p > 0) sum += p * Math.log(p);
            }
            entropy[j] = n > 1 ? -sum / Math.log(n) : 1;
            divergence[j] = 1 - entropy[j];
        }
        double dSum = 0;
        for (double d : divergence) dSum += d;
        for (int j = 0; j < m; j++) weight[j] = dSum == 0 ? 1.0 / m : divergence[j] / dSum;
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < m; j++) v += weight[j] * std[j][i];
            index[i] = v;
        }
    }

    /** (part / whole) / (partTotal / wholeTotal). */
    public static double locationQuotient(double part, double whole, double partTotal, double wholeTotal) {
        return (part / whole) / (partTotal / wholeTotal);
    }

    /** sum_k p_k ln(1 / p_k), p_k = x_k / sum x; zero shares add 0; NaN when a value is missing or the sum is 0. */
    public static double shannon(double[] x) {
        double total = 0;
        for (double v : x) {
            if (Double.isNaN(v)) return Double.NaN;
            total += v;
        }
        if (total == 0) return Double.NaN;
        double h = 0;
        for (double v : x) {
            double p = v / total;
            if (p > 0) h += p * Math.log(1 / p);
        }
        return h;
    }

    /** (x - min) / (max - min) over the rows given (NaN rows ignored and kept NaN); written into {@code out}. */
    public static void minmax(double[] x, int[] rows, double[] out) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int r : rows) {
            if (Double.isNaN(x[r])) continue;
            min = Math.min(min, x[r]);
            max = Math.max(max, x[r]);
        }
        for (int r : rows) out[r] = (x[r] - min) / (max - min);
    }

    /** The median of the non-missing values (mean of the two middle ones for an even count), NaN when none. */
    public static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
