package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.lake.LakeFiles;
import org.airesilience.report.Json;
import org.airesilience.spark.TaskFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_date;

/**
 * What an incremental run keeps of the published outputs: the curated records and the duplicates kept for later
 * runs ({@code <curated>/_ingest/duplicates}, same schema) of every file not replaced, as parsed partitions that go
 * through the same deduplication as the records read now; and the quarantined and excluded records of those files.
 *
 * <p>Deduplicating the union of the kept records, the kept duplicates and the records read now keeps the copy a full
 * ingest of the same files would keep: every accepted record of every file is in the union exactly once (a file's
 * records are either all carried or all read now). A curated record ranks before a duplicate from the same file and
 * line ({@link #CURATED_OFFSET}, {@link #DUPLICATE_OFFSET}): the curated set holds no byte offsets, and the copy
 * kept before won that tie.
 */
final class CarriedRecords {
    static final long CURATED_OFFSET = -1;
    static final long DUPLICATE_OFFSET = Long.MAX_VALUE;

    private CarriedRecords() {
    }

    /**
     * The carried partitions, appended after the partitions of the records read now: the previous curated records
     * are parsed partitions {@code [firstCurated, firstDuplicate)}, the kept duplicates {@code [firstDuplicate, end)};
     * and the sizes of both sets before the run.
     */
    record Carried(List<JavaRDD<ParsedPartition>> partitions, int firstCurated, int firstDuplicate, int end,
                   long previousCurated, long previousDuplicates) {
        /** The report's account of the curated set, from the partitions' counts and duplicates. */
        IngestReport.Refresh refresh(SourceSelection selection, List<ParsedPartition.Summary> summaries,
                                     Map<Integer, Long> duplicatesByPartition, IngestReport counted) {
            long carriedCurated = 0, superseded = 0, carriedDuplicates = 0, stillDuplicates = 0;
            for (ParsedPartition.Summary p : summaries) {
                if (p.index() < firstCurated) continue;
                long records = 0;
                for (Map<String, Long> byStatus : p.statusBySource().values()) {
                    records += byStatus.getOrDefault(ParsedPartition.ACCEPTED, 0L);
                }
                long duplicates = duplicatesByPartition.getOrDefault(p.index(), 0L);
                if (p.index() < firstDuplicate) {
                    carriedCurated += records;
                    superseded += duplicates;
                } else {
                    carriedDuplicates += records;
                    stillDuplicates += duplicates;
                }
            }
            long restored = carriedDuplicates - stillDuplicates;
            return selection.refresh(previousCurated, previousCurated - carriedCurated, superseded, restored,
                    carriedCurated - superseded + restored + counted.accepted(), previousDuplicates,
                    previousDuplicates - carriedDuplicates, stillDuplicates + superseded + counted.duplicates());
        }
    }

    /**
     * The previous curated records and kept duplicates of the files an incremental run does not replace, as parsed
     * partitions numbered from {@code firstCurated} on. A curated set without manifest (ingested before there were
     * manifests) does not say which files it came from: it is replaced as a whole, none of it is carried.
     */
    static Carried carry(SparkSession spark, SourceSelection selection, Path curated, int firstCurated) {
        Set<String> replaced = selection.replaced();
        Path duplicates = ProcessedFiles.duplicatesFolder(curated);
        List<JavaRDD<ParsedPartition>> parts = new ArrayList<>();
        int firstDuplicate = firstCurated;
        if (selection.previous == null) {
            return new Carried(parts, firstCurated, firstCurated, firstCurated, count(spark, curated),
                    count(spark, duplicates));
        }
        JavaRDD<ParsedPartition> c = read(spark, curated, replaced, false);
        if (c != null) {
            parts.add(c);
            firstDuplicate += c.getNumPartitions();
        }
        int end = firstDuplicate;
        JavaRDD<ParsedPartition> d = read(spark, duplicates, replaced, true);
        if (d != null) {
            parts.add(d);
            end += d.getNumPartitions();
        }
        return new Carried(parts, firstCurated, firstDuplicate, end, count(spark, curated), count(spark, duplicates));
    }

    /**
     * Why an incremental run must not publish (null when it may): no curated record would remain, or far fewer
     * than before (replaced files that lost most of their records) unless allowed.
     */
    static String refusal(IngestReport report, boolean allowShrink, double shrinkLimit, String curated) {
        IngestReport.Refresh r = report.refresh();
        if (r.curated() == 0) {
            return String.format(Locale.ROOT, "no curated record would remain (read %d: %d accepted, %d duplicates, "
                            + "%d excluded, %d quarantined, from %d new and %d changed files); %s not replaced",
                    report.read(), report.accepted(), report.duplicates(), report.excluded(), report.quarantined(),
                    r.newFiles().size(), r.changedFiles().size(), curated);
        }
        if (allowShrink || report.quarantineShareExceeded()) return null;
        if (r.curated() < shrinkLimit * r.previousCurated()) {
            return String.format(Locale.ROOT, "%d records would replace the %d of %s, fewer than %.0f%% of them "
                            + "(airesilience.ingest.shrink-limit; %d replaced with the changed files %s); nothing "
                            + "published. Check the raw files, or publish the smaller set with --allow-shrink "
                            + "(airesilience.ingest.allow-shrink = true)",
                    r.curated(), r.previousCurated(), curated, 100 * shrinkLimit, r.replaced(), r.changedFiles());
        }
        return null;
    }

