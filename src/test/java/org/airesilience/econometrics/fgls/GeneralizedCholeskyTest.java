package org.airesilience.econometrics.fgls;

import org.airesilience.econometrics.linalg.Matrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The generalized inverse of R's bdsmatrix on small matrices whose solutions bdsmatrix 1.3.6 prints. */
class GeneralizedCholeskyTest {
    private static double[] solve(double[][] a, double... b) {
        Matrix m = new Matrix(a.length, a.length);
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a.length; j++) m.set(i, j, a[i][j]);
        return new GeneralizedCholesky(m, 1e-10).solve(b);
    }

    @Test
    void positiveDefiniteIsTheExactSolve() {
        // solve(matrix(c(4,1,1,3), 2), c(1, 2)) = (1/11, 7/11)
        assertArrayEquals(new double[]{1.0 / 11, 7.0 / 11}, solve(new double[][]{{4, 1}, {1, 3}}, 1, 2), 1e-15);
    }

    @Test
    void negativePivotsCountAsZero() {
        // library(bdsmatrix); solve(bdsmatrix(2, c(1, 2, 2, 1)), c(1, 1)) = (1, 0), not the exact (1/3, 1/3)
        assertArrayEquals(new double[]{1, 0}, solve(new double[][]{{1, 2}, {2, 1}}, 1, 1), 1e-15);
        // solve(bdsmatrix(3, c(4, 2, 2, 2, 0.5, 1, 2, 1, 3)), c(1, 2, 3)) = (-0.375, 0, 1.25)
        assertArrayEquals(new double[]{-0.375, 0, 1.25},
                solve(new double[][]{{4, 2, 2}, {2, 0.5, 1}, {2, 1, 3}}, 1, 2, 3), 1e-14);
    }

    @Test
    void singularPivotsAreDropped() {
        // rank 1: the second pivot is zero, its component is 0
        assertArrayEquals(new double[]{0.25, 0}, solve(new double[][]{{4, 4}, {4, 4}}, 1, 1), 1e-15);
    }
}
