package org.airesilience.econometrics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.data.RowFilter;
import org.airesilience.econometrics.data.SampleRules;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.data.Winsorizer;
import org.airesilience.econometrics.gmm.DynamicFormula;
import org.airesilience.econometrics.gmm.DynamicPanelGmm;
import org.airesilience.econometrics.gmm.GmmInstrument;
import org.airesilience.econometrics.gmm.GmmSpec;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.threshold.PanelThreshold;
import org.airesilience.econometrics.threshold.ThresholdResult;
import org.airesilience.econometrics.threshold.ThresholdSpec;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --where and --winsorize on threshold and gmm: the command's numbers equal the estimator's on data filtered and
 * winsorized by hand (filter first, then percentiles over the rows complete in the model's columns).
 */
class SampleOptionsCommandTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Table data;

    /** 30 units x 15 years, three regions, a threshold in q at 0.4, a dynamic y2 with a few outliers in x. */
    @BeforeAll
    static void simulate() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        StringBuilder sb = new StringBuilder("id,year,region,y,x,q,y2\n");
        for (int i = 1; i <= 30; i++) {
            double mu = rnd.nextGaussian();
            double lag = 0;
            String region = i <= 10 ? "east" : i <= 20 ? "central" : "west";
            for (int t = 2006; t <= 2020; t++) {
                double x = rnd.nextGaussian() * (rnd.nextDouble() < 0.03 ? 8 : 1);
                double q = rnd.nextDouble();
                double y = mu + 0.5 * x + (q <= 0.4 ? 1 : -1) * x + 0.3 * rnd.nextGaussian();
                lag = mu + 0.5 * lag + 0.2 * x + rnd.nextGaussian();
                sb.append(String.format(Locale.ROOT, "%d,%d,%s,%.10f,%.10f,%.10f,%.10f%n", i, t, region, y, x, q, lag));
            }
        }
        csv = dir.resolve("panel.csv");
        Files.writeString(csv, sb.toString());
        data = Table.readCsv(csv);
    }

    private static Table byHand(String where, List<String> columns) {
        Table t = RowFilter.parse(where).apply(data);
        return Winsorizer.apply(t, List.of("x"), 5, 95, SampleRules.completeRows(t, columns));
    }

    @Test
    void thresholdTakesWhereAndWinsorize() throws Exception {
        Path json = dir.resolve("threshold.json");
        assertEquals(0, Main.commandLine().execute("threshold", "--data", csv.toString(), "--panel", "id,year",
                "--y", "y", "--regime", "x", "--threshold", "q", "--bootstrap", "0",
                "--where", "region == 'east' || region == 'west'", "--winsorize", "x", "--winsor-cuts", "5,95",
                "--json", json.toString()));
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        Table t = byHand("region == 'east' || region == 'west'", List.of("id", "year", "y", "q", "x"));
        ThresholdResult r = PanelThreshold.estimate(t, ThresholdSpec.of("id", "year", "y", List.of(), List.of("x"), "q",
                1, List.of(0.01), 0), null);
        assertEquals(r.stages().get(0).estimate(), root.get("thresholds").get(0).get("estimate").asDouble(), 0);
        List<String> terms = root.get("coefficients").findValues("term").stream().map(JsonNode::asText).toList();
        for (var c : r.model().coefficients()) {
            int at = terms.indexOf(c.term());
            assertTrue(at >= 0, c.term());
            assertEquals(c.estimate(), root.get("coefficients").get(at).get("estimate").asDouble(), 0, c.term());
        }
        JsonNode sample = root.get("sample");
        assertEquals(450, sample.get("rows_read").asInt());
        assertEquals(300, sample.get("rows_after_where").asInt());
        assertTrue(sample.get("winsorized").get("x").get("replaced_above").asInt() > 0);
        assertEquals(20, root.get("ngroups").asInt(), "units after the filter");
    }

    @Test
    void gmmTakesWhereAndWinsorize() throws Exception {
        Path json = dir.resolve("gmm.json");
        assertEquals(0, Main.commandLine().execute("gmm", "--data", csv.toString(), "--panel", "id,year",
                "--formula", "y2 ~ l(y2, 1) + x", "--gmm", "y2:2:4", "--where", "year >= 2008",
                "--winsorize", "x", "--winsor-cuts", "5,95", "--json", json.toString()));
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        Table t = byHand("year >= 2008", List.of("id", "year", "y2", "x"));
        List<GmmInstrument> inst = new ArrayList<>(List.of(GmmInstrument.parse("y2:2:4", false)));
        GmmSpec spec = new GmmSpec(DynamicFormula.parse("y2 ~ l(y2, 1) + x"), "id", "year", inst, List.of(),
                false, false, false, true, org.airesilience.econometrics.gmm.GmmConvention.parse("pgmm"));
        EstimationResult r = DynamicPanelGmm.fit(t, spec).toEstimationResult();
        for (int j = 0; j < r.coefficients().size(); j++) {
            assertEquals(r.coefficients().get(j).estimate(), root.get("coefficients").get(j).get("estimate").asDouble(), 0);
        }
        assertEquals(450, root.get("sample").get("rows_read").asInt());
        assertEquals(390, root.get("sample").get("rows_after_where").asInt());
        assertTrue(root.get("sample").has("winsorized"));
    }
}
