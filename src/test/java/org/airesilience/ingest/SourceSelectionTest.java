package org.airesilience.ingest;

import org.airesilience.ingest.ProcessedFiles.Entry;
import org.airesilience.ingest.ProcessedFiles.Manifest;
import org.airesilience.ingest.SourceCatalog.RawFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which raw files a run reads, from their listing, the manifest and the checksums of the files it must hash. */
class SourceSelectionTest {
    private static final String RAW = "file:/lake/raw/patents";

    /** A file "dt=.../name" of {@code size} bytes modified at {@code time}. */
    private static RawFile file(String name, long size, long time) {
        return new RawFile(RAW + "/" + name, name, size, time);
    }

    /** Hashes a file to "h-" + its name + its size, recording what it was asked. */
    private static Function<List<RawFile>, List<String>> hasher(List<String> asked) {
        return files -> {
            files.forEach(f -> asked.add(f.name()));
            return files.stream().map(f -> "h-" + f.name() + "-" + f.size()).toList();
        };
    }

    private static Manifest manifest(Entry... entries) {
        Map<String, Entry> m = new TreeMap<>();
        for (Entry e : entries) m.put(e.name(), e);
        return new Manifest(RAW, m);
    }

    @Test
    void classifiesAgainstTheManifestAndHashesOnlyWhatTheStampCannotSettle() {
        Manifest before = manifest(
                new Entry("d1/a.csv", 10, 1000, "h-d1/a.csv-10", "night1"),
                new Entry("d1/b.csv", 20, 1000, "h-d1/b.csv-20", "night1"),
                new Entry("d1/c.csv", 30, 1000, "h-d1/c.csv-30", "night1"),
                new Entry("d1/gone.csv", 40, 1000, "h-d1/gone.csv-40", "night1"));
        List<RawFile> listed = List.of(
                file("d1/a.csv", 10, 1000),  // same stamp: unchanged, not read
                file("d1/b.csv", 20, 2000),  // touched, same bytes: unchanged after hashing
                file("d1/c.csv", 31, 2000),  // corrected: changed
                file("d2/new.csv", 5, 3000)); // new
        List<String> asked = new ArrayList<>();
        SourceSelection s = SourceSelection.of(true, RAW, listed, before, false, true, hasher(asked));
        assertEquals(List.of("d1/b.csv", "d1/c.csv", "d2/new.csv"), asked);
        assertEquals(List.of("d2/new.csv"), s.newFiles.stream().map(RawFile::name).toList());
        assertEquals(List.of("d1/c.csv"), s.changedFiles.stream().map(RawFile::name).toList());
        assertEquals(List.of("d1/a.csv", "d1/b.csv"), s.unchangedFiles.stream().map(RawFile::name).toList());
        assertEquals(List.of("d1/gone.csv"), s.deletedFiles);
        assertEquals(List.of("d1/c.csv", "d2/new.csv"), s.toRead().stream().map(RawFile::name).toList());
        assertEquals(java.util.Set.of("d1/c.csv"), s.replaced());

        // the next manifest: read files with this run, unchanged and deleted ones as they were
        Map<String, Entry> next = s.next("night2").files();
        assertEquals(before.files().get("d1/a.csv"), next.get("d1/a.csv"));
        assertEquals(before.files().get("d1/b.csv"), next.get("d1/b.csv"));
        assertEquals(new Entry("d1/c.csv", 31, 2000, "h-d1/c.csv-31", "night2"), next.get("d1/c.csv"));
        assertEquals(new Entry("d2/new.csv", 5, 3000, "h-d2/new.csv-5", "night2"), next.get("d2/new.csv"));
        assertEquals(before.files().get("d1/gone.csv"), next.get("d1/gone.csv"));
        assertEquals(5, next.size());
        assertTrue(s.describe().startsWith("incremental: 1 new [d2/new.csv], 1 changed [d1/c.csv], 2 unchanged, "
                + "1 deleted [d1/gone.csv] raw files"), s.describe());

        // rehash-all reads every listed file; a dry run hashes no new file
        List<String> all = new ArrayList<>();
        SourceSelection.of(true, RAW, listed, before, true, true, hasher(all));
        assertEquals(List.of("d1/a.csv", "d1/b.csv", "d1/c.csv", "d2/new.csv"), all);
        List<String> dry = new ArrayList<>();
        SourceSelection.of(true, RAW, listed, before, false, false, hasher(dry));
        assertEquals(List.of("d1/b.csv", "d1/c.csv"), dry);
    }

    @Test
    void aFullRunReadsEverythingAndItsManifestListsExactlyThat() {
        Manifest before = manifest(new Entry("a.csv", 10, 1000, "h-a.csv-10", "r1"),
                new Entry("gone.csv", 1, 1000, "h-gone.csv-1", "r1"));
        List<RawFile> listed = List.of(file("a.csv", 10, 1000), file("b.csv", 2, 1000));
        SourceSelection s = SourceSelection.of(false, RAW, listed, before, false, true, hasher(new ArrayList<>()));
        assertEquals(listed, s.toRead());
        assertEquals(java.util.Set.of(), s.replaced());
        assertEquals(List.of("a.csv", "b.csv"), List.copyOf(s.next("r2").files().keySet()));
        assertEquals("r2", s.next("r2").files().get("a.csv").runId());
    }

    @Test
    void nothingNewIsNothingToReadAndAnotherRawDirectoryIsRefused() {
        Manifest before = manifest(new Entry("a.csv", 10, 1000, "h-a.csv-10", "r1"));
        List<RawFile> listed = List.of(file("a.csv", 10, 1000));
        assertTrue(SourceSelection.of(true, RAW, listed, before, false, true, hasher(new ArrayList<>())).nothingToRead());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceSelection.of(true,
                "file:/elsewhere", listed, before, false, true, hasher(new ArrayList<>())));
        assertTrue(e.getMessage().contains("ingested from " + RAW + ", not file:/elsewhere"), e.getMessage());
        // a full run from another directory compares with nothing: every file is new
        SourceSelection full = SourceSelection.of(false, "file:/elsewhere", listed, before, false, true,
                hasher(new ArrayList<>()));
        assertEquals(1, full.newFiles.size());
    }
}
