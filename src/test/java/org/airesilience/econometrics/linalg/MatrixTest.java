package org.airesilience.econometrics.linalg;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MatrixTest {
    private static final Matrix A = Matrix.ofRows(new double[][]{{4, 2, 0.6}, {2, 5, 1}, {0.6, 1, 3}});

    @Test
    void productsAgreeWithHandComputation() {
        Matrix x = Matrix.ofRows(new double[][]{{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new double[]{35, 44, 44, 56}, x.crossprod().data(), 1e-12);
        assertArrayEquals(new double[]{35, 44, 44, 56}, x.tTimes(x).data(), 1e-12);
        assertArrayEquals(new double[]{5, 11, 17}, x.times(new double[]{1, 2}), 1e-12);
        assertArrayEquals(new double[]{22, 28}, x.tTimes(new double[]{1, 2, 3}), 1e-12);
        assertEquals(x.times(x.transpose()).get(2, 1), x.timesT(x).get(2, 1), 1e-12);
    }

    @Test
    void solvesAndInvertsPositiveDefiniteSystems() {
        double[] b = {1, 2, 3};
        double[] x = A.solveSpd(b);
        assertArrayEquals(b, A.times(x), 1e-12);
        assertArrayEquals(x, A.solve(Matrix.column(b)).data(), 1e-12);
        Matrix product = A.times(A.inverseSpd());
        assertArrayEquals(Matrix.identity(3).data(), product.data(), 1e-12);
        assertArrayEquals(Matrix.identity(3).data(), A.times(A.inverse()).data(), 1e-12);
    }

    @Test
    void rejectsIndefiniteMatrices() {
        Matrix m = Matrix.ofRows(new double[][]{{1, 2}, {2, 1}});
        assertThrows(SingularMatrixException.class, m::inverseSpd);
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        Matrix.SymmetricEigen e = A.symmetricEigen();
        Matrix v = e.vectors();
        Matrix d = new Matrix(3, 3);
        for (int i = 0; i < 3; i++) d.set(i, i, e.values()[i]);
        assertArrayEquals(A.data(), v.times(d).timesT(v).data(), 1e-12);
        assertArrayEquals(A.inverse().data(), A.pinvSymmetric(1e-12).data(), 1e-12);
    }

    @Test
    void findsCollinearColumnsLeftToRight() {
        double[] c1 = {1, 1, 1, 1, 1};
        double[] c2 = {1, 2, 3, 4, 5};
        double[] c3 = {2, 3, 4, 5, 6}; // c1 + c2
        double[] c4 = {1, 0, 0, 1, 3};
        Matrix x = Matrix.ofColumns(List.of(c1, c2, c3, c4));
        assertArrayEquals(new int[]{0, 1, 3}, x.independentColumns(1e-10));
    }

    @Test
    void keepsToTheScalarJavaBlasWhereTheVectorApiIsResolved() {
        // the tests' JVM resolves jdk.incubator.vector, as Spark's launcher does for executors (pom.xml): netlib's
        // own choice would sum in vector lanes there, in another order than a local run
        assertEquals("dev.ludovic.netlib.blas.VectorBLAS", dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getName());
        assertEquals("dev.ludovic.netlib.blas.Java11BLAS", Matrix.blasImplementation());
    }
}
