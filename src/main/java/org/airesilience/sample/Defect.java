package org.airesilience.sample;

/** The kinds of broken record the generator plants; {@link #reason()} is the quarantine reason code ingest gives. */
enum Defect {
    MALFORMED_RECORD("malformed_record"),
    MISSING_APPLICATION_NUMBER("missing_application_number"),
    UNPARSEABLE_DATE("unparseable_date"),
    UNDECODABLE_TEXT("undecodable_text"),
    UNRESOLVABLE_REGION("unresolvable_region"),
    OUT_OF_SCOPE_REGION("out_of_scope_region");

    private final String reason;

    Defect(String reason) {
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
