package org.airesilience.distributed;

import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkReplicateRunnerTest {
    private static final long SEED = 20231101L;
    private static final int REPLICATES = 200;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        // local[2,4]: two threads, and a failed task is retried up to 4 times (as on a cluster).
        spark = SparkSession.builder().master("local[2,4]").appName("SparkReplicateRunnerTest")
                .config("spark.ui.enabled", "false").config("spark.executor.heartbeatInterval", "200ms")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A bootstrap of the mean and variance of a payload carried by the task, plus the raw stream. */
    static final class BootstrapMoments implements ReplicateTask<double[]> {
        private final double[] data;

        BootstrapMoments(double[] data) {
            this.data = data;
        }

        @Override
        public double[] run(long replicateId, SplittableRandom random) {
            double sum = 0, sumSq = 0;
            for (int i = 0; i < data.length; i++) {
                double v = data[random.nextInt(data.length)];
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / data.length;
            return new double[]{replicateId, mean, sumSq / data.length - mean * mean, random.nextGaussian()};
        }
    }

    /** Fails its first attempt in partition 0 after a replicate has already been computed there. */
    static final class FailsFirstAttempt implements ReplicateTask<double[]> {
        private final BootstrapMoments inner;

        FailsFirstAttempt(BootstrapMoments inner) {
            this.inner = inner;
        }

        @Override
        public double[] run(long replicateId, SplittableRandom random) {
            TaskContext ctx = TaskContext.get();
            if (ctx != null && ctx.partitionId() == 0 && ctx.attemptNumber() == 0 && replicateId == 1) {
                throw new IllegalStateException("deliberate failure of the first attempt");
            }
            return inner.run(replicateId, random);
        }
    }

    private static BootstrapMoments task() {
        SplittableRandom r = new SplittableRandom(7);
        double[] data = new double[500];
        for (int i = 0; i < data.length; i++) data[i] = r.nextGaussian() * 2 + 1;
        return new BootstrapMoments(data);
    }

    private static void assertBitIdentical(List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i), a = actual.get(i);
            assertEquals(e.length, a.length);
            for (int j = 0; j < e.length; j++) {
                assertEquals(Double.doubleToRawLongBits(e[j]), Double.doubleToRawLongBits(a[j]),
                        "replicate " + i + ", value " + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 64})
    void bitIdenticalToLocalRunnerForAnyPartitionCount(int partitions) {
        List<double[]> local = new LocalReplicateRunner(SEED, false).run("bootstrap", REPLICATES, task());
        List<double[]> distributed = new SparkReplicateRunner(spark, SEED, partitions, true)
                .run("bootstrap", REPLICATES, task());
        assertBitIdentical(local, distributed);
        for (int i = 0; i < REPLICATES; i++) assertEquals(i, distributed.get(i)[0], "results in id order");
    }

    @Test
    void streamsDependOnSeedAndStage() {
        List<double[]> a = new LocalReplicateRunner(SEED, false).run("bootstrap", 3, task());
        List<double[]> otherStage = new LocalReplicateRunner(SEED, false).run("stage-2", 3, task());
        List<double[]> otherSeed = new LocalReplicateRunner(SEED + 1, false).run("bootstrap", 3, task());
        assertNotEquals(a.get(0)[1], otherStage.get(0)[1]);
        assertNotEquals(a.get(0)[1], otherSeed.get(0)[1]);
    }

    @Test
    void bitIdenticalAfterAFailedTaskAttemptIsRetried() {
        AtomicInteger failedAttempts = new AtomicInteger();
        SparkListener failures = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) failedAttempts.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(failures);
        try {
            List<double[]> local = new LocalReplicateRunner(SEED, false).run("bootstrap", REPLICATES, task());
            List<double[]> retried = new SparkReplicateRunner(spark, SEED, 4, true)
                    .run("bootstrap", REPLICATES, new FailsFirstAttempt(task()));
            assertBitIdentical(local, retried);
        } finally {
            spark.sparkContext().removeSparkListener(failures);
        }
        waitForListenerEvents(failedAttempts);
        assertEquals(1, failedAttempts.get(), "exactly one task attempt failed and was retried");
    }

    @Test
    void progressIsLoggedWhileATaskIsStillRunning() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        // One task of 3 s: only executor heartbeats can report progress before it ends (lines every 0.5 s).
        new SparkReplicateRunner(spark, SEED, 1, (stage, replicates) -> new Progress(stage, replicates, 500, lines::add))
                .run("slow", 50, (id, random) -> {
                    try {
                        Thread.sleep(60);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return random.nextDouble();
                });
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[slow] ([1-9]|[1-4][0-9])/50 replicates.*")),
                "an intermediate count in " + lines);
        assertTrue(lines.get(lines.size() - 1).startsWith("[slow] 50/50 replicates"), lines.toString());
    }

    @Test
    void emptyRunReturnsNoResults() {
        assertEquals(List.of(), new SparkReplicateRunner(spark, SEED, 2, false).run("bootstrap", 0, task()));
    }

    @Test
    void factoryChoosesRunnerFromConfig() {
        Config local = Settings.load(null, Map.of("replicates.runner", "local"));
        assertInstanceOf(LocalReplicateRunner.class, ReplicateRunners.create(local, SEED, null));
        Config onSpark = Settings.load(null, Map.of("replicates.runner", "spark", "spark.master", "local[2]"));
        ReplicateRunner runner = ReplicateRunners.create(onSpark, SEED, 3);
        assertInstanceOf(SparkReplicateRunner.class, runner);
        assertBitIdentical(new LocalReplicateRunner(SEED, false).run("s", 10, task()), runner.run("s", 10, task()));
        assertBitIdentical(new LocalReplicateRunner(SEED, false, 4).run("s", 10, task()), runner.run("s", 10, task()));
    }

    @Test
    void autoRunsInProcessOffClusterOrForSmallJobs() {
        Config offCluster = Settings.load(null, Map.of("replicates.runner", "auto", "spark.master", "local[2]"));
        assertInstanceOf(LocalReplicateRunner.class, ReplicateRunners.create(offCluster, SEED, null, Long.MAX_VALUE));
        Config cluster = Settings.load(null, Map.of("replicates.runner", "auto", "spark.master", "spark://nowhere:7077",
                "replicates.in-process-max-work", "1000"));
        assertTrue(ReplicateRunners.inProcess(cluster, 1000));
        assertFalse(ReplicateRunners.inProcess(cluster, 1001));
        assertInstanceOf(LocalReplicateRunner.class, ReplicateRunners.create(cluster, SEED, null, 450));
        Config threads = Settings.load(null, Map.of("replicates.runner", "local", "replicates.threads", "3"));
        assertEquals(3, ((LocalReplicateRunner) ReplicateRunners.create(threads, SEED, null)).threads());
    }

    /** Listener events are delivered asynchronously; give the bus a moment. */
    private static void waitForListenerEvents(AtomicInteger counter) {
        long deadline = System.currentTimeMillis() + 5000;
        while (counter.get() == 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
