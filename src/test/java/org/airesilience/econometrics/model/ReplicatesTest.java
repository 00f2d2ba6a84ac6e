package org.airesilience.econometrics.model;

import org.airesilience.econometrics.linalg.SingularMatrixException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared rule for failed replicates and the p-value / critical values computed from the valid ones. */
class ReplicatesTest {
    @Test
    void numericalFailuresAndNonFiniteStatisticsAreInvalid() {
        assertTrue(Double.isNaN(Replicates.statistic(() -> {
            throw new SingularMatrixException("matrix is singular");
        })));
        assertTrue(Double.isNaN(Replicates.statistic(() -> Double.POSITIVE_INFINITY)));
        assertTrue(Double.isNaN(Replicates.statistic(() -> Double.NaN)));
        assertEquals(2.5, Replicates.statistic(() -> 2.5));
        assertThrows(IllegalStateException.class, () -> Replicates.statistic(() -> {
            throw new IllegalStateException("a bug is not an invalid replicate");
        }));
    }

    @Test
    void invalidReplicatesAreCountedAndLeftOutOfPValuesAndCriticalValues() {
        double[] f = {4, Double.NaN, 1, 3, Double.NaN, 2, 5, 6, 7, 8, 9, 10};
        assertEquals(2, Replicates.invalid(f));
        assertEquals(10, Replicates.valid(f).length);
        // 8 of the 10 valid replicates are >= 3
        assertEquals(0.8, Replicates.upperTailShare(f, 3), 1e-15);
        assertEquals(0.0, Replicates.upperTailShare(f, 10.5));
        // the ceil(p B)-th smallest of B = 10: p = 0.90 -> 9th, 0.95 -> 10th, 0.5 -> 5th
        assertEquals(9, Replicates.criticalValue(f, 0.90));
        assertEquals(10, Replicates.criticalValue(f, 0.95));
        assertEquals(5, Replicates.criticalValue(f, 0.50));
        double[] none = {Double.NaN, Double.NaN};
        assertTrue(Double.isNaN(Replicates.upperTailShare(none, 1)));
        assertTrue(Double.isNaN(Replicates.criticalValue(none, 0.95)));
    }

    @Test
    void criticalValueRankIsExactWhenPBIsAnInteger() {
        double[] f = new double[300];
        for (int i = 0; i < f.length; i++) f[i] = i + 1;
        // B = 300: the 285th, 270th and 297th smallest
        assertEquals(285, Replicates.criticalValue(f, 0.95));
        assertEquals(270, Replicates.criticalValue(f, 0.90));
        assertEquals(297, Replicates.criticalValue(f, 0.99));
    }
}
