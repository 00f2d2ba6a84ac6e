package org.airesilience.distributed;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One replicate of a bootstrap or permutation: a pure function of the replicate id and its random stream. The task
 * object carries the data it needs (the panel, the fitted null model) and is broadcast once to executors.
 */
@FunctionalInterface
public interface ReplicateTask<R extends Serializable> extends Serializable {
    R run(long replicateId, SplittableRandom random);
}
