package org.airesilience.report.table;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each writer on one small table, against the exact text it must produce. */
class TableWritersTest {
    static ResultTable table() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("estimator", "fe");
        model.put("nobs", 450);
        return new ResultTable("table3", "表 3 基准回归结果", "变量", List.of("模型 1", "模型 2"),
                List.of(new ResultTable.Row("", List.of("IR", "IR"), "header")),
                List.of(new ResultTable.Row("AI", List.of("0.178***", "0.046*"), "coefficients"),
                        new ResultTable.Row("", List.of("(38.517)", "(1.700)"), "coefficients"),
                        new ResultTable.Row("x_1", List.of("", "-0.120"), "coefficients"),
                        new ResultTable.Row("", List.of("", "(-4.569)"), "coefficients"),
                        new ResultTable.Row("观测值", List.of("450", "450"), "statistics"),
                        new ResultTable.Row("调整 R²", List.of("0.780", "0.862"), "statistics")),
                List.of("注:括号内为 t 统计量, 常规标准误; 10% & 5%"),
                List.of(new ResultTable.Model("模型 1", model), new ResultTable.Model("模型 2", model)));
    }

    static String text(TableWriter w) {
        return new String(w.render(table()), StandardCharsets.UTF_8);
    }

    @Test
    void csv() {
        assertEquals("\uFEFF表 3 基准回归结果\r\n变量,模型 1,模型 2\r\n,IR,IR\r\nAI,0.178***,0.046*\r\n,(38.517),(1.700)\r\n"
                + "x_1,,-0.120\r\n,,(-4.569)\r\n观测值,450,450\r\n调整 R²,0.780,0.862\r\n"
                + "\"注:括号内为 t 统计量, 常规标准误; 10% & 5%\"\r\n", text(new CsvTableWriter()));
    }

    @Test
    void markdown() {
        assertEquals("**表 3 基准回归结果**\n\n| 变量 | 模型 1 | 模型 2 |\n|---|---:|---:|\n|  | IR | IR |\n"
                + "| AI | 0.178\\*\\*\\* | 0.046\\* |\n|  | (38.517) | (1.700) |\n| x\\_1 |  | -0.120 |\n|  |  | (-4.569) |\n"
                + "| 观测值 | 450 | 450 |\n| 调整 R² | 0.780 | 0.862 |\n\n注:括号内为 t 统计量, 常规标准误; 10% & 5%\n\n",
                text(new MarkdownTableWriter()));
    }

    @Test
    void latexBooktabs() {
        assertEquals("""
                % booktabs table; Chinese text needs xeCJK or ctex (XeLaTeX)
                \\begin{table}[htbp]
                \\centering
                \\caption{表 3 基准回归结果}
                \\label{tab:table3}
                \\begin{tabular}{lcc}
                \\toprule
                变量 & 模型 1 & 模型 2 \\\\
                 & IR & IR \\\\
                \\midrule
                AI & 0.178$^{***}$ & 0.046$^{*}$ \\\\
                 & (38.517) & (1.700) \\\\
                x\\_1 &  & -0.120 \\\\
                 &  & (-4.569) \\\\
                \\midrule
                观测值 & 450 & 450 \\\\
                调整 R$^2$ & 0.780 & 0.862 \\\\
                \\bottomrule
                \\end{tabular}
                \\par\\smallskip
                {\\footnotesize
                注:括号内为 t 统计量, 常规标准误; 10\\% \\& 5\\%\\par
                }
                \\end{table}
                """, text(new LatexTableWriter()));
    }

    @Test
    void json() {
        assertEquals("""
                {
                  "id" : "table3",
                  "title" : "表 3 基准回归结果",
                  "columns" : [ {
                    "label" : "模型 1",
                    "model" : {
                      "estimator" : "fe",
                      "nobs" : 450
                    }
                  }, {
                    "label" : "模型 2",
                    "model" : {
                      "estimator" : "fe",
                      "nobs" : 450
                    }
                  } ],
                  "notes" : [ "注:括号内为 t 统计量, 常规标准误; 10% & 5%" ]
                }
                """, text(new JsonTableWriter()));
    }

    @Test
    void htmlFragmentRulesTheStatisticsBlock() {
        String html = text(new HtmlTableWriter());
        assertTrue(html.startsWith("<table class=\"result\" id=\"table-table3\">\n<caption>表 3 基准回归结果</caption>"));
        assertTrue(html.contains("<tr class=\"rule\"><td class=\"stub\">观测值</td><td>450</td><td>450</td></tr>"));
        assertTrue(html.contains("<p class=\"note\">注:括号内为 t 统计量, 常规标准误; 10% &amp; 5%</p>"));
    }

    @Test
    void wordTableHasEveryCellTheThreeRulesAndTheSameBytesEachTime() throws IOException {
        byte[] docx = new DocxTableWriter().render(table());
        assertArrayEquals(docx, new DocxTableWriter().render(table()));
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertEquals("表 3 基准回归结果", doc.getParagraphs().get(0).getText());
            XWPFTable t = doc.getTables().get(0);
            assertEquals(8, t.getNumberOfRows());
            assertEquals(List.of("变量", "模型 1", "模型 2"), t.getRow(0).getTableCells().stream().map(c -> c.getText()).toList());
            assertEquals(List.of("AI", "0.178***", "0.046*"), t.getRow(2).getTableCells().stream().map(c -> c.getText()).toList());
            assertEquals("0.862", t.getRow(7).getCell(2).getText());
            var top = t.getRow(0).getCell(0).getCTTc().getTcPr().getTcBorders().getTop();
            assertEquals("single", top.getVal().toString());
            var bottom = t.getRow(7).getCell(1).getCTTc().getTcPr().getTcBorders().getBottom();
            assertEquals("single", bottom.getVal().toString());
            assertTrue(t.getRow(6).getCell(0).getCTTc().getTcPr().getTcBorders().isSetTop(), "rule above the statistics");
            assertEquals("注:括号内为 t 统计量, 常规标准误; 10% & 5%", doc.getParagraphs().get(doc.getParagraphs().size() - 1).getText());
        }
    }
}
