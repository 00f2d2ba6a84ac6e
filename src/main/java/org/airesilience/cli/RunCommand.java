package org.airesilience.cli;

import com.typesafe.config.Config;
import org.airesilience.config.ConfiguredFiles;
import org.airesilience.econometrics.data.Descriptives;
import org.airesilience.econometrics.data.Table;
import org.airesilience.ingest.IngestJob;
import org.airesilience.ingest.IngestReport;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
import org.airesilience.measure.MeasureJob;
import org.airesilience.measure.MeasureTables;
import org.airesilience.measure.MeasureOptions;
import org.airesilience.measure.TextMeasureJob;
import org.airesilience.panel.PanelCommand;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.Json;
import org.airesilience.report.RunManifest;
import org.airesilience.report.RunReport;
import org.airesilience.spark.Sparks;
import org.airesilience.study.StudyConfig;
import org.airesilience.study.StudyRunner;
import org.airesilience.study.StudySpec;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** The main job: raw dumps in the lake to curated tables, the AI measure and a published, traceable result set. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the study pipeline on a data lake: ingest <lake>/raw/patents, measure AI per region-year,",
                "count keyword frequencies of <lake>/raw/city-text when present, and publish the results",
                "(measure tables, descriptive statistics, ingest accounting, a manifest of inputs, config, seeds and",
                "versions) under <lake>/results/<run id>/; then each study of study.configs whose panel spec exists",
                "(tables, figures, report.html) under <lake>/results/<study id>/<run id>/."})
