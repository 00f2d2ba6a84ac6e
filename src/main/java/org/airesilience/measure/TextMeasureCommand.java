package org.airesilience.measure;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "measure-text", mixinStandardHelpOptions = true, description = "Count keyword frequencies in a city text corpus: tin = ln(1 + frequency).")
public final class TextMeasureCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("measure-text is not available yet");
    }
}
