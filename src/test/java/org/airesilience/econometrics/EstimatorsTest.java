package org.airesilience.econometrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sample rules, collinearity, error messages and the estimate/describe command lines. */
class EstimatorsTest {
    static Table grunfeld;

    @BeforeAll
    static void load() throws Exception {
        grunfeld = ValidationData.table("grunfeld.csv");
    }

    @Test
    void pooledOlsMatchesPublishedPlmPooling() {
        // summary(plm(inv ~ value + capital, Grunfeld, model = "pooling")): -42.7143694 (9.5116760),
        // value 0.1155622 (0.0058357), capital 0.2306785 (0.0254758), R-Squared 0.81241, Adj. 0.8105
        EstimationResult r = Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value + capital"));
        assertEquals(-42.7143694, r.require("(Intercept)").estimate(), 5e-8);
        assertEquals(9.5116760, r.require("(Intercept)").stdError(), 5e-8);
        assertEquals(0.1155622, r.require("value").estimate(), 5e-8);
        assertEquals(0.0058357, r.require("value").stdError(), 5e-8);
        assertEquals(0.2306785, r.require("capital").estimate(), 5e-8);
        assertEquals(0.0254758, r.require("capital").stdError(), 5e-8);
        assertEquals(0.81241, r.fit().get("r2"), 5e-6);
        assertEquals(0.8105, r.fit().get("adj_r2"), 5e-5);
        assertEquals("ols", r.estimator());
        assertEquals(null, r.ngroups());
    }

    @Test
    void collinearRegressorsAreOmittedAndReported() {
        Table t = grunfeld.withNumeric("value2", times(grunfeld.numeric("value"), 2))
                .withNumeric("firmconst", times(grunfeld.numeric("firm"), 3));
        EstimationResult fe = Estimators.fit(t, EstimateSpec.of("inv ~ value + capital + value2 + firmconst | firm"));
        assertEquals(List.of("value2", "firmconst"), fe.extra().get("omitted"));
        assertEquals(List.of("value", "capital", "_cons"), fe.coefficients().stream().map(c -> c.term()).toList());
        assertTrue(String.valueOf(fe.conventions().get("collinearity")).contains("omitted because of collinearity: value2, firmconst"));
        EstimationResult ols = Estimators.fit(t, EstimateSpec.of("inv ~ value + value2 + capital"));
        assertEquals(List.of("value2"), ols.extra().get("omitted"));
    }

