package org.airesilience.econometrics.cli;

import org.airesilience.cli.JobPlan;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.SampleRules;
import org.airesilience.econometrics.effects.RandomEffects;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.model.VcovSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The model options shared by estimate, mediate, compare and placebo. */
public final class ModelOptions {
    @Mixin
    InputDataOption data;

    @Option(names = "--formula", required = true, paramLabel = "FORMULA",
            description = "fixest syntax: \"y ~ x1 + log(x2) + l(x3, 1) + x1:x4 | fe1 + fe2 | endo ~ z1 + z2\".")
    String formula;

    @Option(names = "--vcov", defaultValue = "iid", paramLabel = "iid|hetero|cluster:VAR",
            description = "Variance: iid, hetero (HC1) or cluster:VAR (Stata small-sample convention). Default: ${DEFAULT-VALUE}.")
    String vcov;

    @Option(names = "--panel", paramLabel = "ID,TIME", description = "Panel unit and time columns (needed by l(), fe without '|', re, fgls).")
    String panel;

    @Option(names = "--estimator", defaultValue = "ols", paramLabel = "ols|fe|re|fgls",
            description = "ols (absorbs the formula's fixed effects), fe (unit effects from --panel when the formula has none), "
                    + "re (Swamy-Arora random effects), fgls. Default: ${DEFAULT-VALUE}.")
    String estimator;

    @Option(names = "--fgls", defaultValue = "xtgls", paramLabel = "xtgls|pggls", description = "FGLS variant. Default: ${DEFAULT-VALUE}.")
    String fgls;

    @Mixin
    SampleOptions sample = new SampleOptions();

    @Option(names = "--re-method", defaultValue = "xtreg", paramLabel = "xtreg|plm",
            description = "Random-effects variance components on unbalanced panels: xtreg (Stata xtreg, re, T-bar = "
                    + "harmonic mean of T_i) or plm (R plm swar). They coincide on balanced panels. Default: ${DEFAULT-VALUE}.")
    String reMethod;

    @Option(names = "--re-effect", defaultValue = "individual", paramLabel = "individual|twoways",
            description = "Random effects of units, or of units and periods (twoways, balanced panels, as R plm). "
                    + "Default: ${DEFAULT-VALUE}.")
    String reEffect;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write the result as JSON (a path or a Hadoop file system URI).")
    String json;

    /** The data table (read once per call). */
    public Table data() {
        return data.read();
    }

    public Path dataPath() {
        return data.path();
    }

    /** Where to write JSON (a path or URI), or null. */
    public String json() {
        return json;
    }

    /**
     * The dry-run plan of a model command: the data must exist and hold the model's columns (its estimation sample
     * is built, nothing is fitted); the JSON goes to --json.
     */
    public JobPlan plan(String job, String what) {
        JobPlan plan = new JobPlan(job).input("data", data.path());
        EstimateSpec spec = spec();
        if (Files.isRegularFile(data.path())) {
            ModelFrame frame = Estimators.frame(data(), spec);
            plan.step(String.format(java.util.Locale.ROOT, "%s: %s, estimator %s, vcov %s, on %d observations (%d rows dropped)",
                    what, formula, estimator, vcov, frame.nobs(), frame.dropped()));
        }
        if (json != null) plan.output("result JSON", json);
        return plan;
    }

    public EstimateSpec spec() {
        SampleRules rules = sample.rules();
        PanelKeys keys = PanelKeys.parse(panel);
        return new EstimateSpec(Formula.parse(formula), estimator, VcovSpec.parse(vcov),
                keys == null ? null : keys.id(), keys == null ? null : keys.time(), rules.where(), rules.winsorize(),
                rules.lower(), rules.upper(), fgls,
                new RandomEffects.Options(RandomEffects.Method.parse(reMethod), RandomEffects.Effect.parse(reEffect)));
    }
}
