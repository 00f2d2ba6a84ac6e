package org.airesilience.ingest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern NEW_FORM = Pattern.compile("(\\d{12})(?:\\.?[0-9X])?");
    private static final Pattern OLD_FORM = Pattern.compile("(\\d{8})(?:\\.[0-9X])?");
    private static final Pattern OLD_WITH_CHECK = Pattern.compile("([890]\\d{7})[0-9X]");
    private static final Pattern PUBLICATION = Pattern.compile("(\\d{7,10})([ABCUYS]\\d?)?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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
        String s = WHITESPACE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)).replaceAll("");
        if (s.startsWith("CN")) s = s.substring(2);
        if (s.startsWith("ZL")) s = s.substring(2);
        return s;
    }

    /**
     * @return the normalised application number ({@code CN} + 8 or 12 digits)
     * @throws InvalidNumberException when the value is blank, a publication number or not a number at all
     */
    public static String application(String raw) {
        if (raw == null || raw.isBlank()) throw new InvalidNumberException("no application number");
        String s = clean(raw);
        Matcher m = NEW_FORM.matcher(s);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1).substring(0, 4));
            if (year >= 2003 && year <= 2099 && validType(m.group(1).charAt(4))) return "CN" + m.group(1);
        }
        m = OLD_FORM.matcher(s);
        if (m.matches() && validOld(m.group(1))) return "CN" + m.group(1);
        m = OLD_WITH_CHECK.matcher(s);
        if (m.matches() && validOld(m.group(1))) return "CN" + m.group(1);
        if (isPublication(raw)) {
            throw new InvalidNumberException("'" + raw.trim() + "' is a publication number, not an application number");
        }
        throw new InvalidNumberException("'" + raw.trim() + "' is not an application number");
    }

    /** Whether the value looks like a publication (grant) number rather than an application number. */
    public static boolean isPublication(String raw) {
        if (raw == null || raw.isBlank()) return false;
        String s = clean(raw);
        Matcher m = PUBLICATION.matcher(s);
        if (!m.matches()) return false;
        if (m.group(2) != null) return true;
        String digits = m.group(1);
        return (digits.length() == 7 || digits.length() == 9) && "123".indexOf(digits.charAt(0)) >= 0;
    }

    /** Normalised publication number ({@code CN106951234A}), the cleaned value if unrecognised, null if blank. */
    public static String publication(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String s = clean(raw);
        return PUBLICATION.matcher(s).matches() ? "CN" + s : Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
    }

    private static boolean validOld(String eight) {
        int yy = Integer.parseInt(eight.substring(0, 2));
        return (yy >= 85 || yy <= 3) && validType(eight.charAt(2));
    }

    /** 1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model. */
    private static boolean validType(char t) {
        return t == '1' || t == '2' || t == '3' || t == '8' || t == '9';
    }
}
