package org.airesilience.panel.yearbook;

/** Why a yearbook cell did not reach the panel. */
public enum QuarantineReason {
    /** The region is neither a gazetteer name, short name, alias or code, nor a national row. */
    UNKNOWN_REGION,
    /** The year is not a four-digit year. */
    INVALID_YEAR,
    /** The value is neither a number (after separators, footnote marks and % are removed) nor a missing mark. */
    NON_NUMERIC,
    /** The value, in the canonical unit, lies outside the indicator's valid range. */
    OUT_OF_RANGE,
    /** Two cells give different values for one region, year and indicator (every copy is quarantined). */
    CONFLICTING_DUPLICATE,
    /** The unit (or a % sign) cannot be converted to the indicator's canonical unit. */
    UNIT_MISMATCH,
    /** The bytes of the line are not valid in the file's charset. */
    UNDECODABLE
}
