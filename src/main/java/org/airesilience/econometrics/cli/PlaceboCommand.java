package org.airesilience.econometrics.cli;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.distributed.ReplicateRunner;
import org.airesilience.distributed.ReplicateRunners;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.placebo.PermutationScheme;
import org.airesilience.econometrics.placebo.Placebo;
import org.airesilience.econometrics.placebo.PlaceboPlot;
import org.airesilience.econometrics.placebo.PlaceboResult;
import org.airesilience.econometrics.placebo.PlaceboSpec;
import org.airesilience.econometrics.placebo.SpecifiedModel;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "placebo", mixinStandardHelpOptions = true,
        description = {"Placebo permutation test of a model's core regressor: the model is refitted on --draws copies "
                + "of the data with VAR randomly reassigned, and the real estimate is compared with the placebo "
                + "distribution.",
                "Randomization p-value (two-sided): (number of draws with |estimate| >= |real estimate| + 1) / "
                        + "(draws + 1)."})
public final class PlaceboCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    RunReportOption report;

    @Mixin
    ModelOptions model;

    @Option(names = "--permute", required = true, paramLabel = "VAR", description = "The column to reassign at random.")
    String permute;

    @Option(names = "--term", paramLabel = "TERM",
            description = "The coefficient to collect when it is not VAR itself, e.g. \"log(x)\". Default: VAR.")
    String term;

    @Option(names = "--scheme", defaultValue = "all", paramLabel = "units|all|within-time",
            description = "all: shuffle across all observations; units: each unit takes another unit's whole time path "
                    + "(among units observed in the same periods); within-time: shuffle within each period "
                    + "(units and within-time need --panel ID,TIME). Default: ${DEFAULT-VALUE}.")
    String scheme;

    @Option(names = "--draws", paramLabel = "B", description = "Number of placebo draws. Default: replicates.draws (1000).")
    Integer draws;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed. Default: replicates.seed.")
    Long seed;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write the kernel-density figure (PNG and SVG) here.")
    Path plot;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the dataset of draw ids. Default: spark.partitions. Results do not depend on it.")
    Integer partitions;

    @Override
    public JobPlan plan() {
        Config config = common.config();
        long runSeed = seed != null ? seed : config.getLong("airesilience.replicates.seed");
        int b = draws != null ? draws : config.getInt("airesilience.replicates.draws");
        PermutationScheme.parse(scheme);
        JobPlan plan = model.plan("placebo", "fit, then " + b + " placebo draws of " + permute + " (scheme " + scheme
                + ", seed " + runSeed + ", runner " + config.getString("airesilience.replicates.runner") + ")");
        if (plot != null) plan.output("figures", plot);
        return report.plan(plan);
    }

    @Override
    public Integer call() throws Exception {
        return report.run("placebo", model.dataPath(), this::run);
    }

    private Integer run(RunReport run) {
        Config config = common.config();
        EstimateSpec spec = model.spec();
        Table data = run.stage("read data", model::data);
        long runSeed = seed != null ? seed : config.getLong("airesilience.replicates.seed");
        int b = draws != null ? draws : config.getInt("airesilience.replicates.draws");
        PlaceboSpec placebo = new PlaceboSpec(permute, term, PermutationScheme.parse(scheme), spec.panelId(),
                spec.panelTime(), b, runSeed);

        SpecifiedModel specified = new SpecifiedModel(spec);
        Placebo.checkPermutable(placebo, specified);
        EstimationResult real = run.stage("estimate", () -> Estimators.fit(data, spec));
        // Row filter, winsorizing and listwise deletion once; every draw refits this estimation sample.
        ModelFrame frame = Estimators.frame(data, spec);
        ReplicateRunner runner = ReplicateRunners.create(config, runSeed, partitions, (long) b * frame.nobs());
        PlaceboResult result = run.stage("placebo draws", () -> Placebo.run(frame.table(), frame.rows(), real,
                specified, placebo, runner));
        run.count("rows", data.rows()).count("observations", frame.nobs()).count("draws", b);

        System.out.print(RegressionTable.format(real));
        System.out.println(summary(result));
        run.stage("write outputs", () -> {
            if (plot != null) {
                List<Path> files = PlaceboPlot.save(result, plot);
                files.forEach(f -> System.out.println("figure: " + f));
                run.output("figures", plot);
            }
            if (model.json() != null) {
                Json.writeFile(model.json(), result.toJsonMap());
                run.output("result JSON", model.json());
            }
        });
        return 0;
    }

    static String summary(PlaceboResult r) {
        return String.format(Locale.ROOT, "Placebo test of %s (scheme %s, %d draws, seed %d): real estimate %.6g; "
                        + "placebo mean %.6g, sd %.6g; %d of %d draws at least as extreme; randomization p-value %.4f%s",
                r.spec().term(), r.spec().scheme().label(), r.draws().size(), r.spec().seed(), r.realEstimate(),
                r.mean(), r.sd(), r.atLeastAsExtreme(), r.validEstimates().length, r.randomizationPValue(),
                r.invalidDraws() == 0 ? "" : "; " + r.invalidDraws() + " invalid draws (fit failed) left out");
    }
}
