package org.airesilience.econometrics.placebo;

import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.Replicates;
import org.airesilience.report.Json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real fit and the placebo distribution. The randomization p-value is two-sided: with c the number of valid draws
 * whose |estimate| is at least |real estimate| (ties within 1e-12 relative count), p = (c + 1) / (B + 1) for B valid
 * draws, the convention that counts the real assignment as one of the permutations (never 0; exact under the null).
 */
public record PlaceboResult(EstimationResult real, PlaceboSpec spec, Map<String, Object> permutation,
                            List<PlaceboDraw> draws) {

    public double realEstimate() {
        return real.require(spec.term()).estimate();
    }

    public double[] estimates() {
        return draws.stream().mapToDouble(PlaceboDraw::estimate).toArray();
    }

    /** Draws in which the term could be estimated (valid under {@link Replicates#RULE}). */
    public double[] validEstimates() {
        return Replicates.valid(estimates());
    }

    public int invalidDraws() {
        return Replicates.invalid(estimates());
    }

    public int atLeastAsExtreme() {
        double bar = Math.abs(realEstimate()) * (1 - 1e-12);
        return (int) Arrays.stream(validEstimates()).filter(b -> Math.abs(b) >= bar).count();
    }

    public double randomizationPValue() {
        return (atLeastAsExtreme() + 1.0) / (validEstimates().length + 1.0);
    }

    public double mean() {
        return Arrays.stream(validEstimates()).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1). */
    public double sd() {
        double[] v = validEstimates();
        if (v.length < 2) return Double.NaN;
        double m = mean();
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (v.length - 1));
    }

    /** The estimate JSON of the real fit, plus the {@code placebo} block. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = Json.toMap(real);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("term", spec.term());
        p.put("permuted", spec.column());
        p.put("real_estimate", Json.finite(realEstimate()));
        p.put("draws", draws.size());
        p.put("valid_draws", validEstimates().length);
        p.put("invalid_draws", invalidDraws());
        p.put("invalid_draw_rule", Replicates.RULE);
        p.put("estimates", finiteList(estimates()));
        p.put("t_statistics", finiteList(draws.stream().mapToDouble(PlaceboDraw::tStatistic).toArray()));
        p.put("p_values", finiteList(draws.stream().mapToDouble(PlaceboDraw::pValue).toArray()));
        p.put("mean", Json.finite(mean()));
        p.put("sd", Json.finite(sd()));
        p.put("at_least_as_extreme", atLeastAsExtreme());
        p.put("randomization_p_value", randomizationPValue());
        p.put("randomization_p_value_convention",
                "two-sided: (count of draws with |estimate| >= |real estimate| + 1) / (valid draws + 1)");
        p.put("scheme", spec.scheme().label());
        p.put("seed", spec.seed());
        p.put("permutation", permutation);
        m.put("placebo", p);
        return m;
    }

    private static List<Double> finiteList(double[] v) {
        return Arrays.stream(v).mapToObj(Json::finite).toList();
    }
}
