package org.airesilience.report;

import com.typesafe.config.Config;
import org.slf4j.event.Level;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A job's run report, one JSON file per run of any job: what it read ({@code inputs}), what it counted
 * ({@code counts}), the wall seconds of each stage ({@code stage_seconds}, timed by {@link StageTimer}) and in all
 * ({@code total_seconds}), where its outputs went ({@code outputs}), the files its settings came from
 * ({@code settings_files}), whether it succeeded ({@code status}; a failed run's report carries {@code error}), and
 * the job's own details after these. The pipeline jobs write it to {@link #lakeFile}; the model commands, which
 * have no lake, to their {@code --report FILE}.
 */
public final class RunReport {
    private final Map<String, Object> content = new LinkedHashMap<>();
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final StageTimer stages;
    private Object settingsFiles;
    private String error;

    /** A report whose stages log at INFO (the pipeline jobs). */
    public RunReport(String job, String runId) {
        this(job, runId, Level.INFO);
    }

    /** @param stageLogLevel the level of each stage's start and end lines, or null for none */
    public RunReport(String job, String runId, Level stageLogLevel) {
        this.stages = new StageTimer(job, stageLogLevel);
        content.put("job", job);
        content.put("run_id", runId);
        content.put("status", null);
        content.put("started_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /**
     * Where a pipeline job's report goes: {@code reports/<name>-<run id>.json} in the lake, where the name is the job's,
     * qualified where two runs of one job may finish in the same second (measure-province, study-ai-resilience).
     * The one place that decides report locations.
     */
    public static String lakeFile(String name, String runId) {
        return "reports/" + name + "-" + runId + ".json";
    }

    public RunReport input(String name, Object location) {
        inputs.put(name, String.valueOf(location));
        return this;
    }

    public RunReport output(String name, Object location) {
        outputs.put(name, String.valueOf(location));
        return this;
    }

    public RunReport count(String name, Number value) {
        counts.put(name, value);
        return this;
    }

    /** The job's own figures (accounting, settings used), written after the common fields. */
    public RunReport putAll(Map<String, Object> figures) {
        details.putAll(figures);
        return this;
    }

    /** The configuration files and the files its settings name, each with its SHA-256. */
    public RunReport settings(Config config) {
        settingsFiles = RunManifest.settingsFiles(config);
        return this;
    }

    /** As {@link #settings(Config)}, naming the files of the given file settings (e.g. panel.catalogue). */
    public RunReport settings(Config config, java.util.List<String> fileSettings) {
        settingsFiles = RunManifest.settingsFiles(config, fileSettings);
        return this;
    }

    /** Runs one stage, recording and logging its wall time. */
    public <T, E extends Exception> T stage(String name, StageTimer.Work<T, E> work) throws E {
        return stages.time(name, work);
    }

    public <E extends Exception> void stage(String name, StageTimer.Step<E> work) throws E {
        stages.time(name, work);
    }

    /** Marks the run failed with the error's message. */
    public RunReport failed(Throwable e) {
        return failed(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    public RunReport failed(String why) {
        error = why;
        return this;
    }

    public String runId() {
        return (String) content.get("run_id");
    }

    /**
     * Runs the job and writes the report to {@code file} when it ends, succeeded or failed (a failed run's error
     * is rethrown); no report when {@code file} is null.
     */
    public <T> T runTo(Path file, Callable<T> job) throws Exception {
        return runAndWrite(job, file == null ? null : () -> write(file));
    }

    /** As {@link #runTo(Path, Callable)}, writing the report to {@code relative} in the lake. */
    public <T> T runTo(org.airesilience.lake.Lake lake, String relative, Callable<T> job) throws Exception {
        return runAndWrite(job, () -> write(lake, relative));
    }

    private <T> T runAndWrite(Callable<T> job, Runnable write) throws Exception {
        T result;
        try {
            result = job.call();
        } catch (Exception | Error e) {
            failed(e);
            if (write != null) write.run();
            throw e;
        }
        if (write != null) write.run();
        return result;
    }

    /** The report as it would be written now. */
    public Map<String, Object> content() {
        Map<String, Object> m = new LinkedHashMap<>(content);
        m.put("status", error == null ? "succeeded" : "failed");
        if (error != null) m.put("error", error);
        m.put("total_seconds", stages.totalSeconds());
        m.put("inputs", inputs);
        m.put("counts", counts);
        m.put("stage_seconds", stages.seconds());
        m.put("outputs", outputs);
        if (settingsFiles != null) m.put("settings_files", settingsFiles);
        details.forEach(m::putIfAbsent);
        return m;
    }

    /** Writes the report atomically to {@code file} and returns it. */
    public Path write(Path file) {
        output("run report", file);
        Json.writeFile(file, content());
        return file;
    }

    /** Writes the report atomically to {@code relative} in the lake and returns its URI. */
    public String write(org.airesilience.lake.Lake lake, String relative) {
        String uri = lake.uri(relative);
        output("run report", uri);
        lake.write(relative, Json.write(content()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return uri;
    }
}
