package org.airesilience.ingest;

import org.airesilience.ingest.format.FieldMapping;
import org.airesilience.ingest.format.LineSourceReader;
import org.airesilience.ingest.format.RawRecord;
import org.airesilience.ingest.format.ReadLimits;
import org.airesilience.ingest.format.SourceFileException;
import org.airesilience.ingest.format.SourceFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Splits of CSV, TSV and JSON Lines files, so that a large file is read by many tasks, with the records, line numbers
 * and damage of one sequential read.
 *
 * <p>A file is cut into byte ranges of {@code airesilience.ingest.split-size}; compressed files, JSON files holding
 * one array and charsets whose line breaks are not the byte {@code \n} are one split. Split {@code j} starts at the
 * first line start {@code s_j} in its range and reads on past its end. Where a split starts inside a quoted
 * multi-line CSV field, its first records are not the file's (a fragment read as a record); so the reader of split
 * {@code j - 1} (in step with the file, by induction from split 0) reads on past {@code s_j} while a second reader
 * replays what split {@code j} read from {@code s_j}, until both readers start a record at the same byte
 * {@code h_j}: from there on both read the same records (a reader's records depend only on where it starts between
 * records). Split {@code j - 1} keeps its records before {@code h_j}, split {@code j} those from {@code h_j} on
 * ({@link Result#syncOffset}, applied by {@link ParsedPartition#cut}). When the readers never meet within split
 * {@code j}'s range, split {@code j - 1} reads the rest of the file and the later splits are dropped: still exact,
 * only slower. A split counts lines from its range's start, and the line breaks in its range as it reads
 * ({@link Result#lineBreaks}); the lines before a split, those in the ranges before it, are added to its records'
 * lines, details and damage once every split is read.
 */
final class LineSplits {
    private LineSplits() {
    }

    /**
     * Byte range {@code [start, end)} of a file, the {@code index}-th of its {@code count} splits; {@code count = 1}
     * reads the whole file (also when compressed).
     */
    record Split(SourceFile source, int index, int count, long start, long end, long fileLength)
            implements Serializable {
        boolean last() {
            return index == count - 1;
        }

        /** The split after this one, for finding where its records start. */
        Split following() {
            long size = end - start;
            return new Split(source, index + 1, count, end, Math.min(fileLength, end + size), fileLength);
        }
    }

    /** What a split's read found beside its records. */
    static final class Result implements Serializable {
        /**
         * The lines from the split's start up to where its read ended (to the file's end when it read the file's
         * rest).
         */
        long linesRead;
        /** Line breaks in the split's range: the lines of the file before the next split, less those before it. */
        long lineBreaks;
        /** Where the next split's records start to count ({@code h} above); -1 when this split read the file's rest. */
        long syncOffset = -1;
        /** The damage that stopped the read, or null. */
        SourceFileException damage;
    }

    /** The splits of the CSV, TSV and JSON Lines files, in order; files smaller than {@code splitSize} are one. */
    static List<Split> plan(List<SourceFile> sources, long splitSize, Configuration hadoop) {
        List<Split> splits = new ArrayList<>();
        CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
        for (SourceFile s : sources) {
            Path path = new Path(s.uri());
            long length = -1;
            if (s.format() != null && codecs.getCodec(path) == null && lineBreakIsByte(s.charset())) {
                try {
                    FileSystem fs = path.getFileSystem(hadoop);
                    length = fs.getFileStatus(path).getLen();
                    if (s.format() == SourceFormat.JSONL && length > splitSize && startsArray(fs, path)) length = -1;
                } catch (IOException e) {
                    length = -1; // read whole: the reader reports what it cannot read
                }
            }
            int count = length > splitSize ? (int) Math.min(Integer.MAX_VALUE, (length + splitSize - 1) / splitSize) : 1;
            for (int i = 0; i < count; i++) {
                splits.add(new Split(s, i, count, i * splitSize, count == 1 ? Long.MAX_VALUE
                        : Math.min(length, (i + 1) * splitSize), length));
            }
        }
        return splits;
    }

    /** Charsets in which byte 0x0A is always a line break and never part of a character. */
    private static boolean lineBreakIsByte(String charset) {
        String c = charset.toUpperCase(java.util.Locale.ROOT);
        return c.equals("UTF-8") || c.equals("GBK") || c.equals("GB18030") || c.equals("US-ASCII")
                || c.equals("ISO-8859-1") || c.equals("GB2312");
    }

    /** Whether a JSON file's first non-blank character (after a byte-order mark) opens an array. */
    private static boolean startsArray(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            byte[] b = new byte[4096];
            int n;
            boolean first = true;
            while ((n = in.read(b)) > 0) {
                int i = first && n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
                first = false;
                for (; i < n; i++) {
                    if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') return b[i] == '[';
                }
            }
            return false;
        }
    }

    /**
     * The records of a split (see the class comment); {@code result} is complete once they are read. A damaged file
     * ends the records and sets {@code result.damage}; it never throws.
     */
    static Iterator<RawRecord> read(Split split, FieldMapping mapping, Configuration hadoop, ReadLimits limits,
                                    InputStream wholeFile, Result result) {
        String name = split.source().name();
        LineSourceReader own;
        if (split.count() == 1) {
            own = new LineSourceReader(wholeFile, name, split.source().format(), Charset.forName(split.source().charset()),
                    mapping, limits);
        } else {
            own = reader(split, mapping, hadoop, limits);
            own.countLineBreaksBefore(split.end());
            if (!split.last()) {
                Split next = split.following();
                long nextStart = lineStart(next, hadoop);
                if (nextStart >= 0) return new Syncing(own, next, nextStart, mapping, hadoop, limits, result);
            }
        }
        return new Syncing(own, null, -1, mapping, hadoop, limits, result);
    }

    /**
     * The reader of a split from its first line start on, as split {@code j} reads it (an empty reader when the
     * split holds no line start or lies within the header), lines counted from the split's start.
     */
    private static LineSourceReader reader(Split split, FieldMapping mapping, Configuration hadoop, ReadLimits limits) {
        SourceFile s = split.source();
        Charset charset = Charset.forName(s.charset());
        try {
            if (split.index() == 0) {
                return new LineSourceReader(open(s, hadoop, 0), s.name(), s.format(), charset, mapping, limits);
            }
            long start = lineStart(split, hadoop);
            LineSourceReader header = new LineSourceReader(open(s, hadoop, 0), s.name(), s.format(), charset, mapping,
                    limits);
            boolean readable;
            try {
                readable = header.readHeader() && start >= 0 && header.position() <= start;
            } catch (SourceFileException e) {
                readable = false; // split 0 reports it, and nothing after it counts
            } finally {
                header.close();
            }
            InputStream in = readable ? open(s, hadoop, start) : InputStream.nullInputStream();
            // the line break before the first line start is the range's first byte or lies in the range
            return header.continueAt(in, Math.max(start, 0), start > split.start() ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + s.uri(), e);
        }
    }

    /** The first line start within the split's range, -1 when it holds none (0 for the first split). */
    static long lineStart(Split split, Configuration hadoop) {
        if (split.index() == 0) return 0;
        try (FSDataInputStream in = open(split.source(), hadoop, split.start() - 1)) {
            byte[] b = new byte[1 << 16];
            long at = split.start() - 1;
            int n;
            while (at < split.end() && (n = in.read(b)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\n') return at + i + 1 < split.end() ? at + i + 1 : -1;
                }
                at += n;
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + split.source().uri(), e);
        }
    }

    private static FSDataInputStream open(SourceFile s, Configuration hadoop, long at) throws IOException {
        Path p = new Path(s.uri());
        FSDataInputStream in = p.getFileSystem(hadoop).open(p);
        if (at > 0) in.seek(at);
        return in;
    }

    /**
     * The split's own records, then, past the next split's start, its records up to where the next split's reader
     * meets it (see the class comment).
     */
    private static final class Syncing implements Iterator<RawRecord> {
        private final LineSourceReader own;
        private final Split next;
        private final long nextStart;
        private final FieldMapping mapping;
        private final Configuration hadoop;
        private final ReadLimits limits;
        private final Result result;
        /** The next split's reader, replayed; opened at the first own record past {@link #nextStart}. */
        private LineSourceReader replay;
        private RawRecord replayed;
        /** Whether the split reads the rest of the file (the readers did not meet within the next split). */
        private boolean rest;
        private boolean done;
        private RawRecord pending;

        Syncing(LineSourceReader own, Split next, long nextStart, FieldMapping mapping, Configuration hadoop,
                ReadLimits limits, Result result) {
            this.own = own;
            this.next = next;
            this.nextStart = nextStart;
            this.mapping = mapping;
            this.hadoop = hadoop;
            this.limits = limits;
            this.result = result;
            this.rest = next == null;
        }

        @Override
        public boolean hasNext() {
            if (pending != null) return true;
            if (done) return false;
            RawRecord r = ownNext();
            if (r == null) return finish();
            if (!rest && r.offset() >= nextStart) {
                if (r.offset() >= next.end()) {
                    rest = true; // not met within the next split: this split reads the file's rest
                } else if (meets(r.offset())) {
                    result.syncOffset = r.offset();
                    return finish();
                }
            }
            pending = r;
            return true;
        }

        @Override
        public RawRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            RawRecord r = pending;
            pending = null;
            return r;
        }

        /** Whether the next split's reader starts a record at {@code offset}; advances it up to there. */
        private boolean meets(long offset) {
            try {
                if (replay == null) replay = reader(next, mapping, hadoop, limits);
                while (replayed == null || replayed.offset() < offset) {
                    if (!replay.hasNext()) {
                        rest = true;
                        return false;
                    }
                    replayed = replay.next();
                }
            } catch (SourceFileException e) {
                rest = true; // the next split stops there too: its records are dropped, this split reads on
                return false;
            }
            return replayed.offset() == offset;
        }

        private RawRecord ownNext() {
            try {
                return own.hasNext() ? own.next() : null;
            } catch (SourceFileException e) {
                result.damage = e;
                return null;
            }
        }

        private boolean finish() {
            done = true;
            result.linesRead = own.lines();
            result.lineBreaks = own.lineBreaksBefore();
            close(own);
            if (replay != null) close(replay);
            return false;
        }

        private static void close(LineSourceReader r) {
            try {
                r.close();
            } catch (IOException e) {
                // nothing more is read from it
            }
        }
    }

    /**
     * For each split of the line sources (in {@link #plan} order, all splits of a file together): the offset from
     * which its records count; {@link Long#MAX_VALUE} when none do (an earlier split read the file's rest or stopped
     * at damage).
     */
    static long[] cuts(List<Split> splits, List<Result> results) {
        long[] cut = new long[splits.size()];
        boolean open = false;
        for (int i = 0; i < splits.size(); i++) {
            Split s = splits.get(i);
            if (s.index() == 0) {
                cut[i] = 0;
                open = true;
            } else {
                cut[i] = open ? results.get(i - 1).syncOffset : Long.MAX_VALUE;
            }
            Result r = results.get(i);
            if (open && !s.last() && (r.damage != null || r.syncOffset < 0)) open = false;
        }
        return cut;
    }
}
