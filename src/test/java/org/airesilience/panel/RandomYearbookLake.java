package org.airesilience.panel;

import org.airesilience.config.Settings;
import org.airesilience.measure.MeasureTables;
import org.airesilience.panel.catalog.Indicator;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.region.RegionGroups;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A random lake with every indicator a bundled panel spec reads (long CSV by Chinese name) and the measure it joins,
 * for tests that need the bundled panels' real columns without ingest or Spark.
 */
public final class RandomYearbookLake {
    public static final List<String> EXCLUDED = List.of("540000", "810000", "820000", "710000");

    private RandomYearbookLake() {
    }

    /** Builds conf/panels/provinces.conf or yangtze-cities.conf on a random lake under {@code lake}. */
    public static PanelResult build(Path lake, Path specFile) throws Exception {
        PanelSpec spec = PanelSpec.load(specFile, EXCLUDED);
        List<Region> regions = PanelBuilder.regions(spec, Gazetteer.load(), RegionGroups.load());
        if (spec.level().equals("province")) writeProvinces(lake, spec, regions);
        else writeYangtze(lake, spec, regions);
        return new PanelBuilder(IndicatorCatalog.fromSettings(Settings.defaults()), RegionGroups.load()).build(spec, lake, Gazetteer.load());
    }

    /** The panel's panel.csv as the panel layer publishes it (PanelOutputs), under {@code dir}. */
    public static Path writeCsv(PanelResult r, Path dir) throws IOException {
        StructType schema = PanelOutputs.schema(r);
        Path csv = dir.resolve("panel.csv");
        Files.createDirectories(dir);
        try (java.io.Writer out = Files.newBufferedWriter(csv)) {
            MeasureTables.csv(schema, PanelOutputs.rows(r, schema), out);
        }
        return csv;
    }

    static void writeProvinces(Path lake, PanelSpec spec, List<Region> regions) throws IOException {
        write(lake, spec, regions, 2005, 2020, "ai_measure", "ai_patents,ai");
    }

    static void writeYangtze(Path lake, PanelSpec spec, List<Region> regions) throws IOException {
        write(lake, spec, regions, 2013, 2023, "text_measure", "tin_count,tin");
        // the text measure's ai column: reuse tin's values under the name ai
        Path m = lake.resolve("curated/text_measure/text_measure.csv");
        List<String> lines = Files.readAllLines(m);
        StringBuilder sb = new StringBuilder(lines.get(0) + ",ai\n");
        for (String l : lines.subList(1, lines.size())) sb.append(l).append(',').append(l.substring(l.lastIndexOf(',') + 1)).append('\n');
        Files.writeString(m, sb.toString());
    }

    static void write(Path lake, PanelSpec spec, List<Region> regions, int from, int to, String measure,
                                  String measureColumns) throws IOException {
        IndicatorCatalog catalog = IndicatorCatalog.fromSettings(Settings.defaults());
        SplittableRandom rnd = new SplittableRandom(4);
        StringBuilder sb = new StringBuilder("地区,年份,指标,数值,单位\n");
        for (Indicator ind : catalog.all()) {
            if (!ind.level().equals(spec.level())) continue;
            for (Region r : regions) {
                for (int y = from; y <= to; y++) {
                    double v = ind.isShare() ? rnd.nextDouble(0.05, 0.95) : ind.max() <= 200 ? rnd.nextDouble(90, 110) : rnd.nextDouble(1, 1000);
                    sb.append(r.shortName()).append(',').append(ind.id().equals("post_offices") ? 1984 : y).append(',')
                            .append(ind.name()).append(',').append(String.format(Locale.ROOT, "%.4f", v)).append(',').append(ind.unit()).append('\n');
                    if (ind.id().equals("post_offices")) break;
                }
            }
            if (ind.id().equals("gdp") || ind.id().equals("industrial_va")) {
                for (int y = from; y <= to; y++) sb.append("全国,").append(y).append(',').append(ind.name()).append(",50000,亿元\n");
            }
            // the national benchmark of study B's location quotient
            if (ind.id().equals("intelligent_mfg_output") || ind.id().equals("industrial_output")) {
                for (int y = from; y <= to; y++) sb.append("全国,").append(y).append(',').append(ind.name()).append(",50000,").append(ind.unit()).append('\n');
            }
        }
        Files.createDirectories(lake.resolve("raw/yearbooks"));
        Files.writeString(lake.resolve("raw/yearbooks/all.csv"), sb.toString());
        Path m = lake.resolve("curated").resolve(measure);
        Files.createDirectories(m);
        StringBuilder ms = new StringBuilder("region_code,region_name,year," + measureColumns + "\n");
        for (Region r : regions) {
            for (int y = from + 1; y <= to; y++) {
                int n = rnd.nextInt(1, 500);
                ms.append(r.code()).append(',').append(r.name()).append(',').append(y).append(',').append(n).append(',')
                        .append(Math.log1p(n)).append('\n');
            }
        }
        Files.writeString(m.resolve(measure + ".csv"), ms.toString());
    }

}
