package org.airesilience.sample;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "generate-sample", mixinStandardHelpOptions = true, description = "Generate a realistic raw data lake with its ground truth.")
public final class GenerateSampleCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("generate-sample is not available yet");
    }
}
