package org.airesilience.econometrics.placebo;

import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The randomization p-value on simulated data: small under a real effect, close to uniform under none. */
class PlaceboSimulationTest {
    /** Simple regression of y on x with an intercept and iid standard errors. */
    static final PlaceboModel SLOPE = data -> {
        double[] x = data.numeric("x"), y = data.numeric("y");
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx, rss = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - my - b * (x[i] - mx);
            rss += e * e;
        }
        double se = Math.sqrt(rss / (n - 2) / sxx), t = b / se;
        double p = 2 * new TDistribution(null, n - 2).cumulativeProbability(-Math.abs(t));
        return EstimationResult.builder("ols").nobs(n)
                .coefficients(List.of(new Coefficient("x", b, se, t, p))).build();
    };

    static Table simulate(long seed, int units, int periods, double beta) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = units * periods;
        double[] id = new double[n], year = new double[n], x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = i / periods;
            year[i] = 2010 + i % periods;
            x[i] = r.nextGaussian();
            y[i] = 1 + beta * x[i] + r.nextGaussian();
        }
        return Table.builder(n).numeric("id", id).numeric("year", year).numeric("x", x).numeric("y", y).build();
    }

    private static PlaceboResult run(Table data, PermutationScheme scheme, int draws, long seed) {
        PlaceboSpec spec = new PlaceboSpec("x", null, scheme, "id", "year", draws, seed);
        return Placebo.run(data, SLOPE, spec, new LocalReplicateRunner(seed, false));
    }

    @Test
    void realEffectGivesTheSmallestPossiblePValue() {
        Table data = simulate(1, 20, 5, 0.5);
        for (PermutationScheme scheme : PermutationScheme.values()) {
            PlaceboResult r = run(data, scheme, 199, 42);
            assertEquals(0, r.atLeastAsExtreme(), scheme.label());
            assertEquals(1.0 / 200, r.randomizationPValue(), 1e-15, scheme.label());
            assertEquals(0.0, r.mean(), 4 * r.sd() / Math.sqrt(199), "placebo estimates centre on zero");
            assertTrue(Math.abs(r.realEstimate()) > 4 * r.sd(), scheme.label());
        }
    }

    @Test
    void withoutAnEffectThePValueIsCloseToUniform() {
        int datasets = 50, at5 = 0, at10 = 0;
        double sum = 0;
        for (int s = 0; s < datasets; s++) {
            PlaceboResult r = run(simulate(1000 + s, 12, 5, 0.0), PermutationScheme.ALL, 99, s);
            double p = r.randomizationPValue();
            sum += p;
            if (p <= 0.05) at5++;
            if (p <= 0.10) at10++;
        }
        // Binomial(50, 0.05): 99.9% of rejection counts are at most 8; Binomial(50, 0.10): at most 12.
        System.out.printf("placebo null simulation: %d/50 rejections at 5%%, %d/50 at 10%%, mean p %.3f%n", at5, at10, sum / datasets);
        assertTrue(at5 <= 8, "rejections at 5%: " + at5);
        assertTrue(at10 >= 1 && at10 <= 12, "rejections at 10%: " + at10);
        assertEquals(0.5, sum / datasets, 0.125, "mean p-value (sd of the mean of 50 uniforms is 0.041)");
    }

    @Test
    void unitsSchemeOnAPanelWithUnitLevelTreatment() {
        // x varies by unit only; permuting whole paths keeps that structure, and a real effect stands out.
        Table data = simulate(7, 30, 4, 0.0);
        double[] x = data.numeric("x").clone(), y = data.numeric("y").clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i - i % 4];
            y[i] += 0.8 * x[i];
        }
        PlaceboResult r = run(data.withNumeric("x", x).withNumeric("y", y), PermutationScheme.UNITS, 199, 3);
        assertTrue(r.randomizationPValue() <= 0.01, "p = " + r.randomizationPValue());
        assertEquals(30 * 4, r.permutation().get("permuted_rows"));
    }
}
