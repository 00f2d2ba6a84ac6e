package org.airesilience.measure;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.region.Gazetteer;
import org.airesilience.report.RunReport;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.concurrent.Callable;

@Command(name = "measure", mixinStandardHelpOptions = true,
        description = {"Count AI patents per region-year: ai = ln(1 + count).",
                "Reads <lake>/curated/patents, matches title + abstract (+ claims with --set measure.match-claims=true)"
                        + " against the keyword dictionary (measure.keywords, default conf/keywords.conf) and writes"
                        + " <lake>/curated/ai_measure/parquet/ and <lake>/curated/ai_measure/ai_measure.csv: one row per"
                        + " region and application year of the panel, zero counts included.",
                "Attribution: --set regions.attribution=first-applicant|fractional; IPC codes: --set"
                        + " measure.use-ipc=false|or|and."})
public final class MeasureCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    MeasureOptions scope;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: <lake>/curated/ai_measure); one per panel when several run at once.")
    Path out;

    @Override
    public JobPlan plan() {
        Config config = common.config(scope.overrides());
        Path lakeRoot = Path.of(config.getString("airesilience.lake.root"));
        String lvl = config.getString("airesilience.measure.level");
        int[] range = MeasureTables.parseYears(config.getString("airesilience.measure.years"));
        String attribution = MeasureJob.checkedAttribution(config, lvl);
        int regions = MeasureTables.panel(Gazetteer.load(), lvl,
                new HashSet<>(config.getStringList("airesilience.regions.exclude-provinces"))).size();
        KeywordMatcher matcher = KeywordMatcher.create(config);
        return new JobPlan("measure")
                .input("curated patents", lakeRoot.resolve("curated/patents"))
                .step(String.format("match %d keyword categories (%s) in title + abstract%s; count AI patents of %d "
                                + "%s regions x %d-%d (%s attribution)", matcher.dictionary().categoryIds().size(),
                        matcher.dictionary().source(),
                        config.getBoolean("airesilience.measure.match-claims") ? " + claims" : "", regions, lvl,
                        range[0], range[1], attribution))
                .output("AI measure (CSV and parquet/)", output(lakeRoot))
                .output("run report", RunReport.lakeFile(lakeRoot, "measure-" + lvl, "<run id>"));
    }

    private Path output(Path lakeRoot) {
        return out != null ? out : lakeRoot.resolve(MeasureJob.OUTPUT);
    }

    @Override
    public Integer call() throws Exception {
        Config config = common.config(scope.overrides());
        Path lakeRoot = Path.of(config.getString("airesilience.lake.root"));
        String lvl = config.getString("airesilience.measure.level");
        int[] range = MeasureTables.parseYears(config.getString("airesilience.measure.years"));
        String runId = RunReport.newRunId();
        Path patents = lakeRoot.resolve("curated/patents");
        RunReport run = new RunReport("measure", runId).input("curated patents", patents).settings(config);
        // The level is in the name: the province and city measures of one night may finish in the same second.
        Path reportFile = RunReport.lakeFile(lakeRoot, "measure-" + lvl, runId);
        return run.runTo(reportFile, () -> {
            SparkSession spark = run.stage("spark session", () -> Sparks.session(config, "measure"));
            try {
                MeasureJob.MeasureReport report = run.stage("match and count", () -> MeasureJob.run(spark, config,
                        lakeRoot, lvl, range[0], range[1], output(lakeRoot)));
                run.output("AI measure", report.output()).count("patents_scanned", report.patentsScanned())
                        .count("ai_patents", report.aiPatents()).count("rows", report.rows()).putAll(report.toMap());
                System.out.printf("measure: %d patents scanned, %s AI patents in the %s panel %d-%d (%s attribution)%n",
                        report.patentsScanned(), number(report.aiPatents()), lvl, range[0], range[1], report.attribution());
                report.byCategory().forEach((id, n) -> System.out.printf("  %-28s %s%n", id, number(n)));
                if (report.aiPatentsOutsidePanel() > 0) {
                    System.out.printf("  %s AI patents belong to regions outside the panel (excluded or unattributed)%n",
                            number(report.aiPatentsOutsidePanel()));
                }
                System.out.printf("wrote %d rows to %s (report %s)%n", report.rows(), report.output(), reportFile);
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
