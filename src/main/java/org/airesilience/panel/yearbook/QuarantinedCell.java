package org.airesilience.panel.yearbook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cell that did not reach the panel.
 *
 * @param file   path relative to {@code <lake>/raw/yearbooks/}
 * @param sheet  the sheet of an .xlsx file, null for CSV
 * @param row    line of a CSV file or row of a sheet, from 1
 * @param column the header of the cell's column
 * @param raw    the cell's text as written
 */
public record QuarantinedCell(String file, String sheet, int row, String column, QuarantineReason reason, String raw,
                              String detail) {
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("sheet", sheet);
        m.put("row", row);
        m.put("column", column);
        m.put("reason", reason.name());
        m.put("raw", raw);
        m.put("detail", detail);
        return m;
    }

    /** file[:sheet]:row:column, as errors name cells. */
    public String location() {
        return file + (sheet == null ? "" : "[" + sheet + "]") + ":" + row + ":" + column;
    }
}
