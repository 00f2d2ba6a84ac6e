package org.airesilience.distributed;

import java.io.Serializable;
import java.util.List;

/** Runs replicates 0..n-1 of a stage and returns their results in replicate-id order. */
public interface ReplicateRunner {
    <R extends Serializable> List<R> run(String stage, int replicates, ReplicateTask<R> task);
}
