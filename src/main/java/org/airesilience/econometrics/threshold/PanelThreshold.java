package org.airesilience.econometrics.threshold;

import org.airesilience.distributed.ReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.Replicates;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hansen (1999) fixed-effect panel threshold regression: sequential estimation of one or more thresholds, F tests
 * with Hansen's fixed-regressor bootstrap (replicates run through a {@link ReplicateRunner}), LR confidence sets and
 * the regime coefficients of the final model.
 */
public final class PanelThreshold {
    private PanelThreshold() {
    }

    /** S(gamma) for each admissible candidate of one search. */
    public record SearchCurve(double[] thresholds, double[] ssr) {
    }

    public static ThresholdResult estimate(Table data, ThresholdSpec spec, ReplicateRunner runner) {
        SequentialSearch procedure = procedure(data, spec);
        ThresholdPanel panel = procedure.search.panel;
        CandidateSet cs = procedure.search.candidates;
        SequentialSearch.Estimated estimated = procedure.estimate(panel.yT, spec.thresholds());
        List<SequentialSearch.Stage> seq = estimated.stages();
        double crit = -2 * Math.log(1 - Math.sqrt(spec.level()));
        int df = panel.sigmaDf();
        List<ThresholdResult.Stage> stages = new ArrayList<>();
        for (int k = 1; k <= seq.size(); k++) {
            SequentialSearch.Stage st = seq.get(k - 1);
            double sigma2 = st.ssr() / df;
            double f = procedure.fStatistic(st.nullSsr(), st.ssr());
            ThresholdResult.LrCurve curve = curve(cs, st.search(), sigma2, crit);
            ThresholdResult.Refinement refined = null;
            if (st.refinement() != null) {
                SequentialSearch.Step r = st.refinement();
                ThresholdResult.LrCurve rc = curve(cs, r, r.min() / df, crit);
                refined = new ThresholdResult.Refinement(cs.values[r.bestCandidate()], confidenceSet(rc, spec),
                        rc, r.min());
            }
            double[] boot = new double[0];
            if (spec.bootstrap() > 0) {
                List<Double> fs = runner.run("threshold-stage-" + k, spec.bootstrap(), bootstrapTask(procedure, seq, k));
                boot = fs.stream().mapToDouble(Double::doubleValue).toArray();
            }
            stages.add(new ThresholdResult.Stage(k, cs.values[st.search().bestCandidate()], confidenceSet(curve, spec),
                    curve, st.ssr(), st.nullSsr(), sigma2, f, Replicates.upperTailShare(boot, f),
                    Replicates.criticalValue(boot, 0.90), Replicates.criticalValue(boot, 0.95),
                    Replicates.criticalValue(boot, 0.99), boot, refined));
        }
        int[] finalIdx = seq.get(seq.size() - 1).thresholdsAfter();
        List<Double> values = new ArrayList<>();
        for (int i : finalIdx) values.add(cs.values[i]);
        int[] bounds = procedure.search.bounds(finalIdx);
        List<Integer> sizes = new ArrayList<>();
        for (int s = 0; s + 1 < bounds.length; s++) sizes.add(bounds[s + 1] - bounds[s]);
        EstimationResult model = finalModel(panel, bounds, spec, cs, stages);
        List<ThresholdResult.NotEstimable> notEstimable = new ArrayList<>();
        if (estimated.stopped() != null) {
            for (int k = estimated.stopped().stage; k <= spec.thresholds(); k++) {
                notEstimable.add(new ThresholdResult.NotEstimable(k, k == estimated.stopped().stage
                        ? estimated.stopped().getMessage() : "threshold " + estimated.stopped().stage + " could not be estimated"));
            }
        }
        return new ThresholdResult(model, stages, values, sizes, seq.get(0).nullSsr(), notEstimable);
    }

    static SequentialSearch procedure(Table data, ThresholdSpec spec) {
        ThresholdPanel panel = ThresholdPanel.of(data, spec);
        return new SequentialSearch(new ThresholdSearch(panel, CandidateSet.of(panel, spec)), spec);
    }

    /** The stage-k bootstrap: the null model is the fit with the thresholds found up to stage k - 1. */
    static ThresholdBootstrap bootstrapTask(SequentialSearch procedure, List<SequentialSearch.Stage> seq, int k) {
        double[] y = procedure.search.panel.yT;
        int[] nullThresholds = k == 1 ? new int[0] : seq.get(k - 2).thresholdsAfter();
        ThresholdSearch.Fit nullFit = procedure.base(nullThresholds).fit(y);
        double[] fitted = y.clone();
        for (int i = 0; i < fitted.length; i++) fitted[i] -= nullFit.residuals()[i];
        return new ThresholdBootstrap(procedure, k, fitted, nullFit.residuals());
    }

    /** The fast search of one threshold given fixed ones (values that are candidates), for cross-checks. */
    public static SearchCurve search(Table data, ThresholdSpec spec, List<Double> fixed, double trim) {
        SequentialSearch procedure = procedure(data, spec);
        ThresholdPanel panel = procedure.search.panel;
        CandidateSet cs = procedure.search.candidates;
        SequentialSearch.Step st = procedure.step(indices(cs, fixed), trim, panel.yT, fixed.size() + 1);
        return new SearchCurve(values(cs, st.candidates()), st.ssr());
    }

