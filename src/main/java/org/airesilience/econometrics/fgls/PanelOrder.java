package org.airesilience.econometrics.fgls;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Observations sorted by (unit, time), with the row range of each unit and dense period indices. */
final class PanelOrder {
    private final int[] order;
    private final int[] starts; // units + 1 entries
    private final int[] timeIndex; // period index (0..T-1) of each sorted row
    private final int[] sortedTime;
    private final int periods;

    private PanelOrder(int[] order, int[] starts, int[] timeIndex, int[] sortedTime, int periods) {
        this.order = order;
        this.starts = starts;
        this.timeIndex = timeIndex;
        this.sortedTime = sortedTime;
        this.periods = periods;
    }

    static PanelOrder of(int[] unit, int[] time) {
        if (unit == null || time == null) {
            throw new IllegalArgumentException("panel FGLS needs panel identifiers: give --panel ID,TIME");
        }
        int n = unit.length;
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> unit[i]).thenComparingInt(i -> time[i]))
                .mapToInt(Integer::intValue).toArray();
        int[] distinct = Arrays.stream(time).distinct().sorted().toArray();
        int[] ti = new int[n];
        int[] st = new int[n];
        int[] startsTmp = new int[n + 1];
        int units = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            st[r] = time[i];
            ti[r] = Arrays.binarySearch(distinct, time[i]);
            if (r == 0 || unit[i] != unit[order[r - 1]]) {
                startsTmp[units++] = r;
            } else if (time[i] == time[order[r - 1]]) {
                throw new IllegalArgumentException("duplicate panel key: unit code " + unit[i] + ", time " + time[i]);
            }
        }
        startsTmp[units] = n;
        return new PanelOrder(order, Arrays.copyOf(startsTmp, units + 1), ti, st, distinct.length);
    }

    int[] order() {
        return order;
    }

    int units() {
        return starts.length - 1;
    }

    int start(int g) {
        return starts[g];
    }

    int end(int g) {
        return starts[g + 1];
    }

    int periods() {
        return periods;
    }

    int[] timeIndex() {
        return timeIndex;
    }

    double[] rows(double[] v) {
        double[] out = new double[order.length];
        for (int r = 0; r < order.length; r++) out[r] = v[order[r]];
        return out;
    }

    /** Dense unit index 0..G-1 of each sorted row. */
    int[] unitIndex() {
        int[] out = new int[order.length];
        for (int g = 0; g < units(); g++) {
            for (int i = start(g); i < end(g); i++) out[i] = g;
        }
        return out;
    }

    /** AR(1) transforms need equally spaced periods within each unit (Stata refuses gaps without force). */
    void requireConsecutive() {
        for (int g = 0; g < units(); g++) {
            for (int i = start(g) + 1; i < end(g); i++) {
                if (sortedTime[i] != sortedTime[i - 1] + 1) {
                    throw new IllegalArgumentException("panel " + g + " has a gap between times " + sortedTime[i - 1]
                            + " and " + sortedTime[i] + "; AR(1) FGLS needs consecutive periods");
                }
            }
        }
    }
}
