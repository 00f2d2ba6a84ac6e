package org.airesilience.econometrics.mediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.airesilience.cli.Main;
import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.VcovSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.airesilience.JsonFields.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known mediator: a = 0.5, b = 0.4, direct effect 0.3, so ab = 0.2, total 0.5 and indirect share 0.4. */
class MediationTest {
    static final double A = 0.5;
    static final double B = 0.4;
    static final double DIRECT = 0.3;

    /** A panel of units x periods with unit effects in all three variables and one control. */
    static Table draw(SplittableRandom r, int units, int periods) {
        int n = units * periods;
        double[] id = new double[n], year = new double[n], x = new double[n], m = new double[n], y = new double[n], w = new double[n];
        for (int g = 0; g < units; g++) {
            double alpha = r.nextGaussian();
            for (int t = 0; t < periods; t++) {
                int i = g * periods + t;
                id[i] = g;
                year[i] = 2000 + t;
                w[i] = r.nextGaussian();
                x[i] = alpha + r.nextGaussian();
                m[i] = A * x[i] + 0.3 * w[i] + alpha + r.nextGaussian();
                y[i] = DIRECT * x[i] + B * m[i] - 0.2 * w[i] + 2 * alpha + r.nextGaussian();
            }
        }
        return Table.builder(n).numeric("id", id).numeric("year", year).numeric("x", x).numeric("m", m)
                .numeric("y", y).numeric("w", w).build();
    }

