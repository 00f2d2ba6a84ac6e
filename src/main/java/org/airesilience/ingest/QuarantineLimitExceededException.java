package org.airesilience.ingest;

import java.util.Locale;

/** Too large a share of the records was quarantined; the message names the worst sources. */
public final class QuarantineLimitExceededException extends IngestFailedException {
    public QuarantineLimitExceededException(IngestReport report) {
        super(report);
    }

    /** Why a run with this accounting fails; {@code quarantine} is where its quarantined records were kept. */
    static String reason(IngestReport report, String quarantine) {
        return String.format(Locale.ROOT, "%.1f%% of %d records quarantined, more than the allowed %.1f%% "
                        + "(airesilience.ingest.quarantine.max-share); nothing published. Worst sources: %s. "
                        + "See %s and %s", 100 * report.quarantineShare(), report.read(), 100 * report.maxQuarantineShare(),
                String.join("; ", report.worstSources(3)), report.outputs().get("report"), quarantine);
    }
}
