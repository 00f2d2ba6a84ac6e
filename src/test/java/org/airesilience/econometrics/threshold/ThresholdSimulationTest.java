package org.airesilience.econometrics.threshold;

import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulated panels with known thresholds and slopes, and the size of the bootstrap test under no threshold. */
class ThresholdSimulationTest {

    @Test
    void recoversTwoThresholdsAndRegimeSlopes() {
        double[] g = {0.3, 0.7};
        double[] beta = {1.0, 2.0, 3.0};
        Table d = SimulatedPanels.panel(11, 200, 10, g, beta, 1.0, 0, false, false);
        ThresholdResult r = PanelThreshold.estimate(d, SimulatedPanels.spec(2, List.of("r"), 0.05, 99),
                new LocalReplicateRunner(5, false));
        assertEquals(0.3, r.thresholds().get(0), 0.02);
        assertEquals(0.7, r.thresholds().get(1), 0.02);
        for (int k = 0; k < 2; k++) {
            ThresholdResult.Stage s = r.stages().get(k);
            double truth = Math.abs(s.estimate() - g[0]) < Math.abs(s.estimate() - g[1]) ? g[0] : g[1];
            assertEquals(truth, s.estimate(), 0.02);
            assertTrue(s.ci().low() <= truth + 0.02 && s.ci().high() >= truth - 0.02,
                    "confidence set covers the truth: " + s.ci());
            assertEquals(0.0, s.pValue(), "threshold " + (k + 1) + " detected");
        }
        for (int k = 0; k < 3; k++) {
            Coefficient c = r.model().require("r_regime" + (k + 1));
            assertEquals(beta[k], c.estimate(), 4 * c.stdError(), c.toString());
        }
        Coefficient x = r.model().require("x");
        assertEquals(0.5, x.estimate(), 4 * x.stdError());
    }

    @Test
    void recoversThresholdInUnbalancedPanelWithTwoRegimeRegressorsAndTimeEffects() {
        double[] g = {0.4};
        double[] beta = {0.5, 1.5};
        Table d = SimulatedPanels.panel(12, 150, 8, g, beta, 1.0, 0.2, true, true);
        ThresholdResult r = PanelThreshold.estimate(d,
                SimulatedPanels.spec(1, List.of("r", "r2"), 0.05, 0).withTimeEffects().withVcov("cluster"), null);
        assertEquals(0.4, r.thresholds().get(0), 0.02);
        double[][] truth = {{0.5, 1.5}, {0.8, -0.4}};
        String[] names = {"r", "r2"};
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 2; k++) {
                Coefficient c = r.model().require(names[j] + "_regime" + (k + 1));
                assertEquals(truth[j][k], c.estimate(), 4 * c.stdError(), c.toString());
            }
        }
    }

    /**
     * Trim 0.3 leaves room for two thresholds (three regimes of at least 30%) but not a third: stage 3 is reported as
     * not estimable, with why, and stages 1 and 2 and the final model are exactly those of a double-threshold fit.
     */
    @Test
    void aStageTheSampleCannotEstimateEndsTheSequenceWithItsReason() {
        Table d = SimulatedPanels.panel(17, 40, 6, new double[]{0.35}, new double[]{0.0, 2.0}, 1.0, 0, false, false);
        ThresholdResult triple = PanelThreshold.estimate(d, SimulatedPanels.spec(3, List.of("r"), 0.3, 0), null);
        ThresholdResult twice = PanelThreshold.estimate(d, SimulatedPanels.spec(2, List.of("r"), 0.3, 0), null);
        assertEquals(2, triple.stages().size());
        assertEquals(List.of(new ThresholdResult.NotEstimable(3,
                "no admissible candidate for threshold 3: the trimming share 0.3 leaves no regime large enough")),
                triple.notEstimable());
        assertEquals(twice.thresholds(), triple.thresholds());
        for (int k = 0; k < 2; k++) {
            assertEquals(twice.stages().get(k).estimate(), triple.stages().get(k).estimate());
            assertEquals(twice.stages().get(k).fStatistic(), triple.stages().get(k).fStatistic());
        }
        assertEquals(twice.model().coefficients(), triple.model().coefficients());
        assertTrue(twice.notEstimable().isEmpty());
        assertEquals("[{stage=3, reason=no admissible candidate for threshold 3: the trimming share 0.3 leaves no regime "
                + "large enough}]", triple.toJsonMap().get("not_estimable").toString());
        // stage 1 itself not estimable leaves nothing to report: an error, as before
        assertThrows(IllegalArgumentException.class,
                () -> PanelThreshold.estimate(d, SimulatedPanels.spec(1, List.of("r"), 0.6, 0), null));
    }

    @Test
    void estimatesMoreThanThreeThresholdsWhenAsked() {
        double[] g = {0.2, 0.5, 0.8};
        double[] beta = {0.0, 1.5, 3.0, 4.5};
        Table d = SimulatedPanels.panel(13, 300, 8, g, beta, 1.0, 0, false, false);
        ThresholdResult r = PanelThreshold.estimate(d, SimulatedPanels.spec(4, List.of("r"), 0.05, 0), null);
        assertEquals(4, r.stages().size());
        assertEquals(4, r.thresholds().size());
        assertEquals(5, r.regimeSizes().size());
        for (double truth : g) {
            assertTrue(r.thresholds().stream().anyMatch(v -> Math.abs(v - truth) < 0.02), "found " + truth + " in "
                    + r.thresholds());
        }
        // The three real thresholds give large F; the fourth, spurious one does not.
        for (int k = 0; k < 3; k++) assertTrue(r.stages().get(k).fStatistic() > 50, "F of stage " + (k + 1));
        assertTrue(r.stages().get(3).fStatistic() < 25, "F of the spurious fourth threshold");
    }

    /**
     * Size under the null of no threshold (n = 30, T = 5, 200 Monte Carlo panels, B = 99 each): the rejection rates
     * at the nominal 10% and 5% levels are within three binomial standard errors of nominal.
     */
    @Test
    void bootstrapTestHasNominalSizeUnderNoThreshold() {
        int reps = 200;
        int rejected10 = 0;
        int rejected5 = 0;
        for (int m = 0; m < reps; m++) {
            Table d = SimulatedPanels.panel(1000 + m, 30, 5, new double[0], new double[]{1.0}, 1.0, 0, false, false);
            ThresholdResult r = PanelThreshold.estimate(d, SimulatedPanels.spec(1, List.of("r"), 0.1, 99),
                    new LocalReplicateRunner(m, false));
            double p = r.stages().get(0).pValue();
            if (p <= 0.10) rejected10++;
            if (p <= 0.05) rejected5++;
        }
        double rate10 = (double) rejected10 / reps;
        double rate5 = (double) rejected5 / reps;
        System.out.printf("threshold bootstrap size: %d panels, rejection %.3f at 10%%, %.3f at 5%%%n", reps, rate10, rate5);
        assertEquals(0.10, rate10, 3 * Math.sqrt(0.10 * 0.90 / reps));
        assertEquals(0.05, rate5, 3 * Math.sqrt(0.05 * 0.95 / reps));
    }
}
