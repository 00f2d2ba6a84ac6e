package org.airesilience.sample;

import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real-looking applicant addresses, province-code fields and postal codes for a given city, from the bundled
 * gazetteer. Street and district text is made up and checked to name no region at all, so the region an address
 * names is exactly the one intended.
 */
final class Addresses {
    private static final String[] SYLLABLES = ("科 创 新 华 兴 明 光 学 府 文 景 康 瑞 达 丰 泰 和 平 安 宁 祥 云 锦 翠 "
            + "松 柏 桂 梅 兰 竹 金 银 玉 星 月 阳 春 秋 东 西 南 北 中 湖 滨 江 河 海 山 林 园 桥 港 湾 汇 通 博 远 "
            + "长 盛 荣 昌 隆 益 嘉 福 德 仁 义 信 智 慧 新 城 工 业 技 术 望 青 红 紫 晨 曦 恒 鑫 宏 图").split(" ");
    private static final String[] ROAD_KINDS = {"路", "大道", "街", "北路", "南路", "东路", "西路", "中路", "大街"};
    private static final String[] ZONES = {"高新技术产业开发区", "经济技术开发区", "工业园区", "科技园", "软件园",
            "自由贸易试验区", "新材料产业园"};
    private static final String[] FOREIGN = {
            "JP|日本国东京都千代田区丸之内二丁目%d番%d号", "JP|日本国大阪府大阪市北区梅田%d丁目%d番",
            "US|美国加利福尼亚州圣克拉拉县%d号园区%d栋", "US|美国纽约州阿蒙克市新果园路%d号%d室",
            "KR|韩国首尔特别市瑞草区%d街%d号", "DE|德国慕尼黑维特尔斯巴赫广场%d号%d层",
            "FR|法国巴黎拉德芳斯区%d号%d层", "NL|荷兰埃因霍温高科技园区%d号%d栋"};

    private final Gazetteer gazetteer;
    private final Map<String, List<Region>> citiesByProvince = new LinkedHashMap<>();
    /** Every name, short name and alias (and aliases without their 区/县/市 suffix), by first character. */
    private final Map<Character, List<String>> tokensByFirstChar = new HashMap<>();
    private final Map<String, String> postalPrefixCity = new HashMap<>();
    private final Map<String, String> postalPrefixProvince = new HashMap<>();

    Addresses(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        for (Region r : gazetteer.all()) {
            if (r.level() == Region.Level.CITY) {
                citiesByProvince.computeIfAbsent(r.provinceCode(), k -> new ArrayList<>()).add(r);
                for (String p : r.postalPrefixes()) postalPrefixCity.put(p, r.code());
            } else {
                for (String p : r.postalPrefixes()) postalPrefixProvince.put(p, r.code());
            }
            List<String> names = new ArrayList<>(List.of(r.name(), r.shortName()));
            for (String a : r.aliases()) {
                names.add(a);
                if (a.length() > 2 && (a.endsWith("区") || a.endsWith("县") || a.endsWith("市"))) {
                    names.add(a.substring(0, a.length() - 1));
                }
            }
            for (String n : names) {
                if (n.length() < 2 || n.chars().allMatch(c -> c < 0x80)) continue;
                List<String> tokens = tokensByFirstChar.computeIfAbsent(n.charAt(0), k -> new ArrayList<>());
                if (!tokens.contains(n)) tokens.add(n);
            }
        }
    }

    Region province(String code) {
        return gazetteer.byCode(code).orElseThrow(() -> new IllegalArgumentException("not in the gazetteer: " + code));
    }

    List<Region> cities(String provinceCode) {
        return citiesByProvince.getOrDefault(provinceCode, List.of());
    }

    /** The capital (first listed city) with weight 0.4, the others uniformly. */
    Region pickCity(String provinceCode, SplittableRandom rnd) {
        List<Region> cs = cities(provinceCode);
        if (cs.isEmpty()) return null;
        if (cs.size() == 1 || rnd.nextDouble() < 0.4) return cs.get(0);
        return cs.get(1 + rnd.nextInt(cs.size() - 1));
    }

    /** Address forms a user meets: full, without province, with short names, province and street only. */
    enum Form {FULL, CITY_ONLY, SHORT_NAMES, PROVINCE_ONLY}

