package org.airesilience.econometrics.model;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.effects.FixedEffects;

import java.util.ArrayList;
import java.util.List;

/**
 * The variance of least-squares coefficients under one of the {@link VcovSpec} conventions, with Stata's
 * small-sample factors, and the words that describe it.
 *
 * <ul>
 *   <li>iid: s^2 (X'X)^-1, s^2 = RSS/df_resid; p-values from t(df_resid).</li>
 *   <li>hetero: HC1 = N/df_resid * (X'X)^-1 (sum e_i^2 x_i x_i') (X'X)^-1 (df_resid counts absorbed effects, as
 *       Stata areg and reghdfe); p-values from t(df_resid).</li>
 *   <li>cluster: q (X'X)^-1 (sum_g s_g s_g') (X'X)^-1 with q = G/(G-1) (N-1)/(N-K); K counts slopes, the constant,
 *       and the absorbed effects not nested within clusters (Stata xtreg, fe vce(cluster) counts a panel effect
 *       nested in the clusters as the constant only); p-values from t(G-1).</li>
 * </ul>
 */
public record Variance(Matrix matrix, double tDf, String description, String smallSample, String pValues) {

    /** The same variance with normal (z) p-values, as for random effects (Stata xtreg, re; plm). */
    public Variance asymptotic() {
        return new Variance(matrix, Double.POSITIVE_INFINITY, description, smallSample, "standard normal (z statistics)");
    }

    /**
     * @param k         kept regressors (including an intercept column when present)
     * @param fe        absorbed fixed effects or null
     * @param constant  1 when the model has a constant (intercept column or absorbed effects)
     */
    public static Variance compute(VcovSpec spec, ModelFrame frame, LeastSquares.Solution s, int dfResid, int n, int k,
                                   FixedEffects fe, int constant) {
        Matrix bread = s.xtxInverse();
        switch (spec.type()) {
            case IID -> {
                double s2 = s.rss() / dfResid;
                return new Variance(bread.scale(s2), dfResid, "conventional (homoskedastic): s^2 (X'X)^-1",
                        "s^2 = RSS/df_resid with df_resid = N - K - absorbed effects = " + dfResid,
                        "Student t with df_resid = " + dfResid + " degrees of freedom");
            }
            case HETERO -> {
                double q = (double) n / dfResid;
                Matrix v = Sandwich.sandwich(bread, Sandwich.heteroMeat(s.x(), s.residuals())).scale(q);
                return new Variance(v, dfResid, "heteroskedasticity-robust HC1 (Stata vce(robust))",
                        "HC1 factor N/df_resid = " + n + "/" + dfResid + " (absorbed effects counted, as areg/reghdfe)",
                        "Student t with df_resid = " + dfResid + " degrees of freedom");
            }
            case CLUSTER -> {
                int[] cl = frame.cluster(spec.clusterVar());
                int g = org.airesilience.econometrics.data.GroupCodes.levels(cl);
                if (g < 2) {
                    throw new IllegalArgumentException("cluster-robust variance needs at least 2 clusters; '"
                            + spec.clusterVar() + "' has " + g + " in the estimation sample");
                }
                int kCounted = k;
                String kWords = k + " regressor(s)" + (constant == 1 && fe == null ? " incl. the intercept" : "");
                if (fe != null) {
                    int absorbed = fe.degreesOfFreedomAbsorbed();
                    List<String> nested = new ArrayList<>();
                    for (int d = 0; d < fe.dimensions(); d++) {
                        if (fe.isNestedIn(d, cl)) {
                            absorbed -= fe.levels(d) - 1;
                            nested.add(frame.fixedEffectNames().get(d));
                        }
                    }
                    absorbed = Math.max(absorbed, 1);
                    kCounted = k + absorbed;
                    kWords = k + " slope(s) + " + absorbed + " for the constant and absorbed effects"
                            + (nested.isEmpty() ? "" : " (effects nested in clusters not counted: " + String.join(", ", nested) + ")");
                }
                if (n - kCounted <= 0) {
                    throw new IllegalArgumentException("too many parameters (" + kCounted + ") for " + n + " observations");
                }
                double q = (double) g / (g - 1) * (n - 1) / (n - kCounted);
                Matrix v = Sandwich.sandwich(bread, Sandwich.clusterMeat(s.x(), s.residuals(), cl, g)).scale(q);
                return new Variance(v, g - 1, "cluster-robust by " + spec.clusterVar() + " (" + g + " clusters)",
                        "q = G/(G-1) * (N-1)/(N-K) = " + g + "/" + (g - 1) + " * " + (n - 1) + "/" + (n - kCounted)
                                + " with K = " + kCounted + " = " + kWords + " (Stata xtreg, fe / regress vce(cluster) convention)",
                        "Student t with G-1 = " + (g - 1) + " degrees of freedom");
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Coefficient rows: estimate, standard error, t statistic, two-sided p-value from t(tDf) (normal when tDf is infinite). */
    public static List<Coefficient> coefficients(List<String> names, double[] beta, Matrix vcov, double tDf) {
        List<Coefficient> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double se = Math.sqrt(vcov.get(j, j));
            double t = beta[j] / se;
            double p = Double.isInfinite(tDf) ? Distributions.normalTwoSided(t) : Distributions.tTwoSided(t, tDf);
            out.add(new Coefficient(names.get(j), beta[j], se, t, p));
        }
        return out;
    }
}
