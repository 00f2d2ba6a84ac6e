package org.airesilience.measure;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "measure", mixinStandardHelpOptions = true, description = "Count AI patents per region-year: ai = ln(1 + count).")
public final class MeasureCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("measure is not available yet");
    }
}
