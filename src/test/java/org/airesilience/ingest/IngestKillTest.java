package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.airesilience.cli.ChildJob;
import org.airesilience.config.Settings;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.region.Gazetteer;
import org.airesilience.report.Json;
import org.airesilience.sample.SampleGenerator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ingest killed with SIGKILL (a child JVM, no shutdown hooks) at several points of a run that would replace the
 * published results: while its quarantine is written, while its curated patents are written, and right after its run
 * report. Each time the published curated patents and quarantine (the runs their LATEST pointers name) are complete
 * and readable and one run's set (the previous run's or the new one's, never a half-written folder), and the next
 * run completes cleanly and removes the killed runs' unfinished run folders.
 */
class IngestKillTest {
    @TempDir
    static Path lake;
    static SparkSession spark;
    static Counts before;
    static final List<Observation> afterKills = new ArrayList<>();
    static Counts after;
    static JsonNode finalReport;

    /** What the lake holds: curated rows, quarantine lines. */
    record Counts(long curated, long quarantined) {
    }

    record Observation(String point, boolean reached, Counts counts) {
    }

    @BeforeAll
    static void killAndRecover() throws Exception {
        Config config = Settings.load(null, Map.of("spark.master", "local[1]"));
        new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(config), s -> { }).generate(lake, 0.0005, 3);
        spark = SparkSession.builder().master("local[1]").appName("ingest kill test").getOrCreate();

        assertEquals(0, ingest(), () -> "the first run publishes; its log ends:\n" + logTail());
        before = counts();
        // The next runs would publish different results: one source fewer.
        try (Stream<Path> files = Files.list(lake.resolve("raw/patents"))) {
            Files.delete(files.filter(f -> f.getFileName().toString().endsWith(".tsv")).findFirst().orElseThrow());
        }
        killAt("writing the quarantine", () -> writing("quarantine"));
        killAt("writing the curated patents", () -> writing("curated"));
        long reportsBefore = reports();
        killAt("after the run report", () -> reports() > reportsBefore);
        assertEquals(0, ingest(), () -> "the next run completes; its log ends:\n" + logTail());
        after = counts();
        finalReport = Json.MAPPER.readTree(latestReport().toFile());
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void publishedResultsStayCompleteAndReadableAtEveryKill() {
        assertTrue(!before.equals(after), "the runs after the first publish different results");
        for (Observation o : afterKills) {
            assertTrue(o.reached(), "killed " + o.point());
            assertTrue(o.counts().curated() == before.curated() || o.counts().curated() == after.curated(),
                    o.point() + ": curated patents are one run's complete result, got " + o.counts());
            assertTrue(o.counts().quarantined() == before.quarantined()
                    || o.counts().quarantined() == after.quarantined(), o.point() + ": quarantine " + o.counts());
        }
    }

    @Test
    void theNextRunCompletesCleanly() {
        assertEquals(finalReport.get("accepted").asLong(), after.curated());
        assertEquals(finalReport.get("quarantined").asLong(), after.quarantined());
        assertEquals(finalReport.get("read").asLong(), finalReport.get("accepted").asLong()
                + finalReport.get("duplicates").asLong() + finalReport.get("excluded").asLong()
                + finalReport.get("quarantined").asLong());
        assertTrue(!ChildJob.has(lake, f -> f.getFileName().toString().equals("_PUBLISHING")),
                "the next run removes the unfinished run folders of killed runs");
    }

    /** Curated patents and quarantine are one run's set at every kill: ingest publishes them together. */
    @Test
    void curatedAndQuarantineArePublishedTogether() {
        for (Observation o : afterKills) {
            boolean curatedIsPrevious = o.counts().curated() == before.curated();
            boolean quarantineIsPrevious = o.counts().quarantined() == before.quarantined();
            assertEquals(curatedIsPrevious, quarantineIsPrevious, o.point() + ": " + o.counts());
        }
    }

    /** Starts an ingest, SIGKILLs it once {@code point} holds, and records what the lake then holds. */
    private static void killAt(String name, java.util.function.BooleanSupplier point) throws Exception {
        Process p = start();
        boolean reached = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (point.getAsBoolean()) {
                p.destroyForcibly();
                reached = true;
                break;
            }
            Thread.sleep(5);
        }
        if (!p.waitFor(1, TimeUnit.MINUTES)) fail("ingest did not end");
        if (!reached && p.isAlive()) p.destroyForcibly();
        afterKills.add(new Observation(name, reached, counts()));
    }

    private static int ingest() throws Exception {
        Process p = start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("ingest did not finish");
        }
        return p.exitValue();
    }

    /** ./submit.sh ingest --lake LAKE in local[1], as a child JVM with this test's classpath. */
    private static Process start() throws IOException {
        return ChildJob.start("1g", lake.resolve("ingest.log"), "ingest", "--lake", lake.toString(), "--set",
                "spark.master=local[1]");
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(lake.resolve("ingest.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Counts counts() throws IOException {
        Path curated = org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/patents"));
        Path quarantine = org.airesilience.lake.LakeTable.currentLocal(lake.resolve("quarantine/patents"));
        assertTrue(Files.isDirectory(curated), "curated patents are there");
        assertTrue(Files.isDirectory(quarantine), "quarantine is there");
        // Every row read: a truncated or missing Parquet file fails here.
        long rows = spark.read().parquet(curated.toString()).where("application_number is not null").count();
        long lines = 0;
        try (Stream<Path> files = Files.list(quarantine)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    Json.MAPPER.readTree(line);
                    lines++;
                }
            }
        }
        return new Counts(rows, lines);
    }

    /** Whether an unfinished run folder of this output ({@code <output>/patents/<run>/_PUBLISHING}) has content yet. */
    private static boolean writing(String output) {
        Path table = lake.resolve(output).resolve("patents");
        if (!Files.isDirectory(table)) return false;
        try (Stream<Path> runs = Files.list(table)) {
            for (Path run : runs.filter(r -> Files.exists(r.resolve("_PUBLISHING"))).toList()) {
                try (Stream<Path> content = Files.list(run)) {
                    if (content.anyMatch(f -> !f.getFileName().toString().startsWith("_PUBLISHING")
                            && !f.getFileName().toString().startsWith("._PUBLISHING"))) return true;
                }
            }
        } catch (IOException e) {
            return false; // a folder vanished while listed
        }
        return false;
    }

    private static long reports() {
        try (Stream<Path> files = Files.list(lake.resolve("reports"))) {
            return files.filter(f -> f.getFileName().toString().matches("ingest-.*\\.json")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path latestReport() throws IOException {
        try (Stream<Path> files = Files.list(lake.resolve("reports"))) {
            Optional<Path> latest = files.filter(f -> f.getFileName().toString().matches("ingest-.*\\.json"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
            return latest.orElseThrow();
        }
    }
}
