package org.airesilience.econometrics.iv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stock and Yogo (2005) critical values of the Cragg-Donald Wald F for the weak-instrument test based on 2SLS size:
 * the F beyond which a nominal 5% Wald test on the endogenous coefficients has actual size at most 10%, 15%, 20%
 * or 25%. Stock, J. H. and M. Yogo (2005), "Testing for Weak Instruments in Linear IV Regression", in Andrews and
 * Stock (eds.), Identification and Inference for Econometric Models, Table 5.2. The numbers are those ivreg2 prints
 * as "Stock-Yogo weak ID test critical values: 10%/15%/20%/25% maximal IV size": the ivsize10/15/20/25 matrices of
 * its Mata function s_cdsy (livreg2, shipped inside ivreg2 / ivreg210.ado, Baum, Schaffer and Stillman), rows
 * K2 = 1..30 excluded instruments, columns K1 = 1, 2 endogenous regressors. K1 = 2 needs K2 >= 2 (NaN otherwise).
 */
public final class StockYogo {
    /** Maximal IV sizes of the table's columns. */
    public static final int[] SIZES = {10, 15, 20, 25};
    public static final int MAX_ENDOGENOUS = 2;
    public static final int MAX_INSTRUMENTS = 30;
    private static final double NA = Double.NaN;

    /** [size index][K2 - 1][K1 - 1]. */
    private static final double[][][] TABLE = {
            { // 10% maximal IV size
                    {16.38, NA}, {19.93, 7.03}, {22.30, 13.43}, {24.58, 16.87}, {26.87, 19.45}, {29.18, 21.68},
                    {31.50, 23.72}, {33.84, 25.64}, {36.19, 27.51}, {38.54, 29.32}, {40.90, 31.11}, {43.27, 32.88},
                    {45.64, 34.62}, {48.01, 36.36}, {50.39, 38.08}, {52.77, 39.80}, {55.15, 41.51}, {57.53, 43.22},
                    {59.92, 44.92}, {62.30, 46.62}, {64.69, 48.31}, {67.07, 50.01}, {69.46, 51.70}, {71.85, 53.39},
                    {74.24, 55.07}, {76.62, 56.76}, {79.01, 58.45}, {81.40, 60.13}, {83.79, 61.82}, {86.17, 63.51}},
            { // 15%
                    {8.96, NA}, {11.59, 4.58}, {12.83, 8.18}, {13.96, 9.93}, {15.09, 11.22}, {16.23, 12.33},
                    {17.38, 13.34}, {18.54, 14.31}, {19.71, 15.24}, {20.88, 16.16}, {22.06, 17.06}, {23.24, 17.95},
                    {24.42, 18.84}, {25.61, 19.72}, {26.80, 20.60}, {27.99, 21.48}, {29.19, 22.35}, {30.38, 23.22},
                    {31.58, 24.09}, {32.77, 24.96}, {33.97, 25.82}, {35.17, 26.69}, {36.37, 27.56}, {37.57, 28.42},
                    {38.77, 29.29}, {39.97, 30.15}, {41.17, 31.02}, {42.37, 31.88}, {43.57, 32.74}, {44.78, 33.61}},
            { // 20%
                    {6.66, NA}, {8.75, 3.95}, {9.54, 6.40}, {10.26, 7.54}, {10.98, 8.38}, {11.72, 9.10},
                    {12.48, 9.77}, {13.24, 10.41}, {14.01, 11.03}, {14.78, 11.65}, {15.56, 12.25}, {16.35, 12.86},
                    {17.14, 13.45}, {17.93, 14.05}, {18.72, 14.65}, {19.51, 15.24}, {20.31, 15.83}, {21.10, 16.42},
                    {21.90, 17.02}, {22.70, 17.61}, {23.50, 18.20}, {24.30, 18.79}, {25.10, 19.38}, {25.90, 19.97},
                    {26.71, 20.56}, {27.51, 21.15}, {28.31, 21.74}, {29.12, 22.33}, {29.92, 22.92}, {30.72, 23.51}},
            { // 25%
                    {5.53, NA}, {7.25, 3.63}, {7.80, 5.45}, {8.31, 6.28}, {8.84, 6.89}, {9.38, 7.42},
                    {9.93, 7.91}, {10.50, 8.39}, {11.07, 8.85}, {11.65, 9.31}, {12.23, 9.77}, {12.82, 10.22},
                    {13.41, 10.68}, {14.00, 11.13}, {14.60, 11.58}, {15.19, 12.03}, {15.79, 12.49}, {16.39, 12.94},
                    {16.99, 13.39}, {17.60, 13.84}, {18.20, 14.29}, {18.80, 14.74}, {19.41, 15.19}, {20.01, 15.64},
                    {20.61, 16.10}, {21.22, 16.55}, {21.83, 17.00}, {22.43, 17.45}, {23.04, 17.90}, {23.65, 18.35}},
    };

    private StockYogo() {
    }

    /** The critical value for the maximal size (10, 15, 20 or 25 percent), or NaN outside the table. */
    public static double criticalValue(int maxSizePercent, int endogenous, int excludedInstruments) {
        int s = java.util.Arrays.binarySearch(SIZES, maxSizePercent);
        if (s < 0) throw new IllegalArgumentException("Stock-Yogo size tables exist for 10, 15, 20, 25%, not " + maxSizePercent);
        if (endogenous < 1 || endogenous > MAX_ENDOGENOUS || excludedInstruments < 1
                || excludedInstruments > MAX_INSTRUMENTS) {
            return Double.NaN;
        }
        return TABLE[s][excludedInstruments - 1][endogenous - 1];
    }

    /**
     * The JSON block written beside the Cragg-Donald F: the four critical values (null outside the table) and, for
     * each, whether the F exceeds it (weak instruments rejected at that maximal size).
     */
    public static Map<String, Object> block(double craggDonaldF, int endogenous, int excludedInstruments) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", "2SLS size: critical values of the Cragg-Donald Wald F for a 5% Wald test with actual size at "
                + "most 10/15/20/25% (Stock and Yogo 2005, Table 5.2, as ivreg2 prints them)");
        m.put("endogenous", endogenous);
        m.put("excluded_instruments", excludedInstruments);
        Map<String, Object> cv = new LinkedHashMap<>();
        Map<String, Object> exceeds = new LinkedHashMap<>();
        for (int size : SIZES) {
            double c = criticalValue(size, endogenous, excludedInstruments);
            cv.put("max_iv_size_" + size, Double.isNaN(c) ? null : c);
            exceeds.put("max_iv_size_" + size, Double.isNaN(c) ? null : craggDonaldF > c);
        }
        m.put("critical_values", cv);
        m.put("cragg_donald_f_exceeds", exceeds);
        if (cv.values().stream().allMatch(v -> v == null)) {
            m.put("note", "not tabulated for " + endogenous + " endogenous regressor(s) and " + excludedInstruments
                    + " excluded instrument(s) (the table covers K1 = 1..2, K2 = K1..30)");
        }
        return m;
    }
}
