package org.airesilience.panel.yearbook;

import org.airesilience.panel.catalog.Indicator;
import org.airesilience.panel.catalog.IndicatorCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Where every yearbook cell ends: a value (or a missing mark) of a region-year-indicator the panel needs, a
 * quarantine entry, or an unused cell (an indicator the catalogue does not know or the panel does not use, a region
 * or year outside the panel). Values are kept in the canonical unit, one slot per region (and the national row)
 * and year; two cells that disagree on one slot are both quarantined and the slot is left missing.
 *
 * <p>Accounting: {@code read = used + quarantined + unused}, where {@code used} counts the cells behind the values
 * and missing marks that reached the panel (agreeing duplicates included).
 */
public final class CellStore {
    private static final byte EMPTY = 0;
    private static final byte MISSING = 1;
    private static final byte VALUE = 2;
    private static final byte CONFLICT = 3;
    /** Two cells agree when they differ by at most this share of the larger (different units, rounding). */
    private static final double AGREEMENT = 1e-9;

    /** The years of an indicator the panel reads: {@code from..to} and single years ({@code at(x, 1984)}). */
    public record Years(int from, int to, int[] extra) {
        boolean contains(int y) {
            if (y >= from && y <= to) return true;
            for (int e : extra) if (e == y) return true;
            return false;
        }

        int min() {
            return Arrays.stream(extra).reduce(from, Math::min);
        }

        int max() {
            return Arrays.stream(extra).reduce(to, Math::max);
        }
    }

    /** A table (a CSV file or a sheet) the cells come from. */
    public record Table(String file, String sheet, List<String> headers) {
    }

    private final class Slots {
        final Indicator indicator;
        final Years years;
        final int year0;
        final int nYears;
        final double[] value;
        final byte[] state;
        final String[] raw;
        final int[] table;
        final int[] row;
        final int[] column;
        /** unit as written -> factor to the canonical unit (empty when it cannot be converted) */
        final Map<String, OptionalDouble> factors = new java.util.HashMap<>();

        Slots(Indicator indicator, Years years) {
            this.indicator = indicator;
            this.years = years;
            this.year0 = years.min();
            this.nYears = years.max() - year0 + 1;
            int n = (regions + 1) * nYears;
            value = new double[n];
            Arrays.fill(value, Double.NaN);
            state = new byte[n];
            raw = new String[n];
            table = new int[n];
            row = new int[n];
            column = new int[n];
        }
    }

    private final IndicatorCatalog catalog;
    private final RegionIndex regionIndex;
    private final int regions;
    private final Map<String, Slots> slots = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<QuarantinedCell> quarantine = new ArrayList<>();

    private long read;
    private long used;
    private long missing;
    private long agreeingDuplicates;
    private final Map<String, Long> unusedByReason = new TreeMap<>();
    private final Map<String, Long> unknownIndicators = new TreeMap<>();
    private final Map<String, Long> unusedIndicators = new TreeMap<>();

    /** @param needed the indicators the panel reads and their years */
    public CellStore(IndicatorCatalog catalog, RegionIndex regionIndex, Map<String, Years> needed) {
        this.catalog = catalog;
        this.regionIndex = regionIndex;
        this.regions = regionIndex.codes().size();
        needed.forEach((id, years) -> {
            Indicator ind = catalog.byId(id);
            if (ind == null) throw new IllegalArgumentException("indicator '" + id + "' is not in the catalogue " + catalog.origin());
            slots.put(id, new Slots(ind, years));
        });
    }

    public IndicatorCatalog catalog() {
        return catalog;
    }

    public RegionIndex regions() {
        return regionIndex;
    }

    public int addTable(String file, String sheet, List<String> headers) {
        tables.add(new Table(file, sheet, List.copyOf(headers)));
        return tables.size() - 1;
    }

    /** Whether the panel reads this indicator. */
    public boolean needs(Indicator ind) {
        return ind != null && slots.containsKey(ind.id());
    }

    /** A cell of an indicator the catalogue does not know (header or 指标 text as written). */
    public void unknownIndicator(String name) {
        read++;
        unknownIndicators.merge(name, 1L, Long::sum);
    }

    /** A cell of a catalogue indicator the panel does not use. */
    public void unusedIndicator(Indicator ind) {
        read++;
        unusedIndicators.merge(ind.id(), 1L, Long::sum);
    }

    /** A cell of a needed indicator that is quarantined before its value is looked at (region, year, bytes). */
    public void reject(int table, int row, int column, QuarantineReason reason, String raw, String detail) {
        read++;
        quarantine(table, row, column, reason, raw, detail);
    }

    /** A cell of a needed indicator whose region or year lies outside the panel. */
    public void outside(String what) {
        read++;
        unusedByReason.merge(what, 1L, Long::sum);
    }

