package org.airesilience.distributed;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs replicates as a Spark RDD of replicate ids. The task (with the data it carries) is broadcast once; each
 * replicate draws from {@code Seeds.stream(seed, stage, id)} alone, so results do not depend on the number of
 * partitions, on which executor ran a replicate, or on whether a task attempt failed and was retried. Results come
 * back in id order.
 */
public final class SparkReplicateRunner implements ReplicateRunner {
    private final SparkSession spark;
    private final long seed;
    private final int partitions;
    private final boolean progress;

    public SparkReplicateRunner(SparkSession spark, long seed, int partitions, boolean progress) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        this.spark = spark;
        this.seed = seed;
        this.partitions = partitions;
        this.progress = progress;
    }

    @Override
    public <R extends Serializable> List<R> run(String stage, int replicates, ReplicateTask<R> task) {
        if (replicates < 0) throw new IllegalArgumentException("replicates must be non-negative, got " + replicates);
        if (replicates == 0) return List.of();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ReplicateTask<R>> broadcast = jsc.broadcast(task);
        LongAccumulator done = spark.sparkContext().longAccumulator("replicates done: " + stage);
        ProgressListener listener = progress ? new ProgressListener(done.id(), Progress.toStderr(stage, replicates))
                : null;
        if (listener != null) spark.sparkContext().addSparkListener(listener);
        try {
            JavaRDD<Object> ids = spark.sparkContext().range(0, replicates, 1, partitions).toJavaRDD();
            List<Tuple2<Long, R>> collected = ids.map(replicate(seed, stage, broadcast, done)).collect();
            return inIdOrder(collected, replicates);
        } finally {
            if (listener != null) {
                spark.sparkContext().removeSparkListener(listener);
                listener.finish(replicates);
            }
            broadcast.destroy();
        }
    }

    /** A static factory, so the closure captures only what executors need (never the session). */
    private static <R extends Serializable> Function<Object, Tuple2<Long, R>> replicate(
            long seed, String stage, Broadcast<ReplicateTask<R>> broadcast, LongAccumulator done) {
        return boxedId -> {
            long id = (Long) boxedId;
            R result = broadcast.value().run(id, Seeds.stream(seed, stage, id));
            done.add(1);
            return new Tuple2<>(id, result);
        };
    }

    private static <R> List<R> inIdOrder(List<Tuple2<Long, R>> collected, int replicates) {
        List<R> out = new ArrayList<>(replicates);
        for (int i = 0; i < replicates; i++) out.add(null);
        boolean[] seen = new boolean[replicates];
        for (Tuple2<Long, R> t : collected) {
            int id = Math.toIntExact(t._1());
            if (seen[id]) throw new IllegalStateException("replicate " + id + " returned twice");
            seen[id] = true;
            out.set(id, t._2());
        }
        for (int i = 0; i < replicates; i++) {
            if (!seen[i]) throw new IllegalStateException("replicate " + i + " is missing from the results");
        }
        return out;
    }

    /**
     * Advances the driver's progress log as tasks succeed, by the accumulator updates they report (updates of failed
     * attempts are not counted, as Spark does not merge them).
     */
    private static final class ProgressListener extends SparkListener {
        private final long accumulatorId;
        private final Progress progress;
        private long reported;
        private boolean open = true;

        ProgressListener(long accumulatorId, Progress progress) {
            this.accumulatorId = accumulatorId;
            this.progress = progress;
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            if (!open || end.taskInfo() == null || !end.taskInfo().successful()) return;
            for (AccumulableInfo info : CollectionConverters.asJava(end.taskInfo().accumulables())) {
                if (info.id() == accumulatorId && info.update().isDefined()) {
                    long n = ((Number) info.update().get()).longValue();
                    reported += n;
                    progress.advance(n);
                }
            }
        }

        /** Reports any remainder whose task-end events are still queued when the job has returned. */
        synchronized void finish(long total) {
            open = false;
            if (reported < total) progress.advance(total - reported);
        }
    }
}
