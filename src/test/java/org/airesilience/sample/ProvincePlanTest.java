package org.airesilience.sample;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At scale 1 the AI measure resembles study A's Table 2 (every planned AI patent is accepted, so truth = plan). */
class ProvincePlanTest {
    @Test
    void scaleOneResemblesStudyATable2() {
        long seed = 20231101;
        ProvincePlan plan = new ProvincePlan(1.0, seed);
        double[] ai = new double[30 * 15];
        long records = 0;
        int i = 0;
        for (int year = ProvincePlan.FIRST_YEAR; year <= ProvincePlan.LAST_YEAR; year++) {
            for (int p = 0; p < 30; p++) {
                SplittableRandom rnd = ProvincePlan.cellStream(seed, p, year);
                int other = plan.otherPatents(p, year, rnd);
                int n = plan.aiPatents(p, year, rnd);
                ai[i++] = Math.log1p(n);
                records += other + n;
            }
        }
        double mean = Arrays.stream(ai).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(ai).map(x -> (x - mean) * (x - mean)).sum() / (ai.length - 1));
        double min = Arrays.stream(ai).min().orElseThrow(), max = Arrays.stream(ai).max().orElseThrow();
        System.out.printf("scale 1: %d good panel records; ai mean %.3f sd %.3f min %.3f max %.3f%n", records, mean, sd, min, max);
        assertEquals(5.2, mean, 0.25);
        assertEquals(2.04, sd, 0.2);
        assertEquals(0.0, min);
        assertEquals(10.0, max, 0.5);
        assertTrue(records > 1_000_000);
    }
}
