package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.linalg.Matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * The stacked equations of every unit: the first differences for periods firstDiff..T-1 and, for system GMM, the
 * levels for periods firstDiff-1..T-1; with each unit's instrument block Z_i (rows x instruments). Rows that cannot
 * be formed (a missing value in the response or a regressor) are zero in y_i, X_i and Z_i, as in pgmm; a missing
 * instrument value is zero. Blocks are kept per unit, so Z'Z, Z'X and Z'HZ are accumulated unit by unit and the
 * block-diagonal instrument matrix of the whole sample is never formed.
 */
final class UnitDesign {
    final List<String> coefficientNames;
    final List<String> instrumentNames;
    final int diffRows;
    final int levelRows;
    /** Period labels of the first differenced and the first level equation. */
    final String firstDiffPeriod;
    final String firstLevelPeriod;
    final double[][] y;
    final Matrix[] x;
    final SparseRows[] z;
    final boolean[][] used;
    /** The regressors are the first regressorCount coefficients; timeDummies are the dummies' indices. */
    final int regressorCount;
    final int[] timeDummies;

    private UnitDesign(List<String> coefficientNames, List<String> instrumentNames, int diffRows, int levelRows,
                       String firstDiffPeriod, String firstLevelPeriod, double[][] y, Matrix[] x, SparseRows[] z,
                       boolean[][] used, int regressorCount, int[] timeDummies) {
        this.coefficientNames = coefficientNames;
        this.instrumentNames = instrumentNames;
        this.diffRows = diffRows;
        this.levelRows = levelRows;
        this.firstDiffPeriod = firstDiffPeriod;
        this.firstLevelPeriod = firstLevelPeriod;
        this.y = y;
        this.x = x;
        this.z = z;
        this.used = used;
        this.regressorCount = regressorCount;
        this.timeDummies = timeDummies;
    }

    int units() {
        return y.length;
    }

    int rows() {
        return diffRows + levelRows;
    }

