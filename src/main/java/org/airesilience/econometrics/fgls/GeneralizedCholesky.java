package org.airesilience.econometrics.fgls;

import org.airesilience.econometrics.linalg.Matrix;

/**
 * LDL' factorization that sets pivots smaller than tol * max|diagonal| to zero (the generalized Cholesky of R's
 * bdsmatrix, which plm's pggls solves with), so singular or slightly indefinite covariance blocks still yield a
 * generalized inverse.
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
        for (int i = n - 1; i >= 0; i--) {
            if (l[i][i] == 0) {
                y[i] = 0;
                continue;
            }
            double t = y[i] / l[i][i];
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
