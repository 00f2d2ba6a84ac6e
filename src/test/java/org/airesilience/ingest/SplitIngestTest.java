package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.airesilience.ingest.format.SourceFormat;
import org.airesilience.lake.LakeTable;
import org.airesilience.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV file, a JSON Lines file and a TRS dump larger than one split, with quoted multi-line fields, broken quotes
 * and a TRS record straddling split boundaries, ingest to the same records, duplicates, quarantine (line numbers
 * and offsets) and report with small splits as read whole.
 */
class SplitIngestTest {
    private static final int SPLIT = 4096;
    private static SparkSession spark;
    @TempDir
    static Path dir;
    static Path raw;
    /** Byte ranges of the CSV's multi-line records. */
    static final List<long[]> multiLine = new ArrayList<>();
    static long trsRecordStraddling = -1;

    @BeforeAll
    static void setUp() throws IOException {
        spark = Sparks.session(config(1L << 30), "split ingest test");
        raw = dir.resolve("raw");
        Files.createDirectories(raw);
        writeCsv(raw.resolve("big.csv"));
        writeJsonl(raw.resolve("big.jsonl"));
        writeTrs(raw.resolve("big.trs"));
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    static Config config(long splitSize) {
        return Settings.load(null, Map.of("spark.master", "local[2]", "spark.conf.\"spark.sql.shuffle.partitions\"", "2",
                "ingest.quarantine.max-share", "0.9", "ingest.split-size", String.valueOf(splitSize),
                "ingest.allow-shrink", "true"));
    }

    private static String number(int i) {
        return String.format("CN20161%07d.%d", i, i % 10);
    }

    /**
     * Records of 1 to 5 lines: abstracts with line breaks, commas and doubled quotes, continuation lines that look
     * like records (commas, no application number), broken quotes, bad dates and repeats of earlier applications.
     */
    static void writeCsv(Path file) throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("application_number,application_date,publication_date,title,abstract,applicant,address\n");
        for (int i = 0; i < 400; i++) {
            int n = random.nextInt(10) < 3 ? random.nextInt(200) : i; // some repeat an earlier application
            String date = random.nextInt(25) == 0 ? "2016.13.40" : "2016.0" + (1 + random.nextInt(9)) + ".1" + random.nextInt(10);
            String published = random.nextBoolean() ? "" : "2017.0" + (1 + random.nextInt(9)) + ".01";
            StringBuilder abs = new StringBuilder("\"摘要 " + i);
            int lines = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : 0;
            for (int k = 0; k < lines; k++) {
                abs.append(k % 2 == 0 ? "\n第" + k + "行, 含逗号, \"\"引号\"\", 更多" : "\n, , 续行");
            }
            boolean broken = random.nextInt(40) == 0; // a quote never closed: the reader resyncs at the next record
            abs.append(broken ? "" : "\"");
            long start = csv.toString().getBytes(StandardCharsets.UTF_8).length;
            String title = random.nextInt(60) == 0 ? "标题\uFFFD" : "标题"; // quarantined naming its line
            csv.append(number(n)).append(',').append(date).append(',').append(published).append(',').append(title).append(i)
                    .append(',').append(abs).append(",某公司").append(i % 7).append(",北京市海淀区\n");
            if (lines > 0 && !broken) {
                multiLine.add(new long[]{start, csv.toString().getBytes(StandardCharsets.UTF_8).length});
            }
            if (random.nextInt(30) == 0) csv.append("\n"); // blank lines are not records
        }
        Files.writeString(file, csv);
    }

