package org.airesilience.econometrics.data;

import org.airesilience.econometrics.formula.Formula;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFrameTest {
    static final double NA = Double.NaN;

    /** Two units; unit b misses year 2 (a gap, so its lag in year 3 is missing). */
    static Table panel() {
        return Table.builder(5)
                .text("id", new String[]{"a", "a", "a", "b", "b"})
                .numeric("year", new double[]{1, 2, 3, 1, 3})
                .numeric("y", new double[]{1, 2, 3, 4, 5})
                .numeric("x", new double[]{10, 20, 30, 40, 50})
                .numeric("w", new double[]{1, 2, NA, 4, 8})
                .build();
    }

    @Test
    void lagsFollowThePanelAndGapsAreMissing() {
        ModelFrame f = ModelFrame.build(panel(), Formula.parse("y ~ l(x, 1) + log(x) + x:y"), new PanelKeys("id", "year"));
        // rows kept: a2 (lag 10), a3 (lag 20); a1, b1 have no lag, b3's lag year 2 is absent
        assertArrayEquals(new int[]{1, 2}, f.rows());
        assertEquals(3, f.dropped());
        assertEquals(List.of("(Intercept)", "l(x, 1)", "log(x)", "x:y"), f.xNames());
        assertArrayEquals(new double[]{10, 20}, f.x().column(1));
        assertArrayEquals(new double[]{Math.log(20), Math.log(30)}, f.x().column(2), 1e-15);
        assertArrayEquals(new double[]{40, 90}, f.x().column(3));
        assertArrayEquals(new int[]{0, 0}, f.unit());
        assertArrayEquals(new int[]{0, 1}, f.time());
    }

    @Test
    void leadsAndListwiseDeletion() {
        ModelFrame f = ModelFrame.build(panel(), Formula.parse("y ~ f(x, 1) + w | id"), new PanelKeys("id", "year"));
        // a1 (lead 20, w 1), a2 (lead 30, w 2); a3 no lead; b1 lead year 2 absent; b3 no lead
        assertArrayEquals(new int[]{0, 1}, f.rows());
        assertEquals(List.of("f(x, 1)", "w"), f.xNames());
        assertEquals(1, f.fixedEffects().length);
        assertTrue(!f.hasIntercept());
    }

    @Test
    void clearErrors() {
        Table dup = panel().withNumeric("year", new double[]{1, 1, 3, 1, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFrame.build(dup, Formula.parse("y ~ x"), new PanelKeys("id", "year")));
        assertTrue(e.getMessage().contains("duplicate panel key"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFrame.build(panel(), Formula.parse("y ~ id"), null));
        assertTrue(e.getMessage().contains("not numeric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFrame.build(panel(), Formula.parse("y ~ l(x, 1)"), null));
        assertTrue(e.getMessage().contains("--panel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFrame.build(panel(), Formula.parse("y ~ nope"), null));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
    }
}
