package org.airesilience.econometrics;

import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.SampleRules;
import org.airesilience.econometrics.effects.RandomEffects;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.model.VcovSpec;

import java.util.List;
import java.util.Locale;

/**
 * One model to estimate, as the command line states it.
 *
 * @param formula      the model (fixest syntax)
 * @param estimator    ols | fe | re | fgls (ols with fixed effects in the formula absorbs them)
 * @param vcov         variance convention
 * @param panelId      panel unit column, or null
 * @param panelTime    panel time column, or null
 * @param where        row filter expression (see {@link org.airesilience.econometrics.data.RowFilter}), or null
 * @param winsorize    columns to winsorize on the estimation sample (empty: none)
 * @param winsorLower  lower cut percentile (winsor2 default 1)
 * @param winsorUpper  upper cut percentile (winsor2 default 99)
 * @param fglsVariant  xtgls | pggls (used by the fgls estimator)
 * @param randomEffects variance-component convention and effects of the re estimator (null: xtreg, individual)
 */
public record EstimateSpec(Formula formula, String estimator, VcovSpec vcov, String panelId, String panelTime,
                           String where, List<String> winsorize, double winsorLower, double winsorUpper,
                           String fglsVariant, RandomEffects.Options randomEffects) {
    public static final List<String> ESTIMATORS = List.of("ols", "fe", "re", "fgls");
    public static final List<String> FGLS_VARIANTS = List.of("xtgls", "pggls");

    public EstimateSpec {
        if (formula == null) throw new IllegalArgumentException("no formula");
        estimator = estimator == null ? "ols" : estimator.trim().toLowerCase(Locale.ROOT);
        if (!ESTIMATORS.contains(estimator)) {
            throw new IllegalArgumentException("unknown estimator '" + estimator + "': use one of " + ESTIMATORS);
        }
        vcov = vcov == null ? VcovSpec.IID : vcov;
        if ((panelId == null) != (panelTime == null)) throw new IllegalArgumentException("panel needs both ID and TIME");
        winsorize = winsorize == null ? List.of() : List.copyOf(winsorize);
        if (!(winsorLower >= 0 && winsorLower < winsorUpper && winsorUpper <= 100)) {
            throw new IllegalArgumentException("winsor cuts must satisfy 0 <= lower < upper <= 100, got "
                    + winsorLower + "," + winsorUpper);
        }
        fglsVariant = fglsVariant == null ? "xtgls" : fglsVariant.trim().toLowerCase(Locale.ROOT);
        if (!FGLS_VARIANTS.contains(fglsVariant)) {
            throw new IllegalArgumentException("unknown FGLS variant '" + fglsVariant + "': use one of " + FGLS_VARIANTS);
        }
        randomEffects = randomEffects == null ? RandomEffects.Options.DEFAULT : randomEffects;
    }

    /** OLS of the formula with iid variance, no panel, filter or winsorizing. */
    public static EstimateSpec of(String formula) {
        return new EstimateSpec(Formula.parse(formula), "ols", VcovSpec.IID, null, null, null, List.of(), 1, 99, null, null);
    }

    /** The row filter and winsorizing of this specification. */
    public SampleRules sampleRules() {
        return new SampleRules(where, winsorize, winsorLower, winsorUpper);
    }

    /** The panel keys, or null. */
    public PanelKeys panel() {
        return panelId == null ? null : new PanelKeys(panelId, panelTime);
    }

    public EstimateSpec withFormula(Formula f) {
        return new EstimateSpec(f, estimator, vcov, panelId, panelTime, where, winsorize, winsorLower, winsorUpper, fglsVariant,
                randomEffects);
    }

    public EstimateSpec withEstimator(String e) {
        return new EstimateSpec(formula, e, vcov, panelId, panelTime, where, winsorize, winsorLower, winsorUpper, fglsVariant,
                randomEffects);
    }

    public EstimateSpec withVcov(VcovSpec v) {
        return new EstimateSpec(formula, estimator, v, panelId, panelTime, where, winsorize, winsorLower, winsorUpper, fglsVariant,
                randomEffects);
    }

    public EstimateSpec withPanel(PanelKeys p) {
        return new EstimateSpec(formula, estimator, vcov, p == null ? null : p.id(), p == null ? null : p.time(), where,
                winsorize, winsorLower, winsorUpper, fglsVariant,
                randomEffects);
    }

    public EstimateSpec withWhere(String w) {
        return new EstimateSpec(formula, estimator, vcov, panelId, panelTime, w, winsorize, winsorLower, winsorUpper, fglsVariant,
                randomEffects);
    }

    public EstimateSpec withWinsorize(List<String> vars, double lower, double upper) {
        return new EstimateSpec(formula, estimator, vcov, panelId, panelTime, where, vars, lower, upper, fglsVariant,
                randomEffects);
    }

    public EstimateSpec withRandomEffects(RandomEffects.Options o) {
        return new EstimateSpec(formula, estimator, vcov, panelId, panelTime, where, winsorize, winsorLower, winsorUpper,
                fglsVariant, o);
    }

    public EstimateSpec withFglsVariant(String v) {
        return new EstimateSpec(formula, estimator, vcov, panelId, panelTime, where, winsorize, winsorLower, winsorUpper, v,
                randomEffects);
    }
}
