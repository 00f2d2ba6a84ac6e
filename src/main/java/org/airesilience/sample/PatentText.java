package org.airesilience.sample;

import org.airesilience.measure.KeywordDictionary;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Titles, abstracts and claims of made-up patents. AI patents get terms of their categories planted from the keyword
 * dictionary; everything else comes from non-AI engineering vocabulary that is checked, when the generator starts,
 * to contain no dictionary term or exclusion phrase. Every text is verified with {@link ReferenceMatcher} to fall
 * in exactly the planted categories.
 */
final class PatentText {
    /** A generated text and the categories it falls in. */
    /** @param categories the categories, in dictionary order */
    record Text(String title, String abstractText, String claims, List<String> categories) {
    }

    private static final List<String> OBJECTS = List.of("轴承", "齿轮箱", "液压缸", "截止阀", "换热器", "电池模组",
            "光伏组件", "锂电池正极材料", "混凝土预制构件", "钢结构梁", "注塑模具", "传动轴", "密封圈", "电机转子",
            "干式变压器", "高压开关柜", "带式输送机", "空气过滤器", "涡旋压缩机", "风机叶片", "离心泵", "燃气锅炉",
            "管道接头", "印制电路板", "电连接器", "液晶显示面板", "水性涂料", "加氢催化剂", "聚酰亚胺薄膜", "氧化铝陶瓷",
            "纺织面料", "药物组合物", "中药制剂", "育苗装置", "滴灌系统", "包装箱", "汽车座椅", "铝合金门窗",
            "照明灯具", "散热器", "冷却塔", "数控刀具", "焊接夹具", "桥式起重机", "曳引电梯", "子午线轮胎",
            "盘式制动器", "离合器", "发动机缸体", "污水处理设备", "垃圾分拣设备", "粉末冶金零件", "光纤连接器", "锻件");
    private static final List<String> SUFFIXES = List.of("", "及其制备方法", "的制造方法", "装置", "系统", "组件",
            "的加工工艺", "检测方法", "安装结构");
    private static final List<String> PARTS = List.of("壳体", "底座", "支架", "端盖", "连接杆", "导向槽", "弹簧",
            "密封件", "固定板", "滑块", "转轴", "进料口", "出料口", "加热元件", "冷却管路", "缓冲垫", "调节螺栓",
            "定位销", "卡扣", "储液罐", "电极片", "隔膜", "导热层", "防护罩", "驱动电机", "减速器", "托盘", "夹持臂");
    private static final List<String> LINKS = List.of("螺栓", "焊接", "卡接", "铰接", "过盈配合", "法兰", "胶粘");
    private static final List<String> BENEFITS = List.of("结构简单，安装方便", "降低了生产成本", "延长了使用寿命",
            "密封性能好", "散热效率高", "便于维护和更换", "运行稳定可靠", "提高了加工精度", "减少了能耗",
            "降低了噪音", "提高了生产效率", "适用范围广");
    private static final List<String> PARAMETERS = List.of("温度", "压力", "振动信号", "电流", "转速", "表面缺陷",
            "运行状态", "位置信息", "负载变化", "磨损程度");
    private static final List<String> AI_ACTIONS = List.of("对%s进行分析", "实时监测%s", "预测%s", "识别%s",
            "对%s进行分类", "优化%s");
    private static final List<String> AI_OPENERS = List.of("一种基于%s的%s", "基于%s的%s", "一种利用%s的%s");

    private final List<KeywordDictionary.Category> categories;
    private final ReferenceMatcher matcher;
    private final List<String> objects;
    private final List<String> parts;
    private final List<String> benefits;
    private final List<String> parameters;
    private final List<String> suffixes;
    /** Exclusion phrases that, written alone, put a text in no category (traps for a matcher that ignores them). */
    private final List<String> traps;
    private final CharsetEncoder gbk = Charset.forName("GBK").newEncoder();

    PatentText(List<KeywordDictionary.Category> categories, ReferenceMatcher matcher) {
        this.categories = categories;
        this.matcher = matcher;
        this.objects = clean(OBJECTS);
        this.parts = clean(PARTS);
        this.benefits = clean(BENEFITS);
        this.parameters = clean(PARAMETERS);
        this.suffixes = clean(SUFFIXES);
        this.traps = categories.stream().flatMap(c -> c.exclude().stream())
                .filter(p -> matcher.categories(p).isEmpty() && gbk.canEncode(p)).distinct().toList();
        for (List<String> l : List.of(objects, parts, benefits, parameters)) {
            if (l.size() < 3) throw new IllegalStateException("the keyword dictionary covers the non-AI vocabulary: " + l);
        }
    }

    /** The vocabulary entries that contain no dictionary term or exclusion phrase and can be written in GBK. */
    private List<String> clean(List<String> words) {
        return words.stream().filter(w -> !matcher.mentionsAny(w) && gbk.canEncode(w)).toList();
    }

    List<String> categoryIds() {
        return categories.stream().map(KeywordDictionary.Category::id).toList();
    }

