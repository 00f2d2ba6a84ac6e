package org.airesilience.ingest;

import org.airesilience.config.Settings;
import org.airesilience.spark.Sparks;
import org.airesilience.spark.TaskFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.airesilience.ingest.CuratedRecordsTest.accepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Curated Parquet written from packed records, and rows written on the driver, are what Spark writes and reads. */
class CuratedParquetTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        spark = Sparks.session(Settings.load(null, Map.of("spark.master", "local[1]")), "curated parquet test");
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    private static MessageType footerSchema(Path folder) throws IOException {
        Path file;
        try (Stream<Path> s = Files.walk(folder)) {
            file = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFileMetaData().getSchema();
        }
    }

    @Test
    void parquetTypesAreSparksOwn() throws IOException {
        Path bySpark = dir.resolve("by-spark");
        Row row = RowFactory.create("CN201710117081", Date.valueOf("2017-03-01"), null, null, "t", null, null, null,
                null, null, null, null, null, null, null, "440000", null, new String[]{"440000"}, "a.csv", 1L, 2017);
        spark.createDataFrame(List.of(row), IngestJob.CURATED_SCHEMA).write().partitionBy("application_year")
                .parquet(bySpark.toString());
        assertEquals(footerSchema(bySpark), CuratedParquet.PARQUET_SCHEMA);
    }

    @Test
    void rowsWrittenOnTheDriverReadBackAsSparksOwn() throws IOException {
        StructType schema = new StructType().add("code", DataTypes.StringType, false)
                .add("name", DataTypes.StringType, true).add("year", DataTypes.IntegerType, false)
                .add("x", DataTypes.DoubleType, true).add("flag", DataTypes.IntegerType, true);
        List<Row> rows = List.of(RowFactory.create("110000", "北京市", 2010, 1.5, 1),
                RowFactory.create("120000", null, 2011, null, null),
                RowFactory.create("310000", "上海市", 2012, -0.0, 0));
        Path bySpark = dir.resolve("rows-by-spark");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(bySpark.toString());
        Path byDriver = dir.resolve("rows-by-driver");
        SparkParquet.writeRows(new org.apache.hadoop.fs.Path(byDriver.resolve("part-00000.snappy.parquet").toUri()),
                schema, rows.iterator(), "snappy", spark.version(), new Configuration());
        assertEquals(footerSchema(bySpark), footerSchema(byDriver));
        var expected = spark.read().parquet(bySpark.toString());
        var actual = spark.read().parquet(byDriver.toString());
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.orderBy("code").collectAsList(), actual.orderBy("code").collectAsList());
        assertNull(actual.orderBy("code").collectAsList().get(1).get(3));
    }

    @Test
    void writtenRecordsReadBackBySparkWithoutDuplicates() throws IOException {
        Outcome first = accepted("CN201710117081", "2017-07-14", "cnipa/a.csv", 2);
        first.abstractText = "本发明公开了 一种方法&系统";
        Outcome dropped = accepted("CN201710117081", "2018-01-01", "cnipa/a.csv", 3);
        Outcome other = accepted("CN85100462", null, "trs/b.trs", 7);
        other.applicationDate = java.time.LocalDate.of(1985, 4, 1);
        other.applicantProvinces = "310000";
        CuratedRecords records = new CuratedRecords();
        for (Outcome o : List.of(first, dropped, other)) records.add(o);
        records.seal();

        Path table = dir.resolve("patents");
        Path duplicates = dir.resolve("duplicates");
        CuratedParquet.Options options = new CuratedParquet.Options(table.toUri().toString(),
                duplicates.toUri().toString(), "snappy", spark.version());
        Configuration conf = new Configuration();
        CuratedParquet.Written done = CuratedParquet.write(List.of(
                new CuratedParquet.Block(records, 0, new int[]{1}, 0)).iterator(), 0, 11, options, conf);
        // a failed attempt of the same task: its files are never committed
        CuratedParquet.write(List.of(new CuratedParquet.Block(records, 0, new int[0], 0)).iterator(), 0, 12, options,
                conf);
        TaskFiles.commit(List.of(done.kept()), options.tableUri(), conf);
        TaskFiles.commit(List.of(done.duplicates()), options.duplicatesUri(), conf);

        List<Row> duplicateRows = spark.read().parquet(duplicates.toString()).collectAsList();
        assertEquals(1, duplicateRows.size());
        assertEquals(Date.valueOf("2018-01-01"), duplicateRows.get(0).getAs("publication_date"));
        assertEquals(3L, (long) duplicateRows.get(0).getAs("source_line"));
        assertFalse(Files.exists(table.resolve("_temporary")));
        assertTrue(Files.exists(table.resolve("_SUCCESS")));
        List<Row> rows = spark.read().parquet(table.toString()).orderBy("application_year").collectAsList();
        assertEquals(2, rows.size());
        Row old = rows.get(0);
        assertEquals("CN85100462", old.getAs("application_number"));
        assertEquals(1985, (int) old.getAs("application_year"));
        assertNull(old.getAs("publication_date"));
        assertEquals(List.of("310000"), old.getList(old.fieldIndex("applicant_provinces")));
        assertEquals(7L, (long) old.getAs("source_line"));
        Row kept = rows.get(1);
        assertEquals(Date.valueOf("2017-07-14"), kept.getAs("publication_date"));
        assertEquals(Date.valueOf("2017-03-01"), kept.getAs("application_date"));
        assertEquals("本发明公开了 一种方法&系统", kept.getAs("abstract"));
        assertEquals(List.of("440000", "110000"), kept.getList(kept.fieldIndex("applicant_provinces")));
        assertEquals("cnipa/a.csv", kept.getAs("source_file"));
        assertEquals(IngestJob.CURATED_SCHEMA.fieldNames().length, kept.schema().fieldNames().length);
        for (String f : IngestJob.CURATED_SCHEMA.fieldNames()) {
            assertEquals(IngestJob.CURATED_SCHEMA.apply(f).dataType(), kept.schema().apply(f).dataType(), f);
        }
    }

    @Test
    void recordsBeforeTheCutGoNowhereAndLinesCountFromTheFile() throws IOException {
        CuratedRecords records = new CuratedRecords();
        records.add(accepted("CN201710117081", "2017-07-14", "big.csv", 1)); // before the cut: another split's
        records.add(accepted("CN201710117082", null, "big.csv", 2));
        records.add(accepted("CN201710117083", null, "big.csv", 3));
        records.seal();
        Path table = dir.resolve("cut");
        CuratedParquet.Options options = new CuratedParquet.Options(table.toUri().toString(), null, "snappy",
                spark.version());
        Configuration conf = new Configuration();
        CuratedParquet.Written done = CuratedParquet.write(List.of(
                new CuratedParquet.Block(records, 1, new int[]{2}, 100)).iterator(), 3, 21, options, conf);
        assertEquals(List.of(), done.duplicates().files());
        TaskFiles.commit(List.of(done.kept()), options.tableUri(), conf);
        List<Row> rows = spark.read().parquet(table.toString()).collectAsList();
        assertEquals(1, rows.size());
        assertEquals("CN201710117082", rows.get(0).getAs("application_number"));
        assertEquals(102L, (long) rows.get(0).getAs("source_line"));
    }

    @Test
    void writtenChunksAreNotKeptReachableUntilTheFilesClose() throws IOException {
        // The first chunk holds the smallest application number, the minimum of its column for the whole file: a
        // writer that kept that value as a slice of the chunk's array would keep the array reachable.
        java.util.List<java.lang.ref.WeakReference<byte[]>> arrays = new java.util.ArrayList<>();
        boolean[] firstCollected = {false};
        Iterator<CuratedParquet.Block> blocks = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == 3) {
                    for (int i = 0; i < 5 && arrays.get(0).get() != null; i++) System.gc();
                    firstCollected[0] = arrays.get(0).get() == null;
                }
                return next < 4;
            }

            @Override
            public CuratedParquet.Block next() {
                CuratedRecords records = new CuratedRecords();
                records.add(accepted(String.format("CN2017%08d", next), "2017-07-14", "a.csv", next + 1));
                records.seal();
                CuratedRecords.Cursor c = records.cursor();
                c.next();
                arrays.add(new java.lang.ref.WeakReference<>(c.bytes));
                next++;
                return new CuratedParquet.Block(records, 0, new int[0], 0);
            }
        };
        Path table = dir.resolve("reachable");
        CuratedParquet.Options options = new CuratedParquet.Options(table.toUri().toString(), null, "snappy",
                spark.version());
        CuratedParquet.write(blocks, 0, 31, options, new Configuration());
        assertTrue(firstCollected[0], "the first chunk's array is still reachable after two more chunks");
    }
}
