package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.airesilience.cli.Main;
import org.airesilience.config.Settings;
import org.airesilience.lake.LakeTable;
import org.airesilience.report.Json;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nightly refresh: raw partitions {@code dt=YYYY-MM-DD/} arrive night after night and an incremental ingest reads
 * only what is new or changed. Re-running a night changes no byte; a night's file that repeats an earlier night's
 * application is a duplicate (or supersedes it when published earlier); a corrected file re-delivered under the same
 * name replaces its earlier records; the result equals a full ingest of the same files.
 */
class IncrementalIngestTest {
    private static final String HEADER = "application_number,application_date,publication_date,title,address\n";
    private static final String NIGHT1 = "dt=2026-12-01";
    private static final String NIGHT2 = "dt=2026-12-02";
    private static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        spark = Sparks.session(config(), "incremental ingest test");
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    private static Config config() {
        return Settings.load(null, Map.of("spark.master", "local[2]", "spark.conf.\"spark.sql.shuffle.partitions\"", "2",
                "ingest.mode", "incremental"));
    }

    /** Application {@code CN20201<serial>}, filed 2020-03-01 in Beijing, published on {@code published}. */
    private static String record(int serial, String published, String title) {
        return String.format("CN20201%07d.1,2020-03-01,%s,%s,北京市海淀区\n", serial, published, title);
    }

