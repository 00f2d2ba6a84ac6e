package org.airesilience.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User mistakes end with one actionable "error:" line and exit code 2, never a stack trace (issue 13). */
class UserErrorsTest {
    @TempDir
    static Path dir;
    static Path panel;

    @BeforeAll
    static void data() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        StringBuilder sb = new StringBuilder("id,year,y,x,w\n");
        for (int i = 1; i <= 12; i++) {
            for (int t = 2001; t <= 2006; t++) {
                double x = r.nextGaussian();
                sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f%n", i, t, 0.5 * x + r.nextGaussian(), x,
                        r.nextGaussian()));
            }
        }
        panel = dir.resolve("panel.csv");
        Files.writeString(panel, sb.toString());
    }

    /** Runs the command; returns exit code and what it wrote to stderr. */
    private static Object[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new Object[]{code, err.toString()};
    }

    private static String failsCleanly(String... args) {
        Object[] r = run(args);
        String err = (String) r[1];
        assertEquals(2, r[0], err);
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
        return err;
    }

    @Test
    void nonNumericValueIsReportedWithItsRowAndText() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(panel));
        String[] cells = lines.get(5).split(",");
        cells[3] = "n/a?";
        lines.set(5, String.join(",", cells));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        String err = failsCleanly("estimate", "--data", bad.toString(), "--formula", "y ~ x + w");
        assertTrue(err.contains("column 'x' is not numeric"), err);
        assertTrue(err.contains(bad + " line 6 (data row 5)"), err);
        assertTrue(err.contains("'n/a?'"), "quotes the offending text, not the column's first value: " + err);
    }

    @Test
    void placeboOfAVariableOutsideTheModelIsAnError() {
        String err = failsCleanly("placebo", "--data", panel.toString(), "--formula", "y ~ x | id", "--permute", "w",
                "--term", "x", "--draws", "5", "--set", "replicates.progress=false");
        assertTrue(err.contains("'w' is not a variable of the model"), err);
    }

    @Test
    void placeboOfThePanelTimeVariableSaysWhy() {
        String err = failsCleanly("placebo", "--data", panel.toString(), "--formula", "y ~ x + year | id",
                "--panel", "id,year", "--permute", "year", "--draws", "5", "--set", "replicates.progress=false");
        assertTrue(err.contains("is the panel's time variable"), err);
        assertTrue(err.lines().count() == 1, err);
    }

    @Test
    void missingFilesAndBadFormulasAndUnknownColumns() {
        assertTrue(failsCleanly("threshold", "--data", dir.resolve("nope.csv").toString(), "--panel", "id,year",
                "--y", "y", "--regime", "x", "--threshold", "w", "--json", dir.resolve("o.json").toString())
                .contains("no such file: " + dir.resolve("nope.csv")));
        assertTrue(failsCleanly("estimate", "--data", panel.toString(), "--formula", "y ~ x +").contains("formula"));
        assertTrue(failsCleanly("estimate", "--data", panel.toString(), "--formula", "y ~ z").contains("no column 'z'"));
        assertTrue(failsCleanly("gmm", "--data", panel.toString(), "--panel", "id,year", "--formula",
                "y ~ l(y, 1) + x", "--gmm", "y:2:3", "--where", "nosuch > 1").contains("nosuch"));
    }

    @Test
    void debugShowsTheStackTrace() {
        StringWriter quiet = new StringWriter();
        Main.report(new IllegalArgumentException("bad input"), new PrintWriter(quiet), false);
        assertEquals("error: bad input" + System.lineSeparator(), quiet.toString());
        StringWriter loud = new StringWriter();
        Main.report(new IllegalStateException("wrapped", new IllegalArgumentException("bad input")), new PrintWriter(loud), true);
        assertTrue(loud.toString().startsWith("error: bad input"), loud.toString());
        assertTrue(loud.toString().contains("\tat "), "stack trace shown when debugging");
    }

    @Test
    void sparkStyleMessagesLoseTheExecutorStackTrace() {
        Exception spark = new RuntimeException("Job aborted due to stage failure: Task 0 failed: "
                + "java.lang.IllegalStateException: boom\n\tat a.b.C.d(C.java:1)\n\tat e.f.G.h(G.java:2)");
        assertEquals("Job aborted due to stage failure: Task 0 failed: java.lang.IllegalStateException: boom",
                Main.message(spark));
    }
}
