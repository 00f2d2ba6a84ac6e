package org.airesilience.bench;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.ingest.IngestJob;
import org.airesilience.ingest.IngestReport;
import org.airesilience.lake.LakeTable;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.measure.MeasureJob;
import org.airesilience.region.Gazetteer;
import org.airesilience.sample.GroundTruth;
import org.airesilience.sample.SampleGenerator;
import org.airesilience.spark.Sparks;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Times ingest -> measure on a generated raw lake of about N records and, on the same curated data in the same run,
 * the measure a Spark user would write: Spark SQL with one {@code rlike} regular expression per category.
 */
@Command(name = "patents", mixinStandardHelpOptions = true,
        description = {"Benchmark ingest and AI measure against a Spark SQL rlike baseline.",
                "Generates (or reuses) a raw lake of about N records, then times ingest and measure (whole path), "
                        + "and the baseline measure (rlike, one regular expression per category) on the same curated "
                        + "patents. Prints throughput, wall time, peak heap, the share of task time in parsing, "
                        + "matching and writing, the speedups and whether the targets are met."})
public final class BenchPatentsCommand implements Callable<Integer>, JobPlan.Planned {
    /** About this many patents warm the baseline up. */
    private static final double WARM_UP_PATENTS = 100_000;
    /** The national-scale target for the heap in use: 3 GiB. */
    private static final long PEAK_HEAP_TARGET = 3L << 30;

