package org.airesilience.econometrics.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two-sided winsorizing as Stata's winsor2 (default, "replace" mode): values below the lower cut percentile are set
 * to it, values above the upper cut to it. Percentiles follow Stata's _pctile (which winsor2 calls): with the n
 * sorted values x(1..n) and P = n p / 100, the p-th percentile is x(floor(P) + 1) when P is not an integer and
 * (x(P) + x(P + 1)) / 2 when it is. They are computed over the given rows only (the estimation sample).
 */
public final class Winsorizer {
    private Winsorizer() {
    }

    /** Cut points and how many values were moved, per column. */
    public record Cuts(double lower, double upper, int belowLower, int aboveUpper) {
    }

    /** Stata _pctile percentile p (0..100) of the sorted, non-missing values. */
    public static double percentile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        double pos = n * p / 100.0;
        int i = (int) Math.floor(pos);
        if (i <= 0) return sorted[0];
        if (i >= n) return sorted[n - 1];
        if (pos > i) return sorted[i];
        return (sorted[i - 1] + sorted[i]) / 2;
    }

    /**
     * A copy of the table with the columns winsorized at their percentiles over {@code sampleRows}; only those
     * rows are changed. The cut points actually used are put into {@code report} (column to cuts).
     */
    public static Table apply(Table table, List<String> columns, double lowerPct, double upperPct, int[] sampleRows,
                              Map<String, Cuts> report) {
        Table out = table;
        for (String c : columns) {
            double[] v = table.numeric(c).clone();
            double[] sample = Arrays.stream(sampleRows).mapToDouble(i -> v[i]).filter(x -> !Double.isNaN(x)).sorted().toArray();
            if (sample.length == 0) throw new IllegalArgumentException("cannot winsorize '" + c + "': no values in the estimation sample");
            double lo = percentile(sample, lowerPct);
            double hi = percentile(sample, upperPct);
            int below = 0;
            int above = 0;
            for (int i : sampleRows) {
                if (Double.isNaN(v[i])) continue;
                if (v[i] < lo) {
                    v[i] = lo;
                    below++;
                } else if (v[i] > hi) {
                    v[i] = hi;
                    above++;
                }
            }
            report.put(c, new Cuts(lo, hi, below, above));
            out = out.withNumeric(c, v);
        }
        return out;
    }

    /** As {@link #apply(Table, List, double, double, int[], Map)} without the report. */
    public static Table apply(Table table, List<String> columns, double lowerPct, double upperPct, int[] sampleRows) {
        return apply(table, columns, lowerPct, upperPct, sampleRows, new LinkedHashMap<>());
    }
}
