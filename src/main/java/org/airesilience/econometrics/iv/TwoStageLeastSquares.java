package org.airesilience.econometrics.iv;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.VcovSpec;
import org.airesilience.econometrics.effects.FixedEffects;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;
import org.airesilience.econometrics.model.Distributions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two-stage least squares with the identification diagnostics of Stata's ivreg2 (Baum, Schaffer and Stillman):
 * first stages, Anderson canonical-correlation LM, Cragg-Donald Wald F, Kleibergen-Paap rk LM and Wald F (robust or
 * clustered variance), Sargan and Hansen J.
 *
 * <p>Notation: N observations, K regressors (K1 endogenous), L instruments (L2 excluded), a parameters absorbed by
 * fixed effects. Small-sample conventions (ivreg2 with {@code small}; xtivreg2/ivreghdfe count absorbed effects):
 * iid sigma^2 = RSS/(N-K-a); robust V = N/(N-K-a) * HC0; cluster V = G/(G-1) * (N-1)/(N-K-a_c) * CL0 where a_c does
 * not count effects nested within the clusters; t tests with N-K-a (cluster: G-1) degrees of freedom. Large-sample
 * statistics (Anderson LM, Sargan, Hansen J, Kleibergen-Paap rk) use N-a in place of N (ivreg2's dofminus).
 */
public final class TwoStageLeastSquares {
    private static final double COLLINEARITY_TOL = 1e-9;

    private TwoStageLeastSquares() {
    }

    /** 2SLS of a model frame with an IV part ({@code y ~ x | fe | endo ~ z}); fixed effects are absorbed. */
    public static EstimationResult fit(ModelFrame frame, VcovSpec vcov) {
        if (!frame.formula().hasIv()) {
            throw new IllegalArgumentException("formula '" + frame.formula() + "' has no IV part (| endo ~ z)");
        }
        IvVariance v = switch (vcov.type()) {
            case IID -> IvVariance.iid();
            case HETERO -> IvVariance.hetero();
            case CLUSTER -> IvVariance.cluster(vcov.clusterVar(), frame.cluster(vcov.clusterVar()));
        };
        double[] y = frame.y();
        Matrix exog = frame.x();
        Matrix endog = frame.endog();
        Matrix excluded = frame.instruments();
        int absorbed = 0;
        int absorbedCluster = 0;
        Integer ngroups = v.kind() == IvVariance.Kind.CLUSTER ? v.nclusters() : null;
        if (frame.fixedEffects().length > 0) {
            FixedEffects fe = FixedEffects.of(frame.fixedEffects());
            y = fe.demean(y);
            exog = fe.demean(exog);
            endog = fe.demean(endog);
            excluded = fe.demean(excluded);
            absorbed = fe.degreesOfFreedomAbsorbed();
            absorbedCluster = absorbed;
            if (v.kind() == IvVariance.Kind.CLUSTER) {
                for (int d = 0; d < fe.dimensions(); d++) {
                    if (fe.isNestedIn(d, v.clusters())) absorbedCluster -= fe.levels(d) - 1;
                }
                absorbedCluster = Math.max(absorbedCluster, 1);
            }
            ngroups = fe.levels(0);
        }
        IvData d = new IvData(y, exog, frame.xNames(), endog, frame.endogNames(), excluded, frame.instrumentNames(),
                absorbed, absorbedCluster, ngroups);
        return estimate(d, v);
    }

    public static EstimationResult estimate(IvData d, IvVariance v) {
        int n = d.y().length;
        int k1 = d.endog().cols();
        int l2 = d.excluded().cols();
        if (k1 == 0) throw new IllegalArgumentException("2SLS needs at least one endogenous regressor");
        if (l2 < k1) {
            throw new IllegalArgumentException("equation is underidentified: " + k1 + " endogenous regressor(s) "
                    + d.endogNames() + " but only " + l2 + " excluded instrument(s) " + d.excludedNames());
        }
        // Collinear included regressors are dropped and reported, as Stata's "omitted because of collinearity".
        int[] keep = d.exog().cols() == 0 ? new int[0] : d.exog().independentColumns(COLLINEARITY_TOL);
        List<String> omitted = new ArrayList<>(d.exogNames());
        List<String> exogNames = new ArrayList<>();
        for (int j : keep) exogNames.add(d.exogNames().get(j));
        omitted.removeAll(exogNames);
        Matrix w = d.exog().selectColumns(keep);
        int k2 = w.cols();
        Matrix x = w.hconcat(d.endog());
        Matrix z = w.hconcat(d.excluded());
        requireFullRank(z, "instruments (included exogenous and excluded) are collinear");
        requireFullRank(x, "regressors (included exogenous and endogenous) are collinear");
        int k = k2 + k1;
        int l = k2 + l2;
        // a: absorbed parameters counted in the variance's small-sample factor; df_resid always counts all of them.
        int a = v.kind() == IvVariance.Kind.CLUSTER ? d.absorbedDfCluster() : d.absorbedDf();
        int dfResid = n - k - d.absorbedDf();
        if (dfResid <= 0) {
            throw new IllegalArgumentException("no residual degrees of freedom: N=" + n + ", K=" + k + ", absorbed=" + d.absorbedDf());
        }
        double[] y = d.y();

        // Second stage: b = (Xh'Xh)^-1 Xh'y with Xh = P_Z X = Z Pi.
        Matrix zz = z.crossprod();
        Matrix pi = zz.solveSpd(z.tTimes(x));
        Matrix xh = z.times(pi);
        Matrix a2 = xh.crossprod();
        double[] b = a2.solveSpd(xh.tTimes(y));
        double[] e = residuals(y, x, b);
        double rss = dot(e, e);
        Matrix bread = a2.inverseSpd();
        Matrix vcov = variance(bread, xh, e, rss, n, k, a, v);
        double testDf = v.kind() == IvVariance.Kind.CLUSTER ? v.nclusters() - 1 : dfResid;

        List<String> names = new ArrayList<>(exogNames);
        names.addAll(d.endogNames());
        List<Coefficient> coefs = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double se = Math.sqrt(vcov.get(j, j));
            double t = b[j] / se;
            coefs.add(new Coefficient(names.get(j), b[j], se, t, Distributions.tTwoSided(t, testDf)));
        }

        EstimationResult.Builder out = EstimationResult.builder(d.absorbedDf() > 0 ? "2sls_fe" : "2sls")
                .nobs(n).ngroups(d.ngroups()).coefficients(coefs);
        fit(out, y, rss, n, k, dfResid, hasIntercept(w) || d.absorbedDf() > 0, d.absorbedDf() > 0);

        // Partialled endogenous regressors and excluded instruments: the identification statistics live there.
        Matrix x1 = partialOut(w, d.endog());
        Matrix z1 = partialOut(w, d.excluded());
        RankTest rank = new RankTest(x1, z1);
        double[] cc = rank.squaredCanonicalCorrelations();
        double lambdaMin = cc[cc.length - 1];
        double nLarge = n - d.absorbedDf();
        double idDf = l2 - k1 + 1;

        List<Map<String, Object>> firstStages = new ArrayList<>();
        TestResult firstF = null;
        for (int j = 0; j < k1; j++) {
            FirstStage fs = firstStage(z, zz, pi.column(k2 + j), d.endog().column(j), x1.column(j), k2, n, l, a, v);
            firstStages.add(fs.toMap(d.endogNames().get(j), exogNames, d.excludedNames()));
            if (j == 0) firstF = fs.f();
        }
        if (k1 == 1) out.test("first_stage_f", firstF);
        out.test("anderson_lm", TestResult.chiSquare(nLarge * lambdaMin, idDf, Distributions.chiSquareUpper(nLarge * lambdaMin, idDf)));
        double cdf = lambdaMin / (1 - lambdaMin) * (n - l - d.absorbedDf()) / l2;
        out.test("cragg_donald_f", TestResult.f(cdf, l2, n - l - d.absorbedDf(), Distributions.fUpper(cdf, l2, n - l - d.absorbedDf())));
        if (v.robust()) {
            int[] cl = v.clusters();
            double lm = rank.robust(rank.regressand(), cl) * nLarge / n;
            out.test("kleibergen_paap_lm", TestResult.chiSquare(lm, idDf, Distributions.chiSquareUpper(lm, idDf)));
            double wald = rank.robust(rank.residuals(), cl);
            // Scaled like the robust first-stage F (ivreg2's rkf), so that with one endogenous regressor they agree.
            double kpf = wald / l2 * (v.kind() == IvVariance.Kind.CLUSTER
                    ? (n - l - a) / (double) (n - 1) * (v.nclusters() - 1) / v.nclusters()
                    : (n - l - a) / (double) n);
            double df2 = v.kind() == IvVariance.Kind.CLUSTER ? v.nclusters() - 1 : n - l - a;
            out.test("kleibergen_paap_f", TestResult.f(kpf, l2, df2, Distributions.fUpper(kpf, l2, df2)));
        }
        if (l > k) {
            double overDf = l - k;
            double[] ze = z.tTimes(e);
            double sargan = nLarge * dot(ze, zz.solveSpd(ze.clone())) / rss;
            out.test("sargan", TestResult.chiSquare(sargan, overDf, Distributions.chiSquareUpper(sargan, overDf)));
            if (v.robust()) {
                double j = hansenJ(y, x, z, e, v.clusters()) * nLarge / n;
                out.test("hansen_j", TestResult.chiSquare(j, overDf, Distributions.chiSquareUpper(j, overDf)));
            }
        }

        conventions(out, v, n, k, l, a, d.absorbedDf());
        out.extra("endogenous", d.endogNames());
        out.extra("instruments", d.excludedNames());
        out.extra("first_stage", firstStages);
        out.extra("squared_canonical_correlations", toList(cc));
        out.extra("stock_yogo", StockYogo.block(cdf, k1, l2));
        if (!omitted.isEmpty()) out.extra("omitted", omitted);
        return out.build();
    }

    private static Matrix variance(Matrix bread, Matrix scoresBase, double[] e, double rss, int n, int k, int a,
                                   IvVariance v) {
        return switch (v.kind()) {
            case IID -> bread.scale(rss / (n - k - a));
            case HETERO -> sandwich(bread, scoresBase, e, null).scale(n / (double) (n - k - a));
            case CLUSTER -> sandwich(bread, scoresBase, e, v.clusters())
                    .scale(v.nclusters() / (double) (v.nclusters() - 1) * (n - 1) / (double) (n - k - a));
        };
    }

    private static Matrix sandwich(Matrix bread, Matrix base, double[] e, int[] clusters) {
        Matrix meat = Scores.outer(Scores.times(base, e), clusters);
        return bread.times(meat).times(bread);
    }

    private record FirstStage(double[] coef, double[] se, double partialR2, TestResult f) {
        Map<String, Object> toMap(String endog, List<String> exogNames, List<String> excludedNames) {
            List<String> names = new ArrayList<>(exogNames);
            names.addAll(excludedNames);
            List<Map<String, Object>> cs = new ArrayList<>();
            for (int j = 0; j < coef.length; j++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("term", names.get(j));
                c.put("estimate", coef[j]);
                c.put("std_error", se[j]);
                cs.add(c);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", endog);
            m.put("coefficients", cs);
            m.put("partial_r2", partialR2);
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("statistic", f.statistic());
            fm.put("df", f.df());
            fm.put("df2", f.df2());
            fm.put("p_value", f.pValue());
            m.put("f_excluded_instruments", fm);
            return m;
        }
    }

    /** One endogenous regressor on all instruments; F of the excluded instruments under the model's variance. */
    private static FirstStage firstStage(Matrix z, Matrix zz, double[] coef, double[] xj, double[] xjPartialled,
                                         int k2, int n, int l, int a, IvVariance v) {
        double[] r = residuals(xj, z, coef);
        double rssU = dot(r, r);
        Matrix zzInv = zz.inverseSpd();
        Matrix vcov = variance(zzInv, z, r, rssU, n, l, a, v);
        int l2 = l - k2;
        int[] idx = new int[l2];
        double[] g = new double[l2];
        for (int j = 0; j < l2; j++) {
            idx[j] = k2 + j;
            g[j] = coef[k2 + j];
        }
        Matrix vg = vcov.selectRows(idx).selectColumns(idx);
        double f = dot(g, vg.solveSpd(g.clone())) / l2;
        double df2 = v.kind() == IvVariance.Kind.CLUSTER ? v.nclusters() - 1 : n - l - a;
        double[] se = new double[l];
        for (int j = 0; j < l; j++) se[j] = Math.sqrt(vcov.get(j, j));
        double partialR2 = 1 - rssU / dot(xjPartialled, xjPartialled);
        return new FirstStage(coef, se, partialR2, TestResult.f(f, l2, df2, Distributions.fUpper(f, l2, df2)));
    }

    /**
     * Hansen's J at the two-step efficient GMM estimate whose weight matrix comes from the 2SLS residuals (what ivreg2
     * reports with robust or cluster variance).
     */
    private static double hansenJ(double[] y, Matrix x, Matrix z, double[] e, int[] clusters) {
        // A generalized inverse, as ivreg2's invsym: with few clusters the score covariance can be singular.
        Matrix sInv = Scores.outer(Scores.times(z, e), clusters).pinvSymmetric(1e-12);
        Matrix zx = z.tTimes(x);
        Matrix wzx = sInv.times(zx);
        // Any minimiser gives the same criterion value, so a generalized inverse is fine here too.
        double[] b2 = zx.tTimes(wzx).pinvSymmetric(1e-12).times(wzx.tTimes(z.tTimes(y)));
        double[] zu = z.tTimes(residuals(y, x, b2));
        return dot(zu, sInv.times(zu));
    }

    private static void fit(EstimationResult.Builder out, double[] y, double rss, int n, int k, int dfResid,
                            boolean centered, boolean within) {
        double mean = 0;
        if (centered) {
            for (double v : y) mean += v;
            mean /= n;
        }
        double tss = 0;
        for (double v : y) tss += (v - mean) * (v - mean);
        double r2 = 1 - rss / tss;
        out.fit(within ? "r2_within" : "r2", r2);
        out.fit("adj_r2", 1 - (1 - r2) * (n - (centered ? 1 : 0)) / dfResid);
        out.fit("rss", rss);
        out.fit("sigma", Math.sqrt(rss / dfResid));
        out.fit("df_resid", dfResid);
    }

    private static void conventions(EstimationResult.Builder out, IvVariance v, int n, int k, int l, int a, int absorbed) {
        out.convention("estimator", "two-stage least squares; fixed effects, when given, absorbed by demeaning y, "
                + "regressors and instruments (xtivreg2 fe / ivreghdfe)");
        out.convention("variance", switch (v.kind()) {
            case IID -> "homoskedastic: sigma^2 = RSS/(N-K-a) with structural residuals y - X b (ivreg2 small)";
            case HETERO -> "heteroskedasticity-robust HC1: N/(N-K-a) * (Xh'Xh)^-1 Xh' diag(u^2) Xh (Xh'Xh)^-1, "
                    + "Xh = P_Z X (ivreg2 robust small)";
            case CLUSTER -> "cluster-robust by " + v.clusterVariable() + " (G = " + v.nclusters()
                    + "): G/(G-1) * (N-1)/(N-K-a) * sandwich (ivreg2 cluster small); fixed effects nested within "
                    + "clusters are not counted in a";
        });
        out.convention("small_sample", "N = " + n + ", K = " + k + ", L = " + l + ", a = " + a
                + " absorbed fixed-effect parameters; t tests with " + (v.kind() == IvVariance.Kind.CLUSTER
                ? "G-1" : "N-K-a") + " degrees of freedom");
        out.convention("first_stage_f", "Wald F of the excluded instruments in each first stage under the model's "
                + "variance with the same small-sample factor (K replaced by L), df (L2, N-L-a) (cluster: (L2, G-1))");
        out.convention("anderson_lm", "(N-a) * smallest squared canonical correlation of the endogenous regressors "
                + "and excluded instruments after partialling out the included exogenous regressors; chi2(L2-K1+1)");
        out.convention("cragg_donald_f", "lambda_min/(1-lambda_min) * (N-L-a)/L2 (ivreg2 e(cdf)); stock_yogo holds the "
                + "Stock-Yogo (2005) 10/15/20/25% maximal IV size critical values for it");
        if (v.robust()) {
            out.convention("kleibergen_paap", "rk statistics of Kleibergen and Paap (2006) as ranktest computes them: "
                    + "LM with the partialled endogenous regressors as errors, times (N-a)/N; Wald F = rk Wald/L2 * "
                    + (v.kind() == IvVariance.Kind.CLUSTER ? "(N-L-a)/(N-1) * (G-1)/G" : "(N-L-a)/N")
                    + " (ivreg2 rkf), equal to the robust first-stage F with one endogenous regressor");
        }
        out.convention("sargan", "(N-a) * u'P_Z u / u'u with 2SLS residuals; chi2(L-K)");
        if (v.robust()) {
            out.convention("hansen_j", "minimised two-step efficient GMM criterion, weight (generalized inverse) from 2SLS residuals "
                    + "(robust or clustered), times (N-a)/N; chi2(L-K)");
        }
        if (absorbed > 0) out.convention("absorbed_fixed_effects", absorbed);
    }

    /** Columns of m minus their projection on w (m itself when w has no columns). */
    static Matrix partialOut(Matrix w, Matrix m) {
        if (w.cols() == 0) return m;
        return m.minus(w.times(w.crossprod().solveSpd(w.tTimes(m))));
    }

    private static void requireFullRank(Matrix m, String message) {
        if (m.independentColumns(COLLINEARITY_TOL).length < m.cols()) throw new IllegalArgumentException(message);
    }

    private static boolean hasIntercept(Matrix w) {
        for (int j = 0; j < w.cols(); j++) {
            double[] c = w.column(j);
            boolean constant = true;
            for (double v : c) {
                if (v != c[0]) {
                    constant = false;
                    break;
                }
            }
            if (constant && c.length > 0 && c[0] != 0) return true;
        }
        return false;
    }

    private static double[] residuals(double[] y, Matrix x, double[] b) {
        double[] fitted = x.times(b);
        double[] e = new double[y.length];
        for (int i = 0; i < y.length; i++) e[i] = y[i] - fitted[i];
        return e;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static List<Double> toList(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) l.add(d);
        return l;
    }
}
