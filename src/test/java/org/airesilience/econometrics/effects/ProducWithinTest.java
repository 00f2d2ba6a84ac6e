package org.airesilience.econometrics.effects;

import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * log() terms and firm-clustered variance on Munnell's Produc data (validation/produc.csv, plm's Produc)
 * against the printed output of plm's own package example:
 * {@code summary(plm(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp, data = Produc, index = c("state","year")))}
 * and {@code coeftest(fit, vcov = vcovHC(fit, method = "arellano"))} (type HC0: no small-sample factor, so our
 * Stata-convention cluster variance divided by q = G/(G-1) (N-1)/(N-K) must equal it).
 */
class ProducWithinTest {
    static final String FORMULA = "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp";
    static final String[] TERMS = {"log(pcap)", "log(pc)", "log(emp)", "unemp"};

    @Test
    void withinWithLogTermsMatchesPlmExample() throws Exception {
        Table produc = ValidationData.table("produc.csv");
        EstimateSpec spec = EstimateSpec.of(FORMULA).withEstimator("fe").withPanel(new PanelKeys("state", "year"));
        EstimationResult iid = Estimators.fit(produc, spec);
        EstimationResult cl = Estimators.fit(produc, spec.withVcov(VcovSpec.cluster("state")));
        double[] coef = {-0.02614965, 0.29200693, 0.76815947, -0.00529774};
        double[] se = {0.02900158, 0.02511967, 0.03009174, 0.00098873};
        double[] seArellanoHc0 = {0.0603262, 0.0617425, 0.0816652, 0.0024958};
        double q = 48.0 / 47 * 815 / (816 - 5);
        for (int j = 0; j < TERMS.length; j++) {
            assertEquals(coef[j], iid.require(TERMS[j]).estimate(), 5e-9, TERMS[j]);
            assertEquals(se[j], iid.require(TERMS[j]).stdError(), 5e-9, TERMS[j] + " se");
            assertEquals(seArellanoHc0[j], cl.require(TERMS[j]).stdError() / Math.sqrt(q), 5e-8, TERMS[j] + " cluster se");
        }
        assertEquals(816, iid.nobs());
        assertEquals(48, iid.ngroups());
    }
}
