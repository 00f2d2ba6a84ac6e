package org.airesilience.panel.yearbook;

import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Region cells matched through the gazetteer: full name, short name, alias or GB/T 2260 code (6 digits, or 2 for a
 * province), at either level; a name both levels share (北京市, 吉林) is taken at the panel's level. A region of the
 * gazetteer outside the panel is {@link Kind#OUTSIDE}; 全国, 中国 and "national" are the national row.
 */
public final class GazetteerRegions implements RegionIndex {
    public static final Set<String> NATIONAL_NAMES = Set.of("全国", "中国", "全国合计", "全国总计", "national", "china",
            "nationwide", "100000", "000000");

    private final List<String> codes;
    private final List<String> names;
    private final Map<String, Integer> panelIndex = new HashMap<>();
    /** normalised name -> regions it names (both levels) */
    private final Map<String, List<Region>> byName = new HashMap<>();
    private final Region.Level level;
    private final Map<String, Match> cache = new ConcurrentHashMap<>();

    public GazetteerRegions(Gazetteer gazetteer, Region.Level level, List<Region> panel) {
        this.level = level;
        this.codes = panel.stream().map(Region::code).toList();
        this.names = panel.stream().map(Region::name).toList();
        for (int i = 0; i < codes.size(); i++) panelIndex.put(codes.get(i), i);
        for (Region r : gazetteer.all()) {
            List<String> keys = new ArrayList<>(List.of(r.code(), r.name(), r.shortName()));
            keys.addAll(r.aliases());
            if (r.isProvince()) keys.add(r.code().substring(0, 2));
            for (String k : keys) {
                List<Region> list = byName.computeIfAbsent(IndicatorCatalog.normalize(k), x -> new ArrayList<>(2));
                if (!list.contains(r)) list.add(r);
            }
        }
    }

    @Override
    public List<String> codes() {
        return codes;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public Match match(String cell) {
        if (cell == null) return Match.UNKNOWN;
        return cache.computeIfAbsent(cell, this::resolve);
    }

    private Match resolve(String cell) {
        String key = IndicatorCatalog.normalize(cell);
        if (NATIONAL_NAMES.contains(key)) return Match.NATIONAL;
        List<Region> found = byName.get(key);
        if (found == null || found.isEmpty()) return Match.UNKNOWN;
        Region chosen = found.stream().filter(r -> r.level() == level).findFirst().orElse(found.get(0));
        Integer i = panelIndex.get(chosen.code());
        return i == null ? new Match(Kind.OUTSIDE, -1, chosen.code()) : new Match(Kind.PANEL, i, chosen.code());
    }
}
