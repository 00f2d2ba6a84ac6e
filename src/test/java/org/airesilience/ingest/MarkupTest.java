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
}
