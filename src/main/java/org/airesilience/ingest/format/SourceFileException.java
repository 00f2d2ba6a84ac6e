package org.airesilience.ingest.format;

/**
 * A raw file that cannot be read (further): too long a line, an unrecognised header, a truncated or corrupt
 * compressed stream. The message names the file, the line where reading stopped (0 when before the first) and why.
 */
public final class SourceFileException extends RuntimeException {
    private final String sourceFile;
    private final long line;
    private final String reason;

    public SourceFileException(String sourceFile, long line, String reason) {
        super(sourceFile + (line > 0 ? " line " + line : "") + ": " + reason);
        this.sourceFile = sourceFile;
        this.line = line;
        this.reason = reason;
    }

    public String sourceFile() {
        return sourceFile;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }

    /** Where and why, without the file name: "line 12: cannot read (Unexpected end of ZLIB input stream)". */
    public String damage() {
        return (line > 0 ? "line " + line + ": " : "") + reason;
    }

    /** "cannot read (EOFException: ...)" for an I/O error while decompressing or reading. */
    public static String cannotRead(Throwable e) {
        String m = e.getMessage();
        return "cannot read (" + e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m) + ")";
    }
}
