package org.airesilience.econometrics.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Descriptive statistics per column over its non-missing values (as Stata's summarize): N, mean, standard deviation
 * (n - 1 denominator), median (Stata's _pctile definition, as summarize, detail), min and max.
 */
public final class Descriptives {
    private Descriptives() {
    }

    public record Summary(String variable, int n, double mean, double sd, double median, double min, double max) {
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", variable);
            m.put("n", n);
            m.put("mean", finite(mean));
            m.put("sd", finite(sd));
            m.put("median", finite(median));
            m.put("min", finite(min));
            m.put("max", finite(max));
            return m;
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    public static List<Summary> of(Table table, List<String> variables) {
        List<Summary> out = new ArrayList<>();
        for (String v : variables) out.add(of(v, table.numeric(v)));
        return out;
    }

    public static Summary of(String name, double[] values) {
        double[] x = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int n = x.length;
        if (n == 0) return new Summary(name, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mean = 0;
        for (double d : x) mean += d;
        mean /= n;
        double ss = 0;
        for (double d : x) ss += (d - mean) * (d - mean);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        return new Summary(name, n, mean, sd, Winsorizer.percentile(x, 50), x[0], x[n - 1]);
    }
}
