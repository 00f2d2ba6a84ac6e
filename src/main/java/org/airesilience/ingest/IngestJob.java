package org.airesilience.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.airesilience.ingest.format.FieldMapping;
import org.airesilience.ingest.format.LineSourceReader;
import org.airesilience.ingest.format.RawRecord;
import org.airesilience.ingest.format.SourceCharsets;
import org.airesilience.ingest.format.TrsParser;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionResolver;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.Json;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.year;

/**
 * Reads every raw patent file, normalises records into the canonical schema, attributes them to regions,
 * deduplicates on the application number and publishes {@code <lake>/curated/patents} (Parquet, partitioned by
 * {@code application_year}), {@code <lake>/quarantine/patents} (JSON Lines) and the report
 * {@code <lake>/reports/ingest-<run id>.json}.
 *
 * <p>CSV, TSV and JSON Lines files are read one task per file (a quoted CSV field may span lines, so such files
 * cannot be split safely); TRS dumps go through Hadoop's {@link TextInputFormat} with {@code <REC>} as the record
 * delimiter, so large dumps split across executors. Parsing and normalisation are plain Java
 * ({@link LineSourceReader}, {@link TrsParser}, {@link PatentNormalizer}).
 *
 * <p>Duplicates: of the accepted records with the same normalised application number the one kept is the earliest
 * published (records without a publication date last), then the first in source order (source file path, then
 * line). The others count as duplicates of their own source.
 *
 * <p>When more than {@code airesilience.ingest.quarantine.max-share} of the records read are quarantined, the
 * quarantine and the report are still written but the curated patents are left as they were, and the job fails
 * with {@link QuarantineLimitExceededException} naming the worst sources.
 */
public final class IngestJob {
    static final String ACCEPTED = "ACCEPTED";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private static final String[] CANONICAL_COLUMNS = {"application_number", "application_date", "publication_number",
            "publication_date", "title", "abstract", "claims", "applicant", "inventor", "address", "province_code",
            "postal_code", "ipc_main", "ipc", "patent_type", "province", "city", "applicant_provinces"};
    static final StructType OUTCOME_SCHEMA;

    static {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("detail", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("source_file", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("source_line", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("source_offset", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("raw", DataTypes.StringType, true));
        for (String c : CANONICAL_COLUMNS) f.add(DataTypes.createStructField(c, DataTypes.StringType, true));
        OUTCOME_SCHEMA = DataTypes.createStructType(f);
    }

    private IngestJob() {
    }

    /** Ingests with a fresh run id (UTC time stamp). */
    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot) {
        return run(spark, config, rawDir, lakeRoot, RUN_ID.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot, String runId) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<SourceFile> sources = SourceCatalog.list(hadoop, config, rawDir);
        if (sources.isEmpty()) throw new IllegalArgumentException("no raw files under " + rawDir);

        RegionResolver resolver = new RegionResolver(Gazetteer.load(),
                config.getStringList("airesilience.regions.exclude-provinces"));
        Broadcast<PatentNormalizer> normalizer = jsc.broadcast(new PatentNormalizer(resolver));
        Broadcast<FieldMapping> mapping = jsc.broadcast(FieldMapping.of(columnMapping(config)));
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));

        List<SourceFile> lineSources = new ArrayList<>();
        List<SourceFile> trsSources = new ArrayList<>();
        for (SourceFile s : sources) (s.format() == org.airesilience.ingest.format.SourceFormat.TRS ? trsSources : lineSources).add(s);

        JavaRDD<Outcome> outcomes = jsc.parallelize(lineSources, Math.max(1, lineSources.size()))
                .flatMap(s -> readLineSource(s, mapping.value(), normalizer.value(), conf.value().value()));
        if (!trsSources.isEmpty()) {
            outcomes = outcomes.union(readTrs(jsc, hadoop, trsSources, mapping, normalizer));
        }
        JavaRDD<Row> rows = outcomes.map(IngestJob::toRow);
        Dataset<Row> all = spark.createDataFrame(rows, OUTCOME_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return account(spark, config, sources, all, lakeRoot, runId);
        } finally {
            all.unpersist();
        }
    }

