package org.airesilience.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.airesilience.econometrics.data.Table;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.expr.Analysis;
import org.airesilience.panel.expr.Parser;
import org.airesilience.panel.yearbook.QuarantinedCell;
import org.airesilience.report.Json;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two bundled panel specs built from the bundled sample's yearbooks ({@code data-lake/raw/yearbooks}) through
 * {@link PanelCommand#build}, the code {@code ./submit.sh panel} runs, against the generator's truth
 * ({@code data-lake/truth/yearbooks}): every variable to 1e-9, the imputed flags, the entropy weights of IR, the
 * imputation log (exactly the removed cells plus the conflicting duplicates, each restored to its intended value), the
 * quarantine (file, sheet, row, column, reason) and the accounting of validation.json.
 *
 * <p>The measures the panels read are written from the truth of the patent and text measures
 * ({@code truth/expected_ai_measure.csv}, {@code truth/expected_text_measure.csv}) with ln(1 + count) recomputed at
 * full precision (those files round it to 6 decimals), not by running ingest and the measure jobs: their equality with
 * the same truth is SampleLakeIntegrationTest's subject, and ingesting the bundled 20,000 patent records alone takes
 * about a minute on two cores. {@code ./submit.sh ingest}, {@code measure}, {@code measure-text} and {@code panel} on
 * a copy of the bundled lake give the same panels (README, Yearbook tables with a known truth).
 */
class BundledSampleTruthTest {
    private static final Path SAMPLE = Path.of("data-lake");
    private static final Path TRUTH = SAMPLE.resolve("truth/yearbooks");
    private static final double TOL = 1e-9;
    private static final Pattern ACROSS_YEARS = Pattern.compile("\\b(lag|lead|growth|bartik|at)\\s*\\(");

    @TempDir
    static Path lake;
    static SparkSession spark;
    static PanelResult provinces;
    static PanelResult cities;

    @BeforeAll
    static void build() throws IOException {
        copy(SAMPLE.resolve("raw/yearbooks"), lake.resolve("raw/yearbooks"));
        writeMeasure(SAMPLE.resolve("truth/expected_ai_measure.csv"), lake.resolve("curated/ai_measure/ai_measure.csv"),
                Map.of("ai", "ai_patents"));
        writeMeasure(SAMPLE.resolve("truth/expected_text_measure.csv"), lake.resolve("curated/text_measure/text_measure.csv"),
                Map.of("tin", "tin_count", "ai", "ai_count"));
        Config config = Settings.load(null, Map.of("spark.master", "local[1]",
                "spark.conf.\"spark.sql.shuffle.partitions\"", "1", "spark.conf.\"spark.ui.enabled\"", "false"));
        spark = Sparks.session(config, "bundled sample panel truth test");
        provinces = PanelCommand.build(spark, config, Path.of("conf/panels/provinces.conf"), lake, "lenient");
        cities = PanelCommand.build(spark, config, Path.of("conf/panels/yangtze-cities.conf"), lake, "lenient");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** The truth measure with each ln(1 + count) column recomputed from its count column at full precision. */
    private static void writeMeasure(Path truth, Path out, Map<String, String> logOfCount) throws IOException {
        Table t = Table.readCsv(truth);
        String[] code = t.text("region_code");
        double[] year = t.numeric("year");
        List<String> columns = List.copyOf(new TreeSet<>(logOfCount.keySet()));
        StringBuilder sb = new StringBuilder("region_code,year");
        for (String c : columns) sb.append(',').append(logOfCount.get(c)).append(',').append(c);
        sb.append('\n');
        for (int i = 0; i < t.rows(); i++) {
            sb.append(code[i]).append(',').append((int) year[i]);
            for (String c : columns) {
                double n = t.numeric(logOfCount.get(c))[i];
                double rounded = t.numeric(c)[i];
                assertEquals(rounded, Math.log1p(n), 5e-7, truth + " row " + (i + 1) + " " + c);
                sb.append(',').append((long) n).append(',').append(Math.log1p(n));
            }
            sb.append('\n');
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
    }

    private static Path folder(PanelResult r) {
        return PanelOutputs.currentFolder(lake, r.spec().name());
    }

    /** CSV rows keyed by region_code|year. */
    private static Map<String, Integer> rowIndex(Table t) {
        String[] code = t.text("region_code");
        double[] year = t.numeric("year");
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < t.rows(); i++) assertEquals(null, out.put(code[i] + "|" + (int) year[i], i), "two rows " + code[i] + " " + year[i]);
        return out;
    }

    /** Every column of the truth (ai_patents, the measure's count, is not a panel column) equals the published panel.csv. */
    private static void assertPanelEqualsTruth(PanelResult r, String truthFile) throws IOException {
        Table want = Table.readCsv(TRUTH.resolve(truthFile));
        Table got = Table.readCsv(folder(r).resolve("panel.csv"));
        assertEquals(want.rows(), got.rows());
        assertEquals(r.rows(), got.rows());
        Map<String, Integer> gotRow = rowIndex(got);
        assertEquals(rowIndex(want).keySet(), gotRow.keySet(), "region-years");
        String[] code = want.text("region_code");
        double[] year = want.numeric("year");
        Set<String> compared = new TreeSet<>();
        for (String col : want.names()) {
            if (col.equals("region_code") || col.equals("year") || col.equals("ai_patents")) continue;
            assertTrue(got.has(col), truthFile + ": the panel has no column " + col);
            compared.add(col);
            boolean numeric = want.isNumeric(col) && got.isNumeric(col);
            for (int i = 0; i < want.rows(); i++) {
                int g = gotRow.get(code[i] + "|" + (int) year[i]);
                String where = r.spec().name() + " " + code[i] + " " + (int) year[i] + " " + col;
                if (!numeric) {
                    assertEquals(want.text(col)[i], got.text(col)[g], where);
                    continue;
                }
                double w = want.numeric(col)[i], v = got.numeric(col)[g];
                if (Double.isNaN(w)) assertTrue(Double.isNaN(v), where + ": expected missing, got " + v);
                else assertEquals(w, v, TOL * Math.max(1, Math.abs(w)), where);
            }
        }
        assertTrue(compared.containsAll(r.variables().keySet()), "the truth covers every variable of the panel");
    }

    @Test
    void provincePanelEqualsTheIntendedValues() throws IOException {
        assertPanelEqualsTruth(provinces, "expected_panel_provinces.csv");
    }

    @Test
    void cityPanelEqualsTheIntendedValues() throws IOException {
        assertPanelEqualsTruth(cities, "expected_panel_yangtze_cities.csv");
        // the policy periods, which the truth does not list: gestation 2014-2020, development 2021-2023
        Table got = Table.readCsv(folder(cities).resolve("panel.csv"));
        double[] year = got.numeric("year");
        for (int i = 0; i < got.rows(); i++) {
            assertEquals(year[i] <= 2020 ? 1 : 0, got.numeric("gestation")[i], "gestation " + year[i]);
            assertEquals(year[i] >= 2021 ? 1 : 0, got.numeric("development")[i], "development " + year[i]);
        }
    }

    @Test
    void entropyWeightsOfIrEqualTheTruth() throws IOException {
        Table want = Table.readCsv(TRUTH.resolve("expected_weights_IR.csv"));
        Table got = Table.readCsv(folder(provinces).resolve("weights_IR.csv"));
        assertEquals(19, want.rows());
        assertEquals(want.rows(), got.rows());
        for (int i = 0; i < want.rows(); i++) {
            assertEquals(want.text("indicator")[i], got.text("indicator")[i]);
            assertEquals(want.text("direction")[i], got.text("direction")[i], want.text("indicator")[i]);
            for (String c : List.of("entropy", "divergence", "weight")) {
                assertEquals(want.numeric(c)[i], got.numeric(c)[i], TOL, want.text("indicator")[i] + " " + c);
            }
        }
    }

    /**
     * The two logs together list exactly the cells the generator removed plus the conflicting duplicates, each
     * interpolated back to its intended value; the removed cells are those of removed_cells.csv.
     */
    @Test
    void imputationLogListsExactlyTheRemovedAndContestedCells() throws IOException {
        Table want = Table.readCsv(TRUTH.resolve("imputed_expected.csv"));
        Map<String, Double> intended = new TreeMap<>();
        Set<String> removed = new TreeSet<>();
        for (int i = 0; i < want.rows(); i++) {
            String key = want.text("region_code")[i] + "|" + (int) want.numeric("year")[i] + "|" + want.text("indicator")[i];
            intended.put(key, want.numeric("value")[i]);
            if (want.text("cause")[i].equals("removed")) removed.add(key);
        }
        Table removedCells = Table.readCsv(TRUTH.resolve("removed_cells.csv"));
        Set<String> written = new TreeSet<>();
        for (int i = 0; i < removedCells.rows(); i++) {
            written.add(removedCells.text("region_code")[i] + "|" + (int) removedCells.numeric("year")[i] + "|"
                    + removedCells.text("indicator")[i]);
        }
        assertEquals(written, removed, "imputed_expected.csv's removed cells are removed_cells.csv");
        JsonNode counts = Json.MAPPER.readTree(TRUTH.resolve("parameters.json").toFile()).get("raw");
        assertEquals(counts.get("removed").asInt(), removed.size());

        Map<String, Double> logged = new TreeMap<>();
        for (PanelResult r : List.of(provinces, cities)) {
            Table log = Table.readCsv(folder(r).resolve("imputation_log.csv"));
            assertEquals(r.imputationLog().size(), log.rows());
            for (int i = 0; i < log.rows(); i++) {
                String key = log.text("region_code")[i] + "|" + (int) log.numeric("year")[i] + "|" + log.text("variable")[i];
                assertEquals("interpolate", log.text("method")[i], key);
                assertEquals(null, logged.put(key, log.numeric("value")[i]), "logged twice: " + key);
            }
            assertTrue(r.notImputed().isEmpty(), r.spec().name() + ": " + r.notImputed());
        }
        assertEquals(intended.keySet(), logged.keySet());
        intended.forEach((key, v) -> assertEquals(v, logged.get(key), TOL * Math.max(1, Math.abs(v)), key));
    }

    /** A variable read only at its own region-year is flagged exactly when one of its inputs there was imputed. */
    @Test
    void imputedFlagsMarkTheRowsOfImputedInputs() throws IOException {
        Set<String> imputedCells = new HashSet<>();
        Table want = Table.readCsv(TRUTH.resolve("imputed_expected.csv"));
        for (int i = 0; i < want.rows(); i++) {
            imputedCells.add(want.text("region_code")[i] + "|" + (int) want.numeric("year")[i] + "|" + want.text("indicator")[i]);
        }
        IndicatorCatalog catalog = IndicatorCatalog.fromSettings(Settings.defaults());
        int flagged = 0, checked = 0;
        for (PanelResult r : List.of(provinces, cities)) {
            Table panel = Table.readCsv(folder(r).resolve("panel.csv"));
            String[] code = panel.text("region_code");
            double[] year = panel.numeric("year");
            // the catalogue indicators each variable reads at its own row, through earlier variables too
            Map<String, Set<String>> reads = new HashMap<>();
            for (Parser.Statement s : r.spec().variables()) {
                Set<String> names = Analysis.of(List.of(s), n -> !n.equals(s.name())).inputs();
                Set<String> indicators = new TreeSet<>();
                boolean sameRow = !ACROSS_YEARS.matcher(s.text()).find();
                for (String n : names) {
                    if (reads.containsKey(n)) {
                        if (reads.get(n) == null) sameRow = false;
                        else indicators.addAll(reads.get(n));
                    } else if (catalog.byId(n) != null) {
                        indicators.add(n);
                    }
                }
                reads.put(s.name(), sameRow ? indicators : null);
            }
            for (Map.Entry<String, Set<String>> e : reads.entrySet()) {
                if (e.getValue() == null) continue;
                double[] flag = panel.numeric(e.getKey() + "_imputed");
                for (int i = 0; i < panel.rows(); i++) {
                    String row = code[i] + "|" + (int) year[i];
                    boolean expected = e.getValue().stream().anyMatch(ind -> imputedCells.contains(row + "|" + ind));
                    assertEquals(expected ? 1.0 : 0.0, flag[i], r.spec().name() + " " + row + " " + e.getKey() + "_imputed");
                    if (expected) flagged++;
                    checked++;
                }
            }
        }
        assertTrue(checked > 5000 && flagged > 100, checked + " flags checked, " + flagged + " set");
    }

    /** Every broken cell is quarantined once, named by file, sheet, row and column, with the generator's reason. */
    @Test
    void quarantineNamesEveryBrokenCell() throws IOException {
        Table want = Table.readCsv(TRUTH.resolve("quarantine_expected.csv"));
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < want.rows(); i++) {
            String sheet = want.text("sheet")[i];
            expected.add(want.text("file")[i] + "|" + (sheet == null ? "" : sheet) + "|" + (int) want.numeric("row")[i] + "|"
                    + want.text("column_name")[i] + "|" + want.text("reason")[i] + "|" + want.text("raw_text")[i]);
        }
        JsonNode counts = Json.MAPPER.readTree(TRUTH.resolve("parameters.json").toFile()).get("raw");
        assertEquals(counts.get("broken").asInt(), expected.size());

        Set<String> got = new TreeSet<>();
        for (PanelResult r : List.of(provinces, cities)) {
            List<String> lines = Files.readAllLines(PanelOutputs.quarantineFile(lake, r.spec().name()));
            assertEquals(r.cells().quarantine().size(), lines.size());
            for (QuarantinedCell q : r.cells().quarantine()) {
                String key = q.file() + "|" + (q.sheet() == null ? "" : q.sheet()) + "|" + q.row() + "|" + q.column() + "|"
                        + q.reason() + "|" + q.raw();
                assertTrue(got.add(key), "quarantined twice: " + key);
            }
        }
        assertEquals(expected, got);
    }

    /**
     * validation.json accounts for every cell read: read = used + quarantined + unused. Both specs read every table
     * (sources = **), so each reads the generator's cells_written (the main sources' value cells) plus one value cell
     * per line of the two supplementary bulletins; the missing marks of the two panels are the removed cells.
     */
    @Test
    void validationAccountsForEveryCellRead() throws IOException {
        JsonNode truth = Json.MAPPER.readTree(TRUTH.resolve("parameters.json").toFile()).get("raw");
        long supplementary = 0;
        for (String f : List.of("provinces/supplementary-bulletins-utf8.csv", "cities/supplementary-bulletins-gbk.csv")) {
            // lines after the header (GBK or UTF-8: counted as bytes, no quoted line breaks in these files)
            byte[] bytes = Files.readAllBytes(SAMPLE.resolve("raw/yearbooks").resolve(f));
            long lines = 0;
            for (int i = 0; i < bytes.length; i++) if (bytes[i] == '\n' && i > 0 && bytes[i - 1] != '\n') lines++;
            supplementary += lines - 1;
        }
        long missingMarks = 0;
        for (PanelResult r : List.of(provinces, cities)) {
            JsonNode cells = Json.MAPPER.readTree(folder(r).resolve("validation.json").toFile()).get("cells");
            long read = cells.get("read").asLong(), used = cells.get("used").asLong();
            long quarantined = cells.get("quarantined").asLong(), unused = cells.get("unused").asLong();
            assertEquals(read, used + quarantined + unused, r.spec().name());
            assertTrue(cells.get("read_equals_used_plus_quarantined_plus_unused").asBoolean());
            assertEquals(r.cells().quarantine().size(), quarantined);
            assertEquals(r.cells().read(), read);
            assertFalse(used == 0, r.spec().name());
            assertEquals(truth.get("cells_written").asLong() + supplementary, read, r.spec().name());
            missingMarks += cells.get("missing_marks").asLong();
            JsonNode imputation = Json.MAPPER.readTree(folder(r).resolve("validation.json").toFile()).get("imputation");
            assertEquals(r.imputationLog().size(), imputation.get("cells").asInt());
        }
        assertEquals(truth.get("removed").asLong(), missingMarks);
    }
}
