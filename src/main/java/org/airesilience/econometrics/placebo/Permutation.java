package org.airesilience.econometrics.placebo;

import org.airesilience.econometrics.data.Table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Reassigns one column's values at random under a {@link PermutationScheme}. Every scheme is a set of blocks; a block
 * holds exchangeable slots of equal length (one row each for {@code all} and {@code within-time}, a unit's rows in
 * period order for {@code units}), and a draw shuffles the slots of each block (Fisher–Yates, blocks in a fixed
 * order), so a draw is a pure function of the random stream.
 *
 * <p>Only rows of the estimation sample take part; rows outside it, and rows where the column is missing, keep their
 * value. Under {@code units} a unit's path is the set
 * of periods in which the column is observed; units are exchanged only with units observed in exactly the same
 * periods, so each keeps its whole time path and the estimation sample never changes. In a balanced panel that is one
 * block of all units; in an unbalanced panel a unit whose pattern of periods is unique keeps its own path (counted in
 * {@link #fixedSlots()}). Under {@code within-time} and {@code units}, rows with a missing period (or unit) key take
 * no part either.
 */
public final class Permutation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PermutationScheme scheme;
    private final double[] values;
    /** blocks[b][slot][k] = row index. */
    private final int[][][] blocks;

    private Permutation(PermutationScheme scheme, double[] values, int[][][] blocks) {
        this.scheme = scheme;
        this.values = values;
        this.blocks = blocks;
    }

    /**
     * @param unit the unit identifier column (required for {@code units})
     * @param time the period column (required for {@code units} and {@code within-time})
     * @param rows the rows that take part (the estimation sample), or null for every row
     */
    public static Permutation of(Table data, String column, PermutationScheme scheme, String unit, String time,
                                 int[] rows) {
        double[] values = data.numeric(column).clone();
        int[] candidates = rows == null ? IntStream.range(0, values.length).toArray() : IntStream.of(rows).sorted()
                .distinct().toArray();
        List<Integer> observed = new ArrayList<>();
        for (int i : candidates) {
            if (!Double.isNaN(values[i])) observed.add(i);
        }
        int[][][] blocks = switch (scheme) {
            case ALL -> new int[][][]{singleRowSlots(observed)};
            case WITHIN_TIME -> byPeriod(observed, periodCodes(data, require(time, "a period column", scheme)));
            case UNITS -> byUnitPath(data, observed, require(unit, "a unit column", scheme),
                    periodCodes(data, require(time, "a period column", scheme)));
        };
        return new Permutation(scheme, values, blocks);
    }

    private static String require(String name, String what, PermutationScheme scheme) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("scheme '" + scheme.label() + "' needs " + what
                    + " (give --panel ID,TIME)");
        }
        return name;
    }

    /** The column with values reassigned by one draw. */
    public double[] draw(SplittableRandom random) {
        double[] out = values.clone();
        for (int[][] block : blocks) {
            int m = block.length;
            int[] order = new int[m];
            for (int i = 0; i < m; i++) order[i] = i;
            for (int i = m - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int slot = 0; slot < m; slot++) {
                int[] to = block[slot];
                int[] from = block[order[slot]];
                for (int k = 0; k < to.length; k++) out[to[k]] = values[from[k]];
            }
        }
        return out;
    }

    public PermutationScheme scheme() {
        return scheme;
    }

    /** Rows whose value can move. */
    public int permutedRows() {
        int n = 0;
        for (int[][] block : blocks) {
            if (block.length > 1) {
                for (int[] slot : block) n += slot.length;
            }
        }
        return n;
    }

    /** Rows that take no part: outside the sample, or the column or a key is missing. */
    public int excludedRows() {
        int inBlocks = 0;
        for (int[][] block : blocks) {
            for (int[] slot : block) inBlocks += slot.length;
        }
        return values.length - inBlocks;
    }

    /** Number of blocks with more than one slot. */
    public int blocks() {
        return (int) Arrays.stream(blocks).filter(b -> b.length > 1).count();
    }

    /** Slots (rows, or units under {@code units}) alone in their block, which therefore never move. */
    public int fixedSlots() {
        return (int) Arrays.stream(blocks).filter(b -> b.length == 1).count();
    }

    /** What was permuted, for the JSON output. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", scheme.label());
        m.put("blocks", blocks());
        m.put("permuted_rows", permutedRows());
        m.put(scheme == PermutationScheme.UNITS ? "fixed_units" : "fixed_rows", fixedSlots());
        m.put("excluded_rows", excludedRows());
        return m;
    }

    private static int[][] singleRowSlots(List<Integer> rows) {
        int[][] slots = new int[rows.size()][];
        for (int i = 0; i < slots.length; i++) slots[i] = new int[]{rows.get(i)};
        return slots;
    }

    private static int[][][] byPeriod(List<Integer> observed, int[] period) {
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int row : observed) {
            if (period[row] >= 0) groups.computeIfAbsent(period[row], k -> new ArrayList<>()).add(row);
        }
        return groups.values().stream().map(Permutation::singleRowSlots).toArray(int[][][]::new);
    }

    private static int[][][] byUnitPath(Table data, List<Integer> observed, String unitColumn, int[] period) {
        String[] unit = data.text(unitColumn);
        Map<String, TreeMap<Integer, Integer>> paths = new LinkedHashMap<>();
        for (int row : observed) {
            if (unit[row] == null || period[row] < 0) continue;
            Integer previous = paths.computeIfAbsent(unit[row], k -> new TreeMap<>()).put(period[row], row);
            if (previous != null) {
                throw new IllegalArgumentException("unit '" + unit[row] + "' has more than one row in the same period"
                        + " (rows " + (previous + 1) + " and " + (row + 1) + "); the units scheme needs unique"
                        + " (unit, period) pairs");
            }
        }
        Map<List<Integer>, List<int[]>> byPattern = new LinkedHashMap<>();
        for (TreeMap<Integer, Integer> path : paths.values()) {
            int[] rows = path.values().stream().mapToInt(Integer::intValue).toArray();
            byPattern.computeIfAbsent(List.copyOf(path.keySet()), k -> new ArrayList<>()).add(rows);
        }
        return byPattern.values().stream().map(l -> l.toArray(int[][]::new)).toArray(int[][][]::new);
    }

    /** Period codes 0..T-1 in period order (numeric order for a numeric column), -1 where missing. */
    private static int[] periodCodes(Table data, String column) {
        int n = data.rows();
        int[] codes = new int[n];
        if (data.isNumeric(column)) {
            double[] t = data.numeric(column);
            double[] distinct = Arrays.stream(t).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray();
            for (int i = 0; i < n; i++) codes[i] = Double.isNaN(t[i]) ? -1 : Arrays.binarySearch(distinct, t[i]);
        } else {
            String[] t = data.text(column);
            Map<String, Integer> code = new HashMap<>();
            Arrays.stream(t).filter(v -> v != null).distinct().sorted().forEach(v -> code.put(v, code.size()));
            for (int i = 0; i < n; i++) codes[i] = t[i] == null ? -1 : code.get(t[i]);
        }
        return codes;
    }
}
