package org.airesilience.ingest.format;

import org.airesilience.ingest.QuarantineReason;
import org.airesilience.text.Texts;

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
    private static final int MAX_NAME = 40;

    private TrsParser() {
    }

    /**
     * @param text the record text without the {@code <REC>} delimiter; blank text is no record (returns null)
     * @param line line of the first field line
     */
    public static RawRecord parse(String text, String sourceFile, long line, long offset, FieldMapping mapping) {
        if (text.isBlank()) return null;
        // the record is the stripped text; lines are split on LF or CRLF
        int start = 0;
        int end = text.length();
        while (Character.isWhitespace(text.charAt(start))) start++;
        while (Character.isWhitespace(text.charAt(end - 1))) end--;
        String[] values = new String[Field.count()];
        boolean inField = false;
        int kept = -1; // the field whose value continues on the next lines, -1 if it is not kept
        StringBuilder continued = null;
        for (int from = start; from <= end; ) {
            int lf = text.indexOf('\n', from);
            int next = lf < 0 || lf > end ? end : lf;
            int to = next > from && text.charAt(next - 1) == '\r' ? next - 1 : next;
            int equals = fieldEquals(text, from, to);
            if (equals >= 0) {
                if (continued != null) values[kept] = continued.toString();
                continued = null;
                inField = true;
                int nameStart = text.indexOf('<', from) + 1;
                Field f = mapping.field(text.substring(nameStart, text.indexOf('>', nameStart)));
                // unknown and repeated fields are read (so their continuation lines stay with them) but not kept
                kept = f != null && values[f.ordinal()] == null ? f.ordinal() : -1;
                if (kept >= 0) values[kept] = Texts.strip(text, equals + 1, to);
            } else {
                String part = Texts.strip(text, from, to);
                if (!part.isEmpty()) {
                    if (!inField) {
                        return RawRecord.failed(sourceFile, line, offset, text.substring(start, end),
                                QuarantineReason.MALFORMED_RECORD, "text before the first <field>= line");
                    }
                    if (kept >= 0) {
                        if (continued == null) continued = new StringBuilder(values[kept]);
                        continued.append('\n').append(part);
                    }
                }
            }
            from = next + 1;
        }
        if (continued != null) values[kept] = continued.toString();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].isEmpty()) values[i] = null; // an empty value still took its field
        }
        return RawRecord.of(sourceFile, line, offset, values, text, start, end);
    }

    /**
     * Position of the {@code '='} of a field line, {@code \s*<name>\s*=value} with a name of 1 to 40 characters
     * other than {@code <>=} and line breaks and a value without line terminators, or -1 for any other line.
     */
    private static int fieldEquals(String s, int from, int to) {
        int i = skipSpaces(s, from, to);
        if (i >= to || s.charAt(i) != '<') return -1;
        int nameStart = ++i;
        while (i < to && i - nameStart < MAX_NAME && isNameChar(s.charAt(i))) i++;
        if (i == nameStart || i >= to || s.charAt(i) != '>') return -1;
        i = skipSpaces(s, i + 1, to);
        if (i >= to || s.charAt(i) != '=') return -1;
        for (int k = i + 1; k < to; k++) {
            if (isLineTerminator(s.charAt(k))) return -1; // the pattern's value was '.*', which stops at these
        }
        return i;
    }

    private static int skipSpaces(String s, int i, int to) {
        while (i < to && Texts.isAsciiSpace(s.charAt(i))) i++;
        return i;
    }

    private static boolean isNameChar(char c) {
        return c != '<' && c != '>' && c != '=' && c != '\r' && c != '\n';
    }

    /** What regex {@code .} does not match. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
