package org.airesilience.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs replicates in this JVM on a pool of threads, without Spark: replicate id r always draws from
 * {@code Seeds.stream(seed, stage, r)} and results are returned in id order, so the output does not depend on the
 * number of threads and is bit for bit the Spark runner's. Tasks must be safe to run concurrently (as on a Spark
 * executor, where one broadcast task object serves every core).
 */
public final class LocalReplicateRunner implements ReplicateRunner {
    private final long seed;
    private final boolean progress;
    private final int threads;

    /** One thread per available core. */
    public LocalReplicateRunner(long seed, boolean progress) {
        this(seed, progress, 0);
    }

    /** @param threads worker threads; 0 means one per available core */
    public LocalReplicateRunner(long seed, boolean progress, int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        this.seed = seed;
        this.progress = progress;
        this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    public int threads() {
        return threads;
    }

    @Override
    public <R extends Serializable> List<R> run(String stage, int replicates, ReplicateTask<R> task) {
        Progress p = progress ? Progress.of(stage, replicates) : null;
        Object[] out = new Object[replicates];
        int workers = Math.max(1, Math.min(threads, replicates));
        if (workers == 1) {
            for (int id = 0; id < replicates; id++) {
                out[id] = task.run(id, Seeds.stream(seed, stage, id));
                if (p != null) p.advance(1);
            }
        } else {
            // Workers take the next id from a shared counter; each result lands in its id's slot.
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "replicates-" + stage);
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(() -> {
                        for (int id = next.getAndIncrement(); id < replicates; id = next.getAndIncrement()) {
                            out[id] = task.run(id, Seeds.stream(seed, stage, id));
                            if (p != null) p.advance(1);
                        }
                    }));
                }
                for (Future<?> f : futures) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running replicates of " + stage, e);
            } catch (ExecutionException e) {
                next.set(replicates);
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) (List<?>) Arrays.asList(out);
        return new ArrayList<>(results);
    }
}
