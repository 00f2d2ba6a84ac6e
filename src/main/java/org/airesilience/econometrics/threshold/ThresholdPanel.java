package org.airesilience.econometrics.threshold;

import org.airesilience.econometrics.data.Table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The panel a threshold model works on, prepared once: observations ordered by (unit, time), the fixed-effect
 * transformation applied to y and the regime-independent regressors, the raw regime-dependent regressors and
 * threshold variable (the regime indicator must multiply r BEFORE the transformation), and the observations sorted
 * by q. Serializable: it travels with bootstrap tasks to Spark executors.
 *
 * <p>Transformations: {@code within} (each unit's rows minus the unit mean, all rows kept) or {@code dropLast}
 * (Hansen's program: demean, then delete each unit's last period).
 */
final class ThresholdPanel implements Serializable {
    private static final long serialVersionUID = 1L;

    final int units;
    final int nobs;
    /** Observations of unit i are [unitStart[i], unitStart[i+1]), in time order. */
    final int[] unitStart;
    final int[] unitOf;
    final boolean dropLast;
    /** Transformed rows of unit i are [rowStart[i], rowStart[i+1]). */
    final int[] rowStart;
    final int rows;
    /** Transformed dependent variable and regime-independent regressors (user X, then time dummies). */
    final double[] yT;
    final double[][] xT;
    final List<String> xNames;
    final int reportedX;
    /** Raw regime-dependent regressors and threshold variable, per observation. */
    final double[][] r;
    final List<String> rNames;
    final double[] q;
    /** Observations in ascending q (ties in observation order); rank is the inverse permutation. */
    final int[] sorted;
    final int[] rank;
    final double[] qSorted;
    /** Per sorted position: the regime regressors, the unit, its length, whether it is the unit's last period. */
    final double[][] rSorted;
    final int[] unitSorted;
    final int[] lengthSorted;
    final boolean[] lastSorted;
    final int droppedMissing;

    private ThresholdPanel(int[] unitStart, boolean dropLast, double[] y, double[][] x, List<String> xNames,
                           int reportedX, double[][] r, List<String> rNames, double[] q, int droppedMissing) {
        this.units = unitStart.length - 1;
        this.nobs = q.length;
        this.unitStart = unitStart;
        this.dropLast = dropLast;
        this.unitOf = new int[nobs];
        this.rowStart = new int[units + 1];
        for (int i = 0; i < units; i++) {
            for (int o = unitStart[i]; o < unitStart[i + 1]; o++) unitOf[o] = i;
            int len = unitStart[i + 1] - unitStart[i];
            rowStart[i + 1] = rowStart[i] + (dropLast ? Math.max(0, len - 1) : len);
        }
        this.rows = rowStart[units];
        this.yT = transform(y);
        this.xT = new double[x.length][];
        for (int j = 0; j < x.length; j++) xT[j] = transform(x[j]);
        this.xNames = List.copyOf(xNames);
        this.reportedX = reportedX;
        this.r = r;
        this.rNames = List.copyOf(rNames);
        this.q = q;
        Integer[] idx = new Integer[nobs];
        for (int o = 0; o < nobs; o++) idx[o] = o;
        Arrays.sort(idx, Comparator.comparingDouble((Integer o) -> q[o]).thenComparingInt(o -> o));
        this.sorted = new int[nobs];
        this.rank = new int[nobs];
        this.qSorted = new double[nobs];
        for (int p = 0; p < nobs; p++) {
            sorted[p] = idx[p];
            rank[idx[p]] = p;
            qSorted[p] = q[idx[p]];
        }
        this.rSorted = new double[r.length][nobs];
        this.unitSorted = new int[nobs];
        this.lengthSorted = new int[nobs];
        this.lastSorted = new boolean[nobs];
        for (int p = 0; p < nobs; p++) {
            int o = sorted[p];
            int i = unitOf[o];
            for (int j = 0; j < r.length; j++) rSorted[j][p] = r[j][o];
            unitSorted[p] = i;
            lengthSorted[p] = unitStart[i + 1] - unitStart[i];
            lastSorted[p] = o == unitStart[i + 1] - 1;
        }
        this.droppedMissing = droppedMissing;
        for (int j = 0; j < xT.length; j++) {
            double ss = 0;
            for (double v : xT[j]) ss += v * v;
            if (ss == 0) {
                throw new IllegalArgumentException("regressor '" + this.xNames.get(j)
                        + "' does not vary within units: it is absorbed by the fixed effects");
            }
        }
    }

    /** Builds the panel from a table: listwise deletion of rows missing any used column, then (unit, time) order. */
    static ThresholdPanel of(Table data, ThresholdSpec spec) {
        List<String> used = new ArrayList<>(List.of(spec.unit(), spec.time(), spec.y(), spec.threshold()));
        used.addAll(spec.x());
        used.addAll(spec.regime());
        for (String c : used) {
            if (!data.has(c)) throw new IllegalArgumentException("no column '" + c + "'; columns are " + data.names());
        }
        String[] unitIds = data.text(spec.unit());
        String[] timeIds = data.text(spec.time());
        boolean[] keep = new boolean[data.rows()];
        int dropped = 0;
        for (int i = 0; i < data.rows(); i++) {
            boolean ok = unitIds[i] != null && timeIds[i] != null;
            for (String c : used.subList(2, used.size())) ok &= !Double.isNaN(data.numeric(c)[i]);
            keep[i] = ok;
            if (!ok) dropped++;
        }
        Table t = data.filter(keep);
        if (t.rows() == 0) throw new IllegalArgumentException("no complete observations for the threshold model");
        Comparator<String> idOrder = keyOrder(t, spec.unit());
        Comparator<String> timeOrder = keyOrder(t, spec.time());
        String[] uk = t.text(spec.unit());
        String[] tk = t.text(spec.time());
        Integer[] order = new Integer[t.rows()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = idOrder.compare(uk[a], uk[b]);
            return c != 0 ? c : timeOrder.compare(tk[a], tk[b]);
        });
        int[] perm = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        t = t.select(perm);
        String[] u = t.text(spec.unit());
        String[] tm = t.text(spec.time());
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            if (i == 0 || !u[i].equals(u[i - 1])) {
                starts.add(i);
            } else if (tm[i].equals(tm[i - 1])) {
                throw new IllegalArgumentException("duplicate observation for " + spec.unit() + " = " + u[i] + ", "
                        + spec.time() + " = " + tm[i]);
            }
        }
        starts.add(t.rows());
        int[] unitStart = starts.stream().mapToInt(Integer::intValue).toArray();
        if (spec.hansen1999()) {
            int len = unitStart[1] - unitStart[0];
            for (int i = 1; i + 1 < unitStart.length; i++) {
                if (unitStart[i + 1] - unitStart[i] != len) {
                    throw new IllegalArgumentException("--compat hansen1999 needs a balanced panel; unit "
                            + u[unitStart[i]] + " has " + (unitStart[i + 1] - unitStart[i]) + " periods, not " + len);
                }
            }
        }
        List<double[]> x = new ArrayList<>();
        List<String> xNames = new ArrayList<>(spec.x());
        for (String c : spec.x()) x.add(t.numeric(c));
        if (spec.timeEffects()) {
            Map<String, double[]> dummies = timeDummies(tm, timeOrder);
            dummies.forEach((name, col) -> {
                xNames.add(spec.time() + "=" + name);
                x.add(col);
            });
        }
        double[][] r = new double[spec.regime().size()][];
        for (int j = 0; j < r.length; j++) r[j] = t.numeric(spec.regime().get(j)).clone();
        return new ThresholdPanel(unitStart, spec.hansen1999(), t.numeric(spec.y()), x.toArray(double[][]::new),
                xNames, spec.x().size(), r, spec.regime(), t.numeric(spec.threshold()).clone(), dropped);
    }

    /** Numeric keys sort numerically, text keys lexicographically. */
    private static Comparator<String> keyOrder(Table t, String column) {
        if (t.isNumeric(column)) return Comparator.comparingDouble(Double::parseDouble);
        return Comparator.naturalOrder();
    }

    /** One dummy per period except the first. */
    private static Map<String, double[]> timeDummies(String[] tm, Comparator<String> order) {
        TreeMap<String, Integer> periods = new TreeMap<>(order);
        for (String s : tm) periods.putIfAbsent(s, 0);
        Map<String, double[]> out = new LinkedHashMap<>();
        boolean first = true;
        for (String p : periods.keySet()) {
            if (first) {
                first = false;
                continue;
            }
            double[] d = new double[tm.length];
            for (int i = 0; i < tm.length; i++) d[i] = tm[i].equals(p) ? 1 : 0;
            out.put(p, d);
        }
        return out;
    }

    /** The fixed-effect transformation of a per-observation column: unit-demeaned (and last period dropped). */
    double[] transform(double[] full) {
        double[] out = new double[rows];
        for (int i = 0; i < units; i++) {
            int a = unitStart[i];
            int b = unitStart[i + 1];
            double s = 0;
            for (int o = a; o < b; o++) s += full[o];
            double mean = s / (b - a);
            int end = dropLast ? b - 1 : b;
            for (int o = a, row = rowStart[i]; o < end; o++, row++) out[row] = full[o] - mean;
        }
        return out;
    }

    /**
     * The adjoint of {@link #transform}: the per-observation vector v with {@code transform(u) . t = u . v} for
     * every u. For the within transformation of a vector that is already demeaned this is the vector itself.
     */
    double[] adjoint(double[] transformed) {
        if (!dropLast) return transformed;
        double[] full = new double[nobs];
        for (int i = 0; i < units; i++) {
            int a = unitStart[i];
            int b = unitStart[i + 1];
            double s = 0;
            for (int o = a, row = rowStart[i]; o < b - 1; o++, row++) {
                full[o] = transformed[row];
                s += transformed[row];
            }
            double mean = s / (b - a);
            for (int o = a; o < b; o++) full[o] -= mean;
        }
        return full;
    }

    /** Transformed r_j * 1{rank in [lo, hi)}: the regime piece of regressor j (indicator applied first). */
    double[] regimeColumn(int j, int lo, int hi) {
        double[] full = new double[nobs];
        for (int p = lo; p < hi; p++) {
            int o = sorted[p];
            full[o] = r[j][o];
        }
        return transform(full);
    }

    /** Residual degrees of freedom of the threshold variance sigma^2 = S / (N - n), Hansen's n(T-1). */
    int sigmaDf() {
        return nobs - units;
    }

    boolean balanced() {
        int len = unitStart[1] - unitStart[0];
        for (int i = 1; i < units; i++) if (unitStart[i + 1] - unitStart[i] != len) return false;
        return true;
    }
}
