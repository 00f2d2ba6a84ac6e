package org.airesilience.econometrics.formula;

/**
 * One variable inside a term, possibly logged and shifted within the panel: {@code lag > 0} is the value
 * {@code lag} periods earlier ({@code l(v, k)}), {@code lag < 0} a lead ({@code f(v, k)} or {@code l(v, -k)}).
 * Lag and log commute, so {@code log(l(v, 1))} and {@code l(log(v), 1)} are the same factor. A categorical factor
 * ({@code i.v} or {@code factor(v)}) stands for dummies of the levels of v, the first level being the base.
 */
public record Factor(String variable, boolean log, int lag, boolean categorical) {
    public Factor {
        if (variable == null || variable.isBlank()) throw new IllegalArgumentException("empty variable name");
        if (categorical && (log || lag != 0)) {
            throw new IllegalArgumentException("a factor variable ('" + variable + "') cannot be logged or lagged");
        }
    }

    /** A numeric factor. */
    public Factor(String variable, boolean log, int lag) {
        this(variable, log, lag, false);
    }
}
