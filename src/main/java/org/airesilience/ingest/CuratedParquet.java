package org.airesilience.ingest;

import org.airesilience.spark.TaskFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@link CuratedRecords} as the Parquet files of {@link IngestJob#CURATED_SCHEMA}, one folder per application
 * year ({@code application_year=2017/}), straight from their UTF-8 bytes. The files are what Spark's own writer
 * makes of that schema (same Parquet types, Spark's schema in the footer), without the cost of building a row
 * object per record.
 *
 * <p>Tasks write and the driver commits as {@link TaskFiles} says.
 */
final class CuratedParquet {
    static final String PARTITION_COLUMN = "application_year";
    /** Columns nobody filters by range: their minimum and maximum are not worth comparing every value. */
    private static final List<String> WITHOUT_STATISTICS = List.of("title", "abstract", "claims", "applicant",
            "inventor", "address", "ipc");

    /**
     * Row group size: a write task keeps one file open per application year, each buffering its row group, so a
     * task's memory is about years x this, whatever the number of records (Parquet's default, 128 MB, would make it
     * grow to gigabytes with a national dump).
     */
    static final int ROW_GROUP_BYTES = 8 << 20;
    static final StructType FILE_SCHEMA = withoutPartitionColumn(IngestJob.CURATED_SCHEMA);
    static final MessageType PARQUET_SCHEMA = SparkParquet.parquetSchema(FILE_SCHEMA);

    private CuratedParquet() {
    }

    /**
     * The write options of a run: where the kept records go and where their duplicates go (the duplicates kept for
     * incremental runs, {@link CarriedRecords}; null to leave them out).
     */
    record Options(String tableUri, String duplicatesUri, String codec, String sparkVersion) implements Serializable {
    }

    /** What one task attempt wrote: the kept records' files and the duplicates' files. */
    record Written(TaskFiles kept, TaskFiles duplicates) implements Serializable {
    }

    /**
     * Writes one task's records in one pass over them: each block's first {@code dropped} records nowhere, its
     * duplicates into the duplicates' table (one file), the others into the table (one file per application year).
     */
    static Written write(Iterator<Block> blocks, int task, long attemptId, Options options, Configuration conf)
            throws IOException {
        String attempt = TaskFiles.attemptFolder(attemptId);
        CompressionCodecName codec = SparkParquet.codec(options.codec());
        String fileName = String.format(Locale.ROOT, "part-%05d%s.parquet", task, codec.getExtension());
        // The duplicates go into one file per task, not one per year: a task's open files and their buffered row
        // groups are what its memory holds, and nobody queries the duplicates by year.
        OpenFiles kept = new OpenFiles(options.tableUri() + "/" + attempt, true, fileName, codec,
                options.sparkVersion(), conf);
        OpenFiles duplicates = options.duplicatesUri() == null ? null : new OpenFiles(options.duplicatesUri() + "/"
                + attempt, false, fileName, codec, options.sparkVersion(), conf);
        try {
            while (blocks.hasNext()) {
                Block b = blocks.next();
                CuratedRecords.Cursor c = b.records().cursor();
                int next = 0;
                for (int ordinal = 0; c.next(); ordinal++) {
                    boolean duplicate = next < b.duplicates().length && b.duplicates()[next] == ordinal;
                    if (duplicate) next++;
                    if (ordinal < b.dropped()) continue;
                    OpenFiles to = duplicate ? duplicates : kept;
                    if (to == null) continue;
                    c.sourceLine += b.linesBefore(); // the line in the file, not the split
                    to.write(c);
                }
            }
        } finally {
            IOException failure = kept.close();
            if (duplicates != null) {
                IOException other = duplicates.close();
                if (failure == null) failure = other;
            }
            if (failure != null) throw failure;
        }
        if (TaskContext.get() != null) {
            TaskFiles.reportWritten(kept.written, kept.paths, conf);
            if (duplicates != null) TaskFiles.reportWritten(duplicates.written, duplicates.paths, conf);
        }
        return new Written(new TaskFiles(attempt, kept.files),
                new TaskFiles(attempt, duplicates == null ? List.of() : duplicates.files));
    }

    /**
     * One partition's chunk of records: the first {@code dropped} of them do not count (records of a split before
     * its cut, {@link ParsedPartition#cut}), {@code duplicates} are the ordinals of its duplicates (ascending), and
     * {@code linesBefore} the lines of its file before its partition ({@link ParsedPartition#linesBefore}).
     */
    record Block(CuratedRecords records, int dropped, int[] duplicates, long linesBefore) implements Serializable {
    }

    /**
     * The files of one task in one table: a writer per application year ({@code byYear}) or one for all, opened at its
     * first record.
     */
    private static final class OpenFiles {
        private final String folder;
        private final boolean byYear;
        private final String fileName;
        private final CompressionCodecName codec;
        private final String sparkVersion;
        private final Configuration conf;
        private final Map<Integer, ParquetWriter<CuratedRecords.Cursor>> writers = new TreeMap<>();
        final List<String> files = new ArrayList<>();
        final List<Path> paths = new ArrayList<>();
        long written;

        OpenFiles(String folder, boolean byYear, String fileName, CompressionCodecName codec, String sparkVersion,
                   Configuration conf) {
            this.folder = folder;
            this.byYear = byYear;
            this.fileName = fileName;
            this.codec = codec;
            this.sparkVersion = sparkVersion;
            this.conf = conf;
        }

        void write(CuratedRecords.Cursor c) throws IOException {
            int year = byYear ? java.time.LocalDate.ofEpochDay(c.applicationDay).getYear() : 0;
            ParquetWriter<CuratedRecords.Cursor> w = writers.get(year);
            if (w == null) {
                String file = byYear ? PARTITION_COLUMN + "=" + year + "/" + fileName : fileName;
                Path path = new Path(folder + "/" + file);
                w = new Writer(path, sparkVersion)
                        .withConf(conf)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .withCompressionCodec(codec)
                        .withRowGroupSize(ROW_GROUP_BYTES)
                        // Hashing every value for a dictionary cost a fifth of the write; snappy still
                        // compresses the repeats of the few repetitive columns (regions, types, dates).
                        .withDictionaryEncoding(false)
                        .build();
                writers.put(year, w);
                files.add(file);
                paths.add(path);
            }
            w.write(c);
            written++;
        }

        /** Closes every file; the first failure, or null. */
        IOException close() {
            IOException failure = null;
            for (ParquetWriter<?> w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    if (failure == null) failure = e;
                }
            }
            return failure;
        }
    }

    private static StructType withoutPartitionColumn(StructType schema) {
        StructType out = new StructType();
        for (StructField f : schema.fields()) if (!f.name().equals(PARTITION_COLUMN)) out = out.add(f);
        return out;
    }

    private static final class Writer extends ParquetWriter.Builder<CuratedRecords.Cursor, Writer> {
        private final String sparkVersion;

        Writer(Path file, String sparkVersion) {
            super(file);
            this.sparkVersion = sparkVersion;
            for (String c : WITHOUT_STATISTICS) withStatisticsEnabled(c, false);
            withSizeStatisticsEnabled(false); // value sizes for query planners; Spark does not read them
        }

        @Override
        protected Writer self() {
            return this;
        }

        @Override
        protected WriteSupport<CuratedRecords.Cursor> getWriteSupport(Configuration conf) {
            return new CursorWriteSupport(sparkVersion);
        }
    }

    /** Feeds the record under a cursor to Parquet, field by field, bytes as they are. */
    private static final class CursorWriteSupport extends WriteSupport<CuratedRecords.Cursor> {
        private static final int APPLICATION_DATE = FILE_SCHEMA.fieldIndex("application_date");
        private static final int PUBLICATION_DATE = FILE_SCHEMA.fieldIndex("publication_date");
        private static final int APPLICANT_PROVINCES = FILE_SCHEMA.fieldIndex("applicant_provinces");
        private static final int SOURCE_FILE = FILE_SCHEMA.fieldIndex("source_file");
        private static final int SOURCE_LINE = FILE_SCHEMA.fieldIndex("source_line");
        /** For each schema field, its index in {@link CuratedRecords#TEXT_COLUMNS}, or -1. */
        private static final int[] TEXT_COLUMN = new int[FILE_SCHEMA.size()];
        private static final String[] NAMES = FILE_SCHEMA.fieldNames();

        static {
            java.util.Arrays.fill(TEXT_COLUMN, -1);
            for (int i = 0; i < CuratedRecords.TEXT_COLUMNS.length; i++) {
                TEXT_COLUMN[FILE_SCHEMA.fieldIndex(CuratedRecords.TEXT_COLUMNS[i])] = i;
            }
        }

        private final String sparkVersion;
        private RecordConsumer out;
        private String lastSource;
        private Binary lastSourceBinary;

        CursorWriteSupport(String sparkVersion) {
            this.sparkVersion = sparkVersion;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(PARQUET_SCHEMA, SparkParquet.footer(FILE_SCHEMA, sparkVersion));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(CuratedRecords.Cursor c) {
            out.startMessage();
            for (int field = 0; field < NAMES.length; field++) { // in schema order
                int text = TEXT_COLUMN[field];
                if (text >= 0) {
                    if (c.length[text] < 0) continue;
                    out.startField(NAMES[field], field);
                    if (field == APPLICANT_PROVINCES) {
                        list(c.bytes, c.start[text], c.length[text]);
                    } else {
                        // "reused": Parquet then copies the values it keeps (a column's minimum and maximum per
                        // page and file); a constant slice would keep the whole 1 MB array of its chunk reachable
                        // until the file closes, and with it every chunk the task has written
                        out.addBinary(Binary.fromReusedByteArray(c.bytes, c.start[text], c.length[text]));
                    }
                    out.endField(NAMES[field], field);
                } else if (field == APPLICATION_DATE) {
                    integer(field, c.applicationDay);
                } else if (field == PUBLICATION_DATE) {
                    if (c.publicationDay != CuratedRecords.NO_DAY) integer(field, c.publicationDay);
                } else if (field == SOURCE_FILE) {
                    if (!c.sourceFile.equals(lastSource)) {
                        lastSource = c.sourceFile;
                        lastSourceBinary = Binary.fromString(lastSource);
                    }
                    out.startField(NAMES[field], field);
                    out.addBinary(lastSourceBinary);
                    out.endField(NAMES[field], field);
                } else if (field == SOURCE_LINE) {
                    out.startField(NAMES[field], field);
                    out.addLong(c.sourceLine);
                    out.endField(NAMES[field], field);
                } else {
                    throw new IllegalStateException("no value for " + NAMES[field]);
                }
            }
            out.endMessage();
        }

        private void integer(int field, int value) {
            out.startField(NAMES[field], field);
            out.addInteger(value);
            out.endField(NAMES[field], field);
        }

        /** A ';'-joined list as Parquet's three-level list of strings. */
        private void list(byte[] b, int start, int length) {
            out.startGroup();
            out.startField("list", 0);
            int from = start;
            int end = start + length;
            for (int i = start; i <= end; i++) {
                if (i < end && b[i] != ';') continue;
                out.startGroup();
                out.startField("element", 0);
                out.addBinary(Binary.fromReusedByteArray(b, from, i - from));
                out.endField("element", 0);
                out.endGroup();
                from = i + 1;
            }
            out.endField("list", 0);
            out.endGroup();
        }
    }
}
