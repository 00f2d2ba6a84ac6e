package org.airesilience.panel.expr;

/** A mistake in a panel spec's expressions, with the file and line it is on. */
public final class ExpressionException extends IllegalArgumentException {
    public ExpressionException(String message) {
        super(message);
    }
}