    /**
     * A value cell of a needed indicator in a panel region (or the national row) and a year it reads.
     *
     * @param unit the unit written with the cell (long form's 单位, or the header's), empty for the canonical one
     */
    public void accept(int table, int row, int column, Indicator ind, RegionIndex.Match region, int year, String raw,
                       String unit) {
        read++;
        Slots s = slots.get(ind.id());
        if (!s.years.contains(year)) {
            unusedByReason.merge("year outside the panel", 1L, Long::sum);
            return;
        }
        CellText.Parsed p = CellText.parse(raw);
        if (p.kind() == CellText.Kind.NON_NUMERIC) {
            quarantine(table, row, column, QuarantineReason.NON_NUMERIC, raw, "not a number");
            return;
        }
        int slot = (region.kind() == RegionIndex.Kind.NATIONAL ? regions : region.index()) * s.nYears + (year - s.year0);
        if (p.kind() == CellText.Kind.MISSING) {
            used++;
            missing++;
            if (s.state[slot] == EMPTY) s.state[slot] = MISSING;
            return;
        }
        double factor;
        OptionalDouble f = s.factors.computeIfAbsent(unit, u -> catalog.factor(ind, u));
        if (f.isEmpty()) {
            quarantine(table, row, column, QuarantineReason.UNIT_MISMATCH, raw,
                    "unit '" + unit + "' cannot be converted to " + ind.unit() + " (" + ind.id() + ")");
            return;
        }
        factor = f.getAsDouble();
        if (p.percent()) {
            if (!ind.isShare()) {
                quarantine(table, row, column, QuarantineReason.UNIT_MISMATCH, raw,
                        "a percentage for " + ind.id() + ", whose unit is " + ind.unit());
                return;
            }
            if (!IndicatorCatalog.normalize(unit).equals("%")) factor *= 0.01;
        }
        double v = p.value() * factor;
        if (!ind.inRange(v)) {
            quarantine(table, row, column, QuarantineReason.OUT_OF_RANGE, raw,
                    ind.id() + " = " + v + " " + ind.unit() + " outside " + ind.range());
            return;
        }
        switch (s.state[slot]) {
            case EMPTY, MISSING -> {
                used++;
                s.state[slot] = VALUE;
                s.value[slot] = v;
                s.raw[slot] = raw;
                s.table[slot] = table;
                s.row[slot] = row;
                s.column[slot] = column;
            }
            case VALUE -> {
                double first = s.value[slot];
                if (Math.abs(first - v) <= AGREEMENT * Math.max(Math.abs(first), Math.abs(v))) {
                    used++;
                    agreeingDuplicates++;
                    return;
                }
                String detail = conflictDetail(s, slot, region, year);
                // the first copy leaves the panel too
                used--;
                quarantine(s.table[slot], s.row[slot], s.column[slot], QuarantineReason.CONFLICTING_DUPLICATE, s.raw[slot],
                        detail + ": also " + v + " at " + location(table, row, column));
                quarantine(table, row, column, QuarantineReason.CONFLICTING_DUPLICATE, raw,
                        detail + ": also " + first + " at " + location(s.table[slot], s.row[slot], s.column[slot]));
                s.state[slot] = CONFLICT;
                s.value[slot] = Double.NaN;
                s.raw[slot] = raw;
            }
            default -> quarantine(table, row, column, QuarantineReason.CONFLICTING_DUPLICATE, raw,
                    conflictDetail(s, slot, region, year) + ": copies disagree");
        }
    }

    private String conflictDetail(Slots s, int slot, RegionIndex.Match region, int year) {
        String where = region.kind() == RegionIndex.Kind.NATIONAL ? "national" : regionIndex.codes().get(region.index());
        return s.indicator.id() + " " + where + " " + year;
    }

    private String location(int table, int row, int column) {
        Table t = tables.get(table);
        return t.file() + (t.sheet() == null ? "" : "[" + t.sheet() + "]") + ":" + row + ":" + t.headers().get(column);
    }

    private void quarantine(int table, int row, int column, QuarantineReason reason, String raw, String detail) {
        Table t = tables.get(table);
        String header = column >= 0 && column < t.headers().size() ? t.headers().get(column) : "";
        quarantine.add(new QuarantinedCell(t.file(), t.sheet(), row, header, reason, raw, detail));
    }

    /**
     * The values of a needed indicator for the panel's regions and years {@code from..to}, region-major
     * ({@code [region * years + (year - from)]}), NaN where missing.
     */
    public double[] series(String id, int from, int to) {
        Slots s = slots.get(id);
        int n = to - from + 1;
        double[] out = new double[regions * n];
        Arrays.fill(out, Double.NaN);
        for (int r = 0; r < regions; r++) {
            for (int y = from; y <= to; y++) {
                int k = y - s.year0;
                if (k >= 0 && k < s.nYears) out[r * n + (y - from)] = s.value[r * s.nYears + k];
            }
        }
        return out;
    }

    /** The national row of a needed indicator, years {@code from..to}, NaN where absent. */
    public double[] national(String id, int from, int to) {
        Slots s = slots.get(id);
        double[] out = new double[to - from + 1];
        Arrays.fill(out, Double.NaN);
        for (int y = from; y <= to; y++) {
            int k = y - s.year0;
            if (k >= 0 && k < s.nYears) out[y - from] = s.value[regions * s.nYears + k];
        }
        return out;
    }

    /** Whether any national value of the indicator was read. */
    public boolean hasNational(String id) {
        Slots s = slots.get(id);
        for (int k = 0; k < s.nYears; k++) if (s.state[regions * s.nYears + k] == VALUE) return true;
        return false;
    }

    public List<QuarantinedCell> quarantine() {
        return quarantine;
    }

    public List<Table> tables() {
        return tables;
    }

    public long read() {
        return read;
    }

    public long used() {
        return used;
    }

    public long missingMarks() {
        return missing;
    }

    public long agreeingDuplicates() {
        return agreeingDuplicates;
    }

    public long unused() {
        long n = 0;
        for (long v : unusedByReason.values()) n += v;
        for (long v : unknownIndicators.values()) n += v;
        for (long v : unusedIndicators.values()) n += v;
        return n;
    }

    public Map<String, Long> unusedByReason() {
        return unusedByReason;
    }

    public Map<String, Long> unknownIndicators() {
        return unknownIndicators;
    }

    public Map<String, Long> unusedIndicators() {
        return unusedIndicators;
    }
}
