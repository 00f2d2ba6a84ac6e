package org.airesilience.panel.yearbook;

import org.airesilience.text.Texts;

import java.util.Set;

/**
 * Reads a yearbook cell as it is printed: thousands separators ({@code 1,234.5}, {@code 1，234}), full-width digits,
 * footnote marks after the number ({@code 12.3*}, {@code 12.3①}, {@code 12.3a}), a percent sign ({@code 12.5%}), and the
 * marks yearbooks use for missing values ({@code —}, {@code …}, {@code -}, empty, {@code NA}).
 */
public final class CellText {
    /** What a cell holds. */
    public enum Kind {NUMBER, MISSING, NON_NUMERIC}

    /** @param percent the number was written with a % sign (value not yet divided by 100) */
    public record Parsed(Kind kind, double value, boolean percent) {
        static final Parsed MISSING = new Parsed(Kind.MISSING, Double.NaN, false);
        static final Parsed NON_NUMERIC = new Parsed(Kind.NON_NUMERIC, Double.NaN, false);
    }

    private static final Set<String> MISSING_MARKS = Set.of("", "-", "--", "—", "——", "–", "―", "…", "……", "...",
            "na", "n/a", "n.a.", "nan", "null", "#n/a", "x", "×");
    /** Footnote marks printed after a number. */
    private static final String FOOTNOTE_MARKS = "*†‡#△▲▼☆★§¶^'\"ºªabcdefg";

    private CellText() {
    }

    public static Parsed parse(String raw) {
        if (raw == null) return Parsed.MISSING;
        String s = raw.strip();
        if (isPlainNumber(s)) {
            try {
                return new Parsed(Kind.NUMBER, Double.parseDouble(s), false);
            } catch (NumberFormatException e) {
                return Parsed.NON_NUMERIC;
            }
        }
        // footnote marks go first: NFKC would turn a circled ① into the digit 1
        int end = s.length();
        while (end > 0 && isFootnoteMark(s.charAt(end - 1))) end--;
        if (end == 0 && !s.isEmpty()) return Parsed.NON_NUMERIC; // marks alone
        if (end < s.length() && (end == 0 || !isNumberEnd(s.charAt(end - 1)))) {
            end = s.length(); // marks after something that is not a number (or alone): not footnote marks
        }
        String t = Texts.nfkc(s.substring(0, end)).strip().replace('\u2212', '-').replace('\u3000', ' ');
        if (MISSING_MARKS.contains(t.toLowerCase(java.util.Locale.ROOT))) return Parsed.MISSING;
        boolean percent = false;
        if (t.endsWith("%")) {
            percent = true;
            t = t.substring(0, t.length() - 1).strip();
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ',' || c == ' ' || c == '\'' || c == '_') continue; // thousands separators
            b.append(c);
        }
        String n = b.toString();
        if (n.isEmpty() || !isPlainNumber(n)) return Parsed.NON_NUMERIC;
        try {
            return new Parsed(Kind.NUMBER, Double.parseDouble(n), percent);
        } catch (NumberFormatException e) {
            return Parsed.NON_NUMERIC;
        }
    }

    private static boolean isNumberEnd(char c) {
        return Character.isDigit(c) || c == '%' || c == '％';
    }

    private static boolean isFootnoteMark(char c) {
        return FOOTNOTE_MARKS.indexOf(c) >= 0 || (c >= '\u2460' && c <= '\u24FF') || (c >= '\u2776' && c <= '\u2793')
                || c == '\u00B9' || c == '\u00B2' || c == '\u00B3' || (c >= '\u2070' && c <= '\u2079');
    }

    /** [+-]digits[.digits][e[+-]digits], nothing else (no hex, no Infinity, no trailing d/f). */
    static boolean isPlainNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
        int digits = 0;
        while (i < n && Texts.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Texts.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            int exp = 0;
            while (i < n && Texts.isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) return false;
        }
        return i == n;
    }
}
