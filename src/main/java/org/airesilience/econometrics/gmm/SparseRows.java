package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.linalg.Matrix;

/**
 * A unit's instrument block Z_i stored by rows, non-zeros only: GMM-style instruments give each row a few
 * non-zero columns among many, so Z_i'v, Z_i'X_i and Z_i'H Z_i cost what the non-zeros cost.
 */
final class SparseRows {
    final int cols;
    private final int[][] index;
    private final double[][] value;

    private SparseRows(int cols, int[][] index, double[][] value) {
        this.cols = cols;
        this.index = index;
        this.value = value;
    }

    static SparseRows of(Matrix dense) {
        int rows = dense.rows();
        int[][] index = new int[rows][];
        double[][] value = new double[rows][];
        for (int r = 0; r < rows; r++) {
            int nz = 0;
            for (int c = 0; c < dense.cols(); c++) if (dense.get(r, c) != 0) nz++;
            index[r] = new int[nz];
            value[r] = new double[nz];
            for (int c = 0, j = 0; c < dense.cols(); c++) {
                double v = dense.get(r, c);
                if (v != 0) {
                    index[r][j] = c;
                    value[r][j++] = v;
                }
            }
        }
        return new SparseRows(dense.cols(), index, value);
    }

    int rows() {
        return index.length;
    }

    /** Z'v. */
    double[] tTimes(double[] v) {
        double[] out = new double[cols];
        for (int r = 0; r < index.length; r++) {
            double vr = v[r];
            if (vr == 0) continue;
            for (int j = 0; j < index[r].length; j++) out[index[r][j]] += value[r][j] * vr;
        }
        return out;
    }

    /** acc += Z'X (acc is cols x x.cols). */
    void addTTimes(Matrix x, Matrix acc) {
        double[] a = acc.data();
        for (int r = 0; r < index.length; r++) {
            for (int k = 0; k < x.cols(); k++) {
                double xv = x.get(r, k);
                if (xv == 0) continue;
                int off = k * cols;
                for (int j = 0; j < index[r].length; j++) a[off + index[r][j]] += value[r][j] * xv;
            }
        }
    }

    /** acc += Z'HZ for a small dense H (rows x rows). */
    void addQuadratic(Matrix h, Matrix acc) {
        double[] a = acc.data();
        for (int r = 0; r < index.length; r++) {
            for (int s = 0; s < index.length; s++) {
                double hv = h.get(r, s);
                if (hv == 0) continue;
                for (int p = 0; p < index[s].length; p++) {
                    double vs = hv * value[s][p];
                    int off = index[s][p] * cols;
                    for (int j = 0; j < index[r].length; j++) a[off + index[r][j]] += value[r][j] * vs;
                }
            }
        }
    }
}
