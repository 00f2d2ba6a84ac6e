package org.airesilience.bench;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "patents", mixinStandardHelpOptions = true, description = "Benchmark ingest and AI measure against a Spark SQL rlike baseline.")
public final class BenchPatentsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("patents is not available yet");
    }
}