public final class RunCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    MeasureOptions scope;

    @Option(names = "--run-id", description = "Name of the results folder (default: UTC time stamp).")
    String runId;

    @Override
    public JobPlan plan() {
        Config config = common.config(scope.overrides());
        Lake root = Lake.open(config);
        String level = config.getString("airesilience.measure.level");
        int[] years = MeasureTables.parseYears(config.getString("airesilience.measure.years"));
        MeasureJob.checkedAttribution(config, level);
        boolean corpus = root.isDirectory(CORPUS);
        JobPlan plan = new JobPlan("run").input("raw patent files", root, "raw/patents");
        if (corpus) plan.input("city text corpus", root, CORPUS);
        return plan.step("ingest, then the AI measure (" + level + ", " + years[0] + "-" + years[1] + ")"
                        + (corpus ? ", the text measure" : "") + " and descriptive statistics")
                .output("curated tables", root, "curated")
                .output("quarantine", root, "quarantine")
                .output("published results", root, "results/" + id())
                .output("pointer to the latest results", root, "results/LATEST")
                .output("run report", root, RunReport.lakeFile("run", "<run id>"));
    }

    private static final String CORPUS = "raw/city-text";

    private String id() {
        return runId != null ? runId : org.airesilience.lake.Lake.newRunId();
    }

    @Override
    public Integer call() throws Exception {
        Config config = common.config(scope.overrides());
        String id = id();
        Lake root = Lake.open(config);
        RunReport run = new RunReport("run", id).input("raw patent files", root.uri("raw/patents"))
                .input("city text corpus", root.uri(CORPUS))
                .input("yearbook tables", root.uri("raw/yearbooks")).settings(config);
        return run.runTo(root, RunReport.lakeFile("run", id), () -> {
            // One Spark session serves the whole run: ingest, measures, the panels' Parquet copies and any study
            // model whose replicates go to Spark.
            SparkSession spark = run.stage("spark session", () -> Sparks.session(config, "run"));
            try {
                Lake lake = Lake.open(config, spark.sparkContext().hadoopConfiguration());
                var published = run.stage("ingest and measures", () -> lake.table("results")
                        .publishLocal(id, staged -> runInto(spark, config, lake, id, staged)));
                String shown = LakeFiles.display(lake.fileSystem(), published);
                run.output("results", shown).output("latest results pointer", lake.uri("results/LATEST"))
                        .output("ingest report", lake.uri(RunReport.lakeFile("ingest", id)));
                System.out.println("results published to " + shown);
                List<String> studies = studiesWithPanels(config, lake);
                run.stage("panels", () -> buildPanels(spark, config, lake, studies));
                run.stage("studies", () -> runStudies(config, lake, id, studies, run));
                run.count("studies", studies.size());
            } finally {
                spark.stop();
            }
            return 0;
        });
    }

    /**
     * The study configs of study.configs whose panel can be built: the panel spec is found (as every configured file
     * is: the path, else shipped with --files, else in the jar) and the lake has yearbook tables. The others are
     * skipped with a note.
     */
    static List<String> studiesWithPanels(Config config, Lake root) {
        List<String> out = new java.util.ArrayList<>();
        for (String file : config.getStringList("airesilience.study.configs")) {
            String panel = StudyConfig.panelSpec(Path.of(file));
            if (panel != null && !found(panel)) {
                System.out.println("study " + file + " skipped: panel spec " + panel + " not found");
            } else if (panel != null && !root.isDirectory("raw/yearbooks")) {
                System.out.println("study " + file + " skipped: no yearbook tables under " + root.display("raw/yearbooks"));
            } else {
                out.add(file);
            }
        }
        return out;
    }

    /** True when the panel spec is found where the panel job looks for it ({@link ConfiguredFiles}). */
    private static boolean found(String panelSpec) {
        try {
            ConfiguredFiles.resolve("panel spec", panelSpec, null, null);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Each distinct panel spec of the studies, built once (lenient policy) before any study runs. */
    private static void buildPanels(SparkSession spark, Config config, Lake root, List<String> studies) {
        Set<String> specs = new java.util.LinkedHashSet<>();
        for (String file : studies) {
            String panel = StudyConfig.panelSpec(Path.of(file));
            if (panel != null) specs.add(panel);
        }
        for (String spec : specs) {
            long start = System.nanoTime();
            PanelCommand.build(spark, config, Path.of(spec), root, "lenient");
            System.out.printf(Locale.ROOT, "panel %s built (%.1f s)%n", spec, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Each study over the panel the panel layer built, published under results/<study id>/<run id>/. */
    private static void runStudies(Config config, Lake root, String id, List<String> studies, RunReport run) {
        for (String file : studies) {
            StudySpec spec = StudyConfig.load(Path.of(file));
            long start = System.nanoTime();
            String out;
            try (StudyRunner runner = new StudyRunner(spec, root, null, Set.of())) {
                out = runner.run(id, config);
            }
            run.output("study " + spec.id(), out);
            System.out.printf(Locale.ROOT, "study %s published to %s (%.1f s)%n", spec.id(), out, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void runInto(SparkSession spark, Config config, Lake root, String id, Path out) throws IOException {
        Files.createDirectories(out);
        RunManifest manifest = new RunManifest(id, "run", config).addInputs(root.fileSystem(), root.path("raw"));
        String level = config.getString("airesilience.measure.level");
        int[] years = MeasureTables.parseYears(config.getString("airesilience.measure.years"));

        IngestReport ingest = IngestJob.run(spark, config, root.uri("raw/patents"), root, id);
        System.out.print(ingest.summary());
        Json.writeFile(out.resolve("ingest_report.json"), ingest.toJsonMap());
        manifest.put("ingest", ingest.toJsonMap()).addOutput("ingest accounting", Path.of("ingest_report.json"));

        manifest.put("measure", MeasureJob.run(spark, config, root, level, years[0], years[1], null, id).toMap());
        Path measure = publishCopy(root, MeasureJob.OUTPUT, MeasureJob.CSV, out, manifest);
        describe(Table.readCsv(measure), List.of("ai_patents", "ai"), out.resolve("ai_measure_describe"), manifest);

        if (root.isDirectory(CORPUS)) {
            int[] textYears = MeasureTables.parseYears(config.getString("airesilience.measure.text-years"));
            manifest.put("text_measure", TextMeasureJob.run(spark, config, root.uri(CORPUS), root, null,
                    textYears[0], textYears[1], false, id).toMap());
            Path text = publishCopy(root, TextMeasureJob.OUTPUT, TextMeasureJob.CSV, out, manifest);
            describe(Table.readCsv(text), List.of("tin", "ai"), out.resolve("text_measure_describe"), manifest);
        }
        manifest.write(out.resolve("manifest.json"));
    }

    /** Copies a file of a table's current run into the results folder. */
    private static Path publishCopy(Lake lake, String table, String file, Path out, RunManifest manifest) {
        Path to = out.resolve(file);
        LakeFiles.copyToLocal(lake.fileSystem(), new org.apache.hadoop.fs.Path(lake.table(table).current(), file), to);
        manifest.addOutput(file, Path.of(file));
        return to;
    }

    /** Study A's Table 2 layout (N, mean, sd, median, min, max) as JSON and Markdown. */
    private static void describe(Table table, List<String> vars, Path base, RunManifest manifest) {
        List<Descriptives.Summary> stats = Descriptives.of(table, vars);
        Json.writeFile(base.resolveSibling(base.getFileName() + ".json"),
                Map.of("statistics", stats.stream().map(Descriptives.Summary::toJsonMap).toList()));
        StringBuilder md = new StringBuilder("| variable | N | mean | sd | median | min | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Descriptives.Summary s : stats) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    s.variable(), s.n(), s.mean(), s.sd(), s.median(), s.min(), s.max()));
        }
        AtomicFiles.writeString(base.resolveSibling(base.getFileName() + ".md"), md.toString());
        System.out.print(md);
        manifest.addOutput("descriptive statistics", Path.of(base.getFileName() + ".md"));
    }
}
