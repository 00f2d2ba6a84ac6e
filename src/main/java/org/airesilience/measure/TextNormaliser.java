package org.airesilience.measure;

import org.apache.spark.unsafe.Platform;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises text before keyword matching: Unicode NFKC (full-width letters, digits and punctuation become
 * half-width, the ideographic space a space) and lower case.
 *
 * <p>Patent text is almost all ASCII, CJK ideographs, CJK punctuation and full-width forms; those are mapped in one
 * pass without the general normaliser, which is only called for text containing anything else.
 */
final class TextNormaliser {
    /** What {@link #fastForm} returns for a character that needs the general normaliser. */
    private static final int GENERAL = -1;

    private TextNormaliser() {
    }

    static String normalise(String text) {
        int n = text.length();
        char[] out = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int m = fastForm(c);
            if (m == GENERAL) return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            if (m != c && out == null) {
                out = new char[n];
                text.getChars(0, i, out, 0);
            }
            if (out != null) out[i] = (char) m;
        }
        return out == null ? text : new String(out);
    }

    /**
     * Decodes UTF-8 bytes (as Spark keeps strings: {@code numBytes} bytes at {@code offset} of {@code base}) and
     * normalises them as {@link #normalise} does, into {@code out} from {@code at}, which has room for
     * {@code numBytes} more chars. Returns the end of what was written, or -1 when the text needs the general
     * normaliser (characters outside the fast path, four-byte sequences, malformed bytes): then decode and
     * {@link #normalise} it.
     */
    static int normaliseUtf8(Object base, long offset, int numBytes, char[] out, int at) {
        int j = at;
        for (int i = 0; i < numBytes; ) {
            int b = Platform.getByte(base, offset + i);
            int c;
            if (b >= 0) {
                c = b;
                i++;
            } else if ((b & 0xE0) == 0xC0 && i + 1 < numBytes) {
                int b1 = Platform.getByte(base, offset + i + 1);
                if ((b1 & 0xC0) != 0x80) return -1;
                c = (b & 0x1F) << 6 | (b1 & 0x3F);
                if (c < 0x80) return -1; // overlong
                i += 2;
            } else if ((b & 0xF0) == 0xE0 && i + 2 < numBytes) {
                int b1 = Platform.getByte(base, offset + i + 1);
                int b2 = Platform.getByte(base, offset + i + 2);
                if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return -1;
                c = (b & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
                if (c < 0x800) return -1; // overlong
                i += 3;
            } else {
                return -1;
            }
            int m = fastForm((char) c);
            if (m == GENERAL) return -1;
            out[j++] = (char) m;
        }
        return j;
    }

    /** The normal form of a character of the fast path, or {@link #GENERAL}. */
    private static int fastForm(char c) {
        if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
        if (c >= 0x4E00 && c <= 0x9FFF) return c; // CJK unified ideographs are NFKC-stable
        if (c >= 0xFF01 && c <= 0xFF5E) { // full-width ASCII forms
            int m = c - 0xFEE0;
            return (m >= 'A' && m <= 'Z') ? m + 32 : m;
        }
        if (c == 0x3000) return ' ';
        if ((c >= 0x3001 && c <= 0x3035) || c == 0x2014 || c == 0x2018 || c == 0x2019
                || c == 0x201C || c == 0x201D || c == 0x00B7) {
            return c; // CJK punctuation and quotes without compatibility mappings
        }
        return GENERAL;
    }
}
