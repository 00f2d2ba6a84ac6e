package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.gmm.DynamicFormula;
import org.airesilience.econometrics.gmm.DynamicPanelGmm;
import org.airesilience.econometrics.gmm.GmmConvention;
import org.airesilience.econometrics.gmm.GmmInstrument;
import org.airesilience.econometrics.gmm.GmmResult;
import org.airesilience.econometrics.gmm.GmmSpec;
import org.airesilience.econometrics.gmm.LaggedTerm;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "gmm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Arellano-Bond difference and Blundell-Bond system GMM for dynamic panels (as R's pgmm and "
                + "Stata's xtabond2).",
                "Example: gmm --data empluk.csv --panel firm,year --formula \"log(emp) ~ l(log(emp), 1:2) + "
                        + "l(log(wage), 0:1) + log(capital)\" --gmm \"log(emp):2:99\" --time-effects --twostep"})
public final class GmmCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    RunReportOption report;

    @Mixin
    PanelDataOptions data;

    @Option(names = "--panel", required = true, paramLabel = "ID,TIME", split = ",",
            description = "Unit and (numeric) period columns.")
    List<String> panel;

    @Option(names = "--formula", required = true, paramLabel = "FORMULA",
            description = "y ~ terms [| GMM instruments [| IV instruments]]; terms are v, log(v), l(expr, k) or "
                    + "l(expr, a:b), e.g. \"log(emp) ~ l(log(emp), 1:2) + l(log(wage), 0:1) + log(capital)\".")
    String formula;

    @Option(names = "--gmm", paramLabel = "VAR:MIN:MAX",
            description = "GMM-style instrument: lags MIN..MAX of VAR (MAX '.' or 99 = all), e.g. \"log(emp):2:99\". "
                    + "Repeatable; added to the formula's GMM part.")
    List<String> gmm = new ArrayList<>();

    @Option(names = "--iv", paramLabel = "TERMS",
            description = "IV-style instruments (exogenous), e.g. \"l(log(wage), 0:1) + log(capital)\". Repeatable. "
                    + "Default: every regressor whose variable is not a GMM-style instrument, with its lags.")
    List<String> iv = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Equations equations = new Equations();

    static final class Equations {
        @Option(names = "--system", description = "Blundell-Bond system GMM (differenced and level equations).")
        boolean system;
        @Option(names = "--difference", description = "Arellano-Bond difference GMM (the default).")
        boolean difference;
    }

    @ArgGroup(exclusive = true)
    Steps steps = new Steps();

    static final class Steps {
        @Option(names = "--twostep", description = "Two-step efficient GMM (Windmeijer-corrected standard errors).")
        boolean twoStep;
        @Option(names = "--onestep", description = "One-step GMM (the default).")
        boolean oneStep;
    }

    @Option(names = "--collapse", description = "Collapse GMM-style instruments to one column per lag.")
    boolean collapse;

    @Option(names = "--time-effects", description = "Add time dummies (pgmm effect = \"twoways\"). Default: none.")
    boolean timeEffects;

    @Option(names = "--nonrobust",
            description = "Report conventional instead of robust standard errors (robust: Arellano-Bond one-step "
                    + "sandwich, Windmeijer two-step).")
    boolean nonRobust;

    @Option(names = "--convention", paramLabel = "pgmm|xtabond2", defaultValue = "pgmm",
            description = "Reporting convention where R's pgmm and Stata's xtabond2 differ (non-robust one-step "
                    + "variance, Sargan statistic, level-equation instrument lag, nobs). Default: ${DEFAULT-VALUE}.")
    String convention;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write the estimate JSON here (a path or a Hadoop file system URI).")
    String json;

    @Override
    public JobPlan plan() throws IOException {
        common.config();
        if (panel.size() != 2) throw new IllegalArgumentException("--panel takes ID,TIME, got " + panel);
        GmmSpec spec = spec();
        JobPlan plan = new JobPlan("gmm").input("data", data.path());
        Table table = data.checked(List.of(spec.unit(), spec.time()));
        if (table != null) {
            plan.step((spec.twoStep() ? "two-step " : "one-step ") + (spec.system() ? "system" : "difference")
                    + " GMM of " + formula + " on " + table.rows() + " rows");
        }
        if (json != null) plan.output("result JSON", json);
        return report.plan(plan);
    }

    @Override
    public Integer call() throws Exception {
        return report.run("gmm", data.path(), this::run);
    }

    private Integer run(RunReport run) throws IOException {
        if (panel.size() != 2) throw new IllegalArgumentException("--panel takes ID,TIME, got " + panel);
        GmmSpec spec = spec();
        Map<String, Object> accounting = new LinkedHashMap<>();
        Table table = data.sample(run, columns(spec), accounting);
        GmmResult fit = run.stage("estimate", () -> {
            try {
                return DynamicPanelGmm.fit(table, spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(data.path() + ": " + e.getMessage(), e);
            }
        });
        EstimationResult result = fit.toEstimationResult();
        Map<String, Object> extra = new LinkedHashMap<>(result.extra());
        extra.put("sample", accounting);
        result = new EstimationResult(result.estimator(), result.nobs(), result.ngroups(), result.coefficients(),
                result.fit(), result.tests(), result.conventions(), extra);
        print(System.out, fit, result);
        run.count("rows", table.rows()).count("observations", result.nobs()).count("groups", result.ngroups());
        if (json != null) {
            Map<String, Object> out = Json.toMap(result);
            run.stage("write outputs", () -> Json.writeFile(json, out));
            run.output("result JSON", json);
        }
        return 0;
    }

    /** The data columns the model reads: panel keys and every variable of the response and regressors. */
    private static List<String> columns(GmmSpec spec) {
        Set<String> cols = new LinkedHashSet<>(List.of(spec.unit(), spec.time()));
        cols.addAll(Formula.parse(spec.formula().response() + " ~ 1").variables());
        for (LaggedTerm t : spec.formula().regressors()) cols.addAll(Formula.parse(t.expression() + " ~ 1").variables());
        return List.copyOf(cols);
    }

    GmmSpec spec() {
        DynamicFormula f = DynamicFormula.parse(formula);
        List<GmmInstrument> instruments = new ArrayList<>(f.gmmInstruments());
        for (String g : gmm) instruments.add(GmmInstrument.parse(g, false));
        List<LaggedTerm> ivTerms = new ArrayList<>(f.ivInstruments());
        for (String s : iv) ivTerms.addAll(DynamicFormula.parseTerms(s));
        GmmSpec spec = new GmmSpec(f, panel.get(0).trim(), panel.get(1).trim(), instruments, ivTerms,
                equations.system, steps.twoStep, timeEffects, !nonRobust, GmmConvention.parse(convention));
        return collapse ? spec.collapsed() : spec;
    }

    private static void print(PrintStream out, GmmResult fit, EstimationResult r) {
        GmmSpec s = fit.spec();
        out.printf(Locale.ROOT, "%s %s GMM%s (%s convention)%n", s.twoStep() ? "Two-step" : "One-step",
                s.system() ? "system" : "difference", s.timeEffects() ? " with time effects" : "", s.convention().label());
        out.printf(Locale.ROOT, "Groups: %d   Observations: %d   Instruments: %d%n", r.ngroups(), r.nobs(),
                fit.instrumentCount());
        out.printf(Locale.ROOT, "%-28s %12s %12s %9s %10s%n", "term", "estimate",
                s.robust() ? (s.twoStep() ? "Windmeijer" : "robust SE") : "std.error", "z", "P>|z|");
        for (Coefficient c : r.coefficients()) {
            out.printf(Locale.ROOT, "%-28s %12.6f %12.6f %9.3f %10.4g%n", c.term(), c.estimate(), c.stdError(),
                    c.statistic(), c.pValue());
        }
        for (var e : r.tests().entrySet()) {
            TestResult t = e.getValue();
            String df = Double.isNaN(t.df()) ? "" : String.format(Locale.ROOT, " (df %.0f)", t.df());
            out.printf(Locale.ROOT, "%-18s %12.4f%s  p = %.4g%n", e.getKey(), t.statistic(), df, t.pValue());
        }
    }
}
