package org.airesilience.econometrics.placebo;

import java.util.Arrays;

/** How the core regressor is reassigned in a placebo draw. */
public enum PermutationScheme {
    /** Values shuffled across all observations. */
    ALL("all"),
    /** Whole units exchanged: unit i takes unit π(i)'s time path (among units observed in the same periods). */
    UNITS("units"),
    /** Values shuffled among the observations of the same period. */
    WITHIN_TIME("within-time");

    private final String label;

    PermutationScheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PermutationScheme parse(String s) {
        for (PermutationScheme p : values()) {
            if (p.label.equals(s)) return p;
        }
        throw new IllegalArgumentException("unknown permutation scheme '" + s + "'; use one of "
                + Arrays.stream(values()).map(PermutationScheme::label).toList());
    }
}
