package org.airesilience.econometrics.model;

import org.airesilience.econometrics.linalg.Matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Least squares on a design that may contain collinear columns: a column is omitted (Stata: "omitted because of
 * collinearity") when it is numerically zero relative to its scale before transformation, or linearly dependent on
 * the columns to its left. The kept columns are solved by Cholesky on X'X.
 */
public final class LeastSquares {
    /** Relative size below which a column counts as collinear. */
    public static final double COLLINEARITY_TOLERANCE = 1e-10;

    private LeastSquares() {
    }

    /**
     * @param kept       indices of the columns used, in order
     * @param beta       coefficients of the kept columns
     * @param residuals  y - X beta
     * @param rss        residual sum of squares
     * @param xtxInverse (X'X)^-1 of the kept columns (the variance's bread)
     * @param x          the kept columns
     */
    public record Solution(int[] kept, double[] beta, double[] residuals, double rss, Matrix xtxInverse, Matrix x) {
    }

    /**
     * @param x         design (already transformed, e.g. demeaned)
     * @param y         response (transformed alike)
     * @param scaleSS   per column, the sum of squares it had before the transformation (centred); a column whose
     *                  transformed sum of squares is below tolerance times this is omitted. Null: no such check.
     */
    public static Solution solve(Matrix x, double[] y, double[] scaleSS) {
        List<Integer> candidates = new ArrayList<>();
        for (int j = 0; j < x.cols(); j++) {
            double ss = 0;
            for (double v : x.column(j)) ss += v * v;
            double ref = scaleSS == null ? ss : scaleSS[j];
            if (ss > 0 && ss > COLLINEARITY_TOLERANCE * ref) candidates.add(j);
        }
        int[] cand = candidates.stream().mapToInt(Integer::intValue).toArray();
        Matrix xc = x.selectColumns(cand);
        int[] independent = xc.independentColumns(COLLINEARITY_TOLERANCE);
        int[] kept = new int[independent.length];
        for (int i = 0; i < kept.length; i++) kept[i] = cand[independent[i]];
        Matrix xk = x.selectColumns(kept);
        double[] beta = kept.length == 0 ? new double[0] : xk.crossprod().solveSpd(xk.tTimes(y));
        double[] fitted = kept.length == 0 ? new double[y.length] : xk.times(beta);
        double[] e = new double[y.length];
        double rss = 0;
        for (int i = 0; i < y.length; i++) {
            e[i] = y[i] - fitted[i];
            rss += e[i] * e[i];
        }
        Matrix bread = kept.length == 0 ? new Matrix(0, 0) : xk.crossprod().inverseSpd();
        return new Solution(kept, beta, e, rss, bread, xk);
    }
}
