package org.airesilience.config;

import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds a file that configuration names (the keyword dictionary, the indicator catalogue, a panel spec, a study
 * config, the --config settings file) where a job may run: on a laptop, on a cluster node, or as the driver in
 * cluster deploy mode, where the checkout is absent and files come from the jar or from spark-submit --files.
 * In this order:
 * <ol>
 *   <li>{@code classpath:NAME}: resource NAME of the application jar, and nothing else;</li>
 *   <li>the path as given (relative to the working directory);</li>
 *   <li>a file of the same name shipped with {@code --files}: in the working directory, where YARN and Kubernetes
 *       put it for the driver in cluster deploy mode, or in SparkFiles' folder once Spark runs;</li>
 *   <li>a resource of the application jar: the relative path as given, and for a setting's built-in default value
 *       its bundled copy.</li>
 * </ol>
 * A file found nowhere is an error naming the key, where it was set and every place looked: a configured file
 * never falls back silently to the bundled one.
 */
public final class ConfiguredFiles {
    static final String CLASSPATH = "classpath:";

    private ConfiguredFiles() {
    }

    /**
     * @param key     the setting or option that names the file (measure.keywords, --spec, ...)
     * @param value   its value
     * @param setAt   where it was set, for messages ("conf/application.conf line 3", "--set"), or null
     * @param bundled the jar resource holding the default's copy when {@code value} is the built-in default, else
     *                null
     */
    public static Settings.SettingFile resolve(String key, String value, String setAt, String bundled) {
        return resolve(key, value, setAt, bundled, Path.of(""), ConfiguredFiles::sparkFilesFolder, true);
    }

    /**
     * A configured file that must be a file in this JVM's file system (a study config, which names its own
     * outputs and is copied into them): the path, else a file of that name shipped with --files.
     */
    public static Path resolvePath(String key, String value) {
        return resolve(key, value, null, null, Path.of(""), ConfiguredFiles::sparkFilesFolder, false).file();
    }

    /** As {@link #resolve(String, String, String, String)} from {@code workingDir}, with SparkFiles' folder. */
    static Settings.SettingFile resolve(String key, String value, String setAt, String bundled, Path workingDir,
                                        Path sparkFiles) {
        return resolve(key, value, setAt, bundled, workingDir, () -> sparkFiles, true);
    }

    /**
     * @param sparkFiles SparkFiles' folder or null, asked only when the path as given is missing (a job that finds
     *                   its files never loads Spark's classes for it)
     */
    private static Settings.SettingFile resolve(String key, String value, String setAt, String bundled,
                                                Path workingDir, Supplier<Path> sparkFiles, boolean inJar) {
        ClassLoader loader = ConfiguredFiles.class.getClassLoader();
        String said = key + " = " + value + (setAt == null ? "" : " (" + setAt + ")");
        if (inJar && value.startsWith(CLASSPATH)) {
            String name = value.substring(CLASSPATH.length());
            URL url = loader.getResource(name);
            if (url == null) throw new IllegalArgumentException(said + ": no such resource in the application jar");
            return new Settings.SettingFile(key, value, null, url);
        }
        Path given;
        try {
            given = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(said + ": not a file path (" + e.getReason() + ")");
        }
        Path asGiven = workingDir.resolve(given);
        if (Files.isRegularFile(asGiven)) return new Settings.SettingFile(key, asGiven.toString(), asGiven, null);

        List<String> looked = new ArrayList<>();
        Path name = given.getFileName();
        if (name != null) {
            Path sparkFolder = sparkFiles.get();
            for (Path folder : sparkFolder == null ? List.of(workingDir) : List.of(workingDir, sparkFolder)) {
                Path shipped = folder.resolve(name.toString());
                if (!shipped.equals(asGiven) && Files.isRegularFile(shipped)) {
                    log().info("{}: not at that path; using {}, shipped with --files", said, shipped);
                    return new Settings.SettingFile(key, shipped.toString(), shipped, null);
                }
            }
            looked.add("shipped with --files as " + name);
        }
        List<String> resources = new ArrayList<>();
        if (inJar && !given.isAbsolute()) resources.add(given.normalize().toString().replace('\\', '/'));
        if (inJar && bundled != null && !resources.contains(bundled)) resources.add(bundled);
        for (String resource : resources) {
            URL url = loader.getResource(resource);
            if (url != null) {
                log().info("{}: not at that path; using {}{} from the application jar", said, CLASSPATH, resource);
                return new Settings.SettingFile(key, CLASSPATH + resource, null, url);
            }
        }
        if (!resources.isEmpty()) looked.add("in the application jar as " + String.join(" or ", resources));
        throw new IllegalArgumentException(said + ": no such file"
                + (Files.exists(asGiven) ? " (not a regular file)" : "")
                + (looked.isEmpty() ? "" : "; nor " + String.join(", nor ", looked)));
    }

    /** Only when a file is not where configured: a quick command that logs nothing never initialises logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(ConfiguredFiles.class);
    }

    /** SparkFiles' folder when this JVM runs Spark (it holds the --files of the application), else null. */
    private static Path sparkFilesFolder() {
        if (SparkEnv.get() == null) return null;
        try {
            return Path.of(SparkFiles.getRootDirectory());
        } catch (RuntimeException e) {
            return null; // a Spark environment without a file server (stopping): nothing shipped to look at
        }
    }
}
