package org.airesilience.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("out/result.json");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void publishedFolderReplacesTheOldOneOnlyWhenComplete() throws IOException {
        Path target = dir.resolve("table");
        AtomicFiles.publishDirectory(target, staged -> {
            Files.createDirectories(staged);
            Files.writeString(staged.resolve("part-0"), "v1");
        });
        org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, () ->
                AtomicFiles.publishDirectory(target, staged -> {
                    Files.createDirectories(staged);
                    Files.writeString(staged.resolve("part-0"), "half");
                    throw new IOException("disk full");
                }));
        assertEquals("v1", Files.readString(target.resolve("part-0")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no staging or old folders are left behind");
        }
    }

    @Test
    void jsonWritesNonFiniteNumbersAsNull() {
        assertEquals(null, Json.finite(Double.NaN));
        assertEquals("{\n  \"a\" : null\n}\n", Json.write(java.util.Collections.singletonMap("a", Json.finite(1.0 / 0))));
    }
}
