package org.airesilience.econometrics.placebo;

/**
 * A placebo permutation test: {@code column} is reassigned under {@code scheme} in each of {@code draws} draws and the
 * coefficient of {@code term} (the column itself unless a transformed term such as {@code log(x)} is tested) is kept.
 * {@code unit} and {@code time} name the panel keys (needed by the {@code units} and {@code within-time} schemes).
 */
public record PlaceboSpec(String column, String term, PermutationScheme scheme, String unit, String time, int draws,
                          long seed) {
    public PlaceboSpec {
        if (column == null || column.isBlank()) throw new IllegalArgumentException("the column to permute is missing");
        if (term == null || term.isBlank()) term = column;
        if (draws < 1) throw new IllegalArgumentException("draws must be at least 1, got " + draws);
    }
}
