package org.airesilience.econometrics.iv;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.EstimationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.airesilience.JsonFields.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 2SLS of lwage on exper, expersq, educ (educ instrumented by motheduc, fatheduc) against R AER/sandwich numbers. */
class TwoStageLeastSquaresMrozTest {
    static final List<String> TERMS = List.of("(Intercept)", "exper", "expersq", "educ");
    static JsonNode expected;
    static IvData data;

    @BeforeAll
    static void load() throws Exception {
        expected = ValidationData.expected("mroz_iv.json");
        data = mroz();
    }

    static IvData mroz() throws Exception {
        Table t = ValidationData.table("mroz.csv");
        boolean[] keep = new boolean[t.rows()];
        double[] inlf = t.numeric("inlf");
        for (int i = 0; i < keep.length; i++) keep[i] = inlf[i] == 1;
        Table w = t.filter(keep);
        int n = w.rows();
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1.0);
        Matrix exog = Matrix.ofColumns(List.of(one, w.numeric("exper"), w.numeric("expersq")));
        return IvData.crossSection(w.numeric("lwage"), exog, List.of("(Intercept)", "exper", "expersq"),
                Matrix.ofColumns(List.of(w.numeric("educ"))), List.of("educ"),
                Matrix.ofColumns(List.of(w.numeric("motheduc"), w.numeric("fatheduc"))), List.of("motheduc", "fatheduc"));
    }

    static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what);
    }

    @Test
    void coefficientsAndHomoskedasticStandardErrors() {
        EstimationResult r = TwoStageLeastSquares.estimate(data, IvVariance.iid());
        assertEquals(428, r.nobs());
        for (String term : TERMS) {
            close(field(expected, "/coef").get(term).asDouble(), r.require(term).estimate(), 1e-6, term);
            close(field(expected, "/se/homoskedastic_df_corrected").get(term).asDouble(), r.require(term).stdError(), 1e-6, term);
        }
        close(expected.get("rss").asDouble(), r.fit().get("rss"), 1e-6, "rss");
        close(expected.get("sigma_df_corrected").asDouble(), r.fit().get("sigma"), 1e-6, "sigma");
    }

    @Test
    void heteroskedasticityRobustStandardErrorsAreHc1() {
        EstimationResult r = TwoStageLeastSquares.estimate(data, IvVariance.hetero());
        int n = 428;
        int k = 4;
        for (String term : TERMS) {
            close(field(expected, "/se/HC1").get(term).asDouble(), r.require(term).stdError(), 1e-6, term);
            // HC0 = HC1 * sqrt((N-K)/N)
            close(field(expected, "/se/HC0").get(term).asDouble(), r.require(term).stdError() * Math.sqrt((n - k) / (double) n), 1e-6, term);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void firstStage() {
        EstimationResult r = TwoStageLeastSquares.estimate(data, IvVariance.iid());
        JsonNode fs = expected.get("first_stage");
        close(fs.get("F").asDouble(), r.tests().get("first_stage_f").statistic(), 1e-4, "first-stage F");
        assertEquals(2, r.tests().get("first_stage_f").df());
        assertEquals(423, r.tests().get("first_stage_f").df2());
        close(fs.get("p_value").asDouble(), r.tests().get("first_stage_f").pValue(), 1e-4, "first-stage p");
        Map<String, Object> first = ((List<Map<String, Object>>) r.extra().get("first_stage")).get(0);
        close(fs.get("partial_r2").asDouble(), (Double) first.get("partial_r2"), 1e-6, "partial R2");
        for (Map<String, Object> c : (List<Map<String, Object>>) first.get("coefficients")) {
            String term = (String) c.get("term");
            close(field(fs, "/coef").get(term).asDouble(), (Double) c.get("estimate"), 1e-6, term);
            close(field(fs, "/se").get(term).asDouble(), (Double) c.get("std_error"), 1e-6, term);
        }
    }

    @Test
    void identificationAndOveridentificationStatistics() {
        EstimationResult r = TwoStageLeastSquares.estimate(data, IvVariance.iid());
        close(field(expected, "/anderson_lm/statistic").asDouble(), r.tests().get("anderson_lm").statistic(), 1e-4, "Anderson LM");
        assertEquals(field(expected, "/anderson_lm/df").asDouble(), r.tests().get("anderson_lm").df());
        close(field(expected, "/anderson_lm/p_value").asDouble(), r.tests().get("anderson_lm").pValue(), 1e-4, "Anderson p");
        close(expected.get("cragg_donald_wald_F").asDouble(), r.tests().get("cragg_donald_f").statistic(), 1e-4, "Cragg-Donald F");
        close(field(expected, "/sargan/statistic").asDouble(), r.tests().get("sargan").statistic(), 1e-4, "Sargan");
        assertEquals(1.0, r.tests().get("sargan").df());
        close(field(expected, "/sargan/p_value").asDouble(), r.tests().get("sargan").pValue(), 1e-4, "Sargan p");
        assertFalse(r.tests().containsKey("kleibergen_paap_f"), "KP statistics only with robust variance");
    }

    @Test
    void kleibergenPaapWithOneEndogenousRegressorEqualsRobustFirstStageF() {
        for (IvVariance v : List.of(IvVariance.hetero(), clusterByCity())) {
            EstimationResult r = TwoStageLeastSquares.estimate(data, v);
            close(r.tests().get("first_stage_f").statistic(), r.tests().get("kleibergen_paap_f").statistic(), 1e-10, "KP F = robust F");
            assertTrue(r.tests().containsKey("hansen_j"));
            assertTrue(r.tests().get("kleibergen_paap_lm").statistic() > 0);
        }
    }

    @Test
    void rankTestUnderHomoskedasticityIsAndersonLm() {
        Matrix w = data.exog();
        RankTest rank = new RankTest(TwoStageLeastSquares.partialOut(w, data.endog()), TwoStageLeastSquares.partialOut(w, data.excluded()));
        close(field(expected, "/anderson_lm/statistic").asDouble(), rank.homoskedastic(), 1e-8, "rk (iid) = N lambda_min");
    }

    /** With one endogenous regressor the rk LM is the robust score test of the excluded instruments (errors under H0). */
    @Test
    void kleibergenPaapLmIsTheRobustScoreTestWithOneEndogenousRegressor() {
        Matrix w = data.exog();
        double[] x = TwoStageLeastSquares.partialOut(w, data.endog()).column(0);
        Matrix z = TwoStageLeastSquares.partialOut(w, data.excluded());
        double[] g = z.tTimes(x);
        Matrix s = Scores.times(z, x).crossprod();
        double[] sg = s.solveSpd(g);
        double lm = g[0] * sg[0] + g[1] * sg[1];
        EstimationResult r = TwoStageLeastSquares.estimate(data, IvVariance.hetero());
        close(lm, r.tests().get("kleibergen_paap_lm").statistic(), 1e-8, "KP LM = robust score test");
    }

    private static IvVariance clusterByCity() {
        // Five clusters by experience band: enough to exercise the cluster path deterministically.
        double[] exper = data.exog().column(1);
        int[] codes = new int[exper.length];
        for (int i = 0; i < codes.length; i++) codes[i] = (int) Math.min(4, exper[i] / 8);
        return IvVariance.cluster("exper_band", codes);
    }
}
