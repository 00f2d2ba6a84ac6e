package org.airesilience.lake;

import org.airesilience.report.AtomicFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * File operations on any Hadoop file system, for the stages that write plain files: atomic single-file writes,
 * whole-file reads and copies between the lake and a local folder. On the local file system they work through
 * {@code java.nio} ({@link AtomicFiles}), which writes no checksum files beside the data.
 */
public final class LakeFiles {
    private LakeFiles() {
    }

    /** The file system of a location; an unknown scheme is an error naming the location and the setting to add. */
    static FileSystem fileSystem(String location, Path path, Configuration hadoop) {
        try {
            return path.getFileSystem(hadoop);
        } catch (UnsupportedFileSystemException e) {
            String scheme = path.toUri().getScheme();
            throw new IllegalArgumentException("no Hadoop file system for '" + scheme + ":' in " + location
                    + " (add its connector to the class path and set spark.hadoop.fs." + scheme + ".impl)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot reach " + location + ": " + e.getMessage(), e);
        }
    }

    /** A file found under a folder, with its path relative to the folder. */
    public record Listed(FileStatus status, String relative) {
    }

    /**
     * The files under {@code root} (itself qualified), at any depth, less hidden ones: those with a path part under
     * the root that starts with '.' or '_' (checksums, {@code _SUCCESS}, {@code _temporary}, {@code _ingest}), as
     * Hadoop's and Spark's readers skip them.
     */
    public static java.util.List<Listed> visibleFiles(FileSystem fs, Path root) throws IOException {
        String prefix = root.toUri().getPath().replaceAll("/+$", "") + "/";
        java.util.List<Listed> out = new java.util.ArrayList<>();
        var it = fs.listFiles(root, true);
        while (it.hasNext()) {
            FileStatus st = it.next();
            String path = st.getPath().toUri().getPath();
            String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : st.getPath().getName();
            boolean hidden = false;
            for (String part : relative.split("/")) hidden |= part.startsWith(".") || part.startsWith("_");
            if (!hidden) out.add(new Listed(st, relative));
        }
        return out;
    }

    /** The file system of a location given on the command line ({@code --data}, {@code --json}). */
    public static FileSystem fileSystem(String location, Configuration hadoop) {
        return fileSystem(location, Lake.hadoopPath(location), hadoop);
    }

    /** Whether the file system is the local one (scheme {@code file}), whose paths java.nio reads too. */
    public static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    static java.nio.file.Path local(FileSystem fs, Path p) {
        if (!isLocal(fs)) throw new IllegalStateException(p + " is not on the local file system");
        return java.nio.file.Path.of(fs.makeQualified(p).toUri());
    }

    /**
     * Writes a file atomically: readers see the previous content or the new one, whole. Locally through a temporary
     * sibling moved into place; elsewhere a temporary sibling renamed over the target (HDFS renames atomically), or,
     * where the file system has no rename that replaces (object stores), one create, which those make visible whole.
     */
    public static void write(FileSystem fs, Path target, byte[] content) {
        if (isLocal(fs)) {
            AtomicFiles.write(local(fs, target), content);
            return;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(content);
            }
            try {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
            } catch (UnsupportedFileSystemException noFileContext) {
                try (FSDataOutputStream out = fs.create(target, true)) {
                    out.write(content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                fs.delete(tmp, false);
            } catch (IOException e) {
                // a leftover temporary file is hidden and harmless
            }
        }
    }

    /** A path as people read it: a local path on the local file system, else the URI. */
    public static String display(FileSystem fs, Path p) {
        return isLocal(fs) ? local(fs, p).toString() : fs.makeQualified(p).toString();
    }

    /** A whole file; null when it does not exist. */
    public static byte[] readOrNull(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Copies a file, or a folder's tree, from the file system to a local path ({@code to} must not exist). Names
     * starting with '.' (temporary files) are left out.
     */
    public static void copyToLocal(FileSystem fs, Path from, java.nio.file.Path to) {
        try {
            FileStatus st = fs.getFileStatus(from);
            if (st.isFile()) {
                Files.createDirectories(to.toAbsolutePath().getParent());
                try (InputStream in = fs.open(from)) {
                    Files.copy(in, to);
                }
                return;
            }
            Files.createDirectories(to);
            for (FileStatus child : fs.listStatus(from)) {
                String name = child.getPath().getName();
                if (!name.startsWith(".")) copyToLocal(fs, child.getPath(), to.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Copies the content of a local folder (or a local file) to a path of the file system. */
    public static void copyFromLocal(java.nio.file.Path from, FileSystem fs, Path to) {
        try {
            if (Files.isRegularFile(from)) {
                fs.copyFromLocalFile(false, true, new Path(from.toAbsolutePath().toUri()), to);
                return;
            }
            fs.mkdirs(to);
            try (Stream<java.nio.file.Path> children = Files.list(from)) {
                for (java.nio.file.Path c : children.sorted().toList()) {
                    copyFromLocal(c, fs, new Path(to, c.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Deletes a file or tree if it exists. */
    public static void delete(FileSystem fs, Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }

    /** A local temporary folder for staging, deleted by {@link #deleteLocal}. */
    public static java.nio.file.Path localTemp(String prefix) {
        try {
            return Files.createTempDirectory("airesilience-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    public static void deleteLocal(java.nio.file.Path dir) {
        AtomicFiles.deleteRecursively(dir);
    }
}
