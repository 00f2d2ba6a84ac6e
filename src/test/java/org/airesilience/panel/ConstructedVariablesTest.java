package org.airesilience.panel;

import org.airesilience.panel.expr.Evaluator;
import org.airesilience.panel.expr.Parser;
import org.airesilience.panel.expr.PanelFunctions;
import org.airesilience.region.RegionGroups;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Entropy weights, location quotient, Shannon diversity, min-max and the Bartik instrument: each against a small
 * example worked by hand and against a straightforward implementation written here on random panels.
 */
class ConstructedVariablesTest {
    private static final double TOL = 1e-12;

    @Test
    void entropyByHand() {
        // x1 (+) = 1, 2, 3 -> x' = 0, 1/2, 1 -> p = 0, 1/3, 2/3
        //   e1 = -(1/ln 3)(1/3 ln 1/3 + 2/3 ln 2/3) = 1/3 + (2/3) ln 1.5 / ln 3
        // x2 (-) = 10, 20, 10 -> x' = (20 - x) / 10 = 1, 0, 1 -> p = 1/2, 0, 1/2 -> e2 = ln 2 / ln 3
        // d = 1 - e, w = d / (d1 + d2), index_i = w1 x1'_i + w2 x2'_i (shift 0 here)
        double[][] x = {{1, 2, 3}, {10, 20, 10}};
        double[] index = new double[3], e = new double[2], d = new double[2], w = new double[2];
        PanelFunctions.entropy(x, new boolean[]{true, false}, new int[]{0, 1, 2}, 0, index, e, d, w);
        double e1 = 1.0 / 3 + (2.0 / 3) * Math.log(1.5) / Math.log(3), e2 = Math.log(2) / Math.log(3);
        double w1 = (1 - e1) / (2 - e1 - e2), w2 = (1 - e2) / (2 - e1 - e2);
        assertArrayEquals(new double[]{e1, e2}, e, TOL);
        assertArrayEquals(new double[]{1 - e1, 1 - e2}, d, TOL);
        assertArrayEquals(new double[]{w1, w2}, w, TOL);
        assertArrayEquals(new double[]{w2, w1 / 2, w1 + w2}, index, TOL);
    }

