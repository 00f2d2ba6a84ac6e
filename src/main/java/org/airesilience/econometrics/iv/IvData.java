package org.airesilience.econometrics.iv;

import org.airesilience.econometrics.linalg.Matrix;

import java.util.List;

/**
 * A 2SLS problem at the matrix level: y, included exogenous regressors (with the intercept column when the model has
 * one), endogenous regressors and excluded instruments, after any fixed effects have been absorbed (demeaned).
 *
 * @param absorbedDf        parameters absorbed by the fixed effects (0 without fixed effects); counted in the
 *                          small-sample degrees of freedom and, as ivreg2's dofminus, in the large-sample statistics
 * @param absorbedDfCluster the same count for cluster-robust variance, where fixed effects nested within the clusters
 *                          are not counted beyond one constant (the reghdfe / xtreg convention)
 * @param ngroups           groups reported in the output (fixed-effect levels or clusters), or null
 */
public record IvData(double[] y, Matrix exog, List<String> exogNames, Matrix endog, List<String> endogNames,
                     Matrix excluded, List<String> excludedNames, int absorbedDf, int absorbedDfCluster,
                     Integer ngroups) {

    /** A cross-section problem without fixed effects. */
    public static IvData crossSection(double[] y, Matrix exog, List<String> exogNames, Matrix endog,
                                      List<String> endogNames, Matrix excluded, List<String> excludedNames) {
        return new IvData(y, exog, exogNames, endog, endogNames, excluded, excludedNames, 0, 0, null);
    }
}
