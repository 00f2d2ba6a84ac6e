package org.airesilience.sample;

import org.airesilience.distributed.Seeds;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.airesilience.sample.ProvincePlan.gaussian;

/**
 * The data-generating process of study A's yearbook indicators, 30 provinces x 2006-2020 (the README's sample-data
 * section and {@code truth/yearbooks/README.md} state it as equations). AI is what the generated patents give,
 * ln(1 + AI patents); everything else is drawn here, in this order:
 * <ol>
 *   <li>size (gdp, population) and the controls mark, fin, gov, edu, infra (pergdp follows);</li>
 *   <li>the mediators: sagg = THETA_SAGG * AI + ... (through industrial value added against the national share),
 *       inno = THETA_INNO * AI + ... (through domestic patent applications);</li>
 *   <li>the instruments: post offices in 1984 and internet penetration such that ivHist = post_offices_1984 *
 *       penetration_{t-1} tracks AI; the Bartik ivAI follows from the patents;</li>
 *   <li>the endogeneity channel: u = the residual of AI on (ivAI, ivHist, controls) after two-way demeaning
 *       (2007-2020, the years with ivAI), and the shock eps = SIGMA_EPS * (RHO * u / sd(u) + sqrt(1 - RHO^2) * eta);</li>
 *   <li>latent resilience R = alpha_i + delta_t + BETA * AI + JUMP * AI * 1[AI > gamma] + B_SAGG * sagg + B_INNO *
 *       inno + controls' coefficients + eps;</li>
 *   <li>the 19 components of Table 1: standardised value exp(R - r_top + SIGMA_COMPONENT * e) in the declared
 *       direction, so that ln of the entropy index moves one for one with R; the raw indicators follow by ratios;</li>
 *   <li>precipitation (weak: a small loading on the instrument-predicted AI), the alternative AI proxies, broadband
 *       ports, trade and the sector employment of dagg.</li>
 * </ol>
 */
final class ProvinceEconomy {
    static final int FIRST = ProvincePlan.FIRST_YEAR;
    static final int LAST = ProvincePlan.LAST_YEAR;
    static final int YEARS = LAST - FIRST + 1;
    /** Removal probability of an interior cell (about 3% of all cells once ends and neighbours are spared). */
    static final double REMOVAL = 0.037;

    // True parameters (written to parameters.json).
    static final double BETA = 0.06;
    static final double JUMP = 0.05;
    static final double GAMMA_QUANTILE = 0.6;
    static final double B_SAGG = 0.30;
    static final double B_INNO = 0.002;
    static final double THETA_SAGG = 0.05;
    static final double THETA_INNO = 6.0;
    static final double SIGMA_EPS = 0.06;
    static final double RHO = 0.6;
    static final double SIGMA_COMPONENT = 0.10;
    static final double TREND = 0.01;
    static final Map<String, Double> CONTROLS = new LinkedHashMap<>();
    /** mm of precipitation per unit of instrument-predicted AI: a weak, valid candidate instrument. */
    static final double PRECIPITATION_LOADING = 8.0;
    /** Internet penetration of year t-1 per unit of AI in t. */
    static final double PENETRATION_LOADING = 0.03;

    static {
        CONTROLS.put("mark", 0.5);
        CONTROLS.put("fin", 0.02);
        CONTROLS.put("gov", -0.4);
        CONTROLS.put("edu", 0.1);
        CONTROLS.put("infra", 0.005);
        CONTROLS.put("pergdp", 0.01);
    }

    /** Table 1's 19 components: id, direction (+1 or -1), level L and span S of the raw ratio L + S * x'. */
    record Component(String id, int direction, double level, double span) {
    }

    static final List<Component> COMPONENTS = List.of(
            new Component("r01", -1, 0.08, 0.45), new Component("r02", -1, 0.05, 0.6),
            new Component("r03", 1, 0.15, 0.55), new Component("r04", 1, 0.02, 0.08),
            new Component("r05", -1, 0.05, 0.4), new Component("r06", 1, 1500, 90000),
            new Component("r07", 1, 0.02, 0.35), new Component("r08", -1, 96, 14),
            new Component("r09", 1, 300, 30000), new Component("r10", 1, 0.04, 0.25),
            new Component("r11", 1, 5, 40), new Component("r12", 1, 6, 20),
            new Component("r13", 1, 0.3, 1.5), new Component("r14", 1, 0.05, 0.5),
            new Component("r15", 1, 0.01, 0.3), new Component("r16", -1, 0.5, 3.5),
            new Component("r17", 1, 2000, 500000), new Component("r18", 1, 0.003, 0.02),
            new Component("r19", 1, 100, 150000));

