package org.airesilience.econometrics.formula;

/** A formula that cannot be parsed; the message quotes the formula and says what is wrong. */
public final class FormulaException extends IllegalArgumentException {
    public FormulaException(String formula, String reason) {
        super("formula '" + formula + "': " + reason);
    }
}
