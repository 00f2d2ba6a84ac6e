package org.airesilience.econometrics.placebo;

import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermutationTest {
    /** Balanced panel: 6 units x 4 periods, x = 10 * unit + period, so every value names its origin. */
    private static Table balanced() {
        int n = 24;
        double[] id = new double[n], year = new double[n], x = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = i / 4 + 1;
            year[i] = 2001 + i % 4;
            x[i] = 10 * id[i] + (year[i] - 2000);
        }
        return Table.builder(n).numeric("id", id).numeric("year", year).numeric("x", x).build();
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    @Test
    void allSchemeReassignsTheSameValuesAndKeepsMissingInPlace() {
        Table t = balanced();
        double[] x = t.numeric("x").clone();
        x[5] = Double.NaN;
        t = t.withNumeric("x", x);
        Permutation p = Permutation.of(t, "x", PermutationScheme.ALL, null, null, null);
        double[] drawn = p.draw(new SplittableRandom(1));
        assertTrue(Double.isNaN(drawn[5]));
        assertArrayEquals(sorted(x), sorted(drawn));
        assertFalse(Arrays.equals(x, drawn), "a draw of 23 values moves some");
        assertArrayEquals(drawn, p.draw(new SplittableRandom(1)), "a draw is a function of its stream");
        assertEquals(23, p.permutedRows());
        assertEquals(1, p.excludedRows());
    }

    @Test
    void withinTimeSchemeKeepsEachPeriodsValues() {
        Table t = balanced();
        Permutation p = Permutation.of(t, "x", PermutationScheme.WITHIN_TIME, null, "year", null);
        double[] x = t.numeric("x"), year = t.numeric("year");
        double[] drawn = p.draw(new SplittableRandom(2));
        for (int i = 0; i < x.length; i++) {
            assertEquals(year[i] - 2000, drawn[i] % 10, 1e-12, "row " + i + " got a value from another period");
        }
        assertFalse(Arrays.equals(x, drawn));
        assertEquals(4, p.blocks());
    }

    @Test
    void unitsSchemeMovesWholeTimePaths() {
        Table t = balanced();
        Permutation p = Permutation.of(t, "x", PermutationScheme.UNITS, "id", "year", null);
        double[] id = t.numeric("id"), year = t.numeric("year");
        double[] drawn = p.draw(new SplittableRandom(3));
        Map<Double, Double> source = new HashMap<>();
        for (int i = 0; i < drawn.length; i++) {
            double from = Math.floor(drawn[i] / 10);
            assertEquals(year[i] - 2000, drawn[i] - 10 * from, 1e-9, "periods stay aligned");
            Double before = source.put(id[i], from);
            if (before != null) assertEquals(before, from, "unit " + id[i] + " takes one other unit's whole path");
        }
        assertEquals(6, new HashSet<>(source.values()).size(), "units are a bijection");
        assertFalse(source.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue())));
    }

    @Test
    void unitsSchemeExchangesOnlyUnitsObservedInTheSamePeriods() {
        Table t = balanced();
        double[] x = t.numeric("x").clone();
        x[0] = Double.NaN;          // unit 1 lacks 2001: a pattern of its own
        x[4] = Double.NaN;          // unit 2 lacks 2001 as well: units 1 and 2 share a pattern
        x[11] = Double.NaN;         // unit 3 lacks 2004: alone
        t = t.withNumeric("x", x);
        Permutation p = Permutation.of(t, "x", PermutationScheme.UNITS, "id", "year", null);
        assertEquals(2, p.blocks(), "units {1,2} and {4,5,6}");
        assertEquals(1, p.fixedSlots(), "unit 3 keeps its path");
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < 50; s++) {
            double[] drawn = p.draw(new SplittableRandom(s));
            for (int i = 8; i < 11; i++) assertEquals(x[i], drawn[i], "unit 3 never moves");
            for (int i : new int[]{0, 4, 11}) assertTrue(Double.isNaN(drawn[i]));
            List<Double> firstUnit = new ArrayList<>();
            for (int i = 1; i < 4; i++) {
                assertTrue(Math.floor(drawn[i] / 10) == 1 || Math.floor(drawn[i] / 10) == 2);
                firstUnit.add(Math.floor(drawn[i] / 10));
            }
            seen.add(firstUnit.toString());
        }
        assertEquals(Set.of("[1.0, 1.0, 1.0]", "[2.0, 2.0, 2.0]"), seen);
    }

    @Test
    void onlyRowsOfTheEstimationSampleTakePart() {
        Table t = balanced();
        int[] sample = {0, 2, 4, 6, 8, 10, 12, 14};
        Permutation p = Permutation.of(t, "x", PermutationScheme.ALL, null, null, sample);
        double[] x = t.numeric("x");
        double[] drawn = p.draw(new SplittableRandom(4));
        double[] inSample = new double[sample.length], drawnInSample = new double[sample.length];
        for (int k = 0; k < sample.length; k++) {
            inSample[k] = x[sample[k]];
            drawnInSample[k] = drawn[sample[k]];
        }
        assertArrayEquals(sorted(inSample), sorted(drawnInSample));
        for (int i = 1; i < 24; i += 2) assertEquals(x[i], drawn[i], "row " + i + " is outside the sample");
        for (int i = 16; i < 24; i++) assertEquals(x[i], drawn[i]);
        assertEquals(8, p.permutedRows());
        assertEquals(16, p.excludedRows());
    }

    @Test
    void clearErrors() {
        Table t = balanced();
        assertThrows(IllegalArgumentException.class,
                () -> Permutation.of(t, "x", PermutationScheme.UNITS, null, "year", null));
        assertThrows(IllegalArgumentException.class,
                () -> Permutation.of(t, "x", PermutationScheme.WITHIN_TIME, "id", null, null));
        Table duplicated = t.withNumeric("year", new double[24]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Permutation.of(duplicated, "x", PermutationScheme.UNITS, "id", "year", null));
        assertTrue(e.getMessage().contains("same period"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PermutationScheme.parse("rows"));
        assertEquals(PermutationScheme.WITHIN_TIME, PermutationScheme.parse("within-time"));
    }
}
