package org.airesilience.ingest;

/**
 * Why a valid record is left out of the panel: it is not broken, so it is excluded rather than quarantined and does
 * not count towards the quarantine limit.
 */
public enum ExclusionReason {
    /** A country code or foreign country in the province code or address. */
    FOREIGN_APPLICANT,
    /** A province listed in airesilience.regions.exclude-provinces. */
    EXCLUDED_PROVINCE
}
