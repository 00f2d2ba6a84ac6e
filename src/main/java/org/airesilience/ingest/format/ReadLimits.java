package org.airesilience.ingest.format;

import java.io.Serializable;

/**
 * How far a reader follows a source before calling it broken.
 *
 * @param maxQuotedLines lines a quoted CSV/TSV field may run over (airesilience.ingest.max-quoted-lines)
 * @param maxLineBytes   bytes of one line (airesilience.ingest.max-line-bytes)
 */
public record ReadLimits(int maxQuotedLines, long maxLineBytes) implements Serializable {
    /** The defaults of reference.conf. */
    public static final ReadLimits DEFAULT = new ReadLimits(100, 8L << 20);

    public ReadLimits {
        if (maxQuotedLines < 1) throw new IllegalArgumentException("airesilience.ingest.max-quoted-lines must be at least 1");
        if (maxLineBytes < 1) throw new IllegalArgumentException("airesilience.ingest.max-line-bytes must be at least 1");
    }
}
