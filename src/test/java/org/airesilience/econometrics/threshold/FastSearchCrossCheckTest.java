package org.airesilience.econometrics.threshold;

import org.airesilience.econometrics.data.Table;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-sweep search against brute force (one regression per candidate), on small panels of every kind. */
class FastSearchCrossCheckTest {
    private static final double[] G = {0.35, 0.7};
    private static final double[] B = {1.0, 2.0, 0.5};

    private static void check(Table data, ThresholdSpec spec, List<Double> fixed, double trim) {
        PanelThreshold.SearchCurve fast = PanelThreshold.search(data, spec, fixed, trim);
        PanelThreshold.SearchCurve naive = PanelThreshold.naiveSearch(data, spec, fixed, trim);
        assertArrayEquals(naive.thresholds(), fast.thresholds());
        assertTrue(fast.ssr().length > 10, "enough candidates");
        for (int i = 0; i < fast.ssr().length; i++) {
            double want = naive.ssr()[i];
            assertEquals(want, fast.ssr()[i], 1e-9 * want, "candidate " + fast.thresholds()[i]);
        }
    }

    @Test
    void balancedSingleAndGivenFixedThresholds() {
        Table d = SimulatedPanels.panel(1, 25, 6, G, B, 0.5, 0, false, false);
        ThresholdSpec spec = SimulatedPanels.spec(2, List.of("r"), 0.05, 0);
        check(d, spec, List.of(), 0.05);
        ThresholdResult r = PanelThreshold.estimate(d, spec, null);
        check(d, spec, List.of(r.stages().get(0).estimate()), 0.05);
        check(d, spec, r.thresholds(), 0.05);
    }

    @Test
    void unbalancedTwoRegimeRegressorsTimeEffects() {
        Table d = SimulatedPanels.panel(2, 30, 7, G, B, 0.5, 0.15, true, true);
        ThresholdSpec spec = SimulatedPanels.spec(2, List.of("r", "r2"), 0.05, 0).withTimeEffects();
        check(d, spec, List.of(), 0.05);
        ThresholdResult r = PanelThreshold.estimate(d, spec, null);
        check(d, spec, List.of(r.stages().get(0).estimate()), 0.1);
    }

    @Test
    void hansenDropLastTransformationAndGrid() {
        Table d = SimulatedPanels.panel(3, 40, 6, G, B, 0.5, 0, false, false);
        ThresholdSpec hansen = SimulatedPanels.spec(2, List.of("r"), 0.01, 0).withHansen1999();
        check(d, hansen, List.of(), 0.01);
        ThresholdResult r = PanelThreshold.estimate(d, hansen, null);
        check(d, hansen, List.of(r.stages().get(0).estimate()), 0.01);
        ThresholdSpec grid = SimulatedPanels.spec(2, List.of("r"), 0.05, 0).withGrid(50);
        check(d, grid, List.of(), 0.05);
    }

    @Test
    void bootstrapTaskSurvivesSerialisation() throws Exception {
        Table d = SimulatedPanels.panel(4, 20, 5, G, B, 0.5, 0.1, false, false);
        ThresholdSpec spec = SimulatedPanels.spec(2, List.of("r"), 0.05, 0);
        SequentialSearch procedure = PanelThreshold.procedure(d, spec);
        List<SequentialSearch.Stage> seq = procedure.run(procedure.search.panel.yT, 2, false);
        ThresholdBootstrap task = PanelThreshold.bootstrapTask(procedure, seq, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        ThresholdBootstrap copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ThresholdBootstrap) in.readObject();
        }
        for (long id = 0; id < 5; id++) {
            double a = task.run(id, org.airesilience.distributed.Seeds.stream(7, "s", id));
            double b = copy.run(id, org.airesilience.distributed.Seeds.stream(7, "s", id));
            assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(b));
        }
    }
}
