package org.airesilience.study;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run a study config (conf/studies/<id>.conf): every table's models through their commands, the "
                + "tables as CSV, Markdown, LaTeX, Word and JSON, the figures, report.html and manifest.json, published "
                + "under <lake>/results/<study id>/<run id>/ with LATEST naming the newest complete run."})
public final class StudyCommand implements Callable<Integer>, JobPlan.Planned, CommonOptions.SpecificationFile {
    @Mixin
    CommonOptions common;

    @Option(names = "--lake", paramLabel = "DIR_OR_URI", description = "Data lake root, a path or URI (default: lake.root).")
    String lake;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "Panel CSV (path or URI) to use instead of the current run of the panel the study's panel spec names.")
    String data;

    @Option(names = "--tables", split = ",", paramLabel = "ID,ID", description = "Only these tables, e.g. table3,table8.")
    List<String> tables = List.of();

    @Option(names = "--explain", description = "Print each model as the equivalent single ./submit.sh command; estimate nothing.")
    boolean explain;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run folder (default: UTC time stamp).")
    String runId;

    /** The study config: --config FILE (for this job the study's own file; settings come from --set). */
    private Path studyFile() {
        Path file = common.configFile();
        if (file == null) throw new IllegalArgumentException("study needs --config FILE, the study config (HOCON)");
        return file;
    }

    private StudyRunner runner(Lake root) {
        return new StudyRunner(StudyConfig.load(studyFile()), root, data, new LinkedHashSet<>(tables));
    }

    private Lake lakeRoot(com.typesafe.config.Config settings) {
        return lake != null ? Lake.open(lake, settings, Lake.hadoopConfiguration(settings)) : Lake.open(settings);
    }

    /** --dry-run: the config and the panel's columns are validated; nothing is estimated. */
    @Override
    public JobPlan plan() {
        var settings = common.config();
        Lake root = lakeRoot(settings);
        try (StudyRunner runner = runner(root)) {
            JobPlan plan = new JobPlan("study").input("study config", studyFile());
            if (java.nio.file.Files.isRegularFile(runner.data())) plan.step("read panel " + runner.dataName());
            else plan.step("panel " + runner.dataName() + " not built yet: columns checked against its spec");
            runner.validate();
            plan.step(String.format("%d tables, %d models; every option and panel column checked", runner.tables().size(),
                    runner.models().size()));
            plan.output("results", root, "results/" + runner.study().id())
                    .output("run report", root, RunReport.lakeFile("study-" + runner.study().id(), "<run id>"));
            return plan;
        }
    }

    @Override
    public Integer call() throws Exception {
        var settings = common.config();
        try (StudyRunner runner = runner(lakeRoot(settings))) {
            if (explain) {
                runner.explain().forEach(System.out::println);
                return 0;
            }
            String id = runId != null ? runId : Lake.newRunId();
            Lake root = lakeRoot(settings);
            String studyId = runner.study().id();
            RunReport run = new RunReport("study", id).input("study config", studyFile())
                    .input("panel", runner.dataName()).settings(settings).count("tables", runner.tables().size())
                    .count("models", runner.models().size());
            return run.runTo(root, RunReport.lakeFile("study-" + studyId, id), () -> {
                String published = run.stage("estimate and publish", () -> runner.run(id, settings));
                org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(published, "manifest.json");
                run.output("results", published).output("latest run pointer", root.uri("results", studyId, "LATEST"))
                        .output("manifest", manifest.toString());
                // The study's own time per table, figures and report, as its manifest records them.
                byte[] m = LakeFiles.readOrNull(root.fileSystem(), manifest);
                Object perTable = m == null ? null : Json.MAPPER.readValue(m, Map.class).get("seconds_per_stage");
                if (perTable != null) run.putAll(Map.of("study_seconds", perTable));
                System.out.println("study " + studyId + " published to " + published);
                return 0;
            });
        }
    }
}
