package org.airesilience.distributed;

import org.airesilience.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReplicateRunnersTest {
    @Test
    void partitionsDefaultToSparksDefaultParallelism() {
        assertEquals(12, ReplicateRunners.partitions(null, Settings.load(null, Map.of()), 12));
        assertEquals(5, ReplicateRunners.partitions(null, Settings.load(null, Map.of("spark.partitions", "5")), 12));
        assertEquals(3, ReplicateRunners.partitions(3, Settings.load(null, Map.of("spark.partitions", "5")), 12));
        assertEquals(12, ReplicateRunners.partitions(0, Settings.load(null, Map.of()), 12));
        assertThrows(IllegalArgumentException.class,
                () -> ReplicateRunners.partitions(-1, Settings.load(null, Map.of()), 12));
    }
}
