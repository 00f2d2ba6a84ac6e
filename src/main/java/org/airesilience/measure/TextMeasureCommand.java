package org.airesilience.measure;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.lake.Lake;
import org.airesilience.report.RunReport;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "measure-text", mixinStandardHelpOptions = true,
        description = {"Count keyword frequencies in a city text corpus: tin = ln(1 + frequency).",
                "Reads JSON Lines (one object per line with city, date and text; .gz allowed), resolves the city by"
                        + " name, short name, alias or code, and counts the terms of each measure in the dictionary's"
                        + " corpus section (tin: 人工智能 云计算 大数据 物联网; ai: 人工智能 AI).",
                "Writes <m>_count and <m> = ln(1 + <m>_count) per city-year, every city-year of the panel present, to"
                        + " <lake>/curated/text_measure/parquet/ and text_measure.csv. Unusable lines go to"
                        + " <lake>/quarantine/text_corpus (JSON Lines, replaced by each run) with file, line, reason"
                        + " code and detail."})
public final class TextMeasureCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Option(names = "--corpus", required = true, paramLabel = "DIR_OR_FILE", description = "JSON Lines file or folder (path or URI).")
    String corpus;

    @Option(names = "--lake", paramLabel = "DIR_OR_URI", description = "Data-lake root, a path or URI (default: lake.root).")
    String lake;

    @Option(names = "--years", paramLabel = "FROM-TO", description = "Years (default: measure.text-years, 2014-2023).")
    String years;

    @Option(names = "--out", paramLabel = "DIR", description = "Output table, a path or URI (default: <lake>/curated/text_measure).")
    String out;

    @Option(names = "--cities", paramLabel = "corpus|all",
            description = "Panel cities: those found in the corpus, or every in-scope city (default: measure.text-cities).")
    String cities;

    private Config config() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (lake != null) overrides.put("lake.root", lake);
        if (years != null) overrides.put("measure.text-years", years);
        if (cities != null) overrides.put("measure.text-cities", cities);
        Config config = common.config(overrides);
        String panel = config.getString("airesilience.measure.text-cities");
        if (!panel.equals("corpus") && !panel.equals("all")) {
            throw new IllegalArgumentException("--cities must be corpus or all, got '" + panel + "'");
        }
        return config;
    }

    @Override
    public JobPlan plan() {
        Config config = config();
        Lake lakeRoot = Lake.open(config);
        int[] range = MeasureTables.parseYears(config.getString("airesilience.measure.text-years"));
        KeywordMatcher matcher = KeywordMatcher.create(config);
        if (matcher.dictionary().corpus().isEmpty()) {
            throw new IllegalArgumentException("keyword dictionary " + matcher.dictionary().source()
                    + " has no corpus section (e.g. corpus { tin = [...], ai = [...] })");
        }
        return new JobPlan("measure-text")
                .input("text corpus", lakeRoot, Lake.hadoopPath(corpus).toString())
                .step("count " + matcher.dictionary().corpus().keySet() + " per city-year " + range[0] + "-" + range[1]
                        + " (panel: " + config.getString("airesilience.measure.text-cities") + " cities)")
                .output("text measure (CSV and parquet/)", lakeRoot,
                        out != null ? lakeRoot.tableAt(out).toString() : TextMeasureJob.OUTPUT)
                .output("quarantine", lakeRoot, TextMeasureJob.QUARANTINE)
                .output("run report", lakeRoot, RunReport.lakeFile("measure-text", "<run id>"));
    }

    @Override
    public Integer call() throws Exception {
        Config config = config();
        int[] range = MeasureTables.parseYears(config.getString("airesilience.measure.text-years"));
        String panel = config.getString("airesilience.measure.text-cities");
        String runId = Lake.newRunId();
        Lake lakeRoot = Lake.open(config);
        RunReport run = new RunReport("measure-text", runId).input("text corpus", corpus).settings(config);
        String reportFile = RunReport.lakeFile("measure-text", runId);
        return run.runTo(lakeRoot, reportFile, () -> {
            SparkSession spark = run.stage("spark session", () -> Sparks.session(config, "measure-text"));
            try {
                TextMeasureJob.TextMeasureReport r = run.stage("count", () -> TextMeasureJob.run(spark, config, corpus,
                        lakeRoot, out, range[0], range[1], panel.equals("all"), runId));
                run.output("text measure", r.output()).output("quarantine", r.quarantine())
                        .count("lines", r.lines()).count("documents", r.documents())
                        .count("quarantined", r.quarantined()).count("rows", r.rows()).putAll(r.toMap());
                System.out.printf("measure-text: %d lines: %d documents in %d-%d, %d outside those years, %d blank,"
                        + " %d quarantined%n", r.lines(), r.documents(), range[0], range[1], r.outsideYears(), r.blank(),
                        r.quarantined());
                r.byReason().forEach((reason, n) -> System.out.printf("  quarantined %-20s %d%n", reason, n));
                r.frequencies().forEach((m, n) -> System.out.printf("  frequency %-10s %d%n", m, n));
                if (r.quarantined() > 0) System.out.printf("quarantine: %s%n", r.quarantine());
                System.out.printf("wrote %d rows (%d cities) to %s (report %s)%n", r.rows(), r.cities(), r.output(),
                        lakeRoot.display(reportFile));
                return 0;
            } finally {
                spark.stop();
            }
        });
    }
}
