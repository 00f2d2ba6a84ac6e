package org.airesilience.econometrics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gmm command end to end on EmplUK: the estimate JSON contract and pgmm's numbers, byte-identical reruns. */
class GmmCommandTest {
    private static final Path EMPLUK = ValidationData.DIR.resolve("empluk.csv");

    private static int run(String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream()));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void differenceTwoStepWritesTheEstimateJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ab.json");
        assertEquals(0, run("gmm", "--data", EMPLUK.toString(), "--panel", "firm,year",
                "--formula", "log(emp) ~ l(log(emp), 1:2) + l(log(wage), 0:1) + log(capital) + l(log(output), 0:1)",
                "--gmm", "log(emp):2:99", "--time-effects", "--twostep", "--json", out.toString()));
        JsonNode j = Json.MAPPER.readTree(out.toFile());
        assertEquals("difference_gmm_twostep", j.get("estimator").asText());
        assertEquals(611, j.get("nobs").asInt());
        assertEquals(140, j.get("ngroups").asInt());
        assertEquals(38, j.get("instrument_count").asInt());
        JsonNode first = j.get("coefficients").get(0);
        assertEquals("l(log(emp), 1)", first.get("term").asText());
        assertEquals(0.4741506014811141, first.get("estimate").asDouble(), 1e-8 * 0.47);
        // Windmeijer-corrected by default, as summary(pgmm) prints
        assertEquals(0.18539845430193494, first.get("std_error").asDouble(), 1e-8 * 0.19);
        JsonNode tests = j.get("tests");
        assertEquals(-1.5384501538927864, tests.get("ar1").get("statistic").asDouble(), 1e-6);
        assertEquals(-0.2796829232073931, tests.get("ar2").get("statistic").asDouble(), 1e-6);
        assertEquals(30.11246657696386, tests.get("hansen_j").get("statistic").asDouble(), 1e-6);
        assertEquals(25, tests.get("hansen_j").get("df").asInt());
        assertEquals(25, tests.get("sargan").get("df").asInt());
        assertTrue(j.get("conventions").get("variance").asText().contains("Windmeijer"));
        assertTrue(j.get("conventions").get("instruments").asText().contains("38 instruments"));
    }

    @Test
    void systemGmmFromFlagsMatchesTheFormulaPartsAndRerunsIdentically(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, run("gmm", "--data", EMPLUK.toString(), "--panel", "firm,year",
                "--formula", "log(emp) ~ l(log(emp), 1) + l(log(wage), 0:1) + l(log(capital), 0:1)",
                "--gmm", "log(emp):2:.", "--gmm", "log(wage):2:99", "--gmm", "log(capital):2:99",
                "--system", "--time-effects", "--json", a.toString()));
        assertEquals(0, run("gmm", "--data", EMPLUK.toString(), "--panel", "firm,year",
                "--formula", "log(emp) ~ l(log(emp), 1) + l(log(wage), 0:1) + l(log(capital), 0:1)"
                        + " | l(log(emp), 2:99) + l(log(wage), 2:99) + l(log(capital), 2:99)",
                "--system", "--onestep", "--time-effects", "--convention", "pgmm", "--json", b.toString()));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        JsonNode j = Json.MAPPER.readTree(a.toFile());
        assertEquals("system_gmm_onestep", j.get("estimator").asText());
        assertEquals(113, j.get("instrument_count").asInt());
        assertEquals(0.9356053517682266, j.get("coefficients").get(0).get("estimate").asDouble(), 1e-7);
        assertEquals(118.76300886674576, j.get("tests").get("hansen_j").get("statistic").asDouble(), 1e-5);
    }

    @Test
    void badInputIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("dup.csv");
        Files.writeString(csv, "id,t,y\n1,1,1\n1,1,2\n1,2,3\n");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err));
        int code;
        try {
            code = run("gmm", "--data", csv.toString(), "--panel", "id,t", "--formula", "y ~ l(y, 1)", "--gmm", "y:2:.");
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(2, code);
        assertTrue(err.toString().contains("dup.csv: duplicate panel key (id = 1, t = 1) in data rows 1 and 2 (lines 2 and 3"),
                err.toString());
    }
}
