package org.airesilience.ingest.format;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SourceCharsetsTest {
    private static final Charset GBK = Charset.forName("GBK");

    /** Random text of ASCII, CJK ideographs, CJK punctuation and full-width forms, as patent text is. */
    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> b.append((char) (0x20 + random.nextInt(0x5F)));
                case 1 -> b.append((char) (0x4E00 + random.nextInt(0x51A6))); // the ideographs GBK encodes
                case 2 -> b.append("，。、；：（）《》“”【】".charAt(random.nextInt(13)));
                default -> b.append((char) (0xFF01 + random.nextInt(0x5E)));
            }
        }
        return b.toString();
    }

    @Test
    void gbkAndGb18030DecodeAsTheJdkDecodersDo() throws CharacterCodingException {
        Random random = new Random(7);
        for (Charset cs : new Charset[]{GBK, SourceCharsets.GB18030}) {
            for (int i = 0; i < 500; i++) {
                byte[] bytes = text(random, random.nextInt(200)).getBytes(cs);
                String expected = SourceCharsets.strictDecoder(cs).decode(ByteBuffer.wrap(bytes)).toString();
                assertEquals(expected, SourceCharsets.decode(bytes, 0, bytes.length, cs), cs.name());
            }
        }
    }

    @Test
    void fourByteSequencesAndSliceBounds() throws CharacterCodingException {
        String s = "专利𠀀€ab深度学习"; // U+20000 and the euro sign take four bytes in GB18030
        byte[] padded = ("xx" + s + "yy").getBytes(SourceCharsets.GB18030);
        int start = 2;
        int length = padded.length - 4;
        assertEquals(s, SourceCharsets.decode(padded, start, length, SourceCharsets.GB18030));
    }

    @Test
    void invalidBytesAreRejected() {
        byte[] cutLead = "深度学习".getBytes(GBK);
        assertThrows(CharacterCodingException.class, () -> SourceCharsets.decode(cutLead, 0, cutLead.length - 1, GBK));
        byte[] badTrail = {(byte) 0xC9, (byte) 0x7F, 'a'};
        assertThrows(CharacterCodingException.class, () -> SourceCharsets.decode(badTrail, 0, 3, SourceCharsets.GB18030));
        byte[] utf8 = "深度".getBytes(StandardCharsets.UTF_8);
        assertThrows(CharacterCodingException.class, () -> SourceCharsets.decode(utf8, 0, utf8.length - 1, StandardCharsets.UTF_8));
    }
}
