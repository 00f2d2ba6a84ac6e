package org.airesilience.econometrics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The threshold command end to end on Hansen's data (local runner): JSON contract, figures, determinism. */
class ThresholdCommandTest {
    private static final Path DATA = ValidationData.DIR.resolve("hansen1999.csv");

    private static int run(Path json, Path plots) {
        List<String> args = new java.util.ArrayList<>(List.of("threshold", "--data", DATA.toString(), "--panel",
                "id,year", "--y", "i", "--x", "q1,q2,q3,d1,qd1", "--regime", "c1", "--threshold", "d1",
                "--thresholds", "2", "--trim", "0.01,0.01", "--bootstrap", "20", "--seed", "7",
                "--json", json.toString(), "--set", "replicates.runner=local", "--set", "replicates.progress=false"));
        if (plots != null) args.addAll(List.of("--plot", plots.toString()));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }

    @Test
    void writesEstimateJsonWithThresholdsAndFigures(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/threshold.json");
        assertEquals(0, run(json, dir.resolve("plots")));
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals("threshold", root.get("estimator").asText());
        assertEquals(7910, root.get("nobs").asInt());
        assertEquals(565, root.get("ngroups").asInt());
        assertTrue(root.get("conventions").has("standard_errors"));
        JsonNode th = root.get("thresholds");
        assertEquals(2, th.size());
        List<String> fields = List.of("stage", "estimate", "ci_low", "ci_high", "rss", "f_statistic", "p_value",
                "crit10", "crit5", "crit1", "replications", "invalid_replications");
        for (JsonNode s : th) for (String f : fields) assertTrue(s.has(f), "field " + f);
        assertEquals(0.0156999994069338, th.get(0).get("estimate").asDouble(), 0);
        assertEquals(32.817280742459, th.get(0).get("f_statistic").asDouble(), 1e-6 * 32.8);
        assertEquals(0.540030002593994, th.get(1).get("estimate").asDouble(), 0);
        assertEquals(20, th.get(1).get("replications").asInt());
        assertEquals(0, th.get(1).get("invalid_replications").asInt());
        List<String> terms = root.findValues("term").stream().map(JsonNode::asText).toList();
        assertTrue(terms.containsAll(List.of("c1_regime1", "c1_regime2", "c1_regime3")), terms.toString());
        for (String f : List.of("threshold_lr_stage1", "threshold_lr_stage2", "threshold_lr_stage2_refined")) {
            assertTrue(Files.size(dir.resolve("plots/" + f + ".png")) > 1000, f);
            assertTrue(Files.readString(dir.resolve("plots/" + f + ".svg")).contains("<svg"), f);
        }
        Path again = dir.resolve("again.json");
        assertEquals(0, run(again, null));
        assertArrayEquals(Files.readAllBytes(json), Files.readAllBytes(again), "byte-identical reruns");
    }
}