    static final String[] SECTORS = {"mfg_emp_food", "mfg_emp_textile", "mfg_emp_chemical", "mfg_emp_metal",
            "mfg_emp_machinery", "mfg_emp_transport", "mfg_emp_electrical", "mfg_emp_electronics"};

    final List<String> provinces;
    final YearbookValues values = new YearbookValues();
    /** ln(1 + AI patents), [province][year - FIRST]. */
    final double[][] ai;
    final double gamma;
    final double[][] sagg, inno, u, eps, latent, systematic;
    final double[] alpha, delta;
    final Map<String, double[][]> controls = new LinkedHashMap<>();
    final double[][] ivAI, ivHist;
    double rTop;
    int clampedComponents;
    /** Raw ratio (or level) each component should have, [component][province][year - FIRST]. */
    private double[][][] componentTargets;
    /** sd of u and the within-R^2 of the projection that defines it. */
    double sdU, firstStageR2;
    /** The years with ivAI (national AI patents in the year before). */
    boolean[] bartikDefined;

    ProvinceEconomy(List<String> provinces, long[][] aiPatents, long seed) {
        this.provinces = provinces;
        int n = provinces.size();
        ai = new double[n][YEARS];
        for (int p = 0; p < n; p++) for (int t = 0; t < YEARS; t++) ai[p][t] = Math.log1p(aiPatents[p][t]);
        gamma = quantile(ai, GAMMA_QUANTILE);
        sagg = new double[n][YEARS];
        inno = new double[n][YEARS];
        u = new double[n][YEARS];
        eps = new double[n][YEARS];
        latent = new double[n][YEARS];
        systematic = new double[n][YEARS];
        alpha = new double[n];
        delta = new double[YEARS];
        ivAI = new double[n][YEARS];
        ivHist = new double[n][YEARS];
        planCells(seed);
        generate(aiPatents, seed);
    }

    private static List<Integer> years(int first, int last) {
        List<Integer> y = new ArrayList<>();
        for (int t = first; t <= last; t++) y.add(t);
        return y;
    }

    private void planCells(long seed) {
        for (YearbookIndicator ind : YearbookIndicator.PROVINCE) {
            if (ind.id().equals("post_offices")) continue;
            List<Integer> ys = years(ind.id().equals("internet_penetration") ? FIRST - 1 : FIRST, LAST);
            for (int p = 0; p < provinces.size(); p++) {
                SplittableRandom rnd = Seeds.stream(seed, "sample.yearbooks.removed." + ind.id(), p);
                values.planRemovals(ind.id(), provinces.get(p), ys, REMOVAL, rnd);
            }
        }
        values.contest(CONTESTED, provinces, FIRST, LAST, Seeds.stream(seed, "sample.yearbooks.contested", 0));
    }

    /** Cells a supplementary source repeats wrongly: indicator and quarantine reason. */
    static final List<String[]> CONTESTED = List.of(new String[]{"loans", "NON_NUMERIC"},
            new String[]{"mfg_fai", "NON_NUMERIC"}, new String[]{"population", "OUT_OF_RANGE"},
            new String[]{"internet_penetration", "OUT_OF_RANGE"}, new String[]{"gdp", "CONFLICTING_DUPLICATE"},
            new String[]{"retail_sales", "CONFLICTING_DUPLICATE"}, new String[]{"retail_sales", "UNIT_MISMATCH"},
            new String[]{"deposits", "UNIT_MISMATCH"}, new String[]{"population", "UNIT_MISMATCH"});

    private SplittableRandom stream(long seed, String part, int p) {
        return Seeds.stream(seed, "sample.yearbooks.provinces." + part, p);
    }

