package org.airesilience.sample;

import org.airesilience.distributed.Seeds;
import org.airesilience.region.Region;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Lays the yearbook values out as the raw tables users download: long and wide CSV in UTF-8 and GBK and .xlsx
 * workbooks of several sheets, with Chinese headers, regions by full name, short name or code, money in 亿元 or 万元
 * and people in 万人 or 人, yearbook cell styles, the removed cells written as missing, and a supplementary source
 * per level whose cells are all broken. Records where each removed and each broken cell went.
 */
final class YearbookTables {
    static final Charset GBK = Charset.forName("GBK");
    static final String[] MISSING = {"—", "…", "-", "", "NA"};
    static final String[] LONG_HEADER = {"地区", "年份", "指标", "数值", "单位", "来源"};
    /** Region names that no gazetteer knows. */
    static final String[] UNKNOWN_PROVINCES = {"东海省", "990000"};
    static final String[] UNKNOWN_CITIES = {"江汉新区"};

    enum RegionForm {FULL, SHORT, CODE}

    /** How one indicator is written in one table: the unit it is written in and its power-of-ten shift. */
    record Column(String indicator, String unit, int shift, boolean percent) {
        static Column canonical(String id) {
            YearbookIndicator i = YearbookIndicator.of(id);
            return new Column(id, i.unit(), 0, id.equals("internet_penetration"));
        }

        static Column in(String id, String unit) {
            int shift = switch (unit) {
                case "万元", "人" -> 4;
                default -> 0;
            };
            return new Column(id, unit, shift, false);
        }

        String header() {
            YearbookIndicator i = YearbookIndicator.of(indicator);
            return unit.isEmpty() || i.name().endsWith(")") ? i.name() : i.name() + "(" + unit + ")";
        }
    }

    private final Path root;
    private final Map<String, Region> regions;
    private final long seed;
    private final StringBuilder removed = new StringBuilder("region_code,year,indicator,value,file,sheet,row,column,written_as\n");
    private final StringBuilder quarantine = new StringBuilder(
            "file,sheet,row,column,column_name,reason,raw_text,region,year,indicator,main_copy\n");
    /** Where each cell of the main sources was written: file, sheet, row, column, column name, text. */
    private final Map<YearbookValues.Key, String[]> written = new LinkedHashMap<>();
    /** Cells a panel must impute: the removed ones and both copies of a conflicting duplicate set aside. */
    private final StringBuilder imputed = new StringBuilder("region_code,year,indicator,value,cause\n");
    private int removedCount, cellCount, brokenCount;
    private final Map<String, Integer> byReason = new LinkedHashMap<>();

    YearbookTables(Path root, Map<String, Region> regions, long seed) {
        this.root = root;
        this.regions = regions;
        this.seed = seed;
    }

    // ---- study A ----

