package org.airesilience.ingest.format;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps CSV/TSV headers, JSON keys and TRS field names to the canonical field names. Built in: the canonical names,
 * the headers of common Chinese patent exports (full- and half-width brackets alike) and their English equivalents;
 * more come from {@code airesilience.ingest.columns}.
 */
public final class FieldMapping implements Serializable {
    public static final List<String> CANONICAL = Arrays.stream(Field.values()).map(Field::canonicalName).toList();
    /** Bound on the headers remembered, as TRS and JSON sources may bring any number of unknown names. */
    private static final int MAX_REMEMBERED = 4096;

    private static final Pattern IGNORED = Pattern.compile("[\\s_.\"'\\uFEFF]");
    private static final Map<String, List<String>> BUILT_IN = Map.ofEntries(
            Map.entry("application_number", List.of("申请号", "申请号码", "专利申请号", "申请专利号", "application number",
                    "application no", "appl no", "appln no", "app no", "application id")),
            Map.entry("application_date", List.of("申请日", "申请日期", "申请时间", "application date", "filing date",
                    "appl date", "app date")),
            Map.entry("publication_number", List.of("公开(公告)号", "公开公告号", "公开号", "公告号", "公开(公布)号", "公布号",
                    "授权公告号", "publication number", "publication no", "pub no", "pub number", "grant number")),
            Map.entry("publication_date", List.of("公开(公告)日", "公开公告日", "公开日", "公告日", "公开(公布)日", "公布日",
                    "公开日期", "授权公告日", "publication date", "pub date", "grant date")),
            Map.entry("title", List.of("名称", "标题", "发明名称", "专利名称", "title", "invention title", "name")),
            Map.entry("abstract", List.of("摘要", "abstract", "summary")),
            Map.entry("claims", List.of("主权项", "权利要求", "权利要求书", "首项权利要求", "claims", "claim", "main claim",
                    "first claim", "independent claim")),
            Map.entry("applicant", List.of("申请(专利权)人", "申请专利权人", "申请人", "专利权人", "申请人名称", "当前权利人",
                    "applicant", "applicants", "assignee", "applicant name", "applicant(s)")),
            Map.entry("inventor", List.of("发明(设计)人", "发明设计人", "发明人", "设计人", "inventor", "inventors",
                    "inventor(s)")),
            Map.entry("address", List.of("地址", "申请人地址", "申请(专利权)人地址", "专利权人地址", "address",
                    "applicant address")),
            Map.entry("province_code", List.of("国省代码", "省市代码", "国家/省市", "国省", "申请人国省代码", "province code",
                    "country/province code", "province")),
            Map.entry("postal_code", List.of("邮编", "邮政编码", "申请人邮编", "postal code", "postcode", "zip code", "zip")),
            Map.entry("ipc_main", List.of("主分类号", "主ipc", "主ipc分类号", "ipc主分类号", "ipc main", "main ipc",
                    "main classification", "primary ipc")),
            Map.entry("ipc", List.of("分类号", "ipc分类号", "ipc", "classification", "ipc classification", "ipc codes")),
            Map.entry("patent_type", List.of("专利类型", "类型", "申请类型", "patent type", "type", "kind")));

    private final Map<String, Field> byKey;
    /** Headers as written, looked up before: TRS and JSON sources name their fields again in every record. */
    private final Map<String, Field> known = new ConcurrentHashMap<>();
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();

    private FieldMapping(Map<String, Field> byKey) {
        this.byKey = byKey;
    }

    /** The built-in mapping plus {@code extra} (header to canonical name), which wins on conflicts. */
    public static FieldMapping of(Map<String, String> extra) {
        Map<String, Field> m = new HashMap<>();
        for (Field f : Field.values()) m.put(key(f.canonicalName()), f);
        BUILT_IN.forEach((canonical, names) -> names.forEach(n -> m.put(key(n), Field.byCanonicalName(canonical))));
        extra.forEach((header, canonical) -> {
            Field f = Field.byCanonicalName(canonical);
            if (f == null) {
                throw new IllegalArgumentException("airesilience.ingest.columns: '" + header + "' maps to unknown field '"
                        + canonical + "'; fields are " + CANONICAL);
            }
            m.put(key(header), f);
        });
        return new FieldMapping(m);
    }

    public static FieldMapping builtIn() {
        return of(Map.of());
    }

    /** The canonical field name for a header, or null when the header is not recognised. */
    public String canonical(String header) {
        Field f = field(header);
        return f == null ? null : f.canonicalName();
    }

    /** The canonical field for a header, or null when the header is not recognised. */
    public Field field(String header) {
        if (header == null) return null;
        Field f = known.get(header);
        if (f != null || unknown.contains(header)) return f;
        f = byKey.get(key(header));
        if (known.size() + unknown.size() < MAX_REMEMBERED) {
            if (f != null) known.put(header, f);
            else unknown.add(header);
        }
        return f;
    }

    /** Half width, lower case, without spaces, underscores, dots, quotes and a byte-order mark. */
    static String key(String header) {
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return IGNORED.matcher(s).replaceAll("");
    }
}
