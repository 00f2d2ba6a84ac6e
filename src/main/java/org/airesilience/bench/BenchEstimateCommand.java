package org.airesilience.bench;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "estimate", mixinStandardHelpOptions = true, description = "Benchmark two-way fixed effects on large panels.")
public final class BenchEstimateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("estimate is not available yet");
    }
}
