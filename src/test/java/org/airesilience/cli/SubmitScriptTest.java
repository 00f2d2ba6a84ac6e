package org.airesilience.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * submit.sh's argument handling, run for real with AIRESILIENCE_PRINT_COMMAND=1 (which prints the final command,
 * one argument per line, instead of running it) against a stand-in spark-submit and application jar.
 */
class SubmitScriptTest {
    private static final Path SCRIPT = Path.of("submit.sh").toAbsolutePath();

    @TempDir
    Path dir;
    Path sparkHome;
    Path appJar;
    Path marker;
    /** A PATH without spark-submit, with a stand-in mvn that records being called. */
    String path;

    @BeforeEach
    void standIns() throws IOException {
        marker = dir.resolve("called");
        sparkHome = dir.resolve("spark");
        Files.createDirectories(sparkHome.resolve("bin"));
        executable(sparkHome.resolve("bin/spark-submit"), "#!/bin/sh\necho spark-submit >> '" + marker + "'\n");
        Path tools = Files.createDirectories(dir.resolve("tools"));
        executable(tools.resolve("mvn"), "#!/bin/sh\necho mvn >> '" + marker + "'\n");
        path = tools + File.pathSeparator + Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(p -> !Files.exists(Path.of(p, "spark-submit")))
                .collect(Collectors.joining(File.pathSeparator));
        appJar = Files.writeString(dir.resolve("app.jar"), "");
    }

    @Test
    void everySparkSubmitOptionPassesThroughInOrderAndTheRestGoesToTheJob() throws Exception {
        Result r = run(Map.of("SPARK_HOME", sparkHome.toString(), "AIRESILIENCE_APP_JAR", appJar.toString(),
                        "AIRESILIENCE_PRINT_COMMAND", "1"),
                "--master", "yarn", "ingest", "--principal", "etl@EXAMPLE.COM", "--keytab", "/etc/etl.keytab",
                "--properties-file", "/etc/job.properties", "--driver-cores", "2", "--config", "my.conf",
                "--py-files", "a.zip", "--archives", "env.tgz#env", "--files", "conf/keywords.conf",
                "--jars", "x.jar", "--packages", "g:a:1", "--conf=spark.sql.shuffle.partitions=400",
                "--conf", "spark.driver.extraJavaOptions=-Duser.flag=1", "--supervise", "--verbose",
                "--lake", "hdfs:///lake", "--set", "ingest.quarantine.max-share=0.1", "--help");
        assertEquals(0, r.exit, r.err);
        assertEquals(List.of(sparkHome.resolve("bin/spark-submit").toString(), "--class", "org.airesilience.cli.Main",
                "--master", "yarn", "--principal", "etl@EXAMPLE.COM", "--keytab", "/etc/etl.keytab",
                "--properties-file", "/etc/job.properties", "--driver-cores", "2", "--py-files", "a.zip",
                "--archives", "env.tgz#env", "--files", "conf/keywords.conf", "--jars", "x.jar", "--packages", "g:a:1",
                "--conf", "spark.sql.shuffle.partitions=400", "--conf", "spark.driver.extraJavaOptions=-Duser.flag=1",
                "--supervise", "--verbose", appJar.toString(),
                "ingest", "--config", "my.conf", "--lake", "hdfs:///lake",
                "--set", "ingest.quarantine.max-share=0.1", "--help"), r.lines());
        assertFalse(Files.exists(marker), "nothing run, nothing built");
    }

