package org.airesilience.sample;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The matching rule of the keyword dictionary, implemented the slow and obvious way (one scan per term) so that the
 * generator's ground truth does not depend on the production matcher: text and terms are NFKC-normalised and
 * lower-cased; a term (or phrase) that begins or ends with a Latin letter or digit occurs only where that side is
 * not adjacent to another Latin letter or digit; a patent is in a category when one of its terms occurs outside every
 * occurrence of that category's exclusion phrases.
 */
final class ReferenceMatcher {
    /** One category with normalised terms and exclusion phrases. */
    record Category(String id, List<String> terms, List<String> exclude) {
    }

    private final List<Category> categories;

    ReferenceMatcher(List<Category> categories) {
        this.categories = categories.stream()
                .map(c -> new Category(c.id(), normaliseAll(c.terms()), normaliseAll(c.exclude())))
                .toList();
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static List<String> normaliseAll(List<String> terms) {
        return terms.stream().map(ReferenceMatcher::normalise).toList();
    }

    /** Category ids, in dictionary order, whose terms occur in the text outside their exclusion phrases. */
    Set<String> categories(String text) {
        String t = normalise(text);
        Set<String> out = new LinkedHashSet<>();
        for (Category c : categories) {
            if (matches(t, c)) out.add(c.id());
        }
        return out;
    }

    private static boolean matches(String t, Category c) {
        List<int[]> excluded = null;
        for (String term : c.terms()) {
            for (int at = find(t, term, 0); at >= 0; at = find(t, term, at + 1)) {
                if (excluded == null) excluded = occurrences(t, c.exclude());
                if (!inside(excluded, at, at + term.length())) return true;
            }
        }
        return false;
    }

    /** The next occurrence of {@code term} from {@code from} that respects word boundaries, or -1. */
    private static int find(String t, String term, int from) {
        for (int at = t.indexOf(term, from); at >= 0; at = t.indexOf(term, at + 1)) {
            int end = at + term.length();
            boolean startOk = !latin(term.charAt(0)) || at == 0 || !latin(t.charAt(at - 1));
            boolean endOk = !latin(term.charAt(term.length() - 1)) || end == t.length() || !latin(t.charAt(end));
            if (startOk && endOk) return at;
        }
        return -1;
    }

    private static boolean latin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static List<int[]> occurrences(String t, List<String> phrases) {
        List<int[]> spans = new ArrayList<>();
        for (String p : phrases) {
            for (int at = find(t, p, 0); at >= 0; at = find(t, p, at + 1)) {
                spans.add(new int[]{at, at + p.length()});
            }
        }
        return spans;
    }

    private static boolean inside(List<int[]> spans, int from, int to) {
        for (int[] s : spans) {
            if (s[0] <= from && to <= s[1]) return true;
        }
        return false;
    }

    /** Whether any term or exclusion phrase of any category occurs in the text. */
    boolean mentionsAny(String text) {
        String t = normalise(text);
        for (Category c : categories) {
            for (String term : c.terms()) if (find(t, term, 0) >= 0) return true;
            for (String p : c.exclude()) if (find(t, p, 0) >= 0) return true;
        }
        return false;
    }

    /** Occurrences of the terms in the text (each occurrence of each term counted). */
    static int count(String text, List<String> terms) {
        String t = normalise(text);
        int n = 0;
        for (String term : normaliseAll(terms)) {
            for (int at = find(t, term, 0); at >= 0; at = find(t, term, at + 1)) n++;
        }
        return n;
    }
}
