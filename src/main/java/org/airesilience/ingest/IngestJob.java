package org.airesilience.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.airesilience.ingest.format.FieldMapping;
import org.airesilience.ingest.format.LineSourceReader;
import org.airesilience.ingest.format.RawRecord;
import org.airesilience.ingest.format.ReadLimits;
import org.airesilience.ingest.format.SourceCharsets;
import org.airesilience.ingest.format.SourceFileException;
import org.airesilience.ingest.format.SourceFormat;
import org.airesilience.ingest.format.TrsParser;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionResolver;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.RunManifest;
import org.airesilience.report.RunReport;
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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code application_year}), {@code <lake>/quarantine/patents} and {@code <lake>/excluded/patents} (JSON Lines) and
 * the report {@code <lake>/reports/ingest-<run id>.json}.
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
 * <p>Publishing: the three outputs are written into a staging folder of the lake ({@code .ingest-staging-<run id>})
 * and moved into place together at the end, followed by the report. A run that fails publishes nothing and writes
 * its report marked failed: when no record is accepted, when more than {@code ingest.quarantine.max-share} of the
 * records read are quarantined (its quarantine is kept beside the report for inspection), when fewer than
 * {@code ingest.shrink-limit} of the previous curated records would remain (unless {@code ingest.allow-shrink}),
 * or when a file cannot be read and {@code ingest.on-unreadable-file = fail}. Staging folders left by killed runs are
 * removed by the next run; one ingest runs on a lake at a time.
 */
public final class IngestJob {
    private static final String STAGING_PREFIX = ".ingest-staging-";

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
    /** The quarantine reasons of patent records (OUT_OF_SCOPE_REGION is the city text's; patents are excluded). */
    private static final List<QuarantineReason> PATENT_QUARANTINE_REASONS = java.util.Arrays.stream(QuarantineReason.values())
            .filter(r -> r != QuarantineReason.OUT_OF_SCOPE_REGION).toList();

    /** The ingest settings of a run, checked before any work. */
    record Options(double maxQuarantineShare, double shrinkLimit, boolean allowShrink, boolean skipUnreadable,
                   ReadLimits limits, List<Map<String, Object>> settingsFiles) implements java.io.Serializable {
        static Options of(Config config) {
            Config c = config.getConfig("airesilience.ingest");
            String unreadable = c.getString("on-unreadable-file");
            if (!unreadable.equals("fail") && !unreadable.equals("skip")) {
                throw new IllegalArgumentException("airesilience.ingest.on-unreadable-file must be fail or skip, not '"
                        + unreadable + "'");
            }
            return new Options(share(c, "quarantine.max-share"), share(c, "shrink-limit"), c.getBoolean("allow-shrink"),
                    unreadable.equals("skip"), new ReadLimits(c.getInt("max-quoted-lines"), c.getBytes("max-line-bytes")),
                    RunManifest.settingsFiles(config));
        }

        private static double share(Config c, String key) {
            double v = c.getDouble(key);
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("airesilience.ingest." + key + " must be in [0, 1], not " + v);
            return v;
        }
    }

    /** Where a run's outputs go. */
    record Outputs(Path curated, Path quarantine, Path excluded, Path report, Path failedQuarantine) {
        static Outputs of(Path lakeRoot, String runId) {
            Path reports = lakeRoot.resolve("reports");
            return new Outputs(lakeRoot.resolve("curated").resolve("patents"),
                    lakeRoot.resolve("quarantine").resolve("patents"), lakeRoot.resolve("excluded").resolve("patents"),
                    RunReport.lakeFile(lakeRoot, "ingest", runId), reports.resolve("ingest-" + runId + "-quarantine"));
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("curated", curated.toString());
            m.put("quarantine", quarantine.toString());
            m.put("excluded", excluded.toString());
            m.put("report", report.toString());
            return m;
        }
    }

    private IngestJob() {
    }

