package org.airesilience.bench;

import picocli.CommandLine.Command;

/** Benchmarks that print figures; speed targets live here, never in timed unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print throughput and wall time.",
        subcommands = {BenchPatentsCommand.class, BenchThresholdCommand.class, BenchEstimateCommand.class,
                BenchPanelCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
