package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options beyond the pgmm reference runs: IV-style lists, collapse, the xtabond2 convention, input errors. */
class DynamicPanelGmmOptionsTest {
    private static Table data;

    @BeforeAll
    static void load() throws Exception {
        data = ValidationData.table("empluk.csv");
    }

    @Test
    void explicitIvPartEqualsPgmmDefault() {
        GmmResult byDefault = DynamicPanelGmm.fit(data, EmplukGmmValidationTest.abDifferenceSpec());
        GmmSpec explicit = GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1:2) + l(log(wage), 0:1)"
                        + " + log(capital) + l(log(output), 0:1) | l(log(emp), 2:99)"
                        + " | l(log(wage), 0:1) + log(capital) + l(log(output), 0:1)"), "firm", "year")
                .withTimeEffects(true).withTwoStep(true);
        GmmResult fit = DynamicPanelGmm.fit(data, explicit);
        assertEquals(byDefault.instrumentCount(), fit.instrumentCount());
        double[] a = byDefault.coefficients();
        double[] b = fit.coefficients();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-12 * Math.abs(a[i]));
    }

    @Test
    void collapseLeavesOneColumnPerLag() {
        GmmResult fit = DynamicPanelGmm.fit(data, EmplukGmmValidationTest.abDifferenceSpec().collapsed());
        // log(emp) lags 2..8 (T = 9 periods): 7 columns, 6 time dummies, 5 IV-style regressors
        assertEquals(7 + 6 + 5, fit.instrumentCount());
        assertEquals(fit.instrumentCount() - 13, fit.hansenJ().df());
        assertTrue(fit.instrumentNames().contains("diff: l(log(emp), 8)"));
        double rho = fit.coefficient("l(log(emp), 1)");
        assertTrue(rho > 0 && rho < 1.5, "collapsed estimate of the AR coefficient " + rho);
        GmmResult system = DynamicPanelGmm.fit(data, EmplukGmmValidationTest.bbSystemSpec().collapsed());
        // per variable 7 differenced-equation lags and 1 level column; intercept and 7 dummies
        assertEquals(3 * (7 + 1) + 8, system.instrumentCount());
    }

    @Test
    void xtabond2ConventionRescalesOnlyWhatDiffers() {
        GmmSpec pgmmSpec = EmplukGmmValidationTest.bbSystemSpec();
        GmmResult pgmm = DynamicPanelGmm.fit(data, pgmmSpec);
        GmmResult stata = DynamicPanelGmm.fit(data, pgmmSpec.withConvention(GmmConvention.XTABOND2));
        String rho = "l(log(emp), 1)";
        assertEquals(pgmm.coefficient(rho), stata.coefficient(rho), 1e-12);
        assertEquals(pgmm.stdErrorRobust(rho), stata.stdErrorRobust(rho), 1e-12);
        assertEquals(pgmm.hansenJ().statistic(), stata.hansenJ().statistic(), 1e-9);
        assertEquals(pgmm.arTestsRobust().m2(), stata.arTestsRobust().m2(), 1e-12);
        // the non-robust one-step variance differs by the factor sigma^2 * n for every coefficient
        double ratio = stata.stdErrorPlain(rho) / pgmm.stdErrorPlain(rho);
        double ratioW = stata.stdErrorPlain("log(wage)") / pgmm.stdErrorPlain("log(wage)");
        assertEquals(ratio, ratioW, 1e-9 * ratio);
        assertNotEquals(1.0, ratio, 1e-3);
        assertNotEquals(pgmm.sargan().statistic(), stata.sargan().statistic(), 1e-3);
        // observation count: level equations (1031 rows less each firm's first period) vs. all equations
        assertEquals(1031 - 140, stata.nobs());
        assertEquals(1031 - 140, pgmm.levelObservations());
        assertEquals(1031 - 2 * 140, pgmm.diffObservations());
        assertEquals(1642, pgmm.nobs());
    }

    @Test
    void levelInstrumentLagFollowsTheConvention() {
        GmmSpec spec = GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1) + log(wage) | l(log(emp), 3:99)"),
                "firm", "year").withSystem(true);
        GmmResult pgmm = DynamicPanelGmm.fit(data, spec);
        GmmResult stata = DynamicPanelGmm.fit(data, spec.withConvention(GmmConvention.XTABOND2));
        assertTrue(pgmm.instrumentNames().stream().anyMatch(n -> n.endsWith("d(l(log(emp), 1))")));
        assertTrue(stata.instrumentNames().stream().anyMatch(n -> n.endsWith("d(l(log(emp), 2))")));
        assertNotEquals(pgmm.coefficient("l(log(emp), 1)"), stata.coefficient("l(log(emp), 1)"), 1e-6);
    }

    @Test
    void badSpecificationsFailClearly() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> DynamicPanelGmm.fit(data,
                GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1:7) | l(log(emp), 8:99)"), "firm", "year")));
        assertTrue(few.getMessage().contains("too few periods"), few.getMessage());
        IllegalArgumentException noGmm = assertThrows(IllegalArgumentException.class,
                () -> GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1)"), "firm", "year"));
        assertTrue(noGmm.getMessage().contains("no GMM-style instruments"), noGmm.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> DynamicPanelGmm.fit(data,
                GmmSpec.of(DynamicFormula.parse("log(emp) ~ l(log(emp), 1) + l(log(wages), 0:1) | l(log(emp), 2:99)"),
                        "firm", "year")));
        assertTrue(column.getMessage().contains("wages"), column.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DynamicFormula.parse("log(emp) ~ l(log(emp), 1) + wage:capital"));
        assertThrows(IllegalArgumentException.class, () -> GmmInstrument.parse("log(emp):x:99", false));
        assertEquals(List.of(new LaggedTerm("log(wage)", 0), new LaggedTerm("log(wage)", 1), new LaggedTerm("capital", 0)),
                DynamicFormula.parseTerms("l(log(wage), 0:1) + capital"));
    }
}
