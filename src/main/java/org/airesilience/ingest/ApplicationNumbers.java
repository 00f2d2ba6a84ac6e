package org.airesilience.ingest;

import org.airesilience.text.Texts;

import java.util.Locale;

/**
 * CNIPA application and publication numbers.
 *
 * <p>An application number is normalised to {@code "CN"} followed by its digits without the check digit: the
 * 12-digit form since 2003 ({@code 2017 1 0117081}: year, type, serial) and the 8-digit form before
 * ({@code 85 1 00462}). Accepted spellings include {@code CN201710117081.7}, {@code 201710117081.7},
 * {@code ZL201710117081.7}, {@code 2017101170817} (check digit appended), {@code CN85100462} and
 * {@code 93112345.6}. Publication numbers ({@code CN106951234A}, {@code CN1234567A}, {@code CN206123456U}) have a
 * kind letter or 7/9 digits starting with 1-3 and are never taken for application numbers.
 */
public final class ApplicationNumbers {
    private static final String KIND_LETTERS = "ABCUYS";

    private ApplicationNumbers() {
    }

    /** Thrown for a value that is not an application number; the message says what it is instead. */
    public static final class InvalidNumberException extends IllegalArgumentException {
        public InvalidNumberException(String message) {
            super(message);
        }
    }

    /** Upper case, half width, no whitespace, without the CN / ZL prefixes. */
    private static String clean(String raw) {
        String s = Texts.withoutAsciiSpaces(Texts.nfkc(raw).toUpperCase(Locale.ROOT));
        if (s.startsWith("CN")) s = s.substring(2);
        if (s.startsWith("ZL")) s = s.substring(2);
        return s;
    }

    /**
     * Whether a value is an application number (any accepted spelling); cheap for long text, which never is one.
     */
    public static boolean isApplication(String raw) {
        if (raw == null || raw.length() > 24) return false;
        try {
            application(raw);
            return true;
        } catch (InvalidNumberException e) {
            return false;
        }
    }

    /**
     * @return the normalised application number ({@code CN} + 8 or 12 digits)
     * @throws InvalidNumberException when the value is blank, a publication number or not a number at all
     */
    public static String application(String raw) {
        if (raw == null || raw.isBlank()) throw new InvalidNumberException("no application number");
        String s = clean(raw);
        if (withCheckDigit(s, 12, true)) {
            int year = Integer.parseInt(s, 0, 4, 10);
            if (year >= 2003 && year <= 2099 && validType(s.charAt(4))) return "CN" + s.substring(0, 12);
        }
        // an old number takes a check digit without a dot only when it starts with 8, 9 or 0 (filed 1985-2003):
        // 9-digit publication numbers start with 1-3
        boolean oldForm = withCheckDigit(s, 8, false) || (withCheckDigit(s, 8, true) && "890".indexOf(s.charAt(0)) >= 0);
        if (oldForm && validOld(s)) return "CN" + s.substring(0, 8);
        if (isPublication(raw)) {
            throw new InvalidNumberException("'" + raw.trim() + "' is a publication number, not an application number");
        }
        throw new InvalidNumberException("'" + raw.trim() + "' is not an application number");
    }

    /**
     * A normalised application number as a number, equal for equal application numbers only: its digit count times
     * 10^12 plus its digits.
     *
     * @throws IllegalArgumentException when {@code number} is not what {@link #application} returns
     */
    public static long key(String number) {
        int digits = number.length() - 2;
        if (!number.startsWith("CN") || (digits != 8 && digits != 12) || !Texts.isDigits(number, 2, number.length())) {
            throw new IllegalArgumentException("not a normalised application number: '" + number + "'");
        }
        return digits * 1_000_000_000_000L + Long.parseLong(number, 2, number.length(), 10);
    }

    /**
     * Whether {@code s} is {@code digits} digits, optionally followed by a check digit (0-9 or X) after a dot, or
     * with {@code dotOptional} also without one.
     */
    private static boolean withCheckDigit(String s, int digits, boolean dotOptional) {
        if (!Texts.isDigits(s, 0, digits)) return false;
        int rest = s.length() - digits;
        return rest == 0
                || (rest == 1 && dotOptional && isCheckDigit(s.charAt(digits)))
                || (rest == 2 && s.charAt(digits) == '.' && isCheckDigit(s.charAt(digits + 1)));
    }

    private static boolean isCheckDigit(char c) {
        return Texts.isDigit(c) || c == 'X';
    }

    /** Whether the value looks like a publication (grant) number rather than an application number. */
    public static boolean isPublication(String raw) {
        if (raw == null || raw.isBlank()) return false;
        String s = clean(raw);
        int digits = publicationDigits(s);
        if (digits < 0) return false;
        if (digits < s.length()) return true; // a kind code
        return (digits == 7 || digits == 9) && "123".indexOf(s.charAt(0)) >= 0;
    }

    /** Normalised publication number ({@code CN106951234A}), the cleaned value if unrecognised, null if blank. */
    public static String publication(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String s = clean(raw);
        return publicationDigits(s) >= 0 ? "CN" + s : Texts.nfkc(raw).trim();
    }

    /**
     * The number of digits when {@code s} has the shape of a publication number, 7 to 10 digits and optionally a
     * kind code ({@code A}, {@code B1}), else -1.
     */
    private static int publicationDigits(String s) {
        int digits = 0;
        while (digits < s.length() && Texts.isDigit(s.charAt(digits))) digits++;
        if (digits < 7 || digits > 10) return -1;
        int rest = s.length() - digits;
        if (rest == 0) return digits;
        boolean kind = KIND_LETTERS.indexOf(s.charAt(digits)) >= 0
                && (rest == 1 || (rest == 2 && Texts.isDigit(s.charAt(digits + 1))));
        return kind ? digits : -1;
    }

    /** Whether the 8-digit number at the start of {@code s} has a plausible year (1985-2003) and type. */
    private static boolean validOld(String s) {
        int yy = Integer.parseInt(s, 0, 2, 10);
        return (yy >= 85 || yy <= 3) && validType(s.charAt(2));
    }

    /** 1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model. */
    private static boolean validType(char t) {
        return t == '1' || t == '2' || t == '3' || t == '8' || t == '9';
    }
}
