package org.airesilience.panel;

import org.airesilience.config.Settings;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.region.RegionGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two bundled specs build on a random lake with every indicator they read (long CSV by Chinese name), with the
 * columns the studies name and complete values where the inputs are complete.
 */
class BundledSpecsTest {

    @TempDir
    Path lake;

    @Test
    void provinces() throws Exception {
        PanelSpec spec = PanelSpec.load(Path.of("conf/panels/provinces.conf"), RandomYearbookLake.EXCLUDED);
        List<Region> regions = PanelBuilder.regions(spec, Gazetteer.load(), RegionGroups.load());
        RandomYearbookLake.writeProvinces(lake, spec, regions);
        PanelResult r = new PanelBuilder(IndicatorCatalog.fromSettings(Settings.defaults()), RegionGroups.load()).build(spec, lake, Gazetteer.load());
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
        PanelSpec spec = PanelSpec.load(Path.of("conf/panels/yangtze-cities.conf"), RandomYearbookLake.EXCLUDED);
        List<Region> regions = PanelBuilder.regions(spec, Gazetteer.load(), RegionGroups.load());
        RandomYearbookLake.writeYangtze(lake, spec, regions);
        PanelResult r = new PanelBuilder(IndicatorCatalog.fromSettings(Settings.defaults()), RegionGroups.load()).build(spec, lake, Gazetteer.load());
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
        // the paper's benchmark: the national share (the 全国 rows), not the 28 cities' own total
        assertEquals("national rows of intelligent_mfg_output and industrial_output", r.locationQuotientTotals().get("AGG"));
    }
}
