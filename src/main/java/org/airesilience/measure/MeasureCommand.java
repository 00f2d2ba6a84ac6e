package org.airesilience.measure;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.lake.Lake;
import org.airesilience.region.Gazetteer;
import org.airesilience.report.RunReport;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashSet;
import java.util.concurrent.Callable;

@Command(name = "measure", mixinStandardHelpOptions = true,
        description = {"Count AI patents per region-year: ai = ln(1 + count).",
                "Reads <lake>/curated/patents, matches title + abstract (+ claims with --set measure.match-claims=true)"
                        + " against the keyword dictionary (measure.keywords, default conf/keywords.conf) and publishes"
                        + " <lake>/curated/ai_measure/<run id>/ (parquet/ and ai_measure.csv; LATEST names the current"
                        + " run): one row per region and application year of the panel, zero counts included.",
                "Attribution: --set regions.attribution=first-applicant|fractional; IPC codes: --set"
                        + " measure.use-ipc=false|or|and."})
public final class MeasureCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    MeasureOptions scope;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output table, a path or URI (default: <lake>/curated/ai_measure); one per panel when several run at once.")
    String out;

    @Override
    public JobPlan plan() {
        Config config = common.config(scope.overrides());
        Lake lake = Lake.open(config);
        String lvl = config.getString("airesilience.measure.level");
        int[] range = MeasureTables.parseYears(config.getString("airesilience.measure.years"));
        String attribution = MeasureJob.checkedAttribution(config, lvl);
        int regions = MeasureTables.panel(Gazetteer.load(), lvl,
                new HashSet<>(config.getStringList("airesilience.regions.exclude-provinces"))).size();
        KeywordMatcher matcher = KeywordMatcher.create(config);
        return new JobPlan("measure")
                .input("curated patents", lake, MeasureJob.PATENTS)
                .step(String.format("match %d keyword categories (%s) in title + abstract%s; count AI patents of %d "
                                + "%s regions x %d-%d (%s attribution)", matcher.dictionary().categoryIds().size(),
                        matcher.dictionary().source(),
                        config.getBoolean("airesilience.measure.match-claims") ? " + claims" : "", regions, lvl,
                        range[0], range[1], attribution))
                .output("AI measure (CSV and parquet/)", lake,
                        out != null ? lake.tableAt(out).toString() : MeasureJob.OUTPUT)
                .output("run report", lake, RunReport.lakeFile("measure-" + lvl, "<run id>"));
    }

    @Override
    public Integer call() throws Exception {
        Config config = common.config(scope.overrides());
        String lvl = config.getString("airesilience.measure.level");
        int[] range = MeasureTables.parseYears(config.getString("airesilience.measure.years"));
        String runId = Lake.newRunId();
        Lake lake = Lake.open(config);
        RunReport run = new RunReport("measure", runId)
                .input("curated patents", lake.table(MeasureJob.PATENTS).current().toString()).settings(config);
        // The level is in the name: the province and city measures of one night may finish in the same second.
        String reportFile = RunReport.lakeFile("measure-" + lvl, runId);
        return run.runTo(lake, reportFile, () -> {
            SparkSession spark = run.stage("spark session", () -> Sparks.session(config, "measure"));
            try {
                MeasureJob.MeasureReport report = run.stage("match and count", () -> MeasureJob.run(spark, config,
                        lake, lvl, range[0], range[1], out, runId));
                run.output("AI measure", report.output()).count("patents_scanned", report.patentsScanned())
                        .count("ai_patents", report.aiPatents()).count("rows", report.rows()).putAll(report.toMap());
                System.out.printf("measure: %d patents scanned, %s AI patents in the %s panel %d-%d (%s attribution)%n",
                        report.patentsScanned(), number(report.aiPatents()), lvl, range[0], range[1], report.attribution());
                report.byCategory().forEach((id, n) -> System.out.printf("  %-28s %s%n", id, number(n)));
                if (report.aiPatentsOutsidePanel() > 0) {
                    System.out.printf("  %s AI patents belong to regions outside the panel (excluded or unattributed)%n",
                            number(report.aiPatentsOutsidePanel()));
                }
                System.out.printf("wrote %d rows to %s (report %s)%n", report.rows(), report.output(),
                        lake.display(reportFile));
                return 0;
            } finally {
                spark.stop();
            }
        });
    }

    static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.3f", v);
    }
}
