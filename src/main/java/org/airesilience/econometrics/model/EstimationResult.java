package org.airesilience.econometrics.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every estimator returns; serialised as the estimate JSON contract ({@code estimator, nobs, ngroups,
 * coefficients, fit, tests, conventions}). {@code fit} keys: r2, r2_within, adj_r2, rss, sigma, df_resid (and
 * others an estimator adds); {@code tests} keys are snake_case test names; {@code extra} holds estimator-specific
 * blocks (first stages, omitted terms, dropped rows) written as further top-level JSON fields.
 */
public record EstimationResult(
        String estimator,
        int nobs,
        Integer ngroups,
        List<Coefficient> coefficients,
        Map<String, Double> fit,
        Map<String, TestResult> tests,
        Map<String, Object> conventions,
        Map<String, Object> extra) {

    public Optional<Coefficient> coefficient(String term) {
        return coefficients.stream().filter(c -> c.term().equals(term)).findFirst();
    }

    /** The coefficient or a clear error naming the terms that exist. */
    public Coefficient require(String term) {
        return coefficient(term).orElseThrow(() -> new IllegalArgumentException(
                "no coefficient '" + term + "'; terms are " + coefficients.stream().map(Coefficient::term).toList()));
    }

    public static Builder builder(String estimator) {
        return new Builder(estimator);
    }

    /** Ordered builder, so JSON output is byte-identical from run to run. */
    public static final class Builder {
        private final String estimator;
        private int nobs;
        private Integer ngroups;
        private List<Coefficient> coefficients = List.of();
        private final Map<String, Double> fit = new LinkedHashMap<>();
        private final Map<String, TestResult> tests = new LinkedHashMap<>();
        private final Map<String, Object> conventions = new LinkedHashMap<>();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String estimator) {
            this.estimator = estimator;
        }

        public Builder nobs(int n) {
            this.nobs = n;
            return this;
        }

        public Builder ngroups(Integer g) {
            this.ngroups = g;
            return this;
        }

        public Builder coefficients(List<Coefficient> c) {
            this.coefficients = List.copyOf(c);
            return this;
        }

        public Builder fit(String key, double value) {
            fit.put(key, value);
            return this;
        }

        public Builder test(String key, TestResult t) {
            tests.put(key, t);
            return this;
        }

        public Builder convention(String key, Object value) {
            conventions.put(key, value);
            return this;
        }

        public Builder extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        public EstimationResult build() {
            return new EstimationResult(estimator, nobs, ngroups, coefficients, fit, tests, conventions, extra);
        }
    }
}
