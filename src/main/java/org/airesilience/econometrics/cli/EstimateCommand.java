package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.cli.RunReportOption;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.report.Json;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate a linear panel model (OLS, FE, RE, IV, FGLS) from a formula; table to stdout, JSON with --json.")
public final class EstimateCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelOptions model;

    @Mixin
    RunReportOption report;

    @Override
    public JobPlan plan() {
        common.config();
        return report.plan(model.plan("estimate", "fit"));
    }

    @Override
    public Integer call() throws Exception {
        return report.run("estimate", model.dataPath(), this::run);
    }

    private Integer run(RunReport run) {
        var data = run.stage("read data", model::data);
        EstimationResult r = run.stage("estimate", () -> Estimators.fit(data, model.spec()));
        run.count("rows", data.rows()).count("observations", r.nobs());
        System.out.print(RegressionTable.format(r));
        if (model.json() != null) {
            run.stage("write outputs", () -> Json.writeFile(model.json(), Json.toMap(r)));
            run.output("result JSON", model.json());
        }
        return 0;
    }
}
