package org.airesilience.econometrics.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Integer codes 0..levels-1 for the values of a grouping column, assigned in sorted order of the values (numbers
 * numerically, text lexically) so codes are the same from run to run. Missing values get -1.
 */
public record GroupCodes(int[] codes, int levels) {

    public static GroupCodes of(Table table, String column) {
        if (table.isNumeric(column)) {
            double[] v = table.numeric(column);
            double[] distinct = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().distinct().toArray();
            int[] codes = new int[v.length];
            for (int i = 0; i < v.length; i++) codes[i] = Double.isNaN(v[i]) ? -1 : Arrays.binarySearch(distinct, v[i]);
            return new GroupCodes(codes, distinct.length);
        }
        String[] v = table.text(column);
        Map<String, Integer> index = new HashMap<>();
        for (String x : v) if (x != null) index.putIfAbsent(x, 0);
        String[] sorted = index.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) index.put(sorted[k], k);
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) codes[i] = v[i] == null ? -1 : index.get(v[i]);
        return new GroupCodes(codes, sorted.length);
    }

    /** Re-codes a subset of codes (no -1) densely as 0..levels-1, keeping their order. */
    public static int[] dense(int[] codes) {
        int max = Arrays.stream(codes).max().orElse(-1);
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        for (int c : codes) map[c] = 0;
        int k = 0;
        for (int i = 0; i < map.length; i++) if (map[i] == 0) map[i] = k++;
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = map[codes[i]];
        return out;
    }

    /** Number of distinct codes in a dense coding. */
    public static int levels(int[] denseCodes) {
        return Arrays.stream(denseCodes).max().orElse(-1) + 1;
    }
}
