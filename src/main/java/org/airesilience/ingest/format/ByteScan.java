package org.airesilience.ingest.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finding a byte in an array eight bytes at a time: line breaks in raw dumps, which are mostly long lines. */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** The index of the first {@code value} in {@code b[from, to)}, or {@code to} when there is none. */
    public static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ pattern; // a zero byte where b holds value
            // (x - 1s) & ~x & highs flags zero bytes; the lowest flag is exact, as borrows only run upwards
            long zeros = (x - ONES) & ~x & HIGHS;
            if (zeros != 0) return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
        }
        for (; i < to; i++) if (b[i] == value) return i;
        return to;
    }
}
