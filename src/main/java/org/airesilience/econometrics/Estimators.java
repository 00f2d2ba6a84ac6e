package org.airesilience.econometrics;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.SampleRules;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.fgls.PanelFgls;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.iv.TwoStageLeastSquares;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.LinearRegression;
import org.airesilience.econometrics.model.TestResult;
import org.airesilience.econometrics.model.VcovSpec;
import org.airesilience.econometrics.effects.ModelChoiceTests;
import org.airesilience.econometrics.effects.RandomEffects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The single entry from a model specification to a result: sample rules, model frame, estimator. */
public final class Estimators {
    private Estimators() {
    }

    public static EstimationResult fit(Table data, EstimateSpec spec) {
        Prepared p = prepare(data, spec);
        EstimationResult r = dispatch(p.frame(), spec);
        if (isUnitEffectsModel(p.frame(), spec)) {
            List<String> required = spec.vcov().type() == VcovSpec.Type.CLUSTER ? List.of(spec.vcov().clusterVar()) : List.of();
            r = withTests(r, ModelChoiceTests.compute(p.table(), p.frame().formula(), spec.panel(), required,
                    spec.randomEffects().method()));
        }
        return withSample(r, p.sample());
    }

    /** Random effects, or fixed effects of exactly the panel unit: the model-choice tests apply. */
    private static boolean isUnitEffectsModel(ModelFrame frame, EstimateSpec spec) {
        if (spec.panel() == null || frame.formula().hasIv()) return false;
        if (spec.estimator().equals("re")) return true;
        return frame.formula().fixedEffects().equals(List.of(spec.panelId())) && frame.formula().intercept();
    }

    private static EstimationResult withTests(EstimationResult r, Map<String, TestResult> tests) {
        Map<String, TestResult> all = new LinkedHashMap<>(r.tests());
        all.putAll(tests);
        Map<String, Object> conventions = new LinkedHashMap<>(r.conventions());
        conventions.put("model_choice_tests", "f_individual: F test of unit effects, within vs pooled OLS (plm pFtest); "
                + "breusch_pagan_lm: LM test for unit random effects on pooled OLS residuals (plm plmtest type \"bp\", Stata xttest0); "
                + "hausman: within vs one-way Swamy-Arora random effects (of the chosen --re-method) with conventional"
                + " variances (plm phtest, Stata hausman)");
        return new EstimationResult(r.estimator(), r.nobs(), r.ngroups(), r.coefficients(), r.fit(), all, conventions, r.extra());
    }

    /** The estimation sample of a specification: filter, winsorizing and listwise deletion applied. */
    public static ModelFrame frame(Table data, EstimateSpec spec) {
        return prepare(data, spec).frame();
    }

    private record Prepared(Table table, ModelFrame frame, Map<String, Object> sample) {
    }

    private static Prepared prepare(Table data, EstimateSpec spec) {
        Map<String, Object> sample = new LinkedHashMap<>();
        SampleRules rules = spec.sampleRules();
        Table t = rules.filter(data, sample);
        Formula formula = modelFormula(spec);
        PanelKeys panel = spec.panel();
        List<String> required = spec.vcov().type() == VcovSpec.Type.CLUSTER ? List.of(spec.vcov().clusterVar()) : List.of();
        ModelFrame frame = ModelFrame.build(t, formula, panel, required);
        if (!rules.winsorize().isEmpty()) {
            t = rules.winsorize(t, frame.rows(), sample);
            frame = ModelFrame.build(t, formula, panel, required);
        }
        sample.put("rows_dropped_missing", frame.dropped());
        sample.put("nobs", frame.nobs());
        return new Prepared(t, frame, sample);
    }

    /** The formula the estimator fits: {@code --estimator fe} without a fixed-effect part absorbs the panel unit. */
    static Formula modelFormula(EstimateSpec spec) {
        Formula f = spec.formula();
        switch (spec.estimator()) {
            case "fe" -> {
                if (!f.hasFixedEffects()) {
                    if (spec.panel() == null) {
                        throw new IllegalArgumentException("--estimator fe needs fixed effects in the formula (y ~ x | id) or --panel ID,TIME");
                    }
                    return f.withFixedEffects(List.of(spec.panelId()));
                }
                return f;
            }
            case "re", "fgls" -> {
                if (spec.panel() == null) throw new IllegalArgumentException("--estimator " + spec.estimator() + " needs --panel ID,TIME");
                boolean pgglsWithin = spec.estimator().equals("fgls") && spec.fglsVariant().equals("pggls")
                        && f.fixedEffects().equals(List.of(spec.panelId()));
                if (f.hasFixedEffects() && !pgglsWithin) {
                    throw new IllegalArgumentException("--estimator " + spec.estimator()
                            + " takes no fixed-effect part in the formula ('" + f + "')");
                }
                return f;
            }
            default -> {
                return f;
            }
        }
    }

    private static EstimationResult dispatch(ModelFrame frame, EstimateSpec spec) {
        if (frame.formula().hasIv()) {
            if (!spec.estimator().equals("ols") && !spec.estimator().equals("fe")) {
                throw new IllegalArgumentException("IV formulas are estimated by 2SLS; --estimator " + spec.estimator()
                        + " does not apply (fixed effects go in the formula: y ~ x | fe | endo ~ z)");
            }
            return TwoStageLeastSquares.fit(frame, spec.vcov());
        }
        return switch (spec.estimator()) {
            case "re" -> RandomEffects.fit(frame, spec.vcov(), spec.randomEffects());
            case "fgls" -> PanelFgls.fit(frame, spec.fglsVariant());
            default -> LinearRegression.fit(frame, spec.vcov());
        };
    }

    private static EstimationResult withSample(EstimationResult r, Map<String, Object> sample) {
        Map<String, Object> extra = new LinkedHashMap<>(r.extra());
        extra.put("sample", sample);
        return new EstimationResult(r.estimator(), r.nobs(), r.ngroups(), new ArrayList<>(r.coefficients()), r.fit(),
                r.tests(), r.conventions(), extra);
    }
}