    /**
     * A text in exactly the planted categories (none: a non-AI patent, which with {@code trap} mentions an
     * exclusion phrase).
     */
    Text generate(List<String> planted, boolean trap, SplittableRandom rnd) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Text t = planted.isEmpty() ? plain(trap && !traps.isEmpty(), rnd) : ai(planted, rnd);
            if (t != null && verified(t, planted)) return t;
        }
        throw new IllegalStateException("cannot write a text in exactly the categories " + planted);
    }

    private boolean verified(Text t, List<String> planted) {
        Set<String> want = Set.copyOf(planted);
        // Abstracts start with 本发明, so no term can span the title and the abstract however they are joined.
        String a = stripMarkup(t.abstractText());
        return Set.copyOf(matcher.categories(t.title() + "\n" + a)).equals(want)
                && want.containsAll(matcher.categories(t.claims()));
    }

    private static final java.util.regex.Pattern MARKUP = java.util.regex.Pattern.compile("<[^>]*>");

    static String stripMarkup(String s) {
        return s.indexOf('<') < 0 ? s : MARKUP.matcher(s).replaceAll("");
    }

    private Text plain(boolean trap, SplittableRandom rnd) {
        String object = pick(objects, rnd);
        String title = "一种" + object + pick(suffixes, rnd);
        List<String> sentences = new ArrayList<>();
        String p1 = pick(parts, rnd), p2 = pick(parts, rnd), p3 = pick(parts, rnd);
        sentences.add("本发明公开了" + title + "，包括" + p1 + "、" + p2 + "和" + p3);
        sentences.add("所述" + p1 + "与" + p2 + "通过" + pick(LINKS, rnd) + "连接，所述" + p3 + "设置在"
                + p1 + "的一侧");
        if (trap) sentences.add("该方案不同于传统的" + pick(traps, rnd));
        sentences.add("本发明" + pick(benefits, rnd) + "，" + pick(benefits, rnd));
        String claims = "1.一种" + object + "，其特征在于，包括" + p1 + "和" + p2 + "，所述" + p2 + "安装于"
                + p1 + "内。";
        return new Text(title, join(sentences, rnd), claims, List.of());
    }

    private Text ai(List<String> planted, SplittableRandom rnd) {
        List<String> terms = planted.stream().map(id -> render(pick(category(id).terms(), rnd), rnd)).toList();
        String object = pick(objects, rnd);
        String param = pick(parameters, rnd);
        String title = String.format(pick(AI_OPENERS, rnd), terms.get(0), object + pick(List.of("故障诊断方法",
                "状态监测系统", "质量检测方法", "控制方法", "调度系统", "装置"), rnd));
        List<String> sentences = new ArrayList<>();
        sentences.add("本发明公开了" + (title.startsWith("一种") ? title : "一种" + title) + "，包括采集" + object
                + "的" + param + "，并进行预处理");
        for (int i = 0; i < terms.size(); i++) {
            String action = String.format(pick(AI_ACTIONS, rnd), pick(parameters, rnd));
            sentences.add((i == 0 ? "采用" : "结合") + terms.get(i) + "，" + action);
        }
        sentences.add("所述" + pick(parts, rnd) + "与" + pick(parts, rnd) + "通过" + pick(LINKS, rnd) + "连接");
        sentences.add("本发明" + pick(benefits, rnd) + "，提高了" + object + "的检测效率");
        String claims = "1.一种" + object + "的处理方法，其特征在于，包括：采集" + param + "；采用" + terms.get(0)
                + "得到结果。";
        List<String> inDictionaryOrder = categoryIds().stream().filter(planted::contains).toList();
        return new Text(title, join(sentences, rnd), claims, inDictionaryOrder);
    }

    private KeywordDictionary.Category category(String id) {
        for (KeywordDictionary.Category c : categories) if (c.id().equals(id)) return c;
        throw new IllegalArgumentException("no category " + id);
    }

    /** Latin terms as users write them: as listed, upper case, capitalised or in full-width letters. */
    private static String render(String term, SplittableRandom rnd) {
        if (term.chars().noneMatch(Character::isLetter) || term.chars().anyMatch(c -> c >= 0x2E80)) return term;
        return switch (rnd.nextInt(4)) {
            case 0 -> term.toUpperCase(Locale.ROOT);
            case 1 -> Arrays.stream(term.split(" ")).map(w -> w.isEmpty() ? w
                    : Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining(" "));
            case 2 -> term.chars().map(c -> c > 0x20 && c < 0x7F ? c + 0xFEE0 : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            default -> term;
        };
    }

    /** Sentences joined with 。, now and then an inline image between two of them, as in TRS dumps. */
    private static String join(List<String> sentences, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        int image = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(sentences.size()) : -1;
        for (int i = 0; i < sentences.size(); i++) {
            if (i == image) {
                s.append("<img file=\"").append(ApplicationNumbers.pad(rnd.nextInt(100_000_000), 8)).append(".gif\" wi=\"")
                        .append(200 + rnd.nextInt(500)).append("\" he=\"").append(40 + rnd.nextInt(200)).append("\" />");
            }
            s.append(sentences.get(i)).append('。');
        }
        return s.toString();
    }

    private static String pick(List<String> l, SplittableRandom rnd) {
        return l.get(rnd.nextInt(l.size()));
    }
}