    @Mixin
    CommonOptions common;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000",
            description = "About this many raw records (default: ${DEFAULT-VALUE}, where Spark's fixed costs per job "
                    + "no longer dominate; generating them takes a few minutes, once).")
    long records;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "20231101", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where generated data sets are cached and the benchmark lake is written "
                    + "(default: <java.io.tmpdir>/airesilience-bench).")
    Path work;

    @Option(names = "--regenerate", description = "Generate the data set again even when a cached one exists.")
    boolean regenerate;

    @Option(names = "--single-file", description = "Write the records into one UTF-8 CSV file instead of nine files of "
            + "every format (a one-file national export; ingest splits it by airesilience.ingest.split-size).")
    boolean singleFile;

    @Option(names = "--baseline-sample", paramLabel = "SHARE", defaultValue = "1",
            description = "Time the rlike baseline on this share of the patents and scale its time up (default: "
                    + "${DEFAULT-VALUE}, all of them; at ten million records the baseline alone takes most of an hour).")
    double baselineSample;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "2",
            description = "Untimed runs of the whole path before the timed one (default: ${DEFAULT-VALUE}; the JIT "
                    + "still speeds up the second).")
    int warmUp;

    private Path workRoot() {
        return (work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "airesilience-bench"))
                .resolve("patents-" + records + "-" + seed + (singleFile ? "-single" : ""));
    }

    @Override
    public JobPlan plan() {
        Config config = common.config();
        KeywordDictionary.load(config);
        Path root = workRoot();
        return new JobPlan("bench patents")
                .step((regenerate || !Files.isRegularFile(root.resolve("truth/expected_ingest.json"))
                        ? "generate about " + records + " records, then " : "reuse the generated records, then ")
                        + "time ingest and measure against the rlike baseline")
                .output("work folder", root);
    }

    @Override
    public Integer call() throws IOException {
        Config config = common.config();
        Path root = workRoot();
        Path raw = root.resolve("raw/patents");
        Path done = root.resolve("truth/expected_ingest.json");
        if (regenerate || !Files.isRegularFile(done)) {
            double scale = SampleGenerator.scaleFor(records, seed);
            System.out.printf(Locale.ROOT, "generating about %d records (scale %.5f) into %s ...%n", records, scale, root);
            GroundTruth truth = new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(config), s -> { })
                    .singleFile(singleFile).generate(root, scale, seed);
            System.out.printf(Locale.ROOT, "generated %d records%n", truth.read());
        } else {
            System.out.println("reusing the generated data set in " + root);
        }
        long rawBytes = sizeOf(raw);

        SparkSession spark = Sparks.session(config, "bench patents");
        int cores = spark.sparkContext().defaultParallelism();
        StageTimes stages = new StageTimes();
        spark.sparkContext().addSparkListener(stages);
        HeapWatch heap = new HeapWatch();
        try {
            // Warm-up on the same data (JIT, Spark planning caches), not timed: the whole path twice, since a second
            // pass still runs measurably faster than the first while the JIT keeps compiling.
            IngestReport warm = null;
            for (int round = 0; round < warmUp; round++) {
                warm = IngestJob.run(spark, config, raw, root, "warmup");
                MeasureJob.run(spark, config, root, "province", 2006, 2020);
            }
            // The baseline's generated code and regular expressions are compiled after a sample of the patents.
            if (warm != null) {
                baseline(spark, config, root, Math.min(1.0, WARM_UP_PATENTS / Math.max(1.0, warm.accepted())));
            }

            Phase ingest = time(spark, stages, heap, () -> IngestJob.run(spark, config, raw, root, "bench"));
            Phase measure = time(spark, stages, heap, () -> MeasureJob.run(spark, config, root, "province", 2006, 2020));
            if (!(baselineSample > 0 && baselineSample <= 1)) {
                throw new IllegalArgumentException("--baseline-sample must be in (0, 1], not " + baselineSample);
            }
            Phase sampled = time(spark, stages, heap, () -> baseline(spark, config, root, baselineSample));
            Phase base = sampled.scaled(1 / baselineSample);
            IngestReport report = (IngestReport) ingest.result;

            long n = report.read();
            double whole = ingest.seconds + measure.seconds;
            double baseWhole = ingest.seconds + base.seconds;
            double parsing = ingest.taskMillis - ingest.writeMillis;
            double matching = measure.taskMillis - measure.writeMillis;
            double writing = ingest.writeMillis + measure.writeMillis;
            double tasks = parsing + matching + writing;
            double matchSpeedup = base.seconds / measure.seconds;
            double wholeSpeedup = baseWhole / whole;
            double perCore = n / whole / cores;

            System.out.println();
            System.out.printf(Locale.ROOT, "data: %d raw records (%.1f MB on disk, %d files), %d accepted; master %s, %d cores%n",
                    n, rawBytes / 1e6, report.bySource().size(), report.accepted(), spark.sparkContext().master(), cores);
            System.out.printf(Locale.ROOT, "heap: %.0f MB at most (-Xmx); load average at the end %.2f%n",
                    Runtime.getRuntime().maxMemory() / 1e6, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("stage                     wall s    records/s     MB/s   peak heap MB   live heap MB   "
                    + "spill MB   cached on disk MB");
            row("ingest", ingest, n, rawBytes);
            row("measure (Aho-Corasick)", measure, report.accepted(), 0);
            row("whole path", Phase.of(whole, ingest, measure), n, rawBytes);
            row("baseline measure (rlike)", base, report.accepted(), 0);
            row("baseline whole path", Phase.of(baseWhole, ingest, base), n, rawBytes);
            long allMillis = stages.millisByExecutor.values().stream().mapToLong(Long::longValue).sum();
            System.out.print("task time by executor (whole bench, warm-up included):");
            stages.millisByExecutor.forEach((executor, ms) -> System.out.printf(Locale.ROOT, " %s %.0f%%", executor,
                    100.0 * ms / Math.max(1, allMillis)));
            System.out.println();
            System.out.printf(Locale.ROOT, "share of task time: parsing %.0f%%, matching %.0f%%, writing %.0f%%%n",
                    100 * parsing / tasks, 100 * matching / tasks, 100 * writing / tasks);
            System.out.printf(Locale.ROOT, "speedup, matching stage vs baseline: %.1fx (target >= 10x: %s)%n",
                    matchSpeedup, matchSpeedup >= 10 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "speedup, whole path vs baseline:     %.1fx (target >= 3x: %s)%n",
                    wholeSpeedup, wholeSpeedup >= 3 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "end to end: %.0f records/s per core (target >= 50,000: %s; national-scale "
                    + "target >= 70,000: %s)%n", perCore, perCore >= 50_000 ? "met" : "NOT met",
                    perCore >= 70_000 ? "met" : "NOT met");
            long peak = Math.max(ingest.peakHeap, measure.peakHeap);
            System.out.printf(Locale.ROOT, "heap of the whole path: at most %.0f MB in use, %s MB live (target: peak "
                    + "under 3 GB, %.0f MB: %s)%n", peak / 1e6, ingest.liveHeap < 0 && measure.liveHeap < 0 ? "-"
                            : String.format(Locale.ROOT, "%.0f", Math.max(ingest.liveHeap, measure.liveHeap) / 1e6),
                    PEAK_HEAP_TARGET / 1e6, peak < PEAK_HEAP_TARGET ? "met" : "NOT met");
            if (baselineSample < 1) {
                System.out.printf(Locale.ROOT, "(baseline measure timed on a %.1f%% sample of the patents, %.2f s, "
                        + "and scaled to all of them)%n", 100 * baselineSample, sampled.seconds);
            }
            System.out.println("(baseline whole path = the same ingest + the rlike measure; parsing = ingest task time "
                    + "outside its write stages, incl. normalisation and deduplication; peak heap = the most in use at any "
                    + "moment (just before a collection), garbage included; live heap = the most in use right after a "
                    + "full collection (after any collection when none was full, - when none ran); spill = "
                    + "Spark's sort and shuffle spill to disk; cached on disk = the most of ingest's parsed records "
                    + "Spark kept on disk)");
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * The measure as a Spark user writes it: lower-cased title and abstract, one rlike per category with all its
     * terms as alternatives (Latin terms bounded by non-alphanumerics), counted per province and year; on a
     * sample of {@code fraction} of the patents for warming up.
     */
    static Object baseline(SparkSession spark, Config config, Path lake, double fraction) {
        KeywordDictionary dictionary = KeywordDictionary.load(config);
        Dataset<Row> patents = spark.read().parquet(LakeTable.currentLocal(lake.resolve("curated/patents")).toString())
                .where(col("application_year").between(2006, 2020));
        if (fraction < 1.0) patents = patents.sample(false, fraction, 1L);
        Column text = lower(concat_ws(" ", col("title"), col("abstract")));
        List<Column> categories = new ArrayList<>();
        Column any = null;
        for (KeywordDictionary.Category c : dictionary.categories()) {
            Column hit = text.rlike(regex(c.terms()));
            categories.add(sum(when(hit, 1).otherwise(0)).as(c.id()));
            any = any == null ? hit : any.or(hit);
        }
        patents.groupBy(col("province").as("region_code"), col("application_year").as("year"))
                .agg(sum(when(any, 1).otherwise(0)).as("ai_patents"), categories.toArray(Column[]::new))
                .coalesce(1).write().mode("overwrite").option("header", true)
                .csv(lake.resolve("curated/ai_measure_rlike").toString());
        return null;
    }

    private static String regex(List<String> terms) {
        return terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).map(t -> {
            String q = Pattern.quote(t);
            boolean latinStart = Character.isLetterOrDigit(t.charAt(0)) && t.charAt(0) < 0x80;
            boolean latinEnd = Character.isLetterOrDigit(t.charAt(t.length() - 1)) && t.charAt(t.length() - 1) < 0x80;
            return (latinStart ? "(?<![a-z0-9])" : "") + q + (latinEnd ? "(?![a-z0-9])" : "");
        }).collect(Collectors.joining("|", "(", ")"));
    }

    private record Phase(Object result, double seconds, double taskMillis, double writeMillis, long peakHeap,
                         long liveHeap, long spilled, long cachedOnDisk) {
        /** The phase as if it had done {@code factor} times the work (a sample scaled up). */
        Phase scaled(double factor) {
            return new Phase(result, seconds * factor, taskMillis * factor, writeMillis * factor, peakHeap, liveHeap,
                    (long) (spilled * factor), cachedOnDisk);
        }

        /** Two phases run one after the other. */
        static Phase of(double seconds, Phase a, Phase b) {
            return new Phase(null, seconds, 0, 0, Math.max(a.peakHeap, b.peakHeap), Math.max(a.liveHeap, b.liveHeap),
                    a.spilled + b.spilled, Math.max(a.cachedOnDisk, b.cachedOnDisk));
        }
    }

    private interface Work {
        Object run();
    }

    private static Phase time(SparkSession spark, StageTimes stages, HeapWatch heap, Work work) {
        System.gc();
        stages.reset();
        heap.reset();
        long start = System.nanoTime();
        Object result = work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark listener events not delivered", e);
        }
        return new Phase(result, seconds, stages.taskMillis.get(), stages.writeMillis.get(), heap.peak(),
                heap.live(), stages.spilled.get(), stages.cachedOnDiskPeak.get());
    }

    private static void row(String name, Phase p, long records, long bytes) {
        System.out.printf(Locale.ROOT, "%-24s %8.2f %12.0f %8s %14.0f %14s %10.0f %19.0f%n", name, p.seconds,
                records / p.seconds, bytes > 0 ? String.format(Locale.ROOT, "%.1f", bytes / 1e6 / p.seconds) : "-",
                p.peakHeap / 1e6, p.liveHeap < 0 ? "-" : String.format(Locale.ROOT, "%.0f", p.liveHeap / 1e6),
                p.spilled / 1e6, p.cachedOnDisk / 1e6);
    }

    /**
     * The heap in use, from the collectors' notifications: at most at any moment (just before a collection, or now),
     * and at most right after a full collection (live data; after any collection when none was full).
     */
    private static final class HeapWatch implements javax.management.NotificationListener {
        private final AtomicLong beforeGc = new AtomicLong();
        private final AtomicLong afterFullGc = new AtomicLong(-1);
        private final AtomicLong afterAnyGc = new AtomicLong(-1);

        HeapWatch() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                }
            }
        }

        void reset() {
            beforeGc.set(0);
            afterFullGc.set(-1);
            afterAnyGc.set(-1);
        }

        /** The most heap in use at any moment since the reset: garbage included, so at most -Xmx. */
        long peak() {
            return Math.max(beforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        /**
         * The most heap in use after a full collection since the reset (after any, when none was full; -1 when there
         * was no collection).
         */
        long live() {
            long full = afterFullGc.get();
            return full >= 0 ? full : afterAnyGc.get();
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            beforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
            long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
            afterAnyGc.accumulateAndGet(after, Math::max);
            if (info.getGcAction().contains("major")) afterFullGc.accumulateAndGet(after, Math::max);
        }

        private static long heapUsed(Map<String, java.lang.management.MemoryUsage> byPool) {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                var usage = byPool.get(pool.getName());
                if (pool.getType() == MemoryType.HEAP && usage != null) used += usage.getUsed();
            }
            return used;
        }
    }

    private static long sizeOf(Path dir) {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Executor run time of completed stages, and of those that wrote output. */
    private static final class StageTimes extends SparkListener {
        final AtomicLong taskMillis = new AtomicLong();
        final AtomicLong writeMillis = new AtomicLong();
        /** Bytes Spark's sorts and shuffles spilled to disk. */
        final AtomicLong spilled = new AtomicLong();
        /** Bytes of cached blocks on disk now, and at most since the reset. */
        private final Map<String, Long> onDisk = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicLong cachedOnDiskPeak = new AtomicLong();

        void reset() {
            taskMillis.set(0);
            writeMillis.set(0);
            spilled.set(0);
            onDisk.clear(); // blocks of earlier phases, whose removal may still be on its way
            cachedOnDiskPeak.set(0);
        }

        @Override
        public synchronized void onBlockUpdated(org.apache.spark.scheduler.SparkListenerBlockUpdated event) {
            var info = event.blockUpdatedInfo();
            if (!info.blockId().isRDD()) return;
            String id = info.blockManagerId() + "/" + info.blockId().name();
            if (info.diskSize() > 0) onDisk.put(id, info.diskSize());
            else onDisk.remove(id);
            cachedOnDiskPeak.accumulateAndGet(onDisk.values().stream().mapToLong(Long::longValue).sum(), Math::max);
        }

        /** Executor run time of the tasks of each executor (id and host), to show how a run spread. */
        final Map<String, Long> millisByExecutor = new java.util.concurrent.ConcurrentSkipListMap<>();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd event) {
            if (event.taskMetrics() == null) return;
            String executor = event.taskInfo().executorId() + " (" + event.taskInfo().host() + ")";
            millisByExecutor.merge(executor, event.taskMetrics().executorRunTime(), Long::sum);
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted event) {
            var metrics = event.stageInfo().taskMetrics();
            if (metrics == null) return;
            long ms = metrics.executorRunTime();
            taskMillis.addAndGet(ms);
            spilled.addAndGet(metrics.diskBytesSpilled());
            if (metrics.outputMetrics().bytesWritten() > 0 || metrics.outputMetrics().recordsWritten() > 0) {
                writeMillis.addAndGet(ms);
            }
        }
    }
}
