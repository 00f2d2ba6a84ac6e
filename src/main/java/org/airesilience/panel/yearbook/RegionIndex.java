package org.airesilience.panel.yearbook;

import java.util.List;

/** The regions of a panel and how a yearbook's region cell is matched to one of them. */
public interface RegionIndex {
    /** What a region cell names. */
    enum Kind {PANEL, NATIONAL, OUTSIDE, UNKNOWN}

    /** @param index position in {@link #codes()} for {@link Kind#PANEL}, else -1 */
    record Match(Kind kind, int index, String code) {
        public static final Match NATIONAL = new Match(Kind.NATIONAL, -1, null);
        public static final Match UNKNOWN = new Match(Kind.UNKNOWN, -1, null);
    }

    /** Codes of the panel's regions, in panel order. */
    List<String> codes();

    /** Names of the panel's regions, in panel order. */
    List<String> names();

    Match match(String cell);
}
