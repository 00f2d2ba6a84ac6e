package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "placebo", mixinStandardHelpOptions = true, description = "Placebo permutation test of a model's core regressor.")
public final class PlaceboCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("placebo is not available yet");
    }
}
