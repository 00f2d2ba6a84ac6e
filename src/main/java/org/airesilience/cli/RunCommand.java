package org.airesilience.cli;

import com.typesafe.config.Config;
import org.airesilience.ingest.IngestJob;
import org.airesilience.ingest.IngestReport;
import org.airesilience.measure.MeasureJob;
import org.airesilience.measure.MeasureTables;
import org.airesilience.measure.TextMeasureJob;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.RunManifest;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The main job: raw dumps in the lake to curated tables, the AI measure and a published, traceable result set. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the study pipeline on a data lake: ingest <lake>/raw/patents, measure AI per region-year,",
                "count keyword frequencies of <lake>/raw/city-text when present, and publish the results with a",
                "manifest under <lake>/results/<run id>/."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--lake", paramLabel = "DIR", description = "Data-lake root (default: airesilience.lake.root).")
    Path lake;

    @Option(names = "--level", description = "province or city (default: airesilience.measure.level).")
    String level;

    @Option(names = "--years", paramLabel = "FROM-TO", description = "Panel years (default: airesilience.measure.years).")
    String years;

    @Option(names = "--run-id", description = "Name of the results folder (default: UTC time stamp).")
    String runId;

    @Override
    public Integer call() throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (lake != null) overrides.put("lake.root", lake.toString());
        if (level != null) overrides.put("measure.level", level);
        if (years != null) overrides.put("measure.years", years);
        Config config = common.config(overrides);
        Path root = Path.of(config.getString("airesilience.lake.root"));
        String lvl = config.getString("airesilience.measure.level");
        int[] span = MeasureTables.parseYears(config.getString("airesilience.measure.years"));
        int[] textSpan = MeasureTables.parseYears(config.getString("airesilience.measure.text-years"));
        String id = runId != null ? runId
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));

        Path results = root.resolve("results");
        Path staging = results.resolve("." + id + ".staging");
        Files.createDirectories(staging);
        RunManifest manifest = new RunManifest(id, "run", config).addInputs(root.resolve("raw"));

        SparkSession spark = Sparks.session(config, "run");
        try {
            IngestReport ingest = IngestJob.run(spark, config, root.resolve("raw/patents"), root, id);
            MeasureJob.MeasureReport measure = MeasureJob.run(spark, config, root, lvl, span[0], span[1]);
            copy(root.resolve(MeasureJob.OUTPUT).resolve(MeasureJob.CSV), staging.resolve("ai_measure.csv"), manifest);
            manifest.put("ingest", ingest).put("measure", measure);
            Path corpus = root.resolve("raw/city-text");
            if (Files.isDirectory(corpus)) {
                manifest.put("text_measure", TextMeasureJob.run(spark, config, corpus, root, null,
                        textSpan[0], textSpan[1], false, id));
                copy(root.resolve(TextMeasureJob.OUTPUT).resolve(TextMeasureJob.CSV), staging.resolve("text_measure.csv"),
                        manifest);
            }
        } finally {
            spark.stop();
        }
        manifest.write(staging.resolve("manifest.json"));
        Path published = results.resolve(id);
        AtomicFiles.move(staging, published);
        AtomicFiles.writeString(results.resolve("LATEST"), id + "\n");
        System.out.println("results published to " + published);
        return 0;
    }

    private static void copy(Path from, Path to, RunManifest manifest) throws IOException {
        Files.copy(from, to);
        manifest.addOutput(to.getFileName().toString(), to.getFileName());
    }
}
