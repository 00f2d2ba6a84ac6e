package org.airesilience.econometrics.gmm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything that defines a dynamic panel GMM fit.
 *
 * @param formula      response and regressors (and, optionally, instrument parts)
 * @param unit         panel unit column
 * @param time         panel time column (numeric)
 * @param gmm          GMM-style instruments (at least one)
 * @param iv           IV-style instruments; empty means pgmm's default: every regressor whose expression is not a
 *                     GMM-style instrument, with the same lags
 * @param system       Blundell-Bond system GMM (differenced and level equations) instead of difference GMM
 * @param twoStep      two-step efficient GMM (with Windmeijer-corrected robust variance)
 * @param timeEffects  time dummies (pgmm effect = "twoways")
 * @param robust       report robust standard errors (one-step: Arellano-Bond sandwich; two-step: Windmeijer)
 * @param convention   pgmm or xtabond2 reporting convention
 */
public record GmmSpec(DynamicFormula formula, String unit, String time, List<GmmInstrument> gmm, List<LaggedTerm> iv,
                      boolean system, boolean twoStep, boolean timeEffects, boolean robust, GmmConvention convention) {

    public GmmSpec {
        gmm = List.copyOf(gmm);
        iv = List.copyOf(iv);
        if (gmm.isEmpty()) {
            throw new IllegalArgumentException("no GMM-style instruments: give them in the formula (y ~ x | l(y, 2:99)) "
                    + "or with --gmm VAR:MIN:MAX");
        }
    }

    /** Defaults: difference GMM, one-step, no time effects, robust reporting, pgmm conventions. */
    public static GmmSpec of(DynamicFormula formula, String unit, String time) {
        return new GmmSpec(formula, unit, time, formula.gmmInstruments(), formula.ivInstruments(), false, false, false,
                true, GmmConvention.PGMM);
    }

    public GmmSpec withSystem(boolean s) {
        return new GmmSpec(formula, unit, time, gmm, iv, s, twoStep, timeEffects, robust, convention);
    }

    public GmmSpec withTwoStep(boolean s) {
        return new GmmSpec(formula, unit, time, gmm, iv, system, s, timeEffects, robust, convention);
    }

    public GmmSpec withTimeEffects(boolean s) {
        return new GmmSpec(formula, unit, time, gmm, iv, system, twoStep, s, robust, convention);
    }

    public GmmSpec withRobust(boolean s) {
        return new GmmSpec(formula, unit, time, gmm, iv, system, twoStep, timeEffects, s, convention);
    }

    public GmmSpec withConvention(GmmConvention c) {
        return new GmmSpec(formula, unit, time, gmm, iv, system, twoStep, timeEffects, robust, c);
    }

    /** Every GMM-style instrument collapsed (one column per lag instead of one per period and lag). */
    public GmmSpec collapsed() {
        return new GmmSpec(formula, unit, time, gmm.stream().map(g -> g.withCollapse(true)).toList(), iv, system,
                twoStep, timeEffects, robust, convention);
    }

    /** The IV-style instruments actually used (the explicit list, else pgmm's default). */
    public List<LaggedTerm> effectiveIv() {
        if (!iv.isEmpty()) return iv;
        Set<String> gmmVars = new LinkedHashSet<>();
        for (GmmInstrument g : gmm) gmmVars.add(g.expression());
        List<LaggedTerm> out = new ArrayList<>();
        for (LaggedTerm t : formula.regressors()) {
            if (!gmmVars.contains(t.expression())) out.add(t);
        }
        return out;
    }
}
