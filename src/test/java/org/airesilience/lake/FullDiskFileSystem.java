package org.airesilience.lake;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;

/**
 * The local file system, on which every file a Spark task creates (under a {@code _temporary} folder) below one
 * folder fails as on a full disk: a job whose write tasks fail. {@link #install} makes it the {@code file:} file
 * system of a Hadoop configuration.
 */
public final class FullDiskFileSystem extends LocalFileSystem {
    private static final String FULL = "airesilience.test.full-disk";
    private String full;

    /** Makes writes of tasks under {@code folder} fail for file systems made from {@code conf} from now on. */
    public static void install(Configuration conf, java.nio.file.Path folder) {
        conf.set("fs.file.impl", FullDiskFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set(FULL, folder.toAbsolutePath().toString());
    }

    /** Undoes {@link #install}. */
    public static void uninstall(Configuration conf) {
        conf.unset("fs.file.impl");
        conf.unset("fs.file.impl.disable.cache");
        conf.unset(FULL);
    }

    @Override
    public void initialize(java.net.URI uri, Configuration conf) throws IOException {
        super.initialize(uri, conf);
        full = conf.get(FULL);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        String path = f.toUri().getPath();
        if (full != null && path.startsWith(full) && path.contains("/_temporary/")) {
            throw new IOException("No space left on device: " + f);
        }
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
}