    @Test
    void missingValuesAreDroppedAndCounted() {
        double[] v = grunfeld.numeric("value").clone();
        v[3] = Double.NaN;
        v[50] = Double.NaN;
        EstimationResult r = Estimators.fit(grunfeld.withNumeric("value", v), EstimateSpec.of("inv ~ value + capital | firm"));
        assertEquals(198, r.nobs());
        assertEquals(2, r.extra().get("dropped_rows"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = (Map<String, Object>) r.extra().get("sample");
        assertEquals(2, sample.get("rows_dropped_missing"));
    }

    @Test
    void whereAndWinsorizeDefineTheSample() {
        EstimateSpec spec = EstimateSpec.of("inv ~ value + capital | firm + year").withWhere("year != 1940 && year != 1950")
                .withWinsorize(List.of("inv"), 5, 95);
        EstimationResult r = Estimators.fit(grunfeld, spec);
        assertEquals(180, r.nobs());
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = (Map<String, Object>) r.extra().get("sample");
        assertEquals(180, sample.get("rows_after_where"));
        // the same as winsorizing by hand at the _pctile cuts of the filtered sample
        Table filtered = org.airesilience.econometrics.data.RowFilter.parse("year != 1940 && year != 1950").apply(grunfeld);
        double[] inv = filtered.numeric("inv").clone();
        double[] sorted = inv.clone();
        java.util.Arrays.sort(sorted);
        double lo = org.airesilience.econometrics.data.Winsorizer.percentile(sorted, 5);
        double hi = org.airesilience.econometrics.data.Winsorizer.percentile(sorted, 95);
        for (int i = 0; i < inv.length; i++) inv[i] = Math.min(hi, Math.max(lo, inv[i]));
        EstimationResult byHand = Estimators.fit(filtered.withNumeric("inv", inv), EstimateSpec.of("inv ~ value + capital | firm + year"));
        assertEquals(byHand.require("value").estimate(), r.require("value").estimate(), 1e-12);
        assertTrue(r.require("value").estimate() != Estimators.fit(filtered, EstimateSpec.of("inv ~ value + capital | firm + year"))
                .require("value").estimate());
    }

    @Test
    void clearErrors() {
        Table oneCluster = grunfeld.withNumeric("one", new double[grunfeld.rows()]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Estimators.fit(oneCluster,
                EstimateSpec.of("inv ~ value | firm").withVcov(VcovSpec.cluster("one"))));
        assertTrue(e.getMessage().contains("at least 2 clusters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimators.fit(grunfeld, EstimateSpec.of("inv ~ value").withEstimator("re")));
        assertTrue(e.getMessage().contains("--panel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VcovSpec.parse("robustish"));
        assertTrue(e.getMessage().contains("iid, hetero or cluster:VAR"), e.getMessage());
        Table dup = grunfeld.withNumeric("year", new double[grunfeld.rows()]);
        e = assertThrows(IllegalArgumentException.class, () -> Estimators.fit(dup,
                EstimateSpec.of("inv ~ value").withEstimator("fe").withPanel(new PanelKeys("firm", "year"))));
        assertTrue(e.getMessage().contains("duplicate panel key"), e.getMessage());
    }

    @Test
    void estimateCommandWritesTheJsonContract(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fe.json");
        int code = Main.commandLine().execute("estimate", "--data", ValidationData.DIR.resolve("grunfeld.csv").toString(),
                "--formula", "inv ~ value + capital | firm + year", "--vcov", "cluster:firm", "--json", out.toString());
        assertEquals(0, code);
        JsonNode j = Json.MAPPER.readTree(out.toFile());
        assertEquals("fe", j.get("estimator").asText());
        assertEquals(200, j.get("nobs").asInt());
        assertEquals(10, j.get("ngroups").asInt());
        assertEquals("value", j.get("coefficients").get(0).get("term").asText());
        for (String k : new String[]{"estimate", "std_error", "statistic", "p_value"}) {
            assertTrue(j.get("coefficients").get(0).has(k), k);
        }
        for (String k : new String[]{"r2", "r2_within", "adj_r2", "rss", "sigma", "df_resid"}) {
            assertTrue(j.get("fit").has(k), k);
        }
        assertTrue(j.get("tests").has("f_individual"));
        assertTrue(j.get("conventions").get("small_sample").asText().contains("K = 22"));
        byte[] first = Files.readAllBytes(out);
        Main.commandLine().execute("estimate", "--data", ValidationData.DIR.resolve("grunfeld.csv").toString(),
                "--formula", "inv ~ value + capital | firm + year", "--vcov", "cluster:firm", "--json", out.toString());
        assertEquals(new String(first), Files.readString(out), "byte-identical output on a rerun");
    }

    @Test
    void describeCommand(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("d.json");
        int code = Main.commandLine().execute("describe", "--data", ValidationData.DIR.resolve("grunfeld.csv").toString(),
                "--vars", "inv,value", "--where", "firm <= 5", "--json", out.toString());
        assertEquals(0, code);
        JsonNode s = Json.MAPPER.readTree(out.toFile()).get("statistics").get(0);
        double[] inv = org.airesilience.econometrics.data.RowFilter.parse("firm <= 5").apply(grunfeld).numeric("inv");
        double mean = java.util.Arrays.stream(inv).average().orElseThrow();
        double ss = java.util.Arrays.stream(inv).map(x -> (x - mean) * (x - mean)).sum();
        assertEquals("inv", s.get("variable").asText());
        assertEquals(100, s.get("n").asInt());
        assertEquals(mean, s.get("mean").asDouble(), 1e-9);
        assertEquals(Math.sqrt(ss / 99), s.get("sd").asDouble(), 1e-9);
        assertEquals(java.util.Arrays.stream(inv).min().orElseThrow(), s.get("min").asDouble());
        assertFalse(s.get("median").isNull());
    }

    private static double[] times(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * k;
        return out;
    }
}
