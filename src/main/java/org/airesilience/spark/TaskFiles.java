package org.airesilience.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * The files one task attempt wrote into a table folder, and their commit: a task writes under
 * {@code <table>/_temporary/attempt-<id>/} and returns what it wrote; the driver moves the files of the attempts
 * that succeeded (those whose results it collected) into place, so a failed or repeated attempt leaves nothing
 * behind.
 *
 * @param attemptFolder the attempt's folder, relative to the table's
 * @param files         relative to the attempt's folder, which is where they go in the table's
 */
public record TaskFiles(String attemptFolder, List<String> files) implements Serializable {
    private static final String TEMPORARY = "_temporary";

    /** The folder, relative to the table's, where task attempt {@code attemptId} writes. */
    public static String attemptFolder(long attemptId) {
        return TEMPORARY + "/attempt-" + attemptId;
    }

    /**
     * Reports what the running task wrote in its output metrics (Spark's UI, listeners and the benchmark read them
     * there), as Spark's own file writers do.
     */
    public static void reportWritten(long records, List<Path> files, Configuration conf) throws IOException {
        long bytes = 0;
        for (Path f : files) bytes += f.getFileSystem(conf).getFileStatus(f).getLen();
        org.apache.spark.executor.OutputMetrics metrics = TaskContext.get().taskMetrics().outputMetrics();
        metrics.setBytesWritten(metrics.bytesWritten() + bytes);
        metrics.setRecordsWritten(metrics.recordsWritten() + records);
    }

    /** Moves the files of the successful attempts into place, removes the attempts' folders and marks success. */
    public static void commit(List<TaskFiles> tasks, String tableUri, Configuration conf) throws IOException {
        Path table = new Path(tableUri);
        FileSystem fs = table.getFileSystem(conf);
        fs.mkdirs(table);
        for (TaskFiles t : tasks) {
            for (String f : t.files()) {
                Path target = new Path(table, f);
                fs.mkdirs(target.getParent());
                if (!fs.rename(new Path(table, t.attemptFolder() + "/" + f), target)) {
                    throw new IOException("cannot move " + f + " of " + t.attemptFolder() + " into " + table);
                }
            }
        }
        fs.delete(new Path(table, TEMPORARY), true);
        fs.create(new Path(table, "_SUCCESS"), true).close();
    }
}
