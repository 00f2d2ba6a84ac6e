package org.airesilience.econometrics.model;

/** One estimated coefficient; {@code term} is spelled as in the formula. */
public record Coefficient(String term, double estimate, double stdError, double statistic, double pValue) {
}
