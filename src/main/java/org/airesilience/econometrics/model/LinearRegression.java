package org.airesilience.econometrics.model;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.effects.FixedEffects;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordinary least squares, pooled or with the formula's fixed effects absorbed by the within transformation
 * (Stata regress / areg / reghdfe, R lm / fixest feols / plm within). Exogenous regressors only; IV formulas go to
 * the IV estimators.
 */
public final class LinearRegression {
    private LinearRegression() {
    }

    /**
     * Everything a caller may need beyond the result: the (transformed) design actually used, residuals, variance.
     *
     * @param names         kept coefficient names, in order
     * @param beta          their estimates
     * @param vcov          their variance under the requested convention
     * @param tDf           degrees of freedom of the t distribution for p-values
     * @param rss           residual sum of squares
     * @param dfResid       N minus all parameters (slopes, intercept, absorbed effects)
     * @param dfAbsorbed    parameters absorbed by fixed effects (incl. the constant), 0 without
     * @param omitted       terms omitted because of collinearity
     * @param solution      the least-squares solution on the transformed data
     * @param fixedEffects  the absorbed effects, or null
     */
    public record Fit(List<String> names, double[] beta, Matrix vcov, double tDf, double rss, int dfResid,
                      int dfAbsorbed, List<String> omitted, LeastSquares.Solution solution, FixedEffects fixedEffects,
                      EstimationResult result) {
    }

    public static EstimationResult fit(ModelFrame frame, VcovSpec vcov) {
        return estimate(frame, vcov).result();
    }

    public static Fit estimate(ModelFrame frame, VcovSpec vcov) {
        if (frame.formula().hasIv()) {
            throw new IllegalArgumentException("formula '" + frame.formula() + "' has an IV part: use the IV estimator");
        }
        int n = frame.nobs();
        double[] y = frame.y();
        Matrix x = frame.x();
        boolean hasFe = frame.fixedEffects().length > 0;
        FixedEffects fe = hasFe ? FixedEffects.of(frame.fixedEffects()) : null;
        double[] scale = null;
        double[] yt = y;
        Matrix xt = x;
        if (hasFe) {
            scale = new double[x.cols()];
            for (int j = 0; j < x.cols(); j++) scale[j] = centredSumOfSquares(x.column(j));
            yt = fe.demean(y);
            xt = fe.demean(x);
        }
        LeastSquares.Solution s = LeastSquares.solve(xt, yt, scale);
        List<String> names = new ArrayList<>();
        for (int j : s.kept()) names.add(frame.xNames().get(j));
        List<String> omitted = new ArrayList<>(frame.xNames());
        omitted.removeAll(names);

        int k = s.kept().length;
        int dfAbsorbed = hasFe ? fe.degreesOfFreedomAbsorbed() : 0;
        int dfResid = n - k - dfAbsorbed;
        if (dfResid <= 0) {
            throw new IllegalArgumentException("no residual degrees of freedom: " + n + " observations, " + k
                    + " coefficients and " + dfAbsorbed + " absorbed fixed effects");
        }
        int constant = hasFe || frame.hasIntercept() ? 1 : 0;
        Variance var = Variance.compute(vcov, frame, s, dfResid, n, k, fe, constant);

        EstimationResult.Builder b = EstimationResult.builder(hasFe ? "fe" : "ols").nobs(n)
                .ngroups(hasFe ? fe.levels(0) : null);
        List<Coefficient> coefficients = new ArrayList<>(Variance.coefficients(names, s.beta(), var.matrix(), var.tDf()));
        Coefficient absorbedConstant = hasFe && frame.formula().intercept()
                ? AbsorbedConstant.compute(vcov, frame, s, dfResid, var.tDf()) : null;
        if (absorbedConstant != null) coefficients.add(absorbedConstant);
        b.coefficients(coefficients);
        double tss = centredSumOfSquares(y);
        double r2;
        double adj;
        if (constant == 1) {
            r2 = 1 - s.rss() / tss;
            adj = 1 - (1 - r2) * (n - 1) / dfResid;
        } else {
            double ss = 0;
            for (double v : y) ss += v * v;
            r2 = 1 - s.rss() / ss;
            adj = 1 - (1 - r2) * n / dfResid;
        }
        b.fit("r2", r2).fit("adj_r2", adj);
        double tssWithin = Double.NaN;
        if (hasFe) {
            tssWithin = 0;
            for (double v : yt) tssWithin += v * v;
        }
        b.fit("r2_within", 1 - s.rss() / tssWithin);
        if (hasFe) {
            // xtreg, fe's "R-sq within": the year dummies of 'xtreg y x i.year, fe' are regressors, so its TSS is that
            // of y demeaned by the first dimension only (one-way: the same as r2_within).
            double ss = tssWithin;
            if (fe.dimensions() > 1) {
                ss = 0;
                for (double v : FixedEffects.of(new int[][]{frame.fixedEffects()[0]}).demean(y)) ss += v * v;
            }
            b.fit("r2_within_xtreg", 1 - s.rss() / ss);
        }
        b.fit("rss", s.rss()).fit("sigma", Math.sqrt(s.rss() / dfResid)).fit("df_resid", dfResid);

        if (hasFe) {
            b.test("f_individual", fTestAgainstPooled(frame, s, dfResid, dfAbsorbed));
        }
        b.convention("variance", var.description());
        b.convention("small_sample", var.smallSample());
        b.convention("p_values", var.pValues());
        if (hasFe) {
            b.convention("fixed_effects", feDescription(frame, fe));
            b.convention("r2", "r2 = 1 - RSS/TSS of the LSDV regression (Stata areg/regress with dummies); "
                    + "adj_r2 = 1 - (1 - r2)(N - 1)/df_resid counting every absorbed effect; "
                    + "r2_within = 1 - RSS/sum(y demeaned by all fixed effects)^2 (plm, reghdfe 'Within R-sq.')"
                    + "; r2_within_xtreg = Stata xtreg, fe's 'R-sq within' = 1 - RSS/sum(y demeaned by "
                    + frame.fixedEffectNames().get(0) + " only)^2" + (fe.dimensions() > 1
                    ? " (the other effects as dummies, 'xtreg y x i.year, fe')" : " (equal to r2_within for one-way effects)"));
            b.convention("constant", absorbedConstant != null ? AbsorbedConstant.description(fe.dimensions())
                    : frame.formula().intercept() ? "no _cons: more than " + AbsorbedConstant.MAX_DUMMIES
                    + " dummies for the further absorbed effects" : "no _cons: the formula drops the intercept");
            b.convention("f_individual", "F test that all absorbed effects are zero against pooled OLS with an intercept (plm pFtest)");
        } else {
            b.convention("r2", constant == 1 ? "r2 = 1 - RSS/TSS (centred); adj_r2 = 1 - (1 - r2)(N - 1)/(N - K)"
                    : "no intercept: r2 = 1 - RSS/sum(y^2) (uncentred, as R); adj_r2 = 1 - (1 - r2) N/(N - K)");
        }
        b.convention("collinearity", omitted.isEmpty() ? "none omitted"
                : "omitted because of collinearity: " + String.join(", ", omitted));
        b.extra("formula", frame.formula().text());
        b.extra("omitted", omitted);
        b.extra("dropped_rows", frame.dropped());
        EstimationResult result = b.build();
        return new Fit(names, s.beta(), var.matrix(), var.tDf(), s.rss(), dfResid, dfAbsorbed, omitted, s, fe, result);
    }

