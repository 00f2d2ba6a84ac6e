package org.airesilience.panel.catalog;

import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import org.airesilience.text.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The indicator catalogue ({@code conf/indicators.conf}, bundled as {@code indicators.conf}): indicators by id,
 * Chinese name or alias, and the unit conversions to their canonical units.
 */
public final class IndicatorCatalog {
    static final String SHARE = "share";
    private static final Set<String> LEVELS = Set.of("province", "city", "any");

    private final Map<String, Indicator> byId = new LinkedHashMap<>();
    private final Map<String, Indicator> byName = new HashMap<>();
    /** canonical unit -> normalised raw unit -> factor */
    private final Map<String, Map<String, Double>> conversions = new HashMap<>();
    private final String origin;

    private IndicatorCatalog(String origin) {
        this.origin = origin;
    }

    /**
     * The catalogue that {@code airesilience.panel.catalogue} names, found as every configured file is (the path,
     * else shipped with --files, else the jar; the bundled copy only for the default value); see
     * {@link Settings#file}.
     */
    public static IndicatorCatalog fromSettings(Config config) {
        Settings.SettingFile f = Settings.file(config, "panel.catalogue");
        return parse(f.parse().resolve(), f.location());
    }

    public static IndicatorCatalog parse(Config c, String origin) {
        IndicatorCatalog cat = new IndicatorCatalog(origin);
        try {
            if (c.hasPath("units")) {
                ConfigObject units = c.getObject("units");
                for (String canonical : units.keySet()) {
                    Map<String, Double> factors = new HashMap<>();
                    ConfigObject raw = (ConfigObject) units.get(canonical);
                    for (Map.Entry<String, ConfigValue> e : raw.entrySet()) {
                        factors.put(normalize(e.getKey()), ((Number) e.getValue().unwrapped()).doubleValue());
                    }
                    factors.put(normalize(canonical), 1.0);
                    cat.conversions.put(canonical, factors);
                }
            }
            for (Config ic : c.getConfigList("indicators")) {
                String where = origin + ":" + ic.origin().lineNumber();
                String id = ic.getString("id");
                String level = ic.hasPath("level") ? ic.getString("level") : "any";
                if (!LEVELS.contains(level)) throw new IllegalArgumentException(where + ": level must be province, city or any, got '" + level + "'");
                Indicator ind = new Indicator(id, ic.getString("name"),
                        ic.hasPath("aliases") ? ic.getStringList("aliases") : List.of(), ic.getString("unit"),
                        ic.hasPath("min") ? ic.getDouble("min") : Double.NEGATIVE_INFINITY,
                        ic.hasPath("max") ? ic.getDouble("max") : Double.POSITIVE_INFINITY, level);
                if (cat.byId.put(id, ind) != null) throw new IllegalArgumentException(where + ": duplicate indicator id " + id);
                List<String> names = new ArrayList<>(List.of(id, ind.name()));
                names.addAll(ind.aliases());
                for (String n : names) {
                    Indicator prev = cat.byName.putIfAbsent(normalize(n), ind);
                    if (prev != null && prev != ind) {
                        throw new IllegalArgumentException(where + ": name '" + n + "' of " + id + " already names " + prev.id());
                    }
                }
            }
        } catch (ConfigException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        return cat;
    }

    /** NFKC, lower case, white space removed: how names, units and headers are compared. */
    public static String normalize(String s) {
        if (s == null) return "";
        String t = Texts.nfkc(s).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (!Character.isWhitespace(ch) && ch != '\u3000') b.append(ch);
        }
        return b.toString();
    }

    /** The indicator a header or 指标 cell names (id, name or alias), or null. */
    public Indicator byName(String name) {
        return byName.get(normalize(name));
    }

    public Indicator byId(String id) {
        return byId.get(id);
    }

    public List<Indicator> all() {
        return List.copyOf(byId.values());
    }

    public String origin() {
        return origin;
    }

    /**
     * The factor taking a value in {@code rawUnit} to the indicator's canonical unit; 1 for an empty unit (the
     * canonical one assumed); empty when the unit cannot be converted.
     */
    public OptionalDouble factor(Indicator ind, String rawUnit) {
        String u = normalize(rawUnit);
        if (u.isEmpty() || u.equals(normalize(ind.unit()))) return OptionalDouble.of(1.0);
        Map<String, Double> f = conversions.get(ind.unit());
        Double factor = f == null ? null : f.get(u);
        return factor == null ? OptionalDouble.empty() : OptionalDouble.of(factor);
    }
}
