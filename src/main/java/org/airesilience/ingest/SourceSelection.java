package org.airesilience.ingest;

import org.airesilience.ingest.ProcessedFiles.Entry;
import org.airesilience.ingest.ProcessedFiles.Manifest;
import org.airesilience.ingest.SourceCatalog.RawFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which raw files a run reads. Each listed file is compared with the manifest of the published curated set
 * ({@link ProcessedFiles}): new (not in it), changed (its SHA-256 differs) or unchanged; files in the manifest that
 * are no longer listed are deleted. A file whose size and modification time equal its entry is unchanged without
 * being read, unless {@code rehashAll}; the other files in the manifest are hashed, and so are new files when the
 * next manifest needs their checksums.
 *
 * <p>A full run reads every listed file and its manifest lists exactly them. An incremental run reads the new and
 * the changed files only; the records of the changed files in the curated set are replaced by those read now, the
 * records of unchanged and of deleted files are kept, and so are the deleted files' manifest entries (a raw
 * partition cleaned up after ingest does not take its patents out of the panel; a full run rebuilds from what is
 * there).
 */
final class SourceSelection {
    final boolean incremental;
    final String raw;
    final List<RawFile> listed;
    final List<String> checksums;
    final Manifest previous;
    final List<RawFile> newFiles = new ArrayList<>();
    final List<RawFile> changedFiles = new ArrayList<>();
    final List<RawFile> unchangedFiles = new ArrayList<>();
    final List<String> deletedFiles = new ArrayList<>();

