package org.airesilience.cli;

import org.apache.spark.launcher.JavaModuleOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A job run as ./submit.sh runs it, in a child JVM with this test's classpath, so that a test can kill it. */
public final class ChildJob {
    private ChildJob() {
    }

    /** Starts {@code Main args...} with heap {@code heap} (e.g. "1g"), its output appended to {@code log}. */
    public static Process start(String heap, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Whether {@code folder} exists and holds an entry that matches (false while it cannot be listed). */
    public static boolean has(Path folder, Predicate<Path> match) {
        if (!Files.isDirectory(folder)) return false;
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(match);
        } catch (IOException e) {
            return false;
        }
    }
}
