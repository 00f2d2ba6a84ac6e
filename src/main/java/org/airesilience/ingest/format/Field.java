package org.airesilience.ingest.format;

import java.util.Locale;

/** The canonical fields of a raw patent record; {@link #canonicalName()} is the name used in configuration. */
public enum Field {
    APPLICATION_NUMBER, APPLICATION_DATE, PUBLICATION_NUMBER, PUBLICATION_DATE, TITLE, ABSTRACT, CLAIMS, APPLICANT,
    INVENTOR, ADDRESS, PROVINCE_CODE, POSTAL_CODE, IPC_MAIN, IPC, PATENT_TYPE;

    private static final Field[] ALL = values();

    private final String canonicalName = name().toLowerCase(Locale.ROOT);

    /** {@code application_number}, {@code title}, ... */
    public String canonicalName() {
        return canonicalName;
    }

    /** The field with this canonical name, or null. */
    public static Field byCanonicalName(String name) {
        for (Field f : ALL) if (f.canonicalName.equals(name)) return f;
        return null;
    }

    static int count() {
        return ALL.length;
    }
}