    private SourceSelection(boolean incremental, String raw, List<RawFile> listed, List<String> checksums,
                            Manifest previous) {
        this.incremental = incremental;
        this.raw = raw;
        this.listed = listed;
        this.checksums = checksums;
        this.previous = previous;
        Map<String, Entry> before = previous == null ? Map.of() : previous.files();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < listed.size(); i++) {
            RawFile f = listed.get(i);
            names.add(f.name());
            Entry e = before.get(f.name());
            if (e == null) newFiles.add(f);
            else if (e.sha256().equals(checksums.get(i))) unchangedFiles.add(f);
            else changedFiles.add(f);
        }
        for (String name : before.keySet()) if (!names.contains(name)) deletedFiles.add(name);
    }

    /**
     * Compares the listed files of {@code raw} (qualified URI of the raw directory) with {@code previous} (null
     * when the curated set has no manifest); {@code hasher} gives the checksums of the files it is handed. New
     * files are hashed only when {@code hashNew} (a run needs their checksums for its manifest; a dry run does not).
     *
     * @throws IllegalArgumentException for an incremental run whose manifest was made from another raw directory
     */
    static SourceSelection of(boolean incremental, String raw, List<RawFile> listed, Manifest previous,
                              boolean rehashAll, boolean hashNew, Function<List<RawFile>, List<String>> hasher) {
        if (previous != null && !previous.raw().equals(raw)) {
            if (incremental) {
                throw new IllegalArgumentException("the curated patents were ingested from " + previous.raw()
                        + ", not " + raw + ": an incremental ingest adds to them only from the same raw directory; "
                        + "run a full ingest (without --incremental) to rebuild them from " + raw);
            }
            previous = null; // a full run from another directory: its names mean other files
        }
        Map<String, Entry> before = previous == null ? Map.of() : previous.files();
        List<RawFile> toHash = new ArrayList<>();
        for (RawFile f : listed) {
            Entry e = before.get(f.name());
            if (e == null ? hashNew : rehashAll || !e.sameStamp(f)) toHash.add(f);
        }
        List<String> hashed = hasher.apply(toHash);
        Map<String, String> byName = new TreeMap<>();
        for (int i = 0; i < toHash.size(); i++) byName.put(toHash.get(i).name(), hashed.get(i));
        List<String> checksums = new ArrayList<>();
        for (RawFile f : listed) {
            String h = byName.get(f.name());
            Entry e = before.get(f.name());
            checksums.add(h != null || e == null ? h : e.sha256());
        }
        return new SourceSelection(incremental, raw, listed, checksums, previous);
    }

    /** The files the run reads, by name: all listed for a full run, the new and changed for an incremental one. */
    List<RawFile> toRead() {
        if (!incremental) return listed;
        List<RawFile> out = new ArrayList<>(newFiles);
        out.addAll(changedFiles);
        out.sort(java.util.Comparator.comparing(RawFile::name));
        return out;
    }

    /** Whether an incremental run finds nothing to read: it publishes nothing (the curated set stays as it is). */
    boolean nothingToRead() {
        return incremental && newFiles.isEmpty() && changedFiles.isEmpty();
    }

    /** The files whose records in the previous curated set are replaced by those read now (incremental runs). */
    Set<String> replaced() {
        Set<String> out = new TreeSet<>();
        for (RawFile f : changedFiles) out.add(f.name());
        return out;
    }

    /**
     * The files whose earlier quarantined and excluded records a run carries: those of the previous manifest not
     * replaced now. Records of any other file in the published quarantine (left by a run killed between moving the
     * quarantine's pointer and the curated patents') are not carried, so they are never doubled.
     */
    Set<String> carriedFiles() {
        Set<String> out = new TreeSet<>(previous == null ? Set.of() : previous.files().keySet());
        out.removeAll(replaced());
        return out;
    }

    /**
     * The manifest published with this run's curated set: the files read with this run's id; for an incremental run
     * also the unchanged files' and the deleted files' earlier entries.
     */
    Manifest next(String runId) {
        Map<String, Entry> files = new TreeMap<>();
        if (incremental && previous != null) files.putAll(previous.files());
        Set<String> read = new TreeSet<>();
        for (RawFile f : toRead()) read.add(f.name());
        for (int i = 0; i < listed.size(); i++) {
            RawFile f = listed.get(i);
            if (read.contains(f.name())) {
                files.put(f.name(), new Entry(f.name(), f.size(), f.modificationTime(), checksums.get(i), runId));
            }
        }
        return new Manifest(raw, files);
    }

    private static List<String> names(List<RawFile> files) {
        return files.stream().map(RawFile::name).toList();
    }

    /** The report's section on the raw files; counts of the curated set are added by the run. */
    IngestReport.Refresh refresh(long previousCurated, long replaced, long superseded, long restored, long curated,
                                 long previousDuplicates, long replacedDuplicates, long duplicatesKept) {
        return new IngestReport.Refresh(incremental, names(newFiles), names(changedFiles), unchangedFiles.size(),
                List.copyOf(deletedFiles), previousCurated, replaced, superseded, restored, curated,
                previousDuplicates, replacedDuplicates, duplicatesKept);
    }

    /** The plan's words for the dry run. */
    String describe() {
        StringBuilder s = new StringBuilder(incremental ? "incremental: " : "full: ");
        s.append(newFiles.size()).append(" new").append(listOf(names(newFiles)))
                .append(", ").append(changedFiles.size()).append(" changed").append(listOf(names(changedFiles)))
                .append(", ").append(unchangedFiles.size()).append(" unchanged")
                .append(", ").append(deletedFiles.size()).append(" deleted").append(listOf(deletedFiles))
                .append(" raw files since the published curated set");
        if (incremental) {
            s.append(nothingToRead() ? "; nothing to read, the curated set stays as it is"
                    : "; reads the new and changed files and merges them into the curated set (changed files' records"
                    + " replaced, deleted files' records kept)");
        } else {
            s.append("; reads every file and replaces the curated set");
        }
        return s.toString();
    }

    private static String listOf(List<String> names) {
        if (names.isEmpty()) return "";
        int shown = Math.min(names.size(), 20);
        return " " + names.subList(0, shown) + (shown < names.size() ? " and " + (names.size() - shown) + " more" : "");
    }
}
