package org.airesilience.econometrics.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.airesilience.cli.Main;
import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.airesilience.JsonFields.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupComparisonTest {
    static final String[] REGIONS = {"central", "east", "west"};

    /** y = 1 + slope[region] x + 0.5 w + e, heteroskedastic by region. */
    static Table draw(SplittableRandom r, int perGroup, double[] slope) {
        int n = perGroup * slope.length;
        double[] y = new double[n], x = new double[n], w = new double[n];
        String[] region = new String[n];
        for (int i = 0; i < n; i++) {
            int g = i % slope.length;
            region[i] = REGIONS[g];
            x[i] = r.nextGaussian();
            w[i] = r.nextGaussian();
            y[i] = 1 + slope[g] * x[i] + 0.5 * w[i] + (1 + g) * r.nextGaussian();
        }
        return Table.builder(n).numeric("y", y).numeric("x", x).numeric("w", w).text("region", region).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoGroupZTestAndWaldAgree() {
        Table t = draw(Seeds.stream(51, "compare", 0), 400, new double[]{0.2, 1.0});
        Map<String, Object> out = GroupComparison.run(t, EstimateSpec.of("y ~ x + w"), "region", "x");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) out.get("groups");
        assertEquals("central", groups.get(0).get("group"));
        double b1 = (Double) groups.get(0).get("estimate");
        double s1 = (Double) groups.get(0).get("std_error");
        double b2 = (Double) groups.get(1).get("estimate");
        double s2 = (Double) groups.get(1).get("std_error");
        Map<String, Object> tests = (Map<String, Object>) out.get("tests");
        double z = (Double) ((Map<String, Object>) tests.get("difference_z")).get("statistic");
        assertEquals((b1 - b2) / Math.sqrt(s1 * s1 + s2 * s2), z, 1e-12);
        assertEquals(z * z, (Double) ((Map<String, Object>) tests.get("equality_wald")).get("statistic"), 1e-9);
        assertTrue((Double) ((Map<String, Object>) tests.get("difference_z")).get("p_value") < 0.01, "slopes differ by 0.8");
    }

    @Test
    @SuppressWarnings("unchecked")
    void equalityTestHasNominalSizeWithThreeGroups() {
        int reps = 150;
        int reject = 0;
        for (int rep = 0; rep < reps; rep++) {
            Table t = draw(Seeds.stream(52, "compare-null", rep), 80, new double[]{0.7, 0.7, 0.7});
            Map<String, Object> w = (Map<String, Object>) ((Map<String, Object>) GroupComparison
                    .run(t, EstimateSpec.of("y ~ x + w").withVcov(org.airesilience.econometrics.model.VcovSpec.HETERO), "region", "x")
                    .get("tests")).get("equality_wald");
            assertEquals(2, w.get("df"));
            if ((Double) w.get("p_value") < 0.05) reject++;
        }
        double size = reject / (double) reps;
        assertTrue(size > 0.02 && size < 0.10, "size " + size);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pooledInteractionWithGroupSpecificControlsEqualsTheSeparateFits() {
        // With every coefficient interacted, the pooled interaction equals b2 - b1 of the separate fits; here the
        // control w is common, so only agreement in sign and rough size is expected.
        Table t = draw(Seeds.stream(55, "compare-pooled", 0), 400, new double[]{0.2, 1.0});
        Map<String, Object> out = GroupComparison.run(t, EstimateSpec.of("y ~ x + w"), "region", "x", true);
        Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) out.get("tests")).get("pooled_interaction");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) out.get("groups");
        double separate = (Double) groups.get(1).get("estimate") - (Double) groups.get(0).get("estimate");
        double pooled = (Double) p.get("difference");
        assertTrue(Math.abs(pooled - separate) < 0.05, pooled + " vs " + separate);
        assertTrue((Double) p.get("p_value") < 0.01);
        assertEquals("y ~ x + w + group_east + x:group_east", p.get("formula"));
        Map<String, Object> full = (Map<String, Object>) ((Map<String, Object>) GroupComparison.run(
                t.withNumeric("east", eastIndicator(t)), EstimateSpec.of("y ~ x + w + w:east"), "region", "x", true)
                .get("tests")).get("pooled_interaction");
        assertEquals(separate, (Double) full.get("difference"), 1e-10);
    }

    static double[] eastIndicator(Table t) {
        String[] r = t.text("region");
        double[] d = new double[r.length];
        for (int i = 0; i < d.length; i++) d[i] = r[i].equals("east") ? 1 : 0;
        return d;
    }

    @Test
    void threeGroupWaldByHand() {
        double[] b = {0.2, 0.5, 0.9};
        double[] se = {0.1, 0.2, 0.3};
        double w1 = 100, w2 = 25, w3 = 1 / 0.09;
        double mean = (w1 * 0.2 + w2 * 0.5 + w3 * 0.9) / (w1 + w2 + w3);
        double expected = w1 * Math.pow(0.2 - mean, 2) + w2 * Math.pow(0.5 - mean, 2) + w3 * Math.pow(0.9 - mean, 2);
        assertEquals(expected, GroupComparison.equalityWald(b, se), 1e-12);
    }

    @Test
    void needsTwoGroupsAndTheTerm() {
        Table t = draw(Seeds.stream(53, "compare-bad", 0), 30, new double[]{0.5});
        assertThrows(IllegalArgumentException.class, () -> GroupComparison.run(t, EstimateSpec.of("y ~ x + w"), "region", "x"));
        Table t2 = draw(Seeds.stream(53, "compare-bad", 1), 30, new double[]{0.5, 0.5});
        assertThrows(IllegalArgumentException.class, () -> GroupComparison.run(t2, EstimateSpec.of("y ~ x + w"), "region", "z"));
    }

    @Test
    void compareCommandJson(@TempDir Path dir) throws Exception {
        Table t = draw(Seeds.stream(54, "compare-cli", 0), 60, new double[]{0.5, 1.0, 1.5});
        StringBuilder sb = new StringBuilder("y,x,w,region\n");
        for (int i = 0; i < t.rows(); i++) {
            sb.append(t.numeric("y")[i]).append(',').append(t.numeric("x")[i]).append(',').append(t.numeric("w")[i])
                    .append(',').append(t.text("region")[i]).append('\n');
        }
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("c.json");
        assertEquals(0, Main.commandLine().execute("compare", "--data", csv.toString(), "--formula", "y ~ x + w",
                "--by", "region", "--term", "x", "--vcov", "hetero", "--where", "w > -3", "--json", out.toString()));
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertEquals(3, j.get("groups").size());
        assertEquals("west", field(j, "/groups/2/group").asText());
        assertEquals(2, field(j, "/tests/equality_wald/df").asInt());
        assertTrue(j.at("/tests/difference_z").isMissingNode());
        assertEquals("ols", field(j, "/groups/0/result/estimator").asText());
    }
}
