package org.airesilience.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MarkupTest {
    @Test
    void stripsInlineImagesTagsAndEntities() {
        assertEquals("本发明公开了一种 图像识别方法",
                Markup.strip("本发明公开了一种<img file=\"DDA0001234.GIF\" wi=\"546\" he=\"71\" />图像识别方法"));
        assertEquals("H 2 O 与 CO 2", Markup.strip("H<sub>2</sub>O 与 CO<sub>2</sub>"));
        assertEquals("第一段 第二段", Markup.strip("<p>第一段</p><br/><p>第二段</p>"));
        assertEquals("a<b & c>d \"x\" ©", Markup.strip("a&lt;b &amp; c&gt;d &quot;x&quot; &#169;"));
        assertEquals("&lt;img&gt; stays text", Markup.strip("&amp;lt;img&amp;gt; stays text"));
        assertEquals("x < y and y > z", Markup.strip("x < y and y > z"));
        assertEquals("全角 空格", Markup.strip("全角\u3000\u3000空格 "));
        assertEquals("深度学习", Markup.strip("<IMG SRC='a.png'>深度学习"));
        assertNull(Markup.strip(null));
    }

    @Test
    void tagsAreWhatTheTagPatternMatches() {
        String tag = "</?[A-Za-z][A-Za-z0-9:_-]*(?:\\s[^<>]*)?/?\\s*>";
        String[] samples = {"<b>", "</b>", "<br/>", "<br />", "<br/ >", "<br/ x>", "<img\tsrc=a>", "<a:b_c-1>", "< b>", "<1>",
                "<>", "</>", "<//b>", "<b", "<b x", "<b x<i>", "<a <b>c", "<b/", "<b\u3000x>", "<b\u00A0>", "a<b>c</b>d",
                "x < y and y > z", "<<b>>", "<b>>", "<b x='<'>", "<b\n\nx>", "<b/\t>", "<b-/>", "<b x/>", "<"};
        for (String s : samples) {
            assertEquals(s.replaceAll(tag, " ").replaceAll("[\\s\\u00A0\\u3000]+", " ").trim(), Markup.strip(s), s);
        }
    }

    @Test
    void whitespaceWithoutMarkup() {
        assertEquals("a b c", Markup.strip(" a\u00A0\u00A0b\t\n c\u3000"));
        assertEquals("a\u2003b", Markup.strip("a\u2003b"));
        assertEquals("", Markup.strip("\u3000 \u0001"));
        assertEquals("", Markup.strip(""));
        assertEquals("a&b", Markup.strip("a&b"));
    }
}
