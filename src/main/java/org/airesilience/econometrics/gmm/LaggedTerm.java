package org.airesilience.econometrics.gmm;

/**
 * A variable expression ({@code emp} or {@code log(emp)}) taken at a lag within the panel; lag 0 is the current
 * value. Its name is written as in a fixest formula: {@code log(emp)} or {@code l(log(emp), 2)}.
 */
public record LaggedTerm(String expression, int lag) {
    public LaggedTerm {
        if (lag < 0) throw new IllegalArgumentException("negative lag " + lag + " of " + expression);
    }

    public String name() {
        return lag == 0 ? expression : "l(" + expression + ", " + lag + ")";
    }
}
