package org.airesilience.region;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Region groups bundled with the gazetteer ({@code gazetteer/groups.conf}): the NBS east / central / west belts,
 * the four municipalities, and named lists of regions such as study B's 28 middle-Yangtze cities.
 */
public final class RegionGroups {
    public static final String RESOURCE = "gazetteer/groups.conf";

    private final Map<String, String> belt = new HashMap<>();
    private final Set<String> municipalities;
    private final Config config;

    private RegionGroups(Config config) {
        this.config = config;
        for (String b : List.of("east", "central", "west")) {
            for (String code : config.getStringList("region3." + b)) belt.put(code, b);
        }
        this.municipalities = Set.copyOf(config.getStringList("municipalities"));
    }

    public static RegionGroups load() {
        Config c = ConfigFactory.parseResources(RESOURCE).resolve();
        if (c.isEmpty()) throw new IllegalStateException("region groups missing from the classpath: " + RESOURCE);
        return new RegionGroups(c);
    }

    /** east, central or west for a province or city code (by its province), or null. */
    public String region3(String code) {
        return belt.get(code.substring(0, 2) + "0000");
    }

    /** Whether the code is a municipality, as a province (XX0000) or as its city-level unit (XX0100). */
    public boolean municipality(String code) {
        return municipalities.contains(code.substring(0, 2) + "0000") && (code.endsWith("0000") || code.endsWith("0100"));
    }

    /** Whether a classification (an object of category -> codes, such as region3) of this name is bundled. */
    public boolean hasClassification(String name) {
        String key = "\"" + name + "\"";
        return config.hasPath(key) && config.getValue(key).valueType() == com.typesafe.config.ConfigValueType.OBJECT;
    }

    /** The category of a classification the code belongs to (a city also by its province's code), or null. */
    public String category(String classification, String code) {
        Config c = config.getConfig("\"" + classification + "\"");
        String province = code.substring(0, 2) + "0000";
        for (String category : new java.util.TreeSet<>(c.root().keySet())) {
            List<String> codes = c.getStringList("\"" + category + "\"");
            if (codes.contains(code) || codes.contains(province)) return category;
        }
        return null;
    }

    /** The codes of a named list (e.g. middle-yangtze), or null when there is none. */
    public List<String> list(String name) {
        String key = "\"" + name + "\"";
        return config.hasPath(key) && config.getValue(key).valueType() == com.typesafe.config.ConfigValueType.LIST
                ? config.getStringList(key) : null;
    }
}
