package org.airesilience.cluster;

import com.typesafe.config.Config;
import org.airesilience.cli.Main;
import org.airesilience.config.Settings;
import org.airesilience.ingest.IngestJob;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.measure.MeasureJob;
import org.airesilience.region.Gazetteer;
import org.airesilience.sample.SampleGenerator;
import org.airesilience.spark.Sparks;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real standalone cluster on this machine (a master and two one-core workers, each its own JVM, executors started
 * by the workers from a Spark home of the project's jars): the AI measure, a threshold bootstrap and a placebo test
 * give byte-identical results there and in local mode; with one worker killed by SIGKILL in the middle of a
 * bootstrap, the job still finishes with the same results.
 */
class StandaloneClusterIntegrationTest {
    @TempDir
    static Path dir;
    static StandaloneCluster cluster;
    static String appJars;
    static Path lake;
    static Thread teardown;

    @BeforeAll
    static void startClusterAndIngest() throws IOException {
        cluster = StandaloneCluster.start(dir.resolve("cluster"),
                StandaloneCluster.readClasspathFile(Path.of("target", StandaloneCluster.CLASSPATH_FILE)),
                new StandaloneCluster.Spec(2, 1, "1g", 0, Duration.ofMinutes(5)));
        // Torn down even when the test JVM is stopped before @AfterAll runs.
        teardown = new Thread(cluster::stop, "standalone cluster teardown");
        Runtime.getRuntime().addShutdownHook(teardown);
        appJars = applicationJars(jarOf(Path.of("target", "classes"), dir.resolve("airesilience-app.jar")));

        lake = dir.resolve("lake");
        Config config = Settings.load(null, Map.of("spark.master", "local[2]"));
        new SampleGenerator(Gazetteer.load(), KeywordDictionary.load(config), s -> { }).generate(lake, 0.001, 5);
        SparkSession spark = Sparks.session(config, "cluster test ingest");
        try {
            IngestJob.run(spark, config, lake.resolve("raw/patents"), lake, "test");
        } finally {
            spark.stop();
        }
    }

    @AfterAll
    static void stopCluster() {
        stopSpark();
        if (cluster != null) {
            cluster.stop();
            Runtime.getRuntime().removeShutdownHook(teardown);
            assertTrue(cluster.runningWorkers().isEmpty(), "workers still running after stop");
        }
    }

    @Test
    void aiMeasureIsByteIdenticalOnTheCluster() throws IOException {
        Path table = lake.resolve(MeasureJob.OUTPUT);
        run(local(), "measure", "--lake", lake.toString(), "--level", "city", "--years", "2014-2020");
        Path localRun = org.airesilience.lake.LakeTable.currentLocal(table);
        byte[] expected = Files.readAllBytes(localRun.resolve(MeasureJob.CSV));
        run(onCluster(), "measure", "--lake", lake.toString(), "--level", "city", "--years", "2014-2020");
        Path clusterRun = org.airesilience.lake.LakeTable.currentLocal(table);
        assertTrue(!clusterRun.equals(localRun), "the cluster run publishes its own run folder");
        assertArrayEquals(expected, Files.readAllBytes(clusterRun.resolve(MeasureJob.CSV)));
        assertTrue(new String(expected).lines().count() > 100, "a city panel of several years");
    }

    @Test
    void thresholdBootstrapAndPlaceboAreByteIdenticalOnTheCluster() throws IOException {
        Path data = simulatedPanel(dir.resolve("panel-small.csv"), 60, 10);
        List<String> threshold = List.of("threshold", "--data", data.toString(), "--panel", "id,year", "--y", "y",
                "--x", "x", "--regime", "r", "--threshold", "q", "--thresholds", "2", "--grid", "50",
                "--bootstrap", "40", "--seed", "11", "--partitions", "6");
        assertSameOutput(threshold, "--json");
        List<String> placebo = List.of("placebo", "--data", data.toString(), "--formula", "y ~ x + r | id + year",
                "--panel", "id,year", "--permute", "r", "--scheme", "units", "--draws", "60", "--seed", "11",
                "--partitions", "6");
        assertSameOutput(placebo, "--json");
    }

    @Test
    void bootstrapFinishesWithTheSameResultsWhenAWorkerIsKilled() throws IOException {
        Path data = simulatedPanel(dir.resolve("panel-large.csv"), 400, 15);
        List<String> args = List.of("threshold", "--data", data.toString(), "--panel", "id,year", "--y", "y",
                "--x", "x", "--regime", "r", "--threshold", "q", "--bootstrap", "240", "--seed", "3",
                "--partitions", "24");
        Path localJson = dir.resolve("kill-local.json");
        run(local(), concat(args, List.of("--json", localJson.toString())));

        KillWorkerOnTaskEnd.reset(cluster, 3);
        Path clusterJson = dir.resolve("kill-cluster.json");
        List<String> conf = new ArrayList<>(onCluster());
        conf.addAll(List.of("--set", "spark.conf.\"spark.extraListeners\"=" + KillWorkerOnTaskEnd.class.getName()));
        run(conf, concat(args, List.of("--json", clusterJson.toString())));

        assertTrue(KillWorkerOnTaskEnd.killed, "a worker was killed during the bootstrap");
        assertTrue(KillWorkerOnTaskEnd.tasksAfterKill.get() > 0, "tasks were still left when the worker died");
        assertTrue(KillWorkerOnTaskEnd.executorsRemoved.get() >= 1, "the driver lost the killed worker's executor");
        assertEquals(1, cluster.runningWorkers().size());
        assertArrayEquals(Files.readAllBytes(localJson), Files.readAllBytes(clusterJson));
    }

    /**
     * Kills worker 0 with SIGKILL once {@code afterTasks} tasks have ended: registered through spark.extraListeners
     * in the driver (this JVM), so the kill lands while the bootstrap job runs.
     */
    public static final class KillWorkerOnTaskEnd extends SparkListener {
        static volatile StandaloneCluster target;
        static volatile int afterTasks;
        static volatile boolean killed;
        static final AtomicInteger tasksEnded = new AtomicInteger();
        static final AtomicInteger tasksAfterKill = new AtomicInteger();
        static final AtomicInteger executorsRemoved = new AtomicInteger();

        static void reset(StandaloneCluster cluster, int tasks) {
            target = cluster;
            afterTasks = tasks;
            killed = false;
            tasksEnded.set(0);
            tasksAfterKill.set(0);
            executorsRemoved.set(0);
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (killed) {
                tasksAfterKill.incrementAndGet();
            } else if (tasksEnded.incrementAndGet() >= afterTasks) {
                killed = true;
                target.killWorker(0);
            }
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
            executorsRemoved.incrementAndGet();
        }
    }

    /** Runs the command in local mode and on the cluster, each writing {@code outputOption}; the files must match. */
    private static void assertSameOutput(List<String> args, String outputOption) throws IOException {
        String name = args.get(0);
        Path localOut = dir.resolve(name + "-local.json");
        Path clusterOut = dir.resolve(name + "-cluster.json");
        run(local(), concat(args, List.of(outputOption, localOut.toString())));
        run(onCluster(), concat(args, List.of(outputOption, clusterOut.toString())));
        byte[] expected = Files.readAllBytes(localOut);
        assertTrue(expected.length > 500, name + " wrote a result");
        assertArrayEquals(expected, Files.readAllBytes(clusterOut), name + " on the cluster");
    }

    private static List<String> local() {
        return List.of("--set", "spark.master=local[2]", "--set", "replicates.progress=false");
    }

    /** What a user running the job against this cluster sets (submit.sh adds spark.jars itself). */
    private static List<String> onCluster() {
        // replicates.runner=spark: the default (auto) keeps a job this small in the driver JVM.
        return List.of("--set", "spark.master=" + cluster.masterUrl(), "--set", "replicates.progress=false",
                "--set", "replicates.runner=spark",
                "--set", "spark.conf.\"spark.jars\"=" + appJars,
                "--set", "spark.conf.\"spark.executor.memory\"=512m",
                "--set", "spark.conf.\"spark.driver.host\"=127.0.0.1",
                "--set", "spark.conf.\"spark.driver.bindAddress\"=127.0.0.1");
    }

    private static void run(List<String> settings, String... args) {
        run(settings, List.of(args));
    }

    private static void run(List<String> settings, List<String> args) {
        stopSpark();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setErr(new PrintWriter(err)).execute(concat(args, settings).toArray(String[]::new));
        stopSpark();
        assertEquals(0, code, args.get(0) + " failed: " + err);
    }

    /** Each run gets its own session (a placebo run leaves its session open for reuse). */
    private static void stopSpark() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * y = mu_i + 0.5 x + (1 if q <= 0.4 else -1) r + N(0, 1) with q ~ U(0, 1): a panel with one threshold effect in r.
     */
    private static Path simulatedPanel(Path file, int units, int years) throws IOException {
        SplittableRandom rnd = new SplittableRandom(units * 1000L + years);
        StringBuilder csv = new StringBuilder("id,year,y,x,r,q\n");
        for (int i = 1; i <= units; i++) {
            double mu = rnd.nextGaussian();
            for (int t = 0; t < years; t++) {
                double x = rnd.nextGaussian() + 0.3 * mu;
                double r = rnd.nextGaussian() + 1;
                double q = rnd.nextDouble();
                double y = mu + 0.5 * x + (q <= 0.4 ? 1 : -1) * r + rnd.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%d,%d,%.10f,%.10f,%.10f,%.10f%n", i, 2000 + t, y, x, r, q));
            }
        }
        Files.writeString(file, csv);
        return file;
    }

    /**
     * What the build's app jar carries: the application's classes and the libraries a Spark distribution lacks,
     * i.e. the test classpath's jars that are not in the cluster's Spark home (test libraries aside).
     */
    private static String applicationJars(Path classesJar) {
        List<Path> spark = StandaloneCluster.readClasspathFile(Path.of("target", StandaloneCluster.CLASSPATH_FILE));
        List<String> jars = new ArrayList<>(List.of(classesJar.toUri().toString()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && !spark.contains(p) && !name.matches("(junit|opentest4j|apiguardian|surefire).*")) {
                jars.add(p.toUri().toString());
            }
        }
        return String.join(",", jars);
    }

    /** The application jar executors fetch: the compiled classes and resources, as the build's app jar has them. */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        assertFalse(Files.size(jar) == 0);
        return jar;
    }
}
