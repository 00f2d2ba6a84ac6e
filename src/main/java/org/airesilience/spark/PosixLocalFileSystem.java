package org.airesilience.spark;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:}), with permissions set through {@code java.nio} instead of a forked
 * {@code chmod}. Without Hadoop's native library, {@link RawLocalFileSystem} starts a {@code chmod} process for every
 * file and directory it creates; a year-partitioned Parquet write creates hundreds, and forking a JVM with a large heap
 * costs milliseconds each. Configured as {@code spark.hadoop.fs.file.impl} in {@code reference.conf}.
 */
public final class PosixLocalFileSystem extends LocalFileSystem {
    public PosixLocalFileSystem() {
        super(new Raw());
    }

    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            }
        }
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        add(s, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(s, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(s, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return s;
    }

    private static void add(Set<PosixFilePermission> s, FsAction a, PosixFilePermission read,
                            PosixFilePermission write, PosixFilePermission execute) {
        if (a.implies(FsAction.READ)) s.add(read);
        if (a.implies(FsAction.WRITE)) s.add(write);
        if (a.implies(FsAction.EXECUTE)) s.add(execute);
    }
}
