package org.airesilience.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Times a job's stages: wall seconds per stage in the order they ran (a stage run twice adds up), each start and
 * end logged through SLF4J at the given level. The pipeline jobs log at INFO, which the bundled log4j2
 * configuration shows; the model commands, which a study runs by the dozen, do not log them (level null), and so
 * never initialise logging, which costs a quick command a noticeable share of its start-up.
 */
public final class StageTimer {
    /** Loaded on the first line logged. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(StageTimer.class);
    }

    private final String job;
    private final Level level;
    private final long start = System.nanoTime();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** @param level the level of the start and end lines, or null for none */
    public StageTimer(String job, Level level) {
        this.job = job;
        this.level = level;
    }

    /** A stage that yields a value. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** A stage that yields nothing. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    /** Runs one stage and records its wall time, also when it fails. */
    public <T, E extends Exception> T time(String stage, Work<T, E> work) throws E {
        long begin = System.nanoTime();
        if (level != null) Log.LOG.atLevel(level).log("{}: {} ...", job, stage);
        boolean done = false;
        try {
            T result = work.run();
            done = true;
            return result;
        } finally {
            double s = secondsSince(begin);
            seconds.merge(stage, s, (a, b) -> round(a + b));
            if (level != null) {
                Log.LOG.atLevel(level).log("{}: {} {} in {}", job, stage, done ? "done" : "failed",
                        String.format(Locale.ROOT, "%.3f s", s));
            }
        }
    }

    public <E extends Exception> void time(String stage, Step<E> work) throws E {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    /** Seconds per stage, in the order the stages first ran. */
    public Map<String, Double> seconds() {
        return Collections.unmodifiableMap(seconds);
    }

    /** Wall seconds since this timer was made. */
    public double totalSeconds() {
        return secondsSince(start);
    }

    private static double secondsSince(long begin) {
        return round((System.nanoTime() - begin) / 1e9);
    }

    /** Milliseconds are as precise as a wall time of a stage is meaningful. */
    private static double round(double s) {
        return Math.round(s * 1e3) / 1e3;
    }
}
