package org.airesilience.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WriteGroupsTest {
    @Test
    void balancesRecordsWhereEqualCountsOfPartitionsWouldNot() {
        // one compressed file read whole (800 records) and eight splits of 100: Spark's coalescing would give one task
        // 1,200 records and the other 400
        long[] records = {100, 100, 800, 100, 100, 100, 100, 100, 100};
        assertEquals(List.of(List.of(2), List.of(0, 1, 3, 4, 5, 6, 7, 8)), WriteGroups.assign(records, 2));
        // largest first to the group with the fewest so far, the first group on ties; each group in partition order
        assertEquals(List.of(List.of(0, 3), List.of(1, 2)), WriteGroups.assign(new long[]{50, 30, 20, 10}, 2));
        // more groups than partitions, and partitions without records, still give no empty group
        assertEquals(List.of(List.of(0), List.of(1)), WriteGroups.assign(new long[]{0, 0}, 4));
        assertEquals(List.of(List.of(0, 2), List.of(1, 3)), WriteGroups.assign(new long[]{0, 0, 0, 0}, 2));
    }

    @Test
    void sparkReadsTheGroupsAsAssigned() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("write groups test")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<Integer> partitionIndexes = jsc.parallelize(IntStream.range(0, 9).boxed().toList(), 9);
            long[] records = {100, 100, 800, 100, 100, 100, 100, 100, 100};
            List<List<Integer>> read = WriteGroups.coalesce(partitionIndexes, 2, records).glom().collect();
            assertEquals(WriteGroups.assign(records, 2), read);
        } finally {
            spark.stop();
        }
    }
}
