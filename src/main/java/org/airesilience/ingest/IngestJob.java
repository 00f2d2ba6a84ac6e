package org.airesilience.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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
import org.airesilience.report.RunManifest;
import org.airesilience.spark.TaskFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

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
 * line); the others count as duplicates of their own source ({@link Duplicates}). Each partition's parse is kept
 * in memory (spilling to disk) between passes as a {@link ParsedPartition}, its accepted records packed into byte
 * arrays; only application numbers and the fields that decide the kept copy are shuffled, never the text. The
 * curated Parquet files are written from those bytes ({@link CuratedParquet}).
 *
 * <p>When more than {@code airesilience.ingest.quarantine.max-share} of the records read are quarantined, the
 * quarantine and the report are still written but the curated patents are left as they were, and the job fails
 * with {@link QuarantineLimitExceededException} naming the worst sources.
 */
public final class IngestJob {
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

    private static final JsonFactory JSON = new JsonFactory();

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

        // Each partition's parse is kept for the later passes (counts, duplicates, the two writes) in one object
        // whose accepted records are packed into a few byte arrays.
        JavaRDD<ParsedPartition> parts = jsc.parallelize(lineSources, Math.max(1, lineSources.size()))
                .mapPartitions(files -> List.of(ParsedPartition.of(flatMap(files,
                        s -> readLineSource(s, mapping.value(), normalizer.value(), conf.value().value())))).iterator());
        if (!trsSources.isEmpty()) parts = parts.union(readTrs(jsc, hadoop, trsSources, mapping, normalizer));
        JavaRDD<ParsedPartition> parsed = parts
                .mapPartitionsWithIndex((index, it) -> List.of(it.next().at(index)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return publish(spark, config, sources, parsed, conf, lakeRoot, runId);
        } finally {
            parsed.unpersist(false);
        }
    }

