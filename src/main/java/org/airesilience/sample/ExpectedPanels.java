package org.airesilience.sample;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intended values of every constructed variable of both panels, computed from the complete yearbook values
 * (removed cells at their intended values) by the panel contract's formulas, written out loop by loop so that the
 * panel layer's expression engine has an independent implementation to agree with.
 */
final class ExpectedPanels {
    /** Entropy shift added to every standardised value. */
    static final double SHIFT = 0.0001;
    static final Set<String> EAST = Set.of("110000", "120000", "130000", "210000", "310000", "320000", "330000",
            "350000", "370000", "440000", "460000");
    static final Set<String> CENTRAL = Set.of("140000", "220000", "230000", "340000", "360000", "410000", "420000", "430000");
    static final Set<String> MUNICIPALITIES = Set.of("110000", "120000", "310000", "500000");
    static final String[] PROVINCE_COLUMNS = {"region_code", "region_name", "year", "r01", "r02", "r03", "r04", "r05",
            "r06", "r07", "r08", "r09", "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19", "IR", "AI",
            "ai_patents", "sagg", "dagg", "imitat", "inno", "mark", "fin", "gov", "edu", "infra", "pergdp", "ivAI",
            "ivHist", "ivWeak", "AI_robot", "AI_ict", "openness", "region3", "municipality", "bb_high", "open_high"};
    static final String[] CITY_COLUMNS = {"region_code", "region_name", "year", "AGG", "TIN", "AI", "POS", "NUE",
            "GRA", "VHT", "RD"};

    /** Indicator values in canonical units by indicator, region code and year. */
    interface Values {
        double get(String indicator, String region, int year);
    }

    /** A table as columns of values (Double, Long or String; null = missing). */
    record Panel(String[] columns, List<Object[]> rows) {
        String csv() {
            StringBuilder s = new StringBuilder(String.join(",", columns)).append('\n');
            for (Object[] row : rows) {
                for (int k = 0; k < row.length; k++) {
                    if (k > 0) s.append(',');
                    s.append(cell(row[k]));
                }
                s.append('\n');
            }
            return s.toString();
        }
    }

