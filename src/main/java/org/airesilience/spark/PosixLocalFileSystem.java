package org.airesilience.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:}), with permissions set and read through {@code java.nio} instead of a
 * forked {@code chmod} or {@code ls}. Without Hadoop's native library, {@link RawLocalFileSystem} starts a
 * {@code chmod} process for every file and directory it creates (a year-partitioned Parquet write creates hundreds),
 * and an {@code ls -ld} process for the permissions of every file status asked for them, which every listing with
 * {@code listFiles} does; forking a JVM with a large heap costs 10 to 20 ms each. Configured as
 * {@code spark.hadoop.fs.file.impl} in {@code reference.conf}.
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

        @Override
        public FileStatus getFileStatus(Path f) throws IOException {
            return withPermission(super.getFileStatus(f));
        }

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            FileStatus[] listed = super.listStatus(f);
            for (int i = 0; i < listed.length; i++) listed[i] = withPermission(listed[i]);
            return listed;
        }

        /** The status with its permission, owner and group read now, in one system call. */
        private FileStatus withPermission(FileStatus s) throws IOException {
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(pathToFile(s.getPath()).toPath(), PosixFileAttributes.class);
            } catch (UnsupportedOperationException notPosix) {
                return s;
            } catch (NoSuchFileException gone) {
                throw new FileNotFoundException(s.getPath() + " does not exist");
            }
            return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(),
                    s.getModificationTime(), s.getAccessTime(), hadoop(a.permissions()), a.owner().getName(),
                    a.group().getName(), s.getPath());
        }
    }

    static FsPermission hadoop(Set<PosixFilePermission> posix) {
        int mode = 0;
        for (PosixFilePermission p : posix) mode |= 0400 >> p.ordinal(); // OWNER_READ ... OTHERS_EXECUTE: 0400 ... 01
        return new FsPermission((short) mode);
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
