package org.airesilience.sample;

/** The kinds of broken record the generator plants; each name is the quarantine reason code ingest gives it. */
enum Defect {
    MALFORMED_RECORD,
    MISSING_APPLICATION_NUMBER,
    UNPARSEABLE_DATE,
    UNDECODABLE_TEXT,
    UNRESOLVABLE_REGION,
    OUT_OF_SCOPE_REGION;

    String reason() {
        return name();
    }
}
