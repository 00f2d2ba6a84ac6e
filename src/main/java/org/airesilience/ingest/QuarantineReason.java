package org.airesilience.ingest;

/** Why a raw record was not accepted; every quarantined record carries exactly one. */
public enum QuarantineReason {
    /** The record cannot be split into fields: wrong column count, unclosed quote, invalid JSON, no TRS fields. */
    MALFORMED_RECORD,
    /** No application number, or the field holds something else (a publication number, free text). */
    MISSING_APPLICATION_NUMBER,
    /** The application date is missing or unparseable, or a publication date is present but unparseable. */
    UNPARSEABLE_DATE,
    /** The record's bytes are not valid in the source's charset. */
    UNDECODABLE_TEXT,
    /** Neither the province code, the address nor the postal code names a region. */
    UNRESOLVABLE_REGION,
    /**
     * City text only (measure-text): a city of an excluded province. Patent ingest excludes such records instead
     * ({@link ExclusionReason}).
     */
    OUT_OF_SCOPE_REGION
}
