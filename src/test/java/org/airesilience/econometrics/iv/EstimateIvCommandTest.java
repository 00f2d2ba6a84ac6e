package org.airesilience.econometrics.iv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.ValidationData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.airesilience.JsonFields.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code estimate} with an IV formula and with {@code --estimator fgls}, end to end through the command's JSON. */
class EstimateIvCommandTest {

    static JsonNode run(Path dir, String... args) throws Exception {
        Path out = dir.resolve("out.json");
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        all[args.length + 1] = out.toString();
        assertEquals(0, Main.commandLine().execute(all));
        return new ObjectMapper().readTree(out.toFile());
    }

    static Map<String, JsonNode> coefficients(JsonNode result) {
        Map<String, JsonNode> m = new HashMap<>();
        result.get("coefficients").forEach(c -> m.put(c.get("term").asText(), c));
        return m;
    }

    @Test
    void mrozTwoStageLeastSquaresJson(@TempDir Path dir) throws Exception {
        JsonNode expected = ValidationData.expected("mroz_iv.json");
        JsonNode r = run(dir, "estimate", "--data", ValidationData.DIR.resolve("mroz.csv").toString(),
                "--formula", "lwage ~ exper + expersq | educ ~ motheduc + fatheduc", "--vcov", "hetero");
        assertEquals(428, r.get("nobs").asInt());
        Map<String, JsonNode> c = coefficients(r);
        for (String term : new String[]{"(Intercept)", "exper", "expersq", "educ"}) {
            double b = field(expected, "/coef").get(term).asDouble();
            double se = field(expected, "/se/HC1").get(term).asDouble();
            assertEquals(b, c.get(term).get("estimate").asDouble(), 1e-6 * Math.abs(b), term);
            assertEquals(se, c.get(term).get("std_error").asDouble(), 1e-6 * se, term);
        }
        JsonNode tests = r.get("tests");
        double anderson = field(expected, "/anderson_lm/statistic").asDouble();
        assertEquals(anderson, field(tests, "/anderson_lm/statistic").asDouble(), 1e-4 * anderson);
        double cd = expected.get("cragg_donald_wald_F").asDouble();
        assertEquals(cd, field(tests, "/cragg_donald_f/statistic").asDouble(), 1e-4 * cd);
        double sargan = field(expected, "/sargan/statistic").asDouble();
        assertEquals(sargan, field(tests, "/sargan/statistic").asDouble(), 1e-4 * sargan);
        assertEquals(field(tests, "/first_stage_f/statistic").asDouble(), field(tests, "/kleibergen_paap_f/statistic").asDouble(), 1e-9);
        assertEquals(1.0, field(tests, "/hansen_j/df").asDouble());
        assertEquals("educ", field(r, "/first_stage/0/variable").asText());
        assertEquals(325, field(r, "/sample/rows_dropped_missing").asInt());
    }

    @Test
    void pgglsThroughTheEstimateCommand(@TempDir Path dir) throws Exception {
        String data = ValidationData.DIR.resolve("produc.csv").toString();
        JsonNode pooling = run(dir, "estimate", "--data", data, "--panel", "state,year", "--estimator", "fgls",
                "--fgls", "pggls", "--formula", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp");
        assertEquals(2.26388494, coefficients(pooling).get("(Intercept)").get("estimate").asDouble(), 0.5e-8);
        assertEquals(0.02004106, coefficients(pooling).get("log(pcap)").get("std_error").asDouble(), 0.5e-8);
        JsonNode within = run(dir, "estimate", "--data", data, "--panel", "state,year", "--estimator", "fgls",
                "--fgls", "pggls", "--formula", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state");
        assertEquals(0.84449144, coefficients(within).get("log(emp)").get("estimate").asDouble(), 0.5e-8);
        assertEquals(0.00047319, coefficients(within).get("unemp").get("std_error").asDouble(), 0.5e-8);
        JsonNode xtgls = run(dir, "estimate", "--data", data, "--panel", "state,year", "--estimator", "fgls",
                "--fgls", "xtgls", "--formula", "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp");
        assertEquals("fgls_xtgls", xtgls.get("estimator").asText());
        assertEquals(48, xtgls.get("ngroups").asInt());
    }
}
