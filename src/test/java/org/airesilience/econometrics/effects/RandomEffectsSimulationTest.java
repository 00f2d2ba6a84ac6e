package org.airesilience.econometrics.effects;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random effects on simulated unbalanced panels whose unit effects are independent of the regressor. */
class RandomEffectsSimulationTest {
    static final long SEED = 77L;

    static Table panel(SplittableRandom rnd, int units, int periods, double keep, double sigmaU) {
        int cap = units * periods;
        double[] id = new double[cap];
        double[] year = new double[cap];
        double[] x = new double[cap];
        double[] y = new double[cap];
        int n = 0;
        for (int i = 0; i < units; i++) {
            double u = sigmaU * FixedEffectsSimulationTest.normal(rnd);
            for (int t = 0; t < periods; t++) {
                if (rnd.nextDouble() >= keep) continue;
                id[n] = i;
                year[n] = t;
                x[n] = FixedEffectsSimulationTest.normal(rnd) + 0.5 * t / periods;
                y[n] = 1 + x[n] + u + FixedEffectsSimulationTest.normal(rnd);
                n++;
            }
        }
        return Table.builder(n).numeric("id", java.util.Arrays.copyOf(id, n)).numeric("year", java.util.Arrays.copyOf(year, n))
                .numeric("x", java.util.Arrays.copyOf(x, n)).numeric("y", java.util.Arrays.copyOf(y, n)).build();
    }

    @Test
    void randomEffectsCoverAndRecoverTheVarianceComponents() {
        int replicates = 200;
        int covered = 0;
        double meanSigma2u = 0;
        double meanSigma2e = 0;
        EstimateSpec spec = EstimateSpec.of("y ~ x").withEstimator("re").withPanel(new PanelKeys("id", "year"));
        for (int r = 0; r < replicates; r++) {
            Table t = panel(Seeds.stream(SEED, "re-coverage", r), 40, 8, 0.8, 1.5);
            ModelFrame frame = Estimators.frame(t, spec);
            RandomEffects.Fit fit = RandomEffects.estimate(frame, VcovSpec.IID);
            Coefficient c = fit.result().require("x");
            if (Math.abs(c.estimate() - 1) <= 1.959963984540054 * c.stdError()) covered++;
            meanSigma2u += fit.result().fit().get("sigma2_individual") / replicates;
            meanSigma2e += fit.result().fit().get("sigma2_idiosyncratic") / replicates;
        }
        double rate = covered / (double) replicates;
        assertTrue(rate >= 0.91 && rate <= 0.99, "coverage " + rate);
        assertEquals(2.25, meanSigma2u, 0.25, "unit variance");
        assertEquals(1.0, meanSigma2e, 0.05, "idiosyncratic variance");
    }
}
