package org.airesilience.measure;

import org.airesilience.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordDictionaryTest {
    private static final List<String> STUDY_A = List.of("deep_learning", "speech_recognition",
            "natural_language_processing", "computer_vision", "intelligent_driving", "cloud_computing",
            "intelligent_robots");

    @Test
    void bundledDictionaryHasStudyACategoriesAndStudyBCorpus() {
        KeywordDictionary d = KeywordDictionary.load(Settings.defaults());
        assertEquals(STUDY_A, d.categoryIds());
        assertEquals(List.of("人工智能", "云计算", "大数据", "物联网"), d.corpus().get("tin"));
        assertEquals(List.of("人工智能", "AI"), d.corpus().get("ai"));
        for (KeywordDictionary.Category c : d.categories()) {
            assertTrue(c.terms().size() >= 5, c.id());
            assertFalse(c.ipc().isEmpty(), c.id());
            assertTrue(c.terms().stream().anyMatch(t -> t.chars().allMatch(ch -> ch < 128)), c.id() + " English");
        }
    }

    @Test
    void fileAndClasspathCopiesAreIdentical() throws Exception {
        Path root = Path.of(System.getProperty("user.dir"));
        assertEquals(Files.readString(root.resolve("conf/keywords.conf")),
                Files.readString(root.resolve("src/main/resources/keywords.conf")));
    }

    /** Term sets are disjoint across categories, so a planted term hits exactly its own category. */
    @Test
    void bundledTermsHitOnlyTheirOwnCategory() {
        KeywordDictionary d = KeywordDictionary.load(Settings.defaults());
        KeywordMatcher m = new KeywordMatcher(d);
        for (KeywordDictionary.Category c : d.categories()) {
            for (String t : c.terms()) {
                assertEquals(List.of(c.id()), m.matchCategories("一种" + t + "方法"), t);
            }
            for (String x : c.exclude()) {
                assertEquals(List.of(), m.matchCategories("一种" + x + "装置"), x);
            }
        }
    }

    @Test
    void loadsAFileNamedInTheConfiguration(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("my.conf");
        Files.writeString(f, "categories = [{ id = \"quantum\", name = \"量子计算\", terms = [\"量子计算\"] }]\n");
        KeywordDictionary d = KeywordDictionary.load(Settings.load(null, Map.of("measure.keywords", f.toString())));
        assertEquals(List.of("quantum"), d.categoryIds());
        assertEquals(Map.of(), d.corpus());
        assertEquals(List.of(), d.categories().get(0).exclude());
    }

    @Test
    void rejectsBadDictionariesWithAClearMessage() {
        assertMessage("no terms", "categories = [{ id = \"a\", terms = [] }]");
        assertMessage("appears twice", "categories = [{ id = \"a\", terms = [\"x\"] }, { id = \"a\", terms = [\"y\"] }]");
        assertMessage("lower-case", "categories = [{ id = \"Deep-Learning\", terms = [\"x\"] }]");
        assertMessage("reserved", "categories = [{ id = \"ai_patents\", terms = [\"x\"] }]");
        assertMessage("not an IPC code", "categories = [{ id = \"a\", terms = [\"x\"], ipc = [\"neural\"] }]");
        assertMessage("empty term", "categories = [{ id = \"a\", terms = [\"　\"] }]");
        assertMessage("terms", "categories = [{ id = \"a\" }]");
        assertMessage("list of terms", "categories = [{ id = \"a\", terms = [\"x\"] }]\ncorpus { tin = \"x\" }");
    }

    private static void assertMessage(String fragment, String hocon) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeywordDictionary.parse(hocon));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("keyword dictionary"), e.getMessage());
    }
}
