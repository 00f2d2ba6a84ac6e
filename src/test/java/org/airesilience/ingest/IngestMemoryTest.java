package org.airesilience.ingest;

import org.airesilience.config.Settings;
import org.airesilience.spark.Sparks;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task out of memory fails the job like any task (the JVM lives on) and the run's message names the settings. */
class IngestMemoryTest {
    /** An iterator whose second element does not fit. */
    private static Iterator<Integer> exhausting() {
        return new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (n++ == 1) throw new OutOfMemoryError("Java heap space");
                return n;
            }
        };
    }

    @Test
    void outOfMemoryInATaskFailsTheJobWithTheSettingsToChange() {
        SparkConf conf = new SparkConf().setMaster("local[1]").setAppName("ingest memory test")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            Exception e = assertThrows(Exception.class, () -> jsc.parallelize(List.of(1), 1)
                    .mapPartitions(it -> IngestMemory.guard(exhausting(), "reading big.csv")).collect());
            String message = IngestMemory.message(e, 128L << 20);
            assertNotNull(message, e.toString());
            assertTrue(message.startsWith("ingest ran out of memory reading big.csv (Java heap space); nothing published"),
                    message);
            assertTrue(message.contains("spark.driver.memory") && message.contains("spark.executor.memory")
                    && message.contains("airesilience.ingest.split-size, now 128M"), message);
            assertEquals(1, message.lines().count());
            // the context still runs jobs: the error did not take the executor down
            assertEquals(3L, jsc.parallelize(List.of(1, 2, 3), 1).count());
        }
    }

    @Test
    void outOfMemoryInSparksOwnCodeFailsTheJobInLocalMode() {
        // not guarded: as when Spark's own code (a block read, a shuffle buffer) runs out of memory in a task
        SparkConf given = new SparkConf(false).setMaster("local[1]");
        SparkConf conf = Sparks.conf(Settings.defaults(), given, "ingest memory test").set("spark.ui.enabled", "false");
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            Exception e = assertThrows(Exception.class, () -> jsc.parallelize(List.of(1), 1)
                    .mapPartitions(it -> exhausting()).collect());
            String message = IngestMemory.message(e, 128L << 20);
            assertNotNull(message, e.toString());
            assertTrue(message.startsWith("ingest ran out of memory (Java heap space); nothing published"), message);
            assertEquals(3L, jsc.parallelize(List.of(1, 2, 3), 1).count());
        }
    }

    @Test
    void driverOutOfMemoryAndOtherFailures() {
        String message = IngestMemory.message(new RuntimeException("wrapped", new OutOfMemoryError("Java heap space")), 1000);
        assertTrue(message.startsWith("ingest ran out of memory (Java heap space); nothing published"), message);
        assertTrue(message.endsWith("now 1000)"), message);
        assertNull(IngestMemory.message(new IllegalStateException("no raw files"), 1000));
    }
}
