package org.airesilience.sample;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.config.Settings;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.report.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole sample at the tiny scales the ingest and cluster tests use: so few AI patents that whole years have none,
 * and the Bartik growth of the year after is undefined. The yearbook truth is finite wherever it is defined (ivAI is
 * missing exactly in 2006 and after a year without AI patents, as the panel's bartik() leaves it), and the raw tables
 * keep the invariants {@link YearbookSampleTest} checks at a usual scale.
 */
class SmallScaleYearbookTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "scale {0}, seed {1}")
    @CsvSource({"0.0005, 3", "0.0001, 3"})
    void yearbookTruthIsFiniteAndTheRawTablesKeepTheirInvariants(double scale, long seed) throws IOException {
        Path lake = dir.resolve("lake");
        SampleGenerator generator = new SampleGenerator(YearbookSampleTest.gazetteer,
                KeywordDictionary.load(Settings.defaults()), s -> { });
        generator.generate(lake, scale, seed);
        Path raw = lake.resolve("raw/yearbooks"), truth = lake.resolve("truth/yearbooks");

        List<String[]> provinces = YearbookSampleTest.csv(truth.resolve("expected_panel_provinces.csv"), StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(provinces.get(0));
        int year = header.indexOf("year"), patents = header.indexOf("ai_patents"), ivAI = header.indexOf("ivAI");
        Map<Integer, Long> national = new HashMap<>();
        for (String[] r : provinces.subList(1, provinces.size())) national.merge(Integer.parseInt(r[year]), Long.parseLong(r[patents]), Long::sum);
        List<Integer> withoutBartik = new ArrayList<>();
        for (int y = ProvinceEconomy.FIRST; y <= ProvinceEconomy.LAST; y++) {
            if (y == ProvinceEconomy.FIRST || national.get(y - 1) == 0) withoutBartik.add(y);
        }
        // the case this test is about: a year after one without any AI patents
        assertTrue(withoutBartik.size() > 1, "years without ivAI " + withoutBartik);
        allFinite(provinces, "expected_panel_provinces.csv", (r, k) -> k == ivAI && withoutBartik.contains(Integer.parseInt(r[year])));
        for (String f : List.of("expected_panel_yangtze_cities.csv", "latent_provinces.csv", "expected_weights_IR.csv")) {
            allFinite(YearbookSampleTest.csv(truth.resolve(f), StandardCharsets.UTF_8), f, (r, k) -> false);
        }
        JsonNode parameters = Json.MAPPER.readTree(truth.resolve("parameters.json").toFile());
        noNullOrNonFinite(parameters, "parameters.json");
        assertTrue(parameters.get("provinces").get("endogeneity").get("sd_u").asDouble() > 0);

        YearbookSample.Summary summary = generator.yearbooks();
        Map<String, Double> cells = YearbookSampleTest.readRawCells(raw);
        YearbookSampleTest.everyQuarantineReasonIsPresentAndWhereTheTruthSays(raw, truth, summary);
        YearbookSampleTest.removedCellsAreRestorableByInterpolation(cells, truth, summary);
        YearbookSampleTest.panelsRebuiltWithInterpolationEqualTheTruth(cells, truth, dir);
        YearbookSampleTest.presentCellsReadBackAsTheirIntendedValues(cells, truth);
    }

    private interface MayBeMissing {
        boolean test(String[] row, int column);
    }

    /** Every cell is present, and a finite number where it is a number; missing only where {@code missing} allows. */
    private static void allFinite(List<String[]> rows, String file, MayBeMissing missing) {
        String[] header = rows.get(0);
        assertTrue(rows.size() > 1, file);
        for (String[] r : rows.subList(1, rows.size())) {
            assertEquals(header.length, r.length, file + " " + String.join(",", r));
            for (int k = 0; k < r.length; k++) {
                String where = file + " " + header[k] + " in " + r[0] + "," + r[1];
                if (missing.test(r, k)) {
                    assertEquals("", r[k], where + " should be missing");
                    continue;
                }
                assertFalse(r[k].isEmpty(), where + " is missing");
                Double v = number(r[k]);
                if (v != null) assertTrue(Double.isFinite(v), where + " = " + r[k]);
            }
        }
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void noNullOrNonFinite(JsonNode node, String path) {
        assertFalse(node.isNull(), path + " is null");
        if (node.isNumber()) assertTrue(Double.isFinite(node.asDouble()), path + " = " + node);
        node.fields().forEachRemaining(e -> noNullOrNonFinite(e.getValue(), path + "." + e.getKey()));
        for (int i = 0; node.isArray() && i < node.size(); i++) noNullOrNonFinite(node.get(i), path + "[" + i + "]");
    }
}
