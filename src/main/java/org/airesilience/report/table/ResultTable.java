package org.airesilience.report.table;

import java.util.List;
import java.util.Map;

/**
 * A finished table as a paper prints it: a stub column of row labels, one column per entry of {@code columns},
 * header rows, body rows in sections (a rule is drawn where the section changes), and notes underneath. Cells are
 * already formatted text, so every writer renders the same numbers.
 *
 * @param id      file name of the table (e.g. table3)
 * @param title   caption
 * @param stub    heading of the label column (e.g. 变量)
 * @param columns column headings
 * @param header  extra header rows under the column headings (e.g. the dependent variable)
 * @param rows    body rows
 * @param notes   footnotes, one paragraph each
 * @param models  the models behind the table, each with its label and the full JSON its command wrote
 */
public record ResultTable(String id, String title, String stub, List<String> columns, List<Row> header,
                          List<Row> rows, List<String> notes, List<Model> models) {
    public ResultTable {
        columns = List.copyOf(columns);
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        models = List.copyOf(models);
        for (Row r : header) check(r, columns.size());
        for (Row r : rows) check(r, columns.size());
    }

    private static void check(Row r, int n) {
        if (r.cells().size() != n) {
            throw new IllegalArgumentException("row '" + r.label() + "' has " + r.cells().size() + " cells for " + n + " columns");
        }
    }

    /**
     * One row. {@code section} groups rows between rules: coefficients, then statistics (controls, effects, N, R²,
     * tests), as booktabs tables separate them.
     */
    public record Row(String label, List<String> cells, String section) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** A model of the table: its label and the JSON its command wrote. */
    public record Model(String label, Map<String, Object> json) {
    }

    /** Every row of the body whose section differs from the previous row's starts a new ruled block. */
    public boolean ruleBefore(int row) {
        return row > 0 && !rows.get(row).section().equals(rows.get(row - 1).section());
    }
}
