package org.airesilience.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded piece (a chunk) of what parsing one partition of the raw files gave: records by source and status, the
 * quarantined and the excluded records, the accepted records ({@link CuratedRecords}) and, for each accepted record,
 * what decides whether it is the copy of its application that is kept ({@link Duplicates}). A partition is read as
 * a stream of chunks of at most {@link #CHUNK_RECORDS} records, so that no object grows with a file or a partition:
 * Spark keeps them in memory or spills them to disk like any rows. The last chunk of a partition carries what the
 * read found beside its records ({@link Tail}).
 */
final class ParsedPartition implements Serializable {
    static final String ACCEPTED = "ACCEPTED";
    /** Records of any outcome in one chunk at most (a chunk of accepted records takes a few megabytes). */
    static final int CHUNK_RECORDS = 8192;
    /** Bytes of text (accepted records' and raw lines') in one chunk at most, for files of very long records. */
    static final long CHUNK_BYTES = 16L << 20;

    /** The partition's index in the parsed dataset. */
    int index;
    /** Ordinal, among its partition's accepted records, of the chunk's first accepted record. */
    int firstOrdinal;
    /** Accepted records at the chunk's start that do not count ({@link #cut}). */
    int dropped;
    /** Byte offset of the chunk's first record; {@link Long#MAX_VALUE} when it has none. */
    long firstOffset = Long.MAX_VALUE;
    /** On the last chunk of a partition: what its reading found; null on the others. */
    Tail tail;
    /** Records per source file and status ({@link #ACCEPTED}, a quarantine or an exclusion reason). */
    Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
    List<Outcome> quarantined = new ArrayList<>();
    List<Outcome> excluded = new ArrayList<>();
    CuratedRecords records = new CuratedRecords();
    // What decides which copy of an application is kept, by ordinal (the record's position in records); the
    // application number as its ApplicationNumbers.key.
    long[] applicationKeys = new long[1024];
    int[] publicationDays = new int[1024];
    /** Index of the record's source file in {@code records.sources()}. */
    int[] sourceIndexes = new int[1024];
    long[] sourceLines = new long[1024];
    long[] sourceOffsets = new long[1024];
    /** Characters of the quarantined and excluded records' raw texts. */
    private transient long textBytes;

    /**
     * What reading a partition found beside its records: per source the lines read (CSV, TSV and JSON) and the
     * damage that stopped its reading early; for a split (of a TRS dump or a line source) its file, start and line
     * breaks (source lines count from the split's start); for a split of a line source, what {@link LineSplits}
     * needs.
     */
    static final class Tail implements Serializable {
        final Map<String, Long> linesBySource = new TreeMap<>();
        final Map<String, org.airesilience.ingest.format.SourceFileException> damageBySource = new TreeMap<>();
        String splitFile;
        long splitStart;
        long splitLineBreaks;
        LineSplits.Result lineSplit;
    }

    private ParsedPartition() {
    }

    /** All the outcomes in one chunk (small inputs, tests). */
    static ParsedPartition of(Iterator<Outcome> outcomes) {
        ParsedPartition p = new ParsedPartition();
        while (outcomes.hasNext()) p.add(outcomes.next());
        p.records.seal();
        p.tail = new Tail();
        return p;
    }

    /**
     * The outcomes in chunks, read as the chunks are; {@code finish} fills the last chunk's tail once the outcomes
     * are read (their reader knows the lines and the damage then).
     */
    static Iterator<ParsedPartition> chunks(Iterator<Outcome> outcomes, java.util.function.Consumer<Tail> finish) {
        return new Iterator<>() {
            private boolean ended;
            private int ordinals;

            @Override
            public boolean hasNext() {
                return !ended;
            }

            @Override
            public ParsedPartition next() {
                if (ended) throw new java.util.NoSuchElementException();
                ParsedPartition p = new ParsedPartition();
                p.firstOrdinal = ordinals;
                int n = 0;
                while (n < CHUNK_RECORDS && p.textBytes + p.records.byteSize() < CHUNK_BYTES && outcomes.hasNext()) {
                    p.add(outcomes.next());
                    n++;
                }
                p.records.seal();
                ordinals += p.records.size();
                if (!outcomes.hasNext()) {
                    ended = true;
                    p.tail = new Tail();
                    finish.accept(p.tail);
                }
                return p;
            }
        };
    }

    ParsedPartition at(int index) {
        this.index = index;
        return this;
    }

    /**
     * The chunk without its records before byte {@code offset} of their file (a split's records before its cut,
     * {@link LineSplits}); the chunk itself when it has none. Records are in file order, so those cut are the first.
     */
    ParsedPartition cut(long offset) {
        if (offset <= firstOffset) return this;
        ParsedPartition c = new ParsedPartition();
        c.index = index;
        c.firstOrdinal = firstOrdinal;
        c.firstOffset = offset;
        c.tail = tail;
        c.records = records;
        c.applicationKeys = applicationKeys;
        c.publicationDays = publicationDays;
        c.sourceIndexes = sourceIndexes;
        c.sourceLines = sourceLines;
        c.sourceOffsets = sourceOffsets;
        c.statusBySource = new TreeMap<>();
        addCounts(c.statusBySource, statusBySource);
        int d = 0;
        while (d < records.size() && sourceOffsets[d] < offset) d++;
        c.dropped = d;
        for (int i = 0; i < d; i++) count(c.statusBySource, records.sources().get(sourceIndexes[i]), ACCEPTED, -1);
        for (Outcome o : quarantined) {
            if (o.sourceOffset >= offset) c.quarantined.add(o);
            else count(c.statusBySource, o.sourceFile, o.reason.name(), -1);
        }
        for (Outcome o : excluded) {
            if (o.sourceOffset >= offset) c.excluded.add(o);
            else count(c.statusBySource, o.sourceFile, o.exclusion.name(), -1);
        }
        return c;
    }

    private static void count(Map<String, Map<String, Long>> counts, String source, String status, long n) {
        Map<String, Long> m = counts.computeIfAbsent(source, k -> new TreeMap<>());
        long v = m.getOrDefault(status, 0L) + n;
        if (v == 0) m.remove(status);
        else m.put(status, v);
        if (m.isEmpty()) counts.remove(source);
    }

    /** What the driver needs of each partition before the later passes. */
    record Summary(int index, Map<String, Map<String, Long>> statusBySource, Map<String, Long> linesBySource,
                   Map<String, org.airesilience.ingest.format.SourceFileException> damageBySource, String splitFile,
                   long splitStart, long splitLineBreaks, LineSplits.Result lineSplit) implements Serializable {
        Summary(int index, Map<String, Map<String, Long>> statusBySource, Map<String, Long> linesBySource,
                Map<String, org.airesilience.ingest.format.SourceFileException> damageBySource, String splitFile,
                long splitStart, long splitLineBreaks) {
            this(index, statusBySource, linesBySource, damageBySource, splitFile, splitStart, splitLineBreaks, null);
        }
    }

    /** The chunks as they are read; their partition's summary goes to {@code done} once the last one is read. */
    static Iterator<ParsedPartition> summarizing(int index, Iterator<ParsedPartition> chunks,
                                                 java.util.function.Consumer<Summary> done) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        return new Iterator<>() {
            private Tail tail;
            private boolean summarized;

            @Override
            public boolean hasNext() {
                boolean more = chunks.hasNext();
                if (!more && !summarized) {
                    summarized = true;
                    Tail t = tail != null ? tail : new Tail();
                    done.accept(new Summary(index, counts, t.linesBySource, t.damageBySource, t.splitFile,
                            t.splitStart, t.splitLineBreaks, t.lineSplit));
                }
                return more;
            }

            @Override
            public ParsedPartition next() {
                ParsedPartition p = chunks.next();
                addCounts(counts, p.statusBySource);
                if (p.tail != null) tail = p.tail;
                return p;
            }
        };
    }

    /**
     * The summaries of partitions {@code 0 .. partitions - 1} in order, from what their tasks reported (a task run
     * again reports again).
     */
    static List<Summary> byIndex(List<Summary> reported, int partitions) {
        Summary[] byIndex = new Summary[partitions];
        for (Summary s : reported) byIndex[s.index()] = s;
        for (int i = 0; i < partitions; i++) {
            if (byIndex[i] == null) throw new IllegalStateException("no summary of parsed partition " + i);
        }
        return List.of(byIndex);
    }

    /** Counts by source and status of a partition's records before byte {@code offset} (see {@link #cut}). */
    static Map<String, Map<String, Long>> countsBefore(Iterator<ParsedPartition> chunks, long offset) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        while (chunks.hasNext()) {
            ParsedPartition p = chunks.next();
            if (p.firstOffset >= offset) break; // this chunk and the later ones count whole
            addCounts(counts, p.statusBySource);
            p.cut(offset).statusBySource.forEach((source, m) -> m.forEach((status, n) -> count(counts, source, status, -n)));
        }
        return counts;
    }

    /** For each partition (by index), the records it read, of any outcome. */
    static long[] records(List<Summary> partitions) {
        long[] records = new long[partitions.size()];
        for (Summary p : partitions) {
            for (Map<String, Long> counts : p.statusBySource().values()) {
                for (long n : counts.values()) records[p.index()] += n;
            }
        }
        return records;
    }

    /**
     * For each partition (by index), the lines of its file before it: for a split (of a TRS dump or a line source),
     * the line breaks of the file's earlier splits; 0 for a whole file. A record's line in its file is this plus its
     * line in the partition.
     */
    static long[] linesBefore(List<Summary> partitions) {
        long[] before = new long[partitions.size()];
        Map<String, List<Summary>> splitsByFile = new TreeMap<>();
        for (Summary p : partitions) {
            if (p.splitFile() != null) splitsByFile.computeIfAbsent(p.splitFile(), f -> new ArrayList<>()).add(p);
        }
        for (List<Summary> splits : splitsByFile.values()) {
            splits.sort(java.util.Comparator.comparingLong(Summary::splitStart));
            long lines = 0;
            for (Summary p : splits) {
                before[p.index()] = lines;
                lines += p.splitLineBreaks();
            }
        }
        return before;
    }

    private void add(Outcome o) {
        if (firstOffset == Long.MAX_VALUE) firstOffset = o.sourceOffset;
        if (o.raw != null) textBytes += o.raw.length();
        String status = o.reason != null ? o.reason.name() : o.exclusion != null ? o.exclusion.name() : ACCEPTED;
        statusBySource.computeIfAbsent(o.sourceFile, k -> new TreeMap<>()).merge(status, 1L, Long::sum);
        if (o.reason != null) {
            quarantined.add(o);
            return;
        }
        if (o.exclusion != null) {
            excluded.add(o);
            return;
        }
        int i = records.size();
        if (i == applicationKeys.length) grow();
        applicationKeys[i] = ApplicationNumbers.key(o.applicationNumber);
        publicationDays[i] = o.publicationDate == null ? Duplicates.NO_PUBLICATION : (int) o.publicationDate.toEpochDay();
        sourceLines[i] = o.sourceLine;
        sourceOffsets[i] = o.sourceOffset;
        sourceIndexes[i] = records.add(o);
    }

    private void grow() {
        int n = applicationKeys.length * 2;
        applicationKeys = Arrays.copyOf(applicationKeys, n);
        publicationDays = Arrays.copyOf(publicationDays, n);
        sourceIndexes = Arrays.copyOf(sourceIndexes, n);
        sourceLines = Arrays.copyOf(sourceLines, n);
        sourceOffsets = Arrays.copyOf(sourceOffsets, n);
    }

    /** Sums record counts by source and status into {@code into}. */
    static void addCounts(Map<String, Map<String, Long>> into, Map<String, Map<String, Long>> other) {
        other.forEach((source, counts) -> add(into.computeIfAbsent(source, k -> new TreeMap<>()), counts));
    }

    /** Sums counts by key into {@code into}; returns it. */
    static Map<String, Long> add(Map<String, Long> into, Map<String, Long> other) {
        other.forEach((key, n) -> into.merge(key, n, Long::sum));
        return into;
    }
}