    /** An address in {@code city} (of {@code province}); the street part names no region. */
    String address(Region province, Region city, Form form, SplittableRandom rnd) {
        // A municipality's city shares the province's name: its addresses name it once.
        boolean municipality = city.name().equals(province.name());
        for (int attempt = 0; attempt < 100; attempt++) {
            String head = switch (form) {
                case FULL -> municipality ? city.name() : province.name() + city.name();
                case CITY_ONLY -> city.name();
                case SHORT_NAMES -> municipality ? city.shortName() + "市" : province.shortName() + city.shortName();
                case PROVINCE_ONLY -> province.name();
            };
            if (form != Form.PROVINCE_ONLY && rnd.nextBoolean()) {
                String district = countyOf(city, rnd);
                if (district != null) head += district;
            }
            String address = head + street(rnd);
            if (namesOnlyWithin(address, head.length())) return address;
        }
        throw new IllegalStateException("cannot build an address for " + city.name());
    }

    private static String countyOf(Region city, SplittableRandom rnd) {
        List<String> counties = city.aliases().stream()
                .filter(a -> a.length() >= 3 && (a.endsWith("区") || a.endsWith("县"))).toList();
        return counties.isEmpty() ? null : counties.get(rnd.nextInt(counties.size()));
    }

    /** Street, number and optionally a zone or building, naming no region. */
    String street(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        if (rnd.nextInt(4) == 0) s.append(ZONES[rnd.nextInt(ZONES.length)]);
        s.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]).append(SYLLABLES[rnd.nextInt(SYLLABLES.length)])
                .append(ROAD_KINDS[rnd.nextInt(ROAD_KINDS.length)]).append(1 + rnd.nextInt(999)).append('号');
        if (rnd.nextInt(3) == 0) s.append(1 + rnd.nextInt(30)).append("栋").append(101 + rnd.nextInt(2000)).append("室");
        return s.toString();
    }

    /** An address without any region name (unresolvable). */
    String placeless(SplittableRandom rnd) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String a = street(rnd);
            if (namesOnlyWithin(a, 0)) return a;
        }
        throw new IllegalStateException("cannot build a placeless address");
    }

    /** A foreign applicant: {country code, address}. */
    String[] foreign(SplittableRandom rnd) {
        String[] f = FOREIGN[rnd.nextInt(FOREIGN.length)].split("\\|");
        return new String[]{f[0], String.format(f[1], 1 + rnd.nextInt(9), 1 + rnd.nextInt(20))};
    }

    /** No region name occurs in the text except inside its first {@code headLength} characters. */
    boolean namesOnlyWithin(String text, int headLength) {
        for (int i = 0; i < text.length(); i++) {
            List<String> tokens = tokensByFirstChar.get(text.charAt(i));
            if (tokens == null) continue;
            for (String t : tokens) {
                if (i + t.length() > headLength && text.startsWith(t, i)) return false;
            }
        }
        return true;
    }

    /**
     * A postal code whose longest gazetteer prefix is the city's own (when the city has prefixes) or only the
     * province's; null when none can be made.
     */
    String postalCode(Region province, Region city, SplittableRandom rnd) {
        List<String> own = city != null && !city.postalPrefixes().isEmpty() ? city.postalPrefixes() : province.postalPrefixes();
        List<String> usable = own.stream().filter(p -> p.length() < 6 && p.chars().allMatch(Character::isDigit)).toList();
        if (usable.isEmpty()) return null;
        for (int attempt = 0; attempt < 50; attempt++) {
            String prefix = usable.get(rnd.nextInt(usable.size()));
            StringBuilder code = new StringBuilder(prefix);
            while (code.length() < 6) code.append(rnd.nextInt(10));
            String c = code.toString();
            String expectCity = city != null && !city.postalPrefixes().isEmpty() ? city.code() : null;
            if (province.code().equals(postalProvince(c)) && java.util.Objects.equals(expectCity, postalCity(c))) return c;
        }
        return null;
    }

    /** The city whose longest postal prefix starts the code, or null. */
    String postalCity(String code) {
        for (int len = Math.min(code.length(), 5); len >= 3; len--) {
            String c = postalPrefixCity.get(code.substring(0, len));
            if (c != null) return c;
        }
        return null;
    }

    String postalProvince(String code) {
        return postalPrefixProvince.get(code.substring(0, 2));
    }
}
