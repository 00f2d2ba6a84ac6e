package org.airesilience.econometrics.effects;

import org.airesilience.econometrics.data.GroupCodes;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.LeastSquares;
import org.airesilience.econometrics.model.Variance;
import org.airesilience.econometrics.model.VcovSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Random effects by feasible GLS with Swamy-Arora variance components: OLS of the quasi-demeaned model.
 *
 * <p>One-way (unit) effects. sigma2_e = RSS_within / (N - n - K_w) from the within regression (K_w slopes). The
 * unit-effect variance sigma2_u comes from the between regression, in one of two conventions that coincide on
 * balanced panels:
 * <ul>
 *   <li>{@link Method#XTREG} (default), Stata {@code xtreg, re} as its Methods and Formulas give it: OLS of the n unit
 *   means (one row per unit, unweighted) with RSS_b and K_b coefficients; sigma2_u = RSS_b / (n - K_b) -
 *   sigma2_e / T-bar with T-bar = n / sum_i (1 / T_i), the harmonic mean of the T_i;</li>
 *   <li>{@link Method#PLM}, R plm {@code random.method = "swar"}: the between regression with each unit weighted by
 *   T_i gives q_b = sum_i T_i e_i^2 and sigma2_u = (q_b - (n - K_b) sigma2_e) / (N - tr[(sum T_i zbar zbar')^-1
 *   sum T_i^2 zbar zbar']) (Baltagi-Chang).</li>
 * </ul>
 * A negative sigma2_u is set to 0. The model is then OLS on y_it - theta_i ybar_i (all columns, the intercept
 * becoming 1 - theta_i) with theta_i = 1 - sqrt(sigma2_e / (sigma2_e + T_i sigma2_u)).
 *
 * <p>Two-way (unit and period) effects, balanced panels, R plm {@code effect = "twoways"} Swamy-Arora: sigma2_nu =
 * RSS_within2 / ((n - 1)(T - 1) - K_w) from the two-way within regression; sigma2_1 = T RSS_b / (n - K_b) from the
 * regression of unit means and sigma2_2 = n RSS_t / (T - K_t) from the regression of period means; sigma2_unit =
 * (sigma2_1 - sigma2_nu) / T and sigma2_time = (sigma2_2 - sigma2_nu) / n (negative set to 0). With sigma2_1 =
 * sigma2_nu + T sigma2_unit, sigma2_2 = sigma2_nu + n sigma2_time, sigma2_3 = sigma2_1 + sigma2_2 - sigma2_nu and
 * theta_1 = 1 - sigma_nu / sigma_1, theta_2 = 1 - sigma_nu / sigma_2, theta_3 = theta_1 + theta_2 + sigma_nu / sigma_3
 * - 1, the model is OLS on y_it - theta_1 ybar_i. - theta_2 ybar_.t + theta_3 ybar.. .
 */
public final class RandomEffects {
    private RandomEffects() {
    }

    /** How the unit-effect variance is estimated on unbalanced panels. */
    public enum Method {
        XTREG, PLM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method parse(String s) {
            for (Method m : values()) if (m.label().equals(s.trim().toLowerCase(Locale.ROOT))) return m;
            throw new IllegalArgumentException("unknown random-effects method '" + s + "': use xtreg or plm");
        }
    }

    public enum Effect {
        INDIVIDUAL, TWOWAYS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Effect parse(String s) {
            for (Effect e : values()) if (e.label().equals(s.trim().toLowerCase(Locale.ROOT))) return e;
            throw new IllegalArgumentException("unknown random-effects effect '" + s + "': use individual or twoways");
        }
    }

    /** The variance-component convention and the effects. */
    public record Options(Method method, Effect effect) implements Serializable {
        public static final Options DEFAULT = new Options(Method.XTREG, Effect.INDIVIDUAL);

        public Options {
            if (method == null) method = Method.XTREG;
            if (effect == null) effect = Effect.INDIVIDUAL;
        }
    }

    /** The fitted model and what the Hausman test needs. */
    public record Fit(List<String> names, double[] beta, Matrix vcovConventional, EstimationResult result) {
    }

    public static EstimationResult fit(ModelFrame frame, VcovSpec vcov, Options options) {
        return estimate(frame, vcov, options).result();
    }

    public static Fit estimate(ModelFrame frame, VcovSpec vcov) {
        return estimate(frame, vcov, Options.DEFAULT);
    }

    public static Fit estimate(ModelFrame frame, VcovSpec vcov, Options options) {
        if (frame.unit() == null) throw new IllegalArgumentException("random effects need the panel keys (--panel ID,TIME)");
        if (frame.fixedEffects().length > 0) throw new IllegalArgumentException("random effects take no fixed-effect part in the formula");
        if (!frame.hasIntercept()) throw new IllegalArgumentException("random effects need an intercept in the formula");
        return options.effect() == Effect.TWOWAYS ? twoWays(frame, vcov) : oneWay(frame, vcov, options.method());
    }

    private static Fit oneWay(ModelFrame frame, VcovSpec vcov, Method method) {
        int n = frame.nobs();
        int[] unit = frame.unit();
        FixedEffects byUnit = FixedEffects.of(new int[][]{unit});
        int groups = byUnit.levels(0);
        double[] ti = counts(unit, groups);
        double[] y = frame.y();
        Matrix z = frame.x();

        Within within = within(byUnit, frame);
        double sigma2e = within.rss() / (n - groups - within.slopes());

        double[] yMean = expand(groupMeans(y, unit, ti), unit);
        Matrix zMean = expand(groupMeans(z, unit, ti), unit);
        double sigma2u;
        double tBar = Double.NaN;
        if (method == Method.XTREG) {
            // one row per unit, unweighted: Stata's between-effects regression
            LeastSquares.Solution between = LeastSquares.solve(groupMeans(z, unit, ti), groupMeans(y, unit, ti), null);
            requireDf(between, groups, "unit");
            double invSum = 0;
            for (double t : ti) invSum += 1 / t;
            tBar = groups / invSum;
            sigma2u = between.rss() / (groups - between.kept().length) - sigma2e / tBar;
        } else {
            // each row carries its unit's means: unit i weighted by T_i
            LeastSquares.Solution between = LeastSquares.solve(zMean, yMean, null);
            requireDf(between, groups, "unit");
            Matrix zb = zMean.selectColumns(between.kept());
            // sum_i T_i zbar zbar' = zb'zb; sum_i T_i^2 zbar zbar' = zb' diag(T_i) zb
            Matrix weighted = new Matrix(n, zb.cols());
            for (int j = 0; j < zb.cols(); j++) {
                for (int i = 0; i < n; i++) weighted.set(i, j, zb.get(i, j) * ti[unit[i]]);
            }
            Matrix trMat = zb.crossprod().solveSpd(zb.tTimes(weighted));
            double trace = 0;
            for (int j = 0; j < trMat.rows(); j++) trace += trMat.get(j, j);
            sigma2u = (between.rss() - (groups - between.kept().length) * sigma2e) / (n - trace);
        }
        if (sigma2u < 0) sigma2u = 0;

        double[] theta = new double[groups];
        for (int g = 0; g < groups; g++) theta[g] = 1 - Math.sqrt(sigma2e / (sigma2e + ti[g] * sigma2u));
        double[] yStar = new double[n];
        Matrix zStar = new Matrix(n, z.cols());
        double meanTheta = 0;
        for (int i = 0; i < n; i++) {
            double th = theta[unit[i]];
            meanTheta += th / n;
            yStar[i] = y[i] - th * yMean[i];
            for (int j = 0; j < z.cols(); j++) zStar.set(i, j, z.get(i, j) - th * zMean.get(i, j));
        }
        Gls fit = gls(frame, vcov, zStar, yStar);
        EstimationResult.Builder b = fit.builder();
        b.fit("sigma2_idiosyncratic", sigma2e)
                .fit("sigma2_individual", sigma2u)
                .fit("theta", meanTheta)
                .fit("theta_min", Arrays.stream(theta).min().orElse(Double.NaN))
                .fit("theta_max", Arrays.stream(theta).max().orElse(Double.NaN));
        if (method == Method.XTREG) b.fit("t_bar", tBar);
        b.convention("random_effects", method == Method.XTREG
                ? "one-way, Swamy-Arora as Stata xtreg, re: sigma2_e = RSS_within / (N - n - K_w); sigma2_u = "
                + "RSS_between / (n - K_b) - sigma2_e / T-bar, between = OLS of the n unit means, T-bar = harmonic mean"
                + " of T_i (0 if negative); theta_i = 1 - sqrt(sigma2_e / (T_i sigma2_u + sigma2_e)); theta reported"
                + " as its mean over observations (--re-method plm for R plm's unbalanced convention)"
                : "one-way, Swamy-Arora as R plm model = \"random\", random.method = \"swar\" (unbalanced: between"
                + " regression weighted by T_i, Baltagi-Chang trace correction; 0 if negative); theta reported as its"
                + " mean over observations");
        return finish(frame, fit);
    }

    private static Fit twoWays(ModelFrame frame, VcovSpec vcov) {
        int n = frame.nobs();
        int[] unit = frame.unit();
        int[] time = frame.time();
        int groups = GroupCodes.levels(unit);
        int periods = GroupCodes.levels(time);
        requireBalanced(unit, time, groups, periods);
        double[] ti = counts(unit, groups);
        double[] tt = counts(time, periods);
        double[] y = frame.y();
        Matrix z = frame.x();

        Within within = within(FixedEffects.of(new int[][]{unit, time}), frame);
        double sigma2nu = within.rss() / ((groups - 1.0) * (periods - 1.0) - within.slopes());
        LeastSquares.Solution byUnit = LeastSquares.solve(groupMeans(z, unit, ti), groupMeans(y, unit, ti), null);
        requireDf(byUnit, groups, "unit");
        LeastSquares.Solution byTime = LeastSquares.solve(groupMeans(z, time, tt), groupMeans(y, time, tt), null);
        requireDf(byTime, periods, "period");
        double sigma2unit = Math.max(0, (periods * byUnit.rss() / (groups - byUnit.kept().length) - sigma2nu) / periods);
        double sigma2time = Math.max(0, (groups * byTime.rss() / (periods - byTime.kept().length) - sigma2nu) / groups);
        double sigma2one = sigma2nu + periods * sigma2unit;
        double sigma2two = sigma2nu + groups * sigma2time;
        double sigma2three = sigma2one + sigma2two - sigma2nu;
        double theta1 = 1 - Math.sqrt(sigma2nu / sigma2one);
        double theta2 = 1 - Math.sqrt(sigma2nu / sigma2two);
        double theta3 = theta1 + theta2 + Math.sqrt(sigma2nu / sigma2three) - 1;

        double[] yU = expand(groupMeans(y, unit, ti), unit);
        double[] yT = expand(groupMeans(y, time, tt), time);
        double yAll = Arrays.stream(y).sum() / n;
        double[] yStar = new double[n];
        for (int i = 0; i < n; i++) yStar[i] = y[i] - theta1 * yU[i] - theta2 * yT[i] + theta3 * yAll;
        Matrix zU = expand(groupMeans(z, unit, ti), unit);
        Matrix zT = expand(groupMeans(z, time, tt), time);
        Matrix zStar = new Matrix(n, z.cols());
        for (int j = 0; j < z.cols(); j++) {
            double[] col = z.column(j);
            double all = Arrays.stream(col).sum() / n;
            for (int i = 0; i < n; i++) {
                zStar.set(i, j, col[i] - theta1 * zU.get(i, j) - theta2 * zT.get(i, j) + theta3 * all);
            }
        }
        Gls fit = gls(frame, vcov, zStar, yStar);
        EstimationResult.Builder b = fit.builder();
        b.fit("sigma2_idiosyncratic", sigma2nu)
                .fit("sigma2_individual", sigma2unit)
                .fit("sigma2_time", sigma2time)
                .fit("theta_individual", theta1)
                .fit("theta_time", theta2)
                .fit("theta_total", theta3);
        b.convention("random_effects", "two-way (unit and period), balanced, Swamy-Arora as R plm model = \"random\","
                + " effect = \"twoways\": sigma2_nu from the two-way within regression, sigma2_1 = T RSS_units / (n - K),"
                + " sigma2_2 = n RSS_periods / (T - K) from the regressions of unit and period means (negative"
                + " components set to 0); y* = y - theta_1 ybar_i - theta_2 ybar_t + theta_3 ybar");
        return finish(frame, fit);
    }

    private record Within(double rss, int slopes) {
    }

    /** The within regression of the slopes (the intercept is absorbed). */
    private static Within within(FixedEffects fe, ModelFrame frame) {
        Matrix z = frame.x();
        int k = z.cols() - 1;
        int[] slopes = new int[k];
        for (int j = 0; j < k; j++) slopes[j] = j + 1;
        Matrix zs = z.selectColumns(slopes);
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) scale[j] = centredSS(zs.column(j));
        LeastSquares.Solution s = LeastSquares.solve(fe.demean(zs), fe.demean(frame.y()), scale);
        return new Within(s.rss(), s.kept().length);
    }

    /** The OLS fit of the transformed model and the result being built from it. */
    private record Gls(List<String> names, double[] beta, Matrix vcovConventional, EstimationResult.Builder builder) {
    }

    /** OLS of the transformed model with the estimator's variance. */
    private static Gls gls(ModelFrame frame, VcovSpec vcov, Matrix zStar, double[] yStar) {
        int n = frame.nobs();
        LeastSquares.Solution gls = LeastSquares.solve(zStar, yStar, null);
        List<String> names = new ArrayList<>();
        for (int j : gls.kept()) names.add(frame.xNames().get(j));
        int kept = gls.kept().length;
        int dfResid = n - kept;
        Variance var = Variance.compute(vcov, frame, gls, dfResid, n, kept, null, 1).asymptotic();
        double r2 = 1 - gls.rss() / centredSS(yStar);
        EstimationResult.Builder b = EstimationResult.builder("re").nobs(n).ngroups(GroupCodes.levels(frame.unit()))
                .coefficients(Variance.coefficients(names, gls.beta(), var.matrix(), var.tDf()))
                .fit("r2", r2)
                .fit("adj_r2", 1 - (1 - r2) * (n - 1) / dfResid)
                .fit("r2_within", Double.NaN)
                .fit("rss", gls.rss())
                .fit("sigma", Math.sqrt(gls.rss() / dfResid))
                .fit("df_resid", dfResid);
        b.convention("variance", var.description());
        b.convention("small_sample", var.smallSample());
        b.convention("p_values", var.pValues());
        b.convention("r2", "r2 = 1 - RSS/TSS of the quasi-demeaned regression (plm); adj_r2 = 1 - (1 - r2)(N - 1)/df_resid");
        return new Gls(names, gls.beta(), gls.xtxInverse().scale(gls.rss() / dfResid), b);
    }

    private static Fit finish(ModelFrame frame, Gls fit) {
        EstimationResult.Builder b = fit.builder();
        List<String> names = fit.names();
        List<String> omitted = new ArrayList<>(frame.xNames());
        omitted.removeAll(names);
        b.convention("collinearity", omitted.isEmpty() ? "none omitted"
                : "omitted because of collinearity: " + String.join(", ", omitted));
        b.extra("formula", frame.formula().text());
        b.extra("omitted", omitted);
        b.extra("dropped_rows", frame.dropped());
        return new Fit(names, fit.beta(), fit.vcovConventional(), b.build());
    }

    private static double[] counts(int[] codes, int levels) {
        double[] c = new double[levels];
        for (int g : codes) c[g]++;
        return c;
    }

    private static double[] groupMeans(double[] v, int[] codes, double[] counts) {
        double[] sums = new double[counts.length];
        for (int i = 0; i < v.length; i++) sums[codes[i]] += v[i];
        for (int g = 0; g < sums.length; g++) sums[g] /= counts[g];
        return sums;
    }

    /** One row per group: the group means of every column. */
    private static Matrix groupMeans(Matrix m, int[] codes, double[] counts) {
        List<double[]> cols = new ArrayList<>();
        for (int j = 0; j < m.cols(); j++) cols.add(groupMeans(m.column(j), codes, counts));
        return Matrix.ofColumns(cols);
    }

    /** Each row gets its group's value. */
    private static double[] expand(double[] perGroup, int[] codes) {
        double[] out = new double[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = perGroup[codes[i]];
        return out;
    }

    private static Matrix expand(Matrix perGroup, int[] codes) {
        List<double[]> cols = new ArrayList<>();
        for (int j = 0; j < perGroup.cols(); j++) cols.add(expand(perGroup.column(j), codes));
        return Matrix.ofColumns(cols);
    }

    private static void requireDf(LeastSquares.Solution between, int rows, String what) {
        if (between.kept().length >= rows) {
            throw new IllegalArgumentException("random effects: the regression of " + what + " means has "
                    + between.kept().length + " coefficients but only " + rows + " " + what + "s");
        }
    }

    private static void requireBalanced(int[] unit, int[] time, int groups, int periods) {
        boolean[] seen = new boolean[groups * periods];
        for (int i = 0; i < unit.length; i++) {
            int cell = unit[i] * periods + time[i];
            if (seen[cell]) throw new IllegalArgumentException("two-way random effects: unit and period repeat in a row");
            seen[cell] = true;
        }
        if (unit.length != groups * periods) {
            throw new IllegalArgumentException("two-way random effects need a balanced panel: " + unit.length
                    + " observations for " + groups + " units x " + periods + " periods");
        }
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
