package org.airesilience.measure;

import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.airesilience.ingest.IngestJob;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureJobTest {
    private static SparkSession spark;
    /** One lake for the class: each run replaces the previous run's ai_measure, which the runs also exercise. */
    @TempDir
    static Path lake;

    /** The curated patents schema of the ingest stage. */
    static final StructType PATENTS = IngestJob.CURATED_SCHEMA;

    private static int serial;

    static Row patent(int year, String title, String abstractText, String claims, String ipc, String city,
                      String... applicantProvinces) {
        serial++;
        return RowFactory.create("CN" + year + String.format("%08d", serial), Date.valueOf(year + "-03-01"), null, null,
                title, abstractText, claims, "某公司", "张三", "地址", null, null, null, ipc, "发明",
                applicantProvinces[0], city, List.of(applicantProvinces), "raw/a.csv", (long) serial, year);
    }

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("MeasureJobTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
        List<Row> rows = new ArrayList<>();
        // Beijing 2010: two AI patents (one in two categories), one non-AI, one excluded phrase only.
        rows.add(patent(2010, "基于深度学习的图像识别方法", "卷积神经网络", null, "G06N 3/08", "110100", "110000"));
        rows.add(patent(2010, "自动驾驶车辆", "一种ＡＤＡＳ控制器", null, "B60W 30/09", "110100", "110000", "310000"));
        rows.add(patent(2010, "一种座椅", "调节装置", "其中使用神经网络", "A47C 1/00", "110100", "110000"));
        rows.add(patent(2010, "飞机自动驾驶仪", "伺服机构", null, "B64C 13/00", "110100", "110000"));
        // Shanghai 2011: cloud computing, co-applicant in Guangdong.
        rows.add(patent(2011, "云计算资源调度", "MAIN board", null, "G06F 9/50", "310100", "310000", "440000", "440000"));
        // Tibet (excluded) 2012 and a year outside the range.
        rows.add(patent(2012, "语音识别", "", null, "G10L 15/22", "540100", "540000"));
        rows.add(patent(2005, "深度学习", "", null, "G06N 3/08", "110100", "110000"));
        // Hubei 2012: in the claims only; a non-AI patent with only an IPC code.
        rows.add(patent(2012, "一种机械臂", "结构", "采用机器视觉定位", "B25J 9/16", "420100", "420000"));
        rows.add(patent(2012, "一种分析方法", "统计", null, "G06N 3/04", "420100", "420000"));
        spark.createDataFrame(rows, PATENTS).write().partitionBy("application_year")
                .parquet(lake.resolve("curated/patents").toString());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Config config(Map<String, String> overrides) {
        return Settings.load(null, overrides);
    }

    private static Map<String, Row> byKey(Path output) {
        Map<String, Row> m = new java.util.HashMap<>();
        Path current = org.airesilience.lake.LakeTable.currentLocal(output);
        for (Row r : spark.read().parquet(current.resolve(MeasureTables.PARQUET).toString()).collectAsList()) {
            m.put(r.getString(0) + "/" + r.getInt(2), r);
        }
        return m;
    }

    @Test
    void countsFirstApplicantAiPatentsForEveryProvinceYear() throws Exception {
        MeasureJob.MeasureReport report = MeasureJob.run(spark, config(Map.of()), lake, "province", 2009, 2012);
        Path out = org.airesilience.lake.LakeTable.currentLocal(lake.resolve(MeasureJob.OUTPUT));
        assertTrue(report.output().endsWith("/" + out.getFileName()), "the report names the run");
        Dataset<Row> table = spark.read().parquet(out.resolve(MeasureJob.PARQUET).toString());
        assertEquals(List.of("region_code", "region_name", "year", "ai_patents", "deep_learning",
                "speech_recognition", "natural_language_processing", "computer_vision", "intelligent_driving",
                "cloud_computing", "intelligent_robots", "ai"), List.of(table.columns()));
        assertEquals(30 * 4, table.count());
        assertEquals(120, report.rows());
        // The report names the dictionary it matched with (and the configuration file), with their digests.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) report.toMap().get("settings_files");
        Path dictionary = Path.of("conf/keywords.conf").toAbsolutePath().normalize();
        assertEquals(Map.of("setting", "measure.keywords", "path", dictionary.toString(), "sha256",
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(java.nio.file.Files.readAllBytes(dictionary)))), files.get(files.size() - 1));
        assertEquals(Path.of("conf/application.conf").toAbsolutePath().normalize().toString(), files.get(0).get("path"));
        Map<String, Row> rows = byKey(out);
        Row bj = rows.get("110000/2010");
        assertEquals("北京市", bj.getString(1));
        assertEquals(2L, bj.getLong(3));
        assertEquals(1L, bj.getLong(4)); // deep learning
        assertEquals(1L, bj.getLong(7)); // computer vision
        assertEquals(1L, bj.getLong(8)); // intelligent driving (the autopilot is excluded)
        assertEquals(Math.log(3), bj.getDouble(11), 1e-15);
        Row sh = rows.get("310000/2011");
        assertEquals(1L, sh.getLong(3));
        assertEquals(1L, sh.getLong(9));
        // claims are not matched by default, IPC codes alone do not count
        assertEquals(0L, rows.get("420000/2012").getLong(3));
        // zero rows present, ln(1 + 0) = 0
        Row zero = rows.get("650000/2009");
        assertEquals(0L, zero.getLong(3));
        assertEquals(0.0, zero.getDouble(11));
        assertTrue(!rows.containsKey("540000/2012"));
        assertEquals(3.0, report.aiPatents());
        assertEquals(1.0, report.aiPatentsOutsidePanel()); // Tibet
        assertEquals(8, report.patentsScanned());
        // sorted by region, year
        List<Row> ordered = table.collectAsList();
        assertEquals("110000", ordered.get(0).getString(0));
        assertEquals(2009, ordered.get(0).getInt(2));
        assertEquals(2012, ordered.get(3).getInt(2));
        assertEquals("120000", ordered.get(4).getString(0));

        List<String> csv = Files.readAllLines(out.resolve(MeasureJob.CSV));
        assertEquals("region_code,region_name,year,ai_patents,deep_learning,speech_recognition,"
                + "natural_language_processing,computer_vision,intelligent_driving,cloud_computing,"
                + "intelligent_robots,ai", csv.get(0));
        assertEquals(121, csv.size());
        assertTrue(csv.contains("110000,北京市,2010,2,1,0,0,1,1,0,0," + Math.log1p(2)), csv.get(2));
        assertTrue(csv.contains("650000,新疆维吾尔自治区,2009,0,0,0,0,0,0,0,0,0"), String.join("\n", csv));
    }

    @Test
    void fractionalAttributionSplitsAcrossCoApplicants() {
        Path other = lake;
        MeasureJob.MeasureReport report = MeasureJob.run(spark,
                config(Map.of("regions.attribution", "fractional", "measure.match-claims", "true")),
                other, "province", 2010, 2012);
        Map<String, Row> rows = byKey(other.resolve(MeasureJob.OUTPUT));
        // two whole Beijing patents, half of the driving one, and (claims matched) the seat patent's 神经网络
        assertEquals(2.5, rows.get("110000/2010").getDouble(3), 1e-12);
        assertEquals(0.5, rows.get("310000/2010").getDouble(3), 1e-12);
        assertEquals(0.5, rows.get("310000/2010").getDouble(8), 1e-12);
        assertEquals(1.0 / 3, rows.get("310000/2011").getDouble(3), 1e-9);
        assertEquals(2.0 / 3, rows.get("440000/2011").getDouble(9), 1e-9);
        assertEquals(Math.log1p(2.0 / 3), rows.get("440000/2011").getDouble(11), 1e-9);
        // a machine-vision patent in Hubei with the term in its claims only
        assertEquals(1.0, rows.get("420000/2012").getDouble(3), 1e-12);
        assertEquals(5.0, report.aiPatents(), 1e-9);
    }

    @Test
    void ipcCodesCountWhenConfigured() {
        Path other = lake;
        MeasureJob.run(spark, config(Map.of("measure.use-ipc", "or")), other, "province", 2012, 2012);
        Map<String, Row> rows = byKey(other.resolve(MeasureJob.OUTPUT));
        assertEquals(2L, rows.get("420000/2012").getLong(3)); // G06N 3/04 and B25J 9/16
        assertEquals(1L, rows.get("420000/2012").getLong(10));
    }

    @Test
    void cityLevelUsesTheCityColumn() {
        Path other = lake;
        MeasureJob.MeasureReport report = MeasureJob.run(spark, config(Map.of()), other, "city", 2010, 2011);
        Map<String, Row> rows = byKey(other.resolve(MeasureJob.OUTPUT));
        assertEquals(2L, rows.get("110100/2010").getLong(3));
        assertEquals(1L, rows.get("310100/2011").getLong(3));
        assertTrue(report.rows() > 600 && report.rows() % 2 == 0, "rows " + report.rows());
        assertEquals(report.rows(), rows.size());
        assertThrows(IllegalArgumentException.class, () -> MeasureJob.run(spark,
                config(Map.of("regions.attribution", "fractional")), other, "city", 2010, 2011));
    }
}
