package org.airesilience.econometrics.mediation;

import org.airesilience.distributed.ReplicateRunner;
import org.airesilience.distributed.ReplicateTask;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.formula.Term;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.Distributions;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;
import org.airesilience.report.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Three-step mediation (Baron and Kenny): total effect Y ~ X + controls, a-path M ~ X + controls, and Y ~ X + M +
 * controls (b-path and direct effect), each with any estimator specification (fixed effects, variance, sample rules),
 * all on the same sample. Indirect effect a*b with Sobel, Aroian and Goodman tests and, optionally, a percentile
 * bootstrap interval that resamples whole panel units when the data are a panel.
 */
public final class Mediation {
    public static final String STAGE = "mediation-bootstrap";

    private Mediation() {
    }

    /** The three fitted steps. */
    public record Steps(EstimationResult total, EstimationResult mediator, EstimationResult outcome) {
    }

    /** Specifications of the three steps, derived from the total-effect specification. */
    public record Specs(EstimateSpec total, EstimateSpec mediator, EstimateSpec outcome) {
        static Specs of(EstimateSpec spec, String treatment, String mediatorVar) {
            Formula f = spec.formula();
            if (f.hasIv()) throw new IllegalArgumentException("mediation takes no IV part in the formula");
            if (f.terms().stream().map(Term::label).noneMatch(treatment::equals)) {
                throw new IllegalArgumentException("treatment '" + treatment + "' is not a term of '" + f + "'; terms are "
                        + f.terms().stream().map(Term::label).toList());
            }
            if (f.variables().contains(mediatorVar)) {
                throw new IllegalArgumentException("mediator '" + mediatorVar + "' must not appear in the formula '" + f + "'");
            }
            String text = f.text();
            int tilde = text.indexOf('~');
            int bar = text.indexOf('|', tilde);
            String lhs = text.substring(0, tilde).trim();
            String rhs = (bar < 0 ? text.substring(tilde + 1) : text.substring(tilde + 1, bar)).trim();
            String rest = bar < 0 ? "" : " " + text.substring(bar).trim();
            return new Specs(spec,
                    spec.withFormula(Formula.parse(mediatorVar + " ~ " + rhs + rest)),
                    spec.withFormula(Formula.parse(lhs + " ~ " + rhs + " + " + mediatorVar + rest)));
        }

        /**
         * What a bootstrap replicate needs: point estimates only, so iid variance (no cluster checks on resampled data)
         * and, where the estimator does not use them, no panel keys (which would add the model-choice tests).
         */
        Specs forReplicates() {
            boolean keepPanel = !total.estimator().equals("ols") || total.formula().needsPanel()
                    || outcome.formula().needsPanel();
            return new Specs(point(total, keepPanel), point(mediator, keepPanel), point(outcome, keepPanel));
        }

        private static EstimateSpec point(EstimateSpec s, boolean keepPanel) {
            EstimateSpec p = s.withVcov(VcovSpec.IID);
            return keepPanel ? p : p.withPanel(null);
        }
    }

    /**
     * @param bootstrap replicates of the percentile bootstrap (0 for none)
     * @param runner    runs the replicates; each draws from {@code Seeds.stream(seed, STAGE, id)}
     */
    public static Map<String, Object> run(Table data, EstimateSpec spec, String treatment, String mediatorVar,
                                          int bootstrap, ReplicateRunner runner) {
        Specs specs = Specs.of(spec, treatment, mediatorVar);
        // Common sample: the rows the fullest model (Y on X, M and controls) keeps, with --where and winsorizing done.
        ModelFrame full = Estimators.frame(data, specs.outcome());
        Table sample = full.table().select(full.rows());
        Specs onSample = new Specs(clearSampleRules(specs.total()), clearSampleRules(specs.mediator()),
                clearSampleRules(specs.outcome()));
        Steps steps = fit(sample, onSample);
        int n = steps.outcome().nobs();
        if (steps.total().nobs() != n || steps.mediator().nobs() != n) {
            throw new IllegalArgumentException("the three steps use different samples (N = " + steps.total().nobs() + ", "
                    + steps.mediator().nobs() + ", " + n + "); lags of the outcome or mediator are not supported here");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> stepMaps = new LinkedHashMap<>();
        stepMaps.put("total_effect", Json.toMap(steps.total()));
        stepMaps.put("mediator", Json.toMap(steps.mediator()));
        stepMaps.put("outcome", Json.toMap(steps.outcome()));
        Map<String, Object> med = effects(steps, treatment, mediatorVar);
        if (bootstrap > 0) med.put("bootstrap_ci", bootstrap(sample, onSample, treatment, mediatorVar, bootstrap, runner));
        med.put("conventions", conventions(spec));
        out.put("mediation", med);
        out.put("steps", stepMaps);
        return out;
    }

    static Steps fit(Table t, Specs s) {
        return new Steps(Estimators.fit(t, s.total()), Estimators.fit(t, s.mediator()), Estimators.fit(t, s.outcome()));
    }

    private static EstimateSpec clearSampleRules(EstimateSpec s) {
        return s.withWhere(null).withWinsorize(List.of(), s.winsorLower(), s.winsorUpper());
    }

    static Map<String, Object> effects(Steps steps, String treatment, String mediatorVar) {
        Coefficient c = steps.total().require(treatment);
        Coefficient a = steps.mediator().require(treatment);
        Coefficient b = steps.outcome().require(mediatorVar);
        Coefficient direct = steps.outcome().require(treatment);
        double ab = a.estimate() * b.estimate();
        double base = b.estimate() * b.estimate() * a.stdError() * a.stdError()
                + a.estimate() * a.estimate() * b.stdError() * b.stdError();
        double product = a.stdError() * a.stdError() * b.stdError() * b.stdError();
        double sobelSe = Math.sqrt(base);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("treatment", treatment);
        m.put("mediator", mediatorVar);
        m.put("nobs", steps.outcome().nobs());
        m.put("total_effect", pair(c.estimate(), c.stdError()));
        m.put("a_path", pair(a.estimate(), a.stdError()));
        m.put("b_path", pair(b.estimate(), b.stdError()));
        m.put("direct_effect", pair(direct.estimate(), direct.stdError()));
        m.put("indirect_effect", pair(ab, sobelSe));
        m.put("sobel", test(ab, sobelSe));
        m.put("aroian", test(ab, Math.sqrt(base + product)));
        m.put("goodman", test(ab, base > product ? Math.sqrt(base - product) : Double.NaN));
        m.put("indirect_share", Json.finite(ab / c.estimate()));
        return m;
    }

    private static Map<String, Object> pair(double estimate, double se) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", Json.finite(estimate));
        m.put("std_error", Json.finite(se));
        return m;
    }

