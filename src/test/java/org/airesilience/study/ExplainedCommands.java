package org.airesilience.study;

import com.fasterxml.jackson.core.type.TypeReference;
import org.airesilience.cli.Main;
import org.airesilience.report.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Reproduces a study run's tables through {@code study --explain}: every printed {@code ./submit.sh} line is run as a
 * user would paste it (its --json and --plot sent under a scratch folder) and must write exactly the model JSON that
 * the table's column holds.
 */
final class ExplainedCommands {
    private ExplainedCommands() {
    }

    /** The printed output of {@code study <studyArgs> --explain}. */
    static String explain(List<String> studyArgs) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(studyArgs);
            args.add("--explain");
            assertEquals(0, Main.commandLine().execute(args.toArray(String[]::new)));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** The explained command line of one model ({@code table4-1}), as words without "./submit.sh". */
    static List<String> command(String explained, String modelId) {
        String id = null;
        for (String line : explained.split("\n")) {
            if (line.startsWith("# ")) id = line.substring(2).split(" ")[0];
            else if (line.startsWith("./submit.sh ") && modelId.equals(id)) {
                List<String> words = new ArrayList<>(ModelCommands.shellWords(line));
                words.remove(0);
                return words;
            }
        }
        throw new AssertionError("no explained command for " + modelId);
    }

    /** Runs one explained command with its JSON sent to {@code json} (plots under {@code plots}); its exit code. */
    static int run(List<String> command, Path json, Path plots) {
        List<String> words = new ArrayList<>(command);
        words.set(words.indexOf("--json") + 1, json.toString());
        int p = words.indexOf("--plot");
        if (p >= 0) words.set(p + 1, plots.toString());
        return Main.commandLine().execute(words.toArray(String[]::new));
    }

    /**
     * Runs every explained model of {@code tables} and asserts its JSON equals the column's model in
     * {@code run}/tables/&lt;table&gt;.json; returns how many models were checked (all of the tables' columns).
     */
    @SuppressWarnings("unchecked")
    static int reproduce(List<String> studyArgs, Path run, List<String> tables, Path scratch) throws IOException {
        String explained = explain(studyArgs);
        Map<String, Map<String, Object>> models = new LinkedHashMap<>();
        for (String t : tables) {
            List<Map<String, Object>> cols = (List<Map<String, Object>>) json(run.resolve("tables/" + t + ".json")).get("columns");
            for (int i = 0; i < cols.size(); i++) models.put(t + "-" + (i + 1), (Map<String, Object>) cols.get(i).get("model"));
        }
        for (Map.Entry<String, Map<String, Object>> m : models.entrySet()) {
            List<String> command = command(explained, m.getKey());
            Path out = scratch.resolve(m.getKey() + ".json");
            int code = run(command, out, scratch.resolve("plots").resolve(m.getKey()));
            if (m.getValue().get("not_estimable") instanceof String) {
                // a model the sample cannot estimate fails on its own too
                assertNotEquals(0, code, String.join(" ", command));
                continue;
            }
            assertEquals(0, code, String.join(" ", command));
            assertEquals(m.getValue(), json(out), m.getKey() + ": " + String.join(" ", command));
        }
        return models.size();
    }

    static Map<String, Object> json(Path p) throws IOException {
        return Json.MAPPER.readValue(p.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }
}