    /**
     * The same search by brute force: one least-squares fit of the full transformed design per candidate. Slow by
     * design; the reference the fast search is checked against, and the baseline of the benchmark.
     */
    public static SearchCurve naiveSearch(Table data, ThresholdSpec spec, List<Double> fixed, double trim) {
        ThresholdPanel panel = ThresholdPanel.of(data, spec);
        CandidateSet cs = CandidateSet.of(panel, spec);
        ThresholdSearch search = new ThresholdSearch(panel, cs);
        int[] fixedIdx = indices(cs, fixed);
        int[] cand = cs.admissible(fixedIdx, trim);
        double[] ssr = new double[cand.length];
        for (int c = 0; c < cand.length; c++) {
            int[] bounds = search.bounds(SequentialSearch.add(fixedIdx, cand[c]));
            Matrix z = Matrix.ofColumns(design(panel, bounds));
            double[] b = z.crossprod().solveSpd(z.tTimes(panel.yT));
            double[] fitted = z.times(b);
            double s = 0;
            for (int i = 0; i < fitted.length; i++) {
                double e = panel.yT[i] - fitted[i];
                s += e * e;
            }
            ssr[c] = s;
        }
        return new SearchCurve(values(cs, cand), ssr);
    }

    private static int[] indices(CandidateSet cs, List<Double> fixed) {
        int[] idx = new int[fixed.size()];
        for (int k = 0; k < idx.length; k++) {
            double v = fixed.get(k);
            idx[k] = -1;
            for (int i = 0; i < cs.values.length; i++) if (cs.values[i] == v) idx[k] = i;
            if (idx[k] < 0) throw new IllegalArgumentException("threshold " + v + " is not a candidate value");
        }
        Arrays.sort(idx);
        return idx;
    }

    private static double[] values(CandidateSet cs, int[] cand) {
        double[] v = new double[cand.length];
        for (int i = 0; i < cand.length; i++) v[i] = cs.values[cand[i]];
        return v;
    }

    /** Transformed columns [x, r_1 * 1{regime 1}, ..., r_1 * 1{regime K}, r_2 * 1{regime 1}, ...]. */
    private static List<double[]> design(ThresholdPanel panel, int[] bounds) {
        List<double[]> cols = new ArrayList<>(Arrays.asList(panel.xT));
        for (int j = 0; j < panel.r.length; j++) {
            for (int s = 0; s + 1 < bounds.length; s++) cols.add(panel.regimeColumn(j, bounds[s], bounds[s + 1]));
        }
        return cols;
    }

    static ThresholdResult.LrCurve curve(CandidateSet cs, SequentialSearch.Step st, double sigma2, double crit) {
        double[] lr = new double[st.ssr().length];
        for (int i = 0; i < lr.length; i++) lr[i] = (st.ssr()[i] - st.min()) / sigma2;
        return new ThresholdResult.LrCurve(values(cs, st.candidates()), lr, crit);
    }

    /** {gamma: LR &lt;= c} (Hansen's program: LR &lt; c) as [min, max], count and number of separate runs. */
    static ThresholdResult.ConfidenceSet confidenceSet(ThresholdResult.LrCurve curve, ThresholdSpec spec) {
        double low = Double.NaN;
        double high = Double.NaN;
        int count = 0;
        int runs = 0;
        boolean prevIn = false;
        for (int i = 0; i < curve.lr().length; i++) {
            double lr = curve.lr()[i];
            boolean in = spec.hansen1999() ? lr < curve.criticalValue() : lr <= curve.criticalValue();
            if (in) {
                if (count == 0) low = curve.thresholds()[i];
                high = curve.thresholds()[i];
                count++;
                if (!prevIn) runs++;
            }
            prevIn = in;
        }
        return new ThresholdResult.ConfidenceSet(low, high, count, runs);
    }

