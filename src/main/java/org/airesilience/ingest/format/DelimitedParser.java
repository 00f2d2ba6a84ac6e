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
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = record.length();
        boolean atFieldStart = true;
        while (i < n) {
            char c = record.charAt(i);
            if (atFieldStart && c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= n) return null;
                    char q = record.charAt(j);
                    if (q == '"') {
                        if (j + 1 < n && record.charAt(j + 1) == '"') {
                            field.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    field.append(q);
                    j++;
                }
                i = j + 1;
                atFieldStart = false;
                continue;
            }
            if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c != '\r' || i != n - 1) {
                field.append(c);
                atFieldStart = false;
            }
            i++;
        }
        fields.add(field.toString());
        return fields;
    }
}
