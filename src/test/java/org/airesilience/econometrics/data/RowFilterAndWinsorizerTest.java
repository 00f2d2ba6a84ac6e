package org.airesilience.econometrics.data;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowFilterAndWinsorizerTest {
    static Table table() {
        return Table.builder(5)
                .numeric("year", new double[]{2007, 2008, 2019, 2020, Double.NaN})
                .text("region", new String[]{"east", "west", "east", "central", "west"})
                .numeric("x", new double[]{1, 2, 3, 4, 5})
                .build();
    }

    @Test
    void filterLanguage() {
        Table t = table();
        assertArrayEquals(new boolean[]{true, false, true, false, false},
                RowFilter.parse("year != 2008 && year != 2020").evaluate(t));
        assertArrayEquals(new boolean[]{true, true, true, false, true},
                RowFilter.parse("region == \"east\" || x >= 2 && !(region == 'central')").evaluate(t));
        assertArrayEquals(new boolean[]{false, false, false, true, true}, RowFilter.parse("(x > 3.5)").evaluate(t));
        assertArrayEquals(new boolean[]{true, true, false, false, false}, RowFilter.parse("year <= 2008").evaluate(t));
        assertArrayEquals(new boolean[]{true, true, true, true, false}, RowFilter.parse("x < 4.5e0 || x == -1").evaluate(t));
        assertEquals(3, RowFilter.parse("year > 2007.5").apply(t).rows());
    }

    @Test
    void filterErrorsNameTheProblem() {
        Table t = table();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("yr == 2008").evaluate(t));
        assertTrue(e.getMessage().contains("no column 'yr'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("year == 'a'").evaluate(t));
        assertTrue(e.getMessage().contains("quoted string"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("year = 2008"));
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("(year == 2008"));
        assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("year == 2008 &&"));
    }

    @Test
    void stataPctileDefinition() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1.5, Winsorizer.percentile(x, 10));   // n p / 100 = 1, integer: mean of x(1), x(2)
        assertEquals(3, Winsorizer.percentile(x, 25));     // 2.5: x(3)
        assertEquals(5.5, Winsorizer.percentile(x, 50));
        assertEquals(1, Winsorizer.percentile(x, 1));      // 0.1: x(1)
        assertEquals(10, Winsorizer.percentile(x, 99));    // 9.9: x(10)
        assertEquals(9.5, Winsorizer.percentile(x, 90));
    }

    @Test
    void winsorizesOnTheSampleRowsOnly() {
        double[] v = new double[101];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Table t = Table.builder(102).numeric("v", concat(v, 1000)).build();
        int[] sample = new int[101];
        for (int i = 0; i < sample.length; i++) sample[i] = i;
        Map<String, Winsorizer.Cuts> report = new LinkedHashMap<>();
        Table w = Winsorizer.apply(t, List.of("v"), 1, 99, sample, report);
        // n = 101: P = 1.01 -> x(2) = 1; P = 99.99 -> x(100) = 99
        assertEquals(new Winsorizer.Cuts(1, 99, 1, 1), report.get("v"));
        assertEquals(1, w.numeric("v")[0]);
        assertEquals(99, w.numeric("v")[100]);
        assertEquals(50, w.numeric("v")[50]);
        assertEquals(1000, w.numeric("v")[101], "rows outside the sample are left alone");
    }

    private static double[] concat(double[] a, double last) {
        double[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
