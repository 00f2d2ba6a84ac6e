package org.airesilience.econometrics.fgls;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.effects.FixedEffects;
import org.airesilience.econometrics.model.Distributions;

import java.util.ArrayList;
import java.util.List;

/**
 * Feasible GLS for panels, two variants:
 * <ul>
 * <li>{@code xtgls}: Stata's {@code xtgls, panels(heteroskedastic) corr(ar1)} (two-step): OLS residuals give
 * panel-wise AR(1) coefficients rho_i = sum e_t e_{t-1} / sum e_{t-1}^2 (rhotype(regress)), averaged into one common
 * rho; every panel is Prais-Winsten transformed (first observation times sqrt(1 - rho^2)); OLS on the transformed data
 * gives residuals whose panel mean squares (divisor T_i) are the panel variances sigma_i^2; GLS weights by 1/sigma_i.
 * Variance (X*' Omega^-1 X*)^-1 without further scaling, z tests (Stata's defaults, no nmk).</li>
 * <li>{@code pggls}: R plm's general FGLS: first-step OLS (pooled, or within when fixed effects are absorbed),
 * unrestricted T x T error covariance = mean over units of u_i u_i' (for unbalanced panels each cell averages the units
 * observed at both dates), GLS with that covariance block-diagonal over units, solved by a generalized Cholesky factorization that
 * zeroes pivots below 1e-10 times the largest variance (R bdsmatrix, as plm does; needed because the within residuals
 * make the covariance singular and pairwise averages in unbalanced panels need not be positive definite). Variance (sum X_i' Omega_i^- X_i)^-1, z tests;
 * R^2 as plm prints it: 1 - RSS / TSS of the untransformed response.</li>
 * </ul>
 */
public final class PanelFgls {
    /** Relative pivot tolerance of the generalized Cholesky (bdsmatrix's default). */
    private static final double GENERALIZED_INVERSE_TOL = 1e-10;
    private PanelFgls() {
    }

    /**
     * FGLS of a model frame with panel keys: {@code variant} "xtgls" (no fixed-effect part allowed) or "pggls"
     * (pooling; "within" when the formula absorbs exactly the panel unit, {@code y ~ x | id}).
     */
    public static EstimationResult fit(ModelFrame frame, String variant) {
        if (frame.formula().hasIv()) throw new IllegalArgumentException("FGLS does not take an IV part in the formula");
        if (frame.panel() == null || frame.unit() == null) {
            throw new IllegalArgumentException("--estimator fgls needs --panel ID,TIME");
        }
        List<String> fe = frame.fixedEffectNames();
        boolean within = !fe.isEmpty();
        if (within && !(variant.equals("pggls") && fe.equals(List.of(frame.panel().id())))) {
            throw new IllegalArgumentException("FGLS " + variant + " takes no fixed-effect part other than the panel unit "
                    + "with pggls (y ~ x | " + frame.panel().id() + " gives plm's within model); got | " + String.join(" + ", fe));
        }
        int[] time = periods(frame);
        return switch (variant) {
            case "xtgls" -> xtgls(frame.y(), frame.x(), frame.xNames(), frame.unit(), time);
            case "pggls" -> pggls(frame.y(), frame.x(), frame.xNames(), frame.unit(), time, within);
            default -> throw new IllegalArgumentException("unknown FGLS variant '" + variant + "'; use xtgls or pggls");
        };
    }

    /** Integer time values when the time column holds integers (so gaps are seen), else the period codes. */
    private static int[] periods(ModelFrame frame) {
        String var = frame.panel().time();
        if (frame.table().isNumeric(var)) {
            double[] t = frame.table().numeric(var);
            int[] rows = frame.rows();
            int[] out = new int[rows.length];
            boolean integral = true;
            for (int i = 0; i < rows.length && integral; i++) {
                double v = t[rows[i]];
                integral = v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE;
                out[i] = (int) v;
            }
            if (integral) return out;
        }
        return frame.time();
    }

