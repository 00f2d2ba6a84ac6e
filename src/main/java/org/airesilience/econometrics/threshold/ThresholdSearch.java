package org.airesilience.econometrics.threshold;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The concentrated sum of squared residuals S(gamma) for every candidate threshold in one sweep over the q-sorted
 * observations, never refitting a regression per candidate.
 *
 * <p>With the thresholds already fixed, the base design B holds the transformed regime-independent regressors and
 * the transformed pieces W(r 1{regime}) of every current regime; e = M_B y. A new threshold gamma inside regime
 * (a, b] adds w = W(r 1{a &lt; q &lt;= gamma}) (p columns, p = number of regime-dependent regressors), and by
 * partitioned regression
 * <pre>  S(gamma) = e'e - (w'e)' (w'w - (Q'w)'(Q'w))^-1 (w'e),   Q = orthonormal basis of B.</pre>
 * Every term is a running sum as gamma passes each observation: w'e = sum r_o v_o and Q'w = sum r_o h_o, with
 * v = W'e and h = W'Q (adjoints of the transformation applied to the residual and the basis), and w'w = sum r r'
 * plus per-unit corrections from each unit's running sum of r (and, for Hansen's drop-last transformation, its
 * last-period value), updated in O(p^2) when an observation of that unit enters the regime. A whole search costs
 * O(N p k) after one O(N k^2) orthonormalisation of B.
 */
final class ThresholdSearch implements Serializable {
    private static final long serialVersionUID = 1L;

    final ThresholdPanel panel;
    final CandidateSet candidates;

    ThresholdSearch(ThresholdPanel panel, CandidateSet candidates) {
        this.panel = panel;
        this.candidates = candidates;
    }

    /** The base design for fixed thresholds (candidate indices, ascending): orthonormal basis and its adjoint rows. */
    final class Base {
        final int[] fixed;
        final int[] bounds;
        final int kb;
        /** Orthonormal basis columns in the transformed space. */
        final double[][] qCols;
        /** Adjoint rows h_o = (W'Q)_o, row-major in q-sorted order (the sweep reads them sequentially). */
        final double[] h;

        Base(int[] fixed) {
            this.fixed = fixed.clone();
            this.bounds = bounds(fixed);
            int p = panel.r.length;
            int kx = panel.xT.length;
            int segs = bounds.length - 1;
            kb = kx + p * segs;
            double[][] cols = new double[kb][];
            for (int j = 0; j < kx; j++) cols[j] = panel.xT[j].clone();
            for (int j = 0; j < p; j++) {
                for (int s = 0; s < segs; s++) cols[kx + j * segs + s] = panel.regimeColumn(j, bounds[s], bounds[s + 1]);
            }
            qCols = orthonormalise(cols);
            h = new double[panel.nobs * kb];
            for (int c = 0; c < kb; c++) {
                double[] a = panel.adjoint(qCols[c]);
                for (int pos = 0; pos < panel.nobs; pos++) h[pos * kb + c] = a[panel.sorted[pos]];
            }
        }

        /** Residuals of y on the base design: the residual vector, its sum of squares and its adjoint. */
        Fit fit(double[] y) {
            double[] e = y.clone();
            for (double[] qc : qCols) {
                double d = dot(qc, e);
                for (int i = 0; i < e.length; i++) e[i] -= d * qc[i];
            }
            return new Fit(e, dot(e, e), panel.adjoint(e));
        }

