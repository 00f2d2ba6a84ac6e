package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.airesilience.lake.FullDiskFileSystem;
import org.airesilience.report.Json;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad deliveries: every record of a broken file is accepted, quarantined or excluded and counted; a run that must
 * not publish leaves the previous good outputs byte for byte as they were and writes a report marked failed whose
 * message names the file, the line and the reason.
 */
class IngestSafetyTest {
    private static final String HEADER = "申请号,申请日,名称,摘要,地址\n";
    private static SparkSession spark;
    @TempDir
    static Path dir;
    static Path lake;
    static IngestReport good;
    static Map<String, String> goodOutputs;

    @BeforeAll
    static void ingestAGoodDelivery() throws IOException {
        spark = Sparks.session(config(Map.of()), "ingest safety test");
        Path raw = dir.resolve("good-raw");
        writeBrokenButReadable(raw);
        lake = dir.resolve("lake");
        good = IngestJob.run(spark, config(Map.of()), raw, lake, "good");
        goodOutputs = snapshot(lake);
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    static Config config(Map<String, String> settings) {
        Map<String, String> m = new HashMap<>(Map.of("spark.master", "local[2]",
                "spark.conf.\"spark.sql.shuffle.partitions\"", "2"));
        m.putAll(settings);
        return Settings.load(null, m);
    }

    /** A CSV record with a quoted title and abstract: {@code CN<year>1<serial>.1}, filed in Beijing. */
    private static String csvRecord(int year, int serial, String title) {
        return String.format("CN%d1%07d.1,%d.03.01,\"%s\",\"摘要%d\",北京市海淀区\n", year, serial, year, title, serial);
    }

    /** Files that each break in one way but can be read to the end. */
    static void writeBrokenButReadable(Path raw) throws IOException {
        Files.createDirectories(raw);
        // 45 records; the quotes of two titles are never closed: with the quote running on, the first swallowed the
        // records up to the next broken one
        StringBuilder csv45 = new StringBuilder(HEADER);
        for (int i = 1; i <= 45; i++) {
            csv45.append(i == 10 || i == 30
                    ? String.format("CN20161%07d.1,2016.03.01,\"标题%d,摘要,北京市海淀区\n", i, i)
                    : csvRecord(2016, i, "标题" + i));
        }
        Files.writeString(raw.resolve("shape45.csv"), csv45);
        // 7 records; the third's abstract quote is never closed
        StringBuilder csv7 = new StringBuilder(HEADER);
        for (int i = 1; i <= 7; i++) {
            csv7.append(i == 3 ? "CN201710000003.1,2017.03.01,标题,\"摘要没有结束,北京市海淀区\n" : csvRecord(2017, i, "标题" + i));
        }
        Files.writeString(raw.resolve("shape7.csv"), csv7);
        // 8 applications; the fourth has lost its <REC> line; junk after the sixth's last field
        StringBuilder trs = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            if (i != 4) trs.append("<REC>\n");
            trs.append(String.format("<申请号>=CN20151%07d.1\n<申请日>=2015.06.01\n<摘要>=第一行\n第二行\n"
                    + "<地址>=江苏省南京市玄武区\n<专利类型>=发明专利\n", i));
            if (i == 6) trs.append("导出时插入的一行\n");
        }
        Files.writeString(raw.resolve("dump.trs"), trs);
        // a JSON array as exported, one element not an object
        Files.writeString(raw.resolve("export.json"), """
                [
                  {"application_number": "CN201410000001.1", "application_date": "2014-01-01", "address": "上海市浦东新区"},
                  {"application_number": "CN201410000002.1", "application_date": "2014-01-02",
                   "address": "上海市浦东新区"},
                  "not an object",
                  {"application_number": "CN201410000004.1", "application_date": "2014-01-04", "address": "上海市"}
                ]
                """);
    }

