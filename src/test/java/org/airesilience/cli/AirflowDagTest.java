package org.airesilience.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Airflow DAG (jobs/airesilience_dag.py), compiled by python3 against a stub of the airflow modules it imports
 * (Airflow itself is not installed): its task graph, limits and commands match jobs/pipeline.json, it reads no
 * Variable while parsed, and every command it would run passes --dry-run here, with no two tasks writing the same
 * output. Jobs that this build does not have yet are checked only for being in pipeline.json.
 */
class AirflowDagTest {
    private static final Path DAG = Path.of("jobs/airesilience_dag.py");
    private static final Path PIPELINE = Path.of("jobs/pipeline.json");
    private static final Path INSPECT = Path.of("src/test/resources/dag/inspect_dag.py");
    private static final String DS = "2026-12-02";
    /** spark-submit options with a value, which submit.sh hands to Spark rather than to the job. */
    private static final Set<String> SPARK_OPTIONS = Set.of("--master", "--deploy-mode", "--conf", "--driver-memory",
            "--executor-memory", "--executor-cores", "--num-executors", "--total-executor-cores", "--queue",
            "--name", "--jars", "--files", "--packages", "--properties-file");

    @Test
    void dagMatchesThePipelineAndEveryCommandPassesDryRun(@TempDir Path lake) throws Exception {
        prepareLake(lake);
        Path home = Path.of("").toAbsolutePath();
        JsonNode dags = inspect(Map.of("airesilience_home", home.toString(), "airesilience_lake", lake.toString(),
                "airesilience_spark_args", "--master local[2] --conf spark.sql.shuffle.partitions=4"));
        assertEquals(1, dags.size());
        JsonNode dag = dags.get(0);
        assertEquals(1, dag.get("max_active_runs").asInt(), "nightly runs never overlap");

        JsonNode pipeline = Json.MAPPER.readTree(PIPELINE.toFile());
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        dag.get("tasks").forEach(t -> tasks.put(t.get("id").asText(), t));

        JsonNode sensorSpec = pipeline.get("sensor");
        JsonNode sensor = tasks.remove(sensorSpec.get("id").asText());
        assertNotNull(sensor, "the sensor task");
        assertEquals("FileSensor", sensor.get("type").asText());
        assertEquals(lake + "/raw/patents/dt=" + DS + "/", sensor.get("filepath").asText());

        JsonNode defaults = pipeline.get("defaults");
        Set<String> registered = Main.commandLine().getSubcommands().keySet();
        Map<String, List<Path>> outputs = new LinkedHashMap<>();
        List<String> notYetHere = new ArrayList<>();
        assertEquals(pipeline.get("tasks").size(), tasks.size(), "one task per pipeline entry: " + tasks.keySet());
        for (JsonNode spec : pipeline.get("tasks")) {
            String id = spec.get("id").asText();
            JsonNode task = tasks.get(id);
            assertNotNull(task, "DAG task " + id);
            assertEquals("BashOperator", task.get("type").asText());
            Set<String> upstream = new TreeSet<>();
            spec.get("depends_on").forEach(d -> upstream.add(d.asText()));
            Set<String> actual = new TreeSet<>();
            task.get("upstream").forEach(d -> actual.add(d.asText()));
            assertEquals(upstream, actual, id + " upstream");
            assertEquals(limit(spec, defaults, "retries"), task.get("retries").asInt(), id);
            assertEquals(limit(spec, defaults, "retry_delay_minutes") * 60, task.get("retry_delay_s").asInt(), id);
            assertEquals(limit(spec, defaults, "execution_timeout_minutes") * 60,
                    task.get("execution_timeout_s").asInt(), id);

            assertEquals(home.toString(), task.get("cwd").asText(), id + " runs from the checkout");
            List<String> argv = new ArrayList<>();
            task.get("argv").forEach(a -> argv.add(a.asText()));
            String job = spec.get("job").asText();
            assertEquals(job, argv.get(0), id);
            List<String> jobArgs = jobArguments(argv);
            List<String> expected = new ArrayList<>(List.of(job));
            spec.get("args").forEach(a -> expected.add(a.asText().replace("{lake}", lake.toString())
                    .replace("{ds_nodash}", DS.replace("-", "")).replace("{ds}", DS)));
            assertEquals(expected, jobArgs, id + ": the pipeline's options, templates filled in");

            if (!registered.contains(job)) {
                notYetHere.add(id);
                continue;
            }
            outputs.put(id, dryRun(id, jobArgs));
        }
        assertTrue(notYetHere.isEmpty(), "tasks whose job this build lacks: " + notYetHere);
        assertTrue(outputs.size() >= 4, outputs.keySet().toString());
        assertNoSharedOutputs(outputs);
    }

