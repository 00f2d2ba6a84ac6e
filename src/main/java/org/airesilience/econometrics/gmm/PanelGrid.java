package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.data.Table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of a panel placed on the full unit x period grid (units and periods sorted), so that lags and
 * differences are taken by period, gaps and unbalanced panels included: a missing unit-period is NaN.
 */
final class PanelGrid {
    final String[] unitLabels;
    final double[] times;
    /** rowOf[i][t] = table row of unit i in period t, or -1. */
    final int[][] rowOf;

    private PanelGrid(String[] unitLabels, double[] times, int[][] rowOf) {
        this.unitLabels = unitLabels;
        this.times = times;
        this.rowOf = rowOf;
    }

    static PanelGrid of(Table data, String unitVar, String timeVar) {
        String[] units = data.text(unitVar);
        if (!data.isNumeric(timeVar)) {
            throw new IllegalArgumentException("panel time column '" + timeVar + "' is not numeric");
        }
        double[] time = data.numeric(timeVar);
        boolean numericUnits = data.isNumeric(unitVar);
        Map<String, Double> unitOrder = new HashMap<>();
        TreeMap<Double, Integer> timeIndex = new TreeMap<>();
        for (int r = 0; r < data.rows(); r++) {
            if (units[r] == null) throw new IllegalArgumentException("data row " + (r + 1) + ": missing panel unit '" + unitVar + "'");
            if (Double.isNaN(time[r])) throw new IllegalArgumentException("data row " + (r + 1) + ": missing panel time '" + timeVar + "'");
            if (numericUnits) unitOrder.put(units[r], data.numeric(unitVar)[r]);
            timeIndex.put(time[r], 0);
        }
        String[] labels = Arrays.stream(units).distinct().sorted(numericUnits
                ? (a, b) -> Double.compare(unitOrder.get(a), unitOrder.get(b)) : String::compareTo).toArray(String[]::new);
        Map<String, Integer> unitIndex = new HashMap<>();
        for (int i = 0; i < labels.length; i++) unitIndex.put(labels[i], i);
        double[] times = timeIndex.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        for (int t = 0; t < times.length; t++) timeIndex.put(times[t], t);
        int[][] rowOf = new int[labels.length][times.length];
        for (int[] row : rowOf) Arrays.fill(row, -1);
        for (int r = 0; r < data.rows(); r++) {
            int i = unitIndex.get(units[r]);
            int t = timeIndex.get(time[r]);
            if (rowOf[i][t] >= 0) {
                throw new IllegalArgumentException("duplicate panel key (" + unitVar + " = " + units[r] + ", " + timeVar
                        + " = " + data.text(timeVar)[r] + ") in data rows " + (rowOf[i][t] + 1) + " and " + (r + 1)
                        + " (lines " + (rowOf[i][t] + 2) + " and " + (r + 2) + " of a CSV file with a header)");
            }
            rowOf[i][t] = r;
        }
        return new PanelGrid(labels, times, rowOf);
    }

    int units() {
        return unitLabels.length;
    }

    int periods() {
        return times.length;
    }

    /** values[i][t] of a column, NaN where the unit-period is absent. */
    double[][] place(double[] column) {
        double[][] out = new double[units()][periods()];
        for (int i = 0; i < units(); i++) {
            for (int t = 0; t < periods(); t++) {
                int r = rowOf[i][t];
                out[i][t] = r < 0 ? Double.NaN : column[r];
            }
        }
        return out;
    }

    /** The period label as written in the data (integers without ".0"). */
    String timeLabel(int t) {
        double v = times[t];
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
