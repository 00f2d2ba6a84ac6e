package org.airesilience.sample;

import org.airesilience.distributed.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.airesilience.sample.ProvincePlan.gaussian;

/**
 * The data-generating process of study B's city indicators, 28 middle-Yangtze cities x 2014-2023 (fixed-asset
 * investment from 2013 for its growth rate). TIN and AI are the text measure of the generated corpus,
 * ln(1 + term frequency). Agglomeration AGG, the location quotient of intelligent-manufacturing output against the
 * national share (the paper's definition; the 全国 rows of both outputs), is
 * <pre>  AGG_it = c + PHI_TIN * TIN_it + PHI_AI * AI_it + SIGMA * e_it</pre>
 * with one intercept c (the pooled mean of AGG is 1). A quotient against the 28 cities' own total would force the
 * output-weighted mean of AGG to 1 in every year, an intercept c_t falling as the terms spread, and the paper's pooled
 * regression without year effects could not recover PHI_TIN. The controls (population, employment, investment
 * growth, high-tech output, R&D) do not enter AGG.
 */
final class CityEconomy {
    static final int FIRST = CityCorpus.FIRST_YEAR;
    static final int LAST = CityCorpus.LAST_YEAR;
    static final int YEARS = LAST - FIRST + 1;
    static final double PHI_TIN = 0.12;
    static final double PHI_AI = 0.08;
    static final double SIGMA = 0.05;
    /** The nation's share of intelligent manufacturing in industrial output in the first year (AGG = 1). */
    static final double BASE_SHARE = 0.12;

    /** Cells a supplementary source repeats wrongly: indicator and quarantine reason. */
    static final List<String[]> CONTESTED = List.of(new String[]{"fai", "NON_NUMERIC"},
            new String[]{"employees", "OUT_OF_RANGE"}, new String[]{"industrial_output", "CONFLICTING_DUPLICATE"},
            new String[]{"rd_exp", "UNIT_MISMATCH"});

    final List<String> cities;
    final YearbookValues values = new YearbookValues();
    final double[][] tin, ai;
    /** The intercept c, and the national share of intelligent manufacturing in industrial output per year. */
    final double intercept;
    final double[] nationalShare = new double[YEARS];
    final double[][] aggTarget;

    /** {@code tinCount[c][t]}, {@code aiCount[c][t]}: the corpus term frequencies per city and year. */
    CityEconomy(List<String> cities, long[][] tinCount, long[][] aiCount, long seed) {
        this.cities = cities;
        int n = cities.size();
        tin = new double[n][YEARS];
        ai = new double[n][YEARS];
        for (int c = 0; c < n; c++) {
            for (int t = 0; t < YEARS; t++) {
                tin[c][t] = Math.log1p(tinCount[c][t]);
                ai[c][t] = Math.log1p(aiCount[c][t]);
            }
        }
        for (YearbookIndicator ind : YearbookIndicator.CITY) {
            List<Integer> ys = new ArrayList<>();
            for (int y = ind.id().equals("fai") ? FIRST - 1 : FIRST; y <= LAST; y++) ys.add(y);
            for (int c = 0; c < n; c++) {
                values.planRemovals(ind.id(), cities.get(c), ys, ProvinceEconomy.REMOVAL,
                        Seeds.stream(seed, "sample.yearbooks.removed." + ind.id(), 1000 + c));
            }
        }
        values.contest(CONTESTED, cities, FIRST, LAST, Seeds.stream(seed, "sample.yearbooks.contested", 1));
        double[][] output = new double[n][];
        double[][] noise = new double[n][YEARS];
        for (int c = 0; c < n; c++) {
            String r = cities.get(c);
            SplittableRandom rnd = Seeds.stream(seed, "sample.yearbooks.cities", c);
            double size = 8000 * Math.exp(-0.08 * c + 0.4 * gaussian(rnd));
            double[] y = new double[YEARS];
            double ly = Math.log(size);
            for (int t = 0; t < YEARS; t++) {
                y[t] = Math.exp(ly);
                ly += 0.06 + 0.03 * gaussian(rnd);
            }
            output[c] = values.put("industrial_output", r, FIRST, y);
            for (int t = 0; t < YEARS; t++) noise[c][t] = SIGMA * gaussian(rnd);
            double people = 900 * Math.exp(-0.05 * c + 0.3 * gaussian(rnd));
            double[] pop = new double[YEARS], emp = new double[YEARS], hightech = new double[YEARS], rd = new double[YEARS];
            double[] fai = new double[YEARS + 1];
            double lf = Math.log(0.6 * size);
            for (int s = 0; s <= YEARS; s++) {
                fai[s] = Math.exp(lf);
                lf += 0.08 + 0.06 * gaussian(rnd);
            }
            for (int t = 0; t < YEARS; t++) {
                pop[t] = people * Math.exp(0.003 * t + 0.005 * gaussian(rnd));
                emp[t] = pop[t] * (0.45 + 0.03 * gaussian(rnd));
                hightech[t] = y[t] * Math.min(0.8, Math.max(0.05, 0.3 + 0.012 * t + 0.05 * gaussian(rnd)));
                rd[t] = y[t] * 0.012 * Math.exp(0.04 * t + 0.2 * gaussian(rnd));
            }
            values.put("registered_population", r, FIRST, pop);
            values.put("employees", r, FIRST, emp);
            values.put("fai", r, FIRST - 1, fai);
            values.put("hightech_output", r, FIRST, hightech);
            values.put("rd_exp", r, FIRST, rd);
        }
        aggTarget = new double[n][YEARS];
        double mean = 0;
        for (int c = 0; c < n; c++) {
            for (int t = 0; t < YEARS; t++) {
                aggTarget[c][t] = PHI_TIN * tin[c][t] + PHI_AI * ai[c][t] + noise[c][t];
                mean += aggTarget[c][t] / (n * YEARS);
            }
        }
        intercept = 1 - mean;
        for (int c = 0; c < n; c++) for (int t = 0; t < YEARS; t++) aggTarget[c][t] = Math.max(0.05, aggTarget[c][t] + intercept);
        // national rows: industrial output a multiple of the 28 cities' total, intelligent manufacturing's share rising
        double[] nationalOutput = new double[YEARS], nationalIm = new double[YEARS];
        for (int t = 0; t < YEARS; t++) {
            double total = 0;
            for (int c = 0; c < n; c++) total += output[c][t];
            nationalShare[t] = BASE_SHARE * (1 + 0.03 * t);
            nationalOutput[t] = 9.5 * total;
        }
        nationalOutput = values.put("industrial_output", YearbookValues.NATIONAL, FIRST, nationalOutput);
        for (int t = 0; t < YEARS; t++) nationalIm[t] = nationalShare[t] * nationalOutput[t];
        nationalIm = values.put("intelligent_mfg_output", YearbookValues.NATIONAL, FIRST, nationalIm);
        for (int t = 0; t < YEARS; t++) nationalShare[t] = nationalIm[t] / nationalOutput[t];
        for (int c = 0; c < n; c++) {
            double[] m = new double[YEARS];
            for (int t = 0; t < YEARS; t++) m[t] = nationalShare[t] * aggTarget[c][t] * output[c][t];
            values.put("intelligent_mfg_output", cities.get(c), FIRST, m);
        }
    }
}
