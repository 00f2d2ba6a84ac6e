package org.airesilience.econometrics.iv;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Endogenous regressor with valid instruments: 2SLS recovers the truth with nominal coverage, OLS does not. */
class TwoStageLeastSquaresSimulationTest {
    static final double BETA = 0.5;

    /** y = 1 + 0.5 x + w + u; x = 0.6 z1 + 0.4 z2 + w + v; u = 0.6 v + noise; v heteroskedastic in z1. */
    static IvData draw(SplittableRandom r, int n, double pi1, double pi2) {
        double[] y = new double[n], x = new double[n], w = new double[n], z1 = new double[n], z2 = new double[n];
        double[] one = new double[n];
        Arrays.fill(one, 1.0);
        for (int i = 0; i < n; i++) {
            z1[i] = r.nextGaussian();
            z2[i] = r.nextGaussian();
            w[i] = r.nextGaussian();
            double v = r.nextGaussian() * (0.3 + Math.abs(z1[i]));
            double u = 0.6 * v + 0.8 * r.nextGaussian();
            x[i] = pi1 * z1[i] + pi2 * z2[i] + w[i] + v;
            y[i] = 1 + BETA * x[i] + w[i] + u;
        }
        return IvData.crossSection(y, Matrix.ofColumns(List.of(one, w)), List.of("(Intercept)", "w"),
                Matrix.ofColumns(List.of(x)), List.of("x"), Matrix.ofColumns(List.of(z1, z2)), List.of("z1", "z2"));
    }

    @Test
    void recoversTheCoefficientWithNominalCoverageWhileOlsIsBiased() {
        int reps = 400;
        int covered = 0;
        double sum2sls = 0;
        double sumOls = 0;
        for (int rep = 0; rep < reps; rep++) {
            IvData d = draw(Seeds.stream(11, "iv-sim", rep), 400, 0.6, 0.4);
            Coefficient b = TwoStageLeastSquares.estimate(d, IvVariance.hetero()).require("x");
            if (Math.abs(b.estimate() - BETA) <= 1.96 * b.stdError()) covered++;
            sum2sls += b.estimate();
            Matrix x = d.exog().hconcat(d.endog());
            sumOls += x.crossprod().solveSpd(x.tTimes(d.y()))[2];
        }
        double coverage = covered / (double) reps;
        assertTrue(coverage > 0.92 && coverage < 0.98, "95% CI coverage " + coverage);
        assertTrue(Math.abs(sum2sls / reps - BETA) < 0.02, "mean 2SLS " + sum2sls / reps);
        assertTrue(sumOls / reps - BETA > 0.1, "OLS upward bias, mean " + sumOls / reps);
    }

    @Test
    void robustKleibergenPaapTestHasNominalSizeWhenInstrumentsAreIrrelevant() {
        int reps = 400;
        int rejectLm = 0;
        int rejectAnderson = 0;
        for (int rep = 0; rep < reps; rep++) {
            EstimationResult r = TwoStageLeastSquares.estimate(draw(Seeds.stream(12, "iv-null", rep), 400, 0, 0), IvVariance.hetero());
            if (r.tests().get("kleibergen_paap_lm").pValue() < 0.05) rejectLm++;
            if (r.tests().get("anderson_lm").pValue() < 0.05) rejectAnderson++;
        }
        double size = rejectLm / (double) reps;
        assertTrue(size > 0.025 && size < 0.08, "KP LM size " + size);
        // z1 drives the heteroskedasticity, so the homoskedastic statistic is not valid here: it over-rejects.
        assertTrue(rejectAnderson > rejectLm, "Anderson " + rejectAnderson + " vs KP " + rejectLm);
    }

    /** Two endogenous regressors whose first-stage matrix has rank 1: the rk test of rank 1 has nominal size. */
    @Test
    void rankTestWithTwoEndogenousRegressorsHasNominalSizeUnderReducedRank() {
        int reps = 300;
        int reject = 0;
        int n = 400;
        for (int rep = 0; rep < reps; rep++) {
            SplittableRandom r = Seeds.stream(13, "rk-rank1", rep);
            double[] x1 = new double[n], x2 = new double[n], z1 = new double[n], z2 = new double[n], z3 = new double[n];
            for (int i = 0; i < n; i++) {
                z1[i] = r.nextGaussian();
                z2[i] = r.nextGaussian();
                z3[i] = r.nextGaussian();
                double common = z1[i] + 0.5 * z2[i] - 0.5 * z3[i];
                double scale = 0.5 + Math.abs(z2[i]);
                x1[i] = common + scale * r.nextGaussian();
                x2[i] = 2 * common + r.nextGaussian();
            }
            RankTest t = new RankTest(Matrix.ofColumns(List.of(x1, x2)), Matrix.ofColumns(List.of(z1, z2, z3)));
            double rk = t.robust(t.residuals(), null);
            if (org.airesilience.econometrics.model.Distributions.chiSquareUpper(rk, t.df()) < 0.05) reject++;
        }
        double size = reject / (double) reps;
        assertTrue(size > 0.02 && size < 0.09, "rk Wald size " + size);
    }
}