    @Test
    void everyRecordOfABrokenFileIsCounted() {
        IngestReport.SourceCounts s45 = good.bySource().get("shape45.csv");
        assertEquals(List.of(45L, 43L, 2L), List.of(s45.read(), s45.accepted(), s45.quarantined()));
        IngestReport.SourceCounts s7 = good.bySource().get("shape7.csv");
        assertEquals(List.of(7L, 6L, 1L), List.of(s7.read(), s7.accepted(), s7.quarantined()));
        IngestReport.SourceCounts trs = good.bySource().get("dump.trs");
        assertEquals(List.of(9L, 8L, 1L), List.of(trs.read(), trs.accepted(), trs.quarantined()),
                "8 applications and one junk line");
        IngestReport.SourceCounts json = good.bySource().get("export.json");
        assertEquals(List.of(4L, 3L, 1L), List.of(json.read(), json.accepted(), json.quarantined()));
        assertEquals(good.read(), good.accepted() + good.duplicates() + good.excluded() + good.quarantined());
        assertEquals(65, good.read());

        Map<String, Row> quarantined = new TreeMap<>();
        for (Row r : spark.read().json(org.airesilience.lake.LakeTable.currentLocal(lake.resolve("quarantine/patents")).toString()).collectAsList()) {
            quarantined.put(r.getAs("source_file") + ":" + r.getAs("source_line"), r);
        }
        assertEquals(List.of("dump.trs:42", "export.json:5", "shape45.csv:11", "shape45.csv:31", "shape7.csv:4"),
                List.copyOf(quarantined.keySet()));
        assertEquals("unclosed quote", quarantined.get("shape45.csv:11").getAs("detail"));
        assertEquals("CN201610000010.1,2016.03.01,\"标题10,摘要,北京市海淀区", quarantined.get("shape45.csv:11").getAs("raw"));
        assertEquals("line 42 is neither <field>=value nor the continuation of a free-text field",
                quarantined.get("dump.trs:42").getAs("detail"));
        assertEquals("导出时插入的一行", quarantined.get("dump.trs:42").getAs("raw"));
        assertEquals("array element is not a JSON object", quarantined.get("export.json:5").getAs("detail"));

        Map<String, Row> curated = new HashMap<>();
        for (Row r : spark.read().parquet(org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/patents")).toString()).collectAsList()) {
            curated.put(r.getAs("application_number"), r);
        }
        assertEquals(60, curated.size());
        assertEquals(22L, (long) curated.get("CN201510000004").getAs("source_line"), "the line of its first field");
        assertEquals(15L, (long) curated.get("CN201510000003").getAs("source_line"), "the line of its <REC>");
        assertEquals("发明专利", curated.get("CN201510000006").getAs("patent_type"), "junk is not glued on");
        assertEquals("第一行\n第二行".replace('\n', ' '), curated.get("CN201510000004").getAs("abstract"));
        assertEquals(3L, (long) curated.get("CN201410000002").getAs("source_line"));
        assertEquals(5L, (long) curated.get("CN201710000004").getAs("source_line"));
    }

    @Test
    void anIngestThatReadsNoRecordsFailsAndKeepsThePreviousOutputs() throws IOException {
        Path raw = dir.resolve("empty-raw");
        Files.createDirectories(raw);
        Files.write(raw.resolve("empty.csv"), new byte[0]);
        Files.writeString(raw.resolve("header.csv"), HEADER);
        IngestFailedException e = assertThrows(IngestFailedException.class,
                () -> IngestJob.run(spark, config(Map.of()), raw, lake, "empty"));
        assertEquals("no record accepted (read 0: 0 duplicates, 0 excluded, 0 quarantined) from 2 files: "
                + "empty.csv (empty file); header.csv (no records in 1 line); " + lake.resolve("curated/patents")
                + " not replaced", e.getMessage());
        assertFailedReport("empty", e.getMessage());
        assertEquals("empty file", e.report().bySource().get("empty.csv").warning());
        assertEquals(goodOutputs, snapshot(lake));
    }

    @Test
    void aSingleUnrecognisedLineIsAnErrorNamingTheFile() throws IOException {
        Path raw = dir.resolve("one-line-raw");
        Files.createDirectories(raw);
        Files.writeString(raw.resolve("one-line.csv"), "hello, world\n");
        IngestFailedException e = assertThrows(IngestFailedException.class,
                () -> IngestJob.run(spark, config(Map.of()), raw, lake, "one-line"));
        assertEquals("one-line.csv line 1: header not recognised: no column names a patent field (2 columns: "
                + "[hello,  world]); name them in airesilience.ingest.columns; nothing published. Replace the file, or "
                + "keep what can be read of it with airesilience.ingest.on-unreadable-file = skip", e.getMessage());
        assertFailedReport("one-line", e.getMessage());
        assertEquals(goodOutputs, snapshot(lake));
    }

    @Test
    void aDrasticallySmallerDeliveryNeedsAnExplicitOption() throws IOException {
        Path raw = dir.resolve("small-raw");
        Files.createDirectories(raw);
        Files.writeString(raw.resolve("small.csv"), HEADER + csvRecord(2019, 1, "一") + csvRecord(2019, 2, "二"));
        IngestFailedException e = assertThrows(IngestFailedException.class,
                () -> IngestJob.run(spark, config(Map.of()), raw, lake, "small"));
        assertEquals("2 records would replace the 60 of " + lake.resolve("curated/patents") + ", fewer than 50% of them"
                + " (airesilience.ingest.shrink-limit); nothing published. Check the raw files, or publish the smaller "
                + "set with --allow-shrink (airesilience.ingest.allow-shrink = true)", e.getMessage());
        assertFailedReport("small", e.getMessage());
        assertEquals(goodOutputs, snapshot(lake));

        Path copy = dir.resolve("shrunk-lake");
        copyTree(lake, copy);
        IngestReport r = IngestJob.run(spark, config(Map.of("ingest.allow-shrink", "true")), raw, copy, "shrunk");
        assertEquals(2, r.accepted());
        assertEquals(2, spark.read().parquet(org.airesilience.lake.LakeTable.currentLocal(copy.resolve("curated/patents")).toString()).count());
        assertFalse(Files.exists(org.airesilience.lake.LakeTable.currentLocal(copy.resolve("quarantine/patents"))
                .resolve("part-00000.json")), "the new run's quarantine is empty");
    }

    @Test
    void aRunOverTheQuarantineLimitPublishesNothing() throws IOException {
        Path raw = dir.resolve("bad-raw");
        Files.createDirectories(raw);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 60; i++) {
            String record = csvRecord(2018, i, "标题");
            csv.append(i % 2 == 0 ? record.replace("2018.03.01", "2018.13.01") : record);
        }
        Files.writeString(raw.resolve("bad-dates.csv"), csv);
        QuarantineLimitExceededException e = assertThrows(QuarantineLimitExceededException.class,
                () -> IngestJob.run(spark, config(Map.of()), raw, lake, "qlimit"));
        assertTrue(e.getMessage().startsWith("50.0% of 60 records quarantined, more than the allowed 20.0%"), e.getMessage());
        assertTrue(e.getMessage().contains("bad-dates.csv (30 of 60 quarantined, 50.0%, mostly UNPARSEABLE_DATE)"));
        assertFailedReport("qlimit", e.getMessage());
        assertEquals(30, spark.read().json(lake.resolve("reports/ingest-qlimit-quarantine").toString()).count());
        assertEquals(goodOutputs, snapshot(lake));
    }

