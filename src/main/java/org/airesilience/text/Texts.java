package org.airesilience.text;

import java.text.Normalizer;

/**
 * Character-level helpers for cleaning field values on the ingest hot path, written as plain loops: each returns its
 * input unchanged (no copy) when there is nothing to do, which is the common case.
 */
public final class Texts {
    private Texts() {
    }

    /** The characters of regex {@code \s} (without UNICODE_CHARACTER_CLASS): space, tab, LF, VT, FF, CR. */
    public static boolean isAsciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** The characters of regex {@code \d} (without UNICODE_CHARACTER_CLASS): 0-9. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code s[from, to)} lies within {@code s} and is all digits 0-9. */
    public static boolean isDigits(String s, int from, int to) {
        if (to > s.length()) return false;
        for (int i = from; i < to; i++) if (!isDigit(s.charAt(i))) return false;
        return true;
    }

    /** An ASCII space, or with {@code wide} also a no-break space (U+00A0) or an ideographic space (U+3000). */
    private static boolean isSpace(char c, boolean wide) {
        return isAsciiSpace(c) || (wide && (c == '\u00A0' || c == '\u3000'));
    }

    /**
     * NFKC form (full width to half width and the like). ASCII and CJK unified ideographs, which make up nearly all
     * patent field values, are their own NFKC form and are returned without calling the normalizer.
     */
    public static String nfkc(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 && (c < 0x4E00 || c > 0x9FFF)) return Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        return s;
    }

    /** {@code s.substring(from, to).strip()} without the intermediate copy. */
    public static String strip(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) from++;
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    /**
     * Whitespace runs as one space, then {@link String#trim()}: {@code s.replaceAll("\\s+", " ").trim()}, with
     * {@code wide} also counting U+00A0 and U+3000 as whitespace.
     */
    public static String collapseAndTrim(String s, boolean wide) {
        int from = 0;
        int to = s.length();
        // trim() drops all control characters too, and the collapsed runs at either end
        while (from < to && trimmed(s.charAt(from), wide)) from++;
        while (to > from && trimmed(s.charAt(to - 1), wide)) to--;
        return collapse(s, from, to, wide);
    }

    private static boolean trimmed(char c, boolean wide) {
        return c <= ' ' || isSpace(c, wide);
    }

    /** Whitespace runs as one space, then {@link String#strip()}: {@code s.replaceAll("\\s+", " ").strip()}. */
    public static String collapseAndStrip(String s) {
        String t = s.strip(); // strip() drops more than \s, so stripping first gives the same result
        return collapse(t, 0, t.length(), false);
    }

    /** {@code s.substring(from, to)} with every run of spaces replaced by one {@code ' '}. */
    private static String collapse(String s, int from, int to, boolean wide) {
        int i = from;
        // common case: every space is a single ' ', nothing to replace
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c > ' ' && (!wide || (c != '\u00A0' && c != '\u3000'))) continue; // quick test for most characters
            if (isSpace(c, wide) && (c != ' ' || (i + 1 < to && isSpace(s.charAt(i + 1), wide)))) break;
        }
        if (i == to) return s.substring(from, to);
        StringBuilder out = new StringBuilder(to - from).append(s, from, i);
        boolean inRun = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (!isSpace(c, wide)) {
                out.append(c);
                inRun = false;
            } else if (!inRun) {
                out.append(' ');
                inRun = true;
            }
        }
        return out.toString();
    }

    /** {@code s} without regex {@code \s} characters. */
    public static String withoutAsciiSpaces(String s) {
        int i = 0;
        while (i < s.length() && !isAsciiSpace(s.charAt(i))) i++;
        if (i == s.length()) return s;
        char[] out = new char[s.length()];
        s.getChars(0, i, out, 0);
        int n = i;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiSpace(c)) out[n++] = c;
        }
        return new String(out, 0, n);
    }
}
