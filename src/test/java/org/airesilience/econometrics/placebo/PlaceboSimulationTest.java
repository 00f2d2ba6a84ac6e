package org.airesilience.econometrics.placebo;

import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.Replicates;
import org.airesilience.econometrics.linalg.SingularMatrixException;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
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
        return run(data, SLOPE, scheme, draws, seed);
    }

    private static PlaceboResult run(Table data, PlaceboModel model, PermutationScheme scheme, int draws, long seed) {
        PlaceboSpec spec = new PlaceboSpec("x", null, scheme, "id", "year", draws, seed);
        return Placebo.run(data, model, spec, new LocalReplicateRunner(seed, false));
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

    /** Draws whose fit fails numerically or drops the term are invalid under the rule the threshold bootstrap uses. */
    @Test
    @SuppressWarnings("unchecked")
    void failedDrawsAreCountedAndLeftOut() {
        Table data = simulate(5, 20, 5, 0.3);
        double realX0 = data.numeric("x")[0];
        PlaceboModel failing = d -> {
            double x0 = d.numeric("x")[0];
            if (x0 != realX0 && x0 < -0.5) throw new SingularMatrixException("matrix is singular");
            if (x0 != realX0 && x0 > 1.0) return EstimationResult.builder("ols").nobs(d.rows()).build();
            return SLOPE.fit(d);
        };
        PlaceboResult r = run(data, failing, PermutationScheme.ALL, 199, 11);
        PlaceboResult clean = run(data, SLOPE, PermutationScheme.ALL, 199, 11);
        int invalid = 0, extreme = 0;
        double bar = Math.abs(clean.realEstimate()) * (1 - 1e-12);
        for (int b = 0; b < 199; b++) {
            double x0 = clean.draws().get(b).estimate();
            if (Double.isNaN(r.draws().get(b).estimate())) {
                invalid++;
            } else {
                assertEquals(x0, r.draws().get(b).estimate(), 0, "valid draws are the same refits");
                if (Math.abs(x0) >= bar) extreme++;
            }
        }
        assertTrue(invalid > 20 && invalid < 150, "both kinds of failure occur: " + invalid);
        assertEquals(invalid, r.invalidDraws());
        assertEquals(199 - invalid, r.validEstimates().length);
        assertEquals((extreme + 1.0) / (199 - invalid + 1.0), r.randomizationPValue(), 1e-15);
        Map<String, Object> p = (Map<String, Object>) r.toJsonMap().get("placebo");
        assertEquals(invalid, p.get("invalid_draws"));
        assertEquals(199 - invalid, p.get("valid_draws"));
        assertEquals(Replicates.RULE, p.get("invalid_draw_rule"));
    }

    @Test
    void withoutAnEffectThePValueIsCloseToUniform() {
        int datasets = 200, at5 = 0, at10 = 0;
        double sum = 0;
        for (int s = 0; s < datasets; s++) {
            PlaceboResult r = run(simulate(1000 + s, 12, 5, 0.0), PermutationScheme.ALL, 99, s);
            double p = r.randomizationPValue();
            sum += p;
            if (p <= 0.05) at5++;
            if (p <= 0.10) at10++;
        }
        // With 99 draws, p <= 0.05 has probability exactly 0.05 under the null. Binomial(200, 0.05): P(X <= 2) = 0.002,
        // P(X >= 20) = 0.003; Binomial(200, 0.10): P(X <= 8) = 0.001, P(X >= 33) = 0.003. Both sides are bounded, so a
        // test that never rejects fails as surely as one that rejects too often.
        System.out.printf("placebo null simulation: %d/%d rejections at 5%%, %d/%d at 10%%, mean p %.3f%n", at5, datasets,
                at10, datasets, sum / datasets);
        assertTrue(at5 >= 3 && at5 <= 19, "rejections at 5%: " + at5);
        assertTrue(at10 >= 9 && at10 <= 32, "rejections at 10%: " + at10);
        assertEquals(0.5, sum / datasets, 0.07, "mean p-value (sd of the mean of 200 uniforms is 0.020)");
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
