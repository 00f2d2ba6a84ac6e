package org.airesilience.measure;

import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextNormaliserTest {
    @Test
    void fastPathsMatchNfkcLowerCase() {
        String text = "基于ＤＥＥＰ　Learning的方法，“云计算”—Ａ１·";
        assertEquals(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT),
                TextNormaliser.normalise(text));
    }

    /** Decoding and normalising UTF-8 in one pass gives what decoding, then {@link TextNormaliser#normalise} gives. */
    @Test
    void utf8PathAgreesWithTheStringPathOrDeclines() {
        Random random = new Random(11);
        String pool = "abcXYZ09 ,.-深度学习云计算机器人，。、；“”ＡＢＣａｂｃ１２　·—é😀ﬁ①";
        int declined = 0;
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) b.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0,
                    random.nextInt(pool.codePointCount(0, pool.length())))));
            String s = b.toString();
            UTF8String utf8 = UTF8String.fromString("xx" + s);
            char[] out = new char[utf8.numBytes() + 2];
            out[0] = '>';
            int end = TextNormaliser.normaliseUtf8(utf8.getBaseObject(), utf8.getBaseOffset() + 2, utf8.numBytes() - 2, out, 1);
            if (end < 0) {
                declined++;
                continue;
            }
            assertEquals(">" + TextNormaliser.normalise(s), new String(out, 0, end), s);
        }
        assertEquals(true, declined > 0 && declined < 2000, "both paths taken: " + declined);
        byte[] broken = {'a', (byte) 0xE6, (byte) 0xB7};
        UTF8String cut = UTF8String.fromBytes(broken);
        assertEquals(-1, TextNormaliser.normaliseUtf8(cut.getBaseObject(), cut.getBaseOffset(), 3, new char[3], 0));
        byte[] overlong = {(byte) 0xC1, (byte) 0x81};
        UTF8String o = UTF8String.fromBytes(overlong);
        assertEquals(-1, TextNormaliser.normaliseUtf8(o.getBaseObject(), o.getBaseOffset(), 2, new char[2], 0));
    }
}
