package org.airesilience.sample;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.region.Gazetteer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = {"Generate a realistic raw data lake with its ground truth.",
                "Writes <lake>/raw/patents/ (CSV in UTF-8 and GBK, gzipped CSV, TSV, JSON Lines, TRS dumps, with a few "
                        + "percent of broken and duplicate records), <lake>/raw/city-text/ (city news corpus, 2014-2023), "
                        + "<lake>/raw/yearbooks/ (statistical-yearbook tables of both studies: CSV and .xlsx) "
                        + "and <lake>/truth/ (what ingest, measure, text-measure and panel must produce).",
                "At scale 1 there are about 2.5 million patent records and ln(1 + AI patents) over 30 provinces x "
                        + "2006-2020 has mean about 5.2, sd about 2.1, range 0 to about 10 (study A, Table 2)."})
public final class GenerateSampleCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "0.01",
            description = "Multiplies record counts (1 = the size of study A's data; default: ${DEFAULT-VALUE}, the bundled sample).")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "20231101",
            description = "Random seed; the same scale and seed give byte-identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lake", paramLabel = "DIR", description = "Data-lake root (default: airesilience.lake.root).")
    Path lake;

    @Override
    public JobPlan plan() {
        Config config = common.config(lake == null ? Map.of() : Map.of("lake.root", lake.toString()));
        Path root = Path.of(config.getString("airesilience.lake.root"));
        KeywordDictionary.load(config);
        if (!(scale > 0)) throw new IllegalArgumentException("--scale must be positive, got " + scale);
        return new JobPlan("generate-sample")
                .step(String.format(Locale.ROOT, "generate about %.0f patent records (scale %s, seed %d) and the city "
                        + "text corpus", 2.5e6 * scale, scale, seed))
                .output("raw files", root.resolve("raw"))
                .output("ground truth", root.resolve("truth"));
    }

    @Override
    public Integer call() {
        Config config = common.config(lake == null ? Map.of() : Map.of("lake.root", lake.toString()));
        Path root = Path.of(config.getString("airesilience.lake.root"));
        long start = System.nanoTime();
        SampleGenerator generator = new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(config), System.err::println);
        GroundTruth truth = generator.generate(root, scale, seed);
        double[] ai = truth.aiMeasureSummary();
        System.out.printf(Locale.ROOT, "generated %d patent records in %s (%.1fs): %d to accept, %d duplicates, "
                        + "%d to exclude %s, %d to quarantine %s%n", truth.read(), root.resolve("raw"),
                (System.nanoTime() - start) / 1e9, truth.accepted(), truth.duplicates(), truth.excluded(),
                truth.excludedByReason(), truth.quarantined(), truth.byReason());
        System.out.printf(Locale.ROOT, "ai = ln(1 + AI patents), 30 provinces x 2006-2020: mean %.3f, sd %.3f, min %.3f, max %.3f%n",
                ai[0], ai[1], ai[2], ai[3]);
        YearbookSample.Summary y = generator.yearbooks();
        System.out.printf(Locale.ROOT, "yearbook tables in %s: %d cells, %d removed (%.1f%%), %d broken %s%n",
                root.resolve("raw/yearbooks"), y.cells(), y.removed(), 100.0 * y.removed() / y.cells(), y.broken(), y.byReason());
        System.out.println("ground truth: " + root.resolve("truth"));
        return 0;
    }
}
