package org.airesilience.econometrics.threshold;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The threshold values a search may pick, as cut positions in the q-sorted observations (a cut c puts the c
 * smallest observations in the lower regime), and the trimming rule that makes a candidate admissible given the
 * thresholds already fixed. Three rules:
 * <ul>
 *   <li>{@code distinct}: every distinct value g of q, lower regime q &lt;= g;</li>
 *   <li>{@code grid(G)} (xthreg-style): p_k = t + (1 - 2t)(k - 1)/(G - 1), k = 1..G, with t the first stage's trim;
 *       g_k = q_(ceil(p_k N)), the type-1 empirical quantile of the N observations (p_k N rounded to 9 decimals
 *       first); duplicates removed; lower regime q &lt;= g;</li>
 *   <li>{@code hansen1999}: Hansen's program: m sorted distinct values dd, s = t, t + 1/400, ..., 1 - t,
 *       g = dd[floor(s m)] (1-based); lower regime q &lt; g.</li>
 * </ul>
 * Trimming: for distinct and grid, both regimes next to the new threshold hold at least trim * N observations; for
 * hansen1999, Hansen's window on the grid: with nn = number of grid values below a fixed threshold, 1-based grid
 * indices i with nn - 400 trim &lt;= i &lt; nn + 400 trim are excluded (and no share rule).
 */
final class CandidateSet implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int HANSEN_QN = 400;

    /** Cut positions, strictly ascending, each in (0, N). */
    final int[] cuts;
    /** The threshold value reported for each cut. */
    final double[] values;
    final boolean hansenWindow;
    final String description;
    private final int nobs;

    private CandidateSet(int[] cuts, double[] values, boolean hansenWindow, String description, int nobs) {
        this.cuts = cuts;
        this.values = values;
        this.hansenWindow = hansenWindow;
        this.description = description;
        this.nobs = nobs;
    }

    static CandidateSet of(ThresholdPanel panel, ThresholdSpec spec) {
        if (spec.hansen1999()) return hansen(panel.qSorted, spec.trim(1));
        if (spec.grid() > 0) return grid(panel.qSorted, spec.grid(), spec.trim(1));
        return distinct(panel.qSorted);
    }

    static CandidateSet distinct(double[] qs) {
        int n = qs.length;
        List<Integer> cuts = new ArrayList<>();
        for (int c = 1; c < n; c++) if (qs[c - 1] < qs[c]) cuts.add(c);
        int[] cc = cuts.stream().mapToInt(Integer::intValue).toArray();
        double[] v = new double[cc.length];
        for (int k = 0; k < cc.length; k++) v[k] = qs[cc[k] - 1];
        return new CandidateSet(cc, v, false, "every distinct value of the threshold variable; lower regime q <= gamma", n);
    }

    static CandidateSet grid(double[] qs, int points, double trim) {
        int n = qs.length;
        List<Integer> cuts = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int k = 1; k <= points; k++) {
            double p = trim + (1 - 2 * trim) * (k - 1) / (points - 1);
            double pn = BigDecimal.valueOf(p * n).setScale(9, RoundingMode.HALF_EVEN).doubleValue();
            int idx = Math.max(1, Math.min(n, (int) Math.ceil(pn)));
            double g = qs[idx - 1];
            int cut = upperBound(qs, g);
            if (cut <= 0 || cut >= n) continue;
            if (!cuts.isEmpty() && cuts.get(cuts.size() - 1) == cut) continue;
            cuts.add(cut);
            vals.add(g);
        }
        return new CandidateSet(cuts.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), false,
                "grid of " + points + " quantiles: p_k = " + trim + " + " + (1 - 2 * trim) + " (k-1)/" + (points - 1)
                        + ", gamma_k = q_(ceil(p_k N)) (type-1 quantile of the N observations), duplicates removed;"
                        + " lower regime q <= gamma", n);
    }

    static CandidateSet hansen(double[] qs, double trim) {
        int n = qs.length;
        double[] dd = Arrays.stream(qs).distinct().toArray();
        int m = dd.length;
        List<Integer> cuts = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        int steps = (int) Math.round((1 - 2 * trim) * HANSEN_QN);
        for (int k = 0; k <= steps; k++) {
            double s = trim + (double) k / HANSEN_QN;
            int idx = (int) Math.floor(s * m);
            if (idx < 1) continue;
            double g = dd[idx - 1];
            int cut = lowerBound(qs, g);
            if (cut <= 0 || cut >= n) continue;
            if (!cuts.isEmpty() && cuts.get(cuts.size() - 1) == cut) continue;
            cuts.add(cut);
            vals.add(g);
        }
        return new CandidateSet(cuts.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), true,
                "Hansen (1999) program: dd = sorted distinct values (m), s = " + trim + ", " + trim + " + 1/400, ..., "
                        + (1 - trim) + ", gamma = dd[floor(s m)]; lower regime q < gamma", n);
    }

    int size() {
        return cuts.length;
    }

    /**
     * Candidate indices admissible for a new threshold given the fixed ones (candidate indices, ascending).
     */
    int[] admissible(int[] fixed, double trim) {
        int[] out = new int[cuts.length];
        int count = 0;
        if (hansenWindow) {
            double w = HANSEN_QN * trim;
            for (int i = 0; i < cuts.length; i++) {
                boolean ok = true;
                for (int f : fixed) {
                    // Hansen's 1-based grid index i + 1 against nn = #{grid values < r} = f.
                    if (i == f || (i + 1 >= f - w && i + 1 < f + w)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) out[count++] = i;
            }
            return Arrays.copyOf(out, count);
        }
        double need = trim * nobs;
        for (int i = 0; i < cuts.length; i++) {
            int c = cuts[i];
            int lo = 0;
            int hi = nobs;
            boolean clash = false;
            for (int f : fixed) {
                int fc = cuts[f];
                if (fc == c) clash = true;
                if (fc < c) lo = Math.max(lo, fc);
                if (fc > c) hi = Math.min(hi, fc);
            }
            if (!clash && c - lo >= need - 1e-9 && hi - c >= need - 1e-9) out[count++] = i;
        }
        return Arrays.copyOf(out, count);
    }

    /** Number of sorted values <= g. */
    private static int upperBound(double[] qs, double g) {
        int lo = 0;
        int hi = qs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (qs[mid] <= g) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Number of sorted values < g. */
    private static int lowerBound(double[] qs, double g) {
        int lo = 0;
        int hi = qs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (qs[mid] < g) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
