package org.airesilience.econometrics.iv;

import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.cli.RegressionTable;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stock-Yogo (2005) Table 5.2 critical values beside the Cragg-Donald F, in the IV JSON and the text output. */
class StockYogoTest {
    @Test
    void tableValuesAsPublished() {
        // Corners and interior cells of Stock and Yogo (2005), Table 5.2 (2SLS size), as ivreg2 prints them.
        assertEquals(16.38, StockYogo.criticalValue(10, 1, 1));
        assertEquals(8.96, StockYogo.criticalValue(15, 1, 1));
        assertEquals(6.66, StockYogo.criticalValue(20, 1, 1));
        assertEquals(5.53, StockYogo.criticalValue(25, 1, 1));
        assertEquals(19.93, StockYogo.criticalValue(10, 1, 2));
        assertEquals(7.03, StockYogo.criticalValue(10, 2, 2));
        assertEquals(22.30, StockYogo.criticalValue(10, 1, 3));
        assertEquals(13.43, StockYogo.criticalValue(10, 2, 3));
        assertEquals(3.63, StockYogo.criticalValue(25, 2, 2));
        assertEquals(86.17, StockYogo.criticalValue(10, 1, 30));
        assertEquals(18.35, StockYogo.criticalValue(25, 2, 30));
        assertTrue(Double.isNaN(StockYogo.criticalValue(10, 2, 1)), "K1 = 2 needs two instruments");
        assertTrue(Double.isNaN(StockYogo.criticalValue(10, 3, 5)), "K1 = 3 not tabulated for size");
        // Shape of the table: each column rises with K2, and a larger tolerated size needs a smaller F.
        for (int k1 = 1; k1 <= 2; k1++) {
            for (int k2 = k1 + 1; k2 <= 30; k2++) {
                for (int size : StockYogo.SIZES) {
                    assertTrue(StockYogo.criticalValue(size, k1, k2) > StockYogo.criticalValue(size, k1, k2 - 1));
                }
                for (int s = 1; s < StockYogo.SIZES.length; s++) {
                    assertTrue(StockYogo.criticalValue(StockYogo.SIZES[s], k1, k2)
                            < StockYogo.criticalValue(StockYogo.SIZES[s - 1], k1, k2));
                }
            }
        }
    }

    private static Table ivData(int n, double strength) {
        SplittableRandom r = new SplittableRandom(3);
        double[] y = new double[n], x = new double[n], z1 = new double[n], z2 = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            z1[i] = r.nextGaussian();
            z2[i] = r.nextGaussian();
            w[i] = r.nextGaussian();
            double u = r.nextGaussian();
            x[i] = strength * (z1[i] + z2[i]) + 0.5 * u + r.nextGaussian();
            y[i] = 1 + 0.5 * x[i] + w[i] + u;
        }
        return Table.builder(n).numeric("y", y).numeric("x", x).numeric("z1", z1).numeric("z2", z2).numeric("w", w).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void ivResultCarriesTheCriticalValuesBesideTheCraggDonaldF() {
        EstimationResult strong = Estimators.fit(ivData(400, 1.0), EstimateSpec.of("y ~ w | x ~ z1 + z2"));
        Map<String, Object> sy = (Map<String, Object>) strong.extra().get("stock_yogo");
        Map<String, Object> cv = (Map<String, Object>) sy.get("critical_values");
        assertEquals(19.93, cv.get("max_iv_size_10"));
        assertEquals(11.59, cv.get("max_iv_size_15"));
        assertEquals(8.75, cv.get("max_iv_size_20"));
        assertEquals(7.25, cv.get("max_iv_size_25"));
        double f = strong.tests().get("cragg_donald_f").statistic();
        assertTrue(f > 19.93, "strong instruments: F " + f);
        assertEquals(true, ((Map<String, Object>) sy.get("cragg_donald_f_exceeds")).get("max_iv_size_10"));

        EstimationResult weak = Estimators.fit(ivData(400, 0.05), EstimateSpec.of("y ~ w | x ~ z1 + z2"));
        double fw = weak.tests().get("cragg_donald_f").statistic();
        assertTrue(fw < 7.25, "weak instruments: F " + fw);
        Map<String, Object> wsy = (Map<String, Object>) weak.extra().get("stock_yogo");
        assertEquals(false, ((Map<String, Object>) wsy.get("cragg_donald_f_exceeds")).get("max_iv_size_25"));

        String text = RegressionTable.format(strong);
        assertTrue(text.contains("Stock-Yogo weak ID test critical values: 10% maximal IV size        19.93"), text);
        assertTrue(text.contains("25% maximal IV size         7.25"), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void outsideTheTableTheValuesAreNullWithANote() {
        Map<String, Object> b = StockYogo.block(50, 3, 4);
        assertNull(((Map<String, Object>) b.get("critical_values")).get("max_iv_size_10"));
        assertTrue(String.valueOf(b.get("note")).contains("not tabulated"));
    }
}
