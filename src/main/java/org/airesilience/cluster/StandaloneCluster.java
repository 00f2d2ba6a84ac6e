package org.airesilience.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.Json;
import org.apache.spark.launcher.JavaModuleOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Spark standalone cluster on this machine: one master and N workers, each its own JVM bound to 127.0.0.1, run
 * from a Spark home laid out from the project's own Maven-resolved jars (nothing is downloaded). The workers start
 * executors from that Spark home as a Spark distribution's workers do, so an application's own classes reach them
 * only through {@code spark.jars}, as on any cluster.
 *
 * <p>Everything lives in a state directory: {@code spark-home/} (RELEASE, {@code jars/} of symbolic links,
 * {@code conf/}), {@code logs/}, {@code work/} (the workers' executor folders) and {@code cluster.properties}
 * (master URL, web UI port, one pid per daemon), which {@link #status} and {@link #stop} read.
 */
public final class StandaloneCluster {
    /** The spark-home jars: the project's runtime dependencies a Spark distribution ships (written by the build). */
    public static final String CLASSPATH_FILE = "spark-classpath.txt";
    private static final String STATE_FILE = "cluster.properties";
    private static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    private static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    /** The daemons themselves are small; executors get the worker's --memory. */
    private static final String DAEMON_HEAP = "-Xmx384m";

    private final Path stateDir;
    private final String masterUrl;
    private final int webUiPort;
    private final long masterPid;
    private final List<Long> workerPids;
    /** Executors of killed workers, which their worker can no longer stop. */
    private final Set<ProcessHandle> orphans = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private StandaloneCluster(Path stateDir, String masterUrl, int webUiPort, long masterPid, List<Long> workerPids) {
        this.stateDir = stateDir;
        this.masterUrl = masterUrl;
        this.webUiPort = webUiPort;
        this.masterPid = masterPid;
        this.workerPids = List.copyOf(workerPids);
    }

    /** What to start: workers, cores and memory per worker, master port (0 = any free port). */
    public record Spec(int workers, int cores, String memory, int masterPort, Duration startTimeout) {
        public Spec {
            if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
            if (cores < 1) throw new IllegalArgumentException("--cores must be at least 1, got " + cores);
            if (!memory.matches("\\d+[mMgG]")) {
                throw new IllegalArgumentException("--memory expects a size like 512m or 2g, got '" + memory + "'");
            }
        }
    }

    /**
     * Lays out the Spark home, starts the master and the workers and waits until every worker has registered.
     * On any failure the daemons already started are stopped again.
     */
    public static StandaloneCluster start(Path stateDir, List<Path> sparkJars, Spec spec) {
        if (status(stateDir).isPresent()) {
            throw new IllegalStateException("a cluster is already running from " + stateDir
                    + " (./submit.sh cluster stop first)");
        }
        Path home = layOutSparkHome(stateDir, sparkJars);
        int masterPort = spec.masterPort() > 0 ? spec.masterPort() : freePort();
        int uiPort = freePort();
        String url = "spark://127.0.0.1:" + masterPort;
        List<Process> started = new ArrayList<>();
        try {
            Process master = launch(home, stateDir.resolve("logs/master.log"), List.of(MASTER_CLASS,
                    "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(uiPort)));
            started.add(master);
            List<Long> workers = new ArrayList<>();
            for (int i = 0; i < spec.workers(); i++) {
                Path work = Files.createDirectories(stateDir.resolve("work/worker-" + i));
                Process worker = launch(home, stateDir.resolve("logs/worker-" + i + ".log"), List.of(WORKER_CLASS,
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                        "--cores", String.valueOf(spec.cores()), "--memory", spec.memory(),
                        "--work-dir", work.toString(), url));
                started.add(worker);
                workers.add(worker.pid());
            }
            StandaloneCluster cluster = new StandaloneCluster(stateDir, url, uiPort, master.pid(), workers);
            cluster.awaitWorkers(spec.workers(), spec.startTimeout(), started);
            cluster.writeState();
            return cluster;
        } catch (IOException | RuntimeException e) {
            started.forEach(p -> kill(p.toHandle(), false));
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    /** The cluster started from this state directory when its master still runs. */
    public static Optional<StandaloneCluster> status(Path stateDir) {
        return recorded(stateDir).filter(c -> isDaemon(c.masterPid, MASTER_CLASS));
    }

    /** The cluster recorded in this state directory, whether or not its daemons still run. */
    public static Optional<StandaloneCluster> recorded(Path stateDir) {
        Path file = stateDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long master = Long.parseLong(p.getProperty("master.pid"));
        List<Long> workers = new ArrayList<>();
        for (String w : p.getProperty("worker.pids", "").split(",")) {
            if (!w.isBlank()) workers.add(Long.parseLong(w.trim()));
        }
        return Optional.of(new StandaloneCluster(stateDir, p.getProperty("master.url"),
                Integer.parseInt(p.getProperty("master.webui.port")), master, workers));
    }

    public String masterUrl() {
        return masterUrl;
    }

    public String webUiUrl() {
        return "http://127.0.0.1:" + webUiPort;
    }

    public Path stateDir() {
        return stateDir;
    }

    public long masterPid() {
        return masterPid;
    }

    public List<Long> workerPids() {
        return workerPids;
    }

    /** Workers whose process still runs (the master may take a minute to notice one that died). */
    public List<Long> runningWorkers() {
        return workerPids.stream().filter(pid -> isDaemon(pid, WORKER_CLASS)).toList();
    }

    /** The master's own view (its web UI's JSON): status, alive workers, cores, cores in use, running apps. */
    public JsonNode masterState() {
        try {
            return Json.MAPPER.readTree(URI.create(webUiUrl() + "/json/").toURL());
        } catch (IOException e) {
            throw new UncheckedIOException("master web UI " + webUiUrl() + " does not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Kills worker {@code index} with SIGKILL, as when its machine fails: no shutdown hook runs. Its executors lose
     * their worker and exit on their own (Spark's worker watcher); they are remembered so that {@link #stop} can
     * make sure of it.
     */
    public void killWorker(int index) {
        ProcessHandle worker = ProcessHandle.of(workerPids.get(index)).orElseThrow(
                () -> new IllegalStateException("worker " + index + " is not running"));
        List<ProcessHandle> executors = worker.descendants().toList();
        worker.destroyForcibly();
        orphans.addAll(executors);
    }

    /**
     * Stops the workers (which stop their executors), then the master, SIGKILL for any left after 20 s; removes the
     * state file and the Spark home (logs and work folders stay for inspection).
     */
    public void stop() {
        for (long pid : workerPids) ProcessHandle.of(pid).filter(h -> isDaemon(pid, WORKER_CLASS)).ifPresent(h -> kill(h, true));
        ProcessHandle.of(masterPid).filter(h -> isDaemon(masterPid, MASTER_CLASS)).ifPresent(h -> kill(h, false));
        orphans.forEach(h -> kill(h, false));
        // The next start lays the Spark home out again; its links point into the Maven repository.
        AtomicFiles.deleteRecursively(stateDir.resolve("spark-home"));
        try {
            Files.deleteIfExists(stateDir.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stateDir.resolve(STATE_FILE), e);
        }
    }

    /** Terminates a process (and with {@code tree}, its descendants: a worker's executors), forcibly after 20 s. */
    private static void kill(ProcessHandle process, boolean tree) {
        List<ProcessHandle> all = new ArrayList<>(tree ? process.descendants().toList() : List.of());
        all.add(0, process);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * True when {@code pid} runs and is the given Spark daemon, not another process that reuses the pid (where the
     * system does not show a process's command line, running is taken as enough).
     */
    private static boolean isDaemon(long pid, String mainClass) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().commandLine().map(cmd -> cmd.contains(mainClass)).orElse(true))
                .orElse(false);
    }

    /**
     * {@code spark-home/} as a Spark distribution has it: RELEASE (which makes Spark's launcher look for jars in
     * {@code jars/}), {@code jars/} with a link per jar and {@code conf/log4j2.properties} (warnings only, so
     * executor logs stay short).
     */
    static Path layOutSparkHome(Path stateDir, List<Path> sparkJars) {
        if (sparkJars.isEmpty()) throw new IllegalArgumentException("no Spark jars to lay out a Spark home from");
        Path home = stateDir.resolve("spark-home");
        try {
            AtomicFiles.deleteRecursively(home);
            Path jars = Files.createDirectories(home.resolve("jars"));
            Files.createDirectories(home.resolve("conf"));
            Set<String> names = new HashSet<>();
            for (Path jar : sparkJars) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("Spark jar " + jar + " is missing (mvn -B package rebuilds the list)");
                }
                String name = jar.getFileName().toString();
                // Two artifacts can share a file name; the group directory tells them apart.
                if (!names.add(name)) name = jar.getParent().getParent().getFileName() + "-" + name;
                Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
            }
            Files.writeString(home.resolve("RELEASE"), "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                    + ", laid out by airesilience from the project's Maven dependencies\n");
            Files.writeString(home.resolve("conf/log4j2.properties"), """
                    rootLogger.level = warn
                    rootLogger.appenderRef.stderr.ref = console
                    appender.console.type = Console
                    appender.console.name = console
                    appender.console.target = SYSTEM_ERR
                    appender.console.layout.type = PatternLayout
                    appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
                    logger.deploy.name = org.apache.spark.deploy
                    logger.deploy.level = info
                    """);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Spark home in " + home + ": " + e.getMessage(), e);
        }
    }

    /** The jars listed (path-separated) in the build's classpath file. */
    public static List<Path> readClasspathFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no Spark classpath at " + file + " (mvn -B package writes it)");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            List<Path> jars = new ArrayList<>();
            for (String entry : text.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) jars.add(Path.of(entry.trim()));
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Process launch(Path sparkHome, Path log, List<String> mainAndArgs) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), DAEMON_HEAP,
                "-cp", sparkHome.resolve("conf") + java.io.File.pathSeparator + sparkHome.resolve("jars") + "/*"));
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        // Read by Spark's launcher when the worker builds an executor's command line.
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_CONF_DIR");
        return pb.start();
    }

    private void awaitWorkers(int expected, Duration timeout, List<Process> daemons) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < daemons.size(); i++) {
                if (!daemons.get(i).isAlive()) {
                    String name = i == 0 ? "master" : "worker-" + (i - 1);
                    throw new IllegalStateException(name + " exited with status " + daemons.get(i).exitValue()
                            + "; see " + stateDir.resolve("logs/" + name + ".log") + "\n" + tail(name));
                }
            }
            try {
                JsonNode state = masterState();
                int alive = state.path("aliveworkers").asInt();
                if (alive >= expected) return;
                last = alive + " of " + expected + " workers registered";
            } catch (UncheckedIOException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster starts", e);
            }
        }
        throw new IllegalStateException("the cluster did not come up within " + timeout.toSeconds() + " s (" + last
                + "); logs in " + stateDir.resolve("logs"));
    }

    private String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(stateDir.resolve("logs/" + name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void writeState() {
        StringBuilder s = new StringBuilder("# Written by ./submit.sh cluster start; read by cluster status and stop.\n");
        s.append("master.url=").append(masterUrl).append('\n');
        s.append("master.webui.port=").append(webUiPort).append('\n');
        s.append("master.pid=").append(masterPid).append('\n');
        s.append("worker.pids=").append(String.join(",", workerPids.stream().map(String::valueOf).toList())).append('\n');
        AtomicFiles.writeString(stateDir.resolve(STATE_FILE), s.toString());
    }

    /** A port nothing listens on now (the daemon binds it right after; a collision then fails the start loudly). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
