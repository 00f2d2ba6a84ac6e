package org.airesilience.distributed;

import com.typesafe.config.Config;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;

/**
 * Chooses how replicates run, from {@code airesilience.replicates.runner}:
 * <ul>
 *   <li>{@code auto} (default): in this JVM on {@code replicates.threads} threads when the job is not on a cluster
 *       (the Spark master, spark-submit's {@code spark.master} or else {@code airesilience.spark.master}, is
 *       {@code local...}) or when it is small ({@code replicates x rows <= replicates.in-process-max-work}); Spark
 *       otherwise. Starting Spark costs seconds that a small bootstrap never wins back.</li>
 *   <li>{@code local}: always in this JVM.</li>
 *   <li>{@code spark}: a Spark dataset of replicate ids, split into {@code partitions} (default
 *       {@code airesilience.spark.partitions}, where 0 means Spark's default parallelism).</li>
 * </ul>
 * All give identical results for the same seed.
 */
public final class ReplicateRunners {
    private ReplicateRunners() {
    }

    /** The runner for a job of unknown size ({@code auto} then decides by the Spark master alone). */
    public static ReplicateRunner create(Config config, long seed, Integer partitions) {
        return create(config, seed, partitions, Long.MAX_VALUE);
    }

    /**
     * @param work replicates times the rows each replicate processes (for {@code auto}); Long.MAX_VALUE if unknown
     */
    public static ReplicateRunner create(Config config, long seed, Integer partitions, long work) {
        boolean progress = config.getBoolean("airesilience.replicates.progress");
        String runner = config.getString("airesilience.replicates.runner");
        int threads = config.getInt("airesilience.replicates.threads");
        switch (runner) {
            case "auto":
                if (inProcess(config, work)) return new LocalReplicateRunner(seed, progress, threads);
                return spark(config, seed, partitions, progress);
            case "local":
                return new LocalReplicateRunner(seed, progress, threads);
            case "spark":
                return spark(config, seed, partitions, progress);
            default:
                throw new IllegalArgumentException(
                        "airesilience.replicates.runner must be 'auto', 'local' or 'spark', got '" + runner + "'");
        }
    }

    /** Whether {@code auto} runs in this JVM: not on a cluster, or a small job. */
    static boolean inProcess(Config config, long work) {
        String master = System.getProperty("spark.master", config.getString("airesilience.spark.master"));
        boolean cluster = !master.trim().toLowerCase(Locale.ROOT).startsWith("local");
        return !cluster || work <= config.getLong("airesilience.replicates.in-process-max-work");
    }

    private static ReplicateRunner spark(Config config, long seed, Integer partitions, boolean progress) {
        SparkSession spark = Sparks.session(config, "replicates");
        int n = partitions(partitions, config, spark.sparkContext().defaultParallelism());
        return new SparkReplicateRunner(spark, seed, n, progress);
    }

    /** The requested count, else the configured one; 0 (the default) stands for Spark's default parallelism. */
    static int partitions(Integer requested, Config config, int defaultParallelism) {
        int n = requested != null ? requested : config.getInt("airesilience.spark.partitions");
        if (n < 0) throw new IllegalArgumentException("partitions must be at least 0 (0 = Spark's default), got " + n);
        return n == 0 ? defaultParallelism : n;
    }
}
