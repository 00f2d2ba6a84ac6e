package org.airesilience.econometrics.effects;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.LeastSquares;
import org.airesilience.econometrics.model.Variance;
import org.airesilience.econometrics.model.VcovSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * One-way (unit) random effects by feasible GLS with Swamy-Arora variance components, as R plm
 * {@code model = "random"} (and Stata {@code xtreg, re} on balanced panels).
 *
 * <p>Variance components: sigma2_e = RSS_within / (N - n - K_w) from the within regression; the between
 * regression of unit means on unit means (each unit weighted by its T_i) gives q_b = sum_i T_i e_i^2, and
 * sigma2_u = (q_b - (n - K - 1) sigma2_e) / (N - tr[(sum T_i zbar zbar')^-1 sum T_i^2 zbar zbar']), which for a
 * balanced panel is (T RSS_between / (n - K - 1) - sigma2_e) / T (negative estimates are set to 0). The model is then
 * OLS on y_it - theta_i ybar_i with theta_i = 1 - sqrt(sigma2_e / (sigma2_e + T_i sigma2_u)).
 */
public final class RandomEffects {
    private RandomEffects() {
    }

    /** The fitted model and what the Hausman test needs. */
    public record Fit(List<String> names, double[] beta, Matrix vcovConventional, EstimationResult result) {
    }

    public static EstimationResult fit(ModelFrame frame, VcovSpec vcov) {
        return estimate(frame, vcov).result();
    }

    public static Fit estimate(ModelFrame frame, VcovSpec vcov) {
        if (frame.unit() == null) throw new IllegalArgumentException("random effects need the panel keys (--panel ID,TIME)");
        if (frame.fixedEffects().length > 0) throw new IllegalArgumentException("random effects take no fixed-effect part in the formula");
        if (!frame.hasIntercept()) throw new IllegalArgumentException("random effects need an intercept in the formula");
        int n = frame.nobs();
        int[] unit = frame.unit();
        FixedEffects byUnit = FixedEffects.of(new int[][]{unit});
        int groups = byUnit.levels(0);
        double[] ti = new double[groups];
        for (int u : unit) ti[u]++;
        double[] y = frame.y();
        Matrix z = frame.x();
        int k = z.cols() - 1; // slopes

        // within regression (intercept dropped: it is absorbed)
        int[] slopes = new int[k];
        for (int j = 0; j < k; j++) slopes[j] = j + 1;
        Matrix zs = z.selectColumns(slopes);
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) scale[j] = centredSS(zs.column(j));
        LeastSquares.Solution within = LeastSquares.solve(byUnit.demean(zs), byUnit.demean(y), scale);
        double dfWithin = n - groups - within.kept().length;
        double sigma2e = within.rss() / dfWithin;

        // between regression on unit means, each row of the panel carrying its unit's means (weights T_i)
        double[] yMean = unitMeans(y, unit, ti);
        Matrix zMean = new Matrix(n, z.cols());
        for (int j = 0; j < z.cols(); j++) {
            double[] m = unitMeans(z.column(j), unit, ti);
            for (int i = 0; i < n; i++) zMean.set(i, j, m[i]);
        }
        LeastSquares.Solution between = LeastSquares.solve(zMean, yMean, null);
        if (between.kept().length >= groups) {
            throw new IllegalArgumentException("random effects: the between regression has " + between.kept().length
                    + " coefficients but only " + groups + " units");
        }
        Matrix zb = zMean.selectColumns(between.kept());
        // sum_i T_i zbar zbar' = zb'zb; sum_i T_i^2 zbar zbar' = zb' diag(T_i) zb
        Matrix weighted = new Matrix(n, zb.cols());
        for (int j = 0; j < zb.cols(); j++) {
            for (int i = 0; i < n; i++) weighted.set(i, j, zb.get(i, j) * ti[unit[i]]);
        }
        Matrix trMat = zb.crossprod().solveSpd(zb.tTimes(weighted));
        double trace = 0;
        for (int j = 0; j < trMat.rows(); j++) trace += trMat.get(j, j);
        double sigma2u = (between.rss() - (groups - between.kept().length) * sigma2e) / (n - trace);
        if (sigma2u < 0) sigma2u = 0;

        double[] theta = new double[groups];
        for (int g = 0; g < groups; g++) theta[g] = 1 - Math.sqrt(sigma2e / (sigma2e + ti[g] * sigma2u));
        double[] yStar = new double[n];
        Matrix zStar = new Matrix(n, z.cols());
        for (int i = 0; i < n; i++) {
            double th = theta[unit[i]];
            yStar[i] = y[i] - th * yMean[i];
            for (int j = 0; j < z.cols(); j++) zStar.set(i, j, z.get(i, j) - th * zMean.get(i, j));
        }
        LeastSquares.Solution gls = LeastSquares.solve(zStar, yStar, null);
        List<String> names = new ArrayList<>();
        for (int j : gls.kept()) names.add(frame.xNames().get(j));
        List<String> omitted = new ArrayList<>(frame.xNames());
        omitted.removeAll(names);
        int kept = gls.kept().length;
        int dfResid = n - kept;
        Variance var = Variance.compute(vcov, frame, gls, dfResid, n, kept, null, 1).asymptotic();
        Matrix vConventional = gls.xtxInverse().scale(gls.rss() / dfResid);

        double tssStar = centredSS(yStar);
        double r2 = 1 - gls.rss() / tssStar;
        double meanTheta = 0;
        for (int i = 0; i < n; i++) meanTheta += theta[unit[i]] / n;
        EstimationResult.Builder b = EstimationResult.builder("re").nobs(n).ngroups(groups)
                .coefficients(Variance.coefficients(names, gls.beta(), var.matrix(), var.tDf()))
                .fit("r2", r2)
                .fit("adj_r2", 1 - (1 - r2) * (n - 1) / dfResid)
                .fit("r2_within", Double.NaN)
                .fit("rss", gls.rss())
                .fit("sigma", Math.sqrt(gls.rss() / dfResid))
                .fit("df_resid", dfResid)
                .fit("sigma2_idiosyncratic", sigma2e)
                .fit("sigma2_individual", sigma2u)
                .fit("theta", meanTheta);
        b.convention("variance", var.description());
        b.convention("small_sample", var.smallSample());
        b.convention("p_values", var.pValues());
        b.convention("random_effects", "Swamy-Arora variance components as R plm model = \"random\" (unbalanced: "
                + "Baltagi-Chang trace correction); theta reported as its mean over observations");
        b.convention("r2", "r2 = 1 - RSS/TSS of the quasi-demeaned regression (plm); adj_r2 = 1 - (1 - r2)(N - 1)/df_resid");
        b.convention("collinearity", omitted.isEmpty() ? "none omitted"
                : "omitted because of collinearity: " + String.join(", ", omitted));
        b.extra("formula", frame.formula().text());
        b.extra("omitted", omitted);
        b.extra("dropped_rows", frame.dropped());
        return new Fit(names, gls.beta(), vConventional, b.build());
    }

    private static double[] unitMeans(double[] v, int[] unit, double[] ti) {
        double[] sums = new double[ti.length];
        for (int i = 0; i < v.length; i++) sums[unit[i]] += v[i];
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = sums[unit[i]] / ti[unit[i]];
        return out;
    }

    private static double centredSS(double[] v) {
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return ss;
    }
}