    void provinces(YearbookValues v, List<String> provinces) throws IOException {
        List<Column> industry = new ArrayList<>();
        for (String id : List.of("foreign_ind_assets", "ind_assets", "ind_rd_exp", "ind_revenue", "soe_ind_assets",
                "mfg_operating_profit", "mfg_revenue", "mfg_loss", "mfg_profit", "mfg_assets", "industrial_va",
                "energy_consumption")) {
            industry.add(Column.canonical(id));
        }
        for (String id : List.of("tech_import_exp", "tech_purchase_domestic_exp", "tech_digestion_exp", "tech_renovation_exp")) {
            industry.add(Column.in(id, "万元"));
        }
        List<String[]> national = new ArrayList<>();
        for (String id : List.of("gdp", "industrial_va")) national.add(new String[]{id, "中国统计年鉴"});
        longCsv("provinces/industry-statistics-long-utf8.csv", StandardCharsets.UTF_8, v, provinces, ProvinceEconomy.FIRST,
                ProvinceEconomy.LAST, industry, RegionForm.FULL, "中国工业统计年鉴", national);

        List<Column> science = List.of(Column.in("hightech_revenue", "万元"), Column.canonical("ppi"),
                Column.canonical("mfg_fai"), Column.canonical("mfg_employment"), Column.in("total_employment", "人"),
                Column.canonical("new_product_sales"), Column.canonical("new_product_dev_exp"),
                Column.canonical("producer_services_employment"), Column.canonical("mfg_urban_employment"),
                Column.canonical("hightech_new_product_sales"), Column.canonical("electronics_revenue"),
                Column.canonical("rd_personnel_fte"), Column.canonical("invention_patents"));
        wideCsv("provinces/science-employment-wide-gbk.csv", GBK, "省份", v, provinces, ProvinceEconomy.FIRST,
                ProvinceEconomy.LAST, science, RegionForm.SHORT);

        List<Column> innovation = List.of(Column.canonical("domestic_patent_applications"), Column.canonical("ict_fai"));
        longCsv("provinces/innovation-internet-long-gbk.csv", GBK, v, provinces, ProvinceEconomy.FIRST,
                ProvinceEconomy.LAST, innovation, RegionForm.CODE, "中国科技统计年鉴", List.of());
        // internet penetration from 2005 (for its lag) and post offices of 1984, appended to the same file
        appendLong("provinces/innovation-internet-long-gbk.csv", GBK, v, provinces, ProvinceEconomy.FIRST - 1,
                ProvinceEconomy.LAST, Column.canonical("internet_penetration"), RegionForm.CODE, "中国互联网络发展状况统计报告");
        appendLong("provinces/innovation-internet-long-gbk.csv", GBK, v, provinces, 1984, 1984,
                Column.canonical("post_offices"), RegionForm.CODE, "中国统计年鉴1985");

        try (XSSFWorkbook book = new XSSFWorkbook()) {
            String file = "provinces/statistical-yearbook.xlsx";
            wideSheet(book, file, "经济与财政", "地区", v, provinces, ProvinceEconomy.FIRST, ProvinceEconomy.LAST,
                    List.of(Column.canonical("gdp"), Column.canonical("population"), Column.canonical("retail_sales"),
                            Column.canonical("loans"), Column.canonical("deposits"), Column.canonical("budget_expenditure"),
                            Column.in("trade", "万元")), RegionForm.CODE);
            wideSheet(book, file, "社会与基础设施", "地区", v, provinces, ProvinceEconomy.FIRST, ProvinceEconomy.LAST,
                    List.of(Column.canonical("students_per_100k"), Column.canonical("road_area_per_capita"),
                            Column.canonical("broadband_ports"), Column.canonical("precipitation"),
                            Column.canonical("robot_density")), RegionForm.FULL);
            List<Column> sectors = new ArrayList<>();
            for (int k = 0; k < ProvinceEconomy.SECTORS.length; k++) {
                sectors.add(k % 2 == 0 ? Column.canonical(ProvinceEconomy.SECTORS[k]) : Column.in(ProvinceEconomy.SECTORS[k], "人"));
            }
            longSheet(book, file, "制造业分行业用工", v, provinces, ProvinceEconomy.FIRST, ProvinceEconomy.LAST, sectors,
                    RegionForm.SHORT, "中国劳动统计年鉴");
            writeWorkbook(book, file);
        }
        supplement("provinces/supplementary-bulletins-utf8.csv", StandardCharsets.UTF_8, v, UNKNOWN_PROVINCES,
                "gdp", ProvinceEconomy.FIRST + 9, "各省统计公报");
    }

    // ---- study B ----

