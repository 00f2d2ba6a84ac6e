package org.airesilience.measure;

import com.typesafe.config.Config;
import org.ahocorasick.trie.PayloadTrie;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the dictionary's categories and corpus terms in text with one Aho-Corasick automaton over every term and
 * exclusion phrase. Text is normalised first ({@link TextNormaliser}). A term occurrence counts unless it lies inside
 * an occurrence of an exclusion phrase of the same category; terms starting (ending) with a Latin letter or digit
 * need a word boundary on that side.
 *
 * <p>Serializable so that Spark can broadcast it; the automaton itself is rebuilt after deserialisation. Instances
 * are immutable and safe to share between threads.
 */
public final class KeywordMatcher implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the dictionary's IPC codes take part in category membership. */
    public enum IpcMode {
        /** Keywords alone decide (study A's keyword search). */
        IGNORE,
        /** A keyword or a code of the category. */
        OR,
        /** A keyword and a code of the same category. */
        AND;

        /** Reads {@code false}/{@code off}, {@code true}/{@code or}, {@code and}. */
        public static IpcMode parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "false", "off", "no", "ignore" -> IGNORE;
                case "true", "on", "yes", "or" -> OR;
                case "and" -> AND;
                default -> throw new IllegalArgumentException(
                        "airesilience.measure.use-ipc must be false, or or and; got '" + value + "'");
            };
        }
    }

    private final KeywordDictionary dictionary;
    private final IpcMode ipcMode;
    private final IpcCodes ipcCodes;

    private transient PayloadTrie<Integer> trie;
    private transient Keyword[] keywords;
    private transient boolean[] groupHasExclusions;
    /** Bit c set when char c occurs in some keyword: text outside runs of such chars cannot hold a match. */
    private transient long[] keywordChars;
    private transient int shortestKeyword;

    /** One distinct normalised keyword and the groups (categories, then corpus measures) it serves. */
    private record Keyword(boolean wordStart, boolean wordEnd, int[] groups, boolean[] exclusion) {
    }

    public KeywordMatcher(KeywordDictionary dictionary, IpcMode ipcMode) {
        this.dictionary = dictionary;
        this.ipcMode = ipcMode;
        this.ipcCodes = IpcCodes.of(dictionary.categories().stream().map(KeywordDictionary.Category::ipc).toList());
        build();
    }

    public KeywordMatcher(KeywordDictionary dictionary) {
        this(dictionary, IpcMode.IGNORE);
    }

    /** The dictionary and IPC mode named in the configuration ({@code airesilience.measure.keywords, use-ipc}). */
    public static KeywordMatcher create(Config config) {
        return new KeywordMatcher(KeywordDictionary.load(config),
                IpcMode.parse(config.getString("airesilience.measure.use-ipc")));
    }

    private void build() {
        List<KeywordDictionary.Category> categories = dictionary.categories();
        int nCategories = categories.size();
        int groups = nCategories + dictionary.corpus().size();
        groupHasExclusions = new boolean[groups];
        Map<String, List<int[]>> roles = new LinkedHashMap<>(); // keyword -> {group, isExclusion}
        for (int g = 0; g < nCategories; g++) {
            KeywordDictionary.Category c = categories.get(g);
            for (String t : c.terms()) addRole(roles, t, g, false);
            for (String t : c.exclude()) addRole(roles, t, g, true);
            groupHasExclusions[g] = !c.exclude().isEmpty();
        }
        int g = nCategories;
        for (List<String> terms : dictionary.corpus().values()) {
            for (String t : terms) addRole(roles, t, g, false);
            g++;
        }
        PayloadTrie.PayloadTrieBuilder<Integer> builder = PayloadTrie.builder();
        keywords = new Keyword[roles.size()];
        keywordChars = new long[1024];
        shortestKeyword = Integer.MAX_VALUE;
        int k = 0;
        for (Map.Entry<String, List<int[]>> e : roles.entrySet()) {
            String word = e.getKey();
            for (int i = 0; i < word.length(); i++) keywordChars[word.charAt(i) >>> 6] |= 1L << word.charAt(i);
            shortestKeyword = Math.min(shortestKeyword, word.length());
            List<int[]> r = e.getValue();
            int[] gs = new int[r.size()];
            boolean[] ex = new boolean[r.size()];
            for (int i = 0; i < gs.length; i++) {
                gs[i] = r.get(i)[0];
                ex[i] = r.get(i)[1] == 1;
            }
            keywords[k] = new Keyword(isWordChar(word.charAt(0)), isWordChar(word.charAt(word.length() - 1)), gs, ex);
            builder.addKeyword(word, k);
            k++;
        }
        trie = builder.build();
    }

    private static void addRole(Map<String, List<int[]>> roles, String term, int group, boolean exclusion) {
        List<int[]> r = roles.computeIfAbsent(TextNormaliser.normalise(term).strip(), x -> new ArrayList<>());
        for (int[] existing : r) {
            if (existing[0] == group && (existing[1] == 1) == exclusion) return;
        }
        r.add(new int[]{group, exclusion ? 1 : 0});
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        build();
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    public KeywordDictionary dictionary() {
        return dictionary;
    }

    public IpcMode ipcMode() {
        return ipcMode;
    }

    /** Bit i set when the text is in category i (dictionary order). */
    public long categoryMask(String text) {
        return mask(scan(text));
    }

    /** Category bits from the text and, as {@code airesilience.measure.use-ipc} says, the patent's IPC codes. */
    public long categoryMask(String text, String ipc) {
        return categoryMask(() -> categoryMask(text), ipc);
    }

    /**
     * As {@link #categoryMask(String, String)} for text already normalised by {@link TextNormaliser}: chars
     * {@code [0, length)} of {@code normalised}.
     */
    long normalisedCategoryMask(char[] normalised, int length, String ipc) {
        return categoryMask(() -> mask(scanNormalised(normalised, length)), ipc);
    }

    private long categoryMask(java.util.function.LongSupplier text, String ipc) {
        return switch (ipcMode) {
            case IGNORE -> text.getAsLong();
            case OR -> text.getAsLong() | ipcCodes.categoryMask(ipc);
            case AND -> {
                long codes = ipcCodes.categoryMask(ipc);
                yield codes == 0L ? 0L : text.getAsLong() & codes;
            }
        };
    }

    private long mask(Occurrences o) {
        return o == null ? 0L : o.categoryMask(dictionary.categories().size(), groupHasExclusions);
    }

    /** Ids of the categories the text is in, in dictionary order. */
    public List<String> matchCategories(String text) {
        return categoryIds(categoryMask(text));
    }

    /** Ids of the categories whose bits are set. */
    public List<String> categoryIds(long mask) {
        List<String> ids = new ArrayList<>();
        List<KeywordDictionary.Category> cs = dictionary.categories();
        for (int i = 0; i < cs.size(); i++) {
            if ((mask & (1L << i)) != 0) ids.add(cs.get(i).id());
        }
        return ids;
    }

    /**
     * Frequency of each corpus measure's terms in the text (measure name to count, dictionary order). Every
     * occurrence counts, except one lying inside a longer occurrence of a term of the same measure.
     */
    public Map<String, Integer> countTerms(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Occurrences o = scan(text);
        int g = dictionary.categories().size();
        for (String measure : dictionary.corpus().keySet()) {
            counts.put(measure, o == null ? 0 : o.count(g, groupHasExclusions[g]));
            g++;
        }
        return counts;
    }

    /**
     * All accepted term and exclusion occurrences, or null when there is none (the common case). Only the runs of
     * text made of keyword characters go through the automaton; most of a patent's text is skipped by a bit test.
     */
    private Occurrences scan(String text) {
        if (text == null || text.isEmpty()) return null;
        String t = TextNormaliser.normalise(text);
        return scanNormalised(t.toCharArray(), t.length());
    }

    private Occurrences scanNormalised(char[] t, int n) {
        Scan scan = new Scan(t, n);
        int i = 0;
        while (i < n) {
            while (i < n && !isKeywordChar(t[i])) i++;
            int runStart = i;
            while (i < n && isKeywordChar(t[i])) i++;
            if (i - runStart >= shortestKeyword) {
                scan.run(runStart, i);
                trie.parseText(scan, scan);
            }
        }
        return scan.found;
    }

    private boolean isKeywordChar(char c) {
        return (keywordChars[c >>> 6] & (1L << c)) != 0;
    }

    /** One text being scanned: the current run as a CharSequence for the automaton, and the occurrences found. */
    private final class Scan implements CharSequence, org.ahocorasick.trie.handler.PayloadEmitHandler<Integer> {
        final char[] text;
        final int textLength;
        int offset;
        int length;
        Occurrences found;

        Scan(char[] text, int textLength) {
            this.text = text;
            this.textLength = textLength;
        }

        void run(int from, int to) {
            offset = from;
            length = to - from;
        }

        @Override
        public boolean emit(org.ahocorasick.trie.PayloadEmit<Integer> emit) {
            int start = offset + emit.getStart();
            int end = offset + emit.getEnd();
            Keyword k = keywords[emit.getPayload()];
            if (k.wordStart && start > 0 && isWordChar(text[start - 1])) return true;
            if (k.wordEnd && end + 1 < textLength && isWordChar(text[end + 1])) return true;
            if (found == null) found = new Occurrences();
            for (int i = 0; i < k.groups.length; i++) found.add(k.groups[i], start, end, k.exclusion[i]);
            return true;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return text[offset + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(text, offset + start, end - start);
        }

        @Override
        public String toString() {
            return new String(text, offset, length);
        }
    }

    /** Occurrences of one text as parallel arrays: group, first and last char index, exclusion flag. */
    private static final class Occurrences {
        int size;
        int[] group = new int[8];
        int[] start = new int[8];
        int[] end = new int[8];
        boolean[] exclusion = new boolean[8];

        void add(int g, int s, int e, boolean ex) {
            if (size == group.length) {
                int n = size * 2;
                group = java.util.Arrays.copyOf(group, n);
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
                exclusion = java.util.Arrays.copyOf(exclusion, n);
            }
            group[size] = g;
            start[size] = s;
            end[size] = e;
            exclusion[size] = ex;
            size++;
        }

        long categoryMask(int nCategories, boolean[] hasExclusions) {
            long mask = 0L;
            for (int i = 0; i < size; i++) {
                int g = group[i];
                if (g >= nCategories || exclusion[i] || (mask & (1L << g)) != 0) continue;
                if (!hasExclusions[g] || !insideExclusion(i)) mask |= 1L << g;
            }
            return mask;
        }

        int count(int g, boolean hasExclusions) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (group[i] != g || exclusion[i]) continue;
                if (hasExclusions && insideExclusion(i)) continue;
                if (!insideLongerTerm(i)) n++;
            }
            return n;
        }

        private boolean insideExclusion(int i) {
            for (int j = 0; j < size; j++) {
                if (exclusion[j] && group[j] == group[i] && start[j] <= start[i] && end[i] <= end[j]) return true;
            }
            return false;
        }

        private boolean insideLongerTerm(int i) {
            for (int j = 0; j < size; j++) {
                if (j != i && !exclusion[j] && group[j] == group[i] && start[j] <= start[i] && end[i] <= end[j]
                        && end[j] - start[j] > end[i] - start[i]) {
                    return true;
                }
            }
            return false;
        }
    }
}
