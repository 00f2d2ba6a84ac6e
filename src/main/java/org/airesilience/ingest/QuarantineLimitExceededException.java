package org.airesilience.ingest;

import java.util.Locale;

/** Too large a share of the records was quarantined; the message names the worst sources. */
public final class QuarantineLimitExceededException extends RuntimeException {
    private final transient IngestReport report;

    public QuarantineLimitExceededException(IngestReport report) {
        super(String.format(Locale.ROOT, "%.1f%% of %d records quarantined, more than the allowed %.1f%% "
                        + "(airesilience.ingest.quarantine.max-share); curated patents not updated. Worst sources: %s. "
                        + "See %s and %s", 100 * report.quarantineShare(), report.read(), 100 * report.maxQuarantineShare(),
                String.join("; ", report.worstSources(3)), report.outputs().get("report"), report.outputs().get("quarantine")));
        this.report = report;
    }

    public IngestReport report() {
        return report;
    }
}
