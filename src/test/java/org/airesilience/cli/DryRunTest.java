package org.airesilience.cli;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --dry-run: every job has one; it checks configuration, inputs and outputs, prints the plan and runs nothing. */
class DryRunTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().setErr(new PrintWriter(err)).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void everyJobWithTheCommonOptionsHasAPlan() {
        List<String> jobs = new ArrayList<>();
        collect(Main.commandLine(), jobs);
        assertTrue(jobs.size() >= 14, jobs.toString());
        for (String job : jobs) assertTrue(!job.startsWith("!"), "no dry-run plan: " + job);
    }

    private static void collect(CommandLine cl, List<String> jobs) {
        if (cl.getCommandSpec().findOption("--dry-run") != null) {
            boolean planned = cl.getCommand() instanceof JobPlan.Planned;
            jobs.add((planned ? "" : "!") + cl.getCommandName());
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, jobs));
    }

    @Test
    void ingestDryRunListsTheSourcesAndWritesNothing(@TempDir Path lake) throws IOException {
        Path raw = Files.createDirectories(lake.resolve("raw/patents/dt=2026-12-02"));
        Files.writeString(raw.resolve("export.csv"), "application_number,application_date,title\nCN1,2020-01-01,x\n");
        Result r = run("ingest", "--raw", raw.toString(), "--lake", lake.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("read 1 files {CSV "), r.out());
        assertTrue(r.out().contains("write  curated patents: " + lake.resolve("curated/patents")), r.out());
        try (Stream<Path> files = Files.walk(lake)) {
            assertEquals(List.of(raw.resolve("export.csv")), files.filter(Files::isRegularFile).toList());
        }
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "no Spark session was started");
    }

    @Test
    void dryRunNamesAMissingInputAndABadSetting(@TempDir Path lake) {
        Result missing = run("measure", "--lake", lake.toString(), "--dry-run");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("curated patents not found: " + lake.resolve("curated/patents")),
                missing.err());

        Result badLevel = run("measure", "--lake", lake.toString(), "--level", "county", "--dry-run");
        assertEquals(2, badLevel.code());
        assertTrue(badLevel.err().contains("county"), badLevel.err());
    }

    @Test
    void dryRunChecksTheModelColumnsAndTheOutputFolder(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("panel.csv");
        Files.writeString(data, "id,year,y,x\n1,2000,1.0,2.0\n1,2001,2.0,1.0\n2,2000,0.5,3.0\n2,2001,1.5,2.5\n");
        Result ok = run("estimate", "--data", data.toString(), "--formula", "y ~ x", "--json",
                dir.resolve("out/est.json").toString(), "--dry-run");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("on 4 observations"), ok.out());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");

        Result noColumn = run("estimate", "--data", data.toString(), "--formula", "y ~ z", "--dry-run");
        assertEquals(2, noColumn.code());
        assertTrue(noColumn.err().contains("z"), noColumn.err());

        Files.writeString(dir.resolve("file"), "");
        Result notAFolder = run("estimate", "--data", data.toString(), "--formula", "y ~ x", "--json",
                dir.resolve("file/est.json").toString(), "--dry-run");
        assertEquals(2, notAFolder.code());
        assertTrue(notAFolder.err().contains("is a file, not a folder"), notAFolder.err());
    }
}