    @Test
    void withSparkInstalledAMissingJarIsAnErrorSayingHowToBuildNeverABuild() throws Exception {
        Result r = run(Map.of("SPARK_HOME", sparkHome.toString(),
                "AIRESILIENCE_APP_JAR", dir.resolve("missing.jar").toString()), "measure");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("no application jar at " + dir.resolve("missing.jar")), r.err);
        assertTrue(r.err.contains("mvn -B package -DskipTests"), r.err);
        assertFalse(Files.exists(marker), "neither mvn nor spark-submit ran");
    }

    @Test
    void localModeAppliesSparkSubmitsPrecedence() throws Exception {
        Path props = Files.writeString(dir.resolve("job.properties"), String.join("\n",
                "# defaults of the site", "spark.sql.shuffle.partitions 16", "spark.app.name: from-file",
                "spark.driver.extraJavaOptions = -Dfrom.file=1  ", "not.spark = ignored", ""));
        Result r = run(Map.of("AIRESILIENCE_PRINT_COMMAND", "1"), "measure", "--properties-file", props.toString(),
                "--conf", "spark.sql.shuffle.partitions=32", "--master", "local[2]", "--driver-memory", "1g",
                "--conf", "spark.driver.extraJavaOptions=-Dfrom.conf=1", "--driver-java-options", "-Da=1 -Db=2",
                "--jars", "x.jar", "--lake", "/l");
        assertEquals(0, r.exit, r.err);
        List<String> cmd = r.lines();
        assertEquals("java", cmd.get(0));
        assertTrue(cmd.contains("-Xmx1g"), cmd.toString());
        // -D given twice: the JVM keeps the last, so --conf (after the file) wins, as under spark-submit.
        assertEquals("-Dspark.sql.shuffle.partitions=32", last(cmd, "-Dspark.sql.shuffle.partitions="));
        assertEquals("-Dspark.app.name=from-file", last(cmd, "-Dspark.app.name="));
        assertEquals("-Dspark.master=local[2]", last(cmd, "-Dspark.master="));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-Dnot.spark")), cmd.toString());
        // --driver-java-options wins over --conf spark.driver.extraJavaOptions, which wins over the file; the
        // user's options come after the project's JVM flags.
        int flags = cmd.indexOf("-Dio.netty.tryReflectionSetAccessible=true");
        assertTrue(flags > 0 && cmd.indexOf("-Da=1") > flags && cmd.indexOf("-Db=2") > flags, cmd.toString());
        assertFalse(cmd.contains("-Dfrom.conf=1") || cmd.contains("-Dfrom.file=1"), cmd.toString());
        assertEquals(List.of("org.airesilience.cli.Main", "measure", "--lake", "/l"), cmd.subList(cmd.size() - 4, cmd.size()));
        assertTrue(cmd.get(cmd.size() - 5).startsWith(SCRIPT.getParent().resolve("target/airesilience-0.1.0-app.jar").toString()),
                "the application jar first on the class path: " + cmd.get(cmd.size() - 5));
        assertTrue(r.err.contains("--jars applies only under spark-submit"), r.err);
        assertFalse(Files.exists(marker), "print mode builds nothing");

        Result fromConf = run(Map.of("AIRESILIENCE_PRINT_COMMAND", "1"), "measure", "--properties-file",
                props.toString(), "--conf", "spark.driver.extraJavaOptions=-Dfrom.conf=1");
        assertTrue(fromConf.lines().contains("-Dfrom.conf=1") && !fromConf.lines().contains("-Dfrom.file=1"));
        Result fromFile = run(Map.of("AIRESILIENCE_PRINT_COMMAND", "1"), "measure", "--properties-file",
                props.toString());
        assertTrue(fromFile.lines().contains("-Dfrom.file=1"), fromFile.lines().toString());
    }

    @Test
    void aConfigurationFileGivenToConfIsAClearError() throws Exception {
        Result r = run(Map.of("AIRESILIENCE_PRINT_COMMAND", "1"), "ingest", "--conf", "my.conf");
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("--config FILE"), r.err);
        Result missing = run(Map.of("AIRESILIENCE_PRINT_COMMAND", "1"), "ingest", "--master");
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("--master needs a value"), missing.err);
    }

    /** The script's lists are spark-submit's own, from the launcher of the Spark version the project builds on. */
    @Test
    void optionListsAreSparkSubmitsOwn() throws Exception {
        String script = Files.readString(SCRIPT);
        Set<String> values = words(script, "spark_value_options");
        Set<String> flags = words(script, "spark_flags");
        Set<String> refused = words(script, "spark_refused");
        Class<?> parser = Class.forName("org.apache.spark.launcher.SparkSubmitOptionParser");
        Constructor<?> make = parser.getDeclaredConstructor();
        make.setAccessible(true);
        Object instance = make.newInstance();
        Set<String> sparkValues = names(parser, instance, "opts");
        Set<String> sparkFlags = names(parser, instance, "switches");

        Set<String> handledValues = new TreeSet<>(values);
        handledValues.addAll(refused);
        handledValues.retainAll(sparkValues);
        assertEquals(sparkValues, handledValues);
        Set<String> handledFlags = new TreeSet<>(flags);
        handledFlags.addAll(refused);
        handledFlags.addAll(List.of("--help", "-h", "--version"));  // the job's own help and version
        handledFlags.retainAll(sparkFlags);
        assertEquals(sparkFlags, handledFlags);
        assertTrue(sparkValues.containsAll(values) && sparkFlags.containsAll(flags), "no invented options");
    }

    /** bash 3.2 (macOS): no empty-array expansion under set -u, no associative arrays, no case conversion. */
    @Test
    void runsUnderBash32() throws Exception {
        String script = Files.readString(SCRIPT);
        Matcher unguarded = Pattern.compile("(?<!\\+)\"\\$\\{(\\w+)\\[@]}\"").matcher(script);
        while (unguarded.find()) {
            assertEquals("jvm_flags", unguarded.group(1), "unguarded expansion of a possibly empty array");
        }
        for (String bash4 : List.of("declare -A", "local -A", "mapfile", "readarray", ",,}", "^^}", "|&", "&>>")) {
            assertFalse(script.contains(bash4), "bash 4 only: " + bash4);
        }
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        Assumptions.assumeTrue(onPath("shellcheck"), "shellcheck not installed");
        Process p = new ProcessBuilder("shellcheck", SCRIPT.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private static Set<String> words(String script, String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=\"([^\"]*)\"").matcher(script);
        assertTrue(m.find(), variable + " not found in submit.sh");
        return new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
    }

    private static Set<String> names(Class<?> parser, Object instance, String field) throws Exception {
        Field f = parser.getDeclaredField(field);
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (String[] names : (String[][]) f.get(instance)) out.addAll(Arrays.asList(names));
        return out;
    }

    private static String last(List<String> cmd, String prefix) {
        String found = null;
        for (String a : cmd) if (a.startsWith(prefix)) found = a;
        return found;
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        assertTrue(file.toFile().setExecutable(true));
    }

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
        }
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("AIRESILIENCE_APP_JAR");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("PATH", path);
        pb.environment().putAll(env);
        Path err = dir.resolve("stderr");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Result(exit, out, Files.readString(err));
    }
}
