package org.airesilience.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheReleaseTest {
    @TempDir
    Path local;

    @Test
    void dropsTheCachedBlocksOnItsOwnThreadAndTheStopWaitsForIt() throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("cache release test")
                .config("spark.ui.enabled", "false").config("spark.local.dir", local.toString()).getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<Integer> rdd = jsc.parallelize(IntStream.range(0, 40_000).boxed().toList(), 4).persist(StorageLevel.DISK_ONLY());
            assertEquals(40_000, rdd.count());
            assertEquals(4, blocks(rdd.id()));

            CacheRelease.releaseLater(rdd);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((blocks(rdd.id()) > 0 || spark.sparkContext().getPersistentRDDs().contains(rdd.id()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, blocks(rdd.id()));
            assertFalse(spark.sparkContext().getPersistentRDDs().contains(rdd.id()));

            // released once more and stopped at once: the stop waits for the drop's thread
            JavaRDD<Integer> again = jsc.parallelize(IntStream.range(0, 40_000).boxed().toList(), 4)
                    .persist(StorageLevel.DISK_ONLY());
            assertEquals(40_000, again.count());
            CacheRelease.releaseLater(again);
            spark.stop();
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("release cached rdd " + again.id()) && t.isAlive()));
        } finally {
            spark.stop();
        }
    }

    /** Spark's block files of the dataset under the local directory. */
    private long blocks(int rddId) throws IOException {
        try (Stream<Path> files = Files.walk(local)) {
            return files.filter(p -> p.getFileName().toString().startsWith("rdd_" + rddId + "_")).count();
        }
    }
}
