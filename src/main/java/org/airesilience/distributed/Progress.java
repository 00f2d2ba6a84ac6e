package org.airesilience.distributed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long stage (bootstrap replicates, placebo draws) through SLF4J: "done/total, rate, elapsed, time
 * left" at INFO at most once every interval, the first after one interval, and the end of a stage that logged
 * progress. A stage shorter than one interval logs nothing, so a quick command stays quiet and never initialises
 * logging (a noticeable share of its start-up).
 */
public final class Progress {
    /** How often a running stage reports. */
    static final long INTERVAL_MILLIS = 5000;

    /** Where the lines go. */
    interface Sink {
        void info(String line);
    }

    /** The logger, made on the first line logged: a holder class is initialised only when first used. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    }

    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private final long intervalNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(start);
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Sink sink;

    Progress(String label, long total, long intervalMillis, Sink sink) {
        this.label = label;
        this.total = total;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.sink = sink;
    }

    /** Progress of {@code total} replicates of a stage, logged through SLF4J. */
    public static Progress of(String label, long total) {
        return new Progress(label, total, INTERVAL_MILLIS, line -> Log.LOG.info(line));
    }

    public void advance(long n) {
        long d = done.addAndGet(n);
        long now = System.nanoTime();
        if (d >= total) {
            if (finished.compareAndSet(false, true) && reported.get()) sink.info(line(d, now));
            return;
        }
        long last = lastReport.get();
        if (now - last >= intervalNanos && lastReport.compareAndSet(last, now)) {
            reported.set(true);
            sink.info(line(d, now));
        }
    }

    private String line(long d, long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? d / secs : 0;
        double left = rate > 0 ? (total - d) / rate : Double.NaN;
        return String.format(Locale.ROOT, "[%s] %d/%d replicates (%.0f%%), %.1f/s, %.1fs elapsed, %.1fs left",
                label, d, total, 100.0 * d / total, rate, secs, left);
    }
}