    private static void write(Path raw, String file, String... records) throws IOException {
        Path f = raw.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, HEADER + String.join("", records));
    }

    @Test
    void nightAfterNight() throws IOException {
        Path lake = dir.resolve("lake");
        Path raw = lake.resolve("raw/patents");
        // night 1: a.csv has A1..A5 and X (100); b.csv has B1..B3, a later-published copy of A2, a broken line and a
        // foreign application
        write(raw, NIGHT1 + "/a.csv", record(1, "2020-09-01", "a1"), record(2, "2020-09-01", "a2"),
                record(3, "2020-09-01", "a3"), record(4, "2020-09-01", "a4"), record(5, "2020-09-01", "a5"),
                record(100, "2020-05-01", "x"));
        write(raw, NIGHT1 + "/b.csv", record(11, "2020-09-01", "b1"), record(12, "2020-09-01", "b2"),
                record(13, "2020-09-01", "b3"), record(2, "2020-10-01", "a2 again"), ",2020-03-01,2020-09-01,none,北京市\n",
                "CN202010000050.1,2020-03-01,2020-09-01,foreign,日本东京都港区\n");

        IngestReport night1 = IngestJob.run(spark, config(), raw, lake, "night1");
        assertEquals(List.of(NIGHT1 + "/a.csv", NIGHT1 + "/b.csv"), night1.refresh().newFiles());
        assertEquals(List.of(12L, 9L, 1L, 1L, 1L), List.of(night1.read(), night1.accepted(), night1.duplicates(),
                night1.quarantined(), night1.excluded()));
        assertEquals(9, night1.refresh().curated());
        assertEquals(9, curated(lake).size());
        JsonNode manifest = Json.MAPPER.readTree(at(lake, "curated/patents/_ingest/processed-files.json").toFile());
        assertEquals(2, manifest.get("files").size());
        assertEquals("night1", manifest.get("files").get(0).get("run_id").asText());
        assertEquals(Files.size(raw.resolve(NIGHT1 + "/a.csv")), manifest.get("files").get(0).get("size").asLong());
        Map<String, String> afterNight1 = IngestSafetyTest.snapshot(lake);

        // night 1 again: nothing read, not a byte changed, and the report says so
        IngestReport again = IngestJob.run(spark, config(), raw, lake, "night1-again");
        assertEquals(afterNight1, IngestSafetyTest.snapshot(lake));
        assertEquals(0, again.read());
        assertEquals(List.of(), again.refresh().newFiles());
        assertEquals(List.of(), again.refresh().changedFiles());
        assertEquals(2, again.refresh().unchangedFiles());
        assertEquals(9, again.refresh().curated());
        JsonNode againJson = Json.MAPPER.readTree(lake.resolve("reports/ingest-night1-again.json").toFile());
        assertEquals("succeeded", againJson.get("status").asText());
        assertEquals(0, againJson.get("files").get("new").size());
        assertEquals(2, againJson.get("files").get("unchanged").asInt());
        String rerunPlan = dryRun(lake, raw);
        assertTrue(rerunPlan.contains("incremental: 0 new, 0 changed, 2 unchanged, 0 deleted raw files since the "
                + "published curated set; nothing to read"), rerunPlan);
        assertTrue(!rerunPlan.contains("do     read "), rerunPlan);

        // night 2: C1, C2, a later copy of A3 and of X (duplicates), an earlier-published copy of A4 (supersedes it)
        write(raw, NIGHT2 + "/c.csv", record(21, "2020-09-01", "c1"), record(22, "2020-09-01", "c2"),
                record(3, "2020-10-01", "a3 again"), record(100, "2020-06-01", "x again"),
                record(4, "2020-08-01", "a4 earlier"));
        String plan = dryRun(lake, raw);
        assertTrue(plan.contains("incremental: 1 new [" + NIGHT2 + "/c.csv], 0 changed, 2 unchanged, 0 deleted"), plan);
        assertTrue(plan.contains("read 1 files {CSV "), plan);
        IngestReport night2 = IngestJob.run(spark, config(), raw, lake, "night2");
        assertEquals(List.of(NIGHT2 + "/c.csv"), night2.refresh().newFiles());
        assertEquals(List.of(5L, 3L, 2L), List.of(night2.read(), night2.accepted(), night2.duplicates()));
        IngestReport.Refresh r2 = night2.refresh();
        assertEquals(List.of(9L, 0L, 1L, 0L, 11L), List.of(r2.previousCurated(), r2.replaced(), r2.superseded(),
                r2.restored(), r2.curated()));
        assertEquals(List.of(1L, 0L, 4L), List.of(r2.previousDuplicates(), r2.replacedDuplicates(), r2.duplicatesKept()));
        Map<String, Row> c2 = curated(lake);
        assertEquals(11, c2.size());
        assertEquals(NIGHT1 + "/a.csv", c2.get("CN202010000003").getAs("source_file"));
        assertEquals(NIGHT1 + "/a.csv", c2.get("CN202010000100").getAs("source_file"));
        assertEquals(NIGHT2 + "/c.csv", c2.get("CN202010000004").getAs("source_file"));
        assertEquals("a4 earlier", c2.get("CN202010000004").getAs("title"));
        assertEquals(4, spark.read().parquet(at(lake, "curated/patents/_ingest/duplicates").toString()).count());

        // a.csv corrected and re-delivered: A1 retitled, X gone (c.csv's copy is kept now), A7 added
        write(raw, NIGHT1 + "/a.csv", record(1, "2020-09-01", "a1 corrected"), record(2, "2020-09-01", "a2"),
                record(3, "2020-09-01", "a3"), record(4, "2020-09-01", "a4"), record(5, "2020-09-01", "a5"),
                record(7, "2020-09-01", "a7"));
        IngestReport corrected = IngestJob.run(spark, config(), raw, lake, "corrected");
        IngestReport.Refresh r3 = corrected.refresh();
        assertEquals(List.of(NIGHT1 + "/a.csv"), r3.changedFiles());
        assertEquals(List.of(), r3.newFiles());
        assertEquals(List.of(6L, 5L, 1L), List.of(corrected.read(), corrected.accepted(), corrected.duplicates()));
        // a.csv's 5 curated records and its kept duplicate (A4, superseded on night 2) are replaced
        assertEquals(List.of(11L, 5L, 0L, 1L, 12L), List.of(r3.previousCurated(), r3.replaced(), r3.superseded(),
                r3.restored(), r3.curated()));
        assertEquals(List.of(4L, 1L, 3L), List.of(r3.previousDuplicates(), r3.replacedDuplicates(), r3.duplicatesKept()));
        Map<String, Row> c3 = curated(lake);
        assertEquals(12, c3.size());
        assertEquals(12, spark.read().parquet(at(lake, "curated/patents").toString()).count(), "no doubled records");
        assertEquals("a1 corrected", c3.get("CN202010000001").getAs("title"));
        assertEquals(NIGHT2 + "/c.csv", c3.get("CN202010000100").getAs("source_file"));
        assertEquals("a7", c3.get("CN202010000007").getAs("title"));
        assertEquals(5, c3.values().stream().filter(x -> x.getAs("source_file").equals(NIGHT1 + "/a.csv")).count());
        JsonNode m3 = Json.MAPPER.readTree(at(lake, "curated/patents/_ingest/processed-files.json").toFile());
        Map<String, String> runs = new TreeMap<>();
        for (JsonNode e : m3.get("files")) runs.put(e.get("file").asText(), e.get("run_id").asText());
        assertEquals(Map.of(NIGHT1 + "/a.csv", "corrected", NIGHT1 + "/b.csv", "night1", NIGHT2 + "/c.csv", "night2"),
                runs);

        // the same files ingested in one full run give the same curated records, duplicates and quarantine
        Path fullLake = dir.resolve("full-lake");
        Config full = Settings.load(null, Map.of("spark.master", "local[2]",
                "spark.conf.\"spark.sql.shuffle.partitions\"", "2"));
        IngestReport whole = IngestJob.run(spark, full, raw, fullLake, "full");
        assertEquals(12, whole.accepted());
        assertEquals(rows(lake, "curated/patents"), rows(fullLake, "curated/patents"));
        assertEquals(rows(lake, "curated/patents/_ingest/duplicates"), rows(fullLake, "curated/patents/_ingest/duplicates"));
        assertEquals(outcomes(lake, "quarantine"), outcomes(fullLake, "quarantine"));
        assertEquals(1, outcomes(lake, "quarantine").size());
        assertEquals(outcomes(lake, "excluded"), outcomes(fullLake, "excluded"));
        assertEquals(1, outcomes(lake, "excluded").size());

        // b.csv deleted from the raw lake: its records stay, the report names it, nothing is published
        Map<String, String> beforeDelete = IngestSafetyTest.snapshot(lake);
        Files.delete(raw.resolve(NIGHT1 + "/b.csv"));
        IngestReport deleted = IngestJob.run(spark, config(), raw, lake, "deleted");
        assertEquals(List.of(NIGHT1 + "/b.csv"), deleted.refresh().deletedFiles());
        assertEquals(0, deleted.read());
        assertEquals(beforeDelete, IngestSafetyTest.snapshot(lake));
    }

    @Test
    void anIncrementalRunRefusesAnotherRawDirectory() throws IOException {
        Path lake = dir.resolve("other-lake");
        Path raw = dir.resolve("raw-one");
        write(raw, "a.csv", record(1, "2020-09-01", "a1"));
        IngestJob.run(spark, config(), raw, lake, "one");
        Path other = dir.resolve("raw-two");
        write(other, "a.csv", record(1, "2020-09-01", "a1"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, config(), other, lake, "two"));
        assertTrue(e.getMessage().contains("run a full ingest"), e.getMessage());
    }

    @Test
    void aCuratedSetWithoutManifestIsReplacedNotDoubled() throws IOException {
        Path lake = dir.resolve("older-lake");
        Path raw = dir.resolve("older-raw");
        write(raw, "a.csv", record(1, "2020-09-01", "a1"), record(2, "2020-09-01", "a2"), record(3, "2020-09-01", "a3"),
                record(1, "2020-10-01", "again"),
                ",2020-03-01,2020-09-01,none,北京市\n");
        IngestJob.run(spark, Settings.load(null, Map.of("spark.master", "local[2]")), raw, lake, "before-manifests");
        Files.delete(at(lake, "curated/patents/_ingest/processed-files.json")); // as ingested before manifests
        IngestReport first = IngestJob.run(spark, config(), raw, lake, "first-incremental");
        assertEquals(List.of("a.csv"), first.refresh().newFiles());
        assertEquals(List.of(3L, 3L, 0L, 3L), List.of(first.refresh().previousCurated(), first.refresh().replaced(),
                first.refresh().superseded(), first.refresh().curated()));
        assertEquals(1, first.duplicates());
        assertEquals(3, curated(lake).size());
        assertEquals(3, spark.read().parquet(at(lake, "curated/patents").toString()).count());
        assertEquals(1, spark.read().json(at(lake, "quarantine/patents").toString()).count());
    }

    /** The curated patents by application number. */
    private static Map<String, Row> curated(Path lake) {
        Map<String, Row> out = new TreeMap<>();
        for (Row r : spark.read().parquet(at(lake, "curated/patents").toString()).collectAsList()) {
            out.put(r.getAs("application_number"), r);
        }
        return out;
    }

    /** {@code relative} (a table of the lake, {@code <area>/<table>}, and a path in it) in the table's current run. */
    private static Path at(Path lake, String relative) {
        String[] parts = relative.split("/", 3);
        Path table = LakeTable.currentLocal(lake.resolve(parts[0]).resolve(parts[1]));
        return parts.length == 3 ? table.resolve(parts[2]) : table;
    }

    private static List<String> rows(Path lake, String table) {
        return spark.read().parquet(at(lake, table).toString()).collectAsList().stream().map(Row::toString).sorted()
                .toList();
    }

    /** The quarantined or excluded records (source, line, reason, raw text), sorted. */
    private static List<String> outcomes(Path lake, String output) {
        return spark.read().json(at(lake, output + "/patents").toString())
                .select("source_file", "source_line", "reason", "raw").collectAsList().stream().map(Row::toString)
                .sorted().toList();
    }

    private static String dryRun(Path lake, Path raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute("ingest", "--raw", raw.toString(), "--lake", lake.toString(),
                    "--incremental", "--dry-run");
            assertEquals(0, code);
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
