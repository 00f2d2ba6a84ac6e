package org.airesilience.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.airesilience.ingest.IngestJob;
import org.airesilience.ingest.IngestReport;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.measure.MeasureJob;
import org.airesilience.measure.TextMeasureJob;
import org.airesilience.region.Gazetteer;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end in local Spark: generate a small lake, ingest it, measure it, and compare every count with the
 * generator's ground truth exactly.
 */
class SampleLakeIntegrationTest {
    private static final double SCALE = 0.002;
    private static final long SEED = 11;
    @TempDir
    static Path lake;
    static SparkSession spark;
    static Config config;
    static GroundTruth truth;
    static IngestReport ingest;

    @BeforeAll
    static void run() {
        config = Settings.load(null, Map.of("spark.master", "local[2]",
                "spark.conf.\"spark.sql.shuffle.partitions\"", "4"));
        truth = new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(config), s -> { }).generate(lake, SCALE, SEED);
        spark = Sparks.session(config, "sample lake integration test");
        ingest = IngestJob.run(spark, config, lake.resolve("raw/patents"), lake, "test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void ingestAccountingEqualsTheTruth() throws IOException {
        assertEquals(ingest.read(), ingest.accepted() + ingest.duplicates() + ingest.excluded() + ingest.quarantined());
        assertEquals(truth.read(), ingest.read());
        assertEquals(truth.accepted(), ingest.accepted());
        assertEquals(truth.duplicates(), ingest.duplicates());
        assertEquals(truth.excluded(), ingest.excluded());
        assertEquals(truth.quarantined(), ingest.quarantined());
        assertEquals(truth.byReason(), nonZero(ingest.byReason()));
        assertEquals(truth.excludedByReason(), nonZero(ingest.excludedByReason()));
        JsonNode expected = Json.MAPPER.readTree(lake.resolve("truth/expected_ingest.json").toFile()).get("by_source");
        assertEquals(expected.size(), ingest.bySource().size());
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String source = it.next();
            IngestReport.SourceCounts got = ingest.bySource().get(source);
            JsonNode want = expected.get(source);
            assertEquals(want.get("read").asLong(), got.read(), source);
            assertEquals(want.get("accepted").asLong(), got.accepted(), source);
            assertEquals(want.get("duplicates").asLong(), got.duplicates(), source);
            assertEquals(want.get("excluded").asLong(), got.excluded(), source);
            assertEquals(want.get("quarantined").asLong(), got.quarantined(), source);
            assertEquals(want.get("charset").asText(), charsetFamily(got.charset()), source);
        }
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v > 0) out.put(k, v);
        });
        return out;
    }

    /** GBK files may be read as GB18030, its superset. */
    private static String charsetFamily(String charset) {
        return charset.equals("GB18030") ? "GBK" : charset;
    }

    @Test
    void provinceMeasureEqualsTheTruth() throws IOException {
        MeasureJob.run(spark, config, lake, "province", 2006, 2020);
        assertSameTable(lake.resolve("truth/expected_ai_measure.csv"), org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/ai_measure")).resolve("ai_measure.csv"));
    }

    @Test
    void cityMeasureEqualsTheTruth() throws IOException {
        MeasureJob.run(spark, config, lake, "city", 2006, 2020);
        assertSameTable(lake.resolve("truth/expected_ai_measure_city.csv"), org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/ai_measure")).resolve("ai_measure.csv"));
    }

    @Test
    void corpusMeasureEqualsTheTruth() throws IOException {
        Path out = lake.resolve("text-measure");
        TextMeasureJob.run(spark, config, lake.resolve("raw/city-text"), lake, out, CityCorpus.FIRST_YEAR,
                CityCorpus.LAST_YEAR, false, "test");
        Map<String, Map<String, String>> want = rows(lake.resolve("truth/expected_text_measure.csv"));
        Map<String, Map<String, String>> got = rows(org.airesilience.lake.LakeTable.currentLocal(out).resolve(TextMeasureJob.CSV));
        assertEquals(want.keySet(), got.keySet());
        want.forEach((key, w) -> w.forEach((col, v) -> {
            if (col.equals("region_name")) return;
            assertEquals(Double.parseDouble(v), Double.parseDouble(got.get(key).get(col)), 1e-6, key + " " + col);
        }));
    }

    /** Every region-year of the expected table has the same counts (and ai to 1e-6) in the produced one. */
    private static void assertSameTable(Path expected, Path produced) throws IOException {
        Map<String, Map<String, String>> want = rows(expected);
        Map<String, Map<String, String>> got = rows(produced);
        assertEquals(want.keySet(), got.keySet(), "region-years");
        long aiPatents = 0;
        for (Map.Entry<String, Map<String, String>> e : want.entrySet()) {
            for (Map.Entry<String, String> c : e.getValue().entrySet()) {
                if (c.getKey().equals("region_name")) continue;
                String value = got.get(e.getKey()).get(c.getKey());
                assertEquals(Double.parseDouble(c.getValue()), Double.parseDouble(value), 1e-6, e.getKey() + " " + c.getKey());
            }
            aiPatents += Long.parseLong(e.getValue().get("ai_patents"));
        }
        assertTrue(aiPatents > 100, "AI patents in the truth: " + aiPatents);
    }

    /** CSV rows keyed by region_code|year, as column to value (values here hold no commas). */
    private static Map<String, Map<String, String>> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], v[i]);
            out.put(row.get("region_code") + "|" + row.get("year"), row);
        }
        return out;
    }
}
