package org.airesilience.distributed;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SeedsTest {
    @Test
    void streamsDependOnlyOnSeedStageAndReplicate() {
        assertEquals(Seeds.derive(7, "bootstrap-1", 42), Seeds.derive(7, "bootstrap-1", 42));
        assertEquals(Seeds.stream(7, "s", 3).nextLong(), Seeds.stream(7, "s", 3).nextLong());
        assertNotEquals(Seeds.derive(7, "bootstrap-1", 42), Seeds.derive(7, "bootstrap-2", 42));
        assertNotEquals(Seeds.derive(7, "bootstrap-1", 42), Seeds.derive(8, "bootstrap-1", 42));
        Set<Long> seeds = new HashSet<>();
        for (int id = 0; id < 10_000; id++) seeds.add(Seeds.derive(1, "placebo", id));
        assertEquals(10_000, seeds.size());
    }

    @Test
    void localRunnerReturnsResultsInReplicateOrder() {
        ReplicateTask<Long> task = (id, random) -> id * 1000 + random.nextInt(1000);
        List<Long> out = new LocalReplicateRunner(5, false).run("stage", 50, task);
        for (int id = 0; id < 50; id++) {
            assertEquals(id, out.get(id) / 1000);
            assertEquals(out.get(id), task.run(id, Seeds.stream(5, "stage", id)));
        }
    }
}