    private static String feDescription(ModelFrame frame, FixedEffects fe) {
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < fe.dimensions(); d++) parts.add(frame.fixedEffectNames().get(d) + " (" + fe.levels(d) + ")");
        String how = switch (fe.method()) {
            case ONE_WAY_EXACT -> "exact one-way demeaning";
            case TWO_WAY_BALANCED_EXACT -> "exact two-way demeaning of a balanced design (v - mean_i - mean_t + mean)";
            case ALTERNATING_PROJECTIONS -> "alternating projections to tolerance " + FixedEffects.TOLERANCE
                    + " (" + fe.lastSweeps() + " sweeps for the last column)";
        };
        return "absorbed " + String.join(" + ", parts) + " by " + how + "; " + fe.degreesOfFreedomAbsorbed()
                + " parameters absorbed (constant included)";
    }

    /** F test of the absorbed effects: pooled OLS of y on an intercept and the kept regressors is the restricted model. */
    private static TestResult fTestAgainstPooled(ModelFrame frame, LeastSquares.Solution within, int dfResid, int dfAbsorbed) {
        double[] y = frame.y();
        Matrix x = frame.x();
        List<double[]> cols = new ArrayList<>();
        double[] one = new double[y.length];
        java.util.Arrays.fill(one, 1.0);
        cols.add(one);
        for (int j : within.kept()) cols.add(x.column(j));
        LeastSquares.Solution pooled = LeastSquares.solve(Matrix.ofColumns(cols), y, null);
        int dfPooled = y.length - pooled.kept().length;
        double df1 = dfPooled - dfResid;
        double f = ((pooled.rss() - within.rss()) / df1) / (within.rss() / dfResid);
        return TestResult.f(f, df1, dfResid, Distributions.fUpper(f, df1, dfResid));
    }

    static double centredSumOfSquares(double[] v) {
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return ss;
    }
}