    /** Stata xtgls panels(hetero) corr(ar1). Units and times are integer codes; times must be consecutive within units. */
    public static EstimationResult xtgls(double[] y, Matrix x, List<String> names, int[] unit, int[] time) {
        PanelOrder p = PanelOrder.of(unit, time);
        p.requireConsecutive();
        double[] ys = p.rows(y);
        Matrix xs = x.selectRows(p.order());
        int n = ys.length;
        int k = xs.cols();
        double[] e = residuals(ys, xs, ols(ys, xs));

        double rhoSum = 0;
        int rhoPanels = 0;
        for (int g = 0; g < p.units(); g++) {
            double num = 0;
            double den = 0;
            for (int i = p.start(g) + 1; i < p.end(g); i++) {
                num += e[i] * e[i - 1];
                den += e[i - 1] * e[i - 1];
            }
            if (p.end(g) - p.start(g) >= 2 && den > 0) {
                rhoSum += num / den;
                rhoPanels++;
            }
        }
        if (rhoPanels == 0) throw new IllegalArgumentException("xtgls corr(ar1) needs panels with at least two consecutive periods");
        double rho = rhoSum / rhoPanels;
        if (Math.abs(rho) >= 1) throw new IllegalArgumentException("estimated AR(1) coefficient " + rho + " is outside (-1, 1)");

        double[] yt = praisWinsten(ys, p, rho);
        Matrix xt = new Matrix(n, k);
        for (int j = 0; j < k; j++) System.arraycopy(praisWinsten(xs.column(j), p, rho), 0, xt.data(), j * n, n);
        double[] et = residuals(yt, xt, ols(yt, xt));
        double[] sigma2 = new double[p.units()];
        double[] w = new double[n];
        for (int g = 0; g < p.units(); g++) {
            double s = 0;
            for (int i = p.start(g); i < p.end(g); i++) s += et[i] * et[i];
            sigma2[g] = s / (p.end(g) - p.start(g));
            if (!(sigma2[g] > 0)) throw new IllegalArgumentException("panel " + g + " has zero residual variance");
            for (int i = p.start(g); i < p.end(g); i++) w[i] = 1 / Math.sqrt(sigma2[g]);
        }
        for (int i = 0; i < n; i++) yt[i] *= w[i];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) xt.data()[j * n + i] *= w[i];
        }
        Matrix a = xt.crossprod();
        double[] b = a.solveSpd(xt.tTimes(yt));
        Matrix v = a.inverseSpd();

        EstimationResult.Builder out = EstimationResult.builder("fgls_xtgls").nobs(n).ngroups(p.units())
                .coefficients(coefficients(names, b, v));
        fitOnOriginalScale(out, ys, xs, b, k, true);
        out.convention("estimator", "Stata xtgls, panels(heteroskedastic) corr(ar1), two-step");
        out.convention("rho", "common AR(1) coefficient = mean over panels of rho_i = sum_t e_it e_i,t-1 / "
                + "sum_t e_i,t-1^2 from OLS residuals (rhotype(regress)); Prais-Winsten transform, first observation "
                + "scaled by sqrt(1 - rho^2)");
        out.convention("panel_variances", "sigma_i^2 = e*_i'e*_i / T_i from OLS residuals of the transformed model");
        out.convention("variance", "(X*' Sigma^-1 X*)^-1, no small-sample scaling; z statistics, normal p-values");
        out.extra("rho", rho);
        out.extra("panel_variances", toList(sigma2));
        return out.build();
    }

    /** plm pggls, model "pooling" ({@code within = false}, x with intercept) or "within" (x without intercept). */
    public static EstimationResult pggls(double[] y, Matrix x, List<String> names, int[] unit, int[] time, boolean within) {
        PanelOrder p = PanelOrder.of(unit, time);
        double[] yRaw = p.rows(y);
        double[] ys = yRaw;
        Matrix xs = x.selectRows(p.order());
        if (within) {
            FixedEffects fe = FixedEffects.of(new int[][]{p.unitIndex()});
            ys = fe.demean(ys);
            xs = fe.demean(xs);
        }
        int n = ys.length;
        int k = xs.cols();
        double[] u = residuals(ys, xs, ols(ys, xs));

        int periods = p.periods();
        double[][] sum = new double[periods][periods];
        int[][] count = new int[periods][periods];
        int[] t = p.timeIndex();
        for (int g = 0; g < p.units(); g++) {
            for (int i = p.start(g); i < p.end(g); i++) {
                for (int j = p.start(g); j < p.end(g); j++) {
                    sum[t[i]][t[j]] += u[i] * u[j];
                    count[t[i]][t[j]]++;
                }
            }
        }
        Matrix omega = new Matrix(periods, periods);
        for (int r = 0; r < periods; r++) {
            for (int c = 0; c < periods; c++) omega.set(r, c, count[r][c] == 0 ? 0 : sum[r][c] / count[r][c]);
        }

        double eps = GENERALIZED_INVERSE_TOL * GeneralizedCholesky.maxDiagonal(omega);
        Matrix a = new Matrix(k, k);
        double[] c = new double[k];
        for (int g = 0; g < p.units(); g++) {
            int[] rows = range(p.start(g), p.end(g));
            int[] times = new int[rows.length];
            for (int i = 0; i < rows.length; i++) times[i] = t[rows[i]];
            Matrix block = omega.selectRows(times).selectColumns(times);
            GeneralizedCholesky inv = new GeneralizedCholesky(block, eps);
            Matrix xg = xs.selectRows(rows);
            double[] yg = new double[rows.length];
            for (int i = 0; i < rows.length; i++) yg[i] = ys[rows[i]];
            Matrix ix = inv.solve(xg);
            a = a.plus(xg.tTimes(ix));
            double[] iy = inv.solve(yg);
            double[] xiy = xg.tTimes(iy);
            for (int j = 0; j < k; j++) c[j] += xiy[j];
        }
        double[] b = a.solveSpd(c);
        Matrix v = a.inverseSpd();

        EstimationResult.Builder out = EstimationResult.builder(within ? "fgls_pggls_within" : "fgls_pggls_pooling")
                .nobs(n).ngroups(p.units()).coefficients(coefficients(names, b, v));
        double[] e = residuals(ys, xs, b);
        double rss = dot(e, e);
        double mean = 0;
        for (double yi : yRaw) mean += yi;
        mean /= n;
        double tss = 0;
        for (double yi : yRaw) tss += (yi - mean) * (yi - mean);
        out.fit("r2", 1 - rss / tss);
        out.fit("rss", rss);
        out.fit("df_resid", n - k);
        out.convention("estimator", "R plm pggls, effect \"individual\", model \"" + (within ? "within" : "pooling") + "\"");
        out.convention("omega", "unrestricted T x T covariance: mean over units of u_i u_i' from first-step "
                + (within ? "within" : "pooled OLS") + " residuals (unbalanced: mean over units observed at both dates)"
                + (within ? "; generalized inverse since the within residuals make it singular" : ""));
        out.convention("variance", "(sum_i X_i' Omega_i^-1 X_i)^-1; z statistics, normal p-values");
        out.convention("r2", "1 - RSS/TSS with TSS of the untransformed response (plm's summary)");
        return out.build();
    }

    private static List<Coefficient> coefficients(List<String> names, double[] b, Matrix v) {
        List<Coefficient> out = new ArrayList<>();
        for (int j = 0; j < b.length; j++) {
            double se = Math.sqrt(v.get(j, j));
            double z = b[j] / se;
            out.add(new Coefficient(names.get(j), b[j], se, z, Distributions.normalTwoSided(z)));
        }
        return out;
    }

    private static void fitOnOriginalScale(EstimationResult.Builder out, double[] y, Matrix x, double[] b, int k,
                                           boolean centered) {
        double[] e = residuals(y, x, b);
        double rss = dot(e, e);
        double mean = 0;
        if (centered) {
            for (double v : y) mean += v;
            mean /= y.length;
        }
        double tss = 0;
        for (double v : y) tss += (v - mean) * (v - mean);
        out.fit("r2", 1 - rss / tss);
        out.fit("rss", rss);
        out.fit("sigma", Math.sqrt(rss / (y.length - k)));
        out.fit("df_resid", y.length - k);
    }

    private static double[] praisWinsten(double[] v, PanelOrder p, double rho) {
        double[] out = new double[v.length];
        double first = Math.sqrt(1 - rho * rho);
        for (int g = 0; g < p.units(); g++) {
            out[p.start(g)] = first * v[p.start(g)];
            for (int i = p.start(g) + 1; i < p.end(g); i++) out[i] = v[i] - rho * v[i - 1];
        }
        return out;
    }

    static double[] ols(double[] y, Matrix x) {
        return x.crossprod().solveSpd(x.tTimes(y));
    }

    static double[] residuals(double[] y, Matrix x, double[] b) {
        double[] f = x.times(b);
        double[] e = new double[y.length];
        for (int i = 0; i < y.length; i++) e[i] = y[i] - f[i];
        return e;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    private static List<Double> toList(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) l.add(d);
        return l;
    }
}
