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
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Path;
import java.sql.Date;
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
import static org.apache.spark.sql.functions.row_number;

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
 * line). The others count as duplicates of their own source. The parsed records stay in memory (spilling to disk)
 * between passes; only application numbers and the fields that decide the kept copy are shuffled, never the text.
 *
 * <p>When more than {@code airesilience.ingest.quarantine.max-share} of the records read are quarantined, the
 * quarantine and the report are still written but the curated patents are left as they were, and the job fails
 * with {@link QuarantineLimitExceededException} naming the worst sources.
 */
public final class IngestJob {
    static final String ACCEPTED = "ACCEPTED";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** The curated patents: one row per kept application, partitioned by application year. */
    public static final StructType CURATED_SCHEMA = new StructType()
            .add("application_number", DataTypes.StringType, false)
            .add("application_date", DataTypes.DateType, false)
            .add("publication_number", DataTypes.StringType)
            .add("publication_date", DataTypes.DateType)
            .add("title", DataTypes.StringType)
            .add("abstract", DataTypes.StringType)
            .add("claims", DataTypes.StringType)
            .add("applicant", DataTypes.StringType)
            .add("inventor", DataTypes.StringType)
            .add("address", DataTypes.StringType)
            .add("province_code", DataTypes.StringType)
            .add("postal_code", DataTypes.StringType)
            .add("ipc_main", DataTypes.StringType)
            .add("ipc", DataTypes.StringType)
            .add("patent_type", DataTypes.StringType)
            .add("province", DataTypes.StringType)
            .add("city", DataTypes.StringType)
            .add("applicant_provinces", DataTypes.createArrayType(DataTypes.StringType))
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false)
            .add("application_year", DataTypes.IntegerType, false);

    static final StructType QUARANTINE_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType)
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false)
            .add("source_offset", DataTypes.LongType, false)
            .add("raw", DataTypes.StringType);

    /**
     * Free-text columns are almost all distinct, so Parquet's dictionary encoding would only be built to be thrown
     * away; it stays on for the region, type and date columns.
     */
    private static final List<String> WITHOUT_DICTIONARY = List.of("application_number", "publication_number", "title",
            "abstract", "claims", "applicant", "inventor", "address", "ipc", "source_line");

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
        // Kept as objects for the later passes (counts, duplicate keys, the two writes), one list per partition: the
        // block manager sizes what it caches by walking it, once per list instead of at every 10% growth of a
        // partition's records.
        JavaRDD<List<Outcome>> parsed = outcomes.glom().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return publish(spark, config, sources, parsed.flatMap(List::iterator), lakeRoot, runId);
        } finally {
            parsed.unpersist(false);
        }
    }

    private static IngestReport publish(SparkSession spark, Config config, List<SourceFile> sources,
                                        JavaRDD<Outcome> outcomes, Path lakeRoot, String runId) {
        StatusCounts statusBySource = outcomes.aggregate(new StatusCounts(), StatusCounts::add, StatusCounts::merge);
        Dataset<Row> duplicates = duplicates(spark, outcomes).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> duplicatesBySource = new HashMap<>();
            for (Row r : duplicates.groupBy("source_file").count().collectAsList()) {
                duplicatesBySource.put(r.getString(0), r.getLong(1));
            }
            Path curated = lakeRoot.resolve("curated").resolve("patents");
            Path quarantine = lakeRoot.resolve("quarantine").resolve("patents");
            Path reportFile = lakeRoot.resolve("reports").resolve("ingest-" + runId + ".json");
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("curated", curated.toString());
            outputs.put("quarantine", quarantine.toString());
            outputs.put("report", reportFile.toString());
            IngestReport report = report(runId, sources, statusBySource.bySource, duplicatesBySource,
                    config.getDouble("airesilience.ingest.quarantine.max-share"), outputs);

            // Quarantined records are few: one task gathers them in source order.
            JavaRDD<Row> quarantined = outcomes.filter(o -> !o.accepted()).map(o -> RowFactory.create(runId,
                    o.reason.name(), o.detail, o.sourceFile, o.sourceLine, o.sourceOffset, o.raw));
            AtomicFiles.publishDirectory(quarantine, staged -> spark.createDataFrame(quarantined, QUARANTINE_SCHEMA)
                    .coalesce(1)
                    .sortWithinPartitions("source_file", "source_line", "source_offset")
                    .write().json(staged.toUri().toString()));
            Json.writeFile(reportFile, report.toJsonMap());
            if (report.quarantineShareExceeded()) throw new QuarantineLimitExceededException(report);

            // One write task per core: each task opens a file per year, so fewer tasks make fewer, larger files.
            int writers = Math.min(outcomes.getNumPartitions(), spark.sparkContext().defaultParallelism());
            JavaRDD<Row> kept = withoutDuplicates(outcomes, duplicates).coalesce(writers).map(IngestJob::curatedRow);
            AtomicFiles.publishDirectory(curated, staged -> {
                DataFrameWriter<Row> writer = spark.createDataFrame(kept, CURATED_SCHEMA).write();
                for (String c : WITHOUT_DICTIONARY) writer = writer.option("parquet.enable.dictionary#" + c, "false");
                writer.partitionBy("application_year").parquet(staged.toUri().toString());
            });
            return report;
        } finally {
            duplicates.unpersist();
        }
    }

    /** What decides which copy of an application is kept, and where the copy sits in the parsed records. */
    private static final StructType COPY_SCHEMA = new StructType()
            .add("application_number", DataTypes.StringType, false)
            .add("publication_date", DataTypes.StringType)
            .add("source_file", DataTypes.StringType, false)
            .add("source_line", DataTypes.LongType, false)
            .add("source_offset", DataTypes.LongType, false)
            .add("partition", DataTypes.IntegerType, false)
            .add("ordinal", DataTypes.LongType, false);

    /**
     * The accepted records that are not kept: of each application's copies all but the earliest published (no
     * publication date last), then first in source order. Only these key columns are shuffled, never the text.
     */
    static Dataset<Row> duplicates(SparkSession spark, JavaRDD<Outcome> outcomes) {
        JavaRDD<Row> copies = outcomes.mapPartitionsWithIndex((partition, it) -> {
            List<Row> out = new ArrayList<>();
            for (long ordinal = 0; it.hasNext(); ordinal++) {
                Outcome o = it.next();
                if (o.accepted()) {
                    out.add(RowFactory.create(o.applicationNumber, o.publicationDate, o.sourceFile, o.sourceLine,
                            o.sourceOffset, partition, ordinal));
                }
            }
            return out.iterator();
        }, true);
        WindowSpec keptFirst = Window.partitionBy("application_number").orderBy(col("publication_date").asc_nulls_last(),
                col("source_file"), col("source_line"), col("source_offset"));
        return spark.createDataFrame(copies, COPY_SCHEMA)
                .withColumn("copy", row_number().over(keptFirst))
                .where(col("copy").gt(1))
                .select("source_file", "partition", "ordinal");
    }

    /** The accepted records less the duplicates, which are sent back to the partition they came from. */
    static JavaRDD<Outcome> withoutDuplicates(JavaRDD<Outcome> outcomes, Dataset<Row> duplicates) {
        JavaPairRDD<Integer, Long> dropped = duplicates.toJavaRDD()
                .mapToPair(r -> new Tuple2<>(r.<Integer>getAs("partition"), r.<Long>getAs("ordinal")))
                .partitionBy(new HashPartitioner(outcomes.getNumPartitions()));
        return outcomes.zipPartitions(dropped, (records, drop) -> {
            List<Long> ordinals = new ArrayList<>();
            drop.forEachRemaining(t -> ordinals.add(t._2()));
            long[] skip = ordinals.stream().mapToLong(Long::longValue).sorted().toArray();
            List<Outcome> out = new ArrayList<>();
            int next = 0;
            for (long ordinal = 0; records.hasNext(); ordinal++) {
                Outcome o = records.next();
                if (next < skip.length && skip[next] == ordinal) {
                    next++;
                } else if (o.accepted()) {
                    out.add(o);
                }
            }
            return out.iterator();
        });
    }

    private static Row curatedRow(Outcome o) {
        return RowFactory.create(o.applicationNumber, Date.valueOf(o.applicationDate), o.publicationNumber,
                o.publicationDate == null ? null : Date.valueOf(o.publicationDate), o.title, o.abstractText, o.claims,
                o.applicant, o.inventor, o.address, o.provinceCode, o.postalCode, o.ipcMain, o.ipc, o.patentType,
                o.province, o.city, o.applicantProvinces == null ? null : o.applicantProvinces.split(";"),
                o.sourceFile, o.sourceLine, Integer.parseInt(o.applicationDate.substring(0, 4)));
    }

    /** Records per source file and status ({@link #ACCEPTED} or a quarantine reason). */
    static final class StatusCounts implements Serializable {
        final Map<String, Map<String, Long>> bySource = new TreeMap<>();

        StatusCounts add(Outcome o) {
            bySource.computeIfAbsent(o.sourceFile, k -> new TreeMap<>())
                    .merge(o.accepted() ? ACCEPTED : o.reason.name(), 1L, Long::sum);
            return this;
        }

        StatusCounts merge(StatusCounts other) {
            other.bySource.forEach((source, counts) -> {
                Map<String, Long> mine = bySource.computeIfAbsent(source, k -> new TreeMap<>());
                counts.forEach((status, n) -> mine.merge(status, n, Long::sum));
            });
            return this;
        }
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


}
