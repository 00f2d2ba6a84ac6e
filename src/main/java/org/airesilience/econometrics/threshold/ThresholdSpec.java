package org.airesilience.econometrics.threshold;

import java.io.Serializable;
import java.util.List;

/**
 * A fixed-effect panel threshold model (Hansen 1999):
 * {@code y_it = mu_i [+ delta_t] + x_it'theta + sum_k beta_k' r_it 1{q_it in regime k} + e_it}.
 *
 * @param unit        panel unit identifier column
 * @param time        time column
 * @param y           dependent variable
 * @param x           regime-independent regressors
 * @param regime      regime-dependent regressors (one or more)
 * @param threshold   threshold variable q
 * @param thresholds  number of thresholds estimated sequentially (1 = single, 2 = double, 3 = triple, ...)
 * @param trims       trimming share per stage (one value, or one per stage; the last is reused for further stages)
 * @param grid        number of quantile grid points, or 0 for every distinct value of q
 * @param hansen1999  reproduce Hansen's published program (demean, drop each unit's last period, his grid of 393
 *                    quantiles of the distinct values, lower regime q &lt; gamma, window trimming)
 * @param timeEffects add time fixed effects (time dummies, within-transformed with the rest)
 * @param bootstrap   bootstrap replicates per stage (0 = no test)
 * @param vcov        "conventional" (xtreg, fe) or "cluster" (by unit, xtreg, fe vce(cluster))
 * @param level       confidence level of the LR confidence sets (0.95)
 */
public record ThresholdSpec(String unit, String time, String y, List<String> x, List<String> regime,
                            String threshold, int thresholds, List<Double> trims, int grid, boolean hansen1999,
                            boolean timeEffects, int bootstrap, String vcov, double level) implements Serializable {

    public ThresholdSpec {
        x = List.copyOf(x);
        regime = List.copyOf(regime);
        trims = List.copyOf(trims);
        if (regime.isEmpty()) throw new IllegalArgumentException("at least one regime-dependent regressor is needed");
        if (thresholds < 1) throw new IllegalArgumentException("thresholds must be at least 1, got " + thresholds);
        if (trims.isEmpty()) throw new IllegalArgumentException("at least one trimming share is needed");
        for (double t : trims) {
            if (!(t >= 0 && t < 0.5)) throw new IllegalArgumentException("trimming share must be in [0, 0.5), got " + t);
        }
        if (grid < 0 || grid == 1) throw new IllegalArgumentException("grid must be 0 (every value) or at least 2");
        if (hansen1999 && grid != 0) {
            throw new IllegalArgumentException("--compat hansen1999 uses Hansen's own grid; do not combine with --grid");
        }
        if (hansen1999 && timeEffects) {
            throw new IllegalArgumentException("--compat hansen1999 has no time effects");
        }
        if (!vcov.equals("conventional") && !vcov.equals("cluster")) {
            throw new IllegalArgumentException("vcov must be conventional or cluster, got " + vcov);
        }
        if (bootstrap < 0) throw new IllegalArgumentException("bootstrap replicates must be >= 0");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1)");
    }

    /** The spec with defaults: every distinct value, conventional SEs, 95% sets. */
    public static ThresholdSpec of(String unit, String time, String y, List<String> x, List<String> regime,
                                   String threshold, int thresholds, List<Double> trims, int bootstrap) {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, thresholds, trims, 0, false, false, bootstrap,
                "conventional", 0.95);
    }

    public ThresholdSpec withGrid(int points) {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, thresholds, trims, points, hansen1999,
                timeEffects, bootstrap, vcov, level);
    }

    public ThresholdSpec withHansen1999() {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, thresholds, trims, 0, true, timeEffects,
                bootstrap, vcov, level);
    }

    public ThresholdSpec withTimeEffects() {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, thresholds, trims, grid, hansen1999, true,
                bootstrap, vcov, level);
    }

    public ThresholdSpec withVcov(String v) {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, thresholds, trims, grid, hansen1999,
                timeEffects, bootstrap, v, level);
    }

    public ThresholdSpec withThresholds(int k) {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, k, trims, grid, hansen1999, timeEffects,
                bootstrap, vcov, level);
    }

    public ThresholdSpec withBootstrap(int b) {
        return new ThresholdSpec(unit, time, y, x, regime, threshold, thresholds, trims, grid, hansen1999,
                timeEffects, b, vcov, level);
    }

    /** Trimming share of stage k (1-based); the last given value carries over to later stages. */
    public double trim(int stage) {
        return trims.get(Math.min(stage, trims.size()) - 1);
    }
}
