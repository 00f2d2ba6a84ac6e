package org.airesilience.econometrics.model;

/**
 * A test statistic with its degrees of freedom (NaN where not applicable; {@code df2} for F tests) and p-value.
 */
public record TestResult(double statistic, double df, double df2, double pValue) {
    public static TestResult chiSquare(double statistic, double df, double pValue) {
        return new TestResult(statistic, df, Double.NaN, pValue);
    }

    public static TestResult f(double statistic, double df1, double df2, double pValue) {
        return new TestResult(statistic, df1, df2, pValue);
    }

    public static TestResult normal(double statistic, double pValue) {
        return new TestResult(statistic, Double.NaN, Double.NaN, pValue);
    }
}
