package org.airesilience.ingest;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as patent exports write them: {@code 2017.03.01}, {@code 2017-03-01}, {@code 2017/3/1}, {@code 20170301},
 * {@code 2017年3月1日}, optionally followed by a time of day.
 */
public final class PatentDates {
    private static final Pattern SEPARATED = Pattern.compile(
            "(\\d{4})\\s*[./\\-年]\\s*(\\d{1,2})\\s*[./\\-月]\\s*(\\d{1,2})\\s*日?(?:[T\\s]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?Z?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    static final int FIRST_YEAR = 1985;
    static final int LAST_YEAR = 2100;

    private PatentDates() {
    }

    /** @return the date, or null when the value is blank; throws IllegalArgumentException when unparseable */
    public static LocalDate parse(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
        Matcher m = SEPARATED.matcher(s);
        if (!m.matches()) m = COMPACT.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("unparseable date '" + raw.trim() + "'");
        int year = Integer.parseInt(m.group(1));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("date '" + raw.trim() + "' outside " + FIRST_YEAR + "-" + LAST_YEAR);
        }
        try {
            return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid date '" + raw.trim() + "'");
        }
    }
}
