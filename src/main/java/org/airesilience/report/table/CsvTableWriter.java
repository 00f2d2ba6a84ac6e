package org.airesilience.report.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as esttab writes it: the caption, a heading row, one line per table row (a coefficient's t statistic on the
 * line under it with an empty label), then the notes. UTF-8 with a byte-order mark so Excel shows Chinese labels.
 */
public final class CsvTableWriter implements TableWriter {
    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public byte[] render(ResultTable t) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        line(sb, List.of(t.title()));
        line(sb, prepend(t.stub(), t.columns()));
        for (ResultTable.Row r : t.header()) line(sb, prepend(r.label(), r.cells()));
        for (ResultTable.Row r : t.rows()) line(sb, prepend(r.label(), r.cells()));
        for (String n : t.notes()) line(sb, List.of(n));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** RFC 4180: quote fields holding a comma, quote, or line break; double embedded quotes. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
