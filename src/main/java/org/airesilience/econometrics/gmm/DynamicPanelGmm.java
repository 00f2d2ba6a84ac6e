package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.linalg.Matrix;

/**
 * Arellano-Bond difference GMM and Blundell-Bond system GMM, one- and two-step, computed as R's plm::pgmm does
 * (Roodman 2009 notation): with Z_i, X_i, y_i the instrument block, regressors and response of unit i and H the
 * one-step weighting structure,
 * <pre>
 *   A1 = n (sum Z_i'H Z_i)^-1,  B1 = (X'Z A1 Z'X)^-1,  b1 = B1 X'Z A1 Z'y
 *   A2 = (sum Z_i'e1_i e1_i'Z_i)^-1,  B2 = (X'Z A2 Z'X)^-1,  b2 = B2 X'Z A2 Z'y
 * </pre>
 * Robust variances: one-step B1 X'Z A1 A2^-1 A1 Z'X B1 (Arellano-Bond); two-step Windmeijer (2005). Singular A1
 * or A2^-1 (smallest eigenvalue below 1e-9, as pgmm) are inverted by Moore-Penrose.
 */
public final class DynamicPanelGmm {
    private static final double SINGULAR = 1e-9;

    private DynamicPanelGmm() {
    }

    public static GmmResult fit(Table data, GmmSpec spec) {
        UnitDesign d = UnitDesign.build(data, spec);
        int n = d.units();
        int k = d.coefficientNames.size();
        int l = d.instrumentNames.size();
        if (l < k) {
            throw new IllegalArgumentException("under-identified: " + l + " instruments for " + k + " coefficients");
        }
        Matrix h = d.firstStepH();
        Matrix zhz = new Matrix(l, l);
        Matrix zx = new Matrix(l, k);
        double[] zy = new double[l];
        for (int i = 0; i < n; i++) {
            d.z[i].addQuadratic(h, zhz);
            d.z[i].addTTimes(d.x[i], zx);
            addInPlace(zy, d.z[i].tTimes(d.y[i]));
        }
        Matrix a1 = inverse(zhz).scale(n);
        Matrix b1 = inverseSym(zx.tTimes(a1.times(zx)));
        double[] beta1 = b1.times(zx.tTimes(a1.times(zy)));
        double[][] e1 = residuals(d, beta1);
        double[][] ze1 = new double[n][];
        Matrix s1 = new Matrix(l, l); // sum Z_i'e1_i e1_i'Z_i
        for (int i = 0; i < n; i++) {
            ze1[i] = d.z[i].tTimes(e1[i]);
            addOuter(s1, ze1[i], ze1[i], 1.0);
        }
        Matrix a2 = inverse(s1);
        Matrix v1Robust = sandwich(b1, zx, a1, s1);

        double[] beta = beta1;
        double[][] e = e1;
        Matrix bFinal = b1;
        Matrix aFinal = a1;
        Matrix vPlain;
        Matrix vRobust;
        if (spec.twoStep()) {
            Matrix b2 = inverseSym(zx.tTimes(a2.times(zx)));
            beta = b2.times(zx.tTimes(a2.times(zy)));
            e = residuals(d, beta);
            bFinal = b2;
            aFinal = a2;
            vPlain = b2;
            vRobust = windmeijer(d, b2, zx, a2, e1, ze1, e, v1Robust);
        } else {
            vPlain = b1;
            vRobust = v1Robust;
        }
        double sigma2 = oneStepSigma2(d, e1, k);
        if (!spec.twoStep() && spec.convention() == GmmConvention.XTABOND2) {
            vPlain = b1.scale(sigma2 * n);
        }

        double[] ze = new double[l];
        for (int i = 0; i < n; i++) addInPlace(ze, d.z[i].tTimes(e[i]));
        double hansen = quadratic(ze, a2);
        double pgmmOneStepWeights = quadratic(ze, a1);
        double[] z1 = new double[l];
        for (int i = 0; i < n; i++) addInPlace(z1, ze1[i]);
        double sargan = quadratic(z1, a1) / n / sigma2;
        GmmResult.ArTests arPlain = arTests(d, e, bFinal, aFinal, zx, vPlain);
        GmmResult.ArTests arRobust = arTests(d, e, bFinal, aFinal, zx, vRobust);
        return new GmmResult(spec, d, beta, spec.twoStep() ? beta1 : null, vPlain, vRobust, hansen, sargan,
                pgmmOneStepWeights, l - k,
                arPlain, arRobust, sigma2, e);
    }

    /** sigma^2 of the one-step residuals: differenced residuals / 2 (difference GMM) or level residuals (system). */
    private static double oneStepSigma2(UnitDesign d, double[][] e1, int k) {
        boolean levels = d.levelRows > 0;
        int from = levels ? d.diffRows : 0;
        int to = levels ? d.rows() : d.diffRows;
        double ss = 0;
        int count = 0;
        for (int i = 0; i < d.units(); i++) {
            for (int r = from; r < to; r++) {
                if (!d.used[i][r]) continue;
                ss += e1[i][r] * e1[i][r];
                count++;
            }
        }
        return levels ? ss / (count - k) : ss / (2.0 * (count - k));
    }

