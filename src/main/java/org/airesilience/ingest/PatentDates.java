package org.airesilience.ingest;

import org.airesilience.text.Texts;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Dates as patent exports write them: {@code 2017.03.01}, {@code 2017-03-01}, {@code 2017/3/1}, {@code 20170301},
 * {@code 2017年3月1日}, optionally followed by a time of day.
 */
public final class PatentDates {
    static final int FIRST_YEAR = 1985;
    static final int LAST_YEAR = 2100;

    private PatentDates() {
    }

    /** @return the date, or null when the value is blank; throws IllegalArgumentException when unparseable */
    public static LocalDate parse(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String s = Texts.nfkc(raw).trim();
        int[] ymd = separated(s);
        if (ymd == null) ymd = compact(s);
        if (ymd == null) throw new IllegalArgumentException("unparseable date '" + raw.trim() + "'");
        int year = ymd[0];
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("date '" + raw.trim() + "' outside " + FIRST_YEAR + "-" + LAST_YEAR);
        }
        try {
            return LocalDate.of(year, ymd[1], ymd[2]);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid date '" + raw.trim() + "'");
        }
    }

    /** {@code 20170301}, or null. */
    private static int[] compact(String s) {
        if (s.length() != 8 || !Texts.isDigits(s, 0, 8)) return null;
        return new int[]{number(s, 0, 4), number(s, 4, 6), number(s, 6, 8)};
    }

    /**
     * Year, month and day of {@code 2017.3.1}, {@code 2017 - 03 - 01}, {@code 2017年3月1日}, or null: four digits,
     * a separator, one or two digits, a separator, one or two digits, an optional 日 and an optional time of day;
     * whitespace allowed around the separators.
     */
    private static int[] separated(String s) {
        if (!Texts.isDigits(s, 0, 4)) return null;
        int i = skipSpaces(s, 4);
        if (i >= s.length() || "./-年".indexOf(s.charAt(i)) < 0) return null;
        int monthStart = skipSpaces(s, i + 1);
        int monthEnd = digitsEnd(s, monthStart, 2);
        if (monthEnd == monthStart) return null;
        i = skipSpaces(s, monthEnd);
        if (i >= s.length() || "./-月".indexOf(s.charAt(i)) < 0) return null;
        int dayStart = skipSpaces(s, i + 1);
        int dayEnd = digitsEnd(s, dayStart, 2);
        if (dayEnd == dayStart) return null;
        i = skipSpaces(s, dayEnd);
        // without a 日 the whitespace after the day separates the time of day
        i = i < s.length() && s.charAt(i) == '日' ? i + 1 : dayEnd;
        if (i < s.length() && !isTimeOfDay(s, i)) return null;
        return new int[]{number(s, 0, 4), number(s, monthStart, monthEnd), number(s, dayStart, dayEnd)};
    }

    /** Whether {@code s} from {@code i} on is {@code [T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?}. */
    private static boolean isTimeOfDay(String s, int i) {
        int n = s.length();
        int start = i;
        while (i < n && (s.charAt(i) == 'T' || Texts.isAsciiSpace(s.charAt(i)))) i++;
        if (i == start) return false;
        int hourEnd = digitsEnd(s, i, 2);
        if (hourEnd == i || hourEnd >= n || s.charAt(hourEnd) != ':') return false;
        i = hourEnd + 1;
        if (digitsEnd(s, i, 2) != i + 2) return false;
        i += 2;
        if (i < n && s.charAt(i) == ':' && digitsEnd(s, i + 1, 2) == i + 3) {
            i += 3;
            if (i < n && s.charAt(i) == '.' && digitsEnd(s, i + 1, n) > i + 1) i = digitsEnd(s, i + 1, n);
        }
        if (i < n && s.charAt(i) == 'Z') i++;
        return i == n;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Texts.isAsciiSpace(s.charAt(i))) i++;
        return i;
    }

    /** End of the digits from {@code i} on, at most {@code max} of them. */
    private static int digitsEnd(String s, int i, int max) {
        int end = Math.min(s.length(), i + max);
        while (i < end && Texts.isDigit(s.charAt(i))) i++;
        return i;
    }

    private static int number(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }
}
