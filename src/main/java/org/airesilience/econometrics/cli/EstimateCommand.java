package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.report.Json;
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

    @Override
    public JobPlan plan() {
        common.config();
        return model.plan("estimate", "fit");
    }

    @Override
    public Integer call() {
        EstimationResult r = Estimators.fit(model.data(), model.spec());
        System.out.print(RegressionTable.format(r));
        if (model.json() != null) Json.writeFile(model.json(), Json.toMap(r));
        return 0;
    }
}
