package org.airesilience.report.table;

import org.airesilience.report.HtmlReport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** An HTML {@code <table>} fragment (for the report page), three-line style from the page's stylesheet. */
public final class HtmlTableWriter implements TableWriter {
    @Override
    public String extension() {
        return "html";
    }

    @Override
    public byte[] render(ResultTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append("<table class=\"result\" id=\"table-").append(HtmlReport.escape(t.id())).append("\">\n");
        sb.append("<caption>").append(HtmlReport.escape(t.title())).append("</caption>\n<thead>\n");
        row(sb, "th", t.stub(), t.columns(), "");
        for (ResultTable.Row r : t.header()) row(sb, "th", r.label(), r.cells(), "");
        sb.append("</thead>\n<tbody>\n");
        for (int i = 0; i < t.rows().size(); i++) {
            ResultTable.Row r = t.rows().get(i);
            row(sb, "td", r.label(), r.cells(), t.ruleBefore(i) ? " class=\"rule\"" : "");
        }
        sb.append("</tbody>\n</table>\n");
        for (String n : t.notes()) sb.append("<p class=\"note\">").append(HtmlReport.escape(n)).append("</p>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder sb, String cell, String label, List<String> cells, String attrs) {
        sb.append("<tr").append(attrs).append("><").append(cell).append(" class=\"stub\">")
                .append(HtmlReport.escape(label)).append("</").append(cell).append('>');
        for (String c : cells) sb.append('<').append(cell).append('>').append(HtmlReport.escape(c)).append("</").append(cell).append('>');
        sb.append("</tr>\n");
    }
}
