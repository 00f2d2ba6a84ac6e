package org.airesilience.econometrics.iv;

import org.airesilience.econometrics.linalg.Matrix;

/**
 * Kleibergen-Paap (2006) rk statistic for H0: rank(Pi) = K-1 in Y = Z Pi + V (Y: N x K endogenous regressors, Z: N x L
 * excluded instruments, both with the included exogenous regressors and fixed effects already partialled out), computed
 * as Stata's ranktest does: Theta = F' Pi G'^-1 with F, G the lower Cholesky factors of Z'Z and Y'Y, its singular value
 * decomposition, lambda_q = (B_q kron A_q') vec(Theta), and rk = lambda_q' Omega_q^-1 lambda_q with Omega_q the
 * robust (or cluster-robust) covariance of lambda_q. The singular values of Theta are the canonical correlations.
 */
final class RankTest {
    private final Matrix y;
    private final Matrix z;
    private final Matrix pi;
    private final Matrix theta;
    private final Matrix invYt; // (G')^-1
    private final Matrix invZt; // (F')^-1
    private final double[] squaredCanonical; // descending
    private final Matrix aq;
    private final Matrix bq;

    RankTest(Matrix y, Matrix z) {
        this.y = y;
        this.z = z;
        int k = y.cols();
        int l = z.cols();
        if (l < k) throw new IllegalArgumentException("rank test needs at least as many instruments as regressors");
        Matrix zz = z.crossprod();
        pi = zz.solveSpd(z.tTimes(y));
        Matrix fz = choleskyLower(zz);
        Matrix gy = choleskyLower(y.crossprod());
        invYt = gy.transpose().inverse();
        invZt = fz.transpose().inverse();
        theta = fz.transpose().times(pi).times(invYt);

        Matrix u = descendingVectors(theta.timesT(theta));
        Matrix.SymmetricEigen ev = theta.crossprod().symmetricEigen();
        Matrix v = descendingVectors(theta.crossprod());
        squaredCanonical = new double[k];
        for (int j = 0; j < k; j++) squaredCanonical[j] = Math.max(0.0, ev.values()[k - 1 - j]);

        int r = k - 1; // partition index: test of rank k-1
        Matrix u22 = block(u, r, l, r, l);
        Matrix v22 = block(v, r, k, r, k);
        Matrix u22h = sqrtSymmetric(u22.timesT(u22));
        Matrix v22h = sqrtSymmetric(v22.timesT(v22));
        Matrix uCol = block(u, 0, l, r, l);  // [u12; u22]
        Matrix vCol = block(v, 0, k, r, k);  // [v12; v22]
        aq = uCol.times(u22.inverse()).times(u22h);
        bq = v22h.times(v22.transpose().inverse()).times(vCol.transpose());
    }

    /** Squared canonical correlations between Y and Z, largest first. */
    double[] squaredCanonicalCorrelations() {
        return squaredCanonical.clone();
    }

    /** Residuals of the unrestricted regression Y - Z Pi (the errors of the Wald form). */
    Matrix residuals() {
        return y.minus(z.times(pi));
    }

    /** The partialled Y itself (the errors under H0: Pi = 0 that Stata's LM form uses). */
    Matrix regressand() {
        return y;
    }

    /** Degrees of freedom of the rank K-1 test: L - K + 1. */
    int df() {
        return z.cols() - y.cols() + 1;
    }

    /**
     * rk statistic with Omega from the given errors, heteroskedasticity-robust ({@code clusters == null}) or
     * cluster-robust, without small-sample factors (as ranktest with dofminus 0).
     */
    double robust(Matrix errors, int[] clusters) {
        Matrix lambda = lambda();
        Matrix a = z.times(invZt).times(aq);              // N x (L-K+1)
        Matrix b = errors.times(invYt).times(bq.transpose()); // N x 1
        int n = z.rows();
        int p = a.cols() * b.cols();
        Matrix g = new Matrix(n, p);
        for (int i = 0; i < n; i++) {
            for (int jb = 0; jb < b.cols(); jb++) {
                for (int ja = 0; ja < a.cols(); ja++) g.set(i, jb * a.cols() + ja, b.get(i, jb) * a.get(i, ja));
            }
        }
        Matrix omega = Scores.outer(g, clusters);
        return quadratic(lambda, omega);
    }

