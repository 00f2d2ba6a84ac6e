package org.airesilience.ingest;

import org.airesilience.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingest raw patent dumps into the curated lake, quarantining bad records.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ingest is not available yet");
    }
}