    private static IngestReport account(SparkSession spark, Config config, List<SourceFile> sources, Dataset<Row> all,
                                        Path lakeRoot, String runId) {
        Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
        for (Row r : all.groupBy("source_file", "status").count().collectAsList()) {
            statusBySource.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        WindowSpec earliest = Window.partitionBy("application_number").orderBy(col("publication_date").asc_nulls_last(),
                col("source_file"), col("source_line"), col("source_offset"));
        Dataset<Row> ranked = all.filter(col("status").equalTo(ACCEPTED))
                .withColumn("copy", row_number().over(earliest))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> duplicatesBySource = new HashMap<>();
            for (Row r : ranked.filter(col("copy").gt(1)).groupBy("source_file").count().collectAsList()) {
                duplicatesBySource.put(r.getString(0), r.getLong(1));
            }
            Path curated = lakeRoot.resolve("curated").resolve("patents");
            Path quarantine = lakeRoot.resolve("quarantine").resolve("patents");
            Path reportFile = lakeRoot.resolve("reports").resolve("ingest-" + runId + ".json");
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("curated", curated.toString());
            outputs.put("quarantine", quarantine.toString());
            outputs.put("report", reportFile.toString());
            IngestReport report = report(runId, sources, statusBySource, duplicatesBySource,
                    config.getDouble("airesilience.ingest.quarantine.max-share"), outputs);

            publish(quarantine, runId, staged -> all.filter(col("status").notEqual(ACCEPTED))
                    .select(lit(runId).as("run_id"), col("status").as("reason"), col("detail"), col("source_file"),
                            col("source_line"), col("source_offset"), col("raw"))
                    .orderBy("source_file", "source_line", "source_offset")
                    .coalesce(1)
                    .write().json(staged.toUri().toString()));
            Json.writeFile(reportFile, report.toJsonMap());
            if (report.quarantineShareExceeded()) throw new QuarantineLimitExceededException(report);

            publish(curated, runId, staged -> curatedRows(ranked.filter(col("copy").equalTo(1)))
                    .repartition(col("application_year"))
                    .sortWithinPartitions("application_number")
                    .write().partitionBy("application_year").parquet(staged.toUri().toString()));
            return report;
        } finally {
            ranked.unpersist();
        }
    }

    /** The curated schema (CONTRACTS §2), typed. */
    static Dataset<Row> curatedRows(Dataset<Row> accepted) {
        List<Column> cols = new ArrayList<>();
        cols.add(col("application_number"));
        cols.add(to_date(col("application_date")).as("application_date"));
        cols.add(col("publication_number"));
        cols.add(to_date(col("publication_date")).as("publication_date"));
        for (String c : new String[]{"title", "abstract", "claims", "applicant", "inventor", "address", "province_code",
                "postal_code", "ipc_main", "ipc", "patent_type", "province", "city"}) {
            cols.add(col(c));
        }
        cols.add(split(col("applicant_provinces"), ";").as("applicant_provinces"));
        cols.add(col("source_file"));
        cols.add(col("source_line"));
        cols.add(year(to_date(col("application_date"))).as("application_year"));
        return accepted.select(cols.toArray(Column[]::new));
    }

