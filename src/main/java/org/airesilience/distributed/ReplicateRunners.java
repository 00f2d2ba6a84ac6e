package org.airesilience.distributed;

import com.typesafe.config.Config;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;

/**
 * Chooses how replicates run, from {@code airesilience.replicates.runner}: {@code spark} (default; a Spark dataset of
 * replicate ids, split into {@code partitions}, default {@code airesilience.spark.partitions}, where 0 means Spark's
 * default parallelism) or {@code local}
 * (this JVM, one thread). Both give identical results for the same seed.
 */
public final class ReplicateRunners {
    private ReplicateRunners() {
    }

    public static ReplicateRunner create(Config config, long seed, Integer partitions) {
        boolean progress = config.getBoolean("airesilience.replicates.progress");
        String runner = config.getString("airesilience.replicates.runner");
        switch (runner) {
            case "local":
                return new LocalReplicateRunner(seed, progress);
            case "spark":
                SparkSession spark = Sparks.session(config, "replicates");
                int n = partitions(partitions, config, spark.sparkContext().defaultParallelism());
                return new SparkReplicateRunner(spark, seed, n, progress);
            default:
                throw new IllegalArgumentException(
                        "airesilience.replicates.runner must be 'spark' or 'local', got '" + runner + "'");
        }
    }

    /** The requested count, else the configured one; 0 (the default) stands for Spark's default parallelism. */
    static int partitions(Integer requested, Config config, int defaultParallelism) {
        int n = requested != null ? requested : config.getInt("airesilience.spark.partitions");
        if (n < 0) throw new IllegalArgumentException("partitions must be at least 0 (0 = Spark's default), got " + n);
        return n == 0 ? defaultParallelism : n;
    }
}
