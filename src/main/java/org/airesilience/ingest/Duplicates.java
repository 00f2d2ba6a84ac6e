package org.airesilience.ingest;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The duplicate copies of applications across all partitions. Of the accepted records with the same normalised
 * application number the one kept is the earliest published (records without a publication date last), then the
 * first in source order (source file path, line, byte offset); the others are duplicates.
 *
 * <p>Only the keys travel, and in bulk: each partition sends one columnar {@link Batch} per bucket of application
 * numbers (as {@link ApplicationNumbers#key numbers}), each bucket finds its duplicates with a hash table, and the
 * ordinals of the duplicates go back to the partition they came from.
 */
final class Duplicates {
    /**
     * Accepted records per bucket at most: a bucket's keys and hash table (about 60 bytes a record) are held by one
     * task, so the buckets grow in number, not in size, with the dump.
     */
    static final long RECORDS_PER_BUCKET = 1L << 21;
    /** Publication day of a record without publication date: after every date. */
    static final int NO_PUBLICATION = Integer.MAX_VALUE;

    private Duplicates() {
    }

    /**
     * The keys of every partition's accepted records, by bucket: its shuffle runs with the parse
     * ({@link #shuffle}), before the cuts of split files and the lines before TRS splits are known, so the batches
     * hold all the records of their partition with their lines in the partition; {@link #find} places them.
     */
    static JavaPairRDD<Integer, Batch> keys(JavaRDD<ParsedPartition> parsed, int buckets) {
        return parsed.mapPartitionsToPair(chunks -> batches(chunks, buckets)).partitionBy(new HashPartitioner(buckets));
    }

    /**
     * Runs the map side of the shuffle of {@code keys}, and with it whatever it reads (the parse); the reduce
     * tasks of this job read nothing, {@link #find} reads the shuffled keys later.
     */
    static void shuffle(JavaPairRDD<Integer, Batch> keys) {
        keys.foreachPartition(bucket -> { });
    }

    /**
     * The duplicates of each of the {@code partitions} parsed partitions, keyed and partitioned by that partition's
     * index (so the result zips with the parsed partitions); partitions without duplicates have no entry. For each
     * partition (by index), {@code linesBefore}: its file's lines before it ({@link ParsedPartition#linesBefore});
     * {@code cuts}: the byte offset from which its records count ({@link ParsedPartition#cut}).
     */
    static JavaPairRDD<Integer, Found> find(JavaPairRDD<Integer, Batch> keys, int partitions, long[] linesBefore,
                                            long[] cuts) {
        return keys.mapPartitionsToPair(bucket -> {
                    try {
                        return resolve(bucket, linesBefore, cuts);
                    } catch (OutOfMemoryError e) {
                        throw new IngestMemory.Exhausted("finding duplicates", e);
                    }
                })
                .reduceByKey(new HashPartitioner(partitions), Found::merge);
    }

    /** Buckets for at most this many accepted records on this many cores. */
    static int buckets(long accepted, int cores) {
        return (int) Math.max(cores, Math.min(Integer.MAX_VALUE, (accepted + RECORDS_PER_BUCKET - 1) / RECORDS_PER_BUCKET));
    }

    /**
     * The keys of a partition's accepted records (its chunks, in order) by bucket of application number, in batches
     * of at most {@link #BATCH_ROWS}: a batch per bucket and partition, not per chunk, so that the batches to
     * shuffle grow with the records, not with chunks times buckets, and at most one open batch per bucket is held.
     */
    static Iterator<Tuple2<Integer, Batch>> batches(Iterator<ParsedPartition> chunks, int buckets) {
        return new Iterator<>() {
            private final Batch[] open = new Batch[buckets];
            private final java.util.ArrayDeque<Tuple2<Integer, Batch>> ready = new java.util.ArrayDeque<>();
            private boolean flushed;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && chunks.hasNext()) add(chunks.next());
                if (ready.isEmpty() && !flushed) {
                    flushed = true;
                    for (int b = 0; b < buckets; b++) if (open[b] != null) ready.add(new Tuple2<>(b, open[b].trim()));
                }
                return !ready.isEmpty();
            }

            @Override
            public Tuple2<Integer, Batch> next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return ready.poll();
            }

            private void add(ParsedPartition p) {
                for (int i = p.dropped; i < p.records.size(); i++) {
                    int bucket = (int) Math.floorMod(mix(p.applicationKeys[i]), (long) buckets);
                    if (open[bucket] == null) open[bucket] = new Batch(p.index);
                    open[bucket].add(p, i);
                    if (open[bucket].size == BATCH_ROWS) {
                        ready.add(new Tuple2<>(bucket, open[bucket]));
                        open[bucket] = null;
                    }
                }
            }
        };
    }

    /** Keys in one batch at most (about 40 bytes each). */
    static final int BATCH_ROWS = 1 << 14;

    /**
     * Finds the duplicates among the copies of one bucket, each batch placed in its file ({@link Batch#placed});
     * emits them by the partition they came from.
     */
    static Iterator<Tuple2<Integer, Found>> resolve(Iterator<Tuple2<Integer, Batch>> bucket, long[] linesBefore,
                                                    long[] cuts) {
        List<Batch> batches = new ArrayList<>();
        bucket.forEachRemaining(t -> {
            Batch b = t._2().placed(linesBefore[t._2().partition], cuts[t._2().partition]);
            if (b.size > 0) batches.add(b);
        });
        // arrival order must not matter
        batches.sort((a, b) -> a.partition != b.partition ? Integer.compare(a.partition, b.partition)
                : Integer.compare(a.ordinals[0], b.ordinals[0]));
        int copies = batches.stream().mapToInt(b -> b.size).sum();
        // open addressing: slot -> (batch, row) + 1 of the copy kept so far, 0 for a free slot
        int capacity = Integer.highestOneBit(Math.max(2, copies) * 2 - 1) << 1;
        long[] slots = new long[capacity];
        Map<Integer, Found> found = new HashMap<>();
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.get(b);
            for (int r = 0; r < batch.size; r++) {
                long key = batch.keys[r];
                int slot = (int) mix(key) & (capacity - 1);
                long kept;
                while ((kept = slots[slot]) != 0) {
                    Batch kb = batches.get((int) ((kept - 1) >>> 32));
                    if (kb.keys[(int) (kept - 1)] == key) break;
                    slot = (slot + 1) & (capacity - 1);
                }
                long here = ((long) b << 32 | r) + 1;
                if (kept == 0) {
                    slots[slot] = here;
                    continue;
                }
                Batch kb = batches.get((int) ((kept - 1) >>> 32));
                int kr = (int) (kept - 1);
                if (batch.before(r, kb, kr)) {
                    slots[slot] = here;
                    found.computeIfAbsent(kb.partition, k -> new Found()).add(kb.ordinals[kr], kb.sourceFile(kr));
                } else {
                    found.computeIfAbsent(batch.partition, k -> new Found()).add(batch.ordinals[r], batch.sourceFile(r));
                }
            }
        }
        List<Tuple2<Integer, Found>> out = new ArrayList<>();
        found.forEach((partition, f) -> out.add(new Tuple2<>(partition, f)));
        return out.iterator();
    }

    /** Spreads the bits of a key (Stafford's 64-bit finaliser), for bucket and slot numbers. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The keys of some of one partition's accepted records, column by column. */
    static final class Batch implements Serializable {
        final int partition;
        int size;
        long[] keys = new long[16];
        int[] publicationDays = new int[16];
        /** Index into {@link #sources}, the partition's source files. */
        int[] sourceIndexes = new int[16];
        long[] sourceLines = new long[16];
        long[] sourceOffsets = new long[16];
        int[] ordinals = new int[16];
        /** The source files of the batch's records, in order of their first record. */
        final List<String> sources = new ArrayList<>();

        Batch(int partition) {
            this.partition = partition;
        }

        void add(ParsedPartition p, int ordinal) {
            if (size == ordinals.length) resize(size * 2);
            keys[size] = p.applicationKeys[ordinal];
            publicationDays[size] = p.publicationDays[ordinal];
            sourceIndexes[size] = source(p.records.sources().get(p.sourceIndexes[ordinal]));
            sourceLines[size] = p.sourceLines[ordinal];
            sourceOffsets[size] = p.sourceOffsets[ordinal];
            ordinals[size] = p.firstOrdinal + ordinal;
            size++;
        }

        /**
         * The batch with the lines of its file ({@code linesBefore} added) and without the records before byte
         * {@code cut} (records of a split before its cut: the previous split's, {@link LineSplits}).
         */
        Batch placed(long linesBefore, long cut) {
            if (linesBefore == 0 && cut == 0) return this;
            Batch b = new Batch(partition);
            b.sources.addAll(sources);
            for (int r = 0; r < size; r++) {
                if (sourceOffsets[r] < cut) continue;
                if (b.size == b.ordinals.length) b.resize(b.size * 2);
                b.keys[b.size] = keys[r];
                b.publicationDays[b.size] = publicationDays[r];
                b.sourceIndexes[b.size] = sourceIndexes[r];
                b.sourceLines[b.size] = linesBefore + sourceLines[r];
                b.sourceOffsets[b.size] = sourceOffsets[r];
                b.ordinals[b.size] = ordinals[r];
                b.size++;
            }
            return b;
        }

        String sourceFile(int r) {
            return sources.get(sourceIndexes[r]);
        }

        /** The index of {@code file} in {@link #sources}, added when new (a partition reads one or a few files). */
        private int source(String file) {
            int last = sources.size() - 1;
            if (last >= 0 && sources.get(last).equals(file)) return last;
            int i = sources.indexOf(file);
            if (i >= 0) return i;
            sources.add(file);
            return last + 1;
        }

        Batch trim() {
            resize(size);
            return this;
        }

        private void resize(int n) {
            keys = Arrays.copyOf(keys, n);
            publicationDays = Arrays.copyOf(publicationDays, n);
            sourceIndexes = Arrays.copyOf(sourceIndexes, n);
            sourceLines = Arrays.copyOf(sourceLines, n);
            sourceOffsets = Arrays.copyOf(sourceOffsets, n);
            ordinals = Arrays.copyOf(ordinals, n);
        }

        /** Whether copy {@code r} of this batch is kept before copy {@code or} of {@code other}. */
        boolean before(int r, Batch other, int or) {
            int c = Integer.compare(publicationDays[r], other.publicationDays[or]);
            if (c == 0) c = sourceFile(r).compareTo(other.sourceFile(or));
            if (c == 0) c = Long.compare(sourceLines[r], other.sourceLines[or]);
            if (c == 0) c = Long.compare(sourceOffsets[r], other.sourceOffsets[or]);
            return c < 0;
        }
    }

    /** A partition's duplicates: their ordinals, and their number by source file. */
    static final class Found implements Serializable {
        int[] ordinals = new int[16];
        int size;
        final Map<String, Long> bySource = new HashMap<>();

        void add(int ordinal, String sourceFile) {
            append(ordinal);
            bySource.merge(sourceFile, 1L, Long::sum);
        }

        private void append(int ordinal) {
            if (size == ordinals.length) ordinals = Arrays.copyOf(ordinals, size * 2);
            ordinals[size++] = ordinal;
        }

        Found merge(Found other) {
            for (int i = 0; i < other.size; i++) append(other.ordinals[i]);
            ParsedPartition.add(bySource, other.bySource);
            return this;
        }

        /** The ordinals, ascending. */
        int[] sortedOrdinals() {
            int[] o = Arrays.copyOf(ordinals, size);
            Arrays.sort(o);
            return o;
        }
    }
}