    /** Shortest text that reads back as the same double. */
    static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) return "";
            return BigDecimal.valueOf(d).toPlainString();
        }
        return v.toString();
    }

    /** Entropy weights of the index: indicator, direction, entropy, divergence, weight. */
    final List<Object[]> weights = new ArrayList<>();

    /** Study A's panel for {@code regions} (x 2006-2020) with their AI patents per year. */
    Panel provinces(Values v, List<String> regions, long[][] aiPatents, Map<String, String> names) {
        int n = regions.size(), years = ProvinceEconomy.YEARS, first = ProvinceEconomy.FIRST;
        double[][][] r = new double[19][n][years];
        for (int p = 0; p < n; p++) {
            String g = regions.get(p);
            for (int t = 0; t < years; t++) {
                int y = first + t;
                r[0][p][t] = v.get("foreign_ind_assets", g, y) / v.get("ind_assets", g, y);
                r[1][p][t] = (v.get("tech_import_exp", g, y) + v.get("tech_purchase_domestic_exp", g, y)) / v.get("ind_rd_exp", g, y);
                r[2][p][t] = v.get("soe_ind_assets", g, y) / v.get("ind_assets", g, y);
                r[3][p][t] = v.get("mfg_operating_profit", g, y) / v.get("mfg_revenue", g, y);
                r[4][p][t] = v.get("mfg_loss", g, y) / v.get("mfg_profit", g, y);
                r[5][p][t] = v.get("mfg_assets", g, y);
                r[6][p][t] = v.get("hightech_revenue", g, y) / v.get("mfg_revenue", g, y);
                r[7][p][t] = v.get("ppi", g, y);
                r[8][p][t] = v.get("mfg_fai", g, y);
                r[9][p][t] = v.get("mfg_employment", g, y) / v.get("total_employment", g, y);
                r[10][p][t] = v.get("industrial_va", g, y) / v.get("mfg_employment", g, y);
                r[11][p][t] = v.get("new_product_sales", g, y) / v.get("new_product_dev_exp", g, y);
                r[12][p][t] = v.get("producer_services_employment", g, y) / v.get("mfg_urban_employment", g, y);
                r[13][p][t] = v.get("hightech_new_product_sales", g, y) / v.get("new_product_sales", g, y);
                r[14][p][t] = v.get("electronics_revenue", g, y) / v.get("mfg_revenue", g, y);
                r[15][p][t] = v.get("energy_consumption", g, y) / v.get("industrial_va", g, y);
                r[16][p][t] = v.get("rd_personnel_fte", g, y);
                r[17][p][t] = v.get("ind_rd_exp", g, y) / v.get("mfg_revenue", g, y);
                r[18][p][t] = v.get("invention_patents", g, y);
            }
        }
        double[][] index = entropyIndex(r);
        long[] national = new long[years];
        for (long[] row : aiPatents) for (int t = 0; t < years; t++) national[t] += row[t];
        double[] bb = new double[n], open = new double[n];
        for (int p = 0; p < n; p++) {
            String g = regions.get(p);
            for (int t = 0; t < years; t++) {
                bb[p] += v.get("broadband_ports", g, first + t) / years;
                open[p] += v.get("trade", g, first + t) / v.get("gdp", g, first + t) / years;
            }
        }
        double bbMedian = median(bb), openMedian = median(open);
        List<Object[]> rows = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            String g = regions.get(p);
            double posts = v.get("post_offices", g, 1984);
            for (int t = 0; t < years; t++) {
                int y = first + t;
                Object[] row = new Object[PROVINCE_COLUMNS.length];
                int k = 0;
                row[k++] = g;
                row[k++] = names.get(g);
                row[k++] = (long) y;
                for (int j = 0; j < 19; j++) row[k++] = r[j][p][t];
                row[k++] = Math.log(index[p][t]);
                double ai = Math.log1p(aiPatents[p][t]);
                row[k++] = ai;
                row[k++] = aiPatents[p][t];
                row[k++] = (v.get("industrial_va", g, y) / v.get("gdp", g, y))
                        / (v.get("industrial_va", YearbookValues.NATIONAL, y) / v.get("gdp", YearbookValues.NATIONAL, y));
                double total = 0;
                for (String s : ProvinceEconomy.SECTORS) total += v.get(s, g, y);
                double shannon = 0;
                for (String s : ProvinceEconomy.SECTORS) {
                    double share = v.get(s, g, y) / total;
                    if (share > 0) shannon += share * Math.log(1 / share);
                }
                row[k++] = shannon;
                row[k++] = (v.get("tech_import_exp", g, y) + v.get("tech_digestion_exp", g, y)
                        + v.get("tech_renovation_exp", g, y)) / v.get("ind_revenue", g, y);
                row[k++] = v.get("domestic_patent_applications", g, y) / v.get("population", g, y) * 10;
                double gdp = v.get("gdp", g, y);
                row[k++] = v.get("retail_sales", g, y) / gdp;
                row[k++] = (v.get("loans", g, y) + v.get("deposits", g, y)) / gdp;
                row[k++] = v.get("budget_expenditure", g, y) / gdp;
                row[k++] = Math.log(v.get("students_per_100k", g, y));
                row[k++] = v.get("road_area_per_capita", g, y);
                row[k++] = gdp / v.get("population", g, y);
                if (t == 0 || national[t - 1] == 0) {
                    // no growth from a year without AI patents (a small sample's early years): missing, as in the panel
                    row[k++] = null;
                } else {
                    double growth = (national[t] - national[t - 1]) / (double) national[t - 1];
                    row[k++] = Math.log1p(aiPatents[p][t - 1]) * (1 + growth);
                }
                row[k++] = posts * v.get("internet_penetration", g, y - 1);
                row[k++] = v.get("precipitation", g, y);
                row[k++] = v.get("robot_density", g, y);
                row[k++] = v.get("ict_fai", g, y) / gdp;
                row[k++] = v.get("trade", g, y) / gdp;
                row[k++] = EAST.contains(g) ? "east" : CENTRAL.contains(g) ? "central" : "west";
                row[k++] = MUNICIPALITIES.contains(g) ? 1L : 0L;
                row[k++] = bb[p] > bbMedian ? 1L : 0L;
                row[k++] = open[p] > openMedian ? 1L : 0L;
                rows.add(row);
            }
        }
        return new Panel(PROVINCE_COLUMNS, rows);
    }

    /**
     * The pooled entropy-weight index: x' = (x - min)/(max - min) + shift (direction +) or (max - x)/(max - min) +
     * shift (direction -) over all region-years; p = x' / sum x'; e = -(1/ln n) sum p ln p; d = 1 - e;
     * w = d / sum d; index = sum_j w_j x'_j.
     */
    private double[][] entropyIndex(double[][][] r) {
        int m = r.length, n = r[0].length, years = r[0][0].length;
        double[][][] std = new double[m][n][years];
        for (int j = 0; j < m; j++) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double[] row : r[j]) for (double x : row) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            boolean positive = ProvinceEconomy.COMPONENTS.get(j).direction() > 0;
            for (int p = 0; p < n; p++) {
                for (int t = 0; t < years; t++) {
                    double x = r[j][p][t];
                    std[j][p][t] = (positive ? x - min : max - x) / (max - min) + SHIFT;
                }
            }
        }
        double[][] entropyDivergence = entropy(std);
        double dSum = Arrays.stream(entropyDivergence[1]).sum();
        double[][] index = new double[n][years];
        for (int j = 0; j < m; j++) {
            double w = entropyDivergence[1][j] / dSum;
            ProvinceEconomy.Component c = ProvinceEconomy.COMPONENTS.get(j);
            weights.add(new Object[]{c.id(), c.direction() > 0 ? "+" : "-", entropyDivergence[0][j], entropyDivergence[1][j], w});
            for (int p = 0; p < n; p++) for (int t = 0; t < years; t++) index[p][t] += w * std[j][p][t];
        }
        return index;
    }

    /**
     * Entropy e_j and divergence d_j = 1 - e_j of standardised (shifted) columns {@code std[j][region][year]}: p = x' /
     * sum x', e = -(1/ln n) sum p ln p over the n region-years. The weights are d_j / sum d.
     */
    static double[][] entropy(double[][][] std) {
        int m = std.length, cells = std[0].length * std[0][0].length;
        double[] e = new double[m], d = new double[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (double[] row : std[j]) for (double x : row) sum += x;
            double h = 0;
            for (double[] row : std[j]) {
                for (double x : row) {
                    double share = x / sum;
                    h += share * Math.log(share);
                }
            }
            e[j] = -h / Math.log(cells);
            d[j] = 1 - e[j];
        }
        return new double[][]{e, d};
    }

    String weightsCsv() {
        StringBuilder s = new StringBuilder("indicator,direction,entropy,divergence,weight\n");
        for (Object[] w : weights) {
            s.append(w[0]).append(',').append(w[1]);
            for (int k = 2; k < w.length; k++) s.append(',').append(cell(w[k]));
            s.append('\n');
        }
        return s.toString();
    }

    /** Study B's panel for {@code cities} (x 2014-2023) with their text measures tin and ai. */
    Panel cities(Values v, List<String> cities, double[][] tin, double[][] ai, Map<String, String> names) {
        int n = cities.size(), years = CityEconomy.YEARS, first = CityEconomy.FIRST;
        double[][] agg = new double[n][years], pos = new double[n][years], nue = new double[n][years],
                gra = new double[n][years], vht = new double[n][years], rd = new double[n][years];
        for (int t = 0; t < years; t++) {
            int y = first + t;
            // the national share (the 全国 rows), as location_quotient(..., totals = national)
            double part = v.get("intelligent_mfg_output", YearbookValues.NATIONAL, y);
            double whole = v.get("industrial_output", YearbookValues.NATIONAL, y);
            for (int c = 0; c < n; c++) {
                String g = cities.get(c);
                agg[c][t] = (v.get("intelligent_mfg_output", g, y) / v.get("industrial_output", g, y)) / (part / whole);
                pos[c][t] = v.get("registered_population", g, y);
                nue[c][t] = v.get("employees", g, y);
                double before = v.get("fai", g, y - 1);
                gra[c][t] = (v.get("fai", g, y) - before) / before * 100;
                vht[c][t] = v.get("hightech_output", g, y);
                rd[c][t] = Math.log(v.get("rd_exp", g, y));
            }
        }
        minmax(pos);
        minmax(nue);
        minmax(gra);
        minmax(vht);
        minmax(rd);
        List<Object[]> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            for (int t = 0; t < years; t++) {
                rows.add(new Object[]{cities.get(c), names.get(cities.get(c)), (long) (first + t), agg[c][t],
                        tin[c][t], ai[c][t], pos[c][t], nue[c][t], gra[c][t], vht[c][t], rd[c][t]});
            }
        }
        return new Panel(CITY_COLUMNS, rows);
    }

    /** (x - min) / (max - min), pooled over the panel, in place. */
    private static void minmax(double[][] x) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : x) for (double v : row) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (double[] row : x) for (int t = 0; t < row.length; t++) row[t] = (row[t] - min) / (max - min);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
