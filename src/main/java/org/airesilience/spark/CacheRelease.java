package org.airesilience.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;

/**
 * Drops a cached dataset without making the caller wait. Spark deletes the blocks of a dataset one after another,
 * and gigabytes of blocks on local disk (ingest's parsed chunks) take seconds of waiting on the file system, which
 * the next job need not spend. The drop runs on a thread of its own; a Spark context that stops first waits for the
 * drops still running, since a removal cut off by the stop fails with stack traces in the log.
 */
public final class CacheRelease {
    private CacheRelease() {
    }

    /** Unpersists {@code rdd} on a thread of its own; the context's stop waits for it. */
    public static void releaseLater(JavaRDD<?> rdd) {
        SparkContext sc = rdd.context();
        WaitAtStop wait = new WaitAtStop();
        wait.drop = new Thread(() -> {
            try {
                rdd.unpersist(true);
            } finally {
                sc.removeSparkListener(wait);
            }
        }, "release cached rdd " + rdd.id());
        wait.drop.setDaemon(true);
        sc.addSparkListener(wait);
        wait.drop.start();
    }

    /**
     * Joins the drop when the application ends: Spark posts that event first when it stops and drains its listeners
     * before it stops the block manager.
     */
    private static final class WaitAtStop extends SparkListener {
        private Thread drop;

        @Override
        public void onApplicationEnd(SparkListenerApplicationEnd end) {
            try {
                drop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
