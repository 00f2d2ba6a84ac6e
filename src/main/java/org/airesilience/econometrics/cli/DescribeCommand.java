package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.econometrics.data.Descriptives;
import org.airesilience.econometrics.data.SampleRules;
import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Descriptive statistics (N, mean, sd, median, min, max) per variable over its non-missing values.")
public final class DescribeCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    RunReportOption report;

    @Mixin
    InputDataOption data;

    @Option(names = "--vars", required = true, split = ",", paramLabel = "A,B,C", description = "Numeric columns to describe.")
    List<String> vars;

    @Mixin
    SampleOptions sample = new SampleOptions();

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write the statistics as JSON (a path or a Hadoop file system URI).")
    String json;

    @Override
    public JobPlan plan() throws IOException {
        common.config();
        JobPlan plan = new JobPlan("describe").input("data", data.path());
        if (java.nio.file.Files.isRegularFile(data.path())) {
            Table t = Table.readCsv(data.path());
            for (String v : vars) if (!t.has(v)) throw new IllegalArgumentException(data.path() + " has no column " + v);
            plan.step("describe " + vars + " over " + t.rows() + " rows" + (sample.where == null ? "" : " where " + sample.where));
        }
        if (json != null) plan.output("statistics JSON", json);
        return report.plan(plan);
    }

    @Override
    public Integer call() throws Exception {
        return report.run("describe", data.path(), this::run);
    }

    private Integer run(RunReport run) {
        Table t = run.stage("read data", data::read);
        run.count("rows", t.rows());
        // Each column is winsorized over its own non-missing values after --where (describe has no model sample).
        SampleRules rules = sample.rules();
        Map<String, Object> accounting = new LinkedHashMap<>();
        t = rules.filter(t, accounting);
        for (String w : rules.winsorize()) {
            t = new SampleRules(null, List.of(w), rules.lower(), rules.upper())
                    .winsorize(t, SampleRules.completeRows(t, List.of(w)), accounting);
        }
        Table sampled = t;
        List<Descriptives.Summary> stats = run.stage("describe", () -> Descriptives.of(sampled, vars));
        run.count("variables", vars.size());
        int width = Math.max(8, vars.stream().mapToInt(String::length).max().orElse(8));
        System.out.printf(Locale.ROOT, "%-" + width + "s %8s %14s %14s %14s %14s %14s%n", "variable", "N", "mean", "sd", "median", "min", "max");
        for (Descriptives.Summary s : stats) {
            System.out.printf(Locale.ROOT, "%-" + width + "s %8d %14.4f %14.4f %14.4f %14.4f %14.4f%n", s.variable(), s.n(),
                    s.mean(), s.sd(), s.median(), s.min(), s.max());
        }
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("data", data.path().getFileName().toString());
            out.putAll(accounting);
            out.put("conventions", "per variable over its non-missing values (Stata summarize); sd with n - 1; "
                    + "median by Stata's _pctile definition");
            out.put("statistics", stats.stream().map(Descriptives.Summary::toJsonMap).toList());
            run.stage("write outputs", () -> Json.writeFile(json, out));
            run.output("statistics JSON", json);
        }
        return 0;
    }
}
