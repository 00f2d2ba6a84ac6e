package org.airesilience.ingest;

/**
 * An ingest run that published nothing: its report (marked failed, with the counts known when it stopped) has been
 * written; the curated, quarantined and excluded records of the previous run are intact.
 */
public class IngestFailedException extends RuntimeException {
    private final transient IngestReport report;

    public IngestFailedException(IngestReport report) {
        super(report.failure());
        this.report = report;
    }

    public IngestReport report() {
        return report;
    }
}
