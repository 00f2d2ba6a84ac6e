package org.airesilience.study;

import org.airesilience.cli.Main;
import org.airesilience.study.StudySpec.ModelOption;
import org.airesilience.study.StudySpec.ModelSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A model entry is a command line: the study builds it from the entry's keys (each the name of one of the
 * command's options) and runs it through the same picocli command a user would, in this JVM. So whatever a command
 * line can say a model can say, the options are checked against the command itself, and {@link #explain} prints
 * the equivalent {@code ./submit.sh} command.
 */
public final class ModelCommands {
    /** The commands a model may use. */
    public static final Set<String> COMMANDS = Set.of("estimate", "gmm", "mediate", "compare", "threshold", "placebo",
            "describe");
    /** Options the study sets itself: the panel file, where the JSON goes, where figures go. */
    static final Set<String> STUDY_SET = Set.of("data", "json", "plot", "help", "version");

    private ModelCommands() {
    }

    /** The commands' option specs, built once: reading them does not touch any command's state. */
    private static final Map<String, CommandSpec> SPECS = specs();

    private static Map<String, CommandSpec> specs() {
        Map<String, CommandSpec> out = new java.util.HashMap<>();
        Main.commandLine().getSubcommands().forEach((name, cl) -> {
            if (COMMANDS.contains(name)) out.put(name, cl.getCommandSpec());
        });
        return Map.copyOf(out);
    }

    private static CommandSpec spec(String command) {
        return SPECS.get(command);
    }

    /** Whether the command draws figures (has --plot). */
    static boolean plots(String command) {
        CommandSpec s = spec(command);
        return s != null && s.findOption("--plot") != null;
    }

    /** Whether {@code command} has option --name. */
    static boolean has(String command, String name) {
        CommandSpec s = spec(command);
        return s != null && s.findOption("--" + name) != null;
    }

    /** Whether any model command has option --name. */
    static boolean anyHas(String name) {
        return COMMANDS.stream().anyMatch(c -> has(c, name));
    }

    /** Problems with a model's command and option names, each located at its key. */
    static List<String> check(String command, Map<String, ModelOption> options, Located commandAt) {
        List<String> problems = new ArrayList<>();
        if (!COMMANDS.contains(command)) {
            problems.add(commandAt.problem("unknown command '" + command + "' (one of " + new TreeSet<>(COMMANDS) + ")"));
            return problems;
        }
        CommandSpec spec = spec(command);
        for (ModelOption o : options.values()) {
            if (STUDY_SET.contains(o.name())) {
                problems.add(o.at().problem("set by the study itself (the panel's CSV, the model's JSON, plot = true "
                        + "for figures); leave it out"));
            } else if (spec.findOption("--" + o.name()) == null) {
                problems.add(o.at().problem(command + " has no option --" + o.name()));
            } else if (o.value() instanceof Map<?, ?>) {
                problems.add(o.at().problem("expected a value or a list, found an object"));
            }
        }
        for (OptionSpec required : spec.requiredArgs().stream().filter(a -> a instanceof OptionSpec)
                .map(a -> (OptionSpec) a).toList()) {
            String name = required.longestName().substring(2);
            if (!STUDY_SET.contains(name) && !options.containsKey(name)) {
                problems.add(commandAt.problem(command + " needs " + required.longestName() + " (key " + name + ")"));
            }
        }
        return problems;
    }

    /** The command line of a model: the command, its options in the command's own order, then data, json, plot. */
    public static List<String> arguments(ModelSpec m, Path data, Path json, Path plotDir) {
        return arguments(m, data.toString(), json, plotDir);
    }

    /** {@link #arguments(ModelSpec, Path, Path, Path)} with the data as a location (a path or URI). */
    public static List<String> arguments(ModelSpec m, String data, Path json, Path plotDir) {
        CommandSpec spec = spec(m.command());
        List<String> args = new ArrayList<>();
        args.add(m.command());
        args.add("--data");
        args.add(data);
        for (OptionSpec o : spec.options()) {
            ModelOption mo = m.options().get(o.longestName().substring(2));
            if (mo == null) continue;
            append(args, o, mo.value());
        }
        args.add("--json");
        args.add(json.toString());
        if (m.plot()) {
            args.add("--plot");
            args.add(plotDir.toString());
        }
        return args;
    }

    private static void append(List<String> args, OptionSpec o, Object value) {
        boolean flag = o.type() == boolean.class || o.type() == Boolean.class;
        if (flag && o.arity().max() == 0) {
            if (Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value))) args.add(o.longestName());
            return;
        }
        if (value instanceof List<?> list) {
            String split = o.splitRegex();
            if (!split.isEmpty()) {
                args.add(o.longestName());
                args.add(String.join(Pattern.compile(split).matcher(",").matches() ? "," : split,
                        list.stream().map(ModelCommands::text).toList()));
            } else {
                for (Object v : list) {
                    args.add(o.longestName());
                    args.add(text(v));
                }
            }
            return;
        }
        args.add(o.longestName());
        args.add(text(value));
    }

    /** Numbers as written: whole numbers without a decimal point. */
    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        return String.valueOf(v);
    }

    /** Runs a command line in this JVM; its printed output goes to {@code out}. Failures name the model. */
    public static void run(String model, List<String> args, OutputStream out) {
        CommandLine cl = Main.commandLine();
        AtomicReference<Exception> failure = new AtomicReference<>();
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            failure.set(ex);
            return 2;
        });
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream previous = System.out;
        int code;
        synchronized (ModelCommands.class) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                code = cl.execute(args.toArray(String[]::new));
            } finally {
                System.out.flush();
                System.setOut(previous);
            }
        }
        if (code != 0) {
            String why = failure.get() != null ? failure.get().getMessage() : err.toString().strip();
            throw new IllegalStateException(model + " failed: " + why + "\n  command: " + explain(args), failure.get());
        }
    }

    /** The command line as one {@code ./submit.sh} command, quoted for a POSIX shell. */
    public static String explain(List<String> args) {
        StringBuilder sb = new StringBuilder("./submit.sh");
        for (String a : args) sb.append(' ').append(shellQuote(a));
        return sb.toString();
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=,@%+-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Splits a line written by {@link #explain} back into its words (single quotes only, as explain writes them). */
    public static List<String> shellWords(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unbalanced quote in: " + line);
                cur.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(cur.toString());
        return out;
    }
}
