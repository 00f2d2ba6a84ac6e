package org.airesilience.econometrics.fgls;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Panels with heteroskedastic AR(1) errors: FGLS recovers the slope and beats OLS in sampling variance. */
class PanelFglsSimulationTest {
    static final double BETA = 1.5;
    static final double RHO = 0.6;
    static final int UNITS = 30;
    static final int PERIODS = 20;

    record Panel(double[] y, Matrix x, int[] unit, int[] time) {
    }

    static Panel draw(SplittableRandom r) {
        int n = UNITS * PERIODS;
        double[] y = new double[n], x = new double[n], one = new double[n];
        int[] unit = new int[n], time = new int[n];
        Arrays.fill(one, 1);
        for (int g = 0; g < UNITS; g++) {
            double sigma = 0.3 + 3.0 * g / UNITS;
            double u = sigma * r.nextGaussian() / Math.sqrt(1 - RHO * RHO);
            double xv = r.nextGaussian();
            for (int t = 0; t < PERIODS; t++) {
                int i = g * PERIODS + t;
                if (t > 0) {
                    u = RHO * u + sigma * r.nextGaussian();
                    xv = 0.5 * xv + r.nextGaussian();
                }
                unit[i] = g;
                time[i] = 2000 + t;
                x[i] = xv;
                y[i] = 2 + BETA * x[i] + u;
            }
        }
        return new Panel(y, Matrix.ofColumns(List.of(one, x)), unit, time);
    }

    @Test
    void xtglsAndPgglsRecoverTheSlopeMoreEfficientlyThanOls() {
        int reps = 150;
        double[] ols = new double[reps], xt = new double[reps], pg = new double[reps];
        int covered = 0;
        double rhoSum = 0;
        List<String> names = List.of("(Intercept)", "x");
        for (int rep = 0; rep < reps; rep++) {
            Panel p = draw(Seeds.stream(21, "fgls-sim", rep));
            ols[rep] = PanelFgls.ols(p.y(), p.x())[1];
            EstimationResult r = PanelFgls.xtgls(p.y(), p.x(), names, p.unit(), p.time());
            Coefficient b = r.require("x");
            xt[rep] = b.estimate();
            if (Math.abs(b.estimate() - BETA) <= 1.96 * b.stdError()) covered++;
            rhoSum += (Double) r.extra().get("rho");
            pg[rep] = PanelFgls.pggls(p.y(), p.x(), names, p.unit(), p.time(), false).require("x").estimate();
        }
        assertTrue(Math.abs(mean(xt) - BETA) < 0.01, "xtgls mean " + mean(xt));
        assertTrue(Math.abs(mean(pg) - BETA) < 0.01, "pggls mean " + mean(pg));
        assertTrue(variance(xt) < 0.5 * variance(ols), "xtgls var " + variance(xt) + " vs OLS " + variance(ols));
        assertTrue(variance(pg) < 0.9 * variance(ols), "pggls var " + variance(pg) + " vs OLS " + variance(ols));
        double coverage = covered / (double) reps;
        assertTrue(coverage > 0.88 && coverage < 0.99, "xtgls 95% coverage " + coverage);
        double rho = rhoSum / reps;
        assertTrue(rho > 0.45 && rho < 0.65, "mean rho " + rho);
    }

    @Test
    void xtglsRefusesGapsAndDuplicateKeys() {
        Panel p = draw(Seeds.stream(22, "fgls-gap", 0));
        int[] gapped = p.time().clone();
        for (int i = 5; i < PERIODS; i++) gapped[i] += 1; // unit 0 skips one year
        assertThrows(IllegalArgumentException.class,
                () -> PanelFgls.xtgls(p.y(), p.x(), List.of("(Intercept)", "x"), p.unit(), gapped));
        int[] dup = p.time().clone();
        dup[1] = dup[0];
        assertThrows(IllegalArgumentException.class,
                () -> PanelFgls.pggls(p.y(), p.x(), List.of("(Intercept)", "x"), p.unit(), dup, false));
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    static double variance(double[] v) {
        double m = mean(v);
        return Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / (v.length - 1);
    }
}
