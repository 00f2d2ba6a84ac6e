package org.airesilience.study;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.ChildJob;
import org.airesilience.lake.LakeTable;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A study run killed with SIGKILL (a child JVM running {@code ./submit.sh study}'s main class, no shutdown hooks) at
 * several points: while it fits its models, while it writes its tables, and once its run folder is marked complete.
 * After each kill {@code LATEST} names a complete run whose every file the manifest lists is there and readable;
 * the next run completes cleanly, becomes the one {@code LATEST} names and removes the killed runs' folders.
 */
class StudyKillTest {
    static final Path CONFIG = Path.of("src/test/resources/studies/mini.conf");
    static final String TABLES = "table2,table3,table5";

    @TempDir
    static Path dir;
    static Path lake;
    static Path data;
    static Path results;
    static final List<Observation> afterKills = new ArrayList<>();

    /** A kill: where, whether the run got there before it ended, and the run LATEST then named. */
    record Observation(String point, String runId, boolean reached, String latest) {
    }

    @BeforeAll
    static void killAndRecover() throws Exception {
        lake = dir.resolve("lake");
        data = MiniPanel.write(dir.resolve("panel"));
        results = lake.resolve("results/mini-study");
        assertEquals(0, study("first"), StudyKillTest::logTail);
        killAt("fitting the models", "k1", run -> ChildJob.has(run.resolve("models"), f -> f.toString().endsWith(".json")));
        killAt("writing the tables", "k2", run -> ChildJob.has(run.resolve("tables"), f -> true));
        killAt("marked complete", "k3", run -> Files.exists(run.resolve(LakeTable.COMPLETE)));
        assertEquals(0, study("last"), StudyKillTest::logTail);
    }

    @Test
    void latestNamesACompleteReadableRunAfterEveryKill() throws IOException {
        for (Observation o : afterKills) {
            assertTrue(o.reached(), "killed " + o.point());
            assertTrue(o.latest().equals("first") || o.latest().equals(o.runId()),
                    o.point() + ": LATEST names the previous run or the killed one once complete, not " + o.latest());
        }
        // Each observed run is still complete (kept runs are never modified) or was pruned.
        for (Observation o : afterKills) {
            Path run = results.resolve(o.latest());
            if (Files.exists(run)) assertComplete(run);
        }
    }

    @Test
    void theNextRunCompletesCleanly() throws IOException {
        assertEquals("last\n", Files.readString(results.resolve(LakeTable.POINTER)));
        assertComplete(results.resolve("last"));
        try (Stream<Path> runs = Files.list(results)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                assertTrue(Files.exists(run.resolve(LakeTable.COMPLETE)), run + " is a complete run; unfinished runs are removed");
            }
        }
        try (Stream<Path> runs = Files.list(results)) {
            assertTrue(runs.filter(Files::isDirectory).count() <= 3, "lake.keep-runs complete runs are kept");
        }
    }

    /** Every output the manifest lists is there; the JSON files parse. */
    private static void assertComplete(Path run) throws IOException {
        assertTrue(Files.exists(run.resolve(LakeTable.COMPLETE)), run + " marked complete");
        JsonNode manifest = Json.MAPPER.readTree(run.resolve("manifest.json").toFile());
        assertTrue(manifest.get("outputs").size() >= 4, run + ": " + manifest.get("outputs"));
        for (JsonNode out : manifest.get("outputs")) {
            Path f = run.resolve(out.get("path").asText());
            assertTrue(Files.size(f) > 0, f.toString());
        }
        for (String t : TABLES.split(",")) Json.MAPPER.readTree(run.resolve("tables").resolve(t + ".json").toFile());
        assertTrue(Files.readString(run.resolve("report.html")).endsWith("</html>\n"), run + "/report.html is whole");
        assertFalse(Files.exists(run.resolve("_PUBLISHING")));
    }

    /** Starts a study run, SIGKILLs it once {@code point} holds for its run folder, and records what LATEST names. */
    private static void killAt(String name, String runId, Predicate<Path> point) throws Exception {
        Process p = start(runId);
        Path run = results.resolve(runId);
        boolean reached = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (point.test(run)) {
                p.destroyForcibly();
                reached = true;
                break;
            }
            Thread.sleep(2);
        }
        if (!p.waitFor(1, TimeUnit.MINUTES)) fail("study did not end");
        String latest = Files.readString(results.resolve(LakeTable.POINTER)).strip();
        afterKills.add(new Observation(name, runId, reached, latest));
    }

    private static int study(String runId) throws Exception {
        Process p = start(runId);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("study did not finish");
        }
        return p.exitValue();
    }

    /** ./submit.sh study --config mini.conf --lake LAKE --data PANEL --run-id ID, as a child JVM. */
    private static Process start(String runId) throws IOException {
        return ChildJob.start("512m", dir.resolve("study.log"), "study", "--config", CONFIG.toString(), "--lake",
                lake.toString(), "--data", data.toString(), "--tables", TABLES, "--run-id", runId);
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("study.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
