package org.airesilience.distributed;

import com.typesafe.config.Config;
import org.airesilience.spark.Sparks;

/**
 * Chooses how replicates run, from {@code airesilience.replicates.runner}: {@code spark} (default; a Spark dataset of
 * replicate ids, split into {@code partitions}, default {@code airesilience.spark.partitions}) or {@code local}
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
                int n = partitions != null ? partitions : config.getInt("airesilience.spark.partitions");
                return new SparkReplicateRunner(Sparks.session(config, "replicates"), seed, n, progress);
            default:
                throw new IllegalArgumentException(
                        "airesilience.replicates.runner must be 'spark' or 'local', got '" + runner + "'");
        }
    }
}
