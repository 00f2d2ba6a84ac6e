package org.airesilience.ingest.format;

import org.airesilience.ingest.QuarantineReason;

import java.io.Serializable;
import java.util.Map;

/**
 * One record as read from a source, before normalisation: canonical field name to raw value, or the reason it could
 * not be read.
 *
 * @param sourceFile path relative to the raw directory
 * @param line       1-based line of the record's first line in the (decompressed) file
 * @param offset     byte offset of the record in the (decompressed) file
 * @param raw        the record's text, for the quarantine
 */
public record RawRecord(String sourceFile, long line, long offset, Map<String, String> fields, String raw,
                        QuarantineReason failure, String detail) implements Serializable {

    public static RawRecord of(String sourceFile, long line, long offset, Map<String, String> fields, String raw) {
        return new RawRecord(sourceFile, line, offset, fields, raw, null, null);
    }

    public static RawRecord failed(String sourceFile, long line, long offset, String raw, QuarantineReason reason, String detail) {
        return new RawRecord(sourceFile, line, offset, Map.of(), raw, reason, detail);
    }

    public boolean ok() {
        return failure == null;
    }

    public String field(String name) {
        return fields.get(name);
    }
}
