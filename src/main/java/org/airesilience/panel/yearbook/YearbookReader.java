package org.airesilience.panel.yearbook;

import org.airesilience.ingest.format.DelimitedParser;
import org.airesilience.ingest.format.SourceCharsets;
import org.airesilience.panel.catalog.Indicator;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the yearbook tables under {@code <lake>/raw/yearbooks/} (any depth, in path order) into a {@link CellStore}:
 * CSV ({@code .csv}, {@code .csv.gz}; UTF-8 or GBK/GB18030, detected as ingest detects patents' charsets) and every
 * sheet of {@code .xlsx} workbooks.
 *
 * <p>A table is in long form when its header has an indicator column (指标, indicator) and a value column (数值,
 * value): one cell per row. Otherwise it is in wide form: each column other than region, year, unit and source is an
 * indicator ({@code 指标名}, {@code 指标名(万元)} or {@code 指标名（万元）} with its unit), one cell per row and column.
 * The header is the first row, among the first ten, with a region and a year column; rows above it are titles.
 */
public final class YearbookReader {
    private static final Set<String> REGION = Set.of("地区", "地区名称", "省份", "省份名称", "省市", "省区市", "省(区、市)",
            "城市", "城市名称", "地级市", "region", "region_name", "province", "city", "name");
    private static final Set<String> REGION_CODE = Set.of("地区代码", "行政区划代码", "代码", "region_code", "code");
    private static final Set<String> YEAR = Set.of("年份", "年度", "年", "year", "时间");
    private static final Set<String> INDICATOR = Set.of("指标", "指标名称", "indicator", "variable");
    private static final Set<String> VALUE = Set.of("数值", "值", "value", "数据");
    private static final Set<String> UNIT = Set.of("单位", "计量单位", "unit");
    private static final Set<String> SOURCE = Set.of("来源", "数据来源", "source", "备注", "note", "notes");
    private static final Pattern HEADER_UNIT = Pattern.compile("^(.*?)[(（]([^()（）]*)[)）]$");
    private static final Pattern YEAR_TEXT = Pattern.compile("(\\d{4})(?:\\.0+)?年?");
    private static final int HEADER_SEARCH_ROWS = 10;

    /** A table the reader could not interpret (no region and year columns), with the reason. */
    public record SkippedTable(String file, String sheet, String reason) {
    }

    private final CellStore store;
    private final IndicatorCatalog catalog;
    private final Map<String, Indicator> headerIndicator = new HashMap<>();
    private final List<SkippedTable> skipped = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> years = new HashMap<>();

    public YearbookReader(CellStore store) {
        this.store = store;
        this.catalog = store.catalog();
    }

    /**
     * Reads every table file under {@code root} whose relative path matches one of the globs (e.g. {@code **},
     * {@code provinces/*.csv}); other files are listed as skipped.
     */
    public void readAll(Path root, List<String> globs) {
        List<PathMatcher> matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        if (!Files.isDirectory(root)) throw new IllegalArgumentException("no yearbook folder " + root);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (Path p : paths) {
            Path rel = root.relativize(p);
            String name = rel.toString().replace('\\', '/');
            if (p.getFileName().toString().startsWith(".")) continue;
            boolean selected = matchers.stream().anyMatch(m -> m.matches(rel)) || globs.contains("**");
            if (!selected) continue;
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) readCsv(p, name);
            else if (lower.endsWith(".xlsx")) readXlsx(p, name);
            else skipped.add(new SkippedTable(name, null, "not a .csv, .csv.gz or .xlsx file"));
        }
    }

    public List<SkippedTable> skipped() {
        return skipped;
    }

    /** The files read, relative to the yearbook folder. */
    public List<String> files() {
        return files;
    }

    /** Reads one CSV file; {@code name} is how cells name it. */
    public void readCsv(Path file, String name) {
        byte[] bytes;
        try (InputStream in = name.toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        files.add(name);
        Charset charset = SourceCharsets.detect(bytes, Math.min(bytes.length, 1 << 20), StandardCharsets.UTF_8);
        CharsetDecoder decoder = SourceCharsets.strictDecoder(charset);
        TableReader table = new TableReader(name, null);
        int pos = SourceCharsets.startAfterBom(bytes, bytes.length);
        int line = 0;
        StringBuilder pending = null;
        int pendingLine = 0;
        while (pos < bytes.length) {
            int eol = pos;
            while (eol < bytes.length && bytes[eol] != '\n') eol++;
            line++;
            String text;
            try {
                text = SourceCharsets.decode(bytes, pos, eol - pos, decoder);
            } catch (CharacterCodingException e) {
                table.undecodable(line, SourceCharsets.decodeLenient(bytes, pos, eol - pos, charset));
                pos = eol + 1;
                continue;
            }
            pos = eol + 1;
            String record = pending == null ? text : pending.append('\n').append(text).toString();
            List<String> fields = DelimitedParser.split(record, ',');
            if (fields == null) { // a quoted field runs on to the next line
                if (pending == null) {
                    pending = new StringBuilder(text);
                    pendingLine = line;
                }
                continue;
            }
            int at = pending == null ? line : pendingLine;
            pending = null;
            table.row(at, fields);
        }
        table.finish();
    }

    /** Reads every sheet of a workbook. */
    public void readXlsx(Path file, String name) {
        files.add(name);
        try (InputStream in = Files.newInputStream(file); Workbook wb = new XSSFWorkbook(in)) {
            for (Sheet sheet : wb) {
                TableReader table = new TableReader(name, sheet.getSheetName());
                for (Row r : sheet) {
                    List<String> fields = new ArrayList<>(r.getLastCellNum() < 0 ? 0 : r.getLastCellNum());
                    for (int c = 0; c < r.getLastCellNum(); c++) fields.add(text(r.getCell(c)));
                    table.row(r.getRowNum() + 1, fields);
                }
                table.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workbook " + file + ": " + e.getMessage(), e);
        }
    }

    /** A cell as text: numbers in Excel's own shortest form, formulas by their cached result. */
    private static String text(Cell cell) {
        if (cell == null) return "";
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> NumberToTextConverter.toText(cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case ERROR -> "#ERROR";
            default -> "";
        };
    }

    /** Rows of one table: finds the header, then hands each cell to the store. */
    private final class TableReader {
        private final String file;
        private final String sheet;
        private final List<List<String>> beforeHeader = new ArrayList<>();
        private final List<Integer> beforeHeaderLines = new ArrayList<>();
        private int tableId = -1;
        private List<String> headers;
        private int regionCol = -1;
        private int codeCol = -1;
        private int yearCol = -1;
        private int indicatorCol = -1;
        private int valueCol = -1;
        private int unitCol = -1;
        /** wide form: indicator columns, their indicator (null = not in the catalogue) and header unit */
        private final List<Integer> wideCols = new ArrayList<>();
        private final List<Indicator> wideIndicators = new ArrayList<>();
        private final List<String> wideUnits = new ArrayList<>();
        private final List<Integer> undecodable = new ArrayList<>();

        TableReader(String file, String sheet) {
            this.file = file;
            this.sheet = sheet;
        }

        void undecodable(int line, String lenient) {
            if (headers == null) {
                undecodable.add(line);
                return;
            }
            int cells = indicatorCol >= 0 ? 1 : wideCols.size();
            int col = indicatorCol >= 0 ? valueCol : (wideCols.isEmpty() ? 0 : wideCols.get(0));
            for (int k = 0; k < cells; k++) {
                store.reject(tableId, line, indicatorCol >= 0 ? col : wideCols.get(k), QuarantineReason.UNDECODABLE,
                        lenient, "bytes not valid in the file's charset");
            }
        }

        void row(int line, List<String> fields) {
            if (headers == null) {
                if (isBlank(fields)) return;
                if (header(fields)) {
                    tableId = store.addTable(file, sheet, headers);
                    if (!undecodable.isEmpty()) {
                        throw new IllegalArgumentException(file + ": line " + undecodable.get(0)
                                + " before the header is not valid in the file's charset");
                    }
                } else {
                    beforeHeader.add(fields);
                    beforeHeaderLines.add(line);
                    if (beforeHeader.size() >= HEADER_SEARCH_ROWS) {
                        skipped.add(new SkippedTable(file, sheet, "no header with a region and a year column in the first "
                                + HEADER_SEARCH_ROWS + " rows"));
                        headers = List.of(); // ignore the rest
                        tableId = -2;
                    }
                }
                return;
            }
            if (tableId == -2 || isBlank(fields)) return;
            String regionText = cell(fields, regionCol);
            RegionIndex.Match region = store.regions().match(regionText);
            if (region.kind() == RegionIndex.Kind.UNKNOWN && codeCol >= 0) {
                RegionIndex.Match byCode = store.regions().match(cell(fields, codeCol));
                if (byCode.kind() != RegionIndex.Kind.UNKNOWN) region = byCode;
            }
            String yearText = cell(fields, yearCol);
            int year = year(yearText);
            if (indicatorCol >= 0) {
                String name = cell(fields, indicatorCol);
                Indicator ind = indicator(name);
                cellAt(line, valueCol, ind, name, region, regionText, year, yearText, cell(fields, valueCol),
                        unitCol >= 0 ? cell(fields, unitCol) : "");
            } else {
                for (int k = 0; k < wideCols.size(); k++) {
                    int c = wideCols.get(k);
                    String unit = unitCol >= 0 && !cell(fields, unitCol).isBlank() ? cell(fields, unitCol) : wideUnits.get(k);
                    cellAt(line, c, wideIndicators.get(k), headers.get(c), region, regionText, year, yearText,
                            cell(fields, c), unit);
                }
            }
        }

        private void cellAt(int line, int col, Indicator ind, String name, RegionIndex.Match region, String regionText,
                            int year, String yearText, String raw, String unit) {
            if (ind == null) {
                store.unknownIndicator(name.strip());
                return;
            }
            if (!store.needs(ind)) {
                store.unusedIndicator(ind);
                return;
            }
            switch (region.kind()) {
                case UNKNOWN -> {
                    store.reject(tableId, line, col, QuarantineReason.UNKNOWN_REGION, raw,
                            "region '" + regionText + "' is not in the gazetteer");
                    return;
                }
                case OUTSIDE -> {
                    store.outside("region outside the panel");
                    return;
                }
                default -> {
                }
            }
            if (year < 0) {
                store.reject(tableId, line, col, QuarantineReason.INVALID_YEAR, raw, "year '" + yearText + "'");
                return;
            }
            store.accept(tableId, line, col, ind, region, year, raw, unit);
        }

        private Indicator indicator(String name) {
            return headerIndicator.computeIfAbsent(name, catalog::byName);
        }

        /** Finds the column roles; false when this row is not a header. */
        private boolean header(List<String> fields) {
            int region = -1, code = -1, year = -1, indicator = -1, value = -1, unit = -1;
            List<Integer> others = new ArrayList<>();
            for (int c = 0; c < fields.size(); c++) {
                String h = IndicatorCatalog.normalize(fields.get(c));
                if (region < 0 && REGION.contains(h)) region = c;
                else if (code < 0 && REGION_CODE.contains(h)) code = c;
                else if (year < 0 && YEAR.contains(h)) year = c;
                else if (indicator < 0 && INDICATOR.contains(h)) indicator = c;
                else if (value < 0 && VALUE.contains(h)) value = c;
                else if (unit < 0 && UNIT.contains(h)) unit = c;
                else if (SOURCE.contains(h) || h.isEmpty()) continue;
                else others.add(c);
            }
            if (region < 0 && code >= 0) {
                region = code;
                code = -1;
            }
            if (region < 0 || year < 0) return false;
            headers = new ArrayList<>();
            for (String f : fields) headers.add(f.strip());
            regionCol = region;
            codeCol = code;
            yearCol = year;
            unitCol = unit;
            if (indicator >= 0 && value >= 0) {
                indicatorCol = indicator;
                valueCol = value;
            } else {
                if (indicator >= 0) others.add(indicator);
                if (value >= 0) others.add(value);
                others.sort(null);
                for (int c : others) {
                    String h = headers.get(c);
                    Indicator ind = indicator(h);
                    String u = "";
                    if (ind == null) {
                        Matcher m = HEADER_UNIT.matcher(IndicatorCatalog.normalize(h));
                        if (m.matches()) {
                            ind = indicator(m.group(1));
                            u = m.group(2);
                        }
                    }
                    wideCols.add(c);
                    wideIndicators.add(ind);
                    wideUnits.add(u);
                }
            }
            return true;
        }

        void finish() {
            if (headers == null) {
                skipped.add(new SkippedTable(file, sheet, beforeHeader.isEmpty() ? "empty"
                        : "no header with a region and a year column"));
            }
        }
    }

    private static String cell(List<String> fields, int c) {
        return c >= 0 && c < fields.size() && fields.get(c) != null ? fields.get(c) : "";
    }

    private static boolean isBlank(List<String> fields) {
        for (String f : fields) if (f != null && !f.isBlank()) return false;
        return true;
    }


    /** A four-digit year (2006, 2006年, 2006.0), else -1. */
    private int year(String text) {
        return years.computeIfAbsent(text, t -> {
            Matcher m = YEAR_TEXT.matcher(org.airesilience.text.Texts.nfkc(t).strip());
            return m.matches() ? Integer.parseInt(m.group(1)) : -1;
        });
    }
}
