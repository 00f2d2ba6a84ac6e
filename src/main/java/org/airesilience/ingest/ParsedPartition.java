package org.airesilience.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What parsing one partition of the raw files gave: records by source and status, the quarantined and the excluded
 * records, the accepted records ({@link CuratedRecords}) and, for each accepted record, what decides whether it is
 * the copy of its application that is kept ({@link Duplicates}); and per source, the lines read and the damage that
 * stopped its reading early.
 */
final class ParsedPartition implements Serializable {
    static final String ACCEPTED = "ACCEPTED";

    /** The partition's index in the parsed dataset. */
    int index;
    /** For a split of a TRS dump: its file, start and line breaks; source lines count from the split's start. */
    String splitFile;
    long splitStart;
    long splitLineBreaks;
    /** Records per source file and status ({@link #ACCEPTED}, a quarantine or an exclusion reason). */
    final Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
    /** Lines read per CSV, TSV or JSON source (header and blank lines included). */
    final Map<String, Long> linesBySource = new TreeMap<>();
    /** Sources whose reading stopped at damage: where and why. */
    final Map<String, org.airesilience.ingest.format.SourceFileException> damageBySource = new TreeMap<>();
    final List<Outcome> quarantined = new ArrayList<>();
    final List<Outcome> excluded = new ArrayList<>();
    final CuratedRecords records = new CuratedRecords();
    // What decides which copy of an application is kept, by ordinal (the record's position in records); the
    // application number as its ApplicationNumbers.key.
    long[] applicationKeys = new long[1024];
    int[] publicationDays = new int[1024];
    /** Index of the record's source file in {@code records.sources()}. */
    int[] sourceIndexes = new int[1024];
    long[] sourceLines = new long[1024];
    long[] sourceOffsets = new long[1024];

    private ParsedPartition() {
    }

    static ParsedPartition of(Iterator<Outcome> outcomes) {
        return of(outcomes, Map.of(), Map.of());
    }

    /** The outcomes; {@code lines} and {@code damage} are read once the outcomes are (their reader fills them). */
    static ParsedPartition of(Iterator<Outcome> outcomes, Map<String, Long> lines,
                              Map<String, org.airesilience.ingest.format.SourceFileException> damage) {
        ParsedPartition p = new ParsedPartition();
        while (outcomes.hasNext()) p.add(outcomes.next());
        p.records.seal();
        p.linesBySource.putAll(lines);
        p.damageBySource.putAll(damage);
        return p;
    }

    ParsedPartition at(int index) {
        this.index = index;
        return this;
    }

    ParsedPartition split(String file, long start, long lineBreaks) {
        splitFile = file;
        splitStart = start;
        splitLineBreaks = lineBreaks;
        return this;
    }

    /** What the driver needs of each partition before the later passes. */
    record Summary(int index, Map<String, Map<String, Long>> statusBySource, Map<String, Long> linesBySource,
                   Map<String, org.airesilience.ingest.format.SourceFileException> damageBySource, String splitFile,
                   long splitStart,
                   long splitLineBreaks) implements Serializable {
    }

    Summary summary() {
        return new Summary(index, statusBySource, linesBySource, damageBySource, splitFile, splitStart, splitLineBreaks);
    }

    /**
     * For each partition (by index), the lines of its file before it: for a TRS split, the line breaks of the
     * file's earlier splits; 0 for a whole file. A record's line in its file is this plus its line in the partition.
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
