package org.airesilience.econometrics.formula;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormulaTest {

    @Test
    void parsesRegressorsFixedEffectsAndIv() {
        Formula f = Formula.parse("y ~ x1 + log(x2) + l(x3, 1) + x1:x4 | fe1 + fe2 | endo ~ z1 + z2");
        assertEquals("y", f.response().label());
        assertEquals(List.of("x1", "log(x2)", "l(x3, 1)", "x1:x4"), f.terms().stream().map(Term::label).toList());
        assertEquals(List.of("fe1", "fe2"), f.fixedEffects());
        assertEquals(List.of("endo"), f.endogenous().stream().map(Term::label).toList());
        assertEquals(List.of("z1", "z2"), f.instruments().stream().map(Term::label).toList());
        assertTrue(f.hasIv());
        assertEquals(new Factor("x2", true, 0), f.terms().get(1).factors().get(0));
        assertEquals(new Factor("x3", false, 1), f.terms().get(2).factors().get(0));
        assertEquals(List.of(new Factor("x1", false, 0), new Factor("x4", false, 0)), f.terms().get(3).factors());
        assertTrue(f.needsPanel());
        assertEquals(List.of("y", "x1", "x2", "x3", "x4", "endo", "z1", "z2", "fe1", "fe2"), f.variables());
    }

    @Test
    void middlePartIsIvWhenItHasATilde() {
        Formula iv = Formula.parse("y ~ x | endo ~ z");
        assertTrue(iv.hasIv());
        assertFalse(iv.hasFixedEffects());
        Formula fe = Formula.parse("y ~ x | id");
        assertFalse(fe.hasIv());
        assertEquals(List.of("id"), fe.fixedEffects());
    }

    @Test
    void leadsNestedFunctionsAndIntercept() {
        Formula f = Formula.parse("log(y) ~ f(x, 2) + l(log(k), -1) + log(l(k, 2)) - 1");
        assertEquals(new Factor("y", true, 0), f.response().factors().get(0));
        assertEquals(new Factor("x", false, -2), f.terms().get(0).factors().get(0));
        assertEquals(new Factor("k", true, -1), f.terms().get(1).factors().get(0));
        assertEquals(new Factor("k", true, 2), f.terms().get(2).factors().get(0));
        assertFalse(f.intercept());
        assertFalse(Formula.parse("y ~ 0 + x").intercept());
        assertTrue(Formula.parse("y ~ x").intercept());
        assertEquals(new Factor("x", false, 1), Formula.parse("y ~ l(x)").terms().get(0).factors().get(0));
    }

    @Test
    void badFormulasGiveClearErrors() {
        assertThrows(FormulaException.class, () -> Formula.parse("y x"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ x + "));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ exp(x)"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ log(x"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ x | a | b"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ x | e ~ z | fe"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ x + x"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ a*b"));
        assertThrows(FormulaException.class, () -> Formula.parse("y ~ l(x, one)"));
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.parse("y ~ x | log(fe)"));
        assertTrue(e.getMessage().contains("y ~ x | log(fe)"), e.getMessage());
    }
}
