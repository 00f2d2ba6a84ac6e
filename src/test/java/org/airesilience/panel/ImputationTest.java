package org.airesilience.panel;

import org.airesilience.panel.impute.ImputationChain;
import org.airesilience.panel.impute.Imputation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linear interpolation, growth extrapolation and the series mean, by hand and against a direct implementation. */
class ImputationTest {
    private static final double NA = Double.NaN;

    @Test
    void interpolationByHand() {
        // 1 _ _ 4: the two gaps on the line from 1 to 4
        Imputation.Result r = Imputation.impute(new double[]{1, NA, NA, 4},
                new ImputationChain(ImputationChain.DEFAULT.methods(), 3, 2));
        assertArrayEquals(new double[]{1, 2, 3, 4}, r.values(), 1e-12);
        assertEquals(ImputationChain.Method.INTERPOLATE, r.method()[1]);
        assertNull(r.method()[0]);
    }

    @Test
    void growthExtrapolationByHand() {
        // _ 100 110 121 _ _ with k = 2: growth 0.1 and 0.1 at both ends
        // end: 121 * 1.1 = 133.1, 121 * 1.1^2 = 146.41; start: 100 / 1.1
        ImputationChain chain = new ImputationChain(List.of(ImputationChain.Method.INTERPOLATE,
                ImputationChain.Method.EXTRAPOLATE, ImputationChain.Method.MEAN), 2, 3);
        Imputation.Result r = Imputation.impute(new double[]{NA, 100, 110, 121, NA, NA}, chain);
        assertArrayEquals(new double[]{100 / 1.1, 100, 110, 121, 121 * 1.1, 121 * 1.1 * 1.1}, r.values(), 1e-9);
        assertEquals(ImputationChain.Method.EXTRAPOLATE, r.method()[0]);
        assertEquals(ImputationChain.Method.EXTRAPOLATE, r.method()[5]);
        // k = 3 at the end: growth 10/100 = 0.1, 20/110, 0 / 130 -> mean of the three
        Imputation.Result k3 = Imputation.impute(new double[]{100, 110, 130, 130, NA},
                new ImputationChain(chain.methods(), 3, 3));
        double g = (0.1 + 20.0 / 110 + 0) / 3;
        assertEquals(130 * (1 + g), k3.values()[4], 1e-12);
    }

    @Test
    void meanAndTooFew() {
        // interpolation only, then the mean of the observed values for the ends
        ImputationChain noExtrapolation = new ImputationChain(List.of(ImputationChain.Method.INTERPOLATE,
                ImputationChain.Method.MEAN), 3, 2);
        assertArrayEquals(new double[]{3, 2, 3, 4, 3}, Imputation.impute(new double[]{NA, 2, NA, 4, NA}, noExtrapolation).values(), 1e-12);
        Imputation.Result few = Imputation.impute(new double[]{NA, 2, NA, 4, NA}, ImputationChain.DEFAULT);
        assertTrue(few.tooFew());
        assertTrue(Double.isNaN(few.values()[0]));
    }

    @Test
    void againstDirectImplementationOnRandomSeries() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int rep = 0; rep < 500; rep++) {
            int n = 4 + rnd.nextInt(12);
            int k = 1 + rnd.nextInt(3);
            double[] x = new double[n];
            for (int t = 0; t < n; t++) x[t] = rnd.nextInt(3) == 0 ? NA : rnd.nextDouble(1, 100);
            ImputationChain chain = new ImputationChain(ImputationChain.DEFAULT.methods(), k, 1);
            double[] got = Imputation.impute(x, chain).values();
            double[] expected = direct(x, k);
            for (int t = 0; t < n; t++) {
                if (Double.isNaN(expected[t])) assertTrue(Double.isNaN(got[t]), "t=" + t);
                else assertEquals(expected[t], got[t], 1e-9 * Math.max(1, Math.abs(expected[t])), "t=" + t);
            }
        }
    }

    /** For each year: search for the nearest known years; outside them, compound the mean growth of the end. */
    private static double[] direct(double[] x, int k) {
        int n = x.length;
        double[] out = x.clone();
        int first = -1, last = -1;
        for (int t = 0; t < n; t++) if (!Double.isNaN(x[t])) {
            if (first < 0) first = t;
            last = t;
        }
        if (first < 0) return out;
        for (int t = first + 1; t < last; t++) {
            if (!Double.isNaN(x[t])) continue;
            int a = t, b = t;
            while (Double.isNaN(x[a])) a--;
            while (Double.isNaN(x[b])) b++;
            out[t] = x[a] + (x[b] - x[a]) * (t - a) / (double) (b - a);
        }
        // growth from the interpolated block: the block from first to last is now complete
        int pairsEnd = Math.min(k, last - first), pairsStart = Math.min(k, last - first);
        double gEnd = 0, gStart = 0;
        for (int i = 0; i < pairsEnd; i++) gEnd += out[last - i] / out[last - i - 1] - 1;
        for (int i = 0; i < pairsStart; i++) gStart += out[first + i + 1] / out[first + i] - 1;
        double mean = 0;
        int m = 0;
        for (double v : x) if (!Double.isNaN(v)) {
            mean += v;
            m++;
        }
        mean /= m;
        for (int t = last + 1; t < n; t++) out[t] = pairsEnd == 0 ? mean : out[last] * Math.pow(1 + gEnd / pairsEnd, t - last);
        for (int t = first - 1; t >= 0; t--) out[t] = pairsStart == 0 ? mean : out[first] / Math.pow(1 + gStart / pairsStart, first - t);
        return out;
    }
}
