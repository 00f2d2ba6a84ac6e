package org.airesilience.cli;

import org.airesilience.report.RunReport;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --report FILE} of the model commands (estimate, gmm, mediate, compare, threshold, placebo, describe), which
 * have no lake to keep reports in: the run report goes to FILE when asked for. Their stages are timed but not
 * logged: a study runs them by the dozen, and a quick command would spend a good share of its start-up
 * initialising logging.
 */
public final class RunReportOption {
    @Option(names = "--report", paramLabel = "FILE",
            description = "Write the run report (JSON: inputs, counts, seconds per stage, outputs) to FILE.")
    Path file;

    /** A command body that fills the run report it is given. */
    @FunctionalInterface
    public interface Body {
        Integer run(RunReport report) throws Exception;
    }

    /** Runs a model command reading {@code data}, writing its report (also when it fails) under --report. */
    public Integer run(String job, Path data, Body body) throws Exception {
        RunReport report = new RunReport(job, org.airesilience.lake.Lake.newRunId(), null).input("data", data);
        return report.runTo(file, () -> body.run(report));
    }

    /** Adds the report to a dry run's outputs. */
    public JobPlan plan(JobPlan plan) {
        return file == null ? plan : plan.output("run report", file);
    }
}