    void cities(YearbookValues v, List<String> cities) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            String file = "cities/middle-yangtze-cities.xlsx";
            wideSheet(book, file, "工业", "城市", v, cities, CityEconomy.FIRST, CityEconomy.LAST,
                    List.of(Column.in("intelligent_mfg_output", "万元"), Column.canonical("industrial_output"),
                            Column.canonical("hightech_output")), RegionForm.FULL);
            wideSheet(book, file, "人口与就业", "城市", v, cities, CityEconomy.FIRST, CityEconomy.LAST,
                    List.of(Column.canonical("registered_population"), Column.in("employees", "人")), RegionForm.SHORT);
            writeWorkbook(book, file);
        }
        longCsv("cities/investment-rd-long-gbk.csv", GBK, v, cities, CityEconomy.FIRST - 1, CityEconomy.LAST,
                List.of(Column.canonical("fai")), RegionForm.CODE, "城市统计年鉴", List.of());
        appendLong("cities/investment-rd-long-gbk.csv", GBK, v, cities, CityEconomy.FIRST, CityEconomy.LAST,
                Column.canonical("rd_exp"), RegionForm.CODE, "城市统计年鉴");
        // the national rows of both outputs, the benchmark of AGG's location quotient
        longCsv("cities/national-industry-long-utf8.csv", StandardCharsets.UTF_8, v, List.of(), CityEconomy.FIRST,
                CityEconomy.LAST, List.of(), RegionForm.FULL, "中国工业统计年鉴",
                List.of(new String[]{"intelligent_mfg_output", "中国工业统计年鉴"}, new String[]{"industrial_output", "中国工业统计年鉴"}));
        supplement("cities/supplementary-bulletins-gbk.csv", GBK, v, UNKNOWN_CITIES, "industrial_output",
                CityEconomy.FIRST + 5, "城市统计公报");
    }

    // ---- layouts ----

    private final Map<String, List<String>> pendingLines = new LinkedHashMap<>();

    private void longCsv(String file, Charset cs, YearbookValues v, List<String> regionCodes, int first, int last,
                         List<Column> columns, RegionForm form, String source, List<String[]> national) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", LONG_HEADER));
        pendingLines.put(file, lines);
        SplittableRandom rnd = styleStream(file);
        for (String region : regionCodes) {
            for (int y = first; y <= last; y++) {
                for (Column c : columns) longRow(file, lines, v, region, y, c, form, source, rnd);
            }
        }
        for (String[] n : national) {
            for (int y = first; y <= last; y++) {
                longRow(file, lines, v, YearbookValues.NATIONAL, y, Column.canonical(n[0]), form, n[1], rnd);
            }
        }
        flush(file, cs);
    }

    private void appendLong(String file, Charset cs, YearbookValues v, List<String> regionCodes, int first, int last,
                            Column c, RegionForm form, String source) throws IOException {
        List<String> lines = pendingLines.get(file);
        SplittableRandom rnd = styleStream(file + "#" + c.indicator());
        for (String region : regionCodes) {
            for (int y = first; y <= last; y++) longRow(file, lines, v, region, y, c, form, source, rnd);
        }
        flush(file, cs);
    }

    private void longRow(String file, List<String> lines, YearbookValues v, String region, int y, Column c,
                         RegionForm form, String source, SplittableRandom rnd) {
        YearbookValues.Key key = new YearbookValues.Key(region, y, c.indicator());
        int row = lines.size() + 1;
        String text = cellText(v, key, c, rnd, file, "", row, 4, LONG_HEADER[3]);
        lines.add(csvLine(regionLabel(region, form), Integer.toString(y), YearbookIndicator.of(c.indicator()).name(),
                text, c.percent() ? "" : c.unit(), source));
    }

    private void wideCsv(String file, Charset cs, String regionHeader, YearbookValues v, List<String> regionCodes,
                         int first, int last, List<Column> columns, RegionForm form) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(regionHeader, "年份"));
        SplittableRandom rnd = styleStream(file);
        for (Column c : columns) {
            String h = c.header();
            // some yearbooks write the unit in full-width parentheses
            header.add(rnd.nextInt(3) == 0 ? h.replace('(', '（').replace(')', '）') : h);
        }
        lines.add(csvLine(header.toArray(String[]::new)));
        pendingLines.put(file, lines);
        for (String region : regionCodes) {
            for (int y = first; y <= last; y++) {
                int row = lines.size() + 1;
                List<String> cells = new ArrayList<>(List.of(regionLabel(region, form), Integer.toString(y)));
                for (int k = 0; k < columns.size(); k++) {
                    Column c = columns.get(k);
                    cells.add(cellText(v, new YearbookValues.Key(region, y, c.indicator()), c, rnd, file, "", row, k + 3,
                            header.get(k + 2)));
                }
                lines.add(csvLine(cells.toArray(String[]::new)));
            }
        }
        flush(file, cs);
    }

    private void wideSheet(XSSFWorkbook book, String file, String name, String regionHeader, YearbookValues v,
                           List<String> regionCodes, int first, int last, List<Column> columns, RegionForm form) {
        Sheet sheet = book.createSheet(name);
        SplittableRandom rnd = styleStream(file + "#" + name);
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue(regionHeader);
        header.createCell(1).setCellValue("年份");
        for (int k = 0; k < columns.size(); k++) header.createCell(k + 2).setCellValue(columns.get(k).header());
        int r = 1;
        for (String region : regionCodes) {
            for (int y = first; y <= last; y++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(regionLabel(region, form));
                row.createCell(1).setCellValue(y);
                for (int k = 0; k < columns.size(); k++) {
                    Column c = columns.get(k);
                    String text = cellText(v, new YearbookValues.Key(region, y, c.indicator()), c, rnd, file, name, r + 1, k + 3,
                            c.header());
                    excelCell(row, k + 2, text);
                }
                r++;
            }
        }
    }

    private void longSheet(XSSFWorkbook book, String file, String name, YearbookValues v, List<String> regionCodes,
                           int first, int last, List<Column> columns, RegionForm form, String source) {
        Sheet sheet = book.createSheet(name);
        SplittableRandom rnd = styleStream(file + "#" + name);
        Row header = sheet.createRow(0);
        for (int k = 0; k < LONG_HEADER.length; k++) header.createCell(k).setCellValue(LONG_HEADER[k]);
        int r = 1;
        for (String region : regionCodes) {
            for (int y = first; y <= last; y++) {
                for (Column c : columns) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue(regionLabel(region, form));
                    row.createCell(1).setCellValue(y);
                    row.createCell(2).setCellValue(YearbookIndicator.of(c.indicator()).name());
                    String text = cellText(v, new YearbookValues.Key(region, y, c.indicator()), c, rnd, file, name, r + 1, 4,
                            LONG_HEADER[3]);
                    excelCell(row, 3, text);
                    row.createCell(4).setCellValue(c.unit());
                    row.createCell(5).setCellValue(source);
                    r++;
                }
            }
        }
    }

    /** A plain number as a numeric cell, anything else (styled numbers, missing marks) as text; "" as no cell. */
    private static void excelCell(Row row, int column, String text) {
        if (text.isEmpty()) return;
        if (text.matches("-?[0-9]+(\\.[0-9]+)?")) row.createCell(column).setCellValue(Double.parseDouble(text));
        else row.createCell(column).setCellValue(text);
    }

    /**
     * The broken source of a level: for each contested cell a copy with its quarantine reason, then rows for regions
     * no gazetteer knows.
     */
    private void supplement(String file, Charset cs, YearbookValues v, String[] unknown, String unknownIndicator,
                            int unknownYear, String source) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", LONG_HEADER));
        for (Map.Entry<YearbookValues.Key, String> e : v.contested.entrySet()) {
            YearbookValues.Key k = e.getKey();
            YearbookIndicator ind = YearbookIndicator.of(k.indicator());
            BigDecimal value = v.exact(k.indicator(), k.region(), k.year());
            boolean percent = k.indicator().equals("internet_penetration");
            String unit = percent ? "" : ind.unit();
            String text = plain(value, 0, percent);
            switch (e.getValue()) {
                case "NON_NUMERIC" -> text = lines.size() % 2 == 0 ? "约" + text : "见附注";
                case "OUT_OF_RANGE" -> text = percent ? plain(value.add(BigDecimal.ONE), 0, true) : "-" + text;
                case "CONFLICTING_DUPLICATE" -> text = plain(value.multiply(new BigDecimal("1.25"))
                        .setScale(ind.decimals(), RoundingMode.HALF_EVEN), 0, percent);
                case "UNIT_MISMATCH" -> unit = ind.unit().equals(YearbookIndicator.PEOPLE) ? YearbookIndicator.MONEY : "万人";
                default -> throw new IllegalStateException(e.getValue());
            }
            int row = lines.size() + 1;
            lines.add(csvLine(regions.get(k.region()).name(), Integer.toString(k.year()), ind.name(), text, unit, source));
            String[] main = written.get(k);
            String mainPosition = String.join("|", main[0], main[1], main[2], main[3]);
            broken(file, "", row, 4, LONG_HEADER[3], e.getValue(), text, regions.get(k.region()).name(), k.year(),
                    k.indicator(), mainPosition);
            if (e.getValue().equals("CONFLICTING_DUPLICATE")) {
                // two sources disagree: the main copy leaves the panel too, and the cell is imputed
                broken(main[0], main[1], Integer.parseInt(main[2]), Integer.parseInt(main[3]), main[4], e.getValue(), main[5],
                        regions.get(k.region()).name(), k.year(), k.indicator(), String.join("|", file, "", Integer.toString(row), "4"));
                imputed.append(csvLine(k.region(), Integer.toString(k.year()), k.indicator(),
                        ExpectedPanels.cell(value.doubleValue()), "conflicting_duplicate")).append('\n');
            }
        }
        YearbookIndicator ind = YearbookIndicator.of(unknownIndicator);
        for (String region : unknown) {
            int row = lines.size() + 1;
            String text = "1234.5";
            lines.add(csvLine(region, Integer.toString(unknownYear), ind.name(), text, ind.unit(), source));
            broken(file, "", row, 4, LONG_HEADER[3], "UNKNOWN_REGION", text, region, unknownYear, unknownIndicator, "");
        }
        pendingLines.put(file, lines);
        flush(file, cs);
    }

    private void broken(String file, String sheet, int row, int column, String columnName, String reason, String text,
                        String region, int year, String indicator, String mainCopy) {
        quarantine.append(csvLine(file, sheet, Integer.toString(row), Integer.toString(column), columnName, reason, text,
                region, Integer.toString(year), indicator, mainCopy == null ? "" : mainCopy)).append('\n');
        byReason.merge(reason, 1, Integer::sum);
        brokenCount++;
    }

    // ---- cells ----

    /**
     * The text of one cell of a main source: a missing mark for a removed cell, otherwise the value in the column's
     * unit, now and then with thousands separators, full-width digits or a footnote mark.
     */
    private String cellText(YearbookValues v, YearbookValues.Key key, Column c, SplittableRandom rnd, String file,
                            String sheet, int row, int column, String columnName) {
        String text = styledText(v, key, c, rnd, file, sheet, row, column);
        written.put(key, new String[]{file, sheet, Integer.toString(row), Integer.toString(column), columnName, text});
        return text;
    }

    private String styledText(YearbookValues v, YearbookValues.Key key, Column c, SplittableRandom rnd, String file,
                              String sheet, int row, int column) {
        cellCount++;
        double u = rnd.nextDouble();
        int marker = rnd.nextInt(MISSING.length);
        BigDecimal value = v.exact(key.indicator(), key.region(), key.year());
        if (v.removed.contains(key)) {
            removedCount++;
            String mark = MISSING[marker];
            removed.append(csvLine(key.region(), Integer.toString(key.year()), key.indicator(), ExpectedPanels.cell(value.doubleValue()),
                    file, sheet, Integer.toString(row), Integer.toString(column), mark.isEmpty() ? "(empty)" : mark)).append('\n');
            imputed.append(csvLine(key.region(), Integer.toString(key.year()), key.indicator(),
                    ExpectedPanels.cell(value.doubleValue()), "removed")).append('\n');
            return mark;
        }
        String text = plain(value, c.shift(), c.percent());
        if (u < 0.12 && !c.percent() && value.abs().compareTo(new BigDecimal(1000)) >= 0) return thousands(text);
        if (u > 0.992) return fullWidth(text);
        if (u > 0.984 && !c.percent()) return text + (rnd.nextBoolean() ? "*" : "①");
        return text;
    }

    /** The decimal in a unit 10^shift smaller (or as a percentage), without exponent or trailing zeros. */
    static String plain(BigDecimal value, int shift, boolean percent) {
        BigDecimal v = value.movePointRight(percent ? 2 : shift).stripTrailingZeros();
        if (v.scale() < 0) v = v.setScale(0);
        return v.toPlainString() + (percent ? "%" : "");
    }

    static String thousands(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        int dot = body.indexOf('.');
        String whole = dot < 0 ? body : body.substring(0, dot);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) s.append(',');
            s.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + s + (dot < 0 ? "" : body.substring(dot));
    }

    static String fullWidth(String text) {
        StringBuilder s = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch >= '0' && ch <= '9') s.append((char) ('０' + (ch - '0')));
            else if (ch == '.') s.append('．');
            else s.append(ch);
        }
        return s.toString();
    }

    private String regionLabel(String code, RegionForm form) {
        if (code.equals(YearbookValues.NATIONAL)) return "全国";
        Region r = regions.get(code);
        return switch (form) {
            case FULL -> r.name();
            case SHORT -> r.shortName();
            case CODE -> r.code();
        };
    }

    private SplittableRandom styleStream(String part) {
        return Seeds.stream(seed, "sample.yearbooks.style." + part, 0);
    }

    static String csvLine(String... cells) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) s.append(',');
            String c = cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0) s.append('"').append(c.replace("\"", "\"\"")).append('"');
            else s.append(c);
        }
        return s.toString();
    }

    private void flush(String file, Charset cs) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line : pendingLines.get(file)) s.append(line).append('\n');
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, encode(s.toString(), cs, file));
    }

    /** Encodes strictly: a character the charset lacks is a generator bug, never a silent '?'. */
    private static byte[] encode(String text, Charset cs, String file) {
        try {
            ByteBuffer b = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(file + ": text not representable in " + cs, e);
        }
    }

    /**
     * Writes the workbook with fixed document dates and zip entry times, so that the same seed gives the same
     * bytes (POI stamps both with the current time).
     */
    private void writeWorkbook(XSSFWorkbook book, String file) throws IOException {
        book.getProperties().getCoreProperties().setCreated(Optional.of(new Date(0)));
        book.getProperties().getCoreProperties().setModified(Optional.of(new Date(0)));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        book.write(first);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(first.toByteArray()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(LocalDateTime.of(2024, 1, 1, 0, 0));
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, out.toByteArray());
    }

    String removedCsv() {
        return removed.toString();
    }

    String imputedCsv() {
        return imputed.toString();
    }

    String quarantineCsv() {
        return quarantine.toString();
    }

    int cells() {
        return cellCount;
    }

    int removedCells() {
        return removedCount;
    }

    int brokenCells() {
        return brokenCount;
    }

    Map<String, Integer> brokenByReason() {
        return byReason;
    }
}
