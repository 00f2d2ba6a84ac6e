package org.airesilience.econometrics.iv;

import org.airesilience.econometrics.linalg.Matrix;

/** The "meat" of sandwich variances: sum of outer products of per-observation scores, or of per-cluster sums. */
final class Scores {
    private Scores() {
    }

    /** Rows of {@code scores} (N x p) multiplied by {@code e} elementwise. */
    static Matrix times(Matrix m, double[] e) {
        Matrix s = m.copy();
        double[] d = s.data();
        int n = m.rows();
        for (int j = 0; j < m.cols(); j++) {
            for (int i = 0; i < n; i++) d[j * n + i] *= e[i];
        }
        return s;
    }

    /** sum_i s_i s_i' ({@code clusters == null}) or sum_g (sum_{i in g} s_i)(sum_{i in g} s_i)'. */
    static Matrix outer(Matrix scores, int[] clusters) {
        if (clusters == null) return scores.crossprod();
        int g = count(clusters);
        Matrix sums = new Matrix(g, scores.cols());
        for (int j = 0; j < scores.cols(); j++) {
            for (int i = 0; i < scores.rows(); i++) {
                sums.set(clusters[i], j, sums.get(clusters[i], j) + scores.get(i, j));
            }
        }
        return sums.crossprod();
    }

    /** Number of clusters; codes must be 0..G-1. */
    static int count(int[] clusters) {
        int max = -1;
        for (int c : clusters) {
            if (c < 0) throw new IllegalArgumentException("cluster codes must be non-negative");
            max = Math.max(max, c);
        }
        return max + 1;
    }
}
