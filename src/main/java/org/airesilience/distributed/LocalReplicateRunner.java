package org.airesilience.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Runs replicates in this JVM, in id order; the reference the Spark runner must reproduce bit for bit. */
public final class LocalReplicateRunner implements ReplicateRunner {
    private final long seed;
    private final boolean progress;

    public LocalReplicateRunner(long seed, boolean progress) {
        this.seed = seed;
        this.progress = progress;
    }

    @Override
    public <R extends Serializable> List<R> run(String stage, int replicates, ReplicateTask<R> task) {
        Progress p = progress ? Progress.toStderr(stage, replicates) : null;
        List<R> out = new ArrayList<>(replicates);
        for (int id = 0; id < replicates; id++) {
            out.add(task.run(id, Seeds.stream(seed, stage, id)));
            if (p != null) p.advance(1);
        }
        return out;
    }
}
