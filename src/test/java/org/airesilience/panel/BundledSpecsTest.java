package org.airesilience.panel;

import org.airesilience.panel.catalog.Indicator;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.region.RegionGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two bundled specs build on a random lake with every indicator they read (long CSV by Chinese name), with the
 * columns the studies name and complete values where the inputs are complete.
 */
class BundledSpecsTest {
    private static final List<String> EXCLUDED = List.of("540000", "810000", "820000", "710000");

    @TempDir
    Path lake;

    private static void writeLake(Path lake, PanelSpec spec, List<Region> regions, int from, int to, String measure,
                                  String measureColumns) throws Exception {
        IndicatorCatalog catalog = IndicatorCatalog.load(null);
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

    @Test
    void provinces() throws Exception {
        PanelSpec spec = PanelSpec.load(Path.of("conf/panels/provinces.conf"), EXCLUDED);
        List<Region> regions = PanelBuilder.regions(spec, Gazetteer.load(), RegionGroups.load());
        writeLake(lake, spec, regions, 2005, 2020, "ai_measure", "ai_patents,ai");
        PanelResult r = new PanelBuilder(IndicatorCatalog.load(null), RegionGroups.load()).build(spec, lake, Gazetteer.load());
        assertEquals(450, r.rows());
        assertTrue(r.cells().quarantine().isEmpty(), () -> r.cells().quarantine().subList(0, 3).toString());
        assertTrue(r.imputationLog().isEmpty());
        for (String v : List.of("IR", "AI", "sagg", "dagg", "imitat", "inno", "mark", "fin", "gov", "edu", "infra", "pergdp", "ivHist")) {
            for (double x : r.values(v)) assertFalse(Double.isNaN(x), v);
        }
        double[] iv = r.values("ivAI");
        for (int i = 0; i < iv.length; i++) assertEquals(r.year(i) == 2006, Double.isNaN(iv[i]), "ivAI row " + i);
        assertEquals(List.of("region3", "municipality", "bb_high", "open_high"), List.copyOf(r.groups().keySet()));
        assertEquals(19, r.weights().get(0).indicators().size());
        assertEquals("national rows of industrial_va and gdp", r.locationQuotientTotals().get("sagg"));
        int east = 0;
        for (String s : r.groups().get("region3").text()) if ("east".equals(s)) east++;
        assertEquals(11 * 16, east); // 11 eastern provinces over the grid years 2005-2020
    }

    @Test
    void yangtzeCities() throws Exception {
        PanelSpec spec = PanelSpec.load(Path.of("conf/panels/yangtze-cities.conf"), EXCLUDED);
        List<Region> regions = PanelBuilder.regions(spec, Gazetteer.load(), RegionGroups.load());
        writeLake(lake, spec, regions, 2013, 2023, "text_measure", "tin_count,tin");
        // the text measure's ai column: reuse tin's values under the name ai
        Path m = lake.resolve("curated/text_measure/text_measure.csv");
        List<String> lines = Files.readAllLines(m);
        StringBuilder sb = new StringBuilder(lines.get(0) + ",ai\n");
        for (String l : lines.subList(1, lines.size())) sb.append(l).append(',').append(l.substring(l.lastIndexOf(',') + 1)).append('\n');
        Files.writeString(m, sb.toString());
        PanelResult r = new PanelBuilder(IndicatorCatalog.load(null), RegionGroups.load()).build(spec, lake, Gazetteer.load());
        assertEquals(280, r.rows());
        assertTrue(r.cells().quarantine().isEmpty());
        for (String v : List.of("AGG", "TIN", "AI", "POS", "NUE", "GRA", "VHT", "RD")) {
            double[] x = r.values(v);
            for (double d : x) assertFalse(Double.isNaN(d), v);
        }
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double d : r.values("POS")) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertEquals(0, min, 1e-15);
        assertEquals(1, max, 1e-15);
        assertEquals("sums over the panel's 28 regions", r.locationQuotientTotals().get("AGG"));
    }
}
