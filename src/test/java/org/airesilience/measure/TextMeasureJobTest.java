package org.airesilience.measure;

import org.airesilience.config.Settings;
import org.airesilience.lake.LakeTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextMeasureJobTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("TextMeasureJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("a.jsonl"), String.join("\n",
                "{\"city\":\"武汉\",\"date\":\"2019-05-03\",\"text\":\"人工智能与大数据，AI产业；云计算和物联网\"}",
                "{\"city\":\"武汉市\",\"date\":\"2019年7月1日\",\"text\":\"发展ＡＩ，MAIN STREET\"}",
                "",
                "{\"city\":\"长沙市\",\"date\":\"2020/01/02\",\"text\":\"物联网\"}",
                "{\"city\":\"长沙\",\"date\":\"2020-13-01\",\"text\":\"物联网\"}",
                "not json at all",
                "{\"city\":\"Atlantis\",\"date\":\"2020-01-01\",\"text\":\"人工智能\"}",
                "{\"city\":\"长沙\",\"date\":\"2010-01-01\",\"text\":\"人工智能\"}",
                "{\"date\":\"2019-01-01\",\"text\":\"人工智能\"}",
                "{\"city\":\"长沙\",\"date\":\"2019-01-01\"}",
                "[1,2]",
                "{\"city\":\"拉萨\",\"date\":\"2019-01-01\",\"text\":\"人工智能\"}") + "\n");
        Files.writeString(corpus.resolve("b.jsonl"),
                "{\"city\":\"360400\",\"date\":2021,\"text\":\"大数据 大数据\"}\n");
        Files.writeString(corpus.resolve(".hidden.jsonl"), "broken\n");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void countsCityYearFrequenciesAndQuarantinesBadLines() throws Exception {
        Path lake = dir.resolve("lake");
        TextMeasureJob.TextMeasureReport r = TextMeasureJob.run(spark, Settings.defaults(), dir.resolve("corpus"),
                lake, null, 2018, 2021, false, "run1");
        assertEquals(13, r.lines());
        assertEquals(4, r.documents());
        assertEquals(1, r.outsideYears());
        assertEquals(1, r.blank());
        assertEquals(7, r.quarantined());
        assertEquals(r.lines(), r.documents() + r.outsideYears() + r.blank() + r.quarantined());
        assertEquals(Map.of("MALFORMED_RECORD", 2L, "UNRESOLVABLE_REGION", 2L, "UNPARSEABLE_DATE", 1L,
                "MISSING_TEXT", 1L, "OUT_OF_SCOPE_REGION", 1L), r.byReason());
        assertEquals(Map.of("tin", 7L, "ai", 3L), r.frequencies());

        Map<String, Row> rows = new HashMap<>();
        Path published = LakeTable.currentLocal(lake.resolve(TextMeasureJob.OUTPUT));
        assertEquals(lake.resolve(TextMeasureJob.OUTPUT).resolve("run1"), published);
        List<Row> all = spark.read().parquet(published.resolve(MeasureTables.PARQUET).toString()).collectAsList();
        all.forEach(row -> rows.put(row.getString(0) + "/" + row.getInt(2), row));
        assertEquals(3 * 4, all.size()); // 九江, 武汉, 长沙 x 2018-2021
        assertEquals("360400", all.get(0).getString(0));
        Row wuhan = rows.get("420100/2019");
        assertEquals("武汉市", wuhan.getString(1));
        assertEquals(2L, wuhan.getLong(3));
        assertEquals(4L, wuhan.getLong(4));
        assertEquals(Math.log(5), wuhan.getDouble(5), 1e-12);
        assertEquals(3L, wuhan.getLong(6));
        assertEquals(Math.log(4), wuhan.getDouble(7), 1e-12);
        assertEquals(1L, rows.get("430100/2020").getLong(4));
        assertEquals(2L, rows.get("360400/2021").getLong(4));
        Row zero = rows.get("430100/2018");
        assertEquals(0L, zero.getLong(3));
        assertEquals(0.0, zero.getDouble(5));

        List<String> csv = Files.readAllLines(published.resolve(TextMeasureJob.CSV));
        assertEquals("region_code,region_name,year,documents,tin_count,tin,ai_count,ai", csv.get(0));
        assertEquals(13, csv.size());

        String quarantine = String.join("\n", spark.read().json(r.quarantine().toString())
                .select("run_id", "source_line", "reason", "detail").collectAsList().stream().map(Row::toString)
                .toList());
        assertTrue(quarantine.contains("[run1,6,MALFORMED_RECORD,not a JSON object]"), quarantine);
        assertTrue(quarantine.contains("[run1,5,UNPARSEABLE_DATE,unparseable date '2020-13-01']"), quarantine);
        assertTrue(quarantine.contains("[run1,7,UNRESOLVABLE_REGION,unknown city 'Atlantis']"), quarantine);
        assertTrue(quarantine.contains("[run1,9,UNRESOLVABLE_REGION,no city]"), quarantine);
        assertTrue(quarantine.contains("[run1,11,MALFORMED_RECORD,not a JSON object]"), quarantine);
        assertTrue(quarantine.contains("[run1,10,MISSING_TEXT,no text]"), quarantine);
        assertTrue(quarantine.contains("[run1,12,OUT_OF_SCOPE_REGION,city 540100 is in an excluded province]"),
                quarantine);
    }

    @Test
    void allCitiesPanelAndSeparateOutputFolder() throws Exception {
        Path lake = dir.resolve("lake");
        Path out = dir.resolve("out");
        TextMeasureJob.TextMeasureReport r = TextMeasureJob.run(spark, Settings.defaults(),
                dir.resolve("corpus/b.jsonl"), lake, out, 2021, 2021, true, "run2");
        assertTrue(r.cities() > 300, "cities " + r.cities());
        assertEquals(r.cities(), r.rows());
        // the previous run's quarantine is replaced, here by an empty one
        assertEquals(lake.resolve(TextMeasureJob.QUARANTINE).resolve("run2"),
                LakeTable.currentLocal(lake.resolve(TextMeasureJob.QUARANTINE)));
        try (var files = Files.list(Path.of(r.quarantine()))) {
            assertEquals(0L, files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .mapToLong(f -> f.toFile().length()).sum());
        }
        assertTrue(Files.isRegularFile(LakeTable.currentLocal(out).resolve(TextMeasureJob.CSV)));
    }

    @Test
    void readsTheYearOfCommonDateForms() {
        assertEquals(2019, TextMeasureJob.year("2019-05-03"));
        assertEquals(2019, TextMeasureJob.year("2019/5/3"));
        assertEquals(2019, TextMeasureJob.year("2019.05"));
        assertEquals(2019, TextMeasureJob.year("2019年5月3日"));
        assertEquals(2019, TextMeasureJob.year("2019年5月"));
        assertEquals(2019, TextMeasureJob.year("2019-05-03T08:00:00+08:00"));
        assertEquals(2019, TextMeasureJob.year("2019"));
        assertNull(TextMeasureJob.year("2019-13-01"));
        assertNull(TextMeasureJob.year("May 2019"));
        assertNull(TextMeasureJob.year("0019-01-01"));
    }
}
