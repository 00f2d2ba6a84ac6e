package org.airesilience.ingest.format;

import java.io.Serializable;

/**
 * A quarantine detail that names lines of its file ("unclosed quote (lines 12-14)"): {@code format} with a {@code {}}
 * for each of {@code lines}. The lines are counted as the reader counts them, from the start of what it read: a split
 * of a file does not know the lines before it until every split is read, so its details are written with those
 * lines added ({@link #text(long)}).
 */
public record LineDetail(String format, long... lines) implements Serializable {
    /** The detail with {@code linesBefore} added to each line it names. */
    public String text(long linesBefore) {
        StringBuilder b = new StringBuilder(format.length() + 12 * lines.length);
        int from = 0;
        for (long line : lines) {
            int hole = format.indexOf("{}", from);
            b.append(format, from, hole).append(line + linesBefore);
            from = hole + 2;
        }
        return b.append(format, from, format.length()).toString();
    }

    @Override
    public String toString() {
        return text(0);
    }
}
