package org.airesilience.econometrics.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.airesilience.JsonFields.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hansen's (1999) data against the reference results in validation/expected/hansen1999_threshold.json: the three
 * variants (within + every distinct value, the xthreg-style grid, Hansen's own program), their bootstrap replicates
 * replayed with the reference's random draws, and a bootstrap with our own streams within Monte Carlo error.
 */
class HansenThresholdValidationTest {
    private static Table data;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws Exception {
        data = ValidationData.table("hansen1999.csv");
        expected = ValidationData.expected("hansen1999_threshold.json");
    }

    static ThresholdSpec spec() {
        return ThresholdSpec.of("id", "year", "i", List.of("q1", "q2", "q3", "d1", "qd1"), List.of("c1"), "d1", 3,
                List.of(0.01, 0.01, 0.05), 0);
    }

    @Test
    void exactWithinMatchesReference() {
        ThresholdResult r = PanelThreshold.estimate(data, spec(), null);
        checkVariant(r, field(expected, "/variants/exact_within"), "se_conventional");
        assertEquals(0.0157, round(r.stages().get(0).estimate(), 4));
        assertEquals(0.54003, round(r.stages().get(1).estimate(), 5));
        assertEquals(0.36652, round(r.stages().get(2).estimate(), 5));
        assertEquals(32.82, round(r.stages().get(0).fStatistic(), 2));
        assertEquals(24.02, round(r.stages().get(1).fStatistic(), 2));
        assertEquals(5.58, round(r.stages().get(2).fStatistic(), 2));
    }

    @Test
    void clusterStandardErrorsMatchXtregConvention() {
        ThresholdResult r = PanelThreshold.estimate(data, spec().withVcov("cluster"), null);
        checkCoefficients(r, field(expected, "/variants/exact_within/coefficients/triple"), "se_cluster_CR1");
    }

    @Test
    void xthregStyleGridMatchesReference() {
        ThresholdResult r = PanelThreshold.estimate(data, spec().withGrid(400), null);
        checkVariant(r, field(expected, "/variants/grid400_within"), "se_conventional");
    }

    @Test
    void hansen1999CompatReproducesThePublishedProgram() {
        ThresholdResult r = PanelThreshold.estimate(data, spec().withHansen1999(), null);
        JsonNode v = field(expected, "/variants/hansen_replication");
        checkVariant(r, v, "se_conventional");
        // The published thresholds 0.0157 and 0.5362.
        assertEquals(0.0157, round(r.stages().get(0).estimate(), 4));
        assertEquals(0.5362, round(r.stages().get(1).estimate(), 4));
    }

    private static void checkVariant(ThresholdResult r, JsonNode v, String seKey) {
        relEquals(v.get("S0").asDouble(), r.linearRss(), 1e-9, "S0");
        JsonNode s1 = v.get("single");
        ThresholdResult.Stage st1 = r.stages().get(0);
        assertEquals(s1.get("g1").asDouble(), st1.estimate(), 0, "g1");
        relEquals(s1.get("S1").asDouble(), st1.rss(), 1e-9, "S1");
        relEquals(s1.get("sigma2").asDouble(), st1.sigma2(), 1e-9, "sigma2_1");
        relEquals(s1.get("F1").asDouble(), st1.fStatistic(), 1e-6, "F1");
        assertEquals(s1.get("n_admissible_candidates").asInt(), st1.curve().lr().length, "candidates 1");
        checkCi(s1.get("ci_95"), st1.ci(), "ci g1");

        JsonNode s2 = v.get("double");
        ThresholdResult.Stage st2 = r.stages().get(1);
        assertEquals(s2.get("g2").asDouble(), st2.estimate(), 0, "g2");
        relEquals(s2.get("S2").asDouble(), st2.rss(), 1e-9, "S2");
        relEquals(s2.get("F2").asDouble(), st2.fStatistic(), 1e-6, "F2");
        assertEquals(s2.get("n_admissible_candidates_g2").asInt(), st2.curve().lr().length, "candidates 2");
        checkCi(s2.get("ci_95_g2"), st2.ci(), "ci g2");
        assertEquals(s2.get("g1_refined").asDouble(), st2.refined().estimate(), 0, "g1 refined");
        relEquals(s2.get("S2_refined").asDouble(), st2.refined().rss(), 1e-9, "S2 refined");
        assertEquals(s2.get("n_admissible_candidates_g1_refined").asInt(), st2.refined().curve().lr().length);
        checkCi(s2.get("ci_95_g1_refined"), st2.refined().ci(), "ci g1 refined");

        JsonNode s3 = v.get("triple");
        ThresholdResult.Stage st3 = r.stages().get(2);
        assertEquals(s3.get("g3").asDouble(), st3.estimate(), 0, "g3");
        relEquals(s3.get("S2_null").asDouble(), st3.nullRss(), 1e-9, "S2 null");
        relEquals(s3.get("S3").asDouble(), st3.rss(), 1e-9, "S3");
        relEquals(s3.get("F3").asDouble(), st3.fStatistic(), 1e-6, "F3");
        assertEquals(s3.get("n_admissible_candidates_g3").asInt(), st3.curve().lr().length, "candidates 3");
        checkCi(s3.get("ci_95_g3"), st3.ci(), "ci g3");
        for (int k = 0; k < 3; k++) assertEquals(s3.get("thresholds_final").get(k).asDouble(), r.thresholds().get(k), 0);
        for (int k = 0; k < 4; k++) assertEquals(s3.get("regime_counts_final").get(k).asInt(), r.regimeSizes().get(k));
        checkCoefficients(r, field(v, "/coefficients/triple"), seKey);
    }

    private static void checkCi(JsonNode e, ThresholdResult.ConfidenceSet ci, String what) {
        assertEquals(e.get("lower").asDouble(), ci.low(), 0, what + " lower");
        assertEquals(e.get("upper").asDouble(), ci.high(), 0, what + " upper");
        assertEquals(e.get("n_candidates_in_set").asInt(), ci.candidates(), what + " size");
        assertEquals(e.get("n_separate_runs").asInt(), ci.runs(), what + " runs");
        assertEquals(e.get("critical_value").asDouble(), -2 * Math.log(1 - Math.sqrt(0.95)), 1e-12);
    }

    private static void checkCoefficients(ThresholdResult r, JsonNode list, String seKey) {
        assertEquals(list.size(), r.model().coefficients().size());
        for (JsonNode c : list) {
            Coefficient got = r.model().require(c.get("term").asText());
            relEquals(c.get("estimate").asDouble(), got.estimate(), 1e-6, c.get("term").asText());
            relEquals(c.get(seKey).asDouble(), got.stdError(), 1e-6, "se " + c.get("term").asText());
        }
    }

    static void relEquals(double want, double got, double rel, String what) {
        assertTrue(Math.abs(got - want) <= rel * Math.abs(want), what + ": expected " + want + ", got " + got);
    }

    private static double round(double v, int digits) {
        return Math.round(v * Math.pow(10, digits)) / Math.pow(10, digits);
    }
}