    static UnitDesign build(Table data, GmmSpec spec) {
        PanelGrid grid = PanelGrid.of(data, spec.unit(), spec.time());
        int n = grid.units();
        int periods = grid.periods();
        DynamicFormula f = spec.formula();
        List<LaggedTerm> regs = f.regressors();
        List<LaggedTerm> ivs = spec.effectiveIv();
        List<GmmInstrument> gmms = spec.gmm();

        double[][] yv = grid.place(DynamicFormula.evaluate(data, f.response()));
        double[][][] xv = new double[regs.size()][][];
        for (int k = 0; k < regs.size(); k++) xv[k] = lagged(grid.place(DynamicFormula.evaluate(data, regs.get(k).expression())), regs.get(k).lag());
        double[][][] iv = new double[ivs.size()][][];
        for (int k = 0; k < ivs.size(); k++) iv[k] = lagged(grid.place(DynamicFormula.evaluate(data, ivs.get(k).expression())), ivs.get(k).lag());
        double[][][] gv = new double[gmms.size()][][];
        for (int g = 0; g < gmms.size(); g++) gv[g] = grid.place(DynamicFormula.evaluate(data, gmms.get(g).expression()));

        // Periods lost (pgmm's TL1): the longest regressor lag plus one for differencing, or the shortest GMM lag.
        int maxLag = regs.stream().mapToInt(LaggedTerm::lag).max().orElse(0);
        int minGmmLag = gmms.stream().mapToInt(GmmInstrument::minLag).min().orElseThrow();
        int first = Math.max(maxLag + 1, minGmmLag);
        int nd = periods - first;
        if (nd < 2) {
            throw new IllegalArgumentException("too few periods: " + periods + " periods, and the lags need " + first
                    + " before the first differenced equation; at least 2 differenced periods are required");
        }
        int nl = spec.system() ? periods - (first - 1) : 0;
        int levelStart = first - 1;

        // coefficient layout: regressors, (Intercept) for system GMM, time dummies for periods first..T-1
        List<String> coef = new ArrayList<>();
        for (LaggedTerm t : regs) coef.add(t.name());
        int intercept = -1;
        if (spec.system()) {
            intercept = coef.size();
            coef.add("(Intercept)");
        }
        int[] dummyPeriods = spec.timeEffects() ? range(first, periods) : new int[0];
        int[] dummyIdx = new int[dummyPeriods.length];
        for (int d = 0; d < dummyPeriods.length; d++) {
            dummyIdx[d] = coef.size();
            coef.add(spec.time() + "::" + grid.timeLabel(dummyPeriods[d]));
        }
        int kx = coef.size();

        // instrument layout
        List<String> inst = new ArrayList<>();
        int[][][] diffGmmCols = new int[gmms.size()][][]; // [g][row] -> column of each lag, ordered oldest first
        for (int g = 0; g < gmms.size(); g++) {
            GmmInstrument gi = gmms.get(g);
            diffGmmCols[g] = new int[nd][];
            if (gi.collapse()) {
                int cols = Math.min(periods - gi.minLag(), gi.maxLag() + 1 - gi.minLag());
                int base = inst.size();
                for (int j = 0; j < cols; j++) inst.add("diff: " + new LaggedTerm(gi.expression(), gi.minLag() + j).name());
                for (int r = 0; r < nd; r++) {
                    int t = first + r;
                    int cnt = Math.max(0, t - gi.minLag() - Math.max(0, t - gi.maxLag()) + 1);
                    int[] c = new int[cnt];
                    // oldest first: lag = t - s for s ascending; collapsed column index = lag - minLag
                    for (int j = 0; j < cnt; j++) {
                        int s = Math.max(0, t - gi.maxLag()) + j;
                        c[j] = base + (t - s - gi.minLag());
                    }
                    diffGmmCols[g][r] = c;
                }
            } else {
                for (int r = 0; r < nd; r++) {
                    int t = first + r;
                    int lo = Math.max(0, t - gi.maxLag());
                    int cnt = Math.max(0, t - gi.minLag() - lo + 1);
                    int[] c = new int[cnt];
                    for (int j = 0; j < cnt; j++) {
                        c[j] = inst.size();
                        inst.add("diff " + grid.timeLabel(t) + ": " + new LaggedTerm(gi.expression(), t - (lo + j)).name());
                    }
                    diffGmmCols[g][r] = c;
                }
            }
        }
        int diffTimeCol = inst.size();
        if (!spec.system()) {
            for (int p : dummyPeriods) inst.add("diff: " + spec.time() + "::" + grid.timeLabel(p));
        }
        int[][] levelGmmCol = new int[gmms.size()][nl]; // -1 where no instrument
        int[] levelLag = new int[gmms.size()];
        for (int g = 0; g < gmms.size(); g++) {
            GmmInstrument gi = gmms.get(g);
            levelLag[g] = spec.convention() == GmmConvention.PGMM ? 1 : gi.minLag() - 1;
            int collapsedCol = -1;
            for (int r = 0; r < nl; r++) {
                int t = levelStart + r;
                if (t - levelLag[g] - 1 < 0) {
                    levelGmmCol[g][r] = -1;
                    continue;
                }
                String name = "level: d(" + new LaggedTerm(gi.expression(), levelLag[g]).name() + ")";
                if (gi.collapse()) {
                    if (collapsedCol < 0) {
                        collapsedCol = inst.size();
                        inst.add(name);
                    }
                    levelGmmCol[g][r] = collapsedCol;
                } else {
                    levelGmmCol[g][r] = inst.size();
                    inst.add("level " + grid.timeLabel(t) + ": " + name.substring("level: ".length()));
                }
            }
        }
        int levelTimeCol = inst.size();
        if (spec.system()) {
            inst.add("level: (Intercept)");
            for (int p : dummyPeriods) inst.add("level: " + spec.time() + "::" + grid.timeLabel(p));
        }
        int ivDiffCol = inst.size();
        for (LaggedTerm t : ivs) inst.add("diff: d(" + t.name() + ")");
        int ivLevelCol = inst.size();
        if (spec.system()) for (LaggedTerm t : ivs) inst.add("level: " + t.name());
        int kz = inst.size();

        int rows = nd + nl;
        double[][] ys = new double[n][];
        Matrix[] xs = new Matrix[n];
        SparseRows[] zs = new SparseRows[n];
        boolean[][] used = new boolean[n][];
        for (int i = 0; i < n; i++) {
            double[] yi = new double[rows];
            Matrix xi = new Matrix(rows, kx);
            Matrix zi = new Matrix(rows, kz);
            boolean[] ui = new boolean[rows];
            for (int r = 0; r < nd; r++) {
                int t = first + r;
                double dy = yv[i][t] - yv[i][t - 1];
                boolean ok = Double.isFinite(dy);
                for (int k = 0; k < regs.size() && ok; k++) ok = Double.isFinite(xv[k][i][t] - xv[k][i][t - 1]);
                if (!ok) continue;
                ui[r] = true;
                yi[r] = dy;
                for (int k = 0; k < regs.size(); k++) xi.set(r, k, xv[k][i][t] - xv[k][i][t - 1]);
                for (int d = 0; d < dummyPeriods.length; d++) {
                    double v = (t == dummyPeriods[d] ? 1 : 0) - (t - 1 == dummyPeriods[d] ? 1 : 0);
                    xi.set(r, dummyIdx[d], v);
                    if (!spec.system()) zi.set(r, diffTimeCol + d, v);
                }
                for (int g = 0; g < gmms.size(); g++) {
                    int[] c = diffGmmCols[g][r];
                    int lo = Math.max(0, t - gmms.get(g).maxLag());
                    for (int j = 0; j < c.length; j++) zi.set(r, c[j], finiteOrZero(gv[g][i][lo + j]));
                }
                for (int k = 0; k < ivs.size(); k++) zi.set(r, ivDiffCol + k, finiteOrZero(iv[k][i][t] - iv[k][i][t - 1]));
            }
            for (int r = 0; r < nl; r++) {
                int t = levelStart + r;
                int row = nd + r;
                boolean ok = Double.isFinite(yv[i][t]);
                for (int k = 0; k < regs.size() && ok; k++) ok = Double.isFinite(xv[k][i][t]);
                if (!ok) continue;
                ui[row] = true;
                yi[row] = yv[i][t];
                for (int k = 0; k < regs.size(); k++) xi.set(row, k, xv[k][i][t]);
                xi.set(row, intercept, 1.0);
                zi.set(row, levelTimeCol, 1.0);
                for (int d = 0; d < dummyPeriods.length; d++) {
                    if (t == dummyPeriods[d]) {
                        xi.set(row, dummyIdx[d], 1.0);
                        zi.set(row, levelTimeCol + 1 + d, 1.0);
                    }
                }
                for (int g = 0; g < gmms.size(); g++) {
                    int c = levelGmmCol[g][r];
                    if (c >= 0) {
                        int s = t - levelLag[g];
                        zi.set(row, c, finiteOrZero(gv[g][i][s] - gv[g][i][s - 1]));
                    }
                }
                for (int k = 0; k < ivs.size(); k++) zi.set(row, ivLevelCol + k, finiteOrZero(iv[k][i][t]));
            }
            ys[i] = yi;
            xs[i] = xi;
            zs[i] = SparseRows.of(zi);
            used[i] = ui;
        }
        return new UnitDesign(List.copyOf(coef), List.copyOf(inst), nd, nl, grid.timeLabel(first),
                grid.timeLabel(levelStart), ys, xs, zs, used,
                regs.size(), dummyIdx);
    }

    /** The one-step weighting structure H: covariance of the stacked errors under iid errors, up to sigma^2. */
    Matrix firstStepH() {
        int nd = diffRows;
        Matrix h = new Matrix(rows(), rows());
        for (int r = 0; r < nd; r++) {
            h.set(r, r, 2);
            if (r + 1 < nd) {
                h.set(r, r + 1, -1);
                h.set(r + 1, r, -1);
            }
            // cov(e_t - e_{t-1}, e_s): +1 for s = t (level row r + 1), -1 for s = t - 1 (level row r)
            if (levelRows > 0) {
                h.set(r, nd + r, -1);
                h.set(nd + r, r, -1);
                h.set(r, nd + r + 1, 1);
                h.set(nd + r + 1, r, 1);
            }
        }
        for (int r = 0; r < levelRows; r++) h.set(nd + r, nd + r, 1);
        return h;
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** v[i][t - lag] (NaN before the first period). */
    private static double[][] lagged(double[][] v, int lag) {
        if (lag == 0) return v;
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = new double[v[i].length];
            for (int t = 0; t < v[i].length; t++) out[i][t] = t - lag >= 0 ? v[i][t - lag] : Double.NaN;
        }
        return out;
    }
}
