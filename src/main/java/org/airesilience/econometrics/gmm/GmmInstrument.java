package org.airesilience.econometrics.gmm;

/**
 * A GMM-style instrument (xtabond2 {@code gmm(v, lag(min max))}, pgmm {@code lag(v, min:max)}): for the
 * differenced equation at time t, the levels of {@code expression} at lags {@code minLag..maxLag}, one column per
 * period and lag ({@code collapse = false}) or one per lag ({@code collapse = true}); for the level equation of
 * system GMM, one lagged first difference.
 */
public record GmmInstrument(String expression, int minLag, int maxLag, boolean collapse) {
    /** Largest lag meaning "all available", as pgmm's 99 and xtabond2's ".". */
    public static final int ALL_LAGS = Integer.MAX_VALUE / 4;

    public GmmInstrument {
        if (minLag < 1) {
            throw new IllegalArgumentException("GMM instrument " + expression + ": minimum lag must be at least 1 (2 for "
                    + "a lagged dependent variable), got " + minLag);
        }
        if (maxLag < minLag) {
            throw new IllegalArgumentException("GMM instrument " + expression + ": maximum lag " + maxLag
                    + " is below the minimum lag " + minLag);
        }
    }

    public GmmInstrument withCollapse(boolean c) {
        return new GmmInstrument(expression, minLag, maxLag, c);
    }

    /**
     * Parses {@code VAR:MIN:MAX} (MAX "." or 99 and above: all lags) or {@code VAR:MIN}; VAR may contain parentheses,
     * e.g. {@code log(emp):2:99}.
     */
    public static GmmInstrument parse(String spec, boolean collapse) {
        String s = spec.trim();
        String[] parts = s.split(":");
        try {
            if (parts.length == 3) {
                int min = Integer.parseInt(parts[1].trim());
                String maxText = parts[2].trim();
                int max = maxText.equals(".") ? ALL_LAGS : Integer.parseInt(maxText);
                if (max >= 99) max = ALL_LAGS;
                return new GmmInstrument(DynamicFormula.expression(parts[0].trim()), min, max, collapse);
            }
            if (parts.length == 2) {
                return new GmmInstrument(DynamicFormula.expression(parts[0].trim()), Integer.parseInt(parts[1].trim()), ALL_LAGS, collapse);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("GMM instrument '" + spec + "': expected VARIABLE:MINLAG:MAXLAG, e.g. "
                + "'log(emp):2:99' or 'y:2:.'");
    }

    public String describe() {
        return expression + " lags " + minLag + ".." + (maxLag >= ALL_LAGS ? "all" : Integer.toString(maxLag))
                + (collapse ? " (collapsed)" : "");
    }
}
