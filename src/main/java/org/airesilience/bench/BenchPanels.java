package org.airesilience.bench;

import org.airesilience.econometrics.data.Table;

import java.util.SplittableRandom;

/** Simulated balanced panels for the threshold and placebo benchmarks (known parameters, fixed seeds). */
final class BenchPanels {
    private BenchPanels() {
    }

    /**
     * y = mu_i + 0.5 x1 - 0.3 x2 + ... (controls) + beta_k r 1{q in regime k} + e, with q ~ U(0, 1) (so every
     * observation is a distinct candidate), regime slopes 1, 2, 3, ... split at {@code thresholds}.
     */
    static Table threshold(long seed, int units, int periods, int controls, double... thresholds) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = units * periods;
        double[] id = new double[n], year = new double[n], y = new double[n], r = new double[n], q = new double[n];
        double[][] x = new double[controls][n];
        for (int i = 0; i < units; i++) {
            double mu = random.nextGaussian();
            for (int t = 0; t < periods; t++) {
                int row = i * periods + t;
                id[row] = i + 1;
                year[row] = 2001 + t;
                q[row] = random.nextDouble();
                r[row] = random.nextGaussian();
                double v = mu;
                for (int j = 0; j < controls; j++) {
                    x[j][row] = random.nextGaussian();
                    v += (j % 2 == 0 ? 0.5 : -0.3) * x[j][row];
                }
                int regime = 0;
                while (regime < thresholds.length && q[row] > thresholds[regime]) regime++;
                y[row] = v + (1 + regime) * r[row] + random.nextGaussian();
            }
        }
        Table.Builder b = Table.builder(n).numeric("id", id).numeric("year", year).numeric("y", y)
                .numeric("r", r).numeric("q", q);
        for (int j = 0; j < controls; j++) b.numeric("x" + (j + 1), x[j]);
        return b.build();
    }

    /** y = mu_i + lambda_t + sum_j beta_j x_j + e with {@code regressors} regressors; the first has beta 0.4. */
    static Table twoWay(long seed, int units, int periods, int regressors) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = units * periods;
        double[] id = new double[n], year = new double[n], y = new double[n];
        double[][] x = new double[regressors][n];
        double[] lambda = new double[periods];
        for (int t = 0; t < periods; t++) lambda[t] = random.nextGaussian();
        for (int i = 0; i < units; i++) {
            double mu = random.nextGaussian();
            for (int t = 0; t < periods; t++) {
                int row = i * periods + t;
                id[row] = i + 1;
                year[row] = 2006 + t;
                double v = mu + lambda[t];
                for (int j = 0; j < regressors; j++) {
                    x[j][row] = 0.5 * mu + random.nextGaussian();
                    v += (j == 0 ? 0.4 : 0.1 * j) * x[j][row];
                }
                y[row] = v + random.nextGaussian();
            }
        }
        Table.Builder b = Table.builder(n).numeric("id", id).numeric("year", year).numeric("y", y);
        for (int j = 0; j < regressors; j++) b.numeric("x" + (j + 1), x[j]);
        return b.build();
    }

    /** The first {@code units} units of a panel whose rows are ordered by unit. */
    static Table firstUnits(Table panel, int units, int periods) {
        int[] rows = new int[units * periods];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        return panel.select(rows);
    }
}
