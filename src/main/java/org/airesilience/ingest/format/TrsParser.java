package org.airesilience.ingest.format;

import org.airesilience.ingest.QuarantineReason;
import org.airesilience.text.Texts;

import java.nio.charset.Charset;

/**
 * Parses the text between two {@code <REC>} lines of a TRS text dump:
 * <pre>
 * &lt;申请号&gt;=CN201710117081.7
 * &lt;申请日&gt;=2017.03.01
 * &lt;摘要&gt;=本发明公开了……
 * </pre>
 * A line that does not start a field continues the previous field's value when that field is free text (title,
 * abstract, claims, or a field that is not mapped: abstracts and claims span lines).
 *
 * <p>Broken dumps: a field name that occurs again in a record starts a new record at that line (a {@code <REC>} line
 * is missing); the first record of the text keeps the line of its {@code <REC>}, a record started so gets the line of
 * its first field. Lines that are neither {@code <field>=value} nor a continuation (text before the first field,
 * text after a field that is not free text) are not glued to any field: they form one quarantined record
 * ({@code MALFORMED_RECORD}) at the line of the first of them, returned after the record they were found in.
 *
 * <p>One parser per thread: {@link #reset} with a text, then {@link #next} until it returns null.
 */
public final class TrsParser {
    private static final int MAX_NAME = 40;

    private final FieldMapping mapping;
    private final Charset charset;
    /** The name each kept field of the current record had, to tell a repeated field (reused from record to record). */
    private final String[] names = new String[Field.count()];
    private String text = "";
    private String sourceFile;
    private long line;
    private long offset;
    /** Where the next record starts in the text, and the line breaks before it. */
    private int position;
    private long linesBefore;
    private boolean first;
    /** Lines found to be neither field nor continuation, returned after their record. */
    private StringBuilder junk;
    private long junkLine;
    private long junkOffset;
    private int junkLines;

    public TrsParser(FieldMapping mapping, Charset charset) {
        this.mapping = mapping;
        this.charset = charset;
    }

    /**
     * @param text   the text after a {@code <REC>} delimiter, up to the next one
     * @param line   line of the {@code <REC>}
     * @param offset byte offset of the text in the file
     */
    public void reset(String text, String sourceFile, long line, long offset) {
        this.text = text;
        this.sourceFile = sourceFile;
        this.line = line;
        this.offset = offset;
        position = 0;
        linesBefore = 0;
        first = true;
        junk = null;
    }

    /** The next record of the text (a record, or its junk lines as a quarantined one), null when none is left. */
    public RawRecord next() {
        RawRecord r = record();
        if (r != null) return r;
        if (junk == null) return null;
        RawRecord j = RawRecord.failed(sourceFile, junkLine, junkOffset, junk.toString(), QuarantineReason.MALFORMED_RECORD,
                new LineDetail((junkLines == 1 ? "line {} is" : "lines from {} (" + junkLines + ") are")
                        + " neither <field>=value nor the continuation of a free-text field", junkLine));
        junk = null;
        return j;
    }

    /** The next record of fields, null when no field line is left. */
    private RawRecord record() {
        int end = text.length();
        String[] values = null;
        int recordStart = -1;
        int recordEnd = -1;
        long recordLines = 0;
        int kept = -1; // the field whose value continues on the next lines, -1 if it is not kept
        boolean freeText = false; // whether the current field's value may continue on the next lines
        StringBuilder continued = null;
        int from = position;
        long lines = linesBefore;
        for (; from < end; lines++) {
            int lf = text.indexOf('\n', from);
            int next = lf < 0 ? end : lf;
            int to = next > from && text.charAt(next - 1) == '\r' ? next - 1 : next;
            int equals = fieldEquals(text, from, to);
            if (equals >= 0) {
                int nameStart = text.indexOf('<', from) + 1;
                String name = text.substring(nameStart, text.indexOf('>', nameStart));
                Field f = mapping.field(name);
                if (recordStart >= 0 && f != null && name.equals(names[f.ordinal()])) break; // a new record starts
                if (continued != null) values[kept] = continued.toString();
                continued = null;
                if (recordStart < 0) {
                    recordStart = from;
                    recordLines = lines;
                    values = new String[Field.count()];
                    java.util.Arrays.fill(names, null);
                }
                // unknown fields and further fields of the same kind are read (so their continuation lines stay
                // with them) but not kept
                kept = f != null && values[f.ordinal()] == null ? f.ordinal() : -1;
                if (kept >= 0) {
                    values[kept] = Texts.strip(text, equals + 1, to);
                    names[kept] = name;
                }
                freeText = f == null || f == Field.TITLE || f == Field.ABSTRACT || f == Field.CLAIMS;
                recordEnd = to;
            } else {
                String part = Texts.strip(text, from, to);
                if (part.isEmpty()) {
                    // a blank line
                } else if (recordStart >= 0 && freeText) {
                    if (kept >= 0) {
                        if (continued == null) continued = new StringBuilder(values[kept]);
                        continued.append('\n').append(part);
                    }
                    recordEnd = to;
                } else {
                    junk(part, from, lines);
                }
            }
            from = next + 1;
        }
        position = from;
        linesBefore = lines;
        if (recordStart < 0) return null;
        if (continued != null) values[kept] = continued.toString();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].isEmpty()) values[i] = null; // an empty value still took its field
        }
        while (Character.isWhitespace(text.charAt(recordEnd - 1))) recordEnd--;
        int rawStart = recordStart;
        while (Character.isWhitespace(text.charAt(rawStart))) rawStart++;
        boolean firstOfText = first;
        first = false;
        return RawRecord.of(sourceFile, firstOfText ? line : line + recordLines,
                firstOfText ? offset : offsetOf(recordStart), values, text, rawStart, recordEnd);
    }

    private void junk(String part, int from, long lines) {
        if (junk == null) {
            junk = new StringBuilder();
            junkLine = line + lines;
            junkOffset = offsetOf(from);
            junkLines = 0;
        } else {
            junk.append('\n');
        }
        junk.append(part);
        junkLines++;
    }

    /** Byte offset in the file of a position in the text (rare: records after the first, junk). */
    private long offsetOf(int position) {
        return offset + text.substring(0, position).getBytes(charset).length;
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
