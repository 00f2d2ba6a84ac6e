package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.econometrics.groups.GroupComparison;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "The same model per group, and a test that a coefficient differs between groups.")
public final class CompareCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    RunReportOption report;

    @Mixin
    ModelOptions model;

    @Option(names = "--by", required = true, paramLabel = "GROUP", description = "Column whose values define the groups.")
    String by;

    @Option(names = "--term", required = true, paramLabel = "X", description = "The coefficient compared across groups.")
    String term;

    @Option(names = "--interaction", description = "Two groups: also test the difference by the pooled model with the "
            + "term interacted with the second group's indicator (Chow-type).")
    boolean interaction;

    @Override
    public JobPlan plan() {
        common.config();
        return report.plan(model.plan("compare", "fit by each group of " + by + ", comparing " + term));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        return report.run("compare", model.dataPath(), this::run);
    }

    private Integer run(RunReport run) {
        var data = run.stage("read data", model::data);
        Map<String, Object> out = run.stage("estimate", () -> GroupComparison.run(data, model.spec(), by, term, interaction));
        run.count("rows", data.rows()).count("groups", ((List<?>) out.get("groups")).size());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Coefficient of %s by %s%n", term, by));
        for (Map<String, Object> g : (List<Map<String, Object>>) out.get("groups")) {
            sb.append(String.format(Locale.ROOT, "  %-20s %12.6g  (s.e. %.6g)  N = %s%n", g.get("group"), g.get("estimate"),
                    g.get("std_error"), g.get("nobs")));
        }
        Map<String, Object> tests = (Map<String, Object>) out.get("tests");
        Map<String, Object> z = (Map<String, Object>) tests.get("difference_z");
        if (z != null) sb.append(String.format(Locale.ROOT, "  difference z = %.4f, p = %.4g%n", z.get("statistic"), z.get("p_value")));
        Map<String, Object> p = (Map<String, Object>) tests.get("pooled_interaction");
        if (p != null) sb.append(String.format(Locale.ROOT, "  pooled interaction t = %.4f, p = %.4g%n", p.get("statistic"), p.get("p_value")));
        Map<String, Object> w = (Map<String, Object>) tests.get("equality_wald");
        sb.append(String.format(Locale.ROOT, "  equality Wald chi2(%s) = %.4f, p = %.4g%n", w.get("df"), w.get("statistic"), w.get("p_value")));
        System.out.print(sb);
        if (model.json() != null) {
            run.stage("write outputs", () -> Json.writeFile(model.json(), out));
            run.output("result JSON", model.json());
        }
        return 0;
    }
}
