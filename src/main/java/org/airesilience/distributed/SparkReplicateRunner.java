package org.airesilience.distributed;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

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
    /** The progress of a stage of so many replicates, or null for none. */
    private final BiFunction<String, Integer, Progress> progress;

    public SparkReplicateRunner(SparkSession spark, long seed, int partitions, boolean progress) {
        this(spark, seed, partitions, progress ? (stage, replicates) -> Progress.of(stage, replicates) : null);
    }

    /** With a progress of one's own (a test's interval and lines). */
    SparkReplicateRunner(SparkSession spark, long seed, int partitions, BiFunction<String, Integer, Progress> progress) {
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
        ProgressListener listener = progress != null
                ? new ProgressListener(done.id(), progress.apply(stage, replicates)) : null;
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
     * Advances the driver's progress log from the accumulator: in-flight counts arrive with executor heartbeats,
     * final counts with each successful task end. The count logged never goes back; a failed attempt's replicates
     * are counted again only once its retry passes them.
     */
    private static final class ProgressListener extends SparkListener {
        private final long accumulatorId;
        private final Progress progress;
        private final Map<Long, Long> running = new HashMap<>();
        private final Set<Long> ended = new HashSet<>();
        private long completed;
        private long reported;
        private boolean open = true;

        ProgressListener(long accumulatorId, Progress progress) {
            this.accumulatorId = accumulatorId;
            this.progress = progress;
        }

        @Override
        public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            if (!open) return;
            for (var task : CollectionConverters.asJava(update.accumUpdates())) {
                long taskId = (Long) task._1();
                if (ended.contains(taskId)) continue;
                Long value = replicatesIn(task._4());
                if (value != null) running.put(taskId, value);
            }
            report();
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            if (!open || end.taskInfo() == null) return;
            long taskId = end.taskInfo().taskId();
            ended.add(taskId);
            running.remove(taskId);
            if (end.taskInfo().successful()) {
                Long value = replicatesIn(end.taskInfo().accumulables());
                if (value != null) completed += value;
            }
            report();
        }

        private Long replicatesIn(Seq<AccumulableInfo> infos) {
            for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
                if (info.id() == accumulatorId && info.update().isDefined()) {
                    return ((Number) info.update().get()).longValue();
                }
            }
            return null;
        }

        private void report() {
            long current = completed + running.values().stream().mapToLong(Long::longValue).sum();
            if (current > reported) {
                progress.advance(current - reported);
                reported = current;
            }
        }

        /** Reports any remainder whose task-end events are still queued when the job has returned. */
        synchronized void finish(long total) {
            open = false;
            if (reported < total) progress.advance(total - reported);
        }
    }
}