    /** rk statistic with Omega = I/N: the Anderson canonical-correlation LM statistic N * lambda_min. */
    double homoskedastic() {
        Matrix lambda = lambda();
        Matrix kr = kron(bq, aq.transpose());
        Matrix omega = kr.timesT(kr).scale(1.0 / z.rows());
        return quadratic(lambda, omega);
    }

    private Matrix lambda() {
        return Matrix.column(aq.transpose().times(theta).times(bq.transpose()).data());
    }

    /** lambda' Omega^-1 lambda, or NaN when Omega is singular (ranktest then reports the statistic unavailable). */
    private static double quadratic(Matrix lambda, Matrix omega) {
        double[] l = lambda.data();
        double[] s;
        try {
            s = omega.solveSpd(l.clone());
        } catch (org.airesilience.econometrics.linalg.SingularMatrixException e) {
            return Double.NaN;
        }
        double q = 0;
        for (int i = 0; i < l.length; i++) q += l[i] * s[i];
        return q;
    }

    /** Eigenvectors of a symmetric matrix as columns, ordered by descending eigenvalue. */
    private static Matrix descendingVectors(Matrix sym) {
        Matrix vec = sym.symmetricEigen().vectors();
        int n = vec.cols();
        int[] order = new int[n];
        for (int j = 0; j < n; j++) order[j] = n - 1 - j;
        return vec.selectColumns(order);
    }

    /** Rows [r0, r1) and columns [c0, c1). */
    private static Matrix block(Matrix m, int r0, int r1, int c0, int c1) {
        Matrix b = new Matrix(r1 - r0, c1 - c0);
        for (int j = c0; j < c1; j++) {
            for (int i = r0; i < r1; i++) b.set(i - r0, j - c0, m.get(i, j));
        }
        return b;
    }

    static Matrix choleskyLower(Matrix a) {
        int n = a.rows();
        Matrix l = new Matrix(n, n);
        for (int j = 0; j < n; j++) {
            double d = a.get(j, j);
            for (int k = 0; k < j; k++) d -= l.get(j, k) * l.get(j, k);
            if (!(d > 0)) throw new org.airesilience.econometrics.linalg.SingularMatrixException(
                    "matrix is not positive definite (collinear instruments or regressors)");
            double djj = Math.sqrt(d);
            l.set(j, j, djj);
            for (int i = j + 1; i < n; i++) {
                double s = a.get(i, j);
                for (int k = 0; k < j; k++) s -= l.get(i, k) * l.get(j, k);
                l.set(i, j, s / djj);
            }
        }
        return l;
    }

    private static Matrix sqrtSymmetric(Matrix sym) {
        Matrix.SymmetricEigen e = sym.symmetricEigen();
        int n = sym.rows();
        Matrix out = new Matrix(n, n);
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(0.0, e.values()[k]));
            for (int j = 0; j < n; j++) {
                double vj = e.vectors().get(j, k) * s;
                for (int i = 0; i < n; i++) out.set(i, j, out.get(i, j) + e.vectors().get(i, k) * vj);
            }
        }
        return out;
    }

    private static Matrix kron(Matrix a, Matrix b) {
        Matrix k = new Matrix(a.rows() * b.rows(), a.cols() * b.cols());
        for (int ia = 0; ia < a.rows(); ia++) {
            for (int ja = 0; ja < a.cols(); ja++) {
                double s = a.get(ia, ja);
                for (int ib = 0; ib < b.rows(); ib++) {
                    for (int jb = 0; jb < b.cols(); jb++) {
                        k.set(ia * b.rows() + ib, ja * b.cols() + jb, s * b.get(ib, jb));
                    }
                }
            }
        }
        return k;
    }
}
