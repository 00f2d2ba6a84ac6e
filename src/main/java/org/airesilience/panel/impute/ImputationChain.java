package org.airesilience.panel.impute;

import java.util.List;

/**
 * How the missing values of one series are filled, in order: {@code interpolate} (linear between the nearest observed
 * years on both sides), {@code extrapolate} (at the ends, by the mean year-on-year growth of the {@code k} years
 * nearest the end), {@code mean} (the mean of the observed values). A series with fewer than {@code minObserved}
 * observed values is left as it is.
 */
public record ImputationChain(List<Method> methods, int k, int minObserved) {
    public enum Method {
        INTERPOLATE, EXTRAPOLATE, MEAN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Method parse(String s) {
            for (Method m : values()) if (m.label().equals(s.trim().toLowerCase(java.util.Locale.ROOT))) return m;
            throw new IllegalArgumentException("imputation method must be interpolate, extrapolate or mean, got '" + s + "'");
        }
    }

    public static final ImputationChain DEFAULT = new ImputationChain(List.of(Method.INTERPOLATE, Method.EXTRAPOLATE, Method.MEAN), 3, 3);

    public ImputationChain {
        methods = List.copyOf(methods);
        if (k < 1) throw new IllegalArgumentException("imputation k must be at least 1, got " + k);
        if (minObserved < 1) throw new IllegalArgumentException("imputation min-observed must be at least 1, got " + minObserved);
    }
}
