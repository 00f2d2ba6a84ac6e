package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "mediate", mixinStandardHelpOptions = true, description = "Three-step mediation with Sobel, Aroian and Goodman tests.")
public final class MediateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("mediate is not available yet");
    }
}
