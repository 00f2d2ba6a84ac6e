package org.airesilience.econometrics.cli;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "gmm", mixinStandardHelpOptions = true, description = "Arellano-Bond difference and Blundell-Bond system GMM.")
public final class GmmCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("gmm is not available yet");
    }
}
