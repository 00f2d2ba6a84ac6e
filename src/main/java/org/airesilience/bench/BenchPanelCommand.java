package org.airesilience.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.distributed.Seeds;
import org.airesilience.panel.PanelBuilder;
import org.airesilience.panel.PanelOutputs;
import org.airesilience.panel.PanelResult;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.panel.yearbook.RegionIndex;
import org.airesilience.region.RegionGroups;
import org.airesilience.report.AtomicFiles;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The panel layer on a synthetic county-level lake: one long CSV of regions x years x indicators (by default
 * 2,800 x 20 x 100 = 5.6 million cells, about 3% of them missing), every indicator a panel variable and an entropy
 * index over 19 of them; prints the wall time of reading, validating, imputing and evaluating, of writing the panel
 * folder, and cells per second.
 */
@Command(name = "panel", mixinStandardHelpOptions = true, description = "Benchmark the panel layer on a synthetic county panel.")
public final class BenchPanelCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Option(names = "--regions", defaultValue = "2800", description = "Regions (counties). Default: ${DEFAULT-VALUE}.")
    int regions;

    @Option(names = "--years", defaultValue = "20", description = "Years. Default: ${DEFAULT-VALUE}.")
    int years;

    @Option(names = "--indicators", defaultValue = "100", description = "Indicators. Default: ${DEFAULT-VALUE}.")
    int indicators;

    @Option(names = "--seed", defaultValue = "20240611", description = "Seed of the synthetic data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the synthetic lake (default: a temporary folder, deleted afterwards).")
    Path work;

    @Override
    public JobPlan plan() {
        common.config();
        if (indicators < 19) throw new IllegalArgumentException("--indicators must be at least 19 (the entropy index uses 19)");
        JobPlan plan = new JobPlan("bench panel").step(String.format(Locale.ROOT, "write a long CSV of %,d cells "
                + "(%d regions x %d years x %d indicators), then time the panel build with an entropy index over 19",
                (long) regions * years * indicators, regions, years, indicators));
        return work != null ? plan.output("work folder", work) : plan;
    }

    @Override
    public Integer call() throws IOException {
        if (indicators < 19) throw new IllegalArgumentException("--indicators must be at least 19 (the entropy index uses 19)");
        Path lake = work != null ? work : Files.createTempDirectory("bench-panel");
        try {
            long g0 = System.nanoTime();
            long cells = writeLake(lake);
            double genSeconds = (System.nanoTime() - g0) / 1e9;
            System.out.printf(Locale.ROOT, "synthetic lake: %,d cells (%,d regions x %d years x %d indicators), long CSV of %,d MB, written in %.1f s%n",
                    cells, regions, years, indicators, Files.size(lake.resolve("raw/yearbooks/counties.csv")) >> 20, genSeconds);

            IndicatorCatalog catalog = IndicatorCatalog.parse(ConfigFactory.parseString(catalogue()), "bench catalogue");
            PanelSpec spec = PanelSpec.parse(ConfigFactory.parseString(spec()), "bench spec", List.of());
            Config config = common.config();
            SparkSession spark = Sparks.session(config, "bench-panel");
            try {
                long t0 = System.nanoTime();
                PanelResult r = new PanelBuilder(catalog, RegionGroups.load()).build(spec, lake, new Counties(regions));
                double build = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                org.airesilience.lake.Lake published = org.airesilience.lake.Lake.open(lake.toString(), config,
                        spark.sparkContext().hadoopConfiguration());
                PanelOutputs.writeQuarantine(r, published);
                PanelOutputs.publish(r, published, org.airesilience.lake.Lake.newRunId(), "lenient", spark);
                double write = (System.nanoTime() - t1) / 1e9;
                double total = build + write;
                System.out.printf(Locale.ROOT, "cells: %,d read = %,d used + %,d quarantined + %,d unused; %,d imputed%n",
                        r.cells().read(), r.cells().used(), r.cells().quarantine().size(), r.cells().unused(), r.imputationLog().size());
                System.out.printf(Locale.ROOT, "read, validate, impute, evaluate: %.2f s (%,.0f cells/s)%n", build, cells / build);
                System.out.printf(Locale.ROOT, "write panel.csv, parquet/ (%,d rows x %d columns) and reports: %.2f s%n",
                        r.rows(), PanelOutputs.schema(r).size(), write);
                System.out.printf(Locale.ROOT, "panel wall time: %.2f s, %,.0f cells/s (target: under 30 s on 2 cores)%n", total, cells / total);
            } finally {
                spark.stop();
            }
        } finally {
            if (work == null) AtomicFiles.deleteRecursively(lake);
        }
        return 0;
    }

    private String id(int j) {
        return String.format(Locale.ROOT, "x%03d", j + 1);
    }

    private String catalogue() {
        StringBuilder sb = new StringBuilder("units { 亿元 { 万元 = 1.0e-4 } }\nindicators = [\n");
        for (int j = 0; j < indicators; j++) {
            sb.append("{ id = ").append(id(j)).append(", name = 指标").append(j + 1).append(", unit = 亿元, min = 0, level = any }\n");
        }
        return sb.append("]\n").toString();
    }

    private String spec() {
        StringBuilder v = new StringBuilder();
        for (int j = 0; j < indicators; j++) v.append("v").append(id(j)).append(" = ").append(id(j)).append('\n');
        v.append("idx = ln(entropy(");
        for (int j = 0; j < 19; j++) v.append(j > 0 ? ", " : "").append(id(j)).append(j % 4 == 3 ? '-' : '+');
        v.append("))\n");
        return "name = bench-counties\nlevel = province\nyears = \"2001-" + (2000 + years) + "\"\n"
                + "variables = \"\"\"\n" + v + "\"\"\"\n";
    }

    /** regions x years x indicators rows: 地区, 年份, 指标, 数值, 单位; about 3% of the values missing. */
    private long writeLake(Path lake) throws IOException {
        Path dir = lake.resolve("raw/yearbooks");
        Files.createDirectories(dir);
        SplittableRandom rnd = Seeds.stream(seed, "bench-panel", 0);
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("counties.csv"), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            w.write("地区,年份,指标,数值,单位\n");
            StringBuilder line = new StringBuilder(64);
            for (int r = 0; r < regions; r++) {
                String region = Counties.code(r);
                for (int j = 0; j < indicators; j++) {
                    String ind = "指标" + (j + 1);
                    double level = 10 + rnd.nextDouble() * 1000;
                    for (int t = 0; t < years; t++) {
                        level *= 1 + rnd.nextDouble(-0.05, 0.15);
                        line.setLength(0);
                        line.append(region).append(',').append(2001 + t).append(',').append(ind).append(',');
                        // interior gaps only where the neighbours are kept, so every series has values
                        if (t == 0 || t == years - 1 || rnd.nextInt(100) >= 3) {
                            line.append(Math.round(level * 100) / 100.0);
                        }
                        line.append(",亿元\n");
                        w.append(line);
                        n++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic lake", e);
        }
        return n;
    }

    /** Synthetic counties C0001, C0002, ... (not in the gazetteer). */
    static final class Counties implements RegionIndex {
        private final List<String> codes = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        Counties(int n) {
            for (int i = 0; i < n; i++) {
                codes.add(code(i));
                index.put(code(i), i);
            }
        }

        static String code(int i) {
            return String.format(Locale.ROOT, "C%04d", i + 1);
        }

        @Override
        public List<String> codes() {
            return codes;
        }

        @Override
        public List<String> names() {
            return codes;
        }

        @Override
        public Match match(String cell) {
            Integer i = index.get(cell);
            return i == null ? Match.UNKNOWN : new Match(Kind.PANEL, i, cell);
        }
    }
}