    private static double[][] residuals(UnitDesign d, double[] beta) {
        double[][] e = new double[d.units()][];
        for (int i = 0; i < d.units(); i++) {
            double[] fitted = d.x[i].times(beta);
            double[] ei = new double[fitted.length];
            for (int r = 0; r < ei.length; r++) ei[r] = d.y[i][r] - fitted[r];
            e[i] = ei;
        }
        return e;
    }

    /** B X'Z A S A Z'X B. */
    private static Matrix sandwich(Matrix b, Matrix zx, Matrix a, Matrix s) {
        Matrix m = a.times(zx); // L x K
        Matrix meat = m.tTimes(s.times(m));
        return symmetric(b.times(meat).times(b));
    }

    /**
     * Windmeijer (2005) corrected two-step variance: V = B2 + D B2 + (D B2)' + D V1 D', column k of D being
     * -B2 X'Z A2 (dOmega/db_k) A2 Z'e2 with dOmega/db_k = -sum Z_i'(x_ik e1_i' + e1_i x_ik')Z_i.
     */
    private static Matrix windmeijer(UnitDesign d, Matrix b2, Matrix zx, Matrix a2, double[][] e1, double[][] ze1,
                                     double[][] e2, Matrix v1Robust) {
        int n = d.units();
        int k = zx.cols();
        int l = zx.rows();
        double[] ze2 = new double[l];
        for (int i = 0; i < n; i++) addInPlace(ze2, d.z[i].tTimes(e2[i]));
        double[] g = a2.times(ze2);
        Matrix dOmegaG = new Matrix(l, k); // column k: (dOmega/db_k) g
        for (int i = 0; i < n; i++) {
            Matrix zxi = new Matrix(l, k);
            d.z[i].addTTimes(d.x[i], zxi);
            double eg = dot(ze1[i], g);
            double[] xg = zxi.tTimes(g);
            for (int c = 0; c < k; c++) {
                for (int r = 0; r < l; r++) {
                    dOmegaG.set(r, c, dOmegaG.get(r, c) - zxi.get(r, c) * eg - ze1[i][r] * xg[c]);
                }
            }
        }
        Matrix dm = b2.times(zx.tTimes(a2.times(dOmegaG))).scale(-1.0);
        Matrix db2 = dm.times(b2);
        Matrix v = b2.plus(db2).plus(db2.transpose()).plus(dm.times(v1Robust).timesT(dm));
        return symmetric(v);
    }

    /**
     * Arellano-Bond m-statistics of order 1 and 2 on the residuals of the differenced equation (pgmm's mtest):
     * m = sum e'w / sqrt(sum (e'w)^2 - 2 w'X B X'Z A sum Z'e e'w + w'X V X'w), w the residuals lagged.
     */
    private static GmmResult.ArTests arTests(UnitDesign d, double[][] e, Matrix b, Matrix a, Matrix zx, Matrix v) {
        double[] stats = new double[2];
        for (int order = 1; order <= 2; order++) {
            if (order >= d.diffRows) {
                stats[order - 1] = Double.NaN;
                continue;
            }
            int k = zx.cols();
            int l = zx.rows();
            double num = 0;
            double eve = 0;
            double[] ex = new double[k];
            double[] zve = new double[l];
            for (int i = 0; i < d.units(); i++) {
                double[] r = new double[d.rows()];
                double[] rl = new double[d.rows()];
                System.arraycopy(e[i], 0, r, 0, d.diffRows);
                System.arraycopy(e[i], 0, rl, order, d.diffRows - order);
                double s = dot(r, rl);
                num += s;
                eve += s * s;
                addInPlace(ex, d.x[i].tTimes(rl));
                double[] zr = d.z[i].tTimes(r);
                for (int j = 0; j < l; j++) zve[j] += zr[j] * s;
            }
            double cross = dot(ex, b.times(zx.tTimes(a.times(zve))));
            double denom = eve - 2 * cross + dot(ex, v.times(ex));
            stats[order - 1] = num / Math.sqrt(denom);
        }
        return new GmmResult.ArTests(stats[0], stats[1]);
    }

    /** Inverse of a symmetric positive semi-definite matrix; Moore-Penrose (as MASS::ginv) when nearly singular. */
    static Matrix inverse(Matrix m) {
        double[] ev = m.symmetricEigen().values();
        if (ev.length == 0) return m.copy();
        if (ev[0] < SINGULAR) return m.pinvSymmetric(Math.sqrt(Math.ulp(1.0)));
        return inverseSym(m);
    }

    private static Matrix inverseSym(Matrix m) {
        return symmetric(m.inverseSpd());
    }

    private static Matrix symmetric(Matrix m) {
        Matrix s = m.copy();
        for (int i = 0; i < s.rows(); i++) {
            for (int j = i + 1; j < s.cols(); j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        return s;
    }

    private static double quadratic(double[] v, Matrix a) {
        return dot(v, a.times(v));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void addInPlace(double[] acc, double[] v) {
        for (int i = 0; i < acc.length; i++) acc[i] += v[i];
    }

    private static void addOuter(Matrix acc, double[] u, double[] w, double scale) {
        int rows = acc.rows();
        double[] a = acc.data();
        for (int j = 0; j < w.length; j++) {
            double wj = w[j] * scale;
            if (wj == 0) continue;
            for (int i = 0; i < u.length; i++) a[j * rows + i] += u[i] * wj;
        }
    }
}
