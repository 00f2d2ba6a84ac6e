package org.airesilience.econometrics.effects;

import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random effects and the model-choice tests on the Grunfeld data (validation/grunfeld.csv, identical to
 * plm's Grunfeld) against published R plm output, which prints these numbers rounded:
 * <ul>
 *   <li>summary(plm(inv ~ value + capital, data = Grunfeld, model = "random")): (Intercept) -57.834415 (28.898935),
 *       value 0.109781 (0.010493), capital 0.308113 (0.017180); idiosyncratic variance 2784.46, individual 7089.80,
 *       theta 0.8612; R-Squared 0.7695, Adj. 0.76716; z p-value of the intercept 0.04536 (plm >= 2.4 prints z).</li>
 *   <li>phtest(within, random): chisq = 2.3304, df = 2, p-value = 0.3119.</li>
 *   <li>pFtest(within, pooling): F = 49.177, df1 = 9, df2 = 188; twoways: F = 17.403, df1 = 28, df2 = 169.</li>
 *   <li>plmtest(pooling, type = "bp"): LM_mu = 798.162 (Baltagi 2013, Econometric Analysis of Panel Data, p. 108,
 *       with Stata's xttest0; quoted in plm's tests/test_pbsytest_unbalanced.R).</li>
 * </ul>
 * Tolerances are half a unit in the last printed digit.
 */
class GrunfeldModelChoiceTest {
    static Table grunfeld;
    static final PanelKeys PANEL = new PanelKeys("firm", "year");

    @BeforeAll
    static void load() throws Exception {
        grunfeld = ValidationData.table("grunfeld.csv");
    }

    static void printed(double expected, double actual, int decimals, String what) {
        assertEquals(expected, actual, 0.5 * Math.pow(10, -decimals) * 1.0000001, what);
    }

    @Test
    void swamyAroraRandomEffectsMatchPlm() {
        EstimationResult r = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital").withEstimator("re").withPanel(PANEL));
        Coefficient c0 = r.require("(Intercept)");
        printed(-57.834415, c0.estimate(), 6, "intercept");
        printed(28.898935, c0.stdError(), 6, "intercept se");
        printed(0.04536, c0.pValue(), 5, "intercept z p-value");
        printed(0.109781, r.require("value").estimate(), 6, "value");
        printed(0.010493, r.require("value").stdError(), 6, "value se");
        printed(0.308113, r.require("capital").estimate(), 6, "capital");
        printed(0.017180, r.require("capital").stdError(), 6, "capital se");
        printed(2784.46, r.fit().get("sigma2_idiosyncratic"), 2, "sigma2 idiosyncratic");
        printed(7089.80, r.fit().get("sigma2_individual"), 2, "sigma2 individual");
        printed(0.8612, r.fit().get("theta"), 4, "theta");
        printed(0.7695, r.fit().get("r2"), 4, "r2");
        printed(0.76716, r.fit().get("adj_r2"), 5, "adj r2");
        assertEquals(10, r.ngroups());
    }

    @Test
    void hausmanFTestAndBreuschPaganMatchPlm() {
        for (String estimator : new String[]{"re", "fe"}) {
            EstimationResult r = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital").withEstimator(estimator).withPanel(PANEL));
            TestResult h = r.tests().get("hausman");
            printed(2.3304, h.statistic(), 4, "hausman");
            assertEquals(2, h.df());
            printed(0.3119, h.pValue(), 4, "hausman p");
            TestResult f = r.tests().get("f_individual");
            printed(49.177, f.statistic(), 3, "pFtest");
            assertEquals(9, f.df());
            assertEquals(188, f.df2());
            TestResult bp = r.tests().get("breusch_pagan_lm");
            printed(798.162, bp.statistic(), 3, "BP LM");
            assertEquals(1, bp.df());
        }
    }

    @Test
    void twoWayFTestAgainstPooledMatchesPlm() {
        EstimationResult r = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital | firm + year"));
        TestResult f = r.tests().get("f_individual");
        printed(17.403, f.statistic(), 3, "pFtest twoways");
        assertEquals(28, f.df());
        assertEquals(169, f.df2());
    }
}