    private static IngestReport report(String runId, List<SourceFile> sources, Map<String, Map<String, Long>> statusBySource,
                                       Map<String, Long> duplicatesBySource, double maxShare, Map<String, String> outputs) {
        Map<String, IngestReport.SourceCounts> bySource = new LinkedHashMap<>();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (QuarantineReason q : QuarantineReason.values()) byReason.put(q.name(), 0L);
        long read = 0, accepted = 0, duplicates = 0, quarantined = 0;
        for (SourceFile s : sources) {
            Map<String, Long> st = statusBySource.getOrDefault(s.name(), Map.of());
            long ok = st.getOrDefault(ACCEPTED, 0L);
            long dup = duplicatesBySource.getOrDefault(s.name(), 0L);
            Map<String, Long> reasons = new LinkedHashMap<>();
            long q = 0;
            for (QuarantineReason reason : QuarantineReason.values()) {
                long n = st.getOrDefault(reason.name(), 0L);
                if (n > 0) reasons.put(reason.name(), n);
                byReason.merge(reason.name(), n, Long::sum);
                q += n;
            }
            bySource.put(s.name(), new IngestReport.SourceCounts(s.format() == null ? "unknown" : s.format().name(),
                    s.charset(), ok + q, ok - dup, dup, q, reasons));
            read += ok + q;
            accepted += ok - dup;
            duplicates += dup;
            quarantined += q;
        }
        return new IngestReport(runId, read, accepted, duplicates, quarantined, bySource, byReason, maxShare, outputs);
    }

