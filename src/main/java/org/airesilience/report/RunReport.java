package org.airesilience.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A job's run report: job, run id, inputs, wall time per stage, the job's own counts and its output locations,
 * written as JSON under {@code <lake>/reports/}. Each stage is logged when it ends (at INFO, which the bundled
 * log4j2 configuration shows for the product's own loggers while Spark stays at WARN).
 */
public final class RunReport {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private final String job;
    private final Map<String, Object> content = new LinkedHashMap<>();
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Double> stages = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();

    public RunReport(String job, String runId) {
        this.job = job;
        content.put("job", job);
        content.put("run_id", runId);
        content.put("inputs", inputs);
        content.put("stage_seconds", stages);
        content.put("outputs", outputs);
    }

    public RunReport input(String name, Path path) {
        return input(name, path.toString());
    }

    /** An input by location (a path or a URI of the lake's file system). */
    public RunReport input(String name, String location) {
        inputs.put(name, location);
        return this;
    }

    public RunReport output(String name, Path path) {
        return output(name, path.toString());
    }

    /** An output by location (a path or a URI of the lake's file system). */
    public RunReport output(String name, String location) {
        outputs.put(name, location);
        return this;
    }

    /** The job's own figures (counts, settings), after the common fields. */
    public RunReport putAll(Map<String, Object> figures) {
        content.putAll(figures);
        return this;
    }

    /** Runs one stage, recording and logging its wall time. */
    public <T> T stage(String name, Supplier<T> work) {
        long start = System.nanoTime();
        LOG.info("{}: {} ...", job, name);
        T result = work.get();
        double seconds = Math.round((System.nanoTime() - start) / 1e6) / 1e3;
        stages.put(name, seconds);
        LOG.info("{}: {} done in {}", job, name, String.format(Locale.ROOT, "%.3f s", seconds));
        return result;
    }

    /** Writes the report atomically to {@code file} and returns it. */
    public Path write(Path file) {
        output("run report", file);
        Json.writeFile(file, content);
        return file;
    }

    /** Writes the report atomically to {@code relative} in the lake and returns its URI. */
    public String write(org.airesilience.lake.Lake lake, String relative) {
        String uri = lake.uri(relative);
        output("run report", uri);
        lake.write(relative, Json.write(content).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return uri;
    }
}
