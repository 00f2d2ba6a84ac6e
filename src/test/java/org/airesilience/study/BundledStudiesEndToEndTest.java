package org.airesilience.study;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.cli.Main;
import org.airesilience.region.RegionGroups;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both bundled studies ({@code conf/studies/ai-resilience.conf}, {@code conf/studies/yangtze-agglomeration.conf}) as
 * they are, replicate counts included, on the bundled sample: every table and figure of the papers with their rows
 * and columns; the estimates recover the generator's truth ({@code data-lake/truth/yearbooks/parameters.json}); every
 * model's {@code --explain} command line gives the table's numbers.
 *
 * <p>The panels are the generator's expected panels ({@code expected_panel_*.csv}, with the entropy weights beside
 * them as the panel layer writes them): BundledSampleTruthTest shows that {@code ./submit.sh panel} builds exactly
 * these from the bundled yearbooks, and building them again here would only add Spark's start-up to the run.
 *
 * <p>The truth a coefficient is held to is what the estimator estimates under the DGP: study A's AI enters with a
 * threshold and is endogenous, so the linear models' AI coefficients are held to {@code provinces.estimands} (the
 * estimator applied to the conditional mean of IR), the mediation paths to theta and b, the threshold to gamma;
 * study B's outcome step to phi_tin and phi_ai and its total effect to phi_tin + phi_ai x the mediator step's slope.
 */
class BundledStudiesEndToEndTest {
    static final Path TRUTH = Path.of("data-lake/truth/yearbooks");
    static final Path STUDY_A = Path.of("conf/studies/ai-resilience.conf");
    static final Path STUDY_B = Path.of("conf/studies/yangtze-agglomeration.conf");
    static final List<String> TABLES_A = List.of("table2", "table3", "table4", "table5", "table6", "table7", "table8", "table9");
    static final List<String> TABLES_B = List.of("table2", "table3", "table4", "table5", "table6", "table7");

    @TempDir
    static Path dir;
    static Path lake, dataA, dataB, runA, runB;
    static JsonNode truth;

    @BeforeAll
    static void runBothStudies() throws IOException {
        lake = dir.resolve("lake");
        dataA = panel("provinces", "expected_panel_provinces.csv");
        Files.copy(TRUTH.resolve("expected_weights_IR.csv"), dataA.resolveSibling("weights_IR.csv"));
        dataB = panel("yangtze-cities", "expected_panel_yangtze_cities.csv");
        withIndustryType(dataB);
        assertEquals(0, Main.commandLine().execute(args(STUDY_A, dataA, "--run-id", "r1").toArray(String[]::new)));
        assertEquals(0, Main.commandLine().execute(args(STUDY_B, dataB, "--run-id", "r1").toArray(String[]::new)));
        runA = lake.resolve("results/ai-resilience/r1");
        runB = lake.resolve("results/yangtze-agglomeration/r1");
        truth = Json.MAPPER.readTree(TRUTH.resolve("parameters.json").toFile());
    }

    private static Path panel(String name, String truthFile) throws IOException {
        Path p = lake.resolve("curated/panels").resolve(name).resolve("panel.csv");
        Files.createDirectories(p.getParent());
        Files.copy(TRUTH.resolve(truthFile), p);
        return p;
    }

    /**
     * Study B's Table 6 groups, which the truth does not list: the panel spec's {@code industry_type =
     * classify(yangtze_industry)}, the bundled classification read as the panel layer reads it.
     */
    private static void withIndustryType(Path panel) throws IOException {
        RegionGroups groups = RegionGroups.load();
        List<String> lines = Files.readAllLines(panel, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",industry_type\n");
        for (String l : lines.subList(1, lines.size())) {
            sb.append(l).append(',').append(groups.category("yangtze-industry", l.substring(0, l.indexOf(',')))).append('\n');
        }
        Files.writeString(panel, sb.toString(), StandardCharsets.UTF_8);
    }

