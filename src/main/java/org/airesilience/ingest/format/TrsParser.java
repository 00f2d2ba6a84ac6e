package org.airesilience.ingest.format;

import org.airesilience.ingest.QuarantineReason;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one record of a TRS text dump, the text between two {@code <REC>} lines:
 * <pre>
 * &lt;申请号&gt;=CN201710117081.7
 * &lt;申请日&gt;=2017.03.01
 * &lt;摘要&gt;=本发明公开了……
 * </pre>
 * A line that does not start a field continues the previous field's value (abstracts and claims span lines).
 */
public final class TrsParser {
    private static final Pattern FIELD = Pattern.compile("^\\s*<([^<>=\\r\\n]{1,40})>\\s*=(.*)$");
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");

    private TrsParser() {
    }

    /**
     * @param text the record text without the {@code <REC>} delimiter; blank text is no record (returns null)
     * @param line line of the first field line
     */
    public static RawRecord parse(String text, String sourceFile, long line, long offset, FieldMapping mapping) {
        if (text.isBlank()) return null;
        String raw = text.strip();
        StringBuilder[] values = new StringBuilder[Field.count()];
        StringBuilder current = null;
        for (String l : LINE_BREAK.split(raw, -1)) {
            Matcher m = FIELD.matcher(l);
            if (m.matches()) {
                Field f = mapping.field(m.group(1));
                current = new StringBuilder(m.group(2).strip());
                // unknown fields are read (so their continuation lines stay with them) but not kept
                if (f != null && values[f.ordinal()] == null) values[f.ordinal()] = current;
            } else if (current != null) {
                if (!l.isBlank()) current.append('\n').append(l.strip());
            } else if (!l.isBlank()) {
                return RawRecord.failed(sourceFile, line, offset, raw, QuarantineReason.MALFORMED_RECORD,
                        "text before the first <field>= line");
            }
        }
        if (current == null) {
            return RawRecord.failed(sourceFile, line, offset, raw, QuarantineReason.MALFORMED_RECORD, "no <field>= lines");
        }
        String[] fields = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !values[i].isEmpty()) fields[i] = values[i].toString();
        }
        return RawRecord.of(sourceFile, line, offset, fields, raw);
    }
}
