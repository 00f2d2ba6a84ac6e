package org.airesilience.econometrics.threshold;

import org.airesilience.report.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hansen's (1999) confidence-interval construction figures: the likelihood-ratio curve LR(gamma) of each search
 * against the threshold, with the dashed critical value c(alpha); the confidence set is where the curve is below it.
 */
public final class LrCurvePlot {
    private static final int MAX_POINTS = 1000;
    private LrCurvePlot() {
    }

    static XYChart chart(ThresholdResult.LrCurve curve, String title, String thresholdName) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("threshold " + thresholdName).yAxisTitle("LR statistic").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        // Long curves are drawn through each bucket's lowest and highest point: the same picture, far fewer points.
        int n = curve.lr().length;
        int bucket = Math.max(1, (n + MAX_POINTS / 2 - 1) / (MAX_POINTS / 2));
        for (int start = 0; start < n; start += bucket) {
            int lo = -1;
            int hi = -1;
            for (int i = start; i < Math.min(n, start + bucket); i++) {
                if (!Double.isFinite(curve.lr()[i])) continue;
                if (lo < 0 || curve.lr()[i] < curve.lr()[lo]) lo = i;
                if (hi < 0 || curve.lr()[i] > curve.lr()[hi]) hi = i;
            }
            if (lo < 0) continue;
            for (int i : lo == hi ? new int[]{lo} : new int[]{Math.min(lo, hi), Math.max(lo, hi)}) {
                x.add(curve.thresholds()[i]);
                y.add(curve.lr()[i]);
            }
        }
        XYSeries lr = chart.addSeries("LR(gamma)", x, y);
        lr.setMarker(SeriesMarkers.NONE);
        lr.setLineColor(Color.BLACK);
        double lo = x.get(0);
        double hi = x.get(x.size() - 1);
        XYSeries c = chart.addSeries(String.format(Locale.ROOT, "95%% critical value %.3f", curve.criticalValue()),
                new double[]{lo, hi}, new double[]{curve.criticalValue(), curve.criticalValue()});
        c.setMarker(SeriesMarkers.NONE);
        c.setLineStyle(SeriesLines.DASH_DASH);
        c.setLineColor(Color.GRAY);
        return chart;
    }

    /** Writes threshold_lr_stage{k}(.png, .svg) per stage, and threshold_lr_stage2_refined for the refinement. */
    public static List<Path> save(ThresholdResult result, String thresholdName, Path dir) {
        List<Path> out = new ArrayList<>();
        for (ThresholdResult.Stage s : result.stages()) {
            String title = String.format(Locale.ROOT, "Threshold %d: estimate %.6g, LR confidence set [%.6g, %.6g]",
                    s.stage(), s.estimate(), s.ci().low(), s.ci().high());
            out.addAll(Charts.save(chart(s.curve(), title, thresholdName), dir, "threshold_lr_stage" + s.stage()));
            if (s.refined() != null) {
                ThresholdResult.Refinement r = s.refined();
                String rt = String.format(Locale.ROOT, "Threshold 1 refined given threshold 2: estimate %.6g, set [%.6g, %.6g]",
                        r.estimate(), r.ci().low(), r.ci().high());
                out.addAll(Charts.save(chart(r.curve(), rt, thresholdName), dir,
                        "threshold_lr_stage" + s.stage() + "_refined"));
            }
        }
        return out;
    }
}