    /** Ingests with a fresh run id (UTC time stamp). */
    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot) {
        return run(spark, config, rawDir, lakeRoot, RunReport.newRunId());
    }

    /**
     * Ingests, publishing the outputs only when the run succeeds.
     *
     * @throws IngestFailedException when the run fails after counting (its failed report written), among others
     *                               when a file cannot be read and ingest.on-unreadable-file = fail
     */
    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot, String runId) {
        return run(spark, config, rawDir, lakeRoot, new RunReport("ingest", runId).input("raw patent files", rawDir));
    }

    /** Ingests, timing its stages in {@code run}, whose report (with the ingest's accounting) it writes. */
    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot, RunReport run) {
        String runId = run.runId();
        Options options = Options.of(config);
        checkSeparate(rawDir, lakeRoot);
        Outputs outputs = Outputs.of(lakeRoot, runId);
        removeLeftovers(lakeRoot, outputs);
        Path staging = lakeRoot.toAbsolutePath().resolve(STAGING_PREFIX + runId);
        try {
            return ingest(spark, config, options, rawDir, outputs, staging, run);
        } catch (IngestFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            writeReport(run, outputs, IngestReport.failedBeforeCounting(runId, e.getMessage(),
                    options.maxQuarantineShare(), outputs.asMap(), options.settingsFiles()));
            throw e;
        } finally {
            AtomicFiles.deleteRecursively(staging);
        }
    }

    private static IngestReport ingest(SparkSession spark, Config config, Options options, Path rawDir, Outputs outputs,
                                       Path staging, RunReport run) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<SourceFile> sources = run.stage("list sources", () -> SourceCatalog.list(hadoop, config, rawDir));
        if (sources.isEmpty()) throw new IllegalArgumentException("no raw files under " + rawDir);

        RegionResolver resolver = new RegionResolver(Gazetteer.load(),
                config.getStringList("airesilience.regions.exclude-provinces"));
        Broadcast<PatentNormalizer> normalizer = jsc.broadcast(new PatentNormalizer(resolver));
        Broadcast<FieldMapping> mapping = jsc.broadcast(FieldMapping.of(columnMapping(config)));
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));

        List<SourceFile> lineSources = new ArrayList<>();
        List<SourceFile> trsSources = new ArrayList<>();
        for (SourceFile s : sources) (s.format() == SourceFormat.TRS ? trsSources : lineSources).add(s);

        // Each partition's parse is kept for the later passes (counts, duplicates, the writes) in one object
        // whose accepted records are packed into a few byte arrays.
        JavaRDD<ParsedPartition> parts = jsc.parallelize(lineSources, Math.max(1, lineSources.size()))
                .mapPartitions(files -> {
                    Map<String, Long> lines = new TreeMap<>();
                    Map<String, SourceFileException> damage = new TreeMap<>();
                    return List.of(ParsedPartition.of(flatMap(files, s -> readLineSource(s, mapping.value(),
                            normalizer.value(), conf.value().value(), options.limits(), lines, damage)), lines, damage))
                            .iterator();
                });
        if (!trsSources.isEmpty()) {
            parts = parts.union(readTrs(jsc, hadoop, trsSources, mapping, normalizer, options.limits()));
        }
        JavaRDD<ParsedPartition> parsed = parts
                .mapPartitionsWithIndex((index, it) -> List.of(it.next().at(index)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return publish(spark, options, sources, parsed, conf, outputs, staging, run);
        } finally {
            parsed.unpersist(false);
        }
    }

    private static IngestReport publish(SparkSession spark, Options options, List<SourceFile> sources,
                                        JavaRDD<ParsedPartition> parsed, Broadcast<SerializableConfiguration> conf,
                                        Outputs outputs, Path staging, RunReport run) {
        String runId = run.runId();
        List<ParsedPartition.Summary> summaries = run.stage("read and parse", () -> parsed.map(ParsedPartition::summary).collect());
        Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
        Map<String, Long> linesBySource = new TreeMap<>();
        Map<String, SourceFileException> damageBySource = new TreeMap<>();
        long[] linesBefore = ParsedPartition.linesBefore(summaries);
        for (ParsedPartition.Summary p : summaries) {
            ParsedPartition.addCounts(statusBySource, p.statusBySource());
            linesBySource.putAll(p.linesBySource());
            p.damageBySource().forEach((file, d) -> damageBySource.merge(file, // of a split dump: the first damage
                    new SourceFileException(file, linesBefore[p.index()] + d.line(), d.reason()),
                    (x, y) -> x.line() <= y.line() ? x : y));
        }
        int cores = spark.sparkContext().defaultParallelism();
        JavaPairRDD<Integer, Duplicates.Found> duplicates = Duplicates.find(parsed, cores, linesBefore)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> duplicatesBySource = run.stage("find duplicates", () -> duplicates.values()
                    .map(f -> f.bySource).fold(new HashMap<>(), ParsedPartition::add));
            IngestReport report = report(runId, sources, statusBySource, duplicatesBySource, linesBySource,
                    damageBySource, options, outputs.asMap());

            String failure = damageBySource.isEmpty() || options.skipUnreadable() ? refusal(spark, report, options, outputs)
                    : unreadable(damageBySource);
            if (failure != null) {
                IngestReport failed = report.failed(failure);
                writeReport(run, outputs, failed);
                throw new IngestFailedException(failed);
            }
            if (report.quarantineShareExceeded()) {
                AtomicFiles.publishDirectory(outputs.failedQuarantine(),
                        staged -> writeOutcomes(spark, parsed, linesBefore, conf, runId, false, staged));
                IngestReport failed = report.failed(QuarantineLimitExceededException.reason(report,
                        outputs.failedQuarantine().toString()));
                writeReport(run, outputs, failed);
                throw new QuarantineLimitExceededException(failed);
            }

            Path curated = staging.resolve("curated");
            Path quarantine = staging.resolve("quarantine");
            Path excluded = staging.resolve("excluded");
            try {
                run.stage("write outputs", () -> {
                    writeOutcomes(spark, parsed, linesBefore, conf, runId, false, quarantine);
                    writeOutcomes(spark, parsed, linesBefore, conf, runId, true, excluded);
                    writeCurated(spark, parsed, linesBefore, duplicates, conf, curated);
                });
                AtomicFiles.replaceDirectory(curated, outputs.curated());
                AtomicFiles.replaceDirectory(quarantine, outputs.quarantine());
                AtomicFiles.replaceDirectory(excluded, outputs.excluded());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot publish the ingest outputs under " + staging.getParent(), e);
            }
            writeReport(run, outputs, report);
            return report;
        } finally {
            duplicates.unpersist(false);
        }
    }

    /** The run report: the common fields (stages, inputs, counts, outputs) followed by the ingest's accounting. */
    private static void writeReport(RunReport run, Outputs outputs, IngestReport report) {
        if (!report.succeeded()) run.failed(report.failure());
        outputs.asMap().forEach(run::output);
        run.count("read", report.read()).count("accepted", report.accepted()).count("duplicates", report.duplicates())
                .count("excluded", report.excluded()).count("quarantined", report.quarantined())
                .putAll(report.toJsonMap()).write(outputs.report());
    }

    /** The message of a run that meets damaged files with ingest.on-unreadable-file = fail. */
    private static String unreadable(Map<String, SourceFileException> damage) {
        SourceFileException first = damage.values().iterator().next();
        return first.getMessage() + (damage.size() == 1 ? "" : " (and " + (damage.size() - 1) + " more damaged files)")
                + "; nothing published. Replace the file, or keep what can be read of it with "
                + "airesilience.ingest.on-unreadable-file = skip";
    }

    /**
     * Why a counted run must not publish, before the quarantine limit: no record accepted, or far fewer than the
     * curated set it would replace; null when it may.
     */
    private static String refusal(SparkSession spark, IngestReport report, Options options, Outputs outputs) {
        if (report.accepted() == 0) {
            List<String> why = new ArrayList<>(report.warnings());
            why.addAll(report.damaged());
            return String.format(Locale.ROOT, "no record accepted (read %d: %d duplicates, %d excluded, %d quarantined)"
                            + " from %d files%s; %s not replaced", report.read(), report.duplicates(), report.excluded(),
                    report.quarantined(), report.bySource().size(), why.isEmpty() ? "" : ": " + String.join("; ", why),
                    outputs.curated());
        }
        if (options.allowShrink() || report.quarantineShareExceeded()) return null;
        long previous = previousCuratedRecords(spark, outputs.curated());
        if (report.accepted() < options.shrinkLimit() * previous) {
            return String.format(Locale.ROOT, "%d records would replace the %d of %s, fewer than %.0f%% of them "
                            + "(airesilience.ingest.shrink-limit); nothing published. Check the raw files, or publish "
                            + "the smaller set with --allow-shrink (airesilience.ingest.allow-shrink = true)",
                    report.accepted(), previous, outputs.curated(), 100 * options.shrinkLimit());
        }
        return null;
    }

    /** Rows of the curated patents a run would replace (from the Parquet footers), 0 when there are none. */
    private static long previousCuratedRecords(SparkSession spark, Path curated) {
        if (!Files.isDirectory(curated)) return 0;
        try (Stream<Path> files = Files.walk(curated)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".parquet"))) return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + curated, e);
        }
        return spark.read().parquet(curated.toString()).count();
    }

    /**
     * Refuses a lake inside the raw directory, or a raw directory inside an output folder: ingest would read its own
     * outputs as raw files.
     */
    static void checkSeparate(Path rawDir, Path lakeRoot) {
        Path raw = real(rawDir);
        Path lake = real(lakeRoot);
        if (lake.startsWith(raw)) {
            throw new IllegalArgumentException("the lake " + lakeRoot + " lies inside the raw directory " + rawDir
                    + ": ingest would read its own outputs as raw files; choose a lake outside --raw");
        }
        for (Path output : List.of(lake.resolve("curated"), lake.resolve("quarantine"), lake.resolve("excluded"),
                lake.resolve("reports"))) {
            if (raw.startsWith(output)) {
                throw new IllegalArgumentException("the raw directory " + rawDir + " lies inside the lake's output "
                        + output + ": ingest would read its own outputs as raw files");
            }
        }
    }

    /** The absolute path with symbolic links resolved as far as it exists. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * Removes what killed runs left: staging folders of the lake, and the staging and set-aside folders of a
     * replacement that stopped half way; a set-aside folder whose replacement never arrived is moved back.
     */
    private static void removeLeftovers(Path lakeRoot, Outputs outputs) {
        Path lake = lakeRoot.toAbsolutePath();
        try {
            if (Files.isDirectory(lake)) {
                try (Stream<Path> s = Files.list(lake)) {
                    for (Path p : s.filter(x -> x.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
                        AtomicFiles.deleteRecursively(p);
                    }
                }
            }
            for (Path target : List.of(outputs.curated(), outputs.quarantine(), outputs.excluded())) {
                Path t = target.toAbsolutePath();
                if (!Files.isDirectory(t.getParent())) continue;
                String name = "." + t.getFileName();
                try (Stream<Path> s = Files.list(t.getParent())) {
                    for (Path p : s.filter(x -> x.getFileName().toString().startsWith(name + ".")).sorted().toList()) {
                        String n = p.getFileName().toString();
                        if (n.startsWith(name + ".old-") && !Files.exists(t)) AtomicFiles.move(p, t);
                        else if (n.startsWith(name + ".old-") || n.startsWith(name + ".staging-")) AtomicFiles.deleteRecursively(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up the staging folders of " + lakeRoot, e);
        }
    }

    /**
     * Writes the quarantined (or the excluded) records as JSON Lines, one file per partition that has any
     * ({@code part-<partition>.json}, records in source order), with {@code run_id, reason, detail, source_file,
     * source_line, source_offset, raw}; null fields are left out.
     */
    private static void writeOutcomes(SparkSession spark, JavaRDD<ParsedPartition> parsed, long[] linesBefore,
                                      Broadcast<SerializableConfiguration> conf, String runId, boolean excluded,
                                      Path staged) throws IOException {
        String table = staged.toUri().toString();
        List<TaskFiles> written = parsed.map(p -> {
            String attempt = TaskFiles.attemptFolder(TaskContext.get().taskAttemptId());
            List<Outcome> outcomes = excluded ? p.excluded : p.quarantined;
            if (outcomes.isEmpty()) return new TaskFiles(attempt, List.of());
            String file = String.format(Locale.ROOT, "part-%05d.json", p.index);
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(table + "/" + attempt + "/" + file);
            try (OutputStream out = path.getFileSystem(conf.value().value()).create(path, true);
                 JsonGenerator json = JSON.createGenerator(out)) {
                json.setRootValueSeparator(new SerializedString("\n"));
                for (Outcome o : outcomes) {
                    json.writeStartObject();
                    json.writeStringField("run_id", runId);
                    json.writeStringField("reason", excluded ? o.exclusion.name() : o.reason.name());
                    if (o.detail != null) json.writeStringField("detail", o.detail);
                    json.writeStringField("source_file", o.sourceFile);
                    json.writeNumberField("source_line", linesBefore[p.index] + o.sourceLine);
                    json.writeNumberField("source_offset", o.sourceOffset);
                    if (o.raw != null) json.writeStringField("raw", o.raw);
                    json.writeEndObject();
                }
                json.writeRaw('\n');
            }
            TaskFiles.reportWritten(outcomes.size(), List.of(path), conf.value().value());
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
                                       Map<String, Long> duplicatesBySource, Map<String, Long> linesBySource,
                                       Map<String, SourceFileException> damageBySource, Options options,
                                       Map<String, String> outputs) {
        Map<String, IngestReport.SourceCounts> bySource = new LinkedHashMap<>();
        Map<String, Long> byReason = new LinkedHashMap<>();
        Map<String, Long> excludedByReason = new LinkedHashMap<>();
        for (QuarantineReason q : PATENT_QUARANTINE_REASONS) byReason.put(q.name(), 0L);
        for (ExclusionReason x : ExclusionReason.values()) excludedByReason.put(x.name(), 0L);
        long read = 0, accepted = 0, duplicates = 0, excluded = 0, quarantined = 0;
        for (SourceFile s : sources) {
            Map<String, Long> st = statusBySource.getOrDefault(s.name(), Map.of());
            long ok = st.getOrDefault(ParsedPartition.ACCEPTED, 0L);
            long dup = duplicatesBySource.getOrDefault(s.name(), 0L);
            Map<String, Long> reasons = new LinkedHashMap<>();
            long q = 0;
            for (QuarantineReason reason : PATENT_QUARANTINE_REASONS) {
                long n = st.getOrDefault(reason.name(), 0L);
                if (n > 0) reasons.put(reason.name(), n);
                byReason.merge(reason.name(), n, Long::sum);
                q += n;
            }
            Map<String, Long> exclusions = new LinkedHashMap<>();
            long x = 0;
            for (ExclusionReason reason : ExclusionReason.values()) {
                long n = st.getOrDefault(reason.name(), 0L);
                if (n > 0) exclusions.put(reason.name(), n);
                excludedByReason.merge(reason.name(), n, Long::sum);
                x += n;
            }
            long sourceRead = ok + x + q;
            String damage = damageBySource.containsKey(s.name()) ? damageBySource.get(s.name()).damage() : null;
            bySource.put(s.name(), new IngestReport.SourceCounts(s.format() == null ? "unknown" : s.format().name(),
                    s.charset(), sourceRead, ok - dup, dup, x, q, reasons, exclusions,
                    sourceRead > 0 || damage != null ? null : noRecords(linesBySource.get(s.name())), damage));
            read += sourceRead;
            accepted += ok - dup;
            duplicates += dup;
            excluded += x;
            quarantined += q;
        }
        return new IngestReport(runId, null, read, accepted, duplicates, excluded, quarantined, bySource, byReason,
                excludedByReason, options.maxQuarantineShare(), outputs, options.settingsFiles());
    }

    /** Why a file gave no records, from its lines read (null for a TRS dump, whose lines are not counted). */
    private static String noRecords(Long lines) {
        if (lines == null) return "no records";
        if (lines == 0) return "empty file";
        return "no records in " + lines + (lines == 1 ? " line" : " lines");
    }

    private static Map<String, String> columnMapping(Config config) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.getConfig("airesilience.ingest.columns").root().entrySet()) {
            m.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return m;
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /**
     * The outcomes of one CSV, TSV or JSON file. When the file cannot be read on, the records read before stay and
     * {@code damage} says where and why (the driver applies ingest.on-unreadable-file, so that bad input never fails
     * a task). {@code lines} gets the lines read.
     */
    private static Iterator<Outcome> readLineSource(SourceFile s, FieldMapping mapping, PatentNormalizer normalizer,
                                                    Configuration hadoop, ReadLimits limits, Map<String, Long> lines,
                                                    Map<String, SourceFileException> damage) {
        try {
            if (s.format() == null) {
                throw new SourceFileException(s.name(), 0, "unknown format: neither the extension nor the content "
                        + "says CSV, TSV, JSON Lines or TRS (begins with '" + head(s, hadoop) + "')");
            }
            InputStream in;
            try {
                in = open(s, hadoop);
            } catch (IOException | RuntimeException e) { // a decompressor reads its first block when opened
                throw new SourceFileException(s.name(), 1, SourceFileException.cannotRead(e));
            }
            return lineSource(s, new LineSourceReader(in, s.name(), s.format(), Charset.forName(s.charset()), mapping,
                    limits), normalizer, lines, damage);
        } catch (SourceFileException e) {
            damage.put(s.name(), e);
            return Collections.emptyIterator();
        }
    }

    private static Iterator<Outcome> lineSource(SourceFile s, LineSourceReader reader, PatentNormalizer normalizer,
                                                Map<String, Long> lines, Map<String, SourceFileException> damage) {
        return new Iterator<>() {
            private boolean open = true;

            @Override
            public boolean hasNext() {
                if (!open) return false;
                boolean more;
                try {
                    more = reader.hasNext();
                } catch (SourceFileException e) {
                    damage.put(s.name(), e);
                    more = false;
                }
                if (!more) close();
                return more;
            }

            private void close() {
                open = false;
                lines.put(s.name(), reader.lines());
                try {
                    reader.close();
                } catch (IOException e) {
                    // nothing more is read from it
                }
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

    /** The first characters of a file, for a message; what could be read of a damaged one. */
    private static String head(SourceFile s, Configuration hadoop) {
        byte[] b = new byte[60];
        int n = 0;
        try (InputStream in = open(s, hadoop)) {
            int k;
            while (n < b.length && (k = in.read(b, n, b.length - n)) >= 0) n += k;
        } catch (IOException | RuntimeException e) {
            // what was read before
        }
        return SourceCharsets.decodeLenient(b, 0, n, Charset.forName(s.charset())).replaceAll("\\s+", " ").strip();
    }

    /**
     * TRS dumps split by {@code <REC>}, one {@link ParsedPartition} per split. Line numbers are counted from the
     * split's start and the split's line breaks recorded, so that the lines before each split are known once all
     * are parsed ({@link ParsedPartition#linesBefore}); the record's line is the line of its {@code <REC>}.
     * A read error (a truncated compressed dump) or too long a line ends the split: its records so far stay and
     * the file is marked damaged.
     */
    private static JavaRDD<ParsedPartition> readTrs(JavaSparkContext jsc, Configuration hadoop, List<SourceFile> trs,
                                                    Broadcast<FieldMapping> mapping,
                                                    Broadcast<PatentNormalizer> normalizer, ReadLimits limits) {
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
            TrsRecords outcomes = new TrsRecords(it, source.name(), charset, mapping.value(), normalizer.value(), limits);
            ParsedPartition p = ParsedPartition.of(outcomes);
            if (outcomes.damage != null) p.damageBySource.put(source.name(), outcomes.damage);
            return List.of(p.split(path, fs.getStart(), outcomes.line - 1)).iterator();
        }, true);
    }

    /** The outcomes of one split of a TRS dump, record by record. */
    private static final class TrsRecords implements Iterator<Outcome> {
        private final Iterator<scala.Tuple2<LongWritable, Text>> texts;
        private final String name;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final TrsParser parser;
        private final PatentNormalizer normalizer;
        private final ReadLimits limits;
        /** Line of the next text's {@code <REC>}, counted from the split's start. */
        long line = 1;
        SourceFileException damage;
        private Outcome next;

        TrsRecords(Iterator<scala.Tuple2<LongWritable, Text>> texts, String name, Charset charset, FieldMapping mapping,
                   PatentNormalizer normalizer, ReadLimits limits) {
            this.texts = texts;
            this.name = name;
            this.charset = charset;
            this.decoder = SourceCharsets.strictDecoder(charset);
            this.parser = new TrsParser(mapping, charset);
            this.normalizer = normalizer;
            this.limits = limits;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                RawRecord r = parser.next();
                if (r == null) {
                    if (!nextText()) return false;
                    continue;
                }
                next = normalizer.normalize(r);
            }
            return true;
        }

        @Override
        public Outcome next() {
            if (!hasNext()) throw new NoSuchElementException();
            Outcome o = next;
            next = null;
            return o;
        }

        /** Hands the next {@code <REC>} text to the parser; false at the end of the split or at damage. */
        private boolean nextText() {
            scala.Tuple2<LongWritable, Text> kv;
            try {
                if (damage != null || !texts.hasNext()) return false;
                kv = texts.next();
            } catch (RuntimeException e) {
                return damaged(new SourceFileException(name, line, SourceFileException.cannotRead(e)));
            } catch (Exception e) { // Hadoop's reader throws IOException through Scala's iterator
                return damaged(new SourceFileException(name, line, SourceFileException.cannotRead(e)));
            }
            Text t = kv._2();
            long start = line;
            // line breaks and the longest line in one pass over the bytes
            byte[] b = t.getBytes();
            int n = t.getLength();
            int longest = 0;
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    line++;
                    longest = Math.max(longest, i - from);
                    from = i + 1;
                }
            }
            longest = Math.max(longest, n - from);
            if (longest > limits.maxLineBytes()) {
                return damaged(new SourceFileException(name, start, "record with a line longer than "
                        + limits.maxLineBytes() + " bytes (airesilience.ingest.max-line-bytes)"));
            }
            RawRecord failed = undecodable(t, start, kv._1().get());
            if (failed != null) {
                next = normalizer.normalize(failed);
                parser.reset("", name, start, kv._1().get());
            } else {
                parser.reset(text, name, start, kv._1().get());
            }
            return true;
        }

        private String text;

        /** Decodes the text into {@link #text}; a quarantined record when its bytes are not valid, else null. */
        private RawRecord undecodable(Text t, long start, long offset) {
            try {
                text = SourceCharsets.decode(t.getBytes(), 0, t.getLength(), decoder);
                if (text.indexOf('\uFFFD') < 0) return null;
            } catch (CharacterCodingException e) {
                // below
            }
            String lenient = SourceCharsets.decodeLenient(t.getBytes(), 0, t.getLength(), charset);
            text = "";
            if (lenient.isBlank()) return null;
            return RawRecord.failed(name, start, offset, lenient.strip(), QuarantineReason.UNDECODABLE_TEXT,
                    "bytes not valid " + charset.name());
        }

        private boolean damaged(SourceFileException e) {
            damage = e;
            return false;
        }
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
}
