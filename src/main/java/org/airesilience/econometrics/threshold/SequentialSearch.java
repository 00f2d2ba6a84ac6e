package org.airesilience.econometrics.threshold;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hansen's sequential procedure on one dependent variable (the real data, or a bootstrap sample): gamma_1 by
 * minimising S over the admissible candidates; gamma_2 given gamma_1 (trim of stage 2), then the refinement of
 * gamma_1 given gamma_2 (done once, as Hansen 1999 and xthreg); gamma_k for k &gt;= 3 given all earlier thresholds.
 * Ties in S go to the smallest threshold.
 *
 * <p>A bootstrap replay of stage k repeats exactly this up to stage k, except under {@code hansen1999}, which
 * replays Hansen's program: no refinement, and stage k's trim for every search after the first.
 */
final class SequentialSearch implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Bases cached per executor: about this many doubles at most. */
    private static final long CACHE_DOUBLES = 16_000_000L;

    final ThresholdSearch search;
    final ThresholdSpec spec;
    private transient volatile Map<String, ThresholdSearch.Base> cache;

    SequentialSearch(ThresholdSearch search, ThresholdSpec spec) {
        this.search = search;
        this.spec = spec;
    }

    /** One search: the admissible candidates (indices into the candidate set), their S, and the best one. */
    record Step(int[] fixed, int[] candidates, double[] ssr, int best, double min) {
        int bestCandidate() {
            return candidates[best];
        }
    }

    /** Stage k: the search for gamma_k, the optional refinement, S under the null and the alternative. */
    record Stage(Step search, Step refinement, double nullSsr, double ssr, int[] thresholdsAfter) {
    }

    /** A stage whose search has no admissible or no non-degenerate candidate. */
    static final class StageNotEstimable extends IllegalArgumentException {
        final int stage;

        StageNotEstimable(int stage, String message) {
            super(message);
            this.stage = stage;
        }
    }

    /** The stages of the data estimated in order; the first one that cannot be estimated ends it, with why. */
    record Estimated(List<Stage> stages, StageNotEstimable stopped) {
    }

    /**
     * The procedure on the data: stage 1 must be estimable (else there is nothing to report); a later stage that is
     * not (a small sample, where trimming or degenerate regimes leave no candidate) ends the sequence there.
     */
    Estimated estimate(double[] y, int stages) {
        List<Stage> out = new ArrayList<>(stages);
        try {
            run(y, stages, false, out);
            return new Estimated(out, null);
        } catch (StageNotEstimable e) {
            if (e.stage <= 1) throw e;
            return new Estimated(out, e);
        }
    }

    List<Stage> run(double[] y, int stages, boolean replay) {
        List<Stage> out = new ArrayList<>(stages);
        run(y, stages, replay, out);
        return out;
    }

    private void run(double[] y, int stages, boolean replay, List<Stage> out) {
        boolean hansenReplay = replay && spec.hansen1999();
        double prev = base(new int[0]).fit(y).ssr();
        int[] current = new int[0];
        for (int k = 1; k <= stages; k++) {
            double trim = hansenReplay && k >= 2 ? spec.trim(stages) : spec.trim(k);
            Step st = step(current, trim, y, k);
            int[] after = add(current, st.bestCandidate());
            Step refine = null;
            double nextNull = st.min();
            if (k == 2 && !hansenReplay && !(replay && stages == 2)) {
                refine = step(new int[]{st.bestCandidate()}, spec.trim(2), y, k);
                after = add(new int[]{st.bestCandidate()}, refine.bestCandidate());
                nextNull = refine.min();
            }
            out.add(new Stage(st, refine, prev, st.min(), after));
            prev = nextNull;
            current = after;
        }
    }

    Step step(int[] fixed, double trim, double[] y, int stage) {
        int[] cand = search.candidates.admissible(fixed, trim);
        if (cand.length == 0) {
            throw new StageNotEstimable(stage, "no admissible candidate for threshold " + stage
                    + ": the trimming share " + trim + " leaves no regime large enough");
        }
        ThresholdSearch.Base b = base(fixed);
        double[] ssr = b.sweep(b.fit(y), cand);
        int best = -1;
        for (int i = 0; i < ssr.length; i++) {
            if (!Double.isNaN(ssr[i]) && (best < 0 || ssr[i] < ssr[best])) best = i;
        }
        if (best < 0) throw new StageNotEstimable(stage, "every candidate for threshold " + stage + " is degenerate");
        return new Step(fixed, cand, ssr, best, ssr[best]);
    }

    ThresholdSearch.Base base(int[] fixed) {
        Map<String, ThresholdSearch.Base> c = cache();
        String key = Arrays.toString(fixed);
        ThresholdSearch.Base b = c.get(key);
        if (b != null) return b;
        b = search.new Base(fixed);
        long perBase = (long) search.panel.nobs * b.kb * 2;
        if ((c.size() + 1) * perBase <= CACHE_DOUBLES) c.putIfAbsent(key, b);
        return b;
    }

    private Map<String, ThresholdSearch.Base> cache() {
        Map<String, ThresholdSearch.Base> c = cache;
        if (c == null) {
            synchronized (this) {
                if (cache == null) cache = new ConcurrentHashMap<>();
                c = cache;
            }
        }
        return c;
    }

    static int[] add(int[] fixed, int candidate) {
        int[] out = Arrays.copyOf(fixed, fixed.length + 1);
        out[fixed.length] = candidate;
        Arrays.sort(out);
        return out;
    }

    /** Hansen's F = (S_null - S_alt) / sigma^2 with sigma^2 = S_alt / (N - n). */
    double fStatistic(double nullSsr, double ssr) {
        return (nullSsr - ssr) / (ssr / search.panel.sigmaDf());
    }
}
