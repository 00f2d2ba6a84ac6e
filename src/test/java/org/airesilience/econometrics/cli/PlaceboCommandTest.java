package org.airesilience.econometrics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.report.Json;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The placebo command end to end on the Grunfeld data (two-way fixed effects, as validated by the estimate tests). */
class PlaceboCommandTest {
    private static final Path GRUNFELD = ValidationData.DIR.resolve("grunfeld.csv");

    @AfterAll
    static void stopSpark() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    private static int run(List<String> extra, Path json) {
        List<String> args = new ArrayList<>(List.of("placebo", "--data", GRUNFELD.toString(),
                "--formula", "inv ~ value + capital | firm + year", "--panel", "firm,year", "--permute", "value",
                "--draws", "49", "--seed", "7", "--json", json.toString()));
        args.addAll(extra);
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void writesTheRealFitThePlaceboDistributionAndTheFigure(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("placebo.json");
        run(List.of("--scheme", "units", "--plot", dir.resolve("fig").toString(), "--set", "replicates.runner=local"),
                json);
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        // The real fit is the validated two-way FE estimate (R plm: 0.1177158550826065).
        assertEquals(0.1177158550826065, root.get("coefficients").get(0).get("estimate").asDouble(), 1e-9);
        JsonNode p = root.get("placebo");
        assertEquals("value", p.get("term").asText());
        assertEquals(0.1177158550826065, p.get("real_estimate").asDouble(), 1e-9);
        assertEquals(49, p.get("draws").asInt());
        assertTrue(p.has("invalid_draws") && p.has("valid_draws"), "draw counts reported");
        assertEquals(0, p.get("invalid_draws").asInt());
        assertEquals(49, p.get("valid_draws").asInt());
        assertEquals(49, p.get("estimates").size());
        assertEquals(49, p.get("t_statistics").size());
        assertEquals(49, p.get("p_values").size());
        assertEquals("units", p.get("scheme").asText());
        assertEquals(7, p.get("seed").asLong());
        assertEquals(200, p.get("permutation").get("permuted_rows").asInt());
        double mean = 0;
        for (JsonNode e : p.get("estimates")) mean += e.asDouble() / 49;
        assertEquals(mean, p.get("mean").asDouble(), 1e-12);
        long extreme = 0;
        for (JsonNode e : p.get("estimates")) if (Math.abs(e.asDouble()) >= 0.1177158550826065) extreme++;
        assertEquals((extreme + 1) / 50.0, p.get("randomization_p_value").asDouble(), 1e-12);
        assertTrue(Files.size(dir.resolve("fig/placebo_value.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("fig/placebo_value.svg")).contains("<svg"));
    }

    @Test
    void sparkAndLocalRunnersWriteTheSameBytes(@TempDir Path dir) throws Exception {
        Path local = dir.resolve("local.json"), spark = dir.resolve("spark.json");
        run(List.of("--scheme", "within-time", "--set", "replicates.runner=local"), local);
        run(List.of("--scheme", "within-time", "--partitions", "3", "--set", "spark.master=local[2]"), spark);
        assertEquals(Files.readString(local), Files.readString(spark));
    }

    @Test
    void rowFilterRestrictsThePermutedSample(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("where.json");
        run(List.of("--scheme", "all", "--where", "year >= 1940", "--set", "replicates.runner=local"), json);
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertEquals(150, root.get("nobs").asInt());
        assertEquals(150, root.get("placebo").get("permutation").get("permuted_rows").asInt());
    }
}