    private static IngestReport publish(SparkSession spark, Config config, List<SourceFile> sources,
                                        JavaRDD<ParsedPartition> parsed, Broadcast<SerializableConfiguration> conf,
                                        Path lakeRoot, String runId) {
        List<ParsedPartition.Summary> summaries = parsed.map(ParsedPartition::summary).collect();
        Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
        summaries.forEach(p -> ParsedPartition.addCounts(statusBySource, p.statusBySource()));
        long[] linesBefore = ParsedPartition.linesBefore(summaries);
        int cores = spark.sparkContext().defaultParallelism();
        JavaPairRDD<Integer, Duplicates.Found> duplicates = Duplicates.find(parsed, cores, linesBefore)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> duplicatesBySource = duplicates.values().map(f -> f.bySource)
                    .fold(new HashMap<>(), ParsedPartition::add);
            Path curated = lakeRoot.resolve("curated").resolve("patents");
            Path quarantine = lakeRoot.resolve("quarantine").resolve("patents");
            Path reportFile = lakeRoot.resolve("reports").resolve("ingest-" + runId + ".json");
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("curated", curated.toString());
            outputs.put("quarantine", quarantine.toString());
            outputs.put("report", reportFile.toString());
            IngestReport report = report(runId, sources, statusBySource, duplicatesBySource,
                    config.getDouble("airesilience.ingest.quarantine.max-share"), outputs,
                    RunManifest.settingsFiles(config));

            AtomicFiles.publishDirectory(quarantine, staged -> writeQuarantine(spark, parsed, linesBefore, conf, runId, staged));
            Json.writeFile(reportFile, report.toJsonMap());
            if (report.quarantineShareExceeded()) throw new QuarantineLimitExceededException(report);

            AtomicFiles.publishDirectory(curated, staged -> writeCurated(spark, parsed, linesBefore, duplicates, conf, staged));
            return report;
        } finally {
            duplicates.unpersist(false);
        }
    }

    /**
     * Writes the quarantined records as JSON Lines, one file per partition that has any ({@code part-<partition>.json},
     * records in source order), with {@code run_id, reason, detail, source_file, source_line, source_offset, raw}; null fields are left out.
     */
    private static void writeQuarantine(SparkSession spark, JavaRDD<ParsedPartition> parsed, long[] linesBefore,
                                        Broadcast<SerializableConfiguration> conf, String runId, Path staged)
            throws IOException {
        String table = staged.toUri().toString();
        List<TaskFiles> written = parsed.map(p -> {
            String attempt = TaskFiles.attemptFolder(TaskContext.get().taskAttemptId());
            if (p.quarantined.isEmpty()) return new TaskFiles(attempt, List.of());
            String file = String.format(Locale.ROOT, "part-%05d.json", p.index);
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(table + "/" + attempt + "/" + file);
            try (OutputStream out = path.getFileSystem(conf.value().value()).create(path, true);
                 JsonGenerator json = JSON.createGenerator(out)) {
                json.setRootValueSeparator(new SerializedString("\n"));
                for (Outcome o : p.quarantined) {
                    json.writeStartObject();
                    json.writeStringField("run_id", runId);
                    json.writeStringField("reason", o.reason.name());
                    if (o.detail != null) json.writeStringField("detail", o.detail);
                    json.writeStringField("source_file", o.sourceFile);
                    json.writeNumberField("source_line", linesBefore[p.index] + o.sourceLine);
                    json.writeNumberField("source_offset", o.sourceOffset);
                    if (o.raw != null) json.writeStringField("raw", o.raw);
                    json.writeEndObject();
                }
                json.writeRaw('\n');
            }
            TaskFiles.reportWritten(p.quarantined.size(), List.of(path), conf.value().value());
            return new TaskFiles(attempt, List.of(file));
        }).collect();
        TaskFiles.commit(written, table, spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Writes the accepted records less the duplicates, one write task per core: each task opens a file per year, so
     * fewer tasks make fewer, larger files.
     */
    private static void writeCurated(SparkSession spark, JavaRDD<ParsedPartition> parsed, long[] linesBefore,
                                     JavaPairRDD<Integer, Duplicates.Found> duplicates,
                                     Broadcast<SerializableConfiguration> conf, Path staged) throws IOException {
        CuratedParquet.Options options = new CuratedParquet.Options(staged.toUri().toString(),
                spark.conf().get("spark.sql.parquet.compression.codec"), spark.version());
        int writers = Math.min(parsed.getNumPartitions(), spark.sparkContext().defaultParallelism());
        List<TaskFiles> written = parsed
                .zipPartitions(duplicates, (ps, found) -> {
                    List<CuratedParquet.Block> blocks = new ArrayList<>(1);
                    int[] skip = found.hasNext() ? found.next()._2().sortedOrdinals() : new int[0];
                    ps.forEachRemaining(p -> blocks.add(new CuratedParquet.Block(p.records, skip, linesBefore[p.index])));
                    return blocks.iterator();
                })
                .coalesce(writers)
                .mapPartitionsWithIndex((task, blocks) -> List.of(CuratedParquet.write(blocks, task,
                        TaskContext.get().taskAttemptId(), options, conf.value().value())).iterator(), false)
                .collect();
        TaskFiles.commit(written, options.tableUri(), spark.sparkContext().hadoopConfiguration());
    }

    private static IngestReport report(String runId, List<SourceFile> sources, Map<String, Map<String, Long>> statusBySource,
                                       Map<String, Long> duplicatesBySource, double maxShare, Map<String, String> outputs,
                                       List<Map<String, Object>> settingsFiles) {
        Map<String, IngestReport.SourceCounts> bySource = new LinkedHashMap<>();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (QuarantineReason q : QuarantineReason.values()) byReason.put(q.name(), 0L);
        long read = 0, accepted = 0, duplicates = 0, quarantined = 0;
        for (SourceFile s : sources) {
            Map<String, Long> st = statusBySource.getOrDefault(s.name(), Map.of());
            long ok = st.getOrDefault(ParsedPartition.ACCEPTED, 0L);
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
        return new IngestReport(runId, read, accepted, duplicates, quarantined, bySource, byReason, maxShare, outputs,
                settingsFiles);
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
                                                    Configuration hadoop) {
        try {
            return lineSource(s, mapping, normalizer, hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.name(), e);
        }
    }

    private static Iterator<Outcome> lineSource(SourceFile s, FieldMapping mapping, PatentNormalizer normalizer,
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
     * TRS dumps split by {@code <REC>}, one {@link ParsedPartition} per split. Line numbers are counted from the
     * split's start and the split's line breaks recorded, so that the lines before each split are known once all
     * are parsed ({@link ParsedPartition#linesBefore}); the record's line is the line of its {@code <REC>}.
     */
    private static JavaRDD<ParsedPartition> readTrs(JavaSparkContext jsc, Configuration hadoop, List<SourceFile> trs,
                                                    Broadcast<FieldMapping> mapping,
                                                    Broadcast<PatentNormalizer> normalizer) {
        Configuration c = new Configuration(hadoop);
        c.set("textinputformat.record.delimiter", "<REC>");
        String paths = String.join(",", trs.stream().map(SourceFile::uri).toList());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> records = (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopFile(paths, TextInputFormat.class, LongWritable.class, Text.class, c);
        Map<String, SourceFile> byPath = new HashMap<>();
        for (SourceFile s : trs) byPath.put(new org.apache.hadoop.fs.Path(s.uri()).toUri().getPath(), s);
        Broadcast<Map<String, SourceFile>> bSources = jsc.broadcast(byPath);

        return records.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fs = (FileSplit) split;
            String path = fs.getPath().toUri().getPath();
            SourceFile source = bSources.value().get(path);
            Charset charset = Charset.forName(source.charset());
            CharsetDecoder decoder = SourceCharsets.strictDecoder(charset);
            long[] line = {1};
            FieldMapping m = mapping.value();
            PatentNormalizer n = normalizer.value();
            Iterator<Outcome> outcomes = Stream.generate(() -> it.hasNext() ? it.next() : null)
                    .takeWhile(x -> x != null)
                    .map(kv -> {
                        Text t = kv._2();
                        long start = line[0];
                        line[0] += lineBreaks(t.getBytes(), t.getLength());
                        RawRecord r = trsRecord(t, source.name(), start, kv._1().get(), charset, decoder, m);
                        return r == null ? null : n.normalize(r);
                    })
                    .filter(x -> x != null)
                    .iterator();
            ParsedPartition p = ParsedPartition.of(outcomes);
            return List.of(p.split(path, fs.getStart(), line[0] - 1)).iterator();
        }, true);
    }

    /** The outcomes of each file in turn, each file opened when the one before is read. */
    private static Iterator<Outcome> flatMap(Iterator<SourceFile> files, Function<SourceFile, Iterator<Outcome>> read) {
        return new Iterator<>() {
            private Iterator<Outcome> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && files.hasNext()) current = read.apply(files.next());
                return current.hasNext();
            }

            @Override
            public Outcome next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
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
