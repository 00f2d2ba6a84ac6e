package org.airesilience.econometrics.effects;

import org.airesilience.econometrics.data.GroupCodes;
import org.airesilience.econometrics.linalg.Matrix;

import java.util.Arrays;

/**
 * Absorbs one or more fixed-effect dimensions by the within transformation: exact group demeaning for one
 * dimension, the exact formula v - mean_i - mean_t + mean for a balanced two-way design, and alternating
 * projections (the method of fixest and reghdfe) otherwise, iterated until the largest update of a sweep is below
 * 1e-12 relative to the data's scale.
 */
public final class FixedEffects {
    public static final double TOLERANCE = 1e-12;
    private static final int MAX_SWEEPS = 100_000;

    public enum Method { ONE_WAY_EXACT, TWO_WAY_BALANCED_EXACT, ALTERNATING_PROJECTIONS }

    private final int n;
    private final int[][] groups;
    private final int[] levels;
    private final double[][] counts;
    private final Method method;
    private int lastSweeps;

    private FixedEffects(int[][] groups) {
        this.groups = groups;
        this.n = groups[0].length;
        this.levels = new int[groups.length];
        this.counts = new double[groups.length][];
        for (int d = 0; d < groups.length; d++) {
            if (groups[d].length != n) throw new IllegalArgumentException("fixed-effect codes of unequal length");
            levels[d] = GroupCodes.levels(groups[d]);
            counts[d] = new double[levels[d]];
            for (int g : groups[d]) counts[d][g]++;
        }
        this.method = groups.length == 1 ? Method.ONE_WAY_EXACT
                : groups.length == 2 && isBalanced(groups, levels) ? Method.TWO_WAY_BALANCED_EXACT
                : Method.ALTERNATING_PROJECTIONS;
    }

    /** Fixed effects from dense group codes (0..levels-1), one array per dimension, all of the same length. */
    public static FixedEffects of(int[][] groups) {
        if (groups == null || groups.length == 0) throw new IllegalArgumentException("no fixed-effect dimension given");
        return new FixedEffects(groups);
    }

    private static boolean isBalanced(int[][] g, int[] levels) {
        if ((long) levels[0] * levels[1] != g[0].length) return false;
        boolean[] seen = new boolean[levels[0] * levels[1]];
        for (int i = 0; i < g[0].length; i++) {
            int cell = g[0][i] * levels[1] + g[1][i];
            if (seen[cell]) return false;
            seen[cell] = true;
        }
        return true;
    }

    public Method method() {
        return method;
    }

    public int dimensions() {
        return groups.length;
    }

    public int levels(int dimension) {
        return levels[dimension];
    }

    /** Sweeps the last alternating-projections run needed (0 for the exact methods). */
    public int lastSweeps() {
        return lastSweeps;
    }

    /** Residual of v after projecting on all fixed effects. */
    public double[] demean(double[] v) {
        if (v.length != n) throw new IllegalArgumentException("vector length " + v.length + " != " + n);
        double[] out = v.clone();
        demeanInPlace(out, 0);
        return out;
    }

    /** Every column demeaned. */
    public Matrix demean(Matrix m) {
        if (m.rows() != n) throw new IllegalArgumentException("matrix has " + m.rows() + " rows, not " + n);
        double[] data = m.data().clone();
        for (int j = 0; j < m.cols(); j++) demeanInPlace(data, j * n);
        return new Matrix(n, m.cols(), data);
    }

    private void demeanInPlace(double[] v, int offset) {
        switch (method) {
            case ONE_WAY_EXACT -> subtractMeans(v, offset, 0);
            case TWO_WAY_BALANCED_EXACT -> {
                double[] m0 = groupMeans(v, offset, 0);
                double[] m1 = groupMeans(v, offset, 1);
                double grand = 0;
                for (int i = 0; i < n; i++) grand += v[offset + i];
                grand /= n;
                for (int i = 0; i < n; i++) v[offset + i] += grand - m0[groups[0][i]] - m1[groups[1][i]];
            }
            case ALTERNATING_PROJECTIONS -> alternate(v, offset);
        }
    }

    private void alternate(double[] v, int offset) {
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(v[offset + i]));
        double tol = TOLERANCE * Math.max(scale, Double.MIN_NORMAL);
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
            double largest = 0;
            for (int d = 0; d < groups.length; d++) largest = Math.max(largest, subtractMeans(v, offset, d));
            if (largest <= tol) {
                lastSweeps = sweep;
                return;
            }
        }
        throw new IllegalStateException("alternating projections did not converge in " + MAX_SWEEPS
                + " sweeps: the fixed effects are very poorly connected");
    }

    /** Subtracts the group means of dimension d; returns the largest absolute mean subtracted. */
    private double subtractMeans(double[] v, int offset, int d) {
        double[] means = groupMeans(v, offset, d);
        int[] g = groups[d];
        for (int i = 0; i < n; i++) v[offset + i] -= means[g[i]];
        double largest = 0;
        for (double m : means) largest = Math.max(largest, Math.abs(m));
        return largest;
    }

    private double[] groupMeans(double[] v, int offset, int d) {
        double[] sums = new double[levels[d]];
        int[] g = groups[d];
        for (int i = 0; i < n; i++) sums[g[i]] += v[offset + i];
        for (int k = 0; k < sums.length; k++) sums[k] /= counts[d][k];
        return sums;
    }

    /**
     * Number of parameters the fixed effects absorb, the constant included: G for one dimension; G + T - c for two
     * dimensions with c connected components of the bipartite unit-period graph (exact); for more dimensions the
     * sum of levels minus one per further dimension (the count that treats only one level per dimension as
     * redundant, as reghdfe does beyond its first two dimensions).
     */
    public int degreesOfFreedomAbsorbed() {
        int sum = Arrays.stream(levels).sum();
        if (groups.length == 1) return sum;
        if (groups.length == 2) return sum - connectedComponents();
        return sum - (groups.length - 1);
    }

    private int connectedComponents() {
        int[] parent = new int[levels[0] + levels[1]];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        for (int i = 0; i < n; i++) {
            int a = find(parent, groups[0][i]);
            int b = find(parent, levels[0] + groups[1][i]);
            if (a != b) parent[a] = b;
        }
        int c = 0;
        for (int i = 0; i < parent.length; i++) if (find(parent, i) == i) c++;
        return c;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Whether every level of dimension d lies within a single cluster (then its effects are nested in clusters). */
    public boolean isNestedIn(int d, int[] cluster) {
        int[] owner = new int[levels[d]];
        Arrays.fill(owner, -1);
        for (int i = 0; i < n; i++) {
            int g = groups[d][i];
            if (owner[g] == -1) owner[g] = cluster[i];
            else if (owner[g] != cluster[i]) return false;
        }
        return true;
    }
}
