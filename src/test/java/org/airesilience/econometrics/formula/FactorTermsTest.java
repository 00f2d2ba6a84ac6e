package org.airesilience.econometrics.formula;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Factor terms against src/test/resources/econometrics/factors/factor_terms.json, written by factor_terms.R beside it
 * (R lm with factor(year), LSDV, plm random effects and pggls with factor(year)).
 */
class FactorTermsTest {
    static final Path RES = Path.of("src/test/resources/econometrics");
    static Table grunfeld;
    static Table produc;
    static JsonNode expected;

    @BeforeAll
    static void load() throws Exception {
        grunfeld = Table.readCsv(RES.resolve("cons/grunfeld.csv"));
        produc = Table.readCsv(RES.resolve("factors/produc.csv"));
        expected = Json.MAPPER.readTree(RES.resolve("factors/factor_terms.json").toFile());
    }

    /** Every coefficient R reports, under the same name, with the same estimate and standard error. */
    private static void matches(String block, EstimationResult r, double rel) {
        JsonNode e = expected.get(block);
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); count++) {
            Map.Entry<String, JsonNode> f = it.next();
            Coefficient c = r.require(f.getKey());
            double est = f.getValue().get("estimate").asDouble();
            double se = f.getValue().get("std_error").asDouble();
            assertEquals(est, c.estimate(), rel * Math.max(Math.abs(est), se), block + " " + f.getKey());
            assertEquals(se, c.stdError(), rel * se, block + " se " + f.getKey());
        }
        assertTrue(count > 20, "every year dummy compared");
    }

    @Test
    void olsWithYearDummiesMatchesLm() {
        matches("ols", Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital + i.year")), 1e-9);
        matches("ols", Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital + factor(year)")), 1e-9);
    }

    @Test
    void fixedEffectsWithYearDummiesMatchLsdv() {
        EstimationResult r = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital + i.year | firm"));
        matches("fe", r, 1e-8);
        // The same model with the years absorbed: identical slopes.
        EstimationResult absorbed = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital | firm + year"));
        assertEquals(absorbed.require("value").estimate(), r.require("value").estimate(), 1e-10);
        assertEquals(absorbed.require("_cons").estimate(), r.require("_cons").estimate(), 1e-8,
                "xtreg i.year's constant either way");
    }

    @Test
    void randomEffectsWithYearDummiesMatchPlm() {
        EstimateSpec spec = EstimateSpec.of("inv ~ value + capital + i.year").withEstimator("re")
                .withPanel(new PanelKeys("firm", "year"));
        matches("re", Estimators.fit(grunfeld, spec), 1e-7);
    }

    @Test
    void pgglsWithYearDummiesMatchesPlm() {
        EstimateSpec spec = EstimateSpec.of("log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp + factor(year)")
                .withEstimator("fgls").withFglsVariant("pggls").withPanel(new PanelKeys("state", "year"));
        matches("pggls", Estimators.fit(produc, spec), 1e-7);
    }

    @Test
    void xtglsTakesYearDummiesAsColumns() {
        EstimateSpec spec = EstimateSpec.of("inv ~ value + capital + i.year").withEstimator("fgls")
                .withPanel(new PanelKeys("firm", "year"));
        EstimationResult withFactor = Estimators.fit(grunfeld, spec);
        Table t = grunfeld;
        StringBuilder f = new StringBuilder("inv ~ value + capital");
        double[] year = grunfeld.numeric("year");
        for (int y = 1936; y <= 1954; y++) {
            double[] d = new double[year.length];
            for (int i = 0; i < d.length; i++) d[i] = year[i] == y ? 1 : 0;
            t = t.withNumeric("d" + y, d);
            f.append(" + d").append(y);
        }
        EstimationResult byHand = Estimators.fit(t, spec.withFormula(Formula.parse(f.toString())));
        for (int y = 1936; y <= 1954; y++) {
            assertEquals(byHand.require("d" + y).estimate(), withFactor.require("year::" + y).estimate(), 1e-9);
            assertEquals(byHand.require("d" + y).stdError(), withFactor.require("year::" + y).stdError(), 1e-9);
        }
        assertEquals(byHand.require("value").estimate(), withFactor.require("value").estimate(), 1e-12);
    }

    @Test
    void textFactorsInteractionsAndBaseFromTheSample() {
        String[] letters = new String[grunfeld.rows()];
        double[] firm = grunfeld.numeric("firm");
        for (int i = 0; i < letters.length; i++) letters[i] = firm[i] <= 3 ? "east" : firm[i] <= 6 ? "central" : "west";
        Table t = grunfeld.withText("region", letters);
        EstimationResult r = Estimators.fit(t, EstimateSpec.of("inv ~ value + i.region + i.region:capital"));
        List<String> terms = r.coefficients().stream().map(Coefficient::term).toList();
        assertEquals(List.of("(Intercept)", "value", "region::east", "region::west", "region::east:capital",
                "region::west:capital"), terms, "'central' sorts first and is the base");
        // Dropping the base level's rows moves the base to the next level.
        EstimationResult sub = Estimators.fit(t, EstimateSpec.of("inv ~ value + i.region").withWhere("firm > 3"));
        assertEquals(List.of("(Intercept)", "value", "region::west"),
                sub.coefficients().stream().map(Coefficient::term).toList());
    }

    @Test
    void factorTermsAreRejectedWhereTheyMeanNothing() {
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ log(i.year)"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ l(factor(year), 1)"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ i.a:i.b"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ x | endo ~ i.z"));
        assertThrows(FormulaException.class, () -> Formula.parse("i.y ~ x"));
    }
}
