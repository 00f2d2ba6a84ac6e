package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.econometrics.mediation.Mediation;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "mediate", mixinStandardHelpOptions = true,
        description = "Three-step mediation with Sobel, Aroian and Goodman tests and an optional bootstrap interval.")
public final class MediateCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    RunReportOption report;

    @Mixin
    ModelOptions model;

    @Option(names = "--treatment", required = true, paramLabel = "X", description = "The treatment term of the formula.")
    String treatment;

    @Option(names = "--mediator", required = true, paramLabel = "M", description = "The mediator column (not in the formula).")
    String mediator;

    @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "B",
            description = "Bootstrap replicates for a percentile interval of the indirect effect (0 = none).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed (default: airesilience.replicates.seed).")
    Long seed;

    @Override
    public JobPlan plan() {
        if (bootstrap < 0) throw new IllegalArgumentException("--bootstrap must be >= 0");
        long runSeed = seed != null ? seed : common.config().getLong("airesilience.replicates.seed");
        return report.plan(model.plan("mediate", "mediation of " + treatment + " through " + mediator + " ("
                + bootstrap + " bootstrap replicates, seed " + runSeed + ")"));
    }

    @Override
    public Integer call() throws Exception {
        return report.run("mediate", model.dataPath(), this::run);
    }

    @SuppressWarnings("unchecked")
    private Integer run(RunReport run) {
        if (bootstrap < 0) throw new IllegalArgumentException("--bootstrap must be >= 0");
        long runSeed = seed != null ? seed : common.config().getLong("airesilience.replicates.seed");
        var data = run.stage("read data", model::data);
        Map<String, Object> out = run.stage("estimate", () -> Mediation.run(data, model.spec(), treatment, mediator,
                bootstrap, new LocalReplicateRunner(runSeed, true)));
        run.count("rows", data.rows()).count("bootstrap_replicates", bootstrap);
        Map<String, Object> med = (Map<String, Object>) out.get("mediation");
        if (bootstrap > 0) ((Map<String, Object>) med.get("bootstrap_ci")).put("seed", runSeed);
        System.out.print(summary(med));
        if (model.json() != null) {
            run.stage("write outputs", () -> Json.writeFile(model.json(), out));
            run.output("result JSON", model.json());
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static String summary(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mediation of %s through %s (N = %s)%n", m.get("treatment"), m.get("mediator"), m.get("nobs")));
        for (String k : new String[]{"total_effect", "a_path", "b_path", "direct_effect", "indirect_effect"}) {
            Map<String, Object> e = (Map<String, Object>) m.get(k);
            sb.append(String.format(Locale.ROOT, "  %-16s %12.6g  (s.e. %.6g)%n", k, e.get("estimate"), e.get("std_error")));
        }
        for (String k : new String[]{"sobel", "aroian", "goodman"}) {
            Map<String, Object> t = (Map<String, Object>) m.get(k);
            sb.append(String.format(Locale.ROOT, "  %-16s z = %9.4f  p = %.4g%n", k, t.get("statistic"), t.get("p_value")));
        }
        Object share = m.get("indirect_share");
        sb.append(share instanceof Number s
                ? String.format(Locale.ROOT, "  indirect share   %.4f  (ab/c: %.3f%% of the total effect)%n", s.doubleValue(), 100 * s.doubleValue())
                : "  indirect share   undefined (total effect 0)\n");
        Object ci = m.get("bootstrap_ci");
        if (ci != null) {
            Map<String, Object> b = (Map<String, Object>) ci;
            sb.append(String.format(Locale.ROOT, "  bootstrap 95%% CI [%s, %s] from %s replicates (%s failed)%n",
                    b.get("lower"), b.get("upper"), b.get("replicates"), b.get("failed")));
        }
        return sb.toString();
    }
}
