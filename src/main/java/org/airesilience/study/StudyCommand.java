package org.airesilience.study;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run a study config (conf/studies/<id>.conf): every table's models through their commands, the "
                + "tables as CSV, Markdown, LaTeX, Word and JSON, the figures, report.html and manifest.json, published "
                + "under <lake>/results/<study id>/<run id>/ with LATEST naming the newest complete run."})
public final class StudyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The study config (HOCON).")
    Path config;

    @Option(names = "--lake", paramLabel = "DIR", description = "Data lake root (default: lake.root).")
    Path lake;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "Panel CSV to use instead of the one the study's panel spec names.")
    Path data;

    @Option(names = "--tables", split = ",", paramLabel = "ID,ID", description = "Only these tables, e.g. table3,table8.")
    List<String> tables = List.of();

    @Option(names = "--dry-run", description = "Validate the config and the panel's columns; estimate nothing.")
    boolean dryRun;

    @Option(names = "--explain", description = "Print each model as the equivalent single ./submit.sh command; estimate nothing.")
    boolean explain;

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run folder (default: UTC time stamp).")
    String runId;

    @Override
    public Integer call() {
        var settings = common.config();
        Path root = lake != null ? lake : Path.of(settings.getString("airesilience.lake.root"));
        StudySpec spec = StudyConfig.load(config);
        StudyRunner runner = new StudyRunner(spec, root, data, new LinkedHashSet<>(tables));
        if (explain) {
            runner.explain().forEach(System.out::println);
            return 0;
        }
        if (dryRun) {
            runner.validate();
            System.out.printf("%s: %d tables, %d models; every option and panel column checked against %s%n",
                    config, spec.tables().size(), runner.models().size(), runner.data());
            return 0;
        }
        String id = runId != null ? runId
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        Path published = runner.run(id, settings);
        System.out.println("study " + spec.id() + " published to " + published);
        return 0;
    }
}
