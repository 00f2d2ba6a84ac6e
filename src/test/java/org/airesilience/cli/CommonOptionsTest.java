package org.airesilience.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommonOptionsTest {
    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CommonOptions common;
    }

    /** Even a command that reads no setting fails on a mistaken one, with a message and no stack trace. */
    @Test
    void aSettingsMistakeFailsEveryCommandBeforeAnyWorkWithoutAStackTrace() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("describe", "--data", dir.resolve("never-read.csv").toString(), "--vars", "x",
                "--set", "max_share=0.3");
        assertEquals(2, exit);
        assertEquals("error: configuration: unknown setting 'max_share' (--set); nearest known key: "
                + "'ingest.quarantine.max-share'", err.toString().strip());
    }

    @Test
    void configFileIsGivenWithConfigAndConfIsLeftToSparkSubmit() throws IOException {
        Path f = dir.resolve("job.conf");
        Files.writeString(f, "airesilience.lake.root = \"/from/file\"\n");
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--config", f.toString(), "--set", "measure.level=city");
        assertEquals("/from/file", probe.common.config().getString("airesilience.lake.root"));
        assertEquals("city", probe.common.config().getString("airesilience.measure.level"));

        assertThrows(CommandLine.UnmatchedArgumentException.class,
                () -> new CommandLine(new Probe()).parseArgs("--conf", f.toString()));
    }
}
