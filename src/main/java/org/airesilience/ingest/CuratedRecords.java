package org.airesilience.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted records of one partition, UTF-8 encoded into a few large byte arrays, in parse order. They are held
 * between ingest's passes (counting, deduplication, writing) in this form because a few arrays cost the garbage
 * collector nothing, where a million records of a dozen strings each are copied between generations on every
 * collection; and the Parquet writer takes the UTF-8 bytes as they are ({@link CuratedParquet}).
 *
 * <p>A record: application day and publication day ({@code int}, {@link #NO_DAY} for none), source line
 * ({@code long}), source ({@code int}, index into {@link #sources}), then {@link #TEXT_COLUMNS} strings, each an
 * {@code int} byte length ({@code -1} for null) and its bytes. Records never span two arrays.
 */
final class CuratedRecords implements Serializable {
    static final int NO_DAY = Integer.MIN_VALUE;
    /** The string columns in their order in a record; applicant provinces ';'-joined. */
    static final String[] TEXT_COLUMNS = {"application_number", "publication_number", "title", "abstract", "claims",
            "applicant", "inventor", "address", "province_code", "postal_code", "ipc_main", "ipc", "patent_type",
            "province", "city", "applicant_provinces"};
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Integer> chunkEnds = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private byte[] chunk = new byte[0];
    private int end;
    private int size;
    private transient String lastSource;
    private transient int lastSourceIndex;

    /** Number of records. */
    int size() {
        return size;
    }

    /** Appends an accepted record; returns the index of its source in {@link #sources()}. */
    int add(Outcome o) {
        String[] text = {o.applicationNumber, o.publicationNumber, o.title, o.abstractText, o.claims, o.applicant,
                o.inventor, o.address, o.provinceCode, o.postalCode, o.ipcMain, o.ipc, o.patentType, o.province,
                o.city, o.applicantProvinces};
        int bound = 20;
        for (String s : text) bound += 4 + (s == null ? 0 : 3 * s.length()); // UTF-8: at most 3 bytes per char
        if (end + bound > chunk.length) {
            if (end > 0) seal();
            chunk = new byte[Math.max(CHUNK, bound)];
        }
        end = putInt(chunk, end, (int) o.applicationDate.toEpochDay());
        end = putInt(chunk, end, o.publicationDate == null ? NO_DAY : (int) o.publicationDate.toEpochDay());
        end = putLong(chunk, end, o.sourceLine);
        int source = source(o.sourceFile);
        end = putInt(chunk, end, source);
        for (String s : text) end = putString(chunk, end, s);
        size++;
        return source;
    }

    /** Bytes of the records so far. */
    long byteSize() {
        long n = end;
        for (int e : chunkEnds) n += e;
        return n;
    }

    /** The source files of the records, in order of their first record. */
    List<String> sources() {
        return java.util.Collections.unmodifiableList(sources);
    }

    /** Ends the last array; call once after the last {@link #add}. */
    CuratedRecords seal() {
        if (end > 0) {
            if (end < chunk.length - (chunk.length >> 3)) chunk = java.util.Arrays.copyOf(chunk, end); // kept, cached
            chunks.add(chunk);
            chunkEnds.add(end);
        }
        chunk = new byte[0];
        end = 0;
        return this;
    }

    private int source(String name) {
        if (!name.equals(lastSource)) {
            lastSourceIndex = sources.indexOf(name); // a partition reads one or a few files
            if (lastSourceIndex < 0) {
                lastSourceIndex = sources.size();
                sources.add(name);
            }
            lastSource = name;
        }
        return lastSourceIndex;
    }

    /** Reads the records in order; fields are views into the arrays, valid until the next {@link #next}. */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private int chunkIndex = -1;
        private int position;
        private int limit;
        byte[] bytes;
        int applicationDay;
        int publicationDay;
        long sourceLine;
        String sourceFile;
        /** Start and byte length of each text column in {@link #bytes}; length -1 for null. */
        final int[] start = new int[TEXT_COLUMNS.length];
        final int[] length = new int[TEXT_COLUMNS.length];

        boolean next() {
            while (position >= limit) {
                if (++chunkIndex >= chunks.size()) return false;
                bytes = chunks.get(chunkIndex);
                position = 0;
                limit = chunkEnds.get(chunkIndex);
            }
            applicationDay = getInt(bytes, position);
            publicationDay = getInt(bytes, position + 4);
            sourceLine = getLong(bytes, position + 8);
            sourceFile = sources.get(getInt(bytes, position + 16));
            int p = position + 20;
            for (int i = 0; i < start.length; i++) {
                int n = getInt(bytes, p);
                start[i] = p + 4;
                length[i] = n;
                p += 4 + Math.max(n, 0);
            }
            position = p;
            return true;
        }

        String text(int column) {
            return length[column] < 0 ? null
                    : new String(bytes, start[column], length[column], StandardCharsets.UTF_8);
        }
    }

    private static int putString(byte[] b, int p, String s) {
        if (s == null) return putInt(b, p, -1);
        // the JDK's encoder copies Latin-1 strings without a loop and walks the others without bounds checks; a
        // lone surrogate becomes '?'
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(b, p, utf8.length);
        System.arraycopy(utf8, 0, b, p + 4, utf8.length);
        return p + 4 + utf8.length;
    }

    private static int putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        return p + 4;
    }

    private static int putLong(byte[] b, int p, long v) {
        return putInt(b, putInt(b, p, (int) (v >>> 32)), (int) v);
    }

    private static int getInt(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
    }

    private static long getLong(byte[] b, int p) {
        return (long) getInt(b, p) << 32 | getInt(b, p + 4) & 0xFFFFFFFFL;
    }
}
