package org.airesilience.econometrics.fgls;

import org.airesilience.econometrics.linalg.Matrix;

/**
 * The generalized Cholesky of R's bdsmatrix, which plm's pggls solves with: LDL' that sets pivots with |pivot| &lt;
 * eps to zero (and their column of L), and a solve that uses only the positive pivots (x = L'^-1 D^- L^-1 b, D^- with
 * 1/d for d &gt; 0 and 0 otherwise). Singular blocks (within residuals) and indefinite ones (pairwise averages of an
 * unbalanced panel) still yield a generalized inverse, the same one as bdsmatrix 1.3.6.
 */
final class GeneralizedCholesky {
    private final int n;
    private final double[][] l; // unit lower triangular below the diagonal, D on the diagonal

    GeneralizedCholesky(Matrix a, double eps) {
        n = a.rows();
        l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) l[i][j] = a.get(i, j);
        }
        for (int i = 0; i < n; i++) {
            double pivot = l[i][i];
            if (!Double.isFinite(pivot) || Math.abs(pivot) < eps) {
                l[i][i] = 0;
                for (int j = i + 1; j < n; j++) l[j][i] = 0;
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                double t = l[j][i] / pivot;
                l[j][i] = t;
                l[j][j] -= t * t * pivot;
                for (int k = j + 1; k < n; k++) l[k][j] -= t * l[k][i];
            }
        }
    }

    /** Largest absolute diagonal element, the scale of the pivot tolerance. */
    static double maxDiagonal(Matrix a) {
        double m = 0;
        for (int i = 0; i < a.rows(); i++) m = Math.max(m, Math.abs(a.get(i, i)));
        return m;
    }

    double[] solve(double[] b) {
        double[] y = b.clone();
        for (int i = 0; i < n; i++) {
            double t = y[i];
            for (int j = 0; j < i; j++) t -= y[j] * l[i][j];
            y[i] = t;
        }
        // D^- keeps only the positive pivots (a negative one, from an indefinite block, counts as zero) as
        // bdsmatrix's solve does; the factor L itself is the exact one
        for (int i = n - 1; i >= 0; i--) {
            double t = l[i][i] > 0 ? y[i] / l[i][i] : 0;
            for (int j = i + 1; j < n; j++) t -= y[j] * l[j][i];
            y[i] = t;
        }
        return y;
    }

    Matrix solve(Matrix b) {
        Matrix out = new Matrix(b.rows(), b.cols());
        for (int j = 0; j < b.cols(); j++) System.arraycopy(solve(b.column(j)), 0, out.data(), j * b.rows(), b.rows());
        return out;
    }
}
