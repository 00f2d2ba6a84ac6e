package org.airesilience.econometrics.formula;

import java.util.List;

/**
 * A regressor: the product of its factors ({@code v1:v2} is an interaction, a single factor a plain variable).
 * {@code label} is the term exactly as written in the formula (surrounding blanks trimmed): it names the
 * coefficient in results. A categorical term names one coefficient per non-base level, as fixest and this
 * project's GMM time dummies do: {@code i.year} gives {@code year::2008}, {@code i.year:x} gives {@code year::2008:x}.
 */
public record Term(String label, List<Factor> factors) {
    public Term {
        factors = List.copyOf(factors);
        if (factors.isEmpty()) throw new IllegalArgumentException("term '" + label + "' has no variable");
        if (factors.stream().filter(Factor::categorical).count() > 1) {
            throw new IllegalArgumentException("term '" + label + "' interacts two factor variables; write one of them as a fixed effect");
        }
    }

    /** Whether the term expands to level dummies ({@code i.v}, {@code factor(v)}, or one of them times numeric factors). */
    public boolean categorical() {
        return factors.stream().anyMatch(Factor::categorical);
    }

    /** Whether any factor needs a panel lag or lead. */
    public boolean needsPanel() {
        return factors.stream().anyMatch(f -> f.lag() != 0);
    }
}
