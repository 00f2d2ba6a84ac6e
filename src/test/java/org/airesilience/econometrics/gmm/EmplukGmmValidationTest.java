package org.airesilience.econometrics.gmm;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.TestResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model of expected/empluk_gmm.json (R plm::pgmm on the Arellano-Bond EmplUK panel): coefficients, first-step
 * coefficients, non-robust and robust (Windmeijer) standard errors to 1e-8 relative for difference GMM and 1e-7
 * for system GMM (the tolerances the file recommends: its system GMM numbers are reproducible to ~1e-9 only),
 * AR(1)/AR(2) with both variances, Sargan/Hansen with both weights and Wald tests to 1e-6 relative, instrument and
 * observation counts exactly.
 */
class EmplukGmmValidationTest {
    private static final double DIFF_TOL = 1e-8;
    private static final double SYSTEM_TOL = 1e-7;
    private static final double STAT_TOL = 1e-6;
    private static Table data;
    private static JsonNode models;

    @BeforeAll
    static void load() throws Exception {
        data = ValidationData.table("empluk.csv");
        models = ValidationData.expected("empluk_gmm.json").get("models");
    }

    static GmmSpec abDifferenceSpec() {
        return GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1:2) + l(log(wage), 0:1) + log(capital)"
                        + " + l(log(output), 0:1) | l(log(emp), 2:99)"), "firm", "year")
                .withTimeEffects(true).withTwoStep(true);
    }

    static GmmSpec bbSystemSpec() {
        return GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1) + l(log(wage), 0:1) + l(log(capital), 0:1)"
                        + " | l(log(emp), 2:99) + l(log(wage), 2:99) + l(log(capital), 2:99)"), "firm", "year")
                .withTimeEffects(true).withSystem(true);
    }

    @Test
    void arellanoBondDifferenceTwoStep() {
        check("ab_diff_twostep", DynamicPanelGmm.fit(data, abDifferenceSpec()));
    }

    @Test
    void blundellBondSystemOneStep() {
        check("bb_sys_onestep", DynamicPanelGmm.fit(data, bbSystemSpec()));
    }

    @Test
    void blundellBondSystemTwoStep() {
        check("bb_sys_twostep", DynamicPanelGmm.fit(data, bbSystemSpec().withTwoStep(true)));
    }

    private static void check(String model, GmmResult fit) {
        JsonNode m = models.get(model);
        double tol = fit.spec().system() ? SYSTEM_TOL : DIFF_TOL;
        assertEquals(m.get("n_instruments").asInt(), fit.instrumentCount(), model + " instruments");
        assertEquals(m.get("n_coefficients").asInt(), fit.terms().size(), model + " coefficients");
        assertEquals(m.get("n_firms").asInt(), fit.units(), model + " firms");
        assertEquals(m.get("n_obs_used_plm").asInt(), fit.nobs(), model + " observations used");
        for (Iterator<Map.Entry<String, JsonNode>> it = m.get("coef").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String term = ourName(c.getKey());
            close(c.getValue().asDouble(), fit.coefficient(term), tol, model + " coef " + term);
            close(m.get("se_plain").get(c.getKey()).asDouble(), fit.stdErrorPlain(term), tol, model + " se " + term);
            close(m.get("se_robust").get(c.getKey()).asDouble(), fit.stdErrorRobust(term), tol,
                    model + " robust se " + term);
        }
        if (m.has("coef_first_step")) {
            double[] first = fit.firstStepCoefficients();
            assertNotNull(first);
            for (Iterator<Map.Entry<String, JsonNode>> it = m.get("coef_first_step").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String term = ourName(c.getKey());
                close(c.getValue().asDouble(), first[fit.terms().indexOf(term)], tol, model + " step-1 " + term);
            }
        }
        close(m.get("ar1_test").get("vcov_plain").get("statistic").asDouble(), fit.arTestsPlain().m1(), STAT_TOL, model + " m1");
        close(m.get("ar2_test").get("vcov_plain").get("statistic").asDouble(), fit.arTestsPlain().m2(), STAT_TOL, model + " m2");
        close(m.get("ar1_test").get("vcov_robust").get("statistic").asDouble(), fit.arTestsRobust().m1(), STAT_TOL, model + " robust m1");
        close(m.get("ar2_test").get("vcov_robust").get("statistic").asDouble(), fit.arTestsRobust().m2(), STAT_TOL, model + " robust m2");
        close(m.get("ar1_test").get("vcov_robust").get("p_value").asDouble(), fit.ar1().pValue(), STAT_TOL, model + " m1 p");
        close(m.get("ar2_test").get("vcov_robust").get("p_value").asDouble(), fit.ar2().pValue(), STAT_TOL, model + " m2 p");
        JsonNode hansen = m.get("sargan_hansen").get("weights_twosteps");
        TestResult j = fit.hansenJ();
        close(hansen.get("statistic").asDouble(), j.statistic(), STAT_TOL, model + " Hansen J");
        assertEquals(hansen.get("df").asDouble(), j.df(), model + " Hansen df");
        close(hansen.get("p_value").asDouble(), j.pValue(), STAT_TOL, model + " Hansen p");
        JsonNode sargan = m.get("sargan_hansen").get("weights_onestep");
        close(sargan.get("statistic").asDouble(), fit.pgmmOneStepWeightSargan().statistic(), STAT_TOL, model + " Sargan");
        assertEquals(sargan.get("df").asDouble(), fit.pgmmOneStepWeightSargan().df(), model + " Sargan df");
        // what summary(pgmm) prints as the Sargan test
        close(hansen.get("statistic").asDouble(), fit.sargan().statistic(), STAT_TOL, model + " printed Sargan");
        // summary(fit) uses the robust variance for Wald tests
        TestResult wc = fit.waldCoefficients();
        close(m.get("wald_coef").get("vcov_robust").get("statistic").asDouble(), wc.statistic(), STAT_TOL, model + " Wald");
        assertEquals(m.get("wald_coef").get("vcov_robust").get("df").asDouble(), wc.df(), model + " Wald df");
        TestResult wt = fit.waldTimeDummies();
        close(m.get("wald_time_dummies").get("vcov_robust").get("statistic").asDouble(), wt.statistic(), STAT_TOL,
                model + " Wald time");
        assertEquals(m.get("wald_time_dummies").get("vcov_robust").get("df").asDouble(), wt.df(), model + " Wald time df");
    }

    private static final Pattern RANGE = Pattern.compile("lag\\((.*), \\d+:\\d+\\)(\\d+)");
    private static final Pattern SINGLE = Pattern.compile("lag\\((.*), (\\d+)\\)");

    /** plm's coefficient names in this package's naming. */
    static String ourName(String plm) {
        Matcher r = RANGE.matcher(plm);
        if (r.matches()) return new LaggedTerm(r.group(1), Integer.parseInt(r.group(2))).name();
        Matcher s = SINGLE.matcher(plm);
        if (s.matches()) return new LaggedTerm(s.group(1), Integer.parseInt(s.group(2))).name();
        if (plm.matches("\\d{4}")) return "year::" + plm;
        return plm;
    }

    private static void close(double expected, double actual, double relTol, String what) {
        double diff = Math.abs(actual - expected);
        assertTrue(diff <= relTol * Math.abs(expected), what + ": expected " + expected + ", got " + actual
                + " (relative difference " + diff / Math.abs(expected) + ")");
    }
}
