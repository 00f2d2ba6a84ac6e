package org.airesilience.report.table;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A GitHub-flavoured Markdown table: caption in bold, numbers right-aligned, notes as paragraphs. */
public final class MarkdownTableWriter implements TableWriter {
    @Override
    public String extension() {
        return "md";
    }

    @Override
    public byte[] render(ResultTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(escape(t.title())).append("**\n\n");
        row(sb, t.stub(), t.columns());
        sb.append("|---|");
        sb.append("---:|".repeat(t.columns().size()));
        sb.append('\n');
        for (ResultTable.Row r : t.header()) row(sb, r.label(), r.cells());
        for (ResultTable.Row r : t.rows()) row(sb, r.label(), r.cells());
        if (!t.notes().isEmpty()) sb.append('\n');
        for (String n : t.notes()) sb.append(escape(n)).append("\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder sb, String label, List<String> cells) {
        sb.append("| ").append(escape(label)).append(" |");
        for (String c : cells) sb.append(' ').append(escape(c)).append(" |");
        sb.append('\n');
    }

    /** Pipes split cells and asterisks would turn stars into emphasis. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
