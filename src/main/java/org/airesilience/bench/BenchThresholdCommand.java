package org.airesilience.bench;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "threshold", mixinStandardHelpOptions = true, description = "Benchmark threshold search, bootstrap and placebo draws.")
public final class BenchThresholdCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("threshold is not available yet");
    }
}
