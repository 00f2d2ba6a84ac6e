package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "threshold", mixinStandardHelpOptions = true, description = "Hansen (1999) panel threshold regression with bootstrap.")
public final class ThresholdCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("threshold is not available yet");
    }
}
