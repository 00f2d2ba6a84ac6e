package org.airesilience.econometrics.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The constant of absorbed-effects models against src/test/resources/econometrics/cons/xtreg_cons.json, written by
 * xtreg_cons.R beside it: R lm on the xtreg-transformed data (y - ybar_i + ybar on x - xbar_i + xbar, year dummies
 * for two-way effects), with the LSDV sum-contrast intercept and its conventional s.e. as an independent check inside the script.
 */
class AbsorbedConstantTest {
    static final Path DIR = Path.of("src/test/resources/econometrics/cons");

    private static void check(String csv, String block, String formula) throws Exception {
        Table t = Table.readCsv(DIR.resolve(csv));
        JsonNode e = Json.MAPPER.readTree(DIR.resolve("xtreg_cons.json").toFile()).get(block);
        for (String vcov : List.of("iid", "hetero", "cluster")) {
            EstimationResult r = Estimators.fit(t, EstimateSpec.of(formula)
                    .withVcov(VcovSpec.parse(vcov.equals("cluster") ? "cluster:firm" : vcov)));
            Coefficient c = r.require("_cons");
            JsonNode v = e.get(vcov);
            String what = block + " " + vcov;
            assertEquals(e.get("cons").asDouble(), c.estimate(), 1e-9 * Math.abs(c.estimate()), what + " _cons");
            assertEquals(v.get("cons_se").asDouble(), c.stdError(), 1e-8 * c.stdError(), what + " se");
            assertEquals(v.get("cons_t").asDouble(), c.statistic(), 1e-8 * Math.abs(c.statistic()), what + " t");
            assertEquals(v.get("cons_p").asDouble(), c.pValue(), 1e-7 * c.pValue() + 1e-15, what + " p");
            assertEquals(v.get("value_se").asDouble(), r.require("value").stdError(), 1e-8 * v.get("value_se").asDouble(), what);
            assertEquals(e.get("df_resid").asDouble(), r.fit().get("df_resid"));
            assertEquals("_cons", r.coefficients().get(r.coefficients().size() - 1).term(), "reported last, as Stata");
            for (String k : List.of("r2", "adj_r2", "r2_within", "r2_within_xtreg")) {
                assertEquals(e.get("r2").get(k).asDouble(), r.fit().get(k), 1e-10, what + " " + k);
            }
        }
    }

    @Test
    void oneWayMatchesXtregFe() throws Exception {
        check("grunfeld.csv", "oneway", "inv ~ value + capital | firm");
    }

    @Test
    void twoWayMatchesXtregWithYearDummies() throws Exception {
        check("grunfeld.csv", "twoway", "inv ~ value + capital | firm + year");
    }

    @Test
    void unbalancedPanels() throws Exception {
        check("grunfeld_unbalanced.csv", "oneway_unbalanced", "inv ~ value + capital | firm");
        check("grunfeld_unbalanced.csv", "twoway_unbalanced", "inv ~ value + capital | firm + year");
    }

    @Test
    void estimateJsonCarriesTheConstantAndEveryNamedR2() throws Exception {
        Table t = Table.readCsv(DIR.resolve("grunfeld.csv"));
        EstimationResult r = Estimators.fit(t, EstimateSpec.of("inv ~ value + capital | firm"));
        Map<String, Object> json = Json.toMap(r);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> coefs = (List<Map<String, Object>>) json.get("coefficients");
        Map<String, Object> cons = coefs.stream().filter(m -> m.get("term").equals("_cons")).findFirst().orElseThrow();
        for (String k : List.of("estimate", "std_error", "statistic", "p_value")) assertNotNull(cons.get(k), k);
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = (Map<String, Object>) json.get("fit");
        for (String k : List.of("r2", "adj_r2", "r2_within", "r2_within_xtreg")) assertNotNull(fit.get(k), k);
        assertEquals((double) fit.get("r2_within"), (double) fit.get("r2_within_xtreg"), 0.0, "one-way: the same");
        assertTrue(String.valueOf(r.conventions().get("constant")).contains("xtreg"));
    }

    @Test
    void noConstantWhenTheFormulaDropsIt() throws Exception {
        Table t = Table.readCsv(DIR.resolve("grunfeld.csv"));
        EstimationResult r = Estimators.fit(t, EstimateSpec.of("inv ~ value + capital - 1 | firm"));
        assertTrue(r.coefficient("_cons").isEmpty());
    }
}
