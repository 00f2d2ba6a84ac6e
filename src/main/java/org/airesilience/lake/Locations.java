package org.airesilience.lake;

import com.typesafe.config.ConfigFactory;
import org.airesilience.report.AtomicFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Single files named on the command line ({@code --data}, {@code --json} of the econometrics commands) as paths or
 * URIs of any Hadoop file system. Local files are used in place; a remote input is copied to a local temporary file
 * when the command line is parsed ({@link LocalCopy}), a remote output written through the file system.
 */
public final class Locations {
    private Locations() {
    }

    /** True for a path without a scheme or a {@code file:} URI. */
    public static boolean isLocal(String location) {
        return !Lake.hasScheme(location) || location.startsWith("file:");
    }

    /** The local path of a local location, as given (a relative path stays relative). */
    public static java.nio.file.Path local(String location) {
        return Lake.hasScheme(location) ? java.nio.file.Path.of(Lake.hadoopPath(location).toUri()) : java.nio.file.Path.of(location);
    }

    /**
     * The Hadoop configuration of a command without a Spark session: core-site.xml on the class path and the
     * {@code spark.hadoop.*} system properties.
     */
    static Configuration configuration() {
        return Lake.hadoopConfiguration(ConfigFactory.empty());
    }

    /** Writes a file atomically at a location (a local path, or a URI of any Hadoop file system). */
    public static void write(String location, byte[] content) {
        if (isLocal(location)) {
            AtomicFiles.write(local(location), content);
            return;
        }
        Path p = Lake.hadoopPath(location);
        LakeFiles.write(LakeFiles.fileSystem(location, configuration()), p, content);
    }

    /**
     * An input file option: a local path as given, or a remote file copied to a local temporary file (removed when
     * the JVM exits) under its own name.
     */
    public static final class LocalCopy implements CommandLine.ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String location) {
            if (isLocal(location)) return local(location);
            Path remote = Lake.hadoopPath(location);
            FileSystem fs = LakeFiles.fileSystem(location, configuration());
            try {
                java.nio.file.Path dir = Files.createTempDirectory("airesilience-input-");
                dir.toFile().deleteOnExit();
                java.nio.file.Path copy = dir.resolve(remote.getName());
                LakeFiles.copyToLocal(fs, remote, copy);
                copy.toFile().deleteOnExit();
                return copy;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + location + " to a local file", e);
            }
        }
    }
}
