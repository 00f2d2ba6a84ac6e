package org.airesilience.econometrics.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares one-way and two-way fixed effects on the Grunfeld data with src/test/resources/validation/expected/grunfeld_fe.json
 * (R plm/lm, Stata conventions as that file documents them).
 */
class GrunfeldFixedEffectsTest {
    static Table grunfeld;
    static JsonNode expected;

    @BeforeAll
    static void load() throws Exception {
        grunfeld = ValidationData.table("grunfeld.csv");
        expected = ValidationData.expected("grunfeld_fe.json");
    }

    static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, Math.abs(expected) * rel, what);
    }

    private static EstimationResult fit(String formula, String vcov) {
        return Estimators.fit(grunfeld, EstimateSpec.of(formula).withVcov(VcovSpec.parse(vcov)));
    }

    private void check(String block, String formula) {
        JsonNode e = expected.get(block);
        EstimationResult conv = fit(formula, "iid");
        EstimationResult cl = fit(formula, "cluster:firm");
        for (String term : new String[]{"value", "capital"}) {
            Coefficient c = conv.require(term);
            close(e.get("coef").get(term).asDouble(), c.estimate(), 1e-6, block + " coef " + term);
            close(e.get("se_conventional").get(term).asDouble(), c.stdError(), 1e-6, block + " se " + term);
            close(e.get("t_conventional").get(term).asDouble(), c.statistic(), 1e-6, block + " t " + term);
            close(e.get("p_conventional").get(term).asDouble(), c.pValue(), 1e-4, block + " p " + term);
            Coefficient k = cl.require(term);
            close(e.get("coef").get(term).asDouble(), k.estimate(), 1e-6, block + " coef " + term);
            close(e.get("se_cluster").get(term).asDouble(), k.stdError(), 1e-6, block + " cluster se " + term);
            close(e.get("t_cluster").get(term).asDouble(), k.statistic(), 1e-6, block + " cluster t " + term);
            close(e.get("p_cluster").get(term).asDouble(), k.pValue(), 1e-4, block + " cluster p " + term);
        }
        assertEquals(e.get("N").asInt(), conv.nobs());
        assertEquals(e.get("n_groups").asInt(), conv.ngroups());
        close(e.get("rss").asDouble(), conv.fit().get("rss"), 1e-8, "rss");
        assertEquals(e.get("df_resid").asDouble(), conv.fit().get("df_resid"));
        close(e.get("sigma_e").asDouble(), conv.fit().get("sigma"), 1e-8, "sigma");
        close(e.get("r2_within").asDouble(), conv.fit().get("r2_within"), 1e-8, "r2_within");
        close(e.get("r2_lsdv").asDouble(), conv.fit().get("r2"), 1e-8, "r2 (LSDV)");
        close(e.get("r2_lsdv_adj").asDouble(), conv.fit().get("adj_r2"), 1e-8, "adj_r2 (LSDV)");
        if (conv.fit().containsKey("r2_within_xtreg")) {
            close(e.get("r2_within_individual_demeaned_tss").asDouble(), conv.fit().get("r2_within_xtreg"), 1e-8, "r2_within_xtreg");
        }
        // the full variance matrices, off-diagonals included
        checkMatrix(e.get("vcov_conventional").get("values"), formula, "iid");
        checkMatrix(e.get("vcov_cluster").get("values"), formula, "cluster:firm");
        // the small-sample factor's K appears in words in the conventions block
        String small = String.valueOf(cl.conventions().get("small_sample"));
        assertEquals(true, small.contains("K = " + e.get("cluster_K_counted").asInt()), small);
    }

    private void checkMatrix(JsonNode values, String formula, String vcov) {
        EstimateSpec spec = EstimateSpec.of(formula).withVcov(VcovSpec.parse(vcov));
        LinearRegression.Fit fit = LinearRegression.estimate(Estimators.frame(grunfeld, spec), spec.vcov());
        assertEquals(java.util.List.of("value", "capital"), fit.names());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                close(values.get(i).get(j).asDouble(), fit.vcov().get(i, j), 1e-6, vcov + " V[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void oneWayFirmEffects() {
        check("oneway_fe", "inv ~ value + capital | firm");
    }

    @Test
    void twoWayFirmAndYearEffects() {
        check("twoway_fe", "inv ~ value + capital | firm + year");
    }

    @Test
    void estimatorFeWithPanelKeysIsOneWay() {
        EstimationResult r = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital").withEstimator("fe")
                .withPanel(org.airesilience.econometrics.data.PanelKeys.parse("firm,year")));
        close(expected.get("oneway_fe").get("coef").get("value").asDouble(), r.require("value").estimate(), 1e-6, "coef");
    }
}