    @Test
    void aTruncatedFileFailsTheRunNamingFileLineAndCause() throws IOException {
        Path raw = dir.resolve("cut-raw");
        Files.createDirectories(raw);
        Files.write(raw.resolve("cut.csv.gz"), truncatedGzip());
        IngestFailedException e = assertThrows(IngestFailedException.class,
                () -> IngestJob.run(spark, config(Map.of()), raw, lake, "cut"));
        assertTrue(e.getMessage().matches("cut\\.csv\\.gz line \\d+: cannot read \\(EOFException: [^)]+\\); nothing "
                + "published.*"), e.getMessage());
        assertFailedReport("cut", e.getMessage());
        assertEquals(goodOutputs, snapshot(lake));
    }

    @Test
    void withSkipTheRecordsBeforeTheDamageAreKeptAndTheFileMarkedDamaged() throws IOException {
        Path raw = dir.resolve("skip-raw");
        Files.createDirectories(raw);
        Files.write(raw.resolve("cut.csv.gz"), truncatedGzip());
        Files.writeString(raw.resolve("long.csv"), HEADER + csvRecord(2019, 1, "一") + csvRecord(2019, 2, "x".repeat(3000))
                + csvRecord(2019, 3, "三"));
        Files.writeString(raw.resolve("unknown"), "just some notes\n");
        StringBuilder trs = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            trs.append(String.format("<REC>\n<申请号>=CN20131%07d.1\n<申请日>=2013.06.01\n<地址>=江苏省南京市玄武区\n", i));
        }
        Files.write(raw.resolve("cut.trs.gz"), truncated(gzip(trs.toString())));
        byte[] bz2 = bzip2(HEADER + csvRecord(2012, 1, "一") + csvRecord(2012, 2, "二"));
        for (int i = bz2.length / 2; i < bz2.length / 2 + 8; i++) bz2[i] ^= 0x55;
        Files.write(raw.resolve("corrupt.csv.bz2"), bz2);
        Path skipLake = dir.resolve("skip-lake");
        IngestReport r = IngestJob.run(spark, config(Map.of("ingest.on-unreadable-file", "skip",
                "ingest.max-line-bytes", "1000")), raw, skipLake, "skip");

