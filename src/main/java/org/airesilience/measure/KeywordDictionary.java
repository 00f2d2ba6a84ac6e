package org.airesilience.measure;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;
import org.airesilience.config.Settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AI keyword dictionary (conf/keywords.conf): technology categories with terms, exclusion phrases and IPC codes,
 * and the term lists of the text-corpus measures. Plain data, validated on load.
 */
public final class KeywordDictionary implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    /** Column names of ai_measure and text_measure that a category or corpus measure must not take. */
    private static final Set<String> RESERVED_CATEGORY = Set.of("region_code", "region_name", "year", "ai_patents", "ai");
    private static final Set<String> RESERVED_CORPUS = Set.of("region_code", "region_name", "year");
    /** Categories are carried as bits of a long per patent. */
    static final int MAX_CATEGORIES = 64;

    /** One technology category; {@code id} is also its column name in ai_measure. */
    public record Category(String id, String name, List<String> terms, List<String> exclude, List<String> ipc)
            implements Serializable {
    }

    private final String source;
    private final List<Category> categories;
    private final Map<String, List<String>> corpus;

    public KeywordDictionary(String source, List<Category> categories, Map<String, List<String>> corpus) {
        this.source = source;
        this.categories = List.copyOf(categories);
        this.corpus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
        validate();
    }

    /**
     * Loads the dictionary named by {@code airesilience.measure.keywords}: a file, or {@code classpath:NAME}; the
     * copy bundled in the jar only for the default value when conf/keywords.conf is absent (a configured file
     * that does not exist is an error naming the setting).
     */
    public static KeywordDictionary load(Config config) {
        Settings.SettingFile f = Settings.file(config, "measure.keywords");
        Config parsed = f.file() != null
                ? ConfigFactory.parseFile(f.file().toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                : ConfigFactory.parseURL(f.resource(), ConfigParseOptions.defaults().setAllowMissing(false));
        return fromConfig(parsed.resolve(), f.location());
    }

    /** Parses HOCON text, e.g. a dictionary written in a test. */
    public static KeywordDictionary parse(String hocon) {
        return fromConfig(ConfigFactory.parseString(hocon).resolve(), "string");
    }

    static KeywordDictionary fromConfig(Config c, String source) {
        try {
            List<Category> categories = new ArrayList<>();
            for (Config cat : c.getConfigList("categories")) {
                String id = cat.getString("id");
                categories.add(new Category(id,
                        cat.hasPath("name") ? cat.getString("name") : id,
                        cat.getStringList("terms"),
                        cat.hasPath("exclude") ? cat.getStringList("exclude") : List.of(),
                        cat.hasPath("ipc") ? cat.getStringList("ipc") : List.of()));
            }
            Map<String, List<String>> corpus = new LinkedHashMap<>();
            if (c.hasPath("corpus")) {
                Config cc = c.getConfig("corpus");
                for (String key : cc.root().keySet()) {
                    if (cc.getValue(key).valueType() != ConfigValueType.LIST) {
                        throw new IllegalArgumentException("keyword dictionary " + source + ": corpus." + key
                                + " must be a list of terms");
                    }
                    corpus.put(key, cc.getStringList(key));
                }
            }
            return new KeywordDictionary(source, categories, corpus);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("keyword dictionary " + source + ": " + e.getMessage(), e);
        }
    }

    private void validate() {
        if (categories.isEmpty()) fail("no categories");
        if (categories.size() > MAX_CATEGORIES) fail("more than " + MAX_CATEGORIES + " categories");
        Set<String> ids = new HashSet<>();
        for (Category c : categories) {
            checkId(c.id(), "category", RESERVED_CATEGORY);
            if (!ids.add(c.id())) fail("category id '" + c.id() + "' appears twice");
            if (c.terms().isEmpty()) fail("category '" + c.id() + "' has no terms");
            checkTerms(c.terms(), "category '" + c.id() + "' terms");
            checkTerms(c.exclude(), "category '" + c.id() + "' exclude");
            for (String code : c.ipc()) {
                if (IpcCodes.normalise(code) == null) fail("category '" + c.id() + "': not an IPC code: '" + code + "'");
            }
        }
        for (Map.Entry<String, List<String>> e : corpus.entrySet()) {
            checkId(e.getKey(), "corpus measure", RESERVED_CORPUS);
            if (e.getValue().isEmpty()) fail("corpus measure '" + e.getKey() + "' has no terms");
            checkTerms(e.getValue(), "corpus measure '" + e.getKey() + "'");
        }
    }

    private void checkId(String id, String what, Set<String> reserved) {
        if (!ID.matcher(id).matches()) {
            fail(what + " id '" + id + "' must be lower-case letters, digits and _, starting with a letter");
        }
        if (reserved.contains(id)) fail(what + " id '" + id + "' is a reserved column name");
    }

    private void checkTerms(List<String> terms, String what) {
        for (String t : terms) {
            if (TextNormaliser.normalise(t).isBlank()) fail(what + ": empty term");
        }
    }

    private void fail(String message) {
        throw new IllegalArgumentException("keyword dictionary " + source + ": " + message);
    }

    public String source() {
        return source;
    }

    public List<Category> categories() {
        return categories;
    }

    public List<String> categoryIds() {
        return categories.stream().map(Category::id).toList();
    }

    /** Corpus measure name (e.g. tin, ai) to its terms, in file order. */
    public Map<String, List<String>> corpus() {
        return corpus;
    }
}
