package org.airesilience.lake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import org.airesilience.cli.Main;
import org.airesilience.config.Settings;
import org.airesilience.ingest.IngestJob;
import org.airesilience.measure.MeasureJob;
import org.airesilience.panel.PanelCommand;
import org.airesilience.spark.Sparks;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.region.Gazetteer;
import org.airesilience.report.Json;
import org.airesilience.sample.SampleGenerator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline on a real HDFS (Hadoop's in-process MiniDFSCluster: a name node and a data node): ingest, the AI
 * measure and a panel (the jobs, in one Spark session) and a study ({@code ./submit.sh study --lake hdfs://...}) on
 * an {@code hdfs://} lake give the same curated patents, quarantine, measure, panel and study tables as on a local
 * lake; every table is published as a run folder that its LATEST names.
 */
class LakeOnHdfsTest {
    static final String PANEL_SPEC = "src/test/resources/lake/lake-test.conf";
    static final String STUDY = "src/test/resources/lake/study.conf";

    @TempDir
    static java.nio.file.Path dir;
    static MiniDFSCluster cluster;
    static FileSystem hdfs;
    static String hdfsLake;
    static java.nio.file.Path localLake;
    static SparkSession spark;
    static Config config;

    @BeforeAll
    static void runThePipelineOnBothLakes() throws IOException {
        config = Settings.load(null, Map.of("spark.master", "local[2]"));
        localLake = dir.resolve("local-lake");
        new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(config), s -> { }).generate(localLake, 0.0005, 3);

        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        hdfsLake = cluster.getURI() + "/lake";
        hdfs.copyFromLocalFile(false, true, new Path(localLake.resolve("raw").toUri()), new Path(hdfsLake + "/raw"));

        spark = Sparks.session(config, "lake on HDFS test");
        pipeline(localLake.toString());
        run("ingest", "--lake", hdfsLake, "--dry-run"); // the command line takes the URI as it is
        pipeline(hdfsLake);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
        if (cluster != null) cluster.shutdown();
    }

    private static void pipeline(String location) {
        Lake lake = Lake.open(location, config, spark.sparkContext().hadoopConfiguration());
        IngestJob.run(spark, config, lake.uri("raw/patents"), lake, Lake.newRunId());
        MeasureJob.run(spark, config, lake, "province", 2006, 2020, null, Lake.newRunId());
        PanelCommand.build(spark, config, java.nio.file.Path.of(PANEL_SPEC), lake, "lenient");
        run("study", "--config", STUDY, "--lake", location, "--run-id", "r1");
        // An econometrics command reading --data from the lake and writing --json into it.
        String panel = lake.table("curated/panels/lake-test").current() + "/panel.csv";
        run("estimate", "--data", panel, "--formula", "lp ~ AI + en | region_code + year", "--json",
                lake.uri("results/estimate.json"));
    }

    private static void run(String... args) {
        assertEquals(0, Main.commandLine().execute(args), () -> String.join(" ", args));
    }

    /** The bytes of {@code file} in the current run of {@code table} on HDFS. */
    private static byte[] onHdfs(String table, String file) throws IOException {
        LakeTable t = new LakeTable(hdfs, new Path(hdfsLake + "/" + table), 3);
        return LakeFiles.readOrNull(hdfs, new Path(t.current(), file));
    }

    private static byte[] onLocal(String table, String file) throws IOException {
        return Files.readAllBytes(LakeTable.currentLocal(localLake.resolve(table)).resolve(file));
    }

    @Test
    void everyTableIsARunFolderNamedByLatestOnHdfs() throws IOException {
        for (String table : List.of("curated/patents", "quarantine/patents", "excluded/patents", "curated/ai_measure",
                "curated/panels/lake-test", "results/lake-test-study")) {
            LakeTable t = new LakeTable(hdfs, new Path(hdfsLake + "/" + table), 3);
            String run = t.latestRun();
            assertTrue(run != null && hdfs.exists(new Path(t.current(), LakeTable.COMPLETE)), table + " " + run);
        }
        assertEquals("r1", new LakeTable(hdfs, new Path(hdfsLake + "/results/lake-test-study"), 3).latestRun());
        assertTrue(hdfs.exists(new Path(hdfsLake + "/reports")), "the ingest report");
        assertFalse(Files.exists(java.nio.file.Path.of("hdfs:")), "no local folder named after the scheme");
    }

    @Test
    void curatedPatentsAndQuarantineEqualTheLocalLakes() throws IOException {
        String table = "curated/patents";
        List<Row> local = spark.read().parquet(LakeTable.currentLocal(localLake.resolve(table)).toString())
                .orderBy("application_number").collectAsList();
        LakeTable t = new LakeTable(hdfs, new Path(hdfsLake + "/" + table), 3);
        List<Row> remote = spark.read().parquet(t.current().toString()).orderBy("application_number").collectAsList();
        assertTrue(local.size() > 100, "patents " + local.size());
        assertEquals(local, remote);
        for (String records : List.of("quarantine/patents", "excluded/patents")) {
            List<String> lines = jsonLines(LakeTable.currentLocal(localLake.resolve(records)).toString());
            assertTrue(!lines.isEmpty(), records);
            assertEquals(lines, jsonLines(new LakeTable(hdfs, new Path(hdfsLake + "/" + records), 3).current().toString()),
                    records);
        }
    }

    /** The records of a JSON Lines table without their run id (each lake's run has its own), in order. */
    private static List<String> jsonLines(String folder) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : spark.read().textFile(folder).collectAsList()) {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(line);
            o.remove("run_id");
            out.add(o.toString());
        }
        out.sort(null);
        return out;
    }

    @Test
    void econometricsCommandsReadAndWriteHdfsUris() throws IOException {
        byte[] local = Files.readAllBytes(localLake.resolve("results/estimate.json"));
        assertTrue(new String(local, StandardCharsets.UTF_8).contains("\"AI\""));
        assertArrayEquals(local, LakeFiles.readOrNull(hdfs, new Path(hdfsLake + "/results/estimate.json")));
    }

    @Test
    void measurePanelAndStudyTablesEqualTheLocalLakes() throws IOException {
        assertArrayEquals(onLocal("curated/ai_measure", "ai_measure.csv"), onHdfs("curated/ai_measure", "ai_measure.csv"));
        byte[] panel = onLocal("curated/panels/lake-test", "panel.csv");
        assertTrue(new String(panel, StandardCharsets.UTF_8).startsWith("region_code,region_name,year,lp,en,AI,"));
        assertArrayEquals(panel, onHdfs("curated/panels/lake-test", "panel.csv"));
        for (String f : List.of("imputation_log.csv", "coverage.csv")) {
            assertArrayEquals(onLocal("curated/panels/lake-test", f), onHdfs("curated/panels/lake-test", f), f);
        }
        for (String f : List.of("tables/table2.csv", "tables/table3.csv", "tables/table3.md", "models/table3-1.json")) {
            byte[] local = onLocal("results/lake-test-study", f);
            assertArrayEquals(local, onHdfs("results/lake-test-study", f), f);
        }
    }
}
