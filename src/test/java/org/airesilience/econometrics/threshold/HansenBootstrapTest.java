package org.airesilience.econometrics.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Replicates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.airesilience.JsonFields.field;
import static org.airesilience.econometrics.threshold.HansenThresholdValidationTest.relEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap on Hansen's data. (1) Replay, in all three reference variants: fed the reference's own unit draws
 * (MINSTD, as documented in the expected file's conventions), every replicate's F* equals the reference's F_boot
 * entry, and the p-value and critical values computed from the replicates are the reference's exactly. (2) With our
 * streams and a small B, p-values and critical values agree with the reference within Monte Carlo error.
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
    void everyReplicateOfTheWithinVariantReplaysTheReference() {
        replay(HansenThresholdValidationTest.spec(), field(expected, "/variants/exact_within"));
    }

    @Test
    void everyReplicateOfTheGridVariantReplaysTheReference() {
        replay(HansenThresholdValidationTest.spec().withGrid(400), field(expected, "/variants/grid400_within"));
    }

    @Test
    void everyReplicateOfHansensProgramReplaysTheReference() {
        replay(HansenThresholdValidationTest.spec().withHansen1999(), field(expected, "/variants/hansen_replication"));
    }

    /**
     * Every one of the B reference replicates of each stage is recomputed from the reference's unit draws, and the
     * code that turns replicates into the p-value and the 10/5/1% critical values gives the reference's numbers,
     * both from the replayed replicates and from the reference's own F_boot.
     */
    private static void replay(ThresholdSpec spec, JsonNode variant) {
        SequentialSearch procedure = PanelThreshold.procedure(data, spec);
        List<SequentialSearch.Stage> seq = procedure.run(procedure.search.panel.yT, 3, false);
        int n = procedure.search.panel.units;
        String[] names = {"single", "double", "triple"};
        for (int k = 1; k <= 3; k++) {
            ThresholdBootstrap task = PanelThreshold.bootstrapTask(procedure, seq, k);
            JsonNode boot = field(variant, "/" + names[k - 1] + "/bootstrap");
            JsonNode fBoot = field(boot, "/F_boot");
            int replicates = field(boot, "/B").asInt();
            assertEquals(replicates, fBoot.size(), names[k - 1] + ": B and the number of stored replicates");
            double fObserved = procedure.fStatistic(seq.get(k - 1).nullSsr(), seq.get(k - 1).ssr());
            double[] reference = new double[replicates];
            double[] replayed = new double[replicates];
            long x = field(boot, "/seed").asLong();
            for (int b = 0; b < replicates; b++) {
                int[] drawn = new int[n];
                for (int i = 0; i < n; i++) {
                    x = (48271L * x) % 2147483647L;
                    drawn[i] = (int) (x % n);
                }
                reference[b] = fBoot.get(b).asDouble();
                replayed[b] = task.statistic(drawn);
                relEquals(reference[b], replayed[b], 1e-6, names[k - 1] + " replicate " + b);
            }
            for (double[] f : new double[][]{reference, replayed}) {
                String what = names[k - 1] + (f == reference ? " from the reference F_boot" : " from the replayed F*");
                assertEquals(0, Replicates.invalid(f), what);
                assertEquals(field(boot, "/p_value").asDouble(), Replicates.upperTailShare(f, fObserved), 1e-12,
                        what + ": p-value");
                double tol = f == reference ? 1e-13 : 1e-6;
                relEquals(field(boot, "/crit_10pct").asDouble(), Replicates.criticalValue(f, 0.90), tol, what + ": crit 10%");
                relEquals(field(boot, "/crit_5pct").asDouble(), Replicates.criticalValue(f, 0.95), tol, what + ": crit 5%");
                relEquals(field(boot, "/crit_1pct").asDouble(), Replicates.criticalValue(f, 0.99), tol, what + ": crit 1%");
            }
        }
    }

    @Test
    void ownStreamsAgreeWithinMonteCarloError() {
        int b = 150;
        ThresholdResult r = PanelThreshold.estimate(data, HansenThresholdValidationTest.spec().withBootstrap(b),
                new LocalReplicateRunner(20231101L, false));
        JsonNode v = field(expected, "/variants/exact_within");
        String[] names = {"single", "double", "triple"};
        for (int k = 0; k < 3; k++) {
            ThresholdResult.Stage st = r.stages().get(k);
            JsonNode e = field(v, "/" + names[k] + "/bootstrap");
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
