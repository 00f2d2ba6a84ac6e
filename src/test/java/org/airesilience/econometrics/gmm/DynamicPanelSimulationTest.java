package org.airesilience.econometrics.gmm;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AR(1) panels with fixed effects, y_it = a_i + 0.5 y_i,t-1 + e_it (N = 500 units, T = 7 observed periods, drawn
 * after a burn-in so the initial conditions are stationary, as system GMM requires). Over 200 replicates:
 * system GMM is centred on 0.5 and its 95% interval covers 0.5 at about the nominal rate, the AR(2) test rejects
 * at about 5% (the errors are serially uncorrelated), while the within (fixed-effects) estimator is biased
 * downwards by about (1 + rho) / (T - 1) (Nickell 1981) and its interval almost never covers 0.5. One-step
 * difference GMM under the xtabond2 convention, with homoskedastic errors: its Sargan test has about nominal size
 * and its non-robust standard error (sigma^2-scaled) agrees with the robust one on average.
 */
class DynamicPanelSimulationTest {
    private static final double RHO = 0.5;
    private static final int UNITS = 500;
    private static final int PERIODS = 7;
    private static final int REPLICATES = 150;
    private static final long SEED = 20240611L;

    @Test
    void systemGmmRecoversRhoWhileWithinIsNickellBiased() {
        int covered = 0;
        int ar2Rejected = 0;
        int ar1Rejected = 0;
        int feCovered = 0;
        double sumGmm = 0;
        double sumFe = 0;
        int sarganRejected = 0;
        double seRatio = 0;
        GmmSpec spec = GmmSpec.of(DynamicFormula.parse("y ~ l(y, 1) | l(y, 2:99)"), "id", "t").withSystem(true)
                .withTwoStep(true);
        GmmSpec xtabond2 = GmmSpec.of(DynamicFormula.parse("y ~ l(y, 1) | l(y, 2:99)"), "id", "t")
                .withConvention(GmmConvention.XTABOND2);
        for (int r = 0; r < REPLICATES; r++) {
            Table data = simulate(Seeds.stream(SEED, "gmm-simulation", r));
            GmmResult fit = DynamicPanelGmm.fit(data, spec);
            double rho = fit.coefficient("l(y, 1)");
            double se = fit.stdErrorRobust("l(y, 1)");
            sumGmm += rho;
            if (Math.abs(rho - RHO) <= 1.959964 * se) covered++;
            if (fit.ar2().pValue() < 0.05) ar2Rejected++;
            if (fit.ar1().pValue() < 0.05) ar1Rejected++;
            GmmResult diff = DynamicPanelGmm.fit(data, xtabond2);
            if (diff.sargan().pValue() < 0.05) sarganRejected++;
            seRatio += diff.stdErrorPlain("l(y, 1)") / diff.stdErrorRobust("l(y, 1)") / REPLICATES;
            double[] fe = withinEstimate(data);
            sumFe += fe[0];
            if (Math.abs(fe[0] - RHO) <= 1.959964 * fe[1]) feCovered++;
        }
        double meanGmm = sumGmm / REPLICATES;
        double meanFe = sumFe / REPLICATES;
        assertEquals(RHO, meanGmm, 0.02, "mean system GMM estimate");
        // binomial standard error of a 95% coverage over 150 replicates is 1.8 points
        assertTrue(covered >= 0.90 * REPLICATES && covered <= 0.99 * REPLICATES, "coverage " + covered + "/" + REPLICATES);
        System.out.printf("GMM simulation: AR(2) rejected %d/%d, Sargan rejected %d/%d at 5%%%n", ar2Rejected,
                REPLICATES, sarganRejected, REPLICATES);
        // Binomial(150, 0.05): P(X <= 1) = 0.005 and P(X >= 16) = 0.004, so a test of nominal size lands in [2, 15]
        // and a statistic that never (or too often) rejects fails.
        assertTrue(ar2Rejected >= 2 && ar2Rejected <= 15, "AR(2) rejections " + ar2Rejected + "/" + REPLICATES);
        // differenced iid errors are MA(1): AR(1) is rejected in (nearly) every sample
        assertTrue(ar1Rejected >= 0.95 * REPLICATES, "AR(1) rejections " + ar1Rejected + "/" + REPLICATES);
        assertTrue(sarganRejected >= 2 && sarganRejected <= 15, "Sargan rejections " + sarganRejected + "/" + REPLICATES);
        assertEquals(1.0, seRatio, 0.1, "mean ratio of non-robust to robust one-step standard errors");
        // Nickell bias: about -(1 + rho)/(T - 1) = -0.25 with T - 1 = 6 usable periods
        assertTrue(meanFe < RHO - 0.15, "mean within estimate " + meanFe + " should be biased downwards");
        assertTrue(feCovered <= 0.05 * REPLICATES, "within intervals covering rho: " + feCovered);
    }

    /** One balanced panel: 50 burn-in periods from zero, then PERIODS observed periods. */
    static Table simulate(SplittableRandom rng) {
        int n = UNITS * PERIODS;
        double[] id = new double[n];
        double[] t = new double[n];
        double[] y = new double[n];
        int row = 0;
        for (int i = 0; i < UNITS; i++) {
            double alpha = rng.nextGaussian();
            double v = 0;
            for (int s = 0; s < 50; s++) v = alpha + RHO * v + rng.nextGaussian();
            for (int s = 0; s < PERIODS; s++) {
                v = alpha + RHO * v + rng.nextGaussian();
                id[row] = i + 1;
                t[row] = 2001 + s;
                y[row] = v;
                row++;
            }
        }
        return Table.builder(n).numeric("id", id).numeric("t", t).numeric("y", y).build();
    }

    /** Within (fixed-effects) OLS of y on its lag: slope and its conventional standard error. */
    static double[] withinEstimate(Table data) {
        double[] y = data.numeric("y");
        double sxy = 0;
        double sxx = 0;
        int obs = 0;
        double[][] pairs = new double[UNITS][];
        for (int i = 0; i < UNITS; i++) {
            int base = i * PERIODS;
            double my = 0;
            double mx = 0;
            for (int s = 1; s < PERIODS; s++) {
                my += y[base + s];
                mx += y[base + s - 1];
            }
            my /= PERIODS - 1;
            mx /= PERIODS - 1;
            pairs[i] = new double[]{my, mx};
            for (int s = 1; s < PERIODS; s++) {
                double dx = y[base + s - 1] - mx;
                sxy += dx * (y[base + s] - my);
                sxx += dx * dx;
                obs++;
            }
        }
        double b = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < UNITS; i++) {
            int base = i * PERIODS;
            for (int s = 1; s < PERIODS; s++) {
                double e = (y[base + s] - pairs[i][0]) - b * (y[base + s - 1] - pairs[i][1]);
                rss += e * e;
            }
        }
        double sigma2 = rss / (obs - UNITS - 1);
        return new double[]{b, Math.sqrt(sigma2 / sxx)};
    }
}
