package org.airesilience.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./submit.sh cluster start|status|stop}: a Spark standalone cluster on this machine, for trying cluster mode. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A Spark standalone cluster on 127.0.0.1 (a master and workers, each its own JVM) from the "
                + "project's own Spark jars, to run any job with --master spark://127.0.0.1:7077.",
                "State (pids, logs, the laid-out Spark home) lives in --state-dir."},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
public final class ClusterCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where the cluster keeps its state; submit.sh sets AIRESILIENCE_HOME to the project folder. */
    static final class StateOption {
        @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:AIRESILIENCE_HOME:-.}/target/cluster",
                description = "Pid files, logs, work folders and the Spark home (default: ${DEFAULT-VALUE}).")
        Path stateDir;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a master and --workers workers; print the master URL.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOption state;

        @Option(names = "--workers", defaultValue = "2", description = "Worker JVMs (default ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--cores", defaultValue = "1", description = "Cores each worker offers (default ${DEFAULT-VALUE}).")
        int cores;

        @Option(names = "--memory", defaultValue = "2g",
                description = "Memory each worker offers its executors, e.g. 1g (default ${DEFAULT-VALUE}); "
                        + "jobs ask for at most this with --conf spark.executor.memory=...")
        String memory;

        @Option(names = "--port", defaultValue = "7077", description = "Master port (default ${DEFAULT-VALUE}; 0 = any free port).")
        int port;

        @Option(names = "--classpath-file", paramLabel = "FILE",
                defaultValue = "${env:AIRESILIENCE_HOME:-.}/target/" + StandaloneCluster.CLASSPATH_FILE,
                description = "The Spark jars, as the build lists them (default: ${DEFAULT-VALUE}).")
        Path classpathFile;

        @Override
        public Integer call() {
            StandaloneCluster cluster = StandaloneCluster.start(state.stateDir,
                    StandaloneCluster.readClasspathFile(classpathFile),
                    new StandaloneCluster.Spec(workers, cores, memory, port, Duration.ofMinutes(3)));
            System.out.println("master " + cluster.masterUrl() + " (pid " + cluster.masterPid() + "), web UI "
                    + cluster.webUiUrl());
            System.out.println(workers + " workers (pids " + cluster.workerPids() + "), " + cores + " core(s) and "
                    + memory + " each; logs in " + state.stateDir.resolve("logs"));
            System.out.println("run a job there: ./submit.sh --master " + cluster.masterUrl() + " <job> ...");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print the master URL and the workers; exit status 1 when no cluster runs.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOption state;

        @Override
        public Integer call() {
            Optional<StandaloneCluster> found = StandaloneCluster.status(state.stateDir);
            if (found.isEmpty()) {
                System.out.println("no cluster running from " + state.stateDir);
                return 1;
            }
            StandaloneCluster cluster = found.get();
            JsonNode master = cluster.masterState();
            System.out.printf("master %s (pid %d): %s, %d alive workers, %d cores (%d in use), %d running applications%n",
                    cluster.masterUrl(), cluster.masterPid(), master.path("status").asText(),
                    master.path("aliveworkers").asInt(), master.path("cores").asInt(),
                    master.path("coresused").asInt(), master.path("activeapps").size());
            System.out.println("worker processes running: " + cluster.runningWorkers() + " of " + cluster.workerPids());
            System.out.println("web UI " + cluster.webUiUrl());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the workers and the master.")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOption state;

        @Override
        public Integer call() {
            Optional<StandaloneCluster> found = StandaloneCluster.recorded(state.stateDir);
            if (found.isEmpty()) {
                System.out.println("no cluster recorded in " + state.stateDir);
                return 0;
            }
            found.get().stop();
            System.out.println("stopped " + found.get().masterUrl());
            return 0;
        }
    }
}
