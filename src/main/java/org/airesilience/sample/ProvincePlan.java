package org.airesilience.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How many patents each province files each year. At scale 1, ln(1 + AI patents) over the 30 provinces and
 * 2006-2020 resembles study A's Table 2 (mean about 5.2, sd about 2, from 0 to about 10): a province level that
 * falls steeply down the ranking below, plus a common growth of 4.4 log points over the 15 years, plus noise.
 */
final class ProvincePlan {
    static final int FIRST_YEAR = 2006;
    static final int LAST_YEAR = 2020;
    /** The 30 provinces of the panel, strongest in AI first. */
    static final List<String> PROVINCES = List.of("440000", "110000", "320000", "330000", "310000", "370000",
            "510000", "420000", "340000", "610000", "350000", "430000", "120000", "210000", "500000", "410000",
            "130000", "230000", "220000", "360000", "140000", "530000", "450000", "520000", "620000", "150000",
            "650000", "460000", "640000", "630000");
    /** Out-of-scope provinces whose applicants appear among the broken records. */
    static final List<String> EXCLUDED = List.of("540000", "810000", "820000", "710000");

    private static final double TOP_LEVEL = 5.8;
    private static final double BOTTOM_LEVEL = -0.2;
    private static final double SHAPE = 0.8;
    private static final double GROWTH = 4.4;
    private static final double NOISE = 0.2;
    /** Non-AI patents per AI patent, and a province's non-AI base that does not grow with AI. */
    private static final double NON_AI_PER_AI = 3.0;
    private static final double NON_AI_BASE = 200.0;

    private final double scale;
    private final double[][] logLevel;

    ProvincePlan(double scale, long seed) {
        this.scale = scale;
        SplittableRandom rnd = org.airesilience.distributed.Seeds.stream(seed, "sample.plan", 0);
        int years = LAST_YEAR - FIRST_YEAR + 1;
        logLevel = new double[PROVINCES.size()][years];
        for (int p = 0; p < PROVINCES.size(); p++) {
            for (int t = 0; t < years; t++) {
                logLevel[p][t] = provinceLevel(p) + GROWTH * t / (years - 1) + NOISE * gaussian(rnd);
            }
        }
    }

    /** The random stream of one province-year: its counts are drawn first (other, then AI), then its records. */
    static SplittableRandom cellStream(long seed, int p, int year) {
        return org.airesilience.distributed.Seeds.stream(seed, "sample.patents", (long) year * 100 + p);
    }

    private static double provinceLevel(int rank) {
        return TOP_LEVEL * Math.pow(1 - rank / (double) (PROVINCES.size() - 1), SHAPE) + BOTTOM_LEVEL;
    }

    /** AI patents of province {@code p} (index into PROVINCES) in {@code year}, drawn by stochastic rounding. */
    int aiPatents(int p, int year, SplittableRandom rnd) {
        return round(scale * Math.expm1(logLevel[p][year - FIRST_YEAR]), rnd);
    }

    int otherPatents(int p, int year, SplittableRandom rnd) {
        double mu = logLevel[p][year - FIRST_YEAR];
        return round(scale * (NON_AI_PER_AI * Math.expm1(mu) + NON_AI_BASE * Math.exp(0.3 * provinceLevel(p))), rnd);
    }

    /** Applications filed before the panel (old-style numbers), per province and year. */
    int legacyPatents(int p, SplittableRandom rnd) {
        return round(scale * 5 * Math.exp(0.3 * provinceLevel(p)), rnd);
    }

    /** Expected number of well-formed records (panel years and before) at this plan's scale. */
    double expectedRecords() {
        double n = 0;
        for (int p = 0; p < PROVINCES.size(); p++) {
            n += scale * 5 * Math.exp(0.3 * provinceLevel(p));
            for (double mu : logLevel[p]) {
                n += scale * ((1 + NON_AI_PER_AI) * Math.expm1(mu) + NON_AI_BASE * Math.exp(0.3 * provinceLevel(p)));
            }
        }
        return n;
    }

    private static int round(double x, SplittableRandom rnd) {
        return (int) Math.max(0, Math.floor(x + rnd.nextDouble()));
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
