package org.airesilience.panel;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hand-made yearbook lake of three provinces (Beijing, Tianjin, Shanghai), 2009-2013: a long CSV in UTF-8, a wide
 * CSV in GBK with a title row, and a workbook with a long sheet and a notes sheet, with one broken cell of every
 * quarantine reason. The values are chosen so that the panel can be worked out by hand (see PanelEndToEndTest).
 */
final class YearbookLake {
    static final String SPEC = """
            name = tiny
            level = province
            years = "2010-2013"
            regions = [110000, 120000, 310000]
            measures = [ai_measure]
            imputation { chain = [interpolate, extrapolate, mean], k = 2, min-observed = 2 }
            variables = \"""
              share = industrial_va / gdp
              pc = gdp / population
              lq = location_quotient(industrial_va, gdp, totals = national)
              g = growth(gdp)
              AI = ai_measure.ai
              iv = bartik(AI, ai_measure.ai_patents)
              net = internet_penetration
              idx = entropy(share+, pc-, net+)
            \"""
            groups = \"""
              region3 = region3()
              big = median_split(gdp)
            \"""
            """;

    private YearbookLake() {
    }

    static void write(Path lake) throws IOException {
        Path yb = lake.resolve("raw/yearbooks");
        Files.createDirectories(yb.resolve("sub"));
        Files.writeString(yb.resolve("long-utf8.csv"), """
                地区,年份,指标,数值,单位,来源
                北京,2009,地区生产总值,"1,000,000",万元,年鉴
                北京市,2010,地区生产总值,110,亿元,年鉴
                110000,2011,GDP,１２１,亿元,年鉴
                北京,2012,地区生产总值,—,亿元,年鉴
                北京,2013,地区生产总值,146.41①,亿元,年鉴
                全国,2010,地区生产总值,1000,亿元,年鉴
                全国,2011,地区生产总值,1100,亿元,年鉴
                全国,2012,地区生产总值,1200,亿元,年鉴
                全国,2013,地区生产总值,1300,亿元,年鉴
                火星,2010,地区生产总值,5,亿元,年鉴
                北京,2010,互联网普及率,50%,,年鉴
                北京,2011,互联网普及率,120%,,年鉴
                北京,2012,互联网普及率,abc,,年鉴
                北京,2013,互联网普及率,0.6,,年鉴
                北京,2010,年末常住人口,2000,万人,年鉴
                北京,2011,年末常住人口,2000,万件,年鉴
                北京,二〇一二,年末常住人口,2000,万人,年鉴
                北京,2013,年末常住人口,2000,万人,年鉴
                北京,2010,园林绿地面积,5,公顷,年鉴
                北京,2010,就业人员总数,100,万人,年鉴
                西藏,2010,地区生产总值,50,亿元,年鉴
                北京,2008,地区生产总值,90,亿元,年鉴
                """, StandardCharsets.UTF_8);
        Files.write(yb.resolve("sub/wide-gbk.csv"), """
                表1 地区生产总值等,,,,,
                省份,年份,地区生产总值（亿元）,工业增加值,年末常住人口(人),备注
                天津,2009,50,,"10,000,000",
                天津,2010,55,20,"10,000,000",
                天津,2011,60.5,22,"10,000,000",
                天津,2012,66.55,24,"10,000,000",
                天津,2013,73.205,26,"10,000,000",
                上海,2010,200,80,"20,000,000",
                上海,2011,220,88,"20,000,000",
                上海,2012,240,96,"20,000,000",
                上海,2013,260,104,"20,000,000",
                北京,2011,125,,,冲突
                北京,2010,110,,,重复
                """.getBytes(Charset.forName("GBK")));
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(yb.resolve("book.xlsx"))) {
            Sheet s = wb.createSheet("工业");
            Object[][] rows = {
                    {"地区", "年份", "指标", "数值", "单位"},
                    {"北京", 2010, "工业增加值", 30, "亿元"},
                    {"北京", 2011, "工业增加值", 33, "亿元"},
                    {"北京", 2012, "工业增加值", 36, "亿元"},
                    {"北京", 2013, "工业增加值", 39, "亿元"},
                    {"全国", 2010, "工业增加值", 400, "亿元"},
                    {"全国", 2011, "工业增加值", 440, "亿元"},
                    {"全国", 2012, "工业增加值", 480, "亿元"},
                    {"全国", 2013, "工业增加值", 520, "亿元"},
                    {"天津", 2010, "互联网普及率", "40%", ""},
                    {"天津", 2011, "互联网普及率", 0.42, ""},
                    {"天津", 2012, "互联网普及率", 0.44, ""},
                    {"天津", 2013, "互联网普及率", 0.46, ""},
                    {"上海", 2010, "互联网普及率", 0.7, ""},
                    {"上海", 2011, "互联网普及率", 0.72, ""},
                    {"上海", 2012, "互联网普及率", 0.74, ""},
                    {"上海", 2013, "互联网普及率", 0.76, ""},
                    {"未知省", 2013, "工业增加值", 1, "亿元"},
            };
            for (int i = 0; i < rows.length; i++) {
                Row r = s.createRow(i);
                for (int j = 0; j < rows[i].length; j++) {
                    Object v = rows[i][j];
                    if (v instanceof Number n) r.createCell(j).setCellValue(n.doubleValue());
                    else r.createCell(j).setCellValue((String) v);
                }
            }
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("数据来源：统计年鉴");
            wb.write(out);
        }
        Path measure = lake.resolve("curated/ai_measure");
        Files.createDirectories(measure);
        StringBuilder m = new StringBuilder("region_code,region_name,year,ai_patents,ai\n");
        String[][] regions = {{"110000", "北京市", "10"}, {"120000", "天津市", "1"}, {"310000", "上海市", "5"}};
        for (String[] r : regions) {
            for (int y = 2009; y <= 2013; y++) {
                int patents = Integer.parseInt(r[2]) * (y - 2008);
                m.append(r[0]).append(',').append(r[1]).append(',').append(y).append(',').append(patents).append(',')
                        .append(Math.log1p(patents)).append('\n');
            }
        }
        Files.writeString(measure.resolve("ai_measure.csv"), m.toString());
    }
}
