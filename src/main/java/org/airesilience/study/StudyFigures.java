package org.airesilience.study;

import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Charts;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Figures drawn from the panel itself: a measure over time by region group (group means per year), a region x year
 * heat map, and entropy weights of a composite index. Labels may be Chinese, so the charts use the first installed
 * font that can show them.
 */
final class StudyFigures {
    /** Java's logical SansSerif first: it falls back per glyph, so Latin and Chinese both show. */
    private static final List<String> CJK_FONTS = List.of("SansSerif", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN", "SimSun",
            "Microsoft YaHei", "PingFang SC");

    private StudyFigures() {
    }

    /** Mean of {@code variable} per year for each value of {@code group}. */
    static List<Path> byGroup(Table panel, String variable, String group, String time, String title, Path dir, String name) {
        double[] v = panel.numeric(variable);
        double[] t = panel.numeric(time);
        String[] g = labels(panel, group);
        Map<String, TreeMap<Double, double[]>> sums = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || Double.isNaN(t[i]) || g[i] == null) continue;
            double[] s = sums.computeIfAbsent(g[i], k -> new TreeMap<>()).computeIfAbsent(t[i], k -> new double[2]);
            s[0] += v[i];
            s[1]++;
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(time)
                .yAxisTitle(variable + " (mean)").build();
        style(chart.getStyler());
        chart.getStyler().setDecimalPattern("0.###");
        chart.getStyler().setXAxisDecimalPattern("0");
        for (var e : sums.entrySet()) {
            List<Double> x = new ArrayList<>(e.getValue().keySet());
            List<Double> y = e.getValue().values().stream().map(s -> s[0] / s[1]).toList();
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return Charts.save(chart, dir, name);
    }

    /** {@code variable} by region (rows) and year (columns). */
    static List<Path> heatMap(Table panel, String variable, String region, String time, String title, Path dir, String name) {
        double[] v = panel.numeric(variable);
        double[] t = panel.numeric(time);
        String[] r = labels(panel, region);
        TreeSet<Double> years = new TreeSet<>();
        TreeSet<String> regions = new TreeSet<>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(t[i]) && r[i] != null) {
                years.add(t[i]);
                regions.add(r[i]);
            }
        }
        List<Double> ys = new ArrayList<>(years);
        List<String> rs = new ArrayList<>(regions);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || Double.isNaN(t[i]) || r[i] == null) continue;
            cells.add(new Number[]{ys.indexOf(t[i]), rs.indexOf(r[i]), v[i]});
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(Math.max(400, 22 * rs.size() + 150))
                .title(title).xAxisTitle(time).yAxisTitle(region).build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(false);
        chart.getStyler().setRangeColors(new Color[]{new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        chart.addSeries(variable, ys.stream().map(d -> (Object) String.valueOf(d.longValue())).toList(),
                new ArrayList<Object>(rs), cells);
        return Charts.save(chart, dir, name);
    }

    /** Bar chart of entropy weights: the first text column names the indicator, a column named weight holds it. */
    static List<Path> weights(Table weights, String title, Path dir, String name) {
        String label = weights.names().stream().filter(n -> !weights.isNumeric(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("weights file has no text column naming the indicators"));
        String weight = weights.names().stream().filter(n -> n.equalsIgnoreCase("weight")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("weights file has no column 'weight'"));
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title).xAxisTitle(label)
                .yAxisTitle(weight).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.addSeries(weight, Arrays.asList(weights.text(label)),
                Arrays.stream(weights.numeric(weight)).boxed().toList());
        return Charts.save(chart, dir, name);
    }

    private static String[] labels(Table t, String column) {
        if (!t.isNumeric(column)) return t.text(column);
        return Arrays.stream(t.numeric(column)).mapToObj(d -> Double.isNaN(d) ? null
                : d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d)).toArray(String[]::new);
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        Font base = cjkFont();
        if (base == null) return;
        s.setChartTitleFont(base.deriveFont(Font.BOLD, 16f));
        s.setLegendFont(base.deriveFont(12f));
        s.setBaseFont(base.deriveFont(12f));
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(base.deriveFont(13f));
            a.setAxisTickLabelsFont(base.deriveFont(11f));
        }
    }

    /** The first font of {@link #CJK_FONTS} that shows Latin, digits and Chinese, or null (the chart's default). */
    static Font cjkFont() {
        System.setProperty("java.awt.headless", "true");
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String name : CJK_FONTS) {
            if (installed.contains(name)) {
                Font f = new Font(name, Font.PLAIN, 12);
                if (f.canDisplayUpTo("AI 2019 中文") < 0) return f;
            }
        }
        return null;
    }
}
