package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The xtabond2 convention against published Stata output for Arellano and Bond (1991), Table 4, column (a1):
 * one-step difference GMM of n = log(emp) on two own lags, w and its lag, k and ys with two lags each, time effects,
 * GMM instruments lags 2.. of n (the Stata [XT] xtabond manual's example 1, which prints L1.n .6862261 with
 * non-robust standard error .1486163 and Sargan chi2(25) = 65.81; and xtabond2 ... nolevel robust, which prints
 * AR(1) z = -3.60 and AR(2) z = -0.52, Pr > z = 0.606). Tolerances follow the printed precision.
 */
class StataPublishedOutputTest {
    @Test
    void arellanoBondColumnA1MatchesStata() throws Exception {
        Table data = ValidationData.table("empluk.csv");
        GmmSpec spec = GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1:2) + l(log(wage), 0:1)"
                        + " + l(log(capital), 0:2) + l(log(output), 0:2) | l(log(emp), 2:99)"), "firm", "year")
                .withTimeEffects(true).withConvention(GmmConvention.XTABOND2);
        GmmResult fit = DynamicPanelGmm.fit(data, spec);
        assertEquals(0.6862261, fit.coefficient("l(log(emp), 1)"), 1e-5 * 0.6862261);
        assertEquals(0.1486163, fit.stdErrorPlain("l(log(emp), 1)"), 1e-5 * 0.1486163);
        assertEquals(65.81, fit.sargan().statistic(), 0.01);
        assertEquals(25, fit.sargan().df());
        assertEquals(-3.60, fit.arTestsRobust().m1(), 0.005);
        assertEquals(-0.52, fit.arTestsRobust().m2(), 0.005);
        assertEquals(0.606, fit.ar2().pValue(), 0.0005);
    }
}
