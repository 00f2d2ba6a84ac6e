package org.airesilience.econometrics.cli;

import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;

import java.util.Locale;
import java.util.Map;

/** A regression table for people: coefficients with stars, fit and tests, conventions underneath. */
public final class RegressionTable {
    private RegressionTable() {
    }

    /** Significance stars as in the reference studies: * p < 0.10, ** p < 0.05, *** p < 0.01. */
    public static String stars(double p) {
        if (!(p >= 0)) return "";
        return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.10 ? "*" : "";
    }

    public static String format(EstimationResult r) {
        StringBuilder sb = new StringBuilder();
        Object formula = r.extra().get("formula");
        sb.append(String.format(Locale.ROOT, "Estimator: %s%s%n", r.estimator(), formula == null ? "" : "   " + formula));
        int width = 12;
        for (Coefficient c : r.coefficients()) width = Math.max(width, c.term().length());
        String line = "-".repeat(width + 54) + "\n";
        sb.append(line);
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %14s %12s %10s %10s%n", "term", "estimate", "std.error", "t", "p"));
        sb.append(line);
        for (Coefficient c : r.coefficients()) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %14s %12s %10.3f %10.4f %s%n", c.term(),
                    num(c.estimate()), num(c.stdError()), c.statistic(), c.pValue(), stars(c.pValue())));
        }
        sb.append(line);
        sb.append(String.format(Locale.ROOT, "N = %d", r.nobs()));
        if (r.ngroups() != null) sb.append(String.format(Locale.ROOT, "   groups = %d", r.ngroups()));
        for (Map.Entry<String, Double> e : r.fit().entrySet()) {
            if (e.getKey().startsWith("r2") || e.getKey().equals("adj_r2")) {
                if (Double.isFinite(e.getValue())) sb.append(String.format(Locale.ROOT, "   %s = %.4f", e.getKey(), e.getValue()));
            }
        }
        sb.append('\n');
        for (Map.Entry<String, TestResult> e : r.tests().entrySet()) {
            TestResult t = e.getValue();
            sb.append(String.format(Locale.ROOT, "%s: statistic = %.4f", e.getKey(), t.statistic()));
            if (!Double.isNaN(t.df())) sb.append(String.format(Locale.ROOT, ", df = %s", df(t.df())));
            if (!Double.isNaN(t.df2())) sb.append(String.format(Locale.ROOT, ", %s", df(t.df2())));
            sb.append(String.format(Locale.ROOT, ", p = %.4g%n", t.pValue()));
        }
        if (r.extra().get("stock_yogo") instanceof Map<?, ?> sy) stockYogo(sb, sy);
        sb.append("* p<0.10, ** p<0.05, *** p<0.01\n");
        r.conventions().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** The critical values beside the Cragg-Donald F, laid out as ivreg2 prints them. */
    private static void stockYogo(StringBuilder sb, Map<?, ?> block) {
        Map<?, ?> cv = (Map<?, ?>) block.get("critical_values");
        String label = "Stock-Yogo weak ID test critical values: ";
        boolean first = true;
        for (Map.Entry<?, ?> e : cv.entrySet()) {
            String size = String.valueOf(e.getKey()).replace("max_iv_size_", "");
            String value = e.getValue() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ((Number) e.getValue()).doubleValue());
            sb.append(String.format(Locale.ROOT, "%-41s%s%% maximal IV size %12s%n", first ? label : "", size, value));
            first = false;
        }
        sb.append("Source: Stock-Yogo (2005), Table 5.2 (critical values for i.i.d. errors)\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v != 0) ? "%.4e" : "%.6f", v);
    }

    private static String df(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
