package org.airesilience.sample;

import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The yearbook part of the sample: raw tables under {@code <lake>/raw/yearbooks/} for study A's 30 provinces and
 * study B's 28 middle-Yangtze cities, and their truth under {@code <lake>/truth/yearbooks/}: the intended value of
 * every constructed variable, the true parameters of the data-generating process, every removed and every broken
 * cell. Depends only on the seed and on the AI patents and corpus the rest of the sample generated.
 */
final class YearbookSample {
    /** Counts of what was written, for the command's summary. */
    record Summary(int cells, int removed, int broken, Map<String, Integer> byReason) {
    }

    private final Gazetteer gazetteer;

    YearbookSample(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The 28 cities of study B, as gazetteer codes in {@link CityCorpus#CITIES} order. */
    List<String> cityCodes() {
        List<String> cities = new ArrayList<>();
        for (String name : CityCorpus.CITIES) {
            cities.add(gazetteer.cities().stream().filter(c -> c.name().equals(name)).map(Region::code).findFirst()
                    .orElseThrow(() -> new IllegalStateException("city not in the gazetteer: " + name)));
        }
        return cities;
    }

    /** Writes the tables and truth for the AI patents and corpus that the rest of the sample generated. */
    Summary write(Path raw, Path truthDir, long seed, GroundTruth truth) throws IOException {
        List<String> provinces = ProvincePlan.PROVINCES;
        long[][] aiPatents = new long[provinces.size()][ProvinceEconomy.YEARS];
        for (int p = 0; p < provinces.size(); p++) {
            for (int t = 0; t < ProvinceEconomy.YEARS; t++) aiPatents[p][t] = truth.aiPatents(provinces.get(p), ProvinceEconomy.FIRST + t);
        }
        List<String> cities = cityCodes();
        long[][] tin = new long[cities.size()][CityEconomy.YEARS], aiText = new long[cities.size()][CityEconomy.YEARS];
        for (int c = 0; c < cities.size(); c++) {
            for (int t = 0; t < CityEconomy.YEARS; t++) {
                tin[c][t] = truth.corpusFrequency(cities.get(c), CityEconomy.FIRST + t, "tin");
                aiText[c][t] = truth.corpusFrequency(cities.get(c), CityEconomy.FIRST + t, "ai");
            }
        }
        return write(raw, truthDir, seed, aiPatents, tin, aiText);
    }

    /**
     * Writes the tables and truth given AI patents per province ({@link ProvincePlan#PROVINCES} x 2006-2020) and the
     * corpus frequencies of tin and ai terms per city ({@link #cityCodes()} x 2014-2023).
     */
    Summary write(Path raw, Path truthDir, long seed, long[][] aiPatents, long[][] tin, long[][] aiText) throws IOException {
        List<String> provinces = ProvincePlan.PROVINCES;
        List<String> cities = cityCodes();
        ProvinceEconomy a = new ProvinceEconomy(provinces, aiPatents, seed);
        CityEconomy b = new CityEconomy(cities, tin, aiText, seed);

        Map<String, Region> regions = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String code : provinces) regions.put(code, gazetteer.byCode(code).orElseThrow());
        for (String code : cities) {
            regions.put(code, gazetteer.cities().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow());
        }
        regions.forEach((code, r) -> names.put(code, r.name()));
        for (String unknown : List.of(YearbookTables.UNKNOWN_PROVINCES[0], YearbookTables.UNKNOWN_PROVINCES[1],
                YearbookTables.UNKNOWN_CITIES[0])) {
            for (Region r : gazetteer.all()) {
                if (r.code().equals(unknown) || r.name().equals(unknown) || r.shortName().equals(unknown) || r.aliases().contains(unknown)) {
                    throw new IllegalStateException("the gazetteer knows the region meant to be unknown: " + unknown);
                }
            }
        }
        YearbookTables tables = new YearbookTables(raw, regions, seed);
        tables.provinces(a.values, provinces);
        tables.cities(b.values, cities);

        Files.createDirectories(truthDir);
        ExpectedPanels expected = new ExpectedPanels();
        Files.writeString(truthDir.resolve("expected_panel_provinces.csv"), expected.provinces(a.values, provinces, aiPatents, names).csv());
        Files.writeString(truthDir.resolve("expected_weights_IR.csv"), expected.weightsCsv());
        Files.writeString(truthDir.resolve("expected_panel_yangtze_cities.csv"), expected.cities(b.values, cities, b.tin, b.ai, names).csv());
        Files.writeString(truthDir.resolve("removed_cells.csv"), tables.removedCsv());
        Files.writeString(truthDir.resolve("quarantine_expected.csv"), tables.quarantineCsv());
        Files.writeString(truthDir.resolve("imputed_expected.csv"), tables.imputedCsv());
        Files.writeString(truthDir.resolve("latent_provinces.csv"), latent(a));
        Files.writeString(truthDir.resolve("parameters.json"), Json.write(parameters(a, b, tables)));
        Files.writeString(truthDir.resolve("README.md"), README);
        return new Summary(tables.cells(), tables.removedCells(), tables.brokenCells(), tables.brokenByReason());
    }

    private static String latent(ProvinceEconomy a) {
        StringBuilder s = new StringBuilder("region_code,year,AI,above_threshold,sagg,inno,u,eps,R,alpha,delta\n");
        for (int p = 0; p < a.provinces.size(); p++) {
            for (int t = 0; t < ProvinceEconomy.YEARS; t++) {
                s.append(a.provinces.get(p)).append(',').append(ProvinceEconomy.FIRST + t);
                for (Object v : new Object[]{a.ai[p][t], a.ai[p][t] > a.gamma ? 1L : 0L, a.sagg[p][t], a.inno[p][t],
                        a.u[p][t], a.eps[p][t], a.latent[p][t], a.alpha[p], a.delta[t]}) {
                    s.append(',').append(ExpectedPanels.cell(v));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static Map<String, Object> parameters(ProvinceEconomy a, CityEconomy b, YearbookTables tables) {
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("panel", "provinces: 30 provinces x 2006-2020");
        prov.put("model", "R_it = alpha_i + delta_t + beta * AI_it + jump * AI_it * 1[AI_it > gamma] + b_sagg * sagg_it"
                + " + b_inno * inno_it + sum_k c_k * control_k,it + eps_it;  IR_it = R_it - r_top + ln(sum_j w_j exp(sigma_component * e_ijt)) + O(shift)");
        prov.put("beta", ProvinceEconomy.BETA);
        Map<String, Object> threshold = new LinkedHashMap<>();
        threshold.put("variable", "AI");
        threshold.put("gamma", a.gamma);
        threshold.put("gamma_quantile", ProvinceEconomy.GAMMA_QUANTILE);
        threshold.put("regimes", "AI <= gamma and AI > gamma");
        threshold.put("jump", ProvinceEconomy.JUMP);
        threshold.put("direct_slope_below", ProvinceEconomy.BETA);
        threshold.put("direct_slope_above", ProvinceEconomy.BETA + ProvinceEconomy.JUMP);
        prov.put("threshold", threshold);
        Map<String, Object> med = new LinkedHashMap<>();
        med.put("theta_sagg", ProvinceEconomy.THETA_SAGG);
        med.put("theta_inno", ProvinceEconomy.THETA_INNO);
        med.put("b_sagg", ProvinceEconomy.B_SAGG);
        med.put("b_inno", ProvinceEconomy.B_INNO);
        double viaSagg = ProvinceEconomy.THETA_SAGG * ProvinceEconomy.B_SAGG, viaInno = ProvinceEconomy.THETA_INNO * ProvinceEconomy.B_INNO;
        med.put("indirect_sagg", viaSagg);
        med.put("indirect_inno", viaInno);
        med.put("total_below", ProvinceEconomy.BETA + viaSagg + viaInno);
        med.put("total_above", ProvinceEconomy.BETA + ProvinceEconomy.JUMP + viaSagg + viaInno);
        prov.put("mediation", med);
        prov.put("controls", ProvinceEconomy.CONTROLS);
        Map<String, Object> endo = new LinkedHashMap<>();
        endo.put("channel", "u = residual of AI on (ivAI, ivHist, mark, fin, gov, edu, infra, pergdp) after two-way demeaning,"
                + " 2007-2020; eps = sigma_eps * (rho * u / sd_u + sqrt(1 - rho^2) * eta), eta iid N(0,1); in 2006 (no ivAI)"
                + " u = 0 and eps = sigma_eps * eta");
        endo.put("rho", ProvinceEconomy.RHO);
        endo.put("sigma_eps", ProvinceEconomy.SIGMA_EPS);
        endo.put("sd_u", a.sdU);
        endo.put("projection_within_r2", a.firstStageR2);
        prov.put("endogeneity", endo);
        Map<String, Object> iv = new LinkedHashMap<>();
        iv.put("ivAI", "lag(AI, 1) * (1 + g_t), g_t the growth of the 30 provinces' summed AI patents: orthogonal to eps by construction");
        iv.put("ivHist", "post_offices(1984) * lag(internet_penetration, 1); internet_penetration_{t-1} = base_i + (mean(post_offices)"
                + " / post_offices_i) * (0.028 * (t - 2006) + penetration_loading * AI_t + 0.005 * noise), within [0.005, 0.98]:"
                + " orthogonal to eps by construction");
        iv.put("penetration_loading", ProvinceEconomy.PENETRATION_LOADING);
        iv.put("ivWeak", "precipitation = base_i + year shock + loading * predicted AI + 80 * noise (mm): valid, weak");
        iv.put("precipitation_loading", ProvinceEconomy.PRECIPITATION_LOADING);
        prov.put("instruments", iv);
        Map<String, Object> comp = new LinkedHashMap<>();
        comp.put("sigma_component", ProvinceEconomy.SIGMA_COMPONENT);
        comp.put("r_top", a.rTop);
        comp.put("clamped_cells", a.clampedComponents);
        comp.put("anchors", "column j: x' = 0 at the province-year of j-th lowest R, x' = 1 at the j-th highest; the anchor "
                + "cell's other components scaled so that its index keeps its anchor-free value");
        prov.put("components", comp);
        Map<String, Object> alpha = new LinkedHashMap<>();
        for (int p = 0; p < a.provinces.size(); p++) alpha.put(a.provinces.get(p), a.alpha[p]);
        prov.put("alpha", alpha);
        Map<String, Object> delta = new LinkedHashMap<>();
        for (int t = 0; t < ProvinceEconomy.YEARS; t++) delta.put(Integer.toString(ProvinceEconomy.FIRST + t), a.delta[t]);
        prov.put("delta", delta);
        prov.put("trend", ProvinceEconomy.TREND);
        prov.put("estimands", a.estimands());

        Map<String, Object> city = new LinkedHashMap<>();
        city.put("panel", "yangtze-cities: 28 cities x 2014-2023");
        city.put("model", "AGG_it = c + phi_tin * TIN_it + phi_ai * AI_it + sigma * e_it (AGG against the national share; c: pooled mean of AGG is 1)");
        city.put("phi_tin", CityEconomy.PHI_TIN);
        city.put("phi_ai", CityEconomy.PHI_AI);
        city.put("sigma", CityEconomy.SIGMA);
        city.put("controls", "POS, NUE, GRA, VHT, RD do not enter AGG (coefficients 0)");
        city.put("intercept", b.intercept);
        Map<String, Object> share = new LinkedHashMap<>();
        for (int t = 0; t < CityEconomy.YEARS; t++) share.put(Integer.toString(CityEconomy.FIRST + t), b.nationalShare[t]);
        city.put("national_share", share);

        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("cells_written", tables.cells());
        raw.put("removed", tables.removedCells());
        raw.put("removed_share", tables.removedCells() / (double) tables.cells());
        raw.put("broken", tables.brokenCells());
        raw.put("broken_by_reason", tables.brokenByReason());

        Map<String, Object> all = new LinkedHashMap<>();
        all.put("provinces", prov);
        all.put("cities", city);
        all.put("raw", raw);
        return all;
    }

    static final String README = """
            # Truth of the generated yearbook tables

            Written by `./submit.sh generate-sample` next to the raw tables in `raw/yearbooks/` (regions, years and
            indicators as in the panel contract: `conf/indicators.conf`, `conf/panels/provinces.conf`,
            `conf/panels/yangtze-cities.conf`).

            - `expected_panel_provinces.csv`, `expected_panel_yangtze_cities.csv`: the intended value of every
              constructed variable (columns named as in the panel specs; full double precision), computed by the
              contract's formulas from the complete data (removed cells at their intended values). A panel built from
              `raw/yearbooks/` with the default imputation chain must equal them to 1e-9.
            - `expected_weights_IR.csv`: the entropy weights of IR (pooled over the 450 province-years, shift 0.0001).
            - `removed_cells.csv`: every cell written as missing (`—`, `…`, `-`, empty or `NA`): `region_code, year,
              indicator`, its intended value in the canonical unit, and where it is (`file` under `raw/yearbooks/`,
              `sheet` for .xlsx, `row` from 1 with the header as row 1, `column` from 1).
            - `quarantine_expected.csv`: every broken cell, with `file, sheet, row, column` (the value cell),
              `reason` (UNKNOWN_REGION, NON_NUMERIC, OUT_OF_RANGE, CONFLICTING_DUPLICATE, UNIT_MISMATCH), the raw text,
              and `main_copy` (`file|sheet|row|column` of the same region-year-indicator in the other source). A
              conflicting duplicate is listed twice, once per copy: two sources disagree, so both leave the panel.
            - `imputed_expected.csv`: the cells the default imputation chain must fill (`region_code, year,
              indicator`, intended value, `cause`): the removed cells and the conflicting duplicates; what the panel's
              `imputation_log.csv` must list.
            - `latent_provinces.csv`: AI, the regime indicator, the mediators, the endogenous part u of AI, the shock
              eps, latent resilience R and the fixed effects alpha_i, delta_t, per province-year.
            - `parameters.json`: the true parameters, the threshold gamma and the counts of removed and broken cells.

            ## How removed cells stay restorable

            Each removed cell is an interior year of its series (never the first or last year, never next to another
            removed or contested cell), and its value is set, before anything is derived from it, to the exact
            midpoint of its two neighbours. Linear interpolation inside the series therefore gives it back exactly
            (to rounding in the last binary digit). The same holds for the cells that a supplementary source repeats
            wrongly (`supplementary-bulletins-*.csv`): their main copy holds the intended value (and comes first in
            path order), and a panel that sets both copies of a conflicting duplicate aside restores it by
            interpolation.

            ## Data-generating process, study A (provinces)

            AI_it = ln(1 + AI patents), the measure of the generated patents. Size (gdp, population) and the controls
            mark, fin, gov, edu, infra are drawn per province with trends and noise; pergdp = gdp / population.

            1. Mediators: sagg_it = 0.95 + 0.15 z_i + theta_sagg (AI_it - mean AI) + 0.03 e (industrial value added is
               sagg times the national share of industry in GDP, the 全国 rows), inno_it = 30 + 12 z_i + 2 t +
               theta_inno AI_it + 3 e (domestic patent applications per 100,000 people).
            2. Instruments: internet_penetration_{i,t-1} = base_i + (mean posts / posts_i) (0.028 (t - 2006) +
               penetration_loading AI_it + 0.005 e), so ivHist = post_offices_1984 x lag(internet_penetration) =
               posts_i base_i + mean posts (0.028 (t - 2006) + penetration_loading AI_it + 0.005 e) predicts AI within
               provinces and years; ivAI = lag(AI) (1 + g_t).
            3. Endogeneity: u_it is the residual of AI on (ivAI, ivHist, the six controls) after two-way demeaning,
               2007-2020; eps_it = sigma_eps (rho u_it / sd(u) + sqrt(1 - rho^2) eta_it). u is orthogonal to the
               instruments and controls by construction, so they are valid; AI is endogenous through u.
            4. Latent resilience: R_it = alpha_i + delta_t + beta AI_it + jump AI_it 1[AI_it > gamma] + b_sagg sagg_it
               + b_inno inno_it + sum_k c_k control_k + eps_it, gamma the 60% quantile of AI. The total effect of AI is
               beta + theta_sagg b_sagg + theta_inno b_inno below gamma, plus jump above.
            5. Components: each of the 19 components of Table 1 has standardised value x' = exp(R_it - r_top +
               sigma_component e_ijt) (below 1), with one low-R province-year at x' = 0 and one high-R province-year at
               x' = 1 per component (the anchor cell's other components scaled so that its index keeps its
               anchor-free value), written as raw ratio L + S x' (direction +) or L + S (1 - x') (direction -). The
               pooled entropy standardisation then returns x', and IR = ln(index) = R - r_top + ln(sum_j w_j
               exp(sigma_component e_ijt)): IR moves one for one with R.
            6. precipitation = base_i + year shock + precipitation_loading x (instrument-predicted AI) + 80 e: a valid
               but weak candidate. robot_density and ict_fai / gdp rise with AI (the alternative proxies).

            What the paper's linear models estimate: AI enters R with a threshold (slope beta below gamma, beta + jump
            above, so a step of jump x gamma at gamma) and is endogenous, so the AI coefficient of a linear two-way
            model is neither total_below nor total_above. `estimands` in parameters.json gives, for Table 3's
            two-way FE model and Table 4's three 2SLS models, the estimator applied to E[IR | regressors,
            instruments]: the structural part (the blend of the regime slopes and the step) and, for OLS, the
            endogeneity bias (zero for the instruments, orthogonal to u). The mediators' paths (theta, b) and gamma
            are recovered as they are.

            ## Data-generating process, study B (cities)

            TIN and AI are ln(1 + frequency) of the corpus terms (the text measure of `raw/city-text/`). AGG_it = c
            + phi_tin TIN_it + phi_ai AI_it + sigma e_it with one intercept c (pooled mean of AGG 1). AGG is the
            location quotient against the national share, as the paper defines it: intelligent-manufacturing output
            is national_share_t x AGG x industrial output, and `cities/national-industry-long-utf8.csv` holds the
            全国 rows of both outputs. (Against the 28 cities' own total the output-weighted mean of AGG would be 1
            every year, forcing a year intercept that falls as the terms spread; the paper's pooled regression without
            year effects then recovers about half of phi_tin.) The controls do not enter AGG: the pooled OLS of
            Table 3 estimates phi_tin + phi_ai x (slope of AI on TIN and the controls), Table 4's outcome step
            phi_tin (TIN) and phi_ai (AI).
            """;
}
