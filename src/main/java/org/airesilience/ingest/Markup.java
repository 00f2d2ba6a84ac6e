package org.airesilience.ingest;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the inline markup that patent dumps carry in titles, abstracts and claims ({@code <img file="..."
 * wi="546" he="71" />}, {@code <sub>}, {@code <br/>}, HTML entities) so keyword matching sees plain text.
 */
public final class Markup {
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9:_-]*(?:\\s[^<>]*)?/?\\s*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ", "ensp", " ", "emsp", " ", "middot", "·", "times", "×");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u3000]+");

    private Markup() {
    }

    /** Plain text: tags removed (a tag becomes a space), entities decoded, whitespace runs collapsed. */
    public static String strip(String text) {
        if (text == null) return null;
        String s = TAG.matcher(text).replaceAll(" ");
        if (s.indexOf('&') >= 0) s = decodeEntities(s);
        return SPACE.matcher(s).replaceAll(" ").trim();
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
