package org.airesilience.econometrics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every model command writes its run report with --report FILE: inputs, counts, seconds per stage, outputs. */
class ModelCommandReportsTest {
    static final Path GRUNFELD = Path.of("src/test/resources/validation/grunfeld.csv");
    static final Path EMPLUK = Path.of("src/test/resources/validation/empluk.csv");

    @TempDir
    Path dir;

    private JsonNode run(String job, List<String> stages, String... args) throws Exception {
        Path report = dir.resolve(job + "-report.json");
        Path json = dir.resolve(job + ".json");
        List<String> line = new ArrayList<>(List.of(job));
        line.addAll(List.of(args));
        line.addAll(List.of("--json", json.toString(), "--report", report.toString()));
        assertEquals(0, Main.commandLine().execute(line.toArray(String[]::new)), String.join(" ", line));

        JsonNode r = Json.MAPPER.readTree(report.toFile());
        assertEquals(job, r.get("job").asText());
        assertTrue(r.get("run_id").asText().matches("\\d{8}T\\d{6}Z"), r.get("run_id").asText());
        assertEquals("succeeded", r.get("status").asText());
        assertTrue(r.get("started_at").isTextual());
        String data = job.equals("gmm") ? EMPLUK.toString() : GRUNFELD.toString();
        assertEquals(data, r.get("inputs").get("data").asText());
        List<String> timed = new ArrayList<>();
        r.get("stage_seconds").fieldNames().forEachRemaining(timed::add);
        assertEquals(stages, timed, job);
        double sum = 0;
        for (String s : stages) {
            JsonNode seconds = r.get("stage_seconds").get(s);
            assertTrue(seconds.isNumber() && seconds.asDouble() >= 0 && seconds.asDouble() < 60, job + " " + s);
            sum += seconds.asDouble();
        }
        assertTrue(r.get("total_seconds").asDouble() >= sum - 0.005, job);
        assertEquals(json.toString(), r.get("outputs").get(job.equals("describe") ? "statistics JSON" : "result JSON").asText());
        assertEquals(report.toString(), r.get("outputs").get("run report").asText());
        assertTrue(Files.isRegularFile(json));
        assertFalse(r.get("counts").isEmpty(), job);
        return r;
    }

    @Test
    void estimate() throws Exception {
        JsonNode r = run("estimate", List.of("read data", "estimate", "write outputs"),
                "--data", GRUNFELD.toString(), "--formula", "inv ~ value + capital | firm");
        assertEquals(200, r.get("counts").get("rows").asInt());
        assertEquals(200, r.get("counts").get("observations").asInt());
    }

    @Test
    void describe() throws Exception {
        JsonNode r = run("describe", List.of("read data", "describe", "write outputs"),
                "--data", GRUNFELD.toString(), "--vars", "inv,value");
        assertEquals(200, r.get("counts").get("rows").asInt());
        assertEquals(2, r.get("counts").get("variables").asInt());
    }

    @Test
    void compare() throws Exception {
        JsonNode r = run("compare", List.of("read data", "estimate", "write outputs"),
                "--data", GRUNFELD.toString(), "--formula", "inv ~ value + capital", "--by", "firm", "--term", "value");
        assertEquals(10, r.get("counts").get("groups").asInt());
    }

    @Test
    void mediate() throws Exception {
        JsonNode r = run("mediate", List.of("read data", "estimate", "write outputs"),
                "--data", GRUNFELD.toString(), "--formula", "inv ~ value | firm", "--treatment", "value",
                "--mediator", "capital", "--bootstrap", "20", "--seed", "1");
        assertEquals(20, r.get("counts").get("bootstrap_replicates").asInt());
    }

    @Test
    void placebo() throws Exception {
        JsonNode r = run("placebo", List.of("read data", "estimate", "placebo draws", "write outputs"),
                "--data", GRUNFELD.toString(), "--formula", "inv ~ value + capital | firm + year", "--panel",
                "firm,year", "--permute", "value", "--scheme", "all", "--draws", "20", "--seed", "1");
        assertEquals(20, r.get("counts").get("draws").asInt());
        assertEquals(200, r.get("counts").get("observations").asInt());
    }

    @Test
    void threshold() throws Exception {
        JsonNode r = run("threshold", List.of("read data", "search and bootstrap", "write outputs"),
                "--data", GRUNFELD.toString(), "--panel", "firm,year", "--y", "inv", "--x", "capital", "--regime",
                "value", "--threshold", "value", "--bootstrap", "20", "--seed", "1");
        assertEquals(200, r.get("counts").get("observations").asInt());
        assertEquals(20, r.get("counts").get("bootstrap_replicates_per_stage").asInt());
    }

    @Test
    void gmm() throws Exception {
        JsonNode r = run("gmm", List.of("read data", "estimate", "write outputs"),
                "--data", EMPLUK.toString(), "--panel", "firm,year",
                "--formula", "log(emp) ~ l(log(emp), 1) + log(wage)", "--gmm", "log(emp):2:99");
        assertEquals(140, r.get("counts").get("groups").asInt());
    }

    @Test
    void aFailingCommandWritesAFailedReport() throws Exception {
        Path report = dir.resolve("failed.json");
        assertEquals(2, Main.commandLine().execute("estimate", "--data", GRUNFELD.toString(), "--formula",
                "inv ~ nosuchcolumn", "--report", report.toString()));
        JsonNode r = Json.MAPPER.readTree(report.toFile());
        assertEquals("failed", r.get("status").asText());
        assertTrue(r.get("error").asText().contains("nosuchcolumn"), r.get("error").asText());
        assertTrue(r.get("stage_seconds").has("read data"));
    }
}
