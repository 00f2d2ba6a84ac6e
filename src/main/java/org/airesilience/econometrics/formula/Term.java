package org.airesilience.econometrics.formula;

import java.util.List;

/**
 * A regressor: the product of its factors ({@code v1:v2} is an interaction, a single factor a plain variable).
 * {@code label} is the term exactly as written in the formula (surrounding blanks trimmed): it names the
 * coefficient in results.
 */
public record Term(String label, List<Factor> factors) {
    public Term {
        factors = List.copyOf(factors);
        if (factors.isEmpty()) throw new IllegalArgumentException("term '" + label + "' has no variable");
    }

    /** Whether any factor needs a panel lag or lead. */
    public boolean needsPanel() {
        return factors.stream().anyMatch(f -> f.lag() != 0);
    }
}
