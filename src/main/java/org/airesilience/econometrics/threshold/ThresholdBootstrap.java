package org.airesilience.econometrics.threshold;

import org.airesilience.distributed.ReplicateTask;
import org.airesilience.econometrics.model.Replicates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One replicate of Hansen's (1999) fixed-regressor bootstrap of the stage-k test: under the null (k - 1
 * thresholds), y* = fitted null + residuals, where units' whole residual vectors (in the transformed space) are
 * drawn with replacement; regressors stay fixed; the procedure up to stage k is replayed on y* and its F returned.
 * In an unbalanced panel a unit's residual vector is drawn among units with the same number of observations.
 * Serializable: the task (panel, candidate set, null fit) is broadcast once to executors.
 */
final class ThresholdBootstrap implements ReplicateTask<Double> {
    private static final long serialVersionUID = 1L;

    private final SequentialSearch procedure;
    private final int stage;
    private final double[] fitted;
    private final double[] residuals;
    /** For each unit, the units whose residual vector may take its place (same length), ascending. */
    private final int[][] donors;

    ThresholdBootstrap(SequentialSearch procedure, int stage, double[] fitted, double[] residuals) {
        this.procedure = procedure;
        this.stage = stage;
        this.fitted = fitted;
        this.residuals = residuals;
        ThresholdPanel panel = procedure.search.panel;
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < panel.units; i++) {
            byLength.computeIfAbsent(panel.rowStart[i + 1] - panel.rowStart[i], l -> new ArrayList<>()).add(i);
        }
        Map<Integer, int[]> groups = new LinkedHashMap<>();
        byLength.forEach((len, members) -> groups.put(len, members.stream().mapToInt(Integer::intValue).toArray()));
        this.donors = new int[panel.units][];
        for (int i = 0; i < panel.units; i++) donors[i] = groups.get(panel.rowStart[i + 1] - panel.rowStart[i]);
    }

    @Override
    public Double run(long replicateId, SplittableRandom random) {
        int[] drawn = new int[donors.length];
        for (int i = 0; i < drawn.length; i++) drawn[i] = donors[i][random.nextInt(donors[i].length)];
        return statistic(drawn);
    }

    /** F* when unit position i receives the residual vector of unit drawn[i]; NaN for an invalid replicate. */
    double statistic(int[] drawn) {
        return Replicates.statistic(() -> fStatistic(drawn));
    }

    private double fStatistic(int[] drawn) {
        ThresholdPanel panel = procedure.search.panel;
        double[] y = new double[panel.rows];
        for (int i = 0; i < panel.units; i++) {
            int a = panel.rowStart[i];
            int b = panel.rowStart[drawn[i]];
            int len = panel.rowStart[i + 1] - a;
            if (panel.rowStart[drawn[i] + 1] - b != len) {
                throw new IllegalArgumentException("unit " + drawn[i] + " cannot replace unit " + i + ": lengths differ");
            }
            for (int t = 0; t < len; t++) y[a + t] = fitted[a + t] + residuals[b + t];
        }
        List<SequentialSearch.Stage> stages = procedure.run(y, stage, true);
        SequentialSearch.Stage last = stages.get(stage - 1);
        return procedure.fStatistic(last.nullSsr(), last.ssr());
    }
}
