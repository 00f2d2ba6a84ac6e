package org.airesilience.report.table;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A booktabs table (top, mid and bottom rules; no vertical rules) in a table float with the notes in a
 * footnote-size paragraph under it. Needs the booktabs package; Chinese labels need xeCJK (or ctex) under XeLaTeX.
 */
public final class LatexTableWriter implements TableWriter {
    @Override
    public String extension() {
        return "tex";
    }

    @Override
    public byte[] render(ResultTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append("% booktabs table; Chinese text needs xeCJK or ctex (XeLaTeX)\n");
        sb.append("\\begin{table}[htbp]\n\\centering\n");
        sb.append("\\caption{").append(escape(t.title())).append("}\n");
        sb.append("\\label{tab:").append(escape(t.id())).append("}\n");
        sb.append("\\begin{tabular}{l").append("c".repeat(t.columns().size())).append("}\n\\toprule\n");
        row(sb, t.stub(), t.columns());
        for (ResultTable.Row r : t.header()) row(sb, r.label(), r.cells());
        sb.append("\\midrule\n");
        for (int i = 0; i < t.rows().size(); i++) {
            if (t.ruleBefore(i)) sb.append("\\midrule\n");
            ResultTable.Row r = t.rows().get(i);
            row(sb, r.label(), r.cells());
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        if (!t.notes().isEmpty()) {
            sb.append("\\par\\smallskip\n{\\footnotesize\n");
            for (String n : t.notes()) sb.append(escape(n)).append("\\par\n");
            sb.append("}\n");
        }
        sb.append("\\end{table}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder sb, String label, List<String> cells) {
        sb.append(escape(label));
        for (String c : cells) sb.append(" & ").append(escape(c));
        sb.append(" \\\\\n");
    }

    /** LaTeX's special characters; stars become superscripts as journals print them. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '²' -> sb.append("$^2$");
                case '×' -> sb.append("$\\times$");
                case '*' -> {
                    int j = i;
                    while (j < s.length() && s.charAt(j) == '*') j++;
                    sb.append("$^{").append("*".repeat(j - i)).append("}$");
                    i = j - 1;
                }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