    static void writeJsonl(Path file) throws IOException {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            json.append(i % 17 == 0 ? "{not json}\n" : "{\"application_number\":\"" + number(i * 3) + "\",\"application_date\":\"2016-05-0"
                    + (1 + i % 9) + "\",\"title\":\"题目" + i + "\",\"address\":\"上海市浦东新区\"}\n");
        }
        Files.writeString(file, json);
    }

    /** TRS records of a few lines, some with a multi-line abstract; one straddles a split boundary. */
    static void writeTrs(Path file) throws IOException {
        StringBuilder trs = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            long start = trs.toString().getBytes(StandardCharsets.UTF_8).length;
            trs.append("<REC>\n<申请号>=").append(number(1000 + i)).append("\n<申请日>=2016.06.01\n");
            if (i % 3 == 0) trs.append("<摘要>=第一行\n第二行\n第三行\n");
            if (i % 29 == 5) trs.append("<申请人>=某公司\n</REC>\n"); // junk line: quarantined naming its line
            trs.append(i % 11 == 0 ? "<地址>=\n" : "<地址>=江苏省南京市玄武区\n");
            long end = trs.toString().getBytes(StandardCharsets.UTF_8).length;
            if (start / SPLIT != (end - 1) / SPLIT && start % SPLIT != 0) trsRecordStraddling = start;
        }
        Files.writeString(file, trs);
    }

    @Test
    void splitsReadWhatOneTaskReads() throws IOException {
        // the files do get split, with multi-line CSV records and a TRS record across split boundaries
        List<SourceFile> sources = SourceCatalog.list(new Configuration(), config(SPLIT), raw);
        List<LineSplits.Split> splits = LineSplits.plan(sources.stream().filter(s -> s.format() != SourceFormat.TRS).toList(),
                SPLIT, new Configuration());
        assertTrue(splits.stream().filter(s -> s.source().name().equals("big.csv")).count() > 10);
        assertTrue(splits.stream().filter(s -> s.source().name().equals("big.jsonl")).count() > 3);
        long straddling = multiLine.stream().filter(r -> r[0] / SPLIT != (r[1] - 1) / SPLIT && r[0] % SPLIT != 0).count();
        assertTrue(straddling >= 5, "multi-line records across a boundary: " + straddling);
        assertTrue(trsRecordStraddling > 0);

        Path whole = dir.resolve("whole");
        Path split = dir.resolve("split");
        IngestReport one = IngestJob.run(spark, config(1L << 30), raw, whole, "one");
        IngestReport many = IngestJob.run(spark, config(SPLIT), raw, split, "many");

        assertEquals(one.toJsonMap().get("by_source"), many.toJsonMap().get("by_source"));
        assertEquals(one.read(), many.read());
        assertEquals(one.accepted(), many.accepted());
        assertEquals(one.duplicates(), many.duplicates());
        assertEquals(one.quarantined(), many.quarantined());
        assertTrue(one.duplicates() > 50 && one.quarantined() > 20, one.toJsonMap().toString());
        assertEquals(one.read(), one.accepted() + one.duplicates() + one.excluded() + one.quarantined());

        same(curated(whole), curated(split));
        same(jsonLines(LakeTable.currentLocal(whole.resolve("quarantine/patents"))),
                jsonLines(LakeTable.currentLocal(split.resolve("quarantine/patents"))));
        same(jsonLines(whole.resolve("excluded/patents")), jsonLines(split.resolve("excluded/patents")));
        // details that name lines name the file's, not the split's: the record's own line first
        List<JsonNode> named = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String q : jsonLines(LakeTable.currentLocal(split.resolve("quarantine/patents")))) {
            JsonNode n = mapper.readTree(q);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("lines? (from )?\\(?(\\d+)")
                    .matcher(n.path("detail").asText());
            if (!m.find()) continue;
            assertEquals(n.get("source_line").asLong(), Long.parseLong(m.group(2)), q);
            named.add(n);
        }
        for (String file : List.of("big.csv", "big.trs")) {
            for (String kind : file.endsWith(".csv") ? List.of("unclosed quote (lines", "replacement characters in line")
                    : List.of("is neither <field>=value")) {
                assertTrue(named.stream().anyMatch(n -> n.get("source_file").asText().equals(file)
                                && n.get("detail").asText().contains(kind) && n.get("source_line").asLong() > 100),
                        file + ": no '" + kind + "' past its first split");
            }
        }
        // a multi-line record is kept whole, with the line it starts on
        assertTrue(curated(split).stream().anyMatch(r -> r.contains("含逗号, \"引号\", 更多")));
    }

    /** Equal lists, else a message with what each has that the other has not. */
    private static void same(List<String> whole, List<String> split) {
        List<String> onlyWhole = new ArrayList<>(whole);
        onlyWhole.removeAll(split);
        List<String> onlySplit = new ArrayList<>(split);
        onlySplit.removeAll(whole);
        assertEquals(whole, split, "only in the single-task read: " + onlyWhole + "\nonly in the split read: " + onlySplit);
    }

    /** The curated rows, one string each, sorted. */
    private static List<String> curated(Path lake) {
        return spark.read().parquet(LakeTable.currentLocal(lake.resolve("curated/patents")).toString()).collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }

    /** The JSON Lines records of an output folder, sorted. */
    private static List<String> jsonLines(Path folder) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(folder)) return lines;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) continue;
                    JsonNode node = mapper.readTree(line);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("run_id");
                    lines.add(node.toString());
                }
            }
        }
        lines.sort(null);
        return lines;
    }
}
