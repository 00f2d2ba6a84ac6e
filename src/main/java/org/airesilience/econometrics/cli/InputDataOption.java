package org.airesilience.econometrics.cli;

import org.airesilience.econometrics.data.Table;
import org.airesilience.lake.Locations;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code --data FILE.csv} of the commands that read one table of any shape: the model commands and describe. */
public final class InputDataOption {
    @Option(names = "--data", required = true, paramLabel = "FILE.csv", converter = Locations.LocalCopy.class,
            description = "Input data (CSV with a header row): a path or a Hadoop file system URI.")
    Path data;

    /** The local file (a remote input is copied when the command line is parsed). */
    public Path path() {
        return data;
    }

    /** The data table; an unreadable file is an error naming it. */
    public Table read() {
        try {
            return Table.readCsv(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data + ": " + e.getMessage(), e);
        }
    }
}