        IngestReport.SourceCounts cut = r.bySource().get("cut.csv.gz");
        Matcher m = Pattern.compile("line (\\d+): cannot read \\(EOFException: .+\\)").matcher(cut.damage());
        assertTrue(m.matches(), cut.damage());
        assertTrue(cut.read() > 100, "records before the damage: " + cut.read());
        assertEquals(cut.read(), cut.accepted());
        assertEquals(cut.read() + 2, Long.parseLong(m.group(1)), "the damage is on the line after the header and the records");
        IngestReport.SourceCounts longLine = r.bySource().get("long.csv");
        assertEquals("line 3: line longer than 1000 bytes (airesilience.ingest.max-line-bytes)", longLine.damage());
        assertEquals(1, longLine.read());
        IngestReport.SourceCounts unknown = r.bySource().get("unknown");
        assertTrue(unknown.damage().startsWith("unknown format"), unknown.damage());
        assertEquals(0, unknown.read());
        assertNull(unknown.warning(), "a damaged file needs no second warning");
        IngestReport.SourceCounts cutTrs = r.bySource().get("cut.trs.gz");
        Matcher t = Pattern.compile("line (\\d+): cannot read \\(EOFException: [^)]+\\)").matcher(cutTrs.damage());
        assertTrue(t.matches(), cutTrs.damage());
        assertTrue(cutTrs.read() > 100, "records before the damage: " + cutTrs.read());
        assertEquals(cutTrs.read(), cutTrs.accepted());
        assertEquals(1 + 4 * cutTrs.read(), Long.parseLong(t.group(1)), "the <REC> line after the records read");
        IngestReport.SourceCounts bzip2 = r.bySource().get("corrupt.csv.bz2");
        assertTrue(bzip2.damage().startsWith("line 1: cannot read ("), bzip2.damage());
        assertEquals(0, bzip2.read());
        assertEquals(5, r.damaged().size());
        assertEquals(r.accepted(), spark.read().parquet(org.airesilience.lake.LakeTable.currentLocal(skipLake.resolve("curated/patents")).toString()).count());
        JsonNode json = readJson(skipLake.resolve("reports/ingest-skip.json"));
        assertEquals("succeeded", json.get("status").asText());
        assertEquals(longLine.damage(), json.get("by_source").get("long.csv").get("damaged").asText());
    }

    @Test
    void aLakeInsideTheRawDirectoryOrTheReverseIsRefusedBeforeAnyWork() throws IOException {
        Path raw = dir.resolve("outer-raw");
        Files.createDirectories(raw);
        Path inner = raw.resolve("lake");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, config(Map.of()), raw, inner, "inside"));
        assertTrue(e.getMessage().startsWith("the lake " + inner + " lies inside the raw directory " + raw), e.getMessage());
        assertFalse(Files.exists(inner));
        Path rawInLake = lake.resolve("curated/patents");
        e = assertThrows(IllegalArgumentException.class,
                () -> IngestJob.run(spark, config(Map.of()), rawInLake, lake, "reverse"));
        assertTrue(e.getMessage().startsWith("the raw directory " + rawInLake + " lies inside the lake's output"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IngestJob.run(spark, config(Map.of()), lake, lake, "same"));
        assertTrue(e.getMessage().contains("lies inside the raw directory"), e.getMessage());
        assertFalse(Files.exists(lake.resolve("reports/ingest-reverse.json")));
        assertEquals(goodOutputs, snapshot(lake));
    }

    @Test
    void runFoldersOfKilledRunsAreNeverReadAndTheNextPublicationRemovesThem() throws IOException {
        Path copy = dir.resolve("killed-lake");
        copyTree(lake, copy);
        // what a run killed while writing leaves: its unfinished run folders; the pointers still name the good run
        for (String table : List.of("curated/patents", "quarantine/patents", "excluded/patents")) {
            Path killed = copy.resolve(table).resolve("killed");
            Files.createDirectories(killed);
            Files.writeString(killed.resolve("part-00000.json"), "half written");
            Files.writeString(killed.resolve("_PUBLISHING"), "");
            killed.resolve("_PUBLISHING").toFile().setLastModified(System.currentTimeMillis() - 60_000);
        }
        Path goodCurated = org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated/patents"));
        assertEquals(good.accepted(), spark.read().parquet(org.airesilience.lake.LakeTable.currentLocal(
                copy.resolve("curated/patents")).toString()).count());
        assertEquals(goodCurated.getFileName(),
                org.airesilience.lake.LakeTable.currentLocal(copy.resolve("curated/patents")).getFileName());

        IngestReport again = IngestJob.run(spark, config(Map.of()), dir.resolve("good-raw"), copy, "after-kill");
        assertEquals(good.accepted(), again.accepted());
        for (String table : List.of("curated/patents", "quarantine/patents", "excluded/patents")) {
            assertFalse(Files.exists(copy.resolve(table).resolve("killed")), table);
            assertEquals("after-kill", org.airesilience.lake.LakeTable.currentLocal(copy.resolve(table))
                    .getFileName().toString(), table);
        }
    }

    @Test
    void aWriteTaskThatFailsPublishesNothingAndWritesAFailedReport() throws IOException {
        Path copy = dir.resolve("full-disk-lake");
        copyTree(lake, copy);
        Map<String, String> before = snapshot(copy);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FullDiskFileSystem.install(hadoop, copy);
        try {
            Exception e = assertThrows(Exception.class, () -> IngestJob.run(spark, config(Map.of()),
                    dir.resolve("good-raw"), copy, "full-disk"));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        } finally {
            FullDiskFileSystem.uninstall(hadoop);
        }
        JsonNode report = readJson(copy.resolve("reports/ingest-full-disk.json"));
        assertEquals("failed", report.get("status").asText());
        assertTrue(report.get("failure").asText().contains("No space left on device"), report.toString());
        assertEquals(before, snapshot(copy)); // the run's folders are gone, the good run still published
    }

    private static void assertFailedReport(String runId, String message) throws IOException {
        JsonNode json = readJson(lake.resolve("reports/ingest-" + runId + ".json"));
        assertEquals("failed", json.get("status").asText());
        assertEquals(message, json.get("failure").asText());
        assertFalse(message.contains("\tat "), "no stack trace");
    }

    private static JsonNode readJson(Path file) throws IOException {
        return Json.MAPPER.readTree(file.toFile());
    }

    /** A gzip of 2000 good records cut in the middle of its compressed stream. */
    private static byte[] truncatedGzip() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 2000; i++) csv.append(csvRecord(2020, i, "一种基于深度学习的图像识别方法" + i));
        return truncated(gzip(csv.toString()));
    }

    private static byte[] truncated(byte[] b) {
        return java.util.Arrays.copyOf(b, b.length / 2);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private static byte[] bzip2(String text) throws IOException {
        CompressionCodec codec = ReflectionUtils.newInstance(BZip2Codec.class, new Configuration());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = codec.createOutputStream(b)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    /** Every file of the published outputs (curated, quarantine, excluded) with the SHA-256 of its bytes. */
    static Map<String, String> snapshot(Path lake) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String output : List.of("curated/patents", "quarantine/patents", "excluded/patents")) {
            Path root = lake.resolve(output);
            if (!Files.exists(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files.put(lake.relativize(f).toString(), sha256(Files.readAllBytes(f)));
                }
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
