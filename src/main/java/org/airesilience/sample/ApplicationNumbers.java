package org.airesilience.sample;

/**
 * Chinese patent application numbers as they appear in dumps. Since 2003 they have 12 digits (4-digit year, 1-digit
 * type, 7-digit serial) and a check digit after a dot, e.g. {@code CN201710117081.7}; before, 8 digits (2-digit
 * year, type, 5-digit serial), e.g. {@code CN85100462}.
 */
final class ApplicationNumbers {
    private ApplicationNumbers() {
    }

    /** 12 digits: year, type (1 invention, 2 utility model, 3 design), serial. */
    static String modern(int year, int type, int serial) {
        return pad(year, 4) + type + pad(serial, 7);
    }

    /** 8 digits: two-digit year, type, serial (numbers of applications filed before 2003). */
    static String legacy(int year, int type, int serial) {
        return pad(year % 100, 2) + type + pad(serial, 5);
    }

    static String pad(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** The check digit of the national office: digits weighted 2..9 cyclically, sum mod 11, 10 written X. */
    static char checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(i) - '0') * (2 + i % 8);
        }
        int c = sum % 11;
        return c == 10 ? 'X' : (char) ('0' + c);
    }

    /** The form the curated data carries: "CN" + digits, no check digit. */
    static String normalised(String digits) {
        return "CN" + digits;
    }

    /** As published: CN prefix and, for 12-digit numbers, ".check digit". */
    static String published(String digits) {
        return digits.length() == 12 ? "CN" + digits + "." + checkDigit(digits) : "CN" + digits;
    }
}