    private void generate(long[][] aiPatents, long seed) {
        int n = provinces.size();
        double[][] gdp = new double[n][], pop = new double[n][];
        // 1. size and controls
        for (int p = 0; p < n; p++) {
            String r = provinces.get(p);
            SplittableRandom rnd = stream(seed, "size", p);
            double g0 = 25000 * Math.exp(-0.11 * p + 0.3 * gaussian(rnd));
            double p0 = 9000 * Math.exp(-0.07 * p + 0.4 * gaussian(rnd));
            double[] g = new double[YEARS], q = new double[YEARS];
            double lg = Math.log(g0), lq = Math.log(p0);
            for (int t = 0; t < YEARS; t++) {
                g[t] = Math.exp(lg);
                q[t] = Math.exp(lq);
                lg += 0.12 - 0.004 * t + 0.02 * gaussian(rnd);
                lq += 0.005 + 0.003 * gaussian(rnd);
            }
            gdp[p] = values.put("gdp", r, FIRST, g);
            pop[p] = values.put("population", r, FIRST, q);
            double zm = gaussian(rnd), zf = gaussian(rnd), zg = gaussian(rnd), ze = gaussian(rnd), zi = gaussian(rnd);
            double[] retail = new double[YEARS], loans = new double[YEARS], deposits = new double[YEARS],
                    budget = new double[YEARS], students = new double[YEARS], road = new double[YEARS];
            for (int t = 0; t < YEARS; t++) {
                double mark = 0.35 + 0.04 * zm + 0.003 * t + 0.01 * gaussian(rnd);
                double fin = Math.max(1.2, 2.5 + 0.6 * zf + 0.06 * t + 0.1 * gaussian(rnd));
                double loanShare = 0.42 + 0.02 * gaussian(rnd);
                double gov = Math.max(0.06, 0.2 + 0.05 * zg + 0.002 * t + 0.01 * gaussian(rnd));
                retail[t] = mark * gdp[p][t];
                loans[t] = fin * loanShare * gdp[p][t];
                deposits[t] = fin * (1 - loanShare) * gdp[p][t];
                budget[t] = gov * gdp[p][t];
                students[t] = 1500 * Math.exp(0.3 * ze + 0.04 * t + 0.03 * gaussian(rnd));
                road[t] = Math.max(4, 12 + 2.5 * zi + 0.3 * t + 0.4 * gaussian(rnd));
            }
            retail = values.put("retail_sales", r, FIRST, retail);
            loans = values.put("loans", r, FIRST, loans);
            deposits = values.put("deposits", r, FIRST, deposits);
            budget = values.put("budget_expenditure", r, FIRST, budget);
            students = values.put("students_per_100k", r, FIRST, students);
            road = values.put("road_area_per_capita", r, FIRST, road);
            for (int t = 0; t < YEARS; t++) {
                control("mark", p, t, retail[t] / gdp[p][t]);
                control("fin", p, t, (loans[t] + deposits[t]) / gdp[p][t]);
                control("gov", p, t, budget[t] / gdp[p][t]);
                control("edu", p, t, Math.log(students[t]));
                control("infra", p, t, road[t]);
                control("pergdp", p, t, gdp[p][t] / pop[p][t]);
            }
        }
        // 2. mediators: sagg against the national industrial share, inno per 100,000 people
        double meanAi = Arrays.stream(ai).flatMapToDouble(Arrays::stream).average().orElse(0);
        double[] nationalShare = new double[YEARS];
        for (int t = 0; t < YEARS; t++) nationalShare[t] = 0.42 - 0.008 * t;
        double[][] iva = new double[n][];
        for (int p = 0; p < n; p++) {
            String r = provinces.get(p);
            SplittableRandom rnd = stream(seed, "mediators", p);
            double zs = gaussian(rnd), zn = gaussian(rnd);
            double[] v = new double[YEARS], apps = new double[YEARS];
            for (int t = 0; t < YEARS; t++) {
                double s = Math.min(2.0, Math.max(0.3, 0.95 + 0.15 * zs + THETA_SAGG * (ai[p][t] - meanAi) + 0.03 * gaussian(rnd)));
                v[t] = s * nationalShare[t] * gdp[p][t];
                double target = Math.max(1, 30 + 12 * zn + 2 * t + THETA_INNO * ai[p][t] + 3 * gaussian(rnd));
                apps[t] = Math.round(target * pop[p][t] / 10);
            }
            iva[p] = values.put("industrial_va", r, FIRST, v);
            apps = values.put("domestic_patent_applications", r, FIRST, apps);
            for (int t = 0; t < YEARS; t++) inno[p][t] = apps[t] / pop[p][t] * 10;
        }
        double[] gdpN = new double[YEARS], ivaN = new double[YEARS];
        for (int t = 0; t < YEARS; t++) {
            double sum = 0;
            for (int p = 0; p < n; p++) sum += gdp[p][t];
            gdpN[t] = 0.94 * sum; // provincial accounts add up to more than the national one
            ivaN[t] = nationalShare[t] * gdpN[t];
        }
        gdpN = values.put("gdp", YearbookValues.NATIONAL, FIRST, gdpN);
        ivaN = values.put("industrial_va", YearbookValues.NATIONAL, FIRST, ivaN);
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < YEARS; t++) sagg[p][t] = (iva[p][t] / gdp[p][t]) / (ivaN[t] / gdpN[t]);
        }
        // 3. instruments
        long[] national = new long[YEARS];
        for (long[] row : aiPatents) for (int t = 0; t < YEARS; t++) national[t] += row[t];
        // g_t = N_t / N_{t-1} - 1 needs AI patents in the year before: at a small scale the early years may have none,
        // and then ivAI is missing there, as in 2006 (and as the panel's bartik() leaves it)
        bartikDefined = new boolean[YEARS];
        for (int t = 1; t < YEARS; t++) bartikDefined[t] = national[t - 1] > 0;
        // post offices of 1984 first: penetration's movements scale with mean(posts) / posts_i, so that the product
        // ivHist = posts_i * penetration_{t-1} = posts_i * base_i + mean(posts) * (0.028 (t - 2006) + loading * AI_t + noise)
        double[] posts = new double[n];
        for (int p = 0; p < n; p++) {
            SplittableRandom rnd = stream(seed, "instruments", p);
            posts[p] = values.put("post_offices", provinces.get(p), 1984, Math.round(900 + 900 * rnd.nextDouble()))[0];
        }
        double meanPosts = Arrays.stream(posts).average().orElse(1);
        for (int p = 0; p < n; p++) {
            String r = provinces.get(p);
            SplittableRandom rnd = stream(seed, "penetration", p);
            double base = 0.03 + 0.01 * gaussian(rnd), scaleP = meanPosts / posts[p];
            double[] pen = new double[YEARS + 1]; // 2005-2020
            for (int s = 0; s <= YEARS; s++) {
                double next = s < YEARS ? ai[p][s] : ai[p][YEARS - 1];
                pen[s] = Math.min(0.98, Math.max(0.005,
                        base + scaleP * (0.028 * s + PENETRATION_LOADING * next + 0.005 * gaussian(rnd))));
            }
            pen = values.put("internet_penetration", r, FIRST - 1, pen);
            for (int t = 0; t < YEARS; t++) {
                ivHist[p][t] = posts[p] * pen[t];
                ivAI[p][t] = !bartikDefined[t] ? Double.NaN : ai[p][t - 1] * (1 + (national[t] - national[t - 1]) / (double) national[t - 1]);
            }
        }
        // 4. endogeneity: u = AI minus its projection on the instruments and controls, two-way demeaned over the years
        // with ivAI (2007-2020 at any usual scale); in the other years u = 0
        int years = 0;
        int[] rowOfYear = new int[YEARS];
        for (int t = 0; t < YEARS; t++) rowOfYear[t] = bartikDefined[t] ? years++ : -1;
        double[] y = new double[n * years];
        double[][] aiW = demean(ai, bartikDefined);
        List<double[][]> regressors = new ArrayList<>(List.of(demean(ivAI, bartikDefined), demean(ivHist, bartikDefined)));
        for (String c : CONTROLS.keySet()) regressors.add(demean(controls.get(c), bartikDefined));
        // a regressor without variation (ivAI when the lagged AI is all 0) has nothing to project on: left out
        regressors.removeIf(r -> Arrays.stream(r).flatMapToDouble(Arrays::stream).allMatch(v -> v == 0));
        double[][] x = new double[n * years][regressors.size()];
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < YEARS; t++) {
                if (!bartikDefined[t]) continue;
                int row = p * years + rowOfYear[t];
                y[row] = aiW[p][t];
                for (int k = 0; k < regressors.size(); k++) x[row][k] = regressors.get(k)[p][t];
            }
        }
        double[] resid = y;
        if (!regressors.isEmpty() && y.length > regressors.size()) {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.setNoIntercept(true);
            ols.newSampleData(y, x);
            resid = ols.estimateResiduals();
        }
        double ss = 0, tot = 0;
        for (int i = 0; i < resid.length; i++) {
            ss += resid[i] * resid[i];
            tot += y[i] * y[i];
        }
        sdU = resid.length == 0 ? 0 : Math.sqrt(ss / resid.length);
        // undefined (NaN) when AI has no within variation to explain
        firstStageR2 = 1 - ss / tot;
        double[][] predicted = new double[n][YEARS];
        for (int p = 0; p < n; p++) {
            SplittableRandom rnd = stream(seed, "shock", p);
            for (int t = 0; t < YEARS; t++) {
                int row = bartikDefined[t] ? p * years + rowOfYear[t] : -1;
                u[p][t] = row < 0 ? 0 : resid[row];
                predicted[p][t] = row < 0 ? 0 : y[row] - u[p][t];
                double eta = gaussian(rnd);
                // without an endogenous part (u = 0 throughout when sd(u) = 0) the shock is eta alone
                eps[p][t] = row < 0 || sdU == 0 ? SIGMA_EPS * eta
                        : SIGMA_EPS * (RHO * u[p][t] / sdU + Math.sqrt(1 - RHO * RHO) * eta);
            }
        }
        // 5. latent resilience
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < YEARS; t++) {
                double s = BETA * ai[p][t] + (ai[p][t] > gamma ? JUMP * ai[p][t] : 0) + B_SAGG * sagg[p][t] + B_INNO * inno[p][t];
                for (Map.Entry<String, Double> c : CONTROLS.entrySet()) s += c.getValue() * controls.get(c.getKey())[p][t];
                systematic[p][t] = s;
            }
        }
        double[] provinceMeanAi = new double[n];
        for (int p = 0; p < n; p++) provinceMeanAi[p] = Arrays.stream(ai[p]).average().orElse(0);
        double mAi = Arrays.stream(provinceMeanAi).average().orElse(0);
        double sAi = Math.sqrt(Arrays.stream(provinceMeanAi).map(v -> (v - mAi) * (v - mAi)).sum() / n);
        double[] rowMean = rowMeans(systematic), colMean = colMeans(systematic);
        double grand = Arrays.stream(rowMean).average().orElse(0);
        for (int t = 0; t < YEARS; t++) delta[t] = TREND * (t - (YEARS - 1) / 2.0) - colMean[t] + grand;
        for (int p = 0; p < n; p++) {
            SplittableRandom rnd = stream(seed, "level", p);
            double mu = -1.9 + 0.4 * (sAi > 0 ? (provinceMeanAi[p] - mAi) / sAi : 0) + 0.25 * gaussian(rnd);
            alpha[p] = mu - rowMean[p];
            for (int t = 0; t < YEARS; t++) latent[p][t] = alpha[p] + delta[t] + systematic[p][t] + eps[p][t];
        }
        components(seed);
        rest(gdp, pop, iva, predicted, seed);
    }

    /**
     * The pseudo-true AI coefficients of the studies' linear two-way models (Table 3 model 4; Table 4 models 1-3):
     * each estimator applied to E[IR | AI, controls, instruments] = alpha_i + delta_t + systematic part + RHO SIGMA_EPS
     * u / sd(u) (+ a constant), split into the structural part and the endogeneity part.
     */
    Map<String, Object> estimands() {
        int n = provinces.size();
        double[][] endogenous = new double[n][YEARS], lagAi = new double[n][YEARS];
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < YEARS; t++) {
                endogenous[p][t] = sdU == 0 ? 0 : RHO * SIGMA_EPS * u[p][t] / sdU;
                lagAi[p][t] = t == 0 ? Double.NaN : ai[p][t - 1];
            }
        }
        boolean[] all = new boolean[YEARS], lagged = new boolean[YEARS];
        Arrays.fill(all, true);
        Arrays.fill(lagged, 1, YEARS, true);
        List<double[][]> c = new ArrayList<>(controls.values());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("what", "the estimator applied to E[IR | AI, controls, instruments]: structural = on the systematic part "
                + "(threshold and mediators included), endogeneity = on rho * sigma_eps * u / sd_u; estimand = their sum");
        WithinEstimands fe = new WithinEstimands(c, all);
        out.put("two_way_fe", estimand(fe.ols(systematic, ai), fe.ols(endogenous, ai),
                "IR ~ AI + controls | region_code + year (Table 3 model 4), 2006-2020"));
        WithinEstimands bartik = new WithinEstimands(c, bartikDefined);
        out.put("iv_ivAI", estimand(bartik.iv(systematic, ai, ivAI), bartik.iv(endogenous, ai, ivAI),
                "2SLS, AI ~ ivAI (Table 4 model 1), years with ivAI"));
        out.put("iv_ivHist", estimand(fe.iv(systematic, ai, ivHist), fe.iv(endogenous, ai, ivHist),
                "2SLS, AI ~ ivHist (Table 4 model 2), 2006-2020"));
        WithinEstimands lag = new WithinEstimands(c, lagged);
        out.put("iv_lag_AI", estimand(lag.iv(systematic, ai, lagAi), lag.iv(endogenous, ai, lagAi),
                "2SLS, AI ~ l(AI, 1) (Table 4 model 3), 2007-2020"));
        return out;
    }

    private static Map<String, Object> estimand(double structural, double endogeneity, String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("structural", structural);
        m.put("endogeneity", endogeneity);
        m.put("estimand", structural + endogeneity);
        return m;
    }

    private void control(String name, int p, int t, double v) {
        controls.computeIfAbsent(name, k -> new double[provinces.size()][YEARS])[p][t] = v;
    }

    /**
     * Standardised components x' = exp(R - R_top + SIGMA_COMPONENT * e), below 1, then the raw indicators whose
     * ratios give L + S * x' (direction +) or L + S * (1 - x') (direction -). In each column one low-R province-year
     * is set to x' = 0 and one high-R province-year to x' = 1 (see {@link #anchor}), so that the column's min and max
     * are L and L + S and the entropy standardisation gives x' back: the index is then exp(R - R_top) times a noise
     * factor near 1. Anchors sit where no input is a midpoint cell, whose ratios are not the intended ones.
     */
    private void components(long seed) {
        int n = provinces.size();
        double rMax = Double.NEGATIVE_INFINITY;
        for (double[] row : latent) for (double v : row) rMax = Math.max(rMax, v);
        // the highest R sits 2.5 noise sd below 1, so that the anchor at x' = 1 moves the index little
        rTop = rMax + 2.5 * SIGMA_COMPONENT;
        // anchors go to province-years without a midpoint cell (removed or contested) in any indicator
        Integer[] order = java.util.stream.IntStream.range(0, n * YEARS)
                .filter(i -> !values.hasMidpoint(provinces.get(i / YEARS), FIRST + i % YEARS)).boxed()
                .sorted((a, b) -> Double.compare(latent[a / YEARS][a % YEARS], latent[b / YEARS][b % YEARS]))
                .toArray(Integer[]::new);
        double[][][] target = new double[COMPONENTS.size()][n][YEARS];
        for (int j = 0; j < COMPONENTS.size(); j++) {
            Component c = COMPONENTS.get(j);
            SplittableRandom rnd = stream(seed, "component." + c.id(), 0);
            for (int p = 0; p < n; p++) {
                for (int t = 0; t < YEARS; t++) {
                    double x = Math.exp(latent[p][t] - rTop + SIGMA_COMPONENT * gaussian(rnd));
                    if (x > 0.999) {
                        x = 0.999;
                        clampedComponents++;
                    }
                    target[j][p][t] = x;
                }
            }
        }
        anchor(target, order);
        for (int j = 0; j < COMPONENTS.size(); j++) {
            Component c = COMPONENTS.get(j);
            for (int p = 0; p < n; p++) {
                for (int t = 0; t < YEARS; t++) {
                    double x = target[j][p][t];
                    target[j][p][t] = c.level() + c.span() * (c.direction() > 0 ? x : 1 - x);
                }
            }
        }
        componentTargets = target;
    }

    /**
     * An anchor moves its cell's index: x'_j = 0 at a low-R cell (from about exp(R - r_top)) lowers the index by w_j
     * x'_j, and x'_j = 1 at a high-R cell raises it. Low anchors sit at low AI and high anchors at high AI, so
     * uncompensated they would tilt IR against AI (about +0.016 on AI's coefficient in the two-way model at the
     * bundled scale). Each anchor cell's other components are scaled by one factor so that its index sum_k w_k (x'_k
     * + shift) keeps its anchor-free value, with the entropy weights of the anchored columns; the weights move with
     * the scaling only in the second order, so two rounds leave the index within about 1e-6 of exp(R - r_top) times
     * its noise factor.
     */
    private static void anchor(double[][][] target, Integer[] order) {
        int m = target.length;
        double[][] natural = new double[2 * m][m];
        int[] cell = new int[2 * m];
        for (int j = 0; j < m; j++) {
            cell[j] = order[j];
            cell[m + j] = order[order.length - 1 - j];
        }
        for (int a = 0; a < 2 * m; a++) {
            for (int k = 0; k < m; k++) natural[a][k] = target[k][cell[a] / YEARS][cell[a] % YEARS];
        }
        for (int a = 0; a < 2 * m; a++) target[a % m][cell[a] / YEARS][cell[a] % YEARS] = a < m ? 0 : 1;
        for (int round = 0; round < 2; round++) {
            double[][][] std = new double[m][][];
            for (int k = 0; k < m; k++) {
                std[k] = new double[target[k].length][YEARS];
                for (int p = 0; p < target[k].length; p++) for (int t = 0; t < YEARS; t++) std[k][p][t] = target[k][p][t] + ExpectedPanels.SHIFT;
            }
            double[] d = ExpectedPanels.entropy(std)[1];
            double dSum = Arrays.stream(d).sum();
            for (int a = 0; a < 2 * m; a++) {
                int j = a % m, p = cell[a] / YEARS, t = cell[a] % YEARS;
                double wanted = 0, anchor = d[j] / dSum * target[j][p][t], others = 0;
                for (int k = 0; k < m; k++) {
                    wanted += d[k] / dSum * natural[a][k];
                    if (k != j) others += d[k] / dSum * natural[a][k];
                }
                double f = (wanted - anchor) / others;
                for (int k = 0; k < m; k++) if (k != j) target[k][p][t] = Math.min(0.999, natural[a][k] * f);
            }
        }
    }

    private double[] c(int j, int p) {
        return componentTargets[j - 1][p];
    }

    /** The raw indicators behind the components, the weak instrument, proxies, groups' variables and sectors. */
    private void rest(double[][] gdp, double[][] pop, double[][] iva, double[][] predicted, long seed) {
        for (int q = 0; q < provinces.size(); q++) {
            int p = q;
            String r = provinces.get(p);
            SplittableRandom rnd = stream(seed, "indicators", p);
            double[] mfgEmp = put("mfg_employment", r, t -> iva[p][t] / c(11, p)[t]);
            put("total_employment", r, t -> mfgEmp[t] / c(10, p)[t]);
            put("energy_consumption", r, t -> c(16, p)[t] * iva[p][t]);
            double zr = gaussian(rnd), za = gaussian(rnd);
            double[] indRevenue = put("ind_revenue", r, t -> gdp[p][t] * 1.2 * Math.exp(0.2 * zr));
            double[] mfgRevenue = put("mfg_revenue", r, t -> 0.88 * indRevenue[t]);
            double[] indAssets = put("ind_assets", r, t -> gdp[p][t] * 1.1 * Math.exp(0.2 * za));
            put("foreign_ind_assets", r, t -> c(1, p)[t] * indAssets[t]);
            put("soe_ind_assets", r, t -> c(3, p)[t] * indAssets[t]);
            put("mfg_operating_profit", r, t -> c(4, p)[t] * mfgRevenue[t]);
            double[] margin = draws(rnd, () -> 0.045 + 0.01 * rnd.nextDouble());
            double[] profit = put("mfg_profit", r, t -> margin[t] * mfgRevenue[t]);
            put("mfg_loss", r, t -> c(5, p)[t] * profit[t]);
            put("mfg_assets", r, t -> c(6, p)[t]);
            put("hightech_revenue", r, t -> c(7, p)[t] * mfgRevenue[t]);
            put("ppi", r, t -> c(8, p)[t]);
            put("mfg_fai", r, t -> c(9, p)[t]);
            double[] devShare = draws(rnd, () -> 0.01 * Math.exp(0.2 * gaussian(rnd)));
            double[] devExp = put("new_product_dev_exp", r, t -> devShare[t] * mfgRevenue[t]);
            double[] sales = put("new_product_sales", r, t -> c(12, p)[t] * devExp[t]);
            put("hightech_new_product_sales", r, t -> c(14, p)[t] * sales[t]);
            double[] urban = put("mfg_urban_employment", r, t -> 0.6 * mfgEmp[t]);
            put("producer_services_employment", r, t -> c(13, p)[t] * urban[t]);
            put("electronics_revenue", r, t -> c(15, p)[t] * mfgRevenue[t]);
            double[] rd = put("ind_rd_exp", r, t -> c(18, p)[t] * mfgRevenue[t]);
            // one import share per province (YEARS draws kept for the stream): a share redrawn every year made a
            // removed cell of tech_import_exp, set to its neighbours' midpoint, move r02 by up to a fifth of its span
            double importShare = draws(rnd, () -> 0.3 + 0.4 * rnd.nextDouble())[0];
            double[] imported = put("tech_import_exp", r, t -> c(2, p)[t] * rd[t] * importShare);
            put("tech_purchase_domestic_exp", r, t -> c(2, p)[t] * rd[t] * (1 - importShare));
            // imitation intensity about 0.2%-1% of revenue: digestion and renovation make up the rest
            double[] imitation = draws(rnd, () -> 0.006 * Math.exp(0.3 * gaussian(rnd)));
            double[] other = new double[YEARS];
            for (int t = 0; t < YEARS; t++) other[t] = Math.max(0.1 * imported[t], imitation[t] * indRevenue[t] - imported[t]);
            put("tech_digestion_exp", r, t -> 0.1 * other[t]);
            put("tech_renovation_exp", r, t -> 0.9 * other[t]);
            put("rd_personnel_fte", r, t -> Math.round(c(17, p)[t]));
            put("invention_patents", r, t -> Math.round(c(19, p)[t]));
            double base = 500 + 1500 * rnd.nextDouble();
            double[] yearShock = new double[YEARS];
            SplittableRandom common = stream(seed, "rain-years", 0);
            for (int t = 0; t < YEARS; t++) yearShock[t] = 60 * gaussian(common);
            put("precipitation", r, t -> Math.max(50, base + yearShock[t] + PRECIPITATION_LOADING * predicted[p][t]
                    + 80 * gaussian(rnd)));
            double zRobot = gaussian(rnd);
            put("robot_density", r, t -> Math.exp(-1 + 0.45 * ai[p][t] + 0.3 * zRobot + 0.1 * gaussian(rnd)));
            put("ict_fai", r, t -> gdp[p][t] * Math.max(0.001, 0.006 + 0.001 * ai[p][t] + 0.0005 * gaussian(rnd)));
            double zb = gaussian(rnd);
            put("broadband_ports", r, t -> pop[p][t] * (0.03 + 0.025 * t) * Math.exp(0.25 * zb + 0.03 * gaussian(rnd)));
            double zo = gaussian(rnd);
            put("trade", r, t -> gdp[p][t] * Math.exp(Math.log(0.3) + 0.7 * zo - 0.02 * t + 0.05 * gaussian(rnd)));
            double[] weight = new double[SECTORS.length];
            for (int k = 0; k < SECTORS.length; k++) weight[k] = 0.5 * gaussian(rnd);
            double[][] shares = new double[YEARS][SECTORS.length];
            for (int t = 0; t < YEARS; t++) {
                double sum = 0;
                for (int k = 0; k < SECTORS.length; k++) sum += shares[t][k] = Math.exp(weight[k] + 0.1 * gaussian(rnd));
                for (int k = 0; k < SECTORS.length; k++) shares[t][k] /= sum;
            }
            for (int k = 0; k < SECTORS.length; k++) {
                int sector = k;
                put(SECTORS[k], r, t -> 0.85 * mfgEmp[t] * shares[t][sector]);
            }
        }
    }

    private double[] put(String indicator, String region, java.util.function.IntToDoubleFunction f) {
        double[] v = new double[YEARS];
        for (int t = 0; t < YEARS; t++) v[t] = f.applyAsDouble(t);
        return values.put(indicator, region, FIRST, v);
    }

    private static double[] draws(SplittableRandom rnd, java.util.function.DoubleSupplier s) {
        double[] v = new double[YEARS];
        for (int t = 0; t < YEARS; t++) v[t] = s.getAsDouble();
        return v;
    }

    /** Two-way demeaning of a balanced panel over the years {@code t} with {@code in[t]}; 0 in the other years. */
    static double[][] demean(double[][] x, boolean[] in) {
        int n = x.length, m = 0;
        for (boolean b : in) if (b) m++;
        double[][] out = new double[n][x[0].length];
        double[] row = new double[n], col = new double[x[0].length];
        double grand = 0;
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < x[0].length; t++) {
                if (!in[t]) continue;
                row[p] += x[p][t] / m;
                col[t] += x[p][t] / n;
                grand += x[p][t] / (n * m);
            }
        }
        for (int p = 0; p < n; p++) for (int t = 0; t < x[0].length; t++) if (in[t]) out[p][t] = x[p][t] - row[p] - col[t] + grand;
        return out;
    }

    private static double[] rowMeans(double[][] x) {
        double[] m = new double[x.length];
        for (int p = 0; p < x.length; p++) m[p] = Arrays.stream(x[p]).average().orElse(0);
        return m;
    }

    private static double[] colMeans(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) for (int t = 0; t < row.length; t++) m[t] += row[t] / x.length;
        return m;
    }

    static double quantile(double[][] x, double q) {
        double[] all = Arrays.stream(x).flatMapToDouble(Arrays::stream).sorted().toArray();
        return all[(int) Math.floor(q * (all.length - 1))];
    }
}
