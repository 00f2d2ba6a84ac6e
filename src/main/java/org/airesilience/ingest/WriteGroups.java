package org.airesilience.ingest;

import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;
import scala.Option;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups the parsed partitions into write tasks of about equal records. Spark's own coalescing takes partitions in
 * runs of equal count, and the partitions of a dump differ up to tenfold (a compressed file is one partition, a
 * large file one per split), so one write task could run seconds after the other had ended. Largest first, each
 * partition goes to the group with the fewest records so far (the first of them on ties); a group reads its
 * partitions in their order. Same records, same groups: the written files do not depend on anything else.
 */
record WriteGroups(long[] records) implements PartitionCoalescer, Serializable {

    /** {@code rdd}'s partitions in {@code groups} groups balanced by {@code records} (by partition index). */
    static <T> JavaRDD<T> coalesce(JavaRDD<T> rdd, int groups, long[] records) {
        RDD<T> grouped = rdd.rdd().coalesce(groups, false, Option.apply(new WriteGroups(records)), null);
        return new JavaRDD<>(grouped, rdd.classTag());
    }

    /** The partitions of each group, by index: {@code groups} groups at most, none empty. */
    static List<List<Integer>> assign(long[] records, int groups) {
        int n = Math.min(groups, records.length);
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < n; g++) members.add(new ArrayList<>());
        long[] load = new long[n];
        int[] largestFirst = IntStream.range(0, records.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -records[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int p : largestFirst) {
            int least = 0;
            for (int g = 1; g < n; g++) if (load[g] < load[least]) least = g;
            members.get(least).add(p);
            load[least] += Math.max(1, records[p]); // partitions without records spread too
        }
        for (List<Integer> m : members) m.sort(null);
        return members;
    }

    @Override
    public PartitionGroup[] coalesce(int maxPartitions, RDD<?> parent) {
        Partition[] partitions = parent.partitions();
        if (partitions.length != records.length) {
            throw new IllegalStateException(records.length + " record counts for " + partitions.length + " partitions");
        }
        List<List<Integer>> members = assign(records, maxPartitions);
        PartitionGroup[] out = new PartitionGroup[members.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = new PartitionGroup(Option.empty());
            for (int p : members.get(g)) out[g].partitions().addOne(partitions[p]);
        }
        return out;
    }
}
