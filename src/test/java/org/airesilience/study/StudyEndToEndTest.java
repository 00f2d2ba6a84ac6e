package org.airesilience.study;

import com.fasterxml.jackson.core.type.TypeReference;
import org.airesilience.cli.Main;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the mini study (src/test/resources/studies/mini.conf) over a generated panel through {@code study}, then
 * checks what it publishes: every table in every format with the configured rows and columns, the figures, the
 * report and manifest, LATEST; that the estimates recover the generator's truth; that each --explain command line
 * gives exactly the JSON in the table; and that a second run gives the same bytes.
 */
class StudyEndToEndTest {
    static final Path CONFIG = Path.of("src/test/resources/studies/mini.conf");
    static final List<String> TABLES = List.of("table2", "table3", "table5", "table8", "table9");

    @TempDir
    static Path dir;
    static Path lake;
    static Path data;
    static Path run;

    @BeforeAll
    static void runStudy() throws IOException {
        lake = dir.resolve("lake");
        data = MiniPanel.write(lake.resolve("curated/panels/mini"));
        assertEquals(0, study("--run-id", "r1"));
        run = lake.resolve("results/mini-study/r1");
    }

    static int study(String... extra) {
        List<String> args = new ArrayList<>(List.of("study", "--config", CONFIG.toString(), "--lake", lake.toString(),
                "--data", data.toString()));
        args.addAll(List.of(extra));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }

    static Map<String, Object> json(Path p) throws IOException {
        return Json.MAPPER.readValue(p.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> coefficient(Map<String, Object> model, String term) {
        for (Map<String, Object> c : (List<Map<String, Object>>) model.get("coefficients")) {
            if (c.get("term").equals(term)) return c;
        }
        throw new AssertionError("no coefficient " + term);
    }

    static void covers(double truth, Map<String, Object> c, String what) {
        double b = ((Number) c.get("estimate")).doubleValue();
        double se = ((Number) c.get("std_error")).doubleValue();
        assertTrue(Math.abs(b - truth) <= 1.96 * se, what + ": " + b + " +- 1.96 x " + se + " misses " + truth);
    }

    @Test
    void publishesEveryTableInEveryFormatTheFiguresReportManifestAndLatest() throws IOException {
        for (String t : TABLES) {
            for (String ext : List.of("csv", "md", "tex", "docx", "json")) {
                assertTrue(Files.size(run.resolve("tables").resolve(t + "." + ext)) > 0, t + "." + ext);
            }
        }
        for (String f : List.of("ai-by-region", "ai-heatmap", "entropy-weights", "figure1",
                "table8-1/threshold_lr_stage1", "table8-1/threshold_lr_stage2")) {
            assertTrue(Files.size(run.resolve("figures").resolve(f + ".png")) > 1000, f + ".png");
            assertTrue(Files.readString(run.resolve("figures").resolve(f + ".svg")).contains("<svg"), f + ".svg");
        }
        assertEquals("r1\n", Files.readString(lake.resolve("results/mini-study/LATEST")));
        Map<String, Object> manifest = json(run.resolve("manifest.json"));
        assertTrue(manifest.get("inputs").toString().contains("panel.csv"));
        assertTrue(manifest.get("inputs").toString().contains("sha256"));
        assertTrue(((Map<?, ?>) manifest.get("seconds_per_stage")).keySet().containsAll(TABLES));
        assertEquals(Map.of("table8-1", 7, "figure1-1", 3), manifest.get("model_seeds"));
        assertTrue(manifest.get("versions").toString().contains("spark"));
        String html = Files.readString(run.resolve("report.html"));
        for (String t : TABLES) assertTrue(html.contains("id=\"table-" + t + "\""), t);
        assertTrue(html.contains("id=\"figure-figure1\"") && html.contains("制造业韧性") && html.contains("imputation_log.csv"));
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"figures/"),
                "report.html must load nothing from outside the page");
    }

