package org.airesilience.econometrics.placebo;

import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.effects.RandomEffects;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.formula.Term;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model of the econometrics core ({@link Estimators#fit}) as a placebo model. It travels to executors as the text
 * of its specification and is parsed again there. Row filter and winsorizing are not part of it: the placebo test
 * applies them once, before the draws, so every draw refits the same estimation sample.
 */
public final class SpecifiedModel implements PlaceboModel {
    private static final long serialVersionUID = 1L;

    private final String formula;
    private final String estimator;
    private final String vcov;
    private final String panelId;
    private final String panelTime;
    private final String fglsVariant;
    private final RandomEffects.Options randomEffects;
    private transient volatile EstimateSpec spec;

    public SpecifiedModel(EstimateSpec spec) {
        this.formula = spec.formula().text();
        this.estimator = spec.estimator();
        this.vcov = spec.vcov().toString();
        this.panelId = spec.panelId();
        this.panelTime = spec.panelTime();
        this.fglsVariant = spec.fglsVariant();
        this.randomEffects = spec.randomEffects();
    }

    /** The specification each draw fits: the given one without row filter and winsorizing. */
    public EstimateSpec spec() {
        EstimateSpec s = spec;
        if (s == null) {
            s = new EstimateSpec(Formula.parse(formula), estimator, VcovSpec.parse(vcov), panelId, panelTime, null,
                    List.of(), 1, 99, fglsVariant, randomEffects);
            spec = s;
        }
        return s;
    }

    @Override
    public List<String> variables() {
        Formula f = spec().formula();
        Set<String> vars = new LinkedHashSet<>();
        for (Term t : f.allTerms()) t.factors().forEach(x -> vars.add(x.variable()));
        return List.copyOf(vars);
    }

    @Override
    public EstimationResult fit(Table data) {
        return Estimators.fit(data, spec());
    }
}
