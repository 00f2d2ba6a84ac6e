package org.airesilience.econometrics.model;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.effects.FixedEffects;
import org.airesilience.econometrics.linalg.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The constant {@code _cons} that Stata's {@code xtreg, fe} reports beside absorbed effects.
 *
 * <p>xtreg, fe fits OLS of (y_it - ybar_i + ybar) on (x_it - xbar_i + xbar) and a constant, so
 * _cons = ybar - xbar'b, and its variance is that of this augmented regression under the chosen convention (same
 * residuals, same residual degrees of freedom and cluster K as the slopes). Every further absorbed dimension (the
 * year in a two-way model) enters as dummies for all but its first level, transformed alike, which is what
 * {@code xtreg y x i.year, fe} estimates: _cons = ybar - xbar'b - dbar'delta with the first year as the base.
 * Slopes, residuals and their variance are unchanged (Frisch-Waugh-Lovell); only the constant is read off.
 */
final class AbsorbedConstant {
    /** Above this many dummies for the further absorbed dimensions no constant is reported (the design gets too wide). */
    static final int MAX_DUMMIES = 2000;
    static final String TERM = "_cons";

    private AbsorbedConstant() {
    }

    /** The constant with its standard error, t and p, or null when there are too many dummies to form. */
    static Coefficient compute(VcovSpec spec, ModelFrame frame, LeastSquares.Solution within, int dfResid, double tDf) {
        int[][] groups = frame.fixedEffects();
        int n = frame.nobs();
        List<double[]> columns = new ArrayList<>();
        Matrix x = frame.x();
        for (int j : within.kept()) columns.add(x.column(j));
        int dummies = 0;
        for (int d = 1; d < groups.length; d++) dummies += levels(groups[d]) - 1;
        if (dummies > MAX_DUMMIES) return null;
        for (int d = 1; d < groups.length; d++) {
            for (int level = 1; level < levels(groups[d]); level++) {
                double[] dummy = new double[n];
                for (int i = 0; i < n; i++) dummy[i] = groups[d][i] == level ? 1 : 0;
                columns.add(dummy);
            }
        }
        FixedEffects first = FixedEffects.of(new int[][]{groups[0]});
        double[] scale = new double[columns.size() + 1];
        List<double[]> design = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            scale[j] = LinearRegression.centredSumOfSquares(columns.get(j));
            design.add(withGrandMean(first, columns.get(j)));
        }
        double[] one = new double[n];
        Arrays.fill(one, 1.0);
        design.add(one);
        LeastSquares.Solution s = LeastSquares.solve(Matrix.ofColumns(design), withGrandMean(first, frame.y()), scale);
        int last = s.kept().length - 1;
        if (s.kept()[last] != design.size() - 1) return null; // constant collinear with the design: nothing to report
        Variance v = Variance.compute(spec, frame, s, dfResid, n, last, first, 1);
        double se = Math.sqrt(v.matrix().get(last, last));
        return Variance.coefficients(List.of(TERM), new double[]{s.beta()[last]},
                new Matrix(1, 1, new double[]{se * se}), tDf).get(0);
    }

    /** v - mean of v within its level of the first dimension + grand mean of v. */
    private static double[] withGrandMean(FixedEffects first, double[] v) {
        double mean = 0;
        for (double a : v) mean += a;
        mean /= v.length;
        double[] out = first.demean(v);
        for (int i = 0; i < out.length; i++) out[i] += mean;
        return out;
    }

    private static int levels(int[] codes) {
        return Arrays.stream(codes).max().orElse(-1) + 1;
    }

    static String description(int dimensions) {
        return "_cons as Stata xtreg, fe reports it: OLS of y_it - ybar_i + ybar on x_it - xbar_i + xbar and a constant "
                + "(so _cons = ybar - xbar'b), variance of that regression under the same convention as the slopes"
                + (dimensions > 1 ? "; the further absorbed effects enter as dummies with their first level as base, as "
                + "'xtreg y x i.year, fe' (_cons = ybar - xbar'b - dbar'delta)" : "");
    }
}