    /**
     * The records of {@code table} (curated patents or kept duplicates) whose source file is not in
     * {@code replaced}, read in bounded chunks per Spark partition; null when the table does not exist.
     */
    static JavaRDD<ParsedPartition> read(SparkSession spark, Path table, Set<String> replaced, boolean duplicates) {
        Dataset<Row> rows = rows(spark, table, replaced);
        if (rows == null) return null;
        long offset = duplicates ? DUPLICATE_OFFSET : CURATED_OFFSET;
        return rows.select(col("application_number"), unix_date(col("application_date")), col("publication_number"),
                        unix_date(col("publication_date")), col("title"), col("abstract"), col("claims"),
                        col("applicant"), col("inventor"), col("address"), col("province_code"), col("postal_code"),
                        col("ipc_main"), col("ipc"), col("patent_type"), col("province"), col("city"),
                        col("applicant_provinces"), col("source_file"), col("source_line"))
                .javaRDD()
                .mapPartitions(it -> ParsedPartition.chunks(MappedIterator.map(it, r -> outcome(r, offset)), tail -> { }));
    }

    /** Rows of a table less the replaced files' (null when there is no table); {@link #count} of what is kept. */
    static Dataset<Row> rows(SparkSession spark, Path table, Set<String> replaced) {
        if (!hasParquet(spark, table)) return null;
        Dataset<Row> all = spark.read().parquet(table.toString());
        return replaced.isEmpty() ? all : all.where(not(col("source_file").isin(replaced.toArray())));
    }

    /**
     * Rows of a table, 0 when there is none: the sum of its Parquet files' row counts, read from their footers on the
     * driver (a Spark count would plan and run two jobs for what the footers say).
     */
    static long count(SparkSession spark, Path table) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        long rows = 0;
        for (FileStatus f : parquetFiles(spark, table)) {
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                rows += r.getRecordCount();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + f.getPath(), e);
            }
        }
        return rows;
    }

    /** Whether a table folder holds Parquet files of its own (not under a hidden folder such as _ingest). */
    private static boolean hasParquet(SparkSession spark, Path table) {
        return !parquetFiles(spark, table).isEmpty();
    }

    /** The Parquet files of a table folder, not under a hidden folder such as _ingest; none when it is missing. */
    private static List<FileStatus> parquetFiles(SparkSession spark, Path table) {
        try {
            FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(table)) return List.of();
            return LakeFiles.visibleFiles(fs, fs.makeQualified(table)).stream()
                    .filter(f -> f.relative().endsWith(".parquet")).map(LakeFiles.Listed::status).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + table, e);
        }
    }

    /** A carried row as the outcome it was parsed into (source offset {@code offset}: carried, not re-read). */
    private static Outcome outcome(Row r, long offset) {
        Outcome o = new Outcome();
        o.applicationNumber = r.getString(0);
        o.applicationDate = LocalDate.ofEpochDay(r.getInt(1));
        o.publicationNumber = r.getString(2);
        o.publicationDate = r.isNullAt(3) ? null : LocalDate.ofEpochDay(r.getInt(3));
        o.title = r.getString(4);
        o.abstractText = r.getString(5);
        o.claims = r.getString(6);
        o.applicant = r.getString(7);
        o.inventor = r.getString(8);
        o.address = r.getString(9);
        o.provinceCode = r.getString(10);
        o.postalCode = r.getString(11);
        o.ipcMain = r.getString(12);
        o.ipc = r.getString(13);
        o.patentType = r.getString(14);
        o.province = r.getString(15);
        o.city = r.getString(16);
        o.applicantProvinces = r.isNullAt(17) ? null : String.join(";", r.<String>getList(17));
        o.sourceFile = r.getString(18);
        o.sourceLine = r.getLong(19);
        o.sourceOffset = offset;
        return o;
    }

    /**
     * Copies the quarantined (or excluded) records of the carried files ({@link SourceSelection#carriedFiles}) from the published folder
     * {@code published} into the staged one, as {@code carried-<n>.json} (one per published file that keeps any
     * record, in name order), in Spark tasks; the records read now are written beside them as usual.
     */
    static void writeOutcomes(SparkSession spark, Path published, Set<String> carried, Path staged)
            throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path dir = published;
        FileSystem fs = dir.getFileSystem(hadoop);
        if (!fs.exists(dir)) return;
        List<String> files = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
            String name = st.getPath().getName();
            if (st.isFile() && name.endsWith(".json") && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(st.getPath().toString());
            }
        }
        if (files.isEmpty()) return;
        files.sort(null);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        Broadcast<Set<String>> keep = jsc.broadcast(carried);
        String table = staged.toString();
        List<Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) indexed.add(new Indexed(i, files.get(i)));
        List<TaskFiles> written = jsc.parallelize(indexed, indexed.size())
                .map(f -> copyKept(f, keep.value(), table, conf.value().value()))
                .collect();
        TaskFiles.commit(written, table, hadoop);
    }

    private record Indexed(int index, String uri) implements Serializable {
    }

    private static TaskFiles copyKept(Indexed source, Set<String> carried, String table, Configuration conf)
            throws IOException {
        String attempt = TaskFiles.attemptFolder(TaskContext.get().taskAttemptId());
        String file = String.format(Locale.ROOT, "carried-%05d.json", source.index());
        Path in = new Path(source.uri());
        Path out = new Path(table + "/" + attempt + "/" + file);
        long kept = 0;
        OutputStream o = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in.getFileSystem(conf).open(in),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) continue;
                JsonNode record = Json.MAPPER.readTree(line);
                if (!carried.contains(record.get("source_file").asText())) continue;
                if (o == null) o = out.getFileSystem(conf).create(out, true);
                o.write(line.getBytes(StandardCharsets.UTF_8));
                o.write('\n');
                kept++;
            }
        } finally {
            if (o != null) o.close();
        }
        if (o == null) return new TaskFiles(attempt, List.of());
        TaskFiles.reportWritten(kept, List.of(out), conf);
        return new TaskFiles(attempt, List.of(file));
    }
}
