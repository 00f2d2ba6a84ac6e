package org.airesilience.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PosixLocalFileSystemTest {
    @TempDir
    Path dir;

    @Test
    void createsFilesAndDirectoriesWithTheRequestedPermissions() throws IOException {
        Configuration conf = new Configuration(false);
        conf.set("fs.permissions.umask-mode", "000");
        try (FileSystem fs = new PosixLocalFileSystem()) {
            fs.initialize(URI.create("file:///"), conf);
            org.apache.hadoop.fs.Path sub = new org.apache.hadoop.fs.Path(dir.resolve("a/b").toUri());
            assertTrue(fs.mkdirs(sub, new FsPermission((short) 0750)));
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(sub, "part-0.parquet");
            try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
                out.writeBytes("data");
            }
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))));
            assertEquals("data", Files.readString(dir.resolve("a/b/part-0.parquet")));
            fs.setPermission(file, new FsPermission((short) 0604));
            assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))));
        }
    }
}
