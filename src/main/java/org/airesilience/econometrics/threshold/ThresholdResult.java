package org.airesilience.econometrics.threshold;

import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.Replicates;
import org.airesilience.report.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequential threshold fit: one {@link Stage} per threshold (estimate, LR confidence set, RSS, F and its
 * bootstrap p-value and critical values) and the final model with regime coefficients.
 *
 * @param model       the final model (all requested thresholds) in the estimate-JSON form
 * @param stages      stage 1 = single, 2 = double, ...
 * @param thresholds  the final thresholds, ascending
 * @param regimeSizes observations per regime of the final model
 * @param linearRss   S_0, the RSS without threshold
 * @param notEstimable the requested stages after the last estimated one, each with why (empty when all were): the
 *                     final model then has the thresholds that were found
 */
public record ThresholdResult(EstimationResult model, List<Stage> stages, List<Double> thresholds,
                              List<Integer> regimeSizes, double linearRss, List<NotEstimable> notEstimable) {

    /** A requested stage the data cannot estimate (no admissible or no non-degenerate candidate). */
    public record NotEstimable(int stage, String reason) {
    }

    /**
     * LR(gamma) = (S(gamma) - S(gamma_hat)) / sigma^2 over the admissible candidates of one search, with the
     * critical value c = -2 ln(1 - sqrt(level)).
     */
    public record LrCurve(double[] thresholds, double[] lr, double criticalValue) {
    }

    /** {gamma: LR(gamma) &lt;= c} reported as [low, high], its number of candidates and of separate runs. */
    public record ConfidenceSet(double low, double high, int candidates, int runs) {
    }

    /**
     * @param estimate     gamma_k as found at stage k
     * @param nullRss      S under the null of the stage-k test (k - 1 thresholds; after refinement for k &gt;= 3)
     * @param rss          S_k, the RSS with k thresholds
     * @param sigma2       S_k / (N - n)
     * @param refined      for stage 2: the first threshold re-estimated given the second (null otherwise)
     * @param bootstrapF   the replicates' F statistics, in replicate order, NaN for an invalid replicate (empty
     *                     without bootstrap)
     */
    public record Stage(int stage, double estimate, ConfidenceSet ci, LrCurve curve, double rss, double nullRss,
                        double sigma2, double fStatistic, double pValue, double crit10, double crit5, double crit1,
                        double[] bootstrapF, Refinement refined) {
        public int replications() {
            return bootstrapF.length;
        }

        /** Replicates left out under {@link Replicates#RULE}. */
        public int invalidReplications() {
            return Replicates.invalid(bootstrapF);
        }
    }

    /** Hansen's refinement of the first threshold given the second. */
    public record Refinement(double estimate, ConfidenceSet ci, LrCurve curve, double rss) {
    }

    /** The estimate JSON of the final model plus {@code thresholds} (one entry per stage) and the final values. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = Json.toMap(model);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Stage s : stages) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("stage", s.stage());
            e.put("estimate", s.estimate());
            e.put("ci_low", Json.finite(s.ci().low()));
            e.put("ci_high", Json.finite(s.ci().high()));
            e.put("rss", s.rss());
            e.put("f_statistic", Json.finite(s.fStatistic()));
            e.put("p_value", Json.finite(s.pValue()));
            e.put("crit10", Json.finite(s.crit10()));
            e.put("crit5", Json.finite(s.crit5()));
            e.put("crit1", Json.finite(s.crit1()));
            e.put("replications", s.replications());
            e.put("invalid_replications", s.invalidReplications());
            e.put("null_rss", s.nullRss());
            e.put("sigma2", s.sigma2());
            e.put("ci_candidates", s.ci().candidates());
            e.put("ci_runs", s.ci().runs());
            if (s.refined() != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("estimate", s.refined().estimate());
                r.put("ci_low", Json.finite(s.refined().ci().low()));
                r.put("ci_high", Json.finite(s.refined().ci().high()));
                r.put("rss", s.refined().rss());
                e.put("refined_first", r);
            }
            list.add(e);
        }
        m.put("thresholds", list);
        m.put("threshold_values", thresholds);
        m.put("regime_sizes", regimeSizes);
        m.put("linear_rss", linearRss);
        if (!notEstimable.isEmpty()) {
            List<Map<String, Object>> ne = new ArrayList<>();
            for (NotEstimable n : notEstimable) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("stage", n.stage());
                e.put("reason", n.reason());
                ne.add(e);
            }
            m.put("not_estimable", ne);
        }
        return m;
    }
}
