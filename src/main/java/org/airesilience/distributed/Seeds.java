package org.airesilience.distributed;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random streams that depend only on (run seed, stage, replicate id): never on partition, thread or attempt, so
 * replicated work is bit-identical however it is split.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long runSeed, String stage, long replicateId) {
        long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
        for (byte b : stage.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return mix(h ^ mix(replicateId + 0x632BE59BD9B4E019L));
    }

    public static SplittableRandom stream(long runSeed, String stage, long replicateId) {
        return new SplittableRandom(derive(runSeed, stage, replicateId));
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
