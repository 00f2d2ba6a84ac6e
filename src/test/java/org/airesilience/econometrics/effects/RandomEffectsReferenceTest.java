package org.airesilience.econometrics.effects;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.airesilience.JsonFields.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random effects (one-way in both conventions, two-way), the Breusch-Pagan LM test and pggls against
 * validation/r/random_effects.json: R plm 2.6.2 (Debian) and a literal lm()-only computation of Stata's xtreg, re
 * formulas, on Grunfeld with rows removed (T_i from 16 to 20), the unbalanced EmplUK panel, and balanced Grunfeld and
 * Produc. The R script that wrote the numbers is beside them.
 */
class RandomEffectsReferenceTest {
    private static final double TOL = 1e-8;
    private static final String GRUNFELD = "inv ~ value + capital";
    private static final String EMPLUK = "log(emp) ~ log(wage) + log(capital) + log(output)";
    private static final String PRODUC = "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp";

    private static JsonNode ref;
    private static Table grunfeld;
    private static Table grunfeldUnbalanced;
    private static Table empluk;
    private static Table produc;

    @BeforeAll
    static void load() throws Exception {
        ref = org.airesilience.report.Json.MAPPER.readTree(ValidationData.DIR.resolve("r/random_effects.json").toFile());
        grunfeld = ValidationData.table("grunfeld.csv");
        grunfeldUnbalanced = Table.readCsv(ValidationData.DIR.resolve(Path.of("r", "grunfeld_unbalanced.csv")));
        empluk = ValidationData.table("empluk.csv");
        produc = ValidationData.table("produc.csv");
    }

    private static EstimationResult re(Table data, String formula, String id, RandomEffects.Method method,
                                       RandomEffects.Effect effect) {
        EstimateSpec spec = EstimateSpec.of(formula).withEstimator("re").withPanel(new PanelKeys(id, "year"))
                .withRandomEffects(new RandomEffects.Options(method, effect));
        return Estimators.fit(data, spec);
    }

