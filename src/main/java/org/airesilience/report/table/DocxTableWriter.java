package org.airesilience.report.table;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A Word table in the three-line style of Chinese economics journals (rules above and below the headings and at
 * the bottom, a thin rule between coefficient and statistics blocks), caption above, notes below, SimSun/Times New
 * Roman 10.5 pt. The document's dates and the archive's entry times are fixed, so the same table gives the same
 * bytes.
 */
public final class DocxTableWriter implements TableWriter {
    /** 2000-01-01T00:00:00Z: a fixed time for the document properties and zip entries. */
    private static final long FIXED_TIME = 946684800000L;

    @Override
    public String extension() {
        return "docx";
    }

    @Override
    public byte[] render(ResultTable t) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setCreated(Optional.of(new Date(FIXED_TIME)));
            doc.getProperties().getCoreProperties().setModified(Optional.of(new Date(FIXED_TIME)));
            XWPFParagraph caption = doc.createParagraph();
            caption.setAlignment(ParagraphAlignment.CENTER);
            text(caption, t.title(), true, 11);

            int cols = t.columns().size() + 1;
            List<List<String>> lines = new ArrayList<>();
            lines.add(prepend(t.stub(), t.columns()));
            for (ResultTable.Row r : t.header()) lines.add(prepend(r.label(), r.cells()));
            int headerRows = lines.size();
            for (ResultTable.Row r : t.rows()) lines.add(prepend(r.label(), r.cells()));

            XWPFTable table = doc.createTable(lines.size(), cols);
            noBorders(table);
            for (int i = 0; i < lines.size(); i++) {
                XWPFTableRow row = table.getRow(i);
                for (int c = 0; c < cols; c++) {
                    XWPFTableCell cell = row.getCell(c);
                    XWPFParagraph p = cell.getParagraphs().get(0);
                    p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
                    text(p, lines.get(i).get(c), false, 10.5);
                    CTTcBorders b = cell.getCTTc().addNewTcPr().addNewTcBorders();
                    if (i == 0) rule(b.addNewTop(), 12);
                    if (i == headerRows - 1) rule(b.addNewBottom(), 6);
                    if (i == lines.size() - 1) rule(b.addNewBottom(), 12);
                    int body = i - headerRows;
                    if (body > 0 && t.ruleBefore(body)) rule(b.addNewTop(), 4);
                }
            }
            for (String n : t.notes()) text(doc.createParagraph(), n, false, 9);
            doc.write(out);
            return normalizeZip(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + t.id() + " as .docx", e);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static void text(XWPFParagraph p, String s, boolean bold, double size) {
        XWPFRun run = p.createRun();
        run.setText(s);
        run.setBold(bold);
        run.setFontSize(size);
        run.setFontFamily("Times New Roman");
        run.getCTR().getRPr().getRFontsArray(0).setEastAsia("SimSun");
    }

    private static void noBorders(XWPFTable table) {
        CTTblBorders borders = table.getCTTbl().getTblPr().isSetTblBorders()
                ? table.getCTTbl().getTblPr().getTblBorders() : table.getCTTbl().getTblPr().addNewTblBorders();
        for (CTBorder b : new CTBorder[]{border(borders.getTop(), borders::addNewTop),
                border(borders.getBottom(), borders::addNewBottom), border(borders.getLeft(), borders::addNewLeft),
                border(borders.getRight(), borders::addNewRight), border(borders.getInsideH(), borders::addNewInsideH),
                border(borders.getInsideV(), borders::addNewInsideV)}) {
            b.setVal(STBorder.NONE);
        }
    }

    private static CTBorder border(CTBorder existing, java.util.function.Supplier<CTBorder> create) {
        return existing != null ? existing : create.get();
    }

    /** A single rule of {@code eighths} eighths of a point. */
    private static void rule(CTBorder b, int eighths) {
        b.setVal(STBorder.SINGLE);
        b.setSz(BigInteger.valueOf(eighths));
        b.setColor("000000");
    }

    /** Rewrites the archive with fixed entry times in the same entry order. */
    static byte[] normalizeZip(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(FIXED_TIME);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
