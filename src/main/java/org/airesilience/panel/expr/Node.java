package org.airesilience.panel.expr;

import java.util.List;
import java.util.Map;

/** An expression of the panel language, as parsed. */
public sealed interface Node {
    /** A number literal. */
    record Num(double value) implements Node {
    }

    /** A name: an earlier variable, a catalogue indicator, a measure column ({@code ai_measure.ai}) or {@code year}. */
    record Ref(String name) implements Node {
    }

    /** {@code -x} */
    record Neg(Node operand) implements Node {
    }

    /** {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a ^ b} */
    record Binary(char op, Node left, Node right) implements Node {
    }

    /**
     * {@code f(arg, ...)}: positional arguments (each with an optional direction {@code +} or {@code -} written after
     * it, as in {@code entropy(r01-, r03+)}) and named options ({@code shift = 0.0001}, {@code by = year}).
     */
    record Call(String function, List<Arg> args, Map<String, Node> options) implements Node {
    }

    /** @param direction '+', '-' or 0 when none was written */
    record Arg(Node expr, char direction, String text) {
    }
}
