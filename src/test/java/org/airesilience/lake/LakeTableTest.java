package org.airesilience.lake;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeTableTest {
    @TempDir
    Path dir;

    private Lake lake(int keep) {
        return Lake.open(dir.resolve("lake").toString(), new Configuration(), keep);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void publishedRunBecomesCurrentThroughThePointerAndOldRunsArePruned() throws IOException {
        Lake lake = lake(2);
        LakeTable table = lake.table("curated/t");
        assertFalse(table.exists());
        assertNull(table.latestRun());
        for (String run : List.of("r1", "r2", "r3")) {
            table.publishLocal(run, out -> Files.writeString(out.resolve("data.csv"), run));
            assertEquals(run, table.latestRun());
            Path current = LakeTable.currentLocal(dir.resolve("lake/curated/t"));
            assertEquals(run, Files.readString(current.resolve("data.csv")));
            assertEquals(List.of("_SUCCESS", "data.csv"), names(current), "no marker of an unfinished run is left");
        }
        // keep = 2: the current run and the one before it
        assertEquals(List.of("LATEST", "r2", "r3"), names(dir.resolve("lake/curated/t")));
        assertEquals("r3\n", Files.readString(dir.resolve("lake/curated/t/LATEST")));
    }

    @Test
    void failedRunLeavesThePublishedOneAndNothingElse() throws IOException {
        LakeTable table = lake(3).table("t");
        table.publishLocal("r1", out -> Files.writeString(out.resolve("x"), "v1"));
        assertThrows(UncheckedIOException.class, () -> table.publishLocal("r2", out -> {
            Files.writeString(out.resolve("x"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("r1", table.latestRun());
        assertEquals(List.of("LATEST", "r1"), names(dir.resolve("lake/t")));
    }

    @Test
    void killedRunsFolderIsRemovedByTheNextPublicationAndAPublishedIdIsNeverOverwritten() throws IOException {
        LakeTable table = lake(3).table("t");
        table.publishLocal("r1", out -> Files.writeString(out.resolve("x"), "v1"));
        // what a run killed while writing leaves: its folder with the in-progress marker, the pointer unchanged
        Path killed = dir.resolve("lake/t/r0");
        Files.createDirectories(killed);
        Files.writeString(killed.resolve(LakeTable.IN_PROGRESS), "");
        Files.writeString(killed.resolve("x"), "half");
        killed.resolve(LakeTable.IN_PROGRESS).toFile().setLastModified(System.currentTimeMillis() - 60_000);
        assertEquals("r1", table.latestRun());

        // the same id again: a new folder beside the published one
        var second = table.publishLocal("r1", out -> Files.writeString(out.resolve("x"), "v2"));
        assertEquals("r1-2", second.getName());
        assertEquals("r1-2", table.latestRun());
        assertEquals("v1", Files.readString(dir.resolve("lake/t/r1/x")));
        assertFalse(Files.exists(killed), "the killed run's folder is pruned");
    }

    @Test
    void tableWithoutPointerIsReadAsItIs() throws IOException {
        Path legacy = dir.resolve("lake/curated/m");
        Files.createDirectories(legacy);
        Files.writeString(legacy.resolve("m.csv"), "a\n");
        assertEquals(legacy, LakeTable.currentLocal(legacy));
        LakeTable table = lake(3).table("curated/m");
        assertTrue(table.exists());
        assertEquals(table.path(), table.current());
    }

    @Test
    void locationsAreHadoopUris() {
        assertEquals("hdfs://nn:8020/lake", Lake.hadoopPath("hdfs://nn:8020/lake").toString());
        assertEquals("file:" + dir.toAbsolutePath() + "/x", Lake.hadoopPath(dir.resolve("x").toString()).toString());
        assertEquals("file:" + Path.of("data-lake").toAbsolutePath(), Lake.hadoopPath("data-lake").toString());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Lake.open("nosuchfs://host/lake", new Configuration(), 3));
        assertTrue(unknown.getMessage().contains("nosuchfs://host/lake") && unknown.getMessage().contains("'nosuchfs:'"),
                unknown.getMessage());

        // A name node nobody listens on: one error naming the lake, without Hadoop's default retries.
        Configuration noRetries = new Configuration();
        noRetries.setInt("ipc.client.connect.max.retries", 0);
        noRetries.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class,
                () -> Lake.open("hdfs://127.0.0.1:1/lake", noRetries, 3));
        assertTrue(unreachable.getMessage().startsWith("cannot reach the lake hdfs://127.0.0.1:1/lake: "),
                unreachable.getMessage());
    }
}
