package org.airesilience.sample;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.ArrayList;
import java.util.List;

/**
 * What the studies' linear two-way fixed-effects estimators estimate under the generator's DGP: the estimator applied
 * to the conditional mean of the outcome given the regressors and instruments (its pseudo-true value, conditional on
 * the generated design). The DGP has a threshold in AI and an endogenous AI, so a linear model's coefficient on AI is a
 * weighted blend of the regime slopes, the step at gamma and, for OLS, the endogeneity bias; these numbers say which.
 * Balanced panel {@code [region][year]}; the two-way effects are removed by two-way demeaning over the years with
 * {@code in[t]} (Frisch-Waugh-Lovell), the controls then partialled out by least squares.
 */
final class WithinEstimands {
    private final boolean[] in;
    private final List<double[][]> controls = new ArrayList<>();
    private final double[][] controlMatrix;

    WithinEstimands(List<double[][]> controls, boolean[] in) {
        this.in = in;
        for (double[][] c : controls) this.controls.add(ProvinceEconomy.demean(c, in));
        controlMatrix = matrix(this.controls);
    }

    /** OLS coefficient of {@code x} in y ~ x + controls | region + year. */
    double ols(double[][] y, double[][] x) {
        double[] ry = partial(y), rx = partial(x);
        return dot(rx, ry) / dot(rx, rx);
    }

    /** Just-identified 2SLS coefficient of {@code x} instrumented by {@code z}, with the same controls and effects. */
    double iv(double[][] y, double[][] x, double[][] z) {
        double[] ry = partial(y), rx = partial(x), rz = partial(z);
        return dot(rz, ry) / dot(rz, rx);
    }

    private double[] partial(double[][] v) {
        double[] y = vector(ProvinceEconomy.demean(v, in));
        if (controlMatrix[0].length == 0) return y;
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(y, controlMatrix);
        return ols.estimateResiduals();
    }

    private double[] vector(double[][] v) {
        List<Double> out = new ArrayList<>();
        for (double[] row : v) for (int t = 0; t < row.length; t++) if (in[t]) out.add(row[t]);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[][] matrix(List<double[][]> columns) {
        int rows = columns.isEmpty() ? 0 : vector(columns.get(0)).length;
        double[][] m = new double[rows][columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            double[] c = vector(columns.get(k));
            for (int i = 0; i < rows; i++) m[i][k] = c[i];
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
