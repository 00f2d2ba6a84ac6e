package org.airesilience.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextsTest {
    /** Whitespace and control characters the scanners must treat exactly as the regexes they replace. */
    private static final String[] SAMPLES = {"", " ", "a", " a ", "a  b", "a\tb", "a \t\n b", "\u3000a\u3000\u3000b\u3000",
            "a\u00A0\u00A0b", " \u00A0a", "a\u2003b", "\u2003a\u2003", "\u0001 a \u0001", "\u001Ca\u001C", "a\u000Bb\fc\rd",
            "全角\u3000\u3000空格 ", "\r\n", "a \u3000 b", "x\u0085y", "  \t  "};

    @Test
    void collapseAndTrimMatchesTheRegex() {
        for (String s : SAMPLES) {
            assertEquals(s.replaceAll("\\s+", " ").trim(), Texts.collapseAndTrim(s, false), s);
            assertEquals(s.replaceAll("[\\s\\u00A0\\u3000]+", " ").trim(), Texts.collapseAndTrim(s, true), s);
        }
    }

    @Test
    void collapseAndStripMatchesTheRegex() {
        for (String s : SAMPLES) {
            assertEquals(s.replaceAll("\\s+", " ").strip(), Texts.collapseAndStrip(s), s);
        }
    }

    @Test
    void stripOfARangeIsStripOfTheSubstring() {
        for (String s : SAMPLES) {
            for (int from = 0; from <= s.length(); from++) {
                for (int to = from; to <= s.length(); to++) {
                    assertEquals(s.substring(from, to).strip(), Texts.strip(s, from, to), s);
                }
            }
        }
    }

    @Test
    void withoutAsciiSpacesRemovesRegexWhitespaceOnly() {
        for (String s : SAMPLES) {
            assertEquals(s.replaceAll("\\s", ""), Texts.withoutAsciiSpaces(s), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "北京市海淀区", "ＣＮ２０１７", "（公告）", "\u3000", "ﬁ", "e\u0301", "①", "\u2F00", "\uF900", "ｶ"})
    void nfkcIsTheNormalizer(String s) {
        assertEquals(Normalizer.normalize(s, Normalizer.Form.NFKC), Texts.nfkc(s));
    }

    @Test
    void unchangedTextIsNotCopied() {
        String s = "广东省深圳市 南山区;G06N3/04";
        assertSame(s, Texts.nfkc(s));
        assertSame(s, Texts.collapseAndTrim(s, true));
        assertSame(s, Texts.collapseAndStrip(s));
        String code = "G06N3/04";
        assertSame(code, Texts.withoutAsciiSpaces(code));
    }

    @Test
    void digitsAreAsciiDigitsOnly() {
        assertTrue(Texts.isDigits("a123", 1, 4));
        assertTrue(Texts.isDigits("", 0, 0));
        assertFalse(Texts.isDigits("123", 0, 4), "range beyond the end");
        assertFalse(Texts.isDigits("１２", 0, 2), "full-width digits");
        assertFalse(Texts.isDigits("٣", 0, 1), "other scripts");
    }
}
