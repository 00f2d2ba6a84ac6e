package org.airesilience.lake;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * A data lake on any Hadoop file system: its root as a URI ({@code file:}, a plain local path, {@code hdfs://},
 * {@code s3a://} and whatever else the Hadoop configuration knows) and the file system that holds it. Spark jobs hand
 * {@link #uri} to Spark; the pure-Java stages read and write through {@link LakeFiles}; published tables follow the
 * pointer protocol of {@link LakeTable}.
 *
 * <p>A location without a scheme is a local path (relative to the working directory), never the cluster's default
 * file system: {@code --lake data-lake} means the same on a laptop and on a cluster node; write {@code hdfs:///lake}
 * for the default name node's.
 */
public final class Lake {
    private final String location;
    private final FileSystem fs;
    private final Path root;
    private final int keepRuns;

    private Lake(String location, FileSystem fs, Path root, int keepRuns) {
        this.location = location;
        this.fs = fs;
        this.root = root;
        this.keepRuns = keepRuns;
    }

    /** The lake of the settings ({@code airesilience.lake.root}), with the Hadoop configuration the settings give. */
    public static Lake open(Config settings) {
        return open(settings, hadoopConfiguration(settings));
    }

    /** The lake of the settings, through {@code hadoop} (a Spark job's: {@code sparkContext().hadoopConfiguration()}). */
    public static Lake open(Config settings, Configuration hadoop) {
        return open(settings.getString("airesilience.lake.root"), hadoop, keepRuns(settings));
    }

    /**
     * The lake at {@code location}. An unknown scheme or an unreachable file system is an error naming the location.
     *
     * @param keepRuns published runs kept per table (the current one included) when a new one is published
     */
    public static Lake open(String location, Configuration hadoop, int keepRuns) {
        Path root = hadoopPath(location);
        FileSystem fs = LakeFiles.fileSystem(location, root, hadoop);
        try {
            fs.exists(root); // reaches the file system now, not half way through a job
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot reach the lake " + location + ": " + e.getMessage(), e);
        }
        return new Lake(location, fs, fs.makeQualified(root), keepRuns);
    }

    /** A lake at a location, with the keep-runs setting of {@code settings}. */
    public static Lake open(String location, Config settings, Configuration hadoop) {
        return open(location, hadoop, keepRuns(settings));
    }

    /** A run id from the clock: the UTC time stamp {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static String newRunId() {
        return java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    }

    /** airesilience.lake.keep-runs, checked. */
    public static int keepRuns(Config settings) {
        int keep = settings.getInt("airesilience.lake.keep-runs");
        if (keep < 1) throw new IllegalArgumentException("airesilience.lake.keep-runs must be at least 1, not " + keep);
        return keep;
    }

    /**
     * A location as a Hadoop path: a URI with a scheme as it is, anything else a local path made absolute
     * ({@code file:}).
     */
    public static Path hadoopPath(String location) {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("empty lake location");
        if (hasScheme(location)) {
            try {
                new URI(location);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URI: " + location + " (" + e.getReason() + ")", e);
            }
            return new Path(location);
        }
        return new Path("file", null, java.nio.file.Path.of(location).toAbsolutePath().normalize().toString());
    }

    /** True for {@code scheme:...} (two letters at least, so that a Windows drive letter stays a path). */
    static boolean hasScheme(String location) {
        int colon = location.indexOf(':');
        return colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }

    /**
     * The Hadoop configuration outside a Spark job, as Spark would make it: {@code core-site.xml} and the others on the
     * class path ({@code HADOOP_CONF_DIR} under spark-submit), then every {@code spark.hadoop.*} setting of
     * {@code airesilience.spark.conf} and of the system properties (spark-submit's {@code --conf}), prefix removed.
     */
    public static Configuration hadoopConfiguration(Config settings) {
        Configuration conf = new Configuration();
        if (settings.hasPath("airesilience.spark.conf")) {
            for (Map.Entry<String, ConfigValue> e : settings.getConfig("airesilience.spark.conf").entrySet()) {
                String key = e.getKey().replace("\"", "");
                if (key.startsWith("spark.hadoop.")) {
                    conf.set(key.substring("spark.hadoop.".length()), String.valueOf(e.getValue().unwrapped()));
                }
            }
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.hadoop.")) conf.set(key.substring("spark.hadoop.".length()), System.getProperty(key));
        }
        return conf;
    }

    /** The location as given. */
    public String location() {
        return location;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Configuration hadoop() {
        return fs.getConf();
    }

    /** The qualified root. */
    public Path root() {
        return root;
    }

    /** A path under the lake ({@code relative} uses '/'; empty for the root). */
    public Path path(String relative, String... more) {
        Path p = relative.isEmpty() ? root : new Path(root, relative);
        for (String m : more) p = new Path(p, m);
        return p;
    }

    /** A path under the lake as the URI string Spark reads and writes. */
    public String uri(String relative, String... more) {
        return path(relative, more).toString();
    }

    /** True on the local file system, where the pure-Java stages write in place. */
    public boolean isLocal() {
        return LakeFiles.isLocal(fs);
    }

    /** A path under a local lake as a {@code java.nio} path. */
    public java.nio.file.Path local(String relative, String... more) {
        return LakeFiles.local(fs, path(relative, more));
    }

    /** A path under the lake as people read it: a local path on a local lake, else the URI. */
    public String display(String relative, String... more) {
        return isLocal() ? local(relative, more).toString() : uri(relative, more);
    }

    public boolean exists(String relative, String... more) {
        try {
            return fs.exists(path(relative, more));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(relative, more), e);
        }
    }

    public boolean isDirectory(String relative, String... more) {
        Path p = path(relative, more);
        try {
            FileStatus st = fs.getFileStatus(p);
            return st.isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** A published table of the lake ({@code curated/patents}, {@code results/<study>}, ...). */
    public LakeTable table(String relative, String... more) {
        return new LakeTable(fs, path(relative, more), keepRuns);
    }

    /** A table at any location (an {@code --out} folder), on the file system its URI names. */
    public LakeTable tableAt(String location) {
        Path p = hadoopPath(location);
        return new LakeTable(LakeFiles.fileSystem(location, p, fs.getConf()), p, keepRuns);
    }

    /** Writes a file of the lake atomically (a report, a quarantine file). */
    public void write(String relative, byte[] content) {
        LakeFiles.write(fs, path(relative), content);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
