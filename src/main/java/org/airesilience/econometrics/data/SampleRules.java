package org.airesilience.econometrics.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample rules every command shares ({@code --where}, {@code --winsorize}, {@code --winsor-cuts}): the row filter
 * first, then winsorizing over the estimation sample, each step written into the result's {@code sample} block so
 * a run accounts for every row it read.
 *
 * @param where      row filter (see {@link RowFilter}), or null
 * @param winsorize  columns to winsorize (empty: none)
 * @param lower      lower cut percentile (winsor2 default 1)
 * @param upper      upper cut percentile (winsor2 default 99)
 */
public record SampleRules(String where, List<String> winsorize, double lower, double upper) {
    public static final SampleRules NONE = new SampleRules(null, List.of(), 1, 99);

    public SampleRules {
        where = where == null || where.isBlank() ? null : where;
        winsorize = winsorize == null ? List.of() : List.copyOf(winsorize);
        if (!(lower >= 0 && lower < upper && upper <= 100)) {
            throw new IllegalArgumentException("winsor cuts must satisfy 0 <= lower < upper <= 100, got " + lower + "," + upper);
        }
    }

    /** The rows that pass {@code --where}; records rows_read (and where, rows_after_where) in {@code sample}. */
    public Table filter(Table data, Map<String, Object> sample) {
        sample.put("rows_read", data.rows());
        if (where == null) return data;
        Table t = RowFilter.parse(where).apply(data);
        sample.put("where", where);
        sample.put("rows_after_where", t.rows());
        return t;
    }

    /**
     * The table with the {@code --winsorize} columns winsorized at their percentiles over {@code sampleRows} (the
     * estimation sample); records the cut points in {@code sample}. Unchanged when no column is named.
     */
    public Table winsorize(Table t, int[] sampleRows, Map<String, Object> sample) {
        if (winsorize.isEmpty()) return t;
        Map<String, Winsorizer.Cuts> cuts = new LinkedHashMap<>();
        Table out = Winsorizer.apply(t, winsorize, lower, upper, sampleRows, cuts);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("cuts_percent", List.of(lower, upper));
        w.put("percentile_definition", "Stata _pctile over the estimation sample (winsor2 convention), "
                + "applied after --where and before fitting");
        cuts.forEach((k, c) -> w.put(k, Map.of("lower", c.lower(), "upper", c.upper(),
                "replaced_below", c.belowLower(), "replaced_above", c.aboveUpper())));
        sample.put("winsorized", w);
        return out;
    }

    /** Rows where every named column is present (not NaN, not null): the sample of commands without a model frame. */
    public static int[] completeRows(Table t, List<String> columns) {
        boolean[] ok = new boolean[t.rows()];
        java.util.Arrays.fill(ok, true);
        for (String c : columns) {
            if (!t.has(c)) throw new IllegalArgumentException("no column '" + c + "'; columns are " + t.names());
            if (t.isNumeric(c)) {
                double[] v = t.numeric(c);
                for (int i = 0; i < ok.length; i++) if (Double.isNaN(v[i])) ok[i] = false;
            } else {
                String[] v = t.text(c);
                for (int i = 0; i < ok.length; i++) if (v[i] == null) ok[i] = false;
            }
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < ok.length; i++) if (ok[i]) rows.add(i);
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Filter, then winsorize over the rows complete in {@code columns}: for commands that build their own sample
     * (threshold, gmm). The rows' accounting goes into {@code sample}.
     */
    public Table apply(Table data, List<String> columns, Map<String, Object> sample) {
        Table t = filter(data, sample);
        return winsorize(t, completeRows(t, columns), sample);
    }
}
