package org.airesilience.report.table;

/** Renders a {@link ResultTable} in one format. The same table gives the same bytes. */
public interface TableWriter {
    /** File extension without the dot (csv, md, tex, docx, json, html). */
    String extension();

    byte[] render(ResultTable table);

    /** The writers of every published table format. */
    static java.util.List<TableWriter> all() {
        return java.util.List.of(new CsvTableWriter(), new MarkdownTableWriter(), new LatexTableWriter(),
                new DocxTableWriter(), new JsonTableWriter());
    }
}
