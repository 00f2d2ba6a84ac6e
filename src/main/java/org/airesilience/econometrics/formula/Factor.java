package org.airesilience.econometrics.formula;

/**
 * One variable inside a term, possibly logged and shifted within the panel: {@code lag > 0} is the value
 * {@code lag} periods earlier ({@code l(v, k)}), {@code lag < 0} a lead ({@code f(v, k)} or {@code l(v, -k)}).
 * Lag and log commute, so {@code log(l(v, 1))} and {@code l(log(v), 1)} are the same factor.
 */
public record Factor(String variable, boolean log, int lag) {
    public Factor {
        if (variable == null || variable.isBlank()) throw new IllegalArgumentException("empty variable name");
    }
}
