package org.airesilience.measure;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * AI patents per region and year: for each (region, year) the weighted number of AI patents and, after it, one count
 * per category. One task matches its patents into one of these ({@link #match}); the driver adds them up.
 */
final class RegionYearCounts implements Serializable {
    /** A region code (null when the patent has none) and a year. */
    record Key(String region, int year) implements Comparable<Key>, Serializable {
        @Override
        public int compareTo(Key o) {
            int c = region == null ? (o.region == null ? 0 : -1) : o.region == null ? 1 : region.compareTo(o.region);
            return c != 0 ? c : Integer.compare(year, o.year);
        }
    }

    private final int categories;
    /** Sorted, so that sums are added in the same order however the patents were partitioned. */
    final Map<Key, double[]> byRegionYear = new TreeMap<>();
    long scanned;

    RegionYearCounts(int categories) {
        this.categories = categories;
    }

    void add(RegionYearCounts other) {
        scanned += other.scanned;
        other.byRegionYear.forEach((k, v) -> {
            double[] mine = byRegionYear.computeIfAbsent(k, x -> new double[categories + 1]);
            for (int i = 0; i < v.length; i++) mine[i] += v[i];
        });
    }

    private void add(String region, int year, double weight, long mask) {
        double[] v = byRegionYear.computeIfAbsent(new Key(region, year), x -> new double[categories + 1]);
        v[0] += weight;
        for (int c = 0; c < categories; c++) if ((mask & (1L << c)) != 0) v[1 + c] += weight;
    }

    /**
     * Matches rows of (title, abstract, claims, ipc, region, application year, applicant provinces), the text columns
     * null when not matched, the provinces null unless attribution is fractional. An AI patent counts 1 for its
     * region, or 1/k for each of its k co-applicants' provinces.
     */
    static RegionYearCounts match(Iterator<InternalRow> rows, KeywordMatcher matcher, int categories) {
        RegionYearCounts counts = new RegionYearCounts(categories);
        char[] text = new char[4096];
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            counts.scanned++;
            int need = 3;
            for (int i = 0; i < 3; i++) if (!r.isNullAt(i)) need += r.getUTF8String(i).numBytes();
            if (text.length < need) text = new char[Math.max(need, 2 * text.length)];
            String ipc = r.isNullAt(3) ? null : r.getUTF8String(3).toString();
            long mask = mask(r, matcher, text, ipc);
            if (mask == 0L) continue;
            String region = r.isNullAt(4) ? null : r.getUTF8String(4).toString();
            int year = r.getInt(5);
            ArrayData coApplicants = r.isNullAt(6) ? null : r.getArray(6);
            if (coApplicants == null || coApplicants.numElements() == 0) {
                counts.add(region, year, 1.0, mask);
            } else {
                double w = 1.0 / coApplicants.numElements();
                for (int i = 0; i < coApplicants.numElements(); i++) {
                    counts.add(coApplicants.getUTF8String(i).toString(), year, w, mask);
                }
            }
        }
        return counts;
    }

    /**
     * The fields joined by a line break, which no term contains, so no match spans two fields; normalised straight
     * from their UTF-8 bytes, or as Java strings when a field needs the general normaliser.
     */
    private static long mask(InternalRow r, KeywordMatcher matcher, char[] text, String ipc) {
        int length = 0;
        for (int i = 0; i < 3; i++) {
            if (r.isNullAt(i)) continue;
            UTF8String s = r.getUTF8String(i);
            length = TextNormaliser.normaliseUtf8(s.getBaseObject(), s.getBaseOffset(), s.numBytes(), text, length);
            if (length < 0) {
                StringBuilder joined = new StringBuilder();
                for (int k = 0; k < 3; k++) if (!r.isNullAt(k)) joined.append(r.getUTF8String(k)).append('\n');
                return matcher.categoryMask(joined.toString(), ipc);
            }
            text[length++] = '\n';
        }
        return matcher.normalisedCategoryMask(text, length, ipc);
    }
}
