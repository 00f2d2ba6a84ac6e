package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "describe", mixinStandardHelpOptions = true, description = "Descriptive statistics (mean, sd, median, min, max, N).")
public final class DescribeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("describe is not available yet");
    }
}
