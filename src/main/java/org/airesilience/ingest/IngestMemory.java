package org.airesilience.ingest;

import java.util.Iterator;
import java.util.Locale;

/**
 * Running out of memory in ingest: a task's {@link OutOfMemoryError} becomes an ordinary task failure
 * ({@link Exhausted}, so that Spark fails the job instead of killing the JVM with a stack trace), and the run ends
 * with one message naming the settings to change.
 */
final class IngestMemory {
    private IngestMemory() {
    }

    /**
     * A task that ran out of memory: what it was doing. Without a stack trace, which would say nothing more and
     * which Spark logs with the failed task.
     */
    static final class Exhausted extends RuntimeException {
        Exhausted(String doing, OutOfMemoryError e) {
            super("out of memory " + doing + " (" + e.getMessage() + ")", null, false, false);
        }
    }

    /** The iterator, with an {@link OutOfMemoryError} while it reads turned into {@link Exhausted}. */
    static <T> Iterator<T> guard(Iterator<T> it, String doing) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (OutOfMemoryError e) {
                    throw new Exhausted(doing, e);
                }
            }

            @Override
            public T next() {
                try {
                    return it.next();
                } catch (OutOfMemoryError e) {
                    throw new Exhausted(doing, e);
                }
            }
        };
    }

    /**
     * The message of a run that ran out of memory (in a task or on the driver), naming the settings to change; null
     * when {@code e} is not about memory.
     */
    static String message(Throwable e, long splitSize) {
        String what = null;
        for (Throwable t = e; t != null && what == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Exhausted || t instanceof OutOfMemoryError) what = t.getMessage();
        }
        if (what == null) return null;
        if (!what.startsWith("out of memory")) what = "out of memory (" + what + ")";
        return String.format(Locale.ROOT, "ingest ran %s; nothing published. Give Spark more memory "
                + "(spark.driver.memory in local mode, e.g. ./submit.sh --driver-memory 8g ingest; spark.executor.memory "
                + "on a cluster) or read the raw files in smaller pieces (airesilience.ingest.split-size, now %s)",
                what, bytes(splitSize));
    }

    private static String bytes(long n) {
        if (n % (1L << 30) == 0) return (n >> 30) + "G";
        if (n % (1L << 20) == 0) return (n >> 20) + "M";
        if (n % (1L << 10) == 0) return (n >> 10) + "K";
        return String.valueOf(n);
    }
}
