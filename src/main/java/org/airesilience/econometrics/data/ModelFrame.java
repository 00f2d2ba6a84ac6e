package org.airesilience.econometrics.data;

import org.airesilience.econometrics.formula.Factor;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.formula.Term;
import org.airesilience.econometrics.linalg.Matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers a formula needs from a table, after evaluating terms (logs, panel lags, interactions) and listwise
 * deletion of rows with a missing or non-finite value in any of them (counted in {@link #dropped()}).
 * Regressors are kept as given: collinearity is the estimator's business because it depends on the transformation
 * (a regressor constant within units is fine in OLS and collinear under unit fixed effects).
 */
public final class ModelFrame {
    /** The intercept's name in results, as R prints it. */
    public static final String INTERCEPT = "(Intercept)";

    private final Table table;
    private final Formula formula;
    private final PanelKeys panel;
    private final int[] rows;
    private final int dropped;
    private final double[] y;
    private final Matrix x;
    private final List<String> xNames;
    private final Matrix endog;
    private final List<String> endogNames;
    private final Matrix instruments;
    private final List<String> instrumentNames;
    private final int[][] fixedEffects;
    private final int[] unit;
    private final int[] time;

    private ModelFrame(Table table, Formula formula, PanelKeys panel, int[] rows, int dropped, double[] y, Matrix x,
                       List<String> xNames, Matrix endog, Matrix instruments, int[][] fixedEffects, int[] unit,
                       int[] time) {
        this.table = table;
        this.formula = formula;
        this.panel = panel;
        this.rows = rows;
        this.dropped = dropped;
        this.y = y;
        this.x = x;
        this.xNames = List.copyOf(xNames);
        this.endog = endog;
        this.endogNames = formula.endogenous().stream().map(Term::label).toList();
        this.instruments = instruments;
        this.instrumentNames = formula.instruments().stream().map(Term::label).toList();
        this.fixedEffects = fixedEffects;
        this.unit = unit;
        this.time = time;
    }

    public static ModelFrame build(Table table, Formula formula, PanelKeys panel) {
        return build(table, formula, panel, List.of());
    }

    /**
     * As {@link #build(Table, Formula, PanelKeys)}, also requiring the given columns (e.g. the cluster variable)
     * to be present in every kept row.
     */
    public static ModelFrame build(Table table, Formula formula, PanelKeys panel, List<String> alsoRequired) {
        for (String v : formula.variables()) requireColumn(table, v);
        for (String v : alsoRequired) requireColumn(table, v);
        if (formula.needsPanel() && panel == null) {
            throw new IllegalArgumentException("formula '" + formula + "' uses l()/f() lags: give the panel keys (--panel ID,TIME)");
        }
        int n = table.rows();
        int[] unitAll = null;
        int[] timeAll = null;
        Map<Long, Integer> rowOf = null;
        if (panel != null) {
            requireColumn(table, panel.id());
            requireColumn(table, panel.time());
            unitAll = GroupCodes.of(table, panel.id()).codes();
            double[] t = table.numeric(panel.time());
            timeAll = new int[n];
            rowOf = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(t[i])) {
                    timeAll[i] = Integer.MIN_VALUE;
                    continue;
                }
                if (t[i] != Math.rint(t[i])) {
                    throw new IllegalArgumentException("time column '" + panel.time() + "' must hold integers, row "
                            + (i + 1) + " has " + t[i]);
                }
                timeAll[i] = (int) t[i];
                if (unitAll[i] < 0) continue;
                Integer prev = rowOf.put(key(unitAll[i], timeAll[i]), i);
                if (prev != null) {
                    throw new IllegalArgumentException("duplicate panel key (" + panel.id() + "="
                            + table.text(panel.id())[i] + ", " + panel.time() + "=" + timeAll[i] + ") in rows "
                            + (prev + 1) + " and " + (i + 1));
                }
            }
        }

        boolean[] ok = new boolean[n];
        java.util.Arrays.fill(ok, true);
        double[] yAll = evaluate(table, formula.response(), unitAll, timeAll, rowOf, ok);
        List<double[]> xAll = new ArrayList<>();
        List<String> xNames = new ArrayList<>();
        boolean intercept = formula.intercept() && !formula.hasFixedEffects();
        if (intercept) {
            double[] one = new double[n];
            java.util.Arrays.fill(one, 1.0);
            xAll.add(one);
            xNames.add(INTERCEPT);
        }
        List<CategoricalTerm> categorical = new ArrayList<>();
        for (Term t : formula.terms()) {
            if (t.categorical()) {
                String var = t.factors().stream().filter(Factor::categorical).findFirst().orElseThrow().variable();
                int[] codes = GroupCodes.of(table, var).codes();
                for (int i = 0; i < n; i++) if (codes[i] < 0) ok[i] = false;
                categorical.add(new CategoricalTerm(xAll.size(), t, var, codes, evaluate(table, t, unitAll, timeAll, rowOf, ok)));
                xAll.add(null);
                xNames.add(null);
            } else {
                xAll.add(evaluate(table, t, unitAll, timeAll, rowOf, ok));
                xNames.add(t.label());
            }
        }
        List<double[]> endoAll = new ArrayList<>();
        for (Term t : formula.endogenous()) endoAll.add(evaluate(table, t, unitAll, timeAll, rowOf, ok));
        List<double[]> instAll = new ArrayList<>();
        for (Term t : formula.instruments()) instAll.add(evaluate(table, t, unitAll, timeAll, rowOf, ok));
        List<int[]> feAll = new ArrayList<>();
        for (String fe : formula.fixedEffects()) {
            int[] codes = GroupCodes.of(table, fe).codes();
            for (int i = 0; i < n; i++) if (codes[i] < 0) ok[i] = false;
            feAll.add(codes);
        }
        for (String v : alsoRequired) {
            int[] codes = GroupCodes.of(table, v).codes();
            for (int i = 0; i < n; i++) if (codes[i] < 0) ok[i] = false;
        }
        if (panel != null) {
            for (int i = 0; i < n; i++) if (unitAll[i] < 0 || timeAll[i] == Integer.MIN_VALUE) ok[i] = false;
        }

        int kept = 0;
        for (boolean b : ok) if (b) kept++;
        if (kept == 0) {
            throw new IllegalArgumentException("no complete observations for formula '" + formula + "' ("
                    + n + " rows, all with a missing value in some model variable)");
        }
        int[] rows = new int[kept];
        for (int i = 0, j = 0; i < n; i++) if (ok[i]) rows[j++] = i;
        if (!categorical.isEmpty()) expand(table, categorical, rows, xAll, xNames);

        int[][] fe = new int[feAll.size()][];
        for (int d = 0; d < fe.length; d++) fe[d] = GroupCodes.dense(pick(feAll.get(d), rows));
        int[] unit = panel == null ? null : GroupCodes.dense(pick(unitAll, rows));
        int[] time = panel == null ? null : GroupCodes.dense(pick(GroupCodes.of(table, panel.time()).codes(), rows));
        return new ModelFrame(table, formula, panel, rows, n - kept, pick(yAll, rows), columns(xAll, rows), xNames,
                columns(endoAll, rows), columns(instAll, rows), fe, unit, time);
    }

    /** A factor term before expansion: its slot among the regressors, its level codes and the product of its other factors. */
    private record CategoricalTerm(int slot, Term term, String variable, int[] codes, double[] numericPart) {
    }

    /**
     * Replaces each factor term's slot by one column per level present in the estimation sample except the first
     * (the base, as Stata's i.v): the level's indicator times the term's numeric factors, named "v::level" as fixest
     * does (with the other factors after ':' as written, e.g. "year::2008:x").
     */
    private static void expand(Table table, List<CategoricalTerm> terms, int[] rows, List<double[]> xAll, List<String> xNames) {
        List<double[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int next = 0;
        for (int slot = 0; slot < xAll.size(); slot++) {
            CategoricalTerm c = next < terms.size() && terms.get(next).slot() == slot ? terms.get(next++) : null;
            if (c == null) {
                cols.add(xAll.get(slot));
                names.add(xNames.get(slot));
                continue;
            }
            String[] text = table.text(c.variable());
            java.util.TreeMap<Integer, String> present = new java.util.TreeMap<>();
            for (int r : rows) present.putIfAbsent(c.codes()[r], text[r]);
            List<String> parts = Formula.splitOutsideParentheses(c.term().label(), ':');
            boolean first = true;
            for (Map.Entry<Integer, String> level : present.entrySet()) {
                if (first) {
                    first = false;
                    continue;
                }
                double[] col = new double[table.rows()];
                for (int i = 0; i < col.length; i++) col[i] = c.codes()[i] == level.getKey() ? c.numericPart()[i] : 0;
                List<String> named = new ArrayList<>();
                for (String p : parts) {
                    String t = p.trim();
                    boolean isFactor = t.equals("i." + c.variable()) || t.replace(" ", "").equals("factor(" + c.variable() + ")");
                    named.add(isFactor ? c.variable() + "::" + level.getValue() : t);
                }
                cols.add(col);
                names.add(String.join(":", named));
            }
        }
        xAll.clear();
        xAll.addAll(cols);
        xNames.clear();
        xNames.addAll(names);
    }

    private static void requireColumn(Table table, String name) {
        if (!table.has(name)) throw new IllegalArgumentException("no column '" + name + "'; columns are " + table.names());
    }

    private static long key(int unit, int time) {
        return ((long) unit << 32) ^ (time & 0xFFFFFFFFL);
    }

    /** Values of a term for every table row; rows where it is missing or not finite are marked not ok. */
    private static double[] evaluate(Table table, Term term, int[] unit, int[] time, Map<Long, Integer> rowOf,
                                     boolean[] ok) {
        int n = table.rows();
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1.0);
        for (Factor f : term.factors()) {
            if (f.categorical()) continue; // its dummies are formed once the sample is known
            double[] v = table.numeric(f.variable());
            for (int i = 0; i < n; i++) {
                double value;
                if (f.lag() == 0) {
                    value = v[i];
                } else if (unit[i] < 0 || time[i] == Integer.MIN_VALUE) {
                    value = Double.NaN;
                } else {
                    Integer src = rowOf.get(key(unit[i], time[i] - f.lag()));
                    value = src == null ? Double.NaN : v[src];
                }
                if (f.log()) value = value > 0 ? Math.log(value) : Double.NaN;
                out[i] *= value;
            }
        }
        for (int i = 0; i < n; i++) if (!Double.isFinite(out[i])) ok[i] = false;
        return out;
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    private static int[] pick(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    private static Matrix columns(List<double[]> cols, int[] rows) {
        List<double[]> picked = new ArrayList<>();
        for (double[] c : cols) picked.add(pick(c, rows));
        Matrix m = Matrix.ofColumns(picked);
        return picked.isEmpty() ? new Matrix(rows.length, 0) : m;
    }

    public Formula formula() {
        return formula;
    }

    /** The panel keys given, or null. */
    public PanelKeys panel() {
        return panel;
    }

    /** The source table (before listwise deletion). */
    public Table table() {
        return table;
    }

    /** Indices of the kept rows in the source table. */
    public int[] rows() {
        return rows.clone();
    }

    public int nobs() {
        return rows.length;
    }

    /** Rows removed by listwise deletion. */
    public int dropped() {
        return dropped;
    }

    public double[] y() {
        return y.clone();
    }

    /** Exogenous regressors (with "(Intercept)" first when the formula has one and no fixed effects). */
    public Matrix x() {
        return x.copy();
    }

    public List<String> xNames() {
        return xNames;
    }

    public boolean hasIntercept() {
        return !xNames.isEmpty() && xNames.get(0).equals(INTERCEPT);
    }

    /** Endogenous regressors of the IV part (n x 0 without IV). */
    public Matrix endog() {
        return endog.copy();
    }

    public List<String> endogNames() {
        return endogNames;
    }

    /** Excluded instruments (n x 0 without IV). */
    public Matrix instruments() {
        return instruments.copy();
    }

    public List<String> instrumentNames() {
        return instrumentNames;
    }

    /** Group codes 0..levels-1 per fixed-effect dimension, in formula order. */
    public int[][] fixedEffects() {
        return fixedEffects;
    }

    public List<String> fixedEffectNames() {
        return formula.fixedEffects();
    }

    /** Panel unit codes 0..G-1 of the kept rows, or null without panel keys. */
    public int[] unit() {
        return unit;
    }

    /** Panel period codes 0..T-1 (in time order) of the kept rows, or null without panel keys. */
    public int[] time() {
        return time;
    }

    /** Codes 0..G-1 of a clustering column for the kept rows; a clear error when it has missing values there. */
    public int[] cluster(String var) {
        requireColumn(table, var);
        int[] all = GroupCodes.of(table, var).codes();
        int[] codes = pick(all, rows);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                throw new IllegalArgumentException("cluster variable '" + var + "' is missing in row " + (rows[i] + 1)
                        + " of the estimation sample");
            }
        }
        return GroupCodes.dense(codes);
    }
}
