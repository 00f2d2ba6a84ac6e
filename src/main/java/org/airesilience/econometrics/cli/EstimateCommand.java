package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "estimate", mixinStandardHelpOptions = true, description = "Estimate a linear panel model (OLS, FE, RE, IV, FGLS) from a formula.")
public final class EstimateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("estimate is not available yet");
    }
}
