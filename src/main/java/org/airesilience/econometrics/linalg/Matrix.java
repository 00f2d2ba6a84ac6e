package org.airesilience.econometrics.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense column-major matrix backed by netlib BLAS/LAPACK (dev.ludovic.netlib, the implementation Spark MLlib uses).
 * Solves go through Cholesky or LU factorizations; explicit inverses only where the inverse itself is the result
 * (a variance matrix).
 *
 * <p>Always netlib's scalar Java implementations, whatever the JVM and machine offer: {@code BLAS.getInstance()}
 * takes a native library where one is installed and the Vector API where the JVM resolves
 * {@code jdk.incubator.vector} (Spark's launcher adds it for executors and spark-submit drivers, not for local runs),
 * and each sums in its own order, so the same replicate gave other last digits on an executor than in a local run.
 */
public final class Matrix {
    private static final BLAS BLAS_ = scalarBlas();
    private static final LAPACK LAPACK_ = JavaLAPACK.getInstance();

    /** The BLAS implementation's class name. */
    static String blasImplementation() {
        return BLAS_.getClass().getName();
    }

    /** netlib's Java BLAS without the Vector API (its class is not public; its instance is). */
    private static BLAS scalarBlas() {
        try {
            java.lang.reflect.Method instance = Class.forName("dev.ludovic.netlib.blas.Java11BLAS")
                    .getMethod("getInstance");
            instance.setAccessible(true);
            return (BLAS) instance.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("netlib's Java BLAS (dev.ludovic.netlib.blas.Java11BLAS) is not usable", e);
        }
    }

    private final int rows;
    private final int cols;
    private final double[] data; // column-major

    public Matrix(int rows, int cols) {
        this(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** Wraps column-major data without copying. */
    public Matrix(int rows, int cols, double[] data) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static Matrix identity(int n) {
        Matrix m = new Matrix(n, n);
        for (int i = 0; i < n; i++) m.set(i, i, 1.0);
        return m;
    }

    /** A single column. */
    public static Matrix column(double[] values) {
        return new Matrix(values.length, 1, values.clone());
    }

    /** Columns side by side (each of equal length). */
    public static Matrix ofColumns(List<double[]> columns) {
        int n = columns.isEmpty() ? 0 : columns.get(0).length;
        Matrix m = new Matrix(n, columns.size());
        for (int j = 0; j < columns.size(); j++) {
            double[] c = columns.get(j);
            if (c.length != n) throw new IllegalArgumentException("column " + j + " has length " + c.length);
            System.arraycopy(c, 0, m.data, j * n, n);
        }
        return m;
    }

    public static Matrix ofRows(double[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        Matrix m = new Matrix(r, c);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) m.set(i, j, rowsData[i][j]);
        }
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing column-major array (not a copy). */
    public double[] data() {
        return data;
    }

    public double get(int i, int j) {
        return data[j * rows + i];
    }

    public void set(int i, int j, double v) {
        data[j * rows + i] = v;
    }

    public double[] column(int j) {
        return Arrays.copyOfRange(data, j * rows, (j + 1) * rows);
    }

    public double[] row(int i) {
        double[] r = new double[cols];
        for (int j = 0; j < cols; j++) r[j] = get(i, j);
        return r;
    }

    public double[] diagonal() {
        int n = Math.min(rows, cols);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = get(i, i);
        return d;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    public Matrix transpose() {
        Matrix t = new Matrix(cols, rows);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) t.data[i * cols + j] = data[j * rows + i];
        }
        return t;
    }

    /** Columns at the given indices. */
    public Matrix selectColumns(int[] idx) {
        Matrix m = new Matrix(rows, idx.length);
        for (int k = 0; k < idx.length; k++) System.arraycopy(data, idx[k] * rows, m.data, k * rows, rows);
        return m;
    }

    /** Rows at the given indices. */
    public Matrix selectRows(int[] idx) {
        Matrix m = new Matrix(idx.length, cols);
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < idx.length; k++) m.data[j * idx.length + k] = data[j * rows + idx[k]];
        }
        return m;
    }

    /** [this, other] side by side. */
    public Matrix hconcat(Matrix other) {
        if (other.rows != rows) throw new IllegalArgumentException("row counts differ: " + rows + " vs " + other.rows);
        Matrix m = new Matrix(rows, cols + other.cols);
        System.arraycopy(data, 0, m.data, 0, data.length);
        System.arraycopy(other.data, 0, m.data, data.length, other.data.length);
        return m;
    }

    /** this * other. */
    public Matrix times(Matrix other) {
        return gemm(false, false, other);
    }

    /** this' * other. */
    public Matrix tTimes(Matrix other) {
        return gemm(true, false, other);
    }

    /** this * other'. */
    public Matrix timesT(Matrix other) {
        return gemm(false, true, other);
    }

    private Matrix gemm(boolean transA, boolean transB, Matrix b) {
        int m = transA ? cols : rows;
        int k = transA ? rows : cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb) throw new IllegalArgumentException("inner dimensions differ: " + k + " vs " + kb);
        Matrix c = new Matrix(m, n);
        if (m == 0 || n == 0 || k == 0) return c;
        BLAS_.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, 1.0, data, rows, b.data, b.rows, 0.0, c.data, m);
        return c;
    }

    /** this * v. */
    public double[] times(double[] v) {
        if (v.length != cols) throw new IllegalArgumentException("vector length " + v.length + " != " + cols);
        double[] y = new double[rows];
        if (rows > 0 && cols > 0) BLAS_.dgemv("N", rows, cols, 1.0, data, rows, v, 1, 0.0, y, 1);
        return y;
    }

    /** this' * v. */
    public double[] tTimes(double[] v) {
        if (v.length != rows) throw new IllegalArgumentException("vector length " + v.length + " != " + rows);
        double[] y = new double[cols];
        if (rows > 0 && cols > 0) BLAS_.dgemv("T", rows, cols, 1.0, data, rows, v, 1, 0.0, y, 1);
        return y;
    }

    /** this' * this (the Gramian), symmetric. */
    public Matrix crossprod() {
        Matrix c = new Matrix(cols, cols);
        if (rows > 0 && cols > 0) {
            BLAS_.dsyrk("U", "T", cols, rows, 1.0, data, rows, 0.0, c.data, cols);
        }
        c.symmetrizeFromUpper();
        return c;
    }

    public Matrix plus(Matrix o) {
        checkSame(o);
        Matrix m = copy();
        for (int i = 0; i < data.length; i++) m.data[i] += o.data[i];
        return m;
    }

    public Matrix minus(Matrix o) {
        checkSame(o);
        Matrix m = copy();
        for (int i = 0; i < data.length; i++) m.data[i] -= o.data[i];
        return m;
    }

    public Matrix scale(double s) {
        Matrix m = copy();
        for (int i = 0; i < data.length; i++) m.data[i] *= s;
        return m;
    }

    private void checkSame(Matrix o) {
        if (o.rows != rows || o.cols != cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " vs " + o.rows + "x" + o.cols);
        }
    }

    private void symmetrizeFromUpper() {
        for (int j = 0; j < cols; j++) {
            for (int i = j + 1; i < rows; i++) data[j * rows + i] = data[i * rows + j];
        }
    }

    /** Solves this * X = B for symmetric positive definite this (Cholesky); throws if not positive definite. */
    public Matrix solveSpd(Matrix b) {
        requireSquare();
        double[] a = data.clone();
        intW info = new intW(0);
        LAPACK_.dpotrf("U", rows, a, Math.max(1, rows), info);
        if (info.val != 0) throw new SingularMatrixException("matrix is not positive definite (leading minor " + info.val + ")");
        double[] x = b.data.clone();
        LAPACK_.dpotrs("U", rows, b.cols, a, Math.max(1, rows), x, Math.max(1, rows), info);
        return new Matrix(b.rows, b.cols, x);
    }

    public double[] solveSpd(double[] b) {
        return solveSpd(new Matrix(b.length, 1, b.clone())).data;
    }

    /** Inverse of a symmetric positive definite matrix (for variance matrices). */
    public Matrix inverseSpd() {
        requireSquare();
        double[] a = data.clone();
        intW info = new intW(0);
        LAPACK_.dpotrf("U", rows, a, Math.max(1, rows), info);
        if (info.val != 0) throw new SingularMatrixException("matrix is not positive definite (leading minor " + info.val + ")");
        LAPACK_.dpotri("U", rows, a, Math.max(1, rows), info);
        if (info.val != 0) throw new SingularMatrixException("matrix is singular");
        Matrix m = new Matrix(rows, cols, a);
        m.symmetrizeFromUpper();
        return m;
    }

    /** Solves this * X = B by LU with partial pivoting. */
    public Matrix solve(Matrix b) {
        requireSquare();
        double[] a = data.clone();
        double[] x = b.data.clone();
        int[] ipiv = new int[rows];
        intW info = new intW(0);
        LAPACK_.dgesv(rows, b.cols, a, Math.max(1, rows), ipiv, x, Math.max(1, rows), info);
        if (info.val != 0) throw new SingularMatrixException("matrix is singular (U(" + info.val + "," + info.val + ") = 0)");
        return new Matrix(b.rows, b.cols, x);
    }

    public Matrix inverse() {
        return solve(identity(rows));
    }

    /** Eigen-decomposition of a symmetric matrix: eigenvalues ascending, eigenvectors as columns. */
    public SymmetricEigen symmetricEigen() {
        requireSquare();
        double[] a = data.clone();
        double[] w = new double[rows];
        intW info = new intW(0);
        double[] work = new double[1];
        LAPACK_.dsyev("V", "U", rows, a, Math.max(1, rows), w, work, -1, info);
        work = new double[Math.max(1, (int) work[0])];
        LAPACK_.dsyev("V", "U", rows, a, Math.max(1, rows), w, work, work.length, info);
        if (info.val != 0) throw new SingularMatrixException("eigen-decomposition did not converge");
        return new SymmetricEigen(w, new Matrix(rows, rows, a));
    }

    /** Moore-Penrose inverse of a symmetric matrix, dropping eigenvalues below tol * max|eigenvalue|. */
    public Matrix pinvSymmetric(double tol) {
        SymmetricEigen e = symmetricEigen();
        double max = 0;
        for (double v : e.values()) max = Math.max(max, Math.abs(v));
        Matrix out = new Matrix(rows, rows);
        for (int k = 0; k < rows; k++) {
            double lambda = e.values()[k];
            if (Math.abs(lambda) <= tol * max) continue;
            for (int j = 0; j < rows; j++) {
                double vj = e.vectors().get(j, k) / lambda;
                for (int i = 0; i < rows; i++) out.data[j * rows + i] += e.vectors().get(i, k) * vj;
            }
        }
        return out;
    }

    /**
     * Indices of a maximal set of linearly independent columns, found left to right by pivoted Cholesky on the
     * Gramian: a column is kept when its residual after projection on the kept ones is larger than tol relative to
     * its own norm (the rule Stata uses to report "omitted because of collinearity").
     */
    public int[] independentColumns(double tol) {
        Matrix g = crossprod();
        int k = cols;
        double[][] l = new double[k][k];
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double gjj = g.get(j, j);
            double[] lj = new double[kept.size()];
            double resid = gjj;
            for (int a = 0; a < kept.size(); a++) {
                int ka = kept.get(a);
                double s = g.get(ka, j);
                for (int b = 0; b < a; b++) s -= l[a][b] * lj[b];
                lj[a] = s / l[a][a];
                resid -= lj[a] * lj[a];
            }
            if (gjj > 0 && resid > tol * gjj) {
                int a = kept.size();
                System.arraycopy(lj, 0, l[a], 0, lj.length);
                l[a][a] = Math.sqrt(resid);
                kept.add(j);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private void requireSquare() {
        if (rows != cols) throw new IllegalArgumentException("matrix is " + rows + "x" + cols + ", not square");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) sb.append(Arrays.toString(row(i))).append('\n');
        return sb.toString();
    }

    /** Eigenvalues (ascending) and eigenvectors (columns). */
    public record SymmetricEigen(double[] values, Matrix vectors) {
    }
}
