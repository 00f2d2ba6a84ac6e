package org.airesilience.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounting of one ingest run: every record read is accepted, a duplicate of an accepted record, or
 * quarantined ({@code read = accepted + duplicates + quarantined}), in total, per source file and per reason.
 */
public record IngestReport(String runId, long read, long accepted, long duplicates, long quarantined,
                           Map<String, SourceCounts> bySource, Map<String, Long> byReason,
                           double maxQuarantineShare, Map<String, String> outputs,
                           List<Map<String, Object>> settingsFiles) {

    /** Counts of one source file; {@code byReason} holds the quarantine reasons that occurred. */
    public record SourceCounts(String format, String charset, long read, long accepted, long duplicates,
                               long quarantined, Map<String, Long> byReason) {
        public double quarantineShare() {
            return read == 0 ? 0 : (double) quarantined / read;
        }
    }

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

    /** The report JSON: read, accepted, duplicates, quarantined, by_source, by_reason first. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read);
        m.put("accepted", accepted);
        m.put("duplicates", duplicates);
        m.put("quarantined", quarantined);
        Map<String, Object> sources = new LinkedHashMap<>();
        bySource.forEach((name, s) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("format", s.format());
            x.put("charset", s.charset());
            x.put("read", s.read());
            x.put("accepted", s.accepted());
            x.put("duplicates", s.duplicates());
            x.put("quarantined", s.quarantined());
            x.put("by_reason", s.byReason());
            sources.put(name, x);
        });
        m.put("by_source", sources);
        m.put("by_reason", byReason);
        m.put("run_id", runId);
        m.put("quarantine_share", quarantineShare());
        m.put("max_quarantine_share", maxQuarantineShare);
        m.put("outputs", outputs);
        m.put("settings_files", settingsFiles);
        return m;
    }

    /** The human summary the ingest command prints. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(java.util.Locale.ROOT, "read %d = accepted %d + duplicates %d + quarantined %d (%.2f%%)%n",
                read, accepted, duplicates, quarantined, 100 * quarantineShare()));
        byReason.forEach((reason, n) -> {
            if (n > 0) s.append(String.format("  %-27s %d%n", reason, n));
        });
        bySource.forEach((name, c) -> s.append(String.format(java.util.Locale.ROOT,
                "  %-40s %-5s %-8s read %d, accepted %d, duplicates %d, quarantined %d%n", name, c.format(),
                c.charset(), c.read(), c.accepted(), c.duplicates(), c.quarantined())));
        return s.toString();
    }
}
