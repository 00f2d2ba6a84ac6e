package org.airesilience.econometrics.groups;

import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.Distributions;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.report.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The same model fitted separately in each group (east/central/west, median splits, ...) and tests that one
 * coefficient is equal across groups, treating the group estimates as independent: for two groups the z test of
 * Clogg, Petkova and Haritou (1995) / Paternoster et al. (1998), z = (b1 - b2) / sqrt(se1^2 + se2^2); for k groups
 * the Wald chi-square of equality, sum_g (b_g - b_w)^2 / se_g^2 with b_w the inverse-variance weighted mean, df k - 1
 * (equal to z^2 when k = 2).
 */
public final class GroupComparison {
    private GroupComparison() {
    }

    public record Group(String value, EstimationResult result) {
    }

    public static Map<String, Object> run(Table data, EstimateSpec spec, String by, String term) {
        return run(data, spec, by, term, false);
    }

    /**
     * @param interaction also fit the pooled model with the term interacted with the second group's indicator (two
     *                    groups only): a Chow-type test on that coefficient with the other coefficients common
     */
    public static Map<String, Object> run(Table data, EstimateSpec spec, String by, String term, boolean interaction) {
        if (!data.has(by)) throw new IllegalArgumentException("no column '" + by + "' for --by; columns are " + data.names());
        // --where and winsorizing apply once to the whole sample, then it is split.
        ModelFrame frame = Estimators.frame(data, spec);
        Table t = frame.table();
        EstimateSpec perGroup = spec.withWhere(null).withWinsorize(List.of(), spec.winsorLower(), spec.winsorUpper());
        String[] labels = t.text(by);
        Map<String, List<Integer>> rows = new TreeMap<>(groupOrder(t, by));
        int missing = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) missing++;
            else rows.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("--by " + by + " has " + rows.size() + " group(s); at least 2 are needed");
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            Table sub = t.select(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            try {
                groups.add(new Group(e.getKey(), Estimators.fit(sub, perGroup)));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("group " + by + " = " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", by);
        out.put("term", term);
        out.put("rows_missing_group", missing);
        List<Map<String, Object>> list = new ArrayList<>();
        double[] b = new double[groups.size()];
        double[] se = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            Coefficient c = groups.get(g).result().require(term);
            b[g] = c.estimate();
            se[g] = c.stdError();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", groups.get(g).value());
            m.put("nobs", groups.get(g).result().nobs());
            m.put("estimate", Json.finite(b[g]));
            m.put("std_error", Json.finite(se[g]));
            m.put("result", Json.toMap(groups.get(g).result()));
            list.add(m);
        }
        out.put("groups", list);
        Map<String, Object> tests = new LinkedHashMap<>();
        if (groups.size() == 2) {
            double z = (b[0] - b[1]) / Math.sqrt(se[0] * se[0] + se[1] * se[1]);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("difference", Json.finite(b[0] - b[1]));
            d.put("statistic", Json.finite(z));
            d.put("p_value", Json.finite(Distributions.normalTwoSided(z)));
            tests.put("difference_z", d);
        }
        double wald = equalityWald(b, se);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("statistic", Json.finite(wald));
        w.put("df", groups.size() - 1);
        w.put("p_value", Json.finite(Distributions.chiSquareUpper(wald, groups.size() - 1)));
        tests.put("equality_wald", w);
        if (interaction) {
            if (groups.size() != 2) {
                throw new IllegalArgumentException("the pooled interaction test needs exactly 2 groups; " + by + " has " + groups.size());
            }
            tests.put("pooled_interaction", pooledInteraction(t, perGroup, by, term, groups.get(1).value()));
        }
        out.put("tests", tests);
        Map<String, Object> conv = new LinkedHashMap<>();
        conv.put("groups", "the model is fitted separately on the rows of each value of " + by
                + " (after --where and winsorizing on the whole sample); rows with " + by + " missing are left out");
        conv.put("difference_z", "two groups: z = (b1 - b2) / sqrt(se1^2 + se2^2), normal p-value (Clogg, Petkova and "
                + "Haritou 1995; Paternoster, Brame, Mazerolle and Piquero 1998); first minus second group in sort order");
        conv.put("equality_wald", "sum_g (b_g - b_w)^2 / se_g^2 with b_w = sum(b_g/se_g^2)/sum(1/se_g^2), chi2(k-1); "
                + "group estimates treated as independent; standard errors as each group's variance (" + spec.vcov() + ")");
        if (interaction) {
            conv.put("pooled_interaction", "pooled model Y ~ X + controls + D + X:D (same fixed effects and variance) "
                    + "with D = 1 in the second group; t test of the X:D coefficient, i.e. a Chow-type test of the "
                    + "difference in X's coefficient holding the other coefficients common across groups");
        }
        out.put("conventions", conv);
        return out;
    }

    private static Map<String, Object> pooledInteraction(Table t, EstimateSpec spec, String by, String term, String second) {
        String dummy = "group_" + second.replaceAll("[^A-Za-z0-9_]", "_");
        if (t.has(dummy)) dummy = dummy + "_indicator";
        String[] labels = t.text(by);
        double[] d = new double[labels.length];
        for (int i = 0; i < d.length; i++) d[i] = labels[i] == null ? Double.NaN : labels[i].equals(second) ? 1 : 0;
        String text = spec.formula().text();
        int tilde = text.indexOf('~');
        int bar = text.indexOf('|', tilde);
        String head = bar < 0 ? text : text.substring(0, bar);
        String rest = bar < 0 ? "" : " " + text.substring(bar);
        String pooled = head.trim() + " + " + dummy + " + " + term + ":" + dummy + rest;
        EstimationResult r = Estimators.fit(t.withNumeric(dummy, d),
                spec.withFormula(org.airesilience.econometrics.formula.Formula.parse(pooled)));
        Coefficient c = r.require(term + ":" + dummy);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formula", pooled);
        m.put("difference", Json.finite(c.estimate()));
        m.put("std_error", Json.finite(c.stdError()));
        m.put("statistic", Json.finite(c.statistic()));
        m.put("p_value", Json.finite(c.pValue()));
        return m;
    }

    /** Wald statistic of b_1 = ... = b_k for independent estimates. */
    static double equalityWald(double[] b, double[] se) {
        double sw = 0;
        double swb = 0;
        for (int g = 0; g < b.length; g++) {
            double w = 1 / (se[g] * se[g]);
            sw += w;
            swb += w * b[g];
        }
        double mean = swb / sw;
        double q = 0;
        for (int g = 0; g < b.length; g++) q += (b[g] - mean) * (b[g] - mean) / (se[g] * se[g]);
        return q;
    }

    /** Numeric groups sort by value, text groups alphabetically. */
    private static Comparator<String> groupOrder(Table t, String by) {
        if (t.isNumeric(by)) return Comparator.comparingDouble(Double::parseDouble);
        return Comparator.naturalOrder();
    }
}
