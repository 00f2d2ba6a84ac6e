package org.airesilience.econometrics.model;

/**
 * Which variance estimator to use: {@code iid} (conventional), {@code hetero} (HC1) or {@code cluster:VAR}
 * (cluster-robust by one variable, Stata's small-sample convention).
 */
public record VcovSpec(Type type, String clusterVar) {
    public enum Type { IID, HETERO, CLUSTER }

    public VcovSpec {
        if (type == Type.CLUSTER && (clusterVar == null || clusterVar.isBlank())) {
            throw new IllegalArgumentException("cluster variance needs a variable: cluster:VAR");
        }
        if (type != Type.CLUSTER) clusterVar = null;
    }

    public static final VcovSpec IID = new VcovSpec(Type.IID, null);
    public static final VcovSpec HETERO = new VcovSpec(Type.HETERO, null);

    public static VcovSpec cluster(String var) {
        return new VcovSpec(Type.CLUSTER, var);
    }

    /** Parses "iid", "hetero" (also "hc1", "robust") or "cluster:VAR"; null or blank means iid. */
    public static VcovSpec parse(String s) {
        if (s == null || s.isBlank()) return IID;
        String t = s.trim();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("iid") || lower.equals("conventional")) return IID;
        if (lower.equals("hetero") || lower.equals("hc1") || lower.equals("robust")) return HETERO;
        if (lower.startsWith("cluster:")) return cluster(t.substring("cluster:".length()).trim());
        throw new IllegalArgumentException("unknown variance '" + s + "': use iid, hetero or cluster:VAR");
    }

    @Override
    public String toString() {
        return switch (type) {
            case IID -> "iid";
            case HETERO -> "hetero";
            case CLUSTER -> "cluster:" + clusterVar;
        };
    }
}
