package org.airesilience.econometrics.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small column-oriented data table for the econometrics core: numeric columns as double[] (missing = NaN)
 * and text columns as String[] (missing = null). Plain Java, no Spark, so estimators are testable in isolation.
 */
public final class Table implements java.io.Serializable {
    private final int rows;
    private final Map<String, double[]> numeric;
    private final Map<String, String[]> text;
    private final List<String> order;
    /** The file the rows were read from, or null. */
    private final String source;
    /** Per row, its line in {@link #source} (1-based), or null when not read from a file. */
    private final int[] lines;

    private Table(int rows, Map<String, double[]> numeric, Map<String, String[]> text, List<String> order,
                  String source, int[] lines) {
        this.rows = rows;
        this.numeric = numeric;
        this.text = text;
        this.order = order;
        this.source = source;
        this.lines = lines;
    }

    public static Builder builder(int rows) {
        return new Builder(rows);
    }

    public int rows() {
        return rows;
    }

    public List<String> names() {
        return List.copyOf(order);
    }

    public boolean has(String name) {
        return numeric.containsKey(name) || text.containsKey(name);
    }

    public boolean isNumeric(String name) {
        return numeric.containsKey(name);
    }

    /**
     * The numeric column; throws a clear error when the column is missing or not numeric, naming the first row
     * whose value is not a number (with its file and line when read from a file) and quoting that value.
     */
    public double[] numeric(String name) {
        double[] col = numeric.get(name);
        if (col == null) {
            if (text.containsKey(name)) {
                String[] v = text.get(name);
                for (int i = 0; i < rows; i++) {
                    if (v[i] != null && !isNumber(v[i])) {
                        throw new IllegalArgumentException("column '" + name + "' is not numeric: " + where(i)
                                + " has '" + v[i] + "'");
                    }
                }
                throw new IllegalArgumentException("column '" + name + "' is not numeric");
            }
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + order);
        }
        return col;
    }

    /** Where row i came from: "FILE line L (data row i+1)" when read from a file, else "row i+1". */
    public String where(int i) {
        return lines == null ? "row " + (i + 1) : source + " line " + lines[i] + " (data row " + (i + 1) + ")";
    }

    /** The column as text: numeric columns are formatted without a trailing ".0" for integers. */
    public String[] text(String name) {
        String[] col = text.get(name);
        if (col != null) {
            return col;
        }
        double[] num = numeric(name);
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = Double.isNaN(num[i]) ? null : formatNumber(num[i]);
        }
        return out;
    }

    /** Rows where keep[i] is true, in order. */
    public Table filter(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            if (k) n++;
        }
        int[] idx = new int[n];
        for (int i = 0, j = 0; i < rows; i++) {
            if (keep[i]) idx[j++] = i;
        }
        return select(idx);
    }

    /** Rows at the given indices (repeats allowed), in the order given. */
    public Table select(int[] idx) {
        Builder b = builder(idx.length);
        if (lines != null) {
            int[] picked = new int[idx.length];
            for (int i = 0; i < idx.length; i++) picked[i] = lines[idx[i]];
            b.source(source, picked);
        }
        for (String name : order) {
            if (numeric.containsKey(name)) {
                double[] src = numeric.get(name);
                double[] dst = new double[idx.length];
                for (int i = 0; i < idx.length; i++) dst[i] = src[idx[i]];
                b.numeric(name, dst);
            } else {
                String[] src = text.get(name);
                String[] dst = new String[idx.length];
                for (int i = 0; i < idx.length; i++) dst[i] = src[idx[i]];
                b.text(name, dst);
            }
        }
        return b.build();
    }

    /** A copy with the numeric column added or replaced. */
    public Table withNumeric(String name, double[] values) {
        Builder b = toBuilder();
        b.numeric(name, values);
        return b.build();
    }

    /** A copy with the text column added or replaced. */
    public Table withText(String name, String[] values) {
        Builder b = toBuilder();
        b.text(name, values);
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = builder(rows);
        if (lines != null) b.source(source, lines);
        for (String name : order) {
            if (numeric.containsKey(name)) b.numeric(name, numeric.get(name));
            else b.text(name, text.get(name));
        }
        return b;
    }

    /**
     * Reads a CSV file with a header row (comma-separated, optional double quotes, UTF-8 with or without BOM).
     * A column whose every non-missing cell parses as a number is numeric; NA, NaN, "." and empty cells are missing.
     */
    public static Table readCsv(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + ": empty file, expected a header row");
            }
            if (header.startsWith("\uFEFF")) header = header.substring(1);
            List<String> names = splitCsvLine(header);
            List<List<String>> cols = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) cols.add(new ArrayList<>());
            List<Integer> lineNumbers = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) continue;
                lineNumbers.add(lineNo);
                List<String> cells = splitCsvLine(line);
                if (cells.size() != names.size()) {
                    throw new IOException(file + ":" + lineNo + ": expected " + names.size() + " fields, found "
                            + cells.size());
                }
                for (int c = 0; c < cells.size(); c++) cols.get(c).add(cells.get(c));
            }
            int n = cols.isEmpty() ? 0 : cols.get(0).size();
            Builder b = builder(n);
            b.source(file.toString(), lineNumbers.stream().mapToInt(Integer::intValue).toArray());
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c).trim();
                List<String> cells = cols.get(c);
                double[] parsed = parseNumeric(cells);
                if (parsed != null) b.numeric(name, parsed);
                else b.text(name, cells.stream().map(s -> isMissing(s) ? null : s).toArray(String[]::new));
            }
            return b.build();
        }
    }

    private static double[] parseNumeric(List<String> cells) {
        double[] out = new double[cells.size()];
        for (int i = 0; i < out.length; i++) {
            String s = cells.get(i).trim();
            if (isMissing(s)) {
                out[i] = Double.NaN;
                continue;
            }
            try {
                out[i] = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        if (isMissing(s)) return true;
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isMissing(String s) {
        String t = s.trim();
        return t.isEmpty() || t.equals("NA") || t.equals("NaN") || t.equals(".");
    }

    static List<String> splitCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** Collects columns of equal length; insertion order is kept. */
    public static final class Builder {
        private final int rows;
        private final Map<String, double[]> numeric = new LinkedHashMap<>();
        private final Map<String, String[]> text = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();
        private String source;
        private int[] lines;

        private Builder(int rows) {
            this.rows = rows;
        }

        /** The file the rows come from and each row's line in it. */
        public Builder source(String file, int[] lineNumbers) {
            if (lineNumbers.length != rows) throw new IllegalArgumentException("line numbers for " + lineNumbers.length + " rows, table has " + rows);
            this.source = file;
            this.lines = lineNumbers;
            return this;
        }

        public Builder numeric(String name, double[] values) {
            check(name, values.length);
            text.remove(name);
            numeric.put(name, values);
            return this;
        }

        public Builder text(String name, String[] values) {
            check(name, values.length);
            numeric.remove(name);
            text.put(name, values);
            return this;
        }

        private void check(String name, int length) {
            if (length != rows) {
                throw new IllegalArgumentException("column '" + name + "' has " + length + " rows, table has " + rows);
            }
            if (!order.contains(name)) order.add(name);
        }

        public Table build() {
            return new Table(rows, new LinkedHashMap<>(numeric), new LinkedHashMap<>(text), new ArrayList<>(order), source, lines);
        }
    }
}
