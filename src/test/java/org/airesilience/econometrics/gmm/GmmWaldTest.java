package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.TestResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Wald statistic on a singular coefficient variance (two-step GMM with more instruments than units). */
class GmmWaldTest {

    @Test
    void singularVarianceUsesItsPositiveDirectionsWithTheirCountAsDf() {
        // V = [[1,1],[1,1]] has eigenvalues 2 (direction (1,1)/sqrt2) and 0. For b = (1,3): projection 4/sqrt2,
        // so b'V^+b = (16/2)/2 = 4 on 1 df; p = P(chi2_1 > 4) = 0.0455003.
        Matrix v = Matrix.ofRows(new double[][] {{1, 1}, {1, 1}});
        TestResult wald = GmmResult.waldOnPositiveDirections(v, new double[] {1, 3});
        assertEquals(4.0, wald.statistic(), 1e-12);
        assertEquals(1.0, wald.df());
        assertEquals(0.04550026389635842, wald.pValue(), 1e-10);
    }

    @Test
    void indefiniteVarianceDropsItsNegativeDirection() {
        // diag(4, -1): only the first direction is a variance; b = (2, 5) gives 2^2/4 = 1 on 1 df.
        Matrix v = Matrix.ofRows(new double[][] {{4, 0}, {0, -1}});
        TestResult wald = GmmResult.waldOnPositiveDirections(v, new double[] {2, 5});
        assertEquals(1.0, wald.statistic(), 1e-12);
        assertEquals(1.0, wald.df());
    }
}