    private static void close(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), what);
    }

    /** Coefficients and standard errors in the reference's order (names may differ: Stata's uses lwage for log(wage)). */
    private static void checkCoefficients(JsonNode e, EstimationResult r, String what) {
        JsonNode est = field(e, "/estimate");
        assertEquals(est.size(), r.coefficients().size(), what + ": number of coefficients");
        for (int j = 0; j < est.size(); j++) {
            String term = r.coefficients().get(j).term();
            close(est.get(j).asDouble(), r.coefficients().get(j).estimate(), TOL, what + " " + term);
            close(field(e, "/std_error").get(j).asDouble(), r.coefficients().get(j).stdError(), TOL,
                    what + " se " + term);
        }
    }

    private static double fit(EstimationResult r, String key) {
        Object v = r.fit().get(key);
        assertTrue(v instanceof Number, "fit statistic " + key + " present");
        return ((Number) v).doubleValue();
    }

    @Test
    void unbalancedDefaultReproducesStataXtregFormulas() {
        check(field(ref, "/stata_re_formulas/grunfeld_unbalanced"), re(grunfeldUnbalanced, GRUNFELD, "firm",
                RandomEffects.Method.XTREG, RandomEffects.Effect.INDIVIDUAL), "grunfeld unbalanced");
        check(field(ref, "/stata_re_formulas/empluk"), re(empluk, EMPLUK, "firm",
                RandomEffects.Method.XTREG, RandomEffects.Effect.INDIVIDUAL), "empluk");
    }

    private static void check(JsonNode e, EstimationResult r, String what) {
        checkCoefficients(e, r, what);
        close(field(e, "/sigma2_e").asDouble(), fit(r, "sigma2_idiosyncratic"), TOL, what + " sigma2_e");
        close(field(e, "/sigma2_u").asDouble(), fit(r, "sigma2_individual"), TOL, what + " sigma2_u");
        close(field(e, "/T_bar").asDouble(), fit(r, "t_bar"), 1e-12, what + " T-bar");
        close(field(e, "/theta_min").asDouble(), fit(r, "theta_min"), TOL, what + " theta min");
        close(field(e, "/theta_max").asDouble(), fit(r, "theta_max"), TOL, what + " theta max");
    }

    @Test
    void unbalancedPlmMethodReproducesPlmSwar() {
        for (String[] c : new String[][]{{"grunfeld_unbalanced", GRUNFELD}, {"empluk", EMPLUK}}) {
            Table data = c[0].equals("empluk") ? empluk : grunfeldUnbalanced;
            EstimationResult r = re(data, c[1], "firm", RandomEffects.Method.PLM, RandomEffects.Effect.INDIVIDUAL);
            JsonNode e = field(ref, "/random_individual/" + c[0]);
            checkCoefficients(e, r, c[0]);
            close(field(e, "/sigma2/idios").asDouble(), fit(r, "sigma2_idiosyncratic"), TOL, c[0] + " sigma2 idios");
            close(field(e, "/sigma2/id").asDouble(), fit(r, "sigma2_individual"), TOL, c[0] + " sigma2 id");
            close(field(e, "/theta_mean").asDouble(), fit(r, "theta"), TOL, c[0] + " mean theta");
        }
    }

    @Test
    void theTwoConventionsDifferOnUnbalancedPanelsAndCoincideOnBalancedOnes() {
        EstimationResult stata = re(grunfeldUnbalanced, GRUNFELD, "firm", RandomEffects.Method.XTREG, RandomEffects.Effect.INDIVIDUAL);
        EstimationResult plm = re(grunfeldUnbalanced, GRUNFELD, "firm", RandomEffects.Method.PLM, RandomEffects.Effect.INDIVIDUAL);
        double rel = Math.abs(stata.require("value").estimate() / plm.require("value").estimate() - 1);
        assertTrue(rel > 1e-5, "unbalanced: the conventions differ (" + rel + ")");
        JsonNode e = field(ref, "/random_individual/grunfeld_balanced");
        for (RandomEffects.Method m : RandomEffects.Method.values()) {
            EstimationResult r = re(grunfeld, GRUNFELD, "firm", m, RandomEffects.Effect.INDIVIDUAL);
            checkCoefficients(e, r, "balanced " + m);
            checkCoefficients(field(ref, "/stata_re_formulas/grunfeld_balanced"), r, "balanced Stata formulas " + m);
        }
    }

    @Test
    void twoWayRandomEffectsReproducePlm() {
        for (String[] c : new String[][]{{"grunfeld", GRUNFELD, "firm"}, {"produc", PRODUC, "state"}}) {
            Table data = c[0].equals("produc") ? produc : grunfeld;
            EstimationResult r = re(data, c[1], c[2], RandomEffects.Method.XTREG, RandomEffects.Effect.TWOWAYS);
            JsonNode e = field(ref, "/random_twoways/" + c[0]);
            checkCoefficients(e, r, c[0] + " twoways");
            close(field(e, "/sigma2/idios").asDouble(), fit(r, "sigma2_idiosyncratic"), TOL, c[0] + " idios");
            close(field(e, "/sigma2/id").asDouble(), fit(r, "sigma2_individual"), TOL, c[0] + " id");
            close(field(e, "/sigma2/time").asDouble(), fit(r, "sigma2_time"), TOL, c[0] + " time");
            close(field(e, "/theta/id").asDouble(), fit(r, "theta_individual"), TOL, c[0] + " theta id");
            close(field(e, "/theta/time").asDouble(), fit(r, "theta_time"), TOL, c[0] + " theta time");
            close(field(e, "/theta/total").asDouble(), fit(r, "theta_total"), TOL, c[0] + " theta total");
        }
        // Grunfeld's period variance is negative and set to 0 (plm prints 0): the time thetas vanish
        assertEquals(0.0, field(ref, "/random_twoways/grunfeld/sigma2/time").asDouble());
    }

    /** The command line: --re-method and --re-effect reach the estimator and the JSON says which convention ran. */
    @Test
    void estimateCommandTakesTheRandomEffectsOptions(@TempDir Path dir) throws Exception {
        String data = ValidationData.DIR.resolve(Path.of("r", "grunfeld_unbalanced.csv")).toString();
        String[][] runs = {{"xtreg", "individual", "/stata_re_formulas/grunfeld_unbalanced"},
                {"plm", "individual", "/random_individual/grunfeld_unbalanced"}};
        for (String[] run : runs) {
            Path out = dir.resolve(run[0] + ".json");
            int code = Main.commandLine().execute("estimate", "--data", data, "--formula", GRUNFELD, "--panel",
                    "firm,year", "--estimator", "re", "--re-method", run[0], "--re-effect", run[1], "--json",
                    out.toString());
            assertEquals(0, code, run[0]);
            JsonNode j = org.airesilience.report.Json.MAPPER.readTree(out.toFile());
            JsonNode e = field(ref, run[2]);
            for (int k = 0; k < 3; k++) {
                close(field(e, "/estimate").get(k).asDouble(), field(j, "/coefficients/" + k + "/estimate").asDouble(),
                        TOL, run[0] + " coefficient " + k);
            }
            assertTrue(field(j, "/conventions/random_effects").asText().contains(run[0].equals("xtreg") ? "Stata" : "plm"));
            assertTrue(field(j, "/tests/hausman/statistic").isNumber(), "Hausman test reported");
        }
        Path out = dir.resolve("twoways.json");
        assertEquals(0, Main.commandLine().execute("estimate", "--data", ValidationData.DIR.resolve("produc.csv").toString(),
                "--formula", PRODUC, "--panel", "state,year", "--estimator", "re", "--re-effect", "twoways", "--json",
                out.toString()));
        JsonNode j = org.airesilience.report.Json.MAPPER.readTree(out.toFile());
        close(field(ref, "/random_twoways/produc/sigma2/time").asDouble(), field(j, "/fit/sigma2_time").asDouble(), TOL,
                "two-way time variance through the command line");
        assertTrue(Main.commandLine().execute("estimate", "--data", data, "--formula", GRUNFELD, "--panel", "firm,year",
                "--estimator", "re", "--re-method", "stata13", "--json", dir.resolve("bad.json").toString()) != 0,
                "an unknown --re-method is an error");
    }

    @Test
    void twoWayRandomEffectsRefuseAnUnbalancedPanel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> re(grunfeldUnbalanced,
                GRUNFELD, "firm", RandomEffects.Method.XTREG, RandomEffects.Effect.TWOWAYS));
        assertTrue(e.getMessage().contains("balanced panel"), e.getMessage());
    }

    @Test
    void breuschPaganOnUnbalancedAndBalancedPanelsReproducesPlmtest() {
        String[][] cases = {{"grunfeld_unbalanced", GRUNFELD, "firm"}, {"empluk", EMPLUK, "firm"},
                {"grunfeld_balanced", GRUNFELD, "firm"}};
        for (String[] c : cases) {
            Table data = switch (c[0]) {
                case "empluk" -> empluk;
                case "grunfeld_unbalanced" -> grunfeldUnbalanced;
                default -> grunfeld;
            };
            ModelFrame frame = ModelFrame.build(data, Formula.parse(c[1]), new PanelKeys(c[2], "year"));
            TestResult t = ModelChoiceTests.breuschPagan(frame);
            JsonNode e = field(ref, "/breusch_pagan/" + c[0]);
            close(field(e, "/statistic").asDouble(), t.statistic(), TOL, c[0] + " BP statistic");
            assertEquals(field(e, "/df").asDouble(), t.df(), c[0] + " BP df");
            assertEquals(field(e, "/p_value").asDouble(), t.pValue(), 1e-12, c[0] + " BP p-value");
        }
    }

    @Test
    void pgglsOnTheUnbalancedEmplukPanelReproducesPlm() {
        EstimateSpec pooling = EstimateSpec.of(EMPLUK).withEstimator("fgls").withFglsVariant("pggls")
                .withPanel(new PanelKeys("firm", "year"));
        checkCoefficients(field(ref, "/pggls/empluk_pooling"), Estimators.fit(empluk, pooling), "pggls pooling");
        EstimateSpec within = pooling.withFormula(Formula.parse(EMPLUK + " | firm"));
        checkCoefficients(field(ref, "/pggls/empluk_within"), Estimators.fit(empluk, within), "pggls within");
    }
}
