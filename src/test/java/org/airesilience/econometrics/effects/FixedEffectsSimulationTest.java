package org.airesilience.econometrics.effects;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.LinearRegression;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.Distributions;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixed effects on simulated panels with known coefficients. */
class FixedEffectsSimulationTest {
    static final long SEED = 20240611L;
    static final double B1 = 1.0;
    static final double B2 = -0.5;

    /**
     * y = B1 x1 + B2 x2 + a_i + g_t + e with regressors correlated with both effects; each unit-period kept with
     * probability keep (so the panel is unbalanced when keep < 1).
     */
    static Table panel(SplittableRandom rnd, int units, int periods, double keep) {
        double[] a = new double[units];
        double[] g = new double[periods];
        for (int i = 0; i < units; i++) a[i] = 2 * rnd.nextDouble() - 1;
        for (int t = 0; t < periods; t++) g[t] = 2 * rnd.nextDouble() - 1;
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            for (int t = 0; t < periods; t++) {
                if (rnd.nextDouble() >= keep) continue;
                double x1 = a[i] + g[t] + normal(rnd);
                double x2 = 0.5 * a[i] - g[t] + normal(rnd);
                double y = B1 * x1 + B2 * x2 + 3 * a[i] + 2 * g[t] + normal(rnd);
                rows.add(new double[]{i, 2000 + t, y, x1, x2});
            }
        }
        String[] names = {"id", "year", "y", "x1", "x2"};
        Table.Builder b = Table.builder(rows.size());
        for (int c = 0; c < names.length; c++) {
            double[] col = new double[rows.size()];
            for (int r = 0; r < col.length; r++) col[r] = rows.get(r)[c];
            b.numeric(names[c], col);
        }
        return b.build();
    }

    static double normal(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Adds dummy columns for every unit and year but the first, returning the LSDV formula. */
    static Table withDummies(Table t, StringBuilder formula) {
        double[] id = t.numeric("id");
        double[] year = t.numeric("year");
        formula.append("y ~ x1 + x2");
        Table out = t;
        for (String col : new String[]{"id", "year"}) {
            double[] v = col.equals("id") ? id : year;
            double[] levels = java.util.Arrays.stream(v).distinct().sorted().toArray();
            for (int l = 1; l < levels.length; l++) {
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) d[i] = v[i] == levels[l] ? 1 : 0;
                String name = "d_" + col + "_" + (long) levels[l];
                out = out.withNumeric(name, d);
                formula.append(" + ").append(name);
            }
        }
        return out;
    }

    @Test
    void unbalancedTwoWayWithinEqualsDummyRegression() {
        Table t = panel(Seeds.stream(SEED, "lsdv", 0), 25, 12, 0.7);
        StringBuilder lsdvFormula = new StringBuilder();
        Table dummies = withDummies(t, lsdvFormula);
        for (VcovSpec vcov : new VcovSpec[]{VcovSpec.IID, VcovSpec.HETERO}) {
            EstimationResult within = Estimators.fit(t, EstimateSpec.of("y ~ x1 + x2 | id + year").withVcov(vcov));
            EstimationResult lsdv = Estimators.fit(dummies, EstimateSpec.of(lsdvFormula.toString()).withVcov(vcov));
            assertTrue(String.valueOf(within.conventions().get("fixed_effects")).contains("alternating projections"));
            for (String term : new String[]{"x1", "x2"}) {
                Coefficient w = within.require(term);
                Coefficient d = lsdv.require(term);
                assertEquals(d.estimate(), w.estimate(), 1e-8 * Math.abs(d.estimate()), term);
                assertEquals(d.stdError(), w.stdError(), 1e-8 * d.stdError(), term + " se " + vcov);
                assertEquals(d.pValue(), w.pValue(), 1e-8, term + " p " + vcov);
            }
            assertEquals(lsdv.fit().get("rss"), within.fit().get("rss"), 1e-8 * lsdv.fit().get("rss"));
            assertEquals(lsdv.fit().get("df_resid"), within.fit().get("df_resid"));
            assertEquals(lsdv.fit().get("r2"), within.fit().get("r2"), 1e-10);
            assertEquals(lsdv.fit().get("adj_r2"), within.fit().get("adj_r2"), 1e-10);
        }
    }

    @Test
    void confidenceIntervalsCoverAtTheNominalRate() {
        int replicates = 200;
        int coveredIid = 0;
        int coveredCluster = 0;
        for (int r = 0; r < replicates; r++) {
            Table t = panel(Seeds.stream(SEED, "coverage", r), 40, 8, 0.85);
            ModelFrame frame = Estimators.frame(t, EstimateSpec.of("y ~ x1 + x2 | id + year"));
            EstimationResult iid = LinearRegression.fit(frame, VcovSpec.IID);
            EstimationResult cl = LinearRegression.fit(frame, VcovSpec.cluster("id"));
            if (covers(iid.require("x1"), B1, iid.fit().get("df_resid"))) coveredIid++;
            if (covers(cl.require("x1"), B1, 39)) coveredCluster++;
        }
        double rateIid = coveredIid / (double) replicates;
        double rateCluster = coveredCluster / (double) replicates;
        assertTrue(rateIid >= 0.91 && rateIid <= 0.99, "iid coverage " + rateIid);
        assertTrue(rateCluster >= 0.91 && rateCluster <= 0.99, "cluster coverage " + rateCluster);
    }

    static boolean covers(Coefficient c, double truth, double df) {
        double q = Distributions.tQuantile(0.975, df);
        return Math.abs(c.estimate() - truth) <= q * c.stdError();
    }

    @Test
    void absorbedDegreesOfFreedomCountConnectedComponents() {
        // two disconnected blocks: units {0,1} only in periods {0,1}, units {2,3} only in periods {2,3}
        int[] unit = {0, 0, 1, 1, 2, 2, 3, 3};
        int[] time = {0, 1, 0, 1, 2, 3, 2, 3};
        FixedEffects fe = FixedEffects.of(new int[][]{unit, time});
        assertEquals(4 + 4 - 2, fe.degreesOfFreedomAbsorbed());
        double[] v = {1, 2, 3, 5, 8, 13, 21, 34};
        double[] d = fe.demean(v);
        // the residual is orthogonal to every unit and period indicator
        for (int[] codes : new int[][]{unit, time}) {
            double[] sums = new double[4];
            for (int i = 0; i < v.length; i++) sums[codes[i]] += d[i];
            for (double s : sums) assertEquals(0, s, 1e-10);
        }
    }
}
