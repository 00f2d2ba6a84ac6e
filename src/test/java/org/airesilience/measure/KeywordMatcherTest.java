package org.airesilience.measure;

import org.airesilience.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordMatcherTest {
    private static final KeywordDictionary SMALL = KeywordDictionary.parse("""
            categories = [
              { id = "deep_learning", name = "深度学习", terms = ["深度学习", "神经网络", "deep learning", "neural network"],
                exclude = ["生物神经网络"], ipc = ["G06N3"] }
              { id = "intelligent_driving", name = "智能驾驶", terms = ["自动驾驶", "ADAS"], exclude = ["自动驾驶仪"],
                ipc = ["B60W30", "G05D1"] }
              { id = "cloud_computing", name = "云计算", terms = ["云计算", "cloud computing"], ipc = ["G06F9/50"] }
            ]
            corpus { tin = ["人工智能", "云计算", "大数据", "物联网"], ai = ["人工智能", "AI"] }
            """);
    private final KeywordMatcher matcher = new KeywordMatcher(SMALL);

    @Test
    void findsChineseTermsAnywhereInText() {
        assertEquals(List.of("deep_learning"), matcher.matchCategories("一种基于深度学习的缺陷检测方法"));
        assertEquals(List.of(), matcher.matchCategories("一种汽车座椅调节装置"));
        assertEquals(List.of(), matcher.matchCategories(""));
        assertEquals(List.of(), matcher.matchCategories(null));
    }

    @Test
    void countsEachCategoryOnceInDictionaryOrder() {
        String text = "云计算平台上的神经网络训练，神经网络用于自动驾驶；深度学习与云计算结合";
        assertEquals(List.of("deep_learning", "intelligent_driving", "cloud_computing"), matcher.matchCategories(text));
        assertEquals(0b111L, matcher.categoryMask(text));
    }

    @Test
    void overlappingTermsOfDifferentCategoriesBothCount() {
        KeywordDictionary d = KeywordDictionary.parse("""
                categories = [
                  { id = "a", terms = ["机器视觉"] }
                  { id = "b", terms = ["视觉识别"] }
                  { id = "c", terms = ["识别"] }
                ]
                """);
        assertEquals(List.of("a", "b", "c"), new KeywordMatcher(d).matchCategories("机器视觉识别系统"));
    }

    @Test
    void normalisesFullWidthAndCase() {
        assertEquals(List.of("deep_learning"), matcher.matchCategories("基于ＤＥＥＰ　ＬＥＡＲＮＩＮＧ的方法"));
        assertEquals(List.of("deep_learning"), matcher.matchCategories("Deep Learning based control"));
        assertEquals(List.of("intelligent_driving"), matcher.matchCategories("ａｄａｓ系统"));
        assertEquals(List.of("cloud_computing"), matcher.matchCategories("CLOUD COMPUTING"));
        // text outside the fast path (here a compatibility ideograph and an ellipsis) goes through full NFKC
        assertEquals(List.of("deep_learning"), matcher.matchCategories("﹙Neural Network﹚…"));
        // dictionary terms are normalised the same way
        KeywordDictionary d = KeywordDictionary.parse("categories = [{ id = \"x\", terms = [\"ＡＢＣ　Ｄ\"] }]");
        assertEquals(List.of("x"), new KeywordMatcher(d).matchCategories("abc d"));
    }

    @Test
    void englishTermsRespectWordBoundaries() {
        assertEquals(0, matcher.countTerms("MAIN DOMAIN FAIL").get("ai"));
        assertEquals(3, matcher.countTerms("AI, ai-based, (AI)").get("ai"));
        assertEquals(2, matcher.countTerms("AI芯片与人工智能").get("ai"));
        assertEquals(1, matcher.countTerms("发展ＡＩ产业").get("ai"));
        assertEquals(List.of(), matcher.matchCategories("the neural networks")); // plural needs its own term
        assertEquals(List.of(), matcher.matchCategories("deep learningX"));
        assertEquals(List.of(), matcher.matchCategories("xdeep learning"));
        assertEquals(List.of("deep_learning"), matcher.matchCategories("a neural network."));
        assertEquals(List.of("intelligent_driving"), matcher.matchCategories("基于ADAS的控制"));
        assertEquals(List.of(), matcher.matchCategories("roadASSIST adas2"));
    }

    @Test
    void termInsideExclusionPhraseDoesNotCount() {
        assertEquals(List.of(), matcher.matchCategories("一种飞机自动驾驶仪的伺服机构"));
        assertEquals(List.of(), matcher.matchCategories("生物神经网络的电刺激装置"));
        // another occurrence outside the phrase still counts
        assertEquals(List.of("intelligent_driving"), matcher.matchCategories("自动驾驶仪与自动驾驶汽车"));
        assertEquals(List.of("deep_learning"), matcher.matchCategories("生物神经网络启发的深度学习"));
        // an exclusion of one category does not suppress another category's term
        KeywordDictionary d = KeywordDictionary.parse("""
                categories = [
                  { id = "a", terms = ["机器人"], exclude = ["非智能机器人"] }
                  { id = "b", terms = ["机器人"] }
                ]
                """);
        assertEquals(List.of("b"), new KeywordMatcher(d).matchCategories("非智能机器人"));
    }

    @Test
    void countsCorpusTermFrequencies() {
        Map<String, Integer> c = matcher.countTerms("人工智能、云计算和大数据；物联网与人工智能。AI");
        assertEquals(Map.of("tin", 5, "ai", 3), c);
        assertEquals(List.of("tin", "ai"), List.copyOf(c.keySet()));
        assertEquals(Map.of("tin", 0, "ai", 0), matcher.countTerms("无关文本"));
        assertEquals(Map.of("tin", 0, "ai", 0), matcher.countTerms(null));
    }

    @Test
    void shorterTermInsideLongerTermOfSameMeasureCountsOnce() {
        KeywordDictionary d = KeywordDictionary.parse("""
                categories = [{ id = "x", terms = ["x"] }]
                corpus { data = ["大数据", "大数据分析"] }
                """);
        assertEquals(Map.of("data", 2), new KeywordMatcher(d).countTerms("大数据分析与大数据"));
    }

    @Test
    void ipcCodesCountOnlyAsConfigured() {
        String text = "一种图像处理方法";
        String ipc = "G06N 3/08;G06F0009/5027";
        KeywordMatcher ignore = new KeywordMatcher(SMALL, KeywordMatcher.IpcMode.IGNORE);
        KeywordMatcher or = new KeywordMatcher(SMALL, KeywordMatcher.IpcMode.OR);
        KeywordMatcher and = new KeywordMatcher(SMALL, KeywordMatcher.IpcMode.AND);
        assertEquals(0L, ignore.categoryMask(text, ipc));
        assertEquals(0b101L, or.categoryMask(text, ipc));
        assertEquals(0L, and.categoryMask(text, ipc));
        assertEquals(0b001L, and.categoryMask("深度学习与自动驾驶", ipc));
        assertEquals(0b011L, ignore.categoryMask("深度学习与自动驾驶", null));
        assertEquals(0b010L, or.categoryMask("", "B60W 30/09"));
        assertEquals(0L, or.categoryMask("", "B60W 3/00;G06N 30/00;G05D 10/00"));
    }

    @Test
    void ipcCodesMatchAtTheirLevel() {
        assertEquals("G06N3/08", IpcCodes.normalise(" g06n 0003/08 "));
        assertEquals("G06V", IpcCodes.normalise("G06V"));
        assertEquals(null, IpcCodes.normalise("not a code"));
        assertTrue(IpcCodes.covers("G06V", "G06V10/82"));
        assertTrue(IpcCodes.covers("G06N3", "G06N3/0464"));
        assertTrue(IpcCodes.covers("G06N3", "G06N3"));
        assertTrue(!IpcCodes.covers("G06N3", "G06N30/00"));
        assertTrue(IpcCodes.covers("G06F9/50", "G06F9/5027"));
        assertTrue(!IpcCodes.covers("G06F9/50", "G06F9/455"));
        assertTrue(!IpcCodes.covers("G06F9/50", "G06F9/5"));
    }

    @Test
    void ipcModeParsesConfigValues() {
        assertEquals(KeywordMatcher.IpcMode.IGNORE, KeywordMatcher.IpcMode.parse("false"));
        assertEquals(KeywordMatcher.IpcMode.OR, KeywordMatcher.IpcMode.parse("true"));
        assertEquals(KeywordMatcher.IpcMode.AND, KeywordMatcher.IpcMode.parse("AND"));
        assertThrows(IllegalArgumentException.class, () -> KeywordMatcher.IpcMode.parse("maybe"));
        assertEquals(KeywordMatcher.IpcMode.IGNORE, KeywordMatcher.create(Settings.defaults()).ipcMode());
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(matcher);
        }
        KeywordMatcher copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (KeywordMatcher) in.readObject();
        }
        assertEquals(List.of("intelligent_driving"), copy.matchCategories("自动驾驶仪与自动驾驶汽车"));
        assertEquals(Map.of("tin", 1, "ai", 2), copy.countTerms("AI 人工智能"));
    }
}
