package org.airesilience.econometrics.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.airesilience.econometrics.threshold.HansenThresholdValidationTest.relEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap on Hansen's data. (1) Replay: fed the reference's own unit draws (MINSTD, as documented in the
 * expected file's conventions), each replicate's F* equals the reference's F_boot entry. (2) With our streams and a
 * small B, p-values and critical values agree with the reference within Monte Carlo error.
 */
class HansenBootstrapTest {
    private static Table data;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws Exception {
        data = ValidationData.table("hansen1999.csv");
        expected = ValidationData.expected("hansen1999_threshold.json");
    }

    @Test
    void replicatesReplayTheReferenceDrawsExactly() {
        replay(HansenThresholdValidationTest.spec(), expected.at("/variants/exact_within"), 12);
    }

    @Test
    void hansen1999ReplicatesReplayHansensProgram() {
        replay(HansenThresholdValidationTest.spec().withHansen1999(), expected.at("/variants/hansen_replication"), 12);
    }

    private static void replay(ThresholdSpec spec, JsonNode variant, int replicates) {
        SequentialSearch procedure = PanelThreshold.procedure(data, spec);
        List<SequentialSearch.Stage> seq = procedure.run(procedure.search.panel.yT, 3, false);
        int n = procedure.search.panel.units;
        String[] names = {"single", "double", "triple"};
        for (int k = 1; k <= 3; k++) {
            ThresholdBootstrap task = PanelThreshold.bootstrapTask(procedure, seq, k);
            JsonNode boot = variant.at("/" + names[k - 1] + "/bootstrap/F_boot");
            long x = 1999 + k - 1;
            for (int b = 0; b < replicates; b++) {
                int[] drawn = new int[n];
                for (int i = 0; i < n; i++) {
                    x = (48271L * x) % 2147483647L;
                    drawn[i] = (int) (x % n);
                }
                relEquals(boot.get(b).asDouble(), task.statistic(drawn), 1e-6, names[k - 1] + " replicate " + b);
            }
        }
    }

    @Test
    void ownStreamsAgreeWithinMonteCarloError() {
        int b = 150;
        ThresholdResult r = PanelThreshold.estimate(data, HansenThresholdValidationTest.spec().withBootstrap(b),
                new LocalReplicateRunner(20231101L, false));
        JsonNode v = expected.at("/variants/exact_within");
        String[] names = {"single", "double", "triple"};
        for (int k = 0; k < 3; k++) {
            ThresholdResult.Stage st = r.stages().get(k);
            JsonNode e = v.at("/" + names[k] + "/bootstrap");
            int bRef = e.get("B").asInt();
            assertEquals(b, st.replications());
            // p-value: difference of two binomial proportions (reference B = 300, ours B = 150).
            double p = (e.get("p_value").asDouble() * bRef + st.pValue() * b) / (bRef + b);
            double se = Math.sqrt(Math.max(p * (1 - p), 1.0 / (bRef + b)) * (1.0 / bRef + 1.0 / b));
            assertTrue(Math.abs(st.pValue() - e.get("p_value").asDouble()) <= 4 * se,
                    names[k] + " p-value " + st.pValue() + " vs " + e.get("p_value").asDouble());
            // Critical values: the share of the reference's F* below ours is the quantile level, within binomial error.
            JsonNode fRef = e.get("F_boot");
            double[][] levels = {{0.90, st.crit10()}, {0.95, st.crit5()}, {0.99, st.crit1()}};
            for (double[] lv : levels) {
                int below = 0;
                for (JsonNode f : fRef) if (f.asDouble() <= lv[1]) below++;
                double share = (double) below / fRef.size();
                double sq = Math.sqrt(lv[0] * (1 - lv[0]) * (1.0 / bRef + 1.0 / b));
                assertTrue(Math.abs(share - lv[0]) <= 4 * sq + 1.0 / b,
                        names[k] + " critical value at " + lv[0] + ": " + lv[1] + " sits at quantile " + share
                                + " of the reference replicates");
            }
        }
        assertEquals(0.0, r.stages().get(0).pValue());
        assertTrue(r.stages().get(1).pValue() < 0.10, "double threshold significant at 10%");
        assertTrue(r.stages().get(2).pValue() > 0.10, "triple threshold not significant");
    }
}
