package org.airesilience.ingest.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Charset of a source and strict decoding. Detection: text whose non-ASCII bytes form mostly valid UTF-8 sequences is
 * UTF-8, else GB18030 (a superset of GBK and GB2312); pure ASCII gets the default.
 * A few broken sequences in a UTF-8 file do not flip the guess: those records are quarantined as undecodable.
 */
public final class SourceCharsets {
    public static final Charset GB18030 = Charset.forName("GB18030");

    private SourceCharsets() {
    }

    public static Charset detect(byte[] sample, int length, Charset fallback) {
        int valid = 0;
        int invalid = 0;
        int i = startAfterBom(sample, length);
        while (i < length) {
            int b = sample[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? (b <= 0xEF ? 2 : -1) : b >= 0xC2 && b <= 0xDF ? 1 : -1;
            if (need < 0) {
                invalid++;
                i++;
                continue;
            }
            if (i + need >= length) break; // sequence cut by the end of the sample
            boolean ok = true;
            for (int k = 1; k <= need; k++) ok &= (sample[i + k] & 0xC0) == 0x80;
            if (ok) {
                valid++;
                i += need + 1;
            } else {
                invalid++;
                i++;
            }
        }
        if (valid == 0 && invalid == 0) return fallback;
        // GBK/GB18030 text read as UTF-8 yields almost only invalid sequences (a few percent valid by chance)
        return invalid <= valid ? StandardCharsets.UTF_8 : GB18030;
    }

    /** Length of a UTF-8 byte-order mark at the start, else 0. */
    public static int startAfterBom(byte[] b, int length) {
        return bomLength(b, 0, length);
    }

    /** Length of a UTF-8 byte-order mark at the start of {@code b[from, to)}, else 0. */
    public static int bomLength(byte[] b, int from, int to) {
        return to - from >= 3 && (b[from] & 0xFF) == 0xEF && (b[from + 1] & 0xFF) == 0xBB && (b[from + 2] & 0xFF) == 0xBF ? 3 : 0;
    }

    /** Decodes strictly; throws on bytes that are not valid in the charset. */
    public static String decode(byte[] bytes, int offset, int length, Charset charset) throws CharacterCodingException {
        return decode(bytes, offset, length, strictDecoder(charset));
    }

    /** Decodes strictly with a decoder from {@link #strictDecoder} (reusable by one thread, saves an allocation). */
    public static String decode(byte[] bytes, int offset, int length, CharsetDecoder strict) throws CharacterCodingException {
        Charset charset = strict.charset();
        if (StandardCharsets.UTF_8.equals(charset)) {
            // String's own UTF-8 decoding is much faster; it replaces bad bytes with U+FFFD, so only text without
            // U+FFFD is known to be valid without the strict decoder
            String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) return s;
        } else if (GB18030.equals(charset) || GBK.equals(charset)) {
            String s = decodeDoubleBytes(bytes, offset, length, doubleByteTable(charset));
            if (s != null) return s;
        }
        return strict.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    }

    private static final Charset GBK = Charset.forName("GBK");
    private static final char NOT_DOUBLE_BYTE = '\uFFFF'; // a noncharacter: no decoder yields it
    private static final Map<Charset, char[]> DOUBLE_BYTE_TABLES = new ConcurrentHashMap<>();

    /**
     * ASCII and two-byte sequences by table, which is several times faster than the JDK's GBK and GB18030 decoders;
     * null when the text has anything else (GB18030's four-byte sequences, invalid bytes), which the strict decoder
     * then decodes or rejects.
     */
    private static String decodeDoubleBytes(byte[] b, int offset, int length, char[] table) {
        char[] out = new char[length];
        int n = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                out[n++] = (char) lead;
                continue;
            }
            if (i + 1 == end) return null;
            char c = table[lead << 8 | b[++i] & 0xFF];
            if (c == NOT_DOUBLE_BYTE) return null;
            out[n++] = c;
        }
        return new String(out, 0, n);
    }

    /** Every two-byte sequence's character as the charset's own strict decoder gives it, built once per charset. */
    private static char[] doubleByteTable(Charset charset) {
        return DOUBLE_BYTE_TABLES.computeIfAbsent(charset, cs -> {
            char[] table = new char[1 << 16];
            Arrays.fill(table, NOT_DOUBLE_BYTE);
            CharsetDecoder strict = strictDecoder(cs);
            for (int lead = 0x80; lead <= 0xFF; lead++) {
                for (int trail = 0; trail <= 0xFF; trail++) {
                    try {
                        CharBuffer c = strict.decode(ByteBuffer.wrap(new byte[]{(byte) lead, (byte) trail}));
                        if (c.length() == 1 && c.charAt(0) != NOT_DOUBLE_BYTE) table[lead << 8 | trail] = c.charAt(0);
                    } catch (CharacterCodingException e) {
                        // not a two-byte sequence: left to the strict decoder
                    }
                }
            }
            return table;
        });
    }

    public static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Decodes leniently (bad bytes become U+FFFD), for showing a quarantined record. */
    public static String decodeLenient(byte[] bytes, int offset, int length, Charset charset) {
        try {
            CharBuffer cb = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }
}
