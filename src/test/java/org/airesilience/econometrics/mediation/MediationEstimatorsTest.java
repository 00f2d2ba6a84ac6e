package org.airesilience.econometrics.mediation;

import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.Distributions;
import org.airesilience.econometrics.model.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mediation with every estimator of the core: each reported number is recomputed by hand from the three component
 * regressions fitted separately (Y ~ X + controls, M ~ X + controls, Y ~ X + M + controls).
 */
class MediationEstimatorsTest {
    static final Table DATA = MediationTest.draw(Seeds.stream(5, "mediation-estimators", 0), 40, 8);
    static final PanelKeys PANEL = new PanelKeys("id", "year");

    private static void matchesComponents(EstimateSpec spec, String controls) {
        @SuppressWarnings("unchecked")
        Map<String, Object> med = (Map<String, Object>) Mediation.run(DATA, spec, "x", "m", 0, null).get("mediation");
        String fe = spec.formula().text().contains("|") ? spec.formula().text().substring(spec.formula().text().indexOf('|')) : "";
        Coefficient c = Estimators.fit(DATA, spec.withFormula(Formula.parse("y ~ x + " + controls + " " + fe))).require("x");
        Coefficient a = Estimators.fit(DATA, spec.withFormula(Formula.parse("m ~ x + " + controls + " " + fe))).require("x");
        EstimateSpec outcome = spec.withFormula(Formula.parse("y ~ x + " + controls + " + m " + fe));
        Coefficient b = Estimators.fit(DATA, outcome).require("m");
        Coefficient direct = Estimators.fit(DATA, outcome).require("x");
        String what = spec.estimator() + " " + spec.formula();
        assertEquals(c.estimate(), MediationTest.get(med, "total_effect", "estimate"), 0, what);
        assertEquals(a.estimate(), MediationTest.get(med, "a_path", "estimate"), 0, what);
        assertEquals(a.stdError(), MediationTest.get(med, "a_path", "std_error"), 0, what);
        assertEquals(b.estimate(), MediationTest.get(med, "b_path", "estimate"), 0, what);
        assertEquals(b.stdError(), MediationTest.get(med, "b_path", "std_error"), 0, what);
        assertEquals(direct.estimate(), MediationTest.get(med, "direct_effect", "estimate"), 0, what);
        double ab = a.estimate() * b.estimate();
        double se = Math.sqrt(b.estimate() * b.estimate() * a.stdError() * a.stdError()
                + a.estimate() * a.estimate() * b.stdError() * b.stdError());
        assertEquals(ab, MediationTest.get(med, "indirect_effect", "estimate"), 1e-15, what);
        assertEquals(ab / se, MediationTest.get(med, "sobel", "statistic"), 1e-12, what);
        assertEquals(Distributions.normalTwoSided(ab / se), MediationTest.get(med, "sobel", "p_value"), 1e-15, what);
        assertEquals(ab / c.estimate(), ((Number) med.get("indirect_share")).doubleValue(), 1e-12, what);
    }

    @Test
    void pooledOls() {
        matchesComponents(EstimateSpec.of("y ~ x + w").withVcov(VcovSpec.HETERO), "w");
    }

    @Test
    void oneAndTwoWayFixedEffects() {
        matchesComponents(EstimateSpec.of("y ~ x + w | id").withVcov(VcovSpec.cluster("id")), "w");
        matchesComponents(EstimateSpec.of("y ~ x + w | id + year"), "w");
        matchesComponents(EstimateSpec.of("y ~ x + w + i.year").withEstimator("fe").withPanel(PANEL), "w + i.year");
    }

    @Test
    void panelFglsAsStudyATable6() {
        matchesComponents(EstimateSpec.of("y ~ x + w").withEstimator("fgls").withPanel(PANEL), "w");
        matchesComponents(EstimateSpec.of("y ~ x + w + i.year").withEstimator("fgls").withPanel(PANEL), "w + i.year");
    }

    @Test
    void interactionTermsAmongTheRegressors() {
        matchesComponents(EstimateSpec.of("y ~ x + w + x:w | id"), "w + x:w");
    }
}