    private static EstimationResult finalModel(ThresholdPanel panel, int[] bounds, ThresholdSpec spec,
                                               CandidateSet cs, List<ThresholdResult.Stage> stages) {
        List<double[]> cols = design(panel, bounds);
        List<String> names = new ArrayList<>(panel.xNames);
        int regimes = bounds.length - 1;
        for (String rn : panel.rNames) for (int s = 1; s <= regimes; s++) names.add(rn + "_regime" + s);
        Matrix z = Matrix.ofColumns(cols);
        int k = cols.size();
        Matrix inv = z.crossprod().inverseSpd();
        double[] b = inv.times(z.tTimes(panel.yT));
        double[] fitted = z.times(b);
        double[] e = new double[panel.rows];
        double rss = 0;
        double tss = 0;
        for (int i = 0; i < e.length; i++) {
            e[i] = panel.yT[i] - fitted[i];
            rss += e[i] * e[i];
            tss += panel.yT[i] * panel.yT[i];
        }
        int dfResid = panel.nobs - panel.units - k;
        boolean cluster = spec.vcov().equals("cluster");
        Matrix v;
        if (cluster) {
            Matrix meat = new Matrix(k, k);
            double[] s = new double[k];
            for (int i = 0; i < panel.units; i++) {
                Arrays.fill(s, 0);
                for (int row = panel.rowStart[i]; row < panel.rowStart[i + 1]; row++) {
                    for (int c = 0; c < k; c++) s[c] += cols.get(c)[row] * e[row];
                }
                for (int a = 0; a < k; a++) for (int c = 0; c < k; c++) meat.set(a, c, meat.get(a, c) + s[a] * s[c]);
            }
            double g = panel.units;
            double n = panel.nobs;
            v = inv.times(meat).times(inv).scale(g / (g - 1) * (n - 1) / (n - k - 1));
        } else {
            v = inv.scale(rss / dfResid);
        }
        TDistribution t = new TDistribution(cluster ? panel.units - 1 : dfResid);
        List<Coefficient> coefs = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (c >= panel.reportedX && c < panel.xT.length) continue;
            double se = Math.sqrt(v.get(c, c));
            double stat = b[c] / se;
            coefs.add(new Coefficient(names.get(c), b[c], se, stat, 2 * t.cumulativeProbability(-Math.abs(stat))));
        }
        EstimationResult.Builder rb = EstimationResult.builder("threshold")
                .nobs(panel.nobs).ngroups(panel.units).coefficients(coefs)
                .fit("rss", rss)
                .fit("r2_within", 1 - rss / tss)
                .fit("sigma", Math.sqrt(rss / dfResid))
                .fit("df_resid", dfResid)
                .fit("threshold_sigma2", rss / panel.sigmaDf());
        conventions(spec, cs, panel).forEach(rb::convention);
        if (panel.droppedMissing > 0) rb.extra("dropped_missing", panel.droppedMissing);
        return rb.build();
    }

    private static Map<String, Object> conventions(ThresholdSpec spec, CandidateSet cs, ThresholdPanel panel) {
        Map<String, Object> c = new LinkedHashMap<>();
        String le = spec.hansen1999() ? "<" : "<=";
        c.put("model", spec.y() + " = unit FE" + (spec.timeEffects() ? " + time FE" : "") + " + x'theta + sum_k beta_k' "
                + String.join(",", spec.regime()) + " * 1{regime k of " + spec.threshold() + "} + e");
        c.put("regimes", "regime 1 = {q " + le + " g1}, regime 2 = {g1 " + (spec.hansen1999() ? "<=" : "<")
                + " q " + le + " g2}, ...; regime coefficients named <r>_regime<k>");
        c.put("transformation", spec.hansen1999()
                ? "Hansen (1999) program: each unit demeaned, then its last period deleted (OLS on N - n rows)"
                : "within: each unit's rows minus the unit mean" + (spec.timeEffects()
                ? "; time effects as period dummies (not reported), transformed with the rest" : ""));
        c.put("regime_indicator", "r * 1{regime} is formed before the fixed-effect transformation");
        c.put("candidates", cs.description);
        c.put("trimming", spec.hansen1999()
                ? "Hansen's window: with nn = number of grid values below a fixed threshold, 1-based grid indices i with nn - 400 trim <= i < nn + 400 trim are excluded"
                : "each regime next to a new threshold holds at least trim * N observations; trims per stage " + spec.trims());
        c.put("sequential_procedure", "g1 = argmin S; g2 = argmin S(g1, g) (trim 2); g1 refined = argmin S(g, g2)"
                + " (trim 2, once); gk = argmin S given all earlier thresholds (trim k); ties to the smallest value");
        c.put("sigma2", "S_k / (N - n) (Hansen's n(T - 1))");
        c.put("f_statistic", "F_k = (S_(k-1) - S_k) / sigma2_k, S_(k-1) after refinement for k >= 3");
        c.put("confidence_set", "LR(g) = (S(g) - S_min) / sigma2; set = {g: LR(g) " + (spec.hansen1999() ? "<" : "<=")
                + " c}, c = -2 ln(1 - sqrt(" + spec.level() + ")); reported as [min, max] of the set");
        c.put("bootstrap", "Hansen (1999) fixed-regressor bootstrap under each stage's null: units' residual vectors"
                + " (transformed space) drawn with replacement"
                + (panel.balanced() ? "" : " among units with the same number of observations")
                + ", y* = fitted null + residuals, the procedure replayed"
                + (spec.hansen1999() ? " as Hansen's program (no refinement, stage k's trim after the first search)" : "")
                + "; p = share of F* >= F; critical values = sorted F*[ceil(p B)]; replicate streams from"
                + " (seed, \"threshold-stage-k\", replicate id); " + Replicates.RULE);
        c.put("standard_errors", spec.vcov().equals("cluster")
                ? "clustered by unit, (Z'Z)^-1 (sum_i Z_i'e_i e_i'Z_i) (Z'Z)^-1 G/(G-1) (N-1)/(N-k-1) (xtreg, fe vce(cluster)); t with G - 1 df"
                : "conventional sigma^2 (Z'Z)^-1, sigma^2 = RSS / (N - n - k) (xtreg, fe); t with N - n - k df");
        return c;
    }
}
