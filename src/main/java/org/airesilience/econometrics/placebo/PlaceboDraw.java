package org.airesilience.econometrics.placebo;

import java.io.Serializable;

/** The placebo term's coefficient, t statistic and p-value in one draw (NaN when the term dropped out of the fit). */
public record PlaceboDraw(double estimate, double tStatistic, double pValue) implements Serializable {
}