    @SuppressWarnings("unchecked")
    static double get(Map<String, Object> med, String block, String key) {
        return ((Number) ((Map<String, Object>) med.get(block)).get(key)).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void decompositionAndTestStatistics() {
        Table t = draw(Seeds.stream(41, "mediation", 0), 60, 5);
        EstimateSpec spec = EstimateSpec.of("y ~ x + w | id").withVcov(VcovSpec.cluster("id"));
        Map<String, Object> med = (Map<String, Object>) Mediation.run(t, spec, "x", "m", 0, null).get("mediation");
        double c = get(med, "total_effect", "estimate");
        double a = get(med, "a_path", "estimate");
        double sa = get(med, "a_path", "std_error");
        double b = get(med, "b_path", "estimate");
        double sb = get(med, "b_path", "std_error");
        double direct = get(med, "direct_effect", "estimate");
        // With the same sample and regressors, least squares decomposes the total effect exactly: c = c' + ab.
        assertEquals(c, direct + a * b, 1e-10);
        assertEquals(a * b, get(med, "indirect_effect", "estimate"), 1e-12);
        double sobelSe = Math.sqrt(b * b * sa * sa + a * a * sb * sb);
        assertEquals(a * b / sobelSe, get(med, "sobel", "statistic"), 1e-10);
        assertEquals(a * b / Math.sqrt(sobelSe * sobelSe + sa * sa * sb * sb), get(med, "aroian", "statistic"), 1e-10);
        assertEquals(a * b / Math.sqrt(sobelSe * sobelSe - sa * sa * sb * sb), get(med, "goodman", "statistic"), 1e-10);
        assertEquals(a * b / c, ((Number) med.get("indirect_share")).doubleValue(), 1e-12);
        assertTrue(Math.abs(a - A) < 4 * sa && Math.abs(b - B) < 4 * sb, "a " + a + " b " + b);
        assertTrue(get(med, "sobel", "p_value") < 1e-3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sobelIntervalCoversTheIndirectEffectAtTheNominalRate() {
        int reps = 120;
        int covered = 0;
        for (int rep = 0; rep < reps; rep++) {
            Table t = draw(Seeds.stream(42, "mediation-coverage", rep), 40, 5);
            Map<String, Object> med = (Map<String, Object>) Mediation.run(t, EstimateSpec.of("y ~ x + w | id"), "x", "m", 0, null)
                    .get("mediation");
            double ab = get(med, "indirect_effect", "estimate");
            double se = get(med, "indirect_effect", "std_error");
            if (Math.abs(ab - A * B) <= 1.96 * se) covered++;
        }
        double coverage = covered / (double) reps;
        assertTrue(coverage > 0.88 && coverage < 0.995, "Sobel coverage " + coverage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void bootstrapResamplesUnitsDeterministically() {
        Table t = draw(Seeds.stream(43, "mediation-boot", 0), 40, 5);
        EstimateSpec spec = EstimateSpec.of("y ~ x + w | id").withPanel(new org.airesilience.econometrics.data.PanelKeys("id", "year"));
        Map<String, Object> one = (Map<String, Object>) Mediation.run(t, spec, "x", "m", 39, new LocalReplicateRunner(5, false)).get("mediation");
        Map<String, Object> two = (Map<String, Object>) Mediation.run(t, spec, "x", "m", 39, new LocalReplicateRunner(5, false)).get("mediation");
        Map<String, Object> ci = (Map<String, Object>) one.get("bootstrap_ci");
        assertEquals(ci, two.get("bootstrap_ci"));
        assertEquals(0, ci.get("failed"));
        double lo = (Double) ci.get("lower");
        double hi = (Double) ci.get("upper");
        double ab = get(one, "indirect_effect", "estimate");
        assertTrue(lo < ab && ab < hi, lo + " < " + ab + " < " + hi);
        assertTrue(lo < A * B && A * B < hi, "truth inside [" + lo + ", " + hi + "]");
        assertEquals("whole units of id (relabelled per draw)", ci.get("resampling"));
    }

    @Test
    void rejectsAMediatorInTheFormulaAndAnUnknownTreatment() {
        Table t = draw(Seeds.stream(44, "mediation-bad", 0), 10, 3);
        assertThrows(IllegalArgumentException.class, () -> Mediation.run(t, EstimateSpec.of("y ~ x + m"), "x", "m", 0, null));
        assertThrows(IllegalArgumentException.class, () -> Mediation.run(t, EstimateSpec.of("y ~ w"), "x", "m", 0, null));
    }

    @Test
    void mediateCommandWritesTheContractJson(@TempDir Path dir) throws Exception {
        Table t = draw(Seeds.stream(45, "mediation-cli", 0), 30, 4);
        Path csv = dir.resolve("data.csv");
        StringBuilder sb = new StringBuilder("id,year,x,m,y,w\n");
        for (int i = 0; i < t.rows(); i++) {
            sb.append((int) t.numeric("id")[i]).append(',').append((int) t.numeric("year")[i]);
            for (String v : List.of("x", "m", "y", "w")) sb.append(',').append(t.numeric(v)[i]);
            sb.append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("med.json");
        int code = Main.commandLine().execute("mediate", "--data", csv.toString(), "--formula", "y ~ x + w | id",
                "--treatment", "x", "--mediator", "m", "--panel", "id,year", "--vcov", "cluster:id",
                "--bootstrap", "29", "--seed", "7", "--json", out.toString());
        assertEquals(0, code);
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        JsonNode med = j.get("mediation");
        for (String k : List.of("total_effect", "a_path", "b_path", "direct_effect", "indirect_effect")) {
            assertNotNull(field(med, "/" + k + "/estimate").numberValue(), k);
            assertNotNull(field(med, "/" + k + "/std_error").numberValue(), k);
        }
        for (String k : List.of("sobel", "aroian", "goodman")) {
            assertNotNull(field(med, "/" + k + "/statistic").numberValue(), k);
            assertNotNull(field(med, "/" + k + "/p_value").numberValue(), k);
        }
        assertNotNull(med.get("indirect_share").numberValue());
        assertEquals(29, field(med, "/bootstrap_ci/replicates").asInt());
        assertEquals(7, field(med, "/bootstrap_ci/seed").asInt());
        assertEquals("fe", field(j, "/steps/mediator/estimator").asText());
        assertEquals("m", field(j, "/steps/outcome/coefficients/2/term").asText());
        byte[] first = Files.readAllBytes(out);
        assertEquals(0, Main.commandLine().execute("mediate", "--data", csv.toString(), "--formula", "y ~ x + w | id",
                "--treatment", "x", "--mediator", "m", "--panel", "id,year", "--vcov", "cluster:id",
                "--bootstrap", "29", "--seed", "7", "--json", out.toString()));
        assertEquals(new String(first), Files.readString(out), "byte-identical rerun");
    }
}