        /** S(gamma) of each admissible candidate (indices into the candidate set, ascending), NaN when degenerate. */
        double[] sweep(Fit fit, int[] cand) {
            int p = panel.r.length;
            int n = panel.units;
            double[] ssr = new double[cand.length];
            Arrays.fill(ssr, Double.NaN);
            double[] a = new double[p];
            double[] cm = new double[p * kb];
            double[] g = new double[p * p];
            double[] sum = new double[n * p];
            double[] last = new double[n * p];
            int[] touched = new int[n];
            boolean[] isTouched = new boolean[n];
            double[] rho = new double[p];
            double[] m = new double[p * p];
            double[] z = new double[p];
            double[] v = new double[panel.nobs];
            for (int pos = 0; pos < v.length; pos++) v[pos] = fit.adjoint[panel.sorted[pos]];
            int ci = 0;
            for (int s = 0; s + 1 < bounds.length && ci < cand.length; s++) {
                Arrays.fill(a, 0);
                Arrays.fill(cm, 0);
                Arrays.fill(g, 0);
                int nt = 0;
                for (int pos = bounds[s]; pos < bounds[s + 1] && ci < cand.length; pos++) {
                    int i = panel.unitSorted[pos];
                    if (!isTouched[i]) {
                        isTouched[i] = true;
                        touched[nt++] = i;
                    }
                    int len = panel.lengthSorted[pos];
                    unitCorrection(g, sum, last, i, p, len, -1);
                    for (int j = 0; j < p; j++) rho[j] = panel.rSorted[j][pos];
                    boolean lastPeriod = panel.dropLast && panel.lastSorted[pos];
                    int base = pos * kb;
                    for (int j = 0; j < p; j++) {
                        double rj = rho[j];
                        a[j] += rj * v[pos];
                        int row = j * kb;
                        for (int c = 0; c < kb; c++) cm[row + c] += rj * h[base + c];
                        for (int k = 0; k < p; k++) g[j * p + k] += rj * rho[k];
                        sum[i * p + j] += rj;
                        if (lastPeriod) last[i * p + j] = rj;
                    }
                    unitCorrection(g, sum, last, i, p, len, +1);
                    int cut = pos + 1;
                    while (ci < cand.length && candidates.cuts[cand[ci]] < cut) ci++;
                    if (ci < cand.length && candidates.cuts[cand[ci]] == cut) {
                        ssr[ci] = evaluate(fit.ssr, a, cm, g, m, z, p);
                        ci++;
                    }
                }
                for (int t = 0; t < nt; t++) {
                    int i = touched[t];
                    isTouched[i] = false;
                    Arrays.fill(sum, i * p, i * p + p, 0);
                    Arrays.fill(last, i * p, i * p + p, 0);
                }
            }
            return ssr;
        }

        private double evaluate(double ee, double[] a, double[] cm, double[] g, double[] m, double[] z, int p) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k <= j; k++) {
                    double d = g[j * p + k];
                    for (int c = 0; c < kb; c++) d -= cm[j * kb + c] * cm[k * kb + c];
                    m[j * p + k] = d;
                    m[k * p + j] = d;
                }
            }
            // Cholesky solve of the p x p system m z = a.
            for (int j = 0; j < p; j++) {
                double d = m[j * p + j];
                for (int k = 0; k < j; k++) d -= m[j * p + k] * m[j * p + k];
                if (!(d > 1e-12 * Math.max(1e-300, g[j * p + j]))) return Double.NaN;
                double l = Math.sqrt(d);
                m[j * p + j] = l;
                for (int i = j + 1; i < p; i++) {
                    double x = m[i * p + j];
                    for (int k = 0; k < j; k++) x -= m[i * p + k] * m[j * p + k];
                    m[i * p + j] = x / l;
                }
            }
            double quad = 0;
            for (int j = 0; j < p; j++) {
                double x = a[j];
                for (int k = 0; k < j; k++) x -= m[j * p + k] * z[k];
                z[j] = x / m[j * p + j];
                quad += z[j] * z[j];
            }
            return ee - quad;
        }

        /** Adds (sign +1) or removes (-1) unit i's correction to w'w given its running sums. */
        private void unitCorrection(double[] g, double[] sum, double[] last, int i, int p, int len, int sign) {
            for (int j = 0; j < p; j++) {
                double sj = sum[i * p + j];
                for (int k = 0; k < p; k++) {
                    double sk = sum[i * p + k];
                    double c = -sj * sk / len;
                    if (panel.dropLast) {
                        c -= (last[i * p + j] - sj / len) * (last[i * p + k] - sk / len);
                    }
                    g[j * p + k] += sign * c;
                }
            }
        }
    }

    record Fit(double[] residuals, double ssr, double[] adjoint) {
    }

    /** Segment boundaries in sorted positions: 0, the fixed cuts, N. */
    int[] bounds(int[] fixed) {
        int[] b = new int[fixed.length + 2];
        for (int k = 0; k < fixed.length; k++) b[k + 1] = candidates.cuts[fixed[k]];
        b[fixed.length + 1] = panel.nobs;
        Arrays.sort(b, 1, fixed.length + 1);
        return b;
    }

    /** Modified Gram-Schmidt, applied twice for orthogonality to working precision. */
    static double[][] orthonormalise(double[][] cols) {
        double[][] q = new double[cols.length][];
        for (int c = 0; c < cols.length; c++) {
            double[] v = cols[c];
            double norm0 = Math.sqrt(dot(v, v));
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < c; k++) {
                    double d = dot(q[k], v);
                    double[] qk = q[k];
                    for (int i = 0; i < v.length; i++) v[i] -= d * qk[i];
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (!(norm > 1e-9 * norm0)) {
                throw new IllegalArgumentException("the threshold model's regressors are collinear after the"
                        + " fixed-effect transformation (column " + (c + 1) + ")");
            }
            for (int i = 0; i < v.length; i++) v[i] /= norm;
            q[c] = v;
        }
        return q;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
