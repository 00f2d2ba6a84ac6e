package org.airesilience.ingest;

import org.airesilience.text.Texts;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the inline markup that patent dumps carry in titles, abstracts and claims ({@code <img file="..."
 * wi="546" he="71" />}, {@code <sub>}, {@code <br/>}, HTML entities) so keyword matching sees plain text.
 */
public final class Markup {
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ", "ensp", " ", "emsp", " ", "middot", "·", "times", "×");

    private Markup() {
    }

    /** Plain text: tags removed (a tag becomes a space), entities decoded, whitespace runs collapsed. */
    public static String strip(String text) {
        if (text == null) return null;
        String s = text.indexOf('<') >= 0 ? withoutTags(text) : text;
        if (s.indexOf('&') >= 0) s = decodeEntities(s);
        return Texts.collapseAndTrim(s, true);
    }

    /** Every tag replaced by a space, left to right, tags not overlapping. */
    private static String withoutTags(String s) {
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        int lt;
        while ((lt = s.indexOf('<', from)) >= 0) {
            int end = tagEnd(s, lt);
            if (end < 0) {
                from = lt + 1;
                continue;
            }
            if (out == null) out = new StringBuilder(s.length());
            out.append(s, copied, lt).append(' ');
            copied = from = end;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /**
     * End (exclusive) of the tag opened by the {@code '<'} at {@code lt}, or -1 when none starts there. A tag is
     * {@code </?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]*)?/?\s*>}: a name, then either attributes (after whitespace, up to
     * the first {@code '>'}, no {@code '<'} in between) or an optional {@code '/'} and whitespace before the
     * {@code '>'}.
     */
    private static int tagEnd(String s, int lt) {
        int n = s.length();
        int i = lt + 1;
        if (i < n && s.charAt(i) == '/') i++;
        if (i >= n || !isLetter(s.charAt(i))) return -1;
        i++;
        while (i < n && isNameChar(s.charAt(i))) i++;
        if (i < n && Texts.isAsciiSpace(s.charAt(i))) {
            while (i < n && s.charAt(i) != '<' && s.charAt(i) != '>') i++;
        } else {
            if (i < n && s.charAt(i) == '/') i++;
            while (i < n && Texts.isAsciiSpace(s.charAt(i))) i++;
        }
        return i < n && s.charAt(i) == '>' ? i + 1 : -1;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNameChar(char c) {
        return isLetter(c) || Texts.isDigit(c) || c == ':' || c == '_' || c == '-';
    }

    private static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String replacement;
            if (e.charAt(0) == '#') {
                int cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                replacement = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
            } else {
                replacement = NAMED.getOrDefault(e.toLowerCase(), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
