package org.airesilience.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The complete yearbook values of one level (canonical units, exact decimals), with the cells that the raw tables
 * leave out or contradict. Such a cell is made restorable: its value is the exact midpoint of its two neighbours in
 * the series, which are both present, so linear interpolation inside the series gives it back.
 */
final class YearbookValues implements ExpectedPanels.Values {
    /** Region code of the national rows (全国). */
    static final String NATIONAL = "000000";

    record Key(String region, int year, String indicator) {
    }

    /** indicator -> region -> year -> value. */
    private final Map<String, Map<String, TreeMap<Integer, BigDecimal>>> values = new LinkedHashMap<>();
    /** Cells whose value is the midpoint of their neighbours: {@link #removed} and {@link #contested}. */
    private final Set<Key> midpoints = new HashSet<>();
    /** Cells written as missing. */
    final Set<Key> removed = new HashSet<>();
    /** Cells that a supplementary source repeats with a broken or conflicting value, with the quarantine reason. */
    final Map<Key, String> contested = new LinkedHashMap<>();

    /**
     * Chooses the removed cells of a series of {@code years}: interior years only, never two side by side, each with
     * probability {@code p}.
     */
    void planRemovals(String indicator, String region, List<Integer> years, double p, SplittableRandom rnd) {
        int last = -10;
        for (int k = 1; k < years.size() - 1; k++) {
            int y = years.get(k);
            if (rnd.nextDouble() < p && y - last > 1) {
                Key key = new Key(region, y, indicator);
                removed.add(key);
                midpoints.add(key);
                last = y;
            }
        }
    }

    /**
     * Whether a cell of this region-year is a midpoint in any indicator: a ratio of such a cell is not the intended
     * one, so a component anchored there would not have its intended minimum or maximum.
     */
    boolean hasMidpoint(String region, int year) {
        for (Key k : midpoints) if (k.year() == year && k.region().equals(region)) return true;
        return false;
    }

    /**
     * Marks an interior cell (of a series from {@code first} to {@code lastYear}) that is not next to another midpoint
     * as contested by a broken copy with this quarantine reason; false when it cannot be.
     */
    boolean contest(String indicator, String region, int year, int first, int lastYear, String reason) {
        if (year <= first || year >= lastYear) return false;
        for (int d = -1; d <= 1; d++) {
            if (midpoints.contains(new Key(region, year + d, indicator))) return false;
        }
        Key key = new Key(region, year, indicator);
        contested.put(key, reason);
        midpoints.add(key);
        return true;
    }

    /**
     * Stores a series from {@code firstYear} on, rounded to the indicator's decimals, with the midpoint cells set to
     * the mean of their neighbours, and returns the stored values.
     */
    double[] put(String indicator, String region, int firstYear, double[] raw) {
        int decimals = YearbookIndicator.of(indicator).decimals();
        TreeMap<Integer, BigDecimal> series = new TreeMap<>();
        for (int k = 0; k < raw.length; k++) {
            if (!Double.isFinite(raw[k]) || raw[k] < 0 && !indicator.equals("mfg_operating_profit")) {
                throw new IllegalStateException("generator bug: " + indicator + " " + region + " " + (firstYear + k) + " = " + raw[k]);
            }
            series.put(firstYear + k, BigDecimal.valueOf(raw[k]).setScale(decimals, RoundingMode.HALF_EVEN));
        }
        for (Map.Entry<Integer, BigDecimal> e : series.entrySet()) {
            if (midpoints.contains(new Key(region, e.getKey(), indicator))) {
                e.setValue(series.get(e.getKey() - 1).add(series.get(e.getKey() + 1)).multiply(new BigDecimal("0.5")));
            }
        }
        values.computeIfAbsent(indicator, k -> new LinkedHashMap<>()).put(region, series);
        double[] out = new double[raw.length];
        for (int k = 0; k < raw.length; k++) out[k] = series.get(firstYear + k).doubleValue();
        return out;
    }

    double[] put(String indicator, String region, int year, double raw) {
        return put(indicator, region, year, new double[]{raw});
    }

    BigDecimal exact(String indicator, String region, int year) {
        BigDecimal v = values.getOrDefault(indicator, Map.of()).getOrDefault(region, new TreeMap<>()).get(year);
        if (v == null) throw new IllegalArgumentException("no value for " + indicator + " " + region + " " + year);
        return v;
    }

    @Override
    public double get(String indicator, String region, int year) {
        return exact(indicator, region, year).doubleValue();
    }

    /**
     * Contests cells of the given indicators, one per entry of {@code reasons} (indicator -> reason, in order), at
     * random regions and interior years.
     */
    void contest(List<String[]> reasons, List<String> regions, int first, int last, SplittableRandom rnd) {
        for (String[] r : reasons) {
            String indicator = r[0];
            int lo = indicator.equals("internet_penetration") || indicator.equals("fai") ? first - 1 : first;
            while (!contest(indicator, regions.get(rnd.nextInt(regions.size())), lo + 1 + rnd.nextInt(last - lo - 1), lo, last, r[1])) {
                // another cell
            }
        }
    }
}
