package org.airesilience.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
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
                        + "<lake>/quarantine/patents and <lake>/excluded/patents (JSON Lines with reason codes), each "
                        + "as <table>/<run id>/ with LATEST naming the current run, and "
                        + "<lake>/reports/ingest-<run id>.json. Outputs are published together, only when the run "
                        + "succeeds. With --incremental only the files new or changed since the published set are read "
                        + "and merged into it (see airesilience.ingest.mode)."})
public final class IngestCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Option(names = "--raw", paramLabel = "DIR", description = "Directory of raw patent files, a path or URI (default: <lake>/raw/patents).")
    String raw;

    @Option(names = "--lake", paramLabel = "DIR_OR_URI", description = "Data-lake root: a path, or a Hadoop file "
            + "system URI such as hdfs://namenode/lake (default: airesilience.lake.root).")
    String lake;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the ingest report JSON here.")
    Path reportFile;

    @Option(names = "--allow-shrink", description = "Publish even when far fewer records than the curated set "
            + "holds would replace it (airesilience.ingest.allow-shrink; limit: airesilience.ingest.shrink-limit).")
    boolean allowShrink;

    @Option(names = "--incremental", description = "Read only the raw files that are new or changed since the "
            + "published curated set (by their checksums in its manifest) and merge them into it "
            + "(airesilience.ingest.mode = incremental); without new or changed files nothing is published.")
    boolean incremental;

    @Override
    public JobPlan plan() {
        Config config = config();
        Lake lakeRoot = lakeRoot(config, Lake.hadoopConfiguration(config));
        String rawDir = rawDir(lakeRoot);
        JobPlan plan = new JobPlan("ingest").input("raw patent files", lakeRoot, rawDir);
        if (lakeRoot.isDirectory(rawDir)) {
            // The same selection (checksums against the manifest), format and charset detection the run starts with.
            org.apache.hadoop.conf.Configuration hadoop = lakeRoot.hadoop();
            SourceSelection selection = IngestJob.select(IngestJob.Options.of(config), hadoop, rawDir,
                    lakeRoot.table(IngestJob.CURATED).current(), false, ProcessedFiles.localHasher(hadoop));
            if (selection.listed.isEmpty()) throw new IllegalArgumentException("no raw files under " + rawDir);
            plan.step(selection.describe());
            if (!selection.nothingToRead()) {
                List<SourceFile> sources = SourceCatalog.describe(hadoop, config, selection.toRead());
                Map<String, Integer> kinds = new TreeMap<>();
                sources.forEach(s -> kinds.merge(s.format() + " " + s.charset(), 1, Integer::sum));
                plan.step("read " + sources.size() + " files " + kinds + ", normalise, attribute regions, drop "
                        + "duplicates; fail when more than "
                        + config.getDouble("airesilience.ingest.quarantine.max-share") + " of the records are quarantined");
            }
        }
        plan.output("curated patents", lakeRoot, IngestJob.CURATED)
                .output("quarantine", lakeRoot, IngestJob.QUARANTINE)
                .output("excluded", lakeRoot, IngestJob.EXCLUDED)
                .output("run report", lakeRoot, RunReport.lakeFile("ingest", "<run id>"));
        if (reportFile != null) plan.output("report copy", reportFile);
        return plan;
    }

    /** The settings with the command line's switches applied. */
    private Config config() {
        Config config = common.config();
        if (allowShrink) {
            config = ConfigFactory.parseMap(Map.of("airesilience.ingest.allow-shrink", true)).withFallback(config);
        }
        if (incremental) {
            config = ConfigFactory.parseMap(Map.of("airesilience.ingest.mode", "incremental")).withFallback(config);
        }
        return config;
    }

    private Lake lakeRoot(Config config, org.apache.hadoop.conf.Configuration hadoop) {
        return lake != null ? Lake.open(lake, config, hadoop) : Lake.open(config, hadoop);
    }

    /** The raw directory as a location: --raw as given, or the lake's raw/patents. */
    private String rawDir(Lake lakeRoot) {
        return raw != null ? Lake.hadoopPath(raw).toString() : lakeRoot.uri("raw/patents");
    }

    @Override
    public Integer call() throws java.io.IOException {
        Config config = config();
        RunReport run = new RunReport("ingest", Lake.newRunId());
        SparkSession spark = run.stage("spark session", () -> Sparks.session(config, "ingest"));
        try {
            Lake lakeRoot = lakeRoot(config, spark.sparkContext().hadoopConfiguration());
            String rawDir = rawDir(lakeRoot);
            IngestReport report;
            try {
                report = IngestJob.run(spark, config, rawDir, lakeRoot, run.input("raw patent files", rawDir));
            } catch (IngestFailedException e) {
                copyReport(lakeRoot, run);
                System.out.print(e.report().summary());
                throw e;
            }
            copyReport(lakeRoot, run);
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
    private void copyReport(Lake lakeRoot, RunReport run) throws java.io.IOException {
        if (reportFile != null) {
            AtomicFiles.write(reportFile, LakeFiles.readOrNull(lakeRoot.fileSystem(),
                    lakeRoot.path(RunReport.lakeFile("ingest", run.runId()))));
        }
    }
}