    @Test
    void entropyAgainstStraightforwardImplementation() {
        SplittableRandom rnd = new SplittableRandom(11);
        int regions = 7, years = 5, m = 4;
        Map<String, double[]> series = new HashMap<>();
        double[][] cols = new double[m][regions * years];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < cols[j].length; i++) cols[j][i] = rnd.nextDouble(-5, 50);
            series.put("x" + j, cols[j]);
        }
        char[] dir = {'+', '-', '+', '-'};
        for (boolean perYear : new boolean[]{false, true}) {
            Evaluator ev = evaluator(regions, 2000, 2000 + years - 1, series);
            Evaluator.Col got = ev.evaluate(Parser.statement("idx = entropy(x0+, x1-, x2+, x3-, shift = 0.001"
                    + (perYear ? ", by = year)" : ")"), "t:1"), 0);
            List<List<Integer>> groups = new ArrayList<>();
            if (perYear) {
                for (int t = 0; t < years; t++) {
                    List<Integer> g = new ArrayList<>();
                    for (int r = 0; r < regions; r++) g.add(r * years + t);
                    groups.add(g);
                }
            } else {
                List<Integer> g = new ArrayList<>();
                for (int i = 0; i < regions * years; i++) g.add(i);
                groups.add(g);
            }
            for (List<Integer> g : groups) {
                double[] expected = naiveEntropy(cols, dir, g, 0.001);
                for (int k = 0; k < g.size(); k++) assertEquals(expected[k], got.v()[g.get(k)], 1e-12);
            }
            assertEquals(perYear ? years : 1, ev.weights().size());
        }
    }

    /** The textbook steps, one indicator at a time with plain loops over lists. */
    private static double[] naiveEntropy(double[][] cols, char[] dir, List<Integer> rows, double shift) {
        int m = cols.length, n = rows.size();
        double[][] z = new double[m][n];
        double[] d = new double[m];
        for (int j = 0; j < m; j++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int i : rows) {
                if (cols[j][i] < lo) lo = cols[j][i];
                if (cols[j][i] > hi) hi = cols[j][i];
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double v = cols[j][rows.get(k)];
                z[j][k] = (dir[j] == '+' ? v - lo : hi - v) / (hi - lo) + shift;
                sum += z[j][k];
            }
            double h = 0;
            for (int k = 0; k < n; k++) {
                double p = z[j][k] / sum;
                h -= p * Math.log(p);
            }
            d[j] = 1 - h / Math.log(n);
        }
        double dSum = 0;
        for (double v : d) dSum += v;
        double[] out = new double[n];
        for (int k = 0; k < n; k++) for (int j = 0; j < m; j++) out[k] += d[j] / dSum * z[j][k];
        return out;
    }

    @Test
    void locationQuotientByHandAndAgainstStraightforwardImplementation() {
        // two regions, one year, totals summed: part 2 and 6, whole 10 and 10 -> 8 / 20 = 0.4
        // LQ = (2 / 10) / 0.4 = 0.5 and (6 / 10) / 0.4 = 1.5
        Map<String, double[]> s = new HashMap<>(Map.of("p", new double[]{2, 6}, "w", new double[]{10, 10}));
        Evaluator.Col lq = evaluator(2, 2020, 2020, s).evaluate(Parser.statement("lq = location_quotient(p, w, totals = sum)", "t:1"), 0);
        assertArrayEquals(new double[]{0.5, 1.5}, lq.v(), TOL);

        SplittableRandom rnd = new SplittableRandom(5);
        int regions = 9, years = 6;
        double[] p = new double[regions * years], w = new double[regions * years];
        for (int i = 0; i < p.length; i++) {
            w[i] = rnd.nextDouble(10, 100);
            p[i] = w[i] * rnd.nextDouble(0.01, 0.9);
        }
        Evaluator.Col got = evaluator(regions, 2001, 2001 + years - 1, new HashMap<>(Map.of("p", p, "w", w)))
                .evaluate(Parser.statement("lq = location_quotient(p, w, totals = sum)", "t:1"), 0);
        for (int t = 0; t < years; t++) {
            double pt = 0, wt = 0;
            for (int r = 0; r < regions; r++) {
                pt += p[r * years + t];
                wt += w[r * years + t];
            }
            for (int r = 0; r < regions; r++) {
                int i = r * years + t;
                assertEquals((p[i] / w[i]) / (pt / wt), got.v()[i], 1e-12);
            }
        }
    }

    @Test
    void shannonByHandAndAgainstStraightforwardImplementation() {
        // shares 1/4, 1/4, 1/2: 2 (1/4) ln 4 + (1/2) ln 2 = 1.5 ln 2
        assertEquals(1.5 * Math.log(2), PanelFunctions.shannon(new double[]{1, 1, 2}), TOL);
        // a zero share adds nothing: 3/4 ln(4/3) + 1/4 ln 4
        assertEquals(0.75 * Math.log(4.0 / 3) + 0.25 * Math.log(4), PanelFunctions.shannon(new double[]{0, 3, 1}), TOL);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int rep = 0; rep < 200; rep++) {
            double[] x = new double[2 + rnd.nextInt(8)];
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                x[k] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble(0, 100);
                sum += x[k];
            }
            if (sum == 0) continue;
            double h = 0;
            for (double v : x) if (v > 0) h -= (v / sum) * Math.log(v / sum);
            assertEquals(h, PanelFunctions.shannon(x), 1e-12);
        }
    }

    @Test
    void minmaxByHand() {
        // 2, 4, 6 over the panel -> 0, 1/2, 1; per year (years are consecutive rows of one region here) likewise
        Evaluator.Col c = evaluator(3, 2020, 2020, new HashMap<>(Map.of("x", new double[]{2, 4, 6})))
                .evaluate(Parser.statement("m = minmax(x)", "t:1"), 0);
        assertArrayEquals(new double[]{0, 0.5, 1}, c.v(), TOL);
    }

    @Test
    void bartikByHandAndAgainstStraightforwardImplementation() {
        // two regions, years 2000-2002: AI = 1, 2, 3 and 2, 2, 2; patents 10, 20, 40 and 10, 20, 20
        // national patents N = 20, 40, 60: g_2001 = 1, g_2002 = 0.5
        // iv_2001 = AI_2000 (1 + 1) = 2 and 4; iv_2002 = AI_2001 (1.5) = 3 and 3; 2000 has no lag: missing
        Map<String, double[]> s = new HashMap<>(Map.of("ai", new double[]{1, 2, 3, 2, 2, 2},
                "n", new double[]{10, 20, 40, 10, 20, 20}));
        Evaluator.Col iv = evaluator(2, 2000, 2002, s).evaluate(Parser.statement("iv = bartik(ai, n)", "t:1"), 0);
        assertArrayEquals(new double[]{Double.NaN, 2, 3, Double.NaN, 4, 3}, iv.v(), TOL);

        SplittableRandom rnd = new SplittableRandom(8);
        int regions = 6, years = 7;
        double[] ai = new double[regions * years], n = new double[regions * years];
        for (int i = 0; i < ai.length; i++) {
            n[i] = rnd.nextInt(1, 500);
            ai[i] = Math.log1p(n[i]);
        }
        Evaluator.Col got = evaluator(regions, 2010, 2010 + years - 1, new HashMap<>(Map.of("ai", ai, "n", n)))
                .evaluate(Parser.statement("iv = lag(ai, 1) * (1 + growth(total(n)))", "t:1"), 0);
        Evaluator.Col shorthand = evaluator(regions, 2010, 2010 + years - 1, new HashMap<>(Map.of("ai", ai, "n", n)))
                .evaluate(Parser.statement("iv = bartik(ai, n)", "t:1"), 0);
        for (int r = 0; r < regions; r++) {
            for (int t = 1; t < years; t++) {
                double now = 0, before = 0;
                for (int q = 0; q < regions; q++) {
                    now += n[q * years + t];
                    before += n[q * years + t - 1];
                }
                double expected = ai[r * years + t - 1] * (1 + (now - before) / before);
                assertEquals(expected, got.v()[r * years + t], 1e-12);
                assertEquals(expected, shorthand.v()[r * years + t], 1e-12);
            }
        }
    }

    private static Evaluator evaluator(int regions, int from, int to, Map<String, double[]> series) {
        List<String> codes = new ArrayList<>();
        for (int r = 0; r < regions; r++) codes.add(String.format("%02d0000", 11 + r));
        return new Evaluator(codes, from, from, to, RegionGroups.load(), series, Map.of(), Map.of(), Map.of());
    }
}
