package org.airesilience.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.RunReport;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest raw patent dumps into the curated lake, quarantining bad records.",
                "Reads every file under --raw (CSV, TSV, JSON Lines or arrays, TRS; UTF-8, GBK or GB18030; plain, .gz "
                        + "or .bz2), writes <lake>/curated/patents (Parquet by application_year), "
                        + "<lake>/quarantine/patents and <lake>/excluded/patents (JSON Lines with reason codes) and "
                        + "<lake>/reports/ingest-<run id>.json. Outputs are published together, only when the run "
                        + "succeeds."})
public final class IngestCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Option(names = "--raw", paramLabel = "DIR", description = "Directory of raw patent files (default: <lake>/raw/patents).")
    Path raw;

    @Option(names = "--lake", paramLabel = "DIR", description = "Data-lake root (default: airesilience.lake.root).")
    Path lake;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the ingest report JSON here.")
    Path reportFile;

    @Option(names = "--allow-shrink", description = "Publish even when far fewer records than the curated set "
            + "holds would replace it (airesilience.ingest.allow-shrink; limit: airesilience.ingest.shrink-limit).")
    boolean allowShrink;

    @Override
    public JobPlan plan() {
        Config config = common.config();
        Path lakeRoot = lakeRoot(config);
        Path rawDir = rawDir(lakeRoot);
        JobPlan plan = new JobPlan("ingest").input("raw patent files", rawDir);
        if (java.nio.file.Files.isDirectory(rawDir)) {
            // The same listing, format and charset detection the run starts with (first megabyte of each file).
            List<SourceFile> sources = SourceCatalog.list(new org.apache.hadoop.conf.Configuration(), config, rawDir);
            if (sources.isEmpty()) throw new IllegalArgumentException("no raw files under " + rawDir);
            Map<String, Integer> kinds = new TreeMap<>();
            sources.forEach(s -> kinds.merge(s.format() + " " + s.charset(), 1, Integer::sum));
            plan.step("read " + sources.size() + " files " + kinds + ", normalise, attribute regions, drop duplicates;"
                    + " fail when more than " + config.getDouble("airesilience.ingest.quarantine.max-share")
                    + " of the records are quarantined");
        }
        plan.output("curated patents", lakeRoot.resolve("curated/patents"))
                .output("quarantine", lakeRoot.resolve("quarantine/patents"))
                .output("excluded", lakeRoot.resolve("excluded/patents"))
                .output("run report", RunReport.lakeFile(lakeRoot, "ingest", "<run id>"));
        if (reportFile != null) plan.output("report copy", reportFile);
        return plan;
    }

    private Path lakeRoot(Config config) {
        return lake != null ? lake : Path.of(config.getString("airesilience.lake.root"));
    }

    private Path rawDir(Path lakeRoot) {
        return raw != null ? raw : lakeRoot.resolve("raw").resolve("patents");
    }

    @Override
    public Integer call() throws java.io.IOException {
        Config config = common.config();
        if (allowShrink) {
            config = ConfigFactory.parseMap(Map.of("airesilience.ingest.allow-shrink", true)).withFallback(config);
        }
        Path lakeRoot = lakeRoot(config);
        Path rawDir = rawDir(lakeRoot);
        RunReport run = new RunReport("ingest", RunReport.newRunId()).input("raw patent files", rawDir);
        Config settings = config;
        SparkSession spark = run.stage("spark session", () -> Sparks.session(settings, "ingest"));
        try {
            IngestReport report;
            try {
                report = IngestJob.run(spark, config, rawDir, lakeRoot, run);
            } catch (IngestFailedException e) {
                copyReport(e.report());
                System.out.print(e.report().summary());
                throw e;
            }
            copyReport(report);
            System.out.print(report.summary());
            System.out.println("curated: " + report.outputs().get("curated"));
            System.out.println("quarantine: " + report.outputs().get("quarantine"));
            System.out.println("excluded: " + report.outputs().get("excluded"));
            System.out.println("report: " + report.outputs().get("report"));
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** --report FILE: a copy of the run report the job wrote into the lake. */
    private void copyReport(IngestReport report) throws java.io.IOException {
        if (reportFile != null) {
            AtomicFiles.write(reportFile, java.nio.file.Files.readAllBytes(Path.of(report.outputs().get("report"))));
        }
    }
}
