package org.airesilience.distributed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    /** Lines logged (at INFO). */
    static final class Lines implements Progress.Sink {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String line) {
            lines.add("INFO " + line);
        }
    }

    @Test
    void aQuickStageLogsNothing() {
        Lines sink = new Lines();
        Progress p = new Progress("threshold-stage-1", 100, 60_000, sink);
        for (int i = 0; i < 100; i++) p.advance(1);
        assertEquals(List.of(), sink.lines);
    }

    @Test
    void aLongStageLogsProgressAtInfoAtMostOncePerIntervalAndItsEnd() throws InterruptedException {
        Lines sink = new Lines();
        Progress p = new Progress("placebo", 4, 20, sink);
        p.advance(1); // before the first interval: nothing
        Thread.sleep(30);
        p.advance(1); // an interval has passed: a line
        p.advance(1); // within the interval: nothing
        p.advance(1); // the end, after a progress line: INFO
        assertEquals(2, sink.lines.size(), sink.lines.toString());
        assertTrue(sink.lines.get(0).startsWith("INFO [placebo] 2/4 replicates (50%), "), sink.lines.get(0));
        assertTrue(sink.lines.get(0).contains("s left"), sink.lines.get(0));
        assertTrue(sink.lines.get(1).startsWith("INFO [placebo] 4/4 replicates (100%), "), sink.lines.get(1));
    }

    @Test
    void theEndIsLoggedOnceWhenThreadsFinishTogether() throws InterruptedException {
        Lines sink = new Lines();
        Progress p = new Progress("bootstrap", 1000, 10, sink);
        Thread.sleep(20);
        p.advance(1); // a progress line, so the end is logged too
        IntStream.range(1, 1000).parallel().forEach(i -> p.advance(1));
        p.advance(0); // a late caller after the end (the Spark listener's finish) adds nothing
        assertEquals(1, sink.lines.stream().filter(l -> l.contains(" 1000/1000 ")).count(), sink.lines.toString());
        assertTrue(sink.lines.get(sink.lines.size() - 1).contains(" 1000/1000 "), sink.lines.toString());
    }
}
