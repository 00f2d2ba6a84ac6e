package org.airesilience.ingest;

import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.airesilience.ingest.CuratedRecordsTest.accepted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The choice of the copy kept, across partitions and buckets, without Spark. */
class DuplicatesTest {
    /** Runs batches and resolve as {@link Duplicates#find} does, merging the duplicates found per partition. */
    static Map<Integer, Duplicates.Found> find(List<ParsedPartition> partitions, int buckets) {
        return find(partitions, buckets, new long[partitions.size()], new long[partitions.size()]);
    }

    /** As {@link #find(List, int)} with the lines before and the cut of each partition. */
    static Map<Integer, Duplicates.Found> find(List<ParsedPartition> partitions, int buckets, long[] linesBefore,
                                               long[] cuts) {
        Map<Integer, List<Tuple2<Integer, Duplicates.Batch>>> byBucket = new HashMap<>();
        for (ParsedPartition p : partitions) {
            Duplicates.batches(List.of(p).iterator(), buckets)
                    .forEachRemaining(b -> byBucket.computeIfAbsent(b._1(), k -> new ArrayList<>()).add(b));
        }
        Map<Integer, Duplicates.Found> found = new HashMap<>();
        for (List<Tuple2<Integer, Duplicates.Batch>> bucket : byBucket.values()) {
            Iterator<Tuple2<Integer, Duplicates.Found>> it = Duplicates.resolve(bucket.iterator(), linesBefore, cuts);
            it.forEachRemaining(t -> found.merge(t._1(), t._2(), Duplicates.Found::merge));
        }
        return found;
    }

    static ParsedPartition partition(int index, Outcome... outcomes) {
        return ParsedPartition.of(Arrays.asList(outcomes).iterator()).at(index);
    }

    @Test
    void earliestPublishedIsKeptThenSourceOrder() {
        for (int buckets : new int[]{1, 3, 8}) {
            ParsedPartition p0 = partition(0,
                    accepted("CN201710117081", "2018-01-01", "b.csv", 2),   // 0: later grant, a duplicate
                    accepted("CN201810000001", null, "b.csv", 3),           // 1: no date: loses to a dated copy
                    accepted("CN201810000002", "2018-05-05", "b.csv", 4),   // 2: kept (a.csv has the same date later)
                    accepted("CN85100462", "1986-01-01", "b.csv", 5));      // 3: kept, only copy
            ParsedPartition p1 = partition(1,
                    accepted("CN201710117081", "2017-07-14", "c.trs", 9),   // 0: kept, earliest publication
                    accepted("CN201810000001", "2019-01-01", "c.trs", 10),  // 1: kept
                    accepted("CN201810000002", "2018-05-05", "c.trs", 1),   // 2: same date, c.trs after b.csv
                    accepted("CN201810000003", null, "c.trs", 11),          // 3: no dates at all: first line kept
                    accepted("CN201810000003", null, "c.trs", 12));         // 4: duplicate
            Map<Integer, Duplicates.Found> found = find(List.of(p0, p1), buckets);
            assertArrayEquals(new int[]{0, 1}, found.get(0).sortedOrdinals(), "buckets " + buckets);
            assertArrayEquals(new int[]{2, 4}, found.get(1).sortedOrdinals(), "buckets " + buckets);
            assertEquals(Map.of("b.csv", 2L), found.get(0).bySource);
            assertEquals(Map.of("c.trs", 2L), found.get(1).bySource);
        }
    }

    @Test
    void sameFileTiesGoToTheFirstLineAndCopiesWithinAPartitionCount() {
        ParsedPartition p = partition(0,
                accepted("CN201710117081", null, "a.csv", 5),
                accepted("CN201710117081", null, "a.csv", 3),
                accepted("CN201710117081", null, "a.csv", 4));
        Map<Integer, Duplicates.Found> found = find(List.of(p), 2);
        assertArrayEquals(new int[]{0, 2}, found.get(0).sortedOrdinals());
        assertEquals(Map.of("a.csv", 2L), found.get(0).bySource);
    }

    @Test
    void eightAndTwelveDigitNumbersNeverShareAKey() {
        assertEquals(ApplicationNumbers.key("CN85100462"), ApplicationNumbers.key("CN85100462"));
        // the same digits, as an old and a new number
        assertEquals(false, ApplicationNumbers.key("CN85100462") == ApplicationNumbers.key("CN000085100462"));
        Map<Integer, Duplicates.Found> found = find(List.of(partition(0,
                accepted("CN85100462", null, "a.csv", 1), accepted("CN000085100462", null, "a.csv", 2))), 4);
        assertEquals(Map.of(), found);
    }

