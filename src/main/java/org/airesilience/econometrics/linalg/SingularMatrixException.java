package org.airesilience.econometrics.linalg;

/** A factorization met a singular or indefinite matrix. */
public final class SingularMatrixException extends ArithmeticException {
    public SingularMatrixException(String message) {
        super(message);
    }
}
