package org.airesilience.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.airesilience.ingest.format.ByteScan;
import org.airesilience.ingest.format.FieldMapping;
import org.airesilience.ingest.format.LineSourceReader;
import org.airesilience.ingest.format.RawRecord;
import org.airesilience.ingest.format.ReadLimits;
import org.airesilience.ingest.format.SourceCharsets;
import org.airesilience.ingest.format.SourceFileException;
import org.airesilience.ingest.format.SourceFormat;
import org.airesilience.ingest.format.TrsParser;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeTable;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionResolver;
import org.airesilience.report.RunManifest;
import org.airesilience.report.RunReport;
import org.airesilience.spark.CacheRelease;
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
import org.apache.spark.util.CollectionAccumulator;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Reads every raw patent file, normalises records into the canonical schema, attributes them to regions,
 * deduplicates on the application number and publishes {@code <lake>/curated/patents} (Parquet, partitioned by
 * {@code application_year}), {@code <lake>/quarantine/patents} and {@code <lake>/excluded/patents} (JSON Lines) and
 * the report {@code <lake>/reports/ingest-<run id>.json}.
 *
 * <p>Files larger than {@code ingest.split-size} are read by one task per split: CSV, TSV and JSON Lines by
 * {@link LineSplits} (splits start at a line and hand over where two readers meet, so quoted multi-line fields across
 * a boundary and line numbers come out as one task reads them), TRS dumps through Hadoop's {@link TextInputFormat}
 * with {@code <REC>} as the record delimiter; compressed files are read whole. Parsing and normalisation are plain
 * Java ({@link LineSourceReader}, {@link TrsParser}, {@link PatentNormalizer}).
 *
 * <p>Duplicates: of the accepted records with the same normalised application number the one kept is the earliest
 * published (records without a publication date last), then the first in source order (source file path, then
 * line); the others count as duplicates of their own source ({@link Duplicates}). Each partition's parse is kept
 * between passes as a stream of bounded chunks ({@link ParsedPartition}, cached on Spark's local disk), its
 * accepted records packed into byte arrays; only
 * application numbers and the fields that decide the kept copy are shuffled, never the text. The curated Parquet
 * files are written from those bytes ({@link CuratedParquet}). So memory is bounded by configuration, not by the
 * dump; a task that runs out of it ends the run with a message naming the settings ({@link IngestMemory}).
 *
 * <p>Publishing: the three outputs are written into run folders of their tables ({@code <table>/<run id>/}) and
 * published together at the end ({@link LakeTable}: quarantine, excluded, then curated patents move their
 * {@code LATEST} pointers), followed by the report. A run that fails publishes nothing and writes
 * its report marked failed: when no record is accepted, when more than {@code ingest.quarantine.max-share} of the
 * records read are quarantined (its quarantine is kept beside the report for inspection), when fewer than
 * {@code ingest.shrink-limit} of the previous curated records would remain (unless {@code ingest.allow-shrink}),
 * or when a file cannot be read and {@code ingest.on-unreadable-file = fail}. Run folders left by killed runs are
 * removed by the next publication; one ingest runs on a lake at a time.
 *
 * <p>The curated run folder also holds the manifest of the raw files behind it and the duplicates kept for later
 * runs ({@link ProcessedFiles}). An incremental run ({@code ingest.mode = incremental}) reads only the new and changed
 * files ({@link SourceSelection}) and deduplicates them with the kept records of all other files
 * ({@link CarriedRecords}); without new or changed files it publishes nothing.
 */
public final class IngestJob {

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
                   ReadLimits limits, long splitSize, List<Map<String, Object>> settingsFiles,
                   boolean incremental, boolean rehashAll) implements java.io.Serializable {
        static Options of(Config config) {
            Config c = config.getConfig("airesilience.ingest");
            String unreadable = c.getString("on-unreadable-file");
            if (!unreadable.equals("fail") && !unreadable.equals("skip")) {
                throw new IllegalArgumentException("airesilience.ingest.on-unreadable-file must be fail or skip, not '"
                        + unreadable + "'");
            }
            String mode = c.getString("mode");
            if (!mode.equals("full") && !mode.equals("incremental")) {
                throw new IllegalArgumentException("airesilience.ingest.mode must be full or incremental, not '" + mode
                        + "'");
            }
            long splitSize = c.getBytes("split-size");
            if (splitSize < 1) throw new IllegalArgumentException("airesilience.ingest.split-size must be positive");
            return new Options(share(c, "quarantine.max-share"), share(c, "shrink-limit"), c.getBoolean("allow-shrink"),
                    unreadable.equals("skip"), new ReadLimits(c.getInt("max-quoted-lines"), c.getBytes("max-line-bytes")),
                    splitSize, RunManifest.settingsFiles(config), mode.equals("incremental"), c.getBoolean("rehash-all"));
        }

        private static double share(Config c, String key) {
            double v = c.getDouble(key);
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("airesilience.ingest." + key + " must be in [0, 1], not " + v);
            return v;
        }
    }

    /** The tables of the lake ingest publishes. */
    public static final String CURATED = "curated/patents";
    public static final String QUARANTINE = "quarantine/patents";
    public static final String EXCLUDED = "excluded/patents";

    /** Where a run's outputs go: three published tables, the report and a failed run's quarantine (lake-relative). */
    record Outputs(Lake lake, LakeTable curated, LakeTable quarantine, LakeTable excluded, String report,
                   String failedQuarantine) {
        static Outputs of(Lake lake, String runId) {
            return new Outputs(lake, lake.table(CURATED), lake.table(QUARANTINE), lake.table(EXCLUDED),
                    RunReport.lakeFile("ingest", runId), "reports/ingest-" + runId + "-quarantine");
        }

        /** Drops the run folders of a run that fails before publishing. */
        void abandon(LakeTable.Run quarantineRun, LakeTable.Run excludedRun, LakeTable.Run curatedRun) {
            quarantine.abandon(quarantineRun);
            excluded.abandon(excludedRun);
            curated.abandon(curatedRun);
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("curated", lake.display(CURATED));
            m.put("quarantine", lake.display(QUARANTINE));
            m.put("excluded", lake.display(EXCLUDED));
            m.put("report", lake.display(report));
            return m;
        }
    }

    private IngestJob() {
    }

    /** Ingests with a fresh run id (UTC time stamp). */
    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot) {
        return run(spark, config, rawDir, lakeRoot, Lake.newRunId());
    }

    /** Ingests a local raw directory into a local lake. */
    public static IngestReport run(SparkSession spark, Config config, Path rawDir, Path lakeRoot, String runId) {
        return run(spark, config, rawDir.toString(),
                Lake.open(lakeRoot.toString(), config, spark.sparkContext().hadoopConfiguration()), runId);
    }

    /**
     * Ingests, publishing the outputs only when the run succeeds.
     *
     * @throws IngestFailedException when the run fails after counting (its failed report written), among others
     *                               when a file cannot be read and ingest.on-unreadable-file = fail
     */
    public static IngestReport run(SparkSession spark, Config config, String rawDir, Lake lake, String runId) {
        return run(spark, config, rawDir, lake, new RunReport("ingest", runId).input("raw patent files", rawDir));
    }

    /** Ingests, timing its stages in {@code run}, whose report (with the ingest's accounting) it writes. */
    public static IngestReport run(SparkSession spark, Config config, String rawDir, Lake lake, RunReport run) {
        String runId = run.runId();
        Options options = Options.of(config);
        checkSeparate(rawDir, lake);
        Outputs outputs = Outputs.of(lake, runId);
        try {
            return ingest(spark, config, options, rawDir, outputs, run);
        } catch (IngestFailedException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) { // Exception: Spark's failed jobs throw its checked SparkException
            String memory = IngestMemory.message(e, options.splitSize());
            writeReport(run, outputs, IngestReport.failedBeforeCounting(runId, memory != null ? memory
                    : e.getMessage(), options.maxQuarantineShare(), outputs.asMap(), options.settingsFiles()));
            if (memory != null) throw new IllegalStateException(memory, e);
            throw e;
        }
    }

    private static IngestReport ingest(SparkSession spark, Config config, Options options, String rawDir,
                                       Outputs outputs, RunReport run) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        SourceSelection selection = run.stage("list sources", () -> select(options, hadoop, rawDir,
                outputs.curated().current(), true, ProcessedFiles.sparkHasher(jsc, hadoop)));
        if (selection.listed.isEmpty()) throw new IllegalArgumentException("no raw files under " + rawDir);
        if (selection.nothingToRead()) return unchanged(spark, options, selection, outputs, run);
        List<SourceFile> sources = SourceCatalog.describe(hadoop, config, selection.toRead());
        // The rows of the curated run a full run would replace (its shrink check), read from their Parquet footers
        // while the raw files are parsed.
        CompletableFuture<Long> replacedRows = options.incremental() || options.allowShrink() ? null
                : CompletableFuture.supplyAsync(() -> CarriedRecords.count(spark, outputs.curated().current()));

        RegionResolver resolver = new RegionResolver(Gazetteer.load(),
                config.getStringList("airesilience.regions.exclude-provinces"));
        Broadcast<PatentNormalizer> normalizer = jsc.broadcast(new PatentNormalizer(resolver));
        Broadcast<FieldMapping> mapping = jsc.broadcast(FieldMapping.of(columnMapping(config)));
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));

        List<SourceFile> lineSources = new ArrayList<>();
        List<SourceFile> trsSources = new ArrayList<>();
        for (SourceFile s : sources) (s.format() == SourceFormat.TRS ? trsSources : lineSources).add(s);
        long splitSize = options.splitSize();
        List<LineSplits.Split> splits = LineSplits.plan(lineSources, splitSize, hadoop);

        // One partition per split of a file, each read as a stream of bounded chunks that Spark keeps for the later
        // passes (counts, duplicates, the writes) on local disk: in memory they would take Spark's whole storage
        // memory beside the writers' buffers (a live heap of 3.2 GB at 3 million records against 1.9 GB on disk),
        // while the later passes read them back from the page cache about as fast.
        JavaRDD<ParsedPartition> parts = jsc.parallelize(splits, Math.max(1, splits.size()))
                .mapPartitions(it -> it.hasNext()
                        ? readSplit(it.next(), mapping.value(), normalizer.value(), conf.value().value(), options.limits())
                        : ParsedPartition.chunks(Collections.emptyIterator(), tail -> { }));
        if (!trsSources.isEmpty()) {
            parts = parts.union(readTrs(jsc, hadoop, trsSources, mapping, normalizer, options.limits(), splitSize));
        }
        CarriedRecords.Carried carried = null;
        if (selection.incremental) { // the kept records and duplicates of the files not read again join the dedup
            carried = CarriedRecords.carry(spark, selection, outputs.curated().current(), parts.getNumPartitions());
            for (JavaRDD<ParsedPartition> c : carried.partitions()) parts = parts.union(c);
        }
        JavaRDD<ParsedPartition> parsed = parts
                .mapPartitionsWithIndex((index, it) -> MappedIterator.map(it, chunk -> chunk.at(index)), true)
                .persist(StorageLevel.DISK_ONLY());
        int buckets = Duplicates.buckets(recordsAtMost(hadoop, selection.toRead(), carried),
                spark.sparkContext().defaultParallelism());
        try {
            return publish(spark, options, sources, splits, selection, carried, parsed, buckets, conf, replacedRows,
                    outputs, run);
        } finally {
            CacheRelease.releaseLater(parsed); // seconds of deleting files, which the next job need not wait for
        }
    }

    private static IngestReport publish(SparkSession spark, Options options, List<SourceFile> sources,
                                        List<LineSplits.Split> splits, SourceSelection selection,
                                        CarriedRecords.Carried carried, JavaRDD<ParsedPartition> chunks,
                                        int buckets, Broadcast<SerializableConfiguration> conf,
                                        CompletableFuture<Long> replacedRows, Outputs outputs, RunReport run) {
        String runId = run.runId();
        // One pass parses, keeps the chunks and shuffles the keys of the accepted records for the duplicates; each
        // partition's summary comes back beside it.
        CollectionAccumulator<ParsedPartition.Summary> parsedPartitions = spark.sparkContext()
                .collectionAccumulator("parsed partitions");
        JavaPairRDD<Integer, Duplicates.Batch> keys = Duplicates.keys(chunks.mapPartitionsWithIndex((index, it) ->
                ParsedPartition.summarizing(index, it, parsedPartitions::add), true), buckets);
        List<ParsedPartition.Summary> summaries = run.stage("read and parse", () -> {
            Duplicates.shuffle(keys);
            return ParsedPartition.byIndex(parsedPartitions.value(), chunks.getNumPartitions());
        });
        Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
        Map<String, Long> linesBySource = new TreeMap<>();
        Map<String, SourceFileException> damageBySource = new TreeMap<>();
        long[] linesBefore = ParsedPartition.linesBefore(summaries);
        long[] cuts = new long[summaries.size()];
        splitsOfLineSources(splits, summaries, linesBefore, cuts, linesBySource, damageBySource);
        for (ParsedPartition.Summary p : summaries) {
            ParsedPartition.addCounts(statusBySource, p.statusBySource());
            linesBySource.putAll(p.linesBySource());
            p.damageBySource().forEach((file, d) -> damageBySource.merge(file, // of a split dump: the first damage
                    new SourceFileException(file, linesBefore[p.index()] + d.line(), d.reason()),
                    (x, y) -> x.line() <= y.line() ? x : y));
        }
        boolean cut = java.util.Arrays.stream(cuts).anyMatch(c -> c > 0);
        if (cut) {
            // the records of splits before their cut are not the file's: uncount them, and leave them out below
            chunks.mapPartitionsWithIndex((index, it) -> cuts[index] == 0 ? Collections.emptyIterator()
                            : List.of(ParsedPartition.countsBefore(it, cuts[index])).iterator(), true)
                    .collect()
                    .forEach(dropped -> dropped.forEach((source, counts) -> counts.forEach((status, n) ->
                            statusBySource.get(source).merge(status, -n, Long::sum))));
        }
        JavaRDD<ParsedPartition> parsed = cut ? chunks.map(p -> p.cut(cuts[p.index])) : chunks;
        JavaPairRDD<Integer, Duplicates.Found> duplicates = Duplicates.find(keys, chunks.getNumPartitions(),
                linesBefore, cuts).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> duplicatesBySource = run.stage("find duplicates", () -> duplicates.values()
                    .map(f -> f.bySource).fold(new HashMap<>(), ParsedPartition::add));
            IngestReport counted = report(runId, sources, statusBySource, duplicatesBySource, linesBySource,
                    damageBySource, options, outputs.asMap());
            IngestReport report = counted.withRefresh(carried == null
                    ? selection.refresh(0, 0, 0, 0, counted.accepted(), 0, 0, counted.duplicates())
                    : carried.refresh(selection, summaries, duplicates.mapValues(f -> (long) f.size).collectAsMap(),
                    counted));

            String failure = damageBySource.isEmpty() || options.skipUnreadable() ? refusal(report, options, outputs, replacedRows)
                    : unreadable(damageBySource);
            if (failure != null) {
                IngestReport failed = report.failed(failure);
                writeReport(run, outputs, failed);
                throw new IngestFailedException(failed);
            }
            if (report.quarantineShareExceeded()) {
                String kept = outputs.lake().uri(outputs.failedQuarantine());
                try {
                    writeOutcomes(spark, parsed, linesBefore, conf, runId, kept, null);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + kept, e);
                }
                IngestReport failed = report.failed(QuarantineLimitExceededException.reason(report,
                        outputs.lake().display(outputs.failedQuarantine())));
                writeReport(run, outputs, failed);
                throw new QuarantineLimitExceededException(failed);
            }

            // Every table's run is written before any pointer moves; the curated patents' pointer moves last.
            LakeTable.Run quarantine = outputs.quarantine().begin(runId);
            LakeTable.Run excluded = outputs.excluded().begin(runId);
            LakeTable.Run curated = outputs.curated().begin(runId);
            try {
                run.stage("write outputs", () -> {
                    writeAll(spark, parsed, linesBefore, ParsedPartition.records(summaries), duplicates, conf, runId,
                            new WriteTables(quarantine.folder().toString(), excluded.folder().toString(),
                                    curated.folder().toString(),
                                    ProcessedFiles.duplicatesFolder(curated.folder()).toString()));
                    ProcessedFiles.write(spark.sparkContext().hadoopConfiguration(), curated.folder(),
                            selection.next(runId));
                    if (carried != null && selection.previous != null) {
                        CarriedRecords.writeOutcomes(spark, outputs.quarantine().current(), selection.carriedFiles(),
                                quarantine.folder());
                        CarriedRecords.writeOutcomes(spark, outputs.excluded().current(), selection.carriedFiles(),
                                excluded.folder());
                    }
                });
            } catch (IOException e) {
                outputs.abandon(quarantine, excluded, curated);
                throw new UncheckedIOException("cannot write the ingest outputs into " + outputs.lake(), e);
            } catch (Exception e) { // also Spark's checked SparkException of a failed write task
                outputs.abandon(quarantine, excluded, curated);
                throw e;
            }
            outputs.quarantine().commit(quarantine);
            outputs.excluded().commit(excluded);
            outputs.curated().commit(curated);
            writeReport(run, outputs, report);
            return report;
        } finally {
            duplicates.unpersist(true);
        }
    }

    /**
     * An upper estimate of the records a run reads, for the buckets of the duplicates' keys, which are shuffled
     * before the records are counted: a raw record takes at least {@link #RAW_BYTES_PER_RECORD} bytes, a compressed
     * file holds at most {@link #COMPRESSION} times its size, and the carried records count as they are.
     */
    private static long recordsAtMost(Configuration hadoop, List<SourceCatalog.RawFile> files,
                                      CarriedRecords.Carried carried) {
        CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
        long bytes = 0;
        for (SourceCatalog.RawFile f : files) {
            bytes += codecs.getCodec(new org.apache.hadoop.fs.Path(f.uri())) == null ? f.size() : COMPRESSION * f.size();
        }
        long records = bytes / RAW_BYTES_PER_RECORD;
        return carried == null ? records : records + carried.previousCurated() + carried.previousDuplicates();
    }

    /** Bytes of the smallest raw record: an application number and a date with their names or separators. */
    private static final long RAW_BYTES_PER_RECORD = 50;
    /** The most a patent dump is compressed (text compresses 3 to 5 times with gzip, 5 to 8 with bzip2). */
    private static final long COMPRESSION = 10;

    /**
     * The raw files a run reads: all for a full run, the new and changed ones for an incremental run (against the
     * manifest published with the curated patents, {@link ProcessedFiles}).
     */
    static SourceSelection select(Options options, Configuration hadoop, String rawDir,
                                  org.apache.hadoop.fs.Path curated, boolean hashNew,
                                  Function<List<SourceCatalog.RawFile>, List<String>> hasher) {
        ProcessedFiles.Manifest previous;
        try {
            previous = ProcessedFiles.read(hadoop, curated);
        } catch (IllegalStateException e) {
            if (options.incremental()) throw e;
            previous = null; // a full run rebuilds it
        }
        return SourceSelection.of(options.incremental(), SourceCatalog.qualified(hadoop, rawDir),
                SourceCatalog.files(hadoop, rawDir), previous, options.rehashAll(), hashNew, hasher);
    }

    /** An incremental run without new or changed files: publishes nothing, reports 0 files read. */
    private static IngestReport unchanged(SparkSession spark, Options options, SourceSelection selection,
                                          Outputs outputs, RunReport run) {
        String runId = run.runId();
        long curated = CarriedRecords.count(spark, outputs.curated().current());
        long duplicates = CarriedRecords.count(spark, ProcessedFiles.duplicatesFolder(outputs.curated().current()));
        IngestReport report = report(runId, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), options, outputs.asMap())
                .withRefresh(selection.refresh(curated, 0, 0, 0, curated, duplicates, 0, duplicates));
        writeReport(run, outputs, report);
        return report;
    }

    /**
     * For the partitions that read splits of a line source (the first ones, in plan order): the offset from which
     * their records count, and their file's lines and damage (see {@link LineSplits}), counted in the file
     * ({@code linesBefore}: {@link ParsedPartition#linesBefore}).
     */
    private static void splitsOfLineSources(List<LineSplits.Split> splits, List<ParsedPartition.Summary> summaries,
                                            long[] linesBefore, long[] cuts, Map<String, Long> linesBySource,
                                            Map<String, SourceFileException> damageBySource) {
        if (splits.isEmpty()) return;
        List<LineSplits.Result> results = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) results.add(summaries.get(i).lineSplit());
        long[] cut = LineSplits.cuts(splits, results);
        for (int i = 0; i < splits.size(); i++) {
            LineSplits.Split s = splits.get(i);
            if (s.count() == 1) continue; // a whole file: its partition says it all
            LineSplits.Result r = results.get(i);
            cuts[i] = cut[i];
            if (cut[i] == Long.MAX_VALUE) continue;
            String name = s.source().name();
            linesBySource.put(name, linesBefore[i] + r.linesRead); // the last split read sets it
            if (r.damage != null) {
                damageBySource.put(name, new SourceFileException(name,
                        r.damage.line() > 0 ? linesBefore[i] + r.damage.line() : 0, r.damage.reason()));
            }
        }
    }

    /** The run report: the common fields (stages, inputs, counts, outputs) followed by the ingest's accounting. */
    private static void writeReport(RunReport run, Outputs outputs, IngestReport report) {
        if (!report.succeeded()) run.failed(report.failure());
        outputs.asMap().forEach(run::output);
        run.count("read", report.read()).count("accepted", report.accepted()).count("duplicates", report.duplicates())
                .count("excluded", report.excluded()).count("quarantined", report.quarantined())
                .putAll(report.toJsonMap()).write(outputs.lake(), outputs.report());
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
    private static String refusal(IngestReport report, Options options, Outputs outputs,
                                  CompletableFuture<Long> replacedRows) {
        if (options.incremental()) return CarriedRecords.refusal(report, options.allowShrink(), options.shrinkLimit(),
                outputs.lake().display(CURATED));
        if (report.accepted() == 0) {
            List<String> why = new ArrayList<>(report.warnings());
            why.addAll(report.damaged());
            return String.format(Locale.ROOT, "no record accepted (read %d: %d duplicates, %d excluded, %d quarantined)"
                            + " from %d files%s; %s not replaced", report.read(), report.duplicates(), report.excluded(),
                    report.quarantined(), report.bySource().size(), why.isEmpty() ? "" : ": " + String.join("; ", why),
                    outputs.lake().display(CURATED));
        }
        if (options.allowShrink() || report.quarantineShareExceeded()) return null;
        long previous;
        try {
            previous = replacedRows.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (report.accepted() < options.shrinkLimit() * previous) {
            return String.format(Locale.ROOT, "%d records would replace the %d of %s, fewer than %.0f%% of them "
                            + "(airesilience.ingest.shrink-limit); nothing published. Check the raw files, or publish "
                            + "the smaller set with --allow-shrink (airesilience.ingest.allow-shrink = true)",
                    report.accepted(), previous, outputs.lake().display(CURATED), 100 * options.shrinkLimit());
        }
        return null;
    }

    /**
     * Refuses a lake inside the raw directory, or a raw directory inside an output folder: ingest would read its own
     * outputs as raw files.
     */
    static void checkSeparate(String rawDir, Lake lakeRoot) {
        org.apache.hadoop.fs.Path given = Lake.hadoopPath(rawDir);
        org.apache.hadoop.fs.Path rawPath;
        try { // on its own file system: a local delivery may feed a lake on HDFS
            rawPath = given.getFileSystem(lakeRoot.fileSystem().getConf()).makeQualified(given);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the raw directory " + rawDir, e);
        }
        // Only locations on the same file system can lie inside one another.
        if (!rawPath.toUri().getScheme().equals(lakeRoot.root().toUri().getScheme())
                || !java.util.Objects.equals(rawPath.toUri().getAuthority(), lakeRoot.root().toUri().getAuthority())) {
            return;
        }
        // Locally with symbolic links resolved; elsewhere as the paths of the URIs.
        Path raw = lakeRoot.isLocal() ? real(Path.of(rawPath.toUri())) : Path.of(rawPath.toUri().getPath());
        Path lake = lakeRoot.isLocal() ? real(lakeRoot.local("")) : Path.of(lakeRoot.root().toUri().getPath());
        if (lake.startsWith(raw)) {
            throw new IllegalArgumentException("the lake " + lakeRoot.location() + " lies inside the raw directory "
                    + rawDir + ": ingest would read its own outputs as raw files; choose a lake outside --raw");
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
     * Writes the quarantined records into {@code quarantineTable} and the excluded ones into {@code excludedTable}
     * (null: not written), one task per partition: the quarantine a run that fails its quarantine limit keeps. A run
     * that publishes writes them in the pass that writes the curated patents ({@link #writeAll}).
     */
    private static void writeOutcomes(SparkSession spark, JavaRDD<ParsedPartition> parsed, long[] linesBefore,
                                      Broadcast<SerializableConfiguration> conf, String runId, String quarantineTable,
                                      String excludedTable) throws IOException {
        List<OutcomeFiles.Written> written = parsed.mapPartitions(chunks -> {
            OutcomeFiles outcomes = new OutcomeFiles(quarantineTable, excludedTable, runId, conf.value().value());
            try (outcomes) {
                while (chunks.hasNext()) {
                    ParsedPartition p = chunks.next();
                    outcomes.write(p, linesBefore[p.index]);
                }
                return List.of(outcomes.written()).iterator();
            }
        }, true).collect();
        OutcomeFiles.commit(written, quarantineTable, excludedTable, spark.sparkContext().hadoopConfiguration());
    }

    /**
     * One write task's JSON Lines files of quarantined and of excluded records: for each partition whose chunks it
     * writes, a file per table that has any of its records ({@code part-<partition>.json}, records in source order),
     * with {@code run_id, reason, detail, source_file, source_line, source_offset, raw}; null fields are left out.
     * A partition's chunks come to one task, in order.
     */
    private static final class OutcomeFiles implements java.io.Closeable {
        private final String quarantineTable;
        private final String excludedTable;
        private final String runId;
        private final Configuration hadoop;
        private final String attempt = TaskFiles.attemptFolder(TaskContext.get().taskAttemptId());
        private final List<String> quarantinedFiles = new ArrayList<>();
        private final List<String> excludedFiles = new ArrayList<>();
        private int partition = -1;
        private OutcomeFile quarantined;
        private OutcomeFile excluded;

        /** What the task attempt wrote into each table. */
        record Written(TaskFiles quarantined, TaskFiles excluded) implements java.io.Serializable {
        }

        OutcomeFiles(String quarantineTable, String excludedTable, String runId, Configuration hadoop) {
            this.quarantineTable = quarantineTable;
            this.excludedTable = excludedTable;
            this.runId = runId;
            this.hadoop = hadoop;
        }

        /** Writes a chunk's quarantined and excluded records; the lines of its file before its partition. */
        void write(ParsedPartition p, long linesBefore) throws IOException {
            if (p.index != partition) {
                finishPartition();
                partition = p.index;
                String file = String.format(Locale.ROOT, "part-%05d.json", partition);
                quarantined = new OutcomeFile(quarantineTable, attempt, file, runId, hadoop);
                excluded = excludedTable == null ? null : new OutcomeFile(excludedTable, attempt, file, runId, hadoop);
            }
            for (Outcome o : p.quarantined) quarantined.write(o, o.reason.name(), linesBefore);
            if (excluded != null) for (Outcome o : p.excluded) excluded.write(o, o.exclusion.name(), linesBefore);
        }

        private void finishPartition() throws IOException {
            if (quarantined != null && quarantined.finish()) quarantinedFiles.add(quarantined.file);
            if (excluded != null && excluded.finish()) excludedFiles.add(excluded.file);
            quarantined = null;
            excluded = null;
        }

        /** Ends the last partition's files; call once after the last {@link #write}. */
        Written written() throws IOException {
            finishPartition();
            return new Written(new TaskFiles(attempt, quarantinedFiles), new TaskFiles(attempt, excludedFiles));
        }

        /** Closes the files of a task that fails. */
        @Override
        public void close() throws IOException {
            if (quarantined != null) quarantined.close();
            if (excluded != null) excluded.close();
        }

        /** Moves the files of the tasks into their tables. */
        static void commit(List<Written> written, String quarantineTable, String excludedTable, Configuration hadoop)
                throws IOException {
            TaskFiles.commit(written.stream().map(Written::quarantined).toList(), quarantineTable, hadoop);
            if (excludedTable != null) {
                TaskFiles.commit(written.stream().map(Written::excluded).toList(), excludedTable, hadoop);
            }
        }
    }

    /** One JSON Lines file of quarantined or excluded records, created at its first record. */
    private static final class OutcomeFile implements java.io.Closeable {
        private final org.apache.hadoop.fs.Path path;
        final String file;
        private final String runId;
        private final Configuration hadoop;
        private OutputStream out;
        private JsonGenerator json;
        private long records;

        OutcomeFile(String table, String attempt, String file, String runId, Configuration hadoop) {
            this.path = new org.apache.hadoop.fs.Path(table + "/" + attempt + "/" + file);
            this.file = file;
            this.runId = runId;
            this.hadoop = hadoop;
        }

        void write(Outcome o, String reason, long linesBefore) throws IOException {
            if (json == null) {
                out = path.getFileSystem(hadoop).create(path, true);
                json = JSON.createGenerator(out);
                json.setRootValueSeparator(new SerializedString("\n"));
            }
            json.writeStartObject();
            json.writeStringField("run_id", runId);
            json.writeStringField("reason", reason);
            if (o.detail != null) json.writeStringField("detail", o.detail(linesBefore));
            json.writeStringField("source_file", o.sourceFile);
            json.writeNumberField("source_line", linesBefore + o.sourceLine);
            json.writeNumberField("source_offset", o.sourceOffset);
            if (o.raw != null) json.writeStringField("raw", o.raw);
            json.writeEndObject();
            records++;
        }

        /** Ends the file and reports it in the task's output metrics; whether there is one. */
        boolean finish() throws IOException {
            if (json == null) return false;
            json.writeRaw('\n');
            close();
            TaskFiles.reportWritten(records, List.of(path), hadoop);
            return true;
        }

        @Override
        public void close() throws IOException {
            if (json != null) json.close();
            if (out != null) out.close();
            json = null;
            out = null;
        }
    }

    /**
     * Writes, in one pass over the parsed chunks, the accepted records less the duplicates into {@code tables.curated}
     * and the duplicates into {@code tables.duplicates} ({@link CuratedParquet}), the quarantined records into
     * {@code tables.quarantine} and the excluded ones into {@code tables.excluded} ({@link OutcomeFiles}); one write
     * task per core: each task opens a Parquet file per year, so fewer tasks make fewer, larger files. In local mode,
     * where every cached chunk is on the one executor, the tasks get about equal records ({@code records}: each
     * parsed partition's, {@link WriteGroups}); on a cluster Spark groups the partitions by where their chunks are.
     */
    private static void writeAll(SparkSession spark, JavaRDD<ParsedPartition> parsed, long[] linesBefore,
                                 long[] records, JavaPairRDD<Integer, Duplicates.Found> duplicates,
                                 Broadcast<SerializableConfiguration> conf, String runId, WriteTables tables)
            throws IOException {
        CuratedParquet.Options options = new CuratedParquet.Options(tables.curated(), tables.duplicates(),
                spark.conf().get("spark.sql.parquet.compression.codec"), spark.version());
        int writers = Math.min(parsed.getNumPartitions(), spark.sparkContext().defaultParallelism());
        JavaRDD<ChunkDuplicates> chunks = parsed.zipPartitions(duplicates, (c, found) -> withDuplicates(c,
                found.hasNext() ? found.next()._2().sortedOrdinals() : new int[0]));
        List<TaskWritten> written = (spark.sparkContext().isLocal() ? WriteGroups.coalesce(chunks, writers, records)
                : chunks.coalesce(writers))
                .mapPartitionsWithIndex((task, taskChunks) -> {
                    Configuration hadoop = conf.value().value();
                    OutcomeFiles outcomes = new OutcomeFiles(tables.quarantine(), tables.excluded(), runId, hadoop);
                    try (outcomes) {
                        Iterator<CuratedParquet.Block> blocks = MappedIterator.map(taskChunks, c -> {
                            long before = linesBefore[c.chunk().index];
                            try {
                                outcomes.write(c.chunk(), before);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return new CuratedParquet.Block(c.chunk().records, c.chunk().dropped, c.duplicates(), before);
                        });
                        CuratedParquet.Written curated = CuratedParquet.write(blocks, task,
                                TaskContext.get().taskAttemptId(), options, hadoop);
                        return List.of(new TaskWritten(curated, outcomes.written())).iterator();
                    } catch (OutOfMemoryError e) {
                        throw new IngestMemory.Exhausted("writing the outputs", e);
                    }
                }, false)
                .collect();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        OutcomeFiles.commit(written.stream().map(TaskWritten::outcomes).toList(), tables.quarantine(), tables.excluded(),
                hadoop);
        TaskFiles.commit(written.stream().map(w -> w.curated().kept()).toList(), tables.curated(), hadoop);
        TaskFiles.commit(written.stream().map(w -> w.curated().duplicates()).toList(), tables.duplicates(), hadoop);
    }

    /** The run folders a run writes into (URIs): the three tables and the curated patents' kept duplicates. */
    private record WriteTables(String quarantine, String excluded, String curated, String duplicates)
            implements java.io.Serializable {
    }

    /** What one write task attempt wrote. */
    private record TaskWritten(CuratedParquet.Written curated, OutcomeFiles.Written outcomes)
            implements java.io.Serializable {
    }

    /** A chunk with the ordinals of its duplicates, counted from its first accepted record (ascending). */
    private record ChunkDuplicates(ParsedPartition chunk, int[] duplicates) {
    }

    /** A partition's chunks with their duplicates ({@code duplicates}: the partition's ordinals, ascending). */
    private static Iterator<ChunkDuplicates> withDuplicates(Iterator<ParsedPartition> chunks, int[] duplicates) {
        return new Iterator<>() {
            private int next; // the first duplicate not yet given to a chunk

            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public ChunkDuplicates next() {
                ParsedPartition p = chunks.next();
                int end = p.firstOrdinal + p.records.size();
                int from = next;
                while (next < duplicates.length && duplicates[next] < end) next++;
                int[] local = new int[next - from];
                for (int i = from; i < next; i++) local[i - from] = duplicates[i] - p.firstOrdinal;
                return new ChunkDuplicates(p, local);
            }
        };
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
                excludedByReason, options.maxQuarantineShare(), outputs, options.settingsFiles(), null);
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
     * The outcomes of one split of a CSV, TSV or JSON file ({@link LineSplits}), in chunks. When the file cannot be
     * read on, the records read before stay and the last chunk's tail says where and why (the driver applies
     * ingest.on-unreadable-file, so that bad input never fails a task), with the lines read.
     */
    private static Iterator<ParsedPartition> readSplit(LineSplits.Split split, FieldMapping mapping,
                                                       PatentNormalizer normalizer, Configuration hadoop,
                                                       ReadLimits limits) {
        SourceFile s = split.source();
        LineSplits.Result result = new LineSplits.Result();
        Iterator<Outcome> outcomes;
        boolean[] opened = {false};
        try {
            if (s.format() == null) {
                throw new SourceFileException(s.name(), 0, "unknown format: neither the extension nor the content "
                        + "says CSV, TSV, JSON Lines or TRS (begins with '" + head(s, hadoop) + "')");
            }
            InputStream in = null;
            if (split.count() == 1) {
                try {
                    in = open(s, hadoop);
                } catch (IOException | RuntimeException e) { // a decompressor reads its first block when opened
                    throw new SourceFileException(s.name(), 1, SourceFileException.cannotRead(e));
                }
            }
            Iterator<RawRecord> records = LineSplits.read(split, mapping, hadoop, limits, in, result);
            opened[0] = true;
            outcomes = MappedIterator.map(records, normalizer::normalize);
        } catch (SourceFileException e) {
            result.damage = e;
            outcomes = Collections.emptyIterator();
        }
        return IngestMemory.guard(ParsedPartition.chunks(outcomes, tail -> {
            tail.lineSplit = result;
            if (split.count() > 1) { // the driver puts the splits' lines and damage together
                tail.splitFile = s.uri();
                tail.splitStart = split.start();
                tail.splitLineBreaks = result.lineBreaks;
                return;
            }
            if (result.damage != null) tail.damageBySource.put(s.name(), result.damage);
            if (opened[0]) tail.linesBySource.put(s.name(), result.linesRead);
        }), "reading " + s.name());
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
     * TRS dumps split by {@code <REC>}, one partition per split of {@code splitSize} bytes. Line numbers are counted from the
     * split's start and the split's line breaks recorded, so that the lines before each split are known once all
     * are parsed ({@link ParsedPartition#linesBefore}); the record's line is the line of its {@code <REC>}.
     * A read error (a truncated compressed dump) or too long a line ends the split: its records so far stay and
     * the file is marked damaged.
     */
    private static JavaRDD<ParsedPartition> readTrs(JavaSparkContext jsc, Configuration hadoop, List<SourceFile> trs,
                                                    Broadcast<FieldMapping> mapping,
                                                    Broadcast<PatentNormalizer> normalizer, ReadLimits limits,
                                                    long splitSize) {
        Configuration c = new Configuration(hadoop);
        c.set("textinputformat.record.delimiter", "<REC>");
        // splits of split-size whatever the file system's block size (compressed dumps stay whole)
        c.setLong("mapreduce.input.fileinputformat.split.minsize", splitSize);
        c.setLong("mapreduce.input.fileinputformat.split.maxsize", splitSize);
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
            return IngestMemory.guard(ParsedPartition.chunks(outcomes, tail -> {
                if (outcomes.damage != null) tail.damageBySource.put(source.name(), outcomes.damage);
                tail.splitFile = path;
                tail.splitStart = fs.getStart();
                tail.splitLineBreaks = outcomes.line - 1;
            }), "reading " + source.name());
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
            for (int i; (i = ByteScan.indexOf(b, from, n, (byte) '\n')) < n; from = i + 1) {
                line++;
                longest = Math.max(longest, i - from);
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
}