    static List<String> args(Path config, Path data, String... extra) {
        List<String> a = new ArrayList<>(List.of("study", "--config", config.toString(), "--lake", lake.toString(),
                "--data", data.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void everyTableAndFigureIsPublished() throws IOException {
        published(runA, TABLES_A, List.of("ai-by-region", "ai-heatmap", "ir-entropy-weights", "table8-1/threshold_lr_stage1",
                "table8-1/threshold_lr_stage2", "table8-1/threshold_lr_stage3"));
        published(runB, TABLES_B, List.of("figure1", "tin-by-year"));
        assertEquals("r1\n", Files.readString(lake.resolve("results/ai-resilience/LATEST")));
        assertEquals("r1\n", Files.readString(lake.resolve("results/yangtze-agglomeration/LATEST")));
    }

    private static void published(Path run, List<String> tables, List<String> figures) throws IOException {
        for (String t : tables) {
            for (String ext : List.of("csv", "md", "tex", "docx", "json")) {
                assertTrue(Files.size(run.resolve("tables").resolve(t + "." + ext)) > 0, run + " " + t + "." + ext);
            }
        }
        try (var s = Files.list(run.resolve("tables"))) {
            assertEquals(tables.size() * 5, s.count(), "no table beyond the paper's");
        }
        for (String f : figures) {
            assertTrue(Files.size(run.resolve("figures").resolve(f + ".png")) > 1000, f + ".png");
            assertTrue(Files.readString(run.resolve("figures").resolve(f + ".svg")).contains("<svg"), f + ".svg");
        }
        String html = Files.readString(run.resolve("report.html"));
        for (String t : tables) assertTrue(html.contains("id=\"table-" + t + "\""), t + " in report.html");
        assertTrue(Files.isRegularFile(run.resolve("manifest.json")));
    }

    @Test
    void studyATablesHaveThePapersRowsAndColumns() throws IOException {
        List<String> ctl = List.of("mark", "fin", "gov", "edu", "infra", "pergdp");
        layout(runA, "table2", "表 2 变量的描述性统计", List.of("均值", "标准差", "中位数", "最小值", "最大值", "观测值"),
                List.of("被解释变量 制造业韧性 IR", "核心解释变量 人工智能 AI", "中介变量 产业专业化集聚 sagg",
                        "中介变量 产业多样化集聚 dagg", "中介变量 模仿创新能力 imitat", "中介变量 自主创新能力 inno",
                        "控制变量 市场规模 mark", "控制变量 金融发展水平 fin", "控制变量 政府干预程度 gov",
                        "控制变量 人力资本水平 edu", "控制变量 基础设施建设 infra", "控制变量 人均 GDP pergdp"));
        List<String> t3 = new ArrayList<>(coefficientRows(List.of("AI", "mark", "fin", "gov", "edu", "infra", "pergdp", "常数项")));
        t3.addAll(List.of("省份固定效应", "时间固定效应", "观测值", "调整 R²", "F 检验", "LM 检验", "Hausman 检验"));
        layout(runA, "table3", "表 3 基准回归结果", models(4), t3);
        List<String> t4 = new ArrayList<>(coefficientRows(List.of("AI", "L.IR", "常数项")));
        t4.addAll(List.of("控制变量", "Anderson LM 统计量", "Cragg-Donald Wald F 统计量",
                "Stock-Yogo 临界值 (10%/15%/20%/25% IV size)", "AR(1) test-P 值", "AR(2) test-P 值", "Hansen test-P 值",
                "工具变量个数", "观测值", "调整 R²"));
        layout(runA, "table4", "表 4 基准回归的内生性处理和稳健性检验结果", models(10), t4);
        // a table whose columns name their dependent variable has that row first (its stub empty)
        List<String> t5 = new ArrayList<>(List.of(""));
        t5.addAll(coefficientRows(List.of("AI", "sagg", "dagg", "imitat", "inno", "常数项")));
        t5.addAll(List.of("控制变量", "省份固定效应", "时间固定效应", "Sobel z", "间接效应", "间接效应占总效应比重", "观测值", "调整 R²"));
        layout(runA, "table5", "表 5 影响机制检验结果", models(8), t5);
        List<String> t6 = new ArrayList<>(coefficientRows(List.of("AI", "AI × sagg", "AI × inno", "sagg", "inno", "L.inno", "常数项")));
        t6.addAll(List.of("控制变量", "Anderson LM 统计量", "Cragg-Donald Wald F 统计量",
                "Stock-Yogo 临界值 (10%/15%/20%/25% IV size)", "AR(1) test-P 值", "AR(2) test-P 值", "Hansen test-P 值",
                "工具变量个数", "观测值", "调整 R²"));
        layout(runA, "table6", "表 6 影响机制的内生性处理和稳健性检验结果", models(10), t6);
        List<String> t7 = new ArrayList<>(coefficientRows(List.of("AI", "常数项")));
        t7.addAll(List.of("控制变量", "省份固定效应", "时间固定效应", "观测值", "调整 R²"));
        layout(runA, "table7", "表 7 异质影响回归结果", List.of("模型 1 东部", "模型 2 中部", "模型 3 西部", "模型 4 低信息基础设施",
                "模型 5 高信息基础设施", "模型 6 低对外开放", "模型 7 高对外开放"), t7);
        List<String> t8 = new ArrayList<>();
        for (String region : List.of("全国", "东部地区", "中部地区", "西部地区")) {
            for (String stage : List.of("单一门槛", "双重门槛", "三重门槛")) t8.add(region + " " + stage);
        }
        layout(runA, "table8", "表 8 门槛存在性检验", List.of("F值", "P值", "门槛值", "95% 置信区间", "BS次数", "临界值 10%",
                "临界值 5%", "临界值 1%"), t8);
        List<String> t9 = new ArrayList<>(coefficientRows(List.of("AI_1", "AI_2", "AI_3", "AI_4")));
        t9.addAll(List.of("控制变量", "观测值"));
        layout(runA, "table9", "表 9 门槛回归结果", List.of("全国", "东部", "中部", "西部"), t9);
        assertFalse(ctl.isEmpty());
    }

    @Test
    void studyBTablesHaveThePapersRowsAndColumns() throws IOException {
        layout(runB, "table2", "表 2 变量描述性统计结果", List.of("样本量", "均值", "标准差", "最小值", "中位数", "最大值"),
                List.of("AGG", "TIN", "AI", "POS", "NUE", "GRA"));
        List<String> t3 = new ArrayList<>(coefficientRows(List.of("TIN", "POS", "NUE", "GRA", "_cons")));
        t3.addAll(List.of("N", "r2_a"));
        layout(runB, "table3", "表 3 基准回归结果", List.of("模型(1)", "模型(2) +POS", "模型(2) +NUE", "模型(2) +GRA"), t3);
        List<String> t4 = new ArrayList<>(List.of(""));
        t4.addAll(coefficientRows(List.of("TIN", "AI", "POS", "NUE", "GRA", "_cons")));
        t4.addAll(List.of("Sobel z", "中介效应占比", "N", "r2_a"));
        layout(runB, "table4", "表 4 中介效应检验结果", List.of("(3)", "(4)", "(5)"), t4);
        List<String> t56 = new ArrayList<>(List.of(""));
        t56.addAll(coefficientRows(List.of("AI", "TIN", "POS", "NUE", "GRA", "_cons")));
        t56.addAll(List.of("N", "r2_a"));
        layout(runB, "table5", "表 5 异质性回归结果(政策时间)", List.of("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"), t56);
        layout(runB, "table6", "表 6 异质性回归结果(产业结构)", List.of("装备制造业 AI", "装备制造业 AGG", "先进制造业 AI",
                "先进制造业 AGG", "新型工业化 AI", "新型工业化 AGG"), t56);
        List<String> t7 = new ArrayList<>(coefficientRows(List.of("TIN", "POS", "NUE", "GRA", "VHT", "_cons")));
        t7.addAll(List.of("N", "r2_a"));
        layout(runB, "table7", "表 7 稳健性检验结果", List.of("替换控制变量前", "替换控制变量后", "替换解释变量前", "替换解释变量后"), t7);
    }

    private static List<String> models(int n) {
        List<String> m = new ArrayList<>();
        for (int i = 1; i <= n; i++) m.add("模型 " + i);
        return m;
    }

    /** A coefficient row is followed by its statistic's row, whose first cell is empty. */
    private static List<String> coefficientRows(List<String> labels) {
        List<String> rows = new ArrayList<>();
        for (String l : labels) {
            rows.add(l);
            rows.add("");
        }
        return rows;
    }

    /** The CSV: title, the header (stub and column labels), then the row labels in order, then the notes. */
    private static void layout(Path run, String table, String title, List<String> columns, List<String> rows) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("tables").resolve(table + ".csv"), StandardCharsets.UTF_8);
        assertEquals("\uFEFF" + title, lines.get(0), table);
        List<String> header = List.of(lines.get(1).split(",", -1));
        assertEquals(columns, header.subList(1, header.size()), table + " columns");
        List<String> labels = new ArrayList<>();
        for (String l : lines.subList(2, 2 + rows.size())) labels.add(label(l));
        assertEquals(rows, labels, table + " rows");
        assertTrue(lines.size() > 2 + rows.size() && lines.get(2 + rows.size()).startsWith("注") ||
                lines.size() > 2 + rows.size() && !lines.get(2 + rows.size()).isEmpty(), table + " notes");
    }

    private static String label(String csvLine) {
        if (csvLine.startsWith("\"")) return csvLine.substring(1, csvLine.indexOf('"', 1));
        return csvLine.split(",", -1)[0];
    }

    @Test
    void studyAEstimatesRecoverTheGeneratorsTruth() throws IOException {
        JsonNode prov = truth.get("provinces"), est = prov.get("estimands"), med = prov.get("mediation");
        covers(est.get("two_way_fe").get("estimand").asDouble(), coefficient(runA, "table3", 4, "AI"), "Table 3 model 4: AI");
        covers(est.get("iv_ivAI").get("estimand").asDouble(), coefficient(runA, "table4", 1, "AI"), "Table 4 model 1: AI (ivAI)");
        covers(est.get("iv_ivHist").get("estimand").asDouble(), coefficient(runA, "table4", 2, "AI"), "Table 4 model 2: AI (ivHist)");
        covers(est.get("iv_lag_AI").get("estimand").asDouble(), coefficient(runA, "table4", 3, "AI"), "Table 4 model 3: AI (l(AI, 1))");
        // the mediation paths: a = theta (AI on the mediator), b = the mediator's coefficient in the outcome step
        covers(med.get("theta_sagg").asDouble(), path(runA, 1, "a_path"), "a path of sagg");
        covers(med.get("b_sagg").asDouble(), path(runA, 2, "b_path"), "b path of sagg");
        covers(med.get("theta_inno").asDouble(), path(runA, 7, "a_path"), "a path of inno");
        covers(med.get("b_inno").asDouble(), path(runA, 8, "b_path"), "b path of inno");
        covers(med.get("b_sagg").asDouble(), step(runA, "table5", 2, "outcome", "sagg"), "Table 5 model 2: sagg");
        covers(med.get("b_inno").asDouble(), step(runA, "table5", 8, "outcome", "inno"), "Table 5 model 8: inno");
        // the threshold: found nationally, gamma inside stage 1's LR confidence set
        double gamma = prov.get("threshold").get("gamma").asDouble();
        JsonNode stage1 = column(runA, "table8", 1).get("thresholds").get(0);
        assertTrue(stage1.get("ci_low").asDouble() <= gamma && gamma <= stage1.get("ci_high").asDouble(),
                "gamma " + gamma + " outside [" + stage1.get("ci_low") + ", " + stage1.get("ci_high") + "]");
        assertTrue(stage1.get("p_value").asDouble() < 0.01, "single threshold p " + stage1.get("p_value"));
        assertEquals(1000, stage1.get("replications").asInt());
    }

    /**
     * The paper's instruments pass the Stock-Yogo test at 10% maximal IV size; precipitation (ivWeak), run through the
     * same explained command as Table 4's model 1 with the instrument swapped, fails it at every size.
     */
    @Test
    void theWeakInstrumentIsFlaggedByItsCraggDonaldF() throws IOException {
        for (int model : List.of(1, 2, 3)) {
            JsonNode sy = column(runA, "table4", model).get("stock_yogo");
            assertTrue(sy.get("cragg_donald_f_exceeds").get("max_iv_size_10").asBoolean(), "Table 4 model " + model + ": " + sy);
        }
        List<String> cmd = new ArrayList<>();
        for (String w : ExplainedCommands.command(ExplainedCommands.explain(args(STUDY_A, dataA)), "table4-1")) {
            cmd.add(w.replace("AI ~ ivAI", "AI ~ ivWeak"));
        }
        assertTrue(cmd.stream().anyMatch(w -> w.contains("AI ~ ivWeak")), cmd.toString());
        Path out = dir.resolve("weak.json");
        assertEquals(0, ExplainedCommands.run(cmd, out, dir.resolve("weak-plots")));
        JsonNode weak = Json.MAPPER.readTree(out.toFile());
        JsonNode exceeds = weak.get("stock_yogo").get("cragg_donald_f_exceeds");
        for (String size : List.of("max_iv_size_10", "max_iv_size_15", "max_iv_size_20", "max_iv_size_25")) {
            assertFalse(exceeds.get(size).asBoolean(), "precipitation passes at " + size + ": " + weak.get("stock_yogo"));
        }
    }

    @Test
    void studyBEstimatesRecoverTheGeneratorsTruth() throws IOException {
        JsonNode city = truth.get("cities");
        double phiTin = city.get("phi_tin").asDouble(), phiAi = city.get("phi_ai").asDouble();
        covers(phiTin, step(runB, "table4", 3, "outcome", "TIN"), "Table 4 (5): TIN");
        covers(phiAi, step(runB, "table4", 3, "outcome", "AI"), "Table 4 (5): AI");
        // the total effect: AGG's equation through the mediator step's slope of AI on TIN (same sample, same controls)
        double a = step(runB, "table4", 2, "mediator", "TIN").get("estimate").asDouble();
        covers(phiTin + phiAi * a, coefficient(runB, "table3", 4, "TIN"), "Table 3 model 4: TIN");
    }

    @Test
    void everyExplainedCommandLineGivesTheTablesNumbers() throws IOException {
        assertEquals(48, ExplainedCommands.reproduce(args(STUDY_A, dataA), runA, TABLES_A, dir.resolve("explain-a")));
        assertEquals(24, ExplainedCommands.reproduce(args(STUDY_B, dataB), runB, TABLES_B, dir.resolve("explain-b")));
    }

    private static JsonNode column(Path run, String table, int column) throws IOException {
        return Json.MAPPER.readTree(run.resolve("tables").resolve(table + ".json").toFile()).get("columns").get(column - 1).get("model");
    }

    private static JsonNode coefficient(Path run, String table, int column, String term) throws IOException {
        return coefficient(column(run, table, column), term, table + " column " + column);
    }

    /** A coefficient of one step (total_effect, mediator, outcome) of a mediate column. */
    private static JsonNode step(Path run, String table, int column, String step, String term) throws IOException {
        return coefficient(column(run, table, column).get("steps").get(step), term, table + " column " + column + " " + step);
    }

    private static JsonNode coefficient(JsonNode model, String term, String where) {
        for (JsonNode c : model.get("coefficients")) {
            if (c.get("term").asText().equals(term)) return c;
        }
        throw new AssertionError(where + ": no coefficient " + term);
    }

    private static JsonNode path(Path run, int column, String path) throws IOException {
        return column(run, "table5", column).get("mediation").get(path);
    }

    private static void covers(double truth, JsonNode c, String what) {
        double b = c.get("estimate").asDouble(), se = c.get("std_error").asDouble();
        assertTrue(Math.abs(b - truth) <= 1.96 * se, what + ": " + b + " +- 1.96 x " + se + " misses " + truth);
    }

    static Map<String, Object> json(Path p) throws IOException {
        return ExplainedCommands.json(p);
    }
}
