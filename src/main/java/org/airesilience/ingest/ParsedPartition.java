package org.airesilience.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What parsing one partition of the raw files gave: records by source and status, the quarantined records, the
 * accepted records ({@link CuratedRecords}) and, for each accepted record, what decides whether it is the copy of its
 * application that is kept ({@link Duplicates}).
 */
final class ParsedPartition implements Serializable {
    static final String ACCEPTED = "ACCEPTED";

    final int index;
    /** Records per source file and status ({@link #ACCEPTED} or a quarantine reason). */
    final Map<String, Map<String, Long>> statusBySource = new TreeMap<>();
    final List<Outcome> quarantined = new ArrayList<>();
    final CuratedRecords records = new CuratedRecords();
    /** The keys of the accepted records, by ordinal (their position in {@link #records}). */
    /** {@link ApplicationNumbers#key} of the application numbers. */
    long[] applicationKeys = new long[1024];
    int[] publicationDays = new int[1024];
    String[] sourceFiles = new String[1024];
    long[] sourceLines = new long[1024];
    long[] sourceOffsets = new long[1024];

    private ParsedPartition(int index) {
        this.index = index;
    }

    static ParsedPartition of(int index, Iterator<Outcome> outcomes) {
        ParsedPartition p = new ParsedPartition(index);
        while (outcomes.hasNext()) p.add(outcomes.next());
        p.records.seal();
        return p;
    }

    private void add(Outcome o) {
        statusBySource.computeIfAbsent(o.sourceFile, k -> new TreeMap<>())
                .merge(o.accepted() ? ACCEPTED : o.reason.name(), 1L, Long::sum);
        if (!o.accepted()) {
            quarantined.add(o);
            return;
        }
        int i = records.size();
        if (i == applicationKeys.length) grow();
        applicationKeys[i] = ApplicationNumbers.key(o.applicationNumber);
        publicationDays[i] = o.publicationDate == null ? Duplicates.NO_PUBLICATION : (int) o.publicationDate.toEpochDay();
        sourceFiles[i] = o.sourceFile;
        sourceLines[i] = o.sourceLine;
        sourceOffsets[i] = o.sourceOffset;
        records.add(o);
    }

    private void grow() {
        int n = applicationKeys.length * 2;
        applicationKeys = Arrays.copyOf(applicationKeys, n);
        publicationDays = Arrays.copyOf(publicationDays, n);
        sourceFiles = Arrays.copyOf(sourceFiles, n);
        sourceLines = Arrays.copyOf(sourceLines, n);
        sourceOffsets = Arrays.copyOf(sourceOffsets, n);
    }

    /** Sums record counts by source and status. */
    static Map<String, Map<String, Long>> merge(Map<String, Map<String, Long>> into, Map<String, Map<String, Long>> other) {
        other.forEach((source, counts) -> {
            Map<String, Long> mine = into.computeIfAbsent(source, k -> new TreeMap<>());
            counts.forEach((status, n) -> mine.merge(status, n, Long::sum));
        });
        return into;
    }
}
