package org.airesilience.measure;

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
    private TextNormaliser() {
    }

    static String normalise(String text) {
        int n = text.length();
        char[] out = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char m;
            if (c < 0x80) {
                m = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            } else if (c >= 0x4E00 && c <= 0x9FFF) {
                m = c; // CJK unified ideographs are NFKC-stable
            } else if (c >= 0xFF01 && c <= 0xFF5E) {
                m = (char) (c - 0xFEE0); // full-width ASCII forms
                if (m >= 'A' && m <= 'Z') m = (char) (m + 32);
            } else if (c == 0x3000) {
                m = ' ';
            } else if ((c >= 0x3001 && c <= 0x3035) || c == 0x2014 || c == 0x2018 || c == 0x2019
                    || c == 0x201C || c == 0x201D || c == 0x00B7) {
                m = c; // CJK punctuation and quotes without compatibility mappings
            } else {
                return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            }
            if (m != c && out == null) {
                out = new char[n];
                text.getChars(0, i, out, 0);
            }
            if (out != null) out[i] = m;
        }
        return out == null ? text : new String(out);
    }
}
