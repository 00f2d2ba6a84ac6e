package org.airesilience.ingest.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV and TSV records. A field that starts with a double quote runs to the matching closing quote (a doubled
 * quote inside stands for one) and may contain separators and line breaks; quotes elsewhere are plain characters.
 */
public final class DelimitedParser {
    private DelimitedParser() {
    }

    /** Fields of one complete record, or null when a quoted field is still open at the end of the text. */
    public static List<String> split(String record, char separator) {
        List<String> fields = new ArrayList<>();
        int n = record.length();
        if (n > 0 && record.charAt(n - 1) == '\r') n--; // a CR ending the record is not part of the last field
        int i = 0;
        while (true) {
            String value;
            if (i < n && record.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                int j = i + 1;
                while (true) {
                    int q = record.indexOf('"', j);
                    if (q < 0 || q >= n) return null;
                    field.append(record, j, q);
                    if (q + 1 < n && record.charAt(q + 1) == '"') {
                        field.append('"');
                        j = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
                int end = fieldEnd(record, i, n, separator);
                value = field.append(record, i, end).toString();
                i = end;
            } else {
                int end = fieldEnd(record, i, n, separator);
                value = record.substring(i, end);
                i = end;
            }
            fields.add(value);
            if (i >= n) return fields;
            i++; // the separator
        }
    }

    /**
     * Field {@code index} of a line, when the fields up to it are complete within the line (an open quote in a later
     * field does not matter); null otherwise. For recognising the line that starts a record.
     */
    public static String field(String line, char separator, int index) {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') n--;
        int i = 0;
        for (int k = 0; ; k++) {
            int start = i;
            boolean quoted = i < n && line.charAt(i) == '"';
            if (quoted) {
                int j = i + 1;
                while (true) {
                    int q = line.indexOf('"', j);
                    if (q < 0 || q >= n) return null;
                    if (q + 1 < n && line.charAt(q + 1) == '"') {
                        j = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
            }
            int end = fieldEnd(line, i, n, separator);
            if (k == index) {
                return quoted ? line.substring(start + 1, i - 1).replace("\"\"", "\"") + line.substring(i, end)
                        : line.substring(start, end);
            }
            if (end >= n) return null;
            i = end + 1;
        }
    }

    private static int fieldEnd(String record, int from, int n, char separator) {
        int end = record.indexOf(separator, from);
        return end < 0 || end > n ? n : end;
    }
}
