package org.airesilience.econometrics.data;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Integer codes 0..levels-1 for the values of a grouping column, assigned in sorted order of the values (numbers
 * numerically, text lexically) so codes are the same from run to run. Missing values get -1.
 */
public record GroupCodes(int[] codes, int levels, String[] labels) {

    public static GroupCodes of(Table table, String column) {
        if (table.isNumeric(column)) {
            double[] v = table.numeric(column);
            TreeMap<Double, Integer> index = new TreeMap<>();
            for (double x : v) if (!Double.isNaN(x)) index.put(x, 0);
            String[] labels = new String[index.size()];
            int k = 0;
            String[] text = table.text(column);
            for (var e : index.entrySet()) e.setValue(k++);
            int[] codes = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                codes[i] = Double.isNaN(v[i]) ? -1 : index.get(v[i]);
                if (codes[i] >= 0) labels[codes[i]] = text[i];
            }
            return new GroupCodes(codes, labels.length, labels);
        }
        String[] v = table.text(column);
        TreeMap<String, Integer> index = new TreeMap<>();
        for (String x : v) if (x != null) index.put(x, 0);
        int k = 0;
        for (var e : index.entrySet()) e.setValue(k++);
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) codes[i] = v[i] == null ? -1 : index.get(v[i]);
        return new GroupCodes(codes, index.size(), index.keySet().toArray(String[]::new));
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