    @Test
    void tablesHaveTheConfiguredRowsAndColumns() throws IOException {
        List<String> t3 = Files.readAllLines(run.resolve("tables/table3.csv"), StandardCharsets.UTF_8);
        assertEquals("\uFEFF表 3 基准回归结果", t3.get(0));
        assertEquals("变量,模型 1,模型 2,模型 3", t3.get(1));
        assertEquals(List.of("AI", "", "mark", "", "常数项", "", "省份固定效应", "时间固定效应", "观测值", "R²",
                "Anderson LM", "Cragg-Donald F"), t3.subList(2, 14).stream().map(l -> l.split(",", -1)[0]).toList());
        assertEquals("省份固定效应,是,是,是", t3.get(8));
        assertEquals("时间固定效应,否,是,是", t3.get(9));
        assertEquals("观测值,288,288,288", t3.get(10));
        assertTrue(t3.get(12).matches("Anderson LM,,,\\d+\\.\\d{3}\\*\\*\\*"), t3.get(12));
        assertTrue(t3.get(14).startsWith("注:"));
        Map<String, Object> m2 = (Map<String, Object>) ((List<Map<String, Object>>) json(run.resolve("tables/table3.json"))
                .get("columns")).get(1).get("model");
        Map<String, Object> ai = coefficient(m2, "AI");
        String expected = String.format(java.util.Locale.ROOT, "AI,%s,%.3f***,%s", t3.get(2).split(",")[1],
                ((Number) ai.get("estimate")).doubleValue(), t3.get(2).split(",")[3]);
        assertEquals(expected, t3.get(2));
        assertEquals(String.format(java.util.Locale.ROOT, "(%.3f)", ((Number) ai.get("statistic")).doubleValue()),
                t3.get(3).split(",")[2]);

        List<String> t5 = Files.readAllLines(run.resolve("tables/table5.csv"), StandardCharsets.UTF_8);
        assertEquals(",sagg,IR,,", t5.get(2));
        assertEquals("控制变量,控制,控制,控制,控制", t5.stream().filter(l -> l.startsWith("控制变量")).findFirst().orElseThrow());
        assertTrue(t5.stream().anyMatch(l -> l.matches("中介效应占比,\\d+\\.\\d{3}%,.*")));

        List<String> t8 = Files.readAllLines(run.resolve("tables/table8.csv"), StandardCharsets.UTF_8);
        assertEquals("变量,F,p,threshold,95% CI,B,10%,5%,1%", t8.get(1));
        assertTrue(t8.get(2).startsWith("全国 单一门槛,") && t8.get(3).startsWith("全国 双重门槛,"));
        assertTrue(t8.get(2).contains(",29,"));

        List<String> t2 = Files.readAllLines(run.resolve("tables/table2.csv"), StandardCharsets.UTF_8);
        assertEquals("变量,均值,标准差,观测值", t2.get(1));
        assertTrue(t2.get(2).startsWith("制造业韧性 IR,") && t2.get(2).endsWith(",288"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void estimatesRecoverTheGeneratorsTruth() throws IOException {
        List<Map<String, Object>> t3 = (List<Map<String, Object>>) json(run.resolve("tables/table3.json")).get("columns");
        covers(MiniPanel.TOTAL_EFFECT, coefficient((Map<String, Object>) t3.get(2).get("model"), "AI"), "IV total effect");
        List<Map<String, Object>> t5 = (List<Map<String, Object>>) json(run.resolve("tables/table5.json")).get("columns");
        Map<String, Object> med = (Map<String, Object>) ((Map<String, Object>) t5.get(0).get("model")).get("mediation");
        covers(MiniPanel.A_PATH, (Map<String, Object>) med.get("a_path"), "a path");
        List<Map<String, Object>> t8 = (List<Map<String, Object>>) json(run.resolve("tables/table8.json")).get("columns");
        Map<String, Object> stage1 = ((List<Map<String, Object>>) ((Map<String, Object>) t8.get(0).get("model"))
                .get("thresholds")).get(0);
        double lo = ((Number) stage1.get("ci_low")).doubleValue();
        double hi = ((Number) stage1.get("ci_high")).doubleValue();
        assertTrue(lo <= MiniPanel.THRESHOLD + 0.05 && MiniPanel.THRESHOLD - 0.05 <= hi,
                "threshold LR interval [" + lo + ", " + hi + "] misses " + MiniPanel.THRESHOLD);
        assertTrue(((Number) stage1.get("p_value")).doubleValue() < 0.05, "the threshold is found");
    }

    @Test
    void everyExplainedCommandLineGivesTheTablesNumbers() throws IOException {
        List<String> args = List.of("study", "--config", CONFIG.toString(), "--lake", lake.toString(), "--data", data.toString());
        assertEquals(10, ExplainedCommands.reproduce(args, run, TABLES, dir.resolve("explain")));
    }

    /**
     * Opens report.html in Debian's chromium (installed by .ci/run): the DOM after load must hold every table and
     * figure, the page's own check must find no image that failed to load, and a screenshot must be taken.
     */
    @Test
    void reportOpensInAHeadlessBrowserWithEveryTableAndFigure() throws Exception {
        String chromium = List.of("chromium", "chromium-browser").stream()
                .filter(c -> Files.isExecutable(Path.of("/usr/bin", c))).findFirst()
                .orElseThrow(() -> new AssertionError("chromium is needed (apt-get install -y chromium; .ci/run installs it)"));
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=10000");
        String url = run.resolve("report.html").toUri().toString();
        List<String> dump = new ArrayList<>(List.of(chromium));
        dump.addAll(flags);
        dump.addAll(List.of("--dump-dom", url));
        Process p = new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        for (String t : TABLES) assertTrue(dom.contains("id=\"table-" + t + "\""), "table " + t + " in the DOM");
        List<String> figures = List.of("ai-by-region", "ai-heatmap", "entropy-weights", "figure1",
                "table8-1-threshold_lr_stage1", "table8-1-threshold_lr_stage2", "table8-1-threshold_lr_stage2_refined");
        for (String f : figures) assertTrue(dom.contains("id=\"figure-" + f + "\""), "figure " + f + " in the DOM");
        assertTrue(dom.contains("data-broken-images=\"0\""), "every image loaded");
        assertTrue(dom.contains("data-images=\"" + figures.size() + "\""), "the load check ran over every image");
        assertTrue(dom.contains("制造业韧性"), "Chinese text survives");

        Path shot = dir.resolve("report.png");
        List<String> screenshot = new ArrayList<>(List.of(chromium));
        screenshot.addAll(flags);
        screenshot.addAll(List.of("--hide-scrollbars", "--window-size=1200,2400", "--screenshot=" + shot, url));
        Process s = new ProcessBuilder(screenshot).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, s.waitFor());
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 20_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a screenshot of the page");
    }

    @Test
    void aSecondRunGivesTheSameBytes() throws IOException {
        assertEquals(0, study("--run-id", "r2", "--tables", "table3,table5"));
        Path second = lake.resolve("results/mini-study/r2");
        for (String t : List.of("table3", "table5")) {
            for (String ext : List.of("csv", "md", "tex", "docx", "json")) {
                assertArrayEquals(Files.readAllBytes(run.resolve("tables").resolve(t + "." + ext)),
                        Files.readAllBytes(second.resolve("tables").resolve(t + "." + ext)), t + "." + ext);
            }
        }
        assertEquals("r2\n", Files.readString(lake.resolve("results/mini-study/LATEST")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunReportTimesTheStudyAndNamesItsOutputs() throws IOException {
        Map<String, Object> report = json(lake.resolve("reports/study-mini-study-r1.json"));
        assertEquals("study", report.get("job"));
        assertEquals("r1", report.get("run_id"));
        assertEquals("succeeded", report.get("status"));
        assertEquals(CONFIG.toString(), ((Map<String, Object>) report.get("inputs")).get("study config"));
        assertEquals(TABLES.size(), ((Map<String, Object>) report.get("counts")).get("tables"));
        assertTrue(((Map<String, Object>) report.get("stage_seconds")).get("estimate and publish") instanceof Number);
        assertEquals(run.toString(), ((Map<String, Object>) report.get("outputs")).get("results"));
        Map<String, Object> perTable = (Map<String, Object>) report.get("study_seconds");
        for (String t : TABLES) assertTrue(perTable.get(t) instanceof Number, t);
    }
}
