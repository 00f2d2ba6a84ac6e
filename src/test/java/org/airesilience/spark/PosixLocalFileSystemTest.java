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

    @Test
    void listsFilesWithTheirPermissionsOwnerAndGroupWithoutAShell() throws IOException {
        Files.createDirectories(dir.resolve("year=2019"));
        Files.writeString(dir.resolve("year=2019/part-0.parquet"), "data");
        Files.setPosixFilePermissions(dir.resolve("year=2019/part-0.parquet"), PosixFilePermissions.fromString("rw-r-x--x"));
        java.nio.file.attribute.PosixFileAttributes expected = Files.readAttributes(
                dir.resolve("year=2019/part-0.parquet"), java.nio.file.attribute.PosixFileAttributes.class);
        try (FileSystem fs = new PosixLocalFileSystem()) {
            fs.initialize(URI.create("file:///"), new Configuration(false));
            var files = fs.listFiles(new org.apache.hadoop.fs.Path(dir.toUri()), true);
            assertTrue(files.hasNext());
            org.apache.hadoop.fs.LocatedFileStatus st = files.next();
            assertEquals("part-0.parquet", st.getPath().getName());
            assertEquals(4, st.getLen());
            assertEquals(new FsPermission((short) 0651), st.getPermission());
            assertEquals(expected.owner().getName(), st.getOwner());
            assertEquals(expected.group().getName(), st.getGroup());
            org.apache.hadoop.fs.FileStatus direct = fs.getFileStatus(new org.apache.hadoop.fs.Path(
                    dir.resolve("year=2019/part-0.parquet").toUri()));
            assertEquals(new FsPermission((short) 0651), direct.getPermission());
            // Hadoop's own local statuses read their permissions lazily by starting an "ls -ld" process each
            assertEquals(org.apache.hadoop.fs.FileStatus.class, fs.listStatus(
                    new org.apache.hadoop.fs.Path(dir.resolve("year=2019").toUri()))[0].getClass());
        }
    }

    @Test
    void aMissingFileIsNotFound() throws IOException {
        try (FileSystem fs = new PosixLocalFileSystem()) {
            fs.initialize(URI.create("file:///"), new Configuration(false));
            org.junit.jupiter.api.Assertions.assertThrows(java.io.FileNotFoundException.class,
                    () -> fs.getFileStatus(new org.apache.hadoop.fs.Path(dir.resolve("missing").toUri())));
        }
    }
}
