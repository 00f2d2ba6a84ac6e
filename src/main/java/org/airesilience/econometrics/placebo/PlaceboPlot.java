package org.airesilience.econometrics.placebo;

import org.airesilience.report.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The placebo figure (as study B's Figure 1): kernel density of the placebo estimates (left axis), each draw's p-value
 * against its estimate (right axis, with the 10% line), and the real estimate as a vertical line.
 */
public final class PlaceboPlot {
    static final int GRID_POINTS = 512;

    private PlaceboPlot() {
    }

    public static XYChart chart(PlaceboResult result) {
        double[] estimates = result.validEstimates();
        if (estimates.length < 2) {
            throw new IllegalArgumentException("the placebo figure needs at least 2 valid draws, got " + estimates.length);
        }
        KernelDensity.Curve curve = KernelDensity.estimate(estimates, GRID_POINTS);
        double real = result.realEstimate();
        XYChart chart = new XYChartBuilder().width(800).height(560)
                .title(String.format(Locale.ROOT, "Placebo test of %s (%d draws, scheme %s)", result.spec().term(),
                        result.draws().size(), result.spec().scheme().label()))
                .xAxisTitle("Placebo estimate of " + result.spec().term()).yAxisTitle("Kernel density").build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setMarkerSize(4);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, 1.0);
        chart.setYAxisGroupTitle(1, "p-value");

        XYSeries density = chart.addSeries(String.format(Locale.ROOT, "Kernel density (Gaussian, h = %.3g)",
                curve.bandwidth()), curve.x(), curve.density());
        density.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        density.setMarker(SeriesMarkers.NONE);
        density.setLineColor(new Color(0x1f, 0x4e, 0x9a));

        double top = Arrays.stream(curve.density()).max().orElse(1) * 1.05;
        XYSeries realLine = chart.addSeries(String.format(Locale.ROOT, "Real estimate = %.4g", real),
                new double[]{real, real}, new double[]{0, top});
        realLine.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        realLine.setMarker(SeriesMarkers.NONE);
        realLine.setLineColor(new Color(0xc0, 0x1c, 0x28));
        realLine.setLineStyle(SeriesLines.DASH_DASH);

        double[] pValues = result.draws().stream().filter(d -> Double.isFinite(d.estimate()))
                .mapToDouble(PlaceboDraw::pValue).toArray();
        XYSeries p = chart.addSeries("p-value of each draw", estimates, pValues);
        p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        p.setMarker(SeriesMarkers.CIRCLE);
        p.setMarkerColor(new Color(0x80, 0x80, 0x80, 0x90));
        p.setYAxisGroup(1);

        double lo = Math.min(curve.x()[0], real), hi = Math.max(curve.x()[curve.x().length - 1], real);
        XYSeries tenPercent = chart.addSeries("p = 0.10", new double[]{lo, hi}, new double[]{0.1, 0.1});
        tenPercent.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        tenPercent.setMarker(SeriesMarkers.NONE);
        tenPercent.setLineColor(Color.DARK_GRAY);
        tenPercent.setLineStyle(SeriesLines.DOT_DOT);
        tenPercent.setYAxisGroup(1);
        return chart;
    }

    /** Writes {@code placebo_<term>.png} and {@code .svg} into {@code dir}. */
    public static List<Path> save(PlaceboResult result, Path dir) {
        String name = "placebo_" + result.spec().term().replaceAll("[^A-Za-z0-9_.-]+", "_");
        return Charts.save(chart(result), dir, name);
    }
}
