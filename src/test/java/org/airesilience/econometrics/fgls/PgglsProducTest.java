package org.airesilience.econometrics.fgls;

import org.airesilience.econometrics.ValidationData;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.model.EstimationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pggls(log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp, data = Produc) against the numbers R plm prints in its own
 * regression test (plm's inst/tests/test_pggls.Rout.save), balanced panel.
 * The printed values have 8 decimals, so agreement is checked to half a unit in the last printed digit.
 */
class PgglsProducTest {
    static final List<String> SLOPES = List.of("log(pcap)", "log(pc)", "log(emp)", "unemp");
    static final double PRINTED = 0.5e-8 * (1 + 1e-9);

    record Data(double[] y, Matrix x, int[] unit, int[] time) {
    }

    static Data produc(boolean intercept) throws Exception {
        Table t = ValidationData.table("produc.csv");
        int n = t.rows();
        List<double[]> cols = new ArrayList<>();
        if (intercept) {
            double[] one = new double[n];
            Arrays.fill(one, 1);
            cols.add(one);
        }
        cols.add(log(t.numeric("pcap")));
        cols.add(log(t.numeric("pc")));
        cols.add(log(t.numeric("emp")));
        cols.add(t.numeric("unemp"));
        String[] state = t.text("state");
        Map<String, Integer> codes = new HashMap<>();
        int[] unit = new int[n];
        for (int i = 0; i < n; i++) unit[i] = codes.computeIfAbsent(state[i], s -> codes.size());
        int[] time = Arrays.stream(t.numeric("year")).mapToInt(v -> (int) v).toArray();
        return new Data(log(t.numeric("gsp")), Matrix.ofColumns(cols), unit, time);
    }

    static double[] log(double[] v) {
        return Arrays.stream(v).map(Math::log).toArray();
    }

    static void check(EstimationResult r, List<String> terms, double[][] expected) {
        for (int j = 0; j < terms.size(); j++) {
            assertEquals(expected[j][0], r.require(terms.get(j)).estimate(), PRINTED, terms.get(j) + " estimate");
            assertEquals(expected[j][1], r.require(terms.get(j)).stdError(), PRINTED, terms.get(j) + " std. error");
        }
    }

    static List<String> withIntercept() {
        List<String> t = new ArrayList<>(List.of("(Intercept)"));
        t.addAll(SLOPES);
        return t;
    }

    @Test
    void pooling() throws Exception {
        Data d = produc(true);
        EstimationResult r = PanelFgls.pggls(d.y(), d.x(), withIntercept(), d.unit(), d.time(), false);
        check(r, withIntercept(), new double[][]{
                {2.26388494, 0.10077679}, {0.10566584, 0.02004106}, {0.21643137, 0.01539471},
                {0.71293894, 0.01863632}, {-0.00447265, 0.00045214}});
        assertEquals(7.5587, r.fit().get("rss"), 0.5e-4);
        assertEquals(0.99111, r.fit().get("r2"), 0.5e-5);
        assertEquals(816, r.nobs());
        assertEquals(48, r.ngroups());
    }

    @Test
    void within() throws Exception {
        Data d = produc(false);
        EstimationResult r = PanelFgls.pggls(d.y(), d.x(), SLOPES, d.unit(), d.time(), true);
        check(r, SLOPES, new double[][]{
                {-0.00104277, 0.02900641}, {0.17151298, 0.01807934}, {0.84449144, 0.02042362}, {-0.00357102, 0.00047319}});
        assertEquals(1.1623, r.fit().get("rss"), 0.5e-4);
    }

}
