package org.airesilience.econometrics.gmm;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collapsed GMM-style instruments, with and without lag limits (xtabond2's collapse and laglimits, which study A's
 * system GMM uses), against plm::pgmm(..., collapse = TRUE) on the Arellano-Bond UK company panel: instrument
 * count, two-step coefficients, Windmeijer-corrected standard errors, Hansen J and the robust AR(2) statistic.
 * The reference values are src/test/resources/econometrics/gmm/collapsed_gmm.json, written by collapsed_gmm.R
 * beside it.
 */
class CollapsedGmmValidationTest {
    private static final double DIFF_TOL = 1e-8;
    private static final double SYSTEM_TOL = 1e-7;
    private static final double STAT_TOL = 1e-6;
    private static Table data;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        data = ValidationData.table("empluk.csv");
        expected = Json.MAPPER.readTree(Path.of("src/test/resources/econometrics/gmm/collapsed_gmm.json").toFile());
    }

    @Test
    void differenceGmmWithCollapsedInstruments() {
        check("ab_diff_twostep_collapsed", DynamicPanelGmm.fit(data, EmplukGmmValidationTest.abDifferenceSpec().collapsed()));
    }

    @Test
    void systemGmmWithLags2To3Collapsed() {
        GmmSpec spec = GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1) + l(log(wage), 0:1) + l(log(capital), 0:1)"
                        + " | l(log(emp), 2:3) + l(log(wage), 2:3) + l(log(capital), 2:3)"), "firm", "year")
                .withTimeEffects(true).withSystem(true).withTwoStep(true).collapsed();
        check("bb_sys_twostep_lags23_collapsed", DynamicPanelGmm.fit(data, spec));
    }

    private static void check(String model, GmmResult fit) {
        JsonNode m = expected.get(model);
        double tol = fit.spec().system() ? SYSTEM_TOL : DIFF_TOL;
        assertEquals(m.get("n_instruments").asInt(), fit.instrumentCount(), model + " instruments");
        for (Iterator<Map.Entry<String, JsonNode>> it = m.get("coef").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String term = EmplukGmmValidationTest.ourName(c.getKey());
            close(c.getValue().asDouble(), fit.coefficient(term), tol, model + " coef " + term);
            close(m.get("se_robust").get(c.getKey()).asDouble(), fit.stdErrorRobust(term), tol, model + " robust se " + term);
        }
        close(m.get("hansen").get("statistic").asDouble(), fit.hansenJ().statistic(), STAT_TOL, model + " Hansen J");
        assertEquals(m.get("hansen").get("df").asDouble(), fit.hansenJ().df(), model + " Hansen df");
        close(m.get("ar2_robust").asDouble(), fit.arTestsRobust().m2(), STAT_TOL, model + " robust m2");
    }

    private static void close(double expected, double actual, double relTol, String what) {
        double diff = Math.abs(actual - expected);
        assertTrue(diff <= relTol * Math.abs(expected), what + ": expected " + expected + ", got " + actual
                + " (relative difference " + diff / Math.abs(expected) + ")");
    }
}
