package org.airesilience.panel.catalog;

import java.util.List;

/**
 * One indicator of the catalogue.
 *
 * @param unit  canonical unit, what every value is converted to
 * @param min   smallest valid value in the canonical unit (-Infinity when unbounded)
 * @param max   largest valid value (+Infinity when unbounded)
 * @param level province, city or any
 */
public record Indicator(String id, String name, List<String> aliases, String unit, double min, double max,
                        String level) {
    public Indicator {
        aliases = List.copyOf(aliases);
    }

    public boolean inRange(double v) {
        return v >= min && v <= max;
    }

    public boolean isShare() {
        return IndicatorCatalog.SHARE.equals(unit);
    }

    public String range() {
        return "[" + (min == Double.NEGATIVE_INFINITY ? "-inf" : fmt(min)) + ", "
                + (max == Double.POSITIVE_INFINITY ? "inf" : fmt(max)) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