    @Test
    void readingAVariableWhileParsingFails(@TempDir Path dir) throws Exception {
        Path dag = dir.resolve("bad_dag.py");
        Files.writeString(dag, "from airflow.models import Variable\nLAKE = Variable.get('airesilience_lake')\n");
        Python p = python(dag, Map.of());
        assertFalse(p.code() == 0, "the stub refuses Variable.get at parse time");
        assertTrue(p.err().contains("Variable.get"), p.err());
    }

    private static int limit(JsonNode spec, JsonNode defaults, String key) {
        return (spec.has(key) ? spec : defaults).get(key).asInt();
    }

    /** What submit.sh hands to the job: its arguments less the spark-submit options. */
    private static List<String> jobArguments(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (SPARK_OPTIONS.contains(argv.get(i))) i++;
            else out.add(argv.get(i));
        }
        return out;
    }

    /** Runs the job with --dry-run in this JVM and returns the outputs its plan names. */
    private static List<Path> dryRun(String id, List<String> jobArgs) {
        List<String> args = new ArrayList<>(jobArgs);
        args.add("--dry-run");
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cl = Main.commandLine().setErr(new PrintWriter(err));
            code = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, id + " --dry-run: " + err + printed);
        List<Path> written = new ArrayList<>();
        for (String line : printed.lines().toList()) {
            String l = line.strip();
            if (!l.startsWith("write ")) continue;
            String path = l.substring(l.indexOf(": ") + 2).replace(" (replaced)", "");
            written.add(Path.of(path).toAbsolutePath().normalize());
        }
        assertFalse(written.isEmpty(), id + " names its outputs: " + printed);
        return written;
    }

    private static void assertNoSharedOutputs(Map<String, List<Path>> outputs) {
        List<String> ids = new ArrayList<>(outputs.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                for (Path a : outputs.get(ids.get(i))) {
                    for (Path b : outputs.get(ids.get(j))) {
                        assertFalse(a.startsWith(b) || b.startsWith(a),
                                ids.get(i) + " and " + ids.get(j) + " both write " + a + " / " + b);
                    }
                }
            }
        }
    }

    /** A lake as the DAG finds it on a night: the night's raw partition, the city corpus, yearbooks, yesterday's tables. */
    private static void prepareLake(Path lake) throws IOException {
        Path night = Files.createDirectories(lake.resolve("raw/patents/dt=" + DS));
        Files.writeString(night.resolve("export.csv"),
                "application_number,application_date,title,abstract,address\n"
                        + "CN201710117081,2017-03-01,一种深度学习方法,摘要,北京市海淀区\n");
        Path corpus = Files.createDirectories(lake.resolve("raw/city-text"));
        Files.writeString(corpus.resolve("news.jsonl"), "{\"city\": \"武汉\", \"date\": \"2019-05-03\", \"text\": \"人工智能\"}\n");
        Files.createDirectories(lake.resolve("curated/patents"));
        Path yearbooks = Files.createDirectories(lake.resolve("raw/yearbooks"));
        Files.writeString(yearbooks.resolve("gdp.csv"), "地区,年份,指标,数值,单位\n北京,2020,地区生产总值,36102.6,亿元\n");
    }

    private static JsonNode inspect(Map<String, String> variables) throws Exception {
        Python p = python(DAG, variables);
        assertEquals(0, p.code(), "python3 " + INSPECT + ": " + p.err());
        return Json.MAPPER.readTree(p.out());
    }

    private record Python(int code, String out, String err) {
    }

    /** python3 inspect_dag.py DAG VARIABLES DS, its output through files (no pipe to fill up). */
    private static Python python(Path dag, Map<String, String> variables) throws Exception {
        Path out = Files.createTempFile("dag", ".json");
        Path err = Files.createTempFile("dag", ".err");
        try {
            Process p = new ProcessBuilder("python3", INSPECT.toString(), dag.toString(),
                    Json.MAPPER.writeValueAsString(variables), DS)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
            return new Python(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
