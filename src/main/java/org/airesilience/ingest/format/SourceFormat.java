package org.airesilience.ingest.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The raw file formats; chosen from the file extension (after .gz/.bz2), else from the first bytes. */
public enum SourceFormat {
    CSV, TSV, JSONL, TRS;

    /** File name without a compression extension. */
    public static String withoutCompression(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[]{".gz", ".bz2", ".gzip", ".bzip2"}) {
            if (lower.endsWith(ext)) return name.substring(0, name.length() - ext.length());
        }
        return name;
    }

    /** The format named by the extension, or null. */
    public static SourceFormat fromExtension(String fileName) {
        String n = withoutCompression(fileName).toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) return CSV;
        if (n.endsWith(".tsv") || n.endsWith(".tab")) return TSV;
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) return JSONL;
        if (n.endsWith(".trs")) return TRS;
        return null;
    }

    /** Sniffs the decompressed head of a file: {@code <REC>} lines, a JSON object, tabs or commas in the first line. */
    public static SourceFormat sniff(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("\u00EF\u00BB\u00BF")) trimmed = trimmed.substring(3).stripLeading();
        if (trimmed.startsWith("<REC>") || text.contains("\n<REC>")) return TRS;
        if (trimmed.startsWith("{")) return JSONL;
        int eol = trimmed.indexOf('\n');
        String first = eol < 0 ? trimmed : trimmed.substring(0, eol);
        if (first.indexOf('\t') >= 0) return TSV;
        if (first.indexOf(',') >= 0) return CSV;
        return null;
    }
}