    private static Map<String, String> columnMapping(Config config) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.getConfig("airesilience.ingest.columns").root().entrySet()) {
            m.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return m;
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    private static Iterator<Outcome> readLineSource(SourceFile s, FieldMapping mapping, PatentNormalizer normalizer,
                                                    Configuration hadoop) throws IOException {
        if (s.format() == null) {
            return List.of(Outcome.quarantined(s.name(), 1, 0, head(s, hadoop), QuarantineReason.MALFORMED_RECORD,
                    "unknown format: neither the extension nor the content says CSV, TSV, JSON Lines or TRS")).iterator();
        }
        LineSourceReader reader = new LineSourceReader(open(s, hadoop), s.name(), s.format(), Charset.forName(s.charset()), mapping);
        return new Iterator<>() {
            private boolean open = true;

            @Override
            public boolean hasNext() {
                boolean more = reader.hasNext();
                if (!more && open) {
                    open = false;
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return more;
            }

            @Override
            public Outcome next() {
                if (!hasNext()) throw new NoSuchElementException();
                return normalizer.normalize(reader.next());
            }
        };
    }

    private static InputStream open(SourceFile s, Configuration hadoop) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(s.uri());
        FileSystem fs = p.getFileSystem(hadoop);
        CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(p);
        InputStream raw = fs.open(p);
        return codec == null ? raw : codec.createInputStream(raw);
    }

    private static String head(SourceFile s, Configuration hadoop) throws IOException {
        try (InputStream in = open(s, hadoop)) {
            byte[] b = in.readNBytes(200);
            return SourceCharsets.decodeLenient(b, 0, b.length, Charset.forName(s.charset()));
        }
    }

    /**
     * TRS dumps split by {@code <REC>}. Line numbers need the number of line breaks before each split, so a first
     * pass counts them per split; the record's line is the line of its {@code <REC>}.
     */
    private static JavaRDD<Outcome> readTrs(JavaSparkContext jsc, Configuration hadoop, List<SourceFile> trs,
                                            Broadcast<FieldMapping> mapping, Broadcast<PatentNormalizer> normalizer) {
        Configuration c = new Configuration(hadoop);
        c.set("textinputformat.record.delimiter", "<REC>");
        String paths = String.join(",", trs.stream().map(SourceFile::uri).toList());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> records = (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopFile(paths, TextInputFormat.class, LongWritable.class, Text.class, c);

        List<Tuple2<String, long[]>> counts = records.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fs = (FileSplit) split;
            long breaks = 0;
            while (it.hasNext()) {
                Text t = it.next()._2();
                breaks += lineBreaks(t.getBytes(), t.getLength());
            }
            return List.of(new Tuple2<>(fs.getPath().toUri().getPath(), new long[]{fs.getStart(), breaks})).iterator();
        }, true).collect();
        Map<String, Long> linesBefore = new HashMap<>();
        Map<String, List<long[]>> byFile = new HashMap<>();
        counts.forEach(t -> byFile.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2()));
        byFile.forEach((file, splits) -> {
            splits.sort(Comparator.comparingLong(x -> x[0]));
            long before = 0;
            for (long[] s : splits) {
                linesBefore.put(file + "@" + s[0], before);
                before += s[1];
            }
        });
        Map<String, SourceFile> byPath = new HashMap<>();
        for (SourceFile s : trs) byPath.put(new org.apache.hadoop.fs.Path(s.uri()).toUri().getPath(), s);
        Broadcast<Map<String, Long>> bLines = jsc.broadcast(linesBefore);
        Broadcast<Map<String, SourceFile>> bSources = jsc.broadcast(byPath);

        return records.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fs = (FileSplit) split;
            String path = fs.getPath().toUri().getPath();
            SourceFile source = bSources.value().get(path);
            Charset charset = Charset.forName(source.charset());
            CharsetDecoder decoder = SourceCharsets.strictDecoder(charset);
            long[] line = {1 + bLines.value().getOrDefault(path + "@" + fs.getStart(), 0L)};
            FieldMapping m = mapping.value();
            PatentNormalizer n = normalizer.value();
            Stream<Outcome> out = Stream.generate(() -> it.hasNext() ? it.next() : null)
                    .takeWhile(x -> x != null)
                    .map(kv -> {
                        Text t = kv._2();
                        long start = line[0];
                        line[0] += lineBreaks(t.getBytes(), t.getLength());
                        RawRecord r = trsRecord(t, source.name(), start, kv._1().get(), charset, decoder, m);
                        return r == null ? null : n.normalize(r);
                    })
                    .filter(x -> x != null);
            return out.iterator();
        }, true);
    }

    private static RawRecord trsRecord(Text t, String name, long line, long offset, Charset charset,
                                       CharsetDecoder decoder, FieldMapping m) {
        String text;
        try {
            text = SourceCharsets.decode(t.getBytes(), 0, t.getLength(), decoder);
            if (text.indexOf('\uFFFD') >= 0) throw new CharacterCodingException();
        } catch (CharacterCodingException e) {
            String lenient = SourceCharsets.decodeLenient(t.getBytes(), 0, t.getLength(), charset);
            if (lenient.isBlank()) return null;
            return RawRecord.failed(name, line, offset, lenient.strip(), QuarantineReason.UNDECODABLE_TEXT,
                    "bytes not valid " + charset.name());
        }
        return TrsParser.parse(text, name, line, offset, m);
    }

    static long lineBreaks(byte[] b, int length) {
        long n = 0;
        for (int i = 0; i < length; i++) if (b[i] == '\n') n++;
        return n;
    }

    private static Row toRow(Outcome o) {
        return RowFactory.create(o.accepted() ? ACCEPTED : o.reason.name(), o.detail, o.sourceFile, o.sourceLine,
                o.sourceOffset, o.raw, o.applicationNumber, o.applicationDate, o.publicationNumber, o.publicationDate,
                o.title, o.abstractText, o.claims, o.applicant, o.inventor, o.address, o.provinceCode, o.postalCode,
                o.ipcMain, o.ipc, o.patentType, o.province, o.city, o.applicantProvinces);
    }

    // ---- publishing ----------------------------------------------------------------------------------------------

    interface Writer {
        void write(Path staged);
    }

    /** Writes into a hidden staging directory beside {@code target}, then renames it over the old one. */
    static void publish(Path target, String runId, Writer writer) {
        Path staged = target.resolveSibling("." + target.getFileName() + "." + runId + ".staging");
        Path old = target.resolveSibling("." + target.getFileName() + "." + runId + ".old");
        try {
            Files.createDirectories(target.getParent());
            deleteTree(staged);
            writer.write(staged);
            if (Files.exists(target)) {
                AtomicFiles.move(target, old);
            }
            AtomicFiles.move(staged, target);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        } finally {
            try {
                deleteTree(staged);
            } catch (IOException ignored) {
                // best effort: a leftover hidden staging directory is harmless
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
