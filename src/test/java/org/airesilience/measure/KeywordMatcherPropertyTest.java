package org.airesilience.measure;

import org.airesilience.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The automaton agrees with a brute-force search (indexOf over every term) on random texts built from terms. */
class KeywordMatcherPropertyTest {
    private final KeywordDictionary dictionary = KeywordDictionary.load(Settings.defaults());
    private final KeywordMatcher matcher = new KeywordMatcher(dictionary);

    @Test
    void agreesWithBruteForceOnRandomTexts() {
        List<String> pieces = new ArrayList<>();
        for (KeywordDictionary.Category c : dictionary.categories()) {
            c.terms().forEach(t -> pieces.add(t.length() > 2 ? t.substring(0, t.length() - 1) : t));
            pieces.addAll(c.terms());
            pieces.addAll(c.exclude());
        }
        pieces.addAll(List.of("的", "一种", "方法", " ", "x", "MAIN", "Ａ", "I", "-", "系统", "数据", "飞机", "非", "生物"));
        Random random = new Random(42);
        int hits = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(12);
            for (int i = 0; i < len; i++) sb.append(pieces.get(random.nextInt(pieces.size())));
            String text = sb.toString();
            long expected = bruteForce(text);
            assertEquals(expected, matcher.categoryMask(text), text);
            if (expected != 0) hits++;
        }
        assertEquals(true, hits > 1000, "hits " + hits);
    }

    private long bruteForce(String text) {
        String t = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        long mask = 0;
        List<KeywordDictionary.Category> cs = dictionary.categories();
        for (int c = 0; c < cs.size(); c++) {
            for (String term : cs.get(c).terms()) {
                String k = term.toLowerCase(Locale.ROOT);
                for (int at = t.indexOf(k); at >= 0; at = t.indexOf(k, at + 1)) {
                    if (boundaryOk(t, k, at) && !inside(t, at, at + k.length(), cs.get(c).exclude())) mask |= 1L << c;
                }
            }
        }
        return mask;
    }

    private static boolean boundaryOk(String t, String k, int at) {
        int end = at + k.length();
        if (word(k.charAt(0)) && at > 0 && word(t.charAt(at - 1))) return false;
        return !(word(k.charAt(k.length() - 1)) && end < t.length() && word(t.charAt(end)));
    }

    private static boolean word(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean inside(String t, int from, int to, List<String> exclusions) {
        for (String x : exclusions) {
            for (int at = t.indexOf(x); at >= 0; at = t.indexOf(x, at + 1)) {
                if (at <= from && to <= at + x.length() && boundaryOk(t, x, at)) return true;
            }
        }
        return false;
    }
}
