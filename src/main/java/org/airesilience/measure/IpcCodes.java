package org.airesilience.measure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPC/CPC codes of the keyword dictionary and their matching against a patent's codes. Codes are compared in the
 * canonical form {@code G06N3/08}: upper case, no spaces, no leading zeros in the main group number. A dictionary code
 * matches at its own level: a subclass ({@code G06V}) covers all its groups, a main group ({@code G06N3}) all its
 * subgroups, a subgroup ({@code G06F9/50}) the subgroups whose number extends it.
 */
final class IpcCodes implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("([A-H][0-9]{2}[A-Z])(?:0*([0-9]{1,4})(?:/([0-9]{1,6}))?)?");

    private final String[] codes;
    private final long[] masks;

    private IpcCodes(String[] codes, long[] masks) {
        this.codes = codes;
        this.masks = masks;
    }

    /** The canonical form of one code, or null when it is not an IPC/CPC code. */
    static String normalise(String code) {
        String s = code.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        Matcher m = CODE.matcher(s);
        if (!m.matches()) return null;
        if (m.group(2) == null) return m.group(1);
        String group = m.group(1) + Integer.parseInt(m.group(2));
        if (m.group(3) == null) return group;
        return group + "/" + m.group(3); // subgroup digits are a decimal fraction: leading zeros matter
    }

    /** One entry per category, in category order. */
    static IpcCodes of(List<List<String>> perCategory) {
        List<String> codes = new ArrayList<>();
        List<Long> masks = new ArrayList<>();
        for (int c = 0; c < perCategory.size(); c++) {
            for (String code : perCategory.get(c)) {
                codes.add(normalise(code));
                masks.add(1L << c);
            }
        }
        return new IpcCodes(codes.toArray(String[]::new), masks.stream().mapToLong(Long::longValue).toArray());
    }

    /** Category bits of the codes in a ';'- or ','-separated list of a patent's codes. */
    long categoryMask(String patentCodes) {
        if (patentCodes == null || patentCodes.isEmpty() || codes.length == 0) return 0L;
        long mask = 0L;
        for (String raw : patentCodes.split("[;,]")) {
            String code = normalise(raw);
            if (code == null) continue;
            for (int i = 0; i < codes.length; i++) {
                if (covers(codes[i], code)) mask |= masks[i];
            }
        }
        return mask;
    }

    static boolean covers(String dictionaryCode, String code) {
        if (!code.startsWith(dictionaryCode)) return false;
        if (code.length() == dictionaryCode.length() || dictionaryCode.length() == 4) return true;
        char next = code.charAt(dictionaryCode.length());
        return dictionaryCode.indexOf('/') >= 0 ? Character.isDigit(next) : next == '/';
    }
}
