package org.airesilience.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {
    @TempDir
    Path dir;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writesTheCommonFieldsWithTheWallTimeOfEachStage() throws Exception {
        RunReport run = new RunReport("demo", "r1").input("raw files", dir.resolve("raw"));
        assertEquals("reports/demo-x-r1.json", RunReport.lakeFile("demo-x", "r1"));
        Path file = dir.resolve(RunReport.lakeFile("demo-x", "r1"));
        int result = run.runTo(file, () -> {
            int n = run.stage("read", () -> {
                sleep(30);
                return 42;
            });
            run.stage("write", () -> sleep(20));
            run.stage("read", () -> sleep(10)); // a stage run twice adds up
            run.count("records", n).output("table", dir.resolve("out")).putAll(java.util.Map.of("detail", "x"));
            return n;
        });
        assertEquals(42, result);

        JsonNode json = Json.MAPPER.readTree(file.toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("job", "run_id", "status", "started_at", "total_seconds", "inputs", "counts",
                "stage_seconds", "outputs", "detail"), fields);
        assertEquals("demo", json.get("job").asText());
        assertEquals("r1", json.get("run_id").asText());
        assertEquals("succeeded", json.get("status").asText());
        assertEquals(dir.resolve("raw").toString(), json.get("inputs").get("raw files").asText());
        assertEquals(42, json.get("counts").get("records").asInt());
        assertEquals(List.of("read", "write"), names(json.get("stage_seconds")));
        double read = json.get("stage_seconds").get("read").asDouble();
        double write = json.get("stage_seconds").get("write").asDouble();
        assertTrue(read >= 0.040 && read < 5, "read took " + read);
        assertTrue(write >= 0.020 && write < 5, "write took " + write);
        assertTrue(json.get("total_seconds").asDouble() >= read + write - 0.002);
        assertEquals(file.toString(), json.get("outputs").get("run report").asText());
        assertEquals(dir.resolve("out").toString(), json.get("outputs").get("table").asText());
    }

    @Test
    void aFailedRunWritesItsReportWithTheErrorAndTheStagesItGotThrough() throws Exception {
        RunReport run = new RunReport("demo", "r2");
        Path file = dir.resolve("r2.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.runTo(file, () -> {
            run.stage("read", () -> sleep(5));
            return run.stage("fit", (StageTimer.Work<Integer, RuntimeException>) () -> {
                throw new IllegalArgumentException("singular matrix");
            });
        }));
        assertEquals("singular matrix", e.getMessage());
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertEquals("failed", json.get("status").asText());
        assertEquals("singular matrix", json.get("error").asText());
        assertEquals(List.of("read", "fit"), names(json.get("stage_seconds")));
    }

    @Test
    void noFileNoReport() throws Exception {
        RunReport run = new RunReport("demo", "r3");
        assertEquals(1, run.runTo(null, () -> 1));
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
