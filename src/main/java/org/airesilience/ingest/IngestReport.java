package org.airesilience.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounting of one ingest run: every record read is accepted, a duplicate of an accepted record, excluded
 * (valid but outside the panel) or quarantined ({@code read = accepted + duplicates + excluded + quarantined}), in
 * total, per source file and per reason. {@code failure} is null for a run that published its outputs, else why the
 * run failed (its outputs were not published). {@code refresh} says which raw files the run found new, changed,
 * unchanged or deleted since the published curated set and, for an incremental run, how that set changed (null for a
 * run that failed before it looked).
 */
public record IngestReport(String runId, String failure, long read, long accepted, long duplicates, long excluded,
                           long quarantined, Map<String, SourceCounts> bySource, Map<String, Long> byReason,
                           Map<String, Long> excludedByReason, double maxQuarantineShare, Map<String, String> outputs,
                           List<Map<String, Object>> settingsFiles, Refresh refresh) {

    /**
     * Counts of one source file; {@code byReason} and {@code excludedByReason} hold the reasons that occurred;
     * {@code warning} says why a file gave no records, {@code damage} where and why its reading stopped early
     * (both null when there is nothing to say).
     */
    public record SourceCounts(String format, String charset, long read, long accepted, long duplicates, long excluded,
                               long quarantined, Map<String, Long> byReason, Map<String, Long> excludedByReason,
                               String warning, String damage) {
        public double quarantineShare() {
            return read == 0 ? 0 : (double) quarantined / read;
        }
    }

    /** The same accounting, marked failed with this reason. */
    public IngestReport failed(String reason) {
        return new IngestReport(runId, reason, read, accepted, duplicates, excluded, quarantined, bySource, byReason,
                excludedByReason, maxQuarantineShare, outputs, settingsFiles, refresh);
    }

    /** The same accounting with what the run found of the raw files and the curated set it merged with. */
    IngestReport withRefresh(Refresh r) {
        return new IngestReport(runId, failure, read, accepted, duplicates, excluded, quarantined, bySource, byReason,
                excludedByReason, maxQuarantineShare, outputs, settingsFiles, r);
    }

    /** A run that failed before its records were counted. */
    static IngestReport failedBeforeCounting(String runId, String reason, double maxQuarantineShare,
                                             Map<String, String> outputs, List<Map<String, Object>> settingsFiles) {
        return new IngestReport(runId, reason, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), maxQuarantineShare, outputs,
                settingsFiles, null);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** Quarantined records as a share of the records read (excluded records are not broken). */
    public double quarantineShare() {
        return read == 0 ? 0 : (double) quarantined / read;
    }

    public boolean quarantineShareExceeded() {
        return quarantineShare() > maxQuarantineShare;
    }

    /** Sources with the highest quarantine share (then count), worst first. */
    public List<String> worstSources(int n) {
        List<Map.Entry<String, SourceCounts>> e = new ArrayList<>(bySource.entrySet());
        e.sort(Comparator.<Map.Entry<String, SourceCounts>>comparingDouble(x -> -x.getValue().quarantineShare())
                .thenComparingLong(x -> -x.getValue().quarantined()).thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, SourceCounts> x : e.subList(0, Math.min(n, e.size()))) {
            if (x.getValue().quarantined() == 0) break;
            out.add(String.format(java.util.Locale.ROOT, "%s (%d of %d quarantined, %.1f%%, mostly %s)", x.getKey(),
                    x.getValue().quarantined(), x.getValue().read(), 100 * x.getValue().quarantineShare(),
                    x.getValue().byReason().entrySet().stream().max(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey).orElse("-")));
        }
        return out;
    }

    /** Sources that gave no record, with why: "empty.csv (empty file)". */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        bySource.forEach((name, s) -> {
            if (s.warning() != null) out.add(name + " (" + s.warning() + ")");
        });
        return out;
    }

    /** Sources whose reading stopped at damage: "a.csv.gz (line 12: ...)". */
    public List<String> damaged() {
        List<String> out = new ArrayList<>();
        bySource.forEach((name, s) -> {
            if (s.damage() != null) out.add(name + " (" + s.damage() + ")");
        });
        return out;
    }

    /** The report JSON: status (and failure), read, accepted, duplicates, excluded, quarantined, by_source, by_reason first. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", succeeded() ? "succeeded" : "failed");
        if (failure != null) m.put("failure", failure);
        m.put("read", read);
        m.put("accepted", accepted);
        m.put("duplicates", duplicates);
        m.put("excluded", excluded);
        m.put("quarantined", quarantined);
        Map<String, Object> sources = new LinkedHashMap<>();
        bySource.forEach((name, s) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("format", s.format());
            x.put("charset", s.charset());
            x.put("read", s.read());
            x.put("accepted", s.accepted());
            x.put("duplicates", s.duplicates());
            x.put("excluded", s.excluded());
            x.put("quarantined", s.quarantined());
            x.put("by_reason", s.byReason());
            x.put("excluded_by_reason", s.excludedByReason());
            if (s.warning() != null) x.put("warning", s.warning());
            if (s.damage() != null) x.put("damaged", s.damage());
            sources.put(name, x);
        });
        m.put("by_source", sources);
        m.put("by_reason", byReason);
        m.put("excluded_by_reason", excludedByReason);
        m.put("warnings", warnings());
        m.put("damaged", damaged());
        m.put("run_id", runId);
        m.put("quarantine_share", quarantineShare());
        m.put("max_quarantine_share", maxQuarantineShare);
        m.put("outputs", outputs);
        m.put("settings_files", settingsFiles);
        if (refresh != null) m.put("files", refresh.toJsonMap());
        return m;
    }

    /** The human summary the ingest command prints. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        if (failure != null) s.append("FAILED: ").append(failure).append(System.lineSeparator());
        s.append(String.format(java.util.Locale.ROOT,
                "read %d = accepted %d + duplicates %d + excluded %d + quarantined %d (%.2f%%)%n",
                read, accepted, duplicates, excluded, quarantined, 100 * quarantineShare()));
        byReason.forEach((reason, n) -> {
            if (n > 0) s.append(String.format("  %-27s %d%n", reason, n));
        });
        excludedByReason.forEach((reason, n) -> {
            if (n > 0) s.append(String.format("  excluded %-18s %d%n", reason, n));
        });
        bySource.forEach((name, c) -> s.append(String.format(java.util.Locale.ROOT,
                "  %-40s %-5s %-8s read %d, accepted %d, duplicates %d, excluded %d, quarantined %d%s%n", name,
                c.format(), c.charset(), c.read(), c.accepted(), c.duplicates(), c.excluded(), c.quarantined(),
                (c.warning() == null ? "" : "; warning: " + c.warning())
                        + (c.damage() == null ? "" : "; DAMAGED: " + c.damage()))));
        if (refresh != null) s.append(refresh.summary(accepted));
        return s.toString();
    }

    /**
     * What a run found of the raw files, against the manifest of the published curated set ({@link ProcessedFiles}),
     * and, for an incremental run ({@code incremental}), how the curated set changed:
     * {@code curated = previousCurated - replaced - superseded + restored + accepted}, where {@code replaced} are the
     * previous curated records of changed files (their new records are among those read), {@code superseded} the
     * previous curated records now duplicates of an earlier-published new record, and {@code restored} the kept
     * duplicates that became the kept copy because the copy kept before was replaced. Likewise the duplicates kept
     * for later runs: {@code duplicatesKept = previousDuplicates - replacedDuplicates - restored + superseded +
     * duplicates of this run}. For a full run the counts are 0 but {@code curated} (= accepted).
     */
    public record Refresh(boolean incremental, List<String> newFiles, List<String> changedFiles, int unchangedFiles,
                          List<String> deletedFiles, long previousCurated, long replaced, long superseded,
                          long restored, long curated, long previousDuplicates, long replacedDuplicates,
                          long duplicatesKept) {
        /** Files a run read: the new and the changed ones. */
        public int filesRead() {
            return newFiles.size() + changedFiles.size();
        }

        Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", incremental ? "incremental" : "full");
            m.put("new", newFiles);
            m.put("changed", changedFiles);
            m.put("unchanged", unchangedFiles);
            m.put("deleted", deletedFiles);
            if (incremental) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("previous", previousCurated);
                c.put("replaced", replaced);
                c.put("superseded", superseded);
                c.put("restored", restored);
                c.put("now", curated);
                m.put("curated", c);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("previous", previousDuplicates);
                d.put("replaced", replacedDuplicates);
                d.put("now", duplicatesKept);
                m.put("kept_duplicates", d);
            }
            return m;
        }

        String summary(long accepted) {
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%s: %d new, %d changed, %d unchanged, %d deleted raw files%s%n",
                    incremental ? "incremental" : "full", newFiles.size(), changedFiles.size(), unchangedFiles,
                    deletedFiles.size(), incremental && filesRead() == 0 ? "; nothing to read, nothing published" : ""));
            if (incremental) {
                s.append(String.format(java.util.Locale.ROOT,
                        "curated %d = previous %d - replaced %d - superseded %d + restored %d + accepted %d%n",
                        curated, previousCurated, replaced, superseded, restored, accepted));
            }
            if (!deletedFiles.isEmpty()) {
                s.append("  deleted raw files (their records are kept): ").append(String.join(", ", deletedFiles))
                        .append(System.lineSeparator());
            }
            return s.toString();
        }
    }
}
