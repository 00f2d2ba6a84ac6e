package org.airesilience.econometrics.cli;

import org.airesilience.econometrics.data.Table;
import org.airesilience.lake.Locations;
import org.airesilience.report.RunReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The panel data of the dynamic-panel and threshold commands (gmm, threshold): {@code --data FILE.csv} and the
 * sample options (--where, --winsorize, --winsor-cuts) applied to it.
 */
public final class PanelDataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE.csv", converter = Locations.LocalCopy.class,
            description = "Panel data (CSV with header): a path or a Hadoop file system URI.")
    Path data;

    @Mixin
    SampleOptions sample = new SampleOptions();

    /** The local file (a remote input is copied when the command line is parsed). */
    public Path path() {
        return data;
    }

    /**
     * A dry run's look at the data: the table when --data is a file, after checking that it has every one of
     * {@code columns}; null when there is no file to look at (the plan then names the missing input).
     */
    public Table checked(Collection<String> columns) throws IOException {
        if (!Files.isRegularFile(data)) return null;
        Table table = Table.readCsv(data);
        for (String c : columns) if (!table.has(c)) throw new IllegalArgumentException(data + " has no column " + c);
        return table;
    }

    /**
     * The estimation sample: --data read in the run's "read data" stage, then --where and --winsorize applied over
     * the model's {@code columns}, with what they dropped and changed put into {@code accounting}.
     */
    public Table sample(RunReport run, List<String> columns, Map<String, Object> accounting) throws IOException {
        return sample.rules().apply(run.stage("read data", () -> Table.readCsv(data)), columns, accounting);
    }
}
