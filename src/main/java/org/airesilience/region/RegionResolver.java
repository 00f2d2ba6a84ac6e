package org.airesilience.region;

import org.airesilience.text.Texts;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Attributes a patent applicant to a province and, where possible, a prefecture-level city.
 *
 * <p>The province comes from, in order: the province-code field (a 2-digit GB/T 2260 code such as {@code 44},
 * a 6-digit code, or a province name), the applicant address, the 6-digit postal code. In an address the leftmost
 * place name wins (addresses run from province to street), longer names before shorter ones at the same place, so
 * {@code 内蒙古包头市} is Inner Mongolia and {@code 海南州共和县} is Qinghai's Hainan prefecture. The city is the first
 * city named in the address that lies in that province, else the longest matching postal-code prefix of a city in
 * that province; a municipality is its own city ({@code XX0100}).
 *
 * <p>Foreign applicants (a country code or country name in the province-code field, or a foreign country named in
 * the address before any Chinese place) and provinces listed as excluded are {@link Status#OUT_OF_SCOPE}.
 */
public final class RegionResolver implements Serializable {

    public enum Status {RESOLVED, OUT_OF_SCOPE, UNRESOLVABLE}

    /**
     * @param province 6-digit province code (also set for out-of-scope Chinese provinces), null if unknown
     * @param city     6-digit city code or null
     * @param source   what decided the province: province_code, address, postal_code (or null)
     * @param detail   why a record is out of scope or unresolvable
     */
    public record Resolution(Status status, String province, String city, String source, String detail)
            implements Serializable {
        public boolean resolved() {
            return status == Status.RESOLVED;
        }
    }

    /** Country names (Chinese and English) and ISO codes that mark a foreign applicant. */
    private static final List<String> COUNTRY_NAMES = List.of(
            "日本", "美国", "美利坚合众国", "韩国", "大韩民国", "朝鲜", "德国", "德意志联邦共和国", "法国", "英国", "瑞士",
            "瑞典", "荷兰", "芬兰", "意大利", "加拿大", "澳大利亚", "新西兰", "新加坡", "以色列", "印度", "俄罗斯",
            "比利时", "丹麦", "挪威", "奥地利", "西班牙", "葡萄牙", "爱尔兰", "卢森堡", "开曼群岛", "英属维尔京群岛",
            "维尔京群岛", "百慕大", "马来西亚", "泰国", "越南", "印度尼西亚", "菲律宾", "巴西", "墨西哥", "阿根廷",
            "沙特阿拉伯", "阿拉伯联合酋长国", "阿联酋", "南非", "蒙古国", "波兰", "捷克", "匈牙利", "希腊", "土耳其",
            "列支敦士登", "摩纳哥", "冰岛", "巴巴多斯", "塞舌尔", "毛里求斯", "萨摩亚", "乌克兰", "哈萨克斯坦",
            "japan", "united states", "usa", "u.s.a.", "korea", "germany", "france", "united kingdom", "england",
            "switzerland", "sweden", "netherlands", "finland", "italy", "canada", "australia", "new zealand",
            "singapore", "israel", "india", "russia", "belgium", "denmark", "norway", "austria", "spain", "portugal",
            "ireland", "luxembourg", "cayman islands", "virgin islands", "bermuda", "malaysia", "thailand", "vietnam",
            "brazil", "mexico", "south africa");
    private static final Set<String> CHINA_CODES = Set.of("CN", "CHN", "中国", "中华人民共和国");
    /** Short place names followed by one of these are street names (中山路, 北京路), not places. */
    private static final String STREET_SUFFIXES = "路街道巷弄里";
    private static final Set<String> MUNICIPALITIES = Set.of("110000", "120000", "310000", "500000");
    /** ISO codes of the Chinese regions outside the mainland's 31 provinces. */
    private static final Map<String, String> SPECIAL_REGION_CODES = Map.of("HK", "810000", "HKG", "810000",
            "MO", "820000", "MAC", "820000", "TW", "710000", "TWN", "710000");

    private record Name(Region region, boolean shortForm) implements Serializable {
    }

    private record Hit(int start, int end, Region region, boolean country) {
    }

    /**
     * A trie of all names, one character per edge: the names starting at a position are found in one walk along
     * the text instead of one lookup per candidate length.
     */
    private static final class NameNode implements Serializable {
        private char[] labels = new char[0];
        private NameNode[] children = new NameNode[0];
        /** The Chinese place name ending here. */
        private Name name;
        /** The Latin-script place name ending here. */
        private Region latin;
        /** Whether a country name ends here. */
        private boolean country;

        NameNode child(char c) {
            int k = Arrays.binarySearch(labels, c);
            return k >= 0 ? children[k] : null;
        }

        NameNode insert(String key) {
            NameNode node = this;
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                int k = Arrays.binarySearch(node.labels, c);
                if (k < 0) {
                    k = -k - 1;
                    node.labels = insertAt(node.labels, k, c);
                    NameNode[] kids = new NameNode[node.children.length + 1];
                    System.arraycopy(node.children, 0, kids, 0, k);
                    System.arraycopy(node.children, k, kids, k + 1, node.children.length - k);
                    kids[k] = new NameNode();
                    node.children = kids;
                }
                node = node.children[k];
            }
            return node;
        }

        private static char[] insertAt(char[] a, int k, char c) {
            char[] out = new char[a.length + 1];
            System.arraycopy(a, 0, out, 0, k);
            out[k] = c;
            System.arraycopy(a, k, out, k + 1, a.length - k);
            return out;
        }
    }

    private final Gazetteer gazetteer;
    private final Set<String> excluded;
    /**
     * Chinese place names (a province wins over a city of the same name, 吉林), Latin-script place names (lower case,
     * matched on word boundaries) and country names.
     */
    private final NameNode nameTrie = new NameNode();
    private final Map<String, Region> postalPrefixes = new HashMap<>();
    private final Set<String> countries;
    private int longestName;
    /** The trie's first level for CJK unified ideographs, by character: most addresses are written in them. */
    private final NameNode[] firstIdeograph = new NameNode[0x9FFF - 0x4E00 + 1];

    public RegionResolver(Gazetteer gazetteer, Collection<String> excludedProvinces) {
        this.gazetteer = gazetteer;
        this.excluded = Set.copyOf(excludedProvinces);
        for (Region r : gazetteer.all()) {
            add(r.name(), r, false);
            add(r.shortName(), r, true);
            r.aliases().forEach(a -> add(a, r, false));
            for (String p : r.postalPrefixes()) {
                // a city's prefix is more specific than its province's; the first city listed keeps a shared prefix
                postalPrefixes.putIfAbsent(p, r);
            }
        }
        this.countries = Set.copyOf(COUNTRY_NAMES);
        for (String c : COUNTRY_NAMES) {
            nameTrie.insert(c).country = true;
            longestName = Math.max(longestName, c.length());
        }
        for (char c = 0x4E00; c <= 0x9FFF; c++) firstIdeograph[c - 0x4E00] = nameTrie.child(c);
    }

    private void add(String text, Region r, boolean shortForm) {
        String key = normalize(text);
        if (key.isEmpty()) return;
        NameNode node = nameTrie.insert(key);
        if (key.chars().anyMatch(ch -> ch < 128 && Character.isLetter(ch))) {
            if (node.latin == null) node.latin = r;
            return;
        }
        Name existing = node.name;
        if (existing == null || (!existing.region().isProvince() && r.isProvince())) {
            node.name = new Name(r, shortForm);
        }
        longestName = Math.max(longestName, key.length());
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    /** Full-width to half-width, lower case, no whitespace runs. */
    static String normalize(String s) {
        if (s == null) return "";
        return Texts.collapseAndTrim(Texts.nfkc(s).toLowerCase(Locale.ROOT), false);
    }

    /**
     * Resolves one applicant.
     *
     * @param provinceCode the province-code field (国省代码) or null
     * @param address      the applicant address or null
     * @param postalCode   the postal code or null (a 6-digit code inside the address is used when this is empty)
     */
    public Resolution resolve(String provinceCode, String address, String postalCode) {
        String addr = normalize(address);
        String postal = postalCode(postalCode, addr);
        Region province = null;
        String source = null;

        String code = normalize(provinceCode).toUpperCase(Locale.ROOT);
        if (!code.isEmpty()) {
            if ((code.length() == 2 || code.length() == 6) && Texts.isDigits(code, 0, code.length())) {
                province = gazetteer.byCode(code.substring(0, 2) + "0000").orElse(null);
            } else if (SPECIAL_REGION_CODES.containsKey(code)) {
                province = gazetteer.byCode(SPECIAL_REGION_CODES.get(code)).orElseThrow();
            } else if (CHINA_CODES.contains(code)) {
                province = null; // says only "China": fall through to the address
            } else if (isIsoCountryCode(code) || countries.contains(code.toLowerCase(Locale.ROOT))) {
                return new Resolution(Status.OUT_OF_SCOPE, null, null, "province_code", "foreign applicant (" + code + ")");
            } else {
                List<Hit> hits = hits(normalize(provinceCode));
                if (!hits.isEmpty() && hits.get(0).country()) {
                    return new Resolution(Status.OUT_OF_SCOPE, null, null, "province_code", "foreign applicant (" + provinceCode.trim() + ")");
                }
                if (!hits.isEmpty()) province = province(hits.get(0).region());
            }
            if (province != null) source = "province_code";
        }

        List<Hit> hits = hits(addr);
        if (province == null && !hits.isEmpty()) {
            Hit first = hits.get(0);
            if (first.country()) {
                return new Resolution(Status.OUT_OF_SCOPE, null, null, "address", "foreign applicant (" + addr.substring(first.start(), first.end()) + ")");
            }
            province = province(first.region());
            source = "address";
        }
        if (province == null && postal != null) {
            Region r = byPostalCode(postal);
            if (r != null) {
                province = province(r);
                source = "postal_code";
            }
        }
        if (province == null) {
            return new Resolution(Status.UNRESOLVABLE, null, null, null,
                    "no province in province code '" + nullToEmpty(provinceCode) + "', address '" + nullToEmpty(address)
                            + "' or postal code '" + nullToEmpty(postalCode) + "'");
        }
        String city = city(province, hits, postal);
        if (excluded.contains(province.code())) {
            return new Resolution(Status.OUT_OF_SCOPE, province.code(), city, source, "province " + province.code() + " " + province.shortName() + " is excluded");
        }
        return new Resolution(Status.RESOLVED, province.code(), city, source, null);
    }

    /** The province named by a text (an applicant name or address), or null: used for co-applicants. */
    public String provinceNamedIn(String text) {
        List<Hit> hits = hits(normalize(text));
        if (hits.isEmpty() || hits.get(0).country()) return null;
        return province(hits.get(0).region()).code();
    }

    private String city(Region province, List<Hit> hits, String postal) {
        if (municipality(province)) {
            return gazetteer.byCode(province.code().substring(0, 2) + "0100").map(Region::code).orElse(null);
        }
        for (Hit h : hits) {
            if (!h.country() && !h.region().isProvince() && h.region().provinceCode().equals(province.code())) {
                return h.region().code();
            }
        }
        if (postal != null) {
            Region r = byPostalCode(postal);
            if (r != null && !r.isProvince() && r.provinceCode().equals(province.code())) return r.code();
        }
        return null;
    }

    private static boolean municipality(Region province) {
        return MUNICIPALITIES.contains(province.code());
    }

    private Region province(Region r) {
        return r.isProvince() ? r : gazetteer.byCode(r.provinceCode()).orElseThrow();
    }

    private Region byPostalCode(String postal) {
        for (int len = postal.length(); len >= 2; len--) {
            Region r = postalPrefixes.get(postal.substring(0, len));
            if (r != null) return r;
        }
        return null;
    }

    /** {@code [A-Z]{2,3}} */
    private static boolean isIsoCountryCode(String code) {
        if (code.length() < 2 || code.length() > 3) return false;
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < 'A' || code.charAt(i) > 'Z') return false;
        }
        return true;
    }

    /** The postal-code field when it is 6 digits, else the first run of exactly 6 digits in the address. */
    private static String postalCode(String field, String addr) {
        String f = normalize(field).replace(" ", "");
        if (f.length() == 6 && Texts.isDigits(f, 0, 6)) return f;
        int i = 0;
        while (i < addr.length()) {
            if (!Texts.isDigit(addr.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < addr.length() && Texts.isDigit(addr.charAt(i))) i++;
            if (i - start == 6) return addr.substring(start, i);
        }
        return null;
    }

    /** Leftmost-longest, non-overlapping place and country names in a normalised text. */
    private List<Hit> hits(String text) {
        List<Hit> out = new ArrayList<>();
        NameNode[] path = new NameNode[longestName + 1];
        int i = 0;
        int n = text.length();
        while (i < n) {
            Hit hit = null;
            char c = text.charAt(i);
            if (c < 128 && Character.isLetter(c)) {
                if (i == 0 || !Character.isLetter(text.charAt(i - 1))) hit = latinHit(text, i);
            } else {
                int depth = 0;
                NameNode first = c >= 0x4E00 && c <= 0x9FFF ? firstIdeograph[c - 0x4E00] : nameTrie.child(c);
                for (NameNode node = first; node != null && depth < longestName; ) {
                    path[++depth] = node;
                    node = i + depth < n ? node.child(text.charAt(i + depth)) : null;
                }
                for (int len = depth; len >= 2 && hit == null; len--) {
                    Name name = path[len].name;
                    if (name != null && !(name.shortForm() && streetFollows(text, i + len))) {
                        hit = new Hit(i, i + len, name.region(), false);
                    } else if (path[len].country) {
                        hit = new Hit(i, i + len, null, true);
                    }
                }
            }
            if (hit != null) {
                out.add(hit);
                i = hit.end();
            } else {
                i++;
            }
        }
        return out;
    }

    private Hit latinHit(String text, int i) {
        Hit best = null;
        NameNode node = nameTrie;
        for (int end = i; end < text.length() && (node = node.child(text.charAt(end))) != null; end++) {
            if ((node.latin != null || node.country) && wordEnds(text, end + 1)) {
                best = new Hit(i, end + 1, node.latin, node.latin == null);
            }
        }
        return best;
    }

    private static boolean wordEnds(String text, int end) {
        return end >= text.length() || !Character.isLetter(text.charAt(end));
    }

    private static boolean streetFollows(String text, int end) {
        if (end >= text.length()) return false;
        char next = text.charAt(end);
        if (STREET_SUFFIXES.indexOf(next) >= 0) return true;
        // 北京东路, 中山南路, 人民大道
        return end + 1 < text.length() && "东西南北中大".indexOf(next) >= 0 && "路街道".indexOf(text.charAt(end + 1)) >= 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
