package org.airesilience.ingest.format;

import org.airesilience.ingest.QuarantineReason;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as read from a source, before normalisation: a raw value per canonical field, or the reason it could
 * not be read. The record's text is kept as read; {@link #raw()} copies out the part the quarantine shows only when
 * asked, as only quarantined records need it.
 */
public final class RawRecord implements Serializable {
    private static final String[] NO_VALUES = new String[Field.count()];

    private final String sourceFile;
    private final long line;
    private final long offset;
    /** Value per {@link Field#ordinal()}, null when absent. */
    private final String[] values;
    private final String text;
    private final int rawStart;
    private final int rawEnd;
    private final QuarantineReason failure;
    /** Why the record could not be read: text, or null when {@link #lineDetail} names lines. */
    private final String detail;
    /** The detail when it names lines, else null. */
    private final LineDetail lineDetail;

    private RawRecord(String sourceFile, long line, long offset, String[] values, String text, int rawStart, int rawEnd,
                      QuarantineReason failure, String detail, LineDetail lineDetail) {
        this.sourceFile = sourceFile;
        this.line = line;
        this.offset = offset;
        this.values = values;
        this.text = text;
        this.rawStart = rawStart;
        this.rawEnd = rawEnd;
        this.failure = failure;
        this.detail = detail;
        this.lineDetail = lineDetail;
    }

    /**
     * @param sourceFile path relative to the raw directory
     * @param line       1-based line of the record's first line in the (decompressed) file
     * @param offset     byte offset of the record in the (decompressed) file
     * @param fields     canonical field name to raw value
     * @param raw        the record's text, for the quarantine
     */
    public static RawRecord of(String sourceFile, long line, long offset, Map<String, String> fields, String raw) {
        String[] values = new String[Field.count()];
        fields.forEach((name, value) -> {
            Field f = Field.byCanonicalName(name);
            if (f == null) throw new IllegalArgumentException("unknown field '" + name + "'");
            values[f.ordinal()] = value;
        });
        return of(sourceFile, line, offset, values, raw);
    }

    /** @param values value per {@link Field#ordinal()}, taken over (not copied) */
    static RawRecord of(String sourceFile, long line, long offset, String[] values, String raw) {
        return new RawRecord(sourceFile, line, offset, values, raw, 0, raw.length(), null, null, null);
    }

    /** A record whose raw text is {@code text} from {@code rawStart} to {@code rawEnd}. */
    static RawRecord of(String sourceFile, long line, long offset, String[] values, String text, int rawStart, int rawEnd) {
        return new RawRecord(sourceFile, line, offset, values, text, rawStart, rawEnd, null, null, null);
    }

    public static RawRecord failed(String sourceFile, long line, long offset, String raw, QuarantineReason reason, String detail) {
        return new RawRecord(sourceFile, line, offset, NO_VALUES, raw, 0, raw.length(), reason, detail, null);
    }

    /** A record that could not be read, with a detail that names lines of the file. */
    public static RawRecord failed(String sourceFile, long line, long offset, String raw, QuarantineReason reason,
                                   LineDetail detail) {
        return new RawRecord(sourceFile, line, offset, NO_VALUES, raw, 0, raw.length(), reason, null, detail);
    }

    public String sourceFile() {
        return sourceFile;
    }

    public long line() {
        return line;
    }

    public long offset() {
        return offset;
    }

    /** The record's text, for the quarantine. */
    public String raw() {
        return text.substring(rawStart, rawEnd);
    }

    public QuarantineReason failure() {
        return failure;
    }

    /** Why the record could not be read, lines as the reader counts them. */
    public String detail() {
        return lineDetail != null ? lineDetail.text(0) : detail;
    }

    /** The detail when it names lines (a split's details are shifted once the lines before it are known), else null. */
    public LineDetail lineDetail() {
        return lineDetail;
    }

    public boolean ok() {
        return failure == null;
    }

    public String field(Field f) {
        return values[f.ordinal()];
    }

    /** The value of the field with this canonical name, null when absent or not a field. */
    public String field(String name) {
        Field f = Field.byCanonicalName(name);
        return f == null ? null : values[f.ordinal()];
    }

    /** Canonical field name to value, for the fields present. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            if (values[f.ordinal()] != null) m.put(f.canonicalName(), values[f.ordinal()]);
        }
        return m;
    }
}
