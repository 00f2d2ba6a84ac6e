package org.airesilience.econometrics.cli;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.distributed.ReplicateRunner;
import org.airesilience.distributed.ReplicateRunners;
import org.airesilience.distributed.SparkReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.threshold.LrCurvePlot;
import org.airesilience.econometrics.threshold.PanelThreshold;
import org.airesilience.econometrics.threshold.ThresholdResult;
import org.airesilience.econometrics.threshold.ThresholdSpec;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "threshold", mixinStandardHelpOptions = true,
        description = "Hansen (1999) panel threshold regression with bootstrap: sequential single, double, triple (and"
                + " more) thresholds, F tests with bootstrap p-values, LR confidence sets, regime coefficients.")
public final class ThresholdCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    RunReportOption report;

    @Mixin
    PanelDataOptions data;

    @Option(names = "--panel", required = true, split = ",", paramLabel = "ID,TIME", description = "Unit and time columns.")
    List<String> panel;

    @Option(names = "--y", required = true, description = "Dependent variable.")
    String y;

    @Option(names = "--x", split = ",", paramLabel = "X1,X2", description = "Regime-independent regressors.")
    List<String> x = List.of();

    @Option(names = "--regime", required = true, split = ",", paramLabel = "R",
            description = "Regime-dependent regressor(s), comma-separated.")
    List<String> regime;

    @Option(names = "--threshold", required = true, paramLabel = "Q", description = "Threshold variable.")
    String threshold;

    @Option(names = "--thresholds", defaultValue = "1", description = "Number of thresholds (default ${DEFAULT-VALUE}).")
    int thresholds;

    @Option(names = "--trim", split = ",", paramLabel = "T1,T2,...",
            description = "Trimming share per stage (default 0.01; the last value carries over to later stages).")
    List<Double> trim = List.of(0.01);

    @Option(names = "--grid", defaultValue = "0", paramLabel = "N",
            description = "Quantile grid of N points as xthreg's grid(N): p_k = t + (1-2t)(k-1)/(N-1), gamma_k = "
                    + "q_(ceil(p_k N_obs)); default every distinct value.")
    int grid;

    @Option(names = "--compat", paramLabel = "hansen1999",
            description = "hansen1999: reproduce Hansen's published program (demean, drop each unit's last period, "
                    + "his 393-point grid of the distinct values, window trimming).")
    String compat;

    @Option(names = "--time-effects", description = "Add time fixed effects.")
    boolean timeEffects;

    @Option(names = "--vcov", defaultValue = "conventional", paramLabel = "conventional|cluster",
            description = "Standard errors of the regime coefficients (default ${DEFAULT-VALUE}).")
    String vcov;

    @Option(names = "--bootstrap", paramLabel = "B", description = "Bootstrap replicates per stage (default from config).")
    Integer bootstrap;

    @Option(names = "--seed", description = "Run seed (default from config).")
    Long seed;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the replicate dataset.")
    Integer partitions;

    @Option(names = "--json", required = true, paramLabel = "OUT.json", description = "Result JSON (a path or a Hadoop file system URI).")
    String json;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write LR-curve figures (PNG and SVG) here.")
    Path plot;

    @Override
    public JobPlan plan() throws IOException {
        Config config = common.config();
        ThresholdSpec spec = spec(config);
        JobPlan plan = new JobPlan("threshold").input("data", data.path());
        Table table = data.checked(columns());
        if (table != null) {
            plan.step(String.format(Locale.ROOT, "%d threshold(s) in %s on %d rows, %d bootstrap replicates per stage "
                            + "(seed %d, runner %s)", thresholds, threshold, table.rows(), spec.bootstrap(),
                    seed(config), config.getString("airesilience.replicates.runner")));
        }
        plan.output("result JSON", json);
        if (plot != null) plan.output("figures", plot);
        return report.plan(plan);
    }

    /** The columns the model reads: panel keys, y, the threshold variable, x and the regime regressors. */
    private List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(panel.get(0), panel.get(1), y, threshold));
        columns.addAll(x);
        columns.addAll(regime);
        return columns;
    }

    private long seed(Config config) {
        return seed != null ? seed : config.getLong("airesilience.replicates.seed");
    }

    private ThresholdSpec spec(Config config) {
        if (panel.size() != 2) throw new IllegalArgumentException("--panel expects ID,TIME, got " + panel);
        if (compat != null && !compat.equals("hansen1999")) {
            throw new IllegalArgumentException("--compat supports only hansen1999, got " + compat);
        }
        int b = bootstrap != null ? bootstrap : config.getInt("airesilience.replicates.bootstrap");
        return new ThresholdSpec(panel.get(0), panel.get(1), y, x, regime, threshold, thresholds, trim,
                grid, compat != null, timeEffects, b, vcov, 0.95);
    }

    @Override
    public Integer call() throws Exception {
        return report.run("threshold", data.path(), this::run);
    }

    private Integer run(RunReport run) throws IOException {
        Config config = common.config();
        ThresholdSpec spec = spec(config);
        int b = spec.bootstrap();
        long runSeed = seed(config);
        Map<String, Object> accounting = new LinkedHashMap<>();
        Table table = data.sample(run, columns(), accounting);
        ReplicateRunner runner = b > 0 ? ReplicateRunners.create(config, runSeed, partitions, (long) b * table.rows()) : null;
        ThresholdResult result;
        try {
            result = run.stage("search and bootstrap", () -> PanelThreshold.estimate(table, spec, runner));
        } finally {
            if (runner instanceof SparkReplicateRunner) SparkSession.active().stop();
        }
        Map<String, Object> out = result.toJsonMap();
        out.put("seed", runSeed);
        out.put("sample", accounting);
        run.count("observations", table.rows()).count("thresholds", result.thresholds().size())
                .count("bootstrap_replicates_per_stage", b);
        run.stage("write outputs", () -> {
            Json.writeFile(json, out);
            if (plot != null) LrCurvePlot.save(result, threshold, plot);
        });
        run.output("result JSON", json);
        if (plot != null) run.output("figures", plot);
        print(result, System.out);
        return 0;
    }

    private static void print(ThresholdResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%5s  %-12s %-28s %12s %9s %6s %8s %8s %8s %6s%n", "stage", "threshold",
                "95% LR confidence set", "RSS", "F", "p", "crit10", "crit5", "crit1", "B");
        for (ThresholdResult.Stage s : r.stages()) {
            String ci = String.format(Locale.ROOT, "[%.6g, %.6g]", s.ci().low(), s.ci().high());
            out.printf(Locale.ROOT, "%5d  %-12.6g %-28s %12.6g %9.3f %6.3f %8.3f %8.3f %8.3f %6d%n", s.stage(),
                    s.estimate(), ci, s.rss(), s.fStatistic(), s.pValue(), s.crit10(), s.crit5(), s.crit1(),
                    s.replications());
            if (s.invalidReplications() > 0) {
                out.printf(Locale.ROOT, "       %d of %d bootstrap replicates invalid (fit failed), left out of p and"
                        + " critical values%n", s.invalidReplications(), s.replications());
            }
            if (s.refined() != null) {
                out.printf(Locale.ROOT, "       threshold 1 refined given threshold 2: %.6g [%.6g, %.6g]%n",
                        s.refined().estimate(), s.refined().ci().low(), s.refined().ci().high());
            }
        }
        for (ThresholdResult.NotEstimable n : r.notEstimable()) {
            out.printf(Locale.ROOT, "%5d  not estimable: %s%n", n.stage(), n.reason());
        }
        out.println("thresholds " + r.thresholds() + ", regime sizes " + r.regimeSizes());
        r.model().coefficients().forEach(c -> out.printf(Locale.ROOT, "  %-16s %12.6g  (se %.6g, t %.3f)%n",
                c.term(), c.estimate(), c.stdError(), c.statistic()));
    }
}
