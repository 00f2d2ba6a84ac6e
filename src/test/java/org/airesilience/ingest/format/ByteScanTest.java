package org.airesilience.ingest.format;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteScanTest {
    private static int naive(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) if (b[i] == value) return i;
        return to;
    }

    @Test
    void findsTheFirstByteAsALoopDoesAtEveryOffset() {
        SplittableRandom random = new SplittableRandom(7);
        for (byte value : new byte[]{'\n', 0, (byte) 0x80, (byte) 0xFF, 0x7F}) {
            for (int round = 0; round < 300; round++) {
                byte[] b = new byte[random.nextInt(1, 80)];
                // few distinct bytes, so that the value, its neighbours and high bytes sit next to each other
                byte[] alphabet = {value, (byte) (value + 1), (byte) (value - 1), 0, (byte) 0x80, (byte) 0xFF, 'a'};
                for (int i = 0; i < b.length; i++) {
                    b[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
                }
                for (int from = 0; from <= b.length; from++) {
                    for (int to = from; to <= b.length; to += 1 + random.nextInt(5)) {
                        assertEquals(naive(b, from, to, value), ByteScan.indexOf(b, from, to, value));
                    }
                }
            }
        }
    }
}
