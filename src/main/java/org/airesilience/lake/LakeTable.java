package org.airesilience.lake;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A published output of the lake and its publication protocol, safe on file systems whose rename is not atomic
 * (object stores) and never leaving a moment without a published result:
 * <ol>
 *   <li>a run writes into its own folder {@code <table>/<run id>/}, marked {@code _PUBLISHING} while it is written;
 *       nobody reads it yet;</li>
 *   <li>when everything is written the marker becomes {@code _SUCCESS};</li>
 *   <li>then {@code <table>/LATEST} (one line: the run id) is replaced in one atomic step. This is the moment the
 *       new result becomes visible; readers resolve the pointer ({@link #current}) and always find a complete
 *       run;</li>
 *   <li>last, complete runs beyond the newest {@code keep} (the current one among them) are deleted, and so are
 *       unfinished run folders older than the published one (left by killed runs).</li>
 * </ol>
 * A run folder is never modified after its pointer is written. A folder without {@code LATEST} is read as it is
 * (tables written before this protocol, or placed by hand).
 */
public final class LakeTable {
    public static final String POINTER = "LATEST";
    public static final String COMPLETE = "_SUCCESS";
    static final String IN_PROGRESS = "_PUBLISHING";

    private final FileSystem fs;
    private final Path table;
    private final int keep;

    LakeTable(FileSystem fs, Path table, int keep) {
        // Locally the raw file system: the protocol's markers and pointer need no checksum files beside them.
        this.fs = fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRaw() : fs;
        this.table = this.fs.makeQualified(table);
        this.keep = keep;
    }

    /** Writes a run's files into the run folder it is given. */
    @FunctionalInterface
    public interface RunWriter {
        void write(Path runFolder) throws IOException;
    }

    /** Writes a run's files into a local folder ({@code java.nio}). */
    @FunctionalInterface
    public interface LocalRunWriter {
        void write(java.nio.file.Path runFolder) throws IOException;
    }

    public Path path() {
        return table;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** The run id {@code LATEST} names, or null when there is none. */
    public String latestRun() {
        byte[] b = LakeFiles.readOrNull(fs, new Path(table, POINTER));
        if (b == null) return null;
        String id = new String(b, StandardCharsets.UTF_8).strip();
        if (id.isEmpty() || id.contains("/")) throw new IllegalStateException(new Path(table, POINTER) + " names no run: '" + id + "'");
        return id;
    }

    /** The folder to read: the run {@code LATEST} names, or the table folder itself when it has no pointer. */
    public Path current() {
        String id = latestRun();
        return id == null ? table : new Path(table, id);
    }

    /**
     * {@link #current} of a table on the local file system, for readers that work on {@code java.nio} paths: the run
     * {@code LATEST} names, or the folder itself when it has no pointer.
     */
    public static java.nio.file.Path currentLocal(java.nio.file.Path table) {
        java.nio.file.Path pointer = table.resolve(POINTER);
        if (!java.nio.file.Files.isRegularFile(pointer)) return table;
        try {
            String id = java.nio.file.Files.readString(pointer, StandardCharsets.UTF_8).strip();
            if (id.isEmpty() || id.contains("/")) throw new IllegalStateException(pointer + " names no run: '" + id + "'");
            return table.resolve(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer, e);
        }
    }

    /** Whether anything is published (a pointer, or a table folder without one). */
    public boolean exists() {
        try {
            return fs.exists(current());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
    }

    /**
     * Publishes a run: {@code writer} fills {@code <table>/<run id>/}, which {@code LATEST} then names. A failure
     * while writing leaves the published run as it was. A run id already published gets a suffix ({@code -2},
     * {@code -3}, ...); an unfinished folder of the same id (a killed run) is replaced.
     *
     * @return the published run folder
     */
    public Path publish(String runId, RunWriter writer) {
        Run run = begin(runId);
        try {
            writer.write(run.folder());
        } catch (IOException | RuntimeException e) {
            abandon(run);
            if (e instanceof RuntimeException r) throw r;
            throw new UncheckedIOException("cannot publish " + table, (IOException) e);
        }
        return commit(run);
    }

    /** A run folder being written: created by {@link #begin}, published by {@link #commit}. */
    public record Run(Path folder, long started) {
    }

    /**
     * Creates the folder of a new run (for a job that publishes several tables together: write every table's run,
     * then commit them).
     */
    public Run begin(String runId) {
        if (runId.isEmpty() || runId.contains("/") || runId.startsWith(".") || runId.startsWith("_") || runId.equals(POINTER)) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        try {
            fs.mkdirs(table);
            Path folder = freshRunFolder(runId);
            fs.mkdirs(folder);
            Path marker = new Path(folder, IN_PROGRESS);
            fs.create(marker, true).close();
            return new Run(folder, fs.getFileStatus(marker).getModificationTime());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + table, e);
        }
    }

    /** Marks a written run complete, points {@code LATEST} at it and prunes old runs; returns its folder. */
    public Path commit(Run run) {
        try {
            fs.create(new Path(run.folder(), COMPLETE), true).close();
            fs.delete(new Path(run.folder(), IN_PROGRESS), false);
            LakeFiles.write(fs, new Path(table, POINTER), (run.folder().getName() + "\n").getBytes(StandardCharsets.UTF_8));
            prune(run.folder().getName(), run.started());
            return run.folder();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + table, e);
        }
    }

    /** Deletes a run folder that will not be committed (a failed run). */
    public void abandon(Run run) {
        LakeFiles.delete(fs, run.folder());
    }

    /**
     * Publishes a run written by plain Java code: in place on a local lake, else into a local temporary folder
     * that is then copied into the run folder through the file system.
     */
    public Path publishLocal(String runId, LocalRunWriter writer) {
        return publish(runId, run -> {
            if (LakeFiles.isLocal(fs)) {
                writer.write(LakeFiles.local(fs, run));
                return;
            }
            java.nio.file.Path staged = LakeFiles.localTemp("publish");
            try {
                writer.write(staged);
                LakeFiles.copyFromLocal(staged, fs, run);
            } finally {
                LakeFiles.deleteLocal(staged);
            }
        });
    }

    private Path freshRunFolder(String runId) throws IOException {
        String latest = latestRun();
        for (int n = 1; ; n++) {
            String name = n == 1 ? runId : runId + "-" + n;
            Path run = new Path(table, name);
            if (!fs.exists(run)) return run;
            boolean complete = fs.exists(new Path(run, COMPLETE));
            if (!complete && !name.equals(latest)) { // what a killed run of this id left
                fs.delete(run, true);
                return run;
            }
        }
    }

    /** Deletes complete runs beyond the newest {@code keep} and unfinished runs that started before {@code started}. */
    private void prune(String current, long started) throws IOException {
        List<FileStatus> complete = new ArrayList<>();
        for (FileStatus st : fs.listStatus(table)) {
            if (!st.isDirectory() || st.getPath().getName().equals(current)) continue;
            FileStatus done = status(new Path(st.getPath(), COMPLETE));
            if (done != null) {
                complete.add(done);
                continue;
            }
            FileStatus unfinished = status(new Path(st.getPath(), IN_PROGRESS));
            if (unfinished != null && unfinished.getModificationTime() < started) fs.delete(st.getPath(), true);
        }
        complete.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed()
                .thenComparing(s -> s.getPath().getParent().getName(), Comparator.reverseOrder()));
        for (FileStatus old : complete.subList(Math.min(complete.size(), keep - 1), complete.size())) {
            fs.delete(old.getPath().getParent(), true);
        }
    }

    private FileStatus status(Path p) throws IOException {
        try {
            return fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return table.toString();
    }
}