    @Test
    void linesBeforeEachTrsSplitAddUpTheEarlierSplitsOfItsFile() {
        List<ParsedPartition.Summary> parts = List.of(
                new ParsedPartition.Summary(0, Map.of(), Map.of(), Map.of(), null, 0, 0),
                new ParsedPartition.Summary(1, Map.of(), Map.of(), Map.of(), "/raw/b.trs", 512, 7),
                new ParsedPartition.Summary(2, Map.of(), Map.of(), Map.of(), "/raw/a.trs", 0, 5),
                new ParsedPartition.Summary(3, Map.of(), Map.of(), Map.of(), "/raw/b.trs", 0, 11),
                new ParsedPartition.Summary(4, Map.of(), Map.of(), Map.of(), "/raw/b.trs", 1024, 3));
        assertArrayEquals(new long[]{0, 11, 0, 0, 18}, ParsedPartition.linesBefore(parts));
    }

    @Test
    void splitLinesCountInTheChoiceOfCopy() {
        // the same application in two splits of one dump: the later split's line 1 is the file's line 101
        ParsedPartition first = partition(0, accepted("CN201710117081", null, "d.trs", 50));
        ParsedPartition second = partition(1, accepted("CN201710117081", null, "d.trs", 1));
        for (int buckets : new int[]{1, 4}) {
            Map<Integer, Duplicates.Found> found = find(List.of(first, second), buckets, new long[]{0, 100},
                    new long[]{0, 0});
            assertEquals(java.util.Set.of(1), found.keySet(), "buckets " + buckets);
            assertArrayEquals(new int[]{0}, found.get(1).sortedOrdinals());
        }
        // without the lines before it, the second split's line 1 would come first
        assertEquals(java.util.Set.of(0), find(List.of(first, second), 1).keySet());
    }

    @Test
    void recordsOfASplitBeforeItsCutAreLeftOut() {
        // split 1 starts reading at byte 650, where split 0 reads on until the two readers meet at byte 700 (the
        // cut): the record at 650 is read by both and is split 0's; a real copy later in split 1 still counts
        ParsedPartition first = partition(0, at(accepted("CN201710117081", null, "e.csv", 9), 600),
                at(accepted("CN201810000001", null, "e.csv", 10), 650));
        ParsedPartition second = partition(1, at(accepted("CN201810000001", null, "e.csv", 10), 650),
                at(accepted("CN201810000002", null, "e.csv", 11), 700),
                at(accepted("CN201710117081", null, "e.csv", 12), 800));
        for (int buckets : new int[]{1, 3}) {
            Map<Integer, Duplicates.Found> found = find(List.of(first, second), buckets, new long[]{0, 0},
                    new long[]{0, 700});
            assertEquals(java.util.Set.of(1), found.keySet(), "buckets " + buckets);
            assertArrayEquals(new int[]{2}, found.get(1).sortedOrdinals()); // line 12, a copy of line 9
            assertEquals(Map.of("e.csv", 1L), found.get(1).bySource);
        }
        // without the cut the record read twice would be a duplicate of itself
        assertArrayEquals(new int[]{0, 2}, find(List.of(first, second), 2).get(1).sortedOrdinals());
    }

    @Test
    void aPartitionOfManyChunksIsBatchedByBucketAcrossItsChunks() {
        // 20,000 records in three chunks (a.csv, then a.csv and b.csv, then b.csv), every number seen before from
        // record 7,000 on: all of those are duplicates of the first copy, in source order
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            outcomes.add(accepted(String.format("CN2017%08d", i % 7000), null, i < 10_000 ? "a.csv" : "b.csv", i + 1));
        }
        List<ParsedPartition> chunks = new ArrayList<>();
        ParsedPartition.chunks(outcomes.iterator(), tail -> { }).forEachRemaining(c -> chunks.add(c.at(0)));
        assertEquals(3, chunks.size());
        for (int buckets : new int[]{1, 5}) {
            Map<Integer, List<Tuple2<Integer, Duplicates.Batch>>> byBucket = new HashMap<>();
            int batches = 0;
            for (Iterator<Tuple2<Integer, Duplicates.Batch>> it = Duplicates.batches(chunks.iterator(), buckets);
                 it.hasNext(); batches++) {
                Tuple2<Integer, Duplicates.Batch> b = it.next();
                byBucket.computeIfAbsent(b._1(), k -> new ArrayList<>()).add(b);
            }
            // batches of at most BATCH_ROWS per bucket, not one per chunk and bucket
            assertEquals(buckets == 1 ? 2 : buckets, batches, "buckets " + buckets);
            Duplicates.Found found = new Duplicates.Found();
            for (List<Tuple2<Integer, Duplicates.Batch>> bucket : byBucket.values()) {
                Duplicates.resolve(bucket.iterator(), new long[1], new long[1])
                        .forEachRemaining(t -> found.merge(t._2()));
            }
            int[] expected = java.util.stream.IntStream.range(7000, 20_000).toArray();
            assertArrayEquals(expected, found.sortedOrdinals(), "buckets " + buckets);
            assertEquals(Map.of("a.csv", 3000L, "b.csv", 10_000L), found.bySource);
        }
    }

    private static Outcome at(Outcome o, long offset) {
        o.sourceOffset = offset;
        return o;
    }
}
