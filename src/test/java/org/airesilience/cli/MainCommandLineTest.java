package org.airesilience.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run of one job builds that job's command line alone, with the same options as in the whole one. */
class MainCommandLineTest {
    @Test
    void aJobRunBuildsThatJobAloneWithTheSameOptions() {
        CommandLine whole = Main.commandLine();
        assertEquals(Main.JOBS.size(), whole.getSubcommands().size());
        for (String job : whole.getSubcommands().keySet()) {
            CommandLine one = Main.commandLine(new String[]{job, "--help"});
            assertEquals(Set.of(job), one.getSubcommands().keySet());
            assertEquals(options(whole.getSubcommands().get(job)), options(one.getSubcommands().get(job)), job);
        }
    }

    @Test
    void helpVersionAndAMistypedJobGetTheWholeCommandLine() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("--version"), List.of("thresold"))) {
            assertEquals(Main.JOBS.size(), Main.commandLine(args.toArray(String[]::new)).getSubcommands().size(),
                    args.toString());
        }
    }

    private static Set<String> options(CommandLine c) {
        Set<String> names = new TreeSet<>();
        c.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        c.getSubcommands().keySet().forEach(s -> names.add("subcommand " + s));
        return names;
    }
}
