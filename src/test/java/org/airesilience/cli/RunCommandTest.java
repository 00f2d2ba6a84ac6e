package org.airesilience.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.config.Settings;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.region.Gazetteer;
import org.airesilience.report.Json;
import org.airesilience.sample.SampleGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job end to end in local Spark on a small generated lake. */
class RunCommandTest {
    @TempDir
    static Path lake;

    @BeforeAll
    static void generate() {
        new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(Settings.defaults()), s -> { })
                .generate(lake, 0.002, 5);
    }

    /** The run's patent and text part: panels and studies are left out (study.configs empty), tested on their own. */
    private static int run(String runId, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--lake", lake.toString(), "--run-id", runId,
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.sql.shuffle.partitions\"=4",
                "--set", "study.configs=[]"));
        args.addAll(List.of(extra));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }

    @Test
    void publishesTablesAndAManifestAndReproducesThemByteForByte() throws IOException {
        assertEquals(0, run("first"));
        Path out = lake.resolve("results/first");
        List<String> measure = Files.readAllLines(out.resolve("ai_measure.csv"));
        assertEquals(1 + 30 * 15, measure.size(), "every province-year of the 30 x 15 panel, zeros included");
        assertTrue(Files.isRegularFile(out.resolve("text_measure.csv")));
        assertTrue(Files.readString(out.resolve("ai_measure_describe.md")).contains("| ai | 450 |"));

        JsonNode manifest = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertEquals("first", manifest.get("run_id").asText());
        assertTrue(manifest.get("inputs").size() > 5, "raw inputs are listed with their digests");
        assertEquals(64, manifest.get("inputs").get(0).get("sha256").asText().length());
        JsonNode ingest = manifest.get("ingest");
        assertEquals(ingest.get("read").asLong(), ingest.get("accepted").asLong() + ingest.get("duplicates").asLong()
                + ingest.get("excluded").asLong() + ingest.get("quarantined").asLong());
        assertEquals("succeeded", ingest.get("status").asText());
        assertEquals(List.of("first"), Files.readAllLines(lake.resolve("results/LATEST")));

        assertEquals(0, run("second"));
        assertArrayEquals(Files.readAllBytes(out.resolve("ai_measure.csv")),
                Files.readAllBytes(lake.resolve("results/second/ai_measure.csv")));
        assertArrayEquals(Files.readAllBytes(out.resolve("text_measure.csv")),
                Files.readAllBytes(lake.resolve("results/second/text_measure.csv")));
        try (var names = Files.list(lake.resolve("results"))) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging folder left");
        }
    }

    @Test
    void aFailedRunLeavesThePublishedResultsInPlace() throws IOException {
        assertEquals(0, run("kept"));
        byte[] before = Files.readAllBytes(lake.resolve("results/kept/ai_measure.csv"));
        // Every record is quarantined past a share of zero, so the ingest step fails.
        assertNotEquals(0, run("kept", "--set", "ingest.quarantine.max-share=0"));
        assertArrayEquals(before, Files.readAllBytes(lake.resolve("results/kept/ai_measure.csv")));
        try (var names = Files.list(lake.resolve("results"))) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging folder left");
        }
    }
}