    private static Map<String, Object> test(double ab, double se) {
        double z = ab / se;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", Json.finite(z));
        m.put("p_value", Json.finite(Distributions.normalTwoSided(z)));
        return m;
    }

    /** Percentile interval of a*b over bootstrap samples of rows, or of whole units when a panel is given. */
    static Map<String, Object> bootstrap(Table sample, Specs specs, String treatment, String mediatorVar, int replicates,
                                         ReplicateRunner runner) {
        Specs point = specs.forReplicates();
        String unitVar = specs.total().panelId();
        int[][] units = unitRows(sample, unitVar);
        ReplicateTask<Double> task = (id, random) -> indirect(sample, point, treatment, mediatorVar, unitVar, units, random);
        List<Double> draws = runner.run(STAGE, replicates, task);
        double[] ok = draws.stream().filter(d -> Double.isFinite(d)).mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "percentile");
        m.put("level", 0.95);
        m.put("replicates", replicates);
        m.put("failed", replicates - ok.length);
        m.put("resampling", unitVar == null ? "observations" : "whole units of " + unitVar + " (relabelled per draw)");
        m.put("lower", ok.length == 0 ? null : quantile(ok, 0.025));
        m.put("upper", ok.length == 0 ? null : quantile(ok, 0.975));
        m.put("std_error", ok.length < 2 ? null : sd(ok));
        return m;
    }

    private static Double indirect(Table sample, Specs point, String treatment, String mediatorVar, String unitVar,
                                   int[][] units, SplittableRandom random) {
        try {
            Table t = resample(sample, unitVar, units, random);
            double a = Estimators.fit(t, point.mediator()).require(treatment).estimate();
            double b = Estimators.fit(t, point.outcome()).require(mediatorVar).estimate();
            return a * b;
        } catch (RuntimeException e) {
            return Double.NaN; // a degenerate draw (e.g. collinear); counted as failed
        }
    }

    /** Row indices of each unit (or each row alone without a panel). */
    static int[][] unitRows(Table t, String unitVar) {
        if (unitVar == null) {
            int[][] rows = new int[t.rows()][];
            for (int i = 0; i < rows.length; i++) rows[i] = new int[]{i};
            return rows;
        }
        String[] ids = t.text(unitVar);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) groups.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(i);
        return groups.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** Units drawn with replacement; a unit drawn twice becomes two units (new ids), so effects and lags stay apart. */
    static Table resample(Table t, String unitVar, int[][] units, SplittableRandom random) {
        int g = units.length;
        List<Integer> idx = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        for (int draw = 0; draw < g; draw++) {
            int u = random.nextInt(g);
            for (int r : units[u]) {
                idx.add(r);
                newIds.add("b" + draw);
            }
        }
        Table out = t.select(idx.stream().mapToInt(Integer::intValue).toArray());
        if (unitVar != null) out = out.withText(unitVar, newIds.toArray(String[]::new));
        return out;
    }

    /** Linear interpolation between order statistics (R's default quantile type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double sd(double[] v) {
        double m = Arrays.stream(v).average().orElse(Double.NaN);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    private static Map<String, Object> conventions(EstimateSpec spec) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("steps", "total_effect: Y ~ X + controls; mediator (a path): M ~ X + controls; outcome: Y ~ X + M + "
                + "controls (b path = coefficient of M, direct effect = coefficient of X); same fixed effects, variance ("
                + spec.vcov() + ") and sample (rows complete for the outcome model) in all three");
        c.put("sobel", "z = ab / sqrt(b^2 sa^2 + a^2 sb^2), normal p-value; indirect_effect.std_error is this Sobel s.e.");
        c.put("aroian", "z = ab / sqrt(b^2 sa^2 + a^2 sb^2 + sa^2 sb^2)");
        c.put("goodman", "z = ab / sqrt(b^2 sa^2 + a^2 sb^2 - sa^2 sb^2) (null when the radicand is not positive)");
        c.put("indirect_share", "ab / c with c the total effect");
        c.put("bootstrap", "percentile interval (R quantile type 7) of ab over replicates; replicate r draws from the "
                + "random stream of (seed, \"" + STAGE + "\", r); whole panel units are resampled when --panel is given");
        return c;
    }
}
