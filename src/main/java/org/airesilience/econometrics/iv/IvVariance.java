package org.airesilience.econometrics.iv;

import java.util.HashMap;
import java.util.Map;

/** The variance estimator of a 2SLS fit: iid, heteroskedasticity-robust or cluster-robust by one variable. */
public record IvVariance(Kind kind, String clusterVariable, int[] clusters, int nclusters) {
    public enum Kind { IID, HETERO, CLUSTER }

    public static IvVariance iid() {
        return new IvVariance(Kind.IID, null, null, 0);
    }

    public static IvVariance hetero() {
        return new IvVariance(Kind.HETERO, null, null, 0);
    }

    /** Cluster-robust; any integer codes, renumbered 0..G-1 in order of appearance. */
    public static IvVariance cluster(String variable, int[] codes) {
        Map<Integer, Integer> dense = new HashMap<>();
        int[] c = new int[codes.length];
        for (int i = 0; i < codes.length; i++) c[i] = dense.computeIfAbsent(codes[i], k -> dense.size());
        if (dense.size() < 2) {
            throw new IllegalArgumentException("cluster-robust variance needs at least 2 clusters of " + variable
                    + ", found " + dense.size());
        }
        return new IvVariance(Kind.CLUSTER, variable, c, dense.size());
    }

    boolean robust() {
        return kind != Kind.IID;
    }
}
