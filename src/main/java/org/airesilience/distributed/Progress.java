package org.airesilience.distributed;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Logs "done/total, rate, time left" at most every {@code intervalMillis}, and once at the end. */
public final class Progress {
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private final long intervalNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());
    private final Consumer<String> sink;

    public Progress(String label, long total, long intervalMillis, Consumer<String> sink) {
        this.label = label;
        this.total = total;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.sink = sink;
    }

    public static Progress toStderr(String label, long total) {
        return new Progress(label, total, 2000, System.err::println);
    }

    public void advance(long n) {
        long d = done.addAndGet(n);
        long now = System.nanoTime();
        long last = lastReport.get();
        if (d >= total || (now - last >= intervalNanos && lastReport.compareAndSet(last, now))) {
            sink.accept(line(d, now));
        }
    }

    private String line(long d, long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? d / secs : 0;
        double left = rate > 0 ? (total - d) / rate : Double.NaN;
        return String.format(Locale.ROOT, "[%s] %d/%d replicates, %.1f/s, %.1fs elapsed, %.1fs left",
                label, d, total, rate, secs, left);
    }
}
