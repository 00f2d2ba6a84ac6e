package org.airesilience.cli;

import org.airesilience.bench.BenchCommand;
import org.airesilience.cluster.ClusterCommand;
import org.airesilience.econometrics.cli.CompareCommand;
import org.airesilience.econometrics.cli.DescribeCommand;
import org.airesilience.econometrics.cli.EstimateCommand;
import org.airesilience.econometrics.cli.GmmCommand;
import org.airesilience.econometrics.cli.MediateCommand;
import org.airesilience.econometrics.cli.PlaceboCommand;
import org.airesilience.econometrics.cli.ThresholdCommand;
import org.airesilience.ingest.IngestCommand;
import org.airesilience.measure.MeasureCommand;
import org.airesilience.measure.TextMeasureCommand;
import org.airesilience.panel.PanelCommand;
import org.airesilience.sample.GenerateSampleCommand;
import org.airesilience.study.StudyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** Entry point of every job: {@code ./submit.sh <job> [options]}. */
@Command(name = "submit.sh", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "airesilience: patent dumps and yearbook tables to a reproducible study of AI and manufacturing.")
public final class Main implements Runnable {
    /** Every job, in the order --help lists them. */
    static final List<Class<?>> JOBS = List.of(
            RunCommand.class,
            GenerateSampleCommand.class,
            IngestCommand.class,
            MeasureCommand.class,
            TextMeasureCommand.class,
            PanelCommand.class,
            DescribeCommand.class,
            EstimateCommand.class,
            MediateCommand.class,
            CompareCommand.class,
            GmmCommand.class,
            ThresholdCommand.class,
            PlaceboCommand.class,
            StudyCommand.class,
            BenchCommand.class,
            ClusterCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Kept strongly reachable: java.util.logging holds loggers weakly. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    public static void main(String[] args) {
        // netlib reports at WARNING each native/vector BLAS it could not load before it settles on pure Java.
        NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every job, also used by tests and to run a study's models. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> job : JOBS) cl.addSubcommand(job);
        return configured(cl);
    }

    /**
     * The command line for {@code args}: when they start with a job's name, the command line of that job alone,
     * since building the option models of every job costs a quick one (a threshold test) about a fifth of its
     * wall time; else (help, version, a mistyped job) the whole one.
     */
    static CommandLine commandLine(String[] args) {
        for (Class<?> job : JOBS) {
            if (args.length > 0 && args[0].equals(job.getAnnotation(Command.class).name())) {
                CommandLine cl = new CommandLine(new Main());
                cl.addSubcommand(job);
                return configured(cl);
            }
        }
        return commandLine();
    }

    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            report(ex, cmd.getErr(), debug());
            return 2;
        });
        cl.setExecutionStrategy(Main::executeOrPlan);
        return cl;
    }

    /**
     * Loads the settings of the command about to run (its --config file and --set overrides) so that a mistake in
     * them fails before any work, also in commands that read no setting; then, with --dry-run, the job's plan is
     * checked and printed instead of running it; otherwise the job runs.
     */
    private static int executeOrPlan(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        boolean help = chain.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
        if (help) return new CommandLine.RunLast().execute(parsed);
        for (CommandLine c : chain) {
            for (CommandLine.Model.CommandSpec mixin : c.getCommandSpec().mixins().values()) {
                if (mixin.userObject() instanceof CommonOptions common) {
                    try {
                        common.config();
                    } catch (RuntimeException e) {
                        throw new CommandLine.ExecutionException(c, e.getMessage(), e);
                    }
                }
            }
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.subcommand() != null) leaf = leaf.subcommand();
        CommandLine command = leaf.commandSpec().commandLine();
        if (leaf.hasMatchedOption("--dry-run")) {
            if (!(leaf.commandSpec().userObject() instanceof JobPlan.Planned job)) {
                throw new CommandLine.ParameterException(command, command.getCommandName() + " has no dry run");
            }
            try {
                job.plan().check().print(System.out);
                return 0;
            } catch (Exception e) {
                throw new CommandLine.ExecutionException(command, e.getMessage(), e);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** AIRESILIENCE_DEBUG=1 (or true) in the environment shows stack traces. */
    static boolean debug() {
        String v = System.getenv("AIRESILIENCE_DEBUG");
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /**
     * One "error: ..." line a user can act on, no stack trace (unless debugging): a missing file anywhere in the
     * causes, else the message of the outermost IllegalArgumentException (e.g. raised inside a Spark task), without
     * the executor stack trace text Spark folds into its own messages.
     */
    static void report(Throwable ex, java.io.PrintWriter err, boolean debug) {
        err.println("error: " + message(ex));
        if (debug) ex.printStackTrace(err);
        err.flush();
    }

    static String message(Throwable ex) {
        Throwable chosen = ex;
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException nf) return "no such file: " + nf.getFile();
            if (t instanceof java.nio.file.AccessDeniedException ad) return "permission denied: " + ad.getFile();
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                chosen = t;
                break;
            }
        }
        String m = chosen.getMessage();
        if (m == null || m.isBlank()) return chosen.getClass().getSimpleName() + " (set AIRESILIENCE_DEBUG=1 for details)";
        StringBuilder sb = new StringBuilder();
        for (String line : m.split("\\R")) {
            if (line.startsWith("\tat ") || line.trim().startsWith("at ") && line.contains("(")) break;
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(line);
        }
        return sb.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"airesilience " + (v == null ? "dev" : v)};
        }
    }
}
