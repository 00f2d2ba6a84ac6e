package org.airesilience.econometrics.threshold;

import org.airesilience.econometrics.data.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Simulated threshold panels with known parameters. */
final class SimulatedPanels {
    private SimulatedPanels() {
    }

    /**
     * y = mu_i + 0.5 x + sum_k beta_k r 1{regime k of q} (+ 0.8 r2 1{q <= g1} - 0.4 r2 1{q > g1} when twoRegressors)
     * + year effect (when timeEffects) + N(0, sigma^2); q ~ U(0,1). Each row is dropped with probability dropShare.
     */
    static Table panel(long seed, int n, int t, double[] gammas, double[] betas, double sigma, double dropShare,
                       boolean twoRegressors, boolean timeEffects) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        double[] yearEffect = new double[t];
        for (int s = 0; s < t; s++) yearEffect[s] = timeEffects ? rnd.nextGaussian() : 0;
        for (int i = 0; i < n; i++) {
            double mu = rnd.nextGaussian();
            for (int s = 0; s < t; s++) {
                double x = rnd.nextGaussian() + 0.3 * mu;
                double r = rnd.nextGaussian() + 1;
                double r2 = rnd.nextGaussian();
                double q = rnd.nextDouble();
                int regime = 0;
                while (regime < gammas.length && q > gammas[regime]) regime++;
                double y = mu + 0.5 * x + betas[regime] * r + yearEffect[s] + sigma * rnd.nextGaussian();
                if (twoRegressors) y += (q <= gammas[0] ? 0.8 : -0.4) * r2;
                if (rnd.nextDouble() < dropShare) continue;
                rows.add(new double[]{i + 1, 2000 + s, y, x, r, r2, q});
            }
        }
        String[] names = {"id", "year", "y", "x", "r", "r2", "q"};
        Table.Builder b = Table.builder(rows.size());
        for (int c = 0; c < names.length; c++) {
            double[] col = new double[rows.size()];
            for (int k = 0; k < col.length; k++) col[k] = rows.get(k)[c];
            b.numeric(names[c], col);
        }
        return b.build();
    }

    static ThresholdSpec spec(int thresholds, List<String> regime, double trim, int bootstrap) {
        return ThresholdSpec.of("id", "year", "y", List.of("x"), regime, "q", thresholds, List.of(trim), bootstrap);
    }
}
