package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.airesilience.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingests a handful of hand-written files in every format and compression, with broken records of every kind. */
class IngestJobTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static SparkSession spark;
    @TempDir
    static Path dir;
    static Path raw;
    static final int BIG_RECORDS = 50;

    @BeforeAll
    static void setUp() throws IOException {
        spark = Sparks.session(config(0.9), "ingest test");
        raw = dir.resolve("raw");
        writeSources(raw);
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    static Config config(double maxShare) {
        // splits of 256 bytes: the TRS dump and the larger CSV, TSV and JSON files are read by many tasks
        return Settings.load(null, Map.of("spark.master", "local[2]", "spark.conf.\"spark.sql.shuffle.partitions\"", "2",
                "ingest.quarantine.max-share", String.valueOf(maxShare), "ingest.split-size", "256"));
    }

    static void writeSources(Path raw) throws IOException {
        String header = "申请号,申请日,公开（公告）号,公开（公告）日,名称,摘要,主权项,申请（专利权）人,发明（设计）人,地址,国省代码,邮编,主分类号,分类号,专利类型\n";
        String csv = header
                + "CN201710117081.7,2017.03.01,CN106951234A,2017.07.14,一种基于深度学习的图像识别方法,\"本发明公开了<img file=\"\"a.gif\"\" wi=\"\"546\"\" he=\"\"71\"\" />一种方法&amp;系统\",一种方法,深圳市腾讯计算机系统有限公司；北京百度网讯科技有限公司,张三;李四,广东省深圳市南山区科技园,44,518057,G06K 9/62,G06K9/62;G06N3/04,发明专利\n"
                + "201810000001.X,2018.05.06,CN108000001A,2018.11.06,语音识别装置,摘要,主权项,北京某某科技有限公司,王五,北京市海淀区清华园,,100084,G10L15/00,G10L15/00,发明专利\n"
                + ",2018.05.06,CN108000002A,2018.11.06,无申请号,摘要,主权项,某公司,王五,北京市海淀区,11,100084,G10L15/00,G10L15/00,发明专利\n"
                + "CN201810000003.1,2017.13.45,CN108000003A,2018.11.06,日期错误,摘要,主权项,某公司,王五,北京市海淀区,11,100084,G10L15/00,G10L15/00,发明专利\n"
                + "CN201810000004.1,2018.05.06,CN108000004A,2018.11.06,缺列\n"
                + "CN201810000005.1,2018.05.07,CN108000005A,2018.11.07,多行摘要,\"第一行\n第二行\",主权项,某公司,王五,湖南省长沙市岳麓区,43,410000,G06F,G06F,发明专利\n";
        Files.createDirectories(raw.resolve("cnipa"));
        Files.write(raw.resolve("cnipa/export-gbk.csv"), csv.getBytes(GBK));

        String tsv = String.join("\t", "application_number", "application_date", "publication_number", "publication_date",
                "title", "abstract", "applicant", "address", "province_code", "postal_code") + "\n"
                + "2017101170817\t2017-03-01\tCN106951234B\t2018-01-01\t授权文本\t摘要\t腾讯\t广东省深圳市\t44\t518057\n"
                + "CN201710000010.2\t2017-04-01\tCN107000010A\t2017-10-01\t外国\t摘要\tSony\t日本东京都港区\tJP\t\n"
                + "CN201710000011.2\t2017-04-01\tCN107000011A\t2017-10-01\t无地区\t摘要\t张三\t科技园路1号\t\t\n"
                + "CN201710000012.2\t2017-04-01\tCN107000012A\t2017-10-01\t西藏\t摘要\t某公司\t西藏自治区拉萨市城关区\t54\t850000\n"
                + "\n"
                + "CN201710000013.2\t2017/4/1\tCN107000013A\t2017/10/1\t杭州\t摘要\t阿里\t浙江省杭州市余杭区\t\t\n";
        CompressionCodec bzip2 = ReflectionUtils.newInstance(BZip2Codec.class, new Configuration());
        try (OutputStream out = bzip2.createOutputStream(Files.newOutputStream(raw.resolve("patenthub.tsv.bz2")))) {
            out.write(tsv.getBytes(StandardCharsets.UTF_8));
        }

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        jsonl.write(("{\"Application Number\":\"CN201610000020.4\",\"Application Date\":\"20160301\",\"Title\":\"机器人\","
                + "\"Applicant\":[\"包头某公司\",\"呼和浩特某公司\"],\"Address\":\"内蒙古包头市昆都仑区\",\"IPC\":[\"B25J9/16\"]}\n")
                .getBytes(StandardCharsets.UTF_8));
        jsonl.write("{\"application_number\": \"CN2019\n".getBytes(StandardCharsets.UTF_8));
        jsonl.write("{\"application_number\":\"CN201610000022.4\",\"application_date\":\"2016-03-01\",\"title\":\"坏".getBytes(StandardCharsets.UTF_8));
        jsonl.write(new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF});
        jsonl.write("字节\",\"address\":\"上海市\"}\n".getBytes(StandardCharsets.UTF_8));
        jsonl.write("{\"application_number\":\"CN106951234A\",\"application_date\":\"2016-03-01\",\"address\":\"上海市\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(raw.resolve("api.jsonl"), jsonl.toByteArray());

        String trs = "<REC>\n"
                + "<申请号>=CN85100462\n<申请日>=1985.04.01\n<名称>=老专利\n<地址>=上海市浦东新区\n"
                + "<REC>\n"
                + "<申请号>=CN201910000002.3\n<申请日>=2019.1.2\n<摘要>=第一行\n第二行\n<申请（专利权）人>=某公司\n<地址>=湖北省襄樊市\n"
                + "<REC>\n"
                + "一种方法CN201910000003.3\n"
                + "<REC>\n"
                + "<申请号>=CN201710117081.7\n<申请日>=2017.03.01\n<地址>=广东省深圳市\n";
        Files.createDirectories(raw.resolve("trs"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(raw.resolve("trs/dump.trs.gz")))) {
            out.write(trs.getBytes(GBK));
        }
        // an uncompressed dump that the test's small split size cuts into many splits
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < BIG_RECORDS; i++) {
            big.append(String.format("<REC>%n<申请号>=CN20151%07d.1%n<申请日>=2015.06.01%n<地址>=江苏省南京市玄武区%n", i));
        }
        Files.writeString(raw.resolve("trs/big.trs"), big.toString().replace("\r\n", "\n"));
    }

    @Test
    void accountsForEveryRecord() throws IOException {
        Path lake = dir.resolve("lake");
        IngestReport report = IngestJob.run(spark, config(0.9), raw, lake, "run1");
        assertEquals(19 + BIG_RECORDS, report.read());
        assertEquals(report.settingsFiles(), report.toJsonMap().get("settings_files"));
        assertEquals(List.of("configuration", "measure.keywords"),
                report.settingsFiles().stream().map(f -> f.get("setting")).toList());
        assertEquals(7 + BIG_RECORDS, report.accepted());
        assertEquals(2, report.duplicates());
        assertEquals(2, report.excluded());
        assertEquals(8, report.quarantined());
        assertEquals(report.read(), report.accepted() + report.duplicates() + report.excluded() + report.quarantined());
        assertEquals(Map.of("MALFORMED_RECORD", 3L, "MISSING_APPLICATION_NUMBER", 2L, "UNPARSEABLE_DATE", 1L,
                "UNDECODABLE_TEXT", 1L, "UNRESOLVABLE_REGION", 1L), report.byReason());
        assertEquals(Map.of("FOREIGN_APPLICANT", 1L, "EXCLUDED_PROVINCE", 1L), report.excludedByReason());
        assertEquals(Map.of("FOREIGN_APPLICANT", 1L, "EXCLUDED_PROVINCE", 1L),
                report.bySource().get("patenthub.tsv.bz2").excludedByReason());
        IngestReport.SourceCounts gbk = report.bySource().get("cnipa/export-gbk.csv");
        assertEquals("CSV", gbk.format());
        assertEquals("GB18030", gbk.charset());
        assertEquals(6, gbk.read());
        assertEquals(3, gbk.accepted());
        assertEquals("UTF-8", report.bySource().get("api.jsonl").charset());
        assertEquals(1, report.bySource().get("patenthub.tsv.bz2").duplicates());
        assertEquals(1, report.bySource().get("trs/dump.trs.gz").duplicates());
        assertEquals("TRS", report.bySource().get("trs/dump.trs.gz").format());

        JsonNode json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(lake.resolve("reports/ingest-run1.json").toFile());
        assertEquals("succeeded", json.get("status").asText());
        // The run report's common fields: the stages with their wall time, inputs, counts and outputs.
        for (String stage : List.of("list sources", "read and parse", "find duplicates", "write outputs")) {
            assertTrue(json.get("stage_seconds").get(stage).isNumber(), stage);
        }
        assertEquals(raw.toString(), json.get("inputs").get("raw patent files").asText());
        assertEquals(19 + BIG_RECORDS, json.get("counts").get("read").asLong());
        assertEquals(lake.resolve("curated/patents").toString(), json.get("outputs").get("curated").asText());
        assertEquals(19 + BIG_RECORDS, json.get("read").asLong());
        assertEquals(8, json.get("quarantined").asLong());
        assertEquals(2, json.get("excluded").asLong());
        assertEquals(1, json.get("excluded_by_reason").get("FOREIGN_APPLICANT").asLong());
        assertEquals(1, json.get("by_reason").get("UNDECODABLE_TEXT").asLong());
        assertTrue(json.get("by_source").has("patenthub.tsv.bz2"));

        Map<String, Row> curated = new HashMap<>();
        for (Row r : spark.read().parquet(org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/patents")).toString()).collectAsList()) {
            curated.put(r.getAs("application_number"), r);
        }
        assertEquals(7 + BIG_RECORDS, curated.size());
        for (int i = 0; i < BIG_RECORDS; i++) {
            Row r = curated.get(String.format("CN20151%07d", i));
            assertEquals("trs/big.trs", r.getAs("source_file"));
            assertEquals(4L * i + 1, (long) r.getAs("source_line"), "record " + i);
            assertEquals("320100", r.getAs("city"));
        }
        Row first = curated.get("CN201710117081");
        assertEquals("CN106951234A", first.getAs("publication_number"));
        assertEquals("本发明公开了 一种方法&系统", first.getAs("abstract"));
        assertEquals("深圳市腾讯计算机系统有限公司;北京百度网讯科技有限公司", first.getAs("applicant"));
        assertEquals("G06K9/62", first.getAs("ipc_main"));
        assertEquals("440000", first.getAs("province"));
        assertEquals("440300", first.getAs("city"));
        assertEquals(List.of("440000", "110000"), first.getList(first.fieldIndex("applicant_provinces")));
        assertEquals(java.sql.Date.valueOf("2017-03-01"), first.getAs("application_date"));
        assertEquals(2017, (int) first.getAs("application_year"));
        assertEquals("cnipa/export-gbk.csv", first.getAs("source_file"));
        assertEquals(2L, (long) first.getAs("source_line"));
        assertEquals("CN201810000001", curated.get("CN201810000001").getAs("application_number"));
        assertEquals("110100", curated.get("CN201810000001").getAs("city"));
        assertEquals("第一行\n第二行".replace('\n', ' '), curated.get("CN201810000005").getAs("abstract"));
        assertEquals(7L, (long) curated.get("CN201810000005").getAs("source_line"));
        assertEquals("150200", curated.get("CN201610000020").getAs("city"));
        assertEquals("B25J9/16", curated.get("CN201610000020").getAs("ipc"));
        assertEquals("310000", curated.get("CN85100462").getAs("province"));
        Row trs = curated.get("CN201910000002");
        assertEquals("420600", trs.getAs("city"));
        assertEquals(6L, (long) trs.getAs("source_line"));
        assertEquals("第一行 第二行", trs.getAs("abstract"));
        assertEquals(java.sql.Date.valueOf("2019-01-02"), trs.getAs("application_date"));
        assertEquals("330100", curated.get("CN201710000013").getAs("city"));

        List<Row> q = spark.read().json(org.airesilience.lake.LakeTable.currentLocal(lake.resolve("quarantine/patents")).toString()).collectAsList();
        assertEquals(8, q.size());
        Map<String, String> reasonAt = new HashMap<>();
        for (Row r : q) reasonAt.put(r.getAs("source_file") + ":" + r.getAs("source_line"), r.getAs("reason"));
        assertEquals("MISSING_APPLICATION_NUMBER", reasonAt.get("cnipa/export-gbk.csv:4"));
        assertEquals("UNPARSEABLE_DATE", reasonAt.get("cnipa/export-gbk.csv:5"));
        assertEquals("MALFORMED_RECORD", reasonAt.get("cnipa/export-gbk.csv:6"));
        assertEquals("UNRESOLVABLE_REGION", reasonAt.get("patenthub.tsv.bz2:4"));
        assertEquals("MALFORMED_RECORD", reasonAt.get("api.jsonl:2"));
        assertEquals("UNDECODABLE_TEXT", reasonAt.get("api.jsonl:3"));
        assertEquals("MISSING_APPLICATION_NUMBER", reasonAt.get("api.jsonl:4"));
        assertEquals("MALFORMED_RECORD", reasonAt.get("trs/dump.trs.gz:14"));
        for (Row r : q) assertFalse(((String) r.getAs("raw")).isEmpty());

        List<Row> x = spark.read().json(org.airesilience.lake.LakeTable.currentLocal(lake.resolve("excluded/patents")).toString()).collectAsList();
        Map<String, String> exclusionAt = new HashMap<>();
        for (Row r : x) exclusionAt.put(r.getAs("source_file") + ":" + r.getAs("source_line"), r.getAs("reason"));
        assertEquals(Map.of("patenthub.tsv.bz2:3", "FOREIGN_APPLICANT", "patenthub.tsv.bz2:5", "EXCLUDED_PROVINCE"),
                exclusionAt);
        for (Row r : x) assertFalse(((String) r.getAs("raw")).isEmpty());

        IngestReport again = IngestJob.run(spark, config(0.9), raw, lake, "run2");
        assertEquals(report.toJsonMap().get("by_source"), again.toJsonMap().get("by_source"));
        assertEquals(7 + BIG_RECORDS, spark.read().parquet(org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/patents")).toString()).count());
    }

    @Test
    void tooManyQuarantinedRecordsFailTheJobAndLeaveTheCuratedDataAlone() throws IOException {
        Path lake = dir.resolve("strict-lake");
        Path strictRaw = dir.resolve("strict-raw");
        Files.createDirectories(strictRaw);
        Files.copy(raw.resolve("api.jsonl"), strictRaw.resolve("api.jsonl"));
        QuarantineLimitExceededException e = assertThrows(QuarantineLimitExceededException.class,
                () -> IngestJob.run(spark, config(0.2), strictRaw, lake, "strict"));
        assertTrue(e.getMessage().contains("api.jsonl (3 of 4 quarantined"), e.getMessage());
        assertFalse(Files.exists(lake.resolve("curated/patents")));
        assertFalse(Files.exists(lake.resolve("quarantine/patents")), "a failed run publishes nothing");
        JsonNode json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(lake.resolve("reports/ingest-strict.json").toFile());
        assertEquals("failed", json.get("status").asText());
        assertEquals(e.getMessage(), json.get("failure").asText());
        assertEquals(3, json.get("quarantined").asLong());
        // the failed run's quarantine is kept beside its report, for finding out what went wrong
        assertEquals(3, spark.read().json(lake.resolve("reports/ingest-strict-quarantine").toString()).count());
    }
}
