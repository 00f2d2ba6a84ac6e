package org.airesilience.econometrics.iv;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 2SLS with absorbed unit effects equals 2SLS with unit dummies (LSDV) in coefficients and in iid and HC1 standard
 * errors, because the absorbed effects are counted in the degrees of freedom; large-sample statistics use N - a.
 */
class TwoStageLeastSquaresFixedEffectsTest {
    static final int UNITS = 25;
    static final int PERIODS = 6;

    static Table panel() {
        SplittableRandom r = Seeds.stream(31, "iv-fe", 0);
        int n = UNITS * PERIODS;
        double[] id = new double[n], year = new double[n], y = new double[n], x = new double[n], w = new double[n],
                z1 = new double[n], z2 = new double[n];
        for (int g = 0; g < UNITS; g++) {
            double alpha = r.nextGaussian();
            for (int t = 0; t < PERIODS; t++) {
                int i = g * PERIODS + t;
                id[i] = g + 1;
                year[i] = 2010 + t;
                z1[i] = r.nextGaussian();
                z2[i] = r.nextGaussian() + 0.3 * alpha;
                w[i] = r.nextGaussian();
                double v = r.nextGaussian();
                x[i] = 0.7 * z1[i] + 0.4 * z2[i] + alpha + 0.5 * w[i] + v;
                y[i] = 0.8 * x[i] - 0.5 * w[i] + 2 * alpha + 0.5 * v + r.nextGaussian() * (1 + Math.abs(z1[i]));
            }
        }
        return Table.builder(n).numeric("id", id).numeric("year", year).numeric("y", y).numeric("x", x)
                .numeric("w", w).numeric("z1", z1).numeric("z2", z2).build();
    }

    static IvData lsdv(Table t) {
        int n = t.rows();
        List<double[]> exog = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1);
        exog.add(one);
        names.add("(Intercept)");
        exog.add(t.numeric("w"));
        names.add("w");
        double[] id = t.numeric("id");
        for (int g = 2; g <= UNITS; g++) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = id[i] == g ? 1 : 0;
            exog.add(d);
            names.add("unit" + g);
        }
        return IvData.crossSection(t.numeric("y"), Matrix.ofColumns(exog), names,
                Matrix.ofColumns(List.of(t.numeric("x"))), List.of("x"),
                Matrix.ofColumns(List.of(t.numeric("z1"), t.numeric("z2"))), List.of("z1", "z2"));
    }

    @Test
    void absorbedEffectsMatchDummyVariables() {
        Table t = panel();
        int n = t.rows();
        for (VcovSpec v : List.of(VcovSpec.IID, VcovSpec.HETERO)) {
            EstimationResult fe = Estimators.fit(t, EstimateSpec.of("y ~ w | id | x ~ z1 + z2").withVcov(v));
            EstimationResult dummies = TwoStageLeastSquares.estimate(lsdv(t),
                    v == VcovSpec.IID ? IvVariance.iid() : IvVariance.hetero());
            for (String term : List.of("x", "w")) {
                assertEquals(dummies.require(term).estimate(), fe.require(term).estimate(), 1e-9 * Math.abs(dummies.require(term).estimate()), term);
                assertEquals(dummies.require(term).stdError(), fe.require(term).stdError(), 1e-9 * dummies.require(term).stdError(), term);
            }
            assertEquals(UNITS, fe.ngroups());
            assertEquals(dummies.fit().get("df_resid"), fe.fit().get("df_resid"));
            rel(dummies.tests().get("cragg_donald_f").statistic(), fe.tests().get("cragg_donald_f").statistic(), "Cragg-Donald F");
            rel(dummies.tests().get("first_stage_f").statistic(), fe.tests().get("first_stage_f").statistic(), "first-stage F");
            // ivreg2's dofminus: large-sample statistics use N - a, a = absorbed effects.
            double ratio = (n - UNITS) / (double) n;
            rel(dummies.tests().get("anderson_lm").statistic() * ratio, fe.tests().get("anderson_lm").statistic(), "Anderson LM");
            rel(dummies.tests().get("sargan").statistic() * ratio, fe.tests().get("sargan").statistic(), "Sargan");
        }
    }

    @Test
    void clusterByTheAbsorbedUnitDoesNotCountItsEffects() {
        Table t = panel();
        EstimationResult fe = Estimators.fit(t, EstimateSpec.of("y ~ w | id | x ~ z1 + z2").withVcov(VcovSpec.cluster("id")));
        EstimationResult het = Estimators.fit(t, EstimateSpec.of("y ~ w | id | x ~ z1 + z2").withVcov(VcovSpec.HETERO));
        assertEquals(het.require("x").estimate(), fe.require("x").estimate(), 1e-12);
        // K counted = 2 slopes + 1 constant: factor G/(G-1) * (N-1)/(N-3).
        int n = t.rows();
        double factor = UNITS / (UNITS - 1.0) * (n - 1) / (n - 3.0);
        IvData d = lsdv(t);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = (int) t.numeric("id")[i];
        EstimationResult unscaled = TwoStageLeastSquares.estimate(d, IvVariance.cluster("id", ids));
        int kLsdv = 2 + UNITS;
        double lsdvFactor = UNITS / (UNITS - 1.0) * (n - 1) / (double) (n - kLsdv);
        rel(unscaled.require("x").stdError() * Math.sqrt(factor / lsdvFactor), fe.require("x").stdError(), "cluster SE");
        assertEquals(UNITS - 1.0, fe.tests().get("first_stage_f").df2());
    }

    static void rel(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected), what);
    }
}
